"""What may never be a headline (issue 19: a real PDF gave page numbers, a byline fragment, an editor's-note
mark and a photo credit as headlines), bylines set with spaced names, closing credits, and the same article twice."""

from __future__ import annotations

import pytest

from summarise.articles import split_articles
from summarise.articles.repeats import drop_repeats
from summarise.reading import page_from_text
from summarise.reading.layout import byline_match, is_credit_line, is_heading_line, is_page_number, reporters

BODY = "青海省今年招商引资到位资金22.7亿元,完成目标任务的113.6%。"


@pytest.mark.parametrize(
    "line",
    ["第 15 页", "- 3 -", "12", "Page 2 of 9", "王小明)", "(新华社北京5月6日电 记者张三、", "——编  者", "—— 编者",
     "新华社记者  李四摄", "张三 摄", "本报记者 李四/摄", "本版责编:孙  明  陈晓东", "一版责编:王强", "版式设计:林小雨"],
)
def test_never_a_headline(line: str) -> None:
    assert not is_heading_line(line)


@pytest.mark.parametrize("line", ["“合作共赢才是基础”", "冬日美景引游客拍摄", "《人民日报》出版座谈会举行", "第三届进博会开幕",
                                  "(完)"])
def test_still_a_heading(line: str) -> None:
    assert is_heading_line(line)


def test_page_numbers_and_credits_are_told_apart() -> None:
    assert is_page_number("第 1 页") and is_page_number("共 3 页,第 2 页") and not is_page_number("第一页的故事")
    assert is_credit_line("新华社记者  李四摄") and not is_credit_line("图为游客在雪山下拍摄。新华社记者  李四摄")


@pytest.mark.parametrize(
    ("line", "names"),
    [("本报记者  王  强  李晓明", "王强 李晓明"), ("本报记者  赵丽华  周  平", "赵丽华 周平"), ("新华社记者", None),
     ("本报记者 张国静", "张国静")],
)
def test_a_byline_line_with_names_spaced_to_width(line: str, names: str | None) -> None:
    match = byline_match(line)
    assert match is not None and match.group() == line
    assert reporters(line) == names


def test_words_after_reporter_are_not_a_byline() -> None:
    assert byline_match("记者节到来之际") is None and byline_match("记者") is None


def test_a_closing_credit_stays_with_its_article() -> None:
    text = f"标题一\n本报讯(记者 张三){BODY}\n第二段,内容。\n(本报记者王五参与采写)\n\n标题二\n本报讯(记者 李四){BODY}"
    articles = split_articles(text)
    assert [a.headline for a in articles] == ["标题一", "标题二"]
    assert articles[0].paragraphs[-1].text == "(本报记者王五参与采写)"


def test_a_named_headline_with_a_comma_opens_its_article() -> None:
    # Layout (a PDF's display type) or markup says it is a headline: its comma does not make it prose,
    # and the line before it (another article's last) is not pulled into it.
    text = f"湖区治理,我们做对了什么\n余文\n{BODY}\n(新华社北京5月6日电 记者张三)\n久久为功,湖水清澈\n本报记者 张三\n{BODY}"
    page = page_from_text(text, headline_hints=("湖区治理,我们做对了什么", "久久为功,湖水清澈"))
    articles = split_articles(page)
    assert [(a.headline, a.byline) for a in articles] == [("湖区治理,我们做对了什么", None),
                                                          ("久久为功,湖水清澈", "本报记者 张三")]
    assert articles[0].paragraphs[-1].text == "(新华社北京5月6日电 记者张三)"


def test_the_same_article_twice_is_briefed_once_with_a_note() -> None:
    story = f"青海投资创新高\n本报讯(记者 张三){BODY}\n西宁市有4000多名志愿者参加服务。"
    other = "西宁志愿服务\n本报讯(记者 李四)西宁市有4000多名志愿者参加服务,满意度在95%以上。"
    articles = split_articles(f"{story}\n\n{other}\n\n{story}")
    assert [a.headline for a in articles] == ["青海投资创新高", "西宁志愿服务"]
    assert [a.index for a in articles] == [0, 1]
    assert [n.code for n in articles[0].notes] == ["article-repeated"]


def test_a_copy_cut_short_is_a_repeat_and_the_whole_one_is_kept() -> None:
    whole = f"青海投资创新高\n本报讯(记者 张三){BODY}\n西宁市有4000多名志愿者参加服务。"
    cut = f"青海投资创新高\n本报讯(记者 张三){BODY}"
    [article] = split_articles(f"{cut}\n\n{whole}")
    assert article.body.endswith("志愿者参加服务。") and article.index == 0


def test_a_recurring_title_over_different_articles_keeps_both() -> None:
    first = f"图片报道\n本报讯(记者 张三){BODY}"
    second = "图片报道\n本报讯(记者 李四)西宁市有4000多名志愿者参加服务,满意度在95%以上。"
    assert len(split_articles(f"{first}\n\n{second}")) == 2
    assert drop_repeats([]) == []
