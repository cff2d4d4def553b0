"""Foreign personal names written in characters: parts joined by a middle dot or a hyphen (杰夫·约翰逊,
大卫-洛克菲勒), run together (约翰洛克菲勒) or after 老/小 (老洛克菲勒), and the lexicon's table of foreign
persons the dictionary lacks (泽连斯基). Their English comes from the table or the dictionary, part by
part, or not at all: a transliteration is never guessed back (persons.py finds them in context).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarise.names.candidates import Candidate, is_han, longest_table_matches
from summarise.names.dictionary import Dictionary
from summarise.names.lexicon import Lexicon, lexicon
from summarise.names.render import pinyin_word
from summarise.names.tokens import Token

FOREIGN_DOTS = "·•‧・"


# 老约翰·洛克菲勒 is John Rockefeller Sr., 小约翰 Jr., 小小约翰 the third of the name.
_GENERATIONS = {"老": "Sr.", "小": "Jr.", "小小": "III"}


_MAX_FOREIGN = 8


def find_table_persons(text: str, tokens: Sequence[Token], lex: Lexicon) -> list[Candidate]:
    """The table's foreign persons (泽连斯基, 李在明), longest first at each word start, ending where a word
    ends and not inside a longer transliteration (万斯达, 伊万斯 hold no 万斯)."""
    ends = {t.end for t in tokens}
    foreign = lex.foreign_characters

    def whole(start: int, end: int) -> bool:
        return end in ends and text[start - 1:start] not in foreign and text[end:end + 1] not in foreign

    return [Candidate(start, end, "person", english, "table") for start, end, english in longest_table_matches(
        text, (t.start for t in tokens), lex.foreign_persons, whole)]


# Words that join two names and never stand inside one (维克多·林德洛夫和罗梅卢·卢卡库).
_BETWEEN_NAMES = frozenset("和与及以或同跟")


def find_dotted(text: str, tokens: Sequence[Token], lex: Lexicon, dictionary: Dictionary) -> list[Candidate]:
    """Foreign names whose parts a middle dot or hyphen joins (杰夫·约翰逊, 约翰·米勒-怀特, 劳拉·赛丽丝提娅·
    洛克菲勒). The first part is the words before the dot back to a title, a common word or punctuation
    (主席约翰, 老约翰), inner parts are whatever stands between dots, the last part runs over
    transliteration characters to the end of a word."""
    ends = {t.end for t in tokens}
    by_end = {t.end: t for t in tokens}
    by_start = {t.start: t for t in tokens}
    found: list[Candidate] = []
    position = 0
    while True:
        dot = _next_dot(text, position, hyphens=False)
        if dot == -1:
            return found
        first = dot
        while first in by_end and dot - by_end[first].start <= _MAX_FOREIGN:
            word = by_end[first]
            if word.text in _GENERATIONS:
                first = word.start  # 大哥小小约翰·洛克菲勒: 小小 is the name's, 大哥 is not
                break
            if len(word.text) > 1 and word.text[0] in _BETWEEN_NAMES and is_han(word.text):
                first = word.start + 1  # 波勒 和保罗·路德: jieba glued the conjunction to the name
                break
            if not is_han(word.text) or _ends_with_title(word.text, lex) or word.text in lex.before_person \
                    or word.text in lex.after_person_weak or (
                    len(word.text) > 1 and dictionary.is_common_word(word.text) and dictionary.proper_noun(word.text) is None):
                break
            first = word.start
        # The first part is its transliteration words (and 老/小, "senior"/"junior") where they can be told
        # apart: 开创者老约翰·洛克菲勒 is 老约翰·洛克菲勒, 约翰逊请劳伦斯·洛克菲勒 is 劳伦斯·洛克菲勒.
        strict = dot
        while strict in by_end and strict > first and not _place_word(by_end[strict].text, dictionary) and (
                _foreign_word(by_end[strict].text, lex, dictionary) or by_end[strict].flag.startswith(("nr", "nz"))
                or by_end[strict].text in _GENERATIONS or _inside_run(by_end[strict], by_end, dictionary)):
            strict = by_end[strict].start
        if first < strict < dot:
            first = strict
        if first == dot:
            position = dot + 1
            continue
        end = dot
        while end < len(text) and text[end] in FOREIGN_DOTS + "-":
            after = end + 1
            following = _next_dot(text, after)
            if following != -1 and following - after <= _MAX_FOREIGN and is_han(text[after:following]) \
                    and not any(ch in _BETWEEN_NAMES for ch in text[after:following]):
                end = following  # an inner part, whatever its characters (not 林德洛夫和罗梅卢: two names)
                continue
            stop = foreign_run(text, after, lex)
            while stop > after and stop not in ends:
                stop -= 1
            following_word = by_start.get(after)
            if stop - after < 2 and following_word is not None and following_word.flag.startswith("nr") \
                    and 2 <= len(following_word.text) <= 4 and is_han(following_word.text) \
                    and all(ch in lex.foreign_characters for ch in text[first:dot] if is_han(ch)):
                stop = following_word.end  # 加里·马歇尔: jieba's name after the dot, a character not in the list
            if stop - after < (1 if text[end] in FOREIGN_DOTS else 2):
                break
            end = stop
        if end > dot + 1 and not all(len(part) <= 1 for part in split_foreign_name(text[first:end])):
            # (新·春·枣: single characters a hashtag's dots part are no name)
            found.append(Candidate(first, end, "person", foreign_english(text[first:end], dictionary), "dictionary"))
        position = max(end, dot + 1)


def find_undotted(tokens: Sequence[Token], dictionary: Dictionary) -> list[Candidate]:
    """Foreign names written without their dot: 老 before a surname the dictionary knows (老洛克菲勒: the
    elder Rockefeller), 老, 小 or 小小 before a given name (小小约翰: John III), and a given name run into a
    surname (约翰洛克菲勒: John Rockefeller)."""
    found = []
    for index, token in enumerate(tokens[1:], start=1):
        before = tokens[index - 1]
        known = _foreign_person(token, dictionary)
        if known is None:
            continue
        if before.text == "老" and not _glossed(token.text, _GIVEN_GLOSS, dictionary):
            found.append(Candidate(before.start, token.end, "person", f"the elder {known}", "dictionary"))
        elif before.text in _GENERATIONS and _glossed(token.text, _GIVEN_GLOSS, dictionary):
            # 小小约翰一生: the third John of the family, named by his given name alone
            found.append(Candidate(before.start, token.end, "person", f"{known} {_GENERATIONS[before.text]}",
                                   "dictionary"))
        given = _foreign_person(before, dictionary)
        if given is not None and _glossed(before.text, _GIVEN_GLOSS, dictionary) \
                and _glossed(token.text, _SURNAME_GLOSS, dictionary):
            found.append(Candidate(before.start, token.end, "person", f"{given} {known}", "dictionary"))
    return found


# The dictionary's gloss of a given name ("John (name)") and of a bare surname ("Rockefeller"); not that
# of a person it names in full (普京 "Vladimir Putin (1952-)...": 拜登普京 is two men).
_GIVEN_GLOSS = re.compile(r"[A-Z][a-z]+ \((?:person )?name\)")


_SURNAME_GLOSS = re.compile(r"[A-Z][a-z]+")


def _glossed(word: str, gloss: re.Pattern[str], dictionary: Dictionary) -> bool:
    entries = dictionary.entries(word)
    return bool(entries) and gloss.fullmatch(entries[0].senses[0]) is not None


def _foreign_person(token: Token, dictionary: Dictionary) -> str | None:
    """The English of a word jieba reads as a personal name and the dictionary as a foreign one."""
    if not token.flag.startswith("nr") or len(token.text) < 2:
        return None
    known = dictionary.proper_noun(token.text)
    return known.english if known is not None and known.kind in ("person", None) and known.foreign else None


def find_hyphenated(text: str, tokens: Sequence[Token], lex: Lexicon, dictionary: Dictionary) -> list[Candidate]:
    """A foreign name whose two parts a hyphen joins (大卫-洛克菲勒): the first is a word the dictionary
    knows as a foreign person's name or all transliteration characters, the second a run of them."""
    by_end = {t.end: t for t in tokens}
    ends = {t.end for t in tokens}
    found = []
    position = text.find("-")
    while position != -1:
        first = by_end.get(position)
        if first is not None and len(first.text) >= 2 and is_han(first.text) and _foreign_word(first.text, lex, dictionary):
            stop = foreign_run(text, position + 1, lex)
            while stop > position + 1 and stop not in ends:
                stop -= 1
            if stop - position - 1 >= 2:
                surface = text[first.start:stop]
                found.append(Candidate(first.start, stop, "person", foreign_english(surface, dictionary), "dictionary"))
        position = text.find("-", position + 1)
    return found


