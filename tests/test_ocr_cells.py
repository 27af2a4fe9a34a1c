"""OCR of ruled cells without detection (issue #15, extract/ocr_cells.py): a drawn table whose
cells hold a line, two lines, a dash, nothing, and an amount printed over a rule; and a scanned
ruled corpus page read to its text layer's line items with the detector shown only what lies
outside the ruling."""
from __future__ import annotations

import sys

import numpy as np
import pytest

from conftest import ROOT, corpus_file, needs
from disclosure import compare, pipeline
from disclosure.extract import ocr, ocr_cells

sys.path.insert(0, str(ROOT / "samples"))
from make_scan import make_scan  # noqa: E402

needs(ocr.available(), f"the OCR extra is not installed ({ocr.INSTALL_HINT})")


def _table():
    """A page image (white, 1000 x 400) with a ruled table of 2 rows x 4 columns (cells 200 x 80
    pixels from (100, 100)), and its cells (x0, top, x1, bottom) in pixels, row by row."""
    import cv2

    img = np.full((400, 1000), 255, np.uint8)
    xs, ys = [100, 300, 500, 700, 900], [100, 180, 260]
    for x in xs:
        cv2.line(img, (x, ys[0]), (x, ys[-1]), 0, 2)
    for y in ys:
        cv2.line(img, (xs[0], y), (xs[-1], y), 0, 2)
    font = cv2.FONT_HERSHEY_SIMPLEX
    cv2.putText(img, "1234.56", (150, 152), font, 0.9, 0, 2)  # one line
    cv2.putText(img, "2021", (360, 135), font, 0.8, 0, 2)  # two lines
    cv2.putText(img, "7788", (360, 165), font, 0.8, 0, 2)
    cv2.line(img, (590, 140), (610, 140), 0, 2)  # a dash
    cv2.putText(img, "951.82", (300 - 60, 232), font, 0.9, 0, 2)  # over the rule at x=300
    cells = [(x0, y0, x1, y1) for y0, y1 in zip(ys, ys[1:]) for x0, x1 in zip(xs, xs[1:])]
    return img, cells


def test_cell_lines_found_and_read():
    img, cells = _table()
    found, left = ocr_cells.lines(img, cells)
    per_cell = {}
    for ln in found:
        per_cell.setdefault(ln.cell, []).append(ln)
    # the amount over the rule (cell 4) and the cell across that rule (5) are left to the detector
    assert left == {4, 5}
    # one line, two lines; the dash (cell 2) and the blank cells have none
    assert sorted((c, len(v)) for c, v in per_cell.items()) == [(0, 1), (1, 2)]
    a, b = sorted(per_cell[1], key=lambda ln: ln.box[1])
    assert a.box[3] < b.box[1]  # the two lines of cell 1, the upper first
    read = ocr_cells.recognise(ocr.engine(), img, [per_cell[0][0], a, b])
    assert [r[1] for r in read] == ["1234.56", "2021", "7788"]
    assert all(r[2] > 0.9 for r in read)
    # word boxes in page pixels, inside the cell
    for (quad, _, _, words), cell in zip(read, [cells[0], cells[1], cells[1]]):
        assert words
        xs = [p[0] for _, _, q in words for p in q]
        assert cell[0] <= min(xs) and max(xs) <= cell[2]


def _by_cell(chars, cells) -> dict[int, str]:
    k = 200 / 72
    out: dict[int, str] = {}
    for c in chars:
        x, y = (c["x0"] + c["x1"]) / 2 * k, (c["top"] + c["bottom"]) / 2 * k
        i = next(i for i, (x0, y0, x1, y1) in enumerate(cells) if x0 < x < x1 and y0 < y < y1)
        out[i] = out.get(i, "") + c["text"]
    return out


