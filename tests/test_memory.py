"""What a long document keeps while it is read and written (#19, #15: memory flat in pages):
pdfminer's object caches forgotten as pages go by, the text caches bounded, findings.json written
one finding at a time. Each gives what it gave before, byte for byte."""
from __future__ import annotations

import pytest

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from conftest import corpus_file

from disclosure import pipeline
from disclosure.emit import findingsout
from disclosure.emit.jsonout import object_chunks
from disclosure.normalize import text

SAMPLE_PDF = Path(__file__).resolve().parents[1] / "samples" / "kashgar-2021-budget.pdf"


def _written(d, units=Decimal(1)) -> str:
    out: list[str] = []

    class Sink:
        def writelines(self, pieces):
            out.extend(pieces)

    findingsout.writer(d, units)(Sink())
    return "".join(out)


def test_findings_json_written_piecewise_is_dumps_text():
    """findings.json made one finding and ledger entry at a time is findingsout.dumps' text, with
    findings, with none, and with neither findings nor a ledger."""
    doc = pipeline.extract(corpus_file("putuo-wanli-2025-dept-budget.pdf"), ocr="off")
    assert len(doc.findings) >= 3 and doc.ledger
    for d in (doc, replace(doc, findings=[]), replace(doc, findings=[], ledger=[])):
        for units in (Decimal(1), Decimal("0.5")):
            assert _written(d, units) == findingsout.dumps(d, units)
    assert '"findings": []' in _written(replace(doc, findings=[]))
    assert "".join(object_chunks(iter([("a", [], None), ("b", [1, 2], str)]))) == '{\n "a": [],\n "b": [\n  "1",\n  "2"\n ]\n}'


def test_text_caches_keep_short_strings_only_and_a_bounded_number():
    """clean/compact cache the short strings that repeat (labels, names), at most 4096 of each;
    a sentence is read uncached, to the same text."""
    long = "一般公共预算 支出\n合计 " * 6 + "⻋辆运行维护费"
    assert len(long) > text._CACHED_LEN
    before = text.clean.cache_info().currsize, text.compact.cache_info().currsize
    read = "一般公共预算支出合计" * 6 + "车辆运行维护费"  # no space between Chinese characters, ⻋ read 车
    assert text.clean(long) == read == text.clean.__wrapped__(long) and "车辆运行维护费" in text.clean(long)
    assert text.compact(long) == read == text.compact.__wrapped__(long) and " " not in text.compact(long)
    assert (text.clean.cache_info().currsize, text.compact.cache_info().currsize) == before
    assert text.clean(" 合  计 ") == "合计" and text.compact("合 计") == "合计"
    assert text.clean("") == "" and text.clean(None) == "" and text.compact(None) == ""
    assert text.clean.cache_info().maxsize == text.compact.cache_info().maxsize == 4096
    assert text.clean.cache_parameters()["maxsize"] == 4096


@pytest.mark.parametrize("kind, cache", [("_MinerDescriptors", "_cached_objs"), ("_Descriptors", "_cache")])
def test_font_descriptors_forget_parsed_objects_and_read_the_same(monkeypatch, kind, cache):
    """The pdfium reader's font-descriptor parsers (pdfminer's, and extract/pdfobjects.py's that
    reads a plain file in its place) forget the objects they parsed every REOPEN_EVERY pages, so
    they do not pile up over a long document; every page's fonts and XObject survey are what a
    parser that keeps them all reads."""
    from disclosure.extract import pdfium_reader as pr

    path = corpus_file("putuo-wanli-2024-dept-budget.pdf")  # 33 pages: forgotten at pages 21 (and 41)
    cls = getattr(pr, kind)

    def every_page(d) -> tuple[list, list[int]]:
        fonts, cached = [], []
        for i in range(33):
            fonts.append(({k: v[:2] for k, v in d.page(i).items()}, d.fanout))
            cached.append(len(getattr(d.doc, cache)))
        d.close()
        return fonts, cached

    forgetting, cached = every_page(cls(path))
    assert cached[19] > 20 and cached[20] < cached[19] / 2, cached
    forget = "_forget" if kind == "_MinerDescriptors" else None
    if forget:
        monkeypatch.setattr(cls, forget, lambda self: None)
    else:
        monkeypatch.setattr(pr.pdfobjects.Document, "forget", lambda self: None)
    keeping, kept = every_page(cls(path))
    assert kept[-1] > cached[-1]
    assert forgetting == keeping and any(f for f, _ in keeping)


