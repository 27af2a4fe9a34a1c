"""Kinds of misreading found on the generated scans (issue #12, bench/unseen_layouts.py --scan,
seed 1), each drawn here: a blank cell's dash read as the next amount's minus sign
(ocr._dash_apart) and an OCR confusable read in a name (ocr._confusables_judged)."""
from __future__ import annotations

import numpy as np
import pytest

from conftest import needs
from disclosure.extract import ocr

pytest.importorskip("cv2", reason="the OCR extra (OpenCV) is not installed")


def _dash_and_amount(gap: int, bar: tuple[int, int] = (12, 3)) -> np.ndarray:
    """A line 40 pixels high: a bar (width, height) at x 10, then `gap` blank pixels, then seven
    digit-like strokes 12 wide and 26 high, 4 apart (an amount)."""
    import cv2

    img = np.full((40, 200), 255, np.uint8)
    w, h = bar
    cv2.rectangle(img, (10, 20 - h // 2), (10 + w - 1, 20 - h // 2 + h - 1), 0, -1)
    x = 10 + w + gap
    for _ in range(7):
        cv2.rectangle(img, (x, 7), (x + 11, 32), 0, 2)
        x += 16
    return img


def test_dash_apart_from_the_amount_is_a_cell_of_its_own():
    quad = [[0, 0], [200, 0], [200, 40], [0, 40]]
    parted = ocr._dash_apart(_dash_and_amount(27), quad, "-3,144,995", 0.99)  # U001-00012 p.8: 27 of 37
    assert [p[0] for p in parted] == ["-", "3,144,995"]
    dash, amount = (ocr._bounds(p[2]) for p in parted)
    assert dash[0] <= 10 and dash[1] <= 24 and amount[0] >= 10 + 12 + 27 - 3  # the blank between (strokes 2 wide)
    assert ocr._dash_apart(_dash_and_amount(27), quad, "- 2,705,275", 0.99)[1][0] == "2,705,275"
    assert ocr._dash_apart(_dash_and_amount(3), quad, "-3,144,995", 0.99) is None  # a minus sign
    assert ocr._dash_apart(_dash_and_amount(27, (3, 20)), quad, "-3,144,995", 0.99) is None  # upright: no dash
    assert ocr._dash_apart(_dash_and_amount(27), quad, "13,144,995", 0.99) is None  # read as a digit
    assert ocr._dash_apart(_dash_and_amount(27), quad, "-合计", 0.99) is None


def test_blank_cells_dash_read_beside_an_amount_is_no_sign():
    """Read by the engine: a dash 30 pixels before an amount is a cell of its own (its own part of
    the detection, `seg`), a dash set against the amount (4 pixels) is its minus sign. Before,
    both read -3,144,995 (U001-00012 p.8 scanned: 因公出国（境）费 - beside 小计 3,144,995)."""
    import cv2

    needs(ocr.available(), f"the OCR extra is not installed ({ocr.INSTALL_HINT})")
    img = np.full((300, 1000), 255, np.uint8)
    for y, gap in ((100, 30), (200, 4)):
        cv2.line(img, (100, y - 10), (112, y - 10), 0, 3)
        cv2.putText(img, "3,144,995", (112 + gap, y), cv2.FONT_HERSHEY_SIMPLEX, 0.9, 0, 2)
    lines: dict[int, dict[int, str]] = {}
    for c in ocr.read(img, 200):
        row = lines.setdefault(round(c["top"] * 200 / 72 / 50), {})
        row[c["seg"]] = row.get(c["seg"], "") + c["text"]
    assert [sorted(v.values()) for _, v in sorted(lines.items())] == [["-", "3,144,995"], ["-3,144,995"]]


def test_confusable_read_in_a_name_judged_by_the_charts_names():
    # 置 read 量 (seed 1 scans: 办公设备购量, 公务用车购量及运行费 under 政府采购 and 三公 tables)
    assert ocr._confusables_judged(["办公设备购量"]) == ["办公设备购置"]
    assert ocr._confusables_judged(list("2.公务用车购量及运行费")) == list("2.公务用车购置及运行费")
    assert ocr._confusables_judged(["公务用车", "购量", "及运行费"]) == ["公务用车", "购置", "及运行费"]
    assert ocr._confusables_judged(["车辆购量税"]) == ["车辆购置税"]
    assert ocr._confusables_judged(["质置"]) == ["质量"]  # the other way: 质量 is a name's pair
    # a pair no name prints either way, or the character first: kept as read
    for kept in ("数量指标", "测量费", "工作量", "量化", "置换", "质量", "安置", "购置费"):
        assert ocr._confusables_judged([kept]) == [kept]


def _ocr_chars(detections: list[tuple[str, float, float, float, float]]) -> list[dict]:
    """Characters as ocr.read gives them: each detection (text, x0, x1, top, bottom in points)
    spread evenly over its box, the type size 0.8 of the box's height."""
    out = []
    for det, (text, x0, x1, top, bottom) in enumerate(detections):
        step = (x1 - x0) / len(text)
        for i, ch in enumerate(text):
            out.append({"text": ch, "x0": x0 + i * step, "x1": x0 + (i + 1) * step, "top": top, "bottom": bottom,
                        "size": (bottom - top) * 0.8, "upright": True, "fontname": "ocr", "conf": 0.99,
                        "seg": det * 1000, "page_number": 1})
    return out


def test_sub_heading_a_row_under_its_group_read_by_ocr_is_no_wrapped_line():
    """A 三公 table split column-wise (three-line rules), 公务用车购置及运行费 over 小计 alone on this
    page: the boxes the recogniser gives (as measured on U001-00004 p.11 scanned) are 5.8 pt
    apart, less than a wrapped heading's lines in a text layer, but their middles are 2.06
    characters apart, a heading row; before, one heading 公务用车购置及运行费小计 (8 amounts of
    seed 1 scans under a column no table prints)."""
    from disclosure.extract import aligned

    dets = [("项目", 154.1, 170.6, 453.6, 469.8), ("合计", 364.3, 381.2, 452.9, 469.8),
            ("因公出国（境）费", 502.6, 580.7, 454.3, 468.7), ("公务用车购置及运行费", 661.0, 760.7, 444.2, 456.8),
            ("小计", 702.0, 718.9, 462.6, 479.5),
            ("2021年决算数", 45.0, 104.8, 484.9, 497.9), ("3,399,052", 416.5, 459.7, 484.9, 499.7),
            ("1,695,512", 754.9, 798.1, 484.9, 499.7),
            ("2022年决算数", 45.0, 105.5, 505.1, 519.8), ("3,965,908", 416.9, 458.6, 505.4, 520.2),
            ("1,978,271", 754.9, 797.4, 504.4, 521.3)]
    grids, _, _ = aligned.grids(_ocr_chars(dets), 1, [(440.0, 20.0, 830.0), (482.0, 20.0, 830.0), (523.0, 20.0, 830.0)])
    assert len(grids) == 1
    texts = [[c.text if c and c.row == r else None for c in row] for r, row in enumerate(grids[0].matrix())]
    assert texts[0][-1] == "公务用车购置及运行费" and texts[1][-1] == "小计"
    assert texts[-1][-1] == "1,978,271"
    # the pitch in characters: 2.06 apart is two rows; 1.3 apart (a wrapped heading's leading) one
    up = aligned._piece(_ocr_chars([("公务用车购置及运行费", 661.0, 760.7, 444.2, 456.8)]))
    assert aligned._read_apart(up, aligned._piece(_ocr_chars([("小计", 702.0, 718.9, 462.6, 479.5)])))
    assert not aligned._read_apart(up, aligned._piece(_ocr_chars([("小计", 702.0, 718.9, 456.0, 470.0)])))
    text_layer = [dict(c, fontname="SimSun") for c in _ocr_chars([("小计", 702.0, 718.9, 462.6, 479.5)])]
    assert not aligned._read_apart(up, aligned._piece(text_layer))  # a text layer's blank is its measure
