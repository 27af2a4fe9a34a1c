"""Rule table.income_equals_expenditure: on a two-sided table (收入 | 支出), 收入总计 equals 支出总计.
The identity is found by structure/identities.py (`two_sides`)."""
from __future__ import annotations

from decimal import Decimal

from disclosure.checks.common import compare, tested
from disclosure.checks.findings import Finding
from disclosure.checks.ledger import Tally
from disclosure.normalize.rounding import DEFAULT_UNITS
from disclosure.model import Document
from disclosure.structure.identities import two_sides

RULE = "table.income_equals_expenditure"


def findings(doc: Document, units: Decimal = DEFAULT_UNITS, tally: Tally | None = None) -> list[Finding]:
    tally = tally if tally is not None else Tally("")
    out = []
    tally.none("no two-sided table (收入 | 支出) with both totals")
    for t in doc.tables:
        for ident in two_sides(t):
            f = compare(RULE, t, ident.total, ident.parts, units, "收入总计不等于支出总计",
                        "total income is not total expenditure")
            f = tested(tally, doc, [t], f"{t.label} 收入总计 / 支出总计", ident.total[0].page, f)
            if f:
                out.append(f)
    return out
