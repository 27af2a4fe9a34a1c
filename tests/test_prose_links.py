"""Issue #13: the prose as departments write it. Constructed sentences, one per form the issue lists
(and seen across provinces), each read into facts linked to a code, a named total or a named item;
the corpus share is in bench/prose_links.py and test_corpus_link_share."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest

from conftest import SEED_TEXT, corpus_file, extracted
from disclosure.model import Document, Paragraph
from disclosure.prose.facts import facts

D = Decimal


def _doc(paragraphs: list[tuple[list[str], str]], year: int = 2024, kind: str = "budget") -> Document:
    ps = [Paragraph(i, text, path, "", "paragraph", 1, [1]) for i, (path, text) in enumerate(paragraphs)]
    return Document("x", "", "text", "", "", year, kind, "department", ["万元"], 1, [], [], ps, [], [])


def _facts(text: str, year: int = 2024, kind: str = "budget", heading: str = ""):
    return facts(_doc([([heading] if heading else [], text)], year, kind))


def _one(fs, printed):
    found = [f for f in fs if f.printed == printed]
    assert len(found) == 1, [(f.subject, f.printed) for f in fs]
    return found[0]


# (year, sentence, printed amount, link, code or subject)
FORMS = [
    # a code path with the numbers in the brackets and the names before them
    (2020, "公共安全支出（204类）司法（06款）其他司法支出（99项）120.50万元，主要用于法律援助。", "120.50万元", "code", "2040699"),
    # numbers only
    (2021, "（208类）（05款）（05项）68.53万元，主要用于养老保险缴费。", "68.53万元", "code", "2080505"),
    # 类/款/项 named in words
    (2021, "社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）68.53万元。",
     "68.53万元", "code", "2080505"),
    # quoted path, the amount after the closing quote
    (2024, "31. “住房保障支出（类）住房改革支出（款）住房公积金（项）”350.35万元，主要用于住房公积金。", "350.35万元",
     "code", "2210201"),
    # an inline code before the name
    (2019, "2013199 其他党委办公厅（室）及相关机构事务支出 74.73万元。", "74.73万元", "code", "2013199"),
    # a 类 name alone
    (2021, "社会保障和就业支出897.60万元，占89.03%。", "897.60万元", "code", "208"),
    # named totals
    (2024, "2024年收入预算1008.16万元。", "1008.16万元", "total", "收入预算"),
    (2024, "本年支出合计1008.16万元，比上年减少5万元。", "1008.16万元", "total", "本年支出"),
    # named items: the standard tables' subjects, income sources, a noun phrase with a budget head
    (2024, "其中：一般公共预算拨款952.70万元。", "952.70万元", "item", "一般公共预算拨款"),
    (2024, "基本支出852.52万元，较上年增长2.5%。", "852.52万元", "item", "基本支出"),
    (2024, "公务接待费3.2万元，同比减少0.8万元，下降20%。", "3.2万元", "item", "公务接待费"),
    (2024, "事业收入15万元。", "15万元", "item", "事业收入"),
    (2024, "信息化建设经费35万元。", "35万元", "item", "信息化建设经费"),
]


@pytest.mark.parametrize("year,sentence,printed,link,what", FORMS)
def test_forms_are_linked(year, sentence, printed, link, what):
    f = _one(_facts(sentence, year), printed)
    assert f.link == link
    assert (f.code if link == "code" else f.subject) == what


def test_year_comparison_names_last_years_figure():
    """A年预算执行数为X万元，B年预算安排Y万元，比A年预算执行数增加Z%: X is last year's, Y this year's with X as
    its prior figure, both about the item the heading names."""
    fs = _facts("2023年当年预算执行数为348.52万元，2024年预算安排350.35万元，比2023年预算执行数增加0.53%。",
                heading="31. “住房保障支出（类）住房改革支出（款）住房公积金（项）”")
    prior, this = _one(fs, "348.52万元"), _one(fs, "350.35万元")
    assert (prior.basis, prior.code, prior.link) == ("prior_year", "2210201", "code")
    assert (this.basis, this.code, this.prior_yuan, this.change_pct, this.change_direction) == (
        "budget", "2210201", D("3485200.00"), D("0.53"), "增加")
    # the later figure of an earlier year completes the first
    fs = _facts("一般公共服务支出（类）人大事务（款）行政运行（项）2024年预算数为100万元，2023年预算数为90万元。")
    assert (_one(fs, "100万元").prior_yuan, _one(fs, "90万元").basis) == (D("900000"), "prior_year")


@pytest.mark.parametrize("change,direction", [("与上年相比，减支20万元，下降0.36%。", "减少"),
                                              ("与上年相比减少20万元，减少0.36%。", "减少"),
                                              ("比上年增支20万元，增长0.36%。", "增加"),
                                              ("较上年增加20万元，增长0.36%。", "增加"),
                                              ("同比增加20万元，增长0.36%。", "增加")])
def test_change_clause_belongs_to_its_item(change, direction):
    """A sentence opening with the change (与上年相比，减支X万元，下降Y%) completes the item before it."""
    fs = _facts("项目支出预算数为5533万元。" + change)
    assert len(fs) == 1
    f = fs[0]
    assert (f.subject, f.link, f.change_direction, f.change_amount_yuan, f.change_pct) == (
        "项目支出", "item", direction, D("200000"), D("0.36"))


def test_listed_items_with_the_amount_later():
    """（一）…（二）… items, the amount later in the clause, each change with its own item."""
    fs = _facts("主要用于：（一）行政运行（项）120万元；（二）一般行政管理事务（项）30万元，比上年减少5万元。", 2024)
    first, second = _one(fs, "120万元"), _one(fs, "30万元")
    assert (first.subject, first.link, first.change_amount_yuan) == ("行政运行", "item", None)
    assert (second.subject, second.link, second.change_direction, second.change_amount_yuan) == (
        "一般行政管理事务", "item", "减少", D("50000"))


def test_final_account_figures_and_the_item_before():
    """年初预算为X，支出决算为Y: which figure each is, and the item named in the heading before."""
    fs = facts(_doc([(["8、城乡社区支出（类）城乡社区管理事务（款）行政运行"],
                      "（项）。主要用于：行政单位人员支出、公用支出。年初预算为1115.48 万元，支出决算为 1092.80 万元，"
                      "完成年初预算的97.97%。决算数小于预算数。")], 2024, "final_accounts"))
    budget, actual = _one(fs, "1115.48 万元"), _one(fs, "1092.80 万元")
    assert (budget.basis, budget.code, budget.link) == ("budget", "2120101", "code")
    assert (actual.basis, actual.code) == ("actual", "2120101")


def test_heading_cut_at_the_line_end():
    """A heading whose amount went to the next line (…（项） 1,895 | 万元，与上年相比…) is read with it."""
    fs = facts(_doc([(["（一）公共安全支出（类）", "3．公诉、审判、侦查、执行等检察监督支出（项） 1,895"],
                      "万元，与上年相比减少 134 万元，降幅 0.66 %。")], 2018))
    assert len(fs) == 1
    f = fs[0]
    assert (f.printed, f.link, f.change_direction, f.change_amount_yuan) == ("1,895万元", "code", "减少", D("1340000"))
    # a paragraph opening an item of its own is not a heading's continuation
    fs = facts(_doc([(["（二）一般公共预算当年拨款结构情况"], "1. 社会保障和就业支出（类）897.60万元，占89.03%。")], 2021))
    assert fs[0].sentence.startswith("1. 社会保障")


def test_thresholds_and_unlinked_words():
    assert _facts("单价100万元以上的设备0台。") == []
    # words naming nothing the tables print, with no item before: not linked (counted as such)
    f = _facts("今年我们认真落实了50万元。")[0]
    assert f.link == ""


@pytest.mark.corpus
def test_corpus_link_share():
    """Over the corpus prose, the Fujian web texts and the seed, at least 90% of the sentences stating an
    amount have every amount linked (bench/prose_links.py prints the share per document)."""
    root = corpus_file("jiangsu-jianchayuan-2017-budget.pdf").parent
    paths = sorted(root.glob("*.pdf")) + sorted(root.glob("fujian/*.txt")) + [SEED_TEXT]
    total = linked = 0
    for path in paths:
        doc = extracted(str(path))
        groups: dict[int, list] = {}
        for f in doc.facts:
            groups.setdefault(f.group, []).append(f)
        total += len(groups)
        linked += sum(all(f.link for f in fs) for fs in groups.values())
    assert total > 900 and linked / total >= 0.9, (linked, total)


def test_document_json_read_again_keeps_each_facts_link_and_basis(tmp_path):
    """A document.json checked again (disclosure check document.json) carries every fact's link
    and basis as written: the same facts, linked the same way, as the seed read from its text."""
    from disclosure.emit import jsonout
    from disclosure.extract.jsonin import read_document_json
    from disclosure.pipeline import extract

    doc = extract(SEED_TEXT)
    path = tmp_path / "document.json"
    path.write_text(jsonout.dumps(doc), encoding="utf-8")
    again = read_document_json(path)
    assert [(f.index, f.link, f.basis) for f in again.facts] == [(f.index, f.link, f.basis) for f in doc.facts]
    assert {f.link for f in again.facts} >= {"code", "total", "item"}  # the seed links by each


# A change clause belongs to its item: the item it names, else the level fact of its sentence.
# (printed sentence shapes: Fujian Pingtan page texts 2017-2018, Jiangsu renda 2019 p.10-16, seed 三公)
def test_a_change_against_last_years_final_account_is_a_change_not_last_years_figure():
    fs = _facts("2017年一般公共预算拨款支出16.82万元，比上年决算数增加2.09万元，增长14.18%。", 2017, "final_accounts")
    f = _one(fs, "16.82万元")
    assert (f.change_direction, f.change_amount_yuan, f.prior_yuan, f.change_pct) == ("增加", D("20900.00"), None, D("14.18"))
    # last year's figure stated as such stays last year's figure
    g = _one(_facts("会议费支出200万元，上年决算数为180万元。", 2017, "final_accounts"), "200万元")
    assert g.prior_yuan == D("1800000") and g.change_amount_yuan is None


def test_a_change_clause_naming_its_own_item_is_that_items_change():
    fs = _facts("“三公”经费决算数为1,583.50万元，比2017年增支107.06万元，增长7.25%，"
                "主要是公务用车购置及运行费较上年增支185.73万元。", 2018, "final_accounts")
    total = _one(fs, "1,583.50万元")
    assert (total.change_direction, total.change_amount_yuan, total.change_pct) == ("增加", D("1070600.00"), D("7.25"))
    car = _one(fs, "185.73万元")
    assert car.is_change and car.change_amount_yuan == D("1857300.00") and "公务用车购置及运行" in car.subject
    assert "主要是" not in car.subject and "较上年" not in car.subject
    fs = _facts("“三公”经费比上年增加0万元，其中：因公出国（境）费增加0万元，主要原因是本年度未安排出国。", 2021)
    assert [(f.subject, f.is_change) for f in fs] == [("三公经费", True), ("因公出国（境）费", True)]


def test_a_net_change_belongs_to_the_item_of_the_sentence():
    fs = _facts("会议费预算支出1469.73万元，比上年预算增加164.48万元，主要原因按规定运转类专项经费统一压减10%，"
                "根据实际开支人代会专项经费增加200万元，增减相抵后增加164.48万元。", 2019)
    level = _one(fs, "1469.73万元")
    assert level.change_amount_yuan == D("1644800.00") and not level.is_change
    special = _one(fs, "200万元")
    assert special.is_change and special.change_amount_yuan == D("2000000") and "人代会专项经费" in special.subject
    # 本年数小于上年预算数: no item named, the change of the figure before
    f = _one(_facts("公务接待费预算支出156.55万元，本年数小于上年预算数29.65万元。", 2017), "156.55万元")
    assert (f.change_direction, f.change_amount_yuan, f.prior_yuan) == ("减少", D("296500.00"), None)


@pytest.mark.parametrize("sentence, year, printed, subject, link", [
    # the year's digits were taken off before its 年 (the lookahead of a bare year: 2015本年支出), leaving
    # 年… as the item (Fujian final accounts 2015-2017, Jiangsu 2017-2018: 14 facts, 4 findings' words)
    ("2015年区行政服务中心年初结转和结余78.23万元，本年收入340.45万元。", 2015, "78.23万元",
     "区行政服务中心年初结转和结余", "item"),
    ("2015年公共财政拨款支出337.32万元，具体情况如下：", 2015, "337.32万元", "公共财政拨款支出", "total"),
    ("2016年年度一般公共预算拨款支出278.21万元，主要支出项目包括：", 2016, "278.21万元", "一般公共预算拨款支出", "total"),
    ("2016年年初结转和结余12.5万元。", 2016, "12.5万元", "年初结转和结余", "total"),  # 年年初: the year, then 年初
    # 收、支总计: one total of two heads sharing the tail (it was 支总计, cut at the 、)
    ("与上年相比，财政拨款收、支总计各增加1454.35万元，增长8.8%。", 2017, "1454.35万元", "财政拨款收支总计", "total"),
])
def test_the_item_after_a_year_and_a_shared_tail(sentence, year, printed, subject, link):
    f = _one(_facts(sentence, year), printed)
    assert (f.subject, f.link) == (subject, link)


@pytest.mark.parametrize("kind, sentence, printed, basis", [
    # 预算 inside a fund's name (一般公共预算) is no budget figure: in a final account it read as one, and
    # the check compared the 决算 sentence with the tables' 预算数 (putuo-guihuaziyuan-2024 p.21, p.24)
    ("final_accounts", "一般公共预算财政拨款支出9746.50万元，占本年支出合计的99.86%。", "9746.50万元", "actual"),
    ("final_accounts", "2017年一般公共预算拨款支出16.82万元。", "16.82万元", "actual"),
    ("final_accounts", "一般公共预算财政拨款支出年初预算为9000.00万元。", "9000.00万元", "budget"),
    ("final_accounts", "政府性基金预算财政拨款支出决算为0万元。", "0万元", "actual"),
    # no word says which figure: the document's own, as a table column's basis (was blank: 172 of
    # the Fujian final accounts' 179 facts)
    ("budget", "人员经费320.00万元。", "320.00万元", "budget"),
    ("final_accounts", "人员经费320.00万元。", "320.00万元", "actual"),
])
def test_a_facts_basis_is_its_words_else_the_documents_own(kind, sentence, printed, basis):
    year = 2017 if "2017" in sentence else 2024
    assert _one(_facts(sentence, year, kind), printed).basis == basis


@pytest.mark.parametrize("sentence, printed, subject, kind", [
    # the words before an amount reached back over the item listed before it: 其中公务用车购置费0万元、
    # 车辆运行费 was one subject (four Fujian budgets; 13 procurement lists of the corpus)
    ("2017年预算安排车辆经费8.00万元，其中公务用车购置费0.40万元、车辆运行费7.60万元。", "7.60万元", "车辆运行费",
     "three_public"),
    ("2018年度政府采购支出预算总额2300万元，其中：拟采购货物支出268万元、拟购买服务支出2032万元。", "2032万元",
     "拟购买服务支出", "procurement"),
])
def test_an_items_words_stop_at_the_amount_listed_before_it(sentence, printed, subject, kind):
    f = _one(_facts(sentence, 2018 if "2018" in sentence else 2017), printed)
    assert (f.subject, f.subject_kind) == (subject, kind)


@pytest.mark.parametrize("sentence, year, printed, subject, kind, code", [
    # 预算 after an item's name named the figure, and the item was lost for the total 支出预算 /
    # 收入预算 (trial 26: four budgets of three provinces, and false narrative.item_two_amounts)
    ("工资福利支出预算716052.51元，占基本支出预算的88.5%。", 2023, "716052.51元", "工资福利支出", "category", "301"),
    ("收入预算总计27524.6万元；事业收入预算27242.2万元。", 2023, "27242.2万元", "事业收入", "income", ""),
    ("“三公”经费支出预算为3.1万元。其中：公务接待费支出预算为3.1万元。", 2018, "3.1万元", "公务接待费",
     "three_public", ""),
    # a fund's name keeps its 预算 (一般公共收入 is no table's name)
    ("本单位2023年一般公共预算收入282.4万元。", 2023, "282.4万元", "一般公共预算收入", "total", ""),
    ("2020年一般公共预算支出1264.92万元。", 2020, "1264.92万元", "一般公共预算支出", "total", ""),
    # the totals stay totals
    ("2023年收入预算1000万元。", 2023, "1000万元", "收入预算", "total", ""),
    ("本部门支出预算1000万元。", 2023, "1000万元", "支出预算", "total", ""),
    # 公务接待 without 费 names 公务接待费
    ("2022年度“三公”经费预算总计21.8万元，其中：公务接待11.8万元。", 2022, "11.8万元", "公务接待费", "three_public", ""),
])
def test_an_items_name_before_its_budget_word_is_kept(sentence, year, printed, subject, kind, code):
    found = [f for f in _facts(sentence, year) if f.printed == printed]
    assert [(f.subject, f.subject_kind, f.code) for f in found][-1:] == [(subject, kind, code)]


@pytest.mark.parametrize("kind, sentence, printed, basis", [
    # items listed under a total (其中…) are figures of the total's kind (trial 26: 19, 18)
    ("budget", "2019年度“三公”经费支出预算为44.52万元，2019年实际支出“三公经费”决算为22.62万元。其中公务接待费为20.10万元，"
     "占88.86%；公务用车运行维护费为2.52万元。", "2.52万元", "actual"),
    ("budget", "2019年度“三公”经费决算为22.62万元。其中公务接待费为20.10万元。", "20.10万元", "actual"),
    ("budget", "2021年度“三公”经费合计支出20.12万元，其中：公务接待12.39万元，公务用车运行费用7.73万元。", "7.73万元",
     "prior_year"),
    # a total whose words name no figure passes none on: the document's own
    ("final_accounts", "支出预算100万元，支出合计90万元，其中基本支出80万元。", "80万元", "actual"),
    # 上年结转 names an item, not last year's figure
    ("budget", "财政专户管理的资金安排0元，上年结转结余资金安0元。", "0元", "budget"),
    ("budget", "上年结转和结余资金100万元。", "100万元", "budget"),
])
def test_items_listed_under_a_total_take_its_basis(kind, sentence, printed, basis):
    year = 2022 if "2021" in sentence else 2019 if "2019" in sentence else 2023
    found = [f for f in _facts(sentence, year, kind) if f.printed == printed]
    assert found[-1].basis == basis


def test_an_assets_value_is_no_figure_of_the_budget():
    f = _one(_facts("截至2022年12月31日，资产原值合计2110003.55元。", 2023), "2110003.55元")
    assert (f.subject_kind, f.basis) == ("assets", "")


@pytest.mark.parametrize("printed_with_growth, is_change, basis", [
    # the item's change printed without its change word (174732.10 / (273702.10 - 174732.10) = 176.55%)
    ("公务用车购置及运行费支出决算174,732.10元，增长176.55%", True, "actual"),
    # last year's figure printed with the growth (273702.10 / 98970.00 - 1 = 176.55%)
    ("公务用车购置及运行费支出决算98,970.00元，增长176.55%", False, "prior_year"),
    # neither reading fits (20 / 273682.10, 273702.10 / 20 - 1): the amount stays as read
    ("公务用车购置及运行费支出决算20.00元，下降6.81%", False, "actual"),
])
def test_an_amount_printed_with_its_growth_is_read_against_the_items_level(printed_with_growth, is_change, basis):
    """Trial 26 (22): the change of one item of a list of changes printed without 增加 stood as a
    second level of the item beside its real level."""
    text = ("“三公”经费支出决算为390,118.10元。其中：公务用车购置及运行费支出决算为273,702.10元，占总支出决算的70.16%。"
            "“三公”经费支出决算数比2021年增加231,448.10元，增长145.87%。其中：因公出国（境）费支出决算增加0元，增长0%；"
            + printed_with_growth + "；公务接待费支出决算增加56,716.00元，增长95.00%。")
    fs = _facts(text, 2022, "final_accounts")
    f = _one(fs, rx_printed(printed_with_growth))
    assert (f.is_change, f.basis) == (is_change, basis)
    level = _one(fs, "273,702.10元")
    assert level.prior_yuan == (D("98970.00") if basis == "prior_year" else None)
    if is_change:
        assert (f.change_amount_yuan, f.change_direction) == (D("174732.10"), "增加")


def rx_printed(clause: str) -> str:
    return re.search(r"[\d,.]+元", clause).group(0)


def test_a_reason_ends_where_the_next_item_begins():
    """Trial 26 (07): one sentence of three items, each reason ran to the sentence's end and was
    attached to every item before it. A list's head (…150万元，其中…) keeps the reason said after its list."""
    fs = _facts("“三公”经费预算安排520万元，与2022年预算持平：一、因公出国(境)费预算170万元，与2022年预算相比增加170万元，"
                "大力开展招商工作，二、公务用车购置及运行费预算150万元，其中公务用车运行费150万元，与2022年预算相比减少170万元，"
                "主要原因是相应核减公务用车运行费预算，公务用车购置费0万元，主要原因是严控“三公”经费，三、公务接待费预算200万元，"
                "与2022年预算相比持平，主要原因是做好招商接待工作。", 2023)
    assert [(f.subject, f.reason) for f in fs if not f.is_change] == [
        ("三公经费", ""), ("因公出国（境）费", ""), ("公务用车购置及运行维护费", "相应核减公务用车运行费预算"),
        ("公务用车运行费", "相应核减公务用车运行费预算"), ("公务用车购置费", "严控“三公”经费"),
        ("公务接待费", "做好招商接待工作")]
    # an amount inside the reason is no next item (jiangsu-rendaban-2017-budget p.29)
    f = _facts("2017年度会议费预算支出1305.25万元，本年数小于上年预算数403.75万元，原因是从会议费预算中调减403.75万元用于"
               "培训费开支。", 2017)[0]
    assert f.reason == "从会议费预算中调减403.75万元用于培训费开支"


def test_wan_alone_before_a_stop_is_an_amount_in_wan_yuan_and_counts_are_not():
    """`安排公车购置及运行维护费38万。` (trial 26's dazhou-2014: prose leaving 元 out after 万) is an
    amount of 380000 元 whose unit is 万元, and 公车 (公务用车 shortened) makes it a 三公 subject; a count in
    万 before a word (接待3万人次, 1.5万平方米) is no amount."""
    fs = _facts("2014年安排公车购置及运行维护费38万。较上年预算下降20%。接待群众3万人次，修缮房屋1.5万平方米，"
                "公务接待费减少2万，主要原因是厉行节约。", 2014)
    f = _one(fs, "38万")
    assert (f.value, f.unit, f.value_yuan, f.subject_kind) == (Decimal("38"), "万元", Decimal("380000"), "three_public")
    assert [x.printed for x in fs] == ["38万", "2万"]
    assert _one(fs, "2万").is_change and _one(fs, "2万").change_amount_yuan == Decimal("20000")
