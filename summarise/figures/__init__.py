"""Key figures: Chinese quantities to values in base units and news-style English, and English back.

- chinese.py: extract_figures, the left-to-right scan of Chinese text (dates.py, names.py and scan.py
  hold its reading steps; numerals.py reads numerals; units.py is the word lists, as data).
- english.py: render_english and friends, the one place the English style is decided.
- parse_english.py: parse_english_figures, numbers in English with their values, for comparing.
"""

from summarise.figures.chinese import extract_figures
from summarise.figures.dates import date_parts
from summarise.figures.english import render_date, render_english, render_number, render_ordinal
from summarise.figures.numerals import normalise_digits, parse_chinese_number
from summarise.figures.parse_english import EnglishFigure, parse_english_figures

__all__ = [
    "EnglishFigure",
    "date_parts",
    "extract_figures",
    "normalise_digits",
    "parse_chinese_number",
    "parse_english_figures",
    "render_date",
    "render_english",
    "render_number",
    "render_ordinal",
]
