"""The dataset: an embedded DuckDB database. Amounts are DECIMAL(38,6); a document is identified by
its content hash (documents.document_id = SHA-256); `files` maps each input path to the document it
held and its status; `runs` records every batch run."""
from __future__ import annotations

import json
from pathlib import Path

DATASET_VERSION = 10  # 2: facts, projects, project_costs, indicators; 3: pages, line_items.confidence;
# 4: line_items.basis, measures 2.0 and table types 2.0, verification of tables and documents (issue #12);
# 5: the audit ledger (one state per rule and document) and the reviewer rules (issue #13);
# 6: documents.department_key (normalize/departments.py), volumes and disclosures (one disclosure in
#    two volumes, batch/volumes.py; issue #13); line_items.x0, top, x1, bottom: the box of each amount,
#    as line_items.csv has it; level of tables-only volumes (issue #18);
# 7: documents.settings, the settings a document was read and checked with, every one by name, as JSON text
#    (document.json `settings`; NULL for a document a version 6 batch read) (issue #18)
# 8: measures 2.1: counts (团组数, 人次, 保有量（辆）) are measure `count` with their counted unit and no value_yuan,
#    where a version 7 batch had them as money in the table's unit
# 9: findings.unit, the unit of left_value, right_value, difference and tolerance (元, the table's 单位, a
#    count's unit, %, 年); narrative.zero_base's left_value is the base in 元 (a version 8 batch had the %);
#    facts.link and facts.basis, as facts.csv has them
# 10: table types 2.1 (政府购买服务, 财政专户管理资金, 支出经济分类汇总, 基本支出 of all funds, 新增资产配置; 一般公共预算拨款…
#     and …明细表 titles typed as their standard tables; issue #12): a version 9 batch's documents are read again
REREAD_BELOW = 10  # a dataset older than this holds other vocabularies or lacks the ledger, the boxes or the volumes:
# its documents are read again
DEC = "DECIMAL(38,6)"
SCHEMA = {
    "runs": "run_id INTEGER PRIMARY KEY, started TIMESTAMP, finished TIMESTAMP, inputs VARCHAR, workers INTEGER, "
            "processed INTEGER, skipped INTEGER, failed INTEGER, status VARCHAR",
    "files": "path VARCHAR PRIMARY KEY, sha256 VARCHAR, size BIGINT, status VARCHAR, reason VARCHAR, "
             "run_id INTEGER, seconds DOUBLE",
    "documents": "document_id VARCHAR PRIMARY KEY, path VARCHAR, source VARCHAR, title VARCHAR, department VARCHAR, "
                 "year INTEGER, kind VARCHAR, level VARCHAR, units VARCHAR, page_count INTEGER, "
                 "verified_share DECIMAL(9,4), department_key VARCHAR, settings VARCHAR",
    "tables": f"document_id VARCHAR, table_index INTEGER, type VARCHAR, number VARCHAR, title VARCHAR, unit VARCHAR, "
              f"unit_factor {DEC}, department VARCHAR, pages VARCHAR, empty BOOLEAN, note VARCHAR, "
              f"identities INTEGER, identities_held INTEGER, identities_failed INTEGER, amounts INTEGER, "
              f"amounts_covered INTEGER, verified_share DECIMAL(9,4)",
    "line_items": f"document_id VARCHAR, table_index INTEGER, table_type VARCHAR, table_title VARCHAR, side VARCHAR, "
                  f"page INTEGER, row_index INTEGER, code VARCHAR, classification VARCHAR, level VARCHAR, "
                  f"name VARCHAR, canonical_code VARCHAR, canonical_name VARCHAR, match VARCHAR, role VARCHAR, "
                  f"column_path VARCHAR, measure VARCHAR, printed VARCHAR, value {DEC}, status VARCHAR, "
                  f"unit VARCHAR, value_yuan {DEC}, confidence DOUBLE, basis VARCHAR, "
                  f"x0 DOUBLE, top DOUBLE, x1 DOUBLE, bottom DOUBLE",
    "pages": "document_id VARCHAR, page INTEGER, triage VARCHAR, reason VARCHAR, method VARCHAR, "
             "ocr_mean_confidence DOUBLE, ocr_skew DOUBLE",
    "paragraphs": "document_id VARCHAR, paragraph_index INTEGER, kind VARCHAR, marker VARCHAR, section_path VARCHAR, "
                  "page INTEGER, text VARCHAR",
    "facts": f"document_id VARCHAR, fact_index INTEGER, fact_group INTEGER, paragraph_index INTEGER, page INTEGER, "
             f"subject VARCHAR, subject_kind VARCHAR, code VARCHAR, printed VARCHAR, unit VARCHAR, value {DEC}, "
             f"value_yuan {DEC}, share_pct {DEC}, change_direction VARCHAR, change_amount_yuan {DEC}, "
             f"change_pct {DEC}, prior_yuan {DEC}, is_change BOOLEAN, reason VARCHAR, sentence VARCHAR, link VARCHAR, "
             f"basis VARCHAR",
    "projects": f"document_id VARCHAR, project_index INTEGER, name VARCHAR, page INTEGER, budget_printed VARCHAR, "
                f"budget_yuan {DEC}, costs_sum_yuan {DEC}, fields VARCHAR",
    "project_costs": f"document_id VARCHAR, project_index INTEGER, page INTEGER, top_level BOOLEAN, is_total BOOLEAN, "
                     f"item VARCHAR, quantity {DEC}, quantity_unit VARCHAR, unit_price_yuan {DEC}, "
                     f"amount_yuan {DEC}, text VARCHAR",
    "indicators": f"document_id VARCHAR, table_index INTEGER, page INTEGER, project VARCHAR, level1 VARCHAR, "
                  f"level2 VARCHAR, level3 VARCHAR, printed VARCHAR, comparator VARCHAR, value {DEC}, unit VARCHAR, "
                  f"qualitative VARCHAR, goal VARCHAR",
    "findings": f"document_id VARCHAR, rule VARCHAR, severity VARCHAR, rounding BOOLEAN, page INTEGER, "
                f"table_index INTEGER, message_zh VARCHAR, message_en VARCHAR, left_value {DEC}, "
                f"right_value {DEC}, difference {DEC}, tolerance {DEC}, evidence VARCHAR, unit VARCHAR",
    "ledger": "document_id VARCHAR, rule VARCHAR, state VARCHAR, pass_count INTEGER, fail_count INTEGER, "
              "insufficient_count INTEGER, not_read_count INTEGER, findings INTEGER, pages VARCHAR, reason VARCHAR",
    # a volume of a disclosure printed in two (batch/volumes.py): its document model, to pair without re-reading
    "volumes": "document_id VARCHAR PRIMARY KEY, role VARCHAR, department_key VARCHAR, document_json BLOB",
    # the pairs: findings and ledger of the joint check are in `findings`/`ledger` under disclosure_id
    "disclosures": "disclosure_id VARCHAR PRIMARY KEY, department_key VARCHAR, year INTEGER, kind VARCHAR, "
                   "text_document_id VARCHAR, tables_document_id VARCHAR, source VARCHAR, status VARCHAR, "
                   "reason VARCHAR",
}
DOCUMENT_TABLES = ("documents", "pages", "tables", "line_items", "paragraphs", "facts", "projects", "project_costs",
                   "indicators", "findings", "ledger", "volumes")
