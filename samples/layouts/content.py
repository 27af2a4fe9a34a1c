"""One consistent budget of a department, from which every table of a generated disclosure is cut.

Amounts are integers in minor units of the document's printed precision (0.01 万元, 0.01 元 or
1 元), so that children sum to parents, 合计 = 基本 + 项目, and both sides of a summary balance
exactly as printed. Codes and names come from the chart of accounts for the document's year, the way a
finance bureau's software fills them in: from the pinned snapshot `samples/chart_snapshot.csv`, not
the live chart, so that a chart correction does not redraw the documents (see samples/chart_snapshot.py
for how to regenerate it on purpose).
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from samples import chart_snapshot

FUNDS = ("general", "gov_fund", "special", "business", "other")
FUND_NAMES = {"general": "一般公共预算拨款", "gov_fund": "政府性基金预算拨款", "special": "财政专户管理资金",
              "business": "事业收入", "other": "其他收入"}

DEPARTMENTS = [
    "江苏省人民检察院", "江苏省财政厅", "江苏省政府采购中心", "中共江苏省委办公厅", "江苏省人大常委会办公厅",
    "江苏省文化和旅游厅", "南京市玄武区教育局", "上海市普陀区万里街道办事处", "上海市普陀区规划和自然资源局",
    "上海市普陀区人民政府办公室", "福建省平潭综合实验区农业农村局", "平潭县人民法院", "喀什地区社会保险管理局",
    "浙江省杭州市西湖区卫生健康委员会", "广东省深圳市福田区城市管理和综合执法局", "四川省成都市武侯区民政局",
    "湖北省武汉市江汉区财政局", "山东省青岛市市南区审计局", "河南省郑州市金水区人力资源和社会保障局",
    "陕西省西安市雁塔区水务局", "江苏省苏州市吴中区统计局", "安徽省合肥市蜀山区司法局",
]


@dataclass
class Line:
    """One functional 项 of the budget, with its spending by fund and by basic / project."""

    code: str  # 7 digits
    name: str
    fund: str  # FUNDS
    basic: int
    project: int
    prior: int = 0  # last year's figure (budget) for tables that print it

    @property
    def total(self) -> int:
        return self.basic + self.project


@dataclass
class EconLine:
    code: str  # 5 digits
    name: str
    amount: int


@dataclass
class Budget:
    year: int
    kind: str  # budget | final_accounts
    level: str  # department | unit
    department: str
    unit: str  # 万元 | 元
    decimals: int  # 2 or 0
    lines: list[Line]
    econ: list[EconLine]  # basic spending of the general budget by economic 款
    three: dict[str, int]  # outbound, purchase, operation, reception, meeting, training
    three_actual: dict[str, int]  # final accounts: what was spent
    procurement: list[tuple[str, str, str, str, int]]  # item, category, method, organisation, amount
    names: dict[str, str] = field(default_factory=dict)  # code -> name for 类 and 款

    def fund_lines(self, *funds: str) -> list[Line]:
        return [ln for ln in self.lines if ln.fund in funds]


def make_budget(rng: random.Random, year: int, kind: str, unit: str, decimals: int, n_lines: int,
                department: str | None = None) -> Budget:
    """A budget of `n_lines` functional 项 spread over several 类 and 款 of the chart of `year`."""
    entries = chart_snapshot.valid(year)
    func = [e for e in entries if e.classification == "functional"]
    names = {e.code: e.name for e in func if e.level in ("类", "款")}
    xiang = [e for e in func if e.level == "项" and e.code[:5] in names and e.code[:3] in names]
    by_kuan: dict[str, list[chart_snapshot.Row]] = {}
    for e in xiang:
        by_kuan.setdefault(e.code[:5], []).append(e)
    kuans = sorted(by_kuan)
    rng.shuffle(kuans)
    chosen: list[chart_snapshot.Row] = []
    for k in kuans:
        if len(chosen) >= n_lines:
            break
        items = sorted(by_kuan[k], key=lambda e: e.code)
        take = rng.randint(1, min(4, len(items)))
        chosen.extend(sorted(rng.sample(items, take), key=lambda e: e.code))
    chosen = sorted(chosen[:max(n_lines, 1)], key=lambda e: e.code)
    scale = 100 if decimals == 2 else 1
    big = 10_000 if unit == "元" else 1  # 元 documents print larger numbers
    lines = []
    for i, e in enumerate(chosen):
        fund = "general" if i % 5 else rng.choice(FUNDS)
        basic = rng.randint(0, 900) * scale * big + rng.randint(0, scale - 1) if rng.random() < 0.8 else 0
        project = rng.randint(0, 600) * scale * big + rng.randint(0, scale - 1) if rng.random() < 0.6 else 0
        if basic + project == 0:
            basic = rng.randint(1, 300) * scale * big + rng.randint(0, scale - 1)
        prior = max(0, basic + project + rng.randint(-200, 200) * scale * big)
        lines.append(Line(e.code, e.name, fund, basic, project, prior))
    econ_entries = [e for e in entries if e.classification == "economic" and e.level == "款"
                    and e.code[:3] in ("301", "302", "303", "310")]
    basic_general = sum(ln.basic for ln in lines if ln.fund == "general")
    econ = _split(rng, basic_general, econ_entries)
    three = {k: rng.randint(0, 300) * scale * big // 10 for k in
             ("outbound", "purchase", "operation", "reception", "meeting", "training")}
    if rng.random() < 0.3:
        three["purchase"] = 0
    actual = {k: max(0, v - rng.randint(0, 50) * scale * big // 10) for k, v in three.items()}
    items = ["台式计算机", "复印纸", "办公家具", "物业管理服务", "信息系统运维服务", "公务用车", "印刷服务",
             "会议服务", "空调", "网络设备"]
    categories = ["货物", "服务", "工程"]
    methods = ["公开招标", "询价", "竞争性磋商", "单一来源", "协议供货"]
    orgs = ["集中采购", "分散采购", "部门集中采购"]
    procurement = [(it, rng.choice(categories), rng.choice(methods), rng.choice(orgs),
                    rng.randint(1, 500) * scale * big // 10 + 1) for it in rng.sample(items, rng.randint(3, 7))]
    level = rng.choice(["department", "unit"])
    return Budget(year, kind, level, department or rng.choice(DEPARTMENTS), unit, decimals, lines, econ,
                  three, actual, procurement, names)


def _split(rng: random.Random, total: int, entries: list[chart_snapshot.Row]) -> list[EconLine]:
    """`total` spread over a few economic 款 of 301/302/303/310 (sorted by code), each > 0."""
    pool = sorted(entries, key=lambda e: e.code)
    if total <= 0 or not pool:
        return []
    k = min(len(pool), rng.randint(4, 12))
    picked = sorted(rng.sample(pool, k), key=lambda e: e.code)
    if not any(e.code.startswith("301") for e in picked):
        picked = sorted([next(e for e in pool if e.code.startswith("301"))] + picked[1:], key=lambda e: e.code)
    cuts = sorted(rng.sample(range(1, total), min(k - 1, total - 1))) if total > k else []
    parts = [b - a for a, b in zip([0] + cuts, cuts + [total])]
    parts += [0] * (len(picked) - len(parts))
    return [EconLine(e.code, e.name, p) for e, p in zip(picked, parts) if p > 0]
