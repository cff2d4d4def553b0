"""The strategies compared on one GGUF: direct (with and without English-only decoding), two-stage and
lead, on the corpus (the main job's 15 articles) and on dev data (LCSTS texts with figures and real web
pages from ../shared/data). Not part of CI: minutes of CPU per strategy.

    python benchmarks/strategies.py --model FILE.gguf [--sets corpus,dev] [--variants ...] [--limit N]
                                    [--json benchmarks/results/strategies.json]

One LLM engine (one loaded model) serves every variant, and the variants take turns article by article
(the order rotating each article), so a shared machine's load falls on all of them alike: compare the
variants within one run, not across runs. For each variant: wall and CPU seconds per brief, seconds and
model calls per stage (`Briefer.timings`, `Briefer.model_calls`), `eval briefs` figures (correct, wrong,
unsupported), key-figure coverage, CJK characters left, briefs whose answer the language guard
re-translated whole (note chinese-retranslated), replies cut off at the token limit, and briefs whose
summary or headline ends mid-sentence. Names are scored once a names stage exists (`names_score`).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
# Variant name -> (strategy, English-only decoding, the lead strategy's budget or None for its default).
# direct-unmasked is the LLM engine as it was before English-only decoding.
VARIANTS: dict[str, tuple[str, bool, int | None]] = {
    "direct-unmasked": ("direct", False, None),
    "direct": ("direct", True, None),
    "two-stage": ("two-stage", True, None),
    "lead": ("lead", True, None),
    "lead-240": ("lead", True, 240),
}
LCSTS_TEXTS = 4  # the first LCSTS dev records whose text holds a money figure or a percentage
WEB_PAGES = ("cwced-yndaily-9890f458.html", "np4k-chinadaily-001.html")
_ENDS_A_SENTENCE = re.compile(r"[.!?。！？][\"'”’)\]]*$")


def _data_dir() -> Path:
    return Path(os.environ.get("SUMMARISE_DATA") or ROOT.parent / "shared" / "data")


def corpus_articles() -> list[Any]:
    """The main job's articles: every input `summarise batch corpus` reads, split as it splits them."""
    from summarise.batch import expand_inputs, iter_work_items

    items = iter_work_items(expand_inputs([str(ROOT / "corpus")], "*"), max_bytes=5_000_000, stdin=None)
    return [item.article for item in items if item.article is not None]


def dev_articles(tmp: Path) -> list[Any]:
    """A few LCSTS texts with figures and two real web pages (skipped with a message when absent)."""
    from summarise.articles import split_articles
    from summarise.figures import extract_figures
    from summarise.reading.readers import load_pages

    data, articles = _data_dir(), []
    lcsts = data / "lcsts-part3-dev.jsonl"
    if lcsts.is_file():
        records = [json.loads(line) for line in lcsts.read_text(encoding="utf-8").splitlines() if line.strip()]
        chosen = [r for r in records if any(f.kind in ("money", "percent") for f in extract_figures(r["text"]))]
        path = tmp / "lcsts.jsonl"
        path.write_text("".join(json.dumps({"id": r["id"], "text": r["text"]}, ensure_ascii=False) + "\n"
                                for r in chosen[:LCSTS_TEXTS]), encoding="utf-8")
        articles += [a for page in load_pages(str(path)) for a in split_articles(page)]
    else:
        print(f"strategies: {lcsts} not found: no LCSTS texts", file=sys.stderr)
    for name in WEB_PAGES:
        page_path = data / "web-pages-dev" / name
        if page_path.is_file():
            articles += [a for page in load_pages(str(page_path)) for a in split_articles(page)]
        else:
            print(f"strategies: {page_path} not found", file=sys.stderr)
    return articles


def names_score(brief: Any, article: Any) -> dict[str, int] | None:
    """Names the brief gets right, corrected, wrong or unsupported, once the names stage (issue 21) is
    in: its `summarise.evaluation.brief_names.score_names(brief, article)`; None before."""
    try:
        from summarise.evaluation import brief_names  # type: ignore[attr-defined]
    except ImportError:
        return None
    counts = brief_names.score_names(brief, article)
    return {key: int(getattr(counts, key)) for key in ("correct", "corrected", "wrong", "unsupported")}


