"""The frozen dataclasses that flow through the pipeline: Page -> Article -> Figure -> Brief.

Offsets (`start`, `end`) always index `Page.text`, the decoded and normalised page, so any span can
be traced back with `page.text[start:end]`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal, get_args

# What sort of quantity a Chinese figure is. A name (十四五, Ⅱ类) has no value; a range has `upper`; a
# date's parts are read back from its text (figures.date_parts). The JSON carries these exact strings.
FigureKind = Literal[
    "money", "percent", "count", "measure", "date", "range", "ordinal", "multiple", "fraction", "name",
]
FIGURE_KINDS: frozenset[str] = frozenset(get_args(FigureKind))

# What sort of number a figure parsed from English is ("2.27 billion yuan" is money, "2024" a year).
EnglishKind = Literal["number", "percent", "money", "measure", "date", "ordinal", "year", "fraction"]
ENGLISH_KINDS: frozenset[str] = frozenset(get_args(EnglishKind))


# What sort of name the names stage found, and where its English form came from: a table of well-known
# bodies kept as data, the CC-CEDICT dictionary, a suffix rule (西宁市 -> Xining City), or pinyin (persons,
# and cores the dictionary lacks). The JSON carries these exact strings.
NameKind = Literal["person", "place", "organisation"]
NAME_KINDS: frozenset[str] = frozenset(get_args(NameKind))
NameSource = Literal["table", "dictionary", "rule", "pinyin"]
NAME_SOURCES: frozenset[str] = frozenset(get_args(NameSource))


# The codes of the notes that reading, splitting and the strategies write (the guard's own are
# summarise.guard.codes.GuardCode). The README lists both, and a test holds it and the code to them.
StageCode = Literal[
    "page-break-rejoined",  # a word cut by a page break was joined again
    "stray-latin",  # lower-case Latin words between Chinese characters, probably an editing slip
    "traditional-converted",  # traditional characters were converted to simplified for the models
    "surrogate-replaced",  # lone surrogates (broken UTF-16 halves) became U+FFFD
    "nul-removed",  # stray NUL bytes were taken out of UTF-8 text
    "text-above-headline-dropped",  # text above the first headline was left out
    "paragraph-not-found",  # a web page's extracted paragraph could not be traced to the page text
    "no-article-extracted",  # trafilatura found no article; the page was split by its layout
    "article-not-found",  # the extracted article is not in the page text; split by layout instead
    "article-repeated",  # the page held this article twice; the repeat was left out
    "pdf-furniture-dropped",  # a PDF's contents pages, running headers and footers, credits were left out
    "html-capped",  # a web page over the attribute or element cap was trimmed or split by its layout
    "summary-fallback",  # the summary was replaced by the article's first sentence
    "llm-answer",  # the LLM's reply needed repair or a retry
]


@dataclass(frozen=True)
class Note:
    """A warning with its structure: a stable `code`, the message people read, and where it applies.

    `start` and `end` index `Page.text` (a point when they are equal); both are None for a note about
    the whole page or brief. Codes are short identifiers a pipeline can switch on: a `StageCode` or the
    guard's `summarise.guard.codes.GuardCode`.
    """

    code: str
    message: str
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Note:
        return cls(code=data["code"], message=data["message"], start=data.get("start"), end=data.get("end"))


@dataclass(frozen=True)
class ExtractedArticle:
    """The one article a reader already found on a page (a web page read by trafilatura).

    `spans` are its paragraphs' (start, end) offsets in `Page.text`, in reading order; the headline is
    the page's first headline hint.
    """

    spans: tuple[tuple[int, int], ...]
    author: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Page:
    """One decoded source document (a file, a record, stdin) before it is split into articles."""

    text: str  # normalised, simplified, page breaks rejoined: what every offset indexes
    source: str = "<text>"  # path, "<stdin>" or a record id
    encoding: str = "utf-8"
    format: str = "text"  # "text" | "html" | "jsonl" | "pdf"
    original: str | None = None  # the text before traditional->simplified conversion, for display
    headline_hints: tuple[str, ...] = ()  # headings found in markup (HTML <h1>/<h2>, JSONL title)
    record_id: str | None = None  # the id a JSONL record carried
    notes: tuple[Note, ...] = ()  # what decoding and normalising repaired or doubted
    article: ExtractedArticle | None = None  # set when the reader found the page's one article itself
    url: str | None = None  # the web address the page was fetched from, after redirects (summarise.sources)

    @property
    def warnings(self) -> tuple[str, ...]:
        """The notes' messages, in order."""
        return tuple(note.message for note in self.notes)


