"""The OCR path's cheaper computations give what the plain ones gave (issue #15): the skew search's
row counts (extract/image._Points), the heading rules' lookups (extract/rulings._head_rules) and
OpenCV's thread count set from the OCR's (extract/ocr._image_threads). Constructed images, drawn
in numpy: the skew search's counts compared with the computation written out plainly here, the
heading rules with the rules drawn."""
from __future__ import annotations

import numpy as np
import pytest

cv2 = pytest.importorskip("cv2", reason="the OCR extra (OpenCV) is not installed")

from disclosure.extract import image, ocr, rulings  # noqa: E402


def _sharpness_plain(ink, angle: float) -> float:
    """The rows' sharpness of `ink` turned by `angle` degrees, every ink pixel moved by the turn's
    matrix and tested against the frame (the computation _Points made before the split)."""
    ys, xs = np.nonzero(ink)
    h, w = ink.shape
    xs, ys = xs.astype(np.float32), ys.astype(np.float32)
    m = cv2.getRotationMatrix2D((w / 2, h / 2), float(angle), 1.0).astype(np.float32)
    yd = np.rint(m[1, 0] * xs + m[1, 1] * ys + m[1, 2]).astype(np.int64)
    xd = np.rint(m[0, 0] * xs + m[0, 1] * ys + m[0, 2])
    keep = (yd >= 0) & (yd < h) & (xd >= 0) & (xd < w)
    rows = np.bincount(yd[keep], minlength=h).astype(np.float64)
    return float(np.sum(np.diff(rows) ** 2))


def _page_ink(h: int = 700, w: int = 500, seed: int = 3):
    """A binary page: text-like marks everywhere, the corners and edges included (the pixels a turn
    moves out of the frame), and two long rules."""
    rng = np.random.default_rng(seed)
    ink = np.zeros((h, w), dtype=np.uint8)
    for y in range(0, h, 11):
        for x in rng.integers(0, w - 4, size=12):
            ink[y:y + 5, x:x + 4] = 255
    ink[:3, :] = ink[-3:, :] = 255  # ink along the top and bottom edges
    ink[:, :2] = ink[:, -2:] = 255  # and the sides
    ink[h // 3, 30:w - 30] = ink[2 * h // 3, 30:w - 30] = 255
    return ink


@pytest.mark.parametrize("shape", [(700, 500), (500, 700), (64, 900)])
def test_turned_row_counts_are_those_of_every_pixel_tested(shape):
    ink = _page_ink(*shape)
    points = image._Points(ink)
    assert len(points.edge_xs)  # pixels a turn may move out of the frame
    assert len(points.xs) or min(shape) < 200  # and, but in a thin strip, pixels none can
    for angle in np.arange(-image.MAX_SKEW - 0.12, image.MAX_SKEW + 0.12 + 1e-9, 0.37):
        assert points.sharpness(angle) == _sharpness_plain(ink, angle)
    turned = image._Points(np.rot90(ink))
    for angle in np.arange(-image.MAX_SKEW, image.MAX_SKEW + 1e-9, 1.0):  # quarter_turn's angles
        assert turned.sharpness(angle) == _sharpness_plain(np.rot90(ink), angle)


def test_turn_beyond_the_points_reach_is_refused():
    points = image._Points(_page_ink(), reach=2.0)
    assert points.sharpness(1.9) == _sharpness_plain(_page_ink(), 1.9)
    with pytest.raises(ValueError):
        points.sharpness(2.5)  # a pixel near an edge untested could leave the frame


def test_heading_rules_found_as_before():
    """A lattice whose column rules stop short of the top rule under a spanning heading, short
    pieces of rule between the heading's row rules, and strokes of characters (short runs) beside
    them: the one piece of rule drawn alone between two row rules (x 380-381, y 52-79, in line with
    a column rule below) is found from row rule to row rule; the piece joined to the column rule
    under it is that rule's, and no character's stroke is a rule."""
    dpi, n = 200, 40
    gray = np.full((400, 600), 255, dtype=np.uint8)
    for y in (50, 80, 110, 300):
        gray[y:y + 2, 40:560] = 0  # row rules
    for x in (40, 200, 380, 558):
        gray[110:302, x:x + 2] = 0  # column rules under the heading rows
    gray[80:112, 200:202] = 0  # a piece over one heading row, in line with a column rule
    gray[52:80, 380:382] = 0  # a piece between the first two row rules, in line with another
    rng = np.random.default_rng(5)
    for _ in range(60):  # characters' strokes: short vertical runs touching no rule
        x, y = int(rng.integers(60, 540)), int(rng.integers(120, 280))
        gray[y:y + int(rng.integers(8, 20)), x:x + 2] = 0
    ink = gray < 128
    closed = ink.astype(np.uint8)
    horizontal = [(40.0, 560.0, float(y) + 1.0) for y in (50, 80, 110, 300)]
    vertical = [(110.0, 302.0, float(x) + 1.0) for x in (40, 200, 380, 558)]
    beside = rulings._without(ink, [(a, b, c, 2) for a, b, c in horizontal], n, across=True)
    got = rulings._head_rules(closed, ink, beside, horizontal, vertical, n, dpi)
    assert got == [(51.0, 81.0, 381.0)]  # (top row rule, bottom row rule, x), pixels
    assert rulings._head_rules(closed, ink, beside, [], vertical, n, dpi) == []


def test_opencv_threads_follow_the_ocr_threads():
    before = cv2.getNumThreads()
    try:
        ocr._image_threads(1)
        assert cv2.getNumThreads() == 1
        cv2.setNumThreads(before)
        ocr._image_threads(-1)  # no count given: OpenCV's own
        assert cv2.getNumThreads() == before
    finally:
        cv2.setNumThreads(before)
