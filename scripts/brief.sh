#!/usr/bin/env bash
# The main job: set up, then brief every page in corpus/ with the default models into out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p out
for page in corpus/*.txt; do
  echo "== $page" >&2
  .venv/bin/summarise brief "$page" --format markdown | tee "out/$(basename "${page%.*}").md"
done
