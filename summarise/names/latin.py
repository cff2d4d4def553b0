"""Names written in Latin letters inside Chinese text.

- An original name in brackets after a name in characters is the same name (丹尼尔·霍特(Daniel Huot),
  美国宇航局(NASA)): it is listed with the kind of the name before it, and gives that name its English
  form when the dictionary had none (a foreign name is then rendered as its own paper wrote it, never
  guessed).
- An acronym standing alone (NBA, CCER, G7) is an organisation, unless it is one of the common
  abbreviations that name no body (GDP, CEO, 5G); US and UK are places.
- A name in Latin letters with a Chinese place or body suffix (GrandTeton国家公园, Chase银行) is a place
  or an organisation, its English the Latin words and the suffix's English.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarise.names.candidates import Candidate
from summarise.names.dictionary import dictionary
from summarise.names.lexicon import Lexicon

# The original, then the bracket's end, an acronym (丹尼尔·霍特(Daniel Huot), 美国宇航局(NASA), ...(World Bank,
# WB)) or a short remark (劳拉·洛克菲勒(LauraSpelmanRockefeller,大家都叫她赛提)).
_BRACKETED = re.compile(r"\s*[(（]\s*([A-Z][A-Za-z.'’\- ]{1,58}[A-Za-z.])\s*(?:[)）]|[,，;；]\s*(?:([A-Z][A-Za-z0-9]{1,9})"
                        r"\s*[)）]|(?=[^()（）\n]{0,30}[)）])))")
_RUN_TOGETHER = re.compile(r"(?<=[a-z])(?=[A-Z])")
_ACRONYM = re.compile(r"(?<![A-Za-z0-9])(?:[A-Z]{2,5}|G[0-9]{1,2})(?![A-Za-z0-9])")
_PLACES = {"US": "United States", "USA": "United States", "UK": "Britain", "EU": None}
_NO_BODY = frozenset(["XX", "XXX", "GDP", "GNP", "CPI", "PPI", "PMI", "IPO", "CEO", "CFO", "COO", "CTO", "CIO", "APP", "AI", "VR", "AR", "XR", "IT", "IOT", "LED", "LCD", "OLED", "SUV", "MPV", "GPS", "USB", "DNA", "RNA", "HIV", "AIDS", "SARS", "MERS", "CT", "MRI", "PM", "KTV", "VIP", "BOT", "TOT", "PPP", "BT", "ETC", "ETF", "QFII", "RMB", "USD", "EUR", "JPY", "PDF", "PPT", "TV", "CD", "DVD", "PC", "IP", "ID", "OK", "NO", "TOP", "MBA", "EMBA", "PHD", "ICU", "ATM", "POS", "ABS", "ISO", "VS", "CBD", "FDI", "QR", "SIM", "SMS", "MV", "DJ", "MC", "PK", "CP", "NG", "SOS", "HR", "PR", "QA", "QC", "AM", "FM", "IQ", "EQ", "CPU", "GPU", "RAM", "ROM", "SSD", "HDD", "OS", "API", "SDK", "URL", "WWW", "HTTP", "HTML", "CSS", "PS", "BUG", "OEM", "ODM", "GMV", "ROI", "KPI", "OTC", "PE", "VC", "LP", "GP", "NPL", "VAT", "UV", "PVC", "PET", "ABC", "XYZ", "ZIP", "HD", "UHD", "HDR", "BMW",
    # trades, products and formats news names by letters, and a stock code's market (300268.SZ)
    "LOGO", "UGC", "PGC", "OTT", "EV", "PHEV", "HEV", "BEV", "COD", "ATC", "O2O", "B2B", "B2C", "C2C", "P2P",
    "NFC", "LTE", "GSM", "WIFI", "WLAN", "LBS", "SNS", "SZ", "SH", "HK", "ST", "CES", "MP3", "MP4",
    "OA", "ERP", "CRM", "SaaS", "DIY", "FAQ", "LOL", "SM", "WP", "AQI"])


# Name prefixes that a capital follows inside one surname (McDonald, MacArthur, DeGaulle, LaGuardia).
_SURNAME_PREFIXES = frozenset({"Mc", "Mac", "De", "Di", "Da", "Du", "Del", "Della", "Le", "La", "Van", "Von", "St", "O"})


def _two_names(original: str) -> bool:
    """A given name and a surname run together (NathalieDaoust, MarkSchwartz), not one surname (McDonald)."""
    parts = _RUN_TOGETHER.split(original)
    return len(parts) == 2 and all(len(part) >= 3 for part in parts) and parts[0] not in _SURNAME_PREFIXES


def latin_names(text: str, chosen: Sequence[Candidate]) -> tuple[list[Candidate], dict[tuple[int, int], str]]:
    """(names in Latin letters, English forms for chosen names that had none) found in `text`."""
    found: list[Candidate] = []
    rendered: dict[tuple[int, int], str] = {}
    taken: list[tuple[int, int]] = []
    for name in chosen:
        match = _BRACKETED.match(text, name.end)
        if match is None:
            continue
        original = " ".join(match.group(1).split())
        if " " not in original and (len(_RUN_TOGETHER.findall(original)) >= 2 or (
                name.kind == "person" and _two_names(original))):
            original = _RUN_TOGETHER.sub(" ", original)  # a page that lost its spaces: LauraSpelmanRockefeller
        found.append(Candidate(match.start(1), match.end(1), name.kind, original, "rule"))
        taken.append((match.start(), match.end()))
        if match.group(2):
            found.append(Candidate(match.start(2), match.end(2), name.kind, match.group(2), "rule"))
        if (name.english is None and name.kind == "person") or (
                name.kind != "person" and name.source in ("rule", "pinyin") and " " in original):
            # the paper's own English for a name the rules could only build (索利赫尔委员会 (Solihull Council))
            rendered[(name.start, name.end)] = original
    bracketed = bytearray(len(text) + 1)  # the originals in brackets: no acronym or name of their own
    for a, b in taken:
        bracketed[a:b] = b"\x01" * (b - a)
    for match in _ACRONYM.finditer(text):
        word = match.group()
        if word in _NO_BODY or bracketed[match.start()] \
                or text[max(0, match.start() - 1):match.start()] == "." or text.startswith(".", match.end()) \
                or re.match(r"-\d", text[match.end():match.end() + 2]):
            continue  # and no code, file or model name (600598.SH, www.XX.com, HMX-1, VH-3D)
        if word in _PLACES:
            place = _PLACES[word]
            if place is not None:
                found.append(Candidate(match.start(), match.end(), "place", place, "table"))
            else:
                found.append(Candidate(match.start(), match.end(), "organisation", "European Union", "table"))
            continue
        found.append(Candidate(match.start(), match.end(), "organisation", word, "rule"))
    found.extend(_standing_persons(text, bracketed))
    return found, rendered


# Two or three capitalised words standing in Chinese text (授予Margaret Thatcher和…): a person where the
# first is a personal name the dictionary glosses ("Margaret (name)") and none is a place's or body's word.
_LATIN_PERSON = re.compile(r"(?<![A-Za-z0-9.])([A-Z][a-z]+)(?: [A-Z][a-z]+){1,2}(?![A-Za-z0-9])")
_NOT_A_PERSON = frozenset({"Street", "Road", "Avenue", "Park", "Square", "Bank", "Group", "Company", "Inc", "Ltd",
                           "University", "College", "School", "Hospital", "Hotel", "Center", "Centre", "Club",
                           "Foundation", "Institute", "Lake", "River", "Mountain", "Island", "Bay", "City",
                           "County", "State", "Times", "News", "Post", "Journal", "Press", "Motors", "Airlines",
                           "Capital", "Fund", "Partners", "Holdings", "Prize", "Award", "Cup", "Games"})


def _standing_persons(text: str, bracketed: bytearray) -> list[Candidate]:
    names = dictionary().personal_names
    found = []
    for match in _LATIN_PERSON.finditer(text):
        words = match.group().split()
        if match.group(1) in names and not _NOT_A_PERSON.intersection(words) and not bracketed[match.start()]:
            found.append(Candidate(match.start(), match.end(), "person", match.group(), "rule"))
    return found


_LATIN_WORDS = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Za-z]+(?: ?[A-Z][A-Za-z]+){0,4}")
_LONGEST_SUFFIX = 6


def latin_with_suffix(text: str, lex: Lexicon) -> list[Candidate]:
    """Latin words directly followed by a place or body suffix, the longest suffix first."""
    found = []
    for match in _LATIN_WORDS.finditer(text):
        words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", match.group()).split()
        if len(match.group()) < 3 or match.group().isupper():
            continue  # an acronym is read on its own (NASA, NBA)
        for size in range(_LONGEST_SUFFIX, 0, -1):
            suffix = text[match.end():match.end() + size]
            if len(suffix) != size:
                continue
            if suffix in lex.organisation_suffixes and len(suffix) > 1:
                english = f"{' '.join(words)} {lex.organisation_suffixes[suffix]}"
                found.append(Candidate(match.start(), match.end() + size, "organisation", english, "rule"))
                break
            if suffix in lex.place_suffixes and (len(suffix) > 1 or suffix in "山湖河岛湾"):
                english = f"{' '.join(words)} {lex.place_suffixes[suffix]}"
                end = match.end() + size
                body = _body_suffix(text, end, lex)
                if body:  # Dorado海滩酒店, PalisadesInterstate公园委员会: a body named after the place
                    found.append(Candidate(match.start(), end + len(body), "organisation",
                                           f"{english} {lex.organisation_suffixes[body]}", "rule"))
                else:
                    found.append(Candidate(match.start(), end, "place", english, "rule"))
                break
    return found


def _body_suffix(text: str, start: int, lex: Lexicon) -> str:
    for size in range(_LONGEST_SUFFIX, 1, -1):
        suffix = text[start:start + size]
        if len(suffix) == size and suffix in lex.organisation_suffixes:
            return suffix
    return ""
