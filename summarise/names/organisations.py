"""Organisations by suffix: a body's suffix (局, 委员会, 公司, 大学...) and the words before it that can be part
of a name, back to the first word that cannot (a verb, a particle, punctuation); something specific must
stand in front (a place, a proper noun, an abbreviation such as 住建 or 市). The bodies of a chain are
listed too (国务院发展研究中心技术经济研究部 gives 国务院发展研究中心), and so are the places inside."""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarise.names.body_english import (
    BARE_ORDINAL,
    CLOSING_BRACKETS,
    FIRMS,
    OPENING_BRACKETS,
    ORDINAL,
    TRADES,
    ends_like_a_body,
    names_a_body,
    organisation_english,
)
from summarise.names.candidates import FUNCTION_CHARACTERS, Candidate, is_han
from summarise.names.countries import country_names
from summarise.names.dictionary import Dictionary
from summarise.names.lexicon import Lexicon
from summarise.names.units import (
    DETERMINERS,
    NOMINAL,
    NOT_IN_A_CORE,
    Unit,
    suffix_ending_at,
)

_MAX_ORGANISATION_UNITS = 7
_MAX_ORGANISATION_CHARS = 24
_GOVERNMENTS = {"政府", "人民政府"}
_CONJUNCTIONS = frozenset("和与及或并")
_CONTINENTS = ("Europe", "Asia", "Africa", "North America", "South America", "Latin America", "Oceania")
_DIRECTIONS = frozenset("东西南北中")
_UNIONS = frozenset({"欧盟", "东盟", "非盟"})
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
                                                 and not _word_with_suffix(unit, length, dictionary))
                    or _placed_common_body(units, index, length, places, dictionary)
                    or _named_for_a_person(unit, length, lex, dictionary)) \
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
    bracketed = next((n for n, (_, unit) in enumerate(modifiers) if unit.text in OPENING_BRACKETS), -1)
    if bracketed == 0 or (bracketed > 0 and modifiers[0][0] >= 1 and is_han(units[modifiers[0][0] - 1].text)
                          and not _specific_unit(*modifiers[0], places, lex, dictionary)):
        return None  # (昆明) 有限公司 with no name before the brackets; 北 新/a [建材 (昆明) 有限公司]: cut short
    described = [n for n, (_, unit) in enumerate(modifiers) if unit.text in _DESCRIBING]
    if described and bracketed < 0:
        modifiers = modifiers[described[-1] + 1:]  # 高科技巨头 阿里巴巴集团: "the high-tech giant" is no part of it
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
    if not head and len(modifiers) == 1 and suffix in FIRMS and dictionary.is_verb(modifiers[0][1].text):
        return None  # 熟练掌控公司的职场文化: "to control the company's culture"
    if not head and len(modifiers) == 1 and len(modifiers[0][1].text) == 1 \
            and modifiers[0][1].text not in lex.organisation_prefixes:
        return None  # 美银行巨头 "US bank giants": one character names no body
    if suffix in FIRMS and not head and modifiers and modifiers[0][1].text in country_names() and all(
            unit.text in TRADES for _, unit in modifiers[1:]):
        return None  # 中国公司 "Chinese companies", 日本汽车公司 "Japanese carmakers": no firm's own name
    if suffix == "汽车" and not head and modifiers and not _brand(*modifiers[-1], places, dictionary):
        return None  # 日本汽车企业, 中国新能源汽车: cars of a country or a kind, no carmaker (长城汽车 is one)
    if suffix in TRADES and not head and _COUNTED_ROUND.search("".join(unit.text for _, unit in modifiers)):
        return None  # 新一轮科技 "a new round of technology": no firm
    chain = [link for link in chain if modifiers and link[0] - link[1] + 1 > modifiers[0][0]]
    start = modifiers[0][1].start if modifiers else units[index].start + skipped
    # 篮球队: a basketball team, not 篮 and a 球队 ("Basket Team"): the head's word takes the suffix's first
    # character where the two make a word.
    said = head + suffix[0] if len(head) == 1 and len(suffix) > 1 and dictionary.is_common_word(head + suffix[0]) \
        else head
    english = organisation_english(modifiers, said, suffix, places, lex, dictionary)
    nested = tuple(place for _, _, place in ((i, u, places.get(i)) for i, u in modifiers) if place is not None)
    nested_bodies = tuple(
        Candidate(start, units[i].end, "organisation",
                  organisation_english([m for m in modifiers if m[0] < i - s + 1], "", suf, places, lex, dictionary),
                  "rule")
        for i, s, suf in chain if any(m[0] < i - s + 1 for m in modifiers))
    if len(modifiers) >= 2 and modifiers[0][0] in places and modifiers[1][0] in places:
        # 山东 聊城市 中级人民法院: the body is also named without its province (聊城市中级人民法院).
        inner = modifiers[1:]
        nested_bodies += (Candidate(inner[0][1].start, units[index].end, "organisation",
                                    organisation_english(inner, head, suffix, places, lex, dictionary), "rule"),)
    parents = [at for at, unit in modifiers if names_a_body(unit, lex)]
    child = [m for m in modifiers if parents and m[0] > parents[-1]]
    if child and child[0][1].text not in lex.organisation_prefixes and child[0][0] not in places \
            and (child[0][1].proper is not None or child[0][1].flag in ("nr", "nrt")
                 or (child[0][1].flag == "nz" and not _common_words(child[0][1].text, dictionary))):
        # 美国宇航局 约翰逊 航天中心: a body under its parent, named for someone or something of its own, is
        # named alone too (Johnson Space Center); 国家体育总局 体育科学研究所 is not (a common word opens it).
        nested_bodies += (Candidate(child[0][1].start, units[index].end, "organisation",
                                    organisation_english(child, head, suffix, places, lex, dictionary), "rule"),)
    return Candidate(start, units[index].end, "organisation", english, "rule", nested + nested_bodies)