def test_read_uses_cells_and_keeps_the_rest():
    """ocr.read with the cells reads the cells' text from the cell lines as the detector alone
    does, the amount over the rule by the detector, in the cell holding most of it (the thin
    drawn 8 under the rule is misread either way: 951.132 or 951.32; the generated scans of
    test_ocr_layouts hold the real cases), the dash as a dash, nothing in the blank cells."""
    img, cells = _table()
    vertical = [(100.0, 260.0, float(x)) for x in (100, 300, 500, 700, 900)]
    by_cells = _by_cell(ocr.read(img, 200, vertical, cells), cells)
    detected = _by_cell(ocr.read(img, 200, vertical), cells)
    assert {i: by_cells[i] for i in (0, 1, 2)} == {i: detected[i] for i in (0, 1, 2)} == \
        {0: "1234.56", 1: "20217788", 2: "-"}
    assert set(by_cells) == set(detected) == {0, 1, 2, 4}
    assert by_cells[4].startswith("951.") and detected[4].startswith("951.")


@pytest.mark.xdist_group("ocr-cells-shengweiban")
def test_ruled_scan_read_by_cells(tmp_path, monkeypatch):
    """A scanned ruled page (shengweiban-2017 p.6: 96 cells) reads as its text layer, and the
    detector sees under a fifth of the page: the rest is recognised cell by cell."""
    src = corpus_file("jiangsu-shengweiban-2017-budget-tables.pdf")
    scan = make_scan(src, tmp_path / "p6.pdf", dpi=200, skew=0.8, pages="6", mixed=True)
    monkeypatch.setenv("DISCLOSURE_OCR_CELLS", "1")  # the default (extract/scanned.cells_on), said here
    eng = ocr.engine()
    seen = []
    real = type(eng).__call__

    def spy(self, img, **kw):
        if kw.get("use_det"):
            seen.append(img.shape[0] * img.shape[1])
        return real(self, img, **kw)

    type(eng).__call__ = spy
    try:
        got = pipeline.extract(scan, ocr="auto")
    finally:
        type(eng).__call__ = real
    page = got.pages[5]
    assert page.method == "ocr"
    import pypdfium2 as pdfium

    w, h = pdfium.PdfDocument(str(scan))[5].get_size()
    assert 0 < sum(seen) < 0.2 * (w * 200 / 72) * (h * 200 / 72)
    ref = pipeline.extract(src, ocr="off")
    ag = compare.agreement(ref, got)
    assert ag.amounts >= 150 and ag.amount_share == 1.0, ag.differences
    assert ag.code_share == 1.0 and ag.name_share == 1.0, ag.differences


def test_engine_threads_sleep_between_calls():
    """The detector's and the recogniser's onnxruntime sessions are made with their worker
    threads sleeping between calls (allow_spinning 0, ocr._load_quiet): spinning threads burn
    the CPU that batch workers share (shengweiban-2017 scan pp.2-5: 3.25 -> 2.40 CPU s/page under
    load), and the models are still RapidOCR's with its graph optimisation."""
    import onnxruntime

    eng = ocr.engine()
    for model in (eng._load_det_model(), eng._load_rec_model()):
        opts = model.session.session.get_session_options()
        assert opts.get_session_config_entry("session.intra_op.allow_spinning") == "0"
        assert opts.graph_optimization_level == onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    # a page still reads: the drawn table's amount through the recogniser of those sessions
    img, cells = _table()
    found, _ = ocr_cells.lines(img, cells)
    assert ocr_cells.recognise(eng, img, found[:1])[0][1] == "1234.56"


def _ruled_amounts(c) -> None:
    """A ruled table of 14 rows x 4 columns (code, name, two amounts) drawn in STSong-Light."""
    xs, top, step = [60, 140, 300, 420, 540], 760, 24
    rows = 14
    for x in xs:
        c.line(x, top, x, top - rows * step)
    for r in range(rows + 1):
        c.line(xs[0], top - r * step, xs[-1], top - r * step)
    c.setFont("STSong-Light", 10)
    for r, (code, name, a, b) in enumerate(_RULED_ROWS):
        y = top - r * step - 16
        for x, text in ((xs[0] + 6, code), (xs[1] + 6, name)):
            c.drawString(x, y, text)
        for x, text in ((xs[3] - 6, a), (xs[4] - 6, b)):
            c.drawRightString(x, y, text)


