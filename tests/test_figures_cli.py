"""`summarise figures`: one JSON object per input line, a table, streaming, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarise.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_jsonl_gives_one_object_per_line_with_the_contract_fields() -> None:
    text = "资金22.7亿元，比例达95%以上。\n没有数字\n１３.２１万亿元"
    result = CliRunner().invoke(main, ["figures"], input=text.encode("utf-8"))
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [r["line"] for r in records] == [1, 2, 3]
    first, empty, last = records
    assert empty["figures"] == []
    assert [f["text"] for f in first["figures"]] == ["22.7亿元", "95%以上"]
    money = first["figures"][0]
    assert set(money) >= {"text", "start", "end", "value", "unit", "qualifier", "kind", "english"}
    assert (money["value"], money["unit"], money["kind"], money["english"]) == (
        2270000000, "yuan", "money", "2.27 billion yuan")
    assert (money["start"], money["end"]) == (2, 8)
    percent = first["figures"][1]
    assert (percent["value"], percent["qualifier"], percent["english"]) == (95, "over", "over 95%")
    assert last["figures"][0]["value"] == 13210000000000


def test_values_a_float_cannot_hold_are_strings() -> None:
    result = CliRunner().invoke(main, ["figures"], input="三分之一的企业\n增长3.5%\n".encode())
    first, second = (json.loads(line) for line in result.output.splitlines())
    assert first["figures"][0]["value"] == "0.3333333333333333333333333333"
    assert second["figures"][0]["value"] == 3.5


def test_table_format_has_a_header_and_a_row_per_figure() -> None:
    result = CliRunner().invoke(main, ["figures", "-", "--format", "table"],
                                input="资金22.7亿元\n带动就业1400余人".encode())
    rows = [line.split("\t") for line in result.output.splitlines()]
    assert rows[0] == ["line", "text", "start", "end", "value", "unit", "qualifier", "kind", "english"]
    assert rows[1] == ["1", "22.7亿元", "2", "8", "2270000000", "yuan", "", "money", "2.27 billion yuan"]
    assert rows[2] == ["2", "1400余人", "4", "10", "1400", "people", "more than", "count", "more than 1,400 people"]


def test_reads_a_file(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("海拔4215米\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["figures", str(page)])
    assert json.loads(result.output)["figures"][0]["english"] == "4,215 metres"


@pytest.mark.parametrize(("args", "stdin", "code", "message"), [
    (["figures", "/no/such/file.txt"], None, 2, "summarise: error: /no/such/file.txt: no such file"),
    (["figures", "."], None, 2, "summarise: error: .: is a directory, not a file"),
    (["figures", "-"], "资金\n".encode() + b"\x00\x01binary", 2,
     "summarise: error: <stdin>: line 2 holds NUL bytes"),
    (["figures", "--format", "csv"], None, 2, "Invalid value for '--format'"),
])
def test_bad_input_is_one_line_and_an_exit_code(args: list[str], stdin: bytes | None, code: int,
                                                message: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "summarise", *args], input=stdin or b"", capture_output=True,
                          env=env, cwd=ROOT, timeout=120, check=False)
    assert done.returncode == code
    assert message in done.stderr.decode("utf-8")
    assert "Traceback" not in done.stderr.decode("utf-8")


def test_streams_each_line_before_the_next_is_read() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-m", "summarise", "figures"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, env=env, cwd=ROOT)
    assert process.stdin is not None and process.stdout is not None
    try:
        process.stdin.write("资金22.7亿元\n".encode())
        process.stdin.flush()
        first = json.loads(process.stdout.readline())  # answered while stdin is still open
        assert first["figures"][0]["english"] == "2.27 billion yuan"
        process.stdin.write("比例95%\n".encode())
        process.stdin.close()
        second = json.loads(process.stdout.readline())
        assert second == {"line": 2, "figures": [json.loads(json.dumps(second["figures"][0]))]}
        assert second["figures"][0]["english"] == "95%"
    finally:
        process.stdout.close()
        process.wait(timeout=60)
    assert process.returncode == 0
