"""Organisations by suffix: a body's suffix (局, 委员会, 公司, 大学...) and the words before it that can be part
of a name, back to the first word that cannot (a verb, a particle, punctuation); something specific must
stand in front (a place, a proper noun, an abbreviation such as 住建 or 市). The bodies of a chain are
listed too (国务院发展研究中心技术经济研究部 gives 国务院发展研究中心), and so are the places inside."""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarise.names.candidates import FUNCTION_CHARACTERS, Candidate, is_han
from summarise.names.countries import country_names
from summarise.names.dictionary import Dictionary
from summarise.names.foreign import sounds_foreign
from summarise.names.lexicon import Lexicon
from summarise.names.render import pinyin_word, title_words
from summarise.names.units import (
    DETERMINERS,
    NOMINAL,
    NOT_IN_A_CORE,
    Unit,
    joined_words,
    strip_admin,
    suffix_ending_at,
    words_english,
)

_MAX_ORGANISATION_UNITS = 7
_MAX_ORGANISATION_CHARS = 24
_GOVERNMENTS = {"政府", "人民政府"}
_CONJUNCTIONS = frozenset("和与及或并")
_CONTINENTS = ("Europe", "Asia", "Africa", "North America", "South America", "Latin America", "Oceania")
_FIRMS = {"公司", "有限公司", "股份有限公司", "有限责任公司", "集团", "科技", "实业"}
# Suffixes that name a trade, not a body: alone before another suffix they name no one (汽车公司).
_TRADES = {"汽车", "科技", "实业", "电力", "水务", "工贸", "客车", "财经", "资讯"}
_DIRECTIONS = frozenset("东西南北中")
_NUMERALS = frozenset("一二三四五六七八九十百千两几")
# One-character suffixes that are common word endings too (东西部, 布局): they need a name close before.
_WEAK_SUFFIXES = {"部", "局", "委", "办", "厅", "署", "司", "中心", "党组"}


