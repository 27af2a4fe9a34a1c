"""OCR of the unseen layouts' scans (samples/unseen, seed 1; issue #12, bench/unseen_layouts.py
--scan): one page scanned per kind of failure found there, the other pages kept as text
(`make_scan --mixed`), the page's amounts scored against the generator's truth:

- U001-00002 p.10, a three-line table under the watermark 仅供参考 printed in light grey across
  the page: the tint is whitened before the ruling is found and the characters are read
  (image.tint_removed), so the watermark is neither read into cells nor taken for ink beside
  the table's rules (the body was read without its heading: every amount in a column named '');
- U001-00002 p.8, headings printed a character a line (基 / 本 / 支 / 出): the first character,
  a line of its own above the others, is the heading's first character, not a heading level
  (基/本支出);
- U001-00003 p.4, a table ruled with dotted lines (a dot 1 pt long every 2.5 pt) under the
  watermark: a dotted column rule is a rule although the row just beyond a row rule may fall
  in one of its gaps (rulings._through looks 3 to 7 pixels beyond), so the table is a lattice
  and its headings, centred over amounts set right, head their own columns (基本支出 was read
  as 基本 | 支出 over the amounts of the column on its left);
- U001-00001 p.5, a Calc table whose amounts are set left against their cells' rules: a
  detection starting at a rule is not widened over it, so the rule is not read as a bar in
  front of the amount (|6,538,445.84, the next column's amount moved into this one);
- U001-00001 p.2, the same Calc tables with tight rows: 93,002.03 printed in four rows one
  above the other, touching the row rules, makes a vertical run that passes for a rule; one
  shorter than the rules beside it that runs through the inside of the detections it crosses
  is their characters' strokes (ocr._phantoms), not cut at and left out of the lattice (the
  amounts were read 93 | ,002.03 in two cells);
- U001-00017 p.10, box-only rules, the year headings printed a character a line (2 / 0 / 2 / 0 /
  年 / 预 / 算 / 数) and 类 | 款 | 项 printed only where the level changes: the detector's boxes
  of the stacked characters overlap (padding), so they are parted where they overlap
  (ocr._stacked_apart); chained into one line, the stack's top digits were a body row and the
  table's body one row of every line (no amount read);
- U001-00017 p.3, the same table's 类 款 项 headings letter-spaced 18 pt apart: the recogniser's
  box of each character reaches over the blank to the next, so 类款 was one heading over two
  code columns and no row kept its code; a one-character box wider than a character is
  narrowed to its ink (ocr._to_ink);
- U001-00009 p.2, a Calc table whose heading 财政拨款收入 spans 一般公共预算 | 政府性基金预算: the
  rule between the two begins under the heading, but closing the gaps of a line bridged it to
  the edge stroke of 款 and on to the table's top rule, and the heading was cut into 财政 |
  次收入; the end of a vertical run a pixel wide is no rule's (rulings._bridged_ends);
- U001-00007 p.1, a Calc 收支总表 with tight rows, each side's amount set right against the rule
  between the sides and the other side's label set left against it: text touches that rule on
  both sides, but it runs the frame's height through every row rule (rulings._through_every);
  without it the two sides were read as one (预算数 and 项目 in one column);
- U001-00010 p.5, a Calc table headed 2019年决算数 over two pages: the recogniser reads 决 in its
  Japanese form 決, and the column matched no heading of the page after; the forms the
  recogniser's dictionary holds for simplified characters are read as those (ocr._SIMPLIFIED);
- U001-00012 p.5, a three-line 财政拨款收支总表 under the watermark: the income side's dash and
  the expenditure side's bracketed item were one detection (-（二）社会保障和就业支出), which
  bridged the gap between the income amounts and the expenditure labels, and the two columns
  were read as one; a dash before a bracketed list number is the cell before
  (aligned._part_amount).
"""
from __future__ import annotations

import json
import sys

import pytest

from conftest import ROOT, needs
from disclosure import pipeline
from disclosure.extract import ocr

sys.path.insert(0, str(ROOT / "samples"))
sys.path.insert(0, str(ROOT / "bench"))
from make_scan import make_scan  # noqa: E402
from samples.unseen import render_office  # noqa: E402
from samples.unseen.make import FORM_AXES  # noqa: E402
from unseen_layouts import score_doc  # noqa: E402

