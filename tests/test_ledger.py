"""Issue #13: the audit ledger — every rule on every document in one state, built by the runner from
what each rule reports — and sums over unread pages never reported as errors."""
from __future__ import annotations

import csv
import io
import json
import sys
from decimal import Decimal

import pytest
from click.testing import CliRunner

from conftest import REQUIRE, ROOT, SEED_TEXT, corpus_file, corpus_pdfs, extracted
from disclosure import checks, prose
from disclosure.checks.findings import Finding
from disclosure.checks.ledger import STATES, UNREPORTED, Tally, entry
from disclosure.cli import main
from disclosure.model import PageInfo, Verification
from test_checks import COLS, _doc, _para, _row, _table


def _ledger(doc) -> dict:
    doc.findings = checks.run(doc)
    return {e.rule: e for e in doc.ledger}


def test_states_on_constructed_documents():
    ok = _table([_row("208", "社会保障和就业支出", ["10.00", "6.00", "4.00"], COLS, "类"),
                 _row("20805", "行政事业单位养老支出", ["10.00", "6.00", "4.00"], COLS, "款")], COLS)
    led = _ledger(_doc([ok]))
    assert (led["table.hierarchy_sum"].state, led["table.hierarchy_sum"].counts["pass"]) == ("pass", 3)
    assert led["table.income_equals_expenditure"].state == "not_applicable"
    assert led["table.income_equals_expenditure"].reason == "no two-sided table (收入 | 支出) with both totals"

    bad = _table([_row("208", "社会保障和就业支出", ["10.00", "6.00", "4.00"], COLS, "类"),
                  _row("20805", "行政事业单位养老支出", ["9.00", "6.00", "3.00"], COLS, "款")], COLS)
    e = _ledger(_doc([bad]))["table.hierarchy_sum"]
    assert (e.state, e.counts, e.findings, e.pages) == (
        "fail", {"pass": 1, "fail": 2, "insufficient_data": 0, "not_read": 0}, 2, [1])

    # a narrative volume: the sentence about 基本支出 has no table to be compared with
    led = _ledger(prose.apply(_doc([], [_para("2021年基本支出100.00万元。")])))
    e = led["narrative.amount_vs_table"]
    assert e.state == "insufficient_data" and "prints no tables" in e.reason and e.pages == [3]
    assert led["form.standard_table_missing"].state == "insufficient_data"
    assert led["table.hierarchy_sum"].state == "not_applicable"
    assert not any(x.reason == UNREPORTED for x in led.values())


def test_a_sum_beside_an_unread_page_is_not_read_never_an_error():
    bad = _table([_row("208", "社会保障和就业支出", ["10.00", "6.00", "4.00"], COLS, "类"),
                  _row("20805", "行政事业单位养老支出", ["9.00", "6.00", "3.00"], COLS, "款")], COLS)
    doc = _doc([bad])
    doc.pages = [PageInfo(1, "text", ""), PageInfo(2, "scanned", "no text layer", method="none")]
    led = _ledger(doc)
    assert [f for f in doc.findings if f.severity == "error"] == []
    e = led["table.hierarchy_sum"]
    assert (e.state, e.counts["not_read"], e.counts["pass"]) == ("not_read", 2, 1)
    assert "p.2 not read (scanned: no text layer)" in e.reason and "difference 1.00 not judged" in e.reason
    # a blank page is no unread page
    doc.pages[1] = PageInfo(2, "no_text", "blank", method="none")
    led = _ledger(doc)
    assert led["table.hierarchy_sum"].state == "fail"
    assert [f.severity for f in doc.findings if f.rule == "table.hierarchy_sum"] == ["error", "error"]


def test_a_table_whose_reading_is_unverified_is_not_read():
    bad = _table([_row("208", "社会保障和就业支出", ["10.00", "6.00", "4.00"], COLS, "类"),
                  _row("20805", "行政事业单位养老支出", ["9.00", "6.00", "3.00"], COLS, "款")], COLS)
    bad.verification = Verification(identities=4, held=1, failed=3, amounts=6, covered=2)
    doc = _doc([bad])
    led = _ledger(doc)
    assert led["table.hierarchy_sum"].state == "not_read" and "reading unverified" in led["table.hierarchy_sum"].reason
    assert led["reading.unverified"].state == "fail"
    assert [f.rule for f in doc.findings if f.severity != "info" and f.rule.startswith(("table.", "reading."))] == [
        "reading.unverified"]


def test_entry_priority_and_findings_a_rule_forgot_to_tally():
    t = Tally("x")
    t.test("a", 1, None)
    t.missing("b", 2, "needs b")
    assert entry("x", [t], []).state == "insufficient_data"
    t.not_read("c", 3, "p.3 not read")
    assert entry("x", [t], []).state == "not_read"
    f = Finding("x", "warning", "坏", "bad")
    t.untallied([f])  # returned without going through test(): still a failed test
    e = entry("x", [t], [f])
    assert (e.state, e.counts["fail"], e.reason) == ("fail", 1, "坏")
    info = Tally("y")
    info.test("rounding", 1, Finding("y", "info", "舍入", "rounding"))
    assert entry("y", [info], []).state == "pass"
    assert entry("z", [Tally("z")], []).reason == UNREPORTED


def _consistent(doc):
    rules = [e.rule for e in doc.ledger]
    assert rules == checks.RULE_IDS  # every rule once, in order
    by = {e.rule: e for e in doc.ledger}
    for e in doc.ledger:
        assert e.state in STATES and e.reason and e.reason != UNREPORTED, (e.rule, e.reason)
        failing = [f for f in doc.findings if f.rule == e.rule and f.severity != "info"]
        assert (e.state == "fail") == bool(failing), (e.rule, e.state, len(failing))
        assert e.findings == sum(1 for f in doc.findings if f.rule == e.rule)
        if e.state == "not_applicable":
            assert not any(e.counts.values())
    return by


