"""The pipeline: Page -> [Article] -> zh summary -> guard -> en brief.

`Briefer` holds the engines (loaded lazily, once) and batches every model call across the articles it
is given. Each stage it calls is a public function of its own module.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from summarise import guard
from summarise.articles import split_articles
from summarise.config import BriefConfig, resolve_config
from summarise.engines.base import Summariser, Translator
from summarise.engines.factory import Engines, build_engines
from summarise.errors import ProcessingError
from summarise.sentences import split_sentences
from summarise.source import decode_bytes, page_from_text
from summarise.types import Article, Brief, Page, SourceRef


def article_sha256(article: Article) -> str:
    """Hash of what the models read: the headline and the body, so a changed source is noticed."""
    data = f"{article.headline or ''}\n{article.subheadline or ''}\n{article.body}".encode()
    return hashlib.sha256(data).hexdigest()


def article_id(article: Article, sha256: str | None = None) -> str:
    """A stable id: the record's own id, else source path + article index + a content hash."""
    if article.record_id:
        return article.record_id if article.index == 0 else f"{article.record_id}#{article.index}"
    digest = (sha256 or article_sha256(article))[:10]
    return f"{article.source}#{article.index}-{digest}"


@dataclass(frozen=True)
class _Draft:
    """One article on its way through the model stages."""

    article: Article
    summary_zh: tuple[str, ...]
    warnings: tuple[str, ...]


