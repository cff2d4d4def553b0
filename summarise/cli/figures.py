"""`summarise figures` (figures of each input line, streamed) and `summarise eval figures`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

_TABLE_COLUMNS = ("line", "text", "start", "end", "value", "unit", "qualifier", "kind", "english")


@click.command("figures")
@click.argument("source", metavar="[FILE|-]", default="-")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True,
              help="jsonl: one JSON object per input line; table: one row per figure.")
def figures_command(source: str, fmt: str) -> None:
    """Extract the figures of each line of Chinese text, with values and English.

    Reads FILE or standard input line by line and writes as it reads, so other tools can stream
    through it. Text in another encoding is decoded whole first; PDF, HTML and JSONL inputs are read
    through their readers, one line per line of each page's text. Inputs over SUMMARISE_MAX_BYTES are
    refused. With jsonl each line gives {"line": n, "figures": [...]}; each figure has text, start, end
    (offsets into the line), value (a number, or a string where a float cannot hold it exactly), unit,
    qualifier, kind and english.

    \b
    Examples:
      echo "资金22.7亿元，比例达95%以上" | summarise figures
      summarise figures corpus/qinghai-page-2024-12-24.txt --format table
    """
    from summarise.config import resolve_config
    from summarise.figures import extract_figures
    from summarise.reading.lines import InputLines
    from summarise.types import decimal_to_json

    out = sys.stdout
    reading = InputLines(source, max_bytes=resolve_config().max_input_bytes, warn=_warn)
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


def _warn(message: str) -> None:
    from summarise.output.render import printable

    click.echo(f"summarise: warning: {printable(message)}", err=True)


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
