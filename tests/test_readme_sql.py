"""Every SQL query of the README's dataset section, run on a dataset of corpus documents, against
the figures printed on their pages; and the department key and level the queries rely on."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from decimal import Decimal

import pytest

from conftest import ROOT, corpus_file

from disclosure.normalize.departments import department_key

duckdb = pytest.importorskip("duckdb", reason="the batch extra is not installed")

DOCS = ["jiangsu-shengweiban-2017-budget-text.pdf", "jiangsu-shengweiban-2017-budget-tables.pdf",
        "jiangsu-shengweiban-2018-budget-text.pdf", "jiangsu-shengweiban-2018-budget-tables.pdf",
        "jiangsu-shengweiban-2019-budget-text.pdf", "jiangsu-shengweiban-2019-budget-tables.pdf",
        "jiangsu-renda-2019-budget.pdf", "jiangsu-rendaban-2019-budget-tables.pdf",
        "putuo-quzhengfuban-2025-dept-budget.pdf", "putuo-quzhengfuban-2025-unit-budget.pdf"]


def _queries() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sql\n(.*?)```", text, re.S)
    assert blocks, "README has no SQL"
    # statements end with ; at the end of a line (a comment may hold one)
    return [q.strip() for b in blocks for q in re.split(r";\s*$", b, flags=re.M) if re.sub(r"--[^\n]*", "", q).strip()]


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    files = [corpus_file(name) for name in DOCS]
    db = tmp_path_factory.mktemp("dataset") / "budgets.duckdb"
    r = subprocess.run([sys.executable, "-m", "disclosure", "batch", *map(str, files), "--db", str(db),
                        "--workers", "2"], capture_output=True, text=True, timeout=1200,
                       env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert r.returncode == 0, r.stderr[-2000:]
    c = duckdb.connect(str(db), read_only=True)
    yield c
    c.close()


def test_three_public_total_per_department_and_year(con):
    rows = con.execute(_queries()[0]).fetchall()
    got = {(k, y): (v, src) for k, y, v, src in rows}
    # printed on the pages (万元): 表九/表十一 “三公”经费 小计 of the tables volumes, 三公 合计 of 普陀区政府办公室 p.20
    assert {k: v for k, (v, _) in got.items()} == {
        ("江苏省委办公厅", 2017): Decimal("5092000"),   # p.11, 509.20 (部门：中国共产党江苏省委员会办公厅)
        ("江苏省委办公厅", 2018): Decimal("5082000"),   # p.11, 508.20 (部门：中共江苏省委办公厅)
        ("江苏省委办公厅", 2019): Decimal("5082000"),   # p.9, 508.20
        ("江苏省人大常委会办公厅", 2019): Decimal("7676000"),  # p.9, 767.60
        ("上海市普陀区政府办公室", 2025): Decimal("8675000"),  # p.20, 867.50, not doubled by the unit budget
    }
    assert got[("上海市普陀区政府办公室", 2025)][1] == "putuo-quzhengfuban-2025-dept-budget.pdf"


def test_every_readme_query_runs_and_code_rows_are_the_printed_ones(con):
    queries = _queries()
    assert len(queries) >= 2
    rows = con.execute(queries[1]).fetchall()  # every row of code 2080505
    assert rows
    factor = {"元": 1, "万元": 10000}
    for source, year, table_type, column, printed, yuan in rows:
        assert source in DOCS and year in (2017, 2018, 2019, 2025)
        units = {u for (u,) in con.execute(
            "SELECT DISTINCT l.unit FROM line_items l JOIN documents d USING (document_id) "
            "WHERE d.source = ? AND l.column_path = ? AND l.printed = ?", [source, column, printed]).fetchall()}
        assert len(units) == 1
        assert yuan == Decimal(printed.replace(",", "")) * factor[units.pop()], (source, printed, yuan)


def test_tables_volumes_have_the_department_level_and_one_key(con):
    docs = con.execute("SELECT source, department, department_key, level FROM documents").fetchall()
    by = {src: (dept, key, level) for src, dept, key, level in docs}
    for name in DOCS:
        if name.endswith("-tables.pdf"):
            assert by[name][2] == "department", name  # 部门：… printed over every table
    assert {by[n][1] for n in DOCS if "shengweiban" in n} == {"江苏省委办公厅"}
    assert len({by[n][0] for n in DOCS if "shengweiban" in n}) == 3  # printed three ways
    assert by["putuo-quzhengfuban-2025-unit-budget.pdf"][2] == "unit"


def test_department_key():
    assert department_key("中国共产党江苏省委员会办公厅") == department_key("中共江苏省委办公厅") == "江苏省委办公厅"
    assert department_key("江苏省人民代表大会常务委员会办公厅") == "江苏省人大常委会办公厅"
    assert department_key("上海市普陀区人民政府办公室") == "上海市普陀区政府办公室"
    assert department_key("共青团平潭综合实验区委员会") == "共青团平潭综合实验区委员会"  # not the party's
    assert department_key("江苏省人民检察院") == "江苏省人民检察院"
    assert department_key("") == ""
