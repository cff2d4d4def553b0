"""`summarise names` (the names of every article of a file) and `summarise eval names` (scored on gold)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

_TABLE_COLUMNS = ("path", "article", "text", "kind", "english", "start", "end", "source")


@click.command("names")
@click.argument("source", metavar="FILE|-", default="-")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True,
              help="jsonl: one JSON object per name; table: one tab-separated row per name.")
def names_command(source: str, fmt: str) -> None:
    """Find the person, place and organisation names of each article, with their English forms.

    Reads FILE (or standard input) in any input format (text, HTML, JSONL, PDF), splits it into
    articles as `summarise brief` does, and prints every name found in each article's headline,
    byline and paragraphs: text, kind (person|place|organisation), english (null for a foreign name
    the dictionary lacks: left unrendered rather than guessed), start and end (offsets into the
    decoded page text; null for a name only in a headline the page text lacks) and source (where the
    English came from: table, dictionary, rule or pinyin). Loads no model.

    \b
    Examples:
      summarise names corpus/qinghai-page-2024-12-24.txt --format table
      echo "省委书记陈刚赴果洛藏族自治州调研" | summarise names
    """
    from summarise.articles import split_articles
    from summarise.config import resolve_config
    from summarise.names import extract_names
    from summarise.reading.readers import load_pages

    pages = load_pages(source, max_bytes=resolve_config().max_input_bytes, stdin=sys.stdin.buffer)
    out = sys.stdout
    if fmt == "table":
        out.write("\t".join(_TABLE_COLUMNS) + "\n")
    for page in pages:
        for article in split_articles(page):
            for name in extract_names(article, page.text):
                record: dict[str, Any] = {"path": page.source, "article": article.index, **name.to_dict()}
                if fmt == "jsonl":
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
                else:
                    out.write("\t".join("" if record[c] is None else str(record[c]) for c in _TABLE_COLUMNS) + "\n")


@click.command("names")
@click.argument("gold_path", metavar="GOLD.jsonl", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--base", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder the gold file's sources are relative to (default: the gold file's folder).")
@click.option("--examples", type=click.IntRange(min=0), default=0, show_default=True,
              help="Misses, false finds and English differences listed per kind of error.")
@click.option("--json", "as_json", is_flag=True, help="Print the numbers as one JSON object.")
def eval_names_command(gold_path: Path, base: Path | None, examples: int, as_json: bool) -> None:
    """Score the names stage against a hand-made gold file (benchmarks/names/README.md).

    Per document, distinct surface strings: a name found is right when its text is a gold name;
    recall per kind is the share of gold names found; the English form is right when it equals one of
    the gold forms ignoring case. Prints precision, recall, English-form accuracy and kind accuracy
    per kind.

    \b
    Example:
      summarise eval names benchmarks/names/corpus.gold.jsonl
      summarise eval names benchmarks/names/web-pages-dev-a.gold.jsonl --examples 10
    """
    from summarise.evaluation.names import evaluate_names, format_names

    result = evaluate_names(gold_path, base=base)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        click.echo(format_names(result, examples=examples), nl=False)
