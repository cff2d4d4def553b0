"""Sources on the web: fetch a URL politely and within bounds, read feeds and sitemaps into entries, and
merge reprints of one story.

- `fetch(url)` / `Fetcher`: one document, or a typed `FetchError` (exit 2 for a refusal or a 4xx, 1 for a
  server or network failure); `fetch_pages(url)` reads it into `Page`s through the file readers.
- `feeds.read_feed` and `sitemaps.read_sitemap`: the entries of an RSS/Atom feed or a (news) sitemap.
- `work.web_work_items`: URLs, URL lists, feeds and sitemaps as batch work items keyed by canonical URL.
- `dedup.merge_reprints`: near-duplicate articles (the same wire story on several sites) briefed once.
"""

from __future__ import annotations

from typing import Any

from summarise.sources.errors import (
    FetchError,
    FetchFailed,
    FetchRefused,
    FetchTimeout,
    FetchTooLarge,
    HostNotFound,
    HttpStatusError,
    PrivateAddress,
    RobotsDisallowed,
)
from summarise.sources.fetcher import FEEDS, PAGES, SITEMAPS, FetchedPage, Fetcher, FetchStats, fetch
from summarise.sources.pages import read_fetched
from summarise.sources.settings import USER_AGENT, FetchSettings, resolve_fetch_settings
from summarise.sources.urls import canonical_url, is_web_url, looks_like_url
from summarise.types import Page

__all__ = [
    "FEEDS", "PAGES", "SITEMAPS", "USER_AGENT", "FetchError", "FetchFailed", "FetchRefused", "FetchSettings",
    "FetchStats", "FetchTimeout", "FetchTooLarge", "FetchedPage", "Fetcher", "HostNotFound", "HttpStatusError",
    "PrivateAddress", "RobotsDisallowed", "canonical_url", "fetch", "fetch_pages", "is_web_url",
    "looks_like_url", "read_fetched", "resolve_fetch_settings",
]


def fetch_pages(url: str, *, fetcher: Fetcher | None = None, **settings: Any) -> list[Page]:
    """The pages of the document at `url` (one for a web page), fetched with `fetcher` or a new one
    made from `settings` (as for `fetch`)."""
    fetcher = fetcher or Fetcher(resolve_fetch_settings(**settings))
    return read_fetched(fetcher.fetch(url), max_bytes=fetcher.settings.max_bytes)