_RULED_ROWS = [("科目编码", "科目名称", "本年预算", "上年预算")] + [
    (str(code), name, f"{a:,.2f}", f"{b:,.2f}") for code, name, a, b in [
        (201, "一般公共服务支出", 1284.50, 1190.20), (20101, "人大事务", 356.75, 342.10),
        (2010101, "行政运行", 298.40, 287.65), (2010102, "一般行政管理事务", 58.35, 54.45),
        (205, "教育支出", 912.30, 870.05), (20501, "教育管理事务", 912.30, 870.05),
        (208, "社会保障和就业支出", 467.81, 452.90), (20805, "行政事业单位养老支出", 467.81, 452.90),
        (210, "卫生健康支出", 133.26, 128.72), (21011, "行政事业单位医疗", 133.26, 128.72),
        (221, "住房保障支出", 205.64, 199.13), (22102, "住房改革支出", 205.64, 199.13),
        (2210201, "住房公积金", 205.64, 199.13)]]


def test_ruled_page_recognised_in_batches(tmp_path, monkeypatch):
    """With the cells path (DISCLOSURE_OCR_CELLS=1) a scanned ruled table's cells are recognised
    without detection, in batches: the recogniser model is called with batches of many crops (the
    detection path's RapidOCR loop sends at most 6 a call), fewer calls than there are cell
    lines, and the detector sees under a fifth of the page; every amount reads as drawn."""
    from conftest import drawn_pdf

    monkeypatch.setenv("DISCLOSURE_OCR_CELLS", "1")
    src = drawn_pdf(tmp_path / "ruled.pdf", _ruled_amounts)
    scan = make_scan(src, tmp_path / "scan.pdf", dpi=200, skew=0.8)
    eng = ocr.engine()
    rec = eng._load_rec_model()
    session = rec.session
    batches: list[int] = []
    detected: list[int] = []
    real = type(eng).__call__

    class Spy:
        def __call__(self, x, *a, **k):
            batches.append(x.shape[0])
            return session(x, *a, **k)

        def __getattr__(self, attr):
            return getattr(session, attr)

    def det_spy(self, img, **kw):
        if kw.get("use_det"):
            detected.append(img.shape[0] * img.shape[1])
        return real(self, img, **kw)

    rec.session = Spy()
    type(eng).__call__ = det_spy
    try:
        got = pipeline.extract(scan, ocr="auto")
    finally:
        rec.session = session
        type(eng).__call__ = real
    assert got.pages[0].method == "ocr"
    filled = sum(len(row) for row in _RULED_ROWS)  # 56 cells, each one line
    assert sum(batches) >= filled - 4  # (a few cells may go to the detector)
    assert max(batches) > 6 and len(batches) <= filled // 4, batches
    import pypdfium2 as pdfium

    w, h = pdfium.PdfDocument(str(scan))[0].get_size()
    assert sum(detected) < 0.2 * (w * 200 / 72) * (h * 200 / 72)
    read = sorted((r.code, v.amount.printed) for t in got.tables for r in t.rows for v in r.values if v.amount.printed)
    assert read == sorted((code, x) for code, _, a, b in _RULED_ROWS[1:] for x in (a, b))


def test_cells_switch(monkeypatch):
    """Ruled cells are read without detection by default; DISCLOSURE_OCR_CELLS=0 (off, false,
    no) runs the detector over the whole page (extract/scanned.cells_on)."""
    from disclosure.extract import scanned

    monkeypatch.delenv("DISCLOSURE_OCR_CELLS", raising=False)
    assert scanned.cells_on()
    for off in ("0", "off", "False", "no"):
        monkeypatch.setenv("DISCLOSURE_OCR_CELLS", off)
        assert not scanned.cells_on()
    monkeypatch.setenv("DISCLOSURE_OCR_CELLS", "")
    assert scanned.cells_on()
    monkeypatch.setenv("DISCLOSURE_OCR_CELLS", "1")
    assert scanned.cells_on()


