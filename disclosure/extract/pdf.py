"""Text-layer PDFs: each page becomes text lines and ruled grids, with boxes.

pdfium (extract/pdfium_reader.py) gives the characters and the ruling (lines and thin rects) as
the dicts pdfplumber gives them; pdfplumber's table finder gives the cells of ruled tables.
pdfplumber on pdfminer.six reads them instead where pdfium cannot open a file, or when asked
(``reader="pdfminer"``, or the environment variable DISCLOSURE_PDF_READER=pdfminer): same dicts,
about ten times slower. Characters are assigned to cells here in one pass (bisect on the
lattice), which is both faster and more exact than cropping per cell.
"""
from __future__ import annotations

import logging
import os
from contextlib import contextmanager
from dataclasses import replace
from itertools import groupby, repeat
from math import floor
from operator import add, itemgetter
from pathlib import Path

from disclosure.extract import aligned, layout, lazy_miner, streams, triage, turned, xobjects
from disclosure.extract.errors import InputError
from disclosure.extract.hashing import sha256_file
from disclosure import progress, speedups
from disclosure.limits import check_pages
from disclosure.model import Grid, PageSpool, RawDocument, RawPage

log = logging.getLogger(__name__)



def _open(path: Path):
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect, PDFEncryptionError

    lazy_miner.load()  # (the blocks read_pdf opened change pdfminer from now on)

    xobjects.plumber_opened()  # (inside read_pdf: its pages bounded, pdfplumber imported only now)

    try:
        pdf = pdfplumber.open(path)
        _ = len(pdf.pages)
    except Exception as e:  # pdfplumber wraps pdfminer errors; the cause says what it was
        cause = e.__cause__ or e.__context__ or e
        if streams.cause(e) is not None:  # an object stream over --max-stream
            raise streams.refusal(path, streams.cause(e)) from None
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


def _quiet_pdfminer():
    """pdfminer's debug calls silenced inside the block (from when pdfminer is imported: lazy_miner)."""
    return lazy_miner.patching(_quiet, _loud)


def _quiet() -> list:
    import pdfminer.pdfdocument
    import pdfminer.pdfinterp
    import pdfminer.pdfparser
    import pdfminer.psparser

    if logging.getLogger("pdfminer").isEnabledFor(logging.DEBUG):
        return []
    modules = [m for m in (pdfminer.psparser, pdfminer.pdfinterp, pdfminer.pdfparser, pdfminer.pdfdocument)
               if isinstance(getattr(m, "log", None), logging.Logger)]
    for m in modules:
        m.log = _QuietLog(m.log)
    return modules


def _loud(modules: list) -> None:
    for m in modules:
        m.log = m.log.real


READERS = ("pdfium", "pdfminer")


def read_pdf(path: Path, ocr: str = "auto", dpi: int = 200, reader: str | None = None) -> RawDocument:
    """Every page, each read from its text layer or (by triage and the OCR mode) from its image.

    reader: "pdfium" (the default; DISCLOSURE_PDF_READER overrides the default) or "pdfminer".
    A file pdfium cannot open is read by pdfminer; one neither opens raises InputError (one line,
    pdfminer's reason)."""
    reader = reader or os.environ.get("DISCLOSURE_PDF_READER") or "pdfium"
    if reader not in READERS:
        raise ValueError(f"unknown PDF reader {reader!r} (one of {', '.join(READERS)})")
    with _quiet_pdfminer(), streams.bounded(), xobjects.bounded():
        return _read_pdf(path, ocr, dpi, reader)


