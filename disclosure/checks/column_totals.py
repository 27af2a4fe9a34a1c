"""Rule table.column_total: the 合计/总计 row equals the sum of the rows one level under it (the
类 rows of a table of codes; the items of a table without codes), in every amount column. The
identities are found by structure/identities.py (`column_totals`)."""
from __future__ import annotations

from decimal import Decimal

from disclosure.checks.common import compare, row_label, tested
from disclosure.checks.findings import Finding
from disclosure.checks.ledger import Tally
from disclosure.normalize.rounding import DEFAULT_UNITS
from disclosure.model import Document
from disclosure.structure.identities import column_totals

RULE = "table.column_total"


def findings(doc: Document, units: Decimal = DEFAULT_UNITS, tally: Tally | None = None) -> list[Finding]:
    tally = tally if tally is not None else Tally("")
    out = []
    tally.none("no table with a total row over rows it closes")
    for t in doc.tables:
        for ident in column_totals(t):
            r, v = ident.total
            f = compare(RULE, t, ident.total, ident.parts, units, f"合计行不等于各项之和（{v.column}）",
                        f"the total row is not the sum of the rows under it ({v.column})")
            f = tested(tally, doc, [t], f"{t.label} {row_label(r)} / {v.column}", r.page, f)
            if f:
                out.append(f)
    return out
