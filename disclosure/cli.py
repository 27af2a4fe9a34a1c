"""The `disclosure` command."""
from __future__ import annotations

import functools
import json
import logging
import os
import sys
import time
from collections import Counter
from decimal import Decimal, InvalidOperation
from pathlib import Path

import click

from disclosure import jobs, limits, pipeline, progress, worker
from disclosure.emit import outdir
from disclosure.extract import triage
from disclosure.extract.errors import InputError
from disclosure import rx as rx_re

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2
EXIT_BUSY = 75  # sysexits' EX_TEMPFAIL: the dataset is locked by another process; the same run may succeed later
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what a shell reports for a command Ctrl-C stopped
EXIT_TERMINATED = 143  # 128 + SIGTERM: a batch a scheduler stopped, its run marked interrupted
_KEPT = ("what was written before is whole (an output folder is swapped in complete or not at all; a batch's "
         "finished files are in the dataset, its run is marked interrupted, and its next run reads the rest)")
INTERRUPTED = "interrupted (Ctrl-C, SIGINT): " + _KEPT


class _Commands(click.Group):
    """The command group, with Ctrl-C its own exit: click makes a KeyboardInterrupt "Aborted!" and
    exit 1, which is the exit of findings or failed files, and not JSON under --log-json; and under
    --log-json a bad option or argument is a JSON `error` event too (click says it as text)."""

    _ANYWHERE = ("-q", "--quiet", "-v", "--verbose")

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """-q/--quiet and -v/--verbose are taken after the command too (`disclosure extract -q a.pdf`,
        as a user types them; no command has options of those names): moved before it. After a
        `--`, arguments are left as they are."""
        cut = args.index("--") if "--" in args else len(args)
        moved = [a for a in args[:cut] if a in self._ANYWHERE]
        return super().parse_args(ctx, moved + [a for a in args[:cut] if a not in self._ANYWHERE] + args[cut:])

    def invoke(self, ctx: click.Context):
        as_json = "--log-json" in ctx.args  # the command's arguments, not parsed yet
        try:
            return super().invoke(ctx)
        except click.UsageError as e:
            if not as_json:
                raise
            hint = f"{e.ctx.command_path} --help" if e.ctx is not None else f"{ctx.command_path} --help"
            click.echo(progress.json_line("error", "error", reason=e.format_message(), help=hint), err=True)
            ctx.exit(e.exit_code)
        except KeyboardInterrupt:
            if as_json or os.environ.get(progress.ENV_FORMAT) == "json":  # --log-json: the stream stays JSON lines
                click.echo(progress.json_line("error", "interrupted", reason=INTERRUPTED), err=True)
            else:
                click.echo(f"\ndisclosure: {INTERRUPTED}", err=True)
            ctx.exit(EXIT_INTERRUPTED)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="disclosure")
@click.option("-v", "--verbose", is_flag=True, help="Log progress to stderr.")
@click.option("-q", "--quiet", is_flag=True,
              help="Errors only on stderr: no summaries, warnings or progress bar (exit codes unchanged).")
@click.option("--reader", type=click.Choice(["pdfium", "pdfminer"]), default=None,
              help="PDF text-layer reader (default pdfium; pdfminer reads what pdfium cannot open either "
                   "way). Sets DISCLOSURE_PDF_READER for this run and its workers.")
@click.pass_context
def main(ctx: click.Context, verbose: bool, quiet: bool, reader: str | None) -> None:
    """Turn Chinese budget and final-account disclosures into structured, checked data.

    Shell completion (click): eval "$(_DISCLOSURE_COMPLETE=bash_source disclosure)" in ~/.bashrc
    (zsh_source, fish_source for the other shells)."""
    progress.configure_logging(logging.ERROR if quiet else logging.INFO if verbose else logging.WARNING, as_json=False)
    ctx.obj = {"quiet": quiet}
    if reader:
        os.environ["DISCLOSURE_PDF_READER"] = reader


def _dataset_busy(db: Path, error: Exception) -> str | None:
    """What to say when `error` is DuckDB refusing `db` because another process holds its lock (a
    batch writing it, a notebook reading it), else None. DuckDB lets one process write a file and
    no other process open it meanwhile; read-only processes share it with each other only."""
    import re

    text = str(error)
    if "Could not set lock" not in text:
        return None
    pid = rx_re.search(r"\(PID (\d+)\)", text)
    holder = f" (PID {pid.group(1)})" if pid else ""
    return (f"{db}: the dataset is in use by another process{holder}: another `disclosure batch` writing it, or "
            "a program that has it open (a notebook's duckdb.connect, read_only=True too, keeps a batch out until "
            "it is closed; `disclosure export` gives readers their own files); nothing was changed: run again "
            "when it has finished")


def _units(value: str) -> Decimal:
    try:
        units = Decimal(value)
    except InvalidOperation:
        raise click.BadParameter(f"not a number: {value}", param_hint="--tolerance")
    if units < 0:
        raise click.BadParameter("must be 0 or more", param_hint="--tolerance")
    return units


TOLERANCE_HELP = ("Differences within this many units of the last printed decimal are reported as "
                  "rounding (info), not as errors.")
OCR_MODES = triage.MODES
OCR_HELP = ("auto: read scanned pages and broken text layers by OCR, and check a text layer over a "
            "page-sized image against OCR; verify: check every text layer against OCR; force: OCR every "
            "page; off: none. OCR is the extra disclosure[ocr].")
ocr_option = click.option("--ocr", "ocr", type=click.Choice(OCR_MODES), default="auto", show_default=True,
                          help=OCR_HELP)


