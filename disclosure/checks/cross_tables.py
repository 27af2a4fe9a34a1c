"""Rule cross.table_agreement: the same figure printed in two standard tables agrees.

- the 一般公共预算 basic spending: the total of 一般公共预算基本支出表 (general_budget_basic_expenditure)
  equals the 基本支出 of the total row of 一般公共预算支出表 (general_budget_expenditure);
- the 一般公共预算 spending by code: every code row of 一般公共预算支出表 equals the 一般公共预算 column of
  the same code (or, for a 类 row, the same name) in the 财政拨款收支总表 (fiscal_allocation_summary),
  and its total row likewise;
- a 财政拨款基本支出表 (Jiangsu) totals the 基本支出 row of the 财政拨款收支总表.

Only figures both tables print are compared; a table printed twice (财政拨款/一般公共预算 versions in
Jiangsu documents) is compared with each of the other's. Every rule here compares tables of one
disclosure's set only (checks/parts.py: a compendium's units each print a set of their own).
"""
from __future__ import annotations

from decimal import Decimal

from disclosure.checks.common import compare, evidence, own_values, row_label, shared, tested
from disclosure.checks.findings import Finding
from disclosure.checks.ledger import Tally
from disclosure.checks.parts import parts
from disclosure.normalize.rounding import DEFAULT_UNITS
from disclosure.checks.unread import table_unread, unread_pages
from disclosure.model import Document, Row, Table, Value
from disclosure.normalize.text import compact
from disclosure.normalize.units import FACTORS, to_yuan
from disclosure.prose.subjects import bare
from disclosure.rx import compile as rx_compile

RULE = "cross.table_agreement"
_TOTAL = rx_compile(r"^(合计|总计|支出合计|支出总计|本年支出合计)$")


def _tables(tables: list[Table], kind: str) -> list[Table]:
    return [t for t in tables if t.type == kind]


def _total_row(t: Table) -> Row | None:
    rows = [r for r in t.rows if r.role == "total" and _TOTAL.match(compact(r.name))]
    return rows[0] if len(rows) == 1 else None


def _value(r: Row, measures: tuple[str, ...], kind: str) -> Value | None:
    return next((v for v in own_values(r, kind) if v.measure in measures and v.amount.status == "number"), None)


def _pair(f_rule_zh: str, f_rule_en: str, a: tuple[Table, Row, Value], b: tuple[Table, Row, Value],
          units: Decimal, doc: Document, tally: Tally) -> Finding | None:
    tally = tally if tally is not None else Tally("")
    ta, ra, va = a
    tb, rb, vb = b
    what = f"{row_label(ra)}: {ta.label} / {tb.label}"
    if ta.unit != tb.unit or not ta.unit:
        tally.missing(what, ra.page, f"{ta.label} ({ta.unit or 'no unit'}) and {tb.label} ({tb.unit or 'no unit'}) "
                      "share no printed unit")
        return None
    f = compare(RULE, ta, (ra, va), [(rb, vb)], units, f_rule_zh, f_rule_en)
    if f is not None:
        f.evidence[1].what = f"{tb.label} {row_label(rb)} / {vb.column}"
        tail = "（舍入）" if f.rounding else ""
        f.message_zh = (f"{f_rule_zh}：{ta.label}印 {va.amount.printed}，{tb.label}印 {vb.amount.printed}，"
                        f"差 {format(f.difference, 'f')}{tail}")
        f.message_en = (f"{f_rule_en}: table {ta.index} prints {va.amount.printed}, table {tb.index} prints "
                        f"{vb.amount.printed}, difference {format(f.difference, 'f')}" + (" (rounding)" if tail else ""))
    return tested(tally, doc, [ta, tb], what, ra.page, f)


def _partner_unread(doc: Document, tables: list[Table], tally: Tally, have: str, wanted: tuple[str, ...],
                    looked: str) -> None:
    """A table of type `have` is printed in `tables` (one part of the document) and none of `wanted`:
    with unread pages the partner may be on one of them, so the comparison is not_read rather than
    not applicable."""
    tally = tally if tally is not None else Tally("")
    pages = unread_pages(doc)
    if pages and any(t.type == have for t in tables) and not any(t.type in wanted for t in tables):
        tally.not_read(looked, None, "; ".join(pages.values()))


def findings(doc: Document, units: Decimal = DEFAULT_UNITS, tally: Tally | None = None) -> list[Finding]:
    """Rule cross.table_agreement (the module's docstring), within each part of the document
    (checks/parts.py). Findings in document order of the parts; amounts compared in the tables' own
    printed unit (a pair with different units is not compared)."""
    tally = tally if tally is not None else Tally("")
    out = []
    tally.none("no two standard tables printing the same figure (一般公共预算支出表 with 基本支出表 or "
               "财政拨款收支总表)")
    for tables in parts(doc):
        out.extend(_agreement(doc, tables, units, tally))
    return out


