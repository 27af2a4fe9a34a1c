"""Issue #13: the reviewer-level rules, each on constructed prose that makes it fire and prose that
keeps it quiet (and the ledger state each leaves), then on the corpus misprints they found."""
from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import corpus_file, extracted
from disclosure.checks import (code_names, directions, prose_years, repeated_amounts, three_public_items, wording,
                               zero_base)
from disclosure.checks.ledger import Tally, entry
from disclosure.model import Document, Paragraph, Row, Table
from disclosure.prose import apply

D = Decimal


def _doc(paragraphs, year=2024, kind="budget", tables=()):
    ps = [Paragraph(i, text, list(path), "", "paragraph", i + 1, [i + 1])
          for i, (path, text) in enumerate((([], p) if isinstance(p, str) else p) for p in paragraphs)]
    return apply(Document("x", "", "text", "", "", year, kind, "department", ["万元"], 1, [], list(tables), ps, [], []))


def _run(module, doc):
    tally = Tally(module.RULE)
    found = module.findings(doc, D(1), tally)
    return found, entry(module.RULE, [tally], found).state


# ---------------------------------------------------------------- narrative.year_named

def test_year_named_fires_on_a_comparison_with_the_wrong_year():
    found, state = _run(prose_years, _doc(["2019年支出预算100万元，比2017年预算增加5万元。"], 2019))
    assert state == "fail" and len(found) == 1 and "2017" in found[0].message_zh and "应为2018" in found[0].message_zh
    found, _ = _run(prose_years, _doc(["2017年当年预算执行数为90万元，2019年预算安排100万元。"], 2019))
    assert len(found) == 1
    # a final account's 截至 names its own year
    found, _ = _run(prose_years, _doc(["截至2022年12月31日，本部门共有车辆5辆。"], 2024, "final_accounts"))
    assert len(found) == 1 and found[0].page == 1


def test_year_named_keeps_quiet_on_the_right_years():
    doc = _doc(["2019年支出预算100万元，比2018年预算增加5万元。", "与2018年相比，减少3万元。",
                "截至2018年12月31日，本部门共有车辆5辆。", "依据《2016年工作方案》安排。"], 2019)
    found, state = _run(prose_years, doc)
    assert (found, state) == ([], "pass")
    assert _run(prose_years, _doc(["本年支出100万元。"], 2019))[1] == "not_applicable"


# ---------------------------------------------------------------- narrative.code_name

def test_code_name_fires_on_a_retired_name():
    found, state = _run(code_names, _doc(["医疗卫生与计划生育支出（类）支出20万元。"], 2020))
    assert state == "fail" and "卫生健康支出" in found[0].message_zh and "2017–2018" in found[0].message_zh
    # a number whose name in the year is another
    found, _ = _run(code_names, _doc(["卫生健康支出（208类）支出20万元。"], 2020))
    assert len(found) == 1 and "社会保障和就业支出" in found[0].message_zh


def test_code_name_keeps_quiet_on_the_years_names():
    # a year the chart does not hold (it begins in 2017): nothing judged, insufficient_data
    assert _run(code_names, _doc(["文化体育与传媒支出（类）新闻出版广播影视（款）新闻通讯（项）20万元。"], 2015)) == (
        [], "insufficient_data")
    assert _run(code_names, _doc(["医疗卫生与计划生育支出（类）支出20万元。"], 2018)) == ([], "pass")
    assert _run(code_names, _doc(["卫生健康支出（类）支出20万元。"], 2020)) == ([], "pass")
    assert _run(code_names, _doc(["社会保障和就业支出（208类）行政事业单位养老支出（05款）机关事业单位基本养老保险缴费支出"
                                  "（05项）68.53万元。"], 2021)) == ([], "pass")


