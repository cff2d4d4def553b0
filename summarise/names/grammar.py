"""Places and organisations: the dictionary's proper nouns, the table's well-known bodies, and the
grammar of suffixes.

- A place is a core and a suffix (互助 + 县 -> Huzhu County; 果洛 + 藏族 + 自治州 -> Golog Tibetan
  Autonomous Prefecture). The core must be a name: a proper noun of the dictionary, a word jieba tags as
  a place, or characters the dictionary does not know as a common word (井湾村). 贫困村 and 全县 are no
  names. Zones and parks (开发区, 产业园区) may be named by a common word (生物科技产业园区).
- An organisation is a suffix (局, 委员会, 公司, 大学...) and the words before it that can be part of a
  name (nouns, places, proper nouns, abbreviations such as 住建), back to the first word that cannot (a
  verb, a particle, punctuation). It needs something specific in front (a place, a proper noun, an
  abbreviation, 省/市/县): 商业银行 and 人民政府 alone are no names. The bodies of a chain are listed too
  (国务院发展研究中心技术经济研究部 gives 国务院发展研究中心), and so is the place inside (西宁经济技术开发区).

Every look is bounded (suffixes and names have a longest length), so the scan is linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from summarise.names.candidates import Candidate, is_han
from summarise.names.dictionary import Dictionary, ProperNoun
from summarise.names.lexicon import Lexicon, lexicon
from summarise.names.render import pinyin_word, title_words
from summarise.names.tokens import Token
from summarise.types import NameKind, NameSource

_MAX_UNIT_TOKENS = 4  # a dictionary name may span this many jieba words (青海 湖)
_MAX_SUFFIX_TOKENS = 3  # 技术 开发 区
_MAX_ORGANISATION_UNITS = 7
_MAX_ORGANISATION_CHARS = 24
_NOMINAL = ("n", "nz", "ns", "nt", "nr", "nrt", "nrfg", "j", "vn", "an", "eng", "ng", "b", "s")
_DETERMINERS = set("全各本该每此我外同邻多两三几某其这那哪诸")
# One-character suffixes that are common word endings too (东西部, 布局): they need a name close before.
_WEAK_SUFFIXES = {"部", "局", "委", "办", "厅", "署", "司", "中心", "党组"}
_ADMIN_WORDS = ("City", "County", "Province", "District", "Prefecture")
# Suffixes of administrative areas, whose core may be any name (its pinyin where the dictionary lacks
# it: 擦泽村 Caze Village); rivers, lakes and landmarks need a core the dictionary or jieba knows as a
# name, or at least one the dictionary has no common word for (倒淌河).
_ADMINISTRATIVE = {"省", "市", "州", "地区", "盟", "县", "区", "旗", "镇", "乡", "村", "街道", "社区", "自治区", "自治州",
                   "自治县", "自治旗", "特别行政区"}
_WATERS = {"江", "河", "湖", "山"}
# Roads and transport: named after places, often by abbreviations the dictionary lacks (锡澄路).
_TRANSPORT = {"路", "大道", "街", "大街", "高速公路", "高速", "枢纽", "互通", "收费站", "隧道", "大桥", "火车站", "汽车站",
              "码头", "古街", "矿区", "新城", "楼", "山庄"}
_FUNCTION = set("和与及的在是了对把被从向为或但并而之其就")
_ROADS = {"路", "大道", "街", "大街"}
_DIRECTIONS = {"东": "East", "西": "West", "南": "South", "北": "North", "中": "Middle"}
_NOT_IN_A_CORE = ("d", "p", "c", "u", "r", "m", "q")  # jieba tags of words no name is made of
_LEVELS = {"省", "市", "州", "县", "区", "旗", "盟", "自治区", "自治州", "自治县", "自治旗"}  # counties and above


@dataclass(frozen=True)
class Unit:
    """One or more jieba words read as one: a dictionary proper noun spanning words, or a word."""

    text: str
    flag: str
    start: int
    end: int
    proper: ProperNoun | None


def units_of(tokens: Sequence[Token], dictionary: Dictionary) -> list[Unit]:
    """The words, with runs of up to four that form a dictionary proper noun joined (longest first)."""
    units: list[Unit] = []
    index = 0
    while index < len(tokens):
        size, proper = 1, None
        for wider in range(min(_MAX_UNIT_TOKENS, len(tokens) - index), 0, -1):
            text = "".join(t.text for t in tokens[index:index + wider])
            if len(text) < 2 or len(text) > dictionary.longest or not is_han(text):
                continue
            proper = dictionary.proper_noun(text)
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
    if len(text) >= 3 and is_han(text):
        for cut in range(min(4, len(text) - 1), 1, -1):
            head, rest = text[:cut], text[cut:]
            proper = dictionary.proper_noun(head)
            if proper is not None and proper.kind in ("place", None) and not dictionary.is_common_word(head) \
                    and (rest in dictionary or rest in lexicon().titles):
                return [Unit(head, "ns", token.start, token.start + cut, proper),
                        Unit(rest, "n", token.start + cut, token.end, dictionary.proper_noun(rest))]
    return [Unit(text, token.flag, token.start, token.end, None)]


def find_table_names(text: str, tokens: Sequence[Token]) -> list[Candidate]:
    """The table's well-known bodies, longest first at each word start (新华社, 省人大常委会)."""
    table = lexicon().organisations
    longest = max(map(len, table))
    found: list[Candidate] = []
    covered = -1
    for token in tokens:
        if token.start < covered:
            continue
        for length in range(min(longest, len(text) - token.start), 1, -1):
            surface = text[token.start:token.start + length]
            if surface in table:
                found.append(Candidate(token.start, token.start + length, "organisation", table[surface], "table"))
                covered = token.start + length
                break
    return found


