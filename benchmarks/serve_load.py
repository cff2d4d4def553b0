"""Load test of `summarise serve` on loopback with the tiny models: batching's gain, latency, memory.

    python benchmarks/serve_load.py --json benchmarks/results/serve.json

One server process (`summarise serve --port 0`, tiny mT5 + Marian, --max-new-tokens 8, --batch-size 8)
answers, in order:

1. `--requests` (200) requests from `--clients` (20) concurrent clients: the batched run;
2. the same requests sent one at a time by one client: the baseline, each request alone in its batch;
3. with --memory (default), `--memory-requests` (1,000) more from the concurrent clients, with the
   server's resident and peak memory (VmRSS, VmHWM from /proc) read after a settling round and again
   after them.

Each request is one short article with its own figure (第N个园区完成投资N+10亿元); a response counts as
correct only when it is a 200 whose brief carries that request's own figure, so a lost, failed or
crossed answer is counted, not hidden. Every request has a 120 s client timeout, and the whole run is
bounded by the counts above. Everything stays on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a fresh clone
    sys.path.insert(0, str(ROOT))

from summarise.testing import build_tiny_seq2seq
from summarise.testing.serving import ServerProcess, call, wait_ready

CACHE = ROOT / "benchmarks" / ".cache" / "serve"
TARGET_SPEED_UP = 3.0


def article(number: int) -> str:
    return f"园区新闻第{number}号\n本报讯(记者 张三)第{number}个园区完成投资{number + 10}亿元,同比增长12.5%。"


def one_request(base: str, number: int) -> dict[str, Any]:
    """Send request `number`; its latency and whether its answer is its own brief."""
    started = time.perf_counter()
    try:
        answer = call(f"{base}/v1/briefs", "POST", json_body={"text": article(number)}, timeout=120)
    except OSError as error:  # a lost request: no answer at all
        return {"ok": False, "status": None, "seconds": time.perf_counter() - started, "error": str(error)}
    seconds = time.perf_counter() - started
    ok = False
    if answer.status == 200:
        briefs = answer.json()["briefs"]
        ok = len(briefs) == 1 and any(f["value"] == (number + 10) * 100_000_000 for f in briefs[0]["figures"])
    return {"ok": ok, "status": answer.status, "seconds": seconds}


def run(base: str, numbers: list[int], clients: int) -> dict[str, Any]:
    """Send the requests from `clients` threads; throughput, latency percentiles and failures."""
    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(lambda n: one_request(base, n), numbers))
    wall = time.perf_counter() - started
    latencies = sorted(r["seconds"] for r in results)
    statuses: dict[str, int] = {}
    for result in results:
        statuses[str(result["status"])] = statuses.get(str(result["status"]), 0) + 1
    return {
        "requests": len(numbers), "clients": clients, "wall_s": round(wall, 2),
        "requests_per_s": round(len(numbers) / wall, 3),
        "p50_ms": round(percentile(latencies, 50) * 1000), "p95_ms": round(percentile(latencies, 95) * 1000),
        "max_ms": round(latencies[-1] * 1000), "failed": sum(not r["ok"] for r in results),
        "lost": sum(r["status"] is None for r in results), "statuses": statuses,
    }


def percentile(sorted_values: list[float], share: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    rank = max(1, -(-len(sorted_values) * share // 100))
    return sorted_values[int(rank) - 1]


def memory(pid: int) -> dict[str, float]:
    """The process's resident (VmRSS) and peak resident (VmHWM) memory in MiB, from /proc."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = round(int(value.split()[0]) / 1024, 1)
    return fields


def queue_stats(base: str) -> dict[str, Any]:
    stats: dict[str, Any] = call(f"{base}/healthz").json()["queue"]
    return stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--batch-window", type=float, default=5.0, help="ms")
    parser.add_argument("--memory-requests", type=int, default=1000)
    parser.add_argument("--no-memory", action="store_true", help="skip the 1,000-request memory run")
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args()

    CACHE.mkdir(parents=True, exist_ok=True)
    models = build_tiny_seq2seq(CACHE) if not (CACHE / "tiny-mt5").exists() else None
    summariser = models.summariser if models else CACHE / "tiny-mt5"
    translator = models.translator if models else CACHE / "tiny-marian"
    log = CACHE / "serve.log"
    server = ServerProcess(
        ["--summariser", str(summariser), "--translator", str(translator), "--engine", "torch", "--device", "cpu",
         "--max-new-tokens", "8", "--batch-size", str(args.batch_size), "--batch-window", str(args.batch_window),
         "--queue-size", str(max(64, 4 * args.clients))],
        log, env={"HF_HUB_OFFLINE": "1", "HF_HOME": str(CACHE / "hf")},
    )
    result: dict[str, Any] = {}
    try:
        wait_ready(server.base, timeout=300, process=server.process)
        pid = server.process.pid
        result = {
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
            "settings": {"batch_size": args.batch_size, "batch_window_ms": args.batch_window,
                         "max_new_tokens": 8, "models": "tiny mT5 + tiny Marian (summarise.testing)"},
            "memory_at_ready_mib": memory(pid),
        }
        numbers = list(range(args.requests))
        print(f"batched: {args.requests} requests from {args.clients} clients…", flush=True)
        before = queue_stats(server.base)
        result["batched"] = run(server.base, numbers, args.clients)
        after = queue_stats(server.base)
        batches = after["batches"] - before["batches"]
        result["batched"]["engine_batches"] = batches
        result["batched"]["mean_batch_articles"] = round((after["articles"] - before["articles"]) / batches, 2)
        print(json.dumps(result["batched"]), flush=True)
        print(f"one at a time: the same {args.requests} requests from 1 client…", flush=True)
        result["sequential"] = run(server.base, numbers, 1)
        print(json.dumps(result["sequential"]), flush=True)
        speed_up = result["batched"]["requests_per_s"] / result["sequential"]["requests_per_s"]
        result["speed_up"] = {"batched_over_sequential": round(speed_up, 2), "target": TARGET_SPEED_UP,
                              "met": speed_up >= TARGET_SPEED_UP}
        if not args.no_memory:
            print(f"memory: {args.memory_requests} requests from {args.clients} clients…", flush=True)
            run(server.base, list(range(1000, 1000 + 2 * args.clients)), args.clients)  # settle the allocator
            settled = memory(pid)
            soak = run(server.base, list(range(2000, 2000 + args.memory_requests)), args.clients)
            ended = memory(pid)
            result["memory"] = {
                "requests": args.memory_requests, "failed": soak["failed"], "lost": soak["lost"],
                "before_mib": settled, "after_mib": ended,
                "rss_growth_mib": round(ended["VmRSS"] - settled["VmRSS"], 1),
                "peak_growth_mib": round(ended["VmHWM"] - settled["VmHWM"], 1),
                "requests_per_s": soak["requests_per_s"], "p50_ms": soak["p50_ms"], "p95_ms": soak["p95_ms"],
            }
            print(json.dumps(result["memory"]), flush=True)
    finally:
        result_code = server.stop()
    result["server_exit"] = result_code
    text = json.dumps(result, indent=2)
    print(text)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
