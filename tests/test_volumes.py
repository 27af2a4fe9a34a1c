"""Issue #13, item 4: one disclosure in two volumes, paired in the batch dataset by department,
year and kind, and checked together (prose of one against the tables of the other)."""
from __future__ import annotations

import shutil

import pytest

from conftest import corpus_file, extracted
from disclosure.normalize.departments import department_key

duckdb = pytest.importorskip("duckdb", reason="the batch extra (duckdb) is not installed")


@pytest.mark.parametrize("printed, key", [
    # the three forms of one office on the Jiangsu volumes (2017 tables p.1, 2018 tables p.1, every text volume)
    ("中国共产党江苏省委员会办公厅", "江苏省委办公厅"),
    ("中共江苏省委办公厅", "江苏省委办公厅"),
    ("江苏省委办公厅", "江苏省委办公厅"),
    ("江苏省人民代表大会常务委员会办公厅", "江苏省人大常委会办公厅"),
    ("江苏省人大常委会办公厅", "江苏省人大常委会办公厅"),
    ("中国人民政治协商会议江苏省委员会办公厅", "政协江苏省委员会办公厅"),
    ("中共南京市鼓楼区委员会组织部", "南京市鼓楼区委组织部"),
    ("上海市普陀区规划和自然资源局（本级）", "上海市普陀区规划和自然资源局"),
    ("江 苏 省 财 政 厅", "江苏省财政厅"),
    ("", ""),
])
def test_department_key(printed, key):
    assert department_key(printed) == key


PAIRS = {  # text volume, tables volume (../shared/corpus)
    2017: ("jiangsu-shengweiban-2017-budget-text.pdf", "jiangsu-shengweiban-2017-budget-tables.pdf"),
    2018: ("jiangsu-shengweiban-2018-budget-text.pdf", "jiangsu-shengweiban-2018-budget-tables.pdf"),
    2019: ("jiangsu-shengweiban-2019-budget-text.pdf", "jiangsu-shengweiban-2019-budget-tables.pdf"),
}
RENDA = ("jiangsu-renda-2019-budget.pdf", "jiangsu-rendaban-2019-budget-tables.pdf")
WHOLE = "jiangsu-rendaban-2018-budget.pdf"  # prose and tables in one PDF: not a volume


def _key(f):
    return f.rule, f.severity, f.page, str(f.left), str(f.right)