def test_thin_glyph_in_a_tight_cell_is_text():
    """A 1 standing 11 of a tight cell's 18 inside pixels, clear of its edges, is text; thin ink
    against an edge or running across the inside is a rule's remnant (ocr_cells._without_rules:
    1,139,943.32 read ,139,943.32 in a tight Calc table)."""
    ink = np.zeros((18, 170), bool)
    ink[4:15, 6:8] = True  # the 1, 11 pixels tall, 4 pixels clear of the left edge
    ink[5:15, 12:18] = True  # a broader glyph beside it
    ink[0:18, 0] = True  # a rule's remnant against the left edge
    ink[3:15, 169] = True  # and one against the right edge, 12 of 18 pixels
    ink[0:17, 90] = True  # a rule running across the inside
    kept = ocr_cells._without_rules(ink)
    assert kept[4:15, 6:8].all() and kept[5:15, 12:18].all()
    assert not kept[:, 0].any() and not kept[:, 169].any() and not kept[:, 90].any()


def test_glyph_parted_at_mid_height_is_one_line():
    """合计 in small type parts at mid-height for a blank row: its halves (7 and 6 pixels, the
    page's usual line 11) are one line, not two each read 合计 (合计计); two lines with their
    leading between them stay two (ocr_cells._same_line)."""
    assert ocr_cells._same_line(261, 268, 269, 275, 11.0)
    assert not ocr_cells._same_line(0, 11, 14, 25, 11.0)
    assert ocr_cells._same_line(0, 6, 8, 13, 11.0)  # 类: 米 over 大, within 1.25 lines


def test_faint_strokes_before_a_line_are_taken_in():
    """一、 blurred to grey (each stroke a speck or nothing at the ink threshold) before the dark
    characters of 本年收入 belong to the line: its box is widened over the 、 and, from there, over
    the 一 (ocr_cells._faint_reach; one step read 、本年收入)."""
    import cv2

    img = np.full((200, 600), 255, np.uint8)
    for x in (100, 500):
        cv2.line(img, (x, 50), (x, 80), 0, 2)
    for y in (50, 80):
        cv2.line(img, (100, y), (500, y), 0, 2)
    img[58:72, 160:200] = 0  # the dark characters, 14 pixels tall
    img[64:66, 112:127] = 170  # 一, grey
    img[67:70, 143:147] = 170  # 、, grey
    found, left = ocr_cells.lines(img, [(100, 50, 500, 80)])
    assert not left and len(found) == 1
    assert 110 <= found[0].box[0] <= 113 and found[0].box[2] == 200


def _flush_table():
    """A page image (white, 1000 x 200) with a tight ruled row of two cells whose light rules (grey
    140, 3 pixels) lie 4 pixels left of the rulings' centre lines given as the cells, each cell's
    amount set flush left, its first 1 two pixels from the rule's blur (a Calc table set left in
    tight rows, samples/unseen U001-00015 p.3)."""
    import cv2

    img = np.full((200, 1000), 255, np.uint8)
    for x in (100, 400, 700):
        img[52:85, x - 1:x + 2] = 140
    for y in (53, 84):
        img[y - 1:y + 2, 100:701] = 140
    font = cv2.FONT_HERSHEY_SIMPLEX
    cv2.putText(img, "11,035,650", (104, 78), font, 0.9, 0, 2)
    cv2.putText(img, "2,509,334", (404, 78), font, 0.9, 0, 2)
    img = cv2.GaussianBlur(img, (3, 3), 0)
    return img, [(104, 53, 400, 84), (404, 53, 700, 84)]


