"""Plain text: the fallback format, one Page per input."""

from __future__ import annotations

from collections.abc import Iterator

from summarise.errors import InputError
from summarise.reading.decode import DecodedText
from summarise.reading.normalise import page_from_text
from summarise.reading.readers.base import Reader
from summarise.types import Page


class TextReader(Reader):
    """Plain Chinese text in any supported encoding; chosen when no other format claims the input."""

    name = "text"

    def _pages(self, decoded: DecodedText, source: str, max_bytes: int) -> Iterator[Page | InputError]:
        yield page_from_text(decoded.text, source=source, encoding=decoded.encoding)