class Briefer:
    """Makes English briefs. `Briefer()` uses the registry's default models; pass a BriefConfig, or
    keyword settings (summariser=..., translator=..., engine=..., device=...), or ready engines."""

    def __init__(
        self,
        config: BriefConfig | None = None,
        *,
        summariser: Summariser | None = None,
        translator: Translator | None = None,
        **settings: Any,
    ) -> None:
        if "model" in settings:  # the API's name for BriefConfig.llm_model: Briefer(engine="llm", model=...)
            settings["llm_model"] = settings.pop("model")
        if config is None:
            config = resolve_config(**settings)
        elif settings:
            config = config.with_overrides(**settings)
        self.config = config
        self._given = (summariser, translator)
        self._engines: Engines | None = None
        self.timings: dict[str, float] = {}

    @property
    def engines(self) -> Engines:
        """The engines, built on first use (models themselves load on their first call)."""
        if self._engines is None:
            summariser, translator = self._given
            if summariser is not None and translator is not None:
                self._engines = Engines(summariser=summariser, translator=translator, name="custom")
            else:
                built = build_engines(self.config)
                self._engines = Engines(
                    summariser=summariser or built.summariser,
                    translator=translator or built.translator,
                    direct=built.direct,
                    name=built.name,
                )
        return self._engines

    # -- entry points ---------------------------------------------------------------------------

    def brief(self, text: str | bytes | Page) -> list[Brief]:
        """Brief every article of one page (text, raw bytes in any supported encoding, or a Page)."""
        return self.brief_articles(split_articles(self._page(text)))

    def brief_many(self, items: Iterable[str | bytes | Page]) -> Iterator[Brief]:
        """Brief many pages, batching model calls across up to `batch_size` articles at a time."""
        pending: list[Article] = []
        for item in items:
            pending.extend(split_articles(self._page(item)))
            while len(pending) >= self.config.batch_size:
                batch, pending = pending[: self.config.batch_size], pending[self.config.batch_size :]
                yield from self.brief_articles(batch)
        if pending:
            yield from self.brief_articles(pending)

    def brief_articles(self, articles: Sequence[Article]) -> list[Brief]:
        """Brief already-split articles, in order, with one batched call per model stage."""
        if not articles:
            return []
        engines = self.engines
        started = time.perf_counter()
        if engines.direct is not None:
            answers = engines.direct.brief_direct(list(articles))
            self._add_time("brief_direct", started)
            started = time.perf_counter()
            # Chinese left in the English goes first (one batched re-translation), so the figure and
            # relation checks read clean English.
            texts, notes = guard.check_language(
                [text for a in answers for text in (a.headline, a.summary)], engines.translator)
            briefs = [
                self._finish_direct(article, texts[2 * i], texts[2 * i + 1],
                                    [*answer.warnings, *notes[2 * i], *notes[2 * i + 1]])
                for i, (article, answer) in enumerate(zip(articles, answers, strict=True))
            ]
            self._add_time("guard", started)
            return briefs
        drafts = self._summarise(articles, engines.summariser)
        self._add_time("summarise", started)
        started = time.perf_counter()
        briefs = self._translate(drafts, engines)
        self._add_time("translate", started)
        return briefs

    def _add_time(self, stage: str, started: float) -> None:
        # Cumulative seconds per stage (model loading included in the first call), for `-v` output.
        self.timings[stage] = self.timings.get(stage, 0.0) + time.perf_counter() - started

    # -- stages ---------------------------------------------------------------------------------

    def _page(self, item: str | bytes | Page) -> Page:
        if isinstance(item, Page):
            return item
        if isinstance(item, bytes):
            return decode_bytes(item, max_bytes=self.config.max_input_bytes)
        return page_from_text(item)

    def _summarise(self, articles: Sequence[Article], summariser: Summariser) -> list[_Draft]:
        bodies = [a.body for a in articles]
        for article, body in zip(articles, bodies):
            if not body.strip():
                raise ProcessingError(f"article {article_id(article)} has no body text to summarise")
        summaries = summariser.summarise(bodies)
        if len(summaries) != len(bodies):
            raise ProcessingError(
                f"the summariser returned {len(summaries)} summaries for {len(bodies)} articles"
            )
        drafts = []
        for article, summary in zip(articles, summaries):
            sentences = split_sentences(summary)[: self.config.summary_sentences]
            kept, warnings = guard.check_summary(article.body, sentences)
            if not kept:
                # Everything the model wrote was unfaithful or empty: fall back to the lead.
                kept = split_sentences(article.body)[:1]
                warnings = [*warnings, "summary replaced by the article's first sentence"]
            drafts.append(_Draft(article, tuple(kept), tuple(warnings)))
        return drafts

    def _translate(self, drafts: Sequence[_Draft], engines: Engines) -> list[Brief]:
        # One flat translate() call for every headline and summary sentence of the batch.
        jobs: list[list[str]] = []
        for draft in drafts:
            headline = draft.article.headline or draft.summary_zh[0]
            jobs.append([headline, *draft.summary_zh])
        flat = [sentence for job in jobs for sentence in job]
        english = engines.translator.translate(flat)
        if len(english) != len(flat):
            raise ProcessingError(
                f"the translator returned {len(english)} sentences for {len(flat)}"
            )
        # The guard repairs the whole batch at once, so its protected re-translations are one call too.
        repaired, notes = guard.repair_translations(flat, english, engines.translator)
        repaired, language_notes = guard.check_language(repaired, engines.translator)
        notes = [[*a, *b] for a, b in zip(notes, language_notes, strict=True)]
        briefs = []
        position = 0
        for draft, job in zip(drafts, jobs, strict=True):
            span = slice(position, position + len(job))
            position += len(job)
            sentences = repaired[span]
            briefs.append(self._assemble(
                draft.article,
                headline=sentences[0],
                summary=" ".join(s.strip() for s in sentences[1:] if s.strip()),
                summary_zh="".join(draft.summary_zh),
                warnings=[*draft.article.warnings, *draft.warnings, *(w for ws in notes[span] for w in ws)],
                engines=engines,
            ))
        return briefs

    def _finish_direct(self, article: Article, headline: str, summary: str, answer_warnings: Sequence[str]) -> Brief:
        sentences = [headline, *split_english(summary)]
        checked, warnings = guard.check_english(article.body, sentences, headline=article.headline)
        return self._assemble(
            article,
            headline=checked[0],
            summary=" ".join(checked[1:]),
            summary_zh=None,
            warnings=[*article.warnings, *answer_warnings, *warnings],
            engines=self.engines,
        )

    def _assemble(
        self,
        article: Article,
        *,
        headline: str,
        summary: str,
        summary_zh: str | None,
        warnings: Sequence[str],
        engines: Engines,
    ) -> Brief:
        sha = article_sha256(article)
        return Brief(
            id=article_id(article, sha),
            headline=headline.strip(),
            summary=summary.strip(),
            figures=tuple(guard.key_figures(article, limit=self.config.max_figures)),
            source=SourceRef(
                headline=article.headline,
                byline=article.byline,
                start=article.start,
                end=article.end,
                path=article.source,
                subheadline=article.subheadline,
                sha256=sha,
            ),
            warnings=tuple(dict.fromkeys(warnings)),  # de-duplicated, order kept
            models=self._signature(engines),
            summary_zh=summary_zh,
        )

    def _signature(self, engines: Engines) -> dict[str, Any]:
        from summarise import __version__

        return {
            "engine": engines.name,
            "summariser": engines.summariser.describe(),
            "translator": engines.translator.describe(),
            "summarise_version": __version__,
        }


def split_english(text: str) -> list[str]:
    """English sentences (the splitter also handles ASCII full stops followed by a space)."""
    return split_sentences(text)


def brief(text: str | bytes | Page, **settings: Any) -> list[Brief]:
    """Brief every article of a page with a one-off Briefer (`settings` as for Briefer)."""
    return Briefer(**settings).brief(text)
