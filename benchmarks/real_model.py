"""The real-model run: the package-shipped Qwen2.5-Coder-1.5B-Instruct GGUF through the LLM engine, on
the sample page and the dev sets, measured with `summarise eval`. Not part of CI (it takes tens of
minutes on a laptop-class CPU). `scripts/real-model.sh` is the one command that runs it.

    python benchmarks/real_model.py [--model FILE.gguf] [--translate 100] [--summaries 100]

Writes benchmarks/results/real-model.json (every number, its command and wall time) and
benchmarks/results/real-model-briefs.json / .md (the page's briefs, verbatim).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
PAGE = ROOT / "corpus" / "qinghai-page-2024-12-24.txt"


def _data_dir() -> Path:
    return Path(os.environ.get("SUMMARISE_DATA") or ROOT.parent / "shared" / "data")


def _run(arguments: list[str], log: list[dict[str, Any]], *, name: str, output: Path | None = None) -> str:
    """Run `python -m summarise ARGUMENTS`, record its command and wall time, return its stdout."""
    command = [sys.executable, "-m", "summarise", *arguments]
    print(f"real-model: {name}: {' '.join(arguments)}", file=sys.stderr, flush=True)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    seconds = round(time.perf_counter() - started, 1)
    log.append({"step": name, "command": "summarise " + " ".join(arguments), "seconds": seconds,
                "exit_code": done.returncode, "stderr": done.stderr.strip().splitlines()[-3:]})
    if done.returncode != 0:
        raise SystemExit(f"real-model: {name} failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    if output is not None:
        output.write_text(done.stdout, encoding="utf-8")
    print(f"real-model: {name}: {seconds}s", file=sys.stderr, flush=True)
    return done.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", help="the GGUF file (default: fetch and verify the package-shipped one)")
    parser.add_argument("--translate", type=int, default=100, help="WMT18 sentences (0 skips)")
    parser.add_argument("--summaries", type=int, default=100, help="LCSTS dev texts (0 skips)")
    parser.add_argument("--out", type=Path, default=RESULTS / "real-model.json")
    parser.add_argument("--reuse-page", action="store_true",
                        help="keep the page's briefs from an earlier run (real-model-briefs.json) instead of "
                             "briefing the page again")
    options = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    from summarise import __version__
    from summarise.models.packaged import LICENCE, MODEL_NAME, SHA256, ensure_packaged_model

    model = Path(options.model) if options.model else ensure_packaged_model()
    engine = ["--engine", "llm", "--model", str(model)]
    options.out.parent.mkdir(parents=True, exist_ok=True)
    log: list[dict[str, Any]] = []
    results: dict[str, Any] = {}
    report = {
        "model": {"name": MODEL_NAME, "licence": LICENCE, "file": model.name, "sha256": SHA256,
                  "size": model.stat().st_size},
        "summarise_version": __version__,
        "host": {"cpus": os.cpu_count(), "machine": platform.machine(), "python": platform.python_version()},
        "command": "bash scripts/real-model.sh " + " ".join(argv if argv is not None else sys.argv[1:]),
        "steps": log,
        "results": results,
    }

    def save() -> None:  # after every step, so a run stopped part-way keeps what it measured
        options.out.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    briefs_path = options.out.with_name("real-model-briefs.json")
    if options.reuse_page and briefs_path.is_file():
        log.append({"step": "page", "reused": str(briefs_path.relative_to(ROOT))})
    else:
        _run(["brief", str(PAGE.relative_to(ROOT)), *engine, "--format", "json", "-v"], log, name="page",
             output=briefs_path)
    from summarise.output.render import render
    from summarise.types import Brief

    briefs = [Brief.from_dict(b) for b in json.loads(briefs_path.read_text(encoding="utf-8"))]
    briefs_path.with_suffix(".md").write_text(render(briefs, "markdown"), encoding="utf-8")
    results["briefs"] = json.loads(_run(["eval", "briefs", str(briefs_path.relative_to(ROOT)), "--json"], log,
                                        name="eval-briefs"))
    save()
    data = _data_dir()
    if options.translate:
        results["translate"] = json.loads(_run(
            ["eval", "translate", str(data / "wmt18-zh-en-news.csv"), "--limit", str(options.translate),
             *engine, "--json"], log, name="eval-translate"))
        save()
    if options.summaries:
        results["summaries"] = json.loads(_run(
            ["eval", "summaries", str(data / "lcsts-part3-dev.jsonl"), "--limit", str(options.summaries),
             *engine, "--json"], log, name="eval-summaries"))
        save()
    print(f"real-model: wrote {options.out.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
