"""PDF pages through their text layer: reading order across columns, several articles on one page, and
one-line errors for scans and corrupt files. The PDFs are drawn here with reportlab's CID font."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("reportlab")
pytest.importorskip("pdfminer")

from summarise.articles import split_articles
from summarise.errors import InputError
from summarise.reading.readers import decode_bytes, load_pages
from summarise.reading.readers.pdf import NoTextLayer, UnreadablePdf
from summarise.types import Article
from tests.pdf_pages import Story, columns_pdf, compiled_pdf, image_only_pdf, stories_pdf

PARAGRAPHS = (
    "西宁市今年引进项目18个,完成投资96.3亿元,同比增长12.5%。园区同步建设储能电站6座,总规模达到50万千瓦。",
    "据介绍,全州草原综合植被盖度达到65.8%,较上年提高0.6个百分点。下一步,园区将继续推进产业升级,力争再创新高。",
    "格尔木市发展改革委表示,将进一步优化营商环境,为企业提供更好的服务,推动新能源产业高质量发展。",
    "截至11月底,全市新能源装机容量突破1500万千瓦,占电力总装机的比重达到九成以上,清洁能源优势更加明显。",
)
SOLAR = Story("格尔木市光伏产业园新增装机容量创新高", "本报讯(记者 王海燕)", PARAGRAPHS)
GRASS = Story("玉树州完成草原生态修复治理60万亩", "本报讯(通讯员 扎西 记者 陈明)", PARAGRAPHS[::-1][:3])
WATER = Story("西宁市湟水河治理工程全面完工", "本报讯(记者 李青)", PARAGRAPHS[1:3])


@pytest.mark.parametrize("columns", [2, 3])
def test_columns_are_read_in_order_and_make_one_article(columns: int) -> None:
    page = decode_bytes(columns_pdf(SOLAR, columns), source="page.pdf")
    assert (page.format, page.encoding) == ("pdf", "pdf")
    [article] = split_articles(page)
    assert article.headline == SOLAR.headline
    assert article.byline == SOLAR.byline
    # Paragraphs cut by a column break come back whole, in reading order.
    assert [p.text for p in article.paragraphs] == list(PARAGRAPHS)
    for paragraph in article.paragraphs:
        assert page.text[paragraph.start : paragraph.end] == paragraph.text


def test_a_page_of_several_articles_splits_at_headlines_and_bylines() -> None:
    page = decode_bytes(stories_pdf([SOLAR, GRASS, WATER]), source="epaper.pdf")
    articles = split_articles(page)
    assert [(a.headline, a.byline) for a in articles] == [
        (story.headline, story.byline) for story in (SOLAR, GRASS, WATER)
    ]
    assert [[p.text for p in a.paragraphs] for a in articles] == [
        list(story.paragraphs) for story in (SOLAR, GRASS, WATER)
    ]


def test_a_pdf_file_is_recognised_by_its_signature_whatever_its_name(tmp_path: Path) -> None:
    path = tmp_path / "page.dat"
    path.write_bytes(columns_pdf(SOLAR, 2))
    [page] = load_pages(path)
    assert page.format == "pdf" and SOLAR.headline in page.text


def test_a_scan_without_a_text_layer_is_refused() -> None:
    with pytest.raises(NoTextLayer, match="no text layer.*no OCR"):
        decode_bytes(image_only_pdf(), source="scan.pdf")


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\ngarbage",
        b"this is not a pdf at all",
    ],
    ids=["truncated", "not-a-pdf"],
)
def test_a_corrupt_pdf_is_an_input_error(data: bytes) -> None:
    with pytest.raises(UnreadablePdf):
        decode_bytes(data, source="broken.pdf")


def test_a_truncated_real_pdf_is_an_input_error() -> None:
    data = columns_pdf(SOLAR, 2)
    with pytest.raises(InputError):
        decode_bytes(data[: len(data) // 3], source="cut.pdf")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("scan.pdf", image_only_pdf(), "no text layer"),
        ("broken.pdf", b"%PDF-1.7\n%%EOF garbage", "not a readable PDF"),
    ],
)
def test_cli_bad_pdfs_exit_2_with_one_line(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = subprocess.run([sys.executable, "-m", "summarise", "articles", str(path)],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr


# -- compiled collections (issue 19): contents, running lines, headlines over two lines, pages ------------

LONG = Story("青海省全面推进生态文明高地建设取得新进展新成效", "本报记者  王海燕  李  青", PARAGRAPHS * 3)
CREDITS = Story("本版责编:王  强  李  明", "", ())


def _compiled(stories: list[Story]) -> tuple[str, list[Article]]:
    page = decode_bytes(compiled_pdf(stories), source="collection.pdf")
    return page.text, split_articles(page)


def test_a_compiled_collection_reads_as_its_articles_whole_and_once() -> None:
    text, articles = _compiled([LONG, GRASS, WATER, CREDITS, LONG])
    # The contents page, the running header, the "- N -" footers and the editors' credit are left out;
    # the story printed twice is briefed once.
    assert [(a.headline, a.byline) for a in articles] == [
        (LONG.headline, LONG.byline), (GRASS.headline, GRASS.byline), (WATER.headline, WATER.byline)]
    # A headline wrapped over two lines is one headline; paragraphs run on over three pages whole.
    assert [[p.text for p in a.paragraphs] for a in articles] == [list(s.paragraphs) for s in (LONG, GRASS, WATER)]
    assert "测试日报" not in text and "目录" not in text and "责编" not in text and "- 2 -" not in text
    assert articles[0].author == "王海燕 李青"  # a two-character name spaced out to three is one name
    codes = [note.code for note in articles[0].notes]
    assert "pdf-furniture-dropped" in codes and "article-repeated" in codes
    dropped = next(note.message for note in articles[0].notes if note.code == "pdf-furniture-dropped")
    assert "1 table-of-contents page" in dropped and "running header or footer lines" in dropped


def test_contents_titles_name_articles_when_the_type_does_not_show_them() -> None:
    # Headlines in body type and no bylines: only the contents page says where each article starts
    # (without it, the pages run together).
    stories = [Story(s.headline, "", s.paragraphs) for s in (GRASS, WATER, SOLAR)]
    for contents in (True, False):
        page = decode_bytes(compiled_pdf(stories, headline_scale=1.0, contents=contents), source="plain.pdf")
        found = [(a.headline, [p.text for p in a.paragraphs]) for a in split_articles(page)]
        expected = [(s.headline, list(s.paragraphs)) for s in stories]
        assert (found == expected) is contents, found
