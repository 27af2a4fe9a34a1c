"""Constructed images and runs for the ruling and cutting helpers of the OCR path
(extract/rulings.py, extract/ocr.py): each case is the shape measured on a generated scan
(issue #12, bench/unseen_layouts.py --scan), drawn here in numpy."""
from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("cv2", reason="the OCR extra (OpenCV) is not installed")

from disclosure.extract import ocr, rulings  # noqa: E402


def test_solid_rule_against_stacked_brackets():
    ink = np.zeros((200, 30), dtype=bool)
    ink[:, 5:8] = True  # a rule: every row inked
    for top in range(0, 200, 20):  # brackets in rows 20 px apart: a curved stroke, 12 rows of 20 in column 20
        ink[top + 4:top + 16, 20] = True
        ink[top + 2:top + 4, 21] = ink[top + 16:top + 18, 21] = True
    assert rulings._solid((0.0, 200.0, 6.0, 3), ink)
    assert not rulings._solid((0.0, 200.0, 20.5, 3), ink)  # 0.6 of the rows in its darkest column


def test_dotted_run_is_dots_not_solid():
    ink = np.zeros((300, 10), dtype=bool)
    period = round(2.5 * 200 / 72)  # 7 pixels: a dot of 3, a gap of 4
    for top in range(0, 300, period):
        ink[top:top + 3, 4:6] = True
    v = (0.0, 300.0, 5.0, 2)
    assert not rulings._solid(v, ink) and rulings._dots(v, ink, 200)


def test_unsnapped_short_run_inside_a_lattice():
    vertical = [(0.0, 500.0, 100.0), (0.0, 500.0, 300.0), (0.0, 500.0, 500.0)]
    n = 66
    assert rulings._unsnapped((100.0, 180.0, 250.0), vertical, n)  # from a rule to mid-cell: text
    assert not rulings._unsnapped((100.0, 300.0, 250.0), vertical, n)  # rule to rule: a row rule's piece
    assert not rulings._unsnapped((600.0, 680.0, 250.0), vertical, n)  # beside the lattice
    assert not rulings._unsnapped((100.0, 180.0, 700.0), vertical, n)  # below it (no vertical at its row)
    assert not rulings._unsnapped((100.0, 400.0, 250.0), vertical, n)  # 3n or longer: left to _clear


def test_frame_wide_rule_touched_on_both_sides():
    n = 66
    beside = np.zeros((100, 700), dtype=bool)
    beside[45, 100:140] = beside[54, 100:140] = True  # digits above and commas below touching it (8% of 500)
    horizontal = [(100.0, 600.0, 20.0, 3), (100.0, 600.0, 50.0, 3), (300.0, 380.0, 70.0, 2)]
    vertical = [(0.0, 90.0, 100.0, 3), (0.0, 90.0, 250.0, 3), (0.0, 90.0, 400.0, 3), (0.0, 90.0, 500.0, 3),
                (0.0, 90.0, 600.0, 3)]
    assert rulings._frame_wide(horizontal[1], horizontal, beside, vertical, n)
    assert not rulings._frame_wide(horizontal[2], horizontal, beside, vertical, n)  # short: not the frame's width
    beside[45, 100:300] = beside[54, 100:300] = True  # touched on both sides in 40% of it: text
    assert not rulings._frame_wide(horizontal[1], horizontal, beside, vertical, n)
    assert not rulings._frame_wide(horizontal[1], horizontal, np.zeros_like(beside), vertical[:3], n)  # crosses 2 inside the frame


def test_edge_rule_keeps_a_one_beside_the_rule():
    # crop columns dark over most of the height: the rule cut at 0-1, a 1 set against it at 5
    assert ocr._edge_rule(np.array([0, 1, 5]), 60) == (3, 60)
    assert ocr._edge_rule(np.array([0, 1, 2]), 60) == (4, 60)  # the rule and its blur
    assert ocr._edge_rule(np.array([3, 4]), 60) == (6, 60)  # a rule with a margin before it
    assert ocr._edge_rule(np.array([55, 56]), 60) == (0, 54)  # the same at the right end
    assert ocr._edge_rule(np.array([52, 58, 59]), 60) == (0, 57)  # a 1 before the rule at the right end


