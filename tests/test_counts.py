"""Counts are not money (measures.json 2.1, measure `count`): 三公 tables and their page texts print
团组数, 人次, 批次, 购置数 / 保有量 (辆) beside the amounts. Such a figure keeps its counted unit, has no
value in 元, and no identity adds it to money.

Constructed tables (an .xlsx written here with openpyxl, a scraper's page text) with count columns and
count rows beside money, and the fujian 2018 三公 page text of the corpus, which prints its 相关统计数
under the amounts of one 当年决算数 column."""
from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import corpus_file, extracted

openpyxl = pytest.importorskip("openpyxl", reason="spreadsheets need openpyxl (pip install -e '.[test]')")

from disclosure.emit import csvout, jsonout  # noqa: E402
from disclosure.extract.inline_tables import find  # noqa: E402
from disclosure.extract.jsonin import document_from_json  # noqa: E402
from disclosure.normalize.measures import count_unit, measure  # noqa: E402
from disclosure.pipeline import extract  # noqa: E402


def _items(doc) -> list[dict]:
    return list(csv.DictReader(io.StringIO(csvout.line_items(doc))))


def _referenced(table) -> set[tuple[str, int, int]]:
    return {c for t in table.verification.tested for c in [t.total] + t.parts}


def _mixed(table) -> list[str]:
    """The identities tested on the table whose cells are not all of one quantity (money, or counts
    of one unit)."""
    cells = {(r.side, r.index, v.column_index): (v.measure == "count", v.unit) for r in table.rows for v in r.values}
    return [t.label for t in table.verification.tested if len({cells[c] for c in [t.total] + t.parts}) > 1]


# ---------------------------------------------------------------- the vocabulary

@pytest.mark.parametrize("label, unit", [
    ("因公出国（境）团组数（个）", "个"), ("因公出国（境）人次数（人）", "人"), ("团组数", "个"), ("人次", "人次"),
    ("国内公务接待批次", "批次"), ("公务用车购置数（辆）", "辆"), ("公务用车保有量", "辆"), ("实有人数", "人"),
    ("项目个数", "个"), ("项目数", "个"), ("设备台数", "台"), ("培训期数", "期"), ("会议次数", "次"), ("采购数量", ""), ("车辆数", "辆"),
    ("因公出国（境）费", None), ("公务用车购置费", None), ("预算数", None), ("人员经费", None), ("本单位数", None),
    ("机关事业单位基本养老保险缴费支出（项）", None), ("其他商品和服务支出", None), ("上年决算数", None),
])
def test_count_words_and_units(label, unit):
    assert count_unit(label) == unit


def test_a_count_column_is_count_whatever_item_it_counts():
    assert measure("因公出国（境）/团组数", "final_accounts", "three_public_expenses") == "count"
    assert measure("公务接待/人次/决算数", "final_accounts", "three_public_expenses") == "count"
    assert measure("因公出国（境）费/决算数", "final_accounts", "three_public_expenses") == "outbound_travel"
    assert measure("公务用车购置及运行费/公务用车购置费", "budget", "three_public_expenses") == "vehicle_purchase"


def test_a_fee_heading_wrapped_into_two_levels_names_its_measure():
    """jiangsu-jianchayuan-2018 p.19 (Word, a box per printed line): 公务接 / 待费 and 因公出国 / （境）费
    came out as two heading levels, each leaf naming nothing, so the figures were plain `amount`."""
    three = "three_public_expenses"
    assert measure("“三公”经费/公务接/待费", "budget", three) == "reception"
    assert measure("“三公”经费/公务用车购置及运行维护费/因公出国/（境）费", "budget", three) == "outbound_travel"
    assert measure("会议/费", "budget", "") == "meeting"
    # only a fee word's tail: a short leaf of its own stays what it is
    assert measure("一般公共预算/其他", "budget", "") == "amount"


# ---------------------------------------------------------------- a spreadsheet: count columns beside money

MONEY = ["合计", "因公出国（境）费", "公务用车购置及运行费", "公务用车购置及运行费", "公务用车购置及运行费", "公务接待费"]
MONEY2 = ["", "", "小计", "公务用车购置费", "公务用车运行维护费", ""]
COUNTS = ["因公出国（境）团组数（个）", "因公出国（境）人次", "公务用车购置数（辆）", "公务用车保有量（辆）", "公务接待批次",
          "公务接待人次"]


