"""The fetcher against a local server on 127.0.0.1: refusals, bounds, retries, politeness, the cache and
the connection pinned to the address that was checked. Sockets may reach 127.0.0.1 only (loopback_only)."""

from __future__ import annotations

import gzip
import itertools
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from summarise.sources import (
    Fetcher,
    FetchFailed,
    FetchRefused,
    FetchSettings,
    FetchTimeout,
    FetchTooLarge,
    HttpStatusError,
    PrivateAddress,
    RobotsDisallowed,
    read_fetched,
)
from summarise.sources.fetcher import FEEDS
from tests.web_server import (
    Reply,
    WebServer,
    corpus_stories,
    loopback_only,
    running_server,
    self_signed,
    story_page,
)

pytestmark = pytest.mark.usefixtures("loopback_only")
assert loopback_only  # the fixture is used through pytestmark
PAGE = story_page(*corpus_stories()[1])


@pytest.fixture
def server() -> Iterator[WebServer]:
    with running_server() as web:
        web.routes["/robots.txt"] = Reply(body=b"User-agent: *\nDisallow: /private/\n",
                                          headers={"Content-Type": "text/plain"})
        web.routes["/story.html"] = Reply(body=PAGE, etag=True)
        yield web


def fetcher_for(tmp_path: Path, **settings: Any) -> Fetcher:
    values: dict[str, Any] = {"allow_private": True, "per_host_delay": 0.0, "timeout": 3.0,
                              "cache_dir": tmp_path / "cache", **settings}
    return Fetcher(FetchSettings(**values))


def test_a_page_is_fetched_with_our_user_agent_and_read_like_the_file(server: WebServer, tmp_path: Path) -> None:
    page = fetcher_for(tmp_path).fetch(server.url("/story.html"))
    assert page.body == PAGE and page.content_type == "text/html" and page.how == "downloaded"
    [seen] = [r for r in server.requests if r.path == "/story.html"]
    assert seen.headers["user-agent"].startswith("summarise/") and "gzip" in seen.headers["accept-encoding"]
    assert seen.headers["host"] == f"127.0.0.1:{server.port}"
    [read] = read_fetched(page, max_bytes=10**6)
    assert read.url == server.url("/story.html") and read.record_id == server.url("/story.html")
    assert read.format == "html" and "招商引资" in read.text


@pytest.mark.parametrize(("url", "error", "words"), [
    ("ftp://127.0.0.1/x", FetchRefused, "only http and https"),
    ("file:///etc/passwd", FetchRefused, "only http and https"),
    ("http:///nohost", FetchRefused, "no host"),
    ("http://user:pw@127.0.0.1/", FetchRefused, "user name or password"),
])
def test_only_http_urls_with_a_host_are_fetched(tmp_path: Path, url: str, error: type, words: str) -> None:
    with pytest.raises(error, match=words) as raised:
        fetcher_for(tmp_path).fetch(url)
    assert raised.value.exit_code == 2 and "\n" not in str(raised.value)


def test_private_addresses_are_refused_before_any_request(server: WebServer, tmp_path: Path) -> None:
    with pytest.raises(PrivateAddress, match="127.0.0.1 is a loopback address.*--allow-private") as raised:
        fetcher_for(tmp_path, allow_private=False).fetch(server.url("/story.html"))
    assert raised.value.exit_code == 2 and server.requests == []  # not even robots.txt


@pytest.mark.parametrize("address", ["10.0.0.1", "169.254.169.254", "127.0.0.2", "0.0.0.0", "::1",
                                     "::ffff:127.0.0.1", "fe80::1", "100.64.0.1", "224.0.0.1", "192.168.1.1"])
def test_every_non_public_range_is_refused_without_connecting(tmp_path: Path, address: str) -> None:
    # The fake resolver answers with the address; the refusal comes before any socket is opened
    # (loopback_only would fail the test on a connection attempt outside 127.0.0.1).
    fetcher = Fetcher(FetchSettings(per_host_delay=0, cache_dir=tmp_path), resolver=lambda host, port: [address])
    with pytest.raises(PrivateAddress, match="news.test"):
        fetcher.fetch("http://news.test/a.html")


