"""The generated layout corpus read and scored against its truth, per layout axis.

    python3 bench/layouts.py [--count 1000] [--seed 7] [--workers 2] [--dir DIR] [--scan N] [--misses 30]

Makes `--count` documents (samples/layouts; reportlab, LibreOffice Writer and Calc), extracts each
with the full pipeline in `--workers` processes, and prints for every value of every axis the
tables typed right and the amounts exact (right row key, column and value) and measured (measure
and basis right too); then the totals, precision, and the first misses. `--scan N` also makes
scanned copies (samples/make_scan.py, 200 dpi) of the first N documents made with an embedded font
and reads them by OCR. `--dir` keeps the documents (made once: an existing truth file is reused).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from samples.layouts.make import make, truth_of  # noqa: E402
from samples.layouts.score import DocScore, Tally, by_axis, score  # noqa: E402


def _read(pdf: str, ocr: str = "auto") -> DocScore | str:
    from disclosure.pipeline import extract

    try:
        return score(truth_of(Path(pdf)), extract(pdf, ocr=ocr), keep=3)
    except Exception as e:  # a document that cannot be read is a finding of the bench, not its end
        return f"{Path(pdf).name}: {type(e).__name__}: {e}"


def run(pdfs: list[Path], workers: int, ocr: str = "auto") -> tuple[list[DocScore], list[str], float]:
    t0 = time.perf_counter()
    with ProcessPoolExecutor(workers) as pool:
        out = list(pool.map(_read, [str(p) for p in pdfs], [ocr] * len(pdfs), chunksize=4))
    return [s for s in out if not isinstance(s, str)], [s for s in out if isinstance(s, str)], \
        time.perf_counter() - t0


def _pct(a: int, b: int) -> str:
    return f"{a:>6}/{b:<6} {100 * a / b:6.2f}%" if b else f"{'-':>14}"


def report(title: str, scores: list[DocScore], failed: list[str], seconds: float, misses: int) -> None:
    print(f"\n== {title}: {len(scores)} documents read in {seconds:.1f} s, {len(failed)} failed")
    for f in failed:
        print("  FAILED", f)
    axes = by_axis(scores)
    print(f"{'axis':<20}{'value':<22}{'tables typed':>22}{'amounts exact':>24}{'measure+basis':>24}")
    for (name, value), t in sorted(axes.items()):
        print(f"{name:<20}{value:<22}{_pct(t.typed, t.tables):>22}{_pct(t.exact, t.amounts):>24}"
              f"{_pct(t.measured, t.exact):>24}")
    total = Tally()
    for d in scores:
        for t in d.tables:
            total.add(t)
    extracted = sum(d.extracted for d in scores)
    right = sum(d.exact for d in scores)
    print(f"TOTAL tables typed {_pct(total.typed, total.tables)}  amounts exact {_pct(total.exact, total.amounts)}  "
          f"measure+basis {_pct(total.measured, total.exact)}  precision {_pct(right, extracted)}")
    shown = 0
    for d in scores:
        for t in d.tables:
            for m in t.misses:
                if shown < misses:
                    print(f"  {d.doc} [{d.axes['producer']}] {m}")
                shown += 1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--dir", type=Path)
    ap.add_argument("--scan", type=int, default=0)
    ap.add_argument("--misses", type=int, default=30)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.dir or Path(tmp)
        t0 = time.perf_counter()
        pdfs = sorted(folder.glob(f"L{args.seed:03d}-*.pdf"))
        if len(pdfs) < args.count:
            pdfs = make(args.count, args.seed, folder)
        print(f"{len(pdfs)} documents made in {time.perf_counter() - t0:.1f} s "
              f"({sum(1 for p in pdfs if truth_of(p)['axes']['producer'] != 'reportlab')} through LibreOffice)")
        scores, failed, secs = run(pdfs, args.workers)
        report("text layer", scores, failed, secs, args.misses)
        if args.scan:
            from samples.make_scan import make_scan
            chosen = [p for p in pdfs if truth_of(p)["axes"].get("font") != "cid"][:args.scan]
            scans = []
            for p in chosen:
                target = folder / "scans" / p.name
                target.parent.mkdir(exist_ok=True)
                if not target.exists():
                    make_scan(p, target)
                target.with_suffix("").with_suffix(".truth.json").write_text(
                    p.with_suffix("").with_suffix(".truth.json").read_text(encoding="utf-8"), encoding="utf-8")
                scans.append(target)
            scores, failed, secs = run(scans, args.workers, "auto")
            pages = sum(len(__import__("pypdfium2").PdfDocument(str(s))) for s in scans)
            report(f"scanned copies, OCR ({pages} pages, {secs / max(pages, 1):.2f} s/page)", scores, failed, secs,
                   args.misses)


if __name__ == "__main__":
    main()
