"""Plain-text disclosures (the seed's form): lines of prose, tables as tab-separated lines.

A form feed starts a new page; without one the whole text is page 1. Boxes carry the line
number as `top` (points are meaningless here), so evidence still points at a place.
"""
from __future__ import annotations

import os
from pathlib import Path

from disclosure.extract.errors import InputError
from disclosure.extract.hashing import sha256_file
from disclosure.model import Box, Cell, Grid, RawDocument, RawPage, TextLine


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
        for line in page_text.splitlines():
            lineno += 1
            if "\t" in line:
                pending.append((lineno, line.split("\t")))
                continue
            if pending:
                page.blocks.append(_grid(pending, pno))
                pending = []
            page.blocks.append(TextLine(line.rstrip(), Box(pno, 0, lineno, len(line), lineno + 1)))
        if pending:
            page.blocks.append(_grid(pending, pno))
        if not page_text.strip():
            page.triage, page.triage_reason = "no_text", "page is blank"
        pages.append(page)
    return RawDocument(path.name, sha256_file(path), "text", pages)
