"""The chart of accounts measured on code–name pairs printed outside the corpus (issue #14).

    python3 bench/chart_heldout.py [TSV] [--half dev|heldout]

`bench/chart_heldout.tsv` (the default) holds code–name pairs printed by public sources that are not
../shared/corpus and not the Kashgar seed: one row per pair, with the year it is read against, the
source's address, what the source is (`document`), its `kind` and its `half`. It is held-out
evidence, never chart data: no shipped chart row was made from it without the row saying so (its
`source` names the pair's source, its note why).

`kind`: `list` (a whole 科目 table or an official notice naming codes), `disclosure` (a department's
printed budget or final account) or `fixture` (a program's test data or mapping file naming codes).
`half`: `dev` or `heldout`, fixed per site (a URL's host, a GitHub index file's id) when the site was
added and before any miss was looked at (sites by pair count, largest first, each to the half with
fewer pairs so far). The chart may be corrected from what the dev half shows; the held-out half is
only measured (but once: the fourth pass of issue #14 closed the eight held-out misses judged chart
gaps, 22006, 2300412, 21305 and 30219–30223, by the lead's decision; the README names them).

A pair is accepted when `chart.resolve(code, name, year)` gives back the printed code itself with a
status of `overlay.ACCEPTED`: `exact` (the code is valid that year and the name is its name) or
`renamed` (the name is this code's name in another year: a document using an older or newer wording
of the same code, which joins on the same `canonical_code`); `name_only` needs no printed code, so it
cannot occur here. Not accepted: `unlisted` (the chart of that year does not know the code, although
its 类 exists: the row keeps its code but the chart cannot name it), `mismatch` (the code is known but
the printed name is another code's, or no name of it) and `unknown` (the code's 类 is not in the chart
of the year).

Prints each half's accepted share and both halves' together (`all`), the share by kind; then for one
half the number of pairs and sources, the accepted share, the pairs by classification and year, the
accepted pairs by year, and every pair not accepted, grouped by status and classification.
"""
from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from disclosure.normalize import chart, overlay  # noqa: E402

HELDOUT = ROOT / "bench" / "chart_heldout.tsv"
COLUMNS = ["year", "code", "name", "source", "document", "kind", "half"]
KINDS = ("list", "disclosure", "fixture")
HALVES = ("dev", "heldout")


def read(path: Path = HELDOUT) -> list[dict]:
    """The held-out pairs: dicts with the TSV's columns (year as int). Raises ValueError naming the
    line of a row that is not a pair of a known year."""
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f, delimiter="\t")
        if reader.fieldnames != COLUMNS:
            raise ValueError(f"{path}: header {reader.fieldnames}, expected {COLUMNS}")
        out = []
        for n, r in enumerate(reader, start=2):
            if not (r["year"].isdigit() and chart.classification_of(r["code"]) and r["name"].strip()
                    and r["source"].strip() and r["kind"] in KINDS and r["half"] in HALVES):
                raise ValueError(f"{path}:{n}: not a year, a chart code, a name, a source, a kind "
                                 f"({'/'.join(KINDS)}) and a half ({'/'.join(HALVES)}): {r}")
            out.append({**r, "year": int(r["year"])})
    return out


def judge(row: dict) -> tuple[bool, chart.Match]:
    """Whether the printed pair resolves to its own code with an accepting status, and the match."""
    m = chart.resolve(row["code"], row["name"], row["year"])
    return m.status in overlay.ACCEPTED and m.code == row["code"], m


def measure(rows: list[dict]) -> tuple[int, int, list[tuple[dict, chart.Match]]]:
    """(pairs, accepted, [(row, match) for every pair not accepted])."""
    misses = []
    for r in rows:
        ok, m = judge(r)
        if not ok:
            misses.append((r, m))
    return len(rows), len(rows) - len(misses), misses


def share(rows: list[dict]) -> str:
    """`accepted/pairs = percent` of `rows` ("no pairs" when empty)."""
    if not rows:
        return "no pairs"
    n, accepted, _ = measure(rows)
    return f"{accepted}/{n} = {accepted / n * 100:.2f}%"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tsv", nargs="?", type=Path, default=HELDOUT)
    parser.add_argument("--half", choices=HALVES, default="dev",
                        help="the half whose pairs are detailed and whose misses are listed (default dev: the "
                             "held-out half is only counted, so that fixing the chart from this list never "
                             "looks at it)")
    args = parser.parse_args()
    path, every = args.tsv, read(args.tsv)
    for half in HALVES:
        part = [r for r in every if r["half"] == half]
        print(f"{half:8s} {share(part):24s} ({len(part)} pairs, {len({r['source'] for r in part})} sources)")
    print(f"{'all':8s} {share(every):24s} ({len(every)} pairs, {len({r['source'] for r in every})} sources)")
    for kind in KINDS:
        part = [r for r in every if r["kind"] == kind]
        if part:
            print(f"{kind:10s} {share(part):22s} ({len(part)} pairs, {len({r['source'] for r in part})} sources)")
    rows = [r for r in every if r["half"] == args.half]
    n, accepted, misses = measure(rows)
    sources = Counter(r["source"] for r in rows)
    print(f"{path.name} ({args.half} half): {n} printed code–name pairs from {len(sources)} sources "
          f"({len({(r['code'], r['name']) for r in rows})} distinct pairs, "
          f"{len({r['code'] for r in rows})} distinct codes)")
    print(f"resolve to themselves with an accepting status ({' / '.join(overlay.ACCEPTED)}): "
          f"{accepted}/{n} = {accepted / n * 100:.2f}%" if n else "no pairs")
    statuses = Counter(chart.resolve(r["code"], r["name"], r["year"]).status for r in rows)
    print("statuses: " + ", ".join(f"{s} {statuses[s]}" for s in chart.STATUSES if statuses[s]))
    by_kind = Counter((chart.classification_of(r["code"]), chart.LEVELS[len(r["code"])]) for r in rows)
    print("pairs by classification: " + ", ".join(f"{c} {lv} {k}" for (c, lv), k in sorted(by_kind.items())))
    print("pairs by year: " + ", ".join(f"{y} {k}" for y, k in sorted(Counter(r["year"] for r in rows).items())))
    missed_years = Counter(r["year"] for r, _ in misses)
    print("accepted by year: " + ", ".join(f"{y} {k - missed_years[y]}/{k}"
                                           for y, k in sorted(Counter(r["year"] for r in rows).items())))
    print("sources:")
    kinds = {r["source"]: (r["kind"], r["half"]) for r in rows}
    for s, k in sources.most_common():
        print(f"  {k:4d}  {kinds[s][0]:10s} {kinds[s][1]:7s} {s}")
    groups: dict[tuple[str, str], list] = defaultdict(list)
    for r, m in misses:
        groups[(m.status, chart.classification_of(r["code"]))].append((r, m))
    print(f"not accepted: {len(misses)}")
    for (status, classification), items in sorted(groups.items()):
        print(f"  {status} / {classification}: {len(items)}")
        for r, m in items:
            print(f"    {r['year']} {r['code']} {r['name']}: {m.note or m.name}  [{r['source']}]")


if __name__ == "__main__":
    main()
