"""Rule narrative.year_named: the years the prose names against the document's year.

A budget for year N compares with N−1 (比N−1年, 与N−1年相比, N−1年预算执行数, 上年（N−1年）); a final
account for year N reports N against N's budget and compares with N−1. A comparison naming any
other year is last year's text left in, or a typing slip (比2017年 in a 2019 budget). `截至X年`
(the assets of 截至N−1年12月31日) names N−1 or N in a budget, N or N+1 in a final account.

Shapes: findings are warnings, one per occurrence, with the paragraph as evidence (page, box, the
words around it). Years inside 《…》 (the title of a document cited) are not read. Words:
schemas/reviewer_words.json (comparison_years, as_of_years). Source: issue #13; GovBudgetChecker
BUD-003 (years other than Y and Y−1, 截至 whitelisted) and V33-001.
"""
from __future__ import annotations

from decimal import Decimal

from disclosure.checks.findings import Evidence, Finding
from disclosure.checks.ledger import Tally
from disclosure.model import Document
from disclosure.normalize.rounding import DEFAULT_UNITS
from disclosure.rx import compile as rx_compile
from disclosure.schemas import load

RULE = "narrative.year_named"
_W = load("reviewer_words")
_COMPARE = [rx_compile(p) for p in _W["comparison_years"]]
_AS_OF = [rx_compile(p) for p in _W["as_of_years"]]
_CITED = rx_compile(r"《[^》]*》")


def allowed(kind: str, year: int, what: str) -> set[int]:
    """The years a document of `kind` for `year` may name in a comparison (`compare`) or a 截至 (`as_of`)."""
    if what == "compare":
        return {year - 1}
    return {year, year + 1} if kind == "final_accounts" else {year - 1, year}


def findings(doc: Document, units: Decimal = DEFAULT_UNITS, tally: Tally | None = None) -> list[Finding]:
    tally = tally if tally is not None else Tally("")
    tally.none("no sentence naming the year it compares with (比X年, X年预算执行数, 截至X年)")
    out: list[Finding] = []
    for p in doc.paragraphs:
        if p.kind != "paragraph":
            continue
        text = _CITED.sub(lambda m: "＿" * len(m.group(0)), p.text)
        for what, patterns in (("compare", _COMPARE), ("as_of", _AS_OF)):
            seen: set[int] = set()
            for pat in patterns:
                for m in pat.finditer(text):
                    if m.start("y") in seen:
                        continue
                    seen.add(m.start("y"))
                    named = int(m.group("y"))
                    words = p.text[m.start():m.end()]
                    if not doc.year:
                        tally.missing(words, p.page, "the document's year is not known")
                        continue
                    ok = allowed(doc.kind, doc.year, what)
                    if named in ok:
                        tally.test(words, p.page, None)
                        continue
                    around = p.text[max(0, m.start() - 24):m.end() + 24]
                    expect = "、".join(str(y) for y in sorted(ok))
                    kind = "预算" if doc.kind == "budget" else "决算" if doc.kind == "final_accounts" else "文件"
                    out.append(tally.test(words, p.page, Finding(
                        RULE, "warning",
                        f"{doc.year}年{kind}说明中“{words}”所指年份{named}应为{expect}：{around}",
                        f"a {doc.year} {doc.kind} names {named} in '{words}'; expected {expect}",
                        Decimal(named), Decimal(min(ok, key=lambda y: abs(y - named))), Decimal(0), False, None,
                        [Evidence(p.page, p.box.to_dict() if p.box else None, around, words)], unit="年")))
    return out