def test_glyph_flush_against_a_rule_off_its_centre_line_is_read_whole():
    """The cell's inside starts past its rule's own ink (columns faint over the height between
    its rules, ocr_cells._rule_side), not at the ruling's centre line 4 pixels inside it, so the 1
    set flush there is not cut as a rule's remnant (11,035,650 read 1,035,650); a line set flush
    against its rule with nothing beyond the rule is read in its cell (ocr_cells._flush), where
    the detector read the rule into it (L1,035,650)."""
    img, cells = _flush_table()
    assert ocr_cells._rule_side(img, 104, 53, 400, 84)[0] in (102, 103)
    found, left = ocr_cells.lines(img, cells)
    assert not left and sorted(ln.cell for ln in found) == [0, 1]
    vertical = [(53.0, 84.0, float(x)) for x in (104, 404, 700)]
    assert _by_cell(ocr.read(img, 200, vertical, cells), cells) == {0: "11,035,650", 1: "2,509,334"}


def test_detector_runs_only_outside_the_ruled_cells(tmp_path, monkeypatch):
    """With the cells path (DISCLOSURE_OCR_CELLS=1) the detector is run once per band of ink left outside the ruled cells
    (ocr_cells.rest, ocr_cells.bands) and never over the table: the calls are counted, and their
    regions cover under 5% of the table's box; with DISCLOSURE_OCR_CELLS=0 one call sees the
    whole page."""
    from conftest import drawn_pdf
    from disclosure.extract import scanned

    def titled(c):
        c.setFont("STSong-Light", 14)
        c.drawString(60, 790, "2019年一般公共预算支出表")  # above the table: the detector reads it
        _ruled_amounts(c)

    src = drawn_pdf(tmp_path / "ruled.pdf", titled)
    scan = make_scan(src, tmp_path / "scan.pdf", dpi=200, skew=0.8)
    eng = ocr.engine()
    real_call, real_bands, real_read = type(eng).__call__, ocr_cells.bands, ocr.read
    calls: list[tuple[int, int]] = []
    regions: list[tuple[int, int, int, int]] = []
    seen: list[tuple] = []

    def det_spy(self, img, **kw):
        if kw.get("use_det"):
            calls.append(img.shape[:2])
        return real_call(self, img, **kw)

    def bands_spy(img, *a, **k):
        out = real_bands(img, *a, **k)
        regions.extend(out)
        return out

    def read_spy(gray, dpi, vertical=(), cells=(), phantoms=None):
        seen.append((gray.shape, list(cells)))
        return real_read(gray, dpi, vertical, cells, phantoms)

    monkeypatch.setattr(ocr_cells, "bands", bands_spy)
    monkeypatch.setattr(ocr, "read", read_spy)
    monkeypatch.setattr(type(eng), "__call__", det_spy)
    for env in ("1", "0"):
        monkeypatch.setenv("DISCLOSURE_OCR_CELLS", env)
        calls.clear(), regions.clear(), seen.clear()
        got = pipeline.extract(scan, ocr="auto")
        assert got.pages[0].method == "ocr" and len(seen) == 1
        shape, cells = seen[0]
        if env == "0":
            assert not cells and calls == [shape]  # the whole page, once
            continue
        assert scanned.cells_on() and len(cells) >= 56
        assert 0 < len(calls) == len(regions)  # one detector call per band (the title's), none over the page
        assert any("一般公共预算支出表" in t.title_printed.replace(" ", "") for t in got.tables), [t.title_printed for t in got.tables]
        x0, top = min(c[0] for c in cells), min(c[1] for c in cells)
        x1, bottom = max(c[2] for c in cells), max(c[3] for c in cells)
        over = sum(max(0, min(x1, b[2]) - max(x0, b[0])) * max(0, min(bottom, b[3]) - max(top, b[1])) for b in regions)
        assert over < 0.05 * (x1 - x0) * (bottom - top), (regions, (x0, top, x1, bottom))


