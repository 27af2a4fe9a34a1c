"""The review report of a document.json (issue #17): `disclosure report OUT/<doc>` (or its
document.json) builds the report without reading the source again, with its pages drawn from the
PDF when it is found (--pdf, or beside) and said on the page when it is not; and the page images
of a long document as files beside the report, loaded lazily (`--images files`, `auto` beyond
report.INLINE_PAGES pages)."""
from __future__ import annotations

import json
import re
import shutil

import pytest

from conftest import SAMPLE_PDF, SEED_TEXT, extracted
from test_report import Elements, _classes, _cli

from disclosure.emit import report


@pytest.fixture()
def extracted_folder(tmp_path):
    """`disclosure extract` of the seed PDF (every format, no report) into tmp_path/out."""
    r = _cli("extract", str(SAMPLE_PDF), "-o", str(tmp_path / "out"))
    assert r.returncode == 0, r.stderr
    return tmp_path / "out" / "kashgar-2021-budget-pdf"


def _findings(html: str) -> list[tuple[str, str]]:
    return [(a["id"], a["data-rule"]) for a in Elements(html).find("li") if "finding" in _classes(a)]


def test_report_of_a_folder_with_the_pdf_given(extracted_folder, tmp_path):
    folder = extracted_folder
    before = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))
    assert "tables" in before and "document.json" in before
    r = _cli("report", str(folder), "--pdf", str(SAMPLE_PDF), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert f"-> {folder / 'report.html'}" in r.stderr and "disclosure: warning" not in r.stderr
    # written into the folder itself, every file and sub-folder extract wrote kept
    after = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))
    assert after == sorted(before + ["report.html"])
    html = (folder / "report.html").read_text(encoding="utf-8")
    data = json.loads((folder / "document.json").read_text(encoding="utf-8"))
    # the findings of document.json (checked again under its settings: the same ones, in order)
    assert _findings(html) == [(f"finding-{n}", f["rule"]) for n, f in enumerate(data["findings"], 1)]
    assert len(data["findings"]) == 11
    el = Elements(html)
    imgs = el.find("img")
    assert len(imgs) == 13 and all(a["src"].startswith("data:image/png;base64,") for a in imgs)
    # the same report as extract --report makes from the source, but for the source's path
    direct = report.render(extracted(str(SAMPLE_PDF)), SAMPLE_PDF)
    assert _findings(direct) == _findings(html)
    same = lambda h: re.sub(r'src="data:[^"]+"', "", h)  # noqa: E731  (pdfium renders alike; compare the rest)
    assert same(direct) == same(html)


