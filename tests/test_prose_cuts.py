"""Prose lines cut inside an amount (…支出2464.02万 | 元，与上年相比…), found by a new user on
jiangsu-renda-2019-budget p.12 (and the same cut on jianchayuan-2018 p.26, jianchayuan-2019 p.29,
rendaban-2018 p.24): the first line was read as a heading, its amount lost, the change given to a
fact named 与上年相比增加, the items after it nested under it. And a sentence of changes only ending
in a net change (增减相抵后增加X): the net change is the paragraph's item's, not the last change's."""
from __future__ import annotations

from decimal import Decimal

import disclosure
from disclosure.structure.sections import is_heading

TEXT = """某单位2019年部门预算
五、财政拨款支出预算情况说明
（一）一般公共服务（类）
1. 人大事务（款）行政运行（项）支出7448.2万元，与上年相比增加1075.88万元，增长16.88%。
2. 人大事务（款）一般行政管理事务（项）支出2464.02万
元，与上年相比增加123.67万元，增长5.28%。主要原因是相关运转类经费压减10%，增加综合管理费209万元用于办公用房租赁，增加外事经费200万元，增减相抵后增加123.67万元。
3. 人大事务（款）人大会议（项）支出1469.73万元，与上年相比增加164.48万元，增长12.6%。
"""


def test_a_marked_line_cut_inside_an_amounts_unit_is_no_heading():
    assert not is_heading("2. 人大事务（款）一般行政管理事务（项）支出2464.02万")
    assert not is_heading("（二）项目支出1.5亿")
    assert is_heading("2. 人大事务（款）一般行政管理事务（项）") and is_heading("（一）2019年")


def test_the_amount_cut_from_its_unit_is_read_with_its_change(tmp_path):
    path = tmp_path / "cut-2019-budget.txt"
    path.write_text(TEXT, encoding="utf-8")
    doc = disclosure.extract(str(path))
    by = {(f.subject, f.printed): f for f in doc.facts}
    item = by[("一般行政管理事务", "2464.02万元")]
    assert item.value_yuan == Decimal("24640200")
    assert item.change_amount_yuan == Decimal("1236700.00") and item.change_pct == Decimal("5.28")
    assert not any(f.subject.startswith("与上年相比") for f in doc.facts)
    # the change named in the reason keeps its own amount; the net change is not given to it
    assert by[("综合管理费", "209万元")].change_amount_yuan == Decimal("2090000")
    # item 3 is not nested under item 2
    third = next(p for p in doc.paragraphs if p.text.startswith("3. "))
    assert not any("2464.02" in s for s in third.section_path)
