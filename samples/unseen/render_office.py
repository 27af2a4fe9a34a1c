"""Export a document's grids through LibreOffice: Calc (an .xlsx, one sheet a table, printed to
PDF) or Writer (an HTML document, Word-like tables flowing over pages, exported to PDF).

The pages each table lands on are found afterwards in the PDF's text (the title's first page up
to the next title's), since LibreOffice does the pagination.
"""
from __future__ import annotations

import html
import os
import shutil
import signal
import subprocess
import tempfile
from decimal import Decimal
from pathlib import Path

from .content import FW, Grid


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _number_format(style: str, negative: str) -> str:
    base = {"sep2": "#,##0.00", "plain2": "0.00", "int": "#,##0", "wan4": "0.0000"}[style]
    return f"{base};({base})" if negative == "paren" else f"{base};-{base}"


def _title(g: Grid, n: int, ax: dict) -> str:
    return {"none": "", "biao": f"表{'一二三四五六七八九十'[n - 1] if n <= 10 else n}　",
            "fubiao": f"附表{n}：", "gongkai": f"公开{n:02d}表　"}[ax["numbering"]] + g.title


def calc(grids: list, ax: dict, dept: str, xlsx: Path):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    numfmt = _number_format(ax["amounts"], ax["negative"])
    for n, g in enumerate(grids, 1):
        ws = wb.create_sheet(f"表{n}")
        ncol = len(g.cols)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol)
        c = ws.cell(1, 1, _title(g, n, ax))
        c.font = Font(name="WenQuanYi Micro Hei", size=14, bold=True)
        c.alignment = Alignment(horizontal="center")
        if ax["unit_place"] == "org_left":
            ws.cell(2, 1, f"编制单位：{dept}")
            ws.cell(2, ncol, f"单位：{g.unit}").alignment = Alignment(horizontal="right")
        elif ax["unit_place"] == "under_title":
            ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=ncol)
            ws.cell(2, 1, f"（单位：{g.unit}）").alignment = Alignment(horizontal="center")
        else:
            ws.cell(2, ncol, f"单位：{g.unit}").alignment = Alignment(horizontal="right")
        top = 3
        for h in g.head:
            r, col = top + h.row, 1 + h.col
            if h.span > 1 or h.rows > 1:
                ws.merge_cells(start_row=r, start_column=col, end_row=r + h.rows - 1, end_column=col + h.span - 1)
            cell = ws.cell(r, col, h.text)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.font = Font(bold=ax["bold"] == "heads")
        for r in range(top, top + g.head_rows):
            for col in range(1, ncol + 1):
                ws.cell(r, col).border = box
        truth_at = {(t["row"], t["col"]): t for t in g.truth}
        for i, row in enumerate(g.body):
            r = top + g.head_rows + i
            bold = i in g.bold_rows and ax["bold"] in ("totals", "totals_big")
            for col, cellspec in enumerate(row):
                cell = ws.cell(r, col + 1)
                cell.border = box
                if cellspec is None:
                    continue
                if cellspec.span > 1:
                    ws.merge_cells(start_row=r, start_column=col + 1, end_row=r, end_column=col + cellspec.span)
                t = truth_at.get((i, col))
                if cellspec.kind == "amount" and t is not None and "%" not in t["printed"]:
                    cell.value = float(Decimal(t["value"]))
                    cell.number_format = "0.00" if t.get("measure") == "change_pct" else numfmt
                else:
                    cell.value = cellspec.text
                    cell.number_format = "@"
                h = {"right": "right", "center": "center", "left": "left"}[ax["align"]] if cellspec.kind == "amount" else "left"
                cell.alignment = Alignment(horizontal=h, vertical="center", wrap_text=cellspec.kind in ("name", "text"),
                                           indent=cellspec.indent * 2)
                cell.font = Font(bold=bold, size=11 if (bold and ax["bold"] == "totals_big") else 10)
        if g.note:
            r = top + g.head_rows + len(g.body)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncol)
            ws.cell(r, 1, g.note)
        if g.footnote:
            ws.cell(top + g.head_rows + len(g.body) + 1 + bool(g.note), 1, g.footnote)
        for col, w in enumerate(g.widths, 1):
            kind = g.cols[col - 1]
            ws.column_dimensions[get_column_letter(col)].width = {"name": 34, "code": 9 if w < 10 else 12,
                                                                   "amount": 16, "seq": 6, "text": 14}[kind]
        ws.page_setup.orientation = "landscape" if ax["orientation"] != "portrait" else "portrait"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        if ax["repeat_head"]:
            ws.print_title_rows = f"{top}:{top + g.head_rows - 1}"
        ws.print_options.horizontalCentered = True
    wb.save(xlsx)


