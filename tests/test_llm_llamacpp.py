"""The llama.cpp backend on the tiny GGUF: loading, the chat template and tokenizer read from the file,
greedy generation, backend choice, and one-line errors."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("gguf")
pytest.importorskip("llama_cpp")

from summarise.cli import main
from summarise.engines import llm_transformers
from summarise.engines.llm import ChatSettings, LLMEngine, choose_backend
from summarise.engines.llm_llamacpp import LlamaCppChat
from summarise.errors import ConfigError, ModelUnavailable

SAMPLE_PAGE = Path(__file__).resolve().parents[1] / "corpus" / "qinghai-page-2024-12-24.txt"
TEXT = "青海省投资22.7亿元,覆盖率达95%以上。GDP grew 5.2%."


@pytest.fixture(scope="module")
def tiny_chat(tiny_llm) -> LlamaCppChat:  # type: ignore[no-untyped-def]
    return LlamaCppChat(str(tiny_llm.gguf), device="cpu", max_new_tokens=8)


def test_the_tiny_gguf_tokenizes_and_templates_exactly_as_transformers_does(tiny_llm, tiny_chat) -> None:  # type: ignore[no-untyped-def]
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_llm.folder)
    for prompt in ("短。", TEXT, TEXT * 3):
        messages = [{"role": "user", "content": prompt}]
        expected = tokenizer.apply_chat_template(messages, add_generation_prompt=True, tokenize=False)
        assert tiny_chat.chat_text(prompt) == expected
        ids = tokenizer(expected, add_special_tokens=False)["input_ids"]
        llama_ids = tiny_chat._load().tokenize(expected.encode(), add_bos=True, special=True)
        assert llama_ids == ids
        assert tiny_chat.count_tokens(prompt) == len(ids)


def test_generation_is_greedy_and_settings_come_from_the_file(tiny_chat) -> None:  # type: ignore[no-untyped-def]
    prompts = ["短。", TEXT, TEXT * 3]
    replies = tiny_chat.generate(prompts)
    assert len(replies) == 3 and all(isinstance(r, str) for r in replies)
    assert replies == tiny_chat.generate(prompts)  # greedy: the same every time
    assert replies[::-1] == tiny_chat.generate(prompts[::-1])  # a reply does not depend on its neighbours
    assert tiny_chat.context_limit() == 1024  # the GGUF's trained context (under the cap)
    described = tiny_chat.describe()
    assert described["backend"] == "llama.cpp" and described["device"] == "cpu"
    assert described["threads"] == len(os.sched_getaffinity(0))
    assert described["context"] == 1024 and described["backend_version"]


def test_auto_picks_llama_cpp_for_a_gguf_file_and_transformers_otherwise(tiny_llm, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    settings = ChatSettings()
    assert choose_backend(str(tiny_llm.gguf), "auto", settings) == "llama.cpp"
    assert choose_backend(str(tiny_llm.folder), "auto", settings) == "transformers"
    assert choose_backend(str(tiny_llm.gguf), "transformers", settings) == "transformers"
    assert choose_backend("any-name", "auto", ChatSettings(api_base="http://127.0.0.1:1/v1")) == "openai"
    monkeypatch.setattr("summarise.engines.llm.backend_available", lambda name: name != "llama.cpp")
    assert choose_backend(str(tiny_llm.gguf), "auto", settings) == "transformers"  # the fallback
    with pytest.raises(ConfigError, match="unknown LLM backend 'vllm'"):
        choose_backend(str(tiny_llm.gguf), "vllm", settings)


def test_the_cli_runs_the_gguf_through_llama_cpp_and_says_so(tiny_llm) -> None:  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(main, [
        "brief", str(SAMPLE_PAGE), "--engine", "llm", "--model", str(tiny_llm.gguf), "--max-new-tokens", "8",
        "--device", "cpu", "--format", "json", "-v",
    ])
    assert result.exit_code == 0, result.output
    briefs = json.loads(result.stdout)
    assert len(briefs) == 6
    for brief in briefs:
        described = brief["models"]["summariser"]
        assert (described["backend"], described["gguf_file"], described["decoding"]) == (
            "llama.cpp", tiny_llm.gguf.name, "greedy")
        assert brief["source"]["headline"] and brief["headline"]
    assert "with engine llm (llama.cpp backend)" in result.stderr


def test_the_transformers_backend_can_still_be_chosen_for_a_gguf_file(tiny_llm) -> None:  # type: ignore[no-untyped-def]
    engine = LLMEngine(str(tiny_llm.gguf), device="cpu", max_new_tokens=4, backend="transformers")
    assert engine.describe()["backend"] == "transformers"
    assert isinstance(engine.chat, llm_transformers.ChatModel)


def test_a_missing_llama_cpp_is_one_line_and_exit_3(tiny_llm, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(sys.modules, "llama_cpp", None)  # import llama_cpp now raises ImportError
    with pytest.raises(ModelUnavailable, match=r"pip install 'summarise\[llamacpp\]'"):
        LlamaCppChat(str(tiny_llm.gguf)).generate(["x"])
    result = CliRunner().invoke(main, [
        "brief", str(SAMPLE_PAGE), "--engine", "llm", "--model", str(tiny_llm.gguf), "--llm-backend", "llama.cpp",
    ])
    assert result.exit_code == 3, result.output
    assert "summarise[llamacpp]" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_file_that_is_not_a_model_is_one_line_and_exit_3(tmp_path: Path) -> None:
    bad = tmp_path / "broken.gguf"
    bad.write_bytes(b"GGUF" + b"\0" * 64)
    result = CliRunner().invoke(main, [
        "brief", str(SAMPLE_PAGE), "--engine", "llm", "--model", str(bad), "--llm-backend", "llama.cpp",
    ])
    assert result.exit_code == 3, result.output
    assert "llama.cpp cannot load" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_prompt_past_the_context_is_a_one_line_processing_error(tiny_chat) -> None:  # type: ignore[no-untyped-def]
    from summarise.errors import ProcessingError

    with pytest.raises(ProcessingError, match="llama.cpp failed while generating"):
        tiny_chat.generate(["青海省投资22.7亿元。" * 400])  # far past the 1024-token context