def test_datapackage_written_one_resource_at_a_time_is_for_folder_text():
    """The worker's datapackage.json (datapackage.folder_writer: a resource per table made as it is
    written) is for_folder's text, with and without a title; a CSV without a schema is refused when
    the writer is made, not later when the folder is being written."""
    import io

    import pytest

    from disclosure.emit import datapackage

    doc = pipeline.extract(SAMPLE_PDF, ocr="off")
    lazy = pipeline.output_files(doc, pipeline.FORMATS, Decimal(1), lazy=True)
    text = pipeline.output_files(doc, pipeline.FORMATS, Decimal(1))
    assert len(lazy["tables"]) == len(doc.tables) >= 8 and callable(lazy["datapackage.json"])
    for title in ("", "预算"):
        files = {k: v for k, v in lazy.items() if k != "datapackage.json"}
        fh = io.StringIO()
        datapackage.folder_writer(files, title)(fh)
        assert fh.getvalue() == datapackage.for_folder(files, title)
    fh = io.StringIO()
    lazy["datapackage.json"](fh)
    assert fh.getvalue() == text["datapackage.json"] and '"foreignKeys"' in fh.getvalue()
    assert fh.getvalue().count('"name": "table-') == len(doc.tables)
    with pytest.raises(KeyError, match="odd.csv"):
        datapackage.folder_writer({"odd.csv": "a,b\n"})


def test_the_stream_line_is_made_without_the_dict_tree():
    """`-o -`'s line (jsonout.chunks with indent None) is json.dumps' one line of the whole dict,
    character for character: with every list, and with empty ones."""
    import json

    from disclosure.emit import jsonout

    doc = pipeline.extract(SAMPLE_PDF, ocr="off")
    for d in (doc, replace(doc, tables=[], paragraphs=[], facts=[], findings=[], ledger=[], pages=[], problems=[])):
        line = "".join(jsonout.chunks(d, None))
        assert line == json.dumps(jsonout.document_dict(d), ensure_ascii=False) == jsonout.dumps(d, None)
        assert "\n" not in line and json.loads(line)["source"]["file"] == "kashgar-2021-budget.pdf"
    assert '"tables": [{"index": 1,' in "".join(jsonout.chunks(doc, None))


def test_a_consuming_build_lets_go_of_the_pages_and_gives_the_same_document():
    """build(raw, consume=True), as pipeline.extract calls it, empties each page's blocks past
    the first three once they are structured and lets go of each table's fragments (grids, cells)
    and of the running text's lines as tables and paragraphs are made: the document is the one
    a build that keeps them gives, byte for byte."""
    from disclosure.emit import jsonout
    from disclosure.extract import read
    from disclosure.structure.build import _Builder, build

    kept, consumed = read(SAMPLE_PDF, "off"), read(SAMPLE_PDF, "off")
    assert len(kept.pages) > 5
    blocks = [len(p.blocks) for p in kept.pages]
    builder = _Builder(consumed, consume=True)
    doc = builder.run()
    assert jsonout.dumps(doc) == jsonout.dumps(build(kept))
    assert [len(p.blocks) for p in kept.pages] == blocks  # not consuming: the raw document as it was
    assert [len(p.blocks) for p in consumed.pages] == blocks[:3] + [0] * (len(blocks) - 3)
    assert len(doc.tables) >= 5 and builder.pending and all(p.fragments == [] for p in builder.pending)
    assert builder.pieces == []


