"""report.html: one HTML review page per document (issue #17).

Every page of a PDF as an image with the boxes of the tables, their cells (the printed values)
and each finding's values outlined where they are printed (values read by OCR tinted by their
confidence); beside each page the tables that start on it as read (header paths, codes with their
chart match, values, the verified share and every identity tested, held or failed, with its
cells) and the findings on it; above, a summary (metadata, tables found against those the
contents announce, the audit ledger, the pages read by OCR) and every finding, each of which
shows its page with its boxes when clicked. Text-only inputs (plain text, web pages,
spreadsheets) get the same report without page images (their boxes are lines and columns, not
points, and are not drawn); so does a document.json whose PDF is not found (`find_pdf`), saying so.

The page images are embedded (data: URIs: one self-contained file), or, for a long document, files
in PAGES_DIR beside the report fetched as their pages near the view (`files`). Rendered with
Jinja2 from templates/report.html.j2 (package data); the CSS and JS are the project's own, inline:
the report opens from file:// with nothing but a browser and makes no network request.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from decimal import Decimal
from pathlib import Path

from disclosure.emit import ledgerout
from disclosure.model import Box, Document
from disclosure.normalize.rounding import DEFAULT_UNITS

TEMPLATE = "report.html.j2"
PAGES_DIR = "report-pages"  # the page images beside report.html, when not embedded
IMAGE_MODES = ("auto", "inline", "files")
INLINE_PAGES = 40  # "auto": a document of more pages gets its images beside the report (bench/report_speed.py --big)
MATCH_OK = ("exact", "renamed", "name_only")


def _dec(v: Decimal | None) -> str:
    return "" if v is None else format(v, "f")


def _pct(share: Decimal | None) -> str:
    return "nothing to verify (no amounts in tables)" if share is None else f"{share * 100:.1f}%"


def _place(box: dict | Box | None, width: float, height: float) -> str:
    """CSS left/top/width/height in % of the page, from a box in PDF points ("" when none)."""
    if box is None or not width or not height:
        return ""
    b = box if isinstance(box, dict) else box.to_dict()
    x0, x1 = max(0.0, b["x0"]), min(width, b["x1"])
    top, bottom = max(0.0, b["top"]), min(height, b["bottom"])
    if x1 <= x0 or bottom <= top:
        return ""
    return (f"left:{x0 / width * 100:.3f}%;top:{top / height * 100:.3f}%;"
            f"width:{(x1 - x0) / width * 100:.3f}%;height:{(bottom - top) / height * 100:.3f}%")


def _tint(confidence: float | None) -> str:
    """A background colour for an OCR value: red at 0.5 or less through yellow to green at 1."""
    if confidence is None:
        return ""
    hue = max(0.0, min(1.0, (confidence - 0.5) / 0.5)) * 120
    return f"background:hsla({hue:.0f},90%,50%,0.28)"


def finding_anchor(n: int) -> str:
    """The id of the n-th finding (1-based, in document.json order) in the report: `finding-N`."""
    return f"finding-{n}"


def _box_key(b: dict | Box | None) -> tuple | None:
    if b is None:
        return None
    d = b if isinstance(b, dict) else b.to_dict()
    return (d.get("page"), round(float(d["x0"]), 1), round(float(d["top"]), 1), round(float(d["x1"]), 1),
            round(float(d["bottom"]), 1))


def _value_ids(doc: Document) -> dict[tuple, str]:
    """A printed value's box -> its id in the report (`v<table>-<side>-<row>-<column>`)."""
    ids: dict[tuple, str] = {}
    for t in doc.tables:
        for r in t.rows:
            for v in r.values:
                key = _box_key(v.box)
                if key is not None:
                    ids.setdefault(key, _vid(t.index, r.side, r.index, v.column_index))
    return ids


