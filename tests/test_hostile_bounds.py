"""Issue #19, the bounds inside a PDF: the decompressed size of a stream (--max-stream), the nesting
of form XObjects (--max-xobject-depth) and the XObject draws of a page (--max-xobject-draws), on
hand-built Flate bombs and XObject fan-outs (samples/hostile.py)."""
from __future__ import annotations

import json
import sys
import zlib

import pytest
from click.testing import CliRunner

from conftest import ROOT, SAMPLE_PDF, SEED_TEXT
from disclosure.cli import main
from disclosure.emit import outdir

sys.path.insert(0, str(ROOT / "samples"))
import hostile  # noqa: E402

LIMIT = "120"  # seconds: a guard against a hang, not a measure of speed


def _errors(result) -> list[str]:
    return [ln for ln in result.stderr.splitlines() if ln.startswith("disclosure: error:")]


def _warnings(result, path) -> list[str]:
    return [ln for ln in result.stderr.splitlines() if ln.startswith(f"disclosure: warning: {path}: ")]


# ------------------------------------------------------------------ decompressed stream size

def test_inflate_stops_at_the_limit_and_fails_as_zlib_does():
    from disclosure.extract.streams import StreamTooLarge, inflate, inflate_corrupted

    data = zlib.compress(b"x" * 1000)
    assert inflate(data, 1000) == b"x" * 1000 and inflate(data, 0) == b"x" * 1000
    with pytest.raises(StreamTooLarge, match=r"--max-stream"):
        inflate(data, 999)
    with pytest.raises(zlib.error):  # truncated: zlib.decompress raises, so pdfminer tries its repair
        inflate(data[:-6], 10_000)
    assert inflate_corrupted(data[:-2], 10_000) == b"x" * 1000  # checksum cut: the data is kept
    with pytest.raises(StreamTooLarge):
        inflate_corrupted(data[:-2], 999)


def test_a_stream_over_the_limit_is_refused_though_a_time_budget_runs_out_while_it_inflates():
    """The XObject survey runs under a 5 s budget; one zlib call inflating a bomb up to --max-stream
    could outlast it on a loaded machine, and the page then went to pdfium unchecked (a 300 MB bomb
    read as a blank page: the outcome depended on the load). The size decides; a budget running out
    during the call is raised after it, when the stream was within the limit."""
    from disclosure.extract.guard import OverBudget, budget
    from disclosure.extract.streams import StreamTooLarge, inflate

    bomb = zlib.compress(b" " * (64 << 20))  # 64 MB: inflating 32 MB takes far longer than 1 ms
    with pytest.raises(StreamTooLarge):
        with budget(0.001, "XObject survey"):
            inflate(bomb, 32 << 20)
    with pytest.raises(OverBudget):  # within the limit: the budget still holds, once the call is done
        with budget(0.001, "XObject survey"):
            assert len(inflate(bomb, 128 << 20)) == 64 << 20
            raise AssertionError("the budget ran out during the inflate: raised when it ended")


@pytest.mark.parametrize("reader", ["pdfium", "pdfminer"])
def test_a_flate_bomb_over_max_stream_is_one_line_and_the_rest_goes_on(reader, tmp_path, monkeypatch):
    monkeypatch.setenv("DISCLOSURE_PDF_READER", reader)  # --reader sets it: restored after the test
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(hostile.flate_bomb(24))  # 24 MB of spaces in 24 KB
    r = CliRunner().invoke(main, ["--reader", reader, "extract", str(bomb), str(SEED_TEXT), "-o", str(tmp_path / "out"),
                                  "--ocr", "off", "--timeout", LIMIT, "--max-stream", "16"])
    assert r.exit_code == 2
    assert _errors(r) == [f"disclosure: error: {bomb}: a stream decompresses to more than 16 MB (--max-stream 16 MB)"]
    assert (tmp_path / "out" / "kashgar-2021-budget-txt" / "document.json").exists()
    # under the limit the same file is read (its page is blank)
    r = CliRunner().invoke(main, ["--reader", reader, "extract", str(bomb), "-o", str(tmp_path / "out2"),
                                  "--ocr", "off", "--timeout", LIMIT, "--max-stream", "32"])
    assert r.exit_code == 0, r.stderr
    assert (tmp_path / "out2" / "bomb-pdf" / "document.json").exists()