class _Images:
    """The pages' images, opened (pypdfium2) only when a page needs OCR."""

    def __init__(self, path: Path, dpi: int):
        self.path, self.dpi, self.doc, self.missing = path, dpi, None, ""
        self.unsafe: set[int] = set()  # pages past the XObject bounds: pdfium would expand every draw

    def read(self, raw: RawPage, check: bool = False) -> RawPage:
        """The page read by OCR in place of its text layer (`raw`, kept when OCR is not to be had);
        `check`: the text layer stays when it agrees with what OCR reads on the image."""
        from disclosure.extract import image, ocr, scanned

        if self.missing:
            return self._unread(raw, self.missing)
        if raw.number in self.unsafe:
            return self._unread(raw, "past the XObject bounds, not rendered")
        try:
            if self.doc is None:
                import pypdfium2

                self.doc = pypdfium2.PdfDocument(str(self.path))
            page = self.doc[raw.number - 1]
            try:
                read = scanned.read_page(page, RawPage(raw.number, raw.width, raw.height, [], raw.triage,
                                                       raw.triage_reason, notes=list(raw.notes)), self.dpi)
            finally:
                page.close()
        except image.TooLarge as e:  # over --max-pixels: this page is not read by OCR
            return self._unread(raw, str(e))
        except ocr.OcrUnavailable as e:
            self.missing = str(e)
            # info, not warning: every page it leaves unread records it in problems, which the
            # command says once (with the pages); a warning here said it a second time in another form
            log.info("%s: %s", self.path.name, e)
            return self._unread(raw, self.missing)
        except Exception as e:  # an image that cannot be read costs this page only
            log.warning("%s: page %d: OCR failed: %s", self.path.name, raw.number, e)
            return self._unread(raw, f"OCR failed: {type(e).__name__}: {e}"[:200])
        return triage.settle(raw, read) if check else read

    @staticmethod
    def _unread(raw: RawPage, why: str) -> RawPage:
        if raw.blocks:  # a text layer there is (broken or unchecked) stays, said so
            raw.notes.append(f"{raw.triage} page: text layer kept, not read by OCR: {why}")
        else:
            raw.method = "none"
            raw.notes.append(f"{raw.triage} page not read by OCR: {why}")
        return raw

    def close(self) -> None:
        if self.doc is not None:
            self.doc.close()


def _pdfminer_pages(pdf):
    for i, page in enumerate(pdf.pages, start=1):
        _fast_objects(page)
        yield i, page, page.width, page.height


def _open_pages(path: Path, reader: str):
    """(pages, metadata, close): pages yields (number, page or the error reading it, width,
    height); pdfium's where it opens the file (unless reader is "pdfminer"), else pdfplumber's."""
    if reader == "pdfium":
        from disclosure.extract.pdfium_reader import PdfiumDocument

        try:
            doc = PdfiumDocument(path)
        except InputError as e:
            log.info("%s: pdfium cannot read it (%s); reading with pdfminer", path.name, e)
        else:
            try:
                check_pages(path, len(doc))
                progress.page_total(len(doc))
            except InputError:
                doc.close()
                raise
            return doc.pages(), doc.metadata, doc.close
    pdf = _open(path)
    try:
        check_pages(path, len(pdf.pages))
        progress.page_total(len(pdf.pages))
        meta = {k: str(v) for k, v in (pdf.metadata or {}).items() if isinstance(v, (str, int, float))}
    except Exception:
        pdf.close()
        raise
    return _pdfminer_pages(pdf), meta, pdf.close


def _read_pdf(path: Path, mode: str, dpi: int, reader: str = "pdfium") -> RawDocument:
    digest = sha256_file(path)
    pages_of, meta, close = _open_pages(path, reader)
    images = _Images(path, dpi)
    # past its first pages a long document's pages go to a temporary file as they are read
    # (model.PageSpool: memory flat in pages, issues #15, #19); the last stays an object, so the
    # heading rows a table on the next page takes are moved off it below
    pages = PageSpool()
    try:
        tail: list[tuple] = []  # the text lines ending the page before, after its last table
        for i, page, width, height in pages_of:
            try:
                if isinstance(page, Exception):
                    raise page
                if getattr(page, "disclosure_note", ""):
                    images.unsafe.add(i)
                raw, carried, next_tail = _read_page(page, i, [row for _, row in tail])
                if xobjects.skipped(page):
                    images.unsafe.add(i)
                if carried:  # heading rows at the foot of the page before went to a table on this page
                    taken = {id(ln) for ln, _ in tail[len(tail) - carried:]}
                    pages[-1].blocks = [b for b in pages[-1].blocks if id(b) not in taken]
                tail = next_tail
            except Exception as e:  # one bad page must not lose the others
                over = streams.cause(e)
                if over is not None:  # the file is over a limit: one line, as every limit
                    raise streams.refusal(path, over) from None
                tail = []
                log.warning("%s: page %d unreadable: %s", path.name, i, e)
                raw = RawPage(i, float(width), float(height), [], "failed",
                              f"{type(e).__name__}: {e}"[:200], method="none")
            finally:
                if not isinstance(page, Exception):
                    page.close()
            if triage.needs_ocr(raw.triage, mode):
                raw = images.read(raw)
            elif triage.needs_check(raw.triage, mode):
                raw = images.read(raw, check=True)
            pages.append(raw)
            progress.page_done(i)  # the bar of a long document (extract on a terminal)
    finally:
        close()
        images.close()
    if not pages:
        raise InputError(str(path), "PDF has no pages")
    return RawDocument(path.name, digest, "pdf", pages, meta)


