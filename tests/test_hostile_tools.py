"""Tools under attack (issue 19, item 5): `figures` on huge, PDF and HTML input, `eval` on deeply nested
JSON, `models convert --force` on folders it did not make, `tiny-models` without its extra, and a JSONL
line of many megabytes. Each attack ends in bounds with one line and its exit code, or a clean result."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarise.cli import main
from summarise.testing.__main__ import main as tiny_models_cli
from tests.measured import Measured, child_env, run_cli_measured

GOOD = "青海省今年招商引资到位资金22.7亿元,完成目标任务的113.6%。"


def _one_line(done: Measured, code: int, says: str) -> None:
    print(f"{done.seconds:.1f} s, {done.peak_mb:.0f} MB peak")  # the figures for the report
    assert done.within_bounds(), (done.seconds, done.peak_mb)
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    assert len(done.error_lines()) == 1 and says in done.error_lines()[0], done.stderr


# -- figures ------------------------------------------------------------------------------------------


def test_figures_refuses_a_20mb_one_line_file_at_once(tmp_path: Path) -> None:
    path = tmp_path / "line.txt"
    path.write_bytes(("增长3.5%," * 2_000_000).encode())  # 20 MB, one line
    done = run_cli_measured(["figures", str(path)])
    _one_line(done, 2, "bytes is over the input limit of 5,000,000 bytes")
    assert done.stdout == ""


def test_figures_refuses_20mb_on_stdin_without_reading_it_all() -> None:
    done = run_cli_measured(["figures", "-"], stdin=("增长3.5%," * 2_000_000).encode())
    _one_line(done, 2, "<stdin>: more than 5,000,000 bytes, over the input limit")
    assert done.stdout == ""


def test_figures_stops_a_stream_at_the_cap_keeping_what_it_printed() -> None:
    head = (GOOD + "\n").encode() * 3
    cap = len(head) + 5
    done = run_cli_measured(["figures", "-"], stdin=head + ("增长3.5%\n" * 100).encode(),
                            env=child_env(SUMMARISE_MAX_BYTES=str(cap)))
    _one_line(done, 2, f"more than {cap:,} bytes by line 4")
    assert len(done.stdout.splitlines()) == 3


def test_figures_reads_html_through_its_reader_not_its_markup(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text('<html><head><style>p {width: 300px; margin: 12px}</style><title>园区</title></head>'
                    f'<body><h1>园区招商</h1><p class="x" data-id="12345">{GOOD}</p>'
                    '<script>var n = 4000;</script></body></html>', encoding="utf-8")
    done = run_cli_measured(["figures", str(path)])
    assert done.returncode == 0, done.stderr
    texts = [f["text"] for line in done.stdout.splitlines() for f in json.loads(line)["figures"]]
    assert texts == ["22.7亿元", "113.6%"]


def test_figures_reads_a_pdf_through_its_reader_not_its_syntax(tmp_path: Path) -> None:
    pytest.importorskip("reportlab")
    from tests.pdf_pages import Story, columns_pdf

    path = tmp_path / "page.pdf"
    path.write_bytes(columns_pdf(Story("园区招商", "本报讯(记者 张三)", [GOOD * 3]), columns=1))
    done = run_cli_measured(["figures", str(path)])
    assert done.returncode == 0, done.stderr
    texts = [f["text"] for line in done.stdout.splitlines() for f in json.loads(line)["figures"]]
    assert texts.count("22.7亿元") == 3 and len(texts) == 6  # the page's figures, nothing from PDF syntax


def test_figures_takes_stray_nuls_out_with_a_warning() -> None:
    done = run_cli_measured(["figures", "-"], stdin=f"{GOOD}\n资金\x0022亿元\n".encode())
    assert done.returncode == 0, done.stderr
    assert "line 2: removed 1 stray NUL byte(s)" in done.stderr
    assert json.loads(done.stdout.splitlines()[1])["figures"][0]["text"] == "22亿元"


# -- eval --------------------------------------------------------------------------------------------------

DEEP = "[" * 100000 + "]" * 100000


@pytest.mark.parametrize(("command", "content", "says"), [
    ("summaries", '{"text": "正文", "summary_zh": ' + DEEP + "}\n", "line 1 is not JSON (nested too deeply)"),
    ("summaries", '{"text": "正文", "summary_zh": "摘要", "n": ' + "9" * 5000 + "}\n", "line 1 is not JSON"),
    ("summaries", "\xff\xfe not utf-8", "not UTF-8 text"),
    ("briefs", DEEP, "JSON nested too deeply to be a briefs file"),
    ("briefs", '{"headline": "h", "source": ' + DEEP + "}\n", "JSON nested too deeply to be a briefs file"),
])
def test_eval_on_deeply_nested_json_is_bad_input(tmp_path: Path, command: str, content: str, says: str) -> None:
    path = tmp_path / "input.jsonl"
    path.write_bytes(content.encode("utf-8", "surrogateescape") if "\xff" not in content
                     else b"\xff\xfe not utf-8")
    done = run_cli_measured(["eval", command, str(path), "--engine", "llm", "--model", "none"])
    _one_line(done, 2, says)


# -- models convert --force -----------------------------------------------------------------------------


@pytest.mark.parametrize("out", [".", "folder"])
def test_convert_force_never_replaces_a_folder_it_did_not_make(tmp_path: Path, out: str) -> None:
    (tmp_path / "keep.txt").write_text("precious", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "notes.txt").write_text("mine", encoding="utf-8")
    done = run_cli_measured(["models", "convert", "some-model", "--out", out, "--force"], cwd=tmp_path)
    _one_line(done, 2, "--force replaces only a folder this command made")
    assert "was not made by `summarise models convert`" in done.stderr
    assert (tmp_path / "keep.txt").read_text() == "precious"
    assert (tmp_path / "folder" / "notes.txt").read_text() == "mine"


def test_convert_force_refuses_a_file_and_a_symlink(tmp_path: Path) -> None:
    from summarise.engines.ctranslate2 import METADATA_FILE

    (tmp_path / "file").write_text("x")
    made = tmp_path / "made"
    made.mkdir()
    (made / METADATA_FILE).write_text("{}")
    (tmp_path / "link").symlink_to(made)
    for target, why in (("file", "is a file"), ("link", "is a symbolic link")):
        result = CliRunner().invoke(main, ["models", "convert", "m", "--out", str(tmp_path / target), "--force"])
        assert result.exit_code == 2 and why in result.stderr
    assert (made / METADATA_FILE).exists()


def test_convert_force_accepts_a_folder_it_made() -> None:
    from summarise.engines.ctranslate2 import METADATA_FILE
    from summarise.models.convert import check_replaceable

    with pytest.raises(Exception, match="pass --force"):
        check_replaceable(Path(__file__).parent, force=False)
    made = Path(__file__).parent / "data"
    assert not (made / METADATA_FILE).exists()  # a folder of the project's own: refused even with force
    with pytest.raises(Exception, match="was not made by"):
        check_replaceable(made, force=True)


# -- tiny-models without its extra -----------------------------------------------------------------------


@pytest.mark.parametrize(("absent", "flags", "says"), [
    ("gguf", ["--llm"], "tiny-models --llm needs the llm extra: pip install 'summarise[llm]'"),
    ("google.protobuf", [], "tiny-models needs protobuf, a dependency of summarise that is not installed"),
])
def test_tiny_models_names_the_missing_package_in_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, absent: str, flags: list[str], says: str
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr("summarise.testing.__main__.find_spec",
                        lambda name: None if name == absent else real(name))
    result = CliRunner().invoke(tiny_models_cli, ["tiny-models", str(tmp_path / "m"), *flags])
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("summarise: error: ") and says in line and not (tmp_path / "m").exists()


# -- a JSONL line of many megabytes ------------------------------------------------------------------------


def test_a_jsonl_line_of_60mb_is_one_error_and_is_never_held_whole(tmp_path: Path) -> None:
    path = tmp_path / "records.jsonl"
    with path.open("wb") as handle:
        handle.write(json.dumps({"id": "good", "text": GOOD}, ensure_ascii=False).encode() + b"\n")
        handle.write(b'{"id": "huge", "text": "' + "中".encode() * 20_000_000 + b'"}\n')
        handle.write(json.dumps({"id": "after", "text": GOOD}, ensure_ascii=False).encode() + b"\n")
    from tests.measured import run_fake_measured

    done = run_fake_measured(["batch", str(path), "--out", str(tmp_path / "out"), "-q"], cwd=tmp_path)
    # The same batch without the huge line: what briefing two articles costs (the names stage's
    # dictionaries alone are a few hundred MB), so the difference is what the 60 MB line cost.
    small = tmp_path / "small.jsonl"
    small.write_bytes(b"".join(line + b"\n" for line in path.read_bytes().split(b"\n") if len(line) < 10_000))
    baseline = run_fake_measured(["batch", str(small), "--out", str(tmp_path / "small-out"), "-q"], cwd=tmp_path)
    print(f"60 MB JSONL line: {done.seconds:.1f} s, {done.peak_mb:.0f} MB peak ({baseline.peak_mb:.0f} MB without it)")
    assert done.returncode == 1 and "2 succeeded, 1 failed" in done.stderr, done.stderr
    assert done.within_bounds() and done.peak_mb - baseline.peak_mb < 40
    [error] = (tmp_path / "out.errors.jsonl").read_text().splitlines()
    reason = json.loads(error)["reason"]
    assert "records.jsonl:2: 60,000,0" in reason and "bytes is over the input limit" in reason
