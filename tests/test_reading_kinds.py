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
