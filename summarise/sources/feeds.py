"""RSS and Atom feeds to entries, read with feedparser from bytes this project fetched.

feedparser never fetches anything here: it gets the bytes and the feed's URL (to resolve relative links).
Each entry's page is its `link` (Atom: the alternate link); its date is the published date, else the
updated date. Entries without an http(s) link are skipped.
"""

from __future__ import annotations

import calendar
from datetime import UTC, datetime
from typing import Any

from summarise.errors import InputError
from summarise.sources.entries import Entry
from summarise.sources.urls import resolved_link


class NotAFeed(InputError):
    """The document is not an RSS or Atom feed."""


def read_feed(data: bytes, *, url: str) -> list[Entry]:
    """The entries of an RSS 2.0 / RSS 1.0 / Atom feed, in the feed's order."""
    import feedparser  # imported here: only --feed needs it

    parsed = feedparser.parse(data, response_headers={"content-location": url})
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise NotAFeed(f"{url}: not an RSS or Atom feed" + (f" ({str(reason).splitlines()[0]})" if reason else ""))
    entries = []
    for item in parsed.entries:
        link = resolved_link(url, _link(item))
        if link is None:
            continue
        entries.append(Entry(link, _date(item), (item.get("title") or "").strip() or None, url))
    return entries


def _link(item: Any) -> str:
    if item.get("link"):
        return str(item["link"])
    for link in item.get("links", ()):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return str(link["href"])
    return ""


def _date(item: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = item.get(key)
        if value:
            return datetime.fromtimestamp(calendar.timegm(value), UTC)
    return None
