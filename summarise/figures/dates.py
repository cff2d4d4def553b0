"""Chinese dates to figures (12月24日, 2024年12月, 1月至11月, 2021-2022年, 12月底, 三号), and a date
figure's (year, month, day) read back."""

from __future__ import annotations

import re
from decimal import Decimal

from summarise.figures.english import MONTHS, render_date
from summarise.figures.numerals import normalise_digits, parse_chinese_number
from summarise.figures.scan import is_year, make_figure, read_number, skip_space, starts_number_after_joiner
from summarise.figures.units import NOT_DAY_AFTER_HAO, RANGE_JOINERS
from summarise.types import Figure

_DATE_PARTS = re.compile(
    r"(?:(?P<year>[\d〇零一二三四五六七八九]{4})年)?(?:(?P<month>[\d一二三四五六七八九十]{1,3})月)?"
    r"(?:份|底)?(?:(?P<day>[\d一二三四五六七八九十廿卅]{1,3})[日号])?"
)


def date_at(text: str, norm: str, start: int, value: Decimal, end: int, surface: str,
            chinese: bool) -> Figure | None:
    """The date whose first number (`value`, norm[start:end]) starts at `start`, or None."""
    integral = value == value.to_integral_value()
    year = month = day = None
    end = skip_space(norm, end, "年月日号")
    position = end
    if norm.startswith("年", end) and is_year(value, surface, chinese) and not norm.startswith("年代", end):
        year, position = int(value), end + 1
        after = skip_space(norm, position, "0123456789")
        nxt = read_number(norm, after) if after < len(norm) and starts_number_after_joiner(
            norm, after) else None
        if nxt and norm.startswith("月", skip_space(norm, nxt[1], "月")) and 1 <= nxt[0] <= 12:
            month, position = int(nxt[0]), skip_space(norm, nxt[1], "月") + 1
    elif integral and norm.startswith("月", end) and 1 <= value <= 12 and not norm.startswith("月份", end):
        month, position = int(value), end + 1
    elif integral and norm.startswith("月份", end) and 1 <= value <= 12:
        month, position = int(value), end + 2
        return make_figure(text, start, position, None, "date", None, "date", render_date(None, month, None))
    elif integral and norm.startswith(("日", "号"), end) and 1 <= value <= 31 and (
        not chinese or len(surface) > 1 or value >= 10 or (
            norm.startswith("号", end) and surface != "一" and not norm.startswith(NOT_DAY_AFTER_HAO, end + 1)
        )
    ):
        day = int(value)
        return make_figure(text, start, end + 1, None, "date", None, "date", render_date(None, None, day))
    else:
        return None
    after = skip_space(norm, position, "0123456789")
    if month is not None and after < len(norm) and starts_number_after_joiner(norm, after):
        nxt = read_number(norm, after)
        if nxt and norm.startswith(("日", "号"), skip_space(norm, nxt[1], "日号")) and 1 <= nxt[0] <= 31:
            day, position = int(nxt[0]), skip_space(norm, nxt[1], "日号") + 1
    if day is None and position < len(norm) and norm[position] in RANGE_JOINERS:
        span = _date_span(text, norm, start, position, year, month)
        if span is not None:
            return span
    if month is not None and day is None and norm.startswith("底", position):
        return make_figure(text, start, position + 1, None, "date", None, "date",
                           f"the end of {render_date(year, month, None)}")
    if year is not None and month is None:
        if norm.startswith(("来", "间", "内"), position):
            return None  # 20年来 is a duration (handled elsewhere); a 4-digit year here is unusual
        return make_figure(text, start, position, Decimal(year), "year", None, "date", str(year))
    return make_figure(text, start, position, None, "date", None, "date", render_date(year, month, day))


def _date_span(text: str, norm: str, start: int, joiner: int, year: int | None,
               month: int | None) -> Figure | None:
    """1月至11月, 2021-2022年: a span of months or years, the joiner at `joiner`; None if not one."""
    joined = joiner + 1
    if joined >= len(norm) or not starts_number_after_joiner(norm, joined):
        return None
    nxt = read_number(norm, joined)
    if not nxt:
        return None
    upper, upper_end, upper_chinese = nxt
    if month is not None and year is None and norm.startswith("月", upper_end) and month < upper <= 12:
        return make_figure(text, start, upper_end + 1, Decimal(month), "month", None, "range",
                           f"{MONTHS[month - 1]} to {MONTHS[int(upper) - 1]}", Decimal(int(upper)))
    if year is not None and month is None and norm.startswith("年", upper_end) and \
            is_year(upper, norm[joined:upper_end], upper_chinese) and upper > year:
        return make_figure(text, start, upper_end + 1, Decimal(year), "year", None, "range",
                           f"{year} to {int(upper)}", upper)
    return None


def date_parts(figure: Figure) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) of a date figure (12月24日 -> (None, 12, 24)); all None for other kinds."""
    if figure.kind != "date":
        return (None, None, None)
    match = _DATE_PARTS.search(normalise_digits(figure.text).replace(" ", ""))
    if match is None:
        return (None, None, None)
    parts = []
    for name in ("year", "month", "day"):
        group = match.group(name)
        number = parse_chinese_number(group) if group else None
        parts.append(int(number) if number is not None else None)
    return (parts[0], parts[1], parts[2])
