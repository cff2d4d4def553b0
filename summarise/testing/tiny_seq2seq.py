"""Build a tiny real mT5 summariser and a tiny real Marian translator for tests and offline demos.

Both are the real architectures (MT5ForConditionalGeneration, MarianMTModel) with one small layer each and
sentencepiece unigram vocabularies trained in-process on text shipped in `summarise/testing/data/`
(the sample page from corpus/ for Chinese, a short hand-written English text for Marian's target side).
They are saved with save_pretrained, so tests load them through AutoTokenizer/AutoModelForSeq2SeqLM, the
same code users run. The weights are random (fixed seed), so the output is gibberish of the right shape.
"""

from __future__ import annotations

import json
import re
import warnings
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from summarise.testing.sentencepiece_training import train_sentencepiece

SEED = 0
# Bump when the recipe changes, so an old build in a reused folder is rebuilt rather than trusted.
RECIPE_VERSION = "2"
MARKER = "tiny-model.json"
WINDOW = 512  # the real models' window, so chunking logic is exercised exactly as in production


@dataclass(frozen=True)
class TinyModels:
    """Folders holding the tiny summariser and translator (save_pretrained layout)."""

    summariser: Path
    translator: Path


def build(out_dir: Path) -> TinyModels:
    """Build (or reuse, if already built in `out_dir`) the tiny mT5 summariser and Marian translator."""
    out_dir = Path(out_dir)
    built = TinyModels(summariser=out_dir / "tiny-mt5", translator=out_dir / "tiny-marian")
    if not _is_built(built.summariser, "mt5"):
        _build_mt5(built.summariser)
    if not _is_built(built.translator, "marian"):
        _build_marian(built.translator)
    return built


def _is_built(folder: Path, kind: str) -> bool:
    marker = folder / MARKER
    if not marker.is_file():
        return False
    try:
        info = json.loads(marker.read_text(encoding="utf-8"))
    except ValueError:
        return False
    return bool(info == {"kind": kind, "recipe": RECIPE_VERSION})


def _mark_built(folder: Path, kind: str) -> None:
    # Written last: a build killed half-way leaves no marker and is redone next time.
    (folder / MARKER).write_text(json.dumps({"kind": kind, "recipe": RECIPE_VERSION}), encoding="utf-8")


def _data_text(name: str) -> str:
    return resources.files("summarise.testing").joinpath("data", name).read_text(encoding="utf-8")


def _training_lines(text: str) -> list[str]:
    """One sentence per line: sentencepiece trains on lines and skips very long ones."""
    lines: list[str] = []
    for line in text.splitlines():
        lines.extend(part.strip() for part in re.split(r"(?<=[。！？；!?;.])", line) if part.strip())
    return lines


def _train_spm(lines: list[str], vocab_size: int, *, t5_ids: bool) -> bytes:
    """A unigram sentencepiece model for a tiny model, as serialised bytes."""
    # T5/mT5 layout: <pad>=0, </s>=1, <unk>=2, no <s>. Marian: </s>=0, <unk>=1, no <s>; <pad> lives in vocab.json.
    pad_id, eos_id, unk_id = (0, 1, 2) if t5_ids else (-1, 0, 1)
    return train_sentencepiece(lines, vocab_size, pad_id=pad_id, eos_id=eos_id, unk_id=unk_id, bos_id=-1,
                               coverages=(1.0,), seed_sentencepiece_size=100_000)


def _seed() -> None:
    import torch

    torch.manual_seed(SEED)


