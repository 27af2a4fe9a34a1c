"""Text-layer pages read by pdfium (pypdfium2's raw bindings) into the objects pdfplumber gives.

pdfminer (under pdfplumber) parses content streams in Python, which is about 95% of reading a
page; pdfium does it in C. This module reads each page's characters, paths and images with pdfium
and builds the same dicts pdfplumber 0.11.10 builds from pdfminer.six's layout objects, so that
the rest of the page reader (extract/pdf.py: dedupe, triage, the table finder, rows, aligned
grids) runs unchanged on them:

- a character: ``{"text", "x0", "x1", "y0", "y1", "top", "bottom", "doctop", "width", "height",
  "size", "fontname", "upright", "object_type": "char", "page_number"}``, and for a character not
  on the page's axes ``"matrix"`` (a, b, c, d in page space; extract/turned.py reads which way it
  is turned) and, turned rather than sheared, ``"slanted"``; pdfminer's box, not
  pdfium's: from the origin, ``descent`` (the font descriptor's, negative) to ``descent + 1``
  times the font size up, and from the origin to the advance across (pdfium's loose box);
- a ``"line"``, ``"rect"`` or ``"curve"``: each subpath of a painted path, told apart as pdfminer
  tells them (``m l`` a line, a closed axis-aligned ``m l l l`` a rectangle, anything else a
  curve), with ``x0 y0 x1 y1 top bottom doctop width height pts linewidth stroke fill evenodd``;
- an ``"image"``: its bounds (``x0 x1 top bottom``).

All coordinates are PDF points: x from the left of the media box, ``top``/``bottom`` from its
top, ``y0``/``y1`` from its bottom, in the page as displayed (``/Rotate`` applied, as pdfminer
applies it). Like pdfminer, nothing is clipped: characters outside the page are kept (the caller
sets them aside), paths under a clipping path are kept.

A page is loaded, read and closed before the next (``PdfiumDocument.pages`` is a generator), so
memory holds one page's objects at a time.
"""
from __future__ import annotations

import ctypes
from bisect import bisect_left, bisect_right
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Iterator

import pypdfium2
import pypdfium2.raw  # noqa: F401  (the raw bindings: imported here, not on the first page read)
from disclosure.extract.plumbing import (DEFAULTS, Table, TableSettings, cells_to_tables, cluster_objects, crop_to_bbox,
                                         curve_to_edges)
from disclosure.rx import compile as rx_compile

from disclosure import heap, speedups
from disclosure.extract import lazy_miner, pdfobjects, xobjects
from disclosure.extract.layout import off_axes
from disclosure.extract.errors import InputError
from disclosure.extract.guard import budget
from disclosure.extract.streams import StreamTooLarge

_GENERATED_OK = {" ", "\r", "\n", "\x02", "\ufffe"}
BUDGET = 5.0  # seconds for pdfminer's part (font descriptors of a page, one font's widths): past it, pdfium's metrics
# pages: the document is opened again after so many (PdfiumDocument._reopen). Joined corpus PDFs
# (bench/memory_pages.py), peak of 150 pages: 70 MB at 50, 63 MB at 20 (and at 10); the CPU cost of
# opening again is within the noise of a loaded machine
REOPEN_EVERY = 20


def _lib():
    import pypdfium2.raw as pdfium_c

    return pdfium_c


class _Fast:
    """The few pdfium functions called once per character or path segment, with plain pointer
    types (addresses as ints) or none (`bare`): pypdfium2's typed pointers cost a conversion and a cast per call,
    which over a page's thousands of calls is most of the reading. Own function objects from the
    same loaded library (pypdfium2's keep their own argument types)."""

    def __init__(self):
        from pypdfium2_raw.bindings import _libs

        dll = _libs["pdfium"]
        V, I = ctypes.c_void_p, ctypes.c_int

        def proto(name, res, *args):
            fn = dll[name]  # a new function object: setting its types leaves pypdfium2's alone
            fn.restype, fn.argtypes = res, args
            return fn

        self.is_generated = proto("FPDFText_IsGenerated", I, V, I)
        self.page_count = proto("FPDFPage_CountObjects", I, V)
        self.form_count = proto("FPDFFormObj_CountObjects", I, V)

        # The calls made once per character and per path segment, without argument types:
        # ctypes then converts nothing through a type's from_param (which makes a new c_void_p for
        # each address given as an int), half the cost of a call. Every pointer argument must be
        # a ctypes object (c_void_p, byref) and every other one a Python int that fits a C int;
        # a handle these return is a _Handle (a c_void_p subclass, so ctypes leaves it an object,
        # false when NULL) to be passed straight back.
        def bare(name, res):
            fn = dll[name]
            fn.restype = res
            return fn

        self.c_text_object = bare("FPDFText_GetTextObject", V)  # -> int (compared, char to char)
        self.c_loose_box = bare("FPDFText_GetLooseCharBox", I)
        self.c_origin = bare("FPDFText_GetCharOrigin", I)
        self.c_font = bare("FPDFTextObj_GetFont", V)  # -> int (the key of a page's fonts)
        self.c_font_size = bare("FPDFTextObj_GetFontSize", I)
        self.c_matrix = bare("FPDFText_GetMatrix", I)
        self.c_page_object = bare("FPDFPage_GetObject", _Handle)
        self.c_form_object = bare("FPDFFormObj_GetObject", _Handle)  # (its index a c_ulong)
        self.c_object_type = bare("FPDFPageObj_GetType", I)
        self.c_object_matrix = bare("FPDFPageObj_GetMatrix", I)
        self.c_draw_mode = bare("FPDFPath_GetDrawMode", I)
        self.c_stroke_width = bare("FPDFPageObj_GetStrokeWidth", I)
        self.c_segments = bare("FPDFPath_CountSegments", I)
        self.c_segment = bare("FPDFPath_GetPathSegment", _Handle)
        self.c_seg_type = bare("FPDFPathSegment_GetType", I)
        self.c_seg_point = bare("FPDFPathSegment_GetPoint", I)
        self.c_seg_close = bare("FPDFPathSegment_GetClose", I)


class _Handle(ctypes.c_void_p):
    """A pointer a bare call returns, kept a ctypes object (a subclass is not turned into an int)."""


_FAST: _Fast | None = None


def _fast() -> _Fast:
    global _FAST
    if _FAST is None:
        _FAST = _Fast()
    return _FAST


_C_READY: list = []  # [whether disclosure._speedups was given pdfium's functions]


def _compiled():
    """disclosure._speedups (disclosure/speedups.py: the character and segment loops in C), given
    the addresses of the pdfium functions it calls (its FUNCTIONS) in the library pypdfium2
    loaded; None when it is not built or DISCLOSURE_SPEEDUPS=0, and the ctypes loops read (the
    same objects)."""
    mod = speedups.module()
    if mod is None:
        return None
    if not _C_READY:
        from pypdfium2_raw.bindings import _libs

        dll = _libs["pdfium"]
        mod.init({name: ctypes.cast(dll[name], ctypes.c_void_p).value for name in mod.FUNCTIONS})
        _C_READY.append(True)
    return mod


def _addr(handle) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