# Words that describe a firm before its name (a giant, a leader, a subsidiary of another): the name follows them.
_DESCRIBING = frozenset({"巨头", "龙头", "旗下", "母公司", "子公司"})


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
        if unit.flag == "vn" and index + 1 < first and units[index + 1].text not in OPENING_BRACKETS \
                and not ends_like_a_body(units[index + 1].text, lex) and not (index >= 1 and names_a_body(units[index - 1], lex)):
            # 调研东西部: a verbal noun belongs to a name only before its body (发展研究中心) or after the
            # body it is part of (国家体育总局 体育 科学 研究所, 中国政法大学 传播 法 中心)
            nominal = False
        if ORDINAL.fullmatch(unit.text) and index >= 1 and is_han(units[index - 1].text) \
                and not units[index - 1].flag.startswith(NOT_IN_A_CORE):
            nominal = True  # 上海竹园 第一 污水处理厂, 北京市 第三 中级人民法院: numbered bodies (No. 1)
        if BARE_ORDINAL.fullmatch(unit.text) and index + 1 == first and index - 1 in places \
                and units[first].text in _NUMBERED_BARE:
            nominal = True  # 成都 温江 五 医院: the number alone, before a hospital or a school, after its place
        after_a_body = unit.flag == "vn" and index >= 1 and names_a_body(units[index - 1], lex)
        if nominal and dictionary.is_verb(unit.text) and not after_a_body and (
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


_BRACKETED_WORDS = {"集团", "控股", "中国"}
_NUMBERED_BARE = {"医院", "人民医院", "中医院", "中学", "小学"}


def _bracketed_part(units: Sequence[Unit], index: int, places: dict[int, Candidate]) -> bool:
    """A place or 集团 in brackets right before a firm's suffix, with a name before the brackets."""
    return units[index].text in CLOSING_BRACKETS and index >= 3 and units[index - 2].text in OPENING_BRACKETS \
        and (index - 1 in places or units[index - 1].text in _BRACKETED_WORDS) and is_han(units[index - 3].text)


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


def _founded_by(units: Sequence[Unit], index: int, places: dict[int, Candidate]) -> bool:
    """立 after a province, city or county: the level of government that founded the body (省立, 市立)."""
    return index - 1 in places and units[index - 1].text[-1:] in "省市县区" and index + 1 < len(units)


# Characters that are a body's suffix on their own: no part of a name read for its sound (兴党护党).
_SUFFIX_CHARACTERS = frozenset("党局委办厅署部司")


def _place_word(word: str, dictionary: Dictionary) -> bool:
    """剑桥 of 剑桥大学: a place opens the body's name (交通 of 英国交通部 does not: the country's ministry)."""
    known = dictionary.proper_noun(word) if len(word) > 1 else None
    return known is not None and known.kind in ("place", None) and not dictionary.is_common_word(word)


def _named_for_a_person(unit: Unit, length: int, lex: Lexicon, dictionary: Dictionary) -> bool:
    """A foundation, prize body or school named for a person, read by jieba as one personal name
    (李嘉诚基金会/nr): the person's name, then a suffix of two characters or more."""
    if not unit.flag.startswith("nr") or length < 2:
        return False
    person = unit.text[:-length]
    known = dictionary.proper_noun(person)
    return (known is not None and known.kind == "person") or (
        2 <= len(person) <= 3 and lex.surname_at(person, 0) is not None and person not in dictionary)


def _placed_common_body(units: Sequence[Unit], index: int, length: int, places: dict[int, Candidate],
                        dictionary: Dictionary) -> bool:
    """A common word of three characters or more naming a kind of bureau, agency or firm, right after a
    place: that place's (芝加哥 警察局 Chicago Police Bureau, 瑞典 移民局, 土耳其 航空公司); not a centre or a trade
    (喀布尔市 中心 is downtown Kabul, 开发区 生物科技 a trade)."""
    unit = units[index]
    return unit.flag == "n" and len(unit.text) >= 3 and unit.text[-length:] in _PLACED_SUFFIXES \
        and index - 1 in places and dictionary.is_common_word(unit.text) and unit.proper is None


_PLACED_SUFFIXES = frozenset({"局", "署", "协会", "委员会", "公司", "银行"})


def _word_with_suffix(unit: Unit, length: int, dictionary: Dictionary) -> bool:
    """A dictionary name that only ends like a body: 互联网 "Internet" (互联 "to interconnect"), a place or
    a person; not 北京晚报, 淘宝网."""
    if unit.proper is None or unit.proper.kind == "organisation":
        return False
    return unit.proper.kind is not None or dictionary.is_common_word(unit.text[:-length])


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
    if unit.text in country_names() or unit.text in _UNIONS or (index in places and places[index].english in (
            *country_names().values(), *_CONTINENTS)):
        return False  # 日本汽车, 欧洲汽车制造商, 欧盟汽车: a country's, a continent's or a union's cars
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
    if unit.flag == "nr" and len(unit.text) == 3 and unit.text not in dictionary \
            and dictionary.is_common_word(unit.text[1:]):
        return False  # 高水平/nr 科技 "high-level science": a surname's character and a common word, no name
    if unit.proper is not None or index in places or unit.flag in ("ns", "nt", "nz", "j", "eng", "nr", "nrt"):
        return True
    if unit.text in lex.organisation_prefixes or unit.text in lex.organisations:
        return True  # 市 住建局, 国家 安全 委员会: the level opens the name; 参议院 外交关系 委员会: a body's
    if ends_like_a_body(unit.text, lex) and unit.text not in TRADES:
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


