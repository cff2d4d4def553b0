"""`summarise batch`: many inputs to OUT.jsonl, resumable after any crash, with progress on stderr."""

from __future__ import annotations

import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import chain
from pathlib import Path
from typing import Any

import click

from summarise.batch import (
    SKIP,
    BatchResult,
    BatchRun,
    ItemResult,
    Progress,
    Resume,
    Shard,
    WorkItem,
    expand_inputs,
    iter_selected,
    iter_work_items,
    load_results,
    lock_path,
    locked_output,
    plan_batch,
    results_path,
    write_atomically,
)
from summarise.cli.options import config_from_options, engine_options, hide_model_loading_bars
from summarise.cli.verbose import stage_report
from summarise.cli.web import WebOptions, take_web_options, web_batch_options
from summarise.errors import os_error
from summarise.output.render import printable
from summarise.sources.work import split_inputs

LOG_EVERY_S = 10.0  # how often plain progress lines appear when stderr is not a terminal


@click.command("batch")
@click.argument("inputs", nargs=-1, metavar="INPUT...")
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
@web_batch_options
@engine_options
def batch_command(
    inputs: tuple[str, ...], out: str, fmt: str, pattern: str, shard_spec: str | None, limit: int | None,
    errors_path: str | None, overwrite: bool, wait: bool, ray_address: str | None, ray_actors: int, quiet: bool,
    verbose: bool, **options: Any,
) -> None:
    """Brief every article of many inputs into OUT.jsonl, resuming where a killed run stopped.

    INPUT may be files, directories (searched recursively with --glob), "-" for standard input,
    JSONL files of {"id", "title", "text"} records, URLs, or files listing URLs one a line; --feed and
    --sitemap add every entry of an RSS/Atom feed or a (news) sitemap. Rerun the same command to
    resume: ids already in OUT.jsonl are skipped; articles whose source changed are briefed again.
    Exit code 0 when every article succeeded, 1 when some failed (see the errors file), 130 when
    interrupted.

    \b
    Examples:
      summarise batch corpus/ --out briefs --format html
      summarise batch records.jsonl --out briefs --shard 0/4
      summarise batch corpus/ --glob '*.txt' --out briefs --ray auto
      summarise batch --feed https://news.example.cn/rss.xml --since 24h --out daily --format html
    """
    web = take_web_options(options)
    if not inputs and not web.asked:
        raise click.UsageError("give an INPUT, --feed URL or --sitemap URL")
    config = config_from_options(**options)
    shard = Shard.parse(shard_spec) if shard_spec else None
    out_path = results_path(out)
    errors = Path(errors_path) if errors_path else out_path.with_name(out_path.stem + ".errors.jsonl")
    try:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        with locked_output(out_path, wait=wait):
            result = _run_locked(inputs, out_path, errors, fmt=fmt, pattern=pattern, shard=shard, limit=limit,
                                 overwrite=overwrite, ray_address=ray_address, ray_actors=ray_actors,
                                 quiet=quiet, verbose=verbose, config=config, web=web)
    except OSError as error:
        # A read-only folder, a full disk: every line already written is fsynced and stays.
        raise os_error(error, "cannot write the results", hint="lines already written are kept; "
                       "fix this and rerun the same command to resume") from None
    sys.exit(result.exit_code)


def _run_locked(inputs: tuple[str, ...], out_path: Path, errors: Path, *, fmt: str, pattern: str,
                shard: Shard | None, limit: int | None, overwrite: bool, ray_address: str | None,
                ray_actors: int, quiet: bool, verbose: bool, config: Any, web: WebOptions) -> BatchResult:
    """The run itself, while this process holds the lock on OUT.jsonl.

    A local run reads its inputs as it briefs: each input is read on its own (one that cannot be read is
    a line in the errors file), and a model batch goes as soon as enough articles are read. A Ray run
    reads every input first (with the same isolation and progress), then hands the work to the cluster.
    URLs, feeds and sitemaps are fetched first, all together, because reprints are merged across them.
    """
    from summarise.pipeline import Briefer

    if overwrite:
        out_path.unlink(missing_ok=True)
    own_files = [out_path, errors, out_path.with_suffix(".html"), out_path.with_suffix(".md"),
                 out_path.with_name(out_path.name + ".tmp"), lock_path(out_path)]
    files, urls = split_inputs(inputs)
    paths = expand_inputs(files, pattern, exclude=own_files)
    web_items = web.items(urls, out_path, max_bytes=config.max_input_bytes,
                          limit=limit if shard is None else None, quiet=quiet)
    progress = _progress(quiet=quiet, verbose=verbose)
    hide_model_loading_bars()
    file_items = iter_work_items(paths, max_bytes=config.max_input_bytes, stdin=sys.stdin.buffer,
                                 watch=progress.watch())
    items = iter_selected(chain(file_items, web_items), shard=shard, limit=limit)

    def changed(item_id: str) -> None:
        click.echo(f"summarise: source changed, briefing again: {printable(item_id)}", err=True)

    with _stop_after_batch() as stop_requested:
        run = BatchRun(out=out_path, errors=errors, batch_size=config.batch_size, progress=progress,
                       should_stop=stop_requested)
        if ray_address is not None:
            from summarise.batch.distributed import RayOptions, ray_results

            progress.start(len(paths))
            plan = plan_batch(items, out_path, on_verdict=progress.found)
            for item_id in plan.changed:
                changed(item_id)
            ray_options = RayOptions(address=None if ray_address == "local" else ray_address, actors=ray_actors)
            result = run.consume(plan, ray_results(plan.todo, config, config.batch_size, ray_options), counted=True)
        else:
            briefer = Briefer(config)
            result = run.stream(briefer, items, Resume.open(out_path), inputs=len(paths), on_changed=changed)
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


