"""Rule table.hierarchy_sum: in a table of codes, every 类 row equals the sum of its 款 rows and
every 款 row the sum of its 项 rows, in every amount column (functional 201–234 and economic
301–399 alike). The identities are found by structure/identities.py (`hierarchy`).

Children are the rows that follow a parent on the same side of the table, one level down, whose
code starts with the parent's; a blank cell counts as zero when the other side has a number.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from disclosure.checks.common import compare, tested, row_label
from disclosure.checks.findings import Finding
from disclosure.checks.ledger import Tally
from disclosure.normalize.rounding import DEFAULT_UNITS
from disclosure.model import Document, Table
from disclosure.structure.identities import NEXT_LEVEL, hierarchy

RULE = "table.hierarchy_sum"


@dataclass
class Gap:
    table: int  # table index
    side: str
    page: int | None  # page of the parent row
    code: str
    name: str
    column: str
    column_index: int
    printed: Decimal  # the parent's value (0 for a blank cell)
    children_sum: Decimal
    children: list[str]  # child codes

    @property
    def difference(self) -> Decimal:
        return self.printed - self.children_sum


def check(table: Table) -> list[Gap]:
    """Every exact gap between a parent row and its children (no tolerance)."""
    gaps: list[Gap] = []
    for ident in hierarchy(table):
        parent, v = ident.total
        printed, total = ident.sums()
        if printed != total:
            gaps.append(Gap(table.index, parent.side, parent.page, parent.code, parent.name, v.column,
                            v.column_index, printed, total, [k.code for k, _ in ident.parts]))
    return gaps


def findings(doc: Document, units: Decimal = DEFAULT_UNITS, tally: Tally | None = None) -> list[Finding]:
    tally = tally if tally is not None else Tally("")
    out = []
    tally.none("no table with 类/款/项 rows under one another")
    for t in doc.tables:
        for ident in hierarchy(t):
            parent, v = ident.total
            f = compare(RULE, t, ident.total, ident.parts, units,
                        f"{row_label(parent)} 不等于其下级科目之和（{v.column}）",
                        f"{row_label(parent)} is not the sum of its {NEXT_LEVEL[parent.level]} rows ({v.column})")
            f = tested(tally, doc, [t], f"{t.label} {row_label(parent)} / {v.column}", parent.page, f)
            if f:
                out.append(f)
    return out
