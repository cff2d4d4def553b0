"""The server backend of the LLM engine: any OpenAI-compatible `/v1/chat/completions` endpoint (vLLM,
llama.cpp's server, Ollama, a hosted API).

This is the scale-out path: the server batches concurrent requests continuously (vLLM spans GPUs and
nodes), so a batch's prompts are sent `concurrency` at a time and answers come back in order.

A reply is data, not trust. Each request, retries and the reading of the body included, ends by one
deadline (`timeout`, SUMMARISE_REQUEST_TIMEOUT) and a reply is read no further than MAX_REPLY_BYTES
(engines/bounded_http.py). Connection errors, 408, 409, 429 and 5xx, and a 200 reply without a usable
string `content` are retried with exponential backoff (honouring Retry-After) while the deadline
allows; then the article fails with one line, never as an empty brief. The API key and any credentials in
the URL are redacted from every message and from the reply itself (a server may echo them back).

The requests are made with the standard library rather than the `openai` client: that client's timeouts
bound each socket read, not the request, it retries a timed-out request whole, and it reads a reply of any
size into memory; none of this can be changed from outside it.

English-only decoding sends `logit_bias` (summarise.engines.served_mask) where this machine has the served
model's vocabulary; a server that rejects it (400 naming logit_bias) is asked again without, for the rest
of the run, and the language guard checks the replies as before.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from summarise.engines.bounded_http import ConnectionFailed, DeadlinePassed, Reply, ReplyTooLarge, exchange
from summarise.engines.llm_answers import Reply as ChatReply
from summarise.engines.redaction import Redactor, basic_credentials, without_credentials
from summarise.errors import ConfigError, ModelUnavailable, ProcessingError

if TYPE_CHECKING:
    from summarise.engines.llm import ChatSettings

logger = logging.getLogger(__name__)
BACKEND = "openai"
MAX_RETRIES = 4  # about 0.5 + 1 + 2 + 4 seconds of backoff before a request is given up
PROBE_TIMEOUT = 10.0
MAX_REPLY_BYTES = 1 << 20  # a reply of 256 tokens is a few kB; a megabyte leaves room for any metadata
MAX_BACKOFF = 8.0
MAX_RETRY_AFTER = 60.0
RETRIED_STATUSES = frozenset({408, 409, 429})
REMEMBERED_PROMPTS = 256  # replies kept, so an article retried alone is not asked again


class OpenAIChat:
    """Chat completions from an OpenAI-compatible server: the `ChatGenerator` the engine calls."""

    def __init__(self, model: str, *, api_base: str, api_key: str | None = None, max_new_tokens: int = 256,
                 concurrency: int = 4, timeout: float = 300.0, max_retries: int = MAX_RETRIES) -> None:
        self._redact = Redactor.for_server(api_base, api_key)
        if not api_base.startswith(("http://", "https://")):
            raise ConfigError(f"--api-base must be an http(s) URL, not {self._redact(api_base)!r}")
        self.model_id, self.max_new_tokens = model, max_new_tokens
        self.concurrency, self.timeout, self.max_retries = concurrency, timeout, max_retries
        self._url = without_credentials(api_base.rstrip("/"))  # credentials travel in a header only
        self.api_base = self._url  # what messages and describe() show
        self._headers = _headers(api_base, api_key)  # the key lives here, never in a message or a brief
        self._checked = False
        self._lock = threading.Lock()
        self._answers: OrderedDict[tuple[str, bool], ChatReply | ProcessingError] = OrderedDict()
        self._logit_bias: dict[str, float] | None = None  # English-only mask; {} when there is none

    @classmethod
    def from_settings(cls, model: str, settings: ChatSettings) -> OpenAIChat:
        """The backend for the engine's settings."""
        if not settings.api_base:
            raise ConfigError("the openai backend needs a server: pass --api-base URL or set SUMMARISE_API_BASE")
        return cls(model, api_base=settings.api_base, api_key=settings.api_key,
                   max_new_tokens=settings.max_new_tokens, concurrency=settings.concurrency,
                   timeout=settings.timeout)

    def __repr__(self) -> str:  # no key in reprs, tracebacks or logs
        return f"OpenAIChat(model={self.model_id!r}, api_base={self.api_base!r})"

    # -- connecting ------------------------------------------------------------------------------

    def _connect(self) -> None:
        """One quick request that proves the server answers (exit 3 if it does not)."""
        if self._checked:
            return
        deadline = time.monotonic() + PROBE_TIMEOUT
        reply: Reply | None = None
        for attempt in range(2):
            try:
                reply = exchange("GET", f"{self._url}/models", body=None, headers=self._headers,
                                 deadline=deadline, max_bytes=MAX_REPLY_BYTES)
                break
            except ReplyTooLarge:
                break  # it answered; the listing is not used
            except DeadlinePassed:
                raise ModelUnavailable(f"cannot reach the LLM server at {self.api_base}: no answer within "
                                       f"{PROBE_TIMEOUT:g} s") from None
            except ConnectionFailed as error:
                if attempt or time.monotonic() + 0.5 >= deadline:
                    raise ModelUnavailable(f"cannot reach the LLM server at {self.api_base}: "
                                           f"{self._text(str(error))}") from None
                time.sleep(0.5)
        if reply is not None and reply.status in (401, 403):
            raise self._key_refused()
        if reply is not None and reply.status >= 300 and reply.status != 404:  # 404: no /models listing
            raise ModelUnavailable(f"the LLM server at {self.api_base} answered HTTP {reply.status} to a "
                                   f"model listing")
        self._checked = True

    def _key_refused(self) -> ModelUnavailable:
        return ModelUnavailable(f"the LLM server at {self.api_base} refused the API key (set SUMMARISE_API_KEY)")

    # -- ChatGenerator ---------------------------------------------------------------------------

    def count_tokens(self, prompt: str) -> int:
        # The server holds the tokenizer; with no context limit known, the engine never asks.
        raise NotImplementedError("the server backend does not count tokens locally")

    def context_limit(self) -> int | None:
        return None  # unknown here: a prompt too long for the server fails with a clear message

    def generate(self, prompts: list[str], *, english_only: bool = False) -> list[str]:
        """One greedy reply per prompt, in order, with at most `concurrency` requests in flight; with
        `english_only`, CJK tokens forbidden through `logit_bias` where the mask is known."""
        if not prompts:
            return []
        self._connect()
        english = english_only and bool(self.english_bias())
        with ThreadPoolExecutor(max_workers=min(self.concurrency, len(prompts))) as pool:
            return list(pool.map(lambda prompt: self._remembered(prompt, english), prompts))

    def english_bias(self) -> dict[str, float]:
        """The `logit_bias` that forbids the served model's CJK tokens ({} where it is unknown here)."""
        if self._logit_bias is None:
            from summarise.engines.served_mask import served_logit_bias

            self._logit_bias = served_logit_bias(self.model_id)
        return self._logit_bias

    def _remembered(self, prompt: str, english: bool) -> ChatReply:
        """The reply to `prompt`, asked once: greedy decoding gives the same answer again, and an article
        retried alone after its batch failed (batch.brief_isolated) must not wait out a slow server twice."""
        key = (prompt, english)
        with self._lock:
            known = self._answers.get(key)
        if known is None:
            try:
                known = self._complete(prompt, english)
            except ProcessingError as error:
                known = error
            with self._lock:
                self._answers[key] = known
                while len(self._answers) > REMEMBERED_PROMPTS:
                    self._answers.popitem(last=False)
        if isinstance(known, ProcessingError):
            raise ProcessingError(str(known))
        return known

    def _complete(self, prompt: str, english: bool = False) -> ChatReply:
        """One request, retried while the deadline allows; the reply's content, secrets redacted."""
        request: dict[str, Any] = {"model": self.model_id, "messages": [{"role": "user", "content": prompt}],
                                   "max_tokens": self.max_new_tokens, "temperature": 0.0, "seed": 0,
                                   "stream": False}
        bias = self._logit_bias if english else None
        body = json.dumps({**request, "logit_bias": bias} if bias else request).encode("utf-8")
        deadline = time.monotonic() + self.timeout
        problem, detail, lost, tries = "", "", False, 0
        for attempt in range(self.max_retries + 1):
            tries = attempt + 1
            try:
                reply = exchange("POST", f"{self._url}/chat/completions", body=body, headers=self._headers,
                                 deadline=deadline, max_bytes=MAX_REPLY_BYTES)
            except DeadlinePassed:
                raise ProcessingError(f"the LLM server at {self.api_base} sent no complete reply within "
                                      f"{self.timeout:g} s (SUMMARISE_REQUEST_TIMEOUT)") from None
            except ReplyTooLarge as error:
                raise ProcessingError(f"the LLM server at {self.api_base} sent {error}, over the "
                                      f"{MAX_REPLY_BYTES:,}-byte cap on a reply") from None
            except ConnectionFailed as error:
                lost, problem, detail, wait = True, "", self._text(str(error)), None
            else:
                lost = False
                if reply.status == 200:
                    content, why = self._content(reply.body)
                    if content is not None:
                        return content
                    problem, detail, wait = "answered without a usable reply", why, _retry_after(reply)
                elif bias and reply.status == 400 and "logit_bias" in self._reason(reply.body).lower():
                    # OpenAI's own API takes at most 300 entries; some servers take none. Ask without, from now on.
                    if self._logit_bias:
                        logger.warning("the LLM server at %s rejected logit_bias (%s): English-only decoding is off",
                                       self.api_base, self._reason(reply.body))
                    self._logit_bias = {}
                    return self._complete(prompt)
                else:
                    self._refuse(reply)
                    problem, detail = f"answered HTTP {reply.status}", self._reason(reply.body)
                    wait = _retry_after(reply)
            if attempt == self.max_retries or not _pause(attempt, wait, deadline):
                break
        if lost:
            raise ModelUnavailable(f"lost the LLM server at {self.api_base}: {detail}")
        retried = f" after retries ({tries} tries)" if tries > 1 else ""
        raise ProcessingError(f"the LLM server at {self.api_base} {problem}{retried}: {detail}")

    def _refuse(self, reply: Reply) -> None:
        """Raise at once for a status no retry can mend; return for the ones worth retrying."""
        if reply.status in (401, 403):
            raise self._key_refused()
        if reply.status == 404:
            raise ModelUnavailable(f"the LLM server at {self.api_base} does not serve model {self.model_id!r}")
        if reply.status in RETRIED_STATUSES or reply.status >= 500:
            return
        raise ProcessingError(f"the LLM server at {self.api_base} answered HTTP {reply.status}: "
                              f"{self._reason(reply.body)}")

    def _content(self, body: bytes) -> tuple[ChatReply | None, str]:
        """The reply's `choices[0].message.content` with secrets redacted (cut off when its finish_reason is
        "length"), or None and why there is none."""
        try:
            document = json.loads(body)
        except (ValueError, RecursionError):
            return None, "not JSON"
        if isinstance(document, dict) and "error" in document and not document.get("choices"):
            return None, f"an error: {self._reason(body)}"
        choices = document.get("choices") if isinstance(document, dict) else None
        if not isinstance(choices, list) or not choices:
            return None, "no choices"
        message = choices[0].get("message") if isinstance(choices[0], dict) else None
        content = message.get("content") if isinstance(message, dict) else None
        if not isinstance(content, str):
            return None, f"its content is {type(content).__name__}, not text"
        cut_off = isinstance(choices[0], dict) and choices[0].get("finish_reason") == "length"
        return ChatReply(self._redact(content), cut_off=cut_off), ""

    def _reason(self, body: bytes) -> str:
        """What an error body says: its `error.message` (or the body's first line), short and redacted."""
        try:
            document = json.loads(body)
        except (ValueError, RecursionError):
            document = None
        error = document.get("error") if isinstance(document, dict) else None
        message = error.get("message") if isinstance(error, dict) else error
        if not isinstance(message, str):
            message = body.decode("utf-8", "replace")
        return self._text(message) or "no reason given"

    def _text(self, text: str) -> str:
        """Server-given text fit for one line of ours: first line, 200 characters, printable, redacted."""
        from summarise.output.render import printable

        line = next((line for line in self._redact(text).splitlines() if line.strip()), "").strip()
        return printable(line[:200])

    def describe(self) -> dict[str, Any]:
        return {"id": self.model_id, "gguf_file": None, "revision": None, "backend": BACKEND,
                "english_only_tokens": len(self._logit_bias or {}),
                "api_base": self.api_base, "concurrency": self.concurrency}


