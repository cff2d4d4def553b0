"""Measuring what the models write: translations (BLEU, chrF, figure agreement), Chinese summaries
(character ROUGE, figures found in the text) and English briefs (figures right or wrong, key-figure
coverage, Chinese left in the English, warnings, headline length).

Each `evaluate_*` takes the data and an engine (anything with the protocol's batch method), makes one
batched call, and returns a frozen result with `to_dict()` for `--json`. Scores carry the signature of the
metric (sacrebleu's) and the engine's `describe()`, so a number says how it was made.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from summarise import guard
from summarise.articles.sentences import split_sentences
from summarise.engines.base import Summariser, Translator
from summarise.errors import ConfigError, InputError, first_line
from summarise.evaluation.brief_names import score_names
from summarise.evaluation.figures import QUANTITY_KINDS
from summarise.figures import EnglishFigure, dimension, extract_figures, is_currency, parse_english_figures
from summarise.files import checked_file
from summarise.guard.fixes import clip, unit_slip
from summarise.guard.language import cjk_characters
from summarise.guard.relations import relation_mismatch, tag_relations
from summarise.types import Article, Brief, Figure

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL")


def _rate(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _mean(values: Sequence[float]) -> float:
    return round(sum(values) / len(values), 4) if values else 0.0


@dataclass(frozen=True, kw_only=True)
class CorpusEvaluation:
    """What every scored run over a corpus records besides its scores: how long it took, the metric and
    model signature to reproduce it, and a few (source, reference, output) examples."""

    seconds: float
    signature: dict[str, Any]
    examples: tuple[tuple[str, str, str], ...] = ()
    example_keys: ClassVar[tuple[str, str, str]] = ("source", "reference", "output")
    # Rates the JSON adds: (name, part, whole), the last two being count fields.
    shares: ClassVar[tuple[tuple[str, str, str], ...]] = ()

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["examples"] = [dict(zip(self.example_keys, e, strict=True)) for e in self.examples]
        for name, part, whole in self.shares:
            data[name] = _rate(data[part], data[whole])
        return data


def _first_pairs(pairs: Sequence[tuple[str, str]], limit: int | None) -> tuple[list[tuple[str, str]], list[str],
                                                                          list[str]]:
    """The first `limit` pairs (all of them when `limit` is None or 0), and their two columns."""
    chosen = list(pairs[:limit] if limit else pairs)
    return chosen, [first for first, _ in chosen], [second for _, second in chosen]


def _outputs(run: Callable[[list[str]], Sequence[object]], inputs: list[str], what: str) -> list[str]:
    """`run(inputs)` as strings, one per input; an InputError when the model returned another count."""
    outputs = [str(output) for output in run(inputs)]
    if len(outputs) != len(inputs):
        raise InputError(f"the model returned {len(outputs)} {what} for {len(inputs)} inputs")
    return outputs


def _report(lines: list[str], examples: Sequence[tuple[str, ...]], labels: tuple[str, ...]) -> str:
    """A plain-text report: its lines, then each example with one labelled, clipped line a field."""
    for example in examples:
        lines += [f"  {label} {clip(text, 90)}" for label, text in zip(labels, example, strict=True)]
    return "\n".join(lines) + "\n"


# -- translations -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TranslationEvaluation(CorpusEvaluation):
    """Corpus BLEU and chrF of the translations, and how many Chinese figures they state, before and
    after the figure guard (which may re-translate a sentence with its figures protected)."""

    example_keys = ("zh", "reference", "hypothesis")
    shares = (("figure_agreement_before_guard", "agreed_before_guard", "figures"),
              ("figure_agreement_after_guard", "agreed_after_guard", "figures"))

    pairs: int
    bleu: float
    chrf: float
    bleu_after_guard: float
    figures: int
    agreed_before_guard: int
    agreed_after_guard: int
    guard_warnings: int


def evaluate_translation(
    pairs: Sequence[tuple[str, str]], translator: Translator, *, limit: int | None = None, examples: int = 3
) -> TranslationEvaluation:
    """Translate the Chinese side of (zh, en) pairs in one batch and score it against the references."""
    sacrebleu = _optional("sacrebleu")
    chosen, sources, references = _first_pairs(pairs, limit)
    started = time.perf_counter()
    hypotheses = _outputs(translator.translate, sources, "translations")
    # "After the guard" is what the pipeline does: the figure repair, then the language guard.
    repaired, warnings = guard.repair_translations(sources, hypotheses, translator)
    repaired, language_warnings = guard.check_language(repaired, translator)
    warnings = [[*a, *b] for a, b in zip(warnings, language_warnings, strict=True)]
    seconds = time.perf_counter() - started
    bleu = sacrebleu.metrics.BLEU()
    chrf = sacrebleu.metrics.CHRF()
    figures = agreed_before = agreed_after = 0
    for zh, before, after in zip(sources, hypotheses, repaired, strict=True):
        quantities = [f for f in extract_figures(zh) if f.kind in QUANTITY_KINDS]
        figures += len(quantities)
        parsed_before, parsed_after = parse_english_figures(before), parse_english_figures(after)
        agreed_before += sum(guard.stated_in(f, parsed_before) for f in quantities)
        agreed_after += sum(guard.stated_in(f, parsed_after) for f in quantities)
    return TranslationEvaluation(
        pairs=len(chosen),
        bleu=round(bleu.corpus_score(hypotheses, [references]).score, 2),
        chrf=round(chrf.corpus_score(hypotheses, [references]).score, 2),
        bleu_after_guard=round(bleu.corpus_score(repaired, [references]).score, 2),
        figures=figures, agreed_before_guard=agreed_before, agreed_after_guard=agreed_after,
        guard_warnings=sum(len(w) for w in warnings), seconds=round(seconds, 2),
        signature={"bleu": str(bleu.get_signature()), "chrf": str(chrf.get_signature()),
                   "translator": translator.describe()},
        examples=tuple(zip(sources, references, hypotheses))[:examples],
    )


def format_translation(result: TranslationEvaluation) -> str:
    """A plain-text report of a translation evaluation."""
    data = result.to_dict()
    lines = [
        f"pairs: {result.pairs} ({result.seconds:.1f}s)",
        f"BLEU: {result.bleu:.2f}  chrF: {result.chrf:.2f}  (after the figure guard: BLEU {result.bleu_after_guard:.2f})",
        (f"figure agreement: {data['figure_agreement_before_guard']:.1%} before the guard, "
        f"{data['figure_agreement_after_guard']:.1%} after ({result.figures} Chinese quantities, "
        f"{result.guard_warnings} guard warnings)"),
        f"signature: {result.signature['bleu']}",
    ]
    return _report(lines, result.examples, ("zh: ", "ref:", "hyp:"))


# -- summaries --------------------------------------------------------------------------------------


class CharacterTokenizer:
    """ROUGE tokens for Chinese: one token per non-space character (rouge-score's default tokenizer
    keeps only [a-z0-9] and so drops every Chinese character)."""

    def tokenize(self, text: str) -> list[str]:
        return [ch for ch in text.lower() if not ch.isspace()]


@dataclass(frozen=True)
class SummaryEvaluation(CorpusEvaluation):
    """Character ROUGE F1 against the reference summaries, figure faithfulness and length."""

    example_keys = ("text", "reference", "summary")
    shares = (("figures_in_text_share", "figures_in_text", "summary_figures"),)

    texts: int
    rouge: dict[str, float]
    summary_figures: int
    figures_in_text: int
    sentences_dropped_by_guard: int
    mean_length: float
    mean_reference_length: float


def read_summary_records(path: str | Path) -> list[tuple[str, str]]:
    """(text, summary_zh) of each JSONL record of `path`."""
    location = checked_file(path)
    records: list[tuple[str, str]] = []
    with location.open(encoding="utf-8") as handle:
        for number, line in enumerate(_lines(handle, location), 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise InputError(f"{location}: line {number} is not JSON ({error.msg})") from None
            except ValueError as error:  # an integer over Python's 4,300-digit conversion limit
                raise InputError(f"{location}: line {number} is not JSON ({first_line(error)})") from None
            except RecursionError:
                raise InputError(f"{location}: line {number} is not JSON (nested too deeply)") from None
            if not isinstance(record, dict) or not isinstance(record.get("text"), str) \
                    or not isinstance(record.get("summary_zh"), str):
                raise InputError(f"{location}: line {number} needs string fields \"text\" and \"summary_zh\"")
            records.append((record["text"], record["summary_zh"]))
    if not records:
        raise InputError(f"{location} holds no records")
    return records


def _lines(handle: Any, location: Path) -> Iterator[str]:
    """The lines of a text file, with a file that is not UTF-8 as one-line bad input."""
    try:
        yield from handle
    except UnicodeDecodeError as error:
        raise InputError(f"{location}: not UTF-8 text (bytes at offset {error.start})") from None


def evaluate_summaries(
    records: Sequence[tuple[str, str]], summariser: Summariser, *, limit: int | None = None, examples: int = 3
) -> SummaryEvaluation:
    """Summarise each text in one batch and score the summaries against the references.

    ROUGE counts characters (CharacterTokenizer): rouge-score's own tokenizer drops every Chinese one."""
    rouge_scorer = _optional("rouge_score.rouge_scorer")
    chosen, texts, _ = _first_pairs(records, limit)
    started = time.perf_counter()
    summaries = _outputs(summariser.summarise, texts, "summaries")
    seconds = time.perf_counter() - started
    scorer = rouge_scorer.RougeScorer(list(ROUGE_TYPES), tokenizer=CharacterTokenizer())
    scores: dict[str, list[float]] = {name: [] for name in ROUGE_TYPES}
    total = found = dropped = 0
    for text, (_, reference), summary in zip(texts, chosen, summaries, strict=True):
        for name, score in scorer.score(reference, summary).items():
            scores[name].append(score.fmeasure)
        article_figures = extract_figures(text)
        mine = [f for f in extract_figures(summary) if f.kind != "name"]
        total += len(mine)
        found += sum(guard.occurs_in(f, article_figures) for f in mine)
        sentences = split_sentences(summary)
        dropped += len(sentences) - len(guard.check_summary(text, sentences)[0])
    return SummaryEvaluation(
        texts=len(chosen), rouge={name: _mean(values) for name, values in scores.items()},
        summary_figures=total, figures_in_text=found, sentences_dropped_by_guard=dropped,
        mean_length=_mean([len(s) for s in summaries]),
        mean_reference_length=_mean([len(r) for _, r in chosen]), seconds=round(seconds, 2),
        signature={"rouge": "rouge-score, F1, one token per non-space character",
                   "summariser": summariser.describe()},
        examples=tuple((t, r, s) for (t, r), s in zip(chosen, summaries))[:examples],
    )


