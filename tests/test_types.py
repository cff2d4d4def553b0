"""The JSON contract of Brief and Figure, which other tools rely on."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarise.types import FIGURE_KINDS, Brief, Figure, SourceRef, decimal_from_json, decimal_to_json


def _brief() -> Brief:
    figure = Figure("22.7亿元", 40, 46, Decimal(2270000000), "yuan", None, "money", "2.27 billion yuan")
    ranged = Figure("1月至11月", 3, 9, Decimal(1), "month", None, "range", "January to November", Decimal(11))
    return Brief(
        id="page.txt#1-abc",
        headline="Biotech park beats its investment target",
        summary="It drew 2.27 billion yuan.",
        figures=(figure, ranged),
        source=SourceRef("生物园区超额完成", "本报讯(记者 张国静)", 10, 500, path="page.txt", sha256="ff"),
        warnings=("figure 22.7亿元: corrected",),
        models={"engine": "fake"},
        summary_zh="生物园区引资22.7亿元。",
    )


def test_brief_json_has_the_documented_shape() -> None:
    data = json.loads(_brief().to_json())
    assert {"id", "headline", "summary", "figures", "source", "warnings", "models"} <= set(data)
    assert set(data["figures"][0]) >= {"text", "value", "unit", "qualifier", "english", "start", "end"}
    assert set(data["source"]) >= {"headline", "byline", "start", "end"}
    assert data["figures"][0]["value"] == 2270000000
    assert data["figures"][1]["upper"] == 11


def test_brief_round_trips_through_json() -> None:
    brief = _brief()
    assert Brief.from_json(brief.to_json()) == brief


@pytest.mark.parametrize("kind", sorted(FIGURE_KINDS))
def test_every_figure_kind_round_trips_as_its_json_string(kind: str) -> None:
    figure = Figure("三", 0, 1, Decimal(3), None, None, kind, "three")  # type: ignore[arg-type]
    data = json.loads(json.dumps(figure.to_dict()))
    assert data["kind"] == kind and Figure.from_dict(data) == figure


def test_an_unknown_figure_kind_is_refused_when_read() -> None:
    data = _brief().to_dict()
    data["figures"][0]["kind"] = "mony"
    with pytest.raises(ValueError, match="unknown figure kind 'mony'"):
        Brief.from_dict(data)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal(2270000000), 2270000000),
        (Decimal("0.95"), 0.95),
        (Decimal("113.6"), 113.6),
        (Decimal("12345678901234567890.5"), "12345678901234567890.5"),
        (Decimal("0.1000000000000000000001"), "0.1000000000000000000001"),
        (None, None),
    ],
)
def test_decimal_to_json(value: Decimal | None, expected: object) -> None:
    assert decimal_to_json(value) == expected


@given(st.decimals(allow_nan=False, allow_infinity=False, places=6, min_value=-10**15, max_value=10**15))
def test_decimal_json_round_trip_is_exact(value: Decimal) -> None:
    encoded = json.loads(json.dumps(decimal_to_json(value)))
    assert decimal_from_json(encoded) == value
