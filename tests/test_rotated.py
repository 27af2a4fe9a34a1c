"""Issue #12: text turned 90 degrees in a PDF is read, not silently dropped (extract/turned.py).

The documents are drawn here (samples/rotated.py): a 三公 table whose column headings are turned
(reportlab), a LibreOffice Calc export whose 合计 heading cell is rotated, a landscape page drawn
turned on a portrait sheet without /Rotate, and a page with words printed mirrored and at 45
degrees. Each is read by both PDF readers (pdfium, the default, and pdfminer) and held to what was
printed: every column heading path and every amount under it, exact.
"""
from __future__ import annotations

import sys
from decimal import Decimal

import pytest

from conftest import REQUIRE, ROOT

sys.path.insert(0, str(ROOT))

pytest.importorskip("reportlab", reason="the turned-text documents need reportlab (pip install -e '.[test]')")

from samples import rotated  # noqa: E402

READERS = ["pdfium", "pdfminer"]


def _read(path, reader, monkeypatch):
    from disclosure.pipeline import extract

    monkeypatch.setenv("DISCLOSURE_PDF_READER", reader)
    return extract(path)


def _by_column(table) -> dict[str, list[Decimal]]:
    out: dict[str, list[Decimal]] = {}
    for r in table.rows:
        for v in r.values:
            if v.amount.value is not None:  # (a blank cell is no amount)
                out.setdefault(v.column, []).append(v.amount.value)
    return out


@pytest.mark.parametrize("reader", READERS)
def test_turned_column_headings_of_a_three_public_table_are_read(tmp_path, reader, monkeypatch):
    """Case (b): headings turned 90 (bottom to top) and 270 (top to bottom) in a ruled 三公 table;
    on main every turned heading was lost (five amounts under '' or the group alone)."""
    pdf, truth = rotated.three_public_rotated(tmp_path / "three.pdf")
    doc = _read(pdf, reader, monkeypatch)
    [t] = doc.tables
    assert t.type == "three_public_expenses" and t.pages == [1]
    assert t.columns == ["合计", "因公出国（境）费", "公务用车购置及运行费/小计", "公务用车购置及运行费/公务用车购置费",
                         "公务用车购置及运行费/公务用车运行费", "公务接待费"]
    assert _by_column(t) == truth
    measures = {v.column: v.measure for r in t.rows for v in r.values}
    assert measures["因公出国（境）费"] == "outbound_travel" and measures["公务接待费"] == "reception"
    assert t.verification.identities and t.verification.held == t.verification.identities
    assert not doc.problems


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("clockwise", [False, True], ids=["turned90", "turned270"])
def test_a_landscape_page_drawn_turned_without_rotate_is_read(tmp_path, reader, clockwise, monkeypatch):
    """Case (c): a portrait sheet, no /Rotate, with a landscape table drawn turned on it: on main
    the page read nothing (method none, no table, no warning)."""
    pdf, truth = rotated.turned_page(tmp_path / "turned.pdf", clockwise=clockwise)
    doc = _read(pdf, reader, monkeypatch)
    [page] = doc.pages
    assert page.method == "text_layer"
    from disclosure.extract.pdf import read_pdf

    [raw] = read_pdf(pdf, reader=reader).pages
    assert (round(raw.width), round(raw.height)) == (842, 595)  # read as the landscape page shown
    [t] = doc.tables
    assert t.type == "general_budget_expenditure" and t.title == "2021年一般公共预算支出情况表"
    assert t.unit == "万元" and t.pages == [1]
    assert t.columns == ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
    assert _by_column(t) == truth
    assert [r.code for r in t.rows][:4] == ["", "201", "20101", "2010101"]
    assert t.verification.failed == 0 and t.verification.held >= 20
    # boxes are the turned page's: the table stands across the landscape page
    assert t.box.x1 - t.box.x0 > 600
    way = "270" if clockwise else "90"
    assert [(p["page"], f"turned {way}°" in p["reason"]) for p in doc.problems] == [(1, True)]


@pytest.mark.parametrize("reader", READERS)
def test_a_watermark_over_a_turned_page_is_said_once(tmp_path, reader, monkeypatch):
    """A turned page with a 45-degree watermark: the table read, the watermark set aside and said
    once (not once of the sheet and again of the page turned back), with its finding."""
    pdf, truth = rotated.turned_page(tmp_path / "wm.pdf", watermark="内部资料")
    doc = _read(pdf, reader, monkeypatch)
    [t] = doc.tables
    assert _by_column(t) == truth
    reasons = [p["reason"] for p in doc.problems]
    assert len(reasons) == 2 and "turned 90°" in reasons[0]
    assert reasons[1] == "4 characters turned off the page's axes ignored (a watermark? 内部资料)"
    assert [f.page for f in doc.findings if f.rule == "reading.text_set_aside"] == [1]


