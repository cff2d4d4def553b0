"""The word lists figure extraction reads Chinese with: units, classifiers, counted nouns, qualifiers and
the set phrases that look like numbers but are not. Data only; the reading is in chinese.py and scan.py.

A new unit, noun or qualifier is one line here.
"""

from __future__ import annotations

from summarise.types import FigureKind

# -- qualifiers ------------------------------------------------------------------------------------

PREFIX_QUALIFIERS = [  # longest first
    ("超过", "over"), ("将近", "nearly"), ("接近", "nearly"), ("大约", "about"), ("至少", "at least"),
    ("不到", "under"), ("不足", "under"), ("多达", "up to"), ("高达", "up to"), ("最多", "up to"),
    ("近", "nearly"), ("约", "about"), ("超", "over"), ("逾", "over"),
]
SUFFIX_QUALIFIERS = [
    ("及以上", "at least"), ("以上", "over"), ("以下", "under"), ("以内", "up to"), ("左右", "about"),
]
# 近 after these is part of another word (最近 "recently", 附近 "nearby").
NOT_QUALIFIER_BEFORE = {"近": "最附临邻", "超": "赶", "约": "节签制公"}

# -- units ------------------------------------------------------------------------------------------

# Chinese unit -> English unit, by the kind of figure it makes. Longest keys are tried first.
_UNITS_BY_KIND: dict[FigureKind, dict[str, str]] = {
    "money": {
        "元人民币": "yuan", "人民币": "yuan", "元": "yuan", "美元": "US dollars", "欧元": "euros", "日元": "yen",
        "英镑": "pounds", "港元": "Hong Kong dollars", "港币": "Hong Kong dollars", "卢布": "roubles", "韩元": "won",
        "澳元": "Australian dollars", "加元": "Canadian dollars", "新台币": "New Taiwan dollars", "卢比": "rupees",
        "法郎": "francs",
    },
    "percent": {
        "%": "percent", "个百分点": "percentage points", "百分点": "percentage points",
    },
    "measure": {
        "平方公里": "square kilometres", "平方千米": "square kilometres", "平方米": "square metres",
        "立方米": "cubic metres", "公里": "kilometres", "千米": "kilometres", "厘米": "centimetres",
        "毫米": "millimetres", "米": "metres", "亩": "mu", "公顷": "hectares", "吨": "tonnes", "公斤": "kilograms",
        "千克": "kilograms", "克": "grams", "千瓦时": "kilowatt-hours", "千瓦": "kilowatts", "兆瓦时": "megawatt-hours",
        "兆瓦": "megawatts", "吉瓦": "gigawatts",
        "升": "litres", "摄氏度": "degrees Celsius", "℃": "degrees Celsius",
    },
    "count": {
        "个小时": "hours", "小时": "hours", "分钟": "minutes", "天": "days", "周": "weeks", "个月": "months",
        "年": "years", "岁": "years old", "人次": "visits", "人": "people", "名": "people", "位": "people",
        "户": "households", "辆": "vehicles", "次": "times", "起": "cases", "例": "cases", "批": "batches",
        "区": "districts", "股": "shares",
    },
    "multiple": {
        "倍": "times",
    },
    "ordinal": {
        "世纪": "century", "届": "",
    },
}
# Classifiers with no English word of their own (5家 "5", 185家银行网点 "185 bank branches").
_BARE_CLASSIFIERS = "个家项条件所座台套宗处场种只头株份篇部支颗枚艘架栋间"
UNITS: dict[str, tuple[str, FigureKind]] = {
    **{unit: (english, kind) for kind, units in _UNITS_BY_KIND.items() for unit, english in units.items()},
    **{classifier: ("", "count") for classifier in _BARE_CLASSIFIERS},
}
UNIT_KEYS = sorted(UNITS, key=len, reverse=True)
# Classifiers whose English comes from the noun they count (185家银行网点 "185 bank branches").
CLASSIFIERS_WITH_NOUNS = {"个", "家", "项", "条", "件", "所", "座", "台", "套", "名", "位", "宗", "处",
                          "场", "种", "只", "头", "株", "份", "篇", "部", "支", "艘", "架", "栋", "间"}

# Nouns that follow a classifier (185家银行网点) or precede a number (企业490个), with plurals.
NOUNS: dict[str, str] = {
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
NOUN_KEYS = sorted(NOUNS, key=len, reverse=True)

# The noun after 第N (第三轮 "third round"); "" where English needs none (第五次 "fifth").
ORDINAL_NOUNS = {"轮": "round", "次": "", "届": "", "批": "batch", "季度": "quarter", "名": "place",
                 "个": "", "位": "", "期": "phase", "阶段": "stage", "款": "clause", "条": "article",
                 "章": "chapter", "年": "year", "天": "day", "家": ""}
ORDINAL_NOUN_KEYS = sorted(ORDINAL_NOUNS, key=len, reverse=True)

# -- what is not a quantity ------------------------------------------------------------------------

RANGE_JOINERS = "至到~-—"
# 成 after a numeral is a share (八成, 80%) unless it starts a word (三成员, 五成群).
NOT_PERCENT_AFTER_CHENG = ("员", "为", "功", "立", "长", "本", "果", "熟", "就", "交", "都", "年", "型", "品",
                           "人", "绩", "群", "效", "分", "份", "套", "批", "片")
# 三号 is "the 3rd" (of the month) in broadcast news, but 一号文件, 二号线 and 三号楼 are names.
NOT_DAY_AFTER_HAO = ("文件", "线", "楼", "机", "院", "位", "门", "馆", "码", "令", "台", "车", "站", "厅", "公路")
# Set phrases that begin with a numeral and a classifier-like character but state no quantity.
IDIOMS = ("四处", "四起", "三元锂", "三元材料", "四面", "八方", "三峡", "两岸", "三农", "五湖四海", "七嘴八舌",
          "三心二意", "九死一生", "十全十美", "一五一十", "三三两两", "千千万万", "四海", "三天两头", "一举两得")
