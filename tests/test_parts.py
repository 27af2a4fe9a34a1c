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


# ---------------------------------------------------------------- compendia: prose and metadata by part

def _join(paths, out):
    import pypdfium2 as pdfium

    joined = pdfium.PdfDocument.new()
    for p in paths:
        joined.import_pages(pdfium.PdfDocument(str(p)))
    joined.save(str(out))
    return out


def _findings_by_page(paths):
    """Each document's findings (rule, message, left, right, page) with its pages numbered as in the
    documents joined one after another."""
    from collections import Counter

    out, offset = Counter(), 0
    for p in paths:
        doc = pipeline.extract(p)
        out.update((f.rule, f.message_zh, f.left, f.right, (f.page or 0) + offset) for f in doc.findings)
        offset += doc.page_count
    return out


@pytest.mark.parametrize("names", [
    # a department's budget followed by its unit's (Shanghai: prose before and after the tables; the
    # same figures in both, so the cover decides where the unit's prose begins; 部门 and 单位 levels)
    ("putuo-quzhengfuban-2025-dept-budget.pdf", "putuo-quzhengfuban-2025-unit-budget.pdf"),
    # two years of one department (Jiangsu: 概况 before the tables, 说明 after)
    ("jiangsu-jianchayuan-2018-budget.pdf", "jiangsu-jianchayuan-2019-budget.pdf"),
])
def test_a_compendium_is_checked_as_its_disclosures_each_alone(names, tmp_path):
    """Joined into one file, two disclosures give exactly the findings each gives alone (page for
    page). Before the prose was read by part: 3 form.level_wording on the 部门+单位 pair (the unit's
    titles against the department's level), and on the two years a 三公 finding of 2018 lost (the
    2019 table's items matched its prose) and a 2019 account name judged against the 2018 chart."""
    paths = [corpus_file(n) for n in names]
    joined = pipeline.extract(_join(paths, tmp_path / "joined.pdf"))
    expected = _findings_by_page(paths)
    got = __import__("collections").Counter((f.rule, f.message_zh, f.left, f.right, f.page) for f in joined.findings)
    assert got == expected


def test_disclosures_take_each_part_s_cover_year_and_level(tmp_path):
    from disclosure.checks.parts import disclosures

    paths = [corpus_file(n) for n in ("putuo-wanli-2024-dept-budget.pdf", "putuo-quzhengfuban-2025-unit-budget.pdf")]
    doc = pipeline.extract(_join(paths, tmp_path / "joined.pdf"))
    views = disclosures(doc)
    assert [(v.title, v.year, v.kind, v.level) for v in views] == [
        ("上海市普陀区2024年区级部门预算", 2024, "budget", "department"),
        ("上海市普陀区2025年区级单位预算", 2025, "budget", "unit")]
    # wanli-2024 has 33 pages: its prose (pp. 1-33) is the first part's, the unit's the second's
    assert {p.page for p in views[0].paragraphs} <= set(range(1, 34))
    assert min(p.page for p in views[1].paragraphs) == 34
    assert sum(len(v.facts) for v in views) == len(doc.facts)


def _para(index, page, text):
    from disclosure.model import Paragraph

    return Paragraph(index, text, [], "", "paragraph", page, [page])


def test_the_cut_between_parts_falls_at_the_cover_among_cuts_as_good():
    """Nothing the arithmetic can decide (no stated amounts): the unit's cover title (its name printed
    on the line above) opens the second part, not the first new page nor the gap's start."""
    from disclosure.checks.parts import _cut

    gap = [_para(1, 5, "其他相关情况说明"), _para(2, 6, "名词解释"), _para(3, 7, "上海市普陀区人民政府办公室"),
           _para(4, 7, "2025年单位预算"), _para(5, 8, "2025年单位预算编制说明")]
    doc = _doc([])
    assert _cut(doc, gap, [], []) == 2
    # without a cover, the first cut where a page begins
    assert _cut(doc, gap[:2] + gap[4:], [], []) == 1
