"""Tables flattened into a page's text (extract/inline_tables.py): each kind of miss the generated page
texts showed (bench/portal_forms.py --forms pagetext, seeds 1-5) as a constructed case; and the 三公
page text of the Fujian corpus tested by its own arithmetic."""
from __future__ import annotations

from decimal import Decimal

from conftest import corpus_file, extracted

from disclosure.extract.inline_tables import find

HEADER = ["科目编码", "科目名称", "合计", "一般公共预算拨款", "政府性基金预算拨款", "财政专户管理资金", "事业收入", "其他收入"]
# an income table by code (the rows of L003-00016, seed 3, cut down): 20101's 财政专户 figure and that of
# 2010101 under it, 20107's and 2010750's, must all move from the left for any sum to hold
ROWS = [
    ["201", "一般公共服务支出", "9,658.86", "7,484.75", "558.97", "869.90", "745.24", ""],
    ["20101", "人大事务", "1,609.19", "789.76", "", "819.43", "", ""],
    ["2010101", "行政运行", "819.43", "", "", "819.43", "", ""],
    ["2010109", "人大信访工作", "789.76", "789.76", "", "", "", ""],
    ["20107", "税收事务", "1,478.39", "1,427.92", "", "50.47", "", ""],
    ["2010706", "代扣代收代征税款手续费", "477.60", "477.60", "", "", "", ""],
    ["2010708", "协税护税", "950.32", "950.32", "", "", "", ""],
    ["2010750", "事业运行", "50.47", "", "", "50.47", "", ""],
    ["20115", "工商行政管理事务", "1,931.78", "1,186.54", "", "", "745.24", ""],
    ["2011502", "一般行政管理事务", "745.24", "", "", "", "745.24", ""],
    ["2011503", "机关服务", "1,186.54", "1,186.54", "", "", "", ""],
    ["20131", "党委办公厅（室）及相关机构事务", "4,639.50", "4,080.53", "558.97", "", "", ""],
    ["2013102", "一般行政管理事务", "4,080.53", "4,080.53", "", "", "", ""],
    ["2013103", "机关服务", "558.97", "", "558.97", "", "", ""],
]
TOTAL = ["", "合计", "9,658.86", "7,484.75", "558.97", "869.90", "745.24", ""]


def _flat(rows: list[list[str]]) -> str:
    """The rows as a page text prints them: blank cells leave no trace."""
    return " ".join(" ".join(c for c in r if c) for r in rows)


def test_blanks_placed_family_by_family_from_the_top():
    """No one move makes a sum hold (20101 moved alone breaks 20101 = 2010101 + 2010109): the rows under
    each settled parent are placed at once, from the 合计 down, so that every column adds up."""
    text = "单位：万元 " + " ".join(HEADER) + " " + _flat([TOTAL] + ROWS) + " 注：本表数据来源于部门决算。"
    (t,) = find(text)
    assert t.header == HEADER
    assert t.rows == [TOTAL] + ROWS


def test_a_percent_goes_under_the_percent_column():
    """`2030602 经济动员 90000.47 90000.47 0.00%` (L001-00000, seed 1): the change printed blank, the
    percent under 增减%, not under 增减额."""
    text = ("单位：元 科目编码 科目名称 上年决算数 本年决算数 增减额 增减% "
            "203 国防支出 22330002.13 22080002.13 -250000.00 -1.12% "
            "20306 国防动员 14600001.99 14380001.99 -220000.00 -1.51% "
            "2030602 经济动员 90000.47 90000.47 0.00% "
            "2030603 人民防空 11420001.34 9780001.34 -1640000.00 -14.36%")
    (t,) = find(text)
    assert t.rows[2] == ["2030602", "经济动员", "90000.47", "90000.47", "", "0.00%"]
    assert t.rows[3][-2:] == ["-1640000.00", "-14.36%"]


EMPTY_HEADER = ["科目编码", "科目名称", "机关运行经费支出"]


