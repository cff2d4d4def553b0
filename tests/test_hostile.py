"""Hostile input and concurrent runs (issue 14): each case a user could throw at the tool, as a real test.

Every case asserts the behaviour a demanding user expects: linear time on pathological text, one bad
record isolated into the errors file, one line and exit 2 for bad input, never "internal error".
"""

from __future__ import annotations

import errno
import io
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from summarise.batch import LineLog
from summarise.cli import main
from summarise.errors import InputError
from summarise.figures import extract_figures
from summarise.pipeline import Briefer
from summarise.reading.html_text import html_to_text
from summarise.reading.readers import decode_bytes, iter_pages
from summarise.reading.records import BadRecord, Record, parse_record
from summarise.testing.fakes import FakeSummariser, FakeTranslator
from summarise.types import Page

# -- figure extraction is linear and never raises --------------------------------------------------


def _best_time(work: Callable[[str], object], text: str, repeats: int = 3) -> float:
    """The fastest of a few runs: the least noisy estimate on a shared machine."""
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        work(text)
        best = min(best, time.perf_counter() - started)
    return best


def _assert_linear(work: Callable[[str], object], head: str, shape: str, size: int) -> None:
    # Quadratic work shows as a ratio near 16 at four times the input; linear work near 4. A second
    # try absorbs a burst of load from other processes; quadratic work fails both.
    ratios = []
    for _ in range(2):
        small = _best_time(work, head + shape * size)
        large = _best_time(work, head + shape * size * 4)
        ratios.append(large / max(small, 1e-3))
        if ratios[-1] <= 6:
            break
    assert min(ratios) <= 6, f"{shape!r}: time at {4 * size} over time at {size}: {ratios}"


@pytest.mark.parametrize(("shape", "size"), [("陈", 3000), ("省委书记陈刚", 400), ("约翰·", 800), ("西宁市", 800),
                                             ("斯", 3000), ("、王", 1500), ("据《新华社》记者", 300),
                                             ("经济技术开发区", 300), ("记者", 1500), ("大卫-", 800),
                                             ("总裁RobinWinks说", 300), ("Grand", 1500), ("西吉县红耀乡", 400),
                                             ("所长郑庆生", 500), ("华杰尼玛", 800), ("北京、柯桥", 600),
                                             ("大涧村大涧", 500), ("广东沙角B电厂", 400), ("莫宁赛德山", 600),
                                             ("53号大街", 600), ("根据中俄领导人", 400), (",于欢说", 600),
                                             ("姐姐埃比无疑", 400), ("约翰洛克菲勒", 400), ("泽连斯基", 600),
                                             ("会见阿巴西时", 500), ("格拉斯伯格", 600), ("金山银山", 600),
                                             ("帕尼艾县", 600), ("东外环路", 600), ("网络中信息", 500),
                                             ("科林伍德区", 500), ("耐克中国公司", 400), ("国肽、洋木水进等企业", 400),
                                             ("、洋木", 1500), ("“八国联盟”", 500), ("雅安市雨城区民生救援队", 300),
                                             ("宝洁（中国）有限公司", 400), ("北京市第三中级人民法院", 300),
                                             ("国务院发展研究中心技术经济研究部", 200), ("成都温江五医院", 400),
                                             ("高科技巨头阿里巴巴集团", 300)])
def test_names_grow_linearly(shape: str, size: int) -> None:
    from summarise.names import extract_names

    extract_names("初始化:西宁")  # the dictionaries load once, outside the timing
    # Linear work doubles with twice the input, quadratic work quadruples; a second try absorbs a
    # burst of load from other processes, quadratic work fails both.
    ratios = []
    for _ in range(2):
        small = _best_time(extract_names, shape * size)
        large = _best_time(extract_names, shape * size * 2)
        ratios.append(large / max(small, 1e-3))
        if ratios[-1] <= 3:
            break
    assert min(ratios) <= 3, f"{shape!r}: time at {2 * size} over time at {size}: {ratios}"


