"""Issue #19, batch: a worker killed mid-file is `crashed` and the next run completes the dataset
row for row; a batch killed with SIGKILL leaves no process behind and its run is marked
interrupted by the next; symlinks out of the input folder and non-regular files are recorded,
not read."""
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

from conftest import ROOT, SAMPLE_PDF, SEED_TEXT
from slow_pdf import write_slow_pdf

duckdb = pytest.importorskip("duckdb", reason="the batch extra (duckdb) is not installed")
psutil = pytest.importorskip("psutil", reason="psutil lists the batch's processes")
sys.path.insert(0, str(ROOT / "samples"))
import hostile  # noqa: E402

DATA_TABLES = ("documents", "pages", "tables", "line_items", "paragraphs", "facts", "projects", "project_costs",
               "indicators", "findings", "ledger")


def _batch(*args, env=None, timeout=300):
    return subprocess.run([sys.executable, "-m", "disclosure", "batch", *map(str, args)], capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, **(env or {})}, cwd=ROOT)


def _query(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _dump(db: Path) -> dict[str, list]:
    out = {t: sorted(map(repr, _query(db, f"SELECT * FROM {t}"))) for t in DATA_TABLES}
    out["files"] = sorted(_query(db, "SELECT path, sha256, size, status, reason FROM files"))
    return out


def _inputs(folder: Path) -> Path:
    folder.mkdir()
    shutil.copy(SEED_TEXT, folder / "seed.txt")
    shutil.copy(SAMPLE_PDF, folder / "sample.pdf")
    (folder / "plain.pdf").write_bytes(hostile.plain(pages=3))
    return folder


def test_a_worker_killed_mid_file_is_crashed_and_the_rerun_completes_the_dataset(tmp_path):
    docs = _inputs(tmp_path / "docs")
    whole = tmp_path / "whole.duckdb"
    assert _batch(docs, "--db", whole, "--workers", 2).returncode == 0

    db = tmp_path / "killed.duckdb"
    first = _batch(docs, "--db", db, "--workers", 2, env={"DISCLOSURE_TEST_CRASH": "sample.pdf"})
    assert first.returncode == 1, first.stderr[-2000:]
    status = {Path(p).name: (s, r) for p, s, r in _query(db, "SELECT path, status, reason FROM files")}
    assert status["sample.pdf"][0] == "crashed" and "SIGKILL" in status["sample.pdf"][1], status
    assert status["seed.txt"][0] == "ok" and status["plain.pdf"][0] == "ok"
    assert "0 failed, 0 timed out, 1 crashed" in first.stderr

    again = _batch(docs, "--db", db, "--workers", 2)  # no --retry-failed: a crash is not the file's doing
    assert again.returncode == 0, again.stderr[-2000:]
    assert "run 2: 1 processed, 2 unchanged, 0 failed, 0 timed out, 0 crashed" in again.stderr
    assert _dump(db) == _dump(whole)


def test_a_killed_batch_leaves_no_process_and_is_marked_interrupted(tmp_path):
    slow = tmp_path / "slow"
    slow.mkdir()
    write_slow_pdf(slow / "a.pdf")
    write_slow_pdf(slow / "b.pdf", operators=3_000_001)
    db = tmp_path / "d.duckdb"
    proc = subprocess.Popen([sys.executable, "-m", "disclosure", "batch", str(slow), "--db", str(db), "--workers", "2",
                             "--timeout", "600"], cwd=ROOT, stderr=subprocess.DEVNULL)
    me = psutil.Process(proc.pid)
    deadline = time.monotonic() + 120
    family: set = set()
    while time.monotonic() < deadline:  # the forkserver, the resource tracker and two workers
        family |= set(me.children(recursive=True))
        if len([p for p in family if p.is_running()]) >= 4:
            break
        time.sleep(0.2)
    assert len(family) >= 3, family
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    time.sleep(2)
    left = [p for p in family if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    assert left == [], [(p.pid, p.cmdline()) for p in left]
    assert _query(db, "SELECT run_id, status FROM runs") == [(1, "running")]

    r = _batch(SEED_TEXT, "--db", db, "--workers", 1)
    assert r.returncode == 0, r.stderr[-2000:]
    assert sorted(_query(db, "SELECT run_id, status FROM runs")) == [(1, "interrupted"), (2, "ok")]


def test_symlinks_out_of_the_tree_and_fifos_are_recorded_not_read(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(SEED_TEXT, docs / "seed.txt")
    outside = tmp_path / "secret.txt"
    outside.write_text("private", encoding="utf-8")
    (docs / "link.txt").symlink_to(outside)
    (docs / "inside.txt").symlink_to(docs / "seed.txt")  # inside the tree: the same file, once
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    db = tmp_path / "d.duckdb"
    r = _batch(docs, fifo, "--db", db, "--workers", 1, timeout=120)
    assert r.returncode == 1, r.stderr[-2000:]
    files = {Path(p).name: (s, r) for p, s, r in _query(db, "SELECT path, status, reason FROM files")}
    assert files["link.txt"] == ("failed", f"symlink out of the input folder (-> {outside}): not followed")
    assert files["pipe.pdf"] == ("failed", "not a regular file: refused")
    assert files["seed.txt"][0] == "ok" and "secret.txt" not in files and "inside.txt" not in files
    assert "private" not in str(_query(db, "SELECT * FROM paragraphs"))


def test_a_folder_contributes_every_format_extract_reads(tmp_path):
    """A folder's spreadsheets and web pages are documents of the batch, not silently left out (the
    format is the content's; the suffix only says which files of a folder are candidates)."""
    folder = tmp_path / "downloads" / "2021" / "喀什 地区"
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "samples" / "kashgar-2021-budget.xlsx", folder / "预算 表.xlsx")
    shutil.copy(ROOT / "samples" / "kashgar-2021-budget.html", folder.parent / "page.htm")
    (folder / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # not a format extract reads: not a candidate
    # a sheet saved as CSV and an Excel 2003 XML spreadsheet are candidates; a feed's XML, and the CSVs
    # of a folder `disclosure extract` wrote (document.json beside them, or its tables/) are not
    (folder / "附件3.csv").write_text("测试局2021年一般公共预算支出情况表,,\n,,单位：万元\n科目编码,科目名称,合计\n"
                                     "205,教育支出,\"1,234.50\"\n20502,普通教育,\"1,234.50\"\n", encoding="utf-8")
    (folder / "表4.xml").write_text('<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook '
                                   'xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-'
                                   'microsoft-com:office:spreadsheet"><Worksheet ss:Name="表4"><Table><Row><Cell>'
                                   '<Data ss:Type="String">测试局2021年部门收入预算表</Data></Cell></Row></Table>'
                                   '</Worksheet></Workbook>', encoding="utf-8")
    (folder / "feed.xml").write_text('<?xml version="1.0"?><rss><channel><title>通知</title></channel></rss>',
                                     encoding="utf-8")
    out = folder / "out" / "page"
    (out / "tables").mkdir(parents=True)
    (out / "document.json").write_text("{}", encoding="utf-8")
    (out / "line_items.csv").write_text("document,table_index,code\npage.htm,1,301\n", encoding="utf-8")
    (out / "tables" / "01-x.csv").write_text("part,page,a,b\nbody,1,x,1\n", encoding="utf-8")
    db = tmp_path / "d.duckdb"
    run = _batch(tmp_path / "downloads", "--db", db, "--workers", 1)
    assert run.returncode == 0, run.stderr[-2000:]
    files = sorted((Path(p).name, s) for p, s in _query(db, "SELECT path, status FROM files"))
    assert files == [("page.htm", "ok"), ("表4.xml", "ok"), ("附件3.csv", "ok"), ("预算 表.xlsx", "ok")]
    # both read as the seed's tables: 301 工资福利支出 753.67 (万元) in each
    wages = _query(db, "SELECT d.source, l.printed FROM line_items l JOIN documents d USING (document_id) "
                       "WHERE l.code = '301' AND l.table_type = 'general_budget_basic_expenditure' "
                       "AND l.column_path LIKE '%合计' ORDER BY 1")
    assert wages == [("page.htm", "753.67"), ("预算 表.xlsx", "753.67")]


def test_a_folder_scan_says_which_csv_is_no_disclosure_and_skips_the_tools_own(tmp_path):
    """A chart-of-accounts list saved as .csv in a scanned folder was 4258 line items of a document
    with no finding; it is read (a folder's CSVs are candidates) and its findings say
    form.not_a_disclosure, while a disclosure beside it does not. The CSVs of a folder `check -o`
    wrote (findings.json beside them) and of an `export` (datapackage.json beside line_items.csv)
    are outputs, not inputs; a portal's data package (no line_items.csv) is read."""
    folder = tmp_path / "downloads"
    folder.mkdir()
    shutil.copy(ROOT / "samples" / "chart_snapshot.csv", folder / "chart.csv")
    shutil.copy(SEED_TEXT, folder / "seed.txt")
    checked = folder / "checked" / "seed-txt"
    checked.mkdir(parents=True)
    (checked / "findings.json").write_text("{}", encoding="utf-8")
    (checked / "findings.csv").write_text("rule,severity\ntable.row_sum,error\n", encoding="utf-8")
    exported = folder / "export"
    exported.mkdir()
    (exported / "datapackage.json").write_text("{}", encoding="utf-8")
    (exported / "line_items.csv").write_text("document_id,code\n1,301\n", encoding="utf-8")
    portal = folder / "portal"
    portal.mkdir()
    (portal / "datapackage.json").write_text("{}", encoding="utf-8")
    (portal / "附件3.csv").write_text("测试局2021年一般公共预算支出情况表,,\n,,单位：万元\n科目编码,科目名称,合计\n"
                                    "205,教育支出,\"1,234.50\"\n20502,普通教育,\"1,234.50\"\n", encoding="utf-8")
    db = tmp_path / "d.duckdb"
    run = _batch(folder, "--db", db, "--workers", 1)
    assert run.returncode == 0, run.stderr[-2000:]
    assert sorted((Path(p).name, s) for p, s in _query(db, "SELECT path, status FROM files")) == [
        ("chart.csv", "ok"), ("seed.txt", "ok"), ("附件3.csv", "ok")]
    flagged = _query(db, "SELECT d.source FROM findings f JOIN documents d USING (document_id) "
                         "WHERE f.rule = 'form.not_a_disclosure'")
    assert flagged == [("chart.csv",)]


def test_a_missing_input_folder_is_recorded_as_failed_not_ignored(tmp_path):
    """A folder named on the command line that is not there (a typo, a share not mounted tonight) is a
    failed input of the run (exit 1, a line on stderr, a row in `files`), not silently left out of a
    run that then exits 0; named alone, the batch cannot run (exit 2) and says which path is missing.
    A glob pattern matching nothing is not a missing path."""
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(SEED_TEXT, docs / "seed.txt")
    missing = tmp_path / "not-mounted"
    db = tmp_path / "d.duckdb"
    r = _batch(docs, missing, str(tmp_path / "none-yet" / "*.pdf"), "--db", db, "--workers", 1)
    assert r.returncode == 1, r.stderr[-2000:]
    assert f"disclosure: failed: {missing}: no such file or folder" in r.stderr
    assert sorted((Path(p).name, s, why) for p, s, why in _query(db, "SELECT path, status, reason FROM files")) == [
        ("not-mounted", "failed", "no such file or folder"), ("seed.txt", "ok", "")]
    alone = _batch(missing, "--db", tmp_path / "e.duckdb", "--workers", 1)
    assert alone.returncode == 2 and f"disclosure: error: no such file or folder: {missing}" in alone.stderr
    # mounted the next night: its files are read and the folder's failed row goes
    missing.mkdir()
    shutil.copy(SEED_TEXT, missing / "late.txt")
    later = _batch(docs, missing, "--db", db, "--workers", 1)
    assert later.returncode == 0, later.stderr[-2000:]
    assert sorted((Path(p).name, s) for p, s in _query(db, "SELECT path, status FROM files")) == [
        ("late.txt", "ok"), ("seed.txt", "ok")]


def test_an_unchanged_file_read_under_other_settings_is_said_not_quietly_kept(tmp_path):
    """A rerun with other settings (--setting min_tested=10) skips an unchanged file, as before, but
    says so with what differs (a warning, in JSON too) so the dataset's stale findings are not
    mistaken for this run's; the same settings again say nothing; --force reads it again under them."""
    db = tmp_path / "d.duckdb"
    assert _batch(SEED_TEXT, "--db", db, "--workers", 1).returncode == 0
    again = _batch(SEED_TEXT, "--db", db, "--workers", 1, "--setting", "min_tested=10", "--log-json")
    assert again.returncode == 0, again.stderr[-2000:]
    [event] = [e for e in map(json.loads, again.stderr.splitlines()) if e["event"] == "file"]
    assert (event["level"], event["status"]) == ("warning", "skipped")
    assert event["reason"] == ("unchanged, read under other settings (min_tested 3 -> 10): "
                               "--force reads it again under these")
    same = _batch(SEED_TEXT, "--db", db, "--workers", 1)
    assert same.returncode == 0 and "other settings" not in same.stderr
    forced = _batch(SEED_TEXT, "--db", db, "--workers", 1, "--setting", "min_tested=10", "--force")
    assert forced.returncode == 0 and "1 processed" in forced.stderr
    [(recorded,)] = _query(db, "SELECT json_extract_string(settings, '$.min_tested') FROM documents")
    assert recorded == "10"


def test_a_rerun_says_how_many_unchanged_files_are_still_unread(tmp_path):
    """The second run over a folder with an empty file exits 0 (every file *of this run* is ok: the
    empty one is skipped as failed before), so a scheduler sees nothing wrong; the summary now says
    that one unchanged file is still unread, and the JSON `end` event counts it (failed_before)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(SEED_TEXT, docs / "seed.txt")
    (docs / "empty.pdf").write_bytes(b"")
    db = tmp_path / "d.duckdb"
    assert _batch(docs, "--db", db, "--workers", 1).returncode == 1
    again = _batch(docs, "--db", db, "--workers", 1)
    assert again.returncode == 0, again.stderr[-2000:]
    assert "run 2: 0 processed, 2 unchanged, 0 failed, 0 timed out, 0 crashed" in again.stderr
    assert ("1 of the unchanged failed or timed out before and were not read again (--retry-failed reads them)"
            in again.stderr)
    logged = _batch(docs, "--db", db, "--workers", 1, "--log-json")
    end = json.loads(logged.stderr.splitlines()[-1])
    assert (end["event"], end["skipped"], end["failed_before"], end["failed"]) == ("end", 2, 1, 0)


def test_a_file_gone_from_a_folder_since_the_last_run_is_said(tmp_path):
    """A document withdrawn from the site (its file deleted) stayed in the dataset as `ok` and no run
    said so. Its rows are still kept (a folder not mounted must not wipe a dataset), but the run says
    which files read before under the folders named are gone, and `end` counts them."""
    docs = tmp_path / "docs"
    (docs / "2021").mkdir(parents=True)
    shutil.copy(SEED_TEXT, docs / "2021" / "withdrawn.txt")
    (docs / "kept.txt").write_text(SEED_TEXT.read_text(encoding="utf-8") + "\n附：另一份\n", encoding="utf-8")
    db = tmp_path / "d.duckdb"
    assert _batch(docs, "--db", db, "--workers", 1).returncode == 0
    (docs / "2021" / "withdrawn.txt").unlink()
    again = _batch(docs, "--db", db, "--workers", 1)
    assert again.returncode == 0, again.stderr[-2000:]
    gone = (docs / "2021" / "withdrawn.txt").resolve()
    assert (f"  1 files read by an earlier run under these folders are gone (their rows are kept): {gone}"
            in again.stderr.splitlines())
    assert _query(db, "SELECT count(*) FROM documents") == [(2,)]
    logged = _batch(docs, "--db", db, "--workers", 1, "--log-json")
    end = json.loads(logged.stderr.splitlines()[-1])
    assert (end["event"], end["gone"], end["skipped"]) == ("end", 1, 1)


def test_a_library_that_cannot_be_mapped_under_the_memory_limit_is_the_limit_not_the_file(monkeypatch):
    """Under a low --max-memory the loader cannot map pdfium (OSError: failed to map segment from
    shared object): that is the memory limit, so the file is `crashed` and read again by the next
    run, not `failed` and skipped as the same bytes failing the same way. A file's own OSError stays
    its failure."""
    from disclosure import pipeline, worker
    from disclosure.batch import runner

    def unmappable(*a, **k):
        raise OSError("/usr/lib/python3/site-packages/pypdfium2_raw/libpdfium.so: failed to map segment from "
                      "shared object")
    monkeypatch.setattr(pipeline, "extract", unmappable)
    status, reason = runner.extract_rows("a.pdf", "1")
    assert status == "crashed" and reason.startswith("memory limit reached")
    assert worker.out_of_memory(OSError(12, "Cannot allocate memory")) and worker.out_of_memory(MemoryError())

    def missing(*a, **k):
        raise FileNotFoundError(2, "No such file or directory", "a.pdf")
    monkeypatch.setattr(pipeline, "extract", missing)
    assert runner.extract_rows("a.pdf", "1")[0] == "failed"


def test_a_terminated_batch_ends_its_run_as_interrupted_and_exits_143(tmp_path):
    """SIGTERM (a scheduler stopping the job): the batch stops its workers, marks its run
    interrupted with the counts so far, says its end event, and exits 143; it no longer died
    mid-way leaving the run `running` until the next run (exit 143 with no end event)."""
    slow = tmp_path / "slow"
    slow.mkdir()
    shutil.copy(SEED_TEXT, slow / "a-seed.txt")
    write_slow_pdf(slow / "b.pdf", operators=3_000_001)
    db = tmp_path / "d.duckdb"
    proc = subprocess.Popen([sys.executable, "-m", "disclosure", "batch", str(slow), "--db", str(db), "--workers", "1",
                             "--timeout", "600", "--log-json"], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    me = psutil.Process(proc.pid)
    events, family = [], set()
    for line in proc.stderr:  # the seed is read; then b.pdf's worker runs
        if line.startswith("{"):
            events.append(json.loads(line))
        if events and events[-1].get("event") == "file" and events[-1].get("status") == "ok":
            break
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        family |= set(me.children(recursive=True))
        if any("disclosure" in " ".join(p.cmdline()) or p.name().startswith("python") for p in family):
            break
        time.sleep(0.2)
    time.sleep(1)
    family |= set(me.children(recursive=True))
    proc.send_signal(signal.SIGTERM)
    rest = proc.stderr.read()
    assert proc.wait(timeout=60) == 143, rest[-2000:]
    events += [json.loads(x) for x in rest.splitlines() if x.startswith("{")]
    end = [e for e in events if e.get("event") == "end"]
    assert end and end[0]["run_status"] == "interrupted" and end[0]["processed"] == 1, events[-3:]
    assert end[0]["signal"] == "SIGTERM"
    assert any("terminated (SIGTERM)" in e.get("reason", "") for e in events if e.get("event") == "error")
    assert _query(db, "SELECT run_id, status, processed FROM runs") == [(1, "interrupted", 1)]
    assert _query(db, "SELECT count(*) FROM files WHERE status = 'ok'") == [(1,)]
    time.sleep(2)
    workers = [p for p in family if p.is_running() and p.status() != psutil.STATUS_ZOMBIE
               and "forkserver" not in " ".join(p.cmdline()) and "resource_tracker" not in " ".join(p.cmdline())]
    assert workers == [], [(p.pid, p.cmdline()) for p in workers]
