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


def table_type(title: str, ocr: bool = False) -> str:
    """The type of a table by its title. `ocr`: the title was read by OCR, so a title no rule
    matches may be a known one with a character misread (see known_titles in table_types.json)."""
    t = bare_title(title)
    for typ, match, neg in _rules():
        if match.search(t) and not (neg and neg.search(t)):
            return typ
    return _nearest_known(t) if ocr else "other"


@lru_cache(maxsize=1)
def _known() -> list[tuple[str, str]]:
    data = load("table_types").get("known_titles", {})
    return [(typ, t) for typ, titles in data.items() if not typ.startswith("$") for t in titles]


def _distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, stopping early above `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def _nearest_known(t: str) -> str:
    if len(t) < 5:
        return "other"
    limit = 2 if len(t) >= 16 else 1
    hits = {typ for typ, known in _known() if _distance(t, known, limit) <= limit}
    return hits.pop() if len(hits) == 1 else "other"
