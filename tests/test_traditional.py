"""Traditional characters (a mirror's copy of a disclosure, 經費 / 預算 / 決算) are read as simplified
and printed as printed: normalize/traditional.py."""
from pathlib import Path

from disclosure import pipeline, schemas
from disclosure.normalize.departments import department_key
from disclosure.normalize.traditional import Folding, fold

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "kashgar-2021-budget.txt"


def _to_traditional(text: str) -> str:
    """`text` written in traditional characters: each simplified character of the fold table as its
    first traditional form in the table."""
    data = schemas.load("traditional_chars")
    back: dict[str, str] = {}
    for t, s in zip(data["traditional"], data["simplified"]):
        back.setdefault(s, t)
    return text.translate(str.maketrans(back))


def test_fold_is_one_to_one_and_leaves_simplified_text_alone():
    assert fold("2019年本部門財政撥款安排“三公”經費29萬元") == "2019年本部门财政拨款安排“三公”经费29万元"
    simplified = SAMPLE.read_text(encoding="utf-8")
    assert fold(simplified) is simplified  # nothing to fold: the text itself
    assert fold("乾隆年间，显著") == "乾隆年间，显著"  # characters simplified text writes stay


def test_restore_gives_back_the_form_printed_at_that_place():
    f = Folding()
    assert f.text("制度規定") == "制度规定" and f.text("印製費用") == "印制费用"
    assert f.restore("印制费用") == "印製費用"  # 制 printed both ways: the place decides
    assert f.restore("制度") == "制度"
    assert f.restore("规定费用") == "規定費用"  # one way only


def test_a_traditional_copy_of_a_disclosure_reads_as_the_simplified_one(tmp_path):
    """The Kashgar sample written in traditional characters: the same tables, rows, facts and
    metadata as the simplified one (main: no kind, no facts, rows without codes), its printed text
    traditional."""
    simplified = SAMPLE.read_text(encoding="utf-8")
    traditional = _to_traditional(simplified)
    assert "預算" in traditional and "经" not in traditional
    path = tmp_path / "kashgar-traditional.txt"
    path.write_text(traditional, encoding="utf-8")
    trad, simp = pipeline.extract(path), pipeline.extract(SAMPLE)
    assert (trad.kind, trad.year, trad.level) == (simp.kind, simp.year, simp.level) == ("budget", 2021, "department")
    assert [(f.subject, f.value_yuan, f.basis) for f in trad.facts] == [(f.subject, f.value_yuan, f.basis) for f in simp.facts]
    assert len(trad.facts) > 10
    rows = lambda doc: [[(r.code, r.name, [v.amount.value for v in r.values]) for r in t.rows] for t in doc.tables]
    assert rows(trad) == rows(simp)
    assert [t.type for t in trad.tables] == [t.type for t in simp.tables]
    # printed as printed: the paragraphs, a table's printed title, a row's printed name, the title
    assert [p.text for p in trad.paragraphs] == [_to_traditional(p.text) for p in simp.paragraphs]
    assert [t.title_printed for t in trad.tables] == [_to_traditional(t.title_printed) for t in simp.tables]
    assert trad.facts[0].sentence == _to_traditional(simp.facts[0].sentence)
    assert trad.title == _to_traditional(simp.title) != simp.title
    assert department_key(trad.department) == department_key(simp.department)


def test_checks_read_a_traditional_document_folded_and_quote_it_as_printed(tmp_path):
    """The findings of the traditional copy are the simplified one's, their evidence quoting the
    traditional text; a document.json read back and checked again gives the same findings (its
    printed fields are traditional: the checks fold them again)."""
    from disclosure.emit import jsonout

    simplified = SAMPLE.read_text(encoding="utf-8")
    path = tmp_path / "kashgar-traditional.txt"
    path.write_text(_to_traditional(simplified), encoding="utf-8")
    trad, simp = pipeline.extract(path), pipeline.extract(SAMPLE)
    rules = lambda doc: sorted((f.rule, f.severity, str(f.left), str(f.right)) for f in doc.findings)
    assert rules(trad) == rules(simp)
    quoted = [e.what for f in trad.findings for e in f.evidence if e.what]
    assert quoted == [_to_traditional(e.what) for f in simp.findings for e in f.evidence if e.what]
    saved = tmp_path / "document.json"
    saved.write_text(jsonout.dumps(trad, None), encoding="utf-8")
    again = pipeline.load(saved)
    assert rules(again) == rules(trad)
    assert [p.text for p in again.paragraphs] == [p.text for p in trad.paragraphs]  # printed as printed


def test_a_spooled_documents_pages_are_folded_each_time_they_are_read_back():
    """A long PDF's pages (model.PageSpool) are copies read back from a file: each is folded as it
    is read, as often as it is read."""
    from disclosure.model import Box, PageSpool, RawDocument, RawPage, TextLine

    spool = PageSpool(keep=1)
    for n, text in enumerate(["部門決算", "財政撥款收入", "經費支出"], 1):
        spool.append(RawPage(n, 595, 842, [TextLine(text, Box(n, 50, 50, 300, 60), 12.0)]))
    raw = RawDocument("long.pdf", "0" * 64, "pdf", spool)
    folding = Folding()
    folding.read(raw)
    for _ in range(2):
        assert [p.blocks[0].text for p in raw.pages] == ["部门决算", "财政拨款收入", "经费支出"]
    assert len(raw.pages) == 3 and raw.pages[-1].number == 3
    assert folding.restore("财政拨款收入") == "財政撥款收入"
    spool.close()
