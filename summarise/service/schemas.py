"""The JSON the API reads and writes, as pydantic models: they validate requests and document both
directions in the OpenAPI schema. Responses are built from the pipeline's own `to_dict()`s (one shape
with the CLI's JSON); a test holds these models to them."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

SAMPLE = "生物园区超额完成招商引资年度目标任务\n本报讯(记者 张国静)招商引资省外到位资金22.7亿元,完成目标任务的113.6%。"


class RecordIn(BaseModel):
    """One article as a JSONL record: its text, and optionally a title and an id the brief keeps."""

    model_config = ConfigDict(extra="forbid", strict=True)

    id: str | int | None = None
    title: str | None = None
    text: str


class DocumentIn(BaseModel):
    """Exactly one of: Chinese text (a page or one article), a URL, or records."""

    model_config = ConfigDict(extra="forbid", strict=True, json_schema_extra={
        "examples": [{"text": SAMPLE}, {"records": [{"id": "a1", "title": "标题", "text": SAMPLE}]}],
    })

    text: str | None = Field(None, description="A Chinese news page or article; it splits into articles.")
    url: str | None = Field(None, description="An http(s) URL of a page to fetch and read.")
    records: list[RecordIn] | None = Field(None, min_length=1, description="Articles as JSONL records.")

    @model_validator(mode="after")
    def _exactly_one(self) -> DocumentIn:
        given = [name for name in ("text", "url", "records") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError('give exactly one of "text", "url" or "records"'
                             + (f", not {' and '.join(given)}" if given else ""))
        return self


class FiguresIn(BaseModel):
    """Chinese text; its figures are read line by line, as `summarise figures` reads a file."""

    model_config = ConfigDict(extra="forbid", strict=True, json_schema_extra={"examples": [{"text": SAMPLE}]})

    text: str


class FigureOut(BaseModel):
    text: str
    value: float | int | str | None
    unit: str | None
    qualifier: str | None
    kind: str
    english: str
    start: int
    end: int
    upper: float | int | str | None = None


class NameOut(BaseModel):
    text: str
    kind: str
    english: str | None  # None: a foreign name the dictionary lacks, left unrendered rather than guessed
    start: int | None
    end: int | None
    source: str


class NoteOut(BaseModel):
    code: str
    message: str
    start: int | None
    end: int | None


class SourceOut(BaseModel):
    headline: str | None
    byline: str | None
    start: int
    end: int
    path: str | None
    subheadline: str | None
    sha256: str | None
    author: str | None
    date: str | None
    url: str | None = None  # the web page it was fetched from, once URL inputs exist


class BriefOut(BaseModel):
    """One brief: the same JSON as `summarise brief --format json` prints."""

    id: str
    headline: str
    summary: str
    figures: list[FigureOut]
    source: SourceOut
    warnings: list[str]
    models: dict[str, Any]
    summary_zh: str | None
    notes: list[NoteOut]
    names: list[NameOut] = []
    sources: list[SourceOut] | None = None  # every page of a story merged from reprints


class FailureOut(BaseModel):
    """An input or article that gave no result, and why."""

    source: str
    headline: str | None = None
    reason: str


class BriefsOut(BaseModel):
    briefs: list[BriefOut]
    errors: list[FailureOut] = Field(description="Articles or records that could not be briefed.")


class ParagraphOut(BaseModel):
    text: str
    start: int
    end: int
    kind: str


class ArticleOut(BaseModel):
    """One article: the same JSON as `summarise articles` prints."""

    id: str
    source: str
    headline: str | None
    subheadline: str | None
    byline: str | None
    author: str | None
    date: str | None
    start: int
    end: int
    paragraphs: list[ParagraphOut]
    warnings: list[str]
    notes: list[NoteOut]
    body: str
    url: str | None = None  # the web page it was fetched from, once URL inputs exist


class ArticlesOut(BaseModel):
    articles: list[ArticleOut]
    errors: list[FailureOut]


class ArticleNamesOut(BaseModel):
    """One article's names: the same fields as `summarise names` prints per name."""

    id: str
    source: str
    headline: str | None
    names: list[NameOut]


class NamesOut(BaseModel):
    articles: list[ArticleNamesOut]
    errors: list[FailureOut]


class FigureLineOut(BaseModel):
    """One input line: the same JSON as one line of `summarise figures`."""

    line: int
    figures: list[FigureOut]


class FiguresOut(BaseModel):
    lines: list[FigureLineOut]


class ErrorBody(BaseModel):
    code: str
    message: str


class ErrorOut(BaseModel):
    error: ErrorBody


class HealthOut(BaseModel):
    status: str = Field(description='"ok" once the models are loaded; "loading" or "failed" before')
    queue: dict[str, float | int]


REQUEST_MODELS: tuple[type[BaseModel], ...] = (DocumentIn, RecordIn, FiguresIn)
