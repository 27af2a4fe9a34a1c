"""The standard tables cut from a Budget, each as a printable grid with its truth.

A table is header cells (merged over columns and rows, built from each column's header path) and
body rows of cells, plus the truth a reader must give back: its type and title, each column's
header path, and every printed amount under its row key (code, else name) and column, with the
measure the column stands for.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from samples.layouts.content import FUND_NAMES, Budget, Line

CN = "一二三四五六七八九十"


@dataclass
class Cell:
    text: str
    col: int
    colspan: int = 1
    row: int = 0  # header cells only: the header row
    rowspan: int = 1
    align: str = "left"  # left | center | right
    role: str = "label"  # header | label | code | amount


@dataclass
class Style:
    """The choices of one document that shape its tables (see axes.py for their names)."""

    code_style: str = "joined"  # joined | split | in_name | spaced
    split_fill: str = "full"  # full | sparse (类 left blank under its parent)
    total_pos: str = "top"  # top | bottom
    thousands: bool = True
    zero: str = "blank"  # blank | 0.00 | dash
    negative: str = "minus"  # minus | paren
    letter_spaced: bool = False
    group_header: bool = False  # amounts under one more header level (本年预算)
    total_span: bool = False  # the 合计 label spans the code and name columns
    seq_col: bool = False  # a 序号 column before the labels
    wrap_narrow: bool = False  # narrow amount columns: header labels wrap (公务接/待费)


@dataclass
class Table:
    type: str
    title: str  # as printed, without its number
    number: str  # 公开01表 / 表一 / 1. as printed, "" for none
    unit: str
    paths: list[tuple[str, ...]]  # header path of each grid column
    measures: list[str]  # expected measure of each column ("" for code and label columns)
    body: list[list[Cell]]
    truth: list[dict] = field(default_factory=list)  # {side, code, name, values: [{column, measure, printed, value, status}], attributes}
    widths: list[float] = field(default_factory=list)
    note: str = ""  # printed below an empty table
    axes: dict = field(default_factory=dict)
    basis: dict[int, str] = field(default_factory=dict)  # column -> budget | actual | prior_year where not the document's own

    def bases(self, kind: str) -> list[str]:
        """What each amount column's figures are: budget, actual (决算) or prior_year; "" for labels and
        for changes against last year."""
        own = "budget" if kind == "budget" else "actual"
        return ["" if not m or m in ("change", "change_pct") else self.basis.get(k, own)
                for k, m in enumerate(self.measures)]

    @property
    def n_cols(self) -> int:
        return len(self.paths)

    def header(self) -> tuple[list[Cell], int]:
        """Header cells merged over columns (a shared group) and rows (a path shorter than the deepest)."""
        depth = max(len(p) for p in self.paths)
        cells: list[Cell] = []
        n = len(self.paths)
        for level in range(depth):
            k = 0
            while k < n:
                p = self.paths[k]
                if level >= len(p):
                    k += 1
                    continue
                leaf = level == len(p) - 1
                j = k + 1
                if not leaf:
                    while j < n and len(self.paths[j]) > level + 1 and self.paths[j][:level + 1] == p[:level + 1]:
                        j += 1
                cells.append(Cell(p[level], k, j - k, level, depth - level if leaf else 1, "center", "header"))
                k = j
        return cells, depth

    def columns(self) -> list[str]:
        return ["/".join(p) for p in self.paths]

    def fit(self, total: float, width_of, pad: float) -> list[float]:
        """Column widths over `total` (points): a column of codes or amounts at least as wide as its
        widest text (they do not wrap; an office sizes its columns so), the rest shared among the
        columns by their relative widths. `width_of(text)` measures a text at the printing size."""
        need = [0.0] * self.n_cols
        for row in self.body:
            for c in row:
                if c.role in ("amount", "code") and c.colspan == 1:
                    need[c.col] = max(need[c.col], width_of(c.text) + 2 * pad + 2)
        rel = [w / sum(self.widths) for w in self.widths]
        out = [max(r * total, n) for r, n in zip(rel, need)]
        extra = sum(out) - total
        if extra > 0:  # take it from the columns that wrap, keeping each at least 3 characters wide
            flexible = [k for k in range(self.n_cols) if need[k] == 0]
            room = sum(out[k] - width_of("三个字") - 2 * pad for k in flexible)
            for k in flexible:
                share = (out[k] - width_of("三个字") - 2 * pad) / room if room > 0 else 0
                out[k] -= min(extra, room) * share
        return out


# ---------------------------------------------------------------- printed amounts

def fmt(v: int | None, b: Budget, st: Style) -> tuple[str, str | None, str]:
    """(printed, exact value as a string or None, status) of an amount in minor units."""
    if v is None or v == 0:
        if st.zero == "blank":
            return "", None, "blank"
        if st.zero == "dash":
            return "-", None, "dash"
        return ("0.00" if b.decimals == 2 else "0"), "0", "number"
    d = Decimal(v).scaleb(-b.decimals)
    s = f"{abs(d):,.{b.decimals}f}" if st.thousands else f"{abs(d):.{b.decimals}f}"
    if d < 0:
        s = f"({s})" if st.negative == "paren" else f"-{s}"
    return s, format(d, "f"), "number"


def pct(num: int, den: int) -> tuple[str, str | None, str]:
    if den == 0:
        return "", None, "blank"
    q = (Decimal(num) * 100 / Decimal(den)).quantize(Decimal("0.01"))
    return f"{q}%", format(q, "f"), "percent"


def spaced(text: str, st: Style) -> str:
    return " ".join(text) if st.letter_spaced and len(text) <= 6 else text


# ---------------------------------------------------------------- rows of codes

def _tree(lines: list[Line], names: dict[str, str], value) -> list[tuple[str, str, str, list[int]]]:
    """(code, level, name, values) for 类, 款 and 项 rows in order; `value(line)` gives a 项's values."""
    out = []
    for lei in sorted({ln.code[:3] for ln in lines}):
        ls = [ln for ln in lines if ln.code.startswith(lei)]
        out.append((lei, "类", names.get(lei, lei), _sum([value(ln) for ln in ls])))
        for kuan in sorted({ln.code[:5] for ln in ls}):
            ks = [ln for ln in ls if ln.code.startswith(kuan)]
            out.append((kuan, "款", names.get(kuan, kuan), _sum([value(ln) for ln in ks])))
            for ln in ks:
                out.append((ln.code, "项", ln.name, value(ln)))
    return out