def _place_word(word: str, dictionary: Dictionary) -> bool:
    """哥伦比亚 before 阿劳霍·伊巴拉: a country opens no person's name (a shorter place may be the name's
    own syllables: 阿曼 of 阿曼达·诺克斯, 普吉 of 普吉奥)."""
    known = dictionary.proper_noun(word)
    return len(word) > 2 and known is not None and known.kind == "place"


def _inside_run(word: Token, by_end: dict[int, Token], dictionary: Dictionary) -> bool:
    """A lone character jieba left between transliteration characters (姑 of 帕提姑丽, a Uyghur name): the
    word before it is a lone transliteration character too, and the two make no word (博主 "blogger")."""
    before = by_end.get(word.start)
    return len(word.text) == 1 and is_han(word.text) and not word.flag.startswith(_WORD_CLASSES) \
        and before is not None and _inner_character(before) and not dictionary.is_common_word(before.text + word.text)


def _foreign_word(word: str, lex: Lexicon, dictionary: Dictionary) -> bool:
    known = dictionary.proper_noun(word)
    return (known is not None and known.kind == "person" and known.foreign) or all(
        ch in lex.foreign_characters for ch in word)


def last_part(text: str, name: Candidate, dictionary: Dictionary) -> Candidate | None:
    """The last part of a dotted foreign name as a name of its own (阿姆斯特朗 of 尼尔·阿姆斯特朗); its English
    the whole name's last word, or the dictionary's where the first name left the whole unrendered."""
    surface = text[name.start:name.end]
    parts = split_foreign_name(surface)
    last = parts[-1]
    if len(parts) < 2 or len(last) < 2:
        return None
    english = name.english.split()[-1] if name.english else foreign_english(last, dictionary)
    return Candidate(name.end - len(last), name.end, "person", english, name.source)


