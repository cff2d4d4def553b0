"""Concurrent requests share model calls: one worker thread owns the models and briefs the articles of
every waiting request together, up to `batch_size` at a time.

A batch starts when it is full or when the oldest waiting article has waited `window` seconds, so
requests that arrive a few milliseconds apart ride in one engine call, and requests that arrive while a
batch runs form the next one. The queue is bounded in articles: a request that would overfill it is
refused at once (`QueueFull`, with a Retry-After estimated from recent batches), never left to wait
without end. A request that gives up (its timeout) is cancelled: its articles not yet started leave the
queue. The worker loads the models first (`warm_up`); until then submissions get `NotReady`.
"""

from __future__ import annotations

import asyncio
import math
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, InvalidStateError
from dataclasses import dataclass, field

from summarise.batch import BriefsArticles, brief_isolated
from summarise.types import Article, Brief


class QueueFull(Exception):
    """The queue holds as many articles as it may; try again after `retry_after` seconds."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class NotReady(QueueFull):
    """The models are still loading (or failed to load)."""


class TooManyArticles(Exception):
    """One request holds more articles than the whole queue may."""


class Stopping(Exception):
    """The service is shutting down: the request was not briefed."""


@dataclass(frozen=True)
class BatchReport:
    """One engine call: how many articles, from how many requests, and its seconds."""

    articles: int
    requests: int
    seconds: float


@dataclass(eq=False)
class Ticket:
    """One request's articles on their way through the model; `future` gets a result per article (a
    Brief, or the one-line reason it failed), in order."""

    articles: tuple[Article, ...]
    enqueued: float = field(default_factory=time.monotonic)
    future: Future[list[Brief | str]] = field(default_factory=Future)
    started: float | None = None  # when its first article went into a batch
    finished: float | None = None
    batches: list[BatchReport] = field(default_factory=list)
    cancelled: bool = False
    _results: list[Brief | str | None] = field(default_factory=list)
    _remaining: int = 0

    def __post_init__(self) -> None:
        self._results = [None] * len(self.articles)
        self._remaining = len(self.articles)

    def deliver(self, index: int, result: Brief | str, report: BatchReport) -> None:
        """Record one article's result (from the worker thread); the last one completes the future."""
        self._results[index] = result
        if not self.batches or self.batches[-1] is not report:
            self.batches.append(report)
        self._remaining -= 1
        if self._remaining == 0:
            self.finished = time.monotonic()
            self._settle(lambda future: future.set_result([r for r in self._results if r is not None]))

    def fail(self, error: BaseException) -> None:
        self.finished = time.monotonic()
        self._settle(lambda future: future.set_exception(error))

    def _settle(self, action: Callable[[Future[list[Brief | str]]], None]) -> None:
        try:
            action(self.future)
        except InvalidStateError:  # the request gave up (timed out) a moment before
            pass

    @property
    def queued_seconds(self) -> float:
        return ((self.started or self.finished or time.monotonic()) - self.enqueued)

    @property
    def model_seconds(self) -> float:
        return sum(report.seconds for report in self.batches)


