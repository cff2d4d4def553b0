"""`summarise eval names GOLD.jsonl`: the names stage scored against hand-made answers.

The gold file holds one JSON object per document, `{"source": PATH[#RECORD], "names": [{"text", "kind",
"english": FORM or [FORMS]}]}`, with PATH relative to the gold file (benchmarks/names/README.md).

The matching rule, per document: the names stage runs on every article of the source as a reader sees
it (headline, subheadline, byline, paragraphs), and both sides are reduced to distinct surface strings.
A found name is right when its exact text is a gold name of the document (whatever kind it was given);
precision is right / found. Recall per kind is the share of that kind's gold names whose text was found.
The English form is right when it equals one of the gold forms, ignoring case, spaces around
punctuation and the kind of apostrophe or dash; a name left unrendered (None) is wrong. Kind accuracy is
the share of found gold names given the gold kind. Persons and places are also scored pooled, as issue
21's target names them ("person and place names found with recall >= 0.9 and the right English form for
>= 0.85 of them").
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from summarise.errors import InputError
from summarise.types import NAME_KINDS, Name

KINDS = ("person", "place", "organisation")


@dataclass(frozen=True)
class GoldName:
    text: str
    kind: str
    english: tuple[str, ...]


@dataclass(frozen=True)
class GoldDocument:
    source: str
    names: tuple[GoldName, ...]


@dataclass
class KindScore:
    gold: int = 0
    found: int = 0
    english_right: int = 0
    kind_right: int = 0
    predicted: int = 0  # names the stage gave this kind
    predicted_right: int = 0  # ... whose text is a gold name

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold, "found": self.found, "recall": _rate(self.found, self.gold),
            "english_right": self.english_right, "english_accuracy": _rate(self.english_right, self.found),
            "english_right_of_gold": _rate(self.english_right, self.gold),
            "kind_accuracy": _rate(self.kind_right, self.found),
            "predicted": self.predicted, "precision": _rate(self.predicted_right, self.predicted),
        }

    def __add__(self, other: KindScore) -> KindScore:
        return KindScore(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(KindScore)))


@dataclass
class NamesEvaluation:
    """Scores per kind and overall, with the misses and false finds for reading."""

    gold_file: str
    documents: int = 0
    predicted: int = 0
    predicted_right: int = 0
    kinds: dict[str, KindScore] = field(default_factory=lambda: {k: KindScore() for k in KINDS})
    missed: list[tuple[str, str, str]] = field(default_factory=list)  # (document, text, kind)
    false: list[tuple[str, str, str]] = field(default_factory=list)  # (document, text, kind)
    wrong_english: list[tuple[str, str, str | None, str]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return _rate(self.predicted_right, self.predicted)

    @property
    def persons_and_places(self) -> KindScore:
        """Persons and places pooled: issue 21's target (recall 0.9, English right 0.85) names them together."""
        return self.kinds["person"] + self.kinds["place"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold_file": self.gold_file, "documents": self.documents, "predicted": self.predicted,
            "precision": self.precision, "kinds": {k: v.to_dict() for k, v in self.kinds.items()},
            "persons_and_places": self.persons_and_places.to_dict(),
            "matching": "per document, distinct surface strings; english right when equal to a gold form "
                        "ignoring case",
        }


