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
from decimal import Decimal
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


def test_column_number_rows_are_neither_headings_nor_figures(tmp_path):
    """A final-account template's 栏次 | 1 | 2 | 3 row under the heading (labelled, or bare 1 2 3 over
    a table without a label column): no part of a column's path, and no row of figures."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表1"
    ws["A1"] = "测试局2022年度一般公共预算财政拨款支出决算表"
    ws["E2"] = "单位：万元"
    rows = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"], ["栏次", None, "1", "2", "3"],
            [None, "合计", 300.5, 200.5, 100], [205, "教育支出", 300.5, 200.5, 100]]
    for r, row in enumerate(rows, start=3):
        for c, v in enumerate(row, start=1):
            ws.cell(r, c, v)
    ws.merge_cells("A4:B4")
    ws2 = wb.create_sheet("表2")
    ws2["A1"] = "测试局2022年度财政拨款“三公”经费支出决算表"
    ws2["D2"] = "单位：万元"
    heads = [("合计", None), ("因公出国（境）费", None), ("公务用车购置及运行费", "小计"), (None, "公务用车购置费"),
             (None, "公务用车运行费"), ("公务接待费", None)]
    for c, ((top, low), n, v) in enumerate(zip(heads, range(1, 7), (12.5, 0, 10, 0, 10, 2.5)), start=1):
        ws2.cell(3, c, top)
        ws2.cell(4, c, low)
        ws2.cell(5, c, n)  # the column numbers stored as numbers, no 栏次 label
        ws2.cell(6, c, v).number_format = '#,##0.00;-#,##0.00;"-"'  # a zero shows -
    for rng in ("A3:A4", "B3:B4", "C3:E3", "F3:F4"):
        ws2.merge_cells(rng)
    path = tmp_path / "final.xlsx"
    wb.save(path)
    doc = extract(path)
    spend = _cells(doc, "general_budget_expenditure")
    assert spend == {("合计", "合计"): "300.5", ("合计", "基本支出"): "200.5", ("合计", "项目支出"): "100",
                     ("205", "合计"): "300.5", ("205", "基本支出"): "200.5", ("205", "项目支出"): "100"}
    [table] = [t for t in doc.tables if t.type == "three_public_expenses"]
    assert len(table.rows) == 1  # the row of column numbers is no row of figures
    three = _cells(doc, "three_public_expenses")
    assert three == {("", "合计"): "12.50", ("", "因公出国（境）费"): "-", ("", "公务用车购置及运行费/小计"): "10.00",
                     ("", "公务用车购置及运行费/公务用车购置费"): "-",
                     ("", "公务用车购置及运行费/公务用车运行费"): "10.00", ("", "公务接待费"): "2.50"}


_TITLED_TABLE = ("<tr><td colspan=3><b>测试局2023年一般公共预算支出情况表</b></td></tr>"
                 "<tr><td colspan=3 align=right>单位：万元</td></tr>"
                 "<tr><td>科目编码</td><td>科目名称</td><td>合计</td></tr>"
                 "<tr><td></td><td>合计</td><td>1,234.56</td></tr>"
                 "<tr><td>205</td><td>教育支出</td><td>1,234.56</td></tr>")


def test_title_printed_in_the_tables_first_row_beats_a_heading_further_up(tmp_path):
    page = (f"<html><body><p>一、部门基本情况</p><p>二、部门预算表</p>"
            f"<table border=1>{_TITLED_TABLE}</table></body></html>")
    path = tmp_path / "page.htm"
    path.write_text(page, encoding="utf-8")
    doc = extract(path)
    assert [(t.title, t.type, t.unit) for t in doc.tables] == \
        [("测试局2023年一般公共预算支出情况表", "general_budget_expenditure", "万元")]


def test_word_table_printing_its_title_and_unit_in_its_first_rows(tmp_path):
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

    def tc(text: str, span: int = 1) -> str:
        grid = f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span > 1 else ""
        return f"<w:tc>{grid}<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"

    rows = [[("测试局2023年一般公共预算支出情况表", 3)], [("单位：万元", 3)],
            [("科目编码", 1), ("科目名称", 1), ("合计", 1)], [("", 1), ("合计", 1), ("1,234.56", 1)],
            [("205", 1), ("教育支出", 1), ("1,234.56", 1)]]
    tbl = "<w:tbl>" + "".join("<w:tr>" + "".join(tc(t, s) for t, s in r) + "</w:tr>" for r in rows) + "</w:tbl>"
    body = "<w:p><w:r><w:t>二、部门预算表</w:t></w:r></w:p>" + tbl
    path = tmp_path / "tables.docx"
    import zipfile
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/'
                   'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("word/document.xml", f'<?xml version="1.0"?><w:document {w}><w:body>{body}</w:body></w:document>')
    doc = extract(path)
    assert [(t.title, t.type, t.unit) for t in doc.tables] == \
        [("测试局2023年一般公共预算支出情况表", "general_budget_expenditure", "万元")]
    assert _cells(doc, "general_budget_expenditure")[("205", "合计")] == "1,234.56"


def test_title_and_unit_printed_in_one_row_read_as_title_and_unit(tmp_path):
    """The title merged over all columns but the last and 单位 in the last, one row (on a sheet, or
    a web table's first row): a title and a unit, not one line that reads as neither."""
    page = ("<html><body><table border=1><tr><td colspan=2><b>测试局2023年一般公共预算支出情况表</b></td>"
            "<td>单位：元</td></tr><tr><td>科目编码</td><td>科目名称</td><td>合计</td></tr>"
            "<tr><td></td><td>合计</td><td>12,345,600.00</td></tr>"
            "<tr><td>205</td><td>教育支出</td><td>12,345,600.00</td></tr></table></body></html>")
    html_path = tmp_path / "page.html"
    html_path.write_text(page, encoding="utf-8")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["C1"] = "测试局2023年一般公共预算支出情况表", "单位：元"
    ws.merge_cells("A1:B1")
    for r, row in enumerate([["科目编码", "科目名称", "合计"], [None, "合计", 12345600], [205, "教育支出", 12345600]],
                            start=2):
        for c, v in enumerate(row, start=1):
            ws.cell(r, c, v).number_format = "#,##0.00" if c == 3 else "General"
    book = tmp_path / "book.xlsx"
    wb.save(book)
    for path in (html_path, book):
        doc = extract(path)
        assert [(t.title, t.type, t.unit) for t in doc.tables] == \
            [("测试局2023年一般公共预算支出情况表", "general_budget_expenditure", "元")], path.name
        assert _cells(doc, "general_budget_expenditure")[("205", "合计")] == "12,345,600.00"


@pytest.mark.parametrize("fmt, shown", [("#,##0.00_ ", "1,234.50"), ("0.00_ ", "1234.50"),
                                        ("#,##0.00_ ;[红色]-#,##0.00 ", "1,234.50"), ("[$-804]G/通用格式", "1234.5"),
                                        ("[DBNum1][$-804]General", "1234.5")])
def test_zh_cn_number_formats_show_the_number(tmp_path, fmt, shown):
    """zh-CN Excel's own formats: 数值 with 千位分隔符 ends in `_ ` (a space's width of padding), and
    General behind a locale tag: the figure as the cell shows it, never `1,234.50_` or `General`."""
    from disclosure.extract.numfmt import display
    assert display(1234.5, fmt) == (shown, "")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["C2"] = "测试局2023年一般公共预算支出情况表", "单位：万元"
    for r, row in enumerate([["科目编码", "科目名称", "合计"], [None, "合计", 1234.5], [205, "教育支出", 1234.5]],
                            start=3):
        for c, v in enumerate(row, start=1):
            ws.cell(r, c, v).number_format = fmt if c == 3 else "General"
    path = tmp_path / "book.xlsx"
    wb.save(path)
    assert _cells(extract(path), "general_budget_expenditure") == {("合计", "合计"): shown, ("205", "合计"): shown}


def _word(path: Path, body: str) -> Path:
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    import zipfile
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/'
                   'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("word/document.xml", f'<?xml version="1.0"?><w:document {w}><w:body>{body}</w:body></w:document>')
    return path


def _p(text: str, link: bool = False) -> str:
    run = f"<w:r><w:t>{text}</w:t></w:r>"
    return f"<w:p>{'<w:hyperlink>' + run + '</w:hyperlink>' if link else run}</w:p>"


def _tbl(rows: list[list[str]]) -> str:
    return "<w:tbl>" + "".join("<w:tr>" + "".join(f"<w:tc>{c if c.startswith('<') else _p(c)}</w:tc>" for c in r)
                               + "</w:tr>" for r in rows) + "</w:tbl>"


def test_word_tables_inside_a_layout_table_are_read(tmp_path):
    """A web page saved as Word: the page's layout table holds a side menu of links in one cell and
    the content (title, 单位, the data table) in the next: the data table is a table, the menu no text."""
    data = _tbl([["科目编码", "科目名称", "合计"], ["", "合计", "1,234.56"], ["205", "教育支出", "1,234.56"]])
    content = _p("测试局2023年一般公共预算支出情况表") + _p("单位：万元") + data + _p("")
    menu = _p("部门预算", link=True) + _p("部门决算", link=True)
    layout = f"<w:tbl><w:tr><w:tc>{menu}</w:tc><w:tc>{content}</w:tc></w:tr></w:tbl>"
    doc = extract(_word(tmp_path / "saved.docx", layout))
    assert [(t.title, t.type, t.unit) for t in doc.tables] == \
        [("测试局2023年一般公共预算支出情况表", "general_budget_expenditure", "万元")]
    assert _cells(doc, "general_budget_expenditure")[("205", "合计")] == "1,234.56"
    assert doc.kind == "budget"
    assert not any("部门决算" in p.text for p in doc.paragraphs)  # the menu is the site's, not the page's


_XMLSS = """<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:x="urn:schemas-microsoft-com:office:excel"
 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Styles><Style ss:ID="Default" ss:Name="Normal"/><Style ss:ID="s62"><NumberFormat ss:Format="Standard"/></Style>
  <Style ss:ID="s63" ss:Parent="s62"/></Styles>
 <Worksheet ss:Name="表一"><Table>
  <Row><Cell ss:MergeAcross="4"><Data ss:Type="String">测试局2023年一般公共预算支出情况表</Data></Cell></Row>
  <Row><Cell ss:Index="5"><Data ss:Type="String">单位：万元</Data></Cell></Row>
  <Row><Cell ss:MergeDown="1"><Data ss:Type="String">科目编码</Data></Cell><Cell ss:MergeDown="1"><Data
   ss:Type="String">科目名称</Data></Cell><Cell ss:MergeAcross="2"><Data ss:Type="String">一般公共预算支出</Data></Cell></Row>
  <Row><Cell ss:Index="3"><Data ss:Type="String">合计</Data></Cell><Cell><Data ss:Type="String">基本支出</Data></Cell><Cell><Data
   ss:Type="String">项目支出</Data></Cell></Row>
  <Row><Cell ss:MergeAcross="1"><Data ss:Type="String">合计</Data></Cell><Cell ss:StyleID="s62" ss:Formula="=RC[1]+RC[2]"><Data
   ss:Type="Number">1234.5</Data></Cell><Cell ss:StyleID="s62"><Data ss:Type="Number">1000</Data></Cell><Cell
   ss:StyleID="s63"><Data ss:Type="Number">234.5</Data></Cell></Row>
  <Row ss:Hidden="1"><Cell ss:Index="2"><Data ss:Type="String">上年数</Data></Cell><Cell><Data ss:Type="Number">999</Data></Cell></Row>
  <Row><Cell><Data ss:Type="Number">205</Data></Cell><Cell><Data ss:Type="String">教育支出</Data></Cell><Cell ss:StyleID="s62"><Data
   ss:Type="Number">1234.5</Data></Cell><Cell ss:StyleID="s62"><Data ss:Type="Number">1000</Data></Cell><Cell
   ss:StyleID="s62"><Data ss:Type="Number">234.5</Data></Cell></Row>
 </Table></Worksheet>
 <Worksheet ss:Name="参数"><Table><Row><Cell><Data ss:Type="Number">7</Data></Cell></Row></Table>
  <WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Visible>SheetHidden</Visible></WorksheetOptions></Worksheet>
</Workbook>
"""


def test_excel_2003_xml_spreadsheet_served_as_xls(tmp_path):
    """Report systems export Excel 2003 XML (SpreadsheetML) and portals serve it as .xls: a workbook,
    not a web page with no table: ss:Index gaps, merges, named formats (Standard, a style inheriting
    it), hidden rows and sheets skipped."""
    from disclosure.extract import read
    path = tmp_path / "report.xls"
    path.write_text(_XMLSS, encoding="utf-8")
    raw = read(path)
    assert raw.source_format == "xmlss"
    assert any("hidden rows skipped: 6" in n for n in raw.pages[0].notes)
    assert any("hidden sheets skipped: 参数" in n for n in raw.pages[0].notes)
    doc = extract(path)
    assert [(t.title, t.type, t.unit) for t in doc.tables] == \
        [("测试局2023年一般公共预算支出情况表", "general_budget_expenditure", "万元")]
    assert _cells(doc, "general_budget_expenditure") == {
        ("合计", "一般公共预算支出/合计"): "1,234.50", ("合计", "一般公共预算支出/基本支出"): "1,000.00",
        ("合计", "一般公共预算支出/项目支出"): "234.50", ("205", "一般公共预算支出/合计"): "1,234.50",
        ("205", "一般公共预算支出/基本支出"): "1,000.00", ("205", "一般公共预算支出/项目支出"): "234.50"}


def test_broken_xml_spreadsheet_one_line_error(tmp_path):
    from disclosure.extract import read
    from disclosure.extract.errors import InputError
    path = tmp_path / "cut.xls"
    path.write_text(_XMLSS[:900], encoding="utf-8")  # cut off mid-way, as a failed download leaves it
    with pytest.raises(InputError) as e:
        read(path)
    assert "not a readable XML spreadsheet" in str(e.value) and "\n" not in str(e.value)


_CSV = ('测试局2023年一般公共预算支出情况表,,,,\r\n,,,,单位：万元\r\n科目编码,科目名称,一般公共预算支出,,\r\n'
        ',,合计,基本支出,项目支出\r\n,合计,"1,234.50",1000.00,234.50\r\n205,教育支出,"1,234.50",1000.00,234.50\r\n')


def test_sheet_saved_as_gbk_csv_is_a_table(tmp_path):
    """A sheet saved as CSV by a zh-CN Excel (GBK, the merged heading as its first cell and empty
    ones, 千分位 quoted): its title, 单位 and table, as the sheet gives them; not one paragraph."""
    path = tmp_path / "附件2.csv"
    path.write_bytes(_CSV.encode("gbk"))
    doc = extract(path)
    assert (doc.source_format, doc.year) == ("csv", 2023)
    assert [(t.title, t.type, t.unit) for t in doc.tables] == \
        [("测试局2023年一般公共预算支出情况表", "general_budget_expenditure", "万元")]
    assert _cells(doc, "general_budget_expenditure")[("205", "一般公共预算支出/合计")] == "1,234.50"
    assert _cells(doc, "general_budget_expenditure")[("205", "一般公共预算支出/项目支出")] == "234.50"


def test_text_with_commas_is_not_csv(tmp_path):
    """Prose and tab-separated tables stay plain text: ASCII commas in a sentence or a figure make
    no CSV."""
    from disclosure.extract.sniff import sniff
    prose = ("测试局2023年部门预算\n一、收支预算总体情况\n2023年收入预算1,234.50万元，支出预算1,234.50万元。\n"
             "二、说明\n支出3,000.00万元, 比上年增加1,000.00万元, 增长50%。\n").encode("utf-8")
    tabbed = "科目编码\t科目名称\t合计\n205\t教育支出\t1,234.50\n208\t社会保障和就业支出\t2,345.60\n".encode("gbk")
    for name, raw in (("prose.txt", prose), ("tabs.txt", tabbed)):
        path = tmp_path / name
        path.write_bytes(raw)
        assert sniff(path, raw[:1024]) == "text", name


def test_a_text_table_with_thousands_separators_is_text_not_csv(tmp_path):
    """A table saved as text (pdftotext, a scraper's page text), its columns spaced and its amounts
    printed with 千分位: split at the commas every line has three or more cells, yet the commas are
    the figures' (合计 1 | 046 | 003.00 369 | …); read as CSV its amounts were cut into pieces. It is
    text, read as text, its amounts whole."""
    from disclosure.extract.sniff import sniff
    table = ("测试局2023年部门收入预算表\n单位：元\n项目 合计 一般公共预算 政府性基金\n"
             "合计 1,046,003.00 369,001.00 677,002.00\n一般公共服务支出 300,001.00 300,001.00 0.00\n"
             "行政运行 377,001.00 377,001.00 0.00\n机关服务 369,001.00 0.00 369,001.00\n")
    one_column = "合计 1,046,003\n空调 300,001\n物业管理服务 377,001\n办公家具 1,001,002\n"
    for name, text in (("table.txt", table), ("one.txt", one_column)):
        path = tmp_path / name
        path.write_bytes(text.encode("utf-8"))
        assert sniff(path, text.encode("utf-8")[:1024]) == "text", name
    doc = extract(tmp_path / "table.txt")
    assert doc.source_format == "text"
    text = " ".join(p.text for p in doc.paragraphs)
    assert "合计 1,046,003.00 369,001.00 677,002.00" in text, text
    # a CSV whose cells hold small whole numbers, or a quoted figure with its separator, stays CSV
    for name, text in (("ints.csv", "项目,合计,一般公共预算,基金\n合计,5,100,200\n一般公共服务支出,1,100,300\n"),
                       ("quoted.csv", '项目,合计,一般公共预算\n合计,"1,046.00",369.00\n行政运行,377.00,377.00\n')):
        path = tmp_path / name
        path.write_bytes(text.encode("utf-8"))
        assert sniff(path, text.encode("utf-8")[:1024]) == "csv", name


_THREE_PUBLIC_ROWS = [["测试局2023年一般公共预算“三公”经费支出情况表"], ["项目", "预算数（万元）"], ["合计", 25],
                      ["因公出国（境）费", 0], ["公务接待费", 5], ["公务用车购置及运行费", 20]]


def _three_public_sheet(path: Path) -> Path:
    """A one-sheet workbook of _THREE_PUBLIC_ROWS from A1: a title, a header naming its unit
    (项目 | 预算数（万元）) and no 单位 line; returns path."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for r, row in enumerate(_THREE_PUBLIC_ROWS, start=1):
        for c, v in enumerate(row, start=1):
            ws.cell(r, c, v)
    wb.save(path)
    return path


def test_header_row_naming_its_unit_stays_in_the_grid(tmp_path):
    """A two-column sheet whose header row names its unit (项目 | 预算数（万元）) is the table's header,
    not a 单位 line above it (a 单位 line says 单位, or is a unit alone: （万元）)."""
    from disclosure.extract import read
    from disclosure.model import Grid, TextLine
    blocks = read(_three_public_sheet(tmp_path / "three.xlsx")).pages[0].blocks
    assert [b.text for b in blocks if isinstance(b, TextLine)] == ["测试局2023年一般公共预算“三公”经费支出情况表"]
    [grid] = [b for b in blocks if isinstance(b, Grid)]
    assert [c.text for c in grid.cells if c.row == 0] == ["项目", "预算数（万元）"]


def test_currency_and_accounting_formats_give_their_figures(tmp_path):
    """Cells under zh-CN Excel's 货币 (¥1,234.50, ¥-1,234.50) and 会计专用 (¥ 1,234.50, a zero as ¥ -)
    formats: the figure is the amount, exactly, printed as shown; read as text they were lost."""
    wb = openpyxl.Workbook()
    ws = wb.active
    money = '"¥"#,##0.00;"¥"\\-#,##0.00'
    accounting = '_ ¥* #,##0.00_ ;_ ¥* -#,##0.00_ ;_ ¥* "-"??_ ;_ @_ '
    rows = [["测试局2023年一般公共预算支出情况表"], ["单位：元"], ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
            ["", "合计", 1234.5, 1334.5, -100], ["205", "教育支出", 1234.5, 1334.5, -100],
            ["20502", "普通教育", 1234.5, 1334.5, -100], ["2050201", "学前教育", 1234.5, 1334.5, -100],
            ["208", "社会保障和就业支出", 0, 0, 0]]
    for r, row in enumerate(rows, start=1):
        for c, v in enumerate(row, start=1):
            cell = ws.cell(r, c, v)
            if r > 3 and c >= 3:
                cell.number_format = money if c < 5 else accounting
    path = tmp_path / "currency.xlsx"
    wb.save(path)
    cells = _cells(extract(path), "general_budget_expenditure")
    assert cells[("205", "合计")] == "¥1,234.50" and cells[("205", "项目支出")] == "¥-100.00"
    doc = extract(path)
    values = {(r.code, v.column): (v.amount.value, v.amount.status) for t in doc.tables for r in t.rows
              for v in r.values}
    assert values[("2050201", "合计")] == (Decimal("1234.50"), "number")
    assert values[("2050201", "项目支出")] == (Decimal("-100.00"), "number")
    assert values[("208", "项目支出")] == (None, "dash") and values[("208", "合计")] == (Decimal("0.00"), "number")


def test_a_heading_naming_its_unit_heads_its_column_and_gives_the_table_its_unit(tmp_path):
    """项目 | 预算数（万元） under a title and no 单位 line (a sheet, a web page): the row is the header,
    not a 单位 caption (its columns were unnamed), and the table's unit is the one its heading names,
    printed, not inherited."""
    from disclosure.pipeline import extract as run
    _three_public_sheet(tmp_path / "three.xlsx")
    html = ("<html><head><meta charset='utf-8'></head><body><p>测试局2023年一般公共预算“三公”经费支出情况表</p><table>"
            + "".join(f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in _THREE_PUBLIC_ROWS[1:])
            + "</table></body></html>")
    (tmp_path / "three.html").write_text(html, encoding="utf-8")
    for name in ("three.xlsx", "three.html"):
        [t] = run(tmp_path / name).tables
        assert (t.type, t.unit, t.unit_inferred, t.columns) == (
            "three_public_expenses", "万元", False, ["项目", "预算数（万元）"]), name
        assert [(r.name, r.values[0].amount.printed, r.values[0].basis) for r in t.rows][:2] == [
            ("合计", "25", "budget"), ("因公出国（境）费", "0", "budget")], name


def test_csv_and_xml_spreadsheet_document_json_validate(tmp_path):
    """document.json names the reader that read the file (source.format csv / xmlss) and validates
    against its schema: a CSV's failed it until schema 2.9.0 (found by a new-user trial)."""
    import json

    from disclosure.emit import jsonout
    from disclosure.schemas import load
    from schema_check import validate

    for name, data, fmt in (("附件2.csv", _CSV.encode("gbk"), "csv"), ("report.xls", _XMLSS.encode("utf-8"), "xmlss")):
        path = tmp_path / name
        path.write_bytes(data)
        out = json.loads(jsonout.dumps(extract(path)))
        assert out["source"]["format"] == fmt
        validate(out, load("document.schema"))


def test_formulas_with_no_saved_value_are_said_not_read_as_blank_silently(tmp_path):
    """A workbook written by a program that does not calculate (openpyxl, a report system) keeps
    its totals as formulas with no saved value: openpyxl's data_only reading gives them None, a
    blank. The page says so (a problem on page 1, warned by extract); once a value is saved, the
    total is read and nothing is said. Found by a new-user trial (=C6+C7 totals read blank)."""
    import zipfile

    openpyxl = pytest.importorskip("openpyxl")
    from disclosure.extract.sheet import uncached_formulas

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "支出"
    for row in (["测试局2023年一般公共预算支出情况表", None], [None, "单位：万元"], ["科目名称", "金额"],
                ["教育支出", 1.5], ["卫生健康支出", 2], ["合计", "=B4+B5"]):
        ws.append(row)
    raw = tmp_path / "raw.xlsx"
    wb.save(raw)
    assert uncached_formulas(raw) == {"支出": 1}
    doc = extract(raw)
    assert any("1 formula cells hold no saved value" in p["reason"] and p["page"] == 1 for p in doc.problems)
    # the same workbook with the value saved, as Excel or LibreOffice saves it
    saved = tmp_path / "saved.xlsx"
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(saved, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert b"<f>B4+B5</f><v></v></c>" in data  # (openpyxl writes an empty <v>)
                data = data.replace(b"<f>B4+B5</f><v></v></c>", b"<f>B4+B5</f><v>3.5</v></c>")
            dst.writestr(item, data)
    assert uncached_formulas(saved) == {}
    doc = extract(saved)
    assert not any("saved value" in p["reason"] for p in doc.problems)
    assert any(r.name == "合计" and v.amount.value == Decimal("3.5") for t in doc.tables for r in t.rows for v in r.values)
