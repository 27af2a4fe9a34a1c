"""The lattice of a ruled grid made to match the printed table it holds.

Office exports rule their tables unevenly: thin sliver rows and columns between cells, one region
holding several tables stacked, the next page of a table ruled on other column lines. These
functions take a Grid and give Grid(s) whose rows and columns are the printed table's.
"""
from __future__ import annotations

from dataclasses import replace

from disclosure.model import Box, Cell, Grid
from disclosure.structure.context import title_like
from disclosure.normalize.amounts import parse_amount
from disclosure.normalize.codes import parse_code
from disclosure.normalize.text import COLUMN_NO
from disclosure.structure.tables import _is_body_row, _row_texts, _spanning


def _box_of(cells: list[Cell], page: int | None, default: Box | None) -> Box | None:
    if not cells or not all(c.box for c in cells):
        return default
    return Box(page, min(c.box.x0 for c in cells), min(c.box.top for c in cells),
               max(c.box.x1 for c in cells), max(c.box.bottom for c in cells))


class _Lines:
    """Union-find over the lattice lines of one dimension."""

    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def groups(self) -> list[int]:
        return [self.find(i) for i in range(len(self.parent))]


def _collide(text: list[Cell], rows: list[int], cols: list[int]) -> bool:
    """Whether two text cells would share a slot with the lattice lines grouped so."""
    seen: set[tuple[int, int]] = set()
    for c in text:
        slots = {(rows[r], cols[k]) for r in range(c.row, c.row + c.rowspan) for k in range(c.col, c.col + c.colspan)}
        if slots & seen:
            return True
        seen |= slots
    return False


def _blank_ruled_columns(grid: Grid, text: list[Cell]) -> set[int]:
    """The lattice columns printing no text that are ruled on both sides down the table's full
    height: every row has a cell of that one column (none wider across it), and the column is at
    least half as wide as the narrowest column printing text of its own. A printed column left
    blank (a 续表 page's 金额 column under rows that print labels only, jiangsu-rendaban-2017 p.10),
    not a sliver between rules drawn a little apart, which is ruled across in some row; those at
    the grid's right edge only (the figures' side), none between printed columns."""
    used = {k for c in text for k in range(c.col, c.col + c.colspan)}
    widths = [c.box.x1 - c.box.x0 for c in text if c.colspan == 1 and c.box]
    if not widths or grid.n_rows < 2:
        return set()
    least = min(widths) / 2
    out = set()
    for k in range(grid.n_cols):
        if k in used:
            continue
        own = [c for c in grid.cells if c.col == k and c.colspan == 1]
        rows = {r for c in own for r in range(c.row, c.row + c.rowspan)}
        if len(rows) == grid.n_rows and all(c.box and c.box.x1 - c.box.x0 >= least for c in own):
            out.add(k)
    # (the run at the grid's right edge only, where the figures stand: a blank ruled column between
    # printed ones is a form's spacer, the Kashgar seed's 绩效目标表 pp.10-11, kept it parted the
    # page from the table it goes on)
    k = grid.n_cols - 1
    while k in out:
        k -= 1
    return {j for j in out if j > k}