def limit_options(f, batch: bool = False):
    """--timeout, --max-memory, --max-pages, --max-pixels, --max-size, --max-text-size, --max-stream,
    --max-xobject-depth, --max-xobject-draws (disclosure/limits.py);
    unset, each is its environment variable's value, else the default. `batch` defines its own
    --timeout and --max-size."""
    d = limits.Limits()
    opts = [("--max-memory", "memory_mb", int, f"MB of address space a file's worker may use ({d.memory_mb})."),
            ("--max-pages", "max_pages", int, f"Pages a PDF may have ({d.max_pages})."),
            ("--max-pixels", "max_pixels", int, f"Pixels of a page rendered for OCR ({d.max_pixels}); a larger "
                                                 "page is rendered at a lower dpi, or not read by OCR under 100 dpi."),
            ("--max-text-size", "max_text_mb", float, f"MB a plain-text input may have ({d.max_text_mb:g})."),
            ("--max-stream", "max_stream_mb", float, f"MB one PDF stream may decompress to ({d.max_stream_mb:g}); "
                                                     "a file with a larger one is refused."),
            ("--max-xobject-depth", "max_xobject_depth", int, f"Levels of form XObjects within form XObjects "
                                                              f"({d.max_xobject_depth}); deeper ones are not drawn."),
            ("--max-xobject-draws", "max_xobject_draws", int, f"XObject draws of one page ({d.max_xobject_draws}); "
                                                              "the draws past it are not drawn.")]
    if not batch:
        opts += [("--timeout", "timeout", float, f"Seconds a file may take ({d.timeout:g})."),
                 ("--max-size", "max_size_mb", float, f"MB any input may have ({d.max_size_mb:g}).")]
    for flag, name, kind, text in reversed(opts):
        f = click.option(flag, name, type=click.FloatRange(0) if kind is float else click.IntRange(0), default=None,
                         help=text + f" 0: no limit. Default from ${limits.ENV[name]}.")(f)
    return f


def _reporter(log_json: bool, total: int = 0) -> progress.Reporter:
    """This run's voice on stderr: JSON lines (--log-json: this process's and the workers' log
    records too), or text, errors only under --quiet; a bar over `total` files on a terminal."""
    ctx = click.get_current_context()
    quiet = bool((ctx.find_root().obj or {}).get("quiet"))
    if log_json:
        os.environ[progress.ENV_FORMAT] = "json"
        progress.configure_logging(logging.getLogger().level, as_json=True)
    return progress.Reporter(log_json, quiet, total)


def settings_options(f):
    """--setting NAME=VALUE (repeatable) and --settings FILE (disclosure/settings.py)."""
    from disclosure import settings

    names = ", ".join(f"{n} ({v})" for n, v, _ in settings.describe())
    f = click.option("--settings", "settings_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     default=None, help="A JSON or TOML file of settings (name = value); --setting wins over it.")(f)
    return click.option("--setting", "setting_pairs", multiple=True, metavar="NAME=VALUE",
                        help="Override a tolerance or threshold of the reading and the checks, recorded in "
                             f"document.json (repeatable). Settings (default): {names}.")(f)


def _apply_settings(pairs, file) -> None:
    """Put the run's settings where this process and its workers read them ($DISCLOSURE_SETTINGS)."""
    from disclosure import settings

    try:
        given = (settings.load_file(file) if file else {}) | settings.parse_pairs(pairs)
        chosen = settings.make(given)
    except (ValueError, OSError) as e:
        raise click.BadParameter(str(e), param_hint="--setting/--settings")
    if given:
        os.environ[settings.ENV] = json.dumps({k: getattr(chosen, k) for k in given})  # named ones, defaults too


images_option = click.option(
    "--images", type=click.Choice(["auto", "inline", "files"]), default="auto", show_default=True,
    help="The report's page images embedded in report.html (inline), or as files in report-pages/ beside it, "
         "loaded as the pages scroll into view (files); auto: files beyond 40 pages.")

LOG_JSON_HELP = ("JSON lines on stderr instead of text: one object per event (time, level, event, file, counts), "
                 "log records included; nothing else is written there.")


def _limits(**given) -> limits.Limits:
    """The limits of this run: the options given, else the environment's, else the defaults."""
    from dataclasses import replace

    try:
        base = limits.current()
    except ValueError as e:
        raise click.UsageError(str(e))
    return replace(base, **{k: v for k, v in given.items() if v is not None})


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "output", required=True,
              help="Output folder (OUTDIR/<name>/..., <name> the input's stem and suffix: a.pdf -> a-pdf, a.txt -> "
                   "a-txt), or - to stream document JSON to stdout (one line per input).")
@click.option("--format", "formats", default="all", show_default=True,
              help="Comma-separated, any of: " + ", ".join(pipeline.FORMATS) + "; or all. json: document.json; "
                   "line_items, paragraphs, findings (with ledger.csv), facts, projects (with project_costs.csv), "
                   "targets (performance_targets.csv): their CSVs; tables: tables/NN-<type>.csv.")
@click.option("--tolerance", default="1", show_default=True, help=TOLERANCE_HELP)
@ocr_option
@click.option("--dpi", type=click.IntRange(100, 600), default=200, show_default=True,
              help="Resolution pages are rendered at for OCR.")
@click.option("--report", "with_report", is_flag=True,
              help="Also write report.html, the review report (see `disclosure report`).")
@images_option
@click.option("--excel", is_flag=True,
              help="Write every CSV with a UTF-8 byte order mark, so Excel opens the Chinese text as UTF-8.")