@pytest.mark.parametrize(("shape", "size"), [("1%", 1500), ("一", 25000), ("百分点", 1500), ("22.7亿元,", 1000),
                                           ("每亩5公斤", 1000), ("亩产5吨/亩", 1000)])
def test_figure_extraction_grows_linearly(shape: str, size: int) -> None:
    _assert_linear(extract_figures, "", shape, size)


# -- HTML reading is linear and never raises ---------------------------------------------------------

_HTML_HEAD = "<html><body><h1>标题</h1><p>" + "本报讯(记者 张三)开发区管委会积极开展精准招商,引进一批项目。" * 3 + "</p>"


def _read_html(markup: str) -> object:
    return decode_bytes(markup.encode("utf-8"), source="page.html")


# html.parser took 35 s on '<a ' * 16000 and 40 s on '<p a="' * 16000 (quadratic on unclosed tags).
@pytest.mark.parametrize("shape", ['<a ', '<p a="', "<!--", "<![", "<div>", "<p>中"])
def test_html_reading_grows_linearly(shape: str) -> None:
    _assert_linear(_read_html, _HTML_HEAD, shape, 3000)


@pytest.mark.parametrize(
    "markup",
    ["<![", "<![CDATA[", "<!", "</", "<a b='\x00'>中文内容。</a>", "<p>中\x00文</p>", "<" * 5000, "<!DOCTYPE" * 200,
     "<?xml version='1.0'?>" + "<p>新闻内容,继续。</p>", "<svg><title>x</title></svg><title>标题</title>"],
)
def test_html_to_text_never_raises(markup: str) -> None:
    html = html_to_text(markup)  # html.parser raised AssertionError on "<!["
    assert "\x00" not in html.text and "\x00" not in "".join(html.headings)
    assert "<![" not in html.text and "<!--" not in html.text  # declarations never leak into the text


def test_html_text_after_broken_markup_is_kept() -> None:
    html = html_to_text("<![ <p>第一段新闻。</p><!-- <p>注释</p> --><p a='1' b=>第二段</p><p>第三段新闻。</p>")
    assert "第一段新闻。" in html.text and "第三段新闻。" in html.text and "注释" not in html.text


@pytest.mark.parametrize(
    "text",
    [
        "一" * 5000 + "中全会",  # a 5,000-digit ordinal once raised ValueError (int to str limit)
        "1" * 5000 + "%",
        "1" * 5000 + "中全会",
        "十" * 3000 + "大",
        "第" + "9" * 5000 + "轮",
        "百分之" + "9" * 5000,
        "9" * 5000 + "分之一",
        "二〇" * 3000 + "年",
    ],
)
def test_extract_figures_never_raises(text: str) -> None:
    figures = extract_figures(text)
    assert all(text[f.start:f.end] == f.text for f in figures)


def test_plenum_names_still_read_after_the_linear_rewrite() -> None:
    figures = extract_figures("党的二十届三中全会和十一届三中全会")
    assert [(f.text, f.english) for f in figures if f.kind == "name"] == [
        ("三中全会", "third plenary session"), ("三中全会", "third plenary session")]


# -- the CLI run as a user runs it, with fake engines so no model is needed --------------------------

ROOT = Path(__file__).resolve().parents[1]
# `python -c FAKE_CLI batch ...`: the real CLI, whose Briefer gets fake engines; FAKE_DELAY slows each
# model call (to hold the --out lock while a second run starts), and text holding 坏 makes it fail.
FAKE_CLI = """
import os, sys, time
import summarise.pipeline as pipeline
from summarise.testing.fakes import FakeSummariser, FakeTranslator

class Summariser(FakeSummariser):
    def summarise(self, texts):
        time.sleep(float(os.environ.get("FAKE_DELAY", "0")))
        if any("坏" in text for text in texts):
            raise RuntimeError("the model failed on this article")
        return super().summarise(texts)

real = pipeline.Briefer
pipeline.Briefer = lambda config: real(config, summariser=Summariser(), translator=FakeTranslator())
from summarise.cli import main
main(sys.argv[1:], prog_name="summarise")
"""
GOOD_TEXT = "青海省今年招商引资到位资金22.7亿元,完成目标任务的113.6%。"


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1", **extra}


