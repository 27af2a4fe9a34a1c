"""report.html (disclosure/emit/report.py, issue #17): what the review report holds, read back from
the HTML of real documents: every finding of document.json, every page image, the boxes where the
values are printed, OCR tint, text-only inputs without images, and the folder written atomically."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import replace
from html.parser import HTMLParser

import pytest

from conftest import ROOT, SAMPLE_PDF, SEED_TEXT, corpus_file, corpus_pdfs, extracted

from disclosure.emit import report


class Elements(HTMLParser):
    """Every start tag as (tag, attributes dict), in document order."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.items: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.items.append((tag, dict(attrs)))

    def find(self, tag: str | None = None, **attrs) -> list[dict]:
        out = []
        for t, a in self.items:
            if tag and t != tag:
                continue
            if all((v is True and k in a) or a.get(k) == v for k, v in attrs.items()):
                out.append(a)
        return out


def _classes(a: dict) -> set[str]:
    return set((a.get("class") or "").split())


def _place(style: str) -> dict[str, float]:
    return {k: float(v) for k, v in re.findall(r"(left|top|width|height):([\d.]+)%", style)}


@pytest.fixture(scope="module")
def seed_pdf_report():
    doc = extracted(str(SAMPLE_PDF))
    return doc, report.render(doc, SAMPLE_PDF)


def test_every_finding_listed_with_its_values(seed_pdf_report):
    doc, html = seed_pdf_report
    el = Elements(html)
    items = el.find("li", id=True)
    ids = [a["id"] for a in items if "finding" in _classes(a)]
    assert ids == [f"finding-{n}" for n in range(1, len(doc.findings) + 1)]
    assert len(doc.findings) == 11  # the seed's 2 errors and 9 warnings
    rules = [a["data-rule"] for a in items if "finding" in _classes(a)]
    assert rules == [f.rule for f in doc.findings]
    # finding 1's ten values are cells of 表3 as read (column 合计, index 3), lit with its boxes on a click
    values = next(a for a in items if a.get("id") == "finding-1")["data-values"].split()
    assert len(values) == 10 and all(v.startswith("v3-") and v.endswith("-3") for v in values)
    tds = {a["data-ref"] for a in el.find("td", **{"data-ref": True})}
    assert set(values) <= tds
    first = doc.findings[0]
    assert first.rule == "table.hierarchy_sum" and first.page == 4
    # both sides, the difference and the tolerance are printed beside the message
    assert "<td>753.67</td><td>753.69</td><td class=\"diff\">-0.02</td><td>0.01</td>" in html
    assert first.message_zh in html


def test_every_page_has_its_image(seed_pdf_report):
    doc, html = seed_pdf_report
    el = Elements(html)
    imgs = el.find("img")
    assert len(imgs) == doc.page_count == 13
    assert all(a["src"].startswith("data:image/png;base64,") for a in imgs)
    sections = [a["data-page"] for a in el.find("section", **{"data-page": True})]
    assert sections == [str(n) for n in range(1, 14)]
    # nothing the page would fetch: no http(s) address in any src or href
    for _, a in el.items:
        for k in ("src", "href"):
            assert not (a.get(k) or "").startswith(("http:", "https:", "//")), a


def test_finding_boxes_where_the_values_are_printed(seed_pdf_report):
    doc, html = seed_pdf_report
    el = Elements(html)
    first = doc.findings[0]
    boxes = [a for a in el.find("div", **{"data-ref": "finding-1"}) if "b-finding" in _classes(a)]
    with_box = [e for e in first.evidence if e.box]
    assert len(boxes) == len(with_box) == 10  # 301 and its nine 款 rows, column 合计
    # the first is 753.67 at x0 313.7, top 265.0 of a 595.3 x 841.9 pt page
    p = _place(boxes[0]["style"])
    assert p["left"] == pytest.approx(313.7 / 595.2756 * 100, abs=0.05)
    assert p["top"] == pytest.approx(265.0 / 841.8898 * 100, abs=0.05)
    assert "sev-error" in _classes(boxes[0])
    # the boxes sit inside page 4's section
    page4 = html.index('id="page-4"')
    page5 = html.index('id="page-5"')
    at = [m.start() for m in re.finditer(r'data-ref="finding-1"', html)]
    assert len(at) == 10 and all(page4 < i < page5 for i in at)
    # every printed value of table 3 on p.4 is outlined as a cell and listed in the table as read
    t3 = doc.tables[2]
    cells = {a["data-ref"] for a in el.find("div") if "b-cell" in _classes(a)}
    printed = [(r, v) for r in t3.rows for v in r.values if v.box and v.box.page == 4 and v.amount.status != "blank"]
    assert printed and all(f"v3-{r.side or 'x'}-{r.index}-{v.column_index}" in cells for r, v in printed)
    tds = {a["data-ref"] for a in el.find("td", **{"data-ref": True})}
    assert all(f"v3-{r.side or 'x'}-{r.index}-{v.column_index}" in tds for r, v in printed)


