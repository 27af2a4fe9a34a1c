"""Issue #5: the narrative as data on the seed (facts, projects and their costs, performance
targets) and on the corpus (counts, and samples checked against the page text)."""
from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest

from conftest import SEED_TEXT, corpus_file, extracted
from disclosure.prose.facts import prose
from disclosure.prose.projects import _cost
from disclosure.prose.targets import parse_value

D = Decimal


def _fact(doc, subject, printed):
    found = [f for f in doc.facts if f.subject == subject and f.printed == printed and not f.is_change]
    assert found, (subject, printed)
    return found[0]


def test_seed_facts_of_part_three():
    doc = extracted(str(SEED_TEXT))
    # subject, amount, share, direction, change in 元, change %, reason starts with — read off 第三部分
    expected = [
        ("一般公共预算", "952.70万元", D("94.50"), "减少", D("49463700.00"), None, "社保基金的预算2021年单独申报"),
        ("国有资本经营预算", "55.46万元", D("5.50"), "增加", D("554600.00"), None, "由卫健委移交到社保局"),
        ("基本支出", "852.52万元", D("84.56"), "减少", D("245500.00"), None, "人员减少，工资福利支出减少"),
        ("项目支出", "155.64万元", D("15.44"), "减少", D("48663600.00"), None, "机关养老事业保险基金项目单独核算"),
        ("项目支出", "100.18万元", None, "减少", D("49218200.00"), D("98.01"), ""),
        ("社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）", "68.53万元", None,
         "增加", D("1300.00"), D("0.19"), "人员工资普升"),
        ("住房保障支出（类）住房改革支出（款）住房公积金（项）", "55.10万元", None, "减少", D("40700.00"), D("6.88"),
         "人员减少，公积金缴费基数减少"),
        ("社会保障和就业支出（类）", "897.60万元", D("89.03"), "", None, None, ""),
        ("人员经费", "819.58万元", None, "", None, None, ""),
        ("三公经费", "3.60万元", None, "", None, None, ""),
        ("公务用车运行费", "3.60万元", None, "", None, None, ""),
    ]
    for subject, printed, share, direction, change, pct, reason in expected:
        f = _fact(doc, subject, printed)
        assert (f.share_pct, f.change_direction, f.change_amount_yuan, f.change_pct) == (share, direction, change, pct), \
            (subject, printed)
        assert f.reason.startswith(reason), (subject, f.reason)
    assert _fact(doc, "社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）",
                 "68.53万元").code == "2080505"
    assert _fact(doc, "基本支出", "852.52万元").value_yuan == D("8525200.00")
    f = _fact(doc, "机关运行经费", "32.94万元")
    assert (f.subject_kind, f.change_direction, f.change_amount_yuan, f.change_pct) == (
        "operating_expenses", "减少", D("8100.00"), D("2.4"))
    assert _fact(doc, "政府采购货物", "37.27万元").subject_kind == "procurement"
    assert _fact(doc, "办公家具价值", "96.36万元").subject_kind == "assets"
    # a change that is its own sentence subject is a change, not a level
    changes = [f for f in doc.facts if f.is_change]
    # and a change clause that names its own item (其中：因公出国（境）费增加0万元) is that item's change,
    # not a second change of the 三公经费 before it (seed, part three: 三公 paragraph)
    assert [(f.subject, f.change_direction) for f in changes][:3] == [
        ("三公经费", "增加"), ("因公出国（境）费", "增加"), ("公务用车运行费", "增加")]
    # every amount of the prose yields a fact or completes one; none is left without a subject
    assert all(f.subject for f in doc.facts)


def test_seed_projects_and_their_costs():
    doc = extracted(str(SEED_TEXT))
    got = [(p.name, p.budget_printed, p.budget_yuan, p.costs_sum_yuan) for p in doc.projects]
    assert got == [
        ("分保测评保密工作建设项目", "5.76万元", D("57600.00"), D("57600")),
        ("社保专项业务工作运行项目", "54.9万元", D("549000.0"), D("549000")),
        ("2020年4月至2021年3月1995年前退休（退职）人员生活补贴项目", "12.564万元", D("125640.000"), None),
        ("业务档案影像硬件设备升级改造项目", "26.96万元", D("269600.00"), D("269600"))]
    assert doc.projects[0].fields["项目承担单位"] == "喀什地区社会保险管理局"
    assert doc.projects[2].fields["补贴人数"] == "336人"
    # the sums agree where the document agrees: no finding for the projects
    assert not [f for f in doc.findings if f.rule == "narrative.project_costs"]
    costs = {c.text: c for p in doc.projects for c in p.costs}
    c = costs["激光打印机10台，10台*1000元/台=10000元"]
    assert (c.item, c.quantity, c.quantity_unit, c.unit_price_yuan, c.amount_yuan) == ("激光打印机", 10, "台", 1000, 10000)
    c = costs["额温枪3把*104元/把=312元"]
    assert (c.item, c.quantity, c.unit_price_yuan, c.amount_yuan) == ("额温枪", 3, 104, 312)
    c = costs["防火防盗门1扇6800元"]
    assert (c.item, c.quantity, c.quantity_unit, c.unit_price_yuan, c.amount_yuan) == ("防火防盗门", 1, "扇", None, 6800)


