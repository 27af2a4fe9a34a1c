"""Rule table.income_equals_expenditure: on a two-sided table (收入 | 支出), 收入总计 equals 支出总计."""
from __future__ import annotations

import re
from decimal import Decimal

from disclosure.checks.common import compare
from disclosure.checks.findings import Finding
from disclosure.model import Document, Row, Table
from disclosure.normalize.text import compact

RULE = "table.income_equals_expenditure"


def _total(t: Table, side_word: str) -> Row | None:
    for pattern in (rf"^{side_word}总计$", rf"^{side_word}合计$"):
        found = [r for r in t.rows if re.match(pattern, compact(r.name))
                 and any(v.amount.status == "number" for v in r.values)]
        if len(found) == 1:
            return found[0]
    return None


def findings(doc: Document, units: Decimal) -> list[Finding]:
    out = []
    for t in doc.tables:
        if "income" not in t.sides or not any(s.startswith("expenditure") for s in t.sides):
            continue
        income, spending = _total(t, "收入"), _total(t, "支出")
        if income is None or spending is None:
            continue
        iv = next(v for v in income.values if v.amount.status == "number")
        sv = next(v for v in spending.values if v.amount.status == "number")
        f = compare(RULE, t, (income, iv), [(spending, sv)], units, "收入总计不等于支出总计",
                    "total income is not total expenditure")
        if f:
            out.append(f)
    return out