def collapse(grid: Grid) -> Grid:
    """Sliver rows and columns joined to the printed ones they belong to, empty ones dropped.

    The lines a text cell spans become one printed line unless that would put two printed texts
    into one cell (a merged header over its sub-columns, a label over rows that have their own
    values keep their lines)."""
    text = [c for c in grid.cells if c.text.strip()]
    if not text:
        return grid
    rl, cl = _Lines(grid.n_rows), _Lines(grid.n_cols)
    blank_ruled = _blank_ruled_columns(grid, text)
    for dim in ("col", "row"):
        lines = cl if dim == "col" else rl
        spans = sorted({(c.col, c.col + c.colspan) if dim == "col" else (c.row, c.row + c.rowspan)
                        for c in text}, key=lambda ab: ab[1] - ab[0])
        for a, b in spans:
            if b - a < 2 or all(lines.find(i) == lines.find(a) for i in range(a, b)):
                continue
            saved = list(lines.parent)
            for i in range(a + 1, b):
                lines.parent[lines.find(i)] = lines.find(a)
            if _collide(text, rl.groups(), cl.groups()):
                lines.parent = saved
    # lines that hold no text of their own (only parts of wider cells) join a neighbour
    for dim in ("col", "row"):
        lines, n = (cl, grid.n_cols) if dim == "col" else (rl, grid.n_rows)
        # the text cells' spans on this dimension, each once (a column's cells share theirs)
        spans = {(c.col, c.col + c.colspan) if dim == "col" else (c.row, c.row + c.rowspan) for c in text}
        g = None  # the groups, made again only after a join is kept (a join undone leaves them as they were)
        for i in range(n):
            if g is None:
                g = lines.groups()
            gi = g[i]
            own = any(all(g[k] == gi for k in range(a, b)) for a, b in spans)
            if own or dim == "col" and i in blank_ruled:
                continue
            # the side the cells over it go on to: a heading's box starting a sliver left of the
            # column it heads (Word, a box per printed text) belongs to that column, not the one before
            over = [(c.col, c.col + c.colspan) if dim == "col" else (c.row, c.row + c.rowspan) for c in text]
            over = [(a, b) for a, b in over if a <= i < b]
            rightward = any(a == i and b > i + 1 for a, b in over) and not any(b == i + 1 and a < i for a, b in over)
            for j in ((i + 1, i - 1) if rightward else (i - 1, i + 1)):
                if 0 <= j < n and g[j] != g[i]:
                    saved = list(lines.parent)
                    lines.parent[lines.find(i)] = lines.find(j)
                    if not _collide(text, rl.groups(), cl.groups()):
                        g = None  # (kept)
                        break
                    lines.parent = saved
    rg, cg = rl.groups(), cl.groups()
    rows = sorted({rg[r] for c in text for r in range(c.row, c.row + c.rowspan)})
    cols = sorted({cg[k] for c in text for k in range(c.col, c.col + c.colspan)} | {cg[k] for k in blank_ruled})
    if len(rows) == grid.n_rows and len(cols) == grid.n_cols:
        return grid
    r_new = {g: i for i, g in enumerate(rows)}
    c_new = {g: i for i, g in enumerate(cols)}
    cells, slots = [], set()
    for c in sorted(grid.cells, key=lambda c: not c.text.strip()):  # text cells claim slots first
        rs = sorted({r_new[rg[r]] for r in range(c.row, c.row + c.rowspan) if rg[r] in r_new})
        cs = sorted({c_new[cg[k]] for k in range(c.col, c.col + c.colspan) if cg[k] in c_new})
        if not rs or not cs:
            continue
        mine = {(r, k) for r in range(rs[0], rs[-1] + 1) for k in range(cs[0], cs[-1] + 1)}
        if mine & slots:
            continue  # an empty cell where a printed one now stands
        slots |= mine
        cells.append(replace(c, row=rs[0], col=cs[0], rowspan=rs[-1] - rs[0] + 1, colspan=cs[-1] - cs[0] + 1))
    return Grid(len(rows), len(cols), cells, grid.box, grid.aligned, grid.headless)


def split_stacked(grid: Grid) -> list[Grid]:
    """One ruled region holding several printed tables one above the other (Word exports; a sheet
    whose every cell is painted, its titles in cells of it): cut it at every title row that follows
    rows of a table, so each table starts with its own title. Rows of a table are body rows or
    any row not spanning the table: a continued table's rows printing labels only over blank
    ruled cells (jiangsu-rendaban-2017 p.10's kind, the next table's title right under them);
    a title wrapped over two spanning rows is not cut."""
    m = grid.matrix()
    cuts, seen_body = [], False
    for r, row in enumerate(m):
        texts = [t for t in dict.fromkeys(_row_texts(row)) if t]
        if seen_body and texts and _spanning(row, grid.n_cols) and title_like(" ".join(texts)):
            cuts.append(r)
            seen_body = False
        elif _is_body_row(row, set()) or texts and not _spanning(row, grid.n_cols):
            seen_body = True
    if not cuts:
        return [grid]
    out = []
    for start, end in zip([0] + cuts, cuts + [grid.n_rows]):
        cells = [replace(c, row=c.row - start, rowspan=min(c.rowspan, end - c.row))
                 for c in grid.cells if start <= c.row < end]
        if cells:
            box = _box_of(cells, grid.box.page if grid.box else None, grid.box)
            out.append(Grid(end - start, grid.n_cols, cells, box, grid.aligned, grid.headless))
    return out