def test_code_name_against_the_tables_name():
    cols = ["金额"]
    # the table prints another name for 2080505
    row = Row(0, "", "2080505", "2080505", "functional", "项", "养老保险缴费", "养老保险缴费", "item", [], 1)
    t = Table(1, "general_budget_expenditure", "", "", "", "万元", D(10000), "", [1], cols, [], [], [], [], [row],
              False, "")
    doc = _doc(["社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）68.53万元。"], 2021,
               tables=[t])
    found, state = _run(code_names, doc)
    assert state == "fail" and any("表1名为“养老保险缴费”" in f.message_zh for f in found)


# ---------------------------------------------------------------- narrative.item_two_amounts

def test_one_item_two_amounts_fires():
    doc = _doc(["31. “住房保障支出（类）住房改革支出（款）住房公积金（项）”350.35万元，主要用于住房公积金。"
                "2023年当年预算执行数为348.52万元，2024年预算安排352.67万元，比2023年预算执行数增加0.53%。"])
    found, state = _run(repeated_amounts, doc)
    assert state == "fail" and (found[0].left, found[0].right) == (D("3503500.00"), D("3526700.00"))


def test_one_item_two_amounts_keeps_quiet():
    # the same figure twice, last year's figure, and two sections each with their own figure
    doc = _doc([(["一、收支"], "基本支出852.52万元，占84.56%。基本支出852.52万元，比上年减少24.55万元。"),
                (["二、一般公共预算"], "基本支出800万元。"),
                (["三、住房"], "“住房保障支出（类）住房改革支出（款）住房公积金（项）”350.35万元。2023年当年预算执行数为348.52万元，"
                              "2024年预算安排350.35万元。")])
    assert _run(repeated_amounts, doc) == ([], "pass")


# ---------------------------------------------------------------- narrative.direction

@pytest.mark.parametrize("text", ["2023年当年预算执行数为348.52万元，2024年预算安排340.35万元，比2023年预算执行数增加2.35%。",
                                  "公务接待费3万元，与上年持平，减少1万元。",
                                  "公务接待费0万元，比上年增加1万元。"])
def test_direction_fires(text):
    found, state = _run(directions, _doc([(["“住房保障支出（类）住房改革支出（款）住房公积金（项）”"], text)]))
    assert state == "fail" and len(found) == 1


@pytest.mark.parametrize("text,said", [("年初预算为100万元，支出决算为90万元。决算数大于预算数，主要原因是追加。", "大于"),
                                       ("年初预算为100万元，支出决算为100万元。决算数小于预算数。", "小于"),
                                       ("年初预算为100万元，支出决算为120万元。预算数大于决算数。", "大于")])
def test_direction_budget_vs_actual_in_any_sentence(text, said):
    found, state = _run(directions, _doc([(["8、城乡社区支出（类）城乡社区管理事务（款）行政运行（项）"], text)], 2024,
                                         "final_accounts"))
    assert state == "fail" and len(found) == 1 and said in found[0].message_zh


def test_direction_keeps_quiet():
    doc = _doc([(["8、城乡社区支出（类）城乡社区管理事务（款）行政运行（项）"],
                 "年初预算为100万元，支出决算为90万元。决算数小于预算数的主要原因是节约。"),
                (["9、其他"], "2023年当年预算执行数为348.52万元，2024年预算安排350.35万元，比2023年预算执行数增加0.53%。"),
                (["10、其他"], "公务接待费3万元，与上年持平。")], 2024, "final_accounts")
    found, state = _run(directions, doc)
    assert (found, state) == ([], "pass")


# ---------------------------------------------------------------- narrative.zero_base

def test_zero_base_fires():
    found, state = _run(zero_base, _doc(["其他教育支出25.00万元，比上年增加25.00万元，增长100.00%。"]))
    assert state == "fail" and found[0].left == 0 and found[0].right is None and found[0].unit == "元"
    found, _ = _run(zero_base, _doc(["年初预算为0万元，支出决算为5万元，完成年初预算的100%。"], 2024, "final_accounts"))
    assert len(found) == 1 and "年初预算为0" in found[0].message_zh


def test_zero_base_keeps_quiet():
    found, state = _run(zero_base, _doc(["其他教育支出25.00万元，比上年增加5.00万元，增长25.00%。"]))
    assert (found, state) == ([], "pass")
    assert _run(zero_base, _doc(["政府性基金支出0万元，比上年增加0万元，增长0%。"])) == ([], "pass")


