"""Text-layer PDFs: each page becomes text lines and ruled grids, with boxes.

pdfplumber (on pdfminer.six) gives the characters and the ruling (lines and thin rects); its
table finder gives the cells of ruled tables. Characters are assigned to cells here in one pass
(bisect on the lattice), which is both faster and more exact than cropping per cell.
"""
from __future__ import annotations

import logging
import re
from contextlib import contextmanager
from bisect import bisect_right
from itertools import groupby
from operator import itemgetter
from pathlib import Path

from disclosure.extract.errors import InputError
from disclosure.extract.hashing import sha256_file
from disclosure.model import Box, Cell, Grid, RawDocument, RawPage, TextLine
from disclosure.normalize.text import map_glyphs

log = logging.getLogger(__name__)

_CID = re.compile(r"\(cid:\d+\)")
_SNAP = 2.0  # points: lattice coordinates closer than this are one line


def _open(path: Path):
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect, PDFEncryptionError

    try:
        pdf = pdfplumber.open(path)
        _ = len(pdf.pages)
    except Exception as e:  # pdfplumber wraps pdfminer errors; the cause says what it was
        cause = e.__cause__ or e.__context__ or e
        text = f"{type(cause).__name__}: {cause}".strip()
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)) or "password" in text.lower() \
                or "encrypt" in text.lower():
            raise InputError(str(path), "encrypted PDF (password required)") from e
        raise InputError(str(path), f"corrupt or truncated PDF ({text[:120]})") from e
    return pdf


def _plain(v) -> bool:
    return v is None or isinstance(v, (int, float)) or (isinstance(v, tuple) and all(isinstance(x, (int, float)) for x in v))


def _fast_objects(page) -> None:
    """pdfplumber converts every layout object by resolving each attribute generically, which costs
    more than reading the page. Characters and ruling (rects, lines) carry plain values only, so
    they are copied directly here; anything else (or a colour that is not a plain number) takes
    pdfplumber's own path. Characters leave out their colours and colour spaces, which nothing in
    this project reads; everything else equals pdfplumber 0.11.10's (tests/test_pdf_fast_path.py)."""
    from pdfminer.layout import LTChar, LTLine, LTRect

    slow = page.process_object
    height, mb_x0, mb_top = page.height, page.mediabox[0], page.mediabox[1]
    doctop0, number = page.initial_doctop, page.page_number
    if page.pdf.unicode_norm is not None or mb_x0 != 0:
        return
    kinds = {LTRect: "rect", LTLine: "line"}

    def coord(pt):
        return (pt[0], mb_top + height - pt[1])

    def process(obj):
        t = type(obj)
        d = obj.__dict__
        if t is LTChar and not isinstance(d["fontname"], bytes):
            top = height - d["y1"] + mb_top
            return {"matrix": d["matrix"], "fontname": d["fontname"], "adv": d["adv"], "upright": d["upright"],
                    "x0": d["x0"], "y0": d["y0"], "x1": d["x1"], "y1": d["y1"], "width": d["width"],
                    "height": d["height"], "size": d["size"], "mcid": d.get("mcid"), "tag": d.get("tag"),
                    "object_type": "char", "page_number": number, "text": d["_text"],
                    "top": top, "bottom": height - d["y0"] + mb_top, "doctop": doctop0 + top}
        if t in kinds and _plain(d.get("stroking_color")) and _plain(d.get("non_stroking_color")):
            top = height - d["y1"] + mb_top
            return {"x0": d["x0"], "y0": d["y0"], "x1": d["x1"], "y1": d["y1"], "width": d["width"],
                    "height": d["height"], "pts": [coord(p) for p in d["pts"]], "linewidth": d["linewidth"],
                    "stroke": d["stroke"], "fill": d["fill"], "evenodd": d["evenodd"],
                    "stroking_color": d["stroking_color"], "non_stroking_color": d["non_stroking_color"],
                    "mcid": d.get("mcid"), "tag": d.get("tag"), "object_type": kinds[t], "page_number": number,
                    "path": [(cmd, *map(coord, pts)) for cmd, *pts in d["original_path"]],
                    "dash": d["dashing_style"], "top": top, "bottom": height - d["y0"] + mb_top,
                    "doctop": doctop0 + top}
        return slow(obj)

    page.process_object = process


class _QuietLog:
    """pdfminer calls log.debug() several hundred thousand times per document; when its debug
    logging is off, each call still walks the logging machinery (about 5% of reading a page)."""

    def __init__(self, real):
        self.real = real

    def debug(self, *args, **kwargs) -> None:
        pass

    def __getattr__(self, name):
        return getattr(self.real, name)


@contextmanager
def _quiet_pdfminer():
    import pdfminer.pdfdocument
    import pdfminer.pdfinterp
    import pdfminer.pdfparser
    import pdfminer.psparser

    if logging.getLogger("pdfminer").isEnabledFor(logging.DEBUG):
        yield
        return
    modules = [m for m in (pdfminer.psparser, pdfminer.pdfinterp, pdfminer.pdfparser, pdfminer.pdfdocument)
               if isinstance(getattr(m, "log", None), logging.Logger)]
    for m in modules:
        m.log = _QuietLog(m.log)
    try:
        yield
    finally:
        for m in modules:
            m.log = m.log.real


