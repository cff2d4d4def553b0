"""The instruct-LLM engine: one causal LM (hub id, local folder or GGUF file) driven by prompt templates.

It implements both protocols (`summarise`, `translate`) and a direct path, `brief_direct`, that turns
each Chinese article into an English headline and summary in one call. Three parts:

- a chat backend (`ChatGenerator`: transformers, llama.cpp or an OpenAI-compatible server, chosen by
  `choose_backend`) runs greedy generation; where the answer must be English it forbids the tokens
  that hold CJK characters (summarise.engines.english_only);
- `summarise.engines.llm_answers.parse_answer` reads the model's reply: a JSON object if there is
  one (also fenced, cut off or wrapped in prose), else labelled lines, else the raw text;
- `LLMEngine` fills the templates, retries once with a stricter prompt when a reply cannot be read
  (asking for one sentence when a reply was cut off before its first sentence ended), and falls back
  gracefully, recording a warning, when the retry fails too. It counts the prompts it sends, by
  template (`model_calls`), for `-v` and the benchmarks.

The figure hints in the prompts only reduce repairs: the pipeline still runs every answer through
`summarise.guard`.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from summarise.articles.sentences import sentence_spans
from summarise.engines.llm_answers import (
    ParsedAnswer,
    ScreenedReply,
    clean_reply,
    complete_sentences,
    parse_answer,
    screen_reply,
    without_prompt_echo,
)
from summarise.engines.registry import CHAT_BACKENDS, backend_available, load
from summarise.errors import ConfigError, ProcessingError
from summarise.models.prompts import PromptTemplate, load_prompts
from summarise.names.hints import name_hints

if TYPE_CHECKING:
    from summarise.config import BriefConfig
    from summarise.engines.base import Engines
    from summarise.types import Article, Figure

logger = logging.getLogger(__name__)

DEFAULT_MAX_NEW_TOKENS = 256
DEFAULT_SUMMARY_SENTENCES = 3
MAX_FIGURE_HINTS = 12
# The strategy the LLM engine briefs with unless told otherwise: the one that measured best on the corpus
# and the dev data (benchmarks/strategies.py; the table is in benchmarks/README.md).
DEFAULT_STRATEGY = "lead"
NONE_TEXT = "(none)"


# -- answers ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DirectAnswer:
    """The LLM's English brief of one article, before the pipeline's figure guard."""

    headline: str
    summary: str
    figures: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


# -- figure hints -------------------------------------------------------------------------------


def render_figure_hints(figures: Sequence[Figure], limit: int = MAX_FIGURE_HINTS) -> str:
    """One `- 22.7亿元 = 2.27 billion yuan` line per distinct figure, or "(none)"."""
    lines = list(dict.fromkeys(f"- {f.text} = {f.english}" for f in figures if f.english))
    return "\n".join(lines[:limit]) or NONE_TEXT


def figure_hints(text: str) -> str:
    """The deterministic English renderings of the figures in `text`, as prompt lines."""
    from summarise.figures import extract_figures

    return render_figure_hints(extract_figures(text))


# -- the model ----------------------------------------------------------------------------------


class ChatGenerator(Protocol):
    """What the engine needs from a model: batched replies to user messages, and token counts.

    `generate` returns one reply per prompt, in order; a backend that knows a reply stopped at the token
    limit returns it as a `llm_answers.Reply` with `cut_off` set. With `english_only`, the backend keeps
    CJK tokens out of the replies where it can (a server that cannot be told is asked without)."""

    def generate(self, prompts: list[str], *, english_only: bool = False) -> list[str]: ...

    def count_tokens(self, prompt: str) -> int: ...

    def context_limit(self) -> int | None: ...

    def describe(self) -> dict[str, Any]: ...


@dataclass(frozen=True)
class ChatSettings:
    """Everything a chat backend may need; each backend reads the fields that apply to it."""

    device: str = "auto"
    max_new_tokens: int = DEFAULT_MAX_NEW_TOKENS
    batch_size: int = 8
    api_base: str | None = None
    api_key: str | None = field(default=None, repr=False)  # never shown, logged or written into a brief
    concurrency: int = 4
    timeout: float = 120.0


def choose_backend(model: str, backend: str, settings: ChatSettings) -> str:
    """The backend for `backend` ("auto": a server when an API base is set, llama.cpp for a local GGUF
    file when llama-cpp-python is installed, else transformers)."""
    if backend != "auto" and backend not in CHAT_BACKENDS:
        raise ConfigError(f"unknown LLM backend {backend!r}; choose one of auto, {', '.join(CHAT_BACKENDS)}")
    if backend != "auto":
        if backend == "openai" and not settings.api_base:
            raise ConfigError("the openai backend needs a server: pass --api-base URL or set SUMMARISE_API_BASE")
        return backend
    if settings.api_base:
        return "openai"
    if (model.lower().endswith(".gguf") and Path(model).expanduser().is_file()
            and backend_available("llama.cpp")):
        return "llama.cpp"
    return "transformers"


def open_chat(model: str, backend: str, settings: ChatSettings) -> ChatGenerator:
    """The chat backend named by `backend` (or chosen for `model`), not yet loaded."""
    backend_class: Any = load(CHAT_BACKENDS[choose_backend(model, backend, settings)])
    chat: ChatGenerator = backend_class.from_settings(model, settings)
    return chat


# -- the engine ---------------------------------------------------------------------------------


class LLMEngine:
    """Summariser, Translator and direct briefer backed by one instruct causal LM."""

    def __init__(
        self,
        model: str,
        *,
        device: str = "auto",
        max_new_tokens: int | None = None,
        batch_size: int = 8,
        prompts_dir: str | Path | None = None,
        prompt_overrides: Mapping[str, str | Path] | None = None,
        summary_sentences: int = DEFAULT_SUMMARY_SENTENCES,
        chat: ChatGenerator | None = None,
        hints: Callable[[str], str] = figure_hints,
        backend: str = "auto",
        settings: ChatSettings | None = None,
        english_only: bool = True,
    ) -> None:
        if chat is None and not model:
            raise ConfigError("engine 'llm' needs a model: pass --model ID|DIR|FILE.gguf")
        self.model = model
        self.max_new_tokens = max_new_tokens or DEFAULT_MAX_NEW_TOKENS
        self.summary_sentences = summary_sentences
        # Templates load now, so a bad --prompt fails before any model is loaded.
        self.prompts: dict[str, PromptTemplate] = load_prompts(prompts_dir=prompts_dir,
                                                               overrides=prompt_overrides)
        settings = replace(settings or ChatSettings(), device=device, max_new_tokens=self.max_new_tokens,
                           batch_size=batch_size)
        self.chat: ChatGenerator = chat or open_chat(model, backend, settings)
        self._hints = hints
        # English answers (briefs, translations, headlines) are decoded without CJK tokens.
        self.english_only = english_only
        self.model_calls: Counter[str] = Counter()  # prompts sent, by template name

    # -- the protocols ---------------------------------------------------------------------------

    def summarise(self, texts: list[str]) -> list[str]:
        """A Chinese summary of each Chinese text (prompt `summarise_zh`)."""
        prompts, shortened = self._render_all("summarise_zh", [self._values(text, None) for text in texts])
        for warning in filter(None, shortened):
            logger.warning("summarise_zh: %s", warning)  # the protocol returns text only: log it
        instructions = self.prompts["summarise_zh"].text
        replies = self._generate("summarise_zh", prompts, english=False)
        return [without_prompt_echo(clean_reply(reply.text), instructions) for reply in replies]

    def translate(self, texts: list[str]) -> list[str]:
        """An English translation of each Chinese text (prompt `translate_zh_en`). A reply cut off at the
        token limit keeps only its complete sentences (none: empty, and the guard supplies the figures)."""
        template = self.prompts["translate_zh_en"]
        prompts = [template.render({"text": text, "figures": self._hints(text), "names": name_hints(text)})
                   for text in texts]
        translations = []
        for reply in self._generate("translate_zh_en", prompts, english=True):
            text = without_prompt_echo(clean_reply(reply.text), template.text)
            if reply.cut_off:
                logger.warning("translate_zh_en: a reply was cut off at %d tokens; its unfinished sentence "
                               "was dropped", self.max_new_tokens)  # the protocol returns text only: log it
                text = complete_sentences(text)
            translations.append(text)
        return translations

    def headline_en(self, articles: Sequence[Article]) -> list[str]:
        """One English headline per article (prompt `headline_en`): the reply's first line."""
        values = [self._values(a.body, a.headline) for a in articles]
        replies = self._generate("headline_en", self._render_all("headline_en", values)[0], english=True)
        return [next(iter(clean_reply(reply.text).splitlines()), "").strip() for reply in replies]

    # -- the direct path -------------------------------------------------------------------------

    def brief_direct(self, articles: list[Article]) -> list[DirectAnswer]:
        """An English headline and summary per article: one call each, one stricter retry if needed (for
        one sentence when the first reply was cut off before its first sentence ended)."""
        values = [self._values(a.body, a.headline) for a in articles]
        prompts, shortened = self._render_all("brief_direct", values)
        warnings = [[w] if w else [] for w in shortened]
        first = [self._read(reply, warnings[i])
                 for i, reply in enumerate(self._generate("brief_direct", prompts, english=True, warnings=warnings))]
        final = list(first)
        retry = [i for i, parsed in enumerate(first) if not parsed.complete]
        if retry:
            # A reply cut off before its first sentence ended is asked again for one sentence: shorter.
            strict = self._render_all("brief_direct_retry", [
                {**values[i], "sentences": "1"} if first[i].form == "cut-json" else values[i] for i in retry])[0]
            retried = self._generate("brief_direct_retry", strict, english=True, warnings=[warnings[i] for i in retry])
            for i, reply in zip(retry, retried):
                warnings[i].append(f"malformed LLM answer ({first[i].problem}); retried with a stricter prompt")
                second = self._read(reply, warnings[i])
                final[i] = second if second.complete else _better(second, first[i])
                if not final[i].complete:
                    warnings[i].append(f"the retry failed too ({second.problem}); used what could be read")
        no_headline = [i for i, parsed in enumerate(final) if not parsed.headline]
        written = self.headline_en([articles[i] for i in no_headline]) if no_headline else []
        headlines = dict(zip(no_headline, written))
        answers = [self._answer(parsed, headlines.get(i, ""), warnings[i]) for i, parsed in enumerate(final)]
        for article, answer in zip(articles, answers):
            if not answer.headline and not answer.summary:
                # An empty brief would count as done and never be retried: it is a failure of its article.
                raise ProcessingError(f"the LLM gave neither a headline nor a summary for article "
                                      f"{article.index + 1} (after a retry with a stricter prompt)")
        return answers

    def _read(self, reply: ScreenedReply, warnings: list[str]) -> ParsedAnswer:
        """The parsed reply. One cut off at the token limit keeps only its complete sentences, so no brief
        ends mid-sentence, and `warnings` says so. (A whole JSON object was not cut, whatever followed.)"""
        parsed = parse_answer(reply.text)
        if parsed.form == "json" or not (reply.cut_off or parsed.form == "cut-json"):
            return parsed
        if parsed.form == "text":  # the raw text becomes the summary: trim that
            kept = complete_sentences(clean_reply(parsed.raw))
            parsed = replace(parsed, raw=kept)
        else:
            kept = complete_sentences(parsed.summary or "")
            parsed = replace(parsed, summary=kept or None)
        warnings.append(f"the LLM answer was cut off at {self.max_new_tokens} tokens; "
                        + ("its unfinished sentence was dropped" if kept else "no sentence of it was complete"))
        return parsed

    @staticmethod
    def _answer(parsed: ParsedAnswer, written_headline: str, warnings: list[str]) -> DirectAnswer:
        """The DirectAnswer for a parsed reply, filling gaps and saying how in the warnings."""
        headline = parsed.headline or written_headline
        if not parsed.headline:
            warnings.append("headline written by the separate headline prompt" if headline
                            else "the LLM gave no headline")
        summary = parsed.summary or ""
        if not summary:
            summary = clean_reply(parsed.raw) if parsed.form == "text" else ""
            warnings.append("the LLM answer was not a brief; its raw text is used as the summary"
                            if summary else "the LLM gave no summary; the brief is empty")
        return DirectAnswer(headline=headline, summary=summary, figures=parsed.figures,
                            warnings=tuple(dict.fromkeys(warnings)))

    def describe(self) -> dict[str, Any]:
        """Model, settings and each template's origin and hash: recorded in every brief."""
        return {
            **self.chat.describe(),
            "engine": "llm",
            "decoding": "greedy",
            "english_only": self.english_only,
            "max_new_tokens": self.max_new_tokens,
            "prompts": {name: p.describe() for name, p in self.prompts.items()},
        }

    # -- helpers ---------------------------------------------------------------------------------

    def _generate(self, task: str, prompts: list[str], *, english: bool,
                  warnings: Sequence[list[str]] | None = None) -> list[ScreenedReply]:
        """The chat backend's replies to `prompts` of template `task`, counted and screened
        (llm_answers.screen_reply): each repair is added to that prompt's `warnings`, or logged where the
        caller keeps no warnings (the protocols return text only)."""
        if not prompts:
            return []
        self.model_calls[task] += len(prompts)
        replies = self.chat.generate(prompts, english_only=english and self.english_only)
        if len(replies) != len(prompts):
            raise ProcessingError(f"the LLM backend returned {len(replies)} replies for {len(prompts)} prompts")
        screened = [screen_reply(reply, self.max_new_tokens) for reply in replies]
        for index, reply in enumerate(screened):
            if warnings is not None:
                warnings[index].extend(reply.warnings)
                continue
            for warning in reply.warnings:
                logger.warning("%s", warning)
        return screened

    def _values(self, body: str, headline: str | None) -> dict[str, str]:
        return {
            "article": body,
            "headline": headline or NONE_TEXT,
            "figures": self._hints(body),
            "names": name_hints("\n".join(filter(None, (headline, body)))),
            "sentences": str(self.summary_sentences),
        }

    def _render(self, name: str, values: dict[str, str]) -> tuple[str, str | None]:
        """The filled template and None, or, when it overflows the model's context, the template with
        the article cut at the last sentence end that fits (mid-sentence only if no sentence fits) and
        a warning saying so. Never a silent truncation."""
        template = self.prompts[name]
        prompt = template.render(values)
        limit = self.chat.context_limit()
        if limit is None or self._fits(prompt, limit):
            return prompt, None
        article = values["article"]

        def shortened(cut: int) -> dict[str, str]:
            # The figures and names listed are those of the text the model sees: long lists of the whole
            # article must not crowd the article out of the context.
            kept = article[:cut]
            return {**values, "article": kept, "figures": self._hints(kept), "names": name_hints(kept)}

        def fits(cut: int) -> bool:
            return self._fits(template.render(shortened(cut)), limit)

        ends = [end for _, end in sentence_spans(article)]
        kept = _last_true(fits, ends)
        if kept:
            warning = (f"article shortened to its first {kept} of {len(ends)} sentences to fit the model's "
                       f"context of {limit} tokens")
            cut = ends[kept - 1]
        else:
            cut = _last_true(fits, list(range(1, len(article) + 1)))
            warning = (f"article cut to its first {cut} characters, mid-sentence, to fit the model's "
                       f"context of {limit} tokens")
        return template.render(shortened(cut)), warning

    def _fits(self, prompt: str, limit: int) -> bool:
        return self.chat.count_tokens(prompt) + self.max_new_tokens <= limit

    def _render_all(self, name: str, values: Sequence[dict[str, str]]) -> tuple[list[str], list[str | None]]:
        """Prompts for many articles, and the shortening warning (or None) of each."""
        rendered = [self._render(name, v) for v in values]
        return [prompt for prompt, _ in rendered], [warning for _, warning in rendered]


