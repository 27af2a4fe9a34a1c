"""Frictionless data packages: datapackage.json beside the CSVs of an extract output folder, of a
`check -o` folder and of an export, each validated by the frictionless library (types, keys,
foreign keys against the real rows)."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT, SAMPLE_PDF, SEED_TEXT, corpus_file

frictionless = pytest.importorskip("frictionless", reason="frictionless (the test extra) is not installed")


def _cli(*args):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    r = subprocess.run([sys.executable, "-m", "disclosure", *map(str, args)], capture_output=True, text=True,
                       timeout=900, env=env)
    assert r.returncode in (0, 1), r.stderr
    return r


def _errors(package_path) -> list:
    report = frictionless.validate(str(package_path))
    return [] if report.valid else (report.flatten(["type", "note"]) + [e.message for e in report.errors])


def _package(folder) -> dict:
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sample_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("extract")
    _cli("extract", SAMPLE_PDF, "-o", out)
    return out / "kashgar-2021-budget-pdf"


def test_extract_folder_is_a_valid_data_package(sample_out):
    assert _errors(sample_out / "datapackage.json") == []
    pkg = _package(sample_out)
    csvs = sorted(str(p.relative_to(sample_out)) for p in sample_out.rglob("*.csv"))
    assert sorted(r["path"] for r in pkg["resources"]) == csvs and len(csvs) == 16  # 8 files, 8 tables
    res = {r["name"]: r for r in pkg["resources"]}
    fields = {f["name"]: f for f in res["line_items"]["schema"]["fields"]}
    assert fields["value_yuan"]["type"] == "number" and fields["value_yuan"]["unit"] == "元"
    assert fields["page"]["type"] == "integer" and fields["x0"]["unit"] == "pt"
    assert fields["table_index"]["constraints"]["required"] is True
    assert "three_public_expenses" in fields["table_type"]["constraints"]["enum"]
    assert {f["name"]: f["type"] for f in res["facts"]["schema"]["fields"]}["is_change"] == "boolean"
    assert res["facts"]["schema"]["foreignKeys"] == [
        {"fields": ["paragraph_index"], "reference": {"resource": "paragraphs", "fields": ["index"]}}]
    assert res["paragraphs"]["schema"]["primaryKey"] == ["index"]
    assert res["findings"]["schema"]["foreignKeys"][0]["reference"]["resource"] == "ledger"


def test_the_keys_are_checked_against_the_rows(sample_out, tmp_path):
    """A fact naming a paragraph that does not exist makes the package invalid: the keys are real."""
    import shutil

    broken = tmp_path / "broken"
    shutil.copytree(sample_out, broken)
    rows = list(csv.reader(io.StringIO((broken / "facts.csv").read_text(encoding="utf-8"))))
    at = rows[0].index("paragraph_index")
    assert len(rows) > 1
    rows[1][at] = "99999"
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    (broken / "facts.csv").write_text(buf.getvalue(), encoding="utf-8")
    assert any("foreign-key" in str(e) for e in _errors(broken / "datapackage.json"))


def test_excel_csvs_still_validate(tmp_path):
    _cli("extract", SEED_TEXT, "-o", tmp_path, "--excel")
    assert _errors(tmp_path / "kashgar-2021-budget-txt" / "datapackage.json") == []


def test_repeated_header_paths_get_unique_names(tmp_path):
    """jiangsu-rendaban-2017-budget prints tables whose header paths repeat: names made unique."""
    pdf = corpus_file("jiangsu-rendaban-2017-budget.pdf")
    _cli("extract", pdf, "-o", tmp_path, "--format", "tables,line_items")
    folder = tmp_path / "jiangsu-rendaban-2017-budget-pdf"
    assert _errors(folder / "datapackage.json") == []
    renamed = [f["name"] for r in _package(folder)["resources"] for f in r["schema"]["fields"] if f["name"].endswith(" (2)")]
    assert renamed


def test_check_output_folder_describes_every_csv(tmp_path):
    _cli("extract", SEED_TEXT, "-o", tmp_path, "--format", "json,line_items")
    _cli("check", SEED_TEXT, "-o", tmp_path)
    folder = tmp_path / "kashgar-2021-budget-txt"
    assert sorted(r["path"] for r in _package(folder)["resources"]) == ["findings.csv", "ledger.csv", "line_items.csv"]
    assert _errors(folder / "datapackage.json") == []


def test_export_is_a_valid_data_package(tmp_path):
    pytest.importorskip("duckdb", reason="the batch extra is not installed")
    db = tmp_path / "b.duckdb"
    _cli("batch", SAMPLE_PDF, SEED_TEXT, "--db", db, "--workers", 1)
    for fmt in ("csv", "parquet"):
        _cli("export", "--db", db, "--format", fmt, "-o", tmp_path / fmt)
    assert _errors(tmp_path / "csv" / "datapackage.json") == []
    pkg = _package(tmp_path / "csv")
    res = {r["name"]: r for r in pkg["resources"]}
    assert set(res) == {p.stem for p in (tmp_path / "csv").glob("*.csv")}
    assert res["line_items"]["schema"]["foreignKeys"] == [
        {"fields": ["document_id"], "reference": {"resource": "documents", "fields": ["document_id"]}}]
    types = {f["name"]: f["type"] for f in res["line_items"]["schema"]["fields"]}
    assert (types["value_yuan"], types["page"], types["x0"], types["name"]) == ("number", "integer", "number", "string")
    # the parquet export names its files and format (frictionless reads it with its parquet plugin)
    parquet = _package(tmp_path / "parquet")
    assert {r["path"] for r in parquet["resources"]} == {p.name for p in (tmp_path / "parquet").glob("*.parquet")}
    assert {r["format"] for r in parquet["resources"]} == {"parquet"}


def test_export_with_a_disclosure_in_two_volumes_is_valid(tmp_path):
    """The joint check of two volumes (a Jiangsu text volume and its tables volume) keeps its findings
    and ledger under the disclosure's id, which is no document's: the export's package must not
    declare those rows' document_id a key into documents (frictionless failed 30 rows of them)."""
    pytest.importorskip("duckdb", reason="the batch extra is not installed")
    db = tmp_path / "b.duckdb"
    _cli("batch", corpus_file("jiangsu-shengweiban-2017-budget-text.pdf"),
         corpus_file("jiangsu-shengweiban-2017-budget-tables.pdf"), "--db", db, "--workers", 1)
    _cli("export", "--db", db, "--format", "csv", "-o", tmp_path / "csv")
    disclosures = list(csv.DictReader(io.StringIO((tmp_path / "csv" / "disclosures.csv").read_text(encoding="utf-8"))))
    assert [d["status"] for d in disclosures] == ["ok"]
    joint = [r for r in csv.DictReader(io.StringIO((tmp_path / "csv" / "ledger.csv").read_text(encoding="utf-8")))
             if r["document_id"] == disclosures[0]["disclosure_id"]]
    assert joint  # the joint check's ledger is there, under the disclosure's id
    assert _errors(tmp_path / "csv" / "datapackage.json") == []
    res = {r["name"]: r for r in _package(tmp_path / "csv")["resources"]}
    for name in ("findings", "ledger"):
        assert "foreignKeys" not in res[name]["schema"]
        field = {f["name"]: f for f in res[name]["schema"]["fields"]}["document_id"]
        assert "disclosure_id" in field["description"]
    assert res["line_items"]["schema"]["foreignKeys"][0]["reference"]["resource"] == "documents"


def test_schema_ids_name_no_placeholder_host():
    from disclosure.schemas import HERE

    for p in HERE.glob("*.schema.json"):
        sid = json.loads(p.read_text(encoding="utf-8"))["$id"]
        assert sid == f"urn:disclosure:schema:{p.name.removesuffix('.schema.json')}", p.name
