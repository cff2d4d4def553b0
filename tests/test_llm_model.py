"""The tiny real chat model, loaded through the engine's real code path, as a folder and as GGUF."""

from __future__ import annotations

from pathlib import Path

import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("gguf")

from summarise.engines.llm import LLMEngine
from summarise.engines.llm_transformers import ChatModel
from summarise.testing.tiny_llm import build
from summarise.types import Article, Paragraph

TEXT = "青海省投资22.7亿元,覆盖率达95%以上。GDP grew 5.2%."


def test_build_is_idempotent(tiny_llm) -> None:  # type: ignore[no-untyped-def]
    weights = tiny_llm.folder / "model.safetensors"
    before = (weights.stat().st_mtime_ns, tiny_llm.gguf.stat().st_mtime_ns)
    again = build(tiny_llm.folder.parent)
    assert again == tiny_llm
    assert (weights.stat().st_mtime_ns, tiny_llm.gguf.stat().st_mtime_ns) == before


def test_gguf_file_holds_the_same_tokenizer_template_and_weights(tiny_llm) -> None:  # type: ignore[no-untyped-def]
    from transformers import AutoModelForCausalLM, AutoTokenizer

    folder_tok = AutoTokenizer.from_pretrained(tiny_llm.folder)
    gguf_tok = AutoTokenizer.from_pretrained(tiny_llm.folder, gguf_file=tiny_llm.gguf.name)
    messages = [{"role": "user", "content": TEXT}]
    ids = folder_tok.apply_chat_template(messages, add_generation_prompt=True, return_tensors="pt")
    gguf_ids = gguf_tok.apply_chat_template(messages, add_generation_prompt=True, return_tensors="pt")
    assert ids["input_ids"].tolist() == gguf_ids["input_ids"].tolist()
    assert folder_tok.decode(ids["input_ids"][0]).startswith("<|im_start|>user\n" + TEXT)
    folder_model = AutoModelForCausalLM.from_pretrained(tiny_llm.folder)
    gguf_model = AutoModelForCausalLM.from_pretrained(tiny_llm.folder, gguf_file=tiny_llm.gguf.name)
    with torch.inference_mode():
        assert torch.allclose(folder_model(**ids).logits, gguf_model(**gguf_ids).logits, atol=1e-5)


@pytest.mark.parametrize("form", ["folder", "gguf"])
def test_chat_model_generates_greedily_and_batching_does_not_change_replies(tiny_llm, form: str) -> None:  # type: ignore[no-untyped-def]
    model = str(tiny_llm.folder if form == "folder" else tiny_llm.gguf)
    prompts = ["短。", TEXT, TEXT * 3]
    batched = ChatModel(model, device="cpu", max_new_tokens=8, batch_size=3)
    one_by_one = ChatModel(model, device="cpu", max_new_tokens=8, batch_size=1)
    replies = batched.generate(prompts)
    assert len(replies) == 3 and all(isinstance(r, str) for r in replies)
    assert replies == one_by_one.generate(prompts)  # left padding keeps each row's reply
    assert replies == batched.generate(prompts)  # greedy: the same every time
    assert batched.context_limit() == 1024
    assert batched.count_tokens(TEXT * 3) > batched.count_tokens(TEXT) > 0
    assert batched.describe()["gguf_file"] == (None if form == "folder" else tiny_llm.gguf.name)


def test_engine_on_the_tiny_model_returns_a_guarded_shape_for_every_article(tiny_llm) -> None:  # type: ignore[no-untyped-def]
    llm = LLMEngine(str(tiny_llm.folder), device="cpu", max_new_tokens=12, batch_size=2,
                    hints=lambda text: "(none)")
    articles = [Article(i, f"标题{i}", None, None, (Paragraph(TEXT, 0, len(TEXT)),), 0, len(TEXT))
                for i in range(3)]
    answers = llm.brief_direct(articles)
    assert len(answers) == 3
    for answer in answers:
        # Random weights never write a JSON brief, so each answer went through retry and fallback.
        assert any(w.startswith("malformed LLM answer") for w in answer.warnings)
        assert "\ufffd" not in answer.headline + answer.summary
    assert [len(llm.summarise([TEXT, "短。"])), len(llm.translate(["一", "二", "三"]))] == [2, 3]
    described = llm.describe()
    assert described["id"] == str(Path(tiny_llm.folder)) and described["device"] == "cpu"
