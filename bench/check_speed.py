"""Time of the checks beyond extraction, per corpus document (issue #4: under one second on a
30-page document).

    python bench/check_speed.py [CORPUS_DIR]

Extraction (read, structure, normalise) and the checks are timed separately in this one process,
each the best of three runs.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this tree's package, not an installed one

from disclosure import checks
from disclosure.extract import read
from disclosure.normalize import accounts
from disclosure.structure.build import build


def best(fn, n=3):
    times, out = [], None
    for _ in range(n):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


def main() -> None:
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[1].parent / "shared" / "corpus")
    files = sorted(corpus.glob("*.pdf"))
    if not files:
        sys.exit(f"no PDFs in {corpus}")
    print(f"{'document':46} {'pages':>5} {'extract s':>9} {'checks s':>9} {'findings':>8}")
    worst = 0.0
    for f in files:
        t_ex, doc = best(lambda: accounts.apply(build(read(f))), 1)
        t_ck, found = best(lambda: checks.run(doc))
        worst = max(worst, t_ck)
        print(f"{f.name[:46]:46} {doc.page_count:5d} {t_ex:9.2f} {t_ck:9.3f} {len(found):8d}")
    print(f"slowest checks: {worst:.3f} s (target: under 1 s on a 30-page document)")


if __name__ == "__main__":
    main()
