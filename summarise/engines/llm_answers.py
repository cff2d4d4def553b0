"""Reading an instruct model's reply: a JSON object wherever it is (fenced, wrapped in prose, after a
reasoning block, or cut off at the token limit), else `Headline:`/`Summary:` lines, else raw text; and
what is left of a reply cut off at the token limit once its unfinished sentence is dropped."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Self


class Reply(str):
    """A model's reply text, and whether generation stopped at the token limit (`cut_off`) rather than
    at the model's own end. A `str`, so a backend or a test double that returns plain text still fits:
    plain text counts as finished."""

    cut_off: bool

    def __new__(cls, text: str, *, cut_off: bool = False) -> Self:
        reply = super().__new__(cls, text)
        reply.cut_off = cut_off
        return reply


def was_cut_off(reply: str) -> bool:
    """Whether `reply` stopped at the token limit (False for plain text)."""
    return bool(getattr(reply, "cut_off", False))


# A sentence ends at . ! ? (or their full-width forms), after any closing quotes or brackets, before
# whitespace or the end: so never at the point of a decimal ("2.27"), nor after a lone capital ("U.S.").
_FULL_STOP = re.compile(r"(?<!\b[A-Z])[.!?。！？]+[\"'”’)\]]*(?=\s|$)")


def complete_sentences(text: str) -> str:
    """`text` up to the end of its last complete sentence ("" when it has none): what may be published
    of a reply that was cut off mid-sentence."""
    ends = [match.end() for match in _FULL_STOP.finditer(text)]
    return text[: ends[-1]].strip() if ends else ""


@dataclass(frozen=True)
class ParsedAnswer:
    """What could be read from one reply, and how (`json`, `cut-json`, `labelled`, `text`, `empty`)."""

    headline: str | None
    summary: str | None
    figures: tuple[str, ...]
    form: str
    raw: str

    @property
    def complete(self) -> bool:
        """A JSON reply (whole or cut off) with both a headline and a summary: no retry needed."""
        return self.form in ("json", "cut-json") and bool(self.headline) and bool(self.summary)

    @property
    def problem(self) -> str:
        """Why the reply is not complete, in words for a warning."""
        if self.form == "empty":
            return "the answer was empty"
        if self.form not in ("json", "cut-json"):
            return "the answer was not JSON"
        missing = [k for k, v in (("headline", self.headline), ("summary", self.summary)) if not v]
        return f"the answer had no {' or '.join(missing)}" if missing else "none"


# No tokenizer makes a token longer than this on average over a reply: a reply past max_new_tokens times
# this many characters did not come from a model honouring max_tokens (a server may send anything).
MAX_CHARS_PER_TOKEN = 8
# What a reply must not carry into a brief: lone surrogates (unwritable as UTF-8), C0 and C1 controls but
# tab and newlines, and the bidirectional overrides and isolates that reorder displayed text.
_UNSAFE = re.compile("[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class ScreenedReply:
    """A reply made safe to read: cut to what max_new_tokens allows, unsafe characters replaced."""

    text: str
    warnings: tuple[str, ...]
    cut_off: bool = False  # generation stopped at max_new_tokens (or the reply was cut here to its size)


def screen_reply(raw: object, max_new_tokens: int) -> ScreenedReply:
    """`raw` as text a brief can hold, with a warning for each repair: a reply longer than
    `max_new_tokens` can make is cut, and lone surrogates and control characters become U+FFFD."""
    text = raw if isinstance(raw, str) else ""
    warnings: list[str] = []
    limit = max_new_tokens * MAX_CHARS_PER_TOKEN
    cut_off = was_cut_off(text) or len(text) > limit
    if len(text) > limit:
        warnings.append(f"the LLM reply had {len(text):,} characters, more than {max_new_tokens} tokens make; "
                        f"cut to its first {limit:,}")
        text = text[:limit]
    text, replaced = _UNSAFE.subn("\ufffd", text)
    if replaced:
        warnings.append(f"replaced {replaced} lone surrogate(s) or control character(s) in the LLM reply "
                        f"with U+FFFD")
    return ScreenedReply(text, tuple(warnings), cut_off=cut_off)


# U+FFFD and control characters appear when generation stops inside a multi-byte character.
_JUNK = re.compile(r"[\ufffd\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_THINK = re.compile(r"<think>.*?(</think>|$)", re.DOTALL | re.IGNORECASE)
_FENCE = re.compile(r"```(?:json|JSON)?\s*\n?(.*?)(```|$)", re.DOTALL)
_TRANSLATES_TO = re.compile(r'^(?:The )?Chinese (?:text|sentence)\s*"[^"\n]*"\s*(?:translates|is translated) '
                            r'(?:to|into|as)(?: English as)?\s*:?\s*"([^"\n]+)"\.?$', re.IGNORECASE)
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_HEADLINE_KEYS = ("headline", "title", "标题")
_SUMMARY_KEYS = ("summary", "brief", "摘要")
_FIGURES_KEYS = ("figures", "key_figures", "numbers")
_LABEL = re.compile(
    r"^\s*[*#>\-\s]*(headline|title|summary|标题|摘要)\s*[*]*\s*[:：]\s*(.*)$", re.IGNORECASE
)


def parse_answer(raw: str) -> ParsedAnswer:
    """Read a headline and summary from a model reply, as leniently as the reply allows."""
    text = _JUNK.sub("", _THINK.sub("", raw or "")).strip()
    if not text:
        return ParsedAnswer(None, None, (), "empty", raw or "")
    for candidate in _json_candidates(text):
        obj = _first_json_object(candidate)
        if obj is not None:
            return ParsedAnswer(
                _text_field(obj, _HEADLINE_KEYS), _text_field(obj, _SUMMARY_KEYS),
                _list_field(obj, _FIGURES_KEYS), "json", raw,
            )
    cut = _cut_json(text)
    if cut is not None:
        return ParsedAnswer(cut[0], cut[1], (), "cut-json", raw)
    labelled = _labelled(text)
    if labelled is not None:
        return ParsedAnswer(labelled[0], labelled[1], (), "labelled", raw)
    return ParsedAnswer(None, None, (), "text", raw)


def clean_reply(raw: str) -> str:
    """A plain-text reply without reasoning blocks, code fences, wrapping quotes or broken characters."""
    text = _JUNK.sub("", _THINK.sub("", raw or "")).strip()
    fenced = _FENCE.search(text)
    if fenced:
        text = fenced.group(1).strip()
    # Qwen2.5-Coder-1.5B sometimes answers a translation as: The Chinese text "…" translates to "…".
    wrapped = _TRANSLATES_TO.match(text)
    if wrapped:
        text = wrapped.group(1).strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'“”":
        text = text[1:-1].strip()
    return text


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def without_prompt_echo(reply: str, prompt_text: str) -> str:
    """The reply without sentences copied from the prompt's own instructions: Qwen2.5-Coder-1.5B ended
    translations with "Reply with the English translation only." A sentence of three words or more that
    the prompt holds verbatim is an echo, not a translation."""
    instructions = " ".join(prompt_text.split()).lower()
    kept = [sentence for sentence in _SENTENCE_END.split(reply)
            if len(sentence.split()) < 3 or " ".join(sentence.split()).lower() not in instructions]
    return " ".join(kept).strip()


def _json_candidates(text: str) -> list[str]:
    # Fenced blocks first (a model that explains itself usually fences the answer), then the whole.
    return [m.group(1) for m in _FENCE.finditer(text)] + [text]


def _first_json_object(text: str) -> dict[str, Any] | None:
    decoder = json.JSONDecoder()
    for match in re.finditer(r"\{", text):
        for attempt in (text[match.start():], _TRAILING_COMMA.sub(r"\1", text[match.start():])):
            try:
                obj, _ = decoder.raw_decode(attempt)
            except json.JSONDecodeError:
                continue
            if isinstance(obj, dict):
                return obj
    return None


def _cut_json(text: str) -> tuple[str | None, str | None] | None:
    """Headline and summary string values from a JSON object cut off before its end."""
    values: dict[str, str] = {}
    for keys, name in ((_HEADLINE_KEYS, "headline"), (_SUMMARY_KEYS, "summary")):
        for key in keys:
            match = re.search(rf'"{key}"\s*:\s*"((?:[^"\\]|\\.)*)', text, re.IGNORECASE)
            if match:
                try:
                    values[name] = json.loads(f'"{match.group(1)}"')
                except json.JSONDecodeError:
                    values[name] = match.group(1)
                break
    if not values:
        return None
    return values.get("headline", "").strip() or None, values.get("summary", "").strip() or None


def _labelled(text: str) -> tuple[str | None, str | None] | None:
    """`Headline: ...` / `Summary: ...` lines; a summary runs on until the next label."""
    headline: str | None = None
    summary_lines: list[str] = []
    current = None
    for line in text.splitlines():
        match = _LABEL.match(line)
        if match:
            label = match.group(1).lower()
            current = "headline" if label in ("headline", "title", "标题") else "summary"
            value = match.group(2).strip().strip("*").strip()
            if current == "headline":
                headline = value or headline
            elif value:
                summary_lines.append(value)
        elif current == "summary" and line.strip():
            summary_lines.append(line.strip())
    if headline is None and not summary_lines:
        return None
    return headline, " ".join(summary_lines) or None


def _text_field(obj: Mapping[str, Any], keys: Sequence[str]) -> str | None:
    lowered = {str(k).lower(): v for k, v in obj.items()}
    for key in keys:
        value = lowered.get(key)
        if isinstance(value, list):
            value = " ".join(str(v).strip() for v in value if str(v).strip())
        if isinstance(value, (str, int, float)) and str(value).strip():
            return str(value).strip()
    return None


def _list_field(obj: Mapping[str, Any], keys: Sequence[str]) -> tuple[str, ...]:
    lowered = {str(k).lower(): v for k, v in obj.items()}
    for key in keys:
        value = lowered.get(key)
        if isinstance(value, list):
            return tuple(str(v).strip() for v in value if isinstance(v, (str, int, float)) and str(v).strip())
        if isinstance(value, str) and value.strip():
            return (value.strip(),)
    return ()
