"""Issue #16 tried as a new user would: spreadsheets, web pages and Word files made the way real
portals make them (bench/portal_wild.py), not by the project's writers. Each test is one kind of
failure that trial set showed, constructed small.

- A web page's table split over two `<table>`s, the second without its header, whose last column
  is blank in every continued row: the blank column is still a column.
- A workbook of one table a sheet, each sheet named for its table and printing no title: the
  sheet's name is the title (the table typed).
- A workbook that prints no year or 预算/决算 anywhere, named as portals name attachments: the
  file's name gives year, department and kind.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT))

openpyxl = pytest.importorskip("openpyxl", reason="spreadsheets need openpyxl (pip install -e '.[test]')")
pytest.importorskip("lxml", reason="web pages need lxml (pip install -e '.[test]')")

from disclosure.pipeline import extract  # noqa: E402


def _cells(doc, type_: str) -> dict[tuple[str, str], str]:
    """(row code or name, column path) -> printed amount, over the tables of `type_`."""
    return {(r.code or r.name, v.column): v.amount.printed for t in doc.tables if t.type == type_
            for r in t.rows for v in r.values if v.amount.status != "blank"}


def test_table_continued_in_a_second_html_table_keeps_its_blank_last_column(tmp_path):
    head = ("<tr><td rowspan=2>科目编码</td><td rowspan=2>科目名称</td><td colspan=3>一般公共预算支出</td></tr>"
            "<tr><td>合计</td><td>基本支出</td><td>项目支出</td></tr>")
    first = ("<tr><td colspan=2>合计</td><td>356.78</td><td>256.78</td><td>100.00</td></tr>"
             "<tr><td>205</td><td>教育支出</td><td>100.00</td><td></td><td>100.00</td></tr>"
             "<tr><td>20502</td><td>普通教育</td><td>100.00</td><td></td><td>100.00</td></tr>")
    # the continued rows: no project spending, the last column blank in every one
    rest = ("<tr><td>208</td><td>社会保障和就业支出</td><td>256.78</td><td>256.78</td><td></td></tr>"
            "<tr><td>20805</td><td>行政事业单位养老支出</td><td>256.78</td><td>256.78</td><td></td></tr>"
            "<tr><td>2080505</td><td>机关事业单位基本养老保险缴费支出</td><td>256.78</td><td>256.78</td><td></td></tr>")
    page = (f"<html><body><h3>测试局2023年一般公共预算支出情况表</h3><p>单位：万元</p>"
            f"<table border=1>{head}{first}</table><table border=1>{rest}</table></body></html>")
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("gbk"))
    got = _cells(extract(path), "general_budget_expenditure")
    for code in ("208", "20805", "2080505"):
        assert got.get((code, "一般公共预算支出/合计")) == "256.78", code
        assert got.get((code, "一般公共预算支出/基本支出")) == "256.78", code
        assert (code, "一般公共预算支出/项目支出") not in got, code
    assert got[("205", "一般公共预算支出/项目支出")] == "100.00"


def _sheets_named_for_tables(path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "一般公共预算支出情况表"
    ws["E1"] = "单位：万元"
    for r, row in enumerate([["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
                             [None, "合计", 300.5, 200.5, 100],
                             [205, "教育支出", 300.5, 200.5, 100],
                             [20502, "普通教育", 300.5, 200.5, 100]], start=2):
        for c, v in enumerate(row, start=1):
            ws.cell(r, c, v).number_format = "#,##0.00" if isinstance(v, float) or c > 2 and v is not None else "General"
    ws2 = wb.create_sheet("“三公”经费支出情况表")
    ws2["D1"] = "单位：万元"
    for c, (h, v) in enumerate([("合计", 12.5), ("因公出国（境）费", 0), ("公务用车购置及运行费", 10), ("公务接待费", 2.5)],
                               start=1):
        ws2.cell(2, c, h)
        ws2.cell(3, c, v).number_format = "0.00"
    wb.save(path)


def test_sheet_named_for_its_table_without_a_title_row_is_typed_by_its_name(tmp_path):
    path = tmp_path / "book.xlsx"
    _sheets_named_for_tables(path)
    doc = extract(path)
    assert [(t.title, t.type) for t in doc.tables] == [
        ("一般公共预算支出情况表", "general_budget_expenditure"), ("“三公”经费支出情况表", "three_public_expenses")]
    assert _cells(doc, "general_budget_expenditure")[("205", "基本支出")] == "200.50"
    assert _cells(doc, "three_public_expenses")[("", "公务接待费")] == "2.50"


def test_default_sheet_names_are_no_titles(tmp_path):
    path = tmp_path / "book.xlsx"
    _sheets_named_for_tables(path)
    wb = openpyxl.load_workbook(path)
    wb.worksheets[0].title, wb.worksheets[1].title = "Sheet1", "表2"
    wb.save(path)
    assert [t.title for t in extract(path).tables if t.title in ("Sheet1", "表2")] == []


def test_workbook_printing_no_year_takes_it_from_its_attachment_name(tmp_path):
    path = tmp_path / "附件1：福州市鼓楼区教育局2023年部门预算公开表.xlsx"
    _sheets_named_for_tables(path)
    doc = extract(path)
    assert (doc.year, doc.kind, doc.department) == (2023, "budget", "福州市鼓楼区教育局")
    # a scraper's name says nothing: nothing guessed
    bare = tmp_path / "20230210_4471.xlsx"
    _sheets_named_for_tables(bare)
    assert extract(bare).year is None
