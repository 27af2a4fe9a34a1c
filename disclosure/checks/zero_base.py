"""Rule narrative.zero_base: a percentage of a change from nothing.

`增加0.30万元，增长100%` where this year's figure is 0.30万元: last year's was 0 and no percentage
can be computed; likewise a percentage beside last year's figure printed as 0, or a base the
figures make negative (this year's figure less than an increase). 完成预算的X% of a budget of 0 is
the same defect in a final account.

Shapes: reads prose/facts.py (value, change_amount_yuan, change_direction, change_pct, prior_yuan,
all Decimal 元) and the 完成预算 sentences of checks/narrative.py. Findings are warnings with the
sentence as evidence (the printed % its `printed`); left = the base in 元 (last year's figure, or
the budget), unit 元, no right: there is nothing to compare it with, only a base of 0 or less. Source: issue #13;
GovBudgetChecker CMM-007 (zero-base year-on-year) and V33-234 (completion % of a 0 budget).
"""
from __future__ import annotations

from decimal import Decimal

from disclosure.checks import narrative
from disclosure.checks.findings import Evidence, Finding
from disclosure.checks.ledger import Tally
from disclosure.model import Document
from disclosure.normalize.rounding import DEFAULT_UNITS
from disclosure.normalize.units import FACTORS, TEXT_FACTORS
from disclosure.prose.facts import direction_sign

RULE = "narrative.zero_base"


def base(f) -> Decimal | None:
    """Last year's figure in 元 as the sentence gives it or implies it, None when it cannot be known."""
    if f.prior_yuan is not None:
        return f.prior_yuan
    if f.change_amount_yuan is None:
        return None
    sign = direction_sign(f.change_direction)
    return f.value_yuan - sign * f.change_amount_yuan if sign else None


def findings(doc: Document, units: Decimal = DEFAULT_UNITS, tally: Tally | None = None) -> list[Finding]:
    tally = tally if tally is not None else Tally("")
    tally.none("no percentage of a change, nor 完成预算的%")
    out: list[Finding] = []
    for f in doc.facts:
        if f.is_change or f.change_pct is None:
            continue
        what = f"{f.subject} {f.printed} {f.change_direction}{f.change_pct}%"
        b = base(f)
        if b is None:
            tally.missing(what, f.page, "neither last year's figure nor the change is printed")
            continue
        if b > 0 or b == 0 and f.value_yuan == 0:  # (0 against 0, 增减0%: nothing changed)
            tally.test(what, f.page, None)
            continue
        unit = FACTORS[f.unit]
        zh = (f"“{f.subject}”上年数为0（本年{f.printed}，{f.change_direction}{format(f.value_yuan - b, 'f')}元），"
              f"增减{f.change_pct}%无从计算") if b == 0 else \
             (f"“{f.subject}”{f.printed}，{f.change_direction}{format(abs(f.value_yuan - b) / unit, 'f')}{f.unit}，"
              f"推得上年数为{format(b / unit, 'f')}{f.unit}（小于0），增减{f.change_pct}%不成立")
        out.append(tally.test(what, f.page, Finding(
            RULE, "warning", zh,
            f"{f.subject}: {f.printed}, {f.change_direction} {f.change_pct}%: last year's figure is "
            f"{format(b, 'f')} yuan, no percentage of a change from {'nothing' if b == 0 else 'a negative base'}",
            b, None, None, False, None, [Evidence(f.page, None, f.sentence, f"{f.change_pct}%")], unit="元")))
    for p in doc.paragraphs:
        for m in narrative._COMPLETION.finditer(p.text):
            budget = Decimal(m.group(1).replace(",", "")) * TEXT_FACTORS[m.group(2)]
            what = m.group(0)[:60]
            if budget > 0:
                tally.test(what, p.page, None)
                continue
            out.append(tally.test(what, p.page, Finding(
                RULE, "warning", f"年初预算为0，“完成年初预算的{m.group(5)}%”无从计算：{m.group(0)[:80]}",
                f"a completion of {m.group(5)}% of a budget of 0", budget, None, None, False,
                None, [Evidence(p.page, p.box.to_dict() if p.box else None, m.group(0), f"{m.group(5)}%")],
                unit="元")))
    return out
