"""What on a PDF's pages is not news: running headers and footers, and table-of-contents pages.

- A running line sits in the top or bottom tenth of its page and is a page number ("第 15 页", "- 3 -")
  or repeats, digits aside, on at least half the pages (three at least): the paper's name and date, a
  footer.
- A table-of-contents page is mostly numbered entries ("1. 标题…", "12、…") counting up, or
  entries with dot leaders and a page number ("标题 …… 5"). Its titles are kept: they are the headlines
  of the articles that follow, when the type does not show them.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from summarise.reading.layout import is_page_number
from summarise.reading.normalise import normalise_width
from summarise.reading.pdf.parse import Line, PageLayout

MARGIN_SHARE = 0.1
REPEAT_SHARE = 0.5
MIN_REPEAT_PAGES = 3
MIN_CONTENTS_ENTRIES = 3
CONTENTS_SHARE = 0.6
COUNTING_SHARE = 0.8

_NUMBERED_RE = re.compile(r"\s*(\d{1,3})\s*[.、．]\s*(\S.*?)\s*")
_LEADER_RE = re.compile(r"\s*(\S.*?)\s*(?:[.…·．]\s*){3,}\s*\d{1,4}\s*")
_DIGITS_RE = re.compile(r"\d+")
_SENTENCE_ENDS = ("。", "!", "?", ";")


@dataclass(frozen=True)
class Furniture:
    """The lines to leave out (page index, line index on that page) and what the contents pages list."""

    running: frozenset[tuple[int, int]]
    contents_pages: tuple[int, ...]  # indexes into the page list
    contents_titles: tuple[str, ...]


def find_furniture(pages: Sequence[PageLayout], lines: Sequence[Sequence[Line]]) -> Furniture:
    """The running lines and contents pages of a document; `lines[i]` are page i's lines in reading order."""
    running = _running_lines(pages, lines)
    contents_pages: list[int] = []
    titles: list[str] = []
    for index, page_lines in enumerate(lines):
        kept = [line for number, line in enumerate(page_lines) if (index, number) not in running]
        entries = _contents_entries(kept)
        if entries is not None:
            contents_pages.append(index)
            titles.extend(entries)
    return Furniture(frozenset(running), tuple(contents_pages), tuple(titles))


def _zone(page: PageLayout, line: Line) -> str | None:
    middle = (line.y0 + line.y1) / 2
    if middle >= page.height * (1 - MARGIN_SHARE):
        return "top"
    if middle <= page.height * MARGIN_SHARE:
        return "bottom"
    return None


def _running_lines(pages: Sequence[PageLayout], lines: Sequence[Sequence[Line]]) -> set[tuple[int, int]]:
    candidates: list[tuple[int, int, str]] = []  # page, line, key
    pages_with: Counter[str] = Counter()
    for index, (page, page_lines) in enumerate(zip(pages, lines)):
        keys = set()
        for number, line in enumerate(page_lines):
            zone = _zone(page, line)
            if zone is None:
                continue
            key = zone + _DIGITS_RE.sub("#", "".join(normalise_width(line.text).split()))
            candidates.append((index, number, key))
            keys.add(key)
        pages_with.update(keys)
    needed = max(MIN_REPEAT_PAGES, REPEAT_SHARE * len(pages))
    running = set()
    for index, number, key in candidates:
        text = lines[index][number].text
        if is_page_number(normalise_width(text)) or pages_with[key] >= needed:
            running.add((index, number))
    return running


def _contents_entries(lines: Sequence[Line]) -> list[str] | None:
    """The titles a contents page lists, or None when the page is not one."""
    numbers: list[int] = []
    titles: list[str] = []
    for line in lines:
        text = normalise_width(line.text).strip()
        numbered = _NUMBERED_RE.fullmatch(text)
        if numbered:
            numbers.append(int(numbered.group(1)))
            title = numbered.group(2)
            leader = _LEADER_RE.fullmatch(title)
            titles.append(leader.group(1) if leader else title)
            continue
        leader = _LEADER_RE.fullmatch(text)
        if leader:
            titles.append(leader.group(1))
    if len(titles) < MIN_CONTENTS_ENTRIES or len(titles) < CONTENTS_SHARE * len(lines):
        return None
    if sum(1 for title in titles if title.endswith(_SENTENCE_ENDS)) > (1 - COUNTING_SHARE) * len(titles):
        return None  # numbered sentences: a list inside an article
    if len(numbers) > 1:
        counting = sum(1 for a, b in itertools.pairwise(numbers) if b == a + 1)
        if counting < COUNTING_SHARE * (len(numbers) - 1):
            return None  # numbers that do not count up: not a table of contents
    return titles