def find_places_and_organisations(units: Sequence[Unit], dictionary: Dictionary) -> list[Candidate]:
    """Every proper noun of the dictionary, place by suffix and organisation by suffix in `units`."""
    lex = lexicon()
    found: list[Candidate] = []
    places: dict[int, Candidate] = {}  # by the index of the unit that ends the place
    for index, unit in enumerate(units):
        proper = _proper_candidate(unit, lex, dictionary)
        if proper is not None:
            found.append(proper)
            if proper.kind == "place":
                places[index] = proper
        place = _place_ending_at(units, index, lex, dictionary)
        if place is not None:
            found.append(place)
            places[index] = place
    for index in range(len(units)):
        organisation = _organisation_ending_at(units, index, places, lex, dictionary)
        if organisation is not None:
            found.append(organisation)
    return found


def _proper_candidate(unit: Unit, lex: Lexicon, dictionary: Dictionary) -> Candidate | None:
    """A dictionary proper noun standing as a name. One that is also a common word (成功, 资源 are
    counties too) counts only where jieba reads it as a name; one with a place suffix the gloss drops
    (果洛州 "Golog") is left to the suffix rule, which says Golog Prefecture."""
    proper = unit.proper
    if proper is None:
        return None
    jieba_kinds: dict[str, NameKind] = {"ns": "place", "nt": "organisation", "nr": "person", "nrfg": "person",
                                        "nrt": "person"}
    jieba_kind = jieba_kinds.get(unit.flag)
    if dictionary.is_common_word(unit.text) or proper.english.endswith("'s") or unit.text in lex.place_suffixes \
            or unit.text in lex.organisation_suffixes:
        return None  # 新建, 全州, 山水 are counties and firms too, but here words; 大桥 is a bridge
    kind = proper.kind or jieba_kind
    if kind is None:
        return None  # 中华民族 "Chinese": a proper noun, but no person, place or organisation
    for suffix, english in lex.place_suffixes.items():
        core = _without_ethnic(unit.text[: -len(suffix)], lex)[0]
        if unit.text.endswith(suffix) and core and not proper.english.endswith(english) \
                and dictionary.proper_noun(core) is not None:
            return None
    return Candidate(unit.start, unit.end, kind, proper.english, "dictionary")


