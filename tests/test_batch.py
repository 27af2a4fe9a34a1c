"""Issue #6: a batch over the corpus plus broken files, reruns, a changed file, and a batch killed
with SIGKILL and resumed: the dataset equals an uninterrupted run, row for row."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import CORPUS, SEED_TEXT, corpus_file, extracted
from slow_pdf import write_slow_pdf

duckdb = pytest.importorskip("duckdb", reason="the batch extra (duckdb) is not installed")
pytestmark = pytest.mark.corpus

DATA_TABLES = ("documents", "pages", "tables", "line_items", "paragraphs", "facts", "projects", "project_costs", "indicators",
               "findings", "ledger")


def _batch(*args, timeout=600):
    return subprocess.run([sys.executable, "-m", "disclosure", "batch", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout)


def _broken(folder: Path) -> Path:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    folder.mkdir()
    good = corpus_file("jiangsu-renda-2019-budget.pdf").read_bytes()
    (folder / "truncated.pdf").write_bytes(good[: len(good) // 3])
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "notes.pdf").write_text("这不是PDF，只是一个文本文件。\n", encoding="utf-8")
    c = canvas.Canvas(str(folder / "locked.pdf"), encrypt=StandardEncryption("secret", canPrint=0))
    c.drawString(100, 700, "locked")
    c.save()
    write_slow_pdf(folder / "hangs.pdf")
    return folder


def _files(db: Path) -> dict[str, tuple[str, str]]:
    con = duckdb.connect(str(db), read_only=True)
    out = {Path(p).name: (s, r) for p, s, r in con.execute("SELECT path, status, reason FROM files").fetchall()}
    con.close()
    return out


def _count(db: Path, table: str) -> int:
    con = duckdb.connect(str(db), read_only=True)
    n = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    con.close()
    return n


def test_batch_corpus_broken_files_reruns_and_a_changed_file(tmp_path):
    broken = _broken(tmp_path / "broken")
    changing = tmp_path / "changing"
    changing.mkdir()
    mine = changing / "copy-of-shengweiban-2018-text.pdf"
    shutil.copy(corpus_file("jiangsu-shengweiban-2018-budget-text.pdf"), mine)
    db = tmp_path / "dataset.duckdb"

    first = _batch(CORPUS, broken, changing, "--db", db, "--workers", 2, "--timeout", 8, "--log-json")
    assert first.returncode == 1, first.stderr[-2000:]
    files = _files(db)
    pdfs = sorted(p.name for p in CORPUS.glob("*.pdf"))
    # the batch reads folders recursively: the corpus's PDFs and the page texts under fujian/
    texts = sorted(p.name for p in CORPUS.rglob("*.txt"))
    docs = pdfs + texts
    assert all(files[name][0] == "ok" for name in docs)
    assert files[mine.name][0] == "ok"
    assert files["truncated.pdf"][0] == "failed" and "corrupt or truncated" in files["truncated.pdf"][1]
    assert files["empty.pdf"] == ("failed", "empty file (0 bytes)")
    assert files["notes.pdf"][0] == "failed" and "not a PDF" in files["notes.pdf"][1]
    assert files["locked.pdf"][0] == "failed" and "encrypted" in files["locked.pdf"][1]
    assert files["hangs.pdf"] == ("timed_out", "no result within 8 s")
    # the copy holds the same content as a corpus file: one document, two paths
    assert _count(db, "documents") == len(docs)
    # the audit ledger: every rule once for every document, each in one of the five states
    from disclosure.checks import RULE_IDS
    con = duckdb.connect(str(db), read_only=True)
    per_doc = con.execute("SELECT document_id, count(*), count(DISTINCT rule) FROM ledger "
                          "WHERE document_id IN (SELECT document_id FROM documents) GROUP BY 1").fetchall()
    # and for each disclosure printed in two volumes (the four Jiangsu pairs), its joint check's
    paired = con.execute("SELECT x.department_key || ' ' || x.year, count(DISTINCT l.rule) FROM disclosures x "
                         "JOIN ledger l ON l.document_id = x.disclosure_id GROUP BY 1 ORDER BY 1").fetchall()
    states = {s for (s,) in con.execute("SELECT DISTINCT state FROM ledger").fetchall()}
    # facts keep how their subject is linked and which figure they are, as facts.csv has them
    facts = con.execute("SELECT fact_index, link, basis FROM facts JOIN documents USING (document_id) "
                        "WHERE documents.path LIKE '%jiangsu-jianchayuan-2018-budget.pdf' ORDER BY 1").fetchall()
    con.close()
    assert facts == [(f.index, f.link, f.basis) for f in extracted(corpus_file("jiangsu-jianchayuan-2018-budget.pdf")).facts]
    assert ("code", "budget") in {(link, basis) for _, link, basis in facts}
    assert len(per_doc) == len(docs) and {(n, k) for _, n, k in per_doc} == {(len(RULE_IDS), len(RULE_IDS))}
    assert [n for n, _ in paired] == ["江苏省人大常委会办公厅 2019", "江苏省委办公厅 2017", "江苏省委办公厅 2018",
                                      "江苏省委办公厅 2019"]
    assert {k for _, k in paired} == {len(RULE_IDS)}
    assert states <= {"pass", "fail", "not_applicable", "insufficient_data", "not_read"} and "pass" in states
    events = [json.loads(line) for line in first.stderr.splitlines() if line.startswith("{")]
    assert {e["event"] for e in events} >= {"start", "file", "end"}

    second = _batch(CORPUS, broken, changing, "--db", db, "--workers", 2, "--timeout", 8)
    assert second.returncode == 0, second.stderr[-2000:]
    assert f"run 2: 0 processed, {len(docs) + 6} unchanged, 0 failed, 0 timed out" in second.stderr

    with open(mine, "ab") as f:
        f.write(b"\n% appended by the test: new bytes, same pages\n")
    third = _batch(CORPUS, broken, changing, "--db", db, "--workers", 2, "--timeout", 8)
    assert third.returncode == 0, third.stderr[-2000:]
    assert f"run 3: 1 processed, {len(docs) + 5} unchanged" in third.stderr
    assert _count(db, "documents") == len(docs) + 1  # the changed copy is a document of its own now


def test_a_moved_or_copied_file_is_not_read_again_and_its_document_follows_it(tmp_path):
    """A nightly job's portal renames a file, or mirrors it under a second name: the bytes were read
    before, so neither is read again (it was: a rename was a document read twice, and the document
    kept the path that was gone). The document's path follows the moved file; both new paths are
    recorded ok, saying whose content they hold; a rerun finds them unchanged."""
    folder = tmp_path / "portal"
    folder.mkdir()
    first = folder / "a.txt"
    shutil.copy(SEED_TEXT, first)
    db = tmp_path / "d.duckdb"
    r = _batch(folder, "--db", db)
    assert r.returncode == 0 and "run 1: 1 processed" in r.stderr, r.stderr[-2000:]
    moved = folder / "b.txt"
    first.rename(moved)
    shutil.copy(moved, folder / "c.txt")
    r = _batch(folder, "--db", db, "--log-json")
    assert r.returncode == 0, r.stderr[-2000:]
    events = {Path(e["file"]).name: e for e in map(json.loads, r.stderr.splitlines()) if e.get("event") == "file"}
    assert {k: (e["status"], e["reason"]) for k, e in events.items()} == {
        "b.txt": ("skipped", f"same content as {first}, read before"),
        "c.txt": ("skipped", f"same content as {moved}, read before")}
    files = _files(db)
    assert files["b.txt"] == ("ok", f"same content as {first}, read before") and files["a.txt"] == ("ok", "")
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT path FROM documents").fetchall() == [(str(moved),)]
    assert con.execute("SELECT count(*) FROM line_items").fetchone()[0] > 0
    con.close()
    assert "run 3: 0 processed, 2 unchanged" in _batch(folder, "--db", db).stderr


def _dataset_of_version(db: Path, version: int, schema: dict[str, str]):
    """Writes an old dataset at db: its meta says version, its tables are schema (table -> columns),
    and file a.pdf was read ok as document abc. Returns the open connection, to add rows."""
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute("INSERT INTO meta VALUES ('dataset_version', ?)", [str(version)])
    for name, cols in schema.items():
        con.execute(f"CREATE TABLE {name} ({cols})")
    con.execute("INSERT INTO files VALUES ('a.pdf', 'abc', 1, 'ok', '', 1, 0.5)")
    con.execute("INSERT INTO documents (document_id, path) VALUES ('abc', 'a.pdf')")
    return con


def _dump(db: Path) -> dict[str, list]:
    con = duckdb.connect(str(db), read_only=True)
    out = {t: sorted(map(repr, con.execute(f"SELECT * FROM {t}").fetchall())) for t in DATA_TABLES}
    out["files"] = sorted(con.execute("SELECT path, sha256, size, status, reason FROM files").fetchall())
    con.close()
    return out


def test_killed_batch_resumes_without_lost_or_duplicated_rows(tmp_path):
    names = ["putuo-wanli-2024-dept-budget.pdf", "putuo-wanli-2025-dept-budget.pdf",
             "jiangsu-jianchayuan-2019-budget.pdf", "jiangsu-rendaban-2017-budget.pdf",
             "putuo-guihuaziyuan-2024-final-accounts.pdf", "jiangsu-jianchayuan-2018-budget.pdf"]
    inputs = [corpus_file(n) for n in names]
    whole = tmp_path / "whole.duckdb"
    assert _batch(*inputs, "--db", whole, "--workers", 2).returncode == 0

    killed = tmp_path / "killed.duckdb"
    proc = subprocess.Popen([sys.executable, "-m", "disclosure", "batch", *map(str, inputs), "--db", str(killed),
                             "--workers", "2", "--log-json"], stderr=subprocess.PIPE, text=True)
    done = 0
    deadline = time.monotonic() + 300
    for line in proc.stderr:
        if '"event": "file"' in line:
            done += 1
            if done == 2:
                break
        assert time.monotonic() < deadline
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = _files(killed)
    assert 2 <= sum(1 for s, _ in partial.values() if s == "ok") < len(names)

    resumed = _batch(*inputs, "--db", killed, "--workers", 2)
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    assert _dump(killed) == _dump(whole)


def test_batch_on_a_local_dask_cluster_lands_the_same_rows(tmp_path):
    distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")
    names = ["putuo-wanli-2025-dept-budget.pdf", "jiangsu-rendaban-2019-budget-tables.pdf",
             "jiangsu-shengweiban-2018-budget-text.pdf"]
    (tmp_path / "empty.pdf").write_bytes(b"")
    (tmp_path / "huge.pdf").write_bytes(b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024))
    inputs = [corpus_file(n) for n in names] + [tmp_path / "empty.pdf", tmp_path / "huge.pdf"]
    local = tmp_path / "local.duckdb"
    assert _batch(*inputs, "--db", local, "--workers", 2, "--max-size", 1).returncode == 1
    assert _files(local)["huge.pdf"] == ("failed", "file too large (2 MB > --max-size 1 MB)")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, protocol="tcp",
                                  dashboard_address=None) as cluster:
        on_dask = tmp_path / "dask.duckdb"
        r = _batch(*inputs, "--db", on_dask, "--scheduler", cluster.scheduler_address, "--max-size", 1)
        assert r.returncode == 1, r.stderr[-2000:]
    assert _dump(on_dask) == _dump(local)
    assert _files(on_dask)["empty.pdf"] == ("failed", "empty file (0 bytes)")


def test_version_2_dataset_gains_what_3_added(tmp_path):
    """A dataset written before OCR (no pages table, no line_items.confidence) opens and takes rows."""
    import duckdb

    from disclosure.batch import dataset

    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    old = dataset.SCHEMA["line_items"].replace(", confidence DOUBLE", "")
    assert old != dataset.SCHEMA["line_items"]
    con.execute(f"CREATE TABLE line_items ({old})")
    con.close()
    con = dataset.connect(db)
    cols = [r[0] for r in con.execute("SELECT column_name FROM information_schema.columns "
                                      "WHERE table_name = 'line_items' ORDER BY ordinal_position").fetchall()]
    assert cols[-1] == "confidence"
    assert con.execute("SELECT count(*) FROM pages").fetchone()[0] == 0



def test_a_dataset_of_an_earlier_version_is_read_again(tmp_path):
    """Dataset version 4 changed the vocabularies (table types 2.0, measures and bases): a version 3
    dataset keeps its files and runs, loses its documents' rows, and its files are read again."""
    from disclosure.batch import dataset

    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute("INSERT INTO meta VALUES ('dataset_version', '3')")
    con.execute("CREATE TABLE files (path VARCHAR PRIMARY KEY, sha256 VARCHAR, size BIGINT, status VARCHAR, "
                "reason VARCHAR, run_id INTEGER, seconds DOUBLE)")
    con.execute("INSERT INTO files VALUES ('a.pdf', 'abc', 1, 'ok', '', 1, 0.5), ('b.pdf', 'def', 1, 'failed', 'x', 1, 0)")
    con.execute("CREATE TABLE line_items (document_id VARCHAR, table_index INTEGER)")
    con.execute("INSERT INTO line_items VALUES ('abc', 1)")
    con.close()
    con = dataset.connect(db)
    assert con.execute("SELECT value FROM meta WHERE key = 'dataset_version'").fetchone()[0] == str(
        dataset.DATASET_VERSION) == "10"
    assert con.execute("SELECT count(*) FROM line_items").fetchone()[0] == 0
    cols = [r[0] for r in con.execute("SELECT column_name FROM information_schema.columns "
                                      "WHERE table_name = 'line_items'").fetchall()]
    assert "basis" in cols and "confidence" in cols
    assert sorted(con.execute("SELECT path, sha256, status FROM files").fetchall()) == [
        ("a.pdf", "", "ok"), ("b.pdf", "def", "failed")]
    assert dataset.known(con)["a.pdf"][0] == ""  # not the file's hash: the next run reads it again
    con.close()


