"""PDF documents and e-paper pages through their text layer (summarise/reading/pdf), parsed in the bounded
worker: pdfminer.six and everything after it run in a child process with a wall-clock limit, an
address-space limit and caps on inflated stream bytes, glyphs per page and font map entries (the
SUMMARISE_PDF_* settings). There is no OCR: a page of images is refused.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from summarise.config import PdfLimits, environment_variable, resolve_pdf_limits
from summarise.errors import InputError
from summarise.reading.bounded import Bounds, run_bounded
from summarise.reading.normalise import page_from_text
from summarise.reading.pdf import (
    NoTextLayer,
    PdfText,
    PdfTooLarge,
    UnreadablePdf,
    document_text,
    import_pdfminer,
    load_maps,
)
from summarise.reading.readers.base import Reader
from summarise.types import Note, Page

__all__ = ["NoTextLayer", "PdfReader", "PdfTooLarge", "UnreadablePdf", "pdf_page"]


class PdfReader(Reader):
    """A PDF's text layer as one Page: pages in order, each read column by column, furniture left out."""

    name = "pdf"
    suffixes = (".pdf",)
    decodes_text = False

    @classmethod
    def claims_bytes(cls, head: bytes) -> bool:
        return head.startswith(b"%PDF-")

    def _pages_from_bytes(self, data: bytes, source: str, max_bytes: int) -> Iterator[Page | InputError]:
        yield pdf_page(data, source, self.pdf_limits)


def pdf_page(data: bytes, source: str, limits: PdfLimits | None = None) -> Page:
    """One Page from a PDF's bytes, parsed under `limits` (default: the SUMMARISE_PDF_* settings)."""
    limits = limits if limits is not None else resolve_pdf_limits()
    bounds = Bounds(limits.timeout, limits.memory_mb, environment_variable("pdf_timeout"),
                    environment_variable("pdf_memory_mb"))
    import_pdfminer()
    result: PdfText = run_bounded(document_text, data, source, limits, bounds=bounds, source=source)
    load_maps(result.maps_used)
    page = page_from_text(result.text, source=source, encoding="pdf", format="pdf",
                          headline_hints=result.headline_hints, rejoin=False)
    if result.left_out:
        what = ", ".join(f"{count} {name}{'s' if count > 1 else ''}" for name, count in result.left_out.items())
        note = Note("pdf-furniture-dropped", f"left out what is not news: {what}", 0, 0)
        page = replace(page, notes=(note, *page.notes))
    return page
