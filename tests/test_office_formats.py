"""Issue #16: spreadsheets, Word documents and web pages read into the same document model.

- Round trip: generated disclosures (samples/layouts, with their truth) written as .xlsx (header
  merged as printed, amounts numbers with number formats), as HTML and as .docx (LibreOffice from
  the Writer copy), then .xls and .doc (LibreOffice from those), read back: every table typed, every
  amount under its row key and column with its exact value.
- The seed's .xlsx and GBK web page (samples/make_office.py) read to the same tables as the seed text.
- Exactness: doubles that binary floats cannot hold shown as their number formats print them.
- Hidden rows and columns skipped and reported; formulas read as their cached values.
- HTML: rowspan/colspan grids, GBK with and without a declared charset, scripts and navigation
  dropped, an .xls that is really a web page.
- Bad input: a one-line error or a warning, never a traceback.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import CORPUS as CORPUS_DIR, REQUIRE, ROOT, SAMPLES, SEED_TEXT, extracted

sys.path.insert(0, str(ROOT))

openpyxl = pytest.importorskip("openpyxl", reason="spreadsheets need openpyxl (pip install -e '.[test]')")
pytest.importorskip("lxml", reason="web pages and Word documents need lxml (pip install -e '.[test]')")

from disclosure.extract import read  # noqa: E402
from disclosure.extract.errors import InputError  # noqa: E402
from disclosure.model import Grid  # noqa: E402
from disclosure.pipeline import extract  # noqa: E402

SEED, COUNT = 12, 12  # generated documents of run 12: every producer's layout axes, 1 to 12 tables each


def _soffice():
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        if REQUIRE:
            pytest.fail("LibreOffice is required (DISCLOSURE_REQUIRE_CORPUS=1) for .docx/.doc/.xls copies")
        pytest.skip("LibreOffice not installed (Debian: libreoffice-writer-nogui libreoffice-calc-nogui)")
    return exe


def _convert(exe: str, sources: list[Path], to: str, outdir: Path) -> None:
    profile = outdir / f"lo-{to}"
    subprocess.run([exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--convert-to", to,
                    "--outdir", str(outdir), *map(str, sources)], capture_output=True, timeout=600,
                   env={"HOME": str(profile), "PATH": "/usr/bin:/bin"})


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """The documents of run SEED, 0..COUNT-1, composed (no PDF needed), with their truth."""
    pytest.importorskip("reportlab", reason="the generated layouts need reportlab")
    from samples.layouts.axes import draw
    from samples.layouts.compose import compose
    from samples.layouts.make import realised
    docs = []
    for i in range(COUNT):
        axes = draw(i, SEED)
        d = compose(i, SEED, axes)
        d.axes = realised(axes)
        d.office["orientation"] = d.axes["orientation"]
        docs.append(d)
    return docs, tmp_path_factory.mktemp("copies")


def _score(docs, paths: dict[str, Path]):
    from samples.layouts.score import score, totals
    return totals([score(d.truth(), extract(paths[d.id]), keep=3) for d in docs])


@pytest.mark.parametrize("form", ["xlsx", "html"])
def test_generated_copies_read_exactly(generated, form):
    from samples.layouts import render_copies
    docs, out = generated
    paths = {d.id: getattr(render_copies, form)(d, out / d.id) for d in docs}
    tables, typed, amounts, exact, extra, misses = _score(docs, paths)
    print(f"{form}: tables typed {typed}/{tables}, amounts exact {exact}/{amounts}, extra {extra}")
    assert tables == 70 and amounts == 3174  # what the truth holds: the documents were made (drawn from the chart: 77 and 3995 before its closing-99 rows)
    assert (typed, exact, extra) == (tables, amounts, 0), misses[:10]


def test_generated_word_and_legacy_copies_read_exactly(generated):
    """.docx from LibreOffice Writer, then .doc and .xls (Office 97-2003) converted from the copies."""
    from samples.layouts import render_copies
    exe = _soffice()
    docs, out = generated
    few = docs[:4]
    word = out / "word"
    word.mkdir()
    made = render_copies.docx(few, word)
    assert len(made) == len(few)
    tables, typed, amounts, exact, extra, misses = _score(few, {d.id: word / f"{d.id}.docx" for d in few})
    print(f"docx: tables typed {typed}/{tables}, amounts exact {exact}/{amounts}")
    assert (typed, exact, extra) == (tables, amounts, 0) and amounts == 825, misses[:10]
    legacy = out / "legacy"
    legacy.mkdir()
    _convert(exe, [word / f"{d.id}.docx" for d in few[:2]], "doc", legacy)
    sheets = [render_copies.xlsx(d, word / d.id) for d in few[:2]]
    _convert(exe, sheets, "xls", legacy)
    for ext in ("doc", "xls"):
        paths = {d.id: legacy / f"{d.id}.{ext}" for d in few[:2]}
        assert all(p.exists() for p in paths.values()), f"LibreOffice made no .{ext}"
        tables, typed, amounts, exact, extra, misses = _score(few[:2], paths)
        assert extract(paths[few[0].id]).source_format == ext
        assert (typed, exact, extra) == (tables, amounts, 0) and amounts == 697, (ext, misses[:10])


def _values(doc):
    """Every amount of the standard tables (the 绩效目标表 are compared as indicators)."""
    return {(t.title, t.type, r.side, r.code or r.name, v.column, v.amount.printed, str(v.amount.value), v.measure)
            for t in doc.tables if t.type != "performance_targets" for r in t.rows for v in r.values}


def _indicators(doc):
    return [(i.project, i.level1, i.level2, i.level3, i.printed, str(i.value)) for i in doc.indicators]


@pytest.mark.parametrize("name", ["kashgar-2021-budget.xlsx", "kashgar-2021-budget.html"])
def test_seed_samples_read_as_the_seed_text(name):
    seed = extracted(str(SEED_TEXT))
    doc = extract(SAMPLES / name)
    assert [(t.title, t.type, len(t.rows)) for t in doc.tables] == [(t.title, t.type, len(t.rows)) for t in seed.tables]
    assert _values(doc) == _values(seed) and len(_values(seed)) == 244
    assert _indicators(doc) == _indicators(seed) and len(_indicators(seed)) == 53
    if name.endswith(".html"):  # the whole document: prose, facts and metadata too
        assert doc.source_format == "html"
        assert (doc.title, doc.department, doc.year, doc.kind) == (seed.title, seed.department, 2021, "budget")
        assert [p.text for p in doc.paragraphs] == [p.text for p in seed.paragraphs]
        assert [(f.subject, f.printed) for f in doc.facts] == [(f.subject, f.printed) for f in seed.facts]
    else:
        assert doc.source_format == "xlsx" and doc.kind == "budget"


def test_a_workbook_printing_no_year_takes_it_from_its_sheets_or_its_name(tmp_path):
    """The seed as .xlsx prints its tables and the 预算单位 cells of its 绩效目标表, but no cover:
    it had no year and no department. The unit comes from its label cell; the year from a sheet's
    name (`2021年收支总表`), else from the file's name (kashgar-2021-budget.xlsx: 2021), as the seed
    text gives them; a name and sheets without a year give none (nothing is invented). The page
    says where the title came from."""
    seed = extracted(str(SEED_TEXT))
    doc = extract(SAMPLES / "kashgar-2021-budget.xlsx")
    assert (doc.department, doc.year, doc.kind, doc.level) == (seed.department, 2021, "budget", seed.level)
    assert seed.department == "新疆维吾尔自治区喀什地区社会保险管理局"
    assert doc.title == "新疆维吾尔自治区喀什地区社会保险管理局2021年预算"
    assert any("the year from the file's name 'kashgar-2021-budget.xlsx'" in p["reason"] for p in doc.problems)
    named = tmp_path / "附件.xlsx"
    wb = openpyxl.load_workbook(SAMPLES / "kashgar-2021-budget.xlsx")
    wb.worksheets[0].title = "2021年收支总表"
    wb.save(named)
    doc = extract(named)
    assert (doc.department, doc.year, doc.kind) == (seed.department, 2021, "budget")
    assert any("the year from the sheet name '2021年收支总表'" in p["reason"] for p in doc.problems)
    bare = tmp_path / "表格.xlsx"
    shutil.copy(SAMPLES / "kashgar-2021-budget.xlsx", bare)
    doc = extract(bare)
    assert (doc.department, doc.year, doc.kind) == (seed.department, None, "budget")
    # a workbook printing its year keeps the title it prints: the file's name is not looked at
    printed = _sheet(tmp_path / "kashgar-2019-budget.xlsx", [("一般公共服务支出", 10, None)])
    assert extract(printed).year == 2024


# ---------------------------------------------------------------- spreadsheets: exactness, hidden, formulas

def _sheet(path: Path, rows: list[tuple], hidden_rows=(), hidden_cols=(), formula: tuple | None = None) -> Path:
    """A one-table workbook: title, 单位 line, a header, then (name, value, number format) rows."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表一"
    ws["A1"] = "2024年度测试局一般公共预算支出情况表"
    ws.merge_cells("A1:C1")
    ws["A2"] = "单位：万元"
    ws["A3"], ws["B3"], ws["C3"] = "科目名称", "预算数", "备注"
    for i, (name, value, fmt) in enumerate(rows, start=4):
        ws.cell(i, 1, name)
        c = ws.cell(i, 2, value)
        if fmt:
            c.number_format = fmt
        ws.cell(i, 3, "说明")
    for r in hidden_rows:
        ws.row_dimensions[r].hidden = True
    for col in hidden_cols:
        ws.column_dimensions[col].hidden = True
    if formula:
        ws[formula[0]] = formula[1]
    wb.save(path)
    if formula:  # the value the workbook cached when it was saved (openpyxl writes none)
        with zipfile.ZipFile(path) as z:
            parts = {n: z.read(n) for n in z.namelist()}
        xml = parts["xl/worksheets/sheet1.xml"].decode()
        xml = re.sub(rf'(<c r="{formula[0]}"[^>]*>)<f>([^<]*)</f>(?:<v\s*/>|<v></v>)', rf"\1<f>\2</f><v>{formula[2]}</v>", xml)
        xml = re.sub(rf'(<c r="{formula[0]}"[^>]*>)<f>([^<]*)</f>(</c>)', rf"\1<f>\2</f><v>{formula[2]}</v>\3", xml)
        assert f"<v>{formula[2]}</v>" in xml
        parts["xl/worksheets/sheet1.xml"] = xml.encode()
        with zipfile.ZipFile(path, "w") as z:
            for n, data in parts.items():
                z.writestr(n, data)
    return path