def organisation_ending_at(units: Sequence[Unit], index: int, places: dict[int, Candidate], lex: Lexicon,
                            dictionary: Dictionary) -> Candidate | None:
    """The organisation whose suffix ends at unit `index` (with the names nested in it), or None."""
    suffix_at = suffix_ending_at(units, index, lex.organisation_suffixes)
    suffix_units = 0
    suffix = ""
    if suffix_at is not None:
        first, suffix = suffix_at
        suffix_units = index - first + 1
    else:
        unit = units[index]
        for length in range(min(6, len(unit.text) - 1), 0, -1):
            if unit.text[-length:] in lex.organisation_suffixes and (
                    unit.flag in ("nt", "j") or (unit.flag in ("n", "nz") and not dictionary.is_common_word(unit.text)
                                                 and not _word_with_suffix(unit, length, dictionary))) \
                    and unit.text not in lex.titles:
                suffix = unit.text[-length:]
                break
        if not suffix or (len(suffix) == 1 and dictionary.is_common_word(unit.text[-2:])
                          and unit.text[-2:] not in lex.organisation_suffixes and unit.text[:-1] not in dictionary
                          and unit.flag != "nt"):
            return None  # 党员干部 "Party cadres": 部 ends the word 干部 (but 邮政局 is 邮政 + 局, whatever 政局 is)
        if suffix == "办" and len(unit.text) == 2 and unit.flag not in ("nt", "j") and unit.text not in dictionary:
            return None  # 社保经办机构: 经办 "to handle" is no office (外办 is one; 侨办, 台办 are suffixes of their own)
        first = index
    modifiers, chain = _modifiers_before(units, first if suffix_units else index, places, lex, dictionary)
    head = units[index].text[: -len(suffix)] if suffix_units == 0 else ""  # 管委会, 统计局 as one word
    skipped = 0
    if head and not modifiers:
        country = next((c for c in (head[:2], head[:3], head[:4]) if c in country_names()), "")
        if country and _place_word(head[len(country):], dictionary):
            skipped, head = len(country), head[len(country):]  # 英国剑桥大学: Cambridge University, in Britain
    if suffix_units == 0 and not head:
        return None
    if head and (_counted(head) or all(ch in _DIRECTIONS for ch in head)
                 or any(ch in _CONJUNCTIONS for ch in head)):
        return None  # 两部委 "the two ministries", 中西部 "the central and western regions", 党和政府 (not 对外联络部)
    if suffix == "网" and index + 1 < len(units) and (dictionary.is_common_word("网" + units[index + 1].text[:1])
                                                      or "网" + units[index + 1].text[:1] in lex.name_words):
        return None  # 人均 网 购 额: 网购 "online shopping", no site; 省委 网 信 委: 网信 "cyberspace affairs"
    # A name opens with its specific part: 分析国家统计局 is 国家统计局, 相关部门 no name at all.
    bracketed = next((n for n, (_, unit) in enumerate(modifiers) if unit.text in _OPENING_BRACKETS), -1)
    if bracketed == 0 or (bracketed > 0 and modifiers[0][0] >= 1 and is_han(units[modifiers[0][0] - 1].text)
                          and not _specific_unit(*modifiers[0], places, lex, dictionary)):
        return None  # (昆明) 有限公司 with no name before the brackets; 北 新/a [建材 (昆明) 有限公司]: cut short
    while modifiers and bracketed < 0 and (not _specific_unit(*modifiers[0], places, lex, dictionary)
                                           or modifiers[0][1].text in lex.organisation_suffixes):
        modifiers.pop(0)  # 公司 科特国际公司: a body's own word opens no other's name
    # (a firm's words before a bracketed branch place are its name, whatever they are: 华为技术 (深圳) 有限公司)
    if modifiers and modifiers[0][1].text in country_names() and (
            (len(modifiers) >= 2 and modifiers[1][0] in places and modifiers[1][1].text not in country_names())
            or (len(modifiers) == 1 and head and _place_word(head, dictionary))):
        modifiers.pop(0)  # 英国 剑桥大学: the country says where Cambridge University is; it is no part of its name
    if head and not modifiers[1:] and head not in dictionary and _verb_phrase(head):
        return None  # 国家 开好局 "the country makes a good start": a verb and its complement, no bureau
    specific = [i for i, (at, unit) in enumerate(modifiers) if _specific_unit(at, unit, places, lex, dictionary)]
    if not specific and not (head and _specific_head(head, dictionary)):
        return None
    if suffix in _GOVERNMENTS and not any(at in places or unit.text in lex.organisation_prefixes
                                          for at, unit in modifiers):
        return None  # a government is a place's: 城市政府, 凡因政府 name none
    if suffix in _WEAK_SUFFIXES and not head and (not specific or specific[-1] < len(modifiers) - 3):
        return None  # 东西部, 管理中心: a one-character suffix needs its name close before it
    if not head and len(modifiers) == 1 and suffix in _FIRMS and dictionary.is_verb(modifiers[0][1].text):
        return None  # 熟练掌控公司的职场文化: "to control the company's culture"
    if not head and len(modifiers) == 1 and len(modifiers[0][1].text) == 1 \
            and modifiers[0][1].text not in lex.organisation_prefixes:
        return None  # 美银行巨头 "US bank giants": one character names no body
    if suffix in _FIRMS and not head and modifiers and modifiers[0][1].text in country_names() and all(
            unit.text in _TRADES for _, unit in modifiers[1:]):
        return None  # 中国公司 "Chinese companies", 日本汽车公司 "Japanese carmakers": no firm's own name
    if suffix == "汽车" and not head and modifiers and not _brand(*modifiers[-1], places, dictionary):
        return None  # 日本汽车企业, 中国新能源汽车: cars of a country or a kind, no carmaker (长城汽车 is one)
    if suffix in _TRADES and not head and _COUNTED_ROUND.search("".join(unit.text for _, unit in modifiers)):
        return None  # 新一轮科技 "a new round of technology": no firm
    chain = [link for link in chain if modifiers and link[0] - link[1] + 1 > modifiers[0][0]]
    start = modifiers[0][1].start if modifiers else units[index].start + skipped
    # 篮球队: a basketball team, not 篮 and a 球队 ("Basket Team"): the head's word takes the suffix's first
    # character where the two make a word.
    said = head + suffix[0] if len(head) == 1 and len(suffix) > 1 and dictionary.is_common_word(head + suffix[0]) \
        else head
    english = _organisation_english(modifiers, said, suffix, places, lex, dictionary)
    nested = tuple(place for _, _, place in ((i, u, places.get(i)) for i, u in modifiers) if place is not None)
    nested_bodies = tuple(
        Candidate(start, units[i].end, "organisation",
                  _organisation_english([m for m in modifiers if m[0] < i - s + 1], "", suf, places, lex, dictionary),
                  "rule")
        for i, s, suf in chain if any(m[0] < i - s + 1 for m in modifiers))
    if len(modifiers) >= 2 and modifiers[0][0] in places and modifiers[1][0] in places:
        # 山东 聊城市 中级人民法院: the body is also named without its province (聊城市中级人民法院).
        inner = modifiers[1:]
        nested_bodies += (Candidate(inner[0][1].start, units[index].end, "organisation",
                                    _organisation_english(inner, head, suffix, places, lex, dictionary), "rule"),)
    parents = [at for at, unit in modifiers if _a_body(unit, lex)]
    child = [m for m in modifiers if parents and m[0] > parents[-1]]
    if child and child[0][1].text not in lex.organisation_prefixes and child[0][0] not in places \
            and (child[0][1].proper is not None or child[0][1].flag in ("nr", "nrt")
                 or (child[0][1].flag == "nz" and not _common_words(child[0][1].text, dictionary))):
        # 美国宇航局 约翰逊 航天中心: a body under its parent, named for someone or something of its own, is
        # named alone too (Johnson Space Center); 国家体育总局 体育科学研究所 is not (a common word opens it).
        nested_bodies += (Candidate(child[0][1].start, units[index].end, "organisation",
                                    _organisation_english(child, head, suffix, places, lex, dictionary), "rule"),)
    return Candidate(start, units[index].end, "organisation", english, "rule", nested + nested_bodies)


