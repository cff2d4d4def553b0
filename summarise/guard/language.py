"""The language guard: no Chinese left inside an English headline or summary.

A small model writes "The BioPark in西宁 Economic Development Zone". Each run of Chinese characters left in
the English is, in this order:

0. a text that is mostly Chinese (the model answered in Chinese) is first re-translated whole;
1. a run the brief's own translator turns into short English without Chinese is replaced by it, all
   runs in one batched call, up to 60 characters (longer is a sentence the model never translated);
2. but a name (3 characters or fewer, or 4 before an administrative suffix such as 市 or 省) keeps the
   translation only when it is a common word ("policy" for 方针) or spells the name's pinyin; otherwise it
   is transliterated with pypinyin: 西宁 becomes Xining, 西宁市 Xining City. A small model asked for a
   lone name guesses (Qwen2.5-Coder-1.5B turned 西宁 into "Shanghai"); pinyin never does;
3. anything else is removed.

Every change is a warning. Full-width punctuation (，。：) is folded to ASCII silently: it changes no word.
All runs of a batch go to the translator in one call. The work is linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarise.engines.base import Translator
from summarise.guard.codes import GuardWarning
from summarise.reading.layout import HAN as HAN_CHARACTERS

# Han ideographs (layout.HAN: every extension and the compatibility forms): what a reader of English cannot read.
HAN = re.compile(f"[{HAN_CHARACTERS}]+")
_CJK_CHAR = re.compile(f"[\u3000-\u303f{HAN_CHARACTERS}\uff01-\uff5e]")
_PUNCTUATION = str.maketrans({"，": ",", "。": ".", "：": ":", "；": ";", "！": "!", "？": "?", "（": "(",
                              "）": ")", "、": ",", "“": '"', "”": '"', "‘": "'", "’": "'", "《": '"',
                              "》": '"', "\u3000": " "})
NAME_MAX_CHARS = 3  # a bare run this short is a name (西宁, 果洛, 张国静); a longer one is a phrase
# Administrative suffixes that English names translate: 西宁市 is Xining City, not Xiningshi.
_SUFFIXES = (("自治州", "Autonomous Prefecture"), ("自治县", "Autonomous County"), ("省", "Province"),
             ("市", "City"), ("县", "County"), ("区", "District"), ("州", "Prefecture"), ("镇", "Town"),
             ("乡", "Township"), ("村", "Village"))
MAX_WHOLE_CHARS = 400  # a mostly-Chinese answer up to this long is re-translated whole
_WHOLE_NOTE = GuardWarning("chinese-retranslated", "the English was mostly Chinese: re-translated whole")
MAX_RETRANSLATED_CHARS = 60  # a longer run is a sentence the model never translated: removed, not re-asked
_MAX_WORDS_PER_CHAR = 3  # a re-translation much longer than its run is a sentence, not a name


def cjk_characters(text: str) -> int:
    """How many CJK characters (ideographs and full-width or CJK punctuation) `text` holds."""
    return len(_CJK_CHAR.findall(text))


def transliterate(name: str) -> str | None:
    """The pinyin of a Chinese name, capitalised, with its administrative suffix in English; None
    without pypinyin."""
    try:
        from pypinyin import lazy_pinyin
    except ImportError:
        return None
    suffix = ""
    for chinese, english in _SUFFIXES:
        if name.endswith(chinese) and len(name) > len(chinese):
            name, suffix = name[: -len(chinese)], f" {english}"
            break
    syllables = "".join(lazy_pinyin(name))
    if not syllables or HAN.search(syllables):
        return None
    return syllables[:1].upper() + syllables[1:] + suffix


def _mostly_chinese(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(bool(HAN.match(ch)) for ch in letters) * 2 > len(letters)


def _name_like(run: str) -> bool:
    """A run short enough to be a name, counting an administrative suffix (西宁市, 青海省) apart."""
    core = run
    for chinese, _ in _SUFFIXES:
        if core.endswith(chinese) and len(core) > len(chinese):
            core = core[: -len(chinese)]
            break
    return len(core) <= NAME_MAX_CHARS


def _trusted_for_name(english: str, pinyin: str) -> bool:
    """Whether a short run's translation beats its pinyin: a common word ("policy" for 方针), or a name
    that spells the pinyin ("Xining City"); not another proper name (Qwen-1.5B turned 西宁 into
    "Shanghai")."""
    squeezed = english.lower().replace(" ", "").replace("-", "")
    return english[:1].islower() or pinyin.split()[0].lower() in squeezed


# A reply about the task instead of a translation: Qwen2.5-Coder-1.5B answered short fragments with "No
# translation", "The entire text is in Chinese" or an echo of the prompt's own rules.
_META = re.compile(r"\b(?:chinese|translat\w*|quotes?|notes?|text)\b", re.IGNORECASE)


def _usable(translation: str, run: str) -> bool:
    words = translation.split()
    return bool(words) and not _META.search(translation) and not _CJK_CHAR.search(translation) and len(words) <= _MAX_WORDS_PER_CHAR * len(run) \
        and "\n" not in translation.strip()


def _usable_whole(translation: str, text: str) -> bool:
    """A whole answer's re-translation: mostly English, not a reply about the task. A few names left in
    Chinese are fine here: the run-by-run pass that follows transliterates them."""
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
    """The texts with every run of Chinese replaced (re-translated, transliterated or removed), and the
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
    names = {run: transliterate(run) for run in runs if _name_like(run)}
    translated = _translate_runs([run for run in runs if len(run) <= MAX_RETRANSLATED_CHARS], translator)
    replacements: dict[str, tuple[str, str]] = {}
    for run in runs:
        pinyin, english = names.get(run), translated.get(run)
        if pinyin and not (english and _trusted_for_name(english, pinyin)):
            replacements[run] = (pinyin, "transliterated")
        elif english:
            replacements[run] = (english, "re-translated")
        else:
            replacements[run] = ("", "removed")
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
            notes.append(GuardWarning("chinese-translated",
                                      f'Chinese "{match.group()}" left in the English: {how} as "{english}"'))
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
