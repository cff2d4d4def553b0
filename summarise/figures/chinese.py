"""Chinese text to figures: extract_figures finds every quantity, date and numbered name in order.

One scan from left to right. At each position where a number can start, `_figure_at` reads the number
and then tries the readings in a fixed order: an ordinal (第三轮), a written-out percentage (百分之五十),
a fraction (三分之一), a date (12月24日), tenths (八成), then a quantity with its qualifiers, unit and
counted noun (超过4000多名学生), which may turn out to be a range (3至5年).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, localcontext

from summarise.figures.dates import date_at
from summarise.figures.english import render_english, render_fraction
from summarise.figures.measures import PER_UNITS, dimension, rate_unit
from summarise.figures.numeral_names import find_names
from summarise.figures.numerals import ARABIC, normalise_digits, parse_chinese_number
from summarise.figures.scan import (
    is_chinese,
    is_clock_time,
    is_year,
    make_figure,
    noun_after,
    noun_before,
    number_end,
    prefix_qualifier,
    read_number,
    starts_number,
    starts_number_after_joiner,
    suffix_qualifier,
    unit_at,
)
from summarise.figures.units import (
    CLASSIFIERS_WITH_NOUNS,
    IDIOMS,
    NOT_PERCENT_AFTER_CHENG,
    ORDINAL_NOUN_KEYS,
    ORDINAL_NOUNS,
    RANGE_JOINERS,
    UNITS,
)
from summarise.types import Figure

_SKIPPED = (ArithmeticError, ValueError, IndexError, KeyError, RecursionError)


@dataclass(frozen=True)
class _Number:
    """A number read at `start`: its value, where it ends, its surface and whether it is in Chinese."""

    value: Decimal
    start: int
    end: int
    surface: str  # norm[start:end]
    chinese: bool  # written in Chinese numerals (三千) rather than digits


def extract_figures(text: str) -> list[Figure]:
    """Every figure in Chinese `text`, in order, with offsets into `text`; never raises.

    Linear in the length of `text`: each position is looked at a bounded number of times, and the end
    of the figures already found is kept as a running maximum instead of being recomputed per position.
    """
    if not isinstance(text, str) or not text:
        return []
    norm = normalise_digits(text)
    names = sorted(find_names(text, norm), key=lambda f: f.start)
    figures: list[Figure] = list(names)
    taken = [False] * len(text)
    for name in names:
        for index in range(name.start, name.end):
            taken[index] = True
    names_seen = 0  # names with start < position, in start order
    names_end = 0  # the furthest end among them
    numbers_end = 0  # the furthest end among figures found by the scan (all start before `position`)
    position = 0
    while position < len(norm):
        if taken[position] or not starts_number(norm, position):
            position += 1
            continue
        figure: Figure | None
        try:
            figure = _figure_at(text, norm, position)
        except _SKIPPED:
            figure = None  # a malformed numeral is skipped: extraction never raises
        while names_seen < len(names) and names[names_seen].start < position:
            names_end = max(names_end, names[names_seen].end)
            names_seen += 1
        last_end = max(names_end, numbers_end)
        if figure is None or figure.start < last_end or any(taken[figure.start:figure.end]):
            position = number_end(norm, position)  # never two figures over the same characters
            continue
        figures.append(figure)
        numbers_end = max(numbers_end, figure.end)
        position = figure.end
    return sorted(figures, key=lambda f: f.start)


def _figure_at(text: str, norm: str, start: int) -> Figure | None:
    """The figure whose number starts at `start`, or None where the numeral is part of a word."""
    if _not_a_quantity(norm, start):
        return None
    read = read_number(norm, start, bare_multiplier=prefix_qualifier(norm, start)[0] is not None)
    if read is None:
        return None
    value, end, chinese = read
    number = _Number(value, start, end, norm[start:end], chinese)
    if start > 0 and norm[start - 1] == "第":
        return _ordinal(text, norm, number)
    if start >= 3 and norm[start - 3:start] == "百分之":
        return _written_percent(text, norm, number)
    if norm.startswith("分之", end):
        return _fraction(text, norm, number)
    date = date_at(text, norm, start, value, end, number.surface, chinese)
    if date is not None:
        return date
    qualifier, begin = prefix_qualifier(norm, start)
    if _is_tenths(norm, number):
        return _tenths(text, norm, number, qualifier, begin)
    return _quantity(text, norm, number, qualifier, begin)


def _not_a_quantity(norm: str, start: int) -> bool:
    """True where the numeral at `start` is known before reading it not to start a figure."""
    if norm.startswith("百分之", start):
        return True  # the percentage is read from the number after 之
    if is_clock_time(norm, start):
        return True  # 7点50分, 下午四时三十分: a time of day, not a figure
    if norm.startswith(IDIOMS, start):
        return True  # 四处, 四起, 三元锂电池: numerals inside set phrases
    if start == 0:
        return False
    if norm[start - 1] == "-":
        locant = ARABIC.match(norm, start)
        if locant and norm.startswith("-", locant.end()):
            return True  # 吲哚-3-乳酸: a locant in a chemical name
    if (norm[start - 1] == "周" or norm[max(0, start - 2):start] in ("星期", "礼拜")) and \
            norm[start] in "一二三四五六日天":
        return True  # 周二, 星期三: a weekday
    # 数十, 几百, 上千, 成千上万: "dozens", "hundreds": vague, not a figure
    return norm[start - 1] in "数几上成" and norm[start] in "十百千万"


def _ordinal(text: str, norm: str, number: _Number) -> Figure | None:
    """第三轮 "third round", 第五 "fifth" (the 第 just before the number); 第三方 is a word."""
    if norm.startswith("方", number.end):
        return None  # 第三方: "third-party", a word
    noun_key = next((k for k in ORDINAL_NOUN_KEYS if norm.startswith(k, number.end)), None)
    stop = number.end + len(noun_key) if noun_key else number.end
    noun = ORDINAL_NOUNS.get(noun_key or "", "") or None
    if not _is_positive_whole(number.value):
        return None
    return make_figure(text, number.start - 1, stop, number.value, noun, None, "ordinal",
                       render_english(number.value, noun, kind="ordinal"))


def _written_percent(text: str, norm: str, number: _Number) -> Figure:
    """百分之五十 "50%" (百分之 just before the number), with its qualifiers."""
    qualifier, begin = prefix_qualifier(norm, number.start - 3)
    after, stop = suffix_qualifier(norm, number.end)
    qualifier = qualifier or after
    return make_figure(text, begin, stop, number.value, "percent", qualifier, "percent",
                       render_english(number.value, "percent", qualifier, "percent"))


def _fraction(text: str, norm: str, number: _Number) -> Figure | None:
    """三分之一 "one-third": `number` is the denominator, the numerator follows 分之."""
    below = read_number(norm, number.end + 2)
    if below is None or number.value == 0:
        return None
    numerator, stop, _ = below
    with localcontext() as context:
        context.prec = 28
        fraction = numerator / number.value
    return make_figure(text, number.start, stop, fraction, None, None, "fraction",
                       render_fraction(numerator, number.value))


def _is_tenths(norm: str, number: _Number) -> bool:
    """True at 八成 (80%): one Chinese digit, then 成 that does not start a word (三成员)."""
    return number.chinese and len(number.surface) == 1 and number.surface in "两二三四五六七八九" and \
        norm.startswith("成", number.end) and not norm.startswith(NOT_PERCENT_AFTER_CHENG, number.end + 1)


def _tenths(text: str, norm: str, number: _Number, qualifier: str | None, begin: int) -> Figure:
    """八成 is 80%: tenths, a common way to write shares."""
    after, stop = suffix_qualifier(norm, number.end + 1)
    qualifier = qualifier or after
    percent = number.value * 10
    return make_figure(text, begin, stop, percent, "percent", qualifier, "percent",
                       render_english(percent, "percent", qualifier, "percent"))


def _quantity(text: str, norm: str, number: _Number, qualifier: str | None, begin: int) -> Figure | None:
    """A quantity with its qualifiers and unit (4000多万元, 3至5年, 185家银行网点), or None."""
    position, value, qualifier = _more_than(norm, number, qualifier)
    if position == number.end:
        ranged = _range_after(text, norm, number, begin, qualifier)
        if ranged is not None:
            return ranged
    unit_key = unit_at(norm, position)
    if unit_key == "年" and is_year(value, number.surface, number.chinese):
        return None  # handled by date_at; here only durations
    if unit_key is None:
        return _bare_count(text, norm, number, value, position, qualifier, begin)
    if number.chinese and number.surface == "一" and qualifier is None:
        return None  # 一家, 一批, 一公里: idiom, not a figure
    return _with_unit(text, norm, value, unit_key, position, qualifier, begin)


def _more_than(norm: str, number: _Number, qualifier: str | None) -> tuple[int, Decimal, str | None]:
    """(where the unit may start, value, qualifier) after 多/余: 4000多名 is "more than 4,000"."""
    position = number.end
    value = number.value
    if norm.startswith(" ", position) and not number.chinese and (
        norm.startswith(("多", "余"), position + 1) or unit_at(norm, position + 1)
    ):
        position += 1  # "500 多万英镑", "9 月": a space before the unit
    if norm.startswith(("多", "余"), position) and not norm.startswith("多元", position):
        qualifier = qualifier or "more than"
        position += 1
        # 4000多万元: the multiplier can follow the qualifier.
        while position < len(norm) and norm[position] in "万亿":
            value = value * (10000 if norm[position] == "万" else 100000000)
            position += 1
    return position, value, qualifier


def _range_after(text: str, norm: str, number: _Number, begin: int, qualifier: str | None) -> Figure | None:
    """3至5年 (joiner right after the number) or 3年至5年 (after its unit): a range, or None."""
    joiner = number.end
    if joiner < len(norm) and norm[joiner] in RANGE_JOINERS:
        ranged = _range_at(text, norm, begin, number, joiner, qualifier)
        if ranged is not None:
            return ranged
    unit_key = unit_at(norm, joiner)
    if unit_key and joiner + len(unit_key) < len(norm) and norm[joiner + len(unit_key)] in RANGE_JOINERS:
        return _range_at(text, norm, begin, number, joiner + len(unit_key), qualifier, first_unit=unit_key)
    return None


def _bare_count(text: str, norm: str, number: _Number, value: Decimal, position: int,
                qualifier: str | None, begin: int) -> Figure | None:
    """A number with no unit: digits (71) or a Chinese numeral with 万/亿 (三千万); else part of a word."""
    if number.chinese and not any(ch in "万亿" for ch in number.surface):
        return None  # a Chinese numeral with no unit is part of a word (一二三产业, 三证)
    after, stop = suffix_qualifier(norm, position)
    qualifier = qualifier or after
    return make_figure(text, begin, stop, value, None, qualifier, "count",
                       render_english(value, None, qualifier, "count"))


def _with_unit(text: str, norm: str, value: Decimal, unit_key: str, position: int,
               qualifier: str | None, begin: int) -> Figure | None:
    """A number with its unit at `position` (22.7亿元, 二十届, 185家银行网点)."""
    unit, kind = UNITS[unit_key]
    stop = position + len(unit_key)
    if unit_key == "次" and norm.startswith(("会议", "全会", "全体会议"), stop):
        kind = "ordinal"  # 五次会议: the fifth session
    if kind == "ordinal":  # 二十届: "20th"; 18世纪: "18th century"
        if not _is_positive_whole(value):
            return None
        return make_figure(text, begin, stop, value, unit or None, None, "ordinal",
                           render_english(value, unit or None, kind="ordinal"))
    after, past = suffix_qualifier(norm, stop)
    if after:
        qualifier = qualifier or after
        stop = past
    if unit_key in CLASSIFIERS_WITH_NOUNS:
        # 185家银行网点 counts "bank branches"; 名 and 位 count "people" when no noun says otherwise.
        unit = noun_after(norm, stop) or noun_before(norm, begin) or unit
    if kind in ("measure", "money") and unit:
        per, stop = rate_per(norm, begin, stop, unit)
        if per is not None:
            unit = rate_unit(unit, per)
    return make_figure(text, begin, stop, value, unit or None, qualifier, kind,
                       render_english(value, unit or None, qualifier, kind))


def rate_per(norm: str, begin: int, stop: int, unit: str) -> tuple[str | None, int]:
    """The unit a quantity is stated per, and where the figure then ends: 50公斤/亩 (after it), or 每亩 or
    亩产 earlier in its clause (每亩可增产粮食50公斤, 亩产达到500公斤) where no other number stands between;
    (None, stop) when it is no rate. A model that writes "per acre" for per mu is a sixfold slip."""
    if norm.startswith("/", stop):
        per = _per_unit_at(norm, stop + 1)
        if per is not None and dimension(UNITS[per][0]) != dimension(unit):
            return UNITS[per][0], stop + 1 + len(per)
    position = begin
    while position > 0 and begin - position < _RATE_REACH:
        position -= 1
        char = norm[position]
        if char in _CLAUSE_ENDS or char.isdigit():
            break
        after = position + 1
        per = _per_unit_at(norm, after) if char == "每" else None
        if per is None and char == "亩" and norm.startswith(("亩产", "亩均"), position):
            per = "亩"
        if per is not None:
            english = UNITS[per][0]
            return (english, stop) if dimension(english) != dimension(unit) else (None, stop)
    return None, stop


# How far back a 每亩 may stand from the number it applies to, and what ends its clause.
_RATE_REACH = 16
_CLAUSE_ENDS = "，。；;,！？!?、：:\n（）()“”"
# The Chinese units a rate can be stated per: those whose English can stand after "per" (measures.PER_UNITS).
_PER_KEYS = tuple(sorted((key for key, (english, kind) in UNITS.items()
                          if kind == "measure" and english in PER_UNITS.values()), key=len, reverse=True))


def _per_unit_at(norm: str, position: int) -> str | None:
    return next((key for key in _PER_KEYS if norm.startswith(key, position)), None)


def _range_at(text: str, norm: str, begin: int, number: _Number, joiner: int,
              qualifier: str | None, first_unit: str | None = None) -> Figure | None:
    """The range whose first number is `number` and whose joiner (至, -) is at `joiner`, or None."""
    if joiner + 1 >= len(norm) or not starts_number_after_joiner(norm, joiner + 1):
        return None
    read = read_number(norm, joiner + 1)
    if read is None:
        return None
    upper, end, _ = read
    unit_key = unit_at(norm, end)
    if unit_key is None or (first_unit is not None and first_unit != unit_key):
        return None
    value = number.value
    shared = _shared_multiplier(norm, number.start, joiner, end, first_unit)
    if shared is not None:
        value = value * shared
    if upper <= value:
        return None
    unit, kind = UNITS[unit_key]
    if kind == "ordinal":
        return None
    stop = end + len(unit_key)
    first, second = norm[number.start:joiner], norm[joiner + 1:end]
    if unit_key == "年" and is_year(value, first, is_chinese(first)) and is_year(upper, second, is_chinese(second)):
        return make_figure(text, begin, stop, value, "year", None, "range", f"{value} to {upper}", upper)
    if unit_key == "%":
        return make_figure(text, begin, stop, value, "percent", qualifier, "range",
                           render_english(value, "percent", qualifier, "percent", upper=upper), upper)
    english = render_english(value, unit or None, qualifier, kind if kind != "count" else "range", upper=upper)
    return make_figure(text, begin, stop, value, unit or None, qualifier, "range", english, upper)


def _shared_multiplier(norm: str, start: int, joiner: int, end: int, first_unit: str | None) -> Decimal | None:
    """10至20亿元: the 万/亿 ending the second number, where the first has none of its own; else None."""
    suffix = ""
    while end - len(suffix) - 1 > joiner and norm[end - len(suffix) - 1] in "万亿":
        suffix = norm[end - len(suffix) - 1] + suffix
    first = norm[start:joiner - (len(first_unit) if first_unit else 0)]
    if suffix and not first.endswith(("万", "亿")):
        return parse_chinese_number("1" + suffix) or Decimal(1)
    return None


def _is_positive_whole(value: Decimal) -> bool:
    return value == value.to_integral_value() and value > 0
