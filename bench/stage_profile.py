"""CPU seconds per stage of the full extraction over a folder of PDFs, in one process.

    python bench/stage_profile.py [CORPUS_DIR]

Each stage's function is wrapped to add up the CPU time spent in it (reading, and within it
pdfium's characters and paths and pdfminer's font descriptors and XObject survey; structuring;
prose; checks; document.json; the CSVs); one warm pass, then the least of three passes. Run with
DISCLOSURE_SPEEDUPS=0 for the figures without the C extension (disclosure/speedups.py).
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this tree's package, not an installed one

import disclosure.pipeline as P
from disclosure.emit import csvout, jsonout
from disclosure.extract import pdfium_reader as R

T: dict[str, float] = {}


def wrap(owner, name: str, label: str) -> None:
    fn = getattr(owner, name)

    def timed(*a, **k):
        t = time.process_time()
        try:
            return fn(*a, **k)
        finally:
            T[label] = T.get(label, 0.0) + time.process_time() - t

    setattr(owner, name, timed)


def main() -> None:
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[1].parent / "shared" / "corpus")
    files = sorted(corpus.glob("*.pdf"))
    if not files:
        sys.exit(f"no PDFs in {corpus}")
    wrap(P, "read", "read")
    wrap(R, "read_objects", "  pdfium characters and paths")
    wrap(R._Descriptors, "page", "  descriptors and survey (pdfobjects)")
    wrap(P, "build", "structure")
    wrap(P.prose, "apply", "prose")
    wrap(P.checks, "run", "checks")

    def run() -> None:
        for f in files:
            doc = P.extract(f)
            t = time.process_time()
            jsonout.dumps(doc)
            T["json"] = T.get("json", 0.0) + time.process_time() - t
            t = time.process_time()
            csvout.line_items(doc), csvout.paragraphs(doc)
            T["csv"] = T.get("csv", 0.0) + time.process_time() - t

    run()
    best: dict[str, float] = {}
    for _ in range(3):
        T.clear()
        t = time.process_time()
        run()
        T["TOTAL"] = time.process_time() - t
        if not best or T["TOTAL"] < best["TOTAL"]:
            best = dict(T)
    print(f"CPU seconds over {len(files)} PDFs, least of 3 passes")
    for k in ("read", "  pdfium characters and paths", "  descriptors and survey (pdfobjects)", "structure", "prose",
              "checks", "json", "csv", "TOTAL"):
        print(f"{k:34} {best.get(k, 0.0):6.2f}")


if __name__ == "__main__":
    main()
