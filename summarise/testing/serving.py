"""Running the real service for tests and the load benchmark, on 127.0.0.1 only, and calling it over
HTTP with the standard library: `summarise serve` as a process (`ServerProcess`), or the same app under
uvicorn in a thread with engines the caller chooses (`running`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Answer:
    status: int
    headers: Message
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def call(url: str, method: str = "GET", *, json_body: Any = None, data: bytes | None = None,
         headers: Mapping[str, str] | None = None, timeout: float = 120) -> Answer:
    """One HTTP request; an error status is an Answer too, never an exception."""
    sent = dict(headers or {})
    if json_body is not None:
        data = json.dumps(json_body, ensure_ascii=False).encode("utf-8")
        sent.setdefault("Content-Type", "application/json")
    request = urllib.request.Request(url, data=data, method=method, headers=sent)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Answer(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.headers, error.read())


def multipart(fields: Mapping[str, str | tuple[str, bytes]]) -> tuple[bytes, str]:
    """A multipart/form-data body and its content type: a str is a field, (name, bytes) a file."""
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        if isinstance(value, tuple):
            filename, content = value
            head = (f'Content-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                    "Content-Type: application/octet-stream\r\n\r\n")
            parts.append(f"--{boundary}\r\n{head}".encode() + content + b"\r\n")
        else:
            head = f'Content-Disposition: form-data; name="{name}"\r\n\r\n'
            parts.append(f"--{boundary}\r\n{head}".encode() + value.encode("utf-8") + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def wait_ready(base: str, *, timeout: float, process: subprocess.Popen[bytes] | None = None) -> None:
    """Until /healthz answers 200 (models loaded); a server that exits or never gets ready fails."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            if call(f"{base}/healthz", timeout=5).status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{base} was not ready within {timeout} s")


class ServerProcess:
    """`summarise serve --port 0 ARGS` as a child process; stderr goes to a file the test can read."""

    def __init__(self, args: list[str], log: Path, env: Mapping[str, str] | None = None) -> None:
        self.log = log
        environment = {**os.environ, **(env or {})}
        self._stderr = log.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "summarise", "serve", "--port", "0", *args],
            env=environment, stdout=subprocess.DEVNULL, stderr=self._stderr,
        )
        self.base = self._address(timeout=90)

    def _address(self, *, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.stderr().splitlines():
                if "listening on http://" in line:
                    return line.split("listening on ")[1].split(" ")[0]
            if self.process.poll() is not None:
                raise RuntimeError(f"serve exited with {self.process.returncode}: {self.stderr()}")
            time.sleep(0.1)
        raise TimeoutError(f"serve named no address within {timeout} s: {self.stderr()}")

    def stderr(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self, timeout: float = 30) -> int:
        """SIGTERM, as a service manager stops it; the exit code."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout)
        self._stderr.close()
        return self.process.returncode


@contextmanager
def running(service: Any, *, ready: bool = True) -> Iterator[str]:
    """The app of `service` under uvicorn in a thread, on a free port of 127.0.0.1; yields its base URL."""
    import uvicorn

    from summarise.service.app import create_app
    from summarise.service.server import bind

    sock = bind("127.0.0.1", 0)
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(service), log_level="warning", access_log=False,
                                           lifespan="on", timeout_graceful_shutdown=5))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                raise RuntimeError("the in-process server did not start")
            time.sleep(0.02)
        if ready:
            wait_ready(base, timeout=30)
        yield base
    finally:
        server.should_exit = True
        thread.join(15)
