"""One document through the stages: read -> structure -> normalise -> prose (facts, projects,
targets) -> check -> emit."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from disclosure import checks, heap, prose, settings
from disclosure.normalize.rounding import DEFAULT_UNITS
from disclosure.emit import csvout, datapackage, findingsout, jsonout, ledgerout, proseout
from disclosure.emit import outdir
from disclosure.extract import read
from disclosure.model import Document
from disclosure.normalize import accounts
from disclosure.normalize.traditional import Folding
from disclosure.structure.build import build

FORMATS = ("json", "line_items", "paragraphs", "tables", "findings", "facts", "projects", "targets")
REPORT = "report"  # report.html (emit/report.py): not in FORMATS ("all"); asked for by --report or `disclosure report`


def extract(path: str | Path, units: Decimal = DEFAULT_UNITS, ocr: str = "auto", dpi: int = 200) -> Document:
    """Read, structure, normalise, prose and check one input under the settings in force
    (disclosure/settings.py: recorded on the document)."""
    raw = read(path, ocr, dpi)
    heap.release()  # what reading freed (its pages' objects, pdfium's caches): disclosure/heap.py
    folding = Folding()  # traditional characters read as simplified, printed as printed (normalize/traditional.py)
    folding.read(raw)
    doc = build(raw, consume=True)  # each page's lines and cells let go as they are structured
    del raw
    heap.release()  # the raw document, structured
    doc.settings = settings.current().as_dict()
    return check(prose.apply(accounts.apply(doc)), units, folding)


def check(doc: Document, units: Decimal = DEFAULT_UNITS, folding: Folding | None = None) -> Document:
    """`doc` with its findings: the checks read it with traditional characters folded and its
    printed fields given back after (normalize/traditional.py); `folding`: the one its raw
    document was read with (pipeline.extract), else one made here (a document read back from its
    document.json, two volumes together)."""
    folding = folding or Folding()
    folding.fold_document(doc)
    doc.findings = checks.run(doc, units)
    folding.restore_document(doc)
    return doc


def recheck(doc: Document, units: Decimal = DEFAULT_UNITS) -> Document:
    """A document read back from its document.json checked again: under the settings it was read
    with (doc.settings), with those the run was given by name (settings.given(): `--setting`,
    $DISCLOSURE_SETTINGS, the API's) on top; doc.settings becomes what the checks used (as
    disclosure.check does)."""
    base = settings.make(doc.settings) if doc.settings else settings.DEFAULT
    chosen = settings.make(settings.given(), base)
    with settings.using(chosen):
        doc.settings = chosen.as_dict()
        return check(doc, units)


def load(path: str | Path, units: Decimal = DEFAULT_UNITS, ocr: str = "auto", dpi: int = 200) -> Document:
    """A source document (extracted and checked), or an earlier document.json (checked again,
    `recheck`), or the output folder `extract` wrote it into (OUT/<name>/, as `disclosure report`
    takes it)."""
    from disclosure.extract.jsonin import in_folder, read_document_json

    p = in_folder(Path(path))
    if p.suffix.lower() == ".json":
        return recheck(read_document_json(p), units)
    return extract(p, units, ocr, dpi)


def together(a: Document, b: Document, units: Decimal = DEFAULT_UNITS) -> Document:
    """One disclosure printed in two volumes (Jiangsu: *-budget-text.pdf and *-budget-tables.pdf):
    the prose of the volume with more facts against the tables of the one with more tables,
    checked as one document. Metadata (year, kind, level) are the prose volume's, else the tables
    volume's; `source` names both (A+B); the tables keep their own pages (page numbers of the
    tables volume), so a finding's evidence names the table (表N) beside its page.
    Raises ValueError when the two are not one disclosure (different years or kinds)."""
    from dataclasses import replace

    text, tables = (a, b) if len(a.facts) >= len(b.facts) else (b, a)
    if len(tables.tables) < len(text.tables):
        text, tables = tables, text
    for field in ("year", "kind"):
        x, y = getattr(text, field), getattr(tables, field)
        if x and y and x != y and "unknown" not in (x, y):
            raise ValueError(f"not one disclosure: {field} {x} and {y}")
    merged = replace(text, source=f"{text.source}+{tables.source}", tables=tables.tables,
                     announced_tables=text.announced_tables or tables.announced_tables,
                     year=text.year or tables.year,
                     kind=text.kind if text.kind != "unknown" else tables.kind,
                     level=text.level if text.level != "unknown" else tables.level,
                     pages=list(text.pages) + [pg for pg in tables.pages if pg.number not in {q.number for q in text.pages}],
                     problems=list(text.problems) + list(tables.problems), findings=[], ledger=[])
    return check(merged, units)


def findings_files(doc: Document, units: Decimal = DEFAULT_UNITS, lazy: bool = False) -> dict:
    """findings.json, findings.csv and ledger.csv of a checked document: file name -> text (lazy:
    -> a writer each, for emit/outdir.publish, as `output_files`)."""
    if lazy:
        return {"findings.json": findingsout.writer(doc, units), "findings.csv": findingsout.csv_file(doc),
                "ledger.csv": ledgerout.csv_file(doc)}
    return {"findings.json": findingsout.dumps(doc, units), "findings.csv": findingsout.to_csv(doc),
            "ledger.csv": ledgerout.to_csv(doc)}


def output_files(doc: Document, formats: tuple[str, ...] = FORMATS, units: Decimal = DEFAULT_UNITS,
                 source: str | Path | None = None, images: str = "auto", lazy: bool = False) -> dict:
    """The document's output folder as file name -> text (`tables` -> a dict of its CSVs; the
    report's page images, when beside it, `report-pages` -> a dict of their bytes).
    `source`: the file read, whose pages the report (format "report") shows as images; `images`:
    embedded or beside it (emit/report.files). lazy: document.json, findings.json and every CSV
    as a writer (jsonout.writer, findingsout.writer, csvout.CsvFile) for emit/outdir.publish,
    which writes each text into its file as it is made, instead of as text: the same characters,
    never whole in memory."""
    files: dict = {}
    if REPORT in formats:
        from disclosure.emit import report

        files.update(report.files(doc, source, units, images))
    if "findings" in formats:
        files.update(findings_files(doc, units, lazy))
    if "json" in formats:
        files["document.json"] = jsonout.writer(doc) if lazy else jsonout.dumps(doc)
    csvs = {"line_items": (("line_items.csv", csvout.line_items_file),),
            "facts": (("facts.csv", proseout.facts_file),),
            "projects": (("projects.csv", proseout.projects_file), ("project_costs.csv", proseout.project_costs_file)),
            "targets": (("performance_targets.csv", proseout.targets_file),),
            "paragraphs": (("paragraphs.csv", csvout.paragraphs_file),)}
    for fmt, made in csvs.items():
        if fmt in formats:
            for name, fn in made:
                files[name] = fn(doc) if lazy else fn(doc).text()
    if "tables" in formats:
        files["tables"] = csvout.table_files(doc.tables) if lazy else {
            csvout.table_file_name(t): csvout.table_as_printed(t) for t in doc.tables}
    if any(n.endswith(".csv") or n == "tables" for n in files):
        files["datapackage.json"] = (datapackage.folder_writer if lazy else datapackage.for_folder)(files, doc.title or doc.source)
    return files


def write_findings(doc: Document, target: Path, units: Decimal = DEFAULT_UNITS) -> None:
    """findings.json, findings.csv, ledger.csv into `target`, swapped in with the folder's other
    files kept (emit/outdir.py), and datapackage.json describing the CSVs the folder then holds.
    Raises OSError when the folder cannot be written."""
    files = findings_files(doc, units)
    present: dict = {}
    if target.is_dir():
        for p in sorted(target.glob("*.csv")):
            if p.name not in files and p.name in datapackage.CSV_SCHEMAS:
                present[p.name] = _first_line(p)
        if (target / "tables").is_dir():
            present["tables"] = {p.name: _first_line(p) for p in sorted((target / "tables").glob("*.csv"))}
    files["datapackage.json"] = datapackage.for_folder(present | files, doc.title or doc.source)
    outdir.publish(target, files, keep_others=True)


def _first_line(path: Path) -> str:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return fh.readline()


def write_outputs(doc: Document, target: Path, formats: tuple[str, ...] = FORMATS,
                  units: Decimal = DEFAULT_UNITS) -> Path:
    """The document's output folder written whole and swapped in (all old or all new). Raises
    OSError when it cannot be written, with the old folder left as it was."""
    return outdir.publish(target, output_files(doc, formats, units))
