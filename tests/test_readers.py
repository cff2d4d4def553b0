"""The readers: format choice, web pages read as one article with trafilatura, `summarise articles`."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from summarise.articles import split_articles
from summarise.reading.readers import READERS, decode_bytes, load_pages, reader_for
from summarise.reading.readers.html import strip_site_name, trim_furniture
from summarise.types import SourceRef

ROOT = Path(__file__).resolve().parents[1]

PARAGRAPHS = [
    (
        "新华社西宁12月24日电(记者 王海燕)记者从格尔木市发展改革委获悉,今年格尔木市光伏产业园新增并网装机容量"
        "200万千瓦,累计装机容量突破1500万千瓦,创历史新高。"
    ),
    (
        "园区今年共引进新能源项目18个,完成投资96.3亿元,同比增长12.5%。按照“新能源+储能”模式,园区同步建设"
        "储能电站6座,总规模达到50万千瓦,有效缓解了弃光问题,带动就业4000多人。"
    ),
    (
        "据介绍,园区下一步将继续推进产业升级,力争明年新增装机容量再创新高,为建设国家清洁能源产业高地贡献力量。"
        "格尔木市相关负责人表示,将进一步优化营商环境,为企业提供更好的服务。"
    ),
]
NAV = "".join(f'<li><a href="/c{i}">栏目{i}</a></li>' for i in range(30))
RELATED = "".join(f'<li><a href="/n{i}">其他新闻标题第{i}条内容</a></li>' for i in range(12))
WEB_PAGE = f"""<!DOCTYPE html><html><head><meta charset="gb2312">
<title>格尔木市光伏产业园新增装机容量创新高_新闻中心_新浪网</title>
<meta name="author" content="王海燕"><meta property="article:published_time" content="2024-12-24T08:00:00+08:00">
<meta property="og:site_name" content="新浪网"></head><body>
<div class="top"><ul>{NAV}</ul><a href="/login">登录</a> 通行证:用户名 密码</div>
<div class="crumb">新浪首页 &gt; 新闻中心 &gt; 正文</div>
<div class="article"><h1>格尔木市光伏产业园新增装机容量创新高</h1>
<p class="date">2024年12月24日 08:00</p>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}
</div><div class="related"><h3>相关新闻</h3><ul>{RELATED}</ul></div>
<div class="footer">新浪公司 版权所有</div></body></html>"""


def test_each_format_has_a_reader_and_the_choice_follows_signature_then_suffix() -> None:
    assert set(READERS) == {"text", "html", "jsonl", "pdf"}
    assert reader_for("page.txt", b"%PDF-1.7").name == "pdf"  # type: ignore[union-attr]
    assert reader_for("records.jsonl", b'{"id": 1').name == "jsonl"  # type: ignore[union-attr]
    assert reader_for("page.HTM", b"<html>").name == "html"  # type: ignore[union-attr]
    assert reader_for("page.txt", "本报讯".encode()) is None  # decided on the decoded text


def test_source_and_articles_no_longer_import_each_other() -> None:
    def imports(module: str) -> set[str]:
        tree = ast.parse((ROOT / "summarise" / module).read_text(encoding="utf-8"))
        return {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}

    assert not any(name.startswith("summarise.articles") for name in imports("reading/__init__.py"))
    assert "summarise.reading.layout" in imports("reading/__init__.py")
    assert "summarise.reading.layout" in imports("articles/split.py")


def test_a_web_page_is_one_article_without_navigation_or_related_links() -> None:
    # Declared gb2312 but stored as UTF-8: the decoder believes the bytes, not the meta tag.
    page = decode_bytes(WEB_PAGE.encode("utf-8"), source="page.html")
    assert page.encoding == "utf-8"
    [article] = split_articles(page)
    assert article.headline == "格尔木市光伏产业园新增装机容量创新高"
    assert article.byline == "新华社西宁12月24日电(记者 王海燕)"
    assert (article.author, article.date) == ("王海燕", "2024-12-24")
    assert "登录" not in article.body and "其他新闻标题" not in article.body and "栏目" not in article.body
    assert "园区今年共引进新能源项目18个" in article.body and article.body.endswith("为企业提供更好的服务。")
    for paragraph in article.paragraphs:  # offsets index the decoded page text
        assert page.text[paragraph.start : paragraph.end] == paragraph.text
    assert page.text[article.start : article.end].startswith(article.paragraphs[0].text)


def test_a_gbk_web_page_with_a_bad_byte_pair_is_still_read() -> None:
    data = WEB_PAGE.replace('charset="gb2312"', 'charset="gbk"').encode("gbk")
    data = data.replace("园区今年".encode("gbk"), b"\xa2\xe3" + "园区今年".encode("gbk"))  # outside GBK
    [article] = split_articles(decode_bytes(data, source="old.html"))
    assert article.headline == "格尔木市光伏产业园新增装机容量创新高"
    assert "新增并网装机容量200万千瓦" in article.body


def test_a_page_of_several_headline_and_byline_blocks_still_splits() -> None:
    [page] = load_pages(ROOT / "corpus" / "qinghai-html-page.html")
    assert page.article is None
    assert len(split_articles(page)) == 2


@pytest.mark.parametrize(
    ("title", "headline"),
    [
        ("格尔木市光伏产业园创新高-新华网", "格尔木市光伏产业园创新高"),
        ("和男友口角鎖門吞藥 女墜樓不治 | 中央社 | 即時新聞", "和男友口角鎖門吞藥 女墜樓不治"),
        ("海外留学生看两会：出国前后关注点大不同_教育频道_中国青年网", "海外留学生看两会：出国前后关注点大不同"),
        ("新竹尖石_美樹營地賞楓 (2) @ 史蒂文的家 :: 痞客邦 PIXNET ::", "新竹尖石_美樹營地賞楓 (2)"),
        ("土豆不“土” 土豆无“土” 松花江网", "土豆不“土” 土豆无“土”"),
        ("2019-2020年度经济工作会议召开", "2019-2020年度经济工作会议召开"),
        ("COVID-19疫苗接种人数突破10亿_新浪网", "COVID-19疫苗接种人数突破10亿"),
        ("为建设凝聚力量——热烈祝贺会议开幕_巴彦淖尔市人民政府网", "为建设凝聚力量——热烈祝贺会议开幕"),
    ],
)
def test_site_names_and_sections_come_off_the_title(title: str, headline: str) -> None:
    assert strip_site_name(title) == headline


def test_closing_related_links_and_copyright_notices_are_not_article_text() -> None:
    body = ["正文第一段,内容。", "正文第二段,内容。", "(编辑 张三)"]
    assert trim_furniture([*body, "其他新闻标题甲", "其他新闻标题乙", "其他新闻标题丙"]) == body
    assert trim_furniture([*body, "反侵权公告:", "未经许可不得转载。"]) == body
    assert trim_furniture(["小标题", *body]) == ["小标题", *body]


def test_source_ref_carries_author_and_date_as_added_keys() -> None:
    ref = SourceRef("标题", None, 0, 10, author="王海燕", date="2024-12-24")
    data = ref.to_dict()
    assert list(data)[:7] == ["headline", "byline", "start", "end", "path", "subheadline", "sha256"]
    assert (data["author"], data["date"]) == ("王海燕", "2024-12-24")
    assert SourceRef.from_dict(data) == ref


def _articles_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "summarise", "articles", *args], input=stdin, check=False,
                          capture_output=True, timeout=120, cwd=ROOT)


@pytest.mark.parametrize(
    ("name", "make", "count"),
    [
        ("corpus/qinghai-page-2024-12-24.txt", None, None),
        ("corpus/qinghai-records.jsonl", None, None),
        ("web.html", lambda: WEB_PAGE.encode("utf-8"), 1),
        ("epaper.pdf", "pdf", 2),
    ],
)
def test_articles_command_prints_every_article_of_every_format(tmp_path: Path, name: str, make, count) -> None:  # type: ignore[no-untyped-def]
    path = ROOT / name
    if make == "pdf":
        from tests.pdf_pages import Story, stories_pdf

        pytest.importorskip("reportlab")
        stories = [Story("格尔木市光伏产业园新增装机容量创新高", "本报讯(记者 王海燕)", PARAGRAPHS[1:2]),
                   Story("玉树州完成草原生态修复治理60万亩", "本报讯(记者 陈明)", PARAGRAPHS[2:3])]
        path = tmp_path / name
        path.write_bytes(stories_pdf(stories))
    elif make is not None:
        path = tmp_path / name
        path.write_bytes(make())
    expected = count if count is not None else len([a for p in load_pages(path) for a in split_articles(p)])
    result = _articles_cli(str(path))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(records) == expected
    keys = {"id", "headline", "subheadline", "byline", "author", "date", "start", "end", "paragraphs",
            "warnings", "notes", "body"}
    for record in records:
        assert keys <= set(record)
        # Each warning is a note's message; a note's span lies inside its article.
        assert [n["message"] for n in record["notes"]] == record["warnings"]
        assert all(n["start"] is None or record["start"] <= n["start"] <= record["end"] for n in record["notes"])
        assert record["body"] == "\n".join(p["text"] for p in record["paragraphs"] if p["kind"] == "body")
    table = _articles_cli(str(path), "--format", "table")
    assert table.returncode == 0
    assert len(table.stdout.decode().splitlines()) == expected + 1


def test_articles_command_reads_stdin_and_refuses_bad_input_in_one_line(tmp_path: Path) -> None:
    result = _articles_cli("-", stdin=WEB_PAGE.encode("utf-8"))
    assert result.returncode == 0 and json.loads(result.stdout)["headline"] == "格尔木市光伏产业园新增装机容量创新高"
    for args, stdin in (([str(tmp_path / "missing.txt")], None), (["-"], b"\x89PNG\r\n\x1a\n...."),
                        (["-"], b"plain English text only")):
        bad = _articles_cli(*args, stdin=stdin)
        assert bad.returncode == 2 and bad.stdout == b""
        assert len(bad.stderr.decode().strip().splitlines()) == 1
