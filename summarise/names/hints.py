"""The article's names as prompt lines, the way figures are handed to the models."""

from __future__ import annotations

from collections.abc import Sequence

from summarise.types import Name

MAX_NAME_HINTS = 24
NONE_TEXT = "(none)"


def render_name_hints(names: Sequence[Name], limit: int = MAX_NAME_HINTS) -> str:
    """One `- 西宁 = Xining (place)` line per distinct name with an English form, or "(none)"."""
    lines = list(dict.fromkeys(f"- {n.text} = {n.english} ({n.kind})" for n in names if n.english))
    return "\n".join(lines[:limit]) if lines else NONE_TEXT


def name_hints(text: str) -> str:
    """The standard English forms of the names in `text`, as prompt lines."""
    from summarise.names.scan import extract_names

    return render_name_hints(extract_names(text))
