"""Bytes and text to `Page`s: the public names of the ingestion modules, in one place.

The work is done by one module per job: `summarise.reading.decode` (bytes to text), `summarise.reading.normalise`
(text to a normalised Page), `summarise.reading.html_text` (markup to readable text) and `summarise.files`
(path checks). Formats are read by `summarise.reading.readers`.
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

__all__ = [
    "HAN",
    "HAN_RE",
    "MAX_KANA_SHARE",
    "MIN_COMMON_HAN_SHARE",
    "MIN_HAN_SHARE",
    "MIN_UTF16_SCORE",
    "SUPPORTED_ENCODINGS",
    "DecodedText",
    "HtmlText",
    "binary_kind",
    "decode_text",
    "html_to_text",
    "looks_like_html",
    "normalise_width",
    "page_from_text",
    "rejoin_note",
    "rejoin_page_breaks",
    "to_simplified",
]
