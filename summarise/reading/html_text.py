"""HTML to readable text: one block per paragraph, with the page's headline candidates.

The markup is parsed by lxml (libxml2's HTML parser, driven through lxml's parser-target interface):
it runs in linear time on any input, unclosed tags and comments included, and recovers from broken
markup instead of raising, where the standard library's html.parser is quadratic on a run of unclosed
tags (`'<a ' * 16000` took 35 s) and raises on some (`<![`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from summarise.reading.layout import HAN

_HTML_START_RE = re.compile(
    r"\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<!--|<(?:p|div|h[1-6]|article)[\s>])",
    re.IGNORECASE,
)
HTML_SUFFIXES = (".html", ".htm", ".xhtml")

# Scripts and styles are not text; navigation, asides and footers are site chrome, not news. <head> and
# <form> are not here: HTML5 lets </head> be left out, and ASP.NET pages wrap the whole body in a form.
_DROPPED_TAGS = frozenset(
    {
        "script", "style", "noscript", "template", "svg", "iframe", "object", "canvas", "select", "button",
        "nav", "aside", "footer",
    }
)
_NO_BLOCKS_INSIDE = frozenset({"select", "button"})
_BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "header", "main", "blockquote", "pre",
        "ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "td", "th", "figure", "figcaption",
        "h1", "h2", "h3", "h4", "h5", "h6", "body", "html", "hr", "address",
    }
)
# Source line breaks inside a Chinese paragraph are wrapping, not spaces: drop them between CJK characters
# (never across a <br>, which stands in the text as _BREAK, itself a Unicode space).
_CJK_WRAP_RE = re.compile(
    f"(?<=[{HAN}\u3000-\u303f\uff00-\uffef0-9])[ \t]*\n[^\\S\u2028]*(?=[{HAN}\u3000-\u303f\uff00-\uffef0-9])"
)
_BREAK = "\u2028"  # stands for <br> until the block is flushed
_SPACES_RE = re.compile(r"[ \t\r\f\v\n]+")
# libxml2 stops at a NUL character; the decoder has already refused binary input, so any left are noise.
_NUL_RE = re.compile("\x00")


def looks_like_html(text: str, source: str = "") -> bool:
    """True for markup: an .html source, or text that opens with an HTML tag or doctype."""
    return source.lower().endswith(HTML_SUFFIXES) or bool(_HTML_START_RE.match(text[:2048]))


@dataclass(frozen=True)
class HtmlText:
    """The readable text of an HTML page, one block per paragraph, and its headline candidates.

    This text is what an HTML Page's offsets index; the article reader maps its paragraphs onto it.
    """

    text: str
    headings: tuple[str, ...]
    title: str = ""  # the page's <title>, site name and all
    elements: int = 0  # how many elements the markup opened
    most_attributes: int = 0  # the most attributes any one element carried


class _TextExtractor:
    """An lxml parser target: collects text blocks, dropping scripts and styles; remembers <h1>, <h2>
    and <title> texts."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.h1: list[str] = []
        self.h2: list[str] = []
        self.title: list[str] = []
        self._current: list[str] = []
        self._skipped: list[str] = []  # the dropped elements we are inside, innermost last
        self._heading: str | None = None
        self._in_title = False
        self._title_done = False
        self.elements = 0
        self.most_attributes = 0

    def start(self, tag: str, attrib: Mapping[str, str]) -> None:
        self.elements += 1
        self.most_attributes = max(self.most_attributes, len(attrib))
        tag = tag.lower()
        if tag == "title" and not self._title_done:
            self._in_title = True  # only the first: an inline <svg> has <title>s of its own
        if tag in _DROPPED_TAGS:
            self._skipped.append(tag)
            return
        if tag in _BLOCK_TAGS and self._skipped and self._skipped[-1] in _NO_BLOCKS_INSIDE:
            # A <select> or <button> never holds paragraphs: one left unclosed ends where a block opens,
            # or it would swallow the rest of the page.
            self._skipped.pop()
        if tag == "br":
            self._current.append(_BREAK)
        elif tag in _BLOCK_TAGS:
            self._flush()
            if tag in ("h1", "h2"):
                self._heading = tag

    def end(self, tag: str) -> None:
        tag = tag.lower()
        if tag == "title":
            self._title_done = self._title_done or self._in_title
            self._in_title = False
        if tag in _DROPPED_TAGS:
            if tag in self._skipped:
                del self._skipped[len(self._skipped) - 1 - self._skipped[::-1].index(tag) :]
            return
        if tag in _BLOCK_TAGS:
            self._flush()

    def data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)  # a headline candidate, not page text
            return
        if self._skipped:
            return
        self._current.append(data)

    def close(self) -> None:
        self._flush()

    def _flush(self) -> None:
        heading, self._heading = self._heading, None
        if not self._current:
            return  # most block boundaries hold no text: a page of a million empty tags stays quick
        raw = "".join(self._current)
        self._current = []
        lines = [line.strip() for line in _SPACES_RE.sub(" ", _CJK_WRAP_RE.sub("", raw)).split(_BREAK)]
        lines = [line for line in lines if line]
        if not lines:
            return
        if heading:
            # A heading broken with <br> is still one headline.
            text = " ".join(lines)
            (self.h1 if heading == "h1" else self.h2).append(text)
        else:
            text = "\n".join(lines)
        self.blocks.append(text)


def html_to_text(markup: str) -> HtmlText:
    """Readable text of an HTML page (blocks separated by blank lines) and its headline candidates.

    <h1> texts are the headline candidates; a page without <h1> offers its <h2>s, and a page with
    neither offers its <title>. Linear in the size of the markup, and never raises on broken markup.
    """
    from lxml import etree  # imported here: only web pages need it (trafilatura depends on it)

    extractor = _TextExtractor()
    parser = etree.HTMLParser(
        target=extractor, recover=True, no_network=True, huge_tree=True, remove_comments=True, remove_pis=True
    )
    cleaned = _NUL_RE.sub("", markup)
    if cleaned.strip():
        try:
            parser.feed(cleaned)
            parser.close()
        except etree.LxmlError:
            # libxml2 recovers from nearly anything; what it still rejects keeps the text read so far.
            extractor.close()
    title = _SPACES_RE.sub(" ", "".join(extractor.title)).strip()
    headings = tuple(extractor.h1) or tuple(extractor.h2) or ((title,) if title else ())
    return HtmlText("\n\n".join(extractor.blocks), headings, title, extractor.elements, extractor.most_attributes)
