"""Reading is part of a batch's per-item isolation (issue 19, item 1): an input whose reader crashes, or
gives up over its limits, is one line in the errors file while every other input is briefed; briefs are
written as articles are read, so a slow input never holds back the ones before it; progress is shown
while inputs are read. The readers here are fakes registered for their own suffixes."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from click.testing import CliRunner

from summarise.batch import Resume, Shard, iter_selected, iter_work_items
from summarise.cli import main
from summarise.errors import InputError
from summarise.reading import readers
from summarise.reading.readers.base import Reader
from summarise.types import Page
from tests.measured import FAKE_CLI, run_measured
from tests.test_batch_cli import fake_engines, read_lines  # noqa: F401 - fake_engines is a fixture

GOOD = "青海省今年招商引资到位资金22.7亿元,完成目标任务的113.6%。\n"
HANG_SECONDS = 1.5


class OverLimits(InputError):
    """What a bounded parser raises for an input past its limits (the PDF worker's kind of error)."""


class CrashingReader(Reader):
    """A reader that falls over the way a third-party parser does: an untyped exception."""

    name = "crash"
    suffixes = (".crash",)

    def read_file(self, path: Path, *, source: str, max_bytes: int) -> Iterator[Page | InputError]:
        raise RuntimeError("the parser fell over")


class HangingReader(Reader):
    """A reader that hangs, then gives up over its limits; on being called it records what OUT.jsonl
    held at that moment, which shows whether earlier briefs were written before it was reached."""

    name = "hang"
    suffixes = (".hang",)
    out: ClassVar[Path | None] = None
    lines_when_called: ClassVar[list[int]] = []
    calls: ClassVar[list[str]] = []

    def read_file(self, path: Path, *, source: str, max_bytes: int) -> Iterator[Page | InputError]:
        HangingReader.calls.append(source)
        if HangingReader.out is not None:
            text = HangingReader.out.read_text() if HangingReader.out.exists() else ""
            HangingReader.lines_when_called.append(text.count("\n"))
        time.sleep(HANG_SECONDS)
        raise OverLimits(f"{source}: still parsing after {HANG_SECONDS} s, over the time limit")


@pytest.fixture(autouse=True)
def fake_readers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(readers.READERS, "crash", CrashingReader)
    monkeypatch.setitem(readers.READERS, "hang", HangingReader)
    monkeypatch.setattr(HangingReader, "out", None)
    monkeypatch.setattr(HangingReader, "lines_when_called", [])
    monkeypatch.setattr(HangingReader, "calls", [])


def write_inputs(folder: Path, names: list[str]) -> None:
    folder.mkdir()
    for index, name in enumerate(names):
        (folder / name).write_text(f"第{index}篇\n\n本报讯(记者 张三){GOOD}", encoding="utf-8")


def batch(args: list[str]) -> Any:
    return CliRunner().invoke(main, ["batch", *args])


def test_work_items_isolate_a_crashing_and_an_over_limit_reader(tmp_path: Path) -> None:
    write_inputs(tmp_path / "in", ["a.txt", "b.crash", "c.hang", "d.txt"])
    items = list(iter_work_items([str(p) for p in sorted((tmp_path / "in").iterdir())], max_bytes=10**6,
                                 stdin=None))
    assert [(Path(i.path).name, i.error is None) for i in items] == [
        ("a.txt", True), ("b.crash", False), ("c.hang", False), ("d.txt", True)]
    assert items[1].error == "reading failed: RuntimeError: the parser fell over"
    assert items[2].error is not None and "over the time limit" in items[2].error


@pytest.mark.usefixtures("fake_engines")
def test_a_batch_goes_on_past_inputs_that_crash_or_hang_and_lists_them(tmp_path: Path) -> None:
    write_inputs(tmp_path / "in", ["a.txt", "b.txt", "c.hang", "d.crash", "e.txt"])
    out = tmp_path / "out"
    HangingReader.out = out.with_suffix(".jsonl")
    started = time.monotonic()
    result = batch([str(tmp_path / "in"), "--out", str(out), "--batch-size", "1"])
    assert time.monotonic() - started < 60
    assert result.exit_code == 1, result.output
    assert "3 succeeded, 2 failed, 0 skipped" in result.output
    assert sorted(Path(line["source"]["path"]).name for line in read_lines(out.with_suffix(".jsonl"))) == [
        "a.txt", "b.txt", "e.txt"]
    errors = {Path(line["path"]).name: line["reason"] for line in read_lines(tmp_path / "out.errors.jsonl")}
    assert errors == {"c.hang": f"{tmp_path / 'in' / 'c.hang'}: still parsing after {HANG_SECONDS} s, over the "
                                f"time limit", "d.crash": "reading failed: RuntimeError: the parser fell over"}
    # The two inputs read before the hanging one were briefed and written before it was even opened.
    assert HangingReader.lines_when_called == [2]


@pytest.mark.usefixtures("fake_engines")
def test_a_rerun_retries_the_failed_inputs_and_skips_the_briefed_ones(tmp_path: Path) -> None:
    write_inputs(tmp_path / "in", ["a.txt", "b.hang"])
    out = tmp_path / "out"
    assert batch([str(tmp_path / "in"), "--out", str(out), "-q"]).exit_code == 1
    again = batch([str(tmp_path / "in"), "--out", str(out), "-q"])
    assert "0 succeeded, 1 failed, 1 skipped" in again.output
    assert len(HangingReader.calls) == 2  # an input that failed is read again on every rerun


@pytest.mark.usefixtures("fake_engines")
def test_progress_lines_appear_while_inputs_are_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("summarise.cli.batch.LOG_EVERY_S", 1.0)
    write_inputs(tmp_path / "in", ["a.txt", "b.hang", "c.txt"])
    result = batch([str(tmp_path / "in"), "--out", str(tmp_path / "out"), "-v", "--batch-size", "1"])
    lines = result.output.splitlines()
    assert lines[0] == "summarise: reading 3 input(s); briefing starts as articles are read"
    reading = [n for n, line in enumerate(lines) if line.startswith("summarise: reading ") and "b.hang" in line]
    slow = [n for n, line in enumerate(lines) if "b.hang: 1 item(s) in 1.5s" in line]
    briefed_a = [n for n, line in enumerate(lines) if "a.txt#0-" in line and line.endswith(" ok")]
    assert reading and slow and briefed_a and briefed_a[0] < reading[0] < slow[0]
    assert any("FAILED: " in line and "over the time limit" in line for line in lines)
    # Counted once reading is over (the unreadable input counts: it is one line of the errors file).
    assert "summarise: 3 article(s) to brief, 0 already done" in lines
    # -v ends with what each stage cost, between the last progress line and the totals.
    assert lines[-3].startswith("summarise: 3/3 articles, ") and lines[-1].startswith("summarise: 2 succeeded")
    assert lines[-2].startswith("summarise: two-stage strategy: summarise ")


def test_limit_stops_reading_once_enough_items_are_chosen(tmp_path: Path) -> None:
    write_inputs(tmp_path / "in", ["a.txt", "b.txt", "c.hang"])
    paths = [str(p) for p in sorted((tmp_path / "in").iterdir())]
    chosen = list(iter_selected(iter_work_items(paths, max_bytes=10**6, stdin=None), limit=2))
    assert [Path(i.path).name for i in chosen] == ["a.txt", "b.txt"]
    assert HangingReader.calls == []  # the third input was never opened


def test_streamed_shards_and_limits_choose_what_a_read_ahead_list_would(tmp_path: Path) -> None:
    write_inputs(tmp_path / "in", [f"{n}.txt" for n in range(12)])
    paths = [str(p) for p in sorted((tmp_path / "in").iterdir())]
    every = list(iter_work_items(paths, max_bytes=10**6, stdin=None))
    for shard, limit in ((Shard(1, 3), None), (Shard(0, 2), 3), (None, 5)):
        streamed = iter_selected(iter_work_items(paths, max_bytes=10**6, stdin=None), shard=shard, limit=limit)
        expected = [i for i in every if shard is None or shard.holds(i.id)][:limit]
        assert [i.id for i in streamed] == [i.id for i in expected]


def test_stale_lines_leave_only_when_the_run_ends_and_appended_lines_stay(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    old = {"id": "p.txt#0-aaaaaaaaaa", "source": {"sha256": "a"}}
    other = {"id": "q.txt#0-bbbbbbbbbb", "source": {"sha256": "b"}}
    out.write_text(json.dumps(old) + "\n" + json.dumps(other) + "\n")
    resume = Resume.open(out)
    from summarise.batch import CHANGED, WorkItem

    item = WorkItem(id="p.txt#0-cccccccccc", path="p.txt", sha256="c", slot="p.txt#0")
    assert resume.verdict(item) == CHANGED
    with out.open("a") as handle:  # the new brief, appended while the run goes on
        handle.write(json.dumps({"id": item.id, "source": {"sha256": "c"}}) + "\n")
    assert len(out.read_text().splitlines()) == 3  # the stale line stays until the run is over
    resume.drop_stale()
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == [other["id"], item.id]


HANGING_DRIVER = """
import signal, time
from summarise.errors import InputError
from summarise.reading import readers
from summarise.reading.readers.base import Reader

class Hang(Reader):
    name = "hang"
    suffixes = (".hang",)

    def read_file(self, path, *, source, max_bytes):
        def over(*args):
            raise InputError(f"{source}: over the time limit")
        signal.signal(signal.SIGALRM, over)
        signal.alarm(2)
        time.sleep(3600)  # never returns on its own

readers.READERS["hang"] = Hang
"""


def test_a_batch_child_with_a_hanging_reader_ends_in_bounds(tmp_path: Path) -> None:
    # The real CLI in a child process, with a reader that never returns on its own: a SIGALRM stands in
    # for the bounded worker's time limit, and the child must end with the good inputs briefed.
    write_inputs(tmp_path / "in", ["a.txt", "b.hang", "c.txt"])
    driver = tmp_path / "driver.py"
    driver.write_text(HANGING_DRIVER + FAKE_CLI, encoding="utf-8")
    done = run_measured([str(driver), "batch", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "-q"],
                        cwd=tmp_path, timeout=60)
    print(f"hanging reader in a batch: {done.seconds:.1f} s, {done.peak_mb:.0f} MB peak")
    assert done.returncode == 1, done.stderr
    assert "2 succeeded, 1 failed" in done.stderr and done.within_bounds()
    assert [Path(e["path"]).name for e in read_lines(tmp_path / "out.errors.jsonl")] == ["b.hang"]


def test_a_streamed_run_stops_when_asked_and_a_rerun_finishes_it(tmp_path: Path) -> None:
    from summarise.batch import BatchRun
    from tests.test_batch import fake_briefer, items_for, lines_of, make_article

    out = tmp_path / "out.jsonl"
    items = items_for([make_article(n) for n in range(7)])
    asked: list[int] = []
    stop = BatchRun(out, tmp_path / "e", batch_size=3, should_stop=lambda: len(asked) > 0)
    stop.progress.item_done = lambda result: asked.append(1)  # ask to stop once the first batch is written
    first = stop.stream(fake_briefer(), iter(items), Resume.open(out))
    assert first.interrupted and first.exit_code == 130 and first.succeeded == 3
    again = BatchRun(out, tmp_path / "e", batch_size=3).stream(fake_briefer(), iter(items), Resume.open(out))
    assert (again.succeeded, again.skipped, again.interrupted) == (4, 3, False)
    assert [line["id"] for line in lines_of(out)] == [i.id for i in items]