def test_a_version_7_dataset_is_read_again_for_its_counts(tmp_path):
    """Dataset version 8 (measures 2.1): counts (团组数, 人次, 保有量（辆）) are measure count with their
    counted unit and no value_yuan, where version 7 held them as money: a version 7 dataset's
    documents are read again."""
    from disclosure.batch import dataset

    db = tmp_path / "v7.duckdb"
    con = _dataset_of_version(db, 7, dataset.SCHEMA)
    con.execute("INSERT INTO line_items (document_id, measure, unit, value, value_yuan) "
                "VALUES ('abc', 'amount', '万元', 65, 650000)")
    con.close()
    con = dataset.connect(db)
    assert con.execute("SELECT value FROM meta WHERE key = 'dataset_version'").fetchone()[0] == "10"
    assert con.execute("SELECT count(*) FROM line_items").fetchone()[0] == 0
    assert con.execute("SELECT path, sha256, status FROM files").fetchall() == [("a.pdf", "", "ok")]
    assert "version 7" in con.execute("SELECT reason FROM files").fetchone()[0]


def test_a_version_8_dataset_gains_the_findings_unit_and_is_read_again(tmp_path):
    """Dataset version 9: findings.unit says what left_value, right_value and difference are in
    (万元 or 元, %, 年), and narrative.zero_base's left_value became the base in 元 (version 8 had the
    printed %): a version 8 dataset gains the column, and its documents are read again."""
    from disclosure.batch import dataset

    db = tmp_path / "v8.duckdb"
    con = _dataset_of_version(db, 8, {name: cols.replace(", unit VARCHAR", "") if name == "findings" else cols
                                      for name, cols in dataset.SCHEMA.items()})
    con.execute("INSERT INTO findings (document_id, rule, left_value) VALUES ('abc', 'narrative.zero_base', 100)")
    con.close()
    con = dataset.connect(db)
    cols = [r[0] for r in con.execute("SELECT column_name FROM information_schema.columns WHERE table_name = "
                                      "'findings' ORDER BY ordinal_position").fetchall()]
    assert cols[-2:] == ["evidence", "unit"]
    assert con.execute("SELECT count(*) FROM findings").fetchone()[0] == 0
    assert con.execute("SELECT path, sha256, status FROM files").fetchall() == [("a.pdf", "", "ok")]
    assert "version 8" in con.execute("SELECT reason FROM files").fetchone()[0]


