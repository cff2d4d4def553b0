"""How the HTTP service runs: address, batching window, queue bound, timeout, access. Resolved like every
setting here: command-line flag, then `SUMMARISE_SERVE_*` environment variable, then the default below.
The models and the body size cap come from the BriefConfig (`--batch-size`, `SUMMARISE_MAX_BYTES`)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from summarise.config import environment_values, with_flags
from summarise.errors import ConfigError

LOOPBACK = "127.0.0.1"


@dataclass(frozen=True)
class ServeSettings:
    """The service's own settings; defaults are defined once, here."""

    host: str = LOOPBACK  # only this machine, unless told otherwise
    port: int = 8000
    batch_window_ms: float = 5.0  # how long a batch waits for more requests after the first arrives
    queue_size: int = 64  # articles waiting for the model, at most; beyond it requests get 503
    timeout: float = 300.0  # seconds one request may take, reading and briefing together
    client_limit: int = 0  # requests one client address may have in flight (429 beyond); 0: no limit
    cors: tuple[str, ...] = ()  # origins allowed to call the API from a browser; none by default
    key: str | None = field(default=None, repr=False)  # the bearer key: never shown or logged
    verbose: bool = False  # log each request's timings

    def __post_init__(self) -> None:
        if not 0 <= self.port <= 65535:
            raise ConfigError(f"the port must be 0-65535, not {self.port}")
        if self.batch_window_ms < 0:
            raise ConfigError(f"the batch window must be 0 ms or more, not {self.batch_window_ms}")
        if self.queue_size < 1:
            raise ConfigError(f"the queue size must be at least 1, not {self.queue_size}")
        if self.timeout <= 0:
            raise ConfigError(f"the request timeout must be positive, not {self.timeout}")
        if self.client_limit < 0:
            raise ConfigError(f"the client limit must be 0 (none) or more, not {self.client_limit}")
        if self.key is not None and not self.key.strip():
            raise ConfigError("SUMMARISE_SERVE_KEY is set but empty; unset it or give a key")
        for origin in self.cors:
            if origin != "*" and not origin.startswith(("http://", "https://")):
                raise ConfigError(f"--cors takes an origin such as https://example.org, not {origin!r}")


# Setting -> (environment variable, type its text is read as). The key has no flag: a flag would show in
# `ps` and in shell history. SUMMARISE_SERVE_CORS is a comma-separated list of origins.
SERVE_VARIABLES: dict[str, tuple[str, type]] = {
    "host": ("SUMMARISE_SERVE_HOST", str),
    "port": ("SUMMARISE_SERVE_PORT", int),
    "batch_window_ms": ("SUMMARISE_SERVE_BATCH_WINDOW_MS", float),
    "queue_size": ("SUMMARISE_SERVE_QUEUE_SIZE", int),
    "timeout": ("SUMMARISE_SERVE_TIMEOUT", float),
    "client_limit": ("SUMMARISE_SERVE_CLIENT_LIMIT", int),
    "cors": ("SUMMARISE_SERVE_CORS", str),
    "key": ("SUMMARISE_SERVE_KEY", str),
}


def resolve_serve_settings(environ: Mapping[str, str] | None = None, **flags: Any) -> ServeSettings:
    """Settings from flags (non-None wins), then SUMMARISE_SERVE_* variables, then defaults."""
    environ = os.environ if environ is None else environ
    if environ.get("SUMMARISE_SERVE_KEY") == "":  # not "no key": someone meant to set one
        raise ConfigError("SUMMARISE_SERVE_KEY is set but empty; unset it or give a key")
    values = environment_values(SERVE_VARIABLES, environ)
    if "cors" in values:
        values["cors"] = tuple(origin.strip() for origin in values["cors"].split(",") if origin.strip())
    return ServeSettings(**with_flags(ServeSettings, values, flags, "service setting"))
