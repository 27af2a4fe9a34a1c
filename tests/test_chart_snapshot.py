"""The generators draw codes and names from the pinned snapshot samples/chart_snapshot.csv, never from
the live chart: a chart correction must not redraw the generated documents (issue #14)."""
import random

import pytest

from disclosure.normalize import chart
from samples import chart_snapshot


def test_snapshot_rows_are_chart_rows():
    rows = chart_snapshot.rows()
    assert len(rows) == 2129  # written from the chart of commit 5eb7ac9
    assert all(chart.classification_of(r.code) == r.classification for r in rows)
    assert chart_snapshot.lookup("210", 2018).name == "医疗卫生与计划生育支出"
    assert chart_snapshot.lookup("210", 2019).name == "卫生健康支出"
    assert chart_snapshot.lookup("2080505", 2021).name == "机关事业单位基本养老保险缴费支出"


def test_generators_do_not_read_the_chart(monkeypatch):
    def refuse(*_a, **_k):
        raise AssertionError("a generator read the live chart")

    for name in ("shipped", "entries", "lookup", "children", "resolve"):
        monkeypatch.setattr(chart, name, refuse)
    pytest.importorskip("reportlab")
    from samples.layouts.axes import draw
    from samples.layouts.compose import compose
    from samples.unseen import content, make as um, tables as ut

    doc = compose(1, 7, draw(1, 7, None))
    codes = [ln.code for ln in doc.budget.lines]
    assert codes and all(chart_snapshot.lookup(c, doc.budget.year).name == ln.name
                         for c, ln in zip(codes, doc.budget.lines))
    rng = random.Random("1:2")
    ax = um.draw_axes(rng)
    year = rng.randint(2018, 2025)
    rng.choice(um.DEPTS)
    fmt = content.Fmt(ax["amounts"], ax["zero"], ax["negative"])
    grids = ut.Builder(rng, content.figures(rng, year, ax["kind"], fmt, ax["unit"]), ax, fmt, ax["unit"], "x").all()
    assert grids