def test_a_version_9_dataset_is_read_again_for_its_table_types(tmp_path):
    """Dataset version 10 (table types 2.1, issue #12): a 部门基本支出预算表 that a version 9 batch typed
    expenditure_summary (and compared as one) is basic_expenditure now, so a version 9 dataset's
    documents are read again."""
    from disclosure.batch import dataset

    db = tmp_path / "v9.duckdb"
    con = _dataset_of_version(db, 9, dataset.SCHEMA)
    con.execute("INSERT INTO line_items (document_id, table_type) VALUES ('abc', 'expenditure_summary')")
    con.close()
    con = dataset.connect(db)
    assert con.execute("SELECT value FROM meta WHERE key = 'dataset_version'").fetchone()[0] == "10"
    assert con.execute("SELECT count(*) FROM line_items").fetchone()[0] == 0
    assert con.execute("SELECT path, sha256, status FROM files").fetchall() == [("a.pdf", "", "ok")]
    assert "version 9" in con.execute("SELECT reason FROM files").fetchone()[0]


def test_a_version_4_dataset_gains_the_ledger_and_is_read_again(tmp_path):
    """Dataset version 5 added the audit ledger (issue #13): a version 4 dataset gains the ledger table,
    keeps its files and runs, loses its documents' rows (they have no ledger) and its files are read
    again, so that no document of the dataset lacks its ledger."""
    from disclosure.batch import dataset

    db = tmp_path / "v4.duckdb"
    con = _dataset_of_version(db, 4, {name: cols for name, cols in dataset.SCHEMA.items() if name != "ledger"})
    con.execute("INSERT INTO findings (document_id, rule) VALUES ('abc', 'table.hierarchy_sum')")
    con.close()
    con = dataset.connect(db)
    assert con.execute("SELECT value FROM meta WHERE key = 'dataset_version'").fetchone()[0] == str(dataset.DATASET_VERSION)
    cols = [r[0] for r in con.execute("SELECT column_name FROM information_schema.columns WHERE table_name = 'ledger' "
                                      "ORDER BY ordinal_position").fetchall()]
    assert cols[:3] == ["document_id", "rule", "state"] and "not_read_count" in cols
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM findings").fetchone()[0] == 0
    assert con.execute("SELECT path, sha256, status FROM files").fetchall() == [("a.pdf", "", "ok")]
    assert "version 4" in con.execute("SELECT reason FROM files").fetchone()[0]