def read_pdf(path: Path) -> RawDocument:
    with _quiet_pdfminer():
        return _read_pdf(path)


def _read_pdf(path: Path) -> RawDocument:
    digest = sha256_file(path)
    pdf = _open(path)
    pages: list[RawPage] = []
    try:
        meta = {k: str(v) for k, v in (pdf.metadata or {}).items() if isinstance(v, (str, int, float))}
        for i, page in enumerate(pdf.pages, start=1):
            try:
                _fast_objects(page)
                pages.append(_read_page(page, i))
            except Exception as e:  # one bad page must not lose the others
                log.warning("%s: page %d unreadable: %s", path.name, i, e)
                pages.append(RawPage(i, float(page.width), float(page.height), [], "failed",
                                     f"{type(e).__name__}: {e}"[:200]))
            finally:
                page.close()
    finally:
        pdf.close()
    if not pages:
        raise InputError(str(path), "PDF has no pages")
    return RawDocument(path.name, digest, "pdf", pages, meta)


# ---------------------------------------------------------------- one page

def _has_near_twins(chars: list[dict]) -> bool:
    """Whether any two characters with the same text, font and size lie within 1pt of each other
    (text printed twice to look bold): checked on a 1pt grid, neighbouring squares included."""
    seen: dict[tuple, set[int]] = {}
    for c in chars:
        key = (c["text"], c["fontname"], c["size"])
        y, x = int(c["top"] // 1), int(c["x0"] // 1)
        for dy in (-1, 0, 1):
            xs = seen.get((key, y + dy))
            if xs is not None and (x in xs or x - 1 in xs or x + 1 in xs):
                return True
        seen.setdefault((key, y), set()).add(x)
    return False


def _dedupe(chars: list[dict], tolerance: float = 1) -> list[dict]:
    """pdfplumber's dedupe_chars (same text, font and size within `tolerance` points: keep the
    first), with the same clustering but without its quadratic final sort (chars.index per char),
    and skipped on pages where no character has a twin close by."""
    from pdfplumber.utils.clustering import cluster_objects

    if not _has_near_twins(chars):
        return chars

    order = {id(c): i for i, c in enumerate(chars)}
    key = itemgetter("upright", "text", "fontname", "size")
    pos = itemgetter("doctop", "x0")
    keep = []
    for _, group in groupby(sorted(chars, key=key), key=key):
        for y_cluster in cluster_objects(list(group), itemgetter("doctop"), tolerance):
            for x_cluster in cluster_objects(y_cluster, itemgetter("x0"), tolerance):
                keep.append(min(x_cluster, key=pos))
    keep.sort(key=lambda c: order[id(c)])
    return keep


def _visible(page, chars: list[dict]) -> list[dict]:
    x0, top, x1, bottom = page.bbox
    return [c for c in chars if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom]


def _read_page(page, number: int) -> RawPage:
    raw = RawPage(number, float(page.width), float(page.height))
    chars = page.chars
    visible = _visible(page, chars)
    shown = {id(c) for c in visible}
    hidden = "".join(c["text"] for c in chars if id(c) not in shown).strip()
    if hidden:
        # exporters leave content outside the page (Word tables run past the bottom, a unit
        # beyond the right edge): not printed, so not read; the table finder sees the page only
        raw.notes.append(f"{len(hidden)} characters outside the visible page ignored ({hidden[:30]}…)")
        page = page.crop(page.bbox, relative=False, strict=False)
        chars = visible
    chars = [c for c in _dedupe(chars) if c.get("upright", True) and c["text"].strip()]
    if not chars:
        raw.triage, raw.triage_reason = "no_text", "page has no text layer (scanned or blank)"
        return raw
    sample = "".join(c["text"] for c in chars)
    cid = len(_CID.findall(sample))
    if cid and cid * 4 > len(chars) * 0.2:
        raw.triage, raw.triage_reason = "broken_text", f"{cid} characters without a Unicode map ((cid:N))"

    grids: list[Grid] = []
    used = [False] * len(chars)
    for table in page.find_tables():
        grid = _grid(table, chars, used, number)
        if grid is not None:
            grids.append(grid)
    rest = [c for c, u in zip(chars, used) if not u]
    lines = _lines(rest, number)
    blocks = sorted(lines + grids, key=lambda b: (b.box.top, b.box.x0))
    raw.blocks = blocks
    return raw


def _cluster(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _SNAP:
            out.append(v)
    return out


def _index(coords: list[float], v: float) -> int:
    """Index of the lattice coordinate nearest to v."""
    j = bisect_right(coords, v)
    if j == 0:
        return 0
    if j == len(coords):
        return len(coords) - 1
    return j if coords[j] - v < v - coords[j - 1] else j - 1


def _grid(table, chars: list[dict], used: list[bool], page_no: int) -> Grid | None:
    bboxes = table.cells
    if len(bboxes) < 2:
        return None
    xs = _cluster([b[0] for b in bboxes] + [b[2] for b in bboxes])
    ys = _cluster([b[1] for b in bboxes] + [b[3] for b in bboxes])
    n_cols, n_rows = len(xs) - 1, len(ys) - 1
    if n_cols < 2 or n_rows < 1:
        return None
    occupancy: dict[tuple[int, int], int] = {}
    spans: list[tuple[int, int, int, int] | None] = [None] * len(bboxes)
    # smallest cells first: a filled background rect behind the table is a "cell" that contains
    # all the others; it is dropped, never allowed to swallow their text
    order = sorted(range(len(bboxes)), key=lambda k: (bboxes[k][2] - bboxes[k][0]) * (bboxes[k][3] - bboxes[k][1]))
    for k in order:
        x0, top, x1, bottom = bboxes[k]
        c0, c1 = _index(xs, x0), _index(xs, x1)
        r0, r1 = _index(ys, top), _index(ys, bottom)
        if c1 <= c0 or r1 <= r0:
            continue
        slots = [(r, c) for r in range(r0, r1) for c in range(c0, c1)]
        free = [sl for sl in slots if sl not in occupancy]
        if not free or (len(slots) > 1 and len(free) < len(slots)):
            continue  # a container of other cells, or overlapping them
        spans[k] = (r0, c0, r1 - r0, c1 - c0)
        for sl in slots:
            occupancy[sl] = k
    x_min, top_min, x_max, bottom_max = table.bbox
    members: dict[int, list[dict]] = {}
    for i, ch in enumerate(chars):
        if used[i]:
            continue
        cx = (ch["x0"] + ch["x1"]) / 2
        cy = (ch["top"] + ch["bottom"]) / 2
        if not (x_min <= cx <= x_max and top_min <= cy <= bottom_max):
            continue
        c = bisect_right(xs, cx) - 1
        r = bisect_right(ys, cy) - 1
        k = occupancy.get((r, c))
        if k is None:
            continue
        used[i] = True
        members.setdefault(k, []).append(ch)
    cells = []
    for k, span in enumerate(spans):
        if span is None:
            continue
        r0, c0, rs, cs = span
        x0, top, x1, bottom = bboxes[k]
        cells.append(Cell(_text(members.get(k, [])), r0, c0, rs, cs,
                          Box(page_no, x0, top, x1, bottom)))
    if not cells:
        return None
    # the grid's box is its cells': text inside the ruling but above every cell (a title printed
    # in the frame) then reads as a line above the table, where it belongs
    box = Box(page_no, min(c.box.x0 for c in cells), min(c.box.top for c in cells),
              max(c.box.x1 for c in cells), max(c.box.bottom for c in cells))
    return Grid(n_rows, n_cols, cells, box)


# ---------------------------------------------------------------- characters to text

def _rows_of(chars: list[dict]) -> list[list[dict]]:
    """Characters grouped into printed lines by vertical overlap, each sorted left to right."""
    rows: list[list[dict]] = []
    spans: list[tuple[float, float]] = []
    for ch in sorted(chars, key=lambda c: (round(c["top"]), c["x0"])):
        mid = (ch["top"] + ch["bottom"]) / 2
        for k in range(len(rows) - 1, max(len(rows) - 4, -1), -1):
            top, bottom = spans[k]
            if top - 1 <= mid <= bottom + 1:
                rows[k].append(ch)
                spans[k] = (min(top, ch["top"]), max(bottom, ch["bottom"]))
                break
        else:
            rows.append([ch])
            spans.append((ch["top"], ch["bottom"]))
    for r in rows:
        r.sort(key=lambda c: c["x0"])
    order = sorted(range(len(rows)), key=lambda k: spans[k][0])
    return [rows[k] for k in order]


def _line_text(row: list[dict]) -> str:
    out = []
    prev = None
    for ch in row:
        if prev is not None:
            gap = ch["x0"] - prev["x1"]
            if gap > 0.25 * max(ch["size"], 1):
                out.append(" ")
        out.append(ch["text"])
        prev = ch
    return map_glyphs("".join(out))


def _text(chars: list[dict]) -> str:
    if not chars:
        return ""
    parts = [_line_text(r) for r in _rows_of(chars)]
    out = parts[0]
    for p in parts[1:]:
        if not p:
            continue
        out += "\n" + p  # kept as printed; clean() joins Chinese lines without a space
    return out


def _lines(chars: list[dict], page_no: int) -> list[TextLine]:
    lines = []
    for row in _rows_of(chars):
        text = _line_text(row)
        if not text.strip():
            continue
        box = Box(page_no, min(c["x0"] for c in row), min(c["top"] for c in row),
                  max(c["x1"] for c in row), max(c["bottom"] for c in row))
        size = max(c["size"] for c in row)
        lines.append(TextLine(text, box, float(size)))
    return lines
