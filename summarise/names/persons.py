"""Personal names: a surname with a one- or two-character given name where the context says it is a
person (a title before it, a verb such as 强调 or 表示 after it, a byline), and foreign names written in
transliteration characters (a run such as 泽连斯基 after 总统; the dotted, run-together and tabled ones
are foreign.py's).

Each name the context confirms is then found everywhere else in the same text: 陈刚 is introduced as
省委书记陈刚 once and later stands alone. The scan visits each position once and looks a bounded
distance around it (the longest title, two given-name characters), so it is linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from summarise.names.bylines import SPACES, find_aliases, find_bylines
from summarise.names.candidates import FUNCTION_CHARACTERS, Candidate, is_han
from summarise.names.countries import CHINESE_REGIONS, country_names, english_country_names
from summarise.names.dictionary import Dictionary
from summarise.names.foreign import (
    find_dotted,
    find_hyphenated,
    find_table_persons,
    find_undotted,
    foreign_english,
    foreign_run,
    last_part,
    sounds_foreign,
)
from summarise.names.lexicon import Lexicon, lexicon
from summarise.names.render import person_english
from summarise.names.tokens import Token, tokenize

_LIST_SEPARATORS = "、,，和与及"
_CLOSING = "、,，。;；:：)）]】」』”\"' \u3000!！?？\n"


def find_persons(text: str, tokens: Sequence[Token], dictionary: Dictionary) -> list[Candidate]:
    """Every personal name in `text` that its context confirms, and every other occurrence of it."""
    lex = lexicon()
    starts = {t.start for t in tokens}
    ends = {t.end for t in tokens}
    common = _common_tokens(tokens)
    token_at = {t.start: t for t in tokens}
    found: dict[tuple[int, int], Candidate] = {}
    # Bylines and dotted foreign names first: they know their own boundaries (罗科苏盈 is 罗科 and 苏盈).
    taken = bytearray(len(text))
    dotted = [*find_dotted(text, tokens, lex, dictionary), *find_hyphenated(text, tokens, lex, dictionary)]
    for sure in [*find_bylines(text, lex, dictionary), *dotted, *find_table_persons(text, tokens, lex),
                 *find_aliases(text, tokens),
                 *_latin_persons(text, lex), *find_undotted(tokens, dictionary)]:
        if not any(taken[sure.start:sure.end]):
            taken[sure.start:sure.end] = b"\x01" * sure.length
            found[(sure.start, sure.end)] = sure
    last_end = -1
    for position in sorted(starts):
        if position < last_end or taken[position]:
            continue  # inside a name already found
        candidate = _chinese_name_at(text, position, lex, dictionary, common, ends, last_end, token_at) \
            or _foreign_name_at(text, position, lex, dictionary, ends, last_end, token_at)
        if candidate is not None and not any(taken[candidate.start:candidate.end]):
            found[(candidate.start, candidate.end)] = candidate
            last_end = candidate.end
    # 阿姆斯特朗 alone, once 尼尔·阿姆斯特朗 is named: the surname part is the same person.
    surnames = [last_part(text, name, dictionary) for name in dotted if (name.start, name.end) in found]
    return _everywhere(text, starts, [*found.values(), *(c for c in surnames if c is not None)])


def _common_tokens(tokens: Sequence[Token]) -> set[tuple[int, int]]:
    """Spans jieba reads as one ordinary word (not a name): 高度, 王国 are no persons."""
    return {(t.start, t.end) for t in tokens if len(t.text) > 1 and not t.flag.startswith("nr")}


def _left_context(text: str, position: int, lex: Lexicon, last_end: int, *, titles_only: bool = False) -> bool:
    """A title or an introducing word ends just before `position` (a space between allowed), or the
    name continues a list of names (刘奇凡、班果)."""
    end = position
    while end > 0 and text[end - 1] in SPACES + ":：”’\"'":
        end -= 1
    for length in range(1, lex.longest_title + 1):
        word = text[max(0, end - length):end]
        if len(word) == length and (word in lex.titles or (not titles_only and word in lex.before_person)):
            return True
    if position > 0 and text[position - 1] in _LIST_SEPARATORS and last_end == position - 1:
        return True
    return text[max(0, end - 1):end] in ("(", "（") and _left_context(text, end - 1, lex, last_end,
                                                                      titles_only=titles_only)


def _right_context(text: str, end: int, lex: Lexicon, left: bool) -> bool:
    """A verb or title that follows names (强调, 表示, 书记) begins at `end`; or, after a left context,
    the name simply ends there (punctuation, a space, the end of the text)."""
    if end >= len(text):
        return left
    if left and text[end] in _CLOSING:
        return True
    if any(text.startswith(word, end) for word in _after_words(lex, text[end])):
        return True
    return left and any(text.startswith(word, end) for word in _by_first_character(lex.after_person_weak).get(
        text[end], []))


_CLAUSE_OPENERS = frozenset(",，。;；:：!！?？”\n")
_SPEECH = re.compile(r"(?:说|表示|告诉|介绍|坦言|回忆|认为|指出)")

# Adverbs a verb of speech may stand behind (郭励弘却撰文指出, 王某也表示).
_ADVERBS = frozenset("却也还则又就都曾已再亦便总常只仍才不没很")


def _noun_after(text: str, end: int, token_at: dict[int, Token], lex: Lexicon, dictionary: Dictionary) -> bool:
    """A noun jieba reads at `end` that is longer than the verb of speech it opens: 伊核 问题, where 问
    "asked" is only the first character of 问题 "question" (问道 "asked", a noun to jieba, is a verb)."""
    word = token_at.get(end)
    return word is not None and word.flag.startswith("n") and not word.flag.startswith("nr") \
        and not dictionary.is_verb(word.text) and all(
        len(verb) < len(word.text) for verb in _after_words(lex, text[end:end + 1]) if text.startswith(verb, end))


def _after_an_adverb(text: str, end: int, lex: Lexicon) -> bool:
    """One adverb, then a verb that follows names: 郭励弘 却 撰文."""
    return text[end:end + 1] in _ADVERBS and _after_words_at(text, end + 1, lex)


def _after_words_at(text: str, position: int, lex: Lexicon) -> bool:
    return any(text.startswith(word, position) for word in _after_words(lex, text[position:position + 1]))


def _after_words(lex: Lexicon, first: str) -> list[str]:
    return _by_first_character(lex.after_person).get(first, [])


def _chinese_name_at(text: str, position: int, lex: Lexicon, dictionary: Dictionary,
                     common: set[tuple[int, int]], ends: set[int], last_end: int,
                     token_at: dict[int, Token]) -> Candidate | None:
    surname = lex.surname_at(text, position)
    if surname is None:
        return None
    given_start = position + len(surname)
    left = _left_context(text, position, lex, last_end)
    # A surname that is far more often a word (于, 和, 向) needs a title before it, or must open a clause
    # and be followed by a verb of speech (,于欢说,): 和美国, 向雷锋 are words here.
    weak = surname in lex.weak_surnames and not left
    if weak and not (position == 0 or text[position - 1] in _CLAUSE_OPENERS):
        return None
    if text.startswith("某", given_start):
        return _anonymised(text, position, surname, lex, ends)
    opening = token_at.get(position)
    if surname in lex.weak_surnames and opening is not None and opening.text == surname and opening.flag == "c":
        return None  # ,但金锣表示, 主席和巴切莱特总统: jieba reads the conjunction, and a name follows it
    if text[position:position + 2] in country_names():
        return None  # 伊朗核问题: a country opens the words, no surname
    if opening is not None and len(opening.text) > len(surname) and not opening.flag.startswith("nr") \
            and dictionary.is_common_word(opening.text):
        return None  # the surname opens a word here: 公司, 简单
    # A title just before (所长郑庆生, 司长唐英年) or a list of names (黄毓民、陈伟业) vouches for a given
    # name that is also a word (庆生, 伟业); so does jieba reading the whole as one personal name.
    vouched = surname not in lex.weak_surnames and _left_context(text, position, lex, last_end, titles_only=True)
    options = []
    for size in (2, 1):
        end = given_start + size
        given = text[given_start:end]
        if len(given) != size or not is_han(given) or end not in ends:
            continue  # a name ends where jieba's word ends: 相关工作 holds no 相关工
        if given == "方" and surname in lex.country_abbreviations:
            continue  # 韩方, 中方: "the Korean side", "the Chinese side", no Han Fang (韩方明 is a name)
        given_word = token_at.get(given_start)
        if size == 2 and given_word is not None and given_word.end == end \
                and given_word.flag.startswith(("d", "c", "p", "r", "u")):
            continue  # 高管并未透露: an adverb where the given name would be
        if size == 1 and not left and opening is not None and opening.text == surname and opening.flag == "v" \
                and given_word is not None and given_word.text == given and given_word.flag == "v":
            continue  # 27日应询表示 "said in answer to a question": two verbs, no one named 应询
        read_as_name = opening is not None and opening.end == end and opening.flag.startswith("nr")
        noun_after = _noun_after(text, end, token_at, lex, dictionary)
        strong = (_right_context(text, end, lex, False) and not noun_after) or _after_an_adverb(text, end, lex)
        right = strong or (_right_context(text, end, lex, left) and not noun_after) or (
            surname in lex.common_surnames and text[position - 1:position] in ("(", "（")
            and text[end:end + 1] in (")", "）"))  # 香港和合公司(胡应湘): the man behind the firm, named alone in brackets
        if weak and not (strong and _SPEECH.match(text, end) and given[0] not in _ADVERBS):
            continue  # ,但总说: a conjunction and an adverb
        if given[-1] in lex.never_given and not (read_as_name and left) and not (
                (strong or (left and size == 2 and given[-1] not in lex.after_person_weak
                            and given[-1] not in FUNCTION_CHARACTERS))
                and given[-1] in _by_first_character(lex.after_person)
                and not _after_words_at(text, end - 1, lex)):
            # 陈刚强调 is 陈刚; but 晏守强说 is 晏守强, and 院长林伯强在 林伯强: no verb begins at its 强 (张凡也表示:
            # 也 ends no name)
            continue
        if any(text.startswith(title, given_start) for title in _titles_from(lex, given[0])) \
                or given in lex.before_person or given in lex.after_person:
            continue  # 王书记, 刘先生: a surname and a title, no name
        surface = text[position:end]
        if (position, end) in common or (dictionary.is_common_word(surface) and
                                          dictionary.proper_noun(surface) is None):
            continue
        if (given_start, end) in common and dictionary.is_common_word(given) and not (vouched and size == 2):
            continue  # 都 + 表达: a common word where the given name would be
        options.append((end, right))
    confirmed = [end for end, right in options if right]
    if not confirmed and left and options:
        confirmed = [options[0][0]]  # 作家毕飞宇写: a title before, one reading that ends a word
    if not confirmed:
        return None
    end = confirmed[0]
    if len(confirmed) == 2 and any(text.startswith(w, given_start + 1) for w in _after_words(lex, text[given_start + 1])):
        end = given_start + 1  # 陈刚强调: 强 could end the name, but 强调 follows 陈刚
    surface = text[position:end]
    known = dictionary.proper_noun(surface)
    if known is not None and known.kind == "person":
        return Candidate(position, end, "person", known.english, "dictionary")
    if all(ch in lex.foreign_characters for ch in surface) and foreign_run(text, position, lex) > end:
        return None  # 阿鲁罗姆, 阿里波夫: a longer transliteration goes on; the foreign reading takes it
    if all(ch in lex.foreign_characters for ch in text[given_start:end]) and (_foreign_title_before(
            text, position, lex, dictionary) or sounds_foreign(text[position:end])):
        # 荷兰首相吕特, 美国参议员卢比奥: a foreign office holder whose name only looks like a surname and
        # a given name, or one spelt in characters no Chinese name has (米切尔); its pinyin ("Lv Te") would
        # be a wrong name, so it is left unrendered.
        return Candidate(position, end, "person", foreign_english(surface, dictionary), "dictionary")
    return Candidate(position, end, "person", person_english(surname, text[given_start:end]), "pinyin")




def _foreign_title_before(text: str, position: int, lex: Lexicon, dictionary: Dictionary) -> bool:
    """A title ends at `position` and a foreign country stands right before it (荷兰首相, 美国参议员)."""
    end = position
    while end > 0 and text[end - 1] in SPACES:
        end -= 1
    for length in range(lex.longest_title, 0, -1):
        title_start = end - length
        if title_start < 0 or text[title_start:end] not in lex.titles:
            continue
        for size in (6, 5, 4, 3, 2):
            if title_start >= size and text[title_start - size:title_start] in country_names():
                return True  # 阿尔巴尼亚总统梅塔
            if size > 4:
                continue
            place = dictionary.proper_noun(text[max(0, title_start - size):title_start])
            # A country's gloss is its bare name (荷兰 "Holland", 马里 "Mali"), so the dictionary gives it
            # no kind; a Chinese place's gloss says province, city or county. A party's gloss may be bare
            # too (国民党 "Kuomintang": 国民党主席郑丽文 is no foreigner), but jieba tags it a body.
            if title_start >= size and place is not None and (place.kind is None or (
                    place.kind == "place" and place.english in english_country_names())) \
                    and place.english not in CHINESE_REGIONS \
                    and not any(t.flag == "nt" for t in tokenize(text[title_start - size:title_start])):
                return True
    return False


def _anonymised(text: str, position: int, surname: str, lex: Lexicon, ends: set[int]) -> Candidate | None:
    """A name the paper withholds: 王某, 王某某, 王某焘 (a suspect, a patient)."""
    end = position + len(surname) + 1
    if text.startswith("某", end) or end + 1 in ends and is_han(text[end:end + 1]) and text[end] not in lex.never_given:
        end += 1
    return Candidate(position, end, "person", person_english(surname, text[position + len(surname):end]), "pinyin")


def _titles_from(lex: Lexicon, first: str) -> list[str]:
    return _by_first_character(frozenset(lex.titles)).get(first, [])


@cache
def _by_first_character(words: frozenset[str]) -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for word in words:
        index.setdefault(word[0], []).append(word)
    return index


def _foreign_name_at(text: str, position: int, lex: Lexicon, dictionary: Dictionary, ends: set[int],
                     last_end: int, token_at: dict[int, Token]) -> Candidate | None:
    """A run of transliteration characters between a title and a verb (总统泽连斯基表示)."""
    end = foreign_run(text, position, lex)
    if end - position < 2:
        return None
    left = _left_context(text, position, lex, last_end)
    for stop in range(end, position + 1, -1):
        surface = text[position:stop]
        if stop not in ends or (dictionary.is_common_word(surface) and dictionary.proper_noun(surface) is None):
            continue
        if left and _titles_only(text, position, lex) and (stop - position >= 3 or (
                stop == end and _two_as_a_name(text, position, stop, token_at, dictionary))):
            # 弟弟温斯罗普相比, 姐姐埃比无疑: transliteration characters that end a word after a title or a
            # kinship word are a name whatever follows (two of them only as the whole run, and no place).
            return Candidate(position, stop, "person", foreign_english(surface, dictionary), "dictionary")
        if _right_context(text, stop, lex, left) and (left or _right_context(text, stop, lex, False)):
            if not left and stop - position < 3 and not any(text.startswith(t, stop) for t in _titles_from(
                    lex, text[stop:stop + 1])):
                return None  # two common characters before a verb (安全表示?) are no foreign name; 凯塔总统 is
            return Candidate(position, stop, "person", foreign_english(surface, dictionary), "dictionary")
    return None


def _two_as_a_name(text: str, start: int, stop: int, token_at: dict[int, Token], dictionary: Dictionary) -> bool:
    """Two transliteration characters are a name where they are no place, no verb or adjective of
    jieba's (牧民登高远眺), and a word or punctuation follows (姐姐埃比无疑; not 帕提姑丽, a longer name)."""
    surface = text[start:stop]
    known = dictionary.proper_noun(surface)
    word = token_at.get(start)
    after = token_at.get(stop)
    return surface not in country_names() and (known is None or known.kind == "person") \
        and not (word is not None and word.end == stop and word.flag.startswith(("v", "a", "d"))) \
        and (after is None or len(after.text) >= 2 or not is_han(after.text))


