"""A generated disclosure published as portals publish spreadsheets and web pages, quirks and all
(issue #16): the `portal` axis of the copies that render_copies.py writes plainly.

Spreadsheet quirks (`xlsx(doc, target, quirk)`):
- `plain`: no quirk, render_copies.xlsx (title and 单位 merged above, header merged over its rows).
- `spacer`: an empty narrow column between the labels and the amounts.
- `hidden`: a hidden row of old figures under the header and a hidden column of notes-and-figures
  at the right: neither printed, neither in the truth.
- `text_numbers`: every amount stored as text, with thousands separators, padded with spaces.
- `one_sheet`: every table on one sheet, one under another, two blank rows between.
- `loose_title`: the title in A1 unmerged, a blank row, then 编制单位 left and 单位 right in one row.
- `fullwidth`: amounts stored as text in full-width digits and separators (３４，０７９．１６).
- `unmerged_header`: a heading over several columns or rows written in its first cell only, the
  cells it covers left empty and unmerged (as WPS exports "centre across selection").
- `blank_rows`: an empty row between the header and the body, and another inside the body.

Web-page quirks (`html(doc, target, quirk)`):
- `plain`: render_copies.html.
- `nested`: the page laid out in tables: the content in a `<td>` of a layout table, each data table
  inside another layout cell.
- `td_header`: header cells as `<td>` (no `<th>`), bold by `<b>`.
- `nbsp`: `&nbsp;` around and inside amounts (1,234.50&nbsp;, &nbsp;&nbsp;753.67), `&nbsp;` in blank cells.
- `word_html`: Word's HTML export: every cell `<p class=MsoNormal><span lang=EN-US>…<o:p></o:p></span></p>`,
  conditional comments, widths in `style`.
- `gbk_no_charset`, `meta_lies` (declares utf-8 over GBK bytes), `utf16_no_bom`: the charset traps.
- `xls_html`: a web page saved as `.xls`, as portals serve their "spreadsheets".
- `unmerged_header`: header cells without colspan or rowspan, the covered cells empty `<td>`s.
- `thead`: `<colgroup>`, the header in `<thead>`, the body in `<tbody>`.

Each function returns the path written; the truth is the doc's own (compose.Doc.truth()).
"""
from __future__ import annotations

import html as _html
import re
from pathlib import Path

from samples.layouts import render_copies

XLSX_QUIRKS = ("plain", "spacer", "hidden", "text_numbers", "one_sheet", "loose_title", "fullwidth",
               "unmerged_header", "blank_rows")
HTML_QUIRKS = ("plain", "nested", "td_header", "nbsp", "word_html", "gbk_no_charset", "meta_lies", "utf16_no_bom",
               "xls_html", "unmerged_header", "thead")

_FULL = str.maketrans("0123456789.,-", "０１２３４５６７８９．，－")


def _grouped(text: str) -> str:
    """A printed number with thousands separators (1234.50 -> 1,234.50); other text as it is."""
    m = re.fullmatch(r"(-?)(\d+)(\.\d+)?", text)
    return f"{m.group(1)}{int(m.group(2)):,}{m.group(3) or ''}" if m else text


def _first_amount(t) -> int:
    return next((k for k, m in enumerate(t.measures) if m), t.n_cols)


