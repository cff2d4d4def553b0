"""Random-weight models with exactly the architectures of the default models, for benchmarks.

Speed does not depend on weight values, so a random model of the right shape times the same as the
real one. Tokenizers are sentencepiece models trained on whatever Chinese and English text is at hand
(the WMT18 sample, the corpus page) and then padded with unused pieces to the exact published
vocabulary size: a few thousand sentences cannot support a 250,112-piece vocabulary, and padding the
ModelProto keeps the embedding and output-projection sizes (which dominate memory and the softmax
cost) identical to the real models. Models are built once into a cache folder.
"""

from __future__ import annotations

import csv
import importlib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from summarise.testing.sentencepiece_training import train_sentencepiece

# Published configs (checked against the hub config.json files):
#   Helsinki-NLP/opus-mt-zh-en: MarianMTModel, d_model 512, 6+6 layers, 8 heads, FFN 2048,
#     vocab 65,001 (pad 65000 = decoder start), swish, static sinusoidal positions, 512 positions.
#   csebuetnlp/mT5_multilingual_XLSum: mT5-base, d_model 768, d_kv 64, 12+12 layers, 12 heads,
#     d_ff 2048, gated-gelu, vocab 250,112, untied lm_head (582M parameters); num_beams 4.


@dataclass(frozen=True)
class MarianShape:
    """The dimensions of a Marian translator."""

    d_model: int = 512
    layers: int = 6
    heads: int = 8
    ffn: int = 2048
    vocab_size: int = 65_001  # includes the trailing <pad>
    max_positions: int = 512


@dataclass(frozen=True)
class MT5Shape:
    """The dimensions of an mT5 summariser."""

    d_model: int = 768
    d_kv: int = 64
    layers: int = 12
    heads: int = 12
    d_ff: int = 2048
    vocab_size: int = 250_112
    spm_pieces: int = 250_100  # mT5's sentencepiece size; the rest of vocab_size is padding rows


OPUS_MT_ZH_EN = MarianShape()
MT5_XLSUM = MT5Shape()


def corpus_texts(csv_path: Path | None, extra: Iterable[str] = ()) -> tuple[list[str], list[str]]:
    """Chinese and English training lines from the WMT18 csv (header `0,1`) plus extra Chinese text."""
    zh: list[str] = [line for text in extra for line in text.splitlines() if line.strip()]
    en: list[str] = []
    if csv_path is not None and csv_path.is_file():
        with csv_path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                zh.append(row["0"])
                en.append(row["1"])
    if not en:
        # Without the WMT file there is no English: a few fixed lines keep the target side trainable.
        en = ["The statement added that the figures rose by more than 4,000 people.",
              "Revenue reached 2.27 billion yuan, up over 95% on the year."] * 20
    return zh, en


def pad_sentencepiece(model: bytes, size: int) -> bytes:
    """Append never-matching pieces (lowest score, private-use characters) until the model has
    exactly `size` pieces, so tokenizer and embedding sizes equal the published model's."""
    pb: Any = importlib.import_module("sentencepiece.sentencepiece_model_pb2")  # generated protobuf

    proto = pb.ModelProto()
    proto.ParseFromString(model)
    have = {p.piece for p in proto.pieces}
    if len(proto.pieces) > size:
        raise ValueError(f"sentencepiece model has {len(proto.pieces)} pieces, more than {size}")
    low = min(p.score for p in proto.pieces) - 10.0
    index = 0
    while len(proto.pieces) < size:
        # Supplementary private-use code points: never in news text, so never chosen by encoding.
        piece = f"\U000f0000{index:06d}"
        index += 1
        if piece in have:
            continue
        entry = proto.pieces.add()
        entry.piece = piece
        entry.score = low
        entry.type = pb.ModelProto.SentencePiece.NORMAL
    return proto.SerializeToString()


