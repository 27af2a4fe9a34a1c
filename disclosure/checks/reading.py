"""Rule reading.unverified: a table whose own arithmetic mostly fails as read; rule
reading.text_set_aside: a PDF page whose text layer holds characters the reader set aside unread.

The structure stage tests every identity a table's layout promises (structure/identities.py).
When at least three were tested and fewer than half hold, the likelier explanation is that the
table was read wrongly (columns shifted, rows joined, a header taken for a row), not that the
document is wrong in most of its sums: the finding says the reading, not the document, is in
doubt, so that an auditor looks at the page before trusting either the table or the arithmetic
findings on it.

The PDF reader reads upright text and text turned a quarter (extract/turned.py); characters turned
off the page's axes (a diagonal watermark, mostly) or neither upright nor turned (mirrored) are set
aside, each page saying so in a problem (issue #12: they were dropped without a word). The
second rule makes each such page a warning with the problem as evidence: what the page printed may
be more than what was read, and a table on it may miss a heading or an amount.
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
SET_ASIDE_RULE = "reading.text_set_aside"


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
            tally.test(t.label, page, None)
            continue
        box = t.box.to_dict() if t.box is not None else None
        out.append(tally.test(t.label, page, Finding(
            RULE, "warning",
            f"{t.label}（{t.title or t.type}）的读取存疑：{v.identities} 个算术关系中 {v.failed} 个不成立，"
            f"可能是表格读错而非文件本身有误（例：{'；'.join(v.failures[:2])}）",
            f"the reading of table {t.index} ({t.title or t.type}) is in doubt: {v.failed} of its "
            f"{v.identities} identities fail as read, more likely a misread table than a document wrong in "
            f"most of its sums (e.g. {'; '.join(v.failures[:2])})",
            table=t.index, evidence=[Evidence(page, box, f"{t.label} {t.title}")])))
    return out


def set_aside(doc: Document, units: Decimal = DEFAULT_UNITS, tally: Tally | None = None) -> list[Finding]:
    """Rule reading.text_set_aside: a warning for each page of a PDF whose text layer holds
    characters set aside unread (turned off the page's axes, mirrored), from the document's
    problems; every other page read from its text layer passes."""
    from disclosure.extract.turned import SET_ASIDE

    tally = tally if tally is not None else Tally("")
    if doc.source_format != "pdf":
        tally.none("not a PDF (no text layer whose characters can be turned)")
        return []
    said: dict[int, list[str]] = {}
    for p in doc.problems:
        reason = p.get("reason", "")
        if p.get("page") is not None and any(words in reason for words in SET_ASIDE):
            said.setdefault(p["page"], []).append(reason)
    tally.none("no page read from a text layer")
    out = []
    for page in doc.pages:
        reasons = said.get(page.number)
        if not reasons:
            if page.method == "text_layer":
                tally.test(f"p.{page.number}", page.number, None)
            continue
        why = "; ".join(reasons)
        out.append(tally.test(f"p.{page.number}", page.number, Finding(
            SET_ASIDE_RULE, "warning",
            f"第{page.number}页有文字未读取（非水平、非旋转90°的字符：{why}），该页内容或表格可能不完整，请对照原页核查",
            f"page {page.number}: text not read ({why}): what the page prints may be more than was read, "
            f"a table on it may miss a heading or an amount; look at the page",
            evidence=[Evidence(page.number, None, why)])))
    return out
