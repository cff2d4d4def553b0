"""Decoded text to a `Page`: line endings, invisible characters, character widths, traditional to
simplified, page-break rejoining, and the check that the text is Chinese at all.

Every transformation either keeps the text's length (width folding, traditional to simplified) or is a
deliberate repair (line endings, page-break rejoins), so `Page.text` is the one string all offsets
index, and `Page.original` lines up with it character for character. Each repair leaves a `Note`.
"""

from __future__ import annotations

import itertools
import operator
import re
from functools import lru_cache

from summarise.errors import EmptyInput, NoChineseText
from summarise.reading.layout import HAN, HAN_RE, LINE_RE, is_byline_line
from summarise.reading.records import replace_surrogates
from summarise.types import Note, Page

_LATIN_LETTER_RE = re.compile(r"[A-Za-z]")
# Below this share of Han characters among letters the text is English (or similar), not Chinese news.
MIN_HAN_SHARE = 0.1
# Japanese writes kana between its kanji; Chinese news has none, bar a stray name or quote.
_KANA_RE = re.compile("[\u3041-\u3096\u30a1-\u30fa]")
MAX_KANA_SHARE = 0.2

# Full-width ASCII variants (！ to ～) fold to ASCII and the ideographic space to a space: the sample page
# already writes "," and "(", so this makes every page consistent with it. 。、“”《》 have no ASCII twin
# and stay. One character in, one character out, so offsets do not move.
_WIDTH_TABLE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDTH_TABLE.update({0x3000: 0x20, 0x00A0: 0x20})
_WIDE_RE = re.compile("[\uff01-\uff5e\u3000\u00a0]")
# Zero-width characters and stray control characters carry nothing a model should see.
_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\x00-\x08\x0e-\x1f\x7f]")
# Every other way of ending a line (a scanner's form feed between pages included) becomes "\n".
_OTHER_LINE_BREAK_RE = re.compile("[\x0b\x0c\x85\u2028\u2029]")

# A line ending in one of these may run on into the next line (a page break cut it); anything else,
# such as 。！？；：” or a closing bracket, is a real paragraph end.
_RUNS_ON_RE = re.compile(f"[{HAN}A-Za-z0-9,、]$")
_INTERNAL_PUNCTUATION_RE = re.compile("[,。;]")


def normalise_width(text: str) -> str:
    """Full-width digits, letters and ASCII punctuation to half-width (０-９ -> 0-9, ％ -> %, ， -> ,)."""
    # str.translate with a table walks every character in Python-level lookups; most pages need none.
    return text.translate(_WIDTH_TABLE) if _WIDE_RE.search(text) else text


@lru_cache(maxsize=1)
def simplified_converter():  # type: ignore[no-untyped-def]
    """The OpenCC traditional-to-simplified converter, built once (it loads dictionaries)."""
    import opencc  # imported lazily: the converter loads its dictionaries on construction

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> tuple[str, int]:
    """Traditional characters to simplified, keeping the length; returns (text, characters changed).

    OpenCC converts phrase by phrase, so text is converted whole (context picks 乾/干, 著/着). When a
    line's length would change, that line is converted clause by clause, and a clause that still
    changes length is kept as written, so offsets stay exact.
    """
    converter = simplified_converter()
    whole = converter.convert(text)
    if whole == text:
        return text, 0
    if len(whole) == len(text) and _line_lengths(whole) == _line_lengths(text):
        return whole, sum(map(operator.ne, text, whole))  # every line kept its length
    pieces: list[str] = []
    for line in text.splitlines(keepends=True):
        converted = converter.convert(line)
        if len(converted) != len(line):
            converted = "".join(_same_length(converter, clause) for clause in re.split(r"(?<=[,。;、:!?])", line))
        pieces.append(converted)
    result = "".join(pieces)
    if result == text:
        return result, 0
    return result, sum(map(operator.ne, text, result))


def _line_lengths(text: str) -> list[int]:
    return [len(line) for line in text.splitlines()]


def _same_length(converter, clause: str) -> str:  # type: ignore[no-untyped-def]
    converted: str = converter.convert(clause)
    return converted if len(converted) == len(clause) else clause