class PdfiumPage:
    """One page's objects as pdfplumber's ``Page`` gives them, with the few parts of its interface
    extract/pdf.py uses: ``chars rects lines curves images edges horizontal_edges``, ``bbox
    width height`` (points), ``crop(bbox, relative=False, strict=False)``, ``find_tables()``
    (pdfplumber's own table finder on these edges) and ``close()``. pdfplumber's Container's
    properties, written here (extract/plumbing.py: reading with pdfium imports no pdfplumber)."""

    def __init__(self, number: int, bbox: tuple[float, float, float, float], objects: dict[str, list[dict]],
                 initial_doctop: float = 0.0):
        self.page_number = number
        self.bbox = bbox
        self.initial_doctop = initial_doctop
        self._objects = objects

    @property
    def objects(self) -> dict[str, list[dict]]:
        return self._objects

    @property
    def rects(self) -> list[dict]:
        return self._objects.get("rect", [])

    @property
    def lines(self) -> list[dict]:
        return self._objects.get("line", [])

    @property
    def curves(self) -> list[dict]:
        return self._objects.get("curve", [])

    @property
    def images(self) -> list[dict]:
        return self._objects.get("image", [])

    @property
    def chars(self) -> list[dict]:
        return self._objects.get("char", [])

    @property
    def rect_edges(self) -> list[dict]:
        """pdfplumber's Container.rect_edges (nothing in the reader reads them: `edges` makes its own)."""
        from pdfplumber import utils

        return [e for r in self.rects for e in utils.rect_to_edges(r)]

    @property
    def curve_edges(self) -> list[dict]:
        """pdfplumber's Container.curve_edges."""
        return [e for c in self.curves for e in curve_to_edges(c)]

    @property
    def width(self) -> float:
        return self.bbox[2] - self.bbox[0]

    @property
    def height(self) -> float:
        return self.bbox[3] - self.bbox[1]

    def crop(self, bbox, relative: bool = False, strict: bool = False) -> "PdfiumPage":
        """The page's objects cropped to `bbox` (x0, top, x1, bottom; points), by pdfplumber's
        crop_to_bbox (plumbing.crop_to_bbox: objects partly outside are cut at the box). Only absolute boxes."""
        if relative:
            raise ValueError("PdfiumPage.crop takes an absolute box")
        return PdfiumPage(self.page_number, tuple(bbox),
                          {k: crop_to_bbox(v, bbox) for k, v in self._objects.items()}, self.initial_doctop)

    @property
    def edges(self) -> list[dict]:
        """pdfplumber's Container.edges (lines, then the four sides of each rect, then curves' segments),
        the same dicts in the same order, each made in one step rather than copied and updated."""
        got = self.__dict__.get("_edges")
        if got is None:
            got = self._edges = edges_of(self._objects)
        return got

    @property
    def horizontal_edges(self) -> list[dict]:
        """pdfplumber's Container.horizontal_edges (the edges whose orientation is "h", in order),
        the test written out rather than one Python function call an edge."""
        return [e for e in self.edges if e["orientation"] == "h"]

    def find_tables(self) -> list:
        """pdfplumber's tables (default settings: ruling lines) found on this page's edges: the
        steps of its TableFinder, two of them (intersections, cells) done by index rather than
        by comparing every pair (same results, in the same order; tests/test_pdfium_reader.py)."""
        st = _settings()
        edges = filter_edges(self.edges, "v", st.edge_min_length_prefilter) + \
            filter_edges(self.edges, "h", st.edge_min_length_prefilter)
        edges = merge_edges(edges, st.snap_x_tolerance, st.snap_y_tolerance, st.join_x_tolerance, st.join_y_tolerance)
        edges = filter_edges(edges, None, st.edge_min_length)
        points = edges_to_intersections(edges, st.intersection_x_tolerance, st.intersection_y_tolerance)
        return [Table(self, group) for group in cells_to_tables(intersections_to_cells(points))]

    def close(self) -> None:
        self._objects = {}
        for p in ("_rect_edges", "_curve_edges", "_edges"):
            self.__dict__.pop(p, None)


def _settings() -> TableSettings:
    """pdfplumber's default TableSettings (the values its ruling-lines finder reads: plumbing.DEFAULTS)."""
    return DEFAULTS


def filter_edges(edges: list[dict], orientation: str | None, min_length: float) -> list[dict]:
    """pdfplumber.utils.filter_edges (0.11.10) without an edge type: the edges of `orientation`
    ("v", "h"; None: both) at least `min_length` long (height of a vertical, width of a horizontal
    one), in their order; the test written out, not one function call an edge."""
    if orientation is None:
        return [e for e in edges if e["height" if e["orientation"] == "v" else "width"] >= min_length]
    key = "height" if orientation == "v" else "width"
    return [e for e in edges if e["orientation"] == orientation and e[key] >= min_length]


def edges_of(objects: dict[str, list[dict]]) -> list[dict]:
    """pdfplumber.container.Container.edges (0.11.10) of a page's objects: utils.line_to_edge of each
    line, utils.rect_to_edges of each rect, utils.curve_to_edges of each curve. The lines' and
    rects' in C with disclosure._speedups (its edges_of: the same dicts, keys in the same order; it
    declines, and this runs, where an object is not a dict or lacks a key read)."""
    got = speedups.call("edges_of", objects, curve_to_edges)
    if got is not None:
        return got
    out = [{**ln, "orientation": "h" if ln["top"] == ln["bottom"] else "v"} for ln in objects.get("line", [])]
    for r in objects.get("rect", []):
        out += ({**r, "object_type": "rect_edge", "height": 0, "y0": r["y1"], "bottom": r["top"], "orientation": "h"},
                {**r, "object_type": "rect_edge", "height": 0, "y1": r["y0"], "top": r["top"] + r["height"],
                 "doctop": r["doctop"] + r["height"], "orientation": "h"},
                {**r, "object_type": "rect_edge", "width": 0, "x1": r["x0"], "orientation": "v"},
                {**r, "object_type": "rect_edge", "width": 0, "x0": r["x1"], "orientation": "v"})
    for c in objects.get("curve", []):
        out += curve_to_edges(c)
    return out


def merge_edges(edges: list[dict], snap_x_tolerance: float, snap_y_tolerance: float,
                join_x_tolerance: float, join_y_tolerance: float) -> list[dict]:
    """pdfplumber.table.merge_edges (0.11.10): edges snapped to their cluster's mean position, then
    joined along each line; the same dicts in the same order, each moved or stretched edge made in
    one step (pdfplumber rebuilds it from a tuple of all its items)."""
    if snap_x_tolerance > 0 or snap_y_tolerance > 0:
        edges = _snapped([e for e in edges if e["orientation"] == "v"], "x0", snap_x_tolerance) + \
            _snapped([e for e in edges if e["orientation"] == "h"], "top", snap_y_tolerance)

    # pdfplumber sorts and groups by ("h", top) or ("v", x0): the horizontal edges by top, then the
    # vertical ones (any other orientation among them) by x0, each sort stable, as here
    out: list[dict] = []
    for lines, attr, tolerance, kind in (([e for e in edges if e["orientation"] == "h"], "top", join_x_tolerance, "h"),
                                         ([e for e in edges if e["orientation"] != "h"], "x0", join_y_tolerance, "v")):
        key = itemgetter(attr)
        for _, items in groupby(sorted(lines, key=key), key=key):
            out += _joined(items, kind, tolerance)
    return out


def _snapped(objs: list[dict], attr: str, tolerance: float) -> list[dict]:
    """pdfplumber.utils.snap_objects (0.11.10)."""
    out: list[dict] = []
    for cluster in cluster_objects(objs, itemgetter(attr), tolerance):
        avg = sum(map(itemgetter(attr), cluster)) / len(cluster)
        out += [_moved(obj, attr, avg - obj[attr]) for obj in cluster]
    return out