@click.option("--log-json", is_flag=True, help=LOG_JSON_HELP)
@settings_options
@limit_options
def extract(paths: tuple[Path, ...], output: str, formats: str, tolerance: str, ocr: str, dpi: int, excel: bool,
            log_json: bool, setting_pairs: tuple[str, ...], settings_file: Path | None, with_report: bool = False,
            images: str = "auto", **limit_values) -> None:
    """Extract every table and paragraph of each disclosure: PDF (text layer or scanned), spreadsheet
    (.xlsx, .xls), Word (.docx; .doc through LibreOffice), web page (HTML, any charset), a scraper's
    page text (标题:/发布时间: header lines) or plain text; the format is read from the content.

    Each file is read in a worker process under the limits (time, memory, pages, pixels, size).
    A file that cannot be read, is over a limit, or whose outputs cannot be written gets a
    one-line error naming it and the reason; the other files are still processed, and the exit
    code is 2. A document's output folder is written beside its target and swapped in whole.
    """
    chosen = pipeline.FORMATS if formats == "all" else tuple(f.strip() for f in formats.split(",") if f.strip())
    unknown = set(chosen) - set(pipeline.FORMATS) - {pipeline.REPORT}
    if unknown or not chosen:  # none named wrote an empty folder and said it was done
        raise click.BadParameter((f"unknown format(s): {', '.join(sorted(unknown))}" if unknown else "no format named")
                                 + f"; the formats are {', '.join(pipeline.FORMATS)}, or all", param_hint="--format")
    if with_report and output == "-":
        raise click.UsageError("--report writes report.html into an output folder, not to stdout (-o -)")
    if with_report and pipeline.REPORT not in chosen:
        chosen = (*chosen, pipeline.REPORT)
    units = _units(tolerance)
    lim = _limits(**limit_values)
    _apply_settings(setting_pairs, settings_file)
    stream = output == "-"
    if not stream:
        outdir.sweep(Path(output))  # what killed runs left
    paths, again = _once(paths)
    folders = outdir.names(list(paths))  # a-pdf, a-txt: by the input alone (emit/outdir.py)
    failed: list[Path] = []
    say = _reporter(log_json, len(paths))
    started = time.monotonic()
    # the run's bounds, as batch says them: a scheduler reading --log-json knows what was asked and
    # what came of it without counting file events (quiet keeps the end, as it keeps batch's)
    say.event("start", "info", None, "", files=len(paths), output=output)
    for path in again:
        say.event("warning", "warning", path, f"disclosure: warning: {path}: named more than once; read once",
                  reason="named more than once; read once")

    def error(path, reason: str, **fields) -> None:
        failed.append(path)
        say.event("file", "error", path, f"disclosure: error: {path}: {reason}", status="failed", reason=reason, **fields)

    for path, folder in zip(paths, folders):
        target = None if stream else Path(output) / folder
        r = worker.run(jobs.extract_one, (str(path), str(units), ocr, dpi, chosen, stream,
                                          None if stream else str(target), excel, False, images), lim,
                       on_pages=say.pages if say.terminal else None)
        logging.getLogger("disclosure").info("%s: %s in %.2f s, worker peak memory %.0f MB", path, r.status,
                                             r.seconds, r.peak_mb)
        say.pages(0, 0)
        say.step(1, Path(path).name[:40])
        if r.status != "ok":
            error(path, str(r.value), seconds=round(r.seconds, 3))
            continue
        done = r.value
        for reason, pages in _said_once(done["problems"]):
            where = f"page {pages[0]}" if len(pages) == 1 else f"pages {', '.join(map(str, pages))}"
            say.event("warning", "warning", path, f"disclosure: warning: {path}: {where}: {reason}",
                      pages=pages, reason=reason)
        if stream:
            sys.stdout.write(done["line"] + "\n")
            sys.stdout.flush()
            continue
        # the worker wrote the folder (a write failure is its one-line error, above)
        say.event("file", "info", path, f"{path}: {done['summary']} -> {target}", status="ok", output=str(target),
                  seconds=round(r.seconds, 3), **done.get("counts", {}))
    say.close()
    code = EXIT_INPUT if failed else EXIT_OK
    say.event("end", "info", None, "", files=len(paths), ok=len(paths) - len(failed), failed=len(failed),
              seconds=round(time.monotonic() - started, 3), exit_code=code)
    sys.exit(code)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "output", default=None, type=click.Path(path_type=Path),
              help="Output folder: OUTDIR/<name>/report.html (the folder's other files are kept). Without it, "
                   "the report of a document.json (or an output folder) is written into that folder.")
@click.option("--pdf", "pdfs", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="For a document.json input: the PDF it was read from, to draw its pages (repeatable; matched "
                   "by SHA-256). Without it the PDF of the name document.json records is looked for in the working "
                   "folder, beside document.json and beside its output folder; not found, the report has no page "
                   "images and says so.")
@images_option
@click.option("--tolerance", default="1", show_default=True, help=TOLERANCE_HELP)
@ocr_option
@click.option("--dpi", type=click.IntRange(100, 600), default=200, show_default=True,
              help="Resolution pages are rendered at for OCR.")
