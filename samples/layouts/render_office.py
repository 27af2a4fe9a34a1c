"""Print a generated disclosure through LibreOffice, as most offices publish them.

- Writer (flat ODF text, .fodt): running text and tables that flow over pages as Word documents
  do, with the header rows repeated on each page or printed only once, ruled fully or with
  horizontal rules only, on portrait or landscape pages.
- Calc (flat ODF spreadsheet, .fods): one sheet a table, the title, 部门 and 单位 rows above the
  header in unruled cells, exported page by page with the spreadsheet's own cell padding.

`convert(paths)` runs `soffice --headless --convert-to pdf` once for many files (LibreOffice
starts in seconds, converts in milliseconds). Needs LibreOffice (Debian: libreoffice-writer-nogui,
libreoffice-calc-nogui) and a CJK font (fonts-wqy-microhei or fonts-noto-cjk).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

from samples.layouts.tables import Table

FONT = "WenQuanYi Micro Hei"
NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
      'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" office:version="1.2"')
BORDER = "0.5pt solid #000000"


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _page(orientation: str, fit_width: bool = False) -> tuple[str, float]:
    """The page layout element and the usable width in cm. `fit_width` (Calc): every sheet scaled
    to the page's width, as an office prints a wide table."""
    w, h = (29.7, 21.0) if orientation == "landscape" else (21.0, 29.7)
    scale = 'style:scale-to-X="1" style:scale-to-Y="0" ' if fit_width else ""
    return (f'<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="{w}cm" '
            f'fo:page-height="{h}cm" style:print-orientation="{orientation}" {scale}fo:margin-top="1.8cm" '
            f'fo:margin-bottom="1.6cm" fo:margin-left="1.8cm" fo:margin-right="1.8cm"/>'
            f'<style:footer-style/></style:page-layout>', w - 3.6)


def _cell_styles(ruling: str, size: float) -> str:
    """Cell styles C (left), CR (right), CM (centred) with the ruling's borders; N: no border.
    Calc aligns by the cell's paragraph properties, Writer by the paragraph's style: both are set."""
    if ruling == "full":
        props = f'fo:border="{BORDER}"'
    elif ruling == "horizontal":
        props = f'fo:border-top="{BORDER}" fo:border-bottom="{BORDER}" fo:border-left="none" fo:border-right="none"'
    else:
        props = 'fo:border="none"'
    out = []
    # labels and headings wrap in their cells; codes and amounts do not (a spreadsheet shows them whole)
    for name, align, wrap in (("C", "start", "wrap"), ("CR", "end", "no-wrap"), ("CM", "center", "wrap"),
                              ("CC", "start", "no-wrap")):
        out.append(f'<style:style style:name="{name}" style:family="table-cell"><style:table-cell-properties {props} '
                   f'fo:padding="0.06cm" style:vertical-align="middle" fo:wrap-option="{wrap}"/>'
                   f'<style:paragraph-properties fo:text-align="{align}"/>{_text_props(size)}</style:style>')
    out.append('<style:style style:name="N" style:family="table-cell"><style:table-cell-properties fo:border="none" '
               f'fo:padding="0.06cm"/>{_text_props(size)}</style:style>')
    return "".join(out)


def _text_props(size: float) -> str:
    """Calc takes a cell's font from its cell style, not the paragraph defaults."""
    return (f'<style:text-properties style:font-name="{FONT}" style:font-name-asian="{FONT}" fo:font-size="{size}pt" '
            f'style:font-size-asian="{size}pt"/>')


_PARA = ('<style:style style:name="L" style:family="paragraph"><style:paragraph-properties fo:text-align="start"/>'
         '</style:style><style:style style:name="R" style:family="paragraph"><style:paragraph-properties '
         'fo:text-align="end"/></style:style><style:style style:name="M" style:family="paragraph">'
         '<style:paragraph-properties fo:text-align="center"/></style:style>'
         '<style:style style:name="H" style:family="paragraph"><style:paragraph-properties fo:text-align="center" '
         'fo:margin-top="0.3cm" fo:margin-bottom="0.2cm"/><style:text-properties fo:font-size="15pt" '
         'style:font-size-asian="15pt" fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>'
         '<style:style style:name="B" style:family="paragraph"><style:paragraph-properties fo:break-before="page"/>'
         '</style:style>')


