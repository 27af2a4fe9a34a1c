"""OCR (issue #7): page triage, scanned and broken-text copies of corpus documents read to the same
line items as their text layer, a PDF mixing text and scanned pages, turned pages, confidence and
the doubtful-cell check, and the message when the OCR extra is not installed.

Scanned copies are made here by samples/make_scan.py (200 dpi, tilted ±0.8°, blur, noise, JPEG)
and compared with the original read from its text layer, by table, row and column
(disclosure/compare.py). The acceptance figure on six whole documents is bench/ocr_speed.py's.
"""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pytest

from conftest import ROOT, corpus_file, needs
from disclosure import compare, pipeline
from disclosure.extract import ocr, triage

sys.path.insert(0, str(ROOT / "samples"))
from make_scan import make_scan  # noqa: E402

needs(ocr.available(), f"the OCR extra is not installed ({ocr.INSTALL_HINT})")

WORK: Path | None = None


def _work(tmp_path_factory) -> Path:
    global WORK
    if WORK is None:
        WORK = tmp_path_factory.mktemp("ocr")
    return WORK


@lru_cache(maxsize=None)
def _text_layer(path: str):
    return pipeline.extract(path, ocr="off")


@lru_cache(maxsize=None)
def _read(path: str, mode: str = "auto"):
    return pipeline.extract(path, ocr=mode)


# ---------------------------------------------------------------- triage (no OCR needed)

def _chars(text: str) -> list[dict]:
    return [{"text": t} for t in text]


def test_triage_classes():
    page = (595.0, 842.0)
    full = [{"x0": 0, "x1": 595, "top": 0, "bottom": 842}]
    cover = [{"x0": 90, "x1": 538, "top": 73, "bottom": 679}]  # jianchayuan-2017 p.1: 54 %
    assert triage.classify([], [], *page)[0] == "no_text"
    assert triage.classify([], full, *page) == ("scanned", "no text layer; an image covers 100% of the page")
    assert triage.classify(_chars("第3页"), full, *page)[0] == "scanned"
    assert triage.classify(_chars("江苏省人民检察院2017年部门预算"), cover, *page)[0] == "text"
    kind, reason = triage.classify(_chars("abc") + [{"text": "(cid:1234)"}] * 2, [], *page)
    assert kind == "broken_text" and "2 of 5" in reason
    assert triage.classify(_chars("一般公共预算财政拨款支出") + [{"text": "\ufffd"}], [], *page)[0] == "text"
    # a wrong Unicode map: ideographs of CJK extension A / compatibility blocks no budget prints
    kind, reason = triage.classify(_chars("部门预算\u3400\u4e00\uf900\u3401"), [], *page)
    assert kind == "broken_text" and "rare ideographs" in reason
    assert triage.needs_ocr("scanned", "auto") and triage.needs_ocr("broken_text", "auto")
    assert not triage.needs_ocr("text", "auto") and triage.needs_ocr("text", "force")
    assert not triage.needs_ocr("scanned", "off")


def test_corpus_pages_keep_their_text_layer():
    """auto never OCRs a corpus page: every one has a usable text layer but the blank last page of
    rendaban-2017 and the decorated cover of jianchayuan-2017 (a title over a picture) is text."""
    doc = _read(str(corpus_file("jiangsu-jianchayuan-2017-budget.pdf")))
    assert [p.method for p in doc.pages] == ["text_layer"] * doc.page_count
    assert doc.pages[0].triage == "text" and "image covering 54%" in doc.pages[0].reason
    blank = _read(str(corpus_file("jiangsu-rendaban-2017-budget.pdf"))).pages[30]
    assert (blank.triage, blank.method) == ("no_text", "none")


# ---------------------------------------------------------------- scanned and broken copies

def _agreement(original: Path, copy: Path):
    ref, got = _text_layer(str(original)), _read(str(copy))
    return ref, got, compare.agreement(ref, got)


