"""Choose and build the engines a BriefConfig names, through a name -> builder registry. Imports are lazy:
torch and friends load only when an engine is first built, and each engine loads its model only on
first use. A new engine is one module with a `build(config) -> Engines` function and one line in
summarise.engines.registry.ENGINE_BUILDERS."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypedDict

from summarise.config import BriefConfig
from summarise.engines.base import Summariser, Translator
from summarise.engines.registry import ENGINE_BUILDERS, load
from summarise.errors import ConfigError


@dataclass(frozen=True)
class Engines:
    """The engines one Briefer uses, and the strategy (summarise.strategies) that drives them."""

    summariser: Summariser
    translator: Translator
    name: str = "torch"
    strategy: str = "two-stage"


def resolve_engine_name(config: BriefConfig) -> str:
    """'auto' becomes ct2 when converted models exist for both roles, else torch."""
    if config.engine != "auto":
        return config.engine
    try:
        from summarise.engines.ctranslate2 import find_converted
    except ImportError:
        return "torch"
    if find_converted(config.summariser, "summariser") and find_converted(config.translator, "translator"):
        return "ct2"
    return "torch"


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


def build_engines(config: BriefConfig) -> Engines:
    """The summariser and translator (and their strategy) for `config`, not yet loaded."""
    name = resolve_engine_name(config)
    if name not in ENGINE_BUILDERS:
        raise ConfigError(f"unknown engine {name!r}; choose one of auto, {', '.join(ENGINE_BUILDERS)}")
    builder: Any = load(ENGINE_BUILDERS[name])
    engines: Engines = builder(config)
    return engines