def test_a_tally_keeps_what_the_ledger_needs_not_every_instance():
    """A rule's tally keeps per state the count, the pages, the first distinct notes and the notes'
    hashes in an array, not an object per instance: 20,000 tests keep 5 notes, and the ledger entry is what
    the instances give (counts, the deciding state's first three distinct notes over the tallies
    in order, how many more, their pages)."""
    from disclosure.checks.ledger import Tally, entry

    big = Tally("x")
    for i in range(20000):
        big.test(f"row {i % 7000}", i % 50 + 1, None)
    got = big.states["pass"]
    assert got.count == 20000 and len(got.first) == 5 and len(got.distinct()) == 7000 and len(got.pages) == 50
    assert got.hashes.itemsize == 8 and len(got.hashes) == 20000  # a hash per instance, 8 bytes, no object each
    e = entry("x", [big], [])
    assert (e.state, e.counts["pass"], e.pages) == ("pass", 20000, list(range(1, 51)))
    assert e.reason == "row 0; row 1; row 2 (+6997 more)"
    one, two = Tally("y"), Tally("y")
    one.not_read("a", 3, "page 3 not read")
    one.not_read("b", 3, "page 3 not read")
    one.test("sum", 1, None)
    for what, page in (("p", 9), ("q", 4), ("r", 4), ("s", 7), ("t", 8), ("u", 2)):
        two.not_read(what, page, "page 3 not read" if what == "p" else "")
    e = entry("y", [one, two], [])
    assert e.counts == {"pass": 1, "fail": 0, "insufficient_data": 0, "not_read": 8}
    assert e.state == "not_read" and e.pages == [2, 3, 4, 7, 8, 9]
    assert e.reason == "page 3 not read; q; r (+3 more)"


def test_findings_and_identity_tests_share_what_they_repeat():
    """Findings and their evidence are slotted (no dict each); the findings citing one printed value
    share its box's dict and its text (checks.common.evidence, by the objects: equal numbers such as
    0.0 and -0.0 keep their own; let go when the checks end); a table's identity tests share their equal cell references and
    tolerances. The outputs are the same text (test_findings_json_written_piecewise_is_dumps_text)."""
    from disclosure.checks import common, cross_tables
    from disclosure.checks.common import box_dict, evidence
    from disclosure.checks.findings import Evidence, Finding
    from disclosure.model import Box
    from disclosure.normalize.units import to_yuan

    assert not hasattr(Finding("r", "info", "", ""), "__dict__") and not hasattr(Evidence(1, None, ""), "__dict__")
    doc = pipeline.extract(SAMPLE_PDF, ocr="off")
    t = next(t for t in doc.tables if len(t.verification.tested) >= 3)
    r = next(r for r in t.rows if any(v.box is not None for v in r.values))
    v = next(v for v in r.values if v.box is not None)
    a, b = evidence(t, r, v), evidence(t, r, v)
    assert a.box is b.box and a.box == v.box.to_dict() and a.box["page"] == r.page
    assert a.what is b.what and a.what.startswith(f"{t.label} ") and a is not b
    money = next((t, r, v) for t in doc.tables if t.unit in ("元", "万元") for r in t.rows for v in r.values
                 if v.amount.status == "number")
    yuan = cross_tables._yuan(money[2], money[0])
    assert yuan is cross_tables._yuan(money[2], money[0]) and yuan == to_yuan(money[2].amount.value, money[0].unit)
    t0, unit = money[0], money[0].unit
    t0.unit = "元" if unit == "万元" else "万元"  # changed since: made anew, not taken from before
    assert cross_tables._yuan(money[2], t0) == to_yuan(money[2].amount.value, t0.unit) != yuan
    t0.unit = unit
    assert cross_tables._yuan(money[2], t0) == yuan
    f, g = (cross_tables._order_broken("r", money, money, "", "", 1) for _ in range(2))
    assert f.left is g.right and f.tolerance is g.tolerance and str(f.tolerance) == "0"
    assert pipeline.check(doc).ledger and common._SHARED == {}  # let go when the checks end
    zero, minus = Box(1, 0.0, 2.0, 3.0, 4.0), Box(1, -0.0, 2.0, 3.0, 4.0)
    assert zero == minus and box_dict(zero)["x0"] == 0.0 and str(box_dict(minus)["x0"]) == "-0.0"
    refs = [x for test in t.verification.tested for x in [test.total] + test.parts]
    assert len(refs) > len(set(refs))  # a cell in several identities
    assert len({id(x) for x in refs}) == len(set(refs))  # ... is one tuple
    tols = [test.tolerance for test in t.verification.tested]
    assert len({id(x) for x in tols}) == len({str(x) for x in tols})
    same = [test for test in t.verification.tested if str(test.parts_sum) == str(test.total_value)]
    assert same and all(test.parts_sum is test.total_value for test in same)


