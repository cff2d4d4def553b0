"""`summarise serve` as a real process on 127.0.0.1 with the tiny models, called over HTTP: every
endpoint, the answers the CLI would give, an upload of each reader format, every error status the
process itself can show, the 20 MB body, and the bearer key (required, and never logged)."""

from __future__ import annotations

import base64
import http.client
import json
import signal
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pydantic import BaseModel

from summarise.cli import main
from summarise.service.schemas import ArticleOut, BriefOut, SourceOut
from summarise.testing.serving import Answer, ServerProcess, call, multipart, wait_ready
from tests.pdf_pages import Story, image_only_pdf, stories_pdf

KEY = "k3y-for-the-tests-Only"
AUTH = {"Authorization": f"Bearer {KEY}"}
ARTICLE = ("生物园区超额完成招商引资年度目标任务\n本报讯(记者 张国静)招商引资省外到位资金22.7亿元,完成目标任务的"
           "113.6%,签约额51.7亿元。")
SECOND = "空气质量持续改善\n本报讯(记者 李静)前11个月全省空气质量优良天数比例达95%以上。"


def model_options(tiny_models: Any) -> list[str]:
    return ["--summariser", str(tiny_models.summariser), "--translator", str(tiny_models.translator),
            "--engine", "torch", "--device", "cpu", "--max-new-tokens", "8"]


