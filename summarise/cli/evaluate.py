"""`summarise eval translate|summaries|briefs`: run an engine on reference data and measure its output."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from summarise.cli.options import config_from_options, engine_options, hide_model_loading_bars

_LIMIT = click.option("--limit", type=click.IntRange(min=1), default=None, help="Use only the first N items.")
_JSON = click.option("--json", "as_json", is_flag=True, help="Print the results as one JSON object.")


def _run_options(command: Callable[..., None]) -> Callable[..., None]:
    """--limit, --json and the engine options: what every eval command takes."""
    return _LIMIT(_JSON(engine_options(command)))


def _engines(options: dict[str, Any]) -> Any:
    from summarise.engines.factory import build_engines

    config = config_from_options(**options)  # usage errors first, before anything heavy loads
    hide_model_loading_bars()
    return build_engines(config)


def _emit(result: Any, as_json: bool, text: str) -> None:
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        click.echo(text, nl=False)


@click.command("translate")
@click.argument("csv_path", metavar="CSV", type=click.Path(dir_okay=False, path_type=Path))
@_run_options
def eval_translate_command(csv_path: Path, limit: int | None, as_json: bool, **options: Any) -> None:
    """Translate the Chinese column of a zh,en CSV and score it against the English references.

    Prints sacrebleu BLEU and chrF, and the share of Chinese figures the English states, before and
    after the figure guard. Works with every engine (--engine llm uses its translate prompt).

    \b
    Examples:
      summarise eval translate ../shared/data/wmt18-zh-en-news.csv --limit 100
      summarise eval translate pairs.csv --engine llm --model qwen.gguf --json
    """
    from summarise.evaluation.figures import read_pairs
    from summarise.evaluation.outputs import evaluate_translation, format_translation

    pairs = read_pairs(csv_path)
    result = evaluate_translation(pairs, _engines(options).translator, limit=limit)
    _emit(result, as_json, format_translation(result))


@click.command("summaries")
@click.argument("jsonl_path", metavar="JSONL", type=click.Path(dir_okay=False, path_type=Path))
@_run_options
def eval_summaries_command(jsonl_path: Path, limit: int | None, as_json: bool, **options: Any) -> None:
    """Summarise the "text" of each JSONL record and score it against its "summary_zh".

    Prints character-level ROUGE-1/2/L F1, the share of summary figures found in the text, and the mean
    length in characters.

    \b
    Examples:
      summarise eval summaries ../shared/data/lcsts-part3-dev.jsonl --limit 100
      summarise eval summaries dev.jsonl --engine llm --model qwen.gguf --json
    """
    from summarise.evaluation.outputs import evaluate_summaries, format_summaries, read_summary_records

    records = read_summary_records(jsonl_path)
    result = evaluate_summaries(records, _engines(options).summariser, limit=limit)
    _emit(result, as_json, format_summaries(result))


@click.command("briefs")
@click.argument("source", metavar="FILE")
@_run_options
def eval_briefs_command(source: str, limit: int | None, as_json: bool, **options: Any) -> None:
    """Measure English briefs against their articles, per brief and overall.

    FILE is either briefs already made (the JSON of `brief --format json`, or a `batch` JSONL), whose
    sources are read again, or a Chinese page (any input `brief` takes) to brief now with the engine
    options. Reports English figures that are correct, wrong or unsupported by the article, key-figure
    coverage, CJK characters left in the English, warnings and headline length.

    \b
    Examples:
      summarise eval briefs corpus/qinghai-page-2024-12-24.txt --engine llm --model qwen.gguf
      summarise brief page.txt --format json > briefs.json && summarise eval briefs briefs.json --json
    """
    from summarise.evaluation.outputs import articles_for, evaluate_briefs, format_briefs, read_briefs

    config = config_from_options(**options)
    briefs = read_briefs(source) if Path(source).is_file() else None
    started = time.perf_counter()
    if briefs is not None:
        briefs = briefs[:limit] if limit else briefs
        articles = articles_for(briefs)
        signature = dict(briefs[0].models) if briefs else {}
    else:
        from summarise.articles import split_articles
        from summarise.pipeline import Briefer
        from summarise.reading.readers import load_pages

        hide_model_loading_bars()
        articles = [a for page in load_pages(source, max_bytes=config.max_input_bytes,
                                             pdf_limits=config.pdf_limits)
                    for a in split_articles(page)]
        articles = articles[:limit] if limit else articles
        briefer = Briefer(config)
        briefs = briefer.brief_articles(articles)
        signature = briefs[0].to_dict()["models"] if briefs else {}
    result = evaluate_briefs(zip(briefs, articles, strict=True), seconds=time.perf_counter() - started,
                             signature=signature)
    _emit(result, as_json, format_briefs(result))