class _CutOffCounter(logging.Handler):
    """Counts the engine's log lines about replies cut off at the token limit (translations log them)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += "cut off" in record.getMessage()


@dataclass
class Tally:
    """One variant's figures on one set of articles."""

    briefs: int = 0
    wall_s: float = 0.0
    cpu_s: float = 0.0
    scores: dict[str, int] = field(default_factory=dict)
    retranslated_whole: int = 0
    chinese_repaired: int = 0
    cut_off: int = 0
    mid_sentence: int = 0
    names: dict[str, int] = field(default_factory=dict)

    def add(self, brief: Any, article: Any, wall: float, cpu: float) -> None:
        from summarise.evaluation.outputs import score_brief

        score = score_brief(brief, article).to_dict()
        for key in ("correct", "wrong", "unsupported", "key_figures", "key_figures_stated", "cjk_characters"):
            self.scores[key] = self.scores.get(key, 0) + int(score[key])
        codes = [note.code for note in brief.notes]
        self.briefs += 1
        self.wall_s += wall
        self.cpu_s += cpu
        self.retranslated_whole += "chinese-retranslated" in codes
        self.chinese_repaired += any(code.startswith("chinese-") for code in codes)
        self.cut_off += any("cut off" in note.message for note in brief.notes)
        self.mid_sentence += any(text.strip() and not _ENDS_A_SENTENCE.search(text.strip())
                                 for text in (brief.summary,))
        for key, value in (names_score(brief, article) or {}).items():
            self.names[key] = self.names.get(key, 0) + value


def run_set(articles: Sequence[Any], variants: Sequence[str], engine: Any, counter: _CutOffCounter,
            log: Callable[[str], None], briefs_out: Path | None = None) -> dict[str, Any]:
    """Brief every article with every variant, taking turns; the figures per variant. With `briefs_out`,
    each variant's briefs also go to `briefs_out-VARIANT.jsonl` (for `summarise eval briefs` and reading)."""
    from summarise.extractive import DEFAULT_BUDGET
    from summarise.pipeline import Briefer
    from summarise.strategies import Lead

    briefers = {name: Briefer(summariser=engine, translator=engine, strategy=VARIANTS[name][0]) for name in variants}
    tallies = {name: Tally() for name in variants}
    translate_cut = dict.fromkeys(variants, 0)
    usage: Any = getattr(engine.chat, "usage", None)  # llama.cpp counts prompt and generated tokens
    tokens = {name: {"prompt": 0, "generated": 0} for name in variants}
    for index, article in enumerate(articles):
        order = list(variants[index % len(variants):]) + list(variants[: index % len(variants)])
        for name in order:
            _, engine.english_only, budget = VARIANTS[name]
            Lead.budget = budget or DEFAULT_BUDGET
            before, used_before = counter.count, dict(usage or {})
            started, cpu = time.perf_counter(), time.process_time()
            [brief] = briefers[name].brief_articles([article])
            wall, used = time.perf_counter() - started, time.process_time() - cpu
            tallies[name].add(brief, article, wall, used)
            if briefs_out is not None:
                with briefs_out.with_name(f"{briefs_out.name}-{name}.jsonl").open("a", encoding="utf-8") as out:
                    out.write(json.dumps(brief.to_dict(), ensure_ascii=False) + "\n")
            translate_cut[name] += counter.count - before
            for kind in tokens[name]:
                tokens[name][kind] += (usage or {}).get(kind, 0) - used_before.get(kind, 0)
            log(f"{index + 1}/{len(articles)} {name}: {wall:.1f}s")
    results = {}
    for name in variants:
        tally, briefer = tallies[name], briefers[name]
        s = tally.scores
        calls = sum(briefer.model_calls.values())
        results[name] = {
            "strategy": VARIANTS[name][0], "english_only": VARIANTS[name][1],
            "lead_budget": VARIANTS[name][2] or (DEFAULT_BUDGET if VARIANTS[name][0] == "lead" else None),
            "briefs": tally.briefs,
            "wall_s": round(tally.wall_s, 1), "cpu_s": round(tally.cpu_s, 1),
            "wall_s_per_brief": round(tally.wall_s / tally.briefs, 2),
            "stages_s": {stage: round(seconds, 1) for stage, seconds in briefer.timings.items()},
            "model_calls": calls, "model_calls_per_brief": round(calls / tally.briefs, 2),
            "model_calls_by_stage": dict(briefer.model_calls),
            "tokens_per_brief": {kind: round(count / tally.briefs) for kind, count in tokens[name].items()},
            "figures": {"correct": s["correct"], "wrong": s["wrong"], "unsupported": s["unsupported"]},
            "key_figure_coverage": round(s["key_figures_stated"] / s["key_figures"], 3) if s["key_figures"] else None,
            "cjk_characters": s["cjk_characters"], "retranslated_whole": tally.retranslated_whole,
            "briefs_with_chinese_repaired": tally.chinese_repaired,
            "replies_cut_off": tally.cut_off + translate_cut[name], "mid_sentence": tally.mid_sentence,
            "names": tally.names or None,
        }
    return results


