"""The transformers backend of the LLM engine: a hub id, a local folder or a GGUF file (dequantised to
float32) run by transformers, with batched greedy generation. English-only decoding is a logits processor
that forbids the vocabulary's CJK tokens (summarise.engines.english_only), computed once per loaded model.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarise.engines.english_only import masked_token_ids, tokenizer_vocabulary
from summarise.engines.llm import DEFAULT_MAX_NEW_TOKENS
from summarise.engines.llm_answers import Reply
from summarise.errors import ModelUnavailable, first_line

if TYPE_CHECKING:
    from summarise.engines.llm import ChatSettings

BACKEND = "transformers"


def locate_model(model: str) -> tuple[str, str | None]:
    """`(folder or hub id, gguf file name or None)` for a model argument."""
    if not model.lower().endswith(".gguf"):
        return model, None
    path = Path(model).expanduser()
    if path.is_file():
        return str(path.parent.resolve()), path.name
    repo, _, name = model.rpartition("/")
    if repo.count("/") == 1 and not model.startswith((".", "/", "~")) and not path.parent.exists():
        return repo, name  # "owner/repo/file.gguf" on the hub
    raise ModelUnavailable(f"no such GGUF file: {model}")


class ChatModel:
    """A causal LM and its tokenizer's chat template, loaded on first use; greedy, batched generation."""

    def __init__(self, model: str, *, device: str = "auto", max_new_tokens: int = DEFAULT_MAX_NEW_TOKENS,
                 batch_size: int = 8) -> None:
        self.model_id = model
        self.device_setting = device
        self.max_new_tokens = max_new_tokens
        self.batch_size = batch_size
        self._loaded: tuple[Any, Any, str] | None = None
        self._mask: tuple[int, ...] | None = None

    @classmethod
    def from_settings(cls, model: str, settings: ChatSettings) -> ChatModel:
        """The backend for the engine's settings."""
        return cls(model, device=settings.device, max_new_tokens=settings.max_new_tokens,
                   batch_size=settings.batch_size)

    def _load(self) -> tuple[Any, Any, str]:
        if self._loaded is not None:
            return self._loaded
        source, gguf_file = locate_model(self.model_id)
        if gguf_file is None and Path(source).is_dir() and not (Path(source) / "config.json").is_file():
            raise ModelUnavailable(f"{source} is a folder but holds no model (no config.json)")
        if gguf_file is None and source.startswith((".", "/", "~")) and not Path(source).expanduser().exists():
            raise ModelUnavailable(f"no such model folder: {source}")
        if gguf_file is None and not Path(source).expanduser().exists():
            # A hub id: find it on disk, or fail in seconds with one line, as the seq2seq engines do.
            from summarise.models.registry import locate_hub_model

            remedy = (f"download it on a connected machine (huggingface-cli download {source} --local-dir DIR) "
                      "and pass --model DIR")
            source = str(locate_hub_model(source, "llm", remedy))
        try:
            import torch
            from transformers import AutoModelForCausalLM, AutoTokenizer
        except ImportError as error:
            raise ModelUnavailable(f"the llm engine needs torch and transformers ({error})") from None
        from summarise.engines.device import resolve_device

        device = resolve_device(self.device_setting)
        extra = {"gguf_file": gguf_file} if gguf_file else {}
        try:
            tokenizer = AutoTokenizer.from_pretrained(source, **extra)
            # Half precision only on a GPU; on CPU float32 is both faster and safer.
            dtype = "auto" if device.startswith("cuda") else torch.float32
            model: Any = AutoModelForCausalLM.from_pretrained(source, dtype=dtype, **extra)
            model = model.to(device).eval()
        except ImportError as error:
            raise ModelUnavailable(
                f"loading {self.model_id} needs an optional package: pip install 'summarise[llm]' ({error})"
            ) from None
        except (OSError, ValueError, KeyError) as error:
            reason = first_line(error)
            if gguf_file and "install" in reason:
                reason += " (GGUF support: pip install 'summarise[llm]')"
            raise ModelUnavailable(f"cannot load LLM {self.model_id!r}: {reason}") from None
        tokenizer.padding_side = "left"  # generation continues from the right edge of every row
        if tokenizer.pad_token is None:
            tokenizer.pad_token = tokenizer.eos_token
        self._loaded = (tokenizer, model, device)
        return self._loaded

    def _chat_text(self, tokenizer: Any, prompt: str) -> str:
        if getattr(tokenizer, "chat_template", None):
            messages = [{"role": "user", "content": prompt}]
            # enable_thinking=False turns off Qwen3-style reasoning blocks; other templates ignore it.
            return str(tokenizer.apply_chat_template(messages, add_generation_prompt=True, tokenize=False,
                                                     enable_thinking=False))
        return prompt  # a base model without a template reads the prompt as plain text

    def count_tokens(self, prompt: str) -> int:
        tokenizer, _, _ = self._load()
        return len(tokenizer(self._chat_text(tokenizer, prompt), add_special_tokens=False)["input_ids"])

    def context_limit(self) -> int | None:
        _, model, _ = self._load()
        limit = getattr(model.config, "max_position_embeddings", None)
        return int(limit) if limit else None

    def english_mask(self) -> tuple[int, ...]:
        """The ids of the tokens that would put CJK into an English answer, computed once per model."""
        if self._mask is None:
            tokenizer, _, _ = self._load()
            self._mask = masked_token_ids(tokenizer_vocabulary(tokenizer))
        return self._mask

    def generate(self, prompts: list[str], *, english_only: bool = False) -> list[str]:
        """One greedy reply per prompt, in order; batches are length-sorted to waste little padding. With
        `english_only`, no token that holds a CJK character can be chosen."""
        if not prompts:
            return []
        import torch

        tokenizer, model, device = self._load()
        extra: dict[str, Any] = {}
        if english_only:
            from transformers import LogitsProcessorList

            extra["logits_processor"] = LogitsProcessorList([_Forbid(self.english_mask())])
        texts = [self._chat_text(tokenizer, p) for p in prompts]
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        config = copy.deepcopy(model.generation_config)
        # Greedy whatever the checkpoint's generation_config suggests (Qwen ships sampling settings).
        config.do_sample, config.num_beams = False, 1
        config.temperature = config.top_p = config.top_k = None
        config.max_new_tokens = self.max_new_tokens
        config.pad_token_id = tokenizer.pad_token_id
        replies: list[Reply] = [Reply("")] * len(texts)
        stop_ids = _stop_ids(config, tokenizer)
        with torch.inference_mode():
            for start in range(0, len(order), self.batch_size):
                rows = order[start : start + self.batch_size]
                batch = tokenizer([texts[i] for i in rows], return_tensors="pt", padding=True,
                                  add_special_tokens=False).to(device)
                output = model.generate(**batch, generation_config=config, **extra)
                new_tokens = output[:, batch["input_ids"].shape[1]:]
                for row, tokens in zip(rows, new_tokens):
                    # A row that used its whole budget without an end-of-sequence token was cut off.
                    ended = any(int(t) in stop_ids for t in tokens)
                    replies[row] = Reply(tokenizer.decode(tokens, skip_special_tokens=True).strip(),
                                         cut_off=len(tokens) >= self.max_new_tokens and not ended)
        return list(replies)

    def describe(self) -> dict[str, Any]:
        source, gguf_file = locate_model(self.model_id)
        return {
            "id": source if gguf_file is None else self.model_id,
            "gguf_file": gguf_file,
            "backend": BACKEND,
            # The hub commit the files came from (None for a local folder or file).
            "revision": getattr(self._loaded[1].config, "_commit_hash", None) if self._loaded else None,
            "device": self._loaded[2] if self._loaded else self.device_setting,
            **({"english_only_tokens": len(self._mask)} if self._mask is not None else {}),
        }




def _stop_ids(config: Any, tokenizer: Any) -> set[int]:
    """The token ids that end a reply: the generation config's and the tokenizer's end-of-sequence ids."""
    eos = config.eos_token_id
    ids = set(eos if isinstance(eos, (list, tuple)) else [eos] if eos is not None else [])
    if tokenizer.eos_token_id is not None:
        ids.add(tokenizer.eos_token_id)
    return {int(i) for i in ids}


class _Forbid:
    """A logits processor that makes the given token ids impossible (transformers' LogitsProcessor
    protocol: called with the ids so far and the next-token scores, returns the scores)."""

    def __init__(self, ids: tuple[int, ...]) -> None:
        self.ids = ids
        self._index: Any = None

    def __call__(self, input_ids: Any, scores: Any) -> Any:
        import torch

        if self._index is None or self._index.device != scores.device:
            index = torch.tensor(self.ids, dtype=torch.long, device=scores.device)
            self._index = index[index < scores.shape[-1]]  # a padded head may be wider than the vocabulary
        scores[:, self._index] = float("-inf")
        return scores
