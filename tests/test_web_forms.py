"""Issue #16, hardening for held-out inputs: web pages, page texts, Word documents and spreadsheets
as portals publish them.

- Charset traps: UTF-16 without a BOM, a `<meta charset>` that lies, GBK with no charset.
- A layout table's side menu of links is not the page (it would give the page a title and a kind).
- Heading levels (HTML h2-h6, Word heading styles) are the sections of the prose, so facts take
  their subject from the heading and change clauses their item.
- Tables flattened into a scraped page's text are tables (the Fujian 2018 “三公” page; generated).
- The portal axis (samples/layouts/portal.py): generated disclosures written with each quirk of
  real portals read back with every amount under its row and column.
"""
from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, corpus_file, extracted

sys.path.insert(0, str(ROOT))

pytest.importorskip("openpyxl", reason="spreadsheets need openpyxl (pip install -e '.[test]')")
pytest.importorskip("lxml", reason="web pages and Word documents need lxml (pip install -e '.[test]')")

from disclosure.extract import read  # noqa: E402
from disclosure.extract.charset import decode  # noqa: E402
from disclosure.extract.inline_tables import find  # noqa: E402
from disclosure.model import Grid  # noqa: E402
from disclosure.pipeline import extract  # noqa: E402

_PAGE = """<html><head>{meta}<title>测试局2023年度部门预算</title></head><body>
<h1>测试局2023年度部门预算</h1>
<h2>部门预算说明</h2>
<h3>一般公共预算“三公”经费支出情况</h3>
<h4>公务接待费</h4><p>2023年预算安排12.50万元，比上年减少2.50万元，下降16.67%。</p>
<h4>因公出国（境）费</h4><p>2023年预算安排0万元，与上年持平。</p>
<p>表一 一般公共预算支出预算表</p><p>单位：万元</p>
<table border="1"><tr><th>科目编码</th><th>科目名称</th><th>合计</th></tr>
<tr><td></td><td>合计</td><td>1,234.56</td></tr>
<tr><td>201</td><td>一般公共服务支出</td><td>1,234.56</td></tr>
<tr><td>20103</td><td>政府办公厅（室）及相关机构事务</td><td>1,234.56</td></tr>
<tr><td>2010301</td><td>行政运行</td><td>1,234.56</td></tr></table></body></html>"""


def _amounts(doc) -> dict[str, str]:
    t = doc.tables[0]
    return {(r.code or r.name): r.values[0].amount.printed for r in t.rows if r.values}


@pytest.mark.parametrize("trap", ["utf16le_no_bom", "utf16be_no_bom", "meta_utf8_over_gbk", "meta_gbk_over_utf8",
                                  "gbk_undeclared"])
def test_charset_traps_read_by_content(tmp_path, trap):
    meta = {"meta_utf8_over_gbk": '<meta charset="utf-8">',
            "meta_gbk_over_utf8": '<meta http-equiv="Content-Type" content="text/html; charset=gbk">'}.get(trap, "")
    enc = {"utf16le_no_bom": "utf-16-le", "utf16be_no_bom": "utf-16-be", "meta_gbk_over_utf8": "utf-8"}.get(trap, "gbk")
    raw = _PAGE.format(meta=meta).encode(enc)
    assert not raw.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf"))
    path = tmp_path / "page.xls"  # served as a spreadsheet, as portals do
    path.write_bytes(raw)
    text, used = decode(raw)
    assert "一般公共服务支出" in text and used.replace("_", "-") in (enc, "gb18030")
    doc = extract(path)
    assert doc.source_format == "html" and (doc.year, doc.kind, doc.department) == (2023, "budget", "测试局")
    assert _amounts(doc) == {"合计": "1,234.56", "201": "1,234.56", "20103": "1,234.56", "2010301": "1,234.56"}


def test_plain_text_in_utf16_without_bom(tmp_path):
    path = tmp_path / "seed16.txt"
    path.write_bytes((ROOT / "samples" / "kashgar-2021-budget.txt").read_text(encoding="utf-8").encode("utf-16-le"))
    doc = extract(path)
    assert doc.source_format == "text" and doc.year == 2021 and len(doc.tables) == 8


