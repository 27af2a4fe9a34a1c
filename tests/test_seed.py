"""The Kashgar 2021 seed (plain text) and the PDF the project generates from it.
Expected values are copied from the printed seed, not computed by the code."""
from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import SAMPLE_PDF, extracted

# 表六 as printed: code, name, 合计, 人员经费, 公用经费 ("" = blank cell)
TABLE6 = [
    ("301", "工资福利支出", "753.67", "753.67", ""),
    ("30101", "基本工资", "231.71", "231.71", ""),
    ("30102", "津贴补贴", "231.36", "231.36", ""),
    ("30103", "奖金", "86.83", "86.83", ""),
    ("30108", "机关事业单位基本养老保险缴费", "68.53", "68.53", ""),
    ("30110", "职工基本医疗保险缴费", "45.79", "45.79", ""),
    ("30111", "公务员医疗补助缴费", "13.11", "13.11", ""),
    ("30112", "其他社会保障缴费", "3.26", "3.26", ""),
    ("30113", "住房公积金", "55.1", "55.1", ""),
    ("30199", "其他工资福利支出", "18", "18", ""),
    ("302", "商品和服务支出", "32.94", "", "32.94"),
    ("30201", "办公费", "6.81", "", "6.81"),
    ("30205", "水费", "0.05", "", "0.05"),
    ("30206", "电费", "0.3", "", "0.3"),
    ("30207", "邮电费", "0.72", "", "0.72"),
    ("30211", "差旅费", "3", "", "3"),
    ("30213", "维修(护)费", "1", "", "1"),
    ("30228", "工会经费", "8.06", "", "8.06"),
    ("30231", "公务用车运行维护费", "3.6", "", "3.6"),
    ("30299", "其他商品和服务支出", "9.4", "", "9.4"),
    ("303", "对个人和家庭的补助", "65.91", "65.91", ""),
    ("30302", "退休费", "25.25", "25.25", ""),
    ("30309", "奖励金", "0.04", "0.04", ""),
    ("30399", "其他对个人和家庭的补助支出", "40.62", "40.62", ""),
    ("", "合计", "852.52", "819.58", "32.94"),
]
# 表一 expenditure side: the rows with an amount, as printed
TABLE1_EXPENDITURE = {"208": ("社会保障和就业支出", "897.6"), "221": ("住房保障支出", "55.1"),
                      "223": ("国有资本经营预算支出", "55.46")}
TABLE1_INCOME = [("财政拨款（补助）", "1008.16"), ("一般公共预算", "952.7"), ("政府性基金预算", ""),
                 ("国有资本经营预算", "55.46"), ("财政专户（教育收费）", ""), ("事业收入", ""),
                 ("事业单位经营收入", ""), ("单位其他资金收入", ""), ("收入总计", "1008.16")]


def _by_number(doc, number):
    found = [t for t in doc.tables if t.number == number]
    assert found, f"{number} not found; tables: {[(t.number, t.title) for t in doc.tables]}"
    return found[0]


@pytest.fixture(scope="module", params=["text", "pdf"])
def doc(request, seed_doc):
    if request.param == "text":
        return seed_doc
    return extracted(str(SAMPLE_PDF))


def test_three_printed_tables_with_types(doc):
    numbered = [(t.number, t.type, t.unit) for t in doc.tables if t.number]
    assert numbered == [("表一", "income_expenditure_summary", "万元"),
                        ("表四", "fiscal_allocation_summary", "万元"),
                        ("表六", "general_budget_basic_expenditure", "万元")]
    assert all(t.department == "新疆维吾尔自治区喀什地区社会保险管理局" for t in doc.tables if t.number)