@settings_options
@limit_options
def report(paths: tuple[Path, ...], output: Path | None, pdfs: tuple[Path, ...], images: str, tolerance: str,
           ocr: str, dpi: int, setting_pairs: tuple[str, ...], settings_file: Path | None, **limit_values) -> None:
    """Write a review report for each disclosure: OUTDIR/<name>/report.html, one HTML file (pages
    as images with the tables, values and findings outlined; the tables as read with every identity
    tested, held or failed; every finding; the audit ledger). Opens from file:// with nothing but a
    browser. PATH is a source document, or a document.json written by `extract` (or its output
    folder): that is reported without reading the source again (checked again under the settings
    it records), its pages drawn from the PDF when it is found (see --pdf). Each input is read in a
    worker under the limits, as by `extract`; the folder is swapped in whole with its other files
    kept. Exit 2 when an input cannot be read or written."""
    from disclosure.emit import report as report_mod

    units = _units(tolerance)
    lim = _limits(**limit_values)
    _apply_settings(setting_pairs, settings_file)
    if output is None:
        sources = [p for p in paths if report_mod.is_document_json(p) is None]
        if sources:
            raise click.UsageError(f"-o is needed for a source document ({sources[0]}); without it only "
                                   "document.json inputs (or output folders) are reported, into their own folder")
    else:
        outdir.sweep(output)
    used: set[str] = set()
    failed: list[Path] = []
    for path in paths:
        r = worker.run(jobs.report_one, (str(path), str(units), ocr, dpi, images, tuple(map(str, pdfs))), lim)
        if r.status != "ok":
            failed.append(path)
            click.echo(f"disclosure: error: {path}: {r.value}", err=True)
            continue
        done = r.value
        if output is None:
            target = Path(done["document_json"]).parent
        else:
            target = output / outdir.safe_name(Path(done["name"]) if done["document_json"] else path, used)
        try:
            outdir.publish(target, done["files"], keep_others=True, drop=(report_mod.PAGES_DIR,))
        except OSError as e:
            failed.append(path)
            click.echo(f"disclosure: error: {path}: cannot write {target}: {e.strerror or e}", err=True)
            continue
        if (click.get_current_context().find_root().obj or {}).get("quiet"):
            continue  # --quiet: errors only
        if done["note"]:
            click.echo(f"disclosure: warning: {path}: {done['note']}", err=True)
        click.echo(f"{path}: {done['summary']} -> {target / 'report.html'}", err=True)
    sys.exit(EXIT_INPUT if failed else EXIT_OK)


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--page", "number", type=click.IntRange(1), required=True, help="The page to draw (1-based).")
@click.option("-o", "--output", "output", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="The PNG to write.")
@click.option("--scale", type=click.FloatRange(0.5, 6), default=2.0, show_default=True, help="Pixels per PDF point.")
@ocr_option
@limit_options
def debug(path: Path, number: int, output: Path, scale: float, ocr: str, **limit_values) -> None:
    """Draw one PDF page with what the reading saw on it: characters, ruling lines, the cells
    pdfplumber's table finder makes of them, the cells of every grid after the lattice repairs,
    the grid's row and column cuts, and the rows and value columns the structure stage chose
    (legend at the top left). The file is read in a worker under the limits, as by `extract`; the
    PNG is written atomically. Exit 2 when the file cannot be read, the page does not exist or the
    PNG cannot be written."""
    from disclosure.emit import atomic, debugpage

    r = worker.run(debugpage.draw, (str(path), number, scale, ocr), _limits(**limit_values))
    if r.status != "ok":
        click.echo(f"disclosure: error: {path}: {r.value}", err=True)
        sys.exit(EXIT_INPUT)
    drawn = r.value
    try:
        atomic.write_bytes(output, drawn["png"])
    except OSError as e:
        click.echo(f"disclosure: error: {path}: cannot write {output}: {e.strerror or e}", err=True)
        sys.exit(EXIT_INPUT)
    click.echo(f"{path} p.{number} ({drawn['method']}): {drawn['characters']} characters, {drawn['edges']} ruling "
               f"edges, {drawn['finder_cells']} finder cells, {drawn['grids']} grids, {drawn['cells']} cells, "
               f"{drawn['rows']} rows, {drawn['columns']} value columns -> {output}", err=True)


def _said_once(problems: list[dict]) -> list[tuple[str, list]]:
    """(reason, pages) for each distinct reason of a document's problems, in first-seen order: a
    reason many pages share (OCR not installed, on every scanned page) is said once, with its pages."""
    by_reason: dict[str, list] = {}
    for p in problems:
        pages = by_reason.setdefault(str(p["reason"]), [])
        if p.get("page") not in pages:
            pages.append(p.get("page"))
    return list(by_reason.items())


def _once(paths) -> tuple[tuple, list]:
    """The inputs with each file kept at its first naming (`a.txt ./a.txt`, a shell glob overlapping
    another: one file, by its resolved path), and the namings dropped: a file named twice was read
    twice, into `a-txt` and `a-txt-2`."""
    seen: set[str] = set()
    kept, again = [], []
    for path in paths:
        key = os.path.realpath(path)
        (again if key in seen else kept).append(path)
        seen.add(key)
    return tuple(kept), again


def _verified(doc) -> str:
    """The share of printed amounts an identity that holds covers, the tables left below 100%, and the
    identities that fail (a misprint or a misreading; they can fail under a share of 100%, an amount
    being covered by another identity that holds); "nothing (no amounts in tables)" for a document without any (prose only, or not a disclosure),
    whose share 0 would read as every amount failing."""
    if not sum(t.verification.amounts for t in doc.tables):
        return "nothing (no amounts in tables)"
    low = sum(1 for t in doc.tables if t.verification.amounts and t.verification.share < 1)  # (a count: the
    # tables of a long document are read back one at a time, model.Spool)
    failed = failing = 0  # the identities that fail as read, and the tables holding them: a share of
    # 100% only says every amount is in some identity that holds, not that none fails
    for t in doc.tables:
        failed += t.verification.failed
        failing += bool(t.verification.failed)
    share = f"{doc.verified_share * 100:.1f}% of amounts"
    share += f" ({low} of {len(doc.tables)} tables below 100%)" if low else ""
    return share + (f"; {failed} identit{'y' if failed == 1 else 'ies'} failed in {failing} "
                    f"table{'' if failing == 1 else 's'}" if failed else "")


def _documents(paths, load, failed: list):
    """(path, document) for each input that can be read; the others get their one-line error and
    are appended to `failed`, and the rest go on."""
    for path in paths:
        try:
            doc = load(path)
        except InputError as e:
            failed.append(path)
            click.echo(f"disclosure: error: {e.file}: {e.reason}", err=True)
            continue
        except Exception as e:  # a bug on one file must not stop the others
            failed.append(path)
            click.echo(f"disclosure: error: {path}: internal error ({type(e).__name__}: {e})", err=True)
            logging.getLogger("disclosure").debug("traceback", exc_info=True)
            continue
        yield path, doc