def _findings(doc: Document) -> list[dict]:
    out = []
    values = _value_ids(doc)
    for n, f in enumerate(doc.findings, 1):
        out.append({"n": n, "id": finding_anchor(n), "rule": f.rule, "severity": f.severity, "rounding": f.rounding,
                    "message_zh": f.message_zh, "message_en": f.message_en, "table": f.table, "page": f.page,
                    "left": _dec(f.left), "right": _dec(f.right), "difference": _dec(f.difference),
                    "tolerance": _dec(f.tolerance), "unit": f.unit,
                    "evidence": [{"page": e.page, "what": e.what, "printed": e.printed, "box": e.box}
                                 for e in f.evidence],
                    "pages": sorted({e.page for e in f.evidence if e.page is not None}),
                    # the table cells (as read) the evidence points at, lit with the boxes on a click
                    "values": [v for v in dict.fromkeys(values.get(_box_key(e.box)) for e in f.evidence) if v]})
    return out


def _vid(table: int, side: str, row: int, column: int) -> str:
    """A table's value in the report: `v<table>-<side or x>-<row>-<column>` (its cell and its box)."""
    return f"v{table}-{side or 'x'}-{row}-{column}"


def _identities(t) -> list[dict]:
    """The identities tested on table `t` (Verification.tested), failed and held alike, each with
    the ids of its cells: `total` and `parts` (lit in the table as read and on the page)."""
    out = []
    for n, x in enumerate(t.verification.tested, 1):
        out.append({"n": n, "kind": x.kind, "label": x.label, "held": x.held, "total_value": _dec(x.total_value),
                    "parts_sum": _dec(x.parts_sum), "difference": _dec(x.difference), "tolerance": _dec(x.tolerance),
                    "parts": len(x.parts), "total": _vid(t.index, *x.total),
                    "cells": [_vid(t.index, *ref) for ref in [x.total] + list(x.parts)]})
    return out


def _tables(doc: Document) -> list[dict]:
    out = []
    for t in doc.tables:
        v = t.verification
        rows = []
        for r in t.rows:
            cells = {}
            for val in r.values:
                cells[val.column_index] = {"printed": val.amount.printed, "status": val.amount.status,
                                           "confidence": val.confidence, "tint": _tint(val.confidence),
                                           "vid": _vid(t.index, r.side, r.index, val.column_index),
                                           "measure": val.measure, "basis": val.basis,
                                           "unit": val.unit if val.measure == "count" else ""}
            rows.append({"side": r.side, "index": r.index, "code": r.code_printed or r.code, "level": r.level,
                         "name": r.name, "role": r.role, "match": r.match, "match_note": r.match_note,
                         "canonical": r.canonical_name if r.canonical_name and r.canonical_name != r.name else "",
                         "attributes": "; ".join(f"{k}: {v}" for k, v in r.attributes.items() if v),
                         "page": r.page, "cells": cells})
        out.append({"index": t.index, "type": t.type, "title": t.title or t.title_printed, "number": t.number,
                    "unit": t.unit, "unit_inferred": t.unit_inferred, "pages": t.pages, "empty": t.empty,
                    "note": t.note, "columns": t.columns,
                    "vcols": sorted({k for r in rows for k in r["cells"]}),
                    "has_attributes": any(r["attributes"] for r in rows), "sides": t.sides, "rows": rows,
                    "first_page": t.pages[0] if t.pages else None,
                    "v": {"identities": v.identities, "held": v.held, "failed": v.failed, "amounts": v.amounts,
                          "covered": v.covered, "share": _pct(v.share) if v.amounts else "",
                          "failures": v.failures, "choices": v.choices, "tested": _identities(t)}})
    return out


def _announced(doc: Document) -> list[dict]:
    """The tables the contents announce, each with the found table of its type (or None)."""
    by_type: dict[str, list[int]] = {}
    for t in doc.tables:
        by_type.setdefault(t.type, []).append(t.index)
    out = []
    for a in doc.announced_tables:
        found = by_type.get(a.get("type", ""), [])
        out.append({"number": a.get("number", ""), "title": a.get("title", ""), "type": a.get("type", ""),
                    "found": found.pop(0) if found else None})
    return out