# ---------------------------------------------------------------- one page

def _has_near_twins(chars: list[dict]) -> bool:
    """Whether any two characters with the same text, font and size lie within 1pt of each other
    (text printed twice to look bold): checked on a 1pt grid, neighbouring squares included.
    Each character's square (text, font, size, row, column) goes into one set, and the set
    meets itself shifted by one square ahead (right, down-left, down, down-right): the loops run
    in C (map, zip, set), not once per character in Python; all of it in C with disclosure._speedups
    (its near_twins, the same answer; it declines, and this runs, where a key or position is not
    a plain str, str, float)."""
    got = speedups.call("near_twins", chars)
    if got is not None:
        return got
    keys = list(map(_KEY, chars))
    try:
        ys = list(map(floor, map(_TOP, chars)))
        xs = list(map(floor, map(_X0, chars)))
    except (ValueError, OverflowError) as e:  # a coordinate that is not a number
        raise ValueError("a character's position is not a finite number") from e
    squares = set(zip(keys, ys, xs))
    if len(squares) < len(chars):  # two in one square
        return True
    for dy, dx in ((0, 1), (1, -1), (1, 0), (1, 1)):
        ahead = zip(keys, map(add, ys, repeat(dy)), map(add, xs, repeat(dx)))
        if not squares.isdisjoint(ahead):
            return True
    return False


_KEY, _TOP, _X0 = itemgetter("text", "fontname", "size"), itemgetter("top"), itemgetter("x0")


def _slanted(c: dict) -> bool:
    """Whether a character is turned off the page's axes (layout.off_axes): pdfium's characters
    say so, pdfminer's give their matrix."""
    if "slanted" in c:
        return c["slanted"]
    m = c.get("matrix")
    return bool(m) and layout.off_axes(m)


def _dedupe(chars: list[dict], tolerance: float = 1) -> list[dict]:
    """pdfplumber's dedupe_chars (same text, font and size within `tolerance` points: keep the
    first), with the same clustering but without its quadratic final sort (chars.index per char),
    and skipped on pages where no character has a twin close by."""
    from disclosure.extract.plumbing import cluster_objects  # (pdfplumber's)

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
    """The characters whose middle lies on the page (its bbox, edges included). In C with
    disclosure._speedups (its visible: the same list; it declines, and this runs, on anything but
    plain dicts of floats and a tuple of floats)."""
    got = speedups.call("visible", chars, page.bbox)
    if got is not None:
        return got
    x0, top, x1, bottom = page.bbox
    return [c for c in chars if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom]


def _apart(chars: list[dict], notes: list[str]) -> tuple[list[dict], list[dict], set[int]]:
    """(upright characters, characters turned a quarter, ids of the characters set aside) of a
    page, in the page's order; what is set aside is said in `notes`. Text turned off the page's axes
    (a diagonal watermark: 内部公开, 仅供参考) is not the page's text; nor is text neither upright nor
    turned a quarter (mirrored): set aside, each said in a note. Turned a quarter (extract/turned.py)
    is read. Upright characters cost one test each; the others are told apart only when present."""
    kept, other = [], []
    for c in chars:
        # (a character with neither "slanted" nor "matrix", pdfium's upright text on the axes, is
        # not slanted: _slanted not called for it)
        if c.get("upright", True) and (("slanted" not in c and "matrix" not in c) or not _slanted(c)):
            kept.append(c)
        else:
            other.append(c)
    if not other:
        return kept, [], set()
    quarter, slanted, mirrored = [], [], []
    for c in other:
        if turned.quarter(c):
            quarter.append(c)
        else:
            (slanted if c.get("upright", True) else mirrored).append(c)
    said = "".join(c["text"] for c in slanted).strip()
    if said:
        notes.append(f"{len(said)} {turned.SLANTED} (a watermark? {said[:30]})")
    said = "".join(c["text"] for c in mirrored).strip()
    if said:
        notes.append(f"{len(said)} {turned.MIRRORED} ({said[:30]})")
    return kept, quarter, {id(c) for c in slanted + mirrored}


