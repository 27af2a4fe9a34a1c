"""Settings: one object with named defaults for the tolerances and thresholds of the reading and the
checks, overridable from the API, the command line (--setting, --settings FILE) and recorded in
document.json."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT, SAMPLE_PDF, SEED_TEXT

import disclosure
from disclosure import settings


def _unverified(doc) -> str:
    return next(e.reason for e in doc.ledger if e.rule == "reading.unverified")


def test_defaults_are_the_documented_constants():
    from disclosure.checks import ocr_doubt, unread
    from disclosure.extract import layout, ocr, rulings, triage

    d = settings.DEFAULT
    assert (d.snap, d.min_ruling_pt) == (layout._SNAP, rulings.MIN_LINE_PT)
    assert (d.image_share, d.full_page, d.sparse, d.broken_share, d.ocr_agree) == (
        triage.IMAGE_SHARE, triage.FULL_PAGE, triage.SPARSE, triage.BROKEN_SHARE, triage.AGREE)
    assert (d.ocr_speck, d.ocr_symbol_sure, d.ocr_low, d.min_tested) == (
        ocr.SPECK, ocr.SYMBOL_SURE, ocr_doubt.LOW, unread.MIN_TESTED)
    assert [n for n, _, text in settings.describe() if not text] == []


def test_api_settings_change_the_checks_and_are_recorded():
    plain = disclosure.extract(SEED_TEXT)
    assert plain.settings == settings.DEFAULT.as_dict()
    odd = disclosure.extract(SEED_TEXT, settings={"min_tested": 1000})
    assert odd.settings["min_tested"] == 1000 and odd.settings["snap"] == settings.DEFAULT.snap
    assert _unverified(odd) == "no table with at least 1000 identities to test" != _unverified(plain)
    assert settings.current() == settings.DEFAULT  # nothing left behind
    disclosure.check(odd, settings={"min_tested": 999})
    assert odd.settings["min_tested"] == 999 and "999" in _unverified(odd)
    with pytest.raises(ValueError, match="unknown setting"):
        disclosure.extract(SEED_TEXT, settings={"snapp": 3})
    with pytest.raises(ValueError, match="min_tested"):
        disclosure.extract(SEED_TEXT, settings={"min_tested": "many"})


def test_snap_joins_ruling_coordinates():
    from disclosure.extract import layout

    assert layout._cluster([0.0, 3.0, 10.0]) == [0.0, 3.0, 10.0]
    with settings.using({"snap": 5}):
        assert layout._cluster([0.0, 3.0, 10.0]) == [0.0, 10.0]


def test_triage_thresholds_decide_what_a_scan_is(tmp_path):
    pytest.importorskip("cv2", reason="samples/make_scan.py needs the ocr extra (OpenCV)")
    scan = tmp_path / "scan.pdf"
    subprocess.run([sys.executable, str(ROOT / "samples" / "make_scan.py"), str(SAMPLE_PDF), str(scan), "--pages", "2"],
                   check=True, capture_output=True, timeout=300)
    assert [p.triage for p in disclosure.extract(scan, ocr="off").pages] == ["scanned"]
    strict = disclosure.extract(scan, ocr="off", settings={"image_share": 1.5, "full_page": 1.5})
    assert [p.triage for p in strict.pages] == ["no_text"]


def _cli(*args):
    env = {k: v for k, v in os.environ.items() if k != settings.ENV} | {"PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "disclosure", *map(str, args)], capture_output=True, text=True,
                          timeout=600, env=env)


def test_command_line_settings_and_file(tmp_path):
    toml = tmp_path / "odd.toml"
    toml.write_text("min_tested = 1000\nsnap = 2.5\n", encoding="utf-8")
    r = _cli("extract", SEED_TEXT, "-o", tmp_path / "out", "--settings", toml, "--setting", "snap=3")
    assert r.returncode == 0, r.stderr
    doc = json.loads((tmp_path / "out" / "kashgar-2021-budget-txt" / "document.json").read_text(encoding="utf-8"))
    assert (doc["settings"]["min_tested"], doc["settings"]["snap"]) == (1000, 3.0)  # --setting wins over the file
    assert next(e for e in doc["ledger"] if e["rule"] == "reading.unverified")["reason"] == \
        "no table with at least 1000 identities to test"
    for bad in (["--setting", "bogus=1"], ["--setting", "snap"], ["--setting", "snap=-1"]):
        r = _cli("extract", SEED_TEXT, "-o", tmp_path / "bad", *bad)
        assert r.returncode == 2 and "--setting" in r.stderr, r.stderr
    assert "min_tested (3)" in " ".join(_cli("extract", "--help").stdout.split())


def _ledger_reason(findings_line: str) -> str:
    return next(e["reason"] for e in json.loads(findings_line)["ledger"] if e["rule"] == "reading.unverified")


def test_check_takes_settings_and_a_document_json_keeps_its_own(tmp_path):
    """`disclosure check --setting`: a source read and checked under it; a document.json checked
    under the settings it records, those given on top."""
    plain = _cli("check", SEED_TEXT, "-o", "-")
    odd = _cli("check", SEED_TEXT, "-o", "-", "--setting", "min_tested=1000")
    assert plain.returncode == odd.returncode == 0, odd.stderr
    assert _ledger_reason(odd.stdout) == "no table with at least 1000 identities to test" != _ledger_reason(plain.stdout)
    bad = _cli("check", SEED_TEXT, "--setting", "bogus=1")
    assert bad.returncode == 2 and "--setting" in bad.stderr
    r = _cli("extract", SEED_TEXT, "-o", tmp_path / "out", "--format", "json", "--setting", "min_tested=1000")
    assert r.returncode == 0, r.stderr
    doc_json = tmp_path / "out" / "kashgar-2021-budget-txt" / "document.json"
    again = _cli("check", doc_json, "-o", "-")  # the settings it was read with, not the defaults
    assert _ledger_reason(again.stdout) == "no table with at least 1000 identities to test"
    given = _cli("check", doc_json, "-o", "-", "--setting", "min_tested=3")  # named, though the default
    assert _ledger_reason(given.stdout) == _ledger_reason(plain.stdout)
    # the API alike: the document's own settings, those named on top
    assert disclosure.extract(doc_json).settings["min_tested"] == 1000
    back = disclosure.extract(doc_json, settings={"min_tested": 3})
    assert back.settings["min_tested"] == 3 and _unverified(back) == _ledger_reason(plain.stdout)


def test_the_dataset_records_the_settings_of_each_document(tmp_path):
    duckdb = pytest.importorskip("duckdb", reason="the batch extra (duckdb) is not installed")
    src = tmp_path / "in"
    src.mkdir()
    (src / "seed.txt").write_bytes(SEED_TEXT.read_bytes())
    db = tmp_path / "d.duckdb"
    r = _cli("batch", src, "--db", db, "--workers", "1", "--setting", "min_tested=7", "--setting", "snap=2.5")
    assert r.returncode == 0, r.stderr
    con = duckdb.connect(str(db), read_only=True)
    (raw,) = con.execute("SELECT settings FROM documents").fetchone()
    assert con.execute("SELECT json_extract_string(settings, '$.min_tested') FROM documents").fetchone()[0] == "7"
    assert con.execute("SELECT value FROM meta WHERE key = 'dataset_version'").fetchone()[0] == "10"
    con.close()
    recorded = json.loads(raw)
    assert recorded == settings.make({"min_tested": 7, "snap": 2.5}).as_dict()
    assert sorted(recorded) == sorted(n for n, _, _ in settings.describe())
