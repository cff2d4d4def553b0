"""English-only decoding through a server: the `logit_bias` that forbids a served model's CJK tokens.

Token ids are the server's, so the mask needs the served model's vocabulary, and an OpenAI-compatible
API has no call that lists it. It is read here when the served model's name is also a model on this
machine: a GGUF file (llama.cpp's servers name a model by the path they were started with), a folder, or
a hub id in the local Hugging Face cache (as vLLM names `Qwen/Qwen2.5-7B-Instruct`). Otherwise (a hosted
model, an alias) there is no mask and the replies are checked by the language guard as before.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import Any

from summarise.engines.english_only import masked_token_ids, tokenizer_vocabulary
from summarise.engines.registry import backend_available

logger = logging.getLogger(__name__)

FORBIDDEN = -100.0  # the OpenAI API's lowest bias: the token is never chosen


@functools.lru_cache(maxsize=4)
def served_logit_bias(model: str) -> dict[str, float]:
    """`{"token id": -100, ...}` for the served `model`'s CJK tokens; {} when its vocabulary is not on
    this machine (never an error: English-only decoding is then off, and says so in the log)."""
    try:
        ids = _local_mask(model)
    except Exception as error:  # noqa: BLE001 - no local vocabulary only means no mask
        logger.info("no local vocabulary for the served model %r (%s): English-only decoding is off",
                    model, str(error).splitlines()[0] if str(error) else type(error).__name__)
        return {}
    return {str(token): FORBIDDEN for token in ids}


def _local_mask(model: str) -> tuple[int, ...]:
    path = Path(model).expanduser()
    is_gguf = model.lower().endswith(".gguf") and path.is_file()
    if is_gguf and backend_available("llama.cpp"):
        from summarise.engines.llm_llamacpp import gguf_mask

        return gguf_mask(path)
    if not is_gguf and not path.is_dir() and not _in_hub_cache(model):
        # Checked first because loading transformers only to learn this costs seconds and ~200 MB.
        raise LookupError("neither a local file or folder nor in the Hugging Face cache")
    return masked_token_ids(tokenizer_vocabulary(_local_tokenizer(path if is_gguf else None, model)))


def _in_hub_cache(model: str) -> bool:
    from huggingface_hub import try_to_load_from_cache

    return any(isinstance(try_to_load_from_cache(model, name), str)
               for name in ("tokenizer.json", "tokenizer_config.json"))


def _local_tokenizer(gguf: Path | None, model: str) -> Any:
    from transformers import AutoTokenizer

    if gguf is not None:
        return AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
    return AutoTokenizer.from_pretrained(model, local_files_only=True)  # never a download