def _count(doc) -> str:
    c = Counter(f.severity for f in doc.findings)
    e, w = c["error"], c["warning"]
    return f"findings: {e} error{'' if e == 1 else 's'}, {w} warning{'' if w == 1 else 's'}, {c['info']} info"


def _ledger(doc) -> str:
    """The ledger's rules per state: `ledger: 12 pass, 1 fail, 6 not_applicable, 2 insufficient_data, 1 not_read`."""
    from disclosure.emit.ledgerout import counts

    return "ledger: " + ", ".join(f"{n} {state}" for state, n in counts(doc).items())


FAIL_LEVELS = {"none": (), "error": ("error",), "warning": ("error", "warning"), "info": ("error", "warning", "info")}


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "output", default=None,
              help="Output folder (OUTDIR/<name>/findings.json, findings.csv, ledger.csv; <name> as extract names it: "
                   "a.txt -> a-txt, a document.json's folder by its name), or - for findings JSON on stdout "
                   "(one line per input). Without it, findings are only summarised on stderr.")
@click.option("--tolerance", default="1", show_default=True, help=TOLERANCE_HELP)
@ocr_option
@click.option("--fail-on", type=click.Choice(list(FAIL_LEVELS)), default="none", show_default=True,
              help="Exit 1 when a finding of this severity or worse is found.")
@click.option("--together", is_flag=True,
              help="The two inputs are one disclosure in two volumes (explanations and tables): check the prose of "
                   "one against the tables of the other, as one document.")
@settings_options
def check(paths: tuple[Path, ...], output: str | None, tolerance: str, ocr: str, fail_on: str,
          together: bool, setting_pairs: tuple[str, ...], settings_file: Path | None) -> None:
    """Check disclosures (PDF, plain text, or a document.json from `extract`, or its output folder)
    like an auditor:
    arithmetic inside tables, completeness and form. A source is read under the settings given
    (--setting, --settings); a document.json is checked under the settings it records, with those
    given on top. Exit 0, or 1 when a finding reaches --fail-on, 2 when an input cannot be read
    (the other inputs are still checked)."""
    from disclosure.emit import findingsout

    units = _units(tolerance)
    _apply_settings(setting_pairs, settings_file)
    hit = False
    # a source's folder by its name and suffix (a-txt); a document.json's or an output folder's by that folder's name
    given = [path.parent if path.suffix.lower() == ".json" else path for path in paths]
    folders: dict[Path, list[str]] = {}  # a path named twice has two folders, taken in turn
    for path, name in zip(paths, outdir.names(given, [p.suffix.lower() == ".json" or p.is_dir() for p in paths])):
        folders.setdefault(path, []).append(name)
    failed: list[Path] = []
    if output and output != "-":
        outdir.sweep(Path(output))  # what killed runs left
    docs = _documents(paths, lambda p: pipeline.load(p, units, ocr), failed)
    if together:
        if len(paths) != 2:
            raise click.UsageError("--together takes the two volumes of one disclosure")
        docs = list(docs)
        if len(docs) == 2:
            try:
                docs = [(docs[0][0], pipeline.together(docs[0][1], docs[1][1], units))]
            except ValueError as e:
                raise click.UsageError(str(e))
    # the summary of a joint check names both volumes: its findings are on pages of either
    label = f"{paths[0]} + {paths[1]} (together)" if together and len(docs) == 1 and not failed else None
    for path, doc in docs:
        hit = hit or any(f.severity in FAIL_LEVELS[fail_on] for f in doc.findings)
        if output == "-":
            sys.stdout.write(json.dumps(findingsout.findings_dict(doc, units), ensure_ascii=False) + "\n")
            sys.stdout.flush()
        elif output:
            name = folders[path].pop(0)
            try:
                pipeline.write_findings(doc, Path(output) / name, units)
            except OSError as e:
                failed.append(path)
                click.echo(f"disclosure: error: {path}: cannot write {Path(output) / name}: {e.strerror or e}", err=True)
        if (click.get_current_context().find_root().obj or {}).get("quiet"):
            continue  # --quiet: errors only; the exit code says what --fail-on asks
        click.echo(f"{label or path}: {_count(doc)}", err=True)
        click.echo(f"  {_ledger(doc)}", err=True)
        for f in doc.findings:
            if f.severity != "info":
                where = f" p.{f.page}" if f.page is not None else ""  # (a document's finding has no page)
                click.echo(f"  {f.severity} {f.rule}{where}: {f.message_zh}", err=True)
        for e in doc.ledger:
            if e.state in ("fail", "insufficient_data", "not_read"):
                click.echo(f"  ledger {e.state} {e.rule}: {e.reason[:160]}", err=True)
    sys.exit(EXIT_INPUT if failed else EXIT_FINDINGS if hit else EXIT_OK)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--db", "db", required=True, type=click.Path(path_type=Path), help="The DuckDB dataset file (created if absent).")
@click.option("--workers", type=click.IntRange(min=0), default=None,
              help="Worker processes (default, or 0: the number of cores).")
@click.option("--timeout", type=click.FloatRange(min=0), default=300.0, show_default=True,
              help="Seconds a file may take (0: no limit).")
@click.option("--force", is_flag=True, help="Redo every file, unchanged ones included.")
@click.option("--retry-failed", is_flag=True, help="Redo unchanged files that failed or timed out before.")
@click.option("--scheduler", default=None, help="Run the documents on this Dask scheduler (tcp://host:8786; "
              "needs the 'dask' extra); results land in the same dataset.")
@click.option("--max-size", "max_mb", type=click.FloatRange(min=0), default=1024.0, show_default=True,
              help="Files larger than this many MB are recorded as failed without being read (0: no limit).")