def _headers(api_base: str, api_key: str | None) -> dict[str, str]:
    from urllib.parse import unquote, urlsplit

    from summarise import __version__

    headers = {"Content-Type": "application/json", "Accept": "application/json",
               "User-Agent": f"summarise/{__version__}"}
    parts = urlsplit(api_base)
    if api_key:
        headers["Authorization"] = f"Bearer {api_key}"
    elif parts.username is not None:
        token = basic_credentials(unquote(parts.username), unquote(parts.password or ""))
        headers["Authorization"] = f"Basic {token}"
    return headers


def _retry_after(reply: Reply) -> float | None:
    """The wait a 429 or 503 asks for (retry-after-ms or retry-after seconds), if it is a sane one."""
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        try:
            wait = float(reply.headers.get(name, "")) * scale
        except ValueError:
            continue
        if 0 <= wait <= MAX_RETRY_AFTER:
            return wait
    return None


def _pause(attempt: int, wait: float | None, deadline: float) -> bool:
    """Sleep before the next try (the server's wait, else exponential backoff); False when the deadline
    would pass first, so the request is given up now."""
    pause = wait if wait is not None else min(0.5 * 2**attempt, MAX_BACKOFF)
    if time.monotonic() + pause >= deadline:
        return False
    time.sleep(pause)
    return True
