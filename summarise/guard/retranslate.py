"""The one call the guard makes to the translator: the sentences it could not repair, re-translated in
one batch with their figures masked as [F1], [F2], ... and the deterministic renderings put back."""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarise.engines.base import Translator
from summarise.types import Figure

_PLACEHOLDER = re.compile(r"\[\s*F\s*(\d+)\s*\]", re.IGNORECASE)


def retranslate_many(
    zh_sentences: Sequence[str], figures: Sequence[Sequence[Figure]], translator: Translator | None
) -> dict[int, str]:
    """Translate each sentence with its figures replaced by placeholders, in one batched call, and put
    the renderings back; index -> restored English, for the outputs that can be trusted."""
    if translator is None or not zh_sentences:
        return {}
    masked = [_mask(zh, found) for zh, found in zip(zh_sentences, figures, strict=True)]
    try:
        outputs = translator.translate([text for text, _ in masked])
    except Exception:  # noqa: BLE001 - a failed re-translation falls back, it never loses the brief
        return {}
    if len(outputs) != len(masked):
        return {}
    restored = {}
    for index, (output, (_, protected)) in enumerate(zip(outputs, masked, strict=True)):
        text = _restore(output, protected) if isinstance(output, str) else None
        if text is not None:
            restored[index] = text
    return restored


def _mask(zh: str, figures: Sequence[Figure]) -> tuple[str, list[Figure]]:
    """`zh` with each quantity replaced by [F1], [F2], ... and the figures in placeholder order."""
    protected = [f for f in figures if f.kind != "name"]
    masked = zh
    for number, figure in sorted(enumerate(protected, 1), key=lambda item: item[1].start, reverse=True):
        masked = masked[:figure.start] + f"[F{number}]" + masked[figure.end:]
    return masked, protected


def _restore(output: str, protected: Sequence[Figure]) -> str | None:
    """The translation with placeholders replaced by renderings; None if one was lost or invented."""
    seen: set[int] = set()

    def restore(match: re.Match[str]) -> str:
        number = int(match.group(1))
        if not 1 <= number <= len(protected):
            return match.group()
        seen.add(number)
        return protected[number - 1].english

    restored = _PLACEHOLDER.sub(restore, output)
    if len(seen) != len(protected) or _PLACEHOLDER.search(restored):
        return None  # a placeholder lost or invented: the output cannot be trusted
    return restored

