"""Landforms of the dictionary whose English drops the feature: its gloss writes the feature in lower case
(云贵高原 "Yunnan and Guizhou plateau"), and a pair of regions joins with a hyphen (Yunnan-Guizhou Plateau)."""

from __future__ import annotations

import re

from summarise.names.dictionary import Dictionary
from summarise.names.lexicon import Lexicon

_FEATURE_SUFFIXES = ("高原", "盆地", "平原", "山脉")
PAIR = re.compile(r"^(\S+) and (\S+)$")  # two places: 云贵 "Yunnan and Guizhou" joins as Yunnan-Guizhou


def with_feature(word: str, english: str, lex: Lexicon, dictionary: Dictionary) -> str:
    """A landform's English with the feature its gloss writes in lower case, which the name drops:
    云贵高原 "Yunnan and Guizhou plateau" is the Yunnan-Guizhou Plateau, 四川盆地 "Sichuan basin" the Sichuan
    Basin."""
    feature = next((s for s in _FEATURE_SUFFIXES if word.endswith(s) and len(word) > len(s) and s in lex.place_suffixes),
                   None)
    if feature is None:
        return english
    said = lex.place_suffixes[feature]
    gloss = dictionary.first_proper_sense(word)
    if english.endswith(said) or f"{english} {said.lower()}" not in gloss:
        return english
    joined = PAIR.sub(r"\1-\2", english)
    return f"{joined} {said}"
