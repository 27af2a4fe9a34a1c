"""Rule table.income_equals_expenditure: on a two-sided table (收入 | 支出), 收入总计 equals 支出总计.
The identity is found by structure/identities.py (`two_sides`)."""
from __future__ import annotations

from decimal import Decimal

from disclosure.checks.common import compare
from disclosure.checks.findings import Finding
from disclosure.model import Document
from disclosure.structure.identities import two_sides

RULE = "table.income_equals_expenditure"


def findings(doc: Document, units: Decimal) -> list[Finding]:
    out = []
    for t in doc.tables:
        for ident in two_sides(t):
            f = compare(RULE, t, ident.total, ident.parts, units, "收入总计不等于支出总计",
                        "total income is not total expenditure")
            if f:
                out.append(f)
    return out