def _last_true(predicate: Callable[[int], bool], cuts: Sequence[int]) -> int:
    """How many of the ascending `cuts` pass `predicate` (which holds for a prefix of them), by bisection."""
    low, high = 0, len(cuts)
    while low < high:
        middle = (low + high + 1) // 2
        if predicate(cuts[middle - 1]):
            low = middle
        else:
            high = middle - 1
    return low


def _better(second: ParsedAnswer, first: ParsedAnswer) -> ParsedAnswer:
    """The reply with more usable content (a headline and a summary count one each; ties go to the retry)."""
    def score(p: ParsedAnswer) -> int:
        return bool(p.headline) + bool(p.summary) * 2 + (p.form == "text")
    return second if score(second) >= score(first) else first


def build(config: BriefConfig) -> Engines:
    """The LLM engine for `config` (the registry's builder for engine "llm"): one model serves both
    roles; its strategy, unless the config names one, is DEFAULT_STRATEGY."""
    from summarise.engines.base import Engines

    llm = LLMEngine(
        config.llm_model or "",
        device=config.device,
        max_new_tokens=config.max_new_tokens,
        batch_size=config.batch_size,
        prompts_dir=config.prompts_dir,
        prompt_overrides=dict(config.prompt_overrides),
        summary_sentences=config.summary_sentences,
        backend=config.llm_backend,
        settings=ChatSettings(api_base=config.api_base, api_key=config.api_key,
                              concurrency=config.concurrency, timeout=config.request_timeout),
        english_only=config.english_only,
    )
    return Engines(summariser=llm, translator=llm, name="llm", strategy=DEFAULT_STRATEGY)
