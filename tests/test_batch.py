"""The batch core in-process with fake engines: ids, sharding, resume, error isolation, stopping."""

from __future__ import annotations

import json
import os
import re
import signal
from pathlib import Path

import pytest

from summarise.articles.ids import id_slot
from summarise.batch import (
    BatchRun,
    Shard,
    WorkItem,
    expand_inputs,
    iter_work_items,
    load_results,
    plan_batch,
    read_results,
    results_path,
    select,
)
from summarise.errors import ConfigError, PathNotFound
from summarise.pipeline import Briefer
from summarise.testing.fakes import FakeSummariser, FakeTranslator
from summarise.types import Article, Paragraph
from tests.conftest import SAMPLE_PAGE as SAMPLE


def write_variant_corpus(directory: Path, copies: int = 6) -> list[Path]:
    """The sample page plus `copies - 1` variants (dates and figures shifted), one file each."""
    text = SAMPLE.read_text(encoding="utf-8")
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for copy in range(copies):
        variant = text if copy == 0 else re.sub(
            r"\d+", lambda m, shift=copy: str(int(m.group()) + shift) if len(m.group()) < 6 else m.group(), text
        )
        path = directory / f"page-{copy:02d}.txt"
        path.write_text(variant, encoding="utf-8")
        paths.append(path)
    return paths


def make_article(n: int, body: str = "正文第一句有12.6万亿元。第二句增长3.5%。", record: str | None = None) -> Article:
    headline = f"标题{n}"
    text = f"{headline}\n{body}"
    start = len(headline) + 1
    return Article(index=0, headline=headline, subheadline=None, byline=None,
                   paragraphs=(Paragraph(body, start, start + len(body)),) if body else (),
                   start=0, end=len(text), source=f"mem/{n}.txt", record_id=record)


def items_for(articles: list[Article]) -> list[WorkItem]:
    return [WorkItem.for_article(a, a.source) for a in articles]


def fake_briefer(fail_on: str | None = None) -> Briefer:
    def summarise(text: str) -> str:
        if fail_on and fail_on in text:
            raise RuntimeError(f"model crashed\nsecond line of {fail_on}")
        return text.split("。")[0] + "。"

    return Briefer(summariser=FakeSummariser(script=summarise), translator=FakeTranslator())