def xlsx(doc, target: Path, quirk: str = "plain") -> Path:
    """`doc` (compose.Doc) as an .xlsx with one quirk of XLSX_QUIRKS (`plain`: none, the copy
    render_copies.xlsx writes)."""
    import openpyxl
    from openpyxl.styles import Alignment

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    ws = None
    r = 1
    for i, (t, heading) in enumerate(zip(doc.tables, doc.headings)):
        if ws is None or quirk != "one_sheet":
            ws = wb.create_sheet(f"表{i + 1}")
            r = 1
        else:
            r += 2
        spacer = _first_amount(t) if quirk == "spacer" else None

        def col(c: int) -> int:  # 1-based sheet column of table column c
            return c + 1 + (1 if spacer is not None and c >= spacer else 0)

        n = col(t.n_cols - 1)
        if quirk == "hidden":
            n += 1
        if spacer is not None:
            ws.column_dimensions[openpyxl.utils.get_column_letter(spacer + 1)].width = 1.5
        lines = heading.split("\n")
        if quirk == "loose_title":
            for line in lines:
                ws.cell(r, 1, line)
                r += 1
            r += 1
            ws.cell(r, 1, f"编制单位：{doc.budget.department}")
            ws.cell(r, n, f"单位：{t.unit}")
            r += 1
        else:
            for line in lines + [doc.unit_line(t)]:
                ws.cell(r, 1, line)
                if n > 1:
                    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n)
                r += 1
        cells, depth = t.header()
        for c in cells:
            ws.cell(r + c.row, col(c.col), c.text).alignment = Alignment(horizontal="center", wrap_text=True)
            last = col(c.col + c.colspan - 1)
            if (c.rowspan > 1 or last > col(c.col)) and quirk != "unmerged_header":
                ws.merge_cells(start_row=r + c.row, start_column=col(c.col), end_row=r + c.row + c.rowspan - 1,
                               end_column=last)
        if quirk == "hidden":
            ws.cell(r, n, "上年口径")
        r += depth
        if quirk == "blank_rows":
            r += 1  # an empty row between the header and the body
        if quirk == "hidden":  # a row of old figures, hidden
            for k in range(t.n_cols):
                ws.cell(r, col(k), "旧科目" if k == 0 else (9999.99 if t.measures[k] else "x"))
            ws.row_dimensions[r].hidden = True
            ws.column_dimensions[openpyxl.utils.get_column_letter(n)].hidden = True
            r += 1
        for row in t.body:
            for c in row:
                cell = ws.cell(r, col(c.col))
                num = render_copies._number_and_format(c.text) if c.role == "amount" else None
                if num is None or quirk in ("text_numbers", "fullwidth") and c.role == "amount":
                    text = c.text
                    if c.role == "amount" and quirk == "text_numbers" and text:
                        text = f" {_grouped(text)} "
                    elif c.role == "amount" and quirk == "fullwidth":
                        text = text.translate(_FULL)
                    cell.value = text
                    cell.data_type = "s"
                    if c.role == "code":
                        cell.number_format = "@"
                else:
                    cell.value, cell.number_format = num
                last = col(c.col + c.colspan - 1)
                if last > col(c.col):
                    ws.merge_cells(start_row=r, start_column=col(c.col), end_row=r, end_column=last)
            if quirk == "hidden":
                ws.cell(r, n, 1234.5)
            r += 1
            if quirk == "blank_rows" and row is t.body[len(t.body) // 2]:
                r += 1  # and one in the middle of the body
        if t.note:
            ws.cell(r, 1, t.note)
            if n > 1:
                ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n)
            r += 1
    path = target.with_suffix(".xlsx")
    wb.save(path)
    return path


def _cell(text: str, quirk: str, amount: bool) -> str:
    body = _html.escape(text)
    if quirk == "nbsp":
        if not text:
            return "&nbsp;"
        if amount:
            return "&nbsp;&nbsp;" + body.replace(",", ",&nbsp;" if len(text) % 2 else ",") + "&nbsp;"
    if quirk == "word_html":
        return (f'<p class=MsoNormal align=center style="text-align:center"><span lang=EN-US '
                f'style="font-size:9.0pt;font-family:宋体">{body or "&nbsp;"}<o:p></o:p></span></p>')
    return body


def _table(t, quirk: str) -> str:
    cells, depth = t.header()
    head = "td" if quirk in ("td_header", "word_html") else "th"
    rows: list[list[str]] = [[] for _ in range(depth)]
    covered = set()
    for c in cells:
        covered |= {(r, k) for r in range(c.row, c.row + c.rowspan) for k in range(c.col, c.col + c.colspan)}
    for c in sorted(cells, key=lambda c: (c.row, c.col)):
        span = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + (f' colspan="{c.colspan}"' if c.colspan > 1 else "")
        text = _cell(c.text, quirk, False)
        if quirk == "td_header":
            text = f"<b>{text}</b>"
        if quirk == "unmerged_header":  # the text in the first cell of its group, the others left empty
            rows[c.row].append(f"<{head}>{text}</{head}>" + f"<{head}></{head}>" * (c.colspan - 1))
            for r in range(c.row + 1, c.row + c.rowspan):
                rows[r].append((c.col, f"<{head}></{head}>"))
            continue
        rows[c.row].append(f"<{head}{span}>{text}</{head}>")
    if quirk == "unmerged_header":  # the empty cells under a text that spanned rows, in column order
        rows = [_in_order(r, cells, i) for i, r in enumerate(rows)]
    out = ["<tr>" + "".join(r) + "</tr>" for r in rows]
    if quirk == "thead":
        out = ["<colgroup>" + "<col width=80>" * t.n_cols + "</colgroup><thead>"] + out + ["</thead><tbody>"]
    for row in t.body:
        by_col = {c.col: c for c in row}
        tds, k = [], 0
        while k < t.n_cols:
            c = by_col.get(k)
            if c is None:
                tds.append(f"<td>{_cell('', quirk, False)}</td>")
                k += 1
                continue
            span = f' colspan="{c.colspan}"' if c.colspan > 1 else ""
            tds.append(f'<td{span} width="80" style="width:60pt">{_cell(c.text, quirk, c.role == "amount")}</td>')
            k += c.colspan
        out.append("<tr>" + "".join(tds) + "</tr>")
    if quirk == "thead":
        out.append("</tbody>")
    table = '<table border="1" cellspacing="0" class=MsoNormalTable>' + "".join(out) + "</table>"
    if quirk == "nested":
        table = f'<table width="100%"><tr><td align="center">{table}</td></tr></table>'
    return table


