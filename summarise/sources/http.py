"""One HTTP exchange with a hard deadline: connect to a checked address, send GET, read a capped body.

urllib3's connection classes do the HTTP (gzip and deflate decoding included, bounded per read). The
connection goes to the address `addresses.checked_addresses` allowed, never to a fresh DNS answer; the
Host header and, for HTTPS, the SNI name and the certificate check use the URL's host. A watchdog shuts
the socket down at the deadline, so a server that never answers, or drips its headers or body a byte at
a time, ends within the timeout however it behaves.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from summarise.sources.errors import FetchError, FetchFailed, FetchRefused, FetchTimeout, FetchTooLarge

CHUNK = 64 * 1024
REDIRECTS = frozenset({301, 302, 303, 307, 308})
# Content codings asked for (Accept-Encoding) and decoded; any other coding is refused, not guessed at.
ENCODINGS = ("gzip", "deflate")
_SAFE_PATH = "/:@!$&'()*+,;=~%"
_SAFE_QUERY = _SAFE_PATH + "?"


@dataclass(frozen=True)
class Accepted:
    """What a fetch expects: the media types it takes, how to say so, and its Accept header."""

    media_types: frozenset[str]
    description: str  # "a web page (HTML, plain text or PDF)"
    header: str

    def takes(self, media_type: str | None) -> bool:
        """True for a listed media type, or none given (the readers then look at the bytes)."""
        return not media_type or not self.media_types or media_type in self.media_types


@dataclass(frozen=True)
class Answer:
    """What one request got: the status, the headers (lower-case names) and the decoded body."""

    url: str
    status: int
    reason: str
    headers: Mapping[str, str]
    body: bytes = b""

    @property
    def media_type(self) -> str | None:
        """The Content-Type's media type, lower case, without parameters."""
        return media_type(self.headers.get("content-type"))


def media_type(content_type: str | None) -> str | None:
    """"text/html" of "text/html; charset=gbk"; None when there is none."""
    if not content_type:
        return None
    return content_type.split(";", 1)[0].strip().lower() or None


