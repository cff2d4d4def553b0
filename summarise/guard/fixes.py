"""An edit to an English sentence that puts a figure right, with the one-line warning that says so."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from summarise.figures import EnglishFigure, as_decimal, convert, dimension, is_currency, render_english
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
    """Replace `found` with the figure's rendering: number and unit together where the English states a
    unit (it is read with its number), the number alone where the English has none."""
    if figure.kind in ("date", "percent", "ordinal", "fraction", "multiple") or found.unit is not None:
        text = figure.english
    else:
        text = render_english(figure.value, None, figure.qualifier, figure.kind)
    slip = unit_slip(figure, found) if what != "qualifier" else None
    if slip:
        return Fix(found.start, found.end, text, GuardWarning(
            "unit-corrected", f'figure {figure.text}: English said "{found.text}" ({slip}), corrected to "{text}" '
            "(value and unit)"), figure)
    reason = "qualifier" if what == "qualifier" else "value"
    return Fix(found.start, found.end, text, GuardWarning(
        "figure-corrected", f'figure {figure.text}: English said "{found.text}", corrected to "{text}" ({reason})'),
        figure)


def unit_slip(figure: Figure, found: EnglishFigure) -> str | None:
    """What the English unit got wrong, in words ("that is 200,000 kilowatts"); None when the English
    names the figure's unit, or none, or one that is not a measure or a currency."""
    if found.unit is None or figure.unit is None or found.unit == figure.unit or found.value is None:
        return None
    if is_currency(found.unit) and is_currency(figure.unit):
        return f"in {found.unit}, which cannot be compared with {figure.unit}"
    if dimension(found.unit) is None or dimension(found.unit) != dimension(figure.unit):
        return None
    amount = as_decimal(convert(found.value, found.unit, figure.unit))
    return f"that is {render_english(amount, figure.unit, kind='measure')}"


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

