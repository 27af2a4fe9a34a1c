"""document.json: the whole document model, amounts as exact decimal strings."""
from __future__ import annotations

import io
import json
from decimal import Decimal

from disclosure.emit.findingsout import finding_dict
from disclosure.emit.ledgerout import entry as ledger_entry
from disclosure.emit.proseout import fact_dict, indicator_dict, project_dict
from disclosure.model import Document, Paragraph, Row, Table, Value
from disclosure import settings, speedups
from disclosure.normalize.units import value_unit, value_yuan

SCHEMA_VERSION = "2.11.0"


def _dec(v: Decimal | None) -> str | None:
    return None if v is None else format(v, "f")


def _box(b):
    return b.to_dict() if b is not None else None


def _value(v: Value, unit: str) -> dict:
    return {"column": v.column, "column_index": v.column_index, "measure": v.measure, "basis": v.basis,
            "printed": v.amount.printed, "status": v.amount.status, "value": _dec(v.amount.value),
            "unit": value_unit(v, unit), "value_yuan": _dec(value_yuan(v, unit)),
            "box": _box(v.box), "confidence": v.confidence}


def _row(r: Row, unit: str) -> dict:
    return {"side": r.side, "index": r.index, "code": r.code, "code_printed": r.code_printed,
            "classification": r.classification, "level": r.level, "name": r.name,
            "name_printed": r.name_printed, "role": r.role, "page": r.page, "box": _box(r.box),
            "canonical_code": r.canonical_code, "canonical_name": r.canonical_name, "match": r.match,
            "match_note": r.match_note, "attributes": r.attributes,
            "values": [_value(v, unit) for v in r.values]}


class Parts(list):
    """An object's members as object_chunks takes them ((key, value, None) or (key, list, fn)), to
    be encoded member by member where it stands in a list: what a list item's fn returns for an
    item too large to be made whole (a table of a thousand rows)."""


ROWS_AT_ONCE = 64  # a table of more rows is written row by row (table_parts), a shorter one whole


def table_dict(t: Table) -> dict:
    """A table's member of document.json as one dict (what `table_parts` gives, made whole)."""
    return {"index": t.index, "type": t.type, "number": t.number, "title": t.title,
            "title_printed": t.title_printed, "unit": t.unit, "unit_inferred": t.unit_inferred,
            "unit_factor": _dec(t.unit_factor), "department": t.department, "pages": t.pages,
            "columns": t.columns, "header_rows": t.header_rows, "sides": t.sides, "empty": t.empty,
            "note": t.note, "box": _box(t.box), "verification": t.verification.to_dict(),
            "rows": [_row(r, t.unit) for r in t.rows]}


def _table(t: Table):
    """A table as document.json's writer takes it: whole when short, else row by row (the same text)."""
    return table_parts(t) if len(t.rows) > ROWS_AT_ONCE else table_dict(t)


def table_parts(t: Table) -> Parts:
    """A table's members in document.json's order (table_dict's), its rows made one at a time
    (object_chunks): the text of a long table is written row by row, never its whole dict and text
    at once (a table of a long document's tables was the writer's largest piece: 271,000
    characters, 2.2 MB, at 600 joined pages). Tables of at most ROWS_AT_ONCE rows are written
    whole (`_table`): the same text, a little faster."""
    return Parts([("index", t.index, None), ("type", t.type, None), ("number", t.number, None),
                  ("title", t.title, None), ("title_printed", t.title_printed, None), ("unit", t.unit, None),
                  ("unit_inferred", t.unit_inferred, None), ("unit_factor", _dec(t.unit_factor), None),
                  ("department", t.department, None), ("pages", t.pages, None), ("columns", t.columns, None),
                  ("header_rows", t.header_rows, None), ("sides", t.sides, None), ("empty", t.empty, None),
                  ("note", t.note, None), ("box", _box(t.box), None),
                  ("verification", t.verification.to_dict(), None),
                  ("rows", t.rows, lambda r, unit=t.unit: _row(r, unit))])


def paragraph_dict(p: Paragraph) -> dict:
    return {"index": p.index, "kind": p.kind, "marker": p.marker, "section_path": p.section_path,
            "page": p.page, "pages": p.pages, "text": p.text, "box": _box(p.box)}


def _parts(d: Document):
    """document.json's members in order, as (key, value, None), or (key, list of model objects,
    fn making each one's dict) for the lists that grow with the document."""
    yield "schema_version", SCHEMA_VERSION, None
    yield "source", {"file": d.source, "sha256": d.sha256, "format": d.source_format}, None
    yield "metadata", {"title": d.title, "department": d.department, "year": d.year, "kind": d.kind,
                       "level": d.level, "units": d.units, "page_count": d.page_count,
                       "verified_share": None if d.verified_share is None else format(d.verified_share, "f")}, None
    yield "pages", d.pages, _page
    yield "problems", d.problems, None
    yield "announced_tables", d.announced_tables, None
    yield "tables", d.tables, _table
    yield "paragraphs", d.paragraphs, paragraph_dict
    yield "facts", d.facts, fact_dict
    yield "projects", d.projects, project_dict
    yield "performance_targets", d.indicators, indicator_dict
    yield "findings", d.findings, finding_dict
    yield "ledger", d.ledger, ledger_entry
    yield "settings", d.settings or settings.current().as_dict(), None


