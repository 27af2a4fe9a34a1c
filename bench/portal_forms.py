"""Amounts under the right row and column in generated disclosures published as portals publish
spreadsheets and web pages (samples/layouts/portal.py), per quirk; and in page texts holding the
tables of one header row flattened into the body (portal.pagetext).

    python3 bench/portal_forms.py [--count 12] [--seed 12] [--forms xlsx,html,pagetext] [--misses N]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def documents(count: int, seed: int):
    from samples.layouts.axes import draw
    from samples.layouts.compose import compose
    from samples.layouts.make import realised
    docs = []
    for i in range(count):
        axes = draw(i, seed)
        d = compose(i, seed, axes)
        d.axes = realised(axes)
        docs.append(d)
    return docs


def score_form(docs, form: str, quirk: str, out: Path):
    """(tables, typed, amounts, exact, extra, misses) of every doc written as `form` with `quirk`."""
    from disclosure.pipeline import extract
    from samples.layouts import portal
    from samples.layouts.score import score, totals
    scores = []
    for d in docs:
        if form == "pagetext":  # the tables with one header row, flattened into the page's text
            path, truth = portal.pagetext(d, out / f"{d.id}-{quirk}"), portal.flat_truth(d)
        else:
            path, truth = getattr(portal, form)(d, out / f"{d.id}-{quirk}", quirk), d.truth()
        scores.append(score(truth, extract(path), keep=3))
    return totals(scores)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=12)
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--misses", type=int, default=0, help="print this many misses per quirk")
    ap.add_argument("--forms", default="xlsx,html,pagetext", help="which forms to score (comma-separated)")
    a = ap.parse_args(argv)
    from samples.layouts import portal
    docs = documents(a.count, a.seed)
    totals = {"xlsx": [0, 0], "html": [0, 0], "pagetext": [0, 0]}
    with tempfile.TemporaryDirectory() as tmp:
        for form, quirks in (("xlsx", portal.XLSX_QUIRKS), ("html", portal.HTML_QUIRKS), ("pagetext", ("flattened",))):
            if form not in a.forms.split(","):
                continue
            for q in quirks:
                tables, typed, amounts, exact, extra, misses = score_form(docs, form, q, Path(tmp))
                totals[form][0] += exact
                totals[form][1] += amounts
                print(f"{form:5} {q:15} tables typed {typed}/{tables}  amounts exact {exact}/{amounts} "
                      f"{100 * exact / max(amounts, 1):.2f}%  extra {extra}")
                for m in misses[:a.misses]:
                    print("    ", m)
    for form, (e, n) in totals.items():
        if form not in a.forms.split(","):
            continue
        print(f"TOTAL {form}: {e}/{n} {100 * e / max(n, 1):.2f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
