"""Web pages: the one article of a news page, read with trafilatura from the text this project decoded.

`Page.text` stays the page's readable text (html_text.html_to_text), so offsets index the decoded page;
each paragraph trafilatura extracts is mapped back onto its span there. A page that is clearly several
articles (an e-paper page, a list of headline-plus-byline blocks) is left to the layout splitter.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from summarise.errors import EmptyInput, InputError
from summarise.reading.decode import DecodedText
from summarise.reading.html_caps import capped_markup, over_element_cap
from summarise.reading.html_text import HTML_SUFFIXES, HtmlText, html_to_text, looks_like_html
from summarise.reading.layout import HAN_RE, is_heading_line
from summarise.reading.normalise import normalise_width, page_from_text, to_simplified
from summarise.reading.readers.base import Reader
from summarise.types import ExtractedArticle, Note, Page

# An extraction with fewer Han characters of prose than this found a caption, not the article: on
# table-laid-out pages the article sits in a table, so the page is read again with tables kept.
MIN_PROSE_HAN = 50
_PROSE_RE = re.compile("[。，,；;！？!?]")
# Where the article has ended and the site's furniture begins.
_FURNITURE_RE = re.compile(
    r"(?:反侵权公告|版权声明|免责声明|【?版权所有|凡本网注明|本网站所刊载|相关新闻|相关阅读|相关报道|相关文章|"
    r"延伸阅读|推荐阅读|热门推荐|热点推荐|猜你喜欢|更多精彩|网友评论|精彩推荐)"
)
# A closing credit is part of the article, not a related-links list.
_CREDIT_RE = re.compile("编辑|记者|来源|作者|责编|摄影|通讯员|完\\)|完）|报道")
MIN_LINK_RUN = 3
# Title separators: spaced ones ("标题 - 新华网", "標題 | 中央社 | 即時") and tight ones ("标题_新浪网",
# "标题-新华网"); a hyphen between letters or digits (2019-2020, COVID-19) is not a separator.
_SPACED_SEPARATOR_RE = re.compile(r"\s+(?:[-|_–—@·]|::|\|\|)\s+|\s+::\s*$")
_TIGHT_SEPARATOR_RE = re.compile(r"[_|｜]|(?<![0-9A-Za-z])-(?![0-9A-Za-z])")
_SITE_RE = re.compile(
    r"(?:网|網|报|報|社|台|新闻|新聞|频道|頻道|首页|首頁|在线|線上|门户|周刊|週刊|日报|日報|晚报|晚報|"
    r"\.com|\.cn|\.net|PIXNET|SETN|News|Online)\s*(?:[A-Za-z.]*)\s*$",
    re.IGNORECASE,
)
MAX_SITE_NAME_CHARS = 16
MAX_TITLE_CHARS = 1000  # real titles and headlines are under 200 characters
MAX_TAIL_LABEL_CHARS = 5  # "_苏银", "-要闻": an account or section name after a long title
_NAVIGATION_RE = re.compile("首页|首頁|登录|登錄|用户名|用戶名|密码|密碼|>|›|»")
_AUTHOR_LABEL_RE = re.compile(r"^(?:作者|记者|文|责任编辑|编辑|撰文)\s*[:：]?\s*")
_WHITESPACE_RE = re.compile(r"\s+")
# trafilatura's plain-text rendering of lists ("- item") and tables ("| cell | cell |").
_LIST_MARKER_RE = re.compile(r"^-\s+")
_TABLE_CELL_RE = re.compile(r"\s+\|\s+|\s*\|\s*$")


class HtmlReader(Reader):
    """An HTML page: its one article through trafilatura, or several by layout on an e-paper page."""

    name = "html"
    suffixes = HTML_SUFFIXES

    @classmethod
    def claims_text(cls, text: str) -> bool:
        return looks_like_html(text)

    def _pages(self, decoded: DecodedText, source: str, max_bytes: int) -> Iterator[Page | InputError]:
        html = html_to_text(decoded.text)
        if not html.text.strip():
            raise EmptyInput(f"{source}: HTML page with no readable text")
        page = page_from_text(
            html.text, source=source, encoding=decoded.encoding, format="html", headline_hints=html.headings
        )
        too_many = over_element_cap(html)
        if too_many is not None:
            yield replace(page, notes=(*page.notes, too_many))
            return
        if holds_several_articles(page):
            yield page
            return
        markup, capped = capped_markup(decoded.text, html)
        if capped is not None:
            page = replace(page, notes=(*page.notes, capped))
        article = extract_article(markup, html) if markup is not None else None
        if article is None:
            note = Note("no-article-extracted",
                        "trafilatura found no article on this page; it is split by its layout instead")
            yield replace(page, notes=(*page.notes, note))
            return
        yield attach_article(page, article)


def holds_several_articles(page: Page) -> bool:
    """True for a page of several articles: two or more blocks with a headline, a byline and prose."""
    from summarise.articles import split_articles

    complete = 0
    for article in split_articles(page):
        prose = any(_PROSE_RE.search(p.text) for p in article.paragraphs if p.kind == "body")
        complete += bool(article.headline and article.byline and prose)
    return complete >= 2


@dataclass(frozen=True)
class WebArticle:
    """What trafilatura found: the headline (site name removed), metadata and paragraph texts."""

    headline: str | None
    author: str | None
    date: str | None
    paragraphs: tuple[str, ...]


def extract_article(markup: str | Any, html: HtmlText) -> WebArticle | None:
    """The page's article with its metadata, or None when trafilatura finds no article text.

    `markup` is the page's markup, or an lxml.html tree built from it (html_caps).
    """
    import trafilatura  # imported here: it is only needed for web pages

    def extract(include_tables: bool):  # type: ignore[no-untyped-def]
        return trafilatura.bare_extraction(
            markup, with_metadata=True, include_comments=False, include_images=False,
            include_tables=include_tables,
        )

    # Layout tables on old portals hold navigation as well as the article, so tables are left out
    # first; a page whose article itself sits in a table then yields no prose and is read again.
    document = extract(include_tables=False)
    if document is None or _prose_han(document.text or "") < MIN_PROSE_HAN:
        with_tables = extract(include_tables=True)
        if with_tables is not None and (document is None or _prose_han(with_tables.text or "") > _prose_han(
            document.text or ""
        )):
            document = with_tables
    if document is None or not (document.text or "").strip():
        return None
    site = document.sitename
    headline = article_headline(document.title, html, site)
    paragraphs = trim_furniture(_plain_lines(document.text))
    if not paragraphs:
        return None
    return WebArticle(headline, _author(document.author, site), document.date or None, tuple(paragraphs))


def _plain_lines(text: str) -> list[str]:
    """trafilatura's text as plain paragraphs: list markers ("- ") dropped, table rows split into cells."""
    lines: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("|"):
            lines.extend(cell.strip() for cell in _TABLE_CELL_RE.split(line.strip("| ")))
        else:
            lines.append(_LIST_MARKER_RE.sub("", line))
    return [line for line in lines if line]