def rejoin_page_breaks(text: str) -> tuple[str, tuple[int, ...]]:
    """Join lines a page break cut mid-sentence ("梳\\n\\n理清楚" -> "梳理清楚").

    Returns the joined text and, for each join, the offset in it of the first character after the cut.
    A line continues into the next when it ends mid-sentence (in a character, a digit or a comma) and
    is prose, not a heading (it holds internal punctuation, or ends in a comma), and the next line is
    prose too (it has punctuation) and is not a byline. Real paragraph breaks end in 。！？；：” or
    similar and stay.
    """
    lines = [m.span() for m in LINE_RE.finditer(text) if m.group().strip()]
    pieces: list[str] = []
    length = 0
    position = 0
    joins: list[int] = []
    for (start, end), (next_start, next_end) in itertools.pairwise(lines):
        line = text[start:end].rstrip()
        following = text[next_start:next_end].strip()
        if (
            _RUNS_ON_RE.search(line)
            and (line[-1] in ",、" or _INTERNAL_PUNCTUATION_RE.search(line[:-1]))
            and _INTERNAL_PUNCTUATION_RE.search(following)
            and not is_byline_line(following)
        ):
            gap_start = start + len(line)
            gap_end = next_start + (len(text[next_start:next_end]) - len(text[next_start:next_end].lstrip()))
            pieces.append(text[position:gap_start])
            length += gap_start - position
            # Latin words on both sides of the cut keep a space between them.
            if line[-1].isascii() and line[-1].isalnum() and following[0].isascii() and following[0].isalnum():
                pieces.append(" ")
                length += 1
            position = gap_end
            joins.append(length)
    pieces.append(text[position:])
    return "".join(pieces), tuple(joins)


def rejoin_note(text: str, offset: int) -> Note:
    """The note for a page-break join at `offset` of `text` (a point: start == end == offset)."""
    left, right = text[max(0, offset - 4) : offset], text[offset : offset + 4]
    message = f'rejoined a line cut mid-sentence by a page break: "{left}|{right}" (offset {offset})'
    return Note("page-break-rejoined", message, offset, offset)


def page_from_text(
    text: str,
    *,
    source: str = "<text>",
    encoding: str = "utf-8",
    format: str = "text",
    headline_hints: tuple[str, ...] | list[str] = (),
    record_id: str | None = None,
    rejoin: bool = True,
) -> Page:
    """A normalised Page from decoded text, or a typed InputError when it is not Chinese text.

    Normalises line endings and character widths, converts traditional characters to simplified
    (keeping the original in `Page.original`) and rejoins lines split by page breaks (unless `rejoin` is
    False: a PDF's lines were joined by their layout, which knows a paragraph's indent).
    """
    if not text:
        raise EmptyInput(f"{source}: empty input, nothing to brief")
    # Lone surrogates (a JSON "\\ud800", a str built by a caller) cannot be converted or written as
    # UTF-8: each becomes U+FFFD, one for one so offsets hold, and the brief says so.
    text, surrogates = replace_surrogates(text)
    headline_hints = [replace_surrogates(h)[0] for h in headline_hints if h]
    text = _OTHER_LINE_BREAK_RE.sub("\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = normalise_width(_INVISIBLE_RE.sub("", text))
    if not text.strip():
        raise EmptyInput(f"{source}: only whitespace, no text to brief")
    _require_chinese(text, source)
    text, joins = rejoin_page_breaks(text) if rejoin else (text, ())
    simplified, changed = to_simplified(text)
    notes = [rejoin_note(simplified, offset) for offset in joins]
    if surrogates:
        notes.append(Note("surrogate-replaced",
                          f"replaced {surrogates} lone surrogate(s) (broken UTF-16 halves) with U+FFFD"))
    original: str | None = None
    if changed:
        original = text
        notes.append(Note("traditional-converted",
                          f"converted {changed} traditional character(s) to simplified for the models"))
    # Hints stay as written (traditional included); split_articles converts them when it uses them.
    hints = tuple(normalise_width(_INVISIBLE_RE.sub("", h)).strip() for h in headline_hints if h and h.strip())
    return Page(
        text=simplified, source=source, encoding=encoding, format=format, original=original,
        headline_hints=hints, record_id=record_id, notes=tuple(notes),
    )


def _require_chinese(text: str, source: str) -> None:
    # Counted by deletion, not findall: a list of one-character strings costs ~75 bytes a character.
    han = len(text) - len(HAN_RE.sub("", text))
    if han == 0:
        raise NoChineseText(
            f"{source}: no Chinese text found; summarise briefs Chinese news only and will not feed "
            f"other languages to its Chinese models"
        )
    latin = len(text) - len(_LATIN_LETTER_RE.sub("", text))
    if han / (han + latin) < MIN_HAN_SHARE:
        raise NoChineseText(
            f"{source}: almost no Chinese text ({han} Chinese characters among {latin} Latin letters); "
            f"summarise briefs Chinese news only"
        )
    kana = len(text) - len(_KANA_RE.sub("", text))
    if kana > MAX_KANA_SHARE * han:
        raise NoChineseText(
            f"{source}: this looks like Japanese ({kana} kana among {han} kanji), not Chinese; "
            f"summarise briefs Chinese news only"
        )

