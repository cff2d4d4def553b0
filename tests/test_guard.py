"""The figure guard with scripted engines: wrong magnitudes, dropped, invented and re-qualified figures."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarise.figures import extract_figures, parse_english_figures
from summarise.guard import (
    check_english,
    check_summary,
    key_figures,
    qualifiers_compatible,
    repair_translation,
    stated_in,
)
from summarise.testing.fakes import FailingTranslator, FakeTranslator
from summarise.types import Article, Paragraph

HEADLINE = "生物园区超额完成招商引资年度目标任务"
INVEST = "招商引资省外到位资金22.7亿元，完成目标任务的113.6%。"
AIR = "全省空气质量优良天数比例达95%以上。"
PEOPLE = "久美家园居住着4000多名群众。"
JOBS = "带动就业1400余人。"


@pytest.mark.parametrize(("zh", "english", "repaired", "warning"), [
    # wrong magnitude, the classic: 22.7亿 is 2.27 billion
    (INVEST, "Investment reached 22.7 billion yuan, 113.6% of the target.",
     "Investment reached 2.27 billion yuan, 113.6% of the target.",
     'figure 22.7亿元: English said "22.7 billion yuan", corrected to "2.27 billion yuan" (value)'),
    (INVEST, "Investment reached 227 million yuan, 113.6% of the target.",
     "Investment reached 2.27 billion yuan, 113.6% of the target.",
     'figure 22.7亿元: English said "227 million yuan", corrected to "2.27 billion yuan" (value)'),
    (INVEST, "Investment reached $2.27 billion, 113.6% of the target.",
     "Investment reached 2.27 billion yuan, 113.6% of the target.",
     ('figure 22.7亿元: English said "$2.27 billion" (in US dollars, which cannot be compared with yuan), '
     'corrected to "2.27 billion yuan" (value and unit)')),
    # the qualifier dropped or changed
    (AIR, "Good air days were 95% of the total.", "Good air days were over 95% of the total.",
     'figure 95%以上: English said "95%", corrected to "over 95%" (qualifier)'),
    (AIR, "Good air days were under 95 percent.", "Good air days were over 95%.",
     'figure 95%以上: English said "under 95 percent", corrected to "over 95%" (qualifier)'),
    (PEOPLE, "It houses about 4,000 people.", "It houses more than 4,000 people.",
     'figure 4000多名: English said "about 4,000", corrected to "more than 4,000" (qualifier)'),
    (JOBS, "It created 1,400 jobs.", "It created more than 1,400 jobs.",
     'figure 1400余人: English said "1,400", corrected to "more than 1,400" (qualifier)'),
    # a wrong value with one unambiguous counterpart
    ("海拔4215米的山麓雪线。", "The snow line at 4,512 metres.", "The snow line at 4,215 metres.",
     'figure 4215米: English said "4,512 metres", corrected to "4,215 metres" (value)'),
])
def test_wrong_figure_is_repaired_in_place(zh: str, english: str, repaired: str, warning: str) -> None:
    out, warnings = repair_translation([zh], [english])
    assert out == [repaired]
    assert warnings == [warning]


@pytest.mark.parametrize(("zh", "english"), [
    (INVEST, "Investment reached 2.27 billion yuan, 113.6% of the target."),
    (INVEST, "Investment reached 2,270 million yuan, or 113.6 percent of the target."),
    (INVEST, "Investment reached 2.27bn yuan, 113.6 per cent of the target."),
    (AIR, "Over 95 percent of days had good air."),
    (AIR, "More than 95% of days had good air."),
    (PEOPLE, "It houses more than 4,000 people."),
    (PEOPLE, "It houses over 4,000 residents."),
    ("12月24日，陈刚调研。", "On December 24, Chen Gang visited."),
    ("1月至11月，比例达标。", "From January to November, the ratio met the target."),
    ("第三轮督察5个典型案例。", "Five typical cases of the third round of inspections."),
    ("陈刚登上海拔4215米的雪线。", "Chen climbed to 4,215 metres."),
    ("没有数字的句子。", "A sentence without numbers."),
])
def test_correct_translation_is_left_alone(zh: str, english: str) -> None:
    assert repair_translation([zh], [english]) == ([english], [])


def test_a_year_is_never_rewritten_as_a_missing_figure() -> None:
    out, warnings = repair_translation(["海拔4215米的山麓雪线。"], ["In 2024 he climbed to the snow line."])
    assert out == ["In 2024 he climbed to the snow line. (4,215 metres)"]
    assert warnings[-1] == 'figure 4215米: English omitted it; appended "4,215 metres"'


def test_dropped_figure_is_appended_with_a_warning_when_there_is_no_translator() -> None:
    out, warnings = repair_translation([INVEST], ["Investment reached 2.27 billion yuan."])
    assert out == ["Investment reached 2.27 billion yuan. (113.6%)"]
    assert warnings == ['figure 113.6%: English omitted it; appended "113.6%"']


def test_ambiguous_wrong_figures_fall_back_to_the_rendering_and_name_what_was_said() -> None:
    out, warnings = repair_translation([INVEST], ["It drew 3 billion yuan and 12 billion yuan, 113.6% of plan."])
    assert out == ["It drew 3 billion yuan and 12 billion yuan, 113.6% of plan. (2.27 billion yuan)"]
    assert 'figure 22.7亿元: English said "3 billion yuan", "12 billion yuan"; appended "2.27 billion yuan"' in warnings


def test_retranslation_with_placeholders_restores_the_figures() -> None:
    def script(text: str) -> str:
        return "Funds of [F1] arrived, [F2] of the target." if "[F1]" in text else "garbage"

    translator = FakeTranslator(script=script)
    out, warnings = repair_translation([INVEST], ["It drew 3 billion and 12 billion yuan."], translator)
    assert out == ["Funds of 2.27 billion yuan arrived, 113.6% of the target."]
    assert translator.calls == [["招商引资省外到位资金[F1]，完成目标任务的[F2]。"]]
    assert any(w.startswith("figure 22.7亿元: English said") and "re-translated" in w for w in warnings)
    assert any(w.startswith("figure 113.6%: English omitted it; re-translated") for w in warnings)


@pytest.mark.parametrize("script", [
    lambda text: "▁▁ gibberish tokens ▁",  # a tiny random model
    lambda text: "Funds of [F1] arrived.",  # a placeholder lost
    lambda text: "Funds of [F9] and [F1] and [F2] 999.",  # an unknown placeholder and a stray number
])
def test_failed_retranslation_falls_back_and_never_loses_the_figure(script: Any) -> None:
    out, warnings = repair_translation([INVEST], ["Nothing useful."], FakeTranslator(script=script))
    assert out == ["Nothing useful. (2.27 billion yuan; 113.6%)"]
    assert len([w for w in warnings if "appended" in w]) == 2


def test_translator_that_raises_falls_back() -> None:
    out, warnings = repair_translation([JOBS], ["Jobs were created."], FailingTranslator("CUDA out of memory"))
    assert out == ["Jobs were created. (more than 1,400 people)"]
    assert warnings == ['figure 1400余人: English omitted it; appended "more than 1,400 people"']


def test_empty_english_gets_the_renderings() -> None:
    assert repair_translation([JOBS], [""]) == (
        ["more than 1,400 people"], ['figure 1400余人: English omitted it; appended "more than 1,400 people"'])


def test_figure_invented_by_the_translator_is_warned_about() -> None:
    out, warnings = repair_translation([JOBS], ["It created more than 1,400 jobs in 300 firms."])
    assert out == ["It created more than 1,400 jobs in 300 firms."]
    assert warnings == ['English figure "300" matches no figure of the source sentence']


def test_a_number_invented_in_a_sentence_without_figures_is_warned_about() -> None:
    out, warnings = repair_translation([HEADLINE], ["Bio park 89 beats its annual target"])
    assert out == ["Bio park 89 beats its annual target"]
    assert warnings == ['English figure "89" matches no figure of the source sentence']


def test_missing_name_is_warned_about_not_invented() -> None:
    out, warnings = repair_translation(["提前完成“十四五”目标任务。"], ["The targets were met early."])
    assert out == ["The targets were met early."]
    assert warnings == ['figure “十四五”: "14th Five-Year Plan" not found in the English']


def test_repair_returns_new_lists_of_the_same_length_and_order() -> None:
    zh = [HEADLINE, INVEST, AIR]
    en = ["Park beats target", "It drew 22.7 billion yuan, 113.6% of plan.", "95% good days."]
    zh_copy, en_copy = list(zh), list(en)
    out, _ = repair_translation(zh, en)
    assert (zh, en) == (zh_copy, en_copy)
    assert out == ["Park beats target", "It drew 2.27 billion yuan, 113.6% of plan.", "over 95% good days."]


ARTICLE = ("招商引资省外到位资金22.7亿元，完成目标任务的113.6%，签约额51.7亿元。"
           "带动就业1400余人。全省空气质量优良天数比例达95%以上。")


@pytest.mark.parametrize(("sentences", "kept", "dropped"), [
    (["资金22.7亿元。", "带动就业1400余人。"], ["资金22.7亿元。", "带动就业1400余人。"], []),
    (["资金30亿元。", "带动就业1400余人。"], ["带动就业1400余人。"], ["30亿元"]),
    (["完成目标任务的120%。"], [], ["120%"]),
    (["带动就业2000人。"], [], ["2000人"]),
    (["资金22.7亿。"], ["资金22.7亿。"], []),  # the unit left out is not a new figure
    (["就业1400人。"], ["就业1400人。"], []),  # nor is a dropped qualifier
    (["签约额51.7亿美元。"], [], ["51.7亿美元"]),  # yuan became dollars: not in the article
    (["没有数字。"], ["没有数字。"], []),
])
def test_check_summary_drops_sentences_with_invented_figures(
    sentences: list[str], kept: list[str], dropped: list[str]
) -> None:
    out, warnings = check_summary(ARTICLE, sentences)
    assert out == kept
    assert len(warnings) == len(dropped)
    for surface, warning in zip(dropped, warnings):
        assert warning.startswith(f"summary sentence dropped: figure {surface} (")
        assert "does not occur in the article" in warning


def test_check_english_repairs_drops_and_keeps_the_headline() -> None:
    sentences = [
        "Park hits 113.6% of target with 99 new firms",
        "It attracted 22.7 billion yuan of investment.",
        "It created 1,400 jobs.",
        "It also built 300 homes.",
        "Over 95 percent of days had good air.",
    ]
    out, warnings = check_english(ARTICLE, sentences, headline="生物园区超额完成")
    assert out == [
        "Park hits 113.6% of target with 99 new firms",
        "It attracted 2.27 billion yuan of investment.",
        "It created more than 1,400 jobs.",
        "Over 95 percent of days had good air.",
    ]
    assert warnings == [
        'headline figure "99" does not occur in the article',
        'figure 22.7亿元: English said "22.7 billion yuan", corrected to "2.27 billion yuan" (value)',
        'figure 1400余人: English said "1,400", corrected to "more than 1,400" (qualifier)',
        'sentence dropped: figure "300" does not occur in the article: It also built 300 homes.',
    ]


@pytest.mark.parametrize(("source", "english", "compatible"), [
    ("over", "more than", True), ("more than", "over", True), ("about", "nearly", True),
    ("over", None, False), (None, "about", False), ("over", "under", False), (None, None, True),
    ("at least", "over", False), ("up to", "up to", True),
])
def test_qualifier_compatibility(source: str | None, english: str | None, compatible: bool) -> None:
    assert qualifiers_compatible(source, english) is compatible


def _article(headline: str, paragraphs: list[str], start: int = 0) -> Article:
    made = []
    position = start + len(headline) + 1
    for text in paragraphs:
        made.append(Paragraph(text, position, position + len(text)))
        position += len(text) + 1
    return Article(0, headline, None, None, tuple(made), start, position)


def test_key_figures_rank_headline_money_and_percentages_first_with_page_offsets() -> None:
    paragraphs = [
        "12月24日，园区新增市场主体814个，其中企业490个。",
        "引进落地各类企业项目49个，总投资97.5亿元，完成目标任务的113.6%。",
        "前11个月空气质量优良天数比例达95%以上。",
    ]
    article = _article("空气质量优良天数比例达95%以上", paragraphs, start=40)
    page = " " * 40 + article.headline + "\n" + "\n".join(paragraphs)  # type: ignore[operator]
    figures = key_figures(article, limit=5)
    assert [f.text for f in figures] == ["95%以上", "97.5亿元", "113.6%", "814个", "490个"]
    for figure in figures:
        assert page[figure.start:figure.end] == figure.text
    assert all(f.kind != "date" for f in key_figures(article, limit=20))


def test_key_figures_keep_each_quantity_once() -> None:
    article = _article("标题", ["比例达95%以上。", "比例达95%以上。", "资金22.7亿元。"])
    assert [f.text for f in key_figures(article)] == ["95%以上", "22.7亿元"]


_SAMPLE_SENTENCES = [HEADLINE, INVEST, AIR, PEOPLE, JOBS, "1月至11月，全省新增71个网点。", "第三轮督察5个典型案例50项问题。",
                     "盘活土地约562亩，新增工业用地263亩。", "12月24日，省委书记调研。"]
_english_noise = st.one_of(
    st.text(max_size=60),
    st.lists(st.sampled_from(["22.7", "billion", "yuan", "95%", "over", "about", "4,000", "2.27", "1,400",
                              "January", "the", "[F1]", "113.6%", "million", "-", "$", " "]),
             max_size=12).map(" ".join),
)


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(_SAMPLE_SENTENCES), _english_noise, st.booleans())
def test_whatever_the_model_writes_every_figure_reaches_the_reader(zh: str, english: str,
                                                                  with_translator: bool) -> None:
    translator = FakeTranslator(script=lambda text: english) if with_translator else None
    out, warnings = repair_translation([zh], [english], translator)
    assert len(out) == 1
    parsed = parse_english_figures(out[0])
    for figure in extract_figures(zh):
        if figure.kind != "name":
            assert stated_in(figure, parsed), (figure.text, out[0])
    if out[0] != english:
        assert warnings  # nothing changes silently
