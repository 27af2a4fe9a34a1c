"""The cells of a ruled table read by the recogniser alone (issue #15): the ruling already says
where each cell's text is, so the text detector, which costs most of an OCR page, runs only over
what is left (the page outside the ruled tables and the cells set aside here).

A cell's text lines are found from its ink (rows of ink parted by blank rows); each line is cut
out of the page image and the lines of a page are recognised together, in batches. A cell is
left to the detector when its ink is not plainly a few lines of text inside its rules: ink
touching a rule (an amount printed over the border, a glyph cut by a rule; the cell across that
rule goes with it; a line only set flush against its rule, nothing beyond the rule, stays: _flush), a line taller than a line of text (two lines touching), many lines, a blank
stretch wider than three line heights inside a line, a line under half the usual height, a flat
bar beside other ink (a stroke of 一 or 三 as likely as a dash), or a reading the recogniser is
not sure of. A cell holding only a flat bar (a dash) is left blank here: ocr._dashes finds it by
its shape.

The default (DISCLOSURE_OCR_CELLS=0 turns it off, extract/scanned.cells_on): see the README's OCR section for its
figures against whole-page detection.

Pixels throughout: cells (x0, top, x1, bottom), quads [[x, y] * 4] from the page's top-left.
"""
from __future__ import annotations

INK = 128  # a pixel darker than this is ink (a line's rows, a rule's remnants, touching)
FAINT = 200  # a pixel darker than this is ink for a line's extent (a thin stroke blurred to grey)
RULED = 0.4  # an edge row or column of a cell's interior darker than this share is a rule's remnant
SURE = 0.9  # a cell line read with less confidence goes to the detector (settings.ocr_low flags a value under 0.9: a lone 0 read so by the cell path reads surer in its detection)
SPECK = 4  # a piece of ink of at most this many pixels is no part of a line (a decimal point has more)
MAX_LINES = 3  # a cell of more lines goes to the detector (a frame around text, not a cell)


class Line:
    """One text line of a cell: its cell (index), its box (x0, top, x1, bottom) in pixels."""

    __slots__ = ("cell", "box", "inside")

    def __init__(self, cell: int, box: tuple[int, int, int, int], inside: tuple[int, int, int, int]):
        self.cell, self.box, self.inside = cell, box, inside


def _runs(flags) -> list[tuple[int, int]]:
    """(start, end) of the runs of True in a 1-d boolean array, end exclusive."""
    import numpy as np

    f = np.concatenate(([False], np.asarray(flags, dtype=bool), [False]))
    d = np.flatnonzero(np.diff(f.astype(np.int8)))
    return list(zip(d[::2].tolist(), d[1::2].tolist()))


def _interior(gray, cell) -> tuple[int, int, int, int] | None:
    """The cell's inside (x0, top, x1, bottom; pixels) without its rules (_inside), or None."""
    return _inside(gray, cell)[0]


def _inside(gray, cell) -> tuple[tuple[int, int, int, int] | None, list[int | None]]:
    """The cell's inside (x0, top, x1, bottom; pixels) without its rules. Each side is put just
    inside its rule's own ink where that is seen (_rule_side: the ruling's centre line may lie a
    few pixels off the printed rule, into a glyph set flush against it); else inset two pixels
    from the rule's centre line, then edge rows and columns mostly dark (a thick or tilted rule's
    remnant) dropped, up to 8 pixels from that side. Returns (inside or None when too small,
    _rule_side's four sides)."""
    H, W = gray.shape
    x0, top, x1, bottom = (int(round(v)) for v in cell)
    sides = _rule_side(gray, x0, top, x1, bottom)
    x0, top, x1, bottom = max(x0 + 2, 0), max(top + 2, 0), min(x1 - 2, W), min(bottom - 2, H)
    x0, top, x1, bottom = (v if f is None else f for v, f in zip((x0, top, x1, bottom), sides))
    if x1 - x0 < 6 or bottom - top < 6:
        return None, sides
    crop = gray[top:bottom, x0:x1] < INK
    cols, rows = crop.mean(axis=0), crop.mean(axis=1)
    a, b, c, d = 0, len(cols), 0, len(rows)
    while sides[0] is None and a < min(8, b - 1) and cols[a] >= RULED:
        a += 1
    while sides[2] is None and b - 1 > max(len(cols) - 9, a) and cols[b - 1] >= RULED:
        b -= 1
    while sides[1] is None and c < min(8, d - 1) and rows[c] >= RULED:
        c += 1
    while sides[3] is None and d - 1 > max(len(rows) - 9, c) and rows[d - 1] >= RULED:
        d -= 1
    if b - a < 4 or d - c < 4:
        return None, sides
    return (x0 + a, top + c, x0 + b, top + d), sides


