"""The OpenAI-compatible server backend: against llama-cpp-python's real server serving the tiny GGUF,
and against a small stdlib stub where a test needs a server to fail (429, 5xx) or to be slow."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from summarise.cli import main
from summarise.engines.llm_openai import OpenAIChat
from summarise.errors import ConfigError, ModelUnavailable, ProcessingError
from tests.stub_http import send_body

SAMPLE_PAGE = Path(__file__).resolve().parents[1] / "corpus" / "qinghai-page-2024-12-24.txt"
SECRET = "sk-test-never-shown-1234"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# -- the real server ----------------------------------------------------------------------------


@contextmanager
def _serving(module: str, gguf: Path, log_path: Path) -> Iterator[str]:
    """`python -m MODULE` serving `gguf` with a key on a free local port, until the block ends."""
    port = _free_port()
    log = log_path.open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", module, "--model", str(gguf), "--host", "127.0.0.1",
         # A context past the tiny model's trained 1024 tokens: the server backend does not shorten
         # articles (the server owns the tokenizer), and the page's longest prompt is about 1.5k tokens.
         "--port", str(port), "--n_ctx", "4096", "--api_key", SECRET, "--model_alias", "tiny"],
        stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                pytest.fail(f"{module} exited with {process.returncode}; see {log.name}")
            try:
                request = urllib.request.Request(f"{base}/models", headers={"Authorization": f"Bearer {SECRET}"})
                urllib.request.urlopen(request, timeout=2).read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"{module} did not start within 120 s")
                time.sleep(0.5)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture(scope="module")
def llama_server(tiny_llm, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """llama-cpp-python's OpenAI-compatible server on a free local port, serving the tiny GGUF with a key."""
    pytest.importorskip("llama_cpp.server", reason="needs llama-cpp-python[server]")
    with _serving("llama_cpp.server", tiny_llm.gguf, tmp_path_factory.mktemp("server") / "server.log") as base:
        yield base


