"""Gold tests: every page in corpus/ splits exactly as its hand-checked <name>.gold.json says."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from summarise.articles import split_articles
from summarise.articles.sentences import split_sentences
from summarise.reading.readers import iter_pages
from summarise.types import Article, Page

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

GOLD_FILES = sorted(CORPUS.glob("*.gold.json"))
PAGE_FILES = sorted(
    p for p in CORPUS.iterdir() if p.is_file() and not p.name.endswith(".json") and not p.name.startswith(".")
)


def _gold_id(path: Path) -> str:
    return path.name.removesuffix(".gold.json")


def _load(gold_path: Path) -> tuple[dict[str, Any], list[Page]]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    pages = []
    for item in iter_pages(CORPUS / gold["file"]):
        assert isinstance(item, Page), f"corpus record failed to load: {item}"
        pages.append(item)
    return gold, pages


def test_every_corpus_page_has_a_gold_file() -> None:
    golden = {json.loads(g.read_text(encoding="utf-8"))["file"] for g in GOLD_FILES}
    assert {p.name for p in PAGE_FILES} == golden
    assert len(PAGE_FILES) >= 5  # the sample page and at least four layouts of our own


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=_gold_id)
def test_page_splits_as_gold(gold_path: Path) -> None:
    gold, pages = _load(gold_path)
    assert len(pages) == len(gold["pages"])
    for page, gold_page in zip(pages, gold["pages"]):
        assert page.record_id == gold_page["record_id"]
        assert page.encoding == gold_page["encoding"]
        assert page.format == gold_page["format"]
        articles = split_articles(page)
        assert [_summary(a) for a in articles] == [_expected(g) for g in gold_page["articles"]]


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=_gold_id)
def test_page_text_has_the_repairs_gold_names(gold_path: Path) -> None:
    gold, pages = _load(gold_path)
    for page, gold_page in zip(pages, gold["pages"]):
        for fragment in gold_page.get("page_contains", []):
            assert fragment in page.text
        for fragment in gold_page.get("page_excludes", []):
            assert fragment not in page.text


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=_gold_id)
def test_article_offsets_index_the_page_exactly(gold_path: Path) -> None:
    _, pages = _load(gold_path)
    for page in pages:
        articles = split_articles(page)
        previous_end = 0
        for article in articles:
            assert previous_end <= article.start < article.end <= len(page.text)
            previous_end = article.end
            for paragraph in article.paragraphs:
                assert page.text[paragraph.start : paragraph.end] == paragraph.text
                assert article.start <= paragraph.start < paragraph.end <= article.end
            if article.headline and page.format != "jsonl":
                assert article.headline in page.text[article.start : article.end]


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=_gold_id)
def test_article_warnings_match_gold(gold_path: Path) -> None:
    gold, pages = _load(gold_path)
    for page, gold_page in zip(pages, gold["pages"]):
        for article, expected in zip(split_articles(page), gold_page["articles"]):
            wanted = expected.get("warnings", [])
            assert len(article.warnings) == len(wanted)
            for warning, fragment in zip(article.warnings, wanted):
                assert fragment in warning


def _summary(article: Article) -> dict[str, Any]:
    sentences = split_sentences(article.body)
    return {
        "headline": article.headline,
        "subheadline": article.subheadline,
        "byline": article.byline,
        "subheadings": list(article.subheadings),
        "paragraphs": sum(p.kind == "body" for p in article.paragraphs),
        "first_sentence": sentences[0],
        "last_sentence": sentences[-1],
        "headline_original": article.headline_original,
    }


def _expected(gold: dict[str, Any]) -> dict[str, Any]:
    keys = ("headline", "subheadline", "byline", "subheadings", "paragraphs", "first_sentence", "last_sentence")
    return {**{k: gold[k] for k in keys}, "headline_original": gold.get("headline_original")}
