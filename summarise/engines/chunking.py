"""Token-budget chunking and batching shared by the seq2seq engines (torch and CTranslate2).

mT5 and Marian see at most 512 tokens. A longer input is cut at sentence boundaries (never inside a
number: see summarise.articles.sentences), an over-long sentence at clause boundaries (，、：), and only as a
last resort between two characters that are not part of a number. Chunks are exact slices of the
input, so nothing is dropped or rewritten. These helpers need only a tokenizer, not torch.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import Any

from summarise.articles.sentences import sentence_spans

Span = tuple[int, int]

_CLAUSE_END = re.compile(r"[，,、：:]+|\s+")
# Characters that may belong to a figure (22.7亿元, 3.5%, 1,200): never cut between two of them.
_NUMBERISH = re.compile(r"[\d.,%％．０-９]")
_UNBOUNDED = 100_000  # tokenizers without a limit report model_max_length as a huge number


def token_counts(tokenizer: Any, texts: Sequence[str]) -> list[int]:
    """Content tokens in each text (special tokens excluded), in one tokenizer call."""
    if not texts:
        return []
    return [len(ids) for ids in tokenizer(list(texts), add_special_tokens=False, verbose=False)["input_ids"]]


def special_token_count(tokenizer: Any) -> int:
    """How many special tokens (e.g. </s>) the tokenizer adds to one sequence."""
    return int(tokenizer.num_special_tokens_to_add(pair=False))


def model_window(tokenizer: Any, *limits: int | None, default: int = 512) -> int:
    """The input window: the smallest of the tokenizer's model_max_length and any known limits."""
    known = [int(n) for n in (tokenizer.model_max_length, *limits) if n and 0 < int(n) < _UNBOUNDED]
    return min(known) if known else default


def chunk_by_tokens(tokenizer: Any, text: str, limit: int) -> list[str]:
    """Cut `text` into consecutive slices of at most `limit` content tokens, at sentence boundaries first."""
    return [text[start:end] for start, end in chunk_spans(tokenizer, text, limit)]


def chunk_spans(tokenizer: Any, text: str, limit: int) -> list[Span]:
    """(start, end) of each chunk of `text`; see chunk_by_tokens."""
    if limit < 1:
        raise ValueError(f"chunk limit must be positive, not {limit}")
    pieces = _fit_pieces(tokenizer, text, sentence_spans(text), limit)
    return _pack_checked(tokenizer, text, pieces, limit)


def length_sorted_batches(
    lengths: Sequence[int], batch_size: int, max_tokens: int | None = None
) -> list[list[int]]:
    """Indices grouped into batches of similar length (longest first), so padding is small.

    With `max_tokens`, a batch also ends before its padded size (members x longest) would pass that
    budget, which bounds a generate call's memory; an input longer than the budget goes alone."""
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    batches: list[list[int]] = []
    for index in order:
        current = batches[-1] if batches else []
        grown = (len(current) + 1) * lengths[current[0]] if current else 0  # padded to the longest, first
        if current and len(current) < batch_size and (max_tokens is None or grown <= max_tokens):
            current.append(index)
        else:
            batches.append([index])
    return batches


MAX_REDUCE_ROUNDS = 4


def summarise_chunked(
    texts: Sequence[str],
    run_chunked: Callable[[list[str]], list[list[str]]],
    too_long: Callable[[str], bool],
) -> list[str]:
    """Map-reduce summarisation shared by every seq2seq engine: `run_chunked` summarises each text,
    one output per window-sized chunk; chunk summaries that together are still longer than one summary
    (`too_long`) are summarised again, while each round shortens the text, so this always ends."""
    summaries = [""] * len(texts)
    pending = list(range(len(texts)))
    current = list(texts)
    for _ in range(MAX_REDUCE_ROUNDS):
        if not pending:
            break
        outputs = run_chunked([current[i] for i in pending])
        still_long: list[int] = []
        for index, parts in zip(pending, outputs, strict=True):
            joined = "".join(parts)
            summaries[index] = joined
            if len(parts) > 1 and too_long(joined) and len(joined) < len(current[index]):
                current[index] = joined
                still_long.append(index)
        pending = still_long
    return summaries


def _fit_pieces(tokenizer: Any, text: str, spans: list[Span], limit: int) -> list[tuple[Span, int]]:
    """Spans with their token counts, each split further until it fits `limit` on its own."""
    counts = token_counts(tokenizer, [text[s:e] for s, e in spans])
    fitted: list[tuple[Span, int]] = []
    for span, count in zip(spans, counts):
        if count <= limit:
            fitted.append((span, count))
            continue
        smaller = _clause_spans(text, span)
        if len(smaller) == 1:
            smaller = _halves(text, span)
        if len(smaller) == 1:  # one character that is itself over the limit: keep it whole
            fitted.append((span, count))
            continue
        fitted.extend(_fit_pieces(tokenizer, text, smaller, limit))
    return fitted


def _pack_checked(tokenizer: Any, text: str, pieces: list[tuple[Span, int]], limit: int) -> list[Span]:
    """Greedy packing by summed counts, then a check of each packed chunk's real count."""
    groups: list[list[tuple[Span, int]]] = []
    total = 0
    for piece in pieces:
        if groups and total + piece[1] <= limit:
            groups[-1].append(piece)
            total += piece[1]
        else:
            groups.append([piece])
            total = piece[1]
    spans = [(group[0][0][0], group[-1][0][1]) for group in groups]
    real = token_counts(tokenizer, [text[s:e] for s, e in spans])
    checked: list[Span] = []
    for group, span, count in zip(groups, spans, real):
        # Joined text can tokenise a little differently from its parts; re-pack the rare overflow.
        if count > limit and len(group) > 1:
            half = len(group) // 2
            checked.extend(_pack_checked(tokenizer, text, group[:half], limit))
            checked.extend(_pack_checked(tokenizer, text, group[half:], limit))
        else:
            checked.append(span)
    return checked


def _clause_spans(text: str, span: Span) -> list[Span]:
    start, end = span
    cuts = [
        m.end()
        for m in _CLAUSE_END.finditer(text, start, end)
        # "1,200", "10:30" and "1 200" are figures, not clauses: no cut between two digits.
        if start < m.end() < end
        and not (text[m.start() - 1 : m.start()].isdigit() and text[m.end()].isdigit())
    ]
    bounds = [start, *cuts, end]
    return [(a, b) for a, b in pairwise(bounds) if text[a:b].strip()]


def _halves(text: str, span: Span) -> list[Span]:
    start, end = span
    if end - start < 2:
        return [span]
    middle = (start + end) // 2

    def inside_number(cut: int) -> bool:
        return bool(_NUMBERISH.match(text[cut - 1]) and _NUMBERISH.match(text[cut]))

    # The clean cut nearest the middle that does not separate two number characters (22.7亿 stays
    # whole); a span that is one long number has none, and is cut in the middle rather than dropped.
    clean = [c for c in range(start + 1, end) if not inside_number(c)]
    cut = min(clean, key=lambda c: (abs(c - middle), c)) if clean else middle
    return [(start, cut), (cut, end)]
