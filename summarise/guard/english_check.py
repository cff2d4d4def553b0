"""The one-step (LLM) path: every figure of the English must be one of the article's; a wrong one is
repaired when the article has one clear counterpart, and a sentence with an invented one is dropped."""

from __future__ import annotations

from collections.abc import Sequence

from summarise.figures import EnglishFigure, extract_figures, parse_english_figures
from summarise.guard.codes import GuardWarning
from summarise.guard.compare import candidate, has_digits, matches, qualifiers_compatible, significant_digits
from summarise.guard.fixes import Fix, apply_fixes, clip, replacement
from summarise.guard.relations import check_relations, tag_relations
from summarise.types import Figure


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
        fixes: list[Fix] = []
        invented: list[EnglishFigure] = []
        for found in parse_english_figures(sentence):
            fix, ok = _check_one(found, article_figures)
            if fix is not None:
                fixes.append(fix)
            elif not ok:
                invented.append(found)
        text = apply_fixes(sentence, fixes)
        warnings.extend(f.warning for f in fixes)
        text, relation_warnings = check_relations(text, relations)
        warnings.extend(relation_warnings)
        hard = [f for f in invented if has_digits(f) and f.kind != "date"]
        soft = [f for f in invented if f not in hard]
        warnings.extend(GuardWarning("figure-untraced", f'English figure "{f.text}" could not be traced to the article')
                        for f in soft)
        if hard and index > 0:
            listed = ", ".join(f'"{f.text}"' for f in hard)
            warnings.append(GuardWarning(
                "sentence-dropped", f"sentence dropped: figure {listed} does not occur in the article: {clip(text)}"))
            continue
        if hard:
            warnings.extend(GuardWarning("headline-figure-unsupported",
                                         f'headline figure "{f.text}" does not occur in the article') for f in hard)
        kept.append(text)
    return kept, warnings


def _check_one(found: EnglishFigure, article_figures: Sequence[Figure]) -> tuple[Fix | None, bool]:
    """(a fix, whether the figure is fine) for one English figure against the article's figures."""
    same = [f for f in article_figures if matches(f, found)]
    if same:
        if any(qualifiers_compatible(f.qualifier, found.qualifier) for f in same):
            return None, True
        renderings = {f.english for f in same}
        if len(renderings) == 1:
            return replacement(same[0], found, "qualifier"), True
        return None, True  # the value is right and the qualifier ambiguous: leave it
    if found.value is None:
        return None, False
    alike = [f for f in article_figures if candidate(f, found) and
             significant_digits(f.value) == significant_digits(found.value)]
    if len({f.english for f in alike}) == 1:
        return replacement(alike[0], found, "value"), True
    return None, False

