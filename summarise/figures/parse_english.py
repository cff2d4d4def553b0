"""English back to values: '2.27 billion', '2,270 million', 'over 95 percent', 'December 24', 'third',
'two-thirds', so that a translation's figures can be compared with the Chinese ones."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, localcontext

from summarise.figures.english import MONTHS, ORDINAL_WORDS, SMALL_WORDS
from summarise.figures.measures import ENGLISH_SPELLINGS, PER_UNITS, rate_unit
from summarise.figures.numerals import PRECISION
from summarise.types import EnglishKind


@dataclass(frozen=True)
class EnglishFigure:
    """A number found in English text, with its value (scaled: "2.27 billion" is 2270000000) in its unit.

    `step` is the place of the last digit written, in that unit: 1 for "2,333", 10000 for "2.33 million".
    A value converted from another unit (mu to hectares) may differ from the exact one by half of it.
    """

    text: str
    start: int
    end: int
    value: Decimal | None
    qualifier: str | None = None
    unit: str | None = None  # "percent", "percentage points", a currency, a measure (measures.py), or None
    kind: EnglishKind = "number"
    month: int | None = None  # for dates
    day: int | None = None
    step: Decimal | None = None


_WORD_VALUES = {word: index for index, word in enumerate(SMALL_WORDS)}
_WORD_VALUES.update({"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
                     "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
                     "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                     "eighty": 80, "ninety": 90, "a dozen": 12, "twice": 2})
_ORDINAL_VALUES = {word: index for index, word in enumerate(ORDINAL_WORDS) if index}
_ORDINAL_VALUES.update({"eleventh": 11, "twelfth": 12, "twentieth": 20})
_SCALE_WORDS = {"thousand": 10 ** 3, "k": 10 ** 3, "million": 10 ** 6, "mn": 10 ** 6, "m": 10 ** 6,
                "mln": 10 ** 6, "billion": 10 ** 9, "bn": 10 ** 9, "b": 10 ** 9, "trillion": 10 ** 12,
                "tn": 10 ** 12, "hundred": 100, "lakh": 10 ** 5}
_EN_QUALIFIERS = [
    ("more than", "more than"), ("over", "over"), ("above", "over"), ("in excess of", "over"),
    ("upwards of", "over"), ("exceeding", "over"), ("greater than", "over"), ("nearly", "nearly"),
    ("almost", "nearly"), ("close to", "nearly"), ("approaching", "nearly"), ("about", "about"),
    ("around", "about"), ("approximately", "about"), ("roughly", "about"), ("some", "about"),
    ("an estimated", "about"), ("at least", "at least"), ("no less than", "at least"),
    ("no fewer than", "at least"), ("up to", "up to"), ("as many as", "up to"), ("as much as", "up to"),
    ("at most", "up to"), ("under", "under"), ("less than", "under"), ("fewer than", "under"),
    ("below", "under"),
]
_CURRENCIES = [
    ("hong kong dollars", "Hong Kong dollars"), ("us dollars", "US dollars"), ("u.s. dollars", "US dollars"),
    ("dollars", "US dollars"), ("roubles", "roubles"), ("rubles", "roubles"), ("yuan", "yuan"),
    ("renminbi", "yuan"), ("rmb", "yuan"), ("cny", "yuan"), ("usd", "US dollars"), ("euros", "euros"),
    ("euro", "euros"), ("yen", "yen"), ("pounds", "pounds"),
]
_NUMBER_WORDS = "|".join(sorted((re.escape(w) for w in _WORD_VALUES), key=len, reverse=True))
_EN_QUALIFIER_WORDS = "|".join(re.escape(q) for q, _ in _EN_QUALIFIERS)
_CURRENCY_WORDS = "|".join(re.escape(c) for c, _ in _CURRENCIES)


def _spellings(spellings: list[str]) -> str:
    """An alternation of unit spellings, longest first, so "kilowatt-hours" is not read as "kilowatt"; a
    space in a spelling matches any space."""
    return "|".join(re.escape(spelling).replace(r"\ ", r"\s+") for spelling in sorted(spellings, key=len, reverse=True))


_MEASURE_WORDS = _spellings(list(ENGLISH_SPELLINGS))
_MEASURE_KEYS = {" ".join(spelling.split()): unit for spelling, unit in ENGLISH_SPELLINGS.items()}
# What a rate's denominator is written as after "per" or "/" ("per acre", "/mu", "a hectare").
_PER_WORDS = _spellings([spelling for spelling, unit in ENGLISH_SPELLINGS.items() if unit in PER_UNITS.values()])
# A number starts after a space, a currency sign or code (RMB10), or anything but a word character.
_NUMBER_START = r"(?:(?<=[$€£¥\s])|(?<=RMB|CNY|USD|JPY|EUR|GBP|KRW|HKD)|(?<![\w.]))"
_EN_NUMBER = re.compile(
    r"""
    (?P<qualifier>(?:QUALIFIERS)\s+)?
    (?P<currency>US\$|HK\$|\$|€|£|¥|RMB\s?|CNY\s?|USD\s?|JPY\s?|EUR\s?|GBP\s?|KRW\s?|HKD\s?)?
    (?:
        (?P<digits>START\d{1,3}(?:,\d{3})+(?:\.\d+)?|START(?<!,)(?<![A-Za-z]-)\d+(?:\.\d+)?)
        (?!\.?\d|,\d{3})(?![\u3400-\u9fff])
      | (?P<word>\b(?:WORDS)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?\b)
    )
    (?:[\s-]?(?P<scale>thousand|million|billion|trillion|hundred|bn|mn|mln|tn|k|m|b)\b)?
    (?P<percent>\s?(?:%|percent\b|per\s?cent\b))?
    (?P<points>\s?percentage\s+points?\b)?
    (?:\s(?P<unit>(?:CURRENCIES)\b))?
    (?:[\s-]?(?P<measure>MEASURES)(?![\w²³]))?
    (?:(?:\s*/\s*|\s+(?:per|a|an|each)\s+)(?P<per>PERS)(?![\w²³]))?
    """.replace("QUALIFIERS", _EN_QUALIFIER_WORDS).replace("PERS", _PER_WORDS).replace("START", _NUMBER_START)
    .replace("WORDS", _NUMBER_WORDS).replace("CURRENCIES", _CURRENCY_WORDS).replace("MEASURES", _MEASURE_WORDS),
    re.IGNORECASE | re.VERBOSE,
)
_MONTH_NAMES = "|".join(MONTHS)
_MONTH_ABBREVIATIONS = "|".join(m[:3] for m in MONTHS if m != "May")
_EN_DATE = re.compile(
    rf"\b(?P<month>{_MONTH_NAMES}|{_MONTH_ABBREVIATIONS})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"|\b(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>{_MONTH_NAMES})\b"
)
_EN_MONTH = re.compile(rf"\b(?P<month>{_MONTH_NAMES})\b")
_EN_ORDINAL = re.compile(
    r"\b(?:(?P<digits>\d+)(?:st|nd|rd|th)|(?P<word>" + "|".join(_ORDINAL_VALUES) + r"))\b", re.IGNORECASE
)
_FRACTION_NAMES = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
                   "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "eighth": 8, "eighths": 8,
                   "tenth": 10, "tenths": 10}
_EN_FRACTION = re.compile(
    r"\b(?P<top>one|two|three|four|five|six|seven|eight|nine|a)[- ](?P<bottom>" + "|".join(_FRACTION_NAMES)
    + r")\b|(?<![\d/.])(?P<a>\d+)/(?P<b>\d+)(?![\d/])",
    re.IGNORECASE,
)
_CURRENCY_SYMBOLS = {"jpy": "yen", "eur": "euros", "gbp": "pounds", "krw": "won", "hkd": "Hong Kong dollars",
                     "$": "US dollars", "us$": "US dollars", "hk$": "Hong Kong dollars", "€": "euros",
                     "£": "pounds", "¥": "yuan", "rmb": "yuan", "cny": "yuan", "usd": "US dollars"}


def parse_english_figures(text: str) -> list[EnglishFigure]:
    """Numbers in English text with their values: '2.27 billion', '2,270 million', 'over 95 percent'."""
    if not isinstance(text, str) or not text:
        return []
    found: list[EnglishFigure] = []
    taken = _Taken(len(text))
    for match in _EN_DATE.finditer(text):
        name = match.group("month") or match.group("month2")
        day = int(match.group("day") or match.group("day2"))
        month = next(i for i, m in enumerate(MONTHS, 1) if m.startswith(name[:3]))
        if 1 <= day <= 31:
            found.append(EnglishFigure(match.group(), match.start(), match.end(), None, kind="date",
                                       month=month, day=day, unit="date"))
            taken.add(match.span())
    for match in _EN_MONTH.finditer(text):
        if not taken.overlaps(match.span()):
            month = MONTHS.index(match.group("month")) + 1
            found.append(EnglishFigure(match.group(), match.start(), match.end(), None, kind="date",
                                       month=month, unit="date"))
            taken.add(match.span())
    for match in _EN_FRACTION.finditer(text):
        if match.group("a"):
            top, bottom = int(match.group("a")), int(match.group("b"))
        else:
            word = match.group("top").lower()
            top, bottom = (1 if word == "a" else _WORD_VALUES[word]), _FRACTION_NAMES[match.group("bottom").lower()]
        if bottom == 0:
            continue
        with localcontext() as context:
            context.prec = 28
            value = Decimal(top) / Decimal(bottom)
        found.append(EnglishFigure(match.group(), match.start(), match.end(), value, kind="fraction"))
        taken.add(match.span())
    for match in _EN_ORDINAL.finditer(text):
        if taken.overlaps(match.span()):
            continue
        rank = int(match.group("digits")) if match.group("digits") else _ORDINAL_VALUES[
            match.group("word").lower()]
        found.append(EnglishFigure(match.group(), match.start(), match.end(), Decimal(rank), kind="ordinal"))
        taken.add(match.span())
    for match in _EN_NUMBER.finditer(text):
        if not (match.group("digits") or match.group("word")) or taken.overlaps(match.span()):
            continue
        figure = _english_figure(match)
        if figure is not None:
            found.append(figure)
            taken.add(match.span())
    return _share_scales(text, sorted(found, key=lambda f: f.start))


_RANGE_GAP = re.compile(r"\s*(?:-|–|—|to)\s*")
_SCALE_IN = re.compile(r"(thousand|million|billion|trillion|bn|mn|tn)\b", re.IGNORECASE)


def _share_scales(text: str, found: list[EnglishFigure]) -> list[EnglishFigure]:
    """'6-7 million' and '6 to 7 billion': the scale word of the second number applies to the first;
    '3 to 5 km': so does its measure."""
    shared = list(found)
    for index in range(len(shared) - 1):
        first, second = shared[index], shared[index + 1]
        if first.value is None or second.value is None or first.kind not in ("number", "money"):
            continue
        if not _RANGE_GAP.fullmatch(text[first.end:second.start]):
            continue
        scale = None if _SCALE_IN.search(first.text) else _SCALE_IN.search(second.text)
        factor = _SCALE_WORDS[scale.group(1).lower()] if scale else 1
        if first.value * factor > second.value or (factor == 1 and second.kind != "measure"):
            continue
        measure = first.unit is None and second.kind == "measure"
        shared[index] = replace(first, value=first.value * factor, unit=first.unit or second.unit,
                                kind="measure" if measure else first.kind,
                                step=first.step * factor if first.step is not None else None)
    return shared


class _Taken:
    """The characters already read as a figure, one flag each: checking a span costs its length, not the
    number of figures found so far (which made hostile text such as "1 " * 4000 quadratic)."""

    def __init__(self, size: int) -> None:
        self._flags = bytearray(size)

    def overlaps(self, span: tuple[int, int]) -> bool:
        return any(self._flags[span[0]:span[1]])

    def add(self, span: tuple[int, int]) -> None:
        self._flags[span[0]:span[1]] = b"\x01" * (span[1] - span[0])


def _english_figure(match: re.Match[str]) -> EnglishFigure | None:
    after = match.string[match.end():match.end() + 1]
    if after.isascii() and after.isalnum():
        return None  # 5G, 7FRESH, 7.50am: digits glued to a word are a name or a time, not a figure
    with localcontext() as context:
        context.prec = PRECISION
        if match.group("digits"):
            value = Decimal(match.group("digits").replace(",", ""))
        else:
            words = match.group("word").lower().replace("-", " ").split()
            if " ".join(words) in _WORD_VALUES:
                base = _WORD_VALUES[" ".join(words)]
            else:
                # "twenty-three": tens plus units; an unknown word counts as nothing.
                base = (_WORD_VALUES.get(words[0]) or 0) + (_WORD_VALUES.get(words[-1]) or 0)
            value = Decimal(base)
        scale = (match.group("scale") or "").lower()
        measure = match.group("measure")
        if scale in ("m", "b", "k") and not match.group("currency") and not measure:
            # "400m" may be a distance ("the 400m hurdles") or millions ("5m people"): no unit is read.
            # "5k" is a race. "$5m", "£5m" and "5m tonnes" are millions.
            scale = ""
        step = Decimal(1).scaleb(-len(match.group("digits").partition(".")[2])) if match.group("digits") \
            else Decimal(1)
        if scale:
            value *= _SCALE_WORDS[scale]
            step *= _SCALE_WORDS[scale]
    qualifier_text = (match.group("qualifier") or "").strip().lower()
    qualifier = dict(_EN_QUALIFIERS).get(qualifier_text) if qualifier_text else None
    unit: str | None = None
    kind: EnglishKind = "number"
    if match.group("points"):
        unit, kind = "percentage points", "percent"
    elif match.group("percent"):
        unit, kind = "percent", "percent"
    currency = (match.group("currency") or "").strip().lower()
    if currency:
        unit, kind = _CURRENCY_SYMBOLS.get(currency, "yuan"), "money"
    elif match.group("unit"):
        unit, kind = dict(_CURRENCIES)[match.group("unit").lower()], "money"
    elif measure:
        unit, kind = _MEASURE_KEYS[" ".join(measure.lower().split())], "measure"
    per = match.group("per")
    if per and kind in ("measure", "money") and unit is not None:
        denominator = _MEASURE_KEYS[" ".join(per.lower().split())]
        if denominator != unit:
            unit = rate_unit(unit, denominator)  # "50 kilograms per acre": a rate, compared as one
    if kind == "number" and not scale and match.group("digits") and len(match.group("digits")) == 4 and \
            1900 <= value <= 2100 and "," not in match.group("digits"):
        kind = "year"
    return EnglishFigure(match.group(), match.start(), match.end(), value, qualifier, unit, kind, step=step)
