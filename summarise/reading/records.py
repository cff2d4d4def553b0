"""One JSONL line to a validated record, or a typed per-record error: a bad record never stops a batch.

Hostile lines seen in the wild: a 5,000-digit id (json raises ValueError, not JSONDecodeError), arrays
nested 100,000 deep (RecursionError), lone surrogates ("\\ud800", which cannot be written back as UTF-8),
`{"id": true}` (which str() would turn into "True"), and ids carrying terminal escape sequences (which
would reach a terminal raw through `-v`). Each becomes a `BadRecord` naming its line and the reason.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass

from summarise.errors import InputError, first_line

MAX_ID_CHARS = 512  # an id is a key in OUT.jsonl and a line on a terminal, not a document
# Lone UTF-16 halves: JSON "\ud800" escapes decode to them, and no UTF-8 writer accepts them.
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


class BadRecord(InputError):
    """One JSONL record that cannot be briefed; the batch records it and goes on."""


@dataclass(frozen=True)
class Record:
    """A validated JSONL record: its text, optional title and optional id (always a clean string)."""

    text: str
    title: str | None = None
    id: str | None = None


def parse_record(line: str, where: str) -> Record | BadRecord:
    """The record of one JSONL line, or a BadRecord (an InputError) that says why, naming `where`."""
    try:
        value = json.loads(line)
    except json.JSONDecodeError as error:
        return BadRecord(f"{where}: not valid JSON ({error.msg} at column {error.colno})")
    except ValueError as error:  # e.g. an integer over Python's 4,300-digit conversion limit
        return BadRecord(f"{where}: not valid JSON ({first_line(error)})")
    except RecursionError:
        return BadRecord(f"{where}: not valid JSON (nested too deeply)")
    if not isinstance(value, dict):
        return BadRecord(f'{where}: a JSONL record must be an object with "text", not {type(value).__name__}')
    text = value.get("text")
    if not isinstance(text, str):
        return BadRecord(f'{where}: record has no "text" string')
    title = value.get("title")
    if title is not None and not isinstance(title, str):
        return BadRecord(f'{where}: record "title" must be a string')
    record_id = _record_id(value.get("id"), where)
    if isinstance(record_id, BadRecord):
        return record_id
    return Record(text=text, title=title, id=record_id)


def _record_id(value: object, where: str) -> str | None | BadRecord:
    # bool is an int subclass: {"id": true} must not quietly become the id "True".
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return BadRecord(f'{where}: record "id" must be a string or a number, not {json.dumps(value)[:40]}')
    record_id = str(value)
    if len(record_id) > MAX_ID_CHARS:
        return BadRecord(f'{where}: record "id" is {len(record_id):,} characters long (at most {MAX_ID_CHARS})')
    if _SURROGATE_RE.search(record_id):
        return BadRecord(f'{where}: record "id" holds a lone surrogate ({ascii(record_id)[:60]}), not text')
    if any(_is_control(ch) for ch in record_id):
        return BadRecord(f'{where}: record "id" holds control characters ({ascii(record_id)[:60]})')
    return record_id


def _is_control(ch: str) -> bool:
    # Cc: C0/C1 controls and DEL (ESC starts terminal escape sequences); Cf: bidi and other format
    # characters (U+202E would reverse the rest of a terminal line or a file name shown to a reader).
    return unicodedata.category(ch) in ("Cc", "Cf")


def replace_surrogates(text: str) -> tuple[str, int]:
    """`text` with each lone surrogate replaced by U+FFFD (same length), and how many were replaced."""
    cleaned, count = _SURROGATE_RE.subn("\ufffd", text)
    return cleaned, count

