"""Figure evaluation on a parallel corpus: does the English reference state each Chinese figure's value?

For every Chinese figure found in a zh/en pair it checks whether the reference contains the same value,
and compares that with a naive baseline that copies the digits and ignores 万/亿 (what a careless
translation does). Disagreements are grouped by cause, so the reference's own noise (rounding,
omission, paraphrase) can be told apart from our errors (extraction, rendering).
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from summarise.errors import InputError
from summarise.figures import (
    EnglishFigure,
    as_decimal,
    convert,
    dimension,
    extract_figures,
    normalise_digits,
    parse_english_figures,
)
from summarise.files import checked_file
from summarise.guard import matches, stated_in
from summarise.guard.compare import significant_digits
from summarise.guard.fixes import clip
from summarise.types import Figure

# Kinds whose value depends on 万/亿 and units: the headline numbers. Dates and names are reported apart.
QUANTITY_KINDS = frozenset({"money", "percent", "count", "measure", "range", "multiple", "fraction", "ordinal"})

CAUSES = {
    "extraction error": "the reference has our digits at another magnitude: the value we read is suspect",
    "rendering error": "our English does not parse back to our value",
    "reference rounding": "the reference rounds the value (within 5%)",
    "reference omission": "the reference states no comparable number",
    "reference differs": "the reference has other numbers (paraphrase, misalignment or an error)",
}
# Causes that are ours to fix; the rest are reference noise, which bounds the reachable agreement.
OUR_CAUSES = ("extraction error", "rendering error")
_ARABIC = re.compile(r"\d+(?:\.\d+)?")
_CHINESE_NUMERAL = re.compile(r"[0-9０-９零〇一二两三四五六七八九十百千万亿]")


@dataclass(frozen=True)
class FigureCheck:
    """One Chinese figure checked against its reference translation."""

    row: int
    zh: str
    en: str
    figure: Figure
    agreed: bool
    naive_agreed: bool
    cause: str | None = None


@dataclass(frozen=True)
class FigureEvaluation:
    """The result of `evaluate_figures`: agreement rates and the disagreements grouped by cause."""

    pairs: int
    checks: tuple[FigureCheck, ...]
    dates: tuple[FigureCheck, ...]
    misses: tuple[tuple[int, str, str, str], ...] = field(default=())  # row, zh, en, English number

    @property
    def total(self) -> int:
        return len(self.checks)

    @property
    def agreement(self) -> float:
        return _rate(sum(c.agreed for c in self.checks), self.total)

    @property
    def naive_agreement(self) -> float:
        return _rate(sum(c.naive_agreed for c in self.checks), self.total)

    @property
    def ceiling(self) -> float:
        """The agreement reachable if all our own errors were fixed: 1 - the reference-noise share."""
        noise = sum(1 for c in self.checks if c.cause is not None and c.cause not in OUR_CAUSES)
        return _rate(self.total - noise, self.total)

    @property
    def magnitude_checks(self) -> tuple[FigureCheck, ...]:
        """The figures written with 万 or 亿: where copying the digits goes wrong."""
        return tuple(c for c in self.checks if any(ch in c.figure.text for ch in "万亿"))

    @property
    def causes(self) -> Counter[str]:
        return Counter(c.cause for c in self.checks if c.cause is not None)


def _rate(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def read_pairs(path: str | Path) -> list[tuple[str, str]]:
    """(zh, en) pairs of a two-column CSV (a header row such as `0,1` is skipped)."""
    location = checked_file(path)
    try:
        with location.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
    except UnicodeDecodeError as error:
        raise InputError(f"{location} is not UTF-8 CSV text ({error.reason})") from None
    except csv.Error as error:
        raise InputError(f"{location} is not valid CSV: {error}") from None
    pairs = [(row[0], row[1]) for row in rows if len(row) >= 2]
    if pairs and pairs[0] == ("0", "1"):
        pairs = pairs[1:]
    if not pairs:
        raise InputError(f"{location} holds no zh,en pairs (expected two columns: Chinese, English)")
    return pairs


def naive_value(figure: Figure) -> Decimal | None:
    """The naive baseline: the first Arabic number of the surface, with 万/亿 ignored."""
    match = _ARABIC.search(normalise_digits(figure.text))
    return Decimal(match.group()) if match else None


def evaluate_figures(pairs: Iterable[tuple[str, str]], *, limit: int | None = None) -> FigureEvaluation:
    """Check every Chinese figure of each pair against its English reference."""
    checks: list[FigureCheck] = []
    dates: list[FigureCheck] = []
    misses: list[tuple[int, str, str, str]] = []
    count = 0
    for row, (zh, en) in enumerate(pairs, 1):
        if limit is not None and count >= limit:
            break
        count += 1
        figures = [f for f in extract_figures(zh) if f.kind != "name"]
        parsed = parse_english_figures(en)
        for figure in figures:
            check = _check(row, zh, en, figure, parsed)
            (checks if figure.kind in QUANTITY_KINDS else dates).append(check)
        misses.extend((row, zh, en, e.text) for e in _unextracted(zh, figures, parsed))
    return FigureEvaluation(count, tuple(checks), tuple(dates), tuple(misses))


def _check(row: int, zh: str, en: str, figure: Figure, parsed: list[EnglishFigure]) -> FigureCheck:
    agreed = stated_in(figure, parsed)
    naive = naive_value(figure)
    naive_agreed = naive is not None and any(e.value == naive for e in parsed if e.kind != "date")
    cause = None if agreed else _cause(figure, parsed)
    return FigureCheck(row, zh, en, figure, agreed, naive_agreed, cause)


def _cause(figure: Figure, parsed: list[EnglishFigure]) -> str:
    own = parse_english_figures(figure.english)
    if figure.value is not None and figure.kind != "range" and not any(e.value == figure.value for e in own):
        return "rendering error"
    numbers = [_in_unit_of(figure, e) for e in parsed if e.value is not None and e.kind not in ("date",)]
    if not numbers or figure.value is None:
        return "reference omission"
    value = figure.value
    if value and any(abs(n - value) <= abs(value) * Decimal("0.05") for n in numbers):
        return "reference rounding"
    digits = significant_digits(value)
    if digits and any(significant_digits(n) == digits for n in numbers):
        return "extraction error"
    return "reference differs"


def _in_unit_of(figure: Figure, english: EnglishFigure) -> Decimal:
    """The English value in the figure's unit where both name one dimension ("5,000 hectares" for a
    figure in mu), so rounding is judged on the same scale; else the English value as written."""
    value = english.value if english.value is not None else Decimal(0)
    if figure.unit and english.unit and english.unit != figure.unit and \
            dimension(figure.unit) is not None and dimension(figure.unit) == dimension(english.unit):
        return as_decimal(convert(value, english.unit, figure.unit), digits=28)
    return value


def _unextracted(zh: str, figures: list[Figure], parsed: list[EnglishFigure]) -> Iterator[EnglishFigure]:
    """Reference numbers (with digits) that no extracted figure accounts for, where the Chinese
    still holds numerals outside every extracted figure: our extraction probably missed them."""
    covered: set[int] = set()
    for figure in figures:
        covered.update(range(figure.start, figure.end))
    leftover = "".join(ch for index, ch in enumerate(zh) if index not in covered)
    if not _CHINESE_NUMERAL.search(leftover):
        return
    for english in parsed:
        if english.kind in ("date", "year") or not any(ch.isdigit() for ch in english.text):
            continue
        if not any(_accounts_for(figure, english) for figure in figures):
            yield english


def _accounts_for(figure: Figure, english: EnglishFigure) -> bool:
    if figure.kind == "range":
        return english.value is not None and english.value in (figure.value, figure.upper)
    return matches(figure, english)


def format_report(evaluation: FigureEvaluation, *, examples: int = 3) -> str:
    """A plain-text report: rates, the disagreements by cause with examples, and extraction misses."""
    magnitude = evaluation.magnitude_checks
    agreed = sum(c.agreed for c in evaluation.checks)
    magnitude_agreed = _rate(sum(c.agreed for c in magnitude), len(magnitude))
    magnitude_naive = _rate(sum(c.naive_agreed for c in magnitude), len(magnitude))
    dates_agreed = _rate(sum(c.agreed for c in evaluation.dates), len(evaluation.dates))
    lines = [
        (f"pairs: {evaluation.pairs}; Chinese figures checked: {evaluation.total} "
         f"(quantities; {len(evaluation.dates)} dates reported apart)"),
        f"agreement: {evaluation.agreement:.1%} ({agreed}/{evaluation.total})",
        f"naive baseline (digits copied, 万/亿 ignored): {evaluation.naive_agreement:.1%}",
        f"ceiling allowed by reference noise: {evaluation.ceiling:.1%}",
        f"figures with 万/亿 ({len(magnitude)}): agreement {magnitude_agreed:.1%}, naive {magnitude_naive:.1%}",
        f"dates agreement: {dates_agreed:.1%} ({len(evaluation.dates)} dates)",
        "",
        "disagreements by cause:",
    ]
    for cause, meaning in CAUSES.items():
        found = [c for c in evaluation.checks if c.cause == cause]
        lines.append(f"  {cause}: {len(found)} ({meaning})")
        for check in found[:examples]:
            lines.append(f"    row {check.row}: {check.figure.text} -> \"{check.figure.english}\" | "
                         f"{clip(check.zh, 60)} | {clip(check.en, 60)}")
    lines.append(f"  extraction miss: {len(evaluation.misses)} (a reference number no Chinese figure accounts for)")
    for row, zh, en, number in evaluation.misses[:examples]:
        lines.append(f"    row {row}: \"{number}\" | {clip(zh, 60)} | {clip(en, 60)}")
    return "\n".join(lines) + "\n"
