"""What a percentage is a percentage of: the relation check of the guard.

A value can be right and its meaning wrong. 完成目标任务的113.6% says the target was reached to 113.6% (a
share of the target); "exceeded its annual target by 113.6%" says it was beaten by 113.6% (a change). So
each percent figure of the Chinese is tagged with its relation:

- share: a part of a whole (完成目标任务的113.6%, 占全省的40%);
- change: a rise or fall by the figure (同比增长12.5%, 提高5%, 下降3.2%), with its direction;
- points: a change in percentage points (提高3个百分点);
- level: anything else (合格率为95%), which is not checked.

The English wording around the same value is read the same way ("113.6% of", "by 12.5%", "up 12.5%",
"3 percentage points"). A share written as a change is reworded where the whole is known ("reaching
113.6% of the target"); every other mismatch gets a warning. Both sides look only at a bounded window
around each figure, so the check is linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from summarise.figures import EnglishFigure, extract_figures, parse_english_figures
from summarise.guard.codes import GuardWarning
from summarise.types import Figure

RelationKind = Literal["share", "change", "points", "level"]
Direction = Literal["up", "down"]

_WINDOW = 14  # Chinese characters looked at before a figure: a clause, not a paragraph
_CLAUSE_BREAK = re.compile(r"[,，。;；:：!！?？、\n]")
_RISE = ("增长", "增加", "提高", "提升", "上升", "上涨", "增幅", "涨幅", "增速", "增")
_FALL = ("下降", "减少", "降低", "下跌", "回落", "降幅", "减幅", "下滑", "降")
# The whole of a share, as the Chinese names it, and how the English should name it. Longest first.
_WHOLES = (
    ("年度目标任务", "the annual target"), ("年度目标", "the annual target"), ("目标任务", "the target"),
    ("目标", "the target"), ("任务", "the target"), ("计划", "the plan"),
    ("去年同期", "the level a year earlier"), ("上年同期", "the level a year earlier"),
    ("全国", "the national total"), ("全省", "the provincial total"), ("全市", "the city's total"),
    ("总量", "the total"), ("总数", "the total"), ("总额", "the total"), ("总和", "the total"),
)


@dataclass(frozen=True)
class Relation:
    """How a percentage relates to what it measures; `whole` is the Chinese whole of a share."""

    kind: RelationKind
    direction: Direction | None = None
    whole: str | None = None
    whole_english: str | None = None

    def describe(self, value: str) -> str:
        if self.kind == "share":
            return f"a share ({value} of {self.whole_english or self.whole or 'a whole'})"
        if self.kind == "change":
            return f"a change ({'up' if self.direction == 'up' else 'down' if self.direction else 'by'} {value})"
        if self.kind == "points":
            return f"a change of {value}"
        return f"a level ({value})"


@dataclass(frozen=True)
class TaggedFigure:
    """A percent figure of the Chinese and its relation."""

    figure: Figure
    relation: Relation


# -- the Chinese side -------------------------------------------------------------------------------


def chinese_relation(text: str, figure: Figure) -> Relation:
    """The relation of the percent figure at `figure.start` in `text` (offsets index `text`)."""
    clause = _CLAUSE_BREAK.split(text[max(0, figure.start - _WINDOW):figure.start])[-1]
    rise, fall = _last_cue(clause, _RISE), _last_cue(clause, _FALL)
    direction: Direction | None = None
    if max(rise, fall) >= 0:
        direction = "up" if rise > fall else "down"
    if figure.unit == "percentage points":
        return Relation("points", direction)
    if clause.endswith("的"):
        return _share(clause[:-1])
    if direction is not None:
        return Relation("change", direction)
    if "占" in clause:
        return _share(clause[clause.rindex("占") + 1:].rstrip("的"))
    return Relation("level")


def _last_cue(clause: str, cues: Sequence[str]) -> int:
    return max((clause.rfind(cue) for cue in cues), default=-1)


def _share(before: str) -> Relation:
    for chinese, english in _WHOLES:
        if before.endswith(chinese):
            return Relation("share", whole=chinese, whole_english=english)
    return Relation("share", whole=before[-4:] or None)


def tag_relations(text: str, figures: Sequence[Figure] | None = None) -> list[TaggedFigure]:
    """Every percent figure of `text` with its relation (`figures`: extract_figures(text) if given)."""
    found = extract_figures(text) if figures is None else figures
    return [TaggedFigure(f, chinese_relation(text, f)) for f in found if f.kind == "percent"]


# -- the English side -------------------------------------------------------------------------------

_UP_WORDS = "up|rose|rise|rises|risen|rising|grew|grow|grows|growing|grown|increased|increase|increases|" \
    "climbed|jumped|surged|gained|higher|more|growth|gain|jump|hike"
_DOWN_WORDS = "down|fell|fall|falls|fallen|dropped|drop|drops|decreased|decrease|decreases|declined|decline|" \
    "declines|lower|less|shrank|slid|cut|reduction"
_VERB_BEFORE = re.compile(
    rf"\b(?P<verb>(?:{_UP_WORDS}|{_DOWN_WORDS}|exceeded|exceeding|beat|surpassed|outperformed|overfulfilled)"
    rf"(?:\s+by)?|by)\s+(?:(?:about|nearly|over|more than|almost|around|some|roughly)\s+)?$")
_NOUN_BEFORE = re.compile(
    rf"\b(?:an?\s+)?(?P<verb>{_UP_WORDS}|{_DOWN_WORDS})\s+of\s+(?:(?:about|nearly|over|more than|almost)\s+)?$")
_AFTER_CHANGE = re.compile(rf"^\s*(?:year-on-year\s+)?(?P<word>{_UP_WORDS}|{_DOWN_WORDS})\b")
_AFTER_SHARE = re.compile(r"^\s+of\b")
_UP = frozenset(_UP_WORDS.split("|"))
_EXCEED = ("exceeded", "exceeding", "beat", "surpassed", "outperformed", "overfulfilled")


@dataclass(frozen=True)
class EnglishRelation:
    """How the English words a percentage: the relation, the span of the words that say so, and
    their form (verb "rose 5%", preposition "by 5%", noun "an increase of 5%", after "5% higher")."""

    relation: Relation
    cue_start: int
    cue_end: int
    form: str = "plain"


def english_relation(sentence: str, found: EnglishFigure) -> EnglishRelation:
    """The relation the English states for the percent figure `found` of `sentence`."""
    if found.unit == "percentage points":
        return EnglishRelation(Relation("points"), found.start, found.end)
    before = sentence[max(0, found.start - 40):found.start]
    offset = found.start - len(before)
    after = sentence[found.end:found.end + 30]
    if _AFTER_SHARE.match(after):
        return EnglishRelation(Relation("share"), found.start, found.end + 3, "share")
    for pattern, form in ((_VERB_BEFORE, "verb"), (_NOUN_BEFORE, "noun")):
        match = pattern.search(before.lower())
        if match:
            verb = match.group("verb").split()[0]
            direction: Direction | None = None
            if verb in _EXCEED or verb in _UP:
                direction = "up"
            elif verb != "by":
                direction = "down"
            if form == "verb" and verb in ("by", "up", "down"):
                form = "preposition"
            return EnglishRelation(Relation("change", direction), offset + match.start(), found.end, form)
    match = _AFTER_CHANGE.match(after.lower())
    if match:
        direction = "up" if match.group("word") in _UP else "down"
        return EnglishRelation(Relation("change", direction), found.start, found.end + match.end(), "after")
    return EnglishRelation(Relation("level"), found.start, found.end)


# -- the check --------------------------------------------------------------------------------------


def check_relations(sentence: str, tagged: Sequence[TaggedFigure]) -> tuple[str, list[str]]:
    """`sentence` with each share-written-as-change reworded, and a warning per repair or mismatch.

    Each English percentage is compared with the Chinese percent figures of the same value; where those
    disagree among themselves about their relation, the English is left alone (nothing to tell)."""
    warnings: list[str] = []
    edits: list[tuple[int, int, str]] = []
    for found in parse_english_figures(sentence):
        edit, warning = relation_mismatch(sentence, found, tagged)
        if edit is not None:
            edits.append(edit)
        if warning:
            warnings.append(warning)
    for start, end, replacement in sorted(edits, reverse=True):
        sentence = sentence[:start] + replacement + sentence[end:]
    return sentence, warnings


def relation_mismatch(
    sentence: str, found: EnglishFigure, tagged: Sequence[TaggedFigure]
) -> tuple[tuple[int, int, str] | None, str | None]:
    """(an edit that rewords it, a warning) when the English percentage `found` of `sentence` states
    another relation than the Chinese figures of its value; (None, None) when it agrees or cannot tell."""
    if found.kind != "percent" or found.value is None:
        return None, None
    sources = [t for t in tagged if t.figure.value == found.value]
    if len({t.relation for t in sources}) != 1:
        return None, None
    return _compare(sentence, found, sources[0].figure, sources[0].relation, english_relation(sentence, found))


def _compare(
    sentence: str, found: EnglishFigure, figure: Figure, wanted: Relation, said: EnglishRelation
) -> tuple[tuple[int, int, str] | None, str | None]:
    got = said.relation
    if wanted.kind == "level" or got.kind == "level" or wanted.kind == "points":
        return None, None  # a bare "12.5%" may be right; percentage points are checked by unit
    quoted = sentence[said.cue_start:said.cue_end]
    head = f"figure {figure.text}: the source states {wanted.describe(figure.english)}, the English says "
    if wanted.kind == "share" and got.kind == "change":
        if wanted.whole_english is None or said.form not in ("verb", "preposition"):
            return None, GuardWarning("relation-mismatch", f'{head}a change ("{quoted}"); check the wording')
        reworded = f"{figure.english} of {wanted.whole_english}"
        start = said.cue_start
        if said.form == "verb":  # "rose by 113.6%" -> "reached 113.6% of the target"
            replacement = f"reached {reworded}"
        else:  # "exceeded its target by 113.6%" -> "exceeded its target, reaching 113.6% of the target"
            replacement = f"reaching {reworded}"
            kept = sentence[:start].rstrip()
            if kept[-1:].isalnum():
                start, replacement = len(kept), f", {replacement}"
        return (start, said.cue_end, replacement), GuardWarning(
            "relation-reworded", f'{head}a change ("{quoted}"); reworded to "{replacement.lstrip(", ")}"')
    if wanted.kind == "change" and got.kind == "share":
        return None, GuardWarning("relation-mismatch", f'{head}a share ("{quoted}"); check the wording')
    if wanted.kind == "change" and got.kind == "change" and wanted.direction and got.direction \
            and wanted.direction != got.direction:
        return None, GuardWarning("relation-mismatch",
                                  f'{head}the opposite direction ("{quoted}"); check the wording')
    return None, None
