"""Frictionless data packages (https://specs.frictionlessdata.io/): a `datapackage.json` beside the
CSVs of an extract output folder and of an export, a Table Schema for every CSV.

An output folder's Table Schemas are derived from the JSON Schemas of schemas/ (one source for
the contract): a column whose JSON Schema pattern is a whole number is `integer`, a decimal
`number`, `true`/`false` `boolean`, an enum a string with an `enum` constraint, another pattern a
string with that `pattern`; amounts in 元 carry `unit: 元`, boxes `unit: pt`. An export's are
derived from the DuckDB column types. Empty cells are missing values (Table Schema's default).
"""
from __future__ import annotations

import csv
import io
import json

from disclosure.schemas import load

PROFILE = "tabular-data-package"
# file of an output folder -> its JSON Schema in schemas/
CSV_SCHEMAS = {"line_items.csv": "line_items.schema", "paragraphs.csv": "paragraphs.schema",
               "findings.csv": "findings_csv.schema", "ledger.csv": "ledger_csv.schema",
               "facts.csv": "facts.schema", "projects.csv": "projects.schema",
               "project_costs.csv": "project_costs.schema", "performance_targets.csv": "performance_targets.schema"}
TABLE_SCHEMA = "table.schema"
_WHOLE = {r"^\d+$", r"^\d*$", r"^20\d\d$", r"^(20\d\d)?$"}
_DECIMAL = {r"^(-?\d+(\.\d+)?)?$", r"^(-?\d+\.\d{2,})?$", r"^(|0(\.\d+)?|1(\.0+)?)$"}
_BOX = {"x0", "top", "x1", "bottom"}
# (primary key, foreign keys as (fields, resource, fields)) of an output folder's resources
KEYS = {
    "paragraphs": (["index"], []),
    "facts": (["fact_index"], [(["paragraph_index"], "paragraphs", ["index"])]),
    "projects": (["project_index"], []),
    "project_costs": ([], [(["project_index"], "projects", ["project_index"])]),
    "ledger": (["rule"], []),
    "findings": ([], [(["rule"], "ledger", ["rule"])]),
}


# where a box is: points on a PDF page; a text, web page or sheet has none (found by a new-user trial)
_BOX_SAID = ("PDF points from the page's top-left; for a text, web page or spreadsheet input, the character "
             "column and the line (or row) number instead")


def field_from_json_schema(name: str, prop: dict, required: bool) -> dict:
    """One Table Schema field from a column's JSON Schema property (see the module's docstring)."""
    pattern, enum = prop.get("pattern"), prop.get("enum")
    f: dict = {"name": name}
    if pattern in _WHOLE:
        f["type"] = "integer"
    elif pattern in _DECIMAL:
        f["type"] = "number"
    elif enum is not None and set(enum) <= {"true", "false"}:
        f.update(type="boolean", trueValues=["true"], falseValues=["false"])
    else:
        f["type"] = "string"
        if enum is not None:
            f["constraints"] = {"enum": [e for e in enum if e != ""]}
        elif pattern:
            f["constraints"] = {"pattern": pattern.removeprefix("^").removesuffix("$")}
    if required and pattern in (r"^\d+$",):
        f.setdefault("constraints", {})["required"] = True
    if prop.get("description"):
        f["description"] = prop["description"]
    if name.endswith("_yuan"):
        f["unit"] = "元"
    elif name in _BOX:
        f["unit"] = "pt"
        f["description"] = f.get("description") or _BOX_SAID
    return f


def _header(text) -> list[str]:
    """A CSV's header row: of its text, or of a csvout.CsvFile (a writer)."""
    if not isinstance(text, str):
        return list(text.header)
    return next(csv.reader(io.StringIO(text.removeprefix("\ufeff"))), [])


def _resource(name: str, path: str, fields: list[dict], title: str = "", fmt: str = "csv") -> dict:
    r = {"name": name, "path": path, "profile": "tabular-data-resource", "format": fmt,
         "mediatype": "text/csv" if fmt == "csv" else "application/vnd.apache.parquet"}
    if fmt == "csv":
        r["encoding"] = "utf-8"
    if title:
        r["title"] = title
    r["schema"] = {"fields": fields}
    return r


def _keys(resources: list[dict], keys: dict, names: set[str] | None = None) -> None:
    """Each resource's primary key and its foreign keys to the resources named in `names` (by
    default those of `resources`)."""
    names = {r["name"] for r in resources} if names is None else names
    for r in resources:
        pk, fks = keys.get(r["name"], ([], []))
        if pk:
            r["schema"]["primaryKey"] = pk
        fks = [{"fields": f, "reference": {"resource": res, "fields": to}} for f, res, to in fks if res in names]
        if fks:
            r["schema"]["foreignKeys"] = fks


