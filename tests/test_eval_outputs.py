"""`summarise eval translate|summaries|briefs`: the metrics on controlled output, and every engine end to
end on the tiny models."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarise.articles import split_articles
from summarise.cli import main
from summarise.evaluation.outputs import (
    CharacterTokenizer,
    evaluate_briefs,
    evaluate_summaries,
    evaluate_translation,
    score_brief,
)
from summarise.reading import page_from_text
from summarise.testing.fakes import FakeSummariser, FakeTranslator
from summarise.types import Brief, SourceRef
from tests.conftest import SAMPLE_PAGE

PAIRS = [
    ("招商引资省外到位资金22.7亿元。", "Investment from outside the province reached 2.27 billion yuan."),
    ("全省共有185家银行网点。", "There are 185 bank branches in the province."),
    ("声明补充说，沃伦的同事都深感震惊。", "The statement added that Warren's colleagues were shocked."),
]
RECORDS = [
    ("雅虎发布2014年第四季度财报，剥离其持有的阿里巴巴集团15%股权。", "雅虎剥离阿里15%股权"),
    ("本文总结了十个可穿戴产品的设计原则，同样也是这个行业最吸引人的地方。", "可穿戴技术十大设计原则"),
]
BIOTECH = split_articles(page_from_text(SAMPLE_PAGE.read_text(encoding="utf-8")))[1]


def test_perfect_translations_score_100_and_state_every_figure() -> None:
    result = evaluate_translation(PAIRS, FakeTranslator(table=dict(PAIRS)))
    assert (result.bleu, result.chrf, result.pairs) == (100.0, 100.0, 3)
    assert result.figures == 2 and result.agreed_before_guard == result.agreed_after_guard == 2


def test_the_guard_raises_figure_agreement_after_a_magnitude_error() -> None:
    wrong = {PAIRS[0][0]: "Investment from outside the province reached 22.7 billion yuan."}
    result = evaluate_translation(PAIRS, FakeTranslator(table={**dict(PAIRS), **wrong}), limit=2)
    assert result.pairs == 2
    assert (result.figures, result.agreed_before_guard, result.agreed_after_guard) == (2, 1, 2)
    assert result.guard_warnings >= 1 and result.bleu < 100
    assert result.to_dict()["figure_agreement_after_guard"] == 1.0


def test_character_rouge_reads_chinese_and_figures_are_checked_against_the_text() -> None:
    assert CharacterTokenizer().tokenize("雅虎 AB") == ["雅", "虎", "a", "b"]
    copy = {text: summary for text, summary in RECORDS}
    perfect = evaluate_summaries(RECORDS, FakeSummariser(script=copy.__getitem__))
    assert perfect.rouge == {"rouge1": 1.0, "rouge2": 1.0, "rougeL": 1.0}
    assert (perfect.summary_figures, perfect.figures_in_text) == (1, 1)
    invented = evaluate_summaries(RECORDS, FakeSummariser(script=lambda t: "雅虎剥离阿里25%股权。"), limit=1)
    assert 0 < invented.rouge["rouge1"] < 1
    assert (invented.summary_figures, invented.figures_in_text, invented.sentences_dropped_by_guard) == (1, 0, 1)
    assert invented.mean_length == len("雅虎剥离阿里25%股权。")


def _brief(headline: str, summary: str, warnings: tuple[str, ...] = ()) -> Brief:
    from summarise.guard import key_figures

    source = SourceRef(BIOTECH.headline, BIOTECH.byline, BIOTECH.start, BIOTECH.end)
    return Brief("b", headline, summary, tuple(key_figures(BIOTECH)), source, warnings)


def test_a_brief_score_tells_correct_wrong_unsupported_and_chinese_apart() -> None:
    score = score_brief(_brief(
        "Biotech park in西宁 beats its target",
        "Investment reached 22.7 billion yuan and exceeded the target by 113.6%. "
        "Contracts were 5.17 billion yuan, 129.3% of the target. 42 firms joined.",
        ("a warning",)), BIOTECH)
    assert (score.english_figures, score.correct, score.wrong, score.unsupported) == (5, 2, 2, 1)
    assert score.cjk_characters == 2 and score.warnings == 1 and score.headline_words == 6
    assert score.key_figures == 8 and score.key_figures_stated == 2  # 5.17 billion and 129.3%
    assert any("22.7亿元" in p for p in score.problems) and any("share" in p for p in score.problems)


def test_overall_sums_the_briefs() -> None:
    good = _brief("Biotech park beats target", "Investment reached 2.27 billion yuan, 113.6% of the target.")
    bad = _brief("园区", "Investment reached 22.7 billion yuan.")
    overall = evaluate_briefs([(good, BIOTECH), (bad, BIOTECH)]).overall()
    assert (overall["briefs"], overall["correct"], overall["wrong"], overall["briefs_with_cjk"]) == (2, 2, 1, 1)
    assert overall["figures_correct_share"] == round(2 / 3, 4)
    assert (overall["max_headline_words"], overall["mean_headline_words"]) == (4, 2.5)


@pytest.fixture(scope="module")
def data_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("eval-data")
    csv_path, jsonl_path = folder / "pairs.csv", folder / "records.jsonl"
    csv_path.write_text("0,1\n" + "".join(f'{zh},"{en}"\n' for zh, en in PAIRS), encoding="utf-8")
    jsonl_path.write_text("".join(json.dumps({"text": t, "summary_zh": s}, ensure_ascii=False) + "\n"
                                  for t, s in RECORDS), encoding="utf-8")
    return csv_path, jsonl_path


def _engine_flags(engine: str, tiny_models, tiny_llm, converted) -> list[str]:  # type: ignore[no-untyped-def]
    if engine == "llm":
        return ["--engine", "llm", "--model", str(tiny_llm.folder), "--max-new-tokens", "6"]
    models = converted if engine == "ct2" else {r: getattr(tiny_models, r) for r in ("summariser", "translator")}
    return ["--engine", engine, "--summariser", str(models["summariser"]), "--translator",
            str(models["translator"]), "--max-new-tokens", "6"]


@pytest.mark.parametrize("engine", ["torch", "ct2", "llm"])
def test_eval_commands_run_every_engine(engine, data_files, tiny_models, tiny_llm, request) -> None:  # type: ignore[no-untyped-def]
    converted = request.getfixturevalue("converted") if engine == "ct2" else None
    flags = [*_engine_flags(engine, tiny_models, tiny_llm, converted), "--device", "cpu", "--json"]
    csv_path, jsonl_path = data_files
    runner = CliRunner()
    translated = runner.invoke(main, ["eval", "translate", str(csv_path), "--limit", "2", *flags])
    assert translated.exit_code == 0, translated.output
    result = json.loads(translated.stdout)
    assert result["pairs"] == 2 and result["figures"] == 2 and 0 <= result["bleu"] <= 100
    # Gibberish models state no figure; the guard's promise is that every one is stated afterwards.
    assert result["agreed_after_guard"] == 2 and result["signature"]["translator"]["engine"] == engine
    summarised = runner.invoke(main, ["eval", "summaries", str(jsonl_path), *flags])
    assert summarised.exit_code == 0, summarised.output
    result = json.loads(summarised.stdout)
    assert result["texts"] == 2 and all(0 <= v <= 1 for v in result["rouge"].values())
    assert result["mean_length"] > 0
    briefed = runner.invoke(main, ["eval", "briefs", str(SAMPLE_PAGE), "--limit", "2", *flags])
    assert briefed.exit_code == 0, briefed.output
    result = json.loads(briefed.stdout)
    assert result["overall"]["briefs"] == 2 and len(result["briefs"]) == 2
    # The language guard leaves no Chinese in any English, whatever the model wrote.
    assert result["overall"]["cjk_characters"] == 0
    assert result["briefs"][1]["key_figures"] == 8


def test_eval_briefs_reads_a_briefs_file_and_its_sources(tmp_path: Path) -> None:
    from summarise import Briefer

    briefs = Briefer(summariser=FakeSummariser(), translator=FakeTranslator(
        script=lambda zh: "Investment reached 22.7 billion yuan." if "22.7" in zh else "A sentence.")
    ).brief(SAMPLE_PAGE.read_text(encoding="utf-8"))
    briefs = [Brief.from_dict({**b.to_dict(), "source": {**b.source.to_dict(), "path": str(SAMPLE_PAGE)}})
              for b in briefs]
    path = tmp_path / "briefs.json"
    path.write_text(json.dumps([b.to_dict() for b in briefs], ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "briefs", str(path)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len([line for line in lines if "key figures" in line]) == 6
    assert lines[-1].startswith("overall (6 briefs)")
    data = json.loads(CliRunner().invoke(main, ["eval", "briefs", str(path), "--json", "--limit", "2"]).stdout)
    biotech = data["briefs"][1]
    # The guard repaired the fake's "22.7 billion yuan": the brief states 2.27 billion, which is correct.
    assert data["overall"]["briefs"] == 2 and biotech["wrong"] == 0 and biotech["correct"] >= 1
    assert biotech["warnings"] == len(briefs[1].warnings) and biotech["headline"] == briefs[1].headline


@pytest.mark.parametrize(
    ("command", "content", "message"),
    [
        ("summaries", '{"text": "x"}\n', 'needs string fields "text" and "summary_zh"'),
        ("summaries", "not json\n", "line 1 is not JSON"),
        ("translate", "only-one-column\n", "holds no zh,en pairs"),
    ],
)
def test_bad_reference_files_give_one_line_and_exit_2(tmp_path: Path, command: str, content: str,
                                                      message: str) -> None:
    path = tmp_path / "data"
    path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", command, str(path)])
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output


def test_eval_briefs_finds_the_jsonl_record_a_brief_came_from(tmp_path: Path) -> None:
    # A brief of a JSONL record names its source "records.jsonl:LINE" (what `summarise batch` writes).
    from summarise import Briefer
    from summarise.reading.readers import load_pages

    records = tmp_path / "records.jsonl"
    records.write_text(json.dumps({"id": "a", "title": "生物园区", "text": SAMPLE_PAGE.read_text(encoding="utf-8")},
                                  ensure_ascii=False) + "\n", encoding="utf-8")
    briefer = Briefer(summariser=FakeSummariser(), translator=FakeTranslator())
    briefs = [b for page in load_pages(records) for b in briefer.brief(page)]
    assert briefs and all(b.source.path == f"{records}:1" for b in briefs)
    path = tmp_path / "briefs.jsonl"
    path.write_text("".join(b.to_json() + "\n" for b in briefs), encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "briefs", str(path), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["overall"]["briefs"] == len(briefs)