def test_light_rule_stretch_is_no_dash():
    gray = np.full((40, 200), 255, dtype=np.uint8)
    gray[20, 10:190] = 170  # a light rule
    gray[20, 90:118] = 100  # a darker stretch of it: a bar 28 by 1, as flat as a dash
    assert ocr._on_rule(gray, 90, 20, 28, 1)
    cell = np.full((40, 200), 255, dtype=np.uint8)
    cell[:, 60:63] = 90  # a vertical rule, the dash set 4 pixels right of it
    cell[20:22, 67:77] = 100
    assert not ocr._on_rule(cell, 67, 20, 10, 2)


def test_edge_rule_at_the_detectors_box_end():
    # a box end that is no cut: only a rule at the very end is left out, a 1 ending 5 columns
    # before it is text (the 项 11 read 1)
    assert ocr._edge_rule(np.array([0, 1, 5, 6, 53, 54]), 60, (True, False)) == (3, 60)
    assert ocr._edge_rule(np.array([58, 59]), 60, (True, False)) == (0, 57)


def _digits_against_rule(gap: int) -> np.ndarray:
    """A ruled column 22 pixels a row (U001-00007 p.2, a Calc table at 200 dpi): amounts set right
    against the column rule at x 215-217, the last digit of each (a 5: a 7-pixel-wide glyph of
    strokes, 16 rows tall) ending `gap` pixels left of the rule."""
    gray = np.full((600, 300), 255, dtype=np.uint8)
    gray[40:560, 20:23] = 0  # the frame's left rule
    gray[40:560, 215:218] = 0  # the column rule
    for y in range(40, 561, 22):
        gray[y:y + 2, 20:218] = 0  # row rules
    right = 215 - gap
    for top in range(45, 540, 22):  # a 5 in each row: top bar, left stroke, middle bar, right stroke, foot
        gray[top:top + 2, right - 7:right] = 0
        gray[top:top + 7, right - 7:right - 5] = 0
        gray[top + 6:top + 8, right - 7:right] = 0
        gray[top + 7:top + 15, right - 2:right] = 0
        gray[top + 14:top + 16, right - 7:right] = 0
        for k in range(4):  # 0s before it, clear of the rule: curved sides (8 rows upright), bars over and under
            x = right - 20 - 11 * k
            gray[top + 4:top + 12, x:x + 2] = gray[top + 4:top + 12, x + 6:x + 8] = 0
            gray[top + 2:top + 4, x + 1:x + 3] = gray[top + 12:top + 14, x + 1:x + 3] = 0
            gray[top + 2:top + 4, x + 5:x + 7] = gray[top + 12:top + 14, x + 5:x + 7] = 0
            gray[top:top + 2, x + 2:x + 6] = gray[top + 14:top + 16, x + 2:x + 6] = 0
    return gray


def test_last_digits_beside_a_rule_are_no_rule():
    # the right strokes of the last digits, bridged over the row rules, make a run beside the
    # column rule; its darkest column was the rule's edge, so it passed as solid and cut the
    # last digit off every amount (1075.8345 read 1075.834 and 司)
    for gap in (1, 2):
        _, vertical = rulings.segments(_digits_against_rule(gap), 200)
        xs = sorted(round(v[2]) for v in vertical)
        assert xs == [22, 216], (gap, xs)


def test_solid_leaves_a_neighbours_columns_out():
    ink = np.zeros((200, 30), dtype=bool)
    ink[:, 15:18] = True  # a rule
    ink[::2, 8:14] = True  # strokes beside it in half the rows
    assert rulings._solid((0.0, 200.0, 16.5, 3), ink, [(0.0, 200.0, 11.0, 7)])
    assert rulings._solid((0.0, 200.0, 11.0, 7), ink)  # alone, its margin reaches the rule
    assert not rulings._solid((0.0, 200.0, 11.0, 7), ink, [(0.0, 200.0, 16.5, 3)])
    assert rulings._solid((0.0, 200.0, 11.0, 7), ink, [(300.0, 400.0, 16.5, 3)])  # not beside it in rows