def charset_of(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, if any."""
    for parameter in (content_type or "").split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def exchange(url: str, addresses: Sequence[str], *, headers: Mapping[str, str], deadline: float,
             connect_timeout: float, max_bytes: int, accepted: Accepted, ca_certs: str | None = None) -> Answer:
    """GET `url` from the first of `addresses` that takes a connection, before `deadline` (monotonic).

    A 200 answer of an accepted type is read whole, up to `max_bytes` after decoding; other answers
    come back without their body. Raises FetchTimeout, FetchFailed (retryable when the connection
    failed), FetchTooLarge, or FetchRefused for a type or coding that is not accepted.
    """
    connection = _connect(url, addresses, deadline=deadline, connect_timeout=connect_timeout, ca_certs=ca_certs)
    watchdog = _Watchdog(connection.sock, deadline - time.monotonic())
    try:
        connection.request("GET", request_target(url), headers={"Host": _host_header(url), **headers},
                           preload_content=False, decode_content=True)
        response = connection.getresponse()
        answer = Answer(url, response.status, response.reason or "", {k.lower(): v for k, v in response.headers.items()})
        if not 200 <= answer.status < 300:
            return answer
        _check_body_allowed(answer, accepted, max_bytes)
        return Answer(answer.url, answer.status, answer.reason, answer.headers, _read_capped(url, response, max_bytes))
    except FetchError:
        raise
    except Exception as error:  # noqa: BLE001 - http.client, urllib3 and socket errors, mapped to one line
        raise _failure(url, error, watchdog.fired, deadline) from None
    finally:
        watchdog.cancel()
        connection.close()


def request_target(url: str) -> str:
    """The path and query to send: characters outside URLs escaped, the fragment left out."""
    parts = urlsplit(url)
    target = quote(parts.path or "/", safe=_SAFE_PATH)
    if parts.query:
        target += "?" + quote(parts.query, safe=_SAFE_QUERY)
    return target


def _host_header(url: str) -> str:
    return urlsplit(url).netloc.rpartition("@")[2]


def _connect(url: str, addresses: Sequence[str], *, deadline: float, connect_timeout: float,
             ca_certs: str | None):  # type: ignore[no-untyped-def]
    from urllib3.connection import HTTPConnection, HTTPSConnection  # imported here: only fetches need it
    from urllib3.exceptions import SSLError
    from urllib3.util.ssl_match_hostname import CertificateError

    parts = urlsplit(url)
    host = parts.hostname or ""
    https = parts.scheme.lower() == "https"
    port = parts.port or (443 if https else 80)
    last: Exception | None = None
    for address in addresses:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        timeout = min(connect_timeout, remaining)
        connection: HTTPConnection
        if https:
            connection = HTTPSConnection(address, port, timeout=timeout, server_hostname=host,
                                         assert_hostname=host, cert_reqs="CERT_REQUIRED", ca_certs=ca_certs)
        else:
            connection = HTTPConnection(address, port, timeout=timeout)
        try:
            connection.connect()
            # Each later read may wait as long as the deadline allows; the watchdog ends the whole exchange.
            connection.timeout = max(deadline - time.monotonic(), 0.001)
            return connection
        except (SSLError, ssl.SSLError, CertificateError) as error:  # a wrong certificate: no retry helps
            connection.close()
            raise FetchFailed(url, f"TLS failed with {host}: {_reason(error)}") from None
        except Exception as error:  # noqa: BLE001 - refused, unreachable, timed out: try the next address
            connection.close()
            last = error
    if last is None or time.monotonic() >= deadline:
        raise FetchTimeout(url, "no connection within the timeout")
    if _is_timeout(last):
        raise FetchTimeout(url, f"could not connect within {connect_timeout:g} s")
    raise FetchFailed(url, f"could not connect ({_reason(last)})", retryable=True)


def _check_body_allowed(answer: Answer, accepted: Accepted, max_bytes: int) -> None:
    if not accepted.takes(answer.media_type):
        raise FetchRefused(answer.url, f"content type {answer.media_type} is not {accepted.description}")
    coding = answer.headers.get("content-encoding", "").strip().lower()
    if coding not in ("", "identity", "x-gzip", *ENCODINGS):
        raise FetchRefused(answer.url, f"content encoding {coding!r} is not one this tool asked for "
                                       f"({', '.join(ENCODINGS)})")
    length = answer.headers.get("content-length", "").strip()
    if length.isdigit() and int(length) > max_bytes:
        raise FetchTooLarge(answer.url, too_large_detail(int(length), max_bytes))


def too_large_detail(size: int | None, limit: int) -> str:
    """The one-line reason a body over the limit is refused."""
    told = f"{size:,} bytes is" if size is not None else "the body is"
    return f"{told} over the input limit of {limit:,} bytes (raise it with SUMMARISE_MAX_BYTES)"


def _read_capped(url: str, response, max_bytes: int) -> bytes:  # type: ignore[no-untyped-def]
    chunks: list[bytes] = []
    size = 0
    for chunk in response.stream(CHUNK, decode_content=True):
        size += len(chunk)
        if size > max_bytes:
            raise FetchTooLarge(url, too_large_detail(None, max_bytes))
        chunks.append(chunk)
    return b"".join(chunks)


class _Watchdog:
    """Shuts a socket down when the deadline passes, which ends any read blocked on it."""

    def __init__(self, sock: socket.socket, seconds: float) -> None:
        self.fired = False
        self._sock = sock
        self._timer = threading.Timer(max(seconds, 0.0), self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        self.fired = True
        try:
            self._sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass  # already closed

    def cancel(self) -> None:
        self._timer.cancel()


def _failure(url: str, error: Exception, fired: bool, deadline: float) -> FetchError:
    """The typed error for what broke an exchange."""
    if fired or time.monotonic() >= deadline or _is_timeout(error):
        return FetchTimeout(url, "the server did not send its answer within the timeout")
    from urllib3.exceptions import DecodeError

    if isinstance(error, DecodeError):
        return FetchFailed(url, f"the body could not be decompressed ({_reason(error)})")
    if isinstance(error, http.client.LineTooLong | http.client.BadStatusLine):
        return FetchFailed(url, f"the server's answer is not HTTP ({_reason(error)})")
    # A connection dropped before the answer began (RemoteDisconnected, a reset) may work on a retry.
    dropped = isinstance(error, http.client.RemoteDisconnected | ConnectionError)
    return FetchFailed(url, f"the connection failed ({_reason(error)})", retryable=dropped)


def _is_timeout(error: BaseException) -> bool:
    from urllib3.exceptions import ConnectTimeoutError, ReadTimeoutError

    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, TimeoutError | socket.timeout | ConnectTimeoutError | ReadTimeoutError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _reason(error: BaseException) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
