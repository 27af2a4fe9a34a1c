"""Table titles as printed -> the table type vocabulary of schemas/table_types.json."""
from __future__ import annotations

import re
from functools import lru_cache

from disclosure.normalize.text import compact
from disclosure.schemas import load

_PREFIX = re.compile(r"^(?:(?:公开)?表[一二三四五六七八九十\d]+[:：、.．]?|[\d一二三四五六七八九十]+[.．、]|"
                     r"(?:19|20)\d{2}年度?|部门|单位|预算单位|[(（]\d{4}[)）])+")


def bare_title(title: str) -> str:
    """Title without numbering, year prefix and 部门/单位 prefix, compacted."""
    t = compact(title)
    prev = None
    while prev != t:
        prev, t = t, _PREFIX.sub("", t)
    return t


@lru_cache(maxsize=1)
def _rules():
    data = load("table_types")
    return [(r["type"], re.compile(r["match"]), re.compile(r["not"]) if r.get("not") else None)
            for r in data["rules"]]


def table_type(title: str) -> str:
    t = bare_title(title)
    for typ, match, neg in _rules():
        if match.search(t) and not (neg and neg.search(t)):
            return typ
    return "other"
