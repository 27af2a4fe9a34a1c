"""Rule narrative.share (the two parts of a whole): the two parts that make a whole, stated as
shares of one named base — 基本支出 and 项目支出 of the expenditure, 人员经费 and 公用经费 of 基本支出
(财政部 部门预算 的支出结构) — add up to 100% (84.06% + 19.62% = 103.68%: a misprint; 96.74% + 3.26% =
100%). Each share is printed rounded: the sum may miss by the half units of the two. Other shares of
one base are not added: a base may be split two ways at once (政府采购预算 by method, 集中 100% and
分散 0%, and by kind, 货物 58.8%, 工程 0%, 服务 41.2%).

Shapes: the facts of doc.facts that state a share (share_pct) and name its base after 占, grouped by
the base's words, the section (paragraph section_path) and the figure (basis); a group in which one
part states two shares is not judged (two years or two readings). One test per pair; a finding
(warning) per pair not making 100%, with both shares as evidence.
"""
from __future__ import annotations

from decimal import Decimal

from disclosure.checks.findings import Evidence, Finding
from disclosure.checks.ledger import Tally
from disclosure.model import Document
from disclosure.normalize.rounding import DEFAULT_UNITS
from disclosure.normalize.text import compact
from disclosure.rx import compile as rx_compile

RULE = "narrative.share"
# the base a share names: 占一般公共预算支出的 84.06%, 占基本支出预算81.45%; a base is a figure
# (…支出, …经费, …合计), not 占比
_BASE = rx_compile(r"^\s*[，,]?\s*占([^，。；%％\d]{1,24}?)的?\s*\d+(?:\.\d+)?\s*[%％]")
_FIGURE = rx_compile(r"支出|收入|经费|预算|决算|合计|总计|总额|资金")
# the parts that make their whole (the kinds of prose/subjects.KINDS)
WHOLES = ({"basic", "project"}, {"personnel", "public"})
HUNDRED = Decimal(100)


def _half(pct: Decimal) -> Decimal:
    return Decimal(5).scaleb(min(pct.as_tuple().exponent, 0) - 1)


def findings(doc: Document, units: Decimal = DEFAULT_UNITS, tally: Tally | None = None) -> list[Finding]:
    """Findings of the two parts of a whole whose shares of one base do not make 100% (see the module)."""
    tally = tally if tally is not None else Tally("")
    tally.none("no two parts of a whole stated as shares of one base")
    paths = {p.index: tuple(p.section_path) for p in doc.paragraphs}
    groups: dict[tuple, list] = {}
    for f in doc.facts:
        if f.is_change or f.share_pct is None:
            continue
        m = _BASE.match(f.sentence[f.sentence.find(f.printed) + len(f.printed):])
        base = compact(m.group(1)).replace("“", "").replace("”", "") if m else ""
        if base and _FIGURE.search(base):
            groups.setdefault((base, paths.get(f.paragraph, ()), f.basis), []).append(f)
    out = []
    for (base, _, _), facts in groups.items():
        by_kind: dict[str, dict[Decimal, object]] = {}
        for f in facts:
            by_kind.setdefault(f.subject_kind, {}).setdefault(f.share_pct, f)
        for whole in WHOLES:
            if not all(len(by_kind.get(k, {})) == 1 for k in whole):
                continue
            parts = [next(iter(by_kind[k].values())) for k in sorted(whole)]
            total = sum(f.share_pct for f in parts)
            slack = sum(_half(f.share_pct) for f in parts)
            names = "、".join(f"{f.subject}{f.share_pct}%" for f in parts)
            what = f"shares of {base}: {names}"
            if abs(total - HUNDRED) <= slack:
                tally.test(what, parts[0].page, None)
                continue
            out.append(tally.test(what, parts[0].page, Finding(
                RULE, "warning", f"占{base}的份额{names}合计{total}%，两者应合计100%",
                f"the shares of {base} ({names}) add up to {total}%: the two parts of the whole make 100%",
                total, HUNDRED, slack, False, None,
                [Evidence(f.page, None, f.sentence, f"{f.share_pct}%") for f in parts], unit="%")))
    return out