FULL = 0.9  # a line of pixels near a cell's side, faint ink (under FAINT) in this share of its length, is its rule's
NEAR = (6, 8)  # a rule's own ink is sought this many pixels outside and inside the ruling's centre line


def _rule_side(gray, x0: int, top: int, x1: int, bottom: int) -> list[int | None]:
    """For each side of a cell (left, top, right, bottom; its ruling's centre lines in pixels)
    the first pixel inside it past its rule's own ink, or None where no rule is seen there. The
    rule is the run of rows (columns) nearest the centre line, within NEAR of it, that hold faint
    ink in FULL of the cell's width (of its height between the rules found above and below): a
    rule runs the cell's whole height, a glyph's stroke only its line's (a 1 printed flush
    against the rule, 11 of a tight cell's 19 rows between its rules, was taken for the rule's
    remnant and cut: 11,035,650 read 1,035,650, a scan of samples/unseen U001-00015 p.3, whose
    light rule itself lies 4 pixels outside the ruling's centre line)."""
    H, W = gray.shape
    out: list[int | None] = [None, None, None, None]
    if x1 - x0 < 12 or bottom - top < 12:
        return out
    m = 4  # corners left out of the top and bottom rules' rows: the column rules cross there
    for k, at, inward in ((1, top, 1), (3, bottom, -1)):
        out[k] = _rule_run(gray[:, max(x0 + m, 0):min(x1 - m, W)].T, at, inward)
    rows = gray[out[1] if out[1] is not None else max(top + 2, 0):out[3] if out[3] is not None else min(bottom - 2, H)]
    for k, at, inward in ((0, x0, 1), (2, x1, -1)):
        out[k] = _rule_run(rows, at, inward)
    return out


def _rule_run(strip, at: int, inward: int) -> int | None:
    """In `strip` (lines of pixels along its second axis: columns of a band of rows), the first
    column inside (in the direction `inward`, 1 or -1) the run of columns of faint ink in FULL
    of the band's rows nearest column `at`, within NEAR of it; None when there is none."""
    lo, hi = (at - NEAR[0], at + NEAR[1]) if inward > 0 else (at - NEAR[1], at + NEAR[0])
    lo, hi = max(lo, 0), min(hi, strip.shape[1])
    if hi - lo < 2 or not strip.shape[0]:
        return None
    full = (strip[:, lo:hi] < FAINT).mean(axis=0) >= FULL
    idx = {lo + j for j in range(hi - lo) if full[j]}
    if not idx:
        return None
    near = min(idx, key=lambda v: (abs(v - at), v))
    while near + inward in idx:
        near += inward
    return near + 1 if inward > 0 else near


def _without_rules(ink):
    """A cell's ink without what is left of its rules: pieces of ink (8-connected) running over
    most of the inside's height (or width) and at most 6 pixels thick (a rule tilted by what the
    deskew left), and specks of at most SPECK pixels (a rule's frayed corner, noise). A character
    touching a rule is one piece with it, too thick to be dropped. A rule's remnant lies against
    the inside's edge (within EDGE pixels) or runs nearly across it (0.9): a thin glyph clear of
    the edges (the 1 or 3 of an amount in a tight row, 11 of the inside's 18 pixels: 1,139,943.32
    read ,139,943.32 and 831,961.91 read 1,961.91 in a scan of samples/unseen U001-00001 p.2) is
    text."""
    import cv2
    import numpy as np

    h, w = ink.shape
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    ruled = [j for j in range(1, count) if (stats[j, 3] >= 0.6 * h and stats[j, 2] <= 6 and _ruled_along(
             stats[j, 0], stats[j, 2], stats[j, 3], w, h)) or (stats[j, 2] >= 0.6 * w and stats[j, 3] <= 6 and
             _ruled_along(stats[j, 1], stats[j, 3], stats[j, 2], h, w)) or stats[j, 4] <= SPECK]
    if not ruled:
        return ink
    return ink & ~np.isin(labels, ruled)