def _modifiers_before(units: Sequence[Unit], first: int, places: dict[int, Candidate],
                      lex: Lexicon, dictionary: Dictionary) -> tuple[list[tuple[int, Unit]], list[tuple[int, int, str]]]:
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
        if not modifiers and _bracketed_part(units, index, places):
            # 北新建材 (昆明) 有限公司, 钢铁 (集团) 有限公司: the branch's place or the group, in brackets
            modifiers[:0] = [(index - 2, units[index - 2]), (index - 1, units[index - 1]), (index, unit)]
            index -= 3
            continue
        sounds = _sound_pair(units, index, dictionary) if not modifiers else None
        if sounds is not None:
            modifiers.insert(0, (index - 1, sounds))  # 同 盾 科技: two characters named for their sound
            index -= 2
            continue
        if unit.text == "驻" and index - 1 in places and index + 1 in places and modifiers:
            modifiers.insert(0, (index, unit))  # 中国 驻 英国 大使馆: the mission of one country in another
            index -= 1
            continue
        nominal = unit.proper is not None or index in places or (
            is_han(unit.text) and unit.flag.startswith(NOMINAL) and unit.text not in lex.titles
            and not _words_as_name(unit, dictionary) and not (unit.flag == "s" and unit.text[-1] == "里")
            and unit.text[:-1] not in lex.titles and not _determined(unit.text) and not _counted(unit.text)
            and not any(ch in FUNCTION_CHARACTERS for ch in unit.text[1:]) and unit.text[-1] != "给")
        # 叶群 写信给 中南局, 党和 国家 中心: a verb's object or a conjunction ends a name
        if unit.flag == "vn" and index + 1 < first and units[index + 1].text not in _OPENING_BRACKETS and not any(
                units[index + 1].text.endswith(s) for s in lex.organisation_suffixes if len(s) > 1) \
                and not (index >= 1 and _a_body(units[index - 1], lex)):
            # 调研东西部: a verbal noun belongs to a name only before its body (发展研究中心) or after the
            # body it is part of (国家体育总局 体育 科学 研究所, 中国政法大学 传播 法 中心)
            nominal = False
        if _ORDINAL.fullmatch(unit.text) and index >= 1 and is_han(units[index - 1].text) \
                and not units[index - 1].flag.startswith(NOT_IN_A_CORE):
            nominal = True  # 上海竹园 第一 污水处理厂, 北京市 第三 中级人民法院: numbered bodies (No. 1)
        if nominal and dictionary.is_verb(unit.text) and not (unit.flag == "vn" and index >= 1 and _a_body(units[index - 1], lex)) and (
                (modifiers and _specific_unit(*modifiers[0], places, lex, dictionary))
                or (not modifiers and index + 1 == first and units[first].flag == "nt")):
            # 紫光阁 会见/n 美国泰拉能源公司, 住建部 会同/n 人民银行: jieba's nouns between two names are verbs
            # the dictionary knows; 发电 有限公司, 风行 防水材料 stay (a trade or a name goes on after them)
            nominal = False
        if unit.text == "立" and _founded_by(units, index, places):
            nominal = True  # 河南省 立/v 眼科医院: the province founded it (Henan Provincial Eye Hospital)
        if not nominal and len(unit.text) == 1 and is_han(unit.text) and unit.flag.startswith(("v", "a")) \
                and modifiers and len(modifiers[0][1].text) == 1 and modifiers[0][1].flag in ("ns", "nr", "nz", "j") \
                and unit.text not in FUNCTION_CHARACTERS and unit.text not in DETERMINERS:
            nominal = True  # 江苏 融/vn 泰/ns 石油: a firm's name of two characters jieba split
        if not nominal:
            break
        modifiers.insert(0, (index, unit))
        inner = suffix_ending_at(units, index, lex.organisation_suffixes)
        if inner is not None:
            chain.append((index, index - inner[0] + 1, inner[1]))
        index -= 1
    return modifiers, chain


