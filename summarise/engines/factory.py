"""Choose and build the engines a BriefConfig names, through a name -> builder registry. Imports are lazy:
torch and friends load only when an engine is first built, and each engine loads its model only on
first use. A new engine is one module with a `build(config) -> Engines` function and one line in
summarise.engines.registry.ENGINE_BUILDERS.
Engines and seq2seq_settings live in engines.base, so the builders import them without a cycle back here.
"""

from __future__ import annotations

from typing import Any

from summarise.config import BriefConfig
from summarise.engines.base import Engines, Seq2SeqSettings, seq2seq_settings
from summarise.engines.registry import ENGINE_BUILDERS, load
from summarise.errors import ConfigError

__all__ = ["Engines", "Seq2SeqSettings", "build_engines", "resolve_engine_name", "seq2seq_settings"]


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


def build_engines(config: BriefConfig) -> Engines:
    """The summariser and translator (and their strategy) for `config`, not yet loaded."""
    name = resolve_engine_name(config)
    if name not in ENGINE_BUILDERS:
        raise ConfigError(f"unknown engine {name!r}; choose one of auto, {', '.join(ENGINE_BUILDERS)}")
    builder: Any = load(ENGINE_BUILDERS[name])
    engines: Engines = builder(config)
    return engines
