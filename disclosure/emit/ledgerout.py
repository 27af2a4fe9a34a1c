"""ledger.csv and the `ledger` of document.json: one state per rule on the document (checks/ledger.py).
Schemas: schemas/ledger_csv.schema.json and `$defs/ledger_entry` of schemas/document.schema.json."""
from __future__ import annotations

from collections import Counter

from disclosure.checks.ledger import STATES
from disclosure.emit.csvout import CsvFile
from disclosure.model import Document

SCHEMA_VERSION = "1.0.0"
CSV_COLUMNS = ["document", "rule", "state", "pass", "fail", "insufficient_data", "not_read", "findings", "pages",
               "reason"]


def entries(d: Document) -> list[dict]:
    """The ledger as JSON objects: rule, state, counts of instances per state, findings, pages, reason."""
    return [entry(e) for e in d.ledger]


def entry(e) -> dict:
    """One ledger entry as a JSON object."""
    return e.to_dict()


def counts(d: Document) -> dict[str, int]:
    """Rules of the document in each state (every state present, zeros included)."""
    c = Counter(e.state for e in d.ledger)
    return {s: c.get(s, 0) for s in STATES}


def to_csv(d: Document) -> str:
    return csv_file(d).text()


def csv_file(d: Document) -> CsvFile:
    """ledger.csv as a writer (emit/csvout.CsvFile)."""
    return CsvFile(CSV_COLUMNS, lambda: (
        [d.source, e.rule, e.state, e.counts["pass"], e.counts["fail"], e.counts["insufficient_data"],
         e.counts["not_read"], e.findings, " ".join(map(str, e.pages)), e.reason] for e in d.ledger))
