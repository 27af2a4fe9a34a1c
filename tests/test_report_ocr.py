"""The report of a page read by OCR (issue #17): the seed's p.4 scanned on its side and tilted
(samples/make_scan.py --rotate 90 --skew 1.5), read upright by OCR; the report's page image is turned
as OCR turned it, so that each value's box (in the upright page's points) covers its printed
digits, and every OCR value is tinted by its confidence."""
from __future__ import annotations

import base64
import io
import re
import sys
from decimal import Decimal

from conftest import ROOT, SAMPLE_PDF, needs
from disclosure import pipeline
from disclosure.emit import report
from disclosure.extract import ocr

sys.path.insert(0, str(ROOT / "samples"))
from make_scan import make_scan  # noqa: E402

needs(ocr.available(), f"the OCR extra is not installed ({ocr.INSTALL_HINT})")


def test_ocr_page_turned_under_its_boxes(tmp_path):
    from PIL import Image

    scan = make_scan(SAMPLE_PDF, tmp_path / "p4.pdf", pages="4", mixed=True, skew=1.5, rotate=90)
    doc = pipeline.extract(scan)
    p4 = doc.pages[3]
    assert p4.method == "ocr" and p4.ocr["rotation"] in (90, 270)
    html = report.render(doc, scan)
    section = html[html.index('id="page-4"'):html.index('id="page-5"')]
    uri = re.search(r'<img class="pageimg" src="data:image/webp;base64,([^"]+)"', section).group(1)
    img = Image.open(io.BytesIO(base64.b64decode(uri))).convert("L")
    w, h = img.size
    assert h > w  # upright: the scan was on its side
    assert len(uri) < 200_000  # the scanned page's image, base64, within the report's 200 KB a page
    # finding 1 is the seed's 301 工资福利支出 (753.67 against 753.69): each of its ten value boxes
    # (cells 107 pt wide, the figures printed at their right) has ink in its right half, inside the
    # rules, and blank paper in its left part
    f = doc.findings[0]
    assert f.rule == "table.hierarchy_sum" and f.left == Decimal("753.67")
    boxes = [e.box for e in f.evidence if e.box and e.box["page"] == 4]
    assert len(boxes) == 10
    pw, ph = 595.2756, 841.8898

    def ink(x0, x1, b):
        crop = img.crop((int(x0 / pw * w), int((b["top"] + 4) / ph * h), int(x1 / pw * w), int((b["bottom"] - 4) / ph * h)))
        return sum(n for n, v in crop.getcolors(256) if v < 160)

    right = [ink((b["x0"] + b["x1"]) / 2, b["x1"] - 3, b) for b in boxes]
    left = [ink(b["x0"] + 3, b["x0"] + 50, b) for b in boxes]
    assert all(n >= 20 for n in right) and all(n <= 5 for n in left), (right, left)
    # OCR values carry their confidence into the page's boxes and the table's cells
    ocr_boxes = re.findall(r'class="box b-cell b-ocr" style="[^"]*background:hsla\((\d+),', section)
    assert len(ocr_boxes) > 50 and all(0 <= int(hue) <= 120 for hue in ocr_boxes)
