"""The whole path through the CLI, as a user runs it: page -> articles -> tiny real models -> guard -> JSON."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pytest

from summarise.figures import parse_english_figures
from summarise.types import Brief
from tests.conftest import CORPUS, SAMPLE_PAGE
from tests.test_cli import run_cli

GOLD = json.loads((CORPUS / "qinghai-page-2024-12-24.gold.json").read_text(encoding="utf-8"))
GOLD_HEADLINES = [a["headline"] for a in GOLD["pages"][0]["articles"]]


@pytest.fixture(scope="module")
def sample_briefs(tiny_models) -> list[dict]:  # type: ignore[no-untyped-def]
    result = run_cli(
        "brief", str(SAMPLE_PAGE), "--summariser", str(tiny_models.summariser),
        "--translator", str(tiny_models.translator), "--format", "json",
    )
    assert result.returncode == 0, result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()
    return json.loads(result.stdout)


def test_six_briefs_whose_source_headlines_match_the_gold(sample_briefs: list[dict]) -> None:
    assert [b["source"]["headline"] for b in sample_briefs] == GOLD_HEADLINES


def test_briefs_follow_the_json_contract(sample_briefs: list[dict]) -> None:
    from summarise.reading.readers import load_pages

    page = load_pages(SAMPLE_PAGE)[0].text  # source offsets index the decoded page
    ids = [b["id"] for b in sample_briefs]
    assert len(set(ids)) == 6
    for data in sample_briefs:
        assert Brief.from_dict(data).to_dict() == data
        assert data["headline"] and data["summary"]
        assert data["models"]["summariser"]["path"] == data["models"]["summariser"]["model"]
        start, end = data["source"]["start"], data["source"]["end"]
        assert 0 <= start < end <= len(page) and page[start:end].startswith(data["source"]["headline"])
    spans = [(b["source"]["start"], b["source"]["end"]) for b in sample_briefs]
    assert all(a[1] < b[0] for a, b in pairwise(spans))  # in page order, never overlapping


def test_figure_spans_trace_back_to_the_decoded_page(sample_briefs: list[dict]) -> None:
    from summarise.reading.readers import load_pages

    text = load_pages(SAMPLE_PAGE)[0].text
    figures = [f for b in sample_briefs for f in b["figures"]]
    assert len(figures) >= 20
    for figure in figures:
        assert text[figure["start"]:figure["end"]] == figure["text"]


def test_every_figure_the_english_states_matches_the_source(sample_briefs: list[dict]) -> None:
    """The guard's promise: a figure that reaches the reader in English has the source's value."""
    from summarise.figures import extract_figures

    text = SAMPLE_PAGE.read_text(encoding="utf-8")
    source_values = {f.value for f in extract_figures(text) if f.value is not None}
    source_values |= {f.upper for f in extract_figures(text) if f.upper is not None}
    for data in sample_briefs:
        english = f"{data['headline']} {data['summary']}"
        for stated in parse_english_figures(english):
            flagged = any(stated.text in w for w in data["warnings"])
            assert stated.value in source_values or flagged, (stated, data["warnings"])


def test_default_models_offline_exit_3_with_one_line(tmp_path: Path) -> None:
    result = run_cli(
        "brief", str(SAMPLE_PAGE), "--summariser", "csebuetnlp/mT5_multilingual_XLSum",
        env={"HF_HOME": str(tmp_path / "hf")},
    )
    stderr = result.stderr.decode().strip()
    assert result.returncode == 3
    assert len(stderr.splitlines()) == 1 and "Traceback" not in stderr
    assert "csebuetnlp/mT5_multilingual_XLSum" in stderr and "models pull" in stderr
    assert str(tmp_path / "hf") in stderr  # where it looked

