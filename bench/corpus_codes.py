"""How far each corpus document's codes are read: the rows a table prints a code on, and the rows that
look as if they lost theirs.

    python3 bench/corpus_codes.py [CORPUS_DIR] [--list]

No gold is needed. For every PDF and page text of the corpus (../shared/corpus by default) and every
table that prints at least one code of a classification (functional 201–234, economic 301–399):

- coded rows, by how the code matched the chart of the document's year (exact, renamed,
  name_only, mismatch, unknown; normalize/accounts.py);
- uncoded item rows whose name (markers and notes aside, `chart.bare_name`) is a chart name of the
  same classification at some level: the code may have been lost in the reading (a column taken for
  amounts, a code joined to the name, a continuation's code column not found). A table that prints
  codes on some rows and not on rows the chart names is either read wrong or printed so; `--list`
  prints each such row (document, table, page, name) to look at on the page.

Written after jianchayuan-2019 表5 lost 16 codes that no bench noticed (issue #12): the verified
share held at 100% because the amounts were right; only the codes were gone.
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from disclosure.normalize import chart  # noqa: E402
from disclosure.pipeline import extract  # noqa: E402

MATCHES = ("exact", "renamed", "name_only", "mismatch", "unknown")
# Tables whose standard layout prints no code: their items (物业管理, 办公设备…) share names with 款/项 of
# the chart without having lost a code (jianchayuan 2017–2019 and shengweiban 2018–2019 表12).
NO_CODE_TYPES = {"government_procurement"}


def chart_classes(name: str, year: int | None) -> set[str]:
    """The classifications (functional / economic) under which the chart of `year` has `name`."""
    bare = chart.bare_name(name)
    return {chart.classification_of(e.code) for e in chart.named(bare) if e.valid(year)}


def survey(doc) -> tuple[Counter, list[tuple[int, int | None, str, str]], list[tuple[int, str, int]]]:
    """(Counter of coded rows by match status, [(table index, page, classification, name)] of uncoded
    item rows the chart names in a classification the table prints codes of, [(table index, type,
    rows)] of tables printing no code at all where at least three item rows bear a 款 or 项 name of
    the chart: the tables to look at for a code column lost whole)."""
    year = doc.year
    matches: Counter = Counter()
    lost = []
    uncoded = []
    for t in doc.tables:
        classes = {r.classification for r in t.rows if r.code}
        if not classes:
            if t.type in NO_CODE_TYPES:
                continue
            named = sum(1 for r in t.rows if r.role == "item" and r.name and any(
                e.valid(year) and e.level in ("款", "项") for e in chart.named(chart.bare_name(r.name))))
            if named >= 3:
                uncoded.append((t.index, t.type, named))
            continue
        for r in t.rows:
            if r.code:
                matches[r.match or "none"] += 1
            elif r.role == "item" and r.name:
                hit = chart_classes(r.name, year) & classes
                if hit:
                    lost.append((t.index, r.page, "/".join(sorted(hit)), r.name))
    return matches, lost, uncoded


def main(argv: list[str]) -> int:
    show = "--list" in argv
    args = [a for a in argv if not a.startswith("--")]
    corpus = Path(args[0]) if args else ROOT.parent / "shared" / "corpus"
    files = sorted(corpus.glob("*.pdf")) + sorted((corpus / "fujian").glob("*.txt"))
    files += [ROOT / "samples" / "kashgar-2021-budget.pdf"]
    if not files:
        print(f"no PDFs or page texts in {corpus}")
        return 1
    total: Counter = Counter()
    all_lost = all_uncoded = 0
    print(f"{'document':48s} {'coded':>6s} " + " ".join(f"{m:>9s}" for m in MATCHES)
          + f" {'uncoded-named':>13s} {'codeless-tables':>15s}")
    for f in files:
        doc = extract(f)
        matches, lost, uncoded = survey(doc)
        total.update(matches)
        all_lost += len(lost)
        all_uncoded += len(uncoded)
        coded = sum(matches.values())
        print(f"{f.name[:48]:48s} {coded:6d} " + " ".join(f"{matches.get(m, 0):9d}" for m in MATCHES)
              + f" {len(lost):13d} {len(uncoded):15d}")
        if show:
            for index, page, cls, name in lost:
                print(f"    表{index} p.{page} {cls}: {name}")
            for index, kind, named in uncoded:
                print(f"    表{index} ({kind}): no code printed, {named} item rows named as a 款 or 项")
    coded = sum(total.values())
    print(f"{'TOTAL':48s} {coded:6d} " + " ".join(f"{total.get(m, 0):9d}" for m in MATCHES) + f" {all_lost:13d}")
    known = sum(total.get(m, 0) for m in ("exact", "renamed"))
    if coded:
        print(f"coded rows matching the chart (exact or renamed): {known}/{coded} ({100 * known / coded:.2f}%)")
    print(f"uncoded item rows the chart names, in tables printing codes (codes possibly lost): {all_lost}")
    print(f"tables printing no code whose item rows the chart names as 款 or 项 (look at each): {all_uncoded}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
