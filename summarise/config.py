"""Run configuration, resolved in one order: explicit argument (CLI flag), then `SUMMARISE_*`
environment variable, then the default defined here. Nothing is read at import time."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from summarise.engines.registry import CHAT_BACKENDS, ENGINE_BUILDERS, STRATEGIES
from summarise.errors import ConfigError

DEVICES = ("auto", "cpu", "cuda")
ENGINES = ("auto", *ENGINE_BUILDERS)
LLM_BACKENDS = ("auto", *CHAT_BACKENDS)
STRATEGY_NAMES = ("auto", *STRATEGIES)
DEFAULT_MAX_INPUT_BYTES = 5_000_000


@dataclass(frozen=True)
class PdfLimits:
    """The bounds one PDF is parsed under (pdfminer runs in a child process: summarise/reading/bounded.py).

    The defaults read every real PDF met so far (a 114-page compiled newspaper: about 4 s, under 40 MB) and
    stop each known attack well inside 30 s and 1 GB.
    """

    timeout: float = 20.0  # seconds of wall clock for the whole document
    memory_mb: int = 768  # address space the parser may add to what it starts with
    max_inflated_mb: int = 100  # decompressed stream bytes, all streams of the document together
    max_glyphs: int = 100_000  # glyphs drawn on one page (a dense broadsheet page has about 20,000)

    def __post_init__(self) -> None:
        for name in ("timeout", "memory_mb", "max_inflated_mb", "max_glyphs"):
            if getattr(self, name) <= 0:
                variable = environment_variable(f"pdf_{name}")
                raise ConfigError(f"the PDF limit {variable} must be positive, not {getattr(self, name)}")


@dataclass(frozen=True)
class BriefConfig:
    """Everything that decides how briefs are made. Defaults are defined once, here."""

    summariser: str | None = None  # hub id or local folder; None means the registry default
    translator: str | None = None
    engine: str = "auto"  # auto | torch | ct2 | llm
    strategy: str = "auto"  # auto (the engine's own) | direct | two-stage | lead
    device: str = "auto"  # auto | cpu | cuda
    llm_model: str | None = None  # hub id, local folder or .gguf file for engine="llm"; a server's model name
    llm_backend: str = "auto"  # auto | transformers | llama.cpp | openai
    api_base: str | None = None  # an OpenAI-compatible server's base URL (…/v1) for engine="llm"
    api_key: str | None = field(default=None, repr=False)  # the server's key: never shown or logged
    concurrency: int = 4  # requests in flight at once to the server
    request_timeout: float = 300.0  # seconds per request to the server
    english_only: bool = True  # LLM answers that must be English are decoded without CJK tokens
    prompts_dir: str | None = None
    prompt_overrides: Mapping[str, str] = field(default_factory=dict)  # prompt name -> file
    max_new_tokens: int | None = None  # None: the engine's or registry's default
    num_beams: int | None = None
    batch_size: int = 8
    summary_sentences: int = 3
    max_figures: int = 8
    max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES
    pdf_timeout: float = PdfLimits.timeout
    pdf_memory_mb: int = PdfLimits.memory_mb
    pdf_max_inflated_mb: int = PdfLimits.max_inflated_mb
    pdf_max_glyphs: int = PdfLimits.max_glyphs

    def __post_init__(self) -> None:
        self.pdf_limits  # noqa: B018 - validates the PDF limits
        if self.engine != "auto" and self.engine not in ENGINE_BUILDERS:  # the registry as it is now
            raise ConfigError(f"unknown engine {self.engine!r}; choose one of auto, {', '.join(ENGINE_BUILDERS)}")
        if self.strategy not in STRATEGY_NAMES:
            raise ConfigError(f"unknown strategy {self.strategy!r}; choose one of {', '.join(STRATEGY_NAMES)}")
        if self.device not in DEVICES:
            raise ConfigError(f"unknown device {self.device!r}; choose one of {', '.join(DEVICES)}")
        if self.batch_size < 1:
            raise ConfigError(f"batch size must be at least 1, not {self.batch_size}")
        if self.llm_backend != "auto" and self.llm_backend not in CHAT_BACKENDS:
            raise ConfigError(
                f"unknown LLM backend {self.llm_backend!r}; choose one of auto, {', '.join(CHAT_BACKENDS)}"
            )
        if self.concurrency < 1:
            raise ConfigError(f"concurrency must be at least 1, not {self.concurrency}")
        if self.request_timeout <= 0:
            raise ConfigError(f"the request timeout must be positive, not {self.request_timeout}")
        if self.engine == "llm" and not self.llm_model:
            raise ConfigError("engine 'llm' needs a model: pass --model ID|DIR|FILE.gguf")

    @property
    def pdf_limits(self) -> PdfLimits:
        """The bounds PDF inputs are parsed under."""
        return PdfLimits(self.pdf_timeout, self.pdf_memory_mb, self.pdf_max_inflated_mb, self.pdf_max_glyphs)

    def with_overrides(self, **overrides: Any) -> BriefConfig:
        """A copy with the given non-None values replacing these."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