def writer(grids: list, ax: dict, dept: str, doc_title: str, path: Path):
    head = ('<html><head><meta charset="utf-8"><style>td,th{font-size:9pt} body{font-family:"WenQuanYi Micro Hei"}</style>'
            "</head><body>")
    out = [head, f'<p align="center" style="font-size:20pt"><b>{html.escape(doc_title)}</b></p>']
    for n, g in enumerate(grids, 1):
        brk = ' style="page-break-before: always"' if (ax["per_page"] or n == 1) else ""
        out.append(f'<p align="center"{brk}><b><span style="font-size:14pt">{html.escape(_title(g, n, ax))}</span></b></p>')
        if ax["unit_place"] == "under_title":
            out.append(f'<p align="center">（单位：{g.unit}）</p>')
        elif ax["unit_place"] == "org_left":
            out.append(f'<p>编制单位：{html.escape(dept)}{FW * 12}单位：{g.unit}</p>')
        else:
            out.append(f'<p align="right">单位：{g.unit}</p>')
        out.append('<table border="1" cellspacing="0" cellpadding="3" width="100%">')
        out.append("<thead>" if ax["repeat_head"] else "<tbody>")
        for r in range(g.head_rows):
            cells = "".join(f'<th colspan="{h.span}" rowspan="{h.rows}">{html.escape(h.text)}</th>'
                            for h in sorted(g.head, key=lambda h: h.col) if h.row == r)
            out.append(f"<tr>{cells}</tr>")
        out.append("</thead><tbody>" if ax["repeat_head"] else "")
        for i, row in enumerate(g.body):
            bold = i in g.bold_rows and ax["bold"] in ("totals", "totals_big")
            tds = []
            covered = {k for j, c in enumerate(row) if c is not None for k in range(j + 1, j + c.span)}
            for j, c in enumerate(row):
                if j in covered:
                    continue
                if c is None:
                    tds.append("<td></td>")
                    continue
                al = ax["align"] if c.kind == "amount" else "left"
                txt = html.escape(c.text)
                if c.indent:
                    txt = "&nbsp;" * (4 * c.indent) + txt
                span = f' colspan="{c.span}"' if c.span > 1 else ""
                tds.append(f'<td align="{al}"{span}>{"<b>" + txt + "</b>" if bold else txt}</td>')
            out.append("<tr>" + "".join(tds) + "</tr>")
        if g.note:
            out.append(f'<tr><td colspan="{len(g.cols)}" align="center">{html.escape(g.note)}</td></tr>')
        out.append("</tbody></table>")
        if g.footnote:
            out.append(f"<p>{html.escape(g.footnote)}</p>")
    out.append("</body></html>")
    path.write_text("\n".join(out), encoding="utf-8")