def _amounts(doc) -> dict[str, tuple[str, Decimal | None]]:
    t = doc.tables[0]
    return {r.name: (r.values[0].amount.printed, r.values[0].amount.value) for r in t.rows if r.values}


def test_numbers_exactly_as_their_cells_show_them(tmp_path):
    rows = [("工资福利支出", 753.67, "#,##0.00"), ("商品和服务支出", 1234.5, "#,##0.00"),
            ("对个人和家庭的补助", 0.1 + 0.2, "General"), ("资本性支出", 0.1 + 0.2, "0.00"),
            ("债务利息", 123456.789012, "General"), ("其他支出", -1234.5, "#,##0.00;(#,##0.00)"),
            ("抚恤金", -5.25, "#,##0.00;[Red]-#,##0.00"), ("占比", 0.1234, "0.00%"),
            ("离休费", 753.674, "0.00"), ("退休费", 0, '#,##0.00;-#,##0.00;"-"'), ("住房公积金", 2.675, "0.00"),
            ("医疗费", 1e-2, "0.00"), ("生活补助", 9876543210.12, "#,##0.00")]
    doc = extract(_sheet(tmp_path / "exact.xlsx", rows))
    got = _amounts(doc)
    assert got["工资福利支出"] == ("753.67", Decimal("753.67"))
    assert got["商品和服务支出"] == ("1,234.50", Decimal("1234.50"))
    assert got["对个人和家庭的补助"] == ("0.3", Decimal("0.3"))  # 0.30000000000000004 as General shows it
    assert got["资本性支出"] == ("0.30", Decimal("0.30"))
    assert got["债务利息"] == ("123456.789012", Decimal("123456.789012"))  # 12 significant digits
    assert got["其他支出"] == ("(1,234.50)", Decimal("-1234.50"))
    assert got["抚恤金"] == ("-5.25", Decimal("-5.25"))
    assert got["离休费"] == ("753.67", Decimal("753.67"))  # shown; the stored 753.674 is reported
    assert got["退休费"][0] == "-"
    assert got["住房公积金"] == ("2.68", Decimal("2.68"))  # half away from zero on the decimal 2.675
    assert got["医疗费"] == ("0.01", Decimal("0.01"))
    assert got["生活补助"] == ("9,876,543,210.12", Decimal("9876543210.12"))
    raw = read(tmp_path / "exact.xlsx")
    stored = [c.stored for b in raw.pages[0].blocks if isinstance(b, Grid) for c in b.cells if c.stored]
    assert sorted(stored) == ["2.675", "753.674"]
    assert any("2 cells show fewer digits than they store" in p["reason"] and "753.674" in p["reason"]
               for p in doc.problems), doc.problems
    t = doc.tables[0]
    assert (t.type, t.unit, t.title) == ("general_budget_expenditure", "万元", "2024年度测试局一般公共预算支出情况表")
    assert (doc.year, doc.department) == (2024, "测试局")


