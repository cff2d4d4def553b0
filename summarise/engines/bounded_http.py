"""One HTTP exchange with a hard deadline and a cap on the reply's size: what a server may never exceed.

Socket timeouts bound each read, not the request: a server that sends one byte every two seconds, or a
reply of 50 MB, keeps an ordinary client busy for ever. Here a watchdog shuts the socket down at the
deadline (that wakes a read blocked in another thread, where closing it would not), the body is read in
chunks against the cap, and a declared Content-Length over the cap is refused before any of it is read.
The standard library's http.client caps the status line, each header line and the number of headers.
"""

from __future__ import annotations

import base64
import http.client
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from urllib.parse import SplitResult, unquote, urlsplit, urlunsplit
from urllib.request import getproxies, proxy_bypass

CHUNK = 64 * 1024


class ExchangeFailed(Exception):
    """The exchange did not complete: see the subclasses."""


class DeadlinePassed(ExchangeFailed):
    """No complete reply came before the deadline."""


class ReplyTooLarge(ExchangeFailed):
    """The reply is over the size cap."""


class ConnectionFailed(ExchangeFailed):
    """The server could not be reached, or dropped the connection (`reason` says how)."""


@dataclass(frozen=True)
class Reply:
    """A complete HTTP reply: status, headers (names in lower case) and body."""

    status: int
    headers: dict[str, str]
    body: bytes


def exchange(method: str, url: str, *, body: bytes | None, headers: dict[str, str], deadline: float,
             max_bytes: int) -> Reply:
    """Send one request to `url` and read the whole reply, by `deadline` (time.monotonic) and within
    `max_bytes`; raises DeadlinePassed, ReplyTooLarge or ConnectionFailed."""
    parts = urlsplit(url)
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise DeadlinePassed("no time left")
    connection, target, proxy_headers = _connection(parts, remaining)
    watchdog = threading.Timer(remaining, _shut, args=(connection,))
    watchdog.daemon = True
    watchdog.start()
    try:
        connection.request(method, target, body=body, headers={**headers, **proxy_headers})
        response = connection.getresponse()
        declared = response.getheader("content-length")
        if declared and declared.strip().isdigit() and int(declared) > max_bytes:
            raise ReplyTooLarge(f"a reply of {int(declared):,} bytes")
        data = _read_capped(response, max_bytes, deadline)
        return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, data)
    except ExchangeFailed:
        raise
    except (OSError, http.client.HTTPException) as error:
        if time.monotonic() >= deadline:
            raise DeadlinePassed("no complete reply in time") from None
        raise ConnectionFailed(_describe(error)) from None
    finally:
        watchdog.cancel()
        connection.close()


def _connection(parts: SplitResult, timeout: float) -> tuple[http.client.HTTPConnection, str, dict[str, str]]:
    """The connection for a URL, the request target to send on it and the headers a proxy needs: through
    the proxy the environment names for it (HTTP_PROXY, HTTPS_PROXY, NO_PROXY), as other clients do."""
    host, port = parts.hostname or "", parts.port
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    proxy = None if proxy_bypass(host) else getproxies().get(parts.scheme)
    if proxy:
        via = urlsplit(proxy if "://" in proxy else f"http://{proxy}")
        headers = {}
        if via.username is not None:
            token = base64.b64encode(f"{unquote(via.username)}:{unquote(via.password or '')}".encode())
            headers["Proxy-Authorization"] = f"Basic {token.decode('ascii')}"
        if parts.scheme == "https":  # a CONNECT tunnel through the proxy, then TLS with the server
            tunnel = http.client.HTTPSConnection(via.hostname or "", via.port or 80, timeout=timeout,
                                                 context=ssl.create_default_context())
            tunnel.set_tunnel(host, port or 443, headers=headers)
            return tunnel, target, {}
        plain = http.client.HTTPConnection(via.hostname or "", via.port or 80, timeout=timeout)
        absolute = urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))
        return plain, absolute, headers  # a plain-HTTP proxy takes the whole URL, and its credentials
    if parts.scheme == "https":
        secure = http.client.HTTPSConnection(host, port, timeout=timeout, context=ssl.create_default_context())
        return secure, target, {}
    return http.client.HTTPConnection(host, port, timeout=timeout), target, {}


def _read_capped(response: http.client.HTTPResponse, max_bytes: int, deadline: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = response.read1(CHUNK)  # what has arrived, up to CHUNK: a drip returns byte by byte
        if not chunk:
            if time.monotonic() >= deadline:  # the watchdog's shutdown reads as an end of stream
                raise DeadlinePassed("the reply was still coming at the deadline")
            if response.length:  # Content-Length promised more than came
                raise ConnectionFailed("the server closed the connection before the reply was complete")
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise ReplyTooLarge(f"a reply of more than {max_bytes:,} bytes")
        if time.monotonic() >= deadline:
            raise DeadlinePassed("the reply was still coming at the deadline")
        chunks.append(chunk)


def _shut(connection: http.client.HTTPConnection) -> None:
    """At the deadline: shut the socket down, which ends a read blocked on it at once."""
    sock = connection.sock
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass  # already closed


def _describe(error: BaseException) -> str:
    """A short reason for a failed exchange: the OS's words where there are some."""
    if isinstance(error, socket.timeout):
        return "timed out"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    text = str(error).strip().splitlines()
    return text[0][:200] if text else type(error).__name__
