"""`summarise batch`: many inputs to OUT.jsonl, resumable after any crash, with progress on stderr."""

from __future__ import annotations

import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from summarise.batch import (
    BatchPlan,
    BatchResult,
    BatchRun,
    ItemResult,
    Progress,
    Shard,
    expand_inputs,
    iter_work_items,
    load_results,
    lock_path,
    locked_output,
    plan_batch,
    results_path,
    select,
    write_atomically,
)
from summarise.cli.options import config_from_options, engine_options, hide_model_loading_bars
from summarise.cli.verbose import stage_report
from summarise.errors import os_error
from summarise.output.render import printable

LOG_EVERY_S = 10.0  # how often plain progress lines appear when stderr is not a terminal


@click.command("batch")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--out", "out", required=True, metavar="OUT",
              help="Results go to OUT.jsonl (one brief per line); a digest to OUT.md / OUT.html.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "markdown", "html"]), default="jsonl",
              show_default=True, help="Also render a Markdown or HTML digest of OUT.jsonl when done.")
@click.option("--glob", "pattern", default="*", show_default=True,
              help="File-name pattern for files found under directories.")
@click.option("--shard", "shard_spec", metavar="i/n", help="Take only shard i of n (0-based), by id hash.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Take only the first N articles.")
@click.option("--errors", "errors_path", type=click.Path(dir_okay=False), default=None,
              help="Where failed articles go (default OUT.errors.jsonl).")
@click.option("--overwrite", is_flag=True, help="Start again: empty OUT.jsonl instead of resuming.")
@click.option("--wait", is_flag=True,
              help="If another run is writing OUT, wait for it to finish instead of exiting (code 2).")
@click.option("--ray", "ray_address", is_flag=False, flag_value="local", default=None, metavar="[ADDRESS]",
              help="Run on Ray Data: a local instance, or ADDRESS (e.g. auto, ray://head:10001).")
@click.option("--ray-actors", type=click.IntRange(min=1), default=2, show_default=True,
              help="Actors in the Ray pool; each loads the models once.")
@click.option("-q", "--quiet", is_flag=True, help="No progress output, only the final summary line.")
@click.option("-v", "--verbose", is_flag=True, help="Log each article's id and time.")
@engine_options
def batch_command(
    inputs: tuple[str, ...], out: str, fmt: str, pattern: str, shard_spec: str | None, limit: int | None,
    errors_path: str | None, overwrite: bool, wait: bool, ray_address: str | None, ray_actors: int, quiet: bool,
    verbose: bool, **options: Any,
) -> None:
    """Brief every article of many inputs into OUT.jsonl, resuming where a killed run stopped.

    INPUT may be files, directories (searched recursively with --glob), "-" for standard input, or
    JSONL files of {"id", "title", "text"} records. Rerun the same command to resume: ids already in
    OUT.jsonl are skipped; articles whose source changed are briefed again. Exit code 0 when every
    article succeeded, 1 when some failed (see the errors file), 130 when interrupted.

    \b
    Examples:
      summarise batch corpus/ --out briefs --format html
      summarise batch records.jsonl --out briefs --shard 0/4
      summarise batch corpus/ --glob '*.txt' --out briefs --ray auto
    """

    config = config_from_options(**options)
    shard = Shard.parse(shard_spec) if shard_spec else None
    out_path = results_path(out)
    errors = Path(errors_path) if errors_path else out_path.with_name(out_path.stem + ".errors.jsonl")
    try:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        with locked_output(out_path, wait=wait):
            result = _run_locked(inputs, out_path, errors, fmt=fmt, pattern=pattern, shard=shard, limit=limit,
                                 overwrite=overwrite, ray_address=ray_address, ray_actors=ray_actors,
                                 quiet=quiet, verbose=verbose, config=config)
    except OSError as error:
        # A read-only folder, a full disk: every line already written is fsynced and stays.
        raise os_error(error, "cannot write the results", hint="lines already written are kept; "
                       "fix this and rerun the same command to resume") from None
    sys.exit(result.exit_code)


