"""The standard tables of a disclosure as printed grids (content.Grid), from content.Figures."""
from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal

from .content import CN_NUM, FW, Cell, Fmt, Grid, Head, walk

# bare titles by family and kind; the type id is the project's vocabulary (table_types.json)
TITLES = {
    ("mof", "budget"): {
        "income_expenditure_summary": "部门收支总表", "income_summary": "部门收入总表",
        "expenditure_summary": "部门支出总表", "fiscal_allocation_summary": "财政拨款收支总表",
        "general_budget_expenditure": "一般公共预算支出表", "general_budget_basic_expenditure": "一般公共预算基本支出表",
        "three_public_expenses": "一般公共预算“三公”经费支出表", "government_fund_expenditure": "政府性基金预算支出表",
        "operating_expenses": "机关运行经费预算表", "government_procurement": "政府采购预算表", "project_expenditure": "项目支出预算表"},
    ("county", "budget"): {
        "income_expenditure_summary": "收支预算总表", "income_summary": "收入预算总表",
        "expenditure_summary": "支出预算总表", "fiscal_allocation_summary": "财政拨款收支预算总表",
        "general_budget_expenditure": "一般公共预算支出预算表", "general_budget_basic_expenditure": "一般公共预算基本支出预算表",
        "three_public_expenses": "“三公”经费支出预算表", "government_fund_expenditure": "政府性基金预算支出预算表",
        "operating_expenses": "机关运行经费支出预算表", "government_procurement": "政府采购预算明细表", "project_expenditure": "部门项目支出预算表"},
    ("mof", "final"): {
        "income_expenditure_summary": "收入支出决算总表", "income_summary": "收入决算表",
        "expenditure_summary": "支出决算表", "fiscal_allocation_summary": "财政拨款收入支出决算总表",
        "general_budget_expenditure": "一般公共预算财政拨款支出决算表",
        "general_budget_basic_expenditure": "一般公共预算财政拨款基本支出决算表",
        "three_public_expenses": "一般公共预算财政拨款“三公”经费支出决算表",
        "government_fund_expenditure": "政府性基金预算财政拨款收入支出决算表",
        "operating_expenses": "机关运行经费支出决算表", "government_procurement": "政府采购支出决算表", "project_expenditure": "项目支出决算表"},
    ("county", "final"): {
        "income_expenditure_summary": "部门收支决算总表", "income_summary": "部门收入决算表",
        "expenditure_summary": "部门支出决算表", "fiscal_allocation_summary": "财政拨款收支决算总表",
        "general_budget_expenditure": "一般公共预算支出决算情况表",
        "general_budget_basic_expenditure": "一般公共预算基本支出决算情况表",
        "three_public_expenses": "“三公”经费支出决算情况表",
        "government_fund_expenditure": "政府性基金预算支出决算情况表",
        "operating_expenses": "机关运行经费决算情况表", "government_procurement": "政府采购决算情况表", "project_expenditure": "项目支出决算情况表"},
    # titles as other provinces print them (axis title_variants, issue #12): a qualifier before
    # the standard title (部门综合预算, 一般公共预算拨款 / 当年拨款), 明细表, 收支表, a parenthesis inside
    ("variants", "budget"): {
        "income_expenditure_summary": "部门综合预算收支总表", "income_summary": "部门综合预算收入总表",
        "expenditure_summary": "部门综合预算支出总表", "fiscal_allocation_summary": "部门综合预算财政拨款收支总表",
        "general_budget_expenditure": "一般公共预算拨款支出预算表（按功能科目）",
        "general_budget_basic_expenditure": "一般公共预算当年拨款基本支出明细表（按经济科目）",
        "three_public_expenses": "一般公共预算拨款“三公”经费及会议费、培训费支出预算表",
        "government_fund_expenditure": "政府性基金收支预算表",
        "operating_expenses": "一般公共预算拨款机关运行经费预算表",
        "government_procurement": "政府采购（资产配置、购买服务）预算表", "project_expenditure": "部门综合预算专项业务经费支出表"},
    ("variants", "final"): {
        "income_expenditure_summary": "收支决算总表", "income_summary": "部门收入决算表",
        "expenditure_summary": "部门支出决算表", "fiscal_allocation_summary": "部门决算财政拨款收入支出总表",
        "general_budget_expenditure": "一般公共预算财政拨款支出决算明细表",
        "general_budget_basic_expenditure": "一般公共预算财政拨款基本支出决算明细表",
        "three_public_expenses": "财政拨款“三公”经费、会议费、培训费支出决算表",
        "government_fund_expenditure": "政府性基金预算财政拨款收支决算表",
        "operating_expenses": "一般公共预算财政拨款机关运行经费支出决算表",
        "government_procurement": "政府采购支出情况表", "project_expenditure": "项目支出决算明细表"},
}

