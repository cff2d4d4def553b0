"""The article stage: a Page to its Articles (`split`, which leaves out an article the page holds twice:
`repeats`), the sentences inside them (`sentences`), and the ids a batch knows them by (`ids`)."""

from summarise.articles.split import (
    MAX_HEADING_CHARS,
    byline_match,
    is_byline_line,
    is_heading_line,
    split_articles,
)

__all__ = ["MAX_HEADING_CHARS", "byline_match", "is_byline_line", "is_heading_line", "split_articles"]
