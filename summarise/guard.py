"""The figure guard: no wrong or invented figure reaches the reader silently.

- `check_summary`: every figure of the zh summary must occur in the article; a sentence with a figure
  that does not is a hallucination and is dropped, with a warning.
- `repair_translation`: every figure of each zh sentence must appear in its English with an equal value
  and a compatible qualifier. A wrong rendering is repaired in place when it is the only candidate;
  otherwise the sentence is re-translated with its figures protected by placeholders; if that fails too,
  the deterministic rendering is appended. Every change is recorded as a one-line warning.
- `check_english`: the same promise for the one-step LLM path, checked against the article itself.
- `key_figures`: the article's figures ranked by salience, with page offsets.
- `check_language` (summarise.guard_language): Chinese left in the English is re-translated,
  transliterated or removed; the relation check (summarise.relations) runs inside `repair_translations`
  and `check_english`: a percentage the Chinese gives as a share must not read as a change.

Values are compared exactly (Decimal); units only where they change meaning (currency, percent versus
percentage points); count nouns are not compared, because the zh side guesses them from context.
Figures of kind "name" (十四五, Ⅱ类) carry no value: a missing one is warned about, never "repaired".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from summarise.engines.base import Translator
from summarise.figures import (
    EnglishFigure,
    date_parts,
    extract_figures,
    parse_english_figures,
    render_english,
)
from summarise.guard_language import remove_chinese
from summarise.relations import check_relations, tag_relations
from summarise.types import Article, Figure

# Qualifiers that mean the same thing for a reader ("more than 4,000" and "over 4,000").
_QUALIFIER_GROUPS = {"over": "above", "more than": "above", "at least": "least", "under": "below",
                     "nearly": "near", "about": "near", "up to": "upto"}
_PLACEHOLDER = re.compile(r"\[\s*F\s*(\d+)\s*\]", re.IGNORECASE)


@dataclass(frozen=True)
class _Fix:
    """One edit to an English sentence: replace [start, end) with `replacement`."""

    start: int
    end: int
    replacement: str
    warning: str
    figure: Figure | None = None  # the source figure the edit restores


# -- comparisons ------------------------------------------------------------------------------------


def qualifiers_compatible(source: str | None, english: str | None) -> bool:
    """True when the English qualifier says what the source's says (None only matches None)."""
    if source is None or english is None:
        return source is None and english is None
    return _QUALIFIER_GROUPS.get(source, source) == _QUALIFIER_GROUPS.get(english, english)


def _category(figure: Figure) -> str:
    if figure.kind == "range" and figure.unit in ("month", "year"):
        return "date"
    if figure.kind in ("percent", "money", "date", "ordinal", "name"):
        return figure.kind
    return "number"


def matches(figure: Figure, english: EnglishFigure) -> bool:
    """True when the English figure states the same quantity as the Chinese one (qualifier aside)."""
    category = _category(figure)
    if category == "date":
        if figure.kind == "range" or figure.unit == "year":
            return english.value == figure.value and english.kind in ("year", "number")
        _, month, day = date_parts(figure)
        if month is None:
            return english.kind in ("ordinal", "number") and english.value == day
        return english.kind == "date" and english.month == month and (day is None or english.day == day)
    if english.value is None or figure.value is None or english.value != figure.value:
        return False
    if category == "percent":
        wanted = "percentage points" if figure.unit == "percentage points" else "percent"
        return english.unit in (wanted, None)
    if category == "money":
        return english.unit in (figure.unit, None)
    if category == "ordinal":
        return english.kind in ("ordinal", "number")
    # 50层 and "the 50th floor" state the same number; only percentages and dates are told apart.
    return english.kind in ("number", "fraction", "year", "ordinal") or (
        english.kind == "money" and figure.unit is None)


def _candidate(figure: Figure, english: EnglishFigure) -> bool:
    """True when `english` could be a (wrong) rendering of `figure`: the same sort of quantity."""
    category = _category(figure)
    if category == "date":
        return english.kind == "date" if figure.unit not in ("year",) else english.kind in ("year", "number")
    if category == "percent":
        return english.kind == "percent"
    if category == "ordinal":
        return english.kind in ("ordinal", "number")
    # A year ("in 2024") is never taken for a mis-rendered count or amount.
    return english.kind not in ("date", "ordinal", "percent", "fraction", "year")


