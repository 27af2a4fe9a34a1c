"""Doubtful OCR cells. A value read by OCR carries the recogniser's confidence; the arithmetic
checks say where the printed numbers do not close. Together they point at the likeliest misread
cell, so an auditor looks at the page image there first.

- ocr.doubtful_cell (warning): an arithmetic finding (a total, a 类/款 sum, a row's parts, both
  sides of a summary, two tables) involves values read by OCR; the least confident of them is
  named, with its confidence and the finding it fails. A real printed gap in a scanned document
  fires it too: the cell is a candidate, not a verdict.
- ocr.low_confidence (info): a value the recogniser was unsure of (confidence below 0.9), whether
  or not any sum covers it.
"""
from __future__ import annotations

from decimal import Decimal

from disclosure import settings
from disclosure.checks.common import evidence
from disclosure.checks.findings import Finding
from disclosure.checks.ledger import Tally
from disclosure.model import Document
from disclosure.normalize.units import value_unit

RULE = "ocr.doubtful_cell"
LOW_RULE = "ocr.low_confidence"
RULE_IDS = [RULE, LOW_RULE]
LOW = 0.9  # (default of settings.ocr_low)
ARITHMETIC = ("table.hierarchy_sum", "table.column_total", "row.parts_sum", "table.income_equals_expenditure",
              "cross.table_agreement")


def _key(box: dict | None):
    return None if box is None else (box["page"], box["x0"], box["top"], box["x1"], box["bottom"])


def findings(doc: Document, found: list[Finding], tallies: dict[str, Tally]) -> list[Finding]:
    """Both rules, reading the findings of the arithmetic rules (`found`); `tallies` holds one Tally
    per rule id of this module."""
    doubt, low = tallies[RULE], tallies[LOW_RULE]
    doubt.none("no value read by OCR")
    low.none("no value read by OCR")
    ocr_values = {}
    for t in doc.tables:
        for r in t.rows:
            for v in r.values:
                if v.confidence is not None and v.amount.status != "blank" and v.box is not None:
                    ocr_values[_key(v.box.to_dict())] = (t, r, v)
    if not ocr_values:
        return []
    out: list[Finding] = []
    for f in found:
        if f.rule not in ARITHMETIC or f.severity == "info":
            continue
        involved = [ocr_values[k] for k in (_key(e.box) for e in f.evidence) if k in ocr_values]
        if not involved:
            continue
        t, r, v = min(involved, key=lambda x: x[2].confidence)
        ev = evidence(t, r, v)
        out.append(doubt.test(ev.what, r.page, Finding(
            RULE, "warning",
            f"OCR 识别存疑：{ev.what} 印作 {v.amount.printed}（置信度 {v.confidence:.3f}），"
            f"是 {f.rule} 不平衡（差 {format(f.difference, 'f') if f.difference is not None else '?'}）中最不确定的单元格",
            f"OCR doubt: {ev.what} read as {v.amount.printed} (confidence {v.confidence:.3f}) is the least certain "
            f"cell of a {f.rule} that does not close (difference "
            f"{format(f.difference, 'f') if f.difference is not None else '?'}); check it on the page image",
            f.left, f.right, f.tolerance, False, t.index, [ev] + [e for e in f.evidence if _key(e.box) != _key(ev.box)],
            unit=f.unit)))
    if not doubt.count:
        doubt.test(f"{len(ocr_values)} values read by OCR", None, None)  # no sum over them fails
    low_below = settings.current().ocr_low
    for t, r, v in ocr_values.values():
        if v.confidence >= low_below:
            low.test(f"{t.label} {r.name}", r.page, None)
        if v.confidence < low_below:
            ev = evidence(t, r, v)
            out.append(low.test(ev.what, r.page, Finding(
                LOW_RULE, "info",
                f"OCR 置信度低：{ev.what} 读作 {v.amount.printed}（置信度 {v.confidence:.3f}）",
                f"low OCR confidence: {ev.what} read as {v.amount.printed} (confidence {v.confidence:.3f})",
                v.amount.value, None, Decimal(0) if v.amount.value is not None else None, False, t.index, [ev],
                unit=(value_unit(v, t.unit) or None) if v.amount.value is not None else None)))
    return out
