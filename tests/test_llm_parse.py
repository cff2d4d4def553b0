"""Reading model replies: JSON wherever it is, cut-off JSON, labelled lines, raw text, empty."""

from __future__ import annotations

from decimal import Decimal

import pytest

from summarise.engines.llm import render_figure_hints
from summarise.engines.llm_answers import clean_reply, parse_answer, without_prompt_echo
from summarise.types import Figure

JSON = '{"headline": "Qinghai invests 2.27 billion yuan", "summary": "Work began. It ends in 2026.", "figures": ["2.27 billion yuan"]}'


@pytest.mark.parametrize(
    ("reply", "form", "headline", "summary", "complete"),
    [
        (JSON, "json", "Qinghai invests 2.27 billion yuan", "Work began. It ends in 2026.", True),
        (f"```json\n{JSON}\n```", "json", "Qinghai invests 2.27 billion yuan", "Work began. It ends in 2026.", True),
        (f"Sure! Here is the brief:\n{JSON}\nHope this helps.", "json",
         "Qinghai invests 2.27 billion yuan", "Work began. It ends in 2026.", True),
        (f"<think>The article says 22.7亿元 {{not json}}</think>\n{JSON}", "json",
         "Qinghai invests 2.27 billion yuan", "Work began. It ends in 2026.", True),
        ('{"Headline": "H", "Summary": ["One.", "Two."],}', "json", "H", "One. Two.", True),  # list, trailing comma
        ('{"title": "H", "brief": "S"}', "json", "H", "S", True),  # synonyms
        ('{"headline": "H"}', "json", "H", None, False),  # missing summary
        ('{"headline": "", "summary": "S"}', "json", None, "S", False),  # empty headline
        ('{"headline": "H", "summary": "Output was cut at max_new_tok', "cut-json", "H",
         "Output was cut at max_new_tok", True),
        ('{"headline": "Say \\"hi\\"", "summary": "A', "cut-json", 'Say "hi"', "A", True),
        ("Headline: Qinghai grows\nSummary: GDP rose 5.2%.\nIt was a good year.", "labelled",
         "Qinghai grows", "GDP rose 5.2%. It was a good year.", False),
        ("**Headline:** H\n**Summary:** S", "labelled", "H", "S", False),
        ("Qinghai's economy grew by 5.2% last year.", "text", None, None, False),
        ("", "empty", None, None, False),
        ("   \n ", "empty", None, None, False),
        ("<think>only thinking, never answered", "empty", None, None, False),
        ("\ufffd\ufffd\x1f", "empty", None, None, False),  # broken bytes from a cut multi-byte character
    ],
)
def test_parse_answer(reply: str, form: str, headline: str | None, summary: str | None, complete: bool) -> None:
    parsed = parse_answer(reply)
    assert (parsed.form, parsed.headline, parsed.summary, parsed.complete) == (form, headline, summary, complete)
    assert parsed.raw == reply


def test_parse_answer_reads_the_figures_list() -> None:
    assert parse_answer(JSON).figures == ("2.27 billion yuan",)
    assert parse_answer('{"headline": "H", "summary": "S", "figures": "over 95%"}').figures == ("over 95%",)


@pytest.mark.parametrize(
    ("reply", "problem"),
    [
        ("", "the answer was empty"),
        ("plain prose", "the answer was not JSON"),
        ('{"headline": "H"}', "the answer had no summary"),
        ('{"other": 1}', "the answer had no headline or summary"),
    ],
)
def test_problem_names_what_is_wrong(reply: str, problem: str) -> None:
    assert parse_answer(reply).problem == problem


@pytest.mark.parametrize(
    ("reply", "cleaned"),
    [
        ("  Qinghai grows  ", "Qinghai grows"),
        ('"Qinghai grows"', "Qinghai grows"),
        ("```\n青海经济增长\n```", "青海经济增长"),
        ("<think>hmm</think>青海经济增长\ufffd", "青海经济增长"),
    ],
)
def test_clean_reply(reply: str, cleaned: str) -> None:
    assert clean_reply(reply) == cleaned


def _figure(text: str, english: str) -> Figure:
    return Figure(text, 0, len(text), Decimal(1), None, None, "count", english)


def test_figure_hints_are_one_line_per_distinct_figure_and_capped() -> None:
    figures = [_figure("22.7亿元", "2.27 billion yuan"), _figure("95%以上", "over 95%"),
               _figure("22.7亿元", "2.27 billion yuan")]
    assert render_figure_hints(figures) == "- 22.7亿元 = 2.27 billion yuan\n- 95%以上 = over 95%"
    many = [_figure(f"{n}个", f"{n}") for n in range(20)]
    assert render_figure_hints(many, limit=3).count("\n") == 2
    assert render_figure_hints([]) == "(none)"


@pytest.mark.parametrize(
    ("reply", "kept"),
    [
        ("The park beat its target. Reply with the English translation only.", "The park beat its target."),
        ("Reply with the English translation only.", ""),
        ("Keep every number exact.", "Keep every number exact."),  # under three words? no: not in the prompt
        ("Yes. Reply now.", "Yes. Reply now."),  # short sentences are never taken for echoes
    ],
)
def test_without_prompt_echo(reply: str, kept: str) -> None:
    prompt = "Keep every figure exact.\n$text\n\nReply with the English translation only. Write names in pinyin."
    assert without_prompt_echo(reply, prompt) == kept
