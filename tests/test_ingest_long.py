"""A 50,000-character article is read and split in memory linear in its size, and chunks by sentence."""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

from summarise.articles import is_byline_line, split_articles
from summarise.reading import page_from_text

SAMPLE_PAGE = Path(__file__).resolve().parents[1] / "corpus" / "qinghai-page-2024-12-24.txt"
T = TypeVar("T")


PROSE = [
    line for line in SAMPLE_PAGE.read_text(encoding="utf-8").splitlines()
    if len(line) > 60 and line.endswith("。") and not is_byline_line(line)
]


def _paragraphs() -> list[str]:
    """At least 50,000 characters of the sample page's whole paragraphs."""
    paragraphs: list[str] = []
    while sum(len(p) for p in paragraphs) < 50_000:
        paragraphs.append(PROSE[len(paragraphs) % len(PROSE)])
    return paragraphs


@pytest.fixture(scope="module")
def long_article() -> str:
    """One headline, one byline and a 50,000-character body."""
    return "长篇报道的标题\n\n本报讯(记者 张三)" + "\n\n".join(_paragraphs())


def _peak_bytes(work: Callable[[], T]) -> tuple[T, int]:
    tracemalloc.start()
    try:
        result = work()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_long_article_stays_one_article_with_every_paragraph(long_article: str) -> None:
    [article] = split_articles(long_article)
    assert article.headline == "长篇报道的标题" and article.byline == "本报讯(记者 张三)"
    assert article.body == "\n".join(_paragraphs())
    assert len(article.body) >= 50_000


def test_long_article_memory_is_linear_in_its_length(long_article: str) -> None:
    # A CJK str costs 2 bytes a character; each stage may hold a few copies, never per-character objects.
    page, normalise_peak = _peak_bytes(lambda: page_from_text(long_article))
    articles, split_peak = _peak_bytes(lambda: split_articles(page))
    assert len(articles) == 1
    assert normalise_peak < 30 * len(long_article)
    assert split_peak < 10 * len(long_article)