def find_country_abbreviations(units: Sequence[Unit], dictionary: Dictionary) -> list[Candidate]:
    """Countries by one character in a list (来自美、英、日) and pairs of them (中俄领导人)."""
    countries = lexicon().country_abbreviations
    found: list[Candidate] = []

    def country(index: int) -> bool:
        if not 0 <= index < len(units):
            return False
        unit = units[index]
        return unit.text in countries or (unit.proper is not None and unit.proper.kind == "place")

    for index, unit in enumerate(units):
        if unit.text in countries:
            listed = (index > 0 and units[index - 1].text == "、" and country(index - 2)) or (
                index + 1 < len(units) and units[index + 1].text == "、" and country(index + 2))
            if listed:
                found.append(Candidate(unit.start, unit.end, "place", countries[unit.text], "table"))
        elif len(unit.text) == 2 and all(ch in countries for ch in unit.text) and unit.proper is None \
                and not dictionary.is_common_word(unit.text):
            english = f"{countries[unit.text[0]]} and {countries[unit.text[1]]}"
            found.append(Candidate(unit.start, unit.end, "place", english, "table"))
    return found


_PUBLICATION = re.compile(r"(?<=《)([^《》\s,，。、:：]{2,14})(?=》(?:记者|报道|杂志|报|称|说|指出|援引|引用|发表|刊登|消息|"
                          r"社论|评论|网站|周刊|的报道|的一篇|发文|撰文|文章))|(?<=据《)([^《》\s,，。、]{2,14})(?=》)")


def find_publications(text: str, dictionary: Dictionary) -> list[Candidate]:
    """Papers and magazines named in 《》 where the words around say they report (据《红周刊》记者)."""
    found = []
    for match in _PUBLICATION.finditer(text):
        surface = match.group()
        proper = dictionary.proper_noun(surface)
        english = proper.english if proper is not None else _words_english(surface, dictionary)
        found.append(Candidate(match.start(), match.end(), "organisation", english,
                               "dictionary" if proper is not None else "rule"))
    return found


# -- places --------------------------------------------------------------------------------------


def _suffix_ending_at(units: Sequence[Unit], index: int, suffixes: dict[str, str]) -> tuple[int, str] | None:
    """(first unit, suffix) of the longest suffix made of whole units ending at `index`."""
    best = None
    text = ""
    for first in range(index, max(-1, index - _MAX_SUFFIX_TOKENS), -1):
        text = units[first].text + text
        if text in suffixes:
            best = (first, text)
    return best


def _place_ending_at(units: Sequence[Unit], index: int, lex: Lexicon, dictionary: Dictionary) -> Candidate | None:
    unit = units[index]
    suffix_at = _suffix_ending_at(units, index, lex.place_suffixes)
    if suffix_at is not None:
        first, suffix = suffix_at
        return _place_from_core(units, first, index, suffix, lex, dictionary)
    # A word that already holds its suffix (jieba's 西宁市, 果洛藏族自治州).
    for length in range(min(6, len(unit.text) - 1), 0, -1):
        suffix = unit.text[-length:]
        if suffix in lex.place_suffixes:
            core, ethnic = _without_ethnic(unit.text[:-length], lex) if suffix.startswith("自治") else (
                unit.text[:-length], "")
            english = _core_english(core, unit.flag, dictionary, lex, suffix=suffix)
            if english is None:
                return None
            core_english, source = english
            if ethnic:
                core_english = f"{core_english} {lex.ethnic_groups[ethnic]}"
            return _place(unit.start, unit.end, core_english, suffix, lex, source, dictionary, unit.text)
    return None


def _without_ethnic(core: str, lex: Lexicon) -> tuple[str, str]:
    """(the core, the ethnic group) of an autonomous area's core: 果洛藏族 -> (果洛, 藏族)."""
    for ethnic in lex.ethnic_groups:
        if core.endswith(ethnic) and len(core) > len(ethnic):
            return core[: -len(ethnic)], ethnic
    return core, ""


