"""The ASGI layers around the app: the body size cap, the bearer key, and the request log with the
security headers. Plain ASGI (no BaseHTTPMiddleware), so bodies stream through untouched."""

from __future__ import annotations

import base64
import binascii
import hmac
import logging
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import anyio
from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import JSONResponse

from summarise.service.errors import ApiError

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

TIMINGS = "summarise.timings"  # the scope key where a route leaves its timings for the log
log = logging.getLogger("summarise.service")


class BodyTooLarge(ApiError):
    """413 for a request body over the cap; `more` when only a lower bound of its size is known."""

    def __init__(self, size: int, limit: int, *, more: bool = False) -> None:
        what = f"more than {limit:,} bytes" if more else f"{size:,} bytes"
        super().__init__(413, "too-large", f"the request body is {what}, over the limit of {limit:,} bytes "
                         f"(raise it with SUMMARISE_MAX_BYTES)")


class BodyLimit:
    """Refuse request bodies over `max_bytes` with 413, as early as possible.

    A declared Content-Length over the cap is refused before the app runs: at once when the client
    waits for `Expect: 100-continue` (curl does for large bodies), else after reading and discarding the
    body (up to `drain_bytes`, `drain_seconds`), so that the client, still sending, gets to read the 413
    instead of a reset connection. A body without a length is counted as it streams.
    """

    def __init__(self, app: ASGIApp, *, max_bytes: int, drain_bytes: int, drain_seconds: float = 10.0) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.drain_bytes = drain_bytes
        self.drain_seconds = drain_seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        declared = headers.get("content-length")
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                await _answer(ApiError(400, "bad-request", "Content-Length is not a number"), scope, receive, send)
                return
            if size > self.max_bytes:
                if "100-continue" not in headers.get("expect", "").lower() and size <= self.drain_bytes:
                    await self._drain(receive, 0)
                await _answer(BodyTooLarge(size, self.max_bytes), scope, receive, send)
                return
        counted = 0

        async def counting_receive() -> Message:
            nonlocal counted
            message = await receive()
            if message["type"] == "http.request":
                counted += len(message.get("body", b""))
                if counted > self.max_bytes:
                    if message.get("more_body"):
                        await self._drain(receive, counted)
                    raise BodyTooLarge(counted, self.max_bytes, more=True)
            return message

        await self.app(scope, counting_receive, send)

    async def _drain(self, receive: Receive, already: int) -> None:
        total = already
        with anyio.move_on_after(self.drain_seconds):
            while total <= self.drain_bytes:
                message = await receive()
                total += len(message.get("body", b""))
                if message["type"] != "http.request" or not message.get("more_body"):
                    return


class RequireKey:
    """With a key set, every route but the open ones needs `Authorization: Bearer KEY`. The web page's
    routes take HTTP Basic too (any user name, the key as password), which a browser asks for on its
    own, so the page keeps working without scripts. The key is compared in constant time and never
    logged."""

    def __init__(self, app: ASGIApp, *, key: str, open_paths: tuple[str, ...], page_paths: tuple[str, ...]) -> None:
        self.app = app
        self.key = key.encode("utf-8")
        self.open_paths = open_paths
        self.page_paths = page_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] == "OPTIONS" or self._is_open(scope["path"]):
            await self.app(scope, receive, send)
            return
        page = scope["path"] in self.page_paths
        if self._authorised(Headers(scope=scope).get("authorization", ""), basic=page):
            await self.app(scope, receive, send)
            return
        challenge = 'Basic realm="summarise", charset="UTF-8"' if page else 'Bearer realm="summarise"'
        error = ApiError(401, "unauthorized", "this server needs its key: Authorization: Bearer KEY "
                         "(SUMMARISE_SERVE_KEY on the server)", headers={"WWW-Authenticate": challenge})
        await _answer(error, scope, receive, send)

    def _is_open(self, path: str) -> bool:
        return any(path == open_path or (open_path.endswith("/") and path.startswith(open_path))
                   for open_path in self.open_paths)

    def _authorised(self, header: str, *, basic: bool) -> bool:
        scheme, _, value = header.strip().partition(" ")
        given = value.strip().encode("utf-8")
        if scheme.lower() == "basic" and basic:
            try:
                given = base64.b64decode(given, validate=True).partition(b":")[2]
            except (binascii.Error, ValueError):
                return False
        elif scheme.lower() != "bearer":
            return False
        return bool(given) and hmac.compare_digest(given, self.key)


class RequestLog:
    """Security headers on every answer, and with `verbose` one log line per request with its timings
    (the path only: never headers, so never the key)."""

    def __init__(self, app: ASGIApp, *, verbose: bool, docs_prefixes: tuple[str, ...]) -> None:
        self.app = app
        self.verbose = verbose
        self.docs_prefixes = docs_prefixes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        timings: dict[str, Any] = {}
        scope[TIMINGS] = timings
        status = 500

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                self._secure(scope["path"], MutableHeaders(scope=message))
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            if self.verbose:
                log.info("%s %s %d in %.0f ms%s", scope["method"], scope["path"], status,
                         (time.perf_counter() - started) * 1000, describe_timings(timings))

    def _secure(self, path: str, headers: MutableHeaders) -> None:
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "no-referrer")
        headers.setdefault("X-Frame-Options", "DENY")
        if path.startswith(self.docs_prefixes):  # Swagger UI: its own files and one inline start-up script
            headers.setdefault("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'; "
                               "style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'")
        else:
            headers.setdefault("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")


def describe_timings(timings: dict[str, Any]) -> str:
    """": read 3 ms, queued 40 ms, model 460 ms (1 batch: 8 articles from 5 requests); 1 article"."""
    parts = [f"{stage} {timings[stage] * 1000:.0f} ms" for stage in ("read", "queued", "model") if stage in timings]
    batches = timings.get("batches") or []
    if batches:
        shapes = ", ".join(f"{b.articles} article{'s' * (b.articles != 1)} from {b.requests} "
                           f"request{'s' * (b.requests != 1)}" for b in batches)
        parts[-1] += f" ({len(batches)} batch{'es' * (len(batches) != 1)}: {shapes})"
    text = ", ".join(parts)
    if "articles" in timings:
        text += f"; {timings['articles']} article{'s' * (timings['articles'] != 1)}"
    return f": {text}" if text else ""


async def _answer(error: ApiError, scope: Scope, receive: Receive, send: Send) -> None:
    await JSONResponse(error.body(), status_code=error.status, headers=error.headers)(scope, receive, send)
