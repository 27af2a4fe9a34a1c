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


def department_key(name: str) -> str:
    """The joining key of a printed department name: NFKC, no spaces, a trailing bracketed
    qualifier dropped, the party prefix (中共, 中国共产党) dropped, X省委员会 -> X省委 (市, 区, 县,
    州, 旗 alike) where more follows, 人民代表大会常务委员会 -> 人大常委会, 中国人民政治协商会议 -> 政协,
    人民政府 -> 政府, traditional characters simplified. '' for ''."""
    key = _SPACE.sub("", fold(unicodedata.normalize("NFKC", name or "")))
    for pattern, repl in _RULES:
        key = pattern.sub(repl, key)
    return key
