"""Hostile input, second pass (issue 19, items 3 and 4): stray NUL bytes in UTF-8 and web pages built to
be slow. Each attack runs as a user runs it (`summarise articles FILE` in a child process) and must end
within 30 s and under 1 GB of peak memory with a clean result; the splitter is also held to linear time.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarise.reading.decode import decode_text
from summarise.reading.html_caps import MAX_ATTRIBUTES_PER_ELEMENT, MAX_ELEMENTS
from summarise.reading.readers import decode_bytes
from summarise.reading.readers.html import strip_site_name
from tests.conftest import CORPUS
from tests.measured import Measured, run_cli_measured
from tests.test_hostile import _assert_linear

PAGE = (CORPUS / "qinghai-page-2024-12-24.txt").read_bytes()
HTML_PAGE = (CORPUS / "qinghai-html-page.html").read_text(encoding="utf-8")
BODY = "<p>本报讯(记者 张三)开发区管委会积极开展精准招商,引进一批项目。今年到位资金22.7亿元。</p>" * 4


def _articles(path: Path) -> tuple[Measured, list[dict[str, object]]]:
    done = run_cli_measured(["articles", str(path)])
    print(f"{path.name}: {done.seconds:.1f} s, {done.peak_mb:.0f} MB peak")  # the figures for the report
    assert done.within_bounds(), (done.seconds, done.peak_mb)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    return done, [json.loads(line) for line in done.stdout.splitlines()]


# -- item 3: stray NUL bytes --------------------------------------------------------------------------


def _with_nuls(data: bytes, count: int) -> bytes:
    middle = len(data) // 2
    middle += (data[middle] & 0xC0) == 0x80  # never inside a character: step past a continuation byte
    while (data[middle] & 0xC0) == 0x80:
        middle += 1
    spoiled = data[:middle] + b"\x00" * count + data[middle:]
    return spoiled if len(spoiled) % 2 == 0 else spoiled + b"\n"  # even: the length that looked UTF-16


@pytest.mark.parametrize("count", [1, 3])
def test_utf8_with_stray_nuls_is_read_as_utf8_with_the_nuls_removed_and_a_note(count: int) -> None:
    decoded = decode_text(_with_nuls(PAGE, count))
    assert decoded.encoding == "utf-8" and "\x00" not in decoded.text
    assert decoded.text.strip() == PAGE.decode("utf-8").strip()
    assert [note.code for note in decoded.notes] == ["nul-removed"]
    assert f"removed {count} stray NUL" in decoded.notes[0].message


def test_a_page_with_a_stray_nul_briefs_as_chinese_not_utf16_gibberish(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(_with_nuls(PAGE, 1))
    _, articles = _articles(path)
    clean = decode_bytes(PAGE, source="clean.txt")
    from summarise.articles import split_articles

    assert [a["headline"] for a in articles] == [a.headline for a in split_articles(clean)]
    assert all(any(n["code"] == "nul-removed" for n in a["notes"]) for a in articles)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_real_utf16_without_a_bom_still_reads_text_and_markup(codec: str) -> None:
    text = "资金22.7亿元\n比例达95%以上\n"
    assert decode_text(text.encode(codec)).text == text
    markup = "<html><head><title>t</title></head><body><p>青海省今年招商引资到位资金22.7亿元。</p></body></html>"
    assert decode_text(markup.encode(codec)).text == markup  # mostly ASCII: NULs in every other byte


def test_many_nuls_that_are_not_utf16_are_still_binary() -> None:
    from summarise.errors import BinaryInput

    with pytest.raises(BinaryInput, match="NUL bytes"):
        decode_text(b"\x00\x01\x02\x03" * 200 + "中文".encode())


# -- item 4: web pages built to be slow -----------------------------------------------------------------


def test_title_splitting_is_linear() -> None:
    _assert_linear(strip_site_name, "", "生物园区_新华网-", 20000)


def test_the_title_splitter_still_strips_site_and_section() -> None:
    assert strip_site_name("生物园区引进项目_教育频道_中国青年网") == "生物园区引进项目"
    assert strip_site_name("中国青年网_生物园区引进项目") == "生物园区引进项目"
    assert strip_site_name("生物园区引进项目-新华网") == "生物园区引进项目"
    assert strip_site_name("2019-2020年生物园区引进项目_要闻") == "2019-2020年生物园区引进项目"


def test_a_title_of_200000_site_name_parts_reads_in_bounds(tmp_path: Path) -> None:
    path = tmp_path / "title.html"
    path.write_text(f"<html><head><title>{'生物园区_新华网-' * 200000}</title></head><body><h1>园区招商</h1>"
                    f"{BODY}</body></html>", encoding="utf-8")
    _, articles = _articles(path)
    assert len(articles) == 1 and "22.7亿元" in str(articles[0]["body"])
    assert "新华网" not in str(articles[0]["headline"])


def test_an_element_with_200000_attributes_reads_in_bounds_with_a_note(tmp_path: Path) -> None:
    attributes = " ".join(f'a{i}="x"' for i in range(200000))
    path = tmp_path / "attributes.html"
    path.write_text(f"<html><head><title>园区招商_新华网</title></head><body><div {attributes}>{BODY}</div>"
                    "</body></html>", encoding="utf-8")
    _, articles = _articles(path)
    assert len(articles) == 1 and articles[0]["headline"] == "园区招商"
    notes = [n for n in articles[0]["notes"] if n["code"] == "html-capped"]  # type: ignore[union-attr]
    assert len(notes) == 1 and f"kept its first {MAX_ATTRIBUTES_PER_ELEMENT}" in notes[0]["message"]


def test_a_page_of_too_many_elements_is_split_by_its_layout_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "elements.html"
    count = 180000  # 360,000 elements in 4.9 MB, under the 5 MB input limit
    path.write_text(f"<html><head><title>园区招商</title></head><body><h1>园区招商</h1>{BODY}"
                    f"{'<div><span>中</span></div>' * count}</body></html>", encoding="utf-8")
    _, articles = _articles(path)
    assert articles and "22.7亿元" in str(articles[0]["body"])
    notes = [n for a in articles for n in a["notes"] if n["code"] == "html-capped"]  # type: ignore[union-attr]
    assert notes and f"over the {MAX_ELEMENTS:,}" in notes[0]["message"]


def test_pages_under_the_caps_are_read_as_before() -> None:
    attributes = " ".join(f'a{i}="x"' for i in range(MAX_ATTRIBUTES_PER_ELEMENT))
    markup = f"<html><head><title>园区招商_新华网</title></head><body><div {attributes}>{BODY}</div></body></html>"
    page = decode_bytes(markup.encode("utf-8"), source="page.html")
    assert page.article is not None and page.headline_hints == ("园区招商",)
    assert not any(note.code == "html-capped" for note in page.notes)
    several = decode_bytes(HTML_PAGE.encode("utf-8"), source="page.html")  # an e-paper page: split by layout
    assert several.article is None and not several.notes
