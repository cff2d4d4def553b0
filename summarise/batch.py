"""Batch briefing with no loss and no duplicates: inputs -> work items -> OUT.jsonl, resumable.

The contract of OUT.jsonl: each finished brief is one line, written with a single `write` and fsynced,
so a kill at any moment leaves at most one half-written last line, which the next run cuts off. A rerun
skips the ids already present with the same source hash, re-briefs the ones whose source changed (and
drops their stale line), and ends with exactly one line per article. One bad article never stops a batch:
it goes to the errors file with its id, path and a one-line reason.
"""

from __future__ import annotations

import fcntl
import fnmatch
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO, Protocol, Self

from summarise.errors import (
    ConfigError,
    InputError,
    ModelUnavailable,
    OutputInUse,
    PathNotFound,
    SummariseError,
    error_line,
)
from summarise.files import checked_file
from summarise.ids import article_id, article_sha256, article_slot, id_slot
from summarise.types import Article, Brief

STDIN = "-"


class BriefsArticles(Protocol):
    """Anything that briefs a list of articles, in order: a `Briefer`, or a test double."""

    def brief_articles(self, articles: Sequence[Article]) -> list[Brief]: ...


@dataclass(frozen=True)
class WorkItem:
    """One article to brief, or one input that could not be read (then `error` says why)."""

    id: str
    path: str
    sha256: str | None = None
    article: Article | None = None
    error: str | None = None
    # Where a changed source's new brief replaces the old one (summarise.ids); None for a record's id,
    # which is its own key, and for error items.
    slot: str | None = None

    @classmethod
    def for_article(cls, article: Article, path: str) -> WorkItem:
        """The work item of one article: its id, content hash and slot."""
        sha = article_sha256(article)
        return cls(id=article_id(article, sha), path=path, sha256=sha, article=article, slot=article_slot(article))


@dataclass(frozen=True)
class ItemResult:
    """What briefing one work item gave: its brief, or the one-line reason it failed, and its seconds."""

    item: WorkItem
    brief: Brief | None
    error: str | None = None
    seconds: float = 0.0


@dataclass(frozen=True)
class Shard:
    """`--shard i/n`: this run takes the ids whose hash falls in bucket i of n (0 <= i < n)."""

    index: int
    count: int

    @classmethod
    def parse(cls, spec: str) -> Shard:
        """Parse "i/n", e.g. "0/4" for the first of four shards."""
        index, sep, count = spec.partition("/")
        try:
            shard = cls(int(index), int(count)) if sep else None
        except ValueError:
            shard = None
        if shard is None or shard.count < 1 or not 0 <= shard.index < shard.count:
            raise ConfigError(f"--shard takes i/n with 0 <= i < n (e.g. 0/4), not {spec!r}")
        return shard

    def holds(self, item_id: str) -> bool:
        """Whether an id belongs to this shard; a hash of the id, so it never depends on input order."""
        bucket = int.from_bytes(hashlib.sha256(item_id.encode("utf-8")).digest()[:8], "big")
        return bucket % self.count == self.index


@dataclass(frozen=True)
class BatchPlan:
    """What a run will do: the items still to brief, and what it found already done in OUT.jsonl."""

    todo: tuple[WorkItem, ...]
    skipped: int  # already done with the same source hash
    changed: tuple[str, ...]  # ids re-briefed because their source text changed
    total: int  # articles and unreadable inputs this run covers (after --shard and --limit)


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



# -- inputs -------------------------------------------------------------------------------------------


# A folder walk under the default pattern passes over JSON documents: no reader takes them (JSONL is
# .jsonl), and beside articles they are annotations or settings (corpus/*.gold.json), whose Chinese
# strings would otherwise be briefed as articles. A file named on its own, or a --glob, is still read.
NOT_ARTICLES_IN_FOLDERS = (".json",)


