"""URL inputs: the one seam between the service and the fetcher (`summarise.sources`).

A URL is fetched with the fetcher's bounds (timeouts, the size cap, robots.txt, one request a second per
host) and its rule refusing private, loopback and link-local addresses, which a request cannot turn off:
a public service must not become a way into its own network. One Fetcher serves the process, so the
per-host delay and the conditional-GET cache hold across requests; a lock keeps its state to one fetch
at a time (the fetcher is not thread-safe, and politeness wants fetches spaced anyway).
"""

from __future__ import annotations

import threading

from summarise.errors import InputError
from summarise.service.errors import ApiError, bad_request
from summarise.sources import (
    Fetcher,
    FetchError,
    FetchRefused,
    FetchTooLarge,
    HttpStatusError,
    PrivateAddress,
    fetch_pages,
    is_web_url,
    resolve_fetch_settings,
)
from summarise.types import Page

_LOCK = threading.Lock()
_FETCHERS: dict[int, Fetcher] = {}


def _fetcher(max_bytes: int) -> Fetcher:
    if max_bytes not in _FETCHERS:
        _FETCHERS[max_bytes] = Fetcher(resolve_fetch_settings(max_bytes=max_bytes, allow_private=False))
    return _FETCHERS[max_bytes]


def pages_from_url(url: str, *, max_bytes: int) -> list[Page | InputError]:
    """The pages of the document at `url` (blocking; the caller runs it in a worker thread)."""
    url = url.strip()
    if not is_web_url(url):
        raise bad_request(f"not an http(s) URL: {url[:200]!r}")
    try:
        with _LOCK:
            return list(fetch_pages(url, fetcher=_fetcher(max_bytes)))
    except FetchTooLarge:
        raise  # an InputTooLarge: 413
    except PrivateAddress as error:  # the CLI's hint (--allow-private) has no counterpart here
        raise bad_request(f"{error.url}: {error.detail.partition(' (--allow-private')[0]}") from None
    except FetchRefused as error:  # a private address, robots.txt, a non-text content type
        raise bad_request(str(error)) from None
    except HttpStatusError as error:  # the page answered 4xx: the URL is the problem; 5xx: the remote's
        raise ApiError(422 if error.exit_code == 2 else 502, "url-failed", str(error)) from None
    except FetchError as error:  # unreachable, timed out, a broken answer
        code = 422 if isinstance(error, InputError) else 502
        raise ApiError(code, "url-failed", str(error), retry_after=None if code == 422 else 30) from None
