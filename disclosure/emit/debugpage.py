"""`disclosure debug FILE --page N -o page.png`: one PDF page drawn with what each stage saw on it,
in the spirit of pdfplumber's `page.to_image().debug_tablefinder()` (issue #17).

Layers, from the bottom up (colours in LEGEND):
- the page itself (pdfium render, grey, turned as OCR turned it);
- characters: every character box the text layer gives (pypdfium2 through the project's reader;
  on a page read by OCR, the characters of the lines and cells OCR read);
- ruling: the page's edges (lines and rectangle sides) the table finder works on;
- finder cells: the cells pdfplumber's table finder makes of that ruling, before the project's
  lattice repairs (sliver rows and columns joined, regions cut at titles, …);
- cells: the cells of every grid the reader built (after the lattice repairs, aligned grids
  included), and the grid's own box;
- grid: the row and column lines of each grid's lattice (the cuts between its rows and columns);
- rows and columns the structure stage chose: each table row's box with its label (TN rI: table
  N, row I, its side's initial) and
  each value column's extent (the union of its values' boxes).
"""
from __future__ import annotations

from pathlib import Path

from disclosure.model import Box, Grid, RawDocument, TextLine

DEBUG_SCALE = 2.0
LEGEND = {
    "characters": (120, 160, 220),
    "ruling": (220, 30, 30),
    "finder cells": (230, 190, 0),
    "cells": (30, 150, 60),
    "grid": (0, 170, 170),
    "rows": (240, 140, 0),
    "columns": (180, 0, 180),
    "text lines": (150, 150, 150),
}


def _rect(draw, box, k: float, colour, width: int = 1, fill=None) -> None:
    x0, top, x1, bottom = box
    if x1 < x0 or bottom < top:
        return
    draw.rectangle([x0 * k, top * k, x1 * k, bottom * k], outline=colour, width=width, fill=fill)


def _text_layer(path: Path, number: int) -> tuple[list[dict], list[dict], list[tuple]]:
    """The characters and ruling edges of page `number` as the project's pdfium reader gives them
    (pdfplumber's dicts: x0, top, x1, bottom in points), and the cells (x0, top, x1, bottom) of
    pdfplumber's table finder on those edges. ([], [], []) when pdfium cannot read the page."""
    from disclosure.extract.pdfium_reader import PdfiumDocument

    doc = PdfiumDocument(path)
    try:
        for i, page, _, _ in doc.pages():
            if i != number:
                if not isinstance(page, Exception):
                    page.close()
                continue
            if isinstance(page, Exception):
                return [], [], []
            try:
                return list(page.chars), list(page.edges), [c for t in page.find_tables() for c in t.cells]
            finally:
                page.close()
    finally:
        doc.close()
    return [], [], []


def _lattice(g: Grid) -> tuple[list[float], list[float]]:
    """The y of each cut between a grid's rows and the x of each cut between its columns, from its
    cells (a cell's top starts its row, its x0 its column)."""
    tops: dict[int, float] = {}
    lefts: dict[int, float] = {}
    for c in g.cells:
        if c.box is None:
            continue
        tops[c.row] = min(tops.get(c.row, c.box.top), c.box.top)
        lefts[c.col] = min(lefts.get(c.col, c.box.x0), c.box.x0)
    return [tops[r] for r in sorted(tops) if r > 0], [lefts[c] for c in sorted(lefts) if c > 0]