def test_cost_line_parsing_and_a_project_that_does_not_add_up():
    c = _cost(1, "硬盘2块3600元", 1, True)
    assert (c.item, c.quantity, c.quantity_unit, c.amount_yuan) == ("硬盘", 2, "块", 3600)
    assert _cost(1, "每月生活补贴120元", 1, True) is None  # a rate, not a cost
    from disclosure import prose
    from disclosure.checks import narrative
    from disclosure.model import Box, Document, Paragraph

    def para(i, text):
        return Paragraph(i, text, [], "", "paragraph", 2, [2], Box(2, 0, 0, 1, 1))
    doc = Document("t", "0" * 64, "text", "", "", 2021, "budget", "department", [], 2, [], [],
                   [para(0, "1. 项目名称：测试项目"), para(1, "预算安排规模：1.00万元"),
                    para(2, "资金分配情况：打印机2台，2台*3000元/台=6000元，硬盘2块3000元。"), para(3, "资金执行时间：2021年")],
                   [], [])
    prose.apply(doc)
    [f] = narrative.project_costs(doc, D(1))
    assert (f.severity, f.left, f.right) == ("warning", D(10000), D(9000))


def test_seed_performance_targets():
    doc = extracted(str(SEED_TEXT))
    per_project = Counter(i.project for i in doc.indicators)
    assert per_project == Counter({"社保专项业务工作运行项目": 21, "分保测评保密工作建设项目": 10,
                                   "2020年4月至2021年3月1995年前退休(退职)人员生活补贴项目": 11,  # as the table prints it
                                   "业务档案影像硬件设备升级改造项目": 11})
    rows = {(i.project[:4], i.level3): i for i in doc.indicators}
    i = rows[("社保专项", "购置激光打印机数量")]
    assert (i.level1, i.level2, i.comparator, i.value, i.unit) == ("产出指标", "数量指标", "≥", 10, "台")
    # a row printed with its indicator in the first column stays under 产出指标 / 成本指标
    i = rows[("社保专项", "支付劳务费")]
    assert (i.level1, i.level2, i.comparator, i.value, i.unit) == ("产出指标", "成本指标", "≤", D("9.3"), "万元")
    # rows shifted right: 时效指标 printed in the 三级 column, a date under 成本指标
    i = rows[("分保测评", "资金拨付及时率")]
    assert (i.level2, i.comparator, i.value, i.unit) == ("时效指标", "=", 100, "%")
    i = rows[("分保测评", "保密工作建设时间")]
    assert (i.level2, i.printed, i.unit, i.value) == ("成本指标", "2021年11月", "date", None)
    i = rows[("社保专项", "提高公共服务能力的效果")]
    assert (i.level1, i.level2, i.qualitative, i.comparator) == ("效益指标", "社会效益指标", "有效提高", "")
    i = rows[("社保专项", "参保人员满意度")]
    assert (i.level1, i.level2, i.comparator, i.value, i.unit) == ("满意度指标", "满意度指标", "≥", 95, "%")
    assert doc.indicators[0].goal.startswith("根据人社厅《关于加快推进社会保险经办有关服务事项")


@pytest.mark.parametrize("printed,parsed", [
    ("=1个", ("=", D(1), "个", "")), ("≥3台", ("≥", D(3), "台", "")), ("≤14.3万元", ("≤", D("14.3"), "万元", "")),
    ("＝100%", ("=", D(100), "%", "")), ("2021年12月", ("", None, "date", "")), ("有效提高", ("", None, "", "有效提高")),
    ("≥2年", ("≥", D(2), "年", "")), ("<5元/人/次", ("<", D(5), "元/人/次", ""))])
def test_target_values(printed, parsed):
    assert parse_value(printed) == parsed


# facts, projects and indicators per corpus document; a sample of each checked against the page text
# the documents whose prose states amounts (the tables-only volumes have no prose)
PROSE_DOCUMENTS = ["jiangsu-jianchayuan-2017-budget.pdf", "jiangsu-jianchayuan-2018-budget.pdf",
                   "jiangsu-jianchayuan-2019-budget.pdf", "jiangsu-renda-2019-budget.pdf",
                   "jiangsu-rendaban-2017-budget.pdf", "jiangsu-rendaban-2018-budget.pdf",
                   "jiangsu-shengweiban-2017-budget-text.pdf", "jiangsu-shengweiban-2018-budget-text.pdf",
                   "jiangsu-shengweiban-2019-budget-text.pdf", "putuo-guihuaziyuan-2024-final-accounts.pdf",
                   "putuo-quzhengfuban-2025-dept-budget.pdf", "putuo-quzhengfuban-2025-unit-budget.pdf",
                   "putuo-wanli-2024-dept-budget.pdf", "putuo-wanli-2025-dept-budget.pdf"]
