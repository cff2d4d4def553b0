"""The reading stage: bytes and text to `Page`s, with the public names of its modules in one place.

One module per job: `decode` (bytes to text), `normalise` (text to a normalised Page), `html_text`
(markup to readable text), `layout` (the line rules of Chinese news pages), `records` (JSONL records) and
`readers` (one reader per format, chosen by signature, suffix or look: `load_pages`).
"""

from __future__ import annotations

from summarise.reading.decode import (
    MIN_COMMON_HAN_SHARE,
    MIN_UTF16_SCORE,
    SUPPORTED_ENCODINGS,
    DecodedText,
    binary_kind,
    decode_text,
)
from summarise.reading.html_text import HtmlText, html_to_text, looks_like_html
from summarise.reading.layout import HAN, HAN_RE
from summarise.reading.normalise import (
    MAX_KANA_SHARE,
    MIN_HAN_SHARE,
    normalise_width,
    page_from_text,
    rejoin_note,
    rejoin_page_breaks,
    to_simplified,
)
from summarise.reading.readers import READERS, decode_bytes, iter_pages, load_pages, reader_for

__all__ = [
    "HAN",
    "HAN_RE",
    "MAX_KANA_SHARE",
    "MIN_COMMON_HAN_SHARE",
    "MIN_HAN_SHARE",
    "MIN_UTF16_SCORE",
    "READERS",
    "SUPPORTED_ENCODINGS",
    "DecodedText",
    "HtmlText",
    "binary_kind",
    "decode_bytes",
    "decode_text",
    "html_to_text",
    "iter_pages",
    "load_pages",
    "looks_like_html",
    "normalise_width",
    "page_from_text",
    "reader_for",
    "rejoin_note",
    "rejoin_page_breaks",
    "to_simplified",
]
