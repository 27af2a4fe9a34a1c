"""Borderless tables on an OCR page: rows of text whose pieces stand in columns.

A run of at least MIN_ROWS consecutive lines that each hold two or more pieces, one of them an
amount, is a table body; its columns are the x-extents of the body's pieces merged where they
overlap (labels are left-aligned and amounts right-aligned, so a column's pieces overlap one
another and not their neighbours'). Up to MAX_HEADER lines just above the body, inside its width,
are header rows; a header piece over several columns spans them. The result is a Grid like a
ruled table's, so the structure stage gives it header paths, codes and rows the same way.

A piece is what the OCR detector found as one box (chars carry its id as `seg`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from disclosure.extract import layout
from disclosure.model import Box, Cell, Grid

MIN_ROWS = 3
MAX_HEADER = 3
_AMOUNT = re.compile(r"^[-−]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?$")
_NOT_HEADER = re.compile(r"(单\s*位|部\s*门|编制)\s*[:：]|表$")


@dataclass
class _Piece:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    chars: list


def _pieces(row: list[dict]) -> list[_Piece]:
    out: list[_Piece] = []
    for c in row:  # left to right
        if out and out[-1].chars[-1].get("seg") == c.get("seg"):
            p = out[-1]
            p.chars.append(c)
            p.x1, p.top, p.bottom = max(p.x1, c["x1"]), min(p.top, c["top"]), max(p.bottom, c["bottom"])
        else:
            out.append(_Piece("", c["x0"], c["x1"], c["top"], c["bottom"], [c]))
    for p in out:
        p.text = "".join(c["text"] for c in p.chars)
    return out


def _body_row(pieces: list[_Piece]) -> bool:
    return len(pieces) >= 2 and any(_AMOUNT.match(p.text) for p in pieces[1:])


def _columns(rows: list[list[_Piece]]) -> list[list[float]]:
    spans = sorted([p.x0, p.x1] for r in rows for p in r)
    cols: list[list[float]] = []
    for x0, x1 in spans:
        if cols and x0 < cols[-1][1]:
            cols[-1][1] = max(cols[-1][1], x1)
        else:
            cols.append([x0, x1])
    return cols


def _overlapping(cols: list[list[float]], p: _Piece) -> list[int]:
    w = max(p.x1 - p.x0, 1e-6)
    return [k for k, (a, b) in enumerate(cols) if min(b, p.x1) - max(a, p.x0) > 0.3 * min(w, b - a)]


def grids(chars: list[dict], page_no: int) -> tuple[list[Grid], list[dict]]:
    """Borderless tables among `chars`, and the characters left for text lines."""
    rows = [_pieces(r) for r in layout.rows_of(chars)]
    found: list[Grid] = []
    taken: set[int] = set()
    i = 0
    while i < len(rows):
        if not _body_row(rows[i]):
            i += 1
            continue
        j = i
        while j < len(rows) and _body_row(rows[j]):
            j += 1
        if j - i >= MIN_ROWS:
            grid = _grid(rows, i, j, page_no, taken)
            if grid is not None:
                found.append(grid)
        i = j
    rest = [c for k, r in enumerate(rows) if k not in taken for p in r for c in p.chars]
    return found, rest


def _grid(rows: list[list[_Piece]], i: int, j: int, page_no: int, taken: set[int]) -> Grid | None:
    body = rows[i:j]
    cols = _columns(body)
    if len(cols) < 2:
        return None
    left, right = cols[0][0], cols[-1][1]
    slack = 2 * max(c["size"] for p in body[0] for c in p.chars)
    head = i
    while head > 0 and i - head < MAX_HEADER:
        cand = rows[head - 1]
        text = "".join(p.text for p in cand)
        if not cand or _NOT_HEADER.search(text) or cand[0].x0 < left - slack or cand[-1].x1 > right + slack \
                or body[0][0].top - cand[-1].bottom > 3 * slack * (i - head + 1):
            break
        head -= 1
    header = rows[head:i]
    # a header piece in a gap between the body's columns is a column of its own (all blank below)
    for r in header:
        for p in r:
            if not _overlapping(cols, p):
                cols.append([p.x0, p.x1])
    cols.sort()
    cells: list[Cell] = []
    all_rows = header + body
    for r, pieces in enumerate(all_rows):
        slots: dict[int, list[_Piece]] = {}
        spans: dict[int, int] = {}
        for p in pieces:
            ks = _overlapping(cols, p) or [min(range(len(cols)), key=lambda k: abs((cols[k][0] + cols[k][1]) / 2 - (p.x0 + p.x1) / 2))]
            slots.setdefault(ks[0], []).append(p)
            spans[ks[0]] = max(spans.get(ks[0], 1), ks[-1] - ks[0] + 1 if r < len(header) else 1)
        top = min(p.top for p in pieces)
        bottom = max(p.bottom for p in pieces)
        covered: set[int] = set()
        for k in sorted(slots):
            if k in covered:
                continue
            span = spans[k]
            covered.update(range(k, k + span))
            inside = [c for p in slots[k] for c in p.chars]
            text = " ".join(p.text for p in slots[k])
            cells.append(Cell(text, r, k, 1, span, Box(page_no, cols[k][0], top, cols[k + span - 1][1], bottom),
                              layout.confidence(inside)))
        for k in range(len(cols)):
            if k not in covered:
                cells.append(Cell("", r, k, 1, 1, Box(page_no, cols[k][0], top, cols[k][1], bottom)))
    taken.update(range(head, j))
    box = Box(page_no, min(c.box.x0 for c in cells), min(c.box.top for c in cells),
              max(c.box.x1 for c in cells), max(c.box.bottom for c in cells))
    return Grid(len(all_rows), len(cols), cells, box)
