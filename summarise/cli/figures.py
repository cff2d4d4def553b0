"""`summarise figures` (figures of each input line, streamed) and `summarise eval figures`."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import click

from summarise.errors import BinaryInput, EmptyInput, InputError, NoChineseText
from summarise.files import open_checked
from summarise.reading.decode import decode_text
from summarise.reading.layout import HAN_RE

_TABLE_COLUMNS = ("line", "text", "start", "end", "value", "unit", "qualifier", "kind", "english")


@click.command("figures")
@click.argument("source", metavar="[FILE|-]", default="-")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True,
              help="jsonl: one JSON object per input line; table: one row per figure.")
def figures_command(source: str, fmt: str) -> None:
    """Extract the figures of each line of Chinese text, with values and English.

    Reads FILE (UTF-8) or standard input line by line and writes as it reads, so other tools can
    stream through it. With jsonl each input line gives {"line": n, "figures": [...]}; each figure
    has text, start, end (offsets into the line), value (a number, or a string where a float cannot
    hold it exactly), unit, qualifier, kind and english.

    \b
    Examples:
      echo "资金22.7亿元，比例达95%以上" | summarise figures
      summarise figures corpus/qinghai-page-2024-12-24.txt --format table
    """
    from summarise.figures import extract_figures
    from summarise.types import decimal_to_json

    out = sys.stdout
    reading = _Reading(source)
    if fmt == "table":
        out.write("\t".join(_TABLE_COLUMNS) + "\n")
    for number, line in enumerate(reading.lines(), 1):
        figures = extract_figures(line)
        if fmt == "jsonl":
            out.write(json.dumps({"line": number, "figures": [f.to_dict() for f in figures]},
                                 ensure_ascii=False) + "\n")
        else:
            for f in figures:
                value = decimal_to_json(f.value)
                cells = (number, f.text, f.start, f.end, "" if value is None else value, f.unit or "",
                         f.qualifier or "", f.kind, f.english)
                out.write("\t".join(str(cell) for cell in cells) + "\n")
        out.flush()  # one line in, one line out: downstream tools see results as they come
    reading.finish()


class _Reading:
    """The lines of FILE or stdin, streamed as UTF-8, or decoded whole when the input is not UTF-8.

    The first line decides: UTF-8 text streams line by line; a UTF-16 BOM, NUL bytes or bytes that are
    not UTF-8 mean the whole input is decoded first (GBK, Big5, UTF-16 via decode.decode_text) and only
    then printed, so a wrong encoding never prints half an answer. A later line in another encoding is
    read as that encoding, with a warning. `finish` applies the README's rule to the input as a whole:
    empty input, or text with no Chinese, exits 2.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self.name = "<stdin>" if source == "-" else source
        self.han_seen = False
        self.any_bytes = False

    def lines(self) -> Iterator[str]:
        for line in self._decoded_lines():
            self.han_seen = self.han_seen or HAN_RE.search(line) is not None
            yield line

    def _decoded_lines(self) -> Iterator[str]:
        from summarise.config import DEFAULT_MAX_INPUT_BYTES

        stream = self._open()
        try:
            first = stream.readline()
            self.any_bytes = bool(first)
            if not first:
                return
            if b"\x00" in first and _is_utf8(first):
                raise BinaryInput(f"{self.name}: holds NUL bytes, not text")
            if first.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in first or not _is_utf8(first):
                yield from _whole(first + stream.read(DEFAULT_MAX_INPUT_BYTES + 1), self.name)
                return
            yield first.decode("utf-8-sig").rstrip("\r\n")
            for number, raw in enumerate(stream, 2):
                yield _line_text(raw, self.name, number)
        finally:
            if self.source != "-":
                stream.close()

    def _open(self) -> IO[bytes]:
        if self.source == "-":
            return sys.stdin.buffer
        return open_checked(self.source)  # FIFOs and devices are refused, never opened

    def finish(self) -> None:
        if not self.any_bytes:
            raise EmptyInput(f"{self.name}: empty input, no text to read figures from")
        if not self.han_seen:
            raise NoChineseText(f"{self.name}: no Chinese text found; figures reads Chinese news text")


def _whole(data: bytes, name: str) -> Iterator[str]:
    """Every line of an input decoded at once, in whichever supported encoding it is."""

    decoded = decode_text(data, source=name)  # typed errors: binary, undecodable, too large
    text = decoded.text.lstrip("\ufeff")
    yield from (line.rstrip("\r") for line in text.removesuffix("\n").split("\n"))


def _line_text(raw: bytes, name: str, number: int) -> str:
    """A later line: UTF-8, or (with a warning) the encoding that detection finds for it."""

    if _is_utf8(raw):
        if b"\x00" in raw:
            raise BinaryInput(f"{name}: line {number} holds NUL bytes, not text; the lines before it were printed")
        return raw.decode("utf-8").rstrip("\r\n")
    try:
        decoded = decode_text(raw.rstrip(b"\r\n"), source=f"{name}: line {number}")
    except InputError as error:
        raise InputError(f"{name}: line {number} is not text in a supported encoding ({error}); "
                         f"the lines before it were printed") from None
    click.echo(f"summarise: warning: {name}: line {number} is not UTF-8; read it as {decoded.encoding}",
               err=True)
    return decoded.text.rstrip("\r\n")


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@click.group("eval")
def eval_group() -> None:
    """Evaluate parts of the pipeline on reference data."""


@eval_group.command("figures")
@click.argument("csv_path", metavar="CSV", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Check only the first N pairs.")
@click.option("--examples", type=click.IntRange(min=0), default=3, show_default=True,
              help="Examples shown per cause.")
@click.option("--json", "as_json", is_flag=True, help="Print the numbers as one JSON object.")
def eval_figures_command(csv_path: Path, limit: int | None, examples: int, as_json: bool) -> None:
    """Check each Chinese figure of a zh,en CSV against the English reference.

    Prints the agreement rate, a naive baseline that copies digits and ignores 万/亿, the ceiling
    that reference noise allows, and the disagreements grouped by cause with examples.

    \b
    Example:
      summarise eval figures ../shared/data/wmt18-zh-en-news.csv
    """
    from summarise.evaluation.figures import evaluate_figures, format_report, read_pairs

    evaluation = evaluate_figures(read_pairs(csv_path), limit=limit)
    if as_json:
        click.echo(json.dumps({
            "pairs": evaluation.pairs, "figures": evaluation.total,
            "agreement": round(evaluation.agreement, 4),
            "naive_agreement": round(evaluation.naive_agreement, 4),
            "ceiling": round(evaluation.ceiling, 4), "causes": dict(evaluation.causes),
            "magnitude_figures": len(evaluation.magnitude_checks),
            "magnitude_agreement": round(_share(evaluation.magnitude_checks, "agreed"), 4),
            "magnitude_naive_agreement": round(_share(evaluation.magnitude_checks, "naive_agreed"), 4),
            "extraction_misses": len(evaluation.misses), "dates": len(evaluation.dates),
        }))
    else:
        click.echo(format_report(evaluation, examples=examples), nl=False)


def _share(checks: tuple, attribute: str) -> float:  # type: ignore[type-arg]
    return sum(getattr(c, attribute) for c in checks) / len(checks) if checks else 0.0
