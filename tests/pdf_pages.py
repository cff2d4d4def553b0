"""PDF pages the tests draw themselves with reportlab's built-in CID font (no font file needed)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

FONT = "STSong-Light"
PAGE_WIDTH, PAGE_HEIGHT = 595.0, 842.0  # A4 in points
MARGIN = 40.0
GUTTER = 18.0


@dataclass(frozen=True)
class Story:
    """One article to lay out: a headline across its columns, a byline, then paragraphs in columns."""

    headline: str
    byline: str
    paragraphs: Sequence[str]


def _canvas(buffer: io.BytesIO):  # type: ignore[no-untyped-def]
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return canvas.Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT))


def _wrap(text: str, size: float, width: float) -> list[str]:
    per_line = max(1, int(width // size))
    return [text[i : i + per_line] for i in range(0, len(text), per_line)]


def _story(pdf, story: Story, top: float, columns: int, size: float = 10.0) -> float:  # type: ignore[no-untyped-def]
    """Draws `story` from `top` down; returns the y below it."""
    pdf.setFont(FONT, 20)
    pdf.drawString(MARGIN, top - 20, story.headline)
    pdf.setFont(FONT, 11)
    pdf.drawString(MARGIN, top - 44, story.byline)
    width = (PAGE_WIDTH - 2 * MARGIN - (columns - 1) * GUTTER) / columns
    lines: list[tuple[str, bool]] = []  # (text, starts a paragraph)
    for paragraph in story.paragraphs:
        wrapped = _wrap("\u3000\u3000" + paragraph, size, width)
        lines.extend((line, index == 0) for index, line in enumerate(wrapped))
    per_column = -(-len(lines) // columns)
    leading = size * 1.5
    body_top = top - 70
    pdf.setFont(FONT, size)
    for number, (line, _) in enumerate(lines):
        column, row = divmod(number, per_column)
        pdf.drawString(MARGIN + column * (width + GUTTER), body_top - row * leading, line)
    return body_top - per_column * leading - 30


def columns_pdf(story: Story, columns: int) -> bytes:
    """One page: one story with its body in `columns` columns."""
    buffer = io.BytesIO()
    pdf = _canvas(buffer)
    _story(pdf, story, PAGE_HEIGHT - MARGIN, columns)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def stories_pdf(stories: Sequence[Story], columns: int = 2) -> bytes:
    """One e-paper page: the stories stacked, each with its own headline, byline and columns."""
    buffer = io.BytesIO()
    pdf = _canvas(buffer)
    top = PAGE_HEIGHT - MARGIN
    for story in stories:
        top = _story(pdf, story, top, columns)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def compiled_pdf(stories: Sequence[Story], *, contents: bool = True, header: str = "测试日报  2025年1月6日  星期一",
                 body_size: float = 11.0, lines_per_page: int = 30, headline_scale: float = 2.2) -> bytes:
    """A compiled collection as news sites export them: a numbered table of contents, then each story
    from a new page (headline in display type, wrapped to the page width; byline; indented paragraphs
    that run on over pages), a running header on every page and a "- N -" footer."""
    buffer = io.BytesIO()
    pdf = _canvas(buffer)
    width = PAGE_WIDTH - 2 * MARGIN
    page_number = 0

    def furniture() -> None:
        nonlocal page_number
        page_number += 1
        pdf.setFont(FONT, 9)
        pdf.drawString(MARGIN, PAGE_HEIGHT - 25, header)
        pdf.drawString(PAGE_WIDTH / 2 - 12, 20, f"- {page_number} -")

    if contents:
        furniture()
        pdf.setFont(FONT, 18)
        pdf.drawString(MARGIN, PAGE_HEIGHT - 70, "目录")
        pdf.setFont(FONT, 11)
        for number, story in enumerate(stories, 1):
            pdf.drawString(MARGIN, PAGE_HEIGHT - 100 - 20 * number, f"{number}、{story.headline}")
        pdf.showPage()
    headline_size = body_size * headline_scale
    for story in stories:
        furniture()
        top = PAGE_HEIGHT - 70
        for line in _wrap(story.headline, headline_size, width):
            pdf.setFont(FONT, headline_size)
            pdf.drawString(MARGIN, top - headline_size, line)
            top -= headline_size * 1.4
        if story.byline:
            pdf.setFont(FONT, body_size * 0.9)
            pdf.drawString(MARGIN, top - 20, story.byline)
        top -= 50
        row = 0
        per_line = int(width // body_size)
        for paragraph in story.paragraphs:
            # The first line is indented by two characters of white space on the page, not by spaces.
            lines = [paragraph[: per_line - 2]] + _wrap(paragraph[per_line - 2 :], body_size, width)
            for index, line in enumerate(filter(None, lines)):
                if row == lines_per_page:
                    pdf.showPage()
                    furniture()
                    top, row = PAGE_HEIGHT - 70, 0
                pdf.setFont(FONT, body_size)
                indent = 2 * body_size if index == 0 else 0.0
                pdf.drawString(MARGIN + indent, top - row * body_size * 1.8, line)
                row += 1
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def image_only_pdf() -> bytes:
    """A 'scanned' page: a drawn image and no text at all."""
    from reportlab.lib.utils import ImageReader

    png = _tiny_png()
    buffer = io.BytesIO()
    pdf = _canvas(buffer)
    pdf.drawImage(ImageReader(io.BytesIO(png)), MARGIN, MARGIN, width=400, height=600)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _tiny_png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x80\x80\x80" * 8 for _ in range(8))
    header = struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
