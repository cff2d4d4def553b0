"""Bytes and files to `Page`s: encoding detection, HTML stripping, width and script normalisation,
page-break rejoining, and typed errors for everything that is not Chinese news text.

Every transformation after decoding either keeps the text's length (width folding, traditional to
simplified) or is a deliberate repair (line endings, page-break rejoins), so `Page.text` is the one
string all offsets index, and `Page.original` lines up with it character for character.
"""

from __future__ import annotations

import errno
import io
import itertools
import json
import operator
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO

from summarise.config import DEFAULT_MAX_INPUT_BYTES
from summarise.errors import (
    BinaryInput,
    EmptyInput,
    InputError,
    InputTooLarge,
    NoChineseText,
    NotAFile,
    PathNotFound,
    UndecodableInput,
)
from summarise.layout import HAN, HAN_RE, is_byline_line
from summarise.records import BadRecord, parse_record, replace_surrogates
from summarise.types import Page

DEFAULT_MAX_BYTES = DEFAULT_MAX_INPUT_BYTES

SUPPORTED_ENCODINGS = "UTF-8, UTF-16, GB18030/GBK or Big5"

_HAN_RE = HAN_RE
_LATIN_LETTER_RE = re.compile(r"[A-Za-z]")

# Below this share of Han characters among letters the text is English (or similar), not Chinese news.
MIN_HAN_SHARE = 0.1
# Japanese writes kana between its kanji; Chinese news has none, bar a stray name or quote.
_KANA_RE = re.compile("[\u3041-\u3096\u30a1-\u30fa]")
MAX_KANA_SHARE = 0.2
# Read in the right encoding, nearly all Han characters of news text are among the 3,755 common ones
# (GB2312 level 1); read in the wrong one, under a fifth are.
MIN_COMMON_HAN_SHARE = 0.5
# Pure-CJK UTF-16 without a BOM or NULs must be mostly common Chinese characters to be believed.
MIN_UTF16_SCORE = 0.4

# File signatures of the binary formats editors most often feed by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"PK\x07\x08", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Microsoft Office document"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"RIFF", "RIFF media file"),
    (b"OggS", "Ogg media file"),
    (b"ID3", "MP3 audio"),
    (b"\x00\x00\x00\x18ftyp", "MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "MP4 video"),
)

# Codecs charset-normalizer may choose from; Python decodes with the superset named on the right.
_CANDIDATES = ("gb18030", "big5")
_SUPERSET = {"gb2312": "gb18030", "gbk": "gb18030", "big5": "cp950"}
_DECLARED = {**_SUPERSET, "gb18030": "gb18030", "cp950": "cp950", "x_gbk": "gb18030", "big5_hkscs": "big5hkscs"}
_DISPLAY = {"gb18030": "gb18030", "cp950": "big5", "utf_16_le": "utf-16-le", "utf_16_be": "utf-16-be"}

# Full-width ASCII variants (！ to ～) fold to ASCII and the ideographic space to a space: the sample page
# already writes "," and "(", so this makes every page consistent with it. 。、“”《》 have no ASCII twin
# and stay. One character in, one character out, so offsets do not move.
_WIDTH_TABLE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDTH_TABLE.update({0x3000: 0x20, 0x00A0: 0x20})
_WIDE_RE = re.compile("[\uff01-\uff5e\u3000\u00a0]")
# Zero-width characters and stray control characters carry nothing a model should see.
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")  # not \t \n \v \f \r or ESC
_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\x00-\x08\x0e-\x1f\x7f]")
# Every other way of ending a line (a scanner's form feed between pages included) becomes "\n".
_OTHER_LINE_BREAK_RE = re.compile("[\x0b\x0c\x85\u2028\u2029]")