def _dotted_lattice(gap: tuple[int, int] | None) -> np.ndarray:
    """A page at 200 dpi: two columns (rules at x 100, 400, 700), four rows between dotted row
    rules (a dot of 3 pixels every 7) at y 100 … 500; `gap` (x0, x1) wiped from the rule at y 300,
    as a watermark's stroke wipes it in a scan."""
    gray = np.full((600, 800), 255, dtype=np.uint8)
    for x in (100, 400, 700):
        gray[100:502, x:x + 2] = 60
    for y in (100, 200, 300, 400, 500):
        for x in range(100, 702, 7):
            gray[y:y + 2, x:x + 3] = 60
    if gap:
        gray[296:306, gap[0]:gap[1]] = 255
    return gray


def _cells(gray) -> int:
    horizontal, vertical = rulings.segments(gray, 200)
    return sum(len(t.cells) for t in rulings.tables(rulings.edges(horizontal, vertical, 200)))


def test_row_rule_gap_inside_a_cell_is_bridged():
    # U001-00003 pp.6, 10 scanned: an 11-pixel gap in a dotted row rule under 仅供参考 made one cell of
    # two rows (（二）… and （三）… one label; 1,458,417.20 and 639,577.11 one amount cell)
    assert _cells(_dotted_lattice(None)) == 8
    assert _cells(_dotted_lattice((540, 553))) == 8
    # runs on one row: bridged inside a cell (vertical rules either side, none in the gap) only; y
    # weighted by length, (440 * 300 + 147 * 301) / 587
    vertical = [(0.0, 600.0, 100.0), (0.0, 600.0, 400.0), (0.0, 600.0, 700.0)]
    assert rulings._gaps_closed([(100.0, 540.0, 300.0), (553.0, 700.0, 301.0)], vertical, 66) == \
        [(100.0, 700.0, pytest.approx(300.25, abs=0.01))]
    assert len(rulings._gaps_closed([(100.0, 540.0, 300.0), (553.0, 700.0, 301.0)], [], 66)) == 2  # no lattice
    assert len(rulings._gaps_closed([(100.0, 395.0, 300.0), (405.0, 700.0, 300.0)], vertical, 66)) == 2  # at a rule
    assert len(rulings._gaps_closed([(100.0, 500.0, 300.0), (553.0, 700.0, 300.0)], vertical, 66)) == 2  # 53 > 66/3
    assert len(rulings._gaps_closed([(100.0, 540.0, 300.0), (553.0, 700.0, 310.0)], vertical, 66)) == 2  # two rows


def _head_lattice(dotted: bool = False):
    """A ruled table at 200 dpi: a heading row (y 100-130) over a 栏次 row (130-155) whose first
    cell spans the code and name columns, so the column rule at x 250 runs over the heading row
    (30 pixels, under MIN_LINE_PT) and again down the body; the rule at x 450 runs full height."""
    gray = np.full((440, 760), 255, dtype=np.uint8)
    for y in [100, 130, 155] + list(range(180, 401, 25)):
        gray[y - 1:y + 1, 100:701] = 0
    for x in (100, 450, 700):
        gray[100:401, x - 1:x + 1] = 0
    gray[100:131, 249:251] = 0  # the code | name rule over the heading row
    if dotted:  # ruled with dots (a dot of 3 pixels every 7), as reportlab's setDash([1, 1.5])
        for y in range(101, 130):
            if (y - 101) % 7 >= 3:
                gray[y, 249:251] = 255
    gray[155:401, 249:251] = 0  # and down the body, under the 栏次 cell
    gray[104:127, 330:332] = 0  # a heading character's stroke, clear of the rules
    gray[100:131, 380:382] = 0  # a stroke from rule to rule, not in line with a column rule
    return gray