def _titles_only(text: str, position: int, lex: Lexicon) -> bool:
    """A title or an introducing word of two characters or more ends right at `position` (弟弟温斯罗普,
    总裁FrederickBillings): stricter than `_left_context`, which also takes a list and a space."""
    for length in range(2, lex.longest_title + 1):
        word = text[max(0, position - length):position]
        if len(word) == length and (word in lex.titles or word in lex.before_person):
            return True
    return False


# Names in Latin letters after a title or before a verb of speech (总裁FrederickBillings的, 作者RobinWinks说):
# two or more capitalised words, run together as some pages print them, an initial allowed.
_LATIN_PERSON = re.compile(r"(?<![A-Za-z])[A-Z][a-z]+(?: ?(?:[A-Z]\. ?)?[A-Z][a-z]+){1,3}(?![A-Za-z])")


def _latin_persons(text: str, lex: Lexicon) -> list[Candidate]:
    found = []
    for match in _LATIN_PERSON.finditer(text):
        left = _titles_only(text, match.start(), lex)
        after = text[match.end():match.end() + 1]
        right = bool(after) and any(text.startswith(w, match.end()) for w in _after_words(lex, after))
        if left or right:
            words = re.sub(r"(?<=[a-z.])(?=[A-Z])", " ", match.group()).split()
            found.append(Candidate(match.start(), match.end(), "person", " ".join(words), "rule"))
    return found


def _everywhere(text: str, starts: set[int], confirmed: list[Candidate]) -> list[Candidate]:
    """The confirmed names, and every other occurrence of each that begins a word: one look per word
    start and name length, so linear in the text."""
    by_surface = {text[c.start:c.end]: c for c in confirmed}
    lengths = sorted({len(surface) for surface in by_surface}, reverse=True)
    found = {(c.start, c.end): c for c in confirmed}
    covered = -1
    for start in sorted(starts):
        if start < covered:
            continue
        for length in lengths:
            model = by_surface.get(text[start:start + length])
            if model is not None:
                found.setdefault((start, start + length), Candidate(start, start + length, "person",
                                                                    model.english, model.source))
                covered = start + length
                break
    return sorted(found.values(), key=lambda c: (c.start, -c.length))
