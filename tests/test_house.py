"""The house rules of issue 13 that are not one stage's behaviour: structured notes end to end, one
helper per job (first line of an error, JSON metadata, path checks, hub ids), one registry file, and
no module reaching for another's private names."""

from __future__ import annotations

import ast
import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from summarise.articles import split_articles
from summarise.articles.ids import article_id, id_slot
from summarise.batch import WorkItem, plan_batch
from summarise.cli import main
from summarise.errors import InputError, NotAFile, PathNotFound, error_line, first_line
from summarise.files import checked_file, read_json_dict
from summarise.guard import check_english, check_language, check_summary, repair_translation
from summarise.guard.codes import code_of
from summarise.models import registry
from summarise.pipeline import Briefer
from summarise.reading.normalise import page_from_text
from summarise.testing.fakes import FakeSummariser, FakeTranslator
from summarise.types import Brief, Note

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "summarise"
# Cut by a page break after "梳" (a join), with a stray lower-case word inside Chinese.
PAGE = "新闻标题\n本报讯(记者 张三)要坚持整体推进,梳\n\n理清楚重点区域。会议 and 部署了工作,推动发展。"


# -- structured notes from Page to Brief --------------------------------------------------------------


def test_page_notes_carry_code_and_span() -> None:
    page = page_from_text(PAGE)
    [join] = page.notes
    assert join.code == "page-break-rejoined" and join.start == join.end
    assert page.text[join.start :].startswith("理清楚") and page.warnings == (join.message,)


def test_article_notes_carry_the_page_notes_inside_it_and_its_own() -> None:
    [article] = split_articles(page_from_text(PAGE))
    codes = [note.code for note in article.notes]
    assert codes == ["page-break-rejoined", "stray-latin"]
    latin = article.notes[1]
    assert article.body and latin.start is not None and latin.end is not None
    assert page_from_text(PAGE).text[latin.start : latin.end] == "and"
    assert article.warnings == tuple(note.message for note in article.notes)


def test_brief_json_has_notes_matching_its_warnings_and_round_trips() -> None:
    [brief] = Briefer(summariser=FakeSummariser(), translator=FakeTranslator()).brief(PAGE)
    data = json.loads(brief.to_json())
    assert [note["message"] for note in data["notes"]] == data["warnings"]
    assert {"page-break-rejoined", "stray-latin"} <= {note["code"] for note in data["notes"]}
    assert set(data["notes"][0]) == {"code", "message", "start", "end"}
    again = Brief.from_json(brief.to_json())
    assert again == brief and again.to_json() == brief.to_json()


def test_a_brief_written_before_notes_existed_still_reads() -> None:
    [brief] = Briefer(summariser=FakeSummariser(), translator=FakeTranslator()).brief(PAGE)
    old = brief.to_dict()
    del old["notes"]
    read = Brief.from_dict(old)
    assert read.notes == () and read.warnings == brief.warnings and read.figures == brief.figures


def test_notes_are_deduplicated_with_their_warnings() -> None:
    note = Note("guard", "figure repaired")
    brief = Brief.noting([note, note, Note("stray-latin", "x", 1, 2)], id="a", headline="h", summary="s",
                         figures=(), source=Brief.from_dict(_minimal()).source)
    assert brief.notes == (note, Note("stray-latin", "x", 1, 2)) and brief.warnings == ("figure repaired", "x")


def _minimal() -> dict[str, object]:
    return {"id": "a", "headline": "h", "summary": "s", "source": {"start": 0, "end": 1}}


# -- batch slots live beside ids, not inside them -----------------------------------------------------


def test_a_path_article_knows_its_slot_and_a_record_has_none() -> None:
    [from_path] = split_articles(page_from_text(PAGE, source="a.txt"))
    [from_record] = split_articles(page_from_text(PAGE, source="r.jsonl:1", record_id="a.txt#0-0123456789"))
    path_item, record_item = WorkItem.for_article(from_path, "a.txt"), WorkItem.for_article(from_record, "r.jsonl")
    assert path_item.slot == "a.txt#0" and id_slot(path_item.id) == path_item.slot
    assert record_item.slot is None and record_item.id == "a.txt#0-0123456789"
    assert article_id(from_path).startswith(f"{path_item.slot}-")


def test_a_record_id_shaped_like_a_path_id_never_takes_a_files_slot(tmp_path: Path) -> None:
    # The record's id parses as the slot "a.txt#0", but only path articles own slots.
    [from_record] = split_articles(page_from_text(PAGE, source="r.jsonl:1", record_id="a.txt#0-0123456789"))
    out = tmp_path / "out.jsonl"
    line = {"id": "a.txt#0-9999999999", "source": {"start": 0, "end": 1, "sha256": "old"}}
    out.write_text(json.dumps(line) + "\n", encoding="utf-8")
    plan = plan_batch([WorkItem.for_article(from_record, "r.jsonl")], out)
    assert plan.changed == () and len(plan.todo) == 1


# -- one helper per job -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (ValueError("bad value\nTraceback line"), "bad value"),
        (ValueError(""), "ValueError"),
        (ValueError("   \n  second"), "second"),
        ("  first\nsecond", "first"),
        ("", ""),
    ],
)
def test_first_line(given: BaseException | str, expected: str) -> None:
    assert first_line(given) == expected


def test_error_line_names_the_type_of_untyped_errors_only() -> None:
    assert error_line(KeyError("x")) == "KeyError: 'x'"
    assert error_line(InputError("a.txt: no such file\nmore")) == "a.txt: no such file"


