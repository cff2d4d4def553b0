"""Words of Chinese text with their offsets and part-of-speech tags, from jieba (MIT).

jieba runs with its dictionary only (no HMM): unknown words, most personal names among them, come out as
single characters, which the person rules put together again with their context. Without the HMM the
cut is a dynamic programme over a word graph whose edges are bounded by the longest dictionary word, so
the time is linear in the text; it is also several times faster. jieba's tags (ns place, nt
organisation, nr person) are hints only: its dictionary tags 文明 and 严冬 as person names.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache
from typing import Any


@dataclass(frozen=True)
class Token:
    """One word: `text == source[start:end]`, with jieba's part-of-speech `flag`."""

    text: str
    flag: str
    start: int
    end: int


@cache
def _tokenizer() -> Any:
    import jieba
    import jieba.posseg

    from summarise.names.lexicon import lexicon

    jieba.setLogLevel(logging.WARNING)  # jieba logs its dictionary loading at INFO on every first use
    words = jieba.Tokenizer()
    for phrase in lexicon().set_phrases:
        words.add_word(phrase, tag="i")  # an idiom: see scan.py, no name inside one
    return jieba.posseg.POSTokenizer(words)


def tokenize(text: str) -> list[Token]:
    """The words of `text` in order, covering it exactly."""
    tokens: list[Token] = []
    position = 0
    for pair in _tokenizer().cut(text, HMM=False):
        word, flag = pair.word, pair.flag
        tokens.append(Token(word, flag, position, position + len(word)))
        position += len(word)
    return tokens
