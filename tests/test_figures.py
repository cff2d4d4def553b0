"""extract_figures, render_english and parse_english_figures: case tables and the sample page's gold."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from summarise.figures import (
    date_parts,
    extract_figures,
    parse_chinese_number,
    parse_english_figures,
    render_english,
    render_number,
)

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SAMPLE_PAGE = CORPUS / "qinghai-page-2024-12-24.txt"

# (Chinese text, surface, value, qualifier, kind, English). One figure expected in each text.
EXTRACTION_CASES = [
    # magnitudes: 万, 亿, 万亿 with Arabic digits
    ("资金22.7亿元", "22.7亿元", "2270000000", None, "money", "2.27 billion yuan"),
    ("签约额51.7亿元", "51.7亿元", "5170000000", None, "money", "5.17 billion yuan"),
    ("总投资97.5亿元。", "97.5亿元", "9750000000", None, "money", "9.75 billion yuan"),
    ("约6亿元", "约6亿元", "600000000", "about", "money", "about 600 million yuan"),
    ("约25亿元", "约25亿元", "2500000000", "about", "money", "about 2.5 billion yuan"),
    ("达到12.6万亿元。", "12.6万亿元", "12600000000000", None, "money", "12.6 trillion yuan"),
    ("13.21万亿元", "13.21万亿元", "13210000000000", None, "money", "13.21 trillion yuan"),
    ("收入1.2万元", "1.2万元", "12000", None, "money", "12,000 yuan"),
    ("3千万元", "3千万元", "30000000", None, "money", "30 million yuan"),
    ("投资3000万元", "3000万元", "30000000", None, "money", "30 million yuan"),
    ("投资4000多万元", "4000多万元", "40000000", "more than", "money", "more than 40 million yuan"),
    ("5万元", "5万元", "50000", None, "money", "50,000 yuan"),
    ("1234.5678万元", "1234.5678万元", "12345678", None, "money", "12,345,678 yuan"),
    ("150亿美元", "150亿美元", "15000000000", None, "money", "15 billion US dollars"),
    ("１２００万美元", "１２００万美元", "12000000", None, "money", "12 million US dollars"),
    ("20亿欧元", "20亿欧元", "2000000000", None, "money", "2 billion euros"),
    ("3亿港元", "3亿港元", "300000000", None, "money", "300 million Hong Kong dollars"),
    ("100亿日元", "100亿日元", "10000000000", None, "money", "10 billion yen"),
    ("8000元", "8000元", "8000", None, "money", "8,000 yuan"),
    ("1元", "1元", "1", None, "money", "1 yuan"),
    ("0.5元", "0.5元", "0.5", None, "money", "0.5 yuan"),
    ("12,345元", "12,345元", "12345", None, "money", "12,345 yuan"),
    ("超过1亿元", "超过1亿元", "100000000", "over", "money", "over 100 million yuan"),
    ("近3亿元", "近3亿元", "300000000", "nearly", "money", "nearly 300 million yuan"),
    ("逾百亿元", "逾百亿元", "10000000000", "over", "money", "over 10 billion yuan"),
    ("2.5万亿元左右", "2.5万亿元左右", "2500000000000", "about", "money", "about 2.5 trillion yuan"),
    ("不到1万元", "不到1万元", "10000", "under", "money", "under 10,000 yuan"),
    ("至少500万元", "至少500万元", "5000000", "at least", "money", "at least 5 million yuan"),
    ("高达8亿元", "高达8亿元", "800000000", "up to", "money", "up to 800 million yuan"),
    ("10亿元以上", "10亿元以上", "1000000000", "over", "money", "over 1 billion yuan"),
    ("5000元以下", "5000元以下", "5000", "under", "money", "under 5,000 yuan"),
    ("两千万元", "两千万元", "20000000", None, "money", "20 million yuan"),
    ("一亿两千万元", "一亿两千万元", "120000000", None, "money", "120 million yuan"),
    ("三十亿元", "三十亿元", "3000000000", None, "money", "3 billion yuan"),
    ("十二万亿元", "十二万亿元", "12000000000000", None, "money", "12 trillion yuan"),
    ("一百零五万元", "一百零五万元", "1050000", None, "money", "1.05 million yuan"),
    ("一千零一万元", "一千零一万元", "10010000", None, "money", "10.01 million yuan"),
    ("1.5亿元人民币", "1.5亿元人民币", "150000000", None, "money", "150 million yuan"),
    # percentages
    ("完成目标任务的113.6%", "113.6%", "113.6", None, "percent", "113.6%"),
    ("比例达95%以上", "95%以上", "95", "over", "percent", "over 95%"),
    ("在92%以上", "92%以上", "92", "over", "percent", "over 92%"),
    ("保持100%", "100%", "100", None, "percent", "100%"),
    ("增长３．５％", "３．５％", "3.5", None, "percent", "3.5%"),
    ("增长3.5%。", "3.5%", "3.5", None, "percent", "3.5%"),
    ("下降0.8％", "0.8％", "0.8", None, "percent", "0.8%"),
    ("百分之五十", "百分之五十", "50", None, "percent", "50%"),
    ("百分之三点", None, None, None, None, None),
    ("约百分之三十", "约百分之三十", "30", "about", "percent", "about 30%"),
    ("提高1.5个百分点", "1.5个百分点", "1.5", None, "percent", "1.5 percentage points"),
    ("下降2个百分点", "2个百分点", "2", None, "percent", "2 percentage points"),
    ("约0.3个百分点", "约0.3个百分点", "0.3", "about", "percent", "about 0.3 percentage points"),
    ("不到10%", "不到10%", "10", "under", "percent", "under 10%"),
    ("近40%", "近40%", "40", "nearly", "percent", "nearly 40%"),
    ("超过60%", "超过60%", "60", "over", "percent", "over 60%"),
    ("逾七成", "逾七成", "70", "over", "percent", "over 70%"),
    ("八成左右", "八成左右", "80", "about", "percent", "about 80%"),
    ("党的十九大精神", "十九大", "19", None, "ordinal", "19th CPC National Congress"),
    ("外交部三号举行", "三号", None, None, "date", "the 3rd"),
    ("至十日", "十日", None, None, "date", "the 10th"),
    ("30%左右", "30%左右", "30", "about", "percent", "about 30%"),
    ("管控率达到41%以上", "41%以上", "41", "over", "percent", "over 41%"),
    ("办结率为98%", "98%", "98", None, "percent", "98%"),
    ("3%至5%", "3%至5%", "3", None, "range", "3% to 5%"),
    # counts with classifiers and nouns
    ("185家银行网点", "185家", "185", None, "count", "185 bank branches"),
    ("4000多名群众", "4000多名", "4000", "more than", "count", "more than 4,000 people"),
    ("带动就业1400余人", "1400余人", "1400", "more than", "count", "more than 1,400 people"),
    ("200余名员工", "200余名", "200", "more than", "count", "more than 200 staff"),
    ("一万多名游客", "一万多名", "10000", "more than", "count", "more than 10,000 tourists"),
    ("引进企业项目49个", "49个", "49", None, "count", "49 projects"),
    ("企业490个", "490个", "490", None, "count", "490 companies"),
    ("市场主体814个", "814个", "814", None, "count", "814 market entities"),
    ("7家僵尸企业", "7家", "7", None, "count", "seven zombie enterprises"),
    ("三个孩子", "三个", "3", None, "count", "three children"),
    ("两千人", "两千人", "2000", None, "count", "2,000 people"),
    ("一百八十五家", "一百八十五家", "185", None, "count", "185"),
    ("1192件信访举报", "1192件", "1192", None, "count", "1,192 public complaints"),
    ("226条整改措施", "226条", "226", None, "count", "226 corrective measures"),
    ("至少一家银行", "至少一家", "1", "at least", "count", "at least one bank"),
    ("逾千人", "逾千人", "1000", "over", "count", "over 1,000 people"),
    ("近百名干部", "近百名", "100", "nearly", "count", "nearly 100 officials"),
    ("3000户", "3000户", "3000", None, "count", "3,000 households"),
    ("1户", "1户", "1", None, "count", "one household"),
    ("5辆", "5辆", "5", None, "count", "five vehicles"),
    ("新增71个", "71个", "71", None, "count", "71"),
    ("101余个项目", "101余个", "101", "more than", "count", "more than 101 projects"),
    ("12万人次", "12万人次", "120000", None, "count", "120,000 visits"),
    ("二十个", "二十个", "20", None, "count", "20"),
    ("廿个", "廿个", "20", None, "count", "20"),
    ("卅五人", "卅五人", "35", None, "count", "35 people"),
    ("十五位", "十五位", "15", None, "count", "15 people"),
    ("1.2万", "1.2万", "12000", None, "count", "12,000"),
    ("3千万", "3千万", "30000000", None, "count", "30 million"),
    ("十二万亿", "十二万亿", "12000000000000", None, "count", "12 trillion"),
    ("共有95", "95", "95", None, "count", "95"),
    ("约１０００", "约１０００", "1000", "about", "count", "about 1,000"),
    # measures
    ("海拔4215米", "4215米", "4215", None, "measure", "4,215 metres"),
    ("盘活土地约562亩", "约562亩", "562", "about", "measure", "about 562 mu"),
    ("新增工业用地263亩", "263亩", "263", None, "measure", "263 mu"),
    ("5千米", "5千米", "5", None, "measure", "5 kilometres"),
    ("50公里", "50公里", "50", None, "measure", "50 kilometres"),
    ("1.2万平方公里", "1.2万平方公里", "12000", None, "measure", "12,000 square kilometres"),
    ("300平方米", "300平方米", "300", None, "measure", "300 square metres"),
    ("1000立方米", "1000立方米", "1000", None, "measure", "1,000 cubic metres"),
    ("5万吨", "5万吨", "50000", None, "measure", "50,000 tonnes"),
    ("20公斤", "20公斤", "20", None, "measure", "20 kilograms"),
    ("100公顷", "100公顷", "100", None, "measure", "100 hectares"),
    ("50千瓦", "50千瓦", "50", None, "measure", "50 kilowatts"),
    ("1000万千瓦时", "1000万千瓦时", "10000000", None, "measure", "10 million kilowatt-hours"),
    ("零下20摄氏度", "20摄氏度", "20", None, "measure", "20 degrees Celsius"),
    ("三百米", "三百米", "300", None, "measure", "300 metres"),
    ("五千米", "五千米", "5", None, "measure", "5 kilometres"),
    # durations
    ("近二十年来", "近二十年", "20", "nearly", "count", "nearly 20 years"),
    ("三年行动", "三年", "3", None, "count", "three years"),
    ("前11个月", "11个月", "11", None, "count", "11 months"),
    ("用了5天", "5天", "5", None, "count", "five days"),
    ("48小时", "48小时", "48", None, "count", "48 hours"),
    ("30分钟", "30分钟", "30", None, "count", "30 minutes"),
    ("80岁", "80岁", "80", None, "count", "80 years old"),
    ("20年间", "20年", "20", None, "count", "20 years"),
    # ranges
    ("3至5年", "3至5年", "3", None, "range", "3 to 5 years"),
    ("3到5年", "3到5年", "3", None, "range", "3 to 5 years"),
    ("3-5年", "3-5年", "3", None, "range", "3 to 5 years"),
    ("1月至11月", "1月至11月", "1", None, "range", "January to November"),
    ("2021-2022年", "2021-2022年", "2021", None, "range", "2021 to 2022"),
    ("10至20亿元", "10至20亿元", "1000000000", None, "range", "1 billion to 2 billion yuan"),
    ("100~200人", "100~200人", "100", None, "range", "100 to 200 people"),
    # dates
    ("12月24日", "12月24日", None, None, "date", "December 24"),
    ("2024年12月24日", "2024年12月24日", None, None, "date", "December 24, 2024"),
    ("2024年", "2024年", "2024", None, "date", "2024"),
    ("二〇二四年", "二〇二四年", "2024", None, "date", "2024"),
    ("二〇二四年三月", "二〇二四年三月", None, None, "date", "March 2024"),
    ("6月份以来", "6月份", None, None, "date", "June"),
    ("截至11月底", "11月底", None, None, "date", "the end of November"),
    ("24日下午", "24日", None, None, "date", "the 24th"),
    ("廿三日", "廿三日", None, None, "date", "the 23rd"),
    ("3月5号", "3月5号", None, None, "date", "March 5"),
    ("１２月２４日", "１２月２４日", None, None, "date", "December 24"),
    # ordinals
    ("第三轮督察", "第三轮", "3", None, "ordinal", "third round"),
    ("第五次全国", "第五次", "5", None, "ordinal", "fifth"),
    ("第1季度", "第1季度", "1", None, "ordinal", "first quarter"),
    ("第21届", "第21届", "21", None, "ordinal", "21st"),
    ("第十二", "第十二", "12", None, "ordinal", "12th"),
    ("二十届", "二十届", "20", None, "ordinal", "20th"),
    # multiples and fractions
    ("增长3倍", "3倍", "3", None, "multiple", "3 times"),
    ("2倍", "2倍", "2", None, "multiple", "twice"),
    ("1.5倍", "1.5倍", "1.5", None, "multiple", "1.5 times"),
    ("三分之一", "三分之一", "0.3333333333333333333333333333", None, "fraction", "one-third"),
    ("三分之二", "三分之二", "0.6666666666666666666666666667", None, "fraction", "two-thirds"),
    ("四分之一", "四分之一", "0.25", None, "fraction", "one-quarter"),
    ("二分之一", "二分之一", "0.5", None, "fraction", "one-half"),
    # names, not quantities
    ("“十四五”目标", "“十四五”", None, None, "name", "14th Five-Year Plan"),
    ("十三五期间", "十三五", None, None, "name", "13th Five-Year Plan"),
    ("水质保持Ⅱ类及以上", "Ⅱ类", None, None, "name", "Class II"),
    ("达到Ⅲ类", "Ⅲ类", None, None, "name", "Class III"),
    ("三中全会", "三中全会", None, None, "name", "third plenary session"),
]

# Text in which no figure may be found: numerals inside words, codes and idioms.
NO_FIGURE_CASES = [
    "以PM2.5和臭氧防治为主线", "一二三产业融合发展", "第三方服务机构", "“两品一械”企业", "全省一盘棋",
    "千方百计", "万一出现", "老百姓", "统一部署", "一批项目", "一家三口", "最后一公里", "零距离",
    "5G网络", "COVID-19疫情", "“三北”工程", "三证管理", "双提升", "产业“四地”", "十分重要", "一站式服务",
    "百分之", "", "。。。", "abc", "第", "分之", "一号文件", "地铁二号线", "三成员国", "周二起跌", "数十位", "流言四起",
    "吲哚-3-乳酸", "十大", "“双11”", "上午7点50分", "下午四时三十分", "一架直-9直升机", "海红旗-16导弹",
]

ENGLISH_CASES = [
    ("It raised 2.27 billion yuan", "2.27 billion yuan", "2270000000", None, "yuan"),
    ("2,270 million yuan", "2,270 million yuan", "2270000000", None, "yuan"),
    ("Revenue hit 2.27bn", "2.27bn", "2270000000", None, None),
    ("over 95 percent of days", "over 95 percent", "95", "over", "percent"),
    ("over 95 per cent", "over 95 per cent", "95", "over", "percent"),
    ("95%", "95%", "95", None, "percent"),
    ("1.4 thousand people", "1.4 thousand", "1400", None, None),
    ("more than 4,000 people", "more than 4,000", "4000", "more than", None),
    ("nearly 20 years", "nearly 20", "20", "nearly", None),
    ("almost 20 years", "almost 20", "20", "nearly", None),
    ("some 30 million", "some 30 million", "30000000", "about", None),
    ("around 562 mu", "around 562 mu", "562", "about", "mu"),
    ("approximately 6.5 billion yuan", "approximately 6.5 billion yuan", "6500000000", "about", "yuan"),
    ("at least one bank", "at least one", "1", "at least", None),
    ("up to 800 million", "up to 800 million", "800000000", "up to", None),
    ("less than 10%", "less than 10%", "10", "under", "percent"),
    ("fewer than 200 staff", "fewer than 200", "200", "under", None),
    ("US$5 million", "US$5 million", "5000000", None, "US dollars"),
    ("$3.5m in aid", "$3.5m", "3500000", None, "US dollars"),
    ("at KRW2.13 million each", "KRW2.13 million", "2130000", None, "won"),
    ("the 400m hurdles", "400m", "400", None, None),
    ("1.5 percentage points", "1.5 percentage points", "1.5", None, "percentage points"),
    ("three children", "three", "3", None, None),
    ("twenty-one days", "twenty-one", "21", None, None),
    ("13.21 trillion yuan", "13.21 trillion yuan", "13210000000000", None, "yuan"),
    ("RMB 2 billion", "RMB 2 billion", "2000000000", None, "yuan"),
    ("a 12,345,678 yuan fund", "12,345,678 yuan", "12345678", None, "yuan"),
    ("4,215 metres", "4,215 metres", "4215", None, "metres"),
    ("one-third of firms", "one-third", "0.3333333333333333333333333333", None, None),
    ("the third round", "third", "3", None, None),
    ("the 21st session", "21st", "21", None, None),
    ("rose 3.5% last year", "3.5%", "3.5", None, "percent"),
    ("130 million people", "130 million", "130000000", None, None),
    # units are read with their numbers (issue 21): the guard compares amounts in base units
    ("added 200 megawatts of capacity", "200 megawatts", "200", None, "megawatts"),
    ("added 2 million megawatts", "2 million megawatts", "2000000", None, "megawatts"),
    ("a 200MW plant", "200MW", "200", None, "megawatts"),
    ("a 500-megawatt plant", "500-megawatt", "500", None, "megawatts"),
    ("2 GW of wind", "2 GW", "2", None, "gigawatts"),
    ("2 million kW", "2 million kW", "2000000", None, "kilowatts"),
    ("1.25 billion kWh", "1.25 billion kWh", "1250000000", None, "kilowatt-hours"),
    ("12.5 billion kilowatt-hours", "12.5 billion kilowatt-hours", "12500000000", None, "kilowatt-hours"),
    ("1,250 GWh", "1,250 GWh", "1250", None, "gigawatt-hours"),
    ("about 2,333 hectares", "about 2,333 hectares", "2333", "about", "hectares"),
    ("35,000 mu of peppers", "35,000 mu", "35000", None, "mu"),
    ("1.2 square kilometres", "1.2 square kilometres", "1.2", None, "square kilometres"),
    ("1.2 sq km", "1.2 sq km", "1.2", None, "square kilometres"),
    ("16 km²", "16 km²", "16", None, "square kilometres"),
    ("250,000 tons of grain", "250,000 tons", "250000", None, "tonnes"),
    ("5m tonnes of coal", "5m tonnes", "5000000", None, "tonnes"),
    ("30 kg", "30 kg", "30", None, "kilograms"),
    ("a 3km radius", "3km", "3", None, "kilometres"),
    ("2.27 billion RMB", "2.27 billion RMB", "2270000000", None, "yuan"),
    ("CNY 2.27 billion", "CNY 2.27 billion", "2270000000", None, "yuan"),
    ("5 million euros", "5 million euros", "5000000", None, "euros"),
]

NO_ENGLISH_FIGURE_CASES = ["PM2.5 levels", "COVID-19 cases", "a G20 summit", "", "no numbers here",
                          "EN(22.7亿元)", "5G networks", "JD's 7FRESH stores", "0A"]


def _only(text: str):  # type: ignore[no-untyped-def]
    found = [f for f in extract_figures(text)]
    assert len(found) == 1, [(f.text, f.kind) for f in found]
    return found[0]


@pytest.mark.parametrize(("text", "surface", "value", "qualifier", "kind", "english"), EXTRACTION_CASES)
def test_extracts_figure(text: str, surface: str | None, value: str | None, qualifier: str | None,
                         kind: str | None, english: str | None) -> None:
    if surface is None:
        assert extract_figures(text) == [] or all(f.text != text for f in extract_figures(text))
        return
    figure = _only(text)
    assert figure.text == surface
    assert text[figure.start:figure.end] == surface
    assert figure.value == (Decimal(value) if value is not None else None)
    assert figure.qualifier == qualifier
    assert figure.kind == kind
    assert figure.english == english


@pytest.mark.parametrize("text", NO_FIGURE_CASES)
def test_numerals_inside_words_are_not_figures(text: str) -> None:
    assert [f.text for f in extract_figures(text) if f.kind != "name"] == []


@pytest.mark.parametrize(("text", "value", "upper", "unit"), [
    ("3至5年", "3", "5", "years"),
    ("1月至11月", "1", "11", "month"),
    ("100~200人", "100", "200", "people"),
    ("2021-2022年", "2021", "2022", "year"),
])
def test_range_bounds(text: str, value: str, upper: str, unit: str) -> None:
    figure = _only(text)
    assert (figure.value, figure.upper, figure.unit) == (Decimal(value), Decimal(upper), unit)


@pytest.mark.parametrize(("text", "parts"), [
    ("12月24日", (None, 12, 24)), ("2024年12月24日", (2024, 12, 24)), ("6月份", (None, 6, None)),
    ("二〇二四年三月", (2024, 3, None)), ("廿三日", (None, None, 23)), ("11月底", (None, 11, None)),
])
def test_date_parts(text: str, parts: tuple[int | None, int | None, int | None]) -> None:
    assert date_parts(_only(text)) == parts


@pytest.mark.parametrize(("numeral", "value"), [
    ("一百八十五", 185), ("两千", 2000), ("二〇二四", 2024), ("1.2万", 12000), ("13.21万亿", 13210000000000),
    ("一亿零五万", 100050000), ("十", 10), ("十五", 15), ("一百零五", 105), ("廿", 20), ("卅五", 35),
    ("三千万", 30000000), ("两亿", 200000000), ("九千九百九十九", 9999), ("一万亿", 1000000000000),
])
def test_parse_chinese_number(numeral: str, value: int) -> None:
    assert parse_chinese_number(numeral) == value


@pytest.mark.parametrize("numeral", ["", "一二", "abc", "元"])
def test_parse_chinese_number_rejects_non_numbers(numeral: str) -> None:
    assert parse_chinese_number(numeral) is None


@pytest.mark.parametrize(("value", "unit", "qualifier", "kind", "english"), [
    ("2270000000", "yuan", None, "money", "2.27 billion yuan"),
    ("4215", "metres", None, "measure", "4,215 metres"),
    ("562", "mu", None, "measure", "562 mu"),
    ("95", "percent", "over", "percent", "over 95%"),
    ("1400", "people", "more than", "count", "more than 1,400 people"),
    ("13210000000000", "yuan", None, "money", "13.21 trillion yuan"),
    ("30000000", None, None, "count", "30 million"),
    ("1", "people", None, "count", "one person"),
    ("3", "children", None, "count", "three children"),
    ("10", "people", None, "count", "10 people"),
    ("2273000000", "yuan", None, "money", "2.273 billion yuan"),
    ("2273400000", "yuan", None, "money", "2,273,400,000 yuan"),
    ("3", None, None, "ordinal", "third"),
    ("1.5", "percentage points", None, "percent", "1.5 percentage points"),
])
def test_render_english(value: str, unit: str | None, qualifier: str | None, kind: str, english: str) -> None:
    assert render_english(Decimal(value), unit, qualifier, kind) == english


@pytest.mark.parametrize(("text", "surface", "value", "qualifier", "unit"), ENGLISH_CASES)
def test_parse_english(text: str, surface: str, value: str, qualifier: str | None, unit: str | None) -> None:
    found = [f for f in parse_english_figures(text) if f.kind != "date"]
    assert len(found) == 1, found
    figure = found[0]
    assert (figure.text, figure.value, figure.qualifier, figure.unit) == (surface, Decimal(value), qualifier, unit)
    assert text[figure.start:figure.end] == surface


@pytest.mark.parametrize(("text", "values"), [
    ("6-7 million rubles", ["6000000", "7000000"]),
    ("from 3 to 5 billion yuan", ["3000000000", "5000000000"]),
    ("1 billion to 2 billion yuan", ["1000000000", "2000000000"]),
    ("2 to 1 million", ["2", "1000000"]),  # not a range: the scale is not shared
])
def test_english_ranges_share_their_scale(text: str, values: list[str]) -> None:
    assert [f.value for f in parse_english_figures(text)] == [Decimal(v) for v in values]


@pytest.mark.parametrize("text", NO_ENGLISH_FIGURE_CASES)
def test_parse_english_ignores_codes(text: str) -> None:
    assert parse_english_figures(text) == []


@pytest.mark.parametrize(("text", "month", "day"), [
    ("on December 24, 2024", 12, 24), ("on 24 December", 12, 24), ("Dec. 24", 12, 24),
    ("from January to November", 1, None),
])
def test_parse_english_dates(text: str, month: int, day: int | None) -> None:
    dates = [f for f in parse_english_figures(text) if f.kind == "date"]
    assert (dates[0].month, dates[0].day) == (month, day)


@pytest.mark.parametrize("value", ["2270000000", "12345678", "4215", "0.5", "13210000000000", "1400", "95.5"])
def test_render_number_parses_back(value: str) -> None:
    figures = parse_english_figures(render_number(Decimal(value)))
    assert [f.value for f in figures] == [Decimal(value)]


def _gold() -> list[dict]:  # type: ignore[type-arg]
    data = json.loads((CORPUS / "qinghai-page-2024-12-24.figures.json").read_text(encoding="utf-8"))
    return data["figures"]


def test_sample_page_gold_figures() -> None:
    text = SAMPLE_PAGE.read_text(encoding="utf-8")
    gold = _gold()
    assert len(gold) >= 60
    found = [f.to_dict() for f in extract_figures(text)]
    assert found == gold
    for item in gold:
        assert text[item["start"]:item["end"]] == item["text"]


def test_sample_page_gold_covers_every_kind() -> None:
    kinds = {item["kind"] for item in _gold()}
    assert {"money", "percent", "count", "measure", "date", "range", "ordinal", "name"} <= kinds


def test_offsets_are_page_offsets_after_shift() -> None:
    figure = _only("资金22.7亿元").shifted(100)
    assert (figure.start, figure.end) == (102, 108)
