"""Running a batch: find the inputs, skip what is unchanged, extract the rest in worker processes
(each file in its own process, killed at its timeout), record each outcome in the dataset.

A worker process per file keeps memory bounded (a process ends with its file, its address space
capped at --max-memory) and isolates every fault: a file that hangs is recorded as timed out, one
whose worker dies (a signal, the memory limit) as crashed, and the batch goes on; a crashed file
is tried again by the next run (failed and timed-out ones only with --retry-failed: the same bytes
fail the same way). Workers die with this process (disclosure/worker.py). A run killed before its
end is marked interrupted by the next run. The dataset is written by this process only, one
transaction per file.
"""
from __future__ import annotations

import contextlib
import glob
import json
import logging
import os
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path

from disclosure import limits as limits_mod
from disclosure import settings as settings_mod
from disclosure import worker
from disclosure.batch import dataset, volumes
from disclosure.extract.errors import InputError
from disclosure.extract.hashing import sha256_file

# what a folder contributes: every format `extract` reads (the format itself is then read from the
# content, extract/sniff.py); a file named on the command line is taken whatever its name
SUFFIXES = {".pdf", ".txt", ".xlsx", ".xlsm", ".xls", ".docx", ".doc", ".html", ".htm", ".csv", ".xml"}


def _written_here(d: Path) -> bool:
    """The folder `d` is one this tool wrote, its CSVs outputs, not inputs: a document's folder of
    `extract` (document.json) or `check -o` (findings.json), or an `export` (datapackage.json beside
    line_items.csv; a portal's own data package, without that table, is not taken for one)."""
    return ((d / "document.json").is_file() or (d / "findings.json").is_file()
            or ((d / "datapackage.json").is_file() and (d / "line_items.csv").is_file()))


def _wanted(q: Path) -> bool:
    """A file under a folder named is an input: its suffix is one of SUFFIXES; a .csv not among the
    outputs this tool wrote (_written_here: the folder of `extract`, `check -o` or `export`, or
    the tables/ folder of one); a
    .xml only when it is an Excel 2003 XML spreadsheet (report systems serve them; other XML is no
    disclosure: sitemaps, feeds). Any other .csv is read; one that is no disclosure (a chart of
    accounts, a price list) gets the finding form.not_a_disclosure (checks/form.py)."""
    suffix = q.suffix.lower()
    if suffix not in SUFFIXES or not q.is_file():
        return False
    if suffix == ".csv":
        return not any(_written_here(d) for d in (q.parent, q.parent.parent))
    if suffix == ".xml":
        from disclosure.extract.sniff import sniff
        try:
            with open(q, "rb") as fh:
                head = fh.read(4096)
        except OSError:
            return True  # (unreadable: recorded as such when it is hashed)
        return sniff(q, head) == "xmlss"
    return True
NO_SUCH_INPUT = "no such file or folder"
FAILED_BEFORE = ("unchanged, failed before", "unchanged, timed_out before")  # the reasons of such skips


@dataclass
class Outcome:
    path: str
    status: str  # ok | failed | timed_out | crashed | skipped
    reason: str = ""
    seconds: float = 0.0


@dataclass
class Summary:
    run_id: int
    outcomes: list[Outcome] = field(default_factory=list)
    disclosures: dict[str, int] = field(default_factory=dict)  # pairs of volumes: checked, kept, dropped, ambiguous
    gone: list[str] = field(default_factory=list)  # files read ok before under a folder named, no longer there

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    def failed_before(self) -> int:
        """Files skipped as unchanged that failed or timed out in an earlier run (still unread)."""
        return sum(1 for o in self.outcomes if o.status == "skipped" and o.reason in FAILED_BEFORE)


def settings_differ(recorded: dict | None, now: dict) -> str:
    """The settings whose recorded value (documents.settings of an earlier run) is not this run's,
    as "snap 2.0 -> 3.0, …"; "" when they agree or nothing was recorded (a version 6 dataset)."""
    if not recorded:
        return ""
    return ", ".join(f"{k} {recorded.get(k)} -> {v}" for k, v in now.items() if recorded.get(k) != v)


def _gone(seen: dict[str, tuple[str, str]], specs: list[str]) -> list[str]:
    """Paths recorded ok (`seen`: dataset.known) under a folder named in this run that are no longer
    on disk (a document withdrawn, a file moved): said, never dropped (their rows stay; a file moved
    or renamed is not read again under its new path, its document's path follows it)."""
    roots = tuple(str(Path(spec).resolve()).rstrip("/") + "/" for spec in specs if Path(spec).is_dir())
    if not roots:
        return []
    return sorted(path for path, (_, status) in seen.items()
                  if status == "ok" and path.startswith(roots) and not Path(path).exists())


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


