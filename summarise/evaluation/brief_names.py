"""How an English brief renders its article's names, for `summarise eval briefs`.

- correct: a person or place of the article whose standard form the brief states;
- corrected: a name the guard corrected on its way into the brief (its `name-corrected` notes);
- wrong: a source name the brief still renders otherwise (the names guard, run again on the finished
  brief, would correct it);
- unsupported: a capitalised word that is no English word and names nothing of the article, or that is
  the pinyin of one of its common words ("Daidong" for 带动).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarise.guard.names import check_names
from summarise.names import distinct_names, extract_names
from summarise.types import Article, Brief


@dataclass(frozen=True)
class NameCounts:
    correct: int
    corrected: int
    wrong: int
    unsupported: int
    problems: tuple[str, ...]


def score_names(brief: Brief, article: Article) -> NameCounts:
    """The names of one brief measured against its article (see the module's rules)."""
    names = extract_names(article)
    source = "\n".join(filter(None, (article.headline, article.subheadline, article.body)))
    english = [brief.headline, brief.summary]
    _, notes = check_names(english, names, source)
    flat = [note for text_notes in notes for note in text_notes]
    wrong = [n for n in flat if getattr(n, "code", "") == "name-corrected"]
    unsupported = [n for n in flat if getattr(n, "code", "") in ("name-unsupported", "term-translated")]
    text = "\n".join(english)
    stated = {n.english for n in distinct_names(names) if n.english and n.kind != "organisation"
              and re.search(rf"\b{re.escape(n.english)}\b", text)}
    corrected = sum(note.code == "name-corrected" for note in brief.notes)
    return NameCounts(correct=len(stated), corrected=corrected, wrong=len(wrong), unsupported=len(unsupported),
                      problems=tuple(str(n) for n in [*wrong, *unsupported]))