class BriefQueue:
    """The bounded queue and the one worker thread that runs the models on it."""

    def __init__(
        self,
        briefer: BriefsArticles,
        *,
        batch_size: int,
        window: float,
        capacity: int,
    ) -> None:
        self.briefer = briefer
        self.batch_size = batch_size
        self.window = window
        self.capacity = capacity
        self.ready = threading.Event()
        self.failure: BaseException | None = None
        self.load_seconds: float | None = None
        self._condition = threading.Condition()
        self._waiting: deque[tuple[Ticket, int]] = deque()
        self._stopping = False
        self._thread: threading.Thread | None = None
        self._batch_seconds = 1.0  # a running mean, for Retry-After
        self.batches = 0
        self.articles = 0

    # -- the request side (event loop) ----------------------------------------------------------

    def submit(self, articles: Sequence[Article]) -> Ticket:
        """Queue a request's articles, or refuse at once: NotReady, TooManyArticles or QueueFull."""
        if not self.ready.is_set():
            state = "failed to load" if self.failure is not None else "are still loading"
            raise NotReady(f"the models {state}", 5 if self.failure is None else 60)
        if len(articles) > self.capacity:
            raise TooManyArticles(f"{len(articles)} articles in one request; at most {self.capacity} "
                                  f"(the queue size): send fewer, or use `summarise batch`")
        ticket = Ticket(tuple(articles))
        with self._condition:
            if self._stopping:
                raise Stopping("the service is shutting down")
            if len(self._waiting) + len(articles) > self.capacity:
                raise QueueFull(f"busy: {len(self._waiting)} articles are waiting for the model "
                                f"(at most {self.capacity})", self._retry_after_locked())
            self._waiting.extend((ticket, index) for index in range(len(articles)))
            self._condition.notify_all()
        if not articles:
            ticket.finished = time.monotonic()
            ticket.future.set_result([])
        return ticket

    async def wait(self, ticket: Ticket) -> list[Brief | str]:
        """The ticket's results; cancelling the await (a timeout) takes its waiting articles out."""
        try:
            return await asyncio.wrap_future(ticket.future)
        except asyncio.CancelledError:
            self.cancel(ticket)
            raise

    def cancel(self, ticket: Ticket) -> None:
        """Drop the ticket's articles that have not gone into a batch yet."""
        with self._condition:
            ticket.cancelled = True
            self._waiting = deque(slot for slot in self._waiting if slot[0] is not ticket)
        ticket.future.cancel()

    def retry_after(self) -> int:
        """Seconds until the queue has room, estimated from the waiting articles and recent batches."""
        with self._condition:
            return self._retry_after_locked()

    def _retry_after_locked(self) -> int:
        batches_ahead = len(self._waiting) // self.batch_size + 1
        return max(1, math.ceil(batches_ahead * self._batch_seconds))

    def stats(self) -> dict[str, float | int]:
        """What the queue has done: for /healthz and the load test."""
        with self._condition:
            waiting = len(self._waiting)
        return {
            "waiting": waiting, "capacity": self.capacity, "batch_size": self.batch_size,
            "batches": self.batches, "articles": self.articles,
            "mean_batch_articles": round(self.articles / self.batches, 2) if self.batches else 0.0,
            "mean_batch_seconds": round(self._batch_seconds, 3),
        }

    # -- the worker side --------------------------------------------------------------------------

    def start(self, warm_up: Callable[[], None], on_failure: Callable[[BaseException], None]) -> None:
        """Start the worker: it runs `warm_up` (loading the models), then briefs batches until stopped."""
        self._thread = threading.Thread(target=self._run, args=(warm_up, on_failure), name="summarise-models",
                                        daemon=True)
        self._thread.start()

    def stop(self, timeout: float | None = None) -> None:
        """Finish the batch in progress, then fail whatever still waits (`Stopping`) and end the worker."""
        with self._condition:
            self._stopping = True
            self._condition.notify_all()
        if self._thread is not None:
            self._thread.join(timeout)
        with self._condition:
            left, self._waiting = list(self._waiting), deque()
        for ticket in dict.fromkeys(slot[0] for slot in left):
            ticket.fail(Stopping("the service is shutting down"))

    def _run(self, warm_up: Callable[[], None], on_failure: Callable[[BaseException], None]) -> None:
        started = time.monotonic()
        try:
            warm_up()
        except BaseException as error:  # noqa: BLE001 - reported to the server, which stops
            self.failure = error
            on_failure(error)
            return
        self.load_seconds = time.monotonic() - started
        self.ready.set()
        while (batch := self._next_batch()) is not None:
            if batch:
                self._brief(batch)

    def _next_batch(self) -> list[tuple[Ticket, int]] | None:
        with self._condition:
            while not self._waiting and not self._stopping:
                self._condition.wait()
            if self._stopping:  # what still waits is failed by stop()
                return None
            deadline = self._waiting[0][0].enqueued + self.window
            while len(self._waiting) < self.batch_size and not self._stopping:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._condition.wait(left)
            count = min(self.batch_size, len(self._waiting))
            batch = [self._waiting.popleft() for _ in range(count)]
        now = time.monotonic()
        for ticket, _ in batch:
            ticket.started = ticket.started or now
        return batch

    def _brief(self, batch: list[tuple[Ticket, int]]) -> None:
        started = time.monotonic()
        try:
            results = brief_isolated(self.briefer, [ticket.articles[index] for ticket, index in batch])
        except Exception as error:  # noqa: BLE001 - a set-up error (model gone): every request in it fails
            for ticket in dict.fromkeys(ticket for ticket, _ in batch):
                ticket.fail(error)
            return
        seconds = time.monotonic() - started
        report = BatchReport(articles=len(batch), requests=len({id(t) for t, _ in batch}), seconds=seconds)
        self.batches += 1
        self.articles += len(batch)
        self._batch_seconds = seconds if self.batches == 1 else 0.8 * self._batch_seconds + 0.2 * seconds
        for (ticket, index), result in zip(batch, results):
            ticket.deliver(index, result, report)
