"""The guard inside the pipeline: a fluent translator that gets Chinese magnitudes wrong, on the sample page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summarise.figures import extract_figures, normalise_digits, parse_english_figures
from summarise.guard import qualifiers_compatible, stated_in
from summarise.pipeline import Briefer
from summarise.reading import page_from_text
from summarise.testing.fakes import FakeSummariser, FakeTranslator

SAMPLE_PAGE = Path(__file__).resolve().parents[1] / "corpus" / "qinghai-page-2024-12-24.txt"
_SCALE = {"万": " ten thousand", "亿": " billion", "万亿": " trillion"}  # the naive reading of 万/亿


def naive_english(zh: str) -> str:
    """What a careless model writes: digits copied, 亿 read as "billion", qualifiers dropped."""
    parts = []
    for figure in extract_figures(zh):
        if figure.kind in ("date", "name", "ordinal") or figure.value is None:
            parts.append(figure.english)
            continue
        surface = normalise_digits(figure.text)
        digits = re.search(r"\d+(?:\.\d+)?", surface)
        multiplier = re.search(r"(万亿|亿|万)", surface)
        if digits is None:
            parts.append(figure.english)  # Chinese numerals: assume the model gets those right
            continue
        number = digits.group() + (_SCALE[multiplier.group()] if multiplier else "")
        unit = "%" if figure.unit == "percent" else f" {figure.unit}" if figure.unit else ""
        parts.append(number + unit)
    return "The report says " + "; ".join(parts) + "." if parts else "The report says nothing numeric."


@pytest.fixture(scope="module")
def briefs():  # type: ignore[no-untyped-def]
    briefer = Briefer(summariser=FakeSummariser(), translator=FakeTranslator(script=naive_english))
    return briefer.brief(SAMPLE_PAGE.read_text(encoding="utf-8"))


def test_every_brief_states_each_figure_of_its_summary_with_the_source_value(briefs) -> None:  # type: ignore[no-untyped-def]
    assert len(briefs) == 6
    checked = 0
    for brief in briefs:
        english = parse_english_figures(f"{brief.headline} {brief.summary}")
        zh = f"{brief.source.headline or ''}。{brief.summary_zh or ''}"
        for figure in extract_figures(zh):
            if figure.kind == "name":
                continue
            assert stated_in(figure, english), (figure.text, brief.headline, brief.summary)
            same = [e for e in english if e.value == figure.value]
            if figure.qualifier and same:
                assert any(qualifiers_compatible(figure.qualifier, e.qualifier) for e in same), figure.text
            checked += 1
    assert checked >= 10


def test_the_classic_magnitude_error_is_corrected_and_reported(briefs) -> None:  # type: ignore[no-untyped-def]
    investment = next(b for b in briefs if "招商引资" in (b.source.headline or ""))
    assert "2.27 billion yuan" in investment.summary
    assert "22.7 billion" not in investment.summary
    assert 'figure 22.7亿元: English said "22.7 billion yuan", corrected to "2.27 billion yuan" (value)' \
        in investment.warnings


def test_headline_qualifier_is_restored(briefs) -> None:  # type: ignore[no-untyped-def]
    air = next(b for b in briefs if "空气质量" in (b.source.headline or ""))
    assert "over 95%" in air.headline
    assert any(w.startswith("figure 95%以上:") and "over 95%" in w for w in air.warnings)


def test_key_figures_carry_page_spans(briefs) -> None:  # type: ignore[no-untyped-def]
    text = page_from_text(SAMPLE_PAGE.read_text(encoding="utf-8")).text  # offsets index Page.text
    investment = next(b for b in briefs if "招商引资" in (b.source.headline or ""))
    assert [f.text for f in investment.figures[:4]] == ["22.7亿元", "113.6%", "51.7亿元", "129.3%"]
    for brief in briefs:
        for figure in brief.figures:
            assert text[figure.start:figure.end] == figure.text


def test_with_tiny_real_models_the_figures_still_reach_the_reader(tiny_models) -> None:  # type: ignore[no-untyped-def]
    # A random-weight Marian writes gibberish: the guard must still leave every figure right, and say so.
    # The summariser is the lead-taking fake, so the summaries are full of figures to protect.
    from summarise.engines.seq2seq import Seq2SeqTranslator

    translator = Seq2SeqTranslator(str(tiny_models.translator), device="cpu", num_beams=1, max_new_tokens=16)
    briefer = Briefer(summariser=FakeSummariser(), translator=translator)
    briefs = briefer.brief(SAMPLE_PAGE.read_text(encoding="utf-8"))
    assert len(briefs) == 6
    stated = 0
    for brief in briefs:
        english = parse_english_figures(f"{brief.headline} {brief.summary}")
        zh = f"{brief.source.headline or ''}。{brief.summary_zh or ''}"
        for figure in extract_figures(zh):
            if figure.kind != "name":
                assert stated_in(figure, english), (figure.text, brief.headline, brief.summary)
                assert any(figure.text in warning for warning in brief.warnings)
                stated += 1
    assert stated >= 10