def test_summary_tables_found_against_announced(seed_pdf_report):
    doc, html = seed_pdf_report
    # the seed announces 9 tables and prints 8 (3 of the announced ones are missing)
    assert f'<dd id="tables-found">{len(doc.tables)} found, {len(doc.announced_tables)} announced</dd>' in html
    missing = sum(1 for f in doc.findings if f.rule == "form.announced_table_missing")
    assert html.count("<td>missing</td>") == missing > 0
    # (the income side's 一、财政拨款(补助) 1008.16 = 一般公共预算 952.7 + 国有资本经营预算 55.46, a numbered
    # row over unnumbered ones, tested since session 12: before, 76.92% of that table and 95.8% in all)
    assert '<dd id="verified-share">100.0%</dd>' in html
    from disclosure.emit.ledgerout import counts
    for state, n in counts(doc).items():
        assert f'<span class="state st-{state}">{n} {state}</span>' in html


def test_ocr_values_tinted_by_confidence():
    doc = extracted(str(SAMPLE_PDF))
    t = doc.tables[2]
    row = t.rows[0]
    low = replace(row.values[0], confidence=0.6)
    doc2 = replace(doc, tables=[replace(t, rows=[replace(row, values=[low, *row.values[1:]]), *t.rows[1:]])
                                if t is doc.tables[2] else x for x in doc.tables])
    el = Elements(report.render(doc2, None, images={}))
    assert not el.find("img")  # no images given: no boxes drawn, the table cell still tinted
    td = el.find("td", **{"data-ref": f"v3-{row.side or 'x'}-{row.index}-{low.column_index}"})[0]
    assert "hsla(24,90%,50%" in td["style"] and "OCR 0.60" in td["title"]
    html = report.render(doc2, SAMPLE_PDF)
    box = [a for a in Elements(html).find("div", **{"data-ref": f"v3-{row.side or 'x'}-{row.index}-{low.column_index}"})]
    assert box and "b-ocr" in _classes(box[0]) and "hsla(24,90%,50%" in box[0]["style"]


def test_text_input_report_without_images(seed_doc):
    html = report.render(seed_doc, SEED_TEXT)
    el = Elements(html)
    assert not el.find("img") and not [a for a in el.find("div") if "box" in _classes(a)]
    assert len([a for a in el.find("li") if "finding" in _classes(a)]) == len(seed_doc.findings) == 11
    assert len(el.find("div", **{"class": "tbl"})) == len(seed_doc.tables) == 8
    assert "(no page images: text input)" in html
    # without page images, a finding still points at its values in the tables as read
    first = next(a for a in el.find("li", id="finding-1"))
    assert len(first["data-values"].split()) == 10 and first["data-table"] == "3"


def _cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "disclosure", *args], cwd=cwd, capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(ROOT)}, timeout=600)


def test_contract_report_holds_every_finding_of_document_json(tmp_path):
    """extract --report: report.html beside document.json, every finding of document.json in it
    (its anchor finding-N, rule, severity, message, and a box for each evidence with a box)."""
    r = _cli("extract", str(SAMPLE_PDF), "--report", "-o", str(tmp_path))
    assert r.returncode == 0, r.stderr
    folder = tmp_path / "kashgar-2021-budget-pdf"
    data = json.loads((folder / "document.json").read_text(encoding="utf-8"))
    html = (folder / "report.html").read_text(encoding="utf-8")
    el = Elements(html)
    assert data["findings"]
    for n, f in enumerate(data["findings"], 1):
        item = el.find("li", id=report.finding_anchor(n))
        assert len(item) == 1 and item[0]["data-rule"] == f["rule"] and f"sev-{f['severity']}" in _classes(item[0])
        assert f["message_zh"] in html
        boxes = [a for a in el.find("div", **{"data-ref": report.finding_anchor(n)}) if "b-finding" in _classes(a)]
        assert len(boxes) == sum(1 for e in f["evidence"] if e["box"])
    assert len(el.find("img")) == data["metadata"]["page_count"]


def test_report_command_keeps_the_folder_and_fails_per_file(tmp_path):
    r = _cli("extract", str(SEED_TEXT), "-o", str(tmp_path), "--format", "json")
    assert r.returncode == 0, r.stderr
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    r = _cli("report", str(SEED_TEXT), str(bad), "-o", str(tmp_path))
    assert r.returncode == 2
    assert f"disclosure: error: {bad}" in r.stderr
    folder = tmp_path / "kashgar-2021-budget-txt"
    assert sorted(p.name for p in folder.iterdir()) == ["document.json", "report.html"]
    assert not (tmp_path / "bad-pdf").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # nothing partial left


def test_corpus_report_pages_and_findings():
    path = corpus_file("putuo-guihuaziyuan-2024-final-accounts.pdf")
    doc = extracted(str(path))
    html = report.render(doc, path)
    el = Elements(html)
    assert len(el.find("img")) == doc.page_count == 30
    assert len([a for a in el.find("li") if "finding" in _classes(a)]) == len(doc.findings)
    assert doc.findings
    drawn = {a["data-ref"] for a in el.find("div") if "b-finding" in _classes(a)}
    boxed = {report.finding_anchor(n) for n, f in enumerate(doc.findings, 1) if any(e.box for e in f.evidence)}
    assert drawn == boxed and boxed
    assert len(html.encode()) < 200_000 * doc.page_count


