"""scripts/brief.sh's fallback to the package-shipped GGUF, and `summarise models check` that decides it.

The script runs for real with its setup, summarise and python commands replaced by stubs that record
how they were called, so each branch of its decision is checked without installing anything."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarise.cli import main
from tests.conftest import ROOT


def test_models_check_exits_3_in_one_line_without_models(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARISE_MODELS_DIR", "/nonexistent-models")
    result = CliRunner().invoke(main, ["models", "check"])
    assert result.exit_code == 3
    assert result.output.count("\n") == 1 and "is not available" in result.output


def test_models_check_passes_with_local_models(tiny_models, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SUMMARISE_SUMMARISER", str(tiny_models.summariser))
    monkeypatch.setenv("SUMMARISE_TRANSLATOR", str(tiny_models.translator))
    result = CliRunner().invoke(main, ["models", "check"])
    assert result.exit_code == 0, result.output
    assert f"translator: {tiny_models.translator}" in result.output


def _stub(path: Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/usr/bin/env bash\n" + body, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


def _run_brief_sh(tmp_path: Path, check_exit: int, **env: str) -> tuple[subprocess.CompletedProcess[str], str]:
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "brief.sh", tmp_path / "scripts" / "brief.sh")
    calls = tmp_path / "calls.log"
    _stub(tmp_path / "scripts" / "setup.sh", "")
    _stub(tmp_path / ".venv" / "bin" / "summarise",
          f'echo "summarise $*" >> {calls}\n'
          f'if [ "$1 $2" = "models check" ]; then\n'
          f'  [ {check_exit} = 0 ] || echo "summarise: error: summariser \'x\' is not available: no hub" >&2\n'
          f'  exit {check_exit}\nfi\n')
    _stub(tmp_path / ".venv" / "bin" / "python",
          f'echo "python $*" >> {calls}\n'
          f'if [ "$2" = summarise.packaged_model ]; then echo /cache/qwen.gguf; fi\n')
    done = subprocess.run(["bash", "scripts/brief.sh"], cwd=tmp_path, capture_output=True, text=True,
                          env={**os.environ, **env}, check=False)
    return done, calls.read_text(encoding="utf-8") if calls.exists() else ""


def test_brief_sh_uses_the_default_models_when_they_are_there(tmp_path: Path) -> None:
    done, calls = _run_brief_sh(tmp_path, 0)
    assert done.returncode == 0, done.stderr
    assert "summarise batch corpus --out out/briefs --format html\n" in calls
    assert "packaged_model" not in calls and "falling back" not in done.stderr


def test_brief_sh_falls_back_to_the_packaged_gguf_and_says_so_in_one_line(tmp_path: Path) -> None:
    done, calls = _run_brief_sh(tmp_path, 3)
    assert done.returncode == 0, done.stderr
    fallback = [line for line in done.stderr.splitlines() if "falling back" in line]
    assert len(fallback) == 1 and "Qwen2.5-Coder-1.5B-Instruct" in fallback[0] and "no hub" in fallback[0]
    assert "python -m summarise.packaged_model" in calls
    assert "summarise batch corpus --out out/briefs --format html --engine llm --model /cache/qwen.gguf" in calls
    assert "[llamacpp]" in calls  # the fast backend is asked for


def test_brief_sh_without_fallback_keeps_exit_3(tmp_path: Path) -> None:
    done, calls = _run_brief_sh(tmp_path, 3, SUMMARISE_NO_FALLBACK="1")
    assert done.returncode == 3
    assert done.stderr.strip() == "summarise: error: summariser 'x' is not available: no hub"
    assert "batch" not in calls and "packaged_model" not in calls