def test_brief_through_the_real_local_server(llama_server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARISE_API_KEY", SECRET)
    result = CliRunner().invoke(main, [
        "brief", str(SAMPLE_PAGE), "--engine", "llm", "--api-base", llama_server, "--model", "tiny",
        "--max-new-tokens", "8", "--concurrency", "2", "--format", "json", "-v",
    ])
    assert result.exit_code == 0, result.output
    briefs = json.loads(result.stdout)
    assert len(briefs) == 6
    for brief in briefs:
        described = brief["models"]["summariser"]
        assert (described["backend"], described["id"], described["api_base"]) == ("openai", "tiny", llama_server)
        assert described["decoding"] == "greedy" and brief["headline"]
    assert "with engine llm (openai backend)" in result.stderr
    assert SECRET not in result.stdout and SECRET not in result.stderr


def test_greedy_replies_from_the_server_are_repeatable_and_in_order(llama_server: str) -> None:
    chat = OpenAIChat("tiny", api_base=llama_server, api_key=SECRET, max_new_tokens=6, concurrency=3)
    prompts = ["短。", "青海省投资22.7亿元。", "覆盖率达95%以上。", "GDP grew 5.2%."]
    replies = chat.generate(prompts)
    assert len(replies) == 4 and all(isinstance(r, str) for r in replies)
    assert chat.generate(prompts[::-1]) == replies[::-1]
    assert SECRET not in repr(chat) and SECRET not in json.dumps(chat.describe())


def test_a_wrong_key_is_one_line_and_exit_3(llama_server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARISE_API_KEY", "wrong-key")
    result = CliRunner().invoke(main, [
        "brief", str(SAMPLE_PAGE), "--engine", "llm", "--api-base", llama_server, "--model", "tiny",
    ])
    assert result.exit_code == 3, result.output
    assert "refused the API key" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "wrong-key" not in result.stderr


# -- errors and concurrency, against a stub ------------------------------------------------------


class _Stub:
    """A scripted /v1 server: `failures` status codes first, then answers that echo the prompt."""

    def __init__(self, failures: list[int], delay: float = 0.0, reject_logit_bias: bool = False) -> None:
        self.failures = list(failures)
        self.delay = delay
        self.reject_logit_bias = reject_logit_bias  # as OpenAI's API answers a mask of over 300 entries
        self.bodies: list[dict[str, Any]] = []
        self.requests = 0
        self.in_flight = 0
        self.most_in_flight = 0
        self.lock = threading.Lock()


@pytest.fixture()
def stub() -> Iterator[Any]:
    servers: list[ThreadingHTTPServer] = []

    def start(failures: list[int], delay: float = 0.0, reject_logit_bias: bool = False) -> tuple[str, _Stub]:
        state = _Stub(failures, delay, reject_logit_bias)

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _send(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
                send_body(self, status, json.dumps(body).encode(), headers)

            def do_GET(self) -> None:
                self._send(200, {"object": "list", "data": [{"id": "stub", "object": "model"}]})

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with state.lock:
                    state.requests += 1
                    state.bodies.append(body)
                    failure = state.failures.pop(0) if state.failures else None
                    if state.reject_logit_bias and "logit_bias" in body:
                        failure = 400
                    state.in_flight += 1
                    state.most_in_flight = max(state.most_in_flight, state.in_flight)
                try:
                    time.sleep(state.delay)
                    if failure:
                        message = ("Invalid 'logit_bias': too many properties, expected at most 300"
                                   if "logit_bias" in body and state.reject_logit_bias else f"scripted {failure}")
                        self._send(failure, {"error": {"message": message}},
                                   {"retry-after-ms": "10"})
                        return
                    prompt = body["messages"][0]["content"]
                    self._send(200, {
                        "id": "x", "object": "chat.completion", "created": 0, "model": body["model"],
                        "choices": [{"index": 0, "finish_reason": "stop",
                                     "message": {"role": "assistant", "content": f"echo {prompt}"}}],
                    })
                finally:
                    with state.lock:
                        state.in_flight -= 1

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        servers.append(server)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{server.server_address[1]}/v1", state

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("status", [429, 500, 503])
def test_rate_limits_and_server_errors_are_retried(stub, status: int) -> None:  # type: ignore[no-untyped-def]
    base, state = stub([status, status])
    chat = OpenAIChat("stub", api_base=base, max_retries=3)
    assert chat.generate(["你好"]) == ["echo 你好"]
    assert state.requests == 3  # two failures, then the answer


def test_a_server_that_keeps_failing_is_a_processing_error(stub) -> None:  # type: ignore[no-untyped-def]
    base, state = stub([502] * 10)
    chat = OpenAIChat("stub", api_base=base, max_retries=2)
    with pytest.raises(ProcessingError, match=r"answered HTTP 502 after retries"):
        chat.generate(["你好"])
    assert state.requests == 3


def test_requests_run_concurrently_up_to_the_limit_and_answers_keep_their_order(stub) -> None:  # type: ignore[no-untyped-def]
    base, state = stub([], delay=0.2)
    prompts = [f"p{i}" for i in range(7)]
    replies = OpenAIChat("stub", api_base=base, concurrency=3).generate(prompts)
    assert replies == [f"echo {p}" for p in prompts]
    assert state.most_in_flight == 3


def test_an_unreachable_server_is_one_line_and_exit_3() -> None:
    base = f"http://127.0.0.1:{_free_port()}/v1"  # nothing listens there
    started = time.monotonic()
    result = CliRunner().invoke(main, ["brief", str(SAMPLE_PAGE), "--engine", "llm", "--api-base", base,
                                       "--model", "m"])
    assert result.exit_code == 3, result.output
    assert f"cannot reach the LLM server at {base}" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert time.monotonic() - started < 30


def test_settings_come_from_the_environment_and_bad_ones_are_usage_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    from summarise.config import resolve_config
    from summarise.engines.factory import build_engines

    environ = {"SUMMARISE_API_BASE": "http://h:1/v1", "SUMMARISE_API_KEY": SECRET, "SUMMARISE_CONCURRENCY": "5"}
    config = resolve_config(environ, engine="llm", llm_model="m")
    assert (config.api_base, config.api_key, config.concurrency) == ("http://h:1/v1", SECRET, 5)
    assert SECRET not in repr(config)
    with pytest.raises(ConfigError, match="must be an http"):
        OpenAIChat("m", api_base="h:1/v1")
    with pytest.raises(ConfigError, match="needs a server"):
        build_engines(resolve_config({}, engine="llm", llm_model="m", llm_backend="openai"))
    result = CliRunner().invoke(main, ["brief", str(SAMPLE_PAGE), "--engine", "llm", "--model", "m",
                                       "--concurrency", "0"])
    assert result.exit_code == 2


def test_the_key_is_left_out_of_a_url_with_credentials() -> None:
    chat = OpenAIChat("m", api_base="https://user:pa55@example.invalid/v1")
    assert chat.describe()["api_base"] == "https://example.invalid/v1"
    assert "pa55" not in repr(chat)


def test_unreachable_raises_model_unavailable_from_the_api() -> None:
    chat = OpenAIChat("m", api_base=f"http://127.0.0.1:{_free_port()}/v1", max_retries=0)
    with pytest.raises(ModelUnavailable, match="cannot reach"):
        chat.generate(["x"])


def test_a_prompt_the_server_rejects_is_not_retried_and_says_why(stub) -> None:  # type: ignore[no-untyped-def]
    base, state = stub([400])
    with pytest.raises(ProcessingError, match=r"answered HTTP 400: .*scripted 400"):
        OpenAIChat("stub", api_base=base, max_retries=3).generate(["很长的文章"])
    assert state.requests == 1


def test_a_server_that_rejects_logit_bias_is_asked_again_without_it(stub, tiny_llm) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("llama_cpp")
    base, state = stub([], reject_logit_bias=True)
    # Named by the tiny GGUF's path, so this machine knows the served vocabulary and sends the mask.
    chat = OpenAIChat(str(tiny_llm.gguf), api_base=base, concurrency=1)
    assert chat.generate(["你好", "再见"], english_only=True) == ["echo 你好", "echo 再见"]
    assert chat.generate(["早上好"], english_only=True) == ["echo 早上好"]
    sent = ["logit_bias" in body for body in state.bodies]
    assert sent == [True, False, False, False]  # the mask went once; after the 400, never again
    assert chat.describe()["english_only_tokens"] == 0


# -- the server started with the backend's AMX guard ------------------------------------------------------


def test_the_guarded_server_serves_what_the_stock_server_serves(  # type: ignore[no-untyped-def]
    llama_server: str, tiny_llm, tmp_path: Path
) -> None:
    import llama_cpp

    from summarise.engines.llm_llamacpp import amx_in_build

    prompts = ["青海省投资22.7亿元。", "覆盖率达95%以上。"]
    stock = OpenAIChat("tiny", api_base=llama_server, api_key=SECRET, max_new_tokens=6).generate(prompts)
    log = tmp_path / "guarded.log"
    with _serving("summarise.engines.llama_server", tiny_llm.gguf, log) as base:
        guarded = OpenAIChat("tiny", api_base=base, api_key=SECRET, max_new_tokens=6).generate(prompts)
    assert guarded == stock  # greedy, same weights: repacking changes speed, not tokens
    assert ("weight repacking off" in log.read_text()) == amx_in_build(llama_cpp)


def test_the_guarded_server_turns_repacking_off_only_on_an_amx_build(monkeypatch: pytest.MonkeyPatch) -> None:
    llama_cpp = pytest.importorskip("llama_cpp")
    server_main = pytest.importorskip("llama_cpp.server.__main__")
    from summarise.engines import llama_server as guarded

    seen: list[tuple[list[str], bool]] = []
    monkeypatch.setattr(server_main, "main", lambda: seen.append(
        (list(sys.argv[1:]), llama_cpp.llama_cpp.llama_model_default_params().use_extra_bufts)))
    monkeypatch.setattr(sys, "argv", ["test"])
    for amx in (True, False):
        monkeypatch.setattr(guarded, "amx_in_build", lambda _module, amx=amx: amx)
        guarded.main(["--model", "m.gguf", "--port", "9"])
    assert seen == [(["--model", "m.gguf", "--port", "9"], False), (["--model", "m.gguf", "--port", "9"], True)]
    assert llama_cpp.llama_cpp.llama_model_default_params().use_extra_bufts  # restored afterwards


def test_the_guarded_server_names_a_missing_model_in_one_line(tmp_path: Path) -> None:
    pytest.importorskip("llama_cpp.server", reason="needs llama-cpp-python[server]")
    missing = tmp_path / "absent.gguf"
    done = subprocess.run([sys.executable, "-m", "summarise.engines.llama_server", "--model", str(missing),
                           "--port", str(_free_port())], capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 3
    assert "Traceback" not in done.stderr
    assert f"cannot serve: Model path does not exist: {missing}" in done.stderr.strip().splitlines()[-1]
