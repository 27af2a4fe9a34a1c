"""How far each corpus document's reading is borne out by its own arithmetic.

    python3 bench/verified_share.py [CORPUS_DIR]

For every PDF of the corpus (../shared/corpus by default): the verified share (printed amounts
covered by an identity of their table that holds), and every table under 100% with its reason —
the identities that fail as read (a misprint, or a misreading: look at the page), or nothing to
test (a table whose layout promises no sum: one row of 三公 items printed without 合计, a
procurement list without a total).
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from disclosure.pipeline import extract  # noqa: E402


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus"
    total_amounts = total_covered = 0
    for pdf in sorted(corpus.glob("*.pdf")):
        doc = extract(pdf)
        amounts = sum(t.verification.amounts for t in doc.tables)
        covered = sum(t.verification.covered for t in doc.tables)
        total_amounts += amounts
        total_covered += covered
        print(f"{pdf.name:<48} verified {doc.verified_share * 100:6.2f}%  ({covered}/{amounts} amounts, "
              f"{len(doc.tables)} tables)")
        for t in doc.tables:
            v = t.verification
            if not v.amounts or v.share == 1:
                continue
            if v.failed:
                why = f"{v.failed} of {v.identities} identities fail: " + "; ".join(v.failures[:2])
            elif not v.identities:
                why = "nothing to test: its layout promises no sum"
            else:
                why = f"{v.amounts - v.covered} amounts in no identity (e.g. a row printed beside no total)"
            print(f"    表{t.index} {t.type:<38} {v.share * 100:6.2f}%  {why}")
    share = total_covered / total_amounts if total_amounts else 0
    print(f"TOTAL verified {share * 100:.2f}% ({total_covered}/{total_amounts} amounts)")


if __name__ == "__main__":
    main()
