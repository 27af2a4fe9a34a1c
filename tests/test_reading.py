"""Issue #12, each kind of misreading that documents outside the corpus showed, constructed small
(the generated layout corpus, tests/test_layouts.py, covers them along its axes): a word over a
column rule, a borderless table with a heading over a group of columns, text columns beside the
name, a 序号 column, codes recognised by their content, rows detailing rows decided by the
arithmetic, a table whose reading its own arithmetic puts in doubt, a line of figures alone."""
from __future__ import annotations

from decimal import Decimal

from disclosure.checks import reading
from disclosure.extract import aligned, layout
from disclosure.model import Box, Cell, Document, Grid, Row, Table, Value, Verification
from disclosure.normalize.amounts import parse_amount
from disclosure.structure import tables as T
from disclosure.structure.identities import column_totals, verify


def _chars(text: str, x: float, top: float, size: float = 8.0, width: float | None = None) -> list[dict]:
    """Characters of `text` set from x (CJK a full em, digits and punctuation half)."""
    out = []
    for ch in text:
        w = width or (size if ord(ch) > 0x2E80 else size / 2)
        out.append({"text": ch, "x0": x, "x1": x + w, "top": top, "bottom": top + size, "size": size})
        x += w
    return out


def _right(text: str, x1: float, top: float, size: float = 8.0) -> list[dict]:
    w = sum(size if ord(ch) > 0x2E80 else size / 2 for ch in text)
    return _chars(text, x1 - w, top, size)


class _Table:
    """The part of a pdfplumber table layout.grid reads: its cells' boxes and its bounding box."""

    def __init__(self, xs: list[float], ys: list[float]):
        self.cells = [(a, t, b, u) for a, b in zip(xs, xs[1:]) for t, u in zip(ys, ys[1:])]
        self.bbox = (xs[0], ys[0], xs[-1], ys[-1])


def test_an_amount_over_a_column_rule_stays_whole():
    """267.80 printed a little too far right: its 0 past the rule. The word goes to the cell that
    holds most of it; no phantom 0 in the next column. Same for the outer rule of the table."""
    xs, ys = [0.0, 60.0, 100.0, 140.0], [0.0, 20.0]
    chars = _chars("公务接待费", 2, 6) + _right("267.80", 103.5, 6) + _right("12.50", 143.5, 6)
    used = [False] * len(chars)
    grid = layout.grid(_Table(xs, ys), chars, used, 1)
    texts = {c.col: c.text for c in grid.cells}
    assert texts == {0: "公务接待费", 1: "267.80", 2: "12.50"}
    assert all(used)


def _borderless_page() -> list[dict]:
    """本年预算 centred over 合计 | 基本支出 | 项目支出, 科目名称 down both heading rows, a letter-
    spaced 合 计 row, a label wrapped onto a second line, amounts right-aligned."""
    c = _chars("科目名称", 40, 26) + _chars("本年预算", 228, 20)
    c += _chars("合计", 162, 32) + _chars("基本支出", 224, 32) + _chars("项目支出", 294, 32)
    c += _chars("合", 50, 50) + _chars("计", 62, 50) + _right("30.00", 190, 50) + _right("20.00", 260, 50) \
        + _right("10.00", 330, 50)
    c += _chars("一般公共服务支出", 10, 64) + _right("30.00", 190, 64) + _right("20.00", 260, 64) \
        + _right("10.00", 330, 64)
    c += _chars("其他一般公共服务", 10, 78) + _right("0.00", 190, 82) + _right("0.00", 260, 82) \
        + _right("0.00", 330, 82) + _chars("支出", 10, 88)
    return c