def _three_public_sheet(path: Path) -> Path:
    """A 三公 table over two header rows: six money columns (合计 = 出国 + 车小计 + 接待, 车小计 = 购置 +
    运行) and six count columns, one row of figures in 万元."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表七"
    ws["A1"] = "2024年度测试局一般公共预算“三公”经费支出决算表"
    ws.merge_cells("A1:L1")
    ws["A2"] = "单位：万元"
    for k, (top, low) in enumerate(zip(MONEY + COUNTS, MONEY2 + [""] * len(COUNTS)), start=1):
        ws.cell(3, k, top if k < 3 or k > 5 or k == 3 else None)
        ws.cell(4, k, low or None)
    ws.merge_cells("C3:E3")
    for k in [1, 2, 6] + list(range(7, 13)):
        ws.merge_cells(start_row=3, start_column=k, end_row=4, end_column=k)
    figures = [Decimal("54.30"), Decimal("12.00"), Decimal("30.30"), Decimal("20.00"), Decimal("10.30"), Decimal("12.00"),
               3, 9, 2, 17, 40, 390]
    for k, v in enumerate(figures, start=1):
        c = ws.cell(5, k, float(v) if isinstance(v, Decimal) else v)
        c.number_format = "#,##0.00" if isinstance(v, Decimal) else "0"
    wb.save(path)
    return path


def test_count_columns_of_a_three_public_sheet(tmp_path):
    doc = extract(_three_public_sheet(tmp_path / "sangong.xlsx"))
    (t,) = doc.tables
    assert (t.type, t.unit) == ("three_public_expenses", "万元")
    (row,) = [r for r in t.rows if r.values]
    got = {v.column: v for v in row.values}
    money = {c: (v.measure, v.amount.value) for c, v in got.items() if v.measure != "count"}
    assert money == {"合计": ("three_public_total", Decimal("54.30")), "因公出国（境）费": ("outbound_travel", Decimal("12.00")),
                     "公务用车购置及运行费/小计": ("vehicle_total", Decimal("30.30")),
                     "公务用车购置及运行费/公务用车购置费": ("vehicle_purchase", Decimal("20.00")),
                     "公务用车购置及运行费/公务用车运行维护费": ("vehicle_operation", Decimal("10.30")),
                     "公务接待费": ("reception", Decimal("12.00"))}
    counts = {c: (v.unit, v.amount.value, v.amount.status) for c, v in got.items() if v.measure == "count"}
    assert counts == {"因公出国（境）团组数（个）": ("个", Decimal(3), "number"), "因公出国（境）人次": ("人次", Decimal(9), "number"),
                      "公务用车购置数（辆）": ("辆", Decimal(2), "number"), "公务用车保有量（辆）": ("辆", Decimal(17), "number"),
                      "公务接待批次": ("批次", Decimal(40), "number"), "公务接待人次": ("人次", Decimal(390), "number")}
    # line_items.csv: the counted unit, no value in 元; money in 万元 with its 元
    items = {r["column"]: r for r in _items(doc) if r["table_index"] == "1"}
    assert (items["因公出国（境）团组数（个）"]["unit"], items["因公出国（境）团组数（个）"]["value_yuan"]) == ("个", "")
    assert (items["公务接待人次"]["measure"], items["公务接待人次"]["value"], items["公务接待人次"]["unit"]) == \
        ("count", "390", "人次")
    assert (items["因公出国（境）费"]["unit"], items["因公出国（境）费"]["value_yuan"]) == ("万元", "120000.00")
    # the identities: 合计 = 出国 + 车小计 + 接待 and 小计 = 购置 + 运行 hold; no count is in any of them
    assert t.verification.failed == 0 and t.verification.held >= 2
    count_cols = {v.column_index for v in row.values if v.measure == "count"}
    assert count_cols and not {c for c in _referenced(t) if c[2] in count_cols}
    assert not _mixed(t)
    assert not [f for f in doc.findings if f.severity == "error"]


def test_counts_in_document_json_and_back(tmp_path):
    doc = extract(_three_public_sheet(tmp_path / "sangong.xlsx"))
    data = json.loads(jsonout.dumps(doc))
    values = {v["column"]: v for r in data["tables"][0]["rows"] for v in r["values"]}
    assert (values["公务用车保有量（辆）"]["measure"], values["公务用车保有量（辆）"]["unit"],
            values["公务用车保有量（辆）"]["value"], values["公务用车保有量（辆）"]["value_yuan"]) == ("count", "辆", "17", None)
    assert (values["合计"]["unit"], values["合计"]["value_yuan"]) == ("万元", "543000.00")
    back = document_from_json(jsonout.dumps(doc))
    assert csvout.line_items(back) == csvout.line_items(doc)


# ---------------------------------------------------------------- count rows under money columns

def _rows_sheet(path: Path, rows: list[tuple[str, float, float]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "2024年度测试局“三公”经费支出情况表"
    ws["A2"] = "单位：万元"
    ws["A3"], ws["B3"], ws["C3"] = "项目", "预算数", "决算数"
    for i, (name, b, a) in enumerate(rows, start=4):
        ws.cell(i, 1, name)
        for k, v in ((2, b), (3, a)):
            ws.cell(i, k, v).number_format = "0.00" if isinstance(v, float) else "0"
    wb.save(path)
    return path


def test_count_rows_are_no_part_of_the_total(tmp_path):
    """合计 = the three items; the 团组数 and 批次 rows printed among them are counts: their own unit, no
    元, and outside the total (counted as parts, 合计 30.00 ≠ 30.00 + 3 + 12)."""
    doc = extract(_rows_sheet(tmp_path / "rows.xlsx", [
        ("合计", 30.0, 28.5), ("因公出国（境）费", 10.0, 9.5), ("公务用车运行维护费", 8.0, 8.0), ("公务接待费", 12.0, 11.0),
        ("因公出国（境）团组数（个）", 3, 2), ("公务接待批次（批次）", 12, 10)]))
    (t,) = doc.tables
    rows = {r.name: r for r in t.rows}
    assert [(v.measure, v.unit, v.basis, v.amount.value) for v in rows["因公出国（境）团组数（个）"].values] == \
        [("count", "个", "budget", Decimal(3)), ("count", "个", "actual", Decimal(2))]
    assert {v.unit for v in rows["公务接待批次（批次）"].values} == {"批次"}
    assert all(v.measure != "count" and v.unit == "" for v in rows["公务接待费"].values)
    totals = [x for x in t.verification.tested if x.kind == "column_total"]
    assert len(totals) == 2 and all(x.held for x in totals), t.verification.failures
    assert all(len(x.parts) == 3 for x in totals) and not _mixed(t)
    items = [r for r in _items(doc) if r["name"].startswith("因公出国（境）团组数")]
    assert [(r["unit"], r["value"], r["value_yuan"]) for r in items] == [("个", "3", ""), ("个", "2", "")]
    assert not [f for f in doc.findings if f.rule == "arithmetic.column_total"]


# ---------------------------------------------------------------- page texts

PAGE = """标题: 2019年度测试局“三公”经费支出决算情况
发布时间: 2020-08-02 15:20
发布机构: 测试局
==================== 正文 =====
单位:万元 项 目 当年决算数 一、“三公”经费支出 — （一）支出合计 30.00 1.因公出国（境）费 10.00 2.公务用车购置及运行维护费 8.00 3.公务接待费 12.00 （二）相关统计数 — 1.因公出国（境）团组数（个） 3 2.因公出国（境）人次数（人） 9 3.公务用车保有量（辆） 4 4.国内公务接待批次（个） 40 5.国内公务接待人次（人） 390 备注：按规定公开。 （一）因公出国（境）费10.00万元，全年组织出国团组3个，因公出国（境）累计9人次。
"""


def test_page_text_counts(tmp_path):
    path = tmp_path / "sangong.txt"
    path.write_text(PAGE, encoding="utf-8")
    doc = extract(path)
    (t,) = doc.tables
    rows = {r.name: r.values[0] for r in t.rows}
    assert (rows["1.因公出国（境）费"].measure, rows["1.因公出国（境）费"].amount.value) == ("amount", Decimal("10.00"))
    assert [(rows[n].measure, rows[n].unit, rows[n].amount.value) for n in
            ("1.因公出国（境）团组数（个）", "2.因公出国（境）人次数（人）", "3.公务用车保有量（辆）", "5.国内公务接待人次（人）")] == \
        [("count", "个", Decimal(3)), ("count", "人", Decimal(9)), ("count", "辆", Decimal(4)), ("count", "人", Decimal(390))]
    assert not [r for r in _items(doc) if r["measure"] == "count" and (r["value_yuan"] or r["unit"] == "万元")]
    # the prose's 3个 and 9人次 are no facts; its 10.00万元 is
    assert [f.printed for f in doc.facts if f.subject == "因公出国（境）费"] == ["10.00万元"]
    assert not [f for f in doc.facts if f.value in (Decimal(3), Decimal(9))]


def test_page_text_count_columns(tmp_path):
    """A flattened table whose headings name counts (团组数（个）, 人次) beside 金额: a table (its count
    headings are headings), the counts in their units, 合计 adding money to money and 团组 to 团组."""
    path = tmp_path / "counts.txt"
    path.write_text(PAGE.split("单位:万元")[0] + "2019年度测试局“三公”经费支出表 单位：万元 项目 金额 团组数（个） 人次 "
                    "因公出国（境）费 10.00 3 12 公务接待费 20.00 40 390 合计 30.00 43 402 备注：按规定公开。\n",
                    encoding="utf-8")
    doc = extract(path)
    (t,) = doc.tables
    assert t.columns == ["项目", "金额", "团组数（个）", "人次"]
    total = next(r for r in t.rows if r.name == "合计")
    # (a 三公 table printed a row per item: its 合计 row's money is the 三公 total, measures 2.1.3)
    assert [(v.measure, v.unit, v.amount.value) for v in total.values] == \
        [("three_public_total", "", Decimal("30.00")), ("count", "个", Decimal(43)), ("count", "人次", Decimal(402))]
    held = sorted(x.label for x in t.verification.tested if x.held)
    assert held == ["合计 = Σ (人次)", "合计 = Σ (团组数（个）)", "合计 = Σ (金额)"], t.verification.failures
    assert not _mixed(t) and t.verification.failed == 0


def test_inline_table_blanks_placed_by_money_sums_only():
    """A page text loses blank cells: rows printed with fewer figures than columns are placed where
    the sums hold. A count row is in no sum: its 2 is not moved under 决算数 to make 12.00 = 10.00 + 2
    (and 30.00 = 10.00 + 20.00 without it) hold; it stays where the page puts it, from the left."""
    (t,) = find("单位：万元 项目 预算数 决算数 合计 30.00 12.00 因公出国（境）费 10.00 10.00 公务接待费 20.00 "
                "公务接待批次（个） 2")
    assert t.rows[-2:] == [["公务接待费", "20.00", ""], ["公务接待批次（个）", "2", ""]]


def test_fujian_sangong_counts():
    doc = extracted(str(corpus_file("fujian/fujian-pingtan-district-level-2018-sangong-final.txt")))
    (t,) = doc.tables
    got = {r.name: (r.values[0].measure, r.values[0].unit, r.values[0].amount.printed) for r in t.rows}
    assert got["1.因公出国（境）团组数（个）"] == ("count", "个", "65")
    assert got["2.因公出国（境）人次数（人）"] == ("count", "人", "135")
    assert got["3.公务用车购置数（辆）"] == ("count", "辆", "19")
    assert got["4.公务用车保有量（辆）"] == ("count", "辆", "291")
    assert got["5.国内公务接待批次（个）"] == ("count", "个", "2,060")
    assert got["6.国内公务接待人次（人）"] == ("count", "人", "30,472")
    assert got["1.因公出国（境）费"] == ("outbound_travel", "", "189.91")  # the row names its measure (2.1.3)
    counts = [r for r in _items(doc) if r["measure"] == "count"]
    assert len(counts) == 10 and not any(r["value_yuan"] for r in counts)
    money = [r for r in _items(doc) if r["status"] == "number" and r["measure"] != "count"]
    assert len(money) == 9 and all(r["unit"] == "万元" and r["value_yuan"] for r in money)


def test_a_table_of_counts_needs_no_money_unit():
    """form.unit_missing is about amounts: a table printing only counts (人数, 人次) without 单位 is no
    error; a money column beside them without 单位 is."""
    from test_checks import _doc, _row, _table
    from disclosure.checks import form

    cols = [("编制人数", "count"), ("实有人数", "count")]
    t = _table([_row("", "行政人员", ["12", "10"], cols)], cols, type_="other", unit="")
    assert form.units(_doc([t])) == []
    cols.append(("人员经费", "personnel"))
    t = _table([_row("", "行政人员", ["12", "10", "150.00"], cols)], cols, type_="other", unit="")
    assert [(f.rule, f.severity) for f in form.units(_doc([t]))] == [("form.unit_missing", "error")]


def test_report_says_a_count_and_its_unit(tmp_path):
    from disclosure.emit import report

    doc = extract(_three_public_sheet(tmp_path / "sangong.xlsx"))
    html = report.render(doc)
    assert 'title="count (辆) actual"' in html and 'title="vehicle_purchase actual"' in html


def test_web_page_three_public_table_with_count_columns(tmp_path):
    """An HTML 三公 table, header over two rows (rowspan, colspan): 预算数 and 决算数 of each item's money
    beside its counts; no identity adds a count to money, the counts keep their units."""
    page = ('<html><head><meta charset="utf-8"><title>测试局2023年度部门决算</title></head><body>'
            "<h3>测试局2023年度“三公”经费支出决算表</h3><p>单位：万元</p><table border='1'>"
            "<tr><th rowspan='2'>项目</th><th colspan='2'>因公出国（境）费</th><th colspan='2'>公务接待费</th>"
            "<th rowspan='2'>因公出国（境）团组数（个）</th><th rowspan='2'>公务接待批次（批次）</th>"
            "<th rowspan='2'>公务用车保有量（辆）</th></tr>"
            "<tr><th>预算数</th><th>决算数</th><th>预算数</th><th>决算数</th></tr>"
            "<tr><td>合计</td><td>10.00</td><td>9.00</td><td>20.00</td><td>18.50</td><td>5</td><td>60</td><td>7</td></tr>"
            "<tr><td>本级</td><td>6.00</td><td>5.00</td><td>12.00</td><td>11.50</td><td>3</td><td>40</td><td>4</td></tr>"
            "<tr><td>下属单位</td><td>4.00</td><td>4.00</td><td>8.00</td><td>7.00</td><td>2</td><td>20</td><td>3</td></tr>"
            "</table></body></html>")
    path = tmp_path / "sangong.html"
    path.write_text(page, encoding="utf-8")
    doc = extract(path)
    (t,) = doc.tables
    total = next(r for r in t.rows if r.name == "合计")
    got = [(v.column, v.measure, v.basis, v.unit, str(v.amount.value)) for v in total.values]
    assert got == [("因公出国（境）费/预算数", "outbound_travel", "budget", "", "10.00"),
                   ("因公出国（境）费/决算数", "outbound_travel", "actual", "", "9.00"),
                   ("公务接待费/预算数", "reception", "budget", "", "20.00"),
                   ("公务接待费/决算数", "reception", "actual", "", "18.50"),
                   ("因公出国（境）团组数（个）", "count", "actual", "个", "5"),
                   ("公务接待批次（批次）", "count", "actual", "批次", "60"),
                   ("公务用车保有量（辆）", "count", "actual", "辆", "7")]
    yuan = {r["column"]: r["value_yuan"] for r in _items(doc) if r["name"] == "合计"}
    assert yuan["公务接待费/决算数"] == "185000.00" and yuan["公务用车保有量（辆）"] == ""
    # 合计 = 本级 + 下属单位 in every column, money with money and each count with its own
    assert t.verification.failed == 0 and t.verification.held == 7 and not _mixed(t)


def test_a_part_without_a_figure_in_the_column_is_left_out_not_fatal():
    """A 款 row whose cell in a column is text (a misread, a note) beside one with a figure: the
    hierarchy identity of the 类 adds the figures there are (L007-00383: KeyError from a part
    without the column, the whole document lost)."""
    from disclosure.model import Box, Cell, Grid, Table
    from disclosure.structure import tables as T
    from disclosure.structure.identities import hierarchy

    rows = [["科目编码", "科目名称", "合计", "基本支出"], ["201", "一般公共服务支出", "30.00", "20.00"],
            ["20101", "人大事务", "10.00", "见附注"], ["20103", "政府办公厅", "20.00", "20.00"]]
    cells = [Cell(t, r, k, box=Box(1, 40 * k, 10 * r, 40 * k + 39, 10 * r + 9))
             for r, row in enumerate(rows) for k, t in enumerate(row)]
    g = Grid(len(rows), 4, cells)
    frag = T.split_grid(g, inherit_left=False)
    paths = T.column_paths(frag.header, 4)
    segs = T.segments(paths, frag.body, T.top_labels(frag.header, 4))
    body_rows = T.rows_of(paths, frag.body, [1] * 3, segs, "budget", "expenditure_summary")
    table = Table(index=1, type="expenditure_summary", title="支出预算总表", title_printed="支出预算总表", number="",
                  unit="万元", unit_factor=None, department="", pages=[1], columns=paths, header_rows=[],
                  body=[], body_pages=[1] * 3, sides=[""], rows=body_rows, empty=False, note="", box=None)
    ids = hierarchy(table)
    assert sorted((i.total[1].column, [p[1].amount.printed for p in i.parts]) for i in ids) == [
        ("合计", ["10.00", "20.00"]), ("基本支出", ["20.00"])]
