"""The torch backend of the seq2seq runner: transformers AutoTokenizer + AutoModelForSeq2SeqLM +
generate() (transformers 5 has no summarization or translation pipeline, so this is that pattern).

It supplies loading and generation only; validation, chunking, batching order, map-reduce and
describe() live in summarise.engines.seq2seq_runner.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from summarise.engines.chunking import (
    chunk_by_tokens,
    length_sorted_batches,
    model_window,
    special_token_count,
)
from summarise.engines.seq2seq_runner import (
    GENERATION_KEYS,
    LoadedSeq2Seq,
    Seq2SeqRunner,
    SummariserRole,
    TranslatorRole,
)
from summarise.errors import ModelUnavailable, ProcessingError, first_line
from summarise.models.registry import ResolvedModel, default_model, resolve_model

if TYPE_CHECKING:
    from summarise.config import BriefConfig
    from summarise.engines.base import Engines

__all__ = [
    "LoadedModel",
    "Seq2SeqEngine",
    "Seq2SeqSummariser",
    "Seq2SeqTranslator",
    "chunk_by_tokens",
    "length_sorted_batches",
]


@dataclass(frozen=True)
class LoadedModel(LoadedSeq2Seq):
    """A resolved model with its tokenizer and torch module, on its device."""

    resolved: ResolvedModel
    model: Any
    dtype: str
    speedups: tuple[str, ...] = ()  # what torch_speedups.prepare_model switched on


class Seq2SeqEngine(Seq2SeqRunner):
    """The torch backend: loads the model with transformers and generates with torch."""

    engine = "torch"

    def __init__(self, model: str | None = None, **settings: Any) -> None:
        super().__init__(model, **settings)
        self._resolved: ResolvedModel | None = None

    def resolve(self) -> ResolvedModel:
        """Find the model on disk without loading it: a cheap pre-flight check (ModelUnavailable if missing)."""
        if self._resolved is None:
            self._resolved = resolve_model(self.model_name, self.role)
        return self._resolved

    def _describe(self, info: dict[str, Any]) -> dict[str, Any]:
        if self._loaded is None:
            return {**info, "model": self.model_name or default_model(self.role).hub_id}
        loaded: LoadedModel = self._loaded
        info.update(
            model=loaded.resolved.hub_id or loaded.resolved.name,
            path=str(loaded.resolved.path),
            revision=loaded.resolved.revision,
            source=loaded.resolved.source,
            device=loaded.device,
            dtype=loaded.dtype,
            speedups=list(loaded.speedups),
        )
        # Settings not overridden here come from the model's own generation config: record those too.
        own = getattr(loaded.model, "generation_config", None)
        if own is not None:
            info.setdefault("num_beams", own.num_beams)
            info.setdefault("max_new_tokens", own.max_new_tokens)
            if info["max_new_tokens"] is None:
                info["max_length"] = own.max_length
        return info

    def summary_token_limit(self) -> int | None:
        limit = self.loaded.generation.get("max_new_tokens") or getattr(
            getattr(self.loaded.model, "generation_config", None), "max_new_tokens", None
        )
        return int(limit) if limit else None

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
        generation = {k: v for k, v in resolved.generation_defaults.items() if k in GENERATION_KEYS}
        if self.num_beams is not None:
            generation["num_beams"] = self.num_beams
        if self.max_new_tokens is not None:
            generation["max_new_tokens"] = self.max_new_tokens
        return LoadedModel(tokenizer=tokenizer, device=device, window=window, generation=generation,
                           resolved=resolved, model=model, dtype=str(dtype).removeprefix("torch."),
                           speedups=speedups)

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

class Seq2SeqSummariser(SummariserRole, Seq2SeqEngine):
    """Chinese article bodies in, one Chinese summary out per body (default: mT5 XLSum)."""


class Seq2SeqTranslator(TranslatorRole, Seq2SeqEngine):
    """Chinese sentences in, one English translation out per sentence (default: opus-mt-zh-en)."""


def build(config: BriefConfig) -> Engines:
    """The torch engines for `config` (the registry's builder for engine "torch")."""
    from summarise.engines.base import Engines, seq2seq_settings

    return Engines(summariser=Seq2SeqSummariser(config.summariser, **seq2seq_settings(config)),
                   translator=Seq2SeqTranslator(config.translator, **seq2seq_settings(config)), name="torch")
