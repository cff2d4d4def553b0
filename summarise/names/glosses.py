"""How a CC-CEDICT gloss is read as a name: an entry's proper-noun senses give a name's standard English
form, cut from the gloss ("Xining, prefecture-level city..." -> "Xining"), and a kind guessed from its
words ("city" -> place, "Inc." -> organisation, "(1953-)" -> person), or no name at all (a period, an
idiom, an ethnic group, one side of a talk). `summarise.names.dictionary` holds the entries and asks here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarise.names.countries import WORLD_REGIONS, english_country_names
from summarise.names.english_words import is_english_word
from summarise.names.lexicon import lexicon
from summarise.types import NameKind


@dataclass(frozen=True)
class Entry:
    """One dictionary entry of a simplified word: its pinyin and its senses."""

    pinyin: str
    senses: tuple[str, ...]

    @property
    def proper(self) -> bool:
        """A proper noun: CC-CEDICT writes its pinyin with a capital ("Xi1 ning2")."""
        return self.pinyin[:1].isupper()


@dataclass(frozen=True)
class ProperNoun:
    """A name the dictionary knows: its English form and the kind its gloss suggests (None: unsure);
    `foreign` when the English is not the word's pinyin (特朗普 Trump, 怀俄明 Wyoming)."""

    english: str
    kind: NameKind | None
    foreign: bool = False
    state: bool = False  # a state of a federal country (怀俄明 "Wyoming, US state"): 州 is no prefecture there


# A gloss that only points to another entry: "variant of 邱吉爾|邱吉尔[Qiu1 ji2 er3]" (the simplified form
# after the bar, or alone).
VARIANT = re.compile(r"(?:old |archaic )?variant of (?:[^|\[\s]+\|)?([^|\[\s]+)\[[^\]]*\].*")

_PLACE_WORDS = re.compile(  # lower case: "State Council" is no state
    r"\b(?:city|county|prefecture|province|district|river|lake|mountains?|capital|country|region|town|"
    r"township|village|islands?|sea|ocean|plateau|desert|state|port|peninsula|bay|valley|basin|gorge|"
    r"canal|strait|municipality|banner|league|area|republic|kingdom|continent|kingdom|emirate|"
    r"principality|archipelago|metropolis|suburb|borough|oasis|grassland|reservoir)\b")
_ORGANISATION_WORDS = re.compile(
    r"\b(?:inc\.?|company|corporation|corp\.?|university|bank|agency|party|committee|ministry|newspaper|"
    r"association|organi[sz]ation|institute|group|brand|manufacturer|airlines?|council|department|"
    r"bureau|college|school|hospital|team|club|TV|television|channel|magazine|daily|press|academy|"
    r"federation|union|foundation|fund|society|automaker|carmaker|maker|make|retailer|firm|network|"
    r"administration|commission|court|museum|exchange|alliance|Ltd\.?)\b", re.IGNORECASE)
_PERSON_WORDS = re.compile(
    r"\(\s*(?:c\.\s*)?\d{1,4}\s*(?:BC)?\s*[-–]|\((?:name|personal name)\)|\b(?:politician|president|"
    r"writer|author|actor|actress|singer|poet|painter|emperor|king|queen|general|philosopher|scientist|"
    r"physicist|footballer|player|novelist|composer|dramatist|leader|minister|premier|chancellor|"
    r"businessman|entrepreneur|founder|statesman|revolutionary|diplomat|economist|athlete|director)\b")
_EVENTS = re.compile(r"\b(?:War|Dynasty|Revolution|Incident|Period|Era|Movement|Battle|Uprising|Games|Olympics|Massacre|"
                     r"Expo|Festival|Rebellion|Treaty|Conference|Plan|Reform|Initiative|Strategy|Project|Program|"
                     r"Programme)\b")
# A gloss of a time, a movement or a saying names nothing a reader could meet: "Three Kingdoms period
# (220-280)", "Great Leap Forward (1958-1960)" (a span of dates is no life when it is this short),
# "Zhang the Third and Li the Fourth (idiom)", "Saturday"; nor an ethnic group ("Tibetan ethnic group": a
# people, no body), one side of a talk ("the Japanese side") or a member ("Communist Party member"); nor an
# art, a dialect or a dish of a place ("Kunqu opera … in Jiangsu province", "Qihai dialect"); nor a currency or a scale ("Swiss franc",
# "Won (Korean currency)", "Richter (scale)"), a people ("German person") or an award ("Emmy Award").
_NO_NAME = re.compile(r"\b(?:period|era|dynasty|campaign|movement|idiom|proverb|currency|franc|dollar|yen|scale|"
                      r"ethnic group|side|member|religion|"
                      r"opera|dialect|cuisine|embroidery|earthquake|"
                      r"person(?! name)|Award|Prize|Medal)\b|^[A-Z]\w+ (?:person|people)\b"
                      r"|^(?:Monday|Tuesday|Wednesday|"
                      r"Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|"
                      r"September|October|November|December)$")
