"""The table's well-known bodies and places (data/lexicon.toml) where the text names them: 新华社,
省人大常委会, 中国香港, and the shorter body a longer one opens with (中央军委 in 中央军委办公厅)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from summarise.names.candidates import Candidate, longest_table_matches
from summarise.names.lexicon import lexicon
from summarise.names.tokens import Token
from summarise.types import NameKind


def find_table_names(text: str, tokens: Sequence[Token]) -> list[Candidate]:
    """The table's well-known bodies and places, longest first at each word start (新华社, 省人大常委会,
    中国香港)."""
    # A body the table names with its level (省生态环境厅, 市委) may follow its place inside jieba's word
    # (青海省 生态环境 厅, 北京市委): a level's character past a place's first two starts a look too.
    starts = {token.start for token in tokens} | {
        token.start + i for token in tokens if token.flag in ("ns", "nt")
        for i in range(2, len(token.text)) if token.text[i] in "省市县区"}
    table = _table_by_surface()
    word_ends = {token.end for token in tokens}
    particles = {token.start for token in tokens if len(token.text) == 1 and token.flag.startswith(_NO_OPENING)}

    def opens_a_name(start: int, end: int) -> bool:
        # 网络 中 信息安全: 中信 (CITIC) would join a locative to the word after it; a body that ends inside
        # a word may still open it (外交部 of 外交部长, 共和党 of 共和党人)
        return end in word_ends or start not in particles

    return [Candidate(start, end, kind, english, "table", _table_prefix(text, start, end, table))
            for start, end, (kind, english) in longest_table_matches(text, starts, table, opens_a_name)]


# jieba's classes of a one-character word that opens no table name it runs into (中/f, 在/p, 和/c).
_NO_OPENING = ("f", "p", "c", "u", "d", "r", "m", "q", "v")


def _table_prefix(text: str, start: int, end: int, table: dict[str, tuple[NameKind, str]]) -> tuple[Candidate, ...]:
    """The longest shorter body of the table a table name opens with (中央军委 in 中央军委办公厅): the body
    it names is a name too, in the table's English."""
    for shorter in range(end - 1, start + 1, -1):
        found = table.get(text[start:shorter])
        if found is not None:
            return (Candidate(start, shorter, found[0], found[1], "table"),)
    return ()


@cache
def _table_by_surface() -> dict[str, tuple[NameKind, str]]:
    """The table's places and bodies by surface (a body where a surface is both)."""
    lex = lexicon()
    return {**{s: ("place", e) for s, e in lex.places.items()},
            **{s: ("organisation", e) for s, e in lex.organisations.items()}}
