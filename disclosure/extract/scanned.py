"""A page read from its image: rendered, turned upright, deskewed, ruling found, characters
recognised, then the same lattice and line functions as the text layer (extract/layout.py), so
the page is the same RawPage of text lines and grids whichever way it was read; tables printed
without ruling are found by the alignment of their text (extract/aligned.py)."""
from __future__ import annotations

import os

from disclosure.extract import aligned, image, layout, ocr, rulings
from disclosure.limits import render_scale
from disclosure.model import RawPage

DPI = 200


def cells_on() -> bool:
    """Whether ruled cells are recognised without detection (extract/ocr_cells.py): the default
    (about half the CPU of a ruled page, issue #15); DISCLOSURE_OCR_CELLS=0 (or off, false, no)
    runs the detector over the whole page instead. Both read the tests' generated scans
    (tests/test_ocr_layouts, tests/test_ocr_unseen) exactly; see the README's OCR section for the
    figures of each."""
    return os.environ.get("DISCLOSURE_OCR_CELLS", "").strip().lower() not in ("0", "off", "false", "no")


def _recognise(gray, dpi: int, horizontal, vertical) -> tuple[list[dict], float, list]:
    """Characters of the page image (ocr.read), their mean confidence, and the vertical rulings
    left that are rules (without the strokes of stacked characters, ocr._phantoms); with
    cells_on(), the cells of its ruled tables read without detection."""
    cells = []
    if cells_on():
        k = dpi / 72.0
        cells = [tuple(v * k for v in c) for t in rulings.tables(rulings.edges(horizontal, vertical, dpi)) for c in t.cells]
    phantoms: list = []
    chars = ocr.read(gray, dpi, vertical, cells, phantoms)
    mean = sum(c["conf"] for c in chars) / len(chars) if chars else 0.0
    return chars, mean, [v for v in vertical if v not in phantoms]


def read_page(pdfium_page, raw: RawPage, dpi: int = DPI) -> RawPage:
    """Fill `raw` (its triage already decided) from the page image. Raises ocr.OcrUnavailable, and image.TooLarge
    for a page over DISCLOSURE_MAX_PIXELS even under 100 dpi (a lower dpi is used, and noted, when that fits)."""
    ocr.engine()  # fail before rendering when the extra is missing
    scale, note = render_scale(*pdfium_page.get_size(), dpi)
    if not scale:  # the page is too large for DISCLOSURE_MAX_PIXELS at a readable resolution
        raise image.TooLarge(note)
    if note:
        dpi = round(scale * 72)
        raw.notes.append(note)
    gray = image.tint_removed(image.render(pdfium_page, dpi))
    quarter = image.quarter_turn(gray)
    if quarter:
        turned = image.turn(gray, quarter)
        # the ink profile also sees columns of figures in a table without rules: the detector's
        # boxes (lines run across an upright page) confirm the page is on its side
        if ocr.lines_across(turned) > ocr.lines_across(gray):
            gray = turned
        else:
            quarter = 0
    skew = image.skew_angle(gray)
    if skew:
        gray = image.turn(gray, skew)
    horizontal, vertical = rulings.segments(gray, dpi)
    chars, mean, vertical = _recognise(gray, dpi, horizontal, vertical)
    rotation = quarter
    if chars and ocr.upside_down(gray, chars, dpi):
        flipped = image.turn(gray, 180)
        h2, v2 = rulings.segments(flipped, dpi)
        chars2, mean2, v2 = _recognise(flipped, dpi, h2, v2)
        if mean2 >= mean * 0.95:  # kept unless the turned reading is clearly worse
            chars, mean, gray, rotation = chars2, mean2, flipped, (quarter + 180) % 360
            horizontal, vertical = h2, v2
    k = 72.0 / dpi
    raw.width, raw.height = gray.shape[1] * k, gray.shape[0] * k
    for c in chars:
        c["page_number"] = raw.number
    grids = []
    used = [False] * len(chars)
    boxes = []
    for table in rulings.tables(rulings.edges(horizontal, vertical, dpi)):
        g = layout.grid(table, chars, used, raw.number)
        if g is not None:
            grids.append(g)
            boxes.append(table.bbox)
    rest = [c for c, u in zip(chars, used) if not u]
    # the horizontal rules outside the lattices part the rows of a table ruled only across, as
    # the text layer's do (a cell printed '-' under a label is a row, not a label wrapped)
    rules = layout.rules_outside([(y * k, x0 * k, x1 * k) for x0, x1, y in horizontal], boxes)
    borderless, rest, _ = aligned.grids(rest, raw.number, rules)
    grids += borderless
    raw.blocks = sorted(layout.lines(rest, raw.number) + grids, key=lambda b: (b.box.top, b.box.x0))
    raw.method = "ocr"
    raw.ocr = {"engine": ocr.version(), "dpi": dpi, "rotation": rotation, "skew": round(-skew, 2),
               "characters": len(chars), "mean_confidence": round(mean, 4),
               "min_confidence": round(min((c["conf"] for c in chars), default=0.0), 4)}
    if not chars:
        raw.notes.append("OCR found no text on the page")
    return raw
