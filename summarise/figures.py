"""Key figures: Chinese quantities to values in base units and news-style English, and English back.

Style choices for the English (one place, applied everywhere):
- Money and large counts are scaled to "million", "billion" or "trillion" when the scaled number has at
  most three decimals (22.7亿元 -> "2.27 billion yuan"); otherwise digits with thousands separators
  ("12,345,678 yuan"). Smaller numbers always get separators ("4,215 metres").
- Percentages use the "%" sign ("over 95%"); 个百分点 is "percentage points".
- Counts, durations and ordinals from one to nine are spelt out ("three children", "third round");
  money, percentages, measures and years always use digits.
- A qualifier always comes first: 多/余 "more than", 超/逾/以上 "over", 近 "nearly", 约/左右 "about",
  至少 "at least", 以下/不到/不足 "under", 多达/最多/以内 "up to".
- Dates are "December 24", "2024", "December 24, 2024"; 1月至11月 is "January to November".
- Names that contain numerals but are not quantities get kind "name" and no value: "十四五" is the
  "14th Five-Year Plan", "Ⅱ类" water is "Class II", "三中全会" the "third plenary session".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal, localcontext

from summarise.types import Figure

# -- normalisation: one character in, one character out, so offsets stay valid ----------------------

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．％～－", "0123456789.%~-")

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_TENS = {"廿": 20, "卅": 30}
_MULTIPLIERS = "十百千万亿"
_CN_NUMERAL_CHARS = set(_CN_DIGITS) | set(_CN_SMALL_UNITS) | set(_CN_TENS) | {"万", "亿"}

_ARABIC = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")

# -- qualifiers ------------------------------------------------------------------------------------

_PREFIX_QUALIFIERS = [  # longest first
    ("超过", "over"), ("将近", "nearly"), ("接近", "nearly"), ("大约", "about"), ("至少", "at least"),
    ("不到", "under"), ("不足", "under"), ("多达", "up to"), ("高达", "up to"), ("最多", "up to"),
    ("近", "nearly"), ("约", "about"), ("超", "over"), ("逾", "over"),
]
_SUFFIX_QUALIFIERS = [
    ("及以上", "at least"), ("以上", "over"), ("以下", "under"), ("以内", "up to"), ("左右", "about"),
]
# 近 after these is part of another word (最近 "recently", 附近 "nearby").
_NOT_QUALIFIER_BEFORE = {"近": "最附临邻", "超": "赶", "约": "节签制公"}

# -- units ------------------------------------------------------------------------------------------

# Chinese unit -> (English unit, kind). Longest keys are tried first.
_UNITS: dict[str, tuple[str, str]] = {
    "元人民币": ("yuan", "money"), "人民币": ("yuan", "money"), "元": ("yuan", "money"),
    "美元": ("US dollars", "money"), "欧元": ("euros", "money"), "日元": ("yen", "money"),
    "英镑": ("pounds", "money"), "港元": ("Hong Kong dollars", "money"),
    "港币": ("Hong Kong dollars", "money"), "卢布": ("roubles", "money"),
    "韩元": ("won", "money"), "澳元": ("Australian dollars", "money"), "加元": ("Canadian dollars", "money"),
    "新台币": ("New Taiwan dollars", "money"), "卢比": ("rupees", "money"), "法郎": ("francs", "money"),
    "%": ("percent", "percent"), "个百分点": ("percentage points", "percent"),
    "百分点": ("percentage points", "percent"),
    "平方公里": ("square kilometres", "measure"), "平方千米": ("square kilometres", "measure"),
    "平方米": ("square metres", "measure"), "立方米": ("cubic metres", "measure"),
    "公里": ("kilometres", "measure"), "千米": ("kilometres", "measure"),
    "厘米": ("centimetres", "measure"), "毫米": ("millimetres", "measure"), "米": ("metres", "measure"),
    "亩": ("mu", "measure"), "公顷": ("hectares", "measure"), "吨": ("tonnes", "measure"),
    "公斤": ("kilograms", "measure"), "千克": ("kilograms", "measure"), "克": ("grams", "measure"),
    "千瓦时": ("kilowatt-hours", "measure"), "千瓦": ("kilowatts", "measure"),
    "兆瓦": ("megawatts", "measure"), "升": ("litres", "measure"),
    "摄氏度": ("degrees Celsius", "measure"), "℃": ("degrees Celsius", "measure"),
    "个小时": ("hours", "count"), "小时": ("hours", "count"), "分钟": ("minutes", "count"),
    "天": ("days", "count"), "周": ("weeks", "count"), "个月": ("months", "count"),
    "年": ("years", "count"), "岁": ("years old", "count"), "倍": ("times", "multiple"),
    "人次": ("visits", "count"), "人": ("people", "count"), "名": ("people", "count"),
    "位": ("people", "count"), "户": ("households", "count"), "辆": ("vehicles", "count"),
    "个": ("", "count"), "家": ("", "count"), "项": ("", "count"), "条": ("", "count"),
    "件": ("", "count"), "所": ("", "count"), "座": ("", "count"), "台": ("", "count"),
    "套": ("", "count"), "次": ("times", "count"), "起": ("cases", "count"), "例": ("cases", "count"),
    "宗": ("", "count"), "处": ("", "count"), "批": ("batches", "count"), "场": ("", "count"),
    "种": ("", "count"), "只": ("", "count"), "头": ("", "count"), "株": ("", "count"),
    "份": ("", "count"), "篇": ("", "count"), "部": ("", "count"), "支": ("", "count"),
    "区": ("districts", "count"), "颗": ("", "count"), "枚": ("", "count"), "股": ("shares", "count"),
    "世纪": ("century", "ordinal"), "艘": ("", "count"), "架": ("", "count"), "栋": ("", "count"), "间": ("", "count"),
    "届": ("", "ordinal"),
}
_UNIT_KEYS = sorted(_UNITS, key=len, reverse=True)
_CLASSIFIERS_WITH_NOUNS = {"个", "家", "项", "条", "件", "所", "座", "台", "套", "名", "位", "宗", "处",
                           "场", "种", "只", "头", "株", "份", "篇", "部", "支", "艘", "架", "栋", "间"}

# Nouns that follow a classifier (185家银行网点) or precede a number (企业490个), with plurals.
_NOUNS: dict[str, str] = {
    "建设银行服务网点": "China Construction Bank branches", "银行服务网点": "bank branches",
    "银行网点": "bank branches", "服务网点": "service outlets", "银行": "banks", "网点": "outlets",
    "僵尸企业": "zombie enterprises", "企业项目": "projects", "工业项目": "industrial projects",
    "绿色算力项目": "green computing projects", "服务业项目": "service-sector projects",
    "项目": "projects", "企业": "companies", "公司": "companies", "市场主体": "market entities",
    "典型案例": "typical cases", "案例": "cases", "问题": "problems", "整改措施": "corrective measures",
    "措施": "measures", "信访举报": "public complaints", "孩子": "children", "员工": "staff",
    "学生": "students", "游客": "tourists", "干部": "officials", "群众": "people",
    "地表水国考断面": "state-monitored surface water sections", "国考断面": "state-monitored sections",
    "断面": "sections", "城市": "cities", "村": "villages", "县": "counties",
    "学校": "schools", "医院": "hospitals", "省份": "provinces",
}
_NOUN_KEYS = sorted(_NOUNS, key=len, reverse=True)

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]
_SMALL_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_ORDINAL_WORDS = ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                  "ninth", "tenth"]
_ORDINAL_NOUNS = {"轮": "round", "次": "", "届": "", "批": "batch", "季度": "quarter", "名": "place",
                  "个": "", "位": "", "期": "phase", "阶段": "stage", "款": "clause", "条": "article",
                  "章": "chapter", "年": "year", "天": "day", "家": ""}
_ORDINAL_NOUN_KEYS = sorted(_ORDINAL_NOUNS, key=len, reverse=True)
_ROMAN = {"Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "Ⅴ": 5, "Ⅵ": 6, "Ⅶ": 7, "Ⅷ": 8, "Ⅸ": 9, "Ⅹ": 10}
_ROMAN_TEXT = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI", 7: "VII", 8: "VIII", 9: "IX", 10: "X"}
_RANGE_JOINERS = "至到~-—"
# 成 after a numeral is a share (八成, 80%) unless it starts a word (三成员, 五成群).
_NOT_PERCENT_AFTER_CHENG = ("员", "为", "功", "立", "长", "本", "果", "熟", "就", "交", "都", "年", "型", "品",
                            "人", "绩", "群", "效", "分", "份", "套", "批", "片", "熟")
# 三号 is "the 3rd" (of the month) in broadcast news, but 一号文件, 二号线 and 三号楼 are names.
_NOT_DAY_AFTER_HAO = ("文件", "线", "楼", "机", "院", "位", "门", "馆", "码", "令", "台", "车", "站", "厅", "公路")
# Set phrases that begin with a numeral and a classifier-like character but state no quantity.
_IDIOMS = ("四处", "四起", "三元锂", "三元材料", "四面", "八方", "三峡", "两岸", "三农", "五湖四海", "七嘴八舌",
           "三心二意", "九死一生", "十全十美", "一五一十", "三三两两", "千千万万", "四海", "三天两头", "一举两得")

_NAME_PATTERNS = [
    # 十四五 (the 14th Five-Year Plan) and its kin: a plan name, not a quantity.
    (re.compile(r"[“\"]?(十[一二三四五六七八九]五)[”\"]?"), "plan"),
    # The lookbehind anchors the numeral at the start of its run and {1,3} bounds it, so a long run
    # of numerals costs one pass, not one backtracking scan per position (and 二十中全会 is the longest).
    (re.compile(r"(?<![一二三四五六七八九十])([一二三四五六七八九十]{1,3})中全会"), "plenum"),
    (re.compile(r"(两个一百年)"), "centenary"),
    (re.compile(r"(十[一二三四五六七八九])大(?![学量批型力幅多概约致家厦会小])"), "congress"),
    (re.compile(r"双(11|十一|12|十二)"), "double"),
    (re.compile(r"(?<![\d])(\d{2}|\d{4})年代"), "decade"),
    (re.compile(r"(?<![A-Za-z])([ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]|(?:IV|V?I{1,3}|VI{0,3}))类"), "class"),
]

getcontext_precision = 60  # enough for 万亿 × long digit strings without rounding


# -- public dataclass for parsed English ------------------------------------------------------------


@dataclass(frozen=True)
class EnglishFigure:
    """A number found in English text, with its value in base units."""

    text: str
    start: int
    end: int
    value: Decimal | None
    qualifier: str | None = None
    unit: str | None = None  # "percent", "percentage points", a currency, a measure, or None
    kind: str = "number"  # number / percent / money / date / ordinal / year
    month: int | None = None  # for dates
    day: int | None = None


# -- numeral parsing --------------------------------------------------------------------------------


def normalise_digits(text: str) -> str:
    """Full-width digits and signs to ASCII, one character for one, so offsets stay valid."""
    return text.translate(_FULL_WIDTH)


def parse_chinese_number(surface: str) -> Decimal | None:
    """The value of a numeral such as 一百八十五, 两千, 1.2万, 13.21万亿 or 二〇二四; None if it is not one."""
    text = normalise_digits(surface).replace(",", "")
    if not text:
        return None
    decimal_point = re.fullmatch(r"(.+?)点([零〇一二三四五六七八九]+)([十百千万亿]*)", text)
    if decimal_point:
        # 七点五万 is 75,000: whole part, digits after 点, then the multiplier for both.
        whole = parse_chinese_number(decimal_point.group(1))
        multiplier = parse_chinese_number("1" + decimal_point.group(3)) if decimal_point.group(3) else 1
        if whole is None or multiplier is None or any(ch in "万亿" for ch in decimal_point.group(1)):
            return None
        fraction = Decimal("0." + "".join(str(_CN_DIGITS[ch]) for ch in decimal_point.group(2)))
        return (whole + fraction) * multiplier
    if all(ch in _CN_DIGITS for ch in text) and (len(text) >= 3 or "〇" in text or "零" in text):
        # A digit string (二〇二四): read digit by digit, as years are.
        return Decimal("".join(str(_CN_DIGITS[ch]) for ch in text))
    with localcontext() as context:
        context.prec = getcontext_precision
        total = Decimal(0)  # everything already scaled by 万 or 亿
        section = Decimal(0)  # below 万
        number: Decimal | None = None
        position = 0
        seen = False
        while position < len(text):
            match = _ARABIC.match(text, position)
            ch = text[position]
            if match and position == match.start() and ch.isdigit():
                if number is not None:
                    return None
                number = Decimal(match.group())
                position = match.end()
                seen = True
                continue
            if ch in _CN_DIGITS:
                if number is not None and _CN_DIGITS[ch] != 0:
                    return None  # two digits in a row without a unit (一二): not a number
                number = Decimal(_CN_DIGITS[ch]) if _CN_DIGITS[ch] else None
                seen = True
            elif ch in _CN_TENS:
                section += _CN_TENS[ch]
                seen = True
            elif ch in _CN_SMALL_UNITS:
                section += (number if number is not None else Decimal(1)) * _CN_SMALL_UNITS[ch]
                number = None
                seen = True
            elif ch == "万":
                part = section + (number or 0)
                total += (part if part else Decimal(1)) * 10000
                section, number = Decimal(0), None
            elif ch == "亿":
                part = total + section + (number or 0)
                total = (part if part else Decimal(1)) * 100000000
                section, number = Decimal(0), None
            else:
                return None
            position += 1
        if not seen:
            return None
        if number is not None and len(text) >= 2 and text[-2] in "百千万亿" and text[-1] in _CN_DIGITS:
            # 一百二 is 120, 两千五 2,500, 一万五 15,000: the last digit counts in the next lower unit.
            lower = {"百": 10, "千": 100, "万": 1000, "亿": 10000000}[text[-2]]
            number *= lower
        return total + section + (number or 0)


# -- English rendering ------------------------------------------------------------------------------

_SCALES = [(Decimal(10) ** 12, "trillion"), (Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million")]


def _plain(value: Decimal, *, separators: bool = True) -> str:
    """Digits with thousands separators and no trailing zeros (1,400; 113.6)."""
    value = value.normalize() if value.is_finite() else value
    if value == value.to_integral_value():
        integral = int(value)
        return f"{integral:,}" if separators else str(integral)
    sign = "-" if value < 0 else ""
    text = format(abs(value), "f")
    whole, _, fraction = text.partition(".")
    whole_text = f"{int(whole):,}" if separators else whole
    return f"{sign}{whole_text}.{fraction.rstrip('0')}" if fraction.rstrip("0") else f"{sign}{whole_text}"


def render_number(value: Decimal, *, spell_small: bool = False) -> str:
    """A value in news style: "2.27 billion", "30 million", "4,215", "three" (with spell_small)."""
    with localcontext() as context:
        context.prec = getcontext_precision
        magnitude = abs(value)
        for size, word in _SCALES:
            if magnitude >= size:
                scaled = (value / size).normalize()
                exponent = scaled.as_tuple().exponent
                if isinstance(exponent, int) and exponent >= -3:
                    return f"{_plain(scaled)} {word}"
                break
        if spell_small and value == value.to_integral_value() and 0 <= value <= 9:
            return _SMALL_WORDS[int(value)]
        return _plain(value)


def render_ordinal(value: int) -> str:
    """'third' for 3 (one to ten spelt out), '21st' for 21."""
    if 0 < value <= 10:
        return _ORDINAL_WORDS[value]
    suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{suffix}"


def render_english(
    value: Decimal | None,
    unit: str | None,
    qualifier: str | None = None,
    kind: str = "count",
    upper: Decimal | None = None,
) -> str:
    """The news-style English of a quantity: render_english(Decimal("2.27e9"), "yuan") is '2.27 billion yuan'."""
    if value is None:
        return unit or ""
    if kind == "ordinal":
        text = render_ordinal(int(value))
        return f"{text} {unit}" if unit else text
    spell = kind == "count" and upper is None
    if kind == "percent" and unit == "percent":
        number = f"{render_number(value)}%"
        if upper is not None:
            number = f"{render_number(value)}% to {render_number(upper)}%"
        return f"{qualifier} {number}" if qualifier else number
    if kind == "multiple":
        number = render_number(value)
        text = "twice" if value == 2 else f"{number} times"
        return f"{qualifier} {text}" if qualifier else text
    number = render_number(value, spell_small=spell)
    if upper is not None:
        number = f"{number} to {render_number(upper, spell_small=spell)}"
    if unit:
        singular = _singular(unit) if value == 1 and upper is None else unit
        number = f"{number} {singular}"
    return f"{qualifier} {number}" if qualifier else number


def _singular(unit: str) -> str:
    irregular = {"people": "person", "children": "child", "staff": "staff", "mu": "mu", "yuan": "yuan",
                 "yen": "yen", "years old": "year old", "times": "time", "US dollars": "US dollar",
                 "degrees Celsius": "degree Celsius"}
    if unit in irregular:
        return irregular[unit]
    head, _, last = unit.rpartition(" ")
    if last.endswith("ies"):
        last = last[:-3] + "y"
    elif last.endswith(("ches", "shes", "sses")):
        last = last[:-2]
    elif last.endswith("s"):
        last = last[:-1]
    return f"{head} {last}" if head else last


def render_date(year: int | None, month: int | None, day: int | None) -> str:
    """'December 24, 2024', 'December 24', 'December 2024', '2024', 'the 24th'."""
    if month and day:
        text = f"{_MONTHS[month - 1]} {day}"
        return f"{text}, {year}" if year else text
    if month:
        return f"{_MONTHS[month - 1]} {year}" if year else _MONTHS[month - 1]
    if year:
        return str(year)
    if not day:
        return ""
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"the {day}{suffix}"  # days of the month always in digits: "the 3rd"


# -- extraction -------------------------------------------------------------------------------------


def extract_figures(text: str) -> list[Figure]:
    """Every figure in Chinese `text`, in order, with offsets into `text`; never raises.

    Linear in the length of `text`: each position is looked at a bounded number of times, and the end
    of the figures already found is kept as a running maximum instead of being recomputed per position.
    """
    if not isinstance(text, str) or not text:
        return []
    norm = normalise_digits(text)
    names = sorted(_names(text, norm), key=lambda f: f.start)
    figures: list[Figure] = list(names)
    taken = [False] * len(text)
    for name in names:
        for index in range(name.start, name.end):
            taken[index] = True
    names_seen = 0  # names with start < position, in start order
    names_end = 0  # the furthest end among them
    numbers_end = 0  # the furthest end among figures found by the scan (all start before `position`)
    position = 0
    while position < len(norm):
        if taken[position] or not _starts_number(norm, position):
            position += 1
            continue
        figure: Figure | None
        try:
            figure = _figure_at(text, norm, position)
        except (ArithmeticError, ValueError, IndexError, KeyError, RecursionError):
            figure = None  # a malformed numeral is skipped: extraction never raises
        while names_seen < len(names) and names[names_seen].start < position:
            names_end = max(names_end, names[names_seen].end)
            names_seen += 1
        last_end = max(names_end, numbers_end)
        if figure is None or figure.start < last_end or any(taken[figure.start:figure.end]):
            position = _number_end(norm, position)  # never two figures over the same characters
            continue
        figures.append(figure)
        numbers_end = max(numbers_end, figure.end)
        position = figure.end
    return sorted(figures, key=lambda f: f.start)


def _names(text: str, norm: str) -> Iterator[Figure]:
    for pattern, name_kind in _NAME_PATTERNS:
        for match in pattern.finditer(norm):
            try:
                name = _name_figure(text, match, name_kind)
            except (ArithmeticError, ValueError, IndexError, KeyError, RecursionError):
                continue  # a name whose numeral cannot be read is skipped: extraction never raises
            if name is not None:
                yield name


def _name_figure(text: str, match: re.Match[str], name_kind: str) -> Figure | None:
    """The figure of one name match (十四五, 三中全会, 十九大, ...), or None where its numeral is not one."""
    start, end = match.span()
    core = match.group(1)
    if name_kind == "plan":
        number = parse_chinese_number(core[:2])
        english = f"{render_ordinal(int(number or 0))} Five-Year Plan"
    elif name_kind == "congress":
        # 十九大: a name, but its ordinal is a quantity readers check ("19th").
        rank = int(parse_chinese_number(core) or 0)
        return Figure(text[start:end], start, end, Decimal(rank), None, None, "ordinal",
                      f"{render_ordinal(rank)} CPC National Congress")
    elif name_kind == "double":
        english = "Singles' Day (November 11)" if core in ("11", "十一") else "Double 12 (December 12)"
    elif name_kind == "centenary":
        english = "Two Centenary Goals"
    elif name_kind == "decade":
        year = int(core) if len(core) == 4 else 1900 + int(core)
        english = f"the {year}s"
    elif name_kind == "plenum":
        number = parse_chinese_number(core)
        if number is None:
            return None
        english = f"{render_ordinal(int(number))} plenary session"
    else:
        level = _ROMAN.get(core) or _roman_value(core)
        english = f"Class {_ROMAN_TEXT.get(level, core)}"
    return Figure(text[start:end], start, end, None, None, None, "name", english)


def _roman_value(text: str) -> int:
    return {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8}.get(text, 0)


def _starts_number(norm: str, position: int) -> bool:
    ch = norm[position]
    if ch.isdigit() and ch.isascii():
        # A digit inside a word or a code (PM2.5, COVID-19, 5G) is not a figure.
        before = norm[position - 1] if position else ""
        if before == "-" and position > 1 and not norm[position - 2].isdigit() and not norm[position - 2].isspace():
            return False  # COVID-19, 直-9, 红旗-16: a model name
        return not (before and before.isascii() and (before.isalnum() or before in "._"))
    if ch in _CN_NUMERAL_CHARS:
        return position == 0 or norm[position - 1] not in _CN_NUMERAL_CHARS
    return False


def _unit_at(norm: str, position: int) -> str | None:
    for key in _UNIT_KEYS:
        if norm.startswith(key, position):
            return key
    return None


def _read_number(norm: str, position: int, *, bare_multiplier: bool = False) -> tuple[Decimal, int, bool] | None:
    """(value, end, written in Chinese numerals) of the numeral starting at `position`."""
    match = _ARABIC.match(norm, position)
    chinese = match is None
    end = match.end() if match else position
    if match is None:
        while end < len(norm) and (norm[end] in _CN_NUMERAL_CHARS or (
            norm[end] == "点" and end > position and end + 1 < len(norm) and norm[end + 1] in _CN_DIGITS
            and "点" not in norm[position:end]
        )):
            # Stop before a unit that starts with a multiplier (千米, 千克, 百分点).
            if norm[end] in _MULTIPLIERS and _unit_at(norm, end) and end > position:
                break
            end += 1
    else:
        if end < len(norm) and (norm[end].isascii() and norm[end].isalpha()):
            return None  # 5G, 4K: a name
        # "15.9 亿美元": web text often puts a space between the digits and the multiplier.
        if norm.startswith(" ", end) and end + 1 < len(norm) and norm[end + 1] in "万亿":
            end += 1
    while end < len(norm) and norm[end] in _MULTIPLIERS and not norm.startswith("百分之", end) and not (
        _unit_at(norm, end) and _unit_at(norm, end) not in ("万", "亿")
    ):
        if not chinese or norm[end] in "万亿":
            end += 1
        else:
            break
    surface = norm[position:end].replace(" ", "")
    if chinese and surface[0] in _MULTIPLIERS and surface[0] != "十" and not bare_multiplier:
        return None  # 千方百计, 万一, 百姓: words, not numbers (but 逾千人 is "over 1,000 people")
    value = parse_chinese_number(surface)
    if value is None:
        return None
    return value, end, chinese


def _number_end(norm: str, position: int) -> int:
    end = position + 1
    while end < len(norm) and (norm[end].isdigit() or norm[end] in _CN_NUMERAL_CHARS or norm[end] in ".,"):
        end += 1
    return end


def _prefix_qualifier(norm: str, start: int) -> tuple[str | None, int]:
    original = start
    if start > 0 and norm[start - 1] == " ":
        start -= 1  # "约 5 亿元"
    for key, qualifier in _PREFIX_QUALIFIERS:
        begin = start - len(key)
        if begin >= 0 and norm.startswith(key, begin):
            before = norm[begin - 1] if begin > 0 else ""
            if before and before in _NOT_QUALIFIER_BEFORE.get(key, ""):
                continue
            return qualifier, begin
    return None, original


def _suffix_qualifier(norm: str, end: int) -> tuple[str | None, int]:
    for key, qualifier in _SUFFIX_QUALIFIERS:
        if norm.startswith(key, end):
            return qualifier, end + len(key)
    return None, end


def _noun_after(norm: str, end: int) -> str | None:
    for key in _NOUN_KEYS:
        if norm.startswith(key, end):
            return _NOUNS[key]
    return None


def _noun_before(norm: str, start: int) -> str | None:
    for key in _NOUN_KEYS:
        if start - len(key) >= 0 and norm.startswith(key, start - len(key)):
            return _NOUNS[key]
    return None


_CLOCK = re.compile(r"[0-9零〇一二两三四五六七八九十]{1,3}[点时:][0-9零〇一二三四五六七八九十]{1,3}分")
_CLOCK_DIGITS = "0123456789零〇一二两三四五六七八九十"
_CLOCK_MINUTES = re.compile(r"[0-9零〇一二三四五六七八九十]{1,3}分")


def _is_clock_time(norm: str, start: int) -> bool:
    """True at the hour (7点50分) or at the minutes (the 50 of 7点50分) of a time of day."""
    if _CLOCK.match(norm, start):
        return True
    return (start > 1 and norm[start - 1] in "点时:" and norm[start - 2] in _CLOCK_DIGITS
            and _CLOCK_MINUTES.match(norm, start) is not None)


def _is_chinese(surface: str) -> bool:
    return bool(surface) and all(ch in _CN_NUMERAL_CHARS for ch in surface)


def _is_year(value: Decimal, surface: str, chinese: bool) -> bool:
    digits = surface.replace(",", "")
    if chinese:
        return len(digits) == 4 and all(ch in _CN_DIGITS for ch in digits)
    return len(digits) == 4 and digits.isdigit() and 1000 <= value <= 2999


def _figure_at(text: str, norm: str, start: int) -> Figure | None:
    """The figure whose number starts at `start`, or None where the numeral is part of a word."""
    if norm.startswith("百分之", start):
        return None  # the percentage is read from the number after 之
    if _is_clock_time(norm, start):
        return None  # 7点50分, 下午四时三十分: a time of day, not a figure
    if norm.startswith(_IDIOMS, start):
        return None  # 四处, 四起, 三元锂电池: numerals inside set phrases
    if start > 0 and norm[start - 1] == "-" and _ARABIC.match(norm, start) and \
            norm.startswith("-", _ARABIC.match(norm, start).end()):  # type: ignore[union-attr]
        return None  # 吲哚-3-乳酸: a locant in a chemical name
    if start > 0 and (norm[start - 1] in "周" or norm[max(0, start - 2):start] in ("星期", "礼拜")) and \
            norm[start] in "一二三四五六日天":
        return None  # 周二, 星期三: a weekday
    if start > 0 and norm[start - 1] in "数几上成" and norm[start] in "十百千万":
        return None  # 数十, 几百, 上千, 成千上万: "dozens", "hundreds": vague, not a figure
    read = _read_number(norm, start, bare_multiplier=_prefix_qualifier(norm, start)[0] is not None)
    if read is None:
        return None
    value, end, chinese = read
    surface = norm[start:end]

    # 第三轮: an ordinal.
    if start > 0 and norm[start - 1] == "第":
        if norm.startswith("方", end):
            return None  # 第三方: "third-party", a word
        noun_key = next((k for k in _ORDINAL_NOUN_KEYS if norm.startswith(k, end)), None)
        stop = end + len(noun_key) if noun_key else end
        noun = _ORDINAL_NOUNS.get(noun_key or "", "")
        if value != value.to_integral_value() or value <= 0:
            return None
        return _make(text, start - 1, stop, value, noun or None, None, "ordinal",
                     render_english(value, noun or None, kind="ordinal"))

    # 百分之五十: a percentage written out.
    if start >= 3 and norm[start - 3:start] == "百分之":
        qualifier, begin = _prefix_qualifier(norm, start - 3)
        suffix_qualifier, stop = _suffix_qualifier(norm, end)
        qualifier = qualifier or suffix_qualifier
        return _make(text, begin, stop, value, "percent", qualifier, "percent",
                     render_english(value, "percent", qualifier, "percent"))

    # 三分之一: a fraction.
    if norm.startswith("分之", end):
        read_below = _read_number(norm, end + 2)
        if read_below is None or value == 0:
            return None
        numerator, stop, _ = read_below
        with localcontext() as context:
            context.prec = 28
            fraction = numerator / value
        return _make(text, start, stop, fraction, None, None, "fraction",
                     _render_fraction(numerator, value))

    # 12月24日, 2024年12月, 1月至11月: dates.
    date = _date_at(text, norm, start, value, end, surface, chinese)
    if date is not None:
        return date

    qualifier, begin = _prefix_qualifier(norm, start)
    if chinese and len(surface) == 1 and surface in "两二三四五六七八九" and norm.startswith("成", end) and \
            not norm.startswith(_NOT_PERCENT_AFTER_CHENG, end + 1):
        # 八成 is 80%: tenths, a common way to write shares.
        suffix_qualifier, stop = _suffix_qualifier(norm, end + 1)
        qualifier = qualifier or suffix_qualifier
        percent = value * 10
        return _make(text, begin, stop, percent, "percent", qualifier, "percent",
                     render_english(percent, "percent", qualifier, "percent"))
    position = end
    if norm.startswith(" ", position) and not chinese and (
        norm.startswith(("多", "余"), position + 1) or _unit_at(norm, position + 1)
    ):
        position += 1  # "500 多万英镑", "9 月": a space before the unit
    if norm.startswith(("多", "余"), position) and not norm.startswith("多元", position):
        qualifier = qualifier or "more than"
        position += 1
        # 4000多万元: the multiplier can follow the qualifier.
        while position < len(norm) and norm[position] in "万亿":
            value = value * (10000 if norm[position] == "万" else 100000000)
            position += 1

    # 3至5年, 3-5年: ranges.
    if position == end and position < len(norm) and norm[position] in _RANGE_JOINERS:
        ranged = _range_at(text, norm, begin, start, value, position, qualifier)
        if ranged is not None:
            return ranged

    unit_key = _unit_at(norm, position)
    if unit_key and position == end and position + len(unit_key) < len(norm) and \
            norm[position + len(unit_key)] in _RANGE_JOINERS:
        ranged = _range_at(text, norm, begin, start, value, position + len(unit_key), qualifier,
                           first_unit=unit_key)
        if ranged is not None:
            return ranged
    if unit_key == "年" and _is_year(value, surface, chinese):
        return None  # handled by _date_at; here only durations
    if unit_key is None:
        if chinese and not any(ch in "万亿" for ch in surface):
            return None  # a Chinese numeral with no unit is part of a word (一二三产业, 三证)
        suffix_qualifier, stop = _suffix_qualifier(norm, position)
        qualifier = qualifier or suffix_qualifier
        return _make(text, begin, stop, value, None, qualifier, "count",
                     render_english(value, None, qualifier, "count"))
    if chinese and surface == "一" and qualifier is None:
        return None  # 一家, 一批, 一公里: idiom, not a figure
    unit, kind = _UNITS[unit_key]
    stop = position + len(unit_key)
    if unit_key == "次" and norm.startswith(("会议", "全会", "全体会议"), stop):
        kind = "ordinal"  # 五次会议: the fifth session
    if kind == "ordinal":  # 二十届: "20th"; 18世纪: "18th century"
        if value != value.to_integral_value() or value <= 0:
            return None
        return _make(text, begin, stop, value, unit or None, None, "ordinal",
                     render_english(value, unit or None, kind="ordinal"))
    suffix_qualifier, after = _suffix_qualifier(norm, stop)
    if suffix_qualifier:
        qualifier = qualifier or suffix_qualifier
        stop = after
    if unit_key in _CLASSIFIERS_WITH_NOUNS:
        counted = _noun_after(norm, stop) or _noun_before(norm, begin)
        if counted:
            unit = counted
        elif unit_key in ("名", "位"):
            unit = "people"
    unit_or_none = unit or None
    if unit_key == "%":
        kind = "percent"
    return _make(text, begin, stop, value, unit_or_none, qualifier, kind,
                 render_english(value, unit_or_none, qualifier, kind))


def _range_at(text: str, norm: str, begin: int, start: int, value: Decimal, joiner: int,
              qualifier: str | None, first_unit: str | None = None) -> Figure | None:
    if joiner + 1 >= len(norm) or not _starts_number_after_joiner(norm, joiner + 1):
        return None
    read = _read_number(norm, joiner + 1)
    if read is None:
        return None
    upper, end, _ = read
    unit_key = _unit_at(norm, end)
    if unit_key is None or (first_unit is not None and first_unit != unit_key):
        return None
    # 10至20亿元: the multiplier after the second number applies to both.
    suffix = ""
    while end - len(suffix) - 1 > joiner and norm[end - len(suffix) - 1] in "万亿":
        suffix = norm[end - len(suffix) - 1] + suffix
    first = norm[start:joiner - (len(first_unit) if first_unit else 0)]
    if suffix and not first.endswith(("万", "亿")):
        value = value * (parse_chinese_number("1" + suffix) or 1)
    if upper <= value:
        return None
    unit, kind = _UNITS[unit_key]
    if kind == "ordinal":
        return None
    stop = end + len(unit_key)
    if unit_key == "年" and _is_year(value, norm[start:joiner], _is_chinese(norm[start:joiner])) and \
            _is_year(upper, norm[joiner + 1:end], _is_chinese(norm[joiner + 1:end])):
        return _make(text, begin, stop, value, "year", None, "range", f"{value} to {upper}", upper)
    if unit_key == "%":
        return _make(text, begin, stop, value, "percent", qualifier, "range",
                     render_english(value, "percent", qualifier, "percent", upper=upper), upper)
    unit_or_none = unit or None
    english = render_english(value, unit_or_none, qualifier, kind if kind != "count" else "range", upper=upper)
    return _make(text, begin, stop, value, unit_or_none, qualifier, "range", english, upper)


def _starts_number_after_joiner(norm: str, position: int) -> bool:
    ch = norm[position]
    return (ch.isdigit() and ch.isascii()) or ch in _CN_DIGITS or ch in _CN_SMALL_UNITS


def _date_at(text: str, norm: str, start: int, value: Decimal, end: int, surface: str,
             chinese: bool) -> Figure | None:
    integral = value == value.to_integral_value()
    year = month = day = None
    end = _space(norm, end, "年月日号")
    position = end
    if norm.startswith("年", end) and _is_year(value, surface, chinese) and not norm.startswith("年代", end):
        year, position = int(value), end + 1
        after = _space(norm, position, "0123456789")
        nxt = _read_number(norm, after) if after < len(norm) and _starts_number_after_joiner(
            norm, after) else None
        if nxt and norm.startswith("月", _space(norm, nxt[1], "月")) and 1 <= nxt[0] <= 12:
            month, position = int(nxt[0]), _space(norm, nxt[1], "月") + 1
    elif integral and norm.startswith("月", end) and 1 <= value <= 12 and not norm.startswith("月份", end):
        month, position = int(value), end + 1
    elif integral and norm.startswith("月份", end) and 1 <= value <= 12:
        month, position = int(value), end + 2
        return _make(text, start, position, None, "date", None, "date", render_date(None, month, None))
    elif integral and norm.startswith(("日", "号"), end) and 1 <= value <= 31 and (
        not chinese or len(surface) > 1 or value >= 10 or (
            norm.startswith("号", end) and surface != "一" and not norm.startswith(_NOT_DAY_AFTER_HAO, end + 1)
        )
    ):
        day = int(value)
        return _make(text, start, end + 1, None, "date", None, "date", render_date(None, None, day))
    else:
        return None
    after = _space(norm, position, "0123456789")
    if month is not None and after < len(norm) and _starts_number_after_joiner(norm, after):
        nxt = _read_number(norm, after)
        if nxt and norm.startswith(("日", "号"), _space(norm, nxt[1], "日号")) and 1 <= nxt[0] <= 31:
            day, position = int(nxt[0]), _space(norm, nxt[1], "日号") + 1
    # 1月至11月, 2021-2022年: a span of months or years.
    if day is None and position < len(norm) and norm[position] in _RANGE_JOINERS:
        joined = position + 1
        if joined < len(norm) and _starts_number_after_joiner(norm, joined):
            nxt = _read_number(norm, joined)
            if nxt:
                upper, upper_end, upper_chinese = nxt
                if month is not None and year is None and norm.startswith("月", upper_end) and \
                        month < upper <= 12:
                    return _make(text, start, upper_end + 1, Decimal(month), "month", None, "range",
                                 f"{_MONTHS[month - 1]} to {_MONTHS[int(upper) - 1]}", Decimal(int(upper)))
                if year is not None and month is None and norm.startswith("年", upper_end) and \
                        _is_year(upper, norm[joined:upper_end], upper_chinese) and upper > year:
                    return _make(text, start, upper_end + 1, Decimal(year), "year", None, "range",
                                 f"{year} to {int(upper)}", upper)
    if month is not None and day is None and norm.startswith("底", position):
        return _make(text, start, position + 1, None, "date", None, "date",
                     f"the end of {render_date(year, month, None)}")
    if year is not None and month is None:
        if norm.startswith(("来", "间", "内"), position):
            return None  # 20年来 is a duration (handled elsewhere); a 4-digit year here is unusual
        return _make(text, start, position, Decimal(year), "year", None, "date", str(year))
    return _make(text, start, position, None, "date", None, "date", render_date(year, month, day))


def _space(norm: str, position: int, allowed_next: str) -> int:
    """Skip one space when the next character is one of `allowed_next` ("9 月 1 日" in web text)."""
    if norm.startswith(" ", position) and position + 1 < len(norm) and norm[position + 1] in allowed_next:
        return position + 1
    return position


def _render_fraction(numerator: Decimal, denominator: Decimal) -> str:
    names = {2: "half", 3: "third", 4: "quarter", 5: "fifth", 6: "sixth", 8: "eighth", 10: "tenth"}
    if numerator == numerator.to_integral_value() and denominator == denominator.to_integral_value():
        top, bottom = int(numerator), int(denominator)
        if bottom in names and 0 < top < 10:
            word = names[bottom] + ("s" if top > 1 and bottom != 2 else "")
            if bottom == 2 and top > 1:
                word = "halves"
            return f"{_SMALL_WORDS[top]}-{word}"
        return f"{top}/{bottom}"
    return f"{_plain(numerator)}/{_plain(denominator)}"


def _tidy(value: Decimal | None) -> Decimal | None:
    """Whole numbers without a trailing ".0" (22.7 * 10**8 is 2270000000, not 2270000000.0)."""
    if value is not None and value.is_finite() and value == value.to_integral_value():
        return Decimal(int(value))
    return value


def _make(text: str, start: int, end: int, value: Decimal | None, unit: str | None,
          qualifier: str | None, kind: str, english: str, upper: Decimal | None = None) -> Figure:
    value, upper = _tidy(value), _tidy(upper)
    return Figure(text[start:end], start, end, value, unit, qualifier, kind, english, upper)


# -- parsing English back ---------------------------------------------------------------------------

_WORD_VALUES = {word: index for index, word in enumerate(_SMALL_WORDS)}
_WORD_VALUES.update({"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
                     "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
                     "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                     "eighty": 80, "ninety": 90, "a dozen": 12, "twice": 2})
_ORDINAL_VALUES = {word: index for index, word in enumerate(_ORDINAL_WORDS) if index}
_ORDINAL_VALUES.update({"eleventh": 11, "twelfth": 12, "twentieth": 20})
_SCALE_WORDS = {"thousand": 10 ** 3, "k": 10 ** 3, "million": 10 ** 6, "mn": 10 ** 6, "m": 10 ** 6,
                "mln": 10 ** 6, "billion": 10 ** 9, "bn": 10 ** 9, "b": 10 ** 9, "trillion": 10 ** 12,
                "tn": 10 ** 12, "hundred": 100, "lakh": 10 ** 5}
_EN_QUALIFIERS = [
    ("more than", "more than"), ("over", "over"), ("above", "over"), ("in excess of", "over"),
    ("upwards of", "over"), ("exceeding", "over"), ("greater than", "over"), ("nearly", "nearly"),
    ("almost", "nearly"), ("close to", "nearly"), ("approaching", "nearly"), ("about", "about"),
    ("around", "about"), ("approximately", "about"), ("roughly", "about"), ("some", "about"),
    ("an estimated", "about"), ("at least", "at least"), ("no less than", "at least"),
    ("no fewer than", "at least"), ("up to", "up to"), ("as many as", "up to"), ("as much as", "up to"),
    ("at most", "up to"), ("under", "under"), ("less than", "under"), ("fewer than", "under"),
    ("below", "under"),
]
_CURRENCIES = [
    ("hong kong dollars", "Hong Kong dollars"), ("us dollars", "US dollars"), ("u.s. dollars", "US dollars"),
    ("dollars", "US dollars"), ("roubles", "roubles"), ("rubles", "roubles"), ("yuan", "yuan"),
    ("renminbi", "yuan"), ("rmb", "yuan"), ("euros", "euros"), ("yen", "yen"), ("pounds", "pounds"),
]
_NUMBER_WORDS = "|".join(sorted((re.escape(w) for w in _WORD_VALUES), key=len, reverse=True))
_EN_QUALIFIER_WORDS = "|".join(re.escape(q) for q, _ in _EN_QUALIFIERS)
_CURRENCY_WORDS = "|".join(re.escape(c) for c, _ in _CURRENCIES)
# A number starts after a space, a currency sign or code (RMB10), or anything but a word character.
_NUMBER_START = r"(?:(?<=[$€£¥\s])|(?<=RMB|CNY|USD|JPY|EUR|GBP|KRW|HKD)|(?<![\w.]))"
_EN_NUMBER = re.compile(
    r"""
    (?P<qualifier>(?:QUALIFIERS)\s+)?
    (?P<currency>US\$|HK\$|\$|€|£|¥|RMB\s?|CNY\s?|USD\s?|JPY\s?|EUR\s?|GBP\s?|KRW\s?|HKD\s?)?
    (?:
        (?P<digits>START\d{1,3}(?:,\d{3})+(?:\.\d+)?|START(?<!,)(?<![A-Za-z]-)\d+(?:\.\d+)?)
        (?!\.?\d|,\d{3})(?![\u3400-\u9fff])
      | (?P<word>\b(?:WORDS)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?\b)
    )
    (?:[\s-]?(?P<scale>thousand|million|billion|trillion|hundred|bn|mn|mln|tn|k|m|b)\b)?
    (?P<percent>\s?(?:%|percent\b|per\s?cent\b))?
    (?P<points>\s?percentage\s+points?\b)?
    (?:\s(?P<unit>(?:CURRENCIES)\b))?
    """.replace("QUALIFIERS", _EN_QUALIFIER_WORDS).replace("START", _NUMBER_START)
    .replace("WORDS", _NUMBER_WORDS).replace("CURRENCIES", _CURRENCY_WORDS),
    re.IGNORECASE | re.VERBOSE,
)
_MONTH_NAMES = "|".join(_MONTHS)
_MONTH_ABBREVIATIONS = "|".join(m[:3] for m in _MONTHS if m != "May")
_EN_DATE = re.compile(
    rf"\b(?P<month>{_MONTH_NAMES}|{_MONTH_ABBREVIATIONS})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"|\b(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>{_MONTH_NAMES})\b"
)
_EN_MONTH = re.compile(rf"\b(?P<month>{_MONTH_NAMES})\b")
_EN_ORDINAL = re.compile(
    r"\b(?:(?P<digits>\d+)(?:st|nd|rd|th)|(?P<word>" + "|".join(_ORDINAL_VALUES) + r"))\b", re.IGNORECASE
)
_FRACTION_NAMES = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
                   "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "eighth": 8, "eighths": 8,
                   "tenth": 10, "tenths": 10}
_EN_FRACTION = re.compile(
    r"\b(?P<top>one|two|three|four|five|six|seven|eight|nine|a)[- ](?P<bottom>" + "|".join(_FRACTION_NAMES)
    + r")\b|(?<![\d/.])(?P<a>\d+)/(?P<b>\d+)(?![\d/])",
    re.IGNORECASE,
)
_CURRENCY_SYMBOLS = {"jpy": "yen", "eur": "euros", "gbp": "pounds", "krw": "won", "hkd": "Hong Kong dollars",
                     "$": "US dollars", "us$": "US dollars", "hk$": "Hong Kong dollars", "€": "euros",
                     "£": "pounds", "¥": "yuan", "rmb": "yuan", "cny": "yuan", "usd": "US dollars"}


def parse_english_figures(text: str) -> list[EnglishFigure]:
    """Numbers in English text with their values: '2.27 billion', '2,270 million', 'over 95 percent'."""
    if not isinstance(text, str) or not text:
        return []
    found: list[EnglishFigure] = []
    taken: list[tuple[int, int]] = []
    for match in _EN_DATE.finditer(text):
        name = match.group("month") or match.group("month2")
        day = int(match.group("day") or match.group("day2"))
        month = next(i for i, m in enumerate(_MONTHS, 1) if m.startswith(name[:3]))
        if 1 <= day <= 31:
            found.append(EnglishFigure(match.group(), match.start(), match.end(), None, kind="date",
                                       month=month, day=day, unit="date"))
            taken.append(match.span())
    for match in _EN_MONTH.finditer(text):
        if not _overlaps(match.span(), taken):
            month = _MONTHS.index(match.group("month")) + 1
            found.append(EnglishFigure(match.group(), match.start(), match.end(), None, kind="date",
                                       month=month, unit="date"))
            taken.append(match.span())
    for match in _EN_FRACTION.finditer(text):
        if match.group("a"):
            top, bottom = int(match.group("a")), int(match.group("b"))
        else:
            word = match.group("top").lower()
            top, bottom = (1 if word == "a" else _WORD_VALUES[word]), _FRACTION_NAMES[match.group("bottom").lower()]
        if bottom == 0:
            continue
        with localcontext() as context:
            context.prec = 28
            value = Decimal(top) / Decimal(bottom)
        found.append(EnglishFigure(match.group(), match.start(), match.end(), value, kind="fraction"))
        taken.append(match.span())
    for match in _EN_ORDINAL.finditer(text):
        if _overlaps(match.span(), taken):
            continue
        rank = int(match.group("digits")) if match.group("digits") else _ORDINAL_VALUES[
            match.group("word").lower()]
        found.append(EnglishFigure(match.group(), match.start(), match.end(), Decimal(rank), kind="ordinal"))
        taken.append(match.span())
    for match in _EN_NUMBER.finditer(text):
        if not (match.group("digits") or match.group("word")) or _overlaps(match.span(), taken):
            continue
        figure = _english_figure(match)
        if figure is not None:
            found.append(figure)
            taken.append(match.span())
    return _share_scales(text, sorted(found, key=lambda f: f.start))


_RANGE_GAP = re.compile(r"\s*(?:-|–|—|to)\s*")
_SCALE_IN = re.compile(r"(thousand|million|billion|trillion|bn|mn|tn)\b", re.IGNORECASE)


def _share_scales(text: str, found: list[EnglishFigure]) -> list[EnglishFigure]:
    """'6-7 million' and '6 to 7 billion': the scale word of the second number applies to the first."""
    shared = list(found)
    for index in range(len(shared) - 1):
        first, second = shared[index], shared[index + 1]
        if first.value is None or second.value is None or first.kind not in ("number", "money"):
            continue
        if _SCALE_IN.search(first.text) or not _RANGE_GAP.fullmatch(text[first.end:second.start]):
            continue
        scale = _SCALE_IN.search(second.text)
        if scale is None:
            continue
        factor = _SCALE_WORDS[scale.group(1).lower()]
        if first.value * factor <= second.value:
            shared[index] = replace(first, value=first.value * factor, unit=first.unit or second.unit)
    return shared


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def _english_figure(match: re.Match[str]) -> EnglishFigure | None:
    after = match.string[match.end():match.end() + 1]
    if after.isascii() and after.isalnum():
        return None  # 5G, 7FRESH, 7.50am: digits glued to a word are a name or a time, not a figure
    with localcontext() as context:
        context.prec = getcontext_precision
        if match.group("digits"):
            value = Decimal(match.group("digits").replace(",", ""))
        else:
            words = match.group("word").lower().replace("-", " ").split()
            if " ".join(words) in _WORD_VALUES:
                base = _WORD_VALUES[" ".join(words)]
            else:
                base = (_WORD_VALUES.get(words[0]) or 0) + (_WORD_VALUES.get(words[-1]) or 0)
            if base is None:
                return None
            value = Decimal(base)
        scale = (match.group("scale") or "").lower()
        if scale in ("m", "b", "k") and not match.group("currency"):
            scale = ""  # "400m" is a distance and "5k" a race; "$5m" and "£5m" are money
        if scale:
            value *= _SCALE_WORDS[scale]
    qualifier_text = (match.group("qualifier") or "").strip().lower()
    qualifier = dict(_EN_QUALIFIERS).get(qualifier_text) if qualifier_text else None
    unit: str | None = None
    kind = "number"
    if match.group("points"):
        unit, kind = "percentage points", "percent"
    elif match.group("percent"):
        unit, kind = "percent", "percent"
    currency = (match.group("currency") or "").strip().lower()
    if currency:
        unit, kind = _CURRENCY_SYMBOLS.get(currency, "yuan"), "money"
    elif match.group("unit"):
        unit, kind = dict(_CURRENCIES)[match.group("unit").lower()], "money"
    if kind == "number" and not scale and match.group("digits") and len(match.group("digits")) == 4 and \
            1900 <= value <= 2100 and "," not in match.group("digits"):
        kind = "year"
    end = match.end()
    return EnglishFigure(match.group(), match.start(), end, value, qualifier, unit, kind)


_DATE_PARTS = re.compile(
    r"(?:(?P<year>[\d〇零一二三四五六七八九]{4})年)?(?:(?P<month>[\d一二三四五六七八九十]{1,3})月)?"
    r"(?:份|底)?(?:(?P<day>[\d一二三四五六七八九十廿卅]{1,3})[日号])?"
)


def date_parts(figure: Figure) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) of a date figure (12月24日 -> (None, 12, 24)); all None for other kinds."""
    if figure.kind != "date":
        return (None, None, None)
    match = _DATE_PARTS.search(normalise_digits(figure.text).replace(" ", ""))
    if match is None:
        return (None, None, None)
    parts = []
    for name in ("year", "month", "day"):
        group = match.group(name)
        number = parse_chinese_number(group) if group else None
        parts.append(int(number) if number is not None else None)
    return (parts[0], parts[1], parts[2])
