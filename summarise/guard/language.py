"""The language guard: no Chinese left inside an English headline or summary.

A small model writes "The BioPark in西宁 Economic Development Zone". Each run of Chinese characters left in
the English is, in this order:

0. a text that is mostly Chinese (the model answered in Chinese) is first re-translated whole;
1. a run that is a name (the names stage reads it as one: 西宁 Xining, 西宁市 Xining City, 果洛 Golog, or a
   surname and a given name: 张国静 Zhang Guojing) gets the name's standard English form. A small model
   asked for a lone name guesses (Qwen2.5-Coder-1.5B turned 西宁 into "Shanghai"); the names stage never
   does;
2. a run that is one word of the dictionary (CC-CEDICT) gets its plainest English: 巩固 strengthen, 带动
   drive, 优良 good, 招商引资 investment promotion (note `term-translated`). Pinyin is for names only:
   "Daidong" and "Gonggu" told a reader nothing and looked like names;
3. any other run the brief's own translator turns into short English without Chinese is replaced by it,
   all runs in one batched call, up to 60 characters (longer is a sentence the model never translated);
4. anything else is removed.

Every change is a warning. Full-width punctuation (，。：) is folded to ASCII silently: it changes no word.
All runs of a batch go to the translator in one call. The work is linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarise.engines.base import Translator
from summarise.guard.codes import GuardCode, GuardWarning
from summarise.reading.layout import HAN as HAN_CHARACTERS

# Han ideographs (layout.HAN: every extension and the compatibility forms): what a reader of English cannot read.
HAN = re.compile(f"[{HAN_CHARACTERS}]+")
_CJK_CHAR = re.compile(f"[\u3000-\u303f{HAN_CHARACTERS}\uff01-\uff5e]")
_PUNCTUATION = str.maketrans({"，": ",", "。": ".", "：": ":", "；": ";", "！": "!", "？": "?", "（": "(",
                              "）": ")", "、": ",", "“": '"', "”": '"', "‘": "'", "’": "'", "《": '"',
                              "》": '"', "\u3000": " "})
NAME_MAX_CHARS = 3  # a bare run this short is a name (西宁, 果洛, 张国静); a longer one is a phrase
MAX_WHOLE_CHARS = 400  # a mostly-Chinese answer up to this long is re-translated whole
_WHOLE_NOTE = GuardWarning("chinese-retranslated", "the English was mostly Chinese: re-translated whole")
MAX_RETRANSLATED_CHARS = 60  # a longer run is a sentence the model never translated: removed, not re-asked
_MAX_WORDS_PER_CHAR = 3  # a re-translation much longer than its run is a sentence, not a name


def cjk_characters(text: str) -> int:
    """How many CJK characters (ideographs and full-width or CJK punctuation) `text` holds."""
    return len(_CJK_CHAR.findall(text))


def name_english(run: str) -> str | None:
    """The standard English of a run that is a name (the names stage), or of a bare surname and given
    name (张国静 -> Zhang Guojing); None for anything else."""
    from summarise.names import dictionary, extract_names, lexicon, person_english

    found = extract_names(run)
    if len(found) >= 1 and found[0].start == 0 and found[0].end == len(run) and found[0].english:
        return found[0].english
    surname = lexicon().surname_at(run, 0)
    if surname and 2 <= len(run) <= NAME_MAX_CHARS and len(run) > len(surname) and run not in dictionary():
        return person_english(surname, run[len(surname):])
    return None


def term_english(run: str) -> str | None:
    """The dictionary's plainest English for a run that is one common word."""
    from summarise.names import dictionary

    return dictionary().term(run)


