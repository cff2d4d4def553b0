"""Entries: the pages a feed or sitemap lists, with their dates, and the `--since` filter on them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from summarise.errors import ConfigError

_AGO_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([mhdw])\s*$", re.IGNORECASE)
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


@dataclass(frozen=True)
class Entry:
    """One page a feed or sitemap lists: its URL, its date there (UTC) if it gives one, and its title."""

    url: str
    published: datetime | None = None
    title: str | None = None
    listed_in: str = ""  # the feed or sitemap URL


def parse_since(text: str, *, now: datetime | None = None) -> datetime:
    """The moment `--since` names: "24h", "90m", "7d", "2w" ago, or a date / ISO date-time ("2026-12-01").

    A date or time without a zone is UTC.
    """
    now = now or datetime.now(UTC)
    match = _AGO_RE.match(text)
    if match:
        return now - timedelta(**{_UNITS[match[2].lower()]: float(match[1])})
    parsed = parse_date(text)
    if parsed is None:
        raise ConfigError(f"--since takes a duration (24h, 90m, 7d, 2w) or a date (2026-12-01, "
                          f"2026-12-01T08:00+08:00), not {text!r}")
    return parsed


def parse_date(text: str | None) -> datetime | None:
    """A W3C/ISO date or date-time as an aware UTC datetime (no zone means UTC); None if it is not one."""
    if not text:
        return None
    text = text.strip()
    try:
        parsed = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text)
    except ValueError:
        return None
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).astimezone(UTC)


def since_filter(entries: Iterable[Entry], since: datetime | None) -> tuple[list[Entry], int]:
    """The entries dated at or after `since` (undated ones are kept: nothing says they are old), and how
    many were left out."""
    listed = list(entries)
    kept = [entry for entry in listed if since is None or entry.published is None or entry.published >= since]
    return kept, len(listed) - len(kept)
