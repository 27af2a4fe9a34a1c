"""The few pieces of pdfplumber 0.11.10 (MIT licence) the pdfium reader's pages use, here so that
reading a PDF with pdfium does not import pdfplumber (its own modules, over the pdfminer.six the
reader needs anyway, are about a sixth of what importing it costs a process): its table settings'
defaults, its object clustering, a curve's edges, the grouping of cells into tables and the table
they make (its cells and box), and cropping objects to a box. Each is pdfplumber's code, the same
steps and results (a test written faster is marked); tests/test_plumbing.py,
tests/test_pdfium_reader.py and tests/test_speedups.py hold them against pdfplumber's own.
pdfplumber itself still reads a file pdfium cannot open (extract/pdf.py), imported there.

pdfplumber's licence, for the code below taken from it:

The MIT License (MIT)

Copyright (c) 2015, Jeremy Singer-Vine

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""
from __future__ import annotations

import itertools
from operator import itemgetter
from typing import NamedTuple


class TableSettings(NamedTuple):
    """pdfplumber.table.TableSettings.resolve(None)'s values that the ruling-lines finder reads
    (points; ints as pdfplumber gives them)."""

    snap_x_tolerance: int = 3
    snap_y_tolerance: int = 3
    join_x_tolerance: int = 3
    join_y_tolerance: int = 3
    edge_min_length: int = 3
    edge_min_length_prefilter: int = 1
    intersection_x_tolerance: int = 3
    intersection_y_tolerance: int = 3


DEFAULTS = TableSettings()


def cluster_list(xs: list, tolerance=0) -> list[list]:
    """pdfplumber.utils.clustering.cluster_list: the sorted values in runs whose neighbours lie
    within `tolerance` of each other."""
    if tolerance == 0:
        return [[x] for x in sorted(xs)]
    if len(xs) < 2:
        return [[x] for x in sorted(xs)]
    groups = []
    xs = list(sorted(xs))
    current_group = [xs[0]]
    last = xs[0]
    for x in xs[1:]:
        if x <= (last + tolerance):
            current_group.append(x)
        else:
            groups.append(current_group)
            current_group = [x]
        last = x
    groups.append(current_group)
    return groups


def make_cluster_dict(values, tolerance) -> dict:
    """pdfplumber.utils.clustering.make_cluster_dict: value -> the number of its cluster."""
    clusters = cluster_list(list(set(values)), tolerance)
    nested_tuples = [[(val, i) for val in value_cluster] for i, value_cluster in enumerate(clusters)]
    return dict(itertools.chain(*nested_tuples))


def cluster_objects(xs: list, key_fn, tolerance, preserve_order: bool = False) -> list[list]:
    """pdfplumber.utils.clustering.cluster_objects: the objects grouped by the clusters of
    key_fn(object) (a callable, or a key to look up), in the clusters' order."""
    if not callable(key_fn):
        key_fn = itemgetter(key_fn)
    values = map(key_fn, xs)
    cluster_dict = make_cluster_dict(values, tolerance)
    get_0, get_1 = itemgetter(0), itemgetter(1)
    if preserve_order:
        cluster_tuples = [(x, cluster_dict.get(key_fn(x))) for x in xs]
    else:
        cluster_tuples = sorted(((x, cluster_dict.get(key_fn(x))) for x in xs), key=get_1)
    grouped = itertools.groupby(cluster_tuples, key=get_1)
    return [list(map(get_0, v)) for k, v in grouped]


def curve_to_edges(curve: dict) -> list[dict]:
    """pdfplumber.utils.geometry.curve_to_edges: a curve's segments, each an edge dict."""
    point_pairs = zip(curve["pts"], curve["pts"][1:])
    return [
        {
            "object_type": "curve_edge",
            "x0": min(p0[0], p1[0]),
            "x1": max(p0[0], p1[0]),
            "top": min(p0[1], p1[1]),
            "doctop": min(p0[1], p1[1]) + (curve["doctop"] - curve["top"]),
            "bottom": max(p0[1], p1[1]),
            "width": abs(p0[0] - p1[0]),
            "height": abs(p0[1] - p1[1]),
            "orientation": "v" if p0[0] == p1[0] else ("h" if p0[1] == p1[1] else None),
        }
        for p0, p1 in point_pairs
    ]