def _in_order(row: list, cells, level: int) -> list[str]:
    """Header row `level` as printed cells in column order: its own cells (strings, placed at their
    columns) and the empty cells left under a text above it ((col, html) pairs)."""
    placed, own = [], [c for c in sorted(cells, key=lambda c: c.col) if c.row == level]
    k = 0
    for item in row:
        if isinstance(item, tuple):
            placed.append(item)
        else:
            placed.append((own[k].col, item))
            k += 1
    return [h for _, h in sorted(placed, key=lambda x: x[0])]


def html(doc, target: Path, quirk: str = "plain") -> Path:
    """`doc` (compose.Doc) as a web page with one quirk of HTML_QUIRKS."""
    if quirk == "plain":
        return render_copies.html(doc, target)
    charset = {"gbk_no_charset": "", "meta_lies": "utf-8", "utf16_no_bom": ""}.get(quirk, "utf-8")
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">' if charset else ""
    parts = [f"<html><head>{meta}<title>{_html.escape(' '.join(doc.cover))}</title>"
             "<script>var nav = '首页 > 政务公开';</script></head><body>",
             '<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; 政务公开</div>']
    if quirk == "word_html":
        parts.append("<!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]-->")
    body = [f"<p align=center><b>{_html.escape(x)}</b></p>" for x in doc.cover]
    body += [f"<p>{_html.escape(p)}</p>" for p in doc.prose]
    for t, heading in zip(doc.tables, doc.headings):
        body += [f"<p align=center>{_html.escape(x)}</p>" for x in heading.split("\n")]
        body.append(f"<p align=right>{_html.escape(doc.unit_line(t))}</p>")
        body.append(_table(t, quirk))
        if t.note:
            body.append(f"<p>{_html.escape(t.note)}</p>")
    if quirk == "nested":
        body = ['<table width="960" align="center"><tr><td width="200"><ul><li><a href="/bmys/">部门预算</a></li>'
                '<li><a href="/bmjs/">部门决算</a></li></ul></td>'
                '<td class="content">' + "".join(body) + "</td></tr></table>"]
    parts += body
    parts.append('<div class="footer">版权所有 网站标识码</div></body></html>')
    text = "".join(parts)
    raw = text.encode("utf-16-le") if quirk == "utf16_no_bom" else \
        text.encode("gb18030") if quirk in ("gbk_no_charset", "meta_lies") else text.encode("utf-8")
    path = target.with_suffix(".xls" if quirk == "xls_html" else ".html")
    path.write_bytes(raw)
    return path


def flat_tables(doc) -> list[int]:
    """Indexes of the tables of `doc` a page text can carry flattened: one header row (a header
    over two or three rows flattened into one line cannot be told apart again) and at least one
    amount column."""
    return [i for i, t in enumerate(doc.tables) if max(len(p) for p in t.paths) == 1 and any(t.measures)]


def pagetext(doc, target: Path) -> Path:
    """`doc` as a scraper saves a page's text: 标题/发布时间/发布机构 lines, a separator, then the
    body on one line: the prose, and each table of `flat_tables(doc)` flattened into it (its
    number and title, 单位 line, the header's cells, then each row's cells, all joined by spaces),
    as a page's text holds a table printed in it. The truth to score it against: `flat_truth`."""
    parts = ["当前位置： 首页 政务公开 部门预决算 " + "".join(doc.cover), "时间：2024-02-10 08:59 微信 微博 QQ空间"]
    parts += doc.prose
    for i in flat_tables(doc):
        t = doc.tables[i]
        parts += [doc.headings[i].replace("\n", " "), f"单位：{t.unit}"]
        cells, _ = t.header()
        parts += [c.text for c in sorted(cells, key=lambda c: c.col)]
        for row in t.body:
            parts += [c.text for c in sorted(row, key=lambda c: c.col) if c.text.strip()]
        if t.note:
            parts.append(t.note)
    head = [f"标题: {''.join(doc.cover)}", "发布时间: 2024-02-10 08:59", f"发布机构: {doc.budget.department}",
            "栏目: 部门预决算公开", "=" * 20 + " 正文 " + "=" * 20]
    path = target.with_suffix(".txt")
    path.write_text("\n".join(head) + "\n" + " ".join(p for p in parts if p) + "\n", encoding="utf-8")
    return path


def flat_truth(doc) -> dict:
    """doc.truth() holding only the tables `pagetext` flattens into the body."""
    truth = doc.truth()
    keep = set(flat_tables(doc))
    truth["tables"] = [t for i, t in enumerate(truth["tables"]) if i in keep]
    return truth
