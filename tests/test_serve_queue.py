"""The service's batching, back-pressure and failure paths, over HTTP against the real app under uvicorn
on 127.0.0.1, with scripted engines whose timing the tests control: concurrent requests share engine
calls, a full queue is 503 with Retry-After, a slow request times out, a busy client gets 429, loading is
503, failures are 500 without a traceback, CORS only when asked."""

from __future__ import annotations

import importlib.util
import re
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from summarise.articles import split_articles
from summarise.config import BriefConfig
from summarise.errors import ConfigError
from summarise.pipeline import Briefer
from summarise.reading.normalise import page_from_text
from summarise.service.batching import BriefQueue, Stopping, TooManyArticles
from summarise.service.core import Service
from summarise.service.settings import SERVE_VARIABLES, ServeSettings, resolve_serve_settings
from summarise.testing.fakes import FakeSummariser, FakeTranslator
from summarise.testing.serving import Answer, call, multipart, running

ROOT = Path(__file__).resolve().parents[1]


def article(number: int) -> str:
    return f"园区新闻第{number}号\n本报讯(记者 张三)第{number}个园区完成投资{number + 10}亿元,同比增长12.5%。"


class Gate:
    """Holds the summariser inside its call while closed, as a slow model would."""

    def __init__(self) -> None:
        self.opened = threading.Event()
        self.opened.set()
        self.entered = threading.Event()

    def close(self) -> None:
        self.opened.clear()
        self.entered.clear()

    def summarise(self, text: str) -> str:
        self.entered.set()
        assert self.opened.wait(30), "the test never opened the gate"
        return text.split("。")[0] + "。"


def service(*, gate: Gate | None = None, translate: Callable[[str], str] | None = None, batch_size: int = 8,
            **settings: Any) -> tuple[Service, FakeSummariser]:
    summariser = FakeSummariser(script=gate.summarise if gate else None)
    briefer = Briefer(BriefConfig(batch_size=batch_size), summariser=summariser,
                      translator=FakeTranslator(script=translate))
    return Service(BriefConfig(batch_size=batch_size), ServeSettings(**settings), briefer=briefer), summariser


def brief(base: str, text: str, **kwargs: Any) -> Answer:
    return call(f"{base}/v1/briefs", "POST", json_body={"text": text}, **kwargs)


def in_background(work: Callable[[], Answer]) -> tuple[threading.Thread, list[Answer]]:
    answers: list[Answer] = []
    thread = threading.Thread(target=lambda: answers.append(work()), daemon=True)
    thread.start()
    return thread, answers


def wait_for(condition: Callable[[], bool], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.01)


def waiting(base: str) -> int:
    count: int = call(f"{base}/healthz").json()["queue"]["waiting"]
    return count


def retry_after(answer: Answer) -> int:
    value = answer.headers["Retry-After"]
    assert value is not None and value.isdigit() and int(value) >= 1
    return int(value)


# -- batching -------------------------------------------------------------------------------------------


def test_concurrent_requests_share_engine_calls_and_each_gets_its_own_briefs() -> None:
    the_service, summariser = service(batch_window_ms=300)
    with running(the_service) as base:
        warm_up_calls = len(summariser.calls)
        start = threading.Barrier(8)

        def one(number: int) -> Answer:
            start.wait()
            return brief(base, article(number))

        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(one, range(8)))
        stats = call(f"{base}/healthz").json()["queue"]
    assert [a.status for a in answers] == [200] * 8
    for number, answer in enumerate(answers):
        [one_brief] = answer.json()["briefs"]
        assert one_brief["figures"][0]["value"] == (number + 10) * 100_000_000  # its own article, not another's
    calls = summariser.calls[warm_up_calls:]
    assert sum(len(texts) for texts in calls) == 8
    assert len(calls) <= 2 and max(len(texts) for texts in calls) >= 4  # gathered within the window
    assert stats["batches"] == len(calls) and stats["articles"] == 8


