"""Disclosures made the way real portals publish them, NOT by the project's writers
(samples/make_office*, samples/layouts/portal.py), read back and scored amount by amount.

Each form is built by hand here, with openpyxl, raw HTML and LibreOffice, from one set of six
tables (a two-sided 收支总表, 收入总表, 一般公共预算支出表 by function code, 基本支出表 by economic
code, the 三公 table, an empty 政府性基金 table) of a budget or a final account:

- `xlsx_template`: a sheet per table (sheet named 表一 …), the title in a merged row, 编制单位 left
  and 单位：万元 right, a two-row merged header, the 合计 and every parent row as SUM formulas whose
  values LibreOffice cached (written by openpyxl, recalculated and saved by soffice), `#,##0.00_ `
  (zh-CN Excel's 数值 format with 千位分隔符).
- `xls_biff`: `xlsx_template` saved by LibreOffice as a real BIFF `.xls`.
- `xlsx_stacked`: every table on one sheet one under another, blank rows between, numbers stored
  as text with 千分位, a hidden row of last year's figures, `-` for zero in the 三公 table, a
  hidden sheet of working figures.
- `xlsx_sheetname`: no title row: the sheet's name is the table's title; cells formatted `0.00_ `,
  a `0.00%` 占比 column, numbers that binary doubles cannot hold (computed 0.1 + 0.2 kinds) as
  General, and codes split over 类 | 款 | 项 columns.
- `html_portal`: a GB2312-declared GBK page laid out in nested tables (site banner, side menu of
  links, content cell), every cell `<td><p align=center><span style=…>…</span></p></td>`,
  `&nbsp;` padding, rowspan/colspan headers, 单位：万元 in a right-aligned paragraph, 千分位.
- `html_split`: GBK without any charset; each long table split over two `<table>` elements
  (the second without its header, as a page break in Word leaves it), 万元 in a `<caption>`.
- `xls_html`: Excel's "save as web page" served as `.xls` (`x:num`, `class=xl65`, `<col>`),
  charset declared gbk.
- `xml_spreadsheet`: an Excel 2003 XML Spreadsheet served as .xls (ss:Index, merges, named formats).
- `csv_gbk`: every table in one GBK CSV as Excel saves a sheet (merged cells as first cell + empties).
- `docx_writer`: an HTML page with `<h2>`/`<h3>` headings and the tables, converted by
  LibreOffice Writer to `.docx`; `doc_writer` the same to `.doc`.

    python3 bench/portal_wild.py [--forms a,b] [--misses N] [--keep DIR] [--kind budget|final|both]

Prints per form: tables typed right / tables, amounts right / printed, extra amounts.
Needs openpyxl and LibreOffice (`soffice`); forms that need soffice are skipped without it.
"""
from __future__ import annotations

import argparse
import re
import html as _html
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEPT = "福州市鼓楼区教育局"


# ---------------------------------------------------------------- the tables (one set, two kinds)

@dataclass
class Tab:
    title: str                     # printed title without department and year
    type: str                      # table type id the reader should give
    header: list[list[tuple[str, int, int]]]  # header rows: (text, rowspan, colspan)
    columns: list[str]             # header path of each amount column
    rows: list[tuple[str, str, list[str]]]    # (code, name, printed amounts; "" blank)
    coded: bool = True             # a 科目编码 column before the name
    note: str = ""                 # printed under the header of an empty table
    two_sided: bool = False
    pct: list[int] = field(default_factory=list)  # indexes of percent columns
    unit: str = "万元"
    named: bool = False            # a name column (项目) without codes


def _f(x: str) -> str:
    """1234.5 -> 1,234.50 (the printed text under #,##0.00); '' and '-' as they are."""
    if x in ("", "-", "—", "－"):
        return x
    return f"{Decimal(x):,.2f}"


