"""The unit of work of `extract`, run in a worker process (disclosure/worker.py): one input read,
checked and rendered to the texts of its outputs; the caller writes them (one writer, atomic)."""
from __future__ import annotations

import json
from decimal import Decimal


def extract_one(path: str, units: str, ocr: str, dpi: int, formats: tuple[str, ...], stream: bool) -> dict:
    """One input through the pipeline. Returns {"problems": [{"page", "reason"}...], "summary": str
    (pages, tables, paragraphs, findings, verified share), "line": the document JSON on one line
    when `stream`, else None, "files": the output folder (pipeline.output_files) unless `stream`}.
    Raises InputError for an unreadable input."""
    from disclosure import pipeline
    from disclosure.cli import _count, _verified
    from disclosure.emit import jsonout
    from disclosure.worker import crash_hook

    crash_hook(path)
    doc = pipeline.extract(path, Decimal(units), ocr, dpi)
    return {"problems": [dict(p) for p in doc.problems],
            "summary": f"{doc.page_count} pages, {len(doc.tables)} tables, {len(doc.paragraphs)} paragraphs, "
                       f"{_count(doc)}, verified {_verified(doc)}",
            "line": json.dumps(jsonout.document_dict(doc), ensure_ascii=False) if stream else None,
            "files": None if stream else pipeline.output_files(doc, formats, Decimal(units), path)}
