"""`summarise brief`: one page (file or stdin) to English briefs on stdout."""

from __future__ import annotations

import sys
import time
from typing import Any

import click

from summarise.batch import brief_isolated
from summarise.cli.options import config_from_options, engine_options, hide_model_loading_bars
from summarise.cli.verbose import stage_report
from summarise.cli.web import fetch_options, source_articles, take_fetch_options
from summarise.output.render import printable, render
from summarise.types import Brief


@click.command("brief")
@click.argument("source", metavar="FILE|URL|-")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text",
              show_default=True, help="Output format; json prints one JSON array of briefs.")
@click.option("-v", "--verbose", is_flag=True, help="Report the engine and timings on stderr.")
@engine_options
@fetch_options
def brief_command(source: str, fmt: str, verbose: bool, **options: Any) -> None:
    """Brief every article of a Chinese news page.

    FILE may be UTF-8, UTF-16, GBK/GB18030, Big5 or HTML text, or a JSONL file of
    {"id", "title", "text"} records; "-" reads standard input. A URL (http or https) is fetched
    politely: robots.txt, public addresses only, timeouts and the size limit (see the fetch options).

    \b
    Examples:
      summarise brief corpus/qinghai-page-2024-12-24.txt
      summarise brief page.html --format markdown
      summarise brief page.txt --summariser ./models/mt5 --translator ./models/opus --format json
      summarise brief page.txt --engine llm --model Qwen/Qwen2.5-1.5B-Instruct
      summarise brief https://news.example.cn/2026/12/01/story.html --format markdown
    """
    fetching = take_fetch_options(options)
    config = config_from_options(**options)  # usage errors first, before anything heavy loads
    hide_model_loading_bars()

    from summarise.pipeline import Briefer

    started = time.perf_counter()
    articles = source_articles(source, fetching, config)
    briefer = Briefer(config)
    # One article that fails (a model error on odd text) must not take the page down with it.
    results = brief_isolated(briefer, articles)
    briefs = [result for result in results if isinstance(result, Brief)]
    failures = [(article, result) for article, result in zip(articles, results) if isinstance(result, str)]
    if briefs:
        click.echo(render(briefs, fmt), nl=False)
    for article, reason in failures:
        where = printable(article.headline or f"article {article.index + 1}")
        click.echo(f"summarise: warning: article {article.index + 1} ({where}) was not briefed: "
                   f"{printable(reason)}", err=True)
    if verbose:
        elapsed = time.perf_counter() - started
        stages = stage_report(briefer.timings, briefer.model_calls, len(briefs))
        backend = briefer.engines.summariser.describe().get("backend")
        engine = f"{briefer.engines.name} ({backend} backend)" if backend else briefer.engines.name
        click.echo(
            f"summarise: {len(briefs)} brief(s) from {len(articles)} article(s) with engine "
            f"{engine} ({briefer.engines.strategy} strategy) in {elapsed:.2f}s ({stages})",
            err=True,
        )
    if failures:
        sys.exit(1)  # a processing failure, though every other article was briefed
