from decimal import Decimal

import pytest

from disclosure.normalize import codes
from disclosure.normalize.amounts import parse_amount
from disclosure.normalize.measures import basis, measure
from disclosure.normalize.table_types import table_type
from disclosure.normalize.text import clean
from disclosure.normalize.units import find_unit, to_yuan


def test_a_currency_sign_before_a_figure_is_no_part_of_it():
    """A spreadsheet's currency and accounting formats print ¥ (or ￥) before the figure."""
    assert parse_amount("¥1,234.50").value == Decimal("1234.50")
    assert parse_amount("￥1,234.50").status == "number"
    assert parse_amount(" ¥ -1,234.50 ").value == Decimal("-1234.50") == parse_amount("-¥1,234.50").value
    assert parse_amount("(¥1,234.50)").value == Decimal("-1234.50")
    assert parse_amount("¥ -").status == "dash"  # 会计专用's zero
    assert [parse_amount(t).status for t in ("¥", "¥1,23", "-¥-1", "¥12万")] == ["text"] * 4
    assert parse_amount("¥1,234.50").printed == "¥1,234.50"


def test_amounts_are_exact_and_blank_is_not_zero():
    a = parse_amount("753.67")
    assert a.value == Decimal("753.67") and a.status == "number"
    assert str(to_yuan(a.value, "万元")) == "7536700.00"
    assert parse_amount("").status == "blank" and parse_amount("").value is None
    assert parse_amount("0.00").value == Decimal("0.00") and parse_amount("0.00").status == "number"
    assert parse_amount("-").status == "dash" and parse_amount("—").status == "dash"
    assert parse_amount("189,767,551").value == Decimal("189767551")
    assert parse_amount("１２３.４５").value == Decimal("123.45")  # full-width digits
    assert parse_amount("94.50%").status == "percent"
    assert parse_amount("合计").status == "text"


def test_code_forms():
    assert codes.parse_code("2080505").level == "项"
    c = codes.parse_code("208 05 05")
    assert (c.code, c.classification, c.level) == ("2080505", "functional", "项")
    assert codes.parse_code("30101").classification == "economic"
    assert codes.parse_code("2021") is None  # a year is not a code
    assert codes.join_columns(["301", "01"]).code == "30101"
    assert codes.join_columns(["201", "05", ""]).code == "20105"
    assert codes.join_columns(["", "05", "07"], parent="20105").code == "2010507"
    # putuo-wanli-2024 p.29 prints 款 "2" and "7" for 02 and 07 (a spreadsheet dropped the zero)
    assert codes.join_columns(["301", "2"]).code == "30102"
    assert codes.join_columns(["301", "7"]).printed == "301 7"
    lead, rest = codes.split_leading_code("208 社会保障和就业支出")
    assert lead.code == "208" and rest == "社会保障和就业支出"
    assert codes.split_leading_code("2021年预算")[0] is None


def test_full_width_codes_are_the_same_codes():
    """Some Word/WPS documents print codes in full-width digits (３０１０１): the code is ASCII, the
    printed form kept; digits of another script are no code."""
    c = codes.parse_code("３０１０１")
    assert (c.code, c.printed, c.classification, c.level) == ("30101", "３０１０１", "economic", "款")
    assert codes.parse_code("２０８ ０５ ０５").code == "2080505"
    lead, rest = codes.split_leading_code("２０８．０５．０５ 行政运行")
    assert (lead.code, rest) == ("2080505", "行政运行")
    assert codes.join_columns(["３０２", "０１"]).code == "30201"
    assert codes.parse_code("\u0663\u0660\u0661\u0660\u0661") is None  # Arabic-Indic ٣٠١٠١


