"""The cross-table rules compare tables of one disclosure's set (checks/parts.py, issue #19): a
compendium of several units' disclosures is checked as each alone, not every unit's table with
every other unit's (tests and findings quadratic in the units, and false)."""
from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import corpus_file
from disclosure import pipeline
from disclosure.checks import cross_tables
from disclosure.checks.ledger import Tally
from disclosure.checks.parts import parts
from disclosure.model import Box, Document, Row, Table, Value
from disclosure.normalize.amounts import parse_amount

ONE = Decimal(1)
COLS = [("支出/合计", "total")]
CROSS = ("cross.summary_covers_general_budget", "cross.table_agreement", "cross.three_public_vs_economic")


def _table(index, type_, rows=()):
    values = [Row(0, "", code, code, "functional", "类", name, name, "item",
                  [Value(COLS[0][0], "total", parse_amount(a), Box(index, 0, 0, 9, 9), 0)], index)
              for code, name, a in rows]
    return Table(index, type_, type_, type_, "", "万元", Decimal(10000), "", [index], [COLS[0][0]], [], [], [],
                 [""], values, not values, "")


def _doc(tables):
    return Document("t.pdf", "0" * 64, "pdf", "t", "d", 2025, "budget", "department", ["万元"], len(tables), [],
                    tables, [], [], [])


def _unit(start, summary, general):
    """One unit's set: 收支总表, 支出总表 with 201 at `summary`, 一般公共预算支出表 with 201 at `general`."""
    return [_table(start, "income_expenditure_summary"),
            _table(start + 1, "expenditure_summary", [("201", "一般公共服务支出", summary)]),
            _table(start + 2, "general_budget_expenditure", [("201", "一般公共服务支出", general)])]


def test_parts_start_at_each_income_expenditure_summary():
    one = _unit(1, "10.00", "9.00")
    assert parts(_doc(one)) == [one]  # a single disclosure is one part
    two = _unit(1, "10.00", "9.00") + _unit(4, "100.00", "90.00")
    assert parts(_doc(two)) == [two[:3], two[3:]]
    # a 收支总表 printed twice (or continued) and tables before the first stay in their part
    lead = [_table(1, "other"), _table(2, "income_expenditure_summary"), _table(3, "income_expenditure_summary"),
            _table(4, "expenditure_summary")]
    assert parts(_doc(lead)) == [lead]
    assert parts(_doc([])) == [[]]


def test_summary_covers_compares_each_unit_with_its_own_general_budget():
    """Unit A's 支出总表 201 10.00 covers its 一般公共预算 9.00, unit B's 100.00 its 90.00: nothing to
    report, one test each. Across units (A's 10.00 against B's 90.00) is no test at all."""
    tally = Tally(cross_tables.COVER_RULE)
    doc = _doc(_unit(1, "10.00", "9.00") + _unit(4, "100.00", "90.00"))
    assert cross_tables.summary_covers(doc, ONE, tally) == []
    assert tally.states["pass"].count == 2 and "fail" not in tally.states
    # B's own pair broken: one finding, on B's tables (6 against 5)
    doc.tables[5].rows[0].values[0].amount = parse_amount("101.00")
    [f] = cross_tables.summary_covers(doc, ONE)
    assert (f.table, f.left, f.right) == (6, Decimal("1010000.00"), Decimal("1000000.00"))


def test_three_public_is_checked_in_each_unit():
    """One 三公 table per unit: each unit's is compared with its own basic spending (before, the
    document's two 三公 tables made the rule give up)."""
    cols3 = [("“三公”经费/公务接待费", "reception")]

    def unit(start, three, basic):
        t3 = _table(start + 1, "three_public_expenses")
        t3.columns = [cols3[0][0]]
        t3.rows = [Row(0, "", "", "", "none", "", "", "", "item",
                       [Value(cols3[0][0], "reception", parse_amount(three), Box(1, 0, 0, 9, 9), 0)], start + 1)]
        t3.empty = False
        tb = _table(start + 2, "general_budget_basic_expenditure", [("30217", "公务接待费", basic)])
        return [_table(start, "income_expenditure_summary"), t3, tb]

    doc = _doc(unit(1, "1.00", "0.50") + unit(4, "2.00", "3.00"))
    [f] = cross_tables.three_public(doc, ONE)
    assert (f.rule, f.table, f.left, f.right) == ("cross.three_public_vs_economic", 5, Decimal("20000.0000"),
                                                  Decimal("30000.0000"))


@pytest.mark.corpus
def test_two_joined_disclosures_are_checked_as_each_alone(tmp_path):
    """普陀 区政府办 and 万里街道 2025 department budgets joined into one PDF (a district compendium):
    the cross-table rules make each document's tests (20 + 66 支出总表 rows, 6 + 11 agreements,
    1 + 2 三公 items) and no finding, as each alone; before, 27 findings compared one department's
    tables with the other's, and the 三公 rule gave up on two 三公 tables."""
    import pypdfium2 as pdfium

    joined = tmp_path / "compendium.pdf"
    new = pdfium.PdfDocument.new()
    for name in ("putuo-quzhengfuban-2025-dept-budget.pdf", "putuo-wanli-2025-dept-budget.pdf"):
        src = pdfium.PdfDocument(str(corpus_file(name)))
        new.import_pages(src)
        src.close()
    new.save(str(joined))
    new.close()
    doc = pipeline.extract(joined, ocr="off")
    assert [f for f in doc.findings if f.rule in CROSS] == []
    got = {e.rule: (e.state, e.counts["pass"], e.counts["fail"]) for e in doc.ledger if e.rule in CROSS}
    assert got == {"cross.summary_covers_general_budget": ("pass", 86, 0), "cross.table_agreement": ("pass", 17, 0),
                   "cross.three_public_vs_economic": ("pass", 3, 0)}
