"""The CSV outputs. Their columns are the contract in schemas/*.schema.json."""
from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

from disclosure.model import Document, Table
from disclosure.normalize.units import value_unit, value_yuan
from disclosure.rx import compile as rx_compile

LINE_ITEM_COLUMNS = ["document", "table_index", "table_type", "table_title", "side", "page", "row_index",
                     "code", "classification", "level", "name", "canonical_code", "canonical_name", "match",
                     "role", "column", "measure", "basis", "printed",
                     "value", "status", "unit", "value_yuan", "confidence", "x0", "top", "x1", "bottom"]
PARAGRAPH_COLUMNS = ["document", "index", "kind", "marker", "section_path", "page", "pages", "text",
                     "x0", "top", "x1", "bottom"]
SECTION_SEP = " > "


class CsvFile:
    """A CSV output as a writer for emit/outdir.publish: called with the open text file, it writes
    the header row, then the rows `rows()` makes (an iterable of lists, made again on each call) as
    they are made, so the file's text is never whole in memory. `header` is the header row (what
    datapackage.json describes); bom: the file starts with the UTF-8 byte order mark (`--excel`).
    text() is the file's text, the same characters as written."""

    __slots__ = ("header", "rows", "bom")

    def __init__(self, header: list[str], rows, bom: bool = False):
        self.header, self.rows, self.bom = header, rows, bom

    def __call__(self, fh) -> None:
        if self.bom:
            fh.write(BOM)
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(self.header)
        w.writerows(self.rows())

    def text(self) -> str:
        buf = io.StringIO()
        self(buf)
        return buf.getvalue()

    def with_bom(self) -> "CsvFile":
        return CsvFile(self.header, self.rows, True)


def _dec(v: Decimal | None) -> str:
    return "" if v is None else format(v, "f")


def _coords(box) -> list:
    return [round(box.x0, 1), round(box.top, 1), round(box.x1, 1), round(box.bottom, 1)] if box else ["", "", "", ""]


def yuan_text(v: Decimal | None) -> str:
    """An amount in 元 as CSV text, at one scale: two decimals at least (9527000.00, not 9527000.0),
    more only where the printed value has them (never rounded); "" for None."""
    if v is None:
        return ""
    return format(v.quantize(Decimal("0.01")) if v.as_tuple().exponent >= -2 else v, "f")


def line_item_records(d: Document):
    """The line items as tuples in LINE_ITEM_COLUMNS order, with Python values (ints, Decimals,
    floats; None where line_items.csv prints nothing): one per printed amount (blank cells have none)."""
    for t in d.tables:
        for r in t.rows:
            for v in r.values:
                if v.amount.status == "blank":
                    continue
                box = v.box
                yield (d.source, t.index, t.type, t.title, r.side, r.page, r.index, r.code, r.classification,
                       r.level, r.name, r.canonical_code, r.canonical_name, r.match, r.role, v.column, v.measure,
                       v.basis, v.amount.printed, v.amount.value, v.amount.status, value_unit(v, t.unit),
                       value_yuan(v, t.unit), v.confidence,
                       *((round(box.x0, 1), round(box.top, 1), round(box.x1, 1), round(box.bottom, 1)) if box
                         else (None, None, None, None)))


def line_items(d: Document) -> str:
    """One row per printed amount (a blank cell prints nothing and has no row); value_yuan at two
    decimals (yuan_text)."""
    return line_items_file(d).text()


def line_items_file(d: Document) -> CsvFile:
    """line_items.csv as a writer (CsvFile): line_items(d)'s text, row by row."""
    at_yuan = LINE_ITEM_COLUMNS.index("value_yuan")

    def rows():
        for rec in line_item_records(d):
            row = ["" if x is None else _dec(x) if isinstance(x, Decimal) else x for x in rec]
            row[at_yuan] = yuan_text(rec[at_yuan])
            yield row
    return CsvFile(LINE_ITEM_COLUMNS, rows)


def paragraphs(d: Document) -> str:
    return paragraphs_file(d).text()


def paragraphs_file(d: Document) -> CsvFile:
    """paragraphs.csv as a writer (CsvFile)."""
    return CsvFile(PARAGRAPH_COLUMNS, lambda: ([d.source, p.index, p.kind, p.marker, SECTION_SEP.join(p.section_path),
                                               p.page if p.page is not None else "", " ".join(map(str, p.pages)),
                                               p.text, *_coords(p.box)] for p in d.paragraphs))


_BREAK = rx_compile(r"[ \t]*\n\s*")
BOM = "\ufeff"


def one_line(text: str) -> str:
    """A header cell's text on one line: a line break the page wrapped a cell at is removed between
    Chinese characters (一般公共预\n算 -> 一般公共预算) and becomes a space between Latin letters or digits."""
    def join(m: re.Match) -> str:
        before, after = text[m.start() - 1: m.start()], text[m.end(): m.end() + 1]
        return " " if before.isascii() and after.isascii() and before.isalnum() and after.isalnum() else ""
    return _BREAK.sub(join, text)


def with_bom(files: dict) -> dict:
    """An output folder (file name -> text or a CsvFile, or a dict for a sub-folder) with every .csv
    starting with the UTF-8 byte order mark, as Excel needs to read UTF-8 (`--excel`); other files
    unchanged."""
    return {name: with_bom(v) if isinstance(v, dict) else v.with_bom() if isinstance(v, CsvFile)
            else BOM + v if name.endswith(".csv") and not v.startswith(BOM)
            else v for name, v in files.items()}


def table_as_printed(t: Table) -> str:
    """The table as printed: header rows then body rows; body cells' text unchanged, header cells
    on one line (one_line)."""
    return table_file(t).text()


def table_file(t: Table) -> CsvFile:
    """tables/NN-<type>.csv as a writer (CsvFile): table_as_printed(t)'s text, row by row."""
    n = len(t.columns)

    def rows():
        for r in t.header_rows:
            yield ["header", ""] + [one_line(c) for c in (r + [""] * n)[:n]]
        for r, p in zip(t.body, t.body_pages):
            yield ["body", p if p is not None else ""] + (r + [""] * n)[:n]
    return CsvFile(["part", "page"] + table_column_names(t), rows)


def table_files(tables) -> dict:
    """tables/ as writers: file name -> CsvFile (table_file's) for each of `tables` (a list, or a
    model.Spool of a long document's tables read back one at a time): a spooled table's writer
    keeps its header row only and reads the table back from the spool when it writes, so the
    folder's writers do not hold every table (issue #19)."""
    from disclosure.model import Spool

    out = {}
    for i, t in enumerate(tables):
        f = table_file(t)
        if isinstance(tables, Spool):
            f = CsvFile(f.header, lambda i=i: table_file(tables[i]).rows())
        out[table_file_name(t)] = f
    return out


def table_column_names(t: Table) -> list[str]:
    """The column names of tables/NN-<type>.csv after `part` and `page`: each printed column's header
    path (column_N where it has none), on one line, `(2)`, `(3)`, … added where a path repeats, so
    that every name is unique (as Table Schema and csv.DictReader need)."""
    used = {"part", "page"}
    out = []
    for i, c in enumerate(t.columns):
        base = one_line(c) or f"column_{i + 1}"
        name, k = base, 2
        while name in used:
            name, k = f"{base} ({k})", k + 1
        used.add(name)
        out.append(name)
    return out


def table_file_name(t: Table) -> str:
    return f"{t.index:02d}-{t.type}.csv"
