"""bench/ocr_rec_width.py: where a wide crop is cut into pieces for the recogniser (issue #15)."""
import importlib.util
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]


def _bench():
    spec = importlib.util.spec_from_file_location("ocr_rec_width", ROOT / "bench" / "ocr_rec_width.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _line(height: int, inked: list[tuple[int, int]], width: int):
    img = np.full((height, width, 3), 255, np.uint8)
    for a, b in inked:
        img[4:height - 4, a:b] = 0
    return img


def test_a_wide_crop_is_cut_at_the_middle_of_its_widest_blank_run():
    # 48 pixels high: columns are pixels. Ink 0-300, a 10-pixel gap, ink 310-380, a 30-pixel gap,
    # ink 410-1000. Pieces of at most 600 columns: the cut lies between 300 and 600 from the
    # start, in the widest blank run there (380-410), at its middle (395).
    bench = _bench()
    crop = _line(48, [(0, 300), (310, 380), (410, 1000)], 1000)
    pieces = bench.pieces(crop, 600)
    assert [p.shape[1] for p in pieces] == [395, 605]
    # the second piece (605 columns) has no blank column between 302 and 605 of it: left whole
    assert bench.columns(pieces[1]) == 605


def test_a_crop_within_the_limit_or_without_a_blank_run_stays_whole():
    bench = _bench()
    narrow = _line(48, [(0, 500)], 500)
    assert [p.shape[1] for p in bench.pieces(narrow, 600)] == [500]
    solid = _line(48, [(0, 1400)], 1400)
    assert [p.shape[1] for p in bench.pieces(solid, 600)] == [1400]


def test_columns_are_counted_at_the_recogniser_height():
    bench = _bench()
    # 96 pixels high, 1000 wide: 500 columns at 48 pixels high, within 600, one piece
    crop = _line(96, [(0, 400), (450, 1000)], 1000)
    assert bench.columns(crop) == 500
    assert len(bench.pieces(crop, 600)) == 1
    # within 400: cut between 200 and 400 columns (400-800 pixels) at the gap's middle, 425
    assert [p.shape[1] for p in bench.pieces(crop, 400)] == [425, 575]