def tables(kind: str) -> list[Tab]:
    """The six tables of a budget (kind 'budget') or final account ('final'), amounts printed."""
    b = kind == "budget"
    num = "预算数" if b else "决算数"
    t1 = Tab("部门收支总体情况表" if b else "收入支出决算总表", "income_expenditure_summary",
             [[("收入", 1, 2), ("支出", 1, 2)], [("项目", 1, 1), (num, 1, 1), ("项目", 1, 1), (num, 1, 1)]],
             [f"收入/{num}", f"支出/{num}"],
             [("", "一、一般公共预算拨款", ["3456.78", "3100.00"]),
              ("", "二、政府性基金预算拨款", ["0.00", "256.78"]),
              ("", "三、事业收入", ["120.50", "100.00"]),
              ("", "", ["", "120.50"]),  # the expenditure side is longer: the income side's cells blank
              ("", "本年收入合计", ["3577.28", "3577.28"]),
              ("", "收入总计", ["3577.28", "3577.28"])],
             coded=False, two_sided=True)
    # the expenditure names of the two-sided table's right half
    t1.right = ["一、教育支出", "二、社会保障和就业支出", "三、卫生健康支出", "四、住房保障支出", "本年支出合计", "支出总计"]
    t2 = Tab("部门收入总体情况表" if b else "收入决算表", "income_summary",
             [[("科目编码", 1, 1), ("科目名称", 1, 1), ("合计", 1, 1), ("一般公共预算拨款", 1, 1),
               ("政府性基金预算拨款", 1, 1), ("事业收入", 1, 1), ("其他收入", 1, 1)]],
             ["合计", "一般公共预算拨款", "政府性基金预算拨款", "事业收入", "其他收入"],
             [("", "合计", ["3577.28", "3456.78", "", "120.50", ""]),
              ("205", "教育支出", ["3220.50", "3100.00", "", "120.50", ""]),
              ("20501", "教育管理事务", ["700.00", "700.00", "", "", ""]),
              ("20502", "普通教育", ["2520.50", "2400.00", "", "120.50", ""]),
              ("208", "社会保障和就业支出", ["256.78", "256.78", "", "", ""]),
              ("210", "卫生健康支出", ["100.00", "100.00", "", "", ""]),
              ("221", "住房保障支出", ["", "", "", "", ""])])
    t2.rows = [r for r in t2.rows if any(r[2])]
    head = "一般公共预算支出"
    t3 = Tab("一般公共预算支出情况表" if b else "一般公共预算财政拨款支出决算表", "general_budget_expenditure",
             [[("科目编码", 2, 1), ("科目名称", 2, 1), (head, 1, 3)], [("合计", 1, 1), ("基本支出", 1, 1), ("项目支出", 1, 1)]],
             [f"{head}/合计", f"{head}/基本支出", f"{head}/项目支出"],
             [("", "合计", ["3456.78", "2856.78", "600.00"]),
              ("205", "教育支出", ["3100.00", "2500.00", "600.00"]),
              ("20501", "教育管理事务", ["700.00", "500.00", "200.00"]),
              ("2050101", "行政运行", ["500.00", "500.00", ""]),
              ("2050199", "其他教育管理事务支出", ["200.00", "", "200.00"]),
              ("20502", "普通教育", ["2400.00", "2000.00", "400.00"]),
              ("2050201", "学前教育", ["400.00", "300.00", "100.00"]),
              ("2050202", "小学教育", ["2000.00", "1700.00", "300.00"]),
              ("208", "社会保障和就业支出", ["256.78", "256.78", ""]),
              ("20805", "行政事业单位养老支出", ["256.78", "256.78", ""]),
              ("2080505", "机关事业单位基本养老保险缴费支出", ["180.52", "180.52", ""]),
              ("2080506", "机关事业单位职业年金缴费支出", ["76.26", "76.26", ""]),
              ("210", "卫生健康支出", ["100.00", "100.00", ""]),
              ("21011", "行政事业单位医疗", ["100.00", "100.00", ""]),
              ("2101101", "行政单位医疗", ["100.00", "100.00", ""])])
    head = "一般公共预算基本支出"
    t4 = Tab("一般公共预算基本支出情况表" if b else "一般公共预算财政拨款基本支出决算表", "general_budget_basic_expenditure",
             [[("科目编码", 2, 1), ("科目名称", 2, 1), (head, 1, 3)], [("合计", 1, 1), ("人员经费", 1, 1), ("公用经费", 1, 1)]],
             [f"{head}/合计", f"{head}/人员经费", f"{head}/公用经费"],
             [("", "合计", ["2856.78", "2600.00", "256.78"]),
              ("301", "工资福利支出", ["2400.00", "2400.00", ""]),
              ("30101", "基本工资", ["1000.00", "1000.00", ""]),
              ("30102", "津贴补贴", ["800.00", "800.00", ""]),
              ("30103", "奖金", ["343.22", "343.22", ""]),
              ("30108", "机关事业单位基本养老保险缴费", ["180.52", "180.52", ""]),
              ("30109", "职业年金缴费", ["76.26", "76.26", ""]),
              ("302", "商品和服务支出", ["256.78", "", "256.78"]),
              ("30201", "办公费", ["100.00", "", "100.00"]),
              ("30211", "差旅费", ["56.78", "", "56.78"]),
              ("30217", "公务接待费", ["5.00", "", "5.00"]),
              ("30231", "公务用车运行维护费", ["20.00", "", "20.00"]),
              ("30299", "其他商品和服务支出", ["75.00", "", "75.00"]),
              ("303", "对个人和家庭的补助", ["200.00", "200.00", ""]),
              ("30302", "退休费", ["200.00", "200.00", ""])])
    veh = "公务用车购置及运行费"
    t5 = Tab("一般公共预算“三公”经费支出情况表" if b else "财政拨款“三公”经费支出决算表", "three_public_expenses",
             [[("合计", 2, 1), ("因公出国（境）费", 2, 1), (veh, 1, 3), ("公务接待费", 2, 1)],
              [("小计", 1, 1), ("公务用车购置费", 1, 1), ("公务用车运行费", 1, 1)]],
             ["合计", "因公出国（境）费", f"{veh}/小计", f"{veh}/公务用车购置费", f"{veh}/公务用车运行费", "公务接待费"],
             [("", "", ["25.00", "0.00", "20.00", "0.00", "20.00", "5.00"])], coded=False)
    t6 = Tab("政府性基金预算支出情况表" if b else "政府性基金预算财政拨款收入支出决算表", "government_fund_expenditure",
             [[("科目编码", 2, 1), ("科目名称", 2, 1), ("本年政府性基金预算支出", 1, 3)],
              [("合计", 1, 1), ("基本支出", 1, 1), ("项目支出", 1, 1)]],
             ["本年政府性基金预算支出/合计", "本年政府性基金预算支出/基本支出", "本年政府性基金预算支出/项目支出"],
             [], note="本表无数据" if b else "本单位无政府性基金预算财政拨款收入支出，故本表为空表")
    return [t1, t2, t3, t4, t5, t6]


def year_title(kind: str) -> str:
    return f"{DEPT}2023年部门预算" if kind == "budget" else f"{DEPT}2022年度部门决算"


def full_title(kind: str, t: Tab) -> str:
    return f"{DEPT}2023年{t.title}" if kind == "budget" else f"{DEPT}2022年度{t.title}"


def truth(kind: str, tabs: list[Tab], form: str, pct: bool = False, bare: bool = False) -> dict:
    """The truth in samples/layouts/score.py's shape: every printed (non-blank) amount under its
    row (code, else name) and header path."""
    out = []
    for t in tabs:
        rows = []
        for i, (code, name, vals) in enumerate(t.rows):
            if t.two_sided:
                for side, nm, v, col in (("income", name, vals[0], t.columns[0]), ("expenditure", t.right[i], vals[1], t.columns[1])):
                    if v:
                        rows.append({"code": "", "name": nm, "values": [_tv(col, v)]})
                continue
            values = [_tv(c, v) for c, v in zip(t.columns, vals) if v]
            if pct and t.pct_values:
                values.append(_tv("占比", t.pct_values[i]))
            rows.append({"code": code, "name": name, "values": values})
        out.append({"title": t.title if bare else full_title(kind, t), "type": t.type, "rows": rows, "unit": t.unit})
    return {"id": f"{form}-{kind}", "axes": {"form": form, "kind": kind}, "tables": out}


def _tv(col: str, printed: str) -> dict:
    if printed in ("-", "—", "－"):
        return {"column": col, "printed": printed, "status": "dash", "value": None, "measure": None, "basis": None}
    if printed.endswith("%"):
        return {"column": col, "printed": printed, "status": "percent", "value": printed[:-1], "measure": None, "basis": None}
    return {"column": col, "printed": printed, "status": "number", "value": printed.replace(",", ""),
            "measure": None, "basis": None}


# ---------------------------------------------------------------- grids (one table as rows of cells)

