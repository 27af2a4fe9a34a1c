"""One key per department across the names it prints: 中共江苏省委办公厅, 中国共产党江苏省委员会办公厅 and
江苏省委办公厅 are one office (the dataset's documents.department_key, for GROUP BY)."""
from __future__ import annotations

import re
import unicodedata

# (pattern, replacement), applied in order to the name without spaces
_RULES = [
    (re.compile(r"^中国共产党"), "中共"),
    (re.compile(r"^中共"), ""),  # the party prefix: 中共江苏省委办公厅 = 江苏省委办公厅
    (re.compile(r"(?<=[省市区县州旗])委员会(?=.)"), "委"),  # 江苏省委员会办公厅 -> 江苏省委办公厅
    (re.compile(r"人民代表大会常务委员会"), "人大常委会"),
    (re.compile(r"人民政府"), "政府"),  # 上海市普陀区人民政府办公室 = 上海市普陀区政府办公室
]


def department_key(name: str) -> str:
    """The key of a printed department name: NFKC, no spaces, the party prefix (中共, 中国共产党)
    dropped, 省委员会 -> 省委 (市, 区, 县, 州, 旗 alike) where more follows, 人民代表大会常务委员会 -> 人大常委会,
    人民政府 -> 政府. "" for "". Different offices keep different keys (共青团…委员会 keeps 共青团)."""
    key = re.sub(r"\s+", "", unicodedata.normalize("NFKC", name or ""))
    for pattern, repl in _RULES:
        key = pattern.sub(repl, key)
    return key
