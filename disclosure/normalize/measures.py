"""Column header paths -> the `measure` and `basis` vocabularies of schemas/measures.json."""
from __future__ import annotations

from functools import lru_cache

from disclosure.normalize.text import PRINTED_YEAR, compact
from disclosure.rx import compile as rx_compile
from disclosure.schemas import load

_GROUPS = {"three_public_total", "vehicle_total"}
_TOTALS = ("合计", "总计", "小计", "金额合计")
_NO_BASIS = {"change", "change_pct"}
OWN_BASIS = {"budget": "budget", "final_accounts": "actual"}  # a document's own figure, by its kind
COUNT = "count"  # the measure of a count (schemas/measures.json): no money, no value in 元


@lru_cache(maxsize=1)
def _counts():
    c = load("measures")["counts"]
    return rx_compile(c["bracket"]), [(w["unit"], rx_compile(w["match"])) for w in c["words"]]


@lru_cache(maxsize=8192)
def count_unit(label: str) -> str | None:
    """The counted unit when a header level or a row's name names a count (schemas/measures.json
    `counts`): the unit in brackets it ends with (`因公出国（境）团组数（个）` -> 个, `公务用车保有量（辆）`
    -> 辆), else the unit of the count word it ends with (`接待人次` -> 人次, `实有人数` -> 人, `数量`
    -> ""); None when it names no count (money: `公务接待费`, `预算数`)."""
    text = compact(label)
    if not text:
        return None
    bracket, words = _counts()
    m = bracket.search(text)
    if m:
        return m.group(1)
    for unit, rx in words:
        if rx.search(text):
            return unit
    return None


@lru_cache(maxsize=8192)
def column_count_unit(column_path: str) -> str | None:
    """count_unit of the first level of a header path, from its leaf upwards, that names a count
    (`因公出国（境）/团组数` -> 个, `公务接待/人次/决算数` -> 人次); None for a column of money."""
    for level in reversed(column_path.split("/")):
        unit = count_unit(level)
        if unit is not None:
            return unit
    return None


# a leaf that is the wrapped tail of the heading above it: a fee word's last one or two characters,
# brackets aside (待费, （境）费, 费)
_TAIL = rx_compile(r"[(（]?[\u4e00-\u9fff]?[)）]?[\u4e00-\u9fff]?费")


@lru_cache(maxsize=1)
def _data():
    d = load("measures")
    rules = [(r["measure"], rx_compile(r["match"]), r.get("kind")) for r in d["rules"] if r["match"] != "."]
    bases = [(r["basis"], rx_compile(r["match"])) for r in d["basis_rules"]]
    return rules, rx_compile(d["generic"]), bases


def _match(label: str, kind: str) -> str | None:
    rules, _, _ = _data()
    for m, rx, only in rules:
        if only and only != kind:
            continue
        if rx.search(label):
            return m
    return None


def wrapped_tail(upper: str, leaf: str) -> bool:
    """`leaf` is the wrapped tail of the heading `upper` (公务接 / 待费, 因公出国 / （境）费): a fee
    word's last characters naming no measure, which joined to `upper` name one (measures 2.1.2);
    or naming one, the measure `upper` joined to it names, where `upper` alone names none
    (公务用车 / 购置费, a box per printed line: U020-00130 p.8)."""
    leaf, upper = compact(leaf), compact(upper)
    if not _TAIL.fullmatch(leaf):
        return False
    for k in ("budget", "final"):
        whole, own = _match(upper + leaf, k), _match(leaf, k)
        if whole is not None and (own is None or own == whole and _match(upper, k) is None):
            return True
    return False


@lru_cache(maxsize=8192)
def measure(column_path: str, kind: str = "budget", table_type: str = "") -> str:
    """What a column holds, from its header path (`支出预算/合计`, `“三公”经费/公务用车/小计`,
    `因公出国（境）费/预算数`): the leaf's measure; for a generic leaf (合计, 金额, 预算数) the nearest
    level above that names one, a 三公 or 公务用车 group making its 合计 the group's total; else
    `total` or `amount`. In a “三公” table a plain total is the 三公 total. A level naming a count
    (团组数, 人次, 保有量（辆）: column_count_unit) makes the column `count`, whatever else it names."""
    if column_count_unit(column_path) is not None:
        return "count"
    _, generic, _ = _data()
    levels = [compact(x) for x in column_path.split("/") if compact(x)]
    if not levels:
        return "amount"
    leaf = levels[-1]
    if not generic.match(leaf):
        found = _match(leaf, kind)
        if found is None and len(levels) > 1 and _TAIL.fullmatch(leaf):
            # a heading wrapped into two levels (公务接 / 待费, 因公出国 / （境）费: a box per printed
            # line): a short leaf naming nothing is the tail of the level above
            found = _match(levels[-2] + leaf, kind)
        return found or "amount"
    is_total = leaf in _TOTALS
    for parent in reversed(levels[:-1]):
        if generic.match(parent):
            continue
        m = _match(parent, kind)
        if m is None:
            continue
        if m in _GROUPS or not is_total:
            return m
        break  # 合计 under a source or item group (收入/合计): the row's total of that group
    if is_total:
        return "three_public_total" if table_type == "three_public_expenses" else "total"
    return "amount"


@lru_cache(maxsize=8192)
def basis(column_path: str, kind: str = "budget", measure_: str = "", year: int | None = None) -> str:
    """Which figure a column holds: prior_year, actual or budget as a level of its header says
    (上年预算数, 决算数, 年初预算数; a level naming a year before the document's `year`, 2022年预算数
    in a 2023 budget, is prior_year), else the document's own (budget for a budget, actual for a
    final account); none for a change against last year."""
    if measure_ in _NO_BASIS:
        return ""
    _, _, bases = _data()
    levels = [compact(x) for x in column_path.split("/") if compact(x)]
    if year and any(int(y) < year for level in levels for y in PRINTED_YEAR.findall(level)):
        return "prior_year"
    for name, rx in bases:
        if any(rx.search(level) for level in levels):
            return name
    return OWN_BASIS.get(kind, "")
