"""Prompt templates for the LLM engine: plain `string.Template` files, loaded by name.

Loading order for each name: an override file (`--prompt NAME=FILE`), then `NAME.txt` in a prompts
folder (`--prompts DIR`), then the built-in file. The built-ins are the repository's `prompts/`
folder, reached through the `summarise/builtin_prompts` link so that one copy serves a checkout and
ships in the wheel as package data.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from string import Template

from summarise.errors import ConfigError

# Each task and the placeholders its template may use.
PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "brief_direct": ("article", "headline", "figures", "sentences", "names"),
    "brief_direct_retry": ("article", "headline", "figures", "sentences", "names"),
    "summarise_zh": ("article", "headline", "figures", "sentences", "names"),
    "translate_zh_en": ("text", "figures", "names"),
    "headline_en": ("article", "headline", "figures", "names"),
}
PROMPT_NAMES: tuple[str, ...] = tuple(PLACEHOLDERS)


@dataclass(frozen=True)
class PromptTemplate:
    """One loaded template: its task name, text and where it came from."""

    name: str
    text: str
    origin: str  # the file it was read from

    @property
    def placeholders(self) -> tuple[str, ...]:
        """The `$names` the template uses, in order of first use."""
        return tuple(dict.fromkeys(Template(self.text).get_identifiers()))

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def render(self, values: Mapping[str, object]) -> str:
        """The prompt with every placeholder filled; names all missing values at once if any are."""
        missing = [name for name in self.placeholders if name not in values]
        if missing:
            raise ConfigError(
                f"prompt {self.name!r} ({self.origin}) needs a value for: {', '.join('$' + m for m in missing)}"
            )
        return Template(self.text).substitute({k: str(v) for k, v in values.items()})

    def describe(self) -> dict[str, str]:
        """What a brief records about the prompt that made it: where it came from ("built-in" for the
        package's own) and its hash."""
        builtin = Path(self.origin).parent.resolve() == builtin_prompts_dir().resolve()
        return {"origin": "built-in" if builtin else self.origin, "sha256": self.sha256[:16]}


def builtin_prompts_dir() -> Path:
    """The folder holding the built-in templates (package data in a wheel, `prompts/` in a checkout)."""
    packaged = Path(str(resources.files("summarise.models").joinpath("builtin_prompts")))
    if packaged.is_dir():
        return packaged
    # A checkout where the link did not survive (e.g. git on Windows without symlinks).
    return Path(__file__).resolve().parents[2] / "prompts"


def check_prompt_name(name: str) -> None:
    """Raise a ConfigError listing the valid names when `name` is not a prompt task."""
    if name not in PLACEHOLDERS:
        raise ConfigError(f"unknown prompt {name!r}; valid prompts: {', '.join(PROMPT_NAMES)}")


def prompt_path(
    name: str, *, prompts_dir: str | Path | None = None, overrides: Mapping[str, str | Path] | None = None
) -> Path:
    """The file `name` loads from: the override, else `prompts_dir/NAME.txt`, else the built-in."""
    check_prompt_name(name)
    if overrides and name in overrides:
        return Path(overrides[name])
    if prompts_dir is not None:
        candidate = Path(prompts_dir) / f"{name}.txt"
        if candidate.is_file():
            return candidate
    return builtin_prompts_dir() / f"{name}.txt"


def load_prompt(
    name: str, *, prompts_dir: str | Path | None = None, overrides: Mapping[str, str | Path] | None = None
) -> PromptTemplate:
    """Load and validate the template for task `name`."""
    path = prompt_path(name, prompts_dir=prompts_dir, overrides=overrides)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"prompt {name!r}: no such file {str(path)!r}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"prompt {name!r}: {str(path)!r} is not UTF-8 text") from None
    except OSError as error:
        raise ConfigError(f"prompt {name!r}: cannot read {str(path)!r} ({error.strerror})") from None
    template = PromptTemplate(name=name, text=text, origin=str(path))
    _validate(template)
    return template


def load_prompts(
    *, prompts_dir: str | Path | None = None, overrides: Mapping[str, str | Path] | None = None
) -> dict[str, PromptTemplate]:
    """Every task's template, checking the folder and the override names first."""
    overrides = dict(overrides or {})
    for name in overrides:
        check_prompt_name(name)
    if prompts_dir is not None and not Path(prompts_dir).is_dir():
        raise ConfigError(f"--prompts: no such folder {str(prompts_dir)!r}")
    return {name: load_prompt(name, prompts_dir=prompts_dir, overrides=overrides) for name in PROMPT_NAMES}


def _validate(template: PromptTemplate) -> None:
    if not template.text.strip():
        raise ConfigError(f"prompt {template.name!r} ({template.origin}) is empty")
    if not Template(template.text).is_valid():
        raise ConfigError(
            f"prompt {template.name!r} ({template.origin}) has a stray '$'; write '$$' for a dollar sign"
        )
    allowed = PLACEHOLDERS[template.name]
    unknown = [p for p in template.placeholders if p not in allowed]
    if unknown:
        raise ConfigError(
            f"prompt {template.name!r} ({template.origin}) uses unknown placeholder(s) "
            f"{', '.join('$' + u for u in unknown)}; it may use {', '.join('$' + a for a in allowed)}"
        )