def _pages_of(pdf: Path, grids: list, ax: dict) -> int:
    """Set each grid's and truth amount's pages from where the titles are printed."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    texts = ["".join(doc[i].get_textpage().get_text_range().split()) for i in range(len(doc))]
    n_pages = len(doc)
    doc.close()
    starts, p = [], 0
    for n, g in enumerate(grids, 1):
        want = "".join(_title(g, n, ax).split())
        q = p
        while q < n_pages and want not in texts[q]:
            q += 1
        if q == n_pages:
            raise RuntimeError(f"title {want} not found in {pdf}")
        starts.append(q)
        p = q
    for k, g in enumerate(grids):
        end = starts[k + 1] if k + 1 < len(grids) else n_pages - 1
        if k + 1 < len(grids) and (ax["producer"] == "calc" or ax["per_page"]) and end > starts[k]:
            end -= 1  # a sheet (or a table after a page break) starts a page of its own
        g.pages = list(range(starts[k] + 1, end + 2))
        for t in g.truth:
            t["pages"] = g.pages
    return n_pages


def source(grids: list, ax: dict, dept: str, doc_title: str, folder: Path, stem: str) -> tuple[Path, str]:
    """Write the document LibreOffice will export (an .xlsx for Calc, an .html for Writer) into
    `folder`; returns (its path, the export filter)."""
    if ax["producer"] == "calc":
        src = folder / (stem + ".xlsx")
        calc(grids, ax, dept, src)
        return src, "calc_pdf_Export"
    src = folder / (stem + ".html")
    writer(grids, ax, dept, doc_title, src)
    return src, "writer_pdf_Export"


def convert_many(srcs: list[Path], outdir: Path, filt: str, profile: str = "", stall: float = 180.0) \
        -> tuple[dict[Path, Path], list[Path]]:
    """Export many sources of one filter in LibreOffice runs (its start-up, several seconds, paid once a
    run, not once a file); returns ({source: PDF made}, [sources LibreOffice hangs on]). LibreOffice
    converts in the order given: when no new PDF appears for `stall` seconds, the run is killed, the
    first source without its PDF is the one it hangs on (U020-00175 and U020-00686 of seed 20: Writer
    never returns on them), and the rest go on in a new run. A PDF already in `outdir` (an earlier,
    interrupted run) is taken as made. Runs at the same time need different `profile` names
    (LibreOffice's user folder cannot be shared)."""
    import time

    prof = Path(tempfile.gettempdir()) / f"unseen-lo-many-{os.getpid()}-{profile or filt}"
    made: dict[Path, Path] = {}
    hung: list[Path] = []

    def done(s: Path) -> bool:
        out = outdir / (s.stem + ".pdf")
        if s not in made and out.exists() and out.stat().st_size > 0:
            made[s] = out
        return s in made

    while True:
        todo = [s for s in srcs if not done(s) and s not in hung]
        if not todo:
            return made, hung
        cmd = [soffice(), "--headless", "--norestore", f"-env:UserInstallation=file://{prof}",
               "--convert-to", f"pdf:{filt}", "--outdir", str(outdir), *map(str, todo)]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        count, last = 0, time.monotonic()
        while proc.poll() is None:
            try:
                proc.wait(timeout=2)  # back as soon as LibreOffice is done (a sleep cost up to 2 s a run)
            except subprocess.TimeoutExpired:
                pass
            now = sum(1 for s in todo if done(s))
            if now != count:
                count, last = now, time.monotonic()
            elif time.monotonic() - last > stall:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                shutil.rmtree(prof, ignore_errors=True)
                hung.append(next(s for s in todo if not done(s)))
                break
        else:
            for s in todo:
                done(s)
            if any(s not in made for s in todo):  # (finished without a PDF of these: LibreOffice refused them)
                hung += [s for s in todo if s not in made]


def place(made: Path, pdf: Path, grids: list, ax: dict) -> int:
    """Move the exported PDF to `pdf` and set each grid's pages from it; returns its page count."""
    shutil.move(str(made), pdf)
    return _pages_of(pdf, grids, ax)


def render(grids: list, ax: dict, dept: str, year: int, kind: str, pdf: Path, doc_title: str) -> int:
    """Write `pdf` through LibreOffice (ax['producer'] calc or writer); returns its page count."""
    if soffice() is None:
        raise RuntimeError("LibreOffice (soffice) is not on PATH")
    with tempfile.TemporaryDirectory(prefix="unseen-") as tmp:
        tmp = Path(tmp)
        src, filt = source(grids, ax, dept, doc_title, tmp, pdf.stem)
        made, _ = convert_many([src], tmp, filt)
        if src not in made:
            raise RuntimeError(f"LibreOffice made no PDF of {src} (it hangs on it, or refused it)")
        return place(made[src], pdf, grids, ax)