def test_prose_and_the_comparisons_come_one_at_a_time():
    """The paragraphs' texts with their section contexts (prose.facts.prose) and the prose-table
    comparisons (checks.narrative.comparisons) are made one at a time, as the facts and the checks
    read them, never a list of the whole document's (issue #19: at 1,200 joined pages they were
    4.5 and 5.3 MB held at once in the checks); what they give is what the lists gave."""
    import inspect

    from disclosure.checks import narrative
    from disclosure.checks.ledger import Tally
    from disclosure.prose.facts import prose

    doc = pipeline.extract(corpus_file("jiangsu-jianchayuan-2018-budget.pdf"), ocr="off")
    assert inspect.isgenerator(prose(doc)) and inspect.isgenerator(narrative.comparisons(doc))
    got = [(p.index, text, context) for p, text, context in prose(doc)]
    assert len(got) > 20 and got[5][2] and got[0][1]
    a, b = Tally("a"), Tally("b")
    listed = narrative.compare(doc, a)
    assert [(c.fact.page, c.subject, c.printed, c.status, [(t.index, r.index, v.column) for t, r, v in c.candidates])
            for c in listed] == \
        [(c.fact.page, c.subject, c.printed, c.status, [(t.index, r.index, v.column) for t, r, v in c.candidates])
         for c in narrative.comparisons(doc, b)]
    assert any(c.status == "matched" for c in listed) and a.count == b.count


def test_a_rules_tally_is_let_go_when_its_entry_is_made(monkeypatch):
    """The check runner makes a rule's ledger entry when its last function has run and lets its
    tallies go (a tally keeps a hash of every distinct instance: tens of thousands in a long
    document), instead of holding every rule's until the ledger is made; the entry is the same."""
    import gc
    import weakref

    from disclosure import checks
    from disclosure.checks.ledger import entry

    doc = pipeline.extract(SAMPLE_PDF, ocr="off")
    rules = list(checks.RULES)
    first_rule, first_fn = rules[0]
    seen: dict = {}

    def first(d, units, tally):
        seen["tally"] = weakref.ref(tally)
        got = first_fn(d, units, tally)
        seen["entry"] = entry(first_rule, [tally], list(got))
        return got

    def last(d, units, tally):
        gc.collect()
        seen["alive"] = seen["tally"]() is not None
        return rules[-1][1](d, units, tally)

    monkeypatch.setattr(checks, "RULES", [(first_rule, first)] + rules[1:-1] + [(rules[-1][0], last)])
    found, ledger = checks.run_with_ledger(doc, Decimal(1))
    assert seen["alive"] is False
    got = next(e for e in ledger if e.rule == first_rule)
    assert got.to_dict() == seen["entry"].to_dict() and got.counts["pass"] + got.counts["fail"] > 0


def _live(*kinds, base: dict | None = None) -> dict[str, int]:
    """How many objects of each of `kinds` are alive (gc's tracked objects, after a collection),
    less those of `base` (an earlier count: what other tests of the process keep)."""
    import gc

    gc.collect()
    counts = {k.__name__: 0 for k in kinds}
    for o in gc.get_objects():
        if type(o) in kinds:
            counts[type(o).__name__] += 1
    return {k: n - (base or {}).get(k, 0) for k, n in counts.items()}


