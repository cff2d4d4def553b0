"""URL inputs: the one seam between the service and the fetcher.

The fetcher (`summarise/sources/`, issue 23: a public `fetch` with timeouts, a size cap, robots.txt and
a rule refusing private, loopback and link-local addresses) is being built beside this service. Until it
lands, every URL input is refused here with a 400 that says so. When it lands, only the body of
`pages_from_url` changes, to something like:

    from summarise.sources import fetch
    fetched = fetch(url, max_bytes=max_bytes)      # the private-address rule applies inside fetch
    return list(pages_from_bytes(fetched.data, fetched.url, max_bytes))

and the fetcher's typed errors map to statuses in `summarise.service.errors.api_error` (a refused address
or a bad URL 400, a page that cannot be fetched 422 or 502, a too-large page 413). Nothing else in the
service knows how URLs are fetched.
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