_OPENING_BRACKETS = ("(", "（")
_CLOSING_BRACKETS = (")", "）")
_BRACKETED_WORDS = {"集团", "控股", "中国"}


def _bracketed_part(units: Sequence[Unit], index: int, places: dict[int, Candidate]) -> bool:
    """A place or 集团 in brackets right before a firm's suffix, with a name before the brackets."""
    return units[index].text in _CLOSING_BRACKETS and index >= 3 and units[index - 2].text in _OPENING_BRACKETS \
        and (index - 1 in places or units[index - 1].text in _BRACKETED_WORDS) and is_han(units[index - 3].text)


# A province's government and its public bodies are "Provincial" in English (Henan Provincial People's
# Hospital); its courts, teams and firms are not (Shandong Higher People's Court).
_PROVINCIAL_BODIES = {"人民政府", "政府", "人民医院", "医院", "委员会", "委", "局", "厅", "办公室", "办"}
_ORDINAL = re.compile(r"第[一二三四五六七八九十]{1,3}")
_ORDINAL_VALUES = {ch: n for n, ch in enumerate("一二三四五六七八九十", 1)}


_ORDINAL_WORDS = ("First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth")


def _ordinal_english(word: str, suffix: str) -> str:
    """第三 before a school, court or plant is No. 3 (第十二: No. 12); before a committee, Third (联大第一委员会:
    the General Assembly's First Committee)."""
    digits = word[1:]
    tens, ten, ones = digits.partition("十")
    number = (_ORDINAL_VALUES[tens] if tens else 1) * 10 + (_ORDINAL_VALUES[ones] if ones else 0) if ten \
        else _ORDINAL_VALUES[digits]
    if suffix.endswith("委员会") and number <= len(_ORDINAL_WORDS):
        return _ORDINAL_WORDS[number - 1]
    return f"No. {number}"


def _stance(word: str, lex: Lexicon) -> bool:
    """A stance towards a country or a region (反华 "anti-China", 对华, 亲美, 援藏): it names whom a group is
    for or against, not the group (反华同盟 "an anti-China alliance", 对华联盟)."""
    return len(word) == 2 and word[0] in "反亲对抗援" and (
        word[1] in lex.country_abbreviations or word[1] in lex.place_abbreviations or word[1] in "藏疆")


def _common_words(word: str, dictionary: Dictionary) -> bool:
    """Two common words of two characters (篮球运动 "basketball sport"), however jieba tags them."""
    return len(word) == 4 and dictionary.is_common_word(word[:2]) and dictionary.is_common_word(word[2:])