def format_summaries(result: SummaryEvaluation) -> str:
    """A plain-text report of a summary evaluation."""
    data = result.to_dict()
    rouge = "  ".join(f"{name}: {value:.4f}" for name, value in result.rouge.items())
    lines = [
        f"texts: {result.texts} ({result.seconds:.1f}s)",
        f"character ROUGE F1: {rouge}",
        (f"summary figures found in the text: {data['figures_in_text_share']:.1%} "
        f"({result.figures_in_text}/{result.summary_figures}); sentences the guard drops: "
        f"{result.sentences_dropped_by_guard}"),
        f"mean length: {result.mean_length:.1f} characters (references {result.mean_reference_length:.1f})",
    ]
    return _report(lines, result.examples, ("text:", "ref: ", "sum: "))


# -- briefs -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BriefScore:
    """One English brief measured against its article."""

    id: str
    headline: str
    headline_words: int
    english_figures: int
    correct: int
    wrong: int
    unsupported: int
    key_figures: int
    key_figures_stated: int
    cjk_characters: int
    warnings: int
    problems: tuple[str, ...] = field(default=())  # each wrong or unsupported figure, in words
    # Names (evaluation.brief_names): source names stated right, corrected by the guard, still wrong,
    # and name-like words that name nothing of the article.
    names_correct: int = 0
    names_corrected: int = 0
    names_wrong: int = 0
    names_unsupported: int = 0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["key_figure_coverage"] = _rate(self.key_figures_stated, self.key_figures)
        data["problems"] = list(self.problems)
        return data


