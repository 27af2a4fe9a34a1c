"""Rule narrative.item_two_amounts: one item stated with two different amounts in the same
explanation (the paragraphs under one heading): `“…住房公积金（项）”350.35万元 … 2024年预算安排352.67万元`.

An item is a chart code (a fact linked by code) or a subject the standard tables print (基本支出,
公务接待费, 收入预算 …); the two amounts must be the same figure: the same basis (this year's
budget, or a final account's 决算), neither a change nor last year's. A gap within the printed
precision of either is not a difference; an item listed under two different heads (工资福利支出
其中 under 基本支出 and under 项目支出) is two items. (The explanation against its table is
narrative.amount_vs_table.)

Shapes: reads prose/facts.py; Decimal 元. One test per item and section; a warning per item with
two amounts, evidence both sentences. Source: issue #13; GovBudgetChecker
V33-NARRATIVE-INDICATOR-REPEAT.
"""
from __future__ import annotations

from decimal import Decimal

from disclosure.checks.findings import Evidence, Finding
from disclosure.checks.ledger import Tally
from disclosure.checks.share_sums import WHOLES
from disclosure.model import Document, Fact
from disclosure.normalize.rounding import DEFAULT_UNITS, last_unit
from disclosure.normalize.units import AMOUNT_IN_TEXT, FACTORS
from disclosure.prose.subjects import item_key

RULE = "narrative.item_two_amounts"


def _step(f) -> Decimal:
    m = AMOUNT_IN_TEXT.match(f.printed)
    return last_unit(m.group(1)) * FACTORS[f.unit] if m else Decimal(0)


def _head_key(f: Fact) -> str:
    return item_key(f) or f.subject


def _other_list(heads: dict[int, Fact], a, b) -> bool:
    """Facts `a` and `b` are listed under two different items (工资福利支出 under 基本支出 and under
    项目支出: one economic class in two lists, not one item stated twice)."""
    return a.index in heads and b.index in heads and _head_key(heads[a.index]) != _head_key(heads[b.index])


def parts_sums(doc: Document, heads: dict[int, Fact]) -> dict[int, tuple[Decimal, list[Fact]]]:
    """Head fact index -> (the sum, the parts) of the two parts that make it listed under it (人员经费
    and 公用经费 under 基本支出, 基本支出 and 项目支出 under the expenditure: share_sums.WHOLES), the
    first of each kind."""
    children: dict[int, dict[str, Fact]] = {}
    for f in doc.facts:
        if f.index in heads and f.basis == heads[f.index].basis:
            children.setdefault(heads[f.index].index, {}).setdefault(f.subject_kind, f)
    out = {}
    for head, kinds in children.items():
        whole = next((w for w in WHOLES if w <= kinds.keys()), None)
        if whole is not None:
            parts = [kinds[k] for k in sorted(whole)]
            out[head] = (sum(f.value_yuan for f in parts), parts)
    return out


def _across(doc: Document, heads: dict[int, Fact], tally: Tally) -> list[Finding]:
    """One item stated with two amounts in two sections of the document, one of them the sum of the
    two parts that make it (2023年本年一般公共预算基本支出911000.39元，其中：人员经费809961.19元 …
    公用经费71339.2元, and 基本支出预算881300.39元 elsewhere: the parts say 881300.39): the amount the
    parts contradict is reported. Without the parts, two sections may speak of two scopes."""
    by_key: dict[tuple, list[Fact]] = {}
    for f in doc.facts:
        if not f.is_change and f.basis != "prior_year" and item_key(f):
            by_key.setdefault((item_key(f), f.basis), []).append(f)
    out = []
    for head, (total, parts) in parts_sums(doc, heads).items():
        h = next(f for f in doc.facts if f.index == head)
        same = by_key.get((item_key(h), h.basis), []) if item_key(h) else []
        step = max([_step(p) for p in parts] + [_step(h)])
        agree = [f for f in same if abs(f.value_yuan - total) <= step]
        if abs(h.value_yuan - total) <= step or not agree:
            if len(same) > 1:
                tally.test(f"{item_key(h)} ({h.subject}) and its parts", h.page, None)
            continue
        what = f"{item_key(h)} ({h.subject}) and its parts"
        said = "+".join(f"{p.subject}{p.printed}" for p in parts)
        out.append(tally.test(what, h.page, Finding(
            RULE, "warning",
            f"“{h.subject}”先为{agree[0].printed}，又为{h.printed}；{said}合计{total}元",
            f"{h.subject} is stated as {agree[0].printed} and as {h.printed}; its parts {said} add up to {total} 元",
            h.value_yuan, total, step, False, None,
            [Evidence(h.page, None, h.sentence, h.printed), Evidence(agree[0].page, None, agree[0].sentence,
                                                                     agree[0].printed)], unit="元")))
    return out


def list_heads(doc: Document) -> dict[int, Fact]:
    """The fact each fact is listed under (fact index -> the head): a fact
    whose sentence has 其中 before its amount is listed under the level before that 其中 (1. 基本支出
    881300.39元…。其中：工资福利支出716052.51元), the facts after it in its section under the same head
    until another 其中; no entry for a fact under no list."""
    out: dict[int, Fact] = {}
    paths = {p.index: tuple(p.section_path) for p in doc.paragraphs}
    head, prev, path = None, None, None
    for f in doc.facts:
        if f.is_change:
            continue
        if paths.get(f.paragraph) != path:
            head, prev, path = None, None, paths.get(f.paragraph)
        at = f.sentence.find(f.printed)
        listed = f.sentence.rfind("其中", 0, at if at >= 0 else None)
        if listed >= 0 and prev is not None and not (prev.group == f.group and prev.sentence == f.sentence
                                                       and prev.sentence.find(prev.printed) > listed):
            head = prev  # (a 其中 already opened in this sentence before the item before: the same list)
        if head is not None and head is not f:
            out[f.index] = head
        prev = f
    return out


def findings(doc: Document, units: Decimal = DEFAULT_UNITS, tally: Tally | None = None) -> list[Finding]:
    tally = tally if tally is not None else Tally("")
    tally.none("no item stated twice in one explanation")
    paths = {p.index: tuple(p.section_path) for p in doc.paragraphs}
    groups: dict[tuple, list] = {}
    for f in doc.facts:
        if f.is_change or f.basis == "prior_year" or not item_key(f):
            continue
        if doc.kind != "final_accounts" and f.basis == "actual":
            continue
        groups.setdefault((paths.get(f.paragraph, ()), item_key(f), f.basis or "budget"), []).append(f)
    out = []
    heads = list_heads(doc)
    for (path, key, basis), fs in groups.items():
        if len(fs) < 2:
            continue
        what = f"{key} ({fs[0].subject}) §{path[-1] if path else ''}"
        first = fs[0]
        other = next((f for f in fs[1:] if abs(f.value_yuan - first.value_yuan) > max(_step(f), _step(first))
                      and not _other_list(heads, f, first)), None)
        if other is None:
            tally.test(what, first.page, None)
            continue
        out.append(tally.test(what, first.page, Finding(
            RULE, "warning",
            f"同一说明中“{first.subject}”先为{first.printed}，又为{other.printed}",
            f"{first.subject} is stated as {first.printed} and as {other.printed} in one explanation",
            first.value_yuan, other.value_yuan, max(_step(other), _step(first)), False, None,
            [Evidence(first.page, None, first.sentence, first.printed),
             Evidence(other.page, None, other.sentence, other.printed)], unit="元")))
    return out + _across(doc, heads, tally)