def test_hidden_rows_and_columns_skipped_and_reported(tmp_path):
    rows = [("合计", 300.5, "0.00"), ("工资福利支出", 100.25, "0.00"), ("作废行", 999.99, "0.00"),
            ("商品和服务支出", 200.25, "0.00")]
    doc = extract(_sheet(tmp_path / "hidden.xlsx", rows, hidden_rows=[6], hidden_cols=["C"]))
    got = _amounts(doc)
    assert "作废行" not in got and got["商品和服务支出"] == ("200.25", Decimal("200.25"))
    assert doc.tables[0].columns == ["科目名称", "预算数"]  # the hidden 备注 column is gone
    reasons = " ".join(p["reason"] for p in doc.problems)
    assert "hidden rows skipped: 6" in reasons and "hidden columns skipped: C" in reasons


def test_formula_read_as_its_cached_value(tmp_path):
    rows = [("合计", None, "#,##0.00"), ("工资福利支出", 100.25, "#,##0.00"), ("商品和服务支出", 200.5, "#,##0.00")]
    doc = extract(_sheet(tmp_path / "formula.xlsx", rows, formula=("B4", "=B5+B6", "300.75")))
    assert _amounts(doc)["合计"] == ("300.75", Decimal("300.75"))
    assert doc.tables[0].verification.failed == 0