def scan_inputs(specs: list[str]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """(files, refused): files named, files under folders named (recursively, those with a suffix
    of SUFFIXES), and glob patterns, resolved; refused: (path, reason) for a symlink under a folder named that leads
    out of it (recorded, not followed), and for a path named (not a pattern) that does not exist
    (NO_SUCH_INPUT: recorded as failed, so a missing folder is never a quiet, successful run)."""
    out: dict[str, Path] = {}
    refused: dict[str, tuple[Path, str]] = {}
    for spec in specs:
        p = Path(spec)
        if p.is_dir():
            root = p.resolve()
            found = []
            for q in p.rglob("*"):
                if not _wanted(q):
                    continue
                target = q.resolve()
                if not _inside(target, root):
                    refused.setdefault(str(q.absolute()), (q.absolute(), f"symlink out of the input folder "
                                                                         f"(-> {target}): not followed"))
                    continue
                found.append(target)
        elif p.exists() or p.is_symlink():
            found = [p.resolve()]
        elif not glob.has_magic(spec):  # a path named that is not there (a typo, a mount not up)
            refused.setdefault(str(p.absolute()), (p.absolute(), NO_SUCH_INPUT))
            found = []
        else:  # a pattern may match nothing (no new downloads tonight)
            found = [Path(q).resolve() for q in glob.glob(spec, recursive=True) if Path(q).is_file()]
        for q in found:
            out.setdefault(str(q), q)
    return [out[k] for k in sorted(out)], [refused[k] for k in sorted(refused)]


def extract_rows(path: str, units: str, ocr: str = "auto") -> tuple[str, object]:
    """("ok", rows) or ("failed", reason) for one file: the unit of work, here or on a Dask worker."""
    from decimal import Decimal

    from disclosure import pipeline
    from disclosure.batch.rows import document_rows
    from disclosure.extract.errors import InputError

    try:
        return "ok", document_rows(pipeline.extract(path, Decimal(units), ocr), path)
    except InputError as e:
        return "failed", e.reason
    except MemoryError:
        return "crashed", worker.memory_reason(limits_mod.current().memory_mb)
    except Exception as e:  # a bug on one file is that file's failure
        if worker.out_of_memory(e):  # (pdfium not mapped under the limit: the limit, not the file)
            return "crashed", worker.memory_reason(limits_mod.current().memory_mb)
        return "failed", f"internal error: {type(e).__name__}: {e}"[:300]


def _work(path: str, units: str, ocr: str, memory_mb: float, env: dict, conn) -> None:
    """In the worker process: take the limits, extract and check one file, send its rows (or the
    error) back."""
    try:
        worker.enter(memory_mb, env)
        from disclosure.progress import configure_logging

        configure_logging(logging.WARNING)  # JSON lines when the batch logs JSON ($DISCLOSURE_LOG_FORMAT)
        worker.crash_hook(path)
        result = extract_rows(path, units, ocr)
        try:
            conn.send(result)
        except MemoryError:
            conn.send(("crashed", worker.memory_reason(memory_mb)))
    finally:
        conn.close()


class Log:
    """A batch's events on stderr through progress.Reporter: JSON lines (level, event, file, counts),
    or a progress bar on a terminal (files done, rate, ETA) with a line per file that did not go well."""

    _LEVEL = {"ok": "info", "skipped": "info", "failed": "error", "timed_out": "error", "crashed": "error"}

    def __init__(self, json_lines: bool, total: int, quiet: bool = False):
        from disclosure.progress import Reporter

        self.say = Reporter(json_lines, quiet, total)

    def event(self, event: str, path: str | None = None, status: str = "", level: str | None = None,
              **fields) -> None:
        """One event: a file's (its level from its status unless `level` is given; a line on stderr
        unless info) or the run's (start, end)."""
        if event != "file":
            self.say.event(event, "info", **fields)
            return
        level = level or self._LEVEL.get(status, "warning")
        self.say.step(1, f"{status} {Path(path).name[:40]}")
        text = "" if level == "info" else f"disclosure: {status}: {path}: {fields.get('reason', '')}"
        self.say.event("file", level, path, text, status=status, **fields)

    def close(self) -> None:
        self.say.close()


def _local(todo, workers: int, timeout: float, units: str, ocr: str, lim: limits_mod.Limits | None = None):
    """Yield (file, sha, size, status, payload, seconds) as worker processes finish."""
    # forkserver: workers fork from a clean server process that has the extraction code imported,
    # not from this one (which holds the DuckDB connection and its threads)
    ctx = worker.context()
    lim = lim or limits_mod.current()
    env = {k: v for k, v in os.environ.items() if k.startswith("DISCLOSURE_")} | lim.env()
    running: dict = {}
    queue = list(todo)
    try:
        yield from _local_loop(queue, running, ctx, workers, timeout, units, ocr, lim, env)
    finally:  # closed early (Ctrl-C, SIGTERM): no worker outlives the batch
        for proc in list(running):
            proc.kill()
            proc.join(timeout=5)


def _local_loop(queue, running, ctx, workers, timeout, units, ocr, lim, env):
    while queue or running:
        while queue and len(running) < max(1, workers):
            f, sha, size = queue.pop(0)
            parent, child = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_work, args=(str(f), units, ocr, lim.memory_mb, env, child), daemon=True)
            proc.start()
            child.close()
            running[proc] = (f, sha, size, parent, time.monotonic())
        time.sleep(0.02)
        for proc in list(running):
            f, sha, size, conn, started = running[proc]
            elapsed = time.monotonic() - started
            result = None
            if conn.poll():
                try:
                    result = conn.recv()
                except (EOFError, OSError):  # died: a signal, the memory limit
                    proc.join(timeout=5)
                    result = ("crashed", worker.signal_reason(proc.exitcode, lim.memory_mb))
            elif not proc.is_alive():
                result = ("crashed", worker.signal_reason(proc.exitcode, lim.memory_mb))
            elif timeout and elapsed > timeout:
                proc.kill()
                result = ("timed_out", f"no result within {timeout:g} s")
            if result is None:
                continue
            proc.join(timeout=5)
            conn.close()
            del running[proc]
            yield f, sha, size, result[0], result[1], elapsed