def column_edges(grid: Grid) -> list[float | None]:
    """x of each column boundary of a grid, from its cells' boxes (None where no cell says)."""
    xs: list[float | None] = [None] * (grid.n_cols + 1)
    for c in grid.cells:
        if c.box:
            xs[c.col] = c.box.x0 if xs[c.col] is None else min(xs[c.col], c.box.x0)
            end = c.col + c.colspan
            xs[end] = c.box.x1 if xs[end] is None else max(xs[end], c.box.x1)
    return xs


def regrid(grid: Grid, onto: Grid, slack: float = 6.0) -> Grid | None:
    """The same grid on the columns of `onto` (the first part of a table that a Word export
    ruled differently on the next page): each cell goes to the columns of `onto` whose middle
    its box covers. None when the two do not line up (another table, or cells that would fall
    together)."""
    edges = column_edges(onto)
    if edges[0] is None or edges[-1] is None or not grid.box or not onto.box:
        return None
    known = [e for e in edges if e is not None]
    own = [e for e in column_edges(grid) if e is not None]
    if not own or sum(any(abs(e - o) <= slack for o in known) for e in own) * 3 < len(own) * 2:
        return None  # fewer than two thirds of its column lines are the first part's: another table
    if min(own) < edges[0] - slack or max(own) > edges[-1] + slack:
        return None
    # a column line no cell of `onto` starts or ends on (its cells each spanning the columns on
    # both sides: a table stacked under another on one ruling) parts nothing: the columns either
    # side share the middle of the span between the known lines around them
    lo = [next(e for e in reversed(edges[:k + 1]) if e is not None) for k in range(onto.n_cols)]
    hi = [next(e for e in edges[k + 1:] if e is not None) for k in range(onto.n_cols)]
    mids = [(lo[k] + hi[k]) / 2 for k in range(onto.n_cols)]
    cells, taken = [], set()
    for c in grid.cells:
        if not c.box:
            return None
        under = [k for k, m in enumerate(mids) if c.box.x0 - 1 <= m <= c.box.x1 + 1]
        if not under:
            if not c.text.strip():
                continue  # an empty sliver cell of the other ruling
            return None
        new = replace(c, col=under[0], colspan=under[-1] - under[0] + 1)
        slots = {(r, k) for r in range(c.row, c.row + c.rowspan) for k in range(under[0], under[-1] + 1)}
        if slots & taken:
            if not c.text.strip():
                continue
            return None
        taken |= slots
        cells.append(new)
    return Grid(grid.n_rows, onto.n_cols, cells, grid.box, grid.aligned)




def stack(upper: Grid, lower: Grid, slack: float = 6.0) -> Grid | None:
    """One grid of `upper`'s rows over `lower`'s, on the column lines of both: a ruled table whose
    first heading rows end one page (科目编码 | 科目名称 | 机关运行经费支出) and whose lower heading
    rows and body begin the next, ruled on more columns (类 | 款 | … under 科目编码). Each cell
    spans the columns whose middles its box covers. None when the two are not of one width (within
    `slack` points at either edge) or cells would fall together."""
    eu, el = column_edges(upper), column_edges(lower)
    if any(e is None for e in eu + el) or abs(eu[0] - el[0]) > slack or abs(eu[-1] - el[-1]) > slack:
        return None
    edges: list[float] = []
    for e in sorted(el + eu[1:-1]):
        if not edges or e - edges[-1] > slack:
            edges.append(e)
    edges[-1] = max(edges[-1], el[-1])
    mids = [(a + b) / 2 for a, b in zip(edges, edges[1:])]
    cells, taken = [], set()
    for part, shift in ((upper, 0), (lower, upper.n_rows)):
        for c in part.cells:
            under = [k for k, m in enumerate(mids) if c.box.x0 - 1 <= m <= c.box.x1 + 1]
            if not under:
                if not c.text.strip():
                    continue
                return None
            slots = {(r + shift, k) for r in range(c.row, c.row + c.rowspan) for k in range(under[0], under[-1] + 1)}
            if slots & taken:
                return None
            taken |= slots
            cells.append(replace(c, row=c.row + shift, col=under[0], colspan=under[-1] - under[0] + 1))
    box = Box(lower.box.page, min(upper.box.x0, lower.box.x0), upper.box.top,
              max(upper.box.x1, lower.box.x1), lower.box.bottom) if upper.box and lower.box else lower.box
    return Grid(upper.n_rows + lower.n_rows, len(mids), cells, box, lower.aligned)


