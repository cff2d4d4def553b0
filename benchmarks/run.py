"""Benchmark the naive, optimised PyTorch and CTranslate2 engines on default-size models.

    python benchmarks/run.py --json benchmarks/results/latest.json           # full run
    python benchmarks/run.py --quick --json benchmarks/results/quick.json    # under 10 minutes
    python benchmarks/run.py --llm MODEL.gguf --json benchmarks/results/llm.json  # the LLM backends

Models are random-weight copies of the defaults' architectures (benchmarks/models.py), built once into
benchmarks/.cache/ and converted with `summarise models convert --to ct2 --quantize int8`. Output
lengths are forced (min_new_tokens == max_new_tokens): 64 tokens per summary and 1.3 x the source
token count per translated sentence. Each engine runs in its own fresh process, so cold start and
peak RSS are its own. Absolute numbers depend on the machine and its load; the ratios between
engines, measured in one run on the same inputs, are the result.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

_STARTED = time.perf_counter()  # before the heavy imports: cold start counts them

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a fresh clone
    sys.path.insert(0, str(ROOT))

from benchmarks.llm import LLM_ENGINES, MEASURES, NEW_TOKENS, PROMPT_TOKENS, json_prompt_text, prompt_text
from benchmarks.llm import ratios as llm_ratios
from benchmarks.llm import table as llm_table

SAMPLE_PAGE = ROOT / "corpus" / "qinghai-page-2024-12-24.txt"
WMT_NAME = "wmt18-zh-en-news.csv"
CACHE = ROOT / "benchmarks" / ".cache"
SUMMARY_TOKENS = 64
TRANSLATION_RATIO = 1.3
DEFAULT_BEAMS = {"summariser": 4, "translator": 4}  # mT5 XLSum's published num_beams; see README
LEAD_CHARS = 100  # end to end translates each headline and a lead about as long as a 64-token summary
ENGINES = ("naive", "torch", "ct2")
TARGETS = {
    "torch_vs_naive_end_to_end": 3.0,
    "ct2_vs_torch_translate": 2.0,
    "torch_peak_rss_mb_max": 3.5 * 1024,
    "ct2_peak_rss_mb_max": 1.5 * 1024,
}


def find_wmt() -> Path | None:
    """The WMT18 sample: $SUMMARISE_WMT_CSV, else shared/data/ beside the checkout or a folder above."""
    explicit = os.environ.get("SUMMARISE_WMT_CSV")
    if explicit:
        return Path(explicit)
    for folder in ROOT.parents:
        candidate = folder / "shared" / "data" / WMT_NAME
        if candidate.is_file():
            return candidate
    return None


# -- inputs -----------------------------------------------------------------------------------------


def load_articles(page: Path) -> tuple[list[dict[str, Any]], str]:
    """The sample page's articles as {headline, body, lead}, and how they were split."""
    from summarise.articles.sentences import split_sentences

    text = page.read_text(encoding="utf-8")
    try:
        from summarise.articles import split_articles
        from summarise.reading import page_from_text

        articles = [(a.headline or "", a.body) for a in split_articles(page_from_text(text))]
        how = "summarise.articles.split_articles"
    except ImportError:
        # Before the article splitter exists: six equal groups of paragraphs, first line as headline.
        paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
        size = math.ceil(len(paragraphs) / 6)
        groups = [paragraphs[i : i + size] for i in range(0, len(paragraphs), size)]
        articles = [(g[0], "\n".join(g[1:]) or g[0]) for g in groups]
        how = "paragraph groups (summarise.articles unavailable)"
    return [{"headline": h, "body": b, "lead": summary_sized_lead(split_sentences(b))} for h, b in articles], how


def summary_sized_lead(sentences: list[str]) -> list[str]:
    """The first sentences up to about LEAD_CHARS characters (at least one): what the translator
    sees of an article once it is summarised, since random-weight summaries are not text."""
    lead: list[str] = []
    for sentence in sentences:
        if lead and sum(map(len, lead)) + len(sentence) > LEAD_CHARS:
            break
        lead.append(sentence)
    return lead


def load_wmt(path: Path | None, count: int) -> list[str]:
    """The first `count` Chinese sentences of the WMT18 csv (header `0,1`)."""
    import csv

    if path is None or not path.is_file():
        raise SystemExit(f"benchmark: the WMT18 sample {WMT_NAME} is missing: put it in shared/data/ "
                         "beside the checkout or set SUMMARISE_WMT_CSV")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [row["0"] for row, _ in zip(csv.DictReader(handle), range(count))]
    return rows


