"""Persons the names stage finds by a verb after them or a kinship word before them, foreign persons from
the lexicon's table and the dictionary's cross-references, and countries by CLDR's names (issue 21)."""

from __future__ import annotations

import pytest

from summarise.names import extract_names
from summarise.names.countries import country_names
from summarise.types import Name


def _found(text: str) -> dict[str, Name]:
    return {name.text: name for name in extract_names(text)}


@pytest.mark.parametrize(("text", "surface", "english"), [
    ("收益增加了上千元。”晏守强说。", "晏守强", "Yan Shouqiang"),  # 强 could begin 强调, but 说 follows
    ("研究部的郭励弘却撰文指出,问题在于垄断。", "郭励弘", "Guo Lihong"),  # an adverb before the verb
])
def test_a_name_before_a_verb_of_speech_is_a_person(text: str, surface: str, english: str) -> None:
    name = _found(text)[surface]
    assert (name.kind, name.english) == ("person", english)


@pytest.mark.parametrize(("text", "surface"), [
    ("省委书记陈刚强调要坚持生态优先。", "陈刚"),  # not 陈刚强
    ("澎湃新闻记者张凡也表示关注。", "张凡"),  # not 张凡也
])
def test_a_verb_or_an_adverb_is_never_the_end_of_a_given_name(text: str, surface: str) -> None:
    persons = [n.text for n in extract_names(text) if n.kind == "person"]
    assert persons == [surface]


def test_a_surname_that_is_mostly_a_word_names_a_person_only_opening_a_clause_before_speech() -> None:
    assert _found("对于未来,于欢说,目前他想先找工作。")["于欢"].english == "Yu Huan"
    for text in ("对于欢乐的人来说", "会议开始,和他说了几句", "他说,于是说服了大家", "外界质疑,但总说不清"):
        assert not [n for n in extract_names(text) if n.kind == "person"], text


@pytest.mark.parametrize(("text", "surface"), [
    ("劳伦斯五兄弟和姐姐埃比无疑生长在最富裕的家庭。", "埃比"),  # after a kinship word, before a word
    ("劳拉(大家都叫她赛提)的身体每况愈下。", "赛提"),  # after what introduces a nickname
])
def test_two_transliteration_characters_after_a_kinship_or_nickname_word_are_a_person(text: str, surface: str) -> None:
    name = _found(text)[surface]
    assert (name.kind, name.english) == ("person", None)  # found, and still never guessed


@pytest.mark.parametrize("text", [
    "画面应该是牧民登高远眺,拉着平板车。",  # jieba's verb
    "总统马里表示关注。",  # a country
    "校长帕提姑丽·亚森介绍",  # the start of a longer name
])
def test_two_transliteration_characters_that_are_a_verb_a_country_or_part_of_a_name_are_no_person(text: str) -> None:
    assert not {"登高", "马里", "帕提"} & {n.text for n in extract_names(text) if n.kind == "person"}


def test_a_generation_before_a_given_name_alone_is_that_person() -> None:
    assert _found("小小约翰一生致力于慈善事业。")["小小约翰"].english == "John III"
    assert _found("开创者老洛克菲勒的习惯")["老洛克菲勒"].english == "the elder Rockefeller"


def test_a_given_name_run_into_a_surname_is_one_foreign_person_and_two_leaders_are_two() -> None:
    assert _found("劳伦斯也有约翰洛克菲勒经常在照片里的表情。")["约翰洛克菲勒"].english == "John Rockefeller"
    found = _found("拜登普京会谈。")  # 普京 is glossed as a man in full, not as a surname
    assert "拜登普京" not in found
    assert (found["拜登"].english, found["普京"].english) == ("Biden", "Putin")


@pytest.mark.parametrize(("text", "surface", "english"), [
    ("乌克兰总统泽连斯基表示,谈判仍在继续。", "泽连斯基", "Zelensky"),
    ("德国总理朔尔兹与荷兰首相吕特会谈。", "朔尔兹", "Scholz"),  # a variant other papers print
    ("德国总理朔尔兹与荷兰首相吕特会谈。", "吕特", "Rutte"),  # not the pinyin "Lv Te"
    ("韩国总统李在明访华。", "李在明", "Lee Jae-myung"),  # not "Li Zaiming"
    ("日本首相石破茂表示。", "石破茂", "Shigeru Ishiba"),
    ("弗拉基米尔·泽连斯基发表讲话。", "弗拉基米尔·泽连斯基", "Vladimir Zelensky"),  # the table, part by part
    ("英国首相丘吉尔说。", "丘吉尔", "Churchill"),  # CC-CEDICT: "variant of 邱吉尔", followed
])
def test_a_foreign_person_from_the_table_or_a_cross_reference_is_rendered(text: str, surface: str, english: str) -> None:
    name = _found(text)[surface]
    assert (name.kind, name.english) == ("person", english)


def test_a_table_name_is_found_only_as_whole_words() -> None:
    assert not [n for n in extract_names("他养了一只拉布拉多犬和一只万斯达牌玩具。") if n.english in ("Vance",)]


def test_a_foreign_name_outside_the_table_and_dictionary_stays_unrendered() -> None:
    assert _found("马里总统凯塔表示。")["凯塔"].english is None


@pytest.mark.parametrize(("text", "surface", "english"), [
    ("乌克兰总统泽连斯基表示。", "乌克兰", "Ukraine"),  # jieba tags 乌克兰 a person
    ("荷兰首相吕特说。", "荷兰", "Netherlands"),  # CC-CEDICT says Holland
    ("马里总统凯塔表示。", "马里", "Mali"),
    ("他前往斯里兰卡。", "斯里兰卡", "Sri Lanka"),
    ("让马尔代夫有了跨海大桥。", "马尔代夫", "Maldives"),
])
def test_a_country_is_a_place_with_cldr_english(text: str, surface: str, english: str) -> None:
    name = _found(text)[surface]
    assert (name.kind, name.english) == ("place", english)


def test_a_chinese_county_named_like_a_country_is_read_in_pinyin() -> None:
    assert _found("辽宁省黑山县")["黑山县"].english == "Heishan County"  # not "Montenegro County"
    assert "黑山" not in country_names()
    assert country_names()["波斯尼亚和黑塞哥维那"] == "Bosnia and Herzegovina"
