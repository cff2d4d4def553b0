"""The lines of one input, streamed where the input allows it: what `summarise figures` reads.

Plain UTF-8 text streams line by line, so a tool downstream sees each answer as its line arrives. Other
inputs are read whole first, so a wrong guess never prints half an answer: text in another encoding (a
UTF-16 BOM, NUL bytes or bytes that are not UTF-8 in the first line) through the decoder, and PDF, HTML
and JSONL through their readers (the lines are then those of each page's readable text, never the raw
syntax of the file). Every input is held to the size limit (SUMMARISE_MAX_BYTES): a file is checked
before anything is read, standard input as it streams, and no line is read past the limit.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterator
from typing import IO

from summarise.errors import BinaryInput, EmptyInput, InputError, InputTooLarge, NoChineseText
from summarise.files import open_checked, too_large
from summarise.reading.decode import decode_text
from summarise.reading.html_text import looks_like_html
from summarise.reading.layout import HAN_RE
from summarise.reading.readers import iter_pages, reader_for
from summarise.reading.readers.jsonl import looks_like_jsonl
from summarise.reading.readers.text import TextReader

Warn = Callable[[str], None]


class InputLines:
    """The lines of FILE or stdin ("-"), streamed where possible; `finish` applies the whole-input rules
    (empty input, or no Chinese at all, is an InputError)."""

    def __init__(self, source: str, *, max_bytes: int, warn: Warn = lambda message: None) -> None:
        self.source = source
        self.name = "<stdin>" if source == "-" else source
        self.max_bytes = max_bytes
        self.warn = warn
        self.han_seen = False
        self.any_bytes = False

    def lines(self) -> Iterator[str]:
        """Each line of text, without its line break."""
        for line in self._decoded_lines():
            self.han_seen = self.han_seen or HAN_RE.search(line) is not None
            yield line

    def finish(self) -> None:
        """Raise the InputError an input that gave no figures to read deserves: empty, or not Chinese."""
        if not self.any_bytes:
            raise EmptyInput(f"{self.name}: empty input, no text to read figures from")
        if not self.han_seen:
            raise NoChineseText(f"{self.name}: no Chinese text found; figures reads Chinese news text")

    def _decoded_lines(self) -> Iterator[str]:
        stream = self._open()
        try:
            first = stream.readline(self.max_bytes + 1)
            self.any_bytes = bool(first)
            if not first:
                return
            if len(first) > self.max_bytes:
                raise InputTooLarge(f"{self.name}: more than {self.max_bytes:,} bytes, over the input limit "
                                    f"(raise it with SUMMARISE_MAX_BYTES)")
            if self._read_by_a_reader(first):
                yield from self._page_lines(first + self._rest(stream, len(first)))
                return
            if first.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in first or not _is_utf8(first):
                yield from self._whole(first + self._rest(stream, len(first)))
                return
            yield from self._streamed(first, stream)
        finally:
            if self.source != "-":
                stream.close()

    def _open(self) -> IO[bytes]:
        if self.source == "-":
            return sys.stdin.buffer
        handle = open_checked(self.source)  # FIFOs and devices are refused, never opened
        size = os.fstat(handle.fileno()).st_size
        if size > self.max_bytes:
            handle.close()
            raise InputTooLarge(too_large(self.name, size, self.max_bytes))
        return handle

    def _rest(self, stream: IO[bytes], consumed: int) -> bytes:
        rest = stream.read(self.max_bytes + 1 - consumed)
        if consumed + len(rest) > self.max_bytes:
            raise InputTooLarge(f"{self.name}: more than {self.max_bytes:,} bytes, over the input limit "
                                f"(raise it with SUMMARISE_MAX_BYTES)")
        return rest

    def _read_by_a_reader(self, first: bytes) -> bool:
        """True for PDF, HTML and JSONL: by signature, by suffix, or by the look of the first line."""
        reader = reader_for(self.name, first[:8])
        if reader is not None:
            return not isinstance(reader, TextReader)
        try:
            text = first.decode("utf-8-sig")
        except UnicodeDecodeError:
            return False
        return looks_like_html(text) or looks_like_jsonl(text)

    def _page_lines(self, data: bytes) -> Iterator[str]:
        """The lines of each page the input's reader finds (one page per JSONL record)."""
        source = self.source if self.source != "-" else "-"
        stdin = io.BytesIO(data) if self.source == "-" else None
        for page in iter_pages(source, max_bytes=self.max_bytes, stdin=stdin):
            if isinstance(page, InputError):
                raise InputError(f"{page}; the lines before it were printed")
            for note in page.notes:
                self.warn(f"{page.source}: {note.message}")
            yield from page.text.split("\n")

    def _whole(self, data: bytes) -> Iterator[str]:
        """Every line of an input decoded at once, in whichever supported encoding it is."""
        decoded = decode_text(data, source=self.name, max_bytes=self.max_bytes)  # binary, undecodable, too large
        for note in decoded.notes:
            self.warn(f"{self.name}: {note.message}")
        text = decoded.text.lstrip("\ufeff")
        yield from (line.rstrip("\r") for line in text.removesuffix("\n").split("\n"))

    def _streamed(self, first: bytes, stream: IO[bytes]) -> Iterator[str]:
        consumed = len(first)
        yield first.decode("utf-8-sig").rstrip("\r\n")
        number = 1
        while True:
            raw = stream.readline(self.max_bytes + 1 - consumed)
            if not raw:
                return
            consumed += len(raw)
            number += 1
            if consumed > self.max_bytes:
                raise InputTooLarge(f"{self.name}: more than {self.max_bytes:,} bytes by line {number}, over "
                                    f"the input limit (raise it with SUMMARISE_MAX_BYTES); the lines before it "
                                    f"were printed")
            yield self._line_text(raw, number)

    def _line_text(self, raw: bytes, number: int) -> str:
        """A later line: UTF-8 (stray NULs removed, with a warning), or the encoding detection finds."""
        if _is_utf8(raw):
            text = raw.decode("utf-8").rstrip("\r\n")
            if "\x00" in text:
                cleaned = text.replace("\x00", "")
                if any(ord(char) < 32 and char not in "\t\x0b\x0c\x1b" for char in cleaned):
                    raise BinaryInput(f"{self.name}: line {number} holds NUL bytes, not text; the lines before "
                                      f"it were printed")
                self.warn(f"{self.name}: line {number}: removed {len(text) - len(cleaned)} stray NUL byte(s)")
                text = cleaned
            return text
        try:
            decoded = decode_text(raw.rstrip(b"\r\n"), source=f"{self.name}: line {number}",
                                  max_bytes=self.max_bytes)
        except InputError as error:
            raise InputError(f"{self.name}: line {number} is not text in a supported encoding ({error}); "
                             f"the lines before it were printed") from None
        self.warn(f"{self.name}: line {number} is not UTF-8; read it as {decoded.encoding}")
        return decoded.text.rstrip("\r\n")


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