@pytest.fixture(scope="module")
def server(tiny_models: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    folder = tmp_path_factory.mktemp("serve")
    process = ServerProcess([*model_options(tiny_models), "-v"], folder / "serve.log", env={
        "SUMMARISE_SERVE_KEY": KEY, "HF_HUB_OFFLINE": "1", "HF_HOME": str(folder / "hf")})
    try:
        wait_ready(process.base, timeout=180, process=process.process)
        yield process
    finally:
        code = process.stop()
    # SIGTERM: the requests in flight finish, the app shuts down, then uvicorn re-raises the signal so a
    # service manager sees how the process ended.
    assert code == -signal.SIGTERM and "Application shutdown complete" in process.stderr(), process.stderr()
    assert KEY not in process.stderr()  # the key is never logged


def api(server: ServerProcess, path: str, method: str = "GET", **kwargs: Any) -> Answer:
    headers = {**AUTH, **kwargs.pop("headers", {})}
    return call(server.base + path, method, headers=headers, **kwargs)


def upload(server: ServerProcess, path: str, name: str, content: bytes) -> Answer:
    body, kind = multipart({"file": (name, content)})
    return api(server, path, "POST", data=body, headers={"Content-Type": kind})


def assert_error(answer: Answer, status: int, code: str) -> str:
    assert answer.status == status, answer.text
    body = answer.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code, body
    message: str = body["error"]["message"]
    assert message and "\n" not in message and "Traceback" not in message
    return message


def assert_documented(answer: dict[str, Any], model: type[BaseModel]) -> None:
    """The OpenAPI model names every field the answer has, and the answer has every field it requires."""
    assert set(answer) <= set(model.model_fields)
    assert {name for name, field in model.model_fields.items() if field.is_required()} <= set(answer)
    model.model_validate(answer)


# -- the endpoints ------------------------------------------------------------------------------------


def test_health_is_open_and_models_describe_the_loaded_engines(server: ServerProcess, tiny_models: Any) -> None:
    health = call(server.base + "/healthz")  # no key: load balancers probe it
    assert health.status == 200 and health.json()["status"] == "ok"
    assert {"waiting", "capacity", "batches"} <= set(health.json()["queue"])
    assert call(server.base + "/healthz", "HEAD").status == 200  # probes that send HEAD
    models = api(server, "/v1/models").json()
    assert models["engine"] == "torch" and models["ready"] is True and models["batch_size"] == 8
    assert models["summariser"]["loaded"] is True and models["summariser"]["path"] == str(tiny_models.summariser)
    assert models["translator"]["path"] == str(tiny_models.translator)


def test_briefs_from_text_are_the_briefs_the_cli_makes(server: ServerProcess, tiny_models: Any,
                                                      tmp_path: Path) -> None:
    answer = api(server, "/v1/briefs", "POST", json_body={"text": ARTICLE})
    assert answer.status == 200, answer.text
    body = answer.json()
    assert set(body) == {"briefs", "errors"} and body["errors"] == []
    [brief] = body["briefs"]
    assert_documented(brief, BriefOut)
    assert_documented(brief["source"], SourceOut)
    assert [f["english"] for f in brief["figures"]][:3] == ["2.27 billion yuan", "113.6%", "5.17 billion yuan"]
    assert brief["source"]["path"] == "<text>" and brief["source"]["headline"] == "生物园区超额完成招商引资年度目标任务"

    page = tmp_path / "page.txt"
    page.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(main, ["brief", str(page), "--format", "json", *model_options(tiny_models)])
    assert result.exit_code == 0, result.output
    [expected] = json.loads(result.stdout)
    for field in ("headline", "summary", "figures", "warnings", "notes", "summary_zh"):
        assert brief[field] == expected[field], field


def test_records_keep_their_ids_and_an_unreadable_one_is_listed_not_fatal(server: ServerProcess) -> None:
    records = [{"id": "a1", "title": "园区招商", "text": ARTICLE}, {"id": 7, "text": "no Chinese here"},
               {"text": SECOND}]
    body = api(server, "/v1/briefs", "POST", json_body={"records": records}).json()
    assert [b["id"] for b in body["briefs"]] == ["a1", body["briefs"][1]["id"]]
    assert body["briefs"][0]["source"]["path"] == "records[0]"
    [failure] = body["errors"]
    assert failure["source"] == "records" and failure["reason"].startswith("records[1]: no Chinese text")


PDF = stories_pdf([Story("生物园区超额完成招商引资目标", "本报讯(记者 张国静)", [ARTICLE.split("\n")[1]]),
                   Story("空气质量持续改善", "本报讯(记者 李静)", [SECOND.split("\n")[1]])])
HTML = (f"<html><head><meta charset='gbk'><title>空气质量持续改善_新闻</title></head><body><h1>空气质量持续改善</h1>"
        f"<p>{SECOND.split(chr(10))[1]}</p><p>全省各地持续推进大气污染防治工作,取得明显成效。</p></body></html>")
UPLOADS = {
    "page-gbk.txt": (f"{ARTICLE}\n\n{SECOND}\n".encode("gbk"), 2),
    "page.html": (HTML.encode("gbk"), 1),
    "records.jsonl": ("".join(json.dumps({"id": f"r{n}", "text": t}, ensure_ascii=False) + "\n"
                              for n, t in enumerate([ARTICLE, SECOND])).encode("utf-8"), 2),
    "epaper.pdf": (PDF, 2),
}


@pytest.mark.parametrize("name", list(UPLOADS))
def test_an_upload_of_each_reader_format_is_briefed(server: ServerProcess, name: str) -> None:
    content, articles = UPLOADS[name]
    answer = upload(server, "/v1/briefs", name, content)
    assert answer.status == 200, answer.text
    briefs = answer.json()["briefs"]
    assert len(briefs) == articles and all(b["headline"] for b in briefs)
    if name.endswith(".jsonl"):
        assert [b["id"] for b in briefs] == ["r0", "r1"]
    else:
        assert {b["source"]["path"] for b in briefs} == {name}
    assert any("95%" in f["text"] for b in briefs for f in b["figures"])


def test_a_raw_body_is_the_document_itself(server: ServerProcess) -> None:
    answer = api(server, "/v1/briefs", "POST", data=HTML.encode("gbk"), headers={"Content-Type": "text/html"})
    assert answer.status == 200, answer.text
    [brief] = answer.json()["briefs"]
    assert brief["source"]["headline"] == "空气质量持续改善" and brief["source"]["path"] == "upload.html"


def test_articles_are_what_summarise_articles_prints(server: ServerProcess, sample_page: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    answer = upload(server, "/v1/articles", sample_page.name, sample_page.read_bytes())
    assert answer.status == 200, answer.text
    articles = answer.json()["articles"]
    assert len(articles) == 6
    assert_documented(articles[0], ArticleOut)
    (tmp_path / sample_page.name).write_bytes(sample_page.read_bytes())
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["articles", sample_page.name])
    assert result.exit_code == 0, result.output
    assert articles == [json.loads(line) for line in result.stdout.splitlines()]


def test_names_are_what_summarise_names_finds(server: ServerProcess, sample_page: Path) -> None:
    answer = upload(server, "/v1/names", sample_page.name, sample_page.read_bytes())
    assert answer.status == 200, answer.text
    articles = answer.json()["articles"]
    assert len(articles) == 6
    result = CliRunner().invoke(main, ["names", str(sample_page)])
    assert result.exit_code == 0, result.output
    printed = [json.loads(line) for line in result.stdout.splitlines()]
    for index, article in enumerate(articles):
        # the same names, each with its kind and English form (spans of headline names need the page)
        expected = {(n["text"], n["kind"], n["english"]) for n in printed if n["article"] == index}
        assert {(n["text"], n["kind"], n["english"]) for n in article["names"]} == expected
    english = {n["english"] for article in articles for n in article["names"]}
    assert {"Chen Gang", "Xining"} & english, english


def test_figures_are_what_summarise_figures_prints(server: ServerProcess) -> None:
    text = "资金22.7亿元，比例达95%以上\n没有数字\n带动就业4000多名"
    answer = api(server, "/v1/figures", "POST", json_body={"text": text})
    assert answer.status == 200, answer.text
    result = CliRunner().invoke(main, ["figures", "-"], input=text.encode("utf-8"))
    assert answer.json()["lines"] == [json.loads(line) for line in result.stdout.splitlines()]
    as_file = upload(server, "/v1/figures", "lines.txt", text.encode("gb18030"))
    assert as_file.json() == answer.json()


def test_the_docs_and_the_schema_are_served_from_this_machine(server: ServerProcess) -> None:
    docs = call(server.base + "/docs")
    assert docs.status == 200 and "swagger-ui" in docs.text and "cdn." not in docs.text
    assert call(server.base + "/static-offline-docs/swagger-ui-bundle.js").status == 200
    schema = call(server.base + "/openapi.json").json()
    assert {"/healthz", "/v1/models", "/v1/briefs", "/v1/articles", "/v1/figures", "/v1/names"} <= set(schema["paths"])
    body = schema["paths"]["/v1/briefs"]["post"]["requestBody"]["content"]
    assert body["application/json"]["schema"]["$ref"] == "#/components/schemas/DocumentIn"
    assert {"DocumentIn", "RecordIn", "BriefOut", "ErrorOut"} <= set(schema["components"]["schemas"])


# -- errors -------------------------------------------------------------------------------------------

BAD_REQUESTS = [
    ("/v1/briefs", b"{bad", "application/json", 400, "bad-request"),
    ("/v1/briefs", b"", "application/json", 400, "bad-request"),
    ("/v1/briefs", b'{"txt": "x"}', "application/json", 400, "bad-request"),
    ("/v1/briefs", b'{"text": "\xe6\x96\xb0", "url": "https://example.org/"}', "application/json", 400, "bad-request"),
    ("/v1/briefs", b'{"records": [{"text": 1}]}', "application/json", 400, "bad-request"),
    ("/v1/briefs", b'{"url": "ftp://example.org/x"}', "application/json", 400, "bad-request"),
    ("/v1/briefs", b'{"url": "http://127.0.0.1:9/news.html"}', "application/json", 400, "bad-request"),
    ("/v1/briefs", b'{"text": "only English here"}', "application/json", 422, "unreadable"),
    ("/v1/briefs", b'{"text": "   "}', "application/json", 422, "unreadable"),
    ("/v1/briefs", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png", 422, "unreadable"),
    ("/v1/briefs", image_only_pdf(), "application/pdf", 422, "unreadable"),
    ("/v1/articles", b"\xff\xfe\x00\xd8" * 50, "application/octet-stream", 422, "unreadable"),
    ("/v1/figures", b'{"text": "no Chinese"}', "application/json", 422, "unreadable"),
]


@pytest.mark.parametrize(("path", "data", "kind", "status", "code"), BAD_REQUESTS)
def test_bad_input_gets_its_status_and_one_line(server: ServerProcess, path: str, data: bytes, kind: str,
                                                status: int, code: str) -> None:
    assert_error(api(server, path, "POST", data=data, headers={"Content-Type": kind}), status, code)


def test_a_url_input_obeys_the_fetchers_private_address_rule(server: ServerProcess) -> None:
    # The service never fetches from its own network: loopback, private and link-local addresses are
    # refused before any connection, and a request has no field to turn the rule off.
    for url in ("http://127.0.0.1:9/a.html", "http://10.0.0.1/a.html", "http://169.254.169.254/latest"):
        message = assert_error(api(server, "/v1/briefs", "POST", json_body={"url": url}), 400, "bad-request")
        assert message.startswith(url) and "addresses are not fetched" in message, message
    assert_error(api(server, "/v1/briefs", "POST", json_body={"url": "http://127.0.0.1:9/", "allow_private": True}),
                 400, "bad-request")


def test_unknown_routes_and_methods_answer_json(server: ServerProcess) -> None:
    assert_error(api(server, "/v1/nothing"), 404, "not-found")
    assert_error(api(server, "/v1/briefs"), 405, "method-not-allowed")


def test_a_20_mb_body_is_refused_with_413_in_each_way_it_can_come(server: ServerProcess) -> None:
    twenty_mb = ("中" * (20 * 1024 * 1024 // 3)).encode("utf-8")
    host, port = server.base.removeprefix("http://").split(":")
    # Content-Length declared: the server reads and drops the body, so this plain client reads the 413.
    connection = http.client.HTTPConnection(host, int(port), timeout=60)
    connection.request("POST", "/v1/briefs", body=twenty_mb, headers={**AUTH, "Content-Type": "text/plain"})
    assert_error(_answer(connection.getresponse()), 413, "too-large")
    # Chunked, no length: counted as it streams.
    connection = http.client.HTTPConnection(host, int(port), timeout=60)
    chunks = (twenty_mb[i : i + 65536] for i in range(0, len(twenty_mb), 65536))
    connection.request("POST", "/v1/briefs", body=chunks, encode_chunked=True,
                       headers={**AUTH, "Content-Type": "text/plain"})
    assert_error(_answer(connection.getresponse()), 413, "too-large")
    # Expect: 100-continue (curl's way): refused before a byte of the body is sent.
    with socket.create_connection((host, int(port)), timeout=30) as raw:
        raw.sendall(f"POST /v1/briefs HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {KEY}\r\n"
                    f"Content-Type: text/plain\r\nContent-Length: {len(twenty_mb)}\r\n"
                    "Expect: 100-continue\r\n\r\n".encode())
        head = raw.recv(4096).decode("latin-1")
    assert head.startswith("HTTP/1.1 413 ")
    assert api(server, "/v1/briefs", "POST", json_body={"text": SECOND}).status == 200  # still serving


def _answer(response: http.client.HTTPResponse) -> Answer:
    return Answer(response.status, response.headers, response.read())


# -- access -------------------------------------------------------------------------------------------


def test_the_key_is_required_where_set(server: ServerProcess) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {KEY}"},
                    {"Authorization": KEY}):
        answer = call(server.base + "/v1/models", headers=headers)
        assert_error(answer, 401, "unauthorized")
        assert answer.headers["WWW-Authenticate"].startswith("Bearer")
    page = call(server.base + "/")
    assert page.status == 401 and page.headers["WWW-Authenticate"].startswith("Basic")  # the browser asks
    basic = base64.b64encode(f"anyone:{KEY}".encode()).decode()
    assert call(server.base + "/", headers={"Authorization": f"Basic {basic}"}).status == 200
    assert call(server.base + "/", headers=AUTH).status == 200
    assert call(server.base + "/openapi.json").status == 200 and call(server.base + "/healthz").status == 200


def test_verbose_logs_each_request_with_its_timings(server: ServerProcess) -> None:
    assert api(server, "/v1/briefs", "POST", json_body={"text": ARTICLE}).status == 200
    lines = [line for line in server.stderr().splitlines() if "POST /v1/briefs 200 in" in line]
    assert lines and "read" in lines[-1] and "queued" in lines[-1] and "model" in lines[-1]
    assert "(1 batch: " in lines[-1] and lines[-1].endswith("; 1 article")
    assert "GET /v1/models 401 in" in server.stderr()


def test_cors_is_off_by_default(server: ServerProcess) -> None:
    answer = api(server, "/v1/models", headers={"Origin": "https://elsewhere.example"})
    assert answer.status == 200 and "access-control-allow-origin" not in {k.lower() for k in answer.headers}


def test_a_model_that_cannot_load_stops_the_server_with_one_line_and_exit_3(tmp_path: Path,
                                                                           tiny_models: Any) -> None:
    process = ServerProcess(["--summariser", str(tmp_path / "missing"), "--translator",
                             str(tiny_models.translator), "--engine", "torch"], tmp_path / "serve.log")
    assert process.process.wait(120) == 3
    errors = [line for line in process.stderr().splitlines() if line.startswith("summarise: error:")]
    assert len(errors) == 1 and "missing" in errors[0] and "Traceback" not in process.stderr()
    process.stop()


def test_a_taken_port_is_one_line_and_exit_2(server: ServerProcess) -> None:
    port = server.base.rsplit(":", 1)[1]
    result = CliRunner().invoke(main, ["serve", "--port", port])
    assert result.exit_code == 2 and "cannot listen on 127.0.0.1:" in result.output