def test_scanned_copy_matches_text_layer(tmp_path_factory):
    src = corpus_file("jiangsu-rendaban-2019-budget-tables.pdf")
    scan = make_scan(src, _work(tmp_path_factory) / "rendaban-2019-scan.pdf", dpi=200, skew=0.8)
    ref, got, ag = _agreement(src, scan)
    assert all(p.triage == "scanned" and p.method == "ocr" for p in got.pages)
    skews = [p.ocr["skew"] for p in got.pages]
    assert all(abs(abs(s) - 0.8) <= 0.15 or abs(abs(s) - 0.56) <= 0.15 for s in skews), skews
    assert [t.type for t in got.tables] == [t.type for t in ref.tables]
    assert ag.amounts >= 150 and ag.amount_share >= 0.99, ag.differences
    assert ag.code_share >= 0.99 and ag.name_share >= 0.99, ag.differences
    # every OCR amount carries its confidence; a text-layer one has none
    values = [v for t in got.tables for r in t.rows for v in r.values if v.amount.status == "number"]
    assert values and all(0 < v.confidence <= 1 for v in values)
    assert all(v.confidence is None for t in ref.tables for r in t.rows for v in r.values)


def test_broken_text_layer_is_read_by_ocr(tmp_path_factory):
    """Fonts without a Unicode map: the text layer gives (cid:N); the page image is still right."""
    src = corpus_file("jiangsu-shengweiban-2019-budget-tables.pdf")
    broken = _work(tmp_path_factory) / "shengweiban-2019-no-tounicode.pdf"
    data = src.read_bytes()
    assert data.count(b"/ToUnicode") == 12  # one per font
    broken.write_bytes(data.replace(b"/ToUnicode", b"/ToUnicodX"))  # same length: offsets stay valid
    off = pipeline.extract(broken, ocr="off")
    assert all(p.triage == "broken_text" for p in off.pages), [(p.number, p.triage) for p in off.pages]
    assert not any(t.type != "other" for t in off.tables)  # nothing recognisable without OCR
    ref, got, ag = _agreement(src, broken)
    assert all(p.method == "ocr" for p in got.pages)
    assert "have no Unicode map" in got.pages[2].reason
    assert ag.amounts >= 150 and ag.amount_share >= 0.99, ag.differences
    assert ag.code_share >= 0.99 and ag.name_share >= 0.99, ag.differences


def _mixed(tmp_path_factory) -> Path:
    out = _work(tmp_path_factory) / "wanli-2025-mixed.pdf"
    if not out.exists():
        make_scan(corpus_file("putuo-wanli-2025-dept-budget.pdf"), out, pages="3,12", mixed=True)
    return out


@pytest.mark.xdist_group("ocr-wanli-mixed")  # one worker makes and reads _mixed() once
def test_mixed_pdf_reads_each_page_its_way(tmp_path_factory):
    src = corpus_file("putuo-wanli-2025-dept-budget.pdf")
    mixed = _mixed(tmp_path_factory)
    got = _read(str(mixed))
    methods = {p.number: p.method for p in got.pages}
    assert {n for n, m in methods.items() if m == "ocr"} == {3, 12}
    assert all(m == "text_layer" for n, m in methods.items() if n not in (3, 12))
    assert got.pages[2].triage == "scanned" and got.pages[3].triage == "text"
    ref = _text_layer(str(src))
    ag = compare.agreement(ref, got)
    assert ag.amount_share >= 0.995 and ag.code_share == 1.0, ag.differences
    # the scanned page 12 (一般公共预算支出功能分类预算表, continued) is in its table, read by OCR
    rows = [r for t in got.tables for r in t.rows if r.page == 12]
    assert rows and all(v.confidence is not None for r in rows for v in r.values if v.amount.status == "number")
    row = next(r for r in rows if r.code == "2080506")
    assert [v.amount.value for v in row.values if v.amount.status == "number"][:2] == [Decimal("2413577")] * 2


def test_borderless_tables_by_alignment(tmp_path_factory):
    """Pages 5 and 6 scanned with their ruling painted out: the tables are found by the alignment
    of their text, with the same rows, codes and amounts as the ruled text layer."""
    src = corpus_file("jiangsu-rendaban-2019-budget-tables.pdf")
    out = make_scan(src, _work(tmp_path_factory) / "rendaban-2019-borderless.pdf", pages="5,6", mixed=True,
                    no_rules=True)
    got = _read(str(out))
    assert [p.number for p in got.pages if p.method == "ocr"] == [5, 6]
    ref = _text_layer(str(src))
    assert [(t.type, t.pages) for t in got.tables] == [(t.type, t.pages) for t in ref.tables]
    for index in (5, 6):  # 财政拨款支出预算表（功能科目）, 财政拨款基本支出预算表（经济科目）
        want, have = ref.tables[index - 1], got.tables[index - 1]
        assert have.columns == want.columns
        assert [(r.code, r.name) for r in have.rows] == [(r.code, r.name) for r in want.rows]
        assert [[v.amount.value for v in r.values] for r in have.rows] == \
            [[v.amount.value for v in r.values] for r in want.rows]


