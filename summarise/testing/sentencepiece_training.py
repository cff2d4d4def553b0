"""Train a unigram sentencepiece model in memory: the one trainer behind the tiny test models and the
default-size benchmark models."""

from __future__ import annotations

import io

# Chinese has thousands of distinct characters: a small vocabulary may have to leave rare ones to <unk>.
FALLBACK_COVERAGES = (0.9995, 0.995, 0.98, 0.95, 0.9)


def train_sentencepiece(
    lines: list[str],
    vocab_size: int,
    *,
    pad_id: int = -1,
    eos_id: int = 2,
    unk_id: int = 1,
    bos_id: int = -1,
    user_symbols: tuple[str, ...] = (),
    coverages: tuple[float, ...] = FALLBACK_COVERAGES,
    seed_sentencepiece_size: int = 1_000_000,
) -> bytes:
    """A unigram model of at most `vocab_size` pieces (fewer if the text cannot support that many:
    `hard_vocab_limit=False`), as serialized ModelProto bytes. Each character coverage in `coverages`
    is tried in turn until the text has enough characters for it."""
    import sentencepiece as spm

    for coverage in coverages:
        out = io.BytesIO()
        try:
            spm.SentencePieceTrainer.train(
                sentence_iterator=iter(lines), model_writer=out, vocab_size=vocab_size, model_type="unigram",
                character_coverage=coverage, hard_vocab_limit=False, pad_id=pad_id, eos_id=eos_id,
                unk_id=unk_id, bos_id=bos_id, user_defined_symbols=list(user_symbols),
                seed_sentencepiece_size=seed_sentencepiece_size, num_threads=1, minloglevel=2,
            )
        except RuntimeError as error:
            if "required_chars" not in str(error):
                raise
            continue
        return out.getvalue()
    raise ValueError(f"a vocabulary of {vocab_size} pieces is too small for this text")
