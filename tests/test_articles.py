"""summarise.articles: byline and heading rules, layouts, warnings, and the sample page surviving every
encoding and wrapping the issue names."""

from __future__ import annotations

import html
from pathlib import Path

import opencc
import pytest

from summarise.articles import byline_match, is_heading_line, split_articles
from summarise.reading import page_from_text
from summarise.reading.readers import decode_bytes
from summarise.types import Article, Page

SAMPLE_PAGE = Path(__file__).resolve().parents[1] / "corpus" / "qinghai-page-2024-12-24.txt"
SAMPLE = SAMPLE_PAGE.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("line", "byline"),
    [
        ("本报讯(记者 张国静)招商引资省外到位资金22.7亿元", "本报讯(记者 张国静)"),
        ("本报讯(特约记者 莫昌伟)12月24日,省委书记", "本报讯(特约记者 莫昌伟)"),
        ("本报西宁12月24日讯(记者 李静)今天,记者获悉", "本报西宁12月24日讯(记者 李静)"),
        ("新华社北京12月24日电(记者 王明)国务院新闻办公室", "新华社北京12月24日电(记者 王明)"),
        ("新华社北京12月24日电 国务院新闻办公室", "新华社北京12月24日电"),
        ("(记者 张三 通讯员 李四)本月以来,全市", "(记者 张三 通讯员 李四)"),
        ("【记者 王五】本月以来,全市", "【记者 王五】"),
        ("本报讯 近日,全市开展专项行动。", "本报讯"),
        ("本报记者 张三 李四", "本报记者 张三 李四"),
    ],
)
def test_byline_is_recognised(line: str, byline: str) -> None:
    match = byline_match(line)
    assert match is not None and match.group().rstrip() == byline


@pytest.mark.parametrize(
    "line",
    [
        "本报记者从省政府新闻办获悉,今年以来全省经济稳中有进。",
        "记者从省政府新闻办召开的发布会上获悉,今年以来。",
        "新华社报道,国务院召开常务会议。",
        "据新华社消息,会议强调。",
        "(完)",
        "陈刚在果洛州调研时强调",
    ],
)
def test_prose_and_headlines_are_not_bylines(line: str) -> None:
    assert byline_match(line) is None


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("陈刚在果洛州调研时强调", True),
        ("推动生态保护和增收致富良性循环 奋力推进高质量发展和长治久安", True),
        ("前11个月全省空气质量优良天数比例达95%以上", True),
        ("青海推动社保业务“就近办”落地落实", True),
        ("习近平:坚持绿色发展", True),
        ("省领导刘奇凡、班果、朱向峰、何立春参加有关活动。", False),
        ("主要任务如下:", False),
        ("截至11月底,园区新增市场主体814个", False),
        ("GDP and CPI", False),  # no Chinese
        ("很" * 65, False),  # too long for a headline
        ("", False),
    ],
)
def test_heading_lines(line: str, heading: bool) -> None:
    assert is_heading_line(line) is heading


def test_a_string_is_normalised_first() -> None:
    [article] = split_articles("标题新闻\n\n本报讯（记者 王五）１２月２４日，全市开展行动。")
    assert (article.headline, article.byline) == ("标题新闻", "本报讯(记者 王五)")
    assert article.body == "12月24日,全市开展行动。"


def test_byline_without_headline_and_whole_line_byline() -> None:
    text = "本报记者 张三 李四\n\n全市开展专项行动,成效明显。\n\n下一步将继续推进。"
    [article] = split_articles(text)
    assert (article.headline, article.byline) == (None, "本报记者 张三 李四")
    assert [p.text for p in article.paragraphs] == ["全市开展专项行动,成效明显。", "下一步将继续推进。"]


def test_byline_starts_a_new_article_even_without_a_headline() -> None:
    text = "本报讯(记者 甲)第一篇,内容。\n\n第一篇结尾。\n\n本报讯(记者 乙)第二篇,内容。"
    articles = split_articles(text)
    assert [(a.byline, a.body) for a in articles] == [
        ("本报讯(记者 甲)", "第一篇,内容。\n第一篇结尾。"),
        ("本报讯(记者 乙)", "第二篇,内容。"),
    ]


