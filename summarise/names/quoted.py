"""Names a page marks for the reader: papers and magazines in 《》 where the words around say they report
(据《红周刊》记者), the source a web page credits (来源:新闻晨报), estates named in quotes beside what they
are (新建小区“蜀都花园”), and bodies whose whole name stands in quotes (“五眼联盟”)."""

from __future__ import annotations

import re

from summarise.names.candidates import Candidate
from summarise.names.dictionary import Dictionary
from summarise.names.lexicon import lexicon
from summarise.names.units import words_english

_PUBLICATION = re.compile(r"(?<=《)([^《》\s,，。、:：]{2,14})(?=》(?:记者|报道|杂志|报|称|说|指出|援引|引用|发表|刊登|消息|"
                          r"社论|评论|网站|周刊|的报道|的一篇|发文|撰文|文章))|(?<=据《)([^《》\s,，。、]{2,14})(?=》)")


# A web page's credit line: 来源:新闻晨报, 来源：澎湃新闻 (a paper, a site, an agency, a channel).
_SOURCE_CREDIT = re.compile(r"(?<=来源[:：])[ \u3000]*([\u4e00-\u9fff]{1,10}(?:报|网|社|台|新闻|周刊|杂志|频道|客户端))"
                            r"(?=[\s|︱/)）,，]|$)")


# ... or a credit alone on its line (来源:无锡交警; 来源:国家统计局等 credits 国家统计局), unless it is a word
# (来源:网络) or a known name.
_SOURCE_LINE = re.compile(r"(?<=来源[:：])[ \u3000]*([\u4e00-\u9fff]{2,8}?)等?(?=[ \u3000]*(?:\n|$))")


# What a paper cites in 《》 that is a document, not a paper (《决定》指出, 《政府工作报告》提出).
_DOCUMENTS = ("决定", "意见", "通知", "规定", "办法", "条例", "报告", "纲要", "规划", "方案", "公报", "决议", "指南",
              "白皮书", "声明", "法", "准则", "细则", "目录", "清单", "计划")


def find_publications(text: str, dictionary: Dictionary) -> list[Candidate]:
    """Papers and magazines named in 《》 where the words around say they report (据《红周刊》记者), and the
    source a web page credits (来源:新闻晨报)."""
    spans = [(m.start(), m.end()) for m in _PUBLICATION.finditer(text)]
    spans += [(m.start(1), m.end(1)) for m in _SOURCE_CREDIT.finditer(text)]
    credited = set(spans)
    spans = [(start, end) for start, end in spans if not text[start:end].endswith(_DOCUMENTS)
             or text.startswith(("》杂志", "》期刊", "》周刊"), end)]  # 《决定》指出; but 《科学报告》杂志 is a journal
    spans += [(m.start(1), m.end(1)) for m in _SOURCE_LINE.finditer(text)
              if (m.start(1), m.end(1)) not in credited and not dictionary.is_common_word(m.group(1))
              and dictionary.proper_noun(m.group(1)) is None]
    found = []
    for start, end in spans:
        surface = text[start:end]
        proper = dictionary.proper_noun(surface)
        english = proper.english if proper is not None else words_english(surface, dictionary)
        found.append(Candidate(start, end, "organisation", english, "dictionary" if proper is not None else "rule"))
    return found


# An estate or a development the paper names in quotes beside what it is (新建小区“蜀都花园”, 项目的名称为“龙湖水晶郦城”);
# not before 项目 alone, which also follows campaigns (“厕所革命”项目).
_QUOTED_ESTATE = re.compile(r"(?:(?<=小区)|(?<=楼盘)|(?<=项目的名称为)|(?<=项目名称为))[^“”\s,，。]{0,4}?“([\u4e00-\u9fff]{2,8})”"
                            r"|“([\u4e00-\u9fff]{2,8})”(?=小区|楼盘)")


def find_quoted_estates(text: str, dictionary: Dictionary) -> list[Candidate]:
    """Housing estates and property developments named in quotes (新建小区“蜀都花园”): places, in pinyin
    where the dictionary has no English for a part."""
    found = []
    for match in _QUOTED_ESTATE.finditer(text):
        group = 1 if match.group(1) else 2
        surface = match.group(group)
        if dictionary.is_common_word(surface):
            continue
        english = words_english(surface, dictionary)
        found.append(Candidate(match.start(group), match.end(group), "place", english, "pinyin"))
    return found


# A body named whole in quotes (组成了一个“跨国议会对华政策联盟”, 从“四国同盟”到“八国联盟”): the quotes say
# where the name begins, so a name of words no rule would trust (议会, 五眼) still counts; not a slogan
# (“以人民为中心”: a particle or a preposition is in it).
_QUOTED = re.compile(r"“([\u4e00-\u9fff]{3,14})”")
# The body words a quoted concept does not end in (“全球创新中心”, “国际消费中心城市” are aims, not bodies).
_QUOTED_SUFFIXES = ("联盟", "同盟", "协会", "学会", "委员会", "基金会", "研究院", "研究所", "研究会", "俱乐部", "联合会",
                    "商会", "公司", "集团")
_NOT_IN_A_QUOTED_NAME = frozenset("的是了把被为以或但而之其就和与及在")


def find_quoted_bodies(text: str, dictionary: Dictionary) -> list[Candidate]:
    """Organisations named whole in quotes, ending in a body's suffix of two characters or more."""
    suffixes = lexicon().organisation_suffixes
    found = []
    for match in _QUOTED.finditer(text):
        surface = match.group(1)
        suffix = next((surface[-n:] for n in range(min(5, len(surface) - 2), 1, -1)
                       if surface[-n:] in suffixes and surface[-n:] in _QUOTED_SUFFIXES), "")
        core = surface[: -len(suffix)] if suffix else ""
        if not suffix or any(ch in _NOT_IN_A_QUOTED_NAME for ch in surface) or dictionary.is_common_word(surface) \
                or (dictionary.is_common_word(core) and dictionary.proper_noun(core) is None):
            continue  # “影子银行” "shadow banking", “僵尸企业”: a plain word and a body's word make a concept
        proper = dictionary.proper_noun(surface)
        if proper is not None:
            english: str | None = proper.english
        else:
            words = words_english(core, dictionary)
            english = f"{words} {suffixes[suffix]}" if words else None
        found.append(Candidate(match.start(1), match.end(1), "organisation", english,
                               "dictionary" if proper is not None else "rule"))
    return found