def cells_to_tables(cells: list[tuple]) -> list[list[tuple]]:
    """pdfplumber.table.cells_to_tables: cell boxes (x0, top, x1, bottom) grouped into tables of
    cells that touch at a corner, top to bottom then left to right, tables of one cell dropped."""

    def bbox_to_corners(bbox):
        x0, top, x1, bottom = bbox
        return ((x0, top), (x0, bottom), (x1, top), (x1, bottom))

    remaining_cells = list(cells)
    current_corners: set = set()
    current_cells: list = []
    tables = []
    while len(remaining_cells):
        initial_cell_count = len(current_cells)
        for cell in list(remaining_cells):
            cell_corners = bbox_to_corners(cell)
            if len(current_cells) == 0:
                current_corners |= set(cell_corners)
                current_cells.append(cell)
                remaining_cells.remove(cell)
            elif not current_corners.isdisjoint(cell_corners):  # (pdfplumber counts the shared corners: > 0)
                current_corners |= set(cell_corners)
                current_cells.append(cell)
                remaining_cells.remove(cell)
        if len(current_cells) == initial_cell_count:
            tables.append(list(current_cells))
            current_corners.clear()
            current_cells.clear()
    if len(current_cells):
        tables.append(list(current_cells))
    _sorted = sorted(tables, key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in _sorted if len(t) > 1]


class Table:
    """pdfplumber.table.Table's part the reader uses: the page, the cells (x0, top, x1, bottom
    boxes, points) and their bounding box."""

    def __init__(self, page, cells: list[tuple]):
        self.page = page
        self.cells = cells

    @property
    def bbox(self) -> tuple:
        c = self.cells
        return (min(map(itemgetter(0), c)), min(map(itemgetter(1), c)),
                max(map(itemgetter(2), c)), max(map(itemgetter(3), c)))


def get_bbox_overlap(a: tuple, b: tuple) -> tuple | None:
    """pdfplumber.utils.geometry.get_bbox_overlap: the overlap of two boxes (x0, top, x1,
    bottom), None where they do not meet (touching along a side is meeting; at a corner is not)."""
    a_left, a_top, a_right, a_bottom = a
    b_left, b_top, b_right, b_bottom = b
    o_left = max(a_left, b_left)
    o_right = min(a_right, b_right)
    o_bottom = min(a_bottom, b_bottom)
    o_top = max(a_top, b_top)
    o_width = o_right - o_left
    o_height = o_bottom - o_top
    if o_height >= 0 and o_width >= 0 and o_height + o_width > 0:
        return (o_left, o_top, o_right, o_bottom)
    return None


_BBOX = itemgetter("x0", "top", "x1", "bottom")


def clip_obj(obj: dict, bbox: tuple) -> dict | None:
    """pdfplumber.utils.geometry.clip_obj: a copy of the object cut to `bbox`, None outside it."""
    overlap = get_bbox_overlap(_BBOX(obj), bbox)
    if overlap is None:
        return None
    dims = {"x0": overlap[0], "top": overlap[1], "x1": overlap[2], "bottom": overlap[3]}
    copy = dict(obj)
    for attr in ["x0", "top", "x1", "bottom"]:
        copy[attr] = dims[attr]
    diff = dims["top"] - obj["top"]
    if "doctop" in copy:
        copy["doctop"] = obj["doctop"] + diff
    copy["width"] = copy["x1"] - copy["x0"]
    copy["height"] = copy["bottom"] - copy["top"]
    return copy


def crop_to_bbox(objs, bbox: tuple) -> list[dict]:
    """pdfplumber.utils.geometry.crop_to_bbox: the objects meeting `bbox`, each cut to it."""
    return list(filter(None, (clip_obj(obj, bbox) for obj in objs)))
