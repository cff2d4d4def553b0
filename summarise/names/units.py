"""The words the suffix grammar reads (grammar.py, organisations.py): jieba's words, with runs that form a
dictionary proper noun joined and compound words split after a leading name; the suffix at the end of a
run of words; English for a name's common-word parts."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from summarise.names.candidates import FUNCTION_CHARACTERS, is_han
from summarise.names.countries import english_country_names
from summarise.names.dictionary import Dictionary, ProperNoun
from summarise.names.lexicon import lexicon
from summarise.names.render import pinyin_word, title_words
from summarise.names.tokens import Token

_MAX_UNIT_TOKENS = 4  # a dictionary name may span this many jieba words (青海 湖)
_MAX_SUFFIX_TOKENS = 3  # 技术 开发 区
# jieba's tags of the words a name is made of (nouns, names, abbreviations, verbal nouns, Latin).
NOMINAL = ("n", "nz", "ns", "nt", "nr", "nrt", "nrfg", "j", "vn", "an", "eng", "ng", "b", "s")
DETERMINERS = set("全各本该每此我外同邻多两三几某其这那哪诸")  # 全县, 该市: no names
_NEVER_IN_A_NAME = ("r", "p", "c", "u", "d")  # jieba's pronouns, prepositions, conjunctions, particles, adverbs
# ... and numerals and measure words: no word with one of these tags is part of a name's core.
NOT_IN_A_CORE = (*_NEVER_IN_A_NAME, "m", "q")
_ADMIN_WORDS = ("City", "County", "Province", "District", "Prefecture", "Municipality")


def could_name(core: str) -> bool:
    """Han characters that could be a name's core: no determiner first (该市), no particle inside (海和草原)."""
    return is_han(core) and core[0] not in DETERMINERS and not any(ch in FUNCTION_CHARACTERS for ch in core)


@dataclass(frozen=True)
class Unit:
    """One or more jieba words read as one: a dictionary proper noun spanning words, or a word."""

    text: str
    flag: str
    start: int
    end: int
    proper: ProperNoun | None


