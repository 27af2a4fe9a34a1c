"""The tables of one generated disclosure: consistent figures, printed grids and their truth.

A `Grid` is a table as printed: header rows of spanning cells, body rows of cells, the kind of
each column (code, name, text, amount), and the truth: every printed amount with its row key (the
full code when the row has one, else the name as printed without spaces), its side ('income',
'expenditure' or '' for one-sided tables), its column path (header texts from the top, spaces
removed) and its exact printed text and Decimal value.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from . import chart

FW = "\u3000"  # full-width space
CN_NUM = "一二三四五六七八九十"


@dataclass
class Cell:
    text: str
    kind: str = "text"  # code | name | text | amount | seq
    indent: int = 0  # nesting level (0 = top) for names
    bold: bool = False
    span: int = 1  # columns the cell is merged over (the columns after it are None)


@dataclass
class Head:
    text: str
    col: int
    span: int = 1
    row: int = 0
    rows: int = 1
    numbering: bool = False  # a 栏次 row's cell (栏次, 1, 2, …): no heading of the columns' paths


@dataclass
class Grid:
    type: str
    title: str  # the full printed title (without 表一 numbering)
    unit: str
    cols: list  # kind per column: code | name | text | amount | seq
    widths: list  # relative widths
    head: list  # [Head]
    head_rows: int
    body: list = field(default_factory=list)  # [[Cell|None]]
    bold_rows: set = field(default_factory=set)
    truth: list = field(default_factory=list)  # amounts: dicts (row index, col index, key, side, column, printed, value)
    note: str = ""  # 本表无数据 note of an empty table
    footnote: str = ""
    narrow: bool = False  # fits half a page (side by side)
    # axis three_boxes: every printed heading line in a box of its own (Word, a box per printed
    # text; a heading's lines split at "\n" as printed, still one heading), and a heading over
    # several columns has its box start a sliver left of the first
    line_boxes: bool = False
    # axis row_break: (row, column, characters of the label on the first page): the row is broken
    # over the page, the label's tail alone opening the next page, blank across
    broken: tuple | None = None

    def column_path(self, col: int) -> list:
        """Header texts over `col`, top to bottom (spaces and line breaks removed)."""
        out = []
        for h in sorted(self.head, key=lambda h: h.row):
            if h.col <= col < h.col + h.span and not h.numbering:
                t = h.text.replace(" ", "").replace(FW, "").replace("\n", "")
                if t and t not in out:
                    out.append(t)
        return out


class Fmt:
    """How a document prints amounts: style sep2 | plain2 | int | wan4; zeros blank | zero | dash."""

    def __init__(self, style: str, zero: str, negative: str = "minus"):
        self.style, self.zero, self.negative = style, zero, negative
        self.q = {"int": Decimal(1), "wan4": Decimal("0.0001")}.get(style, Decimal("0.01"))
        self.unit = {"int": "元", "wan4": "万元"}.get(style)

    def text(self, v: Decimal) -> str | None:
        """Printed text of `v`; None for a blank cell."""
        if v == 0:
            if self.zero == "blank":
                return None
            if self.zero == "dash":
                return "-"
        places = {"int": 0, "wan4": 4}.get(self.style, 2)
        sep = "," if self.style in ("sep2", "int") else ""
        s = f"{abs(v):{sep}.{places}f}"
        if v < 0:
            s = f"({s})" if self.negative == "paren" else "-" + s
        return s


def q(rng: random.Random, lo: float, hi: float, quantum: Decimal) -> Decimal:
    return (Decimal(str(rng.uniform(lo, hi)))).quantize(quantum, ROUND_HALF_UP)


def split(rng: random.Random, total: Decimal, n: int, quantum: Decimal) -> list:
    """`total` in `n` positive parts of `quantum` (exact sum)."""
    if n == 1:
        return [total]
    w = [rng.uniform(0.2, 1.0) for _ in range(n)]
    s = sum(w)
    parts = [(total * Decimal(str(x / s))).quantize(quantum, ROUND_HALF_UP) for x in w[:-1]]
    parts.append(total - sum(parts))
    if parts[-1] <= 0:
        return split(rng, total, n - 1, quantum) + [Decimal(0)]
    return parts


# ---------------------------------------------------------------- the document's figures

FUNC_CLASSES = ["201", "204", "205", "206", "207", "211", "212", "213", "214", "220", "224"]
FIXED_KUAN = {"208": ["20805"], "210": ["21011"], "221": ["22102"]}


@dataclass
class Node:
    code: str
    name: str
    level: str
    children: list = field(default_factory=list)
    v: dict = field(default_factory=dict)  # measure -> Decimal (gb_basic, gb_project, gf, bus, oth_income, ...)


def _pick_tree(rng, year, fund_class):
    classes = rng.sample(FUNC_CLASSES, rng.randint(1, 3)) + list(FIXED_KUAN)
    if fund_class and fund_class not in classes:
        classes.append(fund_class)
    tree = []
    for c in sorted(set(classes)):
        try:
            node = Node(c, chart.name("functional", year, c), "类")
        except KeyError:
            continue
        kuans = [k for k in chart.children("functional", year, c) if chart.children("functional", year, k[0])]
        if c in FIXED_KUAN:
            kuans = [k for k in kuans if k[0] in FIXED_KUAN[c]] or kuans[:1]
        else:
            kuans = rng.sample(kuans, min(len(kuans), rng.randint(1, 3)))
        for kc, kn in sorted(kuans):
            k = Node(kc, kn, "款")
            xs = chart.children("functional", year, kc)
            for xc, xn in sorted(rng.sample(xs, min(len(xs), rng.randint(1, 3)))):
                k.children.append(Node(xc, xn, "项"))
            node.children.append(k)
        if node.children:
            tree.append(node)
    return tree


def walk(tree):
    for n in tree:
        yield n
        yield from walk(n.children)


MEASURES = ("gb_basic", "gb_project", "gf", "bus", "oth", "prev")


def _sum_up(nodes):
    for n in nodes:
        if n.children:
            _sum_up(n.children)
            n.v = {m: sum((c.v.get(m, Decimal(0)) for c in n.children), Decimal(0)) for m in MEASURES}


@dataclass
class Figures:
    year: int
    kind: str  # budget | final
    quantum: Decimal
    tree: list
    econ: list  # [Node] economic 类 with 款 children (basic expenditure, gb)
    three: dict
    operating: list  # [(code, name, Decimal)]
    procurement: list  # [(item, category, method, Decimal)]
    carry_in: Decimal
    carry_out: Decimal
    has_fund: bool


def figures(rng: random.Random, year: int, kind: str, fmt: Fmt, unit: str) -> Figures:
    """The figures of one document in `unit` (元 or 万元), of `fmt`'s quantum."""
    qu = fmt.q
    big = unit == "元"
    scale = 1.0 if not big else 10000.0
    has_fund = rng.random() < 0.6
    fund_class = rng.choice(["212", "213", "229"]) if has_fund else None
    tree = _pick_tree(rng, year, fund_class)
    leaves = [n for n in walk(tree) if not n.children]
    for leaf in leaves:
        cls = leaf.code[:3]
        if fund_class and cls == fund_class:
            leaf.v = {"gf": q(rng, 5 * scale, 300 * scale, qu)}
            continue
        basic = cls in ("201", "204", "208", "210", "221") or rng.random() < 0.5
        leaf.v = {
            "gb_basic": q(rng, 10 * scale, 900 * scale, qu) if basic else Decimal(0),
            "gb_project": q(rng, 1 * scale, 400 * scale, qu) if (not basic or rng.random() < 0.4) else Decimal(0),
            "bus": q(rng, 1 * scale, 80 * scale, qu) if rng.random() < 0.2 else Decimal(0),
            "oth": q(rng, 1 * scale, 40 * scale, qu) if rng.random() < 0.15 else Decimal(0),
        }
    for leaf in leaves:
        for m in MEASURES[:-1]:
            leaf.v.setdefault(m, Decimal(0))
        this = leaf.v["gb_basic"] + leaf.v["gb_project"]
        leaf.v["prev"] = (this * Decimal(str(rng.uniform(0.75, 1.3)))).quantize(qu, ROUND_HALF_UP) if this else Decimal(0)
    _sum_up(tree)
    # the economic classification of the general budget's basic spending
    basic_total = sum((n.v["gb_basic"] for n in tree), Decimal(0))
    econ = []
    plan = [("301", 0.7), ("302", 0.22), ("303", 0.08)]
    if rng.random() < 0.3:
        plan = [("301", 0.66), ("302", 0.2), ("303", 0.06), ("310", 0.08)]
    parts = split(rng, basic_total, len(plan), qu)
    for (c, _w), amount in zip(plan, parts):
        node = Node(c, chart.name("economic", year, c), "类")
        kids = chart.children("economic", year, c)
        if c == "302":
            must = [k for k in kids if k[0] in ("30201", "30211", "30217", "30231")]
            kids = must + rng.sample([k for k in kids if k not in must], min(3, len(kids) - len(must)))
        else:
            kids = rng.sample(kids, min(len(kids), rng.randint(2, 5)))
        kids.sort()
        for (kc, kn), a in zip(kids, split(rng, amount, len(kids), qu)):
            node.children.append(Node(kc, kn, "款", v={"amount": a}))
        node.v = {"amount": sum((k.v["amount"] for k in node.children), Decimal(0))}
        econ.append(node)
    by_code = {k.code: k.v["amount"] for n in econ for k in n.children}
    three = {
        "outbound": q(rng, 0, 30 * scale, qu) if rng.random() < 0.4 else Decimal(0),
        "purchase": q(rng, 10 * scale, 40 * scale, qu) if rng.random() < 0.3 else Decimal(0),
        "running": by_code.get("30231", Decimal(0)),
        "reception": by_code.get("30217", Decimal(0)),
    }
    three["vehicle"] = three["purchase"] + three["running"]
    three["total"] = three["outbound"] + three["vehicle"] + three["reception"]
    three["prev"] = (three["total"] * Decimal(str(rng.uniform(0.8, 1.2)))).quantize(qu, ROUND_HALF_UP)
    operating = [(k.code, k.name, k.v["amount"]) for k in econ[1].children]
    items = [("办公设备购置", "台式计算机", "协议供货"), ("物业管理服务", "物业管理服务", "公开招标"),
             ("印刷服务", "印刷服务", "询价"), ("公务用车购置", "乘用车", "政府集中采购"),
             ("信息系统运维", "运行维护服务", "竞争性磋商"), ("办公家具购置", "办公家具", "网上超市"),
             ("会议服务", "会议服务", "定点采购"), ("档案数字化", "信息技术服务", "单一来源")]
    procurement = [(a, b, c, q(rng, 2 * scale, 120 * scale, qu)) for a, b, c in rng.sample(items, rng.randint(2, 6))]
    return Figures(year, kind, qu, tree, econ, three, operating, procurement,
                   q(rng, 0, 50 * scale, qu) if rng.random() < 0.5 else Decimal(0),
                   q(rng, 0, 30 * scale, qu) if rng.random() < 0.3 else Decimal(0), has_fund)