def _dask(todo, scheduler: str, timeout: float, units: str, ocr: str):
    """The same work on a Dask cluster: one task per file; a task past its timeout is recorded as
    timed out and cancelled (a Dask worker cannot kill a running task; it is left to finish)."""
    from distributed import Client

    client = Client(scheduler, timeout="30s")
    try:
        pending = {}
        for f, sha, size in todo:
            fut = client.submit(extract_rows, str(f), units, ocr, pure=False, key=f"disclosure-{sha[:16]}-{f.name}")
            pending[fut] = (f, sha, size, time.monotonic())
        while pending:
            time.sleep(0.05)
            for fut in list(pending):
                f, sha, size, started = pending[fut]
                elapsed = time.monotonic() - started
                if fut.done():
                    try:
                        status, payload = fut.result()
                    except Exception as e:  # the task itself died (worker lost, …)
                        status, payload = "failed", f"dask task failed: {type(e).__name__}: {e}"[:300]
                elif timeout and elapsed > timeout:
                    fut.cancel()
                    status, payload = "timed_out", f"no result within {timeout:g} s"
                else:
                    continue
                del pending[fut]
                yield f, sha, size, status, payload, elapsed
    finally:
        client.close()


def run(inputs: list[str], db: Path, workers: int, timeout: float, force: bool = False,
        json_lines: bool = False, units: str = "1", retry_failed: bool = False,
        scheduler: str | None = None, max_mb: float = 1024.0, ocr: str = "auto",
        lim: limits_mod.Limits | None = None, quiet: bool = False) -> Summary:
    """Run a batch; `lim` the per-file limits (memory, pages, pixels, text size) of the workers
    (default: the environment's, disclosure/limits.py); `timeout` and `max_mb` are its own.
    json_lines: events as JSON lines on stderr; quiet: errors only (progress.Reporter)."""
    files, refused = scan_inputs(inputs)
    # OCR in each worker uses its share of the cores, not all of them (inherited by the workers)
    os.environ.setdefault("DISCLOSURE_OCR_THREADS", str(max(1, (os.cpu_count() or 1) // max(workers, 1))))
    con = dataset.connect(db)
    # the dataset is ours alone (DuckDB locks the file): a run still `running` was killed
    con.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
    run_id = (con.execute("SELECT coalesce(max(run_id), 0) + 1 FROM runs").fetchone()[0])
    con.execute("INSERT INTO runs VALUES (?, now(), NULL, ?, ?, 0, 0, 0, 'running')",
                [run_id, json.dumps(inputs, ensure_ascii=False), workers])
    # a path named that was missing on an earlier run and is there now: its `no such file or folder`
    # row goes (its files are recorded under their own paths)
    for spec in inputs:
        if Path(spec).exists():
            con.execute("DELETE FROM files WHERE path = ? AND status = 'failed' AND reason = ?",
                        [str(Path(spec).absolute()), NO_SUCH_INPUT])
    summary = Summary(run_id)
    log = Log(json_lines, len(files), quiet)
    results = None
    try:
        with _terminated_as_interrupt():
            seen = dataset.known(con)
            summary.gone = _gone(seen, inputs)
            log.event(event="start", run_id=run_id, files=len(files), workers=workers, db=str(db))
            # the settings each document was read and checked with: an unchanged file read under other
            # settings than this run's is still skipped (the bytes decide), but said, with what differs
            now_settings = settings_mod.current().as_dict()
            recorded = dataset.settings_recorded(con)
            todo: list[tuple[Path, str, int]] = []
            read_as = dataset.documents_read(con)  # sha -> the path its document was read from

            def refuse(f: Path, reason: str, sha: str = "", size: int = 0) -> None:
                """A file failed before it is read (the batch's own refusals): its row, outcome, event."""
                dataset.record(con, str(f), sha, size, "failed", reason, run_id, 0.0, None)
                summary.outcomes.append(Outcome(str(f), "failed", reason))
                log.event(event="file", path=str(f), status="failed", reason=reason)
            for f, reason in refused:
                refuse(f, reason)
            for f in files:
                try:
                    _regular(f)  # no FIFO or device is hashed (it never ends)
                    sha, size = sha256_file(f), f.stat().st_size
                except (OSError, InputError) as e:
                    refuse(f, e.reason if isinstance(e, InputError) else f"unreadable: {e}")
                    continue
                before = seen.get(str(f))
                # unchanged and ok, or failed or timed out before (unless --retry-failed): skipped; crashed
                # (killed, out of memory: not the bytes' doing alone): again
                if not force and before and before[0] == sha and \
                        (before[1] == "ok" or (before[1] in ("failed", "timed_out") and not retry_failed)):
                    # unchanged: done before (or failed before: the same bytes fail the same way, unless
                    # --retry-failed asks again)
                    reason = "unchanged" if before[1] == "ok" else f"unchanged, {before[1]} before"
                    differ = settings_differ(recorded.get(sha), now_settings) if before[1] == "ok" else ""
                    if differ:
                        reason = f"unchanged, read under other settings ({differ}): --force reads it again under these"
                    summary.outcomes.append(Outcome(str(f), "skipped", reason))
                    log.event(event="file", path=str(f), status="skipped", reason=reason,
                              level="warning" if differ else None)
                    continue
                first = read_as.get(sha) if not force else None
                if first and first != str(f):
                    # the same bytes read ok before under another path (a file moved or renamed, a copy):
                    # not read again; the document follows a moved file (documents.path, when the
                    # path it was read from is gone)
                    reason = f"same content as {first}, read before"
                    differ = settings_differ(recorded.get(sha), now_settings)
                    if differ:
                        reason += f", under other settings ({differ}): --force reads it again under these"
                    dataset.record(con, str(f), sha, size, "ok", reason, run_id, 0.0, None)
                    if dataset.follow(con, sha, str(f)):
                        read_as[sha] = str(f)
                    summary.outcomes.append(Outcome(str(f), "skipped", reason))
                    log.event(event="file", path=str(f), status="skipped", reason=reason,
                              level="warning" if differ else None)
                    continue
                if max_mb and size > max_mb * 1024 * 1024:
                    refuse(f, f"file too large ({size / 1048576:.0f} MB > --max-size {max_mb:g} MB)", sha, size)
                    continue
                todo.append((f, sha, size))
            results = _dask(todo, scheduler, timeout, units, ocr) if scheduler else \
                _local(todo, workers, timeout, units, ocr, lim)
            for f, sha, size, status, payload, elapsed in results:
                rows = payload if status == "ok" else None
                reason = "" if status == "ok" else str(payload)
                dataset.record(con, str(f), sha, size, status, reason, run_id, round(elapsed, 3), rows)
                summary.outcomes.append(Outcome(str(f), status, reason, elapsed))
                counts = {k: len(rows[k]) for k in ("pages", "tables", "line_items", "facts", "findings")} if rows else {}
                log.event(event="file", path=str(f), status=status, reason=reason, seconds=round(elapsed, 3), **counts)
            # one disclosure in two volumes: pair them across the dataset and check them together
            summary.disclosures = volumes.pair_all(con, units, log)
    except (KeyboardInterrupt, Terminated) as e:
        _interrupted(con, db, log, summary, run_id, results, "SIGTERM" if isinstance(e, Terminated) else "SIGINT")
        raise
    except Exception as e:
        if not _is_interrupt(e):
            raise
        # Ctrl-C while DuckDB ran a query: DuckDB says so in its own words (Query interrupted)
        _interrupted(con, db, log, summary, run_id, results, "SIGINT")
        raise KeyboardInterrupt from e
    failed = sum(1 for o in summary.outcomes if o.status in ("failed", "timed_out", "crashed"))
    _end(con, log, summary, run_id, "failed files" if failed else "ok")
    return summary


class Terminated(Exception):
    """SIGTERM reached the batch (a scheduler stopping it): handled as Ctrl-C is, then exit 143."""


def _terminated_as_interrupt():
    """While the files are read, SIGTERM raises Terminated in this (main) thread, so the run ends as
    an interrupted one (its row, its end event) instead of dying mid-way; elsewhere, as before."""
    def stop(signum, frame):
        raise Terminated()
    return _signal_handlers({signal.SIGTERM: stop})


@contextlib.contextmanager
def _signal_handlers(handlers: dict):
    """The handlers ({signal number: handler}) set meanwhile, then the ones before them again. Only the
    main thread may set a handler (signal.signal's rule): in any other thread nothing changes."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = {s: signal.signal(s, h) for s, h in handlers.items()}
    try:
        yield
    finally:
        for s, h in before.items():
            signal.signal(s, h)


def _is_interrupt(e: Exception) -> bool:
    """DuckDB's word for a Ctrl-C that came while it ran a query."""
    try:
        import duckdb
        if isinstance(e, duckdb.InterruptException):
            return True
    except ImportError:  # pragma: no cover - the batch needs duckdb
        pass
    return isinstance(e, RuntimeError) and "interrupted" in str(e).lower()


def _interrupted(con, db: Path, log: Log, summary: Summary, run_id: int, results, how: str) -> None:
    """Ctrl-C or SIGTERM (a scheduler stopping the job): the files done are in the dataset, the
    workers are stopped (results.close()), the run is marked interrupted now, not by the next run,
    and its end event is said."""
    with _signals_held():  # (a second Ctrl-C while the run's row is written would leave it running)
        close = getattr(results, "close", None)
        if close is not None:
            close()
        try:
            _end(con, log, summary, run_id, "interrupted", signal=how)
        except Exception:  # DuckDB's connection saw the interrupt too (Query interrupted): a fresh one
            con.close()
            _end(dataset.connect(db), log, summary, run_id, "interrupted", signal=how)


def _signals_held():
    """SIGINT and SIGTERM ignored meanwhile (in the main thread), then as they were."""
    return _signal_handlers({signal.SIGINT: signal.SIG_IGN, signal.SIGTERM: signal.SIG_IGN})


def _end(con, log: Log, summary: Summary, run_id: int, status: str, **fields) -> None:
    """The run's row (finished, counts, status: ok, failed files, interrupted) and its end event."""
    failed = sum(1 for o in summary.outcomes if o.status in ("failed", "timed_out", "crashed"))
    processed = sum(1 for o in summary.outcomes if o.status == "ok")
    con.execute("UPDATE runs SET finished = now(), processed = ?, skipped = ?, failed = ?, status = ? "
                "WHERE run_id = ?", [processed, summary.count("skipped"), failed, status, run_id])
    con.close()
    log.event(event="end", run_id=run_id, processed=processed, skipped=summary.count("skipped"), failed=failed,
              failed_before=summary.failed_before(), gone=len(summary.gone), disclosures=summary.disclosures,
              run_status=status, **fields)
    log.close()


def _regular(f: Path) -> None:
    """Raises InputError unless `f` is a regular file (the size limit is --max-size's, below)."""
    import stat

    st = os.stat(f)
    if not stat.S_ISREG(st.st_mode):
        raise InputError(str(f), "not a regular file: refused")