@click.option("--log-json", is_flag=True, help=LOG_JSON_HELP)
@click.option("--tolerance", default="1", show_default=True, help=TOLERANCE_HELP)
@ocr_option
@settings_options
@functools.partial(limit_options, batch=True)
def batch(inputs, db, workers, timeout, force, retry_failed, scheduler, max_mb, log_json, tolerance, ocr,
          setting_pairs, settings_file, **limit_values) -> None:
    """Extract, normalise and check every document of folders, files or glob patterns into a DuckDB
    dataset (a folder, recursively: its .pdf .txt .xlsx .xlsm .xls .docx .doc .html .htm,
    .csv but not the CSVs this tool wrote, .xml when it is an Excel 2003 XML spreadsheet).
    Unchanged files (same content hash) are skipped, failed ones too unless --retry-failed (one read
    under other settings with a warning naming them: --force reads it again);
    a changed file replaces its rows in one transaction; a bad, hanging or crashing file is recorded
    with its reason (failed, timed_out, crashed) and the batch goes on; a crashed file (its worker
    killed: a signal, the memory limit) is tried again by the next run. Workers run under the limits (--max-memory, --max-pages, ...)
    and die with the batch. Exit 0 when every file of this run is ok, 1 when some failed, timed out
    or crashed, 2 when the batch cannot run, 75 when the dataset is locked by another process (run
    again later), 130 on Ctrl-C and 143 on SIGTERM (the run marked interrupted, its files done kept)."""
    import importlib.util
    import os

    say = _reporter(log_json)  # errors before and after the run, in the stream's form

    def cannot_run(reason: str) -> None:
        say.event("error", "error", None, f"disclosure: error: {reason}", reason=reason)
        sys.exit(EXIT_INPUT)

    if importlib.util.find_spec("duckdb") is None:
        cannot_run("batch needs the embedded dataset engine: pip install 'disclosure[batch]' "
                   "(from a checkout: pip install -e '.[batch]')")
    from disclosure.batch import runner

    _units(tolerance)
    _apply_settings(setting_pairs, settings_file)
    if not db.parent.is_dir():  # DuckDB would say "Cannot open file …: No such file or directory", naming no folder
        cannot_run(f"{db}: the folder {db.parent} does not exist: create it (--db names the dataset file, which "
                   "is created when absent, in a folder that is there)")
    workers = workers or os.cpu_count() or 1
    try:
        files, refused = runner.scan_inputs(list(inputs))
        if not files:
            missing = [str(f) for f, why in refused if why == runner.NO_SUCH_INPUT]
            cannot_run(f"{runner.NO_SUCH_INPUT}: {' '.join(missing)}" if missing else
                       f"no PDF, text, spreadsheet, Word or web-page files in {' '.join(inputs)}")
        quiet = say.quiet
        summary = runner.run(list(inputs), db, workers, timeout, force, log_json, tolerance, retry_failed,
                             scheduler, max_mb, ocr, _limits(**limit_values), quiet)
    except SystemExit:
        raise
    except runner.Terminated:  # SIGTERM: the run is marked interrupted and its end event said (runner.run)
        reason = "terminated (SIGTERM): " + _KEPT
        say.event("error", "error", None, f"disclosure: {reason}", reason=reason)
        sys.exit(EXIT_TERMINATED)
    except Exception as e:  # the dataset cannot be opened or written
        busy = _dataset_busy(db, e)
        if busy:  # not broken, only taken: a scheduler may try again later (EXIT_BUSY)
            say.event("error", "error", None, f"disclosure: error: {busy}", reason=busy)
            sys.exit(EXIT_BUSY)
        cannot_run(f"batch could not run: {type(e).__name__}: {e}")
    failed = summary.count("failed") + summary.count("timed_out") + summary.count("crashed")
    if not log_json and not quiet:  # the JSON stream's "end" event has these counts
        click.echo(f"run {summary.run_id}: {summary.count('ok')} processed, {summary.count('skipped')} unchanged, "
               f"{summary.count('failed')} failed, {summary.count('timed_out')} timed out, "
               f"{summary.count('crashed')} crashed -> {db}", err=True)
        before = summary.failed_before()
        if before:  # this run exits 0 without them: say they are still unread
            click.echo(f"  {before} of the unchanged failed or timed out before and were not read again "
                       "(--retry-failed reads them)", err=True)
        if summary.gone:  # read before, no longer there: kept in the dataset, said here
            click.echo(f"  {len(summary.gone)} files read by an earlier run under these folders are gone (their "
                       f"rows are kept): {', '.join(summary.gone[:3])}" + (" …" if len(summary.gone) > 3 else ""),
                       err=True)
        if any(summary.disclosures.values()):
            d = summary.disclosures
            click.echo(f"disclosures in two volumes: {d['checked']} checked together, {d['kept']} unchanged, "
                       f"{d['dropped']} dropped, {d['ambiguous']} ambiguous (not paired)", err=True)
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)


@main.command()
@click.option("--db", "db", required=True, type=click.Path(exists=True, path_type=Path),
              help="The DuckDB dataset `disclosure batch` wrote.")
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv"]), default="parquet", show_default=True,
              help="parquet (typed, for pandas, Arrow, DuckDB, Spark) or csv (UTF-8, header row).")
@click.option("-o", "--output", "output", required=True, type=click.Path(path_type=Path),
              help="Output folder (created): OUTDIR/<table>.<format> for every table, and datapackage.json.")
@click.option("--excel", is_flag=True,
              help="With --format csv: start every CSV with a UTF-8 byte order mark, so Excel opens the Chinese "
                   "text as UTF-8.")
