"""The Python API (disclosure.extract, disclosure.check, Table.to_pandas, Document.line_items) and
the README's notebook example, run on the shipped sample; values as printed on its pages."""
from __future__ import annotations

import math
import re
import sys
from decimal import Decimal

import pytest

from conftest import ROOT, SAMPLE_PDF, SEED_TEXT

import disclosure

pd = pytest.importorskip("pandas", reason="the pandas extra is not installed")


def _readme_example() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"<!-- api-example[^>]*-->\s*```python\n(.*?)```", text, re.S)
    assert m, "README has no Python API example under <!-- api-example -->"
    return m.group(1)


def test_readme_example_runs_and_reads_the_printed_values(monkeypatch):
    monkeypatch.chdir(ROOT)
    ns: dict = {}
    exec(compile(_readme_example(), "README.md", "exec"), ns)
    doc = ns["doc"]
    assert isinstance(doc, disclosure.Document)
    assert (doc.year, doc.kind, len(doc.tables)) == (2021, "budget", 8)
    assert ns["basic"].title == "一般公共预算基本支出情况表" and ns["basic"].pages == [4] and ns["basic"].unit == "万元"
    # page 4: 301 工资福利支出 合计 753.67 (万元); page 2: 一般公共预算 952.7 万元
    assert ns["wages"] == Decimal("753.67") and isinstance(ns["wages"], Decimal)
    assert ns["total"] == Decimal("9527000")
    assert len(ns["items"]) == 72  # printed amounts counted on the seed: 表一 8, 表四 13, 表六 51
    assert [f.rule for f in ns["errors"]] == [f.rule for f in doc.findings if f.severity == "error"]
    assert ns["errors"], "the seed has arithmetic errors the checks report"


def test_table_to_pandas_flat_and_multi():
    doc = disclosure.extract(SAMPLE_PDF)
    basic = doc.tables[2]
    flat = basic.to_pandas()
    assert list(flat.columns) == ["page", "side", "code", "level", "name", "role", "一般公共预算基本支出/合计",
                                  "一般公共预算基本支出/人员经费", "一般公共预算基本支出/公用经费"]
    row = flat[flat.code == "30101"].iloc[0]
    assert (row["name"], row["page"], row["一般公共预算基本支出/人员经费"]) == ("基本工资", 4, Decimal("231.71"))
    assert row["一般公共预算基本支出/公用经费"] is None  # blank cell, not zero
    multi = basic.to_pandas(header="multi", numbers="float")
    assert isinstance(multi.columns, pd.MultiIndex)
    assert ("一般公共预算基本支出", "人员经费") in multi.columns and ("code", "") in multi.columns
    got = multi[multi[("code", "")] == "30101"][("一般公共预算基本支出", "人员经费")].item()
    assert isinstance(got, float) and got == 231.71
    assert math.isnan(multi[multi[("code", "")] == "30101"][("一般公共预算基本支出", "公用经费")].item())
    # a two-sided table: both sides' rows, each side's amounts under its own columns
    summary = doc.tables[0].to_pandas()
    income = summary[(summary.side == "income") & (summary.name == "一般公共预算")].iloc[0]
    assert income["收入/预算数"] == Decimal("952.7") and income["支出/预算数"] is None
    with pytest.raises(ValueError):
        basic.to_pandas(header="wide")


def test_line_items_frame_matches_the_csv():
    from disclosure.emit import csvout

    doc = disclosure.extract(SEED_TEXT)
    items = doc.line_items()
    assert list(items.columns) == csvout.LINE_ITEM_COLUMNS
    assert len(items) == csvout.line_items(doc).count("\n") - 1 == 72
    wages = items[(items.code == "301") & (items.measure == "total")].iloc[0]
    assert wages["value"] == Decimal("753.67") and wages["value_yuan"] == Decimal("7536700")
    assert items["value_yuan"].map(type).isin([Decimal, type(None)]).all()
    floats = doc.line_items(numbers="float")
    assert floats["value_yuan"].dtype == "float64"


def test_check_reruns_the_checks():
    doc = disclosure.extract(SEED_TEXT, tolerance=0)
    strict = len(doc.findings)
    doc.findings = []
    assert len(disclosure.check(doc, tolerance=0)) == strict == len(doc.findings)
    assert len(disclosure.check(doc, tolerance=1000)) <= strict


def test_errors_are_the_documented_ones(tmp_path):
    with pytest.raises(disclosure.InputError) as e:
        disclosure.extract(tmp_path / "missing.pdf")
    assert e.value.file.endswith("missing.pdf") and e.value.reason
    with pytest.raises(ValueError):
        disclosure.extract(SEED_TEXT, ocr="sometimes")
    with pytest.raises(ValueError):
        disclosure.extract(SEED_TEXT, tolerance="-1")
    with pytest.raises(TypeError):
        disclosure.extract(SEED_TEXT, colour="blue")


def test_without_pandas_the_error_names_the_extra(monkeypatch):
    doc = disclosure.extract(SEED_TEXT)
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"disclosure\[pandas\]"):
        doc.line_items()
    with pytest.raises(ImportError, match=r"disclosure\[pandas\]"):
        doc.tables[0].to_pandas()


def test_the_package_keeps_its_readers_module():
    """disclosure.extract is the readers' package too (callable): its modules are reachable."""
    from disclosure.extract import read

    assert disclosure.extract.read is read and callable(disclosure.extract)


def test_help_of_extract_is_the_api_function():
    """`help(disclosure.extract)` documents the API function (its signature, its options, what it
    returns), not only the readers' package the name also is; inspect sees its signature."""
    import inspect
    import pydoc

    from disclosure.api import extract

    shown = pydoc.render_doc(disclosure.extract, renderer=pydoc.plaintext)
    assert "tolerance" in shown and "Returns a Document" in shown and "disclosure.InputError" in shown
    assert inspect.getdoc(extract) in inspect.getdoc(disclosure.extract)
    assert list(inspect.signature(disclosure.extract).parameters) == ["path", "tolerance", "ocr", "dpi", "settings"]
    # the readers' package is still there, by attribute and by import
    import disclosure.extract.sheet as sheet_module
    from disclosure.extract.sheet import read_xlsx

    assert disclosure.extract.sheet is sheet_module and sheet_module.read_xlsx is read_xlsx
    assert "read(path" in shown  # the package's own function listed too
