"""Names in a page's credits: bylines (本报记者罗科苏盈发自北京), pen names on a credit line (编辑:山石),
and names the paper gives as aliases (小刚(化名)). Each knows its own boundaries, so the person rules
take them before they read names by context (persons.py)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarise.names.candidates import FUNCTION_CHARACTERS, Candidate, is_han
from summarise.names.dictionary import Dictionary
from summarise.names.foreign import FOREIGN_DOTS
from summarise.names.lexicon import Lexicon, lexicon
from summarise.names.render import person_english, pinyin_word
from summarise.names.tokens import Token

SPACES = " \u3000\t"
_BYLINE_TITLES = ("记者", "通讯员", "实习生", "摄影", "撰稿", "编辑", "责编", "作者")
_WORD_TITLES = ("摄影", "撰稿", "编辑", "责编", "作者")
_BYLINE_ENDS = ("发自", "报道", "摄影", "翻摄", "采写", "整理", "编译", "摄", "文", "图")


def find_bylines(text: str, lex: Lexicon, dictionary: Dictionary) -> list[Candidate]:
    """Names after 记者/通讯员 in a byline, where several may stand together (本报记者罗科苏盈发自北京)."""
    found: list[Candidate] = []
    for title in _BYLINE_TITLES:
        start = text.find(title)
        while start != -1:
            after = start + len(title)
            # 摄影, 编辑 are words too (摄影班外拍): as a credit they stand before a space or a colon.
            if title not in _WORD_TITLES or text[after:after + 1] in SPACES + ":：︱|":
                names = _byline_names(text, after, lex, dictionary)
                found.extend(names or _pen_name(text, after, lex, dictionary))
            start = text.find(title, after)
    return found


_PEN_NAME = re.compile(r"[:：]\s*([\u4e00-\u9fff]{2,3})(?=\s*(?:\n|$))")


def _pen_name(text: str, position: int, lex: Lexicon, dictionary: Dictionary) -> list[Candidate]:
    """The credit that stands alone on its line (编辑:山石): a pen name, whatever its characters, unless
    the dictionary knows it as a place or a body (来源:新华社 is no person)."""
    match = _PEN_NAME.match(text, position)
    if match is None:
        return []
    known = dictionary.proper_noun(match.group(1))
    if known is not None and known.kind in ("place", "organisation"):
        return []
    name = match.group(1)
    # Written as pen names are (鲁迅 Lu Xun, 冰心 Bing Xin): the first syllable (a compound surname's two)
    # apart from the rest.
    cut = 2 if name[:2] in lex.compound_surnames and len(name) > 2 else 1
    return [Candidate(match.start(1), match.end(1), "person", person_english(name[:cut], name[cut:]), "pinyin")]


def _byline_names(text: str, position: int, lex: Lexicon, dictionary: Dictionary) -> list[Candidate]:
    names: list[Candidate] = []
    for _ in range(4):  # at most a few names per byline
        while position < len(text) and text[position] in SPACES + "、,，:：":
            position += 1
        end = position
        while end < len(text) and end - position < 9 and is_han(text[end]):
            end += 1
        run = text[position:end]
        if end < len(text) and text[end] in FOREIGN_DOTS + "?":  # ? a lost dot (scan._restore_dots)
            break  # 记者乔什·道西: a foreign name, the dotted rule's
        cut = min((run.find(e) for e in _BYLINE_ENDS if run.find(e) > 1), default=len(run))
        # A name ends before a character no given name holds (实习生王金茹对此文: 王金茹, then 对此).
        cut = min([cut, *(n for n, ch in enumerate(run) if n > 1 and ch in lex.never_given)])
        run = run[:cut]
        parts = _split_run(run, lex)
        after = text[position + len(run):position + len(run) + 2]
        if parts and (dictionary.is_common_word(parts[0]) or dictionary.is_common_word(parts[0][:2])
                      or parts[0][0] in lex.weak_surnames) \
                and not (after[:1] in SPACES + "\n)）" or any(after.startswith(e) for e in _BYLINE_ENDS)):
            break  # 记者信息, 记者相关的, 记者和维权人士: words after the title; 记者高峰报道 is a byline
        if not parts and len(run) == 4 and not any(dictionary.is_common_word(run[i:j]) for i in range(3)
                                                     for j in range(max(i + 2, 2), 5) if (i, j) != (0, 4)):
            # A four-character name that is no two surnamed ones (格桑边觉): a minority name, two words;
            # not where common words lie in it (记者:为什么想到).
            names.append(Candidate(position, position + 4, "person",
                                   f"{pinyin_word(run[:2])} {pinyin_word(run[2:])}", "pinyin"))
            position += 4
        elif parts:
            offset = position
            for part in parts:
                surname = lex.surname_at(part, 0) or part[0]
                names.append(Candidate(offset, offset + len(part), "person",
                                       person_english(surname, part[len(surname):]), "pinyin"))
                offset += len(part)
            position = offset
        else:
            break
        if position >= len(text) or text[position] not in SPACES + "、,，":
            break
    return names


def find_aliases(text: str, tokens: Sequence[Token]) -> list[Candidate]:
    """Names the paper gives as aliases: 小刚(化名)."""
    found = []
    for index, token in enumerate(tokens):
        if token.text not in ("(", "（") or not text.startswith("化名", token.end):
            continue
        previous = tokens[index - 1] if index else None
        if previous is None:
            continue
        start = previous.start
        if len(previous.text) == 1 and index > 1 and is_han(tokens[index - 2].text) and len(tokens[index - 2].text) == 1:
            start = tokens[index - 2].start
        surface = text[start:token.start]
        if 2 <= len(surface) <= 3 and is_han(surface) and surface[0] not in FUNCTION_CHARACTERS:
            surname = lexicon().surname_at(surface, 0)
            english = person_english(surname, surface[len(surname):]) if surname and len(surface) > len(
                surname) else pinyin_word(surface)  # 李亮(化名) is Li Liang; 小刚(化名) is Xiaogang
            found.append(Candidate(start, token.start, "person", english, "pinyin"))
    return found


def _split_run(run: str, lex: Lexicon) -> list[str]:
    """A byline run cut into names of two or three characters, each opening with a surname."""
    if not run or lex.surname_at(run, 0) is None:
        return []
    if len(run) in (2, 3):
        return [run]
    for first in (2, 3):
        rest = run[first:]
        if 2 <= len(rest) and lex.surname_at(rest, 0) is not None:
            tail = _split_run(rest, lex)
            if tail:
                return [run[:first], *tail]
    return []