# A line ending in one of these may run on into the next line (a page break cut it); anything else,
# such as 。！？；：” or a closing bracket, is a real paragraph end.
_RUNS_ON_RE = re.compile(f"[{HAN}A-Za-z0-9,、]$")
_INTERNAL_PUNCTUATION_RE = re.compile("[,。;]")
_LINE_RE = re.compile(r"[^\n]+")
_HTML_START_RE = re.compile(
    r"\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<!--|<(?:p|div|h[1-6]|article)[\s>])",
    re.IGNORECASE,
)
_META_CHARSET_RE = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_\-]{2,20})""", re.IGNORECASE)
_JSONL_SUFFIXES = (".jsonl", ".ndjson")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")


# -- bytes to text ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DecodedText:
    """Text decoded from bytes, with the encoding it was read in."""

    text: str
    encoding: str


def decode_text(data: bytes, *, source: str = "<bytes>", max_bytes: int = DEFAULT_MAX_BYTES) -> DecodedText:
    """Decode bytes in a supported encoding, or raise the typed InputError that says why not."""
    if len(data) > max_bytes:
        raise InputTooLarge(_too_large(source, len(data), max_bytes))
    if not data:
        raise EmptyInput(f"{source}: empty input, nothing to brief")
    for bom, codec, name in (
        (b"\xef\xbb\xbf", "utf-8-sig", "utf-8-sig"),
        (b"\xff\xfe", "utf-16", "utf-16"),
        (b"\xfe\xff", "utf-16", "utf-16"),
    ):
        if data.startswith(bom):
            return DecodedText(_strict(data, codec, source), name)
    kind = binary_kind(data)
    if kind:
        raise BinaryInput(f"{source}: binary file ({kind}), not text")
    if b"\x00" in data:
        decoded = _utf16_without_bom(data)
        if decoded is None:
            raise BinaryInput(f"{source}: binary file (holds NUL bytes), not text")
        return decoded
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data" and len(data) - error.start < 4:
            # UTF-8 cut inside its last character (`head -c`, a capped read): keep everything before it.
            return DecodedText(data[: error.start].decode("utf-8"), "utf-8")
    declared = _meta_charset(data)
    if declared:
        try:
            return DecodedText(data.decode(declared), _display_name(declared))
        except (UnicodeDecodeError, LookupError):
            pass  # the page lies about its charset; detect it instead
    return _detected(data, source)


def binary_kind(data: bytes) -> str | None:
    """What binary format `data` is (by its signature), or None when it does not look binary."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data[4:8] == b"ftyp":
        return "MP4/QuickTime media file"
    return None


def _detected(data: bytes, source: str) -> DecodedText:
    import charset_normalizer  # imported here: it is only needed for non-UTF-8 input

    candidates: list[DecodedText] = []
    best = charset_normalizer.from_bytes(data, cp_isolation=list(_CANDIDATES)).best()
    if best is not None:
        # Most Big5 byte pairs are valid GBK too, so on short text the other reading is a real rival:
        # charset-normalizer's pick goes first (it wins ties), then both compete on how common their
        # Chinese characters are.
        picked = _SUPERSET.get(best.encoding, best.encoding)
        for codec in dict.fromkeys((picked, "gb18030", "cp950")):
            try:
                candidates.append(DecodedText(data.decode(codec), _display_name(codec)))
            except (UnicodeDecodeError, LookupError):
                continue
    # UTF-16 without a BOM is not offered to charset-normalizer: short GBK or Big5 text also "decodes"
    # as UTF-16 (into Hangul). Pure-CJK UTF-16 has no NUL bytes to give it away, so it competes here
    # on how common its Chinese characters are.
    utf16 = _utf16_without_bom(data)
    if utf16 is not None and _Reading.of(utf16.text).score >= MIN_UTF16_SCORE:
        candidates.append(utf16)
    readings = [(candidate, _Reading.of(candidate.text)) for candidate in candidates]
    readings = [(candidate, reading) for candidate, reading in readings if not reading.is_mojibake]
    if not readings:
        raise UndecodableInput(f"{source}: not text in {SUPPORTED_ENCODINGS}")
    decoded, _ = max(readings, key=lambda pair: pair[1].score)  # the first wins ties
    if _control_share(decoded.text) > 0.05:
        raise BinaryInput(f"{source}: binary data (mostly control characters), not text")
    return decoded


