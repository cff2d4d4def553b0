"""The same story once: near-duplicate articles merge into one work item that carries the others, on
made-up pages and on the real dev set (which holds no two reprints of one story, so none may merge there,
while every dev article read again from other page chrome must)."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from summarise.articles import split_articles
from summarise.batch import WorkItem
from summarise.reading.normalise import page_from_text
from summarise.reading.readers import decode_bytes, load_pages
from summarise.sources.dedup import DEFAULT_THRESHOLD, jaccard, merge_reprints, shingles, similar_groups
from tests.conftest import SHARED_DATA
from tests.web_server import corpus_stories, story_page

DEV = SHARED_DATA / "web-pages-dev"
dev_only = pytest.mark.skipif(not (DEV / "index.json").exists(), reason=f"dev set absent: {DEV}")


def web_item(url: str, html: bytes) -> WorkItem:
    page = replace(decode_bytes(html, source=url), record_id=url, url=url)  # as sources.pages reads a fetch
    [article] = split_articles(page)
    return WorkItem.for_article(article, url)


def test_reprints_merge_into_the_first_and_the_others_ride_along() -> None:
    (headline, paragraphs), (other, other_paragraphs) = corpus_stories()[1], corpus_stories()[4]
    items = [web_item("http://a.test/1", story_page(headline, paragraphs)),
             web_item("http://b.test/x", story_page(other, other_paragraphs)),
             web_item("http://c.test/r", story_page(headline, [*paragraphs, "（来源：新华社）"], chrome=1)),
             WorkItem(id="http://d.test/bad", path="http://d.test/bad", error="HTTP 404")]
    merged, groups = merge_reprints(items)
    assert [item.id for item in merged] == ["http://a.test/1", "http://b.test/x", "http://d.test/bad"]
    kept = merged[0].article
    assert kept is not None and [r.url for r in kept.reprints] == ["http://c.test/r"]
    assert merged[0].sha256 == items[0].sha256  # the kept article's id and hash do not change
    [group] = groups
    assert group.kept == "http://a.test/1" and group.merged == ("http://c.test/r",) and group.similarity[0] > 0.9


def test_a_rerun_keeps_the_article_already_briefed() -> None:
    headline, paragraphs = corpus_stories()[1]
    items = [web_item("http://a.test/1", story_page(headline, paragraphs)),
             web_item("http://c.test/r", story_page(headline, paragraphs, chrome=2))]
    merged, _ = merge_reprints(items, prefer={"http://c.test/r"})
    assert [item.id for item in merged] == ["http://c.test/r"]


def test_short_texts_and_distinct_stories_never_merge() -> None:
    notice = "本报讯 会议召开。"
    assert similar_groups([notice, notice]) == []  # too short to tell
    stories = ["\n".join(paragraphs) for _, paragraphs in corpus_stories()]
    assert similar_groups(stories) == []
    assert similar_groups([stories[0], stories[0] + "编者按：转载。"]) == [[0, 1]]


def test_the_brief_of_a_merged_story_lists_every_source() -> None:
    from summarise.pipeline import Briefer
    from summarise.testing.fakes import FakeSummariser, FakeTranslator

    headline, paragraphs = corpus_stories()[1]
    items = [web_item("http://a.test/1", story_page(headline, paragraphs)),
             web_item("http://c.test/r", story_page(headline, paragraphs, chrome=1))]
    [item], _ = merge_reprints(items)
    assert item.article is not None
    [brief] = Briefer(summariser=FakeSummariser(), translator=FakeTranslator()).brief_articles([item.article])
    assert [s.url for s in brief.all_sources] == ["http://a.test/1", "http://c.test/r"]
    assert brief.source == brief.sources[0] and brief.to_dict()["sources"][1]["url"] == "http://c.test/r"
    assert type(brief).from_dict(brief.to_dict()) == brief


@dev_only
def test_no_two_distinct_real_articles_merge_and_every_republished_one_does() -> None:
    names = [row["file"] for row in json.loads((DEV / "index.json").read_text(encoding="utf-8"))]
    articles = [a for name in names for a in split_articles(load_pages(DEV / name)[0])]
    lcsts = [json.loads(line)["text"] for line in
             (SHARED_DATA / "lcsts-part3-dev.jsonl").read_text(encoding="utf-8").splitlines()]
    texts = [a.body for a in articles] + lcsts
    assert similar_groups(texts) == [], "distinct real stories were taken for one"
    for article in articles:
        body = [p.text for p in article.paragraphs if p.kind == "body"]
        [copy] = split_articles(decode_bytes(story_page(article.headline or "新闻", [*body, "（来源：新华社）"], chrome=1),
                                             source="reprint.html"))
        assert jaccard(shingles(article.body), shingles(copy.body)) >= DEFAULT_THRESHOLD + 0.3, article.source
        assert similar_groups([article.body, copy.body]) == [[0, 1]]


def test_shingles_ignore_spacing_and_punctuation() -> None:
    page = page_from_text("标题\n青海省今年招商引资到位资金22.7亿元，完成目标任务的113.6%。")
    [article] = split_articles(page)
    assert shingles(article.body) == shingles(article.body.replace("，", " , ").replace("。", ""))
