"""An LLM server's reply is data, not trust (issue 19, item 2): each attack a hostile or broken
OpenAI-compatible server can make, served by a stub on 127.0.0.1 and met by the real CLI in a child
process, which must end in bounds with a clean result and never show a secret."""

from __future__ import annotations

import base64
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from summarise.engines.llm_openai import MAX_REPLY_BYTES, OpenAIChat
from summarise.errors import ModelUnavailable, ProcessingError
from tests.conftest import CORPUS
from tests.measured import Measured, child_env, run_cli_measured
from tests.stub_http import send_body

# The stub answers every prompt with one direct brief: these tests read that answer, so they ask for it
# (SUMMARISE_STRATEGY=direct in every child's environment).
ARTICLE = CORPUS / "xining-single-article-no-headline.txt"
KEY = "sk-hostile-key-0123456789"
URL_SECRET = "pa55-w0rd-never-shown"
GOOD = '{"headline": "Xining economy grows 5.2%", "summary": "Xining grew 5.2% in three quarters."}'

Respond = Callable[["_Handler", dict[str, Any]], None]


@dataclass
class Stub:
    """A scripted /v1 server: `respond` answers each chat request; what came in is recorded."""

    respond: Respond
    base: str = ""
    requests: int = 0
    authorizations: list[str] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class _Handler(BaseHTTPRequestHandler):
    stub: Stub
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: Any) -> None:
        pass

    def send_body(self, status: int, data: bytes, headers: dict[str, str] | None = None) -> None:
        send_body(self, status, data, headers)

    def do_GET(self) -> None:
        self.send_body(200, json.dumps({"object": "list", "data": [{"id": "stub"}]}).encode())

    def do_POST(self) -> None:
        request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        with self.stub.lock:
            self.stub.requests += 1
            self.stub.authorizations.append(self.headers.get("Authorization", ""))
            self.stub.paths.append(self.path)
        try:
            self.stub.respond(self, request)
        except OSError:
            pass  # the client hung up on an attack, as it should