@dataclass(frozen=True)
class BriefsEvaluation:
    """Per-brief scores and their totals."""

    briefs: tuple[BriefScore, ...]
    seconds: float = 0.0
    signature: dict[str, Any] = field(default_factory=dict)

    def overall(self) -> dict[str, Any]:
        def total(name: str) -> int:
            return sum(getattr(b, name) for b in self.briefs)

        return {
            "briefs": len(self.briefs),
            **{name: total(name) for name in ("english_figures", "correct", "wrong", "unsupported",
                                              "key_figures", "key_figures_stated", "cjk_characters",
                                              "warnings", "names_correct", "names_corrected", "names_wrong",
                                              "names_unsupported")},
            "figures_correct_share": _rate(total("correct"), total("english_figures")),
            "key_figure_coverage": _rate(total("key_figures_stated"), total("key_figures")),
            "briefs_with_cjk": sum(b.cjk_characters > 0 for b in self.briefs),
            "mean_headline_words": _mean([b.headline_words for b in self.briefs]),
            "max_headline_words": max((b.headline_words for b in self.briefs), default=0),
        }

    def to_dict(self) -> dict[str, Any]:
        return {"overall": self.overall(), "briefs": [b.to_dict() for b in self.briefs],
                "seconds": round(self.seconds, 2), "signature": self.signature}