def grid(t: Tab, split_codes: bool = False, pct: bool = False, sparse: bool = False,
         wrap: bool = False) -> tuple[list[list[tuple[str, int, int]]], int]:
    """The table as HTML-like rows of (text, rowspan, colspan), header first; and the number of
    header rows. Amounts as printed (#,##0.00)."""
    head = [list(r) for r in t.header]
    if split_codes and t.coded:
        # 科目编码 over 类 | 款 | 项
        if len(head) == 1:
            head = [[(tx, 2, cs) for tx, _, cs in head[0]], []]
        head[0][0] = ("科目编码", 1, 3)
        head[1] = [("类", 1, 1), ("款", 1, 1), ("项", 1, 1)] + head[1]
        # cells spanning both header rows keep their span
    if pct and t.pct_values:
        head[0].append(("占比", len(t.header), 1))
    body = []
    if t.two_sided:
        for (code, name, vals), right in zip(t.rows, t.right):
            body.append([(name, 1, 1), (_f(vals[0]), 1, 1), (right, 1, 1), (_f(vals[1]), 1, 1)])
    else:
        for i, (code, name, vals) in enumerate(t.rows):
            if t.coded:
                if split_codes:
                    cs = [code[:3], code[3:5], code[5:7]] if code else ["", "", ""]
                    if sparse and len(code) > 3:  # only the part the row adds: 款 under its 类 blank
                        cs = ["", code[3:5], ""] if len(code) == 5 else ["", "", code[5:7]]
                    cells = [(c, 1, 1) for c in cs]
                else:
                    cells = [(code, 1, 1)]
                cells.append((name, 1, 1))
                if not code and name == "合计" and not split_codes:
                    cells = [("合计", 1, 2)]
            else:
                cells = [(name, 1, 1)] if t.named else []
            cells += [(_f(v), 1, 1) for v in vals]
            if pct and t.pct_values:
                cells.append((t.pct_values[i], 1, 1))
            body.append(cells)
    if not t.rows and t.note:
        width = sum(c for _, _, c in head[0]) if head else 1
        body.append([(t.note, 1, width)])
    if wrap:  # long headings wrapped in their cells, as a narrow column prints them
        head = [[(tx[:len(tx) // 2] + "\n" + tx[len(tx) // 2:] if len(tx) >= 6 else tx, rs, cs) for tx, rs, cs in r]
                for r in head]
    return head + body, len(head)


def with_pct(tabs: list[Tab]) -> None:
    """A 占比 column (0.00%) on the expenditure table by function code: each row's share of 合计."""
    for t in tabs:
        t.pct_values = []
        if t.type == "general_budget_expenditure":
            total = Decimal(t.rows[0][2][0])
            t.pct_values = [f"{(Decimal(v[0]) / total * 100).quantize(Decimal('0.01'))}%" for _, _, v in t.rows]
            t.pct_values[0] = "100.00%"


# ---------------------------------------------------------------- spreadsheets

def _put_grid(ws, rows, r0: int, c0: int = 1, amounts_as_text: bool = False, fmt: str = "#,##0.00",
              header_rows: int = 2, general_floats: bool = False, label_cols: int = 0, numeric_codes: bool = False):
    """Write rows of (text, rowspan, colspan) at (r0, c0) with merges; amounts as numbers under `fmt`
    (or as their printed text); the first `label_cols` columns are labels: a code there a number in
    General when `numeric_codes` (as most workbooks keep 2050101), else text. Returns the next free row."""
    from openpyxl.styles import Alignment
    taken: set[tuple[int, int]] = set()
    r = r0
    for i, row in enumerate(rows):
        c = c0
        for text, rs, cs in row:
            while (r, c) in taken:
                c += 1
            cell = ws.cell(r, c)
            amount = i >= header_rows and _is_amount(text) and c - c0 >= label_cols
            if i >= header_rows and c - c0 < label_cols and text.isdigit() and numeric_codes:
                cell.value = int(text)
            elif amount and not amounts_as_text:
                if text.endswith("%"):
                    cell.value = float(Decimal(text[:-1]) / 100)
                    cell.number_format = "0.00%"
                else:
                    v = Decimal(text.replace(",", ""))
                    if general_floats:
                        # stored as a sum of doubles, as a worksheet's arithmetic leaves it
                        cell.value = float(v - Decimal("0.1")) + 0.1
                        cell.number_format = "General"
                    else:
                        cell.value = float(v)
                        cell.number_format = fmt
            else:
                cell.value = text or None
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            if rs > 1 or cs > 1:
                ws.merge_cells(start_row=r, start_column=c, end_row=r + rs - 1, end_column=c + cs - 1)
            for rr in range(r, r + rs):
                for cc in range(c, c + cs):
                    taken.add((rr, cc))
            c += cs
        r += 1
    return r


def _is_amount(text: str) -> bool:
    import re
    return bool(re.fullmatch(r"-?[\d,]+(\.\d+)?%?", text))


def _width(t: Tab, rows) -> int:
    return max(sum(cs for _, _, cs in r) for r in rows if r)


def soffice(src: Path, fmt: str, outdir: Path, infilter: str | None = None) -> Path:
    """`src` converted by LibreOffice to `fmt` in `outdir` (a profile of its own, so parallel runs
    and a user's open LibreOffice do not meet)."""
    prof = outdir / ".lo-profile"
    cmd = ["soffice", f"-env:UserInstallation=file://{prof}", "--headless", "--convert-to", fmt,
           "--outdir", str(outdir), str(src)]
    if infilter:
        cmd[3:3] = [f"--infilter={infilter}"]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
    out = outdir / (src.stem + "." + fmt.split(":")[0])
    if not out.exists():
        raise RuntimeError(f"soffice wrote no {out}")
    return out


def xlsx_template(kind: str, out: Path, formulas: bool = True) -> Path:
    """A sheet per table, title merged, 编制单位/单位 row, SUM formulas cached by LibreOffice."""
    import openpyxl
    from openpyxl.utils import get_column_letter
    tabs = tables(kind)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for n, t in enumerate(tabs):
        ws = wb.create_sheet(f"表{'一二三四五六七八九十'[n]}")
        rows, _ = grid(t)
        w = _width(t, rows)
        ws.cell(1, 1, full_title(kind, t))
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=w)
        ws.cell(2, 1, f"编制单位：{DEPT}")
        ws.cell(2, w, "单位：万元")
        # zh-CN Excel's 数值 format with 千位分隔符: a trailing `_ ` pads the figure by a space
        end = _put_grid(ws, rows, 3, header_rows=len(t.header), label_cols=2 if t.coded else 0, numeric_codes=True,
                        fmt="#,##0.00_ ")
        if formulas and t.coded and t.rows:
            _sum_formulas(ws, t, 3 + len(t.header), get_column_letter)
    dst = out / f"template-{kind}-raw.xlsx"
    wb.save(dst)
    if not formulas:
        return dst
    # LibreOffice computes and caches every formula's value, as Excel or WPS does on save
    tmp = out / "lo"
    tmp.mkdir(exist_ok=True)
    got = soffice(dst, "xlsx", tmp)
    final = out / f"template-{kind}.xlsx"
    shutil.move(str(got), final)
    dst.unlink()
    return final


def _sum_formulas(ws, t: Tab, first: int, letter) -> None:
    """Each parent row (合计, 类, 款) of a coded table as a SUM of its children's cells."""
    codes = [c for c, _, _ in t.rows]
    amount_col0 = 3  # code, name, then amounts
    for i, (code, name, vals) in enumerate(t.rows):
        if code and len(code) == 7:
            continue
        if not code:
            kids = [j for j, c in enumerate(codes) if len(c) == 3]
        else:
            kids = [j for j, c in enumerate(codes) if c.startswith(code) and len(c) == len(code) + 2]
        if not kids:
            continue
        for k, v in enumerate(vals):
            if not v:
                continue
            col = letter(amount_col0 + k)
            ws.cell(first + i, amount_col0 + k).value = "=" + "+".join(f"{col}{first + j}" for j in kids)


def xls_biff(kind: str, out: Path) -> Path:
    made = xlsx_template(kind, out)
    src = out / f"biff-{kind}.xlsx"
    shutil.copy(made, src)
    tmp = out / "lo"
    got = soffice(src, "xls", tmp)
    final = out / f"biff-{kind}.xls"
    shutil.move(str(got), final)
    src.unlink()
    return final


def xlsx_stacked(kind: str, out: Path) -> Path:
    """Every table on one sheet; numbers as text with 千分位; a hidden row of last year's figures;
    `-` for the 三公 table's zeros; a hidden sheet."""
    import openpyxl
    tabs = tables(kind)
    for t in tabs:
        if t.type == "three_public_expenses":
            t.rows = [(c, n, ["-" if v == "0.00" else v for v in vals]) for c, n, vals in t.rows]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "公开表"
    r = 1
    for t in tabs:
        rows, _ = grid(t)
        w = _width(t, rows)
        ws.cell(r, 1, full_title(kind, t))
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=w)
        ws.cell(r + 1, w, "单位：万元")
        start = r + 2
        h = len(t.header)
        if t.coded and t.rows:
            # last year's figures under the header, hidden
            rows.insert(h, [("", 1, 1), ("上年数", 1, 1)] + [("999.99", 1, 1)] * len(t.columns))
            ws.row_dimensions[start + h].hidden = True
            # names indented by full-width spaces by level, figures padded as a report system pads them
            body = []
            for row in rows[h + 1:]:
                code = row[0][0] if len(row) > 1 and row[0][2] == 1 else ""
                pad = "\u3000" * ((len(code) - 3) // 2) if len(code) > 3 else ""
                body.append([row[0], (pad + row[1][0], row[1][1], row[1][2])] + [(f" {x} " if _is_amount(x) else x, rs, cs)
                                                                                 for x, rs, cs in row[2:]]
                            if code else row)
            rows = rows[:h + 1] + body
        r = _put_grid(ws, rows, start, amounts_as_text=True, header_rows=h, label_cols=2 if t.coded else 0)
        r += 2
    h = wb.create_sheet("底稿")
    h["A1"] = "测算"
    h["B1"] = 123.45
    h.sheet_state = "hidden"
    dst = out / f"stacked-{kind}.xlsx"
    wb.save(dst)
    return dst


def xls_biff_stacked(kind: str, out: Path) -> Path:
    """`xlsx_stacked` saved by LibreOffice as a BIFF .xls: its hidden row and hidden sheet as xlrd
    reads them."""
    made = xlsx_stacked(kind, out)
    src = out / f"biffstacked-{kind}.xlsx"
    shutil.copy(made, src)
    tmp = out / "lo"
    tmp.mkdir(exist_ok=True)
    got = soffice(src, "xls", tmp)
    final = out / f"biffstacked-{kind}.xls"
    shutil.move(str(got), final)
    src.unlink()
    return final


def xlsx_sheetname(kind: str, out: Path) -> Path:
    """Sheet names are the titles (no title row); 0.00 formats, General doubles from arithmetic,
    a 0.00% share column, codes over 类|款|项."""
    import openpyxl
    tabs = tables(kind)
    with_pct(tabs)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for t in tabs:
        name = t.title[:31]
        ws = wb.create_sheet(name)
        rows, _ = grid(t, split_codes=True, pct=True)
        w = _width(t, rows)
        ws.cell(1, w, "单位：万元")
        _put_grid(ws, rows, 2, fmt="0.00_ ", header_rows=max(2, len(t.header)) if t.coded else len(t.header),
                  general_floats=t.type == "general_budget_basic_expenditure", label_cols=4 if t.coded else 0)
    # named as portals name their attachments: the disclosure's title
    dst = out / f"{year_title(kind)}公开表.xlsx"
    wb.save(dst)
    return dst


# ---------------------------------------------------------------- web pages and Word

def _cells_html(rows, styled: bool, header_rows: int, nbsp: bool, x_num: bool = False) -> str:
    out = []
    for i, row in enumerate(rows):
        tds = []
        for text, rs, cs in row:
            attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
            t = _html.escape(text)
            amount = i >= header_rows and _is_amount(text)
            if x_num and amount:
                attrs += f' class=xl66 x:num="{text.replace(",", "")}"'
            elif x_num:
                attrs += " class=xl65"
            if nbsp and amount:
                t = "&nbsp;" + t + "&nbsp;&nbsp;"
            if nbsp and not text:
                t = "&nbsp;"
            if styled:
                align = "right" if amount else ("center" if i < header_rows else "left")
                t = (f'<p align="{align}" style="text-align:{align};line-height:150%"><span style="font-size:'
                     f'10.5pt;font-family:宋体">{t}</span></p>')
            tds.append(f"<td{attrs} valign=\"middle\">{t}</td>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    return "\n".join(out)


def html_portal(kind: str, out: Path) -> Path:
    """A GBK page declared gb2312, laid out in nested tables, cells <td><p><span>, &nbsp; padding."""
    tabs = tables(kind)
    parts = []
    for t in tabs:
        rows, _ = grid(t)
        parts.append(f'<p align="center" style="text-align:center"><b><span style="font-size:16pt">'
                     f'{_html.escape(full_title(kind, t))}</span></b></p>')
        parts.append('<p align="right" style="text-align:right"><span>单位：万元</span></p>')
        parts.append('<table border="1" cellspacing="0" cellpadding="0" width="100%" style="border-collapse:collapse">'
                     + _cells_html(rows, True, len(t.header), True) + "</table>")
        parts.append("<p>&nbsp;</p>")
    body = "\n".join(parts)
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>{year_title(kind)}公开_鼓楼区人民政府</title>
<script>var _hmt = _hmt || [];</script><style>td{{font-size:12px}}</style></head>
<body>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0"><tr><td><img src="banner.jpg"></td></tr></table>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td width="200" valign="top"><a href="/ysjs/">预决算公开</a><br><a href="/zfxxgk/">政府信息公开</a><br><a href="/tzgg/">通知公告</a></td>
<td valign="top">
<table width="100%" border="0"><tr><td class="position">当前位置：<a href="/">首页</a> &gt; <a href="/ysjs/">预决算公开</a></td></tr></table>
<table width="100%" border="0"><tr><td align="center"><h1 style="font-size:20px">{year_title(kind)}公开</h1></td></tr>
<tr><td>发布日期：2023-02-10&nbsp;&nbsp;来源：区教育局&nbsp;&nbsp;浏览次数：<span id="hits">128</span></td></tr>
<tr><td id="zoom">
{prose(kind, False)}
{body}
</td></tr></table>
</td></tr></table>
<table width="1000" align="center"><tr><td align="center">主办：福州市鼓楼区人民政府 版权所有 闽ICP备05012345号</td></tr></table>
</body></html>"""
    dst = out / f"portal-{kind}.html"
    dst.write_bytes(page.encode("gbk"))
    return dst


def html_split(kind: str, out: Path) -> Path:
    """GBK without a charset; long tables split over two <table>s, the second without its header;
    单位 in a <caption>."""
    tabs = tables(kind)
    parts = []
    for t in tabs:
        rows, _ = grid(t)
        h = len(t.header)
        parts.append(f"<h3 style=\"text-align:center\">{_html.escape(full_title(kind, t))}</h3>")
        cap = '<caption align="right">单位：万元</caption>'
        body = rows[h:]
        if len(body) > 6:
            cut = len(body) // 2 + 1
            parts.append(f"<table border=1>{cap}" + _cells_html(rows[:h] + body[:cut], False, h, False) + "</table>")
            parts.append("<table border=1>" + _cells_html(body[cut:], False, 0, False) + "</table>")
        else:
            parts.append(f"<table border=1>{cap}" + _cells_html(rows, False, h, False) + "</table>")
    page = ("<html><head><title>" + year_title(kind) + "</title></head><body>\n<div class=\"article\">\n"
            + "\n".join(parts) + "\n</div></body></html>")
    dst = out / f"split-{kind}.html"
    dst.write_bytes(page.encode("gbk"))
    return dst


def xls_html(kind: str, out: Path) -> Path:
    """Excel's "save as web page", served as .xls: one sheet, all tables one under another."""
    tabs = tables(kind)
    rows_html = []
    for t in tabs:
        rows, _ = grid(t)
        w = _width(t, rows)
        rows_html.append(f'<tr height=30><td colspan={w} class=xl70>{_html.escape(full_title(kind, t))}</td></tr>')
        rows_html.append(f'<tr><td colspan={w - 1} class=xl71>编制单位：{DEPT}</td><td class=xl72>单位：万元</td></tr>')
        rows_html.append(_cells_html(rows, False, len(t.header), False, x_num=True))
        rows_html.append("<tr><td></td></tr>")
    page = ("<html xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" "
            "xmlns:x=\"urn:schemas-microsoft-com:office:excel\" xmlns=\"http://www.w3.org/TR/REC-html40\">\n"
            "<head><meta http-equiv=Content-Type content=\"text/html; charset=gbk\"><meta name=ProgId content=Excel.Sheet>"
            "<!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet><x:Name>Sheet1</x:Name>"
            "</x:ExcelWorksheet></x:ExcelWorksheets></x:ExcelWorkbook></xml><![endif]--></head>\n"
            "<body link=blue vlink=purple><table border=0 cellpadding=0 cellspacing=0 width=900 style='border-collapse:collapse'>\n"
            "<col width=90><col width=260><col width=110 span=5>\n" + "\n".join(rows_html) + "\n</table></body></html>")
    dst = out / f"xlshtml-{kind}.xls"
    dst.write_bytes(page.encode("gbk"))
    return dst


def prose(kind: str, headed: bool) -> str:
    """The explanation of the 三公 spending, its items as numbered headings (<h3>/<h4> when
    `headed`, else bold paragraphs as portals print them) and sentences naming only the year."""
    y = 2023 if kind == "budget" else 2022
    verb = "预算安排" if kind == "budget" else "决算支出"
    h2, h3 = (("<h2>", "</h2>"), ("<h3>", "</h3>")) if headed else (("<p><strong>", "</strong></p>"),) * 2
    return "\n".join([
        f"{h2[0]}三、一般公共预算“三公”经费支出情况说明{h2[1]}",
        f"<p>{y}年一般公共预算支出3,456.78万元，其中：基本支出2,856.78万元，项目支出600.00万元。</p>",
        f"{h3[0]}（一）因公出国（境）费{h3[1]}",
        f"<p>{y}年{verb}0万元，与上年持平。</p>",
        f"{h3[0]}（二）公务接待费{h3[1]}",
        f"<p>{y}年{verb}5.00万元，比上年减少1.00万元，下降16.67%，主要原因是厉行节约。</p>"])


# (subject, printed, change direction) the prose states
PROSE_FACTS = [("基本支出", "2,856.78万元", ""), ("项目支出", "600.00万元", ""),
               ("因公出国（境）费", "0万元", "持平"), ("公务接待费", "5.00万元", "减少")]


def _word_html(kind: str) -> str:
    tabs = tables(kind)
    parts = [f"<h1>{year_title(kind)}公开说明</h1>", prose(kind, True), "<h2>第二部分 公开报表</h2>"]
    for n, t in enumerate(tabs):
        rows, _ = grid(t)
        parts.append(f"<h3>{_html.escape(full_title(kind, t))}</h3>")
        parts.append('<p align="right">单位：万元</p>')
        parts.append('<table border="1" cellspacing="0">' + _cells_html(rows, False, len(t.header), False) + "</table>")
    return "<html><head><meta charset=\"utf-8\"><title>" + year_title(kind) + "</title></head><body>" + "\n".join(parts) + "</body></html>"


def docx_writer(kind: str, out: Path, fmt: str = "docx") -> Path:
    src = out / f"word-{kind}.html"
    src.write_text(_word_html(kind), encoding="utf-8")
    tmp = out / "lo"
    tmp.mkdir(exist_ok=True)
    filt = {"docx": "docx:MS Word 2007 XML", "doc": "doc:MS Word 97"}[fmt]
    got = soffice(src, filt, tmp, infilter="HTML (StarWriter)")
    final = out / f"word-{kind}.{fmt}"
    shutil.move(str(got), final)
    src.unlink()
    return final


def doc_writer(kind: str, out: Path) -> Path:
    return docx_writer(kind, out, "doc")


def _title_rows_html(kind: str, dash: str = "—") -> str:
    """Every table holding its own title and 单位 rows (merged across), header cells <td><p><span>,
    figures split over two <span>s as Word's export leaves them, `—` for the 三公 table's zeros,
    long names broken by <br>."""
    tabs = tables(kind)
    parts = [f"<p style=\"text-align:center\"><strong>{year_title(kind)}公开</strong></p>",
             "<p>一、部门基本情况</p><p>本部门主要职责是统筹全区教育工作。</p>", "<p>二、部门预算表</p>"]
    for t in tabs:
        if t.type == "three_public_expenses":
            t.rows = [(c, n, [dash if v == "0.00" else v for v in vals]) for c, n, vals in t.rows]
        rows, _ = grid(t)
        w = _width(t, rows)
        trs = [f'<tr><td colspan="{w}" style="text-align:center;border:none"><p><span style="font-size:14pt">'
               f"<b>{_html.escape(full_title(kind, t))}</b></span></p></td></tr>",
               f'<tr><td colspan="{w}" style="text-align:right;border:none"><p><span>单位：万元</span></p></td></tr>']
        for i, row in enumerate(rows):
            tds = []
            for text, rs, cs in row:
                attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
                if i >= len(t.header) and _is_amount(text) and len(text) > 4:
                    inner = f"<span lang=EN-US>{text[:2]}</span><span lang=EN-US>{text[2:]}</span>"
                elif len(text) > 12:
                    inner = _html.escape(text[:8]) + "<br/>" + _html.escape(text[8:])
                else:
                    inner = _html.escape(text) or "&nbsp;"
                tds.append(f'<td{attrs} style="border:solid windowtext 1.0pt"><p class=MsoNormal align=center>'
                           f"<span style='font-family:宋体'>{inner}</span></p></td>")
            trs.append("<tr>" + "".join(tds) + "</tr>")
        parts.append('<table class=MsoNormalTable border=0 cellspacing=0 cellpadding=0>' + "\n".join(trs) + "</table>")
        parts.append("<p>&nbsp;</p>")
    return ("<html><head><title>" + year_title(kind) + "公开</title></head><body><div class=WordSection1>"
            + "\n".join(parts) + "</div></body></html>")


def html_title_rows(kind: str, out: Path) -> Path:
    """UTF-8 with no charset declared; the title and 单位 rows inside each <table>."""
    dst = out / f"titlerows-{kind}.htm"
    dst.write_text(_title_rows_html(kind), encoding="utf-8")
    return dst


def docx_title_in_table(kind: str, out: Path) -> Path:
    """The same page through LibreOffice Writer to .docx: title and 单位 as merged first rows of
    each Word table."""
    src = out / f"wordtitle-{kind}.html"
    src.write_text(_title_rows_html(kind).replace("<head>", "<head><meta charset=\"utf-8\">"), encoding="utf-8")
    tmp = out / "lo"
    tmp.mkdir(exist_ok=True)
    got = soffice(src, "docx:MS Word 2007 XML", tmp, infilter="HTML (StarWriter)")
    final = out / f"wordtitle-{kind}.docx"
    shutil.move(str(got), final)
    src.unlink()
    return final


def xlsx_lanci(kind: str, out: Path) -> Path:
    """A final-account template as finance bureaus hand it out: a 栏次 row (1 2 3 …) under the
    header, codes as text, amounts `#,##0.00;-#,##0.00;"-"` (a zero shows `-`), a hidden column of
    last year's figures between the names and the amounts, the sheet frozen under its header."""
    import openpyxl
    tabs = tables(kind)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for n, t in enumerate(tabs):
        ws = wb.create_sheet(f"{n + 1:02d}{t.title[:20]}")
        rows, _ = grid(t)
        h = len(t.header)
        w = _width(t, rows)
        ws.cell(1, 1, full_title(kind, t))
        w += 1 if t.coded else 0
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=w)
        ws.cell(2, 1, f"部门：{DEPT}")
        ws.cell(2, w, "金额单位：万元")
        r0 = 3
        if t.coded:
            # a hidden column C (上年数) between the names and the amounts
            new = []
            for i, r in enumerate(rows):
                if i == 0:
                    r = r[:2] + [("上年数", h, 1)] + r[2:]
                elif i >= h and len(r) == 1:  # 本表无数据 across the table
                    r = [(r[0][0], 1, r[0][2] + 1)]
                elif i >= h:
                    at = 1 if r[0][2] == 2 else 2
                    r = r[:at] + [("888.88", 1, 1)] + r[at:]
                new.append(r)
            rows = new
            ws.column_dimensions["C"].hidden = True
        if t.rows and not t.two_sided:
            lanci = [("栏次", 1, 2), ("", 1, 1)] if t.coded else []  # the hidden column has none
            lanci += [(str(k + 1), 1, 1) for k in range(len(t.columns))]
            rows.insert(h, lanci)
        _put_grid(ws, rows, r0, fmt='#,##0.00;-#,##0.00;"-"', header_rows=h + (1 if t.rows and not t.two_sided else 0),
                  label_cols=2 if t.coded else 0)
        ws.freeze_panes = ws.cell(r0 + h, 1)
    dst = out / f"lanci-{kind}.xlsx"
    wb.save(dst)
    return dst


def xlsx_sparse_codes(kind: str, out: Path) -> Path:
    """Codes over 类 | 款 | 项 printing only the part each row adds (a 款 row blank under 类, a 项
    row blank under 类 and 款), headings wrapped in their cells by line breaks, amounts under
    `#,##0.00_ ;[Red]-#,##0.00 ` (Excel's accounting-like padding), the basic-spending table under
    `0.0` (343.22 shows 343.2)."""
    import openpyxl
    tabs = tables(kind)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for n, t in enumerate(tabs):
        ws = wb.create_sheet(f"Sheet{n + 1}")
        rows, _ = grid(t, split_codes=True, sparse=True, wrap=True)
        w = _width(t, rows)
        ws.cell(1, 1, full_title(kind, t))
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=w)
        ws.cell(2, w, "单位：万元")
        # the basic-spending table under 0.0: 343.22 shows 343.2, 76.26 shows 76.3
        fmt = "0.0" if t.type == "general_budget_basic_expenditure" else "#,##0.00_ ;[Red]-#,##0.00 "
        _put_grid(ws, rows, 3, fmt=fmt, header_rows=max(2, len(t.header)) if t.coded else len(t.header),
                  label_cols=4 if t.coded else 0)
    dst = out / f"sparse-{kind}.xlsx"
    wb.save(dst)
    return dst


def compared(t: Tab) -> Tab:
    """The expenditure table by function code with last year's figure and the change beside this
    year's: 上年预算数 | 本年预算数 (合计 基本支出 项目支出) | 比上年增减 (金额 %), negatives printed -."""
    prior = {"": "3600.00", "205": "3000.00", "20501": "750.00", "2050101": "520.00", "2050199": "230.00",
             "20502": "2250.00", "2050201": "350.00", "2050202": "1900.00", "208": "400.00", "20805": "400.00",
             "2080505": "280.00", "2080506": "120.00", "210": "200.00", "21011": "200.00", "2101101": "200.00"}
    now = t.header[0][2][0]
    head = [[("科目编码", 2, 1), ("科目名称", 2, 1), ("上年预算数", 2, 1), (now, 1, 3), ("比上年增减", 1, 2)],
            [("合计", 1, 1), ("基本支出", 1, 1), ("项目支出", 1, 1), ("金额", 1, 1), ("%", 1, 1)]]
    rows = []
    for code, name, vals in t.rows:
        p = Decimal(prior[code])
        d = Decimal(vals[0]) - p
        rows.append((code, name, [prior[code]] + vals + [f"{d:.2f}", f"{(d / p * 100).quantize(Decimal('0.01'))}"]))
    # a heading of one % joins the heading above it (structure/tables.py _stacked_words): 比上年增减%
    cols = ["上年预算数", f"{now}/合计", f"{now}/基本支出", f"{now}/项目支出", "比上年增减/金额", "比上年增减%"]
    return Tab(t.title, t.type, head, cols, rows)


def in_yuan(t: Tab) -> Tab:
    """The table's amounts in 元 (×10000), printed with 千分位 and two decimals."""
    t.rows = [(c, n, [f"{Decimal(v) * 10000:.0f}" if v not in ("", "-") else v for v in vals]) for c, n, vals in t.rows]
    t.unit = "元"
    return t


def by_year_rows(t: Tab, kind: str) -> Tab:
    """The 三公 table with a row per year (上年 | 本年 | 增减), a 项目 column naming them."""
    y = 2023 if kind == "budget" else 2022
    word = "预算数" if kind == "budget" else "决算数"
    prior = ["300000.00", "0.00", "250000.00", "0.00", "250000.00", "50000.00"]
    now = t.rows[0][2]
    diff = [f"{Decimal(a) - Decimal(b):.2f}" for a, b in zip(now, prior)]
    head = [[("项目", 2, 1)] + list(t.header[0])] + [list(t.header[1])]
    rows = [("", f"{y - 1}年{word}", prior), ("", f"{y}年{word}", now), ("", "增减额", diff)]
    return Tab(t.title, t.type, head, t.columns, rows, coded=False, unit=t.unit, named=True)


def compare_tables(kind: str) -> list[Tab]:
    tabs = tables(kind)
    return [compared(t) if t.type == "general_budget_expenditure" else
            by_year_rows(in_yuan(t), kind) if t.type == "three_public_expenses" else t for t in tabs]


def html_compare(kind: str, out: Path) -> Path:
    """UTF-8 declared; the title and 单位 printed in the table's first row (title over all columns
    but the last, 单位 in the last); the expenditure table compared with last year (negative changes,
    a % column); the 三公 table in 元 with 千分位."""
    parts = []
    for t in compare_tables(kind):
        rows, _ = grid(t)
        w = _width(t, rows)
        top = (f'<tr><td colspan="{w - 1}" align="center"><strong>{_html.escape(full_title(kind, t))}</strong></td>'
               f'<td align="right">单位：{t.unit}</td></tr>')
        parts.append('<table class="MsoTableGrid" border="1" cellspacing="0">' + top
                     + _cells_html(rows, False, len(t.header), False) + "</table><br/>")
    page = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>' + year_title(kind)
            + "信息公开</title></head><body><div class=\"TRS_Editor\">" + "\n".join(parts) + "</div></body></html>")
    dst = out / f"compare-{kind}.html"
    dst.write_text(page, encoding="utf-8")
    return dst