def _prose_han(text: str) -> int:
    return sum(len(HAN_RE.findall(line)) for line in text.splitlines() if _PROSE_RE.search(line))


def trim_furniture(paragraphs: Sequence[str]) -> list[str]:
    """The article's paragraphs without the site furniture trafilatura sometimes keeps at the end.

    The text is cut at the first copyright notice or "related articles" heading after some prose, and a
    closing run of headline-like lines (a list of links to other stories) is dropped.
    """
    kept = list(paragraphs)
    seen_prose = False
    for index, paragraph in enumerate(kept):
        if seen_prose and _FURNITURE_RE.match(paragraph):
            kept = kept[:index]
            break
        seen_prose = seen_prose or bool(_PROSE_RE.search(paragraph))
    run = 0
    while run < len(kept) and _is_link_like(kept[-1 - run]):
        run += 1
    if run >= MIN_LINK_RUN and run < len(kept):
        kept = kept[: len(kept) - run]
    return kept


def _is_link_like(line: str) -> bool:
    return is_heading_line(line) and not _CREDIT_RE.search(line) and not line.endswith(("。", "！", "？"))


def article_headline(title: str | None, html: HtmlText, site: str | None) -> str | None:
    """The article's headline: the page title without the site name or section, never navigation.

    trafilatura's title comes first; one that is only the site's name (a logo in <h1>) or navigation
    gives way to the page's <title>, then to its headings. A candidate over MAX_TITLE_CHARS is no
    headline (splitting a hostile title of megabytes costs seconds for nothing).
    """
    title = title if title and len(title) <= MAX_TITLE_CHARS else None
    html = replace(html, title=html.title if len(html.title) <= MAX_TITLE_CHARS else "",
                   headings=tuple(heading for heading in html.headings if len(heading) <= MAX_TITLE_CHARS))
    site_names = {_squeeze(site).lower()} if site else set()
    for candidate in (html.title, title):
        if candidate:
            site_names.update(_squeeze(part).lower() for part in site_parts(_WHITESPACE_RE.sub(" ", candidate), site))
    headings = {_squeeze(heading): heading for heading in html.headings if heading != html.title}
    for candidate in (title, html.title):
        # The page's own headline, where the title holds it between site and section names.
        for part in (_squeeze(part) for part in _title_parts(candidate or "")):
            if part in headings and part.lower() not in site_names:
                return _WHITESPACE_RE.sub(" ", headings[part]).strip()
    for candidate in (title, html.title, *html.headings):
        if not candidate:
            continue
        headline = strip_site_name(_WHITESPACE_RE.sub(" ", candidate).strip(), site)
        if headline and _squeeze(headline).lower() not in site_names and not _NAVIGATION_RE.search(headline):
            return headline
    return None


def _title_parts(title: str) -> list[str]:
    parts = []
    for spaced in _SPACED_SEPARATOR_RE.split(title):
        if spaced and spaced.strip():
            parts.append(spaced)
            parts.extend(_TIGHT_SEPARATOR_RE.split(spaced))
    return [part for part in parts if part != title]


