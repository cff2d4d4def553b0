"""Web inputs on the command line: the fetch options `brief`, `articles` and `batch` share, reading a
URL into pages, and the batch hook that turns URLs, feeds and sitemaps into work items."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from summarise.batch import WorkItem, read_results
from summarise.config import BriefConfig, environment_values
from summarise.errors import ConfigError
from summarise.output.render import printable
from summarise.sources import Fetcher, FetchSettings, resolve_fetch_settings
from summarise.types import Article, Page

F = Callable[..., Any]
FETCH_OPTION_NAMES = ("allow_private", "allowed_networks", "ignore_robots", "refresh", "no_cache", "fetch_timeout",
                      "connect_timeout", "per_host_delay", "max_redirects", "retries")
DEDUP_VARIABLE = "SUMMARISE_DEDUP_THRESHOLD"


def fetch_options(command: F) -> F:
    """Add the options that decide how URLs are fetched to a click command."""
    options = [
        click.option("--allow-private", is_flag=True, default=None,
                     help="Fetch private, loopback and link-local addresses too (an intranet; tests)."),
        click.option("--allow-network", "allowed_networks", multiple=True, metavar="CIDR",
                     help="Fetch this private network only (e.g. 10.1.0.0/16); repeatable."),
        click.option("--ignore-robots", is_flag=True, help="Do not read robots.txt (said on stderr)."),
        click.option("--refresh", is_flag=True, default=None,
                     help="Download every page again instead of asking whether the cached copy changed."),
        click.option("--no-cache", is_flag=True, help="Neither read nor write the HTTP cache."),
        click.option("--fetch-timeout", type=click.FloatRange(min=0, min_open=True), default=None, metavar="S",
                     help="Seconds for one page, redirects, retries and body included (default 30)."),
        click.option("--connect-timeout", type=click.FloatRange(min=0, min_open=True), default=None, metavar="S",
                     help="Seconds to resolve a host and connect (default 10)."),
        click.option("--per-host-delay", type=click.FloatRange(min=0), default=None, metavar="S",
                     help="At least S seconds between two requests to one host (default 1)."),
        click.option("--max-redirects", type=click.IntRange(min=0), default=None, metavar="N",
                     help="Redirects followed for one page (default 5)."),
        click.option("--retries", type=click.IntRange(min=0), default=None, metavar="N",
                     help="Retries after a 429, a 5xx or a failed connection (default 3)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def fetch_settings_from_options(*, allow_private: bool | None = None, allowed_networks: tuple[str, ...] = (),
                                ignore_robots: bool = False, refresh: bool | None = None, no_cache: bool = False,
                                fetch_timeout: float | None = None, **values: Any) -> FetchSettings:
    """FetchSettings for the fetch options: flags, then SUMMARISE_* variables, then defaults."""
    return resolve_fetch_settings(
        allow_private=allow_private, allowed_networks=allowed_networks or None, refresh=refresh,
        respect_robots=False if ignore_robots else None, use_cache=False if no_cache else None,
        timeout=fetch_timeout, **values)


def take_fetch_options(options: dict[str, Any]) -> dict[str, Any]:
    """Remove the fetch options from a command's keyword arguments and return them."""
    return {name: options.pop(name) for name in FETCH_OPTION_NAMES if name in options}


def new_fetcher(settings: FetchSettings) -> Fetcher:
    """A Fetcher that logs its retries on stderr, after saying so there when robots.txt is not read."""
    if not settings.respect_robots:
        click.echo("summarise: warning: --ignore-robots: robots.txt is not read; every page is fetched", err=True)
    return Fetcher(settings, log=lambda line: click.echo(f"summarise: {printable(line)}", err=True))


def fetched_pages(url: str, options: dict[str, Any], *, max_bytes: int) -> list[Page]:
    """The pages of one URL given on the command line (brief, articles)."""
    from summarise.sources import fetch_pages

    settings = fetch_settings_from_options(**{"max_bytes": max_bytes, **options})
    return fetch_pages(url, fetcher=new_fetcher(settings))


def source_articles(source: str, options: dict[str, Any], config: BriefConfig) -> list[Article]:
    """The articles of one source given on the command line (brief, articles): a URL fetched with the
    fetch options, else a file or - read within the configured limits."""
    from summarise.articles import split_articles
    from summarise.reading.readers import load_pages
    from summarise.sources.urls import looks_like_url

    if looks_like_url(source):
        pages = fetched_pages(source, options, max_bytes=config.max_input_bytes)
    else:
        pages = load_pages(source, max_bytes=config.max_input_bytes, stdin=sys.stdin.buffer,
                           pdf_limits=config.pdf_limits)
    return [article for page in pages for article in split_articles(page)]


