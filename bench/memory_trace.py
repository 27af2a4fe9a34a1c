"""What the Python heap holds per page, by the line that allocated it: corpus PDFs joined into
longer documents (as bench/memory_pages.py joins them), each extracted in a fresh process under
tracemalloc, with a snapshot at four moments:

- `reading`: the last page being read (what reading keeps across pages: the pages read so far,
  the PDF parsers' caches);
- `read`: the raw document, read whole, before structuring;
- `checked`: the checked document, before writing;
- `written`: after the outputs are written (what stays: caches);

and the traced peak of each stage (read, structure, accounts and prose, checks, outputs).

The snapshots of the two sizes are compared line by line: the lines whose memory grows most from
the smaller to the larger document are printed with their growth in KB a page. C memory (pdfium)
is not traced: bench/memory_holders.py gives the resident memory by stage.

    python3 bench/memory_trace.py [--pages 150 600] [--top 15]
"""
from __future__ import annotations

import argparse
import os
import pickle
import subprocess
import sys
import tempfile
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
MOMENTS = ("reading", "read", "checked", "written")


def _by_line(snap: tracemalloc.Snapshot) -> dict[str, int]:
    snap = snap.filter_traces([tracemalloc.Filter(False, tracemalloc.__file__)])
    out: dict[str, int] = {}
    for stat in snap.statistics("lineno"):
        frame = stat.traceback[0]
        out[f"{frame.filename.replace(str(ROOT) + '/', '')}:{frame.lineno}"] = stat.size
    return out


def one(path: Path, dump: Path) -> None:
    """Extract `path` in this process under tracemalloc; pickle {moment: {file:line: bytes}} and
    the traced peak into `dump`."""
    from decimal import Decimal

    from disclosure import pipeline, progress, prose, settings
    from disclosure.emit import outdir
    from disclosure.extract import read
    from disclosure.normalize import accounts
    from disclosure.structure.build import build

    got: dict = {"peaks": {}}

    def stage(name: str) -> None:  # the traced peak of the stage just ended
        got["peaks"][name] = tracemalloc.get_traced_memory()[1]
        tracemalloc.reset_peak()

    def seen(done: int, total: int) -> None:
        if total and done == total - 1 and "reading" not in got:
            got["reading"] = _by_line(tracemalloc.take_snapshot())

    tracemalloc.start(1)
    progress.on_pages(seen)
    raw = read(path, "off", 200)
    progress.on_pages(None)
    got["read"] = _by_line(tracemalloc.take_snapshot())
    stage("read")
    doc = build(raw, consume=True)  # as pipeline.extract does
    del raw
    stage("structure")
    doc.settings = settings.current().as_dict()
    doc = prose.apply(accounts.apply(doc))
    stage("accounts, prose")
    doc = pipeline.check(doc, Decimal(1))
    stage("checks")
    got["checked"] = _by_line(tracemalloc.take_snapshot())
    tracemalloc.reset_peak()
    with tempfile.TemporaryDirectory() as tmp:
        outdir.publish(Path(tmp) / "out", pipeline.output_files(doc, pipeline.FORMATS, Decimal(1), path, lazy=True))
    stage("outputs")
    del doc
    got["written"] = _by_line(tracemalloc.take_snapshot())
    got["peak"] = max(got["peaks"].values())  # each stage's peak was reset at its start
    dump.write_bytes(pickle.dumps(got))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, nargs=2, default=[150, 600])
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--one", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        one(*args.one)
        return 0
    from memory_pages import CORPUS, join

    sources = sorted(CORPUS.glob("*.pdf"))
    if not sources:
        print(f"no corpus PDFs in {CORPUS}", file=sys.stderr)
        return 2
    small, large = args.pages
    runs = {}
    with tempfile.TemporaryDirectory(prefix="memory-trace-") as tmp:
        for n in (small, large):
            path = join(sources, n, Path(tmp) / f"joined-{n}.pdf")
            dump = Path(tmp) / f"trace-{n}.pickle"
            subprocess.run([sys.executable, __file__, "--one", str(path), str(dump)], check=True, cwd=ROOT,
                           env={**os.environ, "PYTHONPATH": str(ROOT)})
            runs[n] = pickle.loads(dump.read_bytes())
    pages = large - small
    print(f"traced Python heap, {small} -> {large} pages (KB a page of growth; MB at {small} and {large})")
    print(f"  traced peak: {runs[small]['peak'] / 2**20:.1f} MB and {runs[large]['peak'] / 2**20:.1f} MB, "
          f"{(runs[large]['peak'] - runs[small]['peak']) / pages / 1024:+.1f} KB a page")
    print("  traced peak of each stage, MB: " + "  ".join(
        f"{k} {runs[small]['peaks'][k] / 2**20:.1f} / {runs[large]['peaks'][k] / 2**20:.1f}" for k in runs[small]["peaks"]))
    for moment in MOMENTS:
        a, b = runs[small].get(moment, {}), runs[large].get(moment, {})
        ta, tb = sum(a.values()), sum(b.values())
        print(f"  {moment}: {ta / 2**20:.1f} MB and {tb / 2**20:.1f} MB, {(tb - ta) / pages / 1024:+.1f} KB a page")
        grow = sorted(((b.get(k, 0) - a.get(k, 0), k) for k in set(a) | set(b)), reverse=True)
        for d, k in grow[:args.top]:
            if d <= 0:
                break
            print(f"    {d / pages / 1024:+6.2f} KB/page  {b.get(k, 0) / 2**20:6.2f} MB  {k}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
