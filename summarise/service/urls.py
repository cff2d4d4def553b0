"""URL inputs: the one seam between the service and the fetcher.

The fetcher (`summarise/sources/`, issue 23: `fetch_pages(url)` with timeouts, a size cap, robots.txt and
a rule refusing private, loopback and link-local addresses) is being built beside this service. Until it
lands, every URL input is refused here with a 400 that says so. When it lands, only the body of
`pages_from_url` changes, to about this (the blocking fetch already runs in a worker thread):

    from summarise.sources import FetchError, FetchRefused, FetchTooLarge, HttpStatusError, fetch_pages

    # one Fetcher for the process, so its per-host delay and cache are shared by every request:
    # FETCHER = Fetcher(resolve_fetch_settings(max_bytes=max_bytes))
    try:
        return list(fetch_pages(url, fetcher=FETCHER))
    except FetchTooLarge:
        raise                                               # InputTooLarge: 413
    except FetchRefused as error:                           # a private address, robots.txt, not http(s)
        raise bad_request(str(error)) from None             # 400
    except HttpStatusError as error:                        # the page answered 4xx: 422; 5xx: 502
        raise ApiError(422 if error.exit_code == 2 else 502, "url-failed", str(error)) from None
    except FetchError as error:                             # unreachable, timed out: the remote's fault
        raise ApiError(502, "url-failed", str(error), retry_after=30) from None

The private-address rule stays on (no `allow_private` from a request). Nothing else in the service knows
how URLs are fetched.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from summarise.errors import InputError
from summarise.service.errors import ApiError, bad_request
from summarise.types import Page


def pages_from_url(url: str, *, max_bytes: int) -> list[Page | InputError]:
    """The pages of the document at `url` (blocking). Refused until the fetcher lands: see above."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise bad_request(f"not an http(s) URL: {url[:200]!r}")
    raise ApiError(400, "url-unsupported", "URL inputs are not available in this version of the service "
                   "(the fetcher has not landed); send the page's text or the file instead")
