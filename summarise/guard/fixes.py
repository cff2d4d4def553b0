"""An edit to an English sentence that puts a figure right, with the one-line warning that says so."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from summarise.figures import EnglishFigure, render_english
from summarise.guard.codes import GuardWarning
from summarise.types import Figure


@dataclass(frozen=True)
class Fix:
    """One edit to an English sentence: replace [start, end) with `replacement`."""

    start: int
    end: int
    replacement: str
    warning: str
    figure: Figure | None = None  # the source figure the edit restores


def replacement(figure: Figure, found: EnglishFigure, what: str) -> Fix:
    """Replace `found` with the figure's rendering, keeping the unit out when the English has its own."""
    if figure.kind in ("date", "percent", "ordinal", "fraction", "multiple") or found.unit is not None:
        text = figure.english
    else:
        text = render_english(figure.value, None, figure.qualifier, figure.kind)
    reason = "qualifier" if what == "qualifier" else "value"
    return Fix(found.start, found.end, text, GuardWarning(
        "figure-corrected", f'figure {figure.text}: English said "{found.text}", corrected to "{text}" ({reason})'),
        figure)


def apply_fixes(english: str, fixes: Sequence[Fix]) -> str:
    """`english` with every fix applied (they must not overlap)."""
    for fix in sorted(fixes, key=lambda f: f.start, reverse=True):
        before, after = english[:fix.start], english[fix.end:]
        # Keep the repaired figure a word of its own, so it reads (and parses) as written.
        head = " " if before[-1:].isalnum() else ""
        tail = " " if after[:1].isalnum() else ""
        english = f"{before}{head}{fix.replacement}{tail}{after}"
    return english


def clip(text: str, width: int = 80) -> str:
    """One line, at most `width` characters, for warnings."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"