def test_a_batch_never_exceeds_the_batch_size_and_a_long_request_spans_batches() -> None:
    the_service, summariser = service(batch_size=3, batch_window_ms=50)
    records = [{"id": f"r{n}", "text": article(n)} for n in range(7)]
    with running(the_service) as base:
        warm_up_calls = len(summariser.calls)
        answer = call(f"{base}/v1/briefs", "POST", json_body={"records": records})
    assert [b["id"] for b in answer.json()["briefs"]] == [f"r{n}" for n in range(7)]
    assert [len(texts) for texts in summariser.calls[warm_up_calls:]] == [3, 3, 1]


# -- back-pressure --------------------------------------------------------------------------------------


@contextmanager
def model_held(base: str, gate: Gate) -> Iterator[list[Answer]]:
    """A first request inside the model, held there until the block ends; then its answer."""
    gate.close()
    thread, answers = in_background(lambda: brief(base, article(1)))
    assert gate.entered.wait(10)
    try:
        yield answers
    finally:
        gate.opened.set()
        thread.join(30)


def test_a_full_queue_answers_503_with_retry_after_and_loses_nothing() -> None:
    gate = Gate()
    the_service, _ = service(gate=gate, batch_size=1, queue_size=2, batch_window_ms=0)
    with running(the_service) as base:
        with model_held(base, gate) as first:
            queued = [in_background(lambda n=n: brief(base, article(n))) for n in (2, 3)]
            wait_for(lambda: waiting(base) == 2)
            refused = brief(base, article(4))
            assert refused.status == 503 and refused.json()["error"]["code"] == "busy"
            retry_after(refused)
        for thread, _ in queued:
            thread.join(30)
        assert [answers[0].status for answers in (first, *(q[1] for q in queued))] == [200, 200, 200]
        assert brief(base, article(5)).status == 200


def test_a_request_over_its_timeout_gets_503_and_leaves_the_queue() -> None:
    gate = Gate()
    the_service, _ = service(gate=gate, batch_size=1, timeout=1.0, batch_window_ms=0)
    with running(the_service) as base:
        with model_held(base, gate) as first:
            started = time.monotonic()
            late = brief(base, article(2))
            assert 0.9 < time.monotonic() - started < 10
            assert late.status == 503 and late.json()["error"]["code"] == "timeout"
            retry_after(late)
            assert waiting(base) == 0  # its article left the queue with it
        assert first[0].status == 503  # it ran past its timeout inside the model
        assert brief(base, article(3)).status == 200


def test_a_client_over_its_limit_gets_429() -> None:
    gate = Gate()
    the_service, _ = service(gate=gate, client_limit=1)
    with running(the_service) as base:
        with model_held(base, gate) as first:
            second = brief(base, article(2))
            assert second.status == 429 and second.json()["error"]["code"] == "too-many-requests"
            retry_after(second)
        assert first[0].status == 200 and brief(base, article(3)).status == 200


def test_too_many_articles_in_one_request_is_413() -> None:
    the_service, _ = service(queue_size=3)
    records = [{"text": article(n)} for n in range(4)]
    with running(the_service) as base:
        answer = call(f"{base}/v1/briefs", "POST", json_body={"records": records})
    assert answer.status == 413 and "at most 3" in answer.json()["error"]["message"]


# -- loading, failures ---------------------------------------------------------------------------------


def test_health_is_503_until_the_models_are_loaded_and_briefs_wait_for_it() -> None:
    gate = Gate()
    gate.close()  # the warm-up brief hangs in the summariser: the models are "loading"
    the_service, _ = service(gate=gate)
    with running(the_service, ready=False) as base:
        assert gate.entered.wait(10)
        health = call(f"{base}/healthz")
        assert health.status == 503 and health.json()["status"] == "loading"
        retry_after(health)
        early = brief(base, article(1))
        assert early.status == 503 and early.json()["error"]["code"] == "loading"
        retry_after(early)
        assert call(f"{base}/v1/articles", "POST", json_body={"text": article(1)}).status == 200  # no model
        assert call(f"{base}/v1/models").json()["ready"] is False
        gate.opened.set()
        wait_for(lambda: call(f"{base}/healthz").status == 200)
        assert brief(base, article(1)).status == 200


