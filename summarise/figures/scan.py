"""The reading steps figure extraction shares: where a number starts and ends, its unit, its qualifiers,
the noun it counts, and the Figure it makes. Each looks at a bounded window around one position, so a
scan over a text stays linear.

`norm` is always the text after normalise_digits: the same length as the text, so offsets agree.
"""

from __future__ import annotations

import re
from decimal import Decimal

from summarise.figures.numerals import (
    ARABIC,
    CN_DIGITS,
    CN_NUMERAL_CHARS,
    CN_SMALL_UNITS,
    MULTIPLIERS,
    parse_chinese_number,
)
from summarise.figures.units import (
    NOT_QUALIFIER_BEFORE,
    NOUN_KEYS,
    NOUNS,
    PREFIX_QUALIFIERS,
    SUFFIX_QUALIFIERS,
    UNIT_KEYS,
)
from summarise.types import Figure, FigureKind

_CLOCK = re.compile(r"[0-9零〇一二两三四五六七八九十]{1,3}[点时:][0-9零〇一二三四五六七八九十]{1,3}分")
_CLOCK_DIGITS = "0123456789零〇一二两三四五六七八九十"
_CLOCK_MINUTES = re.compile(r"[0-9零〇一二三四五六七八九十]{1,3}分")


def starts_number(norm: str, position: int) -> bool:
    """True where a figure's number can start: not inside a code (PM2.5, COVID-19, 5G) or a numeral."""
    ch = norm[position]
    if ch.isdigit() and ch.isascii():
        before = norm[position - 1] if position else ""
        if before == "-" and position > 1 and not norm[position - 2].isdigit() and not norm[position - 2].isspace():
            return False  # COVID-19, 直-9, 红旗-16: a model name
        return not (before and before.isascii() and (before.isalnum() or before in "._"))
    if ch in CN_NUMERAL_CHARS:
        return position == 0 or norm[position - 1] not in CN_NUMERAL_CHARS
    return False


def starts_number_after_joiner(norm: str, position: int) -> bool:
    """True where the second number of a range or a date (the 11 of 1月至11月) can start."""
    ch = norm[position]
    return (ch.isdigit() and ch.isascii()) or ch in CN_DIGITS or ch in CN_SMALL_UNITS


def unit_at(norm: str, position: int) -> str | None:
    """The longest unit (units.UNITS key) starting at `position`, or None."""
    for key in UNIT_KEYS:
        if norm.startswith(key, position):
            return key
    return None


def read_number(norm: str, position: int, *, bare_multiplier: bool = False) -> tuple[Decimal, int, bool] | None:
    """(value, end, written in Chinese numerals) of the numeral starting at `position`."""
    match = ARABIC.match(norm, position)
    chinese = match is None
    end = match.end() if match else position
    if match is None:
        while end < len(norm) and (norm[end] in CN_NUMERAL_CHARS or (
            norm[end] == "点" and end > position and end + 1 < len(norm) and norm[end + 1] in CN_DIGITS
            and "点" not in norm[position:end]
        )):
            # Stop before a unit that starts with a multiplier (千米, 千克, 百分点).
            if norm[end] in MULTIPLIERS and unit_at(norm, end) and end > position:
                break
            end += 1
    else:
        if end < len(norm) and (norm[end].isascii() and norm[end].isalpha()):
            return None  # 5G, 4K: a name
        # "15.9 亿美元": web text often puts a space between the digits and the multiplier.
        if norm.startswith(" ", end) and end + 1 < len(norm) and norm[end + 1] in "万亿":
            end += 1
    while end < len(norm) and norm[end] in MULTIPLIERS and not norm.startswith("百分之", end) and not (
        unit_at(norm, end) and unit_at(norm, end) not in ("万", "亿")
    ):
        if not chinese or norm[end] in "万亿":
            end += 1
        else:
            break
    surface = norm[position:end].replace(" ", "")
    if chinese and surface[0] in MULTIPLIERS and surface[0] != "十" and not bare_multiplier:
        return None  # 千方百计, 万一, 百姓: words, not numbers (but 逾千人 is "over 1,000 people")
    value = parse_chinese_number(surface)
    if value is None:
        return None
    return value, end, chinese