def test_heading_piece_of_a_column_rule_is_kept():
    # U001-00001 p.2, U001-00000 p.11 scanned: the column rules over a one- or two-row heading, broken
    # under a 栏次 cell spanning the columns, were dropped (shorter than MIN_LINE_PT): 科目代码 and
    # 科目名称 one cell over both columns, the codes then read as amounts
    _, vertical = rulings.segments(_head_lattice(), 200)
    pieces = sorted((round(y0), round(y1)) for y0, y1, x in vertical if abs(x - 250) <= 2)
    assert len(pieces) == 2 and abs(pieces[0][0] - 100) <= 3 and abs(pieces[0][1] - 130) <= 3
    assert not [v for v in vertical if 300 < v[2] < 445]  # neither stroke is a rule
    cells = [c for t in rulings.tables(rulings.edges(*rulings.segments(_head_lattice(), 200), 200)) for c in t.cells]
    k = 72 / 200
    heading = sorted(c for c in cells if abs(c[1] - 100 * k) < 1 and abs(c[3] - 130 * k) < 1)
    assert [(round(c[0] / k), round(c[2] / k)) for c in heading] == [(100, 250), (250, 450), (450, 700)]
    _, vertical = rulings.segments(_head_lattice(dotted=True), 200)
    assert len([v for v in vertical if abs(v[2] - 250) <= 2]) == 2


def test_over_rule_start_keeps_a_label_set_flush_against_its_rule():
    # U001-00001 p.2 scanned: 文物 set flush against its cell's rule (x 281.5) after the code 20702; the
    # detection starting at the rule was widened over it into the code's cell (the rule taken to run
    # through a glyph: ink within two pixels on both sides) and kept there, read `20702 文物`
    gray = np.full((60, 400), 255, dtype=np.uint8)
    gray[:, 200:202] = 0  # the column rule
    gray[22:30, 202:204] = 0  # the label's first stroke against the rule
    gray[24:34, 206:230:3] = 60
    gray[30:36, 198:200] = 90  # grey noise against the rule's other side
    gray[25:35, 150:170] = 0  # the code, further left
    quad = [[199.0, 18.0], [232.0, 18.0], [232.0, 42.0], [199.0, 42.0]]
    vertical = [(0.0, 60.0, 200.5)]
    assert ocr._rule_across_glyph(gray, 18, 42, 200.5) is not None  # the shape that misled it
    assert ocr._over_rule_ends(gray, quad, vertical, "文物", strict=False) == (quad, [])
    widened, cuts = ocr._over_rule_ends(gray, quad, vertical, "[03.46", strict=False)  # an amount's tail
    assert cuts == [200.5] and ocr._bounds(widened)[0] < 199
    assert ocr._over_rule_ends(gray, quad, vertical, "[03.46", strict=True) == (quad, [])  # the cells path: digits only


def test_dotted_rule_drawn_cell_by_cell_is_a_rule():
    # U001-00005 p.3 scanned: a dotted column rule drawn cell by cell starts its dots again at every
    # row rule (there a gap of 2 pixels each 7, restarted each 47 pixels; here each 31), so that one
    # step in four to seven is 10 to 14 pixels and the gap falls 3 pixels beyond each row rule: not
    # through the rules (_through), not regular dots (_dots, 0.75-0.78 of the steps regular):
    # dropped, and 合计 read in one cell with 一般公共预算
    gray = np.full((560, 500), 255, dtype=np.uint8)
    ys = list(range(40, 530, 31))
    for y in ys:
        gray[y - 1:y + 1, 50:451] = 0
    for x in (50, 450):
        gray[ys[0]:ys[-1] + 1, x - 1:x + 1] = 0
    for a, b in zip(ys, ys[1:]):  # the middle rule, cell by cell
        for y in range(a + 1, b - 1):
            if (y - a - 1) % 7 not in (1, 2):  # the gap 2 to 3 pixels under the row rule
                gray[y, 249:252] = 0
    _, vertical = rulings.segments(gray, 200)
    assert [v for v in vertical if abs(v[2] - 250) <= 2]
    # stacked strokes, one a row (gapped where the rows part): still no rule
    gray[:, 245:256] = 255
    for a, b in zip(ys, ys[1:]):
        gray[a + 8:b - 8, 249:252] = 0
    gray[ys[0]:ys[-1] + 1, 249:252][[y - ys[0] for y in ys]] = 0
    _, vertical = rulings.segments(gray, 200)
    assert not [v for v in vertical if abs(v[2] - 250) <= 2]