def test_a_borderless_table_read_by_alignment():
    grids, rest, carried = aligned.grids(_borderless_page(), 1)
    assert len(grids) == 1 and not rest and carried == 0
    frag = T.split_grid(grids[0], inherit_left=False)
    paths = T.column_paths(frag.header, grids[0].n_cols)
    assert paths == ["科目名称", "本年预算/合计", "本年预算/基本支出", "本年预算/项目支出"]
    segs = T.segments(paths, frag.body, T.top_labels(frag.header, grids[0].n_cols))
    rows = T.rows_of(paths, frag.body, [1] * len(frag.body), segs, "budget")
    assert [(r.name, r.role, [v.amount.printed for v in r.values]) for r in rows] == [
        ("合计", "total", ["30.00", "20.00", "10.00"]),
        ("一般公共服务支出", "item", ["30.00", "20.00", "10.00"]),
        ("其他一般公共服务支出", "item", ["0.00", "0.00", "0.00"])]
    assert [v.measure for v in rows[0].values] == ["total", "basic", "project"]


def test_a_line_of_figures_alone_is_no_table_unless_it_continues_one():
    chars = _chars("合计", 10, 10) + _right("30.00", 190, 10) + _right("20.00", 260, 10)
    grids, _, _ = aligned.grids(chars, 1)
    assert len(grids) == 1 and grids[0].headless  # the structure stage decides: see test_layouts


def _grid(rows: list[list[str]]) -> Grid:
    cells = [Cell(t, r, k, box=Box(1, 40 * k, 10 * r, 40 * k + 39, 10 * r + 9))
             for r, row in enumerate(rows) for k, t in enumerate(row)]
    return Grid(len(rows), len(rows[0]), cells)


def _rows(rows: list[list[str]], typ: str = "government_procurement", kind: str = "budget"):
    g = _grid(rows)
    frag = T.split_grid(g, inherit_left=False)
    paths = T.column_paths(frag.header, g.n_cols)
    segs = T.segments(paths, frag.body, T.top_labels(frag.header, g.n_cols))
    return paths, T.rows_of(paths, frag.body, [1] * len(frag.body), segs, kind, typ)


def test_text_columns_beside_the_name_are_its_attributes():
    """政府采购: 项目名称 | 采购品目 | 采购方式 | 组织形式 | 金额: the item names the row."""
    _, rows = _rows([["项目名称", "采购品目", "采购方式", "组织形式", "金额"],
                     ["办公家具", "货物", "询价", "分散采购", "12.50"],
                     ["合计", "", "", "", "12.50"]])
    assert [(r.name, r.attributes, r.role) for r in rows] == [
        ("办公家具", {"采购品目": "货物", "采购方式": "询价", "组织形式": "分散采购"}, "item"),
        ("合计", {}, "total")]


def test_a_category_merged_down_beside_the_items_of_one_heading_names_the_row_with_them():
    g = _grid([["项目名称", "", "金额"], ["一般公共预算资金", "公共财政拨款", "9.00"]])
    g.cells = [c for c in g.cells if not (c.row == 0 and c.col == 1)]
    g.cells[0].colspan = 2  # 项目名称 over both label columns
    frag = T.split_grid(g, inherit_left=False)
    paths = T.column_paths(frag.header, g.n_cols)
    segs = T.segments(paths, frag.body, T.top_labels(frag.header, g.n_cols))
    [row] = T.rows_of(paths, frag.body, [1], segs, "budget")
    assert row.name == "一般公共预算资金/公共财政拨款" and row.attributes == {}


def test_a_serial_number_column_is_no_amount():
    _, rows = _rows([["序号", "项目", "金额"], ["1", "因公出国（境）费", "5.00"], ["2", "公务接待费", "3.00"]],
                    "three_public_expenses")
    assert [(r.name, r.attributes, [v.amount.printed for v in r.values]) for r in rows] == [
        ("因公出国（境）费", {"序号": "1"}, ["5.00"]), ("公务接待费", {"序号": "2"}, ["3.00"])]