def build_marian(out_dir: Path, zh: list[str], en: list[str], shape: MarianShape = OPUS_MT_ZH_EN,
                 *, seed: int = 0) -> Path:
    """A random-weight MarianMTModel + MarianTokenizer folder with `shape`'s exact sizes."""
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    out_dir.mkdir(parents=True, exist_ok=True)
    # Like opus-mt: separate source/target sentencepiece models, one shared vocab.json whose
    # ids are </s>=0, <unk>=1, then pieces, and <pad> last (the decoder start token).
    budget = (shape.vocab_size - 3) // 2
    src = train_sentencepiece(zh, budget, eos_id=0, unk_id=1)
    tgt = train_sentencepiece(en, budget, eos_id=0, unk_id=1)
    (out_dir / "source.spm").write_bytes(src)
    (out_dir / "target.spm").write_bytes(tgt)
    vocab = {"</s>": 0, "<unk>": 1}
    for blob in (src, tgt):
        for piece in _pieces(blob):
            vocab.setdefault(piece, len(vocab))
    filler = 0
    while len(vocab) < shape.vocab_size - 1:
        vocab.setdefault(f"<unused_{filler}>", len(vocab))
        filler += 1
    if len(vocab) > shape.vocab_size - 1:
        raise ValueError(f"{len(vocab)} pieces do not fit a vocabulary of {shape.vocab_size}")
    pad_id = len(vocab)
    vocab["<pad>"] = pad_id
    (out_dir / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tokenizer = MarianTokenizer(
        source_spm=str(out_dir / "source.spm"), target_spm=str(out_dir / "target.spm"),
        vocab=str(out_dir / "vocab.json"), source_lang="zh", target_lang="en",
    )
    tokenizer.save_pretrained(out_dir)

    torch.manual_seed(seed)
    config = MarianConfig(
        vocab_size=shape.vocab_size, decoder_vocab_size=shape.vocab_size,
        d_model=shape.d_model, encoder_layers=shape.layers, decoder_layers=shape.layers,
        encoder_attention_heads=shape.heads, decoder_attention_heads=shape.heads,
        encoder_ffn_dim=shape.ffn, decoder_ffn_dim=shape.ffn, activation_function="swish",
        max_position_embeddings=shape.max_positions, scale_embedding=True,
        share_encoder_decoder_embeddings=True,  # positions are sinusoidal, as in every Marian
        pad_token_id=pad_id, decoder_start_token_id=pad_id, eos_token_id=0, forced_eos_token_id=0,
        bos_token_id=0,
    )
    model = MarianMTModel(config).eval()
    model.generation_config.bad_words_ids = [[pad_id]]
    model.save_pretrained(out_dir)
    return out_dir


def build_mt5(out_dir: Path, zh: list[str], shape: MT5Shape = MT5_XLSUM, *, seed: int = 0) -> Path:
    """A random-weight MT5ForConditionalGeneration + T5Tokenizer folder with `shape`'s exact sizes."""
    import torch
    from transformers import MT5Config, MT5ForConditionalGeneration, T5Tokenizer

    out_dir.mkdir(parents=True, exist_ok=True)
    # mT5 ids: <pad>=0, </s>=1, <unk>=2, then pieces.
    trained = train_sentencepiece(zh, min(shape.spm_pieces, 32_000), pad_id=0, eos_id=1, unk_id=2)
    spiece = pad_sentencepiece(trained, shape.spm_pieces)
    (out_dir / "spiece.model").write_bytes(spiece)
    tokenizer = T5Tokenizer.from_pretrained(out_dir, extra_ids=0)
    tokenizer.save_pretrained(out_dir)

    torch.manual_seed(seed)
    config = MT5Config(
        vocab_size=shape.vocab_size, d_model=shape.d_model, d_kv=shape.d_kv, d_ff=shape.d_ff,
        num_layers=shape.layers, num_decoder_layers=shape.layers, num_heads=shape.heads,
        feed_forward_proj="gated-gelu", tie_word_embeddings=False,
        pad_token_id=0, eos_token_id=1, decoder_start_token_id=0,
    )
    model = MT5ForConditionalGeneration(config).eval()
    # transformers 5 builds every MT5 with lm_head tied to the embeddings, but the published
    # checkpoints have a separate 192M-parameter head (582M parameters in all). Give the head its own
    # weights: saved side by side with different values, they load untied, exactly as the real model.
    head = model.lm_head.weight
    model.lm_head.weight = torch.nn.Parameter(torch.randn_like(head) * float(head.detach().std()))
    model.save_pretrained(out_dir)
    return out_dir


def _pieces(model: bytes) -> list[str]:
    pb: Any = importlib.import_module("sentencepiece.sentencepiece_model_pb2")

    proto = pb.ModelProto()
    proto.ParseFromString(model)
    normal = (pb.ModelProto.SentencePiece.NORMAL, pb.ModelProto.SentencePiece.USER_DEFINED)
    return [p.piece for p in proto.pieces if p.type in normal]


@dataclass(frozen=True)
class BenchModels:
    """Where the benchmark's PyTorch model folders are."""

    summariser: Path
    translator: Path


def ensure_models(cache: Path, csv_path: Path | None, extra: Iterable[str] = (), *,
                  marian: MarianShape = OPUS_MT_ZH_EN, mt5: MT5Shape = MT5_XLSUM) -> BenchModels:
    """Build the two models into `cache` unless a finished build with the same shapes is there."""
    stamp = {"marian": asdict(marian), "mt5": asdict(mt5)}
    root = cache / f"mt5-{mt5.d_model}x{mt5.layers}-marian-{marian.d_model}x{marian.layers}"
    done = root / "built.json"
    models = BenchModels(summariser=root / "mt5", translator=root / "marian")
    if done.is_file() and json.loads(done.read_text()) == stamp:
        return models
    zh, en = corpus_texts(csv_path, extra)
    build_mt5(models.summariser, zh, mt5)
    build_marian(models.translator, zh, en, marian)
    done.write_text(json.dumps(stamp))  # written last: an interrupted build is redone
    return models
