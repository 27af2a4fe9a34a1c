"""Build samples/kashgar-2021-budget.pdf from the seed text, as an office would export it:
A4 pages, running text wrapped to the margins, tables ruled cell by cell with merged header cells.

    python samples/make_pdf.py [SOURCE.txt] [TARGET.pdf]

Needs reportlab (pip install -e '.[samples]'). The font is the Adobe CID font STSong-Light, which
every PDF reader knows and which maps back to Unicode, so the text layer reads exactly.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
SIZE, TSIZE, LEAD = 10.5, 8.0, 16.0
MARGIN = 56.0
NUMBER = re.compile(r"^[+-]?[\d,]+(\.\d+)?$")


def _wrap(text: str, width: float, size: float) -> list[str]:
    lines, cur = [], ""
    for ch in text:
        if pdfmetrics.stringWidth(cur + ch, FONT, size) > width and cur:
            lines.append(cur)
            cur = ""
        cur += ch
    return lines + [cur] if cur or not lines else lines


class Writer:
    def __init__(self, target: Path):
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
        self.c = canvas.Canvas(str(target), pagesize=A4, invariant=1)
        self.c.setTitle("新疆维吾尔自治区喀什地区社会保险管理局2021年预算公开")
        self.w, self.h = A4
        self.page = 0
        self._new_page()

    def _new_page(self):
        if self.page:
            self.c.showPage()
        self.page += 1
        self.y = self.h - MARGIN
        self.c.setFont(FONT, 9)
        self.c.drawCentredString(self.w / 2, MARGIN / 2, f"- {self.page} -")

    def _need(self, height: float):
        if self.y - height < MARGIN:
            self._new_page()

    def paragraph(self, text: str):
        indent = 0 if re.match(r"^(第.部分|[一二三四五六七八九十]+、|表.|[（(])", text) else 2 * SIZE
        lines = _wrap(text, self.w - 2 * MARGIN - indent, SIZE)
        for i, line in enumerate(lines):
            self._need(LEAD)
            self.c.setFont(FONT, SIZE)
            self.c.drawString(MARGIN + (indent if i == 0 else 0), self.y - SIZE, line)
            self.y -= LEAD
        self.y -= 4

    def table(self, rows: list[list[str]]):
        n = max(len(r) for r in rows)
        rows = [r + [""] * (n - len(r)) for r in rows]
        header_end = next((i for i, r in enumerate(rows) if any(NUMBER.match(c.strip()) for c in r)), 0)
        total = self.w - 2 * MARGIN
        weights = [max(2, min(14, max(len(r[k]) for r in rows))) for k in range(n)]
        widths = [total * wt / sum(weights) for wt in weights]
        xs = [MARGIN]
        for wd in widths:
            xs.append(xs[-1] + wd)
        for ri, row in enumerate(rows):
            spans = []  # (start col, end col, text)
            for k, text in enumerate(row):
                if ri < header_end and not text.strip() and spans:
                    spans[-1] = (spans[-1][0], k + 1, spans[-1][2])
                else:
                    spans.append((k, k + 1, text.strip()))
            wrapped = [_wrap(t, xs[e] - xs[s] - 4, TSIZE) for s, e, t in spans]
            height = max(len(w) for w in wrapped) * (TSIZE + 3) + 6
            self._need(height)
            for (s, e, _), lines in zip(spans, wrapped):
                self.c.rect(xs[s], self.y - height, xs[e] - xs[s], height)
                self.c.setFont(FONT, TSIZE)
                for li, line in enumerate(lines):
                    ty = self.y - 4 - TSIZE - li * (TSIZE + 3)
                    if NUMBER.match(line):
                        self.c.drawRightString(xs[e] - 2, ty, line)
                    else:
                        self.c.drawString(xs[s] + 2, ty, line)
            self.y -= height
        self.y -= 10

    def save(self):
        self.c.save()


def build(source: Path, target: Path) -> None:
    w = Writer(target)
    pending: list[list[str]] = []
    for raw in source.read_text(encoding="utf-8").splitlines():
        if "\t" in raw:
            pending.append(raw.split("\t"))
            continue
        if pending:
            w.table(pending)
            pending = []
        line = raw.strip()
        if line.startswith("- "):
            line = line[2:]
        if line:
            w.paragraph(line)
    if pending:
        w.table(pending)
    w.save()


if __name__ == "__main__":
    here = Path(__file__).parent
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else here / "kashgar-2021-budget.txt"
    dst = Path(sys.argv[2]) if len(sys.argv) > 2 else here / "kashgar-2021-budget.pdf"
    build(src, dst)
    print(dst)