def test_codes_known_by_their_content():
    """Seven-digit codes under no 编码 heading (a header read by OCR) are a code column, and the
    款 and 项 parts of codes in 类|款|项 columns (01, 05) are codes, not amounts; a column of
    three-digit numbers alone stays amounts."""
    _, rows = _rows([["", "名称", "金额"], ["2010101", "行政运行", "3.00"], ["2010102", "一般行政管理事务", "2.00"]],
                    "general_budget_expenditure")
    assert [(r.code, r.name, [v.amount.printed for v in r.values]) for r in rows] == [
        ("2010101", "行政运行", ["3.00"]), ("2010102", "一般行政管理事务", ["2.00"])]
    _, rows = _rows([["类", "款", "项", "科目名称", "金额"], ["201", "01", "01", "行政运行", "3.00"]],
                    "general_budget_expenditure")
    assert rows[0].code == "2010101" and [v.amount.printed for v in rows[0].values] == ["3.00"]
    _, rows = _rows([["项目", "人数"], ["甲", "520"], ["乙", "560"]], "other")
    assert [v.amount.printed for r in rows for v in r.values] == ["520", "560"]


def _row(name: str, printed: str, role: str = "item") -> Row:
    return Row(0, "", "", "", "none", "", name, name, role, [Value("预算数", "amount", parse_amount(printed), None, 1)], 1)


def _table(rows: list[Row]) -> Table:
    return Table(1, "income_expenditure_summary", "t", "t", "", "万元", Decimal(10000), "", [1], ["项目", "预算数"],
                 [], [], [], [""], rows, False, "")


def test_the_arithmetic_decides_which_rows_detail_which():
    """财政拨款（补助） then 一般公共预算, 政府性基金预算, 国有资本经营预算 under it, all unnumbered
    (Kashgar seed 表一): the flat sum fails, the reading where the rows the first holds add up to
    it holds, and the total is the sum of the rows no other holds."""
    t = _table([_row("财政拨款（补助）", "1008.16"), _row("一般公共预算", "952.70"), _row("政府性基金预算", ""),
                _row("国有资本经营预算", "55.46"), _row("事业收入", ""), _row("收入总计", "1008.16", "total")])
    found = column_totals(t)
    assert all(i.holds() for i in found) and len(found) == 2
    assert "财政拨款（补助） = 一般公共预算+政府性基金预算+国有资本经营预算" in found[0].choice
    v = verify(t)
    assert (v.identities, v.held, v.covered, v.amounts) == (2, 2, 4, 4) and v.choices


def test_the_search_for_detail_rows_is_not_exponential():
    """Rows each a little larger than the next (no reading holds): every row is tried once."""
    rows = [_row(f"项{i}", f"{1000 - i}.00") for i in range(250)] + [_row("合计", "1.00", "total")]
    found = column_totals(_table(rows))
    assert len(found) == 1 and not found[0].holds()


def test_a_table_whose_arithmetic_mostly_fails_is_a_doubtful_reading():
    t = _table([_row("a", "1.00")])
    doc = Document("t.pdf", "0" * 64, "pdf", "t", "d", 2021, "budget", "department", ["万元"], 1, [], [t], [], [], [])
    t.verification = Verification(identities=4, held=1, failed=3, amounts=10, covered=2, failures=["201 = Σ 款: 5 ≠ 7"])
    [f] = reading.findings(doc)
    assert (f.rule, f.severity, f.table) == ("reading.unverified", "warning", 1) and "5 ≠ 7" in f.message_zh
    t.verification = Verification(identities=4, held=2, failed=2, amounts=10, covered=6)
    assert reading.findings(doc) == []  # half hold: the document may be wrong, the reading stands
    t.verification = Verification(identities=2, held=0, failed=2, amounts=10, covered=0)
    assert reading.findings(doc) == []  # too few to doubt the reading


def _text_doc(lines: list[str]):
    from disclosure.model import RawDocument, RawPage, TextLine
    from disclosure.structure.build import build

    page = RawPage(1, 595, 842, [TextLine(t, Box(1, 50, 50 + 20 * i, 300, 60 + 20 * i), 12.0)
                                 for i, t in enumerate(lines)])
    return build(RawDocument("x.pdf", "0" * 64, "pdf", [page]))


