"""Pinyin as the guard compares it: is an English word pinyin, how close are two pinyin spellings, and
could a spelling be the pinyin of something the article says.

A small model misspells a Chinese name the way a listener would: Qingning for Xining (西宁), Haodong for
Haidong (海东), Quluo for Guoluo (果洛). Those errors keep the syllable count and most initials and
finals, so two spellings are compared syllable by syllable: equal syllables score 1, a close initial (q/x,
m/n) or final (ing/i, ao/ai) scores part.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from summarise.names.render import pinyin_syllables

_INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z",
             "c", "s", "y", "w")
# Initials a listener confuses: the palatal and sibilant series, the nasals and l, the aspiration pairs.
_INITIAL_GROUPS = ({"j", "q", "x", "z", "c", "s", "zh", "ch", "sh"}, {"m", "n", "l"}, {"b", "p"}, {"d", "t"},
                   {"g", "k", "h"}, {"y", "w", ""}, {"f", "h"}, {"r", "l"})
# Finals that sound alike: nasal endings, the a- and o- diphthongs, i and its nasal forms.
_FINAL_GROUPS = ({"in", "ing", "en", "eng", "i"}, {"an", "ang", "ian", "iang", "uan", "uang"},
                 {"ai", "ao", "a", "ei"}, {"ong", "iong", "eng", "ou", "o", "uo"}, {"u", "uo", "ou", "v", "ui"},
                 {"ie", "ei", "e", "i"}, {"un", "uen", "ong", "en"})


@cache
def syllable_inventory() -> frozenset[str]:
    """Every toneless pinyin syllable the dictionary uses."""
    from summarise.names.dictionary import dictionary

    found: set[str] = set()
    for entries in dictionary().all_entries():
        for entry in entries:
            for syllable in entry.pinyin.lower().split():
                bare = syllable.rstrip("012345").replace("u:", "v")
                if bare.isalpha() and bare.isascii():
                    found.add(bare)
    return frozenset(found)


def split_syllables(word: str) -> list[str] | None:
    """`word` cut into pinyin syllables (longest first, backtracking), or None when it is not pinyin."""
    letters = word.lower().replace("'", "").replace("-", "").replace(" ", "")
    if not letters.isalpha() or not letters.isascii():
        return None
    inventory = syllable_inventory()
    memo: dict[int, list[str] | None] = {len(letters): []}

    def from_(start: int) -> list[str] | None:
        if start in memo:
            return memo[start]
        result = None
        for end in range(min(len(letters), start + 6), start, -1):
            if letters[start:end] in inventory:
                rest = from_(end)
                if rest is not None:
                    result = [letters[start:end], *rest]
                    break
        memo[start] = result
        return result

    return from_(0)


def _split_initial(syllable: str) -> tuple[str, str]:
    for initial in _INITIALS:
        if syllable.startswith(initial) and len(syllable) > len(initial):
            return initial, syllable[len(initial):]
    return "", syllable


def _close(a: str, b: str, groups: Iterable[set[str]]) -> float:
    if a == b:
        return 1.0
    return 0.5 if any(a in group and b in group for group in groups) else 0.0


def syllable_similarity(a: str, b: str) -> float:
    """1 for the same syllable; half for each close initial and final."""
    if a == b:
        return 1.0
    first_a, final_a = _split_initial(a)
    first_b, final_b = _split_initial(b)
    return 0.5 * _close(first_a, first_b, _INITIAL_GROUPS) + 0.5 * _close(final_a, final_b, _FINAL_GROUPS)


def pinyin_similarity(spelling: str, target: list[str]) -> float:
    """How close an English spelling is to a name's syllables (0..1); 0 when it is not pinyin or has
    another number of syllables."""
    syllables = split_syllables(spelling)
    if not syllables or len(syllables) != len(target):
        return 0.0
    scores = [syllable_similarity(a, b) for a, b in zip(syllables, target)]
    if max(scores) < 0.75:
        return 0.0  # no syllable nearly right: a different name, not a misspelt one
    return sum(scores) / len(scores)


def name_syllables(chinese: str) -> list[str]:
    """The syllables of a Chinese name as pinyin reads it."""
    return [s for s in pinyin_syllables(chinese) if s.isalpha()]


def pinyin_windows(text: str, longest: int = 4) -> set[str]:
    """Every run of one to `longest` characters of `text` as joined toneless pinyin: what a spelling
    must be to be the pinyin of something the text says. Linear in the text."""
    syllables = pinyin_syllables(text)
    windows: set[str] = set()
    for start in range(len(syllables)):
        joined = ""
        for syllable in syllables[start:start + longest]:
            if not syllable.isalpha() or not syllable.isascii():
                break
            joined += syllable
            windows.add(joined)
    return windows
