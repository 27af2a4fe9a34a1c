"""What a long document holds, stage by stage: corpus PDFs joined into longer documents (as
bench/memory_pages.py joins them), each extracted in a fresh process that prints

- the resident memory (RSS, sampled every 5 ms by a thread) at the end of each stage and its peak
  within the stage: read, build (structure), accounts, prose, check, outputs (the worker's
  writers into a temporary folder, as `extract` writes them);
- the holders: the raw document after reading (text lines, grids with their cells and boxes) and
  the checked document (rows and values, the tables as printed, identities tested, paragraphs,
  facts, findings, ledger), each by the deep size of the objects it alone reaches first
  (sys.getsizeof, each object counted once), in MB and KB a page.

    python3 bench/memory_holders.py [--pages 300 600]

Issue #19: peak memory flat in page count. The RSS stages say where the peak is; the holders
say what grows with the pages.
"""
from __future__ import annotations

import argparse
import gc
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def deep_size(obj, seen: set) -> int:
    """Bytes of `obj` and what it reaches through containers and dataclass fields, each object
    counted once across calls sharing `seen` (types and functions not counted)."""
    total, stack = 0, [obj]
    while stack:
        o = stack.pop()
        if id(o) in seen or isinstance(o, type) or (callable(o) and not hasattr(o, "__dataclass_fields__")):
            continue
        seen.add(id(o))
        total += sys.getsizeof(o)
        if isinstance(o, dict):
            stack.extend(o.keys())
            stack.extend(o.values())
        elif isinstance(o, (list, tuple, set, frozenset)):
            stack.extend(o)
        elif hasattr(o, "__dataclass_fields__"):
            stack.extend(getattr(o, f) for f in o.__dataclass_fields__)
    return total


def _holders(title: str, parts: list, pages: int) -> None:
    seen: set = set()
    print(f"  {title}")
    total = 0
    for name, obj in parts:
        n = deep_size(obj, seen)
        total += n
        print(f"    {name:32s} {n / 2**20:7.2f} MB {n / pages / 1024:6.1f} KB a page")
    print(f"    {'together':32s} {total / 2**20:7.2f} MB {total / pages / 1024:6.1f} KB a page")


def one(path: Path) -> None:
    """Extract `path` stage by stage in this process, printing RSS per stage and the holders."""
    from decimal import Decimal

    from disclosure import heap, pipeline, prose, settings
    from disclosure.emit import outdir
    from disclosure.extract import read
    from disclosure.model import Grid, Spool, TextLine
    from disclosure.normalize import accounts
    from disclosure.structure.build import build

    size = os.sysconf("SC_PAGE_SIZE")
    stage, peaks = ["imports"], {}

    def rss() -> float:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * size / 2**20

    def sample() -> None:
        while True:
            r, s = rss(), stage[0]
            if r > peaks.get(s, 0.0):
                peaks[s] = r
            time.sleep(0.005)

    threading.Thread(target=sample, daemon=True).start()
    rows = []

    def then(name: str) -> None:
        time.sleep(0.02)
        rows.append((stage[0], rss(), peaks.get(stage[0], 0.0)))
        stage[0] = name

    then("read")
    raw = read(path, "off", 200)
    heap.release()  # as pipeline.extract does
    then("build")
    doc = build(raw, consume=True)  # as pipeline.extract does
    pages = len(raw.pages)
    del raw
    heap.release()
    then("accounts")
    doc.settings = settings.current().as_dict()
    doc = accounts.apply(doc)
    then("prose")
    doc = prose.apply(doc)
    then("check")
    doc = pipeline.check(doc, Decimal(1))
    then("outputs")
    with tempfile.TemporaryDirectory() as tmp:
        outdir.publish(Path(tmp) / "out", pipeline.output_files(doc, pipeline.FORMATS, Decimal(1), path, lazy=True))
    then("end")
    print(f"{pages} pages: RSS MB at the end of each stage (peak within it)")
    print("  " + "  ".join(f"{s} {end:.1f} ({peak:.1f})" for s, end, peak in rows[1:]))
    del doc
    gc.collect()
    raw = read(path, "off", 200)  # the holders, measured apart from the RSS run (the walk allocates)
    lines = [b for p in raw.pages for b in p.blocks if isinstance(b, TextLine)]
    grids = [b for p in raw.pages for b in p.blocks if isinstance(b, Grid)]
    _holders(f"raw document: {len(lines)} text lines, {len(grids)} grids, {sum(len(g.cells) for g in grids)} cells",
             [("text lines", lines), ("grids (cells, boxes)", grids), ("pages (notes, rest)", raw.pages)], pages)
    del lines, grids
    doc = build(raw, consume=True)  # as pipeline.extract does
    del raw
    gc.collect()
    doc.settings = settings.current().as_dict()
    doc = pipeline.check(prose.apply(accounts.apply(doc)), Decimal(1))

    def held(seq) -> list:  # what a model.Spool holds as objects (the rest is in its file)
        return seq._held if isinstance(seq, Spool) else seq

    spilled = {name: getattr(doc, name).spilled for name in ("tables", "paragraphs", "facts")
               if isinstance(getattr(doc, name), Spool)}
    tables = held(doc.tables)
    _holders(f"checked document: {len(doc.tables)} tables, {sum(len(t.rows) for t in doc.tables)} rows, "
             f"{len(doc.paragraphs)} paragraphs, {len(doc.findings)} findings; in temporary files (model.Spool, "
             f"not held): {spilled or 'nothing'}", [
                 ("tables: rows and values", [t.rows for t in tables]),
                 ("tables: as printed (body, header)", [(t.body, t.header_rows, t.body_pages, t.columns) for t in tables]),
                 ("tables: identities tested", [t.verification.tested for t in tables]),
                 ("tables: the rest", tables),
                 ("paragraphs", held(doc.paragraphs)), ("facts", held(doc.facts)), ("projects", doc.projects),
                 ("performance targets", doc.indicators), ("findings", doc.findings), ("ledger", doc.ledger),
                 ("pages, problems, the rest", doc)], pages)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, nargs="+", default=[300, 600])
    ap.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        one(args.one)
        return 0
    from memory_pages import CORPUS, join

    sources = sorted(CORPUS.glob("*.pdf"))
    if not sources:
        print(f"no corpus PDFs in {CORPUS}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="memory-holders-") as tmp:
        for n in args.pages:
            path = join(sources, n, Path(tmp) / f"joined-{n}.pdf")
            subprocess.run([sys.executable, __file__, "--one", str(path)], check=True, cwd=ROOT,
                           env={**os.environ, "PYTHONPATH": str(ROOT)})
    return 0


if __name__ == "__main__":
    sys.exit(main())
