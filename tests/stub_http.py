"""What the tests' stub HTTP servers share: sending one complete reply."""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler


def send_body(handler: BaseHTTPRequestHandler, status: int, data: bytes,
              headers: dict[str, str] | None = None) -> None:
    """Send `data` as a complete JSON reply with `status` and any extra `headers`."""
    handler.send_response(status)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(data)))
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(data)
