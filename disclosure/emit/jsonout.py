"""document.json: the whole document model, amounts as exact decimal strings."""
from __future__ import annotations

import io
import json
from decimal import Decimal

from disclosure.emit.findingsout import finding_dict
from disclosure.emit.ledgerout import entries as ledger_entries
from disclosure.emit.proseout import fact_dict, indicator_dict, project_dict
from disclosure.model import Document, Paragraph, Row, Table, Value
from disclosure import settings
from disclosure.normalize.units import value_unit, value_yuan

SCHEMA_VERSION = "2.5.0"


def _dec(v: Decimal | None) -> str | None:
    return None if v is None else format(v, "f")


def _box(b):
    return b.to_dict() if b is not None else None


def _value(v: Value, unit: str) -> dict:
    return {"column": v.column, "column_index": v.column_index, "measure": v.measure, "basis": v.basis,
            "printed": v.amount.printed, "status": v.amount.status, "value": _dec(v.amount.value),
            "unit": value_unit(v, unit), "value_yuan": _dec(value_yuan(v, unit)),
            "box": _box(v.box), "confidence": v.confidence}


def _row(r: Row, unit: str) -> dict:
    return {"side": r.side, "index": r.index, "code": r.code, "code_printed": r.code_printed,
            "classification": r.classification, "level": r.level, "name": r.name,
            "name_printed": r.name_printed, "role": r.role, "page": r.page, "box": _box(r.box),
            "canonical_code": r.canonical_code, "canonical_name": r.canonical_name, "match": r.match,
            "match_note": r.match_note, "attributes": r.attributes,
            "values": [_value(v, unit) for v in r.values]}


def table_dict(t: Table) -> dict:
    return {"index": t.index, "type": t.type, "number": t.number, "title": t.title,
            "title_printed": t.title_printed, "unit": t.unit, "unit_inferred": t.unit_inferred,
            "unit_factor": _dec(t.unit_factor), "department": t.department, "pages": t.pages,
            "columns": t.columns, "header_rows": t.header_rows, "sides": t.sides, "empty": t.empty,
            "note": t.note, "box": _box(t.box), "verification": t.verification.to_dict(),
            "rows": [_row(r, t.unit) for r in t.rows]}


def paragraph_dict(p: Paragraph) -> dict:
    return {"index": p.index, "kind": p.kind, "marker": p.marker, "section_path": p.section_path,
            "page": p.page, "pages": p.pages, "text": p.text, "box": _box(p.box)}


def document_dict(d: Document) -> dict:
    return {
        "schema_version": SCHEMA_VERSION,
        "source": {"file": d.source, "sha256": d.sha256, "format": d.source_format},
        "metadata": {"title": d.title, "department": d.department, "year": d.year, "kind": d.kind,
                     "level": d.level, "units": d.units, "page_count": d.page_count,
                     "verified_share": format(d.verified_share, "f")},
        "pages": [{"number": p.number, "triage": p.triage, "reason": p.reason, "method": p.method, "ocr": p.ocr}
                  for p in d.pages],
        "problems": d.problems,
        "announced_tables": d.announced_tables,
        "tables": [table_dict(t) for t in d.tables],
        "paragraphs": [paragraph_dict(p) for p in d.paragraphs],
        "facts": [fact_dict(f) for f in d.facts],
        "projects": [project_dict(p) for p in d.projects],
        "performance_targets": [indicator_dict(i) for i in d.indicators],
        "findings": [finding_dict(f) for f in d.findings],
        "ledger": ledger_entries(d),
        "settings": d.settings or settings.current().as_dict(),
    }


def dumps(d: Document, indent: int | None = 1) -> str:
    """document.json's text (indent None: one line)."""
    return encode(document_dict(d), indent)


def writer(d: Document, indent: int = 1):
    """document.json as a writer for emit/outdir.publish: fn(text file) writes dumps(d)'s text into
    it as it is encoded (the text is never whole in memory)."""
    def write(fh) -> None:
        obj = document_dict(d)
        for chunk in json.JSONEncoder(ensure_ascii=False, indent=indent).iterencode(obj):
            fh.write(chunk)
    return write


def encode(obj, indent: int | None = 1) -> str:
    """json.dumps(obj, ensure_ascii=False, indent=indent), the same text, with less memory: with an
    indent, json.dumps joins a list of every token it made (a 600-page document's list took five
    times the text, ~80 MB); here the tokens go into one growing buffer as they are made."""
    if indent is None:
        return json.dumps(obj, ensure_ascii=False)
    buf = io.StringIO()
    write = buf.write
    for chunk in json.JSONEncoder(ensure_ascii=False, indent=indent).iterencode(obj):
        write(chunk)
    return buf.getvalue()