_DATE_SPAN = re.compile(r"\((?:[^()]*\s)?(\d{3,4})\s*[-–]\s*(\d{3,4})\)")
_SHORTEST_LIFE = 20
# Place words a gloss may capitalise as part of the name ("Wenchang City, Hainan").
_PLACE_HEADS = re.compile(r"\b(?:City|County|Prefecture|Province|District|Township|Municipality)\b")
_STOP = re.compile(r"\s*(?:\(|,|;|:|\bor\b|\baka\b|\babbr\b|\bi\.e\.)")
# A geographic head ends a name: "Lancang River of Qinghai and Yunnan" is the Lancang River.
_HEADS = {"River", "Lake", "Mountain", "Mountains", "Sea", "Island", "Islands", "Bay", "Plateau", "Desert",
          "Gorge", "Strait", "Canal", "Basin", "Region", "Prefecture", "County", "City", "Province", "District",
          "Town", "Township", "Village", "Municipality", "Banner", "League", "State"}
_CONNECTORS = {"of", "and", "&", "the", "de", "for", "on", "upon", "la", "le", "du", "von", "van", "al"}
# Descriptors a gloss adds after the bare name ("Qilian County", "Golog Tibetan autonomous prefecture"):
# the bare word (祁连) is "Qilian"; a suffix in the Chinese (祁连县) adds its own English by rule.
_DESCRIPTORS = {
    "county", "city", "prefecture", "province", "district", "region", "autonomous", "municipality",
    "town", "township", "village", "banner", "league", "tibetan", "hui", "mongol", "mongolian", "tu",
    "tuzu", "salar", "kazakh", "uighur", "uyghur", "yi", "miao", "zhuang", "dai", "li", "bai", "manchu",
    "tujia", "qiang", "yao", "dong", "korean", "kyrgyz", "kirghiz", "xibe", "naxi", "lisu", "hani",
    "jingpo", "bouyei", "buyei", "shui", "lahu", "wa", "daur", "evenki", "oroqen", "dongxiang", "yugur",
    "gelao", "mulao", "maonan", "tajik", "she", "shehiri", "nahiyisi", "naheyisi", "wilayiti",
}


# Particles a surname keeps when it stands alone (Van Gogh); lower-case ones it drops (Goethe, Coulomb).
_SURNAME_PARTICLES = frozenset({"Van", "Van der", "De", "Da", "Di", "Du", "La", "Le", "Mac", "O'"})
# Last words of a gloss that are no surname: a title or a realm ("Qianlong Emperor", "Yu the Great").
_NOT_SURNAMES = frozenset({"Emperor", "Empress", "Great", "Khan", "Kingdoms", "Dynasties", "Dynasty", "Elder",
                           "Younger", "King", "Queen", "Prince", "Princess"})