def _determined(word: str) -> bool:
    """A word opened by a determiner (外省, 本地, 全县: no name's part); not 外 of foreign affairs (外交关系)."""
    return word[0] in DETERMINERS and not word.startswith(("外交", "外事", "外贸", "外汇"))


def _a_body(unit: Unit, lex: Lexicon) -> bool:
    """A word that names a body by itself: jieba's organisation, the table's, or one with a body's suffix."""
    return unit.flag == "nt" or unit.text in lex.organisations or any(
        unit.text.endswith(s) for s in lex.organisation_suffixes if len(s) > 1)


def _founded_by(units: Sequence[Unit], index: int, places: dict[int, Candidate]) -> bool:
    """立 after a province, city or county: the level of government that founded the body (省立, 市立)."""
    return index - 1 in places and units[index - 1].text[-1:] in "省市县区" and index + 1 < len(units)


# Characters that are a body's suffix on their own: no part of a name read for its sound (兴党护党).
_SUFFIX_CHARACTERS = frozenset("党局委办厅署部司")


def _place_word(word: str, dictionary: Dictionary) -> bool:
    """剑桥 of 剑桥大学: a place opens the body's name (交通 of 英国交通部 does not: the country's ministry)."""
    known = dictionary.proper_noun(word) if len(word) > 1 else None
    return known is not None and known.kind in ("place", None) and not dictionary.is_common_word(word)


def _word_with_suffix(unit: Unit, length: int, dictionary: Dictionary) -> bool:
    """A dictionary name that only ends like a body: 互联网 "Internet" (互联 "to interconnect"), a place or
    a person; not 北京晚报, 淘宝网."""
    if unit.proper is None or unit.proper.kind == "organisation":
        return False
    return unit.proper.kind is not None or dictionary.is_common_word(unit.text[:-length])


def _trade_name(modifiers: list[tuple[int, Unit]], places: dict[int, Candidate], lex: Lexicon,
                dictionary: Dictionary) -> int:
    """The index of a firm's trade name where it is a word in pinyin, not in translation: the first word
    after its place, of two characters, that is an abbreviation, an adjective or a verb to jieba or
    that the dictionary can only gloss as a phrase (光大 "magnificent": Guangda Group; 风行 "to become
    fashionable": Kunming Fengxing Waterproof Materials); not a trade (唱片, 电力) or a name. -1: none."""
    for index, unit in modifiers:
        if index in places or unit.text in lex.organisation_prefixes:
            continue
        if len(unit.text) != 2 or not is_han(unit.text) or unit.proper is not None or unit.text in lex.name_words:
            return -1
        term = dictionary.term(unit.text)
        if unit.flag.startswith(("j", "a", "v", "ad")) and unit.flag != "vn" or (term is not None and " " in term):
            return index
        return -1
    return -1


def _single_runs(modifiers: list[tuple[int, Unit]], places: dict[int, Candidate]) -> list[str]:
    """The runs of short words (one or two characters) in a name, joined: 泰 瑞尔 is 泰瑞尔."""
    runs: list[str] = []
    run = ""
    for index, unit in modifiers:
        if len(unit.text) <= 2 and is_han(unit.text) and index not in places and unit.proper is None:
            run += unit.text
        else:
            runs.append(run)
            run = ""
    return [*runs, run]


def _sounded(modifiers: list[tuple[int, Unit]], places: dict[int, Candidate], lex: Lexicon) -> dict[int, str]:
    """Runs of single characters in a body's name, which stand for their sound (泰 龙 通信: Tailong
    Communication; 汇 津 污水处理: Huijin, not "Class Sweat"): the run's pinyin at its first unit, '' at
    the others."""
    sounded: dict[int, str] = {}
    run: list[tuple[int, Unit]] = []
    for index, unit in [*modifiers, (-1, Unit("", "", 0, 0, None))]:
        if len(unit.text) == 1 and is_han(unit.text) and index not in places and unit.proper is None \
                and unit.text not in lex.organisation_prefixes and unit.text != "驻":
            run.append((index, unit))
            continue
        if len(run) >= 2:
            sounded[run[0][0]] = pinyin_word("".join(u.text for _, u in run))
            sounded.update((i, "") for i, _ in run[1:])
        run = []
    return sounded