EDGE = 2  # a rule's remnant in a cell's inside starts or ends this close to the inside's edge (pixels)


def _ruled_along(at: int, thick: int, length: int, across: int, along: int) -> bool:
    """Whether a thin piece of ink (its offset `at` and thickness `thick` across, its `length`
    along; pixels) inside a cell of `across` x `along` is a rule's remnant: against an edge
    (within EDGE) or running over 0.9 of the inside."""
    return at <= EDGE or at + thick >= across - EDGE or length >= 0.9 * along


def _flush(gray, edge: int | None, outward: int, top: int, bottom: int, inside: tuple[int, int] | None = None) -> bool:
    """Whether a line touching its cell's left or right side (`outward` -1 or 1; `edge` the
    first column inside the rule, _rule_side, None when no rule was seen) is only set flush
    against the rule: past the rule's own columns (faint ink in FULL of the cell's rows between
    its rules, `inside` (top, bottom), else of the line's rows top..bottom; at most NEAR[1] of
    them) the next three columns hold no ink in the line's rows. Ink there is text printed over
    the rule or a glyph the rule runs through (whose strokes beside the rule fill the line's rows,
    not the cell's: 834.82 over its rule read 834.8, generated Writer tables L007-00037 p.5), left
    to the detector; a label or amount set against its rule (Calc tables set left, samples/unseen
    U001-00015 p.3) is read in its cell."""
    if edge is None or bottom - top < 4:
        return False
    W = gray.shape[1]
    x = edge - 1 if outward < 0 else edge
    band = gray[inside[0]:inside[1]] if inside else gray[top:bottom]
    steps = 0
    while 0 <= x < W and steps < NEAR[1] and (band[:, x] < FAINT).mean() >= FULL:
        x += outward
        steps += 1
    if not steps:
        return False
    rows = gray[top:bottom]
    lo, hi = (x - 2, x + 1) if outward < 0 else (x, x + 3)
    lo, hi = max(lo, 0), min(hi, W)
    return hi > lo and int((rows[:, lo:hi] < INK).sum()) < 2


def _same_line(start: int, end: int, a: int, b: int, usual: float) -> bool:
    """Whether the run of ink rows [a, b) continues the line [start, end) above it (pixels; `usual`
    the page's median line height): parts of one line's characters parted by blank rows (类: 米
    over 大) together no taller than 1.25 usual lines, or parted by at most a fifth of a line's
    height (a pixel or two) and together no taller than 1.6 (the threshold of a line too tall:
    two lines touching): the strokes of 合计 in small type part at mid-height for one blank row,
    and each half read alone reads 合计 again (a 合计 heading read 合计计, its column's 32 amounts
    under another heading; a scan of samples/unseen U001-00001 p.2). Two lines of a cell have
    their leading between them and pass 1.6 together."""
    return b - start <= 1.25 * usual or (a - end <= max(1.0, 0.2 * usual) and b - start <= 1.6 * usual)


def _faint_reach(faint, c: int, d: int, reach: int) -> tuple[int, int]:
    """A line's columns [c, d) widened to the faint ink (`faint`, per column of its rows) within
    `reach` of either end, again from each new end while more lies within reach: a run of thin
    strokes blurred to grey, each a speck at the ink threshold, before the line's first dark
    character (一、 before 本年收入: a step of one reach took in the 、 and left the 一, read
    、本年收入; a scan of samples/unseen U001-00009 p.4)."""
    import numpy as np

    while c > 0:
        near = np.flatnonzero(faint[max(c - reach, 0):c])
        if not len(near):
            break
        c = max(c - reach, 0) + int(near[0])
    while d < len(faint):
        near = np.flatnonzero(faint[d:d + reach])
        if not len(near):
            break
        d = d + int(near[-1]) + 1
    return c, d


