"""Codes and names of the chart of accounts valid in a year, from the pinned snapshot
`samples/chart_snapshot.csv` (not the live chart in disclosure/schemas/chart/: a chart correction must
not redraw the generated documents; samples/chart_snapshot.py says how to regenerate it on purpose)."""
from functools import cache

from samples import chart_snapshot


@cache
def rows(kind: str, year: int) -> tuple:
    """(code, level, name) of `kind` ('functional' or 'economic') valid in `year`, chart order."""
    return tuple((r.code, r.level, r.name) for r in chart_snapshot.valid(year)
                 if r.classification == kind and r.certainty == "sure")


def children(kind: str, year: int, code: str) -> list:
    """The chart's children of `code` (one level down) in `year`: [(code, name)]."""
    n = len(code) + 2
    return [(c, nm) for c, _lv, nm in rows(kind, year) if len(c) == n and c.startswith(code)]


def name(kind: str, year: int, code: str) -> str:
    for c, _lv, nm in rows(kind, year):
        if c == code:
            return nm
    raise KeyError(code)