@dataclass(frozen=True)
class _Reading:
    """How Chinese a decoding looks, from its first 2,000 visible characters."""

    visible: int
    han: int
    common: int  # Han characters that are common (GB2312 level 1, after t2s)

    @classmethod
    def of(cls, text: str) -> _Reading:
        sample = "".join(text[:2000].split())
        han = common = 0
        for char in _t2s().convert(sample):
            if not _HAN_RE.match(char):
                continue
            han += 1
            try:
                encoded = char.encode("gb2312")
            except UnicodeEncodeError:
                continue
            common += 0xB0 <= encoded[0] <= 0xD7
        return cls(len(sample), han, common)

    @property
    def score(self) -> float:
        """Share of visible characters that are common Chinese ones: well above half for news text."""
        return self.common / self.visible if self.visible else 0.0

    @property
    def is_mojibake(self) -> bool:
        """True when most Han characters are rare ones, as in bytes read in the wrong encoding."""
        return self.han > 0 and self.common < MIN_COMMON_HAN_SHARE * self.han


def _plausibility(text: str) -> float:
    return _Reading.of(text).score


def _strict(data: bytes, codec: str, source: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        raise UndecodableInput(
            f"{source}: bytes at offset {error.start} are not valid {_display_name(codec)} "
            f"(expected {SUPPORTED_ENCODINGS} text)"
        ) from None


def _utf16_without_bom(data: bytes) -> DecodedText | None:
    """UTF-16 text without a byte-order mark, read in whichever byte order gives Chinese text."""
    if len(data) % 2:
        return None
    readings = []
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and _control_share(text) < 0.01 and _HAN_RE.search(text):
            readings.append(DecodedText(text, codec))
    return max(readings, key=lambda reading: _plausibility(reading.text), default=None)


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    return (len(text) - len(_CONTROL_RE.sub("", text))) / len(text)


def _meta_charset(data: bytes) -> str | None:
    """The codec an HTML page declares, when it is one of the Chinese ones this tool reads.

    Other declarations (often a wrong "iso-8859-1", which decodes any bytes) are left to detection.
    """
    match = _META_CHARSET_RE.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii").lower().replace("-", "_")
    return _DECLARED.get(name)


def _display_name(codec: str) -> str:
    name = codec.lower().replace("-", "_")
    return _DISPLAY.get(name, codec.lower().replace("_", "-"))


def _too_large(source: str, size: int, limit: int) -> str:
    return (
        f"{source}: {size:,} bytes is over the input limit of {limit:,} bytes "
        f"(raise it with SUMMARISE_MAX_BYTES)"
    )


# -- HTML --------------------------------------------------------------------------------------------


def looks_like_html(text: str, source: str = "") -> bool:
    """True for markup: an .html source, or text that opens with an HTML tag or doctype."""
    return source.lower().endswith(_HTML_SUFFIXES) or bool(_HTML_START_RE.match(text[:2048]))


@dataclass(frozen=True)
class HtmlText:
    """The readable text of an HTML page, one block per paragraph, and its headline candidates.

    This text is what an HTML Page's offsets index; the article reader maps its paragraphs onto it.
    """

    text: str
    headings: tuple[str, ...]
    title: str = ""  # the page's <title>, site name and all


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
# Source line breaks inside a Chinese paragraph are wrapping, not spaces: drop them between CJK characters.
_CJK_WRAP_RE = re.compile(
    f"(?<=[{HAN}\u3000-\u303f\uff00-\uffef0-9])[ \t]*\n\\s*(?=[{HAN}\u3000-\u303f\uff00-\uffef0-9])"
)
_BREAK = "\u2028"  # stands for <br> until the block is flushed
_SPACES_RE = re.compile(r"[ \t\r\f\v\n]+")


class _TextExtractor(HTMLParser):
    """Collects text blocks, dropping scripts and styles; remembers <h1>, <h2> and <title> texts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.h1: list[str] = []
        self.h2: list[str] = []
        self.title: list[str] = []
        self._current: list[str] = []
        self._skipped: list[str] = []  # the dropped elements we are inside, innermost last
        self._heading: str | None = None
        self._in_title = False
        self._title_done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
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

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._current.append(_BREAK)
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._title_done = self._title_done or self._in_title
            self._in_title = False
        if tag in _DROPPED_TAGS:
            if tag in self._skipped:
                del self._skipped[len(self._skipped) - 1 - self._skipped[::-1].index(tag) :]
            return
        if tag in _BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)  # a headline candidate, not page text
            return
        if self._skipped:
            return
        self._current.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def _flush(self) -> None:
        raw = "".join(self._current)
        self._current = []
        heading, self._heading = self._heading, None
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
    neither offers its <title>.
    """
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    title = _SPACES_RE.sub(" ", "".join(parser.title)).strip()
    headings = tuple(parser.h1) or tuple(parser.h2) or ((title,) if title else ())
    return HtmlText("\n\n".join(parser.blocks), headings, title)


# -- text to Page ------------------------------------------------------------------------------------


def normalise_width(text: str) -> str:
    """Full-width digits, letters and ASCII punctuation to half-width (０-９ -> 0-9, ％ -> %, ， -> ,)."""
    # str.translate with a table walks every character in Python-level lookups; most pages need none.
    return text.translate(_WIDTH_TABLE) if _WIDE_RE.search(text) else text


@lru_cache(maxsize=1)
def _t2s():  # type: ignore[no-untyped-def]
    import opencc  # imported lazily: the converter loads its dictionaries on construction

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> tuple[str, int]:
    """Traditional characters to simplified, keeping the length; returns (text, characters changed).

    OpenCC converts phrase by phrase, so text is converted whole (context picks 乾/干, 著/着). When a
    line's length would change, that line is converted clause by clause, and a clause that still
    changes length is kept as written, so offsets stay exact.
    """
    converter = _t2s()
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
    lines = [m.span() for m in _LINE_RE.finditer(text) if m.group().strip()]
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


_OFFSET_NOTE_RE = re.compile(r"\(offset (\d+)\)$")


def rejoin_warning(text: str, offset: int) -> str:
    """The warning for a page-break join at `offset` of `text`; it ends in "(offset N)"."""
    left, right = text[max(0, offset - 4) : offset], text[offset : offset + 4]
    return f'rejoined a line cut mid-sentence by a page break: "{left}|{right}" (offset {offset})'


def warning_offset(warning: str) -> int | None:
    """The Page.text offset a positional warning ends with ("... (offset N)"), or None."""
    match = _OFFSET_NOTE_RE.search(warning)
    return int(match.group(1)) if match else None


def page_from_text(
    text: str,
    *,
    source: str = "<text>",
    encoding: str = "utf-8",
    format: str = "text",
    headline_hints: tuple[str, ...] | list[str] = (),
    record_id: str | None = None,
) -> Page:
    """A normalised Page from decoded text, or a typed InputError when it is not Chinese text.

    Normalises line endings and character widths, converts traditional characters to simplified
    (keeping the original in `Page.original`) and rejoins lines split by page breaks.
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
    text, joins = rejoin_page_breaks(text)
    simplified, changed = to_simplified(text)
    warnings = [rejoin_warning(simplified, offset) for offset in joins]
    if surrogates:
        warnings.append(f"replaced {surrogates} lone surrogate(s) (broken UTF-16 halves) with U+FFFD")
    original: str | None = None
    if changed:
        original = text
        warnings.append(f"converted {changed} traditional character(s) to simplified for the models")
    # Hints stay as written (traditional included); split_articles converts them when it uses them.
    hints = tuple(normalise_width(_INVISIBLE_RE.sub("", h)).strip() for h in headline_hints if h and h.strip())
    return Page(
        text=simplified,
        source=source,
        encoding=encoding,
        format=format,
        original=original,
        headline_hints=hints,
        record_id=record_id,
        warnings=tuple(warnings),
    )


def _require_chinese(text: str, source: str) -> None:
    # Counted by deletion, not findall: a list of one-character strings costs ~75 bytes a character.
    han = len(text) - len(_HAN_RE.sub("", text))
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


# -- files and JSONL ------------------------------------------------------------------------------


def _checked_file(path: Path, name: str) -> Path:
    # stat, never open, to look: opening a FIFO would block until a writer comes, maybe forever.
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            raise PathNotFound(f"{name}: a symbolic link to a missing file") from None
        raise PathNotFound(f"{name}: no such file") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise InputError(f"{name}: a loop of symbolic links, not a file") from None
        raise InputError(f"{name}: cannot be read ({error.strerror or error})") from None
    if stat.S_ISDIR(mode):
        raise NotAFile(f"{name}: is a directory, not a file")
    if not stat.S_ISREG(mode):
        kind = "FIFO" if stat.S_ISFIFO(mode) else "socket" if stat.S_ISSOCK(mode) else "device or special file"
        raise NotAFile(f"{name}: is a {kind}, not a regular file")
    return path


def _read_file(path: Path, name: str, max_bytes: int) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
            if len(data) > max_bytes:
                size = path.stat().st_size if path.is_file() else len(data)
                raise InputTooLarge(_too_large(name, max(size, len(data)), max_bytes))
            return data
    except IsADirectoryError:
        raise NotAFile(f"{name}: is a directory, not a file") from None
    except OSError as error:
        raise InputError(f"{name}: cannot be read ({error.strerror or error})") from None


def _looks_like_jsonl(text: str) -> bool:
    """True when the first non-blank line is a JSON object (a record); plain news text never is."""
    for line in text.lstrip("\ufeff").splitlines():
        if line.strip():
            stripped = line.strip()
            if not (stripped.startswith("{") and stripped.endswith("}")):
                return False
            try:
                return isinstance(json.loads(stripped), dict)
            except ValueError:
                return False
    return False


def _iter_jsonl_file(path: Path, source: str, max_bytes: int) -> Iterator[Page | InputError]:
    # A JSONL file is streamed: the size limit applies to each record, not to the whole batch file.
    try:
        handle = path.open("rb")
    except OSError as error:
        raise InputError(f"{source}: cannot be read ({error.strerror or error})") from None
    with handle:
        head = handle.read(8)
        handle.seek(0)
        if not head:
            raise EmptyInput(f"{source}: empty input, nothing to brief")
        kind = binary_kind(head)
        if kind:
            raise BinaryInput(f"{source}: binary file ({kind}), not text")
        yield from _iter_jsonl_lines(_utf8_lines(handle, source, max_bytes), source, max_bytes)


def _utf8_lines(handle: BinaryIO, source: str, max_bytes: int) -> Iterator[str | InputError]:
    for number, raw in enumerate(handle, start=1):
        if len(raw) > max_bytes:
            yield InputTooLarge(_too_large(f"{source}:{number}", len(raw), max_bytes))
            continue
        try:
            yield raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as error:
            yield UndecodableInput(
                f"{source}:{number}: bytes at offset {error.start} are not valid UTF-8 (JSONL is UTF-8)"
            )


def _iter_jsonl_lines(
    lines: Iterator[str | InputError] | io.StringIO, source: str, max_bytes: int
) -> Iterator[Page | InputError]:
    any_record = False
    for number, line in enumerate(lines, start=1):
        if isinstance(line, InputError):
            any_record = True
            yield line
            continue
        if not line.strip():
            continue
        any_record = True
        yield _record_page(line, f"{source}:{number}")
    if not any_record:
        raise EmptyInput(f"{source}: only whitespace, no records")


def _record_page(line: str, where: str) -> Page | InputError:
    record = parse_record(line, where)
    if isinstance(record, BadRecord):
        return record
    try:
        return page_from_text(
            record.text,
            source=where,
            format="jsonl",
            headline_hints=(record.title,) if record.title else (),
            record_id=record.id,
        )
    except InputError as error:
        return error