def _ends_with_title(word: str, lex: Lexicon) -> bool:
    """执行主席, 副所长: jieba's word for a title with its qualifier."""
    return any(word[start:] in lex.titles for start in range(len(word)))


def _next_dot(text: str, start: int, *, hyphens: bool = True) -> int:
    """The next middle dot (or, between the parts of a name already begun, hyphen) at or after `start`."""
    places = [i for i in (text.find(dot, start) for dot in FOREIGN_DOTS + ("-" if hyphens else "")) if i != -1]
    return min(places, default=-1)


def foreign_run(text: str, start: int, lex: Lexicon) -> int:
    end = start
    while end < len(text) and end - start < _MAX_FOREIGN and text[end] in lex.foreign_characters:
        end += 1
    return end


# Transliteration characters that Chinese names hardly use: a name of them is a foreign one written in
# characters (米切尔, 科林伍德, 史密斯街), and its pinyin ("Mi Qie'er", "Shimisi Street") would be a wrong name.
_SOUNDS_FOREIGN = frozenset("尔斯姆妮娅蒂茨兹萨塞瑟弗拉特")


# Endings of Slavic surnames in Xinhua's characters (-vić, -čić, -yev, -nov, -shenko): 乔维奇 is Čović, not "Qiao Weiqi".
_FOREIGN_ENDINGS = ("维奇", "契奇", "耶夫", "诺夫", "申科")


def sounds_foreign(word: str) -> bool:
    """Every character a transliteration character, one of them one that Chinese names hardly use, or the
    word ends as Slavic surnames do."""
    foreign = lexicon().foreign_characters
    return len(word) >= 2 and all(ch in foreign for ch in word) and (
        any(ch in _SOUNDS_FOREIGN for ch in word) or (len(word) >= 3 and word.endswith(_FOREIGN_ENDINGS)))