def _boxes(doc: Document, findings: list[dict], number: int, width: float, height: float) -> list[dict]:
    """The outlines drawn on page `number`: tables, their values, and every finding's evidence."""
    boxes: list[dict] = []
    for t in doc.tables:
        if t.box is not None and t.box.page == number:
            boxes.append({"cls": "b-table", "style": _place(t.box, width, height), "title": f"{t.label} {t.title}",
                          "data": f"t{t.index}"})
        for r in t.rows:
            for val in r.values:
                if val.box is None or val.box.page != number or val.amount.status == "blank":
                    continue
                conf = "" if val.confidence is None else f" (OCR {val.confidence:.2f})"
                boxes.append({"cls": "b-cell" + (" b-ocr" if val.confidence is not None else ""),
                              "style": _place(val.box, width, height) + (";" + _tint(val.confidence)
                                                                           if val.confidence is not None else ""),
                              "title": f"{t.label} {r.name} / {val.column}: {val.amount.printed}{conf}",
                              "data": _vid(t.index, r.side, r.index, val.column_index)})
    for f in findings:
        for e in f["evidence"]:
            if e["box"] is None or e["box"].get("page", e["page"]) != number:
                continue
            boxes.append({"cls": f"b-finding sev-{f['severity']} {f['id']}", "style": _place(e["box"], width, height),
                          "title": f"#{f['n']} {f['rule']}: {e['what']}" + (f" = {e['printed']}" if e["printed"] else ""),
                          "data": f["id"]})
    return [b for b in boxes if b["style"]]


def page_images(doc: Document, source: str | Path | None) -> dict:
    """page -> pageimages.PageImage of the PDF `source` the document was read from ({} when the
    document is no PDF, `source` is None or cannot be rendered)."""
    if source is None or doc.source_format != "pdf":
        return {}
    from disclosure.emit.pageimages import render_pages

    try:
        return render_pages(source, {p.number: {"method": p.method, "triage": p.triage, "ocr": p.ocr}
                                     for p in doc.pages})
    except Exception:  # the report of an unreadable file still shows the reading
        return {}