def proper_from(entry: Entry, word: str, wanted: str | None = None) -> ProperNoun | None:
    """The name the entry's first sense that reads as one gives; with `wanted` (a kind), the first sense
    that names one of that kind (亚历山大 "Alexander (name)/Alexandria (town name)": as a place, Alexandria)."""
    for sense in entry.senses:
        lowered = sense.lower()
        if lowered.startswith("surname "):
            # "surname Wang" is a Chinese surname, no name alone; "surname Armstrong" (阿姆斯特朗) is a
            # foreign one, written in characters only for a person.
            surname = _leading_name(sense[len("surname "):], person=True)
            if surname is not None and " " not in surname and not _spells_pinyin(surname, entry.pinyin):
                return ProperNoun(surname, "person", True)
            continue
        if lowered.startswith(("abbr. for", "old name", "variant of", "see ", "used in", "also written", "cl:",
                               "erhua variant", "used as", "taiwan pr.", "also pr.", "two-character surname")):
            continue
        if _NO_NAME.search(sense.split(",")[0]) or _short_span(sense):
            return None
        kind = _kind_of(sense)
        if kind is None and (_PLACE_HEADS.search(sense.split(",")[0]) or _in_a_country(sense)
                             or _is_country(sense)):
            kind = "place"  # "Wenchang City, Hainan"; "Istanbul, Turkey"
        english = _leading_name(sense, person=kind == "person")
        if english is None:
            continue
        if kind == "person":
            english = _pinyin_alternative(sense, entry.pinyin) or english  # Li Hung-chang or Li Hongzhang
            english = re.sub(r"^(?:Sir|Dame) (?=\S+ )", "", english)  # "Sir Li Ka-shing": a knighthood is no name
            english = _known_as(sense, english) or english  # Ma Yun "aka Jack Ma"
        if kind == "organisation":
            english = _whole_body(sense) or english  # "Olympic organizing committee", not "Olympic"
        if kind in ("person", "place", None) and _EVENTS.search(sense.split("(")[0]):
            kind = None  # "World War One (1914-1918)", "Belt and Road Initiative": no person, no place
            if _EVENTS.search(english):
                continue  # and not a name jieba's tag may make one of
        if kind is None and re.match(r"the (?:west|east|north|south|occident|orient)\b", lowered):
            continue  # "the West", "the Occident": a direction, no place (the Philippines is one)
        if kind is None and english.split()[-1] in _HEADS:
            kind = "place"  # "Lancang River"
        if kind is None:
            english, kind = _named_feature(sense) or (english, kind)  # 扬子江 "Changjiang … or Yangtze River"
        tail = _tail(sense, english) if kind is None else ""
        if _names_a_thing(tail):
            continue
        if _PLACE_TAIL.match(tail):
            if is_english_word(english.split()[-1]):
                continue  # "Confucian temple", "Buddhist temple": any temple of its kind, no name
            kind = "place"  # "Wangfujing neighborhood of central Beijing", "Linggu temple"
        foreign = not _spells_pinyin(english.split()[0], entry.pinyin.split()[0]) and not _spells_pinyin(
            english, entry.pinyin)
        syllables = len(entry.pinyin.split())
        if kind == "person" and " " in english and not _spells_pinyin(english, entry.pinyin) and "·" not in entry.pinyin \
                and "-" not in english.split()[-1] and not (syllables >= 3 and len(english.split()) == syllables) \
                and not _a_syllable(english.split()[-1], entry.pinyin) and (len(word) <= 2 or _transliterated(word)) \
                and english.split()[-1] not in _NOT_SURNAMES:
            # 普京 is Putin, not "Vladimir Putin": a transliterated surname stands for the surname alone
            # (比尔·盖茨, both names written, is Bill Gates; 凡高 is Van Gogh, with his surname's particle).
            # A Hong Kong or Taiwan name of three characters keeps its romanised whole ("Leung Chun-ying", not
            # "Chun-ying"), and so does one romanised a word a syllable (李显龙 "Lee Hsien Loong") and an
            # emperor's (乾隆 "Qianlong Emperor"). (成龙 is still "Chan": two characters read as 普京 is.)
            words = english.split()
            english = " ".join(words[-2:]) if words[-2] in _SURNAME_PARTICLES else words[-1]
        state = bool(re.search(r"\bstate\b", sense)) and foreign
        if wanted is not None and kind != wanted:
            continue
        return ProperNoun(english, kind, foreign, state)
    return None


# Lower-case words after a name that still gloss a place ("Linggu temple", "Wangfujing neighborhood"), a
# remark on the name ("China Export Commodities Fair also known as the Canton Fair"), or a nation's army,
# language or side, whose leading word is the English a body's name reads it as (俄军 "Russian army": 俄军部队
# Russian Force; 中文 "Chinese language": 路透中文网 Reuters Chinese Net).
_PLACE_KINDS = r"temple|monastery|gate|neighbou?rhood|square|palace"
_NAME_TAILS = re.compile(rf"\b(?:{_PLACE_KINDS}|site|park|bridge|tower|pass|"
                         r"forest|reserve|range|peak|coast|cent(?:er|re)|cosmodrome|in|at|near|off|between|also|now|formerly|"
                         r"former|ancient|located|founded|based|des|der|del|di|da|dos|das|"
                         r"army|military|forces|troops|navy|language|side)\b")


