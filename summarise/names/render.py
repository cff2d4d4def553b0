"""English forms by rule: personal names in pinyin, surname first, and pinyin words for cores the
dictionary lacks. Nothing here guesses a foreign name: pinyin is for Chinese names only."""

from __future__ import annotations

from summarise.names.lexicon import lexicon

_VOWEL_INITIAL = ("a", "o", "e")


def pinyin_syllables(text: str) -> list[str]:
    """The toneless pinyin of each character of `text` (pypinyin's reading in context)."""
    from pypinyin import Style, lazy_pinyin

    return [syllable.replace("ü", "v") for syllable in lazy_pinyin(text, style=Style.NORMAL, v_to_u=False)]


def pinyin_word(text: str, readings: dict[str, str] | None = None) -> str:
    """`text` as one capitalised pinyin word, with an apostrophe where a syllable boundary would be
    ambiguous (西安 -> Xi'an, 嘉安 -> Jia'an); `readings` overrides a character's reading, by default as
    place and body names read it (长山 Changshan, 蜀都 Shudu)."""
    syllables = pinyin_syllables(text)
    if readings is None:
        readings = lexicon().place_readings
    if readings and len(syllables) == len(text):
        syllables = [readings.get(char, syllable) for char, syllable in zip(text, syllables, strict=True)]
    word = syllables[0] if syllables else ""
    for syllable in syllables[1:]:
        word += ("'" if syllable.startswith(_VOWEL_INITIAL) else "") + syllable
    return word[:1].upper() + word[1:]


def surname_english(surname: str) -> str:
    """A surname in pinyin, read as a surname (单 Shan, 曾 Zeng, 解 Xie, 欧阳 Ouyang)."""
    reading = lexicon().surname_readings.get(surname)
    if reading is not None:
        return reading
    if len(surname) == 2:
        return surname_english(surname[0]) + surname_english(surname[1]).lower()
    return pinyin_word(surname)


def person_english(surname: str, given: str) -> str:
    """A mainland personal name: surname first, the given name as one word (王卫东 -> Wang Weidong),
    its characters read as names read them (王某焘 -> Wang Moutao)."""
    return f"{surname_english(surname)} {pinyin_word(given, lexicon().given_readings)}".strip()


def title_words(words: str) -> str:
    """English words in title case, small words kept small ("investment and trade" -> "Investment and
    Trade")."""
    small = {"and", "of", "the", "for", "in", "on", "to", "a", "an"}
    parts = words.split()
    return " ".join(p if (i and p in small) else p[:1].upper() + p[1:] for i, p in enumerate(parts))
