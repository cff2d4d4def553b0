"""The pipeline's own logic, with fake engines whose output is controlled."""

from __future__ import annotations

import pytest

from summarise import Briefer, split_articles
from summarise.errors import ProcessingError
from summarise.guard.language import HAN
from summarise.pipeline import article_id
from summarise.testing.fakes import FakeSummariser, FakeTranslator
from tests.conftest import SAMPLE_PAGE

PAGE = SAMPLE_PAGE.read_text(encoding="utf-8")


def _briefer(**kwargs) -> Briefer:  # type: ignore[no-untyped-def]
    summariser = kwargs.pop("summariser", FakeSummariser())
    translator = kwargs.pop("translator", FakeTranslator())
    return Briefer(summariser=summariser, translator=translator, **kwargs)


def test_one_brief_per_article_in_page_order() -> None:
    briefs = _briefer().brief(PAGE)
    assert [b.source.headline for b in briefs] == [a.headline for a in split_articles(PAGE)]
    assert len(briefs) == 6


def test_each_model_stage_is_one_batched_call_across_articles() -> None:
    summariser, translator = FakeSummariser(), FakeTranslator()
    _briefer(summariser=summariser, translator=translator).brief(PAGE)
    assert [len(call) for call in summariser.calls] == [6]
    # One call carries the headlines and summary sentences of all six articles; the second is the guard's
    # re-translation, with figures protected by placeholders, of every sentence of the batch that needs it;
    # the third and fourth are the language guard's: the texts the fake left mostly Chinese, whole, then
    # every distinct run of Chinese still left in its "English".
    headlines = [a.headline for a in split_articles(PAGE)]
    assert all(h in translator.calls[0] for h in headlines)
    assert len(translator.calls) == 4
    assert len(translator.calls[1]) > 1 and all("[F" in s for s in translator.calls[1])
    assert all(text.startswith("EN(") for text in translator.calls[2])
    runs = translator.calls[3]
    assert len(runs) == len(set(runs)) > 6 and all(HAN.fullmatch(run) for run in runs)


def test_brief_many_batches_by_batch_size() -> None:
    summariser = FakeSummariser()
    briefs = list(_briefer(summariser=summariser, batch_size=4).brief_many([PAGE, PAGE]))
    assert [len(call) for call in summariser.calls] == [4, 4, 4]
    assert len(briefs) == 12


def test_ids_are_stable_and_unique() -> None:
    first = [b.id for b in _briefer().brief(PAGE)]
    second = [b.id for b in _briefer().brief(PAGE)]
    assert first == second and len(set(first)) == 6


def test_changed_text_changes_the_id_hash() -> None:
    article = split_articles(PAGE)[1]
    changed = split_articles(PAGE.replace("22.7亿元", "23.7亿元"))[1]
    assert article_id(article) != article_id(changed)
    assert article_id(article).split("#")[1].startswith("1-")


def test_bytes_in_another_encoding_give_the_same_briefs() -> None:
    utf8 = _briefer().brief(PAGE)
    gbk = _briefer().brief(PAGE.encode("gbk"))
    def comparable(brief):  # type: ignore[no-untyped-def]
        data = brief.to_dict()
        data.pop("id"), data["source"].pop("path")  # the source name differs: <bytes> vs <text>
        return data

    assert [comparable(b) for b in gbk] == [comparable(b) for b in utf8]


def test_hallucinated_summary_falls_back_to_the_lead_with_a_warning() -> None:
    summariser = FakeSummariser(script=lambda text: "园区新增投资300亿元。")
    briefs = _briefer(summariser=summariser).brief(PAGE)
    second = briefs[1]
    assert "300亿元" not in (second.summary_zh or "")
    assert second.summary_zh and second.summary_zh.startswith("招商引资省外到位资金22.7亿元")
    assert any("300亿元" in w for w in second.warnings)
    assert any("first sentence" in w for w in second.warnings)


def test_wrong_magnitude_in_translation_is_repaired_and_warned() -> None:
    lead = "招商引资省外到位资金22.7亿元。"
    summariser = FakeSummariser(script=lambda text: lead if "22.7亿元" in text else text.split("。")[0] + "。")
    translator = FakeTranslator(table={lead: "Investment from outside the province reached 22.7 billion yuan."})
    second = _briefer(summariser=summariser, translator=translator).brief(PAGE)[1]
    assert "2.27 billion yuan" in second.summary
    assert "22.7 billion" not in second.summary
    assert any("22.7亿元" in w and "22.7 billion" in w and "2.27 billion" in w for w in second.warnings)


def test_key_figures_lead_with_money_and_trace_to_the_page() -> None:
    from summarise.reading import page_from_text

    text = page_from_text(PAGE).text
    second = _briefer().brief(PAGE)[1]
    assert second.figures[0].text == "22.7亿元"
    assert second.figures[0].english == "2.27 billion yuan"
    for figure in second.figures:
        assert text[figure.start:figure.end] == figure.text


def test_models_field_records_engines_and_version() -> None:
    brief = _briefer().brief(PAGE)[0]
    assert brief.models["summariser"]["id"] == "fake-summariser"
    assert brief.models["translator"]["id"] == "fake-translator"
    assert brief.models["summarise_version"]


@pytest.mark.parametrize("stage", ["summariser", "translator"])
def test_an_engine_returning_the_wrong_count_is_a_processing_error(stage: str) -> None:
    broken = {
        "summariser": FakeSummariser(script=None),
        "translator": FakeTranslator(),
    }
    broken[stage].summarise = lambda texts: []  # type: ignore[method-assign,union-attr]
    broken[stage].translate = lambda texts: []  # type: ignore[method-assign,union-attr]
    with pytest.raises(ProcessingError, match="returned 0"):
        _briefer(**broken).brief(PAGE)


def test_stage_timings_accumulate_per_stage() -> None:
    briefer = _briefer()
    briefer.brief(PAGE)
    first = dict(briefer.timings)
    briefer.brief(PAGE)
    assert set(first) == {"summarise", "translate", "guard"}
    assert all(briefer.timings[stage] >= first[stage] > 0 for stage in first)
