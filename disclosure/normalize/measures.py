"""Column header paths -> the measure vocabulary of schemas/measures.json."""
from __future__ import annotations

import re
from functools import lru_cache

from disclosure.normalize.text import compact
from disclosure.schemas import load

_GROUPS = {"three_public_total", "vehicle_total"}


@lru_cache(maxsize=1)
def _data():
    d = load("measures")
    rules = [(r["measure"], re.compile(r["match"]), r.get("kind")) for r in d["rules"]]
    return rules, re.compile(d["generic"]), set(d["measures"])


def _match(label: str, kind: str) -> str:
    rules, _, _ = _data()
    for measure, rx, only in rules:
        if only and only != kind:
            continue
        if rx.search(label):
            return measure
    return "amount"


def measure(column_path: str, kind: str = "budget") -> str:
    """The measure of a column from its header path (`支出预算/合计`, `三公经费/公务用车/小计`)."""
    _, generic, _ = _data()
    levels = [compact(x) for x in column_path.split("/") if compact(x)]
    if not levels:
        return "amount"
    leaf = levels[-1]
    if generic.match(leaf):
        for parent in reversed(levels[:-1]):
            m = _match(parent, kind)
            if m in _GROUPS:
                return m
        if leaf in ("合计", "总计", "小计", "金额合计"):
            return "total"
        if kind == "final_accounts" and "决算" in leaf:
            return "actual"
        if kind == "final_accounts" and "预算" in leaf:
            return "budget"
        return "amount"
    return _match(leaf, kind)