def test_table6_every_value_code_and_name(doc):
    t = _by_number(doc, "表六")
    assert t.columns == ["经济分类科目编码/类", "经济分类科目编码/款", "项目/经济分类科目名称",
                         "一般公共预算基本支出/合计", "一般公共预算基本支出/人员经费", "一般公共预算基本支出/公用经费"]
    got = [(r.code, r.name, *[v.amount.printed for v in r.values]) for r in t.rows]
    assert got == TABLE6
    measures = [v.measure for v in t.rows[0].values]
    assert measures == ["total", "personnel", "public"]
    r301 = t.rows[0]
    assert (r301.classification, r301.level) == ("economic", "类")
    assert r301.values[0].amount.value == Decimal("753.67")
    assert r301.values[2].amount.status == "blank"  # blank, not zero
    assert t.rows[-1].role == "total"


def test_table1_two_sides(doc):
    t = _by_number(doc, "表一")
    assert t.sides == ["income", "expenditure"]
    income = [(r.name, r.values[0].amount.printed) for r in t.rows if r.side == "income"]
    assert income == TABLE1_INCOME
    expenditure = [r for r in t.rows if r.side == "expenditure"]
    assert len(expenditure) == 31  # 30 类 rows printed (201 … 234, no 218, 225, 226, 228) and 支出总计
    assert [r.code for r in expenditure[:3]] == ["201", "202", "203"]
    valued = {r.code: (r.name, r.values[0].amount.printed) for r in expenditure
              if r.values[0].amount.status == "number" and r.code}
    assert valued == TABLE1_EXPENDITURE
    assert expenditure[-1].name == "支出总计" and expenditure[-1].values[0].amount.printed == "1008.16"


def test_table4_fiscal_columns(doc):
    t = _by_number(doc, "表四")
    total = [r for r in t.rows if r.side == "expenditure" and r.name == "支出总计"][0]
    assert [(v.measure, v.amount.printed) for v in total.values] == [
        ("total", "1008.16"), ("general_budget", "952.7"), ("government_fund", ""), ("state_capital", "55.46")]
    r223 = [r for r in t.rows if r.code == "223"][0]
    assert [v.amount.printed for v in r223.values] == ["55.46", "", "", "55.46"]


def test_metadata(doc):
    assert doc.year == 2021 and doc.kind == "budget" and doc.level == "department"
    assert doc.department == "新疆维吾尔自治区喀什地区社会保险管理局"
    assert [a["number"] for a in doc.announced_tables] == list("一二三四五六七八九")


def test_seed_paragraphs_in_order_with_sections(seed_doc):
    paras = seed_doc.paragraphs
    texts = [p.text for p in paras]
    # wrapped lines of the printed text are joined (no space between Chinese characters)
    assert any(t.startswith("新疆维吾尔自治区喀什地区社会保险管理局无下属预算单位，下设11个科室") for t in texts)
    assert any("2020年我局2名干部调出，5名干部调入，工资基数增加。" in t for t in texts)
    # a sentence lacking its full stop stays its own paragraph
    assert "住房保障支出55.1万元，主要用于在职人员住房公积金支出" in texts
    p = next(p for p in paras if p.text.startswith("2. 社会保障和就业支出（类）行政事业单位养老支出（款）"))
    assert p.section_path == ["第三部分 2021年部门预算情况说明",
                              "五、关于新疆维吾尔自治区喀什地区社会保险管理局2021年一般公共预算当年拨款情况说明",
                              "（三）一般公共预算当年拨款具体使用情况"]
    assert p.marker == "2."
    headings = [p.text for p in paras if p.kind == "heading" and p.marker.startswith("第")]
    assert headings == ["第一部分新疆维吾尔自治区喀什地区社会保险管理局概况", "第二部分 2021年部门预算公开表",
                        "第三部分 2021年部门预算情况说明", "第四部分名词解释"]
    # reading order: the 第三部分 headings one to ten appear in order
    order = [p.marker for p in paras if p.kind == "heading" and p.section_path[:1] == ["第三部分 2021年部门预算情况说明"]
             and len(p.section_path) == 1]
    assert order == ["一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、", "九、", "十、"]
    # table context lines are not paragraphs
    assert "单位：万元" not in texts and "表一：" not in texts