def _sum(vals: list[list[int]]) -> list[int]:
    return [sum(v[i] for v in vals) for i in range(len(vals[0]))] if vals else []


def _code_paths(st: Style, label: str = "科目编码", depth: int = 3) -> list[tuple[str, ...]]:
    if st.code_style == "split":
        return [(label, "类"), (label, "款"), (label, "项")][:depth]
    if st.code_style == "in_name":
        return []
    return [(label,)]


def _code_cells(code: str, st: Style, parent_printed: bool, depth: int = 3) -> list[Cell]:
    if st.code_style == "split":
        parts = [code[:3], code[3:5], code[5:7]][:depth]
        if st.split_fill == "sparse" and len(code) > 3 and parent_printed:
            parts[0] = ""
            if len(code) == 7:
                parts[1] = ""
        return [Cell(p, i, role="code", align="center") for i, p in enumerate(parts)]
    if st.code_style == "in_name":
        return []
    printed = " ".join(filter(None, [code[:3], code[3:5], code[5:7]])) if st.code_style == "spaced" else code
    return [Cell(printed, 0, role="code")]


def _value_cells(vals: list[int | None], first: int, b: Budget, st: Style, columns: list[str],
                 measures: list[str], truth_values: list[dict]) -> list[Cell]:
    cells = []
    for i, v in enumerate(vals):
        printed, exact, status = fmt(v, b, st) if not isinstance(v, tuple) else v
        cells.append(Cell(printed, first + i, role="amount", align="right"))
        if status != "blank":
            truth_values.append({"column": columns[first + i], "measure": measures[first + i],
                                 "printed": printed, "value": exact, "status": status})
    return cells