def run_fake(args: list[str], *, stdin: bytes = b"", cwd: Path = ROOT, **env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-c", FAKE_CLI, *args], input=stdin, capture_output=True,
                          env=_env(**env), cwd=cwd, timeout=300, check=False)


def run_cli(args: list[str], *, stdin: bytes = b"", cwd: Path = ROOT) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "summarise", *args], input=stdin, capture_output=True,
                          env=_env(), cwd=cwd, timeout=300, check=False)


def assert_one_line_error(done: subprocess.CompletedProcess[bytes], code: int, says: str) -> None:
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == code, stderr
    assert "internal error" not in stderr and "Traceback" not in stderr
    errors = [line for line in stderr.splitlines() if line.startswith("summarise: error:")]
    assert len(errors) == 1 and says in errors[0], stderr


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# -- items 2 and 3: hostile JSONL records are isolated into the errors file ------------------------

HOSTILE_RECORDS = {
    "huge integer id": '{"id": ' + "9" * 5000 + ', "text": "正文"}',
    "deep nesting": '{"id": "deep", "text": "正文", "x": ' + "[" * 100000 + "]" * 100000 + "}",
    "lone surrogate id": '{"id": "bad\\ud800", "text": "' + GOOD_TEXT + '"}',
    "boolean id": '{"id": true, "text": "' + GOOD_TEXT + '"}',
    "escape in id": '{"id": "x\\u001b[2J\\u001b[31mred", "text": "' + GOOD_TEXT + '"}',
    "bidi in id": '{"id": "evil\\u202etxt.exe", "text": "' + GOOD_TEXT + '"}',
}


@pytest.mark.parametrize(("line", "reason"), [
    (HOSTILE_RECORDS["huge integer id"], "not valid JSON"),
    (HOSTILE_RECORDS["deep nesting"], "nested too deeply"),
    (HOSTILE_RECORDS["lone surrogate id"], "lone surrogate"),
    (HOSTILE_RECORDS["boolean id"], "must be a string or a number, not true"),
    (HOSTILE_RECORDS["escape in id"], "control characters"),
    (HOSTILE_RECORDS["bidi in id"], "control characters"),
])
def test_parse_record_turns_each_hostile_line_into_a_typed_error(line: str, reason: str) -> None:
    record = parse_record(line, "in.jsonl:3")
    assert isinstance(record, BadRecord) and str(record).startswith("in.jsonl:3: ") and reason in str(record)


def test_parse_record_keeps_a_good_record_and_a_numeric_id() -> None:
    assert parse_record(json.dumps({"id": 7, "title": "标题", "text": "正文"}), "f:1") == Record("正文", "标题", "7")


def test_lone_surrogates_in_text_and_title_become_replacement_characters_with_a_warning() -> None:
    line = json.dumps({"id": "s1", "title": "标题\ud800", "text": GOOD_TEXT + "\udc00"})
    pages = list(iter_pages_of(line))
    assert len(pages) == 1 and isinstance(pages[0], Page)
    page = pages[0]
    assert "\ufffd" in page.text and "\udc00" not in page.text and page.headline_hints == ("标题\ufffd",)
    assert any("lone surrogate" in warning for warning in page.warnings)
    page.text.encode("utf-8")  # what made the batch crash on writing its line


def iter_pages_of(line: str) -> list[Page | InputError]:
    return list(iter_pages("-", stdin=io.BytesIO((line + "\n").encode("utf-8"))))


