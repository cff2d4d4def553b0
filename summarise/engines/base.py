"""The engine protocols. Batch calls take a list and return a list of the same length and order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypedDict, runtime_checkable

if TYPE_CHECKING:
    from summarise.config import BriefConfig


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


@dataclass(frozen=True)
class Engines:
    """The engines one Briefer uses, and the strategy (summarise.strategies) that drives them."""

    summariser: Summariser
    translator: Translator
    name: str = "torch"
    strategy: str = "two-stage"


class Seq2SeqSettings(TypedDict):
    device: str
    num_beams: int | None
    max_new_tokens: int | None
    batch_size: int


def seq2seq_settings(config: BriefConfig) -> Seq2SeqSettings:
    """The settings every seq2seq engine takes, from the config."""
    return Seq2SeqSettings(
        device=config.device, num_beams=config.num_beams,
        max_new_tokens=config.max_new_tokens, batch_size=config.batch_size,
    )
