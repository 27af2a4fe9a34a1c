"""Build samples/kashgar-2021-budget.xlsx and samples/kashgar-2021-budget.html from the seed text, as
portals publish the same disclosure when not as PDF:

- the .xlsx: one sheet a table, its number and title and 单位 line in merged rows above the header,
  a header cell printed once over the blanks to its right merged across them, every amount a number
  with the number format that prints it as the seed does (952.7 with `0.0`, 1008.16 with `0.00`);
- the .html: the whole document (paragraphs as <p>, headings as <h2>/<h3>, tables with colspan), in
  GBK as many portal pages are.

    python samples/make_office.py [SOURCE.txt] [TARGET_DIR]

Needs openpyxl (pip install -e '.[office]').
"""
from __future__ import annotations

import html
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from disclosure.pipeline import extract  # noqa: E402
from samples.layouts.render_copies import _number_and_format  # noqa: E402


def _merges(row: list[str]) -> list[tuple[int, int]]:
    """(start, span) of each printed cell of a header row: a text printed once spans the blanks after it."""
    out, k = [], 0
    while k < len(row):
        j = k + 1
        if row[k].strip():
            while j < len(row) and not row[j].strip():
                j += 1
        out.append((k, j - k))
        k = j
    return out


def xlsx(doc, target: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for t in doc.tables:
        if not t.header_rows or not t.body:
            continue
        ws = wb.create_sheet(f"表{t.index}")
        n = len(t.columns)
        r = 1
        for line in (f"{t.number} {t.title_printed}".strip(), f"单位：{t.unit}" if t.unit else ""):
            if not line:
                continue
            ws.cell(r, 1, line)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n)
            r += 1
        for h, row in enumerate(t.header_rows):
            # the last header row names the columns one by one: a blank there is a column of its own
            for k, span in (_merges(row) if h < len(t.header_rows) - 1 else [(k, 1) for k in range(len(row))]):
                ws.cell(r, k + 1, row[k])
                if span > 1:
                    ws.merge_cells(start_row=r, start_column=k + 1, end_row=r, end_column=k + span)
            r += 1
        for row in t.body:
            for k, text in enumerate(row):
                # an amount (a decimal point or thousands separator) as a number; codes stay text
                num = _number_and_format(text) if any(ch in text for ch in ".,") else None
                cell = ws.cell(r, k + 1)
                if num is None:
                    cell.value = text
                    cell.data_type = "s"  # =1个 is text, not a formula
                else:
                    cell.value, cell.number_format = num
            r += 1
    path = target / "kashgar-2021-budget.xlsx"
    wb.save(path)
    return path


def page(doc, target: Path, charset: str = "gbk") -> Path:
    items = [(p.box.top if p.box else 0, 0, p) for p in doc.paragraphs]
    items += [(t.box.top if t.box else 0, 1, t) for t in doc.tables]
    parts = [f'<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
             f"<title>{html.escape(doc.title)}</title><script>var share = 1;</script></head><body>"
             '<div class="breadcrumb">首页 &gt; 政务公开 &gt; 部门预决算公开</div>']
    for _, kind, x in sorted(items, key=lambda it: (it[0], it[1])):
        if kind == 0:
            tag = "h2" if x.kind == "heading" and x.marker and not x.section_path else \
                "h3" if x.kind == "heading" else "p"
            parts.append(f"<{tag}>{html.escape(x.text)}</{tag}>")
            continue
        if not x.header_rows or not x.body:
            continue
        parts.append(f"<p>{html.escape((x.number + ' ' + x.title_printed).strip())}</p>")
        if x.unit:
            parts.append(f"<p>单位：{html.escape(x.unit)}</p>")
        rows = []
        for h, row in enumerate(x.header_rows):
            spans = _merges(row) if h < len(x.header_rows) - 1 else [(k, 1) for k in range(len(row))]
            rows.append("<tr>" + "".join(f'<th colspan="{s}">{html.escape(row[k])}</th>' if s > 1 else
                                         f"<th>{html.escape(row[k])}</th>" for k, s in spans) + "</tr>")
        for row in x.body:
            rows.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>")
        parts.append('<table border="1">' + "".join(rows) + "</table>")
    parts.append('<div class="footer">主办单位 版权所有</div></body></html>')
    path = target / "kashgar-2021-budget.html"
    path.write_bytes("".join(parts).encode(charset, errors="xmlcharrefreplace"))
    return path


def main() -> None:
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "samples" / "kashgar-2021-budget.txt"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "samples"
    doc = extract(src)
    print(xlsx(doc, out))
    print(page(doc, out))


if __name__ == "__main__":
    main()