def code_table(typ: str, title: str, b: Budget, st: Style, rows: list[tuple[str, str, str, list]],
               amount_paths: list[tuple[str, ...]], amount_measures: list[str], total_label: str = "合计",
               code_label: str = "科目编码", name_label: str = "科目名称", total: list | None = None,
               group_ok: bool = True) -> Table:
    """A table of 类/款/项 rows (functional or economic) with a 合计 row and amount columns."""
    group = ("本年预算" if b.kind == "budget" else "本年决算",) \
        if st.group_header and group_ok and len(amount_paths) > 1 else ()
    depth = 2 if rows and all(len(c) <= 5 for c, _, _, _ in rows) and rows[0][0][:1] == "3" else 3  # 经济分类: 类|款
    cpaths = _code_paths(st, code_label, depth)
    paths = cpaths + [(name_label,)] + [group + p for p in amount_paths]
    if group and cpaths:  # the code and name columns span the extra level
        pass
    measures = [""] * (len(cpaths) + 1) + amount_measures
    t = Table(typ, title, "", b.unit, paths, measures, [])
    cols = t.columns()
    first = len(cpaths) + 1
    name_col = len(cpaths)
    body, truth = [], []
    total_vals = total if total is not None else _sum([r[3] for r in rows if r[1] == "类"])
    total_row_values: list[dict] = []
    tcells = _value_cells(total_vals, first, b, st, cols, measures, total_row_values)
    label = spaced(total_label, st)
    if st.total_span and cpaths:
        total_cells = [Cell(label, 0, len(cpaths) + 1, align="center")] + tcells
    else:
        total_cells = [Cell("", k, role="code") for k in range(len(cpaths))] + \
            [Cell(label, name_col, align="center")] + tcells
    total_truth = {"side": "", "code": "", "name": total_label, "values": total_row_values, "attributes": {}}
    if st.total_pos == "top":
        body.append(total_cells)
        truth.append(total_truth)
    seen_parent = False
    for code, level, name, vals in rows:
        tv: list[dict] = []
        cells = _code_cells(code, st, seen_parent and level != "类", depth)
        seen_parent = True
        indent = {"类": "", "款": "  ", "项": "    "}[level] if st.code_style == "in_name" else ""
        shown = f"{code} {name}" if st.code_style == "in_name" else name
        cells.append(Cell(indent + shown, name_col))
        cells += _value_cells(vals, first, b, st, cols, measures, tv)
        body.append(cells)
        truth.append({"side": "", "code": code, "name": name, "values": tv, "attributes": {}})
    if st.total_pos == "bottom":
        body.append(total_cells)
        truth.append(total_truth)
    t.body, t.truth = body, truth
    t.widths = [0.6] * len(cpaths) + [2.6] + [1.0] * len(amount_paths)
    if st.code_style == "split":
        t.widths[:depth] = [0.45, 0.35, 0.35][:depth]
    return t


# ---------------------------------------------------------------- two-sided tables

