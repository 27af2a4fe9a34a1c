"""A disclosure already read (a Document) written again as portals publish it when not as PDF, by
the project's own writers: an .xlsx (one sheet a table), a web page (HTML) and a Word document
(.docx). Used to ship the seed as a spreadsheet and a GBK web page, and by the tests to write every
corpus table in each form and read it back equal to the PDF reading.

- Headers are rebuilt from the tables' column paths (`收入/预算数`): a heading shared by several
  columns merged across them, a heading with no level under it merged down to the last header row;
  the title (with its number) and the 单位 line stand above each table.
- Every amount is a number with the number format that prints it as read (`952.7` with `0.0`,
  `1,234.50` with `#,##0.00`, `(3.00)` with brackets, `12.5%` as a percent, `-` as a zero shown `-`);
  codes and labels stay text.
- The web page and the Word document hold the whole document in reading order: paragraphs (a
  heading as a heading), and the tables where they are printed.

    python samples/make_office.py [SOURCE] [TARGET_DIR]     # the seed: .xlsx and a GBK .html

Needs openpyxl (pip install -e '.[office]').
"""
from __future__ import annotations

import html
import re
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from samples.layouts.render_copies import _number_and_format  # noqa: E402

_NUMBER = re.compile(r"^\(?-?[\d,]*\d(\.\d+)?\)?%?$")


def header_cells(columns: list[str]) -> tuple[list[tuple[str, int, int, int, int]], int]:
    """(text, row, col, rowspan, colspan) of the header cells the column paths make, and its depth."""
    paths = [tuple(p.split("/")) if p else ("",) for p in columns]
    depth = max((len(p) for p in paths), default=0)
    cells = []
    for level in range(depth):
        k = 0
        while k < len(paths):
            p = paths[k]
            if level >= len(p):
                k += 1
                continue
            leaf = level == len(p) - 1
            j = k + 1
            if not leaf:
                while j < len(paths) and len(paths[j]) > level + 1 and paths[j][:level + 1] == p[:level + 1]:
                    j += 1
            else:  # columns with the same path were one cell over them
                while j < len(paths) and paths[j] == p:
                    j += 1
            cells.append((p[level], level, k, depth - level if leaf else 1, j - k))
            k = j
    return cells, depth


def table_header(t) -> tuple[list[tuple[str, int, int, int, int]], int]:
    """The header cells to print for table t: from its column paths; a form-like 绩效目标表 (项目名称,
    资金 and 总体目标 rows above its 一级指标 row) from its header rows as printed, a text printed once
    over the blanks after it merged across them (not in the last row, which names the columns one by one)."""
    if t.type != "performance_targets" or not t.header_rows:
        return header_cells(t.columns)
    cells = []
    last = len(t.header_rows) - 1
    for r, row in enumerate(t.header_rows):
        k = 0
        while k < len(row):
            j = k + 1
            if r < last and row[k].strip():
                while j < len(row) and not row[j].strip():
                    j += 1
            if row[k].strip():
                cells.append((row[k], r, k, 1, j - k))
            k = j
    return cells, len(t.header_rows)


def _amount_columns(t) -> set[int]:
    return {v.column_index for r in t.rows for v in r.values}


def body_spans(t, row: list[str]) -> list[tuple[int, int]]:
    """(start, colspan) of each printed cell of a body row: a label (not a code) followed by blanks in
    the label columns was one cell across them (合计 over the code and name columns)."""
    amounts = _amount_columns(t)
    out, k = [], 0
    while k < len(row):
        j = k + 1
        text = row[k].strip()
        if text and k not in amounts and not re.fullmatch(r"[\d\s]+", text):
            while j < len(row) and j not in amounts and not row[j].strip():
                j += 1
        out.append((k, j - k))
        k = j
    return out


def _printable(t) -> bool:
    return bool(t.columns) and bool(t.body)


def _note(t) -> str:
    """The notes printed under a table (the reader's own remarks, in English, are not printed)."""
    return "；".join(n for n in t.note.split("；") if re.search(r"[\u4e00-\u9fff]", n))


def _heading(t) -> list[str]:
    if "continues the table before it" in t.note:
        return []  # printed under the table before it, without a title of its own
    title = t.title_printed or t.title
    printed_number = t.number and re.sub(r"\s", "", title).startswith(re.sub(r"\s", "", t.number))
    lines = [title if printed_number else f"{t.number} {title}".strip()]
    if t.unit:
        lines.append(f"单位：{t.unit}")
    return [ln for ln in lines if ln]


