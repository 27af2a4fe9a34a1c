"""Print a generated disclosure with reportlab, drawing every line and character directly.

The layout options are the axes of axes.py: ruling (full grid, horizontal rules only, none),
portrait, landscape or rotated pages (/Rotate with the content drawn turned), tables one to a
page or flowing on (a page ending one table and beginning the next, a continuation of only the
last rows), header rows repeated on each page or not, text a few points off its cell as
spreadsheet exports place it, amounts overflowing a narrow cell over its rule, the Adobe CID font
(not embedded) or an embedded TrueType font (so that page images can be rendered for OCR).
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from samples.layouts.tables import Cell, Table

CID_FONT = "STSong-Light"
TTF_FONT = "WQY"
TTF_PATHS = ["/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc"]
MARGIN = 50.0
PAD = 3.0


def ttf_available() -> str | None:
    return next((p for p in TTF_PATHS if Path(p).exists()), None)


def _register(font: str) -> str:
    if font == "ttf":
        path = ttf_available()
        if path is None:
            raise RuntimeError("the embedded-font axis needs WenQuanYi Micro Hei (Debian: fonts-wqy-microhei)")
        if TTF_FONT not in pdfmetrics.getRegisteredFontNames():
            from reportlab.pdfbase.ttfonts import TTFont
            pdfmetrics.registerFont(TTFont(TTF_FONT, path, subfontIndex=0))
        return TTF_FONT
    if CID_FONT not in pdfmetrics.getRegisteredFontNames():
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont
        pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))
    return CID_FONT


@dataclass
class Layout:
    orientation: str = "portrait"  # portrait | landscape | rotated
    ruling: str = "full"  # full | horizontal | none
    flow: str = "page"  # page (each table on a new page) | flow
    repeat_header: bool = True
    jitter: float = 0.0  # points a text may lie off its place in the cell
    overflow: bool = False  # amounts pushed over the right rule of their cell
    font: str = "cid"  # cid | ttf
    spill: int = -1  # flow: place a table so that its last `spill` body rows go to the next page
    size: float = 8.0


class Printer:
    def __init__(self, target: Path, lay: Layout, rng: random.Random, title: str):
        self.lay, self.rng = lay, rng
        self.font = _register(lay.font)
        # a rotated page: reportlab writes the MediaBox of a /Rotate 90 page turned, so a landscape
        # page size gives a portrait sheet shown landscape
        size = landscape(A4) if lay.orientation in ("landscape", "rotated") else A4
        self.c = canvas.Canvas(str(target), pagesize=size, invariant=1)
        self.c.setTitle(title)
        # a rotated page is a portrait sheet (pw x ph) shown turned (/Rotate 90): the content is landscape
        self.pw, self.ph = (size[1], size[0]) if lay.orientation == "rotated" else size
        self.w, self.h = size
        self.page = 0
        self.y = 0.0
        self._open()

    # ------------------------------------------------------------ pages
    def _open(self) -> None:
        self.page += 1
        if self.lay.orientation == "rotated":
            self.c.setPageRotation(90)
            # /Rotate 90 shows the sheet turned clockwise: draw in the shown page's coordinates
            self.c.translate(self.pw, 0)
            self.c.rotate(90)
        self.y = self.h - MARGIN
        self.c.setFont(self.font, 9)
        self.c.drawCentredString(self.w / 2, MARGIN / 2, f"- {self.page} -")

    def new_page(self) -> None:
        self.c.showPage()
        self._open()

    def save(self) -> None:
        self.c.save()

    # ------------------------------------------------------------ text
    def width(self, text: str, size: float) -> float:
        return pdfmetrics.stringWidth(text, self.font, size)

    def line(self, text: str, size: float = 10.5, align: str = "left", gap: float = 6.0) -> None:
        """One line of text, wrapped at the margins as a word processor wraps a long title."""
        parts = self._wrap(text, self.w - 2 * MARGIN, size)
        for k, part in enumerate(parts):
            if self.y - size - gap < MARGIN:
                self.new_page()
            self.c.setFont(self.font, size)
            y = self.y - size
            if align == "center":
                self.c.drawCentredString(self.w / 2, y, part)
            elif align == "right":
                self.c.drawRightString(self.w - MARGIN, y, part)
            else:
                self.c.drawString(MARGIN, y, part)
            self.y -= size + (gap if k == len(parts) - 1 else 3)

    def pair(self, left: str, right: str, size: float = 9.0) -> None:
        """部门：… on the left and 单位：万元 on the right of one line."""
        if self.y - size - 6 < MARGIN:
            self.new_page()
        self.c.setFont(self.font, size)
        if left:
            self.c.drawString(MARGIN, self.y - size, left)
        if right:
            self.c.drawRightString(self.w - MARGIN, self.y - size, right)
        self.y -= size + 6

    def paragraph(self, text: str, size: float = 10.5) -> None:
        for ln in self._wrap("　　" + text, self.w - 2 * MARGIN, size):
            self.line(ln, size, gap=5)

    def _wrap(self, text: str, width: float, size: float) -> list[str]:
        """`text` broken into lines no wider than `width` (any character may end a line)."""
        if not text:
            return [""]
        out, cur = [], ""
        for ch in text:
            if cur and self.width(cur + ch, size) > width:
                out.append(cur)
                cur = ""
            cur += ch
        return out + [cur]

    # ------------------------------------------------------------ tables
    def table(self, t: Table, x_edges: list[float], header_first: bool = True) -> None:
        size = self.lay.size
        lead = size + 3
        cells, depth = t.header()
        # header row heights: each row as tall as its one-row cells need; spanning cells stretch the last
        need = [lead + 2 * PAD] * depth
        wrapped: dict[int, list[str]] = {}
        for i, c in enumerate(cells):
            lines = self._wrap(c.text, x_edges[c.col + c.colspan] - x_edges[c.col] - 2 * PAD, size)
            wrapped[i] = lines
            h = len(lines) * lead + 2 * PAD
            if c.rowspan == 1:
                need[c.row] = max(need[c.row], h)
        for i, c in enumerate(cells):
            if c.rowspan > 1:
                have = sum(need[c.row:c.row + c.rowspan])
                h = len(wrapped[i]) * lead + 2 * PAD
                if h > have:
                    need[c.row + c.rowspan - 1] += h - have
        header_h = sum(need)
        bodies = [self._row_lines(r, x_edges, size) for r in t.body]
        heights = [max(len(x) for _, x in b) * lead + 2 * PAD if b else lead + 2 * PAD for b in bodies]
        if self.lay.flow == "flow" and self.lay.spill >= 0 and len(heights) > self.lay.spill:
            # begin the table so that exactly its last `spill` rows do not fit on this page
            keep = sum(heights[:len(heights) - self.lay.spill])
            room = self.y - MARGIN - header_h
            if self.lay.spill == 0:
                pass
            elif keep < room and room - keep < heights[-self.lay.spill]:
                pass  # already so
            elif keep < room:
                self.y -= room - keep - heights[-self.lay.spill] / 2  # push the table down
        if self.y - header_h - (heights[0] if heights else 0) < MARGIN:
            self.new_page()
        self._header(cells, wrapped, need, x_edges, size, lead)
        for row, lines, h in zip(t.body, bodies, heights):
            if self.y - h < MARGIN:
                self.new_page()
                if self.lay.repeat_header:
                    self._header(cells, wrapped, need, x_edges, size, lead)
                elif self.lay.ruling != "none":
                    self.c.line(x_edges[0], self.y, x_edges[-1], self.y)
            self._body_row(row, lines, h, x_edges, size, lead)
        self.y -= 6

    def _row_lines(self, row: list[Cell], x_edges: list[float], size: float) -> list[tuple[Cell, list[str]]]:
        out = []
        for c in row:
            width = x_edges[c.col + c.colspan] - x_edges[c.col] - 2 * PAD
            out.append((c, [c.text] if c.role in ("amount", "code") else self._wrap(c.text, width, size)))
        return out

    def _jitter(self) -> float:
        return self.rng.uniform(-self.lay.jitter, self.lay.jitter) if self.lay.jitter else 0.0

    def _text(self, c: Cell, lines: list[str], x0: float, x1: float, top: float, h: float, size: float,
              lead: float) -> None:
        self.c.setFont(self.font, size)
        block = len(lines) * lead
        y = top - (h - block) / 2 - size
        for ln in lines:
            dx, dy = self._jitter(), self._jitter() / 2
            if c.align == "right":
                shift = self.rng.uniform(1.5, 3.5) if self.lay.overflow and c.role == "amount" else 0.0
                self.c.drawRightString(x1 - PAD + dx + shift, y + dy, ln)
            elif c.align == "center":
                self.c.drawCentredString((x0 + x1) / 2 + dx, y + dy, ln)
            else:
                self.c.drawString(x0 + PAD + abs(dx), y + dy, ln)
            y -= lead

    def _header(self, cells, wrapped, need, x_edges, size, lead) -> None:
        tops = [self.y]
        for h in need:
            tops.append(tops[-1] - h)
        for i, c in enumerate(cells):
            x0, x1 = x_edges[c.col], x_edges[c.col + c.colspan]
            top, bottom = tops[c.row], tops[c.row + c.rowspan]
            self._text(c, wrapped[i], x0, x1, top, top - bottom, size, lead)
            if self.lay.ruling == "full":
                self.c.rect(x0, bottom, x1 - x0, top - bottom)
        if self.lay.ruling == "horizontal":
            self.c.line(x_edges[0], tops[0], x_edges[-1], tops[0])
            self.c.line(x_edges[0], tops[-1], x_edges[-1], tops[-1])
        self.y = tops[-1]

    def _body_row(self, row, lines, h, x_edges, size, lead) -> None:
        top = self.y
        covered = set()
        for c, ls in lines:
            x0, x1 = x_edges[c.col], x_edges[c.col + c.colspan]
            self._text(c, ls, x0, x1, top, h, size, lead)
            covered.update(range(c.col, c.col + c.colspan))
            if self.lay.ruling == "full":
                self.c.rect(x0, top - h, x1 - x0, h)
        if self.lay.ruling == "full":
            for k in range(len(x_edges) - 1):  # empty cells are ruled too
                if k not in covered:
                    self.c.rect(x_edges[k], top - h, x_edges[k + 1] - x_edges[k], h)
        elif self.lay.ruling == "horizontal":
            self.c.line(x_edges[0], top - h, x_edges[-1], top - h)
        self.y = top - h


def edges(widths: list[float], page_width: float) -> list[float]:
    """x of each column rule: the relative `widths` over the page between the margins."""
    scale = (page_width - 2 * MARGIN) / sum(widths)
    xs = [MARGIN]
    for w in widths:
        xs.append(xs[-1] + w * scale)
    return xs