def two_sided(typ: str, title: str, b: Budget, st: Style, income: list[tuple[str, list]],
              pairs: list[tuple[str, list[tuple[str, list]]]], income_cols: list[tuple[str, str]],
              spend_cols: list[list[tuple[str, str]]], income_total: list, spend_totals: list[list]) -> Table:
    """收入 | 支出 side by side. `income`: (label, values) rows; `pairs`: per expenditure label
    column group (功能分类, 支出用途…), its heading and (label, values) rows; *_cols: (leaf
    header, measure) of each column after the label; totals on the last row."""
    amount_word = "金额"
    paths: list[tuple[str, ...]] = [("收入", "项目")] + [("收入", h) for h, _ in income_cols]
    measures = [""] + [m for _, m in income_cols]
    sides = ["income"] * (1 + len(income_cols))
    for i, (heading, _) in enumerate(pairs):
        pre = ("支出", heading) if heading else ("支出",)
        paths += [pre + ("项目",)] + [pre + (h,) for h, _ in spend_cols[i]]
        measures += [""] + [m for _, m in spend_cols[i]]
        sides += [f"expenditure{'' if i == 0 else f'_{i + 1}'}"] * (1 + len(spend_cols[i]))
    del amount_word
    t = Table(typ, title, "", b.unit, paths, measures, [])
    cols = t.columns()
    n = max([len(income)] + [len(rows) for _, rows in pairs])
    body, truth = [], []
    blocks: list[tuple[int, str, list[tuple[str, list]], str, list]] = [
        (0, "income", income, "收入总计", income_total)]
    start = 1 + len(income_cols)
    for i, (_, rows) in enumerate(pairs):
        blocks.append((start, f"expenditure{'' if i == 0 else f'_{i + 1}'}", rows, "支出总计", spend_totals[i]))
        start += 1 + len(spend_cols[i])
    for r in range(n + 1):
        cells: list[Cell] = []
        for first, side, rows, total_label, total in blocks:
            if r < n:
                if r >= len(rows):
                    continue
                label, vals = rows[r]
            else:
                label, vals = total_label, total
            tv: list[dict] = []
            cells.append(Cell(spaced(label, st) if r == n else label, first, align="center" if r == n else "left"))
            cells += _value_cells(vals, first + 1, b, st, cols, measures, tv)
            truth.append({"side": side, "code": "", "name": label, "values": tv, "attributes": {}})
        body.append(cells)
    t.body, t.truth = body, truth
    t.widths = [2.2 if m == "" else 1.0 for m in measures]
    return t


# ---------------------------------------------------------------- the standard tables

def _cn(i: int) -> str:
    """一 … 九十九 for i = 0 … 98."""
    n = i + 1
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CN[tens - 1] + "十")
    return head + (CN[ones - 1] if ones else "")


def _income_rows(b: Budget) -> list[tuple[str, int]]:
    out = []
    for fund in ("general", "gov_fund", "special", "business", "other"):
        total = sum(ln.total for ln in b.lines if ln.fund == fund)
        if total or fund in ("general", "gov_fund"):
            out.append((FUND_NAMES[fund], total))
    return [(f"{_cn(i)}、{name}", v) for i, (name, v) in enumerate(out)]


def _class_rows(b: Budget, lines: list[Line], value) -> list[tuple[str, list]]:
    out = []
    for i, lei in enumerate(sorted({ln.code[:3] for ln in lines})):
        ls = [ln for ln in lines if ln.code.startswith(lei)]
        out.append((f"{_cn(i)}、{b.names.get(lei, lei)}", _sum([value(ln) for ln in ls])))
    return out


def income_expenditure_summary(title: str, b: Budget, st: Style, pairs: int, word: str) -> Table:
    inc = [(n, [v]) for n, v in _income_rows(b)]
    total = sum(ln.total for ln in b.lines)
    func = _class_rows(b, b.lines, lambda ln: [ln.total])
    groups = [("功能分类" if pairs == 2 else "", func)]
    cols = [[(word, "amount")]]
    totals = [[total]]
    if pairs == 2:
        basic = sum(ln.basic for ln in b.lines)
        groups.append(("支出用途", [("一、基本支出", [basic]), ("二、项目支出", [total - basic])]))
        cols.append([(word, "amount")])
        totals.append([total])
    t = two_sided("income_expenditure_summary", title, b, st, inc, groups, [(word, "amount")], cols, [total], totals)
    t.axes["summary_pairs"] = pairs
    return t


def fiscal_allocation_summary(title: str, b: Budget, st: Style, word: str) -> Table:
    lines = b.fund_lines("general", "gov_fund")
    g = sum(ln.total for ln in lines if ln.fund == "general")
    f = sum(ln.total for ln in lines if ln.fund == "gov_fund")
    inc = [("一、一般公共预算拨款", [g]), ("二、政府性基金预算拨款", [f])]
    func = _class_rows(b, lines, lambda ln: [ln.total, ln.total if ln.fund == "general" else 0,
                                             ln.total if ln.fund == "gov_fund" else 0])
    cols = [("合计", "total"), ("一般公共预算", "general_budget"), ("政府性基金预算", "government_fund")]
    return two_sided("fiscal_allocation_summary", title, b, st, inc, [("", func)], [(word, "amount")], [cols],
                     [g + f], [[g + f, g, f]])


