"""Every failure a request can meet, as one JSON shape and the HTTP status that fits it.

`{"error": {"code", "message"}}`: `code` is short and stable (a client switches on it), `message` one line
a person can act on. 400 bad input, 401 no or wrong key, 413 too large, 422 unreadable, 429 this client
has too many requests in flight, 503 busy, loading or timed out (all with Retry-After), 500 a failure of
ours: never a traceback, which goes to the server's log instead.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping

from summarise.errors import (
    ConfigError,
    InputError,
    InputTooLarge,
    ModelUnavailable,
    SummariseError,
    first_line,
)
from summarise.service.batching import NotReady, QueueFull, Stopping, TooManyArticles

log = logging.getLogger("summarise.service")
MAX_MESSAGE_CHARS = 500


class ApiError(Exception):
    """An error answer: status, code, message, and Retry-After where waiting helps."""

    def __init__(self, status: int, code: str, message: str, *, retry_after: int | None = None,
                 headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = (first_line(message) or code)[:MAX_MESSAGE_CHARS]
        self.headers = dict(headers or {})
        if retry_after is not None:
            self.headers["Retry-After"] = str(retry_after)

    def body(self) -> dict[str, dict[str, str]]:
        return {"error": {"code": self.code, "message": self.message}}


def bad_request(message: str) -> ApiError:
    return ApiError(400, "bad-request", message)


def api_error(error: BaseException) -> ApiError:
    """The answer for any exception a request raised; an unexpected one is logged with its traceback."""
    if isinstance(error, ApiError):
        return error
    if isinstance(error, (InputTooLarge, TooManyArticles)):
        return ApiError(413, "too-large", str(error))
    if isinstance(error, InputError):
        return ApiError(422, "unreadable", str(error))
    if isinstance(error, ConfigError):
        return bad_request(str(error))
    if isinstance(error, NotReady):
        return ApiError(503, "loading", str(error), retry_after=error.retry_after)
    if isinstance(error, QueueFull):
        return ApiError(503, "busy", str(error), retry_after=error.retry_after)
    if isinstance(error, Stopping):
        return ApiError(503, "stopping", str(error), retry_after=5)
    if isinstance(error, ModelUnavailable):
        return ApiError(503, "model-unavailable", str(error), retry_after=60)
    if isinstance(error, TimeoutError):
        return ApiError(503, "timeout", "the request took longer than the server's timeout "
                        "(SUMMARISE_SERVE_TIMEOUT); try again later or send less", retry_after=30)
    if isinstance(error, SummariseError):  # our own one-line message: safe to show
        log.error("processing failed: %s", first_line(error))
        return ApiError(500, "processing-failed", str(error))
    log.error("internal error: %s: %s", type(error).__name__, first_line(error),
              exc_info=error if os.environ.get("SUMMARISE_DEBUG") else None)  # the traceback on request
    return ApiError(500, "internal", "internal error; the server's log says more")