NOT_EXPORTED = ("volumes",)  # document models kept for pairing, not data


_ADDED = {  # columns later versions added at the end of a table, for a dataset written before them
    "line_items": ["confidence DOUBLE", "basis VARCHAR", "x0 DOUBLE", "top DOUBLE", "x1 DOUBLE", "bottom DOUBLE"],
    "documents": ["verified_share DECIMAL(9,4)", "department_key VARCHAR", "settings VARCHAR"],
    "findings": ["unit VARCHAR"],
    "facts": ["link VARCHAR", "basis VARCHAR"],
    "tables": ["identities INTEGER", "identities_held INTEGER", "identities_failed INTEGER", "amounts INTEGER",
               "amounts_covered INTEGER", "verified_share DECIMAL(9,4)"],
}


def connect(path: Path):
    """The dataset at `path`, created or brought to this version. A dataset written before
    REREAD_BELOW keeps its files and runs but loses its documents' rows, and its files are marked
    for reading again: the next batch re-reads them with this version's vocabularies."""
    import duckdb

    con = duckdb.connect(str(path))
    existing = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    for name, cols in _ADDED.items():
        if name in existing:
            for col in cols:
                con.execute(f"ALTER TABLE {name} ADD COLUMN IF NOT EXISTS {col}")
    for name, cols in SCHEMA.items():
        con.execute(f"CREATE TABLE IF NOT EXISTS {name} ({cols})")
    con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    old = con.execute("SELECT value FROM meta WHERE key = 'dataset_version'").fetchone()
    if old is not None and int(old[0]) < REREAD_BELOW:
        con.execute("BEGIN TRANSACTION")
        for name in DOCUMENT_TABLES:
            con.execute(f"DELETE FROM {name}")
        con.execute("UPDATE files SET sha256 = '', reason = 'to be read again: dataset version ' || ? "
                    "WHERE status = 'ok'", [old[0]])
        con.execute("INSERT OR REPLACE INTO meta VALUES ('dataset_version', ?)", [str(DATASET_VERSION)])
        con.execute("COMMIT")
    con.execute("INSERT OR REPLACE INTO meta VALUES ('dataset_version', ?)", [str(DATASET_VERSION)])
    return con


