"""Borderless tables on an OCR page: rows of text whose pieces stand in columns.

A run of at least MIN_ROWS consecutive lines that each hold two or more pieces, one of them an
amount, is a table body; its columns are the x-extents of the body's pieces merged where they
overlap (labels are left-aligned and amounts right-aligned, so a column's pieces overlap one
another and not their neighbours'). Up to MAX_HEADER lines just above the body, inside its width,
are header rows; a header piece stands over the columns it covers, each column reaching to the
middle of the gaps beside it (so a header centred over right-aligned amounts finds them, and one
over several columns spans them). A column blank in every body row is not seen: it joins a
neighbour, unless its header stands beyond the body's outer columns (ruled tables do not have
this limit). The result is a Grid like a
ruled table's, so the structure stage gives it header paths, codes and rows the same way.

A piece is what the OCR detector found as one box (chars carry its id as `seg`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from disclosure.extract import layout
from disclosure.model import Box, Cell, Grid

MIN_ROWS = 3
MAX_HEADER = 4
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
        prev = out[-1].chars[-1] if out else None
        # one detector box, unless a blank wider than a character parts it (an amount and the next
        # column's name read as one line where no rule stands between them)
        if prev is not None and prev.get("seg") == c.get("seg") and c["x0"] - prev["x1"] < 0.8 * c["size"]:
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


def _covered(reach: list[list[float]], p: _Piece, centre_only: bool = False) -> list[int]:
    """The columns a header piece stands over: the one holding its centre, and any other that holds
    a quarter of its width (a header spanning several columns; the caller leaves out columns
    whose own header stands in the same row)."""
    w = max(p.x1 - p.x0, 1e-6)
    mid = (p.x0 + p.x1) / 2
    return [k for k, (a, b) in enumerate(reach)
            if a <= mid < b or (not centre_only and min(b, p.x1) - max(a, p.x0) >= 0.25 * w)]


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
        if not cand or _NOT_HEADER.search(text) or len(cand) < 2 and cand[0].x1 < left \
                or body[0][0].top - cand[-1].bottom > 3 * slack * (i - head + 1):
            break
        head -= 1
    header = rows[head:i]
    # header pieces beyond the body's outer columns stand over columns blank in every body row
    beyond = _columns([[p for r in header for p in r if p.x0 > right or p.x1 < left]])
    cols = sorted(cols + beyond)
    left, right = cols[0][0], cols[-1][1]
    # a header piece belongs to the columns whose reach (to the middle of the gaps beside them)
    # it covers: a centred header over right-aligned amounts stands in the gap before them
    bounds = [left - slack] + [(a[1] + b[0]) / 2 for a, b in zip(cols, cols[1:])] + [right + slack]
    reach = [[bounds[k], bounds[k + 1]] for k in range(len(cols))]
    cells: list[Cell] = []
    all_rows = header + body
    for r, pieces in enumerate(all_rows):
        slots: dict[int, list[_Piece]] = {}
        spans: dict[int, int] = {}
        centres = {id(p): k for p in pieces for k in _covered(reach, p, centre_only=True)}
        for p in pieces:
            ks = _overlapping(cols, p) if r >= len(header) else \
                [k for k in _covered(reach, p) if centres.get(id(p)) == k or k not in centres.values()]
            ks = ks or [min(range(len(cols)), key=lambda k: abs((cols[k][0] + cols[k][1]) / 2 - (p.x0 + p.x1) / 2))]
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
