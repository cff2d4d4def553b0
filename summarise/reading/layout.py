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
# A reporter's name: two to four characters, or a two-character name spaced out to the width of three
# ("王  强", as papers set them in a byline).
_NAME = rf"(?:[{HAN}·]{{2,4}}|[{HAN}][ \t]{{1,3}}[{HAN}](?![{HAN}]))"
_BYLINE_RE = re.compile(
    rf"""
    (?:
        {_AGENCY}[{HAN}]{{0,8}}?(?:{_DATE})?讯       # 本报讯, 本报西宁12月24日讯
      | {_AGENCY}[{HAN}]{{0,8}}?{_DATE}电            # 新华社北京12月24日电
    )
    (?:[ \t]*{_PAREN})?                              # (记者 张国静)
  | [(\[【][^()\[\]【】\n]{{0,12}}(?:记者|通讯员|实习生|特约)[^()\[\]【】\n]{{0,40}}[)\]】]
  | (?:{_AGENCY}|特约)记者[ \t]*(?:{_NAME}(?:[ \t]+{_NAME}){{0,3}})?[ \t]*$  # a whole line: 本报记者 王  强  李晓明
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
    """True for a headline-like line: short, Chinese, without sentence punctuation (。,;), and a headline
    candidate (never a page number, credit, signature or bracket fragment)."""
    return (
        is_headline_candidate(line)
        and _SENTENCE_PUNCTUATION_RE.search(line) is None
        and line[-1] not in ":、"
    )


def is_headline_candidate(line: str) -> bool:
    """True when markup or type size may make this line a headline (commas allowed: "湖区治理,我们做对了
    什么"): short, Chinese, and never a page number ("第 15 页"), a credit (photo, editor), a signature
    ("——编  者") or a fragment whose brackets do not balance ("王小明)")."""
    return (
        0 < len(line) <= MAX_HEADING_CHARS
        and HAN_RE.search(line) is not None
        and not is_page_number(line)
        and not is_credit_line(line)
        and not _SIGNATURE_RE.match(line)
        and not _unbalanced(line)
    )


_PAGE_NUMBER_RE = re.compile(
    r"(?:第\s*\d{1,4}\s*[页版]|[-–—]?\s*\d{1,4}\s*[-–—]?|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?"
    r"|\d{1,4}\s*/\s*\d{1,4}|共\s*\d{1,4}\s*页\s*,?\s*第\s*\d{1,4}\s*页)",
    re.IGNORECASE,
)
# Production credits: 一版责编:…, 本版责编:…, 责任编辑:…, 版式设计:….
_EDITOR_CREDIT_RE = re.compile(
    r"[(]?(?:[一二三四五六七八九十\d]{1,3}版|本版)?(?:责编|责任编辑|美编|美术编辑|版式设计|图片编辑|校对|制图)\s*[:：]"
)
# A photo credit: a name (after 记者, a space or a slash, or alone) followed by 摄: "新华社记者  李四摄".
_PHOTO_CREDIT_RE = re.compile(f"(?:^|记者|通讯员|摄影|[\\s/|])[{HAN}·]{{2,4}}\\s*/?\\s*(?:摄|摄影)[)]?$")
MAX_CREDIT_CHARS = 40
_SIGNATURE_RE = re.compile(f"[—–]{{1,2}}\\s*[{HAN}]")
_OPENING, _CLOSING = "(《【[", ")》】]"


def is_page_number(line: str) -> bool:
    """True for a page number or folio on its own: "第 15 页", "- 3 -", "12", "Page 2 of 9"."""
    return _PAGE_NUMBER_RE.fullmatch(line.strip()) is not None


def is_credit_line(line: str) -> bool:
    """True for a production or photo credit on its own line: "本版责编:…", "新华社记者  李四摄"."""
    line = line.strip()
    if _EDITOR_CREDIT_RE.match(line):
        return True
    return (len(line) <= MAX_CREDIT_CHARS and _PHOTO_CREDIT_RE.search(line) is not None
            and _SENTENCE_PUNCTUATION_RE.search(line) is None)


def _unbalanced(line: str) -> bool:
    """True when the line's brackets do not balance: a piece of a longer line ("王小明)")."""
    depth = 0
    for char in line:
        if char in _OPENING:
            depth += 1
        elif char in _CLOSING:
            depth -= 1
            if depth < 0:
                return True
    return depth != 0


_REPORTERS_RE = re.compile(r"(?:本报|特约|实习)?(?:记者|通讯员|实习生)")
_NAME_SEPARATOR_RE = re.compile(r"[\s、,，/]+")
_NAME_RE = re.compile(f"[{HAN}·]{{2,5}}")
_SPACED_NAME_RE = re.compile(f"(?<![{HAN}])([{HAN}])[ \t]{{1,3}}([{HAN}])(?![{HAN}])")


def reporters(byline: str | None) -> str | None:
    """The reporters a byline names, space-separated: "本报讯(通讯员 扎西 记者 陈明)" -> "扎西 陈明"."""
    if not byline or not _REPORTERS_RE.search(byline):
        return None
    tail = byline[_REPORTERS_RE.search(byline).start() :]  # type: ignore[union-attr]
    tail = _SPACED_NAME_RE.sub(r"\1\2", tail)  # "王  强" is one name
    names = [
        name for name in _NAME_SEPARATOR_RE.split(_REPORTERS_RE.sub(" ", tail.strip("()[]【】 ")))
        if _NAME_RE.fullmatch(name)
    ]
    return " ".join(dict.fromkeys(names)) or None