# one economic class listed under 基本支出 and under 项目支出 (trial 26: 10, 11); 基本支出 printed as
# two figures, its parts 人员经费 + 公用经费 deciding (10)
_BY_STRUCTURE = [(["（二）按支出结构分类划分"], "1. 基本支出预算881300.39元，占一般公共预算支出的96.74%。其中：工资福利支出预算"
                  "716052.51元，占基本支出预算81.25%。"),
                 (["（二）按支出结构分类划分"], "商品和服务支出预算165247.88元，占基本支出预算18.76%。"),
                 (["（二）按支出结构分类划分"], "2. 项目支出29700元，占一般公共预算支出的3.26%。其中：商品和服务支出预算29700元，"
                  "占项目支出预算100%。")]


def test_one_class_under_two_heads_is_two_items():
    found, _ = _run(repeated_amounts, _doc(_BY_STRUCTURE, 2023))
    assert found == []
    # the same class twice in one list is one item stated twice
    found, _ = _run(repeated_amounts, _doc([(["（二）"], "基本支出100元，其中：商品和服务支出60元，商品和服务支出70元。")]))
    assert [(f.left, f.right) for f in found] == [(D(60), D(70))]


@pytest.mark.parametrize("basic, fires", [("911000.39", True), ("881300.39", False)])
def test_an_item_printed_twice_its_parts_deciding(basic, fires):
    doc = _doc(_BY_STRUCTURE + [(["六、一般公共预算基本支出情况说明"], f"2023年本年一般公共预算基本支出{basic}元，其中：人员经费"
                                 "809961.19元，主要包括基本工资。"),
                                (["六、一般公共预算基本支出情况说明"], "公用经费71339.2元，主要包括办公费。")], 2023)
    found, _ = _run(repeated_amounts, doc)
    assert [(f.left, f.right) for f in found] == ([(D("911000.39"), D("881300.39"))] if fires else [])


@pytest.mark.parametrize("project, fires", [("19.62", True), ("15.94", False)])
def test_the_shares_of_one_base_add_up(project, fires):
    """Trial 26 (11): 基本支出 84.06% + 项目支出 19.62% of one base."""
    from disclosure.checks import share_sums

    doc = _doc([(["（二）"], "1. 基本支出预算2476260.58元，占一般公共预算支出的84.06%。"),
                (["（二）"], f"2. 项目支出469500元，占一般公共预算支出的{project}%。")], 2024)
    found, state = _run(share_sums, doc)
    assert [(f.left, f.right) for f in found] == ([(D("103.68"), D(100))] if fires else [])
    assert state == ("fail" if fires else "pass")


def test_shares_of_a_base_split_two_ways_are_not_added():
    """Trial 26 (13): 政府采购预算 split by method and by kind: each way adds to 100%, all to 200%."""
    from disclosure.checks import share_sums

    doc = _doc([(["（三）政府采购"], "政府集中采购100万元，占政府采购预算100%；分散采购0万元，占政府采购预算0%。"
                 "货物类采购58.8万元，占政府采购预算58.8%；服务类采购41.2万元，占政府采购预算41.2%。")], 2023)
    assert _run(share_sums, doc) == ([], "not_applicable")


def test_a_change_stated_apart_from_its_levels_is_recomputed():
    """Trial 26 (18): the change and its percentage in a sentence of their own, the item's two
    levels in two other sections."""
    from disclosure.checks import narrative

    doc = _doc([(["一、2022年“三公”经费预算安排情况"], "2022年度“三公”经费预算总计21.8万元，其中：公务接待11.8万元，公务用车运行费用10万元。"),
                (["二、2021年“三公”经费决算情况"], "2021年度“三公”经费合计支出20.12万元，其中：公务接待12.39万元，公务用车运行费用7.73万元。"),
                (["二、2021年“三公”经费决算情况"], "2022年度“三公”经费预算较2021年度增加1.68万元，其中公务接待较上年同期减少0.58万元，"
                 "减少5.5%。")], 2022)
    [found] = narrative.change_pct(doc, D(1), Tally(narrative.CHANGE_RULE))
    assert (found.left, found.right.quantize(D("0.01")), found.severity) == (D("5.5"), D("4.76"), "warning")