def test_side_menu_of_a_layout_table_is_not_the_page(tmp_path):
    page = ('<html><head><meta charset="utf-8"><title>测试局2023年度部门决算</title></head><body>'
            '<table width="960"><tr><td width="200"><ul><li><a href="/ys/">部门预算</a></li>'
            '<li><a href="/js/">部门决算</a></li></ul></td><td>'
            "<p>测试局2023年度部门决算</p><p>2023年度收入总计125.50万元，支出总计125.50万元。</p>"
            '<p>单位：万元</p><table border="1"><tr><th>项目</th><th>决算数</th></tr>'
            "<tr><td>收入总计</td><td>125.50</td></tr><tr><td>一般公共预算财政拨款收入</td><td>125.50</td></tr>"
            "</table></td></tr></table></body></html>")
    path = tmp_path / "nested.html"
    path.write_text(page, encoding="utf-8")
    doc = extract(path)
    assert doc.kind == "final_accounts" and doc.title == "测试局2023年度部门决算"
    assert all("部门预算" != p.text for p in doc.paragraphs)


def test_html_heading_levels_are_the_sections(tmp_path):
    path = tmp_path / "headings.html"
    path.write_text(_PAGE.format(meta='<meta charset="utf-8">'), encoding="utf-8")
    doc = extract(path)
    paths = {p.text: p.section_path for p in doc.paragraphs}
    assert paths["2023年预算安排12.50万元，比上年减少2.50万元，下降16.67%。"] == \
        ["部门预算说明", "一般公共预算“三公”经费支出情况", "公务接待费"]
    assert paths["2023年预算安排0万元，与上年持平。"][-1] == "因公出国（境）费"
    assert paths["测试局2023年度部门预算"] == []  # the h1 title is no section
    facts = {(f.subject, f.printed): f for f in doc.facts}
    reception = facts[("公务接待费", "12.50万元")]
    assert (reception.change_direction, str(reception.change_amount_yuan), str(reception.change_pct)) == \
        ("减少", "25000.00", "16.67")
    assert ("因公出国（境）费", "0万元") in facts and facts[("因公出国（境）费", "0万元")].change_direction == "持平"


def _docx(path: Path, paragraphs: list[tuple[str, str]]) -> Path:
    """A minimal .docx: (style id or "", text) paragraphs; styles Heading1-3 named 'heading N'."""
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    def ppr(style: str) -> str:
        return f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""

    body = "".join(f"<w:p>{ppr(s)}<w:r><w:t>{t}</w:t></w:r></w:p>" for s, t in paragraphs)
    styles = "".join(f'<w:style w:type="paragraph" w:styleId="Heading{n}"><w:name w:val="heading {n}"/></w:style>'
                     for n in (1, 2, 3))
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/'
                   'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("word/document.xml", f'<?xml version="1.0"?><w:document {w}><w:body>{body}</w:body></w:document>')
        z.writestr("word/styles.xml", f'<?xml version="1.0"?><w:styles {w}>{styles}</w:styles>')
    return path


def test_word_heading_styles_are_the_sections(tmp_path):
    path = _docx(tmp_path / "explain.docx", [
        ("Heading1", "测试局2023年度部门预算"),
        ("Heading2", "部门预算情况说明"),
        ("Heading3", "机关运行经费"),
        ("", "2023年预算安排机关运行经费35.20万元，比上年增加5.20万元，增长17.33%。"),
        ("Heading3", "（二）政府采购情况"),
        ("", "2023年政府采购预算总额10.00万元。"),
    ])
    doc = extract(path)
    assert doc.source_format == "docx"
    paths = {p.text: p.section_path for p in doc.paragraphs}
    assert paths["2023年预算安排机关运行经费35.20万元，比上年增加5.20万元，增长17.33%。"] == \
        ["部门预算情况说明", "机关运行经费"]
    # a numbered heading takes its number's level, under the unnumbered one above it
    assert paths["2023年政府采购预算总额10.00万元。"] == ["部门预算情况说明", "（二）政府采购情况"]
    heads = [p.text for p in doc.paragraphs if p.kind == "heading"]
    assert heads == ["部门预算情况说明", "机关运行经费", "（二）政府采购情况"]


# ---------------------------------------------------------------- page texts: inline tables, headings