def test_turned_runs_are_assembled_in_reading_order():
    """The characters of a turned run are put in reading order whichever order the file draws
    them: bottom to top for a turn of 90 degrees, top to bottom for 270."""
    from disclosure.extract import turned

    def ch(text, top, m):
        return {"text": text, "x0": 100.0, "x1": 109.0, "top": top, "bottom": top + 9, "y0": 0.0, "y1": 9.0,
                "doctop": top, "size": 9.0, "upright": False, "matrix": m}

    up = [ch(t, top, (0.0, 1.0, -1.0, 0.0)) for t, top in (("计", 200.0), ("合", 209.0))]  # drawn top first
    down = [ch(t, top, (0.0, -1.0, 1.0, 0.0)) for t, top in (("支", 209.0), ("出", 218.0), ("项", 191.0), ("目", 200.0))]
    for c in down:
        c["x0"], c["x1"] = 300.0, 309.0
    other = {"text": "x", "x0": 0.0, "x1": 5.0, "top": 0.0, "bottom": 5.0, "upright": True}
    out = turned.as_upright([other] + up + down, up + down)
    assert out[0] is other
    assert "".join(c["text"] for c in out[1:]) == "合计项目支出"
    assert all(c["upright"] and "matrix" not in c for c in out[1:])
    # laid out upright across the run's box, inside it
    assert all(100.0 <= c["x0"] < c["x1"] <= 109.0 for c in out[1:3])
    assert out[1]["x0"] < out[2]["x0"] and 200.0 <= out[1]["top"] and out[1]["bottom"] <= 218.0


def test_a_wrapped_turned_heading_is_one_heading_in_line_order():
    """A turned heading wrapped over two lines in its cell: the lines joined in reading order (the
    left line first for 90 degrees, the right one for 270), one under the other in the box."""
    from disclosure.extract import turned

    def ch(text, x, top, m):
        return {"text": text, "x0": x, "x1": x + 9.0, "top": top, "bottom": top + 9.0, "y0": 0.0, "y1": 9.0,
                "doctop": top, "size": 9.0, "upright": False, "matrix": m}

    up, down = (0.0, 1.0, -1.0, 0.0), (0.0, -1.0, 1.0, 0.0)
    a = [ch(c, 100.0, 200.0 - 9 * i, up) for i, c in enumerate("因公出国")] + \
        [ch(c, 110.0, 200.0 - 9 * i, up) for i, c in enumerate("（境）费")]
    b = [ch(c, 110.0, 100.0 + 9 * i, down) for i, c in enumerate("因公出国")] + \
        [ch(c, 100.0, 100.0 + 9 * i, down) for i, c in enumerate("（境）费")]
    for chars in (a, b):
        out = turned.as_upright(chars, chars)
        assert "".join(c["text"] for c in out) == "因公出国（境）费"
        assert out[0]["top"] < out[4]["top"]  # the second line under the first
        assert all(100.0 <= c["x0"] < c["x1"] <= 119.0 for c in out)


def test_quarter_turns_are_told_from_other_turns():
    from disclosure.extract.turned import quarter

    assert quarter({"matrix": (0.0, 1.0, -1.0, 0.0, 5.0, 5.0)}) == 90
    assert quarter({"matrix": (6.1e-17, -1.0, 1.0, 6.1e-17)}) == 270  # a turn written in floats
    assert quarter({"matrix": (-1.0, 0.0, 0.0, 1.0)}) == 0  # mirrored
    assert quarter({"matrix": (0.7, 0.7, -0.7, 0.7)}) == 0  # 45 degrees
    assert quarter({"matrix": (0.0, 1.0, 1.0, 0.0)}) == 0  # turned and mirrored
    assert quarter({}) == 0