def _defaults(size: float) -> str:
    return (f'<office:font-face-decls><style:font-face style:name="{FONT}" svg:font-family="&apos;{FONT}&apos;"/>'
            f'</office:font-face-decls><office:styles><style:default-style style:family="paragraph">'
            f'<style:text-properties style:font-name="{FONT}" style:font-name-asian="{FONT}" fo:font-size="{size}pt" '
            f'style:font-size-asian="{size}pt"/></style:default-style></office:styles>')


def _p(text: str, style: str = "L") -> str:
    lines = text.split("\n")
    return f'<text:p text:style-name="{style}">' + "<text:line-break/>".join(escape(x) for x in lines) + "</text:p>"


def _rows_xml(t: Table, repeat: bool) -> str:
    cells, depth = t.header()
    n = t.n_cols
    grid: list[list[str | None]] = [[None] * n for _ in range(depth)]
    for c in cells:
        align = "M"
        span = f' table:number-columns-spanned="{c.colspan}" table:number-rows-spanned="{c.rowspan}"'
        grid[c.row][c.col] = (f'<table:table-cell table:style-name="CM" office:value-type="string"{span}>'
                              f'{_p(c.text, align)}</table:table-cell>')
        for r in range(c.row, c.row + c.rowspan):
            for k in range(c.col, c.col + c.colspan):
                if (r, k) != (c.row, c.col):
                    grid[r][k] = "<table:covered-table-cell/>"
    head = "".join("<table:table-row>" + "".join(x or '<table:table-cell table:style-name="C"/>' for x in row)
                   + "</table:table-row>" for row in grid)
    body = []
    for row in t.body:
        out, k = [], 0
        by_col = {c.col: c for c in row}
        while k < n:
            c = by_col.get(k)
            if c is None:
                out.append('<table:table-cell table:style-name="C"/>')
                k += 1
                continue
            al = {"right": "R", "center": "M"}.get(c.align, "L")
            span = f' table:number-columns-spanned="{c.colspan}"' if c.colspan > 1 else ""
            cs = "CC" if c.role == "code" else {"R": "CR", "M": "CM"}.get(al, "C")
            out.append(f'<table:table-cell table:style-name="{cs}" office:value-type="string"{span}>'
                       f'{_p(c.text, al)}</table:table-cell>' + "<table:covered-table-cell/>" * (c.colspan - 1))
            k += c.colspan
        body.append("<table:table-row>" + "".join(out) + "</table:table-row>")
    if repeat:
        head = f"<table:table-header-rows>{head}</table:table-header-rows>"
    return head + "".join(body)


def _fit(t: Table, usable_cm: float, size: float) -> list[float]:
    """Column widths in cm: codes and amounts as wide as their widest text (an office sizes them so),
    measured with the font's advance widths (CJK full width, digits about half)."""
    pt = 72 / 2.54

    def width_of(text: str) -> float:
        return sum(size * (1.0 if ord(ch) > 0x2E80 else 0.56) for ch in text)

    return [w / pt for w in t.fit(usable_cm * pt, width_of, 0.06 * pt + 1.5)]


def writer(doc, target: Path) -> Path:
    """A .fodt of the document: cover, optional prose, each table with its title, 部门/单位 line and
    note. `doc` is a compose.Doc."""
    lay = doc.office
    page, usable = _page("landscape" if lay["orientation"] == "landscape" else "portrait")
    cols = []
    body = [_p(x, "H") for x in doc.cover] + [_p(p) for p in doc.prose]
    for i, (t, heading) in enumerate(zip(doc.tables, doc.headings)):
        brk = lay["flow"] == "page" or i == 0
        lines = heading.split("\n")
        body.append(_p(lines[0], "B" if brk else "L"))
        body.extend(_p(x, "L") for x in lines[1:])
        body.append(_p(doc.unit_line(t)))
        widths = _fit(t, usable, lay["size"])
        cols.extend(f'<style:style style:name="c{i}_{k}" style:family="table-column"><style:table-column-properties '
                    f'style:column-width="{w:.3f}cm"/></style:style>' for k, w in enumerate(widths))
        cols.append(f'<style:style style:name="t{i}" style:family="table"><style:table-properties '
                    f'style:width="{usable:.3f}cm" table:align="margins"/></style:style>')
        colxml = "".join(f'<table:table-column table:style-name="c{i}_{k}"/>' for k in range(t.n_cols))
        body.append(f'<table:table table:name="T{i}" table:style-name="t{i}">{colxml}'
                    f'{_rows_xml(t, lay["repeat_header"])}</table:table>')
        if t.note:
            body.append(_p(t.note))
    xml = (f'<?xml version="1.0" encoding="UTF-8"?><office:document {NS} '
           f'office:mimetype="application/vnd.oasis.opendocument.text">{_defaults(lay["size"])}'
           f'<office:automatic-styles>{page}{_cell_styles(lay["ruling"], lay["size"])}{_PARA}{"".join(cols)}'
           f'</office:automatic-styles><office:master-styles><style:master-page style:name="Standard" '
           f'style:page-layout-name="pm1"/></office:master-styles><office:body><office:text>{"".join(body)}'
           f'</office:text></office:body></office:document>')
    path = target.with_suffix(".fodt")
    path.write_text(xml, encoding="utf-8")
    return path


