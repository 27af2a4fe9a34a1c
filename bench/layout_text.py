"""How the corpus reads as plain text laid out with spaces (`pdftotext -layout`), against the PDF.

    python3 bench/layout_text.py [CORPUS_DIR] [--show N]

For every PDF of the corpus (../shared/corpus by default): `pdftotext -layout` (poppler-utils, a
system package this bench needs; the tests do not) makes the text a researcher gets from a PDF
with that tool; both are read, and the text's amounts are matched with the PDF reading's, which
reads the corpus exactly: by table type, row (code, else name without spaces), measure, basis and
value. Prints per document the PDF's amounts, the text's, those equal (recall) and the text's
amounts not in the PDF reading (a wrong row, column or type), then the totals; `--show N` lists N
missing and N extra amounts per document.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from disclosure.pipeline import extract  # noqa: E402


def amounts(doc) -> Counter:
    """(table type, row key, measure, basis, value) of every number in the document's tables."""
    out: Counter = Counter()
    for t in doc.tables:
        for r in t.rows:
            key = r.code or "".join(r.name.split())
            for v in r.values:
                if v.amount.status == "number":
                    out[(t.type, key, v.measure, v.basis, str(v.amount.value))] += 1
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--show", type=int, default=0)
    args = ap.parse_args()
    if shutil.which("pdftotext") is None:
        sys.exit("bench/layout_text.py: pdftotext is not installed (Debian: apt-get install poppler-utils)")
    pdfs = sorted(Path(args.corpus).glob("*.pdf"))
    if not pdfs:
        sys.exit(f"bench/layout_text.py: no PDF in {args.corpus}")
    total = Counter()
    print(f"{'document':<48} {'pdf':>6} {'text':>6} {'equal':>6} {'recall':>7} {'wrong':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        for pdf in pdfs:
            txt = Path(tmp) / (pdf.stem + ".txt")
            subprocess.run(["pdftotext", "-layout", str(pdf), str(txt)], check=True)
            want, got = amounts(extract(str(pdf))), amounts(extract(str(txt)))
            equal = sum((want & got).values())
            row = Counter(pdf=sum(want.values()), text=sum(got.values()), equal=equal)
            total += row
            share = equal / row["pdf"] if row["pdf"] else 1.0
            print(f"{pdf.name:<48} {row['pdf']:>6} {row['text']:>6} {equal:>6} {share:>7.1%} {row['text'] - equal:>6}")
            for k in list(want - got)[:args.show]:
                print("    missing", k)
            for k in list(got - want)[:args.show]:
                print("    extra  ", k)
    share = total["equal"] / total["pdf"] if total["pdf"] else 1.0
    print(f"{'total':<48} {total['pdf']:>6} {total['text']:>6} {total['equal']:>6} {share:>7.1%} "
          f"{total['text'] - total['equal']:>6}")


if __name__ == "__main__":
    main()
