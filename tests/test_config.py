"""Configuration resolution: flag, then SUMMARISE_* environment, then default."""

from __future__ import annotations

import pytest

from summarise.config import resolve_config
from summarise.errors import ConfigError


def test_defaults_ignore_the_process_environment_when_given_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARISE_ENGINE", "llm")
    monkeypatch.setenv("SUMMARISE_BATCH_SIZE", "3")
    config = resolve_config(environ={}, engine=None, batch_size=None)  # None flags do not override
    assert config.engine == "auto" and config.device == "auto" and config.max_input_bytes == 5_000_000
    assert config.batch_size == 8 and config.summariser is None


def test_environment_beats_default_and_flag_beats_environment() -> None:
    env = {"SUMMARISE_DEVICE": "cpu", "SUMMARISE_BATCH_SIZE": "3", "SUMMARISE_TRANSLATOR": "/m/opus"}
    assert resolve_config(environ=env).device == "cpu"
    assert resolve_config(environ=env).batch_size == 3
    config = resolve_config(environ=env, device="cuda", translator=None)
    assert config.device == "cuda"
    assert config.translator == "/m/opus"  # a None flag does not override


@pytest.mark.parametrize(
    ("env", "flags", "message"),
    [
        ({}, {"engine": "fast"}, "unknown engine 'fast'"),
        ({}, {"device": "tpu"}, "unknown device 'tpu'"),
        ({"SUMMARISE_BATCH_SIZE": "many"}, {}, "SUMMARISE_BATCH_SIZE='many'"),
        ({}, {"batch_size": 0}, "batch size must be at least 1"),
        ({}, {"engine": "llm"}, "needs a model"),
        ({}, {"colour": "blue"}, "unknown setting"),
    ],
)
def test_invalid_settings_raise_config_error(env: dict[str, str], flags: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        resolve_config(environ=env, **flags)


def test_every_environment_variable_the_readme_documents_sets_its_setting() -> None:
    # The variables are derived from the settings' names, so a renamed setting would silently rename its
    # variable; the README is the contract users read.
    from pathlib import Path

    from summarise.config import _ENV_TYPES, environment_variable

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    samples: dict[object, str] = {str: "cpu", int: "7", float: "2.5"}
    special = {"engine": "llm", "llm_backend": "auto", "strategy": "lead", "english_only": "off"}
    for setting, kind in _ENV_TYPES.items():
        variable = environment_variable(setting)
        assert variable in readme, variable
        value = special.get(setting) or samples[kind]
        config = resolve_config(environ={"SUMMARISE_LLM_MODEL": "m.gguf", variable: value})
        assert getattr(config, setting) == kind(value), setting
    assert environment_variable("prompts_dir") == "SUMMARISE_PROMPTS"
    assert environment_variable("max_input_bytes") == "SUMMARISE_MAX_BYTES"


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("on", True), ("TRUE", True), ("0", False),
                                               ("no", False), ("Off", False)])
def test_english_only_reads_on_and_off_from_the_environment(raw: str, expected: bool) -> None:
    assert resolve_config(environ={"SUMMARISE_ENGLISH_ONLY": raw}).english_only is expected
    assert resolve_config(environ={"SUMMARISE_ENGLISH_ONLY": raw}, english_only=not expected).english_only is not expected


def test_a_bad_english_only_value_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="SUMMARISE_ENGLISH_ONLY='maybe' is not a valid on/off value"):
        resolve_config(environ={"SUMMARISE_ENGLISH_ONLY": "maybe"})
