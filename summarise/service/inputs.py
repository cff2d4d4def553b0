"""What a request asks about, read from its body, and then read as pages and articles.

A body is JSON (`{"text"}`, `{"url"}` or `{"records": [...]}`), a form (fields `text`, `url` or `file`:
the web page, `curl -F file=@page.pdf`), or any other content type, which is the document itself
(`curl --data-binary @page.html -H 'Content-Type: text/html'`). Reading pages is the readers' work,
exactly as for a file on the command line; it is blocking, so the app runs it in a worker thread.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from pydantic import BaseModel, ValidationError
from starlette.datastructures import UploadFile
from starlette.requests import Request

from summarise.articles import split_articles
from summarise.errors import InputError, InputTooLarge
from summarise.files import too_large
from summarise.reading.normalise import page_from_text
from summarise.reading.readers import pages_from_bytes
from summarise.reading.records import BadRecord, parse_record
from summarise.service.errors import bad_request
from summarise.service.schemas import DocumentIn, FiguresIn
from summarise.service.urls import pages_from_url
from summarise.types import Article, Page

# A raw body's content type names the file it would be, so the readers choose as they do for a file.
_UPLOAD_NAMES = {
    "text/html": "upload.html", "application/xhtml+xml": "upload.html", "application/pdf": "upload.pdf",
    "application/x-ndjson": "upload.jsonl", "application/jsonl": "upload.jsonl",
    "application/x-jsonlines": "upload.jsonl", "text/plain": "upload.txt",
}
_FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
M = TypeVar("M", bound=BaseModel)
TEXT_SOURCE = "<text>"  # how briefs of a text input name their source, as "<stdin>" for the CLI


@dataclass(frozen=True)
class TextInput:
    text: str


@dataclass(frozen=True)
class UrlInput:
    url: str


@dataclass(frozen=True)
class RecordsInput:
    records: tuple[str, ...]  # each record as one JSON object, as a JSONL line holds it


@dataclass(frozen=True)
class UploadInput:
    data: bytes
    name: str  # the file's name, or one made from the content type: it helps choose the reader


DocumentInput = TextInput | UrlInput | RecordsInput | UploadInput


@dataclass(frozen=True)
class Failure:
    """Something in the input that gave no result: a record or line that cannot be read, or an article
    the models failed on. `source` names the input, `reason` says what (naming the line where known)."""

    source: str
    reason: str
    headline: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {"source": self.source, "headline": self.headline, "reason": self.reason}


@dataclass(frozen=True)
class Split:
    """The articles of a request's document, and what could not be read."""

    articles: tuple[Article, ...]
    failures: tuple[Failure, ...]
    source: str  # how failures name the document


def content_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def is_json(kind: str) -> bool:
    return kind == "application/json" or kind.endswith("+json")


async def read_document(request: Request, *, max_bytes: int) -> DocumentInput:
    """The document a request's body gives, in any of the three body forms."""
    kind = content_type(request)
    if is_json(kind):
        document = validated(DocumentIn, await request.body())
        if document.text is not None:
            return TextInput(document.text)
        if document.url is not None:
            return UrlInput(document.url)
        return RecordsInput(tuple(json.dumps(r.model_dump(), ensure_ascii=False) for r in document.records or ()))
    if kind in _FORM_TYPES:
        return await _form_document(request, max_bytes=max_bytes)
    data = await request.body()
    if not data:
        raise bad_request('empty body: send JSON {"text": ...}, a form with a file, or the document itself')
    return UploadInput(data, _UPLOAD_NAMES.get(kind, "upload"))


async def read_figures_text(request: Request, *, max_bytes: int) -> str | UploadInput:
    """The text `/v1/figures` reads: JSON `{"text"}`, or a text document as the body or a form's file."""
    kind = content_type(request)
    if is_json(kind):
        return validated(FiguresIn, await request.body()).text
    document = await read_document(request, max_bytes=max_bytes)
    if isinstance(document, TextInput):
        return document.text
    if isinstance(document, UploadInput):
        return document
    raise bad_request("figures reads text: send {\"text\": ...} or a text file")


def validated(model: type[M], body: bytes) -> M:
    """The body as `model`, or a 400 naming the first problem ("records.0.text: Field required")."""
    if not body.strip():
        raise bad_request(f"empty body: send a JSON object ({model.__name__})")
    try:
        return model.model_validate_json(body)
    except ValidationError as error:
        problem = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in problem.get("loc", ()))
        if problem.get("type") == "json_invalid":
            raise bad_request(f"the body is not valid JSON ({problem.get('msg', '')})") from None
        message = str(problem.get("msg", "invalid")).removeprefix("Value error, ")
        raise bad_request(f"{where}: {message}" if where else message) from None


async def _form_document(request: Request, *, max_bytes: int) -> DocumentInput:
    form = await request.form(max_files=1, max_fields=8, max_part_size=max_bytes)
    given: list[DocumentInput] = []
    text, url, file = form.get("text"), form.get("url"), form.get("file")
    if isinstance(text, str) and text.strip():
        given.append(TextInput(text))
    if isinstance(url, str) and url.strip():
        given.append(UrlInput(url.strip()))
    if isinstance(file, UploadFile) and (file.filename or file.size):
        data = await file.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputTooLarge(too_large(file.filename or "upload", len(data), max_bytes))
        given.append(UploadInput(data, file.filename or "upload"))
    await form.close()
    if len(given) != 1:
        raise bad_request("give exactly one of: Chinese text, a URL or a file"
                          + ("" if not given else f" (got {len(given)})"))
    return given[0]


def read_pages(document: DocumentInput, *, max_bytes: int) -> list[Page | InputError]:
    """The pages of a document (blocking: decoding, PDF layout, fetching). A whole-input problem is
    raised; a record or JSONL line that cannot be read is returned as its InputError, and the rest go on."""
    if isinstance(document, TextInput):
        try:
            data = document.text.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates from JSON "\ud800": the text path replaces them, noted
            return [page_from_text(document.text)]
        # Read as `summarise brief -` reads standard input: pasted HTML is read as a web page.
        return list(pages_from_bytes(data, source=TEXT_SOURCE, max_bytes=max_bytes))
    if isinstance(document, UrlInput):
        return pages_from_url(document.url, max_bytes=max_bytes)
    if isinstance(document, RecordsInput):
        return [_record_page(line, f"records[{index}]") for index, line in enumerate(document.records)]
    return list(pages_from_bytes(document.data, source=document.name, max_bytes=max_bytes))


def _record_page(line: str, where: str) -> Page | InputError:
    record = parse_record(line, where)
    if isinstance(record, BadRecord):
        return record
    try:
        return page_from_text(record.text, source=where, format="jsonl",
                              headline_hints=(record.title,) if record.title else (), record_id=record.id)
    except InputError as error:
        return error


def split_pages(pages: Sequence[Page | InputError], source: str) -> Split:
    """Every article of the readable pages, and a Failure for each page that could not be read. When no
    page can be read at all, the first reason is raised: the request is unreadable, not half-done."""
    readable = [page for page in pages if isinstance(page, Page)]
    problems = [page for page in pages if isinstance(page, InputError)]
    if problems and not readable:
        raise problems[0]
    articles = tuple(article for page in readable for article in split_articles(page))
    return Split(articles, tuple(Failure(source, str(problem)) for problem in problems), source)


def document_source(document: DocumentInput) -> str:
    """How failures name the request's document."""
    if isinstance(document, UploadInput):
        return document.name
    if isinstance(document, RecordsInput):
        return "records"
    return "url" if isinstance(document, UrlInput) else TEXT_SOURCE
