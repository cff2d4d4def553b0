"""Web inputs as batch work items: URLs, files that list URLs, feeds and sitemaps.

Each page is one work item per article, whose id is the page's canonical URL (`URL#N` for the N-th
further article of a page that holds several), so resume, --limit, --shard and the errors file work as
for files, and a page whose text changed since it was briefed is briefed again. A page or feed that
cannot be fetched or read becomes an error item with its one-line reason; the run goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from summarise.batch.items import WorkItem
from summarise.errors import InputError, SummariseError, error_line
from summarise.files import read_capped
from summarise.sources.entries import Entry, since_filter
from summarise.sources.feeds import read_feed
from summarise.sources.fetcher import FEEDS, SITEMAPS, Fetcher
from summarise.sources.pages import read_fetched
from summarise.sources.sitemaps import read_sitemap
from summarise.sources.urls import canonical_url, looks_like_url

MAX_SITEMAP_DEPTH = 3  # an index of indexes of sitemaps, at most
MAX_SITEMAPS = 1000  # documents read for one --sitemap, index and children together
MAX_URL_LIST_BYTES = 10_000_000


@dataclass(frozen=True)
class WebInputs:
    """What a batch fetches: pages by URL, and the entries of feeds and sitemaps (since a moment)."""

    urls: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    since: datetime | None = None

    def __bool__(self) -> bool:
        return bool(self.urls or self.feeds or self.sitemaps)


def split_inputs(inputs: Sequence[str]) -> tuple[list[str], list[str]]:
    """Command-line inputs as (files and folders, URLs): a URL stays a URL, and a file holding only URLs
    (one a line; blank lines and # comments allowed) gives its URLs."""
    files: list[str] = []
    urls: list[str] = []
    for name in inputs:
        if looks_like_url(name):
            urls.append(name.strip())
            continue
        listed = read_url_list(Path(name))
        if listed is None:
            files.append(name)
        else:
            urls.extend(listed)
    return files, urls


def read_url_list(path: Path) -> list[str] | None:
    """The URLs of a file that lists only URLs, one a line; None for any other file (or none)."""
    try:
        if not path.is_file() or path.stat().st_size > MAX_URL_LIST_BYTES:
            return None
        with path.open("rb") as handle:
            head = handle.read(4096).decode("utf-8", errors="ignore")
    except OSError:
        return None
    first = next((line.strip() for line in head.splitlines() if line.strip() and not line.startswith("#")), "")
    if not looks_like_url(first.lstrip("\ufeff")):
        return None  # an article (or anything else): read no further
    try:
        text = read_capped(path, str(path), MAX_URL_LIST_BYTES).decode("utf-8-sig")
    except (InputError, UnicodeDecodeError):
        return None
    lines = [line.strip() for line in text.splitlines()]  # (the BOM went with utf-8-sig)
    lines = [line for line in lines if line and not line.startswith("#")]
    if not lines or not all(looks_like_url(line) and " " not in line for line in lines):
        return None
    return lines


def web_work_items(web: WebInputs, fetcher: Fetcher, *, log: Callable[[str], None] = lambda line: None
                   ) -> Iterator[WorkItem]:
    """Every article of every page the inputs name, fetched, as WorkItems; failures as error items."""
    entries: list[Entry] = [Entry(url) for url in web.urls]
    for feed in web.feeds:
        try:
            listed = read_feed(fetcher.fetch(feed, accepted=FEEDS).body, url=feed)
        except SummariseError as error:
            yield WorkItem(id=_id(feed), path=feed, error=error_line(error))
            continue
        kept, old = since_filter(listed, web.since)
        log(f"feed {feed}: {len(listed)} entries" + (f", {old} older than --since left out" if old else ""))
        entries.extend(kept)
    for sitemap in web.sitemaps:
        listed, failures = _sitemap_entries(sitemap, fetcher)
        yield from failures
        kept, old = since_filter(listed, web.since)
        log(f"sitemap {sitemap}: {len(listed)} entries" + (f", {old} older than --since left out" if old else ""))
        entries.extend(kept)
    seen: set[str] = set()
    for entry in entries:
        key = _id(entry.url)
        if key in seen:
            continue  # the same page in two feeds, or twice in one: one item
        seen.add(key)
        yield from page_work_items(entry, fetcher)


def page_work_items(entry: Entry, fetcher: Fetcher) -> Iterator[WorkItem]:
    """The work items of one page: one per article, or one error item."""
    from summarise.articles import split_articles

    try:
        pages = read_fetched(fetcher.fetch(entry.url), max_bytes=fetcher.settings.max_bytes)
        articles = [article for page in pages for article in split_articles(page)]
    except SummariseError as error:
        yield WorkItem(id=_id(entry.url), path=entry.url, error=error_line(error))
        return
    if not articles:
        yield WorkItem(id=_id(entry.url), path=entry.url, error="no article found")
    listed_date = entry.published.isoformat() if entry.published else None
    for article in articles:
        # A page that gives no date of its own has the one its feed or sitemap gave.
        dated = article if article.date or listed_date is None else replace(article, date=listed_date)
        yield WorkItem.for_article(dated, entry.url)


def _sitemap_entries(url: str, fetcher: Fetcher) -> tuple[list[Entry], list[WorkItem]]:
    """Every page entry under a sitemap or sitemap index, and an error item for each unreadable one."""
    entries: list[Entry] = []
    failures: list[WorkItem] = []
    pending = [(url, 0)]
    read: set[str] = set()
    while pending and len(read) < MAX_SITEMAPS:
        current, depth = pending.pop(0)
        if _id(current) in read:
            continue
        read.add(_id(current))
        try:
            document = fetcher.fetch(current, accepted=SITEMAPS)
            sitemap = read_sitemap(document.body, url=current, max_bytes=fetcher.settings.max_bytes)
        except SummariseError as error:
            failures.append(WorkItem(id=_id(current), path=current, error=error_line(error)))
            continue
        entries.extend(sitemap.entries)
        if depth < MAX_SITEMAP_DEPTH:
            pending.extend((child, depth + 1) for child in sitemap.sitemaps)
    return entries, failures


def _id(url: str) -> str:
    try:
        return canonical_url(url)
    except ValueError:
        return url
