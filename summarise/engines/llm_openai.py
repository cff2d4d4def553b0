"""The server backend of the LLM engine: any OpenAI-compatible `/v1/chat/completions` endpoint (vLLM,
llama.cpp's server, Ollama, a hosted API), through the `openai` client.

This is the scale-out path: the server batches concurrent requests continuously (vLLM spans GPUs and
nodes), so a batch's prompts are sent `concurrency` at a time and answers come back in order. The client
retries timeouts, connection errors, 429 and 5xx with exponential backoff (honouring Retry-After). The API
key is passed to the client only; it is never logged, described or written into a brief.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from summarise.errors import ConfigError, ModelUnavailable, ProcessingError

if TYPE_CHECKING:
    from summarise.engines.llm import ChatSettings

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

    def generate(self, prompts: list[str]) -> list[str]:
        """One greedy reply per prompt, in order, with at most `concurrency` requests in flight."""
        if not prompts:
            return []
        client = self._connect()
        with ThreadPoolExecutor(max_workers=min(self.concurrency, len(prompts))) as pool:
            return list(pool.map(lambda prompt: self._complete(client, prompt), prompts))

    def _complete(self, client: Any, prompt: str) -> str:
        import openai

        try:
            response = client.chat.completions.create(
                model=self.model_id, messages=[{"role": "user", "content": prompt}],
                max_tokens=self.max_new_tokens, temperature=0.0, seed=0,
            )
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
            return ""
        return str(response.choices[0].message.content or "").strip()

    def describe(self) -> dict[str, Any]:
        return {"id": self.model_id, "gguf_file": None, "revision": None, "backend": BACKEND,
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
