"""Rule table.column_total: the 合计/总计 row equals the sum of the rows one level under it (the
类 rows of a table of codes; the items of a table without codes), in every amount column. The
identities are found by structure/identities.py (`column_totals`)."""
from __future__ import annotations

from decimal import Decimal

from disclosure.checks.common import compare
from disclosure.checks.findings import Finding
from disclosure.model import Document
from disclosure.structure.identities import column_totals

RULE = "table.column_total"


def findings(doc: Document, units: Decimal) -> list[Finding]:
    out = []
    for t in doc.tables:
        for ident in column_totals(t):
            v = ident.total[1]
            f = compare(RULE, t, ident.total, ident.parts, units, f"合计行不等于各项之和（{v.column}）",
                        f"the total row is not the sum of the rows under it ({v.column})")
            if f:
                out.append(f)
    return out