# -- the worker: one engine in a fresh process ------------------------------------------------------


def peak_rss_mb() -> float:
    """This process's peak resident set size in MiB: VmHWM from /proc/self/status. Not ru_maxrss, which
    a process started by exec inherits from its parent's peak (a cold run whose parent built the models
    reported the parent's 4196 MB for every engine)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux: the best there is


def current_rss_mb() -> float:
    """This process's resident set size now, in MiB."""
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return float("nan")


def forced_lengths(driver: Any, texts: list[str]) -> list[int]:
    """1.3 x each sentence's source tokens (end-of-sequence excluded), at least 1."""
    return [max(1, math.ceil(TRANSLATION_RATIO * (n - 1))) for n in driver.count_tokens("translator", texts)]


def timed(call: Any) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds of this process (all threads) and the call's result. CPU time is
    what to compare when other work shares the machine: it barely moves with the load."""
    started, cpu = time.perf_counter(), time.process_time()
    tokens = call()
    return time.perf_counter() - started, time.process_time() - cpu, tokens


def measure(plan: dict[str, Any], engine: str) -> dict[str, Any]:
    """Every figure for one engine; runs inside its own process."""
    if engine in LLM_ENGINES:
        llm = plan["llm"]
        text = llm["json_prompt"] if engine == "llm-llamacpp-json" else llm["prompt"]
        figures = MEASURES[engine](llm["gguf"], text, llm["prompt_tokens"], llm["new_tokens"], plan["threads"])
        return {**figures, "peak_rss_mb": round(peak_rss_mb(), 1)}
    from benchmarks.drivers import DRIVERS

    paths = plan["paths"]["ct2" if engine == "ct2" else "torch"]
    driver = DRIVERS[engine](paths, plan["device"], threads=plan["threads"])
    load_s = driver.load()
    loaded_rss = current_rss_mb()
    articles = plan["articles"]
    bodies = [a["body"] for a in articles]
    e2e_sentences = [s for a in articles for s in [a["headline"], *a["lead"]] if s]
    wmt = plan["wmt"]
    batch = 1 if engine == "naive" else plan["batch_size"]
    summary_tokens = plan.get("summary_tokens", SUMMARY_TOKENS)

    def summarise(texts: list[str], beams: int, size: int) -> int:
        return driver.generate("summariser", texts, [summary_tokens] * len(texts), beams, size)

    def translate(texts: list[str], beams: int, size: int) -> int:
        return driver.generate("translator", texts, forced_lengths(driver, texts), beams, size)

    # Cold start: process start (imports included) to the first finished brief, on the page's shortest
    # article so that it measures loading more than generation.
    first = min(articles, key=lambda a: len(a["body"]))
    summarise([first["body"]], DEFAULT_BEAMS["summariser"], batch)
    translate([s for s in [first["headline"], *first["lead"]] if s], DEFAULT_BEAMS["translator"], batch)
    cold_start_s = time.perf_counter() - _STARTED

    def stage_set(beams_s: int, beams_t: int, size: int, repeats: int) -> dict[str, Any]:
        s_runs = [timed(lambda: summarise(bodies, beams_s, size)) for _ in range(repeats)]
        e_runs = [timed(lambda: translate(e2e_sentences, beams_t, size)) for _ in range(repeats)]
        s_time, s_cpu = statistics.median(r[0] for r in s_runs), statistics.median(r[1] for r in s_runs)
        e_time, e_cpu = statistics.median(r[0] for r in e_runs), statistics.median(r[1] for r in e_runs)
        s_tokens, e_tokens = s_runs[0][2], e_runs[0][2]
        n = len(articles)
        return {
            "summarise": {"seconds": s_time, "cpu_seconds": s_cpu, "tokens": s_tokens,
                          "expected_tokens": summary_tokens * n,
                          "articles_per_min": 60 * n / s_time, "tokens_per_s": s_tokens / s_time},
            "translate_articles": {"seconds": e_time, "cpu_seconds": e_cpu, "tokens": e_tokens,
                                   "expected_tokens": sum(forced_lengths(driver, e2e_sentences)),
                                   "articles_per_min": 60 * n / e_time, "tokens_per_s": e_tokens / e_time},
            "end_to_end": {"seconds": s_time + e_time, "cpu_seconds": s_cpu + e_cpu,
                           "articles_per_min": 60 * n / (s_time + e_time),
                           "articles_per_cpu_min": 60 * n / (s_cpu + e_cpu)},
        }

    def wmt_stage(beams: int, size: int, repeats: int) -> dict[str, Any]:
        runs = [timed(lambda: translate(wmt, beams, size)) for _ in range(repeats)]
        seconds = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        return {"seconds": seconds, "cpu_seconds": cpu, "sentences": len(wmt), "tokens": runs[0][2],
                "tokens_per_cpu_s": runs[0][2] / cpu,
                "expected_tokens": sum(forced_lengths(driver, wmt)),
                "sentences_per_min": 60 * len(wmt) / seconds, "tokens_per_s": runs[0][2] / seconds}

    repeats = plan["repeats"]
    beam = stage_set(DEFAULT_BEAMS["summariser"], DEFAULT_BEAMS["translator"], batch, repeats)
    beam_wmt = wmt_stage(DEFAULT_BEAMS["translator"], batch, repeats)
    greedy = None  # the quick run leaves the greedy row out
    if plan.get("greedy", True):
        greedy = {**stage_set(1, 1, batch, repeats), "translate": wmt_stage(1, batch, repeats)}
    sweep = {str(batch): beam["end_to_end"]["articles_per_min"]}
    if engine != "naive":
        for size in plan["batch_sizes"]:
            if str(size) not in sweep:
                sweep[str(size)] = stage_set(DEFAULT_BEAMS["summariser"], DEFAULT_BEAMS["translator"],
                                             size, 1)["end_to_end"]["articles_per_min"]
    return {
        "end_to_end_articles_per_min": beam["end_to_end"]["articles_per_min"],
        "summarise_tokens_per_s": beam["summarise"]["tokens_per_s"],
        "translate_tokens_per_s": beam_wmt["tokens_per_s"],
        "cold_start_s": cold_start_s,
        "peak_rss_mb": peak_rss_mb(),
        "load_s": load_s,
        "loaded_rss_mb": loaded_rss,
        "batch_size": batch,
        "speedups": getattr(driver, "speedups", {}),
        "beams": dict(DEFAULT_BEAMS),
        "stages": {**beam, "translate": beam_wmt},
        "greedy": greedy,
        "articles_per_min_by_batch_size": dict(sorted(sweep.items(), key=lambda kv: int(kv[0]))),
    }


# -- the parent: models, workers, report ------------------------------------------------------------


def machine_info(device: str) -> dict[str, Any]:
    """CPU model, cores, memory, library versions and the load the run shared the machine with."""
    import ctranslate2
    import torch
    import transformers

    cpu = _cpu_name()
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    info = {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(memory_gb, 1),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "torch": torch.__version__,
        "torch_threads": torch.get_num_threads(),
        "transformers": transformers.__version__,
        "ctranslate2": ctranslate2.__version__,
        "device": device,
        "load_average_at_start": list(os.getloadavg()),
    }
    if device == "cuda" and torch.cuda.is_available():
        info["gpu"] = torch.cuda.get_device_name(0)
    return info


def convert_for_ct2(model_dir: Path, quantization: str = "int8") -> Path:
    """The int8 CTranslate2 copy of `model_dir`, made with `summarise models convert` if missing."""
    from summarise.cli.convert import convert_command
    from summarise.engines.ctranslate2 import converted_name, is_converted

    target = converted_name(model_dir, quantization)
    if not is_converted(target):
        convert_command.main(["--to", "ct2", "--quantize", quantization, str(model_dir)],
                             standalone_mode=False)
    return target


def build_plan(args: argparse.Namespace) -> dict[str, Any]:
    from benchmarks.models import MarianShape, MT5Shape, ensure_models

    marian, mt5 = MarianShape(), MT5Shape()
    if args.tiny:  # the smoke test's shapes: same code path, seconds instead of minutes
        marian = MarianShape(d_model=32, layers=1, heads=2, ffn=64, vocab_size=4001, max_positions=512)
        mt5 = MT5Shape(d_model=32, d_kv=8, layers=1, heads=2, d_ff=64, vocab_size=4112, spm_pieces=4100)
    page_text = SAMPLE_PAGE.read_text(encoding="utf-8")
    wmt = find_wmt()
    wmt_sentences = load_wmt(wmt, args.sentences)
    models = ensure_models(Path(args.cache), wmt, [page_text], marian=marian, mt5=mt5)
    articles, how = load_articles(SAMPLE_PAGE)
    return {
        "paths": {
            "torch": {"summariser": str(models.summariser), "translator": str(models.translator)},
            "ct2": {"summariser": str(convert_for_ct2(models.summariser)),
                    "translator": str(convert_for_ct2(models.translator))},
        },
        "articles": articles,
        "articles_split_by": how,
        "wmt": wmt_sentences,
        "device": args.device,
        "repeats": args.repeats,
        "batch_size": args.batch_size,
        "batch_sizes": args.batch_sizes,
        "threads": args.threads,
        "greedy": args.greedy,
        "shapes": {"marian": marian.__dict__, "mt5": mt5.__dict__},
    }


def run_worker(plan_file: Path, engine: str, timeout: float | None, threads: int,
               wait_policy: str | None = "PASSIVE") -> dict[str, Any]:
    """Run one engine in a fresh interpreter and return its figures ({"error": ...} if it failed)."""
    out = plan_file.with_name(f"{engine}.json")
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", engine,
               "--plan", str(plan_file), "--worker-out", str(out)]
    # Every engine gets the same thread count. PASSIVE stops idle OpenMP threads from spinning,
    # which on a shared machine otherwise costs more than the threads gain; None leaves the policy
    # to the environment (unset: each library's default, as the CLI runs).
    env = {**os.environ, "TOKENIZERS_PARALLELISM": "false", "OMP_NUM_THREADS": str(threads),
           "MKL_NUM_THREADS": str(threads)}
    if wait_policy is not None:
        env["OMP_WAIT_POLICY"] = os.environ.get("OMP_WAIT_POLICY", wait_policy)
    try:
        completed = subprocess.run(command, check=False, timeout=timeout, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True, env=env)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f}s"}
    if completed.returncode != 0:
        return {"error": completed.stdout.strip().splitlines()[-1] if completed.stdout.strip() else "failed"}
    return dict(json.loads(out.read_text()))


def run_workers(plan_file: Path, engines: Any, timeout: float | None, threads: int,
                wait_policy: str | None = "PASSIVE") -> tuple[dict[str, Any], dict[str, str]]:
    """Each engine in its own fresh process, back to back: its figures, and the error of each that failed."""
    results: dict[str, Any] = {}
    failed: dict[str, str] = {}
    for engine in engines:
        print(f"benchmark: running {engine} ...", file=sys.stderr, flush=True)
        figures = run_worker(plan_file, engine, timeout, threads, wait_policy)
        if "error" in figures:
            print(f"benchmark: {engine} failed: {figures['error']}", file=sys.stderr)
            failed[engine] = figures["error"]
        else:
            results[engine] = figures
    return results, failed


def ratios(engines: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The ratios the issue sets targets for, each with its target and whether it was met."""
    out: dict[str, Any] = {}

    def ratio(name: str, a: str, b: str, key: str) -> None:
        if a in engines and b in engines:
            value = engines[a][key] / engines[b][key]
            out[name] = {"value": round(value, 2), "target": TARGETS[name], "met": value >= TARGETS[name]}

    ratio("torch_vs_naive_end_to_end", "torch", "naive", "end_to_end_articles_per_min")
    ratio("ct2_vs_torch_translate", "ct2", "torch", "translate_tokens_per_s")
    # The same two speed ratios on CPU time: on a shared machine the load changes between engines,
    # and CPU seconds barely move with it. Reported beside the targets, not instead of them.
    for name, a, b, stage, key in (
        ("torch_vs_naive_end_to_end_cpu", "torch", "naive", "end_to_end", "articles_per_cpu_min"),
        ("ct2_vs_torch_translate_cpu", "ct2", "torch", "translate", "tokens_per_cpu_s"),
    ):
        if a in engines and b in engines:
            mine, theirs = (engines[e].get("stages", {}).get(stage, {}).get(key) for e in (a, b))
            if mine and theirs:
                out[name] = {"value": round(mine / theirs, 2), "basis": "cpu seconds"}
    for engine, key in (("torch", "torch_peak_rss_mb_max"), ("ct2", "ct2_peak_rss_mb_max")):
        if engine in engines:
            value = engines[engine]["peak_rss_mb"]
            out[key] = {"value": round(value), "target": TARGETS[key], "met": value <= TARGETS[key]}
    return out