def codes_into_labels(grid: Grid, header: list[list[Cell | None]], body: list[list[Cell | None]]) -> Grid:
    """An aligned grid with a column of codes under no heading, just left of the column headed
    科目名称 (or another name heading), given as one column: the codes are printed in the name
    cells (`2240103 机关服务`), and only part from the names into a river of their own on a page
    whose rows are all of one level (a table going on over the last 项 of one 类: L007-00125 p.6).
    The same grid when there is no such column. Texts are joined `code name`; boxes united."""
    from disclosure.structure.tables import _NAME_HEADER

    if not grid.aligned or not header or not body:
        return grid
    headed = {c.col for row in header for c in row if c is not None and c.text.strip()}
    for k in range(grid.n_cols - 1):
        if k in headed or k + 1 not in headed:
            continue
        names = {c.text.strip() for row in header for c in row if c is not None and c.col == k + 1}
        if not any(_NAME_HEADER.search(n.replace(" ", "")) for n in names):
            continue
        col = [row[k] for row in body if row[k] is not None and row[k].text.strip()]
        if not col or not all(parse_code(c.text) for c in col) or \
                any(row[k] is not None and row[k] is row[k + 1] for row in body):
            continue
        body_ids = {id(c) for row in body for c in row if c is not None}
        cells = []
        for c in grid.cells:
            if c.col == k and c.colspan == 1 and not c.text.strip():
                continue  # a blank cell of the column that goes
            right = next((d for d in grid.cells if d.row == c.row and d.col == k + 1), None) \
                if c.col == k and id(c) in body_ids else None
            if right is not None:  # the code goes into its name's cell
                right.text = f"{c.text.strip()} {right.text.strip()}".strip()
                right.box = right.box.union(c.box) if right.box else c.box
                continue
            cells.append(c)
        for c in cells:
            if c.col > k:
                c.col -= 1
            elif c.col < k < c.col + c.colspan:
                c.colspan -= 1
        return Grid(grid.n_rows, grid.n_cols - 1, cells, grid.box, grid.aligned, grid.headless)
    return grid


