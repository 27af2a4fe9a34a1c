"""Checks on a structured document, each rule a small module named for what it checks: arithmetic
inside tables (hierarchy_sums.py, column_totals.py, row_parts.py, two_sided.py), across tables
(cross_tables.py), the prose against the tables and itself (narrative.py), completeness and form
(form.py), OCR cells those point at (ocr_doubt.py), and tables whose reading their own arithmetic
puts in doubt (reading.py). The README lists every rule id."""
from __future__ import annotations

from decimal import Decimal

from disclosure.checks import (column_totals, cross_tables, form, hierarchy_sums, narrative, ocr_doubt, reading,
                               row_parts, two_sided)
from disclosure.checks.findings import SEVERITIES, Finding
from disclosure.normalize.rounding import DEFAULT_UNITS
from disclosure.model import Document

ARITHMETIC = {
    hierarchy_sums.RULE: hierarchy_sums.findings,
    column_totals.RULE: column_totals.findings,
    row_parts.RULE: row_parts.findings,
    two_sided.RULE: two_sided.findings,
    cross_tables.RULE: cross_tables.findings,
    cross_tables.THREE_RULE: cross_tables.three_public,
    cross_tables.COVER_RULE: cross_tables.summary_covers,
    narrative.RULE: narrative.findings,
    narrative.COST_RULE: narrative.project_costs,
    narrative.CHANGE_RULE: narrative.change_pct,
    narrative.COMPLETION_RULE: narrative.budget_completion,
    narrative.SHARE_RULE: narrative.share,
}
RULE_IDS = sorted(list(ARITHMETIC) + form.RULE_IDS + ocr_doubt.RULE_IDS + [reading.RULE])


def run(doc: Document, units: Decimal = DEFAULT_UNITS) -> list[Finding]:
    """Every finding of every rule, errors first, then by page."""
    out: list[Finding] = []
    for rule in ARITHMETIC.values():
        out.extend(rule(doc, units))
    for rule in form.RULES:
        out.extend(rule(doc))
    out.extend(reading.findings(doc))
    out.extend(ocr_doubt.findings(doc, out))  # reads the arithmetic findings: after them
    order = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(out, key=lambda f: (order[f.severity], f.page or 0, f.rule))
