"""Article ids and resume slots: the one module that writes the id format, and the only one that reads it.

An article from a JSONL record is known by the record's own id. An article read from a path is known by
"PATH#INDEX-HASH": its source, its place on the page and 10 hex digits of its content hash. "PATH#INDEX"
is its *slot*: when the file changes, the new brief takes the old one's slot, so a resumed batch
re-briefs the article instead of keeping both.
"""

from __future__ import annotations

import hashlib
import re

from summarise.types import Article

_HASH_DIGITS = 10
_PATH_ID_RE = re.compile(rf"^(?P<slot>.*#\d+)-[0-9a-f]{{{_HASH_DIGITS}}}$")


def article_sha256(article: Article) -> str:
    """Hash of what the models read: the headline and the body, so a changed source is noticed."""
    data = f"{article.headline or ''}\n{article.subheadline or ''}\n{article.body}".encode()
    return hashlib.sha256(data).hexdigest()


def article_slot(article: Article) -> str | None:
    """The slot of an article read from a path ("PATH#INDEX"); None for a record, whose id is its key."""
    if article.record_id:
        return None
    return f"{article.source}#{article.index}"


def article_id(article: Article, sha256: str | None = None) -> str:
    """A stable id: the record's own id, else the article's slot and a content hash."""
    if article.record_id:
        return article.record_id if article.index == 0 else f"{article.record_id}#{article.index}"
    digest = (sha256 or article_sha256(article))[:_HASH_DIGITS]
    return f"{article_slot(article)}-{digest}"


def id_slot(item_id: str) -> str:
    """The slot a written id names: a path-based id without its content hash, else the id itself.

    Only for ids read back from a results file, which carries no separate slot; a live article's slot
    is `article_slot`.
    """
    match = _PATH_ID_RE.match(item_id)
    return match["slot"] if match else item_id
