"""The reading measured on the independent generator of unseen layouts (samples/unseen, issue #12).

The generator was written without reading the reader or the first generator (samples/layouts), so
its layouts are ones the reading was not tuned on when it was made. The documents here are seed 2;
the kinds were found and fixed on seed 1 (bench/unseen_layouts.py --seed 1), so seed 2 stands in
for documents the fixes never saw. Floors, not targets: issue #12 aims at 99.5% of amounts. On
2026-11-30 seed 2 read at first: tables typed 376/378, amounts exact 13513/14084 (95.9%), precision
13513/13760 (98.2%); after the session's later kinds (found on seed 1): 376/378, 13660/14084
(97.0%), 13660/13776 (99.2%); after session 12's kinds (found on seed 1 again): 376/378,
14080/14084 (99.97%), 14080/14082 (99.99%): the floors are now issue #12's 99.5%.
"""
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED, COUNT = 2, 40
TYPED, AMOUNTS, PRECISION = 0.99, 0.995, 0.995


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    pytest.importorskip("reportlab", reason="the generator draws with reportlab (pip install -e '.[samples]')")
    sys.path.insert(0, str(ROOT / "bench"))
    from unseen_layouts import generate_all, score_doc

    d = tmp_path_factory.mktemp("unseen")
    # as the bench makes them: the LibreOffice documents exported 20 to a LibreOffice run (one
    # start-up per 20 documents instead of one per document: ~55 s less of this module's time)
    failed = generate_all(SEED, list(range(COUNT)), d, None, 1)
    assert not failed, f"documents not generated: {failed}"
    ids = [f"U{SEED:03d}-{i:05d}" for i in range(COUNT)]
    out = d / "out"
    subprocess.run([sys.executable, "-m", "disclosure", "-q", "extract", *[str(d / f"{i}.pdf") for i in ids],
                    "-o", str(out), "--format", "json"], check=False, capture_output=True)
    total = {k: 0 for k in ("tables", "typed", "amounts", "exact", "emitted", "right")}
    misses = []
    for i in ids:
        truth = json.loads((d / f"{i}.truth.json").read_text(encoding="utf-8"))
        doc_path = out / f"{i}-pdf" / "document.json"  # extract names a folder by stem and suffix
        assert doc_path.exists(), f"{i}: not read"
        r = score_doc(truth, json.loads(doc_path.read_text(encoding="utf-8")))
        for k in total:
            total[k] += r[k]
        misses += [dict(m, doc=i) for m in r["misses"]]
    return total, misses


def test_unseen_layouts_tables_typed(scored):
    total, _ = scored
    assert total["tables"] > 300
    assert total["typed"] >= TYPED * total["tables"], f"{total['typed']}/{total['tables']}"


def test_unseen_layouts_amounts_under_their_row_and_column(scored):
    total, misses = scored
    assert total["amounts"] > 10000
    assert total["exact"] >= AMOUNTS * total["amounts"], (f"{total['exact']}/{total['amounts']}", misses[:5])


def test_unseen_layouts_nothing_much_emitted_that_was_not_printed(scored):
    total, _ = scored
    assert total["right"] >= PRECISION * total["emitted"], f"{total['right']}/{total['emitted']}"


_SIDE_WRAP = {"producer": "reportlab", "side_by_side": True, "side_wrap": True}
# the documents of session 17, before the form axes were drawn by every seed (session 18); seed 31
# document 12 is drawn with them (project_table, row_numbers): its 三公 table's heading rows end
# page 8 with its one row on page 9 (the heading rows were read as body rows until session 19)
_FORM_OFF = {"exp_pairs3": False, "title_variants": False, "project_table": False, "column_numbers": False,
             "row_numbers": False}


@pytest.mark.parametrize("seed, index, force", [(12, 11, {}), (12, 14, {}),
                                                (31, 12, {"title_variants": True}),
                                                (31, 19, {**_FORM_OFF, "title_variants": True}),
                                                (41, 7, _SIDE_WRAP), (41, 21, _SIDE_WRAP)])