def _run_locked(inputs: tuple[str, ...], out_path: Path, errors: Path, *, fmt: str, pattern: str,
                shard: Shard | None, limit: int | None, overwrite: bool, ray_address: str | None,
                ray_actors: int, quiet: bool, verbose: bool, config: Any) -> BatchResult:
    """The run itself, while this process holds the lock on OUT.jsonl."""
    from summarise.pipeline import Briefer

    if overwrite:
        out_path.unlink(missing_ok=True)
    own_files = [out_path, errors, out_path.with_suffix(".html"), out_path.with_suffix(".md"),
                 out_path.with_name(out_path.name + ".tmp"), lock_path(out_path)]
    paths = expand_inputs(inputs, pattern, exclude=own_files)
    items = select(iter_work_items(paths, max_bytes=config.max_input_bytes, stdin=sys.stdin.buffer),
                   shard=shard, limit=limit)
    plan = plan_batch(items, out_path)
    for changed in plan.changed:
        click.echo(f"summarise: source changed, briefing again: {printable(changed)}", err=True)

    progress = _progress(quiet=quiet, verbose=verbose)
    if plan.todo:
        hide_model_loading_bars()
    with _stop_after_batch() as stop_requested:
        run = BatchRun(out=out_path, errors=errors, batch_size=config.batch_size, progress=progress,
                       should_stop=stop_requested)
        if ray_address is not None:
            from summarise.batch.distributed import RayOptions, ray_results

            ray_options = RayOptions(address=None if ray_address == "local" else ray_address, actors=ray_actors)
            result = run.consume(plan, ray_results(plan.todo, config, config.batch_size, ray_options))
        else:
            briefer = Briefer(config)
            result = run.run(briefer, plan)
            if verbose and briefer.timings:
                click.echo(f"summarise: {briefer.engines.strategy} strategy: "
                           f"{stage_report(briefer.timings, briefer.model_calls, result.succeeded)}", err=True)

    click.echo(f"summarise: {result.summary_line()}", err=True)
    if result.interrupted:
        click.echo("summarise: interrupted; rerun the same command to resume where it stopped", err=True)
    elif fmt != "jsonl" and out_path.exists():
        _write_digest(out_path, fmt)
    return result


def _write_digest(out_path: Path, fmt: str) -> None:
    from summarise.output.digest import render_digest

    briefs = load_results(out_path)
    if not briefs:
        return
    target = out_path.with_suffix(".html" if fmt == "html" else ".md")
    write_atomically(target, render_digest(briefs, fmt).encode("utf-8"))
    click.echo(f"summarise: digest written to {target}", err=True)


@contextmanager
def _stop_after_batch() -> Iterator[Any]:
    """On the first Ctrl-C, ask the run to stop after the current batch; a second one stops at once."""
    requested: list[bool] = []

    def handle(signum: int, frame: Any) -> None:
        if requested:
            raise KeyboardInterrupt
        requested.append(True)
        click.echo("\nsummarise: stopping after the current batch (Ctrl-C again to stop now)", err=True)

    previous = signal.signal(signal.SIGINT, handle)
    try:
        yield lambda: bool(requested)
    finally:
        signal.signal(signal.SIGINT, previous)


def _progress(*, quiet: bool, verbose: bool) -> Progress:
    """A rich progress bar on a terminal, periodic log lines otherwise, nothing with --quiet."""
    if quiet:
        return Progress()
    if sys.stderr.isatty():
        return _rich_progress(verbose)
    return _log_progress(verbose)


def _rich_progress(verbose: bool) -> Progress:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.progress import Progress as Bar

    console = Console(stderr=True)
    bar = Bar(TextColumn("briefing"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[speed_text]}"),
              TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(), console=console, transient=True)
    task: list[Any] = []

    def start(plan: BatchPlan) -> None:
        bar.start()
        task.append(bar.add_task("briefing", total=plan.total, completed=plan.skipped, speed_text=""))

    def item_done(result: ItemResult) -> None:
        bar.advance(task[0])
        speed = bar.tasks[0].speed
        bar.update(task[0], speed_text=f"{speed * 60:.1f} art/min" if speed else "")
        if verbose:
            console.print(f"summarise: {_article_line(result)}", markup=False, highlight=False)

    def finish(result: BatchResult) -> None:
        bar.stop()

    return Progress(start=start, item_done=item_done, finish=finish)


def _log_progress(verbose: bool) -> Progress:
    state = {"started": 0.0, "last": 0.0, "done": 0, "total": 0, "skipped": 0}

    def start(plan: BatchPlan) -> None:
        now = time.monotonic()
        state.update(started=now, last=now, done=0, total=len(plan.todo), skipped=plan.skipped)
        click.echo(f"summarise: {len(plan.todo)} article(s) to brief, {plan.skipped} already done", err=True)

    def item_done(result: ItemResult) -> None:
        state["done"] += 1
        now = time.monotonic()
        if verbose:
            click.echo(f"summarise: {_article_line(result)}", err=True)
        if now - state["last"] >= LOG_EVERY_S or state["done"] == state["total"]:
            state["last"] = now
            click.echo(f"summarise: {_rate_line(state['done'], state['total'], now - state['started'])}", err=True)

    return Progress(start=start, item_done=item_done)


def _rate_line(done: float, total: float, elapsed: float) -> str:
    rate = done / elapsed if elapsed > 0 else 0.0
    eta = (total - done) / rate if rate > 0 else 0.0
    return (f"{int(done)}/{int(total)} articles, {rate * 60:.1f} articles/min, "
            f"ETA {time.strftime('%H:%M:%S', time.gmtime(eta))}")


def _article_line(result: ItemResult) -> str:
    status = f"FAILED: {printable(result.error)}" if result.error else "ok"
    return f"{printable(result.item.id)} {result.seconds:.2f}s {status}"
