"""Bad inputs: a one-line error naming the file and the reason, exit code 2, other inputs still done."""
from __future__ import annotations

import json
import shutil

import pytest

from click.testing import CliRunner

from conftest import SAMPLE_PDF, SEED_TEXT
from disclosure.cli import main


def _encrypted(path):
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas
    c = canvas.Canvas(str(path), encrypt=StandardEncryption("secret", canPrint=0))
    c.drawString(72, 720, "locked")
    c.save()


def test_bad_files_fail_alone(tmp_path):
    good = tmp_path / "good.pdf"
    shutil.copy(SAMPLE_PDF, good)
    data = SAMPLE_PDF.read_bytes()
    (tmp_path / "truncated.pdf").write_bytes(data[: len(data) // 3])
    (tmp_path / "zero.pdf").write_bytes(b"")
    (tmp_path / "notes.pdf").write_text("this is not a pdf", encoding="utf-8")
    (tmp_path / "corrupt.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 20)
    _encrypted(tmp_path / "locked.pdf")
    bad = ["truncated.pdf", "zero.pdf", "notes.pdf", "corrupt.pdf", "locked.pdf"]
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["extract", *[str(tmp_path / b) for b in bad], str(good),
                                       str(SEED_TEXT), "-o", str(out)])
    assert result.exit_code == 2, result.output
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("disclosure: error:")]
    assert len(errors) == len(bad), result.stderr
    for name in bad:
        line = next(ln for ln in errors if name in ln)
        assert line.count("\n") == 0 and len(line) < 300
    reasons = {name: next(ln for ln in errors if name in ln) for name in bad}
    assert "empty file" in reasons["zero.pdf"]
    assert "not a PDF" in reasons["notes.pdf"]
    assert "encrypted" in reasons["locked.pdf"]
    assert "corrupt or truncated" in reasons["corrupt.pdf"]
    # the good inputs are fully processed
    doc = json.loads((out / "good-pdf" / "document.json").read_text(encoding="utf-8"))
    assert [t["number"] for t in doc["tables"] if t["number"]] == ["表一", "表四", "表六"]
    assert (out / "kashgar-2021-budget-txt" / "line_items.csv").exists()
    for name in bad:
        assert not (out / name[:-4]).exists()


def test_failed_rerun_keeps_earlier_outputs(tmp_path):
    src = tmp_path / "doc.pdf"
    shutil.copy(SAMPLE_PDF, src)
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["extract", str(src), "-o", str(out)]).exit_code == 0
    before = (out / "doc-pdf" / "document.json").read_bytes()
    src.write_bytes(b"")  # the file is replaced by a broken one
    result = CliRunner().invoke(main, ["extract", str(src), "-o", str(out)])
    assert result.exit_code == 2
    assert (out / "doc-pdf" / "document.json").read_bytes() == before


def test_stdout_stream(tmp_path):
    result = CliRunner().invoke(main, ["extract", str(SEED_TEXT), "-o", "-"])
    assert result.exit_code == 0
    doc = json.loads(result.stdout.strip())
    assert doc["metadata"]["year"] == 2021


def test_page_without_text_is_reported(tmp_path):
    from reportlab.pdfgen import canvas
    path = tmp_path / "blank-page.pdf"
    c = canvas.Canvas(str(path))
    c.rect(100, 100, 200, 200)
    c.showPage()
    c.save()
    result = CliRunner().invoke(main, ["extract", str(path), "-o", str(tmp_path / "o")])
    assert result.exit_code == 0
    assert "page 1: page has no text layer" in result.stderr


def test_json_inputs_are_refused_not_read_as_prose(tmp_path):
    """`extract` of a document.json, or of a scraper's JSON list of page texts, read the JSON as one
    page of plain text (exit 0, no table, dozens of junk findings: the corpus's page-text JSON gave
    74). Each is now a one-line error (exit 2) saying what it is; the other inputs are done, and a
    text that only starts with a bracket is still read as text."""
    out = tmp_path / "out"
    first = CliRunner().invoke(main, ["extract", str(SEED_TEXT), "-o", str(out)])
    assert first.exit_code == 0, first.output
    doc_json = out / "kashgar-2021-budget-txt" / "document.json"
    pages = tmp_path / "pages.json"
    pages.write_text(json.dumps([{"page": 1, "text": "上海市普陀区2026年区级单位预算"},
                                 {"page": 2, "text": "一、单位主要职能"}], ensure_ascii=False), encoding="utf-8")
    bracket = tmp_path / "note.txt"
    bracket.write_text("[附件] 2021年部门预算公开说明\n一、主要职能\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["extract", str(doc_json), str(pages), str(bracket), "-o", str(tmp_path / "again")])
    assert r.exit_code == 2, r.output
    errors = [ln for ln in r.stderr.splitlines() if ln.startswith("disclosure: error:")]
    assert errors == [
        f"disclosure: error: {doc_json}: a document.json written by `disclosure extract`, not a source: "
        "`check`, `report` and disclosure.extract read it again",
        f"disclosure: error: {pages}: JSON data, not a disclosure (extract reads PDF, spreadsheets, Word, "
        "web pages, page texts and plain text)"]
    assert not (tmp_path / "again" / "document-json").exists() and not (tmp_path / "again" / "pages-json").exists()
    assert (tmp_path / "again" / "note-txt" / "paragraphs.csv").exists()
    # the Python API (and `check`, `report`) read a .json as a document.json: other JSON says what it is,
    # not the parser's TypeError
    import disclosure
    from disclosure.extract.errors import InputError
    with pytest.raises(InputError) as e:
        disclosure.extract(pages)
    assert str(e.value) == (f"{pages}: JSON data, not a disclosure and not a document.json written by "
                            "`disclosure extract` (extract reads PDF, spreadsheets, Word, web pages, page texts "
                            "and plain text)")