def known(con) -> dict[str, tuple[str, str]]:
    """path -> (sha256, status) of every file recorded."""
    return {p: (h, s) for p, h, s in con.execute("SELECT path, sha256, status FROM files").fetchall()}


def documents_read(con) -> dict[str, str]:
    """document_id (the content's SHA-256) -> the path its document was read from, for each document
    whose file is recorded ok."""
    return dict(con.execute("SELECT d.document_id, d.path FROM documents d WHERE EXISTS (SELECT 1 FROM "
                            "files f WHERE f.sha256 = d.document_id AND f.status = 'ok')").fetchall())


def follow(con, document_id: str, path: str) -> bool:
    """The document's path becomes `path` (the same bytes found there) when the file it was read
    from is no longer on disk: a file moved or renamed keeps its document, under where it now is.
    Returns whether it moved."""
    old = con.execute("SELECT path FROM documents WHERE document_id = ?", [document_id]).fetchone()
    if not old or old[0] == path or Path(old[0]).exists():
        return False
    con.execute("UPDATE documents SET path = ? WHERE document_id = ?", [path, document_id])
    return True


def settings_recorded(con) -> dict[str, dict]:
    """document_id -> the settings it was read and checked with (documents.settings; a document a
    version 6 batch read has none)."""
    return {d: json.loads(x) for d, x in con.execute(
        "SELECT document_id, settings FROM documents WHERE settings IS NOT NULL").fetchall()}


def _drop_document(con, document_id: str, path: str) -> None:
    """Delete a document's rows unless another recorded path still holds the same content."""
    others = con.execute("SELECT count(*) FROM files WHERE sha256 = ? AND path <> ? AND status = 'ok'",
                         [document_id, path]).fetchone()[0]
    if not others:
        for name in DOCUMENT_TABLES:
            con.execute(f"DELETE FROM {name} WHERE document_id = ?", [document_id])


_NULL = "\u2400NULL\u2400"  # ␀NULL␀: no printed text holds it


def sql_string(text: str) -> str:
    """`text` as an SQL string literal ('it''s-out'), for the statements DuckDB takes no parameter in
    (COPY's file name)."""
    return "'" + str(text).replace("'", "''") + "'"


