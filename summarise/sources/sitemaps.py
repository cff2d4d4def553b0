"""Sitemaps to entries: a sitemap index (its sitemaps are read in turn), a urlset, a Google News sitemap,
or a plain text list of URLs; gzipped or not.

XML is parsed with lxml without entities, DTDs or network access, so a hostile sitemap cannot expand
entities or make requests; a gzipped one is inflated up to the size limit, never beyond it. A news
sitemap's `news:publication_date` is an entry's date, else `lastmod`.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

from summarise.errors import InputError
from summarise.sources.entries import Entry, parse_date
from summarise.sources.http import too_large_detail
from summarise.sources.urls import resolved_link

GZIP_MAGIC = b"\x1f\x8b"


class NotASitemap(InputError):
    """The document is not a sitemap, sitemap index or list of URLs."""


@dataclass(frozen=True)
class Sitemap:
    """What one sitemap document holds: page entries (a urlset) or further sitemaps (an index)."""

    entries: tuple[Entry, ...] = ()
    sitemaps: tuple[str, ...] = ()


def read_sitemap(data: bytes, *, url: str, max_bytes: int) -> Sitemap:
    """The entries or child sitemaps of one sitemap document (gzipped or not)."""
    if data.startswith(GZIP_MAGIC):
        data = gunzip_capped(data, url=url, max_bytes=max_bytes)
    head = data.lstrip()[:1]
    if head != b"<":
        return Sitemap(entries=_text_entries(data, url))
    return _xml_sitemap(data, url)


def gunzip_capped(data: bytes, *, url: str, max_bytes: int) -> bytes:
    """Inflate gzip data, refusing (InputError) once the output passes `max_bytes`."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, max_bytes + 1)
    except zlib.error as error:
        raise NotASitemap(f"{url}: the gzip data is damaged ({error})") from None
    if len(out) > max_bytes:
        raise InputError(f"{url}: inflated, {too_large_detail(None, max_bytes)}")
    return out


def _text_entries(data: bytes, url: str) -> tuple[Entry, ...]:
    text = data.decode("utf-8", errors="replace")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    entries = [Entry(link, listed_in=url) for link in (resolved_link(url, line) for line in lines) if link]
    if lines and not entries:
        raise NotASitemap(f"{url}: not a sitemap (no XML and no URLs)")
    return tuple(entries)


def _xml_sitemap(data: bytes, url: str) -> Sitemap:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             recover=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as error:
        raise NotASitemap(f"{url}: not a sitemap (XML error: {error})") from None
    kind = etree.QName(root).localname
    if kind == "sitemapindex":
        children = [resolved_link(url, _child_text(node, "loc") or "") for node in _children(root, "sitemap")]
        return Sitemap(sitemaps=tuple(link for link in children if link))
    if kind != "urlset":
        raise NotASitemap(f"{url}: not a sitemap (its root element is <{kind}>, not <urlset> or <sitemapindex>)")
    entries = []
    for node in _children(root, "url"):
        link = resolved_link(url, _child_text(node, "loc") or "")
        if link is None:
            continue
        news = next(_children(node, "news"), None)
        published = parse_date(_child_text(news, "publication_date")) if news is not None else None
        title = _child_text(news, "title") if news is not None else None
        entries.append(Entry(link, published or parse_date(_child_text(node, "lastmod")), title, url))
    return Sitemap(entries=tuple(entries))


def _children(node, name: str):  # type: ignore[no-untyped-def]
    """Child elements by local name, whatever their namespace (sitemaps in the wild vary)."""
    return (child for child in node if isinstance(child.tag, str) and child.tag.rpartition("}")[2] == name)


def _child_text(node, name: str) -> str | None:  # type: ignore[no-untyped-def]
    if node is None:
        return None
    child = next(_children(node, name), None)
    if child is None or child.text is None:
        return None
    return str(child.text).strip() or None