def _moved(obj: dict, attr: str, value: float) -> dict:
    """pdfplumber.utils.move_object (0.11.10): across for x0/x1, down for top/bottom. Not moved
    (`value` zero, every value it would touch a float other than zero, whose sign of zero adding
    0.0 could change): the edge itself, not a copy with the same values."""
    if value == 0 and type(value) is float:
        for k in (("x0", "x1") if attr in ("x0", "x1") else ("top", "bottom", "doctop", "y0", "y1")):
            v = obj.get(k, 1.0)  # (a key absent passes)
            if type(v) is not float or v == 0:
                break
        else:
            return obj
    if attr in ("x0", "x1"):
        return {**obj, "x0": obj["x0"] + value, "x1": obj["x1"] + value}
    new = {**obj, "top": obj["top"] + value, "bottom": obj["bottom"] + value}
    if "doctop" in obj:
        new["doctop"] = obj["doctop"] + value
    if "y0" in obj:
        new["y0"], new["y1"] = obj["y0"] - value, obj["y1"] - value
    return new


def _joined(edges, orientation: str, tolerance: float) -> list[dict]:
    """pdfplumber.table.join_edge_group (0.11.10): edges of one line joined where they meet within `tolerance`."""
    lo, hi = ("x0", "x1") if orientation == "h" else ("top", "bottom")
    ordered = sorted(edges, key=itemgetter(lo))
    joined = [ordered[0]]
    for e in ordered[1:]:
        last = joined[-1]
        if e[lo] <= last[hi] + tolerance:
            if e[hi] > last[hi]:
                joined[-1] = _stretched(last, hi, e[hi])
        else:
            joined.append(e)
    return joined


def _stretched(obj: dict, key: str, value: float) -> dict:
    """pdfplumber.utils.resize_object (0.11.10) for the far end (x1 or bottom), the only one joining moves."""
    if key == "x1":
        assert value >= obj["x0"]
        return {**obj, "x1": value, "width": value - obj["x0"]}
    assert key == "bottom" and value >= obj["top"]
    new = {**obj, "bottom": value, "height": obj["height"] + (value - obj["bottom"])}
    if "y0" in obj:
        new["y0"] = obj["y0"] - (value - obj["bottom"])
    return new


def edges_to_intersections(edges: list[dict], x_tolerance: float = 1, y_tolerance: float = 1) -> dict:
    """pdfplumber.table.edges_to_intersections (0.11.10), the horizontal edges sorted once and
    only those within reach of each vertical one visited: {(x, y): {"v": [...], "h": [...]}}."""
    out: dict = {}
    v_edges = sorted((e for e in edges if e["orientation"] == "v"), key=itemgetter("x0", "top"))
    h_edges = sorted((e for e in edges if e["orientation"] == "h"), key=itemgetter("top", "x0"))
    tops = [h["top"] for h in h_edges]
    for v in v_edges:
        vx, vtop, vbottom = v["x0"], v["top"], v["bottom"]
        lo = bisect_left(tops, vtop - y_tolerance)
        hi = bisect_right(tops, vbottom + y_tolerance)
        for h in h_edges[lo:hi]:
            # the original's test, kept whole (the bisection only skips edges it rejects)
            if vtop <= h["top"] + y_tolerance and vbottom >= h["top"] - y_tolerance and \
                    h["x0"] - x_tolerance <= vx <= h["x1"] + x_tolerance:
                got = out.get((vx, h["top"]))
                if got is None:
                    got = out[(vx, h["top"])] = {"v": [], "h": []}
                got["v"].append(v)
                got["h"].append(h)
    return out


def intersections_to_cells(intersections: dict) -> list[tuple]:
    """pdfplumber.table.intersections_to_cells (0.11.10): for each intersection in sorted order,
    the smallest cell it is the top-left corner of, trying the points below and to the right in
    the original's order; each point's edges as sets of boxes once, not once per comparison. In C
    with disclosure._speedups (its cells: the same cells; it declines, and this runs, where a point
    or a box is not plain floats)."""
    got = speedups.call("cells", intersections)
    if got is not None:
        return got
    numbers: dict = {}  # an edge's box -> a number: two edges with one box are one (as pdfplumber's sets of boxes)
    of_edge: dict = {}  # id(edge) -> its box's number: each edge's box made once, not once a point it crosses

    def number(e) -> int:  # (from 1: `or` takes a number found)
        got = of_edge[id(e)] = numbers.setdefault((e["x0"], e["top"], e["x1"], e["bottom"]), len(numbers) + 1)
        return got

    def boxes(edges):
        return {of_edge.get(id(e)) or number(e) for e in edges}

    points = sorted(intersections)
    v_sets = {p: boxes(intersections[p]["v"]) for p in points}
    h_sets = {p: boxes(intersections[p]["h"]) for p in points}
    column: dict = {}  # x -> the points on it, by y
    row: dict = {}  # y -> the points on it, by x
    for p in points:
        column.setdefault(p[0], []).append(p)
        row.setdefault(p[1], []).append(p)

    def connects(p1, p2) -> bool:
        if p1[0] == p2[0] and not v_sets[p1].isdisjoint(v_sets[p2]):
            return True
        return p1[1] == p2[1] and not h_sets[p1].isdisjoint(h_sets[p2])

    cells = []
    for pt in points:
        below = [q for q in column[pt[0]] if q > pt]
        right = [q for q in row[pt[1]] if q > pt]
        found = None
        for below_pt in below:
            if not connects(pt, below_pt):
                continue
            for right_pt in right:
                if not connects(pt, right_pt):
                    continue
                corner = (right_pt[0], below_pt[1])
                if corner in intersections and connects(corner, right_pt) and connects(corner, below_pt):
                    found = (pt[0], pt[1], corner[0], corner[1])
                    break
            if found:
                break
        if found:
            cells.append(found)
    return cells


