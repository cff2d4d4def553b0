"""The bad-input table of issue 3: each row gives one clear line on stderr, exit code 2, no traceback.

Every row is checked twice: through the API (the typed InputError subclass) and through the real CLI
(`python -m summarise brief PATH` in a subprocess). `brief` loads pages before it builds any engine, so
no model is needed.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from summarise.config import DEFAULT_MAX_INPUT_BYTES as DEFAULT_MAX_BYTES
from summarise.errors import (
    BinaryInput,
    EmptyInput,
    InputError,
    InputTooLarge,
    NoChineseText,
    NotAFile,
    PathNotFound,
    UndecodableInput,
)
from summarise.reading.readers import iter_pages, load_pages

ROOT = Path(__file__).resolve().parents[1]
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("page.txt", "陈刚在果洛州调研时强调")
    return buffer.getvalue()


@dataclass(frozen=True)
class Row:
    """One row of the bad-input table: how to make the input, and what the user must be told."""

    name: str
    make: Callable[[Path], Path]
    error: type[InputError]
    says: str  # a phrase the one-line message must contain


def _file(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        path = tmp / name
        path.write_bytes(data)
        return path

    return make


def _directory(tmp: Path) -> Path:
    path = tmp / "a-folder"
    path.mkdir()
    return path


def _missing(tmp: Path) -> Path:
    return tmp / "no-such-page.txt"


ROWS = [
    Row("empty file", _file("empty.txt", b""), EmptyInput, "empty input"),
    Row("whitespace only", _file("blank.txt", " \n\t\r\n\u3000\n".encode("utf-8")), EmptyInput, "only whitespace"),
    Row("PNG image", _file("scan.png", PNG), BinaryInput, "binary file (PNG image), not text"),
    Row("ZIP archive", _file("pages.zip", _zip_bytes()), BinaryInput, "binary file (ZIP archive), not text"),
    Row("undecodable bytes", _file("garbled.txt", b"\xff\xfd\xfc\x80\x81" * 20), UndecodableInput,
        "not text in UTF-8, UTF-16, GB18030/GBK or Big5"),
    Row("no Chinese at all", _file("english.txt", b"The provincial party secretary visited Golog.\n"),
        NoChineseText, "no Chinese text found"),
    Row("over the 5 MB default limit", _file("huge.txt", "中".encode() * (DEFAULT_MAX_BYTES // 3 + 1)),
        InputTooLarge, "over the input limit of 5,000,000 bytes"),
    Row("a directory", _directory, NotAFile, "is a directory, not a file"),
    Row("a path that does not exist", _missing, PathNotFound, "no such file"),
]


def run_brief(*args: str, stdin: bytes = b"", env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """`python -m summarise brief ...` as a user runs it."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("SUMMARISE_")}
    full_env.update({"PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1", **(env or {})})
    return subprocess.run(
        [sys.executable, "-m", "summarise", "brief", *args],
        input=stdin, capture_output=True, env=full_env, cwd=ROOT, timeout=120, check=False,
    )


def _assert_one_line_exit_2(result: subprocess.CompletedProcess[bytes], *phrases: str) -> None:
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 2, stderr
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("summarise: error: ")
    for phrase in phrases:
        assert phrase in lines[0]
    assert result.stdout == b""


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.name)
def test_api_raises_the_typed_error_naming_the_path(row: Row, tmp_path: Path) -> None:
    path = row.make(tmp_path)
    with pytest.raises(row.error) as caught:
        list(iter_pages(path))
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert row.says in message
    assert "\n" not in message
    assert caught.value.exit_code == 2


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.name)
def test_cli_prints_one_line_and_exits_2(row: Row, tmp_path: Path) -> None:
    path = row.make(tmp_path)
    _assert_one_line_exit_2(run_brief(str(path)), str(path), row.says)


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    page = (ROOT / "corpus" / "qinghai-page-2024-12-24.txt").read_bytes()
    path = tmp_path / "page.txt"
    path.write_bytes(page)
    with pytest.raises(InputTooLarge, match="over the input limit of 1,000 bytes"):
        load_pages(path, max_bytes=1000)
    assert load_pages(path, max_bytes=len(page))[0].text.count("本报讯") == 6
    result = run_brief(str(path), env={"SUMMARISE_MAX_BYTES": "1000"})
    _assert_one_line_exit_2(result, "over the input limit of 1,000 bytes", "SUMMARISE_MAX_BYTES")


@pytest.mark.parametrize(
    ("stdin", "says"),
    [
        (b"", "<stdin>: empty input"),
        (b"   \n\n", "<stdin>: only whitespace"),
        (PNG, "<stdin>: binary file (PNG image)"),
        (b"plain English only\n", "<stdin>: no Chinese text found"),
    ],
    ids=["empty", "whitespace", "png", "english"],
)
def test_cli_stdin_bad_input(stdin: bytes, says: str) -> None:
    _assert_one_line_exit_2(run_brief("-", stdin=stdin), says)

