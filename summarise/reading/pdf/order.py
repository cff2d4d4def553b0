"""Reading order of a page's text boxes, by recursive cuts.

A page splits into columns at vertical white gaps, and a region that has no vertical gap (a headline
spans its columns) splits into bands at the horizontal gaps next to a box as wide as most of the region.
Each band is then read column by column.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarise.reading.pdf.parse import Box

# A box at least this share of its region's width spans the columns (a headline, a lead).
WIDE_SHARE = 0.6


def reading_order(boxes: Sequence[Box]) -> list[list[Box]]:
    """The boxes in reading order, grouped in bands (a band boundary is a headline's edge)."""
    bands: list[list[Box]] = []
    # An explicit stack instead of recursion: a page of thousands of one-glyph boxes must not reach
    # Python's recursion limit.
    stack: list[tuple[list[Box], bool]] = [(list(boxes), True)]
    while stack:
        region, opens_band = stack.pop()
        if opens_band:
            bands.append([])
        if len(region) <= 1:
            bands[-1].extend(region)
            continue
        columns = _split(region, vertical=True)
        if len(columns) > 1 and _side_by_side(columns):
            stack.extend((part, False) for part in reversed(columns))  # left to right
            continue
        rows = _split(region, vertical=False)
        groups = _band_groups(region, rows) if len(rows) > 1 else [region]
        if len(groups) > 1:
            stack.append(([], True))  # after the last group, what follows opens a band of its own
            stack.extend((group, True) for group in reversed(groups))
            continue
        bands[-1].extend(sorted(region, key=lambda b: (-b.y1, b.x0)))
    return [band for band in bands if band]


def _side_by_side(columns: list[list[Box]]) -> bool:
    """True when each column shares some height with another: columns, not blocks stacked one above the
    other that merely do not overlap sideways (a short left-aligned subheading under a centred byline)."""
    spans = [(min(b.y0 for b in column), max(b.y1 for b in column)) for column in columns]
    return all(
        any(index != other and low < spans[other][1] and spans[other][0] < high for other in range(len(spans)))
        for index, (low, high) in enumerate(spans)
    )


def _band_groups(region: list[Box], rows: list[list[Box]]) -> list[list[Box]]:
    """Rows grouped into bands: cut only where a wide box meets the gap (aligned paragraph gaps of
    neighbouring columns are not band edges)."""
    left = min(b.x0 for b in region)
    width = max(b.x1 for b in region) - left
    wide = [any(b.x1 - b.x0 >= WIDE_SHARE * width for b in row) for row in rows]
    groups: list[list[Box]] = [[]]
    for index, row in enumerate(rows):
        groups[-1].extend(row)
        if index + 1 < len(rows) and (wide[index] or wide[index + 1]):
            groups.append([])
    return groups


def _split(boxes: list[Box], vertical: bool) -> list[list[Box]]:
    """Groups of boxes separated by white gaps: columns left to right, or rows top to bottom."""
    if vertical:
        spans = sorted(((b.x0, b.x1, b) for b in boxes), key=lambda span: span[:2])
    else:
        spans = sorted(((-b.y1, -b.y0, b) for b in boxes), key=lambda span: span[:2])
    groups: list[list[Box]] = []
    reach = float("-inf")
    for low, high, box in spans:
        if low > reach + 0.5:
            groups.append([])
        groups[-1].append(box)
        reach = max(reach, high)
    return groups