# ---------------------------------------------------------------- HTML

_PAGE = """<html><head>{meta}<title>测试局2023年度部门决算</title><style>p{{color:red}}</style>
<script>document.write("预算");</script></head><body>
<div class="nav-bar"><a href="/">首页</a> 政务公开 部门预决算公开</div>
<div class="breadcrumb">当前位置：首页 &gt; 部门预决算</div>
<h1>测试局2023年度部门决算</h1><h2>一、收入支出决算总体情况</h2>
<p>2023年度收入总计125.50万元，支出总计125.50万元。</p>
<p>表一 一般公共预算财政拨款支出决算表</p><p>单位：万元</p>
<table border="1">
<tr><th colspan="3">科目编码</th><th rowspan="2">科目名称</th><th colspan="2">决算数</th></tr>
<tr><th>类</th><th>款</th><th>项</th><th>基本支出</th><th>项目支出</th></tr>
<tr><td colspan="4">合计</td><td>100.25</td><td>25.25</td></tr>
<tr><td>201</td><td></td><td></td><td>一般公共服务支出</td><td>100.25</td><td>25.25</td></tr>
<tr><td>201</td><td>03</td><td></td><td>政府办公厅（室）及相关机构事务</td><td>100.25</td><td>25.25</td></tr>
<tr><td>201</td><td>03</td><td>01</td><td>行政运行</td><td>100.25</td><td>25.25</td></tr>
</table><footer>版权所有 测试局</footer></body></html>"""


