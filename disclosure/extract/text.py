"""Plain-text disclosures (the seed's form): lines of prose, tables as tab-separated lines, as lines
with `|` between cells (Markdown, a scraper's rendering of a web table), or laid out with spaces
(`pdftotext -layout`, a copied PDF page: extract/spaced.py).

A form feed starts a new page; without one the whole text is page 1. Boxes carry the line
number as `top` (points are meaningless here), so evidence still points at a place.
"""
from __future__ import annotations

import os
import re
from bisect import bisect_right
from pathlib import Path

from disclosure.extract import spaced
from disclosure.extract.errors import InputError
from disclosure.extract.grids import Slots, sheet_blocks
from disclosure.extract.inline_tables import find as find_tables
from disclosure.extract.hashing import sha256_file
from disclosure.model import Box, Cell, Grid, RawDocument, RawPage, TextLine
from disclosure.normalize.amounts import parse_amount


def _grid(rows: list[tuple[int, list[str]]], page: int) -> Grid:
    """Tab-separated rows to a grid of one-cell spans; merged header cells (printed once, the
    cells they span left empty) are recognised later, in structure/tables.py."""
    n_cols = max(len(r) for _, r in rows)
    cells: list[Cell] = []
    for ri, (lineno, parts) in enumerate(rows):
        parts = parts + [""] * (n_cols - len(parts))
        for ci, text in enumerate(parts):
            cells.append(Cell(text.strip(), ri, ci, 1, 1, Box(page, ci, lineno, ci + 1, lineno + 1)))
    first, last = rows[0][0], rows[-1][0]
    return Grid(len(rows), n_cols, cells, Box(page, 0, first, n_cols, last + 1))


_RULE_LINE = re.compile(r"[|:\-\s]+")  # a Markdown table's |---|:---:| line under its header


def _sheet(rows: list[tuple[int, list[str]]], page: int) -> list:
    """Rows of cells (line number, cells) as a sheet gives them (extract/grids.py sheet_blocks): a
    title, 部门 or 单位 row above the table (`2015年…统计表 | |`) and a note under it as lines, the
    table as a grid, several tables one under another each apart. Row r of the sheet is line
    `first + r`, so boxes keep the line numbers."""
    first = rows[0][0]
    slots = Slots(rows[-1][0] - first + 1, max(len(c) for _, c in rows))
    for lineno, cells in rows:
        for c, text in enumerate(cells):
            if text.strip():
                slots.put(lineno - first, c, text.strip())
    return sheet_blocks(slots, page, first)


def _run(rows: list[tuple[int, list[str]]], page: int, piped: bool, written: dict[int, str]) -> list:
    """A run of rows of cells: written with `|`, as a sheet (`_sheet`); tab-separated, one grid. Lines
    with bars that print no figure in any cell (a site's menu `首页 | 政务公开 | 联系我们`, prose quoting
    `a|b|c`) are no table: their lines as written (`written`: line number -> line)."""
    if piped and not any(parse_amount(c).status in ("number", "percent") for _, cells in rows for c in cells):
        return [TextLine(written[n].rstrip(), Box(page, 0, n, len(written[n]), n + 1)) for n, _ in rows]
    return _sheet(rows, page) if piped else [_grid(rows, page)]


def _piped(line: str) -> list[str] | None:
    """The cells of a line written with `|` between cells (a Markdown table, html2text's or a
    scraper's rendering of a web table: `合 计 | 34.35 | 34.35 |`): at least two bars; the bars
    opening and closing the line enclose no cell. [] for a Markdown rule line, None for any other
    line."""
    s = line.strip()
    if s.count("|") < 2:
        return None
    if _RULE_LINE.fullmatch(s):
        return []
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|"):
        s = s[:-1]
    return s.split("|")


_CLOSING_BAR = re.compile(r"\s*\|\s*$")