def test_the_department_found_whatever_the_cover():
    """The year before the name on the cover, or no cover at all but the name before each table's
    standard title: the department is found, and typing never needed it."""
    doc = _text_doc(["2018年度", "江苏省人民检察院", "部门预算", "第一部分 部门概况"])
    assert (doc.department, doc.year, doc.kind) == ("江苏省人民检察院", 2018, "budget")
    doc = _text_doc(["江苏省人民检察院", "2018年度部门预算"])
    assert doc.department == "江苏省人民检察院"
    from disclosure.model import RawDocument, RawPage, TextLine
    from disclosure.structure.build import build

    cells = [Cell("项目", 0, 0, box=Box(1, 50, 100, 150, 110)), Cell("金额", 0, 1, box=Box(1, 150, 100, 250, 110)),
             Cell("合计", 1, 0, box=Box(1, 50, 110, 150, 120)), Cell("1.00", 1, 1, box=Box(1, 150, 110, 250, 120))]
    page = RawPage(1, 595, 842, [TextLine("公开01表：2019年度福建省平潭县人民法院收入决算表", Box(1, 50, 60, 400, 72), 14.0),
                                 TextLine("单位：万元", Box(1, 300, 80, 400, 90), 10.0),
                                 Grid(2, 2, cells, Box(1, 50, 100, 250, 120))])
    doc = build(RawDocument("x.pdf", "0" * 64, "pdf", [page]))
    assert doc.tables[0].type == "income_summary"
    assert (doc.department, doc.year, doc.kind) == ("福建省平潭县人民法院", 2019, "final_accounts")


def test_a_column_of_codes_is_the_code_column_though_a_name_came_into_one_cell():
    """Read by OCR (U001-00001 p.2 scanned): both columns headed 科目代码科目名称 (the rule between
    the headings not found), and 文物, set flush against its rule, read into its code's cell. The
    codes down the column make it the code column: no code is read as an amount, and the name
    comes back out of the code's cell."""
    g = _grid([["科目代码科目名称", "", "合计"], ["206", "科学技术支出", "10.00"],
               ["20602", "基础研究", "10.00"], ["2060201", "机构运行", "10.00"],
               ["207", "文化体育与传媒支出", "5.00"], ["20702 文物", "", "5.00"], ["2070206", "历史名城与古迹", "5.00"]])
    g.cells = [c for c in g.cells if not (c.row == 0 and c.col == 1)]
    g.cells[0].colspan = 2
    frag = T.split_grid(g, inherit_left=False)
    paths = T.column_paths(frag.header, g.n_cols)
    segs = T.segments(paths, frag.body, T.top_labels(frag.header, g.n_cols))
    rows = T.rows_of(paths, frag.body, [1] * len(frag.body), segs, "final")
    assert len(segs) == 1 and segs[0].code_cols == [0]
    assert [(r.code, r.name, [v.amount.printed for v in r.values]) for r in rows] == [
        ("206", "科学技术支出", ["10.00"]), ("20602", "基础研究", ["10.00"]), ("2060201", "机构运行", ["10.00"]),
        ("207", "文化体育与传媒支出", ["5.00"]), ("20702", "文物", ["5.00"]), ("2070206", "历史名城与古迹", ["5.00"])]
    # every cell a code and a name: the names' column (codes joined with the names), not codes
    g = _grid([["科目", "合计"], ["206 科学技术支出", "10.00"], ["20602 基础研究", "10.00"], ["2060201 机构运行", "10.00"]])
    frag = T.split_grid(g, inherit_left=False)
    paths = T.column_paths(frag.header, g.n_cols)
    segs = T.segments(paths, frag.body, T.top_labels(frag.header, g.n_cols))
    assert segs[0].code_cols == [] and segs[0].label_cols == [0]