@dataclass(frozen=True)
class Paragraph:
    """A paragraph or in-article sub-heading; `text == page.text[start:end]`."""

    text: str
    start: int
    end: int
    kind: str = "body"  # "body" | "subheading"


@dataclass(frozen=True)
class Article:
    """One news article found on a page."""

    index: int  # position on its page, from 0
    headline: str | None
    subheadline: str | None
    byline: str | None
    paragraphs: tuple[Paragraph, ...]
    start: int
    end: int
    source: str = "<text>"
    record_id: str | None = None
    headline_original: str | None = None  # traditional-script headline, for display
    notes: tuple[Note, ...] = ()  # the page's notes that concern this article, then its own
    author: str | None = None  # as the page's metadata names it (web pages); the byline is separate
    date: str | None = None  # publication date as the page gives it, ISO where the reader could tell
    url: str | None = None  # the web address its page was fetched from
    # The same story as other pages printed it (near-duplicates merged by summarise.sources.dedup): it is
    # briefed once, and the brief lists every page as a source.
    reprints: tuple[Article, ...] = ()

    @property
    def body(self) -> str:
        """Body paragraphs joined by newlines: the text the models read (sub-headings left out)."""
        return "\n".join(p.text for p in self.paragraphs if p.kind == "body")

    @property
    def subheadings(self) -> tuple[str, ...]:
        return tuple(p.text for p in self.paragraphs if p.kind == "subheading")

    @property
    def warnings(self) -> tuple[str, ...]:
        """The notes' messages, in order."""
        return tuple(note.message for note in self.notes)


def decimal_to_json(value: Decimal | None) -> float | int | str | None:
    """A JSON number where a float holds the Decimal exactly, else its exact string."""
    if value is None:
        return None
    if value == value.to_integral_value() and abs(value) < 2**53:
        return int(value)
    as_float = float(value)
    if Decimal(repr(as_float)) == value:
        return as_float
    return str(value)


def decimal_from_json(value: Any) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(str(value))


@dataclass(frozen=True)
class Figure:
    """A quantity found in Chinese text, with its value in base units and its English rendering."""

    text: str  # exact Chinese surface
    start: int
    end: int
    value: Decimal | None
    unit: str | None
    qualifier: str | None  # over / under / more than / nearly / about / at least / up to
    kind: FigureKind
    english: str
    upper: Decimal | None = None  # the upper bound of a range

    def shifted(self, offset: int) -> Figure:
        """The same figure with offsets moved by `offset` (paragraph offsets -> page offsets)."""
        return Figure(
            self.text, self.start + offset, self.end + offset, self.value, self.unit,
            self.qualifier, self.kind, self.english, self.upper,
        )

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "text": self.text,
            "value": decimal_to_json(self.value),
            "unit": self.unit,
            "qualifier": self.qualifier,
            "kind": self.kind,
            "english": self.english,
            "start": self.start,
            "end": self.end,
        }
        if self.upper is not None:
            data["upper"] = decimal_to_json(self.upper)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Figure:
        return cls(
            text=data["text"], start=data["start"], end=data["end"],
            value=decimal_from_json(data.get("value")), unit=data.get("unit"),
            qualifier=data.get("qualifier"), kind=_figure_kind(data.get("kind", "count")),
            english=data["english"], upper=decimal_from_json(data.get("upper")),
        )


def _figure_kind(kind: Any) -> FigureKind:
    """A kind read from JSON, checked: a brief written by another tool must not smuggle in a new kind."""
    if kind not in FIGURE_KINDS:
        raise ValueError(f"unknown figure kind {kind!r}; expected one of {', '.join(get_args(FigureKind))}")
    return kind  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Name:
    """A person, place or organisation named in Chinese text, with its standard English form.

    `english` is None for a foreign name written in characters that the dictionary lacks: it is left
    unrendered rather than guessed. `start`/`end` index `Page.text` (or the text given to the names
    stage); both are None for a name read from a headline that the page text does not hold.
    """

    text: str
    kind: NameKind
    english: str | None
    start: int | None
    end: int | None
    source: NameSource

    def shifted(self, offset: int) -> Name:
        """The same name with offsets moved by `offset` (paragraph offsets -> page offsets)."""
        if self.start is None or self.end is None:
            return self
        return Name(self.text, self.kind, self.english, self.start + offset, self.end + offset, self.source)

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "kind": self.kind, "english": self.english, "start": self.start,
                "end": self.end, "source": self.source}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Name:
        kind, source = data.get("kind"), data.get("source", "pinyin")
        if kind not in NAME_KINDS:
            raise ValueError(f"unknown name kind {kind!r}; expected one of {', '.join(get_args(NameKind))}")
        if source not in NAME_SOURCES:
            raise ValueError(f"unknown name source {source!r}; expected one of {', '.join(get_args(NameSource))}")
        return cls(text=data["text"], kind=kind, english=data.get("english"), start=data.get("start"),
                   end=data.get("end"), source=source)


