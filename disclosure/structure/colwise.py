"""A table too wide for its page printed on column-wise (续表) when either part runs over pages.

`lattice.beside` joins a 续表 printed on the page after a one-page part as it is read. When the first
part runs over two pages and its further columns over the next one or two (a 收入总表 on pp.3-4, its
事业收入 | 其他收入 on pp.5-6), the parts' rows do not match page for page; they match only when each
part is taken whole. `join` takes both parts whole, after every page is read.
"""
from __future__ import annotations

from dataclasses import replace

from disclosure.model import Cell, Grid
from disclosure.normalize.amounts import parse_amount
from disclosure.structure import tables as T
from disclosure.structure.lattice import cell_text as _text


def join(left: list[T.Fragment], right: list[T.Fragment]) -> list[T.Fragment] | None:
    """`left`'s fragments (one a page) with `right`'s further columns added row for row: the rows of
    both parts, each taken whole, match one to one, and the leading columns of `right` (its row
    labels printed again) read as `left`'s do in every row and under the same headings, one of them
    printing words. `right`'s headings may take fewer rows than `left`'s: its first heading row then
    reaches down the others (U001-00064). The new cells keep their own boxes (their pages). None
    when the parts do not match so."""
    lh, rh = left[0].header, right[0].header
    lrows = [row for f in left for row in f.body]
    rrows = [row for f in right for row in f.body]
    rh, rrows = T.labels_down(rh, rrows, lrows)  # (rows of blank cells opening the 续表, read as headings)
    if not lh or not rh or len(rh) > len(lh) or not lrows or not rrows or len(lrows) < len(rrows):
        return None
    n_l, n_r = left[0].grid.n_cols, right[0].grid.n_cols
    lp, rp = T.column_paths(lh, n_l), T.column_paths(rh, n_r)
    labels = 0
    if len(lrows) == len(rrows):
        for k in range(min(n_l, n_r - 1)):
            if "".join(lp[k].split()) != "".join(rp[k].split()) or \
                    any(_text(a[k]) != _text(b[k]) for a, b in zip(lrows, rrows)):
                break
            labels = k + 1
        pairs = list(range(len(lrows)))
    if not labels:
        labels, pairs = _by_labels(lp, rp, lrows, rrows, min(n_l, n_r - 1))
    if not labels or not any(_text(a[k]) and parse_amount(_text(a[k])).status == "text"
                             for a in lrows for k in range(labels)):
        return None
    extra = len(lh) - len(rh)
    top_l = min(c.row for c in lh[0] if c is not None)
    top_r = min(c.row for c in rh[0] if c is not None)
    moved: dict[int, Cell] = {}

    def move(c: Cell, row: int, rowspan: int) -> Cell | None:
        if id(c) not in moved:
            if c.col < labels:
                return None  # a cell over both the labels and the further columns
            moved[id(c)] = replace(c, row=row, rowspan=rowspan, col=n_l + c.col - labels)
        return moved[id(c)]

    header = []
    for i, lrow in enumerate(lh):
        src = rh[0] if i <= extra else rh[i - extra]
        ext = []
        for c in src[labels:]:
            if c is None:
                ext.append(None)
                continue
            r = c.row - top_r
            c2 = move(c, top_l + (0 if r == 0 else r + extra), c.rowspan + (extra if r == 0 else 0))
            if c2 is None:
                return None
            ext.append(c2)
        header.append(lrow + ext)
    body, of = [], {i: j for j, i in enumerate(pairs)}
    for i, a in enumerate(lrows):
        row = T.grid_row(a, max((c.row for c in a if c is not None), default=None))
        if row is None:
            return None
        ext = []
        b = rrows[of[i]] if i in of else [None] * n_r  # (a row the 续表 does not print)
        for c in b[labels:]:
            c2 = None if c is None else move(c, row, c.rowspan)
            if c is not None and c2 is None:
                return None
            ext.append(c2)
        body.append(a + ext)
    n_cols = n_l + n_r - labels
    out, at = [], 0
    for i, f in enumerate(left):
        rows = body[at:at + len(f.body)]
        at += len(f.body)
        added = {id(c): c for row in (header if i == 0 else []) + rows for c in row[n_l:] if c is not None}
        grid = Grid(f.grid.n_rows, n_cols, f.grid.cells + list(added.values()), f.grid.box, f.grid.aligned)
        out.append(T.Fragment(grid, f.page, header if i == 0 else f.header, rows, f.captions, f.notes))
    return out


def _by_labels(lp: list[str], rp: list[str], lrows: list, rrows: list, most: int) -> tuple[int, list[int]]:
    """Where the 续表 prints fewer rows than the first part (a last page of label rows with no
    figure, set as text and not read as a grid: U008-00096 p.6), or its labels are set in other
    cells (合计 merged over 科目编码 | 科目名称 in one part, under 科目名称 alone in the other:
    U002-00098 p.5 and p.7): its rows matched to the first
    part's in order by their leading columns, those under the same headings that print the same
    words in every row of the 续表 (`_label_key`), each row's labels found once among the first part's rows not yet
    passed. (labels, the first part's row index for each 续表 row); (0, []) when some 续表 row finds
    no such row."""
    labels = 0
    for k in range(most):
        if "".join(lp[k].split()) != "".join(rp[k].split()):
            break
        labels = k + 1
    while labels:
        keys = [_label_key(a, labels) for a in lrows]
        pairs, at = [], 0
        for b in rrows:
            key = _label_key(b, labels)
            hit = next((i for i in range(at, len(keys)) if keys[i] == key), None)
            if hit is None or not any(key):
                break
            pairs.append(hit)
            at = hit + 1
        if len(pairs) == len(rrows):
            return labels, pairs
        labels -= 1
    return 0, []


def _label_key(row: list, n: int) -> tuple[str, ...]:
    """The words a row prints in its first `n` columns, in order: blank cells left out and a text
    the same as the one before it once (one cell merged over two label columns)."""
    out: list[str] = []
    for k in range(n):
        t = _text(row[k])
        if t and (not out or out[-1] != t):
            out.append(t)
    return tuple(out)