def test_a_page_spool_holds_its_first_and_last_pages_and_gives_every_page_back_equal():
    """model.PageSpool keeps its first `keep` pages and the last appended as objects and pickles
    the others into its temporary file: len, indexing (negative too), slices and iteration give
    pages equal to those put in (blocks, boxes, notes, OCR dicts), a new copy each time for a page
    of the file; the last page appended is the object itself until the next one comes."""
    import pytest

    from disclosure.model import Box, Cell, Grid, PageSpool, RawPage, TextLine

    def page(n: int) -> RawPage:
        box = Box(n, 10.0, 20.0 + n, 300.0, 35.5)
        cells = [Cell("合计", 0, 0, box=box), Cell(f"{n}.50", 0, 1, colspan=2, box=box, confidence=0.5)]
        return RawPage(n, 595.0, 842.0, [TextLine(f"第{n}页", box, 10.5), Grid(1, 3, cells, box, aligned=True)],
                       "text", "", "ocr" if n % 2 else "text_layer", {"dpi": 200 + n}, [f"note {n}"])

    made = [page(n) for n in range(1, 8)]
    spool = PageSpool(keep=2)
    assert not spool and len(spool) == 0
    for p in made:
        spool.append(p)
    assert len(spool) == 7 and spool.spilled == 4  # pages 3-6 in the file; 1, 2 held, 7 the last
    assert list(spool) == [page(n) for n in range(1, 8)] and spool[:3] == [page(1), page(2), page(3)]
    assert spool[-1] is made[-1] and spool[0] is made[0] and spool[3] is not made[3] and spool[3] == made[3]
    again = spool[4]
    assert again.blocks[1].cells[0].box is again.blocks[1].cells[1].box  # shared within the page, as put in
    again.blocks.clear()
    assert spool[4] == page(5)  # a copy: changing it changes nothing kept
    made[-1].notes.append("taken")  # the last page is the object: the reader may still change it
    assert spool[6].notes == ["note 7", "taken"]
    with pytest.raises(IndexError):
        spool[7]
    # the floats one page's boxes share come back shared: one object per value, zeros apart
    row = [Cell(str(k), 0, k, box=Box(9, 10.0 * k + 0.5, 100.25, 10.0 * k + 10.5, 112.75)) for k in range(4)]
    edge = Box(9, -0.0, 100.25, 0.0, 112.75)
    shared = PageSpool(keep=0)
    shared.append(RawPage(9, 595.0, 842.0, [Grid(1, 4, row, edge), TextLine("x", edge)]))
    shared.append(page(10))
    back = shared[0]
    cells = back.blocks[0].cells
    assert [c.box for c in cells] == [c.box for c in row] and back.blocks[0].box == edge
    assert len({id(c.box.top) for c in cells} | {id(back.blocks[0].box.top)}) == 1
    assert cells[0].box.x1 is cells[1].box.x0 or cells[0].box.x1 != cells[1].box.x0
    assert str(back.blocks[0].box.x0) == "-0.0" and str(back.blocks[0].box.x1) == "0.0"
    spool.close()
    assert len(spool) == 0 and list(spool) == []


def test_a_page_the_spool_cannot_write_stays_an_object(monkeypatch):
    """A full disk or no temporary folder (OSError creating or writing the spool's file) costs
    memory, not the document: the page stays an object and every page reads back equal, in order."""
    import tempfile

    from disclosure.model import PageSpool, RawPage, TextLine

    pages = [RawPage(n, 595.0, 842.0, [TextLine(f"第{n}页", None)]) for n in range(1, 7)]
    spool = PageSpool(keep=1)
    for p in pages[:3]:
        spool.append(p)
    assert spool.spilled == 1

    class Full:
        def __init__(self, real):
            self.real = real

        def write(self, data):
            raise OSError(28, "No space left on device")

        def __getattr__(self, name):
            return getattr(self.real, name)

    spool._file = Full(spool._file)
    spool.append(pages[3])  # page 3 cannot be written
    monkeypatch.setattr(spool, "_file", spool._file.real)
    spool.append(pages[4])  # page 4 can
    assert spool.spilled == 2 and spool[2] is pages[2] and spool[3] == pages[3] and spool[3] is not pages[3]

    def no_folder(*a, **k):
        raise OSError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "TemporaryFile", no_folder)
    fresh = PageSpool(keep=0)
    for p in pages:
        fresh.append(p)
    assert fresh.spilled == 0 and list(fresh) == pages and all(a is b for a, b in zip(fresh, pages))
    assert list(spool) == pages[:5] and len(spool) == 5


