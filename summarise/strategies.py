"""How a batch of articles becomes English drafts:

- two-stage: the summariser writes a Chinese summary, the translator translates it;
- lead: no summariser: the article's lead sentence and the sentences stating its key figures
  (summarise.extractive), then the translator;
- direct: one LLM call per article writes the English headline and summary.

Each strategy runs its own guard checks and hands the pipeline typed `Draft`s, so the pipeline never asks
which kind of model ran. Each stage's seconds and model calls (prompts an engine that counts them sent,
`model_calls`) are added up per stage for `-v` and the benchmarks. A new strategy is one class here and
one line in summarise.engines.registry.STRATEGIES; an engine builder names the strategy its engines use
unless the config names one.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from summarise import guard
from summarise.articles.ids import article_id
from summarise.articles.sentences import split_sentences
from summarise.engines.registry import STRATEGIES
from summarise.errors import ProcessingError
from summarise.extractive import DEFAULT_BUDGET, lead_summary
from summarise.guard.codes import GuardWarning, code_of
from summarise.guard.fixes import clip
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


@dataclass
class StageLog:
    """Seconds and model calls per stage, added up over every batch a Briefer briefs (model loading is
    in the first call's seconds)."""

    seconds: dict[str, float] = field(default_factory=dict)
    calls: dict[str, int] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str, engines: Engines) -> Iterator[None]:
        """Time the block and count the model calls the engines make in it."""
        started, calls = time.perf_counter(), model_calls(engines)
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started
            made = model_calls(engines) - calls
            if made or name in self.calls:
                self.calls[name] = self.calls.get(name, 0) + made


def model_calls(engines: Engines) -> int:
    """Prompts sent so far by the engines that count them (`model_calls`: a Counter by task), the engine
    serving both roles counted once."""
    counted = {id(engine): engine for engine in (engines.summariser, engines.translator)}
    return sum(sum(getattr(engine, "model_calls", {}).values()) for engine in counted.values())


class Strategy(Protocol):
    """Articles in, one Draft per article out, in order; seconds and model calls per stage added to `log`."""

    def draft(self, articles: Sequence[Article], engines: Engines, *, summary_sentences: int,
              log: StageLog, max_figures: int = 8) -> list[Draft]: ...


def _require_bodies(articles: Sequence[Article]) -> None:
    for article in articles:
        if not article.body.strip():
            raise ProcessingError(f"article {article_id(article)} has no body text to summarise")


class TwoStage:
    """The summariser writes Chinese summaries, the guard drops invented figures, the translator
    translates headline and sentences in one batched call, and the guard repairs figures."""

    def draft(self, articles: Sequence[Article], engines: Engines, *, summary_sentences: int,
              log: StageLog, max_figures: int = 8) -> list[Draft]:
        with log.stage("summarise", engines):
            summaries = self._summarise(articles, engines, summary_sentences)
        return translate_summaries(articles, summaries, engines, log)

    @staticmethod
    def _summarise(articles: Sequence[Article], engines: Engines,
                   summary_sentences: int) -> list[tuple[tuple[str, ...], tuple[Note, ...]]]:
        """Each article's kept Chinese summary sentences and the notes on them."""
        bodies = [a.body for a in articles]
        _require_bodies(articles)
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


@runtime_checkable
class HeadlineWriter(Protocol):
    """An engine that writes an English headline for a Chinese article (the LLM engine's headline_en)."""

    def headline_en(self, articles: Sequence[Article]) -> list[str]: ...


