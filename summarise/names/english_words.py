"""Is it an English word? wordfreq's English frequencies (code Apache-2.0, data CC BY-SA 4.0).

wordfreq was chosen over a fixed word list (web2, GCIDE) because it knows inflected and modern words
("provinces", "upgraded", "photovoltaic", "internet") that the old lists lack, and it tells a common
word from a rare string by frequency: "Qingning", "Haodong", "Daidong" have none, "county" has 5.2 on
the Zipf scale. A proper noun such as "Harbin" also has a frequency, so the guard asks the dictionary
too (names.english_names): a word CC-CEDICT uses only as a name is a name, not an English word.
"""

from __future__ import annotations

from functools import lru_cache

# Zipf frequency (log10 of uses per billion words) at which a word counts as English: "revitalization"
# is 2.9, "photovoltaic" 3.0; pinyin a model made up ("Qingming" 1.4, "Tese" 1.5, "Yumen" 1.2) is below.
ENGLISH_ZIPF = 2.0


@lru_cache(maxsize=65536)
def word_frequency(word: str) -> float:
    """The Zipf frequency of `word` in English (0.0 for a word wordfreq has never seen)."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word.lower(), "en"))


def is_english_word(word: str) -> bool:
    """True when `word` is common enough in English to be a word rather than a made-up name."""
    return word_frequency(word) >= ENGLISH_ZIPF