def _switch(text: str) -> bool:
    """An on/off environment value: 1/true/yes/on or 0/false/no/off, any case."""
    if text.strip().lower() in _TRUE:
        return True
    if text.strip().lower() in _FALSE:
        return False
    raise ValueError(text)


# The settings an environment variable may set, with the type its text is read as. The variable is
# SUMMARISE_ and the setting's name in capitals, except where _ENV_NAMES gives a shorter one.
_ENV_TYPES: dict[str, Callable[[str], Any]] = {
    "summariser": str, "translator": str, "engine": str, "strategy": str, "device": str, "llm_model": str,
    "llm_backend": str, "api_base": str, "api_key": str, "prompts_dir": str,
    "concurrency": int, "request_timeout": float, "batch_size": int, "max_new_tokens": int, "max_input_bytes": int,
    "pdf_timeout": float, "pdf_memory_mb": int, "pdf_max_inflated_mb": int, "pdf_max_glyphs": int,
    "english_only": _switch,
}
_ENV_NAMES = {"prompts_dir": "SUMMARISE_PROMPTS", "max_input_bytes": "SUMMARISE_MAX_BYTES"}


def environment_variable(setting: str) -> str:
    """The environment variable that sets `setting` (a BriefConfig field)."""
    return _ENV_NAMES.get(setting, "SUMMARISE_" + setting.upper())


def environment_values(
    variables: Mapping[str, tuple[str, Callable[[str], Any]]], environ: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """The settings set in the environment: {setting: (VARIABLE, type)} -> {setting: value}.

    A variable that is set but empty counts as unset; one whose text is not of its type is a ConfigError.
    """
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for name, (variable, kind) in variables.items():
        raw = environ.get(variable)
        if raw:
            try:
                values[name] = kind(raw)
            except ValueError:
                what = "on/off value (1/0, true/false)" if kind is _switch else getattr(kind, "__name__", "")
                raise ConfigError(f"{variable}={raw!r} is not a valid {what}") from None
    return values


def resolve_config(environ: Mapping[str, str] | None = None, **flags: Any) -> BriefConfig:
    """Build a config from CLI flags (non-None wins), then the environment, then the defaults."""
    values = environment_values({name: (environment_variable(name), kind) for name, kind in _ENV_TYPES.items()},
                                environ)
    return BriefConfig(**with_flags(BriefConfig, values, flags, "setting"))


def with_flags(settings: type, values: Mapping[str, Any], flags: Mapping[str, Any], what: str) -> dict[str, Any]:
    """`values` (from the environment) with every flag that is not None over them; a flag that is no
    field of the `settings` dataclass is a ConfigError naming it (brief, serve and fetch settings alike)."""
    unknown = set(flags) - {f.name for f in fields(settings)}
    if unknown:
        raise ConfigError(f"unknown {what}(s): {', '.join(sorted(unknown))}")
    return {**values, **{name: value for name, value in flags.items() if value is not None}}


def cache_dir() -> Path:
    """The user cache folder: `$SUMMARISE_CACHE`, else `$XDG_CACHE_HOME/summarise`, else `~/.cache/summarise`."""
    if os.environ.get("SUMMARISE_CACHE"):
        return Path(os.environ["SUMMARISE_CACHE"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser() / "summarise"


_PDF_SETTINGS = {f"pdf_{name}": _ENV_TYPES[f"pdf_{name}"] for name in ("timeout", "memory_mb", "max_inflated_mb",
                                                                       "max_glyphs")}


def resolve_pdf_limits(environ: Mapping[str, str] | None = None, **flags: Any) -> PdfLimits:
    """The PDF limits alone (flags, then SUMMARISE_PDF_* variables, then defaults), for readers called
    without a BriefConfig; unlike resolve_config it never trips over an unrelated bad setting."""
    values = environment_values({name: (environment_variable(name), kind) for name, kind in _PDF_SETTINGS.items()},
                                environ)
    values.update({k: v for k, v in flags.items() if v is not None})
    return PdfLimits(**{name.removeprefix("pdf_"): value for name, value in values.items()})