def foreign_english(surface: str, dictionary: Dictionary) -> str | None:
    """The table's or the dictionary's English for a foreign name, part by part (杰夫·约翰逊 -> Jeff
    Johnson); None when any part is unknown: a foreign name is left unrendered, never guessed from pinyin. A Tibetan name
    (its parts all in the table) is pinyin part by part, as Xinhua writes it."""
    table = lexicon().foreign_persons
    whole = _part_english(surface, table, dictionary)
    if whole is not None:
        return whole
    for prefix, generation in sorted(_GENERATIONS.items(), key=lambda item: -len(item[0])):
        if surface.startswith(prefix) and len(surface) > len(prefix) + 1:
            named = foreign_english(surface[len(prefix):], dictionary)
            if named is None or " " not in named:
                return None  # 老洛克菲勒 alone is "the elder Rockefeller": see find_undotted
            return f"{named} {generation}"
    tibetan = [surface[n:n + 2] for n in range(0, len(surface), 2)]
    if len(surface) % 2 == 0 and all(part in lexicon().tibetan_parts for part in tibetan):
        return " ".join(pinyin_word(part) for part in tibetan)  # 华杰尼玛: Huajie Nima
    parts = [part for part in split_foreign_name(surface) if part]
    english = []
    for part in parts:
        found = _part_english(part, table, dictionary)
        if found is None:
            return None
        english.append(found)
    return " ".join(english) if english else None


def _part_english(part: str, table: dict[str, str], dictionary: Dictionary) -> str | None:
    """The table's English for a name or a part of one, else the dictionary's."""
    if part in table:
        return table[part]
    known = dictionary.proper_noun(part, "person") or dictionary.proper_noun(part)
    if known is None or known.kind == "place" or (known.kind is None and dictionary.names_a_people(part)):
        return None  # 罗兹 the person is no Łódź; 玛丽·法兰克 is no Mary "Franks" (the Germanic people)
    return known.english


def split_foreign_name(surface: str) -> list[str]:
    """The parts of a foreign name its middle dots or hyphens join (约翰·米勒-怀特: 约翰, 米勒, 怀特)."""
    for dot in FOREIGN_DOTS[1:] + "-":
        surface = surface.replace(dot, FOREIGN_DOTS[0])
    return surface.split(FOREIGN_DOTS[0])


# jieba's word classes that a lone transliteration character next to a name may be a word of its own in
# (让凯利: let Kelly; 比索契: than Sochi; 加西亚提道: Garcia said): no part of a longer name.
_WORD_CLASSES = ("v", "p", "c", "u", "d", "r", "f", "m", "q", "a")


def inside_foreign_run(words_at: dict[int, Token], start: int, end: int, *, right: bool) -> tuple[int, int]:
    """The span of the longer transliteration a two-character name found at `start:end` is cut from, or
    (start, end) where it stands alone; `words_at` maps each word's start to it. jieba finds a dictionary
    word inside an unknown foreign name and leaves the rest as single characters: 查亚普拉 (Jayapura) is
    查/亚/普拉, so 普拉 reads as Pula; 阿巴西 (Abbasi) holds 巴西, Brazil; 帕尼艾县 holds 尼艾县. `right`
    extends to the right too (not past a suffix)."""
    lex = lexicon()

    def single(at: int) -> Token | None:
        word = words_at.get(at)
        return word if word is not None and len(word.text) == 1 else None

    new_start, new_end = start, end
    first = single(start - 1)
    if first is not None and _run_character(first) and first.text not in lex.common_surnames:  # 朱东海: Zhu Donghai
        new_start = start - 1
        while new_start - 1 >= 0 and (t := single(new_start - 1)) is not None and _inner_character(t) \
                and end - new_start < _MAX_FOREIGN:
            new_start -= 1
    if not right:
        return new_start, new_end
    first = single(end)
    if first is not None and _run_character(first):
        new_end = end + 1
        while (t := single(new_end)) is not None and _inner_character(t) and new_end - start < _MAX_FOREIGN:
            new_end += 1
    return new_start, new_end


def _run_character(token: Token) -> bool:
    return token.text in lexicon().foreign_characters and not token.flag.startswith(_WORD_CLASSES)


def _inner_character(token: Token) -> bool:
    """A further character of a run already begun: jieba's class matters less there (特恩布尔: 特 is its
    adverb), only particles, prepositions and conjunctions end it."""
    return token.text in lexicon().foreign_characters and not token.flag.startswith(("p", "c", "u"))
