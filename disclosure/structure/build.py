"""RawDocument -> Document: tables (with their context and continuations), paragraphs, TOC, metadata."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from disclosure.model import (Cell, Document, Grid, PageInfo, RawDocument, RawPage, Spool, Table, TextLine, settled,
                              spooled_paragraphs)
from disclosure.normalize.amounts import parse_amount
from disclosure.normalize.codes import SEPARATOR, parse_code, split_leading_code
from disclosure.normalize.table_types import cut_title_type, table_type, type_by_codes, type_by_items
from disclosure.normalize.text import clean, compact, map_glyphs
from disclosure.normalize.units import factor, find_unit
from disclosure.numerals import LIST_NUMBER as ITEM_NUMBER, value
from disclosure.rx import compile as rx_compile
from disclosure.structure import colwise, lattice
from disclosure.structure.wrapped import join_wrapped_figures
from disclosure.structure import tables as T
from disclosure.structure import list_markers
from disclosure.structure.context import (LIST_NUMBER, Context, department_of, is_number_line, is_toc_line,
                                          read_context, title_head, title_like)
from disclosure.structure.furniture import furniture
from disclosure.structure.identities import verify
from disclosure.structure.metadata import describe
from disclosure.structure.paragraphs import Piece, paragraphs
from disclosure.structure.sections import marker
from disclosure import rx as rx_re

_NOTE = rx_compile(r"^(注|说明|备注)\s*[:：]|本表无数据|无.{0,20}(数据|安排|支出|收入)|为空表|空表")


@dataclass
class _Pending:
    ctx: Context
    fragments: list[T.Fragment] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unit_inferred: bool = False
    lines: list[str] = field(default_factory=list)  # a table printed without a grid: its header lines
    page: int | None = None
    seq: int = 0  # where it stands in the running text (index into the builder's pieces)
    spooled: int | None = None  # its fragments' place in the builder's spool while they are there (fragments [])


def _margins(page: RawPage) -> tuple[float, float]:
    xs0 = sorted(b.box.x0 for b in page.blocks if isinstance(b, TextLine) and b.box)
    xs1 = sorted(b.box.x1 for b in page.blocks if isinstance(b, TextLine) and b.box)
    if not xs0:
        return 0.0, 0.0
    return xs0[len(xs0) // 10], xs1[int(len(xs1) * 0.9)]


class _Builder:
    def __init__(self, raw: RawDocument, consume: bool = False):
        self.raw = raw
        self.consume = consume
        # what is needed of every page besides its blocks, read in one pass (a model.PageSpool reads
        # each page back from its file for it): the numbers of the pages and whether each prints
        # anything (_page_before), kept apart from their blocks, which a consuming build lets go of
        # page by page; the OCR pages; each page's PageInfo; the furniture (running heads, footers)
        self.numbers: list[int] = []
        self.printed: list[bool] = []
        self.infos: list[PageInfo] = []
        self.ocr_pages: set[int] = set()
        self.drop = furniture(self._summarise(raw.pages))
        self.text_mode = raw.source_format == "text"
        # spreadsheets, Word and HTML give their cells and spans exactly (extract/grids.py): no lattice to join
        self.exact_grids = raw.source_format in ("xlsx", "xls", "xmlss", "csv", "docx", "doc", "html")
        self.pieces: list[Piece] = []
        self.pending: list[_Pending] = []
        # a consuming build writes the fragments (grids, cells) of every table but the last one
        # begun to a temporary file once _SPOOL_FROM tables are begun (model.Spool), and reads them
        # back when the table is made: a long document's grids are not all held until then
        self.frags: Spool | None = Spool(keep=0) if consume else None
        self.toc: list[tuple[int, str]] = []
        self.problems: list[dict] = []
        self.last_unit = ""
        self.since_grid = None  # text pieces since the last grid; None before any grid

    def _summarise(self, pages):
        """`pages`, each as it goes by noted in numbers, printed, infos and ocr_pages."""
        for p in pages:
            self.numbers.append(p.number)
            self.printed.append(bool(p.blocks))
            self.infos.append(PageInfo(p.number, p.triage, p.triage_reason, p.method, p.ocr))
            if p.method == "ocr":
                self.ocr_pages.add(p.number)
            yield p

    # ------------------------------------------------------------ blocks
    def run(self) -> Document:
        drop = self.drop
        in_toc, toc_keys = False, set()
        for at, page in enumerate(self.raw.pages):
            if page.triage != "text" and page.method != "ocr":
                self.problems.append({"page": page.number, "reason": page.triage_reason or page.triage})
            self.problems.extend({"page": page.number, "reason": n} for n in page.notes)
            left, right = _margins(page)
            blocks = page.blocks
            if self.consume and at >= _KEEP_PAGES:
                # structured below into pieces and fragments: the page's own list of them is not
                # needed again (metadata.describe reads the first pages' blocks only)
                page.blocks = []
            for k, block in enumerate(blocks):
                if isinstance(block, Grid):
                    in_toc = False  # a table after the contents: they are over
                    self._block(block, page)
                    continue
                if (at, k) in drop:
                    continue
                text = clean(block.text)
                if not text:
                    continue
                key = compact(text)
                if key in ("目录", "目次"):
                    in_toc, toc_keys = True, set()
                    continue
                if in_toc:
                    if _toc_key(key) in toc_keys:
                        in_toc = False  # an entry printed again: the document itself has begun
                    elif len(key) <= 60 and (not key.endswith("。") or (marker(text) and len(key) <= 40)):
                        self.toc.append((page.number, text))
                        toc_keys.add(_toc_key(key))
                        continue
                    else:
                        in_toc = False
                if is_toc_line(text):
                    self.toc.append((page.number, text))
                    continue
                if self.since_grid == 0 and self.pending and self._lone_total(block, page):
                    continue
                if self.since_grid == 0 and self.pending and _NOTE.search(key) and len(key) <= 80:
                    self.pending[-1].notes.append(text)
                    continue
                self.pieces.append(Piece(block, left, right))
                if self.since_grid is not None:
                    self.since_grid += 1
        return self._document()

    def _tail(self, page: RawPage) -> tuple[list[Piece], list[Piece]]:
        """The text lines just above a grid on its page, and those ending the page before that
        could be its title (a title or 公开04表 printed at the foot of the page before its table; a
        title's head wrapped over the line that ends it, …收入支出决算 / 表, U010-00061 pp.7-8)."""
        tail: list[Piece] = []
        before: list[Piece] = []
        for p in reversed(self.pieces):
            if p.line is None or len(tail) + len(before) >= 8:
                break
            on_page = self.text_mode or not p.line.box or p.line.box.page == page.number
            if on_page and not before:
                tail.append(p)
            elif p.line.box and p.line.box.page == self._page_before(page.number) and \
                    (is_number_line(p.line.text) or title_like(p.line.text) or find_unit(p.line.text)
                     or department_of(p.line.text) or _header_like(p.line.text)
                     or before and title_head(p.line.text, compact(before[-1].line.text))):
                before.append(p)
            else:
                break
        return list(reversed(tail)), list(reversed(before))

    def _lone_total(self, line: TextLine, page: RawPage) -> bool:
        """A line `合计 11284.00` opening a page right after a table of one amount column that ended
        the page before (机关运行经费支出决算表, L007-00076 p.16-17): the table's 合计 row, not prose;
        so is a line whose label goes on with the list numbers of the table's labels (`四、事业收入
        25850003.58` after 三、财政专户管理资金, the last row of 收入决算表 alone at the top of the next
        page before the next table's title: L007-00863 p.3-4), or opens with a code under the 类 of
        the table's last code, after it (`302 13 维修（护）费 14,871,791`, L007-00098 p.17-18), or goes
        on with the arabic list numbers of its labels (`3.公务接待费 2654472.96` after 2.公务用车购置及运行费
        and the rows under it, a 三公 list's last row alone atop the next page: U024-00034 p.10), or prints
        a word in each column, one of them as printed in that column above (`空调 货物 询价 集中采购
        267,001`, L007-00098 p.18-19) or the 序号 after the column's last (`3 公务接待费 1.90`).
        Appended to the table (in place) when it is."""
        prev = self.pending[-1]
        if not prev.fragments or prev.fragments[-1].page is None or prev.fragments[-1].page >= page.number:
            return False
        last = prev.fragments[-1]
        n = last.grid.n_cols
        texts = _lone_row(line.text, [r for r in last.body if any(c is not None and c.text.strip() for c in r)], n)
        if texts is None:
            return False
        cells = [Cell(t, 0, k, box=line.box) for k, t in texts.items()] + \
                [Cell("", 0, k) for k in range(n) if k not in texts]
        grid = Grid(1, n, cells, line.box, aligned=True)
        prev.fragments.append(T.Fragment(grid, page.number, [], grid.matrix()))
        return True

    def _page_before(self, number: int) -> int | None:
        """The nearest earlier page printing anything (a blank page between is skipped)."""
        return next((n for n, printed in zip(reversed(self.numbers[:number - 1]),
                                             reversed(self.printed[:number - 1])) if printed), None)

    def _spool(self, p: _Pending) -> None:
        """`p`'s fragments to the builder's spool (a consuming build only; nothing to write for a
        table without any)."""
        if self.frags is None or not p.fragments or p.spooled is not None:
            return
        p.spooled = len(self.frags)
        self.frags.append(p.fragments)
        p.fragments = []

    def _unspool(self, p: _Pending) -> list:
        """`p`'s fragments, read back from the spool when they are there (then `p` holds them again)."""
        if p.spooled is not None:
            p.fragments, p.spooled = self.frags[p.spooled], None
        return p.fragments

    def _grid(self, grid: Grid, page: RawPage) -> None:
        frag = T.split_grid(grid, inherit_left=self.text_mode or self.exact_grids)
        named = lattice.codes_into_labels(grid, frag.header, frag.body)
        if named is not grid:
            grid, frag = named, T.split_grid(named, inherit_left=self.text_mode or self.exact_grids)
        if grid.headless and frag.header:
            # the aligned reader found no heading over it: rows of blank cells over its one line of
            # figures are rows (住房公积金 over 提租补贴 421,183, a 续表's last page, U023-00176 p.8)
            frag.header, frag.body = [], frag.header + frag.body
        tail, before = self._tail(page)
        ctx = read_context([p.line.text for p in tail])
        if frag.captions:
            cap = read_context([ln for c in frag.captions for ln in c.split("\n")])
            for name in ("title", "title_printed", "number", "unit", "department"):
                if not getattr(ctx, name):
                    setattr(ctx, name, getattr(cap, name))
            if not ctx.title:  # a caption that is a title cut short where its cell ends (T._is_caption)
                cut = next((c for c in frag.captions if cut_title_type(c, 4)), "")
                if cut:
                    ctx.title, ctx.title_printed = compact(cut), cut
        if before and not ctx.title and ctx.used == len(tail):
            wider = read_context([p.line.text for p in before + tail])
            if wider.title:
                for name in ("unit", "department"):
                    setattr(wider, name, getattr(wider, name) or getattr(ctx, name))
                ctx = wider
        orphan_header: list[str] = []
        if not frag.header and not ctx.title and (before or tail):
            # a table whose heading rows end the page before (or stand above it as text): its title
            # and 单位 line are above those rows
            lines = before + tail
            heads = 0
            while heads < min(5, len(lines)) and _header_like(lines[len(lines) - 1 - heads].line.text):
                heads += 1
            if heads:
                wider = read_context([q.line.text for q in lines[:len(lines) - heads]])
                if wider.title:
                    orphan_header = [q.line.text for q in lines[len(lines) - heads:]]
                    ctx = wider
                    ctx.used += heads
        if ctx.used:
            del self.pieces[len(self.pieces) - ctx.used:]
        printed_unit = ctx.unit  # from the lines above or the caption rows, before any inheritance
        prev = self.pending[-1] if self.pending else None
        follows = prev is not None and bool(prev.fragments) and not ctx.title and not ctx.number \
            and self.since_grid == 0
        if grid.headless and not follows:
            self._as_text(grid, page)  # one line of figures under no heading, going on with nothing
            return
        if follows and not any(f.body for f in prev.fragments) and not grid.aligned and not self.text_mode \
                and not self.exact_grids and len(prev.fragments) == 1:
            # the table's first heading rows end the page before, ruled on fewer columns: one grid
            whole = lattice.stack(prev.fragments[0].grid, grid)
            if whole is not None:
                both = T.split_grid(whole, inherit_left=False)
                head = prev.fragments[0]  # its page keeps the heading; the rows are this page's
                prev.fragments = [T.Fragment(whole, head.page, both.header, [], both.captions, []),
                                  T.Fragment(whole, page.number, [], both.body, [], both.notes)]
                self.pieces.append(Piece(None))
                self.since_grid = 0
                return
        goes_on = bool(ctx.title and _GOES_ON.match(ctx.title))
        if prev is not None and len(prev.fragments) == 1 and frag.header and prev.fragments[0].header \
                and prev.fragments[0].body and (not ctx.title or goes_on) \
                and not T.same_header(frag.header, prev.fragments[0].header):
            # the table's further columns, its row labels printed again (续表 on the next page)
            first = prev.fragments[0]
            frag.header, frag.body = T.labels_down(frag.header, frag.body, first.body)
            whole = lattice.beside(first.grid, grid, (len(first.header), len(frag.header)),
                                   (len(first.body), len(frag.body)), (_first_row(first), _first_row(frag)),
                                   titled=goes_on)
            if whole is not None:
                both = T.split_grid(whole, inherit_left=self.text_mode or self.exact_grids)
                prev.fragments = [T.Fragment(whole, first.page, both.header, both.body, first.captions, first.notes)]
                prev.notes.append(f"its further columns are printed on page {page.number}")
                self.pieces.append(Piece(None))
                self.since_grid = 0
                return
        continues = follows and prev.fragments[-1].grid.n_cols == grid.n_cols and not (
            grid.aligned and not frag.header)  # a page of aligned rows is placed by position below
        # (in a plain text, a table laid out with spaces is aligned: placed by its columns, as a page's)
        if follows and not continues and (not self.text_mode or grid.aligned):
            first = prev.fragments[0].grid
            same = lattice.place(grid, first) if grid.aligned and not frag.header else lattice.regrid(grid, first)
            if same is not None:  # the same columns, ruled (or aligned) differently on this page
                grid, frag, continues = same, T.split_grid(same, inherit_left=self.text_mode or self.exact_grids), True
                if not frag.header and frag.body is not None:
                    # every row, those taken for captions too; the note rows under them stay notes
                    # (注：… in an unruled cell of the ruling a next table is stacked on, generator
                    # axis stacked: kept as a row, it was a 续表's cell over its labels and figures,
                    # and colwise.join refused the parts, U025-00007 pp.4-5)
                    rows = same.matrix()
                    frag.header, frag.body = [], rows[:len(rows) - len(frag.notes)]
        if follows and not continues and frag.header and frag.body and prev.fragments[0].header \
                and T.similar_header(frag.header, prev.fragments[0].header):
            # its own repeated header (the same words), on other columns: placed by the columns' headings
            first = prev.fragments[0]
            cols = T.header_map(T.column_paths(frag.header, grid.n_cols),
                                T.column_paths(first.header, first.grid.n_cols))
            if cols is not None:
                same = lattice.remap(grid, cols, first.grid.n_cols)
                grid, frag, continues = same, T.split_grid(same, inherit_left=False), True
                frag.header = []
        if follows and not continues and _beside(prev.fragments[-1].grid, grid):
            follows = False  # a table beside the one before on its page goes on no table: it begins one
        block = _own_title_block(frag) if follows and not continues else 0
        if block:
            # (its title unread: no title is not the table before's) its title block's rows are
            # no headings: its unit and department are read from them
            lines = [" ".join(dict.fromkeys(c.text for c in row if c is not None and c.text.strip()))
                     for row in frag.header[:block]]
            frag.header = frag.header[block:]
            own = read_context([ln for text in lines for ln in text.split("\n")])
            ctx.unit, ctx.department = ctx.unit or own.unit, ctx.department or own.department
            printed_unit = printed_unit or own.unit
            follows = False
        if follows and not continues:
            # the same table goes on in another layout (绩效目标表 parts): same title, own grid
            for name in ("title", "title_printed", "number", "unit", "department"):
                setattr(ctx, name, getattr(ctx, name) or getattr(prev.ctx, name))
            frag.notes.insert(0, "continues the table before it in another column layout")
        if continues:
            # a repeated header: the same, or (read by OCR or by alignment, cut differently on each
            # page) the same words
            n_head = len(prev.fragments[0].header)
            if len(frag.header) > n_head and T.same_header(frag.header[:n_head], prev.fragments[0].header):
                # the header repeated, then rows of blank cells the split took for more header (二、结转下年
                # with nothing in its cells under the repeated heading, U001-00043 p.5)
                frag.header, frag.body = frag.header[:n_head], frag.header[n_head:] + frag.body
            n = T.repeated_over_labels(frag.header, prev.fragments[0].header)
            if n:
                # the heading rows repeated over rows of blank cells, where the first page's header
                # took rows of blank cells as well, other ones (a 续表's further columns, blank on
                # its first rows of each page, U008-00063 pp.6-7): rows, and the header goes
                frag.header, frag.body = [], frag.header[n:] + frag.body
            if frag.header and (T.same_header(frag.header, prev.fragments[0].header) or (
                    (page.number in self.ocr_pages or grid.aligned)
                    and T.similar_header(frag.header, prev.fragments[0].header))):
                frag.header = []
            elif frag.header and (n := T.within_header(frag.header, prev.fragments[0].header)):
                # the heading repeated with cells left out, its 栏次 line with it: heading, and the
                # rows under it (if the split took any for heading) rows
                frag.header, frag.body = [], frag.header[n:] + frag.body
            elif frag.header and not frag.body:
                frag.body, frag.header = frag.header, []
            elif frag.header:
                frag.body, frag.header = frag.header + frag.body, []
            prev.fragments.append(frag)
        else:
            inferred = False
            if not ctx.unit and T.heading_unit(frag.header):
                ctx.unit = printed_unit = T.heading_unit(frag.header)  # 预算数（万元）: printed in a heading
            if not ctx.unit and self.last_unit and grid_has_amounts(frag):
                ctx.unit, inferred = self.last_unit, True
            if len(self.pending) >= _SPOOL_FROM:
                self._spool(self.pending[-1])  # only the last table begun takes more rows or fragments
            self.pending.append(_Pending(ctx, [frag], list(frag.notes), inferred, lines=orphan_header,
                                         seq=len(self.pieces)))
        if printed_unit:
            self.last_unit = printed_unit
        self.pieces.append(Piece(None))
        self.since_grid = 0

    def _block(self, block: Grid, page: RawPage) -> None:
        """A grid of the page structured into its table(s). A grid whose structuring fails (a
        reading defect, not the document's) is kept as a line of text, and the page's problems say
        so (the command prints them as a warning with file and page): one table lost, not the
        document (seed 12 document 11 failed whole on an IndexError)."""
        try:
            for grid in self._tables_of(block):
                self._grid(grid if self.exact_grids else join_wrapped_figures(grid), page)
        except (IndexError, KeyError, ValueError, TypeError, AttributeError, ZeroDivisionError) as e:
            self.problems.append({"page": page.number, "reason": f"a table could not be structured, its cells "
                                                                f"kept as text ({type(e).__name__}: {e})"[:200]})
            self._as_text(block, page)

    def _tables_of(self, block: Grid) -> list[Grid]:
        """The printed tables of a ruled region, each on its own lattice: the region cut under
        titles first (`lattice.split_stacked`), then each part's sliver rows and columns collapsed
        (`lattice.collapse`) and cut again. Collapsed whole, the column lines of one table stacked
        under another on one ruling (a sheet painting every cell, generator axis stacked) parted the
        other's cells: a 类 code over two lattice columns lost its column."""
        if self.text_mode or self.exact_grids:
            return lattice.split_stacked(block)
        return [grid for part in lattice.split_stacked(block) for grid in lattice.split_stacked(lattice.collapse(part))]

    def _as_text(self, grid: Grid, page: RawPage) -> None:
        """A grid that is no table after all, back into the running text as one line."""
        text = " ".join(c.text for c in sorted(grid.cells, key=lambda c: (c.row, c.col)) if c.text.strip())
        self.pieces.append(Piece(TextLine(text, grid.box, 0.0)))
        if self.since_grid is not None:
            self.since_grid += 1

    # ------------------------------------------------------------ assembly
    def _table(self, index: int, p: _Pending, kind: str, year: int | None = None) -> Table:
        first = p.fragments[0]
        header = first.header
        body, pages = [], []
        for f in p.fragments:
            rows = f.body
            if body and rows and _prints_figures(rows) and _label_tail(body[-1], rows[0]):
                rows = rows[1:]  # the last row's label wrapped over the page: its tail joined to it
            body.extend(rows)
            pages.extend([f.page] * len(rows))
        n_cols = first.grid.n_cols
        paths = T.column_paths(header, n_cols)
        title = p.ctx.title
        typ = table_type(title, ocr=first.page in self.ocr_pages) if title else "other"
        cut = cut_title_type(title) if typ == "other" and title else ""
        if cut:  # a title cut short (run off the page or out of its cell): the standard title it begins
            typ = cut
        segs = T.segments(paths, body, T.top_labels(header, n_cols), single=typ == "performance_targets")
        rows = T.rows_of(paths, body, pages, segs, kind, typ, year)
        by_rows = _typed_by_rows(rows, typ, bool(title))
        if by_rows:  # no title read, or one the rows contradict or that names no table: the rows name it
            by_title, typ = typ, by_rows
            rows = T.rows_of(paths, body, pages, segs, kind, typ, year)
        list_markers.mend(rows)  # 十一、 read by OCR as — 一一、
        ctx = p.ctx
        empty = not any(v.amount.status in ("number", "dash", "percent") for r in rows for v in r.values)
        notes = [n for n in p.notes if n] + ([f"no title read: typed {typ} by its rows"] if by_rows and not title else []) \
            + ([f"the title gives {by_title}: typed {typ} by its rows"] if by_rows and title else []) \
            + ([f"title cut short: typed {typ} by the standard title it begins"] if cut else [])
        table = Table(
            index=index, type=typ, title=title, title_printed=ctx.title_printed, number=ctx.number,
            unit=ctx.unit, unit_factor=factor(ctx.unit), department=ctx.department,
            pages=sorted({f.page for f in p.fragments if f.page is not None}
                         | {v.box.page for r in rows for v in r.values if v.box is not None}),
            columns=paths, header_rows=T.printed_matrix(header) or [[ln] for ln in p.lines],
            body=T.printed_matrix(body),
            body_pages=pages, sides=[s.side for s in segs], rows=rows, empty=empty,
            note="；".join(notes), box=T.union_box([f.grid.box for f in p.fragments]),
            unit_inferred=p.unit_inferred)
        table.verification = verify(table)
        return table

    def _gridless(self) -> None:
        """A standard table printed without any amount (本表无数据 under its title and header) has no
        grid when it is not ruled: its title, the lines under it and the note make an empty table;
        so do its title, its headings and a 合计 line without a figure when no note is printed.
        The lines are taken out of the running text; the table is placed where it is printed."""
        out, i = [], 0
        pieces = self.pieces
        while i < len(pieces):
            p = pieces[i]
            text = clean(p.line.text) if p.line is not None else ""
            start = i + 1
            # (a long title wraps: 公开06表：…政府性基金预算支出功能分类 / 预算表, L007-00752 p.9; the
            # two lines read as one title as above a grid: context.title_head)
            nxt = pieces[start].line if start < len(pieces) else None
            if p.line is not None and nxt is not None and _table_title(text) == "other" \
                    and read_context([text, nxt.text]).used == 2 and _table_title(text + clean(nxt.text)) != "other":
                text, start = text + clean(nxt.text), start + 1
            if p.line is None or not title_like(text) or _table_title(text) == "other" or is_number_line(text):
                out.append(p)
                i += 1
                continue
            j, note, total = start, None, None
            while j < len(pieces) and j - i <= 10 and pieces[j].line is not None:
                t = clean(pieces[j].line.text)
                if _NOTE.search(compact(t)) and len(compact(t)) <= 80:
                    note = j
                    break
                if compact(t) in ("合计", "总计") and j > start:
                    total = j  # headings, then a 合计 line with no figure: the table printed empty
                    after = pieces[j + 1].line if j + 1 < len(pieces) else None
                    if after is not None and _NOTE.search(compact(clean(after.text))) and len(compact(after.text)) <= 80:
                        note = j + 1  # (and its note under it)
                    break
                if title_like(t) or marker(t) or len(compact(t)) > 60:
                    break
                j += 1
            if note is None and total is None:
                out.append(p)
                i += 1
                continue
            end = note if note is not None else total
            head = [text] + [clean(q.line.text) for q in pieces[start:end]]
            ctx = read_context(head[:1] + [h for h in head[1:] if find_unit(h) or department_of(h)])
            ctx.title = ctx.title or compact(text)
            self.pending.append(_Pending(ctx, notes=[clean(pieces[note].line.text)] if note is not None else [],
                                         lines=[h for h in head[1:] if not find_unit(h) and not department_of(h)],
                                         page=p.line.box.page if p.line.box else None, seq=i))
            out.append(Piece(None))
            i = end + 1
        self.pieces = out

    def _empty_table(self, index: int, p: _Pending) -> Table:
        ctx = p.ctx
        return Table(index=index, type=table_type(ctx.title), title=ctx.title, title_printed=ctx.title_printed,
                     number=ctx.number, unit=ctx.unit, unit_factor=factor(ctx.unit), department=ctx.department,
                     pages=[p.page] if p.page else [], columns=[], header_rows=[[ln] for ln in p.lines], body=[],
                     body_pages=[], sides=[], rows=[], empty=True, note="；".join(p.notes))

    def _column_wise(self) -> None:
        """A 续表 holding the further columns of the table before it, where either part runs over
        pages (joined whole, `colwise.join`; a one-page part was joined as it was read)."""
        kept: list[_Pending] = []
        for p in self.pending:
            prev = kept[-1] if kept else None
            if prev is not None and _GOES_ON.match(p.ctx.title or ""):
                self._unspool(prev)
                self._unspool(p)
            if prev is not None and prev.fragments and p.fragments and _GOES_ON.match(p.ctx.title or "") \
                    and (len(prev.fragments) > 1 or len(p.fragments) > 1):
                frags = colwise.join(prev.fragments, p.fragments)
                if frags is not None:
                    prev.fragments = frags
                    pages = sorted({f.page for f in p.fragments if f.page is not None})
                    prev.notes.append("its further columns are printed on page" + ("s " if len(pages) > 1 else " ")
                                      + ", ".join(map(str, pages)))
                    continue
            if prev is not None and len(kept) >= _SPOOL_FROM:
                self._spool(prev)  # back to the file (when read for the join above)
            kept.append(p)
        self.pending = kept

    def _document(self) -> Document:
        self._gridless()
        self.pending.sort(key=lambda p: p.seq)
        self._column_wise()
        paras = paragraphs(self.pieces)
        self.pieces = []  # their text lines are paragraphs now
        announced = _announced(self.toc, self.ocr_pages)
        meta = describe(self.raw, paras, [p.ctx for p in self.pending])
        # a consuming build (the pipeline's) writes the tables past the first SPOOL_TABLES_AFTER to a
        # temporary file as they are made (model.Spool; a list when there are no more): a long
        # document's checked tables are never all held at once (issue #19)
        tables: list[Table] | Spool = Spool() if self.consume else []
        units_seen: set[str] = set()
        for i, p in enumerate(self.pending):
            self._unspool(p)
            table = self._table(i + 1, p, meta.kind, meta.year) if p.fragments else self._empty_table(i + 1, p)
            p.fragments = []  # its grids and cells, read into the table: let go table by table
            units_seen.add(table.unit)
            tables.append(table)
            del table
        units = sorted(u for u in units_seen if u)
        if self.frags is not None:
            self.frags.close()
        return Document(self.raw.source, self.raw.sha256, self.raw.source_format, meta.title,
                        meta.department, meta.year, meta.kind, meta.level, units, len(self.numbers),
                        announced, settled(tables), spooled_paragraphs(paras) if self.consume else paras,
                        self.infos, self.problems)


_HEADER_WORD = rx_compile(r"^[\u4e00-\u9fff（）()“”、]{1,12}$")


def _first_row(frag: T.Fragment) -> int:
    """The grid row of a fragment's first heading row (below a title printed inside the ruling)."""
    return min((c.row for c in frag.header[0] if c is not None), default=0)


_GOES_ON = rx_compile(r"^[（(]?续表[)）]?\d*$|^续[:：]")  # 续表, （续表）, 续表1: the table before goes on


_ARABIC_NUMBER = rx_compile(r"^(\d{1,2})[.．、](?!\d)")


def _list_number(label: str) -> tuple[str, int] | None:
    """The list number opening a row's label, with its kind: ("一、", 4) for 四、事业收入, ("1.", 3)
    for 3.公务接待费 (1. 1、 1． alike); None when it opens with none (or a numeral not well formed)."""
    if m := ITEM_NUMBER.match(label):
        n = value(m.group(0)[:-1])
        return None if n is None else ("一、", n)
    if m := _ARABIC_NUMBER.match(label):
        return "1.", int(m.group(1))
    return None


def _lone_row(printed: str, rows: list[list[Cell | None]], n: int) -> dict[int, str] | None:
    """The cells (column -> text) of a line printed `printed` that goes on with a table of one
    amount column whose body rows are `rows` (`n` columns), or None: see `_Builder._lone_total`."""
    text = clean(printed)
    parts = text.rsplit(None, 1)
    if len(parts) != 2 or parse_amount(parts[1]).status not in ("number", "dash"):
        return None
    filled = {k for r in rows for k, c in enumerate(r) if c is not None and c.text.strip()}
    # a column that prints only codes (科目编码) is one of labels; read as a column of codes, left of
    # one printing words, `302.31` is one (dotted codes: U006-00016 pp.11-12)
    worded = [k for k in filled if any(r[k] is not None and parse_amount(r[k].text).status == "text" for r in rows)]
    code_col = next((k for k in sorted(filled) if any(j > k for j in worded) and all(
        parse_code(r[k].text, in_code_column=True) for r in rows if r[k] is not None and r[k].text.strip())), None)
    amounts = {k for r in rows for k, c in enumerate(r) if c is not None and k != code_col
               and parse_amount(c.text).status in ("number", "dash")}
    # (left of the amount column, one of plain short integers is a key: 序号, a 款 or 项 part)
    amounts = {k for k in amounts if k == max(amounts) or any(
        r[k] is not None and not rx_re.fullmatch(r"\d{1,3}", r[k].text.strip()) for r in rows if r[k] is not None and r[k].text.strip())}
    labels = filled - amounts
    if len(amounts) != 1 or not labels:
        return None
    # the label column: the first printing words, not only figures (a 序号 or code column before it)
    named = [k for k in sorted(labels) if any(r[k] is not None and parse_amount(r[k].text).status == "text" for r in rows)]
    a, lab = amounts.pop(), (named or sorted(labels))[0]
    words = [clean(w) for w in printed.split()]

    def goes_on(k: int, word: str) -> bool:  # as printed in column k above, or the 序号 after its last
        above = [r[k].text.strip() for r in rows if r[k] is not None and r[k].text.strip()]
        numbers = [int(t) for t in above if t.isdigit()]
        return word in above or (word.isdigit() and bool(numbers) and int(word) == numbers[-1] + 1)

    # a word in each column, attributes as printed above; or in each column the rows above print
    # in, a column blank down them left out (a heading centred in the blank over a label column set
    # left stood for a column of its own: 采购项目 over 印刷服务 …, 5 物业管理服务 物业管理服务 公开招标
    # 63.20 alone atop the next page, U023-00127 pp.7-8)
    for order in ([list(range(n))] if len(words) == n else []) + ([sorted(filled)] if len(words) == len(filled) else []):
        if len(order) > 2 and a == order[-1] == n - 1 and any(goes_on(k, w) for k, w in zip(order, words)
                                                             if k in labels and k != lab):
            return dict(zip(order, words))
    code, name = split_leading_code(parts[0])
    if code is not None:
        # a code under the same 类 as the table's last code, after it
        printed = [c for r in rows for k in sorted(labels) if r[k] is not None
                   for c in [parse_code(r[k].text, in_code_column=k == code_col) or split_leading_code(r[k].text)[0]]
                   if c is not None]
        if not printed or printed[-1].code[:3] != code.code[:3] or code.code <= printed[-1].code:
            return None
    elif not T._TOTAL.match(compact(parts[0])):
        mine = _list_number(compact(parts[0]))
        numbers = [n for r in rows for c in r[lab:lab + 1]
                   if c is not None and (n := _list_number(compact(c.text))) is not None and n[0] == (mine or ("",))[0]]
        if mine is None or not numbers or mine[1] != numbers[-1][1] + 1:
            return None
    names = [k for k in sorted(labels) if k != code_col]
    if code is not None and code_col is not None and names:
        return {code_col: code.printed, names[0]: name, a: parts[1]}
    return {lab: parts[0], a: parts[1]}


def _prints_figures(rows: list[list]) -> bool:
    """Some row of a page's part of a table prints a figure. A part none of whose rows does (a
    ruled continuation printing labels only, its next table's title right under it: generator
    axes stacked and label_rows) opens with a row of its own, not a label's tail: a wrapped
    label's tail is followed by rows that go on printing the table's figures."""
    return any(c is not None and parse_amount(c.text).status == "number" for r in rows for c in r)


def _label_tail(last: list, first: list) -> bool:
    """`first`, the first body row of a page going on with a table, is the tail of `last`'s label
    wrapped over the page (行政运 / 行): one short piece of text, in a column where `last` prints
    text, nothing else in the row, while `last` prints figures. When it is, the tail is joined to
    `last`'s cell (in place). A two-sided summary's row broken so on both sides (本年收入 | 本年支出
    over the page, 合计 | 合计 opening the next, issue #12) has a tail in each side's label column:
    each must be one, or none is joined."""
    filled = [k for k, c in enumerate(first) if c is not None and c.text.strip()]
    if not filled or len({id(first[k]) for k in filled}) != len(filled):
        return False
    if _code_tail(last, first, filled):
        return True
    if len(filled) > 1 and any(not _total_word(first[k].text.strip()) for k in filled):
        return False  # (several pieces: only the tails of totals' labels, a summary's both sides)
    for k in filled:
        tail = first[k].text.strip()
        prev = last[k] if k < len(last) else None
        if prev is None or not prev.text.strip() or len(tail) > 4 or "\n" in tail or LIST_NUMBER.match(tail) \
                or tail.startswith("其中") or (_total_word(tail) and not _total_tail(prev.text, tail)) \
                or parse_amount(tail).status != "text" or parse_amount(prev.text).status != "text":
            return False
    if not any(c is not None and all(c is not last[k] for k in filled) and parse_amount(c.text).status == "number"
               for c in last):
        return False
    for k in filled:
        last[k].text = last[k].text.rstrip() + "\n" + first[k].text.strip()
    return True


_OPEN_CODE = rx_compile(rf"\d{{3}}(?:{SEPARATOR}\d{{2}})?{SEPARATOR}")  # 210-01- : a code cut after a separator


def _code_tail(last: list, first: list, filled: list[int]) -> bool:
    """`first` is the tail of `last`'s code wrapped over the page in a narrow code column (`210-01-`
    ending page 3, `99` alone opening page 4, U020-00660): one cell of digits, nothing else in the
    row, under a cell of `last` that prints a code cut after its separator (no code as it stands)
    and reads a code with the tail. When it is, the tail is joined to that cell (in place)."""
    if len(filled) != 1:
        return False
    k = filled[0]
    prev, tail = (last[k] if k < len(last) else None), first[k].text.strip()
    if prev is None or not tail.isdigit() or not _OPEN_CODE.fullmatch(prev.text.strip()):
        return False
    if parse_code(prev.text.strip() + tail, in_code_column=True) is None:
        return False
    prev.text = prev.text.rstrip() + "\n" + tail
    return True


def _total_word(text: str) -> bool:
    return T.row_role(text) != "item"


def _total_tail(label: str, tail: str) -> bool:
    """A bare 小计 / 合计 opening a page, blank across, is the tail of the label above it (当 年 收 入 /
    小计, rendaban-2017 pp.8-9) when that label is no total and no numbered item and the two make a
    total's label: a total printing nothing right under a row printing figures could be no total
    of the rows above it, and read as the tail, the row's figure is the total's."""
    return not _total_word(label) and not LIST_NUMBER.match(label.strip()) and _total_word(label + tail)


@lru_cache(maxsize=4096)
def _table_title(text: str) -> str:
    """The table type a line names as a title ("other" when it names none). Kept for the last
    4096 lines asked (a pure function of the text: _gridless asks it of every line up to twice,
    and a page's headings repeat on every page; issue #15)."""
    return table_type(read_context([text]).title or text)


def _header_like(text: str) -> bool:
    """A line of table headings printed as text (科目名称 合计 基本支出 项目支出, 类 款 项): short
    words apart, no sentence, no number, no title or 单位 line."""
    words = map_glyphs(text or "").split()  # as printed: clean() would join the words
    return 1 <= len(words) <= 12 and all(_HEADER_WORD.match(w) for w in words) and \
        len(compact(text)) <= 40 and not title_like(text) and not find_unit(text) and not department_of(text) \
        and (len(words) >= 2 or len(compact(text)) <= 8)


def _typed_by_rows(rows: list, typ: str, titled: bool) -> str:
    """The type a table's rows give it over `typ`, the one its title gave ("other" when none was
    read), "" when they give none or the same. The 三公 items alone, without codes
    (normalize/table_types.type_by_items), make a three_public_expenses table whatever the title
    says: no other standard table has those rows (a title in a table's first ruled row that could
    not be read, two titles side by side run into each other, U009-00059 p.7, leaves such a table
    untitled; the words left of two overlapping titles gave 支出决算表, a summary's, U020-00871 p.7).
    Rows of 302 economic 款 codes alone (type_by_codes) make an operating_expenses table where a
    title was read that names no table (机关运行经费支出 run off the page, U020-00871 p.7); never
    an untitled one: a page going on with a 基本支出 table may print 302 rows alone."""
    if not rows:
        return ""
    got = ""
    if not any(r.code for r in rows):
        got = type_by_items([r.name for r in rows])
    elif titled and typ == "other":
        items = [r for r in rows if r.role == "item"]
        if all(r.code for r in items):
            got = type_by_codes([r.code for r in items])
    return got if got != typ else ""


def _beside(a: Grid, b: Grid) -> bool:
    """Grid `b` stands beside grid `a` on its page: right of it, over half the shorter one's height
    level with it (two tables side by side: the second does not continue the first in another
    column layout; a table goes on below itself or on the next page)."""
    if a.box is None or b.box is None or a.box.page != b.box.page or b.box.x0 < a.box.x1 - 1:
        return False
    level = min(a.box.bottom, b.box.bottom) - max(a.box.top, b.box.top)
    return level > 0.5 * min(a.box.bottom - a.box.top, b.box.bottom - b.box.top)


def _own_title_block(frag: T.Fragment) -> int:
    """How many of the grid's heading rows are its own title block (0 when none): a line of text,
    then its 编制单位 or 单位 line, then the headings (a title in the first ruled row that could not be read: two titles
    side by side run into each other, U009-00059 p.7). A table that begins so goes on no table
    before it, whatever its columns (it was joined to the page before's 基本支出 table as that table
    going on in another column layout, and typed as it)."""
    rows = frag.header
    if len(rows) < 3 or not any(c is not None and c.text.strip() for c in rows[0]):
        return 0
    n = frag.grid.n_cols
    for i, row in enumerate(rows[1:-1], start=1):
        text = " ".join(dict.fromkeys(c.text for c in row if c is not None and c.text.strip()))
        if T._is_caption(row, n) and (department_of(text) or find_unit(text)):
            return i + 1
    return 0


def grid_has_amounts(frag: T.Fragment) -> bool:
    return any(c is not None and parse_amount(c.text).status == "number" for row in frag.body for c in row)


def _toc_key(key: str) -> str:
    """A contents entry or heading without its page number and list number (一、, 3.)."""
    return LIST_NUMBER.sub("", rx_re.sub(r"[.…·．\d]+$", "", key))


def _announced(toc: list[tuple[int, str]], ocr_pages: set[int] = frozenset()) -> list[dict]:
    """Table titles the table of contents announces (wrapped entries joined)."""
    entries: list[tuple[int, str]] = []
    for page, text in toc:
        t = rx_re.sub(r"[.…·．]{2,}.*$|\s+\d{1,3}$", "", clean(text)).strip(" -")
        if not t:
            continue
        if entries and not marker(t) and not title_like(entries[-1][1]) and marker(entries[-1][1]) \
                and len(compact(t)) <= 12:
            entries[-1] = (entries[-1][0], entries[-1][1] + t)
        else:
            entries.append((page, t))
    out = []
    for page, t in entries:
        if not title_like(t) or rx_re.match(r"^第.+部分", compact(t)):
            continue
        mk = marker(t)
        title = compact(t[len(mk[1]):] if mk else t)
        out.append({"number": mk[1].rstrip("、.．") if mk else "", "title": title,
                    "type": table_type(title, ocr=page in ocr_pages), "toc_page": page})
    return out


_SPOOL_FROM = 64  # tables begun before a consuming build writes the fragments of those before the last (model.Spool)
_KEEP_PAGES = 3  # metadata.describe reads the blocks of the first pages (the cover, a 部门： label)


def build(raw: RawDocument, consume: bool = False) -> Document:
    """The structured Document of a raw one (tables with their context and continuations,
    paragraphs, contents, metadata).

    consume: the caller will not read `raw`'s pages again, so the builder empties each page's
    `blocks` once it has taken them into its running text and table fragments (the first
    `_KEEP_PAGES` pages excepted, which the metadata reads at the end); the pages' numbers,
    triage and the rest stay. With the fragments let go as each table is made, a long document's
    text lines and cells are not held beside its tables (issues #15, #19: memory flat in pages),
    and its tables past the first model.SPOOL_TABLES_AFTER are written to a temporary file as they
    are made, its paragraphs past the first SPOOL_PARAGRAPHS_AFTER once made (`Document.tables`,
    `.paragraphs` a model.Spool: read back one at a time by the later stages).
    The Document is the same either way."""
    return _Builder(raw, consume).run()
