"""The names guard on fixed English strings (issue 21): each correction the real model's briefs needed,
and the words it must leave alone. The English here is written for the test, not model output; the
recorded real briefs are replayed at the end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarise.articles import split_articles
from summarise.guard import check_names
from summarise.names import extract_names
from summarise.reading.readers import load_pages
from summarise.types import Name

ROOT = Path(__file__).resolve().parents[1]

# The Chinese the names come from: a few sentences of the corpus articles, as the article a brief is of.
QINGHAI = ("省委书记、省人大常委会主任陈刚赴果洛藏族自治州调研。推进果洛高质量发展。西宁市、海东市优良天数比例达92%以上。"
           "长江、黄河、澜沧江出省境断面水质保持优良。省委常委、市委书记王卫东赴湟中区调研。")
HAIDONG = "互助县高原特色农产品走进东部市场。今年以来,互助县依托东西部协作机制。据了解,乐都区今年新建高标准农田。"
HAIBEI = "海北州旅游收入同比增长18%。今年1月至11月,海北州累计接待游客1260万人次。祁连县、门源县的油菜花海持续走热。"
GOLMUD = "格尔木市光伏产业园新增并网装机200万千瓦。玉树州的牧民。"


def _check(text: str, chinese: str) -> tuple[str, list[str]]:
    names = extract_names(chinese)
    fixed, notes = check_names([text], names, chinese)
    return fixed[0], notes[0]


@pytest.mark.parametrize(("english", "chinese", "expected", "said"), [
    ("Ninggang visits Quluo and discusses ecology.", QINGHAI, "Chen Gang visits Golog and discusses ecology.",
     ["Ninggang", "Quluo"]),
    ("The Qingning Economic Development Zone beat its target.", QINGHAI,
     "The Xining Economic Development Zone beat its target.", ["Qingning"]),
    ("Good days in Qingming rose.", QINGHAI, "Good days in Xining rose.", ["Qingming"]),
    ("Good days in Qingning and Haodong City reached 92%.", QINGHAI,
     "Good days in Xining and Haidong City reached 92%.", ["Qingning", "Haodong City"]),
    ("Singer Wang Wei Dong visits Huanzhong District.", QINGHAI,
     "Singer Wang Weidong visits Huangzhong District.", ["Wang Wei Dong", "Huanzhong District"]),
    ("Ning Gang chaired the meeting.", QINGHAI, "Chen Gang chaired the meeting.", ["Ning Gang"]),
    ("Water of the Lancangjiang stayed good.", QINGHAI, "Water of the Lancang River stayed good.", ["Lancangjiang"]),
])
def test_a_misspelt_or_respaced_name_is_corrected_to_its_standard_form(
        english: str, chinese: str, expected: str, said: list[str]) -> None:
    fixed, notes = _check(english, chinese)
    assert fixed == expected
    corrected = [n for n in notes if n.code == "name-corrected"]  # type: ignore[attr-defined]
    assert len(corrected) == len(said)
    for note, wrong in zip(corrected, said):
        assert f'English said "{wrong}"' in note  # each note names both forms


@pytest.mark.parametrize(("english", "chinese", "expected"), [
    ("Mutual Aid County's plateau products reach eastern markets.", HAIDONG,
     "Huzhu County's plateau products reach eastern markets."),
    ("Ludong County built new farmland.", HAIDONG, "Ledu District built new farmland."),
    ("Tourism in Yingbushu Autonomous Prefecture grew 18%.", HAIBEI, "Tourism in Haibei Prefecture grew 18%."),
    ("Rapeseed fields of Jinqing County and Yumen County drew visitors.", HAIBEI,
     "Rapeseed fields of Qilian County and Menyuan County drew visitors."),
    ("Herders of Yushu Province.", GOLMUD, "Herders of Yushu Prefecture."),
])
def test_an_area_translated_by_meaning_or_garbled_is_matched_to_the_articles_area(
        english: str, chinese: str, expected: str) -> None:
    fixed, notes = _check(english, chinese)
    assert fixed == expected
    assert notes and all(n.code == "name-corrected" for n in notes)  # type: ignore[attr-defined]


def test_a_name_like_word_that_names_nothing_is_noted_but_left() -> None:
    fixed, notes = _check("The Qingmushan park added capacity near Harbin.", GOLMUD)
    assert fixed == "The Qingmushan park added capacity near Harbin."
    assert [n.code for n in notes] == ["name-unsupported", "name-unsupported"]  # type: ignore[attr-defined]
    assert '"Qingmushan"' in notes[0] and '"Harbin"' in notes[1]


@pytest.mark.parametrize("english", [
    "Chen Gang visited Golog Tibetan Autonomous Prefecture on Tuesday.",  # right already
    "The Biotech Park Exceeds Its Annual Investment Target",  # title case English
    "China's Communist Party and the Yangtze River, the Yellow River and Xining City.",
    "Wang Weidong visited Huangzhong District in December.",
])
def test_right_names_and_english_words_are_left_alone(english: str) -> None:
    fixed, notes = _check(english, QINGHAI)
    assert fixed == english and notes == []


def test_the_people_and_language_of_a_place_the_article_names_are_supported() -> None:
    source = "俄罗斯总统普京表示，土耳其总统将访问莫斯科。"
    names = extract_names(source)
    english = "The Russian president said the Turkish leader and the Turks will visit Moscow."
    fixed, notes = check_names([english], names, source)
    assert fixed == [english] and notes == [[]]  # was "Russian" and "Turkish" noted as names of nothing
    _, other = check_names(["Japanese officials said so."], names, source)
    assert [n.code for n in other[0]] == ["name-unsupported"]  # type: ignore[attr-defined]  # Japan is not named


@pytest.mark.parametrize(("word", "chinese", "english"), [("Daidong", "带动", "drive"), ("Gonggu", "巩固", "strengthen"),
                                                          ("Youliang", "优良", "good")])
def test_pinyin_of_a_common_word_of_the_article_is_translated(word: str, chinese: str, english: str) -> None:
    fixed, notes = _check(f"Projects with strong {word} effects.", f"项目{chinese}效应强,西宁市。")
    assert fixed == f"Projects with strong {english} effects."
    assert [n.code for n in notes] == ["term-translated"]  # type: ignore[attr-defined]


def test_the_whole_prefecture_read_as_a_city_is_translated_with_its_possessive_and_capital() -> None:
    # The real model wrote "Quanzhou's grasslands" in the Golog brief: 全州 is "the whole prefecture" there,
    # though Quanzhou is a city in Fujian and a county in Guangxi.
    chinese = "全州草原生态保护修复面积达600万亩。果洛藏族自治州牧民增收。"
    fixed, notes = _check("Quanzhou's grasslands were restored. Quanzhou has 6 million mu.", chinese)
    assert fixed == "The whole prefecture's grasslands were restored. The whole prefecture has 6 million mu."
    assert [n.code for n in notes] == ["term-translated", "term-translated"]  # type: ignore[attr-defined]
    assert "全州" not in {n.text for n in extract_names(chinese)}


def test_the_whole_prefecture_read_as_a_state_is_corrected_only_in_a_prefectures_article() -> None:
    # The main job's Yushu brief: "the total vegetation cover of the entire state is 65.8%" for 全州.
    chinese = "玉树州完成退化草原修复60万亩。全州草原综合植被盖度达65.8%。"
    fixed, notes = _check("The vegetation cover of the entire state is 65.8%. Across the State, herders gain.", chinese)
    assert fixed == "The vegetation cover of the entire prefecture is 65.8%. Across the Prefecture, herders gain."
    assert [n.code for n in notes] == ["name-corrected", "name-corrected"]  # type: ignore[attr-defined]
    # Without a Chinese prefecture (a US state's 全州), "state" is right and stays.
    american = "加利福尼亚州州长表示,全州将限制用水。"
    assert _check("The entire state will limit water use.", american)[0] == "The entire state will limit water use."
    assert _check("The entire state will grow.", "玉树州完成修复。")[0] == "The entire state will grow."  # no 全州


def test_pinyin_of_a_word_the_dictionary_lacks_is_noted() -> None:
    fixed, notes = _check("The leading role of the Bangfu projects.", "发挥帮扶项目的带动作用。")
    assert fixed == "The leading role of the Bangfu projects."
    assert [n.code for n in notes] == ["name-unsupported"]  # type: ignore[attr-defined]


def test_a_spelling_that_is_the_pinyin_of_the_article_is_never_changed() -> None:
    # 湟源 is in the article but the names stage has no name for it: "Huangyuan" stays, unnoted.
    chinese = QINGHAI + "湟源的牧民也来了。"
    fixed, notes = _check("Herders of Huangyuan came too.", chinese)
    assert fixed == "Herders of Huangyuan came too." and notes == []


def test_an_area_is_left_when_the_article_has_no_unnamed_area_of_that_kind() -> None:
    # Every county of the article is already named; "Mutual Aid County" stays, and is no correction.
    fixed, notes = _check("Huzhu County and Mutual Aid County.", "互助县的农产品。")
    assert fixed == "Huzhu County and Mutual Aid County."
    assert not [n for n in notes if n.code == "name-corrected"]  # type: ignore[attr-defined]


def test_organisations_rule_made_english_is_no_standard_to_enforce() -> None:
    names = [Name("市统计局", "organisation", "Municipal Statistics Bureau", 0, 5, "rule")]
    fixed, notes = check_names(["The city statistics bureau said."], names, "市统计局")
    assert fixed == ["The city statistics bureau said."] and notes == [[]]


# -- the recorded real briefs, replayed ------------------------------------------------------------


def test_the_recorded_real_briefs_lose_every_misspelt_name() -> None:
    page = load_pages(ROOT / "corpus" / "qinghai-page-2024-12-24.txt")[0]
    articles = split_articles(page)
    briefs = json.loads((ROOT / "tests" / "data" / "real-briefs-before-names-guard.json").read_text(encoding="utf-8"))
    out = []
    for brief, article in zip(briefs, articles, strict=True):
        source = "\n".join(filter(None, (article.headline, article.subheadline, article.body)))
        fixed, _ = check_names([brief["headline"], brief["summary"]], extract_names(article), source)
        out.extend(fixed)
    text = " ".join(out)
    for wrong in ("Qingning", "Ninggang", "Haodong", "Quluo", "Wang Wei Dong", "Huanzhong", "Lancangjiang",
                  "Daidong", "Gonggu", "Youliang"):
        assert wrong not in text, wrong
    assert out[0].startswith("Chen Gang visits Golog") and "Wang Weidong" in out[4]


def test_eval_briefs_counts_names_wrong_before_the_guard_and_corrected_after() -> None:
    from dataclasses import replace

    from summarise.evaluation.outputs import evaluate_briefs
    from summarise.strategies import guard_notes
    from summarise.types import Brief

    page = load_pages(ROOT / "corpus" / "qinghai-page-2024-12-24.txt")[0]
    articles = split_articles(page)
    recorded = json.loads((ROOT / "tests" / "data" / "real-briefs-before-names-guard.json").read_text(encoding="utf-8"))
    briefs = [Brief.from_dict(b) for b in recorded]
    before = evaluate_briefs(zip(briefs, articles, strict=True)).overall()
    assert before["names_wrong"] == 13 and before["names_corrected"] == 0 and before["names_unsupported"] >= 3
    guarded = []
    for brief, article in zip(briefs, articles, strict=True):
        source = "\n".join(filter(None, (article.headline, article.subheadline, article.body)))
        (headline, summary), notes = check_names([brief.headline, brief.summary], extract_names(article), source)
        guarded.append(replace(brief, headline=headline, summary=summary,
                               notes=(*brief.notes, *guard_notes(n for ns in notes for n in ns))))
    after = evaluate_briefs(zip(guarded, articles, strict=True)).overall()
    assert after["names_wrong"] == 0 and after["names_corrected"] == 13
    assert after["names_correct"] > before["names_correct"]
