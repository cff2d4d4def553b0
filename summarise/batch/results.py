"""The results file OUT.jsonl: what is already done, a lock so one run writes it, and atomic writes.

Each finished brief is one line, written with a single `write` and fsynced, so a kill at any moment leaves
at most one half-written last line, which the next run cuts off.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator, Sequence
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
