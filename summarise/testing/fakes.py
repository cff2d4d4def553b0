"""Fake engines that implement the protocols with scripted, deterministic output."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from summarise.articles.sentences import split_sentences


@dataclass
class FakeSummariser:
    """Returns `script(text)` for each text; by default the text's first two sentences (a lead)."""

    script: Callable[[str], str] | None = None
    calls: list[list[str]] = field(default_factory=list)

    def summarise(self, texts: list[str]) -> list[str]:
        self.calls.append(list(texts))
        if self.script is not None:
            return [self.script(t) for t in texts]
        return ["".join(split_sentences(t)[:2]) for t in texts]

    def describe(self) -> dict[str, Any]:
        return {"id": "fake-summariser", "engine": "fake"}


@dataclass
class FailingTranslator:
    """A translator whose every call raises RuntimeError(`message`), as a crashed model does."""

    message: str = "model crashed"

    def translate(self, texts: list[str]) -> list[str]:
        raise RuntimeError(self.message)

    def describe(self) -> dict[str, Any]:
        return {"id": "failing-translator", "engine": "fake"}


@dataclass
class FakeTranslator:
    """Returns `script(text)` for each sentence, or a fixed `table` entry; by default "EN(<text>)"."""

    script: Callable[[str], str] | None = None
    table: dict[str, str] = field(default_factory=dict)
    calls: list[list[str]] = field(default_factory=list)

    def translate(self, texts: list[str]) -> list[str]:
        self.calls.append(list(texts))
        out = []
        for text in texts:
            if text in self.table:
                out.append(self.table[text])
            elif self.script is not None:
                out.append(self.script(text))
            else:
                out.append(f"EN({text})")
        return out

    def describe(self) -> dict[str, Any]:
        return {"id": "fake-translator", "engine": "fake"}