# A round, a batch or a kind counted: 新一轮, 这一批 (新一轮科技革命 is no firm's name).
_COUNTED_ROUND = re.compile(r"[一二三四五六七八九十两几][轮批项种类届]")


def _words_as_name(unit: Unit, dictionary: Dictionary) -> bool:
    """jieba's dictionary tags some phrases as personal names (隆重庆祝/nr "celebrate grandly", 高水平/nr
    "high-level"): a word of three characters or more the dictionary knows as a common word, or two
    common words of two characters, is no name's part."""
    text = unit.text
    if not unit.flag.startswith("nr") or len(text) < 3 or unit.proper is not None:
        return False
    return dictionary.is_common_word(text) or _common_words(text, dictionary)


def _counted(word: str) -> bool:
    """A count of bodies, no name: 四大 "the four big", 五大, 两部 (委)."""
    return len(word) >= 2 and word[0] in _NUMERALS and word[1] in "大部家类个"


def _brand(index: int, unit: Unit, places: dict[int, Candidate], dictionary: Dictionary) -> bool:
    """A word that can name a carmaker: a proper noun or a name jieba knows, no country (长城, 昌河, 比亚迪)."""
    if unit.text in country_names() or (index in places and places[index].english in (
            *country_names().values(), *_CONTINENTS)):
        return False  # 日本汽车, 欧洲汽车制造商: a country's or a continent's cars
    return unit.proper is not None or index in places or unit.flag in ("nz", "nr", "nrt", "j", "ns", "eng") or (
        len(unit.text) == 2 and unit.text not in dictionary)


def _sound_pair(units: Sequence[Unit], index: int, dictionary: Dictionary) -> Unit | None:
    """Two single characters right before a suffix that jieba could not join and the dictionary has
    no word for (信 川 科技, 盐 行 派出所): a firm's or a place's name, read as one word; not where jieba
    reads a verb (要 走 科技, 开 新 局: "must take the path of science", "open a new chapter"); adjectives
    and verbal nouns stay (瑞 佳 实业, 甜 兔 网, 训 犬 俱乐部)."""
    if index < 1:
        return None
    first, second = units[index - 1], units[index]
    pair = first.text + second.text
    if len(first.text) != 1 or len(second.text) != 1 or not is_han(pair) or pair in dictionary \
            or any(ch in FUNCTION_CHARACTERS or ch in DETERMINERS or ch in _SUFFIX_CHARACTERS for ch in pair) \
            or first.flag.startswith(NOT_IN_A_CORE) or any(u.flag.startswith("v") and u.flag != "vn" for u in (first, second)):
        return None
    return Unit(pair, "nz", first.start, second.end, None)


def _specific_unit(index: int, unit: Unit, places: dict[int, Candidate], lex: Lexicon,
                   dictionary: Dictionary) -> bool:
    """A word that makes a body's name its own: a place, a proper noun, an abbreviation (住建, 发改, 省),
    a body of its own (国家体育总局 in a chain)."""
    if unit.flag == "ns" and len(unit.text) > 1 and unit.proper is None and index not in places \
            and dictionary.is_common_word(unit.text):
        return False  # 城市/ns 商业银行: "city commercial banks", no bank's name
    if _words_as_name(unit, dictionary) or _stance(unit.text, lex):
        return False
    if unit.proper is not None or index in places or unit.flag in ("ns", "nt", "nz", "j", "eng", "nr", "nrt"):
        return True
    if unit.text in lex.organisation_prefixes or unit.text in lex.organisations:
        return True  # 市 住建局, 国家 安全 委员会: the level opens the name; 参议院 外交关系 委员会: a body's
    if any(unit.text.endswith(s) for s in lex.organisation_suffixes if len(s) > 1) and unit.text not in _TRADES:
        return True  # a body in a chain (国家体育总局 ...); 汽车 公司 alone is "car companies"
    # Two characters the dictionary lacks may be a firm's name (信川); not with a body's character in them
    # (党群 "the Party and the masses": 党群服务中心 is any community's centre).
    return len(unit.text) == 2 and is_han(unit.text) and unit.text not in dictionary \
        and not any(ch in _SUFFIX_CHARACTERS for ch in unit.text)


