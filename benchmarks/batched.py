"""Batched decoding in llama.cpp: several prompts decoded in one batch (one sequence id each, a unified KV
cache), against one prompt at a time, on the same GGUF and threads. Decides whether the llama.cpp backend
should batch: it would be kept only at >= 1.5x aggregate throughput on this CPU.

    python benchmarks/batched.py [--model FILE.gguf] [--batch 1,2,4] [--new-tokens 64] [--repeats 2]
                                 [--json benchmarks/results/batched.json]

The prompts are the lead strategy's own work: translate_zh_en prompts of the corpus's lead sentences (the
first `max(batch)` of them), chat-formatted. Every sequence decodes exactly `--new-tokens` greedy tokens
(end of sequence ignored), so each batch size does the same work: prefill of the same prompts, then the
same number of tokens. Batch sizes take turns in each repeat, so a shared machine's load falls on all of
them alike. Reported per batch size: prefill and decode seconds, and aggregate decode tokens per second.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TARGET = 1.5


def prompts(count: int) -> list[str]:
    """`count` translate_zh_en prompts of the corpus's lead sentences."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.strategies import corpus_articles
    from summarise.engines.llm import figure_hints
    from summarise.extractive import lead_summary
    from summarise.models.prompts import load_prompts

    template = load_prompts()["translate_zh_en"]
    sentences = [s for article in corpus_articles() for s in lead_summary(article)]
    return [template.render({"text": s, "figures": figure_hints(s)}) for s in sentences[:count]]