def test_inline_table_of_the_fujian_sangong_page():
    doc = extracted(str(corpus_file("fujian/fujian-pingtan-district-level-2018-sangong-final.txt")))
    assert len(doc.tables) == 1
    t = doc.tables[0]
    assert (t.type, t.unit, t.title) == ("three_public_expenses", "万元", "2018年度平潭综合实验区本级一般公共预算“三公”经费支出决算表")
    assert t.columns == ["项目", "当年决算数"]
    rows = {r.name: r.values[0].amount.printed for r in t.rows}
    assert len(rows) == 21
    assert rows["（一）支出合计"] == "1,583.50" and rows["1.因公出国（境）费"] == "189.91"
    assert rows["（1）公务用车购置费"] == "370.72" and rows["其中：外事接待费"] == "99.02"
    assert rows["8.国（境）外公务接待人次（人）"] == "29"
    # the 备注 under it is its note, the prose before and after it untouched
    assert t.note.startswith("备注：按照党中央")
    texts = [p.text for p in doc.paragraphs]
    assert any(x.startswith("（3）公务接待费，指单位按规定开支") for x in texts)
    assert any(x.startswith("（三）公务接待费414.11万元") for x in texts)
    # no finding that a reading error would make: 413.58 is not the sum of its 其中 and the next （2）
    assert not [f for f in doc.findings if f.severity == "error"]
    assert not [f for f in doc.findings if f.rule in ("narrative.three_public_items", "form.standard_table_missing")]


def test_inline_tables_found_in_flattened_text():
    text = ("二、收支情况 2023年收支预算表 单位：万元 项目名称 本年预算 上年预算 增减 收入合计 1,200.00 1,100.00 100.00 "
            "一般公共预算拨款 1,000.00 950.00 50.00 其他收入 200.00 150.00 50.00 注：本表按收付实现制编列。")
    (t,) = find(text)
    assert (t.title, t.unit, t.header) == ("2023年收支预算表", "单位：万元", ["项目名称", "本年预算", "上年预算", "增减"])
    assert t.rows == [["收入合计", "1,200.00", "1,100.00", "100.00"], ["一般公共预算拨款", "1,000.00", "950.00", "50.00"],
                      ["其他收入", "200.00", "150.00", "50.00"]]
    assert text[t.end:].strip().startswith("注：")
    # rows on lines of their own are the same table; one row is no table; prose with 项目 is none
    (t2,) = find("项 目\n金额\n合计 30.00\n办公费 10.00\n印刷费 20.00\n")
    assert t2.rows == [["合计", "30.00"], ["办公费", "10.00"], ["印刷费", "20.00"]]
    assert find("项目 金额 办公费 30.00 以上为说明。") == []  # one row that is no 合计: no table
    # a table printed empty: its 合计 row and the note under it
    (empty,) = find("单位：万元 科目编码 科目名称 合计 基本支出 项目支出 合 计 本部门无政府性基金预算财政拨款安排的支出，故本表无数据。")
    assert empty.rows == [["", "合计", "", "", ""]] and empty.header[:2] == ["科目编码", "科目名称"]
    assert find("本年共实施项目 12个，资金合计 30.00万元。") == []


@pytest.mark.parametrize("name, amount, subject", [
    ("fujian-pingtan-welfare-home-2017-budget.txt", "1.3万元", "公务接待费"),
    ("fujian-pingtan-county-npc-2017-budget.txt", "2.00万元", "公务接待费"),
    ("fujian-pingtan-youth-league-2019-budget.txt", "0 万元", "因公出国（境）费"),
])
def test_page_text_fact_subject_from_its_heading(name, amount, subject):
    """`2017年预算安排1.3万元` under `（一）公务接待费`: the heading names the item, not the year."""
    doc = extracted(str(corpus_file(f"fujian/{name}")))
    got = [f.subject for f in doc.facts if f.printed == amount and f.sentence.lstrip().startswith(("20", "2 0"))]
    assert subject in got and not any(s.rstrip("年度").isdigit() for s in got), got


def test_inline_table_rows_with_codes_sequence_numbers_and_text_columns():
    (coded,) = find("科目编码 科目名称 上年决算数 本年决算数 增减% 合计 300.00 330.00 10.00% 201 一般公共服务支出 300.00 "
                    "330.00 10.00% 201 02 政协事务 300.00 330.00 10.00%")
    assert coded.rows[1:] == [["201", "一般公共服务支出", "300.00", "330.00", "10.00%"],
                              ["201 02", "政协事务", "300.00", "330.00", "10.00%"]]
    (named,) = find("科目名称 合计 基本支出 项目支出 201 一般公共服务支出 4858.63 3378.54 1480.09 20108 审计事务 2283.89 "
                    "1672.50 611.39")
    assert named.header == ["科目名称", "合计", "基本支出", "项目支出"]
    assert named.rows[0] == ["201 一般公共服务支出", "4858.63", "3378.54", "1480.09"]
    (seq,) = find("单位：元 序号 项目 预算数 决算数 1 因公出国（境）费 216000 207000 2 公务用车购置及运行费 427000 411000 "
                  "其中：公务用车购置费 252000 250000 合计 1149000 1033000 公开11表")
    assert seq.header == ["序号", "项目", "预算数", "决算数"] and seq.rows[2] == ["", "其中：公务用车购置费", "252000", "250000"]
    assert seq.rows[-1] == ["", "合计", "1149000", "1033000"]  # 1033000 is no code opening a row
    (procurement,) = find("项目名称 采购品目 采购方式 组织形式 金额 办公家具 工程 公开招标 集中采购 23.01 公务用车 货物 单一来源 "
                          "分散采购 24.01 合 计 47.02")
    assert procurement.rows == [["办公家具", "工程", "公开招标", "集中采购", "23.01"],
                                ["公务用车", "货物", "单一来源", "分散采购", "24.01"], ["合计", "", "", "", "47.02"]]
    (project,) = find("项目名称 科目编码 金额 合计 5,040,000 信息化建设运维 2111101 1,250,000")
    assert project.rows == [["合计", "", "5,040,000"], ["信息化建设运维", "2111101", "1,250,000"]]