def test_wider_blank_gaps_separate_articles_and_a_lone_heading_joins_its_text() -> None:
    text = "标题一\n\n正文一,内容。\n正文二,内容。\n\n\n标题二\n\n正文三,内容。\n正文四,内容。\n"
    articles = split_articles(text)
    assert [(a.headline, a.body) for a in articles] == [
        ("标题一", "正文一,内容。\n正文二,内容。"),
        ("标题二", "正文三,内容。\n正文四,内容。"),
    ]


def test_equal_gaps_keep_one_article_with_a_subheading() -> None:
    text = "总标题\n\n第一段,内容。\n\n小标题\n\n第二段,内容。\n\n(完)"
    [article] = split_articles(text)
    assert article.headline == "总标题"
    assert [(p.kind, p.text) for p in article.paragraphs] == [
        ("body", "第一段,内容。"),
        ("subheading", "小标题"),
        ("body", "第二段,内容。"),
        ("body", "(完)"),  # a closing heading-like line has no text after it: not a sub-heading
    ]


def test_trailing_heading_only_segment_stays_with_the_article_before_it() -> None:
    text = "第一篇正文,内容。\n第一篇结尾。\n\n\n(完)"
    [article] = split_articles(text)
    assert article.body.endswith("(完)")


def test_text_of_headings_only_is_body_without_headline() -> None:
    [article] = split_articles("今天天气很好")
    assert (article.headline, article.body) == (None, "今天天气很好")


def test_jsonl_title_names_the_article_and_keeps_the_traditional_original() -> None:
    page = page_from_text("青海湖景區遊客創新高,接待312萬人次。", headline_hints=("青海湖景區創新高",), format="jsonl",
                          record_id="r1")
    [article] = split_articles(page)
    assert (article.headline, article.headline_original, article.record_id) == ("青海湖景区创新高", "青海湖景區創新高", "r1")
    assert article.body == "青海湖景区游客创新高,接待312万人次。"


def test_html_headline_hint_opens_an_article_and_chrome_above_it_is_left_out() -> None:
    page = page_from_text(
        "发布时间 2024年12月24日\n\n标题甲\n\n小标题甲\n\n正文甲,内容。\n\n标题乙\n\n正文乙,内容。",
        headline_hints=("标题甲", "标题乙"),
        format="html",
    )
    articles = split_articles(page)
    assert [(a.index, a.headline, a.subheadline, a.body) for a in articles] == [
        (0, "标题甲", "小标题甲", "正文甲,内容。"),
        (1, "标题乙", None, "正文乙,内容。"),
    ]
    assert articles[0].warnings == ('left out text above the first headline: "发布时间 2024年12月24日"',)


def test_prose_above_the_first_html_headline_is_kept_as_an_article() -> None:
    page = page_from_text("导语部分,内容。\n\n标题甲\n\n正文甲,内容。", headline_hints=("标题甲",), format="html")
    assert [(a.headline, a.body) for a in split_articles(page)] == [(None, "导语部分,内容。"), ("标题甲", "正文甲,内容。")]


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("奋力推进果洛高质量发展 and 长治久安。", ["and"]),
        ("中国 of the 世界,发展。", ["of the"]),
        ("以PM2.5和臭氧防治为主线,强化控制。", []),
        ("推动 GDP 稳步增长,效果明显。", []),
        ("苹果 iPhone 手机销量增长,效果明显。", []),
        ("发布 version 2 版本,效果明显。", []),
    ],
)
def test_stray_latin_is_kept_and_flagged(text: str, flagged: list[str]) -> None:
    [article] = split_articles(text)
    assert article.body == text  # kept as written
    assert len(article.warnings) == len(flagged)
    for warning, word in zip(article.warnings, flagged):
        assert f'stray Latin text "{word}"' in warning


def test_stray_latin_warning_gives_the_offset_of_the_word() -> None:
    page = page_from_text(SAMPLE)
    first = split_articles(page)[0]
    [warning] = first.warnings
    offset = int(warning.rsplit("offset ", 1)[1].rstrip(")"))
    assert page.text[offset : offset + 3] == "and"


