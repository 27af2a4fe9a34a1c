"""A document.json written by `disclosure extract`, read back into the document model, so that
`disclosure check` runs on earlier outputs without the source file. Amounts come back as Decimals
from their strings."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from disclosure.extract.errors import InputError
from disclosure.model import (Amount, Box, Document, Fact, IdentityTest, Indicator, PageInfo, Paragraph, Project,
                              ProjectCost, Row, Table, Value, Verification)


# in the first bytes of every document.json `disclosure extract` writes (its first key): how a
# document.json is told from other JSON (emit/report.is_document_json, extract.read's refusal)
MARK = b'"schema_version"'


def in_folder(path: Path) -> Path:
    """OUT/<name>/document.json for an output folder `extract` wrote (one holding document.json),
    else `path` as given."""
    return path / "document.json" if path.is_dir() and (path / "document.json").is_file() else path

def _box(d: dict | None) -> Box | None:
    return Box(d["page"], d["x0"], d["top"], d["x1"], d["bottom"]) if d else None


def _dec(s: str | None) -> Decimal | None:
    return None if s is None else Decimal(s)


def _row(r: dict) -> Row:
    values = [Value(v["column"], v["measure"], Amount(v["printed"], _dec(v["value"]), v["status"]), _box(v["box"]),
                    v["column_index"], v.get("confidence"), v.get("basis", ""),
                    v.get("unit") or "" if v["measure"] == "count" else "") for v in r["values"]]
    return Row(r["index"], r["side"], r["code"], r["code_printed"], r["classification"], r["level"], r["name"],
               r["name_printed"], r["role"], values, r["page"], _box(r["box"]), r.get("canonical_code", ""),
               r.get("canonical_name", ""), r.get("match", ""), r.get("match_note", ""), r.get("attributes", {}))


def _table(t: dict) -> Table:
    table = Table(t["index"], t["type"], t["title"], t["title_printed"], t["number"], t["unit"], _dec(t["unit_factor"]),
                  t["department"], t["pages"], t["columns"], t["header_rows"], [], [], t["sides"],
                  [_row(r) for r in t["rows"]], t["empty"], t["note"], _box(t["box"]), t["unit_inferred"])
    v = t.get("verification")
    if v is not None:
        table.verification = Verification(v["identities"], v["held"], v["failed"], v["amounts"], v["covered"],
                                          v["failures"], v["choices"])
        if "tested" in v:
            table.verification.tested = [IdentityTest.from_dict(x) for x in v["tested"]]
        elif v["identities"]:  # a document.json before 2.4: the identities are tested again as it reads
            from disclosure.structure.identities import verify
            table.verification.tested = verify(table).tested
    else:  # a document.json of schema 1.x: the table is verified again as it reads
        from disclosure.structure.identities import verify
        table.verification = verify(table)
    return table


def _fact(f: dict) -> Fact:
    return Fact(f["index"], f["paragraph_index"], f["page"], f["sentence"], f["subject"], f["subject_kind"], f["code"],
                f["printed"], f["unit"], _dec(f["value"]), _dec(f["value_yuan"]), _dec(f["share_pct"]),
                f["change_direction"], _dec(f["change_amount_yuan"]), _dec(f["change_pct"]), _dec(f["prior_yuan"]),
                f["reason"], f["group"], f["is_change"], f.get("link", ""), f.get("basis", ""))


def _project(p: dict) -> Project:
    costs = [ProjectCost(p["index"], c["text"], c["item"], _dec(c["quantity"]), c["quantity_unit"],
                         _dec(c["unit_price_yuan"]), _dec(c["amount_yuan"]), c["page"], c["top_level"], c["is_total"])
             for c in p["costs"]]
    return Project(p["index"], p["name"], p["fields"], p["budget_printed"], _dec(p["budget_yuan"]), costs, p["page"],
                   _dec(p["costs_sum_yuan"]))


def _indicator(i: dict) -> Indicator:
    return Indicator(i["table_index"], i["project"], i["goal"], i["level1"], i["level2"], i["level3"], i["printed"],
                     i["comparator"], _dec(i["value"]), i["unit"], i["qualitative"], i["page"])


def read_document_json(path: Path) -> Document:
    """The document of a document.json file. Raises InputError when it is not one."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as e:
        raise InputError(str(path), f"not a document.json of disclosure ({type(e).__name__}: {e})") from e
    return document_from_json(text, str(path))


def document_from_json(text: str, name: str = "document.json") -> Document:
    """The document a document.json's text holds (batch/volumes.py keeps volumes so). Raises
    InputError, naming `name`, when the text is not one."""
    try:
        d = json.loads(text)
    except ValueError as e:
        raise InputError(name, f"not a document.json of disclosure ({type(e).__name__}: {e})") from e
    if not isinstance(d, dict) or "schema_version" not in d:
        # (a scraper's list of page texts, an API response: what `disclosure extract` says of it too)
        raise InputError(name, "JSON data, not a disclosure and not a document.json written by `disclosure "
                               "extract` (extract reads PDF, spreadsheets, Word, web pages, page texts and plain text)")
    try:
        meta, src = d["metadata"], d["source"]
        return Document(src["file"], src["sha256"], src["format"], meta["title"], meta["department"], meta["year"],
                        meta["kind"], meta["level"], meta["units"], meta["page_count"], d["announced_tables"],
                        [_table(t) for t in d["tables"]],
                        [Paragraph(p["index"], p["text"], p["section_path"], p["marker"], p["kind"], p["page"],
                                   p["pages"], _box(p["box"])) for p in d["paragraphs"]],
                        [PageInfo(p["number"], p["triage"], p["reason"], p.get("method", "text_layer"), p.get("ocr", {}))
                         for p in d["pages"]], d["problems"],
                        [_fact(f) for f in d.get("facts", [])], [_project(p) for p in d.get("projects", [])],
                        [_indicator(i) for i in d.get("performance_targets", [])], settings=d.get("settings", {}))
    except (ValueError, KeyError, TypeError) as e:
        raise InputError(name, f"not a document.json of disclosure ({type(e).__name__}: {e})") from e