def _named_feature(sense: str) -> tuple[str, NameKind] | None:
    """A river, lake or mountain a gloss names as its second form ("Changjiang 長江|长江 or Yangtze River"):
    that form, a place."""
    for alternative in sense.split("(")[0].split(" or ")[1:]:
        named = _leading_name(alternative.strip())
        if named is not None and named.split()[-1] in _HEADS and len(named.split()) <= 3:
            return named, "place"
    return None


def _tail(sense: str, english: str) -> str:
    """What a gloss's first clause says after the name it opens with ("Taiwan independence": "independence")."""
    head = _STOP.split(sense.strip(), maxsplit=1)[0]
    if head.lower().startswith("the "):
        head = head[4:]
    return head[len(english):].strip() if head.startswith(english) else ""


# A place's kind said in lower case after its name: "Wangfujing neighborhood", "Linggu temple".
_PLACE_TAIL = re.compile(rf"(?:{_PLACE_KINDS}|scenic area|archaeological site)(?:$|\s+(?:of|in|near|at|on)\b)")


def _names_a_thing(tail: str) -> bool:
    """A gloss of a thing named after a name: "Taiwan independence", "Suzhou dialect", "Monte Carlo
    method", "Petri dish". `tail` (see _tail) opens with a lower-case word, and says no place."""
    first = tail.split()[0] if tail else ""
    return first.islower() and first not in _CONNECTORS and not _PLACE_WORDS.search(tail) \
        and not _NAME_TAILS.search(tail)


def _short_span(sense: str) -> bool:
    """A span of dates too short for a life: an event's ("(1958-1960)"), not a person's ("(1823-1901)")."""
    first = re.search(r"\([^()]*\)", sense)  # the name's own dates, not a term of office later in the gloss
    span = _DATE_SPAN.fullmatch(first.group()) if first is not None else None
    return span is not None and 0 <= int(span.group(2)) - int(span.group(1)) < _SHORTEST_LIFE


def _in_a_country(sense: str) -> bool:
    """A gloss that places a bare name in a country or a US state: "Istanbul, Turkey", "Zurich,
    Switzerland", "Las Vegas, Nevada", "Seattle, Washington State", "Waterloo (Belgium)"."""
    name, _, rest = sense.partition(", ")
    bracketed = _IN_BRACKETS.fullmatch(sense)
    if not rest and bracketed is not None:
        name, rest = bracketed.group(1), bracketed.group(2)
    where = rest.strip().rstrip(".").removesuffix(" State")
    return bool(rest) and name[:1].isupper() and (where in english_country_names() or where in _US_STATES)


_IN_BRACKETS = re.compile(r"([A-Z][a-z'-]+(?: [A-Z][a-z'-]+)?) \(([^)]+)\)")  # a bare name, not a body's
# ("House of Representatives (USA)", "National Health Service (UK)")
_US_STATES = frozenset((
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware", "Florida",
    "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine",
    "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska",
    "Nevada", "New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio",
    "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas",
    "Utah", "Vermont", "Virginia", "Washington", "West Virginia", "Wisconsin", "Wyoming"))


def _is_country(sense: str) -> bool:
    """A gloss that is a country's name alone ("Macedonia", "Yugoslavia, 1943-1992", "Saudi")."""
    name = sense.split(",")[0].strip()
    return name in english_country_names() or name in WORLD_REGIONS  # ("Asia-Pacific": bare, a place)


def _whole_body(sense: str) -> str | None:
    """A body's gloss whose name goes on in lower case to the word that makes it a body ("Olympic
    organizing committee"), title-cased; None where the name is capitalised already or ends otherwise."""
    clause = _STOP.split(sense.strip(), maxsplit=1)[0].strip()
    words = clause.split()
    if len(words) < 3 or not words[0][:1].isupper() or any(word[:1].isupper() for word in words[1:]):
        return None  # one capitalised word, then the body's lower-case words ("Ming Pao newspaper" is Ming Pao)
    last = _ORGANISATION_WORDS.search(words[-1])
    if last is None or len(words) > 5 or not all(word.isalpha() for word in words) or "ethnic" in words:
        return None  # ("Tibetan ethnic group" names a people)
    return " ".join(word if word[:1].isupper() else word.capitalize() for word in words)


def _pinyin_alternative(sense: str, pinyin: str) -> str | None:
    """The pinyin form a gloss offers beside an older romanisation ("Li Hung-chang or Li Hongzhang")."""
    head = sense.split("(")[0]
    for alternative in head.split(" or ")[1:]:
        alternative = alternative.strip().rstrip(",")
        if alternative[:1].isupper() and _spells_pinyin(alternative, pinyin):
            return alternative
    return None


