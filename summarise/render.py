"""Briefs as plain text, Markdown, a JSON array or JSON lines."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from summarise.types import Brief

FORMATS = ("text", "markdown", "json", "jsonl")


def render(briefs: Sequence[Brief], fmt: str) -> str:
    """Render briefs in one of FORMATS."""
    renderers = {"text": render_text, "markdown": render_markdown, "json": render_json, "jsonl": render_jsonl}
    return renderers[fmt](briefs)


def render_json(briefs: Iterable[Brief]) -> str:
    return json.dumps([b.to_dict() for b in briefs], ensure_ascii=False, indent=2) + "\n"


def render_jsonl(briefs: Iterable[Brief]) -> str:
    return "".join(b.to_json() + "\n" for b in briefs)


def render_text(briefs: Iterable[Brief]) -> str:
    blocks = []
    for brief in briefs:
        lines = [brief.headline, f"  ({brief.source.headline or 'untitled'})", "", brief.summary]
        if brief.figures:
            lines += ["", "Key figures:"]
            lines += [f"  - {f.english}  [{f.text}]" for f in brief.figures]
        lines += [f"  ! {w}" for w in brief.warnings]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def render_markdown(briefs: Iterable[Brief]) -> str:
    blocks = []
    for brief in briefs:
        lines = [f"## {escape_markdown(brief.headline)}", ""]
        if brief.source.headline:
            lines += [f"*{escape_markdown(brief.source.headline)}*", ""]
        lines += [escape_markdown(brief.summary), ""]
        if brief.figures:
            lines += ["**Key figures**", ""]
            lines += [f"- {escape_markdown(f.english)} ({escape_markdown(f.text)})" for f in brief.figures]
            lines.append("")
        if brief.warnings:
            lines += [f"> **Warning:** {escape_markdown(w)}" for w in brief.warnings]
            lines.append("")
        blocks.append("\n".join(lines))
    return "\n".join(blocks)


def escape_markdown(text: str) -> str:
    """Escape the characters that would turn article text into Markdown markup."""
    for char in "\\`*_[]<>#|":
        text = text.replace(char, "\\" + char)
    return text
