"""Hostile PDFs (issue 19): every attack ends in bounded time and memory with exit 2 and one line.

Each runs `summarise articles` in a subprocess under a small wrapper process that reports the run's wall
time and the peak RSS of its process tree (the CLI and the parser's worker: RUSAGE_CHILDREN of the
wrapper), so the measurement is not mixed with this test session's other children. The hostile files
are built in tests/hostile_pdfs.py, byte by byte.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from summarise.cli import main
from summarise.config import PdfLimits
from summarise.errors import InputError
from summarise.reading.bounded import Bounds, ParseOutOfMemory, ParseTimeout, run_bounded
from summarise.reading.readers import decode_bytes
from tests import hostile_pdfs

pytest.importorskip("pdfminer")

ROOT = Path(__file__).resolve().parents[1]
MAX_SECONDS = 30.0
MAX_PEAK_MB = 1024
_MEASURE = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
run = subprocess.run(sys.argv[1:], capture_output=True, text=True, timeout=120)
print(json.dumps({"rc": run.returncode, "stdout": run.stdout, "stderr": run.stderr,
                  "seconds": time.perf_counter() - started,
                  "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def measured_cli(args: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    """`summarise ARGS` in a fresh process tree: exit code, output, wall seconds and peak RSS (MB)."""
    environment = {**os.environ, **(env or {})}
    wrapper = subprocess.run([sys.executable, "-c", _MEASURE, sys.executable, "-m", "summarise", *args],
                             capture_output=True, text=True, timeout=180, check=True, env=environment, cwd=ROOT)
    result: dict[str, Any] = json.loads(wrapper.stdout)
    return result


def _assert_refused(result: dict[str, Any], *phrases: str) -> None:
    assert result["rc"] == 2, result
    assert result["stdout"] == ""
    lines = result["stderr"].strip().splitlines()
    assert len(lines) == 1, result["stderr"]
    for phrase in phrases:
        assert phrase in lines[0], lines[0]
    assert result["seconds"] < MAX_SECONDS, result["seconds"]
    assert result["peak_mb"] < MAX_PEAK_MB, result["peak_mb"]


ATTACKS: dict[str, tuple[Callable[[], bytes], tuple[str, ...], dict[str, str]]] = {
    # 742 bytes in the issue: pdfminer resolved 10 0 R -> 11 0 R -> 10 0 R forever at 100% CPU.
    "mediabox-cycle": (hostile_pdfs.mediabox_cycle,
                       ("took longer than 3 s", "SUMMARISE_PDF_TIMEOUT"), {"SUMMARISE_PDF_TIMEOUT": "3"}),
    # 911 bytes: a ToUnicode CMap of 4 billion codes grew at 130 MB/s until the kernel killed it.
    "cmap-bfrange": (hostile_pdfs.cmap_bfrange, ("character map declares more than",), {}),
    "cmap-cidrange": (hostile_pdfs.cmap_cidrange, ("character map declares more than",), {}),
    # A 1 MB file whose content stream inflates to 1 GiB took 2 GB.
    "inflates-to-1-gib": (lambda: hostile_pdfs.inflates_to(1 << 30),
                          ("decompress to more than 100 MB", "SUMMARISE_PDF_MAX_INFLATED_MB"), {}),
    # A file of some kilobytes flated twice over 8 GiB of zeros needed more than 8 GB.
    "flated-twice": (lambda: hostile_pdfs.flated_twice(8 << 30), ("decompress to more than 100 MB",), {}),
    # An 8.8 KB page of 4 million glyphs took 50 s and 2.8 GB.
    "four-million-glyphs": (lambda: hostile_pdfs.many_glyphs(4_000_000),
                            ("draws more than 100,000 glyphs", "SUMMARISE_PDF_MAX_GLYPHS"), {}),
}


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_attack_ends_with_exit_2_one_line_in_bounded_time_and_memory(tmp_path: Path, name: str) -> None:
    build, phrases, env = ATTACKS[name]
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(build())
    _assert_refused(measured_cli(["articles", str(path)], env), f"{path}:", *phrases)


def test_the_address_space_limit_stops_what_a_raised_cap_lets_through(tmp_path: Path) -> None:
    path = tmp_path / "bomb.pdf"
    path.write_bytes(hostile_pdfs.inflates_to(1 << 30))
    result = measured_cli(["articles", str(path)],
                          {"SUMMARISE_PDF_MAX_INFLATED_MB": "4000", "SUMMARISE_PDF_MEMORY_MB": "256"})
    _assert_refused(result, "parsing needs more than 256 MB of memory", "SUMMARISE_PDF_MEMORY_MB")
    assert result["peak_mb"] < 256 + 100  # the budget, plus what the worker started with


def test_the_attack_files_are_as_small_as_the_issue_says() -> None:
    # What makes them attacks: tiny inputs, well under the 5 MB input limit, with unbounded work inside.
    assert len(hostile_pdfs.mediabox_cycle()) < 1000
    assert len(hostile_pdfs.cmap_bfrange()) < 1500
    assert len(hostile_pdfs.inflates_to(1 << 30)) < 1_100_000
    assert len(hostile_pdfs.flated_twice(8 << 30)) < 25_000
    assert len(hostile_pdfs.many_glyphs(4_000_000)) < 10_000


def test_brief_refuses_a_hanging_pdf_before_any_model_loads(tmp_path: Path) -> None:
    path = tmp_path / "cycle.pdf"
    path.write_bytes(hostile_pdfs.mediabox_cycle())
    result = measured_cli(["brief", str(path), "--summariser", str(tmp_path / "no-such-model")],
                          {"SUMMARISE_PDF_TIMEOUT": "2"})
    _assert_refused(result, "parsing took longer than 2 s")


def test_the_default_limits_end_every_attack_within_the_issue_bounds() -> None:
    limits = PdfLimits()
    assert limits.timeout <= 25  # the endless loop ends at the wall clock: 30 s at most, start-up included
    assert limits.memory_mb < MAX_PEAK_MB - 200  # the budget plus the interpreter stays under 1 GB


LINES = ["西宁市今年引进项目18个,完成投资96.3亿元。", "园区同步建设储能电站6座。"]


def test_zero_width_glyphs_still_read_as_text() -> None:
    # pdfminer cannot group glyphs without width into lines: the page read as "no text layer".
    page = decode_bytes(hostile_pdfs.zero_width_chinese(LINES), source="zero-width.pdf")
    assert page.text == "".join(LINES)


def test_pdfminer_log_lines_never_reach_stderr(tmp_path: Path) -> None:
    path = tmp_path / "noisy.pdf"
    path.write_bytes(hostile_pdfs.noisy_chinese(LINES))
    run = subprocess.run([sys.executable, "-m", "summarise", "articles", str(path)], capture_output=True,
                         text=True, timeout=120, check=False, cwd=ROOT)
    # pdfminer warns "Cannot concatenate matrix ..." about the page; the user sees only the article.
    assert (run.returncode, run.stderr) == (0, "")
    assert json.loads(run.stdout)["body"] == "".join(LINES)


def test_a_hanging_pdf_in_a_batch_is_an_errors_line_and_the_good_article_is_briefed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from summarise.config import BriefConfig
    from summarise.pipeline import Briefer
    from summarise.testing.fakes import FakeSummariser, FakeTranslator

    monkeypatch.setattr("summarise.pipeline.Briefer", lambda config: Briefer(
        config, summariser=FakeSummariser(), translator=FakeTranslator()))
    monkeypatch.setenv("SUMMARISE_PDF_TIMEOUT", "2")
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a-cycle.pdf").write_bytes(hostile_pdfs.mediabox_cycle())
    (inputs / "b-bomb.pdf").write_bytes(hostile_pdfs.inflates_to(1 << 30))
    (inputs / "c-good.txt").write_text("青海投资\n本报讯(记者 张三)青海省今年招商引资到位资金22.7亿元,完成目标任务的113.6%。\n",
                                       encoding="utf-8")
    errors = tmp_path / "failed.jsonl"
    result = CliRunner().invoke(main, ["batch", str(inputs), "--out", str(tmp_path / "o"), "--errors", str(errors),
                                       "-q"])
    assert result.exit_code == 1, result.output  # some inputs failed; the good one was briefed
    briefs = [json.loads(line) for line in (tmp_path / "o.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(briefs) == 1 and briefs[0]["headline"]
    failed = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    reasons = " | ".join(line["reason"] for line in failed)
    assert len(failed) == 2 and "took longer than 2 s" in reasons and "decompress to more than" in reasons
    assert BriefConfig().pdf_limits == PdfLimits()


# -- the bounded worker itself -----------------------------------------------------------------------


def _allocate(megabytes: int) -> int:
    return len(bytearray(megabytes << 20))


def _spin() -> None:
    while True:
        pass


def _refuse(message: str) -> None:
    raise InputError(message)


def test_worker_returns_the_result_and_the_function_s_own_input_error() -> None:
    bounds = Bounds(10.0, 256)
    assert run_bounded(_allocate, 16, bounds=bounds, source="x") == 16 << 20
    with pytest.raises(InputError, match="^bad file$"):
        run_bounded(_refuse, "bad file", bounds=bounds, source="x")


def test_worker_turns_a_memory_breach_into_one_line() -> None:
    with pytest.raises(ParseOutOfMemory, match=r"^x.pdf: parsing needs more than 64 MB of memory \(raise it with V\)$"):
        run_bounded(_allocate, 512, bounds=Bounds(10.0, 64, memory_setting="V"), source="x.pdf")


def test_worker_kills_an_endless_loop_at_the_deadline() -> None:
    with pytest.raises(ParseTimeout, match=r"^x.pdf: parsing took longer than 0.5 s \(T\)$"):
        run_bounded(_spin, bounds=Bounds(0.5, 64, seconds_setting="T"), source="x.pdf")


def test_worker_runs_from_threads_side_by_side() -> None:
    # A batch may read inputs from a thread pool: each call forks its own child and gets its own answer.
    from concurrent.futures import ThreadPoolExecutor

    bounds = Bounds(20.0, 256)
    with ThreadPoolExecutor(4) as pool:
        sizes = list(pool.map(lambda n: run_bounded(_allocate, n, bounds=bounds, source="x"), [1, 2, 3, 4, 5, 6]))
    assert sizes == [n << 20 for n in [1, 2, 3, 4, 5, 6]]


def test_pdf_limits_resolve_from_flags_then_environment_then_defaults() -> None:
    from summarise.config import resolve_config, resolve_pdf_limits
    from summarise.errors import ConfigError

    environ = {"SUMMARISE_PDF_TIMEOUT": "4.5", "SUMMARISE_PDF_MAX_GLYPHS": "5000"}
    assert resolve_pdf_limits(environ) == PdfLimits(timeout=4.5, max_glyphs=5000)
    assert resolve_pdf_limits(environ, pdf_timeout=2.0).timeout == 2.0
    assert resolve_config(environ, pdf_memory_mb=300).pdf_limits == PdfLimits(4.5, 300, 100, 5000)
    # An unrelated bad setting does not stop a PDF from being read through the API.
    assert resolve_pdf_limits({"SUMMARISE_ENGINE": "llm"}) == PdfLimits()
    for bad in ({"SUMMARISE_PDF_TIMEOUT": "0"}, {"SUMMARISE_PDF_MEMORY_MB": "-1"}, {"SUMMARISE_PDF_MAX_GLYPHS": "x"}):
        with pytest.raises(ConfigError, match="SUMMARISE_PDF_"):
            resolve_pdf_limits(bad)


def test_a_lower_glyph_cap_from_the_api_applies() -> None:
    with pytest.raises(InputError, match="more than 20 glyphs"):
        decode_bytes(hostile_pdfs.chinese_page(LINES), source="p.pdf", pdf_limits=PdfLimits(max_glyphs=20))


def test_the_api_reads_pdf_bytes_under_the_briefer_s_limits() -> None:
    from summarise.config import BriefConfig
    from summarise.pipeline import Briefer
    from summarise.testing.fakes import FakeSummariser, FakeTranslator

    briefer = Briefer(BriefConfig(pdf_timeout=1.0), summariser=FakeSummariser(), translator=FakeTranslator())
    with pytest.raises(ParseTimeout, match="took longer than 1 s"):
        briefer.brief(hostile_pdfs.mediabox_cycle())
    [brief] = briefer.brief(hostile_pdfs.chinese_page(LINES))
    assert brief.summary


def test_the_character_maps_a_worker_loaded_are_kept_for_the_next_one() -> None:
    # Loading the CJK maps costs 0.1-0.3 s: a batch of PDFs pays it once, not in every worker.
    from pdfminer.cmapdb import CMapDB

    CMapDB._cmap_cache.pop("UniGB-UCS2-H", None)
    page = decode_bytes(hostile_pdfs.chinese_page(LINES), source="p.pdf")
    assert page.text == "".join(LINES)
    assert "UniGB-UCS2-H" in CMapDB._cmap_cache
