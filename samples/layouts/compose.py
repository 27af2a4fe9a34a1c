"""One generated disclosure: its budget, its tables in printed order with their titles and
numbers, its cover and the layout each producer is given; and the truth written beside the PDF."""
from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from samples.layouts import tables as T
from samples.layouts.content import Budget, make_budget

# title of each table by family and kind; the key is also the order tables are printed in
TITLES = {
    ("jiangsu", "budget"): [
        ("ies", "收支预算总表"), ("inc", "收入预算总表"), ("exp", "支出预算总表"), ("fas", "财政拨款收支预算总表"),
        ("fae", "财政拨款支出预算表"), ("fab", "财政拨款基本支出预算表"), ("gbe", "一般公共预算支出预算表"),
        ("gbb", "一般公共预算基本支出预算表"), ("three", "一般公共预算“三公”经费支出预算表"),
        ("gf", "政府性基金支出预算表"), ("ops", "一般公共预算机关运行经费支出预算表"), ("proc", "政府采购支出预算表")],
    ("putuo", "budget"): [
        ("ies", "部门财务收支预算总表"), ("inc", "部门收入预算总表"), ("exp", "部门支出预算总表"),
        ("fas", "部门财政拨款收支预算总表"), ("gbe", "部门一般公共预算支出功能分类预算表"),
        ("gf", "部门政府性基金预算支出功能分类预算表"), ("sc", "部门国有资本经营预算支出功能分类预算表"),
        ("gbb", "部门一般公共预算基本支出部门预算经济分类预算表"), ("three", "部门“三公”经费和机关运行经费预算表")],
    ("generic", "budget"): [
        ("ies", "部门收支总体情况表"), ("inc", "部门收入总体情况表"), ("exp", "部门支出总体情况表"),
        ("fas", "财政拨款收支总体情况表"), ("gbe", "一般公共预算支出情况表"), ("gbb", "一般公共预算基本支出情况表"),
        ("three", "一般公共预算“三公”经费支出情况表"), ("gf", "政府性基金预算支出情况表"),
        ("proj", "一般公共预算项目支出情况表"), ("proc", "政府采购预算表")],
    ("any", "final_accounts"): [
        ("ies", "收入支出决算总表"), ("inc", "收入决算表"), ("exp", "支出决算表"), ("fas", "财政拨款收入支出决算总表"),
        ("gbe", "一般公共预算财政拨款支出决算表"), ("gbb", "一般公共预算财政拨款基本支出决算表"),
        ("three", "财政拨款“三公”经费支出决算表"), ("gf", "政府性基金预算财政拨款收入支出决算表"),
        ("sc", "国有资本经营预算财政拨款支出决算表"), ("ops", "机关运行经费支出决算表"), ("proc", "政府采购情况表")],
}
TYPES = {"ies": "income_expenditure_summary", "inc": "income_summary", "exp": "expenditure_summary",
         "fas": "fiscal_allocation_summary", "fae": "fiscal_allocation_expenditure",
         "fab": "fiscal_allocation_basic_expenditure", "gbe": "general_budget_expenditure",
         "gbb": "general_budget_basic_expenditure", "three": "three_public_expenses",
         "gf": "government_fund_expenditure", "sc": "state_capital_expenditure", "ops": "operating_expenses",
         "proc": "government_procurement", "proj": "general_budget_project_expenditure"}
NOTES = {"gf": "本部门无政府性基金预算财政拨款安排的支出，故本表无数据。",
         "sc": "本部门无国有资本经营预算财政拨款安排的支出，本表为空表。"}
CN_NUM = "一二三四五六七八九十"


def _number(i: int, style: str) -> tuple[str, str]:
    """(number as printed, separator before the title) for table i (0-based)."""
    n = i + 1
    from samples.layouts.tables import _cn
    cn = _cn(i)
    return {"inline_colon": (f"公开{n:02d}表", "："), "number_line": (f"公开{n:02d}表", "\n"),
            "table_cn": (f"表{cn}", " "), "list": (f"{cn}、", ""), "plain": ("", "")}[style]


@dataclass
class Doc:
    id: str
    axes: dict
    budget: Budget
    tables: list[T.Table]
    headings: list[str]  # what is printed above each table: number and title, "\n" between lines
    cover: list[str]
    prose: list[str] = field(default_factory=list)
    office: dict = field(default_factory=dict)

    def unit_line(self, t: T.Table) -> str:
        dept = f"编制部门：{self.budget.department}" if self.axes["family"] == "jiangsu" else ""
        return (dept + "　　　　" if dept else "") + f"单位：{t.unit}"

    def truth(self) -> dict:
        b = self.budget
        for t in self.tables:
            basis = dict(zip(t.columns(), t.bases(b.kind)))
            for r in t.truth:
                for v in r["values"]:
                    v["basis"] = basis[v["column"]]
        return {"id": self.id, "axes": self.axes, "year": b.year, "kind": b.kind, "level": b.level,
                "department": b.department, "unit": b.unit, "cover": self.cover,
                "tables": [{"type": t.type, "title": t.title, "number": t.number, "unit": t.unit,
                            "columns": t.columns(), "measures": t.measures, "bases": t.bases(b.kind),
                            "rows": t.truth, "note": t.note,
                            "axes": t.axes, "heading": h} for t, h in zip(self.tables, self.headings)]}

    def write_truth(self, path: Path) -> None:
        path.write_text(json.dumps(self.truth(), ensure_ascii=False, indent=1), encoding="utf-8")


