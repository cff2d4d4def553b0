"""The pipeline: Page -> [Article] -> guarded English drafts -> Brief.

`Briefer` holds the engines (loaded lazily, once) and batches every model call across the articles it
is given. A strategy (summarise.strategies: two-stage, lead or direct; the config's, else the engine's own)
turns articles into drafts; each stage it calls is a public function of its own module.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any

from summarise import guard
from summarise._version import __version__
from summarise.articles import split_articles
from summarise.articles.ids import article_id, article_sha256
from summarise.config import BriefConfig, resolve_config
from summarise.engines.base import Summariser, Translator
from summarise.engines.factory import Engines, build_engines
from summarise.errors import ConfigError
from summarise.reading.normalise import page_from_text
from summarise.reading.readers import decode_bytes
from summarise.strategies import DirectBriefer, StageLog, get_strategy
from summarise.types import Article, Brief, Note, Page, SourceRef

__all__ = ["Briefer", "article_id", "article_sha256", "brief"]


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
        self.log = StageLog()

    @property
    def timings(self) -> dict[str, float]:
        """Seconds per stage, added up over every article briefed so far."""
        return self.log.seconds

    @property
    def model_calls(self) -> dict[str, int]:
        """Model calls (prompts sent to an LLM) per stage, added up over every article briefed so far."""
        return self.log.calls

    @property
    def engines(self) -> Engines:
        """The engines, built on first use (models themselves load on their first call)."""
        if self._engines is None:
            summariser, translator = self._given
            if summariser is not None and translator is not None:
                engines = Engines(summariser=summariser, translator=translator, name="custom")
            else:
                built = build_engines(self.config)
                engines = Engines(
                    summariser=summariser or built.summariser,
                    translator=translator or built.translator,
                    name=built.name,
                    # A summariser given by the caller is a Chinese summariser: two stages.
                    strategy=built.strategy if summariser is None else "two-stage",
                )
            if self.config.strategy != "auto":
                engines = replace(engines, strategy=self.config.strategy)
            if engines.strategy == "direct" and not isinstance(engines.summariser, DirectBriefer):
                raise ConfigError(f"strategy 'direct' needs an engine that briefs directly (--engine llm), "
                                  f"not {engines.name!r}")
            self._engines = engines
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
        drafts = get_strategy(engines.strategy).draft(
            articles, engines, summary_sentences=self.config.summary_sentences, log=self.log,
            max_figures=self.config.max_figures)
        return [self._assemble(d.article, headline=d.headline, summary=d.summary, summary_zh=d.summary_zh,
                               notes=d.notes, engines=engines) for d in drafts]

    # -- stages ---------------------------------------------------------------------------------

    def _page(self, item: str | bytes | Page) -> Page:
        if isinstance(item, Page):
            return item
        if isinstance(item, bytes):
            return decode_bytes(item, max_bytes=self.config.max_input_bytes)
        return page_from_text(item)

    def _assemble(
        self,
        article: Article,
        *,
        headline: str,
        summary: str,
        summary_zh: str | None,
        notes: Sequence[Note],
        engines: Engines,
    ) -> Brief:
        sha = article_sha256(article)
        return Brief.noting(
            notes,  # de-duplicated, order kept; `warnings` are their messages
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
                author=article.author,
                date=article.date,
            ),
            models=self._signature(engines),
            summary_zh=summary_zh,
        )

    def _signature(self, engines: Engines) -> dict[str, Any]:
        return {
            "engine": engines.name,
            "summariser": engines.summariser.describe(),
            "translator": engines.translator.describe(),
            "summarise_version": __version__,
        }


def brief(text: str | bytes | Page, **settings: Any) -> list[Brief]:
    """Brief every article of a page with a one-off Briefer (`settings` as for Briefer)."""
    return Briefer(**settings).brief(text)
