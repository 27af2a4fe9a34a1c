"""Tables in plain text laid out with spaces: `pdftotext -layout` output, a PDF page copied as text,
a fixed-width report. Columns are set apart by runs of spaces, not tabs.

Each line's characters are placed in columns, counted as the text was made (`measure`: one column a
character, as pdftotext places them, or a CJK or full-width character two, as an editor shows them),
and handed to the same alignment reader a PDF page without ruling goes through (`extract/aligned.py`):
body lines with a label and amounts apart from it, the white rivers down the body as columns, the
header lines above it standing over the columns they cover. So a table's columns come from the text's alignment,
a blank cell stays blank (three figures under four headings keep their columns), and a heading
centred over right-aligned figures finds them.

Boxes keep `extract/text.py`'s convention: `top` is the line number (1-based, over the whole file),
`x0`/`x1` columns; points are meaningless in plain text.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import replace

from disclosure.extract import aligned, layout
from disclosure.model import Box, Grid, TextLine
from disclosure.normalize.amounts import parse_amount

# the scale the aligned reader measures in: a half-width column is HALF points wide, a character
# SIZE points high, lines PITCH points apart (as a 10-point font set at 1.4 line spacing)
HALF = 5.0
SIZE = 10.0
PITCH = 14.0
# a blank line's height, in lines: pdftotext sets one between rows a little further apart than a
# line, and between heading lines; taking them as no height or half a line read the corpus's
# pdftotext copies worse (bench/layout_text.py: jianchayuan-2018 60% -> 3% of amounts)
BLANK = 1.0
LONGEST = 400  # a line longer than this (characters) is a paragraph, never a table's row

# a label, then two or more spaces (or an ideographic one), then a figure or a dash: a line that
# may be a row of a table laid out with spaces
_SPACED_ROW = re.compile(r"\S(?: {2,}|\u3000)[ \u3000]*(?:[-—–－]|\(?-?[\d,]*\d(?:\.\d+)?\)?%?)(?:\s|$)")


def width(ch: str) -> int:
    """Display columns of one character: 2 for East Asian wide and full-width ones, else 1."""
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _one(ch: str) -> int:
    return 1


_FIGURE_END = re.compile(r"\d(?:\.\d+)?\)?%?(?=\s|$)")


def measure(lines: list[tuple[int, str]]):
    """How the text counts columns: a fixed-width display's (a CJK character two columns: a report
    typed in an editor) or one column a character (`pdftotext -layout` places every character, CJK or
    not, in one column). Told from the content: the count under which more of the figures' right
    ends stand in line with another figure's (right-aligned amount columns). `width` or a function
    giving 1."""
    def aligned_ends(w) -> int:
        ends: dict[int, int] = {}
        for _, t in lines:
            if len(t) > LONGEST:
                continue
            at = [0]
            for ch in t:
                at.append(at[-1] + w(ch))
            for m in _FIGURE_END.finditer(t):
                ends[at[m.end()]] = ends.get(at[m.end()], 0) + 1
        return sum(n for n in ends.values() if n > 1)
    return _one if aligned_ends(_one) > aligned_ends(width) else width


def laid_out(lines: list[tuple[int, str]]) -> bool:
    """Whether at least two of the lines (line number, text) look like rows of a table laid out with
    spaces: a label, a run of two spaces or more, a figure."""
    return sum(1 for _, t in lines if len(t) <= LONGEST and _SPACED_ROW.search(t)) >= 2


def _chars(place: float, text: str, page: int, w=width) -> list[dict]:
    """The characters of one line as the aligned reader takes them (points: see HALF, SIZE, PITCH),
    `w` giving each character's columns (`measure`)."""
    out, col = [], 0
    top = round(place * PITCH)
    for ch in text:
        n = w(ch)
        if not ch.isspace():
            out.append({"text": ch, "x0": col * HALF, "x1": (col + n) * HALF, "top": top,
                        "bottom": top + SIZE, "size": SIZE, "page_number": page, "upright": True})
        col += n
    return out


def _box(b: Box | None, at: "_Tops") -> Box | None:
    """A box in the reader's points back in display columns and line numbers (`at`: the line number
    of each printed line's place)."""
    if b is None:
        return None
    first, last = _line_at(b.top, at), _line_at(b.bottom - SIZE, at)
    return Box(b.page, round(b.x0 / HALF), first, round(b.x1 / HALF), last + 1)