def test_the_default_max_stream_refuses_a_300_mb_bomb_and_the_variable_sets_it(tmp_path):
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(hostile.flate_bomb(300))
    r = CliRunner().invoke(main, ["extract", str(bomb), "-o", str(tmp_path / "out"), "--ocr", "off", "--timeout", LIMIT])
    assert _errors(r) == [f"disclosure: error: {bomb}: a stream decompresses to more than 256 MB (--max-stream 256 MB)"], r.stderr
    small = tmp_path / "small.pdf"
    small.write_bytes(hostile.flate_bomb(3))
    r = CliRunner(env={"DISCLOSURE_MAX_STREAM_MB": "2"}).invoke(
        main, ["extract", str(small), "-o", str(tmp_path / "out"), "--ocr", "off", "--timeout", LIMIT])
    assert _errors(r) == [f"disclosure: error: {small}: a stream decompresses to more than 2 MB (--max-stream 2 MB)"]


def test_real_documents_are_within_the_bounds(tmp_path):
    """The seed PDF reads as before: no page note about XObjects or streams."""
    r = CliRunner().invoke(main, ["extract", str(SAMPLE_PDF), "-o", str(tmp_path / "out"), "--ocr", "off",
                                  "--format", "json", "--max-stream", "1"])
    assert r.exit_code == 0, r.stderr
    doc = json.loads((tmp_path / "out" / "kashgar-2021-budget-pdf" / "document.json").read_text(encoding="utf-8"))
    assert len(doc["tables"]) >= 3
    assert not [p for p in doc["problems"] if "XObject" in p["reason"]]


# ------------------------------------------------------------------ XObject depth and draws

def _pages(data: bytes):
    import io

    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    return list(PDFPage.create_pages(PDFDocument(PDFParser(io.BytesIO(data)))))


def test_the_survey_counts_every_draw_and_the_depth():
    from disclosure.extract.xobjects import survey

    page, = _pages(hostile.fan_out(8, 4))  # the page draws X once; each of 8 forms draws the next 4 times
    got = survey(page, 0, 0)
    assert (got.draws, got.depth) == (sum(4 ** k for k in range(8)), 8)
    assert got.over(12, 20_000) == "more than 20000 XObject draws (--max-xobject-draws 20000)"
    assert got.over(7, 0) == "form XObjects nested more than 7 deep (--max-xobject-depth 7)"
    assert got.over(8, 21_845) == ""
    huge = survey(_pages(hostile.fan_out(20, 4))[0], 12, 2000)  # 4**20 draws: counting stops past the bound
    assert huge.draws > 2000 or huge.depth > 12
    loop, = _pages(hostile.resources_loop())  # a form drawing itself: one draw, not followed
    got = survey(loop, 0, 0)
    assert (got.draws, got.depth) == (2, 1)
    plain, = _pages(hostile.plain())
    assert (survey(plain, 12, 2000).draws, survey(plain, 12, 2000).depth) == (0, 0)


@pytest.mark.parametrize("reader", ["pdfium", "pdfminer"])
def test_an_xobject_fan_out_is_read_without_the_excess_and_said_so(reader, tmp_path, monkeypatch):
    """4**8 draws of a form holding '2021 budget': the first 2000 draws are read (the text is
    there, shrunk), the rest are not, and a warning with the file and the page says so."""
    monkeypatch.setenv("DISCLOSURE_PDF_READER", reader)
    path = tmp_path / "fan.pdf"
    path.write_bytes(hostile.fan_out(8, 4))
    r = CliRunner().invoke(main, ["--reader", reader, "extract", str(path), "-o", str(tmp_path / "out"),
                                  "--ocr", "off", "--timeout", LIMIT, "--format", "json"])
    assert r.exit_code == 0, r.stderr
    warned = _warnings(r, path)
    assert any(w.startswith(f"disclosure: warning: {path}: page 1: page read without ") and
               "XObject draws past --max-xobject-draws 2000" in w for w in warned), r.stderr
    if reader == "pdfium":
        assert f"disclosure: warning: {path}: page 1: more than 2000 XObject draws (--max-xobject-draws 2000): " \
               "not read by pdfium" in warned
    doc = json.loads((tmp_path / "out" / "fan-pdf" / "document.json").read_text(encoding="utf-8"))
    assert "budget" in " ".join(p["text"] for p in doc["paragraphs"])  # drawn at 1/256 scale: no spaces
    reasons = [p["reason"] for p in doc["problems"] if p["page"] == 1]
    assert any("--max-xobject-draws 2000" in x for x in reasons)


