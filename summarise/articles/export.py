"""An article as the JSON object pipelines read: what `summarise articles` prints and the service's
/v1/articles returns, one shape for both."""

from __future__ import annotations

from typing import Any

from summarise.articles.ids import article_id
from summarise.types import Article


def article_record(article: Article) -> dict[str, Any]:
    """One article: id, source, url, headline, subheadline, byline, author, date, offsets, paragraphs (text,
    offsets, kind), warnings, notes and body."""
    return {
        "id": article_id(article),
        "source": article.source,
        "url": article.url,
        "headline": article.headline,
        "subheadline": article.subheadline,
        "byline": article.byline,
        "author": article.author,
        "date": article.date,
        "start": article.start,
        "end": article.end,
        "paragraphs": [
            {"text": p.text, "start": p.start, "end": p.end, "kind": p.kind} for p in article.paragraphs
        ],
        "warnings": list(article.warnings),
        "notes": [note.to_dict() for note in article.notes],
        "body": article.body,
    }