def test_seed_ledger():
    by = _consistent(extracted(str(SEED_TEXT)))
    # the seed's 301 工资福利支出 prints 753.67 over 款 adding to 753.69 (tests/test_checks.py)
    assert by["table.hierarchy_sum"].state == "fail"
    assert by["table.income_equals_expenditure"].state == "pass"


@pytest.mark.corpus
@pytest.mark.parametrize("name", corpus_pdfs() or ["putuo-guihuaziyuan-2024-final-accounts.pdf"])
def test_corpus_ledger_lists_every_rule_in_one_state(name):
    _consistent(extracted(str(corpus_file(name))))


@pytest.mark.corpus
def test_corpus_ledger_values():
    by = _consistent(extracted(str(corpus_file("putuo-guihuaziyuan-2024-final-accounts.pdf"))))
    # p.16: 302 商品和服务支出 prints 440.90 over 款 adding to 440.88, a real misprint
    assert (by["table.hierarchy_sum"].state, by["table.hierarchy_sum"].pages) == ("fail", [16])
    assert by["cross.three_public_vs_economic"].state == "not_applicable"  # a final account
    # the blank official template's 2 tables are never unread: nothing on it is not_read
    tpl = extracted(str(corpus_file("template-final-accounts-blank.pdf")))
    assert "not_read" not in {e.state for e in tpl.ledger}
    # a Fujian web text: its tables were attachments no archive kept
    npc = {e.rule: e for e in extracted(str(corpus_file("fujian/fujian-pingtan-county-npc-2017-budget.txt"))).ledger}
    assert npc["narrative.amount_vs_table"].state == "insufficient_data"
    assert npc["table.hierarchy_sum"].state == "not_applicable"
    # …列入2016年部门预算编制范围的单位… in the 2017 budget: last year's text left in
    assert npc["form.title_year"].state == "fail"


def test_check_command_prints_the_ledger_and_writes_ledger_csv(tmp_path):
    r = CliRunner().invoke(main, ["check", str(SEED_TEXT), "-o", str(tmp_path)])
    assert r.exit_code == 0, r.output
    line = next(ln for ln in r.stderr.splitlines() if ln.strip().startswith("ledger:"))
    counts = dict((k, int(n)) for n, k in (x.split() for x in line.split(":", 1)[1].split(",")))
    assert set(counts) == set(STATES) and sum(counts.values()) == len(checks.RULE_IDS) and counts["fail"] >= 1
    rows = list(csv.DictReader(io.StringIO((tmp_path / "kashgar-2021-budget-txt" / "ledger.csv").read_text(encoding="utf-8"))))
    assert [r["rule"] for r in rows] == checks.RULE_IDS
    assert next(r for r in rows if r["rule"] == "table.hierarchy_sum")["state"] == "fail"
    found = json.loads((tmp_path / "kashgar-2021-budget-txt" / "findings.json").read_text(encoding="utf-8"))
    assert found["ledger_counts"] == counts


# ---------------------------------------------------------------- a real scanned page, OCR not installed

def _make_scan():
    try:
        sys.path.insert(0, str(ROOT / "samples"))
        from make_scan import make_scan
        import numpy  # noqa: F401
        import pypdfium2  # noqa: F401
    except ImportError as e:
        if REQUIRE:
            pytest.fail(f"samples/make_scan.py needs the OCR extra: {e}")
        pytest.skip(f"samples/make_scan.py needs the OCR extra: {e}")
    return make_scan


@pytest.mark.corpus
def test_scanned_page_without_ocr_gives_no_error_from_sums(tmp_path, monkeypatch):
    """putuo-wanli-2025 p.16, the middle page of the 支出预算总表 (pp.14–18), as an image-only page in
    a PDF whose other pages keep their text layer, read with OCR not installed: the table is read
    without its p.16 rows. 208 社会保障和就业支出 (p.15) prints 16091895 over the 款 rows read (the
    others are on p.16) and the 合计 row (p.18) 189767551 over the rows read: before issue #13 those
    were 8 `error` findings. Now none; the sums are `not_read` in the ledger, naming p.16."""
    from disclosure.extract import ocr
    from disclosure.pipeline import extract

    make_scan = _make_scan()
    scan = make_scan(corpus_file("putuo-wanli-2025-dept-budget.pdf"), tmp_path / "wanli-p16.pdf", pages="16",
                     mixed=True)

    def not_installed():
        raise ocr.OcrUnavailable(f"OCR is not installed (rapidocr); install it with: {ocr.INSTALL_HINT}")

    monkeypatch.setattr(ocr, "engine", not_installed)
    doc = extract(scan)
    assert [(p.number, p.triage, p.method) for p in doc.pages if p.method == "none"] == [(16, "scanned", "none")]
    summary = next(t for t in doc.tables if t.type == "expenditure_summary")
    assert summary.pages == [14, 15, 17, 18]
    assert [f for f in doc.findings if f.severity == "error"] == []
    by = _consistent(doc)
    for rule, n in (("table.hierarchy_sum", 5), ("table.column_total", 3)):
        e = by[rule]
        assert (e.state, e.counts["not_read"], e.counts["fail"]) == ("not_read", n, 0), (rule, e)
        assert "p.16 not read (scanned" in e.reason
    assert "difference 8502422 not judged" in by["table.hierarchy_sum"].reason
    # the text rules did not see p.16 either
    assert by["form.template_leftover"].state == "not_read" and by["form.template_leftover"].pages == [16]
    # the tables read whole still pass their sums
    assert by["row.parts_sum"].state == "pass" and by["table.hierarchy_sum"].counts["pass"] > 300