def test_models_that_fail_to_load_are_reported_as_failed() -> None:
    def broken(text: str) -> str:
        raise RuntimeError("weights are corrupt")

    the_service, _ = service(translate=broken)
    failures: list[BaseException] = []
    the_service.on_load_failure = failures.append
    with running(the_service, ready=False) as base:
        wait_for(lambda: bool(failures))
        health = call(f"{base}/healthz")
        assert health.status == 503 and health.json()["status"] == "failed"
        assert brief(base, article(1)).json()["error"]["code"] == "loading"
    assert "weights are corrupt" in str(failures[0])


def failing_on_bad(text: str) -> str:
    if "坏" in text:
        raise RuntimeError("model crashed\n  File 'x.py', line 1 (a traceback the client must never see)")
    return f"EN({text})"


def test_an_article_the_model_fails_on_is_listed_and_a_request_that_gets_nothing_is_500() -> None:
    the_service, _ = service(translate=failing_on_bad)
    bad = "坏消息\n本报讯(记者 张三)坏园区投资22.7亿元。"
    with running(the_service) as base:
        mixed = call(f"{base}/v1/briefs", "POST", json_body={"records": [{"id": "good", "text": article(1)},
                                                                       {"id": "bad", "text": bad}]})
        only_bad = brief(base, bad)
    assert mixed.status == 200
    assert [b["id"] for b in mixed.json()["briefs"]] == ["good"]
    [failure] = mixed.json()["errors"]
    assert failure["headline"] == "坏消息" and failure["reason"] == "RuntimeError: model crashed"
    assert only_bad.status == 500 and only_bad.json()["error"]["code"] == "processing-failed"
    assert "File 'x.py'" not in only_bad.text and "Traceback" not in only_bad.text


def test_an_unexpected_error_is_500_with_no_detail_of_it(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: Any, **kwargs: Any) -> Any:
        raise KeyError("secret internals\nTraceback (most recent call last)")

    monkeypatch.setattr("summarise.service.core.split_pages", explode)
    the_service, _ = service()
    with running(the_service) as base:
        answer = brief(base, article(1))
        page = call(f"{base}/", "POST", data=multipart({"text": article(1)})[0],
                    headers={"Content-Type": multipart({"text": article(1)})[1]})
    assert answer.status == 500 and answer.json() == {
        "error": {"code": "internal", "message": "internal error; the server's log says more"}}
    assert page.status == 500 and "secret internals" not in page.text and "Error 500" in page.text


# -- the page, CORS ----------------------------------------------------------------------------------------


def test_the_page_answers_a_form_escapes_everything_and_sends_a_strict_csp() -> None:
    attack = "<script>window.pwned=1</script>" + article(1).replace("园区新闻", "<img src=x onerror=alert(1)>新闻")
    the_service, _ = service()
    with running(the_service) as base:
        body, kind = multipart({"text": attack, "url": ""})
        answer = call(f"{base}/", "POST", data=body, headers={"Content-Type": kind})
        empty_body, empty_kind = multipart({"text": "  ", "url": ""})
        empty = call(f"{base}/", "POST", data=empty_body, headers={"Content-Type": empty_kind})
    assert answer.status == 200 and 'class="chip"' in answer.text
    assert "<script>" not in answer.text and "<img src=x" not in answer.text and "&lt;script&gt;" in answer.text
    csp = answer.headers["Content-Security-Policy"]
    assert re.fullmatch(r"default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; img-src data:; "
                        r"form-action 'self'; base-uri 'none'; frame-ancestors 'none'", csp)
    assert empty.status == 400 and "exactly one of" in empty.text and "Error 400" in empty.text


def test_cors_answers_only_the_origins_it_was_given() -> None:
    the_service, _ = service(cors=("https://news.example",))
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    with running(the_service) as base:
        allowed = call(f"{base}/v1/briefs", "OPTIONS", headers={"Origin": "https://news.example", **preflight})
        other = call(f"{base}/v1/briefs", "OPTIONS", headers={"Origin": "https://evil.example", **preflight})
        simple = call(f"{base}/v1/models", headers={"Origin": "https://news.example"})
    assert allowed.status == 200 and allowed.headers["Access-Control-Allow-Origin"] == "https://news.example"
    assert other.status == 400 and other.headers["Access-Control-Allow-Origin"] is None
    assert simple.headers["Access-Control-Allow-Origin"] == "https://news.example"


