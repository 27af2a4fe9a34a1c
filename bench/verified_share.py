"""How far each corpus document's reading is borne out by its own arithmetic.

    python3 bench/verified_share.py [CORPUS_DIR]

For every PDF of the corpus (../shared/corpus by default): the verified share (printed amounts
covered by an identity of their table that holds), and every table under 100% with its reason,
in one of four categories:

- misprint: a sum does not hold as printed (read on the page);
- misreading: our reading is wrong (the reading code is to be fixed);
- untested: the table's layout promises a sum structure/identities.py does not test yet;
- nothing_to_test: no sum covers the amount as printed (机关运行经费 beside the 三公 columns).

The judged reasons, with the page they were read on, are in `verified_share_reasons.tsv` beside
this script. A table under 100% not judged there is printed `unjudged`, with what the arithmetic
says (the identities that fail, or how many amounts are in none): look at its page and add a line.
At the end: the total share, and the tables under 100% by category.
"""
from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from disclosure.pipeline import extract  # noqa: E402

REASONS = Path(__file__).with_name("verified_share_reasons.tsv")
CATEGORIES = ("misprint", "misreading", "untested", "nothing_to_test")


def judged(path: Path = REASONS) -> dict[tuple[str, int], tuple[str, str, str]]:
    """{(document, table index): (category, page, reason)} from the TSV (`#` lines are comments).
    Raises ValueError on a category outside CATEGORIES."""
    out = {}
    with path.open(encoding="utf-8") as f:
        for row in csv.reader((line for line in f if line.strip() and not line.startswith("#")), delimiter="\t"):
            doc, table, page, category, reason = row
            if category not in CATEGORIES:
                raise ValueError(f"{path.name}: {doc} 表{table}: category {category!r} not one of {CATEGORIES}")
            out[(doc, int(table))] = (category, page, reason)
    return out


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus"
    reasons = judged()
    total_amounts = total_covered = 0
    under: Counter[str] = Counter()
    for pdf in sorted(corpus.glob("*.pdf")):
        doc = extract(pdf)
        amounts = sum(t.verification.amounts for t in doc.tables)
        covered = sum(t.verification.covered for t in doc.tables)
        total_amounts += amounts
        total_covered += covered
        share = "   n/a " if doc.verified_share is None else f"{doc.verified_share * 100:6.2f}%"
        print(f"{pdf.name:<48} verified {share}  ({covered}/{amounts} amounts, "
              f"{len(doc.tables)} tables)")
        for t in doc.tables:
            v = t.verification
            if not v.amounts or v.share == 1:
                continue
            if v.failed:
                says = f"{v.failed} of {v.identities} identities fail: " + "; ".join(v.failures[:2])
            elif not v.identities:
                says = "no identity: its layout as read promises no sum"
            else:
                says = f"{v.amounts - v.covered} amounts in no identity that holds"
            category, page, reason = reasons.get((pdf.name, t.index), ("unjudged", "?", says))
            under[category] += 1
            print(f"    表{t.index:<3} {t.type:<36} {v.share * 100:6.2f}%  {category} (p.{page}): {reason}")
    share = total_covered / total_amounts if total_amounts else 0
    print(f"TOTAL verified {share * 100:.2f}% ({total_covered}/{total_amounts} amounts); tables under 100%: "
          + (", ".join(f"{c} {under[c]}" for c in (*CATEGORIES, "unjudged") if under[c]) or "none"))


if __name__ == "__main__":
    main()