def test_crops_batched_by_width_with_little_padding():
    """Crops are batched in width order, a batch closed before taking a crop that would pad it
    by more than a tenth of its columns, and at BATCH crops (ocr_cells._batches); a crop under
    the 48-pixel square counts as the square the recogniser pads it to."""
    assert ocr_cells._batches([1.0, 5.0, 5.2, 5.3, 9.0, 2.0, 2.1, 0.5]) == [[7, 0], [5, 6], [1, 2, 3], [4]]
    assert ocr_cells._batches([3.0] * 20) == [list(range(16)), list(range(16, 20))]
    assert ocr_cells._batches([]) == []


def test_crop_margins_half_the_height_above_and_below():
    """A cell line's crop has half the line's height of white above and below and a quarter either
    side, at least 4 pixels, white past the cell's inside (ocr_cells.crop): the recogniser scales
    it to 48 pixels high, so its cost follows width / height."""
    gray = np.full((100, 300), 255, np.uint8)
    gray[40:60, 50:150] = 0
    img, quad = ocr_cells.crop(gray, ocr_cells.Line(0, (50, 40, 150, 60), (20, 35, 280, 65)))
    assert img.shape == (40, 110, 3)
    assert quad == [[45, 30], [155, 30], [155, 70], [45, 70]]
    assert (img[:5] == 255).all() and (img[-5:] == 255).all()  # past the inside (35..65): white
    assert (img[10:30, 5:105] == 0).all()
    small, q = ocr_cells.crop(gray, ocr_cells.Line(0, (50, 40, 150, 46), (20, 35, 280, 65)))
    assert small.shape == (14, 108, 3) and q[0] == [46, 36]


def test_rule_through_a_glyph_repainted_as_its_strokes():
    """A vertical rule running through a character (ocr._bridge): in a row where a stroke meets
    the rule from both sides the rule's columns carry the stroke's grey across; in a row with ink
    on one side only (a stroke ending at the rule) and in blank rows they are white. Whitened
    whole, the rule took the crossed part of the character with it (834.82 read 834.8,
    tests/test_ocr_layouts [37])."""
    gray = np.full((10, 20), 255, dtype=np.uint8)
    gray[:, 9:12] = 0  # the rule, columns 9-11
    gray[3, 5:16] = 20  # a stroke across it
    gray[6, 5:9] = 30  # a stroke ending against it on the left
    img = gray.copy()
    ocr._bridge(img, gray, 0, 10, 9, 11)
    assert (img[3, 9:12] < 60).all()
    assert (img[6, 9:12] == 255).all() and (img[0, 9:12] == 255).all() and (img[9, 9:12] == 255).all()
    assert (img[:, :9] == gray[:, :9]).all() and (img[:, 12:] == gray[:, 12:]).all()  # nothing else touched


@pytest.mark.parametrize("said, asked, flipped", [
    ([0] * 20, 12, False),            # upright: decided once the 8 not asked cannot outvote 12
    ([180] * 20, 12, True),           # upside down: decided once more than 10 of 20 said so
    ([0] * 8 + [180] * 12, 20, True),  # the answer needs every box
])
def test_upside_down_asks_until_the_answer_is_sure(said, asked, flipped, monkeypatch):
    """ocr.upside_down asks the direction classifier UPSIDE_STEP boxes at a time and stops once
    the boxes not asked cannot change the answer; the answer is the one all boxes give."""
    gray = np.full((20 * 30, 300), 255, dtype=np.uint8)
    chars = [{"seg": i * 1000, "x0": 10.0, "x1": 100.0 - i, "top": i * 30.0 / (200 / 72), "bottom": (i * 30.0 + 20) / (200 / 72)}
             for i in range(20)]
    seen = []

    class Out:
        def __init__(self, labels):
            self.cls_res = labels

    def cls(crops):
        labels = [(str(said[len(seen) + j]), 0.99) for j in range(len(crops))]
        seen.extend(crops)
        return Out(labels)

    class Engine:
        def _load_cls_model(self):
            return cls

    monkeypatch.setattr(ocr, "engine", lambda: Engine())
    assert ocr.upside_down(gray, chars, 200) is flipped
    assert len(seen) == asked