def score_brief(brief: Brief, article: Article) -> BriefScore:
    """Each English figure of the brief (headline and summary) is correct (an article figure of the same
    value and relation; a measure's value in base units, so "2,000 megawatts" states 200万千瓦), wrong (the
    article's digits at another value, such as "200 megawatts", or the wrong relation) or unsupported (no
    article figure like it; an amount in another currency than the article's, which cannot be compared);
    a key figure counts as stated when a correct English figure states it."""
    source_text = "\n".join(filter(None, (article.headline, article.subheadline, article.body)))
    article_figures = [f for f in extract_figures(source_text) if f.kind != "name"]
    tagged = tag_relations(source_text, article_figures)
    correct = wrong = unsupported = 0
    problems: list[str] = []
    right: list[EnglishFigure] = []  # English figures with the right value and relation
    for sentence in [brief.headline, *split_sentences(brief.summary)]:
        for found in parse_english_figures(sentence):
            if found.kind in ("date", "year") or not any(ch.isdigit() for ch in found.text):
                right.append(found)  # dates are not scored, but a key date they state is covered
                continue
            verdict, problem = _figure_verdict(sentence, found, article_figures, tagged)
            if verdict == "correct":
                right.append(found)
            correct += verdict == "correct"
            wrong += verdict == "wrong"
            unsupported += verdict == "unsupported"
            if problem:
                problems.append(problem)
    english = f"{brief.headline}\n{brief.summary}"
    names = score_names(brief, article)
    problems.extend(names.problems)
    return BriefScore(
        id=brief.id, headline=brief.headline, headline_words=len(brief.headline.split()),
        english_figures=correct + wrong + unsupported, correct=correct, wrong=wrong, unsupported=unsupported,
        key_figures=len(brief.figures),
        key_figures_stated=sum(guard.stated_in(f, right) for f in brief.figures),
        cjk_characters=cjk_characters(english), warnings=len(brief.warnings), problems=tuple(problems),
        names_correct=names.correct, names_corrected=names.corrected, names_wrong=names.wrong,
        names_unsupported=names.unsupported,
    )


def _figure_verdict(
    sentence: str, found: EnglishFigure, article_figures: Sequence[Figure], tagged: Sequence[Any]
) -> tuple[str, str | None]:
    if any(guard.matches(f, found) for f in article_figures):
        _, mismatch = relation_mismatch(sentence, found, tagged)
        if mismatch:
            return "wrong", f'"{found.text}": {mismatch}'
        return "correct", None
    alike = [f for f in article_figures if f.value is not None and found.value is not None
             and guard.significant_digits(f.value) == guard.significant_digits(found.value)]
    # A unit slip ("200 megawatts" for 200万千瓦) names the figure of the same dimension first.
    alike.sort(key=lambda f: dimension(f.unit) != dimension(found.unit))
    if alike:
        slip = unit_slip(alike[0], found)
        said = f'"{found.text}" ({slip})' if slip else f'"{found.text}"'
        return "wrong", f'{said}: the article says {alike[0].text} ("{alike[0].english}")'
    if is_currency(found.unit):
        others = sorted({str(f.unit) for f in article_figures if is_currency(f.unit) and f.unit != found.unit})
        if others and not any(f.unit == found.unit for f in article_figures):
            return "unsupported", (f'"{found.text}": the article states money in {" and ".join(others)}; an amount '
                                   f"in {found.unit} cannot be compared with it")
    return "unsupported", f'"{found.text}": no figure of the article states it'