def _build_mt5(folder: Path) -> None:
    from transformers import GenerationConfig, MT5Config, MT5ForConditionalGeneration, T5Tokenizer

    folder.mkdir(parents=True, exist_ok=True)
    spm_path = folder / "spiece.model"
    spm_path.write_bytes(_train_spm(_training_lines(_data_text("tiny_zh.txt")), 1200, t5_ids=True))
    # from_pretrained converts spiece.model into a fast Unigram tokenizer (constructing directly does not).
    tokenizer = T5Tokenizer.from_pretrained(str(folder), extra_ids=0, model_max_length=WINDOW)
    config = MT5Config(
        vocab_size=len(tokenizer), d_model=32, d_kv=8, d_ff=64, num_layers=1, num_decoder_layers=1,
        num_heads=2, relative_attention_num_buckets=8, feed_forward_proj="gated-gelu",
        tie_word_embeddings=False, pad_token_id=tokenizer.pad_token_id, eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.pad_token_id,
    )
    _seed()
    model = MT5ForConditionalGeneration(config).eval()
    model.generation_config = GenerationConfig(
        max_new_tokens=20, num_beams=1, do_sample=False, no_repeat_ngram_size=2,
        pad_token_id=config.pad_token_id, eos_token_id=config.eos_token_id,
        decoder_start_token_id=config.decoder_start_token_id,
    )
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    _mark_built(folder, "mt5")


def _build_marian(folder: Path) -> None:
    from transformers import GenerationConfig, MarianConfig, MarianMTModel, MarianTokenizer

    folder.mkdir(parents=True, exist_ok=True)
    source = _train_spm(_training_lines(_data_text("tiny_zh.txt")), 1200, t5_ids=False)
    target = _train_spm(_training_lines(_data_text("tiny_en.txt")), 400, t5_ids=False)
    (folder / "source.spm").write_bytes(source)
    (folder / "target.spm").write_bytes(target)
    # One joint vocabulary, as in opus-mt-zh-en: </s>=0, <unk>=1, pieces of both sides, then <pad> last.
    vocab: dict[str, int] = {"</s>": 0, "<unk>": 1}
    target_list = _pieces(target)
    target_pieces = set(target_list)
    for piece in _pieces(source) + target_list:
        vocab.setdefault(piece, len(vocab))
    vocab["<pad>"] = len(vocab)
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False, indent=0), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*sacremoses")  # optional punctuation normaliser
        tokenizer = MarianTokenizer(
            source_spm=str(folder / "source.spm"), target_spm=str(folder / "target.spm"),
            vocab=str(folder / "vocab.json"), source_lang="zh", target_lang="en", model_max_length=WINDOW,
        )
    pad_id = vocab["<pad>"]
    config = MarianConfig(
        vocab_size=len(vocab), d_model=32, encoder_layers=1, decoder_layers=1, encoder_attention_heads=2,
        decoder_attention_heads=2, encoder_ffn_dim=64, decoder_ffn_dim=64, max_position_embeddings=WINDOW,
        pad_token_id=pad_id, eos_token_id=0, decoder_start_token_id=pad_id, forced_eos_token_id=0,
        share_encoder_decoder_embeddings=True, scale_embedding=True,
        # Larger random weights than the default 0.02, so different inputs give different outputs
        # (with 0.02 the decoder all but ignores the encoder) and tests can tell outputs apart.
        init_std=0.5,
    )
    _seed()
    model = MarianMTModel(config).eval()
    model.generation_config = GenerationConfig(
        max_new_tokens=20, num_beams=2, do_sample=False, pad_token_id=pad_id, eos_token_id=0,
        decoder_start_token_id=pad_id, bad_words_ids=[[pad_id]],
        # Only English-side pieces may be generated, so the gibberish at least looks like English text.
        suppress_tokens=sorted(i for piece, i in vocab.items() if piece not in target_pieces and i > 1),
    )
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    _mark_built(folder, "marian")


def _pieces(model_bytes: bytes) -> list[str]:
    """The vocabulary pieces of a serialised sentencepiece model, minus its control symbols."""
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_proto=model_bytes)
    return [
        processor.id_to_piece(i)
        for i in range(processor.get_piece_size())
        if not (processor.is_control(i) or processor.is_unknown(i))
    ]