def _place_from_core(units: Sequence[Unit], first: int, last: int, suffix: str, lex: Lexicon,
                     dictionary: Dictionary) -> Candidate | None:
    if first == 0:
        return None
    core_last = first - 1
    ethnic = ""
    if suffix.startswith("自治") and units[core_last].text in lex.ethnic_groups and core_last > 0:
        ethnic = units[core_last].text
        core_last -= 1
    zone = suffix in lex.zone_suffixes
    direction = ""
    if zone:
        core_units = _zone_core(units, core_last, lex)
    else:
        if suffix in _ROADS and units[core_last].text in _DIRECTIONS and core_last > 0 \
                and len(units[core_last - 1].text) >= 2:
            direction = units[core_last].text  # 滨江东路: Binjiang East Road
            core_last -= 1
        core_units = [units[core_last]]
        # Two single characters the dictionary does not join (红 耀 乡) make one core.
        if len(core_units[0].text) == 1 and core_last > 0 and len(units[core_last - 1].text) == 1:
            core_units.insert(0, units[core_last - 1])
            if any(u.flag.startswith(_NOT_IN_A_CORE) for u in core_units):
                return None  # 就 像 街: an adverb and a verb, no name
    if not core_units:
        return None
    core = "".join(u.text for u in core_units)
    single = core_units[0] if len(core_units) == 1 else None
    english = _core_english(core, single.flag if single else "", dictionary, lex, suffix=suffix,
                            proper=single.proper if single else None)
    if english is None:
        return None
    core_english, source = english
    if ethnic:
        core_english = f"{core_english} {lex.ethnic_groups[ethnic]}"
    if direction:
        core_english = f"{core_english} {_DIRECTIONS[direction]}"
    head = core_units[0]
    nested: tuple[Candidate, ...] = ()
    if zone and head.proper is not None and head.proper.kind in ("place", None):
        nested = (Candidate(head.start, head.end, "place", head.proper.english, "dictionary"),)
    surface = core + ethnic + direction + suffix
    candidate = _place(head.start, units[last].end, core_english, suffix, lex, source, dictionary, surface)
    if candidate is None:
        return None
    return Candidate(candidate.start, candidate.end, "place", candidate.english, candidate.source, nested)


def _zone_core(units: Sequence[Unit], core_index: int, lex: Lexicon) -> list[Unit]:
    """The words that name a zone or park: nouns and places back to a verb, punctuation or another
    place suffix (西宁经济技术开发区 | 生物科技 产业园区)."""
    core: list[Unit] = []
    index = core_index
    while index >= 0 and len(core) < 3:
        unit = units[index]
        if not is_han(unit.text) or not (unit.proper is not None or unit.flag.startswith(_NOMINAL)):
            break
        if core and any(unit.text.endswith(s) for s in lex.place_suffixes if len(s) > 1):
            break
        core.insert(0, unit)
        index -= 1
    return core


def _core_english(core: str, flag: str, dictionary: Dictionary, lex: Lexicon, *, suffix: str,
                  proper: ProperNoun | None = None) -> tuple[str, NameSource] | None:
    """The English of a place's core and where it came from; None when the core is no name."""
    if not is_han(core) or core in lex.titles or (len(core) < 2 and not (flag == "ns" and suffix == "县")):
        return None  # one character is a core only in a county jieba knows (冠县)
    if any(core.endswith(s) for s in _ADMINISTRATIVE) and suffix not in _ADMINISTRATIVE \
            and suffix not in lex.zone_suffixes and suffix not in _TRANSPORT:
        return None  # 互助县高原: a county and a common noun, no name of its own
    if core[-1] in "市县区省" and suffix in _ADMINISTRATIVE:
        return None  # 江阴市区 is the city's urban area, no district of its own
    if any(ch in _FUNCTION for ch in core):
        return None
    proper = proper or dictionary.proper_noun(core)
    if proper is not None and dictionary.is_common_word(core) and flag != "ns" and suffix not in _LEVELS:
        proper = None  # 小康村: 小康 is a county somewhere, but here the common word (互助县 is Huzhu)
    if proper is not None and proper.kind in ("place", None):
        english = _strip_admin(proper.english)
        if suffix == "州" and (proper.state or (proper.foreign and proper.kind is None)):
            return english, "dictionary"  # 怀俄明州 is Wyoming: 州 is a state there, and English drops it
        return english, "rule"
    if core[0] in _DETERMINERS:
        return None
    if suffix in _ROADS and dictionary.is_common_word(core) and flag.startswith(("n", "t", "s")):
        term = _words_english(core, dictionary)  # 世纪大道, 人民路: roads are named by common words
        return (term, "rule") if term else None
    if suffix in lex.zone_suffixes:
        term = _words_english(core, dictionary)
        return (term, "rule") if term else None
    if dictionary.is_common_word(core) or any(core.startswith(t) or core.endswith(t) for t in ("的", "了")):
        return None  # 贫困村, 重点县, 绿色园区: a common word and a suffix is no name
    if flag.startswith(("v", "d", "p", "c", "u", "r", "m", "q", "a")) and flag != "an":
        return None
    if suffix not in _ADMINISTRATIVE and suffix not in _TRANSPORT and not (
            suffix in _WATERS and core not in dictionary and 2 <= len(core) <= 4):
        return None  # a landmark needs a known name: 海和草原 is no place
    return pinyin_word(core), "pinyin"


