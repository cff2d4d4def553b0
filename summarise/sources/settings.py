"""How the fetcher behaves, resolved like every setting: flag, then SUMMARISE_* variable, then default."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarise._version import __version__
from summarise.config import DEFAULT_MAX_INPUT_BYTES, cache_dir, environment_values, with_flags
from summarise.errors import ConfigError

# The product token robots.txt groups are matched against ("User-agent: summarise").
ROBOTS_AGENT = "summarise"
USER_AGENT = f"summarise/{__version__} (Chinese news to English briefs; honours robots.txt)"


@dataclass(frozen=True)
class FetchSettings:
    """Everything that decides how pages are fetched. Defaults are defined once, here."""

    timeout: float = 30.0  # seconds for one page: redirects, retries and the whole body included
    connect_timeout: float = 10.0  # seconds to resolve the name and open a connection
    max_bytes: int = DEFAULT_MAX_INPUT_BYTES  # the body's cap after decompression (SUMMARISE_MAX_BYTES)
    max_redirects: int = 5
    retries: int = 3  # further tries after a 429, a 5xx or a failed connection
    per_host_delay: float = 1.0  # at least this many seconds between two requests to one host
    respect_robots: bool = True  # False: --ignore-robots
    allow_private: bool = False  # True: --allow-private (any address)
    allowed_networks: tuple[str, ...] = ()  # --allow-network CIDR: private networks that may be fetched
    use_cache: bool = True  # False: --no-cache (neither read nor write the HTTP cache)
    refresh: bool = False  # True: --refresh (ignore what is cached, store what comes)
    cache_dir: Path | None = None  # None: http/ in the user cache folder (SUMMARISE_CACHE)
    ca_certs: str | None = None  # a CA bundle for HTTPS (an intranet's own CA); None: the system's
    user_agent: str = USER_AGENT

    def __post_init__(self) -> None:
        for name in ("timeout", "connect_timeout"):
            if getattr(self, name) <= 0:
                raise ConfigError(f"the {name.replace('_', ' ')} must be positive, not {getattr(self, name)}")
        for name in ("max_redirects", "retries", "per_host_delay"):
            if getattr(self, name) < 0:
                raise ConfigError(f"{name.replace('_', ' ')} must not be negative, not {getattr(self, name)}")
        if self.max_bytes < 1:
            raise ConfigError(f"the size limit must be at least 1 byte, not {self.max_bytes}")

    @property
    def http_cache_dir(self) -> Path:
        """Where the conditional-GET cache lives."""
        return self.cache_dir if self.cache_dir is not None else cache_dir() / "http"


# The settings an environment variable may set: setting -> (variable, type).
FETCH_VARIABLES: dict[str, tuple[str, type]] = {
    "timeout": ("SUMMARISE_FETCH_TIMEOUT", float),
    "connect_timeout": ("SUMMARISE_CONNECT_TIMEOUT", float),
    "max_bytes": ("SUMMARISE_MAX_BYTES", int),
    "max_redirects": ("SUMMARISE_MAX_REDIRECTS", int),
    "retries": ("SUMMARISE_FETCH_RETRIES", int),
    "per_host_delay": ("SUMMARISE_PER_HOST_DELAY", float),
}


def resolve_fetch_settings(environ: Mapping[str, str] | None = None, **flags: Any) -> FetchSettings:
    """FetchSettings from flags (non-None wins), then the environment, then the defaults."""
    values = with_flags(FetchSettings, environment_values(FETCH_VARIABLES, environ), flags, "fetch setting")
    if "allowed_networks" in values:
        values["allowed_networks"] = tuple(values["allowed_networks"])
    return FetchSettings(**values)
