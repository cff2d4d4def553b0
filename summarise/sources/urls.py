"""URLs: which inputs are web addresses, the schemes fetched, and one canonical spelling per page.

The canonical URL is a work item's id, so the same page reached as `HTTP://Example.com:80/a?utm_source=x#top`
and `http://example.com/a` is one item: scheme and host lower-cased, the default port and the fragment
dropped, tracking parameters removed and the remaining query parameters sorted. Parameters that may
choose the article (`id`, `cid`, `aid`, `from` ...) are kept: only names on a fixed list of trackers go.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit, urlunsplit

from summarise.sources.errors import FetchRefused

SCHEMES = ("http", "https")
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Anything shaped "scheme://..." is meant as a URL (and refused unless http or https), never a file name.
_URL_SHAPE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")
_ESCAPE_RE = re.compile("%[0-9a-fA-F]{2}")
# Analytics and ad-click parameters (Google, Meta, Microsoft, Yandex, Mailchimp, HubSpot, Matomo, Alibaba's
# spm/scm, WeChat share markers). A prefix ends in "_"; everything else is matched whole.
TRACKING_PREFIXES = ("utm_", "mtm_", "pk_", "hsa_", "_hs")
TRACKING_PARAMETERS = frozenset({
    "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "ysclid", "twclid", "igshid",
    "igsh", "mc_cid", "mc_eid", "_ga", "_gl", "_openstat", "spm", "scm", "share_token", "isappinstalled",
    "wfr", "sharer_shareid", "sharer_sharetime", "scene", "clicktime", "enterid",
})


def looks_like_url(text: str) -> bool:
    """True for text shaped like a URL ("scheme://..."): such an input is fetched or refused, never a file."""
    return bool(_URL_SHAPE_RE.match(text.strip()))


def is_web_url(text: str) -> bool:
    """True for an http or https URL with a host."""
    try:
        parts = urlsplit(text.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in SCHEMES and bool(parts.hostname)


def checked_url(url: str) -> str:
    """`url` stripped, when it is an http(s) URL with a host; else FetchRefused saying why."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number in range
    except ValueError as error:
        raise FetchRefused(url, f"not a valid URL ({error})") from None
    if parts.scheme.lower() not in SCHEMES:
        scheme = parts.scheme or "no scheme"
        raise FetchRefused(url, f"only http and https URLs are fetched, not {scheme}")
    if not parts.hostname:
        raise FetchRefused(url, "the URL names no host")
    if parts.username or parts.password:
        raise FetchRefused(url, "URLs with a user name or password are not fetched")
    return url


def canonical_url(url: str) -> str:
    """One spelling per page: the id of its work item (see the module doc)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    try:
        host = host.encode("idna").decode("ascii").lower() if host and not host.isascii() else host.lower()
    except UnicodeError:
        host = host.lower()
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    port = parts.port
    netloc = host if port is None or port == _DEFAULT_PORTS.get(scheme) else f"{host}:{port}"
    path = _normal_path(parts.path) or "/"
    query = [(name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True)
             if not is_tracking_parameter(name)]
    return urlunsplit((scheme, netloc, path, urlencode(sorted(query), quote_via=quote, safe="/:@!$'()*,;~"), ""))


def is_tracking_parameter(name: str) -> bool:
    """True for a query parameter that only tracks a click (utm_source, fbclid, spm ...)."""
    lowered = name.lower()
    return lowered in TRACKING_PARAMETERS or lowered.startswith(TRACKING_PREFIXES)


def resolved_link(base: str, link: str) -> str | None:
    """A link found in a feed or sitemap made absolute against `base`; None unless it is http(s)."""
    link = link.strip()
    if not link:
        return None
    absolute = urljoin(base, link)
    return absolute if is_web_url(absolute) else None


def origin(url: str) -> str:
    """scheme://host[:port] of a URL: where its robots.txt lives and whose requests are spaced."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.rpartition('@')[2].lower()}"


def _normal_path(path: str) -> str:
    """The path with characters outside URLs (Chinese, spaces) escaped, and every escape in upper-case hex.

    Existing escapes are kept as they are ("%2F" is not a "/"), so no two pages share a spelling.
    """
    escaped = quote(path, safe="/:@!$&'()*+,;=~%")
    return _ESCAPE_RE.sub(lambda match: match[0].upper(), escaped)