def test_a_table_printed_empty_ends_at_the_next_table_or_the_text():
    """`… 机关运行经费支出 合 计 表五 …政府采购情况表` (L004-00002, seed 4; L005-00039, seed 5: 公开10表 …
    公开11表; L004-00027, seed 4: 十、… 合计 十一、…政府采购情况表): the empty table is its 合计 row, the
    next table its own. `… 机关运行经费支出 合计` at the end of the text (L001-00005, seed 1): the same 合计
    row, not a column of its header (which left the table no row: not found, or the next table's title
    and rows taken as its own)."""
    texts = [
        "表四 平潭县人民法院2022年机关运行经费支出决算表 单位：万元 科目编码 科目名称 机关运行经费支出 合 计 "
        "表五 平潭县人民法院2022年政府采购情况表 单位：万元 项目名称 采购品目 采购方式 组织形式 金额 "
        "印刷服务 服务 公开招标 集中采购 10.71 网络设备 货物 协议供货 分散采购 42.01 合 计 52.72",
        "公开10表：2019年度江苏省政府采购中心机关运行经费支出决算表 单位：万元 科目编码 科目名称 机关运行经费支出 "
        "合 计 公开11表：2019年度江苏省政府采购中心政府采购情况表 单位：万元 项目 合计 货物 工程 服务 "
        "物业管理服务 44.91 0.00 44.91 0.00 印刷服务 37.01 0.00 0.00 37.01 合 计 81.92 0.00 44.91 37.01",
        "十、四川省成都市武侯区民政局2023年机关运行经费支出决算表 单位：元 科目编码 科目名称 机关运行经费支出 合计 "
        "十一、四川省成都市武侯区民政局2023年政府采购情况表 单位：元 项目名称 采购品目 采购方式 组织形式 金额 "
        "空调 工程 竞争性磋商 分散采购 282000.01 网络设备 服务 单一来源 部门集中采购 372000.01 合计 654000.02",
    ]
    found = [find(text) for text in texts]
    for empty, _ in found:
        assert empty.header == EMPTY_HEADER and empty.rows == [["", "合计", ""]]
    (empty, plain), (empty_parts, parts), (empty_sichuan, sichuan) = found
    assert empty.title == "表四平潭县人民法院2022年机关运行经费支出决算表"
    assert plain.title == "表五平潭县人民法院2022年政府采购情况表" and plain.unit == "单位：万元"
    assert plain.rows[-1] == ["合计", "", "", "", "52.72"]
    assert empty_parts.title.endswith("机关运行经费支出决算表")
    assert parts.title.endswith("政府采购情况表") and len(parts.rows) == 3
    assert empty_sichuan.title == "十、四川省成都市武侯区民政局2023年机关运行经费支出决算表"
    assert sichuan.title == "十一、四川省成都市武侯区民政局2023年政府采购情况表"
    assert sichuan.header == ["项目名称", "采购品目", "采购方式", "组织形式", "金额"]
    assert sichuan.rows == [["空调", "工程", "竞争性磋商", "分散采购", "282000.01"],
                            ["网络设备", "服务", "单一来源", "部门集中采购", "372000.01"],
                            ["合计", "", "", "", "654000.02"]]
    (t,) = find("公开04表 2022年度江苏省人大常委会办公厅机关运行经费支出决算表 单位：万元 科目编码 科目名称 "
                "机关运行经费支出 合计")
    assert t.header == EMPTY_HEADER and t.rows == [["", "合计", ""]]


def test_unit_line_letter_spaced_before_the_header():
    (t,) = find("2023年收支预算表 金 额 单 位 ： 万 元 项目名称 本年预算 上年预算 收入合计 1,200.00 1,100.00 "
                "一般公共预算拨款 1,000.00 950.00 其他收入 200.00 150.00 注：无。")
    assert (t.title, t.unit) == ("2023年收支预算表", "金额单位：万元")


