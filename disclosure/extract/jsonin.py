"""A document.json written by `disclosure extract`, read back into the document model, so that
`disclosure check` runs on earlier outputs without the source file. Amounts come back as Decimals
from their strings."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from disclosure.extract.errors import InputError
from disclosure.model import Amount, Box, Document, PageInfo, Paragraph, Row, Table, Value


def _box(d: dict | None) -> Box | None:
    return Box(d["page"], d["x0"], d["top"], d["x1"], d["bottom"]) if d else None


def _dec(s: str | None) -> Decimal | None:
    return None if s is None else Decimal(s)


def _row(r: dict) -> Row:
    values = [Value(v["column"], v["measure"], Amount(v["printed"], _dec(v["value"]), v["status"]), _box(v["box"]),
                    v["column_index"]) for v in r["values"]]
    return Row(r["index"], r["side"], r["code"], r["code_printed"], r["classification"], r["level"], r["name"],
               r["name_printed"], r["role"], values, r["page"], _box(r["box"]), r.get("canonical_code", ""),
               r.get("canonical_name", ""), r.get("match", ""), r.get("match_note", ""))


def _table(t: dict) -> Table:
    return Table(t["index"], t["type"], t["title"], t["title_printed"], t["number"], t["unit"], _dec(t["unit_factor"]),
                 t["department"], t["pages"], t["columns"], t["header_rows"], [], [], t["sides"],
                 [_row(r) for r in t["rows"]], t["empty"], t["note"], _box(t["box"]), t["unit_inferred"])


def read_document_json(path: Path) -> Document:
    try:
        d = json.loads(Path(path).read_text(encoding="utf-8"))
        meta, src = d["metadata"], d["source"]
        return Document(src["file"], src["sha256"], src["format"], meta["title"], meta["department"], meta["year"],
                        meta["kind"], meta["level"], meta["units"], meta["page_count"], d["announced_tables"],
                        [_table(t) for t in d["tables"]],
                        [Paragraph(p["index"], p["text"], p["section_path"], p["marker"], p["kind"], p["page"],
                                   p["pages"], _box(p["box"])) for p in d["paragraphs"]],
                        [PageInfo(p["number"], p["triage"], p["reason"]) for p in d["pages"]], d["problems"])
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise InputError(str(path), f"not a document.json of disclosure ({type(e).__name__}: {e})") from e