needs(ocr.available(), f"the OCR extra is not installed ({ocr.INSTALL_HINT})")
pytest.importorskip("reportlab", reason="the generator draws with reportlab (pip install -e '.[samples]')")


# the seed 1 documents as made when these kinds were found: the later axes and the form axes (drawn
# since session 18: documents 3, 8, 10 and 15 draw some now) off
AS_MADE = {"exp_pairs": False, "three_boxes": False, "row_break": False, **{k: False for k in FORM_AXES}}


# the documents the tests read, made before any test reads one, so that a test run alone reads the
# document it reads in the whole module (each used to be made by the first test asking for it, under
# that test's axes): document 8 as drawn today but for the form axes, the others as first made
USED = {1, 2, 3, 7, 9, 10, 12, 15, 17}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """The seed 1 documents of this module made as the bench makes them (bench/unseen_layouts.
    generate_all: the LibreOffice ones exported in one LibreOffice run, not one run each)."""
    from unseen_layouts import generate_all

    from samples.unseen.make import generate

    d = tmp_path_factory.mktemp("unseen-ocr")
    for force, idx in ((AS_MADE, sorted(USED)), ({k: False for k in FORM_AXES}, [8])):
        if render_office.soffice() is None:  # the reportlab documents only: the Calc ones' tests skip, saying why
            for i in idx:
                try:
                    generate(1, i, d, force)
                except RuntimeError:
                    pass
            continue
        failed = generate_all(1, idx, d, [f"{k}={v}" for k, v in force.items()], 1)
        assert not failed, failed
    return d


def _page_read(folder, index: int, page: int, tmp_path, spanning: bool = False) -> dict:
    """Document `index` of seed 1 made in `folder` (once), page `page` scanned and read by OCR,
    the rest from its text layer: bench/unseen_layouts.score_doc of that page's amounts (misses
    keyed (row key, column path)); with `spanning`, the amounts of the tables on that page and
    the next (a table over two pages: the generator's truth gives its amounts both pages)."""
    # (the pages named below are those of the documents as made before the generator's later
    # axes: U001-00003 draws row_break, which moves its pages)
    pdf = folder / f"U001-{index:05d}.pdf"
    truth = json.loads((folder / f"U001-{index:05d}.truth.json").read_text(encoding="utf-8"))
    scan = make_scan(pdf, tmp_path / f"scan-{pdf.name}", dpi=200, pages=str(page), mixed=True)
    doc = pipeline.extract(scan, ocr="auto")
    assert [p.number for p in doc.pages if p.method == "ocr"] == [page]
    pipeline.write_outputs(doc, tmp_path / "out", ("json",))
    for t in truth["tables"]:
        t["amounts"] = [a for a in t["amounts"] if a["pages"] == [page] or spanning and page in a["pages"]]
    truth["tables"] = [t for t in truth["tables"] if t["amounts"]]
    r = score_doc(truth, json.loads((tmp_path / "out" / "document.json").read_text(encoding="utf-8")))
    r["missed"] = {(m["key"], m["column"]): m["got"] for m in r["misses"]}
    return r


def test_watermark_tint_is_not_read(folder, tmp_path):
    r = _page_read(folder, 2, 10, tmp_path)  # 仅供参考 across a three-line 基本支出 table
    assert r["amounts"] >= 30 and r["exact"] == r["amounts"], list(r["missed"].items())[:5]


def test_heading_printed_a_character_a_line(folder, tmp_path):
    r = _page_read(folder, 2, 8, tmp_path)  # 合 / 计, 基 / 本 / 支 / 出, 项 / 目 / 支 / 出
    assert r["amounts"] >= 40 and r["exact"] == r["amounts"], list(r["missed"].items())[:5]


def test_dotted_rules_are_rules(folder, tmp_path):
    r = _page_read(folder, 3, 4, tmp_path)  # 部门支出总表, dotted rules, amounts set right
    assert r["amounts"] >= 40 and r["exact"] == r["amounts"], list(r["missed"].items())[:5]


