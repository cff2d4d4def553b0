"""`summarise eval figures`: agreement, the naive baseline and disagreement causes."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarise.cli import main
from summarise.errors import InputError, PathNotFound
from summarise.evaluation.figures import evaluate_figures, format_report, read_pairs

# Where tests/conftest.py's SHARED_DATA points (../shared/data from the checkout); a worktree elsewhere
# can point SUMMARISE_SHARED_DATA at the folder.
WMT18 = Path(os.environ.get("SUMMARISE_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data")) \
    / "wmt18-zh-en-news.csv"

# (zh, en reference, whether the reference states the value, whether the naive copy does, cause)
CASES = [
    ("资金22.7亿元。", "Funds reached 2.27 billion yuan.", True, False, None),
    ("资金22.7亿元。", "Funds reached RMB2.27bn.", True, False, None),
    ("增长3.5%。", "It grew 3.5 percent.", True, True, None),
    ("共有4000多名群众。", "More than 4,000 people live there.", True, True, None),
    ("一万多名游客。", "More than 10,000 tourists.", True, False, None),
    ("资金22.7亿元。", "Funds reached 2.3 billion yuan.", False, False, "reference rounding"),
    ("资金22.7亿元。", "Funds reached a record.", False, False, "reference omission"),
    ("资金22.7亿元。", "Funds reached 22.7 billion yuan.", False, False, "extraction error"),
    ("资金22.7亿元。", "Funds reached 5 billion yuan.", False, False, "reference differs"),
]


def _write(path: Path, rows: list[tuple[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["0", "1"])
        writer.writerows(rows)
    return path


@pytest.mark.parametrize(("zh", "en", "agreed", "naive", "cause"), CASES)
def test_each_figure_is_checked_against_its_reference(zh: str, en: str, agreed: bool, naive: bool,
                                                      cause: str | None) -> None:
    evaluation = evaluate_figures([(zh, en)])
    assert len(evaluation.checks) == 1
    check = evaluation.checks[0]
    assert (check.agreed, check.naive_agreed, check.cause) == (agreed, naive, cause)


def test_rates_and_report(tmp_path: Path) -> None:
    rows = [(zh, en) for zh, en, *_ in CASES]
    evaluation = evaluate_figures(read_pairs(_write(tmp_path / "set.csv", rows)))
    assert evaluation.pairs == len(CASES)
    assert evaluation.agreement == pytest.approx(5 / 9)
    assert evaluation.naive_agreement == pytest.approx(2 / 9)
    # Rounding, omission and a differing reference are noise; the magnitude mismatch counts against us.
    assert evaluation.ceiling == pytest.approx(6 / 9)
    report = format_report(evaluation, examples=1)
    assert "agreement: 55.6% (5/9)" in report
    assert "naive baseline (digits copied, 万/亿 ignored): 22.2%" in report
    assert "reference rounding: 1" in report and "extraction error: 1" in report


def test_dates_are_reported_apart() -> None:
    evaluation = evaluate_figures([("12月24日，资金22.7亿元。", "On December 24 funds hit 2.27 billion yuan.")])
    assert [c.figure.text for c in evaluation.checks] == ["22.7亿元"]
    assert [(c.figure.text, c.agreed) for c in evaluation.dates] == [("12月24日", True)]


@pytest.mark.parametrize(("content", "error"), [
    (None, PathNotFound), ("", InputError), ("only one column\n", InputError), (b"\xff\xfe\x00bad", InputError),
])
def test_unreadable_sets_raise_typed_errors(tmp_path: Path, content: str | bytes | None,
                                            error: type[Exception]) -> None:
    path = tmp_path / "set.csv"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(error):
        read_pairs(path)


def test_cli_missing_file_is_one_line() -> None:
    result = CliRunner().invoke(main, ["eval", "figures", "/no/such.csv"])
    assert result.exit_code == 2
    assert result.output.strip() == "summarise: error: /no/such.csv: no such file"


@pytest.mark.skipif(not WMT18.exists(), reason=f"WMT18 data not found at {WMT18}")
def test_wmt18_subset_agreement_is_near_the_ceiling_and_far_above_naive() -> None:
    result = CliRunner().invoke(main, ["eval", "figures", str(WMT18), "--limit", "800", "--json"])
    assert result.exit_code == 0, result.output
    numbers = json.loads(result.output)
    assert numbers["figures"] >= 300
    assert numbers["agreement"] >= 0.85
    assert numbers["ceiling"] - numbers["agreement"] <= 0.02
    assert numbers["agreement"] - numbers["naive_agreement"] >= 0.3
    assert numbers["magnitude_agreement"] >= 0.85 and numbers["magnitude_naive_agreement"] <= 0.1