def _inline(lines: list[tuple[int, str]], page: int, notes: list[str]) -> list | None:
    """A page of plain text holding no table of lines of cells: the tables flattened into its text,
    as a web page's text gives them (`项目 2016年预算数 (二)公务接待费 14.83 14.83 …`, a cell a line or a
    row a line with single spaces: extract/inline_tables.py, the blank cells placed where the
    table's sums hold), as grids, the text before, between and after them as lines. None when there
    is none. Notes on figures the text leaves to more than one column go to `notes`."""
    # a web table rendered a cell a line, each closed by a bar (`项目 |` / `预算数 |` / `合计 |` / `4432 |`)
    lines = [(n, _CLOSING_BAR.sub("", t)) for n, t in lines]
    body = "\n".join(t for _, t in lines)
    found = find_tables(body)
    if not found:
        return None
    starts, at = [], 0
    for _, t in lines:
        starts.append(at)
        at += len(t) + 1
    blocks: list = []

    def line_at(pos: int) -> int:
        return lines[max(0, bisect_right(starts, pos) - 1)][0]

    def text(a: int, b: int) -> None:
        for (n, t), s0 in zip(lines, starts):
            piece = t[max(a, s0) - s0:max(0, min(b, s0 + len(t)) - s0)].strip() if s0 < b and s0 + len(t) > a else ""
            if piece:
                blocks.append(TextLine(piece, Box(page, 0, n, len(piece), n + 1)))

    pos = 0
    for t in found:
        text(pos, t.lead)
        n = line_at(t.lead)
        for seg in (t.title, t.unit):
            if seg:
                blocks.append(TextLine(seg, Box(page, 0, n, len(seg), n + 1)))
        notes.extend(t.notes)
        blocks.append(t.grid(page, n))
        pos = t.end
    text(pos, len(body))
    return blocks


def _lines(lines: list[tuple[int, str]], page: int, spaced_out: bool) -> list:
    """Lines without tabs as blocks: on a page laid out with spaces (`spaced.laid_out`), its tables
    read from their alignment (extract/spaced.py) and the other lines as written; else each line."""
    if spaced_out and spaced.laid_out(lines):
        return spaced.read(lines, page)
    return [TextLine(t.rstrip(), Box(page, 0, n, len(t), n + 1)) for n, t in lines]


def read_text(path: Path) -> RawDocument:
    """Raises InputError for a file over DISCLOSURE_MAX_TEXT_MB or neither UTF-8 nor GB18030 text."""
    from disclosure.limits import check_text

    with path.open("rb") as fh:
        check_text(path, os.fstat(fh.fileno()).st_size)
        raw = fh.read()
    from disclosure.extract.charset import utf16_without_bom
    enc16 = "utf-16" if raw.startswith((b"\xff\xfe", b"\xfe\xff")) else utf16_without_bom(raw)
    try:
        text = raw.decode(enc16 or "utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError as e:
            raise InputError(str(path), f"not a PDF and not readable as text ({e.reason})") from e
    if "\x00" in text[:4096]:
        raise InputError(str(path), "binary file: not a PDF and not text")
    pages: list[RawPage] = []
    lineno = 0
    for pno, page_text in enumerate(text.split("\f"), start=1):
        page = RawPage(pno)
        pending: list[tuple[int, list[str]]] = []
        piped = False  # the pending rows are written with | (else with tabs)
        plain: list[tuple[int, str]] = []  # lines without tabs since the last tab-separated run
        spaced_out = spaced.laid_out([(0, ln) for ln in page_text.splitlines()
                                      if "\t" not in ln and _piped(ln) is None])
        written: dict[int, str] = {}
        for line in page_text.splitlines():
            lineno += 1
            written[lineno] = line
            cells = line.split("\t") if "\t" in line else _piped(line)
            if cells is not None:
                if plain:
                    page.blocks.extend(_lines(plain, pno, spaced_out))
                    plain = []
                if cells:
                    if piped != ("\t" not in line) and pending:
                        page.blocks.extend(_run(pending, pno, piped, written))
                        pending = []
                    piped = "\t" not in line
                    pending.append((lineno, cells))
                continue
            if pending:
                page.blocks.extend(_run(pending, pno, piped, written))
                pending = []
            plain.append((lineno, line))
        if plain:
            page.blocks.extend(_lines(plain, pno, spaced_out))
        if pending:
            page.blocks.extend(_run(pending, pno, piped, written))
        if not any(isinstance(b, Grid) for b in page.blocks):
            inline = _inline([(b.box.top, b.text) for b in page.blocks], pno, page.notes)
            if inline is not None:
                page.blocks = inline
        if not page_text.strip():
            page.triage, page.triage_reason = "no_text", "page is blank"
        pages.append(page)
    return RawDocument(path.name, sha256_file(path), "text", pages)