def report(machine: dict[str, Any], engines: dict[str, dict[str, Any]], settings: dict[str, Any]) -> dict[str, Any]:
    """The JSON document: {"machine", "engines": {name: figures}, "ratios", "settings"}."""
    return {"machine": machine, "engines": engines, "ratios": ratios(engines), "settings": settings}


def table(result: dict[str, Any]) -> str:
    """A short plain-text table of the headline figures."""
    head = f"{'engine':<7}{'e2e art/min':>12}{'summ tok/s':>12}{'transl tok/s':>13}{'cold s':>8}{'peak MB':>9}"
    lines = [head, "-" * len(head)]
    for name, e in result["engines"].items():
        lines.append(f"{name:<7}{e['end_to_end_articles_per_min']:>12.1f}{e['summarise_tokens_per_s']:>12.1f}"
                     f"{e['translate_tokens_per_s']:>13.1f}{e['cold_start_s']:>8.1f}{e['peak_rss_mb']:>9.0f}")
    for name, r in result["ratios"].items():
        verdict = f"target {r['target']}: {'met' if r['met'] else 'NOT met'}" if "target" in r else r.get("basis", "")
        lines.append(f"{name}: {r['value']} ({verdict})")
    return "\n".join(lines)


def plot(result: dict[str, Any], path: Path) -> Path | None:
    """Bar chart of end-to-end articles per minute by engine and batch size (None without matplotlib)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return None
    sizes = sorted({int(s) for e in result["engines"].values() for s in e["articles_per_min_by_batch_size"]})
    names = list(result["engines"])
    width = 0.8 / max(1, len(names))
    figure, axes = plt.subplots(figsize=(7, 4))
    for i, name in enumerate(names):
        by_size = result["engines"][name]["articles_per_min_by_batch_size"]
        xs = [j + i * width for j, s in enumerate(sizes) if str(s) in by_size]
        ys = [by_size[str(s)] for s in sizes if str(s) in by_size]
        axes.bar(xs, ys, width, label=name)
    axes.set_xticks([j + width * (len(names) - 1) / 2 for j in range(len(sizes))], [str(s) for s in sizes])
    axes.set_xlabel("batch size (articles / sentences per model call)")
    axes.set_ylabel("articles per minute, end to end")
    axes.set_title(f"summarise: sample page, {result['machine']['cores']} cores ({result['machine']['device']})")
    axes.legend()
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=120)
    plt.close(figure)
    return path


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", dest="json_out", type=Path, help="write every figure to this JSON file")
    parser.add_argument("--quick", action="store_true", help="fewer sentences and repeats, same JSON shape")
    parser.add_argument("--device", choices=["cpu", "cuda"], default="cpu")
    parser.add_argument("--engines", default=",".join(ENGINES), help="comma list of naive,torch,ct2")
    parser.add_argument("--sentences", type=int, help="WMT18 sentences to translate (default 200, quick 10)")
    parser.add_argument("--repeats", type=int, help="timed repeats per figure, median kept (default 3, quick 1)")
    parser.add_argument("--greedy", action=argparse.BooleanOptionalAction, default=None,
                        help="also measure greedy decoding (default: yes; quick: no)")
    parser.add_argument("--batch-size", type=int, default=8, help="batch size of the headline figures")
    parser.add_argument("--batch-sizes", help="sweep for the plot (default 1,2,4,8; quick: none)")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1,
                        help="CPU threads for every engine (default: all cores)")
    parser.add_argument("--plot", type=Path, help="PNG path (default: next to --json)")
    parser.add_argument("--cache", default=str(CACHE), help="where the benchmark models are built")
    parser.add_argument("--tiny", action="store_true", help=argparse.SUPPRESS)  # smoke test only
    parser.add_argument("--timeout", type=float, default=None, help="seconds allowed per engine")
    parser.add_argument("--llm", metavar="FILE.gguf",
                        help="instead: the LLM backends (transformers vs llama.cpp) on this GGUF file")
    parser.add_argument("--llm-prompt-tokens", type=int, default=PROMPT_TOKENS, help=argparse.SUPPRESS)
    parser.add_argument("--llm-new-tokens", type=int, default=NEW_TOKENS, help=argparse.SUPPRESS)
    parser.add_argument("--worker", choices=ENGINES + LLM_ENGINES, help=argparse.SUPPRESS)
    parser.add_argument("--plan", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--worker-out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.sentences = args.sentences or (10 if args.quick else 200)
    args.greedy = (not args.quick) if args.greedy is None else args.greedy
    args.repeats = args.repeats or (1 if args.quick else 3)
    sweep = args.batch_sizes or ("" if args.quick else "1,2,4,8")
    args.batch_sizes = [int(s) for s in sweep.split(",") if s.strip()]
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker:
        plan = json.loads(args.plan.read_text())
        args.worker_out.write_text(json.dumps(measure(plan, args.worker)))
        return 0
    if args.llm:
        return llm_main(args)
    engines = [e for e in args.engines.split(",") if e]
    unknown = set(engines) - set(ENGINES)
    if unknown:
        raise SystemExit(f"benchmark: unknown engine(s) {', '.join(sorted(unknown))}")
    started = time.time()
    plan = build_plan(args)
    work = Path(args.cache) / "runs" / time.strftime("%Y%m%d-%H%M%S")
    work.mkdir(parents=True, exist_ok=True)
    plan_file = work / "plan.json"
    plan_file.write_text(json.dumps(plan, ensure_ascii=False))
    machine = machine_info(args.device)
    results, failed = run_workers(plan_file, engines, args.timeout, args.threads)
    machine["load_average_at_end"] = list(os.getloadavg())
    settings = {
        "quick": args.quick, "summary_tokens": SUMMARY_TOKENS, "translation_ratio": TRANSLATION_RATIO,
        "beams": DEFAULT_BEAMS, "greedy_row": args.greedy, "articles": len(plan["articles"]),
        "articles_split_by": plan["articles_split_by"], "wmt_sentences": len(plan["wmt"]),
        "repeats": args.repeats, "batch_size": args.batch_size, "threads": args.threads,
        "shapes": plan["shapes"], "wall_s": round(time.time() - started, 1), "failed": failed,
    }
    result = report(machine, results, settings)
    print(table(result))
    if args.json_out:
        args.json_out.parent.mkdir(parents=True, exist_ok=True)
        args.json_out.write_text(json.dumps(result, indent=2))
    png = plot(result, args.plot or (args.json_out.with_suffix(".png") if args.json_out
                                     else ROOT / "benchmarks" / "results" / "articles_per_min.png"))
    if png is not None:
        print(f"plot: {png}", file=sys.stderr)
    return 1 if failed else 0


def llm_main(args: argparse.Namespace) -> int:
    """The LLM comparison: each backend in its own process, back to back, on the same prompt."""
    gguf = Path(args.llm).expanduser().resolve()
    if not gguf.is_file():
        raise SystemExit(f"benchmark: no such GGUF file: {gguf}")
    started = time.time()
    plan = {"threads": args.threads, "llm": {
        "gguf": str(gguf), "prompt": prompt_text(SAMPLE_PAGE), "json_prompt": json_prompt_text(SAMPLE_PAGE),
        "prompt_tokens": args.llm_prompt_tokens, "new_tokens": args.llm_new_tokens}}
    work = Path(args.cache) / "runs" / time.strftime("llm-%Y%m%d-%H%M%S")
    work.mkdir(parents=True, exist_ok=True)
    plan_file = work / "plan.json"
    plan_file.write_text(json.dumps(plan, ensure_ascii=False))
    machine = {"cpu": _cpu_name(), "cores": os.cpu_count(), "usable_cores": len(os.sched_getaffinity(0)),
               "platform": platform.platform(), "load_average_at_start": list(os.getloadavg())}
    # The OpenMP wait policy stays as the environment has it: forcing PASSIVE halved llama.cpp's decode
    # speed (ggml's threads sleep at every per-token barrier), which is not how the CLI runs.
    results, failed = run_workers(plan_file, LLM_ENGINES, args.timeout, args.threads, wait_policy=None)
    machine["load_average_at_end"] = list(os.getloadavg())
    result = {
        "machine": machine, "engines": results, "ratios": llm_ratios(results),
        "settings": {"gguf": gguf.name, "gguf_bytes": gguf.stat().st_size, "prompt_tokens": args.llm_prompt_tokens,
                     "new_tokens": args.llm_new_tokens, "threads": args.threads, "decoding": "greedy",
                     "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY", "unset"),
                     "wall_s": round(time.time() - started, 1), "failed": failed},
    }
    print(llm_table(result))
    if args.json_out:
        args.json_out.parent.mkdir(parents=True, exist_ok=True)
        args.json_out.write_text(json.dumps(result, indent=2, ensure_ascii=False))
    return 1 if failed else 0


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


if __name__ == "__main__":
    sys.exit(main())