def place(grid: Grid, onto: Grid) -> Grid | None:
    """A grid read by alignment on the columns of `onto` (the part of its table on the page before).
    A page that goes on with a table printed without ruling finds its columns from the rows it
    holds (a 类 column blank on this page, a header not repeated), so their number and edges
    differ from the first part's. Each of its columns goes whole to the column of `onto` holding
    the middle of all its text (the nearest middle where none or two hold it), when they so fall
    in order and no two cells of a row in one column (a cell spanning columns by its own middle);
    else each printed cell goes so by the middle of its own text, two pieces of one label joined.
    None when two amounts of a row would fall in one column."""
    edges = column_edges(onto)
    if any(e is None for e in edges):
        return None
    mids = [(edges[k] + edges[k + 1]) / 2 for k in range(onto.n_cols)]

    def column_of(x: float) -> int:
        inside = [k for k in range(onto.n_cols) if edges[k] - 2 <= x <= edges[k + 1] + 2]
        return inside[0] if len(inside) == 1 else min(range(onto.n_cols), key=lambda j: abs(mids[j] - x))

    printed = [c for c in grid.cells if c.text.strip()]
    if any(c.box is None for c in printed):
        return None
    # each of its columns whole first, by the middle of all its printed text: names set left in a
    # column the first part headed only (科目名称 centred far right of them over no row's name, so
    # its column's edges are its heading's) are one column, not each short name under the 项 beside
    # it (U020-00935 pp.5-6); a cell by cell placing only where two of its columns would fall in one
    spans: dict[int, list[float]] = {}
    for c in printed:
        if c.colspan == 1:
            a, b = spans.get(c.col, [c.box.x0, c.box.x1])
            spans[c.col] = [min(a, c.box.x0), max(b, c.box.x1)]
    whole = {k: column_of((a + b) / 2) for k, (a, b) in spans.items()}
    order = [whole[k] for k in sorted(whole)]
    if all(x < y for x, y in zip(order, order[1:])):
        moved: dict[tuple[int, int], Cell] = {}
        for c in printed:
            k = whole[c.col] if c.colspan == 1 else column_of((c.box.x0 + c.box.x1) / 2)
            if (c.row, k) in moved:
                break
            moved[(c.row, k)] = replace(c, col=k, colspan=1)
        else:
            return Grid(grid.n_rows, onto.n_cols, _with_blanks(list(moved.values()), grid.n_rows, onto.n_cols),
                        grid.box, aligned=True)
    placed: dict[tuple[int, int], Cell] = {}
    for c in sorted(printed, key=lambda c: (c.row, c.col)):
        k = column_of((c.box.x0 + c.box.x1) / 2)
        there = placed.get((c.row, k))
        if there is not None:  # two pieces of one label (a column seen on this page only) join
            # (a code parted from its name into a river of its own on this page: 30218 | 专用材料费
            # under 科目名称, L007-00617 p.5, joins as printed in the name cell)
            code = parse_code(there.text) is not None and not _is_amount(c.text)
            if not code and (_is_amount(there.text) or _is_amount(c.text)):
                return None
            c = replace(there, text=there.text + (" " if code else "") + c.text,
                        box=there.box.union(c.box) if there.box else c.box)
        placed[(c.row, k)] = replace(c, col=k, colspan=1)
    return Grid(grid.n_rows, onto.n_cols, _with_blanks(list(placed.values()), grid.n_rows, onto.n_cols),
                grid.box, aligned=True)


def remap(grid: Grid, columns: list[list[int]], n_cols: int) -> Grid:
    """`grid` on `n_cols` columns: its column k spans `columns[k]` (from `tables.header_map`);
    columns no cell reaches stay blank."""
    cells: list[Cell] = []
    for c in grid.cells:
        under = [j for k in range(c.col, c.col + c.colspan) for j in columns[k]]
        cells.append(replace(c, col=under[0], colspan=under[-1] - under[0] + 1))
    # (two columns of the part under one of the table's: a blank cell gives way to a printed one,
    # 合 计 from a column under no heading over the blank 科目编码 beside it, U001-00051 p.9)
    printed = {(r, k) for c in cells if c.text.strip()
               for r in range(c.row, c.row + c.rowspan) for k in range(c.col, c.col + c.colspan)}
    cells = [c for c in cells if c.text.strip() or not any(
        (r, k) in printed for r in range(c.row, c.row + c.rowspan) for k in range(c.col, c.col + c.colspan))]
    return Grid(grid.n_rows, n_cols, _with_blanks(cells, grid.n_rows, n_cols), grid.box, aligned=grid.aligned)


def _with_blanks(cells: list[Cell], n_rows: int, n_cols: int) -> list[Cell]:
    """`cells` and a blank cell for every slot of an n_rows x n_cols grid that none covers."""
    taken = {(r, k) for c in cells for r in range(c.row, c.row + c.rowspan) for k in range(c.col, c.col + c.colspan)}
    return cells + [Cell("", r, k) for r in range(n_rows) for k in range(n_cols) if (r, k) not in taken]


def _is_amount(text: str) -> bool:
    return parse_amount(text).status in ("number", "dash", "percent")


def cell_text(c: Cell | None) -> str:
    """A cell's text without its blanks ("" for no cell): how a part's repeated row labels are
    compared with the table's."""
    return "".join(c.text.split()) if c is not None else ""


