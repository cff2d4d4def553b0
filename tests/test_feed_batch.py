"""`summarise batch` on feeds, sitemaps and URLs against a local site on 127.0.0.1 (fake engines): every
entry once with its canonical URL as id, a rerun that downloads nothing (304s in the log), changed pages
briefed again, --since, errors, shards, reprints merged into one brief with several sources, and the Atom
digest read back by feedparser."""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from summarise.cli import main
from summarise.config import BriefConfig
from summarise.pipeline import Briefer
from summarise.sources import canonical_url
from summarise.testing.fakes import FakeSummariser, FakeTranslator
from tests.web_server import (
    Reply,
    WebServer,
    atom_feed,
    corpus_stories,
    news_sitemap,
    rss_feed,
    running_server,
    sitemap_index,
    story_page,
)

FAST = ["--allow-private", "--per-host-delay", "0", "--fetch-timeout", "3", "--retries", "0"]
STORIES = corpus_stories()
# RSS: stories 0-3 (1 Dec and, for story 0, an old date); Atom: stories 3-5 (3 is in both feeds).
RSS = [(f"/news/{n}.html?utm_source=rss#top", STORIES[n][0], date) for n, date in
       [(0, "Mon, 01 Jun 2026 08:00:00 +0800"), (1, "Tue, 01 Dec 2026 09:00:00 +0800"),
        (2, "Tue, 01 Dec 2026 10:00:00 +0800"), (3, "Tue, 01 Dec 2026 11:00:00 +0800")]]
ATOM = [(f"../news/{n}.html", STORIES[n][0], "2026-12-01T06:00:00Z") for n in (3, 4, 5)]