def income_summary(title: str, b: Budget, st: Style, by_code: bool) -> Table:
    funds = [f for f in ("general", "gov_fund", "special", "business", "other")
             if f in ("general", "gov_fund") or any(ln.fund == f for ln in b.lines)]
    measure = {"general": "general_budget", "gov_fund": "government_fund", "special": "special_account",
               "business": "business_income", "other": "other_income"}
    if not by_code:  # Jiangsu: the sources as rows
        rows = _income_rows(b)
        t = Table("income_summary", title, "", b.unit, [("项目名称",), ("金额",)], ["", "amount"], [])
        truth, body = [], []
        total = sum(v for _, v in rows)
        all_rows = [("合计", total)] + rows if st.total_pos == "top" else rows + [("合计", total)]
        for name, v in all_rows:
            tv: list[dict] = []
            label = spaced(name, st) if name == "合计" else name
            body.append([Cell(label, 0, align="center" if name == "合计" else "left")] +
                        _value_cells([v], 1, b, st, t.columns(), t.measures, tv))
            truth.append({"side": "", "code": "", "name": name, "values": tv, "attributes": {}})
        t.body, t.truth, t.widths = body, truth, [3.0, 1.2]
        return t
    rows = _tree(b.lines, b.names, lambda ln: [ln.total] + [ln.total if ln.fund == f else 0 for f in funds])
    paths = [("合计",)] + [(FUND_NAMES[f],) for f in funds]
    return code_table("income_summary", title, b, st, rows, paths, ["total"] + [measure[f] for f in funds])


def expenditure_summary(title: str, b: Budget, st: Style, lines: list[Line], typ: str, change: bool = False) -> Table:
    if change:
        rows = _tree(lines, b.names, lambda ln: [ln.prior, ln.total, ln.total - ln.prior])
        word = "预算数" if b.kind == "budget" else "决算数"
        t = code_table(typ, title, b, st, rows, [(f"上年{word}",), (f"本年{word}",), ("增减额",)],
                       ["amount", "amount", "change"], group_ok=False)
        t.basis[len(t.paths) - 3] = "prior_year"
        # the percentage column: added here so that its printed text is a percent of the row's own figures
        t.paths.append(("增减%",))
        t.measures.append("change_pct")
        t.widths.append(0.9)
        cols = t.columns()
        totals = _sum([v[:2] for c, lv, n, v in rows if lv == "类"])
        for cells, tr, src in zip(t.body, t.truth, _order(rows, st, totals)):
            prior, cur = src
            printed, exact, status = pct(cur - prior, prior)
            cells.append(Cell(printed, len(cols) - 1, role="amount", align="right"))
            if status != "blank":
                tr["values"].append({"column": cols[-1], "measure": "change_pct", "printed": printed,
                                     "value": exact, "status": status})
        t.axes["change_columns"] = True
        return t
    rows = _tree(lines, b.names, lambda ln: [ln.total, ln.basic, ln.project])
    return code_table(typ, title, b, st, rows, [("合计",), ("基本支出",), ("项目支出",)], ["total", "basic", "project"])


def _order(rows, st: Style, totals) -> list[tuple[int, int]]:
    """(prior, current) of each body row in printed order, the 合计 row where it is printed."""
    body = [(v[0], v[1]) for _, _, _, v in rows]
    tot = (totals[0], totals[1]) if totals else (0, 0)
    return [tot] + body if st.total_pos == "top" else body + [tot]


def amount_only(title: str, b: Budget, st: Style, lines: list[Line], typ: str, word: str = "金额") -> Table:
    """Jiangsu: 功能科目代码 | 功能科目名称 | 金额."""
    rows = _tree(lines, b.names, lambda ln: [ln.total])
    return code_table(typ, title, b, st, rows, [(word,)], ["amount"], code_label="功能科目代码",
                      name_label="功能科目名称")


def _econ_tree(b: Budget, econ, value) -> list[tuple[str, str, str, list]]:
    from samples import chart_snapshot

    out = []
    for lei in sorted({e.code[:3] for e in econ}):
        es = [e for e in econ if e.code.startswith(lei)]
        entry = chart_snapshot.lookup(lei, b.year)
        out.append((lei, "类", entry.name if entry else lei, _sum([value(e) for e in es])))
        out.extend((e.code, "款", e.name, value(e)) for e in es)
    return out


