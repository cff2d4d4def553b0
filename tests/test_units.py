"""Units with their numbers (issue 21, item 5): the English unit is read with its number, amounts are
compared in base units, a unit slip is repaired as number and unit together, and the evaluations count
an unrepaired slip as wrong. Every English string here is fixed text, not model output."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarise.articles import split_articles
from summarise.cli import main
from summarise.evaluation.outputs import evaluate_translation
from summarise.figures import extract_figures, parse_english_figures, render_english, same_amount
from summarise.figures.measures import ENGLISH_SPELLINGS, UNIT_SIZES
from summarise.figures.units import UNITS
from summarise.guard import check_english, repair_translation
from summarise.guard.codes import GuardWarning
from summarise.pipeline import article_sha256
from summarise.reading.readers import load_pages
from summarise.testing.fakes import FakeTranslator
from tests.conftest import CORPUS
from tests.test_hostile import _assert_linear

SOLAR_ADDED = "今年格尔木市光伏产业园新增并网装机容量200万千瓦。"
SOLAR_TOTAL = "累计装机容量突破1500万千瓦。"
AREA_MU = "全镇辣椒种植面积达3.5万亩。"
AREA_KM2 = "园区规划面积1.2平方公里。"
MASS = "全年粮食产量25万吨。"
ENERGY = "全年发电量12.5亿千瓦时。"
MONEY = "招商引资省外到位资金22.7亿元。"
PER_MU = "新建农田全部配套节水灌溉设施,预计每亩可增产粮食50公斤左右。"  # corpus/haidong-blank-line-separated-page.txt
PRICE = "煤炭价格为3000元/吨。"


# -- the English unit is read with its number (the cases are in test_figures.ENGLISH_CASES) ----------


def test_a_range_shares_its_measure_and_words_that_start_like_units_are_not_units() -> None:
    assert [(f.value, f.unit) for f in parse_english_figures("3 to 5 km")] == [
        (Decimal(3), "kilometres"), (Decimal(5), "kilometres")]
    assert [(f.text, f.unit) for f in parse_english_figures("200 museums and 3 hazards")] == [
        ("200", None), ("3", None)]


def test_every_unit_either_side_names_has_a_size() -> None:
    # A Chinese measure or currency without a size could never be compared; nor an English spelling.
    named = {english for english, kind in UNITS.values() if kind in ("measure", "money")}
    assert named - set(UNIT_SIZES) == {"degrees Celsius"}
    assert set(ENGLISH_SPELLINGS.values()) <= set(UNIT_SIZES)
    assert {f.unit for f in extract_figures("装机200兆瓦，3.5吉瓦，发电1200兆瓦时。")} == {
        "megawatts", "gigawatts", "megawatt-hours"}


@pytest.mark.parametrize("unit", sorted({english for english, kind in UNITS.values() if kind == "measure"}
                                         & set(UNIT_SIZES)))
@pytest.mark.parametrize("value", ["1", "2.5", "35000", "2000000"])
def test_every_rendered_measure_reads_back_with_its_unit(unit: str, value: str) -> None:
    # The guard re-reads each repair; a rendering it could not read back with its unit would be undone.
    english = render_english(Decimal(value), unit, kind="measure")
    assert [(f.value, f.unit) for f in parse_english_figures(f"It reached {english}.")] == [(Decimal(value), unit)]


@pytest.mark.parametrize(("value", "unit", "other", "other_unit", "step", "same"), [
    ("2000000", "kilowatts", "2000", "megawatts", None, True),
    ("2000000", "kilowatts", "2", "gigawatts", None, True),
    ("2000000", "kilowatts", "200", "megawatts", None, False),  # the slip: a thousand times too little
    ("2000000", "kilowatts", "2000000", "megawatts", None, False),  # and a thousand times too much
    ("1.2", "square kilometres", "120", "hectares", None, True),
    ("35000", "mu", "2333", "hectares", "1", True),  # 2,333.33 hectares, rounded as written
    ("35000", "mu", "2300", "hectares", "1", False),
    ("35000", "mu", "35000", "hectares", "1", False),
    ("250000", "tonnes", "250000000", "kilograms", None, True),
    ("1250000000", "kilowatt-hours", "1.25", "terawatt-hours", None, True),
    ("2270000000", "yuan", "2270000000", "yuan", None, True),
    ("2270000000", "yuan", "320000000", "US dollars", None, None),  # currencies: cannot be compared
    ("2000000", "kilowatts", "2000000", "tonnes", None, False),
    ("2000000", "kilowatts", "2000000", "yuan", None, False),
    ("1400", "people", "1400", "tonnes", None, None),  # a count noun is not a measure
])
def test_amounts_are_compared_in_base_units(value: str, unit: str, other: str, other_unit: str,
                                            step: str | None, same: bool | None) -> None:
    assert same_amount(Decimal(value), unit, Decimal(other), other_unit,
                       Decimal(step) if step else None) is same


# -- the guard repairs number and unit together ----------------------------------------------------


@pytest.mark.parametrize(("zh", "english", "repaired", "code", "note"), [
    (SOLAR_ADDED, "The park added 200 megawatts of new capacity.",
     "The park added 2 million kilowatts of new capacity.", "unit-corrected",
     ('figure 200万千瓦: English said "200 megawatts" (that is 200,000 kilowatts), corrected to '
     '"2 million kilowatts" (value and unit)')),
    (SOLAR_ADDED, "The park added 2 million megawatts of new installed capacity.",
     "The park added 2 million kilowatts of new installed capacity.", "unit-corrected",
     ('figure 200万千瓦: English said "2 million megawatts" (that is 2 billion kilowatts), corrected to '
     '"2 million kilowatts" (value and unit)')),
    (SOLAR_TOTAL, "Total capacity exceeded 15 million megawatts.",
     "Total capacity exceeded 15 million kilowatts.", "unit-corrected",
     ('figure 1500万千瓦: English said "15 million megawatts" (that is 15 billion kilowatts), corrected to '
     '"15 million kilowatts" (value and unit)')),
    (AREA_MU, "Peppers grow on 35,000 hectares.", "Peppers grow on 35,000 mu.", "unit-corrected",
     ('figure 3.5万亩: English said "35,000 hectares" (that is 525,000 mu), corrected to "35,000 mu" '
     "(value and unit)")),
    (AREA_KM2, "The park covers 1.2 hectares.", "The park covers 1.2 square kilometres.", "unit-corrected",
     ('figure 1.2平方公里: English said "1.2 hectares" (that is 0.012 square kilometres), corrected to '
     '"1.2 square kilometres" (value and unit)')),
    (MASS, "Grain output was 25 million tonnes.", "Grain output was 250,000 tonnes.", "figure-corrected",
     'figure 25万吨: English said "25 million tonnes", corrected to "250,000 tonnes" (value)'),
    (ENERGY, "It generated 12.5 billion kWh.", "It generated 1.25 billion kilowatt-hours.", "figure-corrected",
     'figure 12.5亿千瓦时: English said "12.5 billion kWh", corrected to "1.25 billion kilowatt-hours" (value)'),
    (MONEY, "Investment reached 22.7 billion yuan.", "Investment reached 2.27 billion yuan.", "figure-corrected",
     'figure 22.7亿元: English said "22.7 billion yuan", corrected to "2.27 billion yuan" (value)'),
    (MONEY, "Investment reached 2.27 billion US dollars.", "Investment reached 2.27 billion yuan.",
     "unit-corrected", ('figure 22.7亿元: English said "2.27 billion US dollars" (in US dollars, which cannot be '
     'compared with yuan), corrected to "2.27 billion yuan" (value and unit)')),
])
def test_a_unit_slip_is_repaired_as_number_and_unit_with_a_note(zh: str, english: str, repaired: str,
                                                                 code: str, note: str) -> None:
    out, warnings = repair_translation([zh], [english])
    assert out == [repaired]
    assert warnings == [note]
    assert isinstance(warnings[0], GuardWarning) and warnings[0].code == code
    # What the reader gets states the source's quantity.
    assert any(f.unit == extract_figures(zh)[0].unit for f in parse_english_figures(out[0]))


@pytest.mark.parametrize(("zh", "english"), [
    (SOLAR_ADDED, "The park added 2,000 megawatts of capacity."),
    (SOLAR_ADDED, "The park added 2 GW of capacity."),
    (SOLAR_ADDED, "The park added 2 million kilowatts of capacity."),
    (SOLAR_TOTAL, "Total capacity exceeded 15 GW."),
    (AREA_MU, "Peppers grow on 35,000 mu."),
    (AREA_MU, "Peppers grow on 2,333 hectares."),
    (AREA_KM2, "The park covers 1.2 square kilometres."),
    (AREA_KM2, "The park covers 120 hectares."),
    (AREA_KM2, "The park covers 1.2 million square metres."),
    (MASS, "Grain output was 250,000 tons."),
    (MASS, "Grain output was 250 million kilograms."),
    (ENERGY, "It generated 1.25 billion kWh."),
    (ENERGY, "It generated 1,250 GWh."),
    (MONEY, "Investment reached 2.27 billion yuan."),
    (MONEY, "Investment reached RMB 2.27 billion."),
    (MONEY, "Investment reached 2.27 billion RMB."),
    # a rate stated right, or with no rate at all
    (PER_MU, "Grain output will rise by about 50 kilograms per mu."),
    (PER_MU, "Each mu is expected to yield about 50 kilograms more grain."),
    (PER_MU, "Yields will rise by about 750 kilograms per hectare."),
    (PRICE, "Coal sells at 3,000 yuan per ton."),
    (PRICE, "Coal sells at 3 yuan per kilogram."),
    (PRICE, "Coal sells at 3,000 yuan."),
])
def test_a_correct_amount_in_another_unit_is_left_alone(zh: str, english: str) -> None:
    assert repair_translation([zh], [english]) == ([english], [])
    assert check_english(zh, [english]) == ([english], [])


def test_the_llm_path_repairs_a_unit_slip_against_the_article() -> None:
    article = SOLAR_ADDED + SOLAR_TOTAL
    kept, warnings = check_english(article, ["Solar park adds 2 million megawatts",
                                             "Total capacity exceeded 15 million megawatts."])
    assert kept == ["Solar park adds 2 million kilowatts", "Total capacity exceeded 15 million kilowatts."]
    assert [w.code for w in warnings if isinstance(w, GuardWarning)] == ["unit-corrected", "unit-corrected"]


def test_an_amount_of_another_sort_is_never_rewritten_into_the_figure() -> None:
    # "200 tonnes" cannot be a rendering of 200万千瓦: it is kept, flagged, and the figure appended.
    out, warnings = repair_translation([SOLAR_ADDED], ["The park stored 200 tonnes."])
    assert out == ["The park stored 200 tonnes. (2 million kilowatts)"]
    assert [w.code for w in warnings] == ["figure-unmatched", "figure-appended"]


# -- the evaluations judge amounts in base units ---------------------------------------------------


def _solar_article():  # type: ignore[no-untyped-def]
    page = load_pages(CORPUS / "qinghai-html-page.html")[0]
    return next(a for a in split_articles(page) if "200万千瓦" in a.body)


def test_eval_briefs_counts_an_unrepaired_unit_slip_as_wrong(tmp_path: Path) -> None:
    article = _solar_article()
    source = {"headline": article.headline, "byline": article.byline, "start": article.start,
              "end": article.end, "path": str(CORPUS / "qinghai-html-page.html"),
              "sha256": article_sha256(article)}
    brief = {  # written by hand: the solar-park brief as the model wrote it, with no guard in between
        "id": "solar", "headline": "Golmud solar park adds 2 million megawatts",
        "summary": "The park exceeded 15 million megawatts of capacity. Storage reached 500,000 megawatts.",
        "figures": [], "source": source, "warnings": [],
    }
    fixed = {**brief, "id": "solar-right", "headline": "Golmud solar park adds 2,000 megawatts",
             "summary": "The park exceeded 15 GW of capacity. Storage reached 500 megawatts."}
    path = tmp_path / "briefs.json"
    path.write_text(json.dumps([brief, fixed], ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "briefs", str(path), "--json"])
    assert result.exit_code == 0, result.output
    slipped, right = json.loads(result.stdout)["briefs"]
    assert (slipped["correct"], slipped["wrong"], slipped["unsupported"]) == (0, 3, 0)
    assert any('"2 million megawatts" (that is 2 billion kilowatts): the article says 200万千瓦' in p
               for p in slipped["problems"])
    assert (right["correct"], right["wrong"], right["unsupported"]) == (3, 0, 0)


def test_eval_translate_counts_a_unit_slip_as_wrong_until_the_guard_repairs_it() -> None:
    pairs = [(SOLAR_ADDED, "This year the park added 2 million kilowatts."),
             (AREA_MU, "Peppers grow on 35,000 mu.")]
    slips = {SOLAR_ADDED: "This year the park added 200 megawatts.", AREA_MU: "Peppers grow on 2,333 hectares."}
    result = evaluate_translation(pairs, FakeTranslator(table=slips))
    assert (result.figures, result.agreed_before_guard, result.agreed_after_guard) == (2, 1, 2)


# -- rates: a quantity per mu, per tonne, per square metre -------------------------------------------



@pytest.mark.parametrize(("zh", "rates"), [
    (PER_MU, [("50公斤左右", "kilograms per mu", "about 50 kilograms per mu")]),
    ("全县小麦亩产达到500公斤。", [("500公斤", "kilograms per mu", "500 kilograms per mu")]),
    (PRICE, [("3000元/吨", "yuan per tonne", "3,000 yuan per tonne")]),
    ("均价维持在每平方米4000元左右。", [("4000元左右", "yuan per square metre", "about 4,000 yuan per square metre")]),
    # the rate holds in its clause, for the first number after it
    ("每亩补贴200元，共发放500万元。", [("200元", "yuan per mu", "200 yuan per mu"), ("500万元", "yuan", "5 million yuan")]),
    ("每亩投入2000元增产50公斤。", [("2000元", "yuan per mu", "2,000 yuan per mu"), ("50公斤", "kilograms", "50 kilograms")]),
    # an area is no rate of an area; a year is no unit
    ("新建高标准农田5.2万亩，每亩5.2万亩。", [("5.2万亩", "mu", "52,000 mu"), ("5.2万亩", "mu", "52,000 mu")]),
    ("每年发电12.5亿千瓦时。", [("12.5亿千瓦时", "kilowatt-hours", "1.25 billion kilowatt-hours")]),
])
def test_a_quantity_stated_per_unit_is_read_as_a_rate(zh: str, rates: list[tuple[str, str, str]]) -> None:
    assert [(f.text, f.unit, f.english) for f in extract_figures(zh)] == rates


@pytest.mark.parametrize(("english", "read"), [
    ("output rose by about 50 kilograms per acre.", ("about 50 kilograms per acre", "kilograms per acre")),
    ("yields of 50 kg/mu", ("50 kg/mu", "kilograms per mu")),
    ("RMB 500 per tonne", ("RMB 500 per tonne", "yuan per tonne")),
    ("5 yuan a kilogram", ("5 yuan a kilogram", "yuan per kilogram")),
    ("land at RMB10,000/m2", ("RMB10,000/m2", "yuan per square metre")),
    ("it produced 30 tonnes a year", ("30 tonnes", "tonnes")),
    ("50 kilograms of grain per mu", ("50 kilograms", "kilograms")),
])
def test_english_reads_a_rate_with_its_number(english: str, read: tuple[str, str]) -> None:
    assert [(f.text, f.unit) for f in parse_english_figures(english)] == [read]


@pytest.mark.parametrize(("unit", "other", "other_unit", "step", "same"), [
    ("kilograms per mu", "50", "kilograms per mu", None, True),
    ("kilograms per mu", "304", "kilograms per acre", "1", True),  # 303.51 kilograms per acre
    ("kilograms per mu", "750", "kilograms per hectare", "1", True),
    ("kilograms per mu", "50", "kilograms per acre", "1", False),  # the slip: six times too little
    ("kilograms per mu", "50", "kilograms per hectare", "1", False),
    ("kilograms per mu", "50", "kilograms", None, True),  # English that states no rate: its numerator
    ("kilograms per mu", "50", "tonnes per mu", None, False),
    ("kilograms", "50", "kilograms per acre", "1", True),
])
def test_rates_are_compared_in_base_units(unit: str, other: str, other_unit: str, step: str | None,
                                          same: bool) -> None:
    assert same_amount(Decimal(50), unit, Decimal(other), other_unit, Decimal(step) if step else None) is same


@pytest.mark.parametrize(("zh", "english", "repaired", "note"), [
    (PER_MU, "Grain output is expected to rise by about 50 kilograms per acre.",
     "Grain output is expected to rise by about 50 kilograms per mu.",
     ('figure 50公斤左右: English said "about 50 kilograms per acre" (that is 8.23685 kilograms per mu), '
      'corrected to "about 50 kilograms per mu" (value and unit)')),
    (PER_MU, "Yields will rise by about 50 kg per hectare.", "Yields will rise by about 50 kilograms per mu.",
     ('figure 50公斤左右: English said "about 50 kg per hectare" (that is 3.33333 kilograms per mu), '
      'corrected to "about 50 kilograms per mu" (value and unit)')),
    (PRICE, "Coal sells at 3,000 yuan per kilogram.", "Coal sells at 3,000 yuan per tonne.",
     ('figure 3000元/吨: English said "3,000 yuan per kilogram" (that is 3 million yuan per tonne), '
      'corrected to "3,000 yuan per tonne" (value and unit)')),
])
def test_a_rate_with_the_wrong_denominator_is_repaired(zh: str, english: str, repaired: str, note: str) -> None:
    out, warnings = repair_translation([zh], [english])
    assert (out, warnings) == ([repaired], [note])
    assert warnings[0].code == "unit-corrected"


def test_eval_translate_counts_a_rate_slip_as_wrong_until_the_guard_repairs_it() -> None:
    pairs = [(PER_MU, "Grain output will rise by about 50 kilograms per mu.")]
    slips = {PER_MU: "Grain output will rise by about 50 kilograms per acre."}
    result = evaluate_translation(pairs, FakeTranslator(table=slips))
    assert (result.figures, result.agreed_before_guard, result.agreed_after_guard) == (1, 0, 1)


# -- reading units stays linear on hostile English --------------------------------------------------


@pytest.mark.parametrize(("shape", "size"), [
    ("1 megawatts ", 2000), ("1 square ", 2000), ("1 sq. ", 2000), ("2 million kilowatt ", 1500),
    ("1-", 3000), ("1MW", 3000), ("3 to 5 km ", 1500), ("1 ", 3000), ("May 5 ", 2000),
    ("1 kg per ", 2000), ("1 yuan/", 2000), ("1 kg a square ", 1500),
])
def test_reading_english_units_grows_linearly(shape: str, size: int) -> None:
    _assert_linear(parse_english_figures, "", shape, size)
