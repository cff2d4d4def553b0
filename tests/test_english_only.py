"""English-only decoding: which tokens the mask forbids, and that each backend keeps CJK out of an English
answer with it (the tiny Qwen2 model, whose vocabulary was trained on the corpus, answers in Chinese
without it)."""

from __future__ import annotations

import pytest

from summarise.engines.english_only import masked_token_ids, masks_token
from summarise.guard.language import cjk_characters
from tests import test_llm_openai
from tests.test_llm_openai import SECRET

llama_server = test_llm_openai.llama_server  # llama-cpp-python's real server, a fixture here too
PROMPTS = ["Translate: 青海省投资22.7亿元。", "GDP grew 5.2%."]


@pytest.mark.parametrize("text", ["中", "西宁", " 青海", "，", "。", "、", "の", "カ", "한", "％", "１", "⺀", "𠀀"])
def test_tokens_holding_a_cjk_character_are_masked(text: str) -> None:
    assert masks_token(text.encode("utf-8"))
    assert masks_token(b"abc" + text.encode("utf-8"))  # a CJK character anywhere in the token


@pytest.mark.parametrize("piece", [b"\xe4", b"\xe9\xbf", b"\xe3\x80", b"\xef\xbc", b" \xe5", b"\xf0\xa0"])
def test_a_token_that_can_only_start_a_cjk_character_is_masked(piece: bytes) -> None:
    assert masks_token(piece)  # byte-level BPE spells a rare character from such pieces


@pytest.mark.parametrize("text", ["0", "7.5", "%", " million", " Xining", "Zhāng", "é", "—", "’s", "“", "…",
                                  "·", "€", "°C", "±", "", "<|im_end|>", "\n", "{\"", "ł", "ß"])
def test_nothing_a_figure_or_a_name_needs_in_english_is_masked(text: str) -> None:
    assert not masks_token(text.encode("utf-8"))


@pytest.mark.parametrize("piece", [b"\xe2", b"\xe2\x80", b"\xf0", b"\xf0\x9f", b"\xc3", b"\x80", b"\xbf\xbf"])
def test_pieces_that_may_complete_english_characters_or_a_started_one_stay(piece: bytes) -> None:
    # E2 80 starts the dashes and curly quotes, F0 9F emoji, C3 accented Latin; a lone continuation byte
    # ends a character whose (masked or not) start came before.
    assert not masks_token(piece)


def test_masked_ids_are_positions_in_the_vocabulary() -> None:
    assert masked_token_ids([b"a", "中".encode(), b"", b"\xe4", b"%"]) == (1, 3)


# -- the backends ---------------------------------------------------------------------------------


def _cjk(replies: list[str]) -> int:
    return sum(cjk_characters(reply) for reply in replies)


def test_llama_cpp_keeps_cjk_out_of_english_answers(tiny_llm) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("llama_cpp")
    from summarise.engines.llm_llamacpp import LlamaCppChat, gguf_mask

    chat = LlamaCppChat(str(tiny_llm.gguf), device="cpu", max_new_tokens=12)
    assert _cjk(chat.generate(PROMPTS)) > 0  # the tiny model answers in Chinese when let
    english = chat.generate(PROMPTS, english_only=True)
    assert _cjk(english) == 0 and all(reply.strip() for reply in english)
    assert chat.english_mask() == gguf_mask(tiny_llm.gguf)  # the loaded model and the file agree
    assert 0 < len(chat.english_mask()) < 2048


def test_transformers_keeps_cjk_out_of_english_answers(tiny_llm) -> None:  # type: ignore[no-untyped-def]
    from summarise.engines.llm_transformers import ChatModel

    chat = ChatModel(str(tiny_llm.folder), device="cpu", max_new_tokens=12)
    assert _cjk(chat.generate(PROMPTS)) > 0
    english = chat.generate(PROMPTS, english_only=True)
    assert _cjk(english) == 0 and all(reply.strip() for reply in english)


def test_a_reply_that_reaches_the_token_limit_is_marked_cut_off(tiny_llm) -> None:  # type: ignore[no-untyped-def]
    from summarise.engines.llm_transformers import ChatModel

    pytest.importorskip("llama_cpp")
    from summarise.engines.llm_llamacpp import LlamaCppChat

    # The tiny random model never ends a reply by itself: every reply uses its whole budget.
    for chat in (ChatModel(str(tiny_llm.folder), device="cpu", max_new_tokens=6),
                 LlamaCppChat(str(tiny_llm.gguf), device="cpu", max_new_tokens=6)):
        assert all(getattr(reply, "cut_off", False) for reply in chat.generate(PROMPTS[:2])), chat


# -- the server backend ---------------------------------------------------------------------------


def test_the_server_backend_sends_the_mask_as_logit_bias(llama_server: str, tiny_llm) -> None:  # type: ignore[no-untyped-def]
    from summarise.engines.llm_openai import OpenAIChat

    # The model is named by its GGUF path, as `python -m llama_cpp.server --model FILE.gguf` names it (this
    # server also answers to its alias): the mask comes from that file's vocabulary.
    chat = OpenAIChat(str(tiny_llm.gguf), api_base=llama_server, api_key=SECRET, max_new_tokens=12, concurrency=2)
    assert _cjk(chat.generate(PROMPTS)) > 0
    english = chat.generate(PROMPTS, english_only=True)
    assert _cjk(english) == 0 and all(reply.strip() for reply in english)
    assert chat.describe()["english_only_tokens"] > 0


def test_a_served_model_whose_vocabulary_is_not_here_gets_no_mask() -> None:
    from summarise.engines.served_mask import served_logit_bias

    assert served_logit_bias("gpt-4o-mini") == {}
    assert served_logit_bias("/no/such/model.gguf") == {}
