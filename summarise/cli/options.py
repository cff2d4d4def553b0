"""Options shared by `brief` and `batch`, so both build their BriefConfig the same way."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from summarise.config import DEVICES, ENGINES, LLM_BACKENDS, STRATEGY_NAMES, BriefConfig, resolve_config
from summarise.errors import ConfigError

F = Callable[..., Any]


def engine_options(command: F) -> F:
    """Add the model and engine options to a click command."""
    options = [
        click.option("--summariser", metavar="ID|DIR", help="Summariser: hub id or local folder."),
        click.option("--translator", metavar="ID|DIR", help="Translator: hub id or local folder."),
        click.option("--engine", type=click.Choice(ENGINES), default=None,
                     help="Engine (default auto: ct2 when converted models exist, else torch)."),
        click.option("--strategy", type=click.Choice(STRATEGY_NAMES), default=None,
                     help="How articles become briefs: two-stage (summarise in Chinese, then translate), lead "
                          "(the lead and key-figure sentences, translated; no summariser) or direct (one LLM "
                          "call per article). Default auto: the engine's own (llm: lead; torch, ct2: "
                          "two-stage)."),
        click.option("--english-only/--no-english-only", "english_only", default=None,
                     help="Decode the LLM's English answers without CJK tokens (default on)."),
        click.option("--device", type=click.Choice(DEVICES), default=None,
                     help="Where the models run (default auto: cuda when available)."),
        click.option("--model", "llm_model", metavar="ID|DIR|FILE.gguf",
                     help="Instruct LLM for --engine llm."),
        click.option("--llm-backend", type=click.Choice(LLM_BACKENDS), default=None,
                     help="How --engine llm runs the model (default auto: --api-base means a server, a "
                          ".gguf file llama.cpp when installed, else transformers)."),
        click.option("--api-base", metavar="URL",
                     help="OpenAI-compatible server for --engine llm (vLLM, llama.cpp, Ollama): its /v1 "
                          "URL; --model names the served model. Key: SUMMARISE_API_KEY."),
        click.option("--concurrency", type=click.IntRange(min=1), default=None,
                     help="Requests in flight at once to --api-base (default 4)."),
        click.option("--prompts", "prompts_dir", type=click.Path(file_okay=False),
                     help="Folder of prompt templates overriding the built-in ones (--engine llm)."),
        click.option("--prompt", "prompt_specs", multiple=True, metavar="NAME=FILE",
                     help="Override one prompt template (--engine llm); repeatable."),
        click.option("--max-new-tokens", type=click.IntRange(min=1), default=None,
                     help="Cap on generated tokens per call."),
        click.option("--batch-size", type=click.IntRange(min=1), default=None,
                     help="Articles per model batch (default 8)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def hide_model_loading_bars() -> None:
    """Keep transformers' per-model "Loading weights" bars off stderr: our output (and `batch`'s own
    progress report) stays the only thing there. Set before transformers is imported, so it costs nothing
    on the fast path where a missing model fails before any import; a user's own setting wins."""
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    if "transformers" in sys.modules and os.environ["HF_HUB_DISABLE_PROGRESS_BARS"] == "1":
        from transformers.utils import logging as transformers_logging  # already imported: switch it off

        transformers_logging.disable_progress_bar()


def config_from_options(*, prompt_specs: tuple[str, ...] = (), **values: Any) -> BriefConfig:
    """The BriefConfig for the shared options: flags, then SUMMARISE_* variables, then defaults."""
    overrides: dict[str, str] = {}
    for spec in prompt_specs:
        name, sep, path = spec.partition("=")
        if not sep or not name or not path:
            raise ConfigError(f"--prompt takes NAME=FILE, not {spec!r}")
        if not Path(path).is_file():
            raise ConfigError(f"--prompt {name}: no such file {path!r}")
        overrides[name] = path
    if overrides:
        values["prompt_overrides"] = overrides
    return resolve_config(**values)
