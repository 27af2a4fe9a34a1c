"""Issue #14, part 3: what documents print is evidence. `disclosure codes --observed DATASET` lists
the code–name pairs a batch dataset holds that the chart lacks or names differently; `--learn` writes
them into the user overlay, which later runs read (provenance observed), never the shipped chart.

The dataset is made by `disclosure batch` on two text documents derived from the seed: 表六 of the
seed with 302 13 维修(护)费 reprinted as 302 97 测试新增费用 (a 款 the chart does not list) and 303 09
奖励金 as 奖励费 (a name the chart does not give), once as the 2021 budget and once as 2022."""
from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from conftest import SEED_TEXT
from disclosure.cli import main
from disclosure.normalize import chart, overlay
from disclosure.schemas import load

duckdb = pytest.importorskip("duckdb", reason="the batch extra (duckdb) is not installed")


@pytest.fixture
def user_overlay(tmp_path, monkeypatch):
    """An overlay path of this test alone (nothing there yet); the chart is read afresh around it."""
    path = tmp_path / "config" / "disclosure" / "chart-overlay.csv"
    monkeypatch.setenv(overlay.ENV, str(path))
    chart.reload()
    yield path
    monkeypatch.delenv(overlay.ENV)
    chart.reload()


def _variant(folder: Path, year: int) -> Path:
    text = SEED_TEXT.read_text(encoding="utf-8")
    for old, new in (("302\t13\t维修(护)费", "302\t97\t测试新增费用"), ("303\t09\t奖励金", "303\t09\t奖励费")):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    if year != 2021:
        text = text.replace("2021", str(year))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"kashgar-variant-{year}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _dataset(tmp_path: Path, overlay_path: Path) -> Path:
    docs = tmp_path / "docs"
    _variant(docs, 2021)
    _variant(docs, 2022)
    db = tmp_path / "variants.duckdb"
    env = {**os.environ, overlay.ENV: str(overlay_path)}
    r = subprocess.run([sys.executable, "-m", "disclosure", "batch", str(docs), "--db", str(db), "--workers", "1"],
                       capture_output=True, text=True, timeout=600, env=env)
    assert r.returncode == 0, r.stderr[-2000:]
    return db


def _row(doc, code):
    found = [r for t in doc.tables for r in t.rows if r.code == code]
    assert len(found) == 1, (code, found)
    return found[0]


def test_extraction_keeps_an_unlisted_code_and_reports_a_name_the_chart_does_not_give(tmp_path, user_overlay):
    from disclosure.pipeline import extract
    doc = extract(str(_variant(tmp_path, 2021)))
    r = _row(doc, "30297")
    assert (r.match, r.canonical_code, r.canonical_name) == ("unlisted", "30297", "测试新增费用")
    assert "under 商品和服务支出" in r.match_note
    r = _row(doc, "30309")
    assert (r.match, r.canonical_code, r.canonical_name) == ("mismatch", "30309", "奖励金")


def test_observed_lists_what_the_chart_lacks_and_learn_writes_the_overlay(tmp_path, user_overlay):
    db = _dataset(tmp_path, user_overlay)
    runner = CliRunner()
    r = runner.invoke(main, ["codes", "--observed", str(db), "--json"])
    assert r.exit_code == 0, r.output
    found = {(o["code"], o["name"]): o for o in json.loads(r.stdout)}
    # 234 抗疫特别国债还本支出 (a mismatch) prints no amount, so the dataset has no line item of it
    assert set(found) == {("30297", "测试新增费用"), ("30309", "奖励费")}
    o = found[("30297", "测试新增费用")]
    assert (o["status"], o["years"], o["rows"], o["documents"]) == ("unlisted", [2021, 2022], 2, 2)
    assert o["first_document"] == "kashgar-variant-2021.txt"
    assert found[("30309", "奖励费")]["status"] == "mismatch"
    assert not user_overlay.exists()  # listing writes nothing

    r = runner.invoke(main, ["codes", "--observed", str(db), "--learn"])
    assert r.exit_code == 0, r.output
    assert f"2 rows learned -> {user_overlay}" in r.output
    with open(user_overlay, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    validator = Draft202012Validator(load("chart.schema"))
    for row in rows:
        assert not list(validator.iter_errors(row)), row
    assert {(x["code"], x["name"], x["valid_from"], x["valid_to"], x["provenance"]) for x in rows} == {
        ("30297", "测试新增费用", "2021", "2022", "observed"), ("30309", "奖励费", "2021", "2022", "observed")}

    # later runs read the overlay: nothing is left to list, and the codes resolve as observed
    r = runner.invoke(main, ["codes", "--observed", str(db)])
    assert r.exit_code == 0 and "0 code–name pairs" in r.output
    m = chart.resolve("30297", "测试新增费用", 2022)
    assert m.status == "exact" and "observed entry" in m.note
    m = chart.resolve("30309", "奖励费", 2021)
    assert (m.status, m.name) == ("exact", "奖励金") and "observed" in m.note
    r = runner.invoke(main, ["codes", "--counts", "--year", "2021", "--json"])
    assert json.loads(r.stdout)[0]["observed"] == 2
    # learning again adds nothing, and the shipped chart never holds observed rows
    r = runner.invoke(main, ["codes", "--observed", str(db), "--learn"])
    assert "0 rows learned" in r.output
    assert all(e.provenance != "observed" for e in chart.shipped())


def test_learn_never_writes_into_the_shipped_chart(tmp_path, user_overlay):
    db = _dataset(tmp_path, user_overlay)
    target = chart.CHART_DIR / "learned.csv"
    before = sorted(p.name for p in chart.CHART_DIR.iterdir())
    r = CliRunner().invoke(main, ["codes", "--observed", str(db), "--learn", "--overlay", str(target)])
    assert r.exit_code == 2 and "never written into the shipped chart" in r.output
    assert sorted(p.name for p in chart.CHART_DIR.iterdir()) == before


def test_a_broken_overlay_is_an_error_not_ignored(user_overlay):
    user_overlay.parent.mkdir(parents=True)
    user_overlay.write_text(",".join(overlay.COLUMNS) + "\n2050109,项,某项,2021,,recalled,sure,mof,\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["codes", "2050109", "--year", "2021"])
    assert r.exit_code == 2 and "line 2 is not an observed chart row" in r.output


def test_a_dataset_that_cannot_be_read_is_a_bad_request(tmp_path, user_overlay):
    bad = tmp_path / "not-a-dataset.duckdb"
    bad.write_text("not a database", encoding="utf-8")
    r = CliRunner().invoke(main, ["codes", "--observed", str(bad)])
    assert r.exit_code == 2 and str(bad) in r.output
    r = CliRunner().invoke(main, ["codes", "--learn"])
    assert r.exit_code == 2