def translate_summaries(articles: Sequence[Article], summaries: Sequence[tuple[tuple[str, ...], tuple[Note, ...]]],
                        engines: Engines, log: StageLog) -> list[Draft]:
    """Translate each article's headline and Chinese summary sentences (one flat translate() call for
    the batch), then let the guard repair figures and remove Chinese left in the English. An article
    without a headline gets one written (`written_headlines`), or else its first sentence's translation;
    so does one whose headline translation came back empty (cut off before it ended)."""
    written = written_headlines(articles, [i for i, article in enumerate(articles) if not article.headline],
                                engines, log)
    jobs = [[*kept] if index in written else [article.headline or kept[0], *kept]
            for index, (article, (kept, _)) in enumerate(zip(articles, summaries))]
    flat = [sentence for job in jobs for sentence in job]
    unique = list(dict.fromkeys(flat))
    with log.stage("translate", engines):
        translated = engines.translator.translate(unique)
    if len(translated) != len(unique):
        raise ProcessingError(f"the translator returned {len(translated)} sentences for {len(unique)}")
    english = [dict(zip(unique, translated))[sentence] for sentence in flat]
    with log.stage("guard", engines):
        # The guard repairs the whole batch at once, so its protected re-translations are one call too.
        repaired, notes = guard.repair_translations(flat, english, engines.translator)
        repaired, language_notes = guard.check_language(repaired, engines.translator)
    notes = [[*a, *b] for a, b in zip(notes, language_notes, strict=True)]
    untranslated = set(written)  # these jobs hold no headline
    starts = [sum(len(job) for job in jobs[:index]) for index in range(len(jobs))]
    empty = [index for index, start in enumerate(starts) if index not in written and not repaired[start].strip()]
    # A headline whose translation states a figure the article does not (青海湖景区游客接待量创新高 came
    # back as "welcomed over 1 million visitors in 2023") is written again from the article, where the
    # engine can; the translation stays, with its warning, where the written one is no better.
    invented = [index for index, start in enumerate(starts) if index not in written and index not in empty
                and _states_unsupported_figures(articles[index], repaired[start])]
    rewritten = written_headlines(articles, [*empty, *invented], engines, log)
    # A headline written in place of an empty one is kept whatever it states (its warnings say so); one
    # written in place of a translation that invented a figure only where it invents none itself.
    written.update((index, headline) for index, headline in rewritten.items()
                   if index in empty or not _invents_a_figure(headline[1]))
    drafts = []
    position = 0
    for index, (article, (kept, summary_notes), job) in enumerate(zip(articles, summaries, jobs, strict=True)):
        span = slice(position, position + len(job))
        position += len(job)
        sentences = repaired[span]
        sentence_notes = notes[span]
        headline, headline_notes = written.get(index) or (sentences[0], [])
        if index in invented:
            outcome = "so it was written again" if index in written else "and no headline written again was better"
            sentence_notes = [[*([] if index in written else sentence_notes[0]), GuardWarning(
                "headline-figure-unsupported", f"the headline's translation stated a figure the article does not "
                                               f"have, {outcome}: {clip(sentences[0])}")], *sentence_notes[1:]]
        drafts.append(Draft(
            article,
            headline=headline,
            summary=" ".join(s.strip() for s in sentences[0 if index in untranslated else 1:] if s.strip()),
            summary_zh="".join(kept),
            notes=(*article.notes, *summary_notes, *guard_notes([*headline_notes, *(w for ws in sentence_notes for w in ws)])),
        ))
    return drafts


def written_headlines(articles: Sequence[Article], untitled: Sequence[int], engines: Engines,
                      log: StageLog) -> dict[int, tuple[str, list[str]]]:
    """For the articles at indexes `untitled`, by index: an English headline written by a translator that
    can (a HeadlineWriter), checked by the guard against the article, and the guard's warnings. (For an
    article without a headline, translating its first sentence instead gave a 40-word "headline".) An
    empty answer is left out."""
    writer = engines.translator
    if not untitled or not isinstance(writer, HeadlineWriter):
        return {}
    with log.stage("headline", engines):
        headlines = writer.headline_en([articles[index] for index in untitled])
    with log.stage("guard", engines):
        headlines, language_notes = guard.check_language(headlines, engines.translator)
        checked = {}
        for index, headline, notes in zip(untitled, headlines, language_notes, strict=True):
            if headline.strip():
                [text], warnings = guard.check_english(articles[index].body, [headline],
                                                       headline=articles[index].headline)
                checked[index] = (text, [*notes, *warnings])
    return checked


def _states_unsupported_figures(article: Article, headline: str) -> bool:
    """Whether an English headline states a figure that neither the article nor its headline has."""
    _, warnings = guard.check_english(article.body, [headline], headline=article.headline)
    return _invents_a_figure(warnings)


def _invents_a_figure(warnings: Iterable[str]) -> bool:
    return any(code_of(w) == "headline-figure-unsupported" for w in warnings)


class Direct:
    """One engine call writes each English headline and summary; the guard checks and repairs figures."""

    def draft(self, articles: Sequence[Article], engines: Engines, *, summary_sentences: int,
              log: StageLog, max_figures: int = 8) -> list[Draft]:
        briefer = engines.summariser
        if not isinstance(briefer, DirectBriefer):
            raise ProcessingError(f"engine {engines.name!r} cannot brief directly (it has no brief_direct)")
        with log.stage("brief_direct", engines):
            answers = briefer.brief_direct(list(articles))
        with log.stage("guard", engines):
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


class Lead:
    """No summariser: each article's lead sentence and the sentences that state its key figures
    (summarise.extractive.lead_summary, at most `summary_sentences`), translated as two-stage translates
    a summary. Needs only a translator, so it runs with any engine."""

    budget = DEFAULT_BUDGET  # characters of Chinese to translate, the lead sentence whatever its length

    def draft(self, articles: Sequence[Article], engines: Engines, *, summary_sentences: int,
              log: StageLog, max_figures: int = 8) -> list[Draft]:
        _require_bodies(articles)
        with log.stage("select", engines):
            summaries = [(tuple(lead_summary(a, max_sentences=summary_sentences, budget=self.budget,
                                             key_figure_limit=max_figures)), ()) for a in articles]
        return translate_summaries(articles, summaries, engines, log)


def get_strategy(name: str) -> Strategy:
    """The strategy registered under `name` (summarise.engines.registry.STRATEGIES)."""
    try:
        strategy: Any = globals()[STRATEGIES[name]]
    except KeyError:
        raise ProcessingError(f"unknown strategy {name!r}; known: {', '.join(STRATEGIES)}") from None
    return strategy()