def _page(p) -> dict:
    return {"number": p.number, "triage": p.triage, "reason": p.reason, "method": p.method, "ocr": p.ocr}


def document_dict(d: Document) -> dict:
    """document.json as one dict (the whole tree: for a long document, prefer `chunks`)."""
    return object_dict(_parts(d))


def dumps(d: Document, indent: int | None = 1) -> str:
    """document.json's text (indent None: one line)."""
    return encode(document_dict(d), indent)


def chunks(d: Document, indent: int | None = 1):
    """document.json's text (dumps(d, indent)'s, character for character; indent None: the one
    line of `-o -`) in pieces, made one table, paragraph, finding, … at a time: the document's dict
    tree is never whole in memory."""
    return object_chunks(_parts(d), indent)


def object_dict(parts) -> dict:
    """The dict of `parts` (as object_chunks takes them), every list's items made at once (an item
    made as Parts made a dict too)."""
    return {k: [_whole(fn(x)) for x in v] if fn else v for k, v, fn in parts}


def _whole(item):
    return object_dict(item) if isinstance(item, Parts) else item


def _c_indent(indent):
    """fn(obj, level): encode(obj, indent)'s text with every line break `level` more steps in, by
    json's one-line encoder (in C) and disclosure._speedups' indent; None where the extension is
    not built (or is turned off) or `indent` is not a number of spaces."""
    c = speedups.module()
    if c is None or not isinstance(indent, int):
        return None
    return lambda obj, level: c.indent(json.dumps(obj, ensure_ascii=False), indent, level)


def object_chunks(parts, indent: int | None = 1):
    """A JSON object's text, as encode() writes the dict of `parts` (character for character), in
    pieces. parts: (key, value, None) for a member encoded whole, or (key, list, fn) for a member
    whose items are made by fn one at a time and encoded alone (never the whole list of dicts);
    an item fn makes as Parts is encoded member by member the same way (a table, row by row).

    An item nested `level` deep is encoded alone and its line breaks indented by `level` steps
    (JSON text has no line break but the encoder's: one inside a string is written \\n). indent
    None: one line, json.dumps' separators (", ", ": ")."""
    enc = json.JSONEncoder(ensure_ascii=False, indent=indent)

    def brk(level: int) -> str:  # a line break and `level` steps of indent ("" on one line)
        return "" if indent is None else "\n" + " " * indent * level

    def sep(level: int) -> str:  # between members or items: "," and a line break, or ", "
        return "," + (brk(level) or " ")

    in_c = _c_indent(indent)

    def at(obj, level: int):
        if in_c is not None:
            yield in_c(obj, level)
            return
        pad = brk(level)
        for chunk in enc.iterencode(obj):
            yield chunk.replace("\n", pad) if pad else chunk

    def obj(members, level: int):  # an object whose members are `level` + 1 deep
        none = True
        for n, (key, value, fn) in enumerate(members):
            none = False
            yield ("{" + brk(level + 1) if n == 0 else sep(level + 1)) + json.dumps(key, ensure_ascii=False) + ": "
            if fn is None:
                yield from at(value, level + 1)
                continue
            empty = True
            for item in value:
                yield "[" + brk(level + 2) if empty else sep(level + 2)
                empty = False
                made = fn(item)
                if isinstance(made, Parts):
                    yield from obj(made, level + 2)
                else:
                    yield from at(made, level + 2)
            yield "[]" if empty else brk(level + 1) + "]"
        yield "{}" if none else brk(level) + "}"

    yield from obj(parts, 0)


def writer(d: Document, indent: int = 1):
    """document.json as a writer for emit/outdir.publish: fn(text file) writes dumps(d)'s text into
    it as it is encoded (`chunks`: neither the text nor the document's dict tree is ever whole in
    memory)."""
    def write(fh) -> None:
        fh.writelines(chunks(d, indent))
    return write


def encode(obj, indent: int | None = 1) -> str:
    """json.dumps(obj, ensure_ascii=False, indent=indent), the same text, with less memory: with an
    indent, json.dumps joins a list of every token it made (a 600-page document's list took five
    times the text, ~80 MB); here the tokens go into one growing buffer as they are made."""
    if indent is None:
        return json.dumps(obj, ensure_ascii=False)
    in_c = _c_indent(indent)
    if in_c is not None:
        return in_c(obj, 0)
    buf = io.StringIO()
    write = buf.write
    for chunk in json.JSONEncoder(ensure_ascii=False, indent=indent).iterencode(obj):
        write(chunk)
    return buf.getvalue()
