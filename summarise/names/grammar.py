"""Places and organisations: the dictionary's proper nouns, the table's well-known bodies, and the
grammar of suffixes.

- A place is a core and a suffix (互助 + 县 -> Huzhu County; 果洛 + 藏族 + 自治州 -> Golog Tibetan
  Autonomous Prefecture). The core must be a name: a proper noun of the dictionary, a word jieba tags as
  a place, or characters the dictionary does not know as a common word (井湾村). 贫困村 and 全县 are no
  names. Zones and parks (开发区, 产业园区) may be named by a common word (生物科技产业园区).
- An organisation is a suffix and the words before it (organisations.py): 商业银行 and 人民政府 alone are
  no names; the bodies of a chain and the places inside are listed too.

Every look is bounded (suffixes and names have a longest length), so the scan is linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarise.names.candidates import FUNCTION_CHARACTERS, Candidate, is_han
from summarise.names.countries import WORLD_REGIONS
from summarise.names.dictionary import Dictionary, ProperNoun
from summarise.names.foreign import sounds_foreign
from summarise.names.landforms import PAIR, with_feature
from summarise.names.lexicon import Lexicon, lexicon
from summarise.names.organisations import organisation_ending_at
from summarise.names.render import pinyin_word
from summarise.names.roads import DIRECTIONS as _DIRECTIONS
from summarise.names.roads import chinese_name, ring_english
from summarise.names.units import (
    DETERMINERS,
    NOMINAL,
    NOT_IN_A_CORE,
    Unit,
    could_name,
    strip_admin,
    suffix_ending_at,
    words_english,
)
from summarise.types import NameKind, NameSource

# Suffixes of administrative areas, whose core may be any name (its pinyin where the dictionary lacks
# it: 擦泽村 Caze Village); rivers, lakes and landmarks need a core the dictionary or jieba knows as a
# name, or at least one the dictionary has no common word for (倒淌河).
_ADMINISTRATIVE = {"省", "市", "州", "地区", "盟", "县", "区", "旗", "镇", "乡", "村", "街道", "社区", "自治区", "自治州",
                   "自治县", "自治旗", "特别行政区"}
_WATERS = {"江", "河", "湖", "山"}
_NATURAL = _WATERS | {"岛", "湾", "港", "雪山", "草原", "水库"}
# Roads and transport: named after places, often by abbreviations the dictionary lacks (锡澄路).
_TRANSPORT = {"路", "大道", "街", "大街", "高速公路", "高速", "枢纽", "互通", "收费站", "隧道", "大桥", "跨海大桥", "火车站", "汽车站",
              "码头", "古街", "矿区", "新城", "楼", "山庄", "东路", "西路", "南路", "北路", "中路"}
_ROADS = {"路", "大道", "街", "大街", "古街", "东路", "西路", "南路", "北路", "中路"}
_WORKS = _TRANSPORT - _ROADS  # bridges, tunnels, expressways, stations
_ROADS_LONGEST_FIRST = tuple(sorted(_ROADS, key=len, reverse=True))  # 东路 before 路
_LEVELS = {"省", "市", "州", "县", "区", "旗", "盟", "自治区", "自治州", "自治县", "自治旗"}  # counties and above


def find_places_and_organisations(units: Sequence[Unit], dictionary: Dictionary) -> list[Candidate]:
    """Every proper noun of the dictionary, place by suffix and organisation by suffix in `units`."""
    lex = lexicon()
    found: list[Candidate] = []
    places: dict[int, Candidate] = {}  # by the index of the unit that ends the place
    for index, unit in enumerate(units):
        following = units[index + 1] if index + 1 < len(units) else None
        proper = _proper_candidate(unit, lex, dictionary, following)
        if proper is not None:
            found.append(proper)
            if proper.kind == "place":
                places[index] = proper
        place = _place_ending_at(units, index, lex, dictionary)
        if place is not None:
            found.append(place)
            places[index] = place
    for index in range(len(units)):
        organisation = organisation_ending_at(units, index, places, lex, dictionary)
        if organisation is not None:
            found.append(organisation)
    return found


def _proper_candidate(unit: Unit, lex: Lexicon, dictionary: Dictionary,
                      following: Unit | None = None) -> Candidate | None:
    """A dictionary proper noun standing as a name. One that is also a common word (成功, 资源 are
    counties too) counts only where jieba reads it as a name; one with a place suffix the gloss drops
    (果洛州 "Golog") is left to the suffix rule, which says Golog Prefecture."""
    proper = unit.proper
    if proper is None:
        return None
    jieba_kinds: dict[str, NameKind] = {"ns": "place", "nt": "organisation", "nr": "person", "nrfg": "person",
                                        "nrt": "person"}
    jieba_kind = jieba_kinds.get(unit.flag)
    if len(unit.text) == 2 and unit.text[0] in "全该本各" and unit.text[1] in "省市州县区":
        return None  # 全州 is "the whole prefecture" in news, though Quanzhou (Guangxi) is a county too
    if len(unit.text) == 2 and unit.text[0] in "日月年" and unit.text[1] in "产均" and following is not None \
            and following.text[:1] in _NUMERALS:
        return None  # 扩建日产5万吨: "a daily output of 50,000 tonnes", not Nissan
    if unit.flag == "s" and unit.text[-1] in "上下里内外":
        return None  # 山上 "on the mountain", 海外 "overseas": jieba's locatives, though 山上 is a township
    if dictionary.is_common_word(unit.text) or proper.english.endswith("'s") or unit.text in lex.place_suffixes \
            or unit.text in lex.organisation_suffixes:
        return None  # 新建, 全州, 山水 are counties and firms too, but here words; 大桥 is a bridge
    kind = proper.kind or jieba_kind
    if kind == "person" and unit.flag == "nt":
        kind = "organisation"  # 国际联盟 "League of Nations (1920-1946)": the dates are no lifetime
    if kind == "place" and len(unit.text) == 2 and unit.text[-1] in "文语":
        return None  # 中文, 英文: languages, no places
    if kind is None and unit.text[-1] in _SAYS_ITS_LEVEL:
        kind = "place"  # 冠县 "Guan": a county by its suffix, whatever jieba tags it
    if kind == "person" and following is not None and following.flag.startswith("nr") and len(following.text) > 1 \
            and all(ch in lex.foreign_characters for ch in following.text):
        return None  # 达摩 of 达摩克利斯之剑: a longer transliteration goes on
    if kind is None and any(unit.text.endswith(s) and lex.organisation_suffixes[s].split()[-1] in proper.english
                            for s in lex.organisation_suffixes if len(s) > 1):
        kind = "organisation"  # 博鳌亚洲论坛 "Bo'ao Forum for Asia": the dictionary's English, the suffix's kind
    if kind is None:
        return None  # 中华民族 "Chinese": a proper noun, but no person, place or organisation
    for suffix, english in lex.place_suffixes.items():
        core = _without_ethnic(unit.text[: -len(suffix)], lex)[0]
        if unit.text.endswith(suffix) and core and not proper.english.endswith(english) \
                and dictionary.proper_noun(core) is not None:
            return None
    english = lex.foreign_persons.get(unit.text, proper.english) if kind == "person" else proper.english
    if kind == "place":
        english = with_feature(unit.text, english, lex, dictionary)
    suffix = unit.text[-1]  # (the table's English for a leader the dictionary spells otherwise: Medvedev)
    if kind == "place" and suffix in _SAYS_ITS_LEVEL and len(unit.text) > 1 \
            and not english.endswith(lex.place_suffixes[suffix]) and " " not in english \
            and not english.lower().endswith(_LEVEL_SOUNDS[suffix]):  # 景德镇 is Jingdezhen, the 镇 in the name
        english = f"{english} {lex.place_suffixes[suffix]}"  # 共和县 is Gonghe County, not "Gonghe"
    return Candidate(unit.start, unit.end, kind, english, "dictionary")


# The levels a place's English must keep when the dictionary's gloss leaves them out ("Gonghe county").
_SAYS_ITS_LEVEL = {"县", "区", "镇", "乡", "村"}
_LEVEL_SOUNDS = {"县": "xian", "区": "qu", "镇": "zhen", "乡": "xiang", "村": "cun"}
_NUMERALS = frozenset("一二三四五六七八九十百千两几0123456789０１２３４５６７８９")
_MEASURES = frozenset("条个座号栋幢层家所间片处")  # 一条街, 九号楼; not 六合区, 三亚市


# -- places --------------------------------------------------------------------------------------

def _place_ending_at(units: Sequence[Unit], index: int, lex: Lexicon, dictionary: Dictionary) -> Candidate | None:
    unit = units[index]
    suffix_at = suffix_ending_at(units, index, lex.place_suffixes)
    if suffix_at is not None:
        first, suffix = suffix_at
        return _place_from_core(units, first, index, suffix, lex, dictionary)
    # A word that already holds its suffix (jieba's 西宁市, 果洛藏族自治州).
    for length in range(min(6, len(unit.text) - 1), 0, -1):
        suffix = unit.text[-length:]
        ring = suffix in _TRANSPORT and ring_english(unit.text[:-length]) is not None  # 外环路: 环路 is no end
        if length == 1 and not ring and dictionary.is_common_word(unit.text[-2:]) and (
                unit.flag not in ("ns", "nz") or (len(unit.text) > 3 and (dictionary.is_common_word(unit.text[:-2])
                                                                          or unit.text[:-2] in dictionary))):
            # 谋出路 "seek a way out" (出路), 借壳上市 "a backdoor listing" (上市), 主城区 "the main urban area",
            # 高速铁路 "high-speed railway", 江南水乡 "the water towns of Jiangnan" (水乡): the suffix ends a
            # common word; jieba tags a road's or a district's name 中山路/ns, 西城区/ns
            return None
        if unit.text[0] in _NUMERALS and unit.text[1:2] in _MEASURES:
            return None  # 一条街 "a street", 九号楼 "building No. 9"
        if suffix in _ROADS and unit.flag == "n" and not ring:
            return None  # 商业街, 步行街, 快速路: jieba's common noun for a kind of road (its names are ns, nz)
        if suffix in lex.place_suffixes:
            core, ethnic = _without_ethnic(unit.text[:-length], lex) if suffix.startswith("自治") else (
                unit.text[:-length], "")
            english = _core_english(core, unit.flag, dictionary, lex, suffix=suffix,
                                    jieba_place=unit.flag == "ns" and unit.text not in dictionary)
            if english is None:
                return None
            core_english, source = english
            if ethnic:
                core_english = f"{core_english} {lex.ethnic_groups[ethnic]}"
            start, surface = unit.start, unit.text
            before = units[index - 1] if index > 0 else None
            if ring and before is not None and before.text in _DIRECTIONS and before.end == unit.start:
                start, surface = before.start, before.text + unit.text  # 东 外环路: East Outer Ring Road
                core_english = f"{_DIRECTIONS[before.text]} {core_english}"
            return _place(start, unit.end, core_english, suffix, lex, source, dictionary, surface)
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
        core_units = _zone_core(units, core_last, lex, dictionary)
        opening = core_last - len(core_units) + 1  # the core is the words back from core_last
        if core_units and len(core_units) > 1 and len(core_units[0].text) == 1 and core_units[0].proper is None \
                and opening > 0 and is_han(units[opening - 1].text) and units[opening - 1].end == core_units[0].start:
            return None  # 复兴|城 互联网 信息 产业园: a name whose opening word the zone core stopped inside
        if core_units and core_units[0].flag in ("b", "vn") and not any(
                (u.proper is not None and u.proper.kind in ("place", None))
                or (u.flag == "ns" and not dictionary.is_common_word(u.text)) for u in core_units):
            return None  # 国家级绿色园区, 现代化城市新区: a rank or an aim and common words name no zone
    else:
        if suffix in _ROADS and units[core_last].text in _DIRECTIONS and core_last > 0 \
                and len(units[core_last - 1].text) >= 2:
            direction = units[core_last].text  # 滨江东路: Binjiang East Road
            core_last -= 1
        core_units = [units[core_last]]
        # Two single characters the dictionary does not join (红 耀 乡) make one core; so do a name and
        # the character that ends it before a snow mountain (阿尼玛/nr 卿/nr 雪山).
        if len(core_units[0].text) == 1 and core_last > 0 and len(units[core_last - 1].text) == 1:
            core_units.insert(0, units[core_last - 1])
            if any(u.flag.startswith(NOT_IN_A_CORE) for u in core_units):
                return None  # 就 像 街: an adverb and a verb, no name
        elif len(core_units[0].text) == 1 and suffix == "雪山" and core_last > 0 \
                and all(u.flag.startswith("nr") for u in units[core_last - 1:core_last + 1]):
            core_units.insert(0, units[core_last - 1])
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
    # The places a zone's name holds (四川 海螺沟 景区: 四川, and 海螺沟, which jieba knows); past its first
    # word a proper noun with no kind is no place (复兴城 互联网 信息 产业园: 互联网 is "Internet").
    if zone:
        nested = tuple(
            Candidate(u.start, u.end, "place", u.proper.english, "dictionary") if u.proper is not None
            else Candidate(u.start, u.end, "place", pinyin_word(u.text), "pinyin")
            for u in core_units if (u.proper is not None and u.proper.kind in (("place", None) if u is head else ("place",)))
            or (u.flag == "ns" and len(u.text) >= 2 and u.text not in dictionary))
    elif suffix in _WORKS and single is not None and single.proper is not None and single.proper.kind == "place":
        nested = (Candidate(single.start, single.end, "place", single.proper.english, "dictionary"),)  # 杭州湾跨海大桥
    surface = core + ethnic + direction + suffix
    candidate = _place(head.start, units[last].end, core_english, suffix, lex, source, dictionary, surface,
                       transliterated=not zone and suffix not in _CHINESE_ONLY and any(u.flag == "nrt" for u in core_units))
    if candidate is None:
        return None
    return Candidate(candidate.start, candidate.end, "place", candidate.english, candidate.source,
                     nested + candidate.nested)


def _zone_core(units: Sequence[Unit], core_index: int, lex: Lexicon, dictionary: Dictionary) -> list[Unit]:
    """The words that name a zone or park: nouns and places back to a verb, punctuation or another
    place suffix (西宁经济技术开发区 | 生物科技 产业园区)."""
    core: list[Unit] = []
    index = core_index
    while index >= 0 and len(core) < 3:
        unit = units[index]
        if not is_han(unit.text) or not (unit.proper is not None or unit.flag.startswith(NOMINAL)):
            break
        if core and any(unit.text.endswith(s) for s in lex.place_suffixes if len(s) > 1):
            break
        if unit.proper is None and dictionary.is_verb(unit.text):
            break  # 为 优化 景区 环境: "to optimise the scenic area"
        core.insert(0, unit)
        index -= 1
    return core


# A feature's English: a town named after a sea, a lake or a mountain is written in pinyin all through.
_FEATURES = {"River", "Lake", "Mountain", "Mountains", "Sea", "Island", "Islands", "Bay", "Plateau", "Desert", "Gorge",
             "Strait", "Canal", "Basin", "Peak", "Hill", "Hills"}


def _names_a_feature(english: str) -> bool:
    words = english.split()
    return len(words) > 1 and (words[-1] in _FEATURES or words[0] in ("Mt", "Mt.", "Mount"))


def _core_english(core: str, flag: str, dictionary: Dictionary, lex: Lexicon, *, suffix: str,
                  proper: ProperNoun | None = None, jieba_place: bool = False) -> tuple[str, NameSource] | None:
    """The English of a place's core and where it came from; None when the core is no name.
    `jieba_place`: jieba's dictionary holds the whole (core and suffix) as a place that CC-CEDICT lacks
    (太平山, 松花湖): a mountain or a lake may then be named by a common word."""
    if not is_han(core) or core in lex.titles or (len(core) < 2 and not (suffix == "县" and (
            flag == "ns" or dictionary.proper_noun(core + suffix) is not None))):
        return None  # one character is a core only in a county jieba or the dictionary knows (冠县)
    if suffix == "高速" and (core[-1] in "省市县区州" or any(ch in "往向朝东西南北" for ch in core)):
        return None  # 冠县高速路口: the county's expressway exit, no expressway named 冠县
    if any(core.endswith(s) for s in _ADMINISTRATIVE) and suffix not in _ADMINISTRATIVE \
            and suffix not in lex.zone_suffixes and suffix not in _TRANSPORT:
        return None  # 互助县高原: a county and a common noun, no name of its own
    if core[-1] in "市县区省" and suffix in _ADMINISTRATIVE:
        return None  # 江阴市区 is the city's urban area, no district of its own
    if any(ch in FUNCTION_CHARACTERS for ch in core) or (suffix in _WORKS and core[-1] in "座条"):
        return None  # 首座跨海大桥, 这条隧道: a count of works, no name
    if core in lex.places:
        return lex.places[core], "table"  # 新竹县 Hsinchu County
    ring = ring_english(core) if suffix in _TRANSPORT else None
    if ring is not None:
        return ring, "rule"  # 东外环路 East Outer Ring Road, 外环线隧道 Outer Ring Tunnel
    road = next((r for r in _ROADS_LONGEST_FIRST if core.endswith(r) and len(core) > len(r) + 1), None)
    if suffix in _WORKS and road is not None:
        named = _core_english(core[: -len(road)], "n", dictionary, lex, suffix=road)
        if named is not None:  # 延安东路隧道: the tunnel under Yan'an East Road
            return f"{named[0]} {lex.place_suffixes[road]}", named[1]
    proper = proper or dictionary.proper_noun(core)
    if suffix in _LEVELS and proper is not None and proper.kind in (None, "person"):
        # 英德市: Yingde City, not "Anglo-German"; past the first reading for a person's (亚历山大市: Alexandria,
        # its gloss's town) and for a state abroad (圣保罗州 São Paulo, not "St Paul")
        proper = dictionary.proper_noun(core, "place", any_sense=proper.kind == "person" or (
            proper.foreign and suffix == "州")) or proper
        if proper.kind is None and proper.foreign and suffix in _SAYS_ITS_LEVEL:
            proper = None  # 黑山县 is Heishan County (Liaoning), not "Montenegro County"
    if proper is not None and dictionary.is_common_word(core) and flag != "ns" and suffix not in _LEVELS \
            and not (suffix in _WATERS and proper.kind == "place"):
        proper = None  # 小康村: 小康 is a county somewhere, but here the common word (互助县 is Huzhu; 白云山 Baiyun)
    if proper is not None and (proper.kind in ("place", None) or (suffix in _ROADS and proper.foreign)):
        english = strip_admin(proper.english)  # (a road named for a foreigner: 华盛顿大道 Washington Avenue)
        if suffix not in _ADMINISTRATIVE:
            # 京沪高速: Beijing-Shanghai Expressway; 青藏高原: Qinghai-Tibet Plateau, not "Qinghai and Tibet Plateau"
            english = PAIR.sub(r"\1-\2", english)
        if suffix == "州" and (proper.state or (proper.foreign and (proper.kind is None or len(core) >= 3))):
            return english, "dictionary"  # 怀俄明州 is Wyoming, 奇瓦瓦州 Chihuahua: a state there; English drops 州
        if (suffix in _ADMINISTRATIVE or suffix in _ROADS) and _names_a_feature(english) or (
                suffix in _ROADS and proper.foreign and chinese_name(core, proper, dictionary)):
            # 西海镇 Xihai Town, 黄山路 Huangshan Road: not "Yellow Sea Town"; a road's sign spells a Chinese
            # name in pinyin (中华东路 Zhonghua East Road, 西藏路 Xizang Road: not "China East Road")
            return pinyin_word(core), "pinyin"
        return english, "rule"
    if core[0] in DETERMINERS:
        return None
    if suffix in _ROADS and dictionary.is_common_word(core) and flag.startswith(("n", "t", "s")):
        # Roads are named by common words (人民路, 中正路, 长征路), and their signs spell the words in pinyin
        # (Renmin Road, not "People's Road"; Zhongzheng Road, not "Fair and Honest Road"); a ring road is
        # said in English (外环路 Outer Ring Road).
        if not any(word in core for word in ("环", "绕城")):
            return pinyin_word(core), "pinyin"
        term = words_english(core, dictionary)
        return (term, "rule") if term else None
    if suffix in lex.zone_suffixes:
        term = words_english(core, dictionary)
        return (term, "rule") if term else None
    if jieba_place and suffix in _NATURAL and len(core) >= 2 and core[0] not in DETERMINERS:
        return pinyin_word(core), "pinyin"
    if dictionary.is_common_word(core) or any(core.startswith(t) or core.endswith(t) for t in ("的", "了")):
        return None  # 贫困村, 重点县, 绿色园区: a common word and a suffix is no name
    if flag in ("i", "l"):
        return None  # 实打实 省了钱: an idiom ("solid") and a verb, no province
    if flag.startswith(("v", "d", "p", "c", "u", "r", "m", "q", "a")) and flag != "an" and not (
            suffix in _WORKS and len(core) == 2 and core not in dictionary and not flag.startswith(("m", "q"))):
        return None  # but 润扬大桥: jieba's verb 润扬 is a bridge's name the dictionary has no word for
    if suffix not in _ADMINISTRATIVE and suffix not in _TRANSPORT and not (
            suffix in (*_WATERS, "雪山") and core not in dictionary and 2 <= len(core) <= 4):
        return None  # a landmark needs a known name: 海和草原 is no place
    return pinyin_word(core), "pinyin"


# Suffixes only Chinese places take, whose names in Xinjiang or Tibet are written in transliteration
# characters too (托克扎克镇, Toksak Town), so jieba's transliterated-name tag says nothing there.
_CHINESE_ONLY = frozenset({"县", "镇", "乡", "村", "街道", "自治县", "自治州", "自治区", "自治旗", "旗", "盟"})


# The four municipalities directly under the central government: 北京市 is Beijing Municipality.
_MUNICIPALITIES = frozenset({"北京市", "上海市", "天津市", "重庆市"})


def _place(start: int, end: int, core_english: str, suffix: str, lex: Lexicon, source: NameSource,
           dictionary: Dictionary, surface: str, *, transliterated: bool = False) -> Candidate | None:
    suffix_english = "Municipality" if surface in _MUNICIPALITIES else lex.place_suffixes[suffix]
    whole = dictionary.proper_noun(surface)
    if whole is None and dictionary.is_common_word(surface):
        return None  # 自然保护区 is a nature reserve, not a place called Ziranbaohu
    inside = _water_inside(start, surface, suffix, lex, dictionary)
    if whole is not None and (whole.english.endswith(suffix_english) or (
            suffix == "州" and whole.foreign and whole.kind in ("place", None) and len(surface) > 3
            and _foreign_core(surface[:-1], dictionary))):  # 华盛顿州 Washington, a state (not 果洛州)
        return Candidate(start, end, "place", whole.english, "dictionary", inside)  # 西藏自治区, 长江
    if whole is not None and whole.kind == "place" and suffix in _LEVELS and suffix != "州" and " " in whole.english \
            and not whole.english.lower().endswith(_LEVEL_SOUNDS.get(suffix, "-")):
        # 新北市 "New Taipei City": the whole's gloss names it, not its core's (新北, a district of Changzhou)
        english = strip_admin(whole.english)
        return Candidate(start, end, "place", f"{english} {suffix_english}", "dictionary", inside)
    if suffix == "地区" and " and " in core_english:
        return Candidate(start, end, "place", core_english, source, inside)  # 港台地区: Hong Kong and Taiwan
    if suffix == "区" and core_english in WORLD_REGIONS:
        return Candidate(start, end, "place", f"{core_english} Region", source, inside)  # 亚太区: no District
    if core_english.endswith(suffix_english) or (source == "dictionary" and suffix == "州"):
        return Candidate(start, end, "place", core_english, source, inside)  # 澜沧 + 江 when the core says River
    core = surface[: -len(suffix)]
    if source == "pinyin" and (sounds_foreign(core) or transliterated or (
            (suffix == "州" or suffix in _ROADS) and len(core) >= 3 and all(ch in lex.foreign_characters for ch in core))):
        # 科林伍德区 (jieba's transliterated name), 格雷罗州 (a state abroad, no "Geleiluo Prefecture"): a
        # foreign place, left unrendered
        return Candidate(start, end, "place", None, "pinyin", inside)
    return Candidate(start, end, "place", f"{core_english} {suffix_english}", source, inside)


def _foreign_core(core: str, dictionary: Dictionary) -> bool:
    known = dictionary.proper_noun(core)
    return known is not None and known.foreign


def _water_inside(start: int, surface: str, suffix: str, lex: Lexicon,
                  dictionary: Dictionary) -> tuple[Candidate, ...]:
    """The lake, river or mountain a township or town is named after (扎陵湖乡: 扎陵湖; 倒淌河镇: 倒淌河)."""
    core = surface[: -len(suffix)]
    if suffix not in _ADMINISTRATIVE or len(core) < 3 or core[-1] not in _WATERS or not is_han(core):
        return ()
    known = dictionary.proper_noun(core)
    if known is not None and known.kind in ("place", None):
        english = known.english
    elif dictionary.is_common_word(core) or dictionary.is_common_word(core[:-1]):
        return ()
    else:
        english = f"{pinyin_word(core[:-1])} {lex.place_suffixes[core[-1]]}"
    return (Candidate(start, start + len(core), "place", english, "pinyin" if known is None else "dictionary"),)


_STATION = re.compile(r"(?:\d+个)?(?:收费站|站|出口|入口|互通|枢纽)")


def find_places_with_parts(text: str, places: Sequence[Candidate]) -> list[Candidate]:
    """Places the paper names after a city: its road or bridge where the road's own name is a common
    word (宁波 + 绕城高速公路: Ningbo Ring Expressway), and its stations by direction in a list of
    toll stations or exits (无锡北、无锡东收费站: Wuxi North, Wuxi East); the toll station an interchange
    or a bridge is named for (无锡互通收费站)."""
    found: list[Candidate] = []
    by_start = {c.start: c for c in places if c.kind == "place"}
    for place in places:
        if place.kind != "place" or not place.english:
            continue
        if text.startswith("收费站", place.end) and text[place.start:place.end].endswith(("互通", "枢纽", "大桥")):
            found.append(Candidate(place.start, place.end + 3, "place", f"{place.english} Toll Station", "rule",
                                   (place,)))  # 无锡互通收费站: Wuxi Interchange Toll Station
        if place.source not in ("dictionary", "table"):
            continue
        road = by_start.get(place.end)
        if road is not None and road.english and road.source != "dictionary" \
                and any(text.startswith(s, road.end - len(s)) for s in _WORKS):
            found.append(Candidate(place.start, road.end, "place", f"{strip_admin(place.english)} {road.english}",
                                   "rule", (place,)))
        direction = text[place.end:place.end + 1]
        after = text[place.end + 1:place.end + 2]
        listed = after in "、,，" and text[place.end + 2:place.end + 3] not in _DIRECTIONS  # not 中国东、西部
        if direction in _DIRECTIONS and direction != "中" and (
                listed or _STATION.match(text, place.end + 1) is not None):
            english = f"{strip_admin(place.english)} {_DIRECTIONS[direction]}"
            found.append(Candidate(place.start, place.end + 1, "place", english, "rule", (place,)))
    return found


# Below a county the paper writes the address as one run (西吉县红耀乡井湾村), which jieba cuts anywhere.
_BELOW_COUNTY = {"乡": "Township", "镇": "Town", "村": "Village"}
_ADDRESS_HEADS = ("县", "区", "市", "旗", "乡", "镇")


def find_address_chains(text: str, places: Sequence[Candidate], dictionary: Dictionary) -> list[Candidate]:
    """The townships and villages that follow a county or a town in one run of characters, each a core
    of two or three characters and 乡, 镇 or 村: read on the characters, not on jieba's words."""
    found: list[Candidate] = []
    heads = sorted({c.end for c in places if c.kind == "place" and text[c.end - 1:c.end] in _ADDRESS_HEADS})
    for end in heads:
        for _ in range(3):  # a county, a township, a village: the chain is short
            link = _address_link(text, end, dictionary)
            if link is None:
                break
            found.append(link)
            end = link.end
    return found


def _address_link(text: str, start: int, dictionary: Dictionary) -> Candidate | None:
    for size in (2, 3):
        core = text[start:start + size]
        suffix = text[start + size:start + size + 1]
        if suffix not in _BELOW_COUNTY or len(core) != size or not is_han(core):
            continue
        if not could_name(core) or any(ch in _BELOW_COUNTY or ch in "县区市" for ch in core):
            return None
        known = dictionary.proper_noun(core)
        if dictionary.is_common_word(core) and known is None:
            return None  # 脱贫村, 重点镇: a common word and a suffix is no name
        if dictionary.is_common_word(core[-1] + suffix):
            return None  # 农业农村厅: the suffix ends a word (农村 "countryside"), no village 农业农
        english = known.english if known is not None and known.kind in ("place", None) else pinyin_word(core)
        return Candidate(start, start + size + 1, "place", f"{english} {_BELOW_COUNTY[suffix]}", "pinyin")
    return None