def test_run_on_headings_cut_in_page_text():
    from disclosure.extract.pagetext import segments
    assert segments("八、一般公共预算“三公”经费支出情况（一）因公出国（境）经费 2019 年预算安排 0 万元。") == [
        "八、一般公共预算“三公”经费支出情况", "（一）因公出国（境）经费", "2019 年预算安排 0 万元。"]


# ---------------------------------------------------------------- the portal axis

PORTAL_SEED, PORTAL_COUNT = 12, 4


@pytest.fixture(scope="module")
def portal_docs(tmp_path_factory):
    pytest.importorskip("reportlab", reason="the generated layouts need reportlab")
    sys.path.insert(0, str(ROOT / "bench"))
    from portal_forms import documents
    return documents(PORTAL_COUNT, PORTAL_SEED), tmp_path_factory.mktemp("portal")


def _portal_cases():
    from samples.layouts.portal import HTML_QUIRKS, XLSX_QUIRKS
    return [("xlsx", q) for q in XLSX_QUIRKS if q != "plain"] + [("html", q) for q in HTML_QUIRKS if q != "plain"]


@pytest.mark.parametrize("form, quirk", _portal_cases())
def test_portal_quirk_reads_every_amount_under_its_row_and_column(portal_docs, form, quirk):
    from portal_forms import score_form
    docs, out = portal_docs
    tables, typed, amounts, exact, extra, misses = score_form(docs, form, quirk, out)
    assert amounts > 500 and tables >= 20  # what the truth holds (4 documents drawn from the chart: 825 amounts since its closing-99 rows)
    assert (typed, exact, extra) == (tables, amounts, 0), misses[:10]


def test_page_text_with_tables_flattened_into_it(portal_docs):
    """The generated documents' tables of one header row flattened into a page text (portal.pagetext):
    codes joined, in the name or spaced, 序号 columns, text columns, blank cells the text lost."""
    from portal_forms import score_form
    docs, out = portal_docs
    tables, typed, amounts, exact, extra, misses = score_form(docs, "pagetext", "flattened", out)
    print(f"pagetext: tables typed {typed}/{tables}, amounts exact {exact}/{amounts}, extra {extra}")
    assert amounts > 300 and typed == tables  # (414 amounts in 7 tables since the chart's closing-99 rows)
    assert exact >= 0.99 * amounts and extra <= 0.01 * amounts, misses[:10]


def test_portal_quirks_are_in_the_files(portal_docs, tmp_path):
    """The quirks are really there: a hidden row and column reported, text numbers stored as text,
    the HTML page in UTF-16 without a BOM, &nbsp; inside amounts, tables inside layout tables."""
    import openpyxl
    from samples.layouts import portal
    docs, _ = portal_docs
    d = docs[1]
    raw = read(portal.xlsx(d, tmp_path / "h", "hidden"))
    assert any("hidden rows skipped" in n for n in raw.pages[0].notes)
    assert any("hidden columns skipped" in n for n in raw.pages[0].notes)
    ws = openpyxl.load_workbook(portal.xlsx(d, tmp_path / "t", "text_numbers")).worksheets[0]
    assert any(isinstance(c.value, str) and "," in c.value and c.value[1].isdigit() for row in ws.iter_rows() for c in row)
    assert len(openpyxl.load_workbook(portal.xlsx(d, tmp_path / "o", "one_sheet")).worksheets) == 1
    b = portal.html(d, tmp_path / "u", "utf16_no_bom").read_bytes()
    assert b[1:2] == b"\x00" and not b.startswith(b"\xff\xfe")
    assert "&nbsp;&nbsp;" in portal.html(d, tmp_path / "n", "nbsp").read_text(encoding="utf-8")
    nested = portal.html(d, tmp_path / "l", "nested").read_text(encoding="utf-8")
    assert nested.count("<table") > len(d.tables) + 1
    assert portal.html(d, tmp_path / "x", "xls_html").suffix == ".xls"
    assert any(isinstance(b, Grid) for b in read(tmp_path / "x.xls").pages[0].blocks)


