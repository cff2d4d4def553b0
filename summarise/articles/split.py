"""A Page to its Articles: headline, sub-headline, byline, sub-headings and paragraphs, each with exact
offsets into `Page.text`.

The rules are deterministic and read the layout of Chinese newspaper pages:
- a line is a *heading* when it is short, holds Chinese and has no sentence punctuation (。,;);
- a *byline* opens a line: 本报讯(记者 张国静), 本报西宁12月24日讯, 新华社北京12月24日电(记者 ...), (记者 ...);
- an article starts at the headings just before a byline, at an HTML <h1> or JSONL title, or, on a
  page without bylines, after a blank-line gap wider than the gaps between its paragraphs;
- a heading inside an article, with prose after it, is a sub-heading; prose lines are paragraphs.

The line rules themselves (headline-like lines, bylines) live in summarise.reading.layout, shared with the readers and the normaliser.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace

from summarise.articles.repeats import drop_repeats
from summarise.reading.layout import (
    HAN,
    LINE_RE,
    MAX_HEADING_CHARS,
    byline_match,
    is_byline_line,
    is_heading_line,
    is_headline_candidate,
    reporters,
)
from summarise.reading.normalise import page_from_text, to_simplified
from summarise.types import Article, ExtractedArticle, Note, Page, Paragraph

__all__ = ["MAX_HEADING_CHARS", "byline_match", "is_byline_line", "is_heading_line", "split_articles"]

# Lower-case Latin words standing between Chinese characters ("高质量发展 and 长治久安") are almost
# always editing slips; capitalised words and acronyms (PM2.5, GDP, iPhone) are left alone.
_STRAY_LATIN_RE = re.compile(f"(?<=[{HAN}])[ \\t]*([a-z]+(?:[ \\t]+[a-z]+)*)[ \\t]*(?=[{HAN}])")
# A web article's byline sits among its first few paragraphs (after a kicker or a dateline).
MAX_BYLINE_POSITION = 3


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str
    kind: str  # "heading" | "byline" | "body"
    gap: int  # newlines between the previous line and this one


def split_articles(page: Page | str) -> list[Article]:
    """The articles of a page, in order; a str is first normalised with page_from_text."""
    if isinstance(page, str):
        page = page_from_text(page)
    if page.article is not None:
        return [_extracted_article(page, page.article)]
    hints = tuple(to_simplified(hint)[0] for hint in page.headline_hints)
    lines = _lines(page.text, frozenset(hints))
    if not lines:
        return []
    starts = _article_starts(lines, hints)
    bounds = list(zip(starts, [*starts[1:], len(lines)]))
    skipped: list[str] = []
    if len(bounds) > 1 and lines[bounds[1][0]].text in hints and _all_headings(lines[: bounds[1][0]]):
        # Short lines above the first HTML headline are site chrome (dates, breadcrumbs), not news.
        skipped = [line.text for line in lines[: bounds[1][0]]]
        bounds = bounds[1:]
    notes = _PageNotes.of(page)
    articles = []
    for index, (first, last) in enumerate(bounds):
        fallback = None
        if index == 0 and hints and not any(line.text in hints for line in lines):
            # A JSONL title or HTML <title> that is not in the text itself names the first article.
            fallback = (hints[0], page.headline_hints[0])
        article = _article(page, lines[first:last], index, fallback, notes)
        if index == 0 and skipped:
            note = Note("text-above-headline-dropped",
                        f'left out text above the first headline: "{" / ".join(skipped)[:80]}"',
                        lines[0].start, lines[bounds[0][0] - 1].end)
            article = replace(article, notes=(note, *article.notes))
        articles.append(article)
    return drop_repeats(articles)


def _all_headings(lines: Sequence[_Line]) -> bool:
    return all(line.kind == "heading" for line in lines)


def _lines(text: str, hints: frozenset[str] = frozenset()) -> list[_Line]:
    """The page's lines, each a byline, a heading or body; a line the markup or layout named a headline
    (a hint) is a heading even with a comma in it ("湖区治理,我们做对了什么")."""
    lines: list[_Line] = []
    previous_end = 0
    for match in LINE_RE.finditer(text):
        raw = match.group()
        stripped = raw.strip()
        if not stripped:
            continue
        start = match.start() + (len(raw) - len(raw.lstrip()))
        end = start + len(stripped)
        if stripped in hints and is_headline_candidate(stripped):
            kind = "heading"
        elif is_byline_line(stripped):
            kind = "byline"
        elif is_heading_line(stripped):
            kind = "heading"
        else:
            kind = "body"
        lines.append(_Line(start, end, stripped, kind, text.count("\n", previous_end, start)))
        previous_end = end
    return lines


def _article_starts(lines: Sequence[_Line], hints: Sequence[str]) -> list[int]:
    """Indexes of the lines that open an article."""
    hint_set = set(hints)
    hinted = {i for i, line in enumerate(lines) if line.text in hint_set}
    starts = {0, *hinted}
    bylines = [i for i, line in enumerate(lines) if line.kind == "byline"]
    for index in bylines:
        if _closing_credit(lines, index, hinted):
            continue
        # The article opens at the run of headings just above its byline, a named headline at the most.
        while index > 0 and lines[index - 1].kind == "heading" and index not in hinted:
            index -= 1
        starts.add(index)
    if not bylines and len(lines) > 1:
        # No bylines: articles are told apart by blank lines wider than those between paragraphs.
        gaps = [line.gap for line in lines[1:]]
        narrowest = min(gaps)
        starts.update(i for i, line in enumerate(lines) if i and line.gap > narrowest)
    return _merge_heading_only(lines, sorted(starts), hinted)


def _closing_credit(lines: Sequence[_Line], index: int, hinted: set[int]) -> bool:
    """A line that is only a byline, after prose, and followed by nothing but the next article (headings
    up to a named headline or another byline): the article's closing credit ("(本报记者王五参与采写)"), not
    the opening of another article."""
    if index == 0 or lines[index - 1].kind != "body" or index in hinted:
        return False
    if len(_byline_text(lines[index].text)) < len(lines[index].text):
        return False  # the byline opens prose on its line: 本报讯(记者 乙)第二篇……
    after = index + 1
    while after < len(lines) and after not in hinted and lines[after].kind == "heading":
        after += 1
    return after == len(lines) or after in hinted or lines[after].kind == "byline"


def _merge_heading_only(lines: Sequence[_Line], starts: list[int], fixed: set[int]) -> list[int]:
    """Join a segment of headings alone to the article after it (or, at the end, before it).

    Starts in `fixed` (lines named by an HTML heading or a JSONL title) always open an article.
    """
    merged: list[int] = []
    for start in starts:
        if start not in fixed and merged and _all_headings(lines[merged[-1] : start]):
            continue
        merged.append(start)
    if len(merged) > 1 and _all_headings(lines[merged[-1] :]):
        merged.pop()
    return merged


def _article(
    page: Page,
    lines: Sequence[_Line],
    index: int,
    fallback_headline: tuple[str, str] | None,
    notes: _PageNotes,
) -> Article:
    count = 0
    while count < len(lines) and lines[count].kind == "heading":
        count += 1
    if count == len(lines):
        count = 0  # only headings: this is text without a headline, not a headline without text
    headings, rest = lines[:count], list(lines[count:])
    headline = headings[0].text if headings else None
    original = None
    if headings and page.original is not None:
        original = page.original[headings[0].start : headings[0].end]
    elif not headings and fallback_headline is not None:
        headline, written = fallback_headline
        original = written if written != headline else None
    subheadline = " ".join(line.text for line in headings[1:]) or None
    byline: str | None = None
    paragraphs: list[Paragraph] = []
    if rest and rest[0].kind == "byline":
        paragraphs.extend(_split_byline(page.text, rest[0]))
        byline = page.text[rest[0].start : rest[0].start + len(_byline_text(rest[0].text))]
        rest = rest[1:]
    # A heading with prose after it is a sub-heading; closing heading-like lines ("(完)") are body.
    last_prose = max((i for i, line in enumerate(rest) if line.kind != "heading"), default=-1)
    for position, line in enumerate(rest):
        kind = "subheading" if line.kind == "heading" and position < last_prose else "body"
        paragraphs.append(Paragraph(line.text, line.start, line.end, kind))
    return _assembled(page, notes, index, (headline, subheadline, original), byline, paragraphs,
                      (lines[0].start, lines[-1].end), author=reporters(byline))


def _assembled(
    page: Page,
    notes: _PageNotes,
    index: int,
    headlines: tuple[str | None, str | None, str | None],  # headline, subheadline, original headline
    byline: str | None,
    paragraphs: list[Paragraph],
    span: tuple[int, int],
    *,
    author: str | None,
    date: str | None = None,
) -> Article:
    """An Article with the page's source, record id and the notes that fall inside `span`."""
    start, end = span
    headline, subheadline, original = headlines
    return Article(
        index=index, headline=headline, subheadline=subheadline, byline=byline, paragraphs=tuple(paragraphs),
        start=start, end=end, source=page.source, record_id=page.record_id, headline_original=original,
        notes=(*notes.within(start, end), *_stray_latin(page.text, start, end)), author=author, date=date,
        url=page.url,
    )