def dedup_threshold(flag: float | None) -> float:
    """--dedup-threshold, then SUMMARISE_DEDUP_THRESHOLD, then the default."""
    from summarise.sources.dedup import DEFAULT_THRESHOLD

    value = flag if flag is not None else environment_values({"threshold": (DEDUP_VARIABLE, float)}).get(
        "threshold", DEFAULT_THRESHOLD)
    if not 0 < value <= 1:
        raise ConfigError(f"the reprint threshold must be in (0, 1], not {value}")
    return float(value)


def web_batch_options(command: F) -> F:
    """Add `batch`'s web options (feeds, sitemaps, --since, reprints) and the fetch options."""
    options = [
        click.option("--feed", "feeds", multiple=True, metavar="URL",
                     help="Brief every entry of this RSS or Atom feed; repeatable."),
        click.option("--sitemap", "sitemaps", multiple=True, metavar="URL",
                     help="Brief every page of this sitemap, sitemap index or Google News sitemap; repeatable."),
        click.option("--since", metavar="24h|7d|DATE",
                     help="Only feed and sitemap entries dated since then (undated entries are kept)."),
        click.option("--no-dedup", is_flag=True,
                     help="Brief every fetched page, even reprints of one story (default: once per story)."),
        click.option("--dedup-threshold", type=click.FloatRange(min=0, max=1, min_open=True), default=None,
                     metavar="J", help="Character 5-gram Jaccard similarity from which two fetched articles "
                                       "are one story (default 0.5)."),
    ]
    command = fetch_options(command)
    for option in reversed(options):
        command = option(command)
    return command


@dataclass(frozen=True)
class WebOptions:
    """`batch`'s web options, taken out of its keyword arguments by take_web_options."""

    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    since: str | None = None
    dedup: bool = True
    threshold: float | None = None
    fetching: dict[str, Any] = field(default_factory=dict)

    @property
    def asked(self) -> bool:
        """True when a feed or sitemap is to be read."""
        return bool(self.feeds or self.sitemaps)

    def items(self, urls: list[str], out: Path, *, max_bytes: int, limit: int | None,
              quiet: bool) -> list[WorkItem]:
        """The batch hook: `urls` and these feeds and sitemaps fetched into work items, reprints merged."""
        return web_items(self, urls, out, max_bytes=max_bytes, limit=limit, quiet=quiet)


def take_web_options(options: dict[str, Any]) -> WebOptions:
    """Remove `batch`'s web options from its keyword arguments."""
    return WebOptions(feeds=options.pop("feeds", ()), sitemaps=options.pop("sitemaps", ()),
                      since=options.pop("since", None), dedup=not options.pop("no_dedup", False),
                      threshold=options.pop("dedup_threshold", None), fetching=take_fetch_options(options))


def web_items(options: WebOptions, urls: list[str], out: Path, *, max_bytes: int, limit: int | None,
              quiet: bool) -> list[WorkItem]:
    """Pages, feed and sitemap entries fetched into work items, reprints merged (see WebOptions.items)."""
    from summarise.sources.dedup import merge_reprints
    from summarise.sources.entries import parse_since
    from summarise.sources.work import WebInputs, web_work_items

    since = parse_since(options.since) if options.since else None
    web = WebInputs(tuple(urls), options.feeds, options.sitemaps, since)
    if options.since and not options.asked:
        raise ConfigError("--since keeps --feed and --sitemap entries by their date; give one of them")
    if not web:
        return []
    cut = dedup_threshold(options.threshold) if options.dedup else None
    fetcher = new_fetcher(fetch_settings_from_options(**{"max_bytes": max_bytes, **options.fetching}))

    def log(line: str) -> None:
        if not quiet:
            click.echo(f"summarise: {printable(line)}", err=True)

    items: list[WorkItem] = []
    for item in web_work_items(web, fetcher, log=log):
        items.append(item)
        if limit is not None and len(items) >= limit:
            break  # the batch takes no more than `limit` items: fetch no further
    click.echo(f"summarise: web: {fetcher.stats.line()}", err=True)
    if cut is None:
        return items
    done = {line.id for line in read_results(out)[0]}
    merged, groups = merge_reprints(items, threshold=cut, prefer=done)
    for group in groups:
        others = ", ".join(f"{printable(i)} ({s:.2f})" for i, s in zip(group.merged, group.similarity))
        log(f"same story on {len(group.merged) + 1} pages, briefed once as {printable(group.kept)}: also {others}")
    return merged