def beside(left: Grid, right: Grid, head: tuple[int, int], body: tuple[int, int], first: tuple[int, int],
           titled: bool = False) -> Grid | None:
    """One grid of `left`'s columns and, beyond them, `right`'s past its row labels: a table too wide
    for its page printed on, column-wise, on the next (续表), its row labels repeated. `head` and
    `body`: how many heading and body rows each has (left's, right's), from its grid row `first` on
    (rows above them, a title inside the ruling, and below them, a 注： line, stay `left`'s, a cell
    across all of `left`'s columns across the joined grid). The
    labels are the leading columns of `right` that read as `left`'s do in every heading and body
    row, one of them printing words in the body. None when the two do not
    have as many heading rows and body rows, no leading column repeats, or nothing is beyond it. A
    part `titled` 续表 may repeat no labels (a 三公 table of one row and no label column goes on with
    its last columns): its columns follow, row for row."""
    if head[0] != head[1] and head[0] and head[1]:
        # (one part's headings in fewer rows: 事业收入 | 其他收入 beside the first part's 财政拨款收入
        # over 一般公共预算 | 政府性基金预算, U001-00064 pp.2-3: its first heading row reaches down
        # the extra rows)
        depth = max(head)
        left = _deepen(left, first[0], depth - head[0])
        right = _deepen(right, first[1], depth - head[1])
        head = (depth, depth)
    rows = head[0] + body[0]
    if head[0] != head[1] or body[0] != body[1] or not head[0] or not body[0]:
        return None
    lm, rm = left.matrix()[first[0]:], right.matrix()[first[1]:]
    if len(lm) < rows or len(rm) < rows:
        return None
    text = cell_text
    labels = 0
    for k in range(min(left.n_cols, right.n_cols - 1)):
        if _headings_down(lm, k, head[0]) != _headings_down(rm, k, head[1]) or \
                not all(text(lm[r][k]) == text(rm[r][k]) for r in range(head[0], rows)):
            break
        labels = k + 1
    if not labels and not titled or labels and not any(
            parse_amount(text(lm[r][k])).status == "text" and text(lm[r][k])
            for r in range(head[0], rows) for k in range(labels)):
        return None
    shift = left.n_cols - labels
    n_cols = left.n_cols + right.n_cols - labels
    # a title or a note of `left` across all its columns, above or below the rows, goes on across
    # the joined grid: a 注： line stays a note, not a row printing words under the labels
    # (a 三公 table of one row and no label column, its 续表 on a ruling stacked with the next tables,
    # U028-00011 pp.7-8: the note was a second row, and 233.3322 under 合计 its row's label)
    cells = [replace(c, colspan=n_cols) if c.col == 0 and c.colspan == left.n_cols
             and not first[0] <= c.row < first[0] + rows else c for c in left.cells]
    for c in right.cells:
        r = c.row - first[1]
        if c.col + c.colspan <= labels or r < 0 or r >= rows:
            continue  # the row labels printed again; a title or a note of the part
        if c.col < labels or r + c.rowspan > rows:
            return None  # a cell over both the labels and the figures, or reaching past the rows
        cells.append(replace(c, row=r + first[0], col=c.col + shift))
    return Grid(left.n_rows, n_cols, cells, left.box, left.aligned)


def _headings_down(m: list[list[Cell | None]], k: int, n: int) -> list[str]:
    """The headings down column `k` of a part's first `n` rows of `m` (its heading rows), each once,
    a 栏次 label aside: one part's labels may be centred down rows its twin prints 栏次 in (科目名称
    over 栏次 in the first part, down both rows of the 续表 whose headings take a row fewer, the
    栏次 line its second, U036-00004 pp.4-5)."""
    out: list[str] = []
    for r in range(n):
        t = cell_text(m[r][k])
        if t and not COLUMN_NO.match(t) and (not out or out[-1] != t):
            out.append(t)
    return out


def _deepen(grid: Grid, first: int, extra: int) -> Grid:
    """`grid` with `extra` more heading rows: the cells of its first heading row (grid row `first`)
    reach down them, the rows below move down (a header printed in fewer rows than its twin's)."""
    if not extra:
        return grid
    cells = [c if c.row + c.rowspan <= first else
             replace(c, rowspan=c.rowspan + extra) if c.row <= first else replace(c, row=c.row + extra)
             for c in grid.cells]
    return Grid(grid.n_rows + extra, grid.n_cols, cells, grid.box, grid.aligned, grid.headless)