def test_amount_set_against_its_rule_is_not_read_with_a_bar(folder, tmp_path):
    needs(render_office.soffice() is not None, "the Calc layouts need LibreOffice")
    r = _page_read(folder, 1, 5, tmp_path)  # Calc, amounts set left against the rules
    for key, col in (("30112", "合计"), ("30112", "人员经费"), ("30214", "合计"), ("30214", "公用经费"),
                     ("30304", "合计"), ("30304", "人员经费"), ("30211", "合计"), ("30211", "公用经费")):
        assert (key, col) not in r["missed"], r["missed"][(key, col)]
    assert r["exact"] >= r["amounts"] - 1, list(r["missed"].items())


def test_stacked_strokes_are_no_rule(folder, tmp_path):
    needs(render_office.soffice() is not None, "the Calc layouts need LibreOffice")
    r = _page_read(folder, 1, 2, tmp_path)  # Calc 收入决算表, tight rows
    for key in ("221", "22102", "2210203", "合计"):
        assert (key, "事业收入") not in r["missed"], r["missed"][(key, "事业收入")]
    assert r["exact"] >= r["amounts"] - 8, list(r["missed"].items())


def test_characters_stacked_down_a_column_are_lines_apart(folder, tmp_path):
    r = _page_read(folder, 17, 10, tmp_path)  # 一般公共预算支出预算表, 2/0/2/0/年/预/算/数, sparse 类 款 项
    assert r["amounts"] >= 100 and r["exact"] == r["amounts"], list(r["missed"].items())[:5]


def test_letter_spaced_code_headings_stay_apart(folder, tmp_path):
    r = _page_read(folder, 17, 3, tmp_path)  # 收入预算总表, 类 款 项 letter-spaced over sparse code columns
    assert r["amounts"] >= 60 and r["exact"] == r["amounts"], list(r["missed"].items())[:5]


def test_rule_bridged_to_a_heading_stroke_stops_under_the_heading(folder, tmp_path):
    needs(render_office.soffice() is not None, "the Calc layouts need LibreOffice")
    r = _page_read(folder, 9, 2, tmp_path)  # Calc 收入预算总表, 财政拨款收入 over two columns
    assert r["amounts"] >= 70 and r["exact"] == r["amounts"], list(r["missed"].items())[:5]


def test_rule_between_sides_touched_by_both_is_a_rule(folder, tmp_path):
    needs(render_office.soffice() is not None, "the Calc layouts need LibreOffice")
    r = _page_read(folder, 7, 1, tmp_path)  # Calc 收支预算总表, 6245.0125|一、公共安全支出
    assert r["amounts"] >= 15 and r["exact"] == r["amounts"], list(r["missed"].items())[:5]


def test_traditional_form_read_for_simplified_character(folder, tmp_path):
    needs(render_office.soffice() is not None, "the Calc layouts need LibreOffice")
    r = _page_read(folder, 10, 5, tmp_path, spanning=True)  # Calc 一般公共预算支出决算表, pp.5-6
    assert r["amounts"] >= 100 and r["exact"] == r["amounts"], list(r["missed"].items())[:5]


def test_dash_read_with_a_bracketed_item_is_the_cell_before(folder, tmp_path):
    r = _page_read(folder, 12, 5, tmp_path)  # 财政拨款收支总表, three-line rules, 仅供参考
    assert r["amounts"] >= 15 and r["exact"] == r["amounts"], list(r["missed"].items())[:5]



def _rulings_of_scan(folder, tmp_path, index: int, page: int, across: bool = False) -> list[tuple[float, float, float]]:
    """The vertical rulings (top, bottom, x in points) found on page `page` of document `index` of
    seed 1 scanned whole, as bench/unseen_layouts.py --scan scans it (rulings.segments after the
    tint and the skew are taken out, as scanned.read_page does); with `across` the horizontal
    ones (x0, x1, y). Only pages 1 to `page` are scanned: a page's scan (its tilt, alternating,
    and its noise, drawn page after page from one seeded generator) depends on the pages before
    it only, so page `page` is the whole document's scan of it, pixel for pixel, without the
    pages after it (each a render, a turn, a blur and a JPEG encoding)."""
    import pypdfium2

    from disclosure.extract import image, rulings

    pdf = folder / f"U001-{index:05d}.pdf"
    scan = make_scan(pdf, tmp_path / "scan.pdf", dpi=200, pages=f"1-{page}")
    gray = image.tint_removed(image.render(pypdfium2.PdfDocument(str(scan))[page - 1], 200))
    skew = image.skew_angle(gray)
    gray = image.turn(gray, skew) if skew else gray
    k = 72.0 / 200
    return [(a * k, b * k, x * k) for a, b, x in rulings.segments(gray, 200)[0 if across else 1]]


