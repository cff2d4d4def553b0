#!/usr/bin/env bash
# Set up with the test extras (and the system Chromium the digest's browser test drives), then run the
# whole test suite. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  # fonts-noto-cjk: without it the screenshot shows Chinese as boxes (the test passes either way).
  # A failed install must not stop the suite: the browser test then skips and says why.
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      chromium chromium-driver fonts-noto-cjk >/dev/null; } \
    || echo "scripts/test.sh: could not install chromium; the digest's browser test will skip" >&2
fi
bash scripts/setup.sh test
.venv/bin/python -m pytest -q "$@"