def test_debug_page_draws_every_layer(tmp_path):
    """disclosure debug: the seed's p.4 (the end of 表2 and 表3 under full ruling) drawn with its
    characters, ruling, cells, grid cuts, and the rows and value columns the structure chose."""
    from PIL import Image

    from disclosure.emit import debugpage

    out = tmp_path / "p4.png"
    r = _cli("debug", str(SAMPLE_PDF), "--page", "4", "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert (": 778 characters, 776 ruling edges, 194 finder cells, 2 grids, 194 cells, 31 rows, 7 value columns ->"
            in r.stderr)
    img = Image.open(out).convert("RGB")
    assert img.size == (1191, 1684)  # 595.3 x 841.9 pt at 2 px a point
    seen = {name: 0 for name in debugpage.LEGEND}
    colours = {c: name for name, c in debugpage.LEGEND.items()}
    for n, c in img.getcolors(maxcolors=1 << 20):
        if c in colours:
            seen[colours[c]] += n
    # every layer shows (pdfplumber's finder cells, inset, mostly under the rows and columns drawn later)
    assert all(n > (100 if name == "finder cells" else 500) for name, n in seen.items()), seen
    # 表3's first row (301 工资福利支出) is outlined in the rows colour at its printed box
    t3 = extracted(str(SAMPLE_PDF)).tables[2]
    b = t3.rows[0].box
    assert img.getpixel((int(b.x0 * 2) + 40, int(b.bottom * 2))) == debugpage.LEGEND["rows"]
    not_pdf = _cli("debug", str(SEED_TEXT), "--page", "1", "-o", str(tmp_path / "x.png"))
    assert not_pdf.returncode == 2 and "debug draws PDF pages; this is a text input" in not_pdf.stderr
    past = _cli("debug", str(SAMPLE_PDF), "--page", "14", "-o", str(tmp_path / "x.png"))
    assert past.returncode == 2 and "page 14 out of range: the document has 13 pages" in past.stderr
    assert not (tmp_path / "x.png").exists()


@pytest.mark.parametrize("name", corpus_pdfs() or ["(corpus absent)"])
def test_every_corpus_pdf_reports(name):
    """Every corpus PDF: a page image for every page, every finding listed with a box for each
    evidence that has one, within 200 KB a page."""
    path = corpus_file(name) if name != "(corpus absent)" else corpus_file("MANIFEST.tsv")
    doc = extracted(str(path))
    html = report.render(doc, path)
    el = Elements(html)
    assert len(el.find("img")) == doc.page_count
    assert [a["id"] for a in el.find("li") if "finding" in _classes(a)] == \
        [report.finding_anchor(n) for n in range(1, len(doc.findings) + 1)]
    for n, f in enumerate(doc.findings, 1):
        drawn = [a for a in el.find("div", **{"data-ref": report.finding_anchor(n)}) if "b-finding" in _classes(a)]
        assert len(drawn) == sum(1 for e in f.evidence if e.box and 1 <= e.box["page"] <= doc.page_count), f.rule
    assert len(html.encode()) < 200_000 * doc.page_count


def test_document_text_is_escaped(seed_doc):
    """A document's own text (a title, a row name, a finding's message) cannot become markup or script."""
    evil = '</title><script>alert(1)</script><img src="http://x.invalid/a">'
    t = seed_doc.tables[0]
    doc = replace(seed_doc, title=evil, tables=[replace(t, rows=[replace(t.rows[0], name=evil), *t.rows[1:]]),
                                                 *seed_doc.tables[1:]],
                  findings=[replace(seed_doc.findings[0], message_zh=evil), *seed_doc.findings[1:]])
    html = report.render(doc, None)
    assert evil not in html and "<script>alert(1)" not in html
    assert html.count("&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;") >= 3
    assert not [a for a in Elements(html).find("img")]
    assert len(re.findall(r"<script>", html)) == 1  # the report's own


def test_cropped_page_rendered_under_its_boxes(tmp_path):
    """Boxes are in points of the media box; pdfium renders the crop box. The seed with every page
    cropped (60 pt off the left, 80 pt off the top) gives the same page images' sizes and the same
    box places as the seed itself."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(SAMPLE_PDF))
    for i in range(len(pdf)):
        page = pdf[i]
        x0, y0, x1, y1 = page.get_mediabox()
        page.set_cropbox(x0 + 60, y0 + 40, x1 - 20, y1 - 80)
    cropped = tmp_path / "cropped.pdf"
    pdf.save(str(cropped))
    pdf.close()
    a = Elements(report.render(extracted(str(SAMPLE_PDF)), SAMPLE_PDF))
    b = Elements(report.render(extracted(str(cropped)), cropped))
    sizes = lambda el: [(x["width"], x["height"]) for x in el.find("img")]  # noqa: E731
    assert sizes(a) == sizes(b) and sizes(a)[3] == ("893", "1263")
    boxes = lambda el: [x["style"] for x in el.find("div", **{"data-ref": "finding-1"})]  # noqa: E731
    assert boxes(a) == boxes(b) and len(boxes(a)) == 10
