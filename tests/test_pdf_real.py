"""A real compiled People's Daily PDF (../shared/data/pdf-dev, issue 19) scored against its own table of
contents by benchmarks/pdf_toc.py. The file is read where it lies; nothing from it is stored here.
$SUMMARISE_SHARED_DATA names the data folder for a checkout that is not beside it."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from summarise.types import Page
from tests.conftest import SHARED_DATA

pytest.importorskip("pdfminer")

PDF = Path(os.environ.get("SUMMARISE_SHARED_DATA", SHARED_DATA)) / "pdf-dev" / "rmrb-2025-10-20-pages-1-114.pdf"
pytestmark = pytest.mark.skipif(not PDF.exists(), reason=f"real PDF absent: {PDF}")
_CLOSED_RE = re.compile(r"[。!?！？”」』)）:：;…—]$")


@pytest.fixture(scope="module")
def page() -> Page:
    from summarise.reading.readers import load_pages

    [read] = load_pages(PDF)
    return read


@pytest.fixture(scope="module")
def scored(page: Page) -> dict:  # type: ignore[type-arg]
    from benchmarks.pdf_toc import score

    return score(PDF, [page])


def test_the_contents_articles_are_found_with_their_headlines(scored: dict) -> None:  # type: ignore[type-arg]
    assert scored["gold_titles"] >= 30  # the contents entries whose articles are in these 114 pages
    assert scored["recall"] >= 0.95, scored["missed"]
    assert scored["precision"] >= 0.95


def test_no_bad_headline_and_no_article_twice(scored: dict) -> None:  # type: ignore[type-arg]
    assert sum(scored["bad_headlines"].values()) == 0, scored["bad_headline_examples"]
    assert scored["duplicates"] == 0


def test_paragraphs_end_where_the_page_ends_them(page: Page) -> None:
    from summarise.articles import split_articles

    paragraphs = [p.text for a in split_articles(page) for p in a.paragraphs if p.kind == "body"]
    # A line break inside a word or sentence made a paragraph of its own before (a name cut after its first characters): now
    # almost every body paragraph ends a sentence (the rest are lead quotes and data labels).
    open_ended = [p for p in paragraphs if not _CLOSED_RE.search(p)]
    assert len(paragraphs) > 400
    assert len(open_ended) <= 0.03 * len(paragraphs), open_ended
    assert not any(re.search(r"第\s*\d+\s*页", p) for p in paragraphs)
    notes = " ".join(note.message for note in page.notes)
    assert "4 table-of-contents pages" in notes
