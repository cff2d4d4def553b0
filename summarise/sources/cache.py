"""A conditional-GET cache of fetched documents, so a daily rerun downloads only what changed.

Each URL's last 200 answer is kept as two files in the cache folder: NAME.json (the URL, its validators
ETag and Last-Modified, the headers a reader needs, when it was fetched and how long it stays fresh) and
NAME.body (the decoded bytes). A later fetch sends If-None-Match / If-Modified-Since; a 304 answer means
the kept body is current. A document still fresh by its Cache-Control max-age (or Expires) is used
without asking. Answers marked no-store, or with neither validator nor lifetime, are not kept. Entries
unused for `MAX_AGE_DAYS` days are removed when the cache is opened.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path

from summarise.batch.results import write_atomically

MAX_AGE_DAYS = 30
# The response headers kept with a body: what readers of the body need, and the validators.
KEPT_HEADERS = ("content-type", "etag", "last-modified", "cache-control", "expires", "date")
_MAX_AGE_RE = re.compile(r"(?:^|,)\s*(?:s-maxage|max-age)\s*=\s*\"?(\d+)", re.IGNORECASE)


@dataclass(frozen=True)
class CachedDocument:
    """One URL's kept answer."""

    url: str
    final_url: str
    headers: Mapping[str, str]  # lower-case names, only KEPT_HEADERS
    body: bytes
    stored_at: float  # seconds since the epoch when it was fetched or last confirmed by a 304
    fresh_until: float  # seconds since the epoch; 0 when it must be revalidated each time

    def is_fresh(self, now: float | None = None) -> bool:
        """True while its lifetime (max-age, Expires) lasts: then it is used without a request."""
        return (time.time() if now is None else now) < self.fresh_until

    def validators(self) -> dict[str, str]:
        """The conditional-request headers that ask whether the kept body is still current."""
        headers = {}
        if self.headers.get("etag"):
            headers["If-None-Match"] = self.headers["etag"]
        if self.headers.get("last-modified"):
            headers["If-Modified-Since"] = self.headers["last-modified"]
        return headers


def freshness_lifetime(headers: Mapping[str, str], now: float) -> float:
    """Until when an answer may be used without asking: max-age or Expires; `now` when neither says."""
    control = headers.get("cache-control", "")
    if re.search(r"no-cache|no-store|must-revalidate", control, re.IGNORECASE):
        return now
    match = _MAX_AGE_RE.search(control)
    if match:
        return now + int(match[1])
    expires = headers.get("expires")
    if expires:
        try:
            return max(now, parsedate_to_datetime(expires).timestamp())
        except (TypeError, ValueError, IndexError, OverflowError):
            return now
    return now


def is_storable(headers: Mapping[str, str]) -> bool:
    """True for an answer worth keeping: not no-store, with a validator or a lifetime."""
    control = headers.get("cache-control", "")
    if re.search(r"no-store", control, re.IGNORECASE):
        return False
    return bool(headers.get("etag") or headers.get("last-modified") or _MAX_AGE_RE.search(control)
                or headers.get("expires"))


class HttpCache:
    """The cache folder: `get` and `put` by URL; writes are atomic, a damaged entry reads as missing."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get(self, url: str) -> CachedDocument | None:
        """The kept answer for `url`, or None."""
        meta_path, body_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            body = body_path.read_bytes()
            if meta.get("url") != url or meta.get("sha256") != hashlib.sha256(body).hexdigest():
                return None  # a torn or mismatched pair (a crash between the two writes) is no entry
            return CachedDocument(url=url, final_url=str(meta["final_url"]), headers=dict(meta["headers"]),
                                  body=body, stored_at=float(meta["stored_at"]),
                                  fresh_until=float(meta["fresh_until"]))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def put(self, url: str, final_url: str, headers: Mapping[str, str], body: bytes, *,
            now: float | None = None) -> CachedDocument | None:
        """Keep a 200 answer when it is storable; the kept document, or None."""
        now = time.time() if now is None else now
        kept = {name: headers[name] for name in KEPT_HEADERS if headers.get(name)}
        if not is_storable(kept):
            return None
        document = CachedDocument(url, final_url, kept, body, now, freshness_lifetime(kept, now))
        self._write(document)
        return document

    def confirm(self, document: CachedDocument, headers: Mapping[str, str], *,
                now: float | None = None) -> CachedDocument:
        """After a 304: the kept body with the new answer's validators and lifetime, stored again."""
        now = time.time() if now is None else now
        merged = dict(document.headers)
        merged.update({name: headers[name] for name in KEPT_HEADERS if headers.get(name) and name != "content-type"})
        renewed = CachedDocument(document.url, document.final_url, merged, document.body, now,
                                 freshness_lifetime(merged, now))
        self._write(renewed, body_unchanged=True)
        return renewed

    def prune(self, *, max_age_days: float = MAX_AGE_DAYS, now: float | None = None) -> int:
        """Remove entries unused for `max_age_days`; how many were removed."""
        limit = (time.time() if now is None else now) - max_age_days * 86400
        removed = 0
        try:
            entries = list(self.folder.glob("*/*.json"))
        except OSError:
            return 0
        for meta_path in entries:
            try:
                if meta_path.stat().st_mtime < limit:
                    meta_path.unlink(missing_ok=True)
                    meta_path.with_suffix(".body").unlink(missing_ok=True)
                    removed += 1
            except OSError:
                continue
        return removed

    def _paths(self, url: str) -> tuple[Path, Path]:
        name = hashlib.sha256(url.encode("utf-8")).hexdigest()
        base = self.folder / name[:2] / name
        return base.with_suffix(".json"), base.with_suffix(".body")

    def _write(self, document: CachedDocument, *, body_unchanged: bool = False) -> None:
        meta_path, body_path = self._paths(document.url)
        meta = {"url": document.url, "final_url": document.final_url, "headers": dict(document.headers),
                "stored_at": document.stored_at, "fresh_until": document.fresh_until,
                "sha256": hashlib.sha256(document.body).hexdigest()}
        try:
            meta_path.parent.mkdir(parents=True, exist_ok=True)
            if not body_unchanged:
                write_atomically(body_path, document.body)
            write_atomically(meta_path, json.dumps(meta, ensure_ascii=False).encode("utf-8"))
        except OSError:
            pass  # a cache that cannot be written only costs a download next time
