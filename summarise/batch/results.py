"""The results file OUT.jsonl: what is already done, a lock so one run writes it, and atomic writes.

Each finished brief is one line, written with a single `write` and fsynced, so a kill at any moment leaves
at most one half-written last line, which the next run cuts off.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Self

from summarise.articles.ids import id_slot
from summarise.batch.items import WorkItem
from summarise.errors import OutputInUse
from summarise.types import Brief


@dataclass(frozen=True)
class BatchPlan:
    """What a run will do: the items still to brief, and what it found already done in OUT.jsonl."""

    todo: tuple[WorkItem, ...]
    skipped: int  # already done with the same source hash
    changed: tuple[str, ...]  # ids re-briefed because their source text changed
    total: int  # articles and unreadable inputs this run covers (after --shard and --limit)



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


def plan_batch(items: Iterable[WorkItem], out: Path,
               on_verdict: Callable[[WorkItem, str], None] = lambda item, verdict: None) -> BatchPlan:
    """Compare the items with OUT.jsonl, rewrite it without torn or stale lines, and list what is left;
    `on_verdict` hears each item's verdict as it is planned (a run's progress)."""
    resume = Resume.open(out)
    todo: list[WorkItem] = []
    changed: list[str] = []
    total = 0
    for item in items:
        total += 1
        verdict = resume.verdict(item)
        on_verdict(item, verdict)
        if verdict != SKIP:
            todo.append(item)
        if verdict == CHANGED:
            changed.append(item.id)
    resume.drop_stale()
    return BatchPlan(todo=tuple(todo), skipped=total - len(todo), changed=tuple(changed), total=total)


SKIP, TODO, CHANGED = "skip", "todo", "changed"


class Resume:
    """What OUT.jsonl already holds, asked one work item at a time as a run reads its inputs.

    Opening it cuts a torn last line and duplicate lines at once (before anything is appended). A line
    that a current item supersedes (same slot or id, other content) is stale: `drop_stale` rewrites the
    file without it once the run is over, keeping every line appended since. A run killed before then
    leaves the stale line beside the new one, and the next run drops it silently.
    """

    def __init__(self, out: Path, lines: list[_DoneLine], size: int) -> None:
        self.out = out
        self._lines = lines
        self._size = size  # bytes of OUT.jsonl this object read; what is appended later is kept whole
        self._stale: set[int] = set()
        self._index()

    @classmethod
    def open(cls, out: Path) -> Resume:
        """Read OUT.jsonl, rewriting it first if a torn or duplicate line is there."""
        lines, damaged = read_results(out)
        first = {line.id: line for line in reversed(lines)}  # reversed: the first line of each id wins
        unique = [line for line in lines if first[line.id] is line]
        if damaged or len(unique) != len(lines):
            write_atomically(out, b"".join(line.raw + b"\n" for line in unique))
        return cls(out, unique, out.stat().st_size if out.exists() else 0)

    def verdict(self, item: WorkItem) -> str:
        """SKIP when OUT.jsonl holds this item's brief for the same source, CHANGED when it holds one for
        an older source (now stale), else TODO. Unreadable inputs are always TODO (an errors-file line)."""
        if item.error is not None:
            return TODO
        done = self._by_id.get(item.id)
        rivals = [i for i in self._by_slot.get(item.slot, []) if i != done] if item.slot is not None else []
        if done is not None and self._lines[done].sha256 == item.sha256:
            self._stale.update(rivals)  # an older brief a killed run left beside this one
            return SKIP
        stale = rivals + ([done] if done is not None else [])
        self._stale.update(stale)
        return CHANGED if stale else TODO

    def drop_stale(self) -> None:
        """Rewrite OUT.jsonl without the stale lines, keeping what was appended since it was opened."""
        if not self._stale:
            return
        data = self.out.read_bytes() if self.out.exists() else b""
        kept = b"".join(line.raw + b"\n" for index, line in enumerate(self._lines) if index not in self._stale)
        write_atomically(self.out, kept + data[self._size:])
        self._lines = [line for index, line in enumerate(self._lines) if index not in self._stale]
        self._size = len(kept)
        self._stale = set()
        self._index()

    def _index(self) -> None:
        self._by_id = {line.id: index for index, line in enumerate(self._lines)}
        self._by_slot: dict[str, list[int]] = {}
        for index, line in enumerate(self._lines):
            self._by_slot.setdefault(id_slot(line.id), []).append(index)


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
