"""Full extraction vs pdfplumber's own extract_text() + extract_tables() on the same pages.

    python bench/extract_speed.py [CORPUS_DIR] [--repeat 3] [--reader pdfium|pdfminer] [--no-memory | --memory-only]

Both run in this one process, one document after the other (each in a fresh child process for
peak memory), so the ratio holds on a noisy machine: each side is timed in CPU seconds of its own
process (what other programs on the machine take is not counted) and each pair is run `--repeat`
times, the least kept. Prints pages/second, peak RSS and the ratio. The timed work starts after
the imports on both sides (a batch worker imports once); the totals with the imports are printed
too. Our side imports what a process reading PDFs imports (the pipeline, the emitters, the PDF
readers), not pdfplumber: reading with pdfium does not use it (extract/plumbing.py); a document
that needs it (pdfium cannot open it) pays its import in the timed part. Both sides import from compiled bytecode, as installed packages do: every module (ours,
pdfplumber's, pdfminer's) is compiled into a cache directory of the run (PYTHONPYCACHEPREFIX) by
one import before any timing, even where the environment says PYTHONDONTWRITEBYTECODE (there,
each of our processes compiled ~90 modules of this project, ~0.1 s, while pdfplumber's came
compiled from site-packages).

Then peak memory against page count: corpus PDFs joined (pypdfium2 imports their pages) into
documents of 50, 150, 300 and 600 pages, each extracted in a fresh process as `extract -o` does it
(jobs.extract_one: read, structure, check, the output folder written file by file and swapped in;
until session 18 this part measured the timed run's own steps: the document's whole JSON text and
CSVs made as strings in memory, which no command does, ~0.1 MB a page); the growth per page between
the sizes is printed. Issue #15/#19: under 300 MB at 300 pages, flat against pages (README "Memory
against pages": what still grows is the checked document, which the checks read whole).
--memory-only: that part alone.
"""
from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = r"""
import json, resource, sys, time
mode, path = sys.argv[1], sys.argv[2]
t0 = time.process_time()
if mode == "ours":
    from disclosure.pipeline import extract
    from disclosure.emit import jsonout, csvout
    from disclosure.extract import pdf, pdfium_reader
elif mode == "written":
    import tempfile
    from disclosure import jobs, pipeline
    from disclosure.normalize.rounding import DEFAULT_UNITS
else:
    import pdfplumber
t = time.process_time()
if mode == "ours":
    doc = extract(path)
    jsonout.dumps(doc); csvout.line_items(doc); csvout.paragraphs(doc)
    pages = doc.page_count
elif mode == "written":  # as `disclosure extract FILE -o OUT` does it in its worker
    with tempfile.TemporaryDirectory() as tmp:
        pages = jobs.extract_one(path, str(DEFAULT_UNITS), "auto", 200, pipeline.FORMATS, False,
                                 target=tmp + "/out")["counts"]["pages"]
else:
    with pdfplumber.open(path) as pdf:
        pages = len(pdf.pages)
        for p in pdf.pages:
            p.extract_text(); p.extract_tables(); p.close()
end = time.process_time()
print(json.dumps({"seconds": end - t, "with_imports": end - t0, "pages": pages,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


PYCACHE = tempfile.mkdtemp(prefix="extract-speed-pyc-")
atexit.register(shutil.rmtree, PYCACHE, True)


def run(mode: str, path: Path, reader: str = "pdfium") -> dict:
    env = dict(os.environ, DISCLOSURE_PDF_READER=reader, PYTHONPYCACHEPREFIX=PYCACHE)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    out = subprocess.run([sys.executable, "-c", CHILD, mode, str(path)], capture_output=True, text=True, check=True,
                         env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def joined(files: list[Path], pages: int, target: Path) -> Path:
    """A PDF of `pages` pages: the corpus documents' pages, in turn, as often as needed."""
    import pypdfium2

    out = pypdfium2.PdfDocument.new()
    k = 0
    while len(out) < pages:
        src = pypdfium2.PdfDocument(str(files[k % len(files)]))
        take = min(len(src), pages - len(out))
        out.import_pages(src, list(range(take)))
        src.close()
        k += 1
    out.save(str(target))
    out.close()
    return target


