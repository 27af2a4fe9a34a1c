"""A summary whose expenditure side prints two label/amount pairs side by side (by function, by use:
issue #12), its 当年支出小计 / 支出合计 printed once with the label over the first pair's name and
amount columns (often over the second pair's name too) and the figure under the last pair's amount
(jiangsu-rendaban-2017 pp.7–9 and eight more Jiangsu 收支预算总表 of 2017–2019).

Built as web pages, so that the grid is exactly what is given: the label merged over the columns it
covers, or (a copy that does not merge body cells) printed in its first column alone."""
from decimal import Decimal

import pytest

from conftest import drawn_pdf
from disclosure import extract

HEAD = ('<tr><th colspan="2">收入</th><th colspan="4">支出</th></tr>'
        '<tr><th rowspan="2">项目</th><th rowspan="2">金额</th><th colspan="2">功能分类</th>'
        '<th colspan="2">支出用途</th></tr>'
        '<tr><th>功能科目名称</th><th>金额</th><th>项目名称</th><th>金额</th></tr>')


def _page(tmp_path, span: int):
    def total(label, figure):
        if span == 1:
            return f"<td>{label}</td><td></td><td></td><td>{figure}</td>"
        return f'<td colspan="{span}">{label}</td>' + "<td></td>" * (3 - span) + f"<td>{figure}</td>"
    body = [
        "<td>一、财政拨款</td><td>900.00</td><td>一、一般公共服务支出</td><td>600.00</td><td>一、基本支出</td><td>700.00</td>",
        "<td>二、其他资金</td><td></td><td>二、外交支出</td><td></td><td>二、项目支出</td><td>200.00</td>",
        "<td></td><td></td><td>八、社会保障和就业支出</td><td>100.00</td><td></td><td></td>",
        "<td></td><td></td><td>十八、住房保障支出</td><td>200.00</td><td></td><td></td>",
        "<td>收入合计</td><td>900.00</td>" + total("支出合计", "900.00"),
    ]
    html = ("<html><head><meta charset='utf-8'><title>2017年部门预算</title></head><body>"
            "<h2>表1 收支预算总表</h2><p>单位：万元</p><table>" + HEAD
            + "".join(f"<tr>{r}</tr>" for r in body) + "</table></body></html>")
    path = tmp_path / f"summary-{span}.html"
    path.write_text(html, encoding="utf-8")
    return extract(path)


@pytest.mark.parametrize("span", [1, 2, 3])
def test_each_pair_gives_its_own_rows_and_the_total_is_the_last_pairs(tmp_path, span):
    doc = _page(tmp_path, span)
    (t,) = doc.tables
    assert t.type == "income_expenditure_summary"
    got = [(r.side, r.name, [(v.column, v.amount.printed) for v in r.values if v.amount.printed])
           for r in t.rows if r.side.startswith("expenditure")]
    assert got == [
        ("expenditure", "一、一般公共服务支出", [("支出/功能分类/金额", "600.00")]),
        ("expenditure_2", "一、基本支出", [("支出/支出用途/金额", "700.00")]),
        ("expenditure", "二、外交支出", []),
        ("expenditure_2", "二、项目支出", [("支出/支出用途/金额", "200.00")]),
        ("expenditure", "八、社会保障和就业支出", [("支出/功能分类/金额", "100.00")]),
        ("expenditure", "十八、住房保障支出", [("支出/功能分类/金额", "200.00")]),
        ("expenditure", "支出合计", []),
        ("expenditure_2", "支出合计", [("支出/支出用途/金额", "900.00")]),
    ], span
    assert not any(r.attributes for r in t.rows)  # no figure kept as a row's text attribute
    v = t.verification
    # both pairs add up to the one 支出合计 printed, and the two sides balance
    labels = {x.label: (x.held, x.total_value, x.parts_sum) for x in v.tested}
    assert labels["支出合计 = Σ (支出/功能分类/金额)"] == (True, Decimal("900.00"), Decimal("900.00"))
    assert v.failed == 0 and v.covered == v.amounts == 8


