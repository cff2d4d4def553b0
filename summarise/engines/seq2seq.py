"""Summariser and Translator on transformers seq2seq models (AutoTokenizer + AutoModelForSeq2SeqLM +
generate()); transformers 5 has no summarization or translation pipeline, so this is that pattern.

Each engine resolves and loads its model once, on first use. Inputs are tokenised once, batched by
similar length and returned in the caller's order. Nothing is ever truncated: an input over the
model's window is chunked by sentence (summarise.engines.chunking).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from summarise.engines.chunking import (
    chunk_by_tokens,
    length_sorted_batches,
    model_window,
    special_token_count,
    summarise_chunked,
    token_counts,
)
from summarise.errors import ConfigError, ModelUnavailable, ProcessingError, first_line
from summarise.registry import ResolvedModel, default_model, resolve_model

__all__ = [
    "LoadedModel",
    "Seq2SeqEngine",
    "Seq2SeqSummariser",
    "Seq2SeqTranslator",
    "chunk_by_tokens",
    "length_sorted_batches",
]

# generate() settings a registry entry may set; anything else in [role.generation] is ignored.
_GENERATION_KEYS = ("num_beams", "max_new_tokens", "no_repeat_ngram_size", "length_penalty", "min_new_tokens")
@dataclass(frozen=True)
class LoadedModel:
    """A resolved model with its tokenizer and torch module, on its device."""

    resolved: ResolvedModel
    tokenizer: Any
    model: Any
    device: str
    dtype: str
    window: int  # content tokens the encoder may see, special tokens excluded
    generation: dict[str, Any]
    speedups: tuple[str, ...] = ()  # what torch_speedups.prepare_model switched on


class Seq2SeqEngine:
    """Lazy loading, chunking, batching and generation shared by the summariser and the translator.

    Another backend (e.g. CTranslate2) can reuse the chunking, batching and reduce logic by overriding
    `_load` (returning a LoadedModel whose `model` is its own object) and `_generate` (ids in, text out).
    """

    role = ""

    def __init__(
        self,
        model: str | None = None,
        *,
        device: str = "auto",
        num_beams: int | None = None,
        max_new_tokens: int | None = None,
        batch_size: int = 8,
    ) -> None:
        for label, value in (("num_beams", num_beams), ("max_new_tokens", max_new_tokens)):
            if value is not None and value < 1:
                raise ConfigError(f"{label} must be at least 1, not {value}")
        if batch_size < 1:
            raise ConfigError(f"batch size must be at least 1, not {batch_size}")
        self.model_name = model
        self.device_name = device
        self.num_beams = num_beams
        self.max_new_tokens = max_new_tokens
        self.batch_size = batch_size
        self._resolved: ResolvedModel | None = None
        self._loaded: LoadedModel | None = None

    def resolve(self) -> ResolvedModel:
        """Find the model on disk without loading it: a cheap pre-flight check (ModelUnavailable if missing)."""
        if self._resolved is None:
            self._resolved = resolve_model(self.model_name, self.role)
        return self._resolved

    @property
    def loaded(self) -> LoadedModel:
        """The model, tokenizer and settings, loaded on first access and kept."""
        if self._loaded is None:
            self._loaded = self._load()
        return self._loaded

    def describe(self) -> dict[str, Any]:
        """Model id, revision, engine and settings (resolved values once the model is loaded)."""
        info: dict[str, Any] = {"role": self.role, "engine": "torch", "model": self.model_name}
        if self.model_name is None:
            info["model"] = default_model(self.role).hub_id
        if self._loaded is None:
            info.update(
                device=self.device_name,
                num_beams=self.num_beams,
                max_new_tokens=self.max_new_tokens,
                batch_size=self.batch_size,
                loaded=False,
            )
            return info
        loaded = self._loaded
        info.update(
            model=loaded.resolved.hub_id or loaded.resolved.name,
            path=str(loaded.resolved.path),
            revision=loaded.resolved.revision,
            source=loaded.resolved.source,
            device=loaded.device,
            dtype=loaded.dtype,
            window=loaded.window,
            batch_size=self.batch_size,
            loaded=True,
            speedups=list(loaded.speedups),
            **{k: loaded.generation[k] for k in _GENERATION_KEYS if k in loaded.generation},
        )
        # Settings not overridden here come from the model's own generation config: record those too.
        own = getattr(loaded.model, "generation_config", None)
        if own is not None:
            info.setdefault("num_beams", own.num_beams)
            info.setdefault("max_new_tokens", own.max_new_tokens)
            if info["max_new_tokens"] is None:
                info["max_length"] = own.max_length
        return info

    def _load(self) -> LoadedModel:
        from summarise.engines.device import resolve_device

        # The model first: a missing model is the common failure, and reporting it needs no torch import.
        resolved = self.resolve()
        device = resolve_device(self.device_name)
        import torch
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        # bf16 on GPU: mT5 overflows in fp16. CPU stays fp32 (bf16 matmuls are slow on most CPUs).
        dtype = (
            torch.bfloat16 if device.startswith("cuda") and torch.cuda.is_bf16_supported() else torch.float32
        )
        try:
            with warnings.catch_warnings():
                # MarianTokenizer asks for sacremoses on every load; it only normalises punctuation.
                warnings.filterwarnings("ignore", message=".*sacremoses")
                tokenizer = AutoTokenizer.from_pretrained(resolved.path)
            model = AutoModelForSeq2SeqLM.from_pretrained(resolved.path, dtype=dtype)
        except (OSError, ValueError, KeyError, ImportError) as error:
            first = (str(error).strip().splitlines() or [type(error).__name__])[0]
            raise ModelUnavailable(
                f"{self.role} '{resolved.name}' at {resolved.path} cannot be loaded: {first}"
            ) from None
        model = model.to(device).eval()
        from summarise.engines.torch_speedups import prepare_model

        speedups = tuple(prepare_model(model, device))
        positions = getattr(model.config, "max_position_embeddings", None)
        window = model_window(tokenizer, resolved.window, positions) - special_token_count(tokenizer)
        generation = {k: v for k, v in resolved.generation_defaults.items() if k in _GENERATION_KEYS}
        if self.num_beams is not None:
            generation["num_beams"] = self.num_beams
        if self.max_new_tokens is not None:
            generation["max_new_tokens"] = self.max_new_tokens
        return LoadedModel(
            resolved, tokenizer, model, device, str(dtype).removeprefix("torch."), window, generation, speedups
        )

    def _generate(self, encoded: Sequence[list[int]]) -> list[str]:
        """Generate one output per encoded input (ids with special tokens), batched by length."""
        if not encoded:
            return []
        import torch

        from summarise.engines.torch_speedups import generate

        loaded = self.loaded
        outputs: list[str] = [""] * len(encoded)
        for batch in length_sorted_batches([len(ids) for ids in encoded], self.batch_size):
            padded = loaded.tokenizer.pad({"input_ids": [encoded[i] for i in batch]}, return_tensors="pt")
            inputs = {
                k: v.to(loaded.device) for k, v in padded.items() if k in ("input_ids", "attention_mask")
            }
            try:
                with torch.inference_mode():
                    generated = generate(loaded.model, inputs, **loaded.generation)
            except (RuntimeError, ValueError) as error:
                raise ProcessingError(
                    f"{self.role} failed while generating: {first_line(error)}"
                ) from None
            for index, text in zip(batch, loaded.tokenizer.batch_decode(generated, skip_special_tokens=True)):
                outputs[index] = text.strip()
        return outputs

    def _encode_fitting(self, texts: Sequence[str]) -> list[list[int] | None]:
        """Ids (with special tokens) for each text that fits the window; None for one that must be chunked."""
        loaded = self.loaded
        specials = special_token_count(loaded.tokenizer)
        # verbose=False: over-long texts are expected here; they are chunked, not fed to the model.
        encoded = loaded.tokenizer(list(texts), verbose=False)["input_ids"] if texts else []
        return [ids if len(ids) - specials <= loaded.window else None for ids in encoded]

    def _run_chunked(self, texts: Sequence[str], chunker: Callable[[str], list[str]]) -> list[list[str]]:
        """Generate for every text; a text over the window is chunked first. One output list per text."""
        nonblank = [i for i, text in enumerate(texts) if text.strip()]
        fitting = self._encode_fitting([texts[i] for i in nonblank])
        jobs: list[list[int]] = []
        owners: list[int] = []
        long_texts: list[tuple[int, list[str]]] = []
        for index, ids in zip(nonblank, fitting):
            if ids is not None:
                jobs.append(ids)
                owners.append(index)
            else:
                long_texts.append((index, chunker(texts[index])))
        if long_texts:
            chunks = [chunk for _, pieces in long_texts for chunk in pieces]
            chunk_ids = self.loaded.tokenizer(chunks)["input_ids"]
            jobs.extend(chunk_ids)
            owners.extend(index for index, pieces in long_texts for _ in pieces)
        results: list[list[str]] = [[] for _ in texts]
        for owner, output in zip(owners, self._generate(jobs)):
            results[owner].append(output)
        return results

    def _chunk(self, text: str) -> list[str]:
        return chunk_by_tokens(self.loaded.tokenizer, text, self.loaded.window)


class Seq2SeqSummariser(Seq2SeqEngine):
    """Chinese article bodies in, one Chinese summary out per body (default: mT5 XLSum)."""

    role = "summariser"

    def summarise(self, texts: list[str]) -> list[str]:
        """One summary per text, in order; long texts are summarised chunk by chunk, then reduced."""
        return summarise_chunked(texts, lambda batch: self._run_chunked(batch, self._chunk), self._too_long)

    def _too_long(self, summary: str) -> bool:
        limit = self.loaded.generation.get("max_new_tokens") or getattr(
            getattr(self.loaded.model, "generation_config", None), "max_new_tokens", None
        )
        if not limit:  # no known summary length: chunk summaries are kept joined
            return False
        return token_counts(self.loaded.tokenizer, [summary])[0] > int(limit)


class Seq2SeqTranslator(Seq2SeqEngine):
    """Chinese sentences in, one English translation out per sentence (default: opus-mt-zh-en)."""

    role = "translator"

    def translate(self, texts: list[str]) -> list[str]:
        """One translation per text, in order; a text over the window is translated clause by clause."""
        return [" ".join(parts) for parts in self._run_chunked(texts, self._chunk)]