def _agreement(doc: Document, tables: list[Table], units: Decimal, tally: Tally) -> list[Finding]:
    out = []
    _partner_unread(doc, tables, tally, "general_budget_expenditure",
                    ("general_budget_basic_expenditure", "fiscal_allocation_summary"),
                    "一般公共预算支出表 against 基本支出表 / 财政拨款收支总表")
    spending = _tables(tables, "general_budget_expenditure")
    for basic in _tables(tables, "general_budget_basic_expenditure"):
        br = _total_row(basic)
        bv = _value(br, ("total", "amount"), doc.kind) if br else None
        if bv is None:
            continue
        for gb in spending:
            gr = _total_row(gb)
            gv = _value(gr, ("basic",), doc.kind) if gr else None
            if gv is not None:
                f = _pair(f"{basic.label}基本支出合计与{gb.label}基本支出不一致",
                          f"the basic spending total of table {basic.index} differs from table {gb.index}",
                          (basic, br, bv), (gb, gr, gv), units, doc, tally)
                if f:
                    out.append(f)
    for fa in _tables(tables, "fiscal_allocation_summary"):
        by_code = {r.code: r for r in fa.rows if r.code}
        by_name = {bare(r.name): r for r in fa.rows if r.side.startswith("expenditure") and not r.code and r.name}
        basic_row = by_name.get("基本支出")
        for basic in _tables(tables, "general_budget_basic_expenditure"):
            br = _total_row(basic)
            bv = _value(br, ("total", "amount"), doc.kind) if br else None
            fv = _value(basic_row, ("amount", "total"), doc.kind) if basic_row else None
            if "财政拨款" in basic.title and bv is not None and fv is not None:
                f = _pair(f"{basic.label}合计与{fa.label}基本支出不一致",
                          f"the total of table {basic.index} differs from 基本支出 in table {fa.index}",
                          (basic, br, bv), (fa, basic_row, fv), units, doc, tally)
                if f:
                    out.append(f)
        fa_total = _total_row(fa)
        for gb in spending:
            for r in gb.rows:
                if r.code:
                    other = by_code.get(r.code) or (by_name.get(bare(r.name)) if r.level == "类" else None)
                else:
                    other = fa_total if r is _total_row(gb) else None
                if other is None:
                    continue
                mine = _value(r, ("total", "amount"), doc.kind)
                theirs = _value(other, ("general_budget",), doc.kind)
                if mine is None or theirs is None:
                    continue
                f = _pair(f"{row_label(r)}：{gb.label}与{fa.label}一般公共预算支出不一致",
                          f"{row_label(r)}: table {gb.index} and the 一般公共预算 column of table {fa.index} differ",
                          (gb, r, mine), (fa, other, theirs), units, doc, tally)
                if f:
                    out.append(f)
    return out


def _yuan(v: Value, t: Table) -> Decimal | None:
    """The value in 元, one Decimal per value while the findings citing it are made (common.shared)."""
    return shared("yuan", (v, t), to_yuan(v.amount.value, t.unit))


_ZERO = Decimal(0)  # the tolerance of an order broken (one object for every finding)


def _order_broken(rule: str, left: tuple[Table, Row, Value], right: tuple[Table, Row, Value], zh: str, en: str,
                  table: int) -> Finding:
    """A warning for two printed figures in the wrong order (one must contain the other), both in 元."""
    return Finding(rule, "warning", zh, en, _yuan(left[2], left[0]), _yuan(right[2], right[0]), _ZERO, False,
                   table, [evidence(*left), evidence(*right)], unit="元")


THREE_RULE = "cross.three_public_vs_economic"
_OVERLAP = {"reception": ("30217",), "vehicle_operation": ("30231",), "outbound_travel": ("30212",),
            "vehicle_purchase": ("31013", "30913")}
_NAMES = {"reception": "公务接待费", "vehicle_operation": "公务用车运行维护费", "outbound_travel": "因公出国（境）费",
          "vehicle_purchase": "公务用车购置费"}


def three_public(doc: Document, units: Decimal = DEFAULT_UNITS, tally: Tally | None = None) -> list[Finding]:
    """Rule cross.three_public_vs_economic: a “三公” item of the budget cannot be smaller than the same
    item in the basic spending by economic code (30217 公务接待费, 30231 公务用车运行维护费, 30212 因公出国
    （境）费, 31013 公务用车购置): the 三公 table covers basic and project spending, the economic table
    basic spending only. Units are reconciled (元 tables beside a 万元 三公 table)."""
    tally = tally if tally is not None else Tally("")
    out = []
    tally.none("a 三公 item of the budget printed also among the basic spending's economic codes "
               "(30217/30231/30212/31013)")
    if doc.kind != "budget":
        tally.looked_for = "a budget's 三公 table and basic spending by economic code (not a budget)"
        return out  # final accounts print 预算数 and 决算数 side by side: left to a later rule
    for tables in parts(doc):
        out.extend(_three_public_part(doc, tables, tally))
    return out


