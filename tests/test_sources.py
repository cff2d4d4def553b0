"""The web-input stages alone, no server: canonical URLs, address rules, --since, Retry-After, the cache's
freshness rules, feeds, sitemaps (gzip included) and URL lists."""

from __future__ import annotations

import gzip
import ipaddress
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from summarise.errors import ConfigError, InputError
from summarise.sources.addresses import AddressPolicy
from summarise.sources.cache import HttpCache, freshness_lifetime
from summarise.sources.entries import Entry, parse_since, since_filter
from summarise.sources.feeds import NotAFeed, read_feed
from summarise.sources.fetcher import retry_after
from summarise.sources.settings import resolve_fetch_settings
from summarise.sources.sitemaps import NotASitemap, read_sitemap
from summarise.sources.urls import canonical_url, checked_url, looks_like_url
from summarise.sources.work import read_url_list, split_inputs
from tests.web_server import atom_feed, news_sitemap, rss_feed, sitemap_index

BASE = "http://news.test"


@pytest.mark.parametrize(("url", "canonical"), [
    ("HTTP://News.Test:80/a/b.html?utm_source=x&id=3&fbclid=1#top", "http://news.test/a/b.html?id=3"),
    ("https://news.test:443/x?spm=a.b&from=timeline&b=2&a=1", "https://news.test/x?a=1&b=2&from=timeline"),
    ("http://news.test", "http://news.test/"),
    ("http://news.test:8080/新闻/a b?q=中", "http://news.test:8080/%E6%96%B0%E9%97%BB/a%20b?q=%E4%B8%AD"),
    ("http://news.test/a%2fb", "http://news.test/a%2Fb"),  # an escaped slash is not a slash
    ("http://news.test/article.php?cid=7&aid=9", "http://news.test/article.php?aid=9&cid=7"),
    ("http://例子.测试/a", "http://xn--fsqu00a.xn--0zwm56d/a"),
])
def test_canonical_urls_drop_what_does_not_choose_the_page(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical
    assert canonical_url(canonical) == canonical  # a fixed point


@pytest.mark.parametrize(("text", "is_url"), [
    ("http://a.test/", True), ("HTTPS://a.test", True), ("ftp://a.test/x", True), ("file:///etc/passwd", True),
    ("corpus/page.txt", False), ("-", False), ("C:\\news\\a.txt", False), ("javascript:alert(1)", False),
])
def test_what_counts_as_a_url_input(text: str, is_url: bool) -> None:
    assert looks_like_url(text) is is_url


def test_checked_url_refuses_ports_out_of_range() -> None:
    with pytest.raises(InputError, match="not a valid URL"):
        checked_url("http://a.test:99999/")


@pytest.mark.parametrize(("policy", "address", "allowed"), [
    (AddressPolicy(), "93.184.216.34", True),
    (AddressPolicy(), "2606:4700::1111", True),
    (AddressPolicy(), "127.0.0.1", False),
    (AddressPolicy(), "::ffff:10.0.0.1", False),
    (AddressPolicy(), "2002:7f00:1::", False),  # 6to4 wrapping 127.0.0.1
    (AddressPolicy(allow_private=True), "10.0.0.1", True),
    (AddressPolicy.of(networks=["10.1.0.0/16"]), "10.1.2.3", True),
    (AddressPolicy.of(networks=["10.1.0.0/16"]), "10.2.0.1", False),
])
def test_address_policy(policy: AddressPolicy, address: str, allowed: bool) -> None:
    assert policy.allows(ipaddress.ip_address(address)) is allowed


def test_a_network_that_is_not_one_is_a_config_error() -> None:
    from summarise.sources import Fetcher, FetchSettings

    with pytest.raises(ConfigError, match="'intranet' is not an IP network"):
        Fetcher(FetchSettings(allowed_networks=("intranet",), use_cache=False))


NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(("text", "moment"), [
    ("24h", NOW - timedelta(hours=24)), ("90m", NOW - timedelta(minutes=90)), ("7d", NOW - timedelta(days=7)),
    ("2w", NOW - timedelta(weeks=2)), ("2026-12-01", datetime(2026, 12, 1, tzinfo=UTC)),
    ("2026-12-01T08:00+08:00", datetime(2026, 12, 1, 0, 0, tzinfo=UTC)),
    ("2026-12-01T08:00:00Z", datetime(2026, 12, 1, 8, 0, tzinfo=UTC)),
])
def test_since_takes_durations_and_dates(text: str, moment: datetime) -> None:
    assert parse_since(text, now=NOW) == moment


@pytest.mark.parametrize("text", ["yesterday", "24", "-3h", "2026-13-01"])
def test_since_refuses_what_it_cannot_read(text: str) -> None:
    with pytest.raises(ConfigError, match="--since takes a duration"):
        parse_since(text, now=NOW)


def test_since_keeps_recent_and_undated_entries() -> None:
    entries = [Entry("http://a/1", NOW - timedelta(hours=2)), Entry("http://a/2", NOW - timedelta(days=3)),
               Entry("http://a/3")]
    kept, left_out = since_filter(entries, NOW - timedelta(hours=24))
    assert [e.url for e in kept] == ["http://a/1", "http://a/3"] and left_out == 1


def test_retry_after_reads_seconds_and_dates() -> None:
    assert retry_after("7") == 7.0
    assert retry_after("Wed, 02 Dec 2026 12:00:30 GMT", now=NOW.timestamp()) == 30.0
    assert retry_after("soon") is None and retry_after(None) is None


def test_cache_freshness_follows_cache_control_and_expires() -> None:
    now = 1_000_000.0
    assert freshness_lifetime({"cache-control": "public, max-age=300"}, now) == now + 300
    assert freshness_lifetime({"cache-control": "max-age=300, no-cache"}, now) == now
    assert freshness_lifetime({"expires": "Thu, 01 Jan 1970 00:00:00 GMT"}, now) == now
    assert freshness_lifetime({}, now) == now


def test_the_cache_keeps_validated_answers_only_and_survives_damage(tmp_path: Path) -> None:
    cache = HttpCache(tmp_path)
    assert cache.put("http://a/1", "http://a/1", {"content-type": "text/html"}, b"x") is None  # no validator
    kept = cache.put("http://a/2", "http://a/2", {"etag": '"v1"', "content-type": "text/html"}, b"body")
    assert kept is not None and cache.get("http://a/2") == kept
    assert kept.validators() == {"If-None-Match": '"v1"'} and not kept.is_fresh()
    [body] = list(tmp_path.glob("*/*.body"))
    body.write_bytes(b"torn")  # a body that no longer matches its record reads as missing
    assert cache.get("http://a/2") is None


def test_fetch_settings_resolve_flag_then_environment_then_default() -> None:
    environ = {"SUMMARISE_FETCH_TIMEOUT": "12", "SUMMARISE_PER_HOST_DELAY": "2.5", "SUMMARISE_MAX_BYTES": "99"}
    settings = resolve_fetch_settings(environ, timeout=5.0)
    assert (settings.timeout, settings.per_host_delay, settings.max_bytes, settings.retries) == (5.0, 2.5, 99, 3)
    with pytest.raises(ConfigError, match="SUMMARISE_FETCH_RETRIES='many'"):
        resolve_fetch_settings({"SUMMARISE_FETCH_RETRIES": "many"})


def test_rss_and_atom_entries_with_links_resolved_and_dates_in_utc() -> None:
    rss = read_feed(rss_feed(BASE, [("/a.html?utm_medium=rss", "甲", "Tue, 01 Dec 2026 10:00:00 +0800")]),
                    url=f"{BASE}/rss.xml")
    assert rss == [Entry(f"{BASE}/a.html?utm_medium=rss", datetime(2026, 12, 1, 2, 0, tzinfo=UTC), "甲",
                         f"{BASE}/rss.xml")]
    atom = read_feed(atom_feed(BASE, [("b.html", "乙", "2026-12-01T08:00:00Z")]), url=f"{BASE}/feeds/atom.xml")
    assert [(e.url, e.published) for e in atom] == [(f"{BASE}/feeds/b.html", datetime(2026, 12, 1, 8, tzinfo=UTC))]


def test_a_page_that_is_not_a_feed_is_said_to_be_so() -> None:
    with pytest.raises(NotAFeed, match="not an RSS or Atom feed"):
        read_feed(b"<html><body><p>hello</p></body></html>", url=f"{BASE}/x")


def test_sitemaps_index_gzipped_news_urlset_and_text() -> None:
    index = read_sitemap(sitemap_index(BASE, ["/news.xml.gz"]), url=f"{BASE}/sitemap.xml", max_bytes=10**6)
    assert index.sitemaps == (f"{BASE}/news.xml.gz",) and index.entries == ()
    news = read_sitemap(news_sitemap(BASE, [("/a.html", "2026-12-01T08:00:00+08:00")]), url=f"{BASE}/news.xml.gz",
                        max_bytes=10**6)
    assert [(e.url, e.published) for e in news.entries] == [(f"{BASE}/a.html", datetime(2026, 12, 1, tzinfo=UTC))]
    plain = read_sitemap(b"http://news.test/a\nhttp://news.test/b\n", url=f"{BASE}/s.txt", max_bytes=10**6)
    assert [e.url for e in plain.entries] == ["http://news.test/a", "http://news.test/b"]


def test_a_sitemap_with_entities_or_a_bomb_is_refused() -> None:
    billion = (b"<?xml version='1.0'?><!DOCTYPE r [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;'>]>"
               b"<urlset><url><loc>http://news.test/&b;</loc></url></urlset>")
    parsed = read_sitemap(billion, url=f"{BASE}/s.xml", max_bytes=10**6)
    assert all("aaaaa" not in e.url for e in parsed.entries)  # entities are not expanded
    with pytest.raises(InputError, match="over the input limit"):
        read_sitemap(gzip.compress(b"<urlset>" + b" " * 10**6 + b"</urlset>"), url=f"{BASE}/s.gz", max_bytes=1000)
    with pytest.raises(NotASitemap, match="root element is <html>"):
        read_sitemap(b"<html><body/></html>", url=f"{BASE}/s.xml", max_bytes=1000)


def test_url_lists_and_urls_are_told_from_files(tmp_path: Path) -> None:
    listed = tmp_path / "urls.txt"
    listed.write_text("# today\nhttp://news.test/a\n\nhttps://news.test/b\n", encoding="utf-8")
    article = tmp_path / "page.txt"
    article.write_text("http://news.test/a 是新闻来源\n正文。", encoding="utf-8")
    assert read_url_list(listed) == ["http://news.test/a", "https://news.test/b"]
    assert read_url_list(article) is None
    files, urls = split_inputs([str(article), str(listed), "http://news.test/c", str(tmp_path)])
    assert files == [str(article), str(tmp_path)]
    assert urls == ["http://news.test/a", "https://news.test/b", "http://news.test/c"]


def test_every_fetch_variable_is_in_the_readme() -> None:
    from summarise.cli.web import DEDUP_VARIABLE
    from summarise.sources.settings import FETCH_VARIABLES

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for variable in [name for name, _ in FETCH_VARIABLES.values()] + [DEDUP_VARIABLE]:
        assert f"`{variable}`" in readme, variable