class Decoder:
    """A llama.cpp context with `slots` sequences, driven through the low-level API."""

    def __init__(self, model_path: str, slots: int, threads: int, n_ctx: int = 4096) -> None:
        import llama_cpp

        from summarise.engines.llm_llamacpp import LlamaCppChat, amx_in_build

        self.llama_cpp = llama_cpp
        self.chat = LlamaCppChat(model_path, device="cpu", threads=threads)
        params = llama_cpp.llama_model_default_params()
        params.use_extra_bufts = not amx_in_build(llama_cpp)  # the backend's AMX guard (K-quant crash)
        self.model = llama_cpp.llama_model_load_from_file(model_path.encode(), params)
        self.vocab = llama_cpp.llama_model_get_vocab(self.model)
        self.n_vocab = llama_cpp.llama_vocab_n_tokens(self.vocab)
        context = llama_cpp.llama_context_default_params()
        context.n_ctx, context.n_batch, context.n_ubatch = n_ctx * slots, 2048, 512
        context.n_seq_max, context.kv_unified = slots, True
        context.n_threads = context.n_threads_batch = threads
        self.ctx = llama_cpp.llama_init_from_model(self.model, context)
        self.batch = llama_cpp.llama_batch_init(2048, 0, slots)

    def tokens(self, prompt: str) -> list[int]:
        text = self.chat.chat_text(prompt).encode("utf-8")
        buffer = (self.llama_cpp.llama_token * 4096)()
        count = self.llama_cpp.llama_tokenize(self.vocab, text, len(text), buffer, 4096, True, True)
        return list(buffer[:count])

    def _submit(self, entries: list[tuple[int, int, int, bool]]) -> None:
        """Decode (token, position, sequence, wants logits) entries as one batch."""
        batch = self.batch
        for index, (token, position, sequence, logits) in enumerate(entries):
            batch.token[index], batch.pos[index] = token, position
            batch.n_seq_id[index], batch.seq_id[index][0] = 1, sequence
            batch.logits[index] = logits
        batch.n_tokens = len(entries)
        if self.llama_cpp.llama_decode(self.ctx, batch) != 0:
            raise RuntimeError("llama_decode failed")

    def _argmax(self, index: int) -> int:
        import numpy as np

        logits = self.llama_cpp.llama_get_logits_ith(self.ctx, index)
        return int(np.argmax(np.ctypeslib.as_array(ctypes.cast(logits, ctypes.POINTER(ctypes.c_float)),
                                                   shape=(self.n_vocab,))))

    def run(self, group: list[list[int]], new_tokens: int) -> tuple[float, float, list[list[int]]]:
        """Prefill every prompt of `group` (one sequence each), then decode `new_tokens` greedy tokens for
        all of them together; (prefill seconds, decode seconds, the tokens of each sequence)."""
        self.llama_cpp.llama_memory_clear(self.llama_cpp.llama_get_memory(self.ctx), True)
        started = time.perf_counter()
        last: list[int] = []
        for sequence, ids in enumerate(group):
            for start in range(0, len(ids), 2048):
                chunk = ids[start : start + 2048]
                self._submit([(t, start + i, sequence, start + i == len(ids) - 1) for i, t in enumerate(chunk)])
            last.append(self._argmax(len(chunk) - 1))
        prefilled = time.perf_counter()
        positions = [len(ids) for ids in group]
        generated = [[token] for token in last]
        for _ in range(new_tokens - 1):
            self._submit([(last[s], positions[s], s, True) for s in range(len(group))])
            last = [self._argmax(s) for s in range(len(group))]
            positions = [p + 1 for p in positions]
            for sequence, token in enumerate(last):
                generated[sequence].append(token)
        return prefilled - started, time.perf_counter() - prefilled, generated


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", help="the GGUF file (default: the package-shipped one)")
    parser.add_argument("--batch", default="1,2,4", help="batch sizes to compare")
    parser.add_argument("--new-tokens", type=int, default=64)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--threads", type=int, default=None, help="default: the usable cores")
    parser.add_argument("--json", type=Path, default=None)
    options = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from summarise.engines.llm_llamacpp import quiet_stderr, usable_cores
    from summarise.models.packaged import ensure_packaged_model

    model = options.model or str(ensure_packaged_model())
    sizes = [int(b) for b in options.batch.split(",")]
    threads = options.threads or usable_cores()
    texts = prompts(max(sizes))
    with quiet_stderr():
        decoders = {size: Decoder(model, size, threads) for size in sizes}
    ids = [decoders[sizes[0]].tokens(text) for text in texts]
    figures: dict[int, dict[str, float]] = {size: {"prefill_s": 0.0, "decode_s": 0.0} for size in sizes}
    outputs: dict[int, list[list[int]]] = {}
    load = [round(x, 2) for x in os.getloadavg()]
    for repeat in range(options.repeats):
        for size in sizes[repeat % len(sizes):] + sizes[: repeat % len(sizes)]:
            outputs[size] = []
            for start in range(0, len(ids), size):
                prefill, decode, tokens = decoders[size].run(ids[start : start + size], options.new_tokens)
                figures[size]["prefill_s"] += prefill
                figures[size]["decode_s"] += decode
                outputs[size] += tokens
            print(f"batched: repeat {repeat + 1}, batch {size}: {figures[size]}", file=sys.stderr, flush=True)
    decoded = len(ids) * (options.new_tokens - 1) * options.repeats
    result: dict[str, Any] = {
        "model": Path(model).name, "threads": threads, "prompts": len(ids),
        "prompt_tokens": [len(i) for i in ids], "new_tokens": options.new_tokens, "repeats": options.repeats,
        "load_before": load, "load_after": [round(x, 2) for x in os.getloadavg()],
        "batch": {str(size): {**{k: round(v, 2) for k, v in f.items()},
                              "decode_tokens_per_s": round(decoded / f["decode_s"], 2),
                              "end_to_end_s": round(f["prefill_s"] + f["decode_s"], 2)}
                  for size, f in figures.items()},
    }
    one = result["batch"][str(sizes[0])]
    for size in sizes[1:]:
        entry = result["batch"][str(size)]
        entry["decode_speedup"] = round(entry["decode_tokens_per_s"] / one["decode_tokens_per_s"], 2)
        entry["end_to_end_speedup"] = round(one["end_to_end_s"] / entry["end_to_end_s"], 2)
        entry["worth_it"] = entry["end_to_end_speedup"] >= TARGET
        # Batching changes the order of float additions only: the greedy tokens should mostly agree.
        same = sum(a == b for x, y in zip(outputs[size], outputs[sizes[0]]) for a, b in zip(x, y))
        entry["tokens_same_as_one_at_a_time"] = round(same / sum(len(x) for x in outputs[size]), 3)
    text = json.dumps(result, indent=1)
    if options.json:
        options.json.parent.mkdir(parents=True, exist_ok=True)
        options.json.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
