"""The language guard: Chinese left in English is re-translated, transliterated or removed, with warnings."""

from __future__ import annotations

import pytest

from summarise.guard import check_language
from summarise.guard.language import cjk_characters, remove_chinese, transliterate
from summarise.testing.fakes import FailingTranslator, FakeTranslator

pytest.importorskip("pypinyin")


@pytest.mark.parametrize(("name", "pinyin"), [("西宁", "Xining"), ("西宁市", "Xining City"),
                                              ("青海省", "Qinghai Province"), ("果洛", "Guoluo")])
def test_names_are_transliterated(name: str, pinyin: str) -> None:
    assert transliterate(name) == pinyin


def test_a_name_is_transliterated_when_the_translator_guesses_another_name() -> None:
    translator = FakeTranslator(table={"西宁": "Shanghai"})  # what the real 1.5B model said for 西宁 alone
    texts, warnings = check_language(["The BioPark in西宁 Economic Development Zone"], translator)
    assert texts == ["The BioPark in Xining Economic Development Zone"]
    assert warnings == [['Chinese "西宁" left in the English: transliterated as "Xining"']]


def test_a_short_run_keeps_a_common_word_or_a_translation_that_spells_the_name() -> None:
    translator = FakeTranslator(table={"方针": "policy", "西宁市": "Xining City"})
    texts, _ = check_language(["Military strategy方针, and 西宁市 grew."], translator)
    assert texts == ["Military strategy policy, and Xining City grew."]


def test_a_phrase_is_re_translated_when_the_translator_gives_english() -> None:
    translator = FakeTranslator(table={"经济技术开发区": "Economic and Technological Development Zone"})
    texts, warnings = check_language(["The park in the 经济技术开发区 grew."], translator)
    assert texts == ["The park in the Economic and Technological Development Zone grew."]
    assert "re-translated" in warnings[0][0]
    assert translator.calls == [["经济技术开发区"]]


def test_without_a_usable_translation_a_phrase_is_removed() -> None:
    translator = FakeTranslator()  # echoes "EN(<chinese>)": still Chinese, so not usable
    texts, warnings = remove_chinese(["Park in西宁 grew.", "It 坚定不移打造生态文明高地 was said."], translator)
    assert texts == ["Park in Xining grew.", "It was said."]
    assert "transliterated" in warnings[0][0]
    assert warnings[1] == ['Chinese "坚定不移打造生态文明高地" left in the English: removed (no usable translation)']
    # The second text is mostly Chinese: asked whole first (unusable: still Chinese), then run by run.
    assert translator.calls == [["It 坚定不移打造生态文明高地 was said."], ["西宁", "坚定不移打造生态文明高地"]]
    texts, warnings = remove_chinese(["It " + "生态" * 31 + " was said."], translator)  # 62: too long to ask
    assert texts == ["It was said."] and "removed" in warnings[0][0] and len(translator.calls) == 3


def test_one_batched_call_for_all_distinct_runs_and_clean_text_untouched() -> None:
    translator = FakeTranslator(table={"生物科技产业园区": "Biotech Industrial Park", "招商引资": "investment"})
    texts, warnings = remove_chinese(
        ["The 生物科技产业园区 and its 招商引资 office", "Clean English, 2.27 billion yuan.", "The 生物科技产业园区 grew fast"],
        translator)
    assert translator.calls == [["生物科技产业园区", "招商引资"]]
    assert texts == ["The Biotech Industrial Park and its investment office", "Clean English, 2.27 billion yuan.",
                     "The Biotech Industrial Park grew fast"]
    assert warnings[1] == []
    assert all(cjk_characters(t) == 0 for t in texts)


def test_full_width_punctuation_is_folded_and_a_failing_translator_never_loses_the_text() -> None:
    texts, _warnings = remove_chinese(["Growth，rapid：西宁。"], FailingTranslator())
    assert texts == ["Growth,rapid:Xining."]
    assert cjk_characters("Growth，rapid：西宁。") == 5 and cjk_characters(texts[0]) == 0


@pytest.mark.parametrize("reply", ["No translation", "The entire text is in Chinese",
                                   'No quotes, no notes, no "The Chinese text ... translates to'])
def test_a_reply_about_the_task_is_not_taken_for_a_translation(reply: str) -> None:
    # Real replies of Qwen2.5-Coder-1.5B to fragments of the sample page (benchmarks/results).
    texts, warnings = remove_chinese(["It 全省土壤环境质量保持清洁 was said."], FakeTranslator(
        table={"全省土壤环境质量保持清洁": reply}))
    assert texts == ["It was said."] and "removed" in warnings[0][0]


def test_an_answer_mostly_in_chinese_is_re_translated_whole() -> None:
    # The shape of Qwen2.5-Coder-1.5B's real summary of the biotech article: Chinese with English commas.
    answer = "西宁经济技术开发区生物科技产业园区管委会超额完成招商引资年度目标任务,成功引进一批项目."
    translator = FakeTranslator(table={answer: "The biotech park beat its annual investment target."})
    texts, warnings = remove_chinese([answer, "Clean English."], translator)
    assert texts == ["The biotech park beat its annual investment target.", "Clean English."]
    assert warnings == [["the English was mostly Chinese: re-translated whole"], []]
    assert translator.calls == [[answer]]
    # When the whole re-translation is unusable, the runs are handled one by one as before.
    texts, warnings = remove_chinese([answer], FakeTranslator())
    assert texts == [""] or all(cjk_characters(t) == 0 for t in texts)
    assert all("removed" in w for w in warnings[0])


def test_a_whole_re_translation_that_keeps_a_name_in_chinese_is_used_and_the_name_transliterated() -> None:
    # The real model's whole re-translation of its Chinese answer kept a name (and once a phrase) in
    # Chinese; throwing the whole English away for that left a list of fragments.
    answer = "西宁经济技术开发区生物科技产业园区管委会超额完成招商引资年度目标任务,成功引进一批项目."
    english = "The 西宁 Economic Development Zone biotech park beat its annual investment target."
    texts, warnings = remove_chinese([answer], FakeTranslator(table={answer: english}))
    assert texts == ["The Xining Economic Development Zone biotech park beat its annual investment target."]
    assert warnings == [["the English was mostly Chinese: re-translated whole",
                         'Chinese "西宁" left in the English: transliterated as "Xining"']]


@pytest.mark.parametrize("reply", ["No translation.", "The entire text is in Chinese.", "西宁经济技术开发区 park"])
def test_a_whole_re_translation_about_the_task_or_still_chinese_is_refused(reply: str) -> None:
    answer = "西宁经济技术开发区生物科技产业园区管委会超额完成招商引资年度目标任务."
    _, warnings = remove_chinese([answer], FakeTranslator(table={answer: reply}))
    assert "the English was mostly Chinese: re-translated whole" not in warnings[0]