def test_fujian_three_public_page_text_tested_by_its_own_sums():
    """The fujian 2018 三公 page text's table (一、“三公”经费支出 — then （一）支出合计 1,583.50 and its
    items 1. 2. 3., each with its （1）（2）): its 合计 is the three items, 公务用车购置及运行维护费 its
    购置费 and 运行维护费, 公务接待费 its 国内 and 国（境）外 接待费 (其中：外事接待费 is a detail, no part).
    Before, the heading row above the 合计 made the table read as totalled at the bottom: nothing tested."""
    doc = extracted(str(corpus_file("fujian/fujian-pingtan-district-level-2018-sangong-final.txt")))
    (t,) = [t for t in doc.tables if t.type == "three_public_expenses"]
    tested = {x.label.split(" = ")[0]: x for x in t.verification.tested}
    assert set(tested) == {"（一）支出合计", "2.公务用车购置及运行维护费", "3.公务接待费"}
    assert all(x.held for x in tested.values())
    assert (tested["（一）支出合计"].total_value, len(tested["（一）支出合计"].parts)) == (Decimal("1583.50"), 3)
    assert tested["2.公务用车购置及运行维护费"].parts_sum == Decimal("370.72") + Decimal("608.76")
    assert tested["3.公务接待费"].parts_sum == Decimal("413.58") + Decimal("0.53")
    # the counts (团组数, 人次, 保有量) are in no sum of money
    rows = {(r.side, r.index): r for r in t.rows}
    for x in tested.values():
        assert all(rows[(side, i)].values[0].measure != "count" for side, i, _ in x.parts)


def test_a_code_after_a_total_printed_first_opens_its_row():
    """`合 计 520.11 520.11 208 社会保障和就业支出 …` (L001-00006, seed 1): the 合计 row, printed first and
    short of a figure, is followed by a code; 208 is the next row's code (the chart names 208 so), not
    the 合计's 项目支出. A number the chart does not name so (208 before 工资福利支出) stays a figure."""
    text = ("单位：万元 科目名称 合计 基本支出 项目支出 合 计 520.11 520.11 208 社会保障和就业支出 520.11 520.11 "
            "20822 大中型水库移民后期扶持基金支出 520.11 520.11 2082201 移民补助 520.11 520.11")
    (t,) = find(text)
    assert t.rows == [["合计", "520.11", "520.11", ""],
                      ["208 社会保障和就业支出", "520.11", "520.11", ""],
                      ["20822 大中型水库移民后期扶持基金支出", "520.11", "520.11", ""],
                      ["2082201 移民补助", "520.11", "520.11", ""]]
    (t,) = find("单位：元 项目 合计 基本支出 项目支出 合计 1000 792 208 工资福利支出 792 792 商品和服务支出 208 208")
    assert t.rows[0] == ["合计", "1000", "792", "208"] and t.rows[1] == ["工资福利支出", "792", "792", ""]


# an income table by 类 (the kind of L001-00022, seed 1, and L005-00008, seed 5): each row its 合计, its
# 一般公共预算拨款 and at most one other source's figure; every source column but 一般 holds figures of
# several rows, so only every row placed at once makes the 合计 row's columns add up
FUNDS = ["合计", "一般公共预算拨款", "政府性基金预算拨款", "财政专户管理资金", "事业收入", "其他收入"]
BY_CLASS = [  # code, name, 一般, (column of the other source, its figure) or None
    ("201", "一般公共服务支出", "7881.56", (3, "512.70")), ("202", "外交支出", "2937.71", (5, "153.46")),
    ("203", "国防支出", "1204.63", None), ("204", "公共安全支出", "3310.39", (4, "871.67")),
    ("205", "教育支出", "2676.10", (3, "544.62")), ("206", "科学技术支出", "374.94", None),
    ("207", "文化旅游体育与传媒支出", "2801.43", (3, "287.40")), ("208", "社会保障和就业支出", "721.91", (2, "66.38")),
    ("209", "社会保险基金支出", "1962.11", (5, "191.47")), ("210", "卫生健康支出", "2763.48", (4, "35.52")),
    ("211", "节能环保支出", "3613.95", (5, "629.28")), ("212", "城乡社区支出", "1735.87", (3, "732.49")),
    ("213", "农林水支出", "700.12", (2, "419.38")), ("214", "交通运输支出", "237.87", (2, "619.42")),
    ("216", "商业服务业等支出", "2249.12", (4, "1153.29")), ("217", "金融支出", "1255.87", (2, "715.95")),
    ("221", "住房保障支出", "741.90", (4, "12.13")), ("224", "灾害防治及应急管理支出", "2588.69", (2, "524.68")),
    ("229", "其他支出", "98.86", (4, "1153.90")), ("233", "债务发行费用支出", "1696.47", (3, "685.38")),
]


