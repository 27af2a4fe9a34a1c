"""Rule reading.unverified: a table whose own arithmetic mostly fails as read.

The structure stage tests every identity a table's layout promises (structure/identities.py).
When at least three were tested and fewer than half hold, the likelier explanation is that the
table was read wrongly (columns shifted, rows joined, a header taken for a row), not that the
document is wrong in most of its sums: the finding says the reading, not the document, is in
doubt, so that an auditor looks at the page before trusting either the table or the arithmetic
findings on it.
"""
from __future__ import annotations

from decimal import Decimal

from disclosure.checks.findings import Evidence, Finding
from disclosure.checks.ledger import Tally
from disclosure.normalize.rounding import DEFAULT_UNITS
from disclosure import settings
from disclosure.checks.unread import unverified
from disclosure.model import Document

RULE = "reading.unverified"


def findings(doc: Document, units: Decimal = DEFAULT_UNITS, tally: Tally | None = None) -> list[Finding]:
    tally = tally if tally is not None else Tally("")
    out = []
    min_tested = settings.current().min_tested
    tally.none(f"no table with at least {min_tested} identities to test")
    for t in doc.tables:
        v = t.verification
        page = t.pages[0] if t.pages else None
        if v.identities < min_tested:
            continue
        if not unverified(t):
            tally.test(f"{t.label}", page, None)
            continue
        box = t.box.to_dict() if t.box is not None else None
        out.append(tally.test(f"{t.label}", page, Finding(
            RULE, "warning",
            f"{t.label}（{t.title or t.type}）的读取存疑：{v.identities} 个算术关系中 {v.failed} 个不成立，"
            f"可能是表格读错而非文件本身有误（例：{'；'.join(v.failures[:2])}）",
            f"the reading of table {t.index} ({t.title or t.type}) is in doubt: {v.failed} of its "
            f"{v.identities} identities fail as read, more likely a misread table than a document wrong in "
            f"most of its sums (e.g. {'; '.join(v.failures[:2])})",
            table=t.index, evidence=[Evidence(page, box, f"{t.label} {t.title}")])))
    return out
