"""The names stage (issue 21): persons, places and organisations found in the Chinese, with spans, kinds,
standard English forms and where each form came from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarise.articles import split_articles
from summarise.cli import main
from summarise.evaluation.names import GoldDocument, GoldName, NamesEvaluation, format_names, score_document
from summarise.names import extract_names
from summarise.names.hints import name_hints
from summarise.reading.readers import load_pages
from summarise.types import Brief, Name

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "corpus" / "qinghai-page-2024-12-24.txt"


def _found(text: str) -> dict[str, Name]:
    return {name.text: name for name in extract_names(text)}


def _one(text: str, surface: str) -> Name:
    found = _found(text)
    assert surface in found, (surface, sorted(found))
    return found[surface]


# -- persons -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "surface", "english"), [
    ("省委书记、省人大常委会主任陈刚赴果洛藏族自治州调研。", "陈刚", "Chen Gang"),
    ("省委常委、市委书记王卫东赴湟中区调研。", "王卫东", "Wang Weidong"),
    ("市委副书记、市长石建平调研东西部协作项目。", "石建平", "Shi Jianping"),
    ("本报讯(记者 张国静)招商引资省外到位资金22.7亿元。", "张国静", "Zhang Guojing"),
])
def test_a_mainland_person_is_pinyin_surname_first_given_name_one_word(text: str, surface: str, english: str) -> None:
    name = _one(text, surface)
    assert (name.kind, name.english, name.source) == ("person", english, "pinyin")
    assert text[name.start:name.end] == surface  # type: ignore[misc]


@pytest.mark.parametrize(("text", "surface", "english"), [
    ("研究员欧阳明高表示,电池技术仍在进步。", "欧阳明高", "Ouyang Minggao"),
    ("教授司马南指出,问题在于执行。", "司马南", "Sima Nan"),
    ("主任诸葛亮强调要加强管理。", "诸葛亮", "Zhuge Liang"),
])
def test_a_compound_surname_stays_together(text: str, surface: str, english: str) -> None:
    assert _one(text, surface).english == english


@pytest.mark.parametrize(("text", "surface", "english"), [
    ("局长单雄表示,将继续推进。", "单雄", "Shan Xiong"),
    ("记者曾志伟报道", "曾志伟", "Zeng Zhiwei"),
    ("县长解振华强调要抓好落实。", "解振华", "Xie Zhenhua"),
])
def test_a_polyphonic_surname_is_read_as_a_surname(text: str, surface: str, english: str) -> None:
    assert _one(text, surface).english == english


@pytest.mark.parametrize(("text", "surface", "english"), [
    ("犯罪嫌疑人王某焘设立网贷平台。", "王某焘", "Wang Moutao"),  # pypinyin reads the word's dào
    ("总经理王晟表示,将扩大产能。", "王晟", "Wang Sheng"),  # ... and chéng
])
def test_a_given_name_character_takes_the_reading_names_use(text: str, surface: str, english: str) -> None:
    assert _one(text, surface).english == english


def test_a_person_introduced_once_is_found_everywhere_and_context_words_are_no_names() -> None:
    text = "省委书记陈刚强调要坚持生态优先。陈刚在座谈会上说,和美国的合作有相关工作要做。"
    people = [n for n in extract_names(text) if n.kind == "person"]
    assert [n.text for n in people] == ["陈刚", "陈刚"]
    assert {n.start for n in people} == {4, 16}


@pytest.mark.parametrize(("text", "surface", "english"), [
    ("研究所所长郑庆生在接受记者采访时说", "郑庆生", "Zheng Qingsheng"),  # 庆生 is also a word
    ("前政务司司长唐英年。", "唐英年", "Tang Yingnian"),  # 年 rarely ends a given name; jieba reads one name
    ("直选议员黄毓民、陈伟业和社会民主连线", "陈伟业", "Chen Weiye"),  # a list of names vouches for 伟业
])
def test_a_title_or_a_list_vouches_for_a_given_name_that_is_also_a_word(text: str, surface: str,
                                                                        english: str) -> None:
    assert _one(text, surface).english == english


def test_a_title_alone_does_not_make_a_verb_a_given_name() -> None:
    found = _found("所长王表示,书记李强调。")
    assert not any(name.kind == "person" for name in found.values()), sorted(found)


def test_bylines_lists_and_aliases() -> None:
    found = _found("本报记者罗科苏盈发自北京。省领导刘奇凡、班果、朱向峰、何立春参加活动。学生小刚(化名)说。")
    for surface in ("罗科", "苏盈", "刘奇凡", "班果", "朱向峰", "何立春", "小刚"):
        assert found[surface].kind == "person", surface
    assert "罗科苏" not in found


# -- places --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("surface", "english"), [("西宁", "Xining"), ("果洛", "Golog"), ("海东", "Haidong"),
                                                   ("湟中", "Huangzhong"), ("澜沧江", "Lancang River"),
                                                   ("青海湖", "Qinghai Lake")])
def test_a_place_the_dictionary_knows(surface: str, english: str) -> None:
    name = _one(f"今年，{surface}的生态环境持续向好。", surface)
    assert (name.kind, name.english, name.source) == ("place", english, "dictionary")


@pytest.mark.parametrize(("text", "surface", "english", "source"), [
    ("互助县依托东西部协作机制", "互助县", "Huzhu County", "rule"),
    ("乐都区今年新建高标准农田", "乐都区", "Ledu District", "rule"),
    ("海北州累计接待游客", "海北州", "Haibei Prefecture", "rule"),
    ("祁连县、门源县的油菜花海", "门源县", "Menyuan County", "rule"),
    ("玉树州的牧民", "玉树州", "Yushu Prefecture", "rule"),
    ("陈刚赴果洛藏族自治州调研", "果洛藏族自治州", "Golog Tibetan Autonomous Prefecture", "rule"),
    ("推动玛多县扎陵湖乡擦泽村违规新增建筑物整治", "擦泽村", "Caze Village", "pinyin"),
    ("西宁市新增公共充电桩", "西宁市", "Xining City", "rule"),
    ("青海省空气质量", "青海省", "Qinghai Province", "rule"),
])
def test_a_suffix_rule_names_the_place(text: str, surface: str, english: str, source: str) -> None:
    name = _one(text, surface)
    assert (name.kind, name.english, name.source) == ("place", english, source)


def test_an_address_run_below_a_county_is_read_on_its_characters() -> None:
    # jieba cuts 红耀乡井湾村 as 红 耀 乡井 湾 村; the township and the village are still found.
    found = _found("西吉县红耀乡井湾村的村民记忆深刻,互助县各乡镇和全县城乡居民都有变化。")
    assert found["红耀乡"].english == "Hongyao Township" and found["井湾村"].english == "Jingwan Village"
    assert not any(text.endswith(("乡镇", "城乡")) for text in found), sorted(found)


def test_a_lake_or_river_a_township_is_named_after_is_listed_too() -> None:
    found = _found("推动玛多县扎陵湖乡擦泽村和共和县倒淌河镇整改。")
    assert found["扎陵湖乡"].kind == "place" and found["扎陵湖"].kind == "place"
    assert found["倒淌河"].english == "Daotang River"
    assert found["共和县"].english == "Gonghe County"  # the dictionary's gloss "Gonghe county" keeps its level


@pytest.mark.parametrize(("text", "surface", "english"), [
    ("京沪高速无锡至江阴段封闭", "京沪高速", "Beijing-Shanghai Expressway"),
    ("车辆可走滨江东路通行", "滨江东路", "Binjiang East Road"),  # pinyin, as its signs spell it
    ("他被送到了冠县高速路口", "冠县", "Guan County"),  # a one-character county the dictionary knows
    # A road named for a place in China is spelt in pinyin, as its signs spell it, one named for a place or
    # a person abroad is in English, and one named in transliteration the dictionary lacks is unrendered.
    ("位于康定路的", "康定路", "Kangding Road"),  # the dictionary's "Dartsendo, Dardo or Kangding county"
    ("位于中华东路的", "中华东路", "Zhonghua East Road"),
    ("在牛津街购物", "牛津街", "Oxford Street"),
    ("位于华盛顿大道的", "华盛顿大道", "Washington Avenue"),
    ("位于林肯路的", "林肯路", "Lincoln Road"),  # no person 林肯路 unrendered
    ("位于卡莱尔路的", "卡莱尔路", None),
])
def test_roads_expressways_and_one_character_counties(text: str, surface: str, english: str | None) -> None:
    found = _found(text)
    assert found[surface].english == english, sorted(found)
    assert "冠县高速" not in found


def test_bridges_mountains_regions_and_a_citys_roads_and_stations() -> None:
    assert _one("相关车辆可从润扬大桥、泰州大桥过江", "润扬大桥").english == "Runyang Bridge"  # jieba: a verb
    assert _one("其位于太平山山顶的住宅", "太平山").english == "Taiping Mountain"  # jieba's place, 太平 a word
    assert _one("英国安格利安水务、中国香港国泰国际等", "中国香港").english == "Hong Kong, China"
    assert _one("在宁波绕城高速公路36亿元总投资中", "宁波绕城高速公路").english == "Ningbo Ring Expressway"
    found = _found("可以走无锡互通、无锡北、无锡东收费站通过。璜塘、江阴南、江阴北4个收费站关闭。")
    assert (found["无锡北"].english, found["无锡东"].english) == ("Wuxi North", "Wuxi East")
    assert {"江阴南", "江阴北"} <= set(found)
    assert "中国东" not in _found("中国东、西部差距")  # two directions: parts of the country, no station


def test_one_character_places_after_a_verb_of_going_and_quoted_estates() -> None:
    assert _one("集团成功赴港上市", "港").english == "Hong Kong"
    assert _one("现代在华的另一合作伙伴", "华").english == "China"
    assert _one("会议在京召开", "京").english == "Beijing"
    assert not _found("他在台上讲话")  # 台上 is "on the stage"
    assert _one("与成都的新建小区“蜀都花园”合作", "蜀都花园").kind == "place"
    assert _one("涉事项目的名称为长沙“龙湖水晶郦城”,合同约定", "龙湖水晶郦城").kind == "place"
    assert not _found("推进“厕所革命”项目")  # a campaign in quotes is no estate


def test_common_words_with_a_suffix_are_no_places() -> None:
    found = _found("全县贫困村数量减少,该县自然保护区面积扩大,新建高标准农田。")
    assert not [n for n in found.values() if n.kind == "place"], found


def test_a_place_inside_an_organisation_is_listed_too() -> None:
    found = _found("今年,西宁经济技术开发区生物科技产业园区管委会积极开展精准招商。记者从西宁市统计局获悉。")
    assert found["西宁经济技术开发区生物科技产业园区管委会"].kind == "organisation"
    # The places inside give their English once each, not once per word they are made of.
    assert found["西宁经济技术开发区生物科技产业园区管委会"].english == (
        "Xining Economic and Technological Development Zone Biotechnology Industrial Park Administrative Committee")
    # 统计 is not "count" here; the table's 市统计局 gives the official form (gold's first choice)
    assert found["西宁市统计局"].english == "Xining Municipal Bureau of Statistics"
    assert found["西宁经济技术开发区"].english == "Xining Economic and Technological Development Zone"
    assert found["西宁"].english == "Xining"


# -- organisations and the table -----------------------------------------------------------------


@pytest.mark.parametrize(("surface", "english"), [("国务院", "State Council"), ("新华社", "Xinhua News Agency"),
                                                   ("省委", "provincial Party committee"),
                                                   ("文化部", "Ministry of Culture"),
                                                   ("建设银行", "China Construction Bank"),
                                                   ("澎湃新闻", "The Paper"), ("腾讯", "Tencent"),
                                                   ("联发科", "MediaTek")])
def test_well_known_bodies_come_from_the_table(surface: str, english: str) -> None:
    name = _one(f"{surface}日前发布通知。", surface)
    assert (name.kind, name.english, name.source) == ("organisation", english, "table")


@pytest.mark.parametrize(("text", "surface"), [("记者从西宁市统计局获悉", "西宁市统计局"),
                                               ("市住建局组织专业人员排查", "市住建局"),
                                               ("固原市委副书记表示", "固原市委"),
                                               ("北京同仁医院检查", "北京同仁医院")])
def test_an_organisation_by_its_suffix(text: str, surface: str) -> None:
    assert _one(text, surface).kind == "organisation"


def test_a_brand_that_is_also_a_common_word_is_not_in_the_table() -> None:
    assert not _found("他每天吃一个苹果,喝小米粥。")


def test_two_lone_characters_before_a_company_suffix_are_its_name() -> None:
    # jieba cuts an unknown firm's name into single characters (信 川 科技); read for their sound.
    assert _one("旗下信川科技的产品", "信川科技").english == "Xinchuan Technology"
    assert _one("魔蝎科技等公司", "魔蝎科技").kind == "organisation"
    assert not [n for n in _found("推进东西部协作,这是重点科技。").values() if n.kind == "organisation"]


def test_the_place_a_one_word_body_opens_with_is_listed() -> None:
    found = _found("10月25日到北京同仁医院检查")
    assert found["北京同仁医院"].kind == "organisation" and found["北京"].english == "Beijing"
    assert _found("英国剑桥大学的李博灏")["剑桥"].english == "Cambridge"  # a bare foreign name, no kind
    found = _found("企业债券由中国人民银行审批。互联网新闻研究中心发布。")
    assert "中国人" not in found and "互联网" not in found


def test_a_name_in_known_pieces_keeps_a_known_body_and_a_place_jieba_knows() -> None:
    found = _found("国务院发展研究中心技术经济研究部的报告。在四川海螺沟景区失联。")
    english = found["国务院发展研究中心技术经济研究部"].english or ""
    # no pinyin run of 9 characters; the department is the research center's, and the center the State Council's
    assert english.endswith(" of the Development Research Center of the State Council")
    assert found["四川海螺沟景区"].english == "Sichuan Hailuogou Scenic Area"  # not "Conch Gou"
    assert found["海螺沟"].kind == "place"  # a place inside a zone's name is listed


def test_a_body_named_with_its_province_is_also_named_without_it() -> None:
    found = _found("山东聊城市中级人民法院作出刑事裁定书。山东省高级人民法院认定防卫过当。")
    assert found["聊城市中级人民法院"].english == "Liaocheng Intermediate People's Court"
    assert found["山东省高级人民法院"].english == "Shandong Higher People's Court"


def test_a_credit_line_alone_names_its_source_unless_it_is_a_word() -> None:
    assert _one("来源:无锡交警\n特别声明", "无锡交警").kind == "organisation"
    assert not _found("来源:网络\n")


def test_national_bodies_embassies_and_parties() -> None:
    found = _found("《金融时报》引用国家安全委员会的话。中国驻英国大使馆发言人回应。中国铁路总公司发布通知。"
                   "以往的保守党和工党政府。这是国家政策。")
    assert found["国家安全委员会"].english == "National Security Council"
    assert found["中国驻英国大使馆"].english == "Embassy of China in the United Kingdom"
    assert found["中国铁路总公司"].english == "China Railway Corporation"
    assert found["保守党"].kind == found["工党"].kind == "organisation"
    assert "国家政策" not in found
    found = _found("城市政府和西宁市政府,往南高速。")
    assert "城市政府" not in found and "西宁市政府" in found and "往南高速" not in found


def test_byline_and_alias_names_stop_where_a_name_cannot_go_on() -> None:
    found = _found("(实习生王金茹对此文亦有贡献)李亮(化名)说,他和小刚(化名)一起去。中文和英文都有。")
    assert "王金茹" in found and not any(text.startswith("茹") for text in found)
    assert found["李亮"].english == "Li Liang"  # surname first, given name apart, like any person
    assert "小刚" in found and "和小刚" not in found
    assert "中文" not in found and "英文" not in found  # languages, no places
    found = _found("共建一带一路,东方与菲律宾、马尔代夫合作。")
    assert "一带一路" not in found and "东方" not in found  # an initiative and a direction
    assert found["菲律宾"].english == "Philippines" and "马尔代夫" in found
    found = _found("每年12月向来是摄影班外拍的绝佳场所。李女士和赶来的两个弟弟。基金会主席和如何处置。摄影 王强")
    assert not any(text in found for text in ("班外拍", "和赶来", "和如何")), sorted(found)
    assert found["王强"].kind == "person"


def test_a_body_name_reads_unknown_words_in_known_pieces_and_lone_characters_by_sound() -> None:
    from summarise.names.dictionary import dictionary
    from summarise.names.units import words_english

    words = dictionary()
    assert words_english("长春汇津污水处理", words) == "Changchun Huijin Sewage Treatment"  # not "Class Sweat"
    assert words_english("国家体育总局", words) == "General Administration of Sport of China"  # the table
    assert words_english("锡澄", words) == "Xicheng"


def test_generic_bodies_are_no_names() -> None:
    found = _found("相关部门和当地政府要加强管理,商业银行和企业集团积极参与,石建平调研东西部协作。")
    assert not [n for n in found.values() if n.kind == "organisation"], found


def test_a_body_founded_by_a_level_of_government_or_numbered_keeps_those_words() -> None:
    found = _found("小花曾到河南省立眼科医院检查。率法医至台南市立殡仪馆相验。在湖南省立了一块碑。")
    assert found["河南省立眼科医院"].english == "Henan Provincial Ophthalmology Hospital"
    assert found["台南市立殡仪馆"].english == "Tainan Municipal Funeral Home"
    assert not [n for n in found.values() if n.text.startswith("湖南省立")]  # 立了 "put up": a verb
    found = _found("北京市第三中级人民法院判决。联大第一委员会通过决议。他是第一个到达的人。")
    assert found["北京市第三中级人民法院"].english == "Beijing No. 3 Intermediate People's Court"
    assert found["联大第一委员会"].english == "UN General Assembly First Committee"  # a committee's number
    assert not [n for n in found.values() if n.text.startswith("第一")]


@pytest.mark.parametrize(("text", "english"), [
    ("互助县人民医院", "Huzhu County People's Hospital"),  # a county keeps its word in a body's name
    ("城北区人民法院", "Chengbei District People's Court"),
    ("果洛藏族自治州人民医院", "Golog Tibetan Autonomous Prefecture People's Hospital"),  # not "Autonomous People's"
    ("西宁市统计局", "Xining Municipal Bureau of Statistics"),  # a city says it by the body's own word
    ("青海省人民政府", "Qinghai Provincial People's Government"),  # a province's government is Provincial
    ("河南省人民医院", "Henan Provincial People's Hospital"),
    ("江苏省南京市儿童医院", "Jiangsu Nanjing Children's Hospital"),  # the city's hospital, not the province's
    ("山东省高级人民法院", "Shandong Higher People's Court"),  # its court is not
    ("湖南省证监局", "Hunan Securities Regulatory Bureau"),  # nor a central regulator's bureau there
    ("青海省生态环境厅", "Qinghai Provincial Department of Ecology and Environment"),  # Provincial once
    ("浙江省计委", "Zhejiang Provincial Planning Commission"),  # 计委 whole, not "Plan Commission"
    ("海北州文体旅游广电局", "Haibei Prefecture Culture and Sports Tourism Radio and Television Bureau"),
])
def test_a_bodys_place_keeps_the_level_english_names_keep(text: str, english: str) -> None:
    assert _one(f"据{text}消息", text).english == english


def test_a_body_under_its_parent_or_named_again_without_its_place_is_named_alone() -> None:
    found = _found("美国宇航局约翰逊航天中心发言人。国家体育总局篮球运动管理中心主任。")
    assert found["约翰逊航天中心"].english == "Johnson Space Flight Center"  # named for someone: a name alone
    assert "篮球运动管理中心" not in found  # common words open it: only the whole is a name
    found = _found("雅安市雨城区民生救援队赶到。小温父母收到了民生救援队的消息。西宁市人民医院说,人民医院很忙。")
    assert found["民生救援队"].english == "Minsheng Rescue Team"  # the same team, without its district
    assert "人民医院" not in found  # a body's bare kind names no one alone
    assert "民族中学" not in _found("果洛西宁民族中学的学生。在果洛西宁民族中学,尼东拉毛说。")  # only ever named whole


def test_a_firms_bracketed_branch_or_group_is_part_of_its_name() -> None:
    found = _found("宝洁（中国）有限公司称,北京汽车（集团）有限公司也称。")
    assert found["宝洁（中国）有限公司"].english == "Procter & Gamble (China) Co., Ltd."
    assert found["北京汽车（集团）有限公司"].english == "Beijing Automobile (Group) Co., Ltd."
    assert found["中国"].kind == "place"  # the branch's place is listed on its own
    # Brackets with no name before them, or a name cut short by a word that cannot be in it, name no firm.
    found = _found("研究表明(上海)有限公司。北新建材(昆明)有限公司")
    assert not [n for n in found.values() if n.kind == "organisation"], found


def test_a_body_inside_a_body_reads_its_own_words_after_the_first() -> None:
    found = _found("得到了国家体育总局体育科学研究所副教授的认可。民主党在参议院外交关系委员会里。经河南电视台都市频道曝光。")
    assert found["国家体育总局体育科学研究所"].kind == "organisation"
    assert found["参议院外交关系委员会"].english == "Senate Foreign Relations Committee"
    assert found["河南电视台都市频道"].kind == "organisation"


def test_a_list_the_words_after_call_firms_names_firms() -> None:
    found = _found("盘活洋木水进、国肽生物、瑞佳实业等7家僵尸企业。其中,街电、小电、怪兽、来电4家头部企业的份额。")
    assert found["洋木水进"].english == "Yangmu Shuijin" and found["国肽生物"].english == "Guotai Biological"
    assert found["怪兽"].kind == found["来电"].kind == "organisation"  # common words, but 4 items and 4家
    found = _found("这是继国信、宏源等多家券商之后。包括佳能、松下和狮王等在内的企业。")
    assert "国信" in found and "是继国信" not in found  # 继 "following" opens no name
    assert "狮王" in found  # two firms joined by 和
    assert not _found("国有、民营等企业和钢铁、煤炭等行业企业")  # kinds of firms, no firm's name
    assert _one("乐升股份、建中医疗等7家企业", "乐升股份").english == "Lesheng Co."  # 股份 is no pinyin word


def test_a_body_named_whole_in_quotes_counts_but_a_quoted_concept_or_a_stance_does_not() -> None:
    found = _found("组成了一个“跨国议会对华政策联盟”,从“四国同盟”到“八国联盟”。")
    assert found["跨国议会对华政策联盟"].kind == "organisation"
    assert found["八国联盟"].english == "Eight-Nation Alliance" and found["四国同盟"].english == "Four-Nation Alliance"
    assert not _found("所谓“影子银行”和“僵尸企业”,坚持“以人民为中心”。")  # concepts and a slogan
    assert not _found("反华同盟始终凑不成数,建立一个广泛的对华联盟。")  # whom a group is against, no name


def test_peoples_sides_and_a_verb_before_a_bureau_are_no_names() -> None:
    assert not _found("土族群众和藏族同胞。日方表示欢迎,韩方对此提供便利。现代化国家开好局、起好步。他是一名共产党员。")
    found = _found("公司亚太区和大中华区总裁")
    assert found["亚太区"].english == "Asia-Pacific Region" and found["大中华区"].english == "Greater China Region"
    assert _one("副市长韩方明表示", "韩方明").english == "Han Fangming"  # 方 opens a given name here
    assert _one("据禹州市教体局消息", "禹州市教体局").english == "Yuzhou Education and Sports Bureau"
    assert not _found("实现从“世界工厂”到“全球创新中心”的跃升")  # a quoted aim, not a centre's name


def test_a_provinces_party_committee_inside_a_longer_body_is_its_party_committee() -> None:
    found = _found("陕西省委网信委印发通知")
    assert found["陕西省委网信委"].english == "Shaanxi provincial Party committee Cyberspace Affairs Commission"
    assert found["陕西省委"].english == "Shaanxi provincial Party committee"  # not "Provincial Commission"
    assert "陕西省委网" not in found  # 网信 "cyberspace affairs": no website


def test_a_glosss_title_or_particle_stays_and_a_temple_of_a_kind_is_no_name() -> None:
    from summarise.names.dictionary import dictionary

    words = dictionary()
    english = {word: getattr(words.proper_noun(word), "english", None) for word in ("乾隆", "大禹", "凡高", "歌德", "孔庙")}
    assert english == {"乾隆": "Qianlong Emperor", "大禹": "Yu the Great",  # was "Emperor" and "Great"
                       "凡高": "Van Gogh", "歌德": "Goethe",  # the surname keeps its capitalised particle only
                       "孔庙": None}  # "Confucian temple": any temple of Confucius, was a person "Confucian"


def test_a_league_is_a_body_unless_it_is_inner_mongolias() -> None:
    found = _found("英超和欧冠的比赛。阿拉善盟的牧民。")
    assert (found["英超"].kind, found["英超"].english) == ("organisation", "Premier League")  # was "Premier", a person
    assert found["欧冠"].english == "UEFA Champions League"
    assert found["阿拉善盟"].kind == "place"


def test_counts_outputs_and_nouns_after_a_surname_name_no_one() -> None:
    found = _found("从“四国同盟”到八国联盟。武汉市要扩建日产5万吨水的水厂。在伊核问题上只有澳大利亚。丰田与日产等汽车制造商。")
    assert "四国" not in found  # four countries, not Shikoku
    assert found["日产"].english == "Nissan" and [n.start for n in extract_names(
        "武汉市要扩建日产5万吨水的水厂")] == [0]  # a daily output of 50,000 tonnes; only 武汉市 named
    assert "伊核" not in found  # 问 "asked" opens 问题 "question": no verb of speech after a name
    assert _one("李明问道:", "李明").english == "Li Ming"


# -- foreign names -------------------------------------------------------------------------------


def test_a_foreign_name_comes_from_the_dictionary_or_is_left_unrendered() -> None:
    # 朔尔兹 (Scholz) was this test's unknown name until the lexicon's table of leaders took him in
    # (tests/test_names_foreign.py); 梅嫩德斯 is in neither the table nor the dictionary.
    found = _found("美国总统特朗普表示,该公司元老杰夫·约翰逊深表怀疑。美国参议员梅嫩德斯也要访问基辅。")
    assert (found["特朗普"].kind, found["特朗普"].english) == ("person", "Trump")
    assert found["杰夫·约翰逊"].english == "Jeff Johnson"
    assert found["梅嫩德斯"].kind == "person" and found["梅嫩德斯"].english is None  # never guessed from pinyin
    assert found["基辅"].english == "Kyiv"


def test_a_foreign_name_starts_after_its_title_and_its_parts_are_joined_by_dots_or_a_hyphen() -> None:
    found = _found("基金会执行主席约翰·米勒-怀特认为,副所长侯赛因·阿斯卡里指出,德国的迈克尔•布兰德说。"
                   "大卫-洛克菲勒在回忆录里说,他的弟弟温斯罗普相比之下。")
    for surface in ("约翰·米勒-怀特", "侯赛因·阿斯卡里", "迈克尔•布兰德", "温斯罗普"):
        assert found[surface].kind == "person", surface
    assert not any(text.startswith(("执行", "主席", "副所长", "德国的")) for text in found)
    assert found["大卫-洛克菲勒"].english == "David Rockefeller"
    found = _found("开创者老约翰·洛克菲勒的孙子。约翰逊请劳伦斯·洛克菲勒出任。论坛主席雅思娜·佩拉夫妮表示。")
    assert {"老约翰·洛克菲勒", "劳伦斯·洛克菲勒", "雅思娜·佩拉夫妮"} <= set(found), sorted(found)


def test_the_english_printed_beside_a_foreign_name_renders_its_other_occurrences_and_surname() -> None:
    found = _found("NASA发言人斯蒂芬妮·席尔霍尔茨(Stephanie Schierholz)表示。席尔霍尔茨补充说,")
    assert found["斯蒂芬妮·席尔霍尔茨"].english == "Stephanie Schierholz"
    assert found["席尔霍尔茨"].english == "Schierholz"  # the dictionary lacks it; the paper printed it


def test_an_original_name_with_a_remark_in_its_bracket_still_renders_the_name() -> None:
    found = _found("祖母劳拉·赛丽丝提娅·洛克菲勒(LauraCelestiaSpelmanRockefeller,大家都叫她赛提)的身体")
    assert found["劳拉·赛丽丝提娅·洛克菲勒"].english == "Laura Celestia Spelman Rockefeller"  # spaces restored
    assert found["LauraCelestiaSpelmanRockefeller"].kind == "person"
    assert _found("麦当劳(McDonald)")["McDonald"].english == "McDonald"  # one capital inside is no run-together


def test_senior_junior_and_the_third_of_a_foreign_name() -> None:
    found = _found("开创者老约翰·洛克菲勒的孙子。迥异于大哥小小约翰·洛克菲勒和弟弟。大卫·洛克菲勒是老洛克菲勒的孙子。")
    assert found["老约翰·洛克菲勒"].english == "John Rockefeller Sr."
    assert found["小小约翰·洛克菲勒"].english == "John Rockefeller III"  # not 大哥小小...
    assert found["老洛克菲勒"].english == "the elder Rockefeller"
    assert not [n for n in _found("老王说,老张表示同意。").values() if n.kind == "person"]


def test_a_credit_line_names_a_pen_name_and_its_source() -> None:
    found = _found("来源:新闻晨报\n\n编辑:山石\n\n相关报道:")
    assert found["山石"].kind == "person"  # a pen name stands alone after 编辑:, no surname needed
    assert found["山石"].english == "Shan Shi"  # and is written as pen names are: Lu Xun, Bing Xin
    assert found["新闻晨报"].kind == "organisation"
    assert _found("编辑:新华社\n")["新华社"].kind == "organisation"
    assert _one("2004年10月21日 作者:郭励弘\n我来说两句", "郭励弘").english == "Guo Lihong"


def test_a_tibetan_name_is_pinyin_part_by_part_and_a_western_one_still_unrendered() -> None:
    found = _found("来到安置户华杰尼玛家中。华杰尼玛说,牧民扎西表示满意。总统凯塔表示。")
    assert found["华杰尼玛"].english == "Huajie Nima" and found["扎西"].english == "Zhaxi"
    assert found["凯塔"].english is None  # (泽连斯基, here before, is in the lexicon's table now)


def test_the_surname_of_a_dotted_foreign_name_is_found_alone_later() -> None:
    found = _found("宇航员尼尔·阿姆斯特朗表示。后来阿姆斯特朗回忆说,")
    assert found["阿姆斯特朗"].kind == "person"
    # The dictionary lacks 尼尔 but glosses 阿姆斯特朗 "surname Armstrong": the surname alone is rendered.
    assert found["尼尔·阿姆斯特朗"].english is None and found["阿姆斯特朗"].english == "Armstrong"


def test_a_chinese_surname_or_a_pronunciation_note_is_no_name() -> None:
    from summarise.names.dictionary import dictionary

    assert dictionary().proper_noun("诸葛") is None  # "two-character surname Zhuge", "Taiwan pr. [...]"
    assert dictionary().proper_noun("王") is None


def test_a_hong_kong_name_keeps_its_romanisation_whole() -> None:
    assert _one("梁振英说,其住宅内有违建。", "梁振英").english == "Leung Chun-ying"


def test_a_chinese_name_romanised_a_word_a_syllable_or_ending_in_yi_keeps_every_word() -> None:
    # The dictionary's "Lee Hsien Loong (1952-)" is no transliterated surname to cut to "Loong", and
    # "Wang Yi" keeps "Yi", which ends a place's gloss only as an ethnic group (Yi autonomous county).
    assert _one("新加坡总理李显龙说,", "李显龙").english == "Lee Hsien Loong"
    assert _one("外长王毅说,", "王毅").english == "Wang Yi"
    assert _one("俄罗斯总统普京说,", "普京").english == "Putin"


def test_a_foreign_office_holder_whose_name_looks_chinese_is_left_unrendered() -> None:
    # (吕特 and 卢比奥, here before, are in the lexicon's table now: Rutte, Rubio.)
    found = _found("马里总理马伊加表示支持。美国参议员舒默说,")
    assert found["马伊加"].kind == "person" and found["马伊加"].english is None  # not "Ma Yijia"
    assert found["舒默"].english is None  # not "Shu Mo"
    assert _one("中国外长王毅会见了他。市委书记王卫东表示,", "王卫东").english == "Wang Weidong"


def test_a_party_before_a_title_is_no_foreign_country() -> None:
    # The real PDF (People's Daily, 2025-10-20): 国民党's gloss is bare like a country's, but it is a party.
    found = _found("同日,新当选的中国国民党主席郑丽文复电。")
    assert found["郑丽文"].english == "Zheng Liwen" and found["中国国民党"].english == "Kuomintang"


def test_words_of_the_real_pdf_that_are_no_names() -> None:
    found = _found("这是应变局开新局的五年。我们要走科技创新的道路。从北京探索形成“接诉即办”等经验。"
                   "与海口复兴城互联网信息产业园等合作。\n本版数据来源:国家统计局等\n回望")
    assert not {"开新局", "要走科技", "诉即办", "互联网", "国家统计局等"} & set(found), sorted(found)
    assert found["国家统计局"].kind == "organisation"


def test_a_question_mark_that_lost_a_foreign_names_middle_dot_joins_its_parts() -> None:
    # GBK has no "•": a converted page prints 巴兹?奥尔德林. The name keeps the page's own characters.
    found = _found("图注:巴兹?奥尔德林(Buzz Aldrin)在月球上。NASA发言人斯蒂芬妮?席尔霍尔茨说,是真的吗?美国")
    assert found["巴兹?奥尔德林"].english == "Buzz Aldrin"
    assert found["斯蒂芬妮?席尔霍尔茨"].kind == "person"
    assert "斯蒂芬" not in found and "美国" in found


def test_a_name_is_not_read_inside_a_longer_word_or_across_a_pronoun() -> None:
    found = _found("该公司把获奖的威士忌运送到太空,柜机在大城市基本没有了。悬在头上的达摩克利斯之剑。"
                   "有时在十摄氏度以下。她揉了眼睛,他信,但说塞了那么多。")
    assert not {"威士", "大城", "达摩", "摄氏", "他信"} & set(found), sorted(found)


def test_a_name_in_latin_letters_after_a_title_or_before_a_verb_is_a_person() -> None:
    found = _found("铁路公司总裁FrederickBillings的孙女。作者Robin Winks说,公园负责人HoraceM.Albright相遇。"
                   "他们在New York买了房子。")
    assert found["FrederickBillings"].english == "Frederick Billings"
    assert found["Robin Winks"].kind == "person"
    assert found["HoraceM.Albright"].english == "Horace M. Albright"
    assert "New York" not in found or found["New York"].kind != "person"


def test_latin_letters_with_a_chinese_suffix_are_a_place_or_a_body() -> None:
    found = _found("光临GrandTeton国家公园的游客,进入Virgin群岛。Sierra俱乐部和Dorado海滩酒店。NBA明星。")
    assert (found["GrandTeton国家公园"].kind, found["GrandTeton国家公园"].english) == (
        "place", "Grand Teton National Park")
    assert found["Virgin群岛"].english == "Virgin Islands"
    assert (found["Sierra俱乐部"].kind, found["Sierra俱乐部"].english) == ("organisation", "Sierra Club")
    assert found["Dorado海滩酒店"].kind == "organisation"  # a hotel named after its beach
    assert found["NBA"].kind == "organisation"


def test_an_original_name_in_brackets_renders_a_foreign_name_and_acronyms_are_bodies() -> None:
    found = _found("中心发言人丹尼尔·霍特(Daniel Huot)表示。美国宇航局(NASA)成立了。NBA明星。GDP增长了。")
    assert found["丹尼尔·霍特"].english == "Daniel Huot" and found["丹尼尔·霍特"].source == "rule"
    assert found["Daniel Huot"].kind == "person"
    assert found["NASA"].kind == "organisation" and found["NBA"].kind == "organisation"
    assert "GDP" not in found


# -- articles: spans into the page text ------------------------------------------------------------


def test_article_names_index_the_page_text() -> None:
    page = load_pages(PAGE)[0]
    article = split_articles(page)[0]
    names = extract_names(article, page.text)
    assert {"陈刚", "果洛藏族自治州", "莫昌伟", "习近平"} <= {n.text for n in names}
    for name in names:
        assert name.start is not None and page.text[name.start:name.end] == name.text


# -- the JSON contract ---------------------------------------------------------------------------


def _brief(**extra: object) -> dict[str, object]:
    return {"id": "b1", "headline": "Chen Gang visits Golog", "summary": "He did.", "figures": [],
            "source": {"headline": "陈刚在果洛州调研", "byline": None, "start": 0, "end": 9}, **extra}


def test_brief_names_round_trip_and_old_briefs_still_read() -> None:
    names = [{"text": "陈刚", "kind": "person", "english": "Chen Gang", "start": 0, "end": 2, "source": "pinyin"},
             {"text": "朔尔兹", "kind": "person", "english": None, "start": None, "end": None, "source": "dictionary"}]
    brief = Brief.from_dict(_brief(names=names))
    assert brief.names[0] == Name("陈刚", "person", "Chen Gang", 0, 2, "pinyin")
    assert Brief.from_json(brief.to_json()) == brief
    assert brief.to_dict()["names"] == names
    old = Brief.from_dict(_brief())  # written before names existed
    assert old.names == () and old.to_dict()["names"] == []
    with pytest.raises(ValueError, match="unknown name kind"):
        Brief.from_dict(_brief(names=[{**names[0], "kind": "animal"}]))


# -- the command line ----------------------------------------------------------------------------


def test_summarise_names_prints_each_name_of_every_article() -> None:
    done = CliRunner().invoke(main, ["names", str(ROOT / "corpus" / "qinghai-records.jsonl")])
    assert done.exit_code == 0, done.output
    records = [json.loads(line) for line in done.output.splitlines()]
    assert {"path", "article", "text", "kind", "english", "start", "end", "source"} == set(records[0])
    assert ("祁连县", "Qilian County") in {(r["text"], r["english"]) for r in records}
    table = CliRunner().invoke(main, ["names", "-", "--format", "table"], input="省委书记陈刚赴果洛调研".encode())
    assert table.exit_code == 0
    assert table.output.splitlines()[0].split("\t")[:4] == ["path", "article", "text", "kind"]
    assert "\t陈刚\tperson\tChen Gang\t" in table.output


def test_summarise_names_refuses_bad_input_in_one_line() -> None:
    done = CliRunner().invoke(main, ["names", "-"], input=b"")
    assert done.exit_code == 2 and "error" in done.output.lower()


def test_eval_names_scores_the_corpus_gold() -> None:
    gold = ROOT / "benchmarks" / "names" / "corpus.gold.jsonl"
    done = CliRunner().invoke(main, ["eval", "names", str(gold), "--json"])
    assert done.exit_code == 0, done.output
    result = json.loads(done.output)
    assert result["documents"] == 7
    person, place = result["kinds"]["person"], result["kinds"]["place"]
    # Floors under the numbers measured when this was written (README): a regression fails here.
    assert person["recall"] >= 0.95 and person["english_accuracy"] >= 0.9
    assert place["recall"] >= 0.8 and place["english_accuracy"] >= 0.8
    assert result["precision"] >= 0.8


@pytest.mark.parametrize(("text", "surface", "english"), [
    ("国务院发展研究中心发布报告", "国务院发展研究中心", "Development Research Center of the State Council"),
    ("中国人民银行货币政策司司长说", "中国人民银行货币政策司", "Monetary Policy Department of the People's Bank of China"),
    ("清华大学经济管理学院院长说", "清华大学经济管理学院", "Economic Management College of Tsinghua University"),  # no "the"
    ("省政府新闻办举行发布会", "省政府新闻办", "Information Office of the Provincial Government"),
    ("西宁市统计局数据中心发布", "西宁市统计局数据中心", "Data Center of the Xining Statistics Bureau"),
    # a legislature's committee is named after it; a brand's institute is the brand's; 国办 is no 国 of 中办
    ("参议院外交关系委员会主席说", "参议院外交关系委员会", "Senate Foreign Relations Committee"),
    ("阿里巴巴研究院发布报告", "阿里巴巴研究院", "Alibaba Research Institute"),
])
def test_a_body_inside_another_is_named_of_its_parent(text: str, surface: str, english: str) -> None:
    assert _found(text)[surface].english == english


def test_a_firm_described_before_its_name_starts_at_its_name() -> None:
    found = _found("而这项革命的领跑者是高科技巨头阿里巴巴集团的支付宝。")
    assert found["阿里巴巴集团"].english == "Alibaba Group"
    assert not any(text.startswith(("高科技", "巨头")) for text in found)  # "High Tech Tycoon Alibaba Group"
    assert "母公司阿里巴巴集团" not in _found("他们的母公司阿里巴巴集团")  # "Parent Company Alibaba Group"
    assert _found("北京市房管局称")["北京市房管局"].english == "Beijing Housing Administration Bureau"  # not "Fangguan"


def test_a_papers_group_names_its_paper_in_english() -> None:
    assert _found("浙江日报报业集团发布")["浙江日报报业集团"].english == "Zhejiang Daily Newspaper Group"  # not "Ribao"


@pytest.mark.parametrize(("text", "surface", "english"), [
    ("据美国亚历山大市的地区法官称", "亚历山大市", "Alexandria City"),  # "Alexander (name)/Alexandria (town name)"
    ("巴西圣保罗州政府宣布", "圣保罗州", "São Paulo"),  # not the person St Paul
])
def test_a_city_takes_the_gloss_that_names_a_place(text: str, surface: str, english: str) -> None:
    assert _found(text)[surface].english == english


def test_a_hospital_numbered_without_its_di_and_a_taiwan_prosecutors_office() -> None:
    found = _found("他被送往成都温江五医院救治。台南地检署表示将侦办。")
    assert found["成都温江五医院"].english == "Chengdu Wenjiang No. 5 Hospital"
    assert found["台南地检署"].english == "Tainan District Prosecutors Office"
    # a count of hospitals or a school's pupils is no body
    assert set(_found("成都三家医院接收伤员。北京五中学生参加。")) <= {"成都", "北京"}


def test_a_performing_troupe_is_a_body() -> None:
    assert _found("上海昆剧团演出《牡丹亭》")["上海昆剧团"].english == "Shanghai Kunqu Opera Troupe"
    assert not _found("这个剧团很有名")  # a troupe with no name of its own


def test_a_religion_is_no_place() -> None:
    assert not _found("如果你与穆斯林、摩门教徒或禁酒主义者分配在同一间宿舍怎么办?")  # 摩门 "Mormon (religion)"


def test_a_place_before_a_common_word_for_a_bureau_names_its_bureau() -> None:
    assert _found("芝加哥警察局表示，嫌犯已被捕。")["芝加哥警察局"].english == "Chicago Police Bureau"
    assert _found("瑞典移民局拒绝了他的申请。")["瑞典移民局"].kind == "organisation"
    assert "喀布尔市中心" not in _found("爆炸发生在喀布尔市中心。")  # downtown Kabul: a centre, no body


def test_a_foundation_named_for_a_person_and_courts_by_their_rank() -> None:
    found = _found("该校为李嘉诚基金会资助，他将对方告上了最高法院。")
    assert found["李嘉诚基金会"].english == "Li Ka-shing Foundation"  # jieba reads the whole as a person
    assert found["最高法院"].english == "Supreme Court"
    assert _found("李嘉诚表示")["李嘉诚"].english == "Li Ka-shing"  # the gloss's "Sir" is no part of the name


@pytest.mark.parametrize(("text", "surface", "english"), [
    ("俄罗斯外交部称", "俄罗斯外交部", "Ministry of Foreign Affairs of Russia"),  # not "Russia Diplomatic Department"
    ("德国财政部表示", "德国财政部", "Ministry of Finance of Germany"),
    ("英国外交部发表声明", "英国外交部", "Ministry of Foreign Affairs of the United Kingdom"),
    ("美国国防部表示", "美国国防部", "US Department of Defense"),  # the table's own, whole
    ("中国外交部发言人说", "中国外交部", "Ministry of Foreign Affairs"),  # China's own says no country
    ("中国国家能源局表示", "中国国家能源局", "National Energy Administration"),  # the table's 国家能源局
    ("韩国大使馆称", "韩国大使馆", "Embassy of South Korea"),  # was "South Korea Embassy"
    ("美国大使馆发言人", "美国大使馆", "Embassy of the United States"),
])
def test_a_countrys_ministry_is_the_tables_ministry_of_that_country(text: str, surface: str, english: str) -> None:
    assert _found(text)[surface].english == english


@pytest.mark.parametrize(("text", "surface", "english"), [
    ("中共青海省委召开常委会", "中共青海省委", "CPC Qinghai Provincial Committee"),
    ("中共广东省委书记说", "中共广东省委", "CPC Guangdong Provincial Committee"),  # jieba's 中共广东, not pinyin
    ("马里兰大学研究人员发现", "马里兰大学", "University of Maryland"),  # a US state's university
    ("欧盟委员会称", "欧盟委员会", "European Commission"),
])
def test_party_committees_state_universities_and_the_european_commission(text: str, surface: str,
                                                                          english: str) -> None:
    assert _found(text)[surface].english == english


def test_the_pdfs_schools_hospitals_and_a_policy_phrase() -> None:
    assert _found("疏附县托克扎克镇中心小学")["疏附县托克扎克镇中心小学"].english.endswith(
        "Town Central Primary School")  # not "Town Heart"
    assert _found("南京市儿童医院")["南京市儿童医院"].english == "Nanjing Children's Hospital"
    assert _found("塞尔维亚国民议会")["塞尔维亚国民议会"].english == "Serbia National Assembly"
    assert not _found("实现高水平科技自立自强")  # 高水平/nr "high-level" is no one's name
    assert set(_found("欧盟汽车排放标准")) == {"欧盟"}  # the EU's cars, no carmaker


def test_two_bodies_run_together_are_no_child_and_parent() -> None:
    assert " of " not in (_found("中办国办印发意见")["中办国办"].english or "")


def test_eval_names_pools_persons_and_places() -> None:
    gold = GoldDocument("page.html", (
        GoldName("陈刚", "person", ("Chen Gang",)), GoldName("西宁", "place", ("Xining",)),
        GoldName("果洛", "place", ("Golog",)), GoldName("国务院", "organisation", ("State Council",))))
    result = NamesEvaluation("gold.jsonl")
    score_document(result, gold, {
        "陈刚": Name("陈刚", "person", "Chen Gang", 0, 2, "pinyin"),
        "西宁": Name("西宁", "place", "Qingning", 3, 5, "rule"),  # found, English wrong
        "海东": Name("海东", "place", "Haidong", 6, 8, "dictionary"),  # not gold
        "国务院": Name("国务院", "organisation", "State Council", 9, 12, "table")})
    pooled = result.to_dict()["persons_and_places"]
    assert (pooled["gold"], pooled["found"], pooled["english_right"], pooled["predicted"]) == (3, 2, 1, 3)
    assert pooled["recall"] == round(2 / 3, 4) and pooled["precision"] == round(2 / 3, 4)
    assert "persons+places gold    3" in format_names(result)


def test_eval_names_rejects_a_malformed_gold_file(tmp_path: Path) -> None:
    gold = tmp_path / "bad.gold.jsonl"
    gold.write_text('{"source": "x.txt"}\n', encoding="utf-8")
    done = CliRunner().invoke(main, ["eval", "names", str(gold)])
    assert done.exit_code == 2 and "line 1" in done.output


@pytest.mark.parametrize(("text", "surface", "english"), [
    ("发布会省生态环境厅专场发布会上获悉", "省生态环境厅", "Provincial Department of Ecology and Environment"),
    ("青海省生态环境厅负责人介绍", "青海省生态环境厅", "Qinghai Provincial Department of Ecology and Environment"),
    ("北京市委书记出席", "北京市委", "Beijing municipal Party committee"),  # not "Beijing Commission"
    ("西宁市政府发布", "西宁市政府", "Xining municipal government"),
])
def test_a_body_the_table_names_with_its_level_joins_the_place_before_it(text: str, surface: str, english: str) -> None:
    name = _one(text, surface)
    assert (name.kind, name.english) == ("organisation", english)
    places = [n.text for n in extract_names(text) if n.kind == "place"]
    assert places and text.startswith(places[0]) or not text.startswith(("青海", "北京", "西宁"))


def test_a_city_as_a_common_word_opens_no_table_body() -> None:
    assert not [n for n in extract_names("城市政府要提高效率") if n.kind == "organisation"]


@pytest.mark.parametrize(("text", "line"), [
    ("12月24日,省委书记、省人大常委会主任陈刚赴果洛藏族自治州调研。",
     ("- 陈刚 = Chen Gang (person; 省委书记 = secretary of the provincial Party committee; 省人大常委会主任 = "
     "chairman of the standing committee of the provincial people's congress)")),
    ("12月24日下午,省委常委、市委书记王卫东深入湟中区调研。",
     ("- 王卫东 = Wang Weidong (person; 省委常委 = member of the standing committee of the provincial Party "
     "committee; 市委书记 = secretary of the municipal Party committee)")),
    ("市委副书记、市长石建平前往城北区。",
     "- 石建平 = Shi Jianping (person; 市委副书记 = deputy secretary of the municipal Party committee; 市长 = mayor)"),
    ("陈刚强调,要守护好青海湖。", "- 陈刚 = Chen Gang (person)"),  # no title, none invented
])
def test_a_person_is_handed_to_the_model_with_the_titles_the_article_gives(text: str, line: str) -> None:
    hints = name_hints(text).splitlines()
    assert line in hints
    # titles go with persons only: a place keeps its plain line
    assert all("; " not in h for h in hints if "(person" not in h)


def test_title_hints_stay_linear_on_a_run_of_titles() -> None:
    from tests.test_hostile import _assert_linear

    _assert_linear(name_hints, "", "省委书记、市委书记、县委书记陈刚说，", 300)
