"""How a batch of articles becomes English drafts: two-stage (a Chinese summary, then a translation) or
direct (one LLM call per article). Each strategy runs its own guard checks and hands the pipeline typed
`Draft`s, so the pipeline never asks which kind of model ran. A new strategy is one class here and one
line in STRATEGIES; an engine builder names the strategy its engines use.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, MutableMapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from summarise import guard
from summarise.articles.ids import article_id
from summarise.articles.sentences import split_sentences
from summarise.errors import ProcessingError
from summarise.guard.codes import code_of
from summarise.types import Note

if TYPE_CHECKING:
    from summarise.engines.base import Engines
    from summarise.types import Article


@dataclass(frozen=True)
class Draft:
    """One article's English brief after the guard, before the pipeline assembles the Brief."""

    article: Article
    headline: str
    summary: str
    summary_zh: str | None
    notes: tuple[Note, ...]


def guard_notes(warnings: Iterable[str]) -> list[Note]:
    """The guard's warnings as notes, each with the code the guard gave it."""
    return [Note(code_of(warning), str(warning)) for warning in warnings]


@runtime_checkable
class DirectBriefer(Protocol):
    """An engine that writes an English headline and summary per Chinese article in one call."""

    def brief_direct(self, articles: list[Article]) -> list[Any]: ...


class Strategy(Protocol):
    """Articles in, one Draft per article out, in order; seconds per stage added to `timings`."""

    def draft(self, articles: Sequence[Article], engines: Engines, *, summary_sentences: int,
              timings: MutableMapping[str, float]) -> list[Draft]: ...


@contextmanager
def _timed(timings: MutableMapping[str, float], stage: str) -> Iterator[None]:
    # Cumulative seconds per stage (model loading included in the first call), for `-v` output.
    started = time.perf_counter()
    try:
        yield
    finally:
        timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - started


class TwoStage:
    """The summariser writes Chinese summaries, the guard drops invented figures, the translator
    translates headline and sentences in one batched call, and the guard repairs figures."""

    def draft(self, articles: Sequence[Article], engines: Engines, *, summary_sentences: int,
              timings: MutableMapping[str, float]) -> list[Draft]:
        with _timed(timings, "summarise"):
            summaries = self._summarise(articles, engines, summary_sentences)
        with _timed(timings, "translate"):
            return self._translate(articles, summaries, engines)

    @staticmethod
    def _summarise(articles: Sequence[Article], engines: Engines,
                   summary_sentences: int) -> list[tuple[tuple[str, ...], tuple[Note, ...]]]:
        """Each article's kept Chinese summary sentences and the notes on them."""
        bodies = [a.body for a in articles]
        for article, body in zip(articles, bodies):
            if not body.strip():
                raise ProcessingError(f"article {article_id(article)} has no body text to summarise")
        summaries = engines.summariser.summarise(bodies)
        if len(summaries) != len(bodies):
            raise ProcessingError(f"the summariser returned {len(summaries)} summaries for {len(bodies)} articles")
        kept_summaries = []
        for article, summary in zip(articles, summaries):
            sentences = split_sentences(summary)[:summary_sentences]
            kept, warnings = guard.check_summary(article.body, sentences)
            notes = guard_notes(warnings)
            if not kept:
                # Everything the model wrote was unfaithful or empty: fall back to the lead.
                kept = split_sentences(article.body)[:1]
                notes.append(Note("summary-fallback", "summary replaced by the article's first sentence"))
            kept_summaries.append((tuple(kept), tuple(notes)))
        return kept_summaries

    @staticmethod
    def _translate(articles: Sequence[Article], summaries: Sequence[tuple[tuple[str, ...], tuple[Note, ...]]],
                   engines: Engines) -> list[Draft]:
        # One flat translate() call for every headline and summary sentence of the batch.
        jobs = [[article.headline or kept[0], *kept] for article, (kept, _) in zip(articles, summaries)]
        flat = [sentence for job in jobs for sentence in job]
        english = engines.translator.translate(flat)
        if len(english) != len(flat):
            raise ProcessingError(f"the translator returned {len(english)} sentences for {len(flat)}")
        # The guard repairs the whole batch at once, so its protected re-translations are one call too.
        repaired, notes = guard.repair_translations(flat, english, engines.translator)
        repaired, language_notes = guard.check_language(repaired, engines.translator)
        notes = [[*a, *b] for a, b in zip(notes, language_notes, strict=True)]
        drafts = []
        position = 0
        for article, (kept, summary_notes), job in zip(articles, summaries, jobs, strict=True):
            span = slice(position, position + len(job))
            position += len(job)
            sentences = repaired[span]
            drafts.append(Draft(
                article,
                headline=sentences[0],
                summary=" ".join(s.strip() for s in sentences[1:] if s.strip()),
                summary_zh="".join(kept),
                notes=(*article.notes, *summary_notes, *guard_notes(w for ws in notes[span] for w in ws)),
            ))
        return drafts


class Direct:
    """One engine call writes each English headline and summary; the guard checks and repairs figures."""

    def draft(self, articles: Sequence[Article], engines: Engines, *, summary_sentences: int,
              timings: MutableMapping[str, float]) -> list[Draft]:
        briefer = engines.summariser
        if not isinstance(briefer, DirectBriefer):
            raise ProcessingError(f"engine {engines.name!r} cannot brief directly (it has no brief_direct)")
        with _timed(timings, "brief_direct"):
            answers = briefer.brief_direct(list(articles))
        with _timed(timings, "guard"):
            # Chinese left in the English goes first (one batched re-translation), so the figure and
            # relation checks read clean English.
            texts, notes = guard.check_language(
                [text for answer in answers for text in (answer.headline, answer.summary)], engines.translator)
            drafts = []
            for index, (article, answer) in enumerate(zip(articles, answers, strict=True)):
                headline, summary = texts[2 * index], texts[2 * index + 1]
                sentences = [headline, *split_sentences(summary)]
                checked, warnings = guard.check_english(article.body, sentences, headline=article.headline)
                drafts.append(Draft(article, headline=checked[0], summary=" ".join(checked[1:]), summary_zh=None,
                                    notes=(*article.notes, *(Note("llm-answer", w) for w in answer.warnings),
                                           *guard_notes([*notes[2 * index], *notes[2 * index + 1], *warnings]))))
        return drafts


STRATEGIES: dict[str, type[TwoStage | Direct]] = {"two-stage": TwoStage, "direct": Direct}


def get_strategy(name: str) -> Strategy:
    """The strategy registered under `name`."""
    try:
        return STRATEGIES[name]()
    except KeyError:
        raise ProcessingError(f"unknown strategy {name!r}; known: {', '.join(STRATEGIES)}") from None
