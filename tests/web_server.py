"""A local web server for the fetch tests: 127.0.0.1 only, routes set by each test, every request logged.

A route answers with a `Reply`: status, headers and body, optionally with an ETag (then a matching
If-None-Match gets a 304), dripped one byte a second, or never answered. Nothing here reaches past the
loopback interface.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    """What a route answers."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    etag: bool = False  # send an ETag and Last-Modified, and answer a matching conditional request with 304
    drip: bool = False  # send everything, status line included, one byte a second
    hang: bool = False  # read the request and never answer


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]
    at: float  # time.monotonic() when it arrived
    answered: int  # the status sent (0 when none was)


Route = Callable[[Request], Reply] | Reply


class WebServer:
    """The server: `url(path)`, `routes[path] = Reply(...)` or a function of the request, `requests` seen."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self._stop = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # the http.server hook's name
                server._answer(self)

            def log_message(self, *args: object) -> None:
                pass  # keep test output clean

        self._httpd = ThreadingHTTPServer((host, 0), Handler)
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def paths(self) -> list[str]:
        return [request.path for request in self.requests]

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        headers = {name.lower(): value for name, value in handler.headers.items()}
        seen = Request(handler.path, headers, time.monotonic(), 0)
        route = self.routes.get(handler.path) or self.routes.get(handler.path.split("?")[0])
        reply = (route(seen) if callable(route) else route) if route is not None else Reply(404, b"not found")
        if reply.hang:
            self.requests.append(seen)
            self._stop.wait(60)
            return
        out_headers = {"Content-Type": "text/html; charset=utf-8", **reply.headers}
        status, body = reply.status, reply.body
        if reply.etag:
            tag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            out_headers.setdefault("ETag", tag)
            out_headers.setdefault("Last-Modified", "Tue, 01 Dec 2026 08:00:00 GMT")
            if headers.get("if-none-match") == tag:
                status, body = 304, b""
        self.requests.append(Request(seen.path, headers, seen.at, status))
        if "Content-Length" not in out_headers and "Transfer-Encoding" not in out_headers:
            out_headers["Content-Length"] = str(len(body))
        head = f"HTTP/1.1 {status} {_REASONS.get(status, 'Status')}\r\n"
        head += "".join(f"{name}: {value}\r\n" for name, value in out_headers.items()) + "\r\n"
        data = head.encode("latin-1") + body
        try:
            if reply.drip:
                for byte in data:
                    if self._stop.wait(1.0):
                        return
                    handler.wfile.write(bytes([byte]))
                    handler.wfile.flush()
            else:
                handler.wfile.write(data)
                handler.wfile.flush()
        except OSError:
            pass  # the client gave up: that is what some tests want

    def start(self) -> WebServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._httpd.shutdown()
        self._httpd.server_close()


_REASONS = {200: "OK", 301: "Moved Permanently", 302: "Found", 304: "Not Modified", 404: "Not Found",
            429: "Too Many Requests", 500: "Internal Server Error", 503: "Service Unavailable"}


@contextmanager
def running_server(host: str = "127.0.0.1") -> Iterator[WebServer]:
    server = WebServer(host).start()
    try:
        yield server
    finally:
        server.stop()