def _mostly_chinese(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(bool(HAN.match(ch)) for ch in letters) * 2 > len(letters)


# A reply about the task instead of a translation: Qwen2.5-Coder-1.5B answered short fragments with "No
# translation", "The entire text is in Chinese" or an echo of the prompt's own rules.
_META = re.compile(r"\b(?:chinese|translat\w*|quotes?|notes?|text)\b", re.IGNORECASE)


def _usable(translation: str, run: str) -> bool:
    words = translation.split()
    return bool(words) and not _META.search(translation) and not _CJK_CHAR.search(translation) and len(words) <= _MAX_WORDS_PER_CHAR * len(run) \
        and "\n" not in translation.strip()


def _usable_whole(translation: str, text: str) -> bool:
    """A whole answer's re-translation: mostly English, not a reply about the task. A few names left in
    Chinese are fine here: the run-by-run pass that follows renders them."""
    words = translation.split()
    if not words or _mostly_chinese(translation) or len(words) > _MAX_WORDS_PER_CHAR * len(text):
        return False
    return not (_META.search(translation) and len(words) <= 8)


def _translate_runs(runs: Sequence[str], translator: Translator | None, *, whole: bool = False) -> dict[str, str]:
    """run -> usable English, from one batched translator call (failures give nothing, never raise)."""
    if translator is None or not runs:
        return {}
    try:
        outputs = translator.translate(list(runs))
    except Exception:  # noqa: BLE001 - the guard falls back to pinyin or removal, it never loses a brief
        return {}
    if len(outputs) != len(runs):
        return {}
    strip = "\"'“”" if whole else "\"'“”."  # a whole text keeps its full stop; a run has none
    cleaned = {run: str(out).strip().strip(strip).strip() for run, out in zip(runs, outputs)}
    usable = _usable_whole if whole else _usable
    return {run: text for run, text in cleaned.items() if usable(text, run)}


def remove_chinese(
    texts: Sequence[str], translator: Translator | None = None
) -> tuple[list[str], list[list[str]]]:
    """The texts with every run of Chinese replaced (named, translated or removed), and the
    warnings of each text."""
    folded = [text.translate(_PUNCTUATION) for text in texts]
    # A text that is mostly Chinese (the model answered in Chinese) is re-translated whole: piecing it
    # together run by run gives a list of fragments.
    whole = [i for i, text in enumerate(folded) if _mostly_chinese(text) and len(text) <= MAX_WHOLE_CHARS]
    whole_english = _translate_runs([folded[i] for i in whole], translator, whole=True)
    rewritten: dict[int, str] = {}
    for index in whole:
        english = whole_english.get(folded[index])
        if english is not None:
            rewritten[index] = english
            folded[index] = english
    runs = list(dict.fromkeys(m.group() for text in folded for m in HAN.finditer(text)))
    if not runs:
        return folded, [[_WHOLE_NOTE] if i in rewritten else [] for i in range(len(folded))]
    replacements: dict[str, tuple[str, str]] = {}
    for run in runs:
        name = name_english(run)
        term = term_english(run) if name is None else None
        if name is not None:
            replacements[run] = (name, "given its name's standard form")
        elif term is not None:
            replacements[run] = (term, "translated through the dictionary")
    rest = [run for run in runs if run not in replacements and len(run) <= MAX_RETRANSLATED_CHARS]
    translated = _translate_runs(rest, translator)
    for run in runs:
        if run not in replacements:
            english = translated.get(run)
            replacements[run] = (english, "re-translated") if english else ("", "removed")
    results: list[str] = []
    warnings: list[list[str]] = []
    for position, text in enumerate(folded):
        notes: list[str] = [_WHOLE_NOTE] if position in rewritten else []

        def replace(match: re.Match[str], text: str = text, notes: list[str] = notes) -> str:
            english, how = replacements[match.group()]
            if how == "removed":
                notes.append(GuardWarning(
                    "chinese-removed", f'Chinese "{match.group()}" left in the English: removed (no usable translation)'))
                return " "
            code: GuardCode = "term-translated" if how == "translated through the dictionary" else "chinese-translated"
            notes.append(GuardWarning(code, f'Chinese "{match.group()}" left in the English: {how} as "{english}"'))
            # Keep the replacement a word of its own: "in西宁 Economic" reads "in Xining Economic".
            head = " " if match.start() > 0 and text[match.start() - 1].isalnum() else ""
            tail = " " if match.end() < len(text) and text[match.end()].isalnum() else ""
            return f"{head}{english}{tail}"

        cleaned = HAN.sub(replace, text)
        if notes:
            cleaned = re.sub(r" {2,}", " ", cleaned)
            cleaned = re.sub(r" +([,.;:!?)])", r"\1", cleaned).strip()
        results.append(cleaned)
        warnings.append(notes)
    return results, warnings