def test_a_long_document_is_read_with_a_bounded_number_of_pages_alive(monkeypatch):
    """Reading a PDF puts its pages into a PageSpool: past SPOOL_AFTER pages (2 here) only the
    held pages' objects are alive after reading (RawPage, TextLine, Grid, Cell counted by gc), not
    the document's; after structuring none is left once the raw document is dropped; and the
    document is the one read with every page held, byte for byte."""
    from disclosure import model
    from disclosure.emit import jsonout
    from disclosure.extract import read
    from disclosure.model import Cell, Grid, PageSpool, RawPage, TextLine
    from disclosure.structure.build import build

    kinds = (RawPage, TextLine, Grid, Cell)
    base = _live(*kinds)
    monkeypatch.setattr(model, "SPOOL_AFTER", 10**6)
    whole = read(SAMPLE_PDF, "off")
    assert isinstance(whole.pages, PageSpool) and whole.pages.spilled == 0
    every = _live(*kinds, base=base)
    n = len(whole.pages)
    held = [whole.pages[0], whole.pages[1], whole.pages[-1]]
    in_three = {"RawPage": 3, "TextLine": sum(isinstance(b, TextLine) for p in held for b in p.blocks),
                "Grid": sum(isinstance(b, Grid) for p in held for b in p.blocks),
                "Cell": sum(len(b.cells) for p in held for b in p.blocks if isinstance(b, Grid))}
    expected = jsonout.dumps(build(whole, consume=True))
    del whole, held
    assert n >= 10 and every["RawPage"] == n and every["Cell"] > 200

    monkeypatch.setattr(model, "SPOOL_AFTER", 2)
    raw = read(SAMPLE_PDF, "off")
    assert len(raw.pages) == n and raw.pages.spilled == n - 3
    assert _live(*kinds, base=base) == in_three and in_three["Cell"] < every["Cell"] / 2
    doc = build(raw, consume=True)
    del raw
    assert _live(*kinds, base=base) == {"RawPage": 0, "TextLine": 0, "Grid": 0, "Cell": 0}  # lines and cells gone
    assert jsonout.dumps(doc) == expected and len(doc.tables) >= 8 and len(doc.pages) == n


def test_furniture_is_found_through_a_spool_as_through_a_list():
    """furniture() names the running heads and page numbers by (page, block) — a page read back
    from a spool is a new object each time, so no object's id can name a line — and reads the pages
    once: a head printed at the top of every page and the page numbers at their feet are furniture,
    the same text in the body of a page is not, nor is a line without a box."""
    from disclosure.model import Box, PageSpool, RawPage, TextLine
    from disclosure.structure.furniture import furniture

    def page(n: int) -> RawPage:
        lines = [TextLine("某某部门2024年部门预算", Box(n, 100, 20, 400, 32)),
                 TextLine(f"第{n}段正文。", Box(n, 72, 200, 500, 212)),
                 TextLine("某某部门2024年部门预算", Box(n, 72, 400, 500, 412)) if n == 2 else
                 TextLine("正文。", Box(n, 72, 300, 500, 312)),
                 TextLine("某某部门2024年部门预算", None),
                 TextLine(f"- {n} -", Box(n, 280, 800, 320, 812))]
        return RawPage(n, 595.0, 842.0, lines)

    listed = [page(n) for n in range(1, 5)]
    spool = PageSpool(keep=0)
    for p in listed:
        spool.append(page(p.number))
    got = furniture(listed)
    assert got == {(k, 0) for k in range(4)} | {(k, 4) for k in range(4)}
    assert furniture(spool) == got and furniture(iter(listed)) == got


