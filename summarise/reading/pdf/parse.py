"""pdfminer.six under caps: a PDF's bytes to the text lines of each page, with their positions and sizes.

This runs inside the bounded worker (summarise/reading/bounded.py), which limits time and memory; the
caps here stop the known attacks early with a precise message instead of at those outer bounds:
- decompressed stream bytes, all streams of the document together (a 1 MB stream that inflates to
  1 GiB, or one flated twice that inflates past 8 GB): Flate, LZW and RunLength output is counted as it
  is produced;
- glyphs drawn on one page (an 8.8 KB page of 4 million glyphs);
- codes a font's character map declares (`beginbfrange <00000000> <FFFFFFFF>`: 4 billion entries).
pdfminer has no hooks for the first and last, so its decoders are swapped for capped ones while the
parse runs (in the worker's own process; restored afterwards for a caller without fork).
"""

from __future__ import annotations

import contextlib
import io
import re
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from summarise.config import PdfLimits
from summarise.errors import InputError, first_line

# A CJK font maps at most 65,536 two-byte codes; four times that is no real font.
MAX_CMAP_ENTRIES = 1 << 18
_STEP = 1 << 20  # decompressed bytes produced per step, so a bomb is caught within a megabyte


class NoTextLayer(InputError):
    """A PDF whose pages carry no text (a scan): there is nothing to read without OCR."""


class UnreadablePdf(InputError):
    """Bytes that claim to be a PDF but cannot be parsed (truncated, corrupt, encrypted)."""


class PdfTooLarge(InputError):
    """A PDF that would decompress, draw or map more than its caps allow."""


@dataclass(frozen=True)
class Line:
    """One text line as pdfminer grouped it, in PDF points (y grows upwards); `size` is its type size."""

    text: str
    x0: float  # left and right ends
    x1: float
    y0: float  # bottom and top
    y1: float
    size: float  # the median type size of its glyphs


@dataclass(frozen=True)
class Box:
    """One pdfminer text box: lines that sit together."""

    x0: float
    y0: float
    x1: float
    y1: float
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class PageLayout:
    """The text boxes of one page (1-based `number`) and its size."""

    number: int
    width: float  # in points, as the page's media box gives it
    height: float
    boxes: tuple[Box, ...]  # in pdfminer's order; summarise.reading.pdf.order puts them in reading order


_MAP_NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.+-]{0,63}")


def load_maps(maps_used: Iterable[tuple[str, bool | None]]) -> None:
    """Load into this process the predefined character maps (pdfminer's own files) a worker used, so the
    next worker forked from here starts with them: loading the CJK maps costs 0.1-0.3 s a PDF otherwise.
    Only names that pdfminer found in its own folder are given, and only plain names are tried."""
    from pdfminer.cmapdb import CMapDB

    for name, vertical in maps_used:
        if not _MAP_NAME_RE.fullmatch(name) or ".." in name:
            continue
        # A map that will not load here is loaded by the next worker again: nothing is lost.
        with contextlib.suppress(Exception):
            if vertical is None:
                CMapDB.get_cmap(name)
            else:
                CMapDB.get_unicode_map(name, vertical)


def import_pdfminer() -> None:
    """Import pdfminer here, before the worker forks: every child then starts with it loaded (importing
    it costs 0.1-0.2 s, which each PDF of a batch would otherwise pay again)."""
    import pdfminer.converter
    import pdfminer.layout
    import pdfminer.pdfinterp
    import pdfminer.pdfpage  # noqa: F401


def parse_layout(
    data: bytes, source: str, limits: PdfLimits, maps_used: set[tuple[str, bool | None]] | None = None
) -> list[PageLayout]:
    """Every page's text boxes; a PDF pdfminer cannot read is an UnreadablePdf, a cap breach PdfTooLarge.

    `maps_used` collects the predefined character maps pdfminer loaded (name, vertical; vertical None
    for an encoding map), for `load_maps`.
    """
    from pdfminer.layout import LAParams
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    if not data.startswith(b"%PDF-"):
        raise UnreadablePdf(f"{source}: not a PDF (no %PDF- header)")
    pages: list[PageLayout] = []
    caps = _Caps(limits, source, maps_used if maps_used is not None else set())
    try:
        with caps.installed():
            manager = PDFResourceManager(caching=True)
            device = _capped_aggregator(manager, LAParams(line_margin=0.6, boxes_flow=None), caps)
            interpreter = PDFPageInterpreter(manager, device)
            for number, page in enumerate(PDFPage.get_pages(io.BytesIO(data)), 1):
                caps.glyphs = 0
                interpreter.process_page(page)
                pages.append(_page_layout(number, device.get_result()))
    except InputError:
        raise
    except MemoryError:
        raise
    except Exception as error:  # noqa: BLE001 - pdfminer raises PSEOF, PDFSyntaxError, KeyError ... on bad files
        raise UnreadablePdf(f"{source}: not a readable PDF ({first_line(error)[:120]})") from None
    if not pages:
        raise UnreadablePdf(f"{source}: not a readable PDF (no pages)")
    return pages