# ---------------------------------------------------------------- narrative.three_public_items

SG = ["七、“三公”经费预算情况说明"]


def test_three_public_items_fires_on_an_item_left_out():
    doc = _doc([(SG, "“三公”经费预算5万元，其中：因公出国（境）费1万元；公务用车购置及运行维护费3万元；公务接待费1万元。")])
    found, state = _run(three_public_items, doc)
    assert state == "fail" and sorted(f.message_zh.split("说明")[2][:6] for f in found) == ["公务用车购置", "公务用车运行"]
    found, _ = _run(three_public_items, _doc([(SG, "因公出国（境）费1万元；公务用车购置费0万元；公务用车运行维护费2万元。")]))
    assert len(found) == 1 and "公务接待费" in found[0].message_zh


def test_three_public_items_keeps_quiet():
    doc = _doc([(SG, "因公出国（境）费未发生；公务用车购置费0万元，公务用车运行维护费2万元；公务接待费1万元。")])
    assert _run(three_public_items, doc) == ([], "pass")
    assert _run(three_public_items, _doc([(SG, "本部门2024年未安排“三公”经费。")])) == ([], "pass")
    assert _run(three_public_items, _doc(["本年支出100万元。"]))[1] == "not_applicable"


def _three_public_table(figures: dict[str, str]) -> Table:
    """A “三公” table a row per item under one 预算数 column (measure by row, as tables.py gives it)."""
    from disclosure.model import Value
    from disclosure.normalize.amounts import parse_amount
    rows = [Row(k, "", "", "", "none", "", name, name, "item", [Value("预算数", measure, parse_amount(a), None, 1)], 1)
            for k, (name, (measure, a)) in enumerate(figures.items())]
    return Table(1, "three_public_expenses", "", "", "", "万元", D(10000), "", [1], ["项目", "预算数"], [], [], [],
                 [""], rows, False, "")


def test_three_public_items_printed_in_the_table_are_stated():
    """Trial 26 (01, 05, 06): each item printed in the document's “三公” table (0 too) and the
    note under it naming the items without amounts: no item is left out; a blank cell states none."""
    note = "注：“三公”经费包括因公出国（境）经费、公务用车购置及运行费和公务接待费。"
    table = _three_public_table({"1.因公出国（境）费": ("outbound_travel", "0"), "2.公务接待费": ("reception", "1.70"),
                                 "（1）公务用车运行维护费": ("vehicle_operation", "32.65"),
                                 "（2）公务用车购置": ("vehicle_purchase", "")})
    found, _ = _run(three_public_items, _doc([note], tables=[table]))
    assert [f.message_zh for f in found] == ["“三公”经费说明未单独说明公务用车购置费（金额或未发生），仅给出购置及运行维护费合计"]


def test_three_public_items_under_their_own_headings():
    """Trial 26 (04): a lead sentence on the “三公” 经费, then each item a heading over its paragraph;
    the walker stopped at the first heading. 公务接待 without 费 names 公务接待费 (18)."""
    ps = [Paragraph(0, "本中心财政拨款“三公”经费预算2014年情况如下：", [], "", "paragraph", 1, [1]),
          Paragraph(1, "一、因公出国（境）经费", [], "一、", "heading", 1, [1]),
          Paragraph(2, "2014年本中心没有安排出国计划。", ["一、因公出国（境）经费"], "", "paragraph", 1, [1]),
          Paragraph(3, "二、公务用车购置及运行维护费", [], "二、", "heading", 1, [1]),
          Paragraph(4, "公务用车购置费0万元，公务用车运行维护费38万元。", ["二、公务用车购置及运行维护费"], "", "paragraph", 1, [1]),
          Paragraph(5, "三、公务接待", [], "三、", "heading", 1, [1]),
          Paragraph(6, "2014年安排公务接待8万元。", ["三、公务接待"], "", "paragraph", 1, [1]),
          Paragraph(7, "四、其他说明", [], "四、", "heading", 1, [1]),
          Paragraph(8, "公务接待费另有说明。", ["四、其他说明"], "", "paragraph", 1, [1])]
    doc = apply(Document("x", "", "text", "", "", 2014, "budget", "department", ["万元"], 1, [], [], ps, [], []))
    assert [p.index for p in three_public_items.section(doc)] == [0, 2, 4, 6]
    assert _run(three_public_items, doc) == ([], "pass")
    # the heading left out, the items are not stated
    doc.paragraphs = doc.paragraphs[:5]
    found, _ = _run(three_public_items, doc)
    assert [f.message_zh[13:18] for f in found] == ["公务接待费"]


