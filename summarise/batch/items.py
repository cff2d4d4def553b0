"""Work items: every article of every input (files, folders, stdin, JSONL records), each with a stable id.

An unreadable input becomes an error item instead of stopping the walk, so a batch lists it in its
errors file and goes on.
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
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


def iter_work_items(paths: Iterable[str], *, max_bytes: int, stdin: BinaryIO | None) -> Iterator[WorkItem]:
    """Every article of every input as a WorkItem; unreadable files and records become error items."""
    from summarise.articles import split_articles
    from summarise.reading.readers import iter_pages

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
