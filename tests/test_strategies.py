"""The three strategies (two-stage, lead, direct): how the setting resolves, the lead selection, model
calls counted per stage, cut-off replies, and briefs with the JSON contract from the tiny LLM."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarise.cli import main
from summarise.config import resolve_config
from summarise.engines import llm as llm_module
from summarise.engines.llm import DEFAULT_STRATEGY, LLMEngine
from summarise.engines.llm_answers import Reply, complete_sentences
from summarise.errors import ConfigError
from summarise.extractive import lead_summary
from summarise.guard import key_figures
from summarise.models.prompts import load_prompt
from summarise.pipeline import Briefer
from summarise.testing.fakes import FakeSummariser, FakeTranslator
from summarise.types import Article, Brief, Paragraph
from tests.test_llm_guard import TaskChat

HAIDONG = Path(__file__).resolve().parents[1] / "corpus" / "haidong-blank-line-separated-page.txt"
CONTRACT = {"id", "headline", "summary", "figures", "source", "warnings", "models", "summary_zh", "notes", "names"}


def article(*paragraphs: str, headline: str | None = "标题") -> Article:
    parts, start = [], 0
    for text in paragraphs:
        parts.append(Paragraph(text, start, start + len(text)))
        start += len(text) + 1
    return Article(0, headline, None, None, tuple(parts), 0, start)


# -- the setting ------------------------------------------------------------------------------------


def test_the_strategy_resolves_flag_then_environment_then_default() -> None:
    assert resolve_config({}).strategy == "auto"
    assert resolve_config({"SUMMARISE_STRATEGY": "two-stage"}).strategy == "two-stage"
    assert resolve_config({"SUMMARISE_STRATEGY": "two-stage"}, strategy="lead").strategy == "lead"
    with pytest.raises(ConfigError, match="unknown strategy 'fastest'"):
        resolve_config({"SUMMARISE_STRATEGY": "fastest"})


@pytest.mark.parametrize(("environ", "flags", "expected"), [
    ({}, {}, DEFAULT_STRATEGY),  # auto: the engine's own
    ({"SUMMARISE_STRATEGY": "two-stage"}, {}, "two-stage"),
    ({"SUMMARISE_STRATEGY": "two-stage"}, {"strategy": "direct"}, "direct"),
])
def test_auto_is_the_engines_own_strategy_and_a_setting_overrides_it(
        monkeypatch: pytest.MonkeyPatch, environ: dict[str, str], flags: dict[str, str], expected: str) -> None:
    monkeypatch.setattr(llm_module, "open_chat", lambda model, backend, settings: _TaskChat({}))
    config = resolve_config(environ, engine="llm", llm_model="scripted/model", **flags)
    assert Briefer(config).engines.strategy == expected
    assert Briefer(engine="torch", strategy="lead").engines.strategy == "lead"  # the API's keyword
    assert Briefer(engine="torch").engines.strategy == "two-stage"


def test_direct_needs_an_engine_that_briefs_directly() -> None:
    briefer = Briefer(summariser=FakeSummariser(), translator=FakeTranslator(), strategy="direct")
    with pytest.raises(ConfigError, match="strategy 'direct' needs an engine that briefs directly"):
        briefer.brief(HAIDONG.read_text(encoding="utf-8"))


def test_the_cli_takes_the_strategy_from_the_flag_or_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    result = CliRunner().invoke(main, ["brief", str(HAIDONG), "--strategy", "fastest"])
    assert result.exit_code == 2 and "fastest" in result.output
    monkeypatch.setenv("SUMMARISE_STRATEGY", "fastest")
    result = CliRunner().invoke(main, ["brief", str(HAIDONG)])
    assert result.exit_code == 2 and "unknown strategy 'fastest'" in result.stderr


# -- the lead summary -------------------------------------------------------------------------------


def test_the_lead_summary_is_the_lead_then_the_key_figure_sentences_in_article_order() -> None:
    text = article("今年全省经济平稳运行。各地积极推进项目建设。", "全年投资22.7亿元,同比增长12.5%。",
                   "签约额51.7亿元。群众满意度较高。")
    chosen = lead_summary(text, max_sentences=3)
    assert chosen == ["今年全省经济平稳运行。", "全年投资22.7亿元,同比增长12.5%。", "签约额51.7亿元。"]
    assert len(key_figures(text)) == 3  # every key figure is stated by the chosen sentences


def test_the_lead_summary_keeps_to_its_budget_and_sentence_cap() -> None:
    text = article("开头一句。", "投资22.7亿元。" * 1, "增长12.5%。", "签约51.7亿元,完成目标任务的129.3%。")
    assert lead_summary(text, max_sentences=2) == ["开头一句。", "签约51.7亿元,完成目标任务的129.3%。"]
    assert lead_summary(text, max_sentences=3, budget=16) == ["开头一句。", "投资22.7亿元。"]
    assert lead_summary(text, max_sentences=1) == ["开头一句。"]


def test_an_article_without_figures_gets_its_first_two_sentences() -> None:
    text = article("省委书记赴果洛调研。他强调要推动高质量发展。座谈会在玛沁召开。")
    assert lead_summary(text) == ["省委书记赴果洛调研。", "他强调要推动高质量发展。"]
    assert lead_summary(article("只有一句。")) == ["只有一句。"]
    assert lead_summary(article("一" * 300 + "。", "第二句。")) == ["一" * 300 + "。"]  # the lead, whatever its length


def test_the_lead_strategy_briefs_without_a_summariser() -> None:
    summariser, translator = FakeSummariser(), FakeTranslator(script=lambda text: "Fine.")
    briefer = Briefer(summariser=summariser, translator=translator, strategy="lead")
    briefs = briefer.brief(HAIDONG.read_text(encoding="utf-8"))
    assert len(briefs) == 3 and summariser.calls == [] and set(briefer.timings) == {"select", "translate", "guard"}
    assert briefs[0].summary_zh and briefs[0].summary_zh.startswith("11月1日起,海东市全面启动冬季供暖保障专项行动")
    sent = translator.calls[0]  # one flat call: each headline, then its chosen sentences
    assert sent[:2] == ["海东市启动冬季供暖保障专项行动", "11月1日起,海东市全面启动冬季供暖保障专项行动,全市集中供暖面积达1850万平方米,惠及居民约26万户。"]
    # The headline-less third article: its first sentence is its headline, and is translated once.
    assert sent.count("据了解,乐都区今年新建高标准农田5.2万亩,完成年度任务的104%。") == 1
    assert briefs[2].headline.startswith("Fine.")


# -- model calls and cut-off replies -----------------------------------------------------------------


@dataclass
class _TaskChat(TaskChat):
    """test_llm_guard's scripted chat, knowing every template, replying "Fine." by default; `cut` marks a
    task's replies as stopped at the token limit, and each call records whether it was English-only."""

    cut: set[str] = field(default_factory=set)
    english: list[tuple[str, bool]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.openings = {name: load_prompt(name).text[:12] for name in
                         ("brief_direct", "brief_direct_retry", "headline_en", "translate_zh_en", "summarise_zh")}

    def generate(self, prompts: list[str], *, english_only: bool = False) -> list[str]:
        tasks = [next(n for n, opening in self.openings.items() if p.startswith(opening)) for p in prompts]
        self.calls.extend(tasks)
        self.english.extend((task, english_only) for task in tasks)
        return [Reply(self.replies.get(task, "Fine."), cut_off=task in self.cut) for task in tasks]


def test_model_calls_are_counted_per_stage_and_english_answers_are_masked(monkeypatch: pytest.MonkeyPatch) -> None:
    chat = _TaskChat({"translate_zh_en": "Haidong heats 18.5 million square metres.", "summarise_zh": "海东供暖。"})
    monkeypatch.setattr(llm_module, "open_chat", lambda model, backend, settings: chat)
    briefer = Briefer(engine="llm", model="scripted/model", strategy="two-stage")
    briefs = briefer.brief(HAIDONG.read_text(encoding="utf-8"))
    translations = chat.calls.count("translate_zh_en")
    # Two headlines and the one summary sentence all three share: each distinct text is translated once;
    # the third article, which has no headline, gets one written.
    assert briefer.model_calls["summarise"] == 3 and briefer.model_calls["translate"] == 3
    # The headline prompt runs twice: once for the untitled article, once for the article whose headline
    # "translation" states 18.5 million square metres, a figure only the first article has.
    assert briefer.model_calls["headline"] == 2
    assert sum(briefer.model_calls.values()) == len(chat.calls) and translations >= 3
    assert briefer.model_calls.get("guard", 0) == translations - 3  # the guard's protected re-translations
    # Only the Chinese summary is decoded with CJK allowed.
    assert dict(chat.english) == {"summarise_zh": False, "translate_zh_en": True, "headline_en": True}
    assert len(briefs) == 3


def test_an_article_without_a_headline_gets_one_written_and_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    chat = _TaskChat({"headline_en": "Ledu builds 5,200 mu of farmland", "translate_zh_en": "Fine."})
    monkeypatch.setattr(llm_module, "open_chat", lambda model, backend, settings: chat)
    briefer = Briefer(engine="llm", model="scripted/model", strategy="lead")
    titled, _, untitled = briefer.brief(HAIDONG.read_text(encoding="utf-8"))
    # Written by the headline prompt, its figure repaired against the article (5.2万亩 is 52,000 mu).
    assert untitled.headline == "Ledu builds 52,000 mu of farmland"
    assert "figure-corrected" in [note.code for note in untitled.notes]
    assert untitled.summary.startswith("Fine.") and chat.calls.count("headline_en") == 1
    assert briefer.model_calls["headline"] == 1 and titled.headline == "Fine."  # a headline is translated


def test_a_headline_whose_translation_was_cut_off_empty_is_written_instead(monkeypatch: pytest.MonkeyPatch) -> None:
    chat = _TaskChat({"headline_en": "Haidong heats its homes", "translate_zh_en": "It never ends"},
                     cut={"translate_zh_en"})
    monkeypatch.setattr(llm_module, "open_chat", lambda model, backend, settings: chat)
    briefer = Briefer(engine="llm", model="scripted/model", strategy="lead")
    briefs = briefer.brief(HAIDONG.read_text(encoding="utf-8"))
    assert [brief.headline for brief in briefs] == ["Haidong heats its homes"] * 3
    # Nothing of the cut-off translations is published; the guard states the figures instead.
    assert all("It never ends" not in brief.summary for brief in briefs)
    assert "18.5 million square metres" in briefs[0].summary


@pytest.mark.parametrize(("written", "expected"), [
    ("Haidong heats its homes", "Haidong heats its homes"),  # written again from the article
    ("Haidong heats 9 million homes", None),  # the written one invents too: the translation stays, noted
])
def test_a_headline_translation_with_an_invented_figure_is_written_again(
        monkeypatch: pytest.MonkeyPatch, written: str, expected: str | None) -> None:
    invented = "Haidong welcomed over 1 million visitors in 2023."
    chat = _TaskChat({"headline_en": written, "translate_zh_en": invented})
    monkeypatch.setattr(llm_module, "open_chat", lambda model, backend, settings: chat)
    briefer = Briefer(engine="llm", model="scripted/model", strategy="lead")
    titled = briefer.brief(HAIDONG.read_text(encoding="utf-8"))[0]
    codes = [note.code for note in titled.notes]
    assert "headline-figure-unsupported" in codes
    if expected is None:
        assert titled.headline == invented
    else:
        assert titled.headline == expected and "1 million" not in titled.headline
        assert any("written again" in note.message for note in titled.notes)


def test_the_verbose_line_reports_model_calls_per_brief(monkeypatch: pytest.MonkeyPatch) -> None:
    chat = _TaskChat({"translate_zh_en": "Fine."})
    monkeypatch.setattr(llm_module, "open_chat", lambda model, backend, settings: chat)
    result = CliRunner().invoke(main, ["brief", str(HAIDONG), "--engine", "llm", "--model", "scripted/model",
                                       "--strategy", "lead", "-v"])
    assert result.exit_code == 0, result.output
    match = re.search(r"\(lead strategy\) in [\d.]+s \(select [\d.]+s, headline [\d.]+s, guard [\d.]+s, "
                      r"translate [\d.]+s; model calls (\d+) \(([\d.]+) per brief: headline 1, translate (\d+)",
                      result.stderr)
    assert match, result.stderr
    assert int(match.group(1)) == len(chat.calls) and float(match.group(2)) == round(len(chat.calls) / 3, 1)


def test_a_translation_cut_off_mid_sentence_keeps_only_its_complete_sentences() -> None:
    chat = _TaskChat({"translate_zh_en": "Haidong started heating. It covers 18.5 million square"}, cut={"translate_zh_en"})
    engine = LLMEngine("scripted", chat=chat)
    assert engine.translate(["海东供暖。覆盖1850万平方米。"]) == ["Haidong started heating."]
    assert engine.model_calls == {"translate_zh_en": 1}
    chat.replies["translate_zh_en"] = "Haidong started heating and it covers"
    assert engine.translate(["海东供暖。"]) == [""]  # nothing complete: the guard supplies the figures


def test_a_direct_brief_cut_off_mid_sentence_is_trimmed_and_one_cut_before_any_is_retried_shorter() -> None:
    chat = _TaskChat({"brief_direct": '{"headline": "H", "summary": "One. Two is cut'}, cut={"brief_direct"})
    engine = LLMEngine("scripted", chat=chat)
    [answer] = engine.brief_direct([article("海东供暖。")])
    assert (answer.headline, answer.summary) == ("H", "One.")
    chat.replies["brief_direct"] = '{"headline": "H", "summary": "Nothing ends'
    chat.replies["brief_direct_retry"] = '{"headline": "H2", "summary": "Short."}'
    retried: list[str] = []
    original = chat.generate
    chat.generate = lambda prompts, **options: retried.extend(prompts) or original(prompts, **options)  # type: ignore[method-assign]
    [answer] = engine.brief_direct([article("海东供暖。")])
    assert (answer.headline, answer.summary) == ("H2", "Short.")
    assert '"<1 English sentences>"' in retried[-1]  # the retry asked for one sentence
    assert engine.model_calls == {"brief_direct": 2, "brief_direct_retry": 1}


@pytest.mark.parametrize(("text", "kept"), [
    ("It grew 2.27 billion yuan. Then it", "It grew 2.27 billion yuan."),
    ("The U.S. team said \"yes.\" And", "The U.S. team said \"yes.\""),
    ("Up 3.5%! Down", "Up 3.5%!"),
    ("No sentence ends", ""),
])
def test_complete_sentences(text: str, kept: str) -> None:
    assert complete_sentences(text) == kept


# -- the JSON contract, from the tiny LLM -------------------------------------------------------------


@pytest.mark.parametrize("strategy", ["direct", "two-stage", "lead"])
def test_each_strategy_briefs_a_page_with_the_json_contract(tiny_llm, tmp_path: Path, strategy: str) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("llama_cpp")
    page = tmp_path / "page.txt"  # the sample page's first two articles: enough, and quick
    page.write_text("\n\n".join(HAIDONG.read_text(encoding="utf-8").split("\n\n")[:2]), encoding="utf-8")
    result = CliRunner().invoke(main, ["brief", str(page), "--engine", "llm", "--model", str(tiny_llm.gguf),
                                       "--strategy", strategy, "--max-new-tokens", "4", "--format", "json", "-v"])
    assert result.exit_code == 0, result.output
    briefs = json.loads(result.stdout)
    assert len(briefs) == 2 and f"({strategy} strategy)" in result.stderr and "model calls" in result.stderr
    for data in briefs:
        assert set(data) == CONTRACT
        assert Brief.from_dict(data).to_dict() == data
        assert data["models"]["summariser"]["english_only"] is True
        assert data["source"]["sha256"] and data["figures"]
        if strategy == "direct":
            assert data["summary_zh"] is None
        else:
            assert data["summary_zh"]
    if strategy == "lead":  # the lead summary is the article's own sentences
        text = page.read_text(encoding="utf-8")
        assert all(data["summary_zh"].split("。")[0] in text for data in briefs)