@pytest.fixture(autouse=True)
def _setting(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SUMMARISE_CACHE", str(tmp_path / "cache"))

    def briefer(config: BriefConfig) -> Briefer:
        return Briefer(config, summariser=FakeSummariser(), translator=FakeTranslator())

    monkeypatch.setattr("summarise.pipeline.Briefer", briefer)


@pytest.fixture
def site() -> Iterator[WebServer]:
    with running_server() as web:
        base = web.url("")
        web.routes["/robots.txt"] = Reply(body=b"User-agent: *\nDisallow: /private/\n",
                                          headers={"Content-Type": "text/plain"}, etag=True)
        for n, (headline, paragraphs) in enumerate(STORIES):
            web.routes[f"/news/{n}.html"] = Reply(body=story_page(headline, paragraphs), etag=True)
        web.routes["/rss.xml"] = Reply(body=rss_feed(base, RSS), headers={"Content-Type": "application/rss+xml"},
                                       etag=True)
        web.routes["/feeds/atom.xml"] = Reply(body=atom_feed(base, ATOM), etag=True,
                                              headers={"Content-Type": "application/atom+xml"})
        web.routes["/sitemap.xml"] = Reply(body=sitemap_index(base, ["/news-sitemap.xml.gz"]),
                                           headers={"Content-Type": "application/xml"}, etag=True)
        news = [(f"/news/{n}.html", f"2026-12-0{1 + n % 2}T08:00:00+08:00") for n in range(len(STORIES))]
        web.routes["/news-sitemap.xml.gz"] = Reply(body=news_sitemap(base, news), etag=True,
                                                   headers={"Content-Type": "application/x-gzip"})
        yield web


def batch(*args: str) -> Any:
    return CliRunner().invoke(main, ["batch", *args])


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def story_url(site: WebServer, n: int) -> str:
    return site.url(f"/news/{n}.html")


def test_a_feed_batch_briefs_every_entry_once_and_a_rerun_downloads_nothing(site: WebServer,
                                                                             tmp_path: Path) -> None:
    out = tmp_path / "daily"
    args = ["--feed", site.url("/rss.xml"), "--feed", site.url("/feeds/atom.xml"), "--out", str(out), *FAST]
    first = batch(*args)
    assert first.exit_code == 0, first.output
    briefs = lines(out.with_suffix(".jsonl"))
    assert [b["id"] for b in briefs] == [story_url(site, n) for n in range(6)]  # story 3 once
    # source.url is the address fetched (the feed's link, fragment dropped); the id its canonical form
    assert [canonical_url(b["source"]["url"]) for b in briefs] == [b["id"] for b in briefs]
    assert briefs[0]["source"]["url"] == story_url(site, 0) + "?utm_source=rss"
    assert "8 document(s) fetched: 8 downloaded" in first.stderr
    assert "feed " + site.url("/rss.xml") + ": 4 entries" in first.stderr

    before = len(site.requests)
    again = batch(*args)
    assert again.exit_code == 0, again.output
    assert "8 document(s) fetched: 0 downloaded, 8 not modified (304)" in again.stderr
    assert "0 succeeded, 0 failed, 6 skipped as already done" in again.stderr
    assert {r.answered for r in site.requests[before:]} == {304}
    assert lines(out.with_suffix(".jsonl")) == briefs


def test_a_changed_page_is_briefed_again_and_reported(site: WebServer, tmp_path: Path) -> None:
    out = tmp_path / "daily"
    args = ["--feed", site.url("/rss.xml"), "--out", str(out), *FAST]
    assert batch(*args).exit_code == 0
    headline, paragraphs = STORIES[2]
    site.routes["/news/2.html"] = Reply(body=story_page(headline, [*paragraphs, "编者按：本文已更新，新增数据12.5%。"]),
                                        etag=True)
    again = batch(*args)
    assert again.exit_code == 0, again.output
    assert f"source changed, briefing again: {story_url(site, 2)}" in again.stderr
    assert "1 succeeded, 0 failed, 3 skipped" in again.stderr
    briefs = lines(out.with_suffix(".jsonl"))
    assert sorted(b["id"] for b in briefs) == sorted(story_url(site, n) for n in range(4))


def test_since_keeps_entries_by_their_feed_date(site: WebServer, tmp_path: Path) -> None:
    result = batch("--feed", site.url("/rss.xml"), "--since", "2026-11-30", "--out", str(tmp_path / "o"), *FAST)
    assert result.exit_code == 0, result.output
    assert [b["id"] for b in lines(tmp_path / "o.jsonl")] == [story_url(site, n) for n in (1, 2, 3)]
    assert "1 older than --since left out" in result.stderr
    assert lines(tmp_path / "o.jsonl")[0]["source"]["date"] == "2026-12-01T01:00:00+00:00"  # the feed's date


def test_a_sitemap_index_with_a_gzipped_news_sitemap(site: WebServer, tmp_path: Path) -> None:
    result = batch("--sitemap", site.url("/sitemap.xml"), "--since", "2026-12-02", "--out", str(tmp_path / "s"),
                   *FAST)
    assert result.exit_code == 0, result.output
    assert [b["id"] for b in lines(tmp_path / "s.jsonl")] == [story_url(site, n) for n in (1, 3, 5)]
    assert "/news-sitemap.xml.gz" in " ".join(site.paths())


def test_unreadable_entries_go_to_the_errors_file_and_the_rest_is_briefed(site: WebServer, tmp_path: Path) -> None:
    base = site.url("")
    site.routes["/rss.xml"] = Reply(body=rss_feed(base, [*RSS[1:2], ("/gone.html", "x", RSS[1][2]),
                                                         ("/private/p.html", "y", RSS[1][2])]))
    site.routes["/private/p.html"] = Reply(body=story_page(*STORIES[4]))
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# extra pages\n{story_url(site, 5)}\n", encoding="utf-8")
    result = batch(str(urls), "--feed", site.url("/rss.xml"), "--feed", site.url("/missing.xml"),
                   "--out", str(tmp_path / "o"), *FAST)
    assert result.exit_code == 1, result.output
    assert [b["id"] for b in lines(tmp_path / "o.jsonl")] == [story_url(site, 5), story_url(site, 1)]
    errors = {e["id"]: e["reason"] for e in lines(tmp_path / "o.errors.jsonl")}
    assert set(errors) == {site.url("/gone.html"), site.url("/private/p.html"), site.url("/missing.xml")}
    assert "HTTP 404" in errors[site.url("/gone.html")] and "robots.txt" in errors[site.url("/private/p.html")]


def test_shards_and_limit_work_on_url_ids(site: WebServer, tmp_path: Path) -> None:
    feeds = ["--feed", site.url("/rss.xml"), "--feed", site.url("/feeds/atom.xml")]
    ids: list[str] = []
    for index in range(3):
        result = batch(*feeds, "--shard", f"{index}/3", "--out", str(tmp_path / f"s{index}"), *FAST)
        assert result.exit_code == 0, result.output
        ids += [b["id"] for b in lines(tmp_path / f"s{index}.jsonl")]
    assert sorted(ids) == sorted(story_url(site, n) for n in range(6))
    limited = batch(*feeds, "--limit", "2", "--out", str(tmp_path / "l"), *FAST)
    assert [b["id"] for b in lines(tmp_path / "l.jsonl")] == [story_url(site, 0), story_url(site, 1)]
    assert "4 document(s) fetched" in limited.stderr  # two feeds and two pages: no more was fetched


def test_two_reprints_of_one_story_become_one_brief_with_two_sources(site: WebServer, tmp_path: Path) -> None:
    headline, paragraphs = STORIES[1]
    # The same wire story on another site: other furniture, another site name, a credit line added.
    site.routes["/other/reprint.html"] = Reply(body=story_page(headline, [*paragraphs, "（来源：新华社）"], chrome=1))
    args = [story_url(site, 1), site.url("/other/reprint.html"), story_url(site, 2), *FAST]
    merged = batch(*args, "--out", str(tmp_path / "m"))
    assert merged.exit_code == 0, merged.output
    briefs = lines(tmp_path / "m.jsonl")
    assert [b["id"] for b in briefs] == [story_url(site, 1), story_url(site, 2)]
    assert [s["url"] for s in briefs[0]["sources"]] == [story_url(site, 1), site.url("/other/reprint.html")]
    assert briefs[0]["source"]["url"] == story_url(site, 1) and "sources" not in briefs[1]
    assert "same story on 2 pages, briefed once as " + story_url(site, 1) in merged.stderr
    assert batch(*args, "--no-dedup", "--out", str(tmp_path / "n")).exit_code == 0
    assert len(lines(tmp_path / "n.jsonl")) == 3


def test_the_atom_digest_is_a_feed_feedparser_reads_with_every_brief(site: WebServer, tmp_path: Path) -> None:
    import feedparser

    headline, paragraphs = STORIES[1]
    site.routes["/other/reprint.html"] = Reply(body=story_page(headline, paragraphs, chrome=2))
    out = tmp_path / "daily"
    result = batch(site.url("/other/reprint.html"), "--feed", site.url("/rss.xml"), "--out", str(out), *FAST)
    assert result.exit_code == 0, result.output
    briefs = lines(out.with_suffix(".jsonl"))
    digest = CliRunner().invoke(main, ["digest", str(out.with_suffix(".jsonl")), "--format", "atom",
                                       "--title", "Qinghai in English"])
    assert digest.exit_code == 0, digest.output
    feed = feedparser.parse(digest.stdout.encode("utf-8"))
    assert feed.bozo == 0 and feed.version == "atom10" and feed.feed.title == "Qinghai in English"
    assert len(feed.entries) == len(briefs) == 4
    for entry, brief in zip(feed.entries, briefs):
        assert entry.title == brief["headline"] and entry.summary == brief["summary"]
        content = html.unescape(entry.content[0].value)
        assert all(f["english"] in content and f["text"] in content for f in brief["figures"])
        assert [w for w in brief["warnings"] if w not in content] == []
        assert entry.link == brief["source"]["url"] and entry.id.startswith("urn:summarise:brief:")
        assert entry.updated_parsed is not None
    assert sum(len(b["figures"]) for b in briefs) >= 10
    merged = next(e for e in feed.entries if len(e.links) > 1)
    assert {link.href for link in merged.links} == {site.url("/other/reprint.html"), story_url(site, 1) + "?utm_source=rss"}
    dated = next(e for e, b in zip(feed.entries, briefs) if b["source"]["date"])
    assert dated.published_parsed is not None