def evaluate_briefs(pairs: Iterable[tuple[Brief, Article]], *, seconds: float = 0.0,
                    signature: dict[str, Any] | None = None) -> BriefsEvaluation:
    """Score each (brief, its article)."""
    return BriefsEvaluation(tuple(score_brief(b, a) for b, a in pairs), seconds, signature or {})


def format_briefs(result: BriefsEvaluation) -> str:
    """A plain-text report: one line per brief, its problems, and the totals."""
    lines = []
    for b in result.briefs:
        lines.append(f"{b.id}: figures {b.correct} correct, {b.wrong} wrong, {b.unsupported} unsupported; "
                     f"key figures {b.key_figures_stated}/{b.key_figures}; names {b.names_correct} correct, "
                     f"{b.names_corrected} corrected, {b.names_wrong} wrong, {b.names_unsupported} unsupported; "
                     f"CJK {b.cjk_characters}; "
                     f"warnings {b.warnings}; headline {b.headline_words} words")
        lines.extend(f"    {problem}" for problem in b.problems)
    o = result.overall()
    lines.append(
        f"overall ({o['briefs']} briefs): figures {o['correct']} correct, {o['wrong']} wrong, "
        f"{o['unsupported']} unsupported ({o['figures_correct_share']:.1%} correct); names {o['names_correct']} "
        f"correct, {o['names_corrected']} corrected, {o['names_wrong']} wrong, {o['names_unsupported']} "
        f"unsupported; key-figure coverage "
        f"{o['key_figure_coverage']:.1%}; CJK characters {o['cjk_characters']} in {o['briefs_with_cjk']} "
        f"briefs; warnings {o['warnings']}; headline {o['mean_headline_words']:.1f} words on average, "
        f"{o['max_headline_words']} at most")
    return "\n".join(lines) + "\n"


def read_briefs(path: str | Path) -> list[Brief] | None:
    """The briefs of a JSON array or JSONL file of briefs; None when `path` holds something else (such
    as a Chinese page to brief). JSON nested too deeply to parse is bad input (InputError), not a crash."""
    location = checked_file(path)
    try:
        text = location.read_text(encoding="utf-8").strip()
    except UnicodeDecodeError:
        return None
    if not text.startswith(("[", "{")):
        return None
    try:
        data = json.loads(text) if text.startswith("[") else [json.loads(line) for line in text.splitlines()
                                                             if line.strip()]
    except RecursionError:
        raise InputError(f"{location}: JSON nested too deeply to be a briefs file") from None
    except ValueError:  # not JSON (JSONDecodeError), or a number over the conversion limit: not briefs
        return None
    if not data or not all(isinstance(d, dict) and "headline" in d and "source" in d for d in data):
        return None
    try:
        return [Brief.from_dict(d) for d in data]
    except (KeyError, TypeError, ValueError) as error:
        raise InputError(f"{location}: not a valid briefs file ({error})") from None


def articles_for(briefs: Sequence[Brief]) -> list[Article]:
    """The article each brief was made from, found again through its source path and content hash."""
    from summarise.articles import split_articles
    from summarise.pipeline import article_sha256
    from summarise.reading.readers import load_pages

    by_hash: dict[str, Article] = {}
    for path in dict.fromkeys(_source_file(b.source.path) for b in briefs):
        if not path or not Path(path).is_file():
            raise InputError(f"the source of the briefs, {path!r}, is not a readable file")
        for page in load_pages(path):
            for article in split_articles(page):
                by_hash[article_sha256(article)] = article
    missing = [b.id for b in briefs if b.source.sha256 not in by_hash]
    if missing:
        raise InputError(f"brief {missing[0]}: its source article changed or is gone (hash differs)")
    return [by_hash[b.source.sha256 or ""] for b in briefs]


def _source_file(path: str | None) -> str | None:
    """The file a brief's source path names: a JSONL record's path ends in ":<line>"."""
    if path and not Path(path).is_file():
        base, _, line = path.rpartition(":")
        if line.isdigit() and Path(base).is_file():
            return base
    return path


def _optional(module: str) -> Any:
    """Import a metric library of the `eval` extra, or say in one line how to install it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise ConfigError(f"this evaluation needs {module.split('.')[0]}: pip install 'summarise[eval]'") from None
