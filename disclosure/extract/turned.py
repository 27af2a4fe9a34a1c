"""Text turned a quarter (90 or 270 degrees) on a page that does not say so: read, not dropped.

The page reader (extract/pdf.py) reads upright characters. Text turned by a quarter is printed for
two reasons, and read here for each (issue #12):

- the page is a landscape page drawn turned on a portrait sheet without /Rotate: most of its text
  is turned. `turn_page` turns every object of the page back (characters, rules, images), so that
  the page reads as the landscape page it shows, its boxes in the turned page's points;
- a heading cell's text is rotated in its column (an office's text rotation; a narrow column of a
  三公 table): a few turned runs among upright text. `as_upright` assembles each run's characters
  into a line in reading order (bottom to top for text turned 90 degrees, top to bottom for 270)
  and lays it out as upright characters inside the run's box, so that the cell the run stands in
  reads it as its text.

Which way a character is turned comes from its matrix (pdfminer's characters carry it, pdfium's
carry it when not straight: extract/pdfium_reader.py): `quarter(c)`. Nothing here runs on a page
whose characters are all upright.
"""
from __future__ import annotations

from operator import itemgetter

UP, DOWN = 90, 270  # reading bottom to top (turned counter-clockwise), top to bottom (clockwise)
_NEAR = 0.02  # a turn within about a degree of a quarter is a quarter (matrices written in floats)
# what the page reader says of characters it sets aside unread (a page note, then a problem of the
# document): rule reading.text_set_aside (checks/reading.py) finds them by these words
SLANTED = "characters turned off the page's axes ignored"
MIRRORED = "characters neither upright nor turned a quarter (mirrored?) ignored"
SET_ASIDE = (SLANTED, MIRRORED)


def quarter(c: dict) -> int:
    """90 when the character is turned a quarter counter-clockwise (its line reads bottom to top),
    270 when clockwise (top to bottom), 0 otherwise (upright, mirrored, or at another angle)."""
    m = c.get("matrix")
    if not m:
        return 0
    a, b, cc, d = m[0], m[1], m[2], m[3]
    if b * cc >= 0 or abs(a) + abs(d) > _NEAR * (abs(b) + abs(cc)):
        return 0
    return UP if b > 0 else DOWN


def mostly_turned(kept: list[dict], turned: list[dict]) -> bool:
    """Whether a page's text is mostly turned (more turned characters than upright ones): the page
    is a turned page, not an upright one with a few turned headings."""
    return len(turned) > len(kept)


def way_of(turned: list[dict]) -> int:
    """The way most of the characters are turned (UP or DOWN)."""
    up = sum(1 for c in turned if quarter(c) == UP)
    return UP if up * 2 >= len(turned) else DOWN


# ---------------------------------------------------------------- a turned page

def _box(o: dict, way: int, w: float, h: float, doctop: float) -> dict:
    """The object `o` (x0 x1 top bottom in the page of w x h points, from its top left) in the page
    turned back: UP turns the page clockwise (its bottom-to-top lines read left to right), DOWN
    counter-clockwise. The turned page is h wide and w high."""
    x0, x1, top, bottom = o["x0"], o["x1"], o["top"], o["bottom"]
    if way == UP:
        nx0, nx1, ntop, nbottom = h - bottom, h - top, x0, x1
    else:
        nx0, nx1, ntop, nbottom = top, bottom, w - x1, w - x0
    out = dict(o)
    out.update(x0=nx0, x1=nx1, top=ntop, bottom=nbottom, y0=w - nbottom, y1=w - ntop, doctop=doctop + ntop)
    if "width" in o:
        out["width"], out["height"] = nx1 - nx0, nbottom - ntop
    if "pts" in o:
        out["pts"] = [_point(p, way, w, h) for p in o["pts"]]
    if "path" in o:
        out["path"] = [(cmd, *(_point(p, way, w, h) for p in pts)) for cmd, *pts in o["path"]]
    return out


def _point(p, way: int, w: float, h: float) -> tuple[float, float]:
    x, top = p
    return (h - top, x) if way == UP else (top, w - x)


def _char(c: dict, way: int, w: float, h: float, doctop: float) -> dict:
    """A character of the turned page: its box turned, its matrix turned with the page (so that
    the characters turned back are upright and the ones upright before are turned)."""
    out = _box(c, way, w, h, doctop)
    m = c.get("matrix") or (1.0, 0.0, 0.0, 1.0)
    a, b, cc, d = m[0], m[1], m[2], m[3]
    # the page's turn (x, y) -> (y, -x) for UP, (-y, x) for DOWN, after the character's own
    m = (-b, a, -d, cc) if way == UP else (b, -a, d, -cc)
    out["upright"] = m[0] * m[3] > 0 and m[1] * m[2] <= 0
    out.pop("slanted", None)
    if m[1] == 0 and m[2] == 0:
        out.pop("matrix", None)
    else:
        from disclosure.extract import layout

        out["matrix"] = m
        if layout.off_axes(m):
            out["slanted"] = True
    return out