@pytest.mark.corpus
def test_batch_pairs_the_volumes_and_checks_them_together(tmp_path):
    from disclosure import pipeline
    from disclosure.batch import runner

    names = [n for pair in PAIRS.values() for n in pair] + list(RENDA) + [WHOLE]
    folder = tmp_path / "in"
    folder.mkdir()
    for n in names:
        shutil.copy(corpus_file(n), folder / n)
    db = tmp_path / "d.duckdb"
    summary = runner.run([str(folder)], db, workers=2, timeout=600)
    assert summary.count("ok") == len(names)
    assert summary.disclosures == {"checked": 4, "kept": 0, "dropped": 0, "ambiguous": 0}
    con = duckdb.connect(str(db))
    rows = con.execute("SELECT department_key, year, kind, source, status FROM disclosures ORDER BY 1, 2").fetchall()
    assert rows == [
        ("江苏省人大常委会办公厅", 2019, "budget", f"{RENDA[0]}+{RENDA[1]}", "ok"),
        ("江苏省委办公厅", 2017, "budget", "+".join(PAIRS[2017]), "ok"),
        ("江苏省委办公厅", 2018, "budget", "+".join(PAIRS[2018]), "ok"),
        ("江苏省委办公厅", 2019, "budget", "+".join(PAIRS[2019]), "ok"),
    ]
    # the three printed names of 省委办公厅 are one department in the dataset
    keys = dict(con.execute("SELECT path, department_key FROM documents").fetchall())
    assert {keys[str(folder / n)] for n in PAIRS[2017] + PAIRS[2018]} == {"江苏省委办公厅"}
    roles = dict(con.execute("SELECT d.path, v.role FROM volumes v JOIN documents d USING (document_id)").fetchall())
    assert str(folder / WHOLE) not in roles and roles[str(folder / PAIRS[2018][1])] == "tables"
    assert roles[str(folder / RENDA[0])] == "text"
    # what the dataset holds for a pair is what `check A B --together` finds
    for year, (a, b) in PAIRS.items():
        joint = pipeline.together(extracted(str(corpus_file(a))), extracted(str(corpus_file(b))))
        did = con.execute("SELECT disclosure_id FROM disclosures WHERE year = ? AND source LIKE 'jiangsu-shengweiban%'",
                          [year]).fetchone()[0]
        got = con.execute("SELECT rule, severity, page, CAST(left_value AS VARCHAR), CAST(right_value AS VARCHAR) "
                          "FROM findings WHERE document_id = ?", [did]).fetchall()
        assert len(got) == len(joint.findings) and len(joint.ledger) > 20
        assert con.execute("SELECT count(*) FROM ledger WHERE document_id = ?", [did]).fetchone()[0] == len(joint.ledger)
    # 2018, explanations p.10 (公务用车购置及运行费支出411.20万元，占“三公”经费的80.92%) against the tables
    # volume p.11 (三公 小计 508.20, 公务用车购置及运行维护费 411.20): 411.20 / 508.20 = 80.913% (a rounding, info)
    share = con.execute("SELECT f.severity, f.message_en, CAST(f.left_value AS VARCHAR), f.unit FROM findings f "
                        "JOIN disclosures x ON f.document_id = x.disclosure_id WHERE x.year = 2018 AND "
                        "f.rule = 'narrative.share'").fetchall()
    assert share and share[0][0] == "info" and "80.92%" in share[0][1] and "80.91%" in share[0][1]
    assert share[0][2:] == ("80.920000", "%")
    # neither volume alone can see it: the text has no table, the tables no prose
    for n in PAIRS[2018]:
        assert not [f for f in extracted(str(corpus_file(n))).findings if f.rule == "narrative.share"]
    con.close()

    again = runner.run([str(folder)], db, workers=2, timeout=600)
    assert again.count("skipped") == len(names)
    assert again.disclosures == {"checked": 0, "kept": 4, "dropped": 0, "ambiguous": 0}


@pytest.mark.corpus
def test_a_changed_volume_drops_its_pairing(tmp_path):
    from disclosure.batch import runner

    folder = tmp_path / "in"
    folder.mkdir()
    text = folder / "text.pdf"
    tables = folder / "tables.pdf"
    shutil.copy(corpus_file(PAIRS[2018][0]), text)
    shutil.copy(corpus_file(PAIRS[2018][1]), tables)
    db = tmp_path / "d.duckdb"
    assert runner.run([str(folder)], db, workers=1, timeout=600).disclosures["checked"] == 1
    shutil.copy(corpus_file(PAIRS[2019][1]), tables)  # the path now holds the 2019 tables volume
    second = runner.run([str(folder)], db, workers=1, timeout=600)
    assert second.disclosures == {"checked": 0, "kept": 0, "dropped": 1, "ambiguous": 0}
    con = duckdb.connect(str(db))
    assert con.execute("SELECT count(*) FROM disclosures").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM findings WHERE document_id NOT IN (SELECT document_id FROM documents)"
                       ).fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM ledger WHERE document_id NOT IN (SELECT document_id FROM documents)"
                       ).fetchone()[0] == 0


def test_two_candidates_on_a_side_are_not_paired(tmp_path):
    """A department whose budget and its unit's budget both came as tables volumes: which one the
    explanations describe is not guessed."""
    from disclosure.batch import dataset, volumes

    con = dataset.connect(tmp_path / "d.duckdb")
    for did, role, level in (("t1", "text", "department"), ("b1", "tables", "unknown"), ("b2", "tables", "unknown"),
                             ("t3", "text", "department"), ("b3", "tables", "unit")):
        year = 2020 if did.endswith(("1", "2")) else 2021
        con.execute("INSERT INTO documents (document_id, year, kind, level, department_key) VALUES (?, ?, 'budget', ?, 'X厅')",
                    [did, year, level])
        con.execute("INSERT INTO volumes VALUES (?, ?, 'X厅', NULL)", [did, role])
    pairs, ambiguous = volumes.candidates(con)
    # 2020: one text, two tables volumes -> ambiguous; 2021: levels differ (department, unit) -> none
    assert pairs == [] and ambiguous == [("X厅", 2020, "budget", ["t1"], ["b1", "b2"])]
    counts = volumes.pair_all(con, "1")
    assert counts == {"checked": 0, "kept": 0, "dropped": 0, "ambiguous": 1}
    assert con.execute("SELECT status, reason FROM disclosures").fetchall() == [
        ("ambiguous", "1 explanations and 2 tables volumes: not paired")]