def expand_inputs(inputs: Sequence[str], pattern: str = "*", *, exclude: Iterable[Path] = ()) -> list[str]:
    """Files named, and files under directories (recursively, matching `pattern`), in a stable order.

    Each path is spelt one way (`canonical_path`), so the same file named absolutely and relatively
    gets one id. `exclude` names our own output files, so an OUT inside an input folder is never read
    back as input. A named input that is not a regular file (a FIFO, a device) is refused; entries
    under a directory that cannot be read as files (FIFOs, symlink loops, dangling links) are kept, so
    the batch lists each in its errors file instead of skipping it silently.
    """
    skip = {canonical_path(str(p)) for p in exclude}
    paths: list[str] = []
    for name in inputs:
        if name == STDIN:
            paths.append(STDIN)
            continue
        path = Path(name)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if fnmatch.fnmatch(p.name, pattern) and not _is_directory(p)
                and not (pattern == "*" and p.suffix.lower() in NOT_ARTICLES_IN_FOLDERS)
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            paths.extend(c for c in (canonical_path(str(p)) for p in found) if c not in skip)
        elif path.exists():
            checked_file(path, name)  # a FIFO, a socket or a device is refused here, never opened
            paths.append(canonical_path(name))
        else:
            raise PathNotFound(f"{name}: no such file or directory")
    return list(dict.fromkeys(paths))  # a file named twice is read once