def _bulk_insert(con, name: str, rows: list[tuple]) -> None:
    """Rows through a temporary CSV and COPY (executemany is ~100x slower); Decimals go as their
    exact strings, None as ␀NULL␀."""
    import csv
    import os
    import tempfile

    fd, tmp = tempfile.mkstemp(suffix=".csv", prefix="disclosure-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            for r in rows:
                w.writerow([_NULL if v is None else ("true" if v is True else "false" if v is False else v)
                            for v in r])
        con.execute(f"COPY {name} FROM {sql_string(tmp)} (FORMAT csv, HEADER false, NULLSTR '{_NULL}', QUOTE '\"', "
                    f"ESCAPE '\"')")
    finally:
        os.unlink(tmp)


def record(con, path: str, sha: str, size: int, status: str, reason: str, run_id: int, seconds: float,
           rows: dict[str, list[tuple]] | None) -> None:
    """One file's outcome, and its document's rows, in one transaction: a batch killed at any point
    leaves either the old rows or the new ones, never both and never half."""
    con.execute("BEGIN TRANSACTION")
    try:
        old = con.execute("SELECT sha256, status FROM files WHERE path = ?", [path]).fetchone()
        if old and old[1] == "ok" and (old[0] != sha or rows is not None):
            _drop_document(con, old[0], path)
        if rows is not None:
            exists = con.execute("SELECT count(*) FROM documents WHERE document_id = ?", [sha]).fetchone()[0]
            if not exists:
                for name in DOCUMENT_TABLES:
                    if name == "volumes" and rows.get(name):  # a BLOB: not through CSV; one row
                        con.executemany("INSERT INTO volumes VALUES (?, ?, ?, ?)", rows[name])
                    elif rows.get(name):
                        _bulk_insert(con, name, rows[name])
        con.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [path, sha, size, status, reason, run_id, seconds])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def export(con, fmt: str, outdir: Path, bom: bool = False) -> list[Path]:
    """Every table of the dataset to OUTDIR/<table>.parquet or .csv (each written to a temporary
    name, then renamed), through DuckDB's relation API: no path is pasted into SQL, so any folder
    name works (it's-out); then OUTDIR/datapackage.json, a Frictionless data package describing
    them (Table Schemas from the column types, keys to documents). bom: each CSV starts with a
    UTF-8 byte order mark (for Excel; `export --excel`). Returns the paths written.
    Raises duckdb.Error or OSError."""
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in [n for n in SCHEMA if n not in NOT_EXPORTED] + ["meta"]:
        target = outdir / f"{name}.{fmt}"
        tmp = outdir / f".{name}.{fmt}.tmp"
        rel = con.table(name)
        if fmt == "parquet":
            rel.write_parquet(str(tmp))
        else:
            rel.write_csv(str(tmp), header=True)
            if bom:
                _start_with_bom(tmp)
        tmp.replace(target)
        written.append(target)
    from disclosure.emit import atomic, datapackage

    package = outdir / "datapackage.json"
    atomic.write_text(package, datapackage.for_export(con, [n for n in SCHEMA if n not in NOT_EXPORTED] + ["meta"],
                                                      fmt, EXPORT_KEYS, EXPORT_NOTES))
    written.append(package)
    return written


def _start_with_bom(path: Path) -> None:
    """Put a UTF-8 byte order mark before the text of `path` (copied through a second temporary
    file, a block at a time: an export's line_items.csv may be large)."""
    import shutil

    marked = path.with_name(path.name + ".bom")
    with open(path, "rb") as src, open(marked, "wb") as dst:
        dst.write(b"\xef\xbb\xbf")
        shutil.copyfileobj(src, dst, 1 << 20)
    marked.replace(path)


# primary and foreign keys of the exported tables (datapackage.json): a document's rows name it.
# findings and ledger also hold the joint check of a disclosure in two volumes under its
# disclosure_id (no document's id), so their document_id is a key into documents or disclosures,
# which a Table Schema foreign key cannot say: they get none, and the field says so (EXPORT_NOTES).
JOINT_TABLES = ("findings", "ledger")
EXPORT_KEYS = {"runs": (["run_id"], []), "files": (["path"], []), "documents": (["document_id"], []),
               "meta": (["key"], [])} | {name: ([], [(["document_id"], "documents", ["document_id"])])
                                         for name in DOCUMENT_TABLES if name != "documents"} \
              | {name: ([], []) for name in JOINT_TABLES}
EXPORT_NOTES = {name: {"document_id": "the document's document_id (documents), or for the joint check of a "
                                      "disclosure printed in two volumes its disclosure_id (disclosures)"}
                for name in JOINT_TABLES}