@dataclass(frozen=True)
class SourceRef:
    """Where a brief came from: the Chinese headline and byline, and the article's span on its page."""

    headline: str | None
    byline: str | None
    start: int
    end: int
    path: str | None = None
    subheadline: str | None = None
    sha256: str | None = None  # hash of the article text, so resumed batches notice changed sources
    author: str | None = None
    date: str | None = None
    url: str | None = None  # the web page it was fetched from (after redirects); None for a file

    def to_dict(self) -> dict[str, Any]:
        return {
            "headline": self.headline, "byline": self.byline, "start": self.start, "end": self.end,
            "path": self.path, "subheadline": self.subheadline, "sha256": self.sha256,
            "author": self.author, "date": self.date, "url": self.url,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SourceRef:
        return cls(
            headline=data.get("headline"), byline=data.get("byline"), start=data["start"],
            end=data["end"], path=data.get("path"), subheadline=data.get("subheadline"),
            sha256=data.get("sha256"), author=data.get("author"), date=data.get("date"), url=data.get("url"),
        )


@dataclass(frozen=True)
class Brief:
    """The English brief of one article: what readers and pipelines get."""

    id: str
    headline: str
    summary: str
    figures: tuple[Figure, ...]
    source: SourceRef
    warnings: tuple[str, ...] = ()  # one line each, for people and for consumers of the old format
    models: Mapping[str, Any] = field(default_factory=dict)
    summary_zh: str | None = None
    notes: tuple[Note, ...] = ()  # the same warnings with their code and span; () in briefs made before
    names: tuple[Name, ...] = ()  # the article's names, each once; () in briefs made before names existed
    # Every page that carried this story when near-duplicates were merged, `source` first; () for a brief
    # of one page (then `source` is the only one). Written to JSON only when there are several.
    sources: tuple[SourceRef, ...] = ()

    @property
    def all_sources(self) -> tuple[SourceRef, ...]:
        """Every source of this brief: `sources` when the story had several, else just `source`."""
        return self.sources or (self.source,)

    @classmethod
    def noting(cls, notes: Sequence[Note], **fields: Any) -> Brief:
        """A Brief whose `warnings` are its `notes`' messages (notes de-duplicated, order kept)."""
        kept = tuple(dict.fromkeys(notes))
        return cls(**fields, warnings=tuple(dict.fromkeys(note.message for note in kept)), notes=kept)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "headline": self.headline,
            "summary": self.summary,
            "figures": [f.to_dict() for f in self.figures],
            "source": self.source.to_dict(),
            "warnings": list(self.warnings),
            "models": dict(self.models),
            "summary_zh": self.summary_zh,
            "notes": [note.to_dict() for note in self.notes],
            "names": [name.to_dict() for name in self.names],
        }
        if self.sources:
            data["sources"] = [source.to_dict() for source in self.sources]
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=False)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Brief:
        return cls(
            id=data["id"], headline=data["headline"], summary=data["summary"],
            figures=tuple(Figure.from_dict(f) for f in data.get("figures", ())),
            source=SourceRef.from_dict(data["source"]),
            warnings=tuple(data.get("warnings", ())),
            models=dict(data.get("models", {})),
            summary_zh=data.get("summary_zh"),
            notes=tuple(Note.from_dict(note) for note in data.get("notes", ())),
            names=tuple(Name.from_dict(name) for name in data.get("names", ())),
            sources=tuple(SourceRef.from_dict(source) for source in data.get("sources", ())),
        )

    @classmethod
    def from_json(cls, line: str) -> Brief:
        return cls.from_dict(json.loads(line))