def canonical_path(name: str) -> str:
    """One spelling per file: resolved, and relative to the working directory when it lies below it."""
    try:
        resolved = Path(name).resolve()
    except (OSError, RuntimeError):  # a symlink loop: keep the absolute spelling, the read reports it
        resolved = Path(os.path.abspath(name))
    try:
        return str(resolved.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(resolved)


def _is_directory(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def iter_work_items(paths: Iterable[str], *, max_bytes: int, stdin: BinaryIO | None) -> Iterator[WorkItem]:
    """Every article of every input as a WorkItem; unreadable files and records become error items."""
    from summarise.articles import split_articles
    from summarise.readers import iter_pages

    for path in paths:
        shown = "<stdin>" if path == STDIN else path
        failures = 0
        try:
            for page in iter_pages(path, max_bytes=max_bytes, stdin=stdin):
                if isinstance(page, InputError):
                    failures += 1
                    error_id = getattr(page, "record_id", None) or f"{shown}#error{failures}"
                    yield WorkItem(id=str(error_id), path=shown, error=error_line(page))
                    continue
                articles = split_articles(page)
                if not articles:
                    failures += 1
                    yield WorkItem(id=f"{page.record_id or shown}#error{failures}", path=shown,
                                   error="no article found")
                for article in articles:
                    yield WorkItem.for_article(article, shown)
        except InputError as error:
            failures += 1
            yield WorkItem(id=f"{shown}#error{failures}", path=shown, error=error_line(error))


def select(items: Iterable[WorkItem], *, shard: Shard | None = None, limit: int | None = None) -> list[WorkItem]:
    """This run's items: those of the shard, the first `limit` of them; a repeated id becomes an error."""
    chosen: list[WorkItem] = []
    seen: dict[str, str] = {}
    for item in items:
        if shard is not None and not shard.holds(item.id):
            continue
        if limit is not None and len(chosen) >= limit:
            break
        if item.id in seen and item.error is None:
            item = WorkItem(id=f"{item.id}#duplicate{len(chosen)}", path=item.path,
                            error=f"duplicate id {item.id!r} (first seen in {seen[item.id]})")
        seen.setdefault(item.id, item.path)
        chosen.append(item)
    return chosen


# -- the results file ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _DoneLine:
    id: str
    sha256: str | None
    raw: bytes


def read_results(out: Path) -> tuple[list[_DoneLine], bool]:
    """The complete, valid brief lines of OUT.jsonl, and whether anything else (a torn tail) was there."""
    if not out.exists():
        return [], False
    data = out.read_bytes()
    complete, _, tail = data.rpartition(b"\n")
    damaged = bool(tail)  # bytes after the last newline: a line a kill cut short
    lines: list[_DoneLine] = []
    for raw in complete.split(b"\n") if complete else []:
        try:
            record = json.loads(raw)
            lines.append(_DoneLine(str(record["id"]), record.get("source", {}).get("sha256"), raw))
        except (ValueError, KeyError, TypeError, AttributeError):
            damaged = True
    return lines, damaged


def plan_batch(items: Sequence[WorkItem], out: Path) -> BatchPlan:
    """Compare the items with OUT.jsonl, rewrite it without torn or stale lines, and list what is left."""
    lines, damaged = read_results(out)
    readable = [item for item in items if item.error is None]
    by_id = {item.id: item for item in readable}
    # Only path-based ids share a slot across content hashes; a record's id (even one shaped like
    # "s#1-0123456789") is matched whole, so two such records never take each other's place.
    by_slot = {item.slot: item for item in readable if item.slot is not None}
    kept: list[_DoneLine] = []
    done: set[str] = set()
    changed: dict[str, None] = {}
    for line in lines:
        if line.id in done:
            damaged = True  # a duplicate line: keep the first
            continue
        current = by_id.get(line.id)
        if current is None:
            # A results line carries no slot of its own: ids.id_slot reads it from the id written there.
            current = by_slot.get(id_slot(line.id))
        if current is not None and (current.id != line.id or current.sha256 != line.sha256):
            changed[current.id] = None  # same article, new text: its old brief is stale
            continue
        kept.append(line)
        done.add(line.id)
    if damaged or changed:
        write_atomically(out, b"".join(line.raw + b"\n" for line in kept))
    todo = tuple(item for item in items if item.id not in done)
    return BatchPlan(todo=todo, skipped=len(items) - len(todo), changed=tuple(changed), total=len(items))


def lock_path(out: Path) -> Path:
    """The lock file beside OUT.jsonl; it stays in place between runs (removing it would race)."""
    return out.with_name(out.name + ".lock")


@contextmanager
def locked_output(out: Path, *, wait: bool = False) -> Iterator[None]:
    """Hold an exclusive lock on OUT.jsonl for a whole run, so two runs never write one file.

    A second run raises OutputInUse naming the holder's pid, or with `wait` blocks until the first
    ends. flock locks die with their process, so a killed run never leaves a stale lock behind.
    """
    descriptor = os.open(lock_path(out), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                holder = os.pread(descriptor, 32, 0).decode("ascii", "replace").strip() or "unknown"
                raise OutputInUse(f"{out} is being written by another summarise batch (pid {holder}); "
                                  f"wait for it to finish, or rerun with --wait") from None
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        os.close(descriptor)  # releases the lock


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a reader (or a crash) sees the old file or the new, never half."""
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


class LineLog:
    """An append-only JSONL file: each line goes down in one write and is fsynced before we go on."""

    def __init__(self, path: Path, *, truncate: bool = False) -> None:
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | (os.O_TRUNC if truncate else 0)
        self.path = path
        self._fd = os.open(path, flags, 0o644)

    def append(self, record: str) -> None:
        data = (record + "\n").encode("utf-8")
        view = memoryview(data)
        while view:
            written = os.write(self._fd, view)
            view = view[written:]
        os.fsync(self._fd)

    def close(self) -> None:
        os.close(self._fd)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# -- running ------------------------------------------------------------------------------------------


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


def results_path(out: str | Path) -> Path:
    """OUT.jsonl for `--out OUT` (a .jsonl, .md or .html suffix on OUT is replaced)."""
    path = Path(out)
    if path.suffix in (".jsonl", ".md", ".html"):
        path = path.with_suffix("")
    return path.with_name(path.name + ".jsonl")


def load_results(out: Path) -> list[Brief]:
    """The briefs of a finished OUT.jsonl, in file order."""
    lines, _ = read_results(out)
    return [Brief.from_json(line.raw.decode("utf-8")) for line in lines]
