"""One key for the many ways a department's name is printed (the dataset's documents.department_key,
for GROUP BY and for pairing the two volumes of one disclosure, batch/volumes.py).

The same office is printed in full, in the party's short form and without its prefix across the
volumes and years of its disclosures (Jiangsu, ../shared/corpus: 中国共产党江苏省委员会办公厅 on the
2017 tables volume, 中共江苏省委办公厅 on the 2018–2019 tables volumes, 江苏省委办公厅 on every
explanations volume), a people's congress as 人民代表大会常务委员会 or 人大常委会, a government as
人民政府 or 政府. The key is for joining, never for display: the printed name stays in
`documents.department`. The rewrites are the standard short forms of the organs' names; they do not
guess a province that is not printed, and different offices keep different keys (共青团…委员会 keeps
共青团, 政协江苏省委员会 its 委员会). A name printed in traditional characters has its simplified
name's key (normalize/traditional.py: 湛江市委宣傳部 = 湛江市委宣传部).
"""
from __future__ import annotations

import unicodedata

from disclosure.normalize.traditional import fold
from disclosure.rx import compile as rx_compile

# (pattern, replacement), applied in order to the name without spaces
_RULES = [
    (rx_compile(r"[（(][^（()）]*[）)]$"), ""),  # a trailing qualifier: （本级）, (汇总)
    (rx_compile(r"^中国共产党"), "中共"),
    (rx_compile(r"中国人民政治协商会议|政治协商会议"), "政协"),
    (rx_compile(r"^中共"), ""),  # the party prefix: 中共江苏省委办公厅 = 江苏省委办公厅
    (rx_compile(r"^(?!政协)(.{0,12}?[省市区县州旗])委员会(?=.)"), r"\1委"),  # 江苏省委员会办公厅 -> 江苏省委办公厅
    (rx_compile(r"人民代表大会常务委员会"), "人大常委会"),
    (rx_compile(r"人民政府"), "政府"),  # 上海市普陀区人民政府办公室 = 上海市普陀区政府办公室
]
_SPACE = rx_compile(r"[\s\u3000·•]+")

# An organisation's name as a title or a 部门 line prints it: Chinese characters (a template's XX,
# a bracketed qualifier such as （本级）), up to the first other character (a quote, a colon, a
# digit, a list number's 、, a web page's `>`)
_NAME = rx_compile(r"^(?:[\u3400-\u9fffA-Za-z\s·]|[（(][\u3400-\u9fff]+[）)])+")
# words printed after the name and before the standard title, no part of the name:
# 桂林市司法局部门“三公”经费, 达州市环城公路养护中心财政拨款“三公”经费
_AFTER = rx_compile(r"(?:部门|单位|财政拨款|一般公共预算|本部门)$")
# the last word of an organisation's name (局, 委员会, 办公室, 中心, 幼儿园, 人民政府, 办事处, 街道, …),
# a government's (湖南省, 上海市普陀区) or a government's own level (平潭综合实验区本级, 湖南省级);
# a name is at least three characters (审计局), a level's place at least two (区本级 is no name)
_ORG_END = rx_compile(r"(?:[局委办院站馆所会部厅队校室处园社司署团组府行台场厂段库宫联协盟科庭狱关镇乡]|"
                      r"中心|街道|[省市区县州旗](?:本?级)?)$")
_LEVEL = rx_compile(r"^(.*)[省市区县州旗]本?级$")
_OPENING = rx_compile(r"^(?:第[一二三四五六七八九十\d]+部分|目录)")


def department_key(name: str) -> str:
    """The joining key of a printed department name: NFKC, no spaces, a trailing bracketed
    qualifier dropped, the party prefix (中共, 中国共产党) dropped, X省委员会 -> X省委 (市, 区, 县,
    州, 旗 alike) where more follows, 人民代表大会常务委员会 -> 人大常委会, 中国人民政治协商会议 -> 政协,
    人民政府 -> 政府, traditional characters simplified. '' for ''."""
    key = _SPACE.sub("", fold(unicodedata.normalize("NFKC", name or "")))
    for pattern, repl in _RULES:
        key = pattern.sub(repl, key)
    return key


def organisation_name(text: str) -> str:
    """The organisation's name `text` starts with, as printed (`湛江市委宣传部“三公”经费…` ->
    湛江市委宣传部, `桂林市司法局部门` -> 桂林市司法局, `达州市环城公路养护中心财政拨款` ->
    达州市环城公路养护中心), or '' when it starts with none: a web page's breadcrumb or 来源: line,
    a table's header cell (项目), a contents entry (第一部分…概况), an account's name (收入), a list
    number (一、), a page number. A name ends in an organisation's last word (局, 委, 办, 院, 中心,
    站, 馆, 所, 会, 部, 厅, 队, 校, 室, 处, 园, …), a place's (省, 市, 区, 县, 州, 旗, 镇, 乡, 街道)
    or a place's level (…区本级, …省级), and is at least three characters long."""
    m = _NAME.match((text or "").strip())
    if not m:
        return ""
    name = m.group(0).strip()
    while True:
        cut = _AFTER.sub("", name).strip()
        if cut == name:
            break
        name = cut
    key = _RULES[0][0].sub("", _SPACE.sub("", name))  # a trailing qualifier aside: …办公厅（本级）
    if len(key) < 3 or _OPENING.match(key) or not _ORG_END.search(key):
        return ""
    level = _LEVEL.match(key)
    if level and len(level.group(1)) < 1:
        return ""
    return name