def test_an_income_table_whose_rows_only_all_at_once_add_up():
    """Twenty 类 rows, each short of figures, whose other sources' figures (政府性基金 … 其他收入) only
    add up to the 合计 row when every row is placed at once: the search over rows' placements ran out of
    steps and left them all from the left (32 amounts of L001-00022 under 政府性基金); the search column
    by column from the right (each a subset sum) places them."""
    rows, total = [], [0] * 6
    for code, name, general, other in BY_CLASS:
        cells = [""] * 6
        cells[1] = general
        if other:
            cells[other[0]] = other[1]
        cells[0] = str(sum(Decimal(c) for c in cells if c))
        total = [a + (Decimal(c) if c else 0) for a, c in zip(total, cells)]
        rows.append([code, name] + cells)
    rows.append(["", "合计"] + [str(v) for v in total])
    (t,) = find("单位：万元 科目编码 科目名称 " + " ".join(FUNDS) + " " + _flat(rows) + " 注：本表无其他说明。")
    assert t.header == ["科目编码", "科目名称"] + FUNDS
    assert t.rows == rows


def test_figures_that_fit_a_column_blank_throughout_are_noted():
    """`项目 合计 货物 工程 服务` with nothing under one part (L002-00020, seed 2: 服务 is what the page
    printed, 工程 blank): the figures read under 工程 fit under 服务 as well, every sum the same. The text
    can not tell; the table says so (a note, the page's problem) rather than passing the guess as read."""
    text = ("政府采购预算表 单位：元 项目 合计 货物 工程 服务 合 计 1,046,003 369,001 677,002 空调 300,001 300,001 "
            "物业管理服务 377,001 377,001 办公家具 369,001 369,001")
    (t,) = find(text)
    assert t.rows[0] == ["合计", "1,046,003", "369,001", "677,002", ""]
    assert len(t.notes) == 1 and t.notes[0].startswith("政府采购预算表: 服务 is blank in every row, and the figures read "
                                                       "under 工程 fit under it as well")
    # a figure under 服务 (会议 1) decides it: no note
    (t,) = find(text.replace("合 计 1,046,003 369,001 677,002", "合 计 1,046,004 369,001 677,002 1") + " 会议 1 1")
    assert t.rows[-1] == ["会议", "1", "", "", "1"] and t.notes == []
    # 基本支出 or 项目支出 (L001-00006, seed 1): one column of figures, the other blank
    (t,) = find("单位：万元 科目名称 合计 基本支出 项目支出 合 计 520.11 520.11 208 社会保障和就业支出 520.11 520.11")
    assert len(t.notes) == 1 and "项目支出 is blank in every row, and the figures read under 基本支出 fit" in t.notes[0]


def test_year_dash_headings_and_the_title_year_decide_a_blank_column():
    """A web page's text of a 三公 table whose headings join the year by a dash (`2016-执行数 2017-预算数`,
    trial 26's yueyang-2017) was no table: `2016-执行数` was not taken for a heading. Its rows print one
    figure for two columns (the year before blank): the sums hold either way, and the table's title names
    2017, so the figures stand under 2017-预算数. The title sits on the line above an indented 单位 line."""
    text = ("某中心2021年度部门“三公”经费预算情况表\n    单位：元\n项目 2020-决算数 2021-预算数\n"
            "一、支出合计   86000\n1、因公出国(境)费用\n2、公务接待费   26000\n3、公务用车费   60000\n"
            "其中:(1)公务用车运行维护费   60000\n(2)公务用车购置\n")
    (t,) = find(text)
    assert t.title == "某中心2021年度部门“三公”经费预算情况表" and t.unit == "单位：元"
    assert t.header == ["项目", "2020-决算数", "2021-预算数"]
    assert t.rows[0] == ["一、支出合计", "", "86000"] and t.rows[2] == ["2、公务接待费", "", "26000"]
    assert t.rows[4] == ["其中:(1)公务用车运行维护费", "", "60000"]
    assert t.notes == ["某中心2021年度部门“三公”经费预算情况表: the figures stand under 2021-预算数 or 2020-决算数 alike "
                       "(every sum and every row's order the same), the other blank: placed under 2021-预算数, the "
                       "year of the table's title"]
    # a title naming no year leaves it undecided, and says so
    (t,) = find(text.replace("某中心2021年度", "某中心"))
    assert t.rows[0] == ["一、支出合计", "86000", ""] and "the text does not tell" in t.notes[0]
