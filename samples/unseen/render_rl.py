"""Draw a document's grids with reportlab, along the document's axis values.

Two passes: `layout` places every table's pieces on pages as drawing operations (so the page
count is known for "第 N 页 共 M 页" footers and every truth amount gets its page), then `draw`
writes them. Rotated pages are drawn landscape on a portrait page carrying /Rotate 90.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field, replace

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from .content import Grid, Head

FONT_FILE = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
_FONTS = {}


def font(name: str) -> str:
    if name not in _FONTS:
        if name == "wqy":
            pdfmetrics.registerFont(TTFont("wqy", FONT_FILE, subfontIndex=0))
        else:
            pdfmetrics.registerFont(UnicodeCIDFont(name))
        _FONTS[name] = name
    return name


@dataclass
class Page:
    ops: list = field(default_factory=list)


class Layout:
    def __init__(self, ax: dict, rng: random.Random, dept: str, year: int, kind: str):
        self.ax, self.rng, self.dept, self.year, self.kind = ax, rng, dept, year, kind
        self.font = font("wqy" if ax["font"] == "embedded" else "STSong-Light")
        self.size = ax["font_size"]
        land = ax["orientation"] in ("landscape", "rotated")
        self.W, self.H = (A4[1], A4[0]) if land else A4
        self.margin = 42
        self.pages: list[Page] = []
        self.y = 0.0
        # two tables side by side with wrapped titles (axis side_wrap): the lines each title block
        # takes, the longer one's, so that both tables start level, as a spreadsheet's shared title
        # rows put them; the shorter title stands at the top or the bottom of its rows
        self.title_rows, self.title_align = 0, "top"

    # ------------------------------------------------------------ primitives
    def new_page(self):
        self.pages.append(Page())
        self.y = self.H - self.margin - (22 if self.ax["running"] != "none" else 0)

    def op(self, *a):
        self.pages[-1].ops.append(a)

    def width(self, s: str, size: float) -> float:
        return pdfmetrics.stringWidth(s, self.font, size)

    def wrap(self, s: str, w: float, size: float) -> list:
        if "\n" in s:  # lines as printed, each wrapped on its own
            return [ln for part in s.split("\n") for ln in self.wrap(part, w, size)]
        lines, cur = [], ""
        for ch in s:
            if cur and self.width(cur + ch, size) > w:
                lines.append(cur)
                cur = ch
            else:
                cur += ch
        return lines + [cur] if cur else lines or [""]

    def rule(self, x0, y0, x1, y1, weight=0.5):
        style = self.ax["rules"]
        dash = style == "dotted"
        self.op("line", x0, y0, x1, y1, 0.3 if dash else weight, dash)

    # ------------------------------------------------------------ tables
    def col_widths(self, g: Grid, avail: float, size: float) -> list:
        need = []
        for c, kind in enumerate(g.cols):
            texts = [r[c].text for r in g.body if c < len(r) and r[c] is not None]
            if kind in ("amount", "code", "seq", "text"):
                w = max([self.width(t, size) for t in texts] + [size * 2]) + 8
                if kind == "text":
                    w = min(w, size * 7)
            else:
                w = None
            need.append(w)
        fixed = sum(w for w in need if w)
        n_name = sum(1 for w in need if w is None)
        rest = max(avail - fixed, size * 8 * max(n_name, 1))
        name_w = min(rest / n_name, size * 24) if n_name else 0
        spare = rest - name_w * n_name if n_name else 0
        n_amt = sum(1 for k in g.cols if k == "amount") or 1
        ws = [w + (spare / n_amt if g.cols[c] == "amount" else 0) if w else name_w for c, w in enumerate(need)]
        if n_name == 0:  # stretch amount columns to the width (a wide one-row table)
            k = avail / sum(ws)
            ws = [w * k for w in ws] if k > 1 else ws
        return ws

    def head_height(self, g: Grid, xs: list, size: float) -> list:
        """Height of each header row."""
        hs = [size * 2.0] * g.head_rows
        for h in g.head:
            w = xs[h.col + h.span] - xs[h.col] - 4
            if self.ax["vertical_head"] and h.rows == g.head_rows and g.cols[h.col] == "amount" and h.span == 1:
                n = len(h.text.replace("\n", ""))
            else:
                n = len(self.wrap(h.text, w, size))
            need = n * size * 1.25 + 6
            per = need / h.rows
            for r in range(h.row, h.row + h.rows):
                hs[r] = max(hs[r], per)
        return hs

    def draw_head(self, g: Grid, xs: list, hs: list, top: float, size: float):
        ys = [top]
        for h in hs:
            ys.append(ys[-1] - h)
        for h in g.head:
            x0, x1 = xs[h.col], xs[h.col + h.span]
            y0, y1 = ys[h.row], ys[h.row + h.rows]
            if self.ax["rules"] in ("grid", "dotted"):
                for seg in ((x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)):
                    self.rule(*seg)
            if self.ax["vertical_head"] and h.rows == g.head_rows and g.cols[h.col] == "amount" and h.span == 1:
                lines = list(h.text.replace("\n", ""))
            else:
                lines = self.wrap(h.text, x1 - x0 - 4, size)
            mid = (y0 + y1) / 2 + len(lines) * size * 1.25 / 2 - size
            for i, ln in enumerate(lines):
                self.op("text", (x0 + x1) / 2, mid - i * size * 1.25, ln, size, self.ax["bold"] == "heads", "c")
                if g.line_boxes:
                    # Word, a box per printed text: each line's paragraph box, inset in its cell; a
                    # heading over several columns has its box start a sliver left of the first
                    y = mid - i * size * 1.25
                    bx0 = x0 - 2.5 if h.span > 1 else x0 + 3
                    for seg in ((bx0, y - size * 0.3, x1 - 3, y - size * 0.3), (bx0, y + size * 0.95, x1 - 3, y + size * 0.95),
                                (bx0, y - size * 0.3, bx0, y + size * 0.95), (x1 - 3, y - size * 0.3, x1 - 3, y + size * 0.95)):
                        self.op("line", *seg, 0.3, False)
        if self.ax["rules"] in ("three_line", "box_only"):
            self.op("line", xs[0], top, xs[-1], top, 1.2, False)
            self.op("line", xs[0], ys[-1], xs[-1], ys[-1], 0.6, False)
        return ys[-1]

    def row_lines(self, g: Grid, row: list, xs: list, size: float) -> list:
        out = []
        for c, cell in enumerate(row):
            if cell is None:
                out.append([])
                continue
            w = xs[c + cell.span] - xs[c] - 6 - (cell.indent * size)
            out.append(self.wrap(cell.text, w, size) if cell.kind in ("name", "text") else [cell.text])
        return out

    def draw_row(self, g: Grid, r: int, xs: list, top: float, size: float, lines: list, height: float, row=None):
        bold = r in g.bold_rows and self.ax["bold"] in ("totals", "totals_big")
        sz = size + (1 if (bold and self.ax["bold"] == "totals_big") else 0)
        y0, y1 = top, top - height
        row = g.body[r] if row is None else row
        covered = {k for c, cell in enumerate(row) if cell is not None for k in range(c + 1, c + cell.span)}
        for c, cell in enumerate(row):
            x0, x1 = xs[c], xs[c + (cell.span if cell is not None else 1)]
            if c in covered:
                continue  # (ruled with the cell merged over it)
            if self.ax["rules"] in ("grid", "dotted"):
                for seg in ((x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)):
                    self.rule(*seg)
            if cell is None:
                continue
            n = len(lines[c])
            base = (y0 + y1) / 2 + n * size * 1.2 / 2 - size * 0.95
            for i, ln in enumerate(lines[c]):
                y = base - i * size * 1.2
                if cell.kind == "amount":
                    al = self.ax["align"]
                    if al == "right":
                        self.op("text", x1 - 3, y, ln, sz, bold, "r")
                    elif al == "center":
                        self.op("text", (x0 + x1) / 2, y, ln, sz, bold, "c")
                    else:
                        self.op("text", x0 + 3, y, ln, sz, bold, "l")
                elif cell.kind in ("code", "seq"):
                    self.op("text", (x0 + x1) / 2 if self.ax["code_align"] == "center" else x0 + 3, y, ln, sz, bold,
                            "c" if self.ax["code_align"] == "center" else "l")
                else:
                    self.op("text", x0 + 3 + cell.indent * size, y, ln, sz, bold, "l")
        return y1

    def title_block(self, g: Grid, number: str, x0: float, x1: float, with_unit=True):
        title = f"{number}{g.title}" if number else g.title
        tsize = self.ax["title_size"]
        if self.ax["title_place"] == "in_grid":
            return title
        # a title wider than the page wraps, as Word wraps the paragraph (a long organisation name
        # before a long standard title ran off the page)
        # (at the page's width: a title over one of two tables side by side stays one line, set
        # close to or into the title beside it, as two_titles reads it; with the forced axis
        # side_wrap, at its table's width: two blocks of lines, each in its half of the page)
        lines = self.wrap(title, self.title_width(g, x0, x1), tsize)
        pad = max(0, self.title_rows - len(lines)) * tsize * 1.3
        if self.title_align == "bottom":
            self.y -= pad
        for ln in lines:
            self.y -= tsize * 1.3
            # centred over its table, but kept on the page (a title wider than half the page over
            # one of two tables side by side ran off the page's edge: no publisher prints so)
            half = self.width(ln, tsize) / 2
            mid = min(max((x0 + x1) / 2, self.margin + half), self.W - self.margin - half)
            self.op("text", mid, self.y, ln, tsize, True, "c")
        if self.title_align != "bottom":
            self.y -= pad
        self.y -= 6
        if with_unit:
            self.unit_line(g, x0, x1)
        return None

    def title_width(self, g: Grid, x0: float, x1: float) -> float:
        """The width a title wraps at: the page's, or (axis side_wrap) its table's beside another."""
        return x1 - x0 if self.ax.get("side_wrap") and getattr(g, "beside", False) else self.W - 2 * self.margin

    def unit_line(self, g: Grid, x0, x1):
        u = self.ax["unit_place"]
        s = self.size
        self.y -= s * 1.6
        if u == "under_title":
            self.op("text", (x0 + x1) / 2, self.y, f"（单位：{g.unit}）", s, False, "c")
        elif u == "org_left":
            self.op("text", x0, self.y, f"编制单位：{self.dept}", s, False, "l")
            self.op("text", x1, self.y, f"单位：{g.unit}", s, False, "r")
        else:
            self.op("text", x1, self.y, f"单位：{g.unit}", s, False, "r")
        self.y -= 4

    def table(self, g: Grid, number: str, x0: float, x1: float, new_pages=True, cont_title=None):
        """Place `g` from self.y down between x0 and x1, breaking pages; returns pages used."""
        size = self.size
        xs = [x0]
        for w in self.col_widths(g, x1 - x0, size):
            xs.append(xs[-1] + w)
        if xs[-1] > x1 + 1:  # too wide: squeeze
            k = (x1 - x0) / (xs[-1] - x0)
            xs = [x0 + (x - x0) * k for x in xs]
        hs = self.head_height(g, xs, size)
        rows = [self.row_lines(g, row, xs, size) for row in g.body]
        heights = [max([len(ls) for ls in lines] + [1]) * size * 1.2 + size * 0.9 for lines in rows]
        bottom = self.margin + (18 if self.ax["running"] != "none" else 0)
        # the title, its unit line, the header and at least two rows must fit
        need = self.ax["title_size"] * 1.6 + size * 2 + sum(hs) + sum(heights[:2]) + 10
        if self.y - need < bottom and new_pages:
            self.new_page()
        pages = {len(self.pages)}
        mark, top = len(self.pages[-1].ops), self.y
        in_grid = self.title_block(g, number, x0, x1) if cont_title is None else None
        if cont_title:
            self.y -= size * 1.6
            self.op("text", x1, self.y, cont_title, size, False, "r")
            self.y -= 4
        if self.ax.get("stacked") and not in_grid:
            self.cells_behind(mark, x0, x1, top)
        if in_grid:  # the title in the first ruled row, the unit in the second
            tsize = self.ax["title_size"]
            lines = self.wrap(in_grid, self.title_width(g, x0, x1) - 4, tsize)
            th = tsize * (1.9 + 1.3 * (max(len(lines), self.title_rows) - 1))
            low = max(0, self.title_rows - len(lines)) if self.title_align == "bottom" else 0
            self.rule(x0, self.y, x1, self.y)
            for i, ln in enumerate(lines):
                self.op("text", (x0 + x1) / 2, self.y - tsize * 1.9 * 0.65 - tsize * 1.3 * (i + low), ln, tsize, True, "c")
            self.y -= th
            self.rule(x0, self.y, x1, self.y)
            self.op("text", x1 - 3, self.y - size * 1.4, f"单位：{g.unit}", size, False, "r")
            self.op("text", x0 + 3, self.y - size * 1.4, f"编制单位：{self.dept}", size, False, "l")
            self.y -= size * 2
            for seg in ((x0, self.y, x0, self.y + th + size * 2), (x1, self.y, x1, self.y + th + size * 2)):
                self.rule(*seg)
        self.y = self.draw_head(g, xs, hs, self.y, size)
        row_pages = []
        labels_from = None  # axis label_rows: the first row printing labels only (the break's)
        for r in range(len(g.body)):
            if self.y - heights[r] < bottom:
                self.close_frame(xs, bottom)
                self.new_page()
                pages.add(len(self.pages))
                if self.ax.get("label_rows") and labels_from is None and self.ax["rules"] in ("grid", "dotted") \
                        and not g.broken:
                    labels_from = r
                if self.ax["repeat_head"]:
                    self.y = self.draw_head(g, xs, hs, self.y, size)
                elif self.ax["rules"] in ("grid", "dotted"):
                    self.rule(xs[0], self.y, xs[-1], self.y)
                self.frame_top = self.y
            row_pages.append(len(self.pages))
            if g.broken and g.broken[0] == r:
                self.y = self.broken_row(g, r, xs, size, bottom, hs)
                pages.add(len(self.pages))
                continue
            if labels_from is not None:
                self.y = self.draw_row(g, r, xs, self.y, size, [[] if c is not None and c.kind == "amount" else ls
                                                                for c, ls in zip(g.body[r], rows[r])], heights[r])
            else:
                self.y = self.draw_row(g, r, xs, self.y, size, rows[r], heights[r])
        if labels_from is not None:
            keys = dict.fromkeys((t["row"], t["key"], t["side"]) for t in g.truth if t["row"] >= labels_from)
            g.truth = [t for t in g.truth if t["row"] < labels_from]
            g.labels = [{"key": k, "side": side, "page": row_pages[r]} for r, k, side in keys]
        self.frame_bottom, note_mark = self.y, len(self.pages[-1].ops)
        if g.note:
            if self.ax["empty"] == "row":
                h = size * 2.4
                self.rule(xs[0], self.y - h, xs[-1], self.y - h)
                self.rule(xs[0], self.y, xs[0], self.y - h)
                self.rule(xs[-1], self.y, xs[-1], self.y - h)
                self.op("text", (xs[0] + xs[-1]) / 2, self.y - h * 0.65, g.note.replace("注：", ""), size, False, "c")
                self.y -= h
            else:
                self.y -= size * 1.8
                self.op("text", xs[0], self.y, g.note, size, False, "l")
        self.close_frame(xs, None)
        if g.footnote:
            self.y -= size * 1.7
            self.op("text", xs[0], self.y, g.footnote, size - 1, False, "l")
        for t in g.truth:
            t.setdefault("pages", []).append(row_pages[t["row"]])
        if self.ax.get("stacked"):  # a note under the grid in a cell of the sheet, the next title right under it
            if self.y < self.frame_bottom - 0.5:
                self.y -= size * 0.6
                self.pages[-1].ops.insert(note_mark, ("fill", xs[0], self.frame_bottom, xs[-1], self.y))
            return pages
        self.y -= size * 2
        return pages

    def cells_behind(self, mark: int, x0: float, x1: float, top: float):
        """Axis stacked: the title's and unit line's lines drawn since op `mark` (from `top` down)
        put in unruled cells of the sheet, filled white as a spreadsheet's export paints every
        cell: one across for each line (the title's, the unit line's), inserted before their text.
        Touching the last row of the table above, they make the page one ruled region."""
        lines = sorted({(o[2], o[4]) for o in self.pages[-1].ops[mark:] if o[0] == "text"}, reverse=True)
        # (a title wrapped over lines stays one cell: cut only where the size changes, midway
        # between the upper line's descent and the lower line's cap)
        cuts = [top] + [((hi - 0.25 * hs) + (lo + 0.9 * ls)) / 2 for (hi, hs), (lo, ls) in zip(lines, lines[1:])
                        if hs != ls] + [self.y]
        fills = [("fill", x0, hi, x1, lo) for hi, lo in zip(cuts, cuts[1:]) if hi - lo > 0.5]
        self.pages[-1].ops[mark:mark] = fills

    def broken_row(self, g: Grid, r: int, xs: list, size: float, bottom: float, hs: list) -> float:
        """Row `r` broken over the page (axis row_break, Word lets a row break): its first line,
        the label's first characters and every figure, ends this page; the label's tail alone opens
        the next, blank across (jiangsu-rendaban-2017 pp.8-9: 当 年 收 入 / 小计)."""
        _r, col, cut = g.broken
        cell = g.body[r][col]
        first = list(g.body[r])
        first[col] = replace(cell, text=cell.text[:cut])
        tail = [None] * len(first)
        tail[col] = replace(cell, text=cell.text[cut:])
        one = size * 1.2 + size * 0.9
        y = self.draw_row(g, r, xs, self.y, size, self.row_lines(g, first, xs, size), one, first)
        self.y = y
        self.close_frame(xs, bottom)
        self.new_page()
        if self.ax["repeat_head"]:
            self.y = self.draw_head(g, xs, hs, self.y, size)
        elif self.ax["rules"] in ("grid", "dotted"):
            self.rule(xs[0], self.y, xs[-1], self.y)
        return self.draw_row(g, r, xs, self.y, size, self.row_lines(g, tail, xs, size), one, tail)

    def close_frame(self, xs, _bottom):
        if self.ax["rules"] in ("three_line", "box_only"):
            self.op("line", xs[0], self.y, xs[-1], self.y, 1.2, False)

    # ------------------------------------------------------------ drawing
    def draw(self, path: str, title: str):
        # reportlab swaps the media box of a page with /Rotate 90: a landscape size gives a portrait box
        c = canvas.Canvas(path, pagesize=(self.W, self.H), pageCompression=1, invariant=1)
        c.setTitle(title)
        total = len(self.pages)
        for n, page in enumerate(self.pages, 1):
            c.saveState()
            if self.ax["orientation"] == "rotated":
                c.setPageRotation(90)
                c.translate(A4[0], 0)
                c.rotate(90)
            if self.ax["watermark"] != "none":
                c.saveState()
                c.setFillColorRGB(0.86, 0.86, 0.86)
                c.translate(self.W / 2, self.H / 2)
                c.rotate(35)
                c.setFont(self.font, 54)
                c.drawCentredString(0, 0, self.ax["watermark"])
                c.restoreState()
            self.running(c, n, total)
            for o in page.ops:
                if o[0] == "fill":  # (axis stacked) a cell of the sheet painted white, no rule
                    _, x0, y0, x1, y1 = o
                    c.saveState()
                    c.setFillColorRGB(1, 1, 1)
                    c.rect(x0, y1, x1 - x0, y0 - y1, stroke=0, fill=1)
                    c.restoreState()
                elif o[0] == "line":
                    _, x0, y0, x1, y1, w, dash = o
                    c.setLineWidth(w)
                    c.setDash([1, 1.5] if dash else [])
                    c.line(x0, y0, x1, y1)
                else:
                    _, x, y, s, size, bold, al = o
                    t = c.beginText()
                    t.setFont(self.font, size)
                    if bold:
                        t.setTextRenderMode(2)
                        c.setLineWidth(0.25)
                    t.setTextOrigin(x - (self.width(s, size) if al == "r" else self.width(s, size) / 2 if al == "c" else 0), y)
                    t.textOut(s)
                    c.drawText(t)
            c.restoreState()
            c.showPage()
        c.save()

    def running(self, c, n, total):
        st = self.ax["running"]
        if st == "none":
            return
        word = "预算" if self.kind == "budget" else "决算"
        c.setFont(self.font, 8)
        c.setDash([])
        top = self.H - self.margin + 6
        c.drawString(self.margin, top, f"{self.dept}{self.year}年部门{word}公开")
        c.setLineWidth(0.5)
        c.line(self.margin, top - 4, self.W - self.margin, top - 4)
        foot = {"dash": f"— {n} —", "of": f"第 {n} 页 共 {total} 页", "slash": f"{n}/{total}"}[st]
        c.drawCentredString(self.W / 2, self.margin - 16, foot)


def slice_grid(g: Grid, keep: list) -> Grid:
    """The columns `keep` of `g` (a table continued column-wise), truth remapped."""
    idx = {c: i for i, c in enumerate(keep)}
    heads = []
    for h in g.head:
        cols = [c for c in range(h.col, h.col + h.span) if c in idx]
        if cols:
            heads.append(Head(h.text, idx[cols[0]], len(cols), h.row, h.rows))
    out = Grid(g.type, g.title, g.unit, [g.cols[c] for c in keep], [g.widths[c] for c in keep], heads, g.head_rows,
               [[row[c] for c in keep] for row in g.body], set(g.bold_rows), [], g.note, g.footnote, g.narrow,
               g.line_boxes)
    for t in g.truth:
        if t["col"] in idx:
            t2 = dict(t, col=idx[t["col"]], _orig=t)
            out.truth.append(t2)
    return out


def render(grids: list, ax: dict, rng: random.Random, dept: str, year: int, kind: str, path: str, doc_title: str):
    """Draw `grids` into `path`; sets each truth amount's `pages` and each grid's `pages`."""
    L = Layout(ax, rng, dept, year, kind)
    L.new_page()
    # a cover line, as most disclosures open with one
    L.y -= 120
    L.op("text", L.W / 2, L.y, doc_title, 20, True, "c")
    L.new_page()
    x0, x1 = L.margin, L.W - L.margin
    i = 0
    number = 0
    while i < len(grids):
        g = grids[i]
        number += 1
        label = {"none": "", "biao": f"表{'一二三四五六七八九十'[number - 1] if number <= 10 else number}　",
                 "fubiao": f"附表{number}：", "gongkai": f"公开{number:02d}表　"}[ax["numbering"]]
        if ax["per_page"] and L.pages[-1].ops:
            L.new_page()
        nxt = grids[i + 1] if i + 1 < len(grids) else None
        if ax["side_by_side"] and g.narrow and nxt is not None and nxt.narrow:
            # two narrow tables side by side on one page
            if L.pages[-1].ops:
                L.new_page()
            top = L.y
            mid = (x0 + x1) / 2
            g.beside = nxt.beside = True
            label2 = label.replace(str(number + 1 - 1), str(number + 1)) if label else ""
            if ax["numbering"] == "biao":
                label2 = f"表{'一二三四五六七八九十'[number] if number + 1 <= 10 else number + 1}　"
            if ax.get("side_wrap"):  # both title blocks as high as the longer (Layout.title_rows)
                tsize = ax["title_size"]
                L.title_rows = max(len(L.wrap(f"{lab}{t.title}" if lab else t.title,
                                              L.title_width(t, a, b) - (4 if ax["title_place"] == "in_grid" else 0), tsize))
                                   for t, lab, a, b in ((g, label, x0, mid - 10), (nxt, label2, mid + 10, x1)))
                L.title_align = rng.choice(["top", "bottom"])
            g.pages = sorted(L.table(g, label, x0, mid - 10, new_pages=False))
            L.y = top
            number += 1
            nxt.pages = sorted(L.table(nxt, label2, mid + 10, x1, new_pages=False))
            L.title_rows, L.title_align = 0, "top"
            L.new_page()
            i += 2
            continue
        amount_cols = [c for c, k in enumerate(g.cols) if k == "amount"]
        if ax["wide_split"] and len(amount_cols) >= 5:
            labels = [c for c, k in enumerate(g.cols) if k != "amount"]
            half = (len(amount_cols) + 1) // 2
            parts = [slice_grid(g, labels + amount_cols[:half]), slice_grid(g, labels + amount_cols[half:])]
            pages = set()
            for j, p in enumerate(parts):
                if j:
                    L.new_page()
                pages |= L.table(p, label, x0, x1, cont_title="续表" if j else None)
                for t2 in p.truth:
                    t2["_orig"]["pages"] = t2["pages"]
            if any(getattr(p, "labels", None) for p in parts):  # (axis label_rows: the parts' blank rows)
                kept = {id(t2["_orig"]) for p in parts for t2 in p.truth}
                g.truth = [t for t in g.truth if id(t) in kept]
                g.labels = list({(lb["key"], lb["side"], lb["page"]): lb for p in parts for lb in getattr(p, "labels", [])}.values())
            g.pages = sorted(pages)
            i += 1
            continue
        g.pages = sorted(L.table(g, label, x0, x1))
        i += 1
    L.draw(path, doc_title)
    return len(L.pages)
