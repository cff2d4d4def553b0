"""Choose and build the engines a BriefConfig names. Imports are lazy: torch and friends load only
when an engine is first built, and each engine loads its model only on first use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypedDict

from summarise.config import BriefConfig
from summarise.engines.base import Summariser, Translator


@dataclass(frozen=True)
class Engines:
    """The engines one Briefer uses. `direct` is set for engines that brief in one step (an LLM)."""

    summariser: Summariser
    translator: Translator
    direct: Any | None = None
    name: str = "torch"


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


class _EngineSettings(TypedDict):
    device: str
    num_beams: int | None
    max_new_tokens: int | None
    batch_size: int


def _settings(config: BriefConfig) -> _EngineSettings:
    """The settings every seq2seq-style engine takes, from the config."""
    return _EngineSettings(
        device=config.device, num_beams=config.num_beams,
        max_new_tokens=config.max_new_tokens, batch_size=config.batch_size,
    )


def build_engines(config: BriefConfig) -> Engines:
    """The summariser and translator (and direct briefer) for `config`, not yet loaded."""
    name = resolve_engine_name(config)
    if name == "llm":
        from summarise.engines.llm import ChatSettings, LLMEngine

        llm = LLMEngine(
            config.llm_model or "",
            device=config.device,
            max_new_tokens=config.max_new_tokens,
            batch_size=config.batch_size,
            prompts_dir=config.prompts_dir,
            prompt_overrides=dict(config.prompt_overrides),
            summary_sentences=config.summary_sentences,
            backend=config.llm_backend,
            settings=ChatSettings(api_base=config.api_base, api_key=config.api_key,
                                  concurrency=config.concurrency, timeout=config.request_timeout),
        )
        return Engines(summariser=llm, translator=llm, direct=llm, name=name)
    if name == "ct2":
        from summarise.engines.ctranslate2 import CT2Summariser, CT2Translator, find_converted

        return Engines(
            summariser=CT2Summariser(find_converted(config.summariser, "summariser") or "", **_settings(config)),
            translator=CT2Translator(find_converted(config.translator, "translator") or "", **_settings(config)),
            name=name,
        )
    from summarise.engines.seq2seq import Seq2SeqSummariser, Seq2SeqTranslator

    return Engines(
        summariser=Seq2SeqSummariser(config.summariser, **_settings(config)),
        translator=Seq2SeqTranslator(config.translator, **_settings(config)),
        name=name,
    )