def _significant(value: Decimal | None) -> str:
    """The significant digits of a value: 2.27e9 and 22.7e9 both give '227'."""
    if value is None or not value.is_finite():
        return ""
    return "".join(str(d) for d in value.normalize().as_tuple().digits).strip("0")


def significant_digits(value: Decimal | None) -> str:
    """The significant digits of a value, for telling a wrong magnitude ("22.7 billion") from a wrong
    number."""
    return _significant(value)


def _same_quantity(summary: Figure, article: Figure) -> bool:
    """True when a zh summary figure states a quantity the article states (qualifiers aside)."""
    if summary.kind == "name" or article.kind == "name":
        return summary.kind == article.kind and summary.english == article.english
    if summary.kind == "date" or article.kind == "date":
        if summary.kind != article.kind:
            return False
        if summary.unit == "year" or article.unit == "year":
            return summary.value == article.value
        mine, theirs = date_parts(summary), date_parts(article)
        return all(a is None or a == b for a, b in zip(mine, theirs))
    if summary.value != article.value or summary.upper != article.upper:
        return False
    if summary.kind in ("money", "percent", "measure") and article.kind == summary.kind:
        return summary.unit in (article.unit, None) or article.unit is None
    return summary.kind == article.kind or summary.unit is None or article.unit is None or \
        summary.kind == "count" or article.kind == "count"


def occurs_in(figure: Figure, article_figures: Sequence[Figure]) -> bool:
    """True when a zh summary figure states a quantity one of the article's figures states."""
    return any(_same_quantity(figure, a) for a in article_figures)


def _has_digits(english: EnglishFigure) -> bool:
    return any(ch.isdigit() for ch in english.text)


# -- the summary check ------------------------------------------------------------------------------


def check_summary(article_text: str, sentences: Sequence[str]) -> tuple[list[str], list[str]]:
    """Keep the zh summary sentences whose figures all occur in the article; warn about the rest."""
    article_figures = extract_figures(article_text)
    kept: list[str] = []
    warnings: list[str] = []
    for sentence in sentences:
        invented = [f for f in extract_figures(sentence) if not occurs_in(f, article_figures)]
        if invented:
            listed = ", ".join(f'{f.text} ("{f.english}")' for f in invented)
            warnings.append(f"summary sentence dropped: figure {listed} does not occur in the article: "
                            f"{_clip(sentence)}")
        else:
            kept.append(sentence)
    return kept, warnings


# -- repairing the translation ----------------------------------------------------------------------


def repair_translation(
    zh_sentences: Sequence[str],
    en_sentences: Sequence[str],
    translator: Translator | None = None,
) -> tuple[list[str], list[str]]:
    """The English with every figure of its zh sentence stated correctly, and a warning per change."""
    repaired, per_sentence = repair_translations(zh_sentences, en_sentences, translator)
    return repaired, [warning for warnings in per_sentence for warning in warnings]


def repair_translations(
    zh_sentences: Sequence[str],
    en_sentences: Sequence[str],
    translator: Translator | None = None,
) -> tuple[list[str], list[list[str]]]:
    """As repair_translation, with the warnings kept per sentence, so that a caller can repair a whole
    batch of articles at once: every placeholder re-translation goes to the translator in one call."""
    figures = [extract_figures(zh) for zh in zh_sentences]
    english = [en_sentences[i] if i < len(en_sentences) else "" for i in range(len(zh_sentences))]
    # Even a sentence without figures is checked: a number the translator invented gets a warning.
    first = [_fix_in_place(f, e) for f, e in zip(figures, english, strict=True)]
    needs = [i for i, (_, _, unresolved) in enumerate(first) if unresolved]
    retranslated = _retranslate_many([zh_sentences[i] for i in needs], [figures[i] for i in needs], translator)
    repaired: list[str] = []
    warnings: list[list[str]] = []
    for index, (text, notes, unresolved) in enumerate(first):
        if unresolved:
            text, notes = _settle(figures[index], english[index], text, notes, unresolved,
                                  retranslated.get(index) if index in needs else None)
        text, relation_notes = check_relations(text, tag_relations(zh_sentences[index], figures[index]))
        notes = [*notes, *relation_notes]
        repaired.append(text)
        warnings.append(notes)
    return repaired, warnings


