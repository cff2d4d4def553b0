"""A tiny random-weight Qwen2 chat model, as a save_pretrained folder and as a single GGUF file.

The tokenizer is a byte-level BPE (the same pre-tokenizer and decoder as Qwen2.5) trained on the
corpus text, with ChatML special tokens and a chat template, so the engine's real code path runs:
apply_chat_template, batched generate, decode. The GGUF copy carries the same weights and the
tokenizer as llama.cpp metadata, which transformers reads back with `gguf_file=`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
SEED = 1234
VOCAB_SIZE = 2048
SPECIAL_TOKENS = ("<|endoftext|>", "<|im_start|>", "<|im_end|>")
GGUF_NAME = "tiny-qwen2-f32.gguf"
_MARKER = "tiny_llm.json"  # written last: its presence means the build completed

# ChatML, the format Qwen2.5-Instruct uses; a short version without tool calls.
CHAT_TEMPLATE = (
    "{% for message in messages %}"
    "{{ '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)

# Fallback text so the builder also works from an installed package without the corpus/ folder.
_FALLBACK_TEXT = (
    "2024年全省地区生产总值达到3800亿元,同比增长5.2%。全年新增就业4000多名,粮食产量110万吨。"
    "Qinghai's GDP reached 380 billion yuan, up 5.2% year on year. The headline and summary follow."
)


@dataclass(frozen=True)
class TinyLLM:
    """Where the tiny model was built: a transformers folder and a GGUF file holding the same model."""

    folder: Path
    gguf: Path

    def __str__(self) -> str:
        return f"{self.folder} (GGUF: {self.gguf})"


def build(out_dir: Path, *, force: bool = False) -> TinyLLM:
    """Build the tiny chat model under `out_dir` (idempotent: a finished build is reused)."""
    folder = Path(out_dir) / "tiny-qwen2"
    built = TinyLLM(folder=folder, gguf=folder / GGUF_NAME)
    if (folder / _MARKER).is_file() and built.gguf.is_file() and not force:
        return built
    folder.mkdir(parents=True, exist_ok=True)
    tokenizer = _train_tokenizer()
    model = _random_model(tokenizer)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    _write_gguf(model, tokenizer, built.gguf)
    (folder / _MARKER).write_text(json.dumps({"seed": SEED, "vocab_size": VOCAB_SIZE}), encoding="utf-8")
    return built


def _training_text() -> list[str]:
    files = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
    lines = [line for f in files for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    # English lines too, so the model's vocabulary can spell JSON answers and English words.
    english = ['{"headline": "", "summary": "", "figures": []}', "billion million yuan over about nearly"]
    return (lines or [_FALLBACK_TEXT]) + english


def _train_tokenizer():  # type: ignore[no-untyped-def]
    """A Qwen2Tokenizer whose BPE vocabulary and merges were trained on the corpus."""
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, trainers
    from transformers import Qwen2Tokenizer
    from transformers.models.qwen2.tokenization_qwen2 import PRETOKENIZE_REGEX

    backend = Tokenizer(models.BPE())
    backend.normalizer = normalizers.NFC()
    backend.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(PRETOKENIZE_REGEX), behavior="isolated"),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False),
    ])
    backend.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=VOCAB_SIZE,
        special_tokens=list(SPECIAL_TOKENS),
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),  # every byte stays encodable
        show_progress=False,
    )
    backend.train_from_iterator(_training_text(), trainer=trainer)
    state = json.loads(backend.to_str())["model"]
    merges = [m if isinstance(m, str) else " ".join(m) for m in state["merges"]]
    tokenizer = Qwen2Tokenizer(
        vocab=state["vocab"],
        merges=[tuple(m.split(" ")) for m in merges],
        unk_token=None,
        eos_token="<|im_end|>",
        pad_token="<|endoftext|>",
        chat_template=CHAT_TEMPLATE,
    )
    tokenizer.add_special_tokens(
        {"additional_special_tokens": ["<|im_start|>", "<|im_end|>"]}, replace_extra_special_tokens=False
    )
    return tokenizer


def _random_model(tokenizer):  # type: ignore[no-untyped-def]
    import torch
    from transformers import Qwen2Config, Qwen2ForCausalLM

    config = Qwen2Config(
        vocab_size=len(tokenizer), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
        num_attention_heads=4, num_key_value_heads=2,
        max_position_embeddings=1024,  # small, so long articles exercise the shortening path
        rope_theta=10000.0, rms_norm_eps=1e-6, tie_word_embeddings=False, bos_token_id=None,
        eos_token_id=tokenizer.convert_tokens_to_ids("<|im_end|>"),
        pad_token_id=tokenizer.convert_tokens_to_ids("<|endoftext|>"),
    )
    torch.manual_seed(SEED)
    model = Qwen2ForCausalLM(config).eval()
    model.generation_config.eos_token_id = config.eos_token_id
    model.generation_config.pad_token_id = config.pad_token_id
    return model


def _write_gguf(model, tokenizer, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Write the model as a float32 GGUF, with the tokenizer as llama.cpp metadata keys."""
    import gguf

    config = model.config
    writer = gguf.GGUFWriter(str(path), arch="qwen2")
    writer.add_name("tiny-qwen2")
    writer.add_context_length(config.max_position_embeddings)
    writer.add_embedding_length(config.hidden_size)
    writer.add_feed_forward_length(config.intermediate_size)
    writer.add_block_count(config.num_hidden_layers)
    writer.add_head_count(config.num_attention_heads)
    writer.add_head_count_kv(config.num_key_value_heads)
    writer.add_rope_freq_base(float(config.rope_parameters["rope_theta"]))
    writer.add_layer_norm_rms_eps(config.rms_norm_eps)
    writer.add_vocab_size(config.vocab_size)
    writer.add_file_type(gguf.LlamaFileType.ALL_F32)

    vocab = tokenizer.get_vocab()
    tokens = [token for token, _ in sorted(vocab.items(), key=lambda item: item[1])]
    if [vocab[t] for t in tokens] != list(range(len(tokens))):
        raise RuntimeError("tokenizer ids are not contiguous; cannot write a GGUF vocabulary")
    special = set(SPECIAL_TOKENS)
    writer.add_tokenizer_model("gpt2")  # byte-level BPE, as llama.cpp calls it
    writer.add_tokenizer_pre("qwen2")
    writer.add_token_list(tokens)
    writer.add_token_types([
        gguf.TokenType.CONTROL if t in special else gguf.TokenType.NORMAL for t in tokens
    ])
    backend_model = json.loads(tokenizer.backend_tokenizer.to_str())["model"]
    writer.add_token_merges([m if isinstance(m, str) else " ".join(m) for m in backend_model["merges"]])
    writer.add_eos_token_id(vocab["<|im_end|>"])
    writer.add_pad_token_id(vocab["<|endoftext|>"])
    writer.add_add_bos_token(False)
    writer.add_chat_template(CHAT_TEMPLATE)

    names = gguf.get_tensor_name_map(gguf.MODEL_ARCH.QWEN2, config.num_hidden_layers)
    for hf_name, tensor in model.state_dict().items():
        stem, _, suffix = hf_name.rpartition(".")
        gguf_stem = names.get_name(stem)
        if gguf_stem is None:
            raise RuntimeError(f"no GGUF name for tensor {hf_name}")
        writer.add_tensor(f"{gguf_stem}.{suffix}", tensor.detach().float().numpy())
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
