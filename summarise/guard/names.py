"""The names guard: every person and place of the article keeps its standard English form in the brief.

Checked against the article's names (summarise.names), in each English text:

1. a rendering of a source name that is close to its standard form but not it is replaced by the
   standard form, with a `name-corrected` note naming both:
   - spaced or joined otherwise: "Wang Wei Dong" for Wang Weidong;
   - the name's plain pinyin where the standard form differs: "Lancangjiang" for Lancang River;
   - the right name with the wrong administrative word: "Yushu Province" for Yushu Prefecture;
   - misspelt pinyin, compared syllable by syllable (names.phonetics): "Qingning" for Xining,
     "Ninggang" for Chen Gang, "Haodong" for Haidong, "Quluo" for Golog (果洛, Guoluo);
   - an area translated by meaning or garbled beyond the spelling ("Mutual Aid County" for 互助县,
     "Yingbushu Autonomous Prefecture" for 海北州): a capitalised phrase before an administrative word
     that names nothing of the article is matched to the article's areas the English does not mention,
     the same word first (County to 县), then the closest spelling, then the order of mention;
2. a capitalised word that is the pinyin of a common word of the article ("Daidong" for 带动) is replaced
   by the word's English from the dictionary (`term-translated`): pinyin is for names only;
3. a capitalised word that is no English word and no part of any source name, and is not the pinyin of
   anything the article says, is noted `name-unsupported` (the model invented or mangled it);
4. in an article about a Chinese prefecture that says 全州 ("the whole prefecture"), "the entire state"
   is corrected to "the entire prefecture" (`name-corrected`): 州's first dictionary sense is "state".

A spelling that is the pinyin of some words of the article is never changed: the names stage may have
missed a name, and the model may have it right. Work is linear in the text and the article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from summarise.guard.codes import GuardWarning
from summarise.names.english_words import is_english_word
from summarise.names.phonetics import name_syllables, pinyin_similarity, pinyin_windows, split_syllables
from summarise.types import Name

# A run of capitalised words ("Qingning Economic Development Zone", "Singer Wang Wei Dong").
_WORD = r"[A-Z][a-z]+(?:['’-][A-Za-z]+)*"
_RUN = re.compile(rf"\b{_WORD}(?:[ ]+{_WORD})*")
_ADMIN = ("Autonomous Prefecture", "Autonomous County", "Autonomous Region", "Province", "Municipality", "City",
          "Prefecture", "County", "District", "Town", "Township", "Village", "Subdistrict", "Region", "Banner", "League")
_ADMIN_WORDS = {word for admin in _ADMIN for word in admin.split()}
_ADMIN_CHINESE = {"Province": "省", "Municipality": "市", "City": "市", "Prefecture": "州", "County": "县",
                  "District": "区", "Town": "镇", "Township": "乡", "Village": "村", "Subdistrict": "街道", "Region": "区",
                  "Banner": "旗", "League": "盟", "Autonomous Prefecture": "自治州", "Autonomous County": "自治县",
                  "Autonomous Region": "自治区"}
# Words a brief may use without the article naming them.
_ALWAYS = {"China", "Chinese", "Communist", "Party", "CPC", "Xinhua", "January", "February", "March", "April",
           "May", "June", "July", "August", "September", "October", "November", "December", "Monday",
           "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Mr", "Mrs", "Ms", "Dr"}
NEAR_MISS = 0.6  # pinyin similarity (0..1) from which a spelling counts as a misspelt source name


@dataclass(frozen=True)
class _Expected:
    """A source name as the guard compares it."""

    name: Name
    english: str  # the standard form
    core: str  # without its administrative word ("Huzhu" for Huzhu County)
    admin: str | None  # "County"
    syllables: tuple[str, ...]  # the pinyin of the core's Chinese


@dataclass(frozen=True)
class _Fix:
    start: int
    end: int
    replacement: str
    warning: GuardWarning


def check_names(texts: Sequence[str], names: Sequence[Name], article_text: str) -> tuple[list[str], list[list[str]]]:
    """Each English text with misrendered source names corrected, and the warnings of each text."""
    expected = _expected(names)
    supported = _supported(names, article_text)
    results: list[str] = []
    warnings: list[list[str]] = []
    for text in texts:
        fixed, notes = _check_one(text, expected, supported)
        results.append(fixed)
        warnings.append(notes)
    return results, warnings


def _expected(names: Sequence[Name]) -> list[_Expected]:
    found: dict[str, _Expected] = {}
    for name in names:
        if name.english is None or name.kind == "organisation":
            continue  # organisations' rule-made English is no standard to enforce
        english = name.english
        admin = next((a for a in _ADMIN if english.endswith(" " + a)), None)
        core = english[: -len(admin) - 1] if admin else english
        chinese = name.text
        if admin and chinese.endswith(_ADMIN_CHINESE[admin]):
            chinese = chinese[: -len(_ADMIN_CHINESE[admin])]
        found.setdefault(english, _Expected(name, english, core, admin, tuple(name_syllables(chinese))))
    return list(found.values())


@dataclass(frozen=True)
class _Support:
    words: frozenset[str]  # lower case words of source names' English and pinyin
    windows: frozenset[str]  # the article's pinyin, every run of one to four characters
    terms: dict[str, tuple[str, str | None]]  # pinyin of an article's common word -> (the word, its English)
    whole_prefecture: bool = False  # the article says 全州 of a Chinese prefecture ("the whole prefecture")


def _supported(names: Sequence[Name], article_text: str) -> _Support:
    from summarise.names import dictionary

    words: set[str] = set()
    for name in names:
        for form in (name.english or "",):
            words.update(w.lower() for w in re.findall(r"[A-Za-z]+", form))
        words.add("".join(name_syllables(name.text)))
        if name.kind == "place":
            words.update(w.lower() for w in dictionary().demonyms(name.text))  # 俄罗斯: Russian, Russians
    prefecture = "全州" in article_text and any(
        name.kind == "place" and name.text.endswith("州") and (name.english or "").endswith("Prefecture")
        for name in names) and not any((name.english or "").endswith(" State") for name in names)
    return _Support(frozenset(words), frozenset(pinyin_windows(article_text)), _common_words(article_text, names),
                    prefecture)


def _common_words(article_text: str, names: Sequence[Name]) -> dict[str, tuple[str, str | None]]:
    """The pinyin of each common word of the article (jieba's words the dictionary knows as no name),
    with the word and its plainest English: "daidong" -> (带动, "drive")."""
    from summarise.names import dictionary, lexicon
    from summarise.names.tokens import tokenize

    words = dictionary()
    named = {name.text for name in names}
    found: dict[str, tuple[str, str | None]] = {}
    for token in tokenize(article_text):
        text = token.text
        if len(text) == 2 and text[0] == "全" and text[1] in _WHOLE:
            # 全州 "the whole prefecture": a place name elsewhere (Quanzhou), never in the article that says it.
            level = lexicon().place_suffixes[text[1]].lower()
            found.setdefault("".join(name_syllables(text)), (text, f"the whole {level}"))
            continue
        if not 2 <= len(text) <= 4 or text in named or words.proper_noun(text) is not None:
            continue
        if not words.is_common_word(text) and token.flag.startswith(("ns", "nr", "nt", "nz")):
            continue
        found.setdefault("".join(name_syllables(text)), (text, words.term(text)))
    return found


_WHOLE = "省市州县区"  # the levels 全 makes "the whole ..." of (their English: the lexicon's place suffixes)


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def _check_one(text: str, expected: Sequence[_Expected], supported: _Support) -> tuple[str, list[str]]:
    fixes: list[_Fix] = []
    taken: list[tuple[int, int]] = []
    stated = {e.english for e in expected if re.search(rf"\b{re.escape(e.english)}\b", text)}
    spans = [(m.start(), m.end(), m.group()) for m in _RUN.finditer(text)]
    for start, end, run in spans:
        for fix in _fixes_in_run(run, start, expected, stated, supported):
            if not any(fix.start < b and a < fix.end for a, b in taken):
                fixes.append(fix)
                taken.append((fix.start, fix.end))
                stated.add(fix.replacement)
    fixes.extend(_areas_by_position(text, spans, expected, stated, supported, taken))
    fixes.extend(_common_word_pinyin(text, supported, taken))
    if supported.whole_prefecture:
        fixes.extend(_whole_state(text, taken))
    notes: list[str] = [fix.warning for fix in sorted(fixes, key=lambda f: f.start)]
    for fix in sorted(fixes, key=lambda f: f.start, reverse=True):
        text = text[:fix.start] + fix.replacement + text[fix.end:]
    notes.extend(_unsupported(text, supported))
    return text, notes


def _word_spans(run: str, offset: int) -> list[tuple[int, int, str]]:
    return [(offset + m.start(), offset + m.end(), m.group()) for m in re.finditer(_WORD, run)]


def _fixes_in_run(run: str, offset: int, expected: Sequence[_Expected], stated: set[str],
                  supported: _Support) -> list[_Fix]:
    """Corrections inside one capitalised run, longest spans first."""
    words = _word_spans(run, offset)
    found: list[_Fix] = []
    used: set[int] = set()
    forms = {e.english for e in expected}
    cores = {e.core for e in expected}
    for size in range(min(4, len(words)), 0, -1):
        for first in range(len(words) - size + 1):
            span = " ".join(w for _, _, w in words[first:first + size])
            following = words[first + size][2] if first + size < len(words) else ""
            if span in forms or (span in cores and following not in _ADMIN_WORDS):
                used.update(range(first, first + size))  # a name already right: its words are settled
    for size in range(min(4, len(words)), 0, -1):
        for first in range(len(words) - size + 1):
            if any(i in used for i in range(first, first + size)):
                continue
            start, end = words[first][0], words[first + size - 1][1]
            span = " ".join(w for _, _, w in words[first:first + size])
            fix = _fix_span(span, start, end, expected, stated, supported)
            if fix is not None:
                found.append(fix)
                used.update(range(first, first + size))
    return found


def _fix_span(span: str, start: int, end: int, expected: Sequence[_Expected], stated: set[str],
              supported: _Support) -> _Fix | None:
    letters = _letters(span)
    admin = next((a for a in _ADMIN if span.endswith(" " + a)), None)
    head = span[: -len(admin) - 1] if admin else span
    for item in expected:
        if span == item.english or span == item.core:
            return None  # already right
    for item in expected:
        target = item.english if (admin or not item.admin) else item.core
        if span in (item.english, target):
            continue
        reason = None
        if letters == _letters(target) and span != target:
            reason = "spelt apart"
        elif letters == "".join(item.syllables) and letters != _letters(item.core):
            reason = "pinyin for its standard form"
        elif admin and item.admin and head == item.core and admin != item.admin:
            reason = f"{admin} for {item.admin}"
            target = item.english
        elif item.english not in stated and _misspelt(head, item, supported):
            reason = "misspelt"  # (a second, misspelt mention of a name the text states is more likely another name)
            target = f"{item.core} {item.admin}" if (admin and item.admin) else item.core
        if reason is not None:
            return _Fix(start, end, target, _corrected(item, span, target, reason))
    return None


def _misspelt(head: str, item: _Expected, supported: _Support) -> bool:
    """A spelling that is pinyin, names nothing the article says, and sounds like the source name."""
    letters = _letters(head)
    if not letters or letters in supported.windows or letters in supported.words:
        return False
    if " " not in head and is_english_word(head) and split_syllables(head) is None:
        return False
    return pinyin_similarity(letters, list(item.syllables)) >= NEAR_MISS


def _corrected(item: _Expected, said: str, target: str, reason: str) -> GuardWarning:
    return GuardWarning("name-corrected", f'name {item.name.text}: English said "{said}", corrected to '
                                          f'"{target}" ({reason})')


def _areas_by_position(text: str, spans: Sequence[tuple[int, int, str]], expected: Sequence[_Expected],
                       stated: set[str], supported: _Support, taken: list[tuple[int, int]]) -> list[_Fix]:
    """"Mutual Aid County", "Yingbushu Autonomous Prefecture": a phrase before an administrative word
    that names nothing of the article stands for an area of the article the English does not name."""
    unstated = [e for e in expected if e.admin and e.english not in stated and e.core not in stated
                and e.name.kind == "place"]
    if not unstated:
        return []
    fixes: list[_Fix] = []
    for start, end, run in spans:
        for match in re.finditer(rf"((?:{_WORD} )+?)({'|'.join(_ADMIN)})\b", run):
            head, admin = match.group(1).strip(), match.group(2)
            span_start, span_end = start + match.start(), start + match.end()
            if any(span_start < b and a < span_end for a, b in taken) or not _names_nothing(head, expected, supported):
                continue
            choice = _best_area(head, admin, unstated)
            if choice is None:
                continue
            unstated.remove(choice)
            said = match.group()
            fixes.append(_Fix(span_start, span_end, choice.english,
                              _corrected(choice, said, choice.english, "names no area of the article")))
            taken.append((span_start, span_end))
            if not unstated:
                return fixes
    return fixes


def _names_nothing(head: str, expected: Sequence[_Expected], supported: _Support) -> bool:
    if any(head == e.core or head in e.english for e in expected):
        return False
    words = head.split()
    # Everyday words ("Mutual Aid") or unsupported pinyin ("Yingbushu"); never a word of the article.
    return all(w.lower() not in supported.words and _letters(w) not in supported.windows for w in words) \
        and not any(w in ("New", "North", "South", "East", "West", "Central") for w in words[:1])


def _best_area(head: str, admin: str, unstated: Sequence[_Expected]) -> _Expected | None:
    """The unmentioned area the phrase most likely stands for, by the spelling of its letters and its
    administrative word (an autonomous prefecture is a prefecture); None when nothing is close enough
    to tell ("Ludong County" with two unmentioned districts)."""
    level = admin.split()[-1]
    pool = [e for e in unstated if (e.admin or "").split()[-1] == level or (level != "Province" and e.admin != "Province")]
    if not pool:
        return None

    said = split_syllables(head) or []

    def score(e: _Expected) -> float:
        spelling = SequenceMatcher(None, _letters(head), _letters(e.core)).ratio()
        initials = sum(a[0] == b[0] for a, b in zip(said, e.syllables)) / len(said) if len(said) == len(
            e.syllables) else 0.0  # Ludong and Ledu: l- d- both
        return spelling + initials + pinyin_similarity(_letters(head), list(e.syllables)) + (
            0.2 if (e.admin or "").split()[-1] == level else 0.0)

    ranked = sorted(pool, key=lambda e: (-score(e), pool.index(e)))
    if len(ranked) > 1 and score(ranked[0]) - score(ranked[1]) < 0.1:
        return None  # two areas as likely: no way to tell
    return ranked[0]


def _common_word_pinyin(text: str, supported: _Support, taken: list[tuple[int, int]]) -> list[_Fix]:
    """"Daidong", "Youliang": the pinyin of a common word of the article, written as if a name, is
    replaced by the word's English (note `term-translated`)."""
    fixes = []
    for match in re.finditer(rf"\b{_WORD}\b", text):
        word = match.group()
        base, possessive = (word[:-2], word[-2:]) if word.endswith(("'s", "’s")) else (word, "")
        chinese, english = supported.terms.get(_letters(base), ("", None))
        if english is None or _letters(base) in supported.words or word in _ALWAYS:
            continue
        if (is_english_word(base) and base not in _dictionary_names()) \
                or any(match.start() < b and a < match.end() for a, b in taken):
            continue
        opens = re.search(r"(?:^|[.!?]\s+)$", text[:match.start()]) is not None
        said = (english[:1].upper() + english[1:] if opens else english) + possessive  # a sentence keeps its capital
        fixes.append(_Fix(match.start(), match.end(), said, GuardWarning(
            "term-translated", f'"{word}" is the pinyin of the common word {chinese}: translated as "{english}"')))
        taken.append((match.start(), match.end()))
    return fixes


# 全州 "the whole prefecture" read as a US-style state: "the entire state", "throughout the state".
_WHOLE_STATE = re.compile(r"\b((?:the )?(?:entire|whole) |throughout the |across the )state\b", re.IGNORECASE)


def _whole_state(text: str, taken: list[tuple[int, int]]) -> list[_Fix]:
    """In an article about a Chinese prefecture that says 全州, "the entire state" is the whole prefecture
    (the dictionary's first sense of 州 is "state"); corrected with a `name-corrected` note."""
    fixes = []
    for match in _WHOLE_STATE.finditer(text):
        start, end = match.end(1), match.end()
        if any(start < b and a < end for a, b in taken):
            continue
        said = "Prefecture" if text[start] == "S" else "prefecture"
        fixes.append(_Fix(start, end, said, GuardWarning(
            "name-corrected", f'"{match.group()}" for 全州: the article\'s area is a prefecture, not a state; '
                              f'corrected to "{match.group(1)}{said}"')))
        taken.append((start, end))
    return fixes


def _unsupported(text: str, supported: _Support) -> list[str]:
    """A note for each capitalised word that is no English word and names nothing of the article."""
    notes: list[str] = []
    seen: set[str] = set()
    for match in re.finditer(rf"\b{_WORD}\b", text):
        word = match.group()
        if word in seen or word in _ALWAYS:
            continue
        seen.add(word)
        letters = _letters(word)
        if letters in supported.words or (letters in supported.windows and letters not in supported.terms):
            continue
        if is_english_word(word) and word not in _dictionary_names():
            continue
        notes.append(GuardWarning("name-unsupported", f'"{word}" is no English word and names nothing in the '
                                                      "article: check it"))
    return notes


def _dictionary_names() -> frozenset[str]:
    from summarise.names.dictionary import dictionary

    return dictionary().name_words
