"""One document through the stages: read -> structure -> normalise -> (check: later) -> emit."""
from __future__ import annotations

from pathlib import Path

from disclosure.emit import csvout, jsonout
from disclosure.emit.atomic import replace_dir, write_text
from disclosure.extract import read
from disclosure.model import Document
from disclosure.normalize import accounts
from disclosure.structure.build import build

FORMATS = ("json", "line_items", "paragraphs", "tables")


def extract(path: str | Path) -> Document:
    return accounts.apply(build(read(path)))


def write_outputs(doc: Document, outdir: Path, formats: tuple[str, ...] = FORMATS) -> Path:
    target = outdir
    if "json" in formats:
        write_text(target / "document.json", jsonout.dumps(doc))
    if "line_items" in formats:
        write_text(target / "line_items.csv", csvout.line_items(doc))
    if "paragraphs" in formats:
        write_text(target / "paragraphs.csv", csvout.paragraphs(doc))
    if "tables" in formats:
        replace_dir(target / "tables", {csvout.table_file_name(t): csvout.table_as_printed(t) for t in doc.tables})
    return target
