"""A feed batch with the tiny real models in a subprocess, killed with SIGKILL and run again: it ends with
one line per entry, and the rerun downloads nothing new (every document answered 304). The feed lists
dev web pages (../shared/data/web-pages-dev), served by a local server on 127.0.0.1."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SHARED_DATA
from tests.web_server import Reply, WebServer, rss_feed, running_server

ROOT = Path(__file__).resolve().parents[1]
DEV = SHARED_DATA / "web-pages-dev"
# The dev pages with the shortest articles (under 1,000 characters): several batches of two, and a test
# that stays short with the tiny models.
SHORT = ("readability-pixnet", "twnews-setn", "gne-sina-finance-2", "cwced-chinatibetnews-aefcf136",
         "twnews-appledaily", "twnews-ettoday", "cwced-yndaily-9890f458", "np4k-chinadaily-001", "np4k-bbc-zhongwen",
         "cwced-yangtse-f51248cc", "cwced-yahoo-news-2bac7fb2", "cwced-bynr-gov-500b350d")
PAGES = len(SHORT)
pytestmark = pytest.mark.skipif(not (DEV / "index.json").exists(), reason=f"dev set absent: {DEV}")


@pytest.fixture
def dev_site() -> Iterator[tuple[WebServer, list[str]]]:
    names = [f"{name}.html" for name in SHORT]
    with running_server() as web:
        for name in names:
            web.routes[f"/pages/{name}"] = Reply(body=(DEV / name).read_bytes(), etag=True)
        links = [(f"/pages/{name}", name, "Tue, 01 Dec 2026 10:00:00 +0800") for name in names]
        web.routes["/feed.xml"] = Reply(body=rss_feed(web.url(""), links), etag=True,
                                        headers={"Content-Type": "application/rss+xml"})
        yield web, [web.url(f"/pages/{name}") for name in names]


def killed_after(command: list[str], env: dict[str, str], results: Path, *, lines: int) -> int:
    """Run `command`, SIGKILL it once `results` holds `lines` lines; the lines it had written by then."""
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    give_up = time.monotonic() + 180

    def written() -> int:
        return results.read_bytes().count(b"\n") if results.exists() else 0

    while process.poll() is None and written() < lines and time.monotonic() < give_up:
        time.sleep(0.02)
    process.kill()
    _, error = process.communicate()
    assert process.returncode == -signal.SIGKILL, error.decode()
    return written()


def test_a_killed_feed_batch_resumes_to_one_line_per_entry(dev_site: tuple[WebServer, list[str]], tmp_path: Path,
                                                           tiny_models: Any) -> None:
    site, urls = dev_site
    out = tmp_path / "daily"
    results = out.with_suffix(".jsonl")
    command = [sys.executable, "-m", "summarise", "batch", "--feed", site.url("/feed.xml"), "--out", str(out),
               "--allow-private", "--per-host-delay", "0", "--batch-size", "2", "--max-new-tokens", "8",
               "--summariser", str(tiny_models.summariser), "--translator", str(tiny_models.translator),
               "--device", "cpu", "--engine", "torch"]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1", "SUMMARISE_CACHE": str(tmp_path / "c")}

    written = killed_after(command, env, results, lines=2)  # the first batch of two is down
    assert 2 <= written < len(urls), "the run must be killed part-way"

    before = len(site.requests)
    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=400, check=False)
    assert rerun.returncode == 0, rerun.stderr
    ids = [json.loads(line)["id"] for line in results.read_text(encoding="utf-8").splitlines()]
    assert sorted(ids) == sorted(urls) and len(ids) == len(set(ids)) == PAGES
    # Everything was in the cache: the feed and every page answered 304, and the log counts them.
    assert f"{PAGES + 1} document(s) fetched: 0 downloaded, {PAGES + 1} not modified (304)" in rerun.stderr
    assert {r.answered for r in site.requests[before:] if r.path != "/robots.txt"} == {304}
    assert f"{PAGES - written} succeeded, 0 failed, {written} skipped" in rerun.stderr