def turn_page(page, chars: list[dict], way: int):
    """The page turned back (a PdfiumPage of its objects turned: `chars` for its characters, the
    page's own rules, curves and images), `way` the way its text is turned."""
    from disclosure.extract.pdfium_reader import PdfiumPage

    x0, top0, x1, bottom0 = page.bbox
    w, h = x1 - x0, bottom0 - top0
    doctop = getattr(page, "initial_doctop", 0.0) or 0.0
    shift = x0 != 0 or top0 != 0

    def moved(o: dict) -> dict:  # (a cropped page's objects: from its own top left)
        if not shift:
            return o
        out = dict(o, x0=o["x0"] - x0, x1=o["x1"] - x0, top=o["top"] - top0, bottom=o["bottom"] - top0)
        for k in ("pts",):
            if k in o:
                out[k] = [(px - x0, pt - top0) for px, pt in o[k]]
        if "path" in o:
            out["path"] = [(cmd, *((px - x0, pt - top0) for px, pt in pts)) for cmd, *pts in o["path"]]
        return out

    objects = {"char": [_char(moved(c), way, w, h, doctop) for c in chars]}
    for kind in ("line", "rect", "curve", "image"):
        objects[kind] = [_box(moved(o), way, w, h, doctop) for o in getattr(page, kind + "s", [])]
    return PdfiumPage(getattr(page, "page_number", 0), (0.0, 0.0, h, w), objects, doctop)


# ---------------------------------------------------------------- turned runs among upright text

def _runs(turned: list[dict], way: int) -> list[list[dict]]:
    """The characters turned `way` as lines: a line is a column of characters (their middles within
    a third of a size across), unbroken by a gap of more than a size along it; in reading order."""
    mid = [((c["x0"] + c["x1"]) / 2, c) for c in turned]
    mid.sort(key=itemgetter(0))
    columns: list[list[dict]] = []
    last = None
    for x, c in mid:
        size = c["x1"] - c["x0"] or c.get("size", 1.0)
        if last is not None and x - last <= size / 3:
            columns[-1].append(c)
        else:
            columns.append([c])
            last = x
    lines = []
    for col in columns:
        col.sort(key=itemgetter("top"))
        run = [col[0]]
        for c in col[1:]:
            size = max(c["x1"] - c["x0"], run[-1]["x1"] - run[-1]["x0"])
            if c["top"] - run[-1]["bottom"] > size:
                lines.append(run)
                run = [c]
            else:
                run.append(c)
        lines.append(run)
    return [ln[::-1] if way == UP else ln for ln in lines]


def _blocks(lines: list[list[dict]], way: int) -> list[list[list[dict]]]:
    """Lines next to one another along a shared stretch (a heading wrapped in its cell) as one
    block, its lines in reading order: left to right for UP, right to left for DOWN."""
    def box(ln):
        return (min(c["x0"] for c in ln), max(c["x1"] for c in ln), min(c["top"] for c in ln),
                max(c["bottom"] for c in ln))

    boxed = sorted(((box(ln), ln) for ln in lines), key=lambda b: b[0][0])
    blocks: list[list[tuple]] = []
    for b, ln in boxed:
        if blocks:
            pb = blocks[-1][-1][0]
            size = pb[1] - pb[0]
            if b[0] - pb[1] <= size * 0.6 and min(b[3], pb[3]) - max(b[2], pb[2]) > 0:
                blocks[-1].append((b, ln))
                continue
        blocks.append([(b, ln)])
    out = []
    for blk in blocks:
        lns = [ln for _, ln in blk]
        out.append(lns if way == UP else lns[::-1])
    return out


def _laid(block: list[list[dict]]) -> list[dict]:
    """Upright characters for a block of turned lines: each line across the block's width (its
    characters narrowed to fit), the lines one under another about the block's middle."""
    x0 = min(c["x0"] for ln in block for c in ln)
    x1 = max(c["x1"] for ln in block for c in ln)
    top = min(c["top"] for ln in block for c in ln)
    bottom = max(c["bottom"] for ln in block for c in ln)
    size = max(c["x1"] - c["x0"] for ln in block for c in ln) / len(block)
    first = (top + bottom) / 2 - size * len(block) / 2
    out = []
    for i, ln in enumerate(block):
        t = first + i * size
        step = (x1 - x0) / len(ln)
        for k, c in enumerate(ln):
            ch = dict(c)
            ch.pop("matrix", None)
            ch.pop("slanted", None)
            a = x0 + k * step
            ch.update(x0=a, x1=a + step, top=t, bottom=t + size, width=step, height=size,
                      doctop=ch.get("doctop", 0.0) - c["top"] + t, upright=True, size=c.get("size", size))
            if "y0" in c:  # y0/y1 from the page's bottom: the box moved as top/bottom moved
                ch["y1"] = c["y1"] + (c["top"] - t)
                ch["y0"] = ch["y1"] - size
            out.append(ch)
    return out


def as_upright(chars: list[dict], turned: list[dict]) -> list[dict]:
    """`chars` (the page's characters in their order) with each run of `turned` ones (a subset)
    replaced by upright characters spelling it in reading order, where its first character stood."""
    made: dict[int, list[dict]] = {}
    for way in (UP, DOWN):
        these = [c for c in turned if quarter(c) == way]
        if not these:
            continue
        order = {id(c): i for i, c in enumerate(chars)}
        for block in _blocks(_runs(these, way), way):
            first = min((c for ln in block for c in ln), key=lambda c: order[id(c)])
            made[id(first)] = _laid(block)
    gone = {id(c) for c in turned}
    out = []
    for c in chars:
        if id(c) in gone:
            out.extend(made.get(id(c), ()))
        else:
            out.append(c)
    return out