def test_dotted_rule_keeps_its_last_row(folder, tmp_path):
    # U001-00003 p.7: the dotted rule between 科目名称 and 合计 drifts a pixel along its length and
    # is a pixel wide in the opening in its last row; a row between two rules is the rule's
    # (rulings._bridged_ends), else 购房补贴 and its 合计 10,486,869.33 were one cell
    vertical = _rulings_of_scan(folder, tmp_path, 3, 7)
    rule = [v for v in vertical if abs(v[2] - 329.9) < 3 and v[0] < 60]
    assert rule and rule[0][1] > 335, [tuple(round(c, 1) for c in v) for v in vertical]


def test_rule_overshooting_into_the_next_title_is_cut_at_the_frame(folder, tmp_path):
    # U001-00008 p.6, a 三公 table with the next table's title just under it: the column rule
    # between 合计 and 因公出国（境）费 was bridged into the title's strokes and failed as a rule
    # (text on both sides); its piece beyond the frame, ending at no rule, is cut off
    vertical = _rulings_of_scan(folder, tmp_path, 8, 6)
    rule = [v for v in vertical if abs(v[2] - 188.3) < 3 and 300 < v[0] < 320]
    assert rule and 425 < rule[0][1] < 432, [tuple(round(c, 1) for c in v) for v in vertical]


def test_bracket_strokes_stacked_against_the_frame_are_no_rule(folder, tmp_path):
    # U001-00015 p.3, a Calc 财政拨款收支总表 in tight rows: the left brackets of （一） （二） （三）
    # stacked against the frame were bridged with the row rules into a vertical run 3 pt right of
    # it that passed for a rule (no column of it inked in more than 0.6 of its rows,
    # rulings._solid); a broken-off stretch of the light rule under 支出 was read as a dash in
    # the 决算数 heading (ocr._on_rule), and every amount was under '决算数 -/合计'. Left: this page
    # scanned alone reads a stray 1 or I after some labels ((一)一般公共服务支出 1), on main too
    needs(render_office.soffice() is not None, "the Calc layouts need LibreOffice")
    r = _page_read(folder, 15, 3, tmp_path)
    assert r["amounts"] >= 20 and r["exact"] >= 9, list(r["missed"].items())[:5]
    wrong = {k: g.get("column") for k, g in r["missed"].items() if g.get("column") != k[1]}
    assert not wrong, wrong


def test_frame_wide_rule_touched_by_tight_rows_is_a_rule(folder, tmp_path):
    # U001-00015 p.1, a Calc 收支决算总表 scanned whole: the rule under 一、一般公共预算拨款收入
    # 46,414,542 is touched by the digits above and the commas below in 8.8% of its columns; it
    # runs frame to frame through every column rule, so it is a rule (rulings._frame_wide), else
    # the two rows were read as one (46,414,5426,016,797 a heading)
    needs(render_office.soffice() is not None, "the Calc layouts need LibreOffice")
    horizontal = _rulings_of_scan(folder, tmp_path, 15, 1, across=True)
    rule = [h for h in horizontal if abs(h[2] - 113.4) < 1.5]
    assert rule and rule[0][0] < 60 and rule[0][1] > 535, [tuple(round(c, 1) for c in h) for h in horizontal]


def test_struck_label_is_no_rule_and_a_one_against_the_rule_is_read(folder, tmp_path):
    # U001-00015 p.2, a Calc 支出决算表, labels and amounts set left against their rules in tight
    # rows: the strokes of 退牧还草 and the commas' tails of 126,879 made short horizontal runs
    # from the rule to the middle of the cell (rulings._unsnapped drops them); a 1 printed
    # against the rule was left out with it (11,035,650 read 1,035,650, the 项 11 lost:
    # ocr._edge_rule)
    needs(render_office.soffice() is not None, "the Calc layouts need LibreOffice")
    r = _page_read(folder, 15, 2, tmp_path)
    assert r["amounts"] >= 70 and r["exact"] == r["amounts"], list(r["missed"].items())[:5]
