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
                               ocr_doubt, one_misprint, parts, prose_years, reading, repeated_amounts, row_parts,
                               share_sums, three_public_items, two_sided, wording, zero_base)
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
    (one_misprint.RULE, one_misprint.findings),
    (cross_tables.RULE, cross_tables.findings),
    (cross_tables.THREE_RULE, cross_tables.three_public),
    (cross_tables.COVER_RULE, cross_tables.summary_covers),
    (narrative.RULE, narrative.findings),
    (narrative.COST_RULE, narrative.project_costs),
    (narrative.CHANGE_RULE, narrative.change_pct),
    (narrative.COMPLETION_RULE, narrative.budget_completion),
    (narrative.SHARE_RULE, narrative.share),
    (share_sums.RULE, share_sums.findings),
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
                               narrative.budget_completion, narrative.share, share_sums.findings, code_names.findings,
                               repeated_amounts.findings, directions.findings, zero_base.findings,
                               three_public_items.findings, wording.findings, prose_years.findings,
                               form.title_years, form.text_years, form.level_wording, form.standard_tables}


# The rules whose findings on a document are those on each of its parts in turn, given the document
# with that part's tables only (each reads one table at a time, or the tables of one part:
# checks/parts.py): the check runner gives them one part at a time, with the PER_DISCLOSURE rules.
PER_PART: set[RuleFn] = {hierarchy_sums.findings, column_totals.findings, row_parts.findings, two_sided.findings,
                         one_misprint.findings,
                         cross_tables.findings, cross_tables.three_public, cross_tables.summary_covers,
                         reading.findings, form.empty_tables, form.units, form.empty_notes}


def run(doc: Document, units: Decimal = DEFAULT_UNITS) -> list[Finding]:
    """Every finding of every rule, errors first, then by page (the ledger is set on `doc.ledger`)."""
    found, doc.ledger = run_with_ledger(doc, units)
    return found


def run_with_ledger(doc: Document, units: Decimal = DEFAULT_UNITS) -> tuple[list[Finding], list[Entry]]:
    """(findings sorted errors first, then by page; the ledger: one Entry per rule id, in RULE_IDS order).

    One disclosure part at a time (checks/parts.each: a compendium's tables are read a part at a
    time, a long document's from its file, model.Spool): every PER_DISCLOSURE and PER_PART rule
    runs on the part, each rule with one Tally for the whole document; then the rules that read
    the document whole (the announced tables, template leftovers, …) on it. The findings and the
    ledger are those of running each rule over every part in turn, rule after rule: each rule's
    findings in the order of the parts, the rules in RULES order."""
    tallies: list[Tally | None] = [Tally(rule) for rule, _ in RULES]
    got: list[list[Finding]] = [[] for _ in RULES]
    by_parts = [fn in PER_DISCLOSURE or fn in PER_PART for _, fn in RULES]
    for whole, view in parts.each(doc):
        for i, (_, fn) in enumerate(RULES):
            if fn in PER_DISCLOSURE:
                got[i].extend(fn(view, units, tallies[i]))
            elif fn in PER_PART:
                got[i].extend(fn(whole, units, tallies[i]))
        del whole, view
        common.forget()  # what the part's findings shared (by object: its tables are let go)
    entries: dict[str, Entry] = {}
    of_rule: dict[str, list[tuple[int, Tally]]] = {}

    def done(i: int) -> None:  # function i has run on every part: the rule's entry when it was its last,
        rule = RULES[i][0]  # its tallies let go (a tally keeps a hash per instance tested, issue #19)
        tallies[i].untallied(got[i])
        of_rule.setdefault(rule, []).append((i, tallies[i]))
        tallies[i] = None
        if all(tallies[k] is None for k, (r, _) in enumerate(RULES) if r == rule):
            entries[rule] = entry(rule, [t for _, t in sorted(of_rule.pop(rule), key=lambda x: x[0])],
                                  [f for k, (r, _) in enumerate(RULES) if r == rule for f in got[k]])

    for i in range(len(RULES)):
        if by_parts[i]:
            done(i)
    for i, (_, fn) in enumerate(RULES):
        if not by_parts[i]:
            got[i] = fn(doc, units, tallies[i])
            done(i)
    out = [f for found in got for f in found]
    del got
    ocr = {rule: Tally(rule) for rule in ocr_doubt.RULE_IDS}
    got_ocr = ocr_doubt.findings(doc, out, ocr)  # reads the arithmetic findings: after them
    for rule, tally in ocr.items():
        mine = [f for f in got_ocr if f.rule == rule]
        tally.untallied(mine)
        entries[rule] = entry(rule, [tally], mine)
    out.extend(got_ocr)
    ledger = [entries[rule] for rule in RULE_IDS]
    common.forget()  # what the findings' evidence shared while the rules ran
    order = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(out, key=lambda f: (order[f.severity], f.page or 0, f.rule)), ledger