_PAGE_NO = re.compile(r"\d{1,3}")


def _figures(g: Grid) -> list[tuple[int, str]]:
    """(row, text) of the grid's cells that print a figure or a dash."""
    return [(c.row, c.text.strip()) for c in g.cells
            if c.text.strip() and parse_amount(c.text).status in ("number", "percent", "dash")]


def contents_list(g: Grid) -> bool:
    """A contents list laid out with spaces (`第一部分  部门概况      1`, pdftotext's copy of a 目录): the
    grid's only figures are page numbers, whole numbers of up to three digits that never go down
    from one row to the next. Not a table: its lines stay text (the 目录 announces the tables)."""
    figures = _figures(g)
    if len(figures) < 2 or not all(_PAGE_NO.fullmatch(t) for _, t in figures):
        return False
    pages = [int(t) for _, t in sorted(figures)]
    return all(a <= b for a, b in zip(pages, pages[1:]))


def _chars_in(g: Grid, chars: list[dict]) -> list[dict]:
    """The characters inside the grid's box (the reader's points)."""
    b = g.box
    return [c for c in chars if b.top - 1 <= c["top"] <= b.bottom + 1 and b.x0 - 1 <= c["x0"] <= b.x1 + 1]


def _line_at(top: float, at: "_Tops") -> int:
    """The line number of the printed line whose top is nearest `top`."""
    tops = at.tops
    k = bisect_left(tops, top)
    near = min((i for i in (k - 1, k) if 0 <= i < len(tops)), key=lambda i: abs(tops[i] - top))
    return at[tops[near]]


class _Tops(dict):
    """{top: line number} with its keys kept as an ascending list (`tops`) for `_line_at`."""

    def __init__(self, *args):
        super().__init__(*args)
        self.tops = sorted(self)


def _back(g: Grid, at: "_Tops") -> Grid:
    return replace(g, cells=[replace(c, box=_box(c.box, at)) for c in g.cells], box=_box(g.box, at))


def read(lines: list[tuple[int, str]], page: int) -> list[Grid | TextLine]:
    """Blocks of a page's lines (line number, text; no tabs): the tables laid out with spaces as
    Grids (aligned), the other lines as TextLines exactly as they are written, in line order. A line
    some of whose characters went to a table and some not (a note beside a row) gives its rest as a
    line rebuilt from those characters."""
    chars: list[dict] = []
    w = measure(lines)
    at: dict[int, int] = {}  # printed line's place (its top in the reader's points) -> its line number
    place = 0.0
    for lineno, text in lines:
        if not text.strip():
            place += BLANK
        elif len(text) <= LONGEST:
            place += 1
            at[round(place * PITCH)] = lineno
            chars.extend(_chars(place, text, page, w))
    grids, rest, _ = aligned.grids(chars, page)
    kept = [g for g in grids if not contents_list(g) and len(_figures(g)) >= 2]
    if len(kept) < len(grids):  # a contents list, or lines printing one number (地址：某某路  12  号): text
        rest = rest + [c for g in grids if g not in kept for c in _chars_in(g, chars)]
        grids = kept
    if not grids:
        return [TextLine(t.rstrip(), Box(page, 0, n, len(t), n + 1)) for n, t in lines]
    left: dict[int, list[dict]] = {}  # a line's characters no table took
    for c in rest:
        left.setdefault(at[c["top"]], []).append(c)
    whole = {n: sum(1 for ch in t if not ch.isspace()) for n, t in lines}
    blocks: list[tuple[float, Grid | TextLine]] = []
    at = _Tops(at)
    for g in grids:
        g = _back(g, at)
        blocks.append((g.box.top, g))
    partial = []
    for n, text in lines:
        if len(text) > LONGEST or len(left.get(n, ())) == whole[n]:
            blocks.append((n, TextLine(text.rstrip(), Box(page, 0, n, len(text), n + 1))))
        elif left.get(n):
            partial.extend(left[n])
    for ln in layout.lines(partial, page):
        ln = replace(ln, box=_box(ln.box, at), size=0.0)
        blocks.append((ln.box.top, ln))
    return [b for _, b in sorted(blocks, key=lambda tb: tb[0])]
