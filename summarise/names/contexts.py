"""Places read from what stands around them, where neither the dictionary nor a suffix names them:

- a site named before the works built there: after the province or city it lies in (广东沙角B电厂,
  上海竹园第一污水处理厂), at the start of a list's item (、大场水厂), or a dictionary place that is also a
  common noun (日照电厂: 日照 is a city, and "sunshine");
- the other items of a list that names places (义乌、柯桥等城镇; 璜塘、江阴南、江阴北4个收费站);
- a place's name found again without its suffix (大涧村 ... 大涧学校);
- a numbered street (纽约53号大街: 53rd Street), a building named by a common word after its city
  (北京京城大厦: 京城大厦);
- a foreign name written in characters before a place suffix (莫宁赛德山, 波肯提克山庄), left unrendered
  unless the dictionary knows it: a transliteration is never guessed back.

Each rule reads a bounded window around a character or a known place, so the scan is linear.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache

from summarise.names.candidates import Candidate, is_han
from summarise.names.dictionary import Dictionary
from summarise.names.lexicon import lexicon
from summarise.names.render import pinyin_word, title_words
from summarise.names.tokens import Token, tokenize
from summarise.names.units import NOT_IN_A_CORE, could_name, words_english

_NOUNS = ("n", "ns", "nr", "nz", "nrt", "nrfg")


def find_places_in_context(text: str, tokens: Sequence[Token], proposals: Sequence[Candidate],
                           words: Dictionary) -> list[Candidate]:
    """The places the rules of this module read in `text`, given what the other scanners proposed."""
    places = [c for c in proposals if c.kind == "place"]
    flags = {token.start: token for token in tokens}
    return [*_sites_before_works(text, flags, places, words), *_listed_places(text, tokens, flags, proposals, words),
            *_places_again(text, places, words), *_foreign_places(text, words), *_numbered_streets(text),
            *_buildings_after_places(text, places, words)]


# Works named after the site they stand on, longest first (发电厂 before 电厂); a unit letter or an ordinal
# may come between (沙角B电厂, 竹园第一污水处理厂).
_WORKS = re.compile(r"(?:[A-Z]|第[一二三四五六七八九十])?(?:污水处理厂|自来水厂|热电厂|发电厂|核电站|水电站|电厂|水厂|电站|机场)")


def _sites_before_works(text: str, flags: dict[int, Token], places: Sequence[Candidate],
                        words: Dictionary) -> list[Candidate]:
    place_ends = {c.end for c in places if c.source != "pinyin"}
    found = []
    for works in _WORKS.finditer(text):
        start = works.start() - 2
        core = text[start:works.start()]
        if start < 0 or not could_name(core):
            continue
        known = words.proper_noun(core)
        token = flags.get(start)
        one_noun = token is not None and token.end == works.start() and token.flag in _NOUNS
        if known is not None and known.kind == "place" and (not words.is_common_word(core) or (
                one_noun and not _is_verb(core, words))):
            found.append(Candidate(start, works.start(), "place", known.english, "dictionary"))
        elif (start in place_ends or start == 0 or text[start - 1] in _ITEM_END) and not words.is_common_word(core) \
                and (token is None or token.end <= works.start() and not token.flag.startswith(NOT_IN_A_CORE)):
            found.append(Candidate(start, works.start(), "place", pinyin_word(core), "pinyin"))
    return found


def _is_verb(word: str, words: Dictionary) -> bool:
    """The dictionary glosses the common word as a verb (a place that is also "to ..." reads as the verb
    before works: 计划扩建电厂; 日照 is "sunshine", a noun)."""
    return any(sense.startswith("to ") for entry in words.entries(word) if not entry.proper for sense in entry.senses)


# What ends an item of a list: punctuation, a conjunction, 等, a figure (江阴北4个收费站).
_ITEM_END = frozenset("、,，。;；:：等和及与或()（）“”\"《》 \n\t0123456789")


def _listed_places(text: str, tokens: Sequence[Token], flags: dict[int, Token], proposals: Sequence[Candidate],
                   words: Dictionary) -> list[Candidate]:
    """The unknown items of a list (X、Y、Z) one of whose items is a place the dictionary, the table or a
    suffix names: the others are places too, where each is two or three characters, holds no common
    word and no verb of its own, and is held by no other name."""
    place_spans = {(c.start, c.end) for c in proposals if c.kind == "place" and c.source != "pinyin"}
    held = bytearray(len(text))
    for c in proposals:
        held[c.start:c.end] = b"\x01" * c.length
    found = []
    for items in _lists(text, tokens, {end: start for start, end in place_spans}):
        if not any(item in place_spans for item in items):
            continue
        for start, end in items:
            core = text[start:end]
            if any(held[start:end]) or not 2 <= len(core) <= 3 or not could_name(core):
                continue
            token = flags.get(start)
            if token is not None and token.end == end and token.flag.startswith((*NOT_IN_A_CORE, "v", "a")):
                continue
            if tokenize(core[0])[0].flag.startswith((*NOT_IN_A_CORE, "v")):
                continue  # 破难题, 促发展: a verb and its object
            known = words.proper_noun(core)
            if known is not None and known.kind == "place":
                found.append(Candidate(start, end, "place", known.english, "dictionary"))
            elif not words.is_common_word(core) and core not in words:
                found.append(Candidate(start, end, "place", pinyin_word(core), "pinyin"))
    return found


def _lists(text: str, tokens: Sequence[Token], place_starts: dict[int, int]) -> Iterator[list[tuple[int, int]]]:
    """The items (start, end) of each run of 、-separated items in `text`."""
    word_starts = {t.start for t in tokens}
    word_ends = {t.end for t in tokens if len(t.text) >= 2}
    items: list[tuple[int, int]] = []
    position = text.find("、")
    while position != -1:
        if not items or items[-1][1] != position:
            if len(items) > 1:
                yield items
            first = _item_before(text, position, word_starts, word_ends, place_starts)
            items = [first] if first else []
        after = _item_after(text, position + 1)
        if items and after:
            items.append(after)
        else:
            if len(items) > 1:
                yield items
            items = []
        position = text.find("、", position + 1)
    if len(items) > 1:
        yield items


def _item_after(text: str, start: int) -> tuple[int, int] | None:
    end = start
    while end < len(text) and end - start <= 4 and text[end] not in _ITEM_END and not text.startswith("以及", end):
        end += 1
    if end == start or end - start > 4:
        return None
    return start, end


def _item_before(text: str, end: int, word_starts: set[int], word_ends: set[int],
                 place_starts: dict[int, int]) -> tuple[int, int] | None:
    """The first item of a list ends at its 、: a place proposed there, else two or three characters
    after a delimiter or after a word of two characters or more (通过 利港、江阴: 利港)."""
    if end in place_starts:
        return place_starts[end], end
    for start in (end - 2, end - 3):
        if start < 0 or not is_han(text[start:end]):
            break
        if start == 0 or text[start - 1] in _ITEM_END or (start in word_starts and start in word_ends):
            return start, end
    return None


_AGAIN_SUFFIXES = ("村", "镇", "乡", "县")


def _places_again(text: str, places: Sequence[Candidate], words: Dictionary) -> list[Candidate]:
    """A village, town, township or county's core where it stands again without its suffix (大涧村 ...
    村里的大涧学校), when the core is no word of its own."""
    cores: dict[str, str] = {}
    for place in places:
        surface = text[place.start:place.end]
        suffix = surface[-1:]
        core = surface[:-1]
        if suffix in _AGAIN_SUFFIXES and 2 <= len(core) <= 3 and place.english and could_name(core) \
                and core not in words and place.english.endswith(" " + lexicon().place_suffixes[suffix]):
            cores.setdefault(core, place.english.rsplit(" ", 1)[0])
    if not cores:
        return []
    found = []
    for start in range(len(text) - 1):
        for size in (3, 2):  # each core is looked up whole: no list to walk, however many share a head
            core = text[start:start + size]
            if core in cores and text[start + size:start + size + 1] not in _AGAIN_SUFFIXES:
                found.append(Candidate(start, start + size, "place", cores[core], "pinyin"))
                break
    return found


_FOREIGN_PLACE_SUFFIXES = ("国家公园", "山庄", "山脉", "群岛", "岛", "湖", "河", "山", "湾")


def _foreign_places(text: str, words: Dictionary) -> list[Candidate]:
    lex = lexicon()
    found = []
    for match in _foreign_place_pattern().finditer(text):
        core, suffix = match.group(1), match.group(2)
        if words.is_common_word(core):
            continue
        known = words.proper_noun(core)
        english = f"{known.english} {lex.place_suffixes[suffix]}" if known is not None else None
        found.append(Candidate(match.start(), match.end(), "place", english, "dictionary" if known else "rule"))
    return found


@cache
def _foreign_place_pattern() -> re.Pattern[str]:
    foreign = "".join(sorted(lexicon().foreign_characters))
    return re.compile(f"(?<![{foreign}])([{foreign}]{{3,6}})({'|'.join(_FOREIGN_PLACE_SUFFIXES)})")


_NUMBERED_STREET = re.compile(r"(?<![0-9０-９号第])([1-9][0-9]{0,2})号(大街|街|大道)")


def _numbered_streets(text: str) -> list[Candidate]:
    """纽约53号大街 is 53rd Street, 第五大道's kin written in figures (an address's 路53号 is no street)."""
    found = []
    for match in _NUMBERED_STREET.finditer(text):
        number = int(match.group(1))
        ending = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        english = f"{number}{ending} {'Avenue' if match.group(2) == '大道' else 'Street'}"
        found.append(Candidate(match.start(), match.end(), "place", english, "rule"))
    return found


_BUILDINGS = {"大厦": "Building", "大楼": "Building"}


def _buildings_after_places(text: str, places: Sequence[Candidate], words: Dictionary) -> list[Candidate]:
    """A building its city's name stands before, named by a word of two or three characters (北京 京城大厦
    Jingcheng, "capital": buildings are named by common words, and the city says this is one)."""
    found = []
    for place in places:
        if place.source not in ("dictionary", "table"):
            continue
        for size in (2, 3):
            core = text[place.end:place.end + size]
            suffix = text[place.end + size:place.end + size + 2]
            if suffix in _BUILDINGS and could_name(core):
                english = words_english(core, words) or pinyin_word(core)
                found.append(Candidate(place.end, place.end + size + 2, "place",
                                       f"{title_words(english)} {_BUILDINGS[suffix]}", "rule"))
                break
    return found
