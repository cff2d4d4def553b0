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
