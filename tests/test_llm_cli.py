"""`summarise brief PAGE --engine llm --model TINY` end to end: real loading, prompting and parsing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("gguf")

from summarise.cli import main

SAMPLE_PAGE = Path(__file__).resolve().parents[1] / "corpus" / "qinghai-page-2024-12-24.txt"


@pytest.mark.parametrize("form", ["folder", "gguf"])
def test_brief_with_the_tiny_llm_gives_six_briefs(tiny_llm, form: str) -> None:  # type: ignore[no-untyped-def]
    model = tiny_llm.folder if form == "folder" else tiny_llm.gguf
    result = CliRunner().invoke(main, [
        "brief", str(SAMPLE_PAGE), "--engine", "llm", "--model", str(model), "--strategy", "direct",
        "--max-new-tokens", "8", "--device", "cpu", "--format", "json",
    ])
    assert result.exit_code == 0, result.output
    briefs = json.loads(result.stdout)
    assert len(briefs) == 6
    for brief in briefs:
        described = brief["models"]["summariser"]
        assert (brief["models"]["engine"], described["engine"], described["decoding"]) == ("llm", "llm", "greedy")
        assert described["gguf_file"] == (None if form == "folder" else tiny_llm.gguf.name)
        assert described["max_new_tokens"] == 8
        # The random model never writes JSON, so each brief shows the retry and the fallback.
        assert any(w.startswith("malformed LLM answer") for w in brief["warnings"])
        assert brief["source"]["headline"]


def test_prompt_overrides_reach_the_brief_signature(tiny_llm, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "prompts"
    folder.mkdir()
    (folder / "brief_direct.txt").write_text("JSON brief of: $article", encoding="utf-8")
    single = tmp_path / "retry.txt"
    single.write_text("Only JSON now: $article", encoding="utf-8")
    page = tmp_path / "page.txt"
    page.write_text("青海投资22.7亿元\n\n本报讯 今年全省共投资22.7亿元用于生态保护。\n", encoding="utf-8")
    result = CliRunner().invoke(main, [
        "brief", str(page), "--engine", "llm", "--model", str(tiny_llm.folder), "--max-new-tokens", "4",
        "--device", "cpu", "--prompts", str(folder), "--prompt", f"brief_direct_retry={single}", "--format", "json",
    ])
    assert result.exit_code == 0, result.output
    prompts = json.loads(result.stdout)[0]["models"]["summariser"]["prompts"]
    assert prompts["brief_direct"]["origin"] == str(folder / "brief_direct.txt")
    assert prompts["brief_direct_retry"]["origin"] == str(single)
    assert prompts["headline_en"]["origin"] == "built-in"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--prompt", "summary={file}"], "unknown prompt 'summary'; valid prompts: brief_direct"),
        (["--prompt", "headline_en={bad}"], "unknown placeholder(s) $articel"),
        (["--prompts", "{missing}"], "no such folder"),
        ([], "engine 'llm' needs a model"),
        (["--model", "{missing}/model.gguf"], "no such GGUF file"),
    ],
)
def test_bad_llm_options_give_one_line_errors(tmp_path: Path, arguments: list[str], message: str) -> None:
    (tmp_path / "p.txt").write_text("$article", encoding="utf-8")
    (tmp_path / "bad.txt").write_text("$articel", encoding="utf-8")
    values = {"file": tmp_path / "p.txt", "bad": tmp_path / "bad.txt", "missing": tmp_path / "absent"}
    arguments = [a.format(**values) for a in arguments]
    if "--model" not in arguments and message != "engine 'llm' needs a model":
        arguments += ["--model", "never/loaded"]
    result = CliRunner().invoke(main, ["brief", str(SAMPLE_PAGE), "--engine", "llm", *arguments])
    assert result.exit_code in (2, 3), result.output
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
