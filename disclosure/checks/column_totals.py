"""Rule table.column_total: in a table of codes, the 合计/总计 row equals the sum of the 类 rows on
its side, in every amount column."""
from __future__ import annotations

import re
from decimal import Decimal

from disclosure.checks.common import compare
from disclosure.checks.findings import Finding
from disclosure.model import Document
from disclosure.normalize.text import compact

RULE = "table.column_total"
_PLAIN_TOTAL = re.compile(r"^(合计|总计)$")


def findings(doc: Document, units: Decimal) -> list[Finding]:
    out = []
    for t in doc.tables:
        for side in dict.fromkeys(r.side for r in t.rows):
            rows = [r for r in t.rows if r.side == side]
            tops = [r for r in rows if r.role == "item" and r.level == "类" and r.code]
            totals = [r for r in rows if r.role == "total" and _PLAIN_TOTAL.match(compact(r.name))]
            if not tops or len(totals) != 1:
                continue
            total = totals[0]
            for v in total.values:
                if v.amount.status not in ("number", "blank", "dash"):
                    continue
                parts = [(r, rv) for r in tops for rv in r.values
                         if rv.column_index == v.column_index and rv.amount.status == "number"]
                if v.amount.status != "number" and not parts:
                    continue
                f = compare(RULE, t, (total, v), parts, units, f"合计行不等于各类之和（{v.column}）",
                            f"the total row is not the sum of the 类 rows ({v.column})")
                if f:
                    out.append(f)
    return out