def basic_expenditure(title: str, b: Budget, st: Style, typ: str, layout: str) -> Table:
    personnel = ("301", "303")
    if layout == "amount":
        rows = _econ_tree(b, b.econ, lambda e: [e.amount])
        return code_table(typ, title, b, st, rows, [("金额",)], ["amount"])
    if layout == "side_by_side":
        return _side_by_side(title, b, st, typ)
    rows = _econ_tree(b, b.econ, lambda e: [e.amount, e.amount if e.code[:3] in personnel else 0,
                                            0 if e.code[:3] in personnel else e.amount])
    return code_table(typ, title, b, st, rows, [("合计",), ("人员经费",), ("公用经费",)],
                      ["total", "personnel", "public"])


def _side_by_side(title: str, b: Budget, st: Style, typ: str) -> Table:
    """The 301/303 | 302/310 layout: 人员经费 rows on the left, 公用经费 rows on the right."""
    left = [e for e in b.econ if e.code[:3] in ("301", "303")]
    right = [e for e in b.econ if e.code[:3] not in ("301", "303")]
    paths = [("人员经费", "科目编码"), ("人员经费", "科目名称"), ("人员经费", "金额"),
             ("公用经费", "科目编码"), ("公用经费", "科目名称"), ("公用经费", "金额")]
    t = Table(typ, title, "", b.unit, paths, ["", "", "personnel", "", "", "public"], [])
    cols = t.columns()
    lrows = _econ_tree(b, left, lambda e: [e.amount])
    rrows = _econ_tree(b, right, lambda e: [e.amount])
    n = max(len(lrows), len(rrows))
    body, truth = [], []
    for r in range(n + 1):
        cells: list[Cell] = []
        for first, side, rows, label in ((0, "left", lrows, "人员经费合计"), (3, "right", rrows, "公用经费合计")):
            if r < n:
                if r >= len(rows):
                    continue
                code, _, name, vals = rows[r]
            else:
                code, name, vals = "", label, _sum([v for c, lv, _, v in rows if lv == "类"]) or [0]
            tv: list[dict] = []
            cells.append(Cell(code, first, role="code"))
            cells.append(Cell(name, first + 1, align="center" if r == n else "left"))
            cells += _value_cells(vals, first + 2, b, st, cols, t.measures, tv)
            truth.append({"side": side, "code": code, "name": name, "values": tv, "attributes": {}})
        body.append(cells)
    t.body, t.truth, t.widths = body, truth, [0.7, 2.0, 1.0, 0.7, 2.0, 1.0]
    t.axes["basic_layout"] = "side_by_side"
    return t


THREE_ITEMS = [("outbound", "因公出国（境）费", "outbound_travel"), ("vehicle", "公务用车购置及运行费", "vehicle_total"),
               ("purchase", "公务用车购置费", "vehicle_purchase"), ("operation", "公务用车运行费", "vehicle_operation"),
               ("reception", "公务接待费", "reception")]


