"""Repairing a translation: every figure of each zh sentence must appear in its English with an equal
value and a compatible qualifier. A wrong rendering is repaired in place when it is the only candidate;
otherwise the sentence is re-translated with its figures protected (retranslate.py); if that fails too,
the deterministic rendering is appended. Every change is recorded as a one-line warning."""

from __future__ import annotations

from collections.abc import Sequence

from summarise.engines.base import Translator
from summarise.figures import extract_figures, parse_english_figures
from summarise.guard.codes import GuardWarning
from summarise.guard.compare import (
    candidate,
    category,
    has_digits,
    matches,
    qualifiers_compatible,
    range_present,
    significant_digits,
    stated_in,
)
from summarise.guard.fixes import Fix, apply_fixes, clip, replacement
from summarise.guard.relations import check_relations, tag_relations
from summarise.guard.retranslate import retranslate_many
from summarise.types import Figure


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
    retranslated = retranslate_many([zh_sentences[i] for i in needs], [figures[i] for i in needs], translator)
    repaired: list[str] = []
    warnings: list[list[str]] = []
    for index, (text, notes, unresolved) in enumerate(first):
        if unresolved:
            text, notes = _settle(figures[index], english[index], text, notes, unresolved,
                                  retranslated.get(index) if index in needs else None)
        text, relation_notes = check_relations(text, tag_relations(zh_sentences[index], figures[index]))
        repaired.append(text)
        warnings.append([*notes, *relation_notes])
    return repaired, warnings


def _settle(
    figures: Sequence[Figure], english: str, text: str, notes: list[str], unresolved: list[Figure],
    retranslated: str | None,
) -> tuple[str, list[str]]:
    """Use the protected re-translation if it states every figure; else append the right renderings."""
    if retranslated is not None:
        again, again_warnings, still = _fix_in_place(figures, retranslated)
        if not still:
            return again, [*again_warnings, *(GuardWarning(
                "figure-retranslated", f'figure {f.text}: {_said(f, english)}; re-translated with the figure '
                f'protected: "{clip(again)}"') for f in unresolved)]
    # Fall back: the reader must still get the right figure, so append its deterministic rendering.
    additions = [f.english for f in unresolved]
    text = f"{text.rstrip()} ({'; '.join(additions)})" if text.strip() else "; ".join(additions)
    notes = [*notes, *(GuardWarning("figure-appended", f'figure {f.text}: {_said(f, english)}; appended "{f.english}"')
                       for f in unresolved)]
    return text, notes


def _said(figure: Figure, english: str) -> str:
    """What the English said in place of `figure`, for warnings."""
    found = [e.text for e in parse_english_figures(english) if candidate(figure, e)]
    return "English said " + ", ".join(f'"{s}"' for s in found) if found else "English omitted it"


def _fix_in_place(figures: Sequence[Figure], english: str) -> tuple[str, list[str], list[Figure]]:
    """Repair the English where each wrong figure has one unambiguous counterpart; list the rest."""
    parsed = parse_english_figures(english)
    used: set[int] = set()
    fixes: list[Fix] = []
    unresolved: list[Figure] = []
    pending: list[Figure] = []
    checked = [f for f in figures if f.kind != "name"]
    warnings = [GuardWarning("name-missing", f'figure {f.text}: "{f.english}" not found in the English')
                for f in figures if f.kind == "name" and f.english.lower() not in english.lower()]
    # First pass: exact values (preferring a compatible qualifier), so repairs only touch leftovers.
    for figure in checked:
        if figure.kind == "range" and figure.upper is not None:
            if not range_present(figure, parsed):
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
            fixes.append(replacement(figure, parsed[chosen], "qualifier"))
    # Second pass: wrong magnitude or value, repaired only when the counterpart is unambiguous.
    for figure in pending:
        free = [i for i, e in enumerate(parsed) if i not in used and candidate(figure, e)]
        alike = [i for i in free if significant_digits(parsed[i].value) == significant_digits(figure.value)
                 and parsed[i].value is not None]
        rivals = [f for f in pending if f is not figure and category(f) == category(figure)]
        if len(alike) == 1:
            chosen = alike[0]
        elif len(free) == 1 and not rivals and not alike:
            chosen = free[0]
        else:
            unresolved.append(figure)
            continue
        used.add(chosen)
        fixes.append(replacement(figure, parsed[chosen], "value"))
    for index, found in enumerate(parsed):
        if index not in used and has_digits(found) and found.kind not in ("date",):
            warnings.append(GuardWarning("figure-unmatched",
                                         f'English figure "{found.text}" matches no figure of the source sentence'))
    repaired = apply_fixes(english, fixes)
    # Verify rather than trust the edits: a repair that does not read back (a stray "billion" after the
    # span, say) is undone and its figure left unresolved, so the caller re-translates or appends it.
    reread = parse_english_figures(repaired)
    failing = [f for f in checked if f not in unresolved and not stated_in(f, reread)]
    if failing:
        fixes = [fix for fix in fixes if fix.figure not in failing]
        repaired = apply_fixes(english, fixes)
        unresolved.extend(failing)
    return repaired, [*warnings, *(f.warning for f in fixes)], unresolved