def _extracted_article(page: Page, extracted: ExtractedArticle) -> Article:
    """The one article a reader found, its paragraphs classified by the same line rules as a split page.

    The headline is the reader's (the page title without the site name); a paragraph repeating it is
    dropped, and a byline among the first paragraphs is the article's byline.
    """
    hint = page.headline_hints[0] if page.headline_hints else None
    headline = to_simplified(hint)[0] if hint else None
    lines = []
    for start, end in extracted.spans:
        text = page.text[start:end]
        if headline is not None and "".join(text.split()) == "".join(headline.split()):
            continue
        kind = "byline" if is_byline_line(text) else "heading" if is_heading_line(text) else "body"
        lines.append(_Line(start, end, text, kind, 1))
    byline: str | None = None
    paragraphs: list[Paragraph] = []
    last_prose = max((i for i, line in enumerate(lines) if line.kind != "heading"), default=-1)
    for position, line in enumerate(lines):
        if line.kind == "byline" and byline is None and position < MAX_BYLINE_POSITION:
            byline = page.text[line.start : line.start + len(_byline_text(line.text))]
            paragraphs.extend(_split_byline(page.text, line))
            continue
        kind = "subheading" if line.kind == "heading" and position < last_prose else "body"
        paragraphs.append(Paragraph(line.text, line.start, line.end, kind))
    span = (extracted.spans[0][0], extracted.spans[-1][1])
    original = hint if hint != headline else None
    return _assembled(page, _PageNotes.of(page), 0, (headline, None, original), byline, paragraphs, span,
                      author=extracted.author or reporters(byline), date=extracted.date)