# ---------------------------------------------------------------- drawn without rules (reportlab)

_INCOME = [("一、一般公共预算拨款收入", "3,000.00"), ("二、政府性基金预算拨款收入", "200.00"), ("三、事业收入", "500.00"),
           ("四、其他收入", "152.28"), ("本年收入合计", "3,852.28")]
_BY_FUNCTION = [("一般公共服务支出", "1,200.00"), ("教育支出", "800.00"), ("科学技术支出", "300.00"),
                ("社会保障和就业支出", "1,552.28"), ("本年支出合计", "3,852.28")]
_BY_CLASS = [("工资福利支出", "2,000.00"), ("商品和服务支出", "852.28"), ("对个人和家庭的补助", "500.00"),
             ("资本性支出", "500.00"), ("本年支出合计", "3,852.28")]
_BY_USE = [("基本支出", "2,852.28"), ("项目支出", "1,000.00"), None, None, ("本年支出合计", "3,852.28")]


def test_four_pairs_drawn_without_rules_are_one_income_and_three_expenditure_pairs(tmp_path):
    """Issue #12 (a tester's reportlab PDF): 收入 项目|预算数 beside 支出 over three pairs, 按功能分类 |
    预算数, 按经济分类 | 预算数, 按支出用途 | 预算数, no rules. 支出 is centred over the three pairs, its
    middle over the second; 收入's middle is nearer to the first pair's name column, so that column
    was left outside 支出 and the first pair had no side (`part`), the last pair's amounts no 支出
    either. 收入 cannot be centred over that column: 支出 spans all three pairs."""
    from disclosure import pipeline

    pairs = [("项目", _INCOME, 40, 230), ("按功能分类", _BY_FUNCTION, 245, 400), ("按经济分类", _BY_CLASS, 415, 580),
             ("按支出用途", _BY_USE, 595, 760)]

    def draw(c):
        c.setFont("STSong-Light", 14)
        c.drawCentredString(421, 550, "2024年某某局部门收支总表")
        c.setFont("STSong-Light", 9)
        c.drawString(740, 530, "单位：万元")
        c.drawCentredString((40 + 230) / 2, 510, "收入")
        c.drawCentredString((245 + 760) / 2, 510, "支出")
        for head, rows, x0, x1 in pairs:
            c.drawString(x0, 494, head)
            c.drawRightString(x1, 494, "预算数")
            for i, row in enumerate(rows):
                if row:
                    c.drawString(x0, 476 - 18 * i, row[0])
                    c.drawRightString(x1, 476 - 18 * i, row[1])

    doc = pipeline.extract(drawn_pdf(tmp_path / "four.pdf", draw, size=(842, 595)))
    (t,) = doc.tables
    assert t.type == "income_expenditure_summary"
    sides = ["income", "expenditure", "expenditure_2", "expenditure_3"]
    columns = ["收入/预算数", "支出/预算数", "支出/预算数", "支出/预算数"]
    want = [(side, row[0], [(column, Decimal(row[1].replace(",", "")))])
            for i in range(5) for side, column, (_, rows, _, _) in zip(sides, columns, pairs) if (row := rows[i])]
    got = [(r.side, r.name, [(v.column, v.amount.value) for v in r.values if v.amount.value is not None])
           for r in t.rows]
    assert got == want
    assert t.verification.failed == 0
    assert not [f for f in doc.findings if f.severity == "error"]


