"""Run the CLI in a child process and measure what issue 19 bounds: wall time and peak resident memory.

The child runs under a small Python wrapper that reports its child's peak (RUSAGE_CHILDREN, which Linux
also folds the parser workers it waited for into). Measured straight from the test process, the peak
would start at the test session's own size: Linux carries a process's peak across fork and exec.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Every attack must end within this and stay under the memory bound (issue 19, "Done means").
ATTACK_SECONDS = 30.0
ATTACK_PEAK_MB = 1024.0
# `python -c FAKE_CLI ...`: the real CLI whose Briefer gets the fake engines, so no model is loaded.
FAKE_CLI = """
import sys
import summarise.pipeline as pipeline
from summarise.testing.fakes import FakeSummariser, FakeTranslator

real = pipeline.Briefer
pipeline.Briefer = lambda config: real(config, summariser=FakeSummariser(), translator=FakeTranslator())
from summarise.cli import main
main(sys.argv[1:], prog_name="summarise")
"""


@dataclass(frozen=True)
class Measured:
    """How a child run ended: exit code, output, seconds and peak resident memory in MB."""

    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float

    def error_lines(self) -> list[str]:
        """The `summarise: error:` lines on stderr."""
        return [line for line in self.stderr.splitlines() if line.startswith("summarise: error:")]

    def within_bounds(self) -> bool:
        """Ended within the attack time and memory bounds."""
        return self.seconds < ATTACK_SECONDS and self.peak_mb < ATTACK_PEAK_MB


def child_env(**extra: str) -> dict[str, str]:
    """The environment for a child run: this checkout first on the path, one thread, offline."""
    return {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1", "HF_HUB_OFFLINE": "1", **extra}


# python WRAPPER PEAK_FILE COMMAND...: runs COMMAND, writes its peak RSS (KiB) to PEAK_FILE, exits as it did.
WRAPPER = """
import resource, subprocess, sys
code = subprocess.call(sys.argv[2:])
with open(sys.argv[1], "w") as peak:
    peak.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(code if code >= 0 else 128 - code)
"""


def run_measured(argv: list[str], *, stdin: bytes = b"", cwd: Path = ROOT, timeout: float = 120.0,
                 env: dict[str, str] | None = None) -> Measured:
    """Run `python ARGV...` and measure it; past `timeout` the child is killed (seconds say so)."""
    with tempfile.TemporaryFile() as given, tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r") as peak:
        given.write(stdin)
        given.seek(0)
        started = time.monotonic()
        process = subprocess.Popen([sys.executable, "-c", WRAPPER, peak.name, sys.executable, *argv], stdin=given,
                                   stdout=out, stderr=err, cwd=cwd, env=env or child_env(), start_new_session=True)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        seconds = time.monotonic() - started
        out.seek(0)
        err.seek(0)
        reported = peak.read().strip()
        return Measured(process.returncode, out.read().decode("utf-8", "replace"),
                        err.read().decode("utf-8", "replace"), seconds,
                        int(reported) / 1024 if reported else float("inf"))


def run_cli_measured(args: list[str], **kwargs: object) -> Measured:
    """`summarise ARGS...` in a child, measured."""
    return run_measured(["-m", "summarise", *args], **kwargs)  # type: ignore[arg-type]


def run_fake_measured(args: list[str], **kwargs: object) -> Measured:
    """`summarise ARGS...` with fake engines in a child, measured."""
    return run_measured(["-c", FAKE_CLI, *args], **kwargs)  # type: ignore[arg-type]
