"""A fetched document to Pages, through the same readers as a file (HTML, PDF, text).

The Content-Type's media type chooses the reader where it says HTML or PDF, the look of the bytes
otherwise; its charset goes to the decoder, which tries it after valid UTF-8 and before the page's own
`<meta charset>`. Each page keeps where it came from: `source` is the URL asked for, `url` the address
after redirects, and `record_id` the canonical URL, so its article's id is that URL.
"""

from __future__ import annotations

from dataclasses import replace

from summarise.errors import InputError
from summarise.reading.decode import decode_text
from summarise.reading.readers.html import HtmlReader
from summarise.reading.readers.pdf import PdfReader
from summarise.reading.readers.text import TextReader
from summarise.sources.fetcher import FetchedPage
from summarise.sources.urls import canonical_url
from summarise.types import Page

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def read_fetched(fetched: FetchedPage, *, max_bytes: int) -> list[Page]:
    """The pages of a fetched document (one for a web page), or the InputError that says why none."""
    source = fetched.url
    if fetched.content_type == "application/pdf" or PdfReader.claims_bytes(fetched.body[:8]):
        pages = PdfReader().read(fetched.body, source=source, max_bytes=max_bytes)
    else:
        decoded = decode_text(fetched.body, source=source, max_bytes=max_bytes, declared=fetched.charset)
        html = fetched.content_type in HTML_TYPES or HtmlReader.claims_text(decoded.text)
        reader = HtmlReader() if html else TextReader()
        pages = reader.read_text(decoded, source=source, max_bytes=max_bytes)
    found: list[Page] = []
    for page in pages:
        if isinstance(page, InputError):
            raise page
        found.append(replace(page, url=fetched.final_url, record_id=canonical_url(fetched.url)))
    return found