def _specific_head(head: str, dictionary: Dictionary) -> bool:
    return dictionary.proper_noun(head) is not None or (head not in dictionary and not _verb_phrase(head))


def _verb_phrase(word: str) -> bool:
    """A word the dictionary lacks that jieba reads as a verb and its complement (开好 of 开好局 "make a
    good start": no bureau)."""
    from summarise.names.tokens import tokenize

    tokens = tokenize(word)
    return len(tokens) == 2 and tokens[0].flag.startswith("v") and tokens[1].flag.startswith("a")


def _organisation_english(modifiers: list[tuple[int, Unit]], head: str, suffix: str,
                          places: dict[int, Candidate], lex: Lexicon, dictionary: Dictionary) -> str | None:
    posted = [n for n, (_, unit) in enumerate(modifiers) if unit.text == "驻"]
    if posted and 0 < posted[0] < len(modifiers) - 1:
        cut = posted[0]
        sender = _organisation_words(modifiers[:cut], "", places, lex, dictionary)
        host = _organisation_words(modifiers[cut + 1:], head, places, lex, dictionary)
        host = f"the {host}" if host.startswith("United ") else host
        return f"{lex.organisation_suffixes[suffix]} of {sender} in {host}"  # Embassy of China in the United Kingdom
    if any(sounds_foreign(unit.text) for index, unit in modifiers if index not in places and unit.proper is None) \
            or sounds_foreign(head) or any(sounds_foreign(run) for run in _single_runs(modifiers, places)):
        return None  # 皇家泰瑞尔博物馆, 鲁蒂斯集团: a foreign name in characters, left unrendered, not "Most Riel"
    if suffix == "委" and not head and modifiers and modifiers[-1][0] in places \
            and modifiers[-1][1].text[-1:] + "委" in lex.organisations:
        # 陕西省 委 of 陕西省委网信委: the province's Party committee (省委), not a "Provincial Commission"
        last = modifiers[-1][1]
        committee = (modifiers[-1][0] + 1, Unit("委", "n", last.end, last.end + 1, None))
        return _organisation_words([*modifiers, committee], "", places, lex, dictionary)
    whole = lex.name_words.get(head + suffix) if head else None  # 计委: Planning Commission, not "Plan Commission"
    words = _organisation_words(modifiers, "" if whole else head, places, lex, dictionary, firm=suffix in _FIRMS,
                                commercial=suffix in _FIRMS or suffix in _TRADES, suffix=suffix).split()
    if suffix == "公司" and _brand_only(modifiers, head, places, lex, dictionary):
        return " ".join(words)  # 耐克公司 is Nike, 耐克中国公司 Nike China: English adds no "Company" to a brand
    ending = whole or lex.organisation_suffixes[suffix]
    if not " ".join(words).endswith(ending):
        words.append(ending)  # 思科 "Cisco Systems Company" + 公司: Company once
    # Provincial once: the province's and the department's own (省教育厅 "Provincial Department of Education")
    return " ".join(w for w in words if w).replace("Provincial Provincial", "Provincial")


def _brand_only(modifiers: list[tuple[int, Unit]], head: str, places: dict[int, Candidate], lex: Lexicon,
                dictionary: Dictionary) -> bool:
    """A firm named by a brand the dictionary or the table knows, with at most places beside it."""
    brands = [unit.text for index, unit in modifiers if index not in places] + ([head] if head else [])
    return bool(brands) and all(_brand_word(word, lex, dictionary) for word in brands)


def _brand_word(word: str, lex: Lexicon, dictionary: Dictionary) -> bool:
    return _brand_english(word, lex, dictionary) is not None


def _brand_english(word: str, lex: Lexicon, dictionary: Dictionary) -> str | None:
    """The English of a firm the table or the dictionary knows by `word` (耐克 Nike), else None."""
    if word in lex.organisations:
        return title_words(lex.organisations[word])
    known = dictionary.proper_noun(word)
    # not 互联网 "Internet", glossed bare as 脸书 is
    return known.english if known is not None and known.kind == "organisation" else None


def _head_english(head: str, lex: Lexicon, dictionary: Dictionary) -> str:
    """The English of the words a body's suffix ends inside jieba's word (耐克 of 耐克公司, 统计 of 统计局)."""
    return _brand_english(head, lex, dictionary) or words_english(head, dictionary) or pinyin_word(head)


