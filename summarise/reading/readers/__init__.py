"""Input formats: a small registry of Readers, each chosen by content sniffing and file suffix.

A new format is one module with a `Reader` subclass and one line in `READERS`. The order of `READERS`
is the order of precedence: a binary signature (%PDF-) wins over a suffix, a suffix over the look of
decoded text, and plain text takes whatever no other format claims.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from summarise.config import DEFAULT_MAX_INPUT_BYTES, PdfLimits
from summarise.errors import InputError, InputTooLarge
from summarise.files import checked_file, open_checked, read_capped
from summarise.reading.decode import decode_text
from summarise.reading.readers.base import Reader
from summarise.reading.readers.html import HtmlReader
from summarise.reading.readers.jsonl import JsonlReader
from summarise.reading.readers.pdf import PdfReader
from summarise.reading.readers.text import TextReader
from summarise.types import Page

READERS: dict[str, type[Reader]] = {
    "pdf": PdfReader,
    "jsonl": JsonlReader,
    "html": HtmlReader,
    "text": TextReader,
}

__all__ = [
    "READERS", "Reader", "decode_bytes", "iter_pages", "load_pages", "pages_from_bytes", "reader_for",
]


def reader_for(source: str, head: bytes, pdf_limits: PdfLimits | None = None) -> Reader | None:
    """The reader a binary signature or the file suffix names, or None to decide on the decoded text."""
    for reader in READERS.values():
        if reader.claims_bytes(head):
            return reader(pdf_limits)
    for reader in READERS.values():
        if reader.claims_suffix(source):
            return reader(pdf_limits)
    return None


def _reader_for_text(text: str) -> Reader:
    for reader in READERS.values():
        if reader.decodes_text and reader.claims_text(text):
            return reader()
    return TextReader()


def iter_pages(
    path: str | Path, *, max_bytes: int = DEFAULT_MAX_INPUT_BYTES, stdin: BinaryIO | None = None,
    pdf_limits: PdfLimits | None = None,
) -> Iterator[Page | InputError]:
    """The pages of a file ("-" reads `stdin`): one per text, HTML or PDF input, one per JSONL record.

    A whole-file problem (missing, a directory, too large, binary, undecodable, a PDF without text, a
    PDF past its limits) is raised. A bad JSONL record is yielded as an InputError naming its line, so a
    batch can go on. PDFs are parsed in a bounded worker under `pdf_limits` (None: the SUMMARISE_PDF_*
    settings).
    """
    name = str(path)
    if name == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(max_bytes + 1)
        if len(data) > max_bytes:
            # stdin's whole size is unknown: only that it is more than the limit.
            raise InputTooLarge(f"<stdin>: more than {max_bytes:,} bytes, over the input limit "
                                f"(raise it with SUMMARISE_MAX_BYTES)")
        yield from _pages_of(data, "<stdin>", max_bytes, pdf_limits)
        return
    file = checked_file(path, name)
    reader = reader_for(name, _head(file, name), pdf_limits)
    if reader is not None:
        yield from reader.read_file(file, source=name, max_bytes=max_bytes)
        return
    yield from _pages_of(read_capped(file, name, max_bytes), name, max_bytes, pdf_limits)


def _head(file: Path, name: str) -> bytes:
    with open_checked(file, name) as handle:
        head: bytes = handle.read(8)
    return head


def _pages_of(
    data: bytes, source: str, max_bytes: int, pdf_limits: PdfLimits | None
) -> Iterator[Page | InputError]:
    reader = reader_for(source, data[:8], pdf_limits)
    if reader is not None:
        yield from reader.read(data, source=source, max_bytes=max_bytes)
        return
    decoded = decode_text(data, source=source, max_bytes=max_bytes)
    yield from _reader_for_text(decoded.text).read_text(decoded, source=source, max_bytes=max_bytes)


def load_pages(
    path: str | Path, *, max_bytes: int = DEFAULT_MAX_INPUT_BYTES, stdin: BinaryIO | None = None,
    pdf_limits: PdfLimits | None = None,
) -> list[Page]:
    """All pages of a file, as iter_pages, raising the first error (a bad JSONL record included)."""
    pages: list[Page] = []
    for item in iter_pages(path, max_bytes=max_bytes, stdin=stdin, pdf_limits=pdf_limits):
        if isinstance(item, InputError):
            raise item
        pages.append(item)
    return pages


def decode_bytes(
    data: bytes, *, source: str = "<bytes>", max_bytes: int = DEFAULT_MAX_INPUT_BYTES,
    pdf_limits: PdfLimits | None = None,
) -> Page:
    """One Page from raw bytes: text in any supported encoding, an HTML page or a PDF (parsed in a
    bounded worker under `pdf_limits`; None: the SUMMARISE_PDF_* settings)."""
    reader = reader_for(source, data[:8], pdf_limits)
    if reader is None or isinstance(reader, JsonlReader):
        decoded = decode_text(data, source=source, max_bytes=max_bytes)
        reader = HtmlReader() if HtmlReader.claims_text(decoded.text) else TextReader()
        pages = reader.read_text(decoded, source=source, max_bytes=max_bytes)
    else:
        pages = reader.read(data, source=source, max_bytes=max_bytes)
    page = next(iter(pages))
    if isinstance(page, InputError):
        raise page
    return page


def pages_from_bytes(
    data: bytes, *, source: str, max_bytes: int = DEFAULT_MAX_INPUT_BYTES, pdf_limits: PdfLimits | None = None,
) -> Iterator[Page | InputError]:
    """The pages of bytes already in memory (an upload), as iter_pages reads a file named `source`: its
    suffix helps choose the reader; a bad JSONL record is yielded as its InputError."""
    yield from _pages_of(data, source, max_bytes, pdf_limits)