def test_a_table_is_written_row_by_row_as_its_dict_would_be(monkeypatch):
    """document.json's tables of more than ROWS_AT_ONCE rows are encoded member by member and their
    rows one at a time (jsonout.table_parts, an item made as jsonout.Parts): the text is json.dumps' of the whole
    dict tree, character for character, with the C indent and without, indented and on one line,
    for nested Parts, empty lists and empty objects; no piece written holds a whole table."""
    import json

    from disclosure.emit import jsonout
    from disclosure.emit.jsonout import Parts

    parts = [("a", [], None), ("b", [1, 2], str), ("c", [{"x": 1}, {"y": []}], lambda d: Parts(
        [(k, v, None) for k, v in d.items()])), ("d", [Parts([]), 3], lambda x: x),
        ("e", [[1, [2, "二"]]], lambda x: Parts([("z", x, lambda q: q)]))]
    whole = {"a": [], "b": ["1", "2"], "c": [{"x": 1}, {"y": []}], "d": [{}, 3], "e": [{"z": [1, [2, "二"]]}]}
    doc = pipeline.extract(SAMPLE_PDF, ocr="off")
    big = max(doc.tables, key=lambda t: len(t.rows))
    assert len(big.rows) >= 20
    for c in ("1", "0"):
        monkeypatch.setenv("DISCLOSURE_SPEEDUPS", c)
        for indent in (1, None, 3):
            assert "".join(object_chunks(iter(parts), indent)) == json.dumps(whole, ensure_ascii=False, indent=indent)
        assert jsonout.object_dict(parts) == whole
        pieces = list(jsonout.chunks(doc))  # tables of more than 64 rows row by row
        monkeypatch.setattr(jsonout, "ROWS_AT_ONCE", 10**6)
        at_once = list(jsonout.chunks(doc))  # every table whole
        assert "".join(at_once) == "".join(pieces)
        assert jsonout.object_dict(jsonout.table_parts(big)) == jsonout.table_dict(big)
        assert "".join(pieces) == json.dumps(jsonout.document_dict(doc), ensure_ascii=False, indent=1)
        monkeypatch.setattr(jsonout, "ROWS_AT_ONCE", 5)  # the sample's long tables written row by row
        rowwise = list(jsonout.chunks(doc))
        assert "".join(rowwise) == "".join(pieces)
        assert "".join(jsonout.chunks(doc, None)) == json.dumps(jsonout.document_dict(doc), ensure_ascii=False)
        table_text = json.dumps(jsonout.table_dict(big), ensure_ascii=False, indent=1)
        alone = list(object_chunks(iter([("tables", [big], jsonout.table_parts)])))
        assert "".join(alone) == json.dumps({"tables": [jsonout.table_dict(big)]}, ensure_ascii=False, indent=1)
        assert len(alone) > len(big.rows) and max(len(p) for p in alone) < len(table_text) / 2  # row by row
        if c == "1":  # json's one-line encoder and the C indent: one piece per item encoded
            assert max(len(p) for p in at_once) >= len(table_text) > max(len(p) for p in rowwise)
        monkeypatch.setattr(jsonout, "ROWS_AT_ONCE", 64)
        assert jsonout.table_dict(big)["rows"][0]["values"] and list(jsonout.table_dict(big))[-1] == "rows"


def test_a_table_spool_gives_its_tables_back_equal_and_holds_only_its_first():
    """model.Spool keeps its first `keep` items as objects and pickles the others into its file:
    len, indexing (negative too), slices and iteration give items equal to those put in, a copy
    for a spooled one; `rewritten` changes every item into a new spool; `settled` gives a list
    when nothing was spooled."""
    from disclosure.model import Spool, settled

    tables = [_table_of(i) for i in range(1, 6)]
    spool = Spool(keep=2)
    for t in tables:
        spool.append(t)
    assert len(spool) == 5 and spool.spilled == 3 and bool(spool)
    assert list(spool) == tables and spool[-1] == tables[-1] and spool[1:4] == tables[1:4]
    assert spool[0] is tables[0] and spool[4] is not tables[4]
    spool[4].title = "changed"  # a copy: the spool is not changed
    assert spool[4].title == tables[4].title
    new = spool.rewritten(lambda t: setattr(t, "note", f"n{t.index}"))
    assert [t.note for t in new] == ["n1", "n2", "n3", "n4", "n5"] and new.spilled == 3 and len(spool) == 0
    short = Spool(keep=10)
    for t in tables:
        short.append(t)
    assert settled(short) == tables and isinstance(settled(short), list)
    assert settled(new) is new and settled(tables) is tables


def _table_of(index: int):
    from disclosure.model import Amount, Box, Row, Table, Value

    row = Row(0, "", "201", "201", "functional", "类", "一般公共服务支出", "一般公共服务支出", "item",
              [Value("合计", "total", Amount(f"{index}.50", Decimal(f"{index}.50"), "number"), Box(index, 1.5, 2, 3, 4))],
              index)
    return Table(index, "expenditure_summary", "支出总表", "支出总表", "", "万元", Decimal(10000), "", [index],
                 ["合计"], [["合计"]], [[f"{index}.50"]], [index], [""], [row], False, "")