def _page_layout(number: int, layout: Any) -> PageLayout:
    from pdfminer.layout import LTChar, LTTextBox, LTTextLine

    boxes = []
    for element in layout:
        if not isinstance(element, LTTextBox):
            continue
        lines = []
        for line in element:
            if not isinstance(line, LTTextLine):
                continue
            text = line.get_text().rstrip()
            if not text.strip():
                continue
            sizes = sorted(char.size for char in line if isinstance(char, LTChar))
            size = sizes[len(sizes) // 2] if sizes else line.height
            lines.append(Line(text, line.x0, line.x1, line.y0, line.y1, round(size, 2)))
        if lines:
            boxes.append(Box(element.x0, element.y0, element.x1, element.y1, tuple(lines)))
    return PageLayout(number, float(layout.width), float(layout.height), tuple(boxes))


class _Caps:
    """The running counts of one parse and the swapped-in capped decoders."""

    def __init__(self, limits: PdfLimits, source: str, maps_used: set[tuple[str, bool | None]]) -> None:
        self.limits = limits
        self.source = source
        self.maps_used = maps_used
        self.inflated_left = limits.max_inflated_mb * (1 << 20)
        self.glyphs = 0
        self.cmap_entries = 0

    def inflated(self, count: int) -> None:
        self.inflated_left -= count
        if self.inflated_left < 0:
            raise PdfTooLarge(
                f"{self.source}: the PDF's streams decompress to more than {self.limits.max_inflated_mb} MB "
                f"- a decompression bomb? (raise the cap with SUMMARISE_PDF_MAX_INFLATED_MB)"
            )

    def glyph(self) -> None:
        self.glyphs += 1
        if self.glyphs > self.limits.max_glyphs:
            raise PdfTooLarge(
                f"{self.source}: a page draws more than {self.limits.max_glyphs:,} glyphs "
                f"(raise the cap with SUMMARISE_PDF_MAX_GLYPHS)"
            )

    def cmap_entry(self) -> None:
        self.cmap_entries += 1
        if self.cmap_entries > MAX_CMAP_ENTRIES:
            raise PdfTooLarge(f"{self.source}: a font's character map declares more than "
                              f"{MAX_CMAP_ENTRIES:,} codes (a hostile or broken font)")

    @contextmanager
    def installed(self) -> Iterator[None]:
        from pdfminer import cmapdb, pdftypes

        caps = self
        saved = {
            (pdftypes, "zlib"): pdftypes.zlib,
            (pdftypes, "decompress_corrupted"): pdftypes.decompress_corrupted,
            (pdftypes, "lzwdecode"): pdftypes.lzwdecode,
            (pdftypes, "rldecode"): pdftypes.rldecode,
            (cmapdb.FileUnicodeMap, "add_cid2unichr"): cmapdb.FileUnicodeMap.add_cid2unichr,
            (cmapdb.CMap, "add_code2cid"): cmapdb.CMap.add_code2cid,
            (cmapdb.CMapDB, "get_cmap"): cmapdb.CMapDB.__dict__["get_cmap"],
            (cmapdb.CMapDB, "get_unicode_map"): cmapdb.CMapDB.__dict__["get_unicode_map"],
        }
        add_unichr, add_code = cmapdb.FileUnicodeMap.add_cid2unichr, cmapdb.CMap.add_code2cid
        get_cmap, get_unicode_map = cmapdb.CMapDB.get_cmap, cmapdb.CMapDB.get_unicode_map

        def recorded_cmap(name: str) -> Any:
            found = get_cmap(name)
            caps.maps_used.add((name, None))
            return found

        def recorded_unicode_map(name: str, vertical: bool = False) -> Any:
            found = get_unicode_map(name, vertical)
            caps.maps_used.add((name, vertical))
            return found

        def counted_unichr(self: Any, cid: int, code: Any) -> None:
            caps.cmap_entry()
            add_unichr(self, cid, code)

        def counted_code(self: Any, code: str, cid: int) -> None:
            caps.cmap_entry()
            add_code(self, code, cid)

        pdftypes.zlib = _CappedZlib(self)  # type: ignore[assignment]
        pdftypes.decompress_corrupted = self.inflate_tolerant  # type: ignore[assignment]
        pdftypes.lzwdecode = self.lzw_decode  # type: ignore[assignment]
        pdftypes.rldecode = self.runlength_decode  # type: ignore[assignment]
        cmapdb.FileUnicodeMap.add_cid2unichr = counted_unichr  # type: ignore[method-assign]
        cmapdb.CMap.add_code2cid = counted_code  # type: ignore[method-assign]
        cmapdb.CMapDB.get_cmap = staticmethod(recorded_cmap)  # type: ignore[method-assign,assignment]
        cmapdb.CMapDB.get_unicode_map = staticmethod(recorded_unicode_map)  # type: ignore[method-assign,assignment]
        try:
            yield
        finally:
            for (owner, name), value in saved.items():
                setattr(owner, name, value)

    def inflate(self, data: bytes, tolerant: bool = False) -> bytes:
        """zlib data inflated step by step, counted against the cap; truncated data gives what it holds."""
        inflater = zlib.decompressobj()
        out = bytearray()
        pending = data
        try:
            while True:
                piece = inflater.decompress(pending, _STEP)
                self.inflated(len(piece))
                out += piece
                pending = inflater.unconsumed_tail
                if inflater.eof or (not piece and not pending):
                    break
        except zlib.error:
            # pdfminer keeps what came before damage in the last bytes (a bad checksum); earlier damage
            # is an error it then retries byte by byte, which `tolerant` stands in for.
            if not tolerant and len(pending) > 4:
                raise
        return bytes(out)

    def inflate_tolerant(self, data: bytes) -> bytes:
        return self.inflate(data, tolerant=True)

    def lzw_decode(self, data: bytes) -> bytes:
        from pdfminer.lzw import LZWDecoder

        out = bytearray()
        for piece in LZWDecoder(io.BytesIO(data)).run():
            self.inflated(len(piece))
            out += piece
        return bytes(out)

    def runlength_decode(self, data: bytes) -> bytes:
        out = bytearray()
        index = 0
        while index < len(data):
            length = data[index]
            if length == 128:  # end of data
                break
            if length < 128:
                chunk = data[index + 1 : index + 2 + length]
                index += 2 + length
                self.inflated(len(chunk))
                out += chunk
            else:
                self.inflated(257 - length)
                out += data[index + 1 : index + 2] * (257 - length)
                index += 2
        return bytes(out)


class _CappedZlib:
    """What pdfminer's stream decoder uses of the zlib module, with every inflate counted."""

    error = zlib.error

    def __init__(self, caps: _Caps) -> None:
        self._caps = caps

    def decompress(self, data: bytes, *_: Any) -> bytes:
        return self._caps.inflate(data)

    def decompressobj(self, *arguments: Any) -> Any:
        return zlib.decompressobj(*arguments)


def _capped_aggregator(manager: Any, laparams: Any, caps: _Caps) -> Any:
    from pdfminer.converter import PDFPageAggregator

    class CappedAggregator(PDFPageAggregator):
        """Counts glyphs as they are drawn, and lays out glyphs a font gives no width as if it did."""

        def render_char(self, matrix: Any, font: Any, fontsize: float, *rest: Any) -> float:
            caps.glyph()
            cid = rest[2]
            if not font.char_width(cid):
                font = _WidthFallback(font)
            advance: float = super().render_char(matrix, font, fontsize, *rest)
            return advance

    return CappedAggregator(manager, laparams=laparams)


class _WidthFallback:
    """A font whose glyphs have no width (all drawn on one spot): pdfminer then cannot group them into
    lines, and a page with text reads as empty. Each glyph gets a nominal width: a full em for wide
    (CJK) characters, half an em for the rest."""

    def __init__(self, font: Any) -> None:
        self._font = font

    def char_width(self, cid: int) -> float:
        try:
            text = self._font.to_unichr(cid)
        except Exception:  # noqa: BLE001 - an unmapped glyph: pdfminer writes (cid:N) for it
            return 0.5
        wide = bool(text) and unicodedata.east_asian_width(text[0]) in "WF"
        return 1.0 if wide else 0.5

    def __getattr__(self, name: str) -> Any:
        return getattr(self._font, name)
