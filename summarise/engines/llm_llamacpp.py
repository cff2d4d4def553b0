"""The llama.cpp backend of the LLM engine: a GGUF file run by llama-cpp-python, weights kept quantised.

Transformers dequantises a GGUF file to float32 (a 1.1 GB Q4_K_M model becomes about 6 GB of RAM);
llama.cpp runs the quantised weights directly, several times faster on a CPU. Settings follow the file:
the context length and chat template come from its metadata, threads from the cores this process may
use, and decoding is greedy. llama.cpp runs one sequence at a time, so a batch is a loop; prompts that
share a prefix (the system prompt, the template) reuse its KV cache.
"""

from __future__ import annotations

import functools
import os
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarise.engines.device import resolve_device
from summarise.engines.english_only import llama_vocabulary, masked_token_ids
from summarise.engines.llm_answers import Reply
from summarise.errors import ModelUnavailable, ProcessingError

if TYPE_CHECKING:
    from summarise.engines.llm import ChatSettings

BACKEND = "llama.cpp"
# The KV cache is allocated for the whole context up front (about 0.9 GB at Qwen2.5's 32k for a 1.5B
# model), so the context is the model's trained length capped here; a longer article is shortened with a
# warning by the engine, never silently.
MAX_CONTEXT = 8192


def usable_cores() -> int:
    """The cores this process may run on (its affinity mask, which a container or taskset narrows)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class LlamaCppChat:
    """A GGUF chat model run by llama.cpp, loaded on first use: the `ChatGenerator` the engine calls."""

    def __init__(self, model: str, *, device: str = "auto", max_new_tokens: int = 256,
                 context: int | None = None, threads: int | None = None) -> None:
        self.model_id, self.device_setting, self.max_new_tokens = model, device, max_new_tokens
        self.context, self.threads = context, threads  # None: from the GGUF, from the usable cores
        self._llm: Any = None
        self._template: Any = None  # the GGUF's chat template, None when it has none
        self._device = device
        self._mask: tuple[int, ...] | None = None
        self.usage: Counter[str] = Counter()  # prompt and generated tokens so far, for the benchmarks
        self.amx_avoided = False

    @classmethod
    def from_settings(cls, model: str, settings: ChatSettings) -> LlamaCppChat:
        """The backend for the engine's settings."""
        return cls(model, device=settings.device, max_new_tokens=settings.max_new_tokens)

    # -- loading ---------------------------------------------------------------------------------

    def _load(self) -> Any:
        if self._llm is not None:
            return self._llm
        path = Path(self.model_id).expanduser()
        if not path.is_file():
            raise ModelUnavailable(f"no such GGUF file: {self.model_id} (the llama.cpp backend reads local "
                                   "GGUF files only)")
        try:
            import llama_cpp
            from llama_cpp.llama_chat_format import Jinja2ChatFormatter
        except ImportError as error:
            raise ModelUnavailable(
                f"the llama.cpp backend needs llama-cpp-python: pip install 'summarise[llamacpp]' ({error})"
            ) from None
        device = resolve_device(self.device_setting, llama_cpp.llama_supports_gpu_offload)
        threads = self.threads or usable_cores()
        self.amx_avoided = amx_in_build(llama_cpp)
        try:
            with quiet_stderr(), model_params(llama_cpp, use_extra_bufts=not self.amx_avoided):
                context = self.context or min(_trained_context(llama_cpp, path) or MAX_CONTEXT, MAX_CONTEXT)
                llm = llama_cpp.Llama(
                    model_path=str(path), n_ctx=context, n_threads=threads, n_threads_batch=threads,
                    n_gpu_layers=-1 if device.startswith("cuda") else 0, seed=0, verbose=False,
                )
        except (ValueError, RuntimeError, OSError) as error:
            reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            raise ModelUnavailable(f"llama.cpp cannot load {self.model_id}: {reason}") from None
        template = llm.metadata.get("tokenizer.chat_template")
        if template:
            self._template = Jinja2ChatFormatter(
                template=template, eos_token=_token_text(llm, llm.token_eos()),
                bos_token=_token_text(llm, llm.token_bos()),
            )
        self._llm, self._device, self.threads = llm, device, threads
        return llm

    # -- ChatGenerator ---------------------------------------------------------------------------

    def chat_text(self, prompt: str) -> str:
        """The user message wrapped in the GGUF's own chat template (plain text if it has none)."""
        self._load()
        if self._template is None:
            return prompt
        messages = [{"role": "user", "content": prompt}]
        # enable_thinking=False turns off Qwen3-style reasoning blocks; other templates ignore it.
        return str(self._template(messages=messages, enable_thinking=False).prompt)

    def count_tokens(self, prompt: str) -> int:
        llm = self._load()
        return len(llm.tokenize(self.chat_text(prompt).encode("utf-8"), add_bos=True, special=True))

    def context_limit(self) -> int | None:
        return int(self._load().n_ctx())

    def english_mask(self) -> tuple[int, ...]:
        """The ids of the tokens that would put CJK into an English answer, computed once per model."""
        if self._mask is None:
            import llama_cpp

            self._mask = masked_token_ids(llama_vocabulary(llama_cpp, self._load()._model.vocab))
        return self._mask

    def generate(self, prompts: list[str], *, english_only: bool = False) -> list[str]:
        """One greedy reply per prompt, in order. With `english_only`, a logits processor makes every
        token that holds a CJK character impossible (one numpy assignment per token; llama-cpp-python's
        own `logit_bias` loops over the 32k ids in Python at every token)."""
        llm = self._load()
        processors = [_forbidding(self.english_mask())] if english_only else None
        replies: list[str] = []
        for prompt in prompts:
            try:
                output = llm.create_completion(
                    self.chat_text(prompt), max_tokens=self.max_new_tokens, temperature=0.0,
                    repeat_penalty=1.0, logits_processor=processors,
                )
            except (ValueError, RuntimeError) as error:  # e.g. a prompt past the context, a failed decode
                raise ProcessingError(f"llama.cpp failed while generating: {error}".splitlines()[0]) from None
            choice = output["choices"][0]
            self.usage.update(prompt=output["usage"]["prompt_tokens"], generated=output["usage"]["completion_tokens"])
            replies.append(Reply(str(choice["text"]).strip(), cut_off=choice.get("finish_reason") == "length"))
        return replies

    def describe(self) -> dict[str, Any]:
        path = Path(self.model_id)
        described: dict[str, Any] = {
            "id": self.model_id, "gguf_file": path.name, "revision": None, "backend": BACKEND,
            "device": self._device,
        }
        if self._llm is not None:
            import llama_cpp

            described.update(backend_version=llama_cpp.__version__, threads=self.threads,
                             context=int(self._llm.n_ctx()), weight_repacking=not self.amx_avoided)
        if self._mask is not None:
            described["english_only_tokens"] = len(self._mask)
        return described


