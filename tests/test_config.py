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
    samples = {str: "cpu", int: "7", float: "2.5"}
    for setting, kind in _ENV_TYPES.items():
        variable = environment_variable(setting)
        assert variable in readme, variable
        value = "llm" if setting == "engine" else "auto" if setting == "llm_backend" else samples[kind]
        config = resolve_config(environ={"SUMMARISE_LLM_MODEL": "m.gguf", variable: value})
        assert getattr(config, setting) == kind(value), setting
    assert environment_variable("prompts_dir") == "SUMMARISE_PROMPTS"
    assert environment_variable("max_input_bytes") == "SUMMARISE_MAX_BYTES"
