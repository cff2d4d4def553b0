"""A PDF's lines, in reading order and without furniture, to text: paragraphs on their own lines and the
headlines the type shows.

- A headline is a block of lines set in display type (half as large again as the body text, or more),
  joined into one line: "青海省推进生态文明高地建设取得新进" + "展" is one headline. A block of lines that
  together spell a table-of-contents title is a headline too. Headlines become the page's headline hints,
  so the article splitter opens an article at each.
- Body lines join into one paragraph, across a column or page break included, unless the new line is
  indented against its column, set in another type size, or the line before ended short of the column's
  edge: a Chinese line break inside a word ("致电王小" / "明") is not a paragraph break.
- A production credit (本版责编:…) on a line of its own is left out.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from summarise.reading.layout import is_credit_line, is_headline_candidate
from summarise.reading.normalise import normalise_width
from summarise.reading.pdf.parse import Line

# Type at least this many times the body size is display type: a headline.
DISPLAY_RATIO = 1.5
# Lines whose sizes differ by more than this share are set in different type: a new paragraph.
RESIZE_SHARE = 0.2
# A line starting further right than this many character heights from its column's edge is indented.
INDENT_CHARS = 0.8
# A line ending this many character heights short of its column's edge ends its paragraph when it ends
# a sentence; one filling less than PART_SHARE of its column ends it whatever its last character.
SHORT_CHARS = 1.0
PART_SHARE = 0.6
# A line inset this many characters from both sides of the page's text, its middle within this share of a
# character of the page's middle, is set centred.
CENTRED_INSET_CHARS = 2.0
CENTRED_SLACK = 0.25
# A white gap this many line heights tall between two lines on a page is a break between stories.
GAP_LINES = 2.0
# Lines at one right edge (this many, and this share of the column) make it the column's justified edge.
MIN_EDGE_LINES = 3
EDGE_SHARE = 0.25
_SENTENCE_END = tuple("。！？!?”」』)）:：;；…")


@dataclass(frozen=True)
class FlowLine:
    """A line in the document's reading order with the page it is on and its column's edges."""

    page: int
    line: Line
    left: float
    right: float
    centred: bool = False  # set in the middle of its page, well inside its text on both sides


@dataclass
class PdfText:
    """What the reader makes of a PDF: its text, the headlines found by layout, and what was left out."""

    text: str
    headline_hints: tuple[str, ...]
    left_out: dict[str, int] = field(default_factory=dict)  # what was left out -> how many
    maps_used: tuple[tuple[str, bool | None], ...] = ()  # pdfminer's predefined character maps it loaded


def body_size(lines: Sequence[FlowLine]) -> float:
    """The type size most of the text is set in (by characters)."""
    sizes: Counter[float] = Counter()
    for flow in lines:
        sizes[round(flow.line.size * 2) / 2] += len(flow.line.text.strip())
    return sizes.most_common(1)[0][0] if sizes else 0.0


def column_edges(lines: Sequence[Line], page: int, page_width: float) -> list[FlowLine]:
    """One page's lines, in order, each with the left and right edges of its column.

    A column is a run of lines of one type size whose horizontal spans overlap, side by side with the
    next across a white gutter; measuring against it (not against pdfminer's box, often one line) is
    what shows an indent. The right edge is the one most lines end at (the justified edge: hanging
    punctuation reaches past it, a paragraph's last line stops short), or the furthest end where no
    edge is shared (ragged text).
    """
    columns: dict[int, tuple[float, float]] = {}  # line index -> edges
    by_size: dict[int, list[int]] = {}
    for index, line in enumerate(lines):
        by_size.setdefault(round(line.size), []).append(index)
    for members in by_size.values():
        members.sort(key=lambda i: lines[i].x0)
        group: list[int] = []
        reach = float("-inf")
        for index in members:
            if group and lines[index].x0 > reach:
                columns.update(dict.fromkeys(group, _edges([lines[i] for i in group])))
                group = []
            group.append(index)
            reach = max(reach, lines[index].x1)
        columns.update(dict.fromkeys(group, _edges([lines[i] for i in group])))
    flows = []
    area = (min((line.x0 for line in lines), default=0.0), max((line.x1 for line in lines), default=0.0))
    for index, line in enumerate(lines):
        flows.append(FlowLine(page, line, *columns[index], _centred(line, area, page_width)))
    return flows


def _centred(line: Line, area: tuple[float, float], page_width: float) -> bool:
    """Set centred on the page (a byline under a headline), well inside the page's text on both sides."""
    inset = min(line.x0 - area[0], area[1] - line.x1) > CENTRED_INSET_CHARS * line.size
    return inset and abs((line.x0 + line.x1) / 2 - page_width / 2) <= CENTRED_SLACK * line.size


def _edges(column: Sequence[Line]) -> tuple[float, float]:
    ends = Counter(round(line.x1) for line in column)
    edge, count = ends.most_common(1)[0]
    shared = count >= MIN_EDGE_LINES and count >= EDGE_SHARE * len(column)
    return min(line.x0 for line in column), float(edge) if shared else max(line.x1 for line in column)


def assemble(lines: Sequence[FlowLine], contents_titles: Sequence[str] = ()) -> PdfText:
    """The text of `lines` (the whole document, in reading order) and its headlines."""
    size = body_size(lines)
    titles = _Titles(contents_titles)
    paragraphs: list[str] = []  # "" marks a blank line
    hints: list[str] = []
    credits = 0
    previous: FlowLine | None = None
    open_paragraph = after_headline = False
    index = 0
    while index < len(lines):
        current = lines[index]
        block_end = _headline_block(lines, index, size, titles)
        if block_end > index:
            headline = _headline_text(lines[index:block_end])
            if is_credit_line(headline):
                credits += 1
            else:
                if paragraphs and paragraphs[-1]:
                    paragraphs.append("")
                # A second block straight after a headline is its subheadline, not a new article.
                if is_headline_candidate(headline) and not after_headline:
                    hints.append(headline)
                paragraphs.append(headline)
                after_headline = True
            previous, open_paragraph = lines[block_end - 1], False
            index = block_end
            continue
        after_headline = False
        index += 1
        raw = current.line.text
        text = raw.strip()
        if is_credit_line(text) and not _ends_sentence(text):
            credits += 1
            continue
        if previous is not None and open_paragraph and _continues(previous, current, raw):
            paragraphs[-1] = _join(paragraphs[-1], text)
        else:
            if previous is not None and paragraphs and _white_gap(previous, current):
                paragraphs.append("")
            paragraphs.append(text)
        open_paragraph = _runs_on(current, text)
        previous = current
    while paragraphs and not paragraphs[0]:
        paragraphs.pop(0)
    return PdfText("\n".join(paragraphs), tuple(hints), {"credit line": credits} if credits else {})


class _Titles:
    """Table-of-contents titles, compared without white space, and every prefix of them."""

    def __init__(self, titles: Sequence[str]) -> None:
        self.whole = {_squeezed(title) for title in titles if title.strip()}
        self.prefixes = {title[:end] for title in self.whole for end in range(1, len(title) + 1)}


def _squeezed(text: str) -> str:
    return "".join(normalise_width(text).split())


def _is_display(flow: FlowLine, size: float) -> bool:
    return size > 0 and flow.line.size >= DISPLAY_RATIO * size


def _headline_block(lines: Sequence[FlowLine], start: int, size: float, titles: _Titles) -> int:
    """The end of the headline block starting at `start`, or `start` when none starts there."""
    first = lines[start]
    if _is_display(first, size):
        end = start + 1
        while end < len(lines) and _same_block(lines[end - 1], lines[end]) and _is_display(lines[end], size):
            end += 1
        return end
    # Lines in body type that spell a table-of-contents title, whole.
    spelled = ""
    end = start
    while end < len(lines) and end - start < 4 and (end == start or _same_block(lines[end - 1], lines[end])):
        spelled += _squeezed(lines[end].line.text)
        end += 1
        if spelled in titles.whole:
            return end
        if spelled not in titles.prefixes:
            break
    return start


def _same_block(previous: FlowLine, current: FlowLine) -> bool:
    a, b = previous.line, current.line
    return (
        previous.page == current.page
        and abs(a.size - b.size) <= RESIZE_SHARE * max(a.size, b.size)
        and 0 <= a.y0 - b.y1 <= max(a.size, b.size)
    )


def _headline_text(block: Sequence[FlowLine]) -> str:
    """One line of a headline block: a line that fills the block's width runs on into the next; one that
    stops short ends a part of the headline, kept apart by a space."""
    right = max(flow.line.x1 for flow in block)
    text = block[0].line.text.strip()
    for previous, flow in itertools.pairwise(block):
        full = right - previous.line.x1 <= 1.5 * previous.line.size
        following = flow.line.text.strip()
        text = _join(text, following) if full else f"{text} {following}"
    return text


def _continues(previous: FlowLine, current: FlowLine, raw: str) -> bool:
    a, b = previous.line, current.line
    if abs(a.size - b.size) > RESIZE_SHARE * max(a.size, b.size):
        return False
    # An indent is white space on the page or leading (ideographic) spaces in the text.
    indented = b.x0 - current.left > INDENT_CHARS * b.size or raw != raw.lstrip()
    return not indented


def _runs_on(flow: FlowLine, text: str) -> bool:
    """Whether a paragraph may go on after this line: it reaches its column's edge, or ends mid-sentence
    a little short of it (ragged text), starting at the column's left edge."""
    if flow.centred:
        return False  # a byline or a caption set centred stands alone
    size = max(flow.line.size, 1.0)
    short = (flow.right - flow.line.x1) / size > SHORT_CHARS
    if not short:
        return True
    width = flow.right - flow.left
    if width > 0 and flow.line.x1 - flow.left < PART_SHARE * width:
        return False  # filling little of its column: it ends here
    return not _ends_sentence(text)


def _ends_sentence(text: str) -> bool:
    return text.endswith(_SENTENCE_END)


def _white_gap(previous: FlowLine, current: FlowLine) -> bool:
    if previous.page != current.page:
        return False
    gap = previous.line.y0 - current.line.y1
    return gap > GAP_LINES * max(previous.line.size, current.line.size)


def _join(left: str, right: str) -> str:
    # Latin words cut at a line end keep a space; Chinese, digits and punctuation join directly.
    if left and right and left[-1].isascii() and left[-1].isalpha() and right[0].isascii() and right[0].isalpha():
        return f"{left} {right}"
    return left + right

