"""The LLM engine's direct strategy inside the real pipeline: Briefer(engine="llm", model=...,
strategy="direct") built by the factory, with a scripted chat model in place of the network, so every
answer goes through summarise.guard."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from summarise.engines import llm as llm_module
from summarise.models.prompts import load_prompt
from summarise.pipeline import Briefer

ARTICLE = """青海投资22.7亿元建设生态项目

本报讯(记者 张国静)今年全省共投资22.7亿元用于生态保护,森林覆盖率达到95%以上。
全省有4000多名护林员参与巡护工作。
"""


@dataclass
class TaskChat:
    """Replies by task: the template a prompt came from is known by its opening words."""

    replies: dict[str, str]
    calls: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.openings = {name: load_prompt(name).text[:30] for name in
                         ("brief_direct", "brief_direct_retry", "headline_en")}

    def generate(self, prompts: list[str], *, english_only: bool = False) -> list[str]:
        tasks = [next(n for n, opening in self.openings.items() if p.startswith(opening)) for p in prompts]
        self.calls.extend(tasks)
        return [self.replies.get(task, "") for task in tasks]

    def count_tokens(self, prompt: str) -> int:
        return len(prompt)

    def context_limit(self) -> int | None:
        return None

    def describe(self) -> dict[str, Any]:
        return {"id": "scripted", "gguf_file": None, "revision": None}


@pytest.fixture()
def briefer_with(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """A Briefer(engine="llm", model=..., strategy="direct") whose chat model answers from a script."""

    def make(replies: dict[str, str]) -> tuple[Briefer, TaskChat]:
        chat = TaskChat(replies)
        monkeypatch.setattr(llm_module, "open_chat", lambda model, backend, settings: chat)
        return Briefer(engine="llm", model="scripted/model", strategy="direct"), chat

    return make


def _answer(headline: str, summary: str) -> str:
    return f'{{"headline": "{headline}", "summary": "{summary}"}}'


def test_the_api_builds_the_llm_engine_from_model(briefer_with) -> None:  # type: ignore[no-untyped-def]
    briefer, chat = briefer_with({"brief_direct": _answer("Qinghai invests in ecology", "Rangers patrol.")})
    [brief] = briefer.brief(ARTICLE)
    assert briefer.config.llm_model == "scripted/model"
    assert (brief.headline, brief.summary) == ("Qinghai invests in ecology", "Rangers patrol.")
    assert brief.models["engine"] == "llm" and brief.models["summariser"]["engine"] == "llm"
    assert chat.calls == ["brief_direct"]


def _first_prompt(monkeypatch: pytest.MonkeyPatch, article: str) -> str:
    """The first prompt the direct strategy sends the model for `article`."""
    seen: list[str] = []
    chat = TaskChat({"brief_direct": _answer("H", "S.")})
    original = chat.generate
    monkeypatch.setattr(chat, "generate", lambda prompts, **options: seen.extend(prompts) or original(prompts))
    monkeypatch.setattr(llm_module, "open_chat", lambda model, backend, settings: chat)
    Briefer(engine="llm", model="scripted/model", strategy="direct").brief(article)
    return seen[0]


def test_the_prompt_carries_the_deterministic_figure_hints(monkeypatch: pytest.MonkeyPatch) -> None:
    prompt = _first_prompt(monkeypatch, ARTICLE)
    assert "- 22.7亿元 = 2.27 billion yuan" in prompt
    assert "- 95%以上 = over 95%" in prompt
    assert "- 青海 = Qinghai (place)" in prompt  # and the names


def test_the_prompt_carries_a_person_with_the_titles_the_article_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    prompt = _first_prompt(monkeypatch, "陈刚赴果洛调研\n\n12月24日,省委书记、省人大常委会主任陈刚赴果洛藏族自治州调研。\n")
    assert ("- 陈刚 = Chen Gang (person; 省委书记 = secretary of the provincial Party committee; 省人大常委会主任 = "
            "chairman of the standing committee of the provincial people's congress)") in prompt


@pytest.mark.parametrize(
    ("headline", "summary", "expect_in_summary", "expect_absent", "warning"),
    [
        pytest.param(
            "Qinghai invests in ecology", "The province invested 22.7 billion yuan in ecology.",
            "2.27 billion yuan", "22.7 billion", "22.7亿元", id="wrong-magnitude-repaired",
        ),
        pytest.param(
            "Qinghai invests in ecology",
            "Forest cover reached 95%. The province invested 2.27 billion yuan.",
            "over 95%", "reached 95%.", "95%以上", id="dropped-qualifier-repaired",
        ),
        pytest.param(
            "Qinghai invests in ecology",
            "The province invested 2.27 billion yuan. It also hired 9,000 new rangers.",
            "2.27 billion yuan", "9,000", "does not occur in the article", id="invented-figure-dropped",
        ),
    ],
)
def test_figure_errors_in_llm_answers_are_repaired_or_dropped_with_a_warning(  # type: ignore[no-untyped-def]
    briefer_with, headline: str, summary: str, expect_in_summary: str, expect_absent: str, warning: str
) -> None:
    briefer, _ = briefer_with({"brief_direct": _answer(headline, summary)})
    [brief] = briefer.brief(ARTICLE)
    assert expect_in_summary in brief.summary
    assert expect_absent not in brief.summary
    assert any(warning in w for w in brief.warnings), brief.warnings


def test_a_figure_the_llm_left_out_is_still_in_the_brief_figures(briefer_with) -> None:  # type: ignore[no-untyped-def]
    briefer, _ = briefer_with({"brief_direct": _answer("Qinghai protects forests", "Rangers patrol the forests.")})
    [brief] = briefer.brief(ARTICLE)
    listed = {f.text: f.english for f in brief.figures}
    assert listed["22.7亿元"] == "2.27 billion yuan"
    assert listed["4000多名"] == "more than 4,000 people"


@pytest.mark.parametrize(
    ("replies", "headline", "summary", "warnings"),
    [
        pytest.param(
            {"brief_direct": "The province invested 22.7 billion yuan.",
             "brief_direct_retry": _answer("Qinghai invests 2.27 billion yuan", "Rangers patrol.")},
            "Qinghai invests 2.27 billion yuan", "Rangers patrol.",
            ["malformed LLM answer (the answer was not JSON); retried with a stricter prompt"],
            id="non-json-then-retry",
        ),
        pytest.param(
            {"brief_direct": "", "brief_direct_retry": "",
             "headline_en": "Qinghai invests in ecology"},
            "Qinghai invests in ecology", "",
            ["malformed LLM answer (the answer was empty); retried with a stricter prompt",
             "the LLM gave no summary; the brief is empty"],
            id="empty-twice",
        ),
        pytest.param(
            {"brief_direct": "Investment: 22.7 billion yuan", "brief_direct_retry": "still no JSON",
             "headline_en": "Qinghai invests"},
            "Qinghai invests", "still no JSON",
            ["the LLM answer was not a brief; its raw text is used as the summary"],
            id="non-json-twice",
        ),
    ],
)
def test_malformed_answers_become_briefs_with_warnings_never_a_crash(  # type: ignore[no-untyped-def]
    briefer_with, replies: dict[str, str], headline: str, summary: str, warnings: list[str]
) -> None:
    briefer, _ = briefer_with(replies)
    [brief] = briefer.brief(ARTICLE)
    assert (brief.headline, brief.summary) == (headline, summary)
    for warning in warnings:
        assert warning in brief.warnings


def test_batch_command_runs_the_llm_engine(briefer_with, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from click.testing import CliRunner

    from summarise.cli import main

    _, chat = briefer_with({"brief_direct": _answer("Qinghai invests in ecology", "Rangers patrol.")})
    page = tmp_path / "page.txt"
    page.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(main, ["batch", str(page), "--out", str(tmp_path / "briefs"), "-q",
                                       "--engine", "llm", "--model", "scripted/model", "--strategy", "direct"])
    assert result.exit_code == 0, result.output
    [line] = (tmp_path / "briefs.jsonl").read_text(encoding="utf-8").splitlines()
    brief = json.loads(line)
    assert (brief["headline"], brief["models"]["engine"]) == ("Qinghai invests in ecology", "llm")
    assert chat.calls == ["brief_direct"]
