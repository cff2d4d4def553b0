"""`summarise batch` end to end: a real subprocess killed with SIGKILL and resumed, and the CLI options."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from summarise.batch import expand_inputs, iter_work_items
from summarise.cli import main
from summarise.config import BriefConfig
from summarise.pipeline import Briefer
from summarise.testing.fakes import FakeSummariser, FakeTranslator
from tests.test_batch import write_variant_corpus

ROOT = Path(__file__).resolve().parents[1]
RECORDS = [
    {"id": "rec-ok-1", "title": "青海投资", "text": "青海省今年招商引资到位资金22.7亿元,完成目标任务的113.6%。"},
    {"id": "rec-ok-2", "title": "西宁志愿者", "text": "西宁市有4000多名志愿者参加服务,满意度在95%以上。"},
    {"id": "rec-empty", "title": "空白", "text": "   "},
]


def write_batch_inputs(directory: Path, copies: int) -> None:
    """Variant pages, JSONL records (one of them empty), and a binary file that cannot be decoded."""
    write_variant_corpus(directory / "pages", copies)
    lines = [json.dumps(r, ensure_ascii=False) for r in RECORDS] + ["{this is not json"]
    (directory / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (directory / "scan.bin").write_bytes(bytes(range(256)) * 8)


def expected_ids(directory: Path) -> tuple[set[str], set[str]]:
    """The ids a full run must write, and the ids of the inputs that must fail."""
    items = list(iter_work_items(expand_inputs([str(directory)]), max_bytes=10**7, stdin=None))
    return {i.id for i in items if i.error is None}, {i.id for i in items if i.error is not None}


def read_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_sigkill_mid_run_then_rerun_gives_every_article_exactly_once(tmp_path: Path, tiny_models: Any) -> None:
    inputs = tmp_path / "in"
    write_batch_inputs(inputs, copies=6)
    good, bad = expected_ids(inputs)
    out = tmp_path / "out" / "night"
    command = [sys.executable, "-m", "summarise", "batch", str(inputs), "--out", str(out), "--format", "html",
               "--batch-size", "4", "--max-new-tokens", "16", "--summariser", str(tiny_models.summariser),
               "--translator", str(tiny_models.translator), "--device", "cpu", "--engine", "torch"]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}
    results = out.with_suffix(".jsonl")

    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if results.exists() and results.read_bytes().count(b"\n") >= 4:  # the first batch is down
            break
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, process.stderr.read().decode() if process.stderr else ""
    written = results.read_bytes().count(b"\n")
    assert 4 <= written < len(good), "the run must be killed part-way"
    with results.open("ab") as handle:  # as if the kill had landed inside a write
        handle.write(b'{"id": "half-written')

    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert rerun.returncode == 1, rerun.stderr  # the empty record, bad JSON line and binary file failed
    lines = read_lines(results)  # every line parses
    ids = [line["id"] for line in lines]
    assert len(ids) == len(set(ids)) and set(ids) == good and len(good) >= 30
    failures = read_lines(results.with_name("night.errors.jsonl"))
    assert {f["id"] for f in failures} == bad and len(bad) == 3
    assert all(f["reason"] and f["path"] for f in failures)
    summary = rerun.stderr.strip().splitlines()
    assert any(f"{len(good) - written} succeeded, 3 failed, {written} skipped" in s for s in summary), summary
    digest = out.with_suffix(".html").read_text(encoding="utf-8")
    assert digest.count('class="headline"') == len(good)


@pytest.fixture
def fake_engines(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI's Briefer with fake engines, so option handling is tested without models."""

    def briefer(config: BriefConfig) -> Briefer:
        return Briefer(config, summariser=FakeSummariser(), translator=FakeTranslator())

    monkeypatch.setattr("summarise.pipeline.Briefer", briefer)


def run_cli(args: list[str], stdin: str | None = None) -> Any:
    return CliRunner().invoke(main, ["batch", *args], input=stdin)


