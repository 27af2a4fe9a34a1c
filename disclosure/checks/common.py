"""Helpers the rules share: evidence from printed values, a finding from a comparison."""
from __future__ import annotations

from decimal import Decimal

from disclosure.checks.findings import Evidence, Finding
from disclosure.checks.ledger import Tally
from disclosure.checks.unread import table_unread
from disclosure.normalize.rounding import tolerance, verdict
from disclosure.model import Box, Document, Row, Table, Value


def own_values(r: Row, kind: str) -> list[Value]:
    """The row's figures of this year, the document's own basis first (决算数 before 预算数 in a final
    account); last year's figures, changes and counts (团组数, 人次: measure count, no money) left out
    (measures.json bases)."""
    own = "actual" if kind == "final_accounts" else "budget"
    vs = [v for v in r.values if v.basis != "prior_year" and v.measure not in ("change", "change_pct", "count")]
    return sorted(vs, key=lambda v: v.basis not in (own, ""))


def row_label(r: Row) -> str:
    return " ".join(x for x in (r.code, r.name) if x) or f"row {r.index}"


_BOX_DICTS: dict[int, tuple[Box, dict]] = {}  # id(box) -> (the box, kept so its id is not reused; its dict)


def box_dict(box: Box) -> dict:
    """`box.to_dict()`, one dict per Box object (read only, at most 4096 kept): the findings citing
    one printed value share it (a value compared with the same code in every other table is cited
    by each finding). By identity, not equality: boxes equal as numbers (0.0 and -0.0) may print
    differently."""
    got = _BOX_DICTS.get(id(box))
    if got is not None and got[0] is box:
        return got[1]
    if len(_BOX_DICTS) >= 4096:
        _BOX_DICTS.clear()
    d = box.to_dict()
    _BOX_DICTS[id(box)] = (box, d)
    return d


def evidence(t: Table, r: Row, v: Value) -> Evidence:
    box = box_dict(v.box) if v.box is not None else None
    return Evidence(r.page, box, f"表{t.index} {row_label(r)} / {v.column}", v.amount.printed)


def value(v: Value | None) -> Decimal:
    """A printed amount for adding up: a blank cell or a dash is zero."""
    return v.amount.value if v is not None and v.amount.value is not None else Decimal(0)


def compare(rule: str, t: Table, left: tuple[Row, Value], parts: list[tuple[Row, Value]], units: Decimal,
            zh: str, en: str, right: Decimal | None = None) -> Finding | None:
    """A finding when the left value differs from the sum of the parts (or `right`), None when equal."""
    total = value(left[1])
    other = right if right is not None else sum((value(v) for _, v in parts), Decimal(0))
    printed = [left[1].amount.printed] + [v.amount.printed for _, v in parts]
    tol = tolerance(printed, units)
    how = verdict(total, other, tol)
    if how == "equal":
        return None
    diff = total - other
    rounding = how == "rounding"
    return Finding(rule, "info" if rounding else "error",
                   f"{zh}：印 {format(total, 'f')}，合计应为 {format(other, 'f')}，差 {format(diff, 'f')}"
                   + ("（舍入）" if rounding else ""),
                   f"{en}: printed {format(total, 'f')}, parts add up to {format(other, 'f')}, "
                   f"difference {format(diff, 'f')}" + (" (rounding)" if rounding else ""),
                   total, other, tol, rounding, t.index,
                   [evidence(t, *left)] + [evidence(t, r, v) for r, v in parts])


def tested(tally: Tally, doc: Document, tables: list[Table], what: str, page: int | None,
           f: Finding | None) -> Finding | None:
    """Record one arithmetic test of figures printed in `tables`. A difference where one of the
    tables was not read whole (an unread page beside it) or its reading is unverified is not a
    finding: the test is `not_read` in the ledger, with the reason (sums over unread pages are never
    errors). Returns the finding to report, or None."""
    if f is not None and f.severity != "info":
        why = "; ".join(w for w in (table_unread(doc, t) for t in tables) if w)
        if why:
            diff = format(f.difference, "f") if f.difference is not None else "?"
            tally.not_read(what, page, f"{what}: difference {diff} not judged: {why}")
            return None
    return tally.test(what, page, f)
