"""A checked document as rows of the dataset's tables (plain values and Decimals, picklable)."""
from __future__ import annotations

import json

from disclosure.batch.volumes import volume_row
from disclosure.emit.findingsout import finding_dict
from disclosure.model import Document
from disclosure.normalize.departments import department_key
from disclosure.normalize.units import value_unit, value_yuan


def _box(box) -> tuple:
    """x0, top, x1, bottom in PDF points from the page's top-left, rounded as line_items.csv has them."""
    return (round(box.x0, 1), round(box.top, 1), round(box.x1, 1), round(box.bottom, 1)) if box else (None,) * 4


def document_rows(doc: Document, path: str) -> dict[str, list[tuple]]:
    did = doc.sha256
    out: dict[str, list[tuple]] = {
        "documents": [(did, path, doc.source, doc.title, doc.department, doc.year, doc.kind, doc.level,
                       ",".join(doc.units), doc.page_count, doc.verified_share, department_key(doc.department),
                       json.dumps(doc.settings, ensure_ascii=False) if doc.settings else None)],
        "pages": [(did, p.number, p.triage, p.reason, p.method, p.ocr.get("mean_confidence"), p.ocr.get("skew"))
                  for p in doc.pages],
        "tables": [], "line_items": [], "paragraphs": [], "facts": [], "projects": [], "project_costs": [],
        "indicators": [], "findings": [],
        "ledger": [(did, e.rule, e.state, e.counts["pass"], e.counts["fail"], e.counts["insufficient_data"],
                    e.counts["not_read"], e.findings, " ".join(map(str, e.pages)), e.reason) for e in doc.ledger]}
    for t in doc.tables:
        v = t.verification
        out["tables"].append((did, t.index, t.type, t.number, t.title, t.unit, t.unit_factor, t.department,
                              " ".join(map(str, t.pages)), t.empty, t.note, v.identities, v.held, v.failed,
                              v.amounts, v.covered, v.share))
        for r in t.rows:
            for v in r.values:
                if v.amount.status == "blank":
                    continue
                out["line_items"].append((
                    did, t.index, t.type, t.title, r.side, r.page, r.index, r.code, r.classification, r.level,
                    r.name, r.canonical_code, r.canonical_name, r.match, r.role, v.column, v.measure,
                    v.amount.printed, v.amount.value, v.amount.status, value_unit(v, t.unit),
                    value_yuan(v, t.unit), v.confidence,
                    v.basis, *_box(v.box)))
    for p in doc.paragraphs:
        out["paragraphs"].append((did, p.index, p.kind, p.marker, " > ".join(p.section_path), p.page, p.text))
    for f in doc.facts:
        out["facts"].append((did, f.index, f.group, f.paragraph, f.page, f.subject, f.subject_kind, f.code, f.printed,
                             f.unit, f.value, f.value_yuan, f.share_pct, f.change_direction, f.change_amount_yuan,
                             f.change_pct, f.prior_yuan, f.is_change, f.reason, f.sentence, f.link, f.basis))
    for p in doc.projects:
        out["projects"].append((did, p.index, p.name, p.page, p.budget_printed, p.budget_yuan, p.costs_sum_yuan,
                                json.dumps(p.fields, ensure_ascii=False)))
        for c in p.costs:
            out["project_costs"].append((did, p.index, c.page, c.top_level, c.is_total, c.item, c.quantity,
                                         c.quantity_unit, c.unit_price_yuan, c.amount_yuan, c.text))
    for i in doc.indicators:
        out["indicators"].append((did, i.table, i.page, i.project, i.level1, i.level2, i.level3, i.printed,
                                  i.comparator, i.value, i.unit, i.qualitative, i.goal))
    volume = volume_row(doc)
    out["volumes"] = [volume] if volume else []
    for f in doc.findings:
        d = finding_dict(f)
        out["findings"].append((did, f.rule, f.severity, f.rounding, f.page, f.table, f.message_zh, f.message_en,
                                f.left, f.right, f.difference, f.tolerance,
                                json.dumps(d["evidence"], ensure_ascii=False), f.unit))
    return out