def _settle(
    figures: Sequence[Figure], english: str, text: str, notes: list[str], unresolved: list[Figure],
    retranslated: str | None,
) -> tuple[str, list[str]]:
    """Use the protected re-translation if it states every figure; else append the right renderings."""
    if retranslated is not None:
        again, again_warnings, still = _fix_in_place(figures, retranslated)
        if not still:
            return again, [*again_warnings, *(
                f'figure {f.text}: {_said(f, english)}; re-translated with the figure protected: '
                f'"{_clip(again)}"' for f in unresolved)]
    # Fall back: the reader must still get the right figure, so append its deterministic rendering.
    additions = [f.english for f in unresolved]
    text = f"{text.rstrip()} ({'; '.join(additions)})" if text.strip() else "; ".join(additions)
    notes = [*notes, *(f'figure {f.text}: {_said(f, english)}; appended "{f.english}"' for f in unresolved)]
    return text, notes


def _said(figure: Figure, english: str) -> str:
    """What the English said in place of `figure`, for warnings."""
    found = [e.text for e in parse_english_figures(english) if _candidate(figure, e)]
    return "English said " + ", ".join(f'"{s}"' for s in found) if found else "English omitted it"


def _fix_in_place(figures: Sequence[Figure], english: str) -> tuple[str, list[str], list[Figure]]:
    """Repair the English where each wrong figure has one unambiguous counterpart; list the rest."""
    parsed = parse_english_figures(english)
    used: set[int] = set()
    fixes: list[_Fix] = []
    unresolved: list[Figure] = []
    pending: list[Figure] = []
    checked = [f for f in figures if f.kind != "name"]
    warnings = [f'figure {f.text}: "{f.english}" not found in the English'
                for f in figures if f.kind == "name" and f.english.lower() not in english.lower()]
    # First pass: exact values (preferring a compatible qualifier), so repairs only touch leftovers.
    for figure in checked:
        if figure.kind == "range" and figure.upper is not None:
            if not _range_present(figure, parsed, used):
                unresolved.append(figure)
            continue
        same = [i for i, e in enumerate(parsed) if i not in used and matches(figure, e)]
        if not same:
            pending.append(figure)
            continue
        good = [i for i in same if qualifiers_compatible(figure.qualifier, parsed[i].qualifier)]
        chosen = good[0] if good else same[0]
        used.add(chosen)
        if not good:
            fixes.append(_replacement(figure, parsed[chosen], "qualifier"))
    # Second pass: wrong magnitude or value, repaired only when the counterpart is unambiguous.
    for figure in pending:
        free = [i for i, e in enumerate(parsed) if i not in used and _candidate(figure, e)]
        alike = [i for i in free if _significant(parsed[i].value) == _significant(figure.value)
                 and parsed[i].value is not None]
        rivals = [f for f in pending if f is not figure and _category(f) == _category(figure)]
        if len(alike) == 1:
            chosen = alike[0]
        elif len(free) == 1 and not rivals and not alike:
            chosen = free[0]
        else:
            unresolved.append(figure)
            continue
        used.add(chosen)
        fixes.append(_replacement(figure, parsed[chosen], "value"))
    for index, found in enumerate(parsed):
        if index not in used and _has_digits(found) and found.kind not in ("date",):
            warnings.append(f'English figure "{found.text}" matches no figure of the source sentence')
    repaired = _apply(english, fixes)
    # Verify rather than trust the edits: a repair that does not read back (a stray "billion" after the
    # span, say) is undone and its figure left unresolved, so the caller re-translates or appends it.
    reread = parse_english_figures(repaired)
    failing = [f for f in checked if f not in unresolved and not stated_in(f, reread)]
    if failing:
        fixes = [fix for fix in fixes if fix.figure not in failing]
        repaired = _apply(english, fixes)
        unresolved.extend(failing)
    return repaired, [*warnings, *(f.warning for f in fixes)], unresolved


