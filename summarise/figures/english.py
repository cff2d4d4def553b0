"""Quantities to news-style English.

Style choices for the English (one place, applied everywhere):
- Money and large counts are scaled to "million", "billion" or "trillion" when the scaled number has at
  most three decimals (22.7亿元 -> "2.27 billion yuan"); otherwise digits with thousands separators
  ("12,345,678 yuan"). Smaller numbers always get separators ("4,215 metres").
- Percentages use the "%" sign ("over 95%"); 个百分点 is "percentage points".
- Counts, durations and ordinals from one to nine are spelt out ("three children", "third round");
  money, percentages, measures and years always use digits.
- A qualifier always comes first: 多/余 "more than", 超/逾/以上 "over", 近 "nearly", 约/左右 "about",
  至少 "at least", 以下/不到/不足 "under", 多达/最多/以内 "up to".
- Dates are "December 24", "2024", "December 24, 2024"; 1月至11月 is "January to November".
- Names that contain numerals but are not quantities get kind "name" and no value: "十四五" is the
  "14th Five-Year Plan", "Ⅱ类" water is "Class II", "三中全会" the "third plenary session".
"""

from __future__ import annotations

from decimal import Decimal, localcontext

from summarise.figures.numerals import PRECISION
from summarise.types import FigureKind

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
SMALL_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
ORDINAL_WORDS = ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                 "ninth", "tenth"]

_SCALES = [(Decimal(10) ** 12, "trillion"), (Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million")]
_SINGULAR = {"people": "person", "children": "child", "staff": "staff", "mu": "mu", "yuan": "yuan",
             "yen": "yen", "years old": "year old", "times": "time", "US dollars": "US dollar",
             "degrees Celsius": "degree Celsius"}
_FRACTION_WORDS = {2: "half", 3: "third", 4: "quarter", 5: "fifth", 6: "sixth", 8: "eighth", 10: "tenth"}


def plain_number(value: Decimal, *, separators: bool = True) -> str:
    """Digits with thousands separators and no trailing zeros (1,400; 113.6)."""
    value = value.normalize() if value.is_finite() else value
    if value == value.to_integral_value():
        integral = int(value)
        return f"{integral:,}" if separators else str(integral)
    sign = "-" if value < 0 else ""
    text = format(abs(value), "f")
    whole, _, fraction = text.partition(".")
    whole_text = f"{int(whole):,}" if separators else whole
    return f"{sign}{whole_text}.{fraction.rstrip('0')}" if fraction.rstrip("0") else f"{sign}{whole_text}"


def render_number(value: Decimal, *, spell_small: bool = False) -> str:
    """A value in news style: "2.27 billion", "30 million", "4,215", "three" (with spell_small)."""
    with localcontext() as context:
        context.prec = PRECISION
        magnitude = abs(value)
        for size, word in _SCALES:
            if magnitude >= size:
                scaled = (value / size).normalize()
                exponent = scaled.as_tuple().exponent
                if isinstance(exponent, int) and exponent >= -3:
                    return f"{plain_number(scaled)} {word}"
                break
        if spell_small and value == value.to_integral_value() and 0 <= value <= 9:
            return SMALL_WORDS[int(value)]
        return plain_number(value)


def render_ordinal(value: int) -> str:
    """'third' for 3 (one to ten spelt out), '21st' for 21."""
    if 0 < value <= 10:
        return ORDINAL_WORDS[value]
    return f"{value}{_ordinal_suffix(value)}"


def _ordinal_suffix(value: int) -> str:
    return "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")


def render_english(
    value: Decimal | None,
    unit: str | None,
    qualifier: str | None = None,
    kind: FigureKind = "count",
    upper: Decimal | None = None,
) -> str:
    """The news-style English of a quantity: render_english(Decimal("2.27e9"), "yuan") is '2.27 billion yuan'."""
    if value is None:
        return unit or ""
    if kind == "ordinal":
        text = render_ordinal(int(value))
        return f"{text} {unit}" if unit else text
    spell = kind == "count" and upper is None
    if kind == "percent" and unit == "percent":
        number = f"{render_number(value)}%"
        if upper is not None:
            number = f"{render_number(value)}% to {render_number(upper)}%"
        return f"{qualifier} {number}" if qualifier else number
    if kind == "multiple":
        number = render_number(value)
        text = "twice" if value == 2 else f"{number} times"
        return f"{qualifier} {text}" if qualifier else text
    number = render_number(value, spell_small=spell)
    if upper is not None:
        number = f"{number} to {render_number(upper, spell_small=spell)}"
    if unit:
        singular = _singular(unit) if value == 1 and upper is None else unit
        number = f"{number} {singular}"
    return f"{qualifier} {number}" if qualifier else number


def _singular(unit: str) -> str:
    top, per, rest = unit.partition(" per ")
    if per:
        return f"{_singular(top)}{per}{rest}"  # 1 kilogram per mu
    if unit in _SINGULAR:
        return _SINGULAR[unit]
    head, _, last = unit.rpartition(" ")
    if last.endswith("ies"):
        last = last[:-3] + "y"
    elif last.endswith(("ches", "shes", "sses")):
        last = last[:-2]
    elif last.endswith("s"):
        last = last[:-1]
    return f"{head} {last}" if head else last


def render_date(year: int | None, month: int | None, day: int | None) -> str:
    """'December 24, 2024', 'December 24', 'December 2024', '2024', 'the 24th'."""
    if month and day:
        text = f"{MONTHS[month - 1]} {day}"
        return f"{text}, {year}" if year else text
    if month:
        return f"{MONTHS[month - 1]} {year}" if year else MONTHS[month - 1]
    if year:
        return str(year)
    if not day:
        return ""
    return f"the {day}{_ordinal_suffix(day)}"  # days of the month always in digits: "the 3rd"


def render_fraction(numerator: Decimal, denominator: Decimal) -> str:
    """'one-third', 'two-thirds', 'one-half', '7/12'."""
    if numerator == numerator.to_integral_value() and denominator == denominator.to_integral_value():
        top, bottom = int(numerator), int(denominator)
        if bottom in _FRACTION_WORDS and 0 < top < 10:
            word = _FRACTION_WORDS[bottom] + ("s" if top > 1 and bottom != 2 else "")
            if bottom == 2 and top > 1:
                word = "halves"
            return f"{SMALL_WORDS[top]}-{word}"
        return f"{top}/{bottom}"
    return f"{plain_number(numerator)}/{plain_number(denominator)}"
