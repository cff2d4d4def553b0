"""The figure guard: no wrong or invented figure reaches the reader silently.

- `check_summary` (summary.py): every figure of the zh summary must occur in the article; a sentence
  with a figure that does not is a hallucination and is dropped, with a warning.
- `repair_translation(s)` (repair.py): every figure of each zh sentence must appear in its English with
  an equal value and a compatible qualifier; wrong renderings are repaired in place, re-translated with
  the figures protected (retranslate.py, the guard's one call to the translator), or appended.
- `check_english` (english_check.py): the same promise for the one-step LLM path, checked against the
  article itself.
- `key_figures` (salience.py): the article's figures ranked by salience, with page offsets.
- `check_language` (language.py): Chinese left in the English gets its name's standard form, the
  dictionary's English, the translator's,
  or is removed; relations.py: a percentage the Chinese gives as a share must not read as a
  change (run inside `repair_translations` and `check_english`).
- compare.py: how figures are compared (`matches`, `stated_in`, `qualifiers_compatible`); fixes.py: an
  edit to the English and its warning.

- `check_names` (names.py): every person and place of the article in its standard English form
  (summarise.names): a near miss corrected, a name-like word that names nothing noted.

Every change is recorded as a one-line warning. Figures of kind "name" (十四五, Ⅱ类) carry no value: a
missing one is warned about, never "repaired".
"""

from summarise.guard.compare import matches, occurs_in, qualifiers_compatible, significant_digits, stated_in
from summarise.guard.english_check import check_english
from summarise.guard.language import remove_chinese as check_language
from summarise.guard.names import check_names
from summarise.guard.repair import repair_translation, repair_translations
from summarise.guard.salience import key_figures
from summarise.guard.summary import check_summary

__all__ = [
    "check_english",
    "check_language",
    "check_names",
    "check_summary",
    "key_figures",
    "matches",
    "occurs_in",
    "qualifiers_compatible",
    "repair_translation",
    "repair_translations",
    "significant_digits",
    "stated_in",
]