MEMORY_PAGES = (50, 150, 300, 600)


def memory(files: list[Path], reader: str) -> None:
    print(f"\npeak memory against pages ({reader} reader; corpus documents joined, one fresh process each, "
          f"the output folder written as extract -o writes it)")
    print(f"{'pages':>5} {'seconds':>8} {'pages/s':>8} {'peak MB':>8}")
    got = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in MEMORY_PAGES:
            r = run("written", joined(files, n, Path(tmp) / f"joined-{n}.pdf"), reader)
            got.append((r["pages"], r["peak_mb"]))
            print(f"{r['pages']:5d} {r['seconds']:8.2f} {r['pages'] / r['seconds']:8.1f} {r['peak_mb']:8.0f}", flush=True)
    for (n1, p1), (n2, p2) in zip(got, got[1:]):
        print(f"{n1} -> {n2} pages: {p2 - p1:+.1f} MB ({(p2 - p1) / (n2 - n1) * 1024:+.0f} KB a page)")


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 3
    reader = sys.argv[sys.argv.index("--reader") + 1] if "--reader" in sys.argv else "pdfium"
    args = [a for a in args if a not in (str(repeat), reader)]
    corpus = Path(args[0] if args else Path(__file__).resolve().parents[1].parent / "shared" / "corpus")
    files = sorted(corpus.glob("*.pdf"))
    if not files:
        sys.exit(f"no PDFs in {corpus}")
    if "--memory-only" in sys.argv:
        memory(files, reader)
        return
    tot = {"ours": 0.0, "plumber": 0.0}
    cold = {"ours": 0.0, "plumber": 0.0}
    pages = 0
    peak = {"ours": 0.0, "plumber": 0.0}
    run("ours", files[0], reader)  # compiles our modules into PYCACHE: no timed run pays for it
    print(f"CPU seconds, least of {repeat} runs each; our reader: {reader}")
    print(f"{'document':46} {'pages':>5} {'ours s':>8} {'plumber s':>9} {'ratio':>6} {'ours MB':>8} {'plumber MB':>10}")
    for f in files:
        runs = [(run("ours", f, reader), run("plumber", f)) for _ in range(repeat)]
        a = min((r[0] for r in runs), key=lambda r: r["seconds"])
        b = min((r[1] for r in runs), key=lambda r: r["seconds"])
        pages += a["pages"]
        for k, r in (("ours", a), ("plumber", b)):
            tot[k] += r["seconds"]
            cold[k] += r["with_imports"]
            peak[k] = max(peak[k], r["peak_mb"])
        print(f"{f.name[:46]:46} {a['pages']:5d} {a['seconds']:8.2f} {b['seconds']:9.2f} "
              f"{a['seconds'] / b['seconds']:6.2f} {a['peak_mb']:8.0f} {b['peak_mb']:10.0f}")
    print(f"{'TOTAL':46} {pages:5d} {tot['ours']:8.2f} {tot['plumber']:9.2f} {tot['ours'] / tot['plumber']:6.2f} "
          f"{peak['ours']:8.0f} {peak['plumber']:10.0f}")
    print(f"pages/second: ours {pages / tot['ours']:.1f}, pdfplumber text+tables {pages / tot['plumber']:.1f}; "
          f"ratio (ours/pdfplumber) {tot['ours'] / tot['plumber']:.2f}; peak memory ours {peak['ours']:.0f} MB")
    print(f"with the imports of each process: ours {cold['ours']:.2f} s, pdfplumber {cold['plumber']:.2f} s, "
          f"ratio {cold['ours'] / cold['plumber']:.2f}")
    if "--no-memory" not in sys.argv:
        memory(files, reader)


if __name__ == "__main__":
    main()