def test_log_json_and_quiet_hold_the_pairing_line_back(tmp_path):
    """The "disclosures in two volumes: …" summary line was written under --log-json (stderr no
    longer JSON lines only: a log shipper chokes on it) and under -q (errors only). Now the JSON
    stream's `end` event carries the counts, -q says nothing on a clean run, and the text form
    still gives the line."""
    import json
    import os
    import subprocess
    import sys

    from conftest import ROOT

    folder = tmp_path / "in"
    folder.mkdir()
    for n in PAIRS[2018]:
        shutil.copy(corpus_file(n), folder / n)

    def run(db: str, *options: str, before: tuple = ()) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "disclosure", *before, "batch", str(folder), "--db",
                               str(tmp_path / db), "--workers", "1", *options], capture_output=True, text=True,
                              timeout=600, env={**os.environ, "PYTHONPATH": str(ROOT)})

    logged = run("j.duckdb", "--log-json")
    assert logged.returncode == 0, logged.stderr[-2000:]
    events = [json.loads(line) for line in logged.stderr.splitlines()]  # every line JSON
    assert events[-1]["event"] == "end" and events[-1]["disclosures"]["checked"] == 1
    quiet = run("q.duckdb", before=("-q",))
    assert quiet.returncode == 0 and quiet.stderr == ""
    plain = run("p.duckdb")
    assert "disclosures in two volumes: 1 checked together" in plain.stderr


@pytest.mark.corpus
def test_check_together_names_both_volumes(tmp_path):
    """`check A B --together` reports one disclosure: its summary named only A, the text volume,
    above findings on pages of B, as if A alone had them. (Its example, p.12 表10 of the 2018 tables
    volume empty and unexplained, is answered by the text volume since session 24: 政府性基金支出预算支出
    0万元; the pair's one finding left is the info of narrative.share, 80.92% against 80.91%.)"""
    import os
    import subprocess
    import sys

    from conftest import ROOT

    a, b = (str(corpus_file(n)) for n in PAIRS[2018])
    r = subprocess.run([sys.executable, "-m", "disclosure", "check", a, b, "--together"], capture_output=True,
                       text=True, timeout=600, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert r.returncode == 0, r.stderr
    lines = r.stderr.splitlines()
    assert lines[0] == f"{a} + {b} (together): findings: 0 errors, 0 warnings, 1 info"
    assert not any("form.empty_table_unexplained" in line for line in lines)
    # each volume alone: the tables volume's 表10 is empty with nothing to explain it
    r = subprocess.run([sys.executable, "-m", "disclosure", "check", b], capture_output=True,
                       text=True, timeout=600, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert any("form.empty_table_unexplained p.12" in line for line in r.stderr.splitlines())


def test_a_cover_page_keeps_its_title_however_it_ends_and_never_the_printers_line(tmp_path):
    # jiangsu-shengweiban-2018-budget-tables p.1: 江苏省2018年度 / 省级部门预算公开报表 / 部 门:… /
    # 江苏省财政厅印制: the title ends as a table's would (…报表), but no table stands on the page
    # (read as 江苏省2018年度江苏省财政厅印制 until session 24: found by a new-user trial)
    import disclosure

    path = tmp_path / "cover.txt"
    path.write_text("江苏省2019年度\n省级部门预算公开报表\n部 门:测试局\n江苏省财政厅印制\n\f"
                    "一、收支预算总表\n单位：万元\n项目 金额\n合计 100.00\n", encoding="utf-8")
    doc = disclosure.extract(str(path))
    assert doc.title == "江苏省2019年度省级部门预算公开报表"
