"""Key figures: Chinese quantities to values in base units and news-style English, and English back.

- chinese.py: extract_figures, the left-to-right scan of Chinese text (dates.py, names.py and scan.py
  hold its reading steps; numerals.py reads numerals; units.py is the word lists, as data).
- english.py: render_english and friends, the one place the English style is decided.
- parse_english.py: parse_english_figures, numbers in English with their values and units, for comparing.
- measures.py: what each unit measures and its size, so amounts in different units compare in base units
  (same_amount: "2,000 megawatts" is 200万千瓦; yuan and US dollars are never compared), rates included
  ("50 kilograms per mu" for 每亩50公斤, and "per acre" caught).
"""

from summarise.figures.chinese import extract_figures
from summarise.figures.dates import date_parts
from summarise.figures.english import render_date, render_english, render_number, render_ordinal
from summarise.figures.measures import (
    as_decimal,
    convert,
    dimension,
    is_currency,
    is_rate,
    same_amount,
    units_conflict,
)
from summarise.figures.numerals import normalise_digits, parse_chinese_number
from summarise.figures.parse_english import EnglishFigure, parse_english_figures

__all__ = [
    "EnglishFigure",
    "as_decimal",
    "convert",
    "date_parts",
    "dimension",
    "extract_figures",
    "is_currency",
    "is_rate",
    "normalise_digits",
    "parse_chinese_number",
    "parse_english_figures",
    "render_date",
    "render_english",
    "render_number",
    "render_ordinal",
    "same_amount",
    "units_conflict",
]
