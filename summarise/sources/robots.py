"""robots.txt: whether a URL may be fetched, read with protego (Google's rules: wildcards, longest match).

What a site's robots.txt answer means follows RFC 9309: a 2xx body is the rules; a 4xx (none there)
allows everything; a 5xx or a failed fetch disallows everything, for the site may be overloaded or the
file hidden by an error. The rules are asked for the product token "summarise" (USER_AGENT's first word).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from summarise.sources.settings import ROBOTS_AGENT

# Google reads the first 500 KiB of a robots.txt; so does this.
MAX_ROBOTS_BYTES = 500 * 1024


@dataclass(frozen=True)
class RobotsRules:
    """One site's robots.txt as read: its rules (None: allow all), or a blanket refusal with its reason."""

    url: str  # the robots.txt URL
    parser: Any = field(default=None, repr=False, compare=False)  # protego's rules; None: nothing to obey
    refused_because: str | None = None  # set when the whole site is off limits (a 5xx or failed fetch)

    def allows(self, url: str) -> bool:
        """True when `url` may be fetched by summarise."""
        if self.refused_because is not None:
            return False
        if self.parser is None:
            return True
        return bool(self.parser.can_fetch(url, ROBOTS_AGENT))

    def crawl_delay(self) -> float | None:
        """The Crawl-delay the site asks of summarise, in seconds, if any."""
        if self.parser is None or self.refused_because is not None:
            return None
        delay = self.parser.crawl_delay(ROBOTS_AGENT)
        return float(delay) if delay is not None else None

    def why_not(self, url: str) -> str:
        """The one-line reason `url` is not fetched."""
        if self.refused_because is not None:
            return f"not fetched: {self.url} could not be read ({self.refused_because}), so the site is off limits"
        return f"disallowed for summarise by {self.url} (--ignore-robots overrides)"


def rules_from_answer(url: str, status: int, body: bytes) -> RobotsRules:
    """The rules a robots.txt answer means (RFC 9309): 2xx its text, 4xx allow all, else refuse all."""
    if 200 <= status < 300:
        from protego import Protego  # imported here: only fetches need it

        return RobotsRules(url, Protego.parse(body[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace")))
    if 400 <= status < 500:
        return RobotsRules(url, None)
    return RobotsRules(url, refused_because=f"HTTP {status}")
