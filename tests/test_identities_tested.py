"""Every identity a table's layout promises, tested as read, is kept by name (issue #17): kind, the
total's and the parts' cells by reference, the two sums, difference, tolerance, held or failed; in
the model (Verification.tested), in document.json (read back equal) and in the review report."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest

from conftest import SAMPLE_PDF, SEED_TEXT, corpus_file, extracted

from disclosure.emit import jsonout, report
from disclosure.extract.jsonin import document_from_json


def _cells(table):
    return {(r.side, r.index, v.column_index): v for r in table.rows for v in r.values}


def _resolved(table, x):
    """The identity recomputed from the cells its references name."""
    cells = _cells(table)
    total = cells[x.total].amount.value or Decimal(0)
    parts = sum((cells[p].amount.value or Decimal(0) for p in x.parts), Decimal(0))
    return total, parts


@pytest.mark.parametrize("path", [SEED_TEXT, SAMPLE_PDF], ids=["seed-text", "seed-pdf"])
def test_every_identity_tested_is_named_with_its_cells(path):
    doc = extracted(str(path))
    seen = 0
    for t in doc.tables:
        v = t.verification
        assert len(v.tested) == v.identities
        assert sum(x.held for x in v.tested) == v.held and sum(not x.held for x in v.tested) == v.failed
        for x in v.tested:
            # the references name the very cells the sums were made of
            assert _resolved(t, x) == (x.total_value, x.parts_sum), (t.index, x.label)
            assert x.held == (abs(x.difference) <= x.tolerance)
            seen += 1
    assert seen >= 40  # the seed text: 46
    # the seed's misprint: 表3 301 工资福利支出 753.67 printed where its 款 rows add up to 753.69
    t3 = doc.tables[2]
    failed = [x for x in t3.verification.tested if not x.held]
    wages = next(x for x in failed if x.label.startswith("301 = Σ 款") and x.total_value == Decimal("753.67"))
    assert wages.kind == "hierarchy" and wages.parts_sum == Decimal("753.69")
    assert wages.difference == Decimal("-0.02") and wages.tolerance == Decimal("0.01") and len(wages.parts) == 9
    held = [x for x in t3.verification.tested if x.held]
    assert held and all(x.parts for x in held)


def test_document_json_keeps_them_and_reads_them_back():
    doc = extracted(str(SAMPLE_PDF))
    d = json.loads(jsonout.dumps(doc))
    t3 = d["tables"][2]["verification"]
    assert len(t3["tested"]) == t3["identities"]
    first_failed = next(x for x in t3["tested"] if not x["held"])
    assert first_failed["total_value"] == "753.67" and first_failed["difference"] == "-0.02"
    assert isinstance(first_failed["total"], list) and len(first_failed["total"]) == 3
    back = document_from_json(jsonout.dumps(doc))
    assert [t.verification.tested for t in back.tables] == [t.verification.tested for t in doc.tables]
    # a document.json of 2.3 (no `tested`): the identities are tested again as it is read
    for t in d["tables"]:
        del t["verification"]["tested"]
    older = document_from_json(json.dumps(d, ensure_ascii=False))
    assert [t.verification.tested for t in older.tables] == [t.verification.tested for t in doc.tables]


def test_corpus_identities_resolve():
    doc = extracted(str(corpus_file("putuo-wanli-2025-dept-budget.pdf")))
    tested = [(t, x) for t in doc.tables for x in t.verification.tested]
    assert len(tested) == sum(t.verification.identities for t in doc.tables) > 500
    assert all(_resolved(t, x) == (x.total_value, x.parts_sum) for t, x in tested)
    kinds = {x.kind for _, x in tested}
    assert {"hierarchy", "column_total", "row_parts"} <= kinds


def test_three_public_vehicle_parts_tested():
    """putuo-wanli-2025 表9 prints 公务用车购置及运行费 over 小计 | 购置费 | 运行费: 购置费 is the purchase
    (measure vehicle_purchase, not amount), so 小计 = 购置费 + 运行费 and 合计 = 出国 + 接待 + 小计 are
    tested (before, 购置费 read as amount and a part of measure amount gives no identity: only the
    合计 was tested)."""
    doc = extracted(str(corpus_file("putuo-wanli-2025-dept-budget.pdf")))
    (t,) = [t for t in doc.tables if t.type == "three_public_expenses"]
    measures = {v.column: v.measure for r in t.rows for v in r.values}
    assert measures["“三公”经费预算数/公务用车购置及运行费/购置费"] == "vehicle_purchase"
    got = {x.label: (x.total_value, x.parts_sum, x.held) for x in t.verification.tested}
    assert got == {"“三公”经费预算数/公务用车购置及运行费/小计 = Σ parts": (Decimal("36.56"), Decimal("36.56"), True),
                   "“三公”经费预算数/合计 = Σ parts": (Decimal("37.91"), Decimal("37.91"), True)}


def test_report_lists_held_and_failed_identities():
    from test_report import Elements, _classes

    doc = extracted(str(SAMPLE_PDF))
    html = report.render(doc, None, images={})
    el = Elements(html)
    rows = el.find("tr", **{"data-cells": True})
    assert len(rows) == sum(t.verification.identities for t in doc.tables)
    assert sum("held" in _classes(a) for a in rows) == sum(t.verification.held for t in doc.tables)
    assert sum("failed" in _classes(a) for a in rows) == sum(t.verification.failed for t in doc.tables)
    tds = {a["data-ref"] for a in el.find("td", **{"data-ref": True})}
    for a in rows:  # every identity's cells are values of the tables as read, lit on a hover or a click
        assert set(a["data-cells"].split()) <= tds
    # 表3's 301 row: failed, its ten cells, both sums, difference and tolerance
    t3 = doc.tables[2]
    n = next(i for i, x in enumerate(t3.verification.tested, 1) if not x.held and x.total_value == Decimal("753.67"))
    assert (f'<td>{n}</td><td class="verdict">failed</td><td>hierarchy</td><td>301 = Σ 款 '
            in html)
    assert ('<td class="num">753.67</td><td class="num">753.69</td><td class="num diff">-0.02</td>'
            '<td class="num">0.01</td>') in html