# ---------------------------------------------------------------- form.wording

@pytest.mark.parametrize("text,kind", [("主要原因是人员增加。。", "标点"), ("主要用于用于工资发放。", "词语重复"),
                                       ("平均得分99分（其中，优的项目39个；良的项目0个。", "未闭合"),
                                       ("本年支出，，100万元。", "标点")])
def test_wording_fires(text, kind):
    found, state = _run(wording, _doc([text]))
    assert state == "fail" and len(found) == 1 and kind in found[0].message_zh


@pytest.mark.parametrize("text,english", [
    ("主要原因是人员增加。。", "repeated or clashing punctuation: '。。'"),
    ("主要用于用于工资发放。", "a word written twice: '用于用于'"),
    ("平均得分99分（其中，优的项目39个；良的项目0个。", "'（' opened and not closed: '（其中，优的项目39个；良的项目'"),
    ("本年支出100万元。其中办公费20万元）用于办公。", "'）' closed without an opening '（': '万元。其中办公费20万元）'")])
def test_wording_message_en_is_english(text, english):
    """message_en repeated the Chinese kind ("词语重复: '用于用于' (punctuation or wording)"): an
    English reader of findings.csv could not tell the defects apart."""
    [found], _ = _run(wording, _doc([text]))
    assert found.message_en == english


def test_wording_keeps_quiet():
    # a bracket the reader cut across two paragraphs; reduplications of the language; a template
    doc = _doc(["本部门（含下属单位", "共3个）支出100万元。", "人人参与，年年如此。", "XX（制"])
    assert _run(wording, doc) == ([], "pass")


# ---------------------------------------------------------------- the corpus

@pytest.mark.corpus
def test_corpus_reviewer_findings():
    """What the reviewer rules report on the corpus, each read on its page."""
    got = {}
    for name in ("putuo-wanli-2024-dept-budget.pdf", "putuo-guihuaziyuan-2024-final-accounts.pdf",
                 "jiangsu-jianchayuan-2019-budget.pdf", "jiangsu-rendaban-2018-budget.pdf"):
        doc = extracted(str(corpus_file(name)))
        got[name] = sorted((f.rule, f.page) for f in doc.findings if f.rule in RULES13)
    assert got == {
        # p.7: 其他教育支出 25.00万元 … 增加25.00万元，增长100.00%; p.9: 住房公积金（项）350.35 / 352.67万元
        "putuo-wanli-2024-dept-budget.pdf": [("narrative.item_two_amounts", 9), ("narrative.zero_base", 7)],
        # p.27: 平均得分99.33分（其中，绩效评级为“优”的项目39个；… — the bracket is never closed
        "putuo-guihuaziyuan-2024-final-accounts.pdf": [("form.wording", 27)],
        # p.30: 公务用车购置及运行费237万元。其中：公务用车运行维护费237万元 — no word of the purchase
        "jiangsu-jianchayuan-2019-budget.pdf": [("narrative.three_public_items", 30)],
        # p.25: …减少了该项支出。。
        "jiangsu-rendaban-2018-budget.pdf": [("form.wording", 25)],
    }


