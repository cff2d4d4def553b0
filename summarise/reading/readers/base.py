"""The base class every input format fills in: how it is recognised and how its bytes become Pages."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from summarise.config import PdfLimits
from summarise.errors import EmptyInput, InputError, InputTooLarge
from summarise.files import read_capped, too_large
from summarise.reading.decode import DecodedText, decode_text
from summarise.types import Page


class Reader:
    """One input format. `read` checks the size, decodes text formats and calls the `_pages` hook.

    A subclass names itself, lists its file suffixes, says which content it recognises
    (`claims_bytes` for binary signatures, `claims_text` for decoded text) and fills in `_pages`
    (text formats) or `_pages_from_bytes` (binary formats, `decodes_text = False`).
    """

    name: ClassVar[str]
    suffixes: ClassVar[tuple[str, ...]] = ()
    decodes_text: ClassVar[bool] = True

    def __init__(self, pdf_limits: PdfLimits | None = None) -> None:
        # The bounds a PDF is parsed under (None: the SUMMARISE_PDF_* settings); other formats ignore them.
        self.pdf_limits = pdf_limits

    @classmethod
    def claims_suffix(cls, source: str) -> bool:
        """True when `source` ends in one of this format's suffixes."""
        return bool(cls.suffixes) and source.lower().endswith(cls.suffixes)

    @classmethod
    def claims_bytes(cls, head: bytes) -> bool:
        """True when the first bytes carry this format's signature."""
        return False

    @classmethod
    def claims_text(cls, text: str) -> bool:
        """True when decoded text looks like this format."""
        return False

    def read(self, data: bytes, *, source: str, max_bytes: int) -> Iterator[Page | InputError]:
        """The pages in `data`; a whole-input problem is raised, a bad record yielded."""
        if len(data) > max_bytes:
            raise InputTooLarge(too_large(source, len(data), max_bytes))
        if not data:
            raise EmptyInput(f"{source}: empty input, nothing to brief")
        if self.decodes_text:
            decoded = decode_text(data, source=source, max_bytes=max_bytes)
            yield from self.read_text(decoded, source=source, max_bytes=max_bytes)
        else:
            yield from self._pages_from_bytes(data, source, max_bytes)

    def read_text(self, decoded: DecodedText, *, source: str, max_bytes: int) -> Iterator[Page | InputError]:
        """The pages in text this project's decoder already read, each carrying the decoder's notes."""
        for page in self._pages(decoded, source, max_bytes):
            if decoded.notes and isinstance(page, Page):
                page = replace(page, notes=(*decoded.notes, *page.notes))
            yield page

    def read_file(self, path: Path, *, source: str, max_bytes: int) -> Iterator[Page | InputError]:
        """The pages of a file; formats that stream (JSONL) override this."""
        yield from self.read(read_capped(path, source, max_bytes), source=source, max_bytes=max_bytes)

    def _pages(self, decoded: DecodedText, source: str, max_bytes: int) -> Iterator[Page | InputError]:
        raise NotImplementedError(f"{type(self).__name__} reads bytes, not text")

    def _pages_from_bytes(self, data: bytes, source: str, max_bytes: int) -> Iterator[Page | InputError]:
        raise NotImplementedError(f"{type(self).__name__} reads text, not bytes")
