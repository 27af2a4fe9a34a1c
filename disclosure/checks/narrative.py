"""Checks of the prose against the tables and against itself, all reading the facts of prose/:

- narrative.amount_vs_table: an amount the prose gives for something a table prints (a 类/款/项
  path, a row such as 社会保障和就业支出 or 一般公共预算拨款, 基本支出, 项目支出, 人员经费, 公用经费, the “三公”
  经费 and its items, 机关运行经费) against the table, units reconciled (元 tables, 万元 prose); compared
  only when the subject is found in a table, reported when no printed candidate equals it;
- narrative.change_pct: this year's figure, the change and its percentage recomputed;
- narrative.budget_completion: 完成年初预算的Z% = 决算 / 预算, and the 大于/小于/持平 wording after it;
- narrative.share: 占X% recomputed where its base is certain;
- narrative.project_costs: a project's itemised cost lines against its 预算安排规模.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from disclosure.checks.common import own_values
from disclosure.checks.findings import Evidence, Finding
from disclosure.checks.ledger import Tally
from disclosure.normalize.rounding import DEFAULT_UNITS
from disclosure.checks.unread import table_unread, unread_pages
from disclosure.normalize.rounding import half_unit, last_unit, percent_bounds, percent_verdict, round_to, verdict
from disclosure.model import Document, Fact, Paragraph, Row, Table, Value
from disclosure.normalize.text import compact
from disclosure.prose.facts import direction_sign
from disclosure.normalize.units import AMOUNT_IN_TEXT, FACTORS, TEXT_FACTORS, value_yuan
from disclosure.prose.subjects import ALIASES, KEYWORDS, bare, item_key, kind_of
from disclosure.rx import compile as rx_compile
from disclosure import rx as rx_re
from disclosure.schemas import load

RULE = "narrative.amount_vs_table"
_COST_LINE = rx_compile(r"[*×=＝]|资金分配|每(?:人|月|天|年)")
COST_RULE = "narrative.project_costs"
TABLE_TOTALS = {"基本支出": "general_budget_basic_expenditure"}  # the total row of that table prints it
# subjects only the tables of these types print (财政拨款收支总预算 is not the 收入总计 of the 收入预算总表,
# which adds 其他资金)
SCOPES = {"财政拨款收支总预算": "fiscal_allocation"}


@dataclass
class Comparison:
    fact: Fact
    paragraph: Paragraph | None
    sentence: str
    subject: str
    printed: str  # the amount as the prose prints it, with its unit
    value_yuan: Decimal
    candidates: list[tuple[Table, Row, Value]]
    status: str  # matched | rounding | differs


def _yuan(v: Value, t: Table) -> Decimal | None:
    return value_yuan(v, t.unit)  # None for a count


def _row_total(r: Row, kind: str, basis: str = "") -> Value | None:
    """The row's total (or single) amount of this year, the document's own figure first (决算数 in a
    final account): its total-measure column, else its first number. With `basis` (a final
    account's 年初预算为…: budget), only a figure of that basis."""
    nums = [v for v in own_values(r, kind) if v.amount.status == "number" and (not basis or v.basis == basis)]
    for v in nums:
        if v.measure in ("total", "amount", "three_public_total"):
            return v
    return nums[0] if nums else None


_TOTAL_OF = rx_compile(r"(?:合计|小计|总计)$")


def _candidates(doc: Document, subject: str, code: str, basis: str = ""):
    out = []
    for t in doc.tables:
        if subject in SCOPES and not (t.type or "").startswith(SCOPES[subject]):
            continue
        for r in t.rows:
            if code and r.code == code:
                v = _row_total(r, doc.kind, basis)
            elif not code and subject in KEYWORDS and (r.role == "total" or not r.name):
                v = next((v for v in own_values(r, doc.kind) if v.measure in KEYWORDS[subject]
                          and v.amount.status == "number" and (not basis or v.basis == basis)), None)
                if v is None and TABLE_TOTALS.get(subject) == t.type and compact(r.name) in ("合计", "总计"):
                    v = next((v for v in own_values(r, doc.kind) if v.measure == "total"
                              and v.amount.status == "number"), None)
                if v is None and _TOTAL_OF.sub("", bare(r.name)) == subject:
                    v = _row_total(r, doc.kind, basis)  # a row 人员经费合计 (Shanghai 基本支出决算表)
            elif not code and (bare(r.name) == subject or bare(r.name) in ALIASES.get(subject, ())) \
                    and not (kind_of(subject) == "three_public" and t.type != "three_public_expenses"):
                # (公务接待费 of a 基本支出 table is only its basic part: the “三公” table prints the item)
                v = _row_total(r, doc.kind, basis)
            else:
                v = None
            if v is not None and _yuan(v, t) is not None:
                out.append((t, r, v))
    return out


# 人员经费 and 公用经费 as the basic-expenditure table's economic classes add them up (the readings and
# their source are data: schemas/funds_by_class.json): a table that prints the classes and not the two
# columns (Jiangsu 2017-2019: 一般公共预算基本支出预算表 by 301/302/303) still confirms the prose.
DERIVED = {k: [tuple(r) for r in v] for k, v in load("funds_by_class")["readings"].items()}
BASIC_TYPES = ("general_budget_basic_expenditure", "fiscal_allocation_basic_expenditure")


def _derived(doc: Document, subject: str, basis: str = ""):
    """Candidates (table, row, value) for 人员经费/公用经费 summed from the 类 rows of the economic
    classification in a basic-expenditure table; the value's printed text names the addends
    (10,204.52+1,052.83). Empty when the table lacks a class of a reading."""
    from dataclasses import replace

    out = []
    for t in doc.tables:
        if t.type not in BASIC_TYPES:
            continue
        rows = {r.code: r for r in t.rows if r.code and len(r.code) == 3 and r.classification != "functional"}
        for codes in DERIVED.get(subject, ()):
            if not all(c in rows for c in codes):
                continue
            parts = [_row_total(rows[c], doc.kind, basis) for c in codes]
            if any(v is None for v in parts):
                continue
            total = sum(v.amount.value for v in parts)
            v0 = parts[0]
            value = replace(v0, amount=replace(v0.amount, printed="+".join(v.amount.printed for v in parts), value=total),
                            box=None)
            out.append((t, replace(rows[codes[0]], code="+".join(codes),
                                   name="+".join(rows[c].name for c in codes)), value))
    return out


# a fund named before the subject (一般公共预算财政拨款基本支出5377.64万元): the tables of that fund print
# it, not the all-funds 支出决算表 whose 基本支出 may be another figure (putuo-guihuaziyuan-2024 p.24)
# (schemas/budget_funds.json: how a clause names each fund, and its tables' type prefix)
_FUNDS = tuple((rx_compile(f["said"]), f["tables"]) for f in load("budget_funds")["funds"] if f["tables"])


def _in_scope(cands: list, fact: Fact) -> list:
    """The candidates in tables of the fund the fact's clause names before its amount, when there are
    any; else all of them (a document printing no table of that fund)."""
    at = fact.sentence.find(fact.printed)
    clause = rx_re.split(r"[，。；,;]", fact.sentence[:at if at >= 0 else len(fact.sentence)])[-1]
    for rx, prefix in _FUNDS:
        if rx.search(clause):
            own = [c for c in cands if (c[0].type or "").startswith(prefix)]
            return own or cands
    return cands


def _rounds_to(table_yuan: Decimal, prose_yuan: Decimal, step: Decimal) -> bool:
    """The table's figure, rounded half up to the prose's precision, is the prose's figure."""
    return round_to(table_yuan, step) == prose_yuan


def compare(doc: Document, tally: Tally | None = None) -> list[Comparison]:
    """Every fact whose subject a table prints, against the table (prose/facts.py read the prose).
    With a tally, a fact naming something the standard tables print (a code, a total, 基本支出 …)
    that no table of the document prints is recorded: `insufficient_data` (no tables at all: a
    narrative volume), or `not_read` when pages were not read."""
    return list(comparisons(doc, tally))


def comparisons(doc: Document, tally: Tally | None = None) -> Iterator[Comparison]:
    """`compare`'s comparisons one at a time, in the same order, each let go when the caller is done
    with it: a long document's comparisons (each with its candidates, and the 人员经费/公用经费 sums
    made for it) are never all held (issue #19)."""
    tally = tally if tally is not None else Tally("")
    unread = unread_pages(doc)
    # rows a sentence can name: 类 rows and rows without a code (收入 items, totals); a 款 or 项 name
    # (差旅费) is also a project's cost line, so only a 类/款/项 path names those
    names = {bare(r.name) for t in doc.tables for r in t.rows if r.name and r.level in ("类", "")}
    paragraphs = {p.index: p for p in doc.paragraphs}
    for fact in doc.facts:
        if fact.is_change or fact.basis == "prior_year":
            continue  # a change against last year, or last year's figure: not the figure a table prints
        if doc.kind != "final_accounts" and fact.basis == "actual":
            continue  # a budget's 决算数: last year's final account, no table of this document prints it
        # a final account's 年初预算为X: the tables' 预算数, not their 决算数
        basis = "budget" if doc.kind == "final_accounts" and fact.basis == "budget" else ""
        if fact.subject_kind in ("other", "item") and _COST_LINE.search(fact.sentence):
            continue  # a project's cost line (差旅费：4人*11天*120元), not the table's row of that name
        code = fact.code if fact.subject_kind == "path" else ""
        subject = fact.subject
        if fact.subject_kind == "path" and not code:
            continue
        if not code and subject not in KEYWORDS and subject not in names and subject not in ALIASES:
            continue
        cands = _candidates(doc, subject, code, basis) or (_derived(doc, subject, basis) if not code else [])
        cands = _in_scope(cands, fact)
        if not cands and basis:
            continue  # the tables print no 预算数 of it: nothing to compare the 年初预算 with
        if not cands:
            if tally is not None and (code or subject in KEYWORDS or subject in ALIASES):
                what = f"{subject} {fact.printed}"
                if unread:
                    tally.not_read(what, fact.page, "no table read prints it; " + "; ".join(unread.values()))
                elif not doc.tables:
                    tally.missing(what, fact.page, "the document prints no tables (its tables may be another "
                                  "volume: check both together)")
                else:
                    tally.missing(what, fact.page, f"no table prints {subject}" + (f" ({code})" if code else ""))
            continue
        m = AMOUNT_IN_TEXT.match(fact.printed)
        value = fact.value_yuan
        step = last_unit(m.group(1)) * FACTORS[fact.unit]  # the prose's precision, in 元
        tol = max(step, max(last_unit(v.amount.printed) * FACTORS[t.unit] for t, _, v in cands))
        # 万元 prose of a 元 table is the table's figure rounded to the prose's precision
        verdicts = ["equal" if _rounds_to(_yuan(v, t), value, step) else verdict(value, _yuan(v, t), tol)
                    for t, _, v in cands]
        status = "matched" if "equal" in verdicts else "rounding" if "rounding" in verdicts else "differs"
        yield Comparison(fact, paragraphs.get(fact.paragraph), fact.sentence, subject, fact.printed, value,
                         cands, status)


def findings(doc: Document, units: Decimal = DEFAULT_UNITS, tally: Tally | None = None) -> list[Finding]:
    tally = tally if tally is not None else Tally("")
    out = []
    tally.none("no sentence stating an amount of something the tables print")
    for c in comparisons(doc, tally):
        what = f"{c.subject} {c.printed}"
        if c.status == "matched":
            tally.test(what, c.fact.page, None)
            continue
        why = "; ".join(dict.fromkeys(w for w in (table_unread(doc, t) for t, _, _ in c.candidates) if w))
        if why and c.status == "differs":
            tally.not_read(what, c.fact.page, why)
            continue
        t, r, v = c.candidates[0]
        table_yuan = _yuan(v, t)
        box = c.paragraph.box.to_dict() if c.paragraph is not None and c.paragraph.box else None
        where = [Evidence(c.fact.page, box, c.sentence, c.printed)]
        where += [Evidence(r.page, v.box.to_dict() if v.box else None, f"{t.label} {r.code} {r.name} / {v.column}",
                           v.amount.printed) for t, r, v in c.candidates[:5]]
        rounding = c.status == "rounding"
        out.append(tally.test(what, c.fact.page, Finding(RULE, "info" if rounding else "warning",
                           f"说明中“{c.subject}”为{c.printed}，{t.label}为{v.amount.printed}{t.unit}"
                           + ("（舍入）" if rounding else ""),
                           f"the text gives {c.subject} as {c.printed}; table {t.index} prints {v.amount.printed} {t.unit}"
                           + (" (rounding)" if rounding else ""),
                           c.value_yuan, table_yuan, None, rounding, t.index, where, unit="元")))
    return out


def project_costs(doc: Document, units: Decimal = DEFAULT_UNITS, tally: Tally | None = None) -> list[Finding]:
    """Rule narrative.project_costs: a project's itemised cost lines add up to its 预算安排规模."""
    tally = tally if tally is not None else Tally("")
    out = []
    tally.none("no project with a 预算安排规模 and itemised 资金分配情况")
    for p in doc.projects:
        m = AMOUNT_IN_TEXT.search(p.budget_printed)
        if p.budget_yuan is None or p.costs_sum_yuan is None or not m:
            if p.costs_sum_yuan is not None:
                tally.missing(f"项目 {p.name}", p.page, "cost lines printed, no amount in 预算安排规模")
            continue
        what = f"项目 {p.name}"
        tol = last_unit(m.group(1)) * TEXT_FACTORS[m.group(2)] * units
        how = verdict(p.budget_yuan, p.costs_sum_yuan, tol)
        if how == "equal":
            tally.test(what, p.page, None)
            continue
        rounding = how == "rounding"
        where = [Evidence(p.page, None, f"项目 {p.name}：预算安排规模", p.budget_printed)]
        where += [Evidence(c.page, None, c.text[:80], format(c.amount_yuan, "f")) for c in p.costs
                  if c.top_level and not c.is_total and c.amount_yuan is not None][:20]
        out.append(tally.test(what, p.page, Finding(COST_RULE, "info" if rounding else "warning",
                           f"项目“{p.name}”资金分配明细合计{format(p.costs_sum_yuan, 'f')}元，预算安排规模{p.budget_printed}",
                           f"project '{p.name}': its cost lines add up to {format(p.costs_sum_yuan, 'f')} yuan, "
                           f"its budget is {p.budget_printed}", p.budget_yuan, p.costs_sum_yuan, tol, rounding,
                           None, where, unit="元")))
    return out


CHANGE_RULE = "narrative.change_pct"


def _part_of(part: Decimal, whole: Decimal) -> Decimal | None:
    """part / whole, the ratio of a share or of a completion (percent_bounds' ratio); None of no whole."""
    return part / whole if whole > 0 else None


def _shown(exact: Decimal, step: Decimal) -> Decimal:
    """A recomputed percentage as a finding's `right`: four decimals finer than the printed one, so
    that its difference from the printed figure is the one the verdict judged (63.75 against
    63.739980, not against 63.74: a difference of 0.01 beside a tolerance of 0.01 read as a contradiction)."""
    return exact.quantize(step.scaleb(-4), rounding=ROUND_HALF_UP)


def changes_apart(facts: list[Fact]) -> list[Fact]:
    """A change stated in a sentence of its own (公务接待较上年同期减少0.58万元，减少4.68%) read with the
    item's two levels stated elsewhere in the document (公务接待11.8万元 this year, 2021年…公务接待
    12.39万元 last year): this year's level with the change's percentage and last year's figure, as
    one sentence printing both (prior_yuan, no change amount: the percentage is |this − last| / last).
    Only an item (item_key) with one figure of this year and one of last year, the level stating no
    change of its own; the change's direction must agree with the levels (else rule
    narrative.direction speaks)."""
    levels: dict[tuple, dict[Decimal, Fact]] = {}
    for f in facts:
        if not f.is_change and item_key(f):
            levels.setdefault((item_key(f), f.basis == "prior_year"), {}).setdefault(f.value_yuan, f)
    out = []
    for c in facts:
        if not c.is_change or c.change_pct is None or not item_key(c) or not direction_sign(c.change_direction):
            continue
        now, last = levels.get((item_key(c), False), {}), levels.get((item_key(c), True), {})
        if len(now) != 1 or len(last) != 1:
            continue
        (level,), (prior,) = now.values(), last.values()
        if level.change_pct is not None or level.change_amount_yuan is not None or level.sentence == c.sentence \
                or prior.value_yuan <= 0 or (level.value_yuan - prior.value_yuan) * direction_sign(c.change_direction) < 0:
            continue
        out.append(replace(level, change_pct=c.change_pct, change_direction=c.change_direction,
                           change_amount_yuan=None, prior_yuan=prior.value_yuan,
                           sentence=f"{level.sentence} … {prior.sentence} … {c.sentence}", page=c.page))
    return out


def change_pct(doc: Document, units: Decimal = DEFAULT_UNITS, tally: Tally | None = None) -> list[Finding]:
    """Rule narrative.change_pct: a sentence that gives this year's figure, the change against last
    year and the percentage (…6032.55万元，比2016年增加3401.59万元，增长129.97%) is recomputed: last
    year = this year ∓ the change, percentage = change / last year, to the printed decimals; a change
    stated apart from the item's two levels is read with them (changes_apart)."""
    tally = tally if tally is not None else Tally("")
    out = []
    tally.none("no sentence with an amount, its change against last year and a percentage")
    boxes = {p.index: p.box for p in doc.paragraphs if p.box is not None}
    for f in [*doc.facts, *changes_apart(list(doc.facts))]:
        what = f"{f.subject} {f.printed}"
        if f.is_change or f.change_pct is None:
            continue
        if f.change_amount_yuan is None and f.prior_yuan is None:
            tally.missing(what, f.page, f"{f.change_direction}{f.change_pct}% printed without the change or last "
                          "year's figure")
            continue
        if f.change_amount_yuan is None:
            prior = f.prior_yuan
        elif direction_sign(f.change_direction):  # (增支/减支 are read as 增加/减少)
            prior = f.value_yuan - direction_sign(f.change_direction) * f.change_amount_yuan
        else:
            tally.missing(what, f.page, "no direction word (增加/减少) for the change")
            continue
        if prior <= 0:
            continue  # a change from nothing: rule narrative.zero_base
        change = f.change_amount_yuan if f.change_amount_yuan is not None else abs(f.value_yuan - prior)
        exact = change / prior * 100

        def bounds(f=f, change=change, prior=prior):
            factor = FACTORS[f.unit]
            other = change if f.change_amount_yuan is not None else prior  # (printed in the sentence's unit)
            half = min(half_unit(f.value_yuan, factor), half_unit(other, factor))
            if f.change_amount_yuan is not None:  # the change is printed
                sign = direction_sign(f.change_direction)
                return percent_bounds(lambda v, c: c / (v - sign * c) if v - sign * c > 0 else None,
                                      [f.value_yuan, change], half)
            # last year's figure is printed
            out = percent_bounds(lambda v, p: abs(v - p) / p if p > 0 else None, [f.value_yuan, prior], half)
            if out is not None and abs(f.value_yuan - prior) <= 2 * half:
                out = (Decimal(0), out[1])  # (the two figures may be equal within their rounding)
            return out
        how, rounded, step = percent_verdict(f.change_pct, exact, units, bounds)
        if how == "equal":
            tally.test(what, f.page, None)
            continue
        rounding = how == "rounding"
        para = boxes.get(f.paragraph)  # the paragraph's box: where the sentence is on its page
        evidence = [Evidence(f.page, para.to_dict() if para is not None else None, f.sentence, f"{f.change_pct}%")]
        # both messages in the sentence's unit (the English said "change 218000.0 yuan" of a 21.8万元)
        shown_change, shown_prior = (format(x / FACTORS[f.unit], "f") for x in (change, prior))
        out.append(tally.test(what, f.page, Finding(CHANGE_RULE, "info" if rounding else "warning",
                           f"“{f.subject}”{f.printed}，{f.change_direction}{shown_change}"
                           f"{f.unit}，印增减{f.change_pct}%，按上年{shown_prior}{f.unit}计应为"
                           f"{format(rounded, 'f')}%" + ("（舍入）" if rounding else ""),
                           f"{f.subject}: {f.printed}, change {shown_change} {f.unit}: the "
                           f"text prints {f.change_pct}%, last year's {shown_prior} {f.unit} "
                           f"gives {format(rounded, 'f')}%" + (" (rounding)" if rounding else ""),
                           f.change_pct, _shown(exact, step), step * units, rounding, None, evidence, unit="%")))
    return out


COMPLETION_RULE = "narrative.budget_completion"
_COMPLETION = rx_compile(
    r"预算(?:数)?为\s*(\d[\d,]*(?:\.\d+)?)\s*(万元|元)[^。；]*?决算(?:数)?为\s*(\d[\d,]*(?:\.\d+)?)\s*(万元|元)"
    r"[^。；]*?完成(?:年初)?预算的\s*(\d+(?:\.\d+)?)\s*[%％]")
_WORDING = rx_compile(r"^[。；，]?\s*[^。；]{0,12}?决算数?\s*(大于|小于|等于|同预算数持平|与预算数持平|同预算数|与预算数)")


def budget_completion(doc: Document, units: Decimal = DEFAULT_UNITS, tally: Tally | None = None) -> list[Finding]:
    """Rule narrative.budget_completion (final accounts): 年初预算为X万元，支出决算为Y万元，完成年初预算的Z%
    — Z is recomputed as Y / X, and the 决算数大于/小于/持平 wording that follows is checked against
    the two figures."""
    tally = tally if tally is not None else Tally("")
    out = []
    tally.none("no sentence 预算为X，决算为Y，完成预算的Z%")
    for p in doc.paragraphs:
        for m in _COMPLETION.finditer(p.text):
            what = m.group(0)[:60]
            budget_printed, actual_printed = (Decimal(m.group(i).replace(",", "")) for i in (1, 3))
            budget = budget_printed * TEXT_FACTORS[m.group(2)]
            actual = actual_printed * TEXT_FACTORS[m.group(4)]
            pct = Decimal(m.group(5))
            where = [Evidence(p.page, p.box.to_dict() if p.box else None, m.group(0), f"{pct}%")]
            if budget <= 0:
                tally.missing(what, p.page, "完成预算的% of a budget of 0 (rule narrative.zero_base)")
            if budget > 0:
                exact = actual / budget * 100
                how, rounded, step = percent_verdict(pct, exact, units, lambda: percent_bounds(
                    _part_of, [actual, budget],
                    min(half_unit(actual_printed, TEXT_FACTORS[m.group(4)]), half_unit(budget_printed, TEXT_FACTORS[m.group(2)]))))
                if how == "equal":
                    tally.test(what, p.page, None)
                else:
                    rounding = how == "rounding"
                    out.append(tally.test(what, p.page, Finding(COMPLETION_RULE, "info" if rounding else "warning",
                                       f"完成预算的{pct}%与预算{m.group(1)}{m.group(2)}、决算{m.group(3)}{m.group(4)}不符，"
                                       f"应为{format(rounded, 'f')}%" + ("（舍入）" if rounding else ""),
                                       f"completion printed {pct}%, budget {m.group(1)} and actual {m.group(3)} give "
                                       f"{format(rounded, 'f')}%" + (" (rounding)" if rounding else ""),
                                       pct, _shown(exact, step), step * units, rounding, None, where, unit="%")))
            w = _WORDING.match(p.text[m.end():])
            if w:
                said = {"大于": 1, "小于": -1}.get(w.group(1), 0)
                real = (actual > budget) - (actual < budget)
                if said == real:
                    tally.test(what + w.group(0), p.page, None)
                else:
                    words = {1: "大于", -1: "小于", 0: "持平"}
                    out.append(tally.test(what + w.group(0), p.page, Finding(COMPLETION_RULE, "warning",
                                       f"说明称决算数{w.group(1)}预算数，但决算{m.group(3)}{m.group(4)}"
                                       f"{words[real]}预算{m.group(1)}{m.group(2)}",
                                       f"the text says the actual is {words[said]} the budget; the figures say "
                                       f"{words[real]}", actual, budget, Decimal(0), False, None,
                                       where + [Evidence(p.page, None, w.group(0), w.group(1))], unit="元")))
    return out


SHARE_RULE = "narrative.share"
_SHARE_BASE = rx_compile(r"^[，,]?\s*占([^，。；%\d]{1,24}?)的\s*\d")
_LEAD_WORDS = ("其中", "包括", "主要用于以下方面", "具体如下")


def _leads(text: str) -> bool:
    """`text` ends leading into a list (其中： / 主要用于以下方面：, spaces allowed around the colon):
    read at its end only, so a paragraph of any length costs each fact the same."""
    t = text.rstrip()
    return t.endswith((":", "：")) and t[:-1].rstrip().endswith(_LEAD_WORDS)
_TOTAL_WORDS = {"本年支出合计": ("本年支出合计", "支出合计", "支出总计"), "支出合计": ("本年支出合计", "支出合计", "支出总计"),
                "本年收入合计": ("本年收入合计", "收入合计", "收入总计"), "收入合计": ("本年收入合计", "收入合计", "收入总计")}


def _named_bases(doc: Document, words: str) -> list[tuple[Decimal, str]]:
    """The printed figures a share names as its base (占“三公”经费的…, 占本年支出合计的…), in 元."""
    w = words.replace("“", "").replace("”", "")
    names = next((v for k, v in _TOTAL_WORDS.items() if k in w), None)
    out = []
    for t in doc.tables:
        if t.unit not in FACTORS:
            continue
        for r in t.rows:
            for v in r.values:
                if v.amount.status != "number" or v.measure == "count" or "决算" in v.column and doc.kind == "budget":
                    continue  # (a count, 团组数 or 人次, is no base of a share of money)
                if ("三公" in w and t.type == "three_public_expenses" and v.measure in ("three_public_total", "total")) \
                        or (names and r.role == "total" and compact(r.name) in names):
                    out.append((v.amount.value * FACTORS[t.unit], f"{t.label} {compact(r.name) or v.column}",
                                half_unit(v.amount.value, FACTORS[t.unit])))
    return out


def share(doc: Document, units: Decimal = DEFAULT_UNITS, tally: Tally | None = None) -> list[Finding]:
    """Rule narrative.share: 占X% recomputed, only where the base is certain: the figure the share
    names (占“三公”经费的, 占本年支出合计的 — any of the tables' printings of it), or the amount the list
    hangs from in the same section (…1008.16万元，其中： / 主要用于以下方面：). A share whose base is not
    certain is not judged (bases differ between documents: a rule that guessed gave false alarms)."""
    tally = tally if tally is not None else Tally("")
    out = []
    tally.none("no sentence stating a share (占X%)")
    paragraphs = {p.index: p for p in doc.paragraphs}
    parent: Fact | None = None
    for f in doc.facts:
        p = paragraphs.get(f.paragraph)
        if p is None or f.is_change:
            continue
        head = f.sentence[:f.sentence.find(f.printed)]
        item = f"{f.subject} {f.printed} 占{f.share_pct}%"
        if parent is not None and paragraphs.get(parent.paragraph) is not None and \
                paragraphs[parent.paragraph].section_path != p.section_path:
            parent = None
        if f.share_pct is not None:
            after = f.sentence[f.sentence.find(f.printed) + len(f.printed):]
            named = _SHARE_BASE.match(after)
            if named:
                bases = _named_bases(doc, named.group(1))
            elif parent is not None and parent.value_yuan >= f.value_yuan and "其中" not in head[:-2] or \
                    (parent is not None and parent.group == f.group):
                bases = [(parent.value_yuan, f"{parent.subject} {parent.printed}",
                          half_unit(parent.value_yuan, FACTORS[parent.unit]))] if parent is not None else []
            else:
                bases = []
            bases = [(b, what, h) for b, what, h in bases if b > 0]
            if not bases:
                tally.missing(item, f.page, "the base of the share is not certain (named nowhere printed, no "
                              "amount the list hangs from)" if not named else
                              f"the base it names ({named.group(1)}) is printed in no table")
            if bases:
                verdicts = []
                part = half_unit(f.value_yuan, FACTORS[f.unit])
                for base, _, half in bases:
                    how, _, step = percent_verdict(f.share_pct, f.value_yuan / base * 100, units,
                                                   lambda: percent_bounds(_part_of, [f.value_yuan, base],
                                                                          min(part, half)))
                    verdicts.append(how)
                if "equal" in verdicts:
                    tally.test(item, f.page, None)
                else:
                    rounding = "rounding" in verdicts
                    # report against the base that comes closest to the printed share
                    base, what, _ = min(bases, key=lambda b: abs(f.value_yuan / b[0] * 100 - f.share_pct))
                    bases = [(base, what)]
                    exact = f.value_yuan / base * 100
                    rounded = round_to(exact, step)
                    out.append(tally.test(item, f.page, Finding(SHARE_RULE, "info" if rounding else "warning",
                                       f"“{f.subject}”{f.printed}占{f.share_pct}%，按{bases[0][1]}计应为"
                                       f"{format(rounded, 'f')}%" + ("（舍入）" if rounding else ""),
                                       f"{f.subject} {f.printed}: the text prints {f.share_pct}%, {bases[0][1]} gives "
                                       f"{format(rounded, 'f')}%" + (" (rounding)" if rounding else ""),
                                       f.share_pct, _shown(exact, step), step * units, rounding, None,
                                       [Evidence(f.page, p.box.to_dict() if p.box else None, f.sentence,
                                                 f"{f.share_pct}%")], unit="%")))
        # the amount the next lines hang from: its sentence (the paragraph's end) leads into a list
        tail = f.sentence[f.sentence.find(f.printed) + len(f.printed):]
        if _leads(tail) or _leads(p.text) and p.text.rstrip().endswith(tail.strip()[-8:] or "\0"):
            parent = f
    return out