def _organisation_words(modifiers: list[tuple[int, Unit]], head: str, places: dict[int, Candidate],
                        lex: Lexicon, dictionary: Dictionary, *, firm: bool = False, commercial: bool = False,
                        suffix: str = "") -> str:
    """The English of a body's words; `firm` reads a trade name in pinyin, `commercial` (a firm or a trade's
    body) reads a brand by its proper noun where a common word's reading exists too (现代: Hyundai, Modern);
    `suffix` says how a number reads (第一委员会 First Committee, 第一中学 No. 1 Middle School)."""
    words: list[tuple[int, str]] = []  # (where the word's characters start, its English)
    sounds = _sounded(modifiers, places, lex)
    trade = _trade_name(modifiers, places, lex, dictionary) if firm else -1
    texts = {index: unit.text for index, unit in modifiers}
    party_of = -1  # the 委 that makes the place before it its Party committee (陕西省 委: 省委)
    for index, unit in modifiers:
        if index == party_of:
            continue
        if index in sounds:
            if sounds[index]:
                words.append((unit.start, sounds[index]))
            continue
        place = places.get(index)
        if place is not None and place.english:
            # A place made of several words (西宁 经济技术开发区) ends here: its English stands for all of
            # them, not after theirs ("Xining Economic Xining Economic and Technological ...").
            words = [(start, word) for start, word in words if start < place.start]
            # A county, district, prefecture or banner keeps its word in a body's name (Huzhu County People's
            # Hospital, Garze Prefecture ... Rescue Team; 冠县国税局 Guan County State Taxation Bureau); a city
            # or a province says it by the body's own word or not at all (Xining Municipal Bureau of Statistics).
            keeps_level = unit.text[-1:] in "县区州旗" or (place.end - place.start == 2 and unit.text[-1:] == "市")
            english = place.english if keeps_level else strip_admin(place.english)
            committee = lex.organisations.get(unit.text[-1:] + "委") if texts.get(index + 1) == "委" else None
            if committee is not None:
                english, party_of = f"{strip_admin(place.english)} {committee}", index + 1
            elif unit.text.endswith("省") and suffix in _PROVINCIAL_BODIES and not any(
                    at in places for at, _ in modifiers if at > index):
                # 青海省人民政府: Qinghai Provincial People's Government (江苏省南京市儿童医院 is the city's)
                english += " Provincial"
            words.append((place.start, english))
        elif unit.text in lex.organisations:
            # 阿里巴巴 Alibaba, not the dictionary's "Ali Baba"; 央行 "central bank" capitalised inside a name
            words.append((unit.start, title_words(lex.organisations[unit.text])))
        elif unit.proper is not None and (commercial or unit.text not in lex.name_words):
            words.append((unit.start, unit.proper.english))  # (a carmaker's 现代 is Hyundai; a museum's, Modern)
        elif unit.text in _OPENING_BRACKETS or unit.text in _CLOSING_BRACKETS:
            words.append((unit.start, "(" if unit.text in _OPENING_BRACKETS else ")"))
        elif _ORDINAL.fullmatch(unit.text):
            words.append((unit.start, _ordinal_english(unit.text, suffix)))
        elif unit.text == "立" and index - 1 in places:
            level = next(u.text[-1] for i, u in modifiers if i == index - 1)
            words.append((unit.start, lex.organisation_prefixes[level]))  # 省立 Provincial, 市立 Municipal
        elif index == trade:
            words.append((unit.start, pinyin_word(unit.text)))
        elif unit.text in lex.organisation_prefixes:
            words.append((unit.start, lex.organisation_prefixes[unit.text]))
        else:
            words.append((unit.start, words_english(unit.text, dictionary) or pinyin_word(unit.text)))
    if head:
        words.append((-1, _head_english(head, lex, dictionary)))
    if len(words) > 1 and words[0][1] == "China" and words[1][1].startswith(("China ", "Chinese ")):
        words.pop(0)  # 中国 社科院: the Chinese Academy of Social Sciences says China already
    return joined_words([word for _, word in words if word])