def number_end(norm: str, position: int) -> int:
    """The end of the run of digits and numerals starting at `position` (where a failed read resumes)."""
    end = position + 1
    while end < len(norm) and (norm[end].isdigit() or norm[end] in CN_NUMERAL_CHARS or norm[end] in ".,"):
        end += 1
    return end


def prefix_qualifier(norm: str, start: int) -> tuple[str | None, int]:
    """(qualifier, where it starts) of a qualifier before the number (超过, 约, 近), or (None, start)."""
    original = start
    if start > 0 and norm[start - 1] == " ":
        start -= 1  # "约 5 亿元"
    for key, qualifier in PREFIX_QUALIFIERS:
        begin = start - len(key)
        if begin >= 0 and norm.startswith(key, begin):
            before = norm[begin - 1] if begin > 0 else ""
            if before and before in NOT_QUALIFIER_BEFORE.get(key, ""):
                continue
            return qualifier, begin
    return None, original


def suffix_qualifier(norm: str, end: int) -> tuple[str | None, int]:
    """(qualifier, where it ends) of a qualifier after the figure (以上, 左右), or (None, end)."""
    for key, qualifier in SUFFIX_QUALIFIERS:
        if norm.startswith(key, end):
            return qualifier, end + len(key)
    return None, end


def noun_after(norm: str, end: int) -> str | None:
    """The English of the counted noun after a classifier (185家银行网点: "bank branches")."""
    for key in NOUN_KEYS:
        if norm.startswith(key, end):
            return NOUNS[key]
    return None


def noun_before(norm: str, start: int) -> str | None:
    """The English of the counted noun before a number (企业490个: "companies")."""
    for key in NOUN_KEYS:
        if start - len(key) >= 0 and norm.startswith(key, start - len(key)):
            return NOUNS[key]
    return None


def is_clock_time(norm: str, start: int) -> bool:
    """True at the hour (7点50分) or at the minutes (the 50 of 7点50分) of a time of day."""
    if _CLOCK.match(norm, start):
        return True
    return (start > 1 and norm[start - 1] in "点时:" and norm[start - 2] in _CLOCK_DIGITS
            and _CLOCK_MINUTES.match(norm, start) is not None)


def is_chinese(surface: str) -> bool:
    """True when `surface` is written wholly in Chinese numerals."""
    return bool(surface) and all(ch in CN_NUMERAL_CHARS for ch in surface)


def is_year(value: Decimal, surface: str, chinese: bool) -> bool:
    """True when a number reads as a year: four digits (2024, 二〇二四)."""
    digits = surface.replace(",", "")
    if chinese:
        return len(digits) == 4 and all(ch in CN_DIGITS for ch in digits)
    return len(digits) == 4 and digits.isdigit() and 1000 <= value <= 2999


def skip_space(norm: str, position: int, allowed_next: str) -> int:
    """Skip one space when the next character is one of `allowed_next` ("9 月 1 日" in web text)."""
    if norm.startswith(" ", position) and position + 1 < len(norm) and norm[position + 1] in allowed_next:
        return position + 1
    return position


def _tidy(value: Decimal | None) -> Decimal | None:
    """Whole numbers without a trailing ".0" (22.7 * 10**8 is 2270000000, not 2270000000.0)."""
    if value is not None and value.is_finite() and value == value.to_integral_value():
        return Decimal(int(value))
    return value


def make_figure(text: str, start: int, end: int, value: Decimal | None, unit: str | None,
                qualifier: str | None, kind: FigureKind, english: str, upper: Decimal | None = None) -> Figure:
    """The Figure over text[start:end], with whole values tidied."""
    value, upper = _tidy(value), _tidy(upper)
    return Figure(text[start:end], start, end, value, unit, qualifier, kind, english, upper)
