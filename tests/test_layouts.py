"""Issue #12: the generated layout corpus read back against its truth.

A seeded run of documents (samples/layouts) along every layout axis — drawn by reportlab in this
process, exported by LibreOffice Writer and Calc — is extracted with the full pipeline and scored
(samples/layouts/score.py): every table found under its printed title with the right type, every
printed amount under its row key (code, else name) and column header path with its exact value,
its measure and its basis, nothing extracted that was not printed, and every table whose amounts
were read exactly borne out by its own arithmetic.

LibreOffice and a CJK font are system packages (.ci/run installs them); without them the office
documents are skipped, saying why, unless DISCLOSURE_REQUIRE_CORPUS=1 (CI), where it fails.
"""
from __future__ import annotations

import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from conftest import REQUIRE, ROOT, layouts_made

sys.path.insert(0, str(ROOT))

pytest.importorskip("reportlab", reason="the generated layouts need reportlab (pip install -e '.[test]')")

from samples.layouts import render_office  # noqa: E402
from samples.layouts.axes import AXES, draw  # noqa: E402
from samples.layouts.make import truth_of  # noqa: E402
from samples.layouts.render_pdf import ttf_available  # noqa: E402
from samples.layouts.score import by_axis, score  # noqa: E402

SEED, COUNT, SHARED = 12, 300, 24


def _read(pdf: str):
    from disclosure.pipeline import extract
    from samples.layouts.score import DocScore, TableScore

    try:
        doc = extract(pdf)
    except Exception as e:  # a document that cannot be read fails its own tables, not the run
        truth = truth_of(Path(pdf))
        tables = [TableScore(truth["id"], i, t["type"], truth["axes"], amounts=sum(len(r["values"]) for r in t["rows"]),
                             misses=[f"extract failed: {type(e).__name__}: {e}"]) for i, t in enumerate(truth["tables"])]
        return DocScore(truth["id"], truth["axes"], tables), [], []
    s = score(truth_of(Path(pdf)), doc, keep=3)
    unverified = [(t.index, t.title, t.verification.failures[:1]) for t in doc.tables if t.verification.failed]
    return s, unverified, [f.rule for f in doc.findings if f.severity == "error"]


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    missing = []
    if render_office.soffice() is None:
        missing.append("LibreOffice (Debian: libreoffice-writer-nogui libreoffice-calc-nogui)")
    if ttf_available() is None:
        missing.append("a CJK TrueType font (Debian: fonts-wqy-microhei)")
    if missing and REQUIRE:
        pytest.fail(f"the generated layout corpus needs {', '.join(missing)} (.ci/run installs them)")
    producers = None if not missing else {"reportlab"}
    if missing:
        pytest.skip(f"the generated layout corpus needs {', '.join(missing)}")
    # the first SHARED are test_pdfium_reader's too: made once a run for both (conftest.layouts_made)
    producers = frozenset(producers) if producers else None
    pdfs = layouts_made(SEED, 0, SHARED, producers) + layouts_made(SEED, SHARED, COUNT - SHARED, producers)
    with ProcessPoolExecutor(2) as pool:
        results = list(pool.map(_read, [str(p) for p in pdfs], chunksize=4))
    return pdfs, results


def test_the_run_covers_every_axis_value(corpus):
    pdfs, _ = corpus
    assert len(pdfs) == COUNT
    seen = {(k, str(v)) for p in pdfs for k, v in truth_of(p)["axes"].items()}
    for name, values in AXES.items():
        for v in values:
            assert (name, str(v)) in seen, f"axis {name}={v} not in the run"
    # the axes vary independently: two axes of three values each do not move in lockstep
    pairs = Counter((truth_of(p)["axes"]["producer"], truth_of(p)["axes"]["ruling"]) for p in pdfs)
    assert len(pairs) == 9


def test_draws_are_seeded():
    assert draw(5, SEED) == draw(5, SEED) and draw(5, SEED) != draw(5, SEED + 1)


def _report(results, attr: str) -> list[str]:
    out = []
    for s, _, _ in results:
        for t in s.tables:
            if attr == "typed" and not t.typed or attr == "exact" and t.exact < t.amounts:
                out.extend(f"{s.doc}: {m}" for m in t.misses[:2])
    return out


# The target is every table and every amount; what the reading achieves on this run is held here
# as a floor, so that a change that reads less fails, and each miss is listed when it does.
# Measured on this run (seed 12, 300 documents): session 10, tables 1836/1838, amounts 98522/98535,
# precision 98522/98535, the weakest axis value 98.5% (type=state_capital_expenditure); session 9,
# tables 1830/1838, amounts 98365/98535, precision 98365/98559.
TABLES_FLOOR = 0.997
AMOUNTS_FLOOR = 0.999
PRECISION_FLOOR = 0.999
AXIS_FLOOR = 0.98  # every value of every axis


def test_every_table_found_and_typed(corpus):
    _, results = corpus
    tables = [t for s, _, _ in results for t in s.tables]
    typed = sum(t.typed for t in tables)
    wrong = _report(results, "typed")
    assert typed >= TABLES_FLOOR * len(tables), f"{typed} of {len(tables)} tables:\n" + "\n".join(wrong[:30])


def test_every_amount_under_its_row_and_column(corpus):
    _, results = corpus
    amounts = sum(s.amounts for s, _, _ in results)
    exact = sum(s.exact for s, _, _ in results)
    wrong = _report(results, "exact")
    axes = {k: t for k, t in by_axis([s for s, _, _ in results]).items() if t.exact < t.amounts}
    worst = sorted(axes.items(), key=lambda kv: kv[1].exact / kv[1].amounts)[:8]
    assert exact >= AMOUNTS_FLOOR * amounts, (
        f"{exact} of {amounts} amounts exact; worst axes: "
        + ", ".join(f"{k[0]}={k[1]} {t.exact}/{t.amounts}" for k, t in worst) + "\n" + "\n".join(wrong[:30]))
    # every axis value reads most of its amounts: no layout kind is left behind
    assert all(t.exact >= AXIS_FLOOR * t.amounts for t in axes.values()), worst


def test_measures_and_bases(corpus):
    _, results = corpus
    exact = sum(t.exact for s, _, _ in results for t in s.tables)
    measured = sum(t.measured for s, _, _ in results for t in s.tables)
    assert measured == exact


def test_nothing_extracted_that_was_not_printed(corpus):
    _, results = corpus
    right = sum(s.exact for s, _, _ in results)
    extracted = sum(s.extracted for s, _, _ in results)
    extra = sorted(((s.extra, s.doc) for s, _, _ in results if s.extra), reverse=True)
    assert right >= PRECISION_FLOOR * extracted, extra[:10]


def test_exact_readings_are_verified_by_their_arithmetic(corpus):
    """The generated documents add up: in a document read exactly no identity fails, nothing is
    an error, and a table of codes has every amount covered by an identity that holds."""
    _, results = corpus
    exact_docs = [(s, unverified, rules) for s, unverified, rules in results if s.exact == s.amounts]
    assert len(exact_docs) >= 0.8 * len(results)  # 251 of 300 on this run
    failing = [(s.doc, u) for s, unverified, _ in exact_docs for u in unverified]
    assert not failing, failing[:10]
    errors = [(s.doc, rules) for s, _, rules in exact_docs if rules]
    assert not errors, errors[:10]
