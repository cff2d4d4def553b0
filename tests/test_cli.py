"""The CLI contract: help with examples, one-line errors, exit codes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarise.cli import main

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run `python -m summarise` as a user would, in a real subprocess."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "summarise", *args], input=stdin, capture_output=True, env=full_env,
        cwd=ROOT, timeout=300,
    )


def test_help_lists_commands_and_examples() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "brief" in result.output and "Examples:" in result.output


def test_brief_help_has_examples_and_formats() -> None:
    result = CliRunner().invoke(main, ["brief", "--help"])
    assert result.exit_code == 0
    for word in ("Examples:", "--format", "--summariser", "--translator", "--device", "--engine"):
        assert word in result.output


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["brief", "x.txt", "--engine", "llm"], 2, "needs a model"),
        (["brief", "x.txt", "--device", "tpu"], 2, "Invalid value"),
        (["brief", "x.txt", "--prompt", "nonsense"], 2, "NAME=FILE"),
        (["frobnicate"], 2, "No such command"),
    ],
)
def test_usage_errors_exit_2_without_traceback(args: list[str], code: int, message: str) -> None:
    result = run_cli(*args)
    stderr = result.stderr.decode()
    assert result.returncode == code
    assert message in stderr
    assert "Traceback" not in stderr


def test_typed_errors_are_one_line() -> None:
    result = run_cli("brief", "x.txt", "--engine", "llm")
    assert len(result.stderr.decode().strip().splitlines()) == 1
    assert result.stderr.decode().startswith("summarise: error: ")
