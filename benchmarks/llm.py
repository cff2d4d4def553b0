"""The LLM backends head to head: one GGUF file through transformers (dequantised to float32) and through
llama.cpp (quantised), on the same prompt of `prompt_tokens` tokens, then exactly `new_tokens` greedy
tokens (end-of-sequence ignored, so both decode the same count). Each runs in its own process
(benchmarks/run.py starts it), so its peak RSS is its own.

Prefill is timed as one forward pass over the prompt, decode as the following single-token steps; the
figures are tokens per second of wall time and of this process's CPU time.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

LLM_ENGINES = ("llm-transformers", "llm-llamacpp", "llm-llamacpp-json")
PROMPT_TOKENS = 650
NEW_TOKENS = 128
TARGETS = {"llamacpp_vs_transformers_decode": 4.0, "llamacpp_peak_rss_fraction_max": 1 / 3}


def prompt_text(page: Path) -> str:
    """The direct-brief prompt for the sample page: longer than PROMPT_TOKENS, cut by each worker."""
    from summarise.engines.llm import figure_hints
    from summarise.models.prompts import load_prompts
    from summarise.names.hints import name_hints

    body = page.read_text(encoding="utf-8")
    values = {"article": body, "headline": "(none)", "figures": figure_hints(body), "names": name_hints(body),
              "sentences": "3"}
    return load_prompts()["brief_direct"].render(values)


def json_prompt_text(page: Path) -> str:
    """The direct-brief prompt of the page's shortest article, whole: its instructions ask for a JSON
    object, so a reply constrained to JSON is the reply the model means to write."""
    from summarise.articles import split_articles
    from summarise.engines.llm import figure_hints
    from summarise.models.prompts import load_prompts
    from summarise.names.hints import name_hints
    from summarise.reading.normalise import page_from_text

    article = min(split_articles(page_from_text(page.read_text(encoding="utf-8"))), key=lambda a: len(a.body))
    values = {"article": article.body, "headline": article.headline or "(none)",
              "figures": figure_hints(article.body), "names": name_hints(article.body), "sentences": "3"}
    return load_prompts()["brief_direct"].render(values)


def _stamp() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _rates(count: int, start: tuple[float, float], end: tuple[float, float]) -> dict[str, float]:
    wall, cpu = end[0] - start[0], end[1] - start[1]
    return {"tokens": count, "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
            "tokens_per_s": round(count / wall, 2), "tokens_per_cpu_s": round(count / cpu, 2)}


def measure_transformers(gguf: str, text: str, prompt_tokens: int, new_tokens: int, threads: int) -> dict[str, Any]:
    """Load the GGUF with transformers (float32 on CPU), prefill, then greedy single-token steps."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    torch.set_num_threads(threads)
    path = Path(gguf)
    started = _stamp()
    tokenizer = AutoTokenizer.from_pretrained(path.parent, gguf_file=path.name)
    model = AutoModelForCausalLM.from_pretrained(path.parent, gguf_file=path.name, dtype=torch.float32).eval()
    loaded = _stamp()
    chat = tokenizer.apply_chat_template([{"role": "user", "content": text}], add_generation_prompt=True,
                                         tokenize=False)
    ids = tokenizer(chat, add_special_tokens=False, return_tensors="pt")["input_ids"][:, :prompt_tokens]
    with torch.inference_mode():
        before = _stamp()
        output = model(input_ids=ids, use_cache=True)
        prefilled = _stamp()
        cache, token = output.past_key_values, output.logits[:, -1:].argmax(-1)
        generated = [int(token)]
        for _ in range(new_tokens - 1):
            output = model(input_ids=token, past_key_values=cache, use_cache=True)
            cache, token = output.past_key_values, output.logits[:, -1:].argmax(-1)
            generated.append(int(token))
        done = _stamp()
    return {
        "backend": "transformers", "load_s": round(loaded[0] - started[0], 1), "prompt_tokens": int(ids.shape[1]),
        "prefill": _rates(int(ids.shape[1]), before, prefilled), "decode": _rates(new_tokens - 1, prefilled, done),
        "threads": threads, "sample": tokenizer.decode(generated[:24]),
    }


def measure_llamacpp(gguf: str, text: str, prompt_tokens: int, new_tokens: int, threads: int) -> dict[str, Any]:
    """Load the GGUF through the llama.cpp backend (its settings: threads, context, AMX guard), prefill,
    then greedy single-token steps."""
    import llama_cpp

    from summarise.engines.llm_llamacpp import LlamaCppChat

    started = _stamp()
    chat = LlamaCppChat(gguf, device="cpu", max_new_tokens=new_tokens, threads=threads)
    llm = chat._load()
    loaded = _stamp()
    ids = llm.tokenize(chat.chat_text(text).encode("utf-8"), add_bos=True, special=True)[:prompt_tokens]
    llm.reset()
    before = _stamp()
    llm.eval(ids)
    prefilled = _stamp()
    generated = []
    for _ in range(new_tokens - 1):
        token = llm.sample(temp=0.0)
        generated.append(token)
        llm.eval([token])
    done = _stamp()
    return {
        "backend": "llama.cpp", "backend_version": llama_cpp.__version__, "load_s": round(loaded[0] - started[0], 1),
        "prompt_tokens": len(ids), "prefill": _rates(len(ids), before, prefilled),
        "decode": _rates(new_tokens - 1, prefilled, done), "threads": threads,
        "weight_repacking": chat.describe().get("weight_repacking"),
        "sample": llm.detokenize(generated[:24]).decode("utf-8", errors="replace"),
    }


