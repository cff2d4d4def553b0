"""The language guard: Chinese left in English gets a name's standard form, the dictionary's English or the
translator's, or is removed, with warnings; pinyin only ever for names."""

from __future__ import annotations

import pytest

from summarise.guard import check_language
from summarise.guard.language import cjk_characters, name_english, remove_chinese
from summarise.testing.fakes import FailingTranslator, FakeTranslator

pytest.importorskip("pypinyin")


@pytest.mark.parametrize(("name", "english"), [("西宁", "Xining"), ("西宁市", "Xining City"),
                                               ("青海省", "Qinghai Province"), ("果洛", "Golog"),
                                               ("张国静", "Zhang Guojing"), ("互助县", "Huzhu County")])
def test_names_get_their_standard_form(name: str, english: str) -> None:
    assert name_english(name) == english


@pytest.mark.parametrize("word", ["带动", "巩固", "优良", "特色", "超额", "治理", "整改", "发展"])
def test_common_words_are_never_names(word: str) -> None:
    assert name_english(word) is None


def test_a_name_gets_its_standard_form_when_the_translator_guesses_another_name() -> None:
    translator = FakeTranslator(table={"西宁": "Shanghai"})  # what the real 1.5B model said for 西宁 alone
    texts, warnings = check_language(["The BioPark in西宁 Economic Development Zone"], translator)
    assert texts == ["The BioPark in Xining Economic Development Zone"]
    assert warnings == [['Chinese "西宁" left in the English: given its name\'s standard form as "Xining"']]
    assert [w.code for w in warnings[0]] == ["chinese-translated"]
    assert translator.calls == []


@pytest.mark.parametrize(("word", "english"), [("巩固", "strengthen"), ("带动", "drive"), ("优良", "good"),
                                               ("招商引资", "investment promotion"), ("特色", "characteristic")])
def test_a_common_word_is_translated_through_the_dictionary_never_spelt_in_pinyin(word: str, english: str) -> None:
    # The real model left these in Chinese; the old guard wrote "Gonggu", "Daidong", "Youliang", "Tese".
    translator = FakeTranslator(table={word: "Pinyinish"})
    texts, warnings = check_language([f"Projects with strong {word} effects."], translator)
    assert texts == [f"Projects with strong {english} effects."]
    assert [w.code for w in warnings[0]] == ["term-translated"]
    assert f'as "{english}"' in warnings[0][0] and translator.calls == []


def test_the_words_of_the_real_briefs_never_come_out_as_pinyin() -> None:
    words = ["带动", "巩固", "帮扶", "优良", "特色", "超额", "治理", "整改", "精细化", "办"]
    texts, _ = check_language([" ".join(f"x{w}x" for w in words)], FakeTranslator())
    for pinyin in ("Daidong", "Gonggu", "Bangfu", "Youliang", "Tese", "Chaoe", "Zhili", "Zhenggai", "Jingxihua", "Ban"):
        assert pinyin.lower() not in texts[0].lower().split()


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
    assert "standard form" in warnings[0][0]
    assert warnings[1] == ['Chinese "坚定不移打造生态文明高地" left in the English: removed (no usable translation)']
    # The second text is mostly Chinese: asked whole first (unusable: still Chinese), then the run that
    # is neither a name nor a dictionary word.
    assert translator.calls == [["It 坚定不移打造生态文明高地 was said."], ["坚定不移打造生态文明高地"]]
    texts, warnings = remove_chinese(["It " + "生态" * 31 + " was said."], translator)  # 62: too long to ask
    assert texts == ["It was said."] and "removed" in warnings[0][0] and len(translator.calls) == 3


def test_one_batched_call_for_all_distinct_runs_and_clean_text_untouched() -> None:
    translator = FakeTranslator(table={"坚持问题导向的": "problem-oriented", "三个务必": "three musts"})
    texts, warnings = remove_chinese(
        ["The 坚持问题导向的 and its 三个务必 office", "Clean English, 2.27 billion yuan.", "The 坚持问题导向的 grew fast"],
        translator)
    assert translator.calls == [["坚持问题导向的", "三个务必"]]
    assert texts == ["The problem-oriented and its three musts office", "Clean English, 2.27 billion yuan.",
                     "The problem-oriented grew fast"]
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


def test_a_whole_re_translation_that_keeps_a_name_in_chinese_is_used_and_the_name_given_its_form() -> None:
    # The real model's whole re-translation of its Chinese answer kept a name (and once a phrase) in
    # Chinese; throwing the whole English away for that left a list of fragments.
    answer = "西宁经济技术开发区生物科技产业园区管委会超额完成招商引资年度目标任务,成功引进一批项目."
    english = "The 西宁 Economic Development Zone biotech park beat its annual investment target."
    texts, warnings = remove_chinese([answer], FakeTranslator(table={answer: english}))
    assert texts == ["The Xining Economic Development Zone biotech park beat its annual investment target."]
    assert warnings == [["the English was mostly Chinese: re-translated whole",
                         'Chinese "西宁" left in the English: given its name\'s standard form as "Xining"']]


@pytest.mark.parametrize("reply", ["No translation.", "The entire text is in Chinese.", "西宁经济技术开发区 park"])
def test_a_whole_re_translation_about_the_task_or_still_chinese_is_refused(reply: str) -> None:
    answer = "西宁经济技术开发区生物科技产业园区管委会超额完成招商引资年度目标任务."
    _, warnings = remove_chinese([answer], FakeTranslator(table={answer: reply}))
    assert "the English was mostly Chinese: re-translated whole" not in warnings[0]
