"""A generated disclosure as a portal publishes it when not as PDF: a spreadsheet (.xlsx, one sheet a
table), a web page (HTML) and a Word document (.docx, through LibreOffice from the Writer copy).

- xlsx (openpyxl): the title, 部门 and 单位 rows above each table in cells merged across it, the
  header rows merged as printed, every amount a number with the number format that prints it as the
  PDF does (`#,##0.00`, `0.00`, `0.00%`, brackets for negatives, "-" for zero).
- html: the cover as <h1>, the prose as <p>, each table's heading and 单位 line as <p>, the table
  with rowspan and colspan, in the charset asked for (utf-8 or gbk).
- docx: the Writer copy (render_office.writer) converted by `soffice --convert-to docx`.

Needs openpyxl for xlsx and LibreOffice for docx.
"""
from __future__ import annotations

import html as _html
import os
import subprocess
import tempfile
from decimal import Decimal
from pathlib import Path

from samples.layouts import render_office


def _number_and_format(text: str) -> tuple[object, str] | None:
    """A printed amount as (number, number format) that prints it again, or None for text."""
    t = text.strip()
    if t in ("-", "—", "－"):
        return 0, '#,##0.00;-#,##0.00;"-"'
    pct = t.endswith("%")
    neg = t.startswith("(") and t.endswith(")")
    core = t.strip("()%").lstrip("-")
    if not core or not all(ch.isdigit() or ch in ",." for ch in core) or not core[0].isdigit():
        return None
    grouping = "," in core
    decimals = len(core.split(".")[1]) if "." in core else 0
    d = Decimal(core.replace(",", ""))
    if t.startswith("-") or neg:
        d = -d
    body = ("#,##0" if grouping else "0") + ("." + "0" * decimals if decimals else "")
    if pct:
        return float(d / 100), body + "%"
    fmt = f"{body};({body})" if neg else body
    value = int(d) if decimals == 0 else float(d)
    return value, fmt


def xlsx(doc, target: Path) -> Path:
    """The tables of `doc` (a compose.Doc) as an .xlsx, one sheet a table: portal.xlsx without a
    quirk."""
    from samples.layouts import portal

    return portal.xlsx(doc, target, "plain")


def _table_html(t) -> str:
    cells, depth = t.header()
    rows: list[list[str]] = [[] for _ in range(depth)]
    for c in sorted(cells, key=lambda c: (c.row, c.col)):
        span = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + (f' colspan="{c.colspan}"' if c.colspan > 1 else "")
        rows[c.row].append(f"<th{span}>{_html.escape(c.text)}</th>")
    out = ["<tr>" + "".join(r) + "</tr>" for r in rows]
    for row in t.body:
        by_col = {c.col: c for c in row}
        tds, k = [], 0
        while k < t.n_cols:
            c = by_col.get(k)
            if c is None:
                tds.append("<td></td>")
                k += 1
                continue
            span = f' colspan="{c.colspan}"' if c.colspan > 1 else ""
            align = ' align="right"' if c.role == "amount" else ""
            tds.append(f"<td{span}{align}>{_html.escape(c.text)}</td>")
            k += c.colspan
        out.append("<tr>" + "".join(tds) + "</tr>")
    return '<table border="1" cellspacing="0">' + "".join(out) + "</table>"


def html(doc, target: Path, charset: str = "utf-8") -> Path:
    """`doc` as one web page: cover, prose, every table under its heading and 单位 line, with a
    navigation bar and a script a portal adds (the reader must drop both)."""
    parts = [f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{_html.escape(" ".join(doc.cover))}'
             '</title><style>td{padding:2px}</style><script>var nav = "首页 > 政务公开";</script></head><body>',
             '<div class="nav"><a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a></div>']
    parts += [f"<h1>{_html.escape(x)}</h1>" for x in doc.cover]
    parts += [f"<p>{_html.escape(p)}</p>" for p in doc.prose]
    for t, heading in zip(doc.tables, doc.headings):
        parts += [f"<p>{_html.escape(x)}</p>" for x in heading.split("\n")]
        parts.append(f"<p>{_html.escape(doc.unit_line(t))}</p>")
        parts.append(_table_html(t))
        if t.note:
            parts.append(f"<p>{_html.escape(t.note)}</p>")
    parts.append('<footer>版权所有 网站标识码</footer></body></html>')
    path = target.with_suffix(".html")
    path.write_bytes("".join(parts).encode(charset))
    return path


def docx(docs: list, outdir: Path, timeout: float = 600) -> list[Path]:
    """Each doc's Writer copy converted to .docx in `outdir` by one LibreOffice run; the paths made."""
    exe = render_office.soffice()
    if exe is None:
        raise RuntimeError("LibreOffice is not installed (Debian: libreoffice-writer-nogui)")
    sources = [render_office.writer(d, outdir / d.id) for d in docs]
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        subprocess.run([exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                        "--convert-to", "docx", "--outdir", str(outdir), *map(str, sources)],
                       capture_output=True, timeout=timeout, env=dict(os.environ, HOME=profile))
    for s in sources:
        s.unlink()
    return [outdir / f"{d.id}.docx" for d in docs if (outdir / f"{d.id}.docx").exists()]