@pytest.mark.parametrize(
    ("content", "expected"),
    [(None, {}), ("not json", {}), ("[1, 2]", {}), ('"text"', {}), ('{"hub_id": "a/b"}', {"hub_id": "a/b"})],
)
def test_read_json_dict(tmp_path: Path, content: str | None, expected: dict[str, str]) -> None:
    file = tmp_path / "meta.json"
    if content is not None:
        file.write_text(content, encoding="utf-8")
    assert read_json_dict(file) == expected


@pytest.mark.parametrize(
    ("name", "is_hub"),
    [
        ("Helsinki-NLP/opus-mt-zh-en", True),
        ("csebuetnlp/mT5_multilingual_XLSum", True),
        ("Qwen/Qwen2.5-1.5B-Instruct", True),
        ("models", False),  # a bare word is a folder that is missing, not a hub model
        ("gpt2", False),
        ("./local/model", False),
        ("a/b/c", False),
        ("org/../etc", False),
        ("org/name--x", False),
        ("-org/name", False),
        ("org/名字", False),
        ("org/" + "x" * 97, False),
    ],
)
def test_one_hub_id_rule(name: str, is_hub: bool) -> None:
    assert registry.is_hub_id(name) is is_hub


def test_path_checks_speak_one_style(tmp_path: Path) -> None:
    with pytest.raises(PathNotFound, match=r"^x/missing\.txt: no such file$"):
        checked_file(tmp_path / "missing.txt", "x/missing.txt")
    with pytest.raises(NotAFile, match=r"^d: is a directory, not a file$"):
        checked_file(tmp_path, "d")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(NotAFile, match=r"^f: is a FIFO, not a regular file$"):
        checked_file(fifo, "f")


@pytest.mark.parametrize("command", [["brief"], ["articles"], ["figures"], ["digest"]])
def test_every_command_reports_a_missing_file_the_same_way(tmp_path: Path, command: list[str]) -> None:
    missing = str(tmp_path / "missing.txt")
    result = CliRunner().invoke(main, [*command, missing])
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == f"summarise: error: {missing}: no such file"


# -- one registry file ------------------------------------------------------------------------------


def test_the_packaged_registry_is_a_link_to_the_checkout_registry() -> None:
    packaged = PACKAGE / "models" / "data" / "registry.toml"
    assert packaged.is_symlink(), "summarise/models/data/registry.toml must link to models/registry.toml"
    assert os.path.samefile(packaged, ROOT / "models" / "registry.toml")
    assert os.path.samefile(registry.registry_path(), ROOT / "models" / "registry.toml")
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"models/data/*.toml"' in pyproject  # the wheel carries it (setuptools copies the link's target)


# -- modules keep to their own private names ----------------------------------------------------------


def test_no_module_imports_another_modules_private_names() -> None:
    reaching = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("summarise"):
                reaching += [f"{path.relative_to(ROOT)}: {node.module}.{alias.name}"
                             for alias in node.names if alias.name.startswith("_") and alias.name != "__version__"]
    assert reaching == []


# -- the guard's notes carry their own codes ------------------------------------------------------------

INVEST = "招商引资省外到位资金22.7亿元，完成目标任务的113.6%。"


@pytest.mark.parametrize(("run", "code"), [
    (lambda: repair_translation([INVEST], ["It drew 22.7 billion yuan, 113.6% of plan."]), "figure-corrected"),
    (lambda: repair_translation([INVEST], ["It drew 2.27 billion yuan."]), "figure-appended"),
    (lambda: repair_translation(["带动就业1400余人。"], ["It created 1,400 jobs in 300 firms."]), "figure-unmatched"),
    (lambda: repair_translation(["提前完成“十四五”目标任务。"], ["Targets met early."]), "name-missing"),
    (lambda: repair_translation([INVEST], ["It drew 2.27 billion yuan, up 113.6%."]), "relation-reworded"),
    (lambda: check_summary(INVEST, ["资金达到99亿元。"]), "summary-sentence-dropped"),
    (lambda: check_english(INVEST, ["Funds", "It built 300 homes."]), "sentence-dropped"),
    (lambda: check_english(INVEST, ["99 firms came", "Funds came."]), "headline-figure-unsupported"),
    (lambda: check_language(["Funds reached 青海 targets."], None), "chinese-translated"),
    (lambda: check_language(["青海省生物园区超额完成招商引资年度目标任务。"],
                            FakeTranslator(script=lambda _: "The park beat its target.")), "chinese-retranslated"),
])
def test_each_guard_warning_carries_its_code(run: Any, code: str) -> None:
    _, warnings = run()
    flat = [w for item in warnings for w in (item if isinstance(item, list) else [item])]
    assert code in [code_of(w) for w in flat], flat
    assert all(isinstance(w, str) and code_of(w) != "guard" for w in flat)


def test_a_brief_records_the_guard_code_of_each_repair() -> None:
    page = f"生物园区超额完成目标\n{INVEST}"

    def wrong_magnitude(text: str) -> str:
        return "It drew 22.7 billion yuan, 113.6% of the target." if "22.7亿元" in text else "Park beats target"

    [brief] = Briefer(summariser=FakeSummariser(), translator=FakeTranslator(script=wrong_magnitude)).brief(page)
    assert "2.27 billion yuan" in brief.summary
    corrected = [note for note in brief.notes if note.code == "figure-corrected"]
    assert corrected and corrected[0].message in brief.warnings and "22.7亿元" in corrected[0].message
    assert "guard" not in {note.code for note in brief.notes}
