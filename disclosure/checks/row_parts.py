"""Rule row.parts_sum: in every row, a 合计/小计/总计 column equals the sum of the columns printed
under the same header beside it (合计 = 基本支出 + 项目支出, 合计 = 人员经费 + 公用经费, 收入合计 = the
income sources, “三公”合计 = 因公出国 + 公务用车小计 + 公务接待, 公务用车小计 = 购置 + 运行, …).

The identity is read off the header paths: for a total column `P/合计/S`, the parts are the columns
`P/X/S` beside it; a part that is itself a group (`P/公务用车/…`) counts through its own 小计 when
one is printed, else through its columns. Columns of last year, changes and percentages are no
parts: a header that mixes them gives no identity; nor does one whose parts name no known measure
(a header read wrongly must not raise an alarm).
"""
from __future__ import annotations

import re
from decimal import Decimal

from disclosure.checks.common import compare, row_label
from disclosure.checks.findings import Finding
from disclosure.model import Document, Table
from disclosure.normalize.text import compact

RULE = "row.parts_sum"
TOTAL = re.compile(r"^(本年)?(收入|支出)?(合计|总计|小计)$")
NOT_PARTS = {"prior_year", "change", "change_pct"}


def _paths(t: Table) -> dict[int, list[str]]:
    amount_cols = {v.column_index for r in t.rows for v in r.values}
    return {i: [compact(s) for s in t.columns[i].split("/") if compact(s)] for i in sorted(amount_cols)
            if i < len(t.columns)}


def identities(t: Table) -> list[tuple[int, list[int]]]:
    """(total column, part columns) of a table, from its header paths."""
    paths = _paths(t)
    measures = {v.column_index: v.measure for r in t.rows for v in r.values}
    out = []
    for i, segs in paths.items():
        k = next((n for n, s in enumerate(segs) if TOTAL.match(s)), None)
        if k is None:
            continue
        prefix, suffix = segs[:k], segs[k + 1:]
        groups: dict[str, list[int]] = {}
        for j, other in paths.items():
            if j == i or len(other) <= k or other[:k] != prefix or TOTAL.match(other[k]):
                continue
            if suffix and other[-len(suffix):] != suffix:
                continue
            groups.setdefault(other[k], []).append(j)
        if not groups:
            continue
        parts = []
        for cols in groups.values():
            if len(cols) == 1:
                parts.extend(cols)
                continue
            sub = [j for j in cols if len(paths[j]) > k + 1 and TOTAL.match(paths[j][k + 1])]
            parts.extend(sub[:1] if sub else cols)
        if any(measures.get(j) in NOT_PARTS for j in parts + [i]):
            continue
        if any(measures.get(j) == "amount" for j in parts):
            continue  # a part whose header names no known measure: the header may be misread
        out.append((i, parts))
    return out


def findings(doc: Document, units: Decimal) -> list[Finding]:
    out = []
    for t in doc.tables:
        ids = identities(t)
        if not ids:
            continue
        for r in t.rows:
            by_col = {v.column_index: v for v in r.values}
            for total_col, part_cols in ids:
                total = by_col.get(total_col)
                parts = [(r, by_col[j]) for j in part_cols if j in by_col]
                if total is None or any(v.amount.status in ("percent", "text") for _, v in parts):
                    continue
                if total.amount.status != "number" and not any(v.amount.status == "number" for _, v in parts):
                    continue
                names = "+".join(t.columns[j].split("/")[-1] for j in part_cols)
                f = compare(RULE, t, (r, total), parts, units,
                            f"{row_label(r)}：{t.columns[total_col]} 不等于 {names}",
                            f"{row_label(r)}: {t.columns[total_col]} is not {names}")
                if f:
                    out.append(f)
    return out
