"""The relation check: a percentage the Chinese gives as a share must not read as a change, and back."""

from __future__ import annotations

import pytest

from summarise.figures import extract_figures, parse_english_figures
from summarise.guard import check_english, repair_translation
from summarise.guard.relations import check_relations, chinese_relation, english_relation, tag_relations

BIOTECH = "招商引资省外到位资金22.7亿元,完成目标任务的113.6%,签约额51.7亿元,完成目标任务的129.3%。"


@pytest.mark.parametrize(
    ("chinese", "kind", "direction", "whole"),
    [
        ("完成目标任务的113.6%", "share", None, "the target"),
        ("占全省的40%", "share", None, "the provincial total"),
        ("占比重40%", "share", None, None),
        ("同比增长12.5%", "change", "up", None),
        ("比上年提高5%", "change", "up", None),
        ("利润下降3.2%", "change", "down", None),
        ("比上年提高3个百分点", "points", "up", None),
        ("合格率为95%", "level", None, None),
        ("增长较快。合格率为95%", "level", None, None),  # a cue in another clause does not count
    ],
)
def test_chinese_relations(chinese: str, kind: str, direction: str | None, whole: str | None) -> None:
    figure = [f for f in extract_figures(chinese) if f.kind == "percent"][-1]
    relation = chinese_relation(chinese, figure)
    assert (relation.kind, relation.direction, relation.whole_english) == (kind, direction, whole)


@pytest.mark.parametrize(
    ("english", "kind", "direction"),
    [
        ("reached 113.6% of the target", "share", None),
        ("exceeded its target by 113.6%", "change", None),
        ("profits rose 12.5%", "change", "up"),
        ("profits were up 12.5% on the year", "change", "up"),
        ("a 3.2% decline", "change", "down"),
        ("an increase of 12.5%", "change", "up"),
        ("the pass rate was 95%", "level", None),
        ("3 percentage points", "points", None),
    ],
)
def test_english_relations(english: str, kind: str, direction: str | None) -> None:
    found = next(e for e in parse_english_figures(english) if e.kind == "percent")
    relation = english_relation(english, found).relation
    assert (relation.kind, relation.direction) == (kind, direction)


def test_a_share_written_as_a_change_is_reworded_with_a_warning() -> None:
    text, warnings = check_relations("It exceeded its annual target by 113.6%.", tag_relations(BIOTECH))
    assert text == "It exceeded its annual target, reaching 113.6% of the target."
    assert len(warnings) == 1 and "share (113.6% of the target)" in warnings[0] and '"by 113.6%"' in warnings[0]


def test_a_verb_of_change_becomes_reached() -> None:
    text, warnings = check_relations("Signed contracts rose by 129.3% this year.", tag_relations(BIOTECH))
    assert text == "Signed contracts reached 129.3% of the target this year."
    assert warnings


def test_right_wording_passes_untouched() -> None:
    sentence = "Investment reached 2.27 billion yuan, 113.6% of the target."
    assert check_relations(sentence, tag_relations(BIOTECH)) == (sentence, [])


def test_a_change_in_the_wrong_direction_or_as_a_share_is_warned_not_rewritten() -> None:
    tagged = tag_relations("工业增加值同比增长12.5%,能耗下降3.2%。")
    text, warnings = check_relations("Output fell 12.5% and energy use was 3.2% of the total.", tagged)
    assert text == "Output fell 12.5% and energy use was 3.2% of the total."
    assert len(warnings) == 2
    assert "opposite direction" in warnings[0] and "a share" in warnings[1]


def test_ambiguous_values_are_left_alone() -> None:
    # 10% is a share once and a change once: the English cannot be told which it means.
    tagged = tag_relations("占全省的10%,同比增长10%。")
    assert check_relations("It grew by 10%.", tagged) == ("It grew by 10%.", [])


def test_the_direct_path_guard_runs_the_relation_check() -> None:
    kept, warnings = check_english(BIOTECH, ["Biotech park beats target", "It exceeded its target by 113.6%."])
    assert kept[1] == "It exceeded its target, reaching 113.6% of the target."
    assert any("share (113.6% of the target)" in w for w in warnings)


def test_the_two_stage_guard_runs_the_relation_check() -> None:
    repaired, warnings = repair_translation([BIOTECH], [
        "Investment reached 2.27 billion yuan, up 113.6%, and contracts 5.17 billion yuan, 129.3% of the target."])
    assert "reaching 113.6% of the target" in repaired[0] and "129.3% of the target" in repaired[0]
    assert len([w for w in warnings if "the source states a share" in w]) == 1
