"""The engine protocols. Batch calls take a list and return a list of the same length and order."""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable


@runtime_checkable
class Summariser(Protocol):
    """Chinese article bodies in, one Chinese summary out per body."""

    def summarise(self, texts: list[str]) -> list[str]: ...

    def describe(self) -> dict[str, Any]:
        """Model id, revision, engine and settings: recorded in each brief's "models" field."""
        ...


@runtime_checkable
class Translator(Protocol):
    """Chinese sentences in, one English translation out per sentence."""

    def translate(self, texts: list[str]) -> list[str]: ...

    def describe(self) -> dict[str, Any]: ...