@pytest.mark.parametrize("levels, copies", [(20, 4), (30, 3), (8, 64)])
def test_the_fan_outs_that_crashed_at_4096_mb_are_read_within_the_bounds(levels, copies, tmp_path):
    """Before the bounds, pdfium expanded every draw when it loaded the page and aborted at the
    memory limit (bench/fuzz.py: 5 workers crashed). Now the page is read within the bounds under
    a memory limit of 1024 MB."""
    path = tmp_path / "fan.pdf"
    path.write_bytes(hostile.fan_out(levels, copies))
    r = CliRunner().invoke(main, ["extract", str(path), "-o", str(tmp_path / "out"), "--ocr", "auto",
                                  "--timeout", LIMIT, "--max-memory", "1024"])
    assert r.exit_code == 0, r.stderr
    warned = " ".join(_warnings(r, path))
    assert "page 1: page read without" in warned
    assert ("--max-xobject-depth 12" in warned) == (levels > 12)
    # a lower bound, given as an option, is the one said
    r = CliRunner().invoke(main, ["extract", str(path), "-o", str(tmp_path / "out2"), "--ocr", "off",
                                  "--timeout", LIMIT, "--max-xobject-depth", "3"])
    assert r.exit_code == 0, r.stderr
    assert "--max-xobject-depth 3" in " ".join(_warnings(r, path))


def test_limits_pass_the_new_bounds_to_workers():
    from disclosure import limits

    env = limits.Limits(max_stream_mb=8, max_xobject_depth=3, max_xobject_draws=50).env()
    assert env["DISCLOSURE_MAX_STREAM_MB"] == "8" and env["DISCLOSURE_MAX_XOBJECT_DEPTH"] == "3" and \
        env["DISCLOSURE_MAX_XOBJECT_DRAWS"] == "50"
    assert (limits.Limits().max_stream_mb, limits.Limits().max_xobject_depth, limits.Limits().max_xobject_draws) == \
        (256, 12, 2000)


# ------------------------------------------------------------------ memory flat in pages

def test_the_worker_writes_document_json_as_dumps_gives_it(tmp_path):
    """The worker encodes document.json straight into its file (emit/jsonout.writer), never whole
    in memory: the text is the one jsonout.dumps gives, and the CSVs and findings are there."""
    from disclosure import pipeline
    from disclosure.emit import jsonout

    r = CliRunner().invoke(main, ["extract", str(SEED_TEXT), "-o", str(tmp_path / "out")])
    assert r.exit_code == 0, r.stderr
    folder = tmp_path / "out" / "kashgar-2021-budget-txt"
    assert (folder / "document.json").read_text(encoding="utf-8") == jsonout.dumps(pipeline.extract(SEED_TEXT))
    assert {"findings.json", "line_items.csv", "datapackage.json", "tables"} <= {p.name for p in folder.iterdir()}
    assert json.loads((folder / "document.json").read_text(encoding="utf-8"))["tables"]


def _folder_text(folder, files: dict) -> None:
    """Every file of `files` (pipeline.output_files' text form) is in `folder` as those bytes, and
    the folder holds nothing else."""
    assert {p.name for p in folder.iterdir()} == set(files)
    for name, content in files.items():
        if isinstance(content, dict):
            _folder_text(folder / name, content)
        else:
            assert (folder / name).read_bytes() == content.encode("utf-8"), name


