"""Rule narrative.item_two_amounts: one item stated with two different amounts in the same
explanation (the paragraphs under one heading): `“…住房公积金（项）”350.35万元 … 2024年预算安排352.67万元`.

An item is a chart code (a fact linked by code) or a subject the standard tables print (基本支出,
公务接待费, 收入预算 …); the two amounts must be the same figure: the same basis (this year's
budget, or a final account's 决算), neither a change nor last year's. A gap within the printed
precision of either is not a difference. (The explanation against its table is
narrative.amount_vs_table.)

Shapes: reads prose/facts.py; Decimal 元. One test per item and section; a warning per item with
two amounts, evidence both sentences. Source: issue #13; GovBudgetChecker
V33-NARRATIVE-INDICATOR-REPEAT.
"""
from __future__ import annotations

from decimal import Decimal

from disclosure.checks.findings import Evidence, Finding
from disclosure.checks.ledger import Tally
from disclosure.model import Document
from disclosure.normalize.rounding import DEFAULT_UNITS, last_unit
from disclosure.normalize.units import AMOUNT_IN_TEXT, FACTORS
from disclosure.prose.subjects import ALIASES, KEYWORDS

RULE = "narrative.item_two_amounts"


def _key(f) -> str:
    if f.link == "code" and f.code:
        return f.code
    if f.subject in KEYWORDS or f.subject in ALIASES:
        return f.subject
    return ""


def _step(f) -> Decimal:
    m = AMOUNT_IN_TEXT.match(f.printed)
    return last_unit(m.group(1)) * FACTORS[f.unit] if m else Decimal(0)


def findings(doc: Document, units: Decimal = DEFAULT_UNITS, tally: Tally | None = None) -> list[Finding]:
    tally = tally if tally is not None else Tally("")
    tally.none("no item stated twice in one explanation")
    paths = {p.index: tuple(p.section_path) for p in doc.paragraphs}
    groups: dict[tuple, list] = {}
    for f in doc.facts:
        if f.is_change or f.basis == "prior_year" or not _key(f):
            continue
        if doc.kind != "final_accounts" and f.basis == "actual":
            continue
        groups.setdefault((paths.get(f.paragraph, ()), _key(f), f.basis or "budget"), []).append(f)
    out = []
    for (path, key, basis), fs in groups.items():
        if len(fs) < 2:
            continue
        what = f"{key} ({fs[0].subject}) §{path[-1] if path else ''}"
        first = fs[0]
        other = next((f for f in fs[1:] if abs(f.value_yuan - first.value_yuan) > max(_step(f), _step(first))), None)
        if other is None:
            tally.test(what, first.page, None)
            continue
        out.append(tally.test(what, first.page, Finding(
            RULE, "warning",
            f"同一说明中“{first.subject}”先为{first.printed}，又为{other.printed}",
            f"{first.subject} is stated as {first.printed} and as {other.printed} in one explanation",
            first.value_yuan, other.value_yuan, max(_step(other), _step(first)), False, None,
            [Evidence(first.page, None, first.sentence, first.printed),
             Evidence(other.page, None, other.sentence, other.printed)], unit="元")))
    return out