def stated_in(figure: Figure, parsed: Sequence[EnglishFigure]) -> bool:
    """True when the parsed English states the figure's value (both ends of a range); qualifiers aside."""
    if figure.kind == "name":
        return False
    if figure.kind == "range" and figure.upper is not None:
        return _range_present(figure, parsed, set())
    return any(matches(figure, e) for e in parsed)


def _range_present(figure: Figure, parsed: Sequence[EnglishFigure], used: set[int]) -> bool:
    if figure.unit == "month":
        months = {e.month for e in parsed if e.kind == "date"}
        return int(figure.value or 0) in months and int(figure.upper or 0) in months
    values = {e.value for e in parsed if e.kind != "date"}
    return figure.value in values and figure.upper in values


def _replacement(figure: Figure, found: EnglishFigure, what: str) -> _Fix:
    """Replace `found` with the figure's rendering, keeping the unit out when the English has its own."""
    if figure.kind in ("date", "percent", "ordinal", "fraction", "multiple") or found.unit is not None:
        text = figure.english
    else:
        text = render_english(figure.value, None, figure.qualifier, figure.kind)
    reason = "qualifier" if what == "qualifier" else "value"
    return _Fix(found.start, found.end, text,
                f'figure {figure.text}: English said "{found.text}", corrected to "{text}" ({reason})', figure)


def _apply(english: str, fixes: Sequence[_Fix]) -> str:
    for fix in sorted(fixes, key=lambda f: f.start, reverse=True):
        before, after = english[:fix.start], english[fix.end:]
        # Keep the repaired figure a word of its own, so it reads (and parses) as written.
        head = " " if before[-1:].isalnum() else ""
        tail = " " if after[:1].isalnum() else ""
        english = f"{before}{head}{fix.replacement}{tail}{after}"
    return english


def _retranslate_many(
    zh_sentences: Sequence[str], figures: Sequence[Sequence[Figure]], translator: Translator | None
) -> dict[int, str]:
    """Translate each sentence with its figures replaced by placeholders, in one batched call, and put
    the renderings back; index -> restored English, for the outputs that can be trusted."""
    if translator is None or not zh_sentences:
        return {}
    masked = [_mask(zh, found) for zh, found in zip(zh_sentences, figures, strict=True)]
    try:
        outputs = translator.translate([text for text, _ in masked])
    except Exception:  # noqa: BLE001 - a failed re-translation falls back, it never loses the brief
        return {}
    if len(outputs) != len(masked):
        return {}
    restored = {}
    for index, (output, (_, protected)) in enumerate(zip(outputs, masked, strict=True)):
        text = _restore(output, protected) if isinstance(output, str) else None
        if text is not None:
            restored[index] = text
    return restored


def _mask(zh: str, figures: Sequence[Figure]) -> tuple[str, list[Figure]]:
    """`zh` with each quantity replaced by [F1], [F2], ... and the figures in placeholder order."""
    protected = [f for f in figures if f.kind != "name"]
    masked = zh
    for number, figure in sorted(enumerate(protected, 1), key=lambda item: item[1].start, reverse=True):
        masked = masked[:figure.start] + f"[F{number}]" + masked[figure.end:]
    return masked, protected


def _restore(output: str, protected: Sequence[Figure]) -> str | None:
    """The translation with placeholders replaced by renderings; None if one was lost or invented."""
    seen: set[int] = set()

    def restore(match: re.Match[str]) -> str:
        number = int(match.group(1))
        if not 1 <= number <= len(protected):
            return match.group()
        seen.add(number)
        return protected[number - 1].english

    restored = _PLACEHOLDER.sub(restore, output)
    if len(seen) != len(protected) or _PLACEHOLDER.search(restored):
        return None  # a placeholder lost or invented: the output cannot be trusted
    return restored


# -- the one-step (LLM) path -----------------------------------------------------------------------