def _strip_admin(english: str) -> str:
    words = english.split()
    while len(words) > 1 and words[-1] in _ADMIN_WORDS:
        words.pop()
    return " ".join(words)


def _place(start: int, end: int, core_english: str, suffix: str, lex: Lexicon, source: NameSource,
           dictionary: Dictionary, surface: str) -> Candidate | None:
    suffix_english = lex.place_suffixes[suffix]
    whole = dictionary.proper_noun(surface)
    if whole is None and dictionary.is_common_word(surface):
        return None  # 自然保护区 is a nature reserve, not a place called Ziranbaohu
    if whole is not None and whole.english.endswith(suffix_english):
        return Candidate(start, end, "place", whole.english, "dictionary")  # 西藏自治区, 长江
    if core_english.endswith(suffix_english) or (source == "dictionary" and suffix == "州"):
        return Candidate(start, end, "place", core_english, source)  # 澜沧 + 江 when the core says River
    return Candidate(start, end, "place", f"{core_english} {suffix_english}", source)


def _words_english(text: str, dictionary: Dictionary) -> str | None:
    """Common words in English, title case (生物科技 -> Biotechnology); pinyin for a part it lacks."""
    term = dictionary.term(text)
    if term is not None:
        return title_words(term)
    from summarise.names.tokens import tokenize

    parts = []
    for token in tokenize(text):
        found = dictionary.proper_noun(token.text)
        english = found.english if found else dictionary.term(token.text)
        parts.append(title_words(english) if english else pinyin_word(token.text))
    return " ".join(parts) if parts else None


# -- organisations -------------------------------------------------------------------------------


def _organisation_ending_at(units: Sequence[Unit], index: int, places: dict[int, Candidate], lex: Lexicon,
                            dictionary: Dictionary) -> Candidate | None:
    suffix_at = _suffix_ending_at(units, index, lex.organisation_suffixes)
    suffix_units = 0
    suffix = ""
    if suffix_at is not None:
        first, suffix = suffix_at
        suffix_units = index - first + 1
    else:
        unit = units[index]
        for length in range(min(6, len(unit.text) - 1), 0, -1):
            if unit.text[-length:] in lex.organisation_suffixes and (
                    unit.flag in ("nt", "j") or (unit.flag in ("n", "nz") and not dictionary.is_common_word(unit.text))) \
                    and unit.text not in lex.titles:
                suffix = unit.text[-length:]
                break
        if not suffix:
            return None
        first = index
    modifiers, chain = _modifiers_before(units, first if suffix_units else index, places, lex)
    head = units[index].text[: -len(suffix)] if suffix_units == 0 else ""  # 管委会, 统计局 as one word
    if suffix_units == 0 and not head:
        return None
    # A name opens with its specific part: 分析国家统计局 is 国家统计局, 相关部门 no name at all.
    while modifiers and not _specific_unit(*modifiers[0], places, lex, dictionary):
        modifiers.pop(0)
    specific = [i for i, (at, unit) in enumerate(modifiers) if _specific_unit(at, unit, places, lex, dictionary)]
    if not specific and not (head and _specific_head(head, dictionary)):
        return None
    if suffix in _WEAK_SUFFIXES and not head and (not specific or specific[-1] < len(modifiers) - 3):
        return None  # 东西部, 管理中心: a one-character suffix needs its name close before it
    chain = [link for link in chain if modifiers and link[0] - link[1] + 1 > modifiers[0][0]]
    start = modifiers[0][1].start if modifiers else units[index].start
    english = _organisation_english(modifiers, head, suffix, places, lex, dictionary)
    nested = tuple(place for _, _, place in ((i, u, places.get(i)) for i, u in modifiers) if place is not None)
    nested_bodies = tuple(
        Candidate(start, units[i].end, "organisation",
                  _organisation_english([m for m in modifiers if m[0] < i - s + 1], "", suf, places, lex, dictionary),
                  "rule")
        for i, s, suf in chain if any(m[0] < i - s + 1 for m in modifiers))
    return Candidate(start, units[index].end, "organisation", english, "rule", nested + nested_bodies)


