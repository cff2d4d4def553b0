"""summarise.reading: encodings, width and script normalisation, page-break rejoins, HTML, JSONL, stdin."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from summarise.errors import BinaryInput, EmptyInput, InputError, InputTooLarge, NoChineseText, PathNotFound
from summarise.reading import (
    binary_kind,
    decode,
    decode_text,
    html_to_text,
    normalise,
    normalise_width,
    page_from_text,
    rejoin_page_breaks,
    to_simplified,
)
from summarise.reading.readers import decode_bytes, iter_pages, load_pages
from summarise.reading.records import BadRecord
from summarise.types import Page

SIMPLIFIED = (
    "招商引资省外到位资金22.7亿元,完成目标任务的113.6%,签约额51.7亿元。今年,西宁经济技术开发区"
    "生物科技产业园区管委会积极开展精准招商、以商招商,持续优化招商项目服务,成功引进一批投资规模大、"
    "科技含量高、带动效应强的项目,为区域经济高质量发展注入强劲动能。\n"
)
TRADITIONAL = (
    "招商引資省外到位資金22.7億元,完成目標任務的113.6%,簽約額51.7億元。今年,西寧經濟技術開發區"
    "生物科技產業園區管委會積極開展精準招商、以商招商,持續優化招商項目服務,成功引進一批投資規模大、"
    "科技含量高、帶動效應強的項目,為區域經濟高質量發展注入強勁動能。\n"
)


@pytest.mark.parametrize(
    ("text", "codec", "expected_encoding"),
    [
        (SIMPLIFIED, "utf-8", "utf-8"),
        (SIMPLIFIED, "utf-8-sig", "utf-8-sig"),
        (SIMPLIFIED, "utf-16", "utf-16"),
        (SIMPLIFIED, "utf-16-le", "utf-16-le"),
        (SIMPLIFIED, "utf-16-be", "utf-16-be"),
        (SIMPLIFIED, "gbk", "gb18030"),
        (SIMPLIFIED, "gb18030", "gb18030"),
        (TRADITIONAL, "big5", "big5"),
    ],
)
def test_decodes_each_supported_encoding(text: str, codec: str, expected_encoding: str) -> None:
    page = decode_bytes(text.encode(codec), source="page.txt")
    assert page.encoding == expected_encoding
    assert page.text == SIMPLIFIED
    assert page.source == "page.txt"


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("严冬的阿尼玛卿雪", "gbk"),
        ("持续蓝天打好污染防治攻坚战", "gbk"),
        ("本报讯(记者 张", "gbk"),
        ("陳剛在果洛州調研時強調", "big5"),
        ("省領導劉奇凡、班", "big5"),
        ("在湟中区新型智慧", "utf-16-le"),
        ("生态环境质量动态", "utf-16-le"),
        ("生态环境质量动态", "utf-16-be"),
    ],
)
def test_short_text_is_not_mistaken_for_another_encoding(text: str, codec: str) -> None:
    # Eight CJK characters also "decode" as UTF-16 Hangul or as GB18030 rarities; the common-character
    # check picks the reading that is Chinese.
    assert decode_text(text.encode(codec)).text == text


@pytest.mark.parametrize(
    ("data", "wrong_codec", "right"),
    [
        (TRADITIONAL.encode("big5"), "gb18030", TRADITIONAL),
        (SIMPLIFIED.encode("gbk"), "big5", SIMPLIFIED),
    ],
    ids=["big5-read-as-gbk", "gbk-read-as-big5"],
)
def test_the_right_reading_has_more_common_chinese_characters(data: bytes, wrong_codec: str, right: str) -> None:
    wrong = data.decode(wrong_codec, errors="replace")
    assert decode._Reading.of(right).score > 0.7
    assert decode._Reading.of(wrong).score < 0.35


def test_big5_page_is_simplified_for_the_models_and_keeps_the_original() -> None:
    page = decode_bytes(TRADITIONAL.encode("big5"))
    assert page.text == SIMPLIFIED
    assert page.original == TRADITIONAL
    assert len(page.original) == len(page.text)
    assert any("traditional" in warning for warning in page.warnings)


def test_simplified_page_has_no_original_and_no_conversion_warning() -> None:
    page = page_from_text(SIMPLIFIED)
    assert page.original is None
    assert page.warnings == ()


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("２０２４年", "2024年"),
        ("比例达９５％以上", "比例达95%以上"),
        ("１２３４．５亿元", "1234.5亿元"),
        ("完成，签约", "完成,签约"),
        ("本报讯（记者 张国静）", "本报讯(记者 张国静)"),
        ("懂青海\u3000爱青海", "懂青海 爱青海"),
        ("ＰＭ２．５", "PM2.5"),
        ("增长；下降：持平！是否？", "增长;下降:持平!是否?"),
        ("。、“”《》……", "。、“”《》……"),  # CJK punctuation has no ASCII twin and stays
    ],
)
def test_width_normalisation_keeps_length(raw: str, normalised: str) -> None:
    assert normalise_width(raw) == normalised
    assert len(normalise_width(raw)) == len(raw)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("The party secretary visited Golog and chaired a meeting.", "no Chinese text found"),
        ("Chen Gang (陈刚) visited Golog prefecture and chaired a meeting on ecology and growth.",
         "almost no Chinese text"),
        ("陳剛氏は果洛州を視察し、生態保護と所得向上の好循環を推進するよう強調した。", "looks like Japanese"),
        ("김정은 위원장이 평양에서 회의를 주재했다.", "no Chinese text found"),
    ],
    ids=["english", "english-with-a-name", "japanese", "korean"],
)
def test_text_that_is_not_chinese_is_refused(text: str, says: str) -> None:
    with pytest.raises(NoChineseText, match=says):
        page_from_text(text, source="x.txt")


@pytest.mark.parametrize(
    "text",
    ["省委书记陈刚会见日本客人山田さん一行。", "GDP增长5.2%,CPI上涨0.3%。", "中"],
    ids=["a-japanese-name", "acronyms", "one-character"],
)
def test_chinese_with_a_little_else_is_accepted(text: str) -> None:
    assert page_from_text(text).text == text


def test_page_normalises_line_endings_and_invisible_characters() -> None:
    page = page_from_text("第一段\u200b内容。\r\n第二段内容。\r第三段\ufeff内容。\f第四段\x07内容。\u2028第五段。")
    assert page.text == "第一段内容。\n第二段内容。\n第三段内容。\n第四段内容。\n第五段。"


def test_to_simplified_keeps_a_clause_whose_length_would_change(monkeypatch: pytest.MonkeyPatch) -> None:
    class LengthChanging:
        def convert(self, text: str) -> str:
            return text.replace("國", "国").replace("後", "之后")

    monkeypatch.setattr(normalise, "simplified_converter", lambda: LengthChanging())
    converted, changed = to_simplified("中國經濟,穩步增長後\n")
    assert converted == "中国經濟,穩步增長後\n"  # the second clause would grow, so it stays as written
    assert changed == 1


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("坚持整体推进与重点攻坚相结合,梳\n\n理清楚涉及资产盘活的重点区域。", "坚持整体推进与重点攻坚相结合,梳理清楚涉及资产盘活的重点区域。"),
        ("在项目现场,石建平实地了解产\n\n业协作、有机蔬菜精深加工等情况。", "在项目现场,石建平实地了解产业协作、有机蔬菜精深加工等情况。"),
        ("推动规划目标落实,加强地表水\n\n生态环境质量动态监管,开展调查。", "推动规划目标落实,加强地表水生态环境质量动态监管,开展调查。"),
        ("纳入服务范畴,\n\n实现社保服务“零距离”。", "纳入服务范畴,实现社保服务“零距离”。"),
        ("纳入服务范畴,\n   \n\n实现服务。", "纳入服务范畴,实现服务。"),  # any blank gap
        ("报告说,使用了开源 open\n\nsource 软件,效果很好。", "报告说,使用了开源 open source 软件,效果很好。"),
    ],
)
def test_rejoins_lines_cut_by_page_breaks(text: str, joined: str) -> None:
    result, offsets = rejoin_page_breaks(text)
    assert result == joined
    [offset] = offsets
    assert result[offset:] == text[text.index("\n") :].lstrip()  # the offset is where the cut was


@pytest.mark.parametrize(
    "text",
    [
        "陈刚在果洛州调研时强调\n\n推动生态保护和增收致富良性循环 奋力推进高质量发展和长治久安",  # headline lines
        "市领导姜晓东参加。\n\n在城北区项目现场,石建平实地了解情况。",  # the sentence ended
        "加快推动项目实施,完成年度投资目标任务\n\n强化自然生态保护修复\n\n做好后期管护工作。",  # a heading follows
        "省领导参加有关活动,\n\n本报讯(记者 李静)12月24日,记者获悉。",  # a byline follows
        "主要任务如下:\n\n一是加强监管,二是推进整改。",  # a list introduction
        "一是加强监管,推进整改;\n\n二是强化保护,开展评估;",  # list items
        "他说:“我们将持续跟进,确保开工。”\n\n同时,园区还将加大力度。",  # a closing quote
    ],
)
def test_real_paragraph_breaks_stay(text: str) -> None:
    assert rejoin_page_breaks(text) == (text, ())


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"GIF89a\x01\x00", "GIF image"),
        (b"%PDF-1.7\n%\xe2\xe3", "PDF document"),
        (b"PK\x03\x04\x14\x00", "ZIP archive"),
        (b"\x1f\x8b\x08\x00", "gzip archive"),
        (b"\x7fELF\x02\x01", "ELF executable"),
        (b"\x00\x00\x00\x18ftypmp42", "MP4 video"),
        ("陈刚在果洛州调研时强调".encode(), None),
        (b"The plain English text", None),
    ],
)
def test_binary_kind_reads_file_signatures(data: bytes, kind: str | None) -> None:
    assert binary_kind(data) == kind


def test_nul_bytes_that_are_not_utf16_are_binary() -> None:
    with pytest.raises(BinaryInput, match="NUL bytes"):
        decode_text(b"\x01\x02\x00\x00\x03\x04\x05\x00\xff", source="blob")


def test_utf16_without_bom_is_read_either_way_round() -> None:
    for codec in ("utf-16-le", "utf-16-be"):
        assert decode_text(SIMPLIFIED.encode(codec)).text == SIMPLIFIED


# -- HTML --------------------------------------------------------------------------------------------

HTML = """<!DOCTYPE html><html><head><title>青海日报</title>
<style>p { color: red }</style><script>var s = "脚本里的中文";</script></head>
<body><nav>首页 | 要闻</nav>
<h1>格尔木市光伏产业园新增装机容量创新高</h1><h2>全年新增并网装机200万千瓦</h2>
<p>本报讯（记者 王海燕）今年园区新增并网装机
200万千瓦,累计突破1500万千瓦。</p>
<p>第一行&amp;说明<br>第二行&nbsp;说明。</p>
<footer>版权所有</footer></body></html>"""


def test_html_drops_scripts_styles_and_chrome_and_keeps_paragraphs() -> None:
    html = html_to_text(HTML)
    assert html.text.split("\n\n") == [
        "格尔木市光伏产业园新增装机容量创新高",
        "全年新增并网装机200万千瓦",
        "本报讯（记者 王海燕）今年园区新增并网装机200万千瓦,累计突破1500万千瓦。",
        "第一行&说明\n第二行\xa0说明。",
    ]
    assert html.headings == ("格尔木市光伏产业园新增装机容量创新高",)


@pytest.mark.parametrize(
    ("markup", "headings"),
    [
        ("<h2>甲地新闻</h2><p>正文一,内容。</p><h2>乙地新闻</h2><p>正文二,内容。</p>", ("甲地新闻", "乙地新闻")),
        ("<html><head><title>标题在这里</title></head><body><p>正文,内容。</p></body></html>", ("标题在这里",)),
        ("<p>只有正文,没有标题。</p>", ()),
    ],
    ids=["h2-when-no-h1", "title-when-no-heading", "none"],
)
def test_html_headline_candidates(markup: str, headings: tuple[str, ...]) -> None:
    assert html_to_text(markup).headings == headings


@pytest.mark.parametrize(
    "markup",
    [
        "<html><head><title>青海日报</title><body><h1>标题新闻</h1><p>正文内容,很短。</p></body></html>",
        '<html><body><form id="aspnetForm"><h1>标题新闻</h1><p>正文内容,很短。</p></form></body></html>',
        "<h1>标题新闻</h1><p>正文内容,<b>很短</b>。</p><aside>相关阅读</aside>",
    ],
    ids=["head-left-open", "asp-net-form", "inline-and-aside"],
)
def test_html_body_survives_common_markup(markup: str) -> None:
    html = html_to_text(markup)
    assert (html.text, html.headings) == ("标题新闻\n\n正文内容,很短。", ("标题新闻",))
    assert html.title == ("青海日报" if "<title>" in markup else "")


def test_html_bytes_honour_their_meta_charset() -> None:
    markup = '<html><head><meta charset="gb2312"></head><body><h1>标题新闻</h1><p>正文内容,很短。</p></body></html>'
    page = decode_bytes(markup.encode("gbk"), source="page.htm")
    assert (page.format, page.encoding) == ("html", "gb18030")
    assert page.text == "标题新闻\n\n正文内容,很短。"
    assert page.headline_hints == ("标题新闻",)


def test_html_declaring_a_charset_it_is_not_in_is_detected_instead() -> None:
    markup = '<html><head><meta charset="iso-8859-1"></head><body><p>正文内容,青海日报报道。</p></body></html>'
    page = decode_bytes(markup.encode("gbk"), source="page.html")
    assert (page.encoding, page.text) == ("gb18030", "正文内容,青海日报报道。")


# -- files, stdin, JSONL -----------------------------------------------------------------------------


def test_stdin_dash_reads_the_given_stream() -> None:
    pages = load_pages("-", stdin=io.BytesIO(SIMPLIFIED.encode("gbk")))
    assert [(p.source, p.encoding, p.text) for p in pages] == [("<stdin>", "gb18030", SIMPLIFIED)]


def test_stdin_over_the_limit_is_refused() -> None:
    with pytest.raises(InputTooLarge, match="<stdin>: more than 100 bytes"):
        load_pages("-", stdin=io.BytesIO(SIMPLIFIED.encode("utf-8")), max_bytes=100)


def _jsonl(tmp_path: Path, lines: list[str], name: str = "records.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GOOD = json.dumps({"id": "a1", "title": "标题甲", "text": "正文甲,内容。"}, ensure_ascii=False)
GOOD_NUMERIC_ID = json.dumps({"id": 7, "text": "正文乙,内容。"}, ensure_ascii=False)


@pytest.mark.parametrize(
    ("bad_line", "error", "says"),
    [
        ("{not json", BadRecord, "not valid JSON"),
        ('["a list"]', BadRecord, "must be an object"),
        ('{"id": "x", "title": "无正文"}', BadRecord, 'no "text" string'),
        ('{"id": ["x"], "text": "正文,内容。"}', BadRecord, '"id" must be a string or a number'),
        ('{"id": "x", "text": "   "}', EmptyInput, "only whitespace"),
        ('{"id": "x", "text": ""}', EmptyInput, "empty input"),
        ('{"id": "x", "text": "English only."}', NoChineseText, "no Chinese text"),
    ],
)
def test_bad_jsonl_record_is_yielded_naming_its_line(
    tmp_path: Path, bad_line: str, error: type[InputError], says: str
) -> None:
    path = _jsonl(tmp_path, [GOOD, "", bad_line, GOOD_NUMERIC_ID])
    items = list(iter_pages(path))
    assert [type(item) for item in items] == [Page, error, Page]
    bad = items[1]
    assert isinstance(bad, InputError) and str(bad).startswith(f"{path}:3: ") and says in str(bad)
    first, last = items[0], items[2]
    assert isinstance(first, Page) and isinstance(last, Page)
    assert (first.record_id, first.headline_hints, first.format, first.source) == ("a1", ("标题甲",), "jsonl", f"{path}:1")
    assert (last.record_id, last.headline_hints) == ("7", ())
    with pytest.raises(error, match=f"{path}:3: "):
        load_pages(path)


def test_jsonl_content_is_recognised_without_the_suffix() -> None:
    pages = load_pages("-", stdin=io.BytesIO(f"{GOOD}\n{GOOD_NUMERIC_ID}\n".encode()))
    assert [p.record_id for p in pages] == ["a1", "7"]
    assert pages[0].source == "<stdin>:1"


def test_jsonl_limit_applies_per_record(tmp_path: Path) -> None:
    big = json.dumps({"id": "big", "text": "长" * 200}, ensure_ascii=False)
    items = list(iter_pages(_jsonl(tmp_path, [GOOD, big, GOOD]), max_bytes=300))
    assert [type(item) for item in items] == [Page, InputTooLarge, Page]
    assert "records.jsonl:2" in str(items[1])


def test_jsonl_bad_utf8_line_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(GOOD.encode("utf-8") + b"\n" + GOOD.encode("gbk") + b"\n")
    items = list(iter_pages(path))
    assert isinstance(items[0], Page)
    assert isinstance(items[1], InputError) and "mixed.jsonl:2: " in str(items[1]) and "not valid UTF-8" in str(items[1])


@pytest.mark.parametrize("content", [b"", b"\n\n  \n"], ids=["empty", "blank-lines"])
def test_empty_jsonl_file_is_raised(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "none.jsonl"
    path.write_bytes(content)
    with pytest.raises(EmptyInput):
        list(iter_pages(path))


def test_missing_jsonl_file_is_raised(tmp_path: Path) -> None:
    with pytest.raises(PathNotFound, match="no such file"):
        list(iter_pages(tmp_path / "gone.jsonl"))


def test_each_page_break_join_is_a_note_at_its_offset() -> None:
    page = page_from_text("要坚持整体推进,梳\n\n理清楚重点区域。\n\n在现场,了解产\n\n业协作情况。")
    assert page.text == "要坚持整体推进,梳理清楚重点区域。\n\n在现场,了解产业协作情况。"
    assert page.warnings == (
        'rejoined a line cut mid-sentence by a page break: "推进,梳|理清楚重" (offset 9)',
        'rejoined a line cut mid-sentence by a page break: ",了解产|业协作情" (offset 26)',
    )
    assert [(note.code, note.start, note.end) for note in page.notes] == [
        ("page-break-rejoined", 9, 9), ("page-break-rejoined", 26, 26),
    ]
    assert page.text[9] == "理" and page.text[26] == "业"


def test_join_warnings_quote_the_simplified_text_the_offsets_index() -> None:
    page = page_from_text("推動規劃目標落實,加強地表水\n\n生態環境質量動態監管。")
    [join, conversion] = page.notes
    assert '"强地表水|生态环境"' in join.message and page.text[join.start :].startswith("生态环境")
    assert conversion.code == "traditional-converted" and conversion.start is None
    assert conversion.message.startswith("converted ") and page.original == "推動規劃目標落實,加強地表水生態環境質量動態監管。"


@pytest.mark.parametrize("cut", [1, 2])
def test_utf8_cut_inside_its_last_character_keeps_everything_before_it(cut: int) -> None:
    text = "招商引资省外到位资金22.7亿元"
    data = text.encode("utf-8")[:-cut]  # the last character, 元, is three bytes
    assert decode_bytes(data).text == text[:-1]


def test_utf8_broken_in_the_middle_is_still_not_utf8() -> None:
    data = "招商引资".encode()
    broken = data[:4] + data[5:]  # a lost byte inside the text, not at its end
    page_or_error: object
    try:
        page_or_error = decode_bytes(broken)
    except InputError as error:
        page_or_error = error
    assert not (hasattr(page_or_error, "encoding") and page_or_error.encoding == "utf-8")
