"""Constructed cases for the kinds of misreading found on the generated layout corpus (issue #12).

Each builds the characters of a few printed lines (PDF points from the top-left, as a reader gives
them) and reads them with the aligned reader, or calls the rule that decides the kind, and asserts
what is printed. The generated corpus (tests/test_layouts.py) holds the same kinds at scale.
"""
from decimal import Decimal

from disclosure.extract import aligned, layout
from disclosure.model import Cell
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