def _check_page(doc):
    assert doc.source_format == "html" and (doc.year, doc.kind, doc.department) == (2023, "final_accounts", "测试局")
    t = doc.tables[0]
    assert t.type == "general_budget_expenditure" and t.unit == "万元"
    assert t.columns == ["科目编码/类", "科目编码/款", "科目编码/项", "科目名称", "决算数/基本支出", "决算数/项目支出"]
    rows = {(r.code, r.role): [v.amount.printed for v in r.values] for r in t.rows}
    assert rows[("", "total")] == ["100.25", "25.25"] and rows[("2010301", "item")] == ["100.25", "25.25"]
    text = " ".join(p.text for p in doc.paragraphs)
    assert "首页" not in text and "document.write" not in text and "版权所有" not in text and "color" not in text
    assert any(p.kind == "heading" and p.text.startswith("一、") for p in doc.paragraphs)
    assert [(f.subject_kind, f.printed) for f in doc.facts] == [("total", "125.50万元"), ("total", "125.50万元")]
    assert doc.paragraphs[-1].section_path == ["一、收入支出决算总体情况"]


def test_html_rowspan_colspan_as_a_grid(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(_PAGE.format(meta='<meta charset="utf-8">'), encoding="utf-8")
    raw = read(path)
    grid = next(b for b in raw.pages[0].blocks if isinstance(b, Grid))
    spans = {c.text: (c.row, c.col, c.rowspan, c.colspan) for c in grid.cells if c.text}
    assert (grid.n_rows, grid.n_cols) == (6, 6)
    assert spans["科目编码"] == (0, 0, 1, 3) and spans["科目名称"] == (0, 3, 2, 1) and spans["决算数"] == (0, 4, 1, 2)
    assert spans["类"] == (1, 0, 1, 1) and spans["基本支出"] == (1, 4, 1, 1) and spans["合计"] == (2, 0, 1, 4)
    _check_page(extract(path))


@pytest.mark.parametrize("meta", ['<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', ""])
def test_html_in_gbk_with_and_without_a_declared_charset(tmp_path, meta):
    path = tmp_path / "gbk.xls"  # portals serve web pages as .xls: the content decides
    path.write_bytes(_PAGE.format(meta=meta).encode("gbk"))
    doc = extract(path)
    _check_page(doc)


def test_html_page_title_with_preliminary_kind_word_does_not_decide_the_kind(tmp_path):
    """A page titled …部门预决算公开 holding a budget: the kind comes from the content."""
    page = _PAGE.format(meta='<meta charset="utf-8">').replace("<h1>测试局2023年度部门决算</h1>", "") \
        .replace("<title>测试局2023年度部门决算</title>", "<title>测试局部门预决算公开</title>") \
        .replace("决算数", "预算数").replace("财政拨款支出决算表", "支出预算表").replace("收入支出决算总体情况", "收支预算总体情况")
    path = tmp_path / "budget.html"
    path.write_text(page, encoding="utf-8")
    assert extract(path).kind == "budget"


# ---------------------------------------------------------------- bad input

def test_bad_office_inputs_one_line_errors_or_warnings(tmp_path):
    from click.testing import CliRunner
    from disclosure.cli import main

    with zipfile.ZipFile(tmp_path / "photos.xlsx", "w") as z:
        z.writestr("a.txt", "not a workbook")
    data = (SAMPLES / "kashgar-2021-budget.xlsx").read_bytes()
    (tmp_path / "truncated.xlsx").write_bytes(data[: len(data) // 2])
    empty = openpyxl.Workbook()
    empty.save(tmp_path / "empty.xlsx")
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 512
    (tmp_path / "locked.xlsx").write_bytes(ole)
    (tmp_path / "broken.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "Workbook".encode("utf-16-le") + b"\x01" * 700)
    (tmp_path / "notable.html").write_text("<html><body><h1>通知</h1><p>本页没有表格。</p></body></html>",
                                           encoding="utf-8")
    bad = ["photos.xlsx", "truncated.xlsx", "empty.xlsx", "locked.xlsx", "broken.xls"]
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["extract", *[str(tmp_path / b) for b in bad], str(tmp_path / "notable.html"),
                                       "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "Traceback" not in result.stderr
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("disclosure: error:")]
    assert len(errors) == len(bad), result.stderr
    reasons = {name: next(ln for ln in errors if name in ln) for name in bad}
    assert "not an .xlsx or .docx" in reasons["photos.xlsx"]
    assert "not a readable .xlsx" in reasons["truncated.xlsx"] or "not an .xlsx" in reasons["truncated.xlsx"]
    assert "empty workbook" in reasons["empty.xlsx"]
    assert "password-protected" in reasons["locked.xlsx"]
    assert "not a readable .xls" in reasons["broken.xls"]
    doc = extract(tmp_path / "notable.html")  # no table: prose, and a warning
    assert doc.tables == [] and any("no table" in p["reason"] for p in doc.problems)
    assert (out / "notable-html" / "document.json").exists()


def test_more_bad_inputs_one_line_each(tmp_path):
    """A zip of an OpenDocument sheet named .xlsx, a workbook whose only sheet with cells is hidden, a
    binary file named .html: one error line each; a GBK page without charset and without a table: read,
    with a warning line."""
    from click.testing import CliRunner
    from disclosure.cli import main

    with zipfile.ZipFile(tmp_path / "odt.xlsx", "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<x/>")
    wb = openpyxl.Workbook()
    wb.active["A1"] = "合计"
    wb.active.sheet_state = "hidden"
    wb.create_sheet("空")
    wb.save(tmp_path / "hidden.xlsx")
    (tmp_path / "binary.html").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "notable-gbk.html").write_bytes(
        "<html><body><h1>2021年部门预算</h1><p>本页没有表格，一般公共预算支出100.00万元。</p></body></html>".encode("gbk"))
    bad = ["odt.xlsx", "hidden.xlsx", "binary.html"]
    result = CliRunner().invoke(main, ["extract", *[str(tmp_path / b) for b in bad + ["notable-gbk.html"]],
                                       "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "Traceback" not in result.output + result.stderr, result.stderr
    lines = result.stderr.splitlines()
    for name, why in zip(bad, ["not an .xlsx or .docx", "empty workbook", "not readable as text"]):
        [line] = [ln for ln in lines if name in ln]
        assert line.startswith("disclosure: error:") and why in line, line
    assert any(ln.startswith("disclosure: warning:") and "notable-gbk.html" in ln and "no table" in ln for ln in lines)
    assert (tmp_path / "out" / "notable-gbk-html" / "document.json").exists()


def test_doc_without_libreoffice_says_how_to_get_it(tmp_path, monkeypatch):
    from disclosure.extract import docx
    monkeypatch.setattr(docx.shutil, "which", lambda name: None)
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le") + b"\x00" * 600)
    with pytest.raises(InputError, match="needs LibreOffice.*apt-get install libreoffice-writer-nogui"):
        read(path)


def test_outputs_of_every_new_format_validate():
    """document.json and the CSVs of a spreadsheet, a web page and a page text validate (document 2.2.0)."""
    pytest.importorskip("jsonschema")
    from conftest import CORPUS
    from test_schemas import _check
    assert _check(extract(SAMPLES / "kashgar-2021-budget.xlsx")) == 72
    assert _check(extract(SAMPLES / "kashgar-2021-budget.html")) == 72
    page = CORPUS / "fujian" / "fujian-pingtan-county-court-2015-final-accounts.txt"
    if page.exists():
        doc = extract(page)
        assert doc.source_format == "pagetext" and _check(doc) == 0


# ---------------------------------------------------------------- the corpus, written again by the project's writers

def _printed(doc):
    """Every printed amount of the standard tables: (title, side, code, name, column, printed, measure, basis)."""
    return {(t.title, r.side, r.code, r.name, v.column, v.amount.printed, v.measure, v.basis)
            for t in doc.tables if t.type != "performance_targets" for r in t.rows for v in r.values
            if v.amount.printed.strip()}


# documents whose printed amounts do not all come back the same: where the PDF reading itself is
# irregular (the rows of a 政府采购 table whose names wrap over three lines, read otherwise by the
# copies' exact cells); every other document with tables comes back equal in all three forms
# (jiangsu-rendaban-2017-budget.pdf left this list when its side-by-side 基本支出 table was read
# with its codes as codes: 4129 printed amounts became 4104, each identity of that table holding)
_PDF_IRREGULAR = {"jiangsu-jianchayuan-2018-budget.pdf", "jiangsu-jianchayuan-2019-budget.pdf"}


@pytest.mark.corpus
def test_corpus_tables_written_as_xlsx_html_docx_read_back_as_the_pdf(tmp_path):
    from conftest import corpus_pdfs, corpus_file
    from samples import make_office
    names = corpus_pdfs()
    if not names:
        corpus_file("MANIFEST.tsv")
    totals = {"xlsx": [0, 0], "html": [0, 0], "docx": [0, 0]}
    exact: dict[str, set] = {form: set() for form in totals}
    with_tables = set()
    for name in names:
        pdf = extracted(str(CORPUS_DIR / name))
        if not any(t.columns and t.body for t in pdf.tables):
            continue  # a narrative volume: no table to write
        with_tables.add(name)
        want = _printed(pdf)
        for form, write in (("xlsx", make_office.xlsx), ("html", make_office.page), ("docx", make_office.docx)):
            copy = extract(write(pdf, tmp_path / f"{Path(name).stem}.{form}"))
            assert copy.source_format == form
            assert [(t.title, t.type) for t in copy.tables] == [(t.title, t.type) for t in pdf.tables
                                                               if t.columns and t.body], (name, form)
            assert _indicators(copy) == _indicators(pdf), (name, form)
            got = _printed(copy)
            totals[form][0] += len(want & got)
            totals[form][1] += len(want)
            if got == want:
                exact[form].add(name)
    print({form: f"{a}/{b}" for form, (a, b) in totals.items()}, {form: len(e) for form, e in exact.items()})
    for form, (same, total) in totals.items():
        # 4105 since the 收支预算总表 of nine Jiangsu documents read their function pair's figures as
        # figures (支出合计 printed over that pair's name and amount columns had made the amount column
        # a column of labels: 21 amounts more, 6 text "amounts" of jianchayuan 2018/2019 fewer) and
        # the blank template's codes stopped being amounts (its 合计 row a body row: 14 fewer)
        assert total == 4105 and same == total, (form, same)
        assert exact[form] == with_tables - _PDF_IRREGULAR and len(with_tables) == 15, (form, sorted(exact[form]))


@pytest.mark.parametrize("suffix", [".pdf", ".xls", ".bin", ""])
def test_workbook_under_any_extension_reads_as_the_workbook(tmp_path, suffix):
    """The format is the content's: an .xlsx saved as .pdf, .xls (as portals serve them), .bin or with
    no extension reads as the same workbook (openpyxl refuses a *name* it does not know)."""
    copy = tmp_path / f"kashgar{suffix}"
    shutil.copyfile(SAMPLES / "kashgar-2021-budget.xlsx", copy)
    doc = extract(copy)
    assert doc.source_format == "xlsx" and doc.kind == "budget"
    assert _values(doc) == _values(extract(SAMPLES / "kashgar-2021-budget.xlsx")) and len(_values(doc)) == 244
    basic = next(t for t in doc.tables if t.type == "general_budget_basic_expenditure")
    wages = next(r for r in basic.rows if r.code == "301")
    assert str(wages.values[0].amount.value) == "753.67"
