"""A name the scanners propose, before the overlaps between them are settled (scan.py)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from summarise.reading.layout import HAN
from summarise.types import NameKind, NameSource

HAN_CHAR = re.compile(f"[{HAN}]")
HAN_RUN = re.compile(f"[{HAN}]+")
# Particles, prepositions and conjunctions: no name holds one (和小刚 is no name; 海和草原 is no place).
FUNCTION_CHARACTERS = frozenset("和与及的在是了对把被从向为或但并而之其就")

# Which proposal wins where two overlap and are equally long: the table's standard names first, then
# the dictionary, then the grammar of suffixes, then persons found by context.
RANKS: dict[NameSource, int] = {"table": 0, "dictionary": 1, "rule": 2, "pinyin": 3}


@dataclass(frozen=True)
class Candidate:
    """A proposed name over `text[start:end]`; `nested` are names inside it that are listed too (the
    place inside an organisation's name, the shorter bodies of a chain)."""

    start: int
    end: int
    kind: NameKind
    english: str | None
    source: NameSource
    nested: tuple[Candidate, ...] = ()

    @property
    def length(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Candidate) -> bool:
        return self.start < other.end and other.start < self.end


V = TypeVar("V")


def longest_table_matches(text: str, starts: Iterable[int], table: Mapping[str, V],
                          accept: Callable[[int, int], bool] = lambda start, end: True) -> list[tuple[int, int, V]]:
    """The longest entry of `table` (two characters or more) at each of `starts` that `accept(start, end)`
    allows, left to right, none overlapping the one before: one look per start and entry length."""
    longest = max(map(len, table), default=0)
    found: list[tuple[int, int, V]] = []
    covered = -1
    for start in sorted(starts):
        if start < covered:
            continue
        for length in range(min(longest, len(text) - start), 1, -1):
            value = table.get(text[start:start + length])
            if value is not None and accept(start, start + length):
                found.append((start, start + length, value))
                covered = start + length
                break
    return found


def is_han(text: str) -> bool:
    """True when `text` is non-empty and every character is a Han ideograph."""
    return bool(text) and HAN_RUN.fullmatch(text) is not None
