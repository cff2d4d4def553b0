"""The three engines the benchmark compares, driven with forced output lengths.

Every driver answers one question: generate for these texts, with this many new tokens for each,
using this beam size, and report how many tokens came out. Random weights would stop at arbitrary
lengths, so each call forces min_new_tokens == max_new_tokens.

- naive: one text per generate() call, the model's default settings, tokenising as it goes.
- torch: the levers of the PyTorch engine: everything tokenised once up front, length-sorted
  buckets of `batch_size`, torch.inference_mode, one intra-op thread per core and no inter-op pool,
  and the shipped engine's summarise.engines.torch_speedups (beams share one copy of the
  cross-attention keys and values; on CPU the output projection is computed as W @ x.T).
- ct2: summarise.engines.ctranslate2 (the shipped engine) on the int8 conversions, with the same
  buckets as torch so both do the same work; inside a bucket the engine keeps each call under its
  token budget (DEFAULT_MAX_BATCH_TOKENS), as it does for users.

Batched engines force one length per bucket: the rounded mean of the bucket's per-text targets,
so the total tokens generated match the naive engine's per-text targets to within rounding.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol


class Driver(Protocol):
    name: str

    def load(self) -> float: ...

    def generate(self, role: str, texts: list[str], lengths: list[int], beams: int,
                 batch_size: int) -> int: ...

    def count_tokens(self, role: str, texts: list[str]) -> list[int]: ...


def buckets(sizes: list[int], batch_size: int) -> list[list[int]]:
    """Indices sorted by size, longest first, cut into groups of `batch_size` (the engines' batching)."""
    from summarise.engines.chunking import length_sorted_batches

    return length_sorted_batches(sizes, batch_size)


def encode_once(cache: dict[tuple[str, str], Any], role: str, texts: list[str],
                encode: Callable[[list[str]], list[Any]]) -> list[Any]:
    """Each distinct text encoded once per role (one `encode` call for the new ones); repeats reuse it."""
    missing = [t for t in dict.fromkeys(texts) if (role, t) not in cache]
    if missing:
        cache.update(((role, text), encoded) for text, encoded in zip(missing, encode(missing)))
    return [cache[(role, t)] for t in texts]


def bucket_length(lengths: list[int], members: list[int]) -> int:
    """The forced length of one bucket: the mean of its members' targets, rounded up."""
    return max(1, math.ceil(sum(lengths[i] for i in members) / len(members)))


@dataclass
class _TorchModels:
    tokenizer: dict[str, Any] = field(default_factory=dict)
    model: dict[str, Any] = field(default_factory=dict)


class NaiveDriver:
    """One text at a time through plain `generate()`, as a first attempt would be written."""

    name = "naive"

    def __init__(self, paths: dict[str, str], device: str = "cpu", threads: int = 0) -> None:
        self.paths = paths
        self.device = device
        self.loaded = _TorchModels()  # threads: torch's default, from OMP_NUM_THREADS

    def load(self) -> float:
        started = time.perf_counter()
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        for role, path in self.paths.items():
            self.loaded.tokenizer[role] = AutoTokenizer.from_pretrained(path)
            self.loaded.model[role] = AutoModelForSeq2SeqLM.from_pretrained(path).to(self.device)
        return time.perf_counter() - started

    def count_tokens(self, role: str, texts: list[str]) -> list[int]:
        return [len(ids) for ids in self.loaded.tokenizer[role](texts).input_ids]

    def generate(self, role: str, texts: list[str], lengths: list[int], beams: int,
                 batch_size: int = 1) -> int:
        tokenizer, model = self.loaded.tokenizer[role], self.loaded.model[role]
        produced = 0
        for text, length in zip(texts, lengths):
            inputs = tokenizer(text, return_tensors="pt").to(self.device)
            out = model.generate(**inputs, num_beams=beams, do_sample=False,
                                 min_new_tokens=length, max_new_tokens=length)
            produced += out.shape[1] - 1  # minus the decoder start token
        return produced


class TorchDriver:
    """Batched, length-sorted, inference_mode, thread settings set once, models kept loaded."""

    name = "torch"

    def __init__(self, paths: dict[str, str], device: str = "cpu", threads: int = 0) -> None:
        self.paths = paths
        self.device = device
        self.threads = threads or os.cpu_count() or 1
        self.loaded = _TorchModels()
        self.speedups: dict[str, list[str]] = {}
        self._ids: dict[tuple[str, str], list[int]] = {}

    def load(self) -> float:
        started = time.perf_counter()
        import torch
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        from summarise.engines.torch_speedups import prepare_model

        if self.device == "cpu":
            torch.set_num_threads(self.threads)
            try:
                torch.set_num_interop_threads(1)
            except RuntimeError:
                pass  # already set in this process
        dtype = _cuda_dtype(torch) if self.device == "cuda" else torch.float32
        for role, path in self.paths.items():
            self.loaded.tokenizer[role] = AutoTokenizer.from_pretrained(path)
            model = AutoModelForSeq2SeqLM.from_pretrained(path, dtype=dtype).to(self.device).eval()
            self.speedups[role] = prepare_model(model, self.device)
            self.loaded.model[role] = model
        return time.perf_counter() - started

    def _encode(self, role: str, texts: list[str]) -> list[list[int]]:
        return encode_once(self._ids, role, texts, lambda missing: self.loaded.tokenizer[role](missing).input_ids)

    def count_tokens(self, role: str, texts: list[str]) -> list[int]:
        return [len(ids) for ids in self._encode(role, texts)]

    def generate(self, role: str, texts: list[str], lengths: list[int], beams: int,
                 batch_size: int) -> int:
        import torch

        from summarise.engines.torch_speedups import generate

        tokenizer, model = self.loaded.tokenizer[role], self.loaded.model[role]
        ids = self._encode(role, texts)
        produced = 0
        with torch.inference_mode():
            for members in buckets([len(x) for x in ids], batch_size):
                length = bucket_length(lengths, members)
                batch = tokenizer.pad({"input_ids": [ids[i] for i in members]}, return_tensors="pt")
                batch = {k: v.to(self.device) for k, v in batch.items()}
                out = generate(model, batch, num_beams=beams, do_sample=False,
                               min_new_tokens=length, max_new_tokens=length)
                produced += (out.shape[1] - 1) * len(members)
        return produced


class CT2Driver:
    """The shipped CTranslate2 engine, driven bucket by bucket like TorchDriver."""

    name = "ct2"

    def __init__(self, paths: dict[str, str], device: str = "cpu", threads: int = 0) -> None:
        self.paths = paths
        self.device = device
        self.threads = threads
        self.engines: dict[str, Any] = {}
        self._tokens: dict[tuple[str, str], list[str]] = {}

    def load(self) -> float:
        started = time.perf_counter()
        from summarise.engines.ctranslate2 import CT2Summariser, CT2Translator

        kinds = {"summariser": CT2Summariser, "translator": CT2Translator}
        for role, path in self.paths.items():
            engine = kinds[role](path, device=self.device, threads=self.threads)
            engine.loaded  # noqa: B018 - load now: this is the cold start being measured
            self.engines[role] = engine
        return time.perf_counter() - started

    def _encode(self, role: str, texts: list[str]) -> list[list[str]]:
        return encode_once(self._tokens, role, texts, self.engines[role].encode)

    def count_tokens(self, role: str, texts: list[str]) -> list[int]:
        return [len(tokens) for tokens in self._encode(role, texts)]

    def generate(self, role: str, texts: list[str], lengths: list[int], beams: int,
                 batch_size: int) -> int:
        engine = self.engines[role]
        engine.batch_size = batch_size
        sources = self._encode(role, texts)
        produced = 0
        for members in buckets([len(x) for x in sources], batch_size):
            length = bucket_length(lengths, members)
            out = engine.generate_tokens([sources[i] for i in members], new_tokens=length,
                                         min_new_tokens=length, num_beams=beams)
            produced += sum(len(tokens) for tokens in out)
        return produced


def _cuda_dtype(torch: Any) -> Any:
    return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16


DRIVERS: dict[str, Any] = {"naive": NaiveDriver, "torch": TorchDriver, "ct2": CT2Driver}