def for_folder(files: dict, title: str = "") -> str:
    """datapackage.json (text) for an output folder given as pipeline.output_files gives it (file
    name -> text or a csvout.CsvFile, `tables` -> a dict of its CSVs): a resource for every CSV, its Table Schema, the
    keys between them. Raises KeyError for a CSV this module has no schema for."""
    return "".join(folder_chunks(files, title))


def folder_writer(files: dict, title: str = ""):
    """datapackage.json as a writer for emit/outdir.publish: for_folder's text, written one
    resource at a time (a long document's tables are a resource each: their schemas are never
    whole in memory). Raises KeyError at once for a CSV this module has no schema for."""
    chunks = folder_chunks(files, title)
    first = next(chunks)  # the CSVs are looked at (a CSV without a schema refused) now, not when written

    def write(fh) -> None:
        fh.write(first)
        fh.writelines(chunks)
    return write


def folder_chunks(files: dict, title: str = ""):
    """for_folder's text in pieces, the resources made one at a time. The CSVs are looked at when
    the first piece is asked for (KeyError then for a CSV this module has no schema for)."""
    from disclosure.emit.jsonout import object_chunks

    csvs: list[tuple[str, str, object]] = []  # (resource name, path, the CSV's text or writer)
    for name, text in files.items():
        if name in CSV_SCHEMAS:
            csvs.append((name.removesuffix(".csv"), name, text))
        elif name == "tables" and isinstance(text, dict):
            csvs += [("table-" + tname.removesuffix(".csv").lower(), f"tables/{tname}", ttext)
                     for tname, ttext in text.items()]
        elif name.endswith(".csv"):
            raise KeyError(f"no schema for {name}")
    names = {n for n, _, _ in csvs}

    def resource(item) -> dict:
        name, path, text = item
        if path.startswith("tables/"):
            schema = load(TABLE_SCHEMA)
            cols = _header(text)
            fields = [field_from_json_schema(c, schema["properties"][c], True) for c in cols[:2]]
            fields += [{"name": c, "type": "string"} for c in cols[2:]]
            fields[0]["constraints"]["required"] = True
            r = _resource(name, path, fields, "one table as printed: header rows then body rows")
        else:
            schema = load(CSV_SCHEMAS[path])
            req = set(schema.get("required", []))
            fields = [field_from_json_schema(c, schema["properties"][c], c in req) for c in _header(text)]
            r = _resource(name, path, fields, schema.get("title", ""))
        _keys([r], KEYS, names)
        return r

    package = [("profile", PROFILE, None)] + ([("title", title, None)] if title else [])
    yield from object_chunks(package + [("resources", csvs, resource)])
    yield "\n"


_DUCK = {"VARCHAR": "string", "INTEGER": "integer", "BIGINT": "integer", "DOUBLE": "number", "BOOLEAN": "boolean",
         "TIMESTAMP": "datetime"}


def duck_field(name: str, duck_type: str) -> dict:
    """A Table Schema field for a DuckDB column (DECIMAL(p,s) -> number; TIMESTAMP -> datetime in
    DuckDB's CSV form `YYYY-MM-DD HH:MM:SS[.ffffff]`)."""
    kind = "number" if duck_type.startswith("DECIMAL") else _DUCK.get(duck_type, "string")
    f: dict = {"name": name, "type": kind}
    if kind == "datetime":
        f["format"] = "any"
    if kind == "boolean":
        f.update(trueValues=["true"], falseValues=["false"])
    if name.endswith("_yuan"):
        f["unit"] = "元"
    elif name in _BOX:
        f["unit"] = "pt"
        f["description"] = _BOX_SAID
    return f


def for_export(con, tables: list[str], fmt: str, keys: dict, notes: dict | None = None) -> str:
    """datapackage.json (text) for `disclosure export`: one resource per table written as
    <table>.<fmt>, fields from the dataset's column types, `keys` as in KEYS; `notes` (table ->
    column -> text) become the fields' descriptions."""
    resources = []
    for name in tables:
        cols = con.execute("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? "
                           "ORDER BY ordinal_position", [name]).fetchall()
        fields = [duck_field(c, t) for c, t in cols]
        for f in fields:
            if (notes or {}).get(name, {}).get(f["name"]):
                f["description"] = notes[name][f["name"]]
        resources.append(_resource(name, f"{name}.{fmt}", fields, fmt=fmt))
    _keys(resources, keys)
    return json.dumps({"profile": PROFILE, "title": "disclosure dataset", "resources": resources},
                      ensure_ascii=False, indent=1) + "\n"
