"""The server backend of the LLM engine: any OpenAI-compatible `/v1/chat/completions` endpoint (vLLM,
llama.cpp's server, Ollama, a hosted API), through the `openai` client.

This is the scale-out path: the server batches concurrent requests continuously (vLLM spans GPUs and
nodes), so a batch's prompts are sent `concurrency` at a time and answers come back in order. The client
retries timeouts, connection errors, 429 and 5xx with exponential backoff (honouring Retry-After). The API
key is passed to the client only; it is never logged, described or written into a brief. English-only
decoding sends `logit_bias` (summarise.engines.served_mask) where this machine has the served model's
vocabulary; a server that rejects it is asked again without, for the rest of the run.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from summarise.engines.llm_answers import Reply
from summarise.errors import ConfigError, ModelUnavailable, ProcessingError

if TYPE_CHECKING:
    from summarise.engines.llm import ChatSettings

logger = logging.getLogger(__name__)
BACKEND = "openai"
MAX_RETRIES = 4  # about 0.5 + 1 + 2 + 4 seconds of backoff before a request is given up
PROBE_TIMEOUT = 10.0
NO_KEY = "none"  # local servers ignore the key, but the client insists on one


class OpenAIChat:
    """Chat completions from an OpenAI-compatible server: the `ChatGenerator` the engine calls."""

    def __init__(self, model: str, *, api_base: str, api_key: str | None = None, max_new_tokens: int = 256,
                 concurrency: int = 4, timeout: float = 300.0, max_retries: int = MAX_RETRIES) -> None:
        if not api_base.startswith(("http://", "https://")):
            raise ConfigError(f"--api-base must be an http(s) URL, not {api_base!r}")
        self.model_id, self.api_base, self.max_new_tokens = model, api_base.rstrip("/"), max_new_tokens
        self.concurrency, self.timeout, self.max_retries = concurrency, timeout, max_retries
        self._api_key = api_key  # kept out of describe(), logs and briefs
        self._client: Any = None
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
        return f"OpenAIChat(model={self.model_id!r}, api_base={_without_credentials(self.api_base)!r})"

    # -- connecting ------------------------------------------------------------------------------

    def _connect(self) -> Any:
        """The client, after one quick request that proves the server answers (exit 3 if it does not)."""
        if self._client is not None:
            return self._client
        try:
            import openai
        except ImportError as error:
            raise ModelUnavailable(
                f"the server backend needs the openai client: pip install 'summarise[openai]' ({error})"
            ) from None
        client = openai.OpenAI(base_url=self.api_base, api_key=self._api_key or NO_KEY,
                               timeout=self.timeout, max_retries=self.max_retries)
        try:
            client.with_options(timeout=PROBE_TIMEOUT, max_retries=1).models.list()
        except openai.APIConnectionError as error:  # refused, DNS, TLS or timed out
            raise ModelUnavailable(f"cannot reach the LLM server at {self.api_base}: {_reason(error)}") from None
        except (openai.AuthenticationError, openai.PermissionDeniedError):
            raise self._key_refused() from None
        except openai.NotFoundError:
            pass  # some servers serve chat completions without a /models listing
        except openai.APIStatusError as error:
            raise ModelUnavailable(
                f"the LLM server at {self.api_base} answered HTTP {error.status_code} to a model listing"
            ) from None
        self._client = client
        return client

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
        client = self._connect()
        english = english_only and bool(self.english_bias())
        with ThreadPoolExecutor(max_workers=min(self.concurrency, len(prompts))) as pool:
            return list(pool.map(lambda prompt: self._complete(client, prompt, english), prompts))

    def english_bias(self) -> dict[str, float]:
        """The `logit_bias` that forbids the served model's CJK tokens ({} where it is unknown here)."""
        if self._logit_bias is None:
            from summarise.engines.served_mask import served_logit_bias

            self._logit_bias = served_logit_bias(self.model_id)
        return self._logit_bias

    def _complete(self, client: Any, prompt: str, english: bool = False) -> Reply:
        import openai

        bias = self._logit_bias if english else None
        try:
            response = client.chat.completions.create(
                model=self.model_id, messages=[{"role": "user", "content": prompt}],
                max_tokens=self.max_new_tokens, temperature=0.0, seed=0, **({"logit_bias": bias} if bias else {}),
            )
        except openai.BadRequestError as error:
            if not bias or "logit_bias" not in str(error).lower():
                raise ProcessingError(f"the LLM server at {self.api_base} answered HTTP 400: {_reason(error)}") from None
            # OpenAI's own API takes at most 300 entries; some servers take none. Ask without, from now on.
            if self._logit_bias:
                logger.warning("the LLM server at %s rejected logit_bias (%s): English-only decoding is off",
                               self.api_base, _reason(error))
            self._logit_bias = {}
            return self._complete(client, prompt)
        except openai.APIConnectionError as error:  # the retries are spent
            raise ModelUnavailable(f"lost the LLM server at {self.api_base}: {_reason(error)}") from None
        except (openai.AuthenticationError, openai.PermissionDeniedError):
            raise self._key_refused() from None
        except openai.NotFoundError:
            raise ModelUnavailable(f"the LLM server at {self.api_base} does not serve model "
                                   f"{self.model_id!r}") from None
        except openai.APIStatusError as error:
            raise ProcessingError(
                f"the LLM server at {self.api_base} answered HTTP {error.status_code}"
                f"{' after retries' if error.status_code == 429 or error.status_code >= 500 else ''}: "
                f"{_reason(error)}"
            ) from None
        if not response.choices:
            return Reply("")
        choice = response.choices[0]
        return Reply(str(choice.message.content or "").strip(), cut_off=choice.finish_reason == "length")

    def describe(self) -> dict[str, Any]:
        return {"id": self.model_id, "gguf_file": None, "revision": None, "backend": BACKEND,
                "english_only_tokens": len(self._logit_bias or {}),
                "api_base": _without_credentials(self.api_base), "concurrency": self.concurrency}


def _reason(error: Exception) -> str:
    """The first line of an error, or of its cause (the client's own message is often generic)."""
    for candidate in (error.__cause__, error):
        text = str(candidate or "").strip()
        if text:
            return text.splitlines()[0][:200]
    return type(error).__name__


def _without_credentials(url: str) -> str:
    """The URL without any user:password@ part, for the brief's signature."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))