# -- the queue and settings alone ----------------------------------------------------------------------


def test_stopping_fails_what_still_waits_and_refuses_more() -> None:
    gate = Gate()
    the_service, _ = service(gate=gate, batch_size=1)
    queue: BriefQueue = the_service.queue
    queue.start(the_service.warm_up, lambda error: None)
    assert queue.ready.wait(10)
    articles = split_articles(page_from_text(article(1)))
    gate.close()
    running_ticket = queue.submit(articles)
    assert gate.entered.wait(10)
    waiting_ticket = queue.submit(articles)
    stopper = threading.Thread(target=queue.stop)
    stopper.start()
    gate.opened.set()
    stopper.join(10)
    assert len(running_ticket.future.result(5)) == 1  # the batch in progress finished
    with pytest.raises(Stopping):
        waiting_ticket.future.result(5)
    with pytest.raises(Stopping):
        queue.submit(articles)
    small = BriefQueue(the_service.briefer, batch_size=1, window=0, capacity=1)
    small.ready.set()
    with pytest.raises(TooManyArticles):
        small.submit(articles * 2)


def test_settings_resolve_flag_then_environment_then_default() -> None:
    environ = {"SUMMARISE_SERVE_PORT": "9000", "SUMMARISE_SERVE_CORS": "https://a.example, https://b.example",
               "SUMMARISE_SERVE_KEY": "s3cret", "SUMMARISE_SERVE_BATCH_WINDOW_MS": "2.5"}
    settings = resolve_serve_settings(environ, port=8001)
    assert settings.port == 8001 and settings.cors == ("https://a.example", "https://b.example")
    assert settings.key == "s3cret" and "s3cret" not in repr(settings) and settings.batch_window_ms == 2.5
    assert resolve_serve_settings({}).host == "127.0.0.1"
    for environ, message in [({"SUMMARISE_SERVE_PORT": "many"}, "not a valid int"),
                             ({"SUMMARISE_SERVE_KEY": ""}, "set but empty"),
                             ({"SUMMARISE_SERVE_CORS": "example.org"}, "--cors takes an origin"),
                             ({"SUMMARISE_SERVE_QUEUE_SIZE": "0"}, "at least 1")]:
        with pytest.raises(ConfigError, match=message):
            resolve_serve_settings(environ)


def test_the_readme_names_every_service_variable() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for variable, _ in SERVE_VARIABLES.values():
        assert variable in readme, variable


def test_serve_without_the_serve_extra_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from summarise.cli import main

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "fastapi_offline" else real(name, *a))
    result = CliRunner().invoke(main, ["serve", "--port", "0"])
    assert result.exit_code == 2
    assert result.output.strip() == "summarise: error: summarise serve needs fastapi-offline: pip install 'summarise[serve]'"


def test_a_url_input_is_fetched_and_briefed_with_its_url(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # The served fetcher refuses loopback; this test alone lets it reach the local test server.
    from summarise.service import urls
    from summarise.sources import Fetcher, resolve_fetch_settings
    from tests.web_server import Reply, running_server, story_page

    monkeypatch.setenv("SUMMARISE_CACHE", str(tmp_path))
    monkeypatch.setattr(urls, "_fetcher", lambda max_bytes: Fetcher(resolve_fetch_settings(
        max_bytes=max_bytes, allow_private=True, per_host_delay=0)))
    with running_server() as site:
        site.routes["/robots.txt"] = Reply(404)
        site.routes["/story.html"] = Reply(200, story_page("园区完成投资", [article(3).split("\n")[1]]),
                                           {"Content-Type": "text/html; charset=utf-8"})
        with running(service()[0]) as base:
            answer = call(f"{base}/v1/briefs", "POST", json_body={"url": site.url("/story.html")})
    assert answer.status == 200, answer.body
    (only,) = answer.json()["briefs"]
    assert only["source"]["url"] == site.url("/story.html")
    assert {"13亿元", "12.5%"} <= {figure["text"] for figure in only["figures"]}