def check_english(
    article_text: str, en_sentences: Sequence[str], *, headline: str | None = None
) -> tuple[list[str], list[str]]:
    """Every figure of the English must be one of the article's; repair or drop the rest (never the
    headline, which is the first sentence: it keeps its place with a warning)."""
    article_figures = [f for f in [*extract_figures(headline or ""), *extract_figures(article_text)]
                       if f.kind != "name"]
    relations = [*tag_relations(headline or ""), *tag_relations(article_text)]
    kept: list[str] = []
    warnings: list[str] = []
    for index, sentence in enumerate(en_sentences):
        fixes: list[_Fix] = []
        invented: list[EnglishFigure] = []
        for found in parse_english_figures(sentence):
            fix, ok = _check_one(found, article_figures)
            if fix is not None:
                fixes.append(fix)
            elif not ok:
                invented.append(found)
        text = _apply(sentence, fixes)
        warnings.extend(f.warning for f in fixes)
        text, relation_warnings = check_relations(text, relations)
        warnings.extend(relation_warnings)
        hard = [f for f in invented if _has_digits(f) and f.kind != "date"]
        soft = [f for f in invented if f not in hard]
        warnings.extend(f'English figure "{f.text}" could not be traced to the article' for f in soft)
        if hard and index > 0:
            listed = ", ".join(f'"{f.text}"' for f in hard)
            warnings.append(f"sentence dropped: figure {listed} does not occur in the article: {_clip(text)}")
            continue
        if hard:
            warnings.extend(f'headline figure "{f.text}" does not occur in the article' for f in hard)
        kept.append(text)
    return kept, warnings


def _check_one(found: EnglishFigure, article_figures: Sequence[Figure]) -> tuple[_Fix | None, bool]:
    """(a fix, whether the figure is fine) for one English figure against the article's figures."""
    same = [f for f in article_figures if matches(f, found)]
    if same:
        if any(qualifiers_compatible(f.qualifier, found.qualifier) for f in same):
            return None, True
        renderings = {f.english for f in same}
        if len(renderings) == 1:
            return _replacement(same[0], found, "qualifier"), True
        return None, True  # the value is right and the qualifier ambiguous: leave it
    if found.value is None:
        return None, False
    alike = [f for f in article_figures if _candidate(f, found) and
             _significant(f.value) == _significant(found.value)]
    if len({f.english for f in alike}) == 1:
        return _replacement(alike[0], found, "value"), True
    return None, False


# -- the language guard ---------------------------------------------------------------------------


def check_language(
    texts: Sequence[str], translator: Translator | None = None
) -> tuple[list[str], list[list[str]]]:
    """The English texts with no Chinese left in them, and the warnings of each (guard_language)."""
    return remove_chinese(texts, translator)


# -- key figures ------------------------------------------------------------------------------------

_KIND_SALIENCE = {"money": 6.0, "percent": 6.0, "count": 3.0, "measure": 3.0, "multiple": 3.0,
                  "fraction": 3.0, "range": 2.0, "ordinal": 0.5}


def key_figures(article: Article, limit: int = 8) -> list[Figure]:
    """The article's figures ranked by salience (headline, first paragraph, money and percentages
    first), with page offsets; dates and names are left out, duplicates kept once."""
    headline_figures = [*extract_figures(article.headline or ""), *extract_figures(article.subheadline or "")]
    scored: list[tuple[float, int, Figure]] = []
    first_body = next((i for i, p in enumerate(article.paragraphs) if p.kind == "body"), 0)
    for index, paragraph in enumerate(article.paragraphs):
        for figure in extract_figures(paragraph.text):
            if figure.kind in ("date", "name"):
                continue
            score = _KIND_SALIENCE.get(figure.kind, 1.0)
            if figure.unit and figure.kind == "count":
                score += 1.0  # "185 bank branches" says more than a bare "71"
            if any(_same_quantity(h, figure) for h in headline_figures if h.kind not in ("date", "name")):
                score += 5.0
            if index == first_body:
                score += 1.5  # the lead matters, but less than a figure being money or a percentage
            elif paragraph.kind == "subheading":
                score += 1.0
            scored.append((score, paragraph.start + figure.start, figure.shifted(paragraph.start)))
    scored.sort(key=lambda item: (-item[0], item[1]))
    chosen: list[Figure] = []
    seen: set[tuple[object, ...]] = set()
    for _, _, figure in scored:
        key = (figure.value, figure.upper, figure.unit, figure.qualifier, figure.kind)
        if key in seen:
            continue
        seen.add(key)
        chosen.append(figure)
        if len(chosen) >= limit:
            break
    return chosen


def _clip(text: str, width: int = 80) -> str:
    """One line, at most `width` characters, for warnings."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"
