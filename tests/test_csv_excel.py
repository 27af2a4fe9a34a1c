"""CSV for Excel and other users: --excel writes a UTF-8 BOM, header cells on one line, value_yuan
at one scale, and outputs with the mode the umask gives (not mkstemp's 0600)."""
from __future__ import annotations

import csv
import io
import os
import re
import stat
import subprocess
import sys

import pytest

from conftest import ROOT, SAMPLE_PDF

from disclosure.emit import atomic, csvout


def _extract(out, *args, umask=0o022):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    r = subprocess.run([sys.executable, "-m", "disclosure", "extract", str(SAMPLE_PDF), "-o", str(out), *args],
                       capture_output=True, text=True, timeout=600, env=env, preexec_fn=lambda: os.umask(umask))
    assert r.returncode == 0, r.stderr
    return out / "kashgar-2021-budget-pdf"


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    return _extract(tmp_path_factory.mktemp("plain"))


@pytest.fixture(scope="module")
def excel(tmp_path_factory):
    return _extract(tmp_path_factory.mktemp("excel"), "--excel", umask=0o027)


def _csvs(folder):
    return sorted(folder.rglob("*.csv"))


def test_excel_flag_writes_a_bom_on_every_csv(plain, excel):
    assert len(_csvs(excel)) == len(_csvs(plain)) >= 12
    for f in _csvs(excel):
        assert f.read_bytes().startswith(b"\xef\xbb\xbf"), f
        # the same text as without --excel, after the mark
        assert f.read_text(encoding="utf-8-sig") == (plain / f.relative_to(excel)).read_text(encoding="utf-8"), f
    for f in _csvs(plain):
        assert not f.read_bytes().startswith(b"\xef\xbb\xbf"), f
    assert not (excel / "document.json").read_bytes().startswith(b"\xef\xbb\xbf")
    with open(excel / "line_items.csv", encoding="utf-8-sig", newline="") as fh:
        assert next(csv.reader(fh))[0] == "document"


def test_header_cells_are_on_one_line(plain):
    seen = []
    for f in sorted((plain / "tables").glob("*.csv")):
        for row in csv.reader(io.StringIO(f.read_text(encoding="utf-8"))):
            if row[0] == "header":
                assert not any("\n" in c for c in row), (f.name, row)
                seen += row
    # page 3, 财政拨款收支预算总体情况表: printed 一般公共预 / 算 on two lines in its header cell
    assert "一般公共预算" in seen and "政府性基金预算" in seen and "国有资本经营预算" in seen


def test_value_yuan_has_one_scale(plain):
    rows = list(csv.DictReader(io.StringIO((plain / "line_items.csv").read_text(encoding="utf-8"))))
    yuan = [r["value_yuan"] for r in rows if r["status"] == "number"]
    assert len(yuan) == 72 and all(re.fullmatch(r"-?\d+\.\d\d", v) for v in yuan), yuan
    # page 2: 一般公共预算 952.7 万元 and 财政拨款（补助） 1008.16 万元
    got = {r["name"]: r["value_yuan"] for r in rows if r["table_index"] == "1" and r["side"] == "income"}
    assert got["一般公共预算"] == "9527000.00" and got["财政拨款（补助）"] == "10081600.00"
    assert all(r["value_yuan"] == "" for r in rows if r["status"] != "number")


def test_yuan_text_never_rounds():
    from decimal import Decimal

    assert csvout.yuan_text(Decimal("9527000.0")) == "9527000.00"
    assert csvout.yuan_text(Decimal("12")) == "12.00"
    assert csvout.yuan_text(Decimal("1.235")) == "1.235"  # a value printed in 元 to the 厘 keeps it
    assert csvout.yuan_text(None) == ""


def test_outputs_take_the_umask_mode(plain, excel):
    for folder, mode in ((plain, 0o644), (excel, 0o640)):
        for f in [folder, *folder.rglob("*")]:
            got = stat.S_IMODE(f.stat().st_mode)
            assert got == ((mode | (mode & 0o444) >> 2) if f.is_dir() else mode), (f, oct(got))


@pytest.mark.parametrize("mask,mode", [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_atomic_write_takes_the_umask_mode(tmp_path, mask, mode):
    old = os.umask(mask)
    try:
        atomic.write_text(tmp_path / "overlay.csv", "code,name\n")
        atomic.write_bytes(tmp_path / "page.png", b"\x89PNG")  # disclosure debug's image
        atomic.replace_dir(tmp_path / "folder", {"a.csv": "x\n"})
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "overlay.csv").stat().st_mode) == mode
    assert stat.S_IMODE((tmp_path / "page.png").stat().st_mode) == mode
    assert stat.S_IMODE((tmp_path / "folder").stat().st_mode) == mode | (mode & 0o444) >> 2
    assert stat.S_IMODE((tmp_path / "folder" / "a.csv").stat().st_mode) == mode


def test_a_list_saved_as_csv_is_said_to_be_no_disclosure(tmp_path):
    """samples/chart_snapshot.csv (a chart of accounts: classification, code, level, name, years) read
    as 4258 amounts of one table and no finding said it was no disclosure: its table is of no budget
    type and nothing names a year or a kind, so form.not_a_disclosure says so (what its header names
    shown); a disclosure saved as CSV (a title with its year, a coded table) is not flagged."""
    from disclosure.pipeline import extract

    doc = extract(ROOT / "samples" / "chart_snapshot.csv")
    [found] = [f for f in doc.findings if f.rule == "form.not_a_disclosure"]
    assert found.severity == "warning" and "classification | code | level" in found.message_en
    assert {e.rule: e.state for e in doc.ledger}["form.not_a_disclosure"] == "fail"
    real = tmp_path / "附件3.csv"
    real.write_text("测试局2021年一般公共预算支出情况表,,\n,,单位：万元\n科目编码,科目名称,合计\n"
                    "205,教育支出,\"1,234.50\"\n20502,普通教育,\"1,234.50\"\n", encoding="utf-8")
    doc = extract(real)
    assert doc.year == 2021 and not [f for f in doc.findings if f.rule == "form.not_a_disclosure"]
