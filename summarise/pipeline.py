"""The pipeline: Page -> [Article] -> guarded English drafts -> Brief.

`Briefer` holds the engines (loaded lazily, once) and batches every model call across the articles it
is given. A strategy (summarise.strategies: two-stage, lead or direct; the config's, else the engine's own)
turns articles into drafts; each stage it calls is a public function of its own module.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from summarise import guard
from summarise._version import __version__
from summarise.articles import split_articles
from summarise.articles.ids import article_id, article_sha256
from summarise.config import BriefConfig, resolve_config
from summarise.engines.base import Summariser, Translator
from summarise.engines.factory import Engines, build_engines
from summarise.errors import ConfigError
from summarise.names import distinct_names, extract_names
from summarise.reading.normalise import page_from_text
from summarise.reading.readers import decode_bytes
from summarise.strategies import DirectBriefer, Draft, StageLog, get_strategy, guard_notes
from summarise.types import Article, Brief, Name, Note, Page, SourceRef

if TYPE_CHECKING:
    from summarise.sources import Fetcher

__all__ = ["Briefer", "article_id", "article_sha256", "brief", "check_draft_names"]


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

    def brief_url(self, url: str, *, fetcher: Fetcher | None = None, **fetch_settings: Any) -> list[Brief]:
        """Fetch a web page and brief its articles; each brief's `source.url` is the page's address.

        The fetch is polite and bounded (robots.txt, public addresses only, a size cap of this config's
        max_input_bytes, timeouts): pass a `summarise.sources.Fetcher`, or settings for a new one
        (allow_private=True, timeout=..., see FetchSettings). Fetch failures raise a typed FetchError.
        """
        from summarise.sources import fetch_pages

        fetch_settings.setdefault("max_bytes", self.config.max_input_bytes)
        pages = fetch_pages(url, fetcher=fetcher, **fetch_settings)
        return self.brief_articles([article for page in pages for article in split_articles(page)])

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
        briefs = []
        for draft in drafts:
            names = extract_names(draft.article)  # once per article: for the names guard and the brief
            d = check_draft_names(draft, names)
            briefs.append(self._assemble(d.article, headline=d.headline, summary=d.summary, summary_zh=d.summary_zh,
                                         notes=d.notes, engines=engines, names=distinct_names(names)))
        return briefs

    # -- stages ---------------------------------------------------------------------------------

    def _page(self, item: str | bytes | Page) -> Page:
        if isinstance(item, Page):
            return item
        if isinstance(item, bytes):
            return decode_bytes(item, max_bytes=self.config.max_input_bytes, pdf_limits=self.config.pdf_limits)
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
        names: Sequence[Name] = (),
    ) -> Brief:
        sha = article_sha256(article)
        source = source_ref(article, sha)
        return Brief.noting(
            notes,  # de-duplicated, order kept; `warnings` are their messages
            id=article_id(article, sha),
            headline=headline.strip(),
            summary=summary.strip(),
            figures=tuple(guard.key_figures(article, limit=self.config.max_figures)),
            names=tuple(names),
            source=source,
            models=self._signature(engines),
            summary_zh=summary_zh,
            # A story several pages carried (summarise.sources.dedup) lists them all, this one first.
            sources=(source, *(source_ref(reprint) for reprint in article.reprints)) if article.reprints else (),
        )

    def _signature(self, engines: Engines) -> dict[str, Any]:
        return {
            "engine": engines.name,
            "summariser": engines.summariser.describe(),
            "translator": engines.translator.describe(),
            "summarise_version": __version__,
        }


def source_ref(article: Article, sha256: str | None = None) -> SourceRef:
    """Where a brief of `article` came from: its headline, byline, span, path or URL and content hash."""
    return SourceRef(
        headline=article.headline, byline=article.byline, start=article.start, end=article.end,
        path=article.source, subheadline=article.subheadline, sha256=sha256 or article_sha256(article),
        author=article.author, date=article.date, url=article.url,
    )


def check_draft_names(draft: Draft, names: Sequence[Name] | None = None) -> Draft:
    """The names guard on one draft, whatever strategy made it: every person and place of the article
    in its standard English form (guard.check_names), with a note per correction or doubt."""
    article = draft.article
    names = extract_names(article) if names is None else names
    source = "\n".join(filter(None, (article.headline, article.subheadline, article.body)))
    (headline, summary), notes = guard.check_names([draft.headline, draft.summary], names, source)
    if headline == draft.headline and summary == draft.summary and not any(notes):
        return draft
    return Draft(article, headline=headline, summary=summary, summary_zh=draft.summary_zh,
                 notes=(*draft.notes, *guard_notes(w for ws in notes for w in ws)))


def brief(text: str | bytes | Page, **settings: Any) -> list[Brief]:
    """Brief every article of a page with a one-off Briefer (`settings` as for Briefer)."""
    return Briefer(**settings).brief(text)