def _forbidding(ids: tuple[int, ...]) -> Any:
    """A llama-cpp-python logits processor that sets the scores of `ids` to minus infinity."""
    import numpy as np

    index = np.asarray(ids, dtype=np.intp)

    def forbid(input_ids: Any, scores: Any) -> Any:
        scores[index[index < len(scores)]] = -np.inf
        return scores

    return forbid


def gguf_mask(path: str | Path) -> tuple[int, ...]:
    """The English-only mask of a GGUF file's vocabulary, read without its weights (for a server that
    serves this file), once per file and process."""
    resolved = Path(path).expanduser().resolve()
    stat = resolved.stat()
    return _gguf_mask(str(resolved), stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=4)
def _gguf_mask(path: str, size: int, modified: int) -> tuple[int, ...]:
    del size, modified  # in the cache key only: a file replaced in place is read again
    import llama_cpp

    params = llama_cpp.llama_model_default_params()
    params.vocab_only = True
    with quiet_stderr():
        model = llama_cpp.llama_model_load_from_file(path.encode(), params)
    if not model:
        raise ValueError(f"not a GGUF model file llama.cpp can read: {path}")
    try:
        return masked_token_ids(llama_vocabulary(llama_cpp, llama_cpp.llama_model_get_vocab(model)))
    finally:
        llama_cpp.llama_model_free(model)


def _trained_context(llama_cpp: Any, path: Path) -> int | None:
    """The context length the model was trained with, from the GGUF metadata. Only the vocabulary is
    loaded for it (no weights, no context: a vocabulary-only `Llama` would build a context and crash)."""
    import ctypes

    params = llama_cpp.llama_model_default_params()
    params.vocab_only = True
    model = llama_cpp.llama_model_load_from_file(str(path).encode(), params)
    if not model:
        raise ValueError("not a GGUF model file llama.cpp can read")
    try:
        value = ctypes.create_string_buffer(32)
        architecture = ctypes.create_string_buffer(64)
        if llama_cpp.llama_model_meta_val_str(model, b"general.architecture", architecture, 64) < 0:
            return None
        key = architecture.value + b".context_length"
        if llama_cpp.llama_model_meta_val_str(model, key, value, 32) < 0:
            return None
        return int(value.value) if value.value.isdigit() else None
    finally:
        llama_cpp.llama_model_free(model)


def amx_in_build(llama_cpp: Any) -> bool:
    """True when this llama.cpp build multiplies matrices with AMX (built with -march=native on a CPU
    that has it). Its AMX kernel crashes the process on K-quant models (ggml-org/llama.cpp#20824, open;
    seen here with Q4_K_M), so such a build runs with weight repacking (which includes AMX) turned off:
    slower prefill, no crash."""
    return b"AMX_INT8 = 1" in llama_cpp.llama_print_system_info()


_PARAMS_LOCK = threading.Lock()


@contextmanager
def model_params(llama_cpp: Any, *, use_extra_bufts: bool) -> Iterator[None]:
    """Set a model parameter that `Llama()` does not take as an argument (`use_extra_bufts`): its
    constructor starts from `llama_model_default_params()`, so that function is wrapped while it runs."""
    if use_extra_bufts:
        yield
        return
    module = llama_cpp.llama_cpp
    defaults = module.llama_model_default_params

    def without_extra_buffers() -> Any:
        params = defaults()
        params.use_extra_bufts = False
        return params

    with _PARAMS_LOCK:
        module.llama_model_default_params = without_extra_buffers
        try:
            yield
        finally:
            module.llama_model_default_params = defaults


@contextmanager
def quiet_stderr() -> Iterator[None]:
    """Keep llama.cpp's load-time log (pages of it, and warnings about the file that the user cannot act
    on) off the terminal: the C library writes to file descriptor 2 directly, and llama-cpp-python's log
    callback prints to sys.stderr. Failures still surface as exceptions, which the caller turns into one
    line."""
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "w") as devnull, redirect_stderr(devnull):
            os.dup2(devnull.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _token_text(llm: Any, token: int) -> str:
    return "" if token < 0 else llm.detokenize([token], special=True).decode("utf-8", errors="replace")
