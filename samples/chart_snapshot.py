"""The code–name rows the generators draw from (samples/layouts/, samples/unseen/): a pinned snapshot
of the shipped chart of accounts, `samples/chart_snapshot.csv`, not the chart itself.

The generated documents are test data whose figures measure reading. Drawn from the live chart, every
chart correction (a renamed 项, a new closing 99) redrew them, and the generated-document tests' figures
moved for reasons that were not reading. The snapshot keeps them byte-for-byte what they are.

The snapshot was written once from the chart of commit 5eb7ac9 (2,129 rows). To redraw the generated
documents from a newer chart ON PURPOSE (and then re-measure and re-floor their tests in the same
commit), run

    PYTHONPATH=$PWD python3 -m samples.chart_snapshot --write

Columns: classification, code, level, name, valid_from, valid_to (inclusive, the last year when still
valid), certainty — in the shipped chart's order (functional, economic, government_economic files).
"""
from __future__ import annotations

import csv
import io
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SNAPSHOT = Path(__file__).resolve().with_suffix(".csv")
COLUMNS = ["classification", "code", "level", "name", "valid_from", "valid_to", "certainty"]


@dataclass(frozen=True)
class Row:
    """One code and name with the years it is valid (the fields the generators use of chart.Entry)."""

    classification: str  # functional | economic | government_economic
    code: str
    level: str  # 类 | 款 | 项
    name: str
    valid_from: int
    valid_to: int
    certainty: str  # sure | uncertain

    def valid(self, year: int) -> bool:
        return self.valid_from <= year <= self.valid_to


@lru_cache(maxsize=None)
def rows() -> tuple[Row, ...]:
    """Every row of the snapshot, in its order."""
    with open(SNAPSHOT, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return tuple(Row(r["classification"], r["code"], r["level"], r["name"], int(r["valid_from"]),
                         int(r["valid_to"]), r["certainty"]) for r in reader)


def valid(year: int) -> list[Row]:
    """The rows valid in `year`, in snapshot order."""
    return [r for r in rows() if r.valid(year)]


def lookup(code: str, year: int) -> Row | None:
    """The row of `code` valid in `year` (the latest-starting one if several), or None."""
    found = [r for r in rows() if r.code == code and r.valid(year)]
    return max(found, key=lambda r: r.valid_from) if found else None


def write(path: Path = SNAPSHOT) -> int:
    """Write the snapshot from the shipped chart as it is now (atomically); the number of rows."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from disclosure.emit.atomic import write_text
    from disclosure.normalize import chart

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    entries = chart.shipped()
    for e in entries:
        w.writerow([e.classification, e.code, e.level, e.name, e.valid_from, e.valid_to, e.certainty])
    write_text(path, buf.getvalue())
    return len(entries)


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit(__doc__)
    print(f"{write()} rows written to {SNAPSHOT}")