def _rules(page, boxes: list[tuple]) -> list[tuple[float, float, float]]:
    """Horizontal rules outside the ruled tables found: (y, x0, x1), points from the top-left."""
    return layout.rules_outside([(e["top"], e["x0"], e["x1"]) for e in page.horizontal_edges], boxes)


def _reread_parts(before: list[Grid], after: list[Grid], chars: list[dict], left: list[dict], number: int,
                  rules: list[tuple[float, float, float]]) -> tuple[list[Grid], list[dict]]:
    """Two tables side by side that the aligned reader took for one grid, cut in two by
    layout.split_under_titles, read again each from its own characters: rows of one table no
    longer fall into the other's lines (a heading wrapped over two lines, 科目代 / 码, beside the
    other table's 栏次 line, read as one row, 码 | 栏次 | 1, a body row: the codes under 科目代 lost,
    U020-00210 p.7). `before`, `after`: the page's grids before and after the cut; `chars`: the
    characters the aligned reader was given, `left` those it left for text lines. The characters
    read are the grid's and the text level with it or up to 2.5 lines over it (none in another
    grid's box), each on its side of the cut (a line over the grid by its runs); both parts are
    replaced when each side reads as one grid, and characters the new reading leaves are text
    lines. Returns the grids and the characters left for text lines (`after` and `left`
    themselves when nothing was read again)."""
    free = {id(c) for c in left}
    kept = {id(g) for g in before}
    out, extra, changed, taken = list(after), [], False, set()
    for g in before:
        if not g.aligned or any(h is g for h in after):
            continue
        parts = sorted((h for h in after if id(h) not in kept and h.box.top >= g.box.top - 1
                        and h.box.bottom <= g.box.bottom + 1 and g.box.x0 - 1 <= h.box.x0 and h.box.x1 <= g.box.x1 + 1),
                       key=lambda h: h.box.x0)
        if len(parts) != 2:
            continue
        cut = (parts[0].box.x1 + parts[1].box.x0) / 2
        # (with the text level with it or just over it, left as text, in another grid's box none:
        # a heading line of the table that starts higher, level with the other's 单位 line,
        # U020-00953 p.8; a heading set past the figures under it, centred in a wide cell or one
        # character a line, U042-00012 p.10, U042-00021 p.10; what the reading leaves stays text)
        size = max((c["size"] for c in chars if id(c) not in free), default=9.0)
        own = [c for c in chars if g.box.top - 1 - (2.5 * size if id(c) in free else 0) <= (c["top"] + c["bottom"]) / 2
               <= g.box.bottom + 1
               and not any(h is not g and h.box.top - 1 <= (c["top"] + c["bottom"]) / 2 <= h.box.bottom + 1
                           and h.box.x0 - 1 <= (c["x0"] + c["x1"]) / 2 <= h.box.x1 + 1 for h in before)]
        # a line over the grid goes by its runs (a 单位：元 set past the cut is one run): each to the
        # side of its middle; the grid's characters each by its own
        middle = {id(c): (c["x0"] + c["x1"]) / 2 for c in own}
        for row in layout.rows_of([c for c in own if id(c) in free]):
            for run in layout._runs(row):
                for c in run:
                    middle[id(c)] = (run[0]["x0"] + run[-1]["x1"]) / 2
        halves = [[c for c in own if middle[id(c)] < cut], [c for c in own if middle[id(c)] >= cut]]
        # (each half with the rules on its side only: a rule under both tables is two)
        sides = ((float("-inf"), cut), (cut, float("inf")))
        read = [aligned.grids(half, number, [(y, max(x0, lo), min(x1, hi)) for y, x0, x1 in rules
                                             if min(x1, hi) - max(x0, lo) > 1])
                for half, (lo, hi) in zip(halves, sides)]
        if not all(len(gs) == 1 for gs, _, _ in read):
            continue
        for part, half, (gs, rest, _), (lo, hi) in zip(parts, halves, read, sides):
            # (its box as wide as the part it replaces, on its side of the cut: a grid reaches to the
            # rules round it; its text may end short of a 单位 line set at the table's edge, which
            # the lines over the tables are parted by, beside_in_order, U042-00012 p.10)
            box = replace(gs[0].box, x0=max(min(gs[0].box.x0, part.box.x0), lo),
                          x1=min(max(gs[0].box.x1, part.box.x1), hi))
            out[next(i for i, h in enumerate(out) if h is part)] = replace(gs[0], box=box)
            back = {id(c) for c in rest}
            taken |= {id(c) for c in half if id(c) not in back}
            extra += [c for c in rest if id(c) not in free]
        changed = True
    if not changed:
        return after, left
    return out, [c for c in left if id(c) not in taken] + extra