def calc(doc, target: Path) -> Path:
    """A .fods of the tables, one sheet a table: title, unit line, header and body."""
    lay = doc.office
    page, usable = _page("landscape" if lay["orientation"] == "landscape" else "portrait", fit_width=True)
    styles, sheets = [], []
    for i, (t, heading) in enumerate(zip(doc.tables, doc.headings)):
        widths = _fit(t, usable, lay["size"])
        styles.extend(f'<style:style style:name="c{i}_{k}" style:family="table-column"><style:table-column-properties '
                      f'style:column-width="{w:.3f}cm"/></style:style>' for k, w in enumerate(widths))
        colxml = "".join(f'<table:table-column table:style-name="c{i}_{k}"/>' for k in range(t.n_cols))
        n = t.n_cols
        top = []
        for line in heading.split("\n") + [doc.unit_line(t)]:
            top.append(f'<table:table-row><table:table-cell table:style-name="N" office:value-type="string" '
                       f'table:number-columns-spanned="{n}">{_p(line, "M" if line == heading.split(chr(10))[-1] else "L")}'
                       f'</table:table-cell>' + "<table:covered-table-cell/>" * (n - 1) + "</table:table-row>")
        note = ""
        if t.note:
            note = (f'<table:table-row><table:table-cell table:style-name="N" office:value-type="string" '
                    f'table:number-columns-spanned="{n}">{_p(t.note)}</table:table-cell>'
                    + "<table:covered-table-cell/>" * (n - 1) + "</table:table-row>")
        sheets.append(f'<table:table table:name="表{i + 1}" table:style-name="ta1">{colxml}{"".join(top)}'
                      f'{_rows_xml(t, lay["repeat_header"])}{note}</table:table>')
    xml = (f'<?xml version="1.0" encoding="UTF-8"?><office:document {NS} '
           f'office:mimetype="application/vnd.oasis.opendocument.spreadsheet">{_defaults(lay["size"])}'
           f'<office:automatic-styles>{page}{_cell_styles(lay["ruling"], lay["size"])}{_PARA}{"".join(styles)}'
           '<style:style style:name="ta1" style:family="table" style:master-page-name="Standard">'
           '<style:table-properties table:display="true"/></style:style></office:automatic-styles>'
           '<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"/>'
           f'</office:master-styles><office:body><office:spreadsheet>{"".join(sheets)}</office:spreadsheet>'
           '</office:body></office:document>')
    path = target.with_suffix(".fods")
    path.write_text(xml, encoding="utf-8")
    return path


def convert(sources: list[Path], outdir: Path, timeout: float = 900, chunk: int = 40) -> list[Path]:
    """Every .fodt/.fods to PDF in `outdir`, in LibreOffice runs of `chunk` files with a profile of
    their own (one long run was seen to stop converting part way); a file missing afterwards is
    tried once more alone. Returns the sources that gave no PDF."""
    exe = soffice()
    if exe is None:
        raise RuntimeError("LibreOffice is not installed (Debian: libreoffice-writer-nogui libreoffice-calc-nogui)")

    def run(batch: list[Path]) -> None:
        with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
            env = dict(os.environ, HOME=profile)
            subprocess.run([exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                            "--convert-to", "pdf", "--outdir", str(outdir), *map(str, batch)],
                           capture_output=True, timeout=timeout, env=env)

    for k in range(0, len(sources), chunk):
        run(sources[k:k + chunk])
    missing = [src for src in sources if not (outdir / (src.stem + ".pdf")).exists()]
    for src in missing:
        run([src])
    return [src for src in missing if not (outdir / (src.stem + ".pdf")).exists()]