@pytest.mark.parametrize("suffix", ["txt", "html"])
def test_a_contents_list_of_unexpanded_word_fields_announces_its_tables(tmp_path, suffix):
    """A Word document put on a portal with its contents field unexpanded shows the field codes:
    `一、收入支出决算总表 PAGEREF _Toc20349 h 22` (a Sichuan hospital's 2023 final accounts page; the
    backslash of \\h lost). Read as they were, the lines announced no table, and the contents'
    headings swallowed the body's (第一部分 单位概况 and its 一、主要职责 were lost, the title ran into
    the first sentence). A page reference reads as the dot leader it stands for."""
    from disclosure.pipeline import extract

    lines = ["2023年度某某医院单位决算", "目录", 'TOC \\o "1-3" \\h \\z \\u',
             "第一部分 单位概况 PAGEREF _Toc25831 h 3", "一、 主要职责 PAGEREF _Toc32310 h 3",
             "第二部分 2023年度单位决算情况说明 PAGEREF _Toc2776 \\h 4",
             "第五部分 附表 PAGEREF _Toc29898 h 22", "一、收入支出决算总表 PAGEREF _Toc20349 h 22",
             "二、收入决算表 PAGEREF _Toc4418 h 22", "三、支出决算表 PAGEREF _Toc6022 h 22",
             "第一部分 单位概况", "一、主要职责", "负责医疗服务。", "第二部分 2023年度单位决算情况说明",
             "一、收入支出决算总体情况说明", "2023年度收入总计12345.67万元，支出总计12000.00万元。"]
    path = tmp_path / f"page.{suffix}"
    path.write_text("\n".join(lines) if suffix == "txt" else
                    "<html><body>" + "".join(f"<p>{x}</p>" for x in lines) + "</body></html>", encoding="utf-8")
    doc = extract(path)
    assert [(a["number"], a["title"], a["type"]) for a in doc.announced_tables] == [
        ("一", "收入支出决算总表", "income_expenditure_summary"), ("二", "收入决算表", "income_summary"),
        ("三", "支出决算表", "expenditure_summary")]
    said = [(p.section_path, p.text) for p in doc.paragraphs]
    assert ([], "2023年度某某医院单位决算") in said
    assert (["第一部分单位概况", "一、主要职责"], "负责医疗服务。") in said
    assert not any("PAGEREF" in p.text or "_Toc" in p.text for p in doc.paragraphs)


def test_an_empty_row_a_rowspan_reaches_into_ends_the_header(tmp_path):
    """`<tr><th rowspan=2>项目</th><th rowspan=2>预算数</th><th rowspan=2>决算数</th></tr><tr></tr>`: the
    table model counts the empty row, so the header ends there (a browser shows 合计 | 20.00 | 18.30
    under 项目 | 预算数 | 决算数). The empty row was dropped first, the spans took in the first body row
    and pushed it one column right: 20.00 under 决算数 (basis actual), 18.30 under no heading (a new
    user's page)."""
    from disclosure.pipeline import extract

    page = tmp_path / "sangong.html"
    page.write_text(
        "<html><body><h1>某某县卫生健康局2022年部门决算公开</h1><p>表2 财政拨款“三公”经费支出决算表</p><p>单位：万元</p>"
        "<table border=1><tr><th rowspan=2>项目</th><th rowspan=2>预算数</th><th rowspan=2>决算数</th></tr><tr></tr>"
        "<tr><td>合计</td><td>20.00</td><td>18.30</td></tr><tr><td>1.因公出国（境）费</td><td>0</td><td>0</td></tr>"
        "<tr><td>2.公务接待费</td><td>20.00</td><td>18.30</td></tr><tr></tr></table></body></html>", encoding="utf-8")
    t = extract(page).tables[0]
    assert t.columns == ["项目", "预算数", "决算数"] and len(t.header_rows) == 1
    assert [(r.name, [(v.column, v.basis, v.amount.printed) for v in r.values]) for r in t.rows][0] == (
        "合计", [("预算数", "budget", "20.00"), ("决算数", "actual", "18.30")])
    assert [r.name for r in t.rows] == ["合计", "1.因公出国（境）费", "2.公务接待费"]
