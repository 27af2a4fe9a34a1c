from decimal import Decimal

from disclosure.normalize import codes
from disclosure.normalize.amounts import parse_amount
from disclosure.normalize.measures import measure
from disclosure.normalize.table_types import table_type
from disclosure.normalize.text import clean
from disclosure.normalize.units import find_unit, to_yuan


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


def test_table_types():
    assert table_type("部门收支总体情况表") == "income_expenditure_summary"
    assert table_type("2025年部门财务收支预算总表") == "income_expenditure_summary"
    assert table_type("财政拨款收入支出决算总表") == "fiscal_allocation_summary"
    assert table_type("一般公共预算机关运行经费支出预算表") == "other"
    assert table_type("2025年部门“三公”经费和机关运行经费预算表") == "three_public_expenses"
    assert table_type("一般公共预算财政拨款基本支出决算表") == "general_budget_basic_expenditure"
    assert table_type("支出决算表") == "expenditure_summary"


def test_measures():
    assert measure("一般公共预算基本支出/人员经费") == "personnel"
    assert measure("三公经费/公务用车购置及运行维护费/小计") == "vehicle_total"
    assert measure("收入预算/事业单位经营收入") == "operating_income"
    assert measure("支出/合计") == "total"
    assert measure("年初预算数", kind="final_accounts") == "budget"