def test_a_document_printing_full_width_codes_reads_the_codes_of_ascii_ones():
    """The Kashgar sample with every code of its tables turned full-width gives the same rows."""
    import re
    from pathlib import Path

    from disclosure import pipeline

    sample = Path(__file__).resolve().parent.parent / "samples" / "kashgar-2021-budget.txt"
    wide = str.maketrans("0123456789", "０１２３４５６７８９")
    lines = []
    for line in sample.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if re.fullmatch(r"[23]\d\d", parts[0]):
            parts[:2] = [part.translate(wide) for part in parts[:2]]
        lines.append("\t".join(parts))
    assert any("３０１" in line for line in lines)
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "kashgar-wide.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        wide_doc = pipeline.extract(path)
    ascii_doc = pipeline.extract(sample)
    rows = lambda doc: [[(r.code, r.name) for r in t.rows] for t in doc.tables]
    assert rows(wide_doc) == rows(ascii_doc)
    assert ("30101", "基本工资") in [row for t in rows(wide_doc) for row in t]
    assert sorted(f.rule for f in wide_doc.findings) == sorted(f.rule for f in ascii_doc.findings)


def test_text_cleaning():
    assert clean("收 入 总 计") == "收入总计"
    assert clean("⽀出") == "支出"  # Kangxi radical
    assert clean("部⻔") == "部门"  # CJK radicals supplement, not fixed by NFKC
    assert clean("公务⽤⻋运行") == "公务用车运行"
    assert clean("事业单位\n经营收入") == "事业单位经营收入"


def test_units():
    assert find_unit("编制部门：某局 单位：万元") == "万元"
    assert find_unit("单位: 元") == "元"
    assert find_unit("金额单位：万元") == "万元"
    assert find_unit("说明文字") == ""
    assert find_unit("单 位 ： 万 元") == "万元" and find_unit("金 额 单 位：千 元") == "千元"  # letter-spaced


def test_table_types():
    assert table_type("部门收支总体情况表") == "income_expenditure_summary"
    assert table_type("2025年部门财务收支预算总表") == "income_expenditure_summary"
    assert table_type("财政拨款收入支出决算总表") == "fiscal_allocation_summary"
    assert table_type("一般公共预算机关运行经费支出预算表") == "operating_expenses"
    assert table_type("2025年部门“三公”经费和机关运行经费预算表") == "three_public_expenses"
    assert table_type("一般公共预算财政拨款基本支出决算表") == "general_budget_basic_expenditure"
    assert table_type("支出决算表") == "expenditure_summary"
    # 财政拨款 tables (every fiscal allocation) are not the 一般公共预算 ones (Jiangsu prints both)
    assert table_type("财政拨款支出预算表") == "fiscal_allocation_expenditure"
    assert table_type("财政拨款基本支出预算表") == "fiscal_allocation_basic_expenditure"
    assert table_type("一般公共预算支出预算表") == "general_budget_expenditure"


def test_table_types_with_the_organisation_in_the_title():
    """Typing does not depend on knowing the department: any name, year or 部门 before the
    standard title leaves the type as it is, and a name holding a table word does not change it."""
    assert table_type("2018年度江苏省人民检察院收入预算总表") == "income_summary"
    assert table_type("江苏省政府采购中心2021年部门收支预算总表") == "income_expenditure_summary"
    assert table_type("江苏省政府采购中心政府采购预算表") == "government_procurement"
    assert table_type("江苏省财政厅财政拨款收支预算总表") == "fiscal_allocation_summary"
    assert table_type("二、福建省平潭综合实验区农业农村局2019年一般公共预算“三公”经费支出预算表") == \
        "three_public_expenses"
    assert table_type("上海市普陀区规划和自然资源局2024年度一般公共预算财政拨款支出决算表") == \
        "general_budget_expenditure"
    assert table_type("收入支出决算总表（续）") == "income_expenditure_summary"
    assert table_type("某局2019年部门预算公开说明") == "other"


