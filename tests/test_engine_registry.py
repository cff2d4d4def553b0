"""Engines, LLM backends and strategies are found through registries: a new one is one module and one
registry line, and the pipeline never asks which kind of model ran."""

from __future__ import annotations

import sys
import types
from typing import Any

import pytest

from summarise import config as config_module
from summarise.config import BriefConfig, resolve_config
from summarise.engines import registry
from summarise.engines.factory import Engines, build_engines
from summarise.engines.llm import ChatSettings, DirectAnswer, open_chat
from summarise.errors import ConfigError
from summarise.pipeline import Briefer
from summarise.strategies import Direct, Lead, TwoStage, get_strategy
from summarise.testing.fakes import FakeSummariser, FakeTranslator

PAGE = "青海投资22.7亿元\n\n本报讯 今年全省共投资22.7亿元用于生态保护,覆盖率达95%以上。\n"


class _DirectFake(FakeSummariser):
    """An engine that briefs directly, as an LLM does."""

    def brief_direct(self, articles: list[Any]) -> list[DirectAnswer]:
        return [DirectAnswer("Qinghai invests 2.27 billion yuan", "The province invested 2.27 billion yuan.")
                for _ in articles]


@pytest.fixture()
def plugin(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    """A new engine as a module of its own, registered with one line."""
    module = types.ModuleType("fake_engine_plugin")

    def build(config: BriefConfig) -> Engines:
        if config.llm_model == "direct":
            return Engines(summariser=_DirectFake(), translator=FakeTranslator(), name="fake", strategy="direct")
        return Engines(summariser=FakeSummariser(), translator=FakeTranslator(), name="fake")

    module.build = build  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "fake_engine_plugin", module)
    monkeypatch.setitem(registry.ENGINE_BUILDERS, "fake", "fake_engine_plugin:build")
    return module


def test_the_registries_are_what_the_config_and_cli_offer() -> None:
    assert config_module.ENGINES == ("auto", *registry.ENGINE_BUILDERS)
    assert config_module.LLM_BACKENDS == ("auto", *registry.CHAT_BACKENDS)
    assert config_module.STRATEGY_NAMES == ("auto", *registry.STRATEGIES)
    for target in [*registry.ENGINE_BUILDERS.values(), *registry.CHAT_BACKENDS.values(),
                   *(f"summarise.strategies:{name}" for name in registry.STRATEGIES.values())]:
        assert callable(registry.load(target)), target
    assert set(registry.STRATEGIES) == {"two-stage", "direct", "lead"}


@pytest.mark.usefixtures("plugin")
def test_a_registered_engine_is_built_and_briefs_two_stage() -> None:
    engines = build_engines(resolve_config({}, engine="fake"))
    assert (engines.name, engines.strategy) == ("fake", "two-stage")
    [brief] = Briefer(engine="fake").brief(PAGE)
    assert brief.models["engine"] == "fake" and brief.summary_zh  # the two-stage path ran


@pytest.mark.usefixtures("plugin")
def test_the_engine_names_its_strategy_and_the_pipeline_follows_it() -> None:
    [brief] = Briefer(engine="fake", model="direct").brief(PAGE)
    assert brief.summary_zh is None  # no Chinese summary: the direct strategy ran
    assert brief.headline == "Qinghai invests 2.27 billion yuan"


def test_unknown_names_are_usage_errors() -> None:
    with pytest.raises(ConfigError, match="unknown engine 'fast'; choose one of auto, torch, ct2, llm"):
        BriefConfig(engine="fast")
    with pytest.raises(ConfigError, match="unknown LLM backend 'vllm'"):
        BriefConfig(engine="llm", llm_model="m", llm_backend="vllm")
    with pytest.raises(Exception, match="unknown strategy 'three-stage'"):
        get_strategy("three-stage")
    assert isinstance(get_strategy("two-stage"), TwoStage) and isinstance(get_strategy("direct"), Direct)
    assert isinstance(get_strategy("lead"), Lead)
    with pytest.raises(ConfigError, match="unknown strategy 'three-stage'; choose one of auto, two-stage"):
        BriefConfig(strategy="three-stage")


def test_a_registered_chat_backend_is_one_class(monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("fake_chat_plugin")

    class EchoChat:
        def __init__(self, model: str, settings: ChatSettings) -> None:
            self.model, self.settings = model, settings

        @classmethod
        def from_settings(cls, model: str, settings: ChatSettings) -> EchoChat:
            return cls(model, settings)

    module.EchoChat = EchoChat  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "fake_chat_plugin", module)
    monkeypatch.setitem(registry.CHAT_BACKENDS, "echo", "fake_chat_plugin:EchoChat")
    chat = open_chat("m", "echo", ChatSettings(max_new_tokens=7))
    assert isinstance(chat, EchoChat) and chat.settings.max_new_tokens == 7


def test_the_llm_engine_briefs_by_its_default_strategy_and_the_seq2seq_engines_in_two_stages(tmp_path: Any) -> None:
    from summarise.engines.llm import DEFAULT_STRATEGY

    assert build_engines(resolve_config({}, engine="torch")).strategy == "two-stage"
    llm = build_engines(resolve_config({}, engine="llm", llm_model="some/model"))
    assert (llm.name, llm.strategy) == ("llm", DEFAULT_STRATEGY)


def test_backend_availability_is_answered_by_the_registry_without_importing_the_backend() -> None:
    import sys
    from importlib.util import find_spec

    from summarise.engines.registry import CHAT_BACKEND_PACKAGES, CHAT_BACKENDS, backend_available

    assert set(CHAT_BACKEND_PACKAGES) == set(CHAT_BACKENDS)
    for name, package in CHAT_BACKEND_PACKAGES.items():
        assert backend_available(name) == (find_spec(package) is not None)
    before = "summarise.engines.llm_llamacpp" in sys.modules
    backend_available("llama.cpp")
    assert ("summarise.engines.llm_llamacpp" in sys.modules) == before