def test_a_host_with_one_private_answer_among_public_ones_is_refused(tmp_path: Path) -> None:
    fetcher = Fetcher(FetchSettings(per_host_delay=0, cache_dir=tmp_path),
                      resolver=lambda host, port: ["93.184.216.34", "10.1.2.3"])
    with pytest.raises(PrivateAddress, match=r"10\.1\.2\.3"):
        fetcher.fetch("http://mixed.test/")


def test_the_connection_goes_to_the_address_checked_not_a_second_dns_answer(server: WebServer,
                                                                          tmp_path: Path) -> None:
    # A rebinding resolver: first 127.0.0.1 (allowed), then a link-local address. The fetcher asks once
    # per hop and connects to what it checked, with the URL's host in the Host header.
    answers = iter([["127.0.0.1"], ["169.254.169.254"], ["169.254.169.254"]])
    asked: list[str] = []

    def rebinding(host: str, port: int) -> list[str]:
        asked.append(host)
        return next(answers)

    fetcher = Fetcher(FetchSettings(allowed_networks=("127.0.0.1/32",), per_host_delay=0, respect_robots=False,
                                    cache_dir=tmp_path), resolver=rebinding)
    page = fetcher.fetch(f"http://news.test:{server.port}/story.html")
    assert page.body == PAGE and asked == ["news.test"]
    assert server.requests[-1].headers["host"] == f"news.test:{server.port}"


def test_a_redirect_to_a_private_address_is_refused(server: WebServer, tmp_path: Path) -> None:
    server.routes["/moved"] = Reply(302, headers={"Location": f"http://127.0.0.2:{server.port}/story.html"})
    fetcher = fetcher_for(tmp_path, allow_private=False, allowed_networks=("127.0.0.1/32",))
    with pytest.raises(PrivateAddress, match=r"redirected to http://127\.0\.0\.2.*loopback") as raised:
        fetcher.fetch(server.url("/moved"))
    assert raised.value.url == server.url("/moved") and "/story.html" not in server.paths()


def test_robots_txt_is_honoured_and_read_once_per_site(server: WebServer, tmp_path: Path) -> None:
    server.routes["/private/a.html"] = Reply(body=PAGE)
    fetcher = fetcher_for(tmp_path)
    with pytest.raises(RobotsDisallowed, match=r"disallowed for summarise by .*/robots\.txt.*--ignore-robots"):
        fetcher.fetch(server.url("/private/a.html"))
    fetcher.fetch(server.url("/story.html"))
    assert server.paths() == ["/robots.txt", "/story.html"]
    assert fetcher_for(tmp_path, respect_robots=False).fetch(server.url("/private/a.html")).body == PAGE


@pytest.mark.parametrize(("status", "allowed"), [(404, True), (403, True), (503, False)])
def test_robots_txt_answers_mean_what_rfc_9309_says(server: WebServer, tmp_path: Path, status: int,
                                                     allowed: bool) -> None:
    server.routes["/robots.txt"] = Reply(status, b"")
    fetcher = fetcher_for(tmp_path, retries=0)
    if allowed:
        assert fetcher.fetch(server.url("/story.html")).body == PAGE
    else:
        with pytest.raises(RobotsDisallowed, match="could not be read"):
            fetcher.fetch(server.url("/story.html"))


def test_a_body_over_the_cap_is_refused_with_or_without_a_length(server: WebServer, tmp_path: Path) -> None:
    server.routes["/big"] = Reply(body=b"x" * 5000)
    server.routes["/big-chunked"] = Reply(body=b"1388\r\n" + b"x" * 5000 + b"\r\n0\r\n\r\n",
                                          headers={"Transfer-Encoding": "chunked"})
    server.routes["/bomb"] = Reply(body=gzip.compress(b"x" * 10**6), headers={"Content-Encoding": "gzip"})
    fetcher = fetcher_for(tmp_path, max_bytes=1000)
    for path in ("/big", "/big-chunked", "/bomb"):
        with pytest.raises(FetchTooLarge, match="over the input limit of 1,000 bytes.*SUMMARISE_MAX_BYTES") as raised:
            fetcher.fetch(server.url(path))
        assert raised.value.exit_code == 2


def test_gzip_bodies_are_decoded(server: WebServer, tmp_path: Path) -> None:
    server.routes["/zipped"] = Reply(body=gzip.compress(PAGE), headers={"Content-Encoding": "gzip"})
    assert fetcher_for(tmp_path).fetch(server.url("/zipped")).body == PAGE


