"""Closing 其他 entries by structure (issue #14): every 款 of the shipped functional chart without a closing
项 `XXXXX99`, and every 类 without a closing 款 `XXX99`, with the years the gap holds.

    python3 bench/chart_closing99.py

The official functional classification closes nearly every 款 with a 项 `…99 其他…支出` and most 类 with a
款 `…99`; the ones that do not (a 款 with a single 项 of its own name, such as 20206 对外宣传 / 2020601, or
a 款 whose 项 end at another number, such as 21404 with 2140404 成品油价格改革补贴其他支出) are listed in
tests/test_chart.py (NO_CLOSING_99) with the reason. Prints one line per gap: code, name, years, the
项 or 款 the chart has under it.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from disclosure.normalize import chart  # noqa: E402


def gaps() -> dict[str, tuple[str, list[int]]]:
    """{code: (name in its last year, [years it lacks its closing 99])} for 类 and 款 of the functional
    chart (shipped rows only)."""
    out: dict[str, tuple[str, list[int]]] = {}
    for year in range(chart.FIRST_YEAR, chart.LAST_YEAR + 1):
        for e in chart.shipped():
            if (e.classification == "functional" and e.level in ("类", "款") and e.valid(year)
                    and not e.code.endswith("99") and chart.lookup(e.code + "99", year) is None):
                out[e.code] = (e.name, out.get(e.code, ("", []))[1] + [year])
    return out


def main() -> None:
    found = gaps()
    for code, (name, years) in sorted(found.items()):
        span = f"{years[0]}–{years[-1]}" if years == list(range(years[0], years[-1] + 1)) else ",".join(map(str, years))
        below = [e.code[len(code):] for e in chart.children(code, years[-1]) if len(e.code) == len(code) + 2]
        print(f"{code}\t{chart.LEVELS[len(code)]}\t{name}\t{span}\t[{','.join(below)}]")
    print(f"{len(found)} 类/款 without a closing 99")


if __name__ == "__main__":
    main()
