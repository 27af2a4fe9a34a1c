"""OCR of a page of body text at less cost (issue #15, extract/ocr.py _Padded): the recogniser
reads each detection's crop with white rows above and below (its ink at most GLYPH_SHARE of the
height: fewer columns at the model's 48-pixel height); a scanned page of narrative in 14pt type
reads every line as drawn."""
from __future__ import annotations

import sys

import numpy as np

from conftest import ROOT, drawn_pdf, needs
from disclosure import pipeline
from disclosure.extract import ocr

sys.path.insert(0, str(ROOT / "samples"))
from make_scan import make_scan  # noqa: E402

needs(ocr.available(), f"the OCR extra is not installed ({ocr.INSTALL_HINT})")

_LINES = ["一、部门主要职责：负责本部门预算编制和执行工作。",
          "二、收入预算总计一千二百八十四万元，比上年增加。",
          "三、主要原因是人员经费和公用经费支出有所增长。",
          "四、机关运行经费主要用于办公费、印刷费和水电费。",
          "五、政府采购预算安排货物类和服务类采购项目。",
          "六、国有资产占用情况：车辆二辆，其他资产若干。",
          "七、项目支出绩效目标已按规定编制并公开说明。",
          "八、名词解释：财政拨款收入是指本级财政拨款。"]


def _narrative(c) -> None:
    c.setFont("STSong-Light", 14)
    for i, line in enumerate(_LINES):
        c.drawString(60, 260 - 30 * i, line)


def test_padded_crop_keeps_ink_within_its_share():
    crop = np.full((40, 300, 3), 255, np.uint8)
    crop[3:37, 10:290] = 0
    out = ocr._padded(crop)
    assert out.shape[1] == 300 and out.shape[0] == int(np.ceil(34 / ocr.GLYPH_SHARE))
    rows = np.flatnonzero(out[..., 0].min(axis=1) < 128)
    assert (rows[-1] - rows[0] + 1) / out.shape[0] <= ocr.GLYPH_SHARE
    loose = np.full((80, 300, 3), 255, np.uint8)
    loose[30:50, 10:290] = 0
    assert ocr._padded(loose) is loose


def test_scanned_narrative_read_with_padded_crops(tmp_path):
    eng = ocr.engine()
    det, rec = eng._load_det_model(), eng._load_rec_model()
    shapes: dict[str, list] = {"det": [], "rec": []}

    class Spy:
        def __init__(self, name, session):
            self.name, self.session = name, session

        def __call__(self, x, *a, **k):
            shapes[self.name].append(x.shape)
            return self.session(x, *a, **k)

        def __getattr__(self, attr):
            return getattr(self.session, attr)

    src = drawn_pdf(tmp_path / "text.pdf", _narrative, size=(595, 300))
    scan = make_scan(src, tmp_path / "scan.pdf", dpi=200, skew=0.8)
    det.session, rec.session = Spy("det", det.session), Spy("rec", rec.session)
    try:
        got = pipeline.extract(scan, ocr="auto")
    finally:
        det.session, rec.session = det.session.session, rec.session.session
    assert got.pages[0].method == "ocr"
    text = "".join(p.text for p in got.paragraphs).replace(" ", "")
    for line in _LINES:
        assert line in text, (line, text)
    # the recogniser's columns per character read: 34 with the padding, 42 without it (the glyphs
    # fill the detector's crops)
    cols = sum(s[0] * s[3] for s in shapes["rec"])
    chars = sum(len(line) for line in _LINES)
    assert cols / chars < 38, cols / chars


def test_models_use_the_memory_arena():
    """The detector's and the recogniser's sessions draw their memory from onnxruntime's arena
    (ocr._load_quiet; RapidOCR's config turns it off): the same outputs, less CPU per call."""
    eng = ocr.engine()
    for model in (eng._load_det_model(), eng._load_rec_model()):
        opts = model.session.session.get_session_options()
        assert opts.enable_cpu_mem_arena is True
        assert opts.get_session_config_entry("session.intra_op.allow_spinning") == "0"


def test_detections_recognised_in_groups_of_like_width():
    """ocr._like_widths: crops no wider than RapidOCR's nominal 320 x 48 in one group (each padded to
    it whatever the grouping), the wider ones grouped so that padding every crop to its group's
    widest wastes under a tenth of the columns."""
    ratios = [3.0, 5.0, 10.0, 10.5, 20.0, 21.0, 40.0]
    assert ocr._like_widths(ratios) == [[0, 1], [2, 3], [4, 5], [6]]
    assert ocr._like_widths([40.0, 3.0, 10.5]) == [[1], [2], [0]]
    assert ocr._like_widths([]) == []


def test_narrative_lines_of_unlike_width_read_with_little_padding(tmp_path):
    """Lines of a page of narrative of unlike widths (paragraphs' short last lines): the
    recogniser's columns that are padding (all zero: RapidOCR's fill to a batch's widest crop)
    are under a tenth of all its columns (RapidOCR's batches of 6 in width order padded these by
    about a quarter), and every line reads as drawn."""
    eng = ocr.engine()
    rec = eng._load_rec_model()
    cols = {"all": 0, "pad": 0}
    lines = [_LINES[0], _LINES[1][:8], _LINES[2], _LINES[3][:12], _LINES[4], _LINES[5][:17], _LINES[6], _LINES[7][:6]]

    class Spy:
        def __init__(self, session):
            self.session = session

        def __call__(self, x, *a, **k):
            cols["all"] += x.shape[0] * x.shape[3]
            cols["pad"] += int((np.abs(x).max(axis=(1, 2)) == 0).sum())
            return self.session(x, *a, **k)

        def __getattr__(self, attr):
            return getattr(self.session, attr)

    src = drawn_pdf(tmp_path / "text.pdf", lambda c: [c.setFont("STSong-Light", 14)] +
                    [c.drawString(60, 260 - 30 * i, line) for i, line in enumerate(lines)], size=(595, 300))
    scan = make_scan(src, tmp_path / "scan.pdf", dpi=200, skew=0.8)
    rec.session = Spy(rec.session)
    try:
        got = pipeline.extract(scan, ocr="auto")
    finally:
        rec.session = rec.session.session
    text = "".join(p.text for p in got.paragraphs).replace(" ", "")
    for line in lines:
        assert line in text, (line, text)
    assert cols["pad"] < 0.1 * cols["all"], cols