@pytest.mark.parametrize("content_type", ["image/png", "application/zip", "video/mp4", "application/javascript"])
def test_a_type_that_is_not_a_page_is_refused_unread(server: WebServer, tmp_path: Path, content_type: str) -> None:
    server.routes["/thing"] = Reply(body=b"\x89PNG" * 100, headers={"Content-Type": content_type})
    with pytest.raises(FetchRefused, match=f"content type {content_type} is not a web page"):
        fetcher_for(tmp_path).fetch(server.url("/thing"))


@pytest.mark.parametrize("reply", [Reply(body=PAGE, drip=True), Reply(hang=True)], ids=["drip", "hang"])
def test_a_dripping_or_silent_server_ends_within_the_timeout(server: WebServer, tmp_path: Path,
                                                             reply: Reply) -> None:
    server.routes["/slow"] = reply
    started = time.monotonic()
    with pytest.raises(FetchTimeout, match="within the timeout") as raised:
        fetcher_for(tmp_path, timeout=1.5).fetch(server.url("/slow"))
    assert 1.4 < time.monotonic() - started < 3.0 and raised.value.exit_code == 1


def test_a_redirect_loop_and_too_many_redirects_end_in_one_line(server: WebServer, tmp_path: Path) -> None:
    server.routes["/a"] = Reply(302, headers={"Location": "/b"})
    server.routes["/b"] = Reply(301, headers={"Location": server.url("/a")})
    with pytest.raises(FetchFailed, match=r"redirect loop \(.*/a -> .*/b -> .*/a\)"):
        fetcher_for(tmp_path).fetch(server.url("/a"))
    for n in range(8):
        server.routes[f"/r{n}"] = Reply(302, headers={"Location": f"/r{n + 1}"})
    with pytest.raises(FetchFailed, match="more than 3 redirects"):
        fetcher_for(tmp_path, max_redirects=3).fetch(server.url("/r0"))


def test_429_with_retry_after_is_waited_for_then_succeeds(server: WebServer, tmp_path: Path) -> None:
    calls: list[float] = []

    def busy(request: Any) -> Reply:
        calls.append(time.monotonic())
        return Reply(429, headers={"Retry-After": "1"}) if len(calls) == 1 else Reply(body=PAGE)

    server.routes["/busy"] = busy
    logged: list[str] = []
    fetcher = Fetcher(FetchSettings(allow_private=True, per_host_delay=0, cache_dir=tmp_path), log=logged.append)
    assert fetcher.fetch(server.url("/busy")).body == PAGE
    assert len(calls) == 2 and calls[1] - calls[0] >= 0.95
    assert fetcher.stats.retried == 1 and "HTTP 429; retrying in 1.0 s" in logged[0]


def test_5xx_is_retried_with_backoff_then_reported(server: WebServer, tmp_path: Path) -> None:
    server.routes["/down"] = Reply(503, b"")
    with pytest.raises(HttpStatusError, match="HTTP 503") as raised:
        fetcher_for(tmp_path, retries=1).fetch(server.url("/down"))
    assert server.paths().count("/down") == 2 and raised.value.exit_code == 1


def test_a_retry_after_past_the_timeout_is_not_waited_for(server: WebServer, tmp_path: Path) -> None:
    server.routes["/later"] = Reply(429, headers={"Retry-After": "3600"})
    started = time.monotonic()
    with pytest.raises(HttpStatusError, match="retry in 3600 s would pass the 3 s timeout"):
        fetcher_for(tmp_path).fetch(server.url("/later"))
    assert time.monotonic() - started < 1.0


def test_a_404_is_the_urls_fault(server: WebServer, tmp_path: Path) -> None:
    with pytest.raises(HttpStatusError, match="HTTP 404") as raised:
        fetcher_for(tmp_path).fetch(server.url("/missing.html"))
    assert raised.value.exit_code == 2


def test_requests_to_one_host_are_spaced_by_the_delay(server: WebServer, tmp_path: Path) -> None:
    for n in range(3):
        server.routes[f"/p{n}"] = Reply(body=PAGE)
    fetcher = fetcher_for(tmp_path, per_host_delay=0.4)
    for n in range(3):
        fetcher.fetch(server.url(f"/p{n}"))
    times = [r.at for r in server.requests]  # robots.txt, p0, p1, p2
    assert len(times) == 4 and all(b - a >= 0.38 for a, b in itertools.pairwise(times))


