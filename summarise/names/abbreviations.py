"""Places written by one character: countries in a list (来自美、英、日) and pairs of them (中俄领导人,
英法海底隧道), and places after a verb of going or being (赴港上市, 在华, 回沪后)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarise.names.candidates import Candidate, is_han
from summarise.names.dictionary import Dictionary
from summarise.names.lexicon import lexicon
from summarise.names.units import Unit

_GOING = set("赴在来访抵离返回驻到留")


def find_country_abbreviations(units: Sequence[Unit], dictionary: Dictionary) -> list[Candidate]:
    """Countries by one character in a list (来自美、英、日) and pairs of them (中俄领导人), and places by
    one character after a verb of going or being (赴港上市, 在华, 回沪后)."""
    countries = lexicon().country_abbreviations
    abbreviated = lexicon().place_abbreviations
    found: list[Candidate] = []
    for index, unit in enumerate(units[1:], start=1):
        if unit.text in abbreviated and unit.flag in ("ns", "j") and units[index - 1].text in _GOING:
            found.append(Candidate(unit.start, unit.end, "place", abbreviated[unit.text], "table"))

    def country(index: int) -> bool:
        if not 0 <= index < len(units):
            return False
        unit = units[index]
        return unit.text in countries or (unit.proper is not None and unit.proper.kind == "place")

    for index, unit in enumerate(units):
        if unit.text in countries:
            listed = (index > 0 and units[index - 1].text == "、" and country(index - 2)) or (
                index + 1 < len(units) and units[index + 1].text == "、" and country(index + 2))
            if listed:
                found.append(Candidate(unit.start, unit.end, "place", countries[unit.text], "table"))
            elif index + 2 < len(units) and _two_single_countries(units, index):
                pair = units[index + 1]
                english = _pair_english(countries[unit.text], countries[pair.text])
                found.append(Candidate(unit.start, pair.end, "place", english, "table"))
        elif len(unit.text) == 2 and all(ch in countries for ch in unit.text) and unit.text[0] != unit.text[1] \
                and _names_a_pair(unit, dictionary):
            english = _pair_english(countries[unit.text[0]], countries[unit.text[1]])
            found.append(Candidate(unit.start, unit.end, "place", english, "table"))
    return found


def _pair_english(first: str, second: str) -> str:
    """"China and the United States": a country's name that is a plural noun takes its article."""
    return " and ".join(f"the {name}" if name.startswith(("United ", "Netherlands")) else name
                        for name in (first, second))


# The dictionary's gloss of a pair of countries: "China-Russia", "Anglo-French" (英法 is a word to it).
_PAIR_GLOSS = re.compile(r"[A-Z][a-z]+-[A-Z][A-Za-z]+")


def _names_a_pair(unit: Unit, dictionary: Dictionary) -> bool:
    """Two country characters as one word: a pair of countries (中俄, 英法), not a word of its own (美德
    "virtue", 英德 the city Yingde)."""
    if unit.proper is None and not dictionary.is_common_word(unit.text):
        return True
    senses = [sense for entry in dictionary.entries(unit.text) for sense in entry.senses]
    return bool(senses) and all(_PAIR_GLOSS.fullmatch(sense) for sense in senses)


def _two_single_countries(units: Sequence[Unit], index: int) -> bool:
    """jieba's 中 / 俄 / 领导人: two country characters as two words, a word of two characters or more after
    them and none of one before (根据 中 俄 领导人, not 高 中 美 ...)."""
    first, second, after = units[index], units[index + 1], units[index + 2]
    before = units[index - 1] if index > 0 else None
    return second.text in lexicon().country_abbreviations and second.text != first.text \
        and len(after.text) >= 2 and is_han(after.text) and (before is None or len(before.text) >= 2)
