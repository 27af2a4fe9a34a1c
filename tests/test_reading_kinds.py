"""Constructed cases for the kinds of misreading found on the generated layout corpus (issue #12).

Each builds the characters of a few printed lines (PDF points from the top-left, as a reader gives
them) and reads them with the aligned reader, or calls the rule that decides the kind, and asserts
what is printed. The generated corpus (tests/test_layouts.py) holds the same kinds at scale.
"""
import re
from decimal import Decimal

import pytest

from conftest import drawn_pdf
from disclosure.extract import aligned, layout
from disclosure.model import Cell, Grid
from disclosure.normalize.amounts import parse_amount
from disclosure.structure.context import number_of, read_context
from disclosure.structure.tables import similar_header

SIZE = 9.0


def chars(text: str, x0: float, top: float, size: float = SIZE, width: float | None = None) -> list[dict]:
    """One run of characters, each `width` wide (a CJK character is `size` wide, a figure half)."""
    out, x = [], x0
    for ch in text:
        w = width if width is not None else (size if ord(ch) > 0x2E80 else size / 2)
        out.append({"text": ch, "x0": x, "x1": x + w, "top": top, "bottom": top + size, "size": size})
        x += w
    return out


def down(text: str, x: float, top: float, size: float = SIZE, step: float = 10.0, x_digit: float | None = None) -> list[dict]:
    """A heading printed one character a line: each character `step` points under the last, at `x`
    (a figure at `x_digit` when given: figures are narrower and centred alike)."""
    return [c for i, ch in enumerate(text)
            for c in chars(ch, x if x_digit is None or ord(ch) > 0x2E80 else x_digit, top + step * i, size)]


def page_grid(rows: list[list[str]], page: int, pitch: float) -> Grid:
    """A ruled grid of `rows` (one cell a printed text) on `page`: columns `pitch` points apart from
    x=50, each at most 100 wide, rows 12 points from y=60."""
    from disclosure.model import Box
    width = min(pitch, 100)
    cells = [Cell(t, r, k, box=Box(page, 50 + pitch * k, 60 + 12 * r, 50 + pitch * k + width, 72 + 12 * r))
             for r, row in enumerate(rows) for k, t in enumerate(row) if t]
    return Grid(len(rows), len(rows[0]), cells, Box(page, 50, 60, 50 + pitch * len(rows[0]), 60 + 12 * len(rows)))


def read(*runs: list[dict]) -> list[list[str]]:
    cs = [c for run in runs for c in run]
    grids, _, _ = aligned.grids(cs, 1, [], None)
    assert len(grids) == 1, f"{len(grids)} grids"
    return [[c.text if c else "" for c in row] for row in grids[0].matrix()]


def test_figures_run_together_are_cut_where_other_lines_part_their_columns():
    # 人员经费 | 公用经费 side by side; on one line the amount touches the next code (2026298302)
    rows = []
    lines = [("工资福利支出", "2026298", "302", "商品和服务支出", "8788824"),
             ("奖金", "1113823", "30202", "印刷费", "1553340"),
             ("伙食补助费", "912475", "30214", "租赁费", "1713251"),
             ("助学金", "744739", "30226", "劳务费", "1648300")]
    for i, (name, amount, code, name2, amount2) in enumerate(lines):
        top = 100 + 14 * i
        right = 300.0  # amounts set right
        rows += [chars(name, 50, top), chars(amount, right - 4.5 * len(amount), top, width=4.5)]
        code_x = right if i == 0 else right + 4  # the first line prints no blank between them
        rows += [chars(code, code_x, top, width=4.5), chars(name2, 360, top), chars(amount2, 560 - 4.5 * len(amount2), top, width=4.5)]
    grid = read(*rows)
    assert grid[0][1:3] == ["2026298", "302"]
    assert grid[1][1:3] == ["1113823", "30202"]


def test_an_amount_grouped_by_thousands_is_never_cut():
    lines = [("合计", "17,900,003.05", "8,000.00"), ("一般公共服务支出", "7,900,003.05", "1,000.00"),
             ("外交支出", "900,003.05", "7,000.00")]
    rows = []
    for i, (name, a, b) in enumerate(lines):
        top = 100 + 14 * i
        rows += [chars(name, 50, top), chars(a, 300 - 4.5 * len(a), top, width=4.5),
                 chars(b, 400 - 4.5 * len(b), top, width=4.5)]
    grid = read(*rows)
    assert [r[1] for r in grid] == ["17,900,003.05", "7,900,003.05", "900,003.05"]


def test_a_heading_left_of_labels_set_left_heads_a_blank_column():
    # 科目编码 over 类 款 项; 科目名称 centred over two heading rows; no 项 code on this page
    head = [chars("科目编码", 60, 80), chars("科目名称", 220, 86), chars("合计", 380, 86),
            chars("类", 62, 93), chars("款", 92, 93), chars("项", 119, 93)]
    body = []
    for i, (k, kuan, name, amount) in enumerate([("201", "", "一般公共服务支出", "11608.58"),
                                                  ("201", "03", "政府办公厅", "1533.21"),
                                                  ("201", "05", "统计信息事务", "2096.41")]):
        top = 110 + 14 * i
        body += [chars(k, 63, top, width=4.5)]
        if kuan:
            body += [chars(kuan, 94, top, width=4.5)]
        body += [chars(name, 143, top), chars(amount, 410 - 4.5 * len(amount), top, width=4.5)]
    grid = read(*head, *body)
    header = grid[1]
    assert header[:3] == ["类", "款", "项"]
    assert grid[2][3] == "一般公共服务支出" and grid[3][3] == "政府办公厅"


def test_an_amount_wrapped_in_a_narrow_cell_is_one_amount():
    assert parse_amount("469000.0\n0").value == Decimal("469000.00")
    assert parse_amount("12.00\n34.00").status == "text"  # two amounts in one cell: not one


def test_the_table_number_is_read_as_printed():
    assert number_of("表十 四川省成都市武侯区民政局2020年机关运行经费支出决算表") == (
        "表十", "四川省成都市武侯区民政局2020年机关运行经费支出决算表")
    assert number_of("表十四 一般公共预算支出表")[0] == "表十四"
    ctx = read_context(["表十 四川省民政局2020年机关运行经费支出决算表", "单位：元"])
    assert (ctx.number, ctx.title) == ("表十", "四川省民政局2020年机关运行经费支出决算表")


def test_a_repeated_header_cut_into_other_words_is_the_same_header():
    first = [[Cell("科目编码", 0, 0), Cell("科目编码", 0, 1), Cell("科目名称", 0, 2), Cell("机关运行经费支出", 0, 3)],
             [Cell("类", 1, 0), Cell("款", 1, 1), Cell("科目名称", 1, 2), Cell("机关运行经费支出", 1, 3)]]
    again = [[Cell("科目编码\n类", 0, 0), Cell("款", 0, 1), Cell("科目名称", 0, 2), Cell("机关运行经费支出", 0, 3)]]
    other = [[Cell("项目", 0, 0), Cell("合计", 0, 1), Cell("货物", 0, 2), Cell("服务", 0, 3)]]
    assert similar_header(first, again)
    assert not similar_header(first, other)


def test_an_amount_over_the_right_rule_goes_back_to_its_cell():
    # a ruled table: columns at 0-100 | 100-160 | 160-220; the dash of the middle column printed
    # wholly past its right rule, into the empty last cell's left edge
    xs = [0.0, 100.0, 160.0, 220.0]
    occupancy = {(0, 0): 0, (0, 1): 1, (0, 2): 2, (1, 0): 3, (1, 1): 4, (1, 2): 5}
    row0 = [("合计", 10, 0, 0), ("12.00", 135, 0, 1), ("3.00", 200, 0, 2)]
    row1 = [("外交", 10, 1, 0), ("-", 161, 1, 2), ("5.00", 200, 1, 2)]
    placed = []
    for text, x, r, c in row0 + row1:
        for k, ch in enumerate(chars(text, x, 10 + 20 * r, width=4.5)):
            placed.append((len(placed), ch, r, c))
    # the amounts of column 1 end against its rule; the lone dash starts right after it
    out = layout._pushed_over(placed, xs, occupancy)
    dash = [c for _, ch, r, c in out if ch["text"] == "-"]
    assert dash == [1]


def test_a_numbered_line_without_figures_is_a_row_beside_numbered_rows_and_a_label_start_beside_others():
    """L007-00021 p.2 (scanned): 二、政府性基金预算拨款 with a blank amount between two numbered rows
    is its own row; L007-00074 p.2: 七、文化旅游体育与 above 传媒支出 8680000 is that row's label,
    wrapped (structure of tables without ruling, extract/aligned.py)."""
    rows = read(chars("项目", 40, 85), chars("金额", 300, 85),
                chars("一、一般公共预算拨款", 40, 100), chars("21590004.40", 300, 100),
                chars("二、政府性基金预算拨款", 40, 115),
                chars("三、事业收入", 40, 130), chars("5840000.70", 300, 130))
    assert rows == [["项目", "金额"], ["一、一般公共预算拨款", "21590004.40"], ["二、政府性基金预算拨款", ""],
                    ["三、事业收入", "5840000.70"]]
    rows = read(chars("项目", 40, 85), chars("金额", 300, 85),
                chars("六、科学技术支出", 40, 100), chars("28160000", 300, 100),
                chars("七、文化旅游体育与", 40, 112),
                chars("传媒支出", 40, 122), chars("8680000", 300, 117),
                chars("八、社会保障和就业支出", 40, 136), chars("9790000", 300, 136))
    assert [r[0].replace("\n", "") for r in rows[1:]] == ["六、科学技术支出", "七、文化旅游体育与传媒支出", "八、社会保障和就业支出"]
    assert [r[1] for r in rows[1:]] == ["28160000", "8680000", "9790000"]


def test_a_table_printed_empty_without_a_note_is_a_table(tmp_path):
    """L007-00032 p.5: a standard title, its headings and a 合计 line with no figure, no note: an
    empty table (and form.empty_table_unexplained says so), not lines of prose."""
    from disclosure import pipeline

    path = tmp_path / "empty.txt"
    path.write_text("2017年度江苏省财政厅部门决算\n\n公开03表：2017年度江苏省财政厅机关运行经费支出决算表\n单位：万元\n"
                    "科目编码\n科目名称 机关运行经费支出\n类 款 项\n合 计\n\n四、其他说明\n本部门没有其他需要说明的事项。\n",
                    encoding="utf-8")
    doc = pipeline.extract(path)
    assert [(t.type, t.empty, t.unit, t.note) for t in doc.tables] == [("operating_expenses", True, "万元", "")]
    assert [f.rule for f in doc.findings if f.rule.startswith("form.empty")] == ["form.empty_table_unexplained"]
    assert "合 计" not in " ".join(p.text for p in doc.paragraphs)


def test_a_round_amount_printed_without_separators_is_no_code():
    """L007-00508 p.7 (Calc, 元): the one row of a 三公 table prints 58000 under 因公出国（境）费; read as
    a 政府经济分类 款 it made a code column and split the row in two. No 款 or 项 is numbered 00."""
    from disclosure.normalize.codes import classify
    from disclosure.structure.tables import _column_role

    assert classify("58000") is None and classify("2130000") is None and classify("20800") is None
    assert classify("50101") == ("government_economic", "款") and classify("2080501") == ("functional", "项")
    assert _column_role(1, "因公出国（境）费", [[Cell("626000", 2, 0), Cell("58000", 2, 1)]]) == "amount"
    assert _column_role(0, "", [[Cell("2080501", 2, 0)], [Cell("2080502", 3, 0)]]) == "code"


def test_an_amount_wrapped_onto_a_line_of_its_own_joins_its_row():
    """L007-00963 p.8 (Writer, 12 columns on a portrait page): `630,000.` over `00` in each narrow
    cell of a table without ruling; the line of tails is the row above's, not a row of its own."""
    from disclosure.structure.wrapped import join_wrapped_figures

    head = [chars("合计", 60, 80), chars("因公出国（境）费", 120, 80), chars("公务接待费", 250, 80)]
    body = [chars("630,000.", 100 - 4.5 * 8, 100, width=4.5), chars("204,000.", 200 - 4.5 * 8, 100, width=4.5),
            chars("53,000.0", 300 - 4.5 * 8, 100, width=4.5),
            chars("00", 100 - 9, 110, width=4.5), chars("00", 200 - 9, 110, width=4.5), chars("0", 300 - 4.5, 110, width=4.5)]
    grids, _, _ = aligned.grids([c for run in head + body for c in run], 1, [], None)
    grid = join_wrapped_figures(grids[0])
    rows = [[c.text if c else "" for c in row] for row in grid.matrix()]
    assert [[parse_amount(t).value for t in r] for r in rows[1:]] == [
        [Decimal("630000.00"), Decimal("204000.00"), Decimal("53000.00")]]
    # a line of small figures under complete amounts is a row of its own
    grids, _, _ = aligned.grids([c for run in head + body[:2] + [chars("53,000.00", 300 - 4.5 * 9, 100, width=4.5),
                                                                  chars("12", 100 - 9, 114, width=4.5),
                                                                  chars("7", 300 - 4.5, 114, width=4.5)] for c in run], 1, [], None)
    assert join_wrapped_figures(grids[0]).n_rows == grids[0].n_rows


def test_a_group_heading_centred_over_its_middle_column_is_no_wrapped_line():
    """L007-00988 p.11 (Writer, no ruling): 公务用车购置及运行费 over 小计 | 公务用车购置费 | 公务用车运行费,
    centred over the middle one, beside headings centred over both rows; it is not the first line
    of 公务用车购置费, so the 小计 under it heads the column of 36.50, not a column of its own."""
    head = [chars("公务用车购置及运行费", 376, 52), chars("小计", 165, 59), chars("因公出国（境）费", 221, 59),
            chars("公务接待费", 563, 59), chars("小计", 330, 66), chars("公务用车购置费", 390, 66),
            chars("公务用车运行费", 472, 66)]
    rights = [132, 214, 296, 378, 460, 543, 625]
    figures = ["108.80", "66.50", "16.40", "36.50", "14.40", "22.10", "13.60"]
    body = [chars(f, x - 4.5 * len(f), 90, width=4.5) for f, x in zip(figures, rights)]
    rows = read(*head, *body)
    assert rows[-1] == figures
    assert rows[-2][3:6] == ["小计", "公务用车购置费", "公务用车运行费"]
    assert rows[0][3] == "公务用车购置及运行费"
    # L007-00338 p.2: one heading row, cells centred: 政府性基/金预算拨/款 in three lines, 一般公共预/算拨款
    # and 财政专户/管理资金 in two, 合计 and 事业收入 in one: two wrapped headings side by side are
    # each one heading, not a group over the other's line
    head = [chars("政府性基", 266, 92), chars("一般公共预", 211, 98), chars("财政专户", 314, 98),
            chars("科目编码", 53, 104), chars("科目名称", 106, 104), chars("合计", 172, 104), chars("金预算拨", 266, 104),
            chars("事业收入", 359, 104), chars("其他收入", 404, 104),
            chars("算拨款", 220, 110), chars("管理资金", 314, 110), chars("款", 280, 116)]
    body = []
    for top, (code, name, figures) in zip([140, 160], [("201", "一般公共服务", ["19170000", "13830000", "5340000", "0", "0", "0"]),
                                                       ("20131", "党委办公厅", ["12090000", "6750000", "5340000", "0", "0", "0"])]):
        body += [chars(code, 53, top, width=5), chars(name, 96, top)]
        body += [chars(f, x - 5 * len(f), top, width=5) for f, x in zip(figures, [205, 257, 305, 350, 395, 440])]
    rows = read(*head, *body)
    assert [r.replace("\n", "") for r in rows[0]] == ["科目编码", "科目名称", "合计", "一般公共预算拨款", "政府性基金预算拨款",
                                                      "财政专户管理资金", "事业收入", "其他收入"]
    assert rows[-1][2:] == ["12090000", "6750000", "5340000", "0", "0", "0"]


def test_heading_rows_left_at_the_foot_of_the_page_before_head_the_table():
    """L007-00546 p.3-4 (Writer): 序号 | 项目 | 金额 centred in wide cells end page 3, the rows begin
    page 4 (numbers set right, far from the centred 金额); L007-00988 p.10-11: 合计 | “三公”经费 |
    会议费 | 培训费 end page 10 over headings of page 11, 合计 left of its right-aligned figure."""
    carry = [chars("序号", 82, 700), chars("项目", 358, 700), chars("金额", 689, 700)]
    body = []
    for i, (n, name, amount) in enumerate([("", "合计", "116.70"), ("1", "因公出国（境）费", "27.40"),
                                           ("2", "公务用车购置及运行费", "50.70")]):
        top = 60 + 14 * i
        if n:
            body.append(chars(n, 88, top, width=4.5))
        body += [chars(name, 132, top), chars(amount, 789 - 4.5 * len(amount), top, width=4.5)]
    grids, _, taken = aligned.grids([c for run in body for c in run], 4, [], carry=[carry[0] + carry[1] + carry[2]])
    assert taken == 1
    rows = [[c.text if c else "" for c in row] for row in grids[0].matrix()]
    assert rows[0] == ["序号", "项目", "金额"] and rows[1] == ["", "合计", "116.70"]


def test_a_dash_touching_the_next_columns_numbered_label_is_a_cell_of_its_own():
    """L007-00327 p.4 (reportlab, cells shifted up to 2.5 points): `-二、文化旅游体育与传媒支出` — the
    dash of 政府性基金预算拨款 touches the next column's label; other lines part the two columns."""
    rows = []
    for i, (name, amount, name2, amount2) in enumerate([
            ("一、一般公共预算拨款", "31,900,000", "一、一般公共服务支出", "19,500,000"),
            ("二、政府性基金预算拨款", "-", "二、文化旅游体育与传媒支出", "10,830,000"),
            ("三、财政专户管理资金", "8,230,000", "三、农林水支出", "4,190,000")]):
        top = 100 + 14 * i
        right = 422.2 - 2 * i  # set right, a point or two off on each line
        start = 424.0 if amount != "-" else right + 0.5
        rows += [chars(name, 54, top), chars(amount, right - 4.5 * len(amount), top, width=4.5),
                 chars(name2, start, top), chars(amount2, 791 - 4.5 * len(amount2), top, width=4.5)]
    grid = read(chars("项目", 90, 85), chars("预算数", 390, 85), chars("项目", 460, 85), chars("预算数", 760, 85), *rows)
    assert [r[1] for r in grid[1:]] == ["31,900,000", "-", "8,230,000"]
    assert [r[2] for r in grid[1:]] == ["一、一般公共服务支出", "二、文化旅游体育与传媒支出", "三、农林水支出"]


def test_labels_wrapped_on_both_sides_of_a_summary_are_the_first_row_not_a_heading():
    """L007-00999 p.3 (reportlab, no ruling): 一、一般公共预算 | 一、社会保障和就 over the amounts line,
    拨款 | 业支出 under it; and 三、抗疫特别国债 / 安排的支出 wrapped beside 三、事业收入 on one line is
    one label of its row, though it opens with the same list number."""
    head = [chars("项目", 60, 70), chars("决算数", 140, 70), chars("项目", 220, 70), chars("决算数", 320, 70)]
    body = [chars("一、一般公共预算", 53, 90), chars("一、社会保障和就", 200, 90),
            chars("18940000", 180 - 4.5 * 8, 97, width=4.5), chars("12480000", 350 - 4.5 * 8, 97, width=4.5),
            chars("拨款", 53, 104), chars("业支出", 200, 104),
            chars("二、政府性基金预", 53, 122), chars("二、灾害防治及应", 200, 122),
            chars("9850000", 180 - 4.5 * 7, 129, width=4.5), chars("15270000", 350 - 4.5 * 8, 129, width=4.5),
            chars("算拨款", 53, 136), chars("急管理支出", 200, 136),
            chars("三、抗疫特别国债", 200, 154),
            chars("三、事业收入", 53, 161), chars("8810000", 180 - 4.5 * 7, 161, width=4.5),
            chars("9850000", 350 - 4.5 * 7, 161, width=4.5),
            chars("安排的支出", 200, 168)]
    grid = read(*head, *body)
    assert grid[0] == ["项目", "决算数", "项目", "决算数"]
    assert [[c.replace("\n", "") for c in r] for r in grid[1:]] == [
        ["一、一般公共预算拨款", "18940000", "一、社会保障和就业支出", "12480000"],
        ["二、政府性基金预算拨款", "9850000", "二、灾害防治及应急管理支出", "15270000"],
        ["三、事业收入", "8810000", "三、抗疫特别国债安排的支出", "9850000"]]


def test_heading_rows_ending_a_page_ruled_on_fewer_columns_head_the_rows_of_the_next():
    """L007-00065 p.6-7 (Writer, fully ruled): 科目编码 | 科目名称 | 机关运行经费支出 ends page 6; page 7
    opens with 类 | 款 under 科目编码 and the rows. One table on the columns of both, its pages 6 and 7."""
    from disclosure.model import Box, Grid, RawDocument, RawPage, TextLine
    from disclosure.structure.build import build

    def cell(text, r, c, x0, x1, page, top):
        return Cell(text, r, c, box=Box(page, x0, top + 12 * r, x1, top + 12 * r + 12))

    upper = Grid(1, 3, [cell("科目编码", 0, 0, 50, 130, 6, 780), cell("科目名称", 0, 1, 130, 330, 6, 780),
                        cell("机关运行经费支出", 0, 2, 330, 480, 6, 780)], Box(6, 50, 780, 480, 792))
    rows = [("类", "款", "", ""), ("302", "", "商品和服务支出", "7327.44"), ("", "26", "劳务费", "3677.52"),
            ("", "31", "公务用车运行维护费", "3649.92"), ("", "", "合计", "7327.44")]
    xs = [(50, 90), (90, 130), (130, 330), (330, 480)]
    lower = Grid(len(rows), 4, [cell(t, r, c, *xs[c], 7, 50) for r, row in enumerate(rows) for c, t in enumerate(row)],
                 Box(7, 50, 50, 480, 110))
    pages = [RawPage(6, 595, 842, [TextLine("表三 一般公共预算机关运行经费支出预算表", Box(6, 50, 740, 400, 752), 14.0),
                                   TextLine("单位：万元", Box(6, 400, 760, 480, 770), 10.0), upper]),
             RawPage(7, 595, 842, [lower])]
    doc = build(RawDocument("x.pdf", "0" * 64, "pdf", pages))
    [t] = doc.tables
    assert (t.type, t.pages, t.columns) == ("operating_expenses", [6, 7],
                                            ["科目编码/类", "科目编码/款", "科目名称", "机关运行经费支出"])
    assert [(r.code or None, r.name, [str(v.amount.value) for v in r.values]) for r in t.rows] == [
        ("302", "商品和服务支出", ["7327.44"]), ("30226", "劳务费", ["3677.52"]), ("30231", "公务用车运行维护费", ["3649.92"]),
        (None, "合计", ["7327.44"])]
    assert t.body_pages == [7, 7, 7, 7]


def test_a_total_printed_in_a_code_column_is_the_rows_label():
    """L007-00411 p.11 (an empty 国有资本经营预算 table: its only row 合计 - - -): with no code or
    name below them the reader cannot part 项 from 科目名称, and 合计 stands in a code column."""
    from disclosure.structure import tables as T

    paths = ["类", "科目编码/款", "科目名称/项", "合计", "基本支出", "项目支出"]
    body = [[None, None, Cell("合计", 2, 2), Cell("-", 2, 3), Cell("-", 2, 4), Cell("-", 2, 5)]]
    segs = T.segments(paths, body, ["", "科目编码", "科目名称", "合计", "基本支出", "项目支出"])
    [row] = T.rows_of(paths, body, [11], segs, "final_accounts", "state_capital_expenditure")
    assert (row.code, row.name, row.role, [v.amount.status for v in row.values]) == ("", "合计", "total", ["dash"] * 3)


def test_a_total_merged_over_the_code_and_name_columns_over_blank_amounts_is_a_body_row():
    """template-final-accounts-blank p.6 (收入决算表, no figure printed): 合计 merged over 功能分类科目编码
    and 科目名称 appears in both slots of its row; read as two texts, the row was taken for a header
    row, 合计 became the code column's heading and the codes under it amounts on a side of their own."""
    from disclosure.model import Box
    from disclosure.structure import tables as T

    heads = ["功能分类科目编码", "科目名称", "本年收入合计", "财政拨款收入"]
    rows = [heads, ["合计", None, "", ""], ["205", "教育支出", "", ""], ["20502", "普通教育", "", ""]]
    cells = [Cell(t, r, k, colspan=2 if t == "合计" else 1, box=Box(6, 50 + 90 * k, 60 + 12 * r, 130 + 90 * k, 72 + 12 * r))
             for r, row in enumerate(rows) for k, t in enumerate(row) if t]
    frag = T.split_grid(Grid(4, 4, cells, Box(6, 50, 60, 410, 108)), inherit_left=False)
    assert len(frag.header) == 1
    paths = T.column_paths(frag.header, 4)
    segs = T.segments(paths, frag.body, T.top_labels(frag.header, 4))
    got = [(r.side, r.code, r.name, r.role) for r in T.rows_of(paths, frag.body, [6] * 3, segs, "final_accounts", "income_summary")]
    assert got == [("", "", "合计", "total"), ("", "205", "教育支出", "item"), ("", "20502", "普通教育", "item")]


def test_a_heading_in_the_blank_between_columns_set_right_heads_the_right_one():
    """L007-00370 p.4 (reportlab, cells jittered): 政府性基金预算拨款 centred in its cell stands nearer
    the figures of 一般公共预算拨款 than its own column of dashes at the cell's right edge; between two
    columns set right the blank is the right one's cell. Codes of one width say nothing of it."""
    head = [chars("科目名称", 180, 111), chars("合计", 389, 111), chars("一般公共预算拨款", 473, 111),
            chars("政府性基金预算拨款", 580, 111), chars("其他收入", 716, 111)]
    body = []
    for i, (name, figures) in enumerate([("合计", ["21,580,000", "19,440,000", "-", "2,140,000"]),
                                         ("201 一般公共服务支出", ["2,140,000", "-", "-", "2,140,000"]),
                                         ("20199 其他一般公共服务支出", ["2,140,000", "-", "-", "2,140,000"])]):
        top = 129 + 17 * i
        body.append(chars(name, 53 if name != "合计" else 186, top))
        body += [chars(f, x - 4.4 * len(f), top, width=4.4) for f, x in zip(figures, [452, 569 + i % 2, 680 - i % 2, 792])]
    rows = read(*head, *body)
    assert rows[0] == ["科目名称", "合计", "一般公共预算拨款", "政府性基金预算拨款", "其他收入"]
    assert rows[1] == ["合计", "21,580,000", "19,440,000", "-", "2,140,000"]


def test_a_code_part_set_left_near_its_rule_is_not_pushed_over():
    """L007-00193 p.8 (ruled, cells jittered): 01 under 款 starts 3.7 points after its rule and 02
    under 项 3.6 points after its own, beside empty cells on their left whose codes end near the
    rule; they are the 款 and 项 parts of codes in their own narrow columns, not amounts pushed over."""
    xs = [50.0, 76.4, 97.0, 117.5, 270.0]
    occupancy = {(r, c): 4 * r + c for r in range(3) for c in range(4)}
    cells = [("206", 64.0, 0, 0), ("科学技术支出", 120.0, 0, 3),
             ("01", 80.1, 1, 1), ("科学技术管理事务", 120.0, 1, 3),
             ("99", 88.5, 2, 1), ("02", 100.6, 2, 2), ("一般行政管理事务", 120.0, 2, 3)]
    placed = []
    for text, x, r, c in cells:
        for ch in chars(text, x, 10 + 16 * r, size=7.5, width=4.1 if text.isdigit() else None):
            placed.append((len(placed), ch, r, c))
    out = layout._pushed_over(placed, xs, occupancy)
    assert [(ch["text"], c) for _, ch, r, c in out if ch["text"].isdigit()] == [
        ("2", 0), ("0", 0), ("6", 0), ("0", 1), ("1", 1), ("9", 1), ("9", 1), ("0", 2), ("2", 2)]


def test_a_label_wrapped_three_characters_a_line_stays_one_row():
    """L012-00040 p.2 (Writer, a narrow 科目名称 column): 其他政/府办公/厅/（室）/及相关/机构事/务支出 over
    seven lines around its amounts, under the last line (事务) of the row before: four lines without
    amounts between two amount lines are the two rows' labels, not a table's end and the next one's
    headings."""
    spec = [(526.7, None, "一般行"), (536.1, ("201", "03", "02", "1,250,000.63"), "政管理"), (545.5, None, "事务"),
            (558.8, None, "其他政"), (568.2, None, "府办公"), (577.6, None, "厅"),
            (587.0, ("201", "03", "99", "7,640,000.94"), "（室）"), (596.4, None, "及相关"), (605.8, None, "机构事"),
            (615.2, None, "务支出"), (632.0, ("201", "06", "", "440,000.74"), "财政事"), (641.4, None, "务")]
    runs = [chars("类", 56, 500), chars("款", 78, 500), chars("项", 96, 500), chars("科目名称", 110, 500),
            chars("合计", 190, 500)]
    for top, anchor, label in spec:
        runs.append(chars(label, 110, top, size=8))
        if anchor:
            for text, x in zip(anchor, (56, 78, 96)):
                if text:
                    runs.append(chars(text, x, top, size=8, width=4))
            runs.append(chars(anchor[3], 220 - 4 * len(anchor[3]), top, size=8, width=4))
    # the rules under each row (ruling horizontal) part the rows
    rules = [(y, 51.0, 300.0) for y in (512.0, 525.3, 557.4, 627.1, 652.0)]
    grids, _, _ = aligned.grids([c for run in runs for c in run], 2, rules, None)
    assert len(grids) == 1
    rows = [[c.text if c else "" for c in row] for row in grids[0].matrix()]
    assert [(r[0], r[1], r[2], r[3].replace("\n", ""), r[4]) for r in rows[-3:]] == [
        ("201", "03", "02", "一般行政管理事务", "1,250,000.63"),
        ("201", "03", "99", "其他政府办公厅（室）及相关机构事务支出", "7,640,000.94"),
        ("201", "06", "", "财政事务", "440,000.74")]


def test_a_labels_tail_at_the_top_of_the_next_page_joins_its_row():
    """L012-00040 p.3-4 (Writer, narrow 科目名称): 行政运 with its amounts ends page 3, 行 opens page 4;
    the tail is the row's, and the 款 rows after it still add up to their 类 (a row with neither code
    nor figure ends no family)."""
    from disclosure.model import Box, Grid, RawDocument, RawPage, TextLine
    from disclosure.structure.build import build

    def grid(rows, page):
        return Grid(len(rows), 4, [Cell(t, r, k, box=Box(page, 50 + 60 * k, 60 + 12 * r, 110 + 60 * k, 72 + 12 * r))
                                   for r, row in enumerate(rows) for k, t in enumerate(row)], Box(page, 50, 60, 290, 60 + 12 * len(rows)))

    head = ["科目编码", "科目名称", "合计", "基本支出"]
    p3 = [head, ["205", "教育支出", "14.00", "14.00"], ["20501", "教育管理事务", "14.00", "14.00"],
          ["2050101", "行政运", "5.00", "5.00"]]
    p4 = [["", "行", "", ""], ["2050102", "一般行政管理事务", "9.00", "9.00"]]  # the header not repeated
    pages = [RawPage(3, 595, 842, [TextLine("二、收入决算表", Box(3, 50, 30, 300, 42), 14.0),
                                   TextLine("单位：元", Box(3, 300, 46, 350, 56), 10.0), grid(p3, 3)]),
             RawPage(4, 595, 842, [grid(p4, 4)])]
    [t] = build(RawDocument("x.pdf", "0" * 64, "pdf", pages)).tables
    assert [(r.code, r.name) for r in t.rows] == [("205", "教育支出"), ("20501", "教育管理事务"),
                                                ("2050101", "行政运行"), ("2050102", "一般行政管理事务")]
    assert t.verification.failed == 0 and t.verification.held >= 2


def test_a_bare_subtotal_opening_the_next_page_blank_across_is_the_tail_of_the_label_above():
    """jiangsu-rendaban-2017 pp.8-9 (Word, a row broken over the page): 当 年 收 入 with its figure ends
    page 8, 小计 alone opens page 9. A total printing nothing right under a row printing figures
    could total nothing above it; read as the tail, 当年收入小计 = 一、 + 二、 holds. After a numbered
    item, a 小计 is a row of its own."""
    from disclosure.model import Box, Grid, RawDocument, RawPage, TextLine
    from disclosure.structure.build import build

    def grid(rows, page):
        return Grid(len(rows), 2, [Cell(t, r, k, box=Box(page, 50 + 100 * k, 60 + 12 * r, 150 + 100 * k, 72 + 12 * r))
                                   for r, row in enumerate(rows) for k, t in enumerate(row) if t], Box(page, 50, 60, 250, 60 + 12 * len(rows)))

    def table(last, tail_rows):
        p8 = [["项目", "金额"], ["一、财政拨款", "900.00"], ["二、其他资金", "100.00"], last]
        pages = [RawPage(8, 595, 842, [TextLine("收入预算总表", Box(8, 50, 30, 300, 42), 14.0),
                                       TextLine("单位：万元", Box(8, 300, 46, 350, 56), 10.0), grid(p8, 8)]),
                 RawPage(9, 595, 842, [grid(tail_rows, 9)])]
        [t] = build(RawDocument("x.pdf", "0" * 64, "pdf", pages)).tables
        return t

    t = table(["当 年 收 入", "1,000.00"], [["小计", ""], ["上年结转", ""], ["收入合计", "1,000.00"]])
    assert [(r.name, r.role) for r in t.rows] == [("一、财政拨款", "item"), ("二、其他资金", "item"),
                                                ("当年收入小计", "subtotal"), ("上年结转", "item"), ("收入合计", "total")]
    assert t.verification.failed == 0 and t.verification.covered == t.verification.amounts == 4
    t = table(["三、事业收入", "5.00"], [["小计", ""], ["收入合计", "1,005.00"]])
    assert [r.name for r in t.rows][-3:] == ["三、事业收入", "小计", "收入合计"]


def _two_pages(first_rows, second, xs=((50, 190), (440, 480))):
    from disclosure.model import Box, Grid, RawDocument, RawPage, TextLine
    from disclosure.structure.build import build

    def grid(rows, page, xs):  # xs: each column's (x0, x1) of its text, in points
        return Grid(len(rows), len(rows[0]), [Cell(t, r, k, box=Box(page, xs[k][0], 60 + 12 * r, xs[k][1], 72 + 12 * r))
                                              for r, row in enumerate(rows) for k, t in enumerate(row) if t],
                    Box(page, 50, 60, 500, 60 + 12 * len(rows)), aligned=True)

    pages = [RawPage(16, 595, 842, [TextLine("十、机关运行经费支出决算表", Box(16, 50, 30, 300, 42), 14.0),
                                    TextLine("单位：万元", Box(16, 300, 46, 350, 56), 10.0),
                                    grid(first_rows, 16, list(xs))]),
             RawPage(17, 595, 842, second(grid))]
    return build(RawDocument("x.pdf", "0" * 64, "pdf", pages))


def test_a_table_going_on_without_its_header_keeps_codes_in_the_names_and_its_lone_total():
    """L007-00617 p.4-5 (Writer, no ruling, header not repeated): the rows of page 5 are all 款, so
    their codes part from the names into a column of their own (30218 | 专用材料费): placed on the
    columns of page 4 the code joins its name. L007-00076 p.16-17: `合计 11284.00` alone opens page 17,
    the one amount column's total: a row of the table, not a paragraph."""
    from disclosure.model import Box, TextLine

    first = [["科目名称", "机关运行经费支出"], ["302 商品和服务支出", "4,245,201"], ["30203 咨询费", "297"]]
    doc = _two_pages(first, lambda grid: [grid([["30218", "专用材料费", "2,140,731"], ["30231", "公务用车运行维护费", "153,239"]],
                                               17, [(50, 75), (80, 180), (440, 480)])])
    [t] = doc.tables
    assert [(r.code, r.name, [v.amount.printed for v in r.values], r.page) for r in t.rows][-2:] == [
        ("30218", "专用材料费", ["2,140,731"], 17), ("30231", "公务用车运行维护费", ["153,239"], 17)]
    doc = _two_pages(first, lambda grid: [TextLine("合计 4,245,201", Box(17, 60, 50, 480, 60), 9.0),
                                          TextLine("十一、政府采购情况表", Box(17, 50, 90, 300, 102), 14.0)])
    t = doc.tables[0]
    assert [(r.name, r.role, [v.amount.printed for v in r.values], r.page) for r in t.rows][-1] == ("合计", "total", ["4,245,201"], 17)
    assert t.pages == [16, 17] and "4,245,201" not in " ".join(p.text for p in doc.paragraphs)


def _three_public(second_line: tuple[str, str], pitch: float = 16.5, right: float = 640.0):
    """A 三公 table set in rows (序号 | 项目 | 金额, no ruling): the 公务用车购置费 line prints
    `second_line`'s amount (a dash, or nothing)."""
    head = [chars("序号", 76, 80), chars("项目", 300, 80), chars("金额", right - 18, 80)]
    body = []
    rows = [("1", "因公出国（境）费", "20.80"), ("2", "公务用车购置及运行费", "15.90"),
            ("", second_line[0], second_line[1]), ("", "公务用车运行费", "15.90"),
            ("3", "公务接待费", "5.00")]
    for i, (n, name, amount) in enumerate(rows):
        top = 100 + pitch * i
        if n:
            body.append(chars(n, 80, top, width=4.5))
        body.append(chars(name, 116, top))
        if amount:
            body.append(chars(amount, right - 4.5 * len(amount), top, width=4.5))
    return read(*head, *body)


def test_a_row_with_blank_amounts_a_pitch_from_both_neighbours_is_a_row_not_a_wrapped_label():
    # its label and the one above end far short of the amounts: neither could have wrapped
    grid = _three_public(("其中：公务用车购置费", ""))
    body = [r for r in grid if any(r)][1:]
    assert [r[1] for r in body] == ["因公出国（境）费", "公务用车购置及运行费", "其中：公务用车购置费",
                                    "公务用车运行费", "公务接待费"]
    assert [r[2] for r in body] == ["20.80", "15.90", "", "15.90", "5.00"]


def test_a_row_printing_only_a_dash_is_a_row():
    grid = _three_public(("其中：公务用车购置费", "-"))
    body = [r for r in grid if any(r)][1:]
    assert [r[1:] for r in body][2:4] == [["其中：公务用车购置费", "-"], ["公务用车运行费", "15.90"]]


def test_a_label_wrapped_in_a_tight_narrow_column_still_joins_its_row():
    # rows one line apart (a Word table without cell padding) and a label column 60 points wide
    # (项目 centred over 50-110): 一般公共服务 filled its cell, so 支出 under it is its second line
    head = [chars("项目", 71, 86), chars("金额", 151, 86)]
    body = [chars("一般公共服务", 50, 100), chars("20.80", 200 - 22.5, 100, width=4.5), chars("支出", 50, 112)]
    for i, (name, amount) in enumerate([("外交支出", "15.90"), ("国防支出", "5.00"), ("公共安全支出", "7.00")]):
        body += [chars(name, 50, 124 + 12 * i), chars(amount, 200 - 4.5 * len(amount), 124 + 12 * i, width=4.5)]
    grid = read(*head, *body)
    body_rows = [r for r in grid if any(r)][1:]
    assert [r[0].replace("\n", "") for r in body_rows] == ["一般公共服务支出", "外交支出", "国防支出", "公共安全支出"]


def test_a_heading_centred_down_two_rows_beside_a_group_does_not_reach_under_it():
    # 三公 in one row (L007-00146 p.8): 公务接待费 centred down both heading rows, right of the group
    # 公务用车购置及运行费 over 小计 | 公务用车购置费 | 公务用车运行费; figures set right in cells of one width
    s = 7.5
    words = [("公务用车购置及运行费", 301.4, 602.8), ("合计", 83.8, 611.1), ("因公出国（境）费", 143.8, 611.1),
             ("公务接待费", 485.3, 611.1), ("小计", 248.9, 619.3), ("公务用车购置费", 312.7, 619.3),
             ("公务用车运行费", 395.2, 619.3)]
    figures = [("49.20", 113.8), ("27.90", 195.4), ("19.80", 277.7), ("12.50", 361.0), ("7.30", 447.4), ("1.50", 530.8)]
    runs = [chars(t, x, top, size=s) for t, x, top in words]
    runs += [chars(t, x, 635.8, size=s, width=s * 0.55) for t, x in figures]
    cs = [c for run in runs for c in run]
    grids, _, _ = aligned.grids(cs, 8, [], None)
    grid = [[c.text if c else "" for c in row] for row in grids[0].matrix()]
    assert grid[-1] == ["49.20", "27.90", "19.80", "12.50", "7.30", "1.50"]
    assert grid[-2] == ["合计", "因公出国（境）费", "小计", "公务用车购置费", "公务用车运行费", "公务接待费"]
    assert grid[0][2:5] == ["公务用车购置及运行费"] * 3 and grid[0][5] == "公务接待费"


def test_a_heading_under_a_ruled_group_is_its_child_though_centred_like_a_sibling():
    # three heading rows ruled across (L007-00175 p.14): 小计 and 因公出国（境）费 in the middle row sit
    # where a heading centred down all three rows would; the rule under “三公”经费 runs over them
    s = 8.0
    words = [("合计", 84.2, 161.2), ("“三公”经费", 355.9, 161.2), ("会议费", 655.6, 161.2), ("培训费", 737.9, 161.2),
             ("小计", 166.4, 174.5), ("因公出国（境）费", 224.6, 174.5), ("公务用车购置及运行费", 381.0, 174.5),
             ("公务接待费", 565.4, 174.5), ("小计", 330.8, 187.8), ("公务用车购置费", 393.0, 187.8),
             ("公务用车运行费", 475.2, 187.8)]
    figures = [("83.80", 111.9), ("62.80", 194.1), ("29.90", 276.3), ("13.10", 358.5), ("7.70", 445.1),
               ("5.40", 527.3), ("19.80", 605.1), ("18.90", 687.3), ("2.10", 769.5)]
    runs = [chars(t, x, top, size=s, width=s) for t, x, top in words]  # quotes as wide as ideographs
    runs += [chars(t, x, 201.1, size=s, width=s * 0.55) for t, x in figures]
    rules = [(159.8, 51.0, 791.0), (173.1, 133.0, 626.0), (186.4, 298.0, 544.0), (199.7, 51.0, 791.0),
             (213.0, 51.0, 791.0)]
    grids, _, _ = aligned.grids([c for run in runs for c in run], 14, rules, None)
    grid = [[c.text if c else "" for c in row] for row in grids[0].matrix()]
    assert grid[0][1:7] == ["“三公”经费"] * 6 and grid[0][7:] == ["会议费", "培训费"]
    assert grid[1][3:6] == ["公务用车购置及运行费"] * 3
    assert grid[2] == ["合计", "小计", "因公出国（境）费", "小计", "公务用车购置费", "公务用车运行费", "公务接待费",
                       "会议费", "培训费"]


def test_a_tables_last_numbered_row_alone_atop_the_next_page_is_its_row():
    """L007-00863 p.3-4: `四、事业收入 25850003.58`, the last row of 收入决算表, opens page 4 alone before
    the next table's title: its list number goes on from the table's labels (三、 → 四、). A line
    numbered out of sequence is prose."""
    from disclosure.model import Box, TextLine

    first = [["项目名称", "金额"], ["合计", "532070063.64"], ["一、一般公共预算拨款", "476720055.06"],
             ["二、政府性基金预算拨款", "19740003.38"], ["三、财政专户管理资金", "9760001.62"]]
    for line, joined in [("四、事业收入 25850003.58", True), ("六、其他收入 25850003.58", False)]:
        doc = _two_pages(first, lambda grid: [TextLine(line, Box(17, 60, 50, 480, 60), 9.0),
                                              TextLine("十一、支出决算表", Box(17, 50, 90, 300, 102), 14.0)])
        rows = doc.tables[0].rows
        assert (rows[-1].name, [v.amount.printed for v in rows[-1].values], rows[-1].page) == (
            ("四、事业收入", ["25850003.58"], 17) if joined else ("三、财政专户管理资金", ["9760001.62"], 16))


def test_a_numbered_row_with_blank_cells_opens_a_tables_last_rows_under_its_repeated_heading():
    # L007-00492 p.4: 项目名称 金额 / 二、政府性基金预算拨款 (blank) / 三、其他收入 12710001.76, then the next table
    head = [chars("项目名称", 150, 60), chars("金额", 450, 60)]
    body = [chars("二、政府性基金预算拨款", 60, 74), chars("三、其他收入", 60, 88),
            chars("12710001.76", 480 - 49.5, 88, width=4.5)]
    grid = read(*head, *body)
    assert [r for r in grid if any(r)] == [["项目名称", "金额"], ["二、政府性基金预算拨款", ""],
                                           ["三、其他收入", "12710001.76"]]


def test_two_codes_alone_under_a_second_code_heading_are_not_pushed_over():
    """L007-00114 p.17 (ruled, 人员经费 | 公用经费 side by side): the left half's rows are over, so
    31013 and 31021 stand alone under the second 科目编码, 3.4 points after its rule, beside empty 金额
    cells whose figures end against that rule; the column prints no other figure. One code alone
    stays where it is printed unlike the left column's amounts."""
    xs = [50.0, 180.0, 300.0, 421.0, 480.0, 700.0, 790.0]
    occupancy = {(r, c): 6 * r + c for r in range(3) for c in range(6)}

    def columns(rows):  # the column each printed run ends in
        placed, runs = [], []
        for text, x, r, c in rows:
            for ch in chars(text, x, 80 + 14.4 * r, size=8.0, width=4.4 if text[0].isdigit() else None):
                runs.append(text)
                placed.append((len(placed), ch, r, c))
        return {runs[i]: c for i, _, _, c in layout._pushed_over(placed, xs, occupancy)}

    rows = [("31013", 422.7, 0, 3), ("公务用车购置", 492.7, 0, 4), ("20,618,500", 745.2, 0, 5),
            ("31021", 422.7, 1, 3), ("文物和陈列品购置", 492.7, 1, 4), ("2,144,923", 750.2, 1, 5),
            ("人员经费合计", 194.1, 2, 1), ("181,047,097", 370.2, 2, 2)]
    out = columns(rows)
    assert (out["31013"], out["31021"], out["181,047,097"]) == (3, 3, 2)
    # one code alone (L007-00921 p.17): printed as none of the left column's amounts is (they are
    # grouped by thousands), so not one of them
    out = columns(rows[:3] + rows[6:])
    assert out["31013"] == 3
    # where the left column prints its amounts so too, one code alone is taken for one pushed over
    out = columns(rows[:3] + [rows[6], ("181047097", 380.4, 2, 2)])  # (ending against its rule)
    assert out["31013"] == 2


def test_a_total_label_standing_alone_after_figures_heads_a_column_of_its_own():
    # L007-00063 p.3: the last rows of a summary of three label/amount pairs; the third pair's
    # rows are over, so its 支出总计 stands alone between two columns of figures
    rows = [("三、事业收入", 102.0, "5090000", "三、住房保障支出", 299.8, "10990000", None, None),
            ("收入总计", 102.0, "41900000", "支出总计", 299.8, "41900000", "支出总计", "41900000")]
    runs = []
    for i, (l1, x1, a1, l2, x2, a2, l3, a3) in enumerate(rows):
        top = 55 + 17 * i
        runs += [chars(l1, x1, top), chars(a1, 244.8 - 4.5 * len(a1), top, width=4.5),
                 chars(l2, x2, top), chars(a2, 442.7 - 4.5 * len(a2), top, width=4.5)]
        if l3:
            runs += [chars(l3, 497.7, top), chars(a3, 640.5 - 4.5 * len(a3), top, width=4.5)]
    grid = read(*runs)
    assert grid[-1] == ["收入总计", "41900000", "支出总计", "41900000", "支出总计", "41900000"]
    assert grid[0] == ["三、事业收入", "5090000", "三、住房保障支出", "10990000", "", ""]


def test_a_part_under_its_own_repeated_header_on_fewer_columns_goes_on_by_the_headings():
    """L007-00455 p.3-4: 收入决算表 ends p.3; p.4 repeats its header over the 合计 row alone, the
    blank 类 | 款 | 项 columns merged into one (科目编码/类款项), so the page has fewer columns: its
    cells go under the first part's columns of the same headings."""
    from disclosure.model import Box, Grid

    first = [["科目编码", "科目编码", "科目编码", "科目名称", "本年决算", "本年决算"],
             ["类", "款", "项", "科目名称", "合计", "一般公共预算拨款"],
             ["204", "", "", "公共安全支出", "240,000", "-"], ["217", "", "", "金融支出", "21,720,000", "21,720,000"]]

    def page(grid):
        return [grid([["科目编码", "科目名称", "本年决算", "本年决算"], ["类款项", "科目名称", "合计", "一般公共预算拨款"],
                      ["", "合计", "21,960,000", "21,720,000"]], 17, [(52, 110), (150, 260), (300, 360), (400, 480)])]

    xs = [(50, 60), (62, 72), (74, 84), (90, 190), (300, 360), (400, 480)]
    from disclosure.structure.build import build
    from disclosure.model import RawDocument, RawPage, TextLine

    def grid(rows, pg, cols):
        return Grid(len(rows), len(rows[0]), [Cell(t, r, k, box=Box(pg, cols[k][0], 60 + 12 * r, cols[k][1], 72 + 12 * r))
                                               for r, row in enumerate(rows) for k, t in enumerate(row) if t],
                    Box(pg, 50, 60, 500, 60 + 12 * len(rows)), aligned=True)

    pages = [RawPage(16, 595, 842, [TextLine("二、收入决算表", Box(16, 50, 30, 300, 42), 14.0),
                                    TextLine("单位：元", Box(16, 300, 46, 350, 56), 10.0), grid(first, 16, xs)]),
             RawPage(17, 595, 842, page(grid))]
    doc = build(RawDocument("x.pdf", "0" * 64, "pdf", pages))
    assert len(doc.tables) == 1
    last = doc.tables[0].rows[-1]
    assert (last.name, [(v.column, v.amount.printed) for v in last.values], last.page) == (
        "合计", [("本年决算/合计", "21,960,000"), ("本年决算/一般公共预算拨款", "21,720,000")], 17)
    # another table's header (other words, the same lowest headings in part) is not a repeated one
    other = [["科目编码", "科目名称", "本年预算", "本年预算"], ["类款项", "科目名称", "合计", "人员经费"], ["", "合计", "9,000", "9,000"]]
    pages[1] = RawPage(17, 595, 842, [grid(other, 17, [(52, 110), (150, 260), (300, 360), (400, 480)])])
    doc = build(RawDocument("x.pdf", "0" * 64, "pdf", pages))
    assert doc.tables[0].rows[-1].page == 16


def test_header_map_places_columns_by_their_headings_or_refuses():
    from disclosure.structure.tables import header_map
    onto = ["科目编码/类", "科目编码/款", "科目编码/项", "科目名称", "本年决算/合计", "本年决算/事业收入"]
    assert header_map(["科目编码/类款项", "科目名称", "本年决算/合计", "本年决算/事业收入"], onto) == [[0, 1, 2], [3], [4], [5]]
    assert header_map(["科目名称", "本年决算/事业收入"], onto) == [[3], [5]]  # columns missing here, in order
    assert header_map(["本年决算/事业收入", "科目名称"], onto) is None  # out of order
    assert header_map(["科目编码/类项", "科目名称"], onto) is None  # not a run of neighbours
    assert header_map(["项目", "金额"], onto) is None
    # the same lowest heading where the groups over blank columns are cut otherwise (L007-00905 p.5)
    assert header_map(["类", "科目编码/款", "科目名称/项", "本年决算/合计"], onto) == [[0], [1], [2], [4]]
    # a whole path before a lowest heading alike under another group
    assert header_map(["决算数/合计"], ["预算数/合计", "决算数/合计"]) == [[1]]


def test_a_page_opening_with_a_rows_wrapped_label_over_its_centred_amounts_keeps_the_row():
    """L007-00559 p.4 (rows ruled across): the page opens with 2130701 对村级公益事业建设的补 / 助, the
    amounts centred between the two lines, the name's tail 助 under the code at the cell's left
    edge; then 合计. The label's first line is in the row's ruled band, not a heading; its tail
    goes on with the name."""
    rows = [chars("2130701", 61.3, 54.9, size=8.0, width=4.4), chars("对村级公益事业建设的补", 94.2, 54.9, size=8.0),
            chars("助", 53.0, 65.9, size=8.0), chars("合计", 108.7, 82.9, size=8.0)]
    for top, figures in [(60.4, ["926.36", "926.36", "0.00"]), (82.9, ["5,998.62", "4,460.89", "814.92"])]:
        rows += [chars(f, x - 4.4 * len(f), top, size=8.0, width=4.4) for f, x in zip(figures, [234.7, 286.8, 339.0])]
    rules = [(50.0, 50.0, 446.0), (78.0, 50.0, 446.0), (95.0, 50.0, 446.0)]
    grids, _, _ = aligned.grids([c for run in rows for c in run], 4, rules, None)
    grid = [[c.text if c else "" for c in row] for row in grids[0].matrix()]
    assert grid == [["2130701", "对村级公益事业建设的补\n助", "926.36", "926.36", "0.00"],
                    ["", "合计", "5,998.62", "4,460.89", "814.92"]]


def test_a_tables_last_coded_row_alone_atop_the_next_page_is_its_row():
    """L007-00098 p.17-18: `302 13 维修（护）费 14,871,791` opens page 18 alone, under the 类 of the
    table's last code (302), after it: the table's last row, its code in the code column. A code of
    another 类 is prose."""
    from disclosure.model import Box, TextLine

    first = [["科目编码", "科目名称", "机关运行经费支出"], ["", "合计", "14,871,791"], ["302", "商品和服务支出", "14,871,791"]]
    for line, joined in [("302 13 维修（护）费 14,871,791", True), ("201 01 人大事务 14,871,791", False)]:
        doc = _two_pages(first, lambda grid: [TextLine(line, Box(17, 60, 50, 480, 60), 9.0),
                                              TextLine("十二、政府采购支出预算表", Box(17, 50, 90, 300, 102), 14.0)],
                         xs=[(50, 80), (90, 190), (440, 480)])
        last = doc.tables[0].rows[-1]
        assert (last.code, last.name, [v.amount.printed for v in last.values], last.page) == (
            ("30213", "维修（护）费", ["14,871,791"], 17) if joined else ("302", "商品和服务支出", ["14,871,791"], 16))


def test_dashes_of_an_empty_tables_total_row_jittered_over_their_rules_go_back():
    """L007-00008 p.5 (ruled, text a few points off): the empty table's 合计 row prints three dashes
    set right; the 基本支出 dash starts 0.8 points before its right rule and the 项目支出 dash ends
    past the table's edge. Each is its own column's: the page's only other figure ends against
    its rule, so the columns are set right."""
    xs = [50.0, 325.6, 427.5, 529.5, 631.5]
    occupancy = {(r, c): 4 * r + c for r in range(3) for c in range(4)}
    placed = []
    for text, x, c in [("合计", 181.6, 0), ("-", 423.9, 1), ("-", 528.7, 3), ("-", 630.4, 4)]:
        for ch in chars(text, x, 126, size=8.0, width=3.0 if text == "-" else None):
            placed.append((len(placed), ch, 2, c))
    out = layout._pushed_over(placed, xs, occupancy)
    assert [c for _, ch, r, c in out if ch["text"] == "-"] == [1, 2, 3]


def test_an_empty_table_under_a_title_wrapped_over_two_lines_is_a_table():
    """L007-00752 p.9: 公开06表：…政府性基金预算支出功能分类 / 预算表, its header and a 合计 line printed
    without figures, then 本部门无政府性基金预算财政拨款安排的支出，故本表无数据。"""
    from disclosure.model import Box, RawDocument, RawPage, TextLine
    from disclosure.structure.build import build

    texts = ["公开06表：2017年度上海市普陀区人民政府办公室政府性基金预算支出功能分类", "预算表", "单位：元",
             "科目编码 科目名称 合计 基本支出 项目支出", "合计", "本部门无政府性基金预算财政拨款安排的支出，故本表无数据。"]
    lines = [TextLine(t, Box(9, 50, 50 + 16 * i, 500, 60 + 16 * i), 10.0) for i, t in enumerate(texts)]
    doc = build(RawDocument("x.pdf", "0" * 64, "pdf", [RawPage(9, 595, 842, lines)]))
    [t] = doc.tables
    assert (t.type, t.number, t.pages, t.rows) == ("government_fund_expenditure", "公开06表", [9], [])
    assert "本表无数据" in t.note


def test_a_tables_last_row_of_words_alone_atop_the_next_page_is_its_row():
    """L007-00098 p.18-19: `空调 货物 询价 集中采购 267,001` alone on page 19: a word in each column of
    the 政府采购 table, 货物 and 集中采购 as printed in their columns above. A line of as many words
    none of which its column prints is prose."""
    from disclosure.model import Box, TextLine

    first = [["项目名称", "采购品目", "采购方式", "组织形式", "金额"], ["合计", "", "", "", "1,433,007"],
             ["物业管理服务", "货物", "协议供货", "部门集中采购", "184,001"], ["公务用车", "工程", "竞争性磋商", "集中采购", "8,001"]]
    xs = [(50, 150), (160, 220), (230, 300), (310, 400), (440, 480)]
    for line, joined in [("空调 货物 询价 集中采购 267,001", True), ("本年 采购 预算 合计为 267,001", False)]:
        doc = _two_pages(first, lambda grid: [TextLine(line, Box(17, 60, 50, 480, 60), 9.0)], xs=xs)
        last = doc.tables[0].rows[-1]
        assert (last.name, last.attributes, [v.amount.printed for v in last.values], last.page) == (
            ("空调", {"采购品目": "货物", "采购方式": "询价", "组织形式": "集中采购"}, ["267,001"], 17) if joined
            else ("公务用车", {"采购品目": "工程", "采购方式": "竞争性磋商", "组织形式": "集中采购"}, ["8,001"], 16))


def test_a_coded_label_wrapped_to_its_cells_edge_over_centred_amounts_is_the_first_row():
    """L007-00390 p.6 (no ruling): under the repeated heading the page opens with 2080508 对机关事业单位
    职业年金 / 的补助, the amounts centred between the lines (on the tail's line), the tail at the
    cell's left edge left of the code indented by its level. The first line is the row's label,
    not a heading."""
    s = 9.0
    runs = [chars("科目名称", 110.5, 54.7), chars("上年预算数", 218.2, 55.8), chars("本年预算数", 278.5, 55.6),
            chars("2080508", 64.2, 73.0, width=4.95), chars("对机关事业单位职业年金", 101.2, 73.0), chars("的补助", 53.2, 85.0),
            chars("20828", 57.7, 102.8, width=4.95), chars("退役军人管理事务", 84.8, 102.8),
            chars("2082803", 64.2, 120.0, width=4.95), chars("机关服务", 101.2, 120.0)]
    for top, figures in [(78.6, ["411.11", "462.11"]), (102.1, ["1,776.52", "1,750.52"]), (119.5, ["1,032.70", "861.70"])]:
        runs += [chars(f, x - 4.95 * len(f), top, width=4.95) for f, x in zip(figures, [266.3, 325.8])]
    grid = read(*runs)
    rows = [[c.replace("\n", "") for c in r] for r in grid if any(r)]
    assert rows[0][-2:] == ["上年预算数", "本年预算数"]
    assert [r for r in rows if "411.11" in r][0][-2:] == ["411.11", "462.11"]
    label = [r for r in rows if "411.11" in r][0][:-2]
    assert "".join(label).replace(" ", "") == "2080508对机关事业单位职业年金的补助"


def test_a_lone_total_after_a_table_with_a_sequence_column_is_its_total_row():
    """L007-00317 p.9-10: `合计 73.40` alone atop the page after the 三公 table set in rows with 序号:
    the 序号 column's figures are keys, not a second amount column; 合计 goes to the 项目 column."""
    from disclosure.model import Box, TextLine

    first = [["序号", "项目", "金额"], ["1", "因公出国（境）费", "20.80"], ["2", "公务接待费", "33.60"], ["3", "培训费", "19.00"]]
    doc = _two_pages(first, lambda grid: [TextLine("合计 73.40", Box(17, 60, 50, 480, 60), 9.0)],
                     xs=[(50, 70), (90, 190), (440, 480)])
    last = doc.tables[0].rows[-1]
    assert (last.name, last.role, last.attributes, [v.amount.printed for v in last.values], last.page) == (
        "合计", "total", {}, ["73.40"], 17)
    # the next 序号 and its item (L007-00767 p.3-4: `3 公务接待费 1.90`); a 序号 out of sequence is prose
    for line, joined in [("4 会议费 12.70", True), ("7 会议费 12.70", False)]:
        doc = _two_pages(first, lambda grid: [TextLine(line, Box(17, 60, 50, 480, 60), 9.0)],
                         xs=[(50, 70), (90, 190), (440, 480)])
        last = doc.tables[0].rows[-1]
        assert (last.name, last.attributes, last.page) == (("会议费", {"序号": "4"}, 17) if joined else ("培训费", {"序号": "3"}, 16))


def test_an_amount_pushed_over_its_rule_onto_the_next_cells_own_is_parted_and_goes_back():
    """L007-00362 p.2 (ruled, cells jittered): 合计's 17,920,000 pushed over its rule runs into the
    一般公共预算 cell's own 17,920,000 (read 17,920,00017,920,000): two amounts grouped by thousands,
    the first back in the empty 合计 cell."""
    xs = [50.0, 150.0, 200.0, 292.0, 340.0]
    occupancy = {(r, c): 4 * r + c for r in range(2) for c in range(4)}
    rows = [("一、一般公共服务支出", 52.0, 0, 0), ("17,920,000", 201.0, 0, 2), ("17,920,000", 246.0, 0, 2), ("0", 335.0, 0, 3),
            ("二、公共安全支出", 52.0, 1, 0), ("9,940,000", 159.5, 1, 1), ("9,940,000", 251.5, 1, 2), ("0", 335.0, 1, 3)]
    cols = _pushed_columns(rows, xs, occupancy, top=80, pitch=14)
    assert cols[("17,920,000", 201.0, 0)] == {1} and cols[("17,920,000", 246.0, 0)] == {2}


def _pushed_columns(runs, xs, occupancy, top, pitch):
    """`layout._pushed_over` on runs of (text, x0, lattice row, lattice column), each printed at
    `top` + `pitch` * row (figures 4.5 points a character): (text, x0, row) -> the columns its
    characters end in."""
    placed, of = [], []
    for text, x, r, c in runs:
        for ch in chars(text, x, top + pitch * r, width=4.5 if text[0].isdigit() else None):
            of.append((text, x, r))
            placed.append((len(placed), ch, r, c))
    cols = {}
    for i, _, r, c in layout._pushed_over(placed, xs, occupancy):
        cols.setdefault(of[i], set()).add(c)
    return cols


def test_a_numbered_row_of_blank_cells_ending_a_page_stays_with_its_table():
    # L007-00924 p.4: 二、政府性基金预算拨款 with blank cells a row's pitch under 一、… at the page's foot
    head = [chars("项目名称", 150, 46), chars("金额", 450, 46)]
    body = [chars("合计", 60, 60), chars("67,400,008.69", 480 - 58.5, 60, width=4.5),
            chars("一、一般公共预算拨款", 60, 77), chars("58,320,008.05", 480 - 58.5, 77, width=4.5),
            chars("二、政府性基金预算拨款", 60, 94)]  # rows 17 points apart
    grid = read(*head, *body)
    assert [r for r in grid if any(r)][-1] == ["二、政府性基金预算拨款", ""]
    # the next table's title numbered on (三、…表, L007-00621 p.4) is wider than the labels: not a row
    title = chars("三、2024年度深圳市福田区城市管理和综合执法局一般公共预算基本支出情况表", 60, 111)
    grids, rest, _ = aligned.grids([c for run in head + body + [title] for c in run], 1, [], None)
    assert [c.text for c in grids[0].cells if c.text.startswith("三、")] == []
    assert "".join(c["text"] for c in rest).startswith("三、2024年度")


def test_dashes_a_point_or_two_apart_are_one_column():
    # L007-00415 p.5 (text a few points off its cell): the 政府性基金预算 dashes at 441.9, 445.3, 446.0
    # and 445.5, the first 0.6 points clear of the second
    head = [chars("项目", 100, 46), chars("合计", 330, 46), chars("政府性基金", 405.7, 46)]
    body = []
    for i, (name, amount, dash_x) in enumerate([("一、一般公共服务支出", "1,699.48", 441.9), ("二、公共安全支出", "2,269.22", 445.3),
                                                ("三、社会保障和就业支出", "624.06", 446.0), ("四、节能环保支出", "566.64", 445.5)]):
        top = 60 + 16 * i
        body += [chars(name, 60, top), chars(amount, 352.5 - 4.5 * len(amount), top, width=4.5), chars("-", dash_x, top, width=2.8)]
    grid = read(*head, *body)
    assert [r for r in grid if any(r)] == [["项目", "合计", "政府性基金"], ["一、一般公共服务支出", "1,699.48", "-"],
                                           ["二、公共安全支出", "2,269.22", "-"], ["三、社会保障和就业支出", "624.06", "-"],
                                           ["四、节能环保支出", "566.64", "-"]]


def test_a_ruled_band_holding_amounts_under_a_repeated_header_is_a_row_and_the_header_stays_whole():
    """L007-00400 p.4 (ruled across): the summary goes on under its three heading lines (收入 支出 /
    功能分类 支出用途 / 项目 决算数 …); the band between the header's rule and the totals' holds
    十三、抗疫特别国债 / 15290000 / 安排的支出: a row (its amounts say so), not more heading lines."""
    s = 8.0
    words = [("收入", 108.0, 54.9), ("支出", 306.1, 54.9), ("功能分类", 232.1, 71.9), ("支出用途", 364.2, 71.9),
             ("项目", 84.2, 80.4), ("决算数", 146.2, 80.4), ("项目", 216.3, 88.9), ("决算数", 278.3, 88.9),
             ("项目", 348.4, 88.9), ("决算数", 410.4, 88.9), ("十三、抗疫特别国债", 185.1, 105.9), ("安排的支出", 185.1, 116.9),
             ("收入总计", 76.2, 133.9), ("支出总计", 216.0, 133.9), ("支出总计", 348.0, 133.9)]
    runs = [chars(t, x, top, size=s) for t, x, top in words]
    runs += [chars(f, x, top, size=s, width=4.4) for f, x, top in
             [("15290000", 277.5, 111.4), ("363730000", 141.0, 133.9), ("363730000", 273.0, 133.9), ("363730000", 405.0, 133.9)]]
    rules = [(50.0, 50.0, 460.0), (101.0, 50.0, 460.0), (129.0, 50.0, 460.0), (146.0, 50.0, 460.0)]
    grids, rest, _ = aligned.grids([c for run in runs for c in run], 4, rules, None)
    assert not rest  # 收入 支出 is the header's first line, not text
    grid = [[c.text.replace("\n", "") for c in row] for row in grids[0].matrix()]
    assert grid == [["收入", "收入", "支出", "支出", "支出", "支出"],
                    ["项目", "决算数", "功能分类", "功能分类", "支出用途", "支出用途"],
                    ["项目", "决算数", "项目", "决算数", "项目", "决算数"],
                    ["", "", "十三、抗疫特别国债安排的支出", "15290000", "", ""],
                    ["收入总计", "363730000", "支出总计", "363730000", "支出总计", "363730000"]]


def test_a_code_part_heading_over_a_column_blank_on_this_page_is_its_own():
    # L007-00815 p.6: 类 款 项 evenly spaced under 科目编码; no 项 code on this page (the table's rows
    # go on overleaf): 项 heads a blank column of its own, not a letter-spaced 款 项
    runs = [chars("科目编码", 74.2, 716.3), chars("科目名称", 211.8, 725.3), chars("本年决算", 391.0, 716.3),
            chars("类", 62.0, 734.3), chars("款", 91.4, 734.3), chars("项", 117.0, 734.3), chars("合计", 352.8, 734.3),
            chars("基本支出", 430.0, 734.3)]
    for top, code, x, name, a, b in [(752.3, "217", 60.3, "金融支出", "5,340,000", "90,000"),
                                     (770.3, "03", 91.7, "金融发展支出", "5,340,000", "90,000")]:
        runs += [chars(code, x, top, width=4.15), chars(name, 137.4, top),
                 chars(a, 397.7 - 4.15 * len(a), top, width=4.15), chars(b, 471.1 - 4.15 * len(b), top, width=4.15)]
    grid = read(*runs)
    assert grid[0][:5] == ["科目编码", "科目编码", "科目编码", "科目名称", "本年决算"]
    assert grid[1] == ["类", "款", "项", "科目名称", "合计", "基本支出"]  # (科目名称 spans both rows)
    assert [r[:4] for r in grid[2:]] == [["217", "", "", "金融支出"], ["", "03", "", "金融发展支出"]]


def test_a_title_wrapped_before_a_tail_that_names_a_table_alone_is_read_whole():
    # L007-00352 p.8: …一般公共预算机关运行经费 / 支出预算表 (alone a 支出预算表, an expenditure summary)
    ctx = read_context(["公开04表", "2022年度广东省深圳市福田区城市管理和综合执法局一般公共预算机关运行经费", "支出预算表",
                        "编制部门：广东省深圳市福田区城市管理和综合执法局 单位：万元"])
    assert (ctx.number, ctx.title, ctx.unit) == (
        "公开04表", "2022年度广东省深圳市福田区城市管理和综合执法局一般公共预算机关运行经费支出预算表", "万元")
    # a paragraph above a short title is not its head
    ctx = read_context(["下表为本部门2022年一般公共预算支出情况。", "支出预算表", "单位：万元"])
    assert ctx.title == "支出预算表"


def test_a_title_wrapped_inside_its_qualifier_is_read_whole():
    """U031-00012 p.6 (generator axis title_variants, Writer): a title wider than the page wraps
    inside its parenthesis (…支出预算表（按功 / 能科目）); the short tail is no department name's end
    and the table is not left untitled (it was typed `other`, its title a paragraph)."""
    for dept_line in ("编制单位：岳阳市君山区自然资源局 单位：元", "单位：元"):
        ctx = read_context(["公开 05表 2022 年岳阳市君山区自然资源局一般公共预算拨款支出预算表（按功", "能科目）", dept_line])
        assert (ctx.number, ctx.title, ctx.unit, ctx.used) == (
            "公开05表", "2022年岳阳市君山区自然资源局一般公共预算拨款支出预算表（按功能科目）", "元", 3)
    # a short line under a paragraph is not a title's tail
    ctx = read_context(["下表为本部门2022年一般公共预算支出情况（按功", "能科目）", "单位：元"])
    assert ctx.title == ""


def _one_grid(rows, title="一般公共预算支出表"):
    """A page holding `title` over one aligned grid of `rows` (columns 0..n at 120-point steps)."""
    from disclosure.model import Box, Grid, RawDocument, RawPage, TextLine
    from disclosure.structure.build import build

    cells = [Cell(t, r, k, box=Box(1, 50 + 120 * k, 60 + 12 * r, 150 + 120 * k, 72 + 12 * r))
             for r, row in enumerate(rows) for k, t in enumerate(row) if t]
    grid = Grid(len(rows), len(rows[0]), cells, Box(1, 50, 60, 50 + 120 * len(rows[0]), 60 + 12 * len(rows)), aligned=True)
    page = RawPage(1, 595, 842, [TextLine(title, Box(1, 50, 30, 300, 42), 14.0),
                                 TextLine("单位：元", Box(1, 300, 46, 350, 56), 10.0), grid])
    return build(RawDocument("x.pdf", "0" * 64, "pdf", [page]))


def test_codes_printed_with_dots_or_dashes_between_their_parts_are_codes():
    """Unseen layouts (samples/unseen, codes=dotted|dashed): `208.01` and `208.01.01` under 科目编码 lost
    their code (a dot was taken for a decimal point), and the rows were keyed by name alone. Under a
    code heading, or in a column that also prints a three-part code, the dots join a code's parts."""
    for sep in (".", "-"):
        rows = [["科目编码", "科目名称", "合计"], ["", "合计", "300"], ["208", "社会保障和就业支出", "300"],
                [f"208{sep}01", "人力资源和社会保障管理事务", "300"], [f"208{sep}01{sep}01", "行政运行", "300"]]
        doc = _one_grid(rows)
        got = [(r.code, r.code_printed, r.name) for r in doc.tables[0].rows]
        assert got == [("", "", "合计"), ("208", "208", "社会保障和就业支出"),
                       ("20801", f"208{sep}01", "人力资源和社会保障管理事务"), ("2080101", f"208{sep}01{sep}01", "行政运行")]
        # no heading: the three-part code says what the column holds
        doc = _one_grid([["", "项目", "合计"]] + rows[1:])
        assert [r.code for r in doc.tables[0].rows][2:] == ["20801", "2080101"]


def test_two_parts_joined_by_a_dot_alone_are_an_amount_not_a_code():
    from disclosure.normalize.codes import parse_code, split_leading_code
    from disclosure.structure.tables import _column_role

    assert parse_code("215.30") is None and parse_code("215.30", in_code_column=True).code == "21530"
    assert parse_code("208-01").code == "20801" and parse_code("208.01.01").code == "2080101"
    assert split_leading_code("208.01万元") == (None, "208.01万元")
    assert split_leading_code("2018-01-01 会议")[0] is None
    code, rest = split_leading_code("208-01 人力资源和社会保障管理事务")
    assert (code.code, rest) == ("20801", "人力资源和社会保障管理事务")
    # a column of 215.30 and 230.12 alone holds amounts
    assert _column_role(1, "", [[Cell("215.30", 2, 1)], [Cell("230.12", 3, 1)]]) == "amount"


def test_a_dashed_code_wrapped_in_its_cell_and_over_the_page_is_one_code():
    """U020-00660 pp.3-4 (Writer, codes=dashed, a narrow 科目代码 column): each 项 code wraps in its
    cell after its last dash (`204-07-` over `03`), and the last row of page 3 prints `210-01-` with
    its name and figures while `99`, the code's tail, opens page 4 alone (Word lets a row break):
    45 amounts keyed by name alone, one row of nothing. Read whole, every code is the row's and the
    项 rows add up to their 款."""
    from disclosure.model import Box, Grid, RawDocument, RawPage, TextLine
    from disclosure.structure.build import build

    def grid(rows, page):
        return Grid(len(rows), 3, [Cell(t, r, k, box=Box(page, 50 + 60 * k, 60 + 12 * r, 110 + 60 * k, 72 + 12 * r))
                                   for r, row in enumerate(rows) for k, t in enumerate(row) if t],
                    Box(page, 50, 60, 230, 60 + 12 * len(rows)))

    p3 = [["科目代\n码", "科目名称", "合计"], ["210", "医疗卫生与计划生育支出", "30.00"],
          ["210-01", "医疗卫生与计划生育管理事务", "30.00"], ["210-01-\n01", "行政运行", "10.00"],
          ["210-01-", "其他医疗卫生与计划生育管理事务支出", "20.00"]]
    p4 = [["99", "", ""], ["213", "农林水支出", "5.00"], ["213-08", "普惠金融发展支出", "5.00"],
          ["213-08-\n01", "支持农村金融机构", "5.00"]]
    pages = [RawPage(3, 595, 842, [TextLine("公开03表 支出预算总表", Box(3, 50, 30, 300, 42), 14.0),
                                   TextLine("单位：元", Box(3, 300, 46, 350, 56), 10.0), grid(p3, 3)]),
             RawPage(4, 595, 842, [grid(p4, 4)])]
    [t] = build(RawDocument("x.pdf", "0" * 64, "pdf", pages)).tables
    assert [(r.code, r.name, r.page) for r in t.rows] == [
        ("210", "医疗卫生与计划生育支出", 3), ("21001", "医疗卫生与计划生育管理事务", 3), ("2100101", "行政运行", 3),
        ("2100199", "其他医疗卫生与计划生育管理事务支出", 3), ("213", "农林水支出", 4), ("21308", "普惠金融发展支出", 4),
        ("2130801", "支持农村金融机构", 4)]
    assert t.verification.failed == 0 and t.verification.held >= 3
    # a figure alone opening a page under a whole code is no code's tail
    from disclosure.normalize.codes import parse_code
    assert parse_code("210-01-\n99").code == "2100199" and parse_code("210.01\n.99").code == "2100199"
    assert parse_code("210-01-") is None and parse_code("208.01\n5") is None


def test_a_continued_tables_label_rows_under_a_heading_centred_down_them_are_body_rows():
    """U020-00149 pp.3-4 (three-line rules, wide_split): the 收入总表's 事业收入 | 其他收入 go on in a
    续表 whose first label rows print nothing further (社会保障和就业支出 …), and the reader centred
    both headings down them: the rows were read as headings, the 续表 was not joined and was typed
    `other` (17 amounts). The rows print the first part's labels in order: body rows, the headings
    ending above them, and the 续表's columns join the table."""
    from disclosure.model import Box, Grid, RawDocument, RawPage, TextLine
    from disclosure.structure.build import build

    def grid(rows, page, spans=()):
        cells = [Cell(t, r, k, box=Box(page, 50 + 120 * k, 60 + 12 * r, 150 + 120 * k, 72 + 12 * r))
                 for r, row in enumerate(rows) for k, t in enumerate(row) if t]
        for c in cells:
            c.rowspan = dict(spans).get((c.row, c.col), 1)
        return Grid(len(rows), len(rows[0]), cells, Box(page, 50, 60, 50 + 120 * len(rows[0]), 60 + 12 * len(rows)), aligned=True)

    labels = ["社会保障和就业支出", "人力资源和社会保障管理事务", "卫生健康支出", "行政运行", "合计"]
    p3 = [["功能分类科目", "合计", "财政拨款收入"], ["", "", "一般公共预算"],
          [labels[0], "100", "100"], [labels[1], "100", "100"], [labels[2], "50", "40"], [labels[3], "50", "40"],
          [labels[4], "150", "140"]]
    p4 = [["功能分类科目", "事业收入", ""], [labels[0], "", ""], [labels[1], "", ""], [labels[2], "10", ""],
          [labels[3], "10", ""], [labels[4], "10", ""]]
    p4[0][2] = "其他收入"
    pages = [RawPage(3, 595, 842, [TextLine("2021年某部门收入总表", Box(3, 50, 30, 300, 42), 14.0),
                                   TextLine("单位：元", Box(3, 300, 46, 350, 56), 10.0),
                                   grid(p3, 3, [((0, 0), 2), ((0, 1), 2)])]),
             RawPage(4, 595, 842, [TextLine("续表", Box(4, 50, 30, 100, 42), 12.0),
                                   grid(p4, 4, [((0, 1), 3), ((0, 2), 3)])])]
    doc = build(RawDocument("x.pdf", "0" * 64, "pdf", pages))
    [t] = doc.tables
    assert t.type == "income_summary" and t.pages == [3, 4]
    assert [r.name for r in t.rows] == labels
    got = {(r.name, v.column): v.amount.printed for r in t.rows for v in r.values if v.amount.printed}
    assert got[("卫生健康支出", "事业收入")] == "10" and got[("合计", "事业收入")] == "10"
    assert ("社会保障和就业支出", "事业收入") not in got


def test_heading_rows_under_a_merged_total_heading_ending_a_page_head_the_row_of_the_next():
    """Seed 31 document 12 pp.8-9 (Writer, form axes drawn, title_variants): the 三公 table's two
    ruled heading rows (合计 merged down both, 因公出国（境）费, 公务用车购置及运行费 over 小计 | 购置费 |
    运行费, 公务接待费) end page 8 and its one row of figures opens page 9. With no figure under them,
    the 合计 heading was taken for a total row: the headings were read as body rows, the row's
    figures under column_1 … (6 amounts lost). A 合计 merged down over rows printing words in every
    cell is a heading; the figures go under their columns and 合计 = the items holds."""
    from disclosure.model import Box, Grid, RawDocument, RawPage, TextLine
    from disclosure.structure.build import build

    xs = [(50, 110), (110, 190), (190, 250), (250, 330), (330, 410), (410, 480)]

    def cell(t, r, k, page, rowspan=1, colspan=1):
        return Cell(t, r, k, rowspan, colspan, Box(page, xs[k][0], 60 + 12 * r, xs[k + colspan - 1][1], 60 + 12 * (r + rowspan)))

    head = [cell("合计", 0, 0, 8, rowspan=2), cell("因公出国（境）费", 0, 1, 8, rowspan=2),
            cell("公务用车购置及运行费", 0, 2, 8, colspan=3), cell("公务接待费", 0, 5, 8, rowspan=2),
            cell("小计", 1, 2, 8), cell("公务用车购置费", 1, 3, 8), cell("公务用车运行费", 1, 4, 8)]
    row = [cell(t, 0, k, 9) for k, t in enumerate(["3,366,055", "5,049", "2,195,434", "0", "2,195,434", "1,165,572"])]
    pages = [RawPage(8, 595, 842, [TextLine("一般公共预算拨款“三公”经费支出预算表", Box(8, 50, 30, 300, 42), 14.0),
                                   TextLine("单位：元", Box(8, 300, 46, 350, 56), 10.0),
                                   Grid(2, 6, head, Box(8, 50, 60, 480, 84))]),
             RawPage(9, 595, 842, [Grid(1, 6, row, Box(9, 50, 60, 480, 72))])]
    [t] = build(RawDocument("x.pdf", "0" * 64, "pdf", pages)).tables
    assert t.type == "three_public_expenses"
    got = [(v.column, v.amount.printed) for r in t.rows for v in r.values]
    assert got == [("合计", "3,366,055"), ("因公出国（境）费", "5,049"), ("公务用车购置及运行费/小计", "2,195,434"),
                   ("公务用车购置及运行费/公务用车购置费", "0"), ("公务用车购置及运行费/公务用车运行费", "2,195,434"),
                   ("公务接待费", "1,165,572")]
    assert t.verification.failed == 0 and t.verification.held >= 1


def test_a_title_wrapped_before_its_last_character_at_the_foot_of_the_page_before_names_the_table():
    """U010-00061 pp.7-8 (Writer, landscape): the title …政府性基金预算财政拨款收入支出决算 / 表 and the
    编制单位 line end page 7, the table opens page 8 (here pages 1 and 2). Only the lines that could be a title by
    themselves were taken from the page before: the table was titled 表, typed `other`. The line
    above a taken title's tail that the tail completes is its head."""
    from disclosure.model import Box, Grid, RawDocument, RawPage, TextLine
    from disclosure.structure.build import build

    rows = [["科目代码", "科目名称", "合计"], ["", "合 计", "436.88"], ["213", "农林水支出", "436.88"],
            ["213.03", "水利", "436.88"], ["213.03.11", "水资源节约管理与保护", "436.88"]]
    cells = [Cell(t, r, k, box=Box(2, 50 + 120 * k, 60 + 12 * r, 150 + 120 * k, 72 + 12 * r))
             for r, row in enumerate(rows) for k, t in enumerate(row) if t]
    head = "2020 年安庆市大观区人力资源和社会保障局政府性基金预算财政拨款收入支出决算"
    pages = [RawPage(1, 842, 595, [TextLine("此页前文。", Box(1, 50, 100, 300, 112), 10.0),
                                   TextLine(head, Box(1, 50, 500, 700, 514), 14.0),
                                   TextLine("表", Box(1, 400, 518, 414, 532), 14.0),
                                   TextLine("编制单位：安庆市大观区人力资源和社会保障局 单位：万元", Box(1, 50, 540, 700, 550), 10.0)]),
             RawPage(2, 842, 595, [Grid(len(rows), 3, cells, Box(2, 50, 60, 410, 60 + 12 * len(rows)))])]
    [t] = build(RawDocument("x.pdf", "0" * 64, "pdf", pages)).tables
    assert t.title == "2020年安庆市大观区人力资源和社会保障局政府性基金预算财政拨款收入支出决算表"
    assert t.type == "government_fund_expenditure" and t.unit == "万元"


def test_a_note_under_the_left_table_level_with_a_row_of_the_right_one_is_set_aside():
    """U021-00000 p.6 and U021-00021 p.9 (two tables side by side, three=list): the 三公 list on the
    left ends, its 注：本表… under it level with the longer 机关运行经费 table's next rows on the right
    (委托业务费 32.9024; 31 公务用车运行维护费 1415059.93). Read as one line of prose, the note
    ended both tables: those rows and the right table's 合计 were lost. The note is text; the rows
    on its right are rows of the table."""
    rows = [chars("项目", 50, 100), chars("决算数", 230, 100), chars("项目", 320, 100), chars("决算数", 500, 100)]
    left = [("合计", "142.1971"), ("1.因公出国（境）费", "61.4865"), ("3.公务接待费", "80.7106")]
    right = [("合计", "414.1348"), ("办公费", "96.5432"), ("取暖费", "60.5950"), ("公务接待费", "80.7106"),
             ("委托业务费", "32.9024"), ("31 公务用车运行维护费", "144.3434")]
    for i, (name, a) in enumerate(right):
        top = 114 + 14 * i
        rows += [chars(name, 320, top), chars(a, 560 - 4.5 * len(a), top, width=4.5)]
        if i < len(left):
            rows += [chars(left[i][0], 50, top), chars(left[i][1], 270 - 4.5 * len(left[i][1]), top, width=4.5)]
    note = chars("注：本表按功能分类科目的项级科目列示。", 50, 114 + 14 * 4 + 2, size=8.0)
    cs = [c for run in rows + [note] for c in run]
    grids, rest, _ = aligned.grids(cs, 1, [], None)
    assert len(grids) == 1
    m = [[c.text if c else "" for c in row] for row in grids[0].matrix()]
    assert ["委托业务费", "32.9024"] == [t for t in m[-2] if t]
    assert ["31 公务用车运行维护费", "144.3434"] == [t for t in m[-1] if t] or \
        ["31", "公务用车运行维护费", "144.3434"] == [t for t in m[-1] if t]
    assert "".join(c["text"] for c in rest) == "注：本表按功能分类科目的项级科目列示。"


def test_a_diagonal_watermark_over_a_table_is_set_aside_and_said(tmp_path):
    """Unseen layouts (watermark=内部公开|仅供参考): large characters drawn at 35 degrees across the
    table were read as its text (upright by pdfminer's test: a*d > 0, b*c <= 0) and merged its rows
    into one. Text turned off the page's axes is set aside, with a page note; italic shear stays."""
    from disclosure import pipeline

    rows = [("合计", "300.00"), ("一般公共服务支出", "100.00"), ("教育支出", "120.00"), ("科学技术支出", "80.00")]

    def draw(c):
        c.setFont("STSong-Light", 14)
        c.drawString(150, 760, "2022年某某局一般公共预算支出表")
        c.setFont("STSong-Light", 9)
        c.drawString(450, 740, "单位：万元")
        c.drawString(60, 720, "项目")
        c.drawRightString(500, 720, "预算数")
        for i, (name, amount) in enumerate(rows):
            c.drawString(60, 700 - 18 * i, name)
            c.drawRightString(500, 700 - 18 * i, amount)
        c.saveState()
        c.translate(180, 560)
        c.rotate(35)
        c.setFont("STSong-Light", 90)
        c.drawString(0, 0, "内部公开")
        c.restoreState()

    doc = pipeline.extract(drawn_pdf(tmp_path / "w.pdf", draw))
    (table,) = doc.tables
    assert [(r.name, [v.amount.printed for v in r.values]) for r in table.rows] == [(n, [a]) for n, a in rows]
    assert any("watermark" in p["reason"] and "内部公开" in p["reason"] for p in doc.problems)


_PROJECTS = [("办公楼维修改造项目", [("2010101", "行政运行", "120.00"), ("2010102", "一般行政管理事务", "80.00"),
                                  ("2010199", "其他人大事务支出", "50.00")]),
             ("信息化建设经费", [("2010506", "信息化建设", "300.00")]),
             ("业务培训专项经费", [("2050803", "培训支出", "60.00"), ("2050899", "其他进修及培训", "40.00")]),
             ("执法装备购置", [("2040101", "武装警察", "90.00"), ("2040199", "其他武装警察部队支出", "10.00"),
                         ("2049999", "其他公共安全支出", "25.00"), ("2040102", "一般行政管理事务", "15.00")])]


@pytest.mark.parametrize("wrapped", [False, True])
def test_a_project_name_centred_down_its_rows_without_rules_names_every_one(tmp_path, wrapped):
    """Issue #12 (a tester's reportlab PDF): a 项目支出表 drawn without rules, each project's name
    printed once, centred down its rows of codes (a merged cell's look). The name was read as the
    label of the row nearest its middle (办公楼维修改造项目 on 2010102, 执法装备购置 on 2040199) and the
    rows above and below it had the 科目名称 for a name. Each row of the run carries it, as the
    ruled table's merged cell gives it. `wrapped`: the names printed over two lines (办公楼维修 /
    改造项目), which over an even run stand one line in each of the two middle rows."""
    from disclosure import pipeline

    def draw(c):
        c.setFont("STSong-Light", 14)
        c.drawCentredString(297, 790, "2024年某某局一般公共预算项目支出表")
        c.setFont("STSong-Light", 9)
        c.drawString(470, 770, "单位：万元")
        c.drawString(50, 750, "项目名称")
        c.drawString(220, 750, "科目编码")
        c.drawString(290, 750, "科目名称")
        c.drawRightString(545, 750, "预算数")
        c.drawString(50, 730, "合计")
        c.drawRightString(545, 730, "790.00")
        y = 712
        for name, rows in _PROJECTS:
            mid = y - 18 * (len(rows) - 1) / 2
            lines = [name[:5], name[5:]] if wrapped and len(name) > 6 else [name]
            for j, line in enumerate(lines):
                c.drawString(50, mid + 5.5 * (len(lines) - 1) - 11 * j, line)
            for code, sub, amount in rows:
                c.drawString(220, y, code)
                c.drawString(290, y, sub)
                c.drawRightString(545, y, amount)
                y -= 18

    doc = pipeline.extract(drawn_pdf(tmp_path / "p.pdf", draw))
    (t,) = doc.tables
    assert t.type == "general_budget_project_expenditure"
    got = [(r.code, r.name, r.attributes.get("科目名称"), [v.amount.value for v in r.values]) for r in t.rows]
    assert got == [("", "合计", None, [Decimal("790.00")])] + [
        (code, name, sub, [Decimal(amount)]) for name, rows in _PROJECTS for code, sub, amount in rows]
    assert t.verification.failed == 0
    assert not [f for f in doc.findings if f.severity == "error"]


def test_page_numbers_in_every_common_form_are_furniture():
    """Unseen layouts (running=of): `第 2 页 共 11 页` at a page's foot was read as text between a table
    and its rows going on atop the next page, so they were two tables (the second untitled)."""
    from disclosure.structure.furniture import _PAGE_NO

    for printed in ("12", "- 12 -", "第12页", "12/40", "第 2 页 共 11 页", "第2页，共11页", "共11页 第2页",
                    "第 3 页 / 共 11 页", "Page 2 of 11"):
        assert _PAGE_NO.match(printed), printed
    for printed in ("2021", "合计 12", "第三章"):
        assert not _PAGE_NO.match(printed), printed


def test_the_code_part_headings_over_columns_blank_on_this_page_are_three_columns():
    """Seed 12 (after the chart's closing-99 rows), L012-00040 p.10 (Writer): a table begins at a
    page's foot with one 类 row; 款 and 项, evenly spaced over columns blank on this page, were read
    as one letter-spaced heading `款 项`, the table had a column too few and its rows on the next
    pages became a table of their own. 类, 款 and 项 side by side are three headings."""
    rows = [chars("科目编码", 50, 100), chars("科目名称", 150, 106), chars("决算数", 300, 106),
            chars("类", 50, 112), chars("款", 72, 112), chars("项", 94, 112),
            chars("201", 50, 130, width=4.5), chars("一般公共服务支出", 150, 130),
            chars("69,960.25", 340 - 4.5 * 9, 130, width=4.5)]
    grid = read(*rows)
    assert ["类", "款", "项"] in [row[:3] for row in grid]
    assert grid[-1] == ["201", "", "", "一般公共服务支出", "69,960.25"]


def test_a_heading_printed_one_character_a_line_is_one_word():
    """Unseen layouts (vertical_head): 2020年预算数, 增减率(%) printed a character a line down narrow
    columns came out as the path 预/算/数, so no measure was found and every amount under them was
    in a column of no known name. Stacked single characters are one heading."""
    from disclosure.structure.tables import column_paths

    def cell(t, r, k):
        return Cell(t, r, k)

    head = [[cell("科目编码", 0, 0), cell("预", 0, 1), cell("增", 0, 2)],
            [cell("类", 1, 0), cell("算", 1, 1), cell("减", 1, 2)],
            [None, cell("数", 2, 1), cell("率", 2, 2)],
            [None, None, cell("(%)", 3, 2)]]
    assert column_paths(head, 3) == ["科目编码/类", "预算数", "增减率(%)"]
    # a heading's last character wrapped onto a line of its own is its tail, not a level
    head = [[cell("支出", 0, 0), cell("支出", 0, 1)], [cell("2021年决算", 1, 0), cell("项目", 1, 1)],
            [cell("数", 2, 0), None]]
    assert column_paths(head, 2) == ["支出/2021年决算数", "支出/项目"]


def test_the_digits_of_a_heading_printed_a_character_a_line_are_no_rows():
    """Unseen layouts (vertical_head, frame-only ruling), U001-00017 p.10: 2020年预算数 printed a
    character a line over a narrow column; its lines 2 / 0 / 2 / 0 held "amounts", so they were read
    as a table of their own and the body beneath lost its header. A run of single characters each
    under the last, with a CJK character among them, is one heading."""
    runs = [chars("项目", 50, 140)]
    for i, ch in enumerate("2020年预算数"):
        w = 4.5 if ch.isdigit() else 9.0
        runs.append(chars(ch, 300 + (9.0 - w) / 2, 100 + 11.25 * i, width=w))
    body = [("合计", "7,789.16"), ("一般公共服务支出", "2,456.12"), ("教育支出", "5,333.04")]
    for r, (name, amount) in enumerate(body):
        top = 196 + 16 * r
        runs += [chars(name, 50, top), chars(amount, 309 - 4.5 * len(amount), top, width=4.5)]
    grid = read(*runs)
    heads = [[t.replace("\n", "") for t in row] for row in grid[:-len(body)]]
    assert any("2020年预算数" in row for row in heads), heads
    assert grid[-len(body):] == [[n, a] for n, a in body]


def test_heading_units_a_character_a_line_join_over_the_narrower_column():
    """Unseen layouts U001-00018 p.5 and U001-00078 p.6: the first character of 基本支出 alone seemed to
    stand over two narrow columns (合计 | 本支出) and 率 printed on one line with the narrow ( beside
    it: the headings came out 基/本支出 and 增减/率(%). Characters centred on one line down join."""
    from disclosure.extract.aligned import _one_a_line, _Unit

    def unit(text, cols, top, x0=100.0):
        cs = [{"text": ch, "x0": x0 + (2.5 if ch in "()%" else 0), "x1": x0 + (6.5 if ch in "()%" else 9),
               "top": top + 11.25 * i, "bottom": top + 11.25 * i + 9, "size": 9.0} for i, ch in enumerate(text)]
        return _Unit("\n".join(text), cols, top, cs[-1]["bottom"], cs, x0, x0 + 9)

    out = _one_a_line([unit("基", [1, 2], 100), unit("本支出", [2], 111.25)])
    assert [(u.text.replace("\n", ""), u.cols) for u in out] == [("基本支出", [2])]
    out = _one_a_line([unit("增减", [7], 100), unit("率(", [7], 122.5), unit("%)", [7], 145)])
    assert [u.text.replace("\n", "") for u in out] == ["增减率(%)"]
    # two characters side by side are a word, not a character a line
    side = _Unit("合计", [1], 100, 109, [{"text": "合", "x0": 100, "x1": 109, "top": 100, "bottom": 109, "size": 9.0},
                                       {"text": "计", "x0": 109, "x1": 118, "top": 100, "bottom": 109, "size": 9.0}])
    assert len(_one_a_line([side, unit("数", [1], 111.25, 104.5)])) == 2


def test_a_group_heading_over_fewer_columns_than_it_spans_does_not_push_the_one_below_out():
    """Unseen layouts U001-00048 p.7 (财政拨款收支总表, no cell rules): 支出 centred over 项目 | 合计 |
    一般公共预算 | 政府性基金预算 was seen over 合计 alone; 预算数 over the last three then found its
    row taken and was dropped, so the paths lost 预算数. Each heading goes below every heading
    already over any of its columns."""
    from disclosure.extract.aligned import _header_cells, _Unit

    def unit(text, cols, top, x0):
        return _Unit(text, cols, top, top + 9, [{"text": text, "x0": x0, "x1": x0 + 9, "top": top, "bottom": top + 9, "size": 9.0}],
                     x0, x0 + 9 * len(text))

    units = [unit("支出", [3], 100, 569), unit("项目", [2], 135, 469), unit("预算数", [3, 4, 5], 120, 684),
             unit("合计", [3], 145, 627), unit("一般公共预算", [4], 145, 684), unit("政府性基金预算", [5], 140, 756)]
    cells, depth = _header_cells(units, 6, 1, [0, 100, 200, 359, 529, 678, 819])
    at = {(c.row, c.col): c.text for c in cells}
    assert depth == 3 and at[(0, 3)] == "支出" and at[(1, 3)] == "预算数" and at[(2, 4)] == "一般公共预算"


def test_a_table_too_wide_for_its_page_goes_on_column_wise_on_the_next():
    """Unseen layouts (wide_split), U001-00028 p.9-10: a 三公 table's last columns printed on the next
    page under 续表, its row labels repeated; the part was a table of its own typed `other`. A part
    whose leading columns read as the table's row for row (or, titled 续表, a table with no label
    column, row for row) adds its further columns to it."""
    from disclosure.model import Box, Grid, RawDocument, RawPage, TextLine
    from disclosure.structure.build import build

    def grid(rows, page):
        return page_grid(rows, page, 110)

    left = [["项目", "合计", "因公出国（境）费"], ["2023年决算数", "118.61", "0.00"], ["2024年决算数", "134.35", "0.00"]]
    right = [["项目", "公务用车购置及运行费", "公务接待费"], ["2023年决算数", "61.84", "56.77"], ["2024年决算数", "70.05", "64.30"]]
    pages = [RawPage(1, 595, 842, [TextLine("2024年“三公”经费支出决算情况表", Box(1, 50, 30, 300, 42), 14.0), grid(left, 1)]),
             RawPage(2, 595, 842, [TextLine("续表", Box(2, 50, 30, 80, 42), 12.0), grid(right, 2)])]
    doc = build(RawDocument("x.pdf", "0" * 64, "pdf", pages))
    (table,) = doc.tables
    assert table.type == "three_public_expenses" and table.pages == [1, 2]
    assert table.columns == ["项目", "合计", "因公出国（境）费", "公务用车购置及运行费", "公务接待费"]
    assert [[v.amount.printed for v in r.values] for r in table.rows] == [["118.61", "0.00", "61.84", "56.77"],
                                                                         ["134.35", "0.00", "70.05", "64.30"]]
    assert "page 2" in table.note
    # (U001-00019: the title printed inside the first ruled row, above the heading rows)
    boxed = grid(left, 1)
    boxed = Grid(boxed.n_rows + 1, boxed.n_cols,
                 [Cell("2024年“三公”经费支出决算情况表", 0, 0, 1, 3, box=Box(1, 50, 48, 380, 60))]
                 + [Cell(c.text, c.row + 1, c.col, box=c.box) for c in boxed.cells], boxed.box)
    pages[0] = RawPage(1, 595, 842, [boxed])
    (table,) = build(RawDocument("x.pdf", "0" * 64, "pdf", pages)).tables
    assert table.pages == [1, 2] and table.columns[-2:] == ["公务用车购置及运行费", "公务接待费"]


def test_a_total_label_letter_spaced_over_the_code_columns_is_one_label():
    """Unseen layouts U001-00017 p.10 (类|款|项 printed only where the level changes): 合 and 计 spaced
    two characters apart over the 类 and 款 columns made a column of their own for 计, and every code
    after went one column off. Two single characters making a total word join."""
    runs = [chars("类", 52, 100), chars("款", 76, 100), chars("项", 100, 100), chars("科目名称", 160, 100),
            chars("预算数", 290, 100),
            chars("合", 55, 120), chars("计", 82, 120), chars("7,789.16", 320 - 36, 120, width=4.5),
            chars("204", 50, 136, width=4.5), chars("公共安全支出", 160, 136), chars("2,456.12", 320 - 36, 136, width=4.5),
            chars("03", 76, 152, width=4.5), chars("国家安全", 160, 152), chars("1,279.97", 320 - 36, 152, width=4.5),
            chars("50", 100, 168, width=4.5), chars("事业运行", 170, 168), chars("470.19", 320 - 27, 168, width=4.5)]
    grid = read(*runs)
    # (合 计 one cell, over the 类 and 款 columns it spans)
    assert grid[-4:] == [["合 计", "合 计", "", "", "7,789.16"], ["204", "", "", "公共安全支出", "2,456.12"],
                         ["", "03", "", "国家安全", "1,279.97"], ["", "", "50", "事业运行", "470.19"]]


def _allocation_summary(figures_left: bool, head: list | None = None, ruled: bool = True) -> list[list[str]]:
    """A 财政拨款收支总表 under a rule across the table, headings on seven printed lines (the narrow
    columns' headings wrapped: 一般公/共预算, 政府/性基/金预/算), a rule under them, then its body:
    收入 over 项目 | 预算数, 支出 over 项目 | 预算数(合计 | 一般公共预算 | 政府性基金预算), 合计
    printed lower than 预算数, the last column dashes. `figures_left`: figures printed at their
    cells' left edge (a spreadsheet's default), else at the right. Cells: 45-245 | 245-330 |
    330-470 | 470-530 | 530-560 | 560-584. `head`: other heading lines (between the rules at
    112.4 and 199.4). `ruled`: with those rules, else none, and a 单位 line above the headings."""
    head = head or [chars("收入", 136, 118), chars("支出", 448, 118),   # 支出 centred over 330-584
            chars("预算数", 513.5, 136),                        # 预算数 centred over 470-584
            chars("政府", 563, 150),
            chars("项目", 136, 161), chars("预算数", 274, 161), chars("项目", 391, 161),
            chars("一般公", 531.5, 161), chars("性基", 563, 161),
            chars("合计", 491, 167),
            chars("共预算", 531.5, 172), chars("金预", 563, 172),
            chars("算", 567.5, 183)]
    rows = [("一、本年收入", "933.80", "一、本年支出", "933.80", "516.43", "-"),
            ("（一）一般公共预算拨款", "516.43", "（一）公共安全支出", "599.13", "599.13", "-"),
            ("（二）政府性基金预算拨款", "417.37", "（二）科学技术支出", "334.67", "-", "-"),
            ("收入总计", "933.80", "支出总计", "933.80", "516.43", "-")]
    body = []
    for i, row in enumerate(rows):
        top = 210 + 18 * i
        body += [chars(row[0], 50, top), chars(row[2], 335, top)]
        for text, (a, b) in zip((row[1], *row[3:]), ((245, 330), (470, 530), (530, 560), (560, 584))):
            w = 4.5 * len(text)
            body.append(chars(text, a + 2 if figures_left else b - 2 - w, top, width=4.5))
    cs = [c for run in head + body for c in run]
    rules = [(112.4, 42.0, 587.0), (199.4, 42.0, 587.0), (290.0, 42.0, 587.0)] if ruled else []
    grids, _, _ = aligned.grids(cs + (chars("单位：元", 540, 100) if not ruled else []), 1, rules, None)
    assert len(grids) == 1, f"{len(grids)} grids"
    return [[c.text.replace("\n", "") if c else "" for c in row] for row in grids[0].matrix()]


def test_a_group_heading_over_figures_set_left_is_centred_on_their_ink():
    """Unseen layouts U001-00002 p.7: figures printed at their cells' left edge, the last column a
    column of dashes under the wider 政府性基金预算. The heading lines were taken as beside the
    table (they reach past its figures) and read as text; then 预算数 was not seen centred over
    its three columns, since the cells' boundaries, found in the blanks between figures, lie off
    centre. Under a rule the header is as wide as the rule; a group heading centred on the ink
    of its outer columns (figures and lowest headings) spans them. And 支出, standing in the blank
    before 合计, which is printed lower than 预算数, stands over all four columns: its headings
    begin on 预算数's line, the highest in the columns it may reach (U001-00077 p.4)."""
    grid = _allocation_summary(figures_left=True)
    assert grid[0] == ["收入", "收入", "支出", "支出", "支出", "支出"]
    assert grid[1][3:] == ["预算数"] * 3
    assert grid[2] == ["项目", "预算数", "项目", "合计", "一般公共预算", "政府性基金预算"]
    assert grid[4][5] == "-"


def test_seven_heading_lines_under_a_rule_are_all_header():
    """Unseen layouts U001-00017 p.9: seven heading lines, each apart from the next (the narrow
    columns' headings wrapped a line lower than the others). The aligned reader takes at most six
    lines over a body as its header; under a rule across the table, the rule says where the header
    begins, and the first line, 收入 | 支出, was lost with the six-line cut."""
    head = [chars("收入", 136, 116), chars("支出", 448, 116),
            chars("预算数", 513.5, 128),
            chars("政府", 563, 139),
            chars("一般公", 531.5, 150), chars("性基", 563, 150),
            chars("项目", 136, 161), chars("预算数", 274, 161), chars("项目", 391, 161), chars("合计", 491, 161),
            chars("共预算", 531.5, 172), chars("金预", 563, 172),
            chars("算", 567.5, 183)]
    for ruled in (True, False):
        # (without rules, U001-00032 p.4: six lines were the most a header could take)
        grid = _allocation_summary(figures_left=False, head=head, ruled=ruled)
        assert grid[0] == ["收入", "收入", "支出", "支出", "支出", "支出"]
        assert grid[1][3:] == ["预算数"] * 3
        assert grid[-4][0] == "一、本年收入"


def test_a_column_wise_part_with_fewer_heading_rows_joins_its_table():
    """Unseen layouts U001-00064 pp.2-3 (wide_split): a 收入总表's first part heads 财政拨款收入 over
    一般公共预算 | 政府性基金预算 (two heading rows); its 续表 on the next page repeats 科目编码 |
    科目名称 over 事业收入 | 其他收入 in one heading row. The part was left a table of its own, typed
    `other`. A part whose headings take fewer rows joins as if its first heading row reached
    down the others."""
    from disclosure.model import Box, Grid, RawDocument, RawPage, TextLine
    from disclosure.structure.build import build

    def grid(cells, n_rows, n_cols, page):
        return Grid(n_rows, n_cols, [Cell(t, r, k, rs, cs, box=Box(page, 50 + 90 * k, 60 + 12 * r, 50 + 90 * (k + cs), 60 + 12 * (r + rs)))
                                     for t, r, k, rs, cs in cells], Box(page, 50, 60, 50 + 90 * n_cols, 60 + 12 * n_rows))

    left = [("科目编码", 0, 0, 2, 1), ("科目名称", 0, 1, 2, 1), ("合计", 0, 2, 2, 1), ("财政拨款收入", 0, 3, 1, 2),
            ("一般公共预算", 1, 3, 1, 1), ("政府性基金预算", 1, 4, 1, 1),
            ("205", 2, 0, 1, 1), ("教育支出", 2, 1, 1, 1), ("1165.08", 2, 2, 1, 1), ("1130.00", 2, 3, 1, 1), ("-", 2, 4, 1, 1),
            ("20503", 3, 0, 1, 1), ("职业教育", 3, 1, 1, 1), ("1165.08", 3, 2, 1, 1), ("1130.00", 3, 3, 1, 1), ("-", 3, 4, 1, 1)]
    right = [("科目编码", 0, 0, 1, 1), ("科目名称", 0, 1, 1, 1), ("事业收入", 0, 2, 1, 1), ("其他收入", 0, 3, 1, 1),
             ("205", 1, 0, 1, 1), ("教育支出", 1, 1, 1, 1), ("25.08", 1, 2, 1, 1), ("10.00", 1, 3, 1, 1),
             ("20503", 2, 0, 1, 1), ("职业教育", 2, 1, 1, 1), ("25.08", 2, 2, 1, 1), ("10.00", 2, 3, 1, 1)]
    pages = [RawPage(1, 595, 842, [TextLine("2018年部门收入总表", Box(1, 50, 30, 300, 42), 14.0), grid(left, 4, 5, 1)]),
             RawPage(2, 595, 842, [TextLine("续表", Box(2, 50, 30, 80, 42), 12.0), grid(right, 3, 4, 2)])]
    (table,) = build(RawDocument("x.pdf", "0" * 64, "pdf", pages)).tables
    assert table.type == "income_summary" and table.pages == [1, 2]
    assert table.columns == ["科目编码", "科目名称", "合计", "财政拨款收入/一般公共预算", "财政拨款收入/政府性基金预算",
                             "事业收入", "其他收入"]
    assert [[v.amount.printed for v in r.values] for r in table.rows] == [["1165.08", "1130.00", "-", "25.08", "10.00"],
                                                                         ["1165.08", "1130.00", "-", "25.08", "10.00"]]


def test_a_column_wise_part_after_a_table_over_two_pages_joins_it_whole():
    """Unseen layouts U001-00082 pp.2-4 (wide_split): a 收入决算表's first part runs over pages 2 and 3;
    its further columns (事业收入 | 其他收入), the row labels printed again, follow on page 4 under
    续表, every row on one page. The parts match only taken whole; the 续表 was a table of its own,
    typed `other`. Joined after every page is read, each row keeps its page and each figure its
    box's page."""
    from disclosure.model import Box, RawDocument, RawPage, TextLine
    from disclosure.structure.build import build

    def grid(rows, page):
        return page_grid(rows, page, 100)

    head = ["科目代码", "科目名称", "合计", "财政拨款收入"]
    labels = [("204", "公共安全支出"), ("20403", "国家安全"), ("2040304", "安全业务"), ("208", "社会保障和就业支出"),
              ("20805", "行政事业单位养老支出"), ("2080505", "机关事业单位基本养老保险缴费支出")]
    left = [[*lab, f"{100 + i}.00", f"{90 + i}.00"] for i, lab in enumerate(labels)]
    right = [[*lab, f"{10 + i}.00", "-"] for i, lab in enumerate(labels)]
    pages = [RawPage(1, 595, 842, [TextLine("2023年收入决算表", Box(1, 50, 30, 300, 42), 14.0), grid([head] + left[:4], 1)]),
             RawPage(2, 595, 842, [grid(left[4:], 2)]),
             RawPage(3, 595, 842, [TextLine("续表", Box(3, 50, 30, 80, 42), 12.0),
                                   grid([["科目代码", "科目名称", "事业收入", "其他收入"]] + right, 3)])]
    (table,) = build(RawDocument("x.pdf", "0" * 64, "pdf", pages)).tables
    assert table.type == "income_summary" and table.pages == [1, 2, 3]
    assert table.columns == ["科目代码", "科目名称", "合计", "财政拨款收入", "事业收入", "其他收入"]
    assert [r.page for r in table.rows] == [1, 1, 1, 1, 2, 2]
    assert [[v.amount.printed for v in r.values] for r in table.rows][4] == ["104.00", "94.00", "14.00", "-"]
    assert [v.box.page for v in table.rows[4].values] == [2, 2, 3, 3]
    assert "page 3" in table.note


def test_a_heading_a_character_a_line_beside_a_taller_heading_is_one_heading():
    """Unseen layouts U001-00021 p.3: 2 / 0 / 2 / 2 / 年 / 决 / 算 / 数 printed a character a line beside
    科目名称, which is centred down the same rows: the lines of text fell together into one tall
    line holding several of the stacked characters, the run was lost after its first three
    characters (no CJK among 2 / 0 / 2), and its digits made the header's lines body rows: the
    table had no heading at all, and 数 went into the first figure's cell. A stacked run goes on
    within one line as well as into the next."""
    size = 8.0

    head = [chars("科目编码", 62, 393.1, size), chars("科目名称", 194, 414.6, size),
            down("2022年决算数", 334, 379.6, size, x_digit=336), down("2023年决算数", 399, 379.6, size, x_digit=401),
            chars("类", 50, 436.1, size), chars("款", 74, 436.1, size), chars("项", 98, 436.1, size)]
    body = []
    for i, (code, kuan, name, a, b) in enumerate([("201", "", "一般公共服务支出", "34,909,985", "31,819,798"),
                                                   ("201", "29", "群众团体事务", "25,998,483", "21,923,963"),
                                                   ("201", "34", "统战事务", "8,911,502", "9,895,835")]):
        top = 465 + 16 * i
        body += [chars(code, 48, top, size, width=4), chars(name, 117, top, size),
                 chars(a, 357 - 4 * len(a), top, size, width=4), chars(b, 422 - 4 * len(b), top, size, width=4)]
        if kuan:
            body.append(chars(kuan, 74, top, size, width=4))
    grid = read(*head, *body)
    first = next(r for r in grid if r[0] == "201")
    assert first[-2:] == ["34,909,985", "31,819,798"]
    stacked = [r[-2] for r in grid[:grid.index(first)]]
    assert stacked and all(t.replace("\n", "") == "2022年决算数" for t in stacked)


def test_a_heading_over_a_last_column_blank_on_the_page_is_header():
    """Unseen layouts U001-00083 p.2 (no rules): 政府性基金预算 heads a last column with no figure on
    the page; its heading, reaching past the figures, was taken for text beside the table, which
    ended the header there: the table lost every heading and its sides were guessed. A line a few
    characters beyond the figures is still over the table."""
    size = 10.0
    head = [chars("科目编码", 69, 405.1, size), chars("财政拨款收入", 467, 405.1, size),
            chars("科目名称", 236, 420.6, size), chars("合计", 399, 420.6, size), chars("政府性基", 510, 424.3, size),
            chars("类", 56, 430.6, size), chars("款", 89, 430.6, size), chars("项", 117, 430.6, size),
            chars("一般公共预算", 444, 430.6, size), chars("金预算", 515, 436.8, size)]
    body = []
    for i, (code, name, a) in enumerate([("206", "科学技术支出", "678.3925"), ("20606", "社会科学", "678.3925"),
                                         ("2060601", "社会科学研究机构", "292.2733")]):
        top = 455.6 + 21 * i
        body += [chars(code, 45, top, size, width=5), chars(name, 139, top, size),
                 chars(a, 390, top, size, width=5), chars(a, 455, top, size, width=5)]
    grid = read(*head, *body)
    assert grid[0][-2:] == ["财政拨款收入", "财政拨款收入"]
    assert [t.replace("\n", "") for t in grid[1][-2:]] == ["一般公共预算", "政府性基金预算"]
    assert grid[2] == ["206", "", "", "科学技术支出", "678.3925", "678.3925", ""]


def test_columns_of_dashes_among_figures_set_left_are_set_left():
    """Unseen layouts U001-00069 p.2: figures printed at their cells' left edge, two columns of dashes
    (政府性基金预算, 事业收入), the names indented by level. The names, beginning further apart than
    they end, were taken for a column set right; with one column so, the columns of dashes were
    taken as set right too (as the figures are), their headings, right of the dashes, given to the
    next column: 事业收入 over the 政府性基金预算 dashes, its own column unnamed. Only a column
    mostly of figures tells how figures are set."""
    size = 10.0
    head = [chars("财政拨款收入", 497, 407.6, size),
            chars("科目代码", 45, 417.6, size), chars("科目名称", 189, 417.6, size), chars("合计", 370, 417.6, size),
            chars("事业收入", 646, 417.6, size), chars("其他收入", 734, 417.6, size),
            chars("一般公共预算", 449, 427.6, size), chars("政府性基金预算", 540, 427.6, size)]
    rows = [(57, "204", 92, "公共安全支出", "46362443.11", "46131747.08", "230696.03"),
            (52, "20403", 102, "国家安全", "17422443.05", "17191747.02", "230696.03"),
            (46, "2040301", 112, "行政运行", "9457495.83", "9457495.83", "-"),
            (46, "2040304", 112, "安全业务", "7964947.22", "7734251.19", "230696.03")]
    body = []
    for i, (xc, code, xn, name, a, b, c) in enumerate(rows):
        top = 447.8 + 21 * i
        body += [chars(code, xc, top, size, width=5.5), chars(name, xn, top, size),
                 chars(a, 332, top, size, width=5.2), chars(b, 434, top, size, width=5.2),
                 chars("-", 530, top, size, width=3.3), chars("-", 626, top, size, width=3.3),
                 chars(c, 712, top, size, width=5.2)]
    grid = read(*head, *body)
    assert grid[1] == ["科目代码", "科目名称", "合计", "一般公共预算", "政府性基金预算", "事业收入", "其他收入"]
    assert grid[2] == ["204", "公共安全支出", "46362443.11", "46131747.08", "-", "-", "230696.03"]


def test_a_column_under_no_heading_in_a_repeated_header_stands_under_the_one_before():
    """Unseen layouts U001-00051 p.9: a 基本支出表 goes on to the next page with only its 合计 row,
    under its header printed again; 合 计, letter-spaced between the blank 科目编码 and 科目名称
    columns, made a column of its own under no heading. The part could not be placed under the
    table's columns and became a table of its own holding the total. A column under no heading
    stands under the column before it."""
    from disclosure.structure.tables import header_map

    onto = ["科目编码", "科目名称", "合计", "人员经费", "公用经费"]
    assert header_map(["科目编码", "", "科目名称", "合计", "人员经费", "公用经费"], onto) == [[0], [0], [1], [2], [3], [4]]
    assert header_map(["", "科目名称", "合计"], onto) is None
    # and the 合 计 under no heading, placed under 科目编码, is not lost to that column's blank cell
    from disclosure.model import Grid
    from disclosure.structure import lattice

    row = ["", "合 计", "", "3756.0068", "1984.3847", "1771.6221"]
    # (the aligned reader adds the blank cells of a row after its printed ones)
    part = Grid(1, 6, [Cell(t, 0, k) for k, t in enumerate(row) if t] + [Cell(t, 0, k) for k, t in enumerate(row) if not t])
    whole = lattice.remap(part, [[0], [0], [1], [2], [3], [4]], 5)
    assert [c.text if c else "" for c in whole.matrix()[0]] == ["合 计", "", "3756.0068", "1984.3847", "1771.6221"]


def test_rows_whose_cells_are_all_blank_one_after_another_are_rows():
    """Unseen layouts U001-00025 p.4 (blank for zero, a 续表 of 事业收入 | 其他收入): after 合计, twelve
    rows in a row print only their labels, then a row with figures, and the last row prints only
    its label. Read as one row's label wrapped over twelve lines (and the region cut after three),
    the part's rows no longer matched the table's and it was left a table of its own. Labels
    alone, each a row's pitch under the last, are rows of blank cells, the last rows too."""
    size = 8.0
    head = [chars("功能分类科目", 120, 88, size), chars("事业收入", 360, 88, size), chars("其他收入", 640, 88, size)]
    labels = [("合计", "117.7453", "7.6981"), ("科学技术支出", "", ""), ("其他科学技术支出", "", ""),
              ("社会保障和就业支出", "", ""), ("人力资源和社会保障管理事务", "", ""), ("卫生健康支出", "", ""),
              ("行政运行", "", ""), ("自然资源海洋气象等支出", "75.6855", "7.6981"), ("气象事务", "75.6855", "7.6981"),
              ("行政运行", "48.2708", ""), ("住房公积金", "13.6069", ""), ("购房补贴", "", "")]
    body = []
    for i, (name, a, b) in enumerate(labels):
        top = 110 + 17 * i
        body.append(chars(name, 45, top, size))
        for text, right in ((a, 520), (b, 800)):
            if text:
                body.append(chars(text, right - 4 * len(text), top, size, width=4))
    grid = read(*head, *body)
    rows = [r for r in grid if r[0] and r[0] != "功能分类科目"]
    assert [r[0] for r in rows] == [name for name, _, _ in labels]
    assert rows[1] == ["科学技术支出", "", ""] and rows[-1] == ["购房补贴", "", ""]
    assert rows[7] == ["自然资源海洋气象等支出", "75.6855", "7.6981"]


def test_coded_rows_whose_cells_are_all_blank_are_rows():
    """Unseen layouts U001-00011 p.4 (blank for zero, a 续表 of 事业收入 | 其他收入): rows printing only
    their code and name, between rows with figures and at the end. A code counted as a figure, so
    no such line could be a row of blank cells: each was joined to a neighbour's label (201 /
    20103 in one row), and the last ten rows were left out of the table. A line opening with a
    code, where the row above opens with one, opens a row; under a row without a code its code
    says nothing of whether its label wrapped."""
    size = 9.0
    head = [chars("科目编码", 45, 90, size), chars("科目名称", 180, 90, size), chars("事业收入", 360, 90, size),
            chars("其他收入", 480, 90, size)]
    rows = [("", "合计", "443770.53", "286710.21"), ("199", "其他支出", "", ""),
            ("201", "一般公共服务支出", "244893.34", "286710.21"),
            ("20103", "政府办公厅（室）及相关机构事务", "", ""), ("2010302", "一般行政管理事务", "", ""),
            ("2010399", "其他政府办公厅（室）及相关机构事务支出", "", ""), ("20132", "组织事务", "244893.34", "286710.21"),
            ("2013202", "一般行政管理事务", "244893.34", ""), ("208", "社会保障和就业支出", "", ""),
            ("20801", "人力资源和社会保障管理事务", "", ""), ("2080101", "行政运行", "", "")]
    def body(rows, code_at, name_x):
        """The rows' lines: code (placed at `code_at[i]`, or none), name at `name_x`, figures."""
        out = []
        for i, (code, name, a, b) in enumerate(rows):
            top = 112 + 18.9 * i
            if code:
                out.append(chars(code, code_at[i], top, size, width=5))
            out.append(chars(name, name_x, top, size))
            out += [chars(text, x, top, size, width=5) for text, x in ((a, 360), (b, 480)) if text]
        return out

    at = [45] * len(rows)
    got = [r for r in read(*head, *body(rows, at, 87)) if r[1] != "科目名称"]
    assert [r[0] for r in got] == [code for code, *_ in rows]
    # (codes printed with dashes between their parts: 210-01, U001-00004 p.5)
    dashed = [(re.sub(r"^(\d{3})(\d{2})?(\d{2})?$", lambda m: "-".join(g for g in m.groups() if g), c), *rest)
              for c, *rest in rows]
    assert [r[0] for r in read(*head, *body(dashed, at, 95)) if r[1] != "科目名称"] == [c for c, *_ in dashed]
    # (and in columns of their own, the rows under a 类 printing only the 款 or 项 part: U001-00055 p.5)
    sparse_head = [chars("类", 48, 90, size), chars("款", 73, 90, size), chars("项", 98, 90, size),
                   chars("科目名称", 180, 90, size), chars("事业收入", 360, 90, size), chars("其他收入", 480, 90, size)]
    parts = [(c if len(c) <= 3 else c[-2:], *rest) for c, *rest in rows]
    part_at = [{3: 45, 5: 73, 7: 98}.get(len(c), 45) for c, *_ in rows]
    sparse = [r for r in read(*sparse_head, *body(parts, part_at, 120)) if r[3] != "科目名称"]
    assert [r[3] for r in sparse] == [name for _, name, *_ in rows]
    assert got[3] == ["20103", "政府办公厅（室）及相关机构事务", "", ""]
    assert got[-1] == ["2080101", "行政运行", "", ""]
    # (under a 合计 printed without a code: U001-00004 p.5 could not be read at all)
    assert got[1] == ["199", "其他支出", "", ""]


def test_a_group_heading_beside_headings_a_character_a_line_spans_its_columns():
    """Unseen layouts U001-00002 p.12: a 三公 table, 因公出国（境）费 and 公务接待费 printed a character a
    line beside 公务用车购置及运行费 over 小计 | 公务用车购置费 | 公务用车运行费, figures at their cells'
    left edge. Each character of the stacked headings, with the next under it, was taken for a
    group heading of its own competing for the columns, so 公务用车购置及运行费 stood over one
    column and 小计 and 公务用车运行费 lost it. A heading printed a character a line is one heading
    before any is widened."""
    size = 9.0

    head = [down("因公出国（境）费", 375, 100, size), chars("公务用车购置及运行费", 535, 115, size),
            down("合计", 322, 135, size), chars("项目", 150, 140, size),
            chars("小计", 487, 167, size), chars("公务用车购置", 547, 160, size), chars("费", 574, 170, size),
            chars("公务用车运行费", 630, 167, size), down("公务接待费", 735, 117, size)]
    body = []
    for i, (label, total, small, run, meet) in enumerate([("2018年决算数", "323.4725", "237.0504", "237.0504", "86.4221"),
                                                          ("2019年决算数", "269.7304", "197.6666", "197.6666", "72.0638")]):
        top = 190 + 22 * i
        body += [chars(label, 45, top, size), chars(total, 285, top, size, width=5), chars("-", 379, top, size, width=3),
                 chars(small, 452, top, size, width=5), chars("-", 547, top, size, width=3),
                 chars(run, 620, top, size, width=5), chars(meet, 714, top, size, width=5)]
    grid = read(*head, *body)
    assert grid[0][3:6] == ["公务用车购置及运行费"] * 3
    assert [t.replace("\n", "") for t in grid[-3][3:6]] == ["小计", "公务用车购置费", "公务用车运行费"]
    assert grid[-2][3:6] == ["237.0504", "-", "237.0504"]


def test_a_heading_wrapped_over_figures_after_a_wide_blank_is_one_heading():
    """Unseen layouts U001-00083 p.6: 2021年预 / 算数 wrapped over the first column of figures, after
    the names and a wide blank; its cell, found in that blank, seemed twice as wide as the heading,
    so the heading could not have wrapped, and 2021年预 was read as a group heading over 算数 (the
    same heading over the next column, in a narrower cell, was one). A column's cell is taken no
    wider than its text and its heading, and a character each side."""
    size = 10.0
    head = [chars("科目编码", 69, 461.1, size), chars("2021年预", 380, 464.8, size), chars("2022年预", 428, 464.8, size),
            chars("增减", 527, 464.8, size), chars("科目名称", 236, 471.1, size), chars("增减额", 481, 471.1, size),
            chars("类", 56, 481.1, size), chars("款", 89, 481.1, size), chars("项", 117, 481.1, size),
            chars("算数", 389, 477.3, size), chars("算数", 437, 477.3, size), chars("率(%)", 524, 477.3, size)]
    rows = [(45, "206", 139, "科学技术支出", "780.6405", "678.3925", "(102.2480)", "-13.10"),
            (83, "06", 149, "社会科学", "780.6405", "678.3925", "(102.2480)", "-13.10"),
            (111, "01", 159, "社会科学研究机构", "314.2744", "292.2733", "(22.0011)", "-7.00"),
            (111, "99", 159, "其他社会科学支出", "466.3661", "386.1192", "(80.2469)", "-17.21")]
    body = []
    for i, (xc, code, xn, name, a, b, c, d) in enumerate(rows):
        top = 500.6 + 21.4 * i
        body += [chars(code, xc, top, size), chars(name, xn, top, size), chars(a, 380, top, size, width=4.5),
                 chars(b, 428, top, size, width=4.5), chars(c, 472, top, size, width=4.5), chars(d, 523, top, size, width=4.5)]
    grid = read(*head, *body)
    first = next(i for i, r in enumerate(grid) if r[0] == "206")
    assert first and all(r[4].replace("\n", "") == "2021年预算数" for r in grid[:first])
    assert grid[first][3:] == ["科学技术支出", "780.6405", "678.3925", "(102.2480)", "-13.10"]


def test_a_short_table_with_a_blank_row_gets_its_row_pitch_from_one_pair():
    """Unseen layouts U001-00025 p.8: a 三公 table's first four rows end the page: 合计 319.2641,
    1.因公出国（境）费 blank, 2.公务用车购置及运行费 94.9086, 其中：公务用车购置费 22.0946. With one pair
    of adjacent rows to measure the row pitch by, there was no pitch, and the blank row was joined
    to 合计 as its wrapped label (合计1.因公出国（境）费). One pair says the pitch when it is wider
    than a label's lines are spaced."""
    size = 8.0
    head = [chars("项目", 150, 100, size), chars("决算数", 620, 100, size)]
    rows = [("合计", "319.2641"), ("1.因公出国（境）费", ""), ("2.公务用车购置及运行费", "94.9086"),
            ("其中：公务用车购置费", "22.0946")]
    body = []
    for i, (name, a) in enumerate(rows):
        top = 116 + 17.5 * i
        body.append(chars(name, 45, top, size))
        if a:
            body.append(chars(a, 800 - 4 * len(a), top, size, width=4))
    grid = read(*head, *body)
    assert grid[1:] == [["合计", "319.2641"], ["1.因公出国（境）费", ""], ["2.公务用车购置及运行费", "94.9086"],
                        ["其中：公务用车购置费", "22.0946"]]


def test_figures_set_left_of_a_total_row_beside_blank_cells_stay_in_their_column():
    """Unseen layouts U001-00036 p.9 (ruled grid, figures at their cells' left edge): the 合计 row
    prints 合 计 under 类, nothing under 款 and 科目名称, and 520.1277 two points right of the rule
    before 决算数. The figure was taken as pushed over that rule and moved under 科目名称: the
    names' column prints no figure, so the page's other columns said how figures end, and the
    款 parts (01, 03, …, ending near their narrow column's rule) said "against the rule". Codes and
    their parts say nothing of how amounts are set."""
    size = 11.0
    xs = [42.0, 80.0, 108.0, 348.0, 800.0]
    occupancy = {(r, c): 4 * r + c for r in range(4) for c in range(4)}
    placed = []
    rows = [("合 计", "", "", "520.1277"), ("302", "01", "办公费", "40.9811"), ("302", "03", "咨询费", "112.8134"),
            ("302", "09", "物业管理费", "101.9386")]
    for r, (a, b, name, fig) in enumerate(rows):
        for text, x, c in [(a, 52 if r == 0 else 55, 0), (b, 88, 1), (name, 111, 2), (fig, 351, 3)]:
            if text:
                for ch in chars(text.replace(" ", ""), x, 130 + 20 * r, size=size, width=6.0 if text[0].isdigit() else None):
                    placed.append((len(placed), ch, r, c))
    out = layout._pushed_over(placed, xs, occupancy)
    assert {c for _, ch, r, c in out if r == 0 and ch["text"].isdigit()} == {3}


def test_a_repeated_header_then_a_row_of_blank_cells_is_the_header_then_a_row():
    """Unseen layouts U001-00043 p.5 (Writer, header rows repeated): a 财政拨款收支总表 goes on to the
    next page with its header printed again, then 二、结转下年 with every cell blank, then 收入总计.
    The blank row, with no figure, was split off as one more header row; the header then matched
    the table's no longer, and all of it (收入 | 支出, 项目 | 决算数 …) was read as body rows. The
    table's header rows, then rows the split took for header, are the header and body rows."""
    from disclosure.model import Box, RawDocument, RawPage, TextLine
    from disclosure.structure.build import build

    def grid(rows, page):
        return page_grid(rows, page, 90)

    head = [["收入", "", "支出", "", ""], ["项目", "决算数", "项目", "合计", "一般公共预算"]]
    first = head + [["一、本年收入", "3558.27", "一、本年支出", "3558.27", "3558.27"],
                    ["（一）一般公共预算拨款", "3558.27", "（一）卫生健康支出", "3558.27", "3558.27"]]
    second = head + [["", "", "二、结转下年", "", ""], ["收入总计", "3558.27", "支出总计", "3558.27", "3558.27"]]
    pages = [RawPage(1, 595, 842, [TextLine("2021年财政拨款收支决算总表", Box(1, 50, 30, 300, 42), 14.0), grid(first, 1)]),
             RawPage(2, 595, 842, [grid(second, 2)])]
    (table,) = build(RawDocument("x.pdf", "0" * 64, "pdf", pages)).tables
    names = [r.name for r in table.rows]
    assert "项目" not in names and "收入" not in names
    assert "二、结转下年" in names and "收入总计" in names and "支出总计" in names


def test_a_column_of_figures_no_heading_stands_over_is_headed_by_the_nearest_middle():
    """Unseen layouts U001-00092 p.3 (figures at their cells' left edge, blank for zero): 事业收入 prints
    one figure, 95.4080, left in its cell; its heading (a character a line) stands right of it, as
    far by its edge as 政府性基金预算 (a column blank on the page) stands left of it. The heading
    was given a blank column of its own and the figure a column with no heading. Where no heading
    stands over a column of figures, the one whose middle is nearest the column's heads it."""
    size = 10.0

    head = [chars("财政拨款收入", 492, 117.3, size), down("事业收入", 656, 112.5, size, step=12.5), down("其他收入", 748, 112.5, size, step=12.5),
            down("合计", 373, 125.0, size, step=12.5), chars("科目代码", 45, 131.3, size), chars("科目名称", 187, 131.3, size),
            chars("一般公共预算", 450, 145.3, size), chars("政府性基金预算", 538, 145.3, size)]
    rows = [("", "合计", "5468.8377", "5320.0238", "95.4080", "53.4059"),
            ("208", "社会保障和就业支出", "2474.6469", "2474.6469", "", ""),
            ("20801", "人力资源和社会保障管理事务", "2474.6469", "2474.6469", "", ""),
            ("2080103", "机关服务", "1215.3116", "1215.3116", "", "")]
    body = []
    for i, (code, name, a, b, c, d) in enumerate(rows):
        top = 169.5 + 21 * i
        if code:
            body.append(chars(code, 45, top, size, width=5))
        body.append(chars(name, 90, top, size))
        for text, x in ((a, 330), (b, 432), (c, 617), (d, 710)):
            if text:
                body.append(chars(text, x, top, size, width=4.4))
    grid = read(*head, *body)
    heads = [[t.replace("\n", "") for t in r] for r in grid[:-len(rows)]]
    assert heads[-1][-4:] == ["一般公共预算", "政府性基金预算", "事业收入", "其他收入"]
    assert grid[-len(rows)][-4:] == ["5320.0238", "", "95.4080", "53.4059"]


def test_a_header_line_a_little_over_two_lines_above_the_body_is_its_header():
    """Unseen layouts U001-00097 p.4 (no rules, a 续表 of 事业收入 | 其他收入): the one heading line
    stands 16.2 points over the first row, a little more than two lines of its 8-point type (rows
    set with room), and was left out as not the table's: the part had no headings and could not
    join its table. A header line up to two and a half lines above the body is its header."""
    size = 8.0
    head = [chars("科目代码", 48, 93.7, size), chars("科目名称", 165, 93.7, size), chars("事业收入", 330, 93.7, size),
            chars("其他收入", 468, 93.7, size)]
    rows = [("206", 57, "科学技术支出", "81.8445", "-"), ("20607", 51, "科学技术普及", "-", "-"),
            ("2060705", 48, "科技馆站", "-", "-")]
    body = []
    for i, (code, x, name, a, b) in enumerate(rows):
        top = 117.9 + 16.8 * i
        body += [chars(code, x, top, size, width=4), chars(name, 88, top, size), chars(a, 280, top, size, width=4),
                 chars(b, 418, top, size, width=4)]
    grid = read(*head, *body)
    assert grid[0] == ["科目代码", "科目名称", "事业收入", "其他收入"]
    assert grid[1] == ["206", "科学技术支出", "81.8445", "-"]


def test_a_column_whose_figures_all_fill_it_says_nothing_of_how_figures_are_set():
    """Unseen layouts U001-00042 p.2 (dotted rules, figures at their cells' left edge): 政府性基金预算,
    a narrow column, prints 263.4463 three times, each filling its cell; in a row where it is blank,
    事业收入's 65.0646, two points right of the rule, was taken as pushed over it and moved under
    政府性基金预算, whose figures seemed set right. Figures that all begin and end alike say
    nothing of how a column is set; the page's other figures (set left) say it."""
    size = 9.0
    xs = [42.0, 320.0, 374.0, 423.0, 467.0, 540.0]
    occupancy = {(r, c): 5 * r + c for r in range(5) for c in range(5)}
    rows = [("人力资源和社会保障管理事务", "1969.0558", "", "65.0646"), ("行政运行", "855.4641", "", ""),
            ("农林水支出", "263.4463", "263.4463", ""), ("其他农林水支出", "263.4463", "263.4463", ""),
            ("化解其他公益性乡村债务支出", "84.1", "263.4463", "")]
    placed = []
    for r, (name, total, fund, other) in enumerate(rows):
        for text, x, c in [(name, 45, 0), (total, 322, 1), (fund, 425, 3), (other, 469, 4)]:
            if text:
                for ch in chars(text, x, 130 + 18 * r, size=size, width=None if c == 0 else 5.2):
                    placed.append((len(placed), ch, r, c))
    out = layout._pushed_over(placed, xs, occupancy)
    assert {c for _, ch, r, c in out if r == 0 and ch["text"] in "65.0646"} == {1, 4}


def test_a_row_of_dashes_ending_the_page_under_the_last_row_is_a_row():
    """Unseen layouts U001-00032 p.5: a 三公 table's first two rows end the page, 合计 4,815,990 and
    1.因公出国（境）费 with a dash: the dashed row, neither a row of figures nor a label alone, was left
    out of the table, and the rows on the next page, placed by position under the table's one row,
    became a table of their own. A row whose cells print only dashes, a line under the last, is a
    row of the table."""
    size = 9.0
    head = [chars("项目", 150, 160, size), chars("预算数", 390, 160, size)]
    body = [chars("合计", 45, 180, size), chars("4,815,990", 385, 180, size, width=4.5),
            chars("1.因公出国（境）费", 45, 198, size), chars("-", 405, 198, size, width=3)]
    grid = read(*head, *body)
    assert grid == [["项目", "预算数"], ["合计", "4,815,990"], ["1.因公出国（境）费", "-"]]


def test_one_row_of_figures_under_headings_whose_last_line_holds_one_is_a_table():
    """Unseen layouts U003-00035 p.9 (a 三公 table too wide for its page, no label column): its one row
    of figures, 238.5013 and 160.5148, stands under 合计 | 因公出国（境）费 | 公务用车购置及运行费 over
    小计, the last heading line holding 小计 alone. One line of figures is a table only under a line
    of headings, and the line just above held one: the table was not read, and its 续表 on the next
    page became a table of its own. The heading lines just above, each close over the next, count
    when one of them holds two or more."""
    size = 8.0
    head = [chars("公务用车购置及运行费", 560, 100, size), chars("合计", 170, 104, size),
            chars("因公出国（境）费", 380, 104, size), chars("小计", 600, 111, size)]
    body = [chars("238.5013", 45, 130, size, width=4), chars("160.5148", 520, 130, size, width=4)]
    cs = [c for run in head + body for c in run]
    grids, _, _ = aligned.grids(cs, 1, [(96.0, 42.0, 800.0), (122.0, 42.0, 800.0), (140.0, 42.0, 800.0)], None)
    assert len(grids) == 1
    rows = [[c.text if c else "" for c in r] for r in grids[0].matrix()]
    assert rows[-1][0] == "238.5013" and "160.5148" in rows[-1]


def test_a_heading_wrapped_over_four_lines_heads_its_blank_column():
    """U003-00026 p.3 (three-line rules): 政府性基金预算 wrapped in a narrow cell over four lines
    (政府 / 性基 / 金预 / 算) beside 一般公共预算 over two, its column blank on every row: all four
    lines are one heading (the lines already taken stand under each line above, not another
    heading), and it heads a column of its own, not a part of its neighbour's heading."""
    s = 10.0
    head = [chars("科目名称", 201.7, 123.3, s), chars("合计", 335.7, 123.3, s), chars("财政拨款收入", 386.3, 95.3, s),
            chars("政府", 434.6, 114.5, s), chars("一般公共预", 377.3, 127.0, s), chars("性基", 434.6, 127.0, s),
            chars("事业收入", 462.3, 123.3, s), chars("其他收入", 509.6, 123.3, s), chars("算", 397.3, 139.5, s),
            chars("金预", 434.6, 139.5, s), chars("算", 439.6, 152.0, s)]
    body = []
    for i, (name, figures) in enumerate([("合计", ["68587756.60", "67103704.36", "725510.36", "758541.88"]),
                                         ("文化旅游体育与传媒支出", ["23732174.67", "22605778.51", "641738.31", "484657.85"]),
                                         ("行政运行", ["8097898.20", "8097898.20", "", ""]),
                                         ("机关服务", ["9505372.75", "8629271.34", "641738.31", "234363.10"])]):
        top = 175 + 20 * i
        body.append(chars(name, 145, top, s))
        body += [chars(f, x - 4.4 * len(f), top, s, width=4.4) for f, x in zip(figures, [371, 427.6, 502.9, 550.3]) if f]
    rows = read(*head, *body)
    assert [c.replace("\n", "") for c in rows[-5]] == ["科目名称", "合计", "一般公共预算", "政府性基金预算", "事业收入", "其他收入"]
    assert rows[-4] == ["合计", "68587756.60", "67103704.36", "", "725510.36", "758541.88"]
    assert rows[-1] == ["机关服务", "9505372.75", "8629271.34", "", "641738.31", "234363.10"]


def test_a_heading_over_headings_of_columns_blank_on_the_page_is_header():
    """U003-00022 p.5 (borderless): the last rows of a 续表 at the top of a page hold 项 codes only,
    so the columns start right of 科目编码, printed over 类 | 款 | 项: it stands over headings
    already taken, not beside the table, and the page's header is the same two rows as the
    part's first page (so the rows go on with it)."""
    head = [chars("科目编码", 67.5, 48), chars("科目名称", 219, 57), chars("事业收入", 442.8, 57),
            chars("其他收入", 670.2, 57), chars("类", 55, 66), chars("款", 85.5, 66), chars("项", 111.5, 66)]
    body = []
    for i, (code, name, a, b) in enumerate([("01", "住房公积金", "-", "5.0238"), ("02", "提租补贴", "-", "-"),
                                            ("03", "购房补贴", "-", "-")]):
        top = 84 + 19 * i
        body += [chars(code, 106, top, width=4.16), chars(name, 150, top), chars(a, 348, top, width=3.4),
                 chars(b, 579.6, top, width=4.16 if b != "-" else 3.4)]
    rows = read(*head, *body)
    assert rows[0] == ["科目编码", "科目编码", "科目编码", "科目名称", "事业收入", "其他收入"]
    assert rows[1] == ["类", "款", "项", "科目名称", "事业收入", "其他收入"]
    assert rows[2] == ["", "", "01", "住房公积金", "-", "5.0238"]


def test_a_column_of_one_width_in_a_table_set_left_is_set_left():
    """U004-00031 p.2 (amounts set left, headings centred): 政府性基金预算 prints 0.0000 on every row,
    so its edges cannot show how it is set, and its heading, centred right of its figures, stands
    astray of nothing: it heads them rather than a column of its own (the group heading
    财政拨款收入, standing over neither sub-heading, is no rival of it)."""
    head = [chars("财政拨款收入", 594.3, 371.8), chars("合", 345.9, 375.2), chars("功能分类科目", 123, 380.8),
            chars("计", 345.9, 386.4), chars("一般公共预算", 508.2, 389.8), chars("政府性基金预算", 682.2, 389.8)]
    body = []
    for i, (name, *figures) in enumerate([("社会保障和就业支出", "837.8211", "812.6600", "0.0000"),
                                          ("机关服务", "176.8863", "176.8863", "0.0000"),
                                          ("事业运行", "28.3037", "28.3037", "0.0000"),
                                          ("农林水支出", "1481.4593", "1475.9501", "0.0000")]):
        top = 407 + 19.5 * i
        body.append(chars(name, 45, top))
        body += [chars(f, x, top, width=4.16) for f, x in zip(figures, [261, 445.8, 630.6])]
    rows = read(*head, *body)
    assert rows[-5] == ["功能分类科目", "合\n计", "一般公共预算", "政府性基金预算"]
    assert rows[-4] == ["社会保障和就业支出", "837.8211", "812.6600", "0.0000"]


def test_titles_printed_on_one_line_over_two_tables_side_by_side_go_each_with_its_table():
    """U005-00015 p.8: 附表7：“三公”经费支出预算表 and 附表8：机关运行经费支出预算表 on one printed line
    over two ruled tables side by side, their 单位 lines likewise: each table comes after the lines
    over it, cut where the tables part, so that each is titled by its own (机关运行经费 typed
    three_public_expenses before)."""
    from disclosure.model import Box
    from disclosure.structure.build import build
    from disclosure.model import RawDocument, RawPage
    row_title = chars("附表7：“三公”经费支出预算表", 140, 71, 12) + chars("附表8：机关运行经费支出预算表", 529, 71, 12)
    row_unit = chars("单位：元", 375, 93) + chars("单位：元", 764, 93)
    running = chars("绥化市北林区统计局2018年部门预算公开", 42, 30, 8)
    pairs = layout.lines_with_chars(running + row_title + row_unit, 8)

    def table(x0: float, rows: list[list[str]]) -> Grid:
        cells = [Cell(t, r, k, box=Box(8, x0 + 190 * k, 104 + 20 * r, x0 + 190 * (k + 1), 124 + 20 * r))
                 for r, row in enumerate(rows) for k, t in enumerate(row)]
        return Grid(len(rows), len(rows[0]), cells, Box(8, x0, 104, x0 + 190 * len(rows[0]), 104 + 20 * len(rows)))
    left = table(42, [["项目", "预算数"], ["合计", "6,650,158.36"], ["1.因公出国（境）费", "272,603.94"],
                      ["2.公务用车购置及运行费", "1,970,106.51"], ["3.公务接待费", "4,407,447.91"]])
    right = table(431, [["科目名称", "预算数"], ["办公费", "1,898,851.08"], ["印刷费", "2,878,470.79"],
                        ["合计", "4,777,321.87"]])
    blocks, pairs = layout.beside_in_order(pairs, [left, right], 8)
    texts = [b.text if not isinstance(b, Grid) else b.cells[0].text for b in blocks]
    assert texts == ["绥化市北林区统计局2018年部门预算公开", "附表7：“三公”经费支出预算表", "单位：元", "项目",
                     "附表8：机关运行经费支出预算表", "单位：元", "科目名称"]
    page = RawPage(8, 842, 595)
    page.blocks = blocks
    doc = build(RawDocument("x.pdf", "0" * 64, "pdf", [page]))
    assert [(t.number, t.type) for t in doc.tables] == [("附表7", "three_public_expenses"), ("附表8", "operating_expenses")]


def test_the_last_line_of_a_heading_wrapped_past_the_figures_is_header():
    """U004-00008 p.5 (borderless, no rules): 政府性基金预算 over a last column blank on the page,
    centred in a wide cell, wraps to 政府性基金预 / 算, and 算 stands past the figures by more than
    four characters: it is the heading's last line, just under a line over the table, not a line
    beside the table (before, the header was cut there and the table read without headings)."""
    head = [chars("收入", 185.6, 92.7), chars("支出", 564.6, 92.7), chars("预算数", 668.1, 110.7),
            chars("项目", 141, 125), chars("预算数", 289.1, 125), chars("项目", 446.3, 125),
            chars("政府性基金预", 743.8, 128.4), chars("合计", 598.9, 134), chars("一般公共预算", 670.1, 134),
            chars("算", 766.3, 139.6)]
    body = []
    for i, (a, fa, b, fb) in enumerate([("一、本年收入", "100,464,533", "一、本年支出", "100,464,533"),
                                        ("（一）一般公共预算拨款", "100,464,533", "（一）社会保障和就业支出", "28,934,252"),
                                        ("（二）政府性基金预算拨款", "", "（二）卫生健康支出", "2,186,720"),
                                        ("二、上年结转", "", "（三）城乡社区支出", "24,187,540")]):
        top = 157.5 + 18.9 * i
        body += [chars(a, 45, top), chars(b, 350.3, top)]
        if fa:
            body.append(chars(fa, 327.1 - 4.95 * len(fa), top, width=4.95))
        body += [chars(fb, 632.4 - 4.95 * len(fb), top, width=4.95), chars(fb, 721.6 - 4.95 * len(fb), top, width=4.95)]
    rows = read(*head, *body)
    assert rows[0] == ["收入", "收入", "支出", "支出", "支出", "支出"]
    assert rows[2] == ["项目", "预算数", "项目", "合计", "一般公共预算", "政府性基金预\n算"]
    assert rows[3] == ["一、本年收入", "100,464,533", "一、本年支出", "100,464,533", "100,464,533", ""]


def test_a_numbered_line_of_blanks_under_a_row_numbered_in_brackets_is_a_row():
    """U003-00026 p.5 (three-line rules): 二、结转下年, with blank cells, under （五）灾害防治及应急管理支出
    12257588.22 and over 支出总计: its number goes on from 一、本年支出 above, and the row it would join
    is numbered itself (（五）, in brackets), so it is a row of its own, not the first line of the
    label of the row with figures (read before as （五）灾害防治及应急管理支出二、结转下年)."""
    s = 10.0
    head = [chars("收入", 138.7, 95.3, s), chars("支出", 394.3, 95.3, s), chars("项目", 110.4, 120, s),
            chars("预算数", 212.1, 120, s), chars("项目", 323.7, 120, s), chars("预算数", 430, 120, s)]
    lines = [("一、本年收入", "67103704.36", "一、本年支出", "67103704.36"),
             ("（一）一般公共预算拨款", "67103704.36", "（一）文化旅游体育与传媒支出", "54848115.58"),
             ("二、上年结转", "", "（二）卫生健康支出", "12255588.78"),
             ("", "", "（五）灾害防治及应急管理支出", "12257588.22"),
             ("", "", "二、结转下年", ""),
             ("收入总计", "67103704.36", "支出总计", "67103704.36")]
    body = []
    for i, (a, fa, b, fb) in enumerate(lines):
        top = 191.5 + 21 * i
        body += [chars(t, x, top, s) for t, x in ((a, 45), (b, 258.3)) if t]
        body += [chars(f, x - 4.62 * len(f), top, s, width=4.62) for f, x in ((fa, 252.3), (fb, 465.7)) if f]
    rows = read(*head, *body)
    assert rows[-3] == ["", "", "（五）灾害防治及应急管理支出", "12257588.22"]
    assert rows[-2] == ["", "", "二、结转下年", ""]
    assert rows[-1] == ["收入总计", "67103704.36", "支出总计", "67103704.36"]


def test_a_heading_beside_the_one_figure_of_its_column_heads_it():
    """U005-00011 p.9 (a 三公 table's further columns, 续表, figures set left in wide cells, headings
    centred): one row of figures, so no column's edges show how it is set; 公务用车运行费, centred
    right of its figure 2,251,811, heads it, not a blank column of its own beside it (which left
    2,251,811 under the group heading alone)."""
    s = 8.0
    head = [down("公务接待费", 652.2, 86, s), chars("公务用车购置及运行费", 237.2, 92, s),
            chars("公务用车购置费", 105.5, 120, s), chars("公务用车运行费", 340.8, 120, s)]
    body = [chars("-", 45, 142.2, s, width=3), chars("2,251,811", 228.1, 142.2, s, width=3.7),
            chars("2,544,654", 515.5, 142.2, s, width=3.7)]
    rows = read(*head, *body)
    assert [r[:2] for r in rows] == [["公务用车购置及运行费", "公务用车购置及运行费"], ["公务用车购置费", "公务用车运行费"],
                                     ["-", "2,251,811"]]
    assert rows[-1] == ["-", "2,251,811", "2,544,654"]


def test_two_borderless_tables_side_by_side_under_their_titles_are_two_tables():
    """U005-00017 p.10 (three-line rules): a 三公 table and a 机关运行经费 table side by side, their
    rows level, read as one grid 项目 | 决算数 | 项目 | 决算数; the line over it prints two titles
    (each ending in 表), so the grid is cut where it parts cleanly between them, and each table is
    titled and typed by its own (the second was part of the 三公 table before). A two-sided summary
    under 收入 | 支出 is not cut."""
    from disclosure.model import RawDocument, RawPage
    from disclosure.structure.build import build
    left = [("合计", "263.9319"), ("1.因公出国（境）费", "0.0000"), ("2.公务用车购置及运行费", "184.4338"),
            ("3.公务接待费", "79.4981")]
    right = [("办公费", "156.2046"), ("水费", "292.2996"), ("差旅费", "300.5432"), ("合计", "748.0474")]

    def page(over: tuple[str, str]) -> list[dict]:
        cs = chars(over[0], 79.2, 70.5, 12) + chars(over[1], 528.1, 70.5, 12)
        cs += chars("（单位：万元）", 195, 93.2) + chars("（单位：万元）", 583.9, 93.2)
        cs += chars("项目", 141, 120.4) + chars("决算数", 320, 120.4) + chars("项目", 529.9, 120.4) + chars("决算数", 709, 120.4)
        for i, ((a, fa), (b, fb)) in enumerate(zip(left, right)):
            top = 149.5 + 18.9 * i
            cs += chars(a, 45, top) + chars(fa, 353 - 4.95 * len(fa), top, width=4.95)
            cs += chars(b, 433.9, top) + chars(fb, 741.9 - 4.95 * len(fb), top, width=4.95)
        return cs

    def blocks(cs: list[dict]) -> list:
        grids, rest, _ = aligned.grids(cs, 10, [])
        pairs = layout.lines_with_chars(rest, 10)
        grids = layout.split_under_titles(pairs, grids)
        return layout.beside_in_order(pairs, grids, 10)[0]

    got = blocks(page(("附表6：一般公共预算财政拨款“三公”经费支出决算表", "附表7：机关运行经费支出决算表")))
    assert [type(b).__name__ for b in got] == ["TextLine", "TextLine", "Grid", "TextLine", "TextLine", "Grid"]
    assert [[c.text if c else "" for c in row] for row in got[5].matrix()][:2] == [["项目", "决算数"], ["办公费", "156.2046"]]
    raw = RawPage(10, 842, 595)
    raw.blocks = got
    doc = build(RawDocument("x.pdf", "0" * 64, "pdf", [raw]))
    assert [(t.number, t.type) for t in doc.tables] == [("附表6", "three_public_expenses"), ("附表7", "operating_expenses")]
    assert [r.values[0].amount.printed for r in doc.tables[1].rows] == ["156.2046", "292.2996", "300.5432", "748.0474"]
    # under 收入 | 支出 the grid is one two-sided table
    assert [type(b).__name__ for b in blocks(page(("收入", "支出")))] == ["TextLine", "TextLine", "Grid"]


def _ruled(rules: list[tuple[float, float, float]], *runs: list[dict]) -> list[list[str]]:
    """The one grid read from `runs` under horizontal `rules` (y, x0, x1), as printed texts."""
    grids, _, _ = aligned.grids([c for run in runs for c in run], 1, rules)
    assert len(grids) == 1, f"{len(grids)} grids"
    return [[c.text if c else "" for c in row] for row in grids[0].matrix()]


def test_one_line_of_figures_is_read_in_cells_centred_on_its_headings():
    """A 三公 table of one line of figures in wide cells, headings centred (three-line rules from
    x=42 to 800): from the rules' left edge each cell ends as far past its heading's middle as it
    starts before it, and the last ends on the rules' right edge. 6,848,076, set right, lies in
    合计's cell though centred nearer 因公出国（境）费 (U005-00028 p.11: read under no heading, 合计 a
    blank column); 160.5148, set left, in 公务用车运行费's (U003-00035 p.10, the group heading over
    both sub-headings, narrower than the room between them, heads no cell)."""
    s = 8.0
    rows = _ruled([(108, 42, 800), (140, 42, 800), (156, 42, 800)],
                  chars("公务用车购置及运行费", 422.4, 112.5, s), chars("合计", 108, 120.5, s),
                  chars("因公出国（境）费", 199.5, 120.5, s), chars("公务接待费", 705.9, 120.5, s),
                  chars("小计", 338.9, 128.5, s), chars("公务用车购置费", 434.4, 128.5, s),
                  chars("公务用车运行费", 549.9, 128.5, s),
                  *[chars(f, x, 144.7, s, width=4.35) for f, x in (("6,848,076", 152.2), ("3,460,589", 383.1),
                                                                     ("3,460,589", 614.0), ("3,387,487", 762.0))])
    assert rows[-2] == ["合计", "因公出国（境）费", "小计", "公务用车购置费", "公务用车运行费", "公务接待费"]
    assert rows[-1] == ["6,848,076", "", "3,460,589", "", "3,460,589", "3,387,487"]
    rows = _ruled([(81, 42, 800), (113, 42, 800), (130, 42, 800)],
                  chars("公务用车购置及运行费", 248.6, 86, s), chars("公务接待费", 647.5, 94, s),
                  chars("公务用车购置费", 113, 102, s), chars("公务用车运行费", 359.6, 102, s),
                  chars("160.5148", 243, 118.2, s, width=3.5), chars("77.9865", 538.2, 118.2, s, width=3.5))
    assert rows[-2:] == [["公务用车购置费", "公务用车运行费", "公务接待费"], ["", "160.5148", "77.9865"]]


def test_a_group_heading_over_one_column_of_the_page_bars_its_neighbours_heading():
    """U003-00035 p.9: a 三公 table continued column-wise, this page ending with 小计 under its
    group heading 公务用车购置及运行费 (购置费 and 运行费 on the next page); 因公出国（境）费, centred
    down the heading lines over a blank column, is no group heading reaching over 小计: a group
    heading stands over that column (one column on this page, with a heading under it)."""
    s = 8.0
    rows = _ruled([(87, 42, 800), (103, 42, 800), (135, 42, 800), (152, 42, 800)],
                  chars("公务用车购置及运行费", 618, 108, s), chars("合计", 175.9, 116, s),
                  chars("因公出国（境）费", 388.9, 116, s), chars("小计", 650, 124, s),
                  chars("238.5013", 45, 140, s, width=3.5), chars("160.5148", 519.1, 140, s, width=3.5))
    assert rows == [["合计", "因公出国（境）费", "公务用车购置及运行费"], ["合计", "因公出国（境）费", "小计"],
                    ["238.5013", "", "160.5148"]]


def test_rows_of_blank_cells_opening_a_page_under_the_header_are_rows():
    """U001-00083 p.4 (a 续表 of 事业收入 | 其他收入, borderless): its first rows (206 科学技术支出 …
    07 社会保险业务管理事务) print no figure on this page. Opening with their codes where the body's
    codes stand, left of the figures, they are the body's first rows, each a row of its own (a
    code opens a row): the header over them is 科目编码 / 类 款 项 | 科目名称 | 事业收入 | 其他收入
    (before, they were read as eight more heading lines, and the codes as headings)."""
    s = 10.0
    head = [chars("科目编码", 69, 90.5, s), chars("科目名称", 236, 100.5, s), chars("事业收入", 400.3, 100.5, s),
            chars("其他收入", 489, 100.5, s), chars("类", 56, 110.5, s), chars("款", 89, 110.5, s), chars("项", 117, 110.5, s)]
    rows_printed = [("206", 45, "科学技术支出", 139, None, None), ("06", 83, "社会科学", 149, None, None),
                    ("01", 111, "社会科学研究机构", 159, None, None), ("208", 45, "社会保障和就业支出", 139, None, None),
                    ("01", 83, "人力资源和社会保障管理事务", 149, None, None), ("05", 111, "劳动保障监察", 159, None, None),
                    ("210", 45, "卫生健康支出", 139, "40.7956", 436.9), ("01", 83, "卫生健康管理事务", 149, "40.7956", 436.9),
                    ("211", 45, "节能环保支出", 139, "14.8892", 529), ("01", 83, "环境保护管理事务", 149, "14.8892", 529)]
    body = []
    for i, (code, cx, name, nx, fig, fx) in enumerate(rows_printed):
        top = 130 + 21 * i
        body += [chars(code, cx, top, s, width=4.62), chars(name, nx, top, s)]
        if fig:
            body.append(chars(fig, fx - 4.62 * len(fig), top, s, width=4.62))
    rows = read(*head, *body)
    assert rows[0] == ["科目编码", "科目编码", "科目编码", "科目名称", "事业收入", "其他收入"]
    assert rows[1] == ["类", "款", "项", "科目名称", "事业收入", "其他收入"]
    assert rows[2] == ["206", "", "", "科学技术支出", "", ""]
    assert rows[7] == ["", "", "05", "劳动保障监察", "", ""]
    assert rows[8] == ["210", "", "", "卫生健康支出", "40.7956", ""]
    assert rows[-1] == ["", "01", "", "环境保护管理事务", "", "14.8892"]


def test_names_under_a_code_heading_ruled_wider_than_its_codes_are_names(tmp_path):
    """功能科目代码 ruled over two columns, the codes in the first and the names in the second, and
    功能科目名称 over a column printing nothing (jianchayuan-2019 p.16, 表5): the column of names is
    the names' by its content, whatever its heading, and the codes are the rows' (every row had
    code '' as both columns were taken for code parts)."""
    import pytest

    from disclosure.pipeline import extract

    pytest.importorskip("lxml", reason="web pages need lxml (pip install -e '.[test]')")
    rows = [("", "合计", "300.00"), ("204", "公共安全支出", "300.00"), ("20404", "检察", "300.00"),
            ("2040401", "行政运行", "200.00"), ("2040402", "一般行政管理事务", "100.00")]
    html = ("<html><head><meta charset='utf-8'></head><body><p>测试院2019年财政拨款支出预算表（功能科目）</p>"
            "<p>单位：万元</p><table><tr><td colspan=2>功能科目代码</td><td>功能科目名称</td><td>金额</td></tr>"
            + "".join(f"<tr><td>{c}</td><td>{n}</td><td></td><td>{a}</td></tr>" if c else
                      f"<tr><td colspan=3>{n}</td><td>{a}</td></tr>" for c, n, a in rows)
            + "</table></body></html>")
    path = tmp_path / "table.html"
    path.write_text(html, encoding="utf-8")
    [t] = extract(path).tables
    assert [(r.code, r.name, r.values[-1].amount.printed) for r in t.rows] == [
        ("", "合计", "300.00"), ("204", "公共安全支出", "300.00"), ("20404", "检察", "300.00"),
        ("2040401", "行政运行", "200.00"), ("2040402", "一般行政管理事务", "100.00")]


def test_jianchayuan_2019_table_5_reads_its_codes():
    from conftest import corpus_file, extracted

    t = extracted(corpus_file("jiangsu-jianchayuan-2019-budget.pdf")).tables[4]
    assert t.title == "财政拨款支出预算表（功能科目）"
    assert [(r.code, r.name) for r in t.rows[1:4]] == [("204", "公共安全支出"), ("20404", "检察"), ("2040401", "行政运行")]
    # the 16 codes p.16 prints, in its order
    assert [r.code for r in t.rows if r.code] == [
        "204", "20404", "2040401", "2040402", "2040410", "2040450", "2040499", "208", "20805", "2080504",
        "2080505", "2080506", "221", "22102", "2210201", "2210202"]
    assert t.rows[0].name == "合计" and not t.rows[0].code


def test_a_blank_column_heading_as_far_from_both_neighbours_figures_heads_its_own_column():
    """U006-00035 p.3 (three-line rules, figures centred): 政府性基金预算 under 财政拨款收入 prints
    nothing in the body and stands exactly as far from 一般公共预算's figures as from those of
    事业收入, whose heading spans both heading rows. It was taken for a second heading of 事业收入
    (path 财政拨款收入/事业收入/政府性基金预算). A lowest heading ending on a line above it, clear of it
    across, spans the rows down past its line: it stands in another cell, a blank column of its own."""
    s, fw = 9.0, 3.91
    head = [chars("财政拨款收入", 449.3, 109.8, s), chars("功能分类科目", 123.0, 118.8, s), chars("合计", 305.8, 118.8, s),
            chars("事业收入", 617.8, 118.8, s), chars("其他收入", 727.2, 118.8, s), chars("一般公共预算", 401.3, 127.8, s),
            chars("政府性基金预算", 501.6, 127.8, s)]
    centres = [314.8, 428.3, 635.85, 745.2]
    lines = [("合计", ["9990.1406", "9754.6539", "102.1443", "133.3424"]),
             ("公共安全支出", ["2752.6864", "2697.0346", "23.4164", "32.2354"]),
             ("强制隔离戒毒", ["513.4548", "513.4548", "", ""]),
             ("保密技术", ["461.0060", "439.6327", "21.3733", ""]),
             ("其他国家保密支出", ["772.2930", "740.0576", "", "32.2354"])]
    body = []
    for i, (name, figures) in enumerate(lines):
        top = 150 + 18 * i
        body.append(chars(name, 50, top, s))
        body += [chars(f, c - fw * len(f) / 2, top, s, width=fw) for f, c in zip(figures, centres) if f]
    rows = read(*head, *body)
    assert rows[-6] == ["功能分类科目", "合计", "一般公共预算", "政府性基金预算", "事业收入", "其他收入"]
    assert rows[-5] == ["合计", "9990.1406", "9754.6539", "", "102.1443", "133.3424"]
    assert rows[-2] == ["保密技术", "461.0060", "439.6327", "", "21.3733", ""]


def test_label_rows_of_blank_cells_opening_a_column_wise_part_are_its_rows():
    """U006-00001 pp.3-4 (wide_split, dotted rules): the 续表 of a 收入决算表 prints its first rows'
    labels over blank 事业收入 | 其他收入 cells; with no figure they were read as more heading rows,
    the parts no longer had as many body rows, and the 续表 stayed a table of its own, typed
    `other`. Rows printing, in the label column only, the first part's labels row for row go down
    into the body, and the parts join."""
    from disclosure.model import Box, RawDocument, RawPage, TextLine
    from disclosure.structure.build import build

    labels = ["社会保障和就业支出", "行政事业单位养老支出", "交通运输支出", "铁路运输", "合计"]
    left = [["功能分类科目", "合计", "一般公共预算"]] + [[lab, f"{100 + i}.00", f"{90 + i}.00"] for i, lab in enumerate(labels)]
    right = [["功能分类科目", "事业收入", "其他收入"]] + [[lab, "", ""] for lab in labels[:2]] + \
        [[lab, f"{5 + i}.00", "5.00"] for i, lab in enumerate(labels[2:])]
    pages = [RawPage(1, 595, 842, [TextLine("2021年部门收入决算表", Box(1, 50, 30, 300, 42), 14.0), page_grid(left, 1, 100)]),
             RawPage(2, 595, 842, [TextLine("续表", Box(2, 50, 30, 80, 42), 12.0), page_grid(right, 2, 100)])]
    (table,) = build(RawDocument("x.pdf", "0" * 64, "pdf", pages)).tables
    assert table.type == "income_summary" and table.pages == [1, 2]
    assert table.columns == ["功能分类科目", "合计", "一般公共预算", "事业收入", "其他收入"]
    assert [(r.name, [v.amount.printed for v in r.values]) for r in table.rows][1:3] == [
        ("行政事业单位养老支出", ["101.00", "91.00", "", ""]), ("交通运输支出", ["102.00", "92.00", "5.00", "5.00"])]


def test_a_tables_last_row_with_a_dotted_code_alone_atop_the_next_page_is_its_row():
    """U006-00016 pp.11-12 (dotted codes): `302.99 其他商品和服务支出 109.14` opens page 12 alone after
    a 机关运行经费 table printing 302.01 … 302.31 in its code column. Alone, two parts joined by a dot
    read as an amount, so the code column was taken for a second amount column and the line for
    prose. Read as a column of codes (left of one printing words), the line is the table's last row."""
    from disclosure.model import Box, TextLine

    first = [["科目编码", "科目名称", "预算数"], ["", "合计", "630.38"], ["302.01", "办公费", "154.93"],
             ["302.31", "公务用车运行维护费", "367.45"]]
    doc = _two_pages(first, lambda grid: [TextLine("302.99 其他商品和服务支出 109.14", Box(17, 60, 50, 480, 60), 9.0),
                                          TextLine("十二、政府采购支出预算表", Box(17, 50, 90, 300, 102), 14.0)],
                     xs=[(50, 80), (90, 190), (440, 480)])
    last = doc.tables[0].rows[-1]
    assert (last.code, last.name, [v.amount.printed for v in last.values], last.page) == ("30299", "其他商品和服务支出", ["109.14"], 17)
    assert "109.14" not in " ".join(p.text for p in doc.paragraphs)


def test_a_bare_total_opening_a_page_under_the_repeated_headings_is_a_row_of_blanks():
    """Unseen axis row_break (U011-00000 pp.2-3, borderless; jiangsu-rendaban-2017 pp.8-9 ruled): the
    summary's 本年收入 / 合计 row is broken over the page, its figure on the first page, and the next
    opens with 合计 alone where the labels begin, under the repeated headings. Read as a heading line
    (a heading left of labels set left made a column of its own), then as the first line of the next
    row's label (合计上年结转结余). A bare total word may end a wrapped label, never begin one: it is
    a row of blank cells, whose label the structure stage joins to the row above it."""
    s = 9.0
    head = [chars("收入", 150, 80, s), chars("支出", 450, 80, s), chars("项目", 120, 95, s), chars("决算数", 270, 95, s),
            chars("项目", 420, 95, s), chars("决算数", 570, 95, s)]
    body = [chars("合计", 50, 115, s)]
    for i, (a, x, b, y) in enumerate([("上年结转结余", "40.70", "结转下年", "40.70"), ("收入总计", "5987.89", "支出总计", "5987.89")]):
        top = 133 + 18 * i
        body += [chars(a, 50, top, s), chars(x, 300 - 4.5 * len(x), top, s, width=4.5), chars(b, 350, top, s),
                 chars(y, 600 - 4.5 * len(y), top, s, width=4.5)]
    rows = read(*head, *body)
    assert rows[-3:] == [["合计", "", "", ""], ["上年结转结余", "40.70", "结转下年", "40.70"],
                         ["收入总计", "5987.89", "支出总计", "5987.89"]]
    assert len(rows[0]) == 4


def test_a_fee_heading_printed_a_box_a_line_is_one_heading_in_the_column_path():
    """Unseen axis three_boxes (as jiangsu-jianchayuan-2018 p.19): a Word 三公 table prints every
    heading line in a box of its own, so the lattice gives 公务接 and 待费, 因公出国 and （境）费 a cell
    each over one column: two heading levels, the leaf naming nothing. Cells over this one column
    whose last is a fee word's wrapped tail are one heading; a group over several columns stays a level."""
    from disclosure.structure.tables import column_paths

    def cell(text, row, col, rowspan=1, colspan=1):
        return Cell(text, row, col, rowspan, colspan)

    total, out1, out2 = cell("合计", 0, 0, rowspan=2), cell("因公出国", 0, 1), cell("（境）费", 1, 1)
    group, sub = cell("公务用车购置及运行费", 0, 2, colspan=2), cell("小计", 1, 2)
    run = cell("公务用车运行费", 1, 3)
    rec1, rec2 = cell("公务接", 0, 4), cell("待费", 1, 4)
    header = [[total, out1, group, group, rec1], [total, out2, sub, run, rec2]]
    assert column_paths(header, 5) == ["合计", "因公出国（境）费", "公务用车购置及运行费/小计",
                                       "公务用车购置及运行费/公务用车运行费", "公务接待费"]


def test_figures_a_digit_apart_whose_left_edges_agree_are_set_left():
    """U004-00031 p.2 (unseen, box-only rules, figures set left; the summary broken over the page by
    axis row_break): on the page's rows the expenditure figures are 8 and 9 characters long, their
    left edges one x, their right edges a digit (under half a character) apart; read as set either
    way, then right, the 决算数 heading standing past their right end headed a blank column of its
    own and 支出 fell a heading row. Edges agreeing to half a point on one side, a figure's width
    apart on the other, show how the column is set."""
    s, fw = 9.0, 3.94
    head = [chars("收入", 222.5, 118.2, s), chars("支出", 601.4, 118.2, s), chars("项目", 141.0, 136.2, s),
            chars("决算数", 326.0, 136.2, s), chars("项目", 519.9, 136.2, s), chars("决算数", 704.9, 136.2, s)]
    lines = [("一、一般公共预算拨款收入", "3975.5548", "一、社会保障和就业支出", "837.8211"),
             ("二、政府性基金预算拨款收入", "0.0000", "二、卫生健康支出", "844.5836"),
             ("三、事业收入", "71.6510", "三、农林水支出", "1481.4593"),
             ("四、其他收入", "50.2641", "四、住房保障支出", "933.6059"),
             ("本年收入合计", "4097.4699", "本年支出合计", "4097.4699")]
    body = []
    for i, (a, x, b, y) in enumerate(lines):
        top = 160 + 18 * i
        body += [chars(a, 45, top, s), chars(x, 261, top, s, width=fw), chars(b, 423.9, top, s),
                 chars(y, 639.9, top, s, width=fw)]
    rows = read(*head, *body)
    assert len(rows[0]) == 4
    assert [c.replace("\n", "") for c in rows[-6]] == ["项目", "决算数", "项目", "决算数"]
    assert rows[-1] == ["本年收入合计", "4097.4699", "本年支出合计", "4097.4699"]


def test_a_group_heading_clear_of_its_sub_headings_heads_no_blank_column():
    """U007-00035 p.10 (borderless, wide_split: the 三公 table's 续表, two rows of years): the group
    公务用车购置及运行费 stands on the top heading line, its sub-headings 公务用车购置费 (a blank
    column) and 公务用车运行费 below it left and right, none under its text. Nearest the figures of
    公务用车运行费 with them, it was made a blank column of its own and the figures went under
    公务用车购置费's. A heading over headings of a lower line close on both sides is their group."""
    s, fw = 9.0, 4.5
    head = [chars("公务用车购置及运行费", 390.0, 66.2, s), chars("项目", 141.0, 75.2, s), chars("公务接待费", 683.5, 75.2, s),
            chars("公务用车购置费", 312.7, 84.2, s), chars("公务用车运行费", 489.8, 84.2, s)]
    body = []
    for i, (label, a, b) in enumerate([("2021年决算数", "947,939", "1,207,339"), ("2022年决算数", "804,181", "1,106,400")]):
        top = 110 + 18 * i
        body += [chars(label, 45, top, s), chars(a, 609.0 - fw * len(a), top, s, width=fw),
                 chars(b, 796.9 - fw * len(b), top, s, width=fw)]
    rows = read(*head, *body)
    assert rows[-1] == ["2022年决算数", "", "804,181", "1,106,400"]
    assert rows[-3][1:] == ["公务用车购置费", "公务用车运行费", "公务接待费"]


def test_a_heading_wrapped_over_three_lines_a_cell_a_line_is_one_heading_in_the_column_path():
    """U008-00034 p.4 (unseen, box-only rules, vertical headings): 政府性基金预算 wrapped two
    characters a line down a narrow column, 政府 / 性基 / 金预 / 算, is read as a cell a line, four
    heading levels under 财政拨款收入 (its 42 figures under 财政拨款收入/政府/性基/金预算). Lines of
    one height, each under the last with less than half a line between, over this column alone, are
    one heading when three or more; cells of ruled rows (touching) stay levels, and so do two lines."""
    from disclosure.model import Box
    from disclosure.structure.tables import column_paths

    def cell(text, row, col, top, bottom, x0, x1, rowspan=1, colspan=1):
        return Cell(text, row, col, rowspan, colspan, Box(4, x0, top, x1, bottom))

    group = cell("财政拨款收入", 0, 0, 116.1, 126.1, 394.9, 478.1, colspan=2)
    general = cell("一般公共\n预算", 1, 0, 151.8, 174.3, 394.9, 444.6, rowspan=4)
    lines = [cell(t, 1 + i, 1, 139.3 + 12.5 * i, 149.3 + 12.5 * i, 444.6, 478.1)
             for i, t in enumerate(["政府", "性基", "金预", "算"])]
    other = cell("事业收入", 0, 2, 125.3, 172.8, 478.1, 516.2, rowspan=5)
    header = [[group, group, other]] + [[general, ln, other] for ln in lines]
    assert column_paths(header, 3) == ["财政拨款收入/一般公共预算", "财政拨款收入/政府性基金预算", "事业收入"]

    # ruled rows: the cells of one column touch, each a level of its own
    ruled = [cell(t, i, 0, 100 + 15 * i, 115 + 15 * i, 50, 120) for i, t in enumerate(["支出", "预算数", "本年"])]
    assert column_paths([[c] for c in ruled], 1) == ["支出/预算数/本年"]
    # two lines close together: left to the rules for two (a group just over its one column)
    two = [cell(t, i, 0, 100 + 12.5 * i, 110 + 12.5 * i, 50, 120) for i, t in enumerate(["基本支出", "人员经费"])]
    assert column_paths([[c] for c in two], 1) == ["基本支出/人员经费"]


def test_the_last_line_of_a_heading_over_a_blank_column_under_uneven_headings_is_header():
    """U008-00018 p.4 (unseen, no rules, headings set at uneven heights, the last column blank on
    the page): 政府性基金 / 预算 wraps past the figures, and the line above it gathers 码 | 科目名称 |
    计 | 一般公共预算 | 政府性基金, reaching lower than 政府性基金 itself. 预算 is just under 政府性基金
    (its piece), so the line is the wrapped heading's last, not a line beside the table: the header
    is read (it was lost whole, 58 figures in a table of no headings)."""
    size = 10.0
    runs = [chars("财政拨款收入", 449.9, 117.3, size), chars("科目编", 47.2, 126.5, size), chars("合", 359.4, 126.5, size),
            chars("科目名称", 182.3, 132.8, size), chars("码", 57.2, 139.0, size), chars("计", 359.4, 139.0, size),
            chars("政府性基金", 497.0, 136.5, size), chars("一般公共预算", 418.7, 142.8, size), chars("预算", 512.0, 149.0, size)]
    rows = [("", "合计", "65,382,876", "64,783,285"), ("208", "社会保障和就业支出", "4,755,496", "4,755,496"),
            ("20801", "人力资源和社会保障管理事务", "4,755,496", "4,755,496"),
            ("210", "卫生健康支出", "11,342,261", "10,761,613"), ("21001", "卫生健康管理事务", "11,342,261", "10,761,613")]
    for i, (code, name, total, general) in enumerate(rows):
        top = 168.5 + 21 * i
        if code:
            runs.append(chars(code, 55.2, top, size))
        # (figures 4.17 wide a character, as printed: the body ends at 469.5, more than four
        # characters left of 预算)
        runs += [chars(name, 85.3, top, size), chars(total, 343.6, top, size, width=4.17),
                 chars(general, 427.8, top, size, width=4.17)]
    m = read(*runs)
    assert m[0][:4] == ["科目编\n码", "科目名称", "合\n计", "财政拨款收入"]
    assert m[1][3:] == ["一般公共预算", "政府性基金\n预算"]
    assert m[2][1:4] == ["合计", "65,382,876", "64,783,285"]
    assert m[-1] == ["21001", "卫生健康管理事务", "11,342,261", "10,761,613", ""]


def test_a_group_heading_centred_over_a_blank_columns_heading_past_the_figures_is_header():
    """U008-00016 p.4 (unseen, no rules, figures set left in wide cells, 政府性基金预算 blank on the
    page): 财政拨款收入 stands centred over 一般公共预算 | 政府性基金预算, in the blank between them,
    well right of the last figures. It overlaps no heading already taken, and was read as a line
    beside the table: without it 合计 was widened over 一般公共预算 (41 figures under 合计/一般公共预算
    or 合计). A line ending within the headings taken stands over them: it is header."""
    runs = [chars("财政拨款收入", 609.4, 118.2), chars("科目编码", 45.9, 127.2), chars("科目名称", 175.9, 127.2),
            chars("合计", 378.4, 127.2), chars("一般公共预算", 531.6, 136.2), chars("政府性基金预算", 690.5, 136.2)]
    rows = [("", "合计", "13,235.70", "13,099.90"), ("201", "一般公共服务支出", "4,811.49", "4,715.65"),
            ("201-06", "财政事务", "1,752.22", "1,752.22"), ("201-07", "税收事务", "1,623.91", "1,549.38"),
            ("201-07-01", "行政运行", "490.90", "437.31")]
    for i, (code, name, total, general) in enumerate(rows):
        top = 154.4 + 18.9 * i
        if code:
            runs.append(chars(code, 45.0, top))
        runs += [chars(name, 88.9, top), chars(total, 304.9, top, width=3.7), chars(general, 476.0, top, width=3.7)]
    m = read(*runs)
    assert m[0] == ["科目编码", "科目名称", "合计", "财政拨款收入", "财政拨款收入"]
    assert m[1] == ["科目编码", "科目名称", "合计", "一般公共预算", "政府性基金预算"]
    assert m[2] == ["", "合计", "13,235.70", "13,099.90", ""]
    assert m[-1] == ["201-07-01", "行政运行", "490.90", "437.31", ""]


def test_figures_run_together_in_a_larger_total_row_are_cut_where_the_right_column_ends():
    """U008-00005 p.3 (unseen, no rules, figures set right, totals printed bold and larger): the
    支出总计 row prints 51,341,252.04 and 51,182,614.52 run together, its characters wider than the
    rows above, so the right figure begins seven points left of where that column's figures begin
    and the cut between the columns was refused: 合计 and 一般公共预算 one column (16 figures lost or
    misplaced). The right part ending where the column's figures end (a column set right) fits."""
    size = 8.0

    def right(text: str, x1: float, top: float, sz: float = size) -> list[dict]:
        """A figure set right to x1, in a font whose digits are 0.556 of its size wide, its
        separators and decimal point half that."""
        widths = [(0.278 if ch in ",." else 0.556) * sz for ch in text]
        x = x1 - sum(widths)
        out = []
        for ch, wd in zip(text, widths):
            out += chars(ch, x, top, sz, width=wd)
            x += wd
        return out

    runs = [chars("项目", 45.0, 100.0, size), chars("合计", 410.0, 100.0, size),
            chars("一般公共预算", 450.0, 100.0, size), chars("基金预算", 515.0, 100.0, size)]
    rows = [("一、本年支出", "51,341,252.04", "51,182,614.52", "158,637.52"),
            ("（一）教育支出", "9,495,298.00", "9,495,298.00", "0.00"),
            ("（二）社会保障和就业支出", "13,845,734.63", "13,845,734.63", "0.00"),
            ("（四）城乡社区支出", "158,637.52", "0.00", "158,637.52")]
    for i, (name, a, b, c) in enumerate(rows):
        top = 115.0 + 15 * i
        runs += [chars(name, 45.0, top, size), right(a, 444.6, top), right(b, 502.8, top), right(c, 550.3, top)]
    top = 115.0 + 15 * len(rows)
    runs += [chars("支出总计", 45.0, top, 8.8), right("51,341,252.0451,182,614.52", 502.8, top, 8.8),
             right("158,637.52", 550.3, top, 8.8)]
    m = read(*runs)
    assert m[0] == ["项目", "合计", "一般公共预算", "基金预算"]
    assert m[1] == ["一、本年支出", "51,341,252.04", "51,182,614.52", "158,637.52"]
    assert m[-1] == ["支出总计", "51,341,252.04", "51,182,614.52", "158,637.52"]


def test_a_grid_whose_structuring_fails_loses_that_table_not_the_document():
    """A reading defect in one grid (here a cell over more rows than its grid has, as
    extract/layout.split_under_titles once left one: IndexError in lattice.collapse, seed 12
    document 11 failed whole) keeps the grid's text as a line, records a problem of its page, and
    the tables around it are read."""
    from disclosure.model import Box, Cell, Grid, RawDocument, RawPage, TextLine
    from disclosure.structure.build import build

    bad = Grid(2, 2, [Cell("3.公务接待费", 1, 0, rowspan=3, box=Box(4, 50, 120, 150, 130)),
                      Cell("12.00", 1, 1, box=Box(4, 300, 120, 340, 130))], Box(4, 50, 100, 340, 160), aligned=True)
    good = Grid(3, 2, [Cell("项目", 0, 0), Cell("预算数", 0, 1), Cell("合计", 1, 0), Cell("5.00", 1, 1),
                       Cell("办公费", 2, 0), Cell("5.00", 2, 1)], Box(5, 50, 100, 340, 160))
    page4 = RawPage(4, 595, 842, [TextLine("表七 一般公共预算“三公”经费支出表", Box(4, 50, 80, 400, 92), 12.0), bad])
    page5 = RawPage(5, 595, 842, [TextLine("表八 机关运行经费支出预算表", Box(5, 50, 80, 400, 92), 12.0),
                                  TextLine("单位：万元", Box(5, 300, 94, 340, 99), 9.0), good])
    doc = build(RawDocument("x.pdf", "0" * 64, "pdf", [page4, page5]))
    assert [(p["page"], p["reason"].split(" (")[0]) for p in doc.problems] == [
        (4, "a table could not be structured, its cells kept as text")]
    assert "IndexError" in doc.problems[0]["reason"]
    [t] = doc.tables
    assert (t.type, t.number, [(r.name, [v.amount.printed for v in r.values]) for r in t.rows]) == (
        "operating_expenses", "表八", [("合计", ["5.00"]), ("办公费", ["5.00"])])
    assert any("3.公务接待费" in p.text for p in doc.paragraphs)


def test_further_columns_printed_without_their_last_label_rows_join_by_the_labels():
    """U008-00096 pp.3-6: 收入决算表 over pp.3-4, its further columns (事业收入 | 其他收入) as a 续表
    over pp.5-6; p.6 holds only a label row of blank cells, set as text and read as no grid, so the
    续表's rows are one fewer than the first part's. Its rows match the first part's by the labels
    printed again (in order), the row it does not print gets no further cell."""
    from disclosure.model import Box, RawDocument, RawPage, TextLine
    from disclosure.structure.build import build

    def grid(rows, pg, cols):
        return Grid(len(rows), len(rows[0]), [Cell(t, r, k, box=Box(pg, cols[k][0], 60 + 12 * r, cols[k][1], 72 + 12 * r))
                                               for r, row in enumerate(rows) for k, t in enumerate(row) if t],
                    Box(pg, 50, 60, 500, 60 + 12 * len(rows)), aligned=True)

    xs = [(50, 90), (100, 220), (300, 360), (400, 480)]
    head = ["科目编码", "科目名称", "合计", "财政拨款收入"]
    left1 = [head, ["", "合计", "30.00", "20.00"], ["208", "社会保障和就业支出", "12.00", "12.00"],
             ["210", "卫生健康支出", "10.00", "2.00"]]
    left2 = [head, ["212", "城乡社区支出", "8.00", "6.00"], ["221", "住房保障支出", "", ""]]
    right = [["科目编码", "科目名称", "事业收入", "其他收入"], ["", "合计", "8.00", "2.00"], ["208", "社会保障和就业支出", "", ""],
             ["210", "卫生健康支出", "8.00", ""], ["212", "城乡社区支出", "", "2.00"]]
    pages = [RawPage(3, 595, 842, [TextLine("附表2：2019年部门收入决算表", Box(3, 50, 30, 300, 42), 14.0),
                                   TextLine("单位：万元", Box(3, 300, 46, 350, 56), 10.0), grid(left1, 3, xs)]),
             RawPage(4, 595, 842, [grid(left2, 4, xs)]),
             RawPage(5, 595, 842, [TextLine("续表", Box(5, 50, 30, 80, 42), 12.0), grid(right, 5, xs)]),
             RawPage(6, 595, 842, [TextLine("科目编码 科目名称 事业收入 其他收入", Box(6, 50, 60, 480, 72), 9.0),
                                   TextLine("221 住房保障支出", Box(6, 50, 72, 220, 84), 9.0)])]
    doc = build(RawDocument("x.pdf", "0" * 64, "pdf", pages))
    t = doc.tables[0]
    assert t.type == "income_summary" and t.columns[-2:] == ["事业收入", "其他收入"]
    assert [t2.title for t2 in doc.tables] == ["2019年部门收入决算表"]
    got = {(r.code or r.name): [(v.column, v.amount.printed) for v in r.values if v.amount.printed] for r in t.rows}
    assert got["210"] == [("合计", "10.00"), ("财政拨款收入", "2.00"), ("事业收入", "8.00")]
    assert got["合计"] == [("合计", "30.00"), ("财政拨款收入", "20.00"), ("事业收入", "8.00"), ("其他收入", "2.00")]
    assert got["212"] == [("合计", "8.00"), ("财政拨款收入", "6.00"), ("其他收入", "2.00")]
    assert got["221"] == []


def test_a_code_part_heading_over_no_code_beside_names_heads_a_blank_code_column():
    """U007-00085 p.6: 一般公共预算支出预算表 opens at the foot of the page with its 合计 and one 类
    row: no 款 or 项 code is printed under 类 | 款 | 项, so the 项 heading stands over nothing, left of
    the one name (how the names are set unknown from one). It heads a column of its own, as the
    next page's rows (206 | 04 | 99 | name) have it, not the names' column."""
    rows = read(chars("科目编码", 64, 100), chars("合计", 433, 100),
                chars("科目名称", 226, 114),
                chars("类", 51, 128), chars("款", 79, 128), chars("项", 107, 128),
                chars("合计", 45, 150), chars("49703202.18", 450, 150),
                chars("206", 45, 170), chars("科学技术支出", 129, 170), chars("5414461.82", 455, 170))
    assert rows[-2:] == [["合计", "", "", "", "49703202.18"], ["206", "", "", "科学技术支出", "5414461.82"]]
    assert [r[2] for r in rows[:-2]][-1] == "项" and [r[3] for r in rows[:-2]][-1] == "科目名称"


def test_amounts_run_together_on_every_line_part_by_their_decimals():
    """U007-00079 p.4: amounts centred in narrow cells, two points apart on every line (less than a
    third of a character), so no line parts their columns: 45,309,871.3631,264,243.61 is two
    amounts, each with the last one's two decimals (grouped by thousands or not); a run that does
    not part so stays one text."""
    lines = [("合计", ["45,309,871.36", "31,264,243.61", "1,600.00"]),
             ("教育支出", ["12,263,601.19", "12,148,286.54", "115,314.65"]),
             ("行政运行", ["3730548.02", "2934258.30", "796289.72"])]
    mids = [220.0, 285.0, 350.0]
    runs = [chars("项目", 50, 86)] + [chars(h, m - 4.5 * len(h), 86) for h, m in zip(["合计", "一般公共预算", "事业收入"], mids)]
    for i, (name, amounts) in enumerate(lines):
        runs.append(chars(name, 50, 100 + 14 * i))
        for m, a in zip(mids, amounts):
            runs.append(chars(a, m - 2.4 * len(a), 100 + 14 * i, width=4.8))
    assert 285 - 2.4 * 13 - (220 + 2.4 * 13) < 3  # (the first two amounts of a line under a third of a character apart)
    grid = read(*runs)
    assert [r[1:] for r in grid[1:]] == [a for _, a in lines]
    assert [p.text for p in aligned._pieces(chars("2023.01.05", 50, 100), 0.3)] == ["2023.01.05"]


def test_coded_rows_of_blank_cells_between_two_rows_of_figures_are_rows_without_a_pitch():
    """U007-00035 p.5: a 续表 goes on with five rows, two of them with figures (99 其他交通运输支出
    126,821 and 合计), so no two adjacent one-line rows give the row pitch; the three coded lines
    between them, evenly spaced, each open a row of blank cells (were joined to 99's row as the
    lines of a wrapped label, their codes stacked into one row)."""
    def right(t, x1, top):
        return chars(t, x1 - 5 * len(t), top, width=5)

    rows = read(chars("99", 90, 100, width=5), chars("其他交通运输支出", 120, 100), right("126,821", 400, 100),
                chars("221", 50, 121, width=5), chars("住房保障支出", 120, 121),
                chars("02", 70, 142, width=5), chars("住房改革支出", 120, 142),
                chars("03", 90, 163, width=5), chars("购房补贴", 120, 163),
                chars("合计", 50, 184), right("209,979", 330, 184), right("232,580", 400, 184))
    assert rows == [["", "", "99", "其他交通运输支出", "", "126,821"], ["221", "", "", "住房保障支出", "", ""],
                    ["", "02", "", "住房改革支出", "", ""], ["", "", "03", "购房补贴", "", ""],
                    ["合计", "", "", "", "209,979", "232,580"]]


def test_further_columns_join_where_the_total_is_merged_over_the_labels_in_one_part_only():
    """U002-00098 pp.3-7: 收入决算表 over pp.3-5, its further columns as a 续表 over pp.6-7, as many
    rows; the first part prints 合计 in one cell merged over 科目编码 | 科目名称, the 续表 under
    科目名称 alone. The rows match by the words their labels print (was: not joined, 74 amounts
    typed other)."""
    from disclosure.model import Box, RawDocument, RawPage, TextLine
    from disclosure.structure.build import build

    xs = [(50, 90), (100, 220), (300, 360), (400, 480)]

    def grid(rows, pg):
        return Grid(len(rows), 4, [Cell(t, r, k, box=Box(pg, xs[k][0], 60 + 12 * r, xs[k][1], 72 + 12 * r))
                                   for r, row in enumerate(rows) for k, t in enumerate(row) if t],
                    Box(pg, 50, 60, 500, 60 + 12 * len(rows)), aligned=True)

    left1 = [["科目编码", "科目名称", "合计", "财政拨款收入"], ["201", "一般公共服务支出", "12.00", "10.00"]]
    left2 = [["210", "卫生健康支出", "8.00", "8.00"], ["合计", "合计", "20.00", "18.00"]]
    right1 = [["科目编码", "科目名称", "事业收入", "其他收入"], ["201", "一般公共服务支出", "2.00", "0.00"]]
    right2 = [["210", "卫生健康支出", "0.00", "0.00"], ["", "合计", "2.00", "0.00"]]
    pages = [RawPage(3, 595, 842, [TextLine("表二 收入决算表", Box(3, 50, 30, 300, 42), 14.0),
                                   TextLine("单位：万元", Box(3, 300, 46, 350, 56), 10.0), grid(left1, 3)]),
             RawPage(4, 595, 842, [grid(left2, 4)]),
             RawPage(5, 595, 842, [TextLine("续表", Box(5, 50, 30, 80, 42), 12.0), grid(right1, 5)]),
             RawPage(6, 595, 842, [grid(right2, 6)])]
    doc = build(RawDocument("x.pdf", "0" * 64, "pdf", pages))
    assert [t.title for t in doc.tables] == ["收入决算表"]
    t = doc.tables[0]
    got = {(r.code or r.name): [(v.column, v.amount.printed) for v in r.values if v.amount.printed] for r in t.rows}
    assert got["合计"] == [("合计", "20.00"), ("财政拨款收入", "18.00"), ("事业收入", "2.00"), ("其他收入", "0.00")]
    assert got["201"] == [("合计", "12.00"), ("财政拨款收入", "10.00"), ("事业收入", "2.00"), ("其他收入", "0.00")]


def test_a_heading_clear_of_another_over_the_same_figures_heads_a_blank_column():
    """U007-00078 p.9 (三公 table, one row a year): 合计 stands over the figures 4,891,129 |
    4,520,121 (as wide, so the column's edges do not show how it is set); 因公出国（境）费, wrapped
    and clear of both on the right, heads a column of its own, blank in every row (the figures
    were read under 因公出国（境）费 / 合计)."""
    s = 10.0
    head = [chars("因公出国（境", 378, 121, s), chars("公务用车购置及运行费", 525, 121, s),
            chars("项目", 152, 127, s), chars("合计", 318, 127, s), chars("公务接待费", 729, 127, s),
            chars("）费", 398, 133, s), chars("小计", 477, 133, s), chars("公务用车购置费", 540, 133, s),
            chars("公务用车运行费", 628, 133, s)]
    body = []
    for top, year, total, sub, run, rec in [(157, "2018年决算数", "4,891,129", "2,094,285", "1,914,427", "2,796,844"),
                                            (178, "2019年决算数", "4,520,121", "1,935,427", "1,769,212", "2,584,694")]:
        body += [chars(year, 45, top, s), chars(total, 327, top, s, width=5.5), chars(sub, 487, top, s, width=5.5),
                 chars(run, 640, top, s, width=5.5), chars(rec, 735, top, s, width=5.5)]
    rows = read(*head, *body)
    assert rows[-2] == ["2018年决算数", "4,891,129", "", "2,094,285", "", "1,914,427", "2,796,844"]
    assert [r[2] for r in rows[:-2]][-1].replace("\n", "") == "因公出国（境）费"


def test_coded_rows_of_blank_cells_opening_a_page_with_codes_in_columns_are_rows_not_headings():
    """U008-00081 p.5: a 续表 opens with rows printing no figure, their codes parted into 类 | 款 |
    项 columns (201 | 09 | 01 行政运行). The 款 and 项 parts were taken for figures, so the body began
    at 201 09 海关事务 and 201 一般公共服务支出 above it was read as a heading line (201 under 类, its
    name under 科目名称); the 续表 then had a row fewer than its first part and was not joined."""
    def right(t, x1, top):
        return chars(t, x1 - 5 * len(t), top, width=5)

    s = 10.0
    rows = read(chars("类", 56, 122, s), chars("款", 89, 122, s), chars("项", 117, 122, s), chars("科目名称", 236, 122, s),
                chars("事业收入", 460, 122, s), chars("其他收入", 680, 122, s),
                chars("201", 45, 146, width=5.5), chars("一般公共服务支出", 139, 146, s),
                chars("201", 45, 167, width=5.5), chars("09", 83, 167, width=5.5), chars("海关事务", 149, 167, s),
                chars("201", 45, 188, width=5.5), chars("09", 83, 188, width=5.5), chars("01", 111, 188, width=5.5),
                chars("行政运行", 159, 188, s),
                chars("210", 45, 209, width=5.5), chars("医疗卫生与计划生育支出", 139, 209, s), right("35.54", 797, 209),
                chars("210", 45, 230, width=5.5), chars("01", 83, 230, width=5.5), chars("医疗卫生管理事务", 149, 230, s),
                right("1.00", 520, 230), right("35.54", 797, 230))
    assert rows == [["类", "款", "项", "科目名称", "事业收入", "其他收入"], ["201", "", "", "一般公共服务支出", "", ""],
                    ["201", "09", "", "海关事务", "", ""], ["201", "09", "01", "行政运行", "", ""],
                    ["210", "", "", "医疗卫生与计划生育支出", "", "35.54"], ["210", "01", "", "医疗卫生管理事务", "1.00", "35.54"]]


def test_a_top_heading_over_a_label_column_is_no_heading_of_it_beside_which_another_stands_apart():
    """U007-00025 p.2 (a summary, the expenditure side in two pairs, 功能分类 | 经济分类): 支出, on
    the top heading line, stands over the economic pair's labels (一、基本支出), whose edges do
    not show how they are set. It is no heading of that column on the last heading line, so 项目
    of the economic pair, clear of it, does not head a blank column of its own (the economic
    labels were parted from their 项目 and read under 支出/预算数)."""
    L = [(85.6, [('收入', 160.3), ('支出', 539.3)]), (101.6, [('功能分类', 404.9), ('经济分类', 657.6)]),
         (109.6, [('项目', 130.0), ('预算数', 252.3)]),
         (117.6, [('项目', 382.6), ('预算数', 504.9), ('项目', 635.3), ('预算数', 757.6)]),
         (133.8, [('一、一般公共预算拨款收入', 45.0), ('87,555,676.34', 243.0), ('一、科学技术支出', 297.6), ('9,288,926.61', 497.5), ('一、基本支出', 550.3), ('74,672,536.90', 748.2)]),
         (150.6, [('二、政府性基金预算拨款收入', 45.0), ('6,199,240.67', 244.8), ('二、社会保障和就业支出', 297.6), ('12,530,869.79', 495.6), ('二、项目支出', 550.3), ('21,707,296.40', 748.2)]),
         (167.4, [('三、国有资本经营预算拨款收入', 45.0), ('三、卫生健康支出', 297.6), ('16,108,048.48', 495.6)]),
         (184.2, [('四、事业收入', 45.0), ('2,213,034.34', 244.8), ('四、节能环保支出', 297.6), ('24,288,854.71', 495.6)]),
         (201.0, [('五、其他收入', 45.0), ('698,403.79', 247.6), ('五、城乡社区支出', 297.6), ('6,199,240.67', 497.5)]),
         (217.8, [('六、住房保障支出', 297.6), ('16,570,062.51', 495.6)]),
         (234.6, [('七、灾害防治及应急管理支出', 297.6), ('11,393,830.53', 495.6)]),
         (251.4, [('本年收入合计', 45.0), ('96,666,355.14', 243.0), ('本年支出合计', 297.6), ('96,379,833.30', 748.2)]),
         (268.2, [('上年结转结余', 45.0), ('结转下年', 297.6), ('286,521.84', 500.3)]),
         (285.0, [('收入总计', 45.0), ('96,666,355.14', 243.0), ('支出总计', 297.6), ('96,666,355.14', 748.2)])]
    runs = [chars(t, x, top, 8.0, width=3.28 if t[0].isdigit() else None) for top, items in L for t, x in items]
    rows = read(*runs)
    assert rows[2] == ["项目", "预算数", "项目", "预算数", "项目", "预算数"]
    assert rows[3] == ["一、一般公共预算拨款收入", "87,555,676.34", "一、科学技术支出", "9,288,926.61", "一、基本支出",
                       "74,672,536.90"]


_THREE = [("合计", "4,936,554"), ("1.因公出国（境）费", "-"), ("2.公务用车购置及运行费", "2,475,284"),
          ("其中：公务用车购置费", "-"), ("公务用车运行费", "2,475,284"), ("3.公务接待费", "2,461,270")]
_OPERATING = [("302.01", "办公费", "1,167,585"), ("302.11", "差旅费", "2,307,347"),
              ("302.39", "其他交通费用", "2,286,741"), ("", "合计", "5,761,673")]


@pytest.mark.parametrize("size,numbers", [(15, ("公开05表", "公开06表")), (16, ("表七", "表八"))])
def test_two_titles_set_close_over_tables_side_by_side_title_each_its_own(tmp_path, size, numbers):
    """Issue #12 (generated layouts, axis side_by_side with three=list: U021-00031 p.6): a 三公 table
    and a 机关运行经费 table printed side by side without rules, their titles on one line, each
    centred over its own table and wider than it, so that the gap between the titles (15 pt at
    size 15) is no wider than the full-width space inside a title (公开05表　…), or (size 16) the
    titles overlap and the space in 表八　2022年… is nearer the tables' parting (U021-00000 p.6,
    read 表七…情况表表八 | 2022年…). The line was read as one title (“三公”经费支出预算表公开06表机关运行经费支出预算表)
    over one grid of both tables: the 机关运行经费 table was lost in the 三公 one. The line parts
    where each side is a whole table title, the grid where the tables part, and each table
    comes with its own title, type and amounts."""
    from disclosure import pipeline

    titles = ("2022年“三公”经费支出预算表", "2022年机关运行经费支出预算表")
    doc = pipeline.extract(drawn_pdf(tmp_path / "beside.pdf", lambda c: _draw_beside(
        c, size, [(f"{n}　{t}", x, 770) for n, t, x in zip(numbers, titles, (160, 430))], 748, (290, 560),
        (310, 370), "预算数")))
    _read_beside(doc, numbers, titles)
    assert [r.code for r in doc.tables[1].rows][:3] == ["30201", "30211", "30239"]


def _draw_beside(c, size, titles, unit_y, edges, code_x, word):
    """A 三公 list (_THREE) and a 机关运行经费 table (_OPERATING) side by side without rules:
    `titles` [(text, centre x, y)] at `size`, 单位 lines at `unit_y`, the headings 20 pt below, the
    rows from 20 pt under those; `edges` the right edges of the two amount columns, `code_x` the
    left edges of the right table's code and name columns."""
    c.setFont("STSong-Light", size)
    for text, middle, y in titles:
        c.drawCentredString(middle, y, text)
    c.setFont("STSong-Light", 9)
    head = unit_y - 20
    for edge in edges:
        c.drawRightString(edge, unit_y, "单位：元")
        c.drawRightString(edge, head, word)
    for x, text in ((40, "项目"), (code_x[0], "科目代码"), (code_x[1], "科目名称")):
        c.drawString(x, head, text)
    for i, (name, amount) in enumerate(_THREE):
        c.drawString(40, head - 20 - 18 * i, name)
        c.drawRightString(edges[0], head - 20 - 18 * i, amount)
    for i, (code, name, amount) in enumerate(_OPERATING):
        c.drawString(code_x[0], head - 20 - 18 * i, code)
        c.drawString(code_x[1], head - 20 - 18 * i, name)
        c.drawRightString(edges[1], head - 20 - 18 * i, amount)


def _read_beside(doc, numbers, titles):
    """The document read as the two tables _draw_beside draws: numbered, typed and titled each
    under its own title, every row with the name and amount drawn."""
    assert [(t.number, t.type, t.title) for t in doc.tables] == [
        (numbers[0], "three_public_expenses", titles[0]), (numbers[1], "operating_expenses", titles[1])]
    three, operating = doc.tables
    assert [(r.name_printed, [v.amount.printed for v in r.values]) for r in three.rows] == [
        (n, [a]) for n, a in _THREE]
    assert [(r.name_printed, [v.amount.printed for v in r.values]) for r in operating.rows] == [
        (n, [a]) for _, n, a in _OPERATING]


@pytest.mark.parametrize("i", [9, 14, 31])
def test_generated_tables_side_by_side_under_one_title_line_are_read_each_under_its_title(tmp_path, i):
    """Issue #12, generated layouts (samples/unseen, seed 21, axes side_by_side=True, three=list): the
    三公 list and the 机关运行经费 table on one page under one line of both titles — set close
    (U021-00031, 公开05表　…), overlapping with the grid parting left of the titles' parting and 类 | 款
    code columns on the right (U021-00014), or the left 单位：万元 ending three characters past the
    parting of a landscape page (U021-00009). Each table is typed and titled as the truth says and
    every amount the truth prints is read in it, under its key."""
    from disclosure import pipeline
    from samples.unseen import make

    # (the axes drawn since session 18 off: the documents as they were when the kinds were found;
    # U021-00031 draws title_variants now, its two long titles wrapped each in its half: not read yet)
    truth = make.generate(21, i, tmp_path, {"side_by_side": True, "three": "list", **{k: False for k in make.FORM_AXES}})
    doc = pipeline.extract(tmp_path / f"U021-{i:05d}.pdf")
    pair = [t for t in truth["tables"] if t["beside"]]
    page = pair[0]["pages"]
    read = [t for t in doc.tables if t.pages == page]
    assert [(t.type, re.sub(r"\s", "", t.title)) for t in read] == [(t["type"], t["title"]) for t in pair]
    for want, got in zip(pair, read):
        amounts = {(r.code or r.name_printed, v.amount.printed) for r in got.rows for v in r.values}
        assert {(a["key"], a["printed"]) for a in want["amounts"]} <= amounts, want["type"]


def test_two_titles_overlapping_so_far_that_their_characters_interleave_part_as_drawn(tmp_path):
    """Issue #12 (U021-00048 p.7): two titles over tables side by side, each wider than its table, overlap
    by more than two characters, so that in the order of their left edges their characters
    interleave (…决附算表表8…) and no place between two of them leaves a title either side. Each
    title was drawn as one run: parted in the order the page draws its characters, each is the
    title of the table under it."""
    from disclosure import pipeline

    doc = pipeline.extract(drawn_pdf(tmp_path / "interleaved.pdf", lambda c: _draw_beside(
        c, 28, [("附表7：“三公”经费支出决算表", 239, 540), ("附表8：机关运行经费支出决算表", 603, 540)], 510,
        (400, 800), (440, 520), "决算数"), size=(842, 595)))
    _read_beside(doc, ("附表7", "附表8"), ("“三公”经费支出决算表", "机关运行经费支出决算表"))


def _read_two(doc, types):
    """The two tables _draw_beside draws, read each with its type and every name and amount."""
    assert [t.type for t in doc.tables] == list(types)
    three, operating = doc.tables
    assert [(r.name_printed, [v.amount.printed for v in r.values]) for r in three.rows] == [
        (n, [a]) for n, a in _THREE]
    assert [(r.name_printed, [v.amount.printed for v in r.values]) for r in operating.rows] == [
        (n, [a]) for _, n, a in _OPERATING]
    assert [r.code for r in operating.rows][:3] == ["30201", "30211", "30239"]


def test_a_title_wrapped_at_the_pages_width_over_the_title_beside_it_parts_as_drawn(tmp_path):
    """Issue #12 (seed 20: U020-00183 p.7, -00306 p.6, -00872 p.12, -00953 p.8): two tables side by
    side, the left one's title wider than the page, wrapped at the page's width: its first line
    spans the page, printed over the right table's title (their characters interleave), its second
    line under it over the left table. No place in the first line leaves a whole title either side
    (the left one ends in its second line): the line stayed whole, the left table took the line's
    jumble or the second line alone (培训费支出预算表, typed expenditure_summary) and the
    机关运行经费 table no title (`other`), or one grid held both tables. Characters overlapping their
    neighbour are two texts printed over each other, each drawn as one run left to right: the line
    parts into its runs, the left title's first line joins its second, and each table is typed by
    its own title."""
    from disclosure import pipeline

    left = "附表7：2018年某某县农业农村局一般公共预算拨款“三公”经费"
    right = "附表8：2018年某某县农业农村局机关运行经费支出预算表"

    def draw(c):
        _draw_beside(c, 15, [(left, 297, 780), (right, 400, 780), ("及会议费、培训费支出预算表", 160, 762)], 740,
                     (290, 560), (310, 370), "预算数")

    doc = pipeline.extract(drawn_pdf(tmp_path / "wrapped.pdf", draw))
    _read_two(doc, ("three_public_expenses", "operating_expenses"))
    assert [t.title for t in doc.tables] == [
        "2018年某某县农业农村局一般公共预算拨款“三公”经费及会议费、培训费支出预算表",
        "2018年某某县农业农村局机关运行经费支出预算表"]


def test_a_title_cut_at_the_pages_edge_over_tables_side_by_side_is_the_standard_title_it_begins(tmp_path):
    """Issue #12 (seed 20: U020-00006 p.7, -00307, -00358, -00440, -00945): two tables side by side,
    each title centred in its table's first row and wider than it (a spreadsheet's title cell
    clipped: its text runs on), so that the titles overlap and the right one runs off the page's
    edge (its 预算表 outside the page, not read). The line parts as drawn, and the right table's
    title, cut short (…机关运行经费支出), is the standard title it begins: typed
    operating_expenses, with a note saying so (it was `other`, or both tables one grid)."""
    from disclosure import pipeline

    def draw(c):
        _draw_beside(c, 16, [("表七　2018年某某县档案馆“三公”经费支出预算表", 160, 780),
                             ("表八　2018年某某县档案馆机关运行经费支出预算表", 480, 780)], 758,
                     (290, 560), (310, 370), "预算数")

    doc = pipeline.extract(drawn_pdf(tmp_path / "cut.pdf", draw))
    _read_two(doc, ("three_public_expenses", "operating_expenses"))
    assert "title cut short: typed operating_expenses" in doc.tables[1].note


def test_titles_in_ruled_first_rows_run_over_each_other_each_cell_keeps_its_own(tmp_path):
    """Issue #12 (seed 20: U020-00561 p.9, -00605 p.14, -00631 p.6): two ruled tables side by side,
    each title centred in its table's first ruled row and wider than it (a spreadsheet's title cell,
    its text running on), so the titles run over each other: each cell held both texts' characters
    in the order of their left edges (0算25表年…机关运行经费支出), the left table was joined to the
    table before or typed by its rows, the right one `other`. In a cell where characters of one
    line overlap, the run drawn left to right with the most characters is the cell's own (the
    rest go back to the page's text), and a first row spanning the table that is a title cut
    short where its cell ends (…机关运行经费支出, 预算表 off the page) titles the table."""
    from disclosure import pipeline

    def draw(c):
        c.setLineWidth(0.5)
        for x0, x1, cols, title, rows in ((40, 290, (200,), "附表6：2025年某某区民政局“三公”经费支出预算表",
                                           [("项目", "预算数")] + _THREE),
                                          (310, 560, (360, 470), "附表7：2025年某某区民政局机关运行经费支出预算表",
                                           [("科目代码", "科目名称", "预算数")] + _OPERATING)):
            tops = [800, 776, 760] + [742 - 18 * i for i in range(len(rows))]
            for y in tops:
                c.line(x0, y, x1, y)
            c.line(x0, tops[0], x0, tops[-1])
            c.line(x1, tops[0], x1, tops[-1])
            for x in cols:
                c.line(x, tops[2], x, tops[-1])
            c.setFont("STSong-Light", 16)
            c.drawCentredString((x0 + x1) / 2, 782, title)
            c.setFont("STSong-Light", 9)
            c.drawString(x0 + 3, 765, "编制单位：某某区民政局")
            c.drawRightString(x1 - 3, 765, "单位：元")
            edges = [x0] + list(cols) + [x1]
            for i, row in enumerate(rows):
                for k, text in enumerate(row):
                    if k == len(row) - 1:
                        c.drawRightString(x1 - 3, tops[2 + i] - 13, text)
                    else:
                        c.drawString(edges[k] + 3, tops[2 + i] - 13, text)

    doc = pipeline.extract(drawn_pdf(tmp_path / "ruled.pdf", draw))
    _read_two(doc, ("three_public_expenses", "operating_expenses"))
    assert "某某区民政局“三公”经费支" in doc.tables[0].title and "机关运行经费支出" in doc.tables[1].title


def _page_of(src, page: int, dest):
    """Page `page` (1-based) of PDF `src` alone in PDF `dest` (pypdfium2); returns `dest`."""
    import pypdfium2

    pdf, one = pypdfium2.PdfDocument(str(src)), pypdfium2.PdfDocument.new()
    one.import_pages(pdf, [page - 1])
    one.save(str(dest))
    return dest


@pytest.mark.parametrize("seed,i", [(20, 51), (20, 210), (20, 945), (20, 953), (42, 12), (42, 21)])
def test_tables_side_by_side_read_as_one_grid_are_read_again_each_alone(tmp_path, seed, i):
    """Issue #12 (seed 20): a 三公 list and a 机关运行经费 table side by side without full rules, read as
    one aligned grid of both, then cut where they part. Their lines do not match: the right
    table's 科目代码 wrapped in its narrow cell (科目代 / 码) beside the left one's 栏次 line, 码
    sharing a row with the right table's 栏次 | 1, a body row, the codes under 科目代 lost (U020-00051
    p.11, -00210 p.7); or the right table starting a line higher, under a one-line title beside a
    title of two, its first heading line level with the left one's 单位 line and left out of the
    grid (决算 | 数 read as 数, U020-00953 p.8; U020-00945 p.8, the 机关运行经费 table untyped). Each
    side is read again from its own characters and the text level with it or just over it (seed
    42, axes side_by_side and three=list forced: the right table's 预算数 heading set past its
    figures, centred in a wide cell or one character a line, outside the grid of both: read from
    the grid's box alone it was lost, U042-00012 p.10, U042-00021 p.10): both tables are typed and
    every amount the truth prints is read under its key (302xx codes kept) and its heading."""
    from disclosure import pipeline
    from samples.unseen import make

    truth = make.generate(seed, i, tmp_path, {"side_by_side": True, "three": "list"} if seed == 42 else None)
    pair = [t for t in truth["tables"] if t["beside"]]
    doc = pipeline.extract(_page_of(tmp_path / f"U{seed:03d}-{i:05d}.pdf", pair[0]["pages"][0], tmp_path / "page.pdf"))
    for want in pair:
        (got,) = [t for t in doc.tables if t.type == want["type"]]
        amounts = {(r.code or re.sub(r"\s", "", r.name_printed), re.sub(r"\s", "", v.column.split("/")[-1]),
                    v.amount.printed) for r in got.rows for v in r.values}
        assert {(a["key"], a["column"][-1], a["printed"]) for a in want["amounts"]} <= amounts, want["type"]


def test_a_title_cut_short_is_typed_by_the_standard_title_it_begins():
    """normalize.table_types.cut_title_type: a title whose end was not printed is the type its
    completions by known standard titles' endings give, the completion whose standard title begins
    first deciding; a title ending in 表, or too little of a standard title, gives none."""
    from disclosure.normalize.table_types import cut_title_type

    assert cut_title_type("表八　2018年宜春市袁州区档案馆机关运行经费支出") == "operating_expenses"
    assert cut_title_type("2021年玉林市博白县农业农村局机关运行经费决") == "operating_expenses"
    assert cut_title_type("2022年酒泉市卫生健康委员会机关运行经费支出决算") == "operating_expenses"  # not 支出决算总表
    assert cut_title_type("2019年某某局一般公共预算拨款“三公”经费及会议费、") == "three_public_expenses"
    assert cut_title_type("2018年宜春市袁州区档案馆") == ""
    assert cut_title_type("2018年某某局机关运行经费支出预算表") == ""  # whole: table_type's
    assert cut_title_type("收入") == ""


def test_a_sub_heading_past_left_set_figures_under_its_group_heading_is_header(tmp_path):
    """Issue #12, generated layouts (seed 23 no. 10: three=year_rows, wide_split, figures set left,
    no rules, rotated page): a 三公 table in rows by year, too wide for the page, its first part
    ending in 公务用车购置及运行费 over 小计. Figures set left in wide cells and headings centred put
    小计 more than four characters past the figures: it was taken for a line beside the table, the
    header was lost, and the part typed `other`, its 续表 apart. Under its group heading, which
    stands over the table, it is header: the table is typed, titled and joined with its 续表, and
    every amount the truth prints is read in it."""
    from disclosure import pipeline
    from samples.unseen import make

    truth = make.generate(23, 10, tmp_path, {"three": "year_rows", "wide_split": True, "producer": "reportlab"})
    doc = pipeline.extract(tmp_path / "U023-00010.pdf")
    (want,) = [t for t in truth["tables"] if t["type"] == "three_public_expenses"]
    (got,) = [t for t in doc.tables if t.pages == want["pages"]]
    assert (got.type, got.title) == ("three_public_expenses", want["title"])
    amounts = {(r.name_printed, v.amount.printed) for r in got.rows for v in r.values}
    assert {(a["key"], a["printed"]) for a in want["amounts"]} <= amounts


_UNIT_PROJECTS = [("办公楼维修改造项目", "120.00"), ("信息化建设经费", "300.00"), ("业务培训专项经费", "60.00"),
                  ("执法装备购置", "90.00"), ("档案数字化项目", "45.50")]


@pytest.mark.parametrize("count", [4, 5])
@pytest.mark.parametrize("total", ["top", "bottom"])
def test_a_unit_printed_once_centred_down_a_project_table_is_every_rows(tmp_path, count, total):
    """Issue #12 (project_table, 单位名称 | 项目名称 | 合计): a table of one unit's projects prints the
    unit once, centred down every project row (a merged cell's look, drawn without rules). It was
    the attribute of the row nearest the table's middle only (of none with an even count: between
    two rows). The unit belongs to every project row; the 合计 row, above or below them, prints
    none. `count`: projects (even: the unit between two rows; odd: on the middle one)."""
    from disclosure import pipeline

    projects = _UNIT_PROJECTS[:count]
    whole = f"{sum(Decimal(a) for _, a in projects):.2f}"
    rows = [("", "合计", whole)] + [("某某局", n, a) for n, a in projects] if total == "top" else \
        [("某某局", n, a) for n, a in projects] + [("", "合计", whole)]

    def draw(c):
        c.setFont("STSong-Light", 14)
        c.drawCentredString(297, 790, "2024年某某局项目支出表")
        c.setFont("STSong-Light", 9)
        c.drawString(470, 770, "单位：万元")
        c.drawString(50, 750, "单位名称")
        c.drawString(150, 750, "项目名称")
        c.drawRightString(545, 750, "合计")
        first = 730 - (18 if total == "top" else 0)
        mid = first - 18 * (count - 1) / 2
        c.drawString(50, mid, "某某局")
        for i, (_, name, amount) in enumerate(rows):
            c.drawString(150, 730 - 18 * i, name)
            c.drawRightString(545, 730 - 18 * i, amount)

    doc = pipeline.extract(drawn_pdf(tmp_path / "u.pdf", draw))
    (t,) = doc.tables
    got = [(r.name, r.attributes.get("单位名称"), [v.amount.printed for v in r.values]) for r in t.rows]
    assert got == [(name, unit or None, [amount]) for unit, name, amount in rows]


def _title_row(*runs: tuple[str, float], top: float = 72.0, size: float = 14.0) -> list[dict]:
    """One printed line of title runs, each (text, x0), characters `size` wide."""
    return [c for text, x0 in runs for c in chars(text, x0, top, size)]


def test_two_titles_each_wrapped_in_its_half_part_as_two_blocks():
    """Issue #12 (axis side_wrap, U041-00021 p.7): two tables side by side, the left one's title
    wrapped inside its half (表六 2020年一般公共预算财政拨款“三公”经费支出决算 / 表), the right one's on
    one line beside its first line. The first line alone parts into no two whole titles, so the
    grid over both tables was cut where a title's table number begins (…决算表 | 七 2020年…: the
    right table's code column went to the left one). The lines read as two blocks, each a whole
    title; a 表 opening a table number (表七) ends no title."""
    first = _title_row(("表六　2020年一般公共预算财政拨款“三公”经费支出决算", 40.0), ("表七　2020年机关运行经费支出决算表", 440.0))
    second = _title_row(("表", 200.0), top=90.0)
    unit = _title_row(("单位：元", 330.0), ("单位：元", 760.0), top=113.0, size=9.0)
    left, right = layout.wrapped_titles([first, second, unit])
    assert layout._line_text(left) == "表六　2020年一般公共预算财政拨款“三公”经费支出决算表"
    assert layout._line_text(right) == "表七　2020年机关运行经费支出决算表"
    # one line each is two_titles' kind, not this one's
    assert layout.wrapped_titles([first]) is None
    # the 表 of 表七 parts no two titles (it left …决算表 | 七 2020年… before)
    assert layout.two_titles(first, 420.0) is None


def test_a_title_line_ending_inside_a_quotation_goes_on_in_the_next():
    """Issue #12 (axis side_wrap, U041-00007 p.13): a title wrapped in a narrow table's cell broke
    inside its quotation (2023年一般公共预算财政拨款“三 / 公”经费支出决算表); the second line alone
    names the 支出决算表, so the table was typed expenditure_summary. A line ending inside a
    quotation the next line closes is the title's first part."""
    ctx = read_context(["2023年一般公共预算财政拨款“三", "公”经费支出决算表", "编制单位：某某局 单位：万元"])
    assert (ctx.title, ctx.unit) == ("2023年一般公共预算财政拨款“三公”经费支出决算表", "万元")
    ctx = read_context(["表六 2023年一般公共预算财政拨款“三", "公”经费支出决算表"])
    assert (ctx.number, ctx.title) == ("表六", "2023年一般公共预算财政拨款“三公”经费支出决算表")
    # a closed quotation above a title is no part of it
    ctx = read_context(["关于“三公”经费的说明", "2023年部门支出决算表"])
    assert ctx.title == "2023年部门支出决算表"


@pytest.mark.parametrize("align", ["top", "bottom"])
def test_titles_wrapped_in_their_halves_over_two_tables_side_by_side(tmp_path, align):
    """Issue #12 (axis side_wrap): two tables side by side, unruled, the left title wrapped in its
    half over two lines, the right one on one line (at the top or the bottom of the title rows),
    the tables level below. Each table gets its own title, number and rows."""
    from disclosure import pipeline

    three = [("合计", "300.00"), ("因公出国（境）费", "100.00"), ("公务接待费", "200.00")]
    ops = [("30201", "办公费", "120.00"), ("30211", "差旅费", "80.00"), ("30231", "公务用车运行维护费", "50.00"),
           ("", "合计", "250.00")]

    def draw(c):
        c.setFont("STSong-Light", 14)
        left = ["表六　2020年一般公共预算财政拨款", "“三公”经费支出决算表"]
        right = 790 if align == "top" else 772
        for i, ln in enumerate(left):
            c.drawCentredString(160, 790 - 18 * i, ln)
        c.drawCentredString(440, right, "表七　2020年机关运行经费支出决算表")
        c.setFont("STSong-Light", 9)
        c.drawRightString(285, 752, "单位：万元")
        c.drawRightString(555, 752, "单位：万元")
        c.drawString(40, 732, "项目")
        c.drawRightString(285, 732, "决算数")
        for x, h in ((315, "科目编码"), (370, "科目名称")):
            c.drawString(x, 732, h)
        c.drawRightString(555, 732, "决算数")
        for i, (name, amount) in enumerate(three):
            c.drawString(40, 712 - 18 * i, name)
            c.drawRightString(285, 712 - 18 * i, amount)
        for i, (code, name, amount) in enumerate(ops):
            c.drawString(315, 712 - 18 * i, code)
            c.drawString(370, 712 - 18 * i, name)
            c.drawRightString(555, 712 - 18 * i, amount)

    doc = pipeline.extract(drawn_pdf(tmp_path / "w.pdf", draw))
    got = [(t.type, t.number, [(r.code, r.name, [v.amount.printed for v in r.values]) for r in t.rows])
           for t in doc.tables]
    assert got == [("three_public_expenses", "表六", [("", n, [a]) for n, a in three]),
                   ("operating_expenses", "表七", [(k, n, [a]) for k, n, a in ops])]


def test_an_untitled_table_of_the_three_public_items_is_typed_by_them():
    """Issue #12 (U009-00059 p.7): a table whose title could not be read is typed by its rows when
    they name the 三公 items alone (numbered or not, 合计 beside them); rows with codes (a 机关运行
    经费 table lists 30217 公务接待费) or other items give no type."""
    from types import SimpleNamespace as Row

    from disclosure.structure.build import _typed_by_rows

    three = ["合计", "1.因公出国(境)费", "2.公务用车购置及运行费", "其中：公务用车购置费", "公务用车运行费", "3.公务接待费"]
    assert _typed_by_rows([Row(name=n, code="") for n in three], "other", False) == "three_public_expenses"
    assert _typed_by_rows([Row(name=n, code="") for n in three[:2]], "other", False) == ""  # no 公务接待费
    assert _typed_by_rows([Row(name=n, code="") for n in three + ["会议费"]], "other", False) == ""
    ops = [("30212", "因公出国（境）费"), ("30217", "公务接待费"), ("30231", "公务用车运行维护费")]
    assert _typed_by_rows([Row(name=n, code=k, role="item") for k, n in ops], "other", False) == ""


def test_a_table_whose_rows_contradict_its_title_or_name_it_where_the_title_names_none_is_typed_by_them():
    """U020-00871 p.7 (two tables side by side, their titles in their first ruled rows, too wide:
    they run off the page and into each other): the 三公 table's title was read as 支出决算表 (its
    second line) and typed expenditure_summary; the 机关运行经费 table's as 市君山区自然资源局一般公共
    预算财政拨款决算表 (机关运行经费支出 off the page), typed other. The 三公 items alone name a 三公
    table whatever the title; 302 economic 款 codes alone name a 机关运行经费 table where a title
    naming no table was read, never an untitled one (a 基本支出 table's page going on with 302
    rows alone), nor over a title naming one."""
    from types import SimpleNamespace as Row

    from disclosure.model import Box, Cell, Grid, RawDocument, RawPage, TextLine
    from disclosure.structure.build import _typed_by_rows, build

    three = ["合计", "1.因公出国（境）费", "2.公务用车购置及运行费", "其中：公务用车购置费", "公务用车运行费", "3.公务接待费"]
    assert _typed_by_rows([Row(name=n, code="") for n in three], "expenditure_summary", True) == "three_public_expenses"
    assert _typed_by_rows([Row(name=n, code="") for n in three], "three_public_expenses", True) == ""
    ops = [Row(code=k, name=n, role="item") for k, n in [("30201", "办公费"), ("30211", "差旅费"), ("30231", "公务用车运行维护费")]]
    total = Row(code="", name="合计", role="total")
    assert _typed_by_rows(ops + [total], "other", True) == "operating_expenses"
    assert _typed_by_rows(ops + [total], "other", False) == ""  # untitled: a 续表 may print 302 rows alone
    assert _typed_by_rows(ops, "general_budget_basic_expenditure", True) == ""
    assert _typed_by_rows(ops + [Row(code="30101", name="基本工资", role="item")], "other", True) == ""
    assert _typed_by_rows(ops[:1] + [total], "other", True) == ""  # one code says too little

    def grid(page, rows):
        return Grid(len(rows), len(rows[0]), [Cell(t, r, k, box=Box(page, 50 + 120 * k, 120 + 12 * r, 160 + 120 * k, 130 + 12 * r))
                                              for r, row in enumerate(rows) for k, t in enumerate(row)],
                    Box(page, 50, 120, 400, 120 + 12 * len(rows)))
    left = grid(7, [["项目", "决算数"], ["合计", "2828666.96"], ["1.因公出国（境）费", "0.00"],
                    ["2.公务用车购置及运行费", "1568030.75"], ["其中：公务用车购置费", "0.00"],
                    ["公务用车运行费", "1568030.75"], ["3.公务接待费", "1260636.21"]])
    right = grid(8, [["科目编码", "科目名称", "决算数"], ["302-01", "办公费", "930664.33"], ["302-11", "差旅费", "910930.25"],
                     ["302-31", "公务用车运行维护费", "1568030.75"], ["", "合计", "3409625.33"]])
    pages = [RawPage(7, 595, 842, [TextLine("支出决算表", Box(7, 50, 80, 400, 92), 14.0),
                                   TextLine("单位：元", Box(7, 300, 100, 340, 109), 9.0), left]),
             RawPage(8, 595, 842, [TextLine("市君山区自然资源局一般公共预算财政拨款决算表", Box(8, 50, 80, 400, 92), 14.0),
                                   TextLine("单位：元", Box(8, 300, 100, 340, 109), 9.0), right])]
    doc = build(RawDocument("x.pdf", "0" * 64, "pdf", pages))
    assert [t.type for t in doc.tables] == ["three_public_expenses", "operating_expenses"]
    assert "typed three_public_expenses by its rows" in doc.tables[0].note


def test_a_summary_under_both_a_column_number_line_and_row_number_columns_keeps_its_sides():
    # 财政拨款收入支出决算总表 as the 部门决算 forms print it (U036-00002 p.5, three-line rules): 收入 | 支出
    # over 项目 | 行次 | 决算数 on each side, the expenditure side's 决算数 a line higher over 合计 | 一般公共预算
    # | 政府性基金预算, and the 栏次 | 1 | 栏次 | 2 | 3 | 4 line under them all. 行次, centred between the
    # 收入 line and the 栏次 line, was taken for a sibling of 收入 centred down every heading line: 收入
    # and 支出 stood over one column each and the expenditure figures lost 支出 (19 tables of 30
    # documents); and 行次, merged down into the 栏次 row, was taken for that row's label and left its
    # column's path, so the row numbers were emitted as figures.
    from disclosure.structure.tables import column_paths, split_grid
    s = 8.0
    heads = [("收入", 183.5, 107.3), ("支出", 562.5, 107.3), ("决算数", 666.5, 123.3),
             ("项目", 130.0, 131.3), ("行次", 238.0, 131.3), ("决算数", 287.5, 131.3), ("项目", 429.1, 131.3),
             ("行次", 537.1, 131.3), ("合计", 590.6, 139.3), ("一般公共预算", 657.7, 139.3),
             ("政府性基金预算", 733.6, 139.3), ("栏次", 142.0, 155.3), ("1", 297.3, 155.3), ("栏次", 441.1, 155.3),
             ("2", 596.4, 155.3), ("3", 679.5, 155.3), ("4", 759.4, 155.3)]
    body = [("一、本年收入", "1", "7,516.13", "一、本年支出", "6", "7,516.13", "6,809.19", "706.94"),
            ("（一）一般公共预算拨款", "2", "6,809.19", "（一）教育支出", "7", "1,312.81", "1,312.81", "0.00"),
            ("（二）政府性基金预算拨款", "3", "706.94", "（二）社会保障和就业支出", "8", "674.96", "674.96", "0.00"),
            ("收入总计", "4", "7,516.13", "支出总计", "9", "7,516.13", "6,809.19", "706.94")]
    w = s * 0.55
    runs = [chars(t, x, top, size=s, width=s if ord(t[0]) > 0x2E80 else w) for t, x, top in heads]
    lefts = [45.0, 243.8, None, 344.1, 542.9, None, None, None]
    rights = [None, None, 316.0, None, None, 615.0, 698.0, 781.0]  # figures set right
    for r, row in enumerate(body):
        for t, x, right in zip(row, lefts, rights):
            runs.append(chars(t, x, 171.5 + 16.8 * r, size=s, width=s) if x is not None and ord(t[0]) > 0x2E80
                        else chars(t, x if x is not None else right - w * len(t), 171.5 + 16.8 * r, size=s, width=w))
    rules = [(102.4, 42.0, 799.9), (166.4, 42.0, 799.9), (243.7, 42.0, 799.9)]
    grids, _, _ = aligned.grids([c for run in runs for c in run], 5, rules, None)
    assert len(grids) == 1
    grid = [[c.text if c else "" for c in row] for row in grids[0].matrix()]
    assert grid[0] == ["收入"] * 3 + ["支出"] * 5
    assert grid[-1] == ["收入总计", "4", "7,516.13", "支出总计", "9", "7,516.13", "6,809.19", "706.94"]
    fragment = split_grid(grids[0], False)
    assert len(fragment.body) == 4
    assert column_paths(fragment.header, 8) == [
        "收入/项目", "收入/行次", "收入/决算数", "支出/项目", "支出/行次", "支出/决算数/合计", "支出/决算数/一般公共预算",
        "支出/决算数/政府性基金预算"]


def test_a_tall_header_over_a_column_number_line_under_a_rule_is_the_header():
    # U036-00020 p.7 (three-line rules, the 编制单位 line ruled off above): 收入 | 支出 over 项目 | 行次 |
    # 预算数 over 合计 | 一般公共 / 预算 | 政府性 / 基金预 / 算, over 栏次 | 1 | 栏次 | 2 | 3 | 4: 94 points
    # between the rule under the 编制单位 line and the rule under the 栏次 line, more than a header's
    # usual ten lines, so the rule under the headings was taken for the table's top and the table
    # read without a header (typed other, every amount under no column). A 栏次 line stands only at
    # a header's foot: the lines over it up to the rule are the header.
    s = 9.0
    w = s * 0.55
    heads = [("编制单位：酒泉市肃州区卫生健康委员会", 45.0, 100.2), ("单位：万元", 505.3, 100.2),
             ("收入", 142.0, 117.9), ("支出", 397.6, 117.9), ("预算数", 482.0, 135.9),
             ("项目", 108.9, 155.8), ("行次", 197.8, 155.8), ("预算数", 226.4, 155.8), ("项目", 326.9, 155.8),
             ("行次", 415.8, 155.8), ("一般公共", 480.0, 159.2), ("政府性", 522.2, 153.6),
             ("合计", 448.8, 164.8), ("基金预", 522.2, 164.8), ("预算", 489.0, 170.4), ("算", 531.2, 176.1),
             ("栏次", 121.9, 193.7), ("1", 237.4, 193.7), ("栏次", 339.9, 193.7), ("2", 455.4, 193.7),
             ("3", 495.5, 193.7), ("4", 533.2, 193.7)]
    body = [("一、本年收入", "1", "8829.43", "一、本年支出", "6", "8829.43", "8397.62", "431.81"),
            ("（一）一般公共预算拨款", "2", "8397.62", "（一）公共安全支出", "7", "3362.75", "3362.75", ""),
            ("（二）政府性基金预算拨款", "3", "431.81", "（二）城乡社区支出", "8", "431.81", "", "431.81"),
            ("收入总计", "4", "8829.43", "支出总计", "9", "8829.43", "8397.62", "431.81")]
    runs = [chars(t, x, top, size=s, width=s if ord(t[0]) > 0x2E80 else w) for t, x, top in heads]
    lefts = [45.0, 196.8, None, 263.0, 414.8, None, None, None]
    rights = [None, None, 258.0, None, None, 477.0, 517.0, 553.0]  # figures set right
    for r, row in enumerate(body):
        for t, x, right in zip(row, lefts, rights):
            if t:
                runs.append(chars(t, x, 211.9 + 18.9 * r, size=s, width=s) if x is not None and ord(t[0]) > 0x2E80
                            else chars(t, x if x is not None else right - w * len(t), 211.9 + 18.9 * r, size=s, width=w))
    rules = [(94.4, 42.0, 553.3), (112.4, 42.0, 553.3), (206.1, 42.0, 553.3), (292.0, 42.0, 553.3)]
    grids, _, _ = aligned.grids([c for run in runs for c in run], 7, rules, None)
    assert len(grids) == 1
    grid = [[c.text.replace("\n", "") if c else "" for c in row] for row in grids[0].matrix()]
    assert grid[0] == ["收入"] * 3 + ["支出"] * 5
    assert grid[-1] == ["收入总计", "4", "8829.43", "支出总计", "9", "8829.43", "8397.62", "431.81"]
    from disclosure.structure.tables import column_paths, split_grid
    fragment = split_grid(grids[0], False)
    assert len(fragment.body) == 4
    assert column_paths(fragment.header, 8)[5:] == ["支出/预算数/合计", "支出/预算数/一般公共预算", "支出/预算数/政府性基金预算"]


def test_a_column_number_is_not_the_ink_a_side_heading_is_centred_on():
    # U036-00011 p.2 (three-line rules, figures set left in wide cells): 支出 centred over 项目 | 行次 |
    # 预算数, the 栏次 line under them printing 2 centred in the amount's cell. Taken for the amount
    # column's lowest heading, that narrow 2 (not 预算数) ended the column's ink, the side looked off
    # centre under 支出, and 支出 stood over 行次 alone: every expenditure amount lost its side's heading.
    s = 8.0
    w = s * 0.55
    heads = [("收入", 223.5, 109.9), ("支出", 602.4, 109.9), ("项目", 130.0, 125.9), ("行次", 238.0, 125.9),
             ("预算数", 327.5, 125.9), ("项目", 508.9, 125.9), ("行次", 616.9, 125.9), ("预算数", 706.4, 125.9),
             ("栏次", 142.0, 141.9), ("1", 337.3, 141.9), ("栏次", 520.9, 141.9), ("2", 716.2, 141.9)]
    body = [("一、一般公共预算拨款收入", "1", "6341.3700", "一、社会保障和就业支出", "9", "2075.5628"),
            ("二、政府性基金预算拨款收入", "2", "63.6326", "二、卫生健康支出", "10", "718.6797"),
            ("三、事业收入", "3", "130.7489", "本年支出合计", "11", "2794.2425"),
            ("收入总计", "4", "6535.7515", "支出总计", "12", "2794.2425")]
    runs = [chars(t, x, top, size=s, width=s if ord(t[0]) > 0x2E80 else w) for t, x, top in heads]
    for r, row in enumerate(body):
        for t, x in zip(row, (45.0, 243.8, 261.0, 423.9, 622.7, 639.9)):  # figures set left
            runs.append(chars(t, x - (w if len(t) == 2 and t.isdigit() else 0), 158.1 + 16.8 * r, size=s,
                              width=s if ord(t[0]) > 0x2E80 else w))
    rules = [(105.0, 42.0, 799.9), (153.0, 42.0, 799.9), (227.0, 42.0, 799.9)]
    grids, _, _ = aligned.grids([c for run in runs for c in run], 2, rules, None)
    assert len(grids) == 1
    grid = [[c.text if c else "" for c in row] for row in grids[0].matrix()]
    assert grid[0] == ["收入"] * 3 + ["支出"] * 3
    assert grid[-1] == ["收入总计", "4", "6535.7515", "支出总计", "12", "2794.2425"]


def test_code_part_headings_on_the_column_number_line_of_a_continuation_stay_headings():
    # U036-00001 p.6: the column-wise 续表 of a 收入决算表 (事业收入 | 其他收入, its headings a row fewer
    # than the first part's) prints 类 | 款 | 项 on the line of 栏次 | 4 | 5. That line, a row numbering
    # the columns, was dropped whole from the header, 类 | 款 | 项 with it: the label columns' paths
    # (科目编码) no longer matched the first part's (科目编码/类), and the 续表 was not joined (typed
    # other, 10-14 amounts a document). Only the numbering cells leave the paths.
    from disclosure.structure.tables import column_paths
    code = Cell("科目编码", 0, 0, 1, 3)
    name = Cell("科目名称", 0, 3)
    header = [[code, code, code, name, Cell("事业收入", 0, 4), Cell("其他收入", 0, 5)],
              [Cell("类", 1, 0), Cell("款", 1, 1), Cell("项", 1, 2), Cell("栏次", 1, 3), Cell("4", 1, 4), Cell("5", 1, 5)]]
    assert column_paths(header, 6) == ["科目编码/类", "科目编码/款", "科目编码/项", "科目名称", "事业收入", "其他收入"]
    # the first part: 栏次 | 1 | 2 | 3 on a line of its own, under 类 | 款 | 项
    first = [[code, code, code, name, Cell("合计", 0, 4), Cell("财政拨款收入", 0, 5, 1, 2), None],
             [Cell("类", 1, 0), Cell("款", 1, 1), Cell("项", 1, 2), None, None, Cell("一般公共预算", 1, 5),
              Cell("政府性基金预算", 1, 6)],
             [None, None, None, Cell("栏次", 2, 3), Cell("1", 2, 4), Cell("2", 2, 5), Cell("3", 2, 6)]]
    first[0][6] = first[0][5]
    first[1][3], first[1][4] = name, first[0][4]
    assert column_paths(first, 7)[:5] == ["科目编码/类", "科目编码/款", "科目编码/项", "科目名称", "合计"]
    assert column_paths(first, 7)[5:] == ["财政拨款收入/一般公共预算", "财政拨款收入/政府性基金预算"]


def test_a_continuation_whose_labels_reach_down_over_the_column_number_line_is_joined():
    # U036-00004 pp.4-5: 部门收入总表 too wide for its page, its 事业收入 | 其他收入 on the next (续表),
    # the row labels printed again. The first part's headings take three rows (财政拨款收入 over
    # 一般公共预算 | 政府性基金预算, then 栏次 | 1 | 2 | 3), the 续表's two; its first heading row reaching
    # down the extra one, 科目名称 stood where the first part prints 栏次, the label columns did not
    # match row for row and the 续表 was read as a second side (left | right), its rows' codes lost.
    from disclosure.structure import lattice
    left = Grid(5, 5, [Cell("科目编码", 0, 0, 3), Cell("科目名称", 0, 1), Cell("合计", 0, 2), Cell("财政拨款收入", 0, 3, 1, 2),
                       Cell("一般公共预算", 1, 3), Cell("政府性基金预算", 1, 4), Cell("栏次", 1, 1, 2), Cell("1", 1, 2, 2),
                       Cell("2", 2, 3), Cell("3", 2, 4),
                       Cell("", 3, 0), Cell("合 计", 3, 1), Cell("1,000.00", 3, 2), Cell("900.00", 3, 3), Cell("", 3, 4),
                       Cell("205", 4, 0), Cell("教育支出", 4, 1), Cell("1,000.00", 4, 2), Cell("900.00", 4, 3), Cell("", 4, 4)])
    right = Grid(4, 4, [Cell("科目编码", 0, 0, 2), Cell("科目名称", 0, 1), Cell("事业收入", 0, 2), Cell("其他收入", 0, 3),
                        Cell("栏次", 1, 1), Cell("4", 1, 2), Cell("5", 1, 3),
                        Cell("", 2, 0), Cell("合 计", 2, 1), Cell("60.00", 2, 2), Cell("40.00", 2, 3),
                        Cell("205", 3, 0), Cell("教育支出", 3, 1), Cell("60.00", 3, 2), Cell("40.00", 3, 3)])
    whole = lattice.beside(left, right, (3, 2), (2, 2), (0, 0))
    assert whole is not None and whole.n_cols == 7
    m = whole.matrix()
    assert [c.text if c else "" for c in m[4]] == ["205", "教育支出", "1,000.00", "900.00", "", "60.00", "40.00"]
    assert [c.text for c in m[0][5:]] == ["事业收入", "其他收入"]


def test_a_column_number_under_a_heading_centred_down_makes_no_group_of_it():
    # U034-00025 p.2 (no rules): 合计 centred down beside 财政拨款收入 over 一般公共预算 | 政府性基金预 / 算,
    # the 栏次 line under them all (its figures set at the cells' left). The 1 under 合计 was taken for
    # a heading under it, so 合计 looked a group heading, not 财政拨款收入's sibling: 财政拨款收入
    # stood over 合计 too, and 合计 over 一般公共预算 (paths 财政拨款收入/合计/一般公共预算 twice).
    s = 9.0
    w = s * 0.55
    heads = [("财政拨款收入", 446.4, 397.2), ("科目编码", 45.4, 411.5), ("科目名称", 174.7, 411.5), ("合计", 338.2, 411.5),
             ("政府性基金预", 492.9, 414.9), ("一般公共预算", 413.1, 420.5), ("算", 515.4, 426.1),
             ("栏次", 162.3, 443.7), ("1", 344.7, 443.7), ("2", 437.6, 443.7), ("3", 517.4, 443.7)]
    body = [("", "合 计", "55,037,133", "54,012,493", "-"), ("208", "社会保障和就业支出", "8,780,479", "8,780,479", "-"),
            ("20801", "人力资源和社会保障管理事务", "8,780,479", "8,780,479", "-"),
            ("2080103", "机关服务", "8,780,479", "8,780,479", "-")]
    runs = [chars(t, x, top, size=s, width=s if ord(t[0]) > 0x2E80 else w) for t, x, top in heads]
    for r, row in enumerate(body):
        top = 461.2 + 18.9 * r
        for k, t in enumerate(row):
            if not t:
                continue
            if k < 2:
                runs.append(chars(t, (45.0, 87.7)[k], top, size=10.0, width=10.0 if k else 5.5))
            else:  # figures set right
                runs.append(chars(t, (396.5, 489.5, 553.0)[k - 2] - 5.5 * len(t), top, size=10.0, width=5.5))
    grids, _, _ = aligned.grids([c for run in runs for c in run], 2, [], None)
    assert len(grids) == 1
    from disclosure.structure.tables import column_paths, split_grid
    fragment = split_grid(grids[0], False)
    assert len(fragment.body) == 4
    assert column_paths(fragment.header, 5) == ["科目编码", "科目名称", "合计", "财政拨款收入/一般公共预算",
                                                "财政拨款收入/政府性基金预算"]


def test_a_title_naming_its_department_wrapped_before_its_qualifier_or_mid_word_is_read_whole():
    """U020-00000 pp.10-11 (axes title_variants and org_after_year, Writer): a title wider than the
    page, the department's name in it, wraps before its qualifier (…基本支出明细表 / （按经济科目）) or
    inside a word (…经费及会议 / 费、培训费支出预算表). The qualifier alone was taken for the end of a
    wrapped department name and the table left untitled (typed other); the tail 费、培训费支出预算表,
    a 支出预算表 alone, was longer than the short tails joined and typed the 三公 table as an
    expenditure summary."""
    dept = "编制单位：安庆市大观区人力资源和社会保障局　　　　单位：元"
    ctx = read_context(["2021 年安庆市大观区人力资源和社会保障局一般公共预算当年拨款基本支出明细表", "（按经济科目）", dept])
    assert (ctx.title, ctx.unit, ctx.used) == (
        "2021年安庆市大观区人力资源和社会保障局一般公共预算当年拨款基本支出明细表（按经济科目）", "元", 3)
    ctx = read_context(["2021 年安庆市大观区人力资源和社会保障局一般公共预算拨款“三公”经费及会议", "费、培训费支出预算表", dept])
    assert (ctx.title, ctx.used) == ("2021年安庆市大观区人力资源和社会保障局一般公共预算拨款“三公”经费及会议费、培训费支出预算表", 3)
    # a line before a whole title that is no start of it stays apart; a 续表 mark is no qualifier
    ctx = read_context(["2021年部门预算公开", "一般公共预算支出表", "单位：元"])
    assert ctx.title == "一般公共预算支出表"


def _colwise_pdf(path, split_first=7, split_cont=6):
    """Four landscape pages: 部门收入决算表 over pp.1-2 (合计 | 财政拨款收入), its further columns
    (事业收入 | 其他收入) as a 续表 over pp.3-4, the labels printed again, indented by level, each
    page under its heading line. The 续表 prints figures only in some groups: each of its pages
    opens with rows of blank cells (no figure to tell them from headings)."""
    rows = [(0, "社会保障和就业支出", "12.00", "12.00", "", ""), (1, "人力资源和社会保障管理事务", "12.00", "12.00", "", ""),
            (2, "劳动关系和维权", "12.00", "12.00", "", ""), (0, "卫生健康支出", "10.00", "8.00", "", "2.00"),
            (1, "卫生健康管理事务", "10.00", "8.00", "", "2.00"), (2, "行政运行", "10.00", "8.00", "", "2.00"),
            (0, "交通运输支出", "6.00", "6.00", "", ""), (1, "民用航空运输", "6.00", "6.00", "", ""),
            (2, "行政运行", "6.00", "6.00", "", ""), (0, "住房保障支出", "9.00", "4.00", "5.00", ""),
            (1, "住房改革支出", "9.00", "4.00", "5.00", ""), (2, "住房公积金", "9.00", "4.00", "5.00", ""),
            (0, "合计", "37.00", "30.00", "5.00", "2.00")]

    def draw(c):
        c.setFont("STSong-Light", 9)

        def page(part, heads, first, last, cols):
            c.setFont("STSong-Light", 9)
            if first == 0 and part == 0:
                c.setFont("STSong-Light", 14)
                c.drawCentredString(421, 595 - 50, "附表2：部门收入决算表")
                c.setFont("STSong-Light", 9)
                c.drawRightString(800, 595 - 75, "单位：万元")
            if first == 0 and part == 1:
                c.drawRightString(800, 595 - 75, "续表")
            for x, h in zip((150, 420, 650), heads):
                c.drawCentredString(x, 595 - 100, h)
            for i, (lvl, name, *vals) in enumerate(rows[first:last]):
                y = 595 - 130 - 20 * i
                c.drawString(45 + 10 * lvl, y, name)
                for x, v in zip((520, 780), vals[cols]):
                    if v:
                        c.drawRightString(x, y, v)
            c.showPage()

        page(0, ("功能分类科目", "合计", "财政拨款收入"), 0, split_first, slice(0, 2))
        page(0, ("功能分类科目", "合计", "财政拨款收入"), split_first, len(rows), slice(0, 2))
        page(1, ("功能分类科目", "事业收入", "其他收入"), 0, split_cont, slice(2, 4))
        page(1, ("功能分类科目", "事业收入", "其他收入"), split_cont, len(rows), slice(2, 4))

    return drawn_pdf(path, draw, size=(842, 595))


def test_rows_of_blank_cells_opening_a_pages_table_are_rows_under_its_heading_line(tmp_path):
    """U008-00063 p.6: a 续表 page opens with eight label rows of blank cells (社会保障和就业支出 …
    机关服务) over the first row printing a figure. The aligned reader took them for eight header
    lines (as many as a header may have), left the real heading line above (功能分类科目 | 事业收入 |
    其他收入) as text and, with no heading over the label column, joined label-only rows further
    down as wrapped labels (机关服务 / 其他交通运输支出). Label lines set at the body's row pitch and
    at its labels' indents, under a heading line reaching past them, are rows."""
    from disclosure.extract.pdf import read_pdf

    doc = read_pdf(_colwise_pdf(tmp_path / "c.pdf"))
    grid = next(b for b in doc.pages[2].blocks if isinstance(b, Grid))
    got = [[c.text if c else "" for c in row] for row in grid.matrix()]
    assert got[0] == ["功能分类科目", "事业收入", "其他收入"]
    assert got[1:] == [["社会保障和就业支出", "", ""], ["人力资源和社会保障管理事务", "", ""], ["劳动关系和维权", "", ""],
                       ["卫生健康支出", "", "2.00"], ["卫生健康管理事务", "", "2.00"], ["行政运行", "", "2.00"]]


def test_a_continued_table_whose_pages_open_with_rows_of_blank_cells_joins_its_first_part(tmp_path):
    """U008-00063 pp.6-7, U023-00021 pp.5-6: the 续表 of a 收入决算表's further columns runs over two
    pages, each opening with rows of blank cells under the repeated heading line. The split takes
    those rows for more header on each page (different rows on each), so the second page's header
    did not repeat the first's: its heading line was read as a body row and the 续表 stood alone,
    typed other (12 and 27 amounts). The heading rows repeated over rows of blank cells on both
    pages go; the rows join the first part's by their labels."""
    from disclosure import api

    doc = api.extract(str(_colwise_pdf(tmp_path / "c.pdf")))
    assert [t.type for t in doc.tables] == ["income_summary"]
    t = doc.tables[0]
    assert t.columns == ["功能分类科目", "合计", "财政拨款收入", "事业收入", "其他收入"]
    got = [(r.name, [(v.column, v.amount.printed) for v in r.values if v.amount.printed]) for r in t.rows]
    assert got[0] == ("社会保障和就业支出", [("合计", "12.00"), ("财政拨款收入", "12.00")])
    assert got[5] == ("行政运行", [("合计", "10.00"), ("财政拨款收入", "8.00"), ("其他收入", "2.00")])
    assert got[8] == ("行政运行", [("合计", "6.00"), ("财政拨款收入", "6.00")])
    assert got[-1] == ("合计", [("合计", "37.00"), ("财政拨款收入", "30.00"), ("事业收入", "5.00"), ("其他收入", "2.00")])
    assert len(got) == 13


@pytest.mark.parametrize("split_cont", [9, 11, 12])
def test_a_continued_table_whose_first_page_alone_opens_with_rows_of_blank_cells_joins_its_first_part(tmp_path, split_cont):
    """The 续表 of a 收入决算表's further columns over two pages, its first page opening with rows
    of blank cells under the heading line, its second opening with figures (住房保障支出 5.00, or
    only its 合计: U020-00100 pp.5-6). The split took the first page's blank rows for more header,
    so the second page's header (the heading line alone) repeated only its first row: it was read
    as a body row and the 续表 stood alone, typed other. A header repeating the first page's
    leading rows, where the first page's goes on with rows of blank cells only, is the repeated
    heading: it goes, and the rows join the first part's by their labels. (Split after 11 rows,
    the second page prints 住房公积金, a 项 indented past 合计 set left, and 合计: the 合计 was
    read as a column of its own, left of every other piece, as 收入总计 alone on a summary's last
    page is.)"""
    from disclosure import api

    doc = api.extract(str(_colwise_pdf(tmp_path / "c.pdf", split_cont=split_cont)))
    assert [t.type for t in doc.tables] == ["income_summary"]
    t = doc.tables[0]
    assert t.columns == ["功能分类科目", "合计", "财政拨款收入", "事业收入", "其他收入"]
    got = [(r.name, [(v.column, v.amount.printed) for v in r.values if v.amount.printed]) for r in t.rows]
    assert len(got) == 13
    assert got[5] == ("行政运行", [("合计", "10.00"), ("财政拨款收入", "8.00"), ("其他收入", "2.00")])
    assert got[9] == ("住房保障支出", [("合计", "9.00"), ("财政拨款收入", "4.00"), ("事业收入", "5.00")])
    assert got[-1] == ("合计", [("合计", "37.00"), ("财政拨款收入", "30.00"), ("事业收入", "5.00"), ("其他收入", "2.00")])


def test_a_heading_wrapped_in_a_narrow_code_column_beside_another_table_is_one_heading(tmp_path):
    """U024-00011 p.9, U020-00051 p.11 (two tables side by side, 三公 | 机关运行经费, each under a
    栏次 line): 科目代码 wraps in the narrow code column (科目代 / 码) beside 科目名称 | 决算数 centred
    down both lines. The page's lines run across both tables, so the code column's cell reaches
    back to the blank before the left table's last column and the heading's first line, as wide
    as the codes under it, filled less than six tenths of it: 码 was read as a heading of a row of
    its own, beside the 栏次 line, and the codes (302-01) were split into a code and a name, or
    the table into two sides (7 amounts each). A heading line as wide as its column's printed
    text fills its cell, and the line under it goes on with it."""
    from disclosure.extract.pdf import read_pdf

    H = 595

    def draw(c):
        c.setFont("STSong-Light", 9)

        def at(x, top, text, how="l"):
            y = H - top - 8
            {"l": c.drawString, "c": c.drawCentredString, "r": c.drawRightString}[how](x, y, text)

        at(141, 92.1, "项目", "c")
        at(264.5, 92.1, "决算数", "c")
        at(141, 110.1, "栏次", "c")
        at(264.5, 110.1, "1", "c")
        for i, (name, v) in enumerate([("合计", "3,133,780"), ("1.因公出国（境）费", "48,554"),
                                       ("2.公务用车购置及运行费", "1,585,328"), ("3.公务接待费", "1,499,898")]):
            at(45, 128 + 16 * i, name)
            at(282, 128 + 16 * i, v, "r")
        at(312, 91.8, "科目代")
        at(321, 103.0, "码")
        at(425, 97.4, "科目名称", "c")
        at(529.5, 97.4, "决算数", "c")
        at(407, 120.6, "栏次", "c")
        at(529.5, 120.6, "1", "c")
        for i, (code, name, v) in enumerate([("302-01", "办公费", "1,653,604"), ("302-11", "差旅费", "1,733,962"),
                                             ("302-17", "公务接待费", "1,499,898"), ("302-99", "其他商品和服务支出", "1,394,846")]):
            at(311, 138 + 16 * i, code)
            at(350, 138 + 16 * i, name)
            at(549, 138 + 16 * i, v, "r")

    doc = read_pdf(drawn_pdf(tmp_path / "s.pdf", draw, size=(600, H)))
    cells = [c for b in doc.pages[0].blocks if isinstance(b, Grid) for c in b.cells]
    texts = {c.text for c in cells}
    assert "科目代\n码" in texts and "码" not in texts and "科目代" not in texts
    rows = [[c.text if c else "" for c in row] for b in doc.pages[0].blocks if isinstance(b, Grid) for row in b.matrix()]
    # (read as one grid across the page here: the structure parts the tables side by side)
    assert [r[-3:] for r in rows[:2]] == [["科目代\n码", "科目名称", "决算数"], ["科目代\n码", "栏次", "1"]]
    assert ["302-01", "办公费", "1,653,604"] in [r[-3:] for r in rows]


def test_tables_side_by_side_part_before_the_right_tables_code_column_whatever_the_titles_middles():
    """U020-00230 p.10 (side by side, dotted codes): the 三公 table's title is too long for its half
    of the page and runs on into the 机关运行经费 table's, so the place nearest half way between the
    titles' middles fell between 科目代码 and 科目名称 of the right table: its codes (302.01) were
    read as a column of the left table's figures and 7 amounts lost their codes. A table begins
    with its label columns: the grid parts where a column headed as labels follows one that is not."""
    left_title = "附表7：2020年一般公共预算拨款“三公”经费及会议费、培训费支出预算表"
    right_title = "附表8：2020年一般公共预算拨款机关运行经费预算表"
    cs = chars(left_title, 80, 82, 12)
    cs += chars(right_title, cs[-1]["x1"], 82, 12)
    cs += chars("项目", 100, 100) + chars("预算数", 290, 100) + chars("科目代码", 384, 100) + chars("科目名称", 470, 100) \
        + chars("预算数", 680, 100)
    left = [("合计", "8,782,849"), ("1.因公出国（境）费", "0"), ("2.公务用车购置及运行费", "3,054,310"), ("3.公务接待费", "5,728,539")]
    right = [("302.01", "办公费", "4,391,880"), ("302.04", "手续费", "1,370,081"), ("302.11", "差旅费", "2,356,743"),
             ("302.17", "公务接待费", "5,728,539")]
    for i, ((a, fa), (code, name, fb)) in enumerate(zip(left, right)):
        top = 120 + 18 * i
        cs += chars(a, 45, top) + chars(fa, 330 - 4.5 * len(fa), top)
        cs += chars(code, 384, top) + chars(name, 470, top) + chars(fb, 720 - 4.5 * len(fb), top)
    grids, rest, _ = aligned.grids(cs, 10, [])
    pairs = layout.lines_with_chars(rest, 10)
    parts = layout.split_under_titles(pairs, grids)
    got = [[[c.text if c else "" for c in row] for row in g.matrix()][:2] for g in parts]
    assert got == [[["项目", "预算数"], ["合计", "8,782,849"]],
                   [["科目代码", "科目名称", "预算数"], ["302.01", "办公费", "4,391,880"]]]


def test_a_wrapped_heading_past_the_last_column_beside_one_centred_on_its_lines_heads_a_blank_column():
    """U020-00331 p.2 (收入总表, borderless): 其他 / 收入 wrapped on two lines right of 事业收入,
    which is centred between those lines; the 其他收入 column is blank in every row. Not on one
    line with 事业收入, 其他收入 headed no column of its own: its lines were read into 事业收入's
    heading (其他 / 事业收入 / 收入) and every 事业收入 amount was under the wrong column."""
    s = 10.0
    head = [chars("财政拨款收入", 394.8, 70.5, s), chars("科目编", 47.2, 79.7, s), chars("其他", 527.9, 79.7, s),
            chars("科目名称", 182.3, 86.0, s), chars("合计", 338.5, 86.0, s), chars("一般公共", 380.9, 89.7, s),
            chars("政府性基", 431.0, 89.7, s), chars("事业收入", 478.7, 86.0, s), chars("码", 57.2, 92.2, s),
            chars("收入", 527.9, 92.2, s), chars("预算", 390.9, 102.2, s), chars("金预算", 436.0, 102.2, s)]

    def right(t, x1, top):
        return chars(t, x1 - 5.0 * len(t), top, s, width=5.0)
    body = []
    for i, (code, name, total, gen, fund, biz) in enumerate([
            ("208", "社会保障和就业支出", "8,692,624", "8,459,651", "", "232,973"),
            ("20801", "人力资源和社会保障管理事务", "8,692,624", "8,459,651", "", "232,973"),
            ("2080112", "劳动人事争议调解仲裁", "3,464,982", "3,464,982", "", ""),
            ("212", "城乡社区支出", "6,928,096", "", "6,928,096", "")]):
        top = 130 + 21 * i
        body += [chars(code, 62.0 - 2.5 * len(code), top, s, width=5.0), chars(name, 85.3, top, s),
                 right(total, 369.4, top)]
        body += [right(v, x1, top) for v, x1 in ((gen, 421.8), (fund, 469.5), (biz, 517.3)) if v]
    rows = read(*head, *body)
    heads = ["".join(dict.fromkeys(r[k].replace("\n", "") for r in rows[:-4] if r[k])) for k in range(len(rows[0]))]
    assert heads[-2:] == ["事业收入", "其他收入"], heads
    assert rows[-4][-2:] == ["232,973", ""] and rows[-1][-3:] == ["6,928,096", "", ""]


def test_an_amount_set_left_beside_a_blank_cell_of_a_column_set_left_stays_in_its_cell():
    """U020-00249 p.5 (Writer, ruled, amounts set left): 1742846.88 under 政府性基金预算 starts
    2.4 points right of its rule, the 一般公共预算 cell on its left blank. The figures of that column
    all begin at 436.0 and end at 483.0 or 487.9, the longer within a character of the rule: the
    column is set left, so nothing was pushed over it; the figure was moved under 一般公共预算."""
    xs = [236.3, 371.6, 433.6, 495.6, 567.0]
    occupancy = {(r, c): 4 * r + c for r in range(6) for c in range(4)}
    lines = [("一、本年支出", "46752598.22", "45009751.34", "1742846.88"),
             ("（一）教育支出", "8914651.78", "8914651.78", ""),
             ("（二）科学技术支出", "5151118.85", "5151118.85", ""),
             ("（四）医疗卫生与计划生育支出", "14581413.30", "14581413.30", ""),
             ("（五）城乡社区支出", "1742846.88", "", "1742846.88"),
             ("（六）住房保障支出", "10016221.35", "10016221.35", "")]
    placed = []
    for r, row in enumerate(lines):
        for c, (text, x) in enumerate(zip(row, (238.6, 373.9, 436.0, 498.0))):
            for ch in chars(text, x, 324 + 29 * r, width=4.7 if c else None):
                placed.append((len(placed), ch, r, c))
    out = layout._pushed_over(placed, xs, occupancy)
    assert {c for _, ch, r, c in out if r == 4 and ch["text"].isdigit()} == {1, 3}
    # set right (every figure ending against its rule), a figure against the rule on the right
    # of a blank cell is one pushed over, and goes back
    placed = [(i, dict(ch, x0=ch["x0"] + (493.0 - 4.7 * len(t) - 436.0), x1=ch["x1"] + (493.0 - 4.7 * len(t) - 436.0)), r, c)
              if c == 2 else (i, ch, r, c)
              for (i, ch, r, c), t in zip(placed, [lines[r][c] for _, _, r, c in placed])]
    out = layout._pushed_over(placed, xs, occupancy)
    assert {c for _, ch, r, c in out if r == 4 and ch["text"].isdigit()} == {1, 2}


@pytest.mark.parametrize("numbered", [True, False])
def test_coded_rows_of_blank_cells_over_a_pages_only_figures_the_total_are_rows(numbered):
    """U020-00100 p.6 (a 收入预算总表's further columns, 事业收入 | 其他收入, continued column-wise):
    the 续表's last page prints 221 住房保障支出 … 2210203 购房补贴 with blank cells and then 合计
    618,505.57 | 860,759.56, its only figures. With one body line, the coded rows were taken for
    header lines (under the 栏次 | 4 | 5 line, or without one) and the page was read as a table of
    its own, typed other. A line opening with a code and a name is a row, never a heading, and
    so is every line under the line numbering the columns."""
    top = 80 if numbered else 100
    head = [chars("科目代码", 50, top), chars("科目名称", 170, top), chars("事业收入", 385, top), chars("其他收入", 650, top)]
    if numbered:
        head += [chars("栏次", 180, 100), chars("4", 402, 100), chars("5", 667, 100)]
    body = []
    for i, (code, name) in enumerate([("221", "住房保障支出"), ("22102", "住房改革支出"), ("2210201", "住房公积金"),
                                      ("2210202", "提租补贴"), ("2210203", "购房补贴")]):
        top = 120 + 17 * i
        body += [chars(code, 50, top), chars(name, 90 + 9 * (len(code) - 3), top)]
    body += [chars("合计", 90, 205), chars("618,505.57", 300, 205), chars("860,759.56", 560, 205)]
    rows = read(*head, *body)
    assert [r[-3:] for r in rows[-6:]] == [["住房保障支出", "", ""], ["住房改革支出", "", ""], ["住房公积金", "", ""],
                                           ["提租补贴", "", ""], ["购房补贴", "", ""], ["合计", "618,505.57", "860,759.56"]]
    assert [r[0] for r in rows[-6:-1]] == ["221", "22102", "2210201", "2210202", "2210203"]
    assert rows[0][-2:] == ["事业收入", "其他收入"]


def test_name_rows_of_blank_cells_over_a_pages_only_figures_the_total_are_rows():
    """The kind of U020-00100 p.6 with names alone (no code, no 栏次 line): a 续表's last page prints
    住房保障支出 … 购房补贴 (indented by level) with blank cells, then 合计 and its figures. With one
    body line there is no row pitch to tell them from header lines: they were read as headings,
    事业收入 and 其他收入 centred down them. Lines of one name each, at or right of the body's
    labels, each a row's pitch (1.6 characters or more) over the next down to the 合计 line, are
    rows; a wrapped heading's lines stand closer."""
    head = [chars("功能分类科目", 60, 100), chars("事业收入", 385, 100), chars("其他收入", 650, 100)]
    body = []
    for i, (lvl, name) in enumerate([(0, "住房保障支出"), (1, "住房改革支出"), (2, "住房公积金"), (2, "提租补贴"), (2, "购房补贴")]):
        body += [chars(name, 50 + 9 * lvl, 120 + 17 * i)]
    body += [chars("合计", 50, 205), chars("618,505.57", 300, 205), chars("860,759.56", 560, 205)]
    rows = read(*head, *body)
    assert rows == [["功能分类科目", "事业收入", "其他收入"], ["住房保障支出", "", ""], ["住房改革支出", "", ""],
                    ["住房公积金", "", ""], ["提租补贴", "", ""], ["购房补贴", "", ""], ["合计", "618,505.57", "860,759.56"]]
    # a heading wrapped over two lines in the label column, set at a line's pitch, stays a heading
    head = [chars("功能分类", 60, 100), chars("事业收入", 385, 106), chars("其他收入", 650, 106), chars("科目名称", 60, 111)]
    rows = read(*head, chars("合计", 50, 130), chars("618,505.57", 300, 130), chars("860,759.56", 560, 130))
    assert rows[-1] == ["合计", "618,505.57", "860,759.56"] and len(rows) == 2


def test_integers_grouped_by_thousands_run_together_are_parted_by_their_groups():
    """U021-00044 p.4 (box-only rules, bold totals in 10 pt): on the bold rows the amounts touch
    (49,220,27049,206,378; 15,674,24313,005,102(2,669,141)); read as one piece each, they joined the
    three amount columns into one. A group after a comma has three digits: a fourth begins the
    next amount."""
    rows = []
    lines = [("合计", ["49,220,270", "49,206,378", "(13,892)"], True), ("一般公共服务支出", ["1,818,772", "1,403,471", "(415,301)"], False),
             ("住房保障支出", ["15,674,243", "13,005,102", "(2,669,141)"], True), ("住房改革支出", ["15,674,243", "13,005,102", "(2,669,141)"], False)]
    for i, (name, amounts, bold) in enumerate(lines):
        top = 100 + 16 * i
        rows.append(chars(name, 50, top))
        for k, (a, x1) in enumerate(zip(amounts, (300, 360, 420))):
            # (bold figures fill their cells: the second starts where the first ends, at 300)
            w = 4.5 if not bold else (x1 - 300) / len(a) if k == 1 else 5.5
            rows.append(chars(a, x1 - w * len(a), top, width=w))
    grid = read(*rows)
    assert [r[1:] for r in grid] == [am for _, am, _ in lines]
    from disclosure.extract.aligned import _part_figures, _Piece
    one = _Piece("1,234,567", 0, 45, 0, 9, chars("1,234,567", 0, 0, width=5))
    assert [q.text for q in _part_figures(one)] == ["1,234,567"]
    odd = _Piece("12,345678", 0, 45, 0, 9, chars("12,345678", 0, 0, width=5))
    assert [q.text for q in _part_figures(odd)] == ["12,345678"]  # 678 is no grouped amount: not parted


def ocr_word(text: str, x0: float, x1: float, top: float, bottom: float, seg: int) -> list[dict]:
    """A word as OCR gives it: its box shared out evenly among its characters, each sized 0.8 of
    the box's height (extract/ocr.read), all of one detection `seg`."""
    step = (x1 - x0) / len(text)
    return [{"text": ch, "x0": x0 + i * step, "x1": x0 + (i + 1) * step, "top": top, "bottom": bottom,
             "size": (bottom - top) * 0.8, "seg": seg * 1000, "conf": 0.99} for i, ch in enumerate(text)]


def test_a_heading_over_the_column_numbers_line_does_not_wrap_onto_its_number():
    """U001-00016 p.6 scanned (reportlab, no ruling): a 三公 table whose heading lines end over a
    栏次 | 1 | … | 6 line. Read by OCR, 小计's box reaches within 2 pt of its column's 3 (boxes are
    taller than the type, and a character's share of a box narrower than it: 小计 read as printed a
    character a line over 3) and the numbers' boxes stand a point or two below 栏次's top: 小计 and 3
    were one heading, 小计3, and 公务用车购置及运行费 stood over two columns, not three (4 amounts
    under wrong headings). A word of the line numbering the columns continues no heading, and the
    line's words are its numbers wherever their boxes' tops fall. (Positions as read on that page.)"""
    words = [("公务用车购置及运行费", 514.08, 593.28, 211.68, 222.12), ("合计", 277.92, 293.04, 217.80, 232.92),
             ("公务接待费", 731.52, 770.40, 218.16, 231.48), ("项目", 131.40, 145.80, 218.52, 232.56),
             ("因公出国（境）费", 338.76, 402.84, 219.24, 230.76), ("小计", 450.00, 465.48, 225.72, 241.20),
             ("公务用车购置费", 529.56, 584.28, 226.80, 238.68), ("公务用车运行费", 625.68, 680.04, 227.16, 238.68),
             ("栏次", 131.76, 147.24, 241.92, 257.04), ("1", 279.36, 288.36, 243.36, 255.60),
             ("2", 366.12, 375.48, 243.36, 255.24), ("3", 452.52, 463.32, 243.00, 256.32),
             ("4", 551.52, 560.88, 243.36, 255.24), ("5", 646.92, 656.64, 243.36, 255.60),
             ("6", 744.84, 754.56, 243.36, 255.24),
             ("2017年决算数", 44.28, 95.04, 258.48, 272.16), ("2782177.34", 290.16, 332.64, 259.56, 271.08),
             ("-", 402.84, 405.36, 259.92, 272.16), ("1099296.94", 464.40, 505.08, 259.56, 271.08),
             ("221155.48", 564.48, 600.84, 259.56, 271.08), ("878141.46", 660.24, 696.60, 259.56, 271.08),
             ("1682880.40", 756.00, 796.68, 259.56, 271.08),
             ("2018年决算数", 45.00, 92.88, 275.76, 289.08), ("2692756.85", 289.44, 332.28, 275.76, 288.00),
             ("-", 402.84, 405.36, 276.84, 289.08), ("1063965.02", 464.40, 506.16, 275.76, 288.36),
             ("214047.44", 563.76, 603.00, 275.40, 288.36), ("849917.58", 659.88, 697.68, 275.76, 288.36),
             ("1628791.83", 755.64, 797.40, 276.48, 287.64)]
    rows = read(*(ocr_word(t, x0, x1, top, bottom, k) for k, (t, x0, x1, top, bottom) in enumerate(words)))
    assert rows[-1] == ["2018年决算数", "2692756.85", "-", "1063965.02", "214047.44", "849917.58", "1628791.83"]
    assert rows[0][3:6] == ["公务用车购置及运行费"] * 3  # over 小计 | 公务用车购置费 | 公务用车运行费
    heads = [[r[k] for r in rows[:-2]] for k in range(7)]
    assert heads[3][-2:] == ["小计", "3"] and heads[4][-2:] == ["公务用车购置费", "4"]
    assert not any("小计" in t and "3" in t for r in rows for t in r)


def test_a_unit_line_misread_by_ocr_still_ends_the_title_above_it():
    """U001-00013 p.6 scanned: （单位：元） under the title read by OCR as （单立：元）: taken for the end
    of a wrapped department name, it stopped the context there, and the table lost its title and
    type. A whole bracketed line naming a unit after a colon states the unit, whatever the one or
    two characters before the colon were read as."""
    ctx = read_context(["附表6：一 般公共预算财政 拨款基本支出决算表", "（单立：元）"])
    assert (ctx.title, ctx.unit, ctx.used) == ("一般公共预算财政拨款基本支出决算表", "元", 2)
    from disclosure.normalize.units import find_unit
    assert find_unit("（单 位 ：万 元）") == "万元" and find_unit("(单位:万元)") == "万元"
    assert find_unit("（2019：元）") == "" and find_unit("收入合计（元）") == "元"
    assert find_unit("说明：本表金额（元）以外") == "元"  # (a bracketed unit inside a line, as before)


def test_a_unit_line_whose_colon_ocr_read_as_a_comma_still_states_the_unit():
    """rendaban-2019's scan at 200 dpi, skew 0.8: 单位：万元 under the title read by OCR as 单位，万元
    (the recogniser's reading of the colon changes with the width its batch is padded to): not
    taken for a unit line, the table lost its title, unit and type. A line ending in 单位 + a comma
    + a unit states the unit; a prose line going on after it (单位，元旦…) does not."""
    ctx = read_context(["收支预算 总表", "公开表一", "部门， 江 苏省人 大常委会 办公厅 单位， 万元"])
    assert (ctx.title, ctx.number, ctx.unit, ctx.used) == ("收支预算总表", "公开表一", "万元", 3)
    from disclosure.normalize.units import find_unit, states_unit
    assert find_unit("部门：江苏省人大常委会办公厅 单位，万元") == "万元"
    assert find_unit("（金额单位,元）") == "元" and states_unit("单位，万元")
    assert find_unit("部门，江苏省人大常委会办公厅单位，万元") == "万元"  # the 部门 line joined, spaces dropped
    assert find_unit("本单位，元旦期间值班") == "" and find_unit("各单位，万元以上的采购") == ""
    assert not states_unit("下属单位，元旦前")


def _vertical_head_pdf(path):
    """Two portrait pages, drawn without rules as U020-00935 pp.5-6 prints them: the title, the
    header and the 合计 row of a 一般公共预算财政拨款支出决算表 end page 1 (科目编码 over 类 | 款 | 项, 科目名称
    centred far right of where the names stand, 2023年决算数 | 2024年决算数 | 增减额 | 增减率(%) each set
    a character a line, the figures centred); its rows, codes in 类 | 款 | 项 columns and names set
    left, fill page 2 under no header."""
    rows = [("208", "", "", "社会保障和就业支出", "2,877,432.39", "2,472,881.10", "-404,551.29", "-14.06"),
            ("208", "01", "", "人力资源和社会保障管理事务", "2,877,432.39", "2,472,881.10", "-404,551.29", "-14.06"),
            ("208", "01", "11", "公共就业服务和职业技能鉴定机构", "2,877,432.39", "2,472,881.10", "-404,551.29", "-14.06"),
            ("210", "", "", "卫生健康支出", "7,779,189.48", "8,031,580.30", "252,390.82", "3.24"),
            ("210", "01", "", "卫生健康管理事务", "7,779,189.48", "8,031,580.30", "252,390.82", "3.24"),
            ("210", "01", "02", "一般行政管理事务", "7,779,189.48", "8,031,580.30", "252,390.82", "3.24")]
    total = ("合计", "10,656,621.87", "10,504,461.40", "-152,160.47", "-1.43")
    mids = (366.5, 427.5, 488.1, 535.7)  # the figures' and the vertical headings' middles

    def y(top, size=9):  # a baseline from a top in points from the page's top
        return 842 - top - 0.88 * size

    def draw(c):
        c.setFont("STSong-Light", 16)
        c.drawCentredString(297, y(600, 16), "公开05表 2024年临沂市兰山区文化和旅游局一般公共预算财政拨款支出决算表")
        c.setFont("STSong-Light", 9)
        c.drawCentredString(297, y(646.7), "（单位：元）")
        c.drawString(63, y(678), "科目编码")
        c.drawString(210, y(702), "科目名称")
        for x, h in zip((50.5, 76.5, 102.5), "类款项"):
            c.drawString(x, y(726), h)
        for mid, head, top in zip(mids, ("2023年决算数", "2024年决算数", "增减额", "增减率(%)"), (662.7, 662.7, 690.9, 673.6)):
            for i, ch in enumerate(head):
                c.drawCentredString(mid, y(top + 11.3 * i), ch)
        c.drawString(45, y(759.3), total[0])
        for mid, v in zip(mids, total[1:]):
            c.drawCentredString(mid, y(759.3), v)
        c.showPage()
        c.setFont("STSong-Light", 9)
        for i, (lei, kuan, xiang, name, *vals) in enumerate(rows):
            top = 70 + 22.6 * i
            for x, code in zip((45, 71, 97), (lei, kuan, xiang)):
                if code:
                    c.drawString(x, y(top), code)
            c.drawString(123, y(top), name)
            for mid, v in zip(mids, vals):
                c.drawCentredString(mid, y(top), v)
        c.showPage()

    return drawn_pdf(path, draw)


def test_a_heading_centred_over_no_name_and_headings_set_a_character_a_line_keep_their_columns(tmp_path):
    """U020-00935 pp.5-6 (77 amounts): the header and the 合计 row end page 1, the rows fill page 2.
    Read from its one line of figures, the header's cells are taken as centred side by side; 科目名称
    was taken for a group heading (some heading lower than it each side: 类 | 款 | 项 far left, the
    foot of 增减率(%) far right) and its column fell together with 2023年决算数's (the 合计's 2023 figure
    read under 科目名称, 7 columns for 8). A group heading has the nearest heading each side lower
    than it. Then page 2's rows are placed on page 1's columns whole, by the middle of each column's
    text: short names set left fell one by one under the 项 beside them (科目名称's column begins
    where its heading's cell does), a name beside a 项 code in one cell, and the page stood alone."""
    from disclosure import api

    doc = api.extract(str(_vertical_head_pdf(tmp_path / "v.pdf")))
    assert [t.type for t in doc.tables] == ["general_budget_expenditure"]
    t = doc.tables[0]
    got = [(r.code, r.name, [(v.column.split("/")[-1], v.amount.printed) for v in r.values if v.amount.printed])
           for r in t.rows]
    heads = ["2023年决算数", "2024年决算数", "增减额", "增减率(%)"]
    assert got[0] == ("", "合计", list(zip(heads, ("10,656,621.87", "10,504,461.40", "-152,160.47", "-1.43"))))
    assert [(code, name) for code, name, _ in got[1:]] == [
        ("208", "社会保障和就业支出"), ("20801", "人力资源和社会保障管理事务"), ("2080111", "公共就业服务和职业技能鉴定机构"),
        ("210", "卫生健康支出"), ("21001", "卫生健康管理事务"), ("2100102", "一般行政管理事务")]
    assert got[4][2] == list(zip(heads, ("7,779,189.48", "8,031,580.30", "252,390.82", "3.24")))
    assert got[6][2] == list(zip(heads, ("7,779,189.48", "8,031,580.30", "252,390.82", "3.24")))


def test_the_last_row_of_blank_cells_under_rows_of_blank_cells_is_a_row_of_its_own():
    """U020-00954 p.6 (16 amounts): a 续表's last page, most rows blank in its two columns, no two
    rows printing figures one under the other (so no row pitch from them). Rows of blank cells
    opening with a code as the row above does were rows when evenly between their neighbours; the
    last one, with no line under it, was joined to the row above as its wrapped label (221-02-02 /
    221-02-03 in one cell), the part one row short, and the 续表 was not joined to its table. The
    body's last line, a code opening it as the line above, is a row when it stands as far under that
    line as that line stands under the one above it."""
    rows = [("214-03-01", "行政运行", "", ""), ("214-03-04", "机场建设", "", "149,969"),
            ("214-03-07", "民用航空安全", "", ""), ("214-05", "邮政业支出", "611,874", ""),
            ("214-05-02", "一般行政管理事务", "", ""), ("214-05-05", "邮政普遍服务与特殊服务", "611,874", ""),
            ("221", "住房保障支出", "", ""), ("221-02", "住房改革支出", "", ""),
            ("221-02-02", "提租补贴", "", ""), ("221-02-03", "购房补贴", "", "")]
    runs = [chars("科目代码", 46, 90), chars("科目名称", 150, 90), chars("事业收入", 330, 90), chars("其他收入", 500, 90)]
    for i, (code, name, a, b) in enumerate(rows):
        top = 115.4 + 16.8 * i
        runs += [chars(code, 46, top, width=3.7), chars(name, 117, top)]
        for right, v in ((380, a), (560, b)):
            if v:
                runs.append(chars(v, right - 3.7 * len(v), top, width=3.7))
    grid = read(*runs)
    assert grid[0] == ["科目代码", "科目名称", "事业收入", "其他收入"]
    assert grid[1:] == [list(r) for r in rows]


def test_a_heading_wrapped_at_the_leading_level_with_no_other_is_one_heading():
    """U020-00520 p.3 (11 amounts): 事业收 / 入, wrapped at the type's leading and centred down the
    header as 科目名称 beside it is, its last line level (within half a character) with 类 | 款 | 项
    under 科目编码, was read as two heading rows (a heading spanning both centred between them, one
    on the lower line: a group heading over a sub-heading), so 入 alone headed nothing and 事业收入
    fell together with 其他收入 beside it (事业收/其他收入入, its figures under it, its own column
    blank in every row gone). Lines at the leading whose upper one stands level with no other
    heading are one heading: no heading row's line holds it alone."""
    w = 4.15
    head = [chars("科目编码", 63, 254.6), chars("财政拨款收入", 405.8, 254.6), chars("事业收", 482.6, 263.2),
            chars("科目名称", 210, 268.9), chars("合计", 351.7, 268.9), chars("一般公共预", 387.6, 272.2),
            chars("政府性基", 439.5, 272.2), chars("其他收入", 514.7, 268.9), chars("类", 50.5, 277.9),
            chars("款", 76.5, 277.9), chars("项", 102.5, 277.9), chars("入", 491.6, 274.5), chars("算", 405.6, 283.5),
            chars("金预算", 444, 283.5)]
    lines = [("208", "", "社会保障和就业支出", "823.8977", "823.8977", "", ""),
             ("210", "", "卫生健康支出", "1127.2650", "1117.9698", "", "9.2952"),
             ("210", "01", "卫生健康管理事务", "1127.2650", "1117.9698", "", "9.2952"),
             ("212", "", "城乡社区支出", "588.0441", "", "588.0441", ""),
             ("213", "", "农林水支出", "1687.9108", "1610.5055", "", "77.4053")]
    body = []
    for i, (lei, kuan, name, *vals) in enumerate(lines):
        top = 301.3 + 18.9 * i
        body += [chars(lei, 45, top, width=w)] + ([chars(kuan, 71, top, width=w)] if kuan else [])
        body.append(chars(name, 123 + (9 if kuan else 0), top))
        body += [chars(v, x, top, width=w) for x, v in zip((339, 388.4, 437.9, 515.2), vals) if v]
    rows = read(*head, *body)
    header = [[c.replace("\n", "") for c in r] for r in rows[:-len(lines)]]
    assert header[-1][-2:] == ["事业收入", "其他收入"]
    assert rows[-4] == ["210", "", "", "卫生健康支出", "1127.2650", "1117.9698", "", "", "9.2952"]
    assert rows[-1] == ["213", "", "", "农林水支出", "1687.9108", "1610.5055", "", "", "77.4053"]


def _big_total_pdf(path):
    """A ruled two-sided summary whose 总计 row is set in larger type (11 pt under 9 pt rows, as
    U020-00277 p.8 prints it): each amount ends a point short of its cell's right rule, touching
    (1.3 points apart) what the next cell prints at its left rule, the label 支出总计 or the next
    amount."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    xs = (40, 150, 260, 330, 440, 550)
    rows = [("项目", "预算数", "项目", "合计", "一般公共预算"),
            ("一、本年收入", "102,326,301.32", "一、本年支出", "102,326,301.32", "97,295,583.75"),
            ("收入总计", "102,326,301.32", "支出总计", "102,326,301.32", "97,295,583.75")]

    def draw(c):
        top = 100
        for x in xs:
            c.line(x, 842 - top, x, 842 - top - 20 * len(rows))
        for i in range(len(rows) + 1):
            c.line(xs[0], 842 - top - 20 * i, xs[-1], 842 - top - 20 * i)
        for i, row in enumerate(rows):
            size = 11 if i == len(rows) - 1 else 9
            c.setFont("STSong-Light", size)
            y = 842 - top - 20 * i - 14
            for k, text in enumerate(row):
                if k in (1, 3, 4) and i:
                    end = xs[k + 1] - 0.5
                    x = xs[k] + 1.3 if k == 4 and i == len(rows) - 1 else end - stringWidth(text, "STSong-Light", size)
                    c.drawString(x, y, text)
                elif k == 2 and i == len(rows) - 1:
                    c.drawString(xs[k] + 0.8, y, text)
                else:
                    c.drawString(xs[k] + 3, y, text)
    return drawn_pdf(path, draw)


def test_an_amount_touching_the_next_cells_text_across_its_rule_stays_in_its_cell(tmp_path):
    """U020-00277 p.8 (4 amounts): the 总计 row in larger bold type, 102,326,301.32 touching 支出总计
    and 102,326,301.32 touching 97,295,583.75 across the column rules; a word printed over a rule
    goes whole to the cell holding most of its width, so 支出总计 was read in the amount's cell
    (102,326,301.32支出总计) and two amounts as one (102,326,301.3297,295,583.75), the row's key and
    figures lost. Figures and the text they touch across a rule, or two printed amounts, are two
    words: each stays in its own cell."""
    from disclosure.extract.pdf import read_pdf

    doc = read_pdf(_big_total_pdf(tmp_path / "t.pdf"))
    grid = next(b for b in doc.pages[0].blocks if isinstance(b, Grid))
    got = [[c.text if c else "" for c in row] for row in grid.matrix()]
    assert got[-1] == ["收入总计", "102,326,301.32", "支出总计", "102,326,301.32", "97,295,583.75"]
    assert got[1] == ["一、本年收入", "102,326,301.32", "一、本年支出", "102,326,301.32", "97,295,583.75"]


def test_a_pages_coded_rows_with_one_figure_among_them_are_a_table_going_on():
    """U020-00380 p.7 (a 收入预算总表's further columns 事业收入 | 其他收入 printed column-wise, the
    续表's last page): 07 地震应急救援 43.3229 and under it 06 自然灾害防治 | 01 地质灾害防治 with blank
    cells, codes in 类 | 款 | 项 columns, labels indented by level. One line of one figure under no
    heading was no table (the page read as text, the part a row short and 2240507's figure lost); and
    the 款 row, its code left of the 项 code above and its label indented less, was not taken into
    the body. Rows opening with a code and a label, two or more beside the line of figures, are a
    table's rows going on (the structure stage decides which)."""
    runs = [chars("07", 93, 69.4, width=3.7), chars("地震应急救援", 149, 69.4), chars("43.3229", 309, 69.4, width=3.7),
            chars("06", 69, 86.2, width=3.7), chars("自然灾害防治", 133, 86.2),
            chars("01", 93, 103.0, width=3.7), chars("地质灾害防治", 149, 103.0)]
    rows = read(*runs)
    assert rows == [["", "07", "地震应急救援", "43.3229"], ["06", "", "自然灾害防治", ""], ["", "01", "地质灾害防治", ""]]
    # one such row alone beside the figure is not enough: a line of one figure stays text
    cs = [c for run in runs[:5] for c in run]
    assert aligned.grids(cs, 1, [], None)[0] == []


def test_a_line_of_text_under_a_bare_total_is_a_row_of_its_own():
    """U020-00543 p.7 (a 三公 table at the foot of a page, no rules): 合计 911,780 and, a row's pitch
    under it, 1.因公出国（境）费 with blank cells (the table goes on over the page). With no row
    pitch from two lines of figures the line was joined to the 合计 row as its wrapped label
    (合计1.因公出国（境）费 911,780). A bare 合计 / 总计 is a whole label and begins none: the line
    nearest under it is a row of its own."""
    runs = [chars("项目", 160, 100), chars("预算数", 520, 100),
            chars("合计", 44, 122), chars("911,780", 285, 122, width=4.5),
            chars("1.因公出国（境）费", 44, 143)]
    rows = read(*runs)
    assert rows[-2:] == [["合计", "911,780"], ["1.因公出国（境）费", ""]]
    # a label wrapped over two lines under a row that is no total stays one label
    runs = [chars("项目", 160, 100), chars("预算数", 520, 100),
            chars("公务用车购置及", 44, 122), chars("911,780", 285, 122, width=4.5),
            chars("运行费", 44, 133)]
    assert read(*runs)[-1] == ["公务用车购置及\n运行费", "911,780"]


def test_a_repeated_header_over_a_lone_total_keeps_its_columns():
    """U020-00827 p.13, U020-00930 p.6 (a table going on over the page with its header repeated,
    box-only rules): 科目 / 代码 centred down two heading lines beside 科目名称 | 预算数, the line
    栏次 | 1 under them, then 合计 8,632,452 alone, the table's last row. The line numbering the
    columns stopped the search for headings over the one line of figures (its 1 a figure), so the
    row was no table and read as text; read as a table, 科目代码 fell into 科目名称's column (the 栏次
    line taken for the last heading line, 科目代码 ending above it), two columns for three, and
    the part was not joined to its table. A line numbering the columns is a heading line; the
    last heading line is the one over it."""
    runs = [chars("科目", 48, 47.4), chars("科目名称", 163, 53.1), chars("预算数", 531, 53.1), chars("代码", 48, 58.7),
            chars("栏次", 156, 76.3), chars("1", 542, 76.3), chars("合计", 76, 93.8, size=10),
            chars("8,632,452", 292, 93.8, size=10, width=37 / 9)]
    rows = read(*runs)
    assert rows[0] == ["科目\n代码", "科目名称", "预算数"]
    assert rows[-1] == ["", "合计", "8,632,452"]
    # the numbering line's own words head no column: 栏次 set left of 科目名称's middle, under a
    # heading line of 类 | 款 | 项, stays in 科目名称's column (U020-00976 p.11, a table of dashes)
    runs = [chars("科目编码", 63, 112.1), chars("科目名称", 210, 121.1), chars("合计", 363, 121.1),
            chars("基本支出", 427, 121.1), chars("项目支出", 499, 121.1),
            chars("类", 50, 130.1, width=10), chars("款", 76, 130.1, width=10), chars("项", 102, 130.1, width=10),
            chars("栏次", 180, 148.1), chars("1", 370, 148.1), chars("2", 442, 148.1), chars("3", 515, 148.1),
            chars("合计", 45, 165.6, size=10), chars("-", 371, 165.6, size=10, width=3), chars("-", 443, 165.6, size=10, width=3),
            chars("-", 515, 165.6, size=10, width=4)]
    rows = read(*runs)
    assert rows[1] == ["类", "款", "项", "栏次", "1", "2", "3"]
    assert rows[-1] == ["合计", "", "", "", "-", "-", "-"]
    # nor where 栏次 stands clear left of 科目名称 (U020-00372 p.17): the names' column is still one
    runs = [chars("科目编码", 64, 116.8, size=10), chars("科目名称", 226, 126.8, size=10), chars("合计", 428, 126.8, size=10),
            chars("基本支出", 563, 126.8, size=10), chars("项目支出", 708, 126.8, size=10),
            chars("类", 51, 136.8, size=10), chars("款", 79, 136.8, size=10), chars("项", 107, 136.8, size=10),
            chars("栏次", 194, 156.8, size=10), chars("1", 436, 156.8, size=10), chars("2", 580, 156.8, size=10),
            chars("3", 725, 156.8, size=10), chars("合计", 45, 177.0, size=10), chars("0", 436, 177.0, size=10),
            chars("0", 580, 177.0, size=10), chars("0", 725, 177.0, size=10)]
    rows = read(*runs)
    assert rows[0] == ["科目编码", "科目编码", "科目编码", "科目名称", "合计", "基本支出", "项目支出"]
    assert rows[-1] == ["合计", "", "", "", "0", "0", "0"]


def test_rows_of_names_under_the_column_numbers_line_over_a_pages_first_figures_are_rows():
    """U020-00397 p.4 (a 收入决算表's further columns 事业收入 | 其他收入 printed column-wise, names
    indented by level, no codes): under 功能分类科目 | 事业收入 | 其他收入 and 栏次 | 4 | 5, thirteen rows
    of names with blank cells, then 住房保障支出 18.45 | 19.66. The last eight name rows were found to
    be rows printing no figure, and the header sought anew over them took the 栏次 line and the five
    name rows under it (a header takes so many lines): 4 and 5 were read down those rows as their
    cells, wrapped labels joined pairs of rows, and 8 amounts were lost. Lines under the line
    numbering the columns are rows, however the header is found."""
    names = [(0, "社会保障和就业支出"), (1, "人力资源和社会保障管理事务"), (2, "信息化建设"), (2, "劳动人事争议调解仲裁"),
             (0, "卫生健康支出"), (1, "卫生健康管理事务"), (2, "行政运行"), (0, "城乡社区支出"), (1, "城乡社区规划与管理"),
             (2, "城乡社区规划与管理"), (1, "城乡社区公共设施"), (2, "小城镇基础设施建设"), (2, "其他城乡社区公共设施支出"),
             (0, "住房保障支出", "18.45", "19.66"), (1, "住房改革支出", "18.45", "19.66"), (2, "住房公积金"), (2, "提租补贴"),
             (2, "购房补贴", "18.45", "19.66"), (0, "灾害防治及应急管理支出"), (1, "应急管理事务"), (2, "国务院安委会专项"),
             (0, "合 计", "18.45", "19.66")]
    runs = [chars("功能分类科目", 114, 94), chars("事业收入", 359, 94), chars("其他收入", 642, 94),
            chars("栏次", 130, 118, size=8), chars("4", 374, 118, size=8), chars("5", 657, 118, size=8)]
    for i, (level, name, *figures) in enumerate(names):
        top = 134.2 + 16.8 * i
        runs.append(chars(name, 45 + 8 * level, top, size=8))
        runs += [chars(v, x, top, size=8, width=3.8) for v, x in zip(figures, (366, 649))]
    rows = read(*runs)
    assert rows[:2] == [["功能分类科目", "事业收入", "其他收入"], ["栏次", "4", "5"]]
    assert rows[2:] == [[name, *(figures or ["", ""])] for _, name, *figures in names]


def _boxed_heading(texts: list[str], col: int, row0: int, x0: float, x1: float, top: float) -> list[Cell]:
    """A heading printed a box per line down one column: each line a cell of its own, two grid
    rows high, touching the one over it."""
    from disclosure.model import Box
    return [Cell(t, row0 + 2 * i, col, 2, 1, Box(1, x0, top + 13 * i, x1, top + 13 * (i + 1))) for i, t in enumerate(texts)]


@pytest.mark.parametrize("lines,leaf", [(["公务用", "车购置", "费"], "公务用车购置费"), (["公务用车", "购置费"], "公务用车购置费"),
                                        (["公务用车运", "行费"], "公务用车运行费")])
def test_a_fee_heading_printed_a_box_per_line_is_one_heading(lines, leaf):
    """U020-00114 p.9, U020-00130 p.8, U020-00590 (a 三公 table whose headings are drawn a box per
    printed line): under 公务用车购置及运行费, 公务用 / 车购置 / 费 in three cells down one column, or
    公务用车 / 购置费 in two, were read as heading levels (公务用车购置及运行费/公务用/车购置费), so the
    column was not 公务用车购置费. A fee word's tail joins the one or two single-column cells over
    it when together they name a measure: the tail naming none (行费, 费), or naming the one the
    whole names while the lines over it name none (购置费 under 公务用车)."""
    from disclosure.model import Box
    from disclosure.structure.tables import column_paths
    group = Cell("公务用车购置及运行费", 0, 0, 2, 2, Box(1, 100, 60, 200, 86))
    header_cells = [group] + _boxed_heading(lines, 0, 2, 100, 150, 86) + [Cell("小计", 2, 1, 2 * len(lines), 1, Box(1, 150, 86, 200, 86 + 13 * len(lines)))]
    n_rows = 2 + 2 * len(lines)
    header = [[None, None] for _ in range(n_rows)]
    for c in header_cells:
        for r in range(c.row, c.row + c.rowspan):
            for k in range(c.col, c.col + c.colspan):
                header[r][k] = c
    assert column_paths(header, 2) == [f"公务用车购置及运行费/{leaf}", "公务用车购置及运行费/小计"]
    # a group heading over two columns is a level of its own, whatever its words
    sub = Cell("公务用车", 2, 0, 2, 2, Box(1, 100, 86, 200, 99))
    header = [[group, group], [group, group], [sub, sub], [sub, sub],
              [Cell("购置费", 4, 0, 2, 1, Box(1, 100, 99, 150, 112))] * 1 + [Cell("运行费", 4, 1, 2, 1, Box(1, 150, 99, 200, 112))]]
    header.append(header[-1])
    assert column_paths(header, 2) == ["公务用车购置及运行费/公务用车/购置费", "公务用车购置及运行费/公务用车/运行费"]


def test_a_repeated_header_drawn_with_fewer_cells_is_heading_not_a_row_of_column_numbers():
    """U020-00628 pp.2-3 (Writer, ruled, header repeated): the 收入决算表 goes on under its header
    drawn with cells left out (财政拨款收入, 事业收入 and 其他收入 blank, the 栏次 line's 5 gone). Its
    栏次 | 1 | 2 | 3 | 4 line is the heading's, not a body row of figures 1, 2, 3, 4; a row of the
    page printing a word the first header does not print over its column stays a row."""
    from disclosure.model import Box, Grid, RawDocument, RawPage, TextLine
    from disclosure.structure.build import build

    xs = [(50, 200), (210, 260), (270, 320), (330, 380), (390, 440), (450, 500)]

    def grid(rows, pg):
        return Grid(len(rows), len(rows[0]), [Cell(t, r, k, box=Box(pg, xs[k][0], 60 + 12 * r, xs[k][1], 72 + 12 * r))
                                               for r, row in enumerate(rows) for k, t in enumerate(row) if t],
                    Box(pg, 50, 60, 500, 60 + 12 * len(rows)))

    head = [["功能分类科目", "合计", "财政拨款收入", "财政拨款收入", "事业收入", "其他收入"],
            ["功能分类科目", "合计", "一般公共预算", "政府性基金预算", "事业收入", "其他收入"],
            ["栏次", "1", "2", "3", "4", "5"]]
    first = head + [["一般公共服务支出", "1806.4026", "1726.7542", "0.0000", "79.6484", "0.0000"]]
    again = [["功能分类科目", "合计", "一般公共预算", "政府性基金预算", "", ""], ["栏次", "1", "2", "3", "4", ""]]
    second = again + [["技术研究与开发", "501.1085", "501.1085", "0.0000", "0.0000", "0.0000"],
                      ["合计", "2307.5111", "2227.8627", "0.0000", "79.6484", "0.0000"]]
    pages = [RawPage(2, 595, 842, [TextLine("附表2：部门收入决算表", Box(2, 50, 30, 300, 42), 14.0),
                                   TextLine("单位：万元", Box(2, 300, 46, 350, 56), 10.0), grid(first, 2)]),
             RawPage(3, 595, 842, [grid(second, 3)])]
    [t] = build(RawDocument("x.pdf", "0" * 64, "pdf", pages)).tables
    assert [(r.name, r.page, [v.amount.printed for v in r.values][:2]) for r in t.rows] == [
        ("一般公共服务支出", 2, ["1806.4026", "1726.7542"]), ("技术研究与开发", 3, ["501.1085", "501.1085"]),
        ("合计", 3, ["2307.5111", "2227.8627"])]
    # a line printing a number the first header has not over its column is the split's to judge
    other = [["功能分类科目", "合计", "一般公共预算", "政府性基金预算", "", ""], ["栏次", "1", "2", "3", "4", "6"]]
    pages[1] = RawPage(3, 595, 842, [grid(other + second[2:], 3)])
    [t] = build(RawDocument("x.pdf", "0" * 64, "pdf", pages)).tables
    assert [r.name for r in t.rows][:2] == ["一般公共服务支出", "栏次"]


def _page_rows(rows: list[tuple[float, str, tuple[str, ...]]], pitch: float = 20.0, top: float = 100.0,
               figures: tuple[float, ...] = (340.0, 480.0)) -> list[list[dict]]:
    """Printed lines of a page of rows without ruling: each (indent x, label, figures), the figures
    set right at `figures` (a figure '' blank), one row `pitch` points under the last."""
    runs = []
    for i, (x, label, amounts) in enumerate(rows):
        y = top + pitch * i
        runs.append(chars(label, x, y))
        for right, a in zip(figures, amounts):
            if a:
                runs.append(chars(a, right - 4.5 * len(a), y, width=4.5))
    return runs


def test_a_page_going_on_without_its_header_over_rows_printing_no_figure_reads_them_as_rows():
    """U023-00176 p.7 (a 续表's middle page, no ruling, its header not repeated, names indented):
    eleven rows open the page with no figure in the two columns the 续表 goes on with. No heading
    stands over those columns, so they are rows, not eight heading lines (the two over them left as
    text); and blank rows between rows of figures, a row's pitch (over 1.6 characters) from both
    neighbours, are rows of their own, not a wrapped label, a heading over them or not."""
    blank = [(50, "卫生健康支出"), (70, "卫生健康管理事务"), (90, "一般行政管理事务"), (50, "城乡社区支出"),
             (70, "城乡社区规划与管理"), (90, "城乡社区规划与管理"), (70, "城乡社区环境卫生"), (90, "城乡社区环境卫生"),
             (70, "建设市场管理与监督"), (90, "建设市场管理与监督")]
    rows = [(x, t, ()) for x, t in blank] + [
        (50, "农林水支出", ("71,900", "136,411")), (70, "水利", ("11,410", "")), (90, "水利行业业务管理", ("11,410", "")),
        (90, "国际河流治理与管理", ()), (70, "普惠金融发展支出", ("60,490", "136,411")), (90, "支持农村金融机构", ("60,490", "")),
        (90, "补充创业担保贷款基金", ("", "136,411")), (70, "其他农林水支出", ()), (90, "化解其他公益性乡村债务支出", ()),
        (90, "其他农林水支出", ()), (50, "住房保障支出", ("421,183", "")), (70, "住房改革支出", ("421,183", ""))]
    grid = read(*_page_rows(rows))
    assert grid == [[t, "", ""] for _, t in blank] + [
        ["农林水支出", "71,900", "136,411"], ["水利", "11,410", ""], ["水利行业业务管理", "11,410", ""],
        ["国际河流治理与管理", "", ""], ["普惠金融发展支出", "60,490", "136,411"], ["支持农村金融机构", "60,490", ""],
        ["补充创业担保贷款基金", "", "136,411"], ["其他农林水支出", "", ""], ["化解其他公益性乡村债务支出", "", ""],
        ["其他农林水支出", "", ""], ["住房保障支出", "421,183", ""], ["住房改革支出", "421,183", ""]]
    # a line a label's line spacing (1.2 characters) over the next is its label's first line, no row
    wrapped = _page_rows([(50, "农林水支出", ("71,900", "136,411")), (50, "其他农林水", ())]) + \
        _page_rows([(50, "支出", ("11,410", "")), (50, "水利", ("60,490", "136,411"))], top=131.0)
    assert [r[:2] for r in read(*wrapped)] == [["农林水支出", "71,900"], ["其他农林水\n支出", "11,410"], ["水利", "60,490"]]


def test_a_pages_one_figure_under_rows_of_blank_cells_goes_on_with_its_table():
    """U023-00176 p.8 (the 续表's last page, no ruling, no header): 住房公积金 with blank cells over
    提租补贴 421,183, names without codes, a row's pitch apart: one grid of two rows under no heading
    (it was two lines of text), and the table of the page before takes them, the figure under the
    column it stands under. Lines a label's line spacing apart are no such rows."""
    from disclosure.model import Box, RawDocument, RawPage, TextLine
    from disclosure.structure.build import build

    cs = [c for run in _page_rows([(90, "住房公积金", ()), (90, "提租补贴", ("421,183",))]) for c in run]
    grids, _, _ = aligned.grids(cs, 8, [], None)
    [g] = grids
    assert g.headless and [[c.text if c else "" for c in row] for row in g.matrix()] == [["住房公积金", ""], ["提租补贴", "421,183"]]
    cs = [c for run in _page_rows([(90, "住房公积金", ()), (90, "提租补贴", ("421,183",))], pitch=11.0) for c in run]
    assert aligned.grids(cs, 8, [], None)[0] == []
    # a running header over its rule, in a smaller size, is the page's, no row (U023-00175 p.13: over
    # a 续表's lone 合计 1274.8659); in the rows' size but over a rule across, the same
    header = chars("海口市美兰区市场监督管理局2024年部门预算公开", 90, 80, size=8.0)
    total = [c for run in _page_rows([(90, "合计", ("1274.8659",))], top=100.0) for c in run]
    assert aligned.grids(header + total, 13, [], None)[0] == []
    header = chars("海口市美兰区市场监督管理局2024年部门预算公开", 90, 80)
    assert aligned.grids(header + total, 13, [(92.0, 50.0, 500.0)], None)[0] == []
    assert len(aligned.grids(header + total, 13, [], None)[0]) == 1  # (neither: a row as 住房公积金 is)

    def grid(rows, page, xs):
        return Grid(len(rows), len(rows[0]), [Cell(t, r, k, box=Box(page, xs[k][0], 60 + 20 * r, xs[k][1], 69 + 20 * r))
                                              for r, row in enumerate(rows) for k, t in enumerate(row) if t],
                    Box(page, 50, 60, 500, 60 + 20 * len(rows)), aligned=True)

    first = [["功能分类科目", "事业收入", "其他收入"], ["住房保障支出", "421,183", ""], ["住房改革支出", "421,183", ""]]
    pages = [RawPage(7, 842, 595, [TextLine("部门收入总表", Box(7, 50, 30, 300, 42), 14.0),
                                   TextLine("续表", Box(7, 450, 46, 480, 56), 10.0),
                                   grid(first, 7, [(50, 190), (300, 340), (440, 480)])]),
             RawPage(8, 842, 595, [Grid(2, 2, [c for c in g.cells], g.box, aligned=True, headless=True)])]
    [t] = build(RawDocument("x.pdf", "0" * 64, "pdf", pages)).tables
    assert [(r.name, r.page, [(v.column, v.amount.printed) for v in r.values if v.amount.printed]) for r in t.rows][-2:] == [
        ("住房公积金", 8, []), ("提租补贴", 8, [("事业收入", "421,183")])]


def test_a_tables_last_row_alone_atop_the_next_page_skips_a_column_blank_above():
    """U023-00127 pp.7-8 (政府采购 without ruling, 采购项目 centred over labels set left, read as a
    column of its own, blank down the rows): `5 物业管理服务 物业管理服务 公开招标 63.20` alone atop the
    next page is its last row, a word in each column the rows above print in (序号 5 after 4)."""
    from disclosure.model import Box, TextLine

    first = [["序号", "", "采购项目", "采购品目", "采购方式", "预算数"], ["", "合计", "", "", "", "328.16"],
             ["1", "印刷服务", "", "印刷服务", "询价", "61.37"], ["4", "公务用车购置", "", "乘用车", "政府集中采购", "109.97"]]
    xs = [(50, 60), (70, 150), (170, 210), (230, 300), (310, 400), (440, 480)]
    for line, joined in [("5 物业管理服务 物业管理服务 公开招标 63.20", True), ("7 物业管理服务 物业服务 公开招标 63.20", False)]:
        doc = _two_pages(first, lambda grid: [TextLine(line, Box(17, 60, 50, 480, 60), 9.0)], xs=xs)
        last = doc.tables[0].rows[-1]
        assert (last.name, [v.amount.printed for v in last.values if v.amount.printed], last.page) == (
            ("物业管理服务", ["63.20"], 17) if joined else ("公务用车购置", ["109.97"], 16))


def _ruled_cells(rows, xs, page, top, pitch=40):
    """Cells of a ruled grid: `rows` of (text, colspan) or text, every slot its own ruled cell (a
    blank one printing ""), `xs` the column lines."""
    from disclosure.model import Box
    out = []
    for r, row in enumerate(rows):
        k = 0
        for item in row:
            text, span = item if isinstance(item, tuple) else (item, 1)
            if text is not None:
                out.append(Cell(text, r, k, colspan=span, box=Box(page, xs[k], top + pitch * r, xs[k + span], top + pitch * (r + 1))))
            k += span
    return out


def test_a_ruled_continuation_printing_labels_only_goes_on_with_its_blank_amount_column():
    """jiangsu-rendaban-2017-budget p.10: 收入预算总表 goes on over the page, its rows printing labels
    only, 金额 ruled blank down the page and no header repeated. The blank column stays a column
    (ruled the table's full height) and the rows beneath which it has no heading are body rows, so
    the page goes on with the table before; it had been read as an empty table of eight heading rows."""
    from disclosure.model import Box, RawDocument, RawPage, TextLine
    from disclosure.structure.build import build

    # page 9: the table before ends at the top of the one ruling (its column lines at 100, 250 and
    # 450), then this table's title, 单位 line and rows on lines 192 and 353: each of its cells spans
    # two lattice columns, the lines between them parting none of its cells
    xs = [58, 100, 192, 250, 353, 450, 537]
    first = [[("收入合计", 1), ("13,649.07", 2), ("支出合计", 2), ("13,649.07", 1)],
             [("收入预算总表", 6)], [("部门：", 2), ("江苏省人大常委会办公厅", 2), ("单位：万元", 2)],
             [("项目名称", 2), ("", 2), ("金额", 2)], [("收入总计", 4), ("13,649.07", 2)],
             [("一般公共预算资金", 2), ("小计", 2), ("13,649.07", 2)],
             [("", 2), ("公共财政拨款(补助)资金", 2), ("13,649.07", 2)], [("政府性基金", 2), ("小计", 2), ("", 2)]]
    second = [["", "其他非税收入", ""], ["其他资金", "小计", ""], ["", "事业收入", ""], ["", "经营收入", ""],
              ["上年结转和结余资金", "小计", ""]]
    up = Grid(len(first), 6, _ruled_cells(first, xs, 9, 100), Box(9, 58, 100, 537, 100 + 40 * len(first)))
    low = Grid(len(second), 3, _ruled_cells(second, [58, 192, 353, 537], 10, 72),
               Box(10, 58, 72, 537, 72 + 40 * len(second)))
    pages = [RawPage(9, 595, 842, [TextLine("收支预算总表", Box(9, 240, 60, 400, 80), 18.0), up]),
             RawPage(10, 595, 842, [low])]
    doc = build(RawDocument("x.pdf", "0" * 64, "pdf", pages))
    [t] = [t for t in doc.tables if t.title == "收入预算总表"]
    assert (t.type, t.pages) == ("income_summary", [9, 10])
    assert [(r.name, r.page, [str(v.amount.value) for v in r.values if v.amount.value is not None]) for r in t.rows] == [
        ("收入总计", 9, ["13649.07"]), ("一般公共预算资金/小计", 9, ["13649.07"]),
        ("公共财政拨款(补助)资金", 9, ["13649.07"]), ("政府性基金/小计", 9, []),
        ("其他非税收入", 10, []), ("其他资金/小计", 10, []), ("事业收入", 10, []), ("经营收入", 10, []),
        ("上年结转和结余资金/小计", 10, [])]


def test_a_blank_column_ruled_down_the_whole_grid_stays_but_a_sliver_does_not():
    """lattice.collapse keeps a blank column ruled on both sides in every row (a printed column left
    blank) and joins a sliver (a rule drawn twice a point apart) to its neighbour."""
    from disclosure.structure import lattice
    rows = [["其他非税收入", ""], ["事业收入", ""]]
    g = lattice.collapse(Grid(2, 2, _ruled_cells(rows, [58, 353, 537], 1, 72)))
    assert (g.n_cols, [(c.row, c.col, c.text) for c in sorted(g.cells, key=lambda c: (c.row, c.col))]) == (
        2, [(0, 0, "其他非税收入"), (0, 1, ""), (1, 0, "事业收入"), (1, 1, "")])
    rows = [["其他非税收入", "", "3.00"], ["事业收入", "", "4.00"]]
    g = lattice.collapse(Grid(2, 3, _ruled_cells(rows, [58, 353, 354.5, 537], 1, 72)))
    assert g.n_cols == 2


def test_a_header_of_blank_templates_stays_a_header_where_every_column_is_headed():
    """A table printing no figure and no 合计: its rows are heading rows while every column has a
    heading (a blank template); rows printing labels over a column blank down to the end are body."""
    from disclosure.structure import tables as T
    head = [["项目", ("基本支出", 2)], [None, "人员经费", "公用经费"]]
    cells = _ruled_cells(head, [50, 200, 300, 400], 1, 60)
    cells[0].rowspan = 2
    f = T.split_grid(Grid(2, 3, cells), inherit_left=False)
    assert (len(f.header), len(f.body)) == (2, 0)
    rows = [["项目", "金额"], ["事业收入", ""], ["经营收入", ""]]
    f = T.split_grid(Grid(3, 2, _ruled_cells(rows, [50, 200, 300], 1, 60)), inherit_left=False)
    assert [[c.text for c in r] for r in f.header] == [["项目", "金额"]]
    assert [r[0].text for r in f.body] == ["事业收入", "经营收入"]


def test_a_grid_placed_on_columns_its_first_part_never_parts_takes_their_span():
    """lattice.regrid onto a first part whose cells each span two lattice columns (a table stacked
    under another on one ruling, jiangsu-rendaban-2017 p.9): the line between them is known from no
    cell, and the next page's cells take both columns."""
    from disclosure.structure import lattice
    onto = Grid(2, 4, _ruled_cells([[("项目名称", 2), ("金额", 2)], [("收入总计", 2), ("13,649.07", 2)]],
                                   [58, 120, 353, 400, 537], 9, 370), None)
    from disclosure.model import Box
    onto.box = Box(9, 58, 370, 537, 450)
    g = Grid(1, 2, _ruled_cells([["事业收入", ""]], [58, 353, 537], 10, 72), Box(10, 58, 72, 537, 112))
    got = lattice.regrid(g, onto)
    assert got is not None and [(c.col, c.colspan, c.text) for c in got.cells] == [(0, 2, "事业收入"), (2, 2, "")]


def test_a_column_under_no_heading_before_the_first_stands_under_the_column_after_it():
    """U024-00085 p.7 (unruled, its header repeated): a two-sided summary's page printing no income
    label but 收入总计 at the left edge, left of 项目 centred over the blank labels, read 收入总计 as a
    column of its own under no heading; the part, one column more than the first, was not joined and
    its nine amounts fell in a table of their own. The column stands under the one after it."""
    from disclosure.structure.tables import header_map
    onto = ["收入/项目", "收入/预算数", "支出/项目", "支出/预算数/合计", "支出/预算数/一般公共预算"]
    assert header_map(["", "收入/项目", "收入/预算数", "支出/项目", "支出/预算数/合计", "支出/预算数/一般公共预算"],
                      onto) == [[0], [0], [1], [2], [3], [4]]
    assert header_map(["", ""], onto) is None  # no heading at all: no place
    # before a column that is not the first part's first, it may be the lost-heading column before
    # that one: no place (test_a_column_under_no_heading_in_a_repeated_header_stands_under_the_one_before)
    assert header_map(["", "收入/预算数", "支出/项目"], onto) is None
    # a first part with a column under no heading of its own keeps it
    assert header_map(["", "金额"], ["", "金额"]) == [[0], [1]]


def test_a_lists_last_arabic_numbered_row_alone_atop_the_next_page_is_its_row():
    """U024-00034 pp.9-10 (三公 as a list, box-only rules): `3.公务接待费 2654472.96` alone atop the next
    page after 2.公务用车购置及运行费 and the two rows under it: the list's next number, the table's last
    row (it was a line of text, its amount lost). A number not next (5.) or of another kind (四、)
    leaves the line text."""
    from disclosure.model import Box, TextLine

    first = [["项目", "预算数"], ["合计", "7434309.36"], ["1.因公出国（境）费", "120334.77"],
             ["2.公务用车购置及运行费", "4659501.63"], ["其中：公务用车购置费", "178666.44"], ["公务用车运行费", "4480835.19"]]
    for line, joined in [("3.公务接待费 2654472.96", True), ("3、公务接待费 2654472.96", True),
                         ("5.公务接待费 2654472.96", False), ("四、公务接待费 2654472.96", False)]:
        doc = _two_pages(first, lambda grid: [TextLine(line, Box(17, 60, 50, 480, 60), 9.0)])
        last = doc.tables[0].rows[-1]
        assert (last.name, [v.amount.printed for v in last.values], last.page) == (
            (line.split()[0], ["2654472.96"], 17) if joined else ("公务用车运行费", ["4480835.19"], 16)), line


def test_the_line_numbering_the_columns_is_no_evidence_of_how_a_column_sets_its_figures():
    """U024-00060 p.4 (Writer, ruled, amounts set left, a 栏次 line under the headings): the 3 of
    栏次 | 1 | 栏次 | 2 | 3 | 4, centred under 一般公共预算, was taken for one of that column's figures:
    its figures no longer began alike, the column looked set right, and 3166812.20 under 政府性基金
    预算 (starting against its rule, the 一般公共预算 cell on its left blank) was moved into it. The
    column-numbering line is left out of that evidence; a line of figures that do not count up by
    one is not."""
    xs = [236.3, 371.6, 433.6, 495.6, 567.0]
    occupancy = {(r, c): 4 * r + c for r in range(6) for c in range(4)}
    lines = [("（一）社会保障和就业支出", "3242969.20", "3242969.20", ""),
             ("（二）卫生健康支出", "20510040.01", "20510040.01", ""),
             ("（三）节能环保支出", "13933893.78", "13933893.78", ""),
             ("（四）农林水支出", "3166812.20", "", "3166812.20"),
             ("（五）自然资源海洋气象等支出", "24662997.20", "24662997.20", "")]

    def placed_with(numbers):
        placed = []
        for c, (t, x) in enumerate(zip(numbers, (290.0, 400.0, 462.0, 528.0))):
            for ch in chars(t, x, 300, width=4.7 if c else None):
                placed.append((len(placed), ch, 0, c))
        for r, row in enumerate(lines, 1):
            for c, (text, x) in enumerate(zip(row, (238.6, 373.9, 436.0, 498.0))):
                for ch in chars(text, x, 324 + 29 * r, width=4.7 if c else None):
                    placed.append((len(placed), ch, r, c))
        return placed

    out = layout._pushed_over(placed_with(("栏次", "2", "3", "4")), xs, occupancy)
    assert {c for _, ch, r, c in out if r == 4 and ch["text"].isdigit()} == {1, 3}
    out = layout._pushed_over(placed_with(("", "2", "3", "4")), xs, occupancy)
    assert {c for _, ch, r, c in out if r == 4 and ch["text"].isdigit()} == {1, 3}
    out = layout._pushed_over(placed_with(("", "7", "3", "9")), xs, occupancy)
    assert {c for _, ch, r, c in out if r == 4 and ch["text"].isdigit()} == {1, 2}


def test_a_heading_wrapped_over_figures_widened_by_a_bigger_total_row_is_one_heading():
    """Unseen layouts U026-00162 p.7 (bold totals_big, no column rules): 2019年预 / 算数 wrapped in
    its cell over figures whose 合计 row is printed a point bigger, wider than the rest: the first
    line seemed too short for the column to have wrapped, and the column's path came out
    2019年预/算数 (29 amounts under a column of no known name). A line and the first character of
    the line under it together wider than the column's printed figures could not have stood on one
    line in the cell: it wrapped."""
    runs = [chars("科目名称", 80, 100)]
    for x in (250.0, 310.0):  # each heading centred over its column, figures set right at x + 50
        runs += [chars("2019年预" if x == 250 else "2020年预", x + 7, 95), chars("算数", x + 16, 106)]
    body = [("合计", "9,533,173", "8,446,980"), ("一般公共服务支出", "1,324,730", "1,546,351"),
            ("教育支出", "8,208,443", "6,900,629")]
    for r, (name, a, b) in enumerate(body):
        top = 130 + 16 * r
        width = 4.9 if r == 0 else 4.5  # the 合计 row a point bigger
        runs += [chars(name, 50, top), chars(a, 300 - width * len(a), top, width=width),
                 chars(b, 360 - width * len(b), top, width=width)]
    grid = read(*runs)
    heads = [[t.replace("\n", "") for t in row] for row in grid[:-len(body)]]
    assert len(heads) == 1 and heads[0][1:] == ["2019年预算数", "2020年预算数"], heads
    assert grid[-len(body):] == [list(row) for row in body]


def test_a_group_heading_centred_over_the_first_pair_stays_off_the_next_pairs_label_column():
    """Unseen layouts U026-00111 p.2 (exp_pairs3, no column rules): 收入 centred over its 项目 |
    预算数 pair beside 支出 centred over three pairs (功能分类 | 经济分类 | 资金来源). The table's first
    cell reaches a margin's slack left of its text, so 收入 seemed centred over three columns as
    well as over its two, and took the function pair's 项目 column: the pair's rows were read as
    income and 支出 reached only two pairs and a half. A heading is centred on the ink of the columns
    at the table's edges, not on that slack."""
    head = [("收入", 96.9, 117.9), ("支出", 352.5, 117.9), ("功能分类", 215.7, 135.9), ("经济分类", 343.5, 135.9),
            ("资金来源", 471.4, 135.9), ("项目", 66.7, 144.9), ("预算数", 126.1, 144.9)]
    head += [(t, x, 153.9) for t, x in (("项目", 194.5), ("预算数", 253.9), ("项目", 322.4), ("预算数", 381.8),
                                        ("项目", 450.2), ("预算数", 509.6))]
    runs = [chars(t, x, top) for t, x, top in head]
    body = [("一般公共预算", "59,956,573.43", "一般公共服务", "35,656,622.60", "基本支出", "53,846,373.60",
             "一般公共预算", "59,956,573.43"),
            ("事业收入", "1,967,945.67", "教育支出", "16,061,494.71", "项目支出", "8,481,691.47",
             "事业收入", "1,967,945.67"),
            ("其他收入", "403,545.97", "住房保障支出", "4,969,535.15", "", "", "其他资金", "403,545.97")]
    for r, row in enumerate(body):
        top = 177.6 + 20 * r
        for k, (x, right) in enumerate(((45.0, 166.8), (172.8, 294.6), (300.6, 422.5), (428.5, 550.3))):
            name, amount = row[2 * k], row[2 * k + 1]
            if name:
                runs += [chars(name, x, top), chars(amount, right - 4.35 * len(amount), top, width=4.35)]
    grid = read(*runs)
    assert grid[0] == ["收入", "收入"] + ["支出"] * 6, grid[0]
    assert grid[1][2:] == ["功能分类", "功能分类", "经济分类", "经济分类", "资金来源", "资金来源"], grid[1]


def _stacked_pages(path):
    """Two ruled pages as a sheet whose every cell is painted exports them (generator axis stacked
    with label_rows): page 1 a table's title, unit line and rows with figures; page 2 its rows
    printing labels only over blank ruled cells, then the next table's title and unit line in
    unruled white cells right under them and its rows, all one ruled region."""
    xs = (50, 250, 350, 450)

    def rows(c, top, table):  # table: rows of cells; ruled, from `top` (PDF y) down; returns the bottom
        for row in table:
            bottom = top - 18
            c.line(xs[0], top, xs[-1], top)
            c.line(xs[0], bottom, xs[-1], bottom)
            for x in xs:
                c.line(x, top, x, bottom)
            for k, text in enumerate(row):
                if text:
                    c.drawString(xs[k] + 3, bottom + 5, text) if k == 0 else c.drawRightString(xs[k + 1] - 3, bottom + 5, text)
            top = bottom
        return top

    def draw(c):
        c.setFont("STSong-Light", 9)
        c.drawCentredString(250, 800, "2021年某局一般公共预算支出表")
        c.drawRightString(450, 780, "单位：元")
        body = [["科目名称", "合计", "基本支出"], ["合计", "2,600.00", "1,600.00"], ["住房保障支出", "2,600.00", "1,600.00"],
                ["住房改革支出", "2,600.00", "1,600.00"], ["住房公积金", "1,000.00", "800.00"],
                ["提租补贴", "600.00", "300.00"]]
        rows(c, 770, body)
        c.showPage()
        c.setFont("STSong-Light", 9)
        bottom = rows(c, 800, [["购房补贴", "", ""], ["灾害防治及应急管理支出", "", ""], ["应急管理事务", "", ""]])
        c.setFillColorRGB(1, 1, 1)
        c.rect(xs[0], bottom - 30, xs[-1] - xs[0], 30, stroke=0, fill=1)  # the title's cell
        c.rect(xs[0], bottom - 48, xs[-1] - xs[0], 18, stroke=0, fill=1)  # the unit line's
        c.setFillColorRGB(0, 0, 0)
        c.drawCentredString(250, bottom - 20, "2021年某局政府性基金预算支出表")
        c.drawRightString(447, bottom - 42, "单位：元")
        rows(c, bottom - 48, [["科目名称", "合计", "基本支出"], ["合计", "50.00", "50.00"],
                              ["城乡社区支出", "50.00", "50.00"]])

    return drawn_pdf(path, draw)


def test_labels_only_rows_and_the_next_table_on_one_ruling_are_parted_at_its_title(tmp_path):
    """Generator axis stacked with label_rows (jiangsu-rendaban-2017 p.10's kind, its next table
    right under the labels-only rows on one ruling, as p.9's tables are): the region was cut at a
    title row only after rows printing figures, so the next table's title, unit line and rows
    went on as rows of the table before, untitled; and the first labels-only row atop the page
    (购房补贴) was taken for the tail of the label of the row ending the page before. A title row
    after any rows of a table starts a table; a page whose rows print no figure opens with rows."""
    import disclosure
    doc = disclosure.extract(_stacked_pages(tmp_path / "stacked.pdf"))
    first, second = doc.tables
    assert first.type == "general_budget_expenditure" and first.pages == [1, 2]
    assert [r.name for r in first.rows][-4:] == ["提租补贴", "购房补贴", "灾害防治及应急管理支出", "应急管理事务"]
    assert second.type == "government_fund_expenditure" and second.pages == [2]
    assert [(r.name, [v.amount.value for v in r.values]) for r in second.rows] == \
        [("合计", [Decimal("50.00")] * 2), ("城乡社区支出", [Decimal("50.00")] * 2)]


def test_a_figure_set_left_beside_a_name_cell_spanning_another_tables_columns_stays():
    """U025-00000 p.3 (generator axis stacked): a table set left ends a ruling under another whose
    column lines part the lower one's name cell into lattice columns. The upper table's figures end
    against those lines; the lower one's 2019年预算数 figures start against the name cell's right
    rule beside the name cell's empty last slots. The name cell prints 教育支出 in its first slot:
    the figure is not pushed into it (it was: 教育支出 17441159.01, and 2020年预算数's figure moved
    on into the freed 2019 cell)."""
    xs = [50.0, 150.0, 200.0, 250.0, 320.0, 390.0]
    occupancy = {(r, c): 5 * r + c for r in range(3) for c in range(5)}
    for r in (3, 4):  # the lower table: a name cell over lattice columns 0-2, then two figure cells
        occupancy.update({(r, 0): 100 + r, (r, 1): 100 + r, (r, 2): 100 + r, (r, 3): 200 + r, (r, 4): 300 + r})
    runs = [("一、本年收入", 52.0, 0, 0), ("52757547.29", 150.0, 0, 1), ("52757547.29", 200.0, 0, 2),
            ("一般公共预算", 52.0, 1, 0), ("14314874.64", 150.0, 1, 1), ("14314874.64", 200.0, 1, 2),
            ("上年结转", 52.0, 2, 0), ("23063209.28", 150.0, 2, 1), ("23063209.28", 200.0, 2, 2),
            ("教育支出", 52.0, 3, 0), ("17441159.01", 250.5, 3, 3), ("14314874.64", 320.5, 3, 4),
            ("普通教育", 52.0, 4, 0), ("9491557.67", 250.5, 4, 3), ("7619133.50", 320.5, 4, 4)]
    cols = _pushed_columns(runs, xs, occupancy, top=10, pitch=16)
    assert cols[("17441159.01", 250.5, 3)] == {3} and cols[("14314874.64", 320.5, 3)] == {4}
    assert cols[("9491557.67", 250.5, 4)] == {3} and cols[("7619133.50", 320.5, 4)] == {4}


def test_a_note_ending_a_regridded_page_of_a_further_columns_part_leaves_it_joinable():
    """U025-00007 pp.2-5 (generator axis stacked): a 收入预算总表 over two pages, its further columns
    (续表: 事业收入) over the next two. The 续表's second page prints labels only, on a ruling shared
    with the next table, its blank figure cells collapsed away and its 注： line in an unruled cell
    across the ruling: placed on the first page's columns, the note stays a note, not a row whose
    one cell spans labels and figures, and the two parts join (the 续表 was a table of its own,
    typed other)."""
    from disclosure.model import Box, RawDocument, RawPage, TextLine
    from disclosure.structure.build import build

    def grid(rows, page, xs, right=None):
        """rows of (text, col, colspan) on the lattice's column lines `xs`; a cell across the whole
        grid reaching `right` when given (an unruled cell across a wider ruling)."""
        end = lambda k, n: right if right and n == len(xs) - 1 else xs[k + n]
        cells = [Cell(t, r, k, colspan=n, box=Box(page, xs[k], 60 + 12 * r, end(k, n), 72 + 12 * r))
                 for r, row in enumerate(rows) for t, k, n in row]
        return Grid(len(rows), len(xs) - 1, cells, Box(page, xs[0], 60, right or xs[-1], 60 + 12 * len(rows)))

    four, three = [50, 100, 300, 400, 500], [50, 100, 300, 400]
    note = "注：金额合计数与分项之和如有差异，系四舍五入所致。"
    pages = [
        RawPage(2, 595, 842, [TextLine("收入预算总表", Box(2, 50, 30, 300, 42), 14.0),
                              TextLine("单位：万元", Box(2, 400, 46, 450, 56), 10.0),
                              grid([[("科目编码", 0, 1), ("科目名称", 1, 1), ("合计", 2, 1), ("一般公共预算", 3, 1)],
                                    [("", 0, 1), ("合计", 1, 1), ("30.00", 2, 1), ("20.00", 3, 1)],
                                    [("205", 0, 1), ("教育支出", 1, 1), ("20.00", 2, 1), ("20.00", 3, 1)]], 2, four)]),
        RawPage(3, 595, 842, [grid([[("221", 0, 1), ("住房保障支出", 1, 1), ("", 2, 1), ("", 3, 1)],
                                    [(note, 0, 4)]], 3, four)]),
        RawPage(4, 595, 842, [TextLine("续表", Box(4, 450, 46, 480, 56), 10.0),
                              grid([[("科目编码", 0, 1), ("科目名称", 1, 1), ("事业收入", 2, 1)],
                                    [("", 0, 1), ("合计", 1, 1), ("10.00", 2, 1)],
                                    [("205", 0, 1), ("教育支出", 1, 1), ("", 2, 1)]], 4, three)]),
        RawPage(5, 595, 842, [grid([[("221", 0, 1), ("住房保障支出", 1, 1)], [(note, 0, 2)]], 5, three[:3], right=400)])]
    doc = build(RawDocument("x.pdf", "0" * 64, "pdf", pages))
    assert [(t.type, t.columns[-1]) for t in doc.tables] == [("income_summary", "事业收入")]
    assert [(r.name, r.page, [v.amount.printed for v in r.values]) for r in doc.tables[0].rows][:2] == [
        ("合计", 2, ["30.00", "20.00", "10.00"]), ("教育支出", 2, ["20.00", "20.00", ""])]
    assert [r.name for r in doc.tables[0].rows] == ["合计", "教育支出", "住房保障支出"]


def test_a_figure_set_left_in_a_box_wider_than_its_lattice_column_is_no_evidence_of_figures_set_right():
    """U028-00011 p.8 (generator axis stacked, rules dotted): a 续表 of a 三公 table ends on a ruling
    shared with the tables below, whose column lines cross its cells and theirs. Its 公务用车运行费
    75.8195 is set left against its rule beside a blank 公务用车购置费; the figures below are set left
    in boxes wider than the lattice columns they start in, ending against another table's line
    inside their box. Set against their box's own right rule they are not, so they are no evidence
    that the page sets figures right: 75.8195 stays (it was moved into the blank cell)."""
    xs = [50.0, 100.0, 150.0, 200.0, 260.0, 300.0]
    occupancy = {(0, 0): 0, (0, 1): 0, (0, 2): 1, (0, 3): 1, (0, 4): 2}
    for r in (1, 2, 3):  # the table below: a name cell over lattice columns 0-1, a figure cell over 2-4
        occupancy.update({(r, 0): 10 * r, (r, 1): 10 * r, (r, 2): 10 * r + 1, (r, 3): 10 * r + 1, (r, 4): 10 * r + 1})
    runs = [("75.8195", 150.5, 0, 2), ("157.5127", 260.5, 0, 4),
            ("办公费", 52.0, 1, 0), ("3483793.81", 150.5, 1, 2), ("差旅费", 52.0, 2, 0), ("2508672.47", 150.5, 2, 2),
            ("水费", 52.0, 3, 0), ("1626543.32", 150.5, 3, 2)]
    cols = _pushed_columns(runs, xs, occupancy, top=10, pitch=16)
    assert cols[("75.8195", 150.5, 0)] == {2} and cols[("157.5127", 260.5, 0)] == {4}


def test_a_note_under_a_one_row_table_joined_to_its_further_columns_stays_a_note():
    """U028-00011 pp.7-8 (generator axis stacked): a 三公 table of one row and no label column, its
    further columns on the next page (续表), each part with its 注： line across its ruling. Joined
    beside the first part (lattice.beside), the note reached across the first part's columns only:
    it was a second row, and the 合计 figure its row's label (233.3322 as the name, 合计 unread)."""
    from disclosure.model import Box, RawDocument, RawPage, TextLine
    from disclosure.structure.build import build

    def grid(rows, page, xs):  # rows of (text, col, colspan, rowspan)
        cells = [Cell(t, r, k, rowspan=h, colspan=n, box=Box(page, xs[k], 60 + 12 * r, xs[k + n], 72 + 12 * (r + h)))
                 for r, row in enumerate(rows) for t, k, n, h in row]
        return Grid(len(rows), len(xs) - 1, cells, Box(page, xs[0], 60, xs[-1], 60 + 12 * len(rows)))

    note = "注：金额合计数与分项之和如有差异，系四舍五入所致。"
    pages = [
        RawPage(7, 595, 842, [TextLine("表七 2021年一般公共预算“三公”经费支出表", Box(7, 150, 30, 450, 42), 14.0),
                              TextLine("单位：万元", Box(7, 500, 46, 550, 56), 10.0),
                              grid([[("合计", 0, 1, 2), ("因公出国（境）费", 1, 1, 2), ("公务用车购置及运行费", 2, 1, 1)],
                                    [("小计", 2, 1, 1)],
                                    [("233.3322", 0, 1, 1), ("", 1, 1, 1), ("75.8195", 2, 1, 1)],
                                    [(note, 0, 3, 1)]], 7, [42, 250, 368, 553])]),
        RawPage(8, 595, 842, [TextLine("续表", Box(8, 530, 46, 553, 56), 10.0),
                              grid([[("公务用车购置及运行费", 0, 2, 1), ("公务接待费", 2, 1, 2)],
                                    [("公务用车购置费", 0, 1, 1), ("公务用车运行费", 1, 1, 1)],
                                    [("", 0, 1, 1), ("75.8195", 1, 1, 1), ("157.5127", 2, 1, 1)],
                                    [(note, 0, 3, 1)]], 8, [42, 160, 345, 553])])]
    [t] = build(RawDocument("x.pdf", "0" * 64, "pdf", pages)).tables
    assert t.type == "three_public_expenses"
    assert [(r.name, [(v.column, v.amount.printed) for v in r.values if v.amount.printed]) for r in t.rows] == [
        ("", [("合计", "233.3322"), ("公务用车购置及运行费/小计", "75.8195"),
              ("公务用车购置及运行费/公务用车运行费", "75.8195"), ("公务接待费", "157.5127")])]
