"""The zh summary check: a summary sentence with a figure the article does not state is dropped."""

from __future__ import annotations

from collections.abc import Sequence

from summarise.figures import extract_figures
from summarise.guard.codes import GuardWarning
from summarise.guard.compare import occurs_in
from summarise.guard.fixes import clip


def check_summary(article_text: str, sentences: Sequence[str]) -> tuple[list[str], list[str]]:
    """Keep the zh summary sentences whose figures all occur in the article; warn about the rest."""
    article_figures = extract_figures(article_text)
    kept: list[str] = []
    warnings: list[str] = []
    for sentence in sentences:
        invented = [f for f in extract_figures(sentence) if not occurs_in(f, article_figures)]
        if invented:
            listed = ", ".join(f'{f.text} ("{f.english}")' for f in invented)
            warnings.append(GuardWarning("summary-sentence-dropped", "summary sentence dropped: figure "
                                         f"{listed} does not occur in the article: {clip(sentence)}"))
        else:
            kept.append(sentence)
    return kept, warnings