@pytest.mark.parametrize("reader", READERS)
def test_text_neither_upright_nor_turned_a_quarter_is_said(tmp_path, reader, monkeypatch):
    """What is still not read (mirrored text; text at another angle) is a problem of its page, with
    the characters: on main the mirrored word vanished without a word."""
    pdf = rotated.set_aside(tmp_path / "aside.pdf")
    doc = _read(pdf, reader, monkeypatch)
    reasons = [p["reason"] for p in doc.problems if p["page"] == 1]
    assert any("mirrored" in r and "草稿" in r for r in reasons), reasons
    assert any("turned off the page's axes" in r and "内部资料" in r for r in reasons), reasons
    text = "".join(p.text for p in doc.paragraphs)
    assert "本部门负责" in text and "草稿" not in text
    # and a finding of the page (rule reading.text_set_aside), the ledger failing it
    [f] = [f for f in doc.findings if f.rule == "reading.text_set_aside"]
    assert f.severity == "warning" and f.page == 1 and "草稿" in f.message_zh and "内部资料" in f.message_en
    [entry] = [e for e in doc.ledger if e.rule == "reading.text_set_aside"]
    assert entry.state == "fail" and entry.pages == [1]


def test_pages_read_whole_pass_the_set_aside_rule(tmp_path):
    """A page whose turned headings were read sets nothing aside: the rule passes it."""
    pdf, _ = rotated.three_public_rotated(tmp_path / "three.pdf")
    from disclosure.pipeline import extract

    doc = extract(pdf)
    [entry] = [e for e in doc.ledger if e.rule == "reading.text_set_aside"]
    assert entry.state == "pass" and entry.counts["pass"] == 1
    assert not [f for f in doc.findings if f.rule.startswith("reading.")]


def test_the_command_warns_of_the_turned_page(tmp_path):
    """The reading problem reaches the command's stderr as a warning naming file and page."""
    import subprocess

    pdf, _ = rotated.turned_page(tmp_path / "turned.pdf")
    r = subprocess.run([sys.executable, "-m", "disclosure", "extract", str(pdf), "-o", str(tmp_path / "out"),
                        "--format", "json"], capture_output=True, text=True, cwd=ROOT, timeout=300,
                       env={**__import__("os").environ, "PYTHONPATH": str(ROOT)})
    assert r.returncode == 0, r.stderr
    assert f"disclosure: warning: {pdf}: page 1: the page's text is turned 90°" in r.stderr


@pytest.fixture(scope="module")
def calc_export(tmp_path_factory):
    """rotated.calc_rotated_heading made once a module for each (angle, options): the two readers
    read the same export (a LibreOffice conversion, seconds each)."""
    made: dict = {}

    def get(angle: int, **options):
        key = (angle, tuple(sorted(options.items())))
        if key not in made:
            made[key] = rotated.calc_rotated_heading(tmp_path_factory.mktemp("calc"), angle, **options)
        return made[key]
    return get


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("angle", [90, 270])
def test_a_rotated_heading_cell_of_a_calc_export_is_read(calc_export, reader, angle, monkeypatch):
    """Case (a): LibreOffice Calc, the 合计 heading cell's text rotated 90 (or 270) degrees: on main its 25
    amounts were read under a column without a heading, the table's identities all holding (the
    verified share said 100%)."""
    if rotated.soffice() is None:
        if REQUIRE:
            pytest.fail("required in CI: LibreOffice (Debian: libreoffice-calc-nogui)")
        pytest.skip("needs LibreOffice (Debian: libreoffice-calc-nogui)")
    pdf, truth = calc_export(angle)
    doc = _read(pdf, reader, monkeypatch)
    [t] = doc.tables
    assert t.type == "general_budget_basic_expenditure"
    assert t.columns == ["科目编码", "科目名称", "合计"]
    got = _by_column(t)
    assert list(got) == ["合计"] and len(got["合计"]) == 25 and got == truth
    assert t.rows[1].code == "301" and t.rows[1].values[0].amount.value == Decimal("799.06")


@pytest.mark.parametrize("angle", [90, 270])
def test_a_rotated_heading_of_an_unruled_calc_export_is_read(tmp_path, angle):
    """Case (a) without rules: the table is read by alignment (extract/aligned.py), the turned 合计
    taken as its column's heading like an upright one (a header row 0.9 cm high: a taller one loses
    its upright headings too, rotated or not, a separate matter)."""
    if rotated.soffice() is None:
        if REQUIRE:
            pytest.fail("required in CI: LibreOffice (Debian: libreoffice-calc-nogui)")
        pytest.skip("needs LibreOffice (Debian: libreoffice-calc-nogui)")
    from disclosure.pipeline import extract

    pdf, truth = rotated.calc_rotated_heading(tmp_path, angle, ruled=False, header_cm=0.9)
    [t] = extract(pdf).tables
    assert t.columns == ["科目编码", "科目名称", "合计"]
    assert _by_column(t) == truth