def test_borderless_table_over_pages(tmp_path_factory):
    """wanli-2025 pp.20–24 (一般公共预算支出功能分类预算表, three header rows, repeated on every page)
    with the ruling painted out: one table over the five pages, every amount as in the text layer."""
    src = corpus_file("putuo-wanli-2025-dept-budget.pdf")
    out = make_scan(src, _work(tmp_path_factory) / "wanli-2025-borderless.pdf", pages="20-24", mixed=True,
                    no_rules=True)
    got, ref = _read(str(out)), _text_layer(str(src))
    assert [(t.type, t.pages) for t in got.tables] == [(t.type, t.pages) for t in ref.tables]
    ag = compare.agreement(ref, got, keep=10_000)
    on_pages = [d for d in ag.differences if d["page"] in range(20, 25)]
    printed = sum(1 for t in ref.tables for r in t.rows if r.page in range(20, 25) for v in r.values
                  if v.amount.status != "blank")
    assert ag.amounts == sum(1 for t in ref.tables for r in t.rows for v in r.values if v.amount.status != "blank")
    assert printed > 150  # five pages of codes with three amount columns each
    assert len(on_pages) <= 2, on_pages  # read exactly here; a misread digit or two is OCR, not layout
    assert all(p.ocr["rotation"] == 0 for p in got.pages if p.method == "ocr")  # columns of figures: not on its side


def _sandwich(scan: Path, text_pdf: Path, page_no: int, out: Path, wrong: bool) -> Path:
    """The scan with an invisible text layer over it, as OCR software makes: the words of the text
    PDF's page at their places (right) or other characters there (wrong)."""
    import pdfplumber
    import pypdfium2
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    image = pypdfium2.PdfDocument(str(scan))[0].render(scale=200 / 72, grayscale=True).to_pil()
    with pdfplumber.open(text_pdf) as pdf:
        page = pdf.pages[page_no - 1]
        w, h, words = float(page.width), float(page.height), page.extract_words()
    c = canvas.Canvas(str(out), pagesize=(w, h))
    c.drawImage(ImageReader(image), 0, 0, w, h)
    t = c.beginText()
    t.setTextRenderMode(3)  # invisible
    for word in words:
        t.setFont("STSong-Light", 9)
        t.setTextOrigin(word["x0"], h - word["bottom"])
        t.textOut("风花雪月春夏秋冬"[:max(1, len(word["text"]))] if wrong else word["text"])
    c.drawText(t)
    c.save()
    return out


def _p12(tmp_path_factory) -> Path:
    """wanli-2025 p.12 scanned upright (make_scan's defaults): read by OCR once for the two tests below."""
    out = _work(tmp_path_factory) / "p12-scan.pdf"
    if not out.exists():
        make_scan(corpus_file("putuo-wanli-2025-dept-budget.pdf"), out, pages="12")
    return out