def strip_site_name(title: str, site: str | None = None) -> str:
    """A page title without the site name and section around the headline.

    "标题_教育频道_中国青年网" -> "标题"; "標題 | 社會 | 三立新聞網" -> "標題"; "标题 松花江网" -> "标题".
    """
    return _split_title(title, site)[0]


def site_parts(title: str, site: str | None = None) -> list[str]:
    """The parts of a page title that name the site or section, not the article."""
    return _split_title(title, site)[1]


def _split_title(title: str, site: str | None) -> tuple[str, list[str]]:
    removed: list[str] = []
    spaced = [part.strip() for part in _SPACED_SEPARATOR_RE.split(title) if part and part.strip()]
    if len(spaced) > 1:
        # Around spaced separators the headline is the longest part; the rest are site and section.
        title = max(spaced, key=len)
        removed.extend(part for part in spaced if part != title)
    parts = _TIGHT_SEPARATOR_RE.split(title)
    separators = _TIGHT_SEPARATOR_RE.findall(title)
    # Parts are taken off both ends by moving two indices, and the length of what stays before the last
    # part is kept as a running sum: linear in the title, where popping and re-joining was quadratic
    # (a hostile <title> of 40,000 "生物园区_新华网-" parts took 21 s).
    first, last = 0, len(parts) - 1
    before = sum(len(part) for part in parts[:last])
    while last > first and _is_tail_label(parts[last], before, site):
        removed.append(parts[last])
        last -= 1
        before -= len(parts[last])
    while last > first and _is_site_name(parts[first], site):
        removed.append(parts[first])
        first += 1
    kept = zip(separators[first:last], parts[first + 1 : last + 1])
    title = parts[first] + "".join(separator + part for separator, part in kept)
    words = title.split(" ")
    if len(words) > 1 and _is_site_name(words[-1], site) and len(" ".join(words[:-1])) >= len(words[-1]):
        removed.append(words[-1])
        title = " ".join(words[:-1])
    return title.strip(), [part.strip() for part in removed if part.strip()]


def _is_tail_label(part: str, before: int, site: str | None) -> bool:
    """Whether the last part of a title names a site or section; `before` is the length of the rest."""
    part = part.strip()
    return _is_site_name(part, site) or (0 < len(part) <= MAX_TAIL_LABEL_CHARS and before >= 3 * len(part))


def _is_site_name(text: str, site: str | None) -> bool:
    text = text.strip()
    if not text:
        return True
    if site and _squeeze(text).lower() == _squeeze(site).lower():
        return True
    return len(text) <= MAX_SITE_NAME_CHARS and _SITE_RE.search(text) is not None


def _author(author: str | None, site: str | None) -> str | None:
    """trafilatura's author, keeping only names: no site names, teams or bare labels."""
    if not author:
        return None
    names = []
    for part in author.split(";"):
        name = _AUTHOR_LABEL_RE.sub("", part.strip()).strip()
        if name and HAN_RE.search(name) and not _is_site_name(name, site) and name not in ("作者", "该作者文章"):
            names.append(name)
    return "; ".join(dict.fromkeys(names)) or None


# -- paragraphs back onto the page text ---------------------------------------------------------------


def _squeeze(text: str) -> str:
    return "".join(text.split())


@dataclass(frozen=True)
class _SqueezedText:
    """A text without its whitespace, with each kept character's offset in the original."""

    text: str
    offsets: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> _SqueezedText:
        offsets = tuple(i for i, char in enumerate(text) if not char.isspace())
        return cls("".join(text[i] for i in offsets), offsets)


def attach_article(page: Page, article: WebArticle) -> Page:
    """`page` with its one article: each paragraph's span in `page.text`, and a note for any not found."""
    squeezed = _SqueezedText.of(page.text)
    spans: list[tuple[int, int]] = []
    notes: list[Note] = []
    cursor = 0
    for paragraph in article.paragraphs:
        needle = _squeeze(to_simplified(normalise_width(paragraph))[0])
        if not needle:
            continue
        found = squeezed.text.find(needle, cursor)
        if found < 0:
            found = squeezed.text.find(needle)  # out of order on the page (a lead moved to the top)
        if found < 0:
            shown = paragraph if len(paragraph) <= 40 else paragraph[:40] + "…"
            notes.append(Note("paragraph-not-found",
                              f'left out a paragraph the extractor found but the page text does not hold: "{shown}"'))
            continue
        start, end = squeezed.offsets[found], squeezed.offsets[found + len(needle) - 1] + 1
        if spans and start < spans[-1][1]:
            continue  # the same text twice (a lead repeated as a caption): keep the first
        spans.append((start, end))
        cursor = found + len(needle)
    if not spans:
        lost = Note("article-not-found",
                    "the extracted article could not be found in the page text; it is split by its layout instead")
        return replace(page, notes=(*page.notes, *notes, lost))
    hints = (normalise_width(article.headline).strip(),) if article.headline else ()
    extracted = ExtractedArticle(tuple(spans), author=article.author, date=article.date)
    return replace(page, headline_hints=hints, article=extracted, notes=(*page.notes, *notes))
