"""Rule narrative.direction: the direction words of the prose against its numbers, everywhere.

- a change against last year (增加/增长/上升/增支, 减少/下降/降低/减支, 持平) against this year's figure
  and last year's when the sentence prints both (2023年执行数为X，2024年预算安排Y，比2023年增加Z%);
- 持平 beside a change that is not zero (与上年持平，减少3万元), and an increase to a figure of 0;
- a final account's 决算数 大于/小于/等于/持平/高于/低于 预算数 in any sentence, against the 年初预算
  and 决算 figures stated before it for the same item in its section (the wording right after a
  完成预算的Z% sentence is narrative.budget_completion's).

Shapes: reads prose/facts.py (Decimal 元; basis budget/actual/prior_year) and the paragraphs.
Findings are warnings, left/right the two figures in 元, with the sentence as evidence. A gap
within the printed precision of either figure counts as equal. Source: issue #13; GovBudgetChecker
CMM-005 (budget-vs-final direction), V33-245 (持平 and a change at once).
"""
from __future__ import annotations

from decimal import Decimal

from disclosure.checks import narrative
from disclosure.checks.findings import Evidence, Finding
from disclosure.checks.ledger import Tally
from disclosure.model import Document
from disclosure.normalize.rounding import DEFAULT_UNITS, last_unit
from disclosure.normalize.units import AMOUNT_IN_TEXT, FACTORS
from disclosure.prose.facts import direction_sign, prose
from disclosure.rx import compile as rx_compile

RULE = "narrative.direction"
_SAID = rx_compile(r"(?P<a>决算数?|支出决算|决算支出)\s*(?:数)?\s*(?:比|较)?\s*(?:年初)?(?:预算数?)?\s*"
                   r"(?P<w>大于|小于|高于|低于|等于|相等|持平|与(?:年初)?预算数?持平|同(?:年初)?预算数?持平|与(?:年初)?预算数?相等)"
                   r"|(?P<b>预算数)\s*(?P<w2>大于|小于|高于|低于)\s*决算数")
_WORD_SIGN = {"大于": 1, "高于": 1, "小于": -1, "低于": -1}
_NAMES = {1: "大于", -1: "小于", 0: "等于"}


def _step(printed: str, unit: str) -> Decimal:
    m = AMOUNT_IN_TEXT.match(printed)
    return last_unit(m.group(1)) * FACTORS[unit] if m else Decimal(0)


def _sign(a: Decimal, b: Decimal, tol: Decimal) -> int:
    return 0 if abs(a - b) <= tol else (1 if a > b else -1)


def _finding(zh: str, en: str, left, right, page, sentence, printed) -> Finding:
    return Finding(RULE, "warning", zh, en, left, right, Decimal(0), False, None,
                   [Evidence(page, None, sentence, printed)], unit="元")


def findings(doc: Document, units: Decimal = DEFAULT_UNITS, tally: Tally | None = None) -> list[Finding]:
    tally = tally if tally is not None else Tally("")
    tally.none("no direction word beside figures it can be checked against")
    out: list[Finding] = []
    for f in doc.facts:
        if f.is_change or not f.change_direction:
            continue
        what = f"{f.subject} {f.printed} {f.change_direction}"
        d = f.change_direction
        said = direction_sign(d)
        if said is None:
            continue
        tol = _step(f.printed, f.unit)
        if said == 0 and f.change_amount_yuan:
            out.append(tally.test(what, f.page, _finding(
                f"“{f.subject}”称与上年持平，却又列出变动{format(f.change_amount_yuan, 'f')}元：{f.sentence[:80]}",
                f"{f.subject}: 持平 beside a change of {format(f.change_amount_yuan, 'f')} yuan",
                f.change_amount_yuan, Decimal(0), f.page, f.sentence, f.printed)))
            continue
        if said == 1 and f.value_yuan == 0 and f.change_amount_yuan:
            out.append(tally.test(what, f.page, _finding(
                f"“{f.subject}”本年为0，不可能比上年{d}：{f.sentence[:80]}",
                f"{f.subject} is 0 this year and cannot have increased", f.value_yuan, f.change_amount_yuan,
                f.page, f.sentence, f.printed)))
            continue
        if f.prior_yuan is None:
            continue
        real = _sign(f.value_yuan, f.prior_yuan, tol)
        if real == said:
            tally.test(what, f.page, None)
            continue
        words = {1: "增加", -1: "减少", 0: "持平"}
        out.append(tally.test(what, f.page, _finding(
            f"“{f.subject}”说明称{d}，但本年{f.printed}、上年{format(f.prior_yuan / FACTORS[f.unit], 'f')}{f.unit}"
            f"应为{words[real]}：{f.sentence[:80]}",
            f"{f.subject}: the text says {d}; this year {f.printed} against last year's "
            f"{format(f.prior_yuan, 'f')} yuan is {words[real]}", f.value_yuan, f.prior_yuan, f.page, f.sentence,
            f.printed)))
    out += _budget_vs_actual(doc, tally)
    return out


def _budget_vs_actual(doc: Document, tally: Tally) -> list[Finding]:
    out: list[Finding] = []
    by_paragraph: dict[int, list] = {}
    for f in doc.facts:
        by_paragraph.setdefault(f.paragraph, []).append(f)
    section, seen = None, []  # the facts of the section so far
    for p, text, _ in prose(doc):
        if tuple(p.section_path) != section:
            section, seen = tuple(p.section_path), []
        covered = [(m.end(), m.end() + 40) for m in narrative._COMPLETION.finditer(p.text)]
        facts = by_paragraph.get(p.index, [])
        offset = len(text) - len(p.text)  # the heading's end read first
        for m in _SAID.finditer(p.text):
            if any(a <= m.start() <= b for a, b in covered):
                continue  # narrative.budget_completion checks the wording after 完成预算的Z%
            pos = m.start() + offset
            before = seen + [f for f in facts if text.find(f.sentence) >= 0 and text.find(f.sentence) < pos]
            actual = next((f for f in reversed(before) if f.basis == "actual" and not f.is_change), None)
            budget = next((f for f in reversed(before) if f.basis == "budget" and not f.is_change
                           and (actual is None or f.code == actual.code and (f.code or f.subject == actual.subject
                                                                              or not f.subject or not actual.subject))),
                          None)
            w = m.group("w") or m.group("w2")
            said = _WORD_SIGN.get(w, 0)
            if m.group("b"):
                said = -said  # 预算数大于决算数
            what = p.text[max(0, m.start() - 20):m.end()]
            if actual is None or budget is None:
                tally.missing(what, p.page, "决算数与预算数的比较，但前文未同时给出该项的预算数和决算数")
                continue
            tol = max(_step(actual.printed, actual.unit), _step(budget.printed, budget.unit))
            real = _sign(actual.value_yuan, budget.value_yuan, tol)
            if real == said:
                tally.test(what, p.page, None)
                continue
            out.append(tally.test(what, p.page, Finding(
                RULE, "warning",
                f"说明称决算数{w}预算数，但“{actual.subject or budget.subject}”决算{actual.printed}{_NAMES[real]}"
                f"预算{budget.printed}",
                f"the text says the actual is {_NAMES[said]} the budget; {actual.subject}: actual {actual.printed}, "
                f"budget {budget.printed}", actual.value_yuan, budget.value_yuan, tol, False, None,
                [Evidence(p.page, p.box.to_dict() if p.box else None, what, w),
                 Evidence(budget.page, None, budget.sentence, budget.printed),
                 Evidence(actual.page, None, actual.sentence, actual.printed)], unit="元")))
        seen += facts
    return out
