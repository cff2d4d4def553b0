"""Properties of the figure module: extraction never raises, offsets slice back, render-then-parse."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from summarise.figures import extract_figures, parse_english_figures, render_english

# Text built from the characters the extractor reacts to, so hypothesis explores its branches
# (numerals, multipliers, units, qualifiers, joiners, full-width forms) rather than random noise.
_INTERESTING = list("0123456789０１２３４５６７８９.．,，%％～~-至到第分之百千万亿十两〇零一二三四五六七八九廿"
                    "年月日号个名人家项条元米亩吨倍类多余近约超逾以上下左右至少不到ⅡⅢPM ") + ["百分之", "万亿", "个百分点",
                                                                                   "平方公里", "美元", "十四五"]
_chinese_like = st.lists(st.sampled_from(_INTERESTING), max_size=30).map("".join)
_any_text = st.one_of(_chinese_like, st.text(max_size=60))


@settings(max_examples=150, deadline=None)
@given(_any_text)
def test_extract_figures_never_raises_and_offsets_slice_back(text: str) -> None:
    figures = extract_figures(text)
    previous_end = 0
    for figure in figures:
        assert text[figure.start:figure.end] == figure.text
        assert figure.start >= previous_end  # figures never overlap
        previous_end = figure.end
        assert figure.english


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_parse_english_never_raises_and_offsets_slice_back(text: str) -> None:
    for figure in parse_english_figures(text):
        assert text[figure.start:figure.end] == figure.text


_values = st.one_of(
    st.integers(min_value=0, max_value=10**15).map(Decimal),
    st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False, allow_infinity=False),
)
_units = st.sampled_from([
    (None, "count"), ("people", "count"), ("yuan", "money"), ("US dollars", "money"), ("metres", "measure"),
    ("mu", "measure"), ("percent", "percent"), ("percentage points", "percent"),
])
_qualifiers = st.sampled_from([None, "over", "more than", "nearly", "about", "at least", "up to", "under"])


@settings(max_examples=300, deadline=None)
@given(_values, _units, _qualifiers)
def test_render_then_parse_returns_the_value(value: Decimal, unit_kind: tuple[str | None, str],
                                             qualifier: str | None) -> None:
    unit, kind = unit_kind
    english = render_english(value, unit, qualifier, kind)
    parsed = parse_english_figures(english)
    assert len(parsed) == 1, (english, parsed)
    assert parsed[0].value == value, english
    assert parsed[0].qualifier == qualifier, english


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=99))
def test_ordinals_render_then_parse(value: int) -> None:
    parsed = parse_english_figures(render_english(Decimal(value), None, None, "ordinal"))
    assert [p.value for p in parsed] == [value]


_multipliers = st.sampled_from([("", 1), ("万", 10**4), ("亿", 10**8), ("万亿", 10**12), ("千万", 10**7)])
_cn_units = st.sampled_from(["元", "美元", "%", "人", "名", "米", "亩", "吨", "个", "家"])


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=1, max_value=9999, places=2, allow_nan=False, allow_infinity=False),
       _multipliers, _cn_units)
def test_chinese_figure_english_states_its_value(number: Decimal, multiplier: tuple[str, int], unit: str) -> None:
    word, factor = multiplier
    if unit == "%":
        word, factor = "", 1  # 5万% is not a thing
    text = f"共计{number.normalize():f}{word}{unit}。"
    figures = extract_figures(text)
    assert len(figures) == 1, (text, figures)
    assert figures[0].value == number * factor
    parsed = parse_english_figures(figures[0].english)
    assert [p.value for p in parsed] == [number * factor], (text, figures[0].english)
