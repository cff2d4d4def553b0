"""`summarise articles`: how a file splits into articles, with no model loaded."""

from __future__ import annotations

import json
from typing import Any

import click

from summarise.cli.web import fetch_options, source_articles
from summarise.types import Article

_TABLE_COLUMNS = ("id", "headline", "byline", "author", "date", "start", "end", "paragraphs", "warnings")


@click.command("articles")
@click.argument("source", metavar="FILE|URL|-")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True,
              help="jsonl: one JSON object per article; table: one line per article for a quick look.")
@fetch_options
def articles_command(source: str, fmt: str, **fetching: Any) -> None:
    """Print the articles a file or web page splits into: text, HTML, JSONL or PDF. Loads no model.

    Each article: id, headline, subheadline, byline, author, date, start, end (offsets into the
    page text), paragraphs, warnings and body.

    \b
    Examples:
      summarise articles corpus/qinghai-page-2024-12-24.txt --format table
      summarise articles page.html
      summarise articles epaper.pdf | jq .headline
      summarise articles https://news.example.cn/2026/12/01/story.html --format table
    """
    from summarise.articles.export import article_record
    from summarise.config import resolve_config

    articles = source_articles(source, fetching, resolve_config())
    if fmt == "jsonl":
        for article in articles:
            click.echo(json.dumps(article_record(article), ensure_ascii=False))
    else:
        click.echo(_table(articles), nl=False)


def _table(articles: list[Article]) -> str:
    from summarise.articles.export import article_record

    rows: list[tuple[str, ...]] = [_TABLE_COLUMNS]
    for article in articles:
        record = article_record(article)
        rows.append(tuple(
            _cell(len(record[c]) if c in ("paragraphs", "warnings") else record[c]) for c in _TABLE_COLUMNS
        ))
    widths = [max(_width(row[i]) for row in rows) for i in range(len(_TABLE_COLUMNS))]
    lines = ["  ".join(cell + " " * (width - _width(cell)) for cell, width in zip(row, widths)).rstrip()
             for row in rows]
    return "\n".join(lines) + "\n"


def _cell(value: Any, limit: int = 40) -> str:
    text = "-" if value is None else " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters are two wide."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
