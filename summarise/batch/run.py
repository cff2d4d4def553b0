"""Running a batch: brief work items in model-sized batches, isolate failures to their article, and
append each result to OUT.jsonl or the errors file as it comes, stopping cleanly when asked."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from summarise.batch.items import WorkItem
from summarise.batch.results import BatchPlan, LineLog
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
    """Callbacks a run reports to; the CLI draws a bar or log lines from them. Defaults do nothing."""

    start: Callable[[BatchPlan], None] = lambda plan: None
    item_done: Callable[[ItemResult], None] = lambda result: None
    finish: Callable[[BatchResult], None] = lambda result: None


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
        self, plan: BatchPlan, results: Iterable[Sequence[ItemResult]]
    ) -> BatchResult:
        """Write results batch by batch (in-process or from Ray), checking for a stop between batches."""
        succeeded = failed = 0
        interrupted = False
        self.progress.start(plan)
        with LineLog(self.out) as out, LineLog(self.errors, truncate=True) as errors:
            for batch in results:
                for result in batch:
                    if result.brief is not None:
                        out.append(result.brief.to_json())
                        succeeded += 1
                    else:
                        errors.append(error_record(result.item, result.error or "failed"))
                        failed += 1
                    self.progress.item_done(result)
                if self.should_stop():
                    interrupted = succeeded + failed < len(plan.todo)
                    break
        ended = BatchResult(succeeded, failed, plan.skipped, plan.changed, interrupted, self.out, self.errors)
        self.progress.finish(ended)
        return ended

    @staticmethod
    def _timed(briefer: BriefsArticles, batch: Sequence[WorkItem]) -> list[ItemResult]:
        started = time.perf_counter()
        results = brief_items(briefer, batch)
        each = (time.perf_counter() - started) / max(len(batch), 1)
        return [replace(result, seconds=each) for result in results]