def _read_page(page, number: int, carry: list[list[dict]] | None = None) -> tuple[RawPage, int, list[tuple]]:
    """The page from its text layer, with its triage (the caller decides whether to read its image);
    how many of the `carry` lines (the page before's last, as characters) a table here took as its
    heading rows; and this page's own last text lines after its last table (TextLine, characters)."""
    raw = RawPage(number, float(page.width), float(page.height))
    chars = page.chars
    for note in (getattr(page, "disclosure_note", ""), xobjects.skipped(page)):  # past the XObject bounds
        if note:
            raw.notes.append(note)
    visible = _visible(page, chars)
    hidden = ""
    if len(visible) < len(chars):  # (visible is a part of chars: as many is all of them)
        shown = {id(c) for c in visible}
        hidden = "".join(c["text"] for c in chars if id(c) not in shown).strip()
    if hidden:
        # exporters leave content outside the page (Word tables run past the bottom, a unit
        # beyond the right edge): not printed, so not read; the table finder sees the page only
        raw.notes.append(f"{len(hidden)} characters outside the visible page ignored ({hidden[:30]}…)")
        page = page.crop(page.bbox, relative=False, strict=False)
        chars = visible
    chars = _dedupe(chars)
    raw.triage, raw.triage_reason = triage.classify(chars, page.images, raw.width, raw.height)
    notes: list[str] = []
    kept, quarter, aside = _apart(chars, notes)
    if quarter and turned.mostly_turned([c for c in kept if c["text"].strip()],
                                        [c for c in quarter if c["text"].strip()]):
        # a landscape page drawn turned on a portrait sheet (no /Rotate): read turned back
        way = turned.way_of(quarter)
        page = turned.turn_page(page, chars, way)
        raw.width, raw.height = float(page.width), float(page.height)
        raw.notes.append(f"the page's text is turned {way}° (no /Rotate): read as the page turned back, "
                         f"{raw.width:.0f} x {raw.height:.0f} points, its boxes in those")
        chars = page.chars
        notes = []  # (what is set aside is said once, of the page turned back)
        kept, quarter, aside = _apart(chars, notes)
    raw.notes.extend(notes)
    if quarter:  # turned runs among upright text (a rotated heading cell): read in reading order
        kept = turned.as_upright([c for c in chars if id(c) not in aside], quarter)
    chars = [c for c in kept if c["text"].strip()]
    if not chars:
        raw.method = "none"
        return raw, 0, []

    grids: list[Grid] = []
    used = [False] * len(chars)
    boxes = []
    for table in page.find_tables():
        grid = layout.grid(table, chars, used, number)
        if grid is not None:
            grids.append(grid)
            boxes.append(table.bbox)
    rest = [c for c, u in zip(chars, used) if not u]
    rows = layout.rows_of(rest)
    borderless, left, carried = aligned.grids(rest, number, _rules(page, boxes), carry, rows)
    grids += borderless
    pairs = layout.lines_with_chars(left, number, rows if left is rest else None)
    seq = {id(c): k for k, c in enumerate(rest)} if len(grids) > 1 or any(g.aligned for g in grids) else None
    split = layout.split_under_titles(pairs, grids, seq)
    if len(split) > len(grids):
        reread, more = _reread_parts(grids, split, rest, left, number, _rules(page, boxes))
        if reread is not split:
            split, left = reread, more
            pairs = layout.lines_with_chars(left, number)
    grids = split
    blocks, pairs = layout.beside_in_order(pairs, grids, number, seq)
    raw.blocks = blocks
    last_grid = max((g.box.bottom for g in grids), default=-1.0)
    tail = [(ln, row) for ln, row in pairs if ln.box.top > last_grid][-6:]
    return raw, carried, tail
