"""English-only decoding: which tokens the mask forbids, and that each backend keeps CJK out of an English
answer with it (the tiny Qwen2 model, whose vocabulary was trained on the corpus, answers in Chinese
without it)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from summarise.engines.english_only import masked_token_ids, masks_token
from summarise.guard.language import cjk_characters

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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def gguf_server(tiny_llm, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """llama-cpp-python's OpenAI-compatible server serving the tiny GGUF under its own path (no alias), as
    `python -m llama_cpp.server --model FILE.gguf` names it."""
    pytest.importorskip("llama_cpp.server", reason="needs llama-cpp-python[server]")
    port = _free_port()
    log = (tmp_path_factory.mktemp("gguf-server") / "server.log").open("w")
    process = subprocess.Popen([sys.executable, "-m", "llama_cpp.server", "--model", str(tiny_llm.gguf),
                                "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "2048"],
                               stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                pytest.fail(f"llama_cpp.server exited with {process.returncode}; see {log.name}")
            try:
                urllib.request.urlopen(f"{base}/models", timeout=2).read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("llama_cpp.server did not start within 120 s")
                time.sleep(0.5)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def test_the_server_backend_sends_the_mask_as_logit_bias(gguf_server: str, tiny_llm) -> None:  # type: ignore[no-untyped-def]
    from summarise.engines.llm_openai import OpenAIChat

    chat = OpenAIChat(str(tiny_llm.gguf), api_base=gguf_server, max_new_tokens=12, concurrency=2)
    assert _cjk(chat.generate(PROMPTS)) > 0
    english = chat.generate(PROMPTS, english_only=True)
    assert _cjk(english) == 0 and all(reply.strip() for reply in english)
    assert chat.describe()["english_only_tokens"] > 0


def test_a_served_model_whose_vocabulary_is_not_here_gets_no_mask() -> None:
    from summarise.engines.served_mask import served_logit_bias

    assert served_logit_bias("gpt-4o-mini") == {}
    assert served_logit_bias("/no/such/model.gguf") == {}


class _RejectingStub:
    """A /v1 server that answers 400 to any request with logit_bias, as OpenAI's API does past 300 entries."""

    def __init__(self) -> None:
        self.bodies: list[dict[str, Any]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _send(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                self._send(200, {"object": "list", "data": [{"id": "stub", "object": "model"}]})

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.bodies.append(body)
                if "logit_bias" in body:
                    self._send(400, {"error": {"message": "Invalid 'logit_bias': too many properties, expected "
                                                          "at most 300", "param": "logit_bias"}})
                    return
                self._send(200, {"id": "x", "object": "chat.completion", "created": 0, "model": body["model"],
                                 "choices": [{"index": 0, "finish_reason": "stop",
                                              "message": {"role": "assistant", "content": "An answer."}}]})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}/v1"


def test_a_server_that_rejects_logit_bias_is_asked_again_without_it(tiny_llm) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("llama_cpp")
    from summarise.engines.llm_openai import OpenAIChat

    stub = _RejectingStub()
    try:
        chat = OpenAIChat(str(tiny_llm.gguf), api_base=stub.base, max_retries=0)
        assert chat.generate(["你好", "再见"], english_only=True) == ["An answer.", "An answer."]
        assert chat.generate(["你好"], english_only=True) == ["An answer."]
        with_bias = [body for body in stub.bodies if "logit_bias" in body]
        assert 1 <= len(with_bias) <= 2  # the first requests carried the mask; after the 400, none did
        assert "logit_bias" not in stub.bodies[-1] and chat.describe()["english_only_tokens"] == 0
    finally:
        stub.server.shutdown()
        stub.server.server_close()
