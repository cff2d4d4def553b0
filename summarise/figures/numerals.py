"""Numerals to values: 一百八十五, 两千, 1.2万, 13.21万亿, 二〇二四, 七点五万."""

from __future__ import annotations

import re
from decimal import Decimal, localcontext

# Normalisation is one character in, one character out, so offsets stay valid.
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．％～－", "0123456789.%~-")

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9}
CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_TENS = {"廿": 20, "卅": 30}
MULTIPLIERS = "十百千万亿"
CN_NUMERAL_CHARS = set(CN_DIGITS) | set(CN_SMALL_UNITS) | set(CN_TENS) | {"万", "亿"}

ARABIC = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")

PRECISION = 60  # enough for 万亿 × long digit strings without rounding


def normalise_digits(text: str) -> str:
    """Full-width digits and signs to ASCII, one character for one, so offsets stay valid."""
    return text.translate(_FULL_WIDTH)


def parse_chinese_number(surface: str) -> Decimal | None:
    """The value of a numeral such as 一百八十五, 两千, 1.2万, 13.21万亿 or 二〇二四; None if it is not one."""
    text = normalise_digits(surface).replace(",", "")
    if not text:
        return None
    decimal_point = re.fullmatch(r"(.+?)点([零〇一二三四五六七八九]+)([十百千万亿]*)", text)
    if decimal_point:
        # 七点五万 is 75,000: whole part, digits after 点, then the multiplier for both.
        whole = parse_chinese_number(decimal_point.group(1))
        multiplier = parse_chinese_number("1" + decimal_point.group(3)) if decimal_point.group(3) else 1
        if whole is None or multiplier is None or any(ch in "万亿" for ch in decimal_point.group(1)):
            return None
        fraction = Decimal("0." + "".join(str(CN_DIGITS[ch]) for ch in decimal_point.group(2)))
        return (whole + fraction) * multiplier
    if all(ch in CN_DIGITS for ch in text) and (len(text) >= 3 or "〇" in text or "零" in text):
        # A digit string (二〇二四): read digit by digit, as years are.
        return Decimal("".join(str(CN_DIGITS[ch]) for ch in text))
    with localcontext() as context:
        context.prec = PRECISION
        return _positional_value(text)


def _positional_value(text: str) -> Decimal | None:
    """The value of a numeral read unit by unit (三千五百万, 1.2万亿), or None."""
    total = Decimal(0)  # everything already scaled by 万 or 亿
    section = Decimal(0)  # below 万
    number: Decimal | None = None
    position = 0
    seen = False
    while position < len(text):
        match = ARABIC.match(text, position)
        ch = text[position]
        if match and position == match.start() and ch.isdigit():
            if number is not None:
                return None
            number = Decimal(match.group())
            position = match.end()
            seen = True
            continue
        if ch in CN_DIGITS:
            if number is not None and CN_DIGITS[ch] != 0:
                return None  # two digits in a row without a unit (一二): not a number
            number = Decimal(CN_DIGITS[ch]) if CN_DIGITS[ch] else None
            seen = True
        elif ch in CN_TENS:
            section += CN_TENS[ch]
            seen = True
        elif ch in CN_SMALL_UNITS:
            section += (number if number is not None else Decimal(1)) * CN_SMALL_UNITS[ch]
            number = None
            seen = True
        elif ch == "万":
            part = section + (number or 0)
            total += (part if part else Decimal(1)) * 10000
            section, number = Decimal(0), None
        elif ch == "亿":
            part = total + section + (number or 0)
            total = (part if part else Decimal(1)) * 100000000
            section, number = Decimal(0), None
        else:
            return None
        position += 1
    if not seen:
        return None
    if number is not None and len(text) >= 2 and text[-2] in "百千万亿" and text[-1] in CN_DIGITS:
        # 一百二 is 120, 两千五 2,500, 一万五 15,000: the last digit counts in the next lower unit.
        lower = {"百": 10, "千": 100, "万": 1000, "亿": 10000000}[text[-2]]
        number *= lower
    return total + section + (number or 0)
