"""findings.json and findings.csv: what the checks found, with evidence. Schemas:
schemas/findings.schema.json and schemas/findings_csv.schema.json."""
from __future__ import annotations

from collections import Counter
from decimal import Decimal

from disclosure.checks.findings import Finding
from disclosure.emit import ledgerout
from disclosure.emit.csvout import CsvFile
from disclosure.model import Document

SCHEMA_VERSION = "1.7.0"
CSV_COLUMNS = ["document", "rule", "severity", "rounding", "page", "table", "left", "right", "difference",
               "tolerance", "unit", "message_zh", "message_en", "evidence"]


def _dec(v: Decimal | None) -> str | None:
    return None if v is None else format(v, "f")


def finding_dict(f: Finding) -> dict:
    return {"rule": f.rule, "severity": f.severity, "rounding": f.rounding, "page": f.page, "table": f.table,
            "message_zh": f.message_zh, "message_en": f.message_en, "left": _dec(f.left), "right": _dec(f.right),
            "difference": _dec(f.difference), "tolerance": _dec(f.tolerance), "unit": f.unit,
            "evidence": [{"page": e.page, "box": e.box, "what": e.what, "printed": e.printed} for e in f.evidence]}


def _parts(d: Document, units: Decimal):
    """findings.json's members in order, as jsonout.object_chunks takes them: the findings and the
    ledger made one at a time."""
    yield "schema_version", SCHEMA_VERSION, None
    yield "source", {"file": d.source, "sha256": d.sha256}, None
    yield "tolerance_units", format(units, "f"), None
    yield "counts", dict(sorted(Counter(f.severity for f in d.findings).items())), None
    yield "findings", d.findings, finding_dict
    yield "ledger_counts", ledgerout.counts(d), None
    yield "ledger", d.ledger, ledgerout.entry


def findings_dict(d: Document, units: Decimal) -> dict:
    """findings.json as one dict (every finding's: for a long document, `writer` writes it in pieces)."""
    from disclosure.emit.jsonout import object_dict

    return object_dict(_parts(d, units))


def dumps(d: Document, units: Decimal) -> str:
    from disclosure.emit.jsonout import encode

    return encode(findings_dict(d, units))


def writer(d: Document, units: Decimal):
    """findings.json as a writer for emit/outdir.publish: fn(text file) writes dumps(d, units)'s
    text into it as it is encoded, one finding at a time (neither the text nor the findings' dicts
    are ever whole in memory)."""
    from disclosure.emit.jsonout import object_chunks

    def write(fh) -> None:
        fh.writelines(object_chunks(_parts(d, units)))
    return write


def to_csv(d: Document) -> str:
    return csv_file(d).text()


def csv_file(d: Document) -> CsvFile:
    """findings.csv as a writer (emit/csvout.CsvFile)."""
    def rows():
        for f in d.findings:
            where = "; ".join(f"p.{e.page} {e.what}" + (f" = {e.printed}" if e.printed else "") for e in f.evidence)
            yield [d.source, f.rule, f.severity, "true" if f.rounding else "false",
                   f.page if f.page is not None else "", f.table if f.table is not None else "",
                   _dec(f.left) or "", _dec(f.right) or "", _dec(f.difference) or "", _dec(f.tolerance) or "", f.unit or "",
                   f.message_zh, f.message_en, where]
    return CsvFile(CSV_COLUMNS, rows)
