"""The same story once: near-duplicate articles (wire copy reprinted across sites) are briefed once.

Two articles are the same story when the Jaccard similarity of their bodies' character 5-gram sets
(whitespace and punctuation removed) is at least `DEFAULT_THRESHOLD`. MinHash signatures in an LSH index
(datasketch) find the candidate pairs without comparing every pair; each candidate is then confirmed on the
exact sets, so the result does not depend on hashing luck. Similar pairs join into groups (transitively);
each group keeps one article, which carries the others as `reprints`, and its brief lists every page.

The threshold is measured on real articles (`benchmarks/reprints.py`, README "Feeds and sitemaps"):
distinct stories score at most 0.04 against each other; the same text read from different page chrome
scores 0.9 and more.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from dataclasses import dataclass, replace

from summarise.batch.items import WorkItem
from summarise.types import Article

DEFAULT_THRESHOLD = 0.5
SHINGLE_CHARS = 5
MIN_SHINGLES = 30  # shorter bodies (a caption, a one-line notice) are never merged: too little to tell
NUM_PERM = 128
_NOT_TEXT_RE = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class ReprintGroup:
    """Articles found to be one story: the id kept and briefed, and the ids merged into it."""

    kept: str
    merged: tuple[str, ...]
    similarity: tuple[float, ...]  # each merged article's Jaccard similarity to the kept one


def shingles(text: str, size: int = SHINGLE_CHARS) -> frozenset[str]:
    """The set of `size`-character pieces of `text`, whitespace and punctuation removed."""
    letters = _NOT_TEXT_RE.sub("", text)
    return frozenset(letters[i : i + size] for i in range(len(letters) - size + 1))


def jaccard(first: frozenset[str], second: frozenset[str]) -> float:
    """|A ∩ B| / |A ∪ B|; 0.0 for two empty sets."""
    union = len(first | second)
    return len(first & second) / union if union else 0.0


def similar_groups(texts: Sequence[str], *, threshold: float = DEFAULT_THRESHOLD) -> list[list[int]]:
    """Groups (of two or more indices into `texts`, ascending) of texts that are near-duplicates."""
    from datasketch import MinHash, MinHashLSH  # imported here: only runs that merge reprints need it

    if not 0 < threshold <= 1:
        raise ValueError(f"the reprint threshold must be in (0, 1], not {threshold}")
    sets = [shingles(text) for text in texts]
    index = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, pieces in enumerate(sets):
        if len(pieces) < MIN_SHINGLES:
            continue
        signature = MinHash(num_perm=NUM_PERM, seed=1)
        signature.update_batch([piece.encode("utf-8") for piece in sorted(pieces)])
        for j in index.query(signature):
            if jaccard(pieces, sets[j]) >= threshold:
                parent[max(root(i), root(j))] = min(root(i), root(j))
        index.insert(i, signature)
    groups: dict[int, list[int]] = {}
    for i in range(len(texts)):
        groups.setdefault(root(i), []).append(i)
    return [members for members in groups.values() if len(members) > 1]


def merge_reprints(
    items: Sequence[WorkItem], *, threshold: float = DEFAULT_THRESHOLD, prefer: Container[str] = ()
) -> tuple[list[WorkItem], list[ReprintGroup]]:
    """`items` with each group of near-duplicate articles replaced by one item that carries the others.

    The kept item is the first of its group whose id is in `prefer` (those already briefed, so a rerun
    keeps the brief it has), else the first in order; it stays where it was. Error items pass through.
    """
    readable = [(position, item) for position, item in enumerate(items) if item.article is not None]
    groups = similar_groups([_text(item.article) for _, item in readable], threshold=threshold)
    replaced: dict[int, WorkItem] = {}
    dropped: set[int] = set()
    found: list[ReprintGroup] = []
    for members in groups:
        group = [readable[i] for i in members]
        position, kept = next(((p, item) for p, item in group if item.id in prefer), group[0])
        others = [(p, item) for p, item in group if p != position]
        article = kept.article
        if article is None:  # never: only readable items are grouped
            continue
        reprints = tuple(item.article for _, item in others if item.article is not None)
        replaced[position] = replace(kept, article=replace(article, reprints=(*article.reprints, *reprints)))
        dropped.update(p for p, _ in others)
        kept_set = shingles(article.body)
        found.append(ReprintGroup(kept.id, tuple(item.id for _, item in others),
                                  tuple(jaccard(kept_set, shingles(_text(item.article))) for _, item in others)))
    merged = [replaced.get(p, item) for p, item in enumerate(items) if p not in dropped]
    return merged, found


def _text(article: Article | None) -> str:
    return article.body if article is not None else ""