def html_tfoot(kind: str, out: Path) -> Path:
    """GB18030 declared; <thead> of <th> with <br> in long headings; the 合计 row in a <tfoot>
    written before the <tbody> (as HTML 4 wanted it, shown at the bottom); row names as
    <th scope=row>."""
    parts = []
    for t in tables(kind):
        rows, _ = grid(t)
        h = len(t.header)
        def tr(row, header):
            cells = []
            for k, (text, rs, cs) in enumerate(row):
                attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
                body = _html.escape(text)
                if header and len(text) >= 6:
                    body = _html.escape(text[:len(text) // 2]) + "<br>" + _html.escape(text[len(text) // 2:])
                tag = "th" if header or (not _is_amount(text) and text and k <= 1 and not text.isdigit()) else "td"
                cells.append(f"<{tag}{attrs}{' scope=row' if tag == 'th' and not header else ''}>{body}</{tag}>")
            return "<tr>" + "".join(cells) + "</tr>"
        body = rows[h:]
        foot = [r for r in body if r and r[0][0] == "合计"]
        rest = [r for r in body if not (r and r[0][0] == "合计")]
        parts.append(f"<p class=title>{_html.escape(full_title(kind, t))}</p><p class=unit>单位：万元</p>")
        parts.append("<table border=1><thead>" + "".join(tr(r, True) for r in rows[:h]) + "</thead>"
                     + ("<tfoot>" + "".join(tr(r, False) for r in foot) + "</tfoot>" if foot else "")
                     + "<tbody>" + "".join(tr(r, False) for r in rest) + "</tbody></table>")
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb18030"><title>'
            + year_title(kind) + "</title></head><body>" + "\n".join(parts) + "</body></html>")
    dst = out / f"tfoot-{kind}.html"
    dst.write_bytes(page.encode("gb18030"))
    return dst


def docx_from_portal(kind: str, out: Path) -> Path:
    """The `html_portal` page (nested layout tables, side menu, banner) saved as Word by LibreOffice,
    as someone keeps a page they found: the data tables inside the layout table's cell."""
    page = html_portal(kind, out)
    src = out / f"wordportal-{kind}.html"
    src.write_bytes(page.read_bytes())
    tmp = out / "lo"
    tmp.mkdir(exist_ok=True)
    got = soffice(src, "docx:MS Word 2007 XML", tmp, infilter="HTML (StarWriter)")
    final = out / f"wordportal-{kind}.docx"
    shutil.move(str(got), final)
    src.unlink()
    return final


def xml_spreadsheet(kind: str, out: Path) -> Path:
    """An Excel 2003 XML Spreadsheet as report systems export it, served as .xls: a worksheet per
    table, cells placed by ss:Index after gaps, ss:MergeAcross / ss:MergeDown, the named formats
    Standard and Fixed, the 合计 row's cells as formulas with their values, a hidden row, a hidden
    worksheet."""
    def cell(text: str, rs: int, cs: int, c: int, amount: bool, style: str) -> str:
        attrs = f' ss:Index="{c + 1}"' + (f' ss:MergeAcross="{cs - 1}"' if cs > 1 else "") + \
            (f' ss:MergeDown="{rs - 1}"' if rs > 1 else "")
        if not text:
            return ""
        if amount:
            return f'<Cell{attrs} ss:StyleID="{style}"><Data ss:Type="Number">{text.replace(",", "")}</Data></Cell>'
        return f'<Cell{attrs}><Data ss:Type="String">{_html.escape(text)}</Data></Cell>'
    sheets = []
    for n, t in enumerate(tables(kind)):
        rows, _ = grid(t)
        h = len(t.header)
        w = _width(t, rows)
        xml_rows = [f'<Row>{cell(full_title(kind, t), 1, w, 0, False, "")}</Row>',
                    f'<Row>{cell("单位：万元", 1, 1, w - 1, False, "")}</Row>']
        taken: set[tuple[int, int]] = set()
        for i, row in enumerate(rows):
            c, cells = 0, []
            for text, rs, cs in row:
                while (i, c) in taken:
                    c += 1
                amount = i >= h and _is_amount(text) and not (t.coded and c < 2)
                cells.append(cell(text, rs, cs, c, amount, "s21" if n % 2 else "s22"))
                taken.update((i + a, c + b) for a in range(rs) for b in range(cs))
                c += cs
            xml_rows.append("<Row>" + "".join(cells) + "</Row>")
            if i == h - 1 and t.coded and t.rows:
                xml_rows.append('<Row ss:Hidden="1"><Cell ss:Index="2"><Data ss:Type="String">上年数</Data></Cell>'
                                '<Cell><Data ss:Type="Number">999.99</Data></Cell></Row>')
        sheets.append(f'<Worksheet ss:Name="{n + 1}"><Table>' + "\n".join(xml_rows) + "</Table></Worksheet>")
    sheets.append('<Worksheet ss:Name="参数"><Table><Row><Cell><Data ss:Type="Number">1</Data></Cell></Row></Table>'
                  '<WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Visible>SheetHidden</Visible>'
                  "</WorksheetOptions></Worksheet>")
    doc = ('<?xml version="1.0" encoding="UTF-8"?>\n<?mso-application progid="Excel.Sheet"?>\n'
           '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:o="urn:schemas-microsoft-com:office:office" '
           'xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
           '<Styles><Style ss:ID="Default" ss:Name="Normal"/><Style ss:ID="s21"><NumberFormat ss:Format="Standard"/></Style>'
           '<Style ss:ID="s22" ss:Parent="s21"/></Styles>\n' + "\n".join(sheets) + "</Workbook>")
    dst = out / f"xmlss-{kind}.xls"
    dst.write_text(doc, encoding="utf-8")
    return dst


def csv_gbk(kind: str, out: Path) -> Path:
    """Every table one under another in a CSV as Excel saves a sheet on a zh-CN system (GBK, merged
    cells as their first cell and empty ones, numbers with 千分位 quoted), named as portals name
    attachments."""
    import csv
    import io
    buf = io.StringIO()
    wr = csv.writer(buf, lineterminator="\r\n")
    for t in tables(kind):
        rows, _ = grid(t)
        w = _width(t, rows)
        wr.writerow([full_title(kind, t)] + [""] * (w - 1))
        wr.writerow([""] * (w - 1) + ["单位：万元"])
        lattice: dict[tuple[int, int], str] = {}
        taken: set[tuple[int, int]] = set()
        for i, row in enumerate(rows):
            c = 0
            for text, rs, cs in row:
                while (i, c) in taken:
                    c += 1
                lattice[(i, c)] = text
                taken.update((i + a, c + b) for a in range(rs) for b in range(cs))
                c += cs
        for i in range(len(rows)):
            wr.writerow([lattice.get((i, c), "") for c in range(w)])
        wr.writerow([""] * w)
    dst = out / f"{year_title(kind)}公开表-{kind}.csv"
    dst.write_bytes(buf.getvalue().encode("gbk"))
    return dst


FORMS = {
    "xlsx_template": (xlsx_template, {}),
    "xls_biff": (xls_biff, {}),
    "xlsx_stacked": (xlsx_stacked, {"dash_three_public": True}),
    "xlsx_sheetname": (xlsx_sheetname, {"pct": True, "bare": True}),
    "html_portal": (html_portal, {"prose": True}),
    "html_split": (html_split, {}),
    "xls_html": (xls_html, {}),
    "docx_writer": (docx_writer, {"prose": True}),
    "doc_writer": (doc_writer, {"prose": True}),
    "html_title_rows": (html_title_rows, {"dash_three_public": "—"}),
    "docx_title_in_table": (docx_title_in_table, {"dash_three_public": "—"}),
    "xlsx_lanci": (xlsx_lanci, {"zero_dash": True}),
    "xlsx_sparse_codes": (xlsx_sparse_codes, {"one_decimal": "general_budget_basic_expenditure"}),
    "html_compare": (html_compare, {"tables": compare_tables}),
    "xls_biff_stacked": (xls_biff_stacked, {"dash_three_public": True}),
    "html_tfoot": (html_tfoot, {}),
    "docx_from_portal": (docx_from_portal, {"prose": True}),
    "xml_spreadsheet": (xml_spreadsheet, {}),
    "csv_gbk": (csv_gbk, {}),
}
NEEDS_SOFFICE = {"xlsx_template", "xls_biff", "docx_writer", "doc_writer", "docx_title_in_table", "xls_biff_stacked",
                 "docx_from_portal"}


def form_truth(form: str, kind: str) -> dict:
    opts = FORMS[form][1]
    tabs = opts.get("tables", tables)(kind)
    if opts.get("dash_three_public"):
        dash = opts["dash_three_public"] if isinstance(opts["dash_three_public"], str) else "-"
        for t in tabs:
            if t.type == "three_public_expenses":
                t.rows = [(c, n, [dash if v == "0.00" else v for v in vals]) for c, n, vals in t.rows]
    if opts.get("one_decimal"):  # shown under 0.0, rounded half away from zero
        from decimal import ROUND_HALF_UP
        for t in tabs:
            if t.type == opts["one_decimal"]:
                t.rows = [(c, n, [str(Decimal(v).quantize(Decimal("0.1"), ROUND_HALF_UP)) if v else v for v in vals])
                          for c, n, vals in t.rows]
    if opts.get("zero_dash"):  # a zero under #,##0.00;-#,##0.00;"-" shows -
        for t in tabs:
            t.rows = [(c, n, ["-" if v and Decimal(v) == 0 else v for v in vals]) for c, n, vals in t.rows]
    if opts.get("pct"):
        with_pct(tabs)
    tr = truth(kind, [_printed(t) for t in tabs], form, pct=opts.get("pct", False), bare=opts.get("bare", False))
    return tr


def _printed(t: Tab) -> Tab:
    t.rows = [(c, n, [_f(v) if not re.fullmatch(r"-?\d+\.\d", v) else v for v in vals]) for c, n, vals in t.rows]
    return t


def build(forms: list[str], kinds: list[str], out: Path) -> list[tuple[str, str, Path, dict]]:
    """Write every form of every kind into `out`: [(form, kind, path, truth)]."""
    have_soffice = shutil.which("soffice") is not None
    made = []
    for form in forms:
        if form in NEEDS_SOFFICE and not have_soffice:
            print(f"{form}: skipped (no soffice)", file=sys.stderr)
            continue
        for kind in kinds:
            path = FORMS[form][0](kind, out)
            made.append((form, kind, path, form_truth(form, kind)))
    return made


def meta_misses(doc, kind: str) -> list[str]:
    """The document's metadata against the form's: kind, year, department."""
    m = doc
    want_year = 2023 if kind == "budget" else 2022
    want_kind = "budget" if kind == "budget" else "final_accounts"
    out = []
    if getattr(m, "kind", None) != want_kind:
        out.append(f"kind {getattr(m, 'kind', None)!r}, want {want_kind}")
    if getattr(m, "year", None) != want_year:
        out.append(f"year {getattr(m, 'year', None)!r}, want {want_year}")
    if DEPT not in (getattr(m, "department", "") or ""):
        out.append(f"department {getattr(m, 'department', None)!r}, want {DEPT}")
    return out


def prose_misses(doc) -> list[str]:
    """PROSE_FACTS not found among the document's facts with their subject and change direction."""
    have = {(f.subject, f.printed): f for f in doc.facts}
    out = []
    for subject, printed, direction in PROSE_FACTS:
        f = have.get((subject, printed))
        if f is None:
            near = [(g.subject, g.printed) for g in doc.facts if g.printed == printed]
            out.append(f"fact {subject} {printed} not read (read: {near})")
        elif f.change_direction != direction:
            out.append(f"fact {subject} {printed}: change {f.change_direction!r}, want {direction!r}")
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--forms", default=",".join(FORMS), help="which forms (comma-separated)")
    ap.add_argument("--kind", default="both", choices=("budget", "final", "both"))
    ap.add_argument("--misses", type=int, default=0, help="print this many misses per form")
    ap.add_argument("--keep", type=Path, help="write the files here (and keep them) instead of a temporary folder")
    a = ap.parse_args(argv)
    from disclosure.pipeline import extract
    from samples.layouts.score import score, totals
    kinds = ["budget", "final"] if a.kind == "both" else [a.kind]
    forms = [f for f in a.forms.split(",") if f]
    with tempfile.TemporaryDirectory() as tmp:
        out = a.keep or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        made = build(forms, kinds, out)
        grand = [0, 0, 0, 0, 0]
        for form in forms:
            scores, metas = [], []
            for f, kind, path, tr in made:
                if f != form:
                    continue
                try:
                    doc = extract(path)
                except Exception as e:  # noqa: BLE001 - a bench reports, never stops
                    print(f"{form:15} {kind}: {type(e).__name__}: {e}")
                    continue
                scores.append(score(tr, doc, keep=50))
                metas += [f"{kind}: {m}" for m in meta_misses(doc, kind)]
                if FORMS[form][1].get("prose"):
                    metas += [f"{kind}: {m}" for m in prose_misses(doc)]
                metas += [f"{kind}: table {t['title']}: unit {got.unit!r}, want {t['unit']}"
                          for t, got in zip(tr["tables"], doc.tables) if got.unit != t["unit"]]
            if not scores:
                continue
            tables_, typed, amounts, exact, extra, misses = totals(scores)
            misses = [m for m in misses if ": measure " not in m]  # the truth names no measures
            for k, v in enumerate((tables_, typed, amounts, exact, extra)):
                grand[k] += v
            print(f"{form:15} tables typed {typed}/{tables_}  amounts right {exact}/{amounts} "
                  f"{100 * exact / max(amounts, 1):.2f}%  extra {extra}  metadata misses {len(metas)}")
            for m in (metas + misses)[:a.misses]:
                print("    ", m)
        t, ty, n, e, x = grand
        print(f"TOTAL tables typed {ty}/{t}  amounts right {e}/{n} {100 * e / max(n, 1):.2f}%  extra {x}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
