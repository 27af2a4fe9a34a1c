"""Peak memory against page count: corpus PDFs joined into longer documents, each extracted in a
fresh process, peak resident memory side by side.

    python3 bench/memory_pages.py [--pages 150 300 600] [--ocr off] [--keep DIR]

The corpus PDFs (../shared/corpus, or $DISCLOSURE_CORPUS) are joined in name order, again and
again, with pypdfium2 (PdfDocument.import_pages) until each document has its page count. Each is
run as `disclosure -v extract FILE -o OUT --format json --ocr off` in its own process; the
worker's peak resident memory (its "worker peak memory N MB" log line, ru_maxrss) and the time are
printed, with the growth per page between the sizes. Flat means the memory of a document does not
grow with its pages (issue #19: it grew by ~0.2 MB a page; after #19, ~34 KB a page from 300 to
600 pages, then ~27 KB, then ~20 KB (session 13: 36 KB a page from 600 to 1200, was 53): what
the document holds, bench/memory_holders.py says what, and bench/memory_trace.py which lines allocate it; past 600 joined pages the checks' cross-table
findings grew faster than the pages until session 19 (checks/parts.py: 91 -> 86 MB at 1200 pages,
36 -> 29 KB a page from 600), see README "Memory against pages").
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("DISCLOSURE_CORPUS", ROOT.parent / "shared" / "corpus"))


def join(sources: list[Path], pages: int, out: Path) -> Path:
    """A PDF of exactly `pages` pages: the sources' pages in turn, from the first again when they run out."""
    import pypdfium2 as pdfium

    docs = [pdfium.PdfDocument(str(p)) for p in sources]
    new = pdfium.PdfDocument.new()
    try:
        while len(new) < pages:
            for d in docs:
                take = min(len(d), pages - len(new))
                if take <= 0:
                    break
                new.import_pages(d, list(range(take)))
        new.save(str(out))
    finally:
        new.close()
        for d in docs:
            d.close()
    return out


def run(path: Path, out: Path, ocr: str) -> tuple[float, float, str]:
    """(worker peak MB, seconds, the run's summary line or its error)."""
    t0 = time.monotonic()
    r = subprocess.run([sys.executable, "-m", "disclosure", "-v", "extract", str(path), "-o", str(out),
                        "--format", "json", "--ocr", ocr], capture_output=True, text=True, cwd=ROOT,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
    seconds = time.monotonic() - t0
    peak = [float(m) for m in re.findall(r"worker peak memory (\d+) MB", r.stderr)]
    said = [ln for ln in (r.stdout + r.stderr).splitlines() if "pages," in ln or "error:" in ln]
    return (peak[-1] if peak else 0.0), seconds, (said[-1] if said else f"exit {r.returncode}")[:120]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, nargs="+", default=[150, 300, 600])
    ap.add_argument("--ocr", default="off")
    ap.add_argument("--keep", type=Path, help="Write the joined PDFs here and keep them.")
    args = ap.parse_args(argv)
    sources = sorted(CORPUS.glob("*.pdf"))
    if not sources:
        print(f"no corpus PDFs in {CORPUS}", file=sys.stderr)
        return 2
    tmp = tempfile.TemporaryDirectory(prefix="memory-pages-")
    folder = args.keep or Path(tmp.name)
    folder.mkdir(parents=True, exist_ok=True)
    print(f"{len(sources)} corpus PDFs joined; --ocr {args.ocr}")
    print(f"{'pages':>6} {'peak MB':>8} {'seconds':>8}  run")
    rows = []
    for n in args.pages:
        path = join(sources, n, folder / f"joined-{n}.pdf")
        peak, seconds, said = run(path, Path(tmp.name) / f"out-{n}", args.ocr)
        rows.append((n, peak))
        print(f"{n:6d} {peak:8.0f} {seconds:8.1f}  {said}", flush=True)
    for (n1, p1), (n2, p2) in zip(rows, rows[1:]):
        print(f"{n1} -> {n2} pages: {p2 - p1:+.0f} MB ({(p2 - p1) / (n2 - n1) * 1024:+.0f} KB a page)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