def test_generated_documents_that_failed_or_lost_a_title_read_whole(tmp_path, seed, index, force):
    """Seed 12 documents 11 and 14 (side_by_side, three=list: a 三公 list beside the 机关运行经费
    table, a label centred down rows): the whole document failed (IndexError) where the grid was
    cut into the two tables and the label's cell kept its rowspan over rows its part dropped
    (extract/layout.split_under_titles). Seed 31 documents 12 and 19 under the forced axis
    title_variants (Writer): a title wider than the page wrapped inside its qualifier
    (…支出预算表（按功 / 能科目）) left its table untitled, typed `other`. Seed 41 documents 7 and 21
    under the forced axis side_wrap (two tables side by side, each title wrapped in its half of the
    page: a title in a dotted grid's cell broken inside its quotation, …财政拨款“三 / 公”经费支出决
    算表, typed expenditure_summary; a title of two lines above an unruled table beside one of one
    line: the grid cut where 表七 begins, the 机关运行经费 table's codes under the 三公 table). Seed 31
    document 12 with the form axes drawn: the 三公 table's heading rows (合计 merged down both) end
    page 8, its one row opens page 9. Every table typed right and every amount read under its row and column."""
    pytest.importorskip("reportlab")
    sys.path.insert(0, str(ROOT / "bench"))
    from disclosure import pipeline
    from disclosure.emit.jsonout import document_dict
    from samples.unseen import make
    from unseen_layouts import score_doc

    truth = make.generate(seed, index, tmp_path, force)
    doc = pipeline.extract(tmp_path / f"{truth['id']}.pdf")
    r = score_doc(truth, json.loads(json.dumps(document_dict(doc), ensure_ascii=False, default=str)))
    assert r["typed"] == r["tables"] >= 8 and r["amounts"] > 200
    assert r["exact"] == r["amounts"], r["misses"][:5]
    assert r["right"] == r["emitted"]


@pytest.mark.parametrize("index", [4, 7])
def test_a_project_table_with_a_unit_column_is_named_by_its_projects(tmp_path, index):
    """Forced axis project_table, seed 33: a 项目支出表 printing 单位名称 | 项目名称 | 合计 | 资金来源 (…).
    Both text columns' headers say 名称; the first was taken as the rows' name, so every amount of
    the table was keyed by the unit (泉州市丰泽区城市管理局, 执法大队) and its project lost (19 of 30
    documents, 298 amounts). The unit column repeats its text down the rows, the items do not: the
    projects name the rows and the unit is an attribute under its heading."""
    pytest.importorskip("reportlab")
    sys.path.insert(0, str(ROOT / "bench"))
    from disclosure import pipeline
    from disclosure.emit.jsonout import document_dict
    from samples.unseen import make
    from unseen_layouts import score_doc

    truth = make.generate(33, index, tmp_path, {"project_table": True})
    doc = pipeline.extract(tmp_path / f"{truth['id']}.pdf")
    truth["tables"] = [x for x in truth["tables"] if x["type"] == "project_expenditure"]
    r = score_doc(truth, json.loads(json.dumps(document_dict(doc), ensure_ascii=False, default=str)))
    assert r["typed"] == r["tables"] == 1 and r["amounts"] >= 12
    assert r["exact"] == r["amounts"], r["misses"][:5]
    (t,) = [t for t in doc.tables if t.type == "project_expenditure"]
    projects = [x for x in t.rows if x.name != "合计"]
    assert projects and all(x.name in make.tables.PROJECTS for x in projects)
    assert all(set(x.attributes) == {"单位名称"} for x in projects)


@pytest.mark.parametrize("index, types", [
    (12, None), (17, None), (5, None),
    (29, ("income_expenditure_summary", "expenditure_summary", "general_budget_expenditure",
          "general_budget_basic_expenditure"))])
def test_a_row_of_column_numbers_under_the_headings_is_no_row_and_no_heading(tmp_path, index, types):
    """Forced axis column_numbers, seed 33/34: every table prints a 栏次 row under its headings
    (栏次 | 1 | 2 | 3, 栏次 | 1 | 栏次 | 2 on a two-sided summary), as the 部门决算 forms do. On 30
    documents 7648 of 11255 amounts were exact (67.95%): the numbers joined the headings
    (收入/预算数1) where 栏次 stood under each side; under three-line rules the row of numbers was taken
    for the first body line and the whole body read as one row (U034-00029: its summary, 0 of 15);
    a side with fewer heading rows has its 栏次 | 1 merged up beside the other side's headings
    (U034-00017). After: 11019/11255 (97.90%). These documents (or their tables named) read whole."""
    pytest.importorskip("reportlab")
    sys.path.insert(0, str(ROOT / "bench"))
    from disclosure import pipeline
    from disclosure.emit.jsonout import document_dict
    from samples.unseen import make
    from unseen_layouts import score_doc

    truth = make.generate(34, index, tmp_path, {"column_numbers": True})
    doc = pipeline.extract(tmp_path / f"{truth['id']}.pdf")
    if types:
        truth["tables"] = [x for x in truth["tables"] if x["type"] in types]
    r = score_doc(truth, json.loads(json.dumps(document_dict(doc), ensure_ascii=False, default=str)))
    assert r["typed"] == r["tables"] and r["amounts"] > 100
    assert r["exact"] == r["amounts"], r["misses"][:5]
    paths = {p for t in doc.tables for p in t.columns}
    assert not any(p.endswith(("栏次", "1", "2")) for p in paths), sorted(paths)


