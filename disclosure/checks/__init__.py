"""Checks on a structured document, each rule a small module named for what it checks: arithmetic
inside tables (hierarchy_sums.py, column_totals.py, row_parts.py, two_sided.py), across tables
(cross_tables.py), the prose against the tables and itself (narrative.py and the reviewer rules
beside it), completeness and form (form.py), OCR cells those point at (ocr_doubt.py), and tables
whose reading their own arithmetic puts in doubt (reading.py). The README lists every rule id.

`run` is the check runner: it gives every rule a Tally (checks/ledger.py), collects the findings
each returns and builds the audit ledger — one state per rule — from what the tallies recorded.
The ledger lists exactly the rules of RULES (and ocr_doubt's), so it cannot drift from them.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Callable

from disclosure.checks import (code_names, common, column_totals, cross_tables, directions, form, hierarchy_sums, narrative,
                               ocr_doubt, parts, prose_years, reading, repeated_amounts, row_parts, three_public_items,
                               two_sided, wording, zero_base)
from disclosure.checks.findings import SEVERITIES, Finding
from disclosure.checks.ledger import Entry, Tally, entry
from disclosure.normalize.rounding import DEFAULT_UNITS
from disclosure.model import Document

RuleFn = Callable[[Document, Decimal, Tally], list[Finding]]

# (rule id, function): one id may have several functions (form.title_year: titles and prose)
RULES: list[tuple[str, RuleFn]] = [
    (hierarchy_sums.RULE, hierarchy_sums.findings),
    (column_totals.RULE, column_totals.findings),
    (row_parts.RULE, row_parts.findings),
    (two_sided.RULE, two_sided.findings),
    (cross_tables.RULE, cross_tables.findings),
    (cross_tables.THREE_RULE, cross_tables.three_public),
    (cross_tables.COVER_RULE, cross_tables.summary_covers),
    (narrative.RULE, narrative.findings),
    (narrative.COST_RULE, narrative.project_costs),
    (narrative.CHANGE_RULE, narrative.change_pct),
    (narrative.COMPLETION_RULE, narrative.budget_completion),
    (narrative.SHARE_RULE, narrative.share),
    (prose_years.RULE, prose_years.findings),
    (code_names.RULE, code_names.findings),
    (repeated_amounts.RULE, repeated_amounts.findings),
    (directions.RULE, directions.findings),
    (zero_base.RULE, zero_base.findings),
    (three_public_items.RULE, three_public_items.findings),
    (wording.RULE, wording.findings),
    *form.RULES,
    (reading.RULE, reading.findings),
    (reading.SET_ASIDE_RULE, reading.set_aside),
]
RULE_IDS = sorted(set(r for r, _ in RULES) | set(ocr_doubt.RULE_IDS))

# The rules that hold a disclosure's prose against its tables, its prose or titles against its year
# and level, or its tables against the standard set: in a compendium of several disclosures each runs
# on each one's view (checks/parts.disclosures, with the part's own year, kind and level), so one
# unit's 说明 is read against its own tables, never matched or contradicted by another unit's.
PER_DISCLOSURE: set[RuleFn] = {narrative.findings, narrative.project_costs, narrative.change_pct,
                               narrative.budget_completion, narrative.share, code_names.findings,
                               repeated_amounts.findings, directions.findings, zero_base.findings,
                               three_public_items.findings, wording.findings, prose_years.findings,
                               form.title_years, form.text_years, form.level_wording, form.standard_tables}


def run(doc: Document, units: Decimal = DEFAULT_UNITS) -> list[Finding]:
    """Every finding of every rule, errors first, then by page (the ledger is set on `doc.ledger`)."""
    found, doc.ledger = run_with_ledger(doc, units)
    return found


def run_with_ledger(doc: Document, units: Decimal = DEFAULT_UNITS) -> tuple[list[Finding], list[Entry]]:
    """(findings sorted errors first, then by page; the ledger: one Entry per rule id, in RULE_IDS order)."""
    out: list[Finding] = []
    tallies: dict[str, list[Tally]] = {}
    by_rule: dict[str, list[Finding]] = {}
    entries: dict[str, Entry] = {}
    last = {rule: i for i, (rule, _) in enumerate(RULES)}
    views = parts.disclosures(doc)
    for i, (rule, fn) in enumerate(RULES):
        tally = Tally(rule)
        got = [f for view in views for f in fn(view, units, tally)] if fn in PER_DISCLOSURE else fn(doc, units, tally)
        tally.untallied(got)
        tallies.setdefault(rule, []).append(tally)
        by_rule.setdefault(rule, []).extend(got)
        out.extend(got)
        if last[rule] == i:  # the rule's last function: its entry now, its tallies let go (issue #19:
            # a tally keeps a hash per distinct instance, tens of thousands in a long document)
            entries[rule] = entry(rule, tallies.pop(rule), by_rule[rule])
    ocr = {rule: Tally(rule) for rule in ocr_doubt.RULE_IDS}
    got = ocr_doubt.findings(doc, out, ocr)  # reads the arithmetic findings: after them
    for f in got:
        by_rule.setdefault(f.rule, []).append(f)
    for rule, tally in ocr.items():
        tally.untallied([f for f in got if f.rule == rule])
        tallies[rule] = [tally]
    out.extend(got)
    ledger = [entries[rule] if rule in entries else entry(rule, tallies[rule], by_rule.get(rule, []))
              for rule in RULE_IDS]
    common.forget()  # what the findings' evidence shared while the rules ran
    order = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(out, key=lambda f: (order[f.severity], f.page or 0, f.rule)), ledger