def measure_llamacpp_json(gguf: str, text: str, prompt_tokens: int, new_tokens: int,
                          threads: int) -> dict[str, Any]:
    """llama.cpp's JSON grammar mode against none: one whole direct-brief prompt (`json_prompt_text`, not
    cut to `prompt_tokens`, so the model sees its JSON instructions) through `create_completion`, once
    free and once constrained by llama-cpp-python's JSON grammar (what `response_format` uses). The
    prompt is evaluated once, first; each completion then finds it in the KV cache (llama-cpp-python
    reuses the longest cached prefix), so its wall time is decoding alone. Each reply stops at its own
    end, and its rate is its own token count over that time."""
    import llama_cpp
    from llama_cpp.llama_grammar import JSON_GBNF

    from summarise.engines.llm_llamacpp import LlamaCppChat

    started = _stamp()
    chat = LlamaCppChat(gguf, device="cpu", max_new_tokens=new_tokens, threads=threads)
    llm = chat._load()
    load_s = round(_stamp()[0] - started[0], 1)
    ids = llm.tokenize(chat.chat_text(text).encode("utf-8"), add_bos=True, special=True)
    # Only a tiny test model's context is this short; llama.cpp miscounts a reply that reaches the very
    # end of the context, so the prompt leaves room for twice the reply.
    ids = ids[: llm.n_ctx() - 2 * new_tokens - 4]
    llm.reset()
    before = _stamp()
    llm.eval(ids)
    prefill = _rates(len(ids), before, _stamp())
    figures: dict[str, Any] = {"backend": "llama.cpp", "backend_version": llama_cpp.__version__, "load_s": load_s,
                               "prompt_tokens": len(ids), "prefill": prefill, "threads": threads}
    grammar = llama_cpp.LlamaGrammar.from_string(JSON_GBNF, verbose=False)
    for mode, constraint in (("free", None), ("json_grammar", grammar)):
        started = _stamp()
        reply = llm.create_completion(ids, max_tokens=new_tokens, temperature=0.0, repeat_penalty=1.0,
                                      grammar=constraint)
        wall = _stamp()[0] - started[0]
        count = int(reply["usage"]["completion_tokens"])
        figures[mode] = {"tokens": count, "wall_s": round(wall, 2), "decode_tokens_per_s": round(count / wall, 2),
                         "sample": str(reply["choices"][0]["text"])[:120]}
    # The comparison table reads "decode": the constrained rate is the one this measure is about.
    figures["decode"] = {"tokens": figures["json_grammar"]["tokens"],
                         "tokens_per_s": figures["json_grammar"]["decode_tokens_per_s"]}
    return figures


MEASURES = {"llm-transformers": measure_transformers, "llm-llamacpp": measure_llamacpp,
            "llm-llamacpp-json": measure_llamacpp_json}


def ratios(engines: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """llama.cpp against transformers: decode speed-up and the fraction of peak RSS, with targets."""
    if not all(name in engines for name in ("llm-transformers", "llm-llamacpp")):
        return {}
    fast, slow = engines["llm-llamacpp"], engines["llm-transformers"]
    decode = fast["decode"]["tokens_per_s"] / slow["decode"]["tokens_per_s"]
    rss = fast["peak_rss_mb"] / slow["peak_rss_mb"]
    grammar = engines.get("llm-llamacpp-json")
    if grammar:
        slowdown = grammar["free"]["decode_tokens_per_s"] / grammar["json_grammar"]["decode_tokens_per_s"]
        extra = {"llamacpp_json_grammar_decode_slowdown": {"value": round(slowdown, 2)}}
    else:
        extra = {}
    return {
        **extra,
        "llamacpp_vs_transformers_decode": {"value": round(decode, 2), "target": 4.0, "met": decode >= 4.0},
        "llamacpp_vs_transformers_decode_cpu": {
            "value": round(fast["decode"]["tokens_per_cpu_s"] / slow["decode"]["tokens_per_cpu_s"], 2)},
        "llamacpp_vs_transformers_prefill": {
            "value": round(fast["prefill"]["tokens_per_s"] / slow["prefill"]["tokens_per_s"], 2)},
        "llamacpp_peak_rss_fraction_max": {"value": round(rss, 3), "target": round(1 / 3, 3), "met": rss <= 1 / 3},
    }


def table(result: dict[str, Any]) -> str:
    """The comparison as a Markdown table."""
    lines = ["| engine | prefill tok/s | decode tok/s | peak RSS MiB | load s |", "|---|---:|---:|---:|---:|"]
    for name, figures in result["engines"].items():
        lines.append(f"| {name} | {figures['prefill']['tokens_per_s']} | "
                     f"{figures['decode']['tokens_per_s']} | {figures['peak_rss_mb']:.0f} | {figures['load_s']} |")
    for name, ratio in result["ratios"].items():
        met = "" if "met" not in ratio else (" (met)" if ratio["met"] else " (NOT met)")
        lines.append(f"\n{name}: {ratio['value']}{met}")
    return "\n".join(lines)
