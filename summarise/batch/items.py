"""Work items: every article of every input (files, folders, stdin, JSONL records), each with a stable id.

An unreadable input becomes an error item instead of stopping the walk, so a batch lists it in its
errors file and goes on. Items come input by input as each is read, so a run can brief the first
articles while later inputs are still being read (`select` and resume work item by item too).
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from summarise.articles.ids import article_id, article_sha256, article_slot
from summarise.errors import ConfigError, InputError, PathNotFound, error_line
from summarise.files import checked_file
from summarise.types import Article

STDIN = "-"

@dataclass(frozen=True)
class WorkItem:
    """One article to brief, or one input that could not be read (then `error` says why)."""

    id: str
    path: str
    sha256: str | None = None
    article: Article | None = None
    error: str | None = None
    # Where a changed source's new brief replaces the old one (summarise.articles.ids); None for a record's id,
    # which is its own key, and for error items.
    slot: str | None = None

    @classmethod
    def for_article(cls, article: Article, path: str) -> WorkItem:
        """The work item of one article: its id, content hash and slot."""
        sha = article_sha256(article)
        return cls(id=article_id(article, sha), path=path, sha256=sha, article=article, slot=article_slot(article))


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


@dataclass(frozen=True)
class InputWatch:
    """Callbacks for the reading of each input (the CLI's progress); the defaults do nothing."""

    started: Callable[[str], None] = lambda path: None
    finished: Callable[[str, int, float], None] = lambda path, items, seconds: None


def iter_work_items(paths: Iterable[str], *, max_bytes: int, stdin: BinaryIO | None,
                    watch: InputWatch = InputWatch()) -> Iterator[WorkItem]:
    """Every article of every input as a WorkItem, input by input, as each is read.

    Reading is isolated per input as briefing is per article: an input that cannot be read, whatever
    the reader raised (a typed InputError, such as a parser's "over its limits", or any crash), becomes an
    error item with a one-line reason, and the walk goes on with the next input. A page that cannot be
    split becomes an error item of its own, and the input's other pages (records) are still read.
    """
    for path in paths:
        shown = "<stdin>" if path == STDIN else path
        watch.started(shown)
        started = time.monotonic()
        count = 0
        for item in _items_of(path, shown, max_bytes=max_bytes, stdin=stdin):
            count += 1
            yield item
        watch.finished(shown, count, time.monotonic() - started)


def _items_of(path: str, shown: str, *, max_bytes: int, stdin: BinaryIO | None) -> Iterator[WorkItem]:
    from summarise.articles import split_articles
    from summarise.reading.readers import iter_pages

    failures = 0

    def failed(reason: str, where: str | None = None) -> WorkItem:
        nonlocal failures
        failures += 1
        return WorkItem(id=f"{where or shown}#error{failures}", path=shown, error=reason)

    try:
        for page in iter_pages(path, max_bytes=max_bytes, stdin=stdin):
            if isinstance(page, InputError):
                record_id = getattr(page, "record_id", None)  # a bad record is listed under its own id
                item = failed(error_line(page))
                yield replace(item, id=str(record_id)) if record_id else item
                continue
            try:
                articles = split_articles(page)
            except Exception as error:  # noqa: BLE001 - one page that breaks the splitter is one error
                yield failed(f"cannot be split into articles: {error_line(error)}", page.record_id)
                continue
            if not articles:
                yield failed("no article found", page.record_id)
            for article in articles:
                yield WorkItem.for_article(article, shown)
    except InputError as error:
        yield failed(error_line(error))
    except Exception as error:  # noqa: BLE001 - a reader that crashes must stay inside its input
        yield failed(f"reading failed: {error_line(error)}")


def select(items: Iterable[WorkItem], *, shard: Shard | None = None, limit: int | None = None) -> list[WorkItem]:
    """This run's items: those of the shard, the first `limit` of them; a repeated id becomes an error."""
    return list(iter_selected(items, shard=shard, limit=limit))


def iter_selected(items: Iterable[WorkItem], *, shard: Shard | None = None,
                  limit: int | None = None) -> Iterator[WorkItem]:
    """`select`, item by item: it stops taking (and so reading) items once `limit` are chosen. Shards and
    the limit are decided on each item's id alone, so reading as it goes changes neither."""
    chosen = 0
    seen: dict[str, str] = {}
    if limit is not None and limit <= 0:
        return
    for item in items:
        if shard is not None and not shard.holds(item.id):
            continue
        if item.id in seen and item.error is None:
            item = WorkItem(id=f"{item.id}#duplicate{chosen}", path=item.path,
                            error=f"duplicate id {item.id!r} (first seen in {seen[item.id]})")
        seen.setdefault(item.id, item.path)
        chosen += 1
        yield item
        if limit is not None and chosen >= limit:
            return  # before the next item is asked for, so no further input is read
