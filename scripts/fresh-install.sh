#!/usr/bin/env bash
# A fresh install as a user makes one: a venv with Python 3.11's own pip (not upgraded), `pip install .`,
# then a web page read through trafilatura by the installed `summarise`. Exits non-zero if any step fails.
# torch==2.13.0 goes in first (the CPU wheel), so that pip does not pull a multi-GB CUDA build; pip's
# cache keeps later runs quick.
set -euo pipefail
cd "$(dirname "$0")/.."
source_dir=$PWD
python=${PYTHON311:-python3.11}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$python" -m venv "$work/venv"
pip=("$work/venv/bin/python" -m pip --disable-pip-version-check)
echo "fresh-install: $("${pip[@]}" --version)"
"${pip[@]}" install -q "torch==2.13.0"
"${pip[@]}" install -q "$source_dir"

cat > "$work/page.html" <<'HTML'
<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>园区招商引资超额完成年度目标_新华网</title></head>
<body><nav><a href="/">首页</a> &gt; <a href="/news">要闻</a></nav>
<h1>园区招商引资超额完成年度目标</h1>
<p>本报讯(记者 张三)开发区管委会积极开展精准招商,引进一批投资规模大、科技含量高的项目。</p>
<p>今年园区到位资金22.7亿元,完成目标任务的113.6%,新签约项目12个,总投资超过50亿元。</p>
<p>管委会负责人表示,下一步将继续优化营商环境,推动项目早日投产达效。</p>
<footer>版权所有 新华网</footer></body></html>
HTML

# From a folder outside the checkout, so the installed package is what runs.
cd "$work"
"$work/venv/bin/summarise" articles page.html > articles.jsonl
"$work/venv/bin/python" - <<'PY'
import json
articles = [json.loads(line) for line in open("articles.jsonl", encoding="utf-8")]
assert len(articles) == 1, f"expected one article, got {len(articles)}"
article = articles[0]
assert article["headline"] == "园区招商引资超额完成年度目标", article["headline"]
assert "22.7亿元" in article["body"] and "版权所有" not in article["body"], article["body"]
assert not any(note["code"] == "no-article-extracted" for note in article["notes"]), article["notes"]
print("fresh-install: a fresh venv with Python 3.11's own pip installs summarise and reads a web page")
PY
