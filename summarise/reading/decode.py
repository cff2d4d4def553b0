"""Bytes to text: encoding detection (UTF-8, UTF-16, GB18030/GBK, Big5), binary signatures and the
size limit, each failure a typed InputError with a one-line message.

Detection uses charset-normalizer and then scores each candidate reading by how common its Chinese
characters are, so GBK and Big5 read as each other are told apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarise.config import DEFAULT_MAX_INPUT_BYTES
from summarise.errors import BinaryInput, EmptyInput, InputTooLarge, UndecodableInput
from summarise.files import too_large
from summarise.reading.layout import HAN_RE
from summarise.reading.normalise import simplified_converter
from summarise.types import Note

SUPPORTED_ENCODINGS = "UTF-8, UTF-16, GB18030/GBK or Big5"

# Read in the right encoding, nearly all Han characters of news text are among the 3,755 common ones
# (GB2312 level 1); read in the wrong one, under a fifth are.
MIN_COMMON_HAN_SHARE = 0.5
# Pure-CJK UTF-16 without a BOM or NULs must be mostly common Chinese characters to be believed.
MIN_UTF16_SCORE = 0.4
# NUL bytes are "a few stray ones" in UTF-8 text (an editor's or a copy's slip) when at most this share of
# the bytes, or at most MAX_STRAY_NULS; UTF-16 with ASCII in it has a NUL in every other byte of that ASCII.
MAX_STRAY_NUL_SHARE = 0.01
MAX_STRAY_NULS = 16
# A UTF-16 reading must show this many Han characters before it can outweigh a valid UTF-8 one.
MIN_UTF16_HAN = 10
NUL_REMOVED = "nul-removed"

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
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")  # not \t \n \v \f \r or ESC
_META_CHARSET_RE = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_\-]{2,20})""", re.IGNORECASE)


@dataclass(frozen=True)
class DecodedText:
    """Text decoded from bytes, with the encoding it was read in and what decoding had to repair."""

    text: str
    encoding: str
    notes: tuple[Note, ...] = ()


def decode_text(
    data: bytes, *, source: str = "<bytes>", max_bytes: int = DEFAULT_MAX_INPUT_BYTES, declared: str | None = None
) -> DecodedText:
    """Decode bytes in a supported encoding, or raise the typed InputError that says why not.

    `declared` is the charset a transport named (an HTTP Content-Type header): it is tried before the
    page's own `<meta charset>`, and like it is overruled by valid UTF-8 and ignored when it lies.
    """
    if len(data) > max_bytes:
        raise InputTooLarge(too_large(source, len(data), max_bytes))
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
        return _with_nul_bytes(data, source)
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data" and len(data) - error.start < 4:
            # UTF-8 cut inside its last character (`head -c`, a capped read): keep everything before it.
            return DecodedText(data[: error.start].decode("utf-8"), "utf-8")
    for named in dict.fromkeys((declared_codec(declared), _meta_charset(data))):
        if named:
            try:
                return DecodedText(data.decode(named), _display_name(named))
            except (UnicodeDecodeError, LookupError):
                pass  # the header or page lies about its charset; try the next, then detect it
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


def _with_nul_bytes(data: bytes, source: str) -> DecodedText:
    """Bytes holding NULs: UTF-16 without a BOM, or UTF-8 with a few stray NULs (removed, with a note).

    A UTF-8 page of even length with one stray NUL also decodes as UTF-16, into rare characters and
    Hangul. So where taking the NULs out leaves valid UTF-8 text, that reading stands unless the UTF-16
    one is as Chinese as detection demands of BOM-less UTF-16 anywhere, on enough characters to tell,
    and more Chinese than the UTF-8 one. Real UTF-16 never becomes valid UTF-8 by losing its NULs (its
    Chinese code units are not UTF-8 sequences), so it is read as before.
    """
    utf16 = _utf16_without_bom(data)
    utf8 = _utf8_without_stray_nuls(data)
    if utf8 is None:
        if utf16 is not None and not _Reading.of(utf16.text).is_mojibake:
            return utf16
        raise BinaryInput(f"{source}: binary file (holds NUL bytes), not text")
    if utf16 is not None:
        reading = _Reading.of(utf16.text)
        if (not reading.is_mojibake and reading.score >= MIN_UTF16_SCORE and reading.han >= MIN_UTF16_HAN
                and reading.score > _Reading.of(utf8.text).score):
            return utf16
    return utf8


def _utf8_without_stray_nuls(data: bytes) -> DecodedText | None:
    """The UTF-8 text left when a few stray NULs are taken out (with a note), or None when that is not it."""
    nuls = data.count(b"\x00")
    if nuls > max(MAX_STRAY_NULS, MAX_STRAY_NUL_SHARE * len(data)):
        return None
    try:
        text = data.replace(b"\x00", b"").decode("utf-8")
    except UnicodeDecodeError:
        return None
    if _control_share(text) > 0.05:  # NULs among other control bytes: binary data, not text
        return None
    return DecodedText(text, "utf-8", (Note(NUL_REMOVED, f"removed {nuls} stray NUL byte(s) from the UTF-8 text"),))


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
        for char in simplified_converter().convert(sample):
            if not HAN_RE.match(char):
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
        if "\x00" not in text and _control_share(text) < 0.01 and HAN_RE.search(text):
            readings.append(DecodedText(text, codec))
    return max(readings, key=lambda reading: _Reading.of(reading.text).score, default=None)


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    return (len(text) - len(_CONTROL_RE.sub("", text))) / len(text)


def _meta_charset(data: bytes) -> str | None:
    """The codec an HTML page declares, when it is one of the Chinese ones this tool reads.

    Other declarations (often a wrong "iso-8859-1", which decodes any bytes) are left to detection.
    """
    match = _META_CHARSET_RE.search(data[:4096])
    return declared_codec(match.group(1).decode("ascii")) if match else None


def declared_codec(charset: str | None) -> str | None:
    """The codec a declared charset names when it is one of the Chinese ones this tool reads, else None."""
    if not charset:
        return None
    return _DECLARED.get(charset.strip().strip("\"'").lower().replace("-", "_"))


def _display_name(codec: str) -> str:
    name = codec.lower().replace("-", "_")
    return _DISPLAY.get(name, codec.lower().replace("_", "-"))

