"""Ring roads: a city's ring roads are named in English by their ring, not in pinyin (上海外环线 Outer Ring
Road, 宁波绕城高速 Ningbo Ring Expressway, 北京二环路 2nd Ring Road); 线 after a ring is its line, said by the
suffix that follows (外环线隧道 Outer Ring Tunnel). A road named for a place in China is spelt in pinyin as
its signs spell it (中华东路 Zhonghua East Road, 康定路 Kangding Road); one named for a place or a person
abroad is in English (牛津街 Oxford Street, 华盛顿大道 Washington Avenue)."""

from __future__ import annotations

from summarise.names.countries import CHINESE_REGIONS
from summarise.names.dictionary import Dictionary, ProperNoun
from summarise.names.render import pinyin_word

DIRECTIONS = {"东": "East", "西": "West", "南": "South", "北": "North", "中": "Middle"}
_RINGS = {"外环": "Outer Ring", "内环": "Inner Ring", "中环": "Middle Ring", "绕城": "Ring", "环城": "Ring"}
_RING_NUMBERS = {"一": "1st", "二": "2nd", "三": "3rd", "四": "4th", "五": "5th", "六": "6th", "七": "7th"}


def ring_english(core: str) -> str | None:
    """The English of a ring road's core (外环 Outer Ring, 东外环 East Outer Ring, 外环线 and 中环线 Outer and
    Middle Ring, 北四环 North 4th Ring), or None."""
    whole = _ring(core.removesuffix("线"))
    if whole is not None or len(core) < 3 or core[0] not in DIRECTIONS:
        return whole
    ring = _ring(core[1:].removesuffix("线"))
    return f"{DIRECTIONS[core[0]]} {ring}" if ring else None


def _ring(word: str) -> str | None:
    if word in _RINGS:
        return _RINGS[word]
    if len(word) == 2 and word[1] == "环" and word[0] in _RING_NUMBERS:
        return f"{_RING_NUMBERS[word[0]]} Ring"
    return None


def chinese_name(core: str, proper: ProperNoun, dictionary: Dictionary) -> bool:
    """A road's core that names a place in China though the dictionary glosses it in English (中华 "China",
    西藏 "Tibet"; 康定 "Dartsendo, Dardo or Kangding county": the gloss spells its pinyin too)."""
    gloss = dictionary.first_proper_sense(core).lower().replace(" ", "")
    return proper.english in CHINESE_REGIONS or pinyin_word(core).lower().replace("'", "") in gloss
