"""OCR: seconds per page and accuracy against the text layer, in one run (issue #7).

    python3 bench/ocr_speed.py [--dpi 200] [--skew 0.8] [--docs a.pdf,b.pdf] [--cache DIR]
                               [--workers 2] [CORPUS_DIR]

For each document, samples/make_scan.py makes a scanned copy (rendered at --dpi, tilted by
--skew degrees alternately either way, blurred, with noise and JPEG compression, image only);
the original is read from its text layer and the copy by OCR, each timed in this process, and
their line items compared by table, row and column (disclosure/compare.py). Printed per document:
OCR pages, seconds per OCR page (wall clock, and the CPU seconds of the process, every thread:
on a shared machine the wall clock grows with the others' load), seconds per text-layer page (the
baseline), and the share of amounts, codes and names that equal the text layer's. Peak memory of
the process at the end.

Then, unless --workers 0, the same scanned pages read by --workers (default 2) worker processes
at once, as a batch on that many cores reads (disclosure/batch/runner.py: one onnxruntime thread
per worker, DISCLOSURE_OCR_THREADS=1): each scan is split into one PDF per worker holding every
Nth page (page i to worker i mod N, so each worker gets about the same mix), each worker extracts
its share with pipeline.extract (the whole pipeline, ocr auto). The workers load the OCR engine
and then wait; the clock starts when all are ready and stops when the last one has finished.
Printed: the wall seconds of that span divided by all the OCR pages read (every worker busy
the whole time but for the one that finishes first: this is the figure of issue #15's "a second
a page on 2 cores"), the workers' CPU seconds per OCR page (all workers summed), how long the
first and the last worker took, and the machine's load average before and after (the wall
clock also measures whatever else runs on the machine: on a shared machine only the CPU
figures compare runs).
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this tree's package, not an installed one (issue #15)
sys.path.insert(0, str(ROOT / "samples"))

from make_scan import make_scan  # noqa: E402

from disclosure import compare, pipeline  # noqa: E402
from disclosure.extract import ocr  # noqa: E402

DOCS = ["jiangsu-shengweiban-2017-budget-tables.pdf", "jiangsu-shengweiban-2018-budget-tables.pdf",
        "jiangsu-shengweiban-2019-budget-tables.pdf", "jiangsu-rendaban-2019-budget-tables.pdf",
        "putuo-quzhengfuban-2025-unit-budget.pdf", "jiangsu-jianchayuan-2017-budget.pdf"]


def _share(equal: int, of: int) -> str:
    return f"{f'{equal}/{of}':>10} {compare.Agreement.share(equal, of):7.2%}"


def _split(scan: Path, parts: int, into: Path) -> list[Path]:
    """The scanned PDF split into `parts` PDFs in `into`: page i goes to part i mod `parts`."""
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(scan))
    out = []
    try:
        for w in range(parts):
            pages = list(range(w, len(src), parts))
            if not pages:
                continue
            doc = pdfium.PdfDocument.new()
            doc.import_pages(src, pages)
            path = into / f"{scan.stem}-w{w}of{parts}.pdf"
            doc.save(str(path))
            doc.close()
            out.append((w, path))
    finally:
        src.close()
    return out


def _worker(paths: list[str], dpi: int, ready, results) -> None:
    """One batch worker: one onnxruntime thread, the engine loaded before the clock starts, then
    each of its PDFs extracted; puts (OCR pages, CPU seconds, wall seconds) on `results`."""
    os.environ["DISCLOSURE_OCR_THREADS"] = "1"
    ocr.engine()
    ready.wait()
    t, c = time.perf_counter(), time.process_time()
    pages = 0
    for path in paths:
        got = pipeline.extract(path, ocr="auto", dpi=dpi)
        pages += sum(1 for p in got.pages if p.method == "ocr")
    results.put((pages, time.process_time() - c, time.perf_counter() - t))


def parallel(scans: list[Path], workers: int, dpi: int, into: Path) -> dict:
    """The scans' pages read by `workers` processes at once (see the module's docstring).
    Returns pages, wall (seconds, all ready to last done), cpu (seconds, all workers), first and
    last (each worker's own wall seconds, the quickest and the slowest), load (before, after)."""
    shares: list[list[str]] = [[] for _ in range(workers)]
    for scan in scans:
        for w, path in _split(scan, workers, into):
            shares[w].append(str(path))
    ctx = multiprocessing.get_context("spawn")
    ready = ctx.Barrier(workers + 1)
    results = ctx.Queue()
    procs = [ctx.Process(target=_worker, args=(share, dpi, ready, results)) for share in shares]
    for p in procs:
        p.start()
    load = os.getloadavg()[0]
    ready.wait()
    t = time.perf_counter()
    got = [results.get() for _ in procs]
    wall = time.perf_counter() - t
    for p in procs:
        p.join()
    return {"pages": sum(g[0] for g in got), "wall": wall, "cpu": sum(g[1] for g in got),
            "first": min(g[2] for g in got), "last": max(g[2] for g in got), "load": (load, os.getloadavg()[0])}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--skew", type=float, default=0.8)
    ap.add_argument("--docs", default=",".join(DOCS))
    ap.add_argument("--cache", default=None, help="keep the scanned copies here (default: a temporary folder)")
    ap.add_argument("--show", type=int, default=5, help="differences shown per document")
    ap.add_argument("--workers", type=int, default=2,
                    help="then read the same pages by this many worker processes at once (0: not)")
    a = ap.parse_args()
    if not ocr.available():
        sys.exit(f"OCR is not installed: {ocr.INSTALL_HINT}")
    corpus = Path(a.corpus)
    tmp = tempfile.TemporaryDirectory()
    cache = Path(a.cache or tmp.name)
    cache.mkdir(parents=True, exist_ok=True)
    print(f"engine: {ocr.version()}; scans at {a.dpi} dpi, skew ±{a.skew}°, blur, noise, JPEG 70")
    print(f"{'document':44} {'pages':>5} {'ocr s/page':>10} {'cpu s/page':>10} {'text s/page':>11} "
          f"{'amounts equal':>18} {'codes equal':>18} {'names equal':>18}")
    totals = compare.Agreement()
    ocr_time = ocr_cpu = ocr_pages = text_time = text_pages = 0.0
    scans = []
    for name in a.docs.split(","):
        src = corpus / name
        if not src.exists():
            print(f"{name}: not found in {corpus}")
            continue
        scan = cache / f"{src.stem}-scan{a.dpi}.pdf"
        if not scan.exists():
            make_scan(src, scan, dpi=a.dpi, skew=a.skew)
        scans.append(scan)
        t = time.perf_counter()
        ref = pipeline.extract(src, ocr="off")
        t_text = time.perf_counter() - t
        t, c = time.perf_counter(), time.process_time()
        got = pipeline.extract(scan, ocr="auto", dpi=a.dpi)
        t_ocr, c_ocr = time.perf_counter() - t, time.process_time() - c
        n = sum(1 for p in got.pages if p.method == "ocr")
        ag = compare.agreement(ref, got, keep=a.show)
        ocr_time += t_ocr
        ocr_cpu += c_ocr
        ocr_pages += n
        text_time += t_text
        text_pages += ref.page_count
        for k in ("amounts", "amounts_equal", "codes", "codes_equal", "names", "names_equal"):
            setattr(totals, k, getattr(totals, k) + getattr(ag, k))
        print(f"{name[:44]:44} {n:5d} {t_ocr / max(n, 1):10.2f} {c_ocr / max(n, 1):10.2f} {t_text / max(ref.page_count, 1):11.3f} "
              f"{_share(ag.amounts_equal, ag.amounts)} {_share(ag.codes_equal, ag.codes)} "
              f"{_share(ag.names_equal, ag.names)}", flush=True)
        for d in ag.differences:
            print(f"    p.{d['page']} {d['kind']} {d['table']} row {d['row']} col {d['column']}: "
                  f"{d['reference']!r} -> {d['candidate']!r}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'TOTAL':44} {int(ocr_pages):5d} {ocr_time / max(ocr_pages, 1):10.2f} {ocr_cpu / max(ocr_pages, 1):10.2f} "
          f"{text_time / max(text_pages, 1):11.3f} {_share(totals.amounts_equal, totals.amounts)} "
          f"{_share(totals.codes_equal, totals.codes)} {_share(totals.names_equal, totals.names)}")
    print(f"peak memory {peak:.0f} MB")
    if a.workers > 0 and scans:
        with tempfile.TemporaryDirectory() as parts:
            r = parallel(scans, a.workers, a.dpi, Path(parts))
        n = max(r["pages"], 1)
        print(f"{a.workers} workers at once (1 onnxruntime thread each, pages split between them): {r['pages']} OCR pages, "
              f"{r['wall'] / n:.2f} s/page wall (all pages / wall from all ready to last done), "
              f"{r['cpu'] / n:.2f} cpu s/page (all workers); quickest worker done after {r['first']:.1f} s, slowest {r['last']:.1f} s; "
              f"load average {r['load'][0]:.1f} before, {r['load'][1]:.1f} after")


if __name__ == "__main__":
    main()