class PdfiumDocument:
    """A PDF opened by pdfium. Raises InputError (one line) when pdfium cannot open it:
    "encrypted PDF (password required)" or "corrupt or truncated PDF (...)"."""

    def __init__(self, path: Path):
        self.path = path
        try:
            self.doc = pypdfium2.PdfDocument(str(path))
        except pypdfium2.PdfiumError as e:
            text = str(e)
            if "password" in text.lower():
                raise InputError(str(path), "encrypted PDF (password required)") from e
            raise InputError(str(path), f"corrupt or truncated PDF (pdfium: {text[:120]})") from e
        self._fonts: dict[int, tuple] = {}
        self._descriptors = _Descriptors(path)
        self._plumber = None  # pdfplumber's document, opened for a page past the XObject bounds

    def __len__(self) -> int:
        return len(self.doc)

    @property
    def metadata(self) -> dict:
        """The document information dictionary (Title, Author, Producer, ...), non-empty strings."""
        try:
            return {k: v for k, v in self.doc.get_metadata_dict(skip_empty=True).items()}
        except Exception:  # a broken info dictionary is no reason to lose the pages
            return {}

    def pages(self) -> Iterator[tuple[int, PdfiumPage | Exception, float, float]]:
        """Each page in turn: (number from 1, the page or the error reading it, width, height in
        points as displayed). One page is held at a time. A page past the XObject bounds
        (extract/xobjects.py) is never loaded by pdfium (loading parses it, every draw expanded):
        it comes as pdfplumber's page, read within the bounds, with `disclosure_note` saying why."""
        doctop = 0.0
        for i in range(len(self.doc)):
            width = height = 0.0
            if i and i % REOPEN_EVERY == 0:
                self._reopen()
            try:  # surveyed before pdfium loads the page: its streams' sizes, its XObject draws
                fonts = self._descriptors.page(i)
                fan = self._descriptors.fanout
                over = fan.over(*self._descriptors.bounds) if fan is not None else ""
                if over:
                    page = self._bounded_page(i, over)
                    width, height = float(page.width), float(page.height)
            except Exception as e:
                yield i + 1, e, width, height
                continue
            if over:
                yield i + 1, page, width, height
                doctop += height
                continue
            try:
                page = self.doc[i]
            except Exception as e:  # a page pdfium cannot load costs that page only
                yield i + 1, e, width, height
                continue
            try:
                bbox, ctm = _geometry(page)
                width, height = bbox[2] - bbox[0], bbox[3] - bbox[1]
                self._fonts.clear()  # font handles are the page's: a later page may reuse an address
                objects = read_objects(page, ctm, height, i + 1, doctop, self._fonts, fonts, self._descriptors.widths)
                yield i + 1, PdfiumPage(i + 1, bbox, objects, doctop), width, height
            except Exception as e:
                yield i + 1, e, width, height
            finally:
                page.close()
            doctop += height

    def _bounded_page(self, index: int, over: str):
        """Page `index` as pdfplumber reads it, its draws bounded (extract/xobjects.py), with a
        note saying why pdfium did not read it."""
        from disclosure.extract.pdf import _fast_objects, _open

        if self._plumber is None:
            self._plumber = _open(self.path)
        page = self._plumber.pages[index]
        _fast_objects(page)
        page.disclosure_note = f"{over}: not read by pdfium"
        return page

    def _reopen(self) -> None:
        """pdfium keeps what it parsed for the pages it read (fonts, colour spaces, images) until
        the document is closed: opened again, memory stays flat over a long document."""
        self.doc.close()
        self._fonts.clear()
        heap.release()  # what the pages before freed, pdfium's caches among it (disclosure/heap.py)
        self.doc = pypdfium2.PdfDocument(str(self.path))

    def close(self) -> None:
        self.doc.close()
        self._descriptors.close()
        if self._plumber is not None:
            self._plumber.close()


_SUBSET = rx_compile(r"^[A-Z]{6}\+")


class _Descriptors:
    """What pdfminer reads of each page before pdfium loads it (see _MinerDescriptors: its fonts'
    descriptors, the XObject survey, the widths of a font the file does not embed), read by
    extract/pdfobjects.py, which answers as pdfminer does or declines: from the first page it
    declines (any error of its own, StreamTooLarge among them), pdfminer reads the file from
    there to its end (_MinerDescriptors, which takes its pages from the first), so every answer
    is pdfminer's. page(i), fanout, widths(spec), close() as _MinerDescriptors'."""

    def __init__(self, path: Path):
        self.path = path
        self.miner: _MinerDescriptors | None = None
        self.fanout: xobjects.Fanout | None = None
        self.at = -1
        self.current: dict = {}
        self._widths: dict[int, tuple] = {}
        self._fonts: dict[int, tuple] = {}  # id(font dictionary) -> (it, its _MineFont)
        self._fonts_of: _MinerFonts | None = None  # pdfminer's font dictionaries, for a font this reader declines
        self.doc = self.pages = None
        # the XObject bounds in force when the document is opened (limits.current(): nine
        # variables read from the environment, once a document rather than twice a page)
        self.bounds = xobjects.bounds()
        try:
            with budget(BUDGET, "font descriptors"):
                self.doc = pdfobjects.Document(path)
                self.pages = pdfobjects.pages(self.doc)
        except Exception:
            self._decline()

    def _decline(self) -> None:
        if self.doc is not None:
            self.doc.close()
        self.doc = self.pages = None
        if self.miner is None:
            self.miner = _MinerDescriptors(self.path)

    def page(self, index: int) -> dict:
        if self.miner is not None:
            got = self.miner.page(index)
            self.fanout = self.miner.fanout
            return got
        try:
            got = self._page(index)
        except Exception:
            self._decline()
            return self.page(index)
        return got

    def _page(self, index: int) -> dict:
        doc = self.doc
        while self.at < index:
            self.fanout = None
            with budget(BUDGET, "font descriptors and XObject survey"):  # (one budget a page: past it, pdfminer's)
                props = next(self.pages, None)
                if props is None:
                    raise pdfobjects.Decline("fewer pages than pdfium's")
                self.at += 1
                if self.at % REOPEN_EVERY == 0:
                    doc.forget()
                    self._widths.clear()
                    self._fonts.clear()
                model = _Mine(doc, self.at, self._fonts)
                resources, contents = pdfobjects.page_parts(doc, props)
                self.current = _page_fonts(resources, model)
                self.fanout = xobjects.survey_parts(contents, resources, model, *self.bounds)
        if self.at != index:
            raise pdfobjects.Decline("a page asked for again")
        return self.current

    def widths(self, spec):
        """_widths of a font dictionary, made once a document: this reader's for a simple font
        in WinAnsiEncoding (_simple_widths), pdfminer's font machinery otherwise (the font
        dictionary pdfminer reads at the same page and name)."""
        if self.miner is not None and not isinstance(spec, _MineFont):
            return self.miner.widths(spec)
        got = self._widths.get(id(spec))
        if got is None or got[0] is not spec:
            made = _simple_widths(spec)
            if made is None:
                if self._fonts_of is None:
                    self._fonts_of = _MinerFonts(self.path)
                made = self._fonts_of.widths(spec.page, spec.key)
            got = self._widths[id(spec)] = (spec, made)
        return got[1]

    def close(self) -> None:
        if self.doc is not None:
            self.doc.close()
        self.doc = self.pages = None
        if self.miner is not None:
            self.miner.close()
        if self._fonts_of is not None:
            self._fonts_of.close()


class _MineFont(dict):
    """A font dictionary read by extract/pdfobjects.py, with where pdfminer finds the same one:
    the page (index) and the name (without subset tag) under which _page_fonts keeps it."""

    __slots__ = ("page", "key", "doc")


class _MinerFonts:
    """pdfminer's font dictionaries by page and name, for widths this reader does not make: the
    document parsed by pdfminer when first asked, pages walked forward (again from the first for
    an earlier page)."""

    def __init__(self, path: Path):
        self.path, self.miner, self.cache = path, None, {}

    def widths(self, page: int, key: str):
        if self.miner is None or self.miner.at > page:
            if self.miner is not None:
                self.miner.close()
            self.miner = _MinerDescriptors(self.path)
        got = self.miner.page(page)
        if key not in got:
            return None
        return self.miner.widths(got[key][2])

    def close(self) -> None:
        if self.miner is not None:
            self.miner.close()


_MINER = lazy_miner.MINER


