"""The same article twice on one page: compiled PDFs print an article once for each page of the paper it
ran on, and a pasted page can hold one twice. Briefing it twice is wasted work and a misleading digest.

Two articles are the same when their headlines match and one's text, white space aside, is the other's or
begins it (a copy cut short at the end of a file). The longer one is kept, in the first one's place, with
a note saying where the repeat was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from summarise.types import Article, Note


def drop_repeats(articles: Sequence[Article]) -> list[Article]:
    """The articles with every repeat left out, renumbered in page order."""
    if len(articles) < 2:
        return list(articles)
    kept: list[Article] = []
    seen: dict[str, int] = {}  # headline (or a headline-less article's text hash) -> position in kept
    for article in articles:
        key = _squeezed(article.headline or "") or f"#{hash(_squeezed(article.body))}"
        position = seen.get(key)
        if position is None:
            seen[key] = len(kept)
            kept.append(article)
            continue
        text = _squeezed(article.body)  # read only for a candidate repeat: a long page holds few
        earlier = kept[position]
        earlier_text = _squeezed(earlier.body)
        if not text:
            kept.append(article)
        elif earlier_text.startswith(text):
            kept[position] = _noted(earlier, article)
        elif text.startswith(earlier_text):
            kept[position] = _noted(replace(article, index=earlier.index), earlier)
        else:
            kept.append(article)  # same headline, another article (a recurring column title)
    return [replace(article, index=index) for index, article in enumerate(kept)]


def _noted(kept: Article, repeat: Article) -> Article:
    message = (f"the page holds this article twice; the repeat at offsets {repeat.start}-{repeat.end} "
               f"was left out")
    return replace(kept, notes=(*kept.notes, Note("article-repeated", message, repeat.start, repeat.start)))


def _squeezed(text: str) -> str:
    return "".join(text.split())
