"""Helpers for tests and demos: tiny real models built on the spot, and scripted fake engines.

The tiny models are real architectures (mT5, Marian, a small causal LM) with a few small layers and a
sentencepiece vocabulary trained on the corpus, saved with save_pretrained, so tests load them through
exactly the code users run. Their output is gibberish; tests assert structure, not wording.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def build_tiny_seq2seq(out_dir: str | Path, **options: Any) -> Any:
    """Build a tiny mT5 summariser and a tiny Marian translator under `out_dir`."""
    from summarise.testing.tiny_seq2seq import build

    return build(Path(out_dir), **options)


def build_tiny_llm(out_dir: str | Path, **options: Any) -> Any:
    """Build a tiny causal LM with a chat template (and a GGUF copy) under `out_dir`."""
    from summarise.testing.tiny_llm import build

    return build(Path(out_dir), **options)