class _Mine:
    """extract/pdfobjects.py's objects as _page_fonts, _descent and xobjects.survey_parts read them."""

    def __init__(self, doc: pdfobjects.Document, page: int, fonts: dict):
        self.doc, self.page, self.fonts = doc, page, fonts
        self.resolve = doc.resolve

    def stream(self, x):
        x = self.doc.resolve(x)
        return x if isinstance(x, pdfobjects.Stream) else None

    @staticmethod
    def literal(v):
        return str(v) if isinstance(v, pdfobjects.Name) else None

    @staticmethod
    def text(v):
        if isinstance(v, pdfobjects.String):
            if b"\\" in v:  # an escape: pdfminer's reading of it is not made here
                raise pdfobjects.Decline("an escaped string as a font name")
            return bytes(v)
        return None

    def data(self, stream) -> bytes:
        return self.doc.data(stream)

    def font(self, spec, key):
        """The font dictionary as a _MineFont, one a dictionary (parsed once) however many pages use it."""
        got = self.fonts.get(id(spec))
        if got is None or got[0] is not spec:
            font = _MineFont(spec)
            font.page, font.key, font.doc = self.page, key, self.doc
            got = self.fonts[id(spec)] = (spec, font)
        return got[1]


def _simple_widths(spec: _MineFont):
    """_widths_of for the plain case of a font the file does not embed, made as pdfminer makes it
    (pdfinterp.PDFResourceManager.get_font: a PDFTrueTypeFont or PDFType1Font; pdffont's
    PDFSimpleFont in WinAnsiEncoding, no ToUnicode, /FirstChar and /Widths, /MissingWidth, 0.001
    em a unit; `_widths_of`'s table: each text's first code's width); None for anything else
    (pdfminer makes it then)."""
    doc = spec.doc
    r = doc.resolve
    sub = r(spec.get("Subtype"))
    base = r(spec.get("BaseFont"))
    if not isinstance(sub, pdfobjects.Name) or sub not in ("TrueType", "Type1", "MMType1") or \
            not isinstance(base, pdfobjects.Name) or base in _STANDARD_DESCENT or "ToUnicode" in spec:
        return None
    enc = r(spec["Encoding"]) if "Encoding" in spec else None
    descriptor = r(spec.get("FontDescriptor", {}))
    descriptor = descriptor if isinstance(descriptor, dict) else {}
    if enc is None:
        if sub != "TrueType" or "FontFile" in descriptor:
            return None
    elif not (isinstance(enc, pdfobjects.Name) and enc == "WinAnsiEncoding"):
        return None
    first = r(spec.get("FirstChar", 0))
    widths = r(spec.get("Widths"))
    missing = r(descriptor.get("MissingWidth", 0))
    if type(first) is not int or not isinstance(widths, list) or type(missing) not in (int, float):
        return None
    widths = [r(w) for w in widths]
    if not all(type(w) in (int, float) for w in widths):
        return None
    by_code = {i + first: w for i, w in enumerate(widths)}
    from disclosure.extract.winansi import WIN_ANSI

    table: dict[str, float] = {}
    for cid, u in WIN_ANSI.items():
        if u not in table:
            w = by_code.get(cid)
            table[u] = float(w) * 0.001 if w is not None else missing * 0.001
    return table.get


class _MinerDescriptors:
    """(pdfminer's parser: _Descriptors reads a file this way where extract/pdfobjects.py declines it.)
    The font descriptors' /Descent of each page's fonts (its resources and its forms'), read
    with pdfminer's object parser (no content stream is parsed: a few milliseconds a document),
    as pdfminer reads them: a standard-14 name takes its AFM metrics, a missing /Descent is 0, a
    positive one is negated. pdfium gives the descriptor's value too, but when a descriptor says
    0 it measures glyphs instead (LibreOffice writes Ascent 0 Descent 0), and it truncates to
    integers; character boxes must be pdfminer's for the rows and cells to come out the same.
    page(i): {base font name without its subset tag: (name as printed, descent in 1/1000 em)},
    empty when pdfminer cannot parse the file (pdfium's own descent is used then)."""

    def __init__(self, path: Path):
        self.fp = None
        self.doc = None
        self.pages = None
        self.at = -1
        self.current: dict = {}
        self.bounds = xobjects.bounds()  # (as _Descriptors': the bounds in force when the document is opened)
        self.fanout: xobjects.Fanout | None = None  # the XObject draws of the page last asked for (None: not surveyed)
        self._widths: dict[int, tuple] = {}  # id(font dictionary) -> (it, _widths(it)): built once, not once a page
        try:
            from pdfminer.pdfdocument import PDFDocument
            from pdfminer.pdfpage import PDFPage
            from pdfminer.pdfparser import PDFParser

            lazy_miner.load()
            self.fp = open(path, "rb")
            with budget(BUDGET, "font descriptors"):
                self.doc = PDFDocument(PDFParser(self.fp))
                self.pages = PDFPage.create_pages(self.doc)
        except Exception:  # a file pdfminer cannot parse (or not within its budget): pdfium's metrics
            self.close()

    def page(self, index: int) -> dict:
        while self.pages is not None and self.at < index:
            try:
                with budget(BUDGET, "font descriptors"):  # a reference loop resolves forever in pdfminer
                    page = next(self.pages)
            except StopIteration:
                self.pages, self.current = None, {}
                break
            except Exception:
                self.close()
                break
            self.at += 1
            if self.at % REOPEN_EVERY == 0:
                self._forget()
            try:
                with budget(BUDGET, "font descriptors"):
                    self.current = _page_fonts(page.resources, _MINER)
            except Exception:
                self.current = {}
            self.fanout = None
            try:
                with budget(BUDGET, "XObject survey"):
                    self.fanout = xobjects.survey(page, *self.bounds)
            except StreamTooLarge:
                raise
            except Exception:  # what pdfminer cannot survey, pdfium reads as it can (time and memory limits hold)
                self.fanout = None
        if self.at != index:
            self.fanout = None
        return self.current if self.at == index else {}

    def _forget(self) -> None:
        """pdfminer keeps every object it parsed (each page's content streams among them) while
        the document is open: forgotten every REOPEN_EVERY pages, as pdfium's are (_reopen), what
        the descriptors hold stays flat over a long document (parsed again when a later page asks)."""
        for name in ("_cached_objs", "_parsed_objs"):  # pdfminer.six's caches (PDFDocument.getobj)
            cache = getattr(self.doc, name, None)
            if isinstance(cache, dict):
                cache.clear()
        self._widths.clear()  # (its font dictionaries are parsed again, new objects)

    def widths(self, spec: dict):
        """_widths(spec), made once for a font dictionary however many pages use it (pdfium's font
        handles, and so PdfiumDocument._fonts, are the page's)."""
        got = self._widths.get(id(spec))
        if got is None or got[0] is not spec:
            got = self._widths[id(spec)] = (spec, _widths(spec))
        return got[1]

    def close(self) -> None:
        if self.fp is not None:
            self.fp.close()
        self.fp, self.doc, self.pages, self.current = None, None, None, {}


def _page_fonts(resources, model, depth: int = 0, out: dict | None = None) -> dict:
    """{base font name without subset tag: (name as pdfminer gives it, descent, the font
    dictionary)} of a page's resources and its forms' (4 deep), the first of each name; `model`
    reads the objects (_MINER: pdfminer's; _Mine: extract/pdfobjects.py's, whose errors propagate)."""
    out = {} if out is None else out
    resolve = model.resolve
    resources = resolve(resources) or {}
    if not isinstance(resources, dict):
        return out
    fonts = resolve(resources.get("Font")) or {}
    if isinstance(fonts, dict):
        for spec in fonts.values():
            spec = resolve(spec)
            if isinstance(spec, dict):
                got = _descent(spec, model)
                if got is not None:
                    base, full, descent = got
                    key = _SUBSET.sub("", base)
                    if key not in out:
                        out[key] = (full, descent, model.font(spec, key))
    if depth < 4:
        xobjects = resolve(resources.get("XObject")) or {}
        if isinstance(xobjects, dict):
            for x in xobjects.values():
                try:
                    x = model.stream(x)
                except Exception:
                    if model is not _MINER:
                        raise
                    continue
                if x is not None and _name(x.attrs.get("Subtype"), model) == "Form" and "Resources" in x.attrs:
                    _page_fonts(x.attrs["Resources"], model, depth + 1, out)
    return out