# A count of countries (四国同盟 "the alliance of four countries", 八国联盟), not Shikoku.
COUNTED_NATIONS = re.compile(r"[两二三四五六七八九十]国")
_COUNTS = dict(zip("两二三四五六七八九十", ("Two", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten"),
                   strict=True))


def units_of(tokens: Sequence[Token], dictionary: Dictionary) -> list[Unit]:
    """The words, with runs of up to four that form a dictionary proper noun joined (longest first)."""
    units: list[Unit] = []
    index = 0
    while index < len(tokens):
        size, proper = 1, None
        for wider in range(min(_MAX_UNIT_TOKENS, len(tokens) - index), 0, -1):
            text = "".join(t.text for t in tokens[index:index + wider])
            if wider > 1 and any(t.flag.startswith(_NEVER_IN_A_NAME) for t in tokens[index:index + wider]):
                continue  # 他 + 信 is "he believes", not 他信 Thaksin
            if len(text) < 2 or len(text) > dictionary.longest or not is_han(text):
                continue
            proper = dictionary.proper_noun(text) if not COUNTED_NATIONS.fullmatch(text) else None
            if proper is not None:
                size = wider
                break
        words = tokens[index:index + size]
        flag = words[0].flag if size == 1 else "nz"
        if size == 1 and proper is None:
            units.extend(_split_compound(words[0], dictionary))
        else:
            units.append(Unit("".join(t.text for t in words), flag, words[0].start, words[-1].end, proper))
        index += size
    return units


def _split_compound(token: Token, dictionary: Dictionary) -> list[Unit]:
    """A word jieba's dictionary holds whole but that opens with a name (德国总理, 英国首相, 韩国现代):
    the name and the rest, when the rest is a word of its own."""
    text = token.text
    if len(text) >= 3 and is_han(text) and text not in dictionary:  # 大城市, 摄氏度 hold no 大城, 摄氏
        for cut in range(min(4, len(text) - 1), 1, -1):
            head, rest = text[:cut], text[cut:]
            proper = dictionary.proper_noun(head)
            if proper is not None and proper.kind in ("place", None) and not dictionary.is_common_word(head) \
                    and (rest in dictionary or rest in lexicon().titles) \
                    and not (len(rest) == 1 and token.flag.startswith("nr")
                             and proper.english not in english_country_names()):  # 西海固/nr: no 西海 and 固
                return [Unit(head, "ns", token.start, token.start + cut, proper),
                        Unit(rest, "n", token.start + cut, token.end, dictionary.proper_noun(rest))]
    return [Unit(text, token.flag, token.start, token.end, None)]


def suffix_ending_at(units: Sequence[Unit], index: int, suffixes: dict[str, str]) -> tuple[int, str] | None:
    """(first unit, suffix) of the longest suffix made of whole units ending at `index`."""
    best = None
    text = ""
    for first in range(index, max(-1, index - _MAX_SUFFIX_TOKENS), -1):
        text = units[first].text + text
        if text in suffixes:
            best = (first, text)
    return best


def strip_admin(english: str) -> str:
    words = english.split()
    while len(words) > 1 and words[-1] in _ADMIN_WORDS:
        words.pop()
    return " ".join(words)


def words_english(text: str, dictionary: Dictionary) -> str | None:
    """Common words in English, title case (生物科技 -> Biotechnology); pinyin for a part it lacks."""
    named = lexicon().name_words.get(text)
    if named is not None:
        return named
    if COUNTED_NATIONS.fullmatch(text):
        return f"{_COUNTS[text[0]]}-Nation"  # 八国联盟: the Eight-Nation Alliance
    term = dictionary.term(text)
    if term is not None:
        return title_words(term)
    from summarise.names.tokens import tokenize

    bodies = lexicon().organisations
    parts: list[str] = []
    sounds = ""  # single characters in a row: in a name they stand for their sound (汇津: Huijin)
    for token in tokenize(text):
        if len(token.text) == 1 and is_han(token.text):
            sounds += token.text
            continue
        if sounds:
            parts.append(pinyin_word(sounds))
            sounds = ""
        found = dictionary.proper_noun(token.text)
        english = bodies.get(token.text) or lexicon().name_words.get(token.text) or (
            found.english if found else dictionary.term(token.text))
        if english is None and token.flag == "ns":
            parts.append(pinyin_word(token.text))  # 海螺沟: a place jieba knows, not "Conch Gou"
            continue
        parts.append(title_words(english) if english else _known_pieces(token.text, dictionary))
    if sounds:
        parts.append(pinyin_word(sounds))
    return joined_words(parts) if parts else None


def joined_words(parts: list[str]) -> str:
    """The words with spaces, none after a prefix's hyphen (地缘 "geo-" + 经济: Geo-Economic) or inside
    brackets (Beixin Building Materials (Kunming) Co., Ltd.)."""
    text = ""
    for part in parts:
        text += part if not text or text.endswith(("-", "(")) or part == ")" else f" {part}"
    return text


def _known_pieces(word: str, dictionary: Dictionary) -> str:
    """A word the dictionary lacks, in the longest pieces it or the table knows (篮球运动: Basketball Sport;
    国务院发展研究中心: State Council Development Research Center); the characters between known pieces
    in pinyin, as one word (a name: 锡澄)."""
    bodies = lexicon().organisations
    suffixes = lexicon().organisation_suffixes
    pieces: list[str] = []
    sounds = ""
    start = 0
    while start < len(word):
        for end in range(min(len(word), start + 6), start + 1, -1):
            piece = word[start:end]
            proper = dictionary.proper_noun(piece)
            english = bodies.get(piece) or lexicon().name_words.get(piece) or dictionary.term(piece) \
                or suffixes.get(piece) or (proper.english if proper is not None else None)
            if english is not None:
                if sounds:
                    pieces.append(pinyin_word(sounds))
                    sounds = ""
                pieces.append(english if piece in bodies or proper is not None else title_words(english))
                start = end
                break
        else:
            named = lexicon().name_words.get(word[start]) if start == len(word) - 1 and start > 0 else None
            if named is not None and not sounds:
                pieces.append(named)  # 电机厂: Electric Machinery Factory, a trade's last character
            else:
                sounds += word[start]
            start += 1
    if sounds:
        pieces.append(pinyin_word(sounds))
    return joined_words(pieces)
