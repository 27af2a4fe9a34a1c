"""One disclosure in two volumes, paired in the dataset.

Jiangsu publishes a department's budget as two PDFs: the explanations (prose, no tables) and the
tables (no prose) (../shared/corpus: jiangsu-shengweiban-2017..2019-budget-text.pdf with
…-budget-tables.pdf; jiangsu-renda-2019-budget.pdf with jiangsu-rendaban-2019-budget-tables.pdf).
Each is read alone like any document; this module finds the pairs among the dataset's documents
and checks the prose of one against the tables of the other (`pipeline.together`, what
`disclosure check A B --together` does), recording the result as a disclosure:

- a worker keeps the document model of a volume (a document with tables and no stated amounts, or
  stated amounts and no tables) in `volumes`, as gzip'd document.json, so that pairing needs no
  second reading;
- after each batch run, volumes are grouped by `department_key` (normalize/departments.py), year
  and kind; a group of exactly one explanations volume and one tables volume (levels equal where
  both are known) is a disclosure: a row in `disclosures`, its findings and ledger in `findings` and
  `ledger` under the disclosure's id (SHA-256 of the two documents' ids). A group with more than one
  candidate on a side is recorded `ambiguous`, unchecked: nothing is paired by guess.
- a disclosure whose volume left the dataset (changed or removed) is dropped with its rows; one
  whose volumes are unchanged is not checked again.
"""
from __future__ import annotations

import gzip
import hashlib
from decimal import Decimal

from disclosure.model import Document
from disclosure.normalize.departments import department_key


def role(doc: Document) -> str:
    """'tables' (tables, no stated amounts), 'text' (stated amounts, no tables) or '' (a document
    complete in itself, or with neither)."""
    if doc.tables and not doc.facts:
        return "tables"
    if doc.facts and not doc.tables:
        return "text"
    return ""


def volume_row(doc: Document) -> tuple | None:
    """(document_id, role, department_key, document.json gzip'd) of a volume, or None."""
    r = role(doc)
    if not r:
        return None
    from disclosure.emit import jsonout

    return doc.sha256, r, department_key(doc.department), gzip.compress(jsonout.dumps(doc, None).encode("utf-8"), 6)


def _load(blob: bytes) -> Document:
    from disclosure.extract.jsonin import document_from_json

    return document_from_json(gzip.decompress(blob).decode("utf-8"), "volume")


def disclosure_id(text_id: str, tables_id: str) -> str:
    return hashlib.sha256(f"{text_id}+{tables_id}".encode()).hexdigest()


def _compatible(a: str, b: str) -> bool:
    return a == b or "unknown" in (a, b) or not a or not b


def match(volumes: list[tuple]) -> tuple[list[tuple], list[tuple]]:
    """(pairs, ambiguous) among volumes given as (department_key, year, kind, level, role, id):
    pairs as (department_key, year, kind, text_id, tables_id), one per group of one key, year and
    kind holding exactly one explanations and one tables volume of compatible levels; ambiguous as
    (department_key, year, kind, text ids, tables ids) of groups with more than one such pairing."""
    groups: dict[tuple, dict[str, list[tuple]]] = {}
    for key, year, kind, level, r, did in sorted(volumes, key=lambda v: tuple(map(str, v))):
        if key and year is not None and r in ("text", "tables"):
            groups.setdefault((key, year, kind), {"text": [], "tables": []})[r].append((did, level))
    pairs, ambiguous = [], []
    for (key, year, kind), g in groups.items():
        ok = [(t, b) for t, tl in g["text"] for b, bl in g["tables"] if _compatible(tl, bl)]
        if len(ok) == 1:
            pairs.append((key, year, kind) + ok[0])
        elif ok:
            ambiguous.append((key, year, kind, [t for t, _ in g["text"]], [b for b, _ in g["tables"]]))
    return pairs, ambiguous


def candidates(con) -> tuple[list[tuple], list[tuple]]:
    """`match` over the dataset's volumes."""
    return match(con.execute("SELECT v.department_key, d.year, d.kind, d.level, v.role, v.document_id "
                             "FROM volumes v JOIN documents d USING (document_id)").fetchall())


def pair_all(con, units: str, log=None) -> dict[str, int]:
    """Pair the dataset's volumes and check each new pair (module doc); one transaction per
    disclosure. Returns counts: checked, kept (unchanged), dropped, ambiguous."""
    from disclosure import pipeline
    from disclosure.batch.rows import document_rows

    counts = {"checked": 0, "kept": 0, "dropped": 0, "ambiguous": 0}
    pairs, ambiguous = candidates(con)
    wanted = {disclosure_id(p[3], p[4]): p for p in pairs}
    have = {r[0]: r[1] for r in con.execute("SELECT disclosure_id, status FROM disclosures").fetchall()}
    for did in have:
        if did not in wanted and have[did] != "ambiguous":
            con.execute("BEGIN TRANSACTION")
            for name in ("findings", "ledger", "disclosures"):
                col = "disclosure_id" if name == "disclosures" else "document_id"
                con.execute(f"DELETE FROM {name} WHERE {col} = ?", [did])
            con.execute("COMMIT")
            counts["dropped"] += 1
    con.execute("DELETE FROM disclosures WHERE status = 'ambiguous'")
    for key, year, kind, texts, tables in ambiguous:
        con.execute("INSERT INTO disclosures VALUES (?, ?, ?, ?, ?, ?, ?, 'ambiguous', ?)",
                    [hashlib.sha256(f"{key}|{year}|{kind}".encode()).hexdigest(), key, year, kind, None, None, None,
                     f"{len(texts)} explanations and {len(tables)} tables volumes: not paired"])
        counts["ambiguous"] += 1
    for did, (key, year, kind, text_id, tables_id) in wanted.items():
        if have.get(did) == "ok":
            counts["kept"] += 1
            continue
        blobs = dict(con.execute("SELECT document_id, document_json FROM volumes WHERE document_id IN (?, ?)",
                                 [text_id, tables_id]).fetchall())
        try:
            doc = pipeline.together(_load(blobs[text_id]), _load(blobs[tables_id]), Decimal(units))
            status, reason = "ok", ""
        except Exception as e:  # a bug on one pair is that pair's failure, recorded
            doc, status, reason = None, "failed", f"{type(e).__name__}: {e}"[:300]
        con.execute("BEGIN TRANSACTION")
        try:
            for name in ("findings", "ledger"):
                con.execute(f"DELETE FROM {name} WHERE document_id = ?", [did])
            con.execute("DELETE FROM disclosures WHERE disclosure_id = ?", [did])
            if doc is not None:
                doc.sha256 = did
                rows = document_rows(doc, doc.source)
                for name in ("findings", "ledger"):
                    if rows[name]:
                        con.executemany(f"INSERT INTO {name} VALUES ({', '.join('?' * len(rows[name][0]))})",
                                        rows[name])
            con.execute("INSERT INTO disclosures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [did, key, year, kind, text_id, tables_id, doc.source if doc else None, status, reason])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        counts["checked"] += 1
        if log is not None:
            log.event(event="disclosure", disclosure_id=did, department_key=key, year=year, kind=kind,
                      status=status, findings=len(doc.findings) if doc else 0, reason=reason)
    return counts