def _name(v, model) -> str:
    """A name's (or a string's) text as pdfminer's objects give it, "" for anything else."""
    v = model.resolve(v)
    got = model.literal(v)
    if got is None:
        got = model.text(v)
    if isinstance(got, bytes):
        got = got.decode("latin-1")
    return got if isinstance(got, str) else ""


# pdfminer.fontmetrics.FONT_METRICS[name][0]["Descent"] (0 where absent) of the standard 14 fonts
# and their aliases (tests/test_pdfobjects.py compares it with pdfminer's)
_STANDARD_DESCENT = {
    "Courier": -194.0, "Courier-Bold": -194.0, "Courier-BoldOblique": -194.0, "Courier-Oblique": -194.0,
    "Helvetica": -207.0, "Helvetica-Bold": -207.0, "Helvetica-BoldOblique": -207.0, "Helvetica-Oblique": -207.0,
    "Symbol": 0, "Times-Bold": -217.0, "Times-BoldItalic": -217.0, "Times-Italic": -217.0, "Times-Roman": -217.0,
    "ZapfDingbats": 0, "Arial": -207.0, "Arial,Italic": -207.0, "Arial,Bold": -207.0, "Arial,BoldItalic": -207.0,
    "CourierNew": -194.0, "CourierNew,Italic": -194.0, "CourierNew,Bold": -194.0, "CourierNew,BoldItalic": -194.0,
    "TimesNewRoman": -217.0, "TimesNewRoman,Italic": -217.0, "TimesNewRoman,Bold": -217.0,
    "TimesNewRoman,BoldItalic": -217.0}


def _descent(spec: dict, model=None) -> tuple[str, str, float] | None:
    """(BaseFont, font name as pdfminer gives it, descent in 1/1000 em, never positive) of one
    font dictionary, as pdfminer.six 20260107 takes them (pdffont.PDFType1Font / PDFCIDFont)."""
    model = model or _MINER
    resolve = model.resolve
    subtype, base = _name(spec.get("Subtype"), model), _name(spec.get("BaseFont"), model) or "unknown"
    if subtype == "Type0":
        kids = resolve(spec.get("DescendantFonts")) or []
        kid = resolve(kids[0]) if isinstance(kids, list) and kids else {}
        descriptor = resolve(kid.get("FontDescriptor")) if isinstance(kid, dict) else None
    elif subtype in ("Type1", "MMType1", "TrueType") and base in _STANDARD_DESCENT:
        descriptor = {"Descent": _STANDARD_DESCENT[base]}
    elif subtype == "Type3":
        return None  # its own matrix: pdfium's measure
    else:
        descriptor = resolve(spec.get("FontDescriptor"))
    descriptor = descriptor if isinstance(descriptor, dict) else {}
    d = resolve(descriptor.get("Descent", 0))
    d = float(d) if isinstance(d, (int, float)) else 0.0
    name = _name(descriptor.get("FontName"), model) if subtype == "Type0" else ""
    return base, name or base, -abs(d)


def _widths(spec: dict):
    """text -> advance in em by the font dictionary's widths (/W, /Widths, or the standard 14's
    metrics), through pdfminer's font object; None when it cannot be built. pdfium measures a
    font it does not embed by the font it substitutes (STSong-Light's digits 0.492 em where /W
    says 0.462), which moves the end of every character and so the gaps read as spaces."""
    try:
        with budget(BUDGET, "font widths"):  # a ToUnicode range of 2**32 codes is parsed for ever
            return _widths_of(spec)
    except Exception:
        return None


def _widths_of(spec: dict):
    from pdfminer.pdfinterp import PDFResourceManager

    lazy_miner.load()
    font = PDFResourceManager(caching=False).get_font(None, spec)
    cmap = getattr(font, "cmap", None)
    by_code = cmap is not None and getattr(cmap, "attrs", {}).get("CMapName", "").startswith("Uni") and \
        ("UCS2" in cmap.attrs.get("CMapName", "") or "UTF16" in cmap.attrs.get("CMapName", ""))
    table: dict[str, float] = {}
    if not by_code:
        pairs: dict = {}
        um = getattr(font, "unicode_map", None)
        if um is not None:
            pairs.update(getattr(um, "cid2unichr", {}))
        for cid, u in (getattr(font, "cid2unicode", None) or {}).items():
            pairs.setdefault(cid, u)
        for cid, u in pairs.items():
            if u not in table:
                try:
                    table[u] = font.char_width(cid)
                except Exception:
                    pass

    def width(text: str) -> float | None:
        if by_code:
            got = table.get(text)
            if got is None:
                try:
                    cids = list(font.decode(text.encode("utf-16-be")))
                    got = table[text] = font.char_width(cids[0]) if len(cids) == 1 else -1.0
                except Exception:
                    got = table[text] = -1.0
            return got if got >= 0 else None
        return table.get(text)

    return width


def _geometry(page) -> tuple[tuple[float, float, float, float], tuple[float, ...]]:
    """The page's box as pdfplumber gives it (0, 0, width, height of the media box as displayed)
    and pdfminer's base transformation from user space (media box origin, /Rotate)."""
    x0, y0, x1, y1 = page.get_mediabox()
    x0, x1 = sorted((x0, x1))
    y0, y1 = sorted((y0, y1))
    rot = page.get_rotation() % 360
    if rot == 90:
        ctm = (0.0, -1.0, 1.0, 0.0, -y0, x1)
    elif rot == 180:
        ctm = (-1.0, 0.0, 0.0, -1.0, x1, y1)
    elif rot == 270:
        ctm = (0.0, 1.0, -1.0, 0.0, y1, -x0)
    else:
        ctm = (1.0, 0.0, 0.0, 1.0, -x0, -y0)
    if rot in (90, 270):
        return (0.0, 0.0, y1 - y0, x1 - x0), ctm
    return (0.0, 0.0, x1 - x0, y1 - y0), ctm


def _mult(m, n):
    """m then n (PDF matrices as 6-tuples)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def read_objects(page, ctm, height: float, number: int, doctop: float,
                 fonts: dict[int, tuple] | None = None,
                 descriptors: dict[str, tuple[str, float]] | None = None, widths_of=None) -> dict[str, list[dict]]:
    """{"char": [...], "line": [...], "rect": [...], "curve": [...], "image": [...]} of one
    pypdfium2 page; `ctm` maps PDF user space to pdfminer's page space (see _geometry), `height`
    is the displayed page height, `doctop` the sum of the heights of the pages before; `fonts` a
