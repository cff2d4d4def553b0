"""The service's state and its one path from a request to briefs, shared by the API and the web page:
read the document (in a worker thread), split it, queue its articles for the shared model batches, wait
within the request's timeout, and hand back briefs, failures and timings."""

from __future__ import annotations

import asyncio
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import anyio
from starlette.requests import Request

from summarise._version import __version__
from summarise.articles import split_articles
from summarise.config import BriefConfig
from summarise.pipeline import Briefer
from summarise.reading.normalise import page_from_text
from summarise.service.batching import BriefQueue
from summarise.service.errors import ApiError
from summarise.service.inputs import (
    DocumentInput,
    Failure,
    Split,
    document_source,
    read_document,
    read_pages,
    split_pages,
)
from summarise.service.middleware import TIMINGS
from summarise.service.settings import ServeSettings
from summarise.types import Article, Brief

T = TypeVar("T")
# What the models brief once at start, so that every model (and a remote server) is loaded and checked
# before the first request: a short article with a figure, as real requests have.
WARM_UP_PAGE = "青海新闻\n本报讯(记者 张三)西宁市今年完成投资22.7亿元,同比增长12.5%。"


@dataclass(frozen=True)
class Outcome:
    """What one request got: each article with its brief or the reason it failed, and unreadable inputs."""

    articles: tuple[Article, ...]
    results: tuple[Brief | str, ...]
    failures: tuple[Failure, ...]
    source: str

    @property
    def briefs(self) -> list[Brief]:
        return [result for result in self.results if isinstance(result, Brief)]

    def all_failures(self) -> list[Failure]:
        failed = [Failure(self.source, result, article.headline)
                  for article, result in zip(self.articles, self.results) if isinstance(result, str)]
        return [*self.failures, *failed]

    def to_dict(self) -> dict[str, Any]:
        return {"briefs": [brief.to_dict() for brief in self.briefs],
                "errors": [failure.to_dict() for failure in self.all_failures()]}


class Service:
    """The models (one Briefer, behind the batching queue), the settings, and per-client bookkeeping."""

    def __init__(self, config: BriefConfig, settings: ServeSettings, briefer: Briefer | None = None) -> None:
        self.config = config
        self.settings = settings
        self.briefer = briefer if briefer is not None else Briefer(config)
        self.queue = BriefQueue(self.briefer, batch_size=config.batch_size,
                                window=settings.batch_window_ms / 1000, capacity=settings.queue_size)
        # Reading (decoding, PDF layout) runs in threads, a few at a time: a flood of uploads must not
        # take every thread the server has.
        self.readers = anyio.CapacityLimiter(max(2, os.cpu_count() or 2))
        self.in_flight: Counter[str] = Counter()
        self.on_load_failure: Callable[[BaseException], None] = lambda error: None

    @property
    def max_bytes(self) -> int:
        return self.config.max_input_bytes

    # -- start and stop ----------------------------------------------------------------------------

    def start(self) -> None:
        """Load the models in the worker thread; /healthz says ready once they are."""
        self.queue.start(self.warm_up, lambda error: self.on_load_failure(error))

    def stop(self) -> None:
        self.queue.stop(timeout=self.settings.timeout)

    def warm_up(self) -> None:
        """Brief one short article: every model loads (and a remote one answers) before any request."""
        self.briefer.brief_articles(split_articles(page_from_text(WARM_UP_PAGE, source="<warm-up>")))

    def health(self) -> tuple[int, dict[str, Any]]:
        status = "ok" if self.queue.ready.is_set() else "failed" if self.queue.failure else "loading"
        return (200 if status == "ok" else 503), {"status": status, "queue": self.queue.stats()}

    def describe_models(self) -> dict[str, Any]:
        """The engines' describe(), as each brief's `models` field records them, and how they are batched.
        While the models load, only the configured engine: the worker thread owns the engines then."""
        if not self.queue.ready.is_set():
            return {"engine": self.config.engine, "ready": False, "summarise_version": __version__}
        engines = self.briefer.engines
        return {
            "engine": engines.name, "strategy": engines.strategy,
            "summariser": engines.summariser.describe(), "translator": engines.translator.describe(),
            "summarise_version": __version__, "ready": self.queue.ready.is_set(),
            "batch_size": self.config.batch_size, "batch_window_ms": self.settings.batch_window_ms,
            "queue_size": self.settings.queue_size,
        }

    # -- requests ----------------------------------------------------------------------------------

    async def in_thread(self, work: Callable[[], T]) -> T:
        """Blocking work off the event loop; a request that times out stops waiting for it."""
        return await anyio.to_thread.run_sync(work, limiter=self.readers, abandon_on_cancel=True)

    async def read(self, request: Request, document: DocumentInput | None = None) -> Split:
        """The articles of the request's document (read from its body unless given)."""
        started = time.perf_counter()
        if document is None:
            document = await read_document(request, max_bytes=self.max_bytes)
        pages = await self.in_thread(lambda: read_pages(document, max_bytes=self.max_bytes))
        split = await self.in_thread(lambda: split_pages(pages, document_source(document)))
        timings(request)["read"] = time.perf_counter() - started
        return split

    async def brief(self, request: Request, document: DocumentInput | None = None) -> Outcome:
        """Briefs for the request's document, its articles batched with other requests' articles."""
        with self.client_slot(request):
            async with asyncio.timeout(self.settings.timeout):
                split = await self.read(request, document)
                ticket = self.queue.submit(split.articles)
                results = await self.queue.wait(ticket)
        timing = timings(request)
        timing.update(queued=ticket.queued_seconds, model=ticket.model_seconds, batches=ticket.batches,
                      articles=len(split.articles))
        return Outcome(split.articles, tuple(results), split.failures, split.source)

    @contextmanager
    def client_slot(self, request: Request) -> Iterator[None]:
        """Count the client's requests in flight; over `client_limit` the request gets 429."""
        client = request.client.host if request.client else "unknown"
        limit = self.settings.client_limit
        if limit and self.in_flight[client] >= limit:
            raise ApiError(429, "too-many-requests", f"this client already has {limit} request(s) in flight "
                           f"(SUMMARISE_SERVE_CLIENT_LIMIT); wait for an answer first",
                           retry_after=self.queue.retry_after())
        self.in_flight[client] += 1
        try:
            yield
        finally:
            self.in_flight[client] -= 1
            if not self.in_flight[client]:
                del self.in_flight[client]


def timings(request: Request) -> dict[str, Any]:
    """The request's timings, which the request log prints with -v."""
    found: dict[str, Any] = request.scope.setdefault(TIMINGS, {})
    return found