def _byline_text(line: str) -> str:
    match = byline_match(line)
    return match.group().rstrip() if match else line


def _split_byline(text: str, line: _Line) -> list[Paragraph]:
    """The dateline and prose after a byline on its line ("12月24日,省委书记...") as a body paragraph."""
    byline = _byline_text(line.text)
    start = line.start + len(byline)
    while start < line.end and text[start].isspace():
        start += 1
    if start >= line.end:
        return []
    return [Paragraph(text[start : line.end], start, line.end, "body")]


@dataclass(frozen=True)
class _PageNotes:
    """A page's notes, sorted once so each article finds its own by bisection."""

    general: tuple[Note, ...]  # page-wide: they concern every article
    offsets: tuple[int, ...]  # sorted start offsets of the placed ones
    placed: tuple[Note, ...]

    @classmethod
    def of(cls, page: Page) -> _PageNotes:
        general = tuple(note for note in page.notes if note.start is None)
        placed = sorted((note for note in page.notes if note.start is not None), key=_start)
        return cls(general, tuple(map(_start, placed)), tuple(placed))

    def within(self, start: int, end: int) -> list[Note]:
        """Page-wide notes, then those that start in [start, end)."""
        first, last = bisect_left(self.offsets, start), bisect_left(self.offsets, end)
        return [*self.general, *self.placed[first:last]]


def _start(note: Note) -> int:
    return note.start or 0


def _stray_latin(text: str, start: int, end: int) -> list[Note]:
    notes = []
    for match in _STRAY_LATIN_RE.finditer(text, start, end):
        context = " ".join(text[max(start, match.start() - 6) : min(end, match.end() + 6)].split())
        message = (f'stray Latin text "{match.group(1)}" inside Chinese, kept as written: "…{context}…" '
                   f"(offset {match.start(1)})")
        notes.append(Note("stray-latin", message, match.start(1), match.end(1)))
    return notes