RULES13 = {prose_years.RULE, code_names.RULE, repeated_amounts.RULE, directions.RULE, zero_base.RULE,
           three_public_items.RULE, wording.RULE}


@pytest.mark.corpus
def test_two_volumes_checked_together():
    """Jiangsu's shengweiban 2018 budget in two volumes: the prose of the text volume against the
    tables of the tables volume. Alone, the text volume's amounts have no table (insufficient_data);
    together they are compared, and all agree."""
    from click.testing import CliRunner

    from disclosure.cli import main
    from disclosure.pipeline import together
    text = extracted(str(corpus_file("jiangsu-shengweiban-2018-budget-text.pdf")))
    tables = extracted(str(corpus_file("jiangsu-shengweiban-2018-budget-tables.pdf")))
    alone = next(e for e in text.ledger if e.rule == "narrative.amount_vs_table")
    assert alone.state == "insufficient_data" and alone.counts["pass"] == 0
    both = together(tables, text)  # either order
    joined = next(e for e in both.ledger if e.rule == "narrative.amount_vs_table")
    # compared now, and all agree (a few subjects no table prints stay insufficient_data)
    assert joined.counts["pass"] >= 20 and joined.counts["fail"] == 0 and len(both.tables) == len(tables.tables)
    assert not [f for f in both.findings if f.rule.startswith("narrative.") and f.severity != "info"]
    r = CliRunner().invoke(main, ["check", str(corpus_file("jiangsu-shengweiban-2018-budget-text.pdf")),
                                  str(corpus_file("jiangsu-shengweiban-2018-budget-tables.pdf")), "--together"])
    assert r.exit_code == 0 and r.output.count("findings:") == 1
    with pytest.raises(ValueError):
        together(text, extracted(str(corpus_file("jiangsu-shengweiban-2017-budget-tables.pdf"))))


def test_change_pct_message_en_in_the_sentence_unit():
    """jianchayuan-2018 p.26 prints 一般行政管理事务（项）支出3,666万元，与上年相比增加21.8万元，增长0.06%:
    message_en said "change 218000.0 yuan … last year's 3644200.0 yuan" beside a message_zh in 万元, and
    left "(rounding)" out of a rounding info. Now both speak the sentence's unit."""
    from disclosure.checks import narrative

    doc = _doc(["一般行政管理事务（项）支出3,666万元，与上年相比增加21.8万元，增长0.06%。",
                "行政运行（项）支出10,883.36万元，与上年相比增加2,915.22万元，增长36.58%。"], 2018)
    warn, info = sorted(narrative.change_pct(doc, D(1), Tally(narrative.CHANGE_RULE)), key=lambda f: f.severity,
                        reverse=True)
    assert warn.message_en == ("一般行政管理事务: 3,666万元, change 21.8 万元: the text prints 0.06%, "
                               "last year's 3644.2 万元 gives 0.60%")
    assert info.message_en.endswith("last year's 7968.14 万元 gives 36.59% (rounding)") and info.rounding


def test_three_public_items_named_by_the_heading_over_their_paragraph(tmp_path):
    # fujian-pingtan-welfare-home-2017-budget: （一）公务接待费 / 2017年预算安排1.3万元 states the item
    # in its heading; a heading with no paragraph under it states nothing (（二）因公出国（境）费 here)
    import disclosure

    path = tmp_path / "heads-2017-budget.txt"
    path.write_text("某单位2017年部门预算\n七、一般公共预算“三公”经费支出情况\n2017年“三公经费”控制数5.1万元。其中：\n"
                    "（一）公务接待费\n2017年预算安排1.3万元，主要用于接待活动。\n（二）因公出国（境）费\n"
                    "（三）公务用车购置及运行费\n2017年预算安排车辆经费3.8万元，其中公务用车购置费0万元、公务用车运行维护费3.8万元。\n",
                    encoding="utf-8")
    doc = disclosure.extract(str(path))
    missed = sorted(f.message_zh for f in doc.findings if f.rule == "narrative.three_public_items")
    assert missed == ["“三公”经费说明未单独说明因公出国（境）费（金额或未发生）"]