def _two_sided_pages(path, split: int | None, broken: bool | str = False):
    """A 收支总表 drawn without rules (reportlab): income labels wrapped in their narrow cells beside
    figures centred down the row, the income side four items long, the expenditure side ten, then
    本年收入合计 | 本年支出合计, 上年结转结余 | 结转下年 (blank cells) and 收入总计 | 支出总计 at the foot.
    `split`: the body row opening page 2, which goes on without the header; `broken`: the row before
    it broken over the page, 本年收入 on page 1 and 合计 alone opening page 2 (`both`: 本年支出 /
    合计 as well, 合计 | 合计 opening page 2)."""
    income = [(["一、一般公共预算拨", "款收入"], "3,000.00"), (["二、政府性基金预算", "拨款收入"], "200.00"),
              (["三、事业收入"], "500.00"), (["四、其他收入"], "152.28")]
    expend = [(["一、一般公共服务支", "出"], "1,200.00"), (["二、教育支出"], "800.00"), (["三、科学技术支出"], "300.00"),
              (["四、文化旅游体育与", "传媒支出"], "250.00"), (["五、社会保障和就业", "支出"], "402.28"),
              (["六、卫生健康支出"], "300.00"), (["七、节能环保支出"], "100.00"), (["八、城乡社区支出"], "200.00"),
              (["九、农林水支出"], "150.00"), (["十、住房保障支出"], "150.00")]
    rows = [(income[i] if i < len(income) else ([], ""), expend[i]) for i in range(len(expend))]
    rows += [((["本年收入合计"], "3,852.28"), (["本年支出合计"], "3,852.28")), ((["上年结转结余"], ""), (["结转下年"], "")),
             ((["收入总计"], "3,852.28"), (["支出总计"], "3,852.28"))]

    def draw(c):
        c.setFont("STSong-Light", 14)
        c.drawCentredString(297, 790, "2024年某某局部门收支总表")
        c.setFont("STSong-Light", 9)
        c.drawString(470, 770, "单位：万元")
        c.drawCentredString(125, 750, "收入")
        c.drawCentredString(375, 750, "支出")
        for x0, x1 in ((50, 200), (300, 450)):
            c.drawString(x0, 734, "项目")
            c.drawRightString(x1, 734, "预算数")
        y = 714
        for i, sides in enumerate(rows):
            if i == split:
                c.showPage()
                c.setFont("STSong-Light", 9)
                y = 790
                if broken:
                    c.drawString(50, y, "合计")
                    if broken == "both":
                        c.drawString(300, y, "合计")
                    y -= 21
            if broken and i == split - 1:
                sides = ((["本年收入"], sides[0][1]), (["本年支出"], sides[1][1]) if broken == "both" else sides[1])
            n = max(len(labels) for labels, _ in sides)
            mid = y - 5.5 * (n - 1)
            for (labels, amount), (x0, x1) in zip(sides, ((50, 200), (300, 450))):
                for j, label in enumerate(labels):
                    c.drawString(x0, mid + 5.5 * (len(labels) - 1) - 11 * j, label)
                if amount:
                    c.drawRightString(x1, mid, amount)
            y -= 11 * n + 10

    return drawn_pdf(path, draw)


@pytest.mark.parametrize("split, broken", [(8, False), (11, True), (11, "both")])
def test_a_summary_going_on_without_its_header_keeps_its_blank_row_between_the_totals(tmp_path, split, broken):
    """Issue #12 (a tester's reportlab PDFs): the borderless 收支总表 above, its expenditure side the
    longer, continued on a second page without the repeated header. 上年结转结余 | 结转下年, printing
    no figure, was read as the second line of 本年收入合计 | 本年支出合计's labels (split after 八: no
    heading over page 2 to tell a wrapped label from a row), or, with the tail 合计 of the broken
    本年收入 / 合计 over it opening page 2, both were read as page 2's heading rows above its one
    line of figures, then as body rows again with 结转下年 over both (a row duplicated); broken on
    both sides, 合计 | 合计 was a row of its own, 本年收入 | 本年支出 no totals. Each is the row it is;
    the sides balance."""
    from disclosure import pipeline

    doc = pipeline.extract(_two_sided_pages(tmp_path / f"split{split}.pdf", split, broken))
    (t,) = [t for t in doc.tables if t.type == "income_expenditure_summary"]
    got = [(r.side, r.name.replace("\n", ""), [v.amount.value for v in r.values]) for r in t.rows]
    assert got[-6:] == [
        ("income", "本年收入合计", [Decimal("3852.28")]), ("expenditure", "本年支出合计", [Decimal("3852.28")]),
        ("income", "上年结转结余", [None]), ("expenditure", "结转下年", [None]),
        ("income", "收入总计", [Decimal("3852.28")]), ("expenditure", "支出总计", [Decimal("3852.28")])]
    assert [n for s, n, _ in got if s == "expenditure"][:10] == [
        "一、一般公共服务支出", "二、教育支出", "三、科学技术支出", "四、文化旅游体育与传媒支出", "五、社会保障和就业支出",
        "六、卫生健康支出", "七、节能环保支出", "八、城乡社区支出", "九、农林水支出", "十、住房保障支出"]
    assert len(got) == 4 + 10 + 6
    assert t.verification.failed == 0
    assert not [f for f in doc.findings if f.severity == "error"]


