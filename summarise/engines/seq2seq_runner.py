"""The seq2seq runner: everything a summariser or translator does around its model, whatever runs it.

`Seq2SeqRunner` owns settings validation, lazy loading, tokenising once, chunking inputs over the
model's window by sentence (never silent truncation), map-reduce for long summaries and `describe()`.
A backend subclasses it and supplies two hooks:

- `_load()`: a `LoadedSeq2Seq` (tokenizer, device, `window`: content tokens the encoder may see,
  `generation`: resolved generate() settings), subclassed to hold the backend's own handles;
- `_generate(encoded)`: one output text per input id list (special tokens included), batched by length.

and, for the brief's "models" field, `_describe(info)`. The roles are mixins: `SummariserRole` and
`TranslatorRole`. A backend file is the backend class plus `class XSummariser(SummariserRole, X)` and
`class XTranslator(TranslatorRole, X)`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from summarise.engines.chunking import chunk_by_tokens, special_token_count, summarise_chunked, token_counts
from summarise.errors import ConfigError

# generate() settings a model or registry entry may set and a brief records.
GENERATION_KEYS = ("num_beams", "max_new_tokens", "no_repeat_ngram_size", "length_penalty", "min_new_tokens")


@dataclass(frozen=True)
class LoadedSeq2Seq:
    """What every backend's loaded model has, and all the runner reads: a backend subclasses it to add
    its own handles (the torch module, the CTranslate2 translator)."""

    tokenizer: Any
    device: str
    window: int  # content tokens the encoder may see, special tokens excluded
    generation: dict[str, Any]  # resolved generate() settings


class Seq2SeqRunner:
    """Validation, lazy loading, chunking, batching and map-reduce shared by every seq2seq backend."""

    role = ""
    engine = ""

    def __init__(
        self,
        model: str | None = None,
        *,
        device: str | None = "auto",
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
        self.device_name = device or "auto"
        self.num_beams = num_beams
        self.max_new_tokens = max_new_tokens
        self.batch_size = batch_size
        self._loaded: Any = None

    # -- the backend's hooks ---------------------------------------------------------------------

    def _load(self) -> Any:
        raise NotImplementedError

    def _generate(self, encoded: Sequence[list[int]]) -> list[str]:
        raise NotImplementedError

    def _describe(self, info: dict[str, Any]) -> dict[str, Any]:
        """Backend-specific fields for describe() (the model is loaded when `info["loaded"]` is True)."""
        return info

    # -- shared ------------------------------------------------------------------------------------

    @property
    def loaded(self) -> Any:
        """The backend's loaded model, tokenizer and settings: loaded on first access and kept."""
        if self._loaded is None:
            self._loaded = self._load()
        return self._loaded

    def run(self, texts: Sequence[str]) -> list[list[str]]:
        """One list of outputs per text: one output, or one per chunk for a text over the window. Blank
        texts get none. Every text is tokenised once; only chunks are tokenised again."""
        loaded = self.loaded
        nonblank = [i for i, text in enumerate(texts) if text.strip()]
        specials = special_token_count(loaded.tokenizer)
        # verbose=False: over-long texts are expected here; they are chunked, not fed to the model.
        encoded = loaded.tokenizer([texts[i] for i in nonblank], verbose=False)["input_ids"] if nonblank else []
        jobs: list[list[int]] = []
        owners: list[int] = []
        long_texts: list[tuple[int, list[str]]] = []
        for index, ids in zip(nonblank, encoded):
            if len(ids) - specials <= loaded.window:
                jobs.append(ids)
                owners.append(index)
            else:
                long_texts.append((index, chunk_by_tokens(loaded.tokenizer, texts[index], loaded.window)))
        if long_texts:
            chunks = [chunk for _, pieces in long_texts for chunk in pieces]
            jobs.extend(loaded.tokenizer(chunks)["input_ids"])
            owners.extend(index for index, pieces in long_texts for _ in pieces)
        results: list[list[str]] = [[] for _ in texts]
        for owner, output in zip(owners, self._generate(jobs) if jobs else []):
            results[owner].append(output)
        return results

    def summary_token_limit(self) -> int | None:
        """The most tokens one summary may have (max_new_tokens), or None when unknown."""
        limit = self.loaded.generation.get("max_new_tokens")
        return int(limit) if limit else None

    def _too_long(self, summary: str) -> bool:
        limit = self.summary_token_limit()
        if not limit:  # no known summary length: chunk summaries are kept joined
            return False
        return token_counts(self.loaded.tokenizer, [summary])[0] > limit

    def describe(self) -> dict[str, Any]:
        """Model id, revision, engine and settings (resolved values once the model is loaded)."""
        info: dict[str, Any] = {"role": self.role, "engine": self.engine, "batch_size": self.batch_size}
        if self._loaded is None:
            info.update(device=self.device_name, num_beams=self.num_beams, max_new_tokens=self.max_new_tokens,
                        loaded=False)
        else:
            info.update(window=self._loaded.window, loaded=True,
                        **{k: self._loaded.generation[k] for k in GENERATION_KEYS if k in self._loaded.generation})
        return self._describe(info)


class SummariserRole:
    """Chinese article bodies in, one Chinese summary out per body."""

    role = "summariser"

    def summarise(self: Any, texts: list[str]) -> list[str]:
        """One summary per text, in order; a long text is summarised chunk by chunk, and the joined chunk
        summaries are summarised again while longer than one summary may be."""
        return summarise_chunked(texts, self.run, self._too_long)


class TranslatorRole:
    """Chinese sentences in, one English translation out per sentence."""

    role = "translator"

    def translate(self: Any, texts: list[str]) -> list[str]:
        """One translation per text, in order; a text over the window is translated clause by clause."""
        return [" ".join(parts) for parts in self.run(texts)]
