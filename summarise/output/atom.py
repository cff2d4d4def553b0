"""Briefs as an Atom feed (RFC 4287), so readers subscribe to the English digest in any feed reader.

Each brief is one entry: the English headline as its title, the summary as its summary, and as its HTML
content the summary, the key figures with their Chinese, the warnings and links to every source page.
Its id is a URN made from the brief's id, so a brief re-made for a changed page keeps its entry (and
shows a new `updated`). Dates: `published` is the article's own date where it gives one; `updated` is
that date too, else the digest's. Built with ElementTree, so every text is escaped once for XML.
"""

from __future__ import annotations

import hashlib
import html
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from summarise._version import __version__
from summarise.output.render import display_text
from summarise.sources.entries import parse_date
from summarise.types import Brief, SourceRef

if TYPE_CHECKING:  # digest.render_digest calls this module: a runtime import would be a cycle
    from summarise.output.digest import Digest

ATOM = "http://www.w3.org/2005/Atom"
# Characters XML 1.0 cannot carry at all; display_text removes the other controls.
_NOT_XML_RE = re.compile("[\ud800-\udfff\ufffe\uffff]")


def render_atom(digest: Digest) -> str:
    """The digest as an Atom 1.0 document (UTF-8 text)."""
    ET.register_namespace("", ATOM)
    fallback = _digest_moment(digest.date)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "en"})
    _text(feed, "title", digest.title)
    _text(feed, "id", "urn:summarise:digest:" + hashlib.sha256(digest.title.encode("utf-8")).hexdigest()[:32])
    entries = [_entry(brief, fallback) for brief in digest.briefs]
    latest = max((entry[1] for entry in entries), default=fallback)
    _text(feed, "updated", _stamp(max(latest, fallback)))
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "summarise")
    ET.SubElement(feed, f"{{{ATOM}}}generator", {"version": __version__}).text = "summarise"
    if digest.models:
        _text(feed, "subtitle", "Models: " + "; ".join(digest.models))
    for element, _ in entries:
        feed.append(element)
    ET.indent(feed, space="  ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _entry(brief: Brief, fallback: datetime) -> tuple[ET.Element, datetime]:
    entry = ET.Element(f"{{{ATOM}}}entry")
    _text(entry, "title", brief.headline)
    _text(entry, "id", "urn:summarise:brief:" + hashlib.sha256(brief.id.encode("utf-8")).hexdigest()[:32])
    published = parse_date(brief.source.date)
    updated = published or fallback
    _text(entry, "updated", _stamp(updated))
    if published is not None:
        _text(entry, "published", _stamp(published))
    if brief.source.author:
        author = ET.SubElement(entry, f"{{{ATOM}}}author")
        _text(author, "name", brief.source.author)
    urls = [source.url for source in brief.all_sources if source.url]
    for number, url in enumerate(dict.fromkeys(urls)):
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate" if number == 0 else "related", "href": url,
                                                 "type": "text/html"})
    _text(entry, "summary", brief.summary)
    content = ET.SubElement(entry, f"{{{ATOM}}}content", {"type": "html"})
    content.text = _clean(content_html(brief))
    return entry, updated


def content_html(brief: Brief) -> str:
    """An entry's HTML: the summary, the key figures, the warnings and the source pages."""
    def e(text: str) -> str:
        return html.escape(display_text(text))

    parts = [f"<p>{e(brief.summary)}</p>"]
    if brief.source.headline:
        parts.append(f"<p lang=\"zh\"><em>{e(brief.source.headline)}</em></p>")
    if brief.figures:
        items = "".join(f"<li>{e(f.english)} <span lang=\"zh\">({e(f.text)})</span></li>" for f in brief.figures)
        parts.append(f"<p><strong>Key figures</strong></p><ul>{items}</ul>")
    parts += [f"<p><strong>Warning:</strong> {e(warning)}</p>" for warning in brief.warnings]
    sources = [_source_html(source) for source in brief.all_sources]
    parts.append("<p><strong>Source" + ("s" if len(sources) > 1 else "") + ":</strong> " + "; ".join(sources) + "</p>")
    return "".join(parts)


def _source_html(source: SourceRef) -> str:
    name = html.escape(display_text(source.headline or source.url or source.path or "source"))
    if source.url:
        return f'<a href="{html.escape(source.url, quote=True)}">{name}</a>'
    return name + (f" ({html.escape(display_text(source.path))})" if source.path else "")


def _text(parent: ET.Element, name: str, text: str) -> ET.Element:
    child = ET.SubElement(parent, f"{{{ATOM}}}{name}")
    child.text = _clean(display_text(text))
    return child


def _clean(text: str) -> str:
    return _NOT_XML_RE.sub("\ufffd", text)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _digest_moment(date: str) -> datetime:
    """The digest's date as a moment: now when it is today (or unreadable), else that day's midnight UTC."""
    now = datetime.now(UTC)
    parsed = parse_date(date)
    if parsed is None or parsed.date() == now.date():
        return now.replace(microsecond=0)
    return parsed
