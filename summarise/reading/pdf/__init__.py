"""PDF text layers to text: pdfminer.six under caps (parse), reading order by recursive cuts (order),
running headers, footers and table-of-contents pages (furniture), and paragraphs and headlines (assemble).

`document_text` is the whole job; the PDF reader runs it in the bounded worker (summarise/reading/bounded.py),
so every step that sees the untrusted file is bounded in time and memory, not only pdfminer's.
"""

from __future__ import annotations

from summarise.config import PdfLimits
from summarise.reading.pdf.assemble import FlowLine, PdfText, assemble, column_edges
from summarise.reading.pdf.furniture import find_furniture
from summarise.reading.pdf.order import reading_order
from summarise.reading.pdf.parse import (
    NoTextLayer,
    PdfTooLarge,
    UnreadablePdf,
    import_pdfminer,
    load_maps,
    parse_layout,
)

__all__ = ["NoTextLayer", "PdfText", "PdfTooLarge", "UnreadablePdf", "document_text", "import_pdfminer", "load_maps"]


def document_text(data: bytes, source: str, limits: PdfLimits) -> PdfText:
    """The text and headlines of a PDF; NoTextLayer when its pages carry no text."""
    maps_used: set[tuple[str, bool | None]] = set()
    pages = parse_layout(data, source, limits, maps_used)
    flows: list[list[FlowLine]] = []
    for index, page in enumerate(pages):
        ordered = [line for band in reading_order(page.boxes) for box in band for line in box.lines]
        flows.append(column_edges(ordered, index, page.width))
    furniture = find_furniture(pages, [[flow.line for flow in page] for page in flows])
    contents = set(furniture.contents_pages)
    kept = [flow for index, page in enumerate(flows) if index not in contents
            for number, flow in enumerate(page) if (index, number) not in furniture.running]
    if not any(flow.line.text.strip() for flow in kept) and not furniture.contents_titles:
        raise NoTextLayer(
            f"{source}: the PDF has no text layer (a scanned image?); summarise reads PDF text and does no OCR"
        )
    result = assemble(kept, furniture.contents_titles)
    running = sum(1 for index, _ in furniture.running if index not in contents)
    left_out = {"table-of-contents page": len(contents), "running header or footer line": running,
                **result.left_out}
    return PdfText(result.text, result.headline_hints, {what: n for what, n in left_out.items() if n},
                   tuple(sorted(maps_used, key=str)))