def _modifiers_before(units: Sequence[Unit], first: int, places: dict[int, Candidate],
                      lex: Lexicon) -> tuple[list[tuple[int, Unit]], list[tuple[int, int, str]]]:
    """The words before an organisation suffix that belong to its name, and the inner suffixes passed
    (index of the unit ending each, its unit count, the suffix)."""
    modifiers: list[tuple[int, Unit]] = []
    chain: list[tuple[int, int, str]] = []
    chars = 0
    index = first - 1
    while index >= 0 and len(modifiers) < _MAX_ORGANISATION_UNITS:
        unit = units[index]
        chars += len(unit.text)
        if chars > _MAX_ORGANISATION_CHARS:
            break
        if unit.text in lex.organisation_prefixes and len(unit.text) == 1 and (
                index == 0 or not is_han(units[index - 1].text) or units[index - 1].flag.startswith(("v", "p", "u"))):
            modifiers.insert(0, (index, unit))  # 市 住建局: the abbreviation opens the name
            break
        nominal = unit.proper is not None or index in places or (
            is_han(unit.text) and unit.flag.startswith(_NOMINAL) and unit.text not in lex.titles
            and unit.text[0] not in _DETERMINERS)
        if unit.flag == "vn" and index + 1 < first and not any(
                units[index + 1].text.endswith(s) for s in lex.organisation_suffixes if len(s) > 1):
            nominal = False  # 调研东西部: a verbal noun belongs to a name only before its body (发展研究中心)
        if not nominal:
            break
        modifiers.insert(0, (index, unit))
        inner = _suffix_ending_at(units, index, lex.organisation_suffixes)
        if inner is not None:
            chain.append((index, index - inner[0] + 1, inner[1]))
        index -= 1
    return modifiers, chain


def _specific_unit(index: int, unit: Unit, places: dict[int, Candidate], lex: Lexicon,
                   dictionary: Dictionary) -> bool:
    """A word that makes a body's name its own: a place, a proper noun, an abbreviation (住建, 发改, 省),
    a body of its own (国家体育总局 in a chain)."""
    if unit.proper is not None or index in places or unit.flag in ("ns", "nt", "nz", "j", "eng", "nr", "nrt"):
        return True
    if unit.text in lex.organisation_prefixes and len(unit.text) == 1:
        return True
    if any(unit.text.endswith(s) for s in lex.organisation_suffixes if len(s) > 1):
        return True
    return len(unit.text) == 2 and is_han(unit.text) and unit.text not in dictionary


def _specific_head(head: str, dictionary: Dictionary) -> bool:
    return dictionary.proper_noun(head) is not None or head not in dictionary


def _organisation_english(modifiers: list[tuple[int, Unit]], head: str, suffix: str,
                          places: dict[int, Candidate], lex: Lexicon, dictionary: Dictionary) -> str:
    words: list[str] = []
    for index, unit in modifiers:
        place = places.get(index)
        if place is not None and place.english:
            words.append(_strip_admin(place.english))
        elif unit.proper is not None:
            words.append(unit.proper.english)
        elif unit.text in lex.organisation_prefixes:
            words.append(lex.organisation_prefixes[unit.text])
        else:
            words.append(_words_english(unit.text, dictionary) or pinyin_word(unit.text))
    if head:
        words.append(_words_english(head, dictionary) or pinyin_word(head))
    words.append(lex.organisation_suffixes[suffix])
    return " ".join(w for w in words if w)
