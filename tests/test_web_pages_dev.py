"""The real-page development set (../shared/data/web-pages-dev): every page is one article, its headline is
the article's title without site name or navigation, and its body matches the answers by character
3-gram F1 (mean >= 0.95, no page below 0.85). Reads the shared files; nothing from them is stored here."""

from __future__ import annotations

import json
from collections import Counter
from functools import cache

import pytest

from summarise.articles import split_articles
from summarise.reading import normalise_width, to_simplified
from summarise.reading.readers import load_pages
from summarise.types import Article, Page
from tests.conftest import SHARED_DATA

DEV = SHARED_DATA / "web-pages-dev"
pytestmark = pytest.mark.skipif(not (DEV / "index.json").exists(), reason=f"dev set absent: {DEV}")

MIN_MEAN_F1 = 0.95
MIN_PAGE_F1 = 0.85
# Answers that hold only part of the article, so F1 cannot measure the extraction: there the body must
# contain the answer (recall) instead. The sohu.com page folds the second half of its article behind a
# "展开全文" button; the annotator copied the visible half, and the reader keeps the whole article.
PARTIAL_ANSWERS = {"cwced-sohu-d8d4c4ec.html"}
NAVIGATION = ("首页", "登录", "用户名", "密码", ">", "正文")


def _rows() -> list[dict]:  # type: ignore[type-arg]
    if not (DEV / "index.json").exists():
        return []
    return json.loads((DEV / "index.json").read_text(encoding="utf-8"))


def _normal(text: str) -> str:
    return "".join(to_simplified(normalise_width(text))[0].split())


def _grams(text: str) -> Counter[str]:
    text = _normal(text)
    return Counter(text[i : i + 3] for i in range(len(text) - 2))


def body_scores(found: str, gold: str) -> tuple[float, float, float]:
    """Character-3-gram precision, recall and F1 of `found` against `gold`, whitespace ignored."""
    ours, theirs = _grams(found), _grams(gold)
    overlap = sum((ours & theirs).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    precision, recall = overlap / sum(ours.values()), overlap / sum(theirs.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


@cache
def _page_and_articles(name: str) -> tuple[Page, tuple[Article, ...]]:
    [page] = load_pages(DEV / name)
    return page, tuple(split_articles(page))


def _articles(name: str) -> tuple[Article, ...]:
    return _page_and_articles(name)[1]


def _gold(row: dict) -> dict:  # type: ignore[type-arg]
    return json.loads((DEV / row["gold_file"]).read_text(encoding="utf-8")) if row.get("gold_file") else {}


def _text(article: Article) -> str:
    # The answers keep sub-headings in the body, so they are scored with it.
    return "\n".join(paragraph.text for paragraph in article.paragraphs)


@pytest.mark.parametrize("row", _rows(), ids=lambda row: row["file"])
def test_each_page_is_one_article_with_its_title_as_headline(row: dict) -> None:  # type: ignore[type-arg]
    articles = _articles(row["file"])
    assert len(articles) == 1
    [article] = articles
    gold = _gold(row)
    if gold.get("title"):
        assert _normal(article.headline or "") == _normal(gold["title"])
    if article.headline:
        assert not any(word in article.headline for word in NAVIGATION)
        assert not article.headline.endswith(("网", "網", "新闻", "新聞")) or len(article.headline) > 12
    for sentence in gold.get("body_contains", []):
        assert _normal(sentence) in _normal(_text(article))
    page = _page_and_articles(row["file"])[0]
    for paragraph in article.paragraphs:  # offsets index the decoded page text
        assert paragraph.text == page.text[paragraph.start : paragraph.end]


def test_bodies_match_the_answers() -> None:
    scores = {}
    for row in _rows():
        gold = _gold(row)
        if gold.get("body"):
            scores[row["file"]] = body_scores(_text(_articles(row["file"])[0]), gold["body"])
    assert len(scores) >= 20
    report = ", ".join(f"{name}: F1 {f1:.3f}" for name, (_, _, f1) in sorted(scores.items()))
    mean = sum(f1 for _, _, f1 in scores.values()) / len(scores)
    assert mean >= MIN_MEAN_F1, report
    for name, (_, recall, f1) in scores.items():
        if name in PARTIAL_ANSWERS:
            assert recall >= 0.98, f"{name}: recall {recall:.3f}"
        else:
            assert f1 >= MIN_PAGE_F1, f"{name}: F1 {f1:.3f}; {report}"
