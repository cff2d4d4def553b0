"""The English of an organisation's name, from the words the suffix rule found before its suffix
(summarise.names.organisations): places in their English, a level as its adjective (市 Municipal, 省立
Provincial), a brand by its name, a trade name or a run of single characters in pinyin, common words
through the dictionary, a number as a body's number (第三中级人民法院 No. 3 Intermediate People's Court), and
the suffix's English once at the end."""

from __future__ import annotations

import re

from summarise.figures import parse_chinese_number
from summarise.names.candidates import Candidate, is_han
from summarise.names.countries import country_names
from summarise.names.dictionary import Dictionary
from summarise.names.foreign import sounds_foreign
from summarise.names.lexicon import Lexicon
from summarise.names.render import pinyin_word, title_words
from summarise.names.units import Unit, joined_words, strip_admin, words_english

FIRMS = {"公司", "有限公司", "股份有限公司", "有限责任公司", "集团", "科技", "实业"}
# Suffixes that name a trade, not a body: alone before another suffix they name no one (汽车公司).
TRADES = {"汽车", "科技", "实业", "电力", "水务", "工贸", "客车", "财经", "资讯"}
OPENING_BRACKETS = ("(", "（")
CLOSING_BRACKETS = (")", "）")
ORDINAL = re.compile(r"第[一二三四五六七八九十]{1,3}")  # 第一污水处理厂, 第三中级人民法院: a numbered body
BARE_ORDINAL = re.compile(r"[一二三四五六七八九十]")  # 温江五医院: the number said without its 第

# A province's government and its public bodies are "Provincial" in English (Henan Provincial People's
# Hospital); its courts, teams and firms are not (Shandong Higher People's Court).
_PROVINCIAL_BODIES = {"人民政府", "政府", "人民医院", "医院", "委员会", "委", "局", "厅", "办公室", "办"}
# A central regulator's bureau in a province is the regulator's, not the province's (湖南省证监局).
_CENTRAL_BRANCHES = {"证监", "银监", "保监", "银保监"}
_ORDINAL_WORDS = ("First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth")


# A body inside another is "X of the parent" in English (Development Research Center of the State Council,
# Monetary Policy Department of the People's Bank of China) where the inner body is one of these kinds.
_SUB_BODIES = {"研究中心", "中心", "研究所", "研究院", "部", "办", "办公室", "司", "局", "学院", "管委会", "管理委员会",
               "委员会"}
# ... and where the parent's English names a body by one of these words (not a brand: Alibaba Research Institute;
# not a legislature, whose committees English names after it: Senate Foreign Relations Committee).
_BODY_NOUNS = {"Council", "Court", "Committee", "Commission", "Government", "Academy", "University", "Administration",
               "Ministry", "Bureau", "Office", "Department", "Procuratorate", "Center", "Institute", "Agency",
               "Association", "Federation", "Bank"}


def names_a_body(unit: Unit, lex: Lexicon) -> bool:
    """A word that names a body by itself: jieba's organisation, the table's, or one with a body's suffix."""
    return unit.flag == "nt" or unit.text in lex.organisations or ends_like_a_body(unit.text, lex)


def ends_like_a_body(word: str, lex: Lexicon) -> bool:
    """The word ends in a body's suffix of two characters or more (研究所, 委员会; 局 alone ends 布局 too)."""
    return any(word[-size:] in lex.organisation_suffixes for size in range(2, len(word) + 1))


def _ordinal_english(word: str, suffix: str) -> str:
    """第三 before a school, court or plant is No. 3 (第十二: No. 12); before a committee, Third (联大第一委员会:
    the General Assembly's First Committee)."""
    number = int(parse_chinese_number(word.removeprefix("第")) or 0)  # ORDINAL matched: always a numeral
    if suffix.endswith("委员会") and number <= len(_ORDINAL_WORDS):
        return _ORDINAL_WORDS[number - 1]
    return f"No. {number}"


def _trade_name(modifiers: list[tuple[int, Unit]], places: dict[int, Candidate], lex: Lexicon,
                dictionary: Dictionary) -> int:
    """The index of a firm's trade name where it is a word in pinyin, not in translation: the first word
    after its place, of two characters, that is an abbreviation, an adjective or a verb to jieba or
    that the dictionary can only gloss as a phrase (光大 "magnificent": Guangda Group; 风行 "to become
    fashionable": Kunming Fengxing Waterproof Materials); not a trade (唱片, 电力) or a name. -1: none."""
    for index, unit in modifiers:
        if index in places or unit.text in lex.organisation_prefixes:
            continue
        if len(unit.text) != 2 or not is_han(unit.text) or unit.proper is not None or unit.text in lex.name_words \
                or unit.text in lex.organisation_suffixes:
            return -1  # (浙江 日报 报业集团: a paper's group, Zhejiang Daily, not "Ribao")
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