def _three_public_part(doc: Document, tables: list[Table], tally: Tally) -> list[Finding]:
    """cross.three_public_vs_economic within one part of the document (checks/parts.py)."""
    out = []
    three = [t for t in tables if t.type == "three_public_expenses" and not t.empty]
    basic = [t for t in tables if t.type == "general_budget_basic_expenditure"]
    if len(three) != 1 or not basic:
        tally.looked_for = "one 三公 table with amounts and a 基本支出 table by economic code"
        _partner_unread(doc, tables, tally, "general_budget_basic_expenditure", ("three_public_expenses",),
                        "三公 table against 30217/30231/30212/31013")
        return out
    t3 = three[0]
    rows3 = [r for r in t3.rows if any(v.amount.status == "number" for v in r.values)]
    if len(rows3) != 1 or t3.unit not in FACTORS:
        tally.missing(f"{t3.label} {t3.title}", t3.pages[0] if t3.pages else None,
                      "needs one row of 三公 amounts and a known unit" if t3.unit in FACTORS else
                      f"{t3.label} prints no known unit")
        return out
    for measure, codes in _OVERLAP.items():
        v3 = next((v for v in own_values(rows3[0], doc.kind) if v.measure == measure and v.amount.status == "number"),
                  None)
        if v3 is None:
            continue
        for tb in basic:
            if tb.unit not in FACTORS:
                continue
            for r in tb.rows:
                if r.code not in codes:
                    continue
                vb = next((v for v in own_values(r, doc.kind) if v.measure in ("total", "amount")
                           and v.amount.status == "number"),
                          None)
                if vb is None:
                    continue
                what = f"三公 {_NAMES[measure]} / {tb.label} {r.code}"
                broken = _yuan(v3, t3) < _yuan(vb, tb)
                why = broken and "; ".join(w for w in (table_unread(doc, t3), table_unread(doc, tb)) if w)
                if why:
                    tally.not_read(what, r.page, why)
                elif broken:
                    out.append(tally.test(what, r.page, _order_broken(THREE_RULE, (t3, rows3[0], v3), (tb, r, vb),
                             f"“三公”{_NAMES[measure]}{v3.amount.printed}{t3.unit}小于{tb.label}基本支出中"
                             f"{r.code} {r.name}{vb.amount.printed}{tb.unit}",
                             f"the 三公 {measure} ({v3.amount.printed} {t3.unit}) is smaller than {r.code} {r.name} "
                             f"in the basic spending of table {tb.index} ({vb.amount.printed} {tb.unit})", t3.index)))
                else:
                    tally.test(what, r.page, None)
    return out


COVER_RULE = "cross.summary_covers_general_budget"


def summary_covers(doc: Document, units: Decimal = DEFAULT_UNITS, tally: Tally | None = None) -> list[Finding]:
    """Rule cross.summary_covers_general_budget: the expenditure summary (支出总表, every source of
    funds) cannot print less for a code than the 一般公共预算 spending table prints for it."""
    tally = tally if tally is not None else Tally("")
    out = []
    tally.none("an expenditure summary and a 一般公共预算 spending table, both by code with a known unit")
    for tables in parts(doc):
        out.extend(_covers_part(doc, tables, tally))
    return out


def _covers_part(doc: Document, tables: list[Table], tally: Tally) -> list[Finding]:
    """cross.summary_covers_general_budget within one part of the document (checks/parts.py)."""
    out = []
    _partner_unread(doc, tables, tally, "general_budget_expenditure", ("expenditure_summary",),
                    "支出总表 against 一般公共预算支出表")
    for summary in [t for t in tables if t.type == "expenditure_summary" and t.unit in FACTORS]:
        mine = {}
        for r in summary.rows:
            v = _value(r, ("total", "amount"), doc.kind)
            if r.code and v is not None:
                mine.setdefault(r.code, (r, v))
        for gb in [t for t in tables if t.type == "general_budget_expenditure" and t.unit in FACTORS]:
            for r in gb.rows:
                v = _value(r, ("total", "amount"), doc.kind)
                if not r.code or v is None or r.code not in mine:
                    continue
                rs, vs = mine[r.code]
                what = f"{row_label(r)}: {gb.label} / {summary.label}"
                broken = _yuan(v, gb) > _yuan(vs, summary)
                why = broken and "; ".join(w for w in (table_unread(doc, gb), table_unread(doc, summary)) if w)
                if why:
                    tally.not_read(what, r.page, why)
                elif broken:
                    out.append(tally.test(what, r.page, _order_broken(COVER_RULE, (gb, r, v), (summary, rs, vs),
                             f"{row_label(r)}：{gb.label}一般公共预算支出{v.amount.printed}大于{summary.label}"
                             f"支出总表{vs.amount.printed}",
                             f"{row_label(r)}: the 一般公共预算 spending of table {gb.index} ({v.amount.printed}) "
                             f"exceeds the expenditure summary, table {summary.index} ({vs.amount.printed})", gb.index)))
                else:
                    tally.test(what, r.page, None)
    return out