cache by font handle, `descriptors` the page's fonts as pdfminer reads them (_Descriptors),
    `widths_of(font dictionary)` its widths (_widths, or _Descriptors.widths: made once a document)."""
    lib = _lib()
    fonts = {} if fonts is None else fonts
    out: dict[str, list[dict]] = {"char": _chars(lib, page, ctm, height, number, doctop, fonts, descriptors or {},
                                                 widths_of or _widths),
                                  "line": [], "rect": [], "curve": [], "image": []}
    _paths(lib, page.raw, None, ctm, height, number, doctop, out)
    return out


# ---------------------------------------------------------------- characters

def _text_of(lib, tp, n: int) -> list[str]:
    buf = (ctypes.c_ushort * (n + 1))()
    got = lib.FPDFText_GetText(tp, 0, n, buf)
    raw = bytes(buf)[: max(0, got - 1) * 2].decode("utf-16le", "surrogatepass")
    if len(raw) == n and not _SURROGATE.search(raw):
        return list(raw)
    # characters beyond the BMP come as surrogate pairs: one call per character instead; a lone
    # surrogate (a damaged font's ToUnicode maps to half a pair) is no character: U+FFFD
    return [_char(lib.FPDFText_GetUnicode(tp, i)) for i in range(n)]


_SURROGATE = rx_compile("[\ud800-\udfff]")  # half of a UTF-16 pair (the search in C, not a loop a character)


def _char(code: int) -> str:
    return "\ufffd" if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF else chr(code)


def _font(lib, font, fonts: dict, descriptors: dict, widths_of=_widths):
    """(font name, descent as a fraction of the size (never positive), widths: text -> em or
    None) of a pdfium font handle; widths only for a font the file does not embed."""
    key = _addr(font)
    got = fonts.get(key)
    if got is None:
        size = lib.FPDFFont_GetBaseFontName(font, None, 0)
        name = ""
        if size > 0:
            buf = ctypes.create_string_buffer(size)
            lib.FPDFFont_GetBaseFontName(font, buf, size)
            name = buf.value.decode("utf-8", "replace")
        known = descriptors.get(_SUBSET.sub("", name))
        widths = None
        if known is not None:
            name, descent = known[0], known[1] / 1000.0
            if not lib.FPDFFont_GetIsEmbedded(font):
                widths = widths_of(known[2])
        else:
            d = ctypes.c_float(0.0)
            descent = d.value / 1000.0 if lib.FPDFFont_GetDescent(font, ctypes.c_float(1000.0), d) else 0.0
        got = fonts[key] = (name, -abs(descent), widths)  # as pdfminer: a positive /Descent is a misprint
    return got


def _chars(lib, page, ctm, height: float, number: int, doctop: float, fonts: dict, descriptors: dict,
           widths_of=_widths) -> list[dict]:
    tp = lib.FPDFText_LoadPage(page.raw)
    if not tp:
        return []
    try:
        n = lib.FPDFText_CountChars(tp)
        if n <= 0:
            return []
        texts = _text_of(lib, tp, n)
        c = _compiled()
        if c is not None:  # the loop below, in C
            return c.chars(_addr(tp), texts, ctm, height, number, doctop, fonts,
                           lambda a: _font(lib, ctypes.cast(a, lib.FPDF_FONT), fonts, descriptors, widths_of))
        ta, tb, tc, td, te, tf = ctm
        fast = _fast()
        box = lib.FS_RECTF()
        ox, oy = ctypes.c_double(), ctypes.c_double()
        box_p, ox_p, oy_p = ctypes.byref(box), ctypes.byref(ox), ctypes.byref(oy)
        mat = lib.FS_MATRIX()
        fs = ctypes.c_float()
        tpa = _addr(tp)
        tpv = ctypes.c_void_p(tpa)  # the bare calls (_Fast): the text page as a ctypes object
        get_obj, get_box, get_origin, is_generated = fast.c_text_object, fast.c_loose_box, fast.c_origin, fast.is_generated
        get_font, get_size, get_matrix = fast.c_font, fast.c_font_size, fast.c_matrix
        mat_p, fs_p = ctypes.byref(mat), ctypes.byref(fs)
        c_void_p = ctypes.c_void_p
        last_obj, last_state, last_got, last_py, ry0, ry1 = -1, None, None, None, 0.0, 0.0
        straight, m0, m3 = True, 1.0, 1.0
        name, descent, widths, size, upright, m = "", 0.0, None, 0.0, True, (1.0, 0.0, 0.0, 1.0)
        chars = []
        append = chars.append
        for i in range(n):
            text = texts[i]
            if text in _GENERATED_OK and is_generated(tpa, i):
                continue  # spaces and line ends pdfium adds between words and lines
            obj = get_obj(tpv, i)
            if obj != last_obj:  # half the corpus's characters: Word and WPS print each its own object
                last_obj = obj
                if not obj:
                    last_py = None
                    continue
                ov = c_void_p(obj)
                font = get_font(ov)
                got = fonts.get(font)
                if got is None:
                    got = _font(lib, ctypes.cast(font, lib.FPDF_FONT), fonts, descriptors, widths_of)
                if got is not last_got:
                    last_got, last_py = got, None  # (a line's rounded y0 and y1: the font's descent)
                    name, descent, widths = got
                get_matrix(tpv, i, mat_p)
                state = (mat.a, mat.b, mat.c, mat.d, fs.value if get_size(ov, fs_p) else 0.0)
                if state != last_state:  # each character its own object (Word, WPS): mostly the same state
                    last_state, last_py = state, None
                    a, b, c, d, size = state
                    # the character's matrix in pdfminer's page space (rotation applied)
                    m = (a * ta + b * tc, a * tb + b * td, c * ta + d * tc, c * tb + d * td)
                    upright = m[0] * m[3] > 0 and m[1] * m[2] <= 0
                    straight = m[1] == 0 and m[2] == 0
                    m0, m3 = m[0], m[3]
            if not obj:
                continue
            get_origin(tpv, i, ox_p, oy_p)
            # the loose box (origin to advance, across) and the origin, in page space
            X, Y = ox.value, oy.value
            px, py = X * ta + Y * tc + te, X * tb + Y * td + tf
            em = widths(text) if widths is not None and straight else None
            if em is not None:  # the file's width, not the substitute font's: pdfium's box not needed
                if m0 >= 0:
                    x0, x1 = px, px + em * size * m0
                else:
                    x0, x1 = px + em * size * m0, px
            else:
                get_box(tpv, i, box_p)
                l, r_, b_, t_ = box.left, box.right, box.bottom, box.top
            if straight:
                if em is None:
                    x0, x1 = l * ta + b_ * tc + te, r_ * ta + t_ * tc + te
                    if x1 < x0:
                        x0, x1 = x1, x0
                if py != last_py:  # the characters of one line share their baseline: rounded once
                    last_py = py
                    lo = py + m3 * size * descent
                    hi = lo + m3 * size
                    y0, y1 = (lo, hi) if lo <= hi else (hi, lo)
                    ry0, ry1 = round(y0, 3), round(y1, 3)
                x0, x1, y0, y1 = round(x0, 3), round(x1, 3), ry0, ry1
            else:  # turned text: the loose box turned with the page (nothing downstream reads it upright)
                corners = [(X2 * ta + Y2 * tc + te, X2 * tb + Y2 * td + tf) for X2, Y2 in ((l, b_), (r_, t_), (l, t_), (r_, b_))]
                x0, x1 = min(p[0] for p in corners), max(p[0] for p in corners)
                y0, y1 = min(p[1] for p in corners), max(p[1] for p in corners)
                x0, x1, y0, y1 = round(x0, 3), round(x1, 3), round(y0, 3), round(y1, 3)
            # (both) pdfium computes in single precision (99.0999985 for 99.1): to the thousandth,
            # the decimals the file printed come back, and gaps at a threshold compare as in pdfminer
            top = height - y1
            w, h = x1 - x0, y1 - y0
            ch = {"text": text, "x0": x0, "x1": x1, "y0": y0, "y1": y1, "top": top, "bottom": height - y0,
                  "doctop": doctop + top, "width": w, "height": h, "size": h if straight or upright else w,
                  "fontname": name,
                  "upright": upright, "object_type": "char", "page_number": number}
            if not straight:
                if off_axes(m):
                    ch["slanted"] = True  # turned off the axes (a diagonal watermark), not sheared (italic)
                ch["matrix"] = m  # (a, b, c, d) in page space: which way turned text reads (extract/turned.py)
            append(ch)
        return chars
    finally:
        lib.FPDFText_ClosePage(tp)


# ---------------------------------------------------------------- paths and images

class _Scratch:
    """ctypes out-parameters reused across a page's objects, with references to them (byref)."""

    def __init__(self, lib):
        self.m = lib.FS_MATRIX()
        self.fill, self.stroke = ctypes.c_int(), ctypes.c_int()
        self.w, self.x, self.y = ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
        self.xref, self.yref = ctypes.byref(self.x), ctypes.byref(self.y)  # for the bare calls
        self.mref, self.wref = ctypes.byref(self.m), ctypes.byref(self.w)
        self.fillref, self.strokeref = ctypes.byref(self.fill), ctypes.byref(self.stroke)


