"""Codes and names of the chart of accounts valid in a year, from the pinned snapshot
`samples/chart_snapshot.csv` (not the live chart in disclosure/schemas/chart/: a chart correction must
not redraw the generated documents; samples/chart_snapshot.py says how to regenerate it on purpose)."""
import csv
from functools import cache
from pathlib import Path

SNAPSHOT = Path(__file__).resolve().parents[1] / "chart_snapshot.csv"


@cache
def rows(kind: str, year: int) -> tuple:
    """(code, level, name) of `kind` ('functional' or 'economic') valid in `year`, chart order."""
    out = []
    with open(SNAPSHOT, encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            lo = int(r["valid_from"] or 0)
            hi = int(r["valid_to"] or 9999)
            if r["classification"] == kind and lo <= year <= hi and r["certainty"] == "sure":
                out.append((r["code"], r["level"], r["name"]))
    return tuple(out)


def children(kind: str, year: int, code: str) -> list:
    """The chart's children of `code` (one level down) in `year`: [(code, name)]."""
    n = len(code) + 2
    return [(c, nm) for c, _lv, nm in rows(kind, year) if len(c) == n and c.startswith(code)]


def name(kind: str, year: int, code: str) -> str:
    for c, _lv, nm in rows(kind, year):
        if c == code:
            return nm
    raise KeyError(code)