def table(results: dict[str, Any]) -> str:
    """One Markdown table per set of articles."""
    lines = []
    for set_name, variants in results.items():
        named = any(r["names"] for r in variants.values())  # once the names stage exists
        lines += [f"\n**{set_name}** ({next(iter(variants.values()))['briefs']} articles)\n",
                  ("| variant | s per brief | stages s | model calls per brief | tokens per brief, prompt / generated "
                   "| figures correct / wrong / unsupported | key-figure coverage | CJK left | re-translated whole "
                   "| cut off | mid-sentence |" + (" names correct / corrected / wrong / unsupported |" if named else "")),
                  "|---|---:|---|---:|---|---|---:|---:|---:|---:|---:|" + ("---|" if named else "")]
        for name, r in variants.items():
            n = r["names"] or {}
            names = f" {n.get('correct')} / {n.get('corrected')} / {n.get('wrong')} / {n.get('unsupported')} |"
            stages = ", ".join(f"{k} {v}" for k, v in r["stages_s"].items())
            f = r["figures"]
            coverage = "-" if r["key_figure_coverage"] is None else f"{r['key_figure_coverage']:.1%}"
            t = r["tokens_per_brief"]
            lines.append(f"| {name} | {r['wall_s_per_brief']} | {stages} | {r['model_calls_per_brief']} | "
                         f"{t['prompt']} / {t['generated']} | "
                         f"{f['correct']} / {f['wrong']} / {f['unsupported']} | {coverage} | {r['cjk_characters']} | "
                         f"{r['retranslated_whole']} | {r['replies_cut_off']} | {r['mid_sentence']} |"
                         + (names if named else ""))
    return "\n".join(lines)


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", help="the GGUF file (default: the package-shipped one, fetched if needed)")
    parser.add_argument("--sets", default="corpus,dev", help="comma-separated: corpus, dev")
    parser.add_argument("--variants", default=",".join(VARIANTS), help=f"comma-separated, of: {', '.join(VARIANTS)}")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles of each set")
    parser.add_argument("--json", type=Path, default=None, help="write every figure here")
    parser.add_argument("--threads", type=int, default=None,
                        help="llama.cpp threads (default: the usable cores, as the CLI); on a busy shared "
                             "machine 1 is several times faster than 2 (ggml's threads wait on each other)")
    options = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    variants = [v.strip() for v in options.variants.split(",") if v.strip()]
    unknown = [v for v in variants if v not in VARIANTS]
    if unknown:
        parser.error(f"unknown variant(s): {', '.join(unknown)}")

    from summarise.engines.llm import LLMEngine
    from summarise.models.packaged import ensure_packaged_model

    model = options.model or str(ensure_packaged_model())
    engine = LLMEngine(model, device="cpu")  # the CLI's defaults: llama.cpp when installed, greedy, 256 tokens
    if options.threads:
        engine.chat.threads = options.threads  # type: ignore[attr-defined]
    counter = _CutOffCounter()
    logging.getLogger("summarise").addHandler(counter)
    report: dict[str, Any] = {
        "model": Path(model).name, "threads": options.threads or "usable cores",
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "load_before": _load()},
        "variants": {name: {"strategy": s, "english_only": e, "lead_budget": b}
                     for name, (s, e, b) in VARIANTS.items() if name in variants},
        "results": {},
    }
    started = time.perf_counter()
    if options.json:
        options.json.parent.mkdir(parents=True, exist_ok=True)
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        sets = {"corpus": corpus_articles, "dev": lambda: dev_articles(Path(tmp))}
        for set_name in [s.strip() for s in options.sets.split(",") if s.strip()]:
            articles = sets[set_name]()[: options.limit]
            if not articles:
                continue

            def log(line: str, set_name: str = set_name) -> None:
                print(f"strategies: {set_name} {line}", file=sys.stderr, flush=True)

            briefs_out = options.json.with_name(f"{options.json.stem}-{set_name}") if options.json else None
            for name in variants:  # a fresh file per run
                if briefs_out is not None:
                    briefs_out.with_name(f"{briefs_out.name}-{name}.jsonl").unlink(missing_ok=True)
            report["results"][set_name] = run_set(articles, variants, engine, counter, log, briefs_out)
            report["machine"]["load_after_" + set_name] = _load()
            if options.json:
                options.json.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    report["seconds"] = round(time.perf_counter() - started, 1)
    report["engine"] = engine.describe() | {"prompts": None}
    if options.json:
        options.json.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(table(report["results"]))
    print(f"\nload average {report['machine']}; {report['seconds']} s in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