@pytest.mark.xdist_group("ocr-wanli-p12")  # one worker makes and reads _p12() once
def test_text_layer_over_a_scan_is_checked(tmp_path_factory):
    """An invisible text layer over a page-sized image is read both ways: one that says something
    else than the image is set aside (broken_text); one that agrees, but has no ruling, gives way to
    the image's tables; a clean text page checked with --ocr verify keeps its text layer."""
    src = corpus_file("putuo-wanli-2025-dept-budget.pdf")
    work = _work(tmp_path_factory)
    scan = _p12(tmp_path_factory)
    want = [(r.code, [v.amount.value for v in r.values]) for t in _read(str(scan)).tables for r in t.rows]
    wrong = _read(str(_sandwich(scan, src, 12, work / "sandwich-wrong.pdf", wrong=True)))
    page = wrong.pages[0]
    assert (page.triage, page.method) == ("broken_text", "ocr") and page.ocr["agreement"] < 0.1
    assert "does not say what the page shows" in page.reason
    assert [(r.code, [v.amount.value for v in r.values]) for t in wrong.tables for r in t.rows] == want
    right = _read(str(_sandwich(scan, src, 12, work / "sandwich-right.pdf", wrong=False)))
    page = right.pages[0]
    assert (page.triage, page.method) == ("text_over_image", "ocr") and page.ocr["agreement"] >= 0.9
    assert sum(len(t.rows) for t in right.tables) == len(want)
    import pypdfium2

    one = pypdfium2.PdfDocument.new()
    one.import_pages(pypdfium2.PdfDocument(str(src)), [11])
    one.save(str(work / "p12-text.pdf"))
    checked = pipeline.extract(work / "p12-text.pdf", ocr="verify")
    page = checked.pages[0]
    assert (page.triage, page.method) == ("text", "text_layer") and page.ocr["agreement"] >= 0.9
    assert pipeline.extract(work / "p12-text.pdf", ocr="auto").pages[0].ocr == {}


@pytest.mark.xdist_group("ocr-wanli-p12")  # one worker makes and reads _p12() once
def test_turned_pages_are_set_upright(tmp_path_factory):
    src = corpus_file("putuo-wanli-2025-dept-budget.pdf")
    upright = _read(str(_p12(tmp_path_factory)))
    want = [(r.code, [v.amount.value for v in r.values]) for t in upright.tables for r in t.rows]
    assert len(want) >= 15
    for turn in (90, 180, 270):
        doc = _read(str(make_scan(src, _work(tmp_path_factory) / f"p12-{turn}.pdf", pages="12", rotate=turn)))
        assert doc.pages[0].ocr["rotation"] == (360 - turn) % 360
        got = [(r.code, [v.amount.value for v in r.values]) for t in doc.tables for r in t.rows]
        assert len(got) == len(want)
        assert sum(g == w for g, w in zip(got, want)) >= len(want) - 1, [(g, w) for g, w in zip(got, want) if g != w]


# ---------------------------------------------------------------- outputs and checks

@pytest.mark.xdist_group("ocr-wanli-mixed")  # one worker makes and reads _mixed() once
def test_outputs_carry_method_and_confidence(tmp_path_factory, tmp_path):
    from disclosure.emit import csvout, jsonout
    from schema_check import validate

    got = _read(str(_mixed(tmp_path_factory)))
    schemas = ROOT / "disclosure" / "schemas"
    doc = jsonout.document_dict(got)
    validate(json.loads(json.dumps(doc)), json.loads((schemas / "document.schema.json").read_text()))
    page = doc["pages"][11]
    assert page["method"] == "ocr" and page["ocr"]["dpi"] == 200 and page["ocr"]["mean_confidence"] > 0.95
    assert doc["pages"][0]["method"] == "text_layer" and doc["pages"][0]["ocr"] == {}
    rows = list(csv.DictReader(io.StringIO(csvout.line_items(got))))
    line_schema = json.loads((schemas / "line_items.schema.json").read_text())
    for r in rows:
        validate(r, line_schema)
    assert {r["confidence"] != "" for r in rows if r["page"] == "12"} == {True}
    assert {r["confidence"] for r in rows if r["page"] == "13"} == {""}


@pytest.mark.xdist_group("ocr-wanli-mixed")  # one worker makes and reads _mixed() once
def test_doubtful_cell_named_when_a_sum_fails(tmp_path_factory):
    """A misread OCR cell breaks a sum: the check names the least confident cell of that sum."""
    from disclosure import checks

    got = _read(str(_mixed(tmp_path_factory)))
    assert not [f for f in got.findings if f.rule == "ocr.doubtful_cell"]  # the page reads right
    row = next(r for t in got.tables for r in t.rows if r.page == 12 and r.code == "2080506")
    v = next(v for v in row.values if v.amount.status == "number")
    old = (v.amount, v.confidence)
    try:
        v.amount = type(v.amount)("2,418,577", Decimal("2418577"), "number")  # 3 read as 8
        v.confidence = 0.62
        found = checks.run(got)
    finally:
        v.amount, v.confidence = old
    doubt = [f for f in found if f.rule == "ocr.doubtful_cell"]
    assert doubt and all(f.severity == "warning" for f in doubt)
    assert doubt[0].evidence[0].printed == "2,418,577" and "0.620" in doubt[0].message_en
    low = [f for f in found if f.rule == "ocr.low_confidence"]
    assert [f.evidence[0].printed for f in low] == ["2,418,577"]