def context(doc: Document, source: str | Path | None = None, units: Decimal = DEFAULT_UNITS,
            images: dict | None = None, beside: bool = False, note: str = "") -> dict:
    """What the template shows, as plain dicts and strings. `images` (page -> pageimages.PageImage)
    is rendered from `source` when not given and the document is a PDF; pass {} for none.
    beside: the images are files in PAGES_DIR beside the report (lazily loaded), not embedded.
    note: why a PDF's report has no page images, said on the page."""
    if images is None:
        images = page_images(doc, source)
    findings = _findings(doc)
    tables = _tables(doc)
    by_page: dict[int, list[dict]] = {}
    for f in findings:
        for p in f["pages"] or ([f["page"]] if f["page"] is not None else []):
            by_page.setdefault(p, []).append(f)
    numbers = sorted({p.number for p in doc.pages} | set(range(1, doc.page_count + 1)))
    info = {p.number: p for p in doc.pages}
    pages = []
    for n in numbers:
        img = images.get(n)
        p = info.get(n)
        src = (f"{PAGES_DIR}/{img.file_name}" if beside else img.uri) if img else ""
        pages.append({"number": n, "image": src, "width": img.width if img else 0,
                      "height": img.height if img else 0, "pixels": img.pixels if img else (0, 0),
                      "method": p.method if p else "", "triage": p.triage if p else "",
                      "reason": p.reason if p else "", "ocr": p.ocr if p else {},
                      "boxes": _boxes(doc, findings, n, img.width, img.height) if img else [],
                      "tables": [t for t in tables if t["first_page"] == n],
                      "findings": by_page.get(n, [])})
    placed = {t["index"] for pg in pages for t in pg["tables"]}
    ocr_pages = [{"number": p.number, "mean": p.ocr.get("mean_confidence"), "min": p.ocr.get("min_confidence"),
                  "rotation": p.ocr.get("rotation"), "skew": p.ocr.get("skew")}
                 for p in doc.pages if p.method == "ocr"]
    severities = Counter(f.severity for f in doc.findings)
    return {
        "doc": {"title": doc.title, "department": doc.department, "year": doc.year, "kind": doc.kind,
                "level": doc.level, "units": doc.units, "page_count": doc.page_count, "source": doc.source,
                "sha256": doc.sha256, "format": doc.source_format, "verified_share": _pct(doc.verified_share)},
        "tolerance_units": format(units, "f"),
        "announced": _announced(doc),
        "tables": tables,
        "unplaced_tables": [t for t in tables if t["index"] not in placed],
        "findings": findings,
        "severities": {s: severities.get(s, 0) for s in ("error", "warning", "info")},
        "ledger_counts": ledgerout.counts(doc),
        "ledger": ledgerout.entries(doc),
        "ocr_pages": ocr_pages,
        "unread_pages": [p.number for p in doc.pages if p.method == "none" and p.triage != "no_text"],
        "pages": pages,
        "has_images": bool(images),
        "images_beside": bool(images) and beside,
        "images_note": note or ("" if images or doc.source_format != "pdf"
                                else "no page images: the PDF was not rendered"),
        "problems": doc.problems,
        "match_ok": MATCH_OK,
    }


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    return Environment(loader=PackageLoader("disclosure.emit", "templates"), autoescape=select_autoescape(["j2"]),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render(doc: Document, source: str | Path | None = None, units: Decimal = DEFAULT_UNITS,
           images: dict | None = None, beside: bool = False, note: str = "") -> str:
    """report.html of a checked document as text. `source`: the file the document was read from
    (its pages are rendered when it is a PDF; None gives the report without page images).
    beside, note: as for `context`. Raises jinja2.TemplateError only on a defect of the template itself."""
    return _environment().get_template(TEMPLATE).render(**context(doc, source, units, images, beside, note))


def is_document_json(path: Path) -> Path | None:
    """The document.json `path` names: the file itself when it is one `disclosure extract` wrote
    (its text opens with "schema_version"), or OUT/<name>/document.json for an output folder;
    None for anything else (a source document, a scraper's page-text JSON)."""
    from disclosure.extract.jsonin import MARK, in_folder

    path = in_folder(Path(path))
    if path.suffix.lower() != ".json" or not path.is_file():
        return None
    try:
        with open(path, "rb") as fh:
            head = fh.read(200)
    except OSError:
        return None
    return path if MARK in head else None


def find_pdf(doc: Document, document_json: Path, given: list[Path] | tuple = ()) -> tuple[Path | None, str]:
    """The PDF a document.json was read from, to draw its pages: among `given` (--pdf), the file
    its `source` names (the input's file name) in the working folder, beside document.json and
    beside its output folder, the first whose SHA-256 is the document's.
    Returns (path, "") when found; (None, why there are no page images) when not; (None, "") when
    the document is no PDF."""
    import hashlib

    if doc.source_format != "pdf":
        return None, ""
    name = Path(doc.source).name
    folder = Path(document_json).parent
    candidates = [Path(g) for g in given] + [Path(doc.source), folder / name, folder.parent / name]
    differ = []
    for c in dict.fromkeys(candidates):
        try:
            if not c.is_file():
                continue
            with open(c, "rb") as fh:
                digest = hashlib.file_digest(fh, "sha256").hexdigest()
        except OSError:
            continue
        if digest == doc.sha256:
            return c, ""
        differ.append(str(c))
    if differ:
        return None, (f"no page images: {', '.join(differ)} is not the file read (its SHA-256 differs); "
                      "give the PDF with --pdf")
    return None, (f"no page images: {name} not found in the working folder, beside document.json or beside "
                  "its output folder; give the PDF with --pdf")


def files(doc: Document, source: str | Path | None = None, units: Decimal = DEFAULT_UNITS,
          images: str = "auto", note: str = "") -> dict:
    """The report's files for an output folder: {"report.html": text} with the page images
    embedded, or with them as files beside it, {"report.html": text, PAGES_DIR: {"p0001.png":
    bytes, …}}, each loaded by the browser when its page comes near the view (`loading="lazy"`):
    a report of hundreds of pages opens without reading tens of MB. images: "inline", "files", or
    "auto" (files when the document has more than INLINE_PAGES pages). note: as for `context`.
    Raises ValueError for another `images`."""
    if images not in IMAGE_MODES:
        raise ValueError(f"images must be one of {', '.join(IMAGE_MODES)}, not {images!r}")
    rendered = page_images(doc, source)
    beside = bool(rendered) and (images == "files" or (images == "auto" and len(rendered) > INLINE_PAGES))
    out: dict = {"report.html": render(doc, source, units, rendered, beside, note)}
    if beside:
        out[PAGES_DIR] = {img.file_name: img.data for img in rendered.values()}
    return out
