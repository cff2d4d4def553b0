"""English-only decoding: the vocabulary tokens that would put CJK text into an English answer.

A small model asked for English often answers a Chinese article in Chinese, and the language guard then
re-translates the whole answer: a second long generation. Forbidding every token that holds a CJK
character while an English answer is decoded (llama.cpp and transformers through a logits processor,
an OpenAI-compatible server through `logit_bias`) makes the model write English in one pass.

Which tokens: every token whose bytes hold a character of a CJK block (Han ideographs and radicals, CJK
punctuation, kana, bopomofo, Hangul, full-width forms), and every token that ends part-way through a
character whose every possible completion lies in those blocks (the byte-level fallback a BPE vocabulary
spells rare characters with: a lone lead byte 0xE4 can only start a CJK character). Nothing English needs
is in those blocks: ASCII digits and letters, %, Latin letters with accents, the general punctuation
block (U+2000-U+206F: dashes, curly quotes, ellipsis), currency signs and the middle dot all stay, and so
does every control token (end of turn included). A token that begins with continuation bytes (the tail
of a character started earlier) stays too: its start is what the mask forbids.

The set is computed once per model and kept for the life of the process (about 1.5 s for Qwen's 151,936
tokens, of which 26,000-odd are masked).
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterable, Sequence
from typing import Any

# Code point blocks an English answer never needs, as inclusive (first, last) pairs; adjacent blocks are
# merged so that a partial character can be tested against one range.
MASKED_RANGES: tuple[tuple[int, int], ...] = (
    (0x1100, 0x11FF),    # Hangul Jamo
    (0x2E80, 0x9FFF),    # CJK and Kangxi radicals, CJK punctuation (，。、), kana, bopomofo, Hangul
                         # compatibility jamo, enclosed and compatibility CJK, extension A, unified ideographs
    (0xA960, 0xA97F),    # Hangul Jamo Extended-A
    (0xAC00, 0xD7FF),    # Hangul syllables, Jamo Extended-B
    (0xF900, 0xFAFF),    # CJK compatibility ideographs
    (0xFE30, 0xFE4F),    # CJK compatibility forms
    (0xFF00, 0xFFEF),    # full-width and half-width forms (％, １, ：)
    (0x20000, 0x3FFFF),  # ideographs, extensions B to H
)


def masked_code_point(code_point: int) -> bool:
    """Whether an English answer must not hold this character."""
    return any(first <= code_point <= last for first, last in MASKED_RANGES)


def _inside_one_range(first: int, last: int) -> bool:
    return any(low <= first and last <= high for low, high in MASKED_RANGES)


def _sequence_length(lead: int) -> int:
    """The UTF-8 length a lead byte announces; 0 for a continuation or invalid byte."""
    if lead < 0x80:
        return 1
    if 0xC2 <= lead <= 0xDF:
        return 2
    if 0xE0 <= lead <= 0xEF:
        return 3
    if 0xF0 <= lead <= 0xF4:
        return 4
    return 0


def _code_point(sequence: bytes) -> int:
    """The code point of a whole UTF-8 sequence (no validation of overlong forms: none is masked)."""
    head_bits = {1: 0x7F, 2: 0x1F, 3: 0x0F, 4: 0x07}[len(sequence)]
    value = sequence[0] & head_bits
    for byte in sequence[1:]:
        value = (value << 6) | (byte & 0x3F)
    return value


def masks_token(piece: bytes) -> bool:
    """Whether a token with these bytes would put CJK into the answer: it holds a masked character, or
    it ends inside a character every completion of which is masked."""
    index = 0
    while index < len(piece):
        length = _sequence_length(piece[index])
        if length == 0:  # a continuation byte: the tail of a character begun by an earlier token
            index += 1
            continue
        sequence = piece[index : index + length]
        if any(byte & 0xC0 != 0x80 for byte in sequence[1:]):
            index += 1  # not UTF-8 here; the model cannot make a character of it
            continue
        if len(sequence) == length:
            if length > 1 and masked_code_point(_code_point(sequence)):
                return True
            index += length
            continue
        # The token ends inside a character: which characters can the following bytes complete?
        missing = length - len(sequence)
        first = _code_point(sequence + b"\x80" * missing)
        last = _code_point(sequence + b"\xbf" * missing)
        return _inside_one_range(first, last)
    return False


def masked_token_ids(pieces: Iterable[bytes]) -> tuple[int, ...]:
    """The ids (positions in `pieces`, the vocabulary's token bytes in id order) to forbid."""
    return tuple(token for token, piece in enumerate(pieces) if masks_token(piece))


# -- vocabularies ---------------------------------------------------------------------------------


def llama_vocabulary(llama_cpp: Any, vocab: Any) -> list[bytes]:
    """Each token's bytes, in id order, from a llama.cpp vocabulary pointer (control tokens are empty:
    they are rendered without `special`)."""
    count = int(llama_cpp.llama_vocab_n_tokens(vocab))
    size = 64
    buffer = ctypes.create_string_buffer(size)
    pieces = []
    for token in range(count):
        written = llama_cpp.llama_token_to_piece(vocab, token, buffer, size, 0, False)
        if written < 0:  # the buffer was short: -written is the size the piece needs
            size = -written
            buffer = ctypes.create_string_buffer(size)
            written = llama_cpp.llama_token_to_piece(vocab, token, buffer, size, 0, False)
        pieces.append(buffer.raw[: max(written, 0)])
    return pieces


def tokenizer_vocabulary(tokenizer: Any) -> list[bytes]:
    """Each token's bytes, in id order, from a transformers tokenizer: byte-level BPE pieces (GPT-2's
    byte-to-character map, as Qwen's) are mapped back to bytes, SentencePiece byte tokens (`<0xE4>`)
    become their byte, and `▁` a space."""
    from transformers.convert_slow_tokenizer import bytes_to_unicode

    byte_of = {character: byte for byte, character in bytes_to_unicode().items()}
    backend = getattr(tokenizer, "backend_tokenizer", None)
    byte_level = type(getattr(backend, "decoder", None)).__name__ == "ByteLevel"
    special = set(getattr(tokenizer, "all_special_ids", ()))
    tokens = tokenizer.convert_ids_to_tokens(list(range(len(tokenizer))))
    pieces = []
    for token_id, token in enumerate(tokens):
        if token is None or token_id in special:
            pieces.append(b"")
        elif byte_level and all(character in byte_of for character in token):
            pieces.append(bytes(byte_of[character] for character in token))
        elif len(token) == 6 and token.startswith("<0x") and token.endswith(">"):
            pieces.append(bytes([int(token[3:5], 16)]))
        else:
            pieces.append(token.replace("\u2581", " ").encode("utf-8"))
    return pieces


_TOKENIZER_MASKS: dict[int, tuple[Any, tuple[int, ...]]] = {}


def tokenizer_mask(tokenizer: Any) -> tuple[int, ...]:
    """The masked ids of a loaded transformers tokenizer, once per tokenizer object."""
    cached = _TOKENIZER_MASKS.get(id(tokenizer))
    if cached is not None and cached[0] is tokenizer:
        return cached[1]
    ids = masked_token_ids(tokenizer_vocabulary(tokenizer))
    _TOKENIZER_MASKS[id(tokenizer)] = (tokenizer, ids)
    return ids


def bias_map(ids: Sequence[int], bias: float = -100.0) -> dict[str, float]:
    """The `logit_bias` request field for these ids (-100, the OpenAI API's floor, forbids a token)."""
    return {str(token): bias for token in ids}
