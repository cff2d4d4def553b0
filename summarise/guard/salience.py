"""Key figures: an article's figures ranked by salience, for the brief's figure list."""

from __future__ import annotations

from summarise.figures import extract_figures
from summarise.guard.compare import same_quantity
from summarise.types import Article, Figure, FigureKind

_KIND_SALIENCE: dict[FigureKind, float] = {
    "money": 6.0, "percent": 6.0, "count": 3.0, "measure": 3.0, "multiple": 3.0, "fraction": 3.0, "range": 2.0,
    "ordinal": 0.5,
}


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
            if any(same_quantity(h, figure) for h in headline_figures if h.kind not in ("date", "name")):
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

