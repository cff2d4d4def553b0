"""Countries and territories by their Chinese names, with their standard English: CLDR's names, read
through Babel (BSD-3-Clause; the CLDR data is under the Unicode licence). CC-CEDICT glosses a country
by its bare name and no kind (荷兰 "Holland", 乌克兰 "Ukraine"), so jieba's tag decided its kind and 乌克兰/nr
read as a person; CLDR says what each is and gives the form news uses (Netherlands)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from summarise.names.candidates import Candidate
from summarise.names.tokens import Token

# Not countries (EU, EZ eurozone, UN, ZZ unknown, QO outlying Oceania), or names the dictionary and the
# lexicon already give better (the SARs' "Hong Kong SAR China", 台湾), or names that are also Chinese
# places (黑山: Montenegro, and many a village).
_LEFT_OUT = frozenset({"EU", "EZ", "UN", "ZZ", "QO", "HK", "MO", "TW", "ME"})
_LONGEST_TOKENS = 3
# Places in China the dictionary glosses as it would a foreign one, by an English word that is no pinyin
# (中华 "China", 西藏 "Tibet"): their people have Chinese names, and their roads' signs spell them in pinyin.
CHINESE_REGIONS = frozenset({"China", "Hong Kong", "Macao", "Macau", "Taiwan", "Tibet", "Xizang"})
# Parts of the world (a gloss names them bare, "Asia-Pacific"; a firm's 区 divides it into them, 亚太区
# Asia-Pacific Region, 大中华区 Greater China Region).
WORLD_REGIONS = frozenset({"Asia-Pacific", "Asia Pacific", "Middle East", "Europe", "Asia", "Africa", "Oceania",
                           "Latin America", "North America", "South America", "Eurasia", "Caribbean", "Balkans",
                           "Scandinavia", "Antarctica", "Arctic", "Central Asia", "Southeast Asia", "East Asia",
                           "Greater China"})


@cache
def country_names() -> dict[str, str]:
    """Chinese name -> English name of every country and territory CLDR lists."""
    from babel import Locale

    chinese, english = Locale("zh").territories, Locale("en").territories
    names = {}
    for code, name in chinese.items():
        if len(code) == 2 and code.isalpha() and code not in _LEFT_OUT and code in english:
            names[name] = re.sub(r"\s*\(.*\)", "", english[code]).replace(" & ", " and ")
    return names


@cache
def english_country_names() -> frozenset[str]:
    """The English names of the countries CLDR lists (Turkey and Türkiye both)."""
    from babel import Locale

    english = Locale("en").territories
    return frozenset(name for code, name in english.items() if len(code) == 2 and code.isalpha()
                     and code not in _LEFT_OUT) | frozenset(
        country_names().values()) | {"Turkey", "US", "USA", "UK", "England", "Scotland", "Wales", "Macedonia",
                                     "Yugoslavia", "Soviet Union", "USSR", "Czechoslovakia", "Burma", "Saudi",
                                     "Swaziland", "Zaire"}


def find_countries(tokens: Sequence[Token]) -> list[Candidate]:
    """Each country named by whole words (one to three of jieba's: 乌克兰, 斯里 兰卡)."""
    names = country_names()
    found = []
    index = 0
    while index < len(tokens):
        for size in range(min(_LONGEST_TOKENS, len(tokens) - index), 0, -1):
            words = tokens[index:index + size]
            english = names.get("".join(t.text for t in words))
            if english is not None:
                found.append(Candidate(words[0].start, words[-1].end, "place", english, "table"))
                index += size
                break
        else:
            index += 1
    return found
