"""Caps on what one web page may ask of the article extractor, applied before trafilatura sees it.

trafilatura hands the page to libxml2's tree builder, whose work grows faster than linearly with the
attributes of one element (40,000 attributes on one <div> took 46 s; 200,000 never ended), and its own
passes cost about 0.1 ms per element, so a hostile page well within the size limit could hold the reader
for minutes. The caps sit far above real news pages: among the 33 pages of the web-pages development set,
no element carries more than 14 attributes and no page has more than 3,042 elements.

A page over the attribute cap is rebuilt with each element's first attributes only (through lxml's
parser-target interface, which stays linear) and that tree goes to trafilatura; a page over the element
cap is not given to trafilatura at all and is split by its layout. Either way the page carries a note.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from summarise.reading.html_text import HtmlText
from summarise.types import Note

MAX_ATTRIBUTES_PER_ELEMENT = 64
MAX_ELEMENTS = 30_000
CAPPED = "html-capped"


def over_element_cap(html: HtmlText) -> Note | None:
    """The note saying why a page with too many elements is split by its layout, or None when it is not."""
    if html.elements <= MAX_ELEMENTS:
        return None
    return Note(CAPPED, f"the page has {html.elements:,} HTML elements, over the {MAX_ELEMENTS:,} the article "
                        "extractor is given; it is split by its layout instead")


def capped_markup(markup: str, html: HtmlText) -> tuple[str | Any | None, Note | None]:
    """What trafilatura should read: the markup itself, or a tree whose elements keep only their first
    MAX_ATTRIBUTES_PER_ELEMENT attributes (with the note saying so) when some element has more; None
    when not even that tree could be built."""
    if html.most_attributes <= MAX_ATTRIBUTES_PER_ELEMENT:
        return markup, None
    note = Note(CAPPED, f"an HTML element carries {html.most_attributes:,} attributes; each element kept its "
                        f"first {MAX_ATTRIBUTES_PER_ELEMENT} for the article extractor")
    return _tree_with_capped_attributes(markup), note


class _CappedTreeBuilder:
    """An lxml parser target that builds an lxml.html tree, dropping attributes past the cap."""

    def __init__(self) -> None:
        import lxml.html
        from lxml import etree

        self._builder = etree.TreeBuilder(parser=lxml.html.HTMLParser())

    def start(self, tag: str, attrib: Mapping[str, str]) -> None:
        if len(attrib) > MAX_ATTRIBUTES_PER_ELEMENT:
            items = iter(attrib.items())
            attrib = dict(next(items) for _ in range(MAX_ATTRIBUTES_PER_ELEMENT))
        self._builder.start(tag, dict(attrib))

    def end(self, tag: str) -> None:
        self._builder.end(tag)

    def data(self, data: str) -> None:
        self._builder.data(data)

    def close(self) -> Any:
        return self._builder.close()


def _tree_with_capped_attributes(markup: str) -> Any | None:
    from lxml import etree

    parser = etree.HTMLParser(target=_CappedTreeBuilder(), recover=True, no_network=True, huge_tree=True,
                              remove_comments=True, remove_pis=True)
    try:
        parser.feed(markup.replace("\x00", ""))  # libxml2 stops at a NUL, as in html_text
        return parser.close()
    except (etree.LxmlError, AssertionError, ValueError):  # nothing a tree could be built from
        return None
