"""Names that contain numerals but state no quantity: 十四五, 三中全会, 十九大, 双11, 90年代, Ⅱ类.

Each gets kind "name", no value and its English name (十九大 keeps its rank as an ordinal, because
readers check "19th").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from summarise.figures.english import render_ordinal
from summarise.figures.numerals import parse_chinese_number
from summarise.types import Figure

_NAME_PATTERNS = [
    # 十四五 (the 14th Five-Year Plan) and its kin: a plan name, not a quantity.
    (re.compile(r"[“\"]?(十[一二三四五六七八九]五)[”\"]?"), "plan"),
    # The lookbehind anchors the numeral at the start of its run and {1,3} bounds it, so a long run
    # of numerals costs one pass, not one backtracking scan per position (and 二十中全会 is the longest).
    (re.compile(r"(?<![一二三四五六七八九十])([一二三四五六七八九十]{1,3})中全会"), "plenum"),
    (re.compile(r"(两个一百年)"), "centenary"),
    (re.compile(r"(十[一二三四五六七八九])大(?![学量批型力幅多概约致家厦会小])"), "congress"),
    (re.compile(r"双(11|十一|12|十二)"), "double"),
    (re.compile(r"(?<![\d])(\d{2}|\d{4})年代"), "decade"),
    (re.compile(r"(?<![A-Za-z])([ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]|(?:IV|V?I{1,3}|VI{0,3}))类"), "class"),
]
_ROMAN = {"Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "Ⅴ": 5, "Ⅵ": 6, "Ⅶ": 7, "Ⅷ": 8, "Ⅸ": 9, "Ⅹ": 10,
          "I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8}
_ROMAN_TEXT = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI", 7: "VII", 8: "VIII", 9: "IX", 10: "X"}


def find_names(text: str, norm: str) -> Iterator[Figure]:
    """The name figures of `text`, pattern by pattern (not in text order); never raises."""
    for pattern, name_kind in _NAME_PATTERNS:
        for match in pattern.finditer(norm):
            try:
                name = _name_figure(text, match, name_kind)
            except (ArithmeticError, ValueError, IndexError, KeyError, RecursionError):
                continue  # a name whose numeral cannot be read is skipped: extraction never raises
            if name is not None:
                yield name


def _name_figure(text: str, match: re.Match[str], name_kind: str) -> Figure | None:
    """The figure of one name match (十四五, 三中全会, 十九大, ...), or None where its numeral is not one."""
    start, end = match.span()
    core = match.group(1)
    if name_kind == "plan":
        number = parse_chinese_number(core[:2])
        english = f"{render_ordinal(int(number or 0))} Five-Year Plan"
    elif name_kind == "congress":
        # 十九大: a name, but its ordinal is a quantity readers check ("19th").
        rank = int(parse_chinese_number(core) or 0)
        return Figure(text[start:end], start, end, Decimal(rank), None, None, "ordinal",
                      f"{render_ordinal(rank)} CPC National Congress")
    elif name_kind == "double":
        english = "Singles' Day (November 11)" if core in ("11", "十一") else "Double 12 (December 12)"
    elif name_kind == "centenary":
        english = "Two Centenary Goals"
    elif name_kind == "decade":
        year = int(core) if len(core) == 4 else 1900 + int(core)
        english = f"the {year}s"
    elif name_kind == "plenum":
        number = parse_chinese_number(core)
        if number is None:
            return None
        english = f"{render_ordinal(int(number))} plenary session"
    else:
        level = _ROMAN.get(core, 0)
        english = f"Class {_ROMAN_TEXT.get(level, core)}"
    return Figure(text[start:end], start, end, None, None, None, "name", english)
