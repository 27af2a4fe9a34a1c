"""Rule table.one_misprint: one printed figure explains several sums of a table that fail.

A misprinted figure breaks every sum it stands in: printed 0 for 32.65 under 3.公务用车费, it makes
合计 = 1.+2.+3. fail (34.35 against 1.70) and 3. = 其中(1)+(2) fail (0 against 32.65), and the
arithmetic rules report both, the first against the 合计 (guilin-2015's 三公 statement, session 26's
trial). The auditor wants the one figure: checks/misprints.py finds it (a cell in every failing sum
of a group linked by shared cells, one corrected value making each hold, in no sum that holds, the
only such cell). A warning per such group names the cell, its printed value and the value under
which the group's sums close, in the table's 单位.
"""
from __future__ import annotations

from decimal import Decimal

from disclosure.checks.common import evidence, row_label
from disclosure.checks.findings import Finding
from disclosure.checks.ledger import Tally
from disclosure.checks.misprints import explaining
from disclosure.model import CellRef, Document, Row, Table, Value
from disclosure.normalize.rounding import DEFAULT_UNITS

RULE = "table.one_misprint"


def _cell(t: Table, ref: CellRef) -> tuple[Row, Value] | None:
    """The row and value a CellRef names (structure/identities._ref: the row's side and index)."""
    side, index, col = ref
    row = next((r for r in t.rows if r.side == side and r.index == index), None)
    v = next((v for v in row.values if v.column_index == col), None) if row is not None else None
    return (row, v) if v is not None else None


def findings(doc: Document, units: Decimal = DEFAULT_UNITS, tally: Tally | None = None) -> list[Finding]:
    """A warning per group of failing sums (two or more, linked by the cells they share) that one
    printed figure explains (checks/misprints.explaining)."""
    tally = tally if tally is not None else Tally("")
    tally.none("no table with two or more sums that fail together")
    out = []
    for t in doc.tables:
        for group, ref, change in explaining(t):
            cell = _cell(t, ref)
            if cell is None:
                continue
            r, v = cell
            printed = v.amount.value if v.amount.value is not None else Decimal(0)
            right = printed + change
            where = f"{t.label} {row_label(r)} / {v.column}"
            labels = "; ".join(i.label for i in group)
            out.append(tally.test(where, r.page, Finding(
                RULE, "warning",
                f"{where} 印作 {v.amount.printed or '空白'}：若为 {right}，则 {len(group)} 处不平皆平（{labels}），"
                f"疑为此数印误",
                f"{where} is printed {v.amount.printed or 'blank'}: {right} would make all {len(group)} failing "
                f"sums it stands in hold ({labels}); this one figure is the likely misprint",
                left=printed, right=right, table=t.index, evidence=[evidence(t, r, v)], unit=t.unit or None)))
    return out