def test_a_second_fetch_asks_with_validators_and_gets_a_304(server: WebServer, tmp_path: Path) -> None:
    first = fetcher_for(tmp_path).fetch(server.url("/story.html"))
    again = fetcher_for(tmp_path)
    second = again.fetch(server.url("/story.html"))
    assert (first.how, second.how) == ("downloaded", "not-modified") and second.body == PAGE
    assert server.requests[-1].answered == 304 and "if-none-match" in server.requests[-1].headers
    assert "1 not modified (304)" in again.stats.line() and again.stats.downloaded == 0
    refreshed = fetcher_for(tmp_path, refresh=True).fetch(server.url("/story.html"))
    assert refreshed.how == "downloaded" and "if-none-match" not in server.requests[-1].headers


def test_a_fresh_cached_page_is_used_without_a_request(server: WebServer, tmp_path: Path) -> None:
    server.routes["/fresh"] = Reply(body=PAGE, headers={"Cache-Control": "max-age=600"})
    fetcher_for(tmp_path).fetch(server.url("/fresh"))
    before = len(server.requests)
    page = fetcher_for(tmp_path, respect_robots=False).fetch(server.url("/fresh"))
    assert page.how == "fresh" and len(server.requests) == before


def test_a_changed_page_is_downloaded_again(server: WebServer, tmp_path: Path) -> None:
    fetcher_for(tmp_path).fetch(server.url("/story.html"))
    server.routes["/story.html"] = Reply(body=PAGE + b"<!-- changed -->", etag=True)
    page = fetcher_for(tmp_path).fetch(server.url("/story.html"))
    assert page.how == "downloaded" and page.body.endswith(b"<!-- changed -->")


def test_the_header_charset_is_read_before_the_pages_own(server: WebServer, tmp_path: Path) -> None:
    headline, paragraphs = corpus_stories()[1]
    gbk = story_page(headline, paragraphs).replace(b"charset='utf-8'", b"").decode("utf-8").encode("gbk")
    server.routes["/gbk"] = Reply(body=gbk, headers={"Content-Type": "text/html; charset=GBK"})
    [page] = read_fetched(fetcher_for(tmp_path).fetch(server.url("/gbk")), max_bytes=10**6)
    assert page.encoding == "gb18030" and headline.split()[0] in page.text


def test_a_feed_type_is_accepted_where_a_feed_is_asked_for(server: WebServer, tmp_path: Path) -> None:
    server.routes["/rss"] = Reply(body=b"<rss version='2.0'/>", headers={"Content-Type": "application/rss+xml"})
    with pytest.raises(FetchRefused, match="not a web page"):
        fetcher_for(tmp_path).fetch(server.url("/rss"))
    assert fetcher_for(tmp_path).fetch(server.url("/rss"), accepted=FEEDS).content_type == "application/rss+xml"


def test_https_goes_to_the_checked_address_and_still_checks_the_certificate_name(tmp_path: Path) -> None:
    pytest.importorskip("cryptography")
    ca, context = self_signed(tmp_path, "news.test")
    with running_server(tls=context) as secure:
        secure.routes["/story.html"] = Reply(body=PAGE)

        def fetcher(**settings: Any) -> Fetcher:
            return Fetcher(FetchSettings(allowed_networks=("127.0.0.1/32",), per_host_delay=0, respect_robots=False,
                                         use_cache=False, **settings), resolver=lambda host, port: ["127.0.0.1"])

        page = fetcher(ca_certs=str(ca)).fetch(f"https://news.test:{secure.port}/story.html")
        assert page.body == PAGE and secure.requests[-1].headers["host"] == f"news.test:{secure.port}"
        with pytest.raises(FetchFailed, match="TLS failed with other.test"):  # the name is checked, not the IP
            fetcher(ca_certs=str(ca)).fetch(f"https://other.test:{secure.port}/story.html")
        with pytest.raises(FetchFailed, match="TLS failed with news.test"):  # an unknown CA is not trusted
            fetcher().fetch(f"https://news.test:{secure.port}/story.html")