def three_public(title: str, b: Budget, st: Style, layout: str, extra: bool) -> Table:
    """“三公” table: one row of amounts (budget), 预算数 and 决算数 blocks (final accounts), or the
    items as rows with a 序号 column."""
    def figures(src: dict[str, int]) -> dict[str, int]:
        d = dict(src)
        d["vehicle"] = d["purchase"] + d["operation"]
        d["total"] = d["outbound"] + d["vehicle"] + d["reception"]
        return d

    budget, actual = figures(b.three), figures(b.three_actual)
    blocks = [("", budget)] if b.kind == "budget" else [("预算数", budget), ("决算数", actual)]
    for fig in (budget, actual):  # 合计 over the 三公 and, where printed, 会议费 and 培训费 (Jiangsu)
        fig["all"] = fig["total"] + (fig["meeting"] + fig["training"] if extra else 0)
    if layout == "rows":
        paths: list[tuple[str, ...]] = [("序号",), ("项目",)] + [(w or "金额",) for w, _ in blocks]
        measures = ["", ""] + ["amount" for _ in blocks]
        t = Table("three_public_expenses", title, "", b.unit, paths, measures, [])
        t.basis = {2 + k: ("budget" if w == "预算数" else "actual") for k, (w, _) in enumerate(blocks) if w}
        cols = t.columns()
        items = [("1", "因公出国（境）费", "outbound"), ("2", "公务用车购置及运行费", "vehicle"),
                 ("", "其中：公务用车购置费", "purchase"), ("", "公务用车运行费", "operation"),
                 ("3", "公务接待费", "reception")]
        if extra:
            items += [("4", "会议费", "meeting"), ("5", "培训费", "training")]
        rows = [("", "合计", "all")] + items if st.total_pos == "top" else items + [("", "合计", "all")]
        body, truth = [], []
        # each row names what its figures are (measures 2.1.3); 合计 is the 三公 total unless 会议费 and
        # 培训费 stand beside them
        by_row = {"all": "total" if extra else "three_public_total", "outbound": "outbound_travel",
                  "vehicle": "vehicle_total", "purchase": "vehicle_purchase", "operation": "vehicle_operation",
                  "reception": "reception", "meeting": "meeting", "training": "training"}
        for seq, name, key in rows:
            tv: list[dict] = []
            cells = [Cell(seq, 0, align="center"), Cell(name, 1, align="center" if key == "all" else "left")]
            cells += _value_cells([fig[key] for _, fig in blocks], 2, b, st, cols,
                                  ["", ""] + [by_row[key] for _ in blocks], tv)
            body.append(cells)
            truth.append({"side": "", "code": "", "name": name, "values": tv,
                          "attributes": {"序号": seq} if seq else {}})
        t.body, t.truth, t.widths = body, truth, [0.5, 3.0] + [1.2] * len(blocks)
        t.axes["three_layout"] = "rows"
        return t
    item_paths = [(("合计",), "three_public_total", "total"), (("因公出国（境）费",), "outbound_travel", "outbound"),
                  (("公务用车购置及运行费", "小计"), "vehicle_total", "vehicle"),
                  (("公务用车购置及运行费", "公务用车购置费"), "vehicle_purchase", "purchase"),
                  (("公务用车购置及运行费", "公务用车运行费"), "vehicle_operation", "operation"),
                  (("公务接待费",), "reception", "reception")]
    paths, measures, keys, basis = [], [], [], {}
    extra = extra and b.kind == "budget"
    if extra:  # 合计 | “三公”经费 (小计 and its items) | 会议费 | 培训费, as Jiangsu prints it
        paths.append(("合计",))
        measures.append("total")
        keys.append(("all", budget))
        item_paths = [(("“三公”经费", "小计"), "three_public_total", "total")] + \
            [(("“三公”经费",) + p, m, k) for p, m, k in item_paths[1:]]
    for word, fig in blocks:
        for p, m, k in item_paths:
            if word:
                basis[len(paths)] = "budget" if word == "预算数" else "actual"
            paths.append(((word,) if word else ()) + p)
            measures.append(m)
            keys.append((k, fig))
    if extra:
        for p, m, k in ((("会议费",), "meeting", "meeting"), (("培训费",), "training", "training")):
            paths.append(p)
            measures.append(m)
            keys.append((k, budget))
    t = Table("three_public_expenses", title, "", b.unit, paths, measures, [], basis=basis)
    tv: list[dict] = []
    cells = _value_cells([fig.get(k, 0) for k, fig in keys], 0, b, st, t.columns(), measures, tv)
    t.body = [cells]
    t.truth = [{"side": "", "code": "", "name": "", "values": tv, "attributes": {}}]
    t.widths = [1.0] * len(paths)
    t.axes["three_layout"] = "final_blocks" if b.kind != "budget" else "row"
    return t


def fund_table(title: str, b: Budget, st: Style, typ: str, fund: str, note: str) -> Table:
    lines = b.fund_lines(fund)
    if not lines:
        t = code_table(typ, title, b, st, [], [("合计",), ("基本支出",), ("项目支出",)],
                       ["total", "basic", "project"], total=[0, 0, 0])
        t.note = note
        t.axes["empty"] = True
        return t
    return expenditure_summary(title, b, st, lines, typ)