class _Tally:
    """What a run has read and briefed so far: the counts both progress displays show."""

    def __init__(self) -> None:
        self.inputs = self.read = self.found = self.skipped = self.done = 0
        self.reading: str | None = None
        self.started = time.monotonic()
        self.announced = False  # the "N article(s) to brief" line, once reading is over

    def found_item(self, verdict: str) -> None:
        self.found += 1
        self.skipped += verdict == SKIP

    @property
    def todo(self) -> int:
        return self.found - self.skipped

    @property
    def reading_over(self) -> bool:
        return self.read >= self.inputs


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
    bar = Bar(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[note]}"),
              TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(), console=console, transient=True)
    tally = _Tally()
    tasks: dict[str, Any] = {}

    def start(inputs: int) -> None:
        tally.inputs = inputs
        bar.start()
        if inputs:
            tasks["reading"] = bar.add_task("reading ", total=inputs, note="")
        tasks["briefing"] = bar.add_task("briefing", total=None, note="")

    def input_started(path: str) -> None:
        tally.reading = path
        if "reading" in tasks:
            bar.update(tasks["reading"], note=printable(path if len(path) <= 40 else "…" + path[-39:]))
        if verbose:
            console.print(f"summarise: reading {printable(path)}", markup=False, highlight=False)

    def input_finished(path: str, items: int, seconds: float) -> None:
        tally.read += 1
        if "reading" in tasks:
            bar.update(tasks["reading"], advance=1)
            if tally.reading_over:
                bar.update(tasks["reading"], note="done")

    def found(item: WorkItem, verdict: str) -> None:
        tally.found_item(verdict)
        bar.update(tasks["briefing"], total=tally.found, completed=tally.skipped + tally.done)

    def item_done(result: ItemResult) -> None:
        tally.done += 1
        bar.update(tasks["briefing"], completed=tally.skipped + tally.done)
        speed = bar.tasks[-1].speed
        bar.update(tasks["briefing"], note=f"{speed * 60:.1f} art/min" if speed else "")
        if verbose:
            console.print(f"summarise: {_article_line(result)}", markup=False, highlight=False)

    def finish(result: BatchResult) -> None:
        bar.stop()

    return Progress(start=start, input_started=input_started, input_finished=input_finished, found=found,
                    item_done=item_done, finish=finish)


def _log_progress(verbose: bool) -> Progress:
    tally = _Tally()
    last = [time.monotonic(), -1.0]  # when the last rate line went out, and at what count

    def start(inputs: int) -> None:
        tally.inputs = inputs
        if inputs:
            click.echo(f"summarise: reading {inputs} input(s); briefing starts as articles are read", err=True)
        else:
            announce()

    def announce() -> None:
        if not tally.announced:
            tally.announced = True
            click.echo(f"summarise: {tally.todo} article(s) to brief, {tally.skipped} already done", err=True)

    def input_started(path: str) -> None:
        tally.reading = path
        if verbose:
            click.echo(f"summarise: reading {printable(path)}", err=True)

    def input_finished(path: str, items: int, seconds: float) -> None:
        tally.read += 1
        if verbose or seconds >= LOG_EVERY_S:
            click.echo(f"summarise: read {printable(path)}: {items} item(s) in {seconds:.1f}s", err=True)
        if tally.reading_over:
            announce()

    def item_done(result: ItemResult) -> None:
        tally.done += 1
        now = time.monotonic()
        if verbose:
            click.echo(f"summarise: {_article_line(result)}", err=True)
        if now - last[0] >= LOG_EVERY_S or (tally.done == tally.todo and tally.reading_over):
            rate_line()

    def rate_line() -> None:
        now = time.monotonic()
        last[:] = [now, tally.done]
        line = _rate_line(tally.done, tally.todo, now - tally.started)
        if not tally.reading_over:
            line += f"; read {tally.read}/{tally.inputs} inputs so far"
        click.echo(f"summarise: {line}", err=True)

    def finish(result: BatchResult) -> None:
        if tally.done and last[1] != tally.done:
            rate_line()  # the last word on the rate, also when --limit stopped the reading early

    return Progress(start=start, input_started=input_started, input_finished=input_finished,
                    found=lambda item, verdict: tally.found_item(verdict), item_done=item_done, finish=finish)


def _rate_line(done: float, total: float, elapsed: float) -> str:
    rate = done / elapsed if elapsed > 0 else 0.0
    eta = (total - done) / rate if rate > 0 else 0.0
    return (f"{int(done)}/{int(total)} articles, {rate * 60:.1f} articles/min, "
            f"ETA {time.strftime('%H:%M:%S', time.gmtime(eta))}")


def _article_line(result: ItemResult) -> str:
    status = f"FAILED: {printable(result.error)}" if result.error else "ok"
    return f"{printable(result.item.id)} {result.seconds:.2f}s {status}"
