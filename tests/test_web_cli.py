"""URLs on the command line against a local server on 127.0.0.1: `articles URL` reads what the file gives,
each refusal is one line and exit 2, each unbounded server ends in one line within the timeout, and
`brief URL` / `Briefer.brief_url` keep the page's address as the brief's source.url."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from summarise.cli import main
from summarise.config import BriefConfig
from summarise.pipeline import Briefer
from summarise.sources import Fetcher, FetchSettings
from summarise.testing.fakes import FakeSummariser, FakeTranslator
from tests.conftest import SHARED_DATA
from tests.web_server import Reply, WebServer, corpus_stories, running_server, story_page

DEV = SHARED_DATA / "web-pages-dev"
FAST = ["--per-host-delay", "0", "--fetch-timeout", "1.5", "--retries", "1"]
PAGE = story_page(*corpus_stories()[1])


@pytest.fixture(autouse=True)
def _private_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SUMMARISE_CACHE", str(tmp_path / "cache"))


@pytest.fixture
def server() -> Iterator[WebServer]:
    with running_server() as web:
        web.routes["/robots.txt"] = Reply(body=b"User-agent: *\nDisallow: /private/\n",
                                          headers={"Content-Type": "text/plain"})
        web.routes["/story.html"] = Reply(body=PAGE)
        yield web


def cli(*args: str, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(main, list(args), env=env)


def records(output: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.splitlines()]


@pytest.mark.skipif(not (DEV / "index.json").exists(), reason=f"dev set absent: {DEV}")
def test_articles_of_a_served_dev_page_are_the_articles_of_the_file(server: WebServer) -> None:
    names = [row["file"] for row in json.loads((DEV / "index.json").read_text(encoding="utf-8"))]
    for name in names:
        # Served as a web server would: text/html, no charset (the page and the bytes decide).
        server.routes[f"/{name}"] = Reply(body=(DEV / name).read_bytes(), headers={"Content-Type": "text/html"})
        web = cli("articles", server.url(f"/{name}"), "--allow-private", *FAST)
        disk = cli("articles", str(DEV / name))
        assert web.exit_code == 0 and disk.exit_code == 0, (name, web.stderr)
        fetched, read = records(web.stdout), records(disk.stdout)
        assert [r.pop("url") for r in fetched] == [server.url(f"/{name}")] * len(fetched)
        assert fetched[0]["id"] == server.url(f"/{name}")
        for record in fetched + read:
            for key in ("id", "source", "url"):
                record.pop(key, None)
        assert fetched == read, name
    assert len(names) == 33


@pytest.mark.parametrize(("setup", "args", "message"), [
    (None, ["/private/a.html"], r"disallowed for summarise by http://127\.0\.0\.1:\d+/robots\.txt"),
    (None, ["ftp://127.0.0.1/a.html"], "only http and https URLs are fetched, not ftp"),
    ("no-allow", ["/story.html"], r"127\.0\.0\.1 is a loopback address; such addresses are not fetched"),
    ("redirect", ["/moved", "--allow-network", "127.0.0.1/32"],
     r"redirected to http://127\.0\.0\.2:\d+/story\.html: 127\.0\.0\.2 is a loopback address"),
    ("big", ["/story.html"], "over the input limit of 1,000 bytes"),
    ("image", ["/photo"], "content type image/jpeg is not a web page"),
], ids=["robots", "scheme", "private", "redirect-to-private", "size", "content-type"])
@pytest.mark.parametrize("command", ["articles", "brief"])
def test_each_refusal_is_one_line_and_exit_2(server: WebServer, setup: str | None, args: list[str], message: str,
                                             command: str) -> None:
    server.routes["/private/a.html"] = Reply(body=PAGE)
    server.routes["/moved"] = Reply(302, headers={"Location": f"http://127.0.0.2:{server.port}/story.html"})
    server.routes["/photo"] = Reply(body=b"\xff\xd8\xff" * 50, headers={"Content-Type": "image/jpeg"})
    target = args[0] if "://" in args[0] else server.url(args[0])
    allow = [] if setup in ("no-allow", "redirect") else ["--allow-private"]
    env = {"SUMMARISE_MAX_BYTES": "1000"} if setup == "big" else None
    result = cli(command, target, *args[1:], *allow, *FAST, env=env)
    assert result.exit_code == 2, result.output
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"summarise: error: {target}: ") and "Traceback" not in result.output
    assert __import__("re").search(message, line), line
    assert result.stdout == ""


@pytest.mark.parametrize(("reply", "message"), [
    (Reply(body=PAGE, drip=True), "did not send its answer within the timeout"),
    (Reply(hang=True), "did not send its answer within the timeout"),
    (Reply(302, headers={"Location": "/unbounded"}), "redirect loop"),
], ids=["drip", "never-answers", "redirect-loop"])
def test_an_unbounded_server_ends_within_the_timeout_in_one_line(server: WebServer, reply: Reply,
                                                                 message: str) -> None:
    server.routes["/unbounded"] = reply
    started = time.monotonic()
    result = cli("articles", server.url("/unbounded"), "--allow-private", *FAST)
    elapsed = time.monotonic() - started
    [line] = result.stderr.strip().splitlines()
    assert result.exit_code == 1 and message in line and line.startswith("summarise: error: http://127.0.0.1:")
    assert elapsed < 1.5 + 1.5, elapsed


def test_429_with_retry_after_is_retried_and_then_succeeds(server: WebServer) -> None:
    answers = iter([Reply(429, headers={"Retry-After": "1"})])
    server.routes["/busy"] = lambda request: next(answers, Reply(body=PAGE))
    result = cli("articles", server.url("/busy"), "--allow-private", "--per-host-delay", "0", "--format", "table")
    assert result.exit_code == 0, result.output
    assert "生物园区超额完成" in result.stdout and "HTTP 429; retrying in 1.0 s" in result.stderr
    assert [r.answered for r in server.requests if r.path == "/busy"] == [429, 200]


def test_ignore_robots_fetches_and_says_so(server: WebServer) -> None:
    server.routes["/private/a.html"] = Reply(body=PAGE)
    result = cli("articles", server.url("/private/a.html"), "--allow-private", "--ignore-robots", *FAST)
    assert result.exit_code == 0 and "--ignore-robots: robots.txt is not read" in result.stderr
    assert "/robots.txt" not in server.paths()


def fake_briefer(config: BriefConfig) -> Briefer:
    return Briefer(config, summariser=FakeSummariser(), translator=FakeTranslator())


def test_brief_url_keeps_the_pages_address_as_source_url(server: WebServer, monkeypatch: pytest.MonkeyPatch) -> None:
    server.routes["/old.html"] = Reply(301, headers={"Location": "/story.html"})
    monkeypatch.setattr("summarise.pipeline.Briefer", fake_briefer)
    result = cli("brief", server.url("/old.html?utm_source=x"), "--allow-private", "--format", "json", *FAST)
    assert result.exit_code == 0, result.output
    [brief] = json.loads(result.stdout)
    assert brief["id"] == server.url("/old.html")  # the canonical URL asked for
    assert brief["source"]["url"] == server.url("/story.html")  # where the text came from
    assert brief["source"]["headline"] == corpus_stories()[1][0] and "sources" not in brief


def test_the_api_briefs_a_url_and_refuses_private_addresses_by_default(server: WebServer, tmp_path: Path) -> None:
    from summarise import FetchError, fetch

    briefer = Briefer(summariser=FakeSummariser(), translator=FakeTranslator())
    [brief] = briefer.brief_url(server.url("/story.html"), allow_private=True, per_host_delay=0)
    assert brief.source.url == server.url("/story.html") and brief.figures
    with pytest.raises(FetchError) as raised:
        fetch(server.url("/story.html"))
    assert raised.value.exit_code == 2 and "loopback" in str(raised.value)
    fetched = fetch(server.url("/story.html"), allow_private=True)
    assert fetched.body == PAGE and fetched.final_url == server.url("/story.html")
    fetcher = Fetcher(FetchSettings(allow_private=True, per_host_delay=0, cache_dir=tmp_path))
    assert briefer.brief_url(server.url("/story.html"), fetcher=fetcher)[0].id == brief.id