def test_bold_dash_in_a_short_box_is_flat():
    # U001-00016 p.6 scanned: a bold hyphen (8 by 4 pixels) in a detection 15 pixels tall, read 1,
    # gave the 公用经费 cell printed '-' an amount 1; a 1 in the same box is not flat
    gray = np.full((40, 40), 255, dtype=np.uint8)
    gray[17:21, 16:24] = 30
    quad = [[10, 10], [30, 10], [30, 25], [10, 25]]
    assert ocr._flat(gray, quad)
    one = np.full((40, 40), 255, dtype=np.uint8)
    one[12:23, 19:21] = 30
    assert not ocr._flat(one, quad)


def _group_lattice(flush: bool = True) -> np.ndarray:
    """A compact ruled 三公 table at 200 dpi (a Calc sheet, rows about 30 pixels): a frame x 100 …
    900 and y 100 … 194, a group heading's cell (x 300 … 700) over three sub-columns whose rules
    (x 430, 560) run from the group's underline (y 131) to the foot, through the row rule under
    the sub-headings (y 162): 63 pixels, under MIN_LINE_PT, and in line with no longer rule. The
    body row's amounts are set flush against their rules (`flush`), as a Calc table set left."""
    gray = np.full((300, 1000), 255, dtype=np.uint8)
    for y, x0, x1 in ((100, 100, 901), (131, 300, 701), (162, 100, 901), (194, 100, 901)):
        gray[y - 1:y + 1, x0:x1] = 40
    for x in (100, 300, 700, 900):
        gray[100:195, x - 1:x + 1] = 40
    for x in (430, 560):
        gray[131:195, x - 1:x + 1] = 40
    if flush:
        for x in (300, 430, 560):  # a digit's strokes against the rule, 14 pixels tall
            gray[172:186, x + 1:x + 3] = 60
            gray[172:174, x + 1:x + 9] = 60
            gray[184:186, x + 1:x + 9] = 60
    gray[140:154, 350:352] = 60  # a sub-heading's stroke, clear of the rules
    return gray


def test_column_rules_under_a_group_heading_of_a_compact_table():
    # U001-00015 p.6 scanned: the rules parting 小计 | 公务用车购置费 | 公务用车运行费 under 公务用车购置及
    # 运行费, two rows of 30 pixels long, were dropped (shorter than MIN_LINE_PT, in line with no
    # longer column rule) and the three columns read as one cell (2,030,877 - 2,030,877)
    for flush in (True, False):
        _, vertical = rulings.segments(_group_lattice(flush), 200)
        xs = sorted(round(x) for _, _, x in vertical)
        assert [x for x in xs if abs(x - 430) <= 2] and [x for x in xs if abs(x - 560) <= 2], xs
        assert not [x for x in xs if 340 <= x <= 360]
        assert _cells(_group_lattice(flush)) == 11  # 合计, the group, 公务接待费; 3 sub-headings; a body row of 5
    # U001-00007 p.1 scanned: a label's last character (计 of 本年支出合计) in a row 30 pixels tall, its
    # upright stroke from rule to rule and its strokes along the row taken for a run ending there:
    # the row rule it would cross runs on past it on one side only, so it is no column rule
    gray = np.full((300, 1000), 255, dtype=np.uint8)
    for y in (100, 131, 162):
        gray[y - 1:y + 1, 100:901] = 40
    for x in (100, 900):
        gray[100:163, x - 1:x + 1] = 40
    gray[145:147, 300:441] = 40  # the characters' strokes bridged along the row
    gray[132:161, 439:441] = 40  # 计's upright stroke, rule to rule
    _, vertical = rulings.segments(gray, 200)
    assert not [v for v in vertical if abs(v[2] - 440) <= 3]
