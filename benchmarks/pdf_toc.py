"""Articles found in a compiled newspaper PDF, scored against the PDF's own table of contents.

    python benchmarks/pdf_toc.py [PDF] [--json OUT]

PDF defaults to ../shared/data/pdf-dev/rmrb-2025-10-20-pages-1-114.pdf beside the checkout
($SUMMARISE_SHARED_DATA names another data folder). The file is read, never copied.

The gold is parsed here independently of the reader: pdfminer's plain text of the leading pages whose
lines are mostly numbered entries ("12. 标题"). A contents entry counts only when its article is in the
file: its title, white space aside, appears in the text of the pages after the contents (a compiled
day's contents list the whole day; a cut file holds part of it). Editor lines ("一版责编:…") are
listed like articles but are not news, and are left out of the gold.

An article is *found* when its headline (or headline and subheadline together) is a gold title, compared
after width folding, traditional-to-simplified and without white space. Reported:
- recall: gold titles found as an article / gold titles;
- precision: articles whose headline is a gold title / articles;
- bad headlines: none at all, a page number, a byline fragment, an editor's-note mark, a credit;
- duplicates: articles whose headline and text repeat an earlier article's;
- the reader's wall time, and what the bounded worker adds to reading one small PDF (`--heavy`: also in a
  process that has imported torch, as `summarise brief` has by the time a batch reads).
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from summarise.types import Page

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PDF = Path(os.environ.get("SUMMARISE_SHARED_DATA", ROOT.parent / "shared" / "data")) / "pdf-dev" / \
    "rmrb-2025-10-20-pages-1-114.pdf"
_ENTRY_RE = re.compile(r"^\s*(\d{1,3})\s*[.、．]\s*(\S.*?)\s*$")
MIN_ENTRIES = 5
_EDITOR_RE = re.compile("责编|责任编辑")
_PAGE_NUMBER_RE = re.compile(r"^(?:第\s*\d+\s*[页版]|\d+)$")
_FRAGMENT_RE = re.compile(r"^[^(（]*[)）]|[(（][^)）]*$")
_BYLINE_RE = re.compile(r"(?:记者|通讯员|新华社|本报)[^,，。]{0,20}$")
_CREDIT_RE = re.compile(r"摄$|摄影$|责编|责任编辑|版式设计")


def contents(pdf: Path) -> tuple[list[str], str]:
    """The contents titles and the plain text (white space removed) of the pages after the contents."""
    from pdfminer.high_level import extract_text
    from pdfminer.pdfpage import PDFPage

    data = pdf.read_bytes()
    count = sum(1 for _ in PDFPage.get_pages(io.BytesIO(data)))
    titles: list[str] = []
    first_body = 0
    for number in range(count):
        lines = [line for line in extract_text(io.BytesIO(data), page_numbers=[number]).splitlines() if line.strip()]
        entries = [m.group(2) for m in map(_ENTRY_RE.match, lines) if m]
        if len(entries) < MIN_ENTRIES or len(entries) < 0.6 * len(lines):
            first_body = number
            break
        titles.extend(entries)
    body = extract_text(io.BytesIO(data), page_numbers=list(range(first_body, count)))
    return titles, _key(body)


def _key(text: str | None) -> str:
    from summarise.reading.normalise import normalise_width, to_simplified

    return "".join(to_simplified(normalise_width(text or ""))[0].split())


def score(pdf: Path, pages: list[Page] | None = None) -> dict[str, Any]:
    """The figures for `pdf`, read here (and timed) unless its `pages` are given."""
    from summarise.articles import split_articles
    from summarise.reading.readers import load_pages

    titles, body = contents(pdf)
    listed = {_key(t) for t in titles}
    gold = {key for key in listed if key in body and not _EDITOR_RE.search(key)}
    started = time.perf_counter()
    pages = load_pages(pdf) if pages is None else pages
    read_s = time.perf_counter() - started
    articles = [article for page in pages for article in split_articles(page)]
    found: set[str] = set()
    right = 0
    bad: dict[str, list[str]] = {"none": [], "page number": [], "byline fragment": [], "editor's note mark": [],
                                 "credit": []}
    seen: set[tuple[str, str]] = set()
    duplicates = 0
    for article in articles:
        headline = _key(article.headline)
        candidates = {headline, headline + _key(article.subheadline)}
        match = candidates & gold
        found |= match
        right += bool(match)
        kind = _bad_kind(article.headline)
        if kind:
            bad[kind].append(article.headline or "")
        identity = (headline, _key(article.body))
        duplicates += identity in seen
        seen.add(identity)
    return {
        "pdf": pdf.name,
        "contents_entries": len(titles),
        "gold_titles": len(gold),
        "articles": len(articles),
        "found": len(found),
        "recall": round(len(found) / len(gold), 3) if gold else None,
        "precision": round(right / len(articles), 3) if articles else None,
        "bad_headlines": {kind: len(items) for kind, items in bad.items()},
        "bad_headline_examples": {kind: items[:3] for kind, items in bad.items() if items},
        "duplicates": duplicates,
        "missed": sorted(gold - found),
        "read_s": round(read_s, 2),
    }


def _bad_kind(headline: str | None) -> str | None:
    if not headline or not headline.strip():
        return "none"
    text = headline.strip()
    if _PAGE_NUMBER_RE.match(text):
        return "page number"
    if text.startswith(("—", "–")):
        return "editor's note mark"
    if _CREDIT_RE.search(text):
        return "credit"
    if _FRAGMENT_RE.search(text) or _BYLINE_RE.search(text):
        return "byline fragment"
    return None


def worker_overhead(repeats: int = 20) -> dict[str, float]:
    """Milliseconds the bounded worker adds to reading one small PDF (fork, limits, the pickled answer,
    reaping): the median reading in the worker, less the median reading of the same file in-process."""
    from summarise.config import PdfLimits
    from summarise.reading.bounded import Bounds, run_bounded
    from summarise.reading.normalise import page_from_text
    from summarise.reading.pdf import document_text
    from summarise.reading.readers.pdf import pdf_page
    from tests.hostile_pdfs import chinese_page

    data = chinese_page(["西宁市今年引进项目18个,完成投资96.3亿元。", "园区同步建设储能电站6座。"] * 10)
    limits = PdfLimits()

    def in_process() -> None:
        result = document_text(data, "one.pdf", limits)
        page_from_text(result.text, headline_hints=result.headline_hints, rejoin=False)

    bounded = _median_ms(lambda: pdf_page(data, "one.pdf", limits), repeats)
    direct = _median_ms(in_process, repeats)
    fork_only = _median_ms(lambda: run_bounded(len, b"x", bounds=Bounds(20.0, 768), source="x"), repeats)
    return {"one_page_pdf_in_worker_ms": bounded, "one_page_pdf_in_process_ms": direct,
            "overhead_ms": round(bounded - direct, 2), "fork_round_trip_ms": fork_only}


def _median_ms(work: Callable[[], object], repeats: int) -> float:
    work()  # the first call imports what the rest reuse
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        timings.append((time.perf_counter() - started) * 1000)
    return round(sorted(timings)[len(timings) // 2], 2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", nargs="?", type=Path, default=DEFAULT_PDF)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--heavy", action="store_true",
                        help="measure the worker's cost in a process that has imported torch too")
    args = parser.parse_args(argv)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))  # tests.hostile_pdfs builds the small PDF the worker is timed on
    if not args.pdf.exists():
        print(f"pdf_toc: {args.pdf} not found (set SUMMARISE_SHARED_DATA or pass the PDF)", file=sys.stderr)
        return 2
    result = score(args.pdf)
    if importlib.util.find_spec("summarise.reading.bounded") is None:
        return _report(result, args.json)  # a checkout from before the bounded worker: the score alone
    result["worker_overhead"] = worker_overhead()
    if args.heavy:
        import torch  # noqa: F401 - a parent process as `summarise brief` has one: a larger address space

        result["worker_overhead_with_torch"] = worker_overhead()
    return _report(result, args.json)


def _report(result: dict[str, Any], out: Path | None) -> int:
    text = json.dumps(result, ensure_ascii=False, indent=2)
    print(text)
    if out:
        out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
