"""`disclosure export`: any output folder name (no path pasted into SQL), and the line items keep
the boxes that line_items.csv has."""
from __future__ import annotations

import csv
import io
import os
import subprocess
import sys

import pytest

from conftest import ROOT, SAMPLE_PDF

pytest.importorskip("duckdb", reason="the batch extra is not installed")


def _cli(*args, cwd=None):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "disclosure", *map(str, args)], capture_output=True, text=True,
                          timeout=600, env=env, cwd=cwd)


@pytest.fixture(scope="module")
def dataset_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("batch")
    db = folder / "budgets.duckdb"
    r = _cli("batch", SAMPLE_PDF, "--db", db, "--workers", 1)
    assert r.returncode == 0, r.stderr
    return db


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_export_to_a_folder_with_an_apostrophe(dataset_db, tmp_path, fmt):
    out = tmp_path / "it's-out"
    r = _cli("export", "--db", dataset_db, "--format", fmt, "-o", out)
    assert r.returncode == 0, r.stderr
    assert (out / f"line_items.{fmt}").is_file() and (out / f"documents.{fmt}").is_file()
    assert not list(out.glob(".*.tmp"))


def test_export_keeps_the_boxes_of_line_items_csv(dataset_db, tmp_path):
    out = tmp_path / "export"
    assert _cli("export", "--db", dataset_db, "--format", "csv", "-o", out).returncode == 0
    exported = list(csv.DictReader(io.StringIO((out / "line_items.csv").read_text(encoding="utf-8"))))
    r = _cli("extract", SAMPLE_PDF, "-o", tmp_path / "ex", "--format", "line_items")
    assert r.returncode == 0, r.stderr
    printed = list(csv.DictReader(io.StringIO(
        (tmp_path / "ex" / "kashgar-2021-budget-pdf" / "line_items.csv").read_text(encoding="utf-8"))))
    assert len(exported) == len(printed) == 72

    def key(row, column):
        return (int(row["table_index"]), row["side"], int(row["row_index"]), row[column])

    boxes = {key(row, "column_path"): tuple(float(row[c]) for c in ("x0", "top", "x1", "bottom")) for row in exported}
    for row in printed:
        assert boxes[key(row, "column")] == tuple(float(row[c]) for c in ("x0", "top", "x1", "bottom")), row
    # page 2, 一般公共预算 952.7: its box as line_items.csv gives it
    one = next(r for r in exported if r["name"] == "一般公共预算" and r["table_index"] == "1")
    assert (one["page"], one["x0"], one["top"]) == ("2", "183.2", "403.0")


def test_an_unwritable_export_folder_is_named_not_the_dataset(dataset_db, tmp_path):
    """-o naming a file: the error names the folder that cannot be written (it said
    "budgets.duckdb: FileExistsError", sending the user to a dataset that is fine); exit 2."""
    taken = tmp_path / "taken"
    taken.write_text("a file, not a folder", encoding="utf-8")
    r = _cli("export", "--db", dataset_db, "-o", taken)
    assert r.returncode == 2
    assert r.stderr.strip() == f"disclosure: error: {taken}: cannot write the export: File exists"
    bad = tmp_path / "not.duckdb"
    bad.write_text("junk", encoding="utf-8")  # a dataset that cannot be read is still the dataset's error
    r = _cli("export", "--db", bad, "-o", tmp_path / "out")
    assert r.returncode == 2 and r.stderr.startswith(f"disclosure: error: {bad}: ")


def test_excel_export_starts_every_csv_with_a_bom(dataset_db, tmp_path):
    """`extract --excel` has a twin on the export: without a byte order mark Excel reads the
    exported CSVs' Chinese as the local code page (a researcher's first look at line_items.csv)."""
    assert _cli("export", "--db", dataset_db, "--format", "csv", "-o", tmp_path / "plain").returncode == 0
    r = _cli("export", "--db", dataset_db, "--format", "csv", "--excel", "-o", tmp_path / "excel")
    assert r.returncode == 0, r.stderr
    csvs = sorted(p.name for p in (tmp_path / "excel").glob("*.csv"))
    assert csvs == sorted(p.name for p in (tmp_path / "plain").glob("*.csv")) and "line_items.csv" in csvs
    for name in csvs:
        raw = (tmp_path / "excel" / name).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), name
        assert raw[3:] == (tmp_path / "plain" / name).read_bytes(), name  # the same text after the mark
    assert not list((tmp_path / "excel").glob(".*"))  # no temporary file left
    assert not (tmp_path / "excel" / "datapackage.json").read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "excel" / "line_items.csv").read_text(encoding="utf-8-sig"))))
    assert next(r for r in rows if r["name"] == "一般公共预算")["document_id"]  # the first column named as it is
    r = _cli("export", "--db", dataset_db, "--format", "parquet", "--excel", "-o", tmp_path / "pq")
    assert r.returncode == 2 and "--excel" in r.stderr and not (tmp_path / "pq").exists()
