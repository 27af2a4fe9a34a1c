"""Issue #16: web-page texts saved by a scraper (../shared/corpus/fujian: 标题/发布时间 header lines,
the page's body on one line) read with their metadata, sections and facts.

Department, year, kind and level are asserted against what each page prints: its 标题 line and, where
the title abbreviates the unit (平潭农机站, 卫生监督所), the unit its 单位名称 row names.
"""
from __future__ import annotations

import re
from decimal import Decimal

import pytest

from conftest import CORPUS, corpus_file, extracted
from disclosure.extract import read
from disclosure.extract.pagetext import segments

pytestmark = pytest.mark.corpus

# file -> (department, year, kind, level), as the page prints them
PAGES = {
    "fujian-pingtan-admin-service-center-2015-final-accounts.txt":
        ("平潭综合实验区行政服务中心", 2015, "final_accounts", "department"),
    "fujian-pingtan-agri-machinery-station-2016-budget.txt":
        ("平潭综合实验区农业机械管理站", 2016, "budget", "department"),  # title: 平潭农机站
    "fujian-pingtan-county-court-2015-final-accounts.txt": ("平潭县人民法院", 2015, "final_accounts", "department"),
    "fujian-pingtan-county-npc-2017-budget.txt": ("平潭县人大常委会", 2017, "budget", "department"),
    # the district's own level summed over its departments (本级): no department level
    "fujian-pingtan-district-level-2017-sangong-final.txt": ("平潭综合实验区本级", 2017, "final_accounts", "unknown"),
    "fujian-pingtan-district-level-2018-sangong-final.txt": ("平潭综合实验区本级", 2018, "final_accounts", "unknown"),
    "fujian-pingtan-health-supervision-2016-budget.txt": ("平潭县卫生监督所", 2016, "budget", "department"),
    "fujian-pingtan-inspection-testing-center-2016-budget.txt":
        ("平潭综合实验区检验检测认证中心", 2016, "budget", "department"),
    "fujian-pingtan-literary-federation-2018-budget.txt": ("平潭综合实验区文联", 2018, "budget", "department"),
    "fujian-pingtan-media-center-2015-final-accounts.txt": ("平潭综合实验区传媒中心", 2015, "final_accounts", "department"),
    "fujian-pingtan-railway-office-2017-final-accounts.txt":
        ("平潭综合实验区铁路建设工作领导小组办公室", 2017, "final_accounts", "department"),
    "fujian-pingtan-social-service-command-2016-final-accounts.txt":
        ("平潭综合实验区社会服务管理指挥中心", 2016, "final_accounts", "department"),
    "fujian-pingtan-welfare-home-2017-budget.txt": ("平潭综合实验区福利院", 2017, "budget", "department"),
    "fujian-pingtan-youth-league-2019-budget.txt": ("共青团平潭综合实验区委员会", 2019, "budget", "department"),
}
_AMOUNT = re.compile(r"(?<![\d.])(\d[\d,]*(?:\.\d+)?)\s*万元(?!以上|（含）以上)")  # 单价50万元以上: a threshold


def _doc(name: str):
    return extracted(str(corpus_file(f"fujian/{name}")))


def test_every_page_text_of_the_corpus_is_listed():
    if not (CORPUS / "fujian").exists():
        corpus_file("fujian/MANIFEST.tsv")
    assert sorted(p.name for p in (CORPUS / "fujian").glob("*.txt")) == sorted(PAGES)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_metadata_and_sections(name):
    doc = _doc(name)
    raw = read(corpus_file(f"fujian/{name}"))
    assert raw.source_format == "pagetext" and raw.pdf_metadata["published"][:4].isdigit()
    title = raw.pdf_metadata["title"]
    assert doc.title == title and not title.startswith("【")
    assert (doc.department, doc.year, doc.kind, doc.level) == PAGES[name]
    text = " ".join(p.text for p in doc.paragraphs)
    assert "当前位置" not in text and "QQ空间" not in text and "supportLists" not in text
    headings = [p for p in doc.paragraphs if p.kind == "heading"]
    if "sangong" not in name:
        assert len(headings) >= 7 and len(doc.paragraphs) >= 25
        assert any(re.sub(r"\s", "", h.text).endswith("部门主要职责") for h in headings)
    # a heading stands alone: no heading carries the sentence that was run into it
    for h in headings:
        assert "。" not in h.text and not _AMOUNT.search(h.text), h.text
    # every paragraph under a heading of level one knows it
    under = [p for p in doc.paragraphs if p.section_path]
    assert len(under) >= len(doc.paragraphs) // 2 if "sangong" not in name else True


def test_amounts_of_the_bodies_are_facts_with_their_changes():
    """Every 万元 amount of every body is a fact, or the change a fact of its paragraph states."""
    found = total = 0
    missed = []
    for name in sorted(PAGES):
        doc = _doc(name)
        for p in doc.paragraphs:
            facts = [f for f in doc.facts if f.paragraph == p.index]
            pool = [f.value_yuan for f in facts] + [f.change_amount_yuan for f in facts
                                                    if f.change_amount_yuan is not None and not f.is_change]
            for m in _AMOUNT.finditer(p.text):
                total += 1
                v = Decimal(m.group(1).replace(",", "")) * 10000
                if v in pool:
                    pool.remove(v)
                    found += 1
                else:
                    missed.append(f"{name}: {m.group(0)} in {p.text[:60]}")
        for f in doc.facts:  # no heading leaks into a subject
            assert not re.match(r"^[一二三四五六七八九十]+、", f.subject) and "部门主要职责" not in f.subject
    print(f"{found}/{total} amounts of the bodies are facts or their changes")
    assert total == 363
    assert found == 363, missed


