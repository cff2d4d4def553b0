"""The article's names as prompt lines, the way figures are handed to the models."""

from __future__ import annotations

from collections.abc import Sequence

from summarise.types import Name

MAX_NAME_HINTS = 24
NONE_TEXT = "(none)"
_MAX_TITLES = 3  # 省委常委、市委书记王卫东: the titles a person is introduced with, nearest first
_TITLE_JOINERS = "、兼"


def render_name_hints(names: Sequence[Name], limit: int = MAX_NAME_HINTS, text: str | None = None) -> str:
    """One `- 西宁 = Xining (place)` line per distinct name with an English form, or "(none)". Given the
    `text` the names were found in, a person's line also carries the titles the text introduces them
    with, in the table's English (`- 陈刚 = Chen Gang (person; 省委书记 = secretary of the provincial Party
    committee)`): a small model otherwise guesses a title ("chairman" for 书记)."""
    lines: list[str] = []
    for name in names:
        if not name.english:
            continue
        titles = titles_before(text, name.start) if text is not None and name.kind == "person" \
            and name.start is not None else []
        said = "".join(f"; {title} = {english}" for title, english in titles)
        lines.append(f"- {name.text} = {name.english} ({name.kind}{said})")
    lines = list(dict.fromkeys(lines))
    return "\n".join(lines[:limit]) if lines else NONE_TEXT


def titles_before(text: str, start: int) -> list[tuple[str, str]]:
    """The titles of the table that stand right before `text[start]`, in reading order, with their
    English: 省委常委、市委书记王卫东 gives 省委常委 and 市委书记. Each step tries the table's longest titles
    first and reads at most a title's length back, so the work is bounded per name."""
    from summarise.names.lexicon import lexicon

    lex = lexicon()
    longest = lex.longest_title
    found: list[tuple[str, str]] = []
    end = start
    while end > 0 and start - end < 2 and text[end - 1] in " \u3000":
        end -= 1  # a byline: 记者 张国静
    while len(found) < _MAX_TITLES:
        title = next((text[end - size:end] for size in range(min(longest, end), 1, -1)
                      if text[end - size:end] in lex.titles), None)
        if title is None:
            break
        found.insert(0, (title, lex.titles[title]))
        end -= len(title)
        if end > 0 and text[end - 1] in _TITLE_JOINERS:
            end -= 1
    return found


def name_hints(text: str) -> str:
    """The standard English forms of the names in `text`, as prompt lines."""
    from summarise.names.scan import extract_names

    return render_name_hints(extract_names(text), text=text)
