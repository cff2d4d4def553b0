"""The layout rules of Chinese news text that both the readers and the article splitter use: what a
Han character is, what a headline-like line looks like, and what opens a byline or dateline.

They live here, below the readers, normalise.py and articles.py, so none has to import another for them.
"""

from __future__ import annotations

import re

# CJK ideographs: the unified block, extension A, compatibility ideographs and the supplementary planes.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN_RE = re.compile(f"[{HAN}]")
# One line of a page: what the page-break rejoiner and the article splitter both walk.
LINE_RE = re.compile(r"[^\n]+")

_AGENCY = "(?:本报|本刊|新华社|中新社|中新网|人民网|新华网|央视网|央广网|光明网|中国日报网|经济日报)"
_DATE = r"\d{1,2}月\d{1,2}日"
_PAREN = r"[(\[【][^()\[\]【】\n]{1,40}[)\]】]"
_BYLINE_RE = re.compile(
    rf"""
    (?:
        {_AGENCY}[{HAN}]{{0,8}}?(?:{_DATE})?讯       # 本报讯, 本报西宁12月24日讯
      | {_AGENCY}[{HAN}]{{0,8}}?{_DATE}电            # 新华社北京12月24日电
    )
    (?:[ \t]*{_PAREN})?                              # (记者 张国静)
  | [(\[【][^()\[\]【】\n]{{0,12}}(?:记者|通讯员|实习生|特约)[^()\[\]【】\n]{{0,40}}[)\]】]
  | 本报记者(?:[ \t]*[{HAN}·]{{2,4}}){{1,4}}[ \t]*$  # a whole line naming the reporters
    """,
    re.VERBOSE,
)
_SENTENCE_PUNCTUATION_RE = re.compile("[。,;]")
MAX_HEADING_CHARS = 64


def byline_match(line: str) -> re.Match[str] | None:
    """The byline at the start of `line` (本报讯(记者 张国静), 新华社北京12月24日电, ...), if any."""
    return _BYLINE_RE.match(line)


def is_byline_line(line: str) -> bool:
    """True when `line` opens with a byline or dateline."""
    return _BYLINE_RE.match(line) is not None


def is_heading_line(line: str) -> bool:
    """True for a headline-like line: short, Chinese, without sentence punctuation (。,;)."""
    return (
        0 < len(line) <= MAX_HEADING_CHARS
        and HAN_RE.search(line) is not None
        and _SENTENCE_PUNCTUATION_RE.search(line) is None
        and line[-1] not in ":、"
    )


_REPORTERS_RE = re.compile(r"(?:本报|特约|实习)?(?:记者|通讯员|实习生)")
_NAME_SEPARATOR_RE = re.compile(r"[\s、,，/]+")
_NAME_RE = re.compile(f"[{HAN}·]{{2,5}}")


def reporters(byline: str | None) -> str | None:
    """The reporters a byline names, space-separated: "本报讯(通讯员 扎西 记者 陈明)" -> "扎西 陈明"."""
    if not byline or not _REPORTERS_RE.search(byline):
        return None
    tail = byline[_REPORTERS_RE.search(byline).start() :]  # type: ignore[union-attr]
    names = [
        name for name in _NAME_SEPARATOR_RE.split(_REPORTERS_RE.sub(" ", tail.strip("()[]【】 ")))
        if _NAME_RE.fullmatch(name)
    ]
    return " ".join(dict.fromkeys(names)) or None
