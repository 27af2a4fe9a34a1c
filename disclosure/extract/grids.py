"""Tables that a source gives as cells with spans (spreadsheets, HTML, Word) to the raw model's grids.

A `Slots` is a table as a rows x cols matrix of slots: each merged cell has its text in its top-left
slot (the anchor) with its span, and covers the others. Boxes carry the source's own coordinates
(column index across, the document's running row number down), as the plain-text reader does, so
evidence points at a place.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from disclosure.model import Box, Cell, Grid, TextLine
from disclosure.rx import compile as rx_compile
from disclosure import rx as rx_re

_NOTE_START = rx_compile(r"^\s*(注|说明|备注|填报说明|数据来源)\s*\d*\s*[:：]")


@dataclass
class Slots:
    """rows x cols of anchors: anchors[(r, c)] = (text, rowspan, colspan, stored); covered slots are
    those inside a span other than its anchor."""

    n_rows: int
    n_cols: int
    anchors: dict[tuple[int, int], tuple[str, int, int, str]] = field(default_factory=dict)
    covered: set[tuple[int, int]] = field(default_factory=set)
    _spanned: set[int] | None = field(default=None, repr=False)

    def put(self, r: int, c: int, text: str, rowspan: int = 1, colspan: int = 1, stored: str = "") -> None:
        self.anchors[(r, c)] = (text, rowspan, colspan, stored)
        self._spanned = None
        for rr in range(r, r + rowspan):
            for cc in range(c, c + colspan):
                if (rr, cc) != (r, c):
                    self.covered.add((rr, cc))

    def row_texts(self, r: int) -> list[str]:
        """The distinct non-empty texts of row r, left to right (a merged cell once)."""
        out = []
        for c in range(self.n_cols):
            a = self.anchors.get((r, c))
            if a and a[0].strip() and a[0].strip() not in out:
                out.append(a[0].strip())
        return out

    def spanned_into(self, r: int) -> bool:
        """Some cell of an earlier row, with text, spans down into row r."""
        if self._spanned is None:
            self._spanned = {k for (rr, _), a in self.anchors.items() if a[1] > 1 and a[0].strip()
                             for k in range(rr + 1, rr + a[1])}
        return r in self._spanned


def from_rows(rows: list[list[tuple[str, int, int]]]) -> Slots:
    """HTML/Word style rows (each a list of (text, rowspan, colspan) in reading order) placed on a
    lattice: a cell goes into the first slot of its row that no span from above covers."""
    taken: set[tuple[int, int]] = set()
    placed: list[tuple[int, int, str, int, int]] = []
    n_cols = 0
    for r, row in enumerate(rows):
        c = 0
        for text, rs, cs in row:
            while (r, c) in taken:
                c += 1
            rs, cs = max(1, rs), max(1, cs)
            rs = min(rs, len(rows) - r)
            placed.append((r, c, text, rs, cs))
            for rr in range(r, r + rs):
                for cc in range(c, c + cs):
                    taken.add((rr, cc))
            c += cs
            n_cols = max(n_cols, c)
        n_cols = max(n_cols, max((cc + 1 for (rr, cc) in taken if rr == r), default=0))
    s = Slots(len(rows), n_cols)
    for r, c, text, rs, cs in placed:
        s.put(r, c, text, rs, cs)
    return s


def to_grid(s: Slots, page: int, top: int, r0: int = 0, r1: int | None = None) -> Grid:
    """Rows r0..r1-1 of `s` as a Grid on `page`, its first row at running line `top`. A span that
    runs past r1 is cut at it. Rows and columns where no text starts (spacer columns, blank rows,
    the rows a span covers alone) are dropped and the spans over them shortened, as the PDF reader's
    lattice does (structure/lattice.py), so the grid needs no joining afterwards; except a grid whose
    first row holds figures (a table continued without its header): it keeps every column its cells
    give, blank ones too, as the header it continues has them."""
    r1 = s.n_rows if r1 is None else r1
    texted = [(r, c) for (r, c), a in s.anchors.items() if r0 <= r < r1 and a[0].strip()]
    rows = sorted({r for r, _ in texted})
    cols = sorted({c for _, c in texted})
    if rows and _figures_first(s, rows[0]):
        # a table continued without its header (a web page or Word table split where a page broke):
        # its blank columns (项目支出 blank in every row continued) are columns of the table it
        # continues, and dropping them would move every figure right of them under the wrong heading
        texted_rows = set(rows)  # (all in r0..r1)
        cols = sorted({c for (r, c) in s.anchors if r in texted_rows})
    if not rows:
        return Grid(0, 0, [], Box(page, 0, top, 0, top))
    ri = {r: i for i, r in enumerate(rows)}
    ci = {c: i for i, c in enumerate(cols)}
    cells: list[Cell] = []
    seen: set[tuple[int, int]] = set()
    for r in rows:
        for c in cols:
            if (r, c) in seen:
                continue
            a = s.anchors.get((r, c))
            if a is None or (r, c) in s.covered or not a[0].strip():
                # an empty slot, or one a span from above the cut covers (its text stays above)
                if (r, c) not in seen:
                    cells.append(Cell("", ri[r], ci[c], 1, 1, Box(page, c, top + r - r0, c + 1, top + r - r0 + 1)))
                continue
            text, rs, cs, stored = a
            rs = min(rs, r1 - r)
            # (rows and cols ascend: the rows and columns a span covers by bisection, not a scan of
            # every row for every cell: a sheet of 50000 rows)
            span_rows = rows[bisect_left(rows, r):bisect_left(rows, r + rs)]
            span_cols = cols[bisect_left(cols, c):bisect_left(cols, c + cs)]
            for rr in span_rows:
                for cc in span_cols:
                    seen.add((rr, cc))
            cells.append(Cell(text, ri[r], ci[c], len(span_rows), len(span_cols),
                              Box(page, c, top + r - r0, c + cs, top + r - r0 + rs), stored=stored))
    return Grid(len(rows), len(cols), cells, Box(page, 0, top, s.n_cols, top + r1 - r0))


def _figures_first(s: Slots, r: int) -> bool:
    """Row r, the first row of a grid with text, holds an amount: the grid starts with its body."""
    from disclosure.normalize.amounts import parse_amount
    return any(parse_amount(a[0]).status in ("number", "percent") for (rr, _), a in s.anchors.items()
               if rr == r and a[0].strip())


def _line_like(s: Slots, r: int) -> bool:
    """A row holding one text (a title, a 单位 line, a note), or a 编制单位 … 单位：万元 pair."""
    texts = s.row_texts(r)
    if not texts or s.spanned_into(r):
        return False
    if len(texts) == 1:
        return True
    from disclosure.normalize.units import states_unit
    from disclosure.normalize.titles import department_of
    joined = " ".join(texts)
    # a 单位 cell is a 单位 line (单位：万元) or a unit alone (（万元）), never a heading
    # naming its unit (预算数（万元）: the header row of a two-column table)
    return len(texts) <= 3 and bool(any(map(states_unit, texts)) or department_of(joined)) and \
        not any(rx_re.fullmatch(r"[-\d,.\s%]+", t) for t in texts)


def _tops_table(s: Slots, r: int, after_unit: bool) -> bool:
    """Row r is one cell merged across columns of the table right under it, printed under the 单位 line
    (or the title) and naming no unit or department itself: the top of the table's header (财政拨款
    “三公”经费 over all its columns), not a line above the table."""
    from disclosure.normalize.units import find_unit
    from disclosure.normalize.titles import department_of, title_like
    if r + 1 >= s.n_rows or not s.row_texts(r + 1) or _line_like(s, r + 1):
        return False
    spans = [a for (rr, _), a in s.anchors.items() if rr == r and a[0].strip()]
    if len(spans) != 1 or spans[0][2] < 2:
        return False
    text = spans[0][0]
    if find_unit(text) or department_of(text) or _NOTE_START.match(text):
        return False
    return after_unit or not title_like(text)


def _lines_of_row(texts: list[str]) -> list[str]:
    """The lines a row of line-like cells prints: a table's title in a cell of its own (the title
    merged over all columns but the last, 单位：万元 in the last) is a line apart, since a title
    followed by 单位 on one line reads as no title; the other cells (编制单位：… 单位：万元) one line."""
    from disclosure.normalize.titles import title_like
    titles = [t for t in texts if title_like(t)]
    if len(texts) < 2 or len(titles) != 1:
        return [" ".join(texts)]
    rest = [t for t in texts if t is not titles[0]]
    return [titles[0], " ".join(rest)]


def sheet_blocks(s: Slots, page: int, top: int = 0) -> list[TextLine | Grid]:
    """A sheet's used range as the blocks of one page: the lines above a table (title, 部门, 单位)
    as text lines, the table as a grid, notes under it as text lines; a sheet holding several
    tables, one under another, gives each its lines and grid."""
    from disclosure.normalize.units import find_unit
    blocks: list[TextLine | Grid] = []
    r, n = 0, s.n_rows
    after_unit = False  # the last line was a 单位 line: a merged row under it tops the table
    while r < n:
        if not s.row_texts(r):
            r += 1
            continue
        if _line_like(s, r) and not _tops_table(s, r, after_unit):
            for text in _lines_of_row(s.row_texts(r)):
                blocks.append(TextLine(text, Box(page, 0, top + r, s.n_cols, top + r + 1), ends=True))
                after_unit = bool(find_unit(text))
            r += 1
            continue
        after_unit = False
        end = r + 1  # the table runs to the row before an empty row followed by a line, or the end
        last = r
        while end < n:
            if s.row_texts(end):
                if _line_like(s, end) and (not s.row_texts(end - 1) or _NOTE_START.match(s.row_texts(end)[0])):
                    break
                last = end
            end += 1
        # a note in one cell under the table (注：…) is text, not a row
        while last > r and _line_like(s, last) and _NOTE_START.match(s.row_texts(last)[0]):
            last -= 1
        blocks.append(to_grid(s, page, top + r, r, last + 1))
        r = last + 1
    return blocks
