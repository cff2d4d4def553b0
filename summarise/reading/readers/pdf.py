"""PDF documents and e-paper pages through their text layer (pdfminer.six layout analysis).

pdfminer groups characters into lines and text boxes; this module puts the boxes in reading order by
recursive cuts: a page splits into columns at vertical white gaps, and a region that has no vertical gap
(a headline spans its columns) splits into bands at the horizontal gaps next to a box as wide as most of
the region. Each band is then read column by column. There is no OCR: a page of images is refused.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from summarise.errors import InputError, first_line
from summarise.reading.normalise import page_from_text
from summarise.reading.readers.base import Reader
from summarise.types import Page

# A box at least this share of its region's width spans the columns (a headline, a lead).
WIDE_SHARE = 0.6
# A line starting further right than this many character heights from its box's edge is indented: a
# new paragraph.
INDENT_CHARS = 0.8
# Lines whose heights differ by more than this share are set in different type: a new paragraph.
RESIZE_SHARE = 0.2
_SENTENCE_END = tuple("。！？!?”」』)）")
_LATIN_LETTER_RE = re.compile("[A-Za-z]")


class NoTextLayer(InputError):
    """A PDF whose pages carry no text (a scan): there is nothing to read without OCR."""


class UnreadablePdf(InputError):
    """Bytes that claim to be a PDF but cannot be parsed (truncated, corrupt, encrypted)."""


@dataclass(frozen=True)
class _Box:
    """One pdfminer text box: its lines' texts and left edges, in PDF points (y grows upwards)."""

    x0: float
    y0: float
    x1: float
    y1: float
    lines: tuple[tuple[str, float, float, float], ...]  # (text, x0, x1, height) of each line


class PdfReader(Reader):
    """A PDF's text layer as one Page, pages in order, each read column by column."""

    name = "pdf"
    suffixes = (".pdf",)
    decodes_text = False

    @classmethod
    def claims_bytes(cls, head: bytes) -> bool:
        return head.startswith(b"%PDF-")

    def _pages_from_bytes(self, data: bytes, source: str, max_bytes: int) -> Iterator[Page | InputError]:
        page_texts = [_page_text(boxes) for boxes in _boxes_by_page(data, source)]
        text = "\n\n\n".join(text for text in page_texts if text.strip())
        if not text.strip():
            raise NoTextLayer(
                f"{source}: the PDF has no text layer (a scanned image?); summarise reads PDF text and does no OCR"
            )
        yield page_from_text(text, source=source, encoding="pdf", format="pdf")


def _boxes_by_page(data: bytes, source: str) -> list[list[_Box]]:
    from pdfminer.high_level import extract_pages  # imported here: only PDFs need it
    from pdfminer.layout import LAParams, LTTextBox, LTTextLine

    if not data.startswith(b"%PDF-"):
        raise UnreadablePdf(f"{source}: not a PDF (no %PDF- header)")
    pages: list[list[_Box]] = []
    try:
        for layout in extract_pages(io.BytesIO(data), laparams=LAParams(line_margin=0.6, boxes_flow=None)):
            boxes = []
            for element in layout:
                if not isinstance(element, LTTextBox):
                    continue
                lines = tuple(
                    (line.get_text().rstrip(), line.x0, line.x1, line.height)
                    for line in element
                    if isinstance(line, LTTextLine) and line.get_text().strip()
                )
                if lines:
                    boxes.append(_Box(element.x0, element.y0, element.x1, element.y1, lines))
            pages.append(boxes)
    except InputError:
        raise
    except Exception as error:  # noqa: BLE001 - pdfminer raises PSEOF, PDFSyntaxError, KeyError ... on bad files
        reason = first_line(error)
        raise UnreadablePdf(f"{source}: not a readable PDF ({reason[:120]})") from None
    if not pages:
        raise UnreadablePdf(f"{source}: not a readable PDF (no pages)")
    return pages


def reading_order(boxes: Sequence[_Box]) -> list[list[_Box]]:
    """The boxes in reading order, grouped in bands (a band boundary is a headline's edge)."""
    bands: list[list[_Box]] = []
    _cut(list(boxes), bands, new_band=True)
    return [band for band in bands if band]


def _cut(boxes: list[_Box], bands: list[list[_Box]], new_band: bool) -> None:
    if new_band:
        bands.append([])
    if len(boxes) <= 1:
        bands[-1].extend(boxes)
        return
    columns = _split(boxes, vertical=True)
    if len(columns) > 1:
        for column in columns:  # left to right
            _cut(column, bands, new_band=False)
        return
    rows = _split(boxes, vertical=False)
    if len(rows) > 1:
        left = min(b.x0 for b in boxes)
        width = max(b.x1 for b in boxes) - left
        # Cut only where a wide box meets the gap: aligned paragraph gaps of neighbouring columns
        # are not band edges.
        group: list[_Box] = []
        for index, row in enumerate(rows):
            group.extend(row)
            wide_here = any(b.x1 - b.x0 >= WIDE_SHARE * width for b in row)
            wide_next = index + 1 < len(rows) and any(b.x1 - b.x0 >= WIDE_SHARE * width for b in rows[index + 1])
            if index + 1 == len(rows) or wide_here or wide_next:
                if len(group) == len(boxes):
                    break
                _cut(group, bands, new_band=True)
                group = []
        else:
            bands.append([])
            return
    bands[-1].extend(sorted(boxes, key=lambda b: (-b.y1, b.x0)))


def _split(boxes: list[_Box], vertical: bool) -> list[list[_Box]]:
    """Groups of boxes separated by white gaps: columns left to right, or rows top to bottom."""
    if vertical:
        spans = sorted(((b.x0, b.x1, b) for b in boxes), key=lambda span: span[:2])
    else:
        spans = sorted(((-b.y1, -b.y0, b) for b in boxes), key=lambda span: span[:2])
    groups: list[list[_Box]] = []
    reach = float("-inf")
    for low, high, box in spans:
        if low > reach + 0.5:
            groups.append([])
        groups[-1].append(box)
        reach = max(reach, high)
    return groups


def _page_text(boxes: Sequence[_Box]) -> str:
    """A page's text: paragraphs on their own lines, bands separated by a blank line.

    Lines join into one paragraph (a column break included) unless the new line is indented, set in
    another type size (headline, byline, body), or the line before ended a sentence short of its edge.
    """
    bands_text = []
    for band in reading_order(boxes):
        paragraphs: list[str] = []
        previous_height = 0.0
        open_paragraph = False
        for box in band:
            left = min(line[1] for line in box.lines)
            right = max(line[2] for line in box.lines)
            for raw, x0, x1, height in box.lines:
                text = raw.lstrip()
                # An indent is white space on the page or leading (ideographic) spaces in the text.
                indented = x0 - left > INDENT_CHARS * height or text != raw
                resized = abs(height - previous_height) > RESIZE_SHARE * max(height, previous_height)
                if paragraphs and open_paragraph and not indented and not resized:
                    paragraphs[-1] = _join(paragraphs[-1], text)
                else:
                    paragraphs.append(text)
                short = right - x1 > height
                open_paragraph = not (text.endswith(_SENTENCE_END) and short)
                previous_height = height
        bands_text.append("\n".join(paragraphs))
    return "\n\n".join(bands_text)


def _join(left: str, right: str) -> str:
    # Latin words cut at a line end keep a space; Chinese, digits and punctuation join directly.
    if left and right and _LATIN_LETTER_RE.match(left[-1]) and _LATIN_LETTER_RE.match(right[0]):
        return f"{left} {right}"
    return left + right
