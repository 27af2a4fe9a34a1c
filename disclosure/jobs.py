"""The unit of work of `extract`, run in a worker process (disclosure/worker.py): one input read,
checked, and its output folder written (atomic: emit/outdir.publish) or its outputs returned."""
from __future__ import annotations

from decimal import Decimal


def extract_one(path: str, units: str, ocr: str, dpi: int, formats: tuple[str, ...], stream: bool,
                target: str | None = None, excel: bool = False, keep_others: bool = False,
                images: str = "auto") -> dict:
    """One input through the pipeline. Returns {"problems": [{"page", "reason"}...], "summary": str
    (pages, tables, paragraphs, findings, verified share), "counts": the same as numbers (counts()), "line": the document JSON on one line
    when `stream`, else None, "files": the output folder (pipeline.output_files) unless `stream` or
    `target`, "written": the folder written, when `target`}.

    target: the output folder, written here (document.json encoded straight into its file: a long
    document's text is never whole in memory, nor sent to the caller) and swapped in whole;
    excel: CSVs with a byte order mark; keep_others: the folder's other files kept (emit/outdir.publish);
    images: the report's page images (report.files: auto, inline, files), when formats ask for it.
    Raises InputError for an unreadable input, and for a folder that cannot be written
    ("cannot write TARGET: <reason>", the old folder left as it was)."""
    from pathlib import Path

    from disclosure import pipeline
    from disclosure.cli import _count, _verified
    from disclosure.emit import csvout, jsonout, outdir
    from disclosure.extract.errors import InputError
    from disclosure.worker import crash_hook

    crash_hook(path)
    doc = pipeline.extract(path, Decimal(units), ocr, dpi)
    out = {"problems": [dict(p) for p in doc.problems],
           "summary": f"{doc.page_count} pages, {len(doc.tables)} tables, {len(doc.paragraphs)} paragraphs, "
                      f"{_count(doc)}, verified {_verified(doc)}",
           "counts": counts(doc),
           "line": "".join(jsonout.chunks(doc, None)) if stream else None,  # json.dumps' line, no dict tree
           "files": None, "written": None}
    if stream:
        return out
    files = pipeline.output_files(doc, formats, Decimal(units), path, images, lazy=target is not None)
    if target is None:
        out["files"] = files
        return out
    try:
        outdir.publish(Path(target), csvout.with_bom(files) if excel else files, keep_others=keep_others,
                       drop=_report_pages(formats))
    except OSError as e:
        raise InputError(path, f"cannot write {target}: {e.strerror or e}") from None
    out["written"] = target
    return out


def _report_pages(formats: tuple[str, ...]) -> tuple[str, ...]:
    """The report's page-image folder, dropped from a folder written again with the report (its
    images may now be embedded), else nothing."""
    from disclosure import pipeline

    if pipeline.REPORT not in formats:
        return ()
    from disclosure.emit.report import PAGES_DIR

    return (PAGES_DIR,)


def counts(doc) -> dict:
    """A checked document's counts for a log line: pages, tables, paragraphs, line_items, facts,
    findings by severity (errors, warnings, info), verified_share (0–1, a string; None when no table prints an amount),
    identities_failed (the tables' identities that fail as read: a misprint or a misreading)."""
    from collections import Counter

    sev = Counter(f.severity for f in doc.findings)
    return {"pages": doc.page_count, "tables": len(doc.tables), "paragraphs": len(doc.paragraphs),
            "line_items": sum(1 for t in doc.tables for r in t.rows for v in r.values if v.amount.status != "blank"),
            "facts": len(doc.facts), "errors": sev["error"], "warnings": sev["warning"], "info": sev["info"],
            "verified_share": None if doc.verified_share is None else format(doc.verified_share, "f"),
            "identities_failed": sum(t.verification.failed for t in doc.tables)}


def report_one(path: str, units: str, ocr: str, dpi: int, images: str, pdfs: tuple[str, ...]) -> dict:
    """The review report of one input: a source document (read, checked, its pages rendered when it
    is a PDF) or a document.json `disclosure extract` wrote, or its output folder (read back and
    checked again under its settings, `pipeline.recheck`, without reading the source again; its
    pages drawn from the PDF found by report.find_pdf among `pdfs` and beside it, else none, said
    on the page). Returns {"files": report.files(...), "summary": str, "name": the source's file
    name, "document_json": its path or None, "note": why there are no page images or ""}.
    Raises InputError for an unreadable input."""
    from pathlib import Path

    from disclosure import pipeline
    from disclosure.cli import _count, _verified
    from disclosure.emit import report
    from disclosure.extract.jsonin import read_document_json
    from disclosure.worker import crash_hook

    crash_hook(path)
    found = report.is_document_json(Path(path))
    if found is None:
        doc = pipeline.extract(path, Decimal(units), ocr, dpi)
        source, note = path, ""
    else:
        doc = pipeline.recheck(read_document_json(found), Decimal(units))
        source, note = report.find_pdf(doc, found, [Path(p) for p in pdfs])
    return {"files": report.files(doc, source, Decimal(units), images, note),
            "summary": f"{doc.page_count} pages, {len(doc.tables)} tables, {_count(doc)}, verified {_verified(doc)}",
            "name": Path(doc.source).name, "document_json": str(found) if found else None, "note": note}