def test_report_of_a_document_json_without_its_pdf_says_so(extracted_folder, tmp_path):
    doc_json = extracted_folder / "document.json"
    r = _cli("report", str(doc_json), "-o", str(tmp_path / "reports"), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    said = "no page images: kashgar-2021-budget.pdf not found in the working folder, beside document.json or beside its output folder; give the PDF with --pdf"
    assert f"disclosure: warning: {doc_json}: {said}" in r.stderr
    html = (tmp_path / "reports" / "kashgar-2021-budget-pdf" / "report.html").read_text(encoding="utf-8")
    assert said in html and not Elements(html).find("img")
    assert len(_findings(html)) == 11
    quiet = _cli("-q", "report", str(doc_json), "-o", str(tmp_path / "reports"), cwd=tmp_path)
    assert quiet.returncode == 0 and quiet.stderr == ""  # --quiet: errors only
    # the wrong PDF is not used: its SHA-256 is not the document's
    other = tmp_path / "kashgar-2021-budget.pdf"
    other.write_bytes(SAMPLE_PDF.read_bytes() + b"\n%changed\n")
    r = _cli("report", str(doc_json), "-o", str(tmp_path / "reports"), "--pdf", str(other), cwd=tmp_path)
    assert r.returncode == 0 and "is not the file read (its SHA-256 differs)" in r.stderr
    # the PDF beside the output folder (OUT/kashgar-2021-budget.pdf) is found by itself
    shutil.copy(SAMPLE_PDF, extracted_folder.parent / SAMPLE_PDF.name)
    r = _cli("report", str(doc_json), "-o", str(tmp_path / "reports"), cwd=tmp_path)
    assert r.returncode == 0 and "disclosure: warning" not in r.stderr, r.stderr
    html = (tmp_path / "reports" / "kashgar-2021-budget-pdf" / "report.html").read_text(encoding="utf-8")
    assert len(Elements(html).find("img")) == 13


def test_a_source_needs_an_output_folder(tmp_path):
    r = _cli("report", str(SEED_TEXT), cwd=tmp_path)
    assert r.returncode == 2 and "-o is needed for a source document" in r.stderr


def test_page_images_beside_the_report_loaded_lazily(tmp_path):
    r = _cli("report", str(SAMPLE_PDF), "-o", str(tmp_path), "--images", "files")
    assert r.returncode == 0, r.stderr
    folder = tmp_path / "kashgar-2021-budget-pdf"
    pages = sorted(p.name for p in (folder / report.PAGES_DIR).iterdir())
    assert pages == [f"p{n:04d}.png" for n in range(1, 14)]
    html = (folder / "report.html").read_text(encoding="utf-8")
    imgs = Elements(html).find("img")
    assert [a["src"] for a in imgs] == [f"{report.PAGES_DIR}/{p}" for p in pages]
    assert all(a["loading"] == "lazy" for a in imgs)
    assert "img-src data: 'self';" in html and "(page images in report-pages/ beside this file)" in html
    assert len(html.encode()) < 300_000  # the images are not in it (embedded: about 1 MB)
    from PIL import Image
    assert Image.open(folder / report.PAGES_DIR / "p0004.png").size == (893, 1263)
    # reported again with the images embedded: the folder of images goes, nothing stale is left
    r = _cli("report", str(SAMPLE_PDF), "-o", str(tmp_path), "--images", "inline")
    assert r.returncode == 0, r.stderr
    assert not (folder / report.PAGES_DIR).exists()
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert "img-src data:;" in html and all(a["src"].startswith("data:") for a in Elements(html).find("img"))


def test_auto_puts_images_beside_beyond_inline_pages(monkeypatch):
    doc = extracted(str(SAMPLE_PDF))
    inline = report.files(doc, SAMPLE_PDF)
    assert list(inline) == ["report.html"]  # 13 pages: embedded
    monkeypatch.setattr(report, "INLINE_PAGES", 12)
    beside = report.files(doc, SAMPLE_PDF)
    assert sorted(beside) == ["report-pages", "report.html"] and len(beside["report-pages"]) == 13
    with pytest.raises(ValueError):
        report.files(doc, SAMPLE_PDF, images="lazy")


def test_extract_report_takes_images_too(tmp_path):
    r = _cli("extract", str(SAMPLE_PDF), "--report", "--images", "files", "--format", "json", "-o", str(tmp_path))
    assert r.returncode == 0, r.stderr
    folder = tmp_path / "kashgar-2021-budget-pdf"
    assert sorted(p.name for p in folder.iterdir()) == ["document.json", report.PAGES_DIR, "report.html"]
    assert len(list((folder / report.PAGES_DIR).glob("p*.png"))) == 13
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert [a["src"] for a in Elements(html).find("img")][3] == f"{report.PAGES_DIR}/p0004.png"


def test_check_and_the_api_take_an_output_folder_as_report_does(extracted_folder, tmp_path):
    """`disclosure report OUT/<name>` takes the output folder; `check` and `disclosure.extract` said
    "is a directory" (exit 2) for it. Now each reads the folder's document.json: the same 11 findings
    (2 errors: 301 工资福利支出 753.67 against its parts 753.69) as from document.json itself."""
    import disclosure

    by_folder = _cli("check", str(extracted_folder), "-o", "-")
    by_file = _cli("check", str(extracted_folder / "document.json"), "-o", "-")
    assert by_folder.returncode == 0 and by_file.returncode == 0, by_folder.stderr
    assert json.loads(by_folder.stdout)["findings"] == json.loads(by_file.stdout)["findings"]
    doc = disclosure.extract(extracted_folder)
    errors = [(f.rule, f.left, f.right) for f in doc.findings if f.severity == "error"]
    assert len(doc.findings) == 11 and [(r, str(a), str(b)) for r, a, b in errors] == [
        ("table.hierarchy_sum", "753.67", "753.69")] * 2
    empty = tmp_path / "empty"
    empty.mkdir()  # a folder without document.json is still no input
    r = _cli("check", str(empty))
    assert r.returncode == 2 and f"disclosure: error: {empty}: is a directory" in r.stderr
