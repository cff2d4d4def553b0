"""How the guard compares figures: a Chinese figure with an English one, or with another Chinese one.

Values are compared exactly (Decimal); units where they change meaning: currency, percent versus
percentage points, and measures, which are compared as quantities in base units (figures/measures.py),
so "2,000 megawatts" states 200万千瓦 and "200 megawatts" does not. Count nouns are not compared, because
the zh side guesses them from context.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Literal

from summarise.figures import EnglishFigure, date_parts, dimension, is_rate, same_amount, units_conflict
from summarise.types import Figure

# The sorts of quantity the guard tells apart; every other kind is a plain "number".
Category = Literal["date", "percent", "money", "ordinal", "name", "number"]

# Qualifiers that mean the same thing for a reader ("more than 4,000" and "over 4,000").
_QUALIFIER_GROUPS = {"over": "above", "more than": "above", "at least": "least", "under": "below",
                     "nearly": "near", "about": "near", "up to": "upto"}


def qualifiers_compatible(source: str | None, english: str | None) -> bool:
    """True when the English qualifier says what the source's says (None only matches None)."""
    if source is None or english is None:
        return source is None and english is None
    return _QUALIFIER_GROUPS.get(source, source) == _QUALIFIER_GROUPS.get(english, english)


def category(figure: Figure) -> Category:
    """The sort of quantity a figure is, for comparing: a span of months or years counts as a date."""
    kind = figure.kind
    if kind == "range" and figure.unit in ("month", "year"):
        return "date"
    if kind == "percent" or kind == "money" or kind == "date" or kind == "ordinal" or kind == "name":
        return kind
    return "number"


def matches(figure: Figure, english: EnglishFigure) -> bool:
    """True when the English figure states the same quantity as the Chinese one (qualifier aside)."""
    sort = category(figure)
    if sort == "date":
        if figure.kind == "range" or figure.unit == "year":
            return english.value == figure.value and english.kind in ("year", "number")
        _, month, day = date_parts(figure)
        if month is None:
            return english.kind in ("ordinal", "number") and english.value == day
        return english.kind == "date" and english.month == month and (day is None or english.day == day)
    if english.value is None or figure.value is None:
        return False
    if sort == "number":
        return amount_matches(figure.value, figure.unit, english)
    if sort == "money" and english.kind == "money" and (is_rate(figure.unit) or is_rate(english.unit)):
        return same_amount(figure.value, figure.unit, english.value, english.unit, english.step) is True
    if english.value != figure.value:
        return False
    if sort == "percent":
        wanted = "percentage points" if figure.unit == "percentage points" else "percent"
        return english.unit in (wanted, None)
    if sort == "money":
        return english.unit in (figure.unit, None)
    return english.kind in ("ordinal", "number")  # an ordinal


def amount_matches(value: Decimal, unit: str | None, english: EnglishFigure) -> bool:
    """True when the English states `value` `unit`s: in base units where both sides name a measure
    ("2,000 megawatts" for 2,000,000 kilowatts), else by the number alone where one side states no unit
    or a count noun ("people"), which the zh side guesses from context."""
    if english.value is None:
        return False
    agree = same_amount(value, unit, english.value, english.unit, english.step)
    if agree is not None:
        return agree
    if english.value != value:
        return False
    if english.kind in ("money", "measure"):
        return unit is None  # 200万 and "2 million kilowatts"; but not 200人 and "200 tonnes"
    # 50层 and "the 50th floor" state the same number; only percentages and dates are told apart.
    return english.kind in ("number", "fraction", "year", "ordinal")


def candidate(figure: Figure, english: EnglishFigure) -> bool:
    """True when `english` could be a (wrong) rendering of `figure`: the same sort of quantity."""
    sort = category(figure)
    if sort == "date":
        return english.kind == "date" if figure.unit not in ("year",) else english.kind in ("year", "number")
    if sort == "percent":
        return english.kind == "percent"
    if sort == "ordinal":
        return english.kind in ("ordinal", "number")
    # A year ("in 2024") is never taken for a mis-rendered count or amount; nor is an amount of another
    # sort ("200 tonnes" for 200万千瓦, "5 km" for 5人, "5 km" for 5亿元). Another currency can be one.
    if english.kind in ("date", "ordinal", "percent", "fraction", "year") or units_conflict(figure.unit, english.unit):
        return False
    return english.kind != "measure" or figure.unit is None or dimension(figure.unit) is not None


def significant_digits(value: Decimal | None) -> str:
    """The significant digits of a value: 2.27e9 and 22.7e9 both give '227'."""
    if value is None or not value.is_finite():
        return ""
    return "".join(str(d) for d in value.normalize().as_tuple().digits).strip("0")


def same_quantity(summary: Figure, article: Figure) -> bool:
    """True when a zh summary figure states a quantity the article states (qualifiers aside)."""
    if summary.kind == "name" or article.kind == "name":
        return summary.kind == article.kind and summary.english == article.english
    if summary.kind == "date" or article.kind == "date":
        if summary.kind != article.kind:
            return False
        if summary.unit == "year" or article.unit == "year":
            return summary.value == article.value
        mine, theirs = date_parts(summary), date_parts(article)
        return all(a is None or a == b for a, b in zip(mine, theirs))
    if summary.value != article.value or summary.upper != article.upper:
        return False
    if summary.kind in ("money", "percent", "measure") and article.kind == summary.kind:
        return summary.unit in (article.unit, None) or article.unit is None
    return summary.kind == article.kind or summary.unit is None or article.unit is None or \
        summary.kind == "count" or article.kind == "count"


def occurs_in(figure: Figure, article_figures: Sequence[Figure]) -> bool:
    """True when a zh summary figure states a quantity one of the article's figures states."""
    return any(same_quantity(figure, a) for a in article_figures)


def has_digits(english: EnglishFigure) -> bool:
    """True when the English figure is written with digits ("4,000", not "four")."""
    return any(ch.isdigit() for ch in english.text)


def stated_in(figure: Figure, parsed: Sequence[EnglishFigure]) -> bool:
    """True when the parsed English states the figure's value (both ends of a range); qualifiers aside."""
    if figure.kind == "name":
        return False
    if figure.kind == "range" and figure.upper is not None:
        return range_present(figure, parsed)
    return any(matches(figure, e) for e in parsed)


def range_present(figure: Figure, parsed: Sequence[EnglishFigure]) -> bool:
    """True when both ends of a range figure are among the parsed English figures."""
    if figure.unit == "month":
        months = {e.month for e in parsed if e.kind == "date"}
        return int(figure.value or 0) in months and int(figure.upper or 0) in months
    ends = [e for e in parsed if e.kind != "date"]
    return all(bound is not None and any(_range_end(bound, figure.unit, e) for e in ends)
               for bound in (figure.value, figure.upper))


def _range_end(bound: Decimal, unit: str | None, english: EnglishFigure) -> bool:
    """True when `english` states one end of a range: "3" or "3 km" for 3至5公里, "3,000 metres" too."""
    agree = same_amount(bound, unit, english.value, english.unit, english.step) if english.value is not None \
        else None
    return agree if agree is not None else english.value == bound