def _matrix(fast: _Fast, obj: _Handle, sc: _Scratch) -> tuple[float, ...]:
    if not fast.c_object_matrix(obj, sc.mref):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    m = sc.m
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _paths(lib, page_raw, form, ctm, height: float, number: int, doctop: float, out: dict,
           sc: _Scratch | None = None) -> None:
    if form is None:
        compiled = _compiled()
        if compiled is not None:  # this walk, with _path's and _subpath's, in C (the same objects)
            compiled.paths(_addr(page_raw), ctm, height, number, doctop, out)
            return
    fast = _fast()
    sc = sc or _Scratch(lib)
    # the bare calls (_Fast): the page and its objects as ctypes objects
    if form is not None:
        count, owner = fast.form_count(form), form

        def get(owner, k):
            return fast.c_form_object(owner, ctypes.c_ulong(k))
    else:
        owner = ctypes.c_void_p(_addr(page_raw))
        count, get = fast.page_count(owner), fast.c_page_object
    PATH, FORM, IMAGE = lib.FPDF_PAGEOBJ_PATH, lib.FPDF_PAGEOBJ_FORM, lib.FPDF_PAGEOBJ_IMAGE
    object_type = fast.c_object_type
    for k in range(max(count, 0)):
        obj = get(owner, k)
        if not obj:
            continue
        kind = object_type(obj)
        if kind == PATH:
            _path(lib, obj, _mult(_matrix(fast, obj, sc), ctm), height, number, doctop, out, sc)
        elif kind == FORM:
            _paths(lib, page_raw, obj, _mult(_matrix(fast, obj, sc), ctm), height, number, doctop, out, sc)
        elif kind == IMAGE:
            a, b, c, d, e, f = _mult(_matrix(fast, obj, sc), ctm)  # the unit square, placed
            pts = [(e, f), (a + e, b + f), (c + e, d + f), (a + c + e, b + d + f)]
            x0, x1 = round(min(p[0] for p in pts), 3), round(max(p[0] for p in pts), 3)
            y0, y1 = round(min(p[1] for p in pts), 3), round(max(p[1] for p in pts), 3)
            out["image"].append({"x0": x0, "x1": x1, "y0": y0, "y1": y1, "top": height - y1, "bottom": height - y0,
                                 "doctop": doctop + height - y1, "width": x1 - x0, "height": y1 - y0,
                                 "object_type": "image", "page_number": number})


def _path(lib, obj: _Handle, m, height: float, number: int, doctop: float, out: dict, sc: _Scratch) -> None:
    """The subpaths of one painted path object, as pdfminer's paint_path makes them."""
    fast = _fast()
    if not fast.c_draw_mode(obj, sc.fillref, sc.strokeref):
        return
    fillmode = sc.fill.value
    fill, evenodd = fillmode != 0, fillmode == 1
    stroke = bool(sc.stroke.value)
    if not fill and not stroke:
        return  # a clipping path only: pdfminer paints nothing for `n`
    linewidth = sc.w.value if fast.c_stroke_width(obj, sc.wref) else 0.0
    a, b, c, d, e, f = m
    get_seg, seg_type, seg_point, seg_close = fast.c_segment, fast.c_seg_type, fast.c_seg_point, fast.c_seg_close
    x, y, xp, yp = sc.x, sc.y, sc.xref, sc.yref
    MOVE, BEZIER = lib.FPDF_SEGMENT_MOVETO, lib.FPDF_SEGMENT_BEZIERTO
    oa = obj
    n = fast.c_segments(obj)
    sub: list[tuple[str, tuple[float, float]]] = []
    start = None
    k = 0
    while k < n:
        seg = get_seg(oa, k)
        t = seg_type(seg)
        if t == BEZIER and k + 2 < n:
            # pdfium gives a Bézier as three points (two controls, then the end): pdfminer one `c`
            k += 2
            seg = get_seg(oa, k)
        seg_point(seg, xp, yp)
        pt = (x.value, y.value)
        if t == MOVE:
            if sub:
                _subpath(sub, a, b, c, d, e, f, height, number, doctop, linewidth, stroke, fill, evenodd, out)
            sub, start = [("m", pt)], pt
            k += 1
            continue
        closed = seg_close(seg)  # (a move closes nothing: not asked)
        if t == BEZIER:
            sub.append(("c", pt))
            if closed:
                sub.append(("h", start))
        else:
            if closed and pt == start:
                sub.append(("h", start))  # `h` (pdfium closes with a line back to the start)
            else:
                sub.append(("l", pt))
                if closed:
                    sub.append(("h", start))
        k += 1
    if sub:
        _subpath(sub, a, b, c, d, e, f, height, number, doctop, linewidth, stroke, fill, evenodd, out)


def _subpath(sub, a, b, c, d, e, f, height, number, doctop, linewidth, stroke, fill, evenodd, out) -> None:
    shape = "".join(op for op, _ in sub)
    if shape[:1] != "m" or len(shape) < 2:
        return
    pts = [(round(px * a + py * c + e, 3), round(px * b + py * d + f, 3)) for _, (px, py) in sub]
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    kind = "curve"
    if shape in ("mlh", "ml"):
        kind, pts = "line", pts[:2]
    elif shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        if pts[0] == pts[4] and ((x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0)
                                 or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)):
            kind = "rect"
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    if kind == "rect":
        x0, x1 = sorted((pts[0][0], pts[2][0]))
        y0, y1 = sorted((pts[0][1], pts[2][1]))
    else:
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    top = height - y1
    out[kind].append({"x0": x0, "y0": y0, "x1": x1, "y1": y1, "width": x1 - x0, "height": y1 - y0,
                      "top": top, "bottom": height - y0, "doctop": doctop + top,
                      "pts": [(px, height - py) for px, py in pts], "linewidth": linewidth,
                      "stroke": stroke, "fill": fill, "evenodd": evenodd,
                      "object_type": kind, "page_number": number})