def test_a_long_document_s_tables_are_spooled_and_checked_a_part_at_a_time(monkeypatch, tmp_path):
    """A document of several disclosures (three corpus PDFs joined: three parts) with its tables
    paragraphs and facts spooled past the first (SPOOL_TABLES_AFTER, …_PARAGRAPHS_, …_FACTS_ 1): the checks
    hold at most two parts' tables at once (the part checked and the next, counted by gc at each
    part), never the document's; after the checks and after writing only the first table,
    paragraph and fact are objects; every output file is the one written with every one of them
    held (issue #19: the checked document's growth with pages)."""
    import pypdfium2 as pdfium

    from disclosure import checks, model
    from disclosure.checks import parts
    from disclosure.emit import outdir
    from disclosure.model import Fact, Grid, Paragraph, Spool, Table
    from disclosure.structure import build as build_module

    names = ("putuo-wanli-2024-dept-budget.pdf", "putuo-quzhengfuban-2025-unit-budget.pdf",
             "putuo-wanli-2025-dept-budget.pdf")
    joined = pdfium.PdfDocument.new()
    for n in names:
        joined.import_pages(pdfium.PdfDocument(str(corpus_file(n))))
    path = tmp_path / "joined.pdf"
    joined.save(str(path))

    def written(doc, folder):
        outdir.publish(folder, pipeline.output_files(doc, pipeline.FORMATS, Decimal(1), path, lazy=True))
        return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}

    monkeypatch.setattr(model, "SPOOL_TABLES_AFTER", 10**6)
    whole = pipeline.extract(path, ocr="off")
    assert isinstance(whole.tables, list)
    sizes = [len(g) for g in parts.parts(whole)]
    n = len(whole.tables)
    expected = written(whole, tmp_path / "whole")
    del whole
    assert len(sizes) == 3 and sum(sizes) == n and n >= 20

    base = _live(Table)["Table"]
    base_paragraphs = _live(Paragraph)["Paragraph"]
    base_facts = _live(Fact)["Fact"]
    base_grids = _live(Grid)
    seen: list[int] = []
    each = parts.each

    def counting(doc):
        for got in each(doc):
            seen.append(_live(Table)["Table"] - base)
            yield got

    monkeypatch.setattr(parts, "each", counting)
    monkeypatch.setattr(model, "SPOOL_TABLES_AFTER", 1)
    monkeypatch.setattr(model, "SPOOL_PARAGRAPHS_AFTER", 1)
    monkeypatch.setattr(model, "SPOOL_FACTS_AFTER", 1)
    monkeypatch.setattr(build_module, "_SPOOL_FROM", 1)  # the grids of every table but the last begun
    gridless = build_module._Builder._gridless
    at_end: dict = {}

    def counted(builder):  # the structure stage's tables made next: what of their grids is alive
        at_end.update(_live(Grid, base=base_grids), spooled=sum(p.spooled is not None for p in builder.pending))
        return gridless(builder)

    monkeypatch.setattr(build_module._Builder, "_gridless", counted)
    doc = pipeline.extract(path, ocr="off")
    # every table's grids but the last one's in the file (and those of the 3 pages the metadata reads)
    assert at_end["spooled"] >= n - 4 and at_end["Grid"] <= 8, at_end
    assert isinstance(doc.tables, Spool) and doc.tables.spilled == n - 1 and checks.parts.each is counting
    assert isinstance(doc.paragraphs, Spool) and doc.paragraphs.spilled == len(doc.paragraphs) - 1 > 100
    assert isinstance(doc.facts, Spool) and doc.facts.spilled == len(doc.facts) - 1 > 100
    assert _live(Paragraph)["Paragraph"] - base_paragraphs == 1  # the first held; the others in the file
    assert _live(Fact)["Fact"] - base_facts == 1
    assert len(seen) == 3
    # at part k: the first table held, part k's (+ its copy for the rules given the document with
    # the part's tables only: the same objects) and part k + 1's, read back for the cut of the prose between
    assert seen[0] <= 1 + sizes[0] + sizes[1] and seen[1] <= 1 + sizes[1] + sizes[2] and seen[2] <= 1 + sizes[2]
    assert max(seen) < n
    assert _live(Table)["Table"] - base == 1
    assert written(doc, tmp_path / "spooled") == expected
    assert _live(Table)["Table"] - base == 1
