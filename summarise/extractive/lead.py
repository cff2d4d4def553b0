"""The lead summary: an article's own sentences, chosen without a model.

A news lead carries the main fact, and the sentences that state the article's key figures (the figures
the brief lists, ranked by `guard.key_figures`) carry most of what an editor checks. So the summary is
the first body sentence, then, one at a time, the sentence that states the most key figures not yet
stated (the earlier on a tie), until no sentence adds one, `max_sentences` are chosen, or every remaining
candidate would pass `budget` characters; an article whose figures gave no second sentence gets its
next lead sentence, if it fits. The chosen sentences keep their article order. The budget
bounds what the translator must read and write: with an LLM translating, time is proportional to it.
Linear in the article: each sentence is scanned for figures once.
"""

from __future__ import annotations

from summarise.articles.sentences import split_sentences
from summarise.figures import extract_figures
from summarise.guard.compare import same_quantity
from summarise.guard.salience import key_figures
from summarise.types import Article

# Characters of Chinese, about two sentences of a provincial news report; the lead sentence is kept
# whatever its length. Measured on the corpus (benchmarks/README.md): 240 characters stated 83% of the key
# figures in the chosen Chinese and 150 stated 73%, with 13% less to translate, which an LLM translator
# pays for token by token; below 150 the coverage falls faster than the length.
DEFAULT_BUDGET = 150


def lead_summary(article: Article, *, max_sentences: int = 3, budget: int = DEFAULT_BUDGET,
                 key_figure_limit: int = 8, min_sentences: int = 2) -> list[str]:
    """The article's lead sentence and the sentences that state its key figures, in article order."""
    sentences = [s for paragraph in article.paragraphs if paragraph.kind == "body"
                 for s in split_sentences(paragraph.text)]
    if not sentences:
        return []
    keys = key_figures(article, limit=key_figure_limit)
    stated = [{k for k, key in enumerate(keys) for figure in extract_figures(sentence)
               if same_quantity(figure, key)} for sentence in sentences]
    chosen, covered, length = [0], set(stated[0]), len(sentences[0])
    while len(chosen) < max_sentences:
        gains = [(len(stated[i] - covered), -i) for i in range(1, len(sentences))
                 if i not in chosen and length + len(sentences[i]) <= budget]
        best = max(gains, default=(0, 0))
        if best[0] == 0:
            break
        index = -best[1]
        chosen.append(index)
        covered |= stated[index]
        length += len(sentences[index])
    for index in range(1, len(sentences)):  # too few: the lead sentences that follow, in order
        if len(chosen) >= min(min_sentences, max_sentences) or length + len(sentences[index]) > budget:
            break
        if index not in chosen:
            chosen.append(index)
            length += len(sentences[index])
    return [sentences[i] for i in sorted(chosen)]
