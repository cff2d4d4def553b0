"""Hostile PDFs built byte by byte (issue 19): each is small, and each once hung pdfminer or ate gigabytes.

Nothing here is large in memory: a stream that inflates to gigabytes is assembled from one compressed
block repeated (a full flush makes every block of zeros compress to the same bytes) and an Adler-32
checksum worked out in closed form.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Mapping

_CHUNK = 1 << 20


def pdf(objects: Mapping[int, bytes], root: int = 1) -> bytes:
    """A PDF file of `objects` (number -> body) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, xref)
    return bytes(out)


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def one_page(content: bytes, *, font: bytes = HELVETICA, mediabox: bytes = b"[0 0 595 842]",
             content_extra: bytes = b"", more: Mapping[int, bytes] | None = None) -> bytes:
    """A one-page PDF: catalog 1, pages 2, page 3, content stream 4, font 5, and `more` objects."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox " + mediabox
           + b" /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        4: stream(content, content_extra),
        5: font,
        **(more or {}),
    }
    return pdf(objects)


def mediabox_cycle() -> bytes:
    """/MediaBox is 10 0 R, which is 11 0 R, which is 10 0 R: pdfminer resolved it forever."""
    return one_page(b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET", mediabox=b"10 0 R",
                    more={10: b"11 0 R", 11: b"10 0 R"})


def _type0_font(to_unicode: int | None = None, encoding: bytes = b"/Identity-H") -> dict[int, bytes]:
    extra = b" /ToUnicode %d 0 R" % to_unicode if to_unicode else b""
    return {
        5: b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding " + encoding
           + b" /DescendantFonts [6 0 R]" + extra + b" >>",
        6: b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe)"
           b" /Ordering (GB1) /Supplement 2 >> /FontDescriptor 7 0 R /DW 1000 >>",
        7: b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0"
           b" /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
    }


def _cmap(body: bytes) -> bytes:
    return (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Hostile def "
            b"1 begincodespacerange <00000000> <FFFFFFFF> endcodespacerange\n" + body
            + b"\nendcmap CMapName currentdict /CMap defineresource pop end end")


def cmap_bfrange() -> bytes:
    """A ToUnicode CMap mapping every 4-byte code: `beginbfrange <00000000> <FFFFFFFF>` (4 billion)."""
    return _to_unicode_page(b"1 beginbfrange\n<00000000> <FFFFFFFF> <0000>\nendbfrange")


def cmap_cidrange() -> bytes:
    """The same span as a ToUnicode `begincidrange <00000000> <FFFFFFFF> 0`."""
    return _to_unicode_page(b"1 begincidrange\n<00000000> <FFFFFFFF> 0\nendcidrange")


def _to_unicode_page(ranges: bytes) -> bytes:
    objects = _type0_font(to_unicode=8)
    objects[8] = stream(_cmap(ranges))
    font = objects.pop(5)
    return one_page(b"BT /F1 12 Tf 72 700 Td <00000041> Tj ET", font=font, more=objects)


def zeros_deflated(count: int) -> bytes:
    """A zlib stream of `count` zero bytes (a multiple of 1 MiB), built without holding them."""
    if count % _CHUNK:
        raise ValueError("count must be a multiple of 1 MiB")
    compressor = zlib.compressobj(9)
    block = bytes(_CHUNK)
    first = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeat = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    adler = ((count % 65521) << 16) | 1  # Adler-32 of zeros: a stays 1, b grows by 1 a byte
    # b"\x03\x00": an empty final block with fixed codes, after a flush left the stream on a byte edge.
    return first + repeat * (count // _CHUNK - 1) + b"\x03\x00" + struct.pack(">I", adler)


def inflates_to(count: int) -> bytes:
    """A page whose content stream is `count` zero bytes once inflated (1 GiB: a 1 MB file)."""
    return one_page(zeros_deflated(count), content_extra=b"/Filter /FlateDecode")


def flated_twice(count: int) -> bytes:
    """A page whose content stream is deflated twice: `count` zero bytes in a file of some kilobytes."""
    inner = zeros_deflated(count)
    return one_page(zlib.compress(inner, 9), content_extra=b"/Filter [/FlateDecode /FlateDecode]")


def many_glyphs(count: int) -> bytes:
    """One page drawing `count` glyphs from a compressed content stream (4 million: an 8.8 KB file)."""
    content = b"BT /F1 1 Tf 10 10 Td (" + b"A" * count + b") Tj ET"
    return one_page(zlib.compress(content, 9), content_extra=b"/Filter /FlateDecode")


def chinese_page(lines: list[str], *, glyph_width: int = 1000, before_text: bytes = b"") -> bytes:
    """Chinese lines in the STSong-Light CID font, one every 18 points from the top; `glyph_width` 0 gives
    every glyph no width (all of a line drawn on one spot)."""
    objects = _type0_font(encoding=b"/UniGB-UCS2-H")
    objects[6] = objects[6].replace(b"/DW 1000", b"/DW %d" % glyph_width)
    font = objects.pop(5)
    commands = [before_text, b"BT /F1 12 Tf"]
    for number, line in enumerate(lines):
        commands.append(b"1 0 0 1 50 %d Tm <%s> Tj" % (780 - 18 * number, line.encode("utf-16-be").hex().encode()))
    commands.append(b"ET")
    return one_page(b"\n".join(commands), font=font, more=objects)


def zero_width_chinese(lines: list[str]) -> bytes:
    """Chinese text in a font whose glyphs have no width: pdfminer found no text lines in it."""
    return chinese_page(lines, glyph_width=0)


def noisy_chinese(lines: list[str]) -> bytes:
    """Readable Chinese after a `cm` operator with non-numbers, which pdfminer logs a warning about."""
    return chinese_page(lines, before_text=b"(a) (b) (c) (d) (e) (f) cm")