# Titles of the standard tables as other provinces print them (table types 2.1, issue #12): a
# qualifier before the standard title (一般公共预算拨款 / 当年拨款, 部门综合预算), 明细表 for 表, 收支 for
# 收入支出, a parenthesis inside the title, and five tables of their own. Each was typed `other` or,
# worse, as another table (基本支出预算表 as the expenditure summary, whose totals the checks compare).
OTHER_PROVINCES = {
    "一般公共预算拨款支出预算表": "general_budget_expenditure",
    "一般公共预算当年拨款基本支出预算表": "general_budget_basic_expenditure",
    "一般公共预算拨款“三公”经费支出预算表": "three_public_expenses",
    "一般公共预算财政拨款支出决算明细表": "general_budget_expenditure",
    "一般公共预算财政拨款基本支出决算明细表": "general_budget_basic_expenditure",
    "部门综合预算一般公共预算支出明细表（按功能科目）": "general_budget_expenditure",
    "部门综合预算一般公共预算基本支出明细表（按经济科目）": "general_budget_basic_expenditure",
    "部门综合预算政府性基金收支表": "government_fund_expenditure",
    "国有资本经营预算收支预算表": "state_capital_expenditure",
    "部门综合预算专项业务经费支出表": "project_expenditure",
    "项目支出预算总表": "project_expenditure",
    "部门综合预算政府采购（资产配置、购买服务）预算表": "government_procurement",
    "政府采购项目预算表": "government_procurement",
    "财政拨款支出明细表": "fiscal_allocation_expenditure",
    "2023年政府购买服务预算表": "government_purchased_services",
    "政府购买服务项目预算表": "government_purchased_services",
    "财政专户管理资金支出预算表": "special_account_funds",
    "部门支出经济分类预算表": "expenditure_economic_summary",
    "支出预算经济分类汇总表": "expenditure_economic_summary",
    "部门基本支出预算表": "basic_expenditure",
    "基本支出决算表": "basic_expenditure",
    "新增资产配置预算表": "asset_allocation",
    # a qualifier cut where a spreadsheet's title cell ends (LibreOffice Calc, as Excel, prints no further)
    "2022年一般公共预算拨款支出预算表（按功": "general_budget_expenditure",
    "一般公共预算当年拨款基本支出明细表（按经": "general_budget_basic_expenditure",
}


@pytest.mark.parametrize("title", sorted(OTHER_PROVINCES))
def test_table_types_of_other_provinces(title):
    assert table_type(title) == OTHER_PROVINCES[title]
    # the organisation before it changes nothing
    assert table_type("黔东南州林业局" + title) == OTHER_PROVINCES[title]


def test_measures():
    assert measure("一般公共预算基本支出/人员经费") == "personnel"
    assert measure("三公经费/公务用车购置及运行维护费/小计") == "vehicle_total"
    assert measure("收入预算/事业单位经营收入") == "operating_income"
    assert measure("支出/合计") == "total"
    assert measure("年初预算数", kind="final_accounts") == "amount"
    assert basis("年初预算数", "final_accounts") == "budget"
    assert basis("决算数", "final_accounts") == "actual"
    assert basis("合计", "final_accounts") == "actual" and basis("合计", "budget") == "budget"


def test_measure_and_basis_of_three_public_columns():
    """A final account prints 预算数 and 决算数 under each 三公 item (or each item under them): the item
    is the measure, the figure the basis; a plain 合计 of a 三公 table is its 三公 total."""
    kind = "final_accounts"
    assert measure("因公出国（境）费/预算数", kind, "three_public_expenses") == "outbound_travel"
    assert basis("因公出国（境）费/预算数", kind, "outbound_travel") == "budget"
    assert measure("决算数/公务用车购置及运行费/小计", kind, "three_public_expenses") == "vehicle_total"
    assert basis("决算数/公务用车购置及运行费/小计", kind, "vehicle_total") == "actual"
    assert measure("决算数/合计", kind, "three_public_expenses") == "three_public_total"
    assert measure("合计", "budget", "three_public_expenses") == "three_public_total"
    assert measure("合计", "budget", "expenditure_summary") == "total"
    assert measure("上年预算数") == "amount" and basis("上年预算数", "budget") == "prior_year"
    assert measure("增减额") == "change" and basis("增减额", "budget", "change") == ""
    assert basis("上年结转", "budget", "carryover") == "budget"  # this year's income from last year's balance
    assert measure("人员经费/金额") == "personnel"
    # 小计 | 购置费 | 运行费 under 公务用车购置及运行费 (the Putuo budgets): the leaf names the item
    assert measure("“三公”经费预算数/公务用车购置及运行费/购置费", "budget", "three_public_expenses") == "vehicle_purchase"
    assert measure("“三公”经费预算数/公务用车购置及运行费/运行费", "budget", "three_public_expenses") == "vehicle_operation"