def test_a_batch_with_hostile_records_briefs_every_good_one_and_lists_each_bad_one(tmp_path: Path) -> None:
    lines = [json.dumps({"id": "good-1", "text": GOOD_TEXT}, ensure_ascii=False), *HOSTILE_RECORDS.values(),
             json.dumps({"id": "surrogate-text", "text": GOOD_TEXT + "\ud800"}),
             json.dumps({"id": "good-2", "text": "西宁市有4000多名志愿者参加服务。"}, ensure_ascii=False)]
    (tmp_path / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    for _ in range(2):  # and a rerun never crashes on the same record
        done = run_fake(["batch", str(tmp_path / "records.jsonl"), "--out", str(out), "-v"], cwd=tmp_path)
        stderr = done.stderr.decode("utf-8")
        assert done.returncode == 1, stderr
        assert "internal error" not in stderr and "\x1b" not in stderr and "\u202e" not in stderr
        assert sorted(line["id"] for line in read_jsonl(out.with_suffix(".jsonl"))) == [
            "good-1", "good-2", "surrogate-text"]
        errors = read_jsonl(tmp_path / "out.errors.jsonl")
        assert len(errors) == len(HOSTILE_RECORDS) and all(e["reason"] for e in errors)
    assert "0 succeeded, 6 failed, 3 skipped" in stderr
    assert "FAILED: " in stderr and "\\x1b" in stderr  # -v shows the escape, never obeys it


# -- item 4: a lock on --out, path-independent ids, record ids matched whole -------------------------


def test_a_second_batch_on_the_same_out_exits_2_naming_the_holder_and_never_duplicates(tmp_path: Path) -> None:
    records = "".join(json.dumps({"id": f"r{n}", "text": GOOD_TEXT}, ensure_ascii=False) + "\n" for n in range(6))
    (tmp_path / "records.jsonl").write_text(records, encoding="utf-8")
    args = ["batch", str(tmp_path / "records.jsonl"), "--out", str(tmp_path / "out"), "-q", "--batch-size", "1"]
    first = subprocess.Popen([sys.executable, "-c", FAKE_CLI, *args], env=_env(FAKE_DELAY="0.5"),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
    try:
        lock = tmp_path / "out.jsonl.lock"
        deadline = time.monotonic() + 60
        while not (lock.exists() and lock.read_text().strip()) and time.monotonic() < deadline:
            time.sleep(0.05)
        second = run_fake(args, cwd=tmp_path)
        assert_one_line_error(second, 2, f"another summarise batch (pid {first.pid})")
        waited = run_fake([*args, "--wait"], cwd=tmp_path)  # blocks until the first is done, then resumes
        assert waited.returncode == 0, waited.stderr.decode()
        assert "0 succeeded, 0 failed, 6 skipped" in waited.stderr.decode()
    finally:
        first.wait(timeout=120)
    assert first.returncode == 0
    ids = [line["id"] for line in read_jsonl(tmp_path / "out.jsonl")]
    assert sorted(ids) == [f"r{n}" for n in range(6)]


def test_ids_do_not_depend_on_how_the_path_was_spelt(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD_TEXT + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run_fake(["batch", "pages", "--out", str(out), "-q"], cwd=tmp_path).returncode == 0
    again = run_fake(["batch", str(folder / "a.txt"), "--out", str(out), "-q"], cwd=tmp_path)
    assert again.returncode == 0 and "0 succeeded, 0 failed, 1 skipped" in again.stderr.decode()
    dotted = run_fake(["batch", "./pages/../pages/a.txt", "--out", str(out), "-q"], cwd=tmp_path)
    assert "0 succeeded, 0 failed, 1 skipped" in dotted.stderr.decode()
    ids = [line["id"] for line in read_jsonl(out.with_suffix(".jsonl"))]
    assert len(ids) == 1 and ids[0].startswith("pages/a.txt#0-")


def test_record_ids_shaped_like_hashed_ids_keep_their_own_resume_slots(tmp_path: Path) -> None:
    records = [{"id": "s#1-0123456789", "text": GOOD_TEXT}, {"id": "s#1-abcdefabcd", "text": GOOD_TEXT}]
    (tmp_path / "r.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                                      encoding="utf-8")
    out = tmp_path / "out"
    first = run_fake(["batch", "r.jsonl", "--out", str(out), "-q"], cwd=tmp_path)
    assert "2 succeeded" in first.stderr.decode()
    rerun = run_fake(["batch", "r.jsonl", "--out", str(out), "-q"], cwd=tmp_path)
    assert "0 succeeded, 0 failed, 2 skipped" in rerun.stderr.decode()
    assert "source changed" not in rerun.stderr.decode()
    assert len(read_jsonl(out.with_suffix(".jsonl"))) == 2


# -- item 5: one failing article never takes its page down in `brief` --------------------------------


def test_brief_reports_the_failing_article_and_briefs_the_others(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("第一篇报道\n\n本报讯(记者 张三)" + GOOD_TEXT + "\n\n\n\n坏消息一则\n\n本报讯(记者 李四)坏的报道内容,"
                    "共计4000多名。\n\n\n\n第三篇报道\n\n本报讯(记者 王五)西宁市有95%以上的群众满意。\n", encoding="utf-8")
    done = run_fake(["brief", str(page), "--format", "json"])
    stderr = done.stderr.decode()
    assert done.returncode == 1 and "internal error" not in stderr
    briefs = json.loads(done.stdout)
    assert len(briefs) == 2 and all("坏" not in b["summary_zh"] for b in briefs)
    assert "summarise: warning: article 2" in stderr and "the model failed on this article" in stderr


# -- also fix: figures, digest, non-regular files, write failures ------------------------------------


@pytest.mark.parametrize(("stdin", "says"), [
    (b"", "empty input"),
    (b"a\x00b\n", "no Chinese text"),  # a stray NUL is removed (issue 19); what is left is not Chinese
    (b"\x00\x01\x02\x03binary\x00\n", "NUL bytes"),
    (b"hello 5 people, 22.7 billion\n", "no Chinese text"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
])
def test_figures_refuses_input_that_is_not_chinese_text(stdin: bytes, says: str) -> None:
    assert_one_line_error(run_cli(["figures", "-"], stdin=stdin), 2, says)


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-16", "utf-16-le"])
def test_figures_reads_other_encodings_whole_instead_of_failing_halfway(encoding: str) -> None:
    text = "资金22.7亿元\n比例达95%以上\n"
    done = run_cli(["figures", "-"], stdin=text.encode(encoding))
    assert done.returncode == 0, done.stderr.decode()
    lines = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [[f["english"] for f in line["figures"]] for line in lines] == [["2.27 billion yuan"], ["over 95%"]]


def test_figures_reads_a_later_line_in_another_encoding_with_a_warning() -> None:
    done = run_cli(["figures", "-"], stdin="资金\n".encode() + "第二行22亿元\n".encode("gbk"))
    assert done.returncode == 0 and "line 2 is not UTF-8; read it as" in done.stderr.decode()
    assert json.loads(done.stdout.decode().splitlines()[1])["figures"][-1]["english"] == "2.2 billion yuan"


def _brief_line(**changes: Any) -> str:
    brief = {"id": "b1", "headline": "Biotech park beats target", "summary": "It did.", "figures": [],
             "source": {"headline": "生物园区", "start": 0, "end": 10, "path": "p.txt"}, "warnings": [],
             "models": {}}
    brief.update(changes)
    return json.dumps(brief, ensure_ascii=False)


@pytest.mark.parametrize(("content", "says"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file (PNG image)"),
    (b"\xff\xd8\xff\xe0 not utf-8 \xff\xfe", "binary file"),
    (b"caf\xe9 latin-1\n", "line 1 is not UTF-8"),
    (_brief_line(source=[]).encode(), "line 1 is not a brief"),
    (_brief_line(figures=[{"text": "x", "value": "notanumber", "unit": None, "qualifier": None,
                           "kind": "count", "english": "x", "start": 0, "end": 1}]).encode(), "line 1 is not a brief"),
])
def test_digest_of_a_bad_file_is_one_line_and_exit_2(tmp_path: Path, content: bytes, says: str) -> None:
    path = tmp_path / "briefs.jsonl"
    path.write_bytes(content)
    assert_one_line_error(run_cli(["digest", str(path)]), 2, says)


def test_digest_neutralises_bidi_controls_and_newlines_in_headlines(tmp_path: Path) -> None:
    path = tmp_path / "briefs.jsonl"
    path.write_text(_brief_line(headline="Park\u202eexe.txt\n# Injected heading\n\n- injected item",
                                summary="Line one.\n---\nLine two.") + "\n", encoding="utf-8")
    markdown = run_cli(["digest", str(path), "--format", "markdown"])
    assert markdown.returncode == 0, markdown.stderr.decode()
    text = markdown.stdout.decode()
    assert "\u202e" not in text
    assert not any(line.startswith(("# Injected", "- injected")) for line in text.splitlines())
    assert text.splitlines().count("---") == 1  # the digest's own rule, not the summary's "---"
    assert "## Park" in text and "\\# Injected heading" in text
    html = run_cli(["digest", str(path), "--format", "html"]).stdout.decode()
    assert "\u202e" not in html and "Parkexe.txt # Injected heading" in html


def test_fifo_given_to_brief_or_batch_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert_one_line_error(run_cli(["brief", str(fifo)]), 2, "is a FIFO, not a regular file")
    assert_one_line_error(run_fake(["batch", str(fifo), "--out", str(tmp_path / "o")]), 2, "is a FIFO")


def test_fifos_and_symlink_loops_inside_a_batch_folder_are_listed_as_errors(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD_TEXT + "\n", encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    (folder / "loop-a.txt").symlink_to(folder / "loop-b.txt")
    (folder / "loop-b.txt").symlink_to(folder / "loop-a.txt")
    done = run_fake(["batch", str(folder), "--out", str(tmp_path / "o"), "-q"], cwd=tmp_path)
    assert done.returncode == 1 and "1 succeeded, 3 failed" in done.stderr.decode()
    reasons = {Path(e["path"]).name: e["reason"] for e in read_jsonl(tmp_path / "o.errors.jsonl")}
    assert "FIFO" in reasons["pipe.txt"]
    assert "loop of symbolic links" in reasons["loop-a.txt"] and "loop of symbolic links" in reasons["loop-b.txt"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_output_folder_says_so_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(GOOD_TEXT + "\n", encoding="utf-8")
    locked = tmp_path / "ro"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        done = run_fake(["batch", "page.txt", "--out", str(locked / "out"), "-q"], cwd=tmp_path)
    finally:
        locked.chmod(0o700)
    assert_one_line_error(done, 2, "Permission denied")


def test_full_disk_while_writing_briefs_says_so_and_keeps_what_was_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "page.txt").write_text(GOOD_TEXT + "\n", encoding="utf-8")

    def no_space(self: LineLog, record: str) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self.path))

    monkeypatch.setattr(LineLog, "append", no_space)
    monkeypatch.setattr("summarise.pipeline.Briefer",
                        lambda config: Briefer(config, summariser=FakeSummariser(), translator=FakeTranslator()))
    result = CliRunner().invoke(main, ["batch", str(tmp_path / "page.txt"), "--out", str(tmp_path / "o"), "-q"])
    assert result.exit_code == 1
    assert "No space left on device" in result.output and "internal error" not in result.output
    assert "rerun the same command to resume" in result.output


def test_brief_to_a_full_disk_is_one_line() -> None:
    with open("/dev/full", "wb") as full:
        done = subprocess.run([sys.executable, "-c", FAKE_CLI, "brief", "-"], input=GOOD_TEXT.encode(),
                              stdout=full, stderr=subprocess.PIPE, env=_env(), timeout=300, check=False)
    stderr = done.stderr.decode()
    assert done.returncode == 1 and "No space left on device" in stderr
    assert "internal error" not in stderr and "Traceback" not in stderr and "Exception ignored" not in stderr


def test_read_only_output_folder_as_root_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Root ignores folder permissions, so the refusal the kernel gives others is simulated here.
    (tmp_path / "page.txt").write_text(GOOD_TEXT + "\n", encoding="utf-8")

    def read_only(self: Path, *args: Any, **kwargs: Any) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(self))

    monkeypatch.setattr(Path, "mkdir", read_only)
    result = CliRunner().invoke(main, ["batch", str(tmp_path / "page.txt"), "--out", str(tmp_path / "ro" / "o")])
    assert result.exit_code == 2
    assert "Read-only file system" in result.output and "internal error" not in result.output