def organisation_english(modifiers: list[tuple[int, Unit]], head: str, suffix: str,
                          places: dict[int, Candidate], lex: Lexicon, dictionary: Dictionary) -> str | None:
    posted = [n for n, (_, unit) in enumerate(modifiers) if unit.text == "驻"]
    if posted and 0 < posted[0] < len(modifiers) - 1:
        cut = posted[0]
        sender = _organisation_words(modifiers[:cut], "", places, lex, dictionary)
        host = _organisation_words(modifiers[cut + 1:], head, places, lex, dictionary)
        return f"{lex.organisation_suffixes[suffix]} of {sender} in {_with_article(host)}"  # ... in the United Kingdom
    if any(sounds_foreign(unit.text) for index, unit in modifiers if index not in places and unit.proper is None) \
            or sounds_foreign(head) or any(sounds_foreign(run) for run in _single_runs(modifiers, places)):
        return None  # 皇家泰瑞尔博物馆, 鲁蒂斯集团: a foreign name in characters, left unrendered, not "Most Riel"
    if suffix == "委" and not head and modifiers and modifiers[-1][0] in places \
            and modifiers[-1][1].text[-1:] + "委" in lex.organisations:
        # 陕西省 委 of 陕西省委网信委: the province's Party committee (省委), not a "Provincial Commission"
        last = modifiers[-1][1]
        committee = (modifiers[-1][0] + 1, Unit("委", "n", last.end, last.end + 1, None))
        return _organisation_words([*modifiers, committee], "", places, lex, dictionary)
    if lex.organisation_suffixes[suffix].endswith("Party Committee") and (
            head.startswith("中共") or (modifiers and modifiers[0][1].text == "中共")):
        # 中共青海省委: the CPC Qinghai Provincial Committee (not "Communist Party of China Qinghai Provincial
        # Party Committee", nor "Zhonggongguangdong" where jieba keeps 中共广东 as one word)
        rest = organisation_english(modifiers[1:] if not head.startswith("中共") else modifiers, head.removeprefix("中共"),
                                    suffix, places, lex, dictionary)
        return f"CPC {rest.replace('Party Committee', 'Committee')}" if rest else None
    written = "".join(unit.text for _, unit in modifiers).removeprefix("中国") + head + suffix
    if modifiers and written in lex.organisations and (
            written.startswith("国家") or lex.organisations[written].startswith("Ministry of ")):
        # 中国 国家 能源 局: the table's National Energy Administration; 中国外交部 the Ministry of Foreign Affairs
        # (中国发改委 stays China Development and Reform Commission: the table's 发改委 is any level's)
        return title_words(lex.organisations[written])
    state = modifiers[0][1].proper if len(modifiers) == 1 and not head and modifiers[0][0] in places else None
    if suffix == "大学" and state is not None and state.state:
        return f"University of {state.english}"  # 马里兰大学: a US state's university, University of Maryland
    country = _country_ministry(modifiers, head, suffix, places, lex)
    if country is not None:
        return country
    inside = _inside_a_parent(modifiers, head, suffix, places, lex, dictionary)
    if inside is not None:
        return inside
    whole = lex.name_words.get(head + suffix) if head else None  # 计委: Planning Commission, not "Plan Commission"
    words = _organisation_words(modifiers, "" if whole else head, places, lex, dictionary, firm=suffix in FIRMS,
                                commercial=suffix in FIRMS or suffix in TRADES, suffix=suffix).split()
    if suffix == "公司" and _brand_only(modifiers, head, places, lex, dictionary):
        return " ".join(words)  # 耐克公司 is Nike, 耐克中国公司 Nike China: English adds no "Company" to a brand
    ending = whole or lex.organisation_suffixes[suffix]
    if not " ".join(words).endswith(ending):
        words.append(ending)  # 思科 "Cisco Systems Company" + 公司: Company once
    # Provincial once: the province's and the department's own (省教育厅 "Provincial Department of Education")
    return " ".join(w for w in words if w).replace("Provincial Provincial", "Provincial")


_MISSIONS = {"大使馆", "领事馆"}


def _with_article(country: str) -> str:
    """A country's English after "of" or "in": the United Kingdom, the United States; Russia, China."""
    return f"the {country}" if country.startswith("United ") else country


def _country_ministry(modifiers: list[tuple[int, Unit]], head: str, suffix: str, places: dict[int, Candidate],
                      lex: Lexicon) -> str | None:
    """A country's ministry the table knows by its Chinese word (俄罗斯 外交部: Ministry of Foreign Affairs of
    Russia, not "Russia Diplomatic Department") or its embassy (韩国 大使馆: Embassy of South Korea), else None."""
    if len(modifiers) != 1 or modifiers[0][0] not in places:
        return None
    country = country_names().get(modifiers[0][1].text)
    mission = lex.organisation_suffixes[suffix] if suffix in _MISSIONS and not head else None
    ministry = lex.organisations.get(head + suffix) if head else None
    body = mission or (ministry if ministry is not None and ministry.startswith("Ministry of ") else None)
    if body is None or country is None:
        return None
    return f"{body} of {_with_article(country)}"