@pytest.mark.parametrize("source", ["sample", "corpus"])
def test_the_worker_writes_every_output_as_the_text_forms_give_it(tmp_path, source):
    """The worker writes document.json, findings.json and every CSV as it makes them (jsonout.chunks,
    findingsout.writer, csvout.CsvFile), never whole in memory: byte for byte the text forms
    (pipeline.output_files without lazy), with --excel's byte order marks too."""
    from decimal import Decimal

    from conftest import corpus_file
    from disclosure import pipeline
    from disclosure.emit import csvout

    path = SAMPLE_PDF if source == "sample" else corpus_file("putuo-wanli-2025-dept-budget.pdf")
    doc = pipeline.extract(path, ocr="off")
    files = pipeline.output_files(doc, pipeline.FORMATS, Decimal(1))
    assert all(isinstance(v, (str, dict)) for v in files.values())
    assert len(files["tables"]) == len(doc.tables) >= 8 and files["line_items.csv"].count("\n") > 50
    for excel, out in ((False, "plain"), (True, "excel")):
        r = CliRunner().invoke(main, ["extract", str(path), "-o", str(tmp_path / out), "--ocr", "off"]
                               + (["--excel"] if excel else []))
        assert r.exit_code == 0, r.stderr
        _folder_text(tmp_path / out / outdir.input_name(path), csvout.with_bom(files) if excel else files)


def test_chunks_give_dumps_text_at_any_indent():
    """document.json made one item at a time (jsonout.chunks) is dumps' text: empty lists, strings
    with line breaks (escaped, so never indented), U+2028, quotes, nested header rows."""
    from dataclasses import replace

    from disclosure import pipeline
    from disclosure.emit import jsonout
    from disclosure.model import Paragraph

    doc = pipeline.extract(SAMPLE_PDF, ocr="off")
    odd = Paragraph(len(doc.paragraphs), '一行\n二行\u2028 "引" \\ 末', ["一、", "（一）"], "", "paragraph", 2, [2, 3])
    for d in (doc, replace(doc, paragraphs=doc.paragraphs + [odd]),
              replace(doc, tables=[], paragraphs=[], facts=[], findings=[], ledger=[], pages=[], problems=[])):
        for indent in (1, 2, 4):
            assert "".join(jsonout.chunks(d, indent)) == jsonout.dumps(d, indent)
    assert '"tables": []' in "".join(jsonout.chunks(d))


def test_model_objects_with_slots_pickle_and_compare():
    """The per-cell classes of the model have __slots__ (less memory a value, #19): a document still
    pickles (a worker's result, a batch's volumes) and compares equal after the round trip."""
    import pickle

    from disclosure import pipeline
    from disclosure.model import Box, Cell, TextLine, Value

    doc = pipeline.extract(SAMPLE_PDF, ocr="off")
    for obj in (Box(1, 0, 0, 1, 1), TextLine("x", None), Cell("x", 0, 0), doc.tables[0].rows[0].values[0]):
        assert not hasattr(obj, "__dict__") and isinstance(obj, (Box, TextLine, Cell, Value))
    back = pickle.loads(pickle.dumps(doc))
    assert back == doc and back.tables[0].rows[0].values[0].box == doc.tables[0].rows[0].values[0].box
    assert hash(Box(1, 0.5, 1, 2, 3)) == hash(Box(1, 0.5, 1, 2, 3))


def test_encode_gives_json_dumps_text():
    from disclosure.emit.jsonout import encode

    obj = {"a": [1, {"b": "预算 \ud800"}, None], "c": {"d": [], "e": {}}, "f": 1.5}
    assert encode(obj) == json.dumps(obj, ensure_ascii=False, indent=1)
    assert encode(obj, None) == json.dumps(obj, ensure_ascii=False)


def test_a_zip_member_over_max_stream_is_refused(tmp_path, monkeypatch):
    """An .xlsx is a zip: a member of 3 MB of zeros (3 KB stored) is over --max-stream 2."""
    import zipfile

    from disclosure.extract import read
    from disclosure.extract.errors import InputError

    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (3 * 1048576))
    r = CliRunner().invoke(main, ["extract", str(path), "-o", str(tmp_path / "out"), "--max-stream", "2",
                                  "--timeout", LIMIT])
    assert _errors(r) == [f"disclosure: error: {path}: 'xl/worksheets/sheet1.xml' in the zip decompresses to 3 MB, "
                          "more than --max-stream 2 MB"]
    monkeypatch.setenv("DISCLOSURE_MAX_STREAM_MB", "2")  # the limit from the environment, in this process
    with pytest.raises(InputError) as e:
        read(path)
    assert "--max-stream 2 MB" in e.value.reason
    monkeypatch.setenv("DISCLOSURE_MAX_STREAM_MB", "4")  # within it, the file goes to its reader
    with pytest.raises(InputError) as e:
        read(path)
    assert "--max-stream" not in e.value.reason