def _known_as(sense: str, english: str) -> str | None:
    """The English name a Chinese person goes by where the gloss gives it ("Ma Yun (1964-), aka Jack Ma",
    "Ma Huateng aka Pony Ma"): a given name and the same surname."""
    found = re.search(r"\baka ([A-Z][a-z]+ [A-Z][a-z]+)\b", sense)
    surname = english.split()[0]
    if found is None or " " not in english or found.group(1).split()[-1] != surname:
        return None
    return found.group(1)


def _transliterated(word: str) -> bool:
    """Most characters ones that spell foreign sounds (特朗普, 邱吉尔); 宫崎骏 and 向巴平措 are written in their
    own language's characters, and their English names them whole (Miyazaki Hayao, Qiangba Puncog)."""
    foreign = lexicon().foreign_characters
    letters = [ch for ch in word if ch not in "·•"]
    return 2 * sum(ch in foreign for ch in letters) >= len(letters)


def _a_syllable(word: str, pinyin: str) -> bool:
    """The English word is the pinyin of one of the entry's syllables: a Chinese or Cambodian name with
    an English given name or in its own order (方文山 Vincent Fang, 洪森 Hun Sen), not a transliteration."""
    return any(_spells_pinyin(word, syllable) for syllable in pinyin.split())


def _spells_pinyin(english: str, pinyin: str) -> bool:
    """True when the English is the word's own pinyin ("Xi Jinping" for Xi2 Jin4 ping2)."""
    letters = "".join(ch for ch in english.lower() if ch.isalpha())
    return letters == "".join(ch for ch in pinyin.lower() if ch.isalpha()).replace("u:", "v")


def _a_league(word: str, sense: str) -> bool:
    """A league that is a body ("Premier League", "China Democratic League"), not Inner Mongolia's area
    ("Xilingol League"): the gloss of an area says where it is."""
    return word.lower() == "league" and "Inner Mongolia" not in sense


def _kind_of(sense: str) -> NameKind | None:
    if re.search(r"\bLeague\b", sense) and "Inner Mongolia" not in sense:
        return "organisation"  # "Premier League", "Ivy League": no Inner Mongolian league
    # The earliest classifier wins: "Xining, ... city and capital" is a place; "Nike, Inc." a company.
    found = [(m.start(), kind) for pattern, kind in ((_PERSON_WORDS, "person"), (_PLACE_WORDS, "place"),
                                                     (_ORGANISATION_WORDS, "organisation"))
             for m in [pattern.search(sense)] if m is not None]
    if not found:
        return None
    return min(found)[1]  # type: ignore[return-value]


def _leading_name(sense: str, *, person: bool = False) -> str | None:
    """The capitalised words a gloss opens with ("Lancang River of Qinghai..." -> "Lancang River"); a
    person's name keeps its last word even where a place's would be a descriptor (Wang Yi, not Wang)."""
    text = sense.strip()
    if text.lower().startswith("the "):
        text = text[4:]
    stop = _STOP.search(text)
    if stop is not None:
        text = text[:stop.start()]
    words = text.split()
    kept: list[str] = []
    for index, word in enumerate(words):
        bare = word.strip(".'\"")
        if bare[:1].isupper() or (bare[:1].isdigit() and kept) or bare in _CONNECTORS and kept \
                and (kept[-1] not in _HEADS or len(kept) == 1) and index + 1 < len(words) \
                and (words[index + 1][:1].isupper() or (  # "General Office of the Central Committee"
                    bare != "the" and words[index + 1] == "the" and index + 2 < len(words)
                    and words[index + 2][:1].isupper())):
            kept.append(word)
        else:
            break
    while len(kept) > 1 and ((not person and kept[-1].lower().strip(".") in _DESCRIPTORS
                              and not _a_league(kept[-1], sense)) or kept[-1] in _CONNECTORS):
        kept.pop()
    name = " ".join(kept)
    if " of the " in name and _EVENTS.search(name.split(" of the ", 1)[1]):
        kept = name.split(" of the ", 1)[0].split()  # "Daoist School of the Warring States Period": a time, no part
    if not kept or re.search(r"[\u3400-\u9fff]", " ".join(kept)):
        return None
    return " ".join(kept).rstrip(",.")