def _waisted(gray, box) -> bool:
    """Whether a line's ink is thin somewhere in the middle third of its height (a row with
    under 0.15 of the inkiest row's ink): two lines touching, not one line in larger type."""
    x0, top, x1, bottom = box
    rows = (gray[top:bottom, x0:x1] < INK).sum(axis=1)
    h = len(rows)
    middle = rows[h // 3:h - h // 3]
    return not len(middle) or middle.min() < 0.15 * rows.max()


def _is_bar(ink) -> bool:
    """Whether a line's ink (boolean, tight) is a flat bar: a dash, left to ocr._dashes."""
    h, w = ink.shape
    return h <= 4 and w >= 1.6 * h


def lines(gray, cells: list[tuple[float, float, float, float]]) -> tuple[list[Line], set[int]]:
    """The text lines of the ruled cells (pixels), and the indices of the cells left to the
    detector (see the module's docstring). A blank cell has no line and is not left over."""
    import numpy as np

    out: list[Line] = []
    left: set[int] = set()
    touching: list[tuple[int, str]] = []
    heights = []
    seen = []
    for i, cell in enumerate(cells):
        inner, sides = _inside(gray, cell)
        if inner is None:
            continue
        x0, top, x1, bottom = inner
        crop = gray[top:bottom, x0:x1]
        ink = _without_rules(crop < INK)
        rows = _runs(ink.sum(axis=1) >= 1)
        rows = [(a, b) for a, b in rows if ink[a:b].sum() >= 3]  # a speck of noise is not a line
        if rows:
            seen.append((i, inner, crop, ink, rows, sides))
    usual = float(np.median([b - a for _, _, _, _, rows, _ in seen for a, b in rows])) if seen else 0.0
    for i, inner, crop, ink, rows, sides in seen:
        x0, top, x1, bottom = inner
        merged = [list(rows[0])]
        for a, b in rows[1:]:  # parts of one line's characters parted by a blank row (类: 米 over 大)
            if _same_line(merged[-1][0], merged[-1][1], a, b, usual):
                merged[-1][1] = b
            else:
                merged.append([a, b])
        rows = [tuple(r) for r in merged]
        found = []
        for a, b in rows:
            cols = np.flatnonzero(ink[a:b].any(axis=0))
            found.append((a, b, int(cols[0]), int(cols[-1]) + 1))
        bars = [f for f in found if _is_bar(ink[f[0]:f[1], f[2]:f[3]])]
        text = [f for f in found if f not in bars]
        if len(found) == 1 and bars:
            continue  # a dash alone
        if bars:  # a bar beside other ink: a stroke of 一, 二, 三 as likely as a dash
            left.add(i)
            continue
        h_ink, w_ink = ink.shape
        side = ""
        for a, b, c, d in text:
            if c <= 1 and not _flush(gray, sides[0], -1, top + a, top + b, (top, bottom)):
                side += "l"
            if d >= w_ink - 1 and not _flush(gray, sides[2], 1, top + a, top + b, (top, bottom)):
                side += "r"
            if a <= 0:
                side += "t"
            if b >= h_ink:
                side += "b"
        if side:
            left.add(i)
            touching.append((i, side))
            continue
        if len(text) > MAX_LINES:
            left.add(i)
            continue
        mine = []
        for a, b, c, d in text:
            gaps = _runs(~ink[a:b, c:d].any(axis=0))
            if any(g1 - g0 > 3 * max(b - a, 8) for g0, g1 in gaps):
                break  # words far apart in one line: the detector parts them
            # the line's extent takes in faint ink (a thin stroke blurred to grey) within a
            # character's width of it, short of the inside's edges (a rule's grey blur)
            reach = int(1.3 * (b - a))
            faint = (crop[a:b] < FAINT).any(axis=0)
            faint[:3] = faint[-3:] = False
            c, d = _faint_reach(faint, c, d, reach)
            mine.append(Line(i, (x0 + c, top + a, x0 + d, top + b), inner))
        else:
            out.extend(mine)
            heights.extend(b - a for a, b, _, _ in text)
            continue
        left.add(i)
    if heights:  # a line much taller than the usual, thin in its middle, is two lines touching
        usual = float(np.median(heights))
        tall = {ln.cell for ln in out if ln.box[3] - ln.box[1] > 1.6 * usual and _waisted(gray, ln.box)}
        tall |= {ln.cell for ln in out if ln.box[3] - ln.box[1] < 0.45 * usual}  # a speck's row, a stroke alone
        left |= tall
        out = [ln for ln in out if ln.cell not in tall]
    for i, side in touching:
        left |= _across(cells, i, side)
    return [ln for ln in out if ln.cell not in left], left


def _across(cells, i: int, side: str, slack: float = 6.0) -> set[int]:
    """The cells sharing cell i's rule on the given sides ('l', 'r', 't', 'b')."""
    x0, top, x1, bottom = cells[i]
    out = set()
    for j, (a, b, c, d) in enumerate(cells):
        if j == i:
            continue
        rows = min(bottom, d) - max(top, b) > slack
        cols = min(x1, c) - max(x0, a) > slack
        if ("l" in side and rows and abs(c - x0) <= slack) or ("r" in side and rows and abs(a - x1) <= slack) or \
                ("t" in side and cols and abs(d - top) <= slack) or ("b" in side and cols and abs(b - bottom) <= slack):
            out.add(j)
    return out


def crop(gray, line: Line):
    """A line's image for the recogniser and its quad: the line's ink with a margin of half its
    height (at least 4 pixels) above and below and a quarter of its height (at least 4) either
    side, white where the margin runs past the cell's inside (no rule is seen). The recogniser
    scales every crop to 48 pixels high and costs in proportion to the width that gives: with
    the glyphs at half the crop's height (they stood at three fifths, with half their height
    either side) a crop costs about a fifth less, and the lines of shengweiban-2017 pp.2, 3, 6
    and 9 and of the seed 1 scans U001-00001 pp.2 and 5, U001-00009 pp.2 and 4 and U001-00015
    p.3 read the same but for the width of a bracket (（五) for (五), paired full-width after,
    ocr._brackets_paired). Returns (BGR image, quad)."""
    import cv2
    import numpy as np

    x0, top, x1, bottom = line.box
    h = bottom - top
    py, px = max(4, h // 2), max(4, h // 4)
    ix0, itop, ix1, ibottom = line.inside
    a, b, c, d = max(top - py, itop), min(bottom + py, ibottom), max(x0 - px, ix0), min(x1 + px, ix1)
    piece = cv2.copyMakeBorder(gray[a:b, c:d], a - (top - py), (bottom + py) - b, c - (x0 - px), (x1 + px) - d,
                               cv2.BORDER_CONSTANT, value=255)
    quad = [[x0 - px, top - py], [x1 + px, top - py], [x1 + px, bottom + py], [x0 - px, bottom + py]]
    return np.dstack([piece] * 3), quad


BATCH = 16  # crops per recognition call, at most
WASTE = 0.1  # a batch takes a wider crop only while its padding stays under this share of its columns


def _batches(ratios: list[float]) -> list[list[int]]:
    """The crops (their width / height ratios) grouped for the recogniser: by increasing width,
    a batch is closed when it holds BATCH crops or when taking the next, wider crop would pad
    the batch (every crop to the widest) to more than WASTE of its columns. The model's cost is
    in proportion to the padded columns (about 0.1 ms per column of a 48-pixel crop whatever the
    batch size, against well under a millisecond a call): batches of 16 in width order padded
    the cells of shengweiban-2017's scan by 26% (138,503 columns for 109,613 of crops)."""
    import numpy as np

    order = [int(i) for i in np.argsort(ratios, kind="stable")]
    out: list[list[int]] = []
    for i in order:
        if out and len(out[-1]) < BATCH:
            batch = out[-1]
            w = max(ratios[i], 1.0)
            padded = w * (len(batch) + 1)
            used = sum(max(ratios[j], 1.0) for j in batch) + w
            if padded - used <= WASTE * padded:
                batch.append(i)
                continue
        out.append([i])
    return out


def _rec(engine, crops: list) -> tuple[list[str], list[float], list]:
    """The recogniser (RapidOCR's TextRecognizer: its session, resize and CTC decoding) over
    crops in batches of like width (_batches), each batch as wide as its widest crop: RapidOCR's
    own loop widens every batch to 320 pixels at least (its model's nominal width), which for
    the short crops of cells is more padding than text. Returns (texts, confidences, word info
    for calc_word_boxes), in the crops' order."""
    import numpy as np

    rec = engine._load_rec_model()
    ratios = [c.shape[1] / float(c.shape[0]) for c in crops]
    texts: list = [""] * len(crops)
    scores: list = [0.0] * len(crops)
    words: list = [None] * len(crops)
    for idx in _batches(ratios):
        widest = max(max(ratios[i] for i in idx), 1.0)
        batch = np.concatenate([rec.resize_norm_img(crops[i], widest)[np.newaxis, :] for i in idx]).astype(np.float32)
        lines, info = rec.postprocess_op(rec.session(batch), True, wh_ratio_list=[ratios[i] for i in idx],
                                         max_wh_ratio=widest)
        for j, i in enumerate(idx):
            texts[i], scores[i] = lines[j][0], float(lines[j][1])
            words[i] = info[j]
    return texts, scores, words


def recognise(engine, gray, found: list[Line]) -> list[tuple[list, str, float, tuple]]:
    """The lines read in batches by the engine's recogniser (_rec), word boxes by RapidOCR's
    CalRecBoxes: for each line, (quad, text, confidence 0-1, words [(text, conf, quad)]), in the
    order given."""
    import numpy as np
    from rapidocr.ch_ppocr_rec import TextRecOutput

    if not found:
        return []
    crops, quads = zip(*(crop(gray, ln) for ln in found))
    texts, scores, info = _rec(engine, list(crops))
    rec = TextRecOutput(imgs=list(crops), txts=tuple(texts), scores=scores, word_results=tuple(info))
    words = engine.cal_rec_boxes(list(crops), np.array(quads, dtype=np.float32), rec, False).word_results
    out = []
    for quad, text, score, w in zip(quads, texts, scores, words):
        w = tuple((t, float(s), b) for t, s, b in w if b is not None)
        out.append((quad, text, score, w))
    return out


def rest(gray, cells, left: set[int], margin: int = 6, context: int = 40):
    """The page image with the ruled cells blanked (their rules too), for the detector to see
    only the rest of the page; a cell left to the detector (`left`) is seen with `context`
    pixels of the page around it, as on the whole page (what is detected there of a cell read
    here is dropped: inside())."""
    out = gray.copy()
    H, W = gray.shape
    for x0, top, x1, bottom in cells:
        x0, top, x1, bottom = int(round(x0)), int(round(top)), int(round(x1)), int(round(bottom))
        out[max(top - margin, 0):min(bottom + margin + 1, H), max(x0 - margin, 0):min(x1 + margin + 1, W)] = 255
    for i in left:
        x0, top, x1, bottom = (int(round(v)) for v in cells[i])
        a, b, c, d = max(top - context, 0), min(bottom + context + 1, H), max(x0 - context, 0), min(x1 + context + 1, W)
        out[a:b, c:d] = gray[a:b, c:d]
    return out


def inside(quad, cells, left: set[int]) -> bool:
    """Whether a detection lies mostly (half its area or more) in ruled cells not left to the
    detector: seen only as another cell's context, it was read there (a 类 beside a header cell
    left to the detector, or the part of it inside the context read as 米)."""
    xs, ys = [p[0] for p in quad], [p[1] for p in quad]
    x0, x1, top, bottom = min(xs), max(xs), min(ys), max(ys)
    area = max((x1 - x0) * (bottom - top), 1e-6)
    covered = 0.0
    for i, (a, b, c, d) in enumerate(cells):
        if i in left:
            continue
        w, h = min(x1, c) - max(x0, a), min(bottom, d) - max(top, b)
        if w > 0 and h > 0:
            covered += w * h
    return covered >= 0.5 * area


def bands(img, pad: int = 24, gap: int = 40) -> list[tuple[int, int, int, int]]:
    """Regions (x0, top, x1, bottom) of an image holding ink, for the detector: rows of ink
    grouped where less than `gap` blank rows part them, each cut to its columns of ink, with
    `pad` pixels of margin."""
    import numpy as np

    ink = img < INK
    H, W = img.shape
    rows = _runs(ink.sum(axis=1) >= 2)
    groups: list[list[int]] = []
    for a, b in rows:
        if groups and a - groups[-1][1] < gap:
            groups[-1][1] = b
        else:
            groups.append([a, b])
    out = []
    for a, b in groups:
        cols = np.flatnonzero(ink[a:b].any(axis=0))
        if not len(cols) or ink[a:b].sum() < 6:
            continue
        out.append((max(int(cols[0]) - pad, 0), max(a - pad, 0), min(int(cols[-1]) + 1 + pad, W), min(b + pad, H)))
    return out
