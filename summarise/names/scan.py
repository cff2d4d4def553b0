"""The names stage: every person, place and organisation of a text or an article, with its span, kind,
standard English form and where that form came from.

The proposals of the table (table), the dictionary and the suffix grammar (grammar.py) and the person
rules (persons.py) are settled in one pass: the longer name wins an overlap (西宁经济技术开发区 over 西宁),
then the surer source; the names a proposal lists inside itself (the place inside an organisation, the
shorter bodies of a chain) are kept with it. An article is read as one text (headline, subheadline,
byline, paragraphs) so that a person introduced once with a title is found everywhere in it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from summarise.names.abbreviations import find_country_abbreviations
from summarise.names.candidates import RANKS, Candidate
from summarise.names.contexts import find_places_in_context
from summarise.names.countries import english_country_names, find_countries
from summarise.names.dictionary import Dictionary, ProperNoun, dictionary
from summarise.names.firm_lists import find_listed_firms
from summarise.names.foreign import inside_foreign_run, split_foreign_name
from summarise.names.grammar import (
    find_address_chains,
    find_places_and_organisations,
    find_places_with_parts,
)
from summarise.names.latin import latin_names, latin_with_suffix
from summarise.names.lexicon import lexicon
from summarise.names.persons import find_persons
from summarise.names.quoted import find_publications, find_quoted_bodies, find_quoted_estates
from summarise.names.table import find_table_names
from summarise.names.tokens import Token, tokenize
from summarise.names.units import COUNTED_NATIONS, strip_admin, units_of
from summarise.types import Article, Name


def extract_names(source: str | Article, page_text: str | None = None) -> list[Name]:
    """The names in `source`, in text order (nested names after the name holding them).

    For a string, offsets index that string. For an Article, offsets index the page text: paragraphs
    carry their own offsets; the headline, subheadline and byline are found in `page_text` when it is
    given, and a name read only from a headline the page text does not hold has no span (None).
    """
    if isinstance(source, str):
        return _scan(source)
    return _article_names(source, page_text)


def distinct_names(names: Iterable[Name]) -> list[Name]:
    """Each surface once, keeping the first occurrence that has a span (else the first one)."""
    chosen: dict[str, Name] = {}
    for name in names:
        held = chosen.get(name.text)
        if held is None or (held.start is None and name.start is not None):
            chosen[name.text] = name
    return list(chosen.values())


def _scan(page: str) -> list[Name]:
    if not page:
        return []
    text = _restore_dots(page)
    tokens = tokenize(text)
    words = dictionary()
    units = units_of(tokens, words)
    proposals = [
        *find_table_names(text, tokens),
        *find_countries(tokens),
        *find_places_and_organisations(units, words),
        *find_country_abbreviations(units, words),
        *find_publications(text, words),
        *find_quoted_estates(text, words),
        *find_quoted_bodies(text, words),
        *find_listed_firms(text, tokens, words),
        *find_persons(text, tokens, words),
        *latin_with_suffix(text, lexicon()),
    ]
    local = _local_bodies(proposals, text)
    spans = {(c.start, c.end) for c in local}  # 北京市委: the table's 市委 says what the suffix rule guessed
    proposals = [c for c in proposals if c.kind != "organisation" or (c.start, c.end) not in spans] + local
    proposals.extend(_leading_places(proposals, text, words, {(t.start, t.end) for t in tokens if t.flag == "ns"}))
    proposals.extend(find_address_chains(text, proposals, words))
    proposals.extend(find_places_with_parts(text, proposals))
    proposals.extend(find_places_in_context(text, tokens, proposals, words))
    proposals.extend(_bodies_again(proposals, text))
    chosen = _settle(_without_fragments(proposals, text, tokens), len(text))
    latin, rendered = latin_names(text, chosen)
    chosen = _carry_renderings([_rendered(c, rendered) for c in chosen], text, rendered)
    held = bytearray(len(text))
    for c in chosen:
        held[c.start:c.end] = b"\x01" * c.length
    chosen += [c for c in latin if not any(held[c.start:c.end])]
    chosen.sort(key=lambda c: (c.start, -c.length))
    return [Name(page[c.start:c.end], c.kind, c.english, c.start, c.end, c.source) for c in chosen]


def _restore_dots(text: str) -> str:
    """The text with each "?" that stands for a foreign name's lost middle dot made one again (巴兹?奥尔德林:
    a page converted to GBK, which has no "•", prints "?"): two transliteration characters or more on
    each side. One character for one, so offsets hold."""
    if "?" not in text:
        return text
    foreign = lexicon().foreign_characters
    characters = list(text)
    position = text.find("?")
    while position != -1:
        before, after = text[max(0, position - 2):position], text[position + 1:position + 3]
        if len(before) == 2 and len(after) == 2 and all(ch in foreign for ch in before + after):
            characters[position] = "·"
        position = text.find("?", position + 1)
    return "".join(characters)


def _rendered(candidate: Candidate, rendered: dict[tuple[int, int], str]) -> Candidate:
    """A foreign name given the English its paper printed beside it (丹尼尔·霍特(Daniel Huot))."""
    english = rendered.get((candidate.start, candidate.end))
    if english is None:
        return candidate
    return Candidate(candidate.start, candidate.end, candidate.kind, english, "rule", candidate.nested)


def _carry_renderings(chosen: list[Candidate], text: str, rendered: dict[tuple[int, int], str]) -> list[Candidate]:
    """The English a paper printed beside one occurrence of a foreign name given to its others, and to
    its surname alone (席尔霍尔茨 after 斯蒂芬妮·席尔霍尔茨(Stephanie Schierholz)), where the dictionary
    left them unrendered."""
    known: dict[str, str] = {}
    for c in chosen:
        if c.kind == "person" and (c.start, c.end) in rendered and c.english:
            surface = text[c.start:c.end]
            known.setdefault(surface, c.english)
            parts = split_foreign_name(surface)
            if len(parts) > 1 and len(parts[-1]) >= 2 and len(c.english.split()) > 1:
                known.setdefault(parts[-1], c.english.split()[-1])
    if not known:
        return chosen
    return [Candidate(c.start, c.end, c.kind, known.get(text[c.start:c.end]), "rule", c.nested)
            if c.kind == "person" and c.english is None and text[c.start:c.end] in known else c for c in chosen]


def _leading_places(proposals: Sequence[Candidate], text: str, words: Dictionary,
                    jieba_places: set[tuple[int, int]]) -> list[Candidate]:
    """The place a body's name opens with where jieba read the whole as one word (北京同仁医院, 剑桥大学):
    the longest dictionary place of two to four characters at its start, listed inside it; a place that
    is also a common word only where jieba reads it as a place and a full name goes on after it
    (青山/ns 发电有限公司; not 光明日报, nor 新建/ns 电厂, a new plant)."""
    found = []
    for body in proposals:
        if body.kind != "organisation" or body.length < 4:
            continue
        for size in range(min(4, body.length - 2), 1, -1):
            surface = text[body.start:body.start + size]
            place = words.proper_noun(surface) if not COUNTED_NATIONS.fullmatch(surface) else None
            if place is not None and (place.kind == "place" or _bare_foreign_name(surface, place, words)) \
                    and (not words.is_common_word(surface) or (
                        (body.start, body.start + size) in jieba_places and body.length - size >= 4)):
                found.append(Candidate(body.start, body.start + size, "place", place.english, "dictionary"))
                break
    return found


def _bare_foreign_name(word: str, place: ProperNoun, words: Dictionary) -> bool:
    """A country or a city the dictionary glosses with its bare name and no kind (剑桥 "Cambridge", 美国):
    the gloss is the name alone, English uses its words only as names, and jieba's dictionary tags the
    word a place (not 互联网 "Internet", 中国人 "Chinese person", 中华 "China (alternate formal name)")."""
    entries = [entry for entry in words.entries(word) if entry.proper]
    if not entries or place.kind is not None or entries[0].senses[0] != place.english:
        return False
    tokens = tokenize(word)
    return len(tokens) == 1 and tokens[0].flag == "ns" and all(
        part in words.name_words for part in re.findall(r"[A-Za-z]+", place.english))


_LOCAL = "省市县区州"


def _local_bodies(proposals: Sequence[Candidate], text: str) -> list[Candidate]:
    """A place and the body of its level that follows it (西吉 + 县委, 巴彦淖尔 + 市委; 青海省 + 省生态环境厅,
    sharing 省): one name."""
    places = {c.end: c for c in proposals if c.kind == "place"}
    found = []
    for body in proposals:
        if body.source != "table" or not body.english or text[body.start] not in _LOCAL:
            continue
        place = places.get(body.start)
        if place is not None and place.english:
            english = f"{place.english} {body.english}"
            found.append(Candidate(place.start, body.end, "organisation", english, "rule", (place,)))
            continue
        place = places.get(body.start + 1)  # 青海省 + 省生态环境厅: the level is both's
        if place is not None and place.english and place.start < body.start:
            english = f"{strip_admin(place.english)} {body.english}"
            found.append(Candidate(place.start, body.end, "organisation", english, "rule", (place,)))
    return found


def _without_fragments(proposals: Sequence[Candidate], text: str, tokens: Sequence[Token]) -> list[Candidate]:
    """The proposals less those inside an idiom, and the two-character names cut from a longer
    transliteration (普拉 of 查亚普拉, 巴西 of 阿巴西): a person becomes the whole run, unrendered, and a place
    with a suffix the run and its suffix
    (帕尼艾县); a bare place is dropped, for the run may be a person as well as a place. A person the rules
    read as Chinese stays (罗科 of 罗科苏盈, two bylines run together)."""
    lex = lexicon()
    words_at = {token.start: token for token in tokens}
    idiom = bytearray(len(text))
    word_end = list(range(1, len(text) + 1))  # the end of the word each character is in
    for token in tokens:
        if token.flag == "i":
            idiom[token.start:token.end] = b"\x01" * (token.end - token.start)
        word_end[token.start:token.end] = [token.end] * (token.end - token.start)
    places = {(c.start, c.end) for c in proposals if c.kind == "place"}
    kept = []
    for candidate in proposals:
        if candidate.source != "table" and all(idiom[candidate.start:candidate.end]):
            continue  # 金山 in 金山银山, 孙山 in 名落孙山: an idiom or a set phrase names nothing
        surface = text[candidate.start:candidate.end]
        suffix = surface[2:] if candidate.kind == "place" and surface[2:] in lex.place_suffixes else ""
        core_end = candidate.end - len(suffix)
        if candidate.kind == "organisation" or (candidate.kind == "person" and candidate.source != "dictionary") \
                or core_end - candidate.start != 2 \
                or not all(ch in lex.foreign_characters for ch in text[candidate.start:core_end]):
            kept.append(candidate)
            continue
        # A country goes on into its currency or a city of its own (波兰兹罗提, 捷克普罗斯捷约夫), no longer name.
        right = not suffix and candidate.source != "table" and candidate.english not in english_country_names()
        start, end = inside_foreign_run(words_at, candidate.start, core_end, right=right)
        if end == core_end and right and word_end[core_end - 1] > core_end \
                and all(ch in lex.foreign_characters for ch in text[core_end:word_end[core_end - 1]]):
            end = word_end[core_end - 1]  # 格拉 of jieba's 格拉斯 (格拉斯伯格, Grasberg): it ends inside a word
        if (start, end) == (candidate.start, core_end) or (candidate.kind == "person" and (start, end) in places):
            kept.append(candidate)  # (林肯 of 林肯路: the run is Lincoln Road, a place already proposed)
        elif suffix:
            kept.append(Candidate(start, candidate.end, "place", None, "pinyin"))
        elif candidate.kind == "person":
            kept.append(Candidate(start, end, "person", None, "dictionary"))
    return kept


_MAX_CORES = 50  # bodies searched again per text: the search stays linear in the text


def _bodies_again(proposals: Sequence[Candidate], text: str) -> list[Candidate]:
    """A body introduced with its place (雅安市雨城区民生救援队) is the same body where the text names it
    without (民生救援队的消息), as a person introduced with a title is; not a body's bare kind (人民医院, 统计局:
    the table's and the suffixes' words name no one alone)."""
    lex = lexicon()
    cores: dict[str, tuple[str, Candidate]] = {}
    for body in proposals:
        if body.kind != "organisation" or not body.english or len(cores) >= _MAX_CORES:
            continue
        start, english = body.start, body.english
        for place in sorted((n for n in body.nested if n.kind == "place"), key=lambda n: n.start):
            said = next((form for form in (place.english or "", strip_admin(place.english or ""))
                         if form and place.start == start and english.startswith(form + " ")), None)
            if said is None:
                break
            start, english = place.end, english[len(said) + 1:]
        core = text[start:body.end]
        suffix = next((core[-n:] for n in range(min(6, len(core)), 0, -1) if core[-n:] in lex.organisation_suffixes), "")
        if start == body.start or len(core) - len(suffix) < 2 or core in lex.organisations \
                or core[0] in "省市县区州" or core[: len(core) - len(suffix)] in lex.organisation_suffixes:
            continue
        cores.setdefault(core, (english, body))
    found = []
    for core, (english, body) in cores.items():
        before = text[body.start:body.end - len(core)]  # the places it was introduced with
        at = text.find(core)
        while at >= 0:
            # not inside the body named again in full, nor after the last words of its place (果洛西宁
            # 民族中学 names 民族中学 alone nowhere)
            if text[max(0, at - len(before)):at] != before and not text.endswith(before[-2:], 0, at):
                found.append(Candidate(at, at + len(core), "organisation", english, "rule"))
            at = text.find(core, at + len(core))
    return found


def _settle(proposals: Sequence[Candidate], size: int) -> list[Candidate]:
    """The proposals that do not overlap a longer or surer one, with the names nested in each."""
    taken = bytearray(size)
    kept: list[Candidate] = []
    order = sorted(proposals, key=lambda c: (-c.length, RANKS[c.source], c.start))
    for candidate in order:
        if any(taken[candidate.start:candidate.end]):
            continue
        taken[candidate.start:candidate.end] = b"\x01" * candidate.length
        kept.append(candidate)
    with_nested: dict[tuple[int, int], Candidate] = {}
    for candidate in kept:
        with_nested[(candidate.start, candidate.end)] = candidate
        for inner in candidate.nested:
            with_nested.setdefault((inner.start, inner.end), inner)
    # The places and bodies inside an organisation's name are names too (北京 in 北京同仁医院, 国家体育总局
    # in 国家体育总局体育科学研究所): the longest proposal at each place inside it, one layer deep.
    owners = [c for c in kept if c.kind == "organisation"]
    if owners:
        owner_of = [-1] * size
        for number, owner in enumerate(owners):
            owner_of[owner.start:owner.end] = [number] * owner.length
        inner_taken = bytearray(size)
        for candidate in order:
            if candidate.kind == "person" or (candidate.start, candidate.end) in with_nested:
                continue
            number = owner_of[candidate.start]
            if number < 0 or candidate.end > owners[number].end or candidate.length == owners[number].length:
                continue
            if candidate.kind == "organisation" and candidate.start != owners[number].start:
                continue  # a body opens the longer name (国务院 in 国务院发展研究中心); 市委 in 固原市委 is no body
            if any(inner_taken[candidate.start:candidate.end]):
                continue
            inner_taken[candidate.start:candidate.end] = b"\x01" * candidate.length
            with_nested[(candidate.start, candidate.end)] = candidate
    return sorted(with_nested.values(), key=lambda c: (c.start, -c.length))


def _article_names(article: Article, page_text: str | None) -> list[Name]:
    """An article read as one text; each name mapped back to the page text."""
    pieces: list[tuple[str, int | None]] = []
    cursor = article.start
    for part in (article.headline, article.subheadline, article.byline):
        if part:
            offset = _locate(part, page_text, cursor) if page_text is not None else None
            pieces.append((part, offset))
    pieces.extend((p.text, p.start) for p in article.paragraphs)
    text = "\n".join(piece for piece, _ in pieces)
    starts = []
    position = 0
    for piece, _ in pieces:
        starts.append(position)
        position += len(piece) + 1
    names: list[Name] = []
    seen: set[tuple[str, int | None, int | None]] = set()
    for name in _scan(text):
        index = _piece_of(starts, name.start or 0)
        piece, offset = pieces[index]
        local = (name.start or 0) - starts[index]
        if local + len(name.text) > len(piece):
            continue  # a name read across two pieces
        start = None if offset is None else offset + local
        end = None if start is None else start + len(name.text)
        key = (name.text, start, end)
        if key in seen:
            continue
        seen.add(key)
        names.append(Name(name.text, name.kind, name.english, start, end, name.source))
    return names


def _locate(part: str, page_text: str, near: int) -> int | None:
    """Where a headline or byline stands in the page: the last occurrence up to the article's start,
    else the first anywhere; None when the page text does not hold it (a web page's title)."""
    found = page_text.rfind(part, 0, near + len(part))
    if found == -1:
        found = page_text.find(part)
    return None if found == -1 else found


def _piece_of(starts: Sequence[int], position: int) -> int:
    from bisect import bisect_right

    return max(0, bisect_right(starts, position) - 1)