@pytest.fixture()
def serve() -> Iterator[Callable[[Respond], Stub]]:
    servers: list[ThreadingHTTPServer] = []

    def start(respond: Respond) -> Stub:
        stub = Stub(respond)
        handler = type("Handler", (_Handler,), {"stub": stub})
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        servers.append(server)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        stub.base = f"http://127.0.0.1:{server.server_address[1]}/v1"
        return stub

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def completion(content: Any) -> bytes:
    return json.dumps({"id": "x", "object": "chat.completion", "created": 0, "model": "stub", "choices": [
        {"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}]}).encode()


def replying(data: bytes, status: int = 200) -> Respond:
    # retry-after-ms keeps the client's retries quick; the client honours it on any reply it retries.
    return lambda handler, request: handler.send_body(status, data, {"retry-after-ms": "10"})


def brief(stub: Stub, *extra: str, timeout: str = "60", article: Path = ARTICLE, key: str = KEY) -> Measured:
    done = run_cli_measured(["brief", str(article), "--engine", "llm", "--api-base", stub.base, "--model", "stub",
                             "--format", "json", *extra],
                            env=child_env(SUMMARISE_STRATEGY="direct", SUMMARISE_API_KEY=key, SUMMARISE_REQUEST_TIMEOUT=timeout))
    print(f"{done.seconds:.1f} s, {done.peak_mb:.0f} MB peak")  # the figures for the report
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr
    assert done.peak_mb < 1024
    return done


def assert_no_secret(*texts: str) -> None:
    basic = base64.b64encode(f"user:{URL_SECRET}".encode()).decode()
    for text in texts:
        assert KEY not in text and URL_SECRET not in text and basic not in text


# -- the reply's text ---------------------------------------------------------------------------------


def test_a_lone_surrogate_in_a_reply_is_replaced_with_a_note(serve: Callable[[Respond], Stub]) -> None:
    stub = serve(replying(completion('{"headline": "Xining grows\ud800", "summary": "It grew 5.2%.\udc00"}')))
    done = brief(stub)
    assert done.returncode == 0, done.stderr
    [result] = json.loads(done.stdout)
    assert "\ufffd" not in result["headline"] and result["headline"].startswith("Xining grows")
    notes = [n["message"] for n in result["notes"] if n["code"] == "llm-answer"]
    assert any("replaced 2 lone surrogate(s) or control character(s)" in n for n in notes)


def test_a_lone_surrogate_reply_is_written_by_a_batch(serve: Callable[[Respond], Stub], tmp_path: Path) -> None:
    stub = serve(replying(completion('{"headline": "Xining grows\ud800", "summary": "It grew 5.2%."}')))
    out = tmp_path / "out"
    done = run_cli_measured(["batch", str(ARTICLE), "--out", str(out), "--engine", "llm", "--api-base", stub.base,
                             "--model", "stub", "-q"], env=child_env(SUMMARISE_STRATEGY="direct", SUMMARISE_API_KEY=KEY))
    assert done.returncode == 0, done.stderr
    [line] = out.with_suffix(".jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["headline"].startswith("Xining grows")


def test_control_and_bidi_characters_in_a_reply_never_reach_the_brief(serve: Callable[[Respond], Stub]) -> None:
    stub = serve(replying(completion('{"headline": "Xining\u202e grows\x1b[2J", "summary": "It grew\x07 5.2%."}')))
    done = brief(stub)
    assert done.returncode == 0, done.stderr
    [result] = json.loads(done.stdout)
    text = result["headline"] + result["summary"]
    assert not any(char in text for char in "\u202e\x1b\x07")


def test_a_reply_longer_than_max_new_tokens_is_cut_with_a_note(serve: Callable[[Respond], Stub]) -> None:
    summary = "Xining grew 5.2% in the first three quarters. " * 18000  # 0.8 MB, under the reply cap
    stub = serve(replying(completion(json.dumps({"headline": "Xining grows", "summary": summary}))))
    done = brief(stub, "--max-new-tokens", "64")
    assert done.returncode == 0, done.stderr
    [result] = json.loads(done.stdout)
    assert len(result["summary"]) <= 64 * 8 and done.seconds < 30
    assert any("more than 64 tokens make; cut to its first 512" in n["message"] for n in result["notes"])


# -- replies without a usable content ---------------------------------------------------------------------

UNUSABLE = {
    "empty object": (b"{}", "no choices"),
    "null choices": (b'{"choices": null}', "no choices"),
    "error body": (b'{"error": {"message": "model overloaded"}}', "an error: model overloaded"),
    "number content": (completion(12345), "its content is int, not text"),
    "object content": (completion({"a": 1}), "its content is dict, not text"),
    "not json": (b"<html>busy</html>", "not JSON"),
    "deep json": (b"[" * 100000 + b"]" * 100000, "not JSON"),
}


@pytest.mark.parametrize("name", list(UNUSABLE))
def test_a_reply_without_usable_content_is_retried_then_an_error(
    serve: Callable[[Respond], Stub], name: str
) -> None:
    data, why = UNUSABLE[name]
    stub = serve(replying(data))
    started = time.monotonic()
    with pytest.raises(ProcessingError, match="answered without a usable reply") as raised:
        OpenAIChat("stub", api_base=stub.base, max_retries=2, timeout=20).generate(["你好"])
    assert str(raised.value).endswith(why) and "after retries (3 tries)" in str(raised.value)
    assert stub.requests == 3 and time.monotonic() - started < 20


def test_brief_on_an_empty_reply_exits_1_instead_of_writing_an_empty_brief(serve: Callable[[Respond], Stub]) -> None:
    stub = serve(replying(b"{}"))
    done = brief(stub)
    assert done.returncode == 1 and done.stdout.strip() in ("", "[]")
    assert "was not briefed: the LLM server at" in done.stderr and "answered without a usable reply" in done.stderr
    assert stub.requests >= 2  # retried


def test_a_batch_lists_empty_replies_as_errors_and_retries_them_on_rerun(
    serve: Callable[[Respond], Stub], tmp_path: Path
) -> None:
    stub = serve(replying(b'{"choices": null}'))
    out = tmp_path / "out"
    args = ["batch", str(ARTICLE), "--out", str(out), "--engine", "llm", "--api-base", stub.base, "--model", "stub",
            "-q"]
    for _ in range(2):
        done = run_cli_measured(args, env=child_env(SUMMARISE_STRATEGY="direct", SUMMARISE_API_KEY=KEY))
        assert done.returncode == 1 and "0 succeeded, 1 failed, 0 skipped" in done.stderr, done.stderr
        assert out.with_suffix(".jsonl").read_text() == ""
        [error] = (tmp_path / "out.errors.jsonl").read_text().splitlines()
        assert "no choices" in json.loads(error)["reason"]


# -- replies without an end ----------------------------------------------------------------------------


def _drip_body(handler: _Handler, request: dict[str, Any]) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", "100000")
    handler.end_headers()
    while True:
        handler.wfile.write(b" ")
        handler.wfile.flush()
        time.sleep(2)


def _drip_headers(handler: _Handler, request: dict[str, Any]) -> None:
    handler.wfile.write(b"HTTP/1.1 200 OK\r\n")
    while True:
        handler.wfile.write(b"X")
        handler.wfile.flush()
        time.sleep(2)


@pytest.mark.parametrize("drip", [_drip_body, _drip_headers], ids=["body", "headers"])
def test_a_server_that_drips_one_byte_every_2s_ends_within_the_request_timeout(
    serve: Callable[[Respond], Stub], drip: Respond
) -> None:
    stub = serve(drip)
    done = brief(stub, timeout="5")
    assert done.returncode == 1 and done.seconds < 5 + 10, (done.seconds, done.stderr)
    assert "sent no complete reply within 5 s (SUMMARISE_REQUEST_TIMEOUT)" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def _huge(announced: bool) -> Respond:
    def respond(handler: _Handler, request: dict[str, Any]) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        if announced:
            handler.send_header("Content-Length", str(50 * 1024 * 1024))
        else:
            handler.send_header("Connection", "close")
        handler.end_headers()
        handler.wfile.write(b'{"choices": [{"message": {"content": "')
        chunk = b"a" * 65536
        for _ in range(800):  # 50 MB
            handler.wfile.write(chunk)
    return respond


@pytest.mark.parametrize("announced", [True, False], ids=["content-length", "until-close"])
def test_a_50mb_reply_is_refused_at_the_cap(serve: Callable[[Respond], Stub], announced: bool) -> None:
    stub = serve(_huge(announced))
    done = brief(stub)
    assert done.returncode == 1 and done.seconds < 30 and done.peak_mb < 500
    assert f"over the {MAX_REPLY_BYTES:,}-byte cap on a reply" in done.stderr
    assert stub.requests == 1  # a reply too large is not asked for again


# -- secrets --------------------------------------------------------------------------------------------


def test_url_credentials_never_appear_in_an_error_line() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    base = f"http://user:{URL_SECRET}@127.0.0.1:{port}/v1"  # nothing listens there
    done = run_cli_measured(["brief", str(ARTICLE), "--engine", "llm", "--api-base", base, "--model", "m"])
    assert done.returncode == 3 and f"cannot reach the LLM server at http://127.0.0.1:{port}/v1" in done.stderr
    assert_no_secret(done.stderr, done.stdout)
    bad = run_cli_measured(["brief", str(ARTICLE), "--engine", "llm", "--api-base", f"ftp://u:{URL_SECRET}@h/v1",
                            "--model", "m"])
    assert bad.returncode == 2 and "must be an http(s) URL" in bad.stderr
    assert_no_secret(bad.stderr)


def _echo_authorization(handler: _Handler, request: dict[str, Any]) -> None:
    header = handler.headers.get("Authorization", "")
    answer = {"headline": f"Echo {header}", "summary": f"The header was {header}. Xining grew 5.2%."}
    handler.send_body(200, completion(json.dumps(answer)))


@pytest.mark.parametrize("credentials", ["key", "url"])
def test_a_server_that_echoes_the_authorization_header_never_gets_it_into_the_brief(
    serve: Callable[[Respond], Stub], credentials: str, tmp_path: Path
) -> None:
    stub = serve(_echo_authorization)
    base = stub.base.replace("http://", f"http://user:{URL_SECRET}@") if credentials == "url" else stub.base
    done = run_cli_measured(["brief", str(ARTICLE), "--engine", "llm", "--api-base", base, "--model", "stub",
                             "--format", "json", "-v"],
                            env=child_env(SUMMARISE_STRATEGY="direct", SUMMARISE_API_KEY=KEY if credentials == "key" else ""))
    assert done.returncode == 0, done.stderr
    sent = stub.authorizations[0]
    assert sent == (f"Bearer {KEY}" if credentials == "key"
                    else "Basic " + base64.b64encode(f"user:{URL_SECRET}".encode()).decode())
    [result] = json.loads(done.stdout)
    assert "[redacted]" in result["headline"] + result["summary"]
    assert_no_secret(done.stdout, done.stderr)


def test_an_error_body_that_quotes_the_key_is_redacted(serve: Callable[[Respond], Stub]) -> None:
    def refuse(handler: _Handler, request: dict[str, Any]) -> None:
        message = f"bad request from {handler.headers.get('Authorization')} at http://user:{URL_SECRET}@x/v1"
        handler.send_body(400, json.dumps({"error": {"message": message}}).encode())

    stub = serve(refuse)
    done = brief(stub)
    assert done.returncode == 1 and "answered HTTP 400: bad request from Bearer [redacted]" in done.stderr
    assert_no_secret(done.stderr, done.stdout)


def test_the_chat_raises_model_unavailable_for_a_refused_key(serve: Callable[[Respond], Stub]) -> None:
    stub = serve(replying(b'{"error": "no"}', status=401))
    with pytest.raises(ModelUnavailable, match="refused the API key"):
        OpenAIChat("stub", api_base=stub.base, api_key=KEY).generate(["你好"])


def test_requests_go_through_the_proxy_the_environment_names(
    serve: Callable[[Respond], Stub], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The stub stands in for a forward proxy: it gets the whole URL and answers itself.
    stub = serve(replying(completion(GOOD)))
    for name in ("NO_PROXY", "no_proxy", "HTTPS_PROXY", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", stub.base.removesuffix("/v1").replace("http://", "http://puser:ppass@"))
    assert OpenAIChat("stub", api_base="http://llm.invalid/v1", max_retries=0).generate(["你好"]) == [GOOD]
    assert stub.paths == ["http://llm.invalid/v1/chat/completions"]