def draw(path: str | Path, number: int, scale: float = DEBUG_SCALE, ocr: str = "auto") -> dict:
    """Draw page `number` (1-based) of the PDF at `path` with its layers. Returns {"png": the PNG's
    bytes, and what was drawn: "page", "method", "characters", "edges", "finder_cells", "grids",
    "cells", "rows", "columns", "size": [w, h] pixels} (the caller writes the file: `disclosure
    debug` runs this in a worker under the limits).
    Raises InputError when the file is not a PDF or cannot be read, or the page does not exist."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw

    from disclosure.emit.pageimages import render_page
    from disclosure.extract import read
    from disclosure.extract.errors import InputError
    from disclosure.structure.build import build

    path = Path(path)
    raw: RawDocument = read(path, ocr)
    if raw.source_format != "pdf":
        raise InputError(str(path), f"debug draws PDF pages; this is a {raw.source_format} input")
    if not 1 <= number <= len(raw.pages):
        raise InputError(str(path), f"page {number} out of range: the document has {len(raw.pages)} pages")
    page = raw.pages[number - 1]
    grids = [b for b in page.blocks if isinstance(b, Grid)]
    lines = [b for b in page.blocks if isinstance(b, TextLine)]
    # the grids' cells as read, kept before the structure stage works on the blocks
    cell_boxes = [(c.box.x0, c.box.top, c.box.x1, c.box.bottom) for g in grids for c in g.cells if c.box]
    cuts = [(g.box, *_lattice(g)) for g in grids if g.box is not None]
    grid_boxes = [(g.box.x0, g.box.top, g.box.x1, g.box.bottom) for g in grids if g.box is not None]
    line_boxes = [(ln.box.x0, ln.box.top, ln.box.x1, ln.box.bottom) for ln in lines if ln.box]
    if page.method == "ocr":
        chars, edges, finder = [], [], []
    else:
        chars, edges, finder = _text_layer(path, number)
    doc = build(raw)

    pdf = pdfium.PdfDocument(str(path))
    try:
        grey, _, _ = render_page(pdf, number, {"method": page.method, "ocr": page.ocr}, scale)
    finally:
        pdf.close()
    img = Image.merge("RGB", [grey.point(lambda v: 140 + v * 115 // 255)] * 3)  # the page faded under the layers
    d = ImageDraw.Draw(img, "RGBA")
    k = scale
    for b in line_boxes:
        _rect(d, b, k, LEGEND["text lines"])
    if page.method == "ocr":  # OCR has no character boxes of its own here: its lines and cells stand in
        n_chars = 0
    else:
        for c in chars:
            _rect(d, (c["x0"], c["top"], c["x1"], c["bottom"]), k, LEGEND["characters"])
        n_chars = len(chars)
    for e in edges:
        d.line([e["x0"] * k, e["top"] * k, e["x1"] * k, e["bottom"] * k], fill=LEGEND["ruling"], width=2)
    for b in finder:
        _rect(d, (b[0] + 1.5, b[1] + 1.5, b[2] - 1.5, b[3] - 1.5), k, LEGEND["finder cells"])
    for b in cell_boxes:
        _rect(d, b, k, LEGEND["cells"], fill=(30, 150, 60, 18))
    for b in grid_boxes:
        _rect(d, b, k, LEGEND["cells"], width=3)
    for box, ys, xs in cuts:
        for y in ys:
            _dashed(d, (box.x0 * k, y * k), (box.x1 * k, y * k), LEGEND["grid"])
        for x in xs:
            _dashed(d, (x * k, box.top * k), (x * k, box.bottom * k), LEGEND["grid"])
    n_rows = n_cols = 0
    for t in doc.tables:
        spans: dict[int, Box] = {}
        for r in t.rows:
            if r.box is not None and r.box.page == number:
                _rect(d, (r.box.x0, r.box.top, r.box.x1, r.box.bottom), k, LEGEND["rows"], width=2)
                d.text((r.box.x0 * k + 2, r.box.top * k + 1), f"T{t.index} r{r.index}{r.side[:1]}",
                       fill=LEGEND["rows"])
                n_rows += 1
            for v in r.values:
                if v.box is not None and v.box.page == number:
                    spans[v.column_index] = v.box.union(spans.get(v.column_index))
        for ci, b in spans.items():
            _rect(d, (b.x0 + 1, b.top, b.x1 - 1, b.bottom), k, LEGEND["columns"], width=2)
            d.text((b.x0 * k + 3, b.bottom * k + 2), f"T{t.index} c{ci}", fill=LEGEND["columns"])
            n_cols += 1
    _legend(d, img.size)
    import io

    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=False)
    return {"png": buf.getvalue(), "page": number, "method": page.method, "characters": n_chars, "edges": len(edges),
            "finder_cells": len(finder), "grids": len(grids),
            "cells": len(cell_boxes), "rows": n_rows, "columns": n_cols, "size": list(img.size)}


def _dashed(d, a, b, colour, dash: float = 8.0) -> None:
    (x0, y0), (x1, y1) = a, b
    length = max(abs(x1 - x0), abs(y1 - y0))
    n = max(1, int(length // dash))
    for i in range(0, n, 2):
        f0, f1 = i / n, min(1.0, (i + 1) / n)
        d.line([x0 + (x1 - x0) * f0, y0 + (y1 - y0) * f0, x0 + (x1 - x0) * f1, y0 + (y1 - y0) * f1],
               fill=colour, width=2)


def _legend(d, size) -> None:
    from PIL import ImageFont

    font = ImageFont.load_default(size=14)
    x, y = 8, 6
    for name, colour in LEGEND.items():
        d.rectangle([x, y, x + 14, y + 12], outline=colour, width=3)
        d.text((x + 18, y - 1), name, fill=colour, font=font)
        x += 32 + int(d.textlength(name, font=font))
