"""Property tests: decoding and splitting never raise anything but a typed InputError, and article
offsets always index the decoded text exactly, with nothing lost."""

from __future__ import annotations

import io
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarise.articles import split_articles
from summarise.errors import InputError
from summarise.reading import page_from_text
from summarise.reading.readers import decode_bytes, iter_pages
from summarise.types import Page

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of newspaper text, so generated pages exercise headings, bylines, gaps and page breaks.
PIECES = [
    "陈刚在果洛州调研时强调", "本报讯(记者 张国静)", "本报讯（特约记者 莫昌伟）", "新华社北京12月24日电",
    "12月24日,", "省委书记陈刚赴果洛调研。", "招商引资22.7亿元,", "完成目标任务的113.6%", "梳", "理清楚",
    "持续蓝天打好污染防治攻坚战", "高质量发展 and 长治久安", "PM2.5", "９５％以上", "，", "。", ";", ":",
    "“就近办”", "(完)", "陳剛在果洛州調研時強調", "<h1>标题</h1>", "<p>正文,内容。</p>", '{"text": "正文"}',
    "\n", "\n\n", "\n\n\n", " ", "\u3000", "\r\n", "\t", "\u200b", "abc", "The", "\x00", "\ufeff",
]
page_texts = st.lists(st.sampled_from(PIECES) | st.text(max_size=6), max_size=40).map("".join)


@SETTINGS
@given(st.binary(max_size=400))
def test_decoding_arbitrary_bytes_gives_a_page_or_a_typed_error(data: bytes) -> None:
    try:
        page = decode_bytes(data, source="fuzz")
    except InputError as error:
        assert str(error).startswith("fuzz: ")
        return
    assert isinstance(page, Page) and page.text.strip()


@SETTINGS
@given(page_texts.map(lambda text: text.encode("utf-8")) | st.binary(max_size=200))
def test_reading_stdin_yields_pages_or_typed_errors(data: bytes) -> None:
    try:
        items = list(iter_pages("-", stdin=io.BytesIO(data)))
    except InputError:
        return
    for item in items:
        assert isinstance(item, (Page, InputError))
        if isinstance(item, Page):
            split_articles(item)


@SETTINGS
@given(page_texts | st.text(max_size=300))
def test_splitting_arbitrary_text_keeps_offsets_exact_and_loses_nothing(text: str) -> None:
    try:
        page = page_from_text(text)
    except InputError:
        return
    articles = split_articles(page)
    assert articles, "a page with Chinese text has at least one article"
    previous_end = 0
    covered = [False] * len(page.text)
    for index, article in enumerate(articles):
        assert article.index == index
        assert previous_end <= article.start < article.end <= len(page.text)
        previous_end = article.end
        for position in range(article.start, article.end):
            covered[position] = True
        outside_paragraphs = list(page.text[article.start : article.end])
        for paragraph in article.paragraphs:
            assert paragraph.kind in ("body", "subheading")
            assert paragraph.text and page.text[paragraph.start : paragraph.end] == paragraph.text
            assert article.start <= paragraph.start < paragraph.end <= article.end
            for position in range(paragraph.start, paragraph.end):
                outside_paragraphs[position - article.start] = ""
        # What is in the article but in no paragraph is exactly its headline, sub-headline and byline.
        rest = re.sub(r"\s", "", "".join(outside_paragraphs))
        named = re.sub(r"\s", "", "".join(x for x in (article.headline, article.subheadline, article.byline) if x))
        assert rest == named
    lost = [ch for ch, inside in zip(page.text, covered) if not inside and not ch.isspace()]
    assert lost == []


@SETTINGS
@given(page_texts)
def test_normalising_twice_changes_nothing(text: str) -> None:
    try:
        page = page_from_text(text)
    except InputError:
        return
    again = page_from_text(page.text)
    assert again.text == page.text
    if page.original is not None:
        assert len(page.original) == len(page.text)