def _inside_a_parent(modifiers: list[tuple[int, Unit]], head: str, suffix: str, places: dict[int, Candidate],
                     lex: Lexicon, dictionary: Dictionary) -> str | None:
    """The English "child of the parent" for a research body, office, department or committee named after
    the body it belongs to (国务院 发展 研究中心, 中国社会科学院 金融 研究所, 省政府 新闻 办), else None. The child's
    own words are two characters or more: 中办 国办 is two bodies, no 国 of 中办."""
    if suffix not in _SUB_BODIES:
        return None
    parents = [n for n, (index, unit) in enumerate(modifiers)
               if index not in places and unit.text not in TRADES and names_a_body(unit, lex)]  # 财经 names no body
    if parents:
        cut = parents[-1] + 1
        parent, child = modifiers[:cut], modifiers[cut:]
        if len("".join(unit.text for _, unit in child) + head) < 2:
            return None
        last = parent[-1][1]
        own = next((last.text[-size:] for size in range(len(last.text), 0, -1)
                    if last.text[-size:] in lex.organisation_suffixes), "")
        if _known_body(last.text, lex, dictionary) is not None or last.proper is not None or not own:
            parent_english = _organisation_words(parent, "", places, lex, dictionary)  # table's or dictionary's
        else:  # 西宁市 统计局: the parent's own suffix rule (Xining Statistics Bureau)
            parent_english = organisation_english(parent[:-1], last.text[:-len(own)], own, places, lex, dictionary) \
                or ""
    else:
        # 国务院发展 + 研究中心, 清华大学经济管理 + 学院: jieba keeps the parent inside the suffix's word
        body = next((head[:size] for size in range(len(head) - 2, 1, -1)
                     if _known_body(head[:size], lex, dictionary) is not None), "")
        if modifiers or not body:
            return None
        parent_english, child, head = _known_body(body, lex, dictionary) or "", [], head[len(body):]
    if not set(parent_english.split()) & _BODY_NOUNS:
        return None
    # 新闻 办公室: Information Office, as the word is named whole (国务院新闻办公室 State Council Information Office)
    child_english = lex.name_words.get("".join(unit.text for _, unit in child) + head + suffix) \
        or organisation_english(child, head, suffix, places, lex, dictionary)
    if child_english is None:
        return None
    university = "University" in parent_english.split() and not parent_english.startswith("University")
    return f"{child_english} of {'' if university else 'the '}{parent_english.strip()}"


def _brand_only(modifiers: list[tuple[int, Unit]], head: str, places: dict[int, Candidate], lex: Lexicon,
                dictionary: Dictionary) -> bool:
    """A firm named by a brand the dictionary or the table knows, with at most places beside it."""
    brands = [unit.text for index, unit in modifiers if index not in places] + ([head] if head else [])
    return bool(brands) and all(_brand_word(word, lex, dictionary) for word in brands)


def _brand_word(word: str, lex: Lexicon, dictionary: Dictionary) -> bool:
    return _known_body(word, lex, dictionary) is not None


def _known_body(word: str, lex: Lexicon, dictionary: Dictionary) -> str | None:
    """The English of a firm or body the table or the dictionary knows by `word` (耐克 Nike, 国务院 State
    Council, 清华大学 Tsinghua University), else None."""
    if word in lex.organisations:
        return title_words(lex.organisations[word])
    known = dictionary.proper_noun(word)
    # not 互联网 "Internet", glossed bare as 脸书 is
    return known.english if known is not None and known.kind == "organisation" else None


def _head_english(head: str, lex: Lexicon, dictionary: Dictionary) -> str:
    """The English of the words a body's suffix ends inside jieba's word (耐克 of 耐克公司, 统计 of 统计局)."""
    return _known_body(head, lex, dictionary) or words_english(head, dictionary) or pinyin_word(head)


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
            elif unit.text.endswith("省") and suffix in _PROVINCIAL_BODIES and head not in _CENTRAL_BRANCHES \
                    and not any(at in places for at, _ in modifiers if at > index):
                # 青海省人民政府: Qinghai Provincial People's Government (江苏省南京市儿童医院 is the city's;
                # 湖南省证监局 the securities regulator's bureau in Hunan)
                english += " Provincial"
            words.append((place.start, english))
        elif unit.text in lex.organisations:
            # 阿里巴巴 Alibaba, not the dictionary's "Ali Baba"; 央行 "central bank" capitalised inside a name
            words.append((unit.start, title_words(lex.organisations[unit.text])))
        elif unit.proper is not None and (commercial or unit.text not in lex.name_words):
            words.append((unit.start, unit.proper.english))  # (a carmaker's 现代 is Hyundai; a museum's, Modern)
        elif len(unit.text) >= 2 and unit.text in lex.organisation_suffixes and unit.text not in TRADES:
            words.append((unit.start, lex.organisation_suffixes[unit.text]))  # 日报 Daily, not "Daily Newspaper"
        elif unit.text in OPENING_BRACKETS or unit.text in CLOSING_BRACKETS:
            words.append((unit.start, "(" if unit.text in OPENING_BRACKETS else ")"))
        elif ORDINAL.fullmatch(unit.text) or BARE_ORDINAL.fullmatch(unit.text):
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
