"""Rule row.parts_sum: in every row, a 合计/小计/总计 column equals the sum of the columns printed
under the same header beside it (合计 = 基本支出 + 项目支出, 合计 = 人员经费 + 公用经费, 收入合计 = the
income sources, “三公”合计 = 因公出国 + 公务用车小计 + 公务接待, 公务用车小计 = 购置 + 运行, …).
The identities are read off the header paths by structure/identities.py (`part_columns`)."""
from __future__ import annotations

from decimal import Decimal

from disclosure.checks.common import compare, tested, row_label
from disclosure.checks.findings import Finding
from disclosure.checks.ledger import Tally
from disclosure.normalize.rounding import DEFAULT_UNITS
from disclosure.model import Document
from disclosure.structure.identities import part_columns as identities
from disclosure.structure.identities import row_parts

RULE = "row.parts_sum"
__all__ = ["RULE", "findings", "identities"]


def findings(doc: Document, units: Decimal = DEFAULT_UNITS, tally: Tally | None = None) -> list[Finding]:
    tally = tally if tally is not None else Tally("")
    out = []
    tally.none("no row with a 合计/小计 column over the columns under it")
    for t in doc.tables:
        for ident in row_parts(t):
            r, total = ident.total
            names = "+".join(t.columns[v.column_index].split("/")[-1] for _, v in ident.parts)
            f = compare(RULE, t, ident.total, ident.parts, units,
                        f"{row_label(r)}：{total.column} 不等于 {names}",
                        f"{row_label(r)}: {total.column} is not {names}")
            f = tested(tally, doc, [t], f"{t.label} {row_label(r)} / {total.column}", r.page, f)
            if f:
                out.append(f)
    return out
