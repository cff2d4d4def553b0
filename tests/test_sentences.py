"""Sentence splitting: boundaries on full-width and ASCII terminals, never inside a number."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarise.articles.sentences import sentence_spans, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("达到12.6万亿元。增长3.5%。", ["达到12.6万亿元。", "增长3.5%。"]),
        ("招商引资省外到位资金22.7亿元,完成目标任务的113.6%。", ["招商引资省外到位资金22.7亿元,完成目标任务的113.6%。"]),
        ("真的吗？是的！好；走。", ["真的吗？", "是的！", "好；", "走。"]),
        ("他说：“我们将持续跟进。”负责人表示。", ["他说：“我们将持续跟进。”", "负责人表示。"]),
        ("以PM2.5和臭氧防治为主线。", ["以PM2.5和臭氧防治为主线。"]),
        ("签约额51.7亿元……今年", ["签约额51.7亿元……", "今年"]),
        ("第一段\n\n第二段", ["第一段", "第二段"]),
        ("Version 2.0 is out. Next one", ["Version 2.0 is out.", "Next one"]),
        ("", []),
        ("   \n ", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_spans_index_the_text_exactly() -> None:
    text = " 甲乙。 丙丁！\n戊"
    assert [text[s:e] for s, e in sentence_spans(text)] == ["甲乙。", "丙丁！", "戊"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("甲乙丙12.%万亿。！？；,， \n\"”")), max_size=60))
def test_spans_cover_all_non_space_text_in_order(text: str) -> None:
    spans = sentence_spans(text)
    assert all(s < e for s, e in spans)
    assert all(a[1] <= b[0] for a, b in pairwise(spans))
    covered = "".join(text[s:e] for s, e in spans)
    assert covered.replace(" ", "").replace("\n", "") == text.replace(" ", "").replace("\n", "")


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False))
def test_never_cuts_inside_a_decimal_number(value: object) -> None:
    text = f"前文。总额达到{value}亿元。后文。"
    assert f"总额达到{value}亿元。" in split_sentences(text)
