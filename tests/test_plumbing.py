"""Issue #15 (import line): the pdfium reader's pieces of pdfplumber (extract/plumbing.py) are
pdfplumber's own, and reading a PDF with pdfium imports no pdfplumber (its modules are a third
of what pdfplumber's import costs a process); pdfplumber's pages read inside read_pdf are still
bounded (extract/xobjects.bounded) when pdfplumber is imported only within the block."""
from __future__ import annotations

import random
import subprocess
import sys

import pytest

from conftest import ROOT, corpus_file


def test_table_settings_are_pdfplumbers_defaults():
    from pdfplumber.table import TableSettings

    from disclosure.extract.plumbing import DEFAULTS

    theirs = TableSettings.resolve(None)
    for name, value in DEFAULTS._asdict().items():
        assert getattr(theirs, name) == value and type(getattr(theirs, name)) is type(value), name


def _boxes(rng: random.Random, n: int) -> list[tuple]:
    """Cell boxes on a coarse lattice (so that corners are shared), some repeated."""
    xs = [float(v) for v in sorted(rng.sample(range(0, 400, 7), 12))]
    ys = [float(v) for v in sorted(rng.sample(range(0, 600, 9), 12))]
    out = []
    for _ in range(n):
        i, j = sorted(rng.sample(range(len(xs)), 2))
        k, m = sorted(rng.sample(range(len(ys)), 2))
        out.append((xs[i], ys[k], xs[j], ys[m]))
    return out


def test_clustering_tables_and_crops_are_pdfplumbers():
    """cluster_objects, cells_to_tables, curve_to_edges and crop_to_bbox against pdfplumber's on
    random inputs: the same lists (same dicts, keys in the same order)."""
    from pdfplumber import table as plumber_table, utils

    from disclosure.extract import plumbing

    rng = random.Random(15)
    for _ in range(200):
        objs = [{"x0": rng.choice([rng.uniform(0, 100), float(rng.randrange(0, 100, 5))]), "k": i}
                for i in range(rng.randrange(0, 30))]
        tol = rng.choice([0, 1, 3, 2.5])
        order = rng.random() < 0.3
        assert plumbing.cluster_objects(objs, "x0", tol, order) == utils.cluster_objects(objs, "x0", tol, order)
        cells = _boxes(rng, rng.randrange(0, 25))
        assert plumbing.cells_to_tables(cells) == plumber_table.cells_to_tables(cells)
        pts = [(rng.choice([10.0, rng.uniform(0, 50)]), rng.choice([20.0, rng.uniform(0, 50)])) for _ in range(4)]
        curve = {"pts": pts, "top": 3.0, "doctop": 803.0}
        assert [list(e.items()) for e in plumbing.curve_to_edges(curve)] == \
            [list(e.items()) for e in utils.curve_to_edges(curve)]
        items = [{"x0": a, "top": b, "x1": c, "bottom": d, "doctop": b + 800, "text": "x"}
                 for a, b, c, d in _boxes(rng, 10)]
        bbox = _boxes(rng, 1)[0]
        assert [list(o.items()) for o in plumbing.crop_to_bbox(items, bbox)] == \
            [list(o.items()) for o in utils.crop_to_bbox(items, bbox)]
    t = plumbing.Table(None, [(1.0, 2.0, 3.0, 4.0), (0.5, 3.0, 2.0, 9.0)])
    assert t.bbox == plumber_table.Table(None, t.cells).bbox == (0.5, 2.0, 3.0, 9.0)


def _run(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout.strip().splitlines()[-1]


@pytest.mark.corpus
def test_reading_with_pdfium_imports_no_pdfplumber():
    """A corpus PDF with ruled tables and characters outside its page (cropped) read whole, its
    outputs made: pdfplumber is never imported."""
    path = corpus_file("jiangsu-jianchayuan-2019-budget.pdf")
    got = _run(f"""
import sys
from disclosure.pipeline import extract
from disclosure.emit import jsonout, csvout
doc = extract({str(path)!r})
jsonout.dumps(doc); csvout.line_items(doc); csvout.paragraphs(doc)
assert any(t.rows for t in doc.tables)
print(sorted(m for m in sys.modules if m.split('.')[0] == 'pdfplumber'))
""")
    assert got == "[]"


def test_pdfplumber_imported_inside_bounded_is_bounded():
    """pdfplumber imported inside xobjects.bounded() (the pdfminer reader's _open) reads its pages
    with BoundedInterpreter until the outermost block ends, then with what it had before."""
    got = _run("""
from disclosure.extract import xobjects
with xobjects.bounded():
    with xobjects.bounded():
        import pdfplumber.page as pp
        xobjects.plumber_opened()
        inner = pp.PDFPageInterpreter is xobjects.BoundedInterpreter
    still = pp.PDFPageInterpreter is xobjects.BoundedInterpreter
from pdfminer.pdfinterp import PDFPageInterpreter
print(inner, still, pp.PDFPageInterpreter is PDFPageInterpreter)
""")
    assert got == "True True True"


def test_cached_readings_hand_out_fresh_amounts():
    """parse_amount keeps what it read of a short printed text (normalize/amounts.py) but hands out
    a new Amount each call: a stage that changes one (a label over the column blanks it) changes no
    other cell's."""
    from decimal import Decimal

    from disclosure.normalize.amounts import parse_amount
    from disclosure.normalize.rounding import last_unit
    from disclosure.normalize.text import map_glyphs

    a = parse_amount(" 1,234.50 ")
    a.value, a.status = None, "blank"
    b = parse_amount(" 1,234.50 ")
    assert (b.printed, b.value, b.status) == ("1,234.50", Decimal("1234.50"), "number") and b is not a
    assert (parse_amount("(7.5)").value, parse_amount("—").status, parse_amount("").status) == \
        (Decimal("-7.5"), "dash", "blank")
    assert (last_unit("753.67"), last_unit("88,282,511"), last_unit("3990.4"), last_unit("12.5%")) == \
        (Decimal("0.01"), Decimal(1), Decimal("0.1"), Decimal("0.1"))
    # (text with no radical glyph comes back as it is; with one, mapped)
    assert map_glyphs("一般公共预算支出") == "一般公共预算支出" and map_glyphs("⻔⽀出") == "门支出"
