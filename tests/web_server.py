"""A local web server for the fetch tests (127.0.0.1 only, routes set by each test, every request logged),
the pages, feeds and sitemaps of a small test site, and a guard that keeps a test's sockets on 127.0.0.1.

A route answers with a `Reply`: status, headers and body, optionally with an ETag (then a matching
If-None-Match gets a 304), dripped one byte a second, or never answered. Nothing here reaches past the
loopback interface.
"""

from __future__ import annotations

import gzip
import hashlib
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest


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

    def __init__(self, host: str = "127.0.0.1", tls: ssl.SSLContext | None = None) -> None:
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
        if tls is not None:  # HTTPS: the listening socket hands out TLS connections
            self._httpd.socket = tls.wrap_socket(self._httpd.socket, server_side=True)
        self.scheme = "https" if tls is not None else "http"
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"{self.scheme}://{host}:{self.port}{path}"

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
def running_server(host: str = "127.0.0.1", tls: ssl.SSLContext | None = None) -> Iterator[WebServer]:
    server = WebServer(host, tls).start()
    try:
        yield server
    finally:
        server.stop()


# -- a small news site built from the repository's own sample page ------------------------------------

def corpus_stories() -> list[tuple[str, list[str]]]:
    """The sample page's articles as (headline, paragraphs): the stories the test site publishes."""
    from summarise.articles import split_articles
    from summarise.reading.readers import load_pages
    from tests.conftest import SAMPLE_PAGE

    [page] = load_pages(SAMPLE_PAGE)
    return [(article.headline or f"新闻{article.index}", [p.text for p in article.paragraphs if p.kind == "body"])
            for article in split_articles(page)]


def story_page(headline: str, paragraphs: list[str], *, chrome: int = 0) -> bytes:
    """One article as a news web page; `chrome` picks one of three different sets of site furniture."""
    navigation = ["<nav><a href='/'>首页</a> | <a href='/news'>新闻</a> | <a href='/login'>登录</a></nav>",
                  "<header><ul><li>要闻</li><li>财经</li><li>体育</li><li>科技</li></ul></header>",
                  "<div class='top'>欢迎访问本站 <a href='/'>返回首页</a></div>"][chrome % 3]
    footer = ["<footer>版权所有 本网站所刊载信息不代表本站观点</footer>",
              "<footer><p>相关新闻</p><ul><li>其他新闻一</li><li>其他新闻二</li></ul></footer>",
              "<footer>联系我们 | 关于我们 | 网站地图</footer>"][chrome % 3]
    site = ["青海新闻网", "高原日报", "西部在线"][chrome % 3]
    body = "".join(f"<p>{escape(text)}</p>" for text in paragraphs)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{escape(headline)} - {site}</title>"
            f"</head><body>{navigation}<article><h1>{escape(headline)}</h1>{body}</article>{footer}"
            f"</body></html>").encode()


def rss_feed(base: str, links: list[tuple[str, str, str]]) -> bytes:
    """An RSS 2.0 feed of (path, title, RFC 822 date) items."""
    items = "".join(f"<item><title>{escape(title)}</title><link>{base}{escape(path)}</link>"
                    f"<guid>{base}{escape(path)}</guid><pubDate>{date}</pubDate></item>" for path, title, date in links)
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>测试新闻</title>"
            f"<link>{base}/</link><description>t</description>{items}</channel></rss>").encode()


def atom_feed(base: str, links: list[tuple[str, str, str]]) -> bytes:
    """An Atom feed of (path, title, ISO date) entries, links relative to the feed."""
    entries = "".join(f"<entry><title>{escape(title)}</title><id>tag:test,2026:{escape(path)}</id>"
                      f"<link rel='alternate' href='{escape(path)}'/><updated>{date}</updated></entry>"
                      for path, title, date in links)
    return (f"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>测试</title>"
            f"<id>tag:test,2026:feed</id><updated>2026-12-01T00:00:00Z</updated>{entries}</feed>").encode()


def news_sitemap(base: str, links: list[tuple[str, str]], *, gzipped: bool = True) -> bytes:
    """A Google News sitemap of (path, ISO publication date) pages, gzipped unless told otherwise."""
    urls = "".join(f"<url><loc>{base}{escape(path)}</loc><news:news><news:publication>"
                   f"<news:name>测试</news:name><news:language>zh</news:language></news:publication>"
                   f"<news:publication_date>{date}</news:publication_date><news:title>t</news:title>"
                   f"</news:news></url>" for path, date in links)
    xml = ("<?xml version='1.0' encoding='UTF-8'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' "
           f"xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'>{urls}</urlset>").encode()
    return gzip.compress(xml) if gzipped else xml


def sitemap_index(base: str, paths: list[str]) -> bytes:
    items = "".join(f"<sitemap><loc>{base}{escape(path)}</loc></sitemap>" for path in paths)
    return ("<?xml version='1.0' encoding='UTF-8'?><sitemapindex "
            f"xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{items}</sitemapindex>").encode()


@pytest.fixture
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """In this process, a socket may connect to 127.0.0.1 only: a test that would reach further fails."""
    original = socket.socket.connect

    def connect(self: socket.socket, address: object) -> None:
        host = address[0] if isinstance(address, tuple) else address
        if host != "127.0.0.1":
            raise AssertionError(f"a test tried to connect to {address!r}, outside 127.0.0.1")
        original(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", connect)


def self_signed(folder: Path, name: str) -> tuple[Path, ssl.SSLContext]:
    """A certificate for `name` signed by itself (its own CA): the file to trust, and a server context."""
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
                   .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
                   .not_valid_after(now + datetime.timedelta(days=1))
                   .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
                   .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                   .sign(key, hashes.SHA256()))
    cert_file, key_file = folder / f"{name}.pem", folder / f"{name}.key"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    return cert_file, context
