"""The stages the service runs without a model: how a document splits into articles, and its figures.

Article stages read the request's document exactly as /v1/briefs does and answer one record per article,
so a new one is one entry in `ARTICLE_STAGES`: the app gives it a route, `/v1/{name}`, with the same
inputs, limits, errors and OpenAPI documentation.

`names` runs the names stage (summarise.names) on each article.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from summarise.articles.export import article_record
from summarise.articles.ids import article_id
from summarise.errors import EmptyInput, NoChineseText
from summarise.figures import extract_figures
from summarise.names import extract_names
from summarise.reading.decode import decode_text
from summarise.reading.layout import HAN_RE
from summarise.service.inputs import UploadInput
from summarise.service.schemas import ArticlesOut, NamesOut
from summarise.types import Article


@dataclass(frozen=True)
class ArticleStage:
    """A stage with no model, run on each article of the request's document."""

    summary: str  # the route's one-line description in the OpenAPI docs
    record: Callable[[Article], dict[str, Any]]  # one article's JSON
    response_model: type[BaseModel]  # {"articles": [record...], "errors": [...]}, for the docs


def names_record(article: Article) -> dict[str, Any]:
    """One article's names: its id, source, headline and each name (text, kind, english, span, source).
    A name read only from the headline has no span here: the stage sees the article, not the page."""
    return {"id": article_id(article), "source": article.source, "headline": article.headline,
            "names": [name.to_dict() for name in extract_names(article)]}


ARTICLE_STAGES: dict[str, ArticleStage] = {
    "articles": ArticleStage("How a document splits into articles, as `summarise articles` prints it.",
                             article_record, ArticlesOut),
    "names": ArticleStage("Each article's person, place and organisation names with their English forms, "
                          "as `summarise names` finds them.", names_record, NamesOut),
}



def figure_lines(given: str | UploadInput, *, max_bytes: int) -> list[dict[str, Any]]:
    """The figures of each line, as `summarise figures` prints them: {"line": n, "figures": [...]}.
    An uploaded file is decoded as a file given to the command is (any supported encoding)."""
    if isinstance(given, UploadInput):
        source = given.name
        text = decode_text(given.data, source=source, max_bytes=max_bytes).text.lstrip("\ufeff")
    else:
        source, text = "text", given
    if not text.strip():
        raise EmptyInput(f"{source}: empty input, no text to read figures from")
    if not HAN_RE.search(text):
        raise NoChineseText(f"{source}: no Chinese text found; figures reads Chinese news text")
    lines = (line.rstrip("\r") for line in text.removesuffix("\n").split("\n"))
    return [{"line": number, "figures": [figure.to_dict() for figure in extract_figures(line)]}
            for number, line in enumerate(lines, 1)]
