"""Rule table.hierarchy_sum: in a table of codes, every 类 row equals the sum of its 款 rows and
every 款 row the sum of its 项 rows, in every amount column (functional 201–234 and economic
301–399 alike).

Children are the rows that follow a parent on the same side of the table, one level down, whose
code starts with the parent's; a blank cell counts as zero when the other side has a number.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from disclosure.checks.common import compare, row_label
from disclosure.checks.findings import Finding
from disclosure.model import Document, Row, Table

RULE = "table.hierarchy_sum"
_NEXT = {"类": "款", "款": "项"}


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


def _amounts(row: Row) -> dict[int, tuple[str, Decimal | None]]:
    return {v.column_index: (v.column, v.amount.value) for v in row.values
            if v.amount.status in ("number", "blank", "dash")}


def _children(rows: list[Row], i: int) -> list[Row]:
    parent = rows[i]
    want = _NEXT.get(parent.level)
    out = []
    for r in rows[i + 1:]:
        if r.side != parent.side:
            continue
        if not r.code or not r.code.startswith(parent.code) or r.classification != parent.classification:
            break
        if r.level == want:
            out.append(r)
    return out


def _families(table: Table):
    rows = [r for r in table.rows if r.role == "item"]
    for i, parent in enumerate(rows):
        if parent.level in _NEXT and parent.code:
            kids = _children(rows, i)
            if kids:
                yield parent, kids


def check(table: Table) -> list[Gap]:
    """Every exact gap between a parent row and its children (no tolerance)."""
    gaps: list[Gap] = []
    for parent, kids in _families(table):
        mine = _amounts(parent)
        theirs = [_amounts(k) for k in kids]
        for col, (label, value) in mine.items():
            vals = [t[col][1] for t in theirs if col in t]
            if value is None and not any(v is not None for v in vals):
                continue
            total = sum((v for v in vals if v is not None), Decimal(0))
            printed = value if value is not None else Decimal(0)
            if printed != total:
                gaps.append(Gap(table.index, parent.side, parent.page, parent.code, parent.name, label,
                                col, printed, total, [k.code for k in kids]))
    return gaps


def findings(doc: Document, units: Decimal) -> list[Finding]:
    out = []
    for t in doc.tables:
        for parent, kids in _families(t):
            for v in parent.values:
                if v.amount.status not in ("number", "blank", "dash"):
                    continue
                parts = [(k, kv) for k in kids for kv in k.values if kv.column_index == v.column_index
                         and kv.amount.status == "number"]
                if v.amount.status != "number" and not parts:
                    continue
                f = compare(RULE, t, (parent, v), parts, units,
                            f"{row_label(parent)} 不等于其下级科目之和（{v.column}）",
                            f"{row_label(parent)} is not the sum of its {_NEXT[parent.level]} rows ({v.column})")
                if f:
                    out.append(f)
    return out
