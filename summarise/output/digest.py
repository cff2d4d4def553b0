"""Digest pages of briefs for readers: Markdown, one self-contained HTML page (jinja2 templates), and an
Atom feed (output/atom.py)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from datetime import date as Date
from pathlib import Path
from typing import Any

from summarise.errors import BinaryInput, EmptyInput, InputError, UndecodableInput, first_line
from summarise.files import open_checked
from summarise.reading.decode import binary_kind
from summarise.types import Brief

DIGEST_FORMATS = ("markdown", "html", "atom")


@dataclass(frozen=True)
class Digest:
    """What a digest page shows: the briefs, the distinct model signatures, and the date."""

    briefs: tuple[Brief, ...]
    models: tuple[str, ...]
    date: str
    title: str = "News digest"


def read_briefs(path: str | Path) -> list[Brief]:
    """Briefs from a JSONL file (one brief per line); a bad line or a non-text file raises InputError."""
    path = Path(path)
    briefs = []
    with open_checked(path) as handle:
        kind = binary_kind(handle.read(16))
        if kind:
            raise BinaryInput(f"{path}: binary file ({kind}), not a JSONL file of briefs")
        handle.seek(0)
        for number, raw in enumerate(handle, 1):
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                raise UndecodableInput(f"{path}: line {number} is not UTF-8 text, not a brief") from None
            if not line.strip():
                continue
            try:
                briefs.append(Brief.from_json(line))
            except (ValueError, KeyError, TypeError, AttributeError, ArithmeticError, RecursionError) as error:
                # A brief file from elsewhere can hold anything: "source": [], a value "notanumber".
                reason = first_line(str(error))[:120]
                raise InputError(f"{path}: line {number} is not a brief ({type(error).__name__}"
                                 + (f": {reason})" if reason else ")")) from None
    if not briefs:
        raise EmptyInput(f"{path}: holds no briefs")
    return briefs


def describe_models(models: dict[str, Any]) -> str:
    """One readable line for a brief's model signature, e.g. "torch: mt5 (rev abc) + opus-mt"."""
    parts = []
    for role in ("summariser", "translator"):
        info = models.get(role)
        if isinstance(info, dict):
            name = str(info.get("id") or info.get("model") or "?")
            revision = info.get("revision")
            parts.append(f"{role} {name}" + (f" @ {str(revision)[:12]}" if revision else ""))
    engine = models.get("engine")
    head = f"{engine}: " if engine else ""
    return head + ", ".join(parts) if parts else head + json.dumps(models, sort_keys=True, ensure_ascii=False)


def build_digest(briefs: Iterable[Brief], *, date: str | Date | None = None, title: str = "News digest") -> Digest:
    """Collect what a digest shows; `date` defaults to today (UTC)."""
    briefs = tuple(briefs)
    if date is None:
        date = datetime.now(UTC).date()
    models = tuple(dict.fromkeys(describe_models(dict(b.models)) for b in briefs if b.models))
    return Digest(briefs=briefs, models=models, date=str(date), title=title)


def render_digest(briefs: Sequence[Brief], fmt: str, *, date: str | Date | None = None,
                  title: str = "News digest") -> str:
    """A digest in one of DIGEST_FORMATS."""
    digest = build_digest(briefs, date=date, title=title)
    if fmt == "atom":
        from summarise.output.atom import render_atom

        return render_atom(digest)
    return render_html(digest) if fmt == "html" else render_markdown_digest(digest)


def render_markdown_digest(digest: Digest) -> str:
    """Markdown: a title, contents with links, the briefs (render.render_markdown), models and date."""
    from summarise.output.render import escape_markdown as _md
    from summarise.output.render import render_markdown

    lines = [f"# {_md(digest.title)}", "", f"*{digest.date}*", "", "## Contents", ""]
    lines += [f"{n}. {_md(b.headline)}" for n, b in enumerate(digest.briefs, 1)]
    lines += ["", render_markdown(digest.briefs).rstrip("\n"), "", "---", ""]
    lines += [f"Models: {_md(m)}  " for m in digest.models] or ["Models: unknown"]
    return "\n".join(lines).rstrip() + "\n"


def render_html(digest: Digest) -> str:
    """One static page: inline CSS, no scripts or external assets, every text autoescaped."""
    template = html_environment().get_template("digest.html.j2")
    return template.render(digest=digest, anchors=[f"a{n}" for n in range(1, len(digest.briefs) + 1)])


def html_environment(*loaders: Any) -> Any:
    """The jinja2 environment of this project's HTML pages: these templates (the brief card, the style)
    after any `loaders` given, every value autoescaped and shown without bidi or control characters."""
    import jinja2
    from markupsafe import Markup

    from summarise.output.render import display_text

    def shown(value: Any) -> Any:
        # Markup is already-safe HTML (a rendered card): cleaning it as text would escape it whole.
        return display_text(value) if isinstance(value, str) and not isinstance(value, Markup) else value

    return jinja2.Environment(
        loader=jinja2.ChoiceLoader([*loaders, jinja2.PackageLoader("summarise.output", "templates")]),
        autoescape=True,  # article text is untrusted: every {{ }} is escaped
        finalize=shown,  # ...and shown without bidi or control characters, which could reorder what a reader sees
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
