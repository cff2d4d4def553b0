"""Firms a list names as firms: the items of a 、-separated list that the words after it call companies
(盘活洋木水进、国肽生物、瑞佳实业等7家僵尸企业; 街电、小电、怪兽、来电4家头部企业; 华为、中兴等通信企业). Coined
firm names have no suffix and no dictionary entry, so only such a list says what they are.

An item that is a common word counts only where the list gives its own count and it matches (4 items,
4家): 钢铁、煤炭等行业企业 names no firm. One regular expression finds each list's end, and each item is
read once, so the scan is linear in the text."""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarise.figures import parse_chinese_number
from summarise.names.candidates import Candidate, is_han
from summarise.names.dictionary import Dictionary
from summarise.names.lexicon import lexicon
from summarise.names.render import pinyin_word, title_words
from summarise.names.tokens import Token

# The end of a list of firms: the last item, then 等 ("and others") and/or a count of firms, then a few
# words that say what kind, then the word for firms.
_COUNT = r"(\d{1,2}|[两二三四五六七八九十几多])家"
_LIST_END = re.compile(rf"、([\u4e00-\u9fffA-Za-z]{{2,8}}?)(?:(等)(?:{_COUNT})?[\u4e00-\u9fff]{{0,4}}?|{_COUNT}"
                       r"[\u4e00-\u9fff]{0,4}?)(?:企业|公司|集团|品牌|厂商|车企|药企|房企|券商)")
# A listed firm's last word that says it is a company or a holding (乐升股份 Lesheng Co., not "Gufen").
_FIRM_WORDS = {"股份": "Co.", "控股": "Holdings"}
_MAX_ITEMS = 12
_MAX_ITEM = 8
# Tokens that end the words before a list's first item (盘活 洋木水进: the verb; 其中 , 街电: the comma).
_BEFORE_A_LIST = ("v", "vn", "p", "u", "c", "r", "d", "x", "m", "q")


def find_listed_firms(text: str, tokens: Sequence[Token], words: Dictionary) -> list[Candidate]:
    """The firms of every list the words after it call firms (see the module's rule)."""
    starts = {token.start: token for token in tokens}
    ends = {token.end: token for token in tokens}
    found: list[Candidate] = []
    for match in _LIST_END.finditer(text):
        items = [(match.start(1), match.end(1))]
        position = match.start()  # the 、 before the last item
        while len(items) < _MAX_ITEMS:
            before = _item_before(text, position, starts, ends, items[0][1] - items[0][0])
            if before is None:
                break
            items.insert(0, before)
            if before[0] == 0 or text[before[0] - 1] != "、":
                break
            position = before[0] - 1
        if len(items) < 2:
            continue
        counted = _count(match.group(3) or match.group(4))
        exact = counted == len(items) and not match.group(2)
        for start, end in (part for item in items for part in _split_at_and(text, *item)):
            name = text[start:end]
            if not exact and words.is_common_word(name) and words.proper_noun(name) is None:
                continue  # 国有、民营等企业: kinds of firms, no firm's name
            found.append(Candidate(start, end, "organisation", _firm_english(name, words), "rule"))
    return found


def _item_before(text: str, end: int, starts: dict[int, Token], ends: dict[int, Token],
                 next_length: int) -> tuple[int, int] | None:
    """The item that ends at the 、 at `end`: back over the words of a name to the first word that cannot
    be in one (a verb of two characters, punctuation, a particle), at most eight characters. A verb of one
    character may be part of a coined name (洋木水进), unless the item is already as long as the next one
    (这是继 国信、宏源: 继 "following" opens no name)."""
    start = end
    while start > 0 and end - start < _MAX_ITEM:
        token = ends.get(start)
        if token is None or not (is_han(token.text) or token.text.isalpha()):
            break
        if token.flag.startswith(_BEFORE_A_LIST) and (len(token.text) > 1 or not token.flag.startswith("v")
                                                      or end - start == next_length):
            break
        start = token.start
    if end - start < 2 or start not in starts:
        return None
    return start, end


def _split_at_and(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """An item that is two firms joined by 和 or 与 (佳能、松下和狮王等): both, each of two characters or more."""
    for at in range(start + 2, end - 2):
        if text[at] in "和与及":
            return [(start, at), (at + 1, end)]
    return [(start, end)]


def _count(said: str | None) -> int | None:
    value = parse_chinese_number(said) if said else None  # 几, 多 ("several", "many") are no count
    return int(value) if value is not None else None


def _firm_english(name: str, words: Dictionary) -> str:
    """The table's or the dictionary's English for a known firm; else its place in English, its trade
    in English (生物 Biological) and the rest in pinyin, two syllables a word (洋木水进 Yangmu Shuijin)."""
    lex = lexicon()
    if name in lex.organisations:
        return title_words(lex.organisations[name])
    known = words.proper_noun(name)
    if known is not None:
        return known.english
    parts: list[str] = []
    rest = name
    for size in (3, 2):
        place = words.proper_noun(name[:size]) if len(name) - size >= 2 else None
        if place is not None and place.kind == "place":
            parts.append(place.english)  # 青海益唯森: Qinghai Yiweisen
            rest = name[size:]
            break
    trade = (_FIRM_WORDS.get(rest[-2:]) or lex.name_words.get(rest[-2:])) if len(rest) > 2 else None
    head = rest[:-2] if trade else rest
    if len(head) == 4:
        parts.extend((pinyin_word(head[:2]), pinyin_word(head[2:])))
    else:
        parts.append(pinyin_word(head))
    if trade:
        parts.append(trade)  # 国肽生物: Guotai Biological; 乐升股份: Lesheng Co.
    return " ".join(parts)