def _rate(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def read_gold(path: str | Path) -> list[GoldDocument]:
    """The documents of a names gold file; an InputError naming the line for a malformed one."""
    gold_path = Path(path)
    try:
        lines = gold_path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read the gold file ({error})") from None
    documents = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            names = tuple(_gold_name(n) for n in record["names"])
            documents.append(GoldDocument(str(record["source"]), names))
        except (ValueError, KeyError, TypeError) as error:
            raise InputError(f"{path}: line {number} is not a gold record ({error})") from None
    if not documents:
        raise InputError(f"{path}: no gold records")
    return documents


def _gold_name(data: Any) -> GoldName:
    english = data["english"]
    forms = (english,) if isinstance(english, str) else tuple(str(e) for e in english)
    if data["kind"] not in NAME_KINDS:
        raise ValueError(f"unknown kind {data['kind']!r}")
    return GoldName(str(data["text"]), data["kind"], forms)


def normalise_english(form: str) -> str:
    """A form for comparing: lower case, one kind of apostrophe and dash, single spaces."""
    form = form.lower().replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    form = re.sub(r"\s*([-'.,])\s*", r"\1", form)
    return " ".join(form.split())


def evaluate_names(gold_path: str | Path, *, base: str | Path | None = None) -> NamesEvaluation:
    """Run the names stage on each gold document's source and score it (see the module's rule)."""
    documents = read_gold(gold_path)
    folder = Path(base) if base is not None else Path(gold_path).parent
    result = NamesEvaluation(gold_file=str(gold_path))
    for document in documents:
        predicted = _distinct(document_names(folder, document.source))
        score_document(result, document, predicted)
    return result


def document_names(folder: Path, source: str) -> list[Name]:
    """The names of every article of a gold document's source (PATH or PATH#RECORD)."""
    from summarise.articles import split_articles
    from summarise.names import extract_names
    from summarise.reading.readers import load_pages

    path, _, record = source.partition("#")
    pages = load_pages(folder / path)
    if record:
        pages = [p for p in pages if str(p.record_id) == record]
        if not pages:
            raise InputError(f"{source}: no record with id {record!r}")
    return [name for page in pages for article in split_articles(page)
            for name in extract_names(article, page.text)]


def _distinct(names: Iterable[Name]) -> dict[str, Name]:
    chosen: dict[str, Name] = {}
    for name in names:
        chosen.setdefault(name.text, name)
    return chosen


def score_document(result: NamesEvaluation, document: GoldDocument, predicted: dict[str, Name]) -> None:
    """Add one document's counts to `result`."""
    result.documents += 1
    gold = {name.text: name for name in document.names}
    result.predicted += len(predicted)
    for text, name in predicted.items():
        right = text in gold
        result.predicted_right += right
        kind = result.kinds[name.kind]
        kind.predicted += 1
        kind.predicted_right += right
        if not right:
            result.false.append((document.source, text, name.kind))
    for text, answer in gold.items():
        score = result.kinds[answer.kind]
        score.gold += 1
        found = predicted.get(text)
        if found is None:
            result.missed.append((document.source, text, answer.kind))
            continue
        score.found += 1
        score.kind_right += found.kind == answer.kind
        if found.english is not None and normalise_english(found.english) in {
                normalise_english(f) for f in answer.english}:
            score.english_right += 1
        else:
            result.wrong_english.append((document.source, text, found.english, answer.english[0]))


def format_names(result: NamesEvaluation, examples: int = 0) -> str:
    """The report `summarise eval names` prints."""
    lines = [(f"{result.gold_file}: {result.documents} documents, {result.predicted} names found, "
              f"precision {result.precision:.1%}")]
    for kind, score in [*result.kinds.items(), ("persons+places", result.persons_and_places)]:
        lines.append(f"  {kind:<14} gold {score.gold:>4}  recall {_rate(score.found, score.gold):6.1%}  "
                     f"English right {_rate(score.english_right, score.found):6.1%} of found "
                     f"({_rate(score.english_right, score.gold):.1%} of gold)  kind right "
                     f"{_rate(score.kind_right, score.found):6.1%}  precision "
                     f"{_rate(score.predicted_right, score.predicted):6.1%} of {score.predicted}")
    if examples:
        lines += _examples("missed", [f"{t} ({k})" for _, t, k in result.missed], examples)
        lines += _examples("found but not gold", [f"{t} ({k})" for _, t, k in result.false], examples)
        lines += _examples("English differs", [f"{t}: {e!r}, gold {g!r}" for _, t, e, g in result.wrong_english],
                           examples)
    return "\n".join(lines) + "\n"


def _examples(title: str, items: Sequence[str], limit: int) -> list[str]:
    counted = Counter(items)
    if not counted:
        return []
    return [f"  {title} ({len(items)}): " + "; ".join(item for item, _ in counted.most_common(limit))]