def operating_expenses(title: str, b: Budget, st: Style) -> Table:
    rows = _econ_tree(b, [e for e in b.econ if e.code.startswith("302")], lambda e: [e.amount])
    return code_table("operating_expenses", title, b, st, rows, [("机关运行经费支出",)], ["operating_expenses"])


def procurement(title: str, b: Budget, st: Style, layout: str) -> Table:
    if layout == "multi_text":
        paths = [("项目名称",), ("采购品目",), ("采购方式",), ("组织形式",), ("金额",)]
        t = Table("government_procurement", title, "", b.unit, paths, ["", "", "", "", "amount"], [])
        body, truth = [], []
        total = sum(p[4] for p in b.procurement)
        rows = [(it, cat, m, org, v) for it, cat, m, org, v in b.procurement]
        tot = ("合计", "", "", "", total)
        rows = [tot] + rows if st.total_pos == "top" else rows + [tot]
        for it, cat, m, org, v in rows:
            tv: list[dict] = []
            cells = [Cell(spaced(it, st) if it == "合计" else it, 0), Cell(cat, 1), Cell(m, 2), Cell(org, 3)]
            cells += _value_cells([v], 4, b, st, t.columns(), t.measures, tv)
            body.append(cells)
            attrs = {k: x for k, x in (("采购品目", cat), ("采购方式", m), ("组织形式", org)) if x}
            truth.append({"side": "", "code": "", "name": it, "values": tv, "attributes": attrs})
        t.body, t.truth, t.widths = body, truth, [2.2, 1.0, 1.2, 1.2, 1.0]
        t.axes["procurement_layout"] = "multi_text"
        return t
    paths = [("项目",), ("合计",), ("货物",), ("工程",), ("服务",)]
    t = Table("government_procurement", title, "", b.unit, paths, ["", "total", "goods", "works", "services"], [])
    body, truth = [], []
    rows = [(it, [v] + [v if cat == c else 0 for c in ("货物", "工程", "服务")]) for it, cat, _, _, v in b.procurement]
    tot = ("合计", _sum([v for _, v in rows]))
    rows = [tot] + rows if st.total_pos == "top" else rows + [tot]
    for it, vals in rows:
        tv: list[dict] = []
        body.append([Cell(spaced(it, st) if it == "合计" else it, 0)] +
                    _value_cells(vals, 1, b, st, t.columns(), t.measures, tv))
        truth.append({"side": "", "code": "", "name": it, "values": tv, "attributes": {}})
    t.body, t.truth, t.widths = body, truth, [2.4, 1.0, 1.0, 1.0, 1.0]
    t.axes["procurement_layout"] = "categories"
    return t


def project_expenditure(title: str, b: Budget, st: Style, rng: random.Random) -> Table:
    names = ["信息化建设运维", "业务能力培训", "专项调研经费", "办公用房维修改造", "宣传教育经费", "执法装备购置",
             "档案数字化", "课题研究", "专项督查经费"]
    lines = [ln for ln in b.lines if ln.fund == "general" and ln.project]
    projects = [(rng.choice(names) + ("" if i < 9 else str(i)), ln) for i, ln in enumerate(lines)]
    paths = [("项目名称",), ("科目编码",), ("金额",)]
    t = Table("general_budget_project_expenditure", title, "", b.unit, paths, ["", "", "amount"], [])
    body, truth = [], []
    total = sum(ln.project for _, ln in projects)
    rows = [(n, ln.code, ln.project) for n, ln in projects]
    tot = ("合计", "", total)
    rows = [tot] + rows if st.total_pos == "top" else rows + [tot]
    for name, code, v in rows:
        tv: list[dict] = []
        body.append([Cell(name, 0), Cell(code, 1, role="code")] + _value_cells([v], 2, b, st, t.columns(), t.measures, tv))
        truth.append({"side": "", "code": code, "name": name, "values": tv, "attributes": {}})
    t.body, t.truth, t.widths = body, truth, [2.6, 1.0, 1.2]
    return t
