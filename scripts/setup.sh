#!/usr/bin/env bash
# Create .venv (if missing) and install summarise into it, editable, with the extras named in $1.
# torch is pinned here, not in pyproject: 2.13.0 is the CPU wheel; an unpinned torch pulls a multi-GB
# CUDA build. Users installing with pip themselves get the open range torch>=2.2.
set -euo pipefail
cd "$(dirname "$0")/.."
extras=${1:-}
python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install -q --disable-pip-version-check "torch==2.13.0"
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extras:+[$extras]}"