ORDER = ["income_expenditure_summary", "income_summary", "expenditure_summary", "fiscal_allocation_summary",
         "general_budget_expenditure", "general_budget_basic_expenditure", "three_public_expenses",
         "government_fund_expenditure", "operating_expenses", "government_procurement"]
# axis project_table: a 项目支出表 after them (projects by name, their funds by source)
PROJECTS = ["信息化系统运行维护", "办公楼维修改造", "执法装备购置", "业务培训经费", "专项调查经费", "政策宣传经费",
            "档案数字化加工", "安全生产监管专项", "购买第三方服务", "重点课题研究", "老旧设备更新", "应急演练保障",
            "网络安全等级保护测评", "乡村振兴帮扶专项资金"]


class Builder:
    """Builds the grids of one document under its axis values (`ax`, a dict)."""

    def __init__(self, rng: random.Random, fig, ax: dict, fmt: Fmt, unit: str, dept: str):
        self.rng, self.fig, self.ax, self.fmt, self.unit, self.dept = rng, fig, ax, fmt, unit, dept
        self.word = "预算数" if fig.kind == "budget" else "决算数"

    # ------------------------------------------------------------ helpers
    def title(self, typ: str) -> str:
        family = "variants" if self.ax.get("title_variants") else self.ax["titles"]
        bare = TITLES[(family, self.fig.kind)][typ]
        style = self.ax["title_text"]
        if style == "no_year":
            return bare
        if style == "org_after_year":
            return f"{self.fig.year}年{self.dept}{bare}"
        return f"{self.fig.year}年{bare}"

    def code_cols(self, classification: str):
        """Label columns (kinds, widths, heads, head row count) for coded rows."""
        st = self.ax["codes"]
        if st == "names_indent":
            return ["name"], [34], [("项目" if classification == "economic" else "功能分类科目", 0)]
        if st.startswith("columns"):
            n = 3 if classification == "functional" else 2
            return ["code"] * n + ["name"], [6] * n + [30], "columns"
        word = "科目编码" if self.fig.year % 2 else "科目代码"  # no draw here: forcing an axis keeps the rest
        return ["code", "name"], [11, 30], [(word, 0), ("科目名称", 1)]

    def code_text(self, code: str, prev_code: str | None) -> list:
        st = self.ax["codes"]
        parts = [code[:3]] + [code[i:i + 2] for i in range(3, len(code), 2)]
        if st == "dotted":
            return [".".join(parts)]
        if st == "dashed":
            return ["-".join(parts)]
        if st == "joined":
            return [code]
        return parts

    def name_cell(self, name: str, depth: int, bold=False) -> Cell:
        ind = self.ax["indent"]
        text = FW * (2 * depth) + name if ind == "fullwidth" else name
        return Cell(text, "name", depth if ind == "offset" else 0, bold)

    def amount(self, g: Grid, row: int, col: int, v: Decimal, key: str, side: str = ""):
        t = self.fmt.text(v)
        if t is None:
            return None
        if t != "-":
            g.truth.append({"row": row, "col": col, "key": key, "side": side, "printed": t, "value": str(v)})
        return Cell(t, "amount")

    def coded_table(self, typ: str, classification: str, nodes: list, amount_heads: list, values,
                    bottom_total: bool | None = None) -> Grid:
        """A table of coded rows: `amount_heads` [(text, col offset, span, row, rows)] over the
        amount columns, `values(node)` the row's amounts (None for the 合计 row: `values(None)`)."""
        kinds, widths, lab = self.code_cols(classification)
        n_lab = len(kinds)
        n_amt = max(h[1] + h[2] for h in amount_heads)
        amt_rows = max(h[3] + h[4] for h in amount_heads)
        head_rows = max(amt_rows, 2 if lab == "columns" else 1)
        heads = []
        if lab == "columns":
            ncode = n_lab - 1
            heads.append(Head("科目编码", 0, ncode, 0, head_rows - 1))
            for i, w in enumerate("类款项"[:ncode]):
                heads.append(Head(w, i, 1, head_rows - 1, 1))
            heads.append(Head("科目名称", ncode, 1, 0, head_rows))
        else:
            for text, c in lab:
                heads.append(Head(text, c, 1, 0, head_rows))
        for text, off, span, r, rows in amount_heads:
            if r + rows == amt_rows:
                rows += head_rows - amt_rows
            heads.append(Head(text, n_lab + off, span, r, rows))
        g = Grid(typ, self.title(typ), self.unit, kinds + ["amount"] * n_amt, widths + [12] * n_amt, heads, head_rows)
        total_first = self.ax["total"] == "top" if bottom_total is None else not bottom_total

        def total_row():
            cells = [None] * n_lab
            cells[n_lab - 1 if lab != "columns" else 0] = Cell("合计" if self.rng.random() < 0.7 else "合　计", "name", 0, True)
            r = len(g.body)
            for i, v in enumerate(values(None)):
                cells.append(self.amount(g, r, n_lab + i, v, "合计"))
            g.body.append(cells)
            g.bold_rows.add(r)

        if total_first:
            total_row()
        prev = None
        for node in nodes:
            depth = {"类": 0, "款": 1, "项": 2}[node.level]
            r = len(g.body)
            cells = []
            if lab == "columns":
                parts = self.code_text(node.code, prev)
                full = parts + [""] * (n_lab - 1 - len(parts))
                if self.ax["codes"] == "columns_sparse" and prev is not None:
                    full = [""] * (len(parts) - 1) + [parts[-1]] + [""] * (n_lab - 1 - len(parts))
                cells += [Cell(t, "code") if t else None for t in full]
                cells.append(self.name_cell(node.name, depth, depth == 0 and self.ax["bold"] != "none"))
            elif kinds == ["name"]:
                cells.append(self.name_cell(node.name, depth, depth == 0 and self.ax["bold"] != "none"))
            else:
                cells.append(Cell(self.code_text(node.code, prev)[0], "code"))
                cells.append(self.name_cell(node.name, depth, depth == 0 and self.ax["bold"] != "none"))
            key = node.name if kinds == ["name"] else node.code
            for i, v in enumerate(values(node)):
                cells.append(self.amount(g, r, n_lab + i, v, key))
            g.body.append(cells)
            if depth == 0 and self.ax["bold"] != "none":
                g.bold_rows.add(r)
            prev = node.code
        if not total_first:
            total_row()
        return g

    # ------------------------------------------------------------ the tables
    def nodes(self, measure_fn):
        return [n for n in walk(self.fig.tree) if measure_fn(n) != 0]

    def total(self, fn):
        return sum((fn(n) for n in self.fig.tree), Decimal(0))

    def expenditure_summary(self):
        tot = lambda n: n.v["gb_basic"] + n.v["gb_project"] + n.v["gf"] + n.v["bus"] + n.v["oth"]
        bas = lambda n: n.v["gb_basic"] + n.v["bus"]
        return self.coded_table("expenditure_summary", "functional", self.nodes(tot),
                                [("合计", 0, 1, 0, 1), ("基本支出", 1, 1, 0, 1), ("项目支出", 2, 1, 0, 1)],
                                lambda n: [self.total(tot), self.total(bas), self.total(tot) - self.total(bas)] if n is None
                                else [tot(n), bas(n), tot(n) - bas(n)])

    def income_summary(self):
        tot = lambda n: n.v["gb_basic"] + n.v["gb_project"] + n.v["gf"] + n.v["bus"] + n.v["oth"]
        cols = [lambda n: n.v["gb_basic"] + n.v["gb_project"], lambda n: n.v["gf"], lambda n: n.v["bus"], lambda n: n.v["oth"]]
        heads = [("合计", 0, 1, 0, 2), ("财政拨款收入", 1, 2, 0, 1), ("一般公共预算", 1, 1, 1, 1),
                 ("政府性基金预算", 2, 1, 1, 1), ("事业收入", 3, 1, 0, 2), ("其他收入", 4, 1, 0, 2)]
        return self.coded_table("income_summary", "functional", self.nodes(tot), heads,
                                lambda n: [self.total(tot)] + [self.total(f) for f in cols] if n is None
                                else [tot(n)] + [f(n) for f in cols])

    def general_budget_expenditure(self):
        gb = lambda n: n.v["gb_basic"] + n.v["gb_project"]
        if self.ax["change_cols"]:
            def vals(n):
                if n is None:
                    this, prev = self.total(gb), self.total(lambda m: m.v["prev"])
                else:
                    this, prev = gb(n), n.v["prev"]
                pct = ((this - prev) * 100 / prev).quantize(Decimal("0.01"), ROUND_HALF_UP) if prev else Decimal(0)
                return [prev, this, this - prev, pct]
            heads = [(f"{self.fig.year - 1}年{self.word}", 0, 1, 0, 1), (f"{self.fig.year}年{self.word}", 1, 1, 0, 1),
                     ("增减额", 2, 1, 0, 1), ("增减率(%)", 3, 1, 0, 1)]
            g = self.coded_table("general_budget_expenditure", "functional", self.nodes(gb), heads, vals)
            pct_col = len(g.cols) - 1
            for t in g.truth:  # percentages are printed with 2 decimals whatever the amounts' style
                if t["col"] == pct_col:
                    t["printed"] = f"{Decimal(t['value']):.2f}"
                    t["measure"] = "change_pct"
            for row in g.body:
                c = row[pct_col]
                if c is not None and c.text != "-":
                    c.text = next(t["printed"] for t in g.truth if t["row"] == g.body.index(row) and t["col"] == pct_col)
            return g
        return self.coded_table("general_budget_expenditure", "functional", self.nodes(gb),
                                [("合计", 0, 1, 0, 1), ("基本支出", 1, 1, 0, 1), ("项目支出", 2, 1, 0, 1)],
                                lambda n: [self.total(gb), self.total(lambda m: m.v["gb_basic"]), self.total(lambda m: m.v["gb_project"])]
                                if n is None else [gb(n), n.v["gb_basic"], n.v["gb_project"]])

    def government_fund_expenditure(self):
        gf = lambda n: n.v["gf"]
        heads = [("合计", 0, 1, 0, 1), ("基本支出", 1, 1, 0, 1), ("项目支出", 2, 1, 0, 1)]
        if not self.fig.has_fund:
            g = self.coded_table("government_fund_expenditure", "functional", [], heads, lambda n: [])
            g.body = []
            g.truth = []
            g.note = self.rng.choice([
                f"注：{self.dept}{self.fig.year}年没有使用政府性基金预算拨款安排的支出，故本表无数据。",
                "本单位无政府性基金预算财政拨款收入，也没有使用政府性基金预算财政拨款安排的支出，本表为空表。"])
            return g
        return self.coded_table("government_fund_expenditure", "functional", self.nodes(gf), heads,
                                lambda n: [self.total(gf), Decimal(0), self.total(gf)] if n is None else [gf(n), Decimal(0), gf(n)])

    def general_budget_basic_expenditure(self):
        personnel = {"301", "303"}
        nodes = [m for n in self.fig.econ for m in [n] + n.children]
        amt = lambda n: n.v["amount"]
        tot = sum((n.v["amount"] for n in self.fig.econ), Decimal(0))
        pers = sum((n.v["amount"] for n in self.fig.econ if n.code in personnel), Decimal(0))
        return self.coded_table("general_budget_basic_expenditure", "economic", nodes,
                                [("合计", 0, 1, 0, 1), ("人员经费", 1, 1, 0, 1), ("公用经费", 2, 1, 0, 1)],
                                lambda n: [tot, pers, tot - pers] if n is None else
                                ([amt(n), amt(n), Decimal(0)] if n.code[:3] in personnel else [amt(n), Decimal(0), amt(n)]))

    def operating_expenses(self):
        rows = self.fig.operating
        nodes = [type("N", (), {"code": c, "name": nm, "level": "款", "v": {"amount": a}})() for c, nm, a in rows]
        for n in nodes:
            n.level = "类"  # printed flat
        tot = sum((a for _c, _n, a in rows), Decimal(0))
        g = self.coded_table("operating_expenses", "economic", nodes, [(self.word, 0, 1, 0, 1)],
                             lambda n: [tot] if n is None else [n.v["amount"]])
        g.narrow = True
        return g

    def three_public_expenses(self):
        t = self.fig.three
        lay = self.ax["three"]
        items = [("合计", "total"), ("因公出国（境）费", "outbound"), ("公务用车购置及运行费", "vehicle"),
                 ("公务用车购置费", "purchase"), ("公务用车运行费", "running"), ("公务接待费", "reception")]
        if lay == "list":
            g = Grid("three_public_expenses", self.title("three_public_expenses"), self.unit, ["name", "amount"], [30, 14],
                     [Head("项目", 0, 1, 0, 1), Head(self.word, 1, 1, 0, 1)], 1, narrow=True)
            labels = {"total": "合计", "outbound": "1.因公出国（境）费", "vehicle": "2.公务用车购置及运行费",
                      "purchase": "其中：公务用车购置费", "running": "　　　公务用车运行费", "reception": "3.公务接待费"}
            for _n, k in items:
                r = len(g.body)
                lab = labels[k]
                g.body.append([Cell(lab, "name", 0, k == "total"), self.amount(g, r, 1, t[k], lab.replace(FW, ""))])
            return g
        boxes = bool(self.ax.get("three_boxes"))  # wrapped as printed in narrow Word cells, a box a line
        heads = [Head("合计", 0, 1, 0, 2), Head("因公出国\n（境）费" if boxes else "因公出国（境）费", 1, 1, 0, 2),
                 Head("公务用车购置及运行费", 2, 3, 0, 1),
                 Head("小计", 2, 1, 1, 1), Head("公务用车购置费", 3, 1, 1, 1), Head("公务用车运行费", 4, 1, 1, 1),
                 Head("公务接\n待费" if boxes else "公务接待费", 5, 1, 0, 2)]
        keys = ["total", "outbound", "vehicle", "purchase", "running", "reception"]
        if lay == "year_rows":  # rows: last year's and this year's figures
            heads = [Head("项目", 0, 1, 0, 2)] + [Head(h.text, h.col + 1, h.span, h.row, h.rows) for h in heads]
            g = Grid("three_public_expenses", self.title("three_public_expenses"), self.unit, ["name"] + ["amount"] * 6,
                     [18] + [12] * 6, heads, 2, line_boxes=boxes)
            prev = dict(t)
            scale = Decimal(str(self.rng.uniform(0.8, 1.2)))
            for k in ("outbound", "purchase", "running", "reception"):
                prev[k] = (t[k] * scale).quantize(self.fmt.q, ROUND_HALF_UP)
            prev["vehicle"] = prev["purchase"] + prev["running"]
            prev["total"] = prev["outbound"] + prev["vehicle"] + prev["reception"]
            for label, vals in ((f"{self.fig.year - 1}年{self.word}", prev), (f"{self.fig.year}年{self.word}", t)):
                r = len(g.body)
                g.body.append([Cell(label, "name")] + [self.amount(g, r, 1 + i, vals[k], label) for i, k in enumerate(keys)])
            return g
        g = Grid("three_public_expenses", self.title("three_public_expenses"), self.unit, ["amount"] * 6, [12] * 6, heads, 2,
                 line_boxes=boxes)
        g.body.append([self.amount(g, 0, i, t[k], "") for i, k in enumerate(keys)])
        return g

    def government_procurement(self):
        rows = self.fig.procurement
        g = Grid("government_procurement", self.title("government_procurement"), self.unit,
                 ["seq", "name", "text", "text", "amount"], [5, 22, 16, 14, 12],
                 [Head("序号", 0, 1, 0, 1), Head("采购项目", 1, 1, 0, 1), Head("采购品目", 2, 1, 0, 1),
                  Head("采购方式", 3, 1, 0, 1), Head(f"{self.word}", 4, 1, 0, 1)], 1)
        tot = sum((a for *_x, a in rows), Decimal(0))
        r = 0
        g.body.append([None, Cell("合计", "name", 0, True), None, None, self.amount(g, 0, 4, tot, "合计")])
        for i, (item, cat, method, a) in enumerate(rows, 1):
            r = len(g.body)
            g.body.append([Cell(str(i), "seq"), Cell(item, "name"), Cell(cat), Cell(method), self.amount(g, r, 4, a, item)])
        return g

    def row_numbers(self, g: Grid) -> None:
        """Axis row_numbers: a 行次 column after each label column of a two-sided summary,
        numbering its rows (the income side 1 … n, the expenditure side going on from n + 1), as the
        部门决算 forms print 收入支出决算总表 (项目 | 行次 | 金额 | 项目 | 行次 | 金额)."""
        n = 0
        for k in [k for k, c in enumerate(g.cols) if c == "name"][::-1]:
            at = k + 1
            for h in g.head:
                if h.col > k:
                    h.col += 1
                elif h.col + h.span > k + 1:
                    h.span += 1
            over = [h for h in g.head if h.col == k and h.span == 1]
            low = max(over, key=lambda h: h.row) if over else None
            g.head.append(Head("行次", at, 1, low.row if low else 0, low.rows if low else g.head_rows))
            g.cols.insert(at, "seq")
            g.widths.insert(at, 5)
            for row in g.body:
                for j, c in enumerate(row[:at]):
                    if c is not None and j + c.span > at:
                        c.span += 1  # a cell merged over the columns the new one goes between
                row.insert(at, None)
            for t in g.truth:
                if t["col"] >= at:
                    t["col"] += 1
        seqs = [k for k, c in enumerate(g.cols) if c == "seq"]
        for k in seqs:
            for row in g.body:
                if row[k - 1] is not None and row[k - 1].text.strip() and row[k - 1].span == 1:
                    n += 1
                    row[k] = Cell(str(n), "seq")

    def column_numbers(self, g: Grid) -> None:
        """Axis column_numbers: a 栏次 row under the headings, as the 部门决算 forms print it
        (栏次 under each run of label columns, the amount columns numbered 1, 2, … across)."""
        if not any(c == "amount" for c in g.cols) or g.cols[0] == "amount" or g.note:
            return
        row, n = g.head_rows, 0
        k = 0
        while k < len(g.cols):
            if g.cols[k] == "amount":
                n += 1
                g.head.append(Head(str(n), k, 1, row, 1, numbering=True))
                k += 1
                continue
            run = k
            while k < len(g.cols) and g.cols[k] != "amount":
                k += 1
            g.head.append(Head("栏次", run, k - run, row, 1, numbering=True))
        g.head_rows += 1

    def project_expenditure(self):
        """项目支出表 (axis project_table): a row per project, its name the row's key, the
        funds by source; one time in two a 单位名称 column before the name (the name is the
        project, the unit an attribute of its row). The 一般公共预算 column shares out the
        document's 一般公共预算 project spending. Drawn from a generator of its own."""
        rng = random.Random(f"{self.fig.year}:{self.dept}:{self.fig.kind}:projects")
        qu = self.fmt.q
        names = rng.sample(PROJECTS, rng.randint(3, 8))
        gb_total = self.total(lambda n: n.v["gb_project"])
        if gb_total <= 0:
            gb_total = (Decimal(str(rng.uniform(20, 400))) * (1 if qu < 1 else 10000)).quantize(qu)
        weights = [rng.uniform(0.2, 1.0) for _ in names]
        gb = [(gb_total * Decimal(str(w / sum(weights)))).quantize(qu, ROUND_HALF_UP) for w in weights]
        gb[-1] = gb_total - sum(gb[:-1])
        gf = [(g * Decimal(str(rng.uniform(0.1, 0.6)))).quantize(qu, ROUND_HALF_UP) if rng.random() < 0.3 else Decimal(0)
              for g in gb]
        oth = [(g * Decimal(str(rng.uniform(0.05, 0.3)))).quantize(qu, ROUND_HALF_UP) if rng.random() < 0.3 else Decimal(0)
               for g in gb]
        unit_col = rng.random() < 0.5
        lab = (["text", "name"] if unit_col else ["name"])
        n_lab = len(lab)
        heads = ([Head("单位名称", 0, 1, 0, 2)] if unit_col else []) + [
            Head("项目名称", n_lab - 1, 1, 0, 2), Head("合计", n_lab, 1, 0, 2), Head("资金来源", n_lab + 1, 3, 0, 1),
            Head("一般公共预算", n_lab + 1, 1, 1, 1), Head("政府性基金预算", n_lab + 2, 1, 1, 1), Head("其他资金", n_lab + 3, 1, 1, 1)]
        g = Grid("project_expenditure", self.title("project_expenditure"), self.unit, lab + ["amount"] * 4,
                 ([22] if unit_col else []) + [30] + [12] * 4, heads, 2)
        units = [self.dept, self.dept.split("区")[-1].split("县")[-1] + "机关", "信息中心", "执法大队"]

        def row(label, vals, unit=""):
            r = len(g.body)
            cells = ([Cell(unit) if unit else None] if unit_col else []) + [Cell(label, "name", 0, label == "合计")]
            cells += [self.amount(g, r, n_lab + i, v, label) for i, v in enumerate(vals)]
            g.body.append(cells)
            if label == "合计":
                g.bold_rows.add(r)

        rows = [(nm, [a + b + c, a, b, c], rng.choice(units)) for nm, a, b, c in zip(names, gb, gf, oth)]
        total = ("合计", [sum((v[i] for _, v, _u in rows), Decimal(0)) for i in range(4)])
        if self.ax["total"] == "top":
            row(*total)
        for nm, vals, unit in rows:
            row(nm, vals, unit)
        if self.ax["total"] != "top":
            row(*total)
        return g

    def _two_sided(self, typ, income: list, expend: list, exp_heads: list):
        """income: [(label, [values])], expend: [(label, [values])]; one income amount column."""
        n_exp = len(exp_heads)
        cols = ["name", "amount", "name"] + ["amount"] * n_exp
        two = n_exp > 1
        heads = [Head("收入", 0, 2, 0, 1), Head("支出", 2, 1 + n_exp, 0, 1),
                 Head("项目", 0, 1, 1, 1 + two), Head(self.word, 1, 1, 1, 1 + two), Head("项目", 2, 1, 1, 1 + two)]
        if two:
            heads.append(Head(self.word, 3, n_exp, 1, 1))
            heads += [Head(h, 3 + i, 1, 2, 1) for i, h in enumerate(exp_heads)]
        else:
            heads.append(Head(self.word, 3, 1, 1, 1))
        g = Grid(typ, self.title(typ), self.unit, cols, [26, 12, 26] + [12] * n_exp, heads, 2 + two)
        for i in range(max(len(income), len(expend))):
            cells = [None] * len(cols)
            r = len(g.body)
            if i < len(income) and income[i]:
                lab, vals = income[i]
                cells[0] = Cell(lab, "name", 0, "总计" in lab)
                for j, v in enumerate(vals):
                    cells[1 + j] = self.amount(g, r, 1 + j, v, lab.replace(" ", ""), "income")
            if i < len(expend) and expend[i]:
                lab, vals = expend[i]
                cells[2] = Cell(lab, "name", 0, "总计" in lab)
                for j, v in enumerate(vals):
                    cells[3 + j] = self.amount(g, r, 3 + j, v, lab.replace(" ", ""), "expenditure")
            g.body.append(cells)
            if any(c is not None and c.bold for c in cells):
                g.bold_rows.add(r)
        return g

    def _class_rows(self, fn, cols=1):
        out = []
        for i, n in enumerate([n for n in self.fig.tree if fn(n)]):
            out.append(n)
        return out

    def income_expenditure_summary(self):
        f = self.fig
        v = lambda n, m: n.v[m]
        gb = self.total(lambda n: v(n, "gb_basic") + v(n, "gb_project"))
        gf = self.total(lambda n: v(n, "gf"))
        bus = self.total(lambda n: v(n, "bus"))
        oth = self.total(lambda n: v(n, "oth"))
        exp_this = gb + gf + bus + oth
        carry_in = f.carry_in
        oth_in = oth + f.carry_out
        inc = [("一、一般公共预算拨款收入", gb), ("二、政府性基金预算拨款收入", gf), ("三、国有资本经营预算拨款收入", Decimal(0)),
               ("四、事业收入", bus), ("五、其他收入", oth_in)]
        income = [(a, [b]) for a, b in inc]
        tot = lambda n: v(n, "gb_basic") + v(n, "gb_project") + v(n, "gf") + v(n, "bus") + v(n, "oth")
        expend = [(f"{CN_NUM[i] if i < 10 else str(i + 1)}、{n.name}", [tot(n)]) for i, n in enumerate(self.fig.tree)]
        n = max(len(income), len(expend))
        income += [None] * (n - len(income))
        expend += [None] * (n - len(expend))
        income.append(("本年收入合计", [gb + gf + bus + oth_in]))
        expend.append(("本年支出合计", [exp_this]))
        income.append(("上年结转结余", [carry_in]))
        expend.append(("结转下年", [f.carry_out + carry_in]))
        income.append(("收 入 总 计", [gb + gf + bus + oth_in + carry_in]))
        expend.append(("支 出 总 计", [exp_this + f.carry_out + carry_in]))
        if self.ax.get("exp_pairs") or self.ax.get("exp_pairs3"):
            basic = self.total(lambda n: v(n, "gb_basic") + v(n, "bus"))
            source = [("一般公共预算", gb), ("政府性基金预算", gf), ("事业收入", bus), ("其他资金", oth)] \
                if self.ax.get("exp_pairs3") else None
            g = self._summary_pairs(income, expend, [("一、基本支出", basic), ("二、项目支出", exp_this - basic)], source)
        else:
            g = self._two_sided("income_expenditure_summary", income, expend, [self.word])
        if self.ax.get("row_break"):
            # the income total's label wrapped, 本年收入 / 合计, the row broken after its first line
            r = next(i for i, row in enumerate(g.body) if row[0] is not None and row[0].text == "本年收入合计")
            g.broken = (r, 0, 4)
        return g

    def _summary_pairs(self, income: list, expend: list, use: list, source: list | None = None) -> Grid:
        """A summary whose expenditure side prints two label/amount pairs side by side, by function
        (`expend`, one value a row) and by use (`use`: [(label, value)]): its 本年支出合计 and 支出总计
        printed once, the label over the function pair's name and amount columns and the use
        pair's name, the figure under the use pair's amount (jiangsu-rendaban-2017 pp.7-9).
        `source` (axis exp_pairs3): a third pair after them, by source of funds ([(label, value)]),
        the once-printed figures under its amount instead."""
        w = self.word
        n = 8 if source else 6
        cols = ["name", "amount"] * (n // 2)
        heads = [Head("收入", 0, 2, 0, 1), Head("支出", 2, n - 2, 0, 1), Head("项目", 0, 1, 1, 2), Head(w, 1, 1, 1, 2),
                 Head("功能分类", 2, 2, 1, 1), Head("经济分类", 4, 2, 1, 1), Head("项目", 2, 1, 2, 1), Head(w, 3, 1, 2, 1),
                 Head("项目", 4, 1, 2, 1), Head(w, 5, 1, 2, 1)]
        if source:
            heads += [Head("资金来源", 6, 2, 1, 1), Head("项目", 6, 1, 2, 1), Head(w, 7, 1, 2, 1)]
        g = Grid("income_expenditure_summary", self.title("income_expenditure_summary"), self.unit, cols,
                 [24, 12, 24, 12, 16, 12] + ([14, 12] if source else []), heads, 3)
        once = ("本年支出合计", "支 出 总 计")  # printed once for all pairs
        last = n - 1
        for i in range(len(income)):
            cells = [None] * n
            r = len(g.body)
            if income[i]:
                lab, vals = income[i]
                cells[0] = Cell(lab, "name", 0, "总计" in lab)
                cells[1] = self.amount(g, r, 1, vals[0], lab.replace(" ", ""), "income")
            if expend[i]:
                lab, vals = expend[i]
                if lab in once:
                    # (over the function pair's name and amount, and in odd years the use pair's name)
                    cells[2] = Cell(lab, "name", 0, "总计" in lab, span=2 + self.fig.year % 2)
                    cells[last] = self.amount(g, r, last, vals[0], lab.replace(" ", ""), "expenditure")
                else:
                    cells[2] = Cell(lab, "name", 0, "总计" in lab)
                    cells[3] = self.amount(g, r, 3, vals[0], lab.replace(" ", ""), "expenditure")
            for pair, col in ((use, 4), (source or [], 6)):
                if i < len(pair) and expend[i] and expend[i][0] not in once:
                    lab, val = pair[i]
                    cells[col] = Cell(lab, "name")
                    cells[col + 1] = self.amount(g, r, col + 1, val, lab, "expenditure")
            g.body.append(cells)
            if any(c is not None and c.bold for c in cells):
                g.bold_rows.add(r)
        return g

    def fiscal_allocation_summary(self):
        gbf = lambda n: n.v["gb_basic"] + n.v["gb_project"]
        gff = lambda n: n.v["gf"]
        gb, gf = self.total(gbf), self.total(gff)
        income = [("一、本年收入", [gb + gf]), ("（一）一般公共预算拨款", [gb]), ("（二）政府性基金预算拨款", [gf]),
                  ("二、上年结转", [Decimal(0)])]
        classes = [n for n in self.fig.tree if gbf(n) + gff(n)]
        expend = [("一、本年支出", [gb + gf, gb, gf])]
        expend += [(f"（{CN_NUM[i] if i < 10 else str(i + 1)}）{n.name}", [gbf(n) + gff(n), gbf(n), gff(n)]) for i, n in enumerate(classes)]
        expend.append(("二、结转下年", [Decimal(0)] * 3))
        n = max(len(income), len(expend))
        income += [None] * (n - len(income))
        expend += [None] * (n - len(expend))
        income.append(("收入总计", [gb + gf]))
        expend.append(("支出总计", [gb + gf, gb, gf]))
        return self._two_sided("fiscal_allocation_summary", income, expend, ["合计", "一般公共预算", "政府性基金预算"])

    def all(self) -> list:
        """The document's grids in printed order. Side by side (axis side_by_side), the 机关运行经费
        table is printed right after a narrow 三公 table (a list), as the two share a page."""
        out = []
        for typ in ORDER + (["project_expenditure"] if self.ax.get("project_table") else []):
            if typ in self.ax["drop"]:
                continue
            out.append(getattr(self, typ)())
        if self.ax.get("row_numbers"):
            for g in out:
                if g.type in ("income_expenditure_summary", "fiscal_allocation_summary"):
                    self.row_numbers(g)
        if self.ax.get("column_numbers"):
            for g in out:
                self.column_numbers(g)
        if self.ax["side_by_side"]:
            narrow = [g for g in out if g.narrow]
            if len(narrow) == 2:
                out.remove(narrow[1])
                out.insert(out.index(narrow[0]) + 1, narrow[1])
        return out