@pytest.mark.parametrize("seed, index, force, typ", [
    (41, 14, {"rules": "none", "producer": "reportlab"}, "income_expenditure_summary"),
    (41, 15, {"rules": "none", "producer": "reportlab"}, "income_expenditure_summary"),
    (7, 63, {}, "fiscal_allocation_summary"), (7, 63, {}, "income_expenditure_summary"),
    (41, 1, {"rules": "none", "producer": "reportlab", "exp_pairs3": True}, "income_expenditure_summary")])
def test_generated_borderless_summaries_read_whole(tmp_path, seed, index, force, typ):
    """Issue #12 on the unseen-layout generator (rules=none, reportlab): seed 41 document 14 (axis
    exp_pairs, rows of two lines setting the row pitch) read 上年结转结余 | 结转下年 as the second line
    of the totals' labels above (本年收入合计上年结转结余); document 15 (axis row_break, no repeated
    header) read 结转下年 twice, over the broken row's tail 合计 and its own row; seed 7 document 63
    (财政拨款收支总表, the income side ending early) read 二、结转下年, blank across, as the first line
    of 支出总计's label, and its 收支总表 (exp_pairs: 本年支出合计 and 支出总计 printed once for both
    expenditure pairs, 结转下年 in the first pair) was found in error: 支出总计 82475859.32 against
    结转下年 484979.68 alone, the 本年支出合计 before it (its figure its twin's, under the last
    pair) left out; forced axis exp_pairs3 (four pairs across, 本年支出合计 and 支出总计 printed once,
    their figures under the third expenditure pair, the second blank) lost both figures' labels.
    Every amount of the summary is read under its row and column, nothing else
    is emitted in it, its identities hold and no error is found in it."""
    pytest.importorskip("reportlab")
    import json
    import sys
    from pathlib import Path

    from disclosure import pipeline
    from disclosure.emit.jsonout import document_dict

    root = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(root / "bench"))
    from samples.unseen import make
    from unseen_layouts import score_doc

    truth = make.generate(seed, index, tmp_path, force)
    assert truth["axes"]["rules"] == "none"
    truth["tables"] = [x for x in truth["tables"] if x["type"] == typ]
    doc = pipeline.extract(tmp_path / f"{truth['id']}.pdf")
    r = score_doc(truth, json.loads(json.dumps(document_dict(doc), ensure_ascii=False, default=str)))
    assert r["amounts"] > 10 and r["exact"] == r["amounts"], r["misses"]
    assert r["right"] == r["emitted"]
    (t,) = [t for t in doc.tables if t.type == typ]
    names = [x.name.replace("\n", "") for x in t.rows]
    assert names.count("结转下年") + names.count("二、结转下年") == 1
    assert any(n in names for n in ("上年结转结余", "二、上年结转"))
    assert t.verification.failed == 0
    assert not [f for f in doc.findings if f.severity == "error" and f.table == t.index]