def export(db, fmt, output, excel) -> None:
    """Write every table of a dataset to OUTDIR/<table>.parquet (or .csv) for other tools, with a
    Frictionless datapackage.json describing them. Exit 2 when the dataset cannot be read or the
    folder written, 75 when another process holds the dataset's lock (a batch writing it)."""
    from disclosure.batch import dataset

    if excel and fmt != "csv":
        raise click.BadParameter("is for --format csv (a Parquet file has no text encoding)", param_hint="--excel")
    try:
        import duckdb
        con = duckdb.connect(str(db), read_only=True)
        written = dataset.export(con, fmt, output, bom=excel)
    except OSError as e:  # the folder (a file of that name, no room, no permission): not the dataset's fault
        click.echo(f"disclosure: error: {output}: cannot write the export: {e.strerror or e}", err=True)
        sys.exit(EXIT_INPUT)
    except Exception as e:
        busy = _dataset_busy(db, e)
        click.echo(f"disclosure: error: {busy or f'{db}: {type(e).__name__}: {e}'}", err=True)
        sys.exit(EXIT_BUSY if busy else EXIT_INPUT)
    if not (click.get_current_context().find_root().obj or {}).get("quiet"):
        click.echo(f"{len(written) - 1} tables and datapackage.json -> {output}", err=True)


def _entry_dict(e, year) -> dict:
    from disclosure.normalize import chart
    return {"code": e.code, "classification": e.classification, "level": e.level, "name": e.name,
            "path": [p.name for p in (chart.lookup(c, year) for c in e.parents) if p] + [e.name],
            "valid_from": e.valid_from, "valid_to": e.valid_to, "provenance": e.provenance,
            "certainty": e.certainty, "source": e.source, "note": e.note}


_COUNT_COLUMNS = (("functional", "类"), ("functional", "款"), ("functional", "项"), ("economic", "类"),
                  ("economic", "款"), ("government_economic", "类"), ("government_economic", "款"))


def _codes_observed(dataset: Path, learn: bool, as_json: bool) -> None:
    from disclosure.normalize import chart, overlay

    try:
        found, skipped = overlay.observed(dataset)
    except Exception as e:  # not a dataset, unreadable, no duckdb
        click.echo(f"disclosure: error: {dataset}: {type(e).__name__}: {e}", err=True)
        sys.exit(EXIT_INPUT)
    if as_json:
        click.echo(json.dumps([o.__dict__ for o in found], ensure_ascii=False))
    else:
        for o in found:
            years = f"{o.years[0]}" + (f"–{o.years[-1]}" if len(o.years) > 1 else "")
            click.echo(f"{o.code}\t{o.name}\t{o.status}\t{years}\t{o.rows} rows\t{o.documents} documents\t"
                       f"first: {o.first_document}\t{o.note}")
    click.echo(f"{len(found)} code–name pairs the chart lacks or names differently"
               + (f"; {skipped} rows of documents outside {chart.FIRST_YEAR}–{chart.LAST_YEAR} or without a year "
                  f"skipped" if skipped else ""),
               err=True)
    if learn:
        try:
            where, added = overlay.learn(found, dataset)
        except (OSError, overlay.OverlayError) as e:
            click.echo(f"disclosure: error: {e}", err=True)
            sys.exit(EXIT_INPUT)
        click.echo(f"{added} rows learned -> {where}", err=True)


@main.command()
@click.argument("code", required=False)
@click.option("--year", type=int, help="The chart of this year (2017–2026); without it, the latest.")
@click.option("--search", "text", help="Entries whose name contains this text.")
@click.option("--list", "under", help="Every entry under this code (all levels below it).")
@click.option("--path", "prose", help="A 类/款/项 path as written in prose: 社会保障和就业支出（类）… or （208类）（05款）（05项）.")
@click.option("--counts", is_flag=True, help="How many 类/款/项 entries the chart holds in the year (every year without --year).")
@click.option("--observed", "dataset", type=click.Path(path_type=Path, dir_okay=False),
              help="A batch dataset (DuckDB): list the code–name pairs it holds that the chart lacks or names differently.")
@click.option("--learn", is_flag=True, help="With --observed: write those pairs into the user overlay (provenance observed).")
@click.option("--overlay", "overlay_path", type=click.Path(path_type=Path, dir_okay=False),
              help="The user overlay file (default: $DISCLOSURE_CHART_OVERLAY, else "
                   "$XDG_CONFIG_HOME/disclosure/chart-overlay.csv).")
@click.option("--json", "as_json", is_flag=True, help="JSON output.")
def codes(code, year, text, under, prose, counts, dataset, learn, overlay_path, as_json) -> None:
    """Look up the chart of accounts: `disclosure codes 2080505 --year 2021`,
    `--search 养老 --year 2025`, `--list 208 --year 2019`, `--observed budgets.duckdb --learn`.

    Exit 0 when something is found, 1 when nothing is (the message says why: a code not listed
    under a 类 the chart has, or not in the chart at all), 2 for a bad request or an unreadable
    dataset or overlay.
    """
    import os

    from disclosure.normalize import chart, overlay

    before = os.environ.get(overlay.ENV)
    if overlay_path is not None:
        os.environ[overlay.ENV] = str(overlay_path)
    chart.reload()
    try:
        _codes(code, year, text, under, prose, counts, dataset, learn, as_json)
    finally:
        if overlay_path is not None:
            if before is None:
                os.environ.pop(overlay.ENV, None)
            else:
                os.environ[overlay.ENV] = before
        chart.reload()


