"""The JSON contract of Brief and Figure, which other tools rely on."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from summarise.types import Brief, Figure, SourceRef, decimal_from_json, decimal_to_json


def _brief() -> Brief:
    figure = Figure("22.7亿元", 40, 46, Decimal("2270000000"), "yuan", None, "money", "2.27 billion yuan")
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


def test_brief_is_frozen() -> None:
    with pytest.raises(AttributeError):
        _brief().headline = "changed"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("2270000000"), 2270000000),
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
