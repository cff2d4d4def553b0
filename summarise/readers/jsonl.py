"""JSONL records ({"id", "title", "text"} per line): a thin wrapper around source.py's record parsing."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

from summarise.errors import InputError
from summarise.readers.base import Reader

# The record parsing itself stays in source.py (_record_page), so hardening it touches one place.
from summarise.source import DecodedText, _iter_jsonl_file, _iter_jsonl_lines, _looks_like_jsonl
from summarise.types import Page


class JsonlReader(Reader):
    """One Page per record; a bad record is yielded as an InputError naming its line."""

    name = "jsonl"
    suffixes = (".jsonl", ".ndjson")

    @classmethod
    def claims_text(cls, text: str) -> bool:
        return _looks_like_jsonl(text)

    def read_file(self, path: Path, *, source: str, max_bytes: int) -> Iterator[Page | InputError]:
        # Streamed: the size limit applies to each record, not to the whole batch file.
        yield from _iter_jsonl_file(path, source, max_bytes)

    def _pages(self, decoded: DecodedText, source: str, max_bytes: int) -> Iterator[Page | InputError]:
        yield from _iter_jsonl_lines(io.StringIO(decoded.text), source, max_bytes)