@pytest.mark.parametrize("index", [0, 8, 16])
def test_a_row_number_column_of_a_summary_is_an_attribute_not_figures(tmp_path, index):
    """Forced axis row_numbers, seed 35: the two-sided summaries print 项目 | 行次 | 决算数 on each side
    (the income side's rows numbered 1 … n, the expenditure side's on from n + 1), as the 部门决算
    forms do (document 0 three pairs across, reportlab; 8 and 16 Calc). With 栏次 taken out of every
    heading path (a 栏次 row's label), 行次 left its column's path too and 832 row numbers were
    emitted as figures (precision 92.86%); 行次 heads its column, an attribute of each row."""
    pytest.importorskip("reportlab")
    sys.path.insert(0, str(ROOT / "bench"))
    from disclosure import pipeline
    from disclosure.emit.jsonout import document_dict
    from samples.unseen import make
    from unseen_layouts import score_doc

    truth = make.generate(35, index, tmp_path, {"row_numbers": True})
    doc = pipeline.extract(tmp_path / f"{truth['id']}.pdf")
    r = score_doc(truth, json.loads(json.dumps(document_dict(doc), ensure_ascii=False, default=str)))
    assert r["typed"] == r["tables"] and r["exact"] == r["amounts"] > 300, r["misses"][:5]
    assert r["right"] == r["emitted"]
    (t,) = [t for t in doc.tables if t.type == "income_expenditure_summary"]
    numbered = [x for x in t.rows if "行次" in x.attributes]
    assert len(numbered) >= 6 and numbered[0].attributes["行次"] == "1"


def test_a_column_number_merged_down_beside_headings_is_no_figure(tmp_path):
    """Forced axes column_numbers and row_numbers, seed 36 document 1: the 收入决算表's 栏次 row under
    类 | 款 | 项 merged down, its 1 merged up beside 一般公共预算 | 政府性基金预算 (the amount headings
    take a row more): that row was read as the table's first body row (栏次 | 1 | 一般公共预算), the
    headings lost, every amount of the first part under the wrong column; now all of them (the 10 of
    its column-wise 续表, 事业收入 keyed by name, are another kind, left)."""
    pytest.importorskip("reportlab")
    sys.path.insert(0, str(ROOT / "bench"))
    from disclosure import pipeline
    from disclosure.emit.jsonout import document_dict
    from samples.unseen import make
    from unseen_layouts import score_doc

    truth = make.generate(36, 1, tmp_path, {"column_numbers": True, "row_numbers": True})
    doc = pipeline.extract(tmp_path / f"{truth['id']}.pdf")
    truth["tables"] = [x for x in truth["tables"] if x["type"] in ("income_summary", "expenditure_summary")]
    for x in truth["tables"]:
        x["amounts"] = [a for a in x["amounts"] if a["column"][0] in ("合计", "财政拨款收入", "基本支出", "项目支出")]
    r = score_doc(truth, json.loads(json.dumps(document_dict(doc), ensure_ascii=False, default=str)))
    assert r["exact"] == r["amounts"] > 150, r["misses"][:5]


def test_two_tables_beside_each_other_under_unread_titles_go_on_no_table_before(tmp_path):
    """Seed 9 document 59 p.7 (side_by_side, title_place=in_grid): the titles of the 三公 table and
    the 机关运行经费 table beside it, each in its table's first ruled row, run into each other and
    off the page, so neither is read. Both tables were joined to the page before's 基本支出 table
    as that table going on in another column layout, and typed general_budget_basic_expenditure
    (its rows polluted by the 三公 items). A grid opening with its own title block (a line, then
    its 编制单位 line) and a grid beside the one before on its page begin tables; untitled, the
    三公 items name the first one's type. (Session 20: each ruled first row keeps its own title's
    run, the 机关运行经费 title cut short at the page's edge, typed by the standard title it begins:
    operating_expenses, no longer `other`.)"""
    pytest.importorskip("reportlab")
    from disclosure import pipeline
    from samples.unseen import make

    make.generate(9, 59, tmp_path, {})
    doc = pipeline.extract(tmp_path / "U009-00059.pdf")
    basic = [t for t in doc.tables if t.type == "general_budget_basic_expenditure"]
    assert [t.pages for t in basic] == [[6]]
    assert not {"1.因公出国（境）费", "3.公务接待费", "办公费"} & {r.name for t in basic for r in t.rows if not r.code}
    on7 = [t for t in doc.tables if t.pages == [7]]
    assert [(t.type, [c.split("/")[-1] for c in t.columns]) for t in on7] == [
        ("three_public_expenses", ["项目", "决算数"]), ("operating_expenses", ["科目代码", "科目名称", "决算数"])]
    assert [r.name for r in on7[0].rows] == ["合计", "1.因公出国（境）费", "2.公务用车购置及运行费", "其中：公务用车购置费",
                                             "公务用车运行费", "3.公务接待费"]
    assert all(t.unit == "万元" for t in on7)