# -- the sample page through every encoding and wrapping ------------------------------------------


def _shape(articles: list[Article]) -> list[tuple[object, ...]]:
    return [
        (a.headline, a.subheadline, a.byline, [(p.kind, p.text) for p in a.paragraphs]) for a in articles
    ]


def _as_html(text: str) -> str:
    headlines = {a.headline for a in split_articles(text)}
    blocks = []
    for line in text.splitlines():
        if line.strip():
            tag = "h1" if line.strip() in headlines else "p"
            blocks.append(f"<{tag}>{html.escape(line)}</{tag}>")
    body = "\n".join(blocks)
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>青海日报</title>'
        f"<script>var a = '本报讯(记者 假)不应出现。';</script></head><body>\n{body}\n</body></html>"
    )


@pytest.mark.parametrize(
    ("name", "encode"),
    [
        ("gbk", lambda text: text.encode("gbk")),
        ("utf-16", lambda text: text.encode("utf-16")),
        ("html", lambda text: _as_html(text).encode("utf-8")),
        ("html-gbk", lambda text: _as_html(text).replace("utf-8", "gbk").encode("gbk")),
    ],
)
def test_sample_page_gives_the_same_articles_in_every_encoding(name: str, encode) -> None:  # type: ignore[no-untyped-def]
    expected = split_articles(page_from_text(SAMPLE))
    page = decode_bytes(encode(SAMPLE), source=f"sample.{name}")
    articles = split_articles(page)
    assert _shape(articles) == _shape(expected)
    assert len(articles) == 6
    if not name.startswith("html"):  # HTML rebuilds the whitespace between blocks, so offsets differ
        assert [(a.start, a.end) for a in articles] == [(a.start, a.end) for a in expected]


def test_sample_page_converted_to_traditional_big5_gives_the_same_articles() -> None:
    # 肽 (peptide) has no Big5 code point, so that one character is swapped on both sides.
    simplified = SAMPLE.replace("肽", "太")
    traditional = opencc.OpenCC("s2tw").convert(simplified)
    page = decode_bytes(traditional.encode("big5"), source="sample.big5")
    assert page.encoding == "big5" and page.original is not None
    articles = split_articles(page)
    expected = split_articles(page_from_text(simplified))
    # Taiwan usage writes 著 for both 着 and 著; t2s rightly keeps 著, so compare with that folded.
    assert str(_shape(articles)).replace("著", "着") == str(_shape(expected))
    assert [(a.start, a.end) for a in articles] == [(a.start, a.end) for a in expected]
    assert articles[0].headline_original == "陳剛在果洛州調研時強調"
    assert articles[0].headline == "陈刚在果洛州调研时强调"


def test_gbk_and_utf8_sample_pages_have_the_same_six_headlines() -> None:
    utf8 = [a.headline for a in split_articles(decode_bytes(SAMPLE.encode("utf-8")))]
    gbk = [a.headline for a in split_articles(decode_bytes(SAMPLE.encode("gbk")))]
    assert gbk == utf8 == [
        "陈刚在果洛州调研时强调",
        "生物园区超额完成 招商引资年度目标任务",
        "王卫东赴湟中区调研走在前作表率工作",
        "石建平调研东西部协作项目建设工作",
        "前11个月全省空气质量优良天数比例达95%以上",
        "青海推动社保业务“就近办”落地落实",
    ]


def test_full_width_sample_page_normalises_to_the_same_articles() -> None:
    widened = SAMPLE.translate({ord(","): "，", ord("("): "（", ord(")"): "）", **{ord(d): chr(ord(d) + 0xFEE0) for d in "0123456789%"}})
    assert widened != SAMPLE
    assert _shape(split_articles(widened)) == _shape(split_articles(SAMPLE))


def test_sample_page_is_a_page_of_six(sample_page: Path) -> None:
    page = decode_bytes(sample_page.read_bytes(), source=str(sample_page))
    assert isinstance(page, Page)
    articles = split_articles(page)
    assert [a.index for a in articles] == list(range(6))
    assert all(a.source == str(sample_page) for a in articles)