@pytest.mark.xdist_group("ocr-wanli-mixed")  # one worker makes and reads _mixed() once
def test_compare_command(tmp_path_factory):
    from click.testing import CliRunner

    from disclosure.cli import main

    src = corpus_file("putuo-wanli-2025-dept-budget.pdf")
    run = CliRunner().invoke(main, ["compare", str(src), str(_mixed(tmp_path_factory)), "--json", "--min-share", "0.99"])
    assert run.exit_code == 0, run.output
    figures = json.loads(run.stdout)
    ref = _text_layer(str(src))
    assert figures["amounts"]["of"] == sum(1 for t in ref.tables for r in t.rows for v in r.values
                                           if v.amount.status != "blank")
    assert figures["amounts"]["share"] >= 0.995
    assert figures["codes"]["share"] == 1.0
    strict = CliRunner().invoke(main, ["compare", str(src), str(src), "--min-share", "1"])
    assert strict.exit_code == 0 and "amounts:" in strict.stdout and "(100.00%)" in strict.stdout


@pytest.mark.xdist_group("ocr-wanli-mixed")  # one worker makes and reads _mixed() once
def test_batch_dataset_records_pages_and_confidence(tmp_path_factory, tmp_path):
    import duckdb

    from disclosure.batch import runner

    db = tmp_path / "scans.duckdb"
    summary = runner.run([str(_mixed(tmp_path_factory))], db, workers=1, timeout=600)
    assert summary.count("ok") == 1 and len(summary.outcomes) == 1
    con = duckdb.connect(str(db))
    pages = dict(con.execute("SELECT page, method FROM pages").fetchall())
    assert len(pages) == 31 and {p for p, m in pages.items() if m == "ocr"} == {3, 12}
    conf = con.execute("SELECT min(confidence), max(confidence), count(*) FROM line_items WHERE page = 12").fetchone()
    assert 0.5 < conf[0] <= conf[1] <= 1 and conf[2] > 50
    assert con.execute("SELECT count(*) FROM line_items WHERE page = 13 AND confidence IS NOT NULL").fetchone()[0] == 0
    assert con.execute("SELECT value FROM meta WHERE key = 'dataset_version'").fetchone()[0] == "10"


@pytest.mark.xdist_group("ocr-wanli-mixed")  # one worker makes and reads _mixed() once
def test_without_the_ocr_extra(tmp_path_factory, tmp_path):
    """rapidocr not importable: the scanned pages are reported with the install command, the text
    pages are still extracted, and the exit code is 0 (the file was read)."""
    mixed = _mixed(tmp_path_factory)
    # the extra is missing in every process: the CLI's and the workers' it reads each file in
    # (a sitecustomize on their path blocks the imports)
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('rapidocr', 'onnxruntime'):\n"
        "            raise ImportError(f'No module named {name!r}', name=name)\n"
        "sys.meta_path.insert(0, Block())\n", encoding="utf-8")
    code = ("from disclosure.cli import main\n"
            f"import sys; sys.argv = ['disclosure', 'extract', {str(mixed)!r}, '-o', {str(tmp_path / 'out')!r}]\n"
            "main()\n")
    path = os.pathsep.join([str(site), str(ROOT)])
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                         env={**os.environ, "PYTHONPATH": path})
    assert run.returncode == 0, run.stderr
    assert run.stderr.count("pip install 'disclosure[ocr]'") == 1, run.stderr  # said once (issue #18)
    warned = [ln for ln in run.stderr.splitlines() if "not read by OCR" in ln]
    assert len(warned) == 1 and "pages 3, 12: " in warned[0], run.stderr
    doc = json.loads((tmp_path / "out" / "wanli-2025-mixed-pdf" / "document.json").read_text())
    assert [p["number"] for p in doc["pages"] if p["method"] == "none"] == [3, 12]
    assert len(doc["tables"]) >= 8
