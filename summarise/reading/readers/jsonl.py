"""JSONL records ({"id", "title", "text"} per line): one Page per record, streamed line by line.

Each line is validated by `summarise.reading.records.parse_record`; a bad record is yielded as an InputError
naming its line, so a batch goes on.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from summarise.errors import BinaryInput, EmptyInput, InputError, InputTooLarge, UndecodableInput
from summarise.files import open_checked, too_large
from summarise.reading.decode import DecodedText, binary_kind
from summarise.reading.normalise import page_from_text
from summarise.reading.readers.base import Reader
from summarise.reading.records import BadRecord, parse_record
from summarise.types import Page


class JsonlReader(Reader):
    """One Page per record; a bad record is yielded as an InputError naming its line."""

    name = "jsonl"
    suffixes = (".jsonl", ".ndjson")

    @classmethod
    def claims_text(cls, text: str) -> bool:
        return looks_like_jsonl(text)

    def read_file(self, path: Path, *, source: str, max_bytes: int) -> Iterator[Page | InputError]:
        # Streamed: the size limit applies to each record, not to the whole batch file.
        with open_checked(path, source) as handle:
            head = handle.read(8)
            handle.seek(0)
            if not head:
                raise EmptyInput(f"{source}: empty input, nothing to brief")
            kind = binary_kind(head)
            if kind:
                raise BinaryInput(f"{source}: binary file ({kind}), not text")
            yield from record_pages(_utf8_lines(handle, source, max_bytes), source)

    def _pages(self, decoded: DecodedText, source: str, max_bytes: int) -> Iterator[Page | InputError]:
        yield from record_pages(io.StringIO(decoded.text), source)


def looks_like_jsonl(text: str) -> bool:
    """True when the first non-blank line is a JSON object (a record); plain news text never is."""
    for line in text.lstrip("\ufeff").splitlines():
        if line.strip():
            stripped = line.strip()
            if not (stripped.startswith("{") and stripped.endswith("}")):
                return False
            try:
                return isinstance(json.loads(stripped), dict)
            except ValueError:
                return False
    return False


def _utf8_lines(handle: BinaryIO, source: str, max_bytes: int) -> Iterator[str | InputError]:
    number = 0
    while True:
        # A line is read no further than the limit: one line of gigabytes must not be held in memory.
        raw = handle.readline(max_bytes + 1)
        if not raw:
            return
        number += 1
        if len(raw) > max_bytes:
            size = len(raw) + _skip_line(handle) if not raw.endswith(b"\n") else len(raw)
            yield InputTooLarge(too_large(f"{source}:{number}", size, max_bytes))
            continue
        try:
            yield raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as error:
            yield UndecodableInput(
                f"{source}:{number}: bytes at offset {error.start} are not valid UTF-8 (JSONL is UTF-8)"
            )


def _skip_line(handle: BinaryIO, chunk: int = 1 << 20) -> int:
    """Read past the rest of the current line, a chunk at a time; the bytes passed over."""
    skipped = 0
    while True:
        part = handle.readline(chunk)
        skipped += len(part)
        if not part or part.endswith(b"\n"):
            return skipped


def record_pages(lines: Iterable[str | InputError], source: str) -> Iterator[Page | InputError]:
    """A Page per record line ("SOURCE:LINE" names it), or the InputError of a line that is not one."""
    any_record = False
    for number, line in enumerate(lines, start=1):
        if isinstance(line, InputError):
            any_record = True
            yield line
            continue
        if not line.strip():
            continue
        any_record = True
        yield _record_page(line, f"{source}:{number}")
    if not any_record:
        raise EmptyInput(f"{source}: only whitespace, no records")


def _record_page(line: str, where: str) -> Page | InputError:
    record = parse_record(line, where)
    if isinstance(record, BadRecord):
        return record
    try:
        return page_from_text(
            record.text,
            source=where,
            format="jsonl",
            headline_hints=(record.title,) if record.title else (),
            record_id=record.id,
        )
    except InputError as error:
        return error
