"""Places the names stage reads from their context (summarise/names/contexts.py) and from pairs of
country characters: each rule on a sentence of the kind real pages print, and the near misses it must
leave alone."""

from __future__ import annotations

import pytest

from summarise.names import extract_names
from summarise.types import Name


def _places(text: str) -> dict[str, Name]:
    return {name.text: name for name in extract_names(text) if name.kind == "place"}


@pytest.mark.parametrize(("text", "surface", "english"), [
    ("由香港公司建造的广东沙角B电厂,是首批范例之一。", "沙角", "Shajiao"),  # after its province
    ("日处理量170万吨的上海竹园第一污水处理厂。", "竹园", "Zhuyuan"),  # not Hong Kong's Chuk Yuen
    ("原国家计委操作了广西来宾B电厂的项目。", "来宾", "Laibin"),  # a city, though also "guest"
    ("在包括日照电厂在内的项目签订之后。", "日照", "Rizhao"),  # a city, though also "sunshine"
    ("三座黄浦江桥、大场水厂等。", "大场", "Dachang"),  # at the start of a list's item
])
def test_a_site_before_its_works_is_a_place(text: str, surface: str, english: str) -> None:
    place = _places(text)[surface]
    assert place.english == english
    assert text[place.start:place.end] == surface  # type: ignore[misc]


@pytest.mark.parametrize("text", ["计划扩建电厂两座。", "该电厂今年投产。", "大型水厂正在建设。"])
def test_a_common_word_or_determiner_before_works_is_no_place(text: str) -> None:
    assert _places(text) == {}


@pytest.mark.parametrize(("text", "surface", "english"), [
    ("义乌、柯桥等城镇迅速扩展。", "柯桥", "Keqiao"),
    ("匝道,璜塘、江阴南、江阴、江阴北4个收费站封闭。", "璜塘", "Huangtang"),
    ("车辆可通过利港、江阴以及张家港汽渡过江。", "利港", "Ligang"),
])
def test_the_unknown_items_of_a_list_that_names_a_place_are_places(text: str, surface: str, english: str) -> None:
    assert _places(text)[surface].english == english


@pytest.mark.parametrize("text", [
    "坚持以改革谋出路、破难题、促发展。",  # verbs and their objects; 谋出路 is no anchor either
    "钢铁、煤炭、北京等行业和地区。",  # common words beside a place
    "记者王建宏、张文攀报道,北京、上海",  # persons keep their kind
])
def test_list_items_that_are_words_or_other_names_are_no_places(text: str) -> None:
    places = _places(text)
    assert not {"破难题", "促发展", "钢铁", "煤炭", "王建宏", "张文攀"} & set(places)


def test_a_village_named_again_without_its_suffix_is_the_same_place() -> None:
    text = "大涧村地处禹州市西北。村里的大涧学校在全市排名靠前。"
    found = [n for n in extract_names(text) if n.text == "大涧"]
    assert [(n.kind, n.english, n.start) for n in found] == [("place", "Dajian", text.index("大涧学校"))]


@pytest.mark.parametrize(("text", "surface"), [
    ("他们就读的林肯学校位于莫宁赛德山上。", "莫宁赛德山"),
    ("他们商量如何处置波肯提克山庄家族产业。", "波肯提克山庄"),
])
def test_a_foreign_name_before_a_place_suffix_is_a_place_left_unrendered(text: str, surface: str) -> None:
    place = _places(text)[surface]
    assert place.english is None  # a transliteration is never guessed back


def test_a_building_named_by_a_word_after_its_city_is_a_place() -> None:
    places = _places("代表处于2003年春从北京京城大厦撤离。他走进北京的大楼。")
    assert places["京城大厦"].english == "Jingcheng Building"
    assert set(places) == {"北京", "京城大厦"}  # 的 is no building's name


def test_a_numbered_street_is_an_ordinal_street_and_a_house_number_is_none() -> None:
    assert _places("他在纽约53号大街上开了一家店。")["53号大街"].english == "53rd Street"
    assert _places("前往3号大道。")["3号大道"].english == "3rd Avenue"
    assert "53号" not in "".join(_places("住在中山路53号。"))


@pytest.mark.parametrize(("text", "surface", "english"), [
    ("根据中俄领导人联合声明里的思路。", "中俄", "China and Russia"),  # jieba: 中 / 俄 / 领导人
    ("英法海底隧道就是个财务失败的例子。", "英法", "Britain and France"),  # the dictionary's "Anglo-French"
    ("中美关系持续发展。", "中美", "China and the United States"),  # the dictionary's "China-USA"
])
def test_a_pair_of_country_characters_names_both_countries(text: str, surface: str, english: str) -> None:
    assert _places(text)[surface].english == english


@pytest.mark.parametrize("text", ["他的美德令人敬佩。", "在会谈中俄方表示同意。", "高中美术课。"])
def test_two_country_characters_that_are_a_word_or_split_are_no_pair(text: str) -> None:
    assert not {"美德", "中俄", "中美"} & set(_places(text))


def test_a_county_level_city_glossed_first_as_a_pair_takes_its_place_sense() -> None:
    assert _places("广东英德市")["英德市"].english == "Yingde City"  # not "Anglo-German City"


def test_works_named_after_a_place_list_the_place_and_their_toll_station() -> None:
    places = _places("2003年在慈溪奠基的杭州湾跨海大桥。大家关心的无锡互通收费站并没有关闭。")
    assert places["杭州湾跨海大桥"].english == "Hangzhou Bay Sea-crossing Bridge"
    assert places["杭州湾"].english == "Hangzhou Bay"
    assert places["无锡互通收费站"].english == "Wuxi Interchange Toll Station"


def test_a_count_of_works_is_no_name() -> None:
    assert not any("大桥" in name.text for name in extract_names("让马尔代夫有了首座跨海大桥。这条隧道很长。"))


def test_a_place_that_is_also_a_word_opens_a_body_where_jieba_reads_a_place() -> None:
    found = {n.text: n for n in extract_names("青山发电有限公司与光明日报记者")}
    assert found["青山"].kind == "place"
    assert "光明" not in found


def test_a_snow_mountain_whose_name_jieba_cuts_and_an_old_street_named_by_a_word_are_places() -> None:
    places = _places("严冬的阿尼玛卿雪山。在大通县城关古街,石建平边走边看。")
    assert places["阿尼玛卿雪山"].english == "Animaqing Snow Mountain"  # jieba: 阿尼玛 / 卿 / 雪山
    assert places["城关古街"].english == "Chengguan Ancient Street"
    assert not [p for p in _places("山上积雪,远处是雪山。") if p.endswith("雪山")]  # no name before it


def test_a_word_ending_in_a_common_word_with_road_is_no_road() -> None:
    assert "谋出路" not in _places("坚持以改革谋出路、破难题。")  # 出路 "a way out"
    assert _places("走上中山路")["中山路"].english == "Zhongshan Road"


def test_a_locative_is_no_place_though_the_dictionary_lists_a_township_by_it() -> None:
    assert _places("他们住在山上,子女在海外。") == {}  # 山上 is also a township in Tainan