def compose(i: int, seed: int, axes: dict) -> Doc:
    rng = random.Random(f"doc-{seed}-{i}")
    kind = axes["kind"]
    year = rng.randint(2017, 2026)
    decimals = 2 if axes["unit"] == "万元" or rng.random() < 0.5 else 0
    n_lines = rng.randint(60, 90) if axes["long"] else rng.randint(5, 12)
    b = make_budget(rng, year, kind, axes["unit"], decimals, n_lines)
    st = T.Style(code_style=axes["code_style"], split_fill=axes["split_fill"], total_pos=axes["total_pos"],
                 thousands=axes["thousands"], zero=axes["zero"], negative=axes["negative"],
                 letter_spaced=axes["letter_spaced"], group_header=axes["group_header"],
                 total_span=axes["total_span"], wrap_narrow=axes["wrap_narrow"])
    family = axes["family"] if kind == "budget" else "any"
    titles = TITLES[(family, kind)]
    if axes["tables"] == "subset":
        keep = sorted(rng.sample(range(len(titles)), rng.randint(3, 5)))
        titles = [titles[k] for k in keep]
    word = "决算数" if kind == "final_accounts" else "预算数"
    tables, headings = [], []
    for n, (key, title) in enumerate(titles):
        t = _table(key, title, b, st, axes, rng, word)
        t.type = TYPES[key]
        printed = _org_title(title, b, axes["org_title"])
        number, sep = _number(n, axes["title_style"])
        t.title, t.number = printed, number
        headings.append(f"{number}{sep}{printed}" if number else printed)
        for name in ("ruling", "code_style", "total_pos", "letter_spaced", "group_header", "total_span", "zero",
                     "thousands", "unit", "title_style", "org_title", "wrap_narrow"):
            t.axes.setdefault(name, axes[name])
        tables.append(t)
    if axes["cover"] == "year_name":
        cover = [f"{year}年度", b.department, "部门预算" if kind == "budget" else "部门决算"]
    else:
        cover = [b.department, f"{year}年度部门{'预算' if kind == 'budget' else '决算'}"]
    prose = [f"{b.department}{year}年部门{'预算' if kind == 'budget' else '决算'}公开说明如下，表格见后。"]
    doc = Doc(f"L{seed:03d}-{i:05d}", axes, b, tables, headings, cover, prose)
    doc.office = {"orientation": axes["orientation"], "flow": axes["flow"], "ruling": axes["ruling"],
                  "repeat_header": axes["repeat_header"], "size": axes["size"]}
    return doc


def _org_title(title: str, b: Budget, how: str) -> str:
    bare = title[2:] if title.startswith("部门") and how != "no" else title
    if how == "year_org":
        return f"{b.year}年度{b.department}{bare}"
    if how == "org_year":
        return f"{b.department}{b.year}年{bare}"
    return title


def _table(key: str, title: str, b: Budget, st: T.Style, axes: dict, rng: random.Random, word: str) -> T.Table:
    if key == "ies":
        return T.income_expenditure_summary(title, b, st, axes["summary_pairs"], word)
    if key == "inc":
        return T.income_summary(title, b, st, axes["income_by_code"])
    if key == "exp":
        return T.expenditure_summary(title, b, st, b.lines, "expenditure_summary")
    if key == "fas":
        return T.fiscal_allocation_summary(title, b, st, word)
    if key in ("fae", "gbe"):
        lines = b.fund_lines("general", "gov_fund") if key == "fae" else b.fund_lines("general")
        typ = TYPES[key]
        if axes["family"] == "jiangsu" and b.kind == "budget" and not axes["change_columns"]:
            return T.amount_only(title, b, st, lines, typ)
        return T.expenditure_summary(title, b, st, lines, typ, change=axes["change_columns"] and key == "gbe")
    if key in ("fab", "gbb"):
        return T.basic_expenditure(title, b, st, TYPES[key], axes["basic_layout"])
    if key == "three":
        return T.three_public(title, b, st, axes["three_layout"], axes["three_extra"])
    if key in ("gf", "sc"):
        fund = "gov_fund" if key == "gf" else "capital"
        return T.fund_table(title, b, st, TYPES[key], fund, NOTES[key])
    if key == "ops":
        return T.operating_expenses(title, b, st)
    if key == "proc":
        return T.procurement(title, b, st, axes["procurement_layout"])
    if key == "proj":
        return T.project_expenditure(title, b, st, rng)
    raise KeyError(key)
