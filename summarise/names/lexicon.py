"""The names stage's word lists (data/lexicon.toml), read once: well-known bodies, titles, the words
around a person's name, place and organisation suffixes, ethnic groups, surnames, and the characters of
transliterated foreign names."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Lexicon:
    """The lists, each as the lookups the scanners need."""

    organisations: dict[str, str]  # well-known bodies -> standard English
    places: dict[str, str]  # places whose standard English no rule gives (中国香港 -> Hong Kong, China)
    titles: dict[str, str]  # 省委书记 -> secretary of the provincial Party committee
    after_person: frozenset[str]  # words that follow a name (强调, 表示, 赴)
    after_person_weak: frozenset[str]  # words that follow a name and much else (的, 在): only after a title
    never_given: frozenset[str]  # characters that never end a given name
    before_person: frozenset[str]  # words that introduce a name without being a title (记者, 据)
    weak_surnames: frozenset[str]  # surnames that are more often words (和, 于): need a word before
    place_suffixes: dict[str, str]  # 自治州 -> Autonomous Prefecture
    zone_suffixes: frozenset[str]  # suffixes whose core may be a common word (产业园区)
    organisation_suffixes: dict[str, str]  # 委员会 -> Committee
    organisation_prefixes: dict[str, str]  # 市 -> Municipal (市统计局)
    ethnic_groups: dict[str, str]  # 藏族 -> Tibetan
    country_abbreviations: dict[str, str]  # 美 -> United States
    place_abbreviations: dict[str, str]  # 港 -> Hong Kong (赴港)
    foreign_characters: frozenset[str]  # 音译用字
    tibetan_parts: frozenset[str]  # 扎西, 尼玛: the parts Tibetan names are made of
    single_surnames: frozenset[str]
    common_surnames: frozenset[str]  # the 100 commonest single ones (王李张刘陈…)
    compound_surnames: frozenset[str]
    surname_readings: dict[str, str]  # 单 -> Shan
    given_readings: dict[str, str]  # 焘 -> tao
    place_readings: dict[str, str]  # 都 -> du (蜀都 Shudu)
    foreign_persons: dict[str, str]  # 泽连斯基 -> Zelensky
    name_words: dict[str, str]  # 材料 -> Materials: a common word as it reads inside a body's name
    set_phrases: frozenset[str]  # 金山银山: slogans no name is read inside

    @property
    def longest_title(self) -> int:
        return max(max(map(len, self.titles)), max(map(len, self.before_person)))

    def surname_at(self, text: str, start: int) -> str | None:
        """The surname that begins at `text[start]`: a compound one first (欧阳), else a single one."""
        pair = text[start:start + 2]
        if pair in self.compound_surnames:
            return pair
        char = text[start:start + 1]
        return char if char in self.single_surnames else None


# The head of the surname list that counts as common (it is in order of how many bear each): the
# hundred commonest surnames are borne by some 85% of the Han population.
_COMMON_SURNAMES = 100


def _chars(block: str) -> frozenset[str]:
    return frozenset(ch for ch in block if not ch.isspace())


@cache
def lexicon() -> Lexicon:
    """The lexicon, parsed on first use."""
    raw = resources.files("summarise.names").joinpath("data/lexicon.toml").read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    person = data["person"]
    surnames = data["surnames"]
    return Lexicon(
        organisations=dict(data["organisations"]),
        places=dict(data["places"]),
        titles=dict(data["titles"]),
        after_person=frozenset(person["after"]),
        after_person_weak=frozenset(person["after_weak"]),
        never_given=frozenset(person["never_given"]),
        before_person=frozenset(person["before"]),
        weak_surnames=_chars(person["weak_surnames"]),
        place_suffixes=dict(data["place_suffixes"]),
        zone_suffixes=frozenset(data["place_zone_suffixes"]["names"]),
        organisation_suffixes=dict(data["organisation_suffixes"]),
        organisation_prefixes=dict(data["organisation_prefixes"]),
        ethnic_groups=dict(data["ethnic_groups"]),
        country_abbreviations=dict(data["country_abbreviations"]),
        place_abbreviations=dict(data["place_abbreviations"]),
        foreign_characters=_chars(data["foreign"]["characters"]),
        tibetan_parts=frozenset(data["tibetan"]["parts"]),
        single_surnames=_chars(surnames["single"]),
        common_surnames=frozenset("".join(surnames["single"].split())[:_COMMON_SURNAMES]),
        compound_surnames=frozenset(surnames["compound"]),
        surname_readings=dict(surnames["readings"]),
        given_readings=dict(data["given_names"]["readings"]),
        place_readings=dict(data["place_names"]["readings"]),
        foreign_persons=dict(data["foreign_persons"]),
        name_words=dict(data["name_words"]),
        set_phrases=frozenset(data["set_phrases"]["words"]),
    )
