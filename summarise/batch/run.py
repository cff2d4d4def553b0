"""Running a batch: brief work items in model-sized batches, isolate failures to their article, and
append each result to OUT.jsonl or the errors file as it comes, stopping cleanly when asked."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol, Self

from summarise.batch.items import InputWatch, WorkItem
from summarise.batch.results import CHANGED, SKIP, TODO, BatchPlan, LineLog, Resume
from summarise.errors import ConfigError, ModelUnavailable, SummariseError, error_line
from summarise.types import Article, Brief


class BriefsArticles(Protocol):
    """Anything that briefs a list of articles, in order: a `Briefer`, or a test double."""

    def brief_articles(self, articles: Sequence[Article]) -> list[Brief]: ...


@dataclass(frozen=True)
class ItemResult:
    """What briefing one work item gave: its brief, or the one-line reason it failed, and its seconds."""

    item: WorkItem
    brief: Brief | None
    error: str | None = None
    seconds: float = 0.0


@dataclass(frozen=True)
class BatchResult:
    """How a run ended. `exit_code` is 0 when every article succeeded, 1 when some failed, and 130 when
    the run was interrupted (what it finished by then is already in OUT.jsonl)."""

    succeeded: int
    failed: int
    skipped: int
    changed: tuple[str, ...]
    interrupted: bool
    out: Path
    errors: Path

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return 130
        return 1 if self.failed else 0

    def summary_line(self) -> str:
        line = (f"{self.succeeded} succeeded, {self.failed} failed, {self.skipped} skipped as already done"
                f" -> {self.out}")
        if self.changed:
            line += f" ({len(self.changed)} re-briefed because their source changed)"
        if self.failed:
            line += f"; errors in {self.errors}"
        return line


@dataclass
class Progress:
    """Callbacks a run reports to; the CLI draws a bar or log lines from them. Defaults do nothing.

    `start` gets the number of inputs still to read (0 for a run planned in advance); `found` gets each
    work item's verdict (results.SKIP, TODO or CHANGED) as reading finds it.
    """

    start: Callable[[int], None] = lambda inputs: None
    input_started: Callable[[str], None] = lambda path: None
    input_finished: Callable[[str, int, float], None] = lambda path, items, seconds: None
    found: Callable[[WorkItem, str], None] = lambda item, verdict: None
    item_done: Callable[[ItemResult], None] = lambda result: None
    finish: Callable[[BatchResult], None] = lambda result: None

    def watch(self) -> InputWatch:
        """The reading callbacks, for items.iter_work_items."""
        return InputWatch(started=self.input_started, finished=self.input_finished)


def brief_isolated(briefer: BriefsArticles, articles: Sequence[Article]) -> list[Brief | str]:
    """Brief a batch; if it fails, retry its articles one by one so only the bad one fails (-> reason)."""
    try:
        briefs = briefer.brief_articles(list(articles))
        if len(briefs) != len(articles):
            raise SummariseError(f"got {len(briefs)} briefs for {len(articles)} articles")
        return list(briefs)
    except (ModelUnavailable, ConfigError):
        raise  # the set-up is wrong, not this article: stop the batch and say so
    except Exception as error:  # noqa: BLE001 - any model failure must stay inside its article
        if len(articles) == 1:
            return [error_line(error)]
        return [result for article in articles for result in brief_isolated(briefer, [article])]


def brief_items(briefer: BriefsArticles, items: Sequence[WorkItem]) -> list[ItemResult]:
    """Brief a batch of work items: a result for each, in order, with its brief or its reason."""
    readable = [item for item in items if item.article is not None]
    results = brief_isolated(briefer, [item.article for item in readable if item.article is not None])
    by_id: dict[str, Brief | str] = {item.id: result for item, result in zip(readable, results)}
    out: list[ItemResult] = []
    for item in items:
        result = by_id.get(item.id, item.error or "unreadable input")
        if isinstance(result, Brief):
            # The id is what resume keys on, so the line must carry exactly the item's id.
            out.append(ItemResult(item, result if result.id == item.id else replace(result, id=item.id)))
        else:
            out.append(ItemResult(item, None, result))
    return out


def error_record(item: WorkItem, reason: str) -> str:
    """One line of the errors file."""
    return json.dumps({"id": item.id, "path": item.path, "reason": reason}, ensure_ascii=False)


@dataclass
class BatchRun:
    """Briefs a plan's items in batches, appending each result as it comes; stops early on request."""

    out: Path
    errors: Path
    batch_size: int = 8
    progress: Progress = field(default_factory=Progress)
    should_stop: Callable[[], bool] = lambda: False

    def run(self, briefer: BriefsArticles, plan: BatchPlan) -> BatchResult:
        """Brief `plan.todo` in-process, `batch_size` articles per model call."""
        batches = (plan.todo[i : i + self.batch_size] for i in range(0, len(plan.todo), self.batch_size))
        return self.consume(plan, (self._timed(briefer, batch) for batch in batches))

    def consume(
        self, plan: BatchPlan, results: Iterable[Sequence[ItemResult]], *, counted: bool = False
    ) -> BatchResult:
        """Write results batch by batch (in-process or from Ray), checking for a stop between batches.
        `counted`: the progress already heard each item's verdict while the plan was made."""
        if not counted:
            self.progress.start(0)
            for _ in range(plan.skipped):
                self.progress.found(_SKIPPED, SKIP)
            for item in plan.todo:
                self.progress.found(item, CHANGED if item.id in plan.changed else TODO)
        with _Writer(self) as writer:
            for batch in results:
                writer.write(batch)
                if self.should_stop():
                    writer.interrupted = writer.succeeded + writer.failed < len(plan.todo)
                    break
        return self._ended(writer, plan.skipped, plan.changed)

    def stream(self, briefer: BriefsArticles, items: Iterable[WorkItem], resume: Resume, *,
               inputs: int = 0, on_changed: Callable[[str], None] = lambda item_id: None) -> BatchResult:
        """Brief items as reading yields them: a model batch goes as soon as `batch_size` articles are
        waiting, an unreadable input is written to the errors file at once, and what OUT.jsonl already
        holds (`resume`) is skipped. Stale lines leave OUT.jsonl when the run ends."""
        skipped = 0
        changed: list[str] = []
        pending: list[WorkItem] = []
        self.progress.start(inputs)
        try:
            with _Writer(self) as writer:
                for item in items:
                    if self.should_stop():  # asked while reading: what is read but not briefed waits for a rerun
                        writer.interrupted = True
                        break
                    verdict = resume.verdict(item)
                    self.progress.found(item, verdict)
                    if verdict == SKIP:
                        skipped += 1
                        continue
                    if verdict == CHANGED:
                        changed.append(item.id)
                        on_changed(item.id)
                    if item.error is not None:
                        writer.write([ItemResult(item, None, item.error)])
                    else:
                        pending.append(item)
                    if len(pending) >= self.batch_size:
                        writer.write(self._timed(briefer, pending))
                        pending = []
                        if self.should_stop():
                            writer.interrupted = True
                            break
                if pending and not writer.interrupted:
                    writer.write(self._timed(briefer, pending))
        finally:
            resume.drop_stale()  # also after a crash: the lines written so far supersede the stale ones
        return self._ended(writer, skipped, tuple(changed))

    def _ended(self, writer: _Writer, skipped: int, changed: tuple[str, ...]) -> BatchResult:
        ended = BatchResult(writer.succeeded, writer.failed, skipped, changed, writer.interrupted, self.out,
                            self.errors)
        self.progress.finish(ended)
        return ended

    @staticmethod
    def _timed(briefer: BriefsArticles, batch: Sequence[WorkItem]) -> list[ItemResult]:
        started = time.perf_counter()
        results = brief_items(briefer, batch)
        each = (time.perf_counter() - started) / max(len(batch), 1)
        return [replace(result, seconds=each) for result in results]


# Stands for each already-done item of a run planned in advance, whose plan keeps only their count.
_SKIPPED = WorkItem(id="", path="")


class _Writer:
    """OUT.jsonl and the errors file, open for one run: each result appended as it comes, and counted."""

    def __init__(self, run: BatchRun) -> None:
        self._run = run
        self.succeeded = self.failed = 0
        self.interrupted = False

    def __enter__(self) -> Self:
        self._out = LineLog(self._run.out)
        self._errors = LineLog(self._run.errors, truncate=True)
        return self

    def __exit__(self, *exc: object) -> None:
        self._out.close()
        self._errors.close()

    def write(self, results: Sequence[ItemResult]) -> None:
        for result in results:
            if result.brief is not None:
                self._out.append(result.brief.to_json())
                self.succeeded += 1
            else:
                self._errors.append(error_record(result.item, result.error or "failed"))
                self.failed += 1
            self._run.progress.item_done(result)
