"""Briefs as plain text, Markdown, a JSON array or JSON lines."""

from __future__ import annotations

import json
import re
import unicodedata
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
        if brief.names:
            lines += ["", "Names:"]
            lines += [f"  - {n.english or '(left unrendered)'}  [{n.text}, {n.kind}]" for n in brief.names]
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
        if brief.names:
            lines += ["**Names**", ""]
            lines += [f"- {escape_markdown(n.english or '(left unrendered)')} ({escape_markdown(n.text)}, {n.kind})"
                      for n in brief.names]
            lines.append("")
        if brief.warnings:
            lines += [f"> **Warning:** {escape_markdown(w)}" for w in brief.warnings]
            lines.append("")
        blocks.append("\n".join(lines))
    return "\n".join(blocks)


# Bidirectional controls (U+202A-U+202E, U+2066-U+2069, marks) reorder what a reader sees: "RLO"
# turns "txt.exe" into what looks like "exe.txt". Displayed text drops them and other invisible controls.
_HIDDEN_CONTROLS = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BLOCK_START = re.compile(r"^(\s*)([-+=])|^(\s*\d{1,9})([.)])(?=\s|$)")
_LINE_BREAKS = re.compile("[\r\n\x0b\x0c\x85\u2028\u2029]+")


def display_text(text: str) -> str:
    """Untrusted text made safe to show on one line: bidi and control characters out, line breaks to spaces.

    A line break in a headline would otherwise start a new Markdown block ("\\n# heading", "\\n---").
    """
    return _HIDDEN_CONTROLS.sub("", _LINE_BREAKS.sub(" ", text))


def printable(text: str) -> str:
    """Text for a terminal: control and format characters (ESC, bidi) shown as escapes, never obeyed."""
    return "".join(ch.encode("unicode_escape").decode("ascii") if unicodedata.category(ch) in ("Cc", "Cf")
                   else ch for ch in text)


def escape_markdown(text: str) -> str:
    """Escape the characters that would turn article text into Markdown markup."""
    text = display_text(text)
    for char in "\\`*_[]<>#|":
        text = text.replace(char, "\\" + char)
    # A field that starts like a list item, a rule or a setext underline would start a block.
    return _BLOCK_START.sub(lambda m: f"{m[1] or m[3] or ''}\\{m[2] or m[4]}", text, count=1)