def test_change_clauses_attached_to_their_item():
    doc = _doc("fujian-pingtan-district-level-2017-sangong-final.txt")
    by = {(f.subject, f.printed): f for f in doc.facts}
    car = by[("公务用车购置费", "100.99万元")]
    assert (car.change_direction, car.change_amount_yuan, car.change_pct) == ("减少", Decimal("812200.00"),
                                                                               Decimal("44.57"))
    abroad = by[("因公出国（境）费", "92.13万元")]  # 因公出国（境）经费支出增支92.13万元: a change of its own item
    assert abroad.is_change and abroad.change_direction == "增加" and abroad.change_pct == Decimal("52.03")
    doc = _doc("fujian-pingtan-social-service-command-2016-final-accounts.txt")
    income = [p for p in doc.paragraphs if p.text.startswith("1. 财政拨款收入74.93万元")]
    assert income and income[0].section_path == ["四、2016年决算收支总体情况"]


def test_inline_headings_cut_from_the_text_run_into_them():
    body = ("说明如下:1. 部门主要职责区社会服务管理指挥中心的主要职责是：（一）加快热线整合。（二）推进网格化。"
            "二、部门预算单位基本情况区社会服务管理指挥中心成立于2016年6月。四、2016年决算收支总体情况一、2016年年初结转结余"
            "0.00 万元。（一）2016本年收入 74.93 万元，具体如下：1. 财政拨款收入74.93万元。2. 事业收入0万元。"
            "（一）机关运行经费 2017年机关运行经费支出304.4万元。（一）2013199 其他支出 0.20 万元。")
    assert segments(body) == [
        "说明如下:", "1. 部门主要职责", "区社会服务管理指挥中心的主要职责是：", "（一）加快热线整合。", "（二）推进网格化。",
        "二、部门预算单位基本情况", "区社会服务管理指挥中心成立于2016年6月。", "四、2016年决算收支总体情况",
        "一、2016年年初结转结余0.00 万元。", "（一）2016本年收入 74.93 万元，具体如下：", "1. 财政拨款收入74.93万元。",
        "2. 事业收入0万元。", "（一）机关运行经费", "2017年机关运行经费支出304.4万元。", "（一）2013199 其他支出 0.20 万元。"]


def test_codes_printed_in_brackets_before_the_name_are_the_facts_codes():
    """（一）（科目编码：2012901）行政运行111.61万元: the code closes the bracket that prints it, the name
    follows; the fact is 2012901 行政运行 (it was subject `2012901）行政运行` with no code)."""
    doc = _doc("fujian-pingtan-youth-league-2019-budget.txt")
    assert [(f.code, f.subject, f.printed) for f in doc.facts if "科目编码" in f.sentence] == [
        ("2012901", "行政运行", "111.61万元"), ("2012902", "一般行政管理事务", "43万元"),
        ("2070102", "一般行政管理事务", "113.4万元"), ("2070103", "机关服务", "58.39万元"),
        ("2210201", "住房公积金", "9.49万元"), ("2210202", "提租补贴", "2.27万元")]
    doc = _doc("fujian-pingtan-literary-federation-2018-budget.txt")
    assert [(f.code, f.subject) for f in doc.facts if "科目编码" in f.sentence] == [
        ("2013399", "其他宣传事务支出"), ("2210201", "住房公积金"), ("2210202", "提租补贴")]


def test_a_three_public_table_printed_a_row_per_item_gives_each_row_its_measure():
    """Pingtan's 2018 district 三公 table prints an item a row under one 当年决算数 column: the row
    names what its figure is (1.因公出国（境）费 189.91: outbound_travel), as a column heading does
    across; （一）支出合计 is the 三公 total. Every row was measure `amount`, so a query for
    three_public_total found nothing."""
    doc = _doc("fujian-pingtan-district-level-2018-sangong-final.txt")
    [t] = [t for t in doc.tables if t.type == "three_public_expenses"]
    got = {(r.name, v.measure, v.basis, v.amount.printed) for r in t.rows for v in r.values}
    assert {("（一）支出合计", "three_public_total", "actual", "1,583.50"),
            ("1.因公出国（境）费", "outbound_travel", "actual", "189.91"),
            ("2.公务用车购置及运行维护费", "vehicle_total", "actual", "979.48"),
            ("（1）公务用车购置费", "vehicle_purchase", "actual", "370.72"),
            ("（2）公务用车运行维护费", "vehicle_operation", "actual", "608.76"),
            ("3.公务接待费", "reception", "actual", "414.11"),
            ("（1）国内接待费", "amount", "actual", "413.58"),
            ("1.因公出国（境）团组数（个）", "count", "actual", "65")} <= got


def test_codes_in_brackets_before_names_in_any_page_text(tmp_path):
    """The kind beyond Pingtan's two pages: a code closing its bracket before the name, in either
    bracket width and with 科目代码 as the label, gives the fact its code."""
    from disclosure.pipeline import extract

    page = tmp_path / "page.txt"
    page.write_text("标题: 测试局2021年部门预算公开\n发布时间: 2021-02-01\n\n一、支出预算情况说明 本部门2021年支出预算"
                    "（科目代码：2080501）行政单位离退休120.50万元；(科目编码:2130101)行政运行36.2万元；"
                    "（科目编码：2240106）安全监管8万元。\n", encoding="utf-8")
    assert [(f.code, f.subject, f.printed) for f in extract(page).facts if "科目" in f.sentence] == [
        ("2080501", "行政单位离退休", "120.50万元"), ("2130101", "行政运行", "36.2万元"),
        ("2240106", "安全监管", "8万元")]
