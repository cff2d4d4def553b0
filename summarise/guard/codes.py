"""The guard's warnings: the one-line text people read, carrying the code a `Note` records.

A warning stays a `str`, so the brief's `warnings` list and every caller that reads text are unchanged;
the code travels on the object, so nothing has to read it back out of the words.
"""

from __future__ import annotations

from typing import Literal, Self

GuardCode = Literal[
    "figure-corrected",  # an English figure was wrong and was edited to the source's value
    "unit-corrected",  # an English amount was wrong in its unit (megawatts for 万千瓦): number and unit rewritten
    "figure-retranslated",  # the sentence was translated again with its figures protected
    "figure-appended",  # the English kept a figure wrong; the right rendering was added in brackets
    "figure-unmatched",  # an English figure has no counterpart in the source sentence
    "name-missing",  # a name the source gives is not in the English
    "name-corrected",  # a person or place rendered close to its standard form was corrected to it
    "name-unsupported",  # a capitalised word that is no English word names nothing of the article
    "term-translated",  # a common Chinese word left in the English was translated through the dictionary
    "relation-reworded",  # a share written as a change was reworded
    "relation-mismatch",  # share, change or direction disagree with the source; left for a person
    "chinese-retranslated",  # the English was mostly Chinese, so the whole text was translated again
    "chinese-translated",  # Chinese left in the English was translated (or spelt in pinyin)
    "chinese-removed",  # Chinese left in the English was removed
    "figure-untraced",  # an English figure without digits could not be traced to the article
    "headline-figure-unsupported",  # the headline states a figure the article does not have
    "sentence-dropped",  # an English sentence stated a figure the article does not have
    "summary-sentence-dropped",  # a Chinese summary sentence stated a figure the article does not have
]


class GuardWarning(str):
    """A warning's text with its `code`."""

    code: GuardCode

    def __new__(cls, code: GuardCode, text: str) -> Self:
        warning = super().__new__(cls, text)
        warning.code = code
        return warning


def code_of(warning: str) -> str:
    """The code of a guard warning ("guard" for plain text from elsewhere)."""
    return warning.code if isinstance(warning, GuardWarning) else "guard"
