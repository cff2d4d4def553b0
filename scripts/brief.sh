#!/usr/bin/env bash
# The main job: set up, then brief every article in corpus/ with the default models into
# out/briefs.jsonl and the HTML digest out/briefs.html. Rerunning resumes where it stopped.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p out
.venv/bin/summarise batch corpus --out out/briefs --format html "$@"
echo "briefs: out/briefs.jsonl  digest: out/briefs.html" >&2
