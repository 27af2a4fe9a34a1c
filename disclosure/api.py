"""The Python API: `disclosure.extract(path, **options) -> Document` and `disclosure.check(doc)`.

    import disclosure
    doc = disclosure.extract("samples/kashgar-2021-budget.pdf")
    doc.tables[2].to_pandas()          # one printed table as a DataFrame (pandas extra)
    doc.line_items()                   # every printed amount as a DataFrame
    [f.rule for f in doc.findings]     # what the checks found

A thin layer over disclosure.pipeline (read -> structure -> normalise -> prose -> check), run
in this process: no worker, no time or memory limit (the command line adds those).
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from disclosure.model import Document



def _tolerance(value) -> Decimal:
    try:
        units = Decimal(str(value))
    except ArithmeticError:
        raise ValueError(f"tolerance must be a number, not {value!r}") from None
    if not units.is_finite() or units < 0:
        raise ValueError(f"tolerance must be 0 or more, not {value!r}")
    return units


def extract(path: str | Path, *, tolerance: Decimal | int | str = 1, ocr: str = "auto", dpi: int = 200,
            settings: dict | None = None) -> Document:
    """Read, structure, normalise and check one disclosure (PDF, .xlsx, .xls, .docx, .doc, HTML, a
    scraper's page text or plain text; the format is read from the content), or reload a
    document.json written by `disclosure extract`, or the output folder holding it (checked again).

    tolerance: differences within this many units of the last printed decimal are rounding (info
    findings), not errors (default 1). ocr: auto (scanned pages and broken text layers by OCR, when
    the ocr extra is installed), verify, force or off. dpi: resolution pages are rendered at for OCR.
    settings: tolerances and thresholds of the reading and the checks by name ({"snap": 3}, or a
    disclosure.settings.Settings; the names, defaults and meanings: disclosure.settings.describe()),
    recorded in `doc.settings` and document.json.

    Returns a Document (disclosure.model): `.tables` (each with `.rows`, `.columns` as header
    paths, `.unit`, `.to_pandas()`), `.paragraphs`, `.facts`, `.findings`, `.ledger`,
    `.line_items()`; amounts are exact Decimals in each table's printed unit.
    Raises disclosure.InputError (with `.file` and `.reason`) for a file that cannot be read
    (missing, empty, corrupt, encrypted, over a size limit), ValueError for a bad option or setting."""
    from disclosure import pipeline
    from disclosure.extract.triage import MODES

    if ocr not in MODES:
        raise ValueError(f"ocr must be one of {', '.join(MODES)}, not {ocr!r}")
    if not isinstance(dpi, int) or not 100 <= dpi <= 600:
        raise ValueError(f"dpi must be an integer from 100 to 600, not {dpi!r}")
    from disclosure import settings as settings_mod

    with settings_mod.using(settings):  # by name: a document.json is checked again under them (pipeline.recheck)
        doc = pipeline.load(path, _tolerance(tolerance), ocr, dpi)
    if not isinstance(doc.tables, list):  # a long document's tables spooled to a file (model.Spool): a
        doc.tables = list(doc.tables)  # notebook's Document holds them, to be read and edited as objects
    if not isinstance(doc.paragraphs, list):
        doc.paragraphs = list(doc.paragraphs)
    if not isinstance(doc.facts, list):
        doc.facts = list(doc.facts)
    return doc


def check(doc: Document, *, tolerance: Decimal | int | str = 1, settings: dict | None = None) -> list:
    """Run every check on `doc` again (after editing it, or with another tolerance) and return its
    findings (a list of disclosure.checks.findings.Finding: rule, severity, page, table, left,
    right, difference in the table's unit, messages, evidence); `doc.findings` and `doc.ledger` are
    replaced. settings: as for extract (the checks' own: ocr_low, min_tested); default the
    document's. Raises ValueError for a bad tolerance or setting."""
    from disclosure import pipeline
    from disclosure import settings as settings_mod

    base = settings_mod.make(doc.settings) if doc.settings else settings_mod.current()
    chosen = settings_mod.make(settings, base)
    with settings_mod.using(chosen):
        doc.settings = chosen.as_dict()
        return pipeline.check(doc, _tolerance(tolerance)).findings