NO_SUBJECT = {"jiangsu-jianchayuan-2017-budget.pdf": [(23, "2555.8 万元")]}
SAMPLES = {  # (page, subject, printed, share) as the page prints them
    "jiangsu-jianchayuan-2017-budget.pdf": (19, "基本支出", "12323.46 万元", None),
    "putuo-wanli-2025-dept-budget.pdf": (7, "社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）",
                                         "482.72万元", None),
    "putuo-guihuaziyuan-2024-final-accounts.pdf": (21, "卫生健康支出（类）", "236.63 万元", D("2.43")),
}


@pytest.mark.corpus
@pytest.mark.parametrize("name", PROSE_DOCUMENTS)
def test_corpus_facts(name):
    import re

    from disclosure.normalize.units import AMOUNT_IN_TEXT
    doc = extracted(str(corpus_file(name)))
    # every sentence of the prose that states an amount yields at least one fact (none is left out)
    # (a paragraph continuing a heading cut at its line's end is read with the heading's end first)
    with_amounts = {s.strip() for _, text, _ in prose(doc)
                    for s in re.split(r"(?<=[。；])", text) if AMOUNT_IN_TEXT.search(s)}
    # …or is the change of the fact before it (…为5533万元。与上年相比减少20万元，减少0.36%。, issue #13)
    changes = with_amounts - {f.sentence for f in doc.facts}
    assert with_amounts and {f.sentence for f in doc.facts} <= with_amounts
    # …or states only a threshold (单价100万元以上的设备)
    odd = [s for s in changes if not re.match(r"^\s*(与上年相比|比上年|较上年|同比)", s)
           and not re.search(r"\d\s*(?:万元|元)\s*(?:（含）)?(?:以上|以下)", s)]
    assert not odd, odd
    # no corpus document describes a project or prints a 绩效目标表 (项目名称 appears there only as a
    # column header of the 收支总表), so none is read
    assert (len(doc.projects), len(doc.indicators)) == (0, 0)
    # amounts whose sentence begins in the paragraph before (a paragraph broken at a page end):
    # facts without a subject, listed so that none goes unnoticed
    assert [(f.page, f.printed) for f in doc.facts if not f.subject] == NO_SUBJECT.get(name, [])
    if name in SAMPLES:
        page, subject, printed, share = SAMPLES[name]
        f = _fact(doc, subject, printed)
        assert (f.page, f.share_pct) == (page, share)


def test_the_generated_pdf_gives_the_same_narrative_data_as_the_text():
    """Lines broken inside numbers (灭火器2个120 / 0元) and 键：值-looking broken lines (膜手套：4只…) in
    the PDF's wrapped paragraphs must not change facts, projects or targets."""
    from conftest import SAMPLE_PDF
    text, pdf = extracted(str(SEED_TEXT)), extracted(str(SAMPLE_PDF))
    key = lambda d: [(p.name, p.budget_yuan, p.costs_sum_yuan) for p in d.projects]  # noqa: E731
    assert key(pdf) == key(text)
    assert [(i.level1, i.level2, i.level3, i.printed) for i in pdf.indicators] == \
        [(i.level1, i.level2, i.level3, i.printed) for i in text.indicators]
    # the same amounts; (four subjects still differ where the PDF breaks a sentence at a page end)
    assert sorted(f.printed for f in pdf.facts) == sorted(f.printed for f in text.facts)
    assert sorted((f.rule, f.severity) for f in pdf.findings) == sorted((f.rule, f.severity) for f in text.findings)


def test_a_sentence_naming_only_its_year_and_figure_takes_its_item_from_before(tmp_path):
    """`2022年决算支出5.00万元` under （二）公务接待费 names only the year and which figure: the item is the
    heading's (it was `年决算支出`); `检察（款）：2018年预算支出合计16,444.36万元` names the item before the
    year, and that 款 is the fact's, with its code under the section's 类 (jianchayuan-2018 p.26: it
    was `年支出`, no code)."""
    from disclosure.pipeline import extract

    page = tmp_path / "page.txt"
    page.write_text("标题: 测试局2022年度部门决算公开\n发布时间: 2023-09-01\n\n一、“三公”经费支出决算情况说明 "
                    "（一）因公出国（境）费 2022年决算支出0万元，与上年持平。（二）公务接待费 2022年决算支出5.00万元，"
                    "比上年减少1.00万元，下降16.67%。（三）公务用车购置及运行维护费 2022年支出20.00万元。\n",
                    encoding="utf-8")
    doc = extract(page)
    assert [(f.subject, f.printed, f.basis) for f in doc.facts if not f.is_change] == [
        ("因公出国（境）费", "0万元", "actual"), ("公务接待费", "5.00万元", "actual"),
        ("公务用车购置及运行维护费", "20.00万元", "actual")]  # no word says which figure: a final account's own
    doc = extracted(corpus_file("jiangsu-jianchayuan-2018-budget.pdf"))
    assert [(f.subject, f.code, f.page) for f in doc.facts if f.printed in ("16,444.36 万元", "3,660.38 万元")
            and f.sentence.startswith(("检察", "住房改革"))] == [("检察", "20404", 26), ("住房改革支出", "22102", 27)]