def xlsx(doc, path: Path) -> Path:
    """Every table of `doc` with a header and a body as a sheet of an .xlsx at `path`."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for t in doc.tables:
        if not _printable(t):
            continue
        ws = wb.create_sheet(f"表{t.index}")
        n = len(t.columns)
        r = 1
        for line in _heading(t):
            ws.cell(r, 1, line)
            if n > 1:
                ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n)
            r += 1
        cells, depth = table_header(t)
        for text, row, col, rs, cs in cells:
            ws.cell(r + row, col + 1, text)
            if rs > 1 or cs > 1:
                ws.merge_cells(start_row=r + row, start_column=col + 1, end_row=r + row + rs - 1,
                               end_column=col + cs)
        r += depth
        amounts = _amount_columns(t)
        for row in t.body:
            for k, span in body_spans(t, row):
                text = row[k]
                if span > 1:
                    ws.merge_cells(start_row=r, start_column=k + 1, end_row=r, end_column=k + span)
                cell = ws.cell(r, k + 1)
                num = _number_and_format(text) if k in amounts and _NUMBER.match(text.strip() or "x") \
                    or text.strip() in ("-", "—") and k in amounts else None
                if num is None:
                    cell.value = text
                    cell.data_type = "s"  # =1个 is text, not a formula
                else:
                    cell.value, cell.number_format = num
            r += 1
        if _note(t):
            ws.cell(r, 1, _note(t))
    if not wb.worksheets:
        wb.create_sheet("表1")
    wb.save(path)
    return path


def _items(doc):
    """Paragraphs and tables in reading order."""
    items = [((p.page or 0, p.box.top if p.box else 0, 0), p) for p in doc.paragraphs]
    items += [((t.pages[0] if t.pages else 0, t.box.top if t.box else 0, 1), t) for t in doc.tables]
    return [x for _, x in sorted(items, key=lambda it: it[0])]


def _rows(t) -> list[list[tuple[str, int, int, bool]]]:
    """Header and body rows as (text, rowspan, colspan, header?) in reading order, covered slots left out."""
    cells, depth = table_header(t)
    rows: list[list[tuple[str, int, int, bool]]] = [[] for _ in range(depth)]
    for text, row, col, rs, cs in sorted(cells, key=lambda c: (c[1], c[2])):
        rows[row].append((text, rs, cs, True))
    rows += [[(r[k], 1, span, False) for k, span in body_spans(t, r)] for r in t.body]
    return rows


def page(doc, path: Path, charset: str = "utf-8") -> Path:
    """`doc` as one web page in `charset`, with a site's breadcrumb, script and footer around it."""
    parts = [f'<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
             f"<title>{html.escape(doc.title)}</title><script>var share = 1;</script></head><body>"
             '<div class="breadcrumb">首页 &gt; 政务公开 &gt; 部门预决算公开</div>']
    for x in _items(doc):
        if hasattr(x, "section_path"):
            tag = ("h2" if not x.section_path else "h3") if x.kind == "heading" else "p"
            parts.append(f"<{tag}>{html.escape(x.text)}</{tag}>")
            continue
        if not _printable(x):
            continue
        parts += [f"<p>{html.escape(line)}</p>" for line in _heading(x)]
        rows = []
        for row in _rows(x):
            tds = []
            for text, rs, cs, head in row:
                tag = "th" if head else "td"
                span = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
                tds.append(f"<{tag}{span}>{html.escape(text).replace(chr(10), '<br>')}</{tag}>")
            rows.append("<tr>" + "".join(tds) + "</tr>")
        parts.append('<table border="1">' + "".join(rows) + "</table>")
        if _note(x):
            parts.append(f"<p>{html.escape(_note(x))}</p>")
    parts.append('<div class="footer">主办单位 版权所有</div></body></html>')
    path.write_bytes("".join(parts).encode(charset, errors="xmlcharrefreplace"))
    return path


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _wp(text: str, level: int = 0) -> str:
    """A paragraph; a line break in the text as Word's <w:br/>."""
    ppr = f'<w:pPr><w:outlineLvl w:val="{level - 1}"/></w:pPr>' if level else ""
    runs = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in text.split("\n"))
    return f"<w:p>{ppr}<w:r>{runs}</w:r></w:p>"


def docx(doc, path: Path) -> Path:
    """`doc` as a .docx: paragraphs (headings with their outline level) and tables (gridSpan across,
    vMerge down), written as Word's XML without any library."""
    body = []
    for x in _items(doc):
        if hasattr(x, "section_path"):
            body.append(_wp(x.text, (1 if not x.section_path else 2) if x.kind == "heading" else 0))
            continue
        if not _printable(x):
            continue
        body += [_wp(line) for line in _heading(x)]
        n = len(x.columns)
        cells, depth = table_header(x)
        grid: list[list[str | None]] = [[None] * n for _ in range(depth)]
        for text, row, col, rs, cs in cells:
            span = f'<w:gridSpan w:val="{cs}"/>' if cs > 1 else ""
            down = '<w:vMerge w:val="restart"/>' if rs > 1 else ""
            grid[row][col] = f"<w:tc><w:tcPr>{span}{down}</w:tcPr>{_wp(text)}</w:tc>"
            for rr in range(row + 1, row + rs):
                grid[rr][col] = f'<w:tc><w:tcPr>{span}<w:vMerge/></w:tcPr><w:p/></w:tc>'
            for cc in range(col + 1, col + cs):
                for rr in range(row, row + rs):
                    grid[rr][cc] = ""
        rows = ["<w:tr>" + "".join(c if c is not None else "<w:tc><w:p/></w:tc>" for c in r) + "</w:tr>" for r in grid]
        for r in x.body:
            tcs = [f'<w:tc><w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>{_wp(r[k])}</w:tc>' if span > 1 else
                   f"<w:tc>{_wp(r[k])}</w:tc>" for k, span in body_spans(x, r)]
            rows.append("<w:tr>" + "".join(tcs) + "</w:tr>")
        cols = "".join('<w:gridCol w:w="1200"/>' for _ in range(n))
        body.append(f"<w:tbl><w:tblGrid>{cols}</w:tblGrid>{''.join(rows)}</w:tbl>")
        if _note(x):
            body.append(_wp(_note(x)))
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_W}><w:body>'
                f'{"".join(body)}<w:sectPr/></w:body></w:document>')
    types = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
             'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
             'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
             '"/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
             'document.main+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/document.xml", document)
    return path


def main() -> None:
    from disclosure.pipeline import extract

    src = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "samples" / "kashgar-2021-budget.txt"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "samples"
    doc = extract(src)
    print(xlsx(doc, out / f"{src.stem}.xlsx"))
    print(page(doc, out / f"{src.stem}.html", "gbk"))


if __name__ == "__main__":
    main()
