"""Grids whose ruling does not match the printed table (office exports), on the corpus pages
where it happens: sliver rows and columns, stacked tables, parts ruled differently per page,
content outside the visible page."""
from __future__ import annotations

import pytest

from conftest import corpus_file, extracted
from disclosure.model import Box, Cell, Grid
from disclosure.structure import lattice

pytestmark = pytest.mark.corpus


def _doc(name):
    return extracted(str(corpus_file(name)))


def test_sliver_columns_and_rows_collapse_to_the_printed_table():
    # jianchayuan-2019 p.14: 21 lattice columns (every cell padded by thin rects) print 6 columns
    t = _doc("jiangsu-jianchayuan-2019-budget.pdf").tables[0]
    assert t.title == "收支预算总表" and t.pages == [14]
    assert t.columns == ["收入/项目名称", "收入/金额", "支出/功能分类/功能科目名称", "支出/功能分类/金额",
                         "支出/支出用途/项目名称", "支出/支出用途/金额"]
    first = [(r.side, r.name, [v.amount.printed for v in r.values]) for r in t.rows[:3]]
    assert first == [("income", "一、财政拨款", ["24,169.74"]), ("expenditure", "一、一般公共服务支出", [""]),
                     ("expenditure_2", "一、基本支出", ["15,844.04"])]


def test_code_rows_are_not_doubled_by_sliver_rows():
    # jianchayuan-2018 p.16: each printed row is three lattice rows; 301 工资福利支出 once, with its value
    t = [t for t in _doc("jiangsu-jianchayuan-2018-budget.pdf").tables if t.title == "财政拨款基本支出预算表"][0]
    rows = [(r.code, r.name, [v.amount.printed for v in r.values]) for r in t.rows if r.code in ("301", "30101")]
    assert rows == [("301", "工资福利支出", ["10,204.52"]), ("30101", "基本工资", ["2,117.68"])]
    assert t.columns == ["科目编码", "科目名称", "金额"]


@pytest.mark.parametrize("name,title,pages", [
    ("jiangsu-jianchayuan-2018-budget.pdf", "收支预算总表", [13, 14]),
    ("jiangsu-rendaban-2017-budget.pdf", "收支预算总表", [7, 8, 9]),
    ("jiangsu-shengweiban-2017-budget-tables.pdf", "2017年政府采购预算表", [12, 13, 14]),
    ("jiangsu-rendaban-2019-budget-tables.pdf", "2019年政府采购预算表", [12, 13]),
])
def test_parts_ruled_differently_are_one_table(name, title, pages):
    tables = [t for t in _doc(name).tables if t.title == title]
    assert [t.pages for t in tables] == [pages]


def test_rendaban_2017_part_on_other_ruling_keeps_its_columns():
    t = _doc("jiangsu-rendaban-2017-budget.pdf").tables[0]
    last = [(r.side, r.name, [(v.column, v.amount.printed) for v in r.values if v.amount.printed])
            for r in t.rows if r.page == 9 and r.name in ("收入合计", "支出合计")]
    # 支出合计 is printed once over the function pair's name and amount columns, its figure under the
    # second pair (by use): the function pair's own 支出合计 prints no figure
    assert last == [("income", "收入合计", [("收入/金额", "13,649.07")]),
                    ("expenditure", "支出合计", []),
                    ("expenditure_2", "支出合计", [("支出/支出用途/金额", "13,649.07")])]


def test_stacked_tables_in_one_ruling_are_cut_at_their_titles():
    # rendaban-2017 p.15: the end of 财政拨款基本支出预算表 and 财政拨款政府性基金支出预算表 in one ruling
    doc = _doc("jiangsu-rendaban-2017-budget.pdf")
    on15 = [(t.type, t.title) for t in doc.tables if 15 in t.pages]
    assert on15 == [("fiscal_allocation_basic_expenditure", "财政拨款基本支出预算表"),
                    ("government_fund_expenditure", "财政拨款政府性基金支出预算表")]


def test_a_table_stacked_under_another_on_one_ruling_reads_on_its_own_columns():
    """rendaban-2017 p.9: 收入预算总表 begins under the 收支预算总表's last rows on one ruling (every
    cell a white rect, the title's too); collapsed whole before it was cut under its title, the
    upper table's column lines parted its cells: 项目名称 | 项目名称 | | | 金额 | 金额. p.15 likewise
    (功能科目代码 and 功能科目名称 twice). Cut first, each part collapsed on its own."""
    doc = _doc("jiangsu-rendaban-2017-budget.pdf")
    income = next(t for t in doc.tables if t.title == "收入预算总表")
    assert income.pages == [9, 10] and income.columns == ["项目名称", "", "金额"]
    fund = next(t for t in doc.tables if t.title == "财政拨款政府性基金支出预算表")
    assert fund.columns == ["功能科目代码", "功能科目名称", "金额"]


def test_content_outside_the_page_is_not_read_and_is_reported():
    doc = _doc("jiangsu-rendaban-2017-budget.pdf")
    assert [p["page"] for p in doc.problems if "outside the visible page" in p["reason"]] == [11]
    # p.11 shows only 财政拨款支出预算表; the table printed below the page edge is not taken
    assert [t.title for t in doc.tables if 11 in t.pages] == ["财政拨款支出预算表"]


def test_collapse_keeps_a_merged_header_over_its_columns():
    """A header cell over three sub-columns that each have text keeps the three columns."""
    def cell(text, r, c, cs=1):
        return Cell(text, r, c, 1, cs, Box(1, c * 10, r * 10, (c + cs) * 10, r * 10 + 10))
    g = Grid(3, 4, [cell("支出预算", 0, 1, 3), cell("项目", 0, 0), cell("合计", 1, 1), cell("基本", 1, 2),
                    cell("项目", 1, 3), cell("", 1, 0), cell("a", 2, 0), cell("1", 2, 1), cell("2", 2, 2),
                    cell("3", 2, 3)])
    assert lattice.collapse(g) is g


def test_a_sliver_column_under_only_a_heading_starting_in_it_goes_with_the_columns_it_heads():
    """jiangsu-jianchayuan-2018 p.19 (Word, a box per printed text): 公务用车购置及运行维护费's box
    starts a few points left of the first column it heads, in a sliver of its own; joined to the
    column before, the heading stood over 因公出国（境）费 too, and the 三公 小计 went untested."""
    from disclosure.model import Box, Cell, Grid
    from disclosure.structure import lattice, tables as T

    def cell(text, row, col, x0, x1, rowspan=1, colspan=1):
        return Cell(text, row, col, rowspan, colspan, Box(19, x0, 300 + 12 * row, x1, 312 + 12 * (row + rowspan - 1)))

    grid = Grid(4, 4, [cell("“三公”经费", 0, 0, 150, 426, colspan=4),
                       cell("公务用车购置及运行维护费", 1, 1, 243, 390, colspan=3),
                       cell("因公出国（境）费", 2, 0, 199, 237),
                       cell("小计", 2, 2, 248, 282), cell("运行维护费", 2, 3, 341, 379),
                       cell("100.00", 3, 0, 199, 237), cell("267.80", 3, 2, 248, 282), cell("267.80", 3, 3, 341, 379)],
                Box(19, 150, 300, 426, 348))
    got = lattice.collapse(grid)
    assert got.n_cols == 3
    frag = T.split_grid(got, inherit_left=False)
    assert T.column_paths(frag.header, 3) == ["“三公”经费/因公出国（境）费", "“三公”经费/公务用车购置及运行维护费/小计",
                                              "“三公”经费/公务用车购置及运行维护费/运行维护费"]
