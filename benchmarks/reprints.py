"""Measure the reprint threshold (summarise.sources.dedup) on real articles.

    python benchmarks/reprints.py [--json benchmarks/results/reprints.json]

Reads ../shared/data (never copied into the repository) and reports the Jaccard similarity of the
character 5-gram sets dedup compares:

- distinct stories: every pair among the 33 dev web pages' articles, the 427 LCSTS news texts and the
  corpus articles, which must stay well below the threshold;
- the People's Daily compilation (pdf-dev): articles the compilation prints twice, found by the same
  measure, shown with their similarity;
- the same text in other page chrome: each dev page's article, as this project reads it, published again
  in three other page layouts (other navigation, footer and site name, a "来源" credit line added) and read
  back through the HTML reader, as a wire story reprinted by another site is;
- the same story edited: the dateline paragraph dropped, an editor's note added, or only the first
  half kept.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarise.articles import split_articles
from summarise.reading.readers import decode_bytes, load_pages
from summarise.sources.dedup import DEFAULT_THRESHOLD, jaccard, shingles

CHROMES = (
    ("<nav>首页 | 新闻 | 登录</nav>", "<footer>版权所有 本网站所刊载信息不代表本站观点</footer>", "新闻网"),
    ("<header><ul><li>要闻</li><li>财经</li><li>体育</li></ul></header>",
     "<footer><p>相关新闻</p><ul><li>其他新闻一</li><li>其他新闻二</li></ul></footer>", "日报"),
    ("<div>欢迎访问本站 返回首页</div>", "<footer>联系我们 | 关于我们 | 网站地图</footer>", "在线"),
)


def shared_data() -> Path:
    for folder in (ROOT, *ROOT.parents):
        if (folder / "shared" / "data").is_dir():
            return folder / "shared" / "data"
    raise SystemExit("shared/data not found beside the checkout")


def republished(headline: str, paragraphs: list[str], chrome: int) -> bytes:
    navigation, footer, site = CHROMES[chrome]
    body = "".join(f"<p>{escape(p)}</p>" for p in [*paragraphs, "（来源：新华社）"])
    return (f"<html><head><meta charset='utf-8'><title>{escape(headline)} - {site}</title></head><body>"
            f"{navigation}<article><h1>{escape(headline)}</h1>{body}</article>{footer}</body></html>").encode()


def summary(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {"n": len(ordered), "min": round(ordered[0], 3), "median": round(statistics.median(ordered), 3),
            "max": round(ordered[-1], 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    options = parser.parse_args()
    data = shared_data()

    web = []
    for page_file in sorted((data / "web-pages-dev").glob("*.html")):
        if ".expected" in page_file.name:
            continue
        [page] = load_pages(page_file)
        web += [(page_file.name, a) for a in split_articles(page)]
    texts = [(name, a.body) for name, a in web]
    for line in (data / "lcsts-part3-dev.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        texts.append((f"lcsts:{record['id']}", record["text"]))
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        texts += [(f"corpus:{path.name}#{a.index}", a.body) for a in split_articles(load_pages(path)[0])]
    sets = [(name, shingles(text)) for name, text in texts]
    distinct = [jaccard(a, b) for (_, a), (_, b) in itertools.combinations(sets, 2) if a and b]
    top = sorted(((jaccard(a, b), x, y) for (x, a), (y, b) in itertools.combinations(sets, 2) if a and b),
                 reverse=True)[:3]

    [pdf] = load_pages(data / "pdf-dev" / "rmrb-2025-10-20-pages-1-114.pdf")
    pdf_sets = [shingles(a.body) for a in split_articles(pdf)]
    pdf_pairs = sorted((round(jaccard(a, b), 3) for a, b in itertools.combinations(pdf_sets, 2)
                        if jaccard(a, b) >= 0.1), reverse=True)

    chrome, dropped, noted, halved = [], [], [], []
    for name, article in web:
        body = [p.text for p in article.paragraphs if p.kind == "body"]
        original = shingles(article.body)
        for number in range(len(CHROMES)):
            copy = split_articles(decode_bytes(republished(article.headline or "新闻", body, number),
                                               source=f"reprint-{number}.html"))
            chrome.append(jaccard(original, shingles("\n".join(a.body for a in copy))))
        if len(body) > 2:
            dropped.append(jaccard(original, shingles("\n".join(body[1:]))))
        noted.append(jaccard(original, shingles("\n".join([*body, "编者按：本文转载自新华社，略有删节。责任编辑：张三"]))))
        halved.append(jaccard(original, shingles(article.body[: len(article.body) // 2])))

    report = {
        "threshold": DEFAULT_THRESHOLD,
        "distinct_stories": {**summary(distinct), "pairs_at_or_over_threshold": sum(v >= DEFAULT_THRESHOLD
                                                                                  for v in distinct),
                             "top_pairs": [[round(v, 3), x, y] for v, x, y in top]},
        "pdf_compilation_pairs_over_0.1": pdf_pairs,
        "same_text_other_chrome": summary(chrome),
        "first_paragraph_dropped": summary(dropped),
        "editor_note_added": summary(noted),
        "first_half_only": summary(halved),
    }
    print(json.dumps(report, ensure_ascii=False, indent=2))
    if options.json:
        options.json.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
