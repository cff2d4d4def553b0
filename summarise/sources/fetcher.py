"""The polite, bounded fetcher: `Fetcher.fetch(url)` and the one-off `fetch(url)`.

Every request is checked before it is sent: http or https only, robots.txt (unless told to ignore it),
and the host's addresses after DNS resolution (public ones only, unless allowed), on the first URL and on
every redirect. Requests to one host are spaced by `per_host_delay` (or the site's Crawl-delay, when
longer). A 429, a 5xx or a failed connection is retried with exponential backoff, or after the server's
Retry-After. One timeout bounds a whole fetch: redirects, retries and the body. Answers are kept in a
conditional-GET cache (ETag / Last-Modified), so a rerun downloads only what changed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any, Literal, Self
from urllib.parse import urljoin, urlsplit

from summarise.sources.addresses import AddressPolicy, Resolver, checked_addresses
from summarise.sources.cache import CachedDocument, HttpCache
from summarise.sources.errors import (
    FetchError,
    FetchFailed,
    HttpStatusError,
    RobotsDisallowed,
)
from summarise.sources.http import REDIRECTS, Accepted, Answer, charset_of, exchange, media_type
from summarise.sources.robots import MAX_ROBOTS_BYTES, RobotsRules, rules_from_answer
from summarise.sources.settings import FetchSettings, resolve_fetch_settings
from summarise.sources.urls import checked_url, origin

PAGES = Accepted(
    frozenset({"text/html", "application/xhtml+xml", "text/plain", "application/pdf"}),
    "a web page (HTML, plain text or PDF)",
    "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,application/pdf;q=0.7",
)
FEEDS = Accepted(
    frozenset({"application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/rdf+xml",
               "application/feed+json", "text/html", "text/plain", "application/octet-stream"}),
    "an RSS or Atom feed",
    "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.1",
)
SITEMAPS = Accepted(
    frozenset({"application/xml", "text/xml", "text/plain", "application/gzip", "application/x-gzip",
               "application/octet-stream"}),
    "a sitemap (XML, gzipped XML or a text list of URLs)",
    "application/xml,text/xml;q=0.9,application/gzip;q=0.8,text/plain;q=0.5",
)
ROBOTS = Accepted(frozenset(), "robots.txt", "text/plain")
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_CRAWL_DELAY = 30.0  # a site's Crawl-delay is honoured up to this many seconds
How = Literal["downloaded", "not-modified", "fresh"]


@dataclass(frozen=True)
class FetchedPage:
    """A fetched document: its bytes and what a reader needs to know about them."""

    url: str  # as asked for
    final_url: str  # after redirects
    body: bytes  # decoded from gzip/deflate, at most max_bytes
    content_type: str | None  # the media type ("text/html"), lower case, without parameters
    charset: str | None  # the charset the Content-Type header names, if any
    how: How  # downloaded, not modified since the cached copy (a 304), or fresh in the cache (no request)
    headers: Mapping[str, str] = field(default_factory=dict)  # lower-case names
    redirects: tuple[str, ...] = ()  # the URLs passed through on the way to final_url


@dataclass
class FetchStats:
    """What a Fetcher did, for the log: documents downloaded, not modified (304), fresh in the cache, and
    retries; robots.txt requests are not counted."""

    downloaded: int = 0
    not_modified: int = 0
    fresh: int = 0
    retried: int = 0
    failed: int = 0

    def line(self) -> str:
        """One line for the log."""
        done = self.downloaded + self.not_modified + self.fresh
        parts = [(f"{done} document(s) fetched: {self.downloaded} downloaded, {self.not_modified} not modified "
                 f"(304), {self.fresh} fresh in the cache")]
        parts += [f"{count} {what}" for count, what in ((self.retried, "retried"), (self.failed, "failed")) if count]
        return "; ".join(parts)


class Fetcher:
    """Fetches URLs one at a time, politely and within bounds; keeps robots.txt and timing per host."""

    def __init__(self, settings: FetchSettings | None = None, *, resolver: Resolver | None = None,
                 log: Callable[[str], None] | None = None, sleep: Callable[[float], None] = time.sleep) -> None:
        self.settings = settings or FetchSettings()
        try:
            self.policy = AddressPolicy.of(self.settings.allow_private, self.settings.allowed_networks)
        except ValueError as error:
            from summarise.errors import ConfigError

            raise ConfigError(f"--allow-network: {error}") from None
        self.stats = FetchStats()
        self._resolver = resolver
        self._log = log or (lambda message: None)
        self._sleep = sleep
        self._cache = HttpCache(self.settings.http_cache_dir) if self.settings.use_cache else None
        self._robots: dict[str, RobotsRules] = {}
        self._last_request: dict[str, float] = {}
        if self._cache is not None:
            self._cache.prune()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def fetch(self, url: str, *, accepted: Accepted = PAGES) -> FetchedPage:
        """The document at `url`, or the typed FetchError that says in one line why not."""
        try:
            page = self._get(url, accepted=accepted, max_bytes=self.settings.max_bytes,
                             check_robots=self.settings.respect_robots)
        except FetchError:
            self.stats.failed += 1
            raise
        counter = {"downloaded": "downloaded", "not-modified": "not_modified", "fresh": "fresh"}[page.how]
        setattr(self.stats, counter, getattr(self.stats, counter) + 1)
        return page

    # -- one document, through its redirects -------------------------------------------------------

    def _get(self, url: str, *, accepted: Accepted, max_bytes: int, check_robots: bool) -> FetchedPage:
        url = checked_url(url)
        current = url.partition("#")[0]  # the fragment is the reader's, never sent
        chain = [current]
        deadline: float | None = None
        for _ in range(self.settings.max_redirects + 1):
            try:
                page_or_next = self._hop(url, current, chain, accepted=accepted, max_bytes=max_bytes,
                                         check_robots=check_robots, deadline=deadline)
            except FetchError as error:
                raise (error.redirected(url, current) if error.url != url else error) from None
            if isinstance(page_or_next, FetchedPage):
                return page_or_next
            current, deadline = page_or_next
            chain.append(current)
        raise FetchFailed(url, f"more than {self.settings.max_redirects} redirects ({' -> '.join(chain[-3:])})")

    def _hop(self, url: str, current: str, chain: list[str], *, accepted: Accepted, max_bytes: int,
             check_robots: bool, deadline: float | None) -> FetchedPage | tuple[str, float]:
        """One request: the page it ends with, or the next URL of a redirect and the deadline."""
        current = checked_url(current)
        parts = urlsplit(current)
        https = parts.scheme.lower() == "https"
        # The address first: a private host is refused before anything, its robots.txt included, is asked.
        addresses = checked_addresses(current, parts.hostname or "", parts.port or (443 if https else 80),
                                      self.policy, resolver=self._resolver, timeout=self.settings.connect_timeout)
        rules = self._rules(current) if check_robots else None
        if rules is not None and not rules.allows(current):
            raise RobotsDisallowed(current, rules.why_not(current))
        cached = self._cached(current, accepted)
        if cached is not None and cached.is_fresh():
            return self._page(url, cached.final_url, cached.headers, cached.body, "fresh", chain)
        self._wait_turn(parts.hostname or "", rules)
        if deadline is None:  # the timeout starts with the first request, not with our own politeness wait
            deadline = time.monotonic() + self.settings.timeout
        headers = {"User-Agent": self.settings.user_agent, "Accept": accepted.header,
                   "Accept-Encoding": "gzip, deflate", **(cached.validators() if cached else {})}
        answer = self._with_retries(current, addresses, headers, deadline, accepted, max_bytes)
        if answer.status in REDIRECTS:
            location = answer.headers.get("location", "").strip()
            if not location:
                raise FetchFailed(current, f"HTTP {answer.status} redirect without a Location")
            target = urljoin(current, location).partition("#")[0]
            if target in chain:
                raise FetchFailed(url, f"redirect loop ({' -> '.join([*chain[chain.index(target):], target])})")
            return target, deadline
        if answer.status == 304 and cached is not None:
            renewed = self._cache.confirm(cached, answer.headers) if self._cache else cached
            return self._page(url, renewed.final_url, renewed.headers, renewed.body, "not-modified", chain)
        if not 200 <= answer.status < 300:
            raise HttpStatusError(current, f"HTTP {answer.status} {answer.reason}".rstrip(), answer.status)
        if self._cache is not None and answer.status == 200:
            self._cache.put(current, current, answer.headers, answer.body)
        return self._page(url, current, answer.headers, answer.body, "downloaded", chain)

    def _cached(self, url: str, accepted: Accepted) -> CachedDocument | None:
        if self._cache is None or self.settings.refresh:
            return None
        cached = self._cache.get(url)
        if cached is None or not accepted.takes(media_type(cached.headers.get("content-type"))):
            return None
        return cached

    @staticmethod
    def _page(url: str, final_url: str, headers: Mapping[str, str], body: bytes, how: How,
              chain: list[str]) -> FetchedPage:
        content_type = headers.get("content-type")
        return FetchedPage(url=url, final_url=final_url, body=body, content_type=media_type(content_type),
                           charset=charset_of(content_type), how=how, headers=dict(headers),
                           redirects=tuple(chain[:-1]))

    # -- retries and spacing -----------------------------------------------------------------------

    def _with_retries(self, url: str, addresses: list[str], headers: dict[str, str], deadline: float,
                      accepted: Accepted, max_bytes: int) -> Answer:
        host = urlsplit(url).hostname or ""
        failure: FetchError
        for attempt in range(self.settings.retries + 1):
            last_try = attempt == self.settings.retries
            try:
                answer = exchange(url, addresses, headers=headers, deadline=deadline, max_bytes=max_bytes,
                                  connect_timeout=self.settings.connect_timeout, accepted=accepted,
                                  ca_certs=self.settings.ca_certs)
            except FetchFailed as error:
                if not error.retryable or last_try:
                    raise
                wait, reason, failure = backoff(attempt), error.detail, error
            else:
                if answer.status not in RETRY_STATUSES or last_try:
                    return answer
                asked = retry_after(answer.headers.get("retry-after"))
                wait = asked if asked is not None else backoff(attempt)
                reason = f"HTTP {answer.status}"
                failure = HttpStatusError(url, f"HTTP {answer.status} {answer.reason}".rstrip(), answer.status)
            remaining = deadline - time.monotonic()
            if wait >= remaining:
                raise type(failure)(url, f"{failure.detail}; a retry in {wait:g} s would pass the "
                                         f"{self.settings.timeout:g} s timeout", **_extra(failure))
            self._log(f"{url}: {reason}; retrying in {wait:.1f} s ({attempt + 1} of {self.settings.retries})")
            self.stats.retried += 1
            self._sleep(wait)
            self._last_request[host] = time.monotonic()
        raise AssertionError("unreachable: the last try returns or raises")  # pragma: no cover

    def _wait_turn(self, host: str, rules: RobotsRules | None) -> None:
        delay = self.settings.per_host_delay
        crawl_delay = rules.crawl_delay() if rules is not None else None
        if crawl_delay:
            delay = max(delay, min(crawl_delay, MAX_CRAWL_DELAY))
        last = self._last_request.get(host)
        if last is not None:
            wait = last + delay - time.monotonic()
            if wait > 0:
                self._sleep(wait)
        self._last_request[host] = time.monotonic()

    # -- robots.txt --------------------------------------------------------------------------------

    def _rules(self, url: str) -> RobotsRules:
        site = origin(url)
        if site not in self._robots:
            self._robots[site] = self._read_robots(site + "/robots.txt")
        return self._robots[site]

    def _read_robots(self, robots_url: str) -> RobotsRules:
        try:
            page = self._get(robots_url, accepted=ROBOTS, max_bytes=MAX_ROBOTS_BYTES, check_robots=False)
        except HttpStatusError as error:
            return rules_from_answer(robots_url, error.status, b"")
        except FetchError as error:
            return RobotsRules(robots_url, refused_because=error.detail)
        return rules_from_answer(robots_url, 200, page.body)


def backoff(attempt: int) -> float:
    """Seconds to wait before retry number `attempt` + 1: 1, 2, 4, ..."""
    return float(2**attempt)


def retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """The seconds a Retry-After header asks for (delay-seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return max(0.0, when - (time.time() if now is None else now))


def _extra(error: FetchError) -> dict[str, Any]:
    return {"status": error.status} if isinstance(error, HttpStatusError) else {}


def fetch(url: str, *, allow_private: bool = False, settings: FetchSettings | None = None,
          accepted: Accepted = PAGES, **overrides: Any) -> FetchedPage:
    """Fetch one document politely and within bounds (see the module doc); raises a typed FetchError.

    `allow_private` lets it reach private, loopback and link-local addresses. Other settings resolve
    as FetchSettings' (keyword, then SUMMARISE_* variable, then default): timeout, max_bytes, ...
    """
    if settings is None:
        settings = resolve_fetch_settings(allow_private=allow_private or None, **overrides)
    return Fetcher(settings).fetch(url, accepted=accepted)