@pytest.mark.usefixtures("fake_engines")
def test_shards_via_the_cli_cover_the_whole_once(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    write_variant_corpus(inputs, copies=3)
    whole = run_cli([str(inputs), "--out", str(tmp_path / "whole"), "-q"])
    assert whole.exit_code == 0, whole.output
    all_ids = [line["id"] for line in read_lines(tmp_path / "whole.jsonl")]
    shard_ids: list[str] = []
    for index in range(3):
        result = run_cli([str(inputs), "--out", str(tmp_path / f"s{index}"), "--shard", f"{index}/3", "-q"])
        assert result.exit_code == 0, result.output
        shard_ids += [line["id"] for line in read_lines(tmp_path / f"s{index}.jsonl")]
    assert sorted(shard_ids) == sorted(all_ids) and len(set(shard_ids)) == len(shard_ids)


@pytest.mark.usefixtures("fake_engines")
def test_jsonl_records_from_stdin_keep_their_ids(tmp_path: Path) -> None:
    records = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS[:2])
    result = run_cli(["-", "--out", str(tmp_path / "o"), "--format", "markdown"], stdin=records)
    assert result.exit_code == 0, result.output
    assert [line["id"] for line in read_lines(tmp_path / "o.jsonl")] == ["rec-ok-1", "rec-ok-2"]
    assert (tmp_path / "o.md").read_text(encoding="utf-8").startswith("# News digest")


@pytest.mark.usefixtures("fake_engines")
def test_limit_overwrite_and_errors_path(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    write_batch_inputs(inputs, copies=2)
    errors = tmp_path / "failed.jsonl"
    first = run_cli([str(inputs), "--out", str(tmp_path / "o"), "--limit", "4", "--errors", str(errors), "-q"])
    assert first.exit_code == 0 and len(read_lines(tmp_path / "o.jsonl")) == 4
    full = run_cli([str(inputs), "--out", str(tmp_path / "o"), "--errors", str(errors), "-q"])
    assert full.exit_code == 1 and "succeeded, 3 failed, 4 skipped" in full.output
    assert len(read_lines(errors)) == 3
    fresh = run_cli([str(inputs), "--out", str(tmp_path / "o"), "--overwrite", "--limit", "2", "-q"])
    assert fresh.exit_code == 0 and "2 succeeded, 0 failed, 0 skipped" in fresh.output
    assert len(read_lines(tmp_path / "o.jsonl")) == 2


@pytest.mark.usefixtures("fake_engines")
@pytest.mark.parametrize(("flags", "progress_lines", "article_lines"), [
    ([], True, False), (["-v"], True, True), (["-q"], False, False), (["-q", "-v"], False, False),
])
def test_progress_output_when_stderr_is_not_a_terminal(
    tmp_path: Path, flags: list[str], progress_lines: bool, article_lines: bool
) -> None:
    inputs = tmp_path / "in"
    write_variant_corpus(inputs, copies=1)
    count = len(expected_ids(inputs)[0])
    result = run_cli([str(inputs), "--out", str(tmp_path / "o"), *flags])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[-1].startswith(f"summarise: {count} succeeded, 0 failed, 0 skipped")
    assert any(f"{count}/{count} articles, " in line and " articles/min, ETA " in line
               for line in lines) == progress_lines
    assert sum(line.endswith(" ok") for line in lines) == (count if article_lines else 0)


@pytest.mark.parametrize(("args", "message"), [
    (["--shard", "4/4"], "--shard takes i/n"),
    (["--limit", "0"], "Invalid value for '--limit'"),
])
def test_bad_options_fail_with_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "a.txt").write_text("标题\n正文。", encoding="utf-8")
    result = run_cli([str(tmp_path / "a.txt"), "--out", str(tmp_path / "o"), *args])
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output


def test_missing_input_path_fails_before_any_work(tmp_path: Path) -> None:
    result = run_cli([str(tmp_path / "missing"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "missing: no such file or directory" in result.output
    assert not (tmp_path / "o.jsonl").exists()


@pytest.mark.usefixtures("fake_engines")
def test_changed_record_is_rebriefed_and_reported(tmp_path: Path) -> None:
    records = tmp_path / "records.jsonl"
    records.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS[:2]), encoding="utf-8")
    assert run_cli([str(records), "--out", str(tmp_path / "o"), "-q"]).exit_code == 0
    before = {line["id"]: line for line in read_lines(tmp_path / "o.jsonl")}
    changed = [RECORDS[0], {**RECORDS[1], "text": "西宁市有5000多名志愿者参加服务。"}]
    records.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in changed), encoding="utf-8")
    result = run_cli([str(records), "--out", str(tmp_path / "o"), "-q"])
    assert result.exit_code == 0, result.output
    assert "source changed, briefing again: rec-ok-2" in result.output
    assert "1 succeeded, 0 failed, 1 skipped" in result.output
    after = {line["id"]: line for line in read_lines(tmp_path / "o.jsonl")}
    assert len(read_lines(tmp_path / "o.jsonl")) == 2 and after["rec-ok-1"] == before["rec-ok-1"]
    assert after["rec-ok-2"]["source"]["sha256"] != before["rec-ok-2"]["source"]["sha256"]