def _codes(code, year, text, under, prose, counts, dataset, learn, as_json) -> None:
    from disclosure.normalize import chart, overlay

    try:
        chart.entries()
    except overlay.OverlayError as e:
        click.echo(f"disclosure: error: {e}", err=True)
        sys.exit(EXIT_INPUT)
    if year is not None and not chart.year_known(year):
        click.echo(f"disclosure: error: no chart for {year}: the chart covers {chart.FIRST_YEAR}–{chart.LAST_YEAR}", err=True)
        sys.exit(EXIT_INPUT)
    asked = [x for x in (code, text, under, prose, dataset) if x] + ([True] if counts else [])
    if len(asked) != 1 or (learn and not dataset):
        click.echo("disclosure: error: give one of CODE, --search, --list, --path, --counts, --observed "
                   "(--learn goes with --observed)", err=True)
        sys.exit(EXIT_INPUT)
    if dataset:
        _codes_observed(dataset, learn, as_json)
        return
    if counts:
        years = [year] if year else list(range(chart.FIRST_YEAR, chart.LAST_YEAR + 1))
        rows = []
        for y in years:
            c, o = chart.counts(y), chart.counts(y, learned=True)
            rows.append({"year": y, **{f"{k}_{lv}": c.get((k, lv), 0) for k, lv in _COUNT_COLUMNS},
                         "observed": sum(o.values())})
        if as_json:
            click.echo(json.dumps(rows, ensure_ascii=False))
        else:
            click.echo("year  functional 类/款/项   economic 类/款   government economic 类/款   observed (overlay)")
            for r in rows:
                n = [r[f"{k}_{lv}"] for k, lv in _COUNT_COLUMNS]
                click.echo(f"{r['year']}  {n[0]:>3} / {n[1]:>3} / {n[2]:>4}    {n[3]:>3} / {n[4]:>3}         "
                           f"{n[5]:>3} / {n[6]:>3}                {r['observed']}")
        return
    if prose:
        m = chart.resolve_path(prose, year)
        if m is None or m.status in ("unknown", "unlisted"):
            click.echo(f"disclosure: not found: no 类/款/项 path in {prose!r}" + (f" ({m.note})" if m else ""), err=True)
            sys.exit(EXIT_FINDINGS)
        found = [chart.lookup(m.code, year)]
    elif code and not code.replace(" ", "").isdigit():  # a name given where a code goes (codes 行政运行)
        click.echo(f"disclosure: not found: {code} is no code (codes are digits: 2010101); to look up a name, "
                   f"disclosure codes --search {code}", err=True)
        sys.exit(EXIT_FINDINGS)
    elif code:
        digits = code.replace(" ", "")
        found = [e for e in [chart.lookup(digits, year)] if e]
        if not found:
            other = chart.versions(digits)
            if other:
                why = f"{digits} is valid only in " + ", ".join(f"{e.valid_from}–{e.valid_to} ({e.name})" for e in other)
            else:  # unlisted under a 类 the chart has, or unknown
                why = chart.resolve(digits, "", year).note
            click.echo(f"disclosure: not found: {why}", err=True)
            sys.exit(EXIT_FINDINGS)
    elif text:
        found = chart.search(text, year)
    else:
        found = chart.children(under, year)
        if not found and not chart.lookup(under, year):
            click.echo(f"disclosure: not found: {under} is not in the chart" + (f" of {year}" if year else ""), err=True)
            sys.exit(EXIT_FINDINGS)
    if not found:
        click.echo("disclosure: not found: no entry matches", err=True)
        sys.exit(EXIT_FINDINGS)
    if as_json:
        click.echo(json.dumps([_entry_dict(e, year) for e in found], ensure_ascii=False))
        return
    for e in found:
        years = f"{e.valid_from}–" + ("" if e.valid_to == chart.LAST_YEAR else str(e.valid_to))
        flag = "" if e.certainty == "sure" and e.provenance == "recalled" else f"  [{e.provenance}, {e.certainty}: {e.note}]"
        click.echo(f"{e.code}\t{e.level}\t{' > '.join(_entry_dict(e, year)['path'])}\t{years}{flag}")


@main.command()
@click.argument("reference", type=click.Path(path_type=Path))
@click.argument("candidate", type=click.Path(path_type=Path))
@click.option("--ocr", "ocr", type=click.Choice(OCR_MODES), default="auto", show_default=True,
              help="How the candidate is read (the reference is read from its text layer: --ocr off).")
@click.option("--show", type=int, default=20, show_default=True, help="Differences listed.")
@click.option("--min-share", type=float, default=None,
              help="Exit 1 when the share of equal amounts, codes or names is below this (0–1).")
@click.option("--json", "as_json", is_flag=True, help="The figures and differences as one JSON object.")
def compare(reference: Path, candidate: Path, ocr: str, show: int, min_share: float | None, as_json: bool) -> None:
    """How far CANDIDATE agrees with REFERENCE: amounts, codes and names of every line item, matched
    by table (type and order), row (side and order) and column. Made for OCR against the text layer
    of the same PDF (a scanned copy, a broken text layer), or two editions of one disclosure. Either
    may be a document.json written earlier."""
    from disclosure import compare as cmp

    failed: list[Path] = []
    docs = [doc for _, doc in _documents([reference], lambda p: pipeline.load(p, ocr="off"), failed)]
    docs += [doc for _, doc in _documents([candidate], lambda p: pipeline.load(p, ocr=ocr), failed)]
    if failed:
        sys.exit(EXIT_INPUT)
    ag = cmp.agreement(docs[0], docs[1], keep=show)
    shares = {"amounts": (ag.amounts_equal, ag.amounts, ag.amount_share),
              "codes": (ag.codes_equal, ag.codes, ag.code_share), "names": (ag.names_equal, ag.names, ag.name_share)}
    if as_json:
        click.echo(json.dumps({k: {"equal": e, "of": n, "share": round(s, 6)} for k, (e, n, s) in shares.items()}
                              | {"differences": ag.differences}, ensure_ascii=False, default=str))
    else:
        for k, (e, n, s) in shares.items():
            click.echo(f"{k}: {e}/{n} equal ({s:.2%})")
        for d in ag.differences:
            click.echo(f"  p.{d['page']} {d['kind']} {d['table']} {d['side'] or '-'} row {d['row']}"
                       + (f" col {d['column']}" if d["column"] is not None else "")
                       + f": {d['reference']!r} -> {d['candidate']!r}")
    if min_share is not None and min(s for _, _, s in shares.values()) < min_share:
        sys.exit(EXIT_FINDINGS)
