"""Figures wrapped in narrow cells: the tail of an amount printed on a line of its own.

A word processor wraps an amount that does not fit its column at a character, not at a word:
`630,000.` on one line and `00` under it. A reader that forms rows from lines (a table without
ruling, or OCR) then gives a row of tails under the row they belong to. Such a row is joined into
the row above when it holds nothing but tails and at least one of its cells cannot stand alone: the
figure above ends in its decimal point, or the tail begins with it (`630,000` / `.00`), or a figure
with one decimal takes one more digit (`53,000.0` / `0`) beside such a cell.

Seen in Writer exports of 三公 tables with 预算数 and 决算数 side by side (the generated layout corpus,
producer `writer`, 12 amount columns on a portrait page).
"""
from __future__ import annotations

from disclosure.model import Grid
from disclosure.normalize.amounts import parse_amount
from disclosure.rx import compile as rx_compile

_TAIL = rx_compile(r"\.?\d{1,3}")
_HEAD = rx_compile(r"-?[\d,]*\d\.?(\d)?")


def _open(above: str, tail: str) -> bool:
    """The figure above cannot end where it does: its decimal point, or the tail's, is at the break."""
    return above.endswith(".") or tail.startswith(".")


def _joins(above: str, tail: str) -> bool:
    """above + tail is one figure with at most two decimals, split where a wrap could split it."""
    if not _HEAD.fullmatch(above) or not _TAIL.fullmatch(tail):
        return False
    if "." in above and "." in tail:
        return False
    whole = above + tail
    decimals = len(whole.split(".")[1]) if "." in whole else 0
    return decimals == 2 and parse_amount(whole).status == "number"


def join_wrapped_figures(grid: Grid) -> Grid:
    """The grid with each row of amount tails joined into the row above (texts joined by a newline,
    boxes united); the same grid when there is none. Rows below move up; spans are kept."""
    rows = grid.n_rows
    r = 1
    # the cells by the row they start on and by the row they end on (made again after a join, which
    # moves the rows below up): a long table's rows are each looked at once, not against every cell
    starts, ends, tall = _by_rows(grid.cells)
    while r < rows:
        mine = [c for c in starts.get(r, ()) if c.text.strip()]
        through = [c for c in tall if c.row < r < c.row + c.rowspan and c.text.strip()]
        pairs = []
        for c in mine:
            above = next((a for a in ends.get(r - 1, ()) if a.col == c.col
                          and a.colspan == c.colspan and c.rowspan == 1), None)
            if above is None or not _joins(above.text.strip(), c.text.strip()):
                pairs = []
                break
            pairs.append((above, c))
        if not pairs or through or not any(_open(a.text.strip(), c.text.strip()) for a, c in pairs):
            r += 1
            continue
        for a, c in pairs:
            a.text = a.text.strip() + "\n" + c.text.strip()
            a.box = a.box.union(c.box) if a.box else c.box
        gone = {id(c) for c in grid.cells if c.row == r and c.rowspan == 1}
        cells = []
        for c in grid.cells:
            if id(c) in gone:
                continue
            if c.row > r:
                c.row -= 1
            elif c.row + c.rowspan > r:
                c.rowspan -= 1  # a cell spanning the joined row spans one row fewer
            cells.append(c)
        grid.cells = cells
        rows -= 1
        grid.n_rows = rows
        starts, ends, tall = _by_rows(grid.cells)
    return grid


def _by_rows(cells: list) -> tuple[dict, dict, list]:
    """({row a cell starts on: cells}, {row a cell ends on: cells}, the cells over several rows), each
    in the cells' order."""
    starts: dict[int, list] = {}
    ends: dict[int, list] = {}
    for c in cells:
        starts.setdefault(c.row, []).append(c)
        ends.setdefault(c.row + c.rowspan - 1, []).append(c)
    return starts, ends, [c for c in cells if c.rowspan > 1]
