"""Chinese sentence splitting that never cuts inside a number.

EasyNMT's splitter breaks on ASCII "." and turns 达到12.6万亿元。 into "达到12." and "6万亿元。", which
destroys exactly the figures this project exists to keep. Here a "." only ends a sentence when it is
followed by whitespace or the end of the text, and never when a digit precedes it and another follows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Full-width 。！？； and their ASCII twins end a sentence; closing quotes and brackets that follow
# belong to the sentence they close. "……" (ellipsis) ends one too.
_BOUNDARY = re.compile(
    r"""
    (?:
        [。！？；!?;]+            # terminal punctuation, possibly repeated (?!)
      | …{1,2}|\.{3,}             # ellipsis
      | \.(?=\s|$)                # an ASCII full stop before whitespace or the end
      | \n+                       # a line break always ends a sentence
    )
    [”’」』）)\]】》"']*          # closers stay with their sentence
    """,
    re.VERBOSE,
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text`, whitespace trimmed; `text[start:end]` is the sentence."""
    spans: list[tuple[int, int]] = []
    position = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        spans.extend(_trimmed(text, position, end))
        position = end
    spans.extend(_trimmed(text, position, len(text)))
    return spans


def split_sentences(text: str) -> list[str]:
    """The sentences of `text`, in order, each trimmed of surrounding whitespace."""
    return [text[start:end] for start, end in sentence_spans(text)]


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield (start, end)