def lines_of(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize(("spec", "expected"), [("0/1", Shard(0, 1)), ("2/3", Shard(2, 3)), ("0/4", Shard(0, 4))])
def test_shard_parses(spec: str, expected: Shard) -> None:
    assert Shard.parse(spec) == expected


@pytest.mark.parametrize("spec", ["3/3", "-1/2", "1", "a/b", "1/0", "", "1/2/3"])
def test_bad_shard_is_a_config_error(spec: str) -> None:
    with pytest.raises(ConfigError, match="--shard"):
        Shard.parse(spec)


@pytest.mark.parametrize("count", [1, 2, 3, 5])
def test_shards_partition_the_items(count: int) -> None:
    items = [WorkItem(f"doc{n}.txt#0-{n:010x}", "p") for n in range(60)]
    shards = [select(items, shard=Shard(i, count)) for i in range(count)]
    ids = [item.id for shard in shards for item in shard]
    assert sorted(ids) == sorted(item.id for item in items)  # the union is the whole
    assert len(ids) == len(set(ids))  # and no id is in two shards
    if count > 1:
        assert all(shard for shard in shards)  # 60 ids spread over every shard


def test_shard_membership_does_not_depend_on_order() -> None:
    items = [WorkItem(f"r{n}", "p") for n in range(30)]
    forward = {i.id for i in select(items, shard=Shard(1, 3))}
    backward = {i.id for i in select(list(reversed(items)), shard=Shard(1, 3))}
    assert forward == backward


@pytest.mark.parametrize(("item_id", "slot"), [
    ("corpus/a.txt#3-0123456789", "corpus/a.txt#3"),
    ("record-7", "record-7"),
    ("record-7#2", "record-7#2"),
    ("a#b#1-abcdef0123", "a#b#1"),
    ("a.txt#1-XYZ", "a.txt#1-XYZ"),
])
def test_id_slot(item_id: str, slot: str) -> None:
    assert id_slot(item_id) == slot


def test_select_limits_and_turns_repeated_ids_into_errors() -> None:
    items = [WorkItem("a", "f1"), WorkItem("b", "f1"), WorkItem("a", "f2"), WorkItem("c", "f2")]
    chosen = select(items, limit=3)
    assert [i.id for i in chosen][:2] == ["a", "b"]
    assert chosen[2].error is not None and "duplicate id 'a'" in chosen[2].error and "f1" in chosen[2].error
    assert len(chosen) == 3


@pytest.mark.parametrize(("out", "expected"), [
    ("briefs", "briefs.jsonl"), ("briefs.jsonl", "briefs.jsonl"), ("dir/x.html", "dir/x.jsonl"),
    ("x.md", "x.jsonl"), ("night.2024", "night.2024.jsonl"),
])
def test_results_path(out: str, expected: str) -> None:
    assert results_path(out) == Path(expected)


def test_expand_inputs_recurses_with_glob_and_skips_hidden_and_own_files(tmp_path: Path) -> None:
    for name in ["a.txt", "sub/b.txt", "sub/deeper/c.txt", "sub/d.html", ".hidden/e.txt", "sub/.f.txt",
                 "out.jsonl"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = expand_inputs([str(tmp_path)], "*.txt", exclude=[tmp_path / "out.jsonl"])
    assert [Path(p).relative_to(tmp_path).as_posix() for p in found] == ["a.txt", "sub/b.txt", "sub/deeper/c.txt"]
    everything = expand_inputs([str(tmp_path), str(tmp_path / "a.txt")], "*", exclude=[tmp_path / "out.jsonl"])
    assert len(everything) == 4 and str(tmp_path / "out.jsonl") not in everything  # a.txt not twice
    with pytest.raises(PathNotFound, match="nope"):
        expand_inputs([str(tmp_path / "nope")])


def test_work_items_from_files_and_jsonl_records(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    records = tmp_path / "records.jsonl"
    records.write_text("\n".join([
        json.dumps({"id": "r-1", "title": "青海新闻", "text": "青海省今年投资22.7亿元。增长了95%以上。"}),
        "{not json",
        json.dumps({"id": "r-2", "title": "空", "text": "   "}),
        json.dumps({"id": "r-3", "title": "另一条", "text": "西宁有4000多名志愿者。"}),
    ]) + "\n", encoding="utf-8")
    binary = tmp_path / "image.bin"
    binary.write_bytes(bytes(range(256)) * 4)
    items = list(iter_work_items([str(page), str(records), str(binary)], max_bytes=10**6, stdin=None))
    articles = [i for i in items if i.error is None]
    errors = [i for i in items if i.error is not None]
    assert {"r-1", "r-3"} <= {i.id for i in articles}
    assert all(re.fullmatch(re.escape(str(page)) + r"#\d+-[0-9a-f]{10}", i.id)
               for i in articles if i.path == str(page))
    assert len({i.id for i in items}) == len(items)
    assert {e.path for e in errors} == {str(records), str(binary)}
    assert all(e.error and "\n" not in e.error for e in errors)


def test_ids_are_stable_across_reads(tmp_path: Path) -> None:
    write_variant_corpus(tmp_path, copies=2)
    first = [i.id for i in iter_work_items(expand_inputs([str(tmp_path)]), max_bytes=10**6, stdin=None)]
    second = [i.id for i in iter_work_items(expand_inputs([str(tmp_path)]), max_bytes=10**6, stdin=None)]
    assert first == second and len(set(first)) == len(first) >= 2


def test_run_writes_one_valid_line_per_article(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    items = items_for([make_article(n) for n in range(10)])
    result = BatchRun(out, tmp_path / "err.jsonl", batch_size=4).run(fake_briefer(), plan_batch(items, out))
    assert (result.succeeded, result.failed, result.skipped, result.exit_code) == (10, 0, 0, 0)
    assert [line["id"] for line in lines_of(out)] == [i.id for i in items]
    assert [b.source.sha256 for b in load_results(out)] == [i.sha256 for i in items]


def test_one_failing_article_is_isolated(tmp_path: Path) -> None:
    out, errors = tmp_path / "out.jsonl", tmp_path / "err.jsonl"
    articles = [make_article(n) for n in range(8)]
    articles[5] = make_article(5, body="这一篇BOOM会让模型崩溃。")
    articles[6] = make_article(6, body="")  # no body text at all
    items = items_for(articles)
    result = BatchRun(out, errors, batch_size=8).run(fake_briefer(fail_on="BOOM"), plan_batch(items, out))
    assert (result.succeeded, result.failed, result.exit_code) == (6, 2, 1)
    assert {line["id"] for line in lines_of(out)} == {i.id for n, i in enumerate(items) if n not in (5, 6)}
    failures = {line["id"]: line for line in lines_of(errors)}
    assert set(failures) == {items[5].id, items[6].id}
    assert failures[items[5].id]["reason"] == "RuntimeError: model crashed"  # one line only
    assert "no body" in failures[items[6].id]["reason"]
    assert failures[items[5].id]["path"] == "mem/5.txt"
    assert "6 succeeded, 2 failed, 0 skipped" in result.summary_line()


def test_rerun_skips_done_ids_and_cuts_a_torn_last_line(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    items = items_for([make_article(n) for n in range(6)])
    BatchRun(out, tmp_path / "e", batch_size=2).run(fake_briefer(), plan_batch(items[:3], out))
    with out.open("ab") as handle:  # what a kill in the middle of a write leaves behind
        handle.write(b'{"id": "mem/3.txt#0-')
    lines, damaged = read_results(out)
    assert len(lines) == 3 and damaged
    briefer = fake_briefer()
    plan = plan_batch(items, out)
    assert (plan.skipped, [i.id for i in plan.todo]) == (3, [i.id for i in items[3:]])
    result = BatchRun(out, tmp_path / "e", batch_size=2).run(briefer, plan)
    assert (result.succeeded, result.skipped) == (3, 3)
    assert [line["id"] for line in lines_of(out)] == [i.id for i in items]
    assert sum(len(call) for call in briefer.engines.summariser.calls) == 3  # done ones not re-briefed


def test_changed_source_under_the_same_id_is_rebriefed_and_reported(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    old = items_for([make_article(n, record=f"rec-{n}") for n in range(3)])
    BatchRun(out, tmp_path / "e").run(fake_briefer(), plan_batch(old, out))
    new = old[:2] + items_for([make_article(2, body="改过的正文有4000多名。", record="rec-2")])
    plan = plan_batch(new, out)
    assert plan.changed == ("rec-2",) and [i.id for i in plan.todo] == ["rec-2"]
    assert [line["id"] for line in lines_of(out)] == ["rec-0", "rec-1"]  # the stale line is gone
    result = BatchRun(out, tmp_path / "e").run(fake_briefer(), plan)
    assert "re-briefed because their source changed" in result.summary_line()
    final = {line["id"]: line for line in lines_of(out)}
    assert len(final) == len(lines_of(out)) == 3
    assert final["rec-2"]["source"]["sha256"] == new[2].sha256


def test_changed_file_supersedes_its_path_based_id(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    old = items_for([make_article(1)])
    BatchRun(out, tmp_path / "e").run(fake_briefer(), plan_batch(old, out))
    new = items_for([make_article(1, body="同一个文件,新的正文。")])
    assert new[0].id != old[0].id and new[0].slot == old[0].slot
    plan = plan_batch(new, out)
    assert plan.changed == (new[0].id,)
    BatchRun(out, tmp_path / "e").run(fake_briefer(), plan)
    assert [line["id"] for line in lines_of(out)] == [new[0].id]


def test_lines_of_other_inputs_are_kept_and_duplicates_dropped(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    items = items_for([make_article(n) for n in range(2)])
    BatchRun(out, tmp_path / "e").run(fake_briefer(), plan_batch(items, out))
    first = out.read_text(encoding="utf-8").splitlines()[0]
    with out.open("a", encoding="utf-8") as handle:
        handle.write(first + "\n")
    plan = plan_batch(items[1:], out)  # this run covers only the second article
    assert plan.skipped == 1 and not plan.todo
    assert [line["id"] for line in lines_of(out)] == [items[0].id, items[1].id]


def test_stop_request_ends_after_the_current_batch(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    items = items_for([make_article(n) for n in range(7)])
    calls = []
    run = BatchRun(out, tmp_path / "e", batch_size=3, should_stop=lambda: bool(calls.append(1)) or True)
    result = run.run(fake_briefer(), plan_batch(items, out))
    assert result.interrupted and result.exit_code == 130 and result.succeeded == 3
    again = BatchRun(out, tmp_path / "e", batch_size=3).run(fake_briefer(), plan_batch(items, out))
    assert (again.succeeded, again.skipped, again.interrupted) == (4, 3, False)
    assert [line["id"] for line in lines_of(out)] == [i.id for i in items]


def test_first_ctrl_c_asks_to_stop_and_second_interrupts() -> None:
    from summarise.cli.batch import _stop_after_batch

    # What was there before comes back: Python's own handler, or SIG_IGN where the suite runs as a
    # background job of a non-interactive shell, which starts it with SIGINT ignored.
    before = signal.getsignal(signal.SIGINT)
    with _stop_after_batch() as stop_requested:
        assert not stop_requested()
        os.kill(os.getpid(), signal.SIGINT)
        assert stop_requested()
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGINT)
    assert signal.getsignal(signal.SIGINT) is before


def test_a_folder_walk_passes_over_json_documents_unless_named_or_globbed(tmp_path: Path) -> None:
    # corpus/ holds page.gold.json beside page.txt: its Chinese strings are answers, not an article.
    for name in ["page.txt", "page.gold.json", "records.jsonl", "notes.JSON"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    walked = [Path(p).name for p in expand_inputs([str(tmp_path)])]
    assert walked == ["page.txt", "records.jsonl"]
    named = [Path(p).name for p in expand_inputs([str(tmp_path / "page.gold.json")])]
    assert named == ["page.gold.json"]
    globbed = [Path(p).name for p in expand_inputs([str(tmp_path)], "*.json")]
    assert globbed == ["page.gold.json"]