def test_a_column_naming_an_earlier_year_is_last_years_figure(tmp_path):
    """A 2023 budget's “三公” table printing 2023年预算数 | 2022年预算数 | 增减额: the 2022 column took the
    document's own basis (budget), so summing the budget's 三公 total (README's query) gave 27.5
    万元 where the page prints 12.5 (a new user's workbook). A column naming a year before the
    document's is prior_year; the document's own year stays budget."""
    from disclosure.pipeline import extract

    assert basis("2022年预算数", "budget", "three_public_total", 2023) == "prior_year"
    assert basis("2023年预算数", "budget", "three_public_total", 2023) == "budget"
    assert basis("2022年决算数", "final_accounts", "amount", 2023) == "prior_year"
    page = tmp_path / "budget.txt"
    page.write_text("某某区文化旅游局2023年部门预算\n表7 2023年“三公”经费财政拨款预算表\n单位：万元\n"
                    "项目\t2023年预算数\t2022年预算数\t增减额\n合计\t12.50\t15.00\t-2.50\n"
                    "因公出国（境）费\t0\t2.00\t-2.00\n公务用车购置及运行维护费\t8.00\t8.50\t-0.50\n"
                    "公务接待费\t4.50\t4.50\t0\n", encoding="utf-8")
    doc = extract(page)
    t = next(t for t in doc.tables if t.type == "three_public_expenses")
    said = {(v.column, v.basis, v.amount.printed) for r in t.rows if r.name == "合计" for v in r.values}
    assert said == {("2023年预算数", "budget", "12.50"), ("2022年预算数", "prior_year", "15.00"),
                    ("增减额", "", "-2.50")}


def test_a_percentage_column_is_no_money_and_adds_up_to_nothing(tmp_path):
    """A budget table printing 增减% beside its amounts (7.01 with no % sign in each cell): the figures
    were 万元 (70100 元) and summed like money, three false errors (205 教育支出 7.42 against its 款'
    19.34; the 合计 row). They are percentages: status percent, unit %, no value in 元, in no sum;
    the money columns keep their identities."""
    import csv
    import io

    from disclosure.emit.csvout import line_items
    from disclosure.pipeline import extract

    page = tmp_path / "budget.txt"
    page.write_text("某某县教育局2024年部门预算\n表5 一般公共预算支出预算表\n单位：万元\n"
                    "科目编码\t科目名称\t2024年预算数\t2023年预算数\t增减%\n"
                    "\t合计\t321.00\t300.00\t7.00\n205\t教育支出\t290.00\t270.00\t7.41\n"
                    "20502\t普通教育\t290.00\t270.00\t7.41\n2050201\t学前教育\t90.00\t90.00\t0\n"
                    "2050202\t小学教育\t200.00\t180.00\t11.11\n208\t社会保障和就业支出\t31.00\t30.00\t3.33\n"
                    "20805\t行政事业单位养老支出\t31.00\t30.00\t3.33\n2080505\t机关事业单位基本养老保险缴费支出\t31.00\t30.00\t3.33\n",
                    encoding="utf-8")
    doc = extract(page)
    t = doc.tables[0]
    pct = [v for r in t.rows for v in r.values if v.column == "增减%"]
    assert len(pct) == 8 and {(v.measure, v.amount.status) for v in pct} == {("change_pct", "percent")}
    assert not [f for f in doc.findings if f.severity == "error"], [f.message_en for f in doc.findings]
    assert t.verification.failed == 0 and t.verification.amounts == 16
    row = next(r for r in csv.DictReader(io.StringIO(line_items(doc))) if r["column"] == "增减%" and r["name"] == "教育支出")
    assert (row["printed"], row["value"], row["status"], row["unit"], row["value_yuan"]) == ("7.41", "7.41", "percent", "%", "")


def test_a_department_line_whose_name_is_elsewhere_names_no_unit_as_the_department():
    """jianchayuan-2018 p.19 (公开09表): the 部门 line's name is laid out apart, so the line reads
    `部门： 单位：万元`, and the table's department was `单位：万元`. A 单位： statement is no name."""
    from disclosure.normalize.titles import department_of

    assert department_of("部门： 单位：万元") == "" and department_of("部门：金额单位：元") == ""
    assert department_of("部门： 江苏省人民检察院 单位：万元") == "江苏省人民检察院"
