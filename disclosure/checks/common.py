"""Helpers the rules share: evidence from printed values, a finding from a comparison."""
from __future__ import annotations

from decimal import Decimal

from disclosure.checks.findings import Evidence, Finding
from disclosure.checks.ledger import Tally
from disclosure.checks.unread import table_unread
from disclosure.normalize.rounding import tolerance, verdict
from disclosure.normalize.units import value_unit
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


_SHARED: dict[tuple, tuple] = {}  # ids -> (the objects, kept so their ids are not reused; what is made of them)
_SHARED_MAX = 4096


def shared(what: str, objs: tuple, made):
    """`made`, or the object made before for `what` of these objects (by identity, while they are
    among the last `_SHARED_MAX` asked about) when it is the same: equal as text (`repr`: a str,
    a Decimal with its exponent, a dict of floats with the sign of a zero). The findings citing
    one printed value keep one copy of its evidence's box dict and text and of its amount in 元
    (read only, all of them); what a caller changed since (a table's unit, a row's name) is made
    anew, never taken from before. `forget()` empties it (checks.run_with_ledger, when a
    document's checks end)."""
    key = (what, *map(id, objs))
    got = _SHARED.get(key)
    if got is not None and all(a is b for a, b in zip(got[0], objs)) and type(got[1]) is type(made) \
            and repr(got[1]) == repr(made):
        return got[1]
    if len(_SHARED) >= _SHARED_MAX:
        _SHARED.clear()
    _SHARED[key] = (objs, made)
    return made


def forget() -> None:
    """Let go of what `box_dict` and `evidence` share (the findings keep what they cite)."""
    _SHARED.clear()


def box_dict(box: Box) -> dict:
    """`box.to_dict()`, one dict per Box object while it is shared (read only: see `shared`)."""
    return shared("box", (box,), box.to_dict())


def evidence(t: Table, r: Row, v: Value) -> Evidence:
    """Where value `v` of row `r` of table `t` is printed, as a finding cites it. Its box dict and
    text are shared with the other findings citing the value (`shared`); the Evidence is its own
    (cross_tables rewrites an evidence's `what`)."""
    box = box_dict(v.box) if v.box is not None else None
    what = shared("what", (t, r, v), f"{t.label} {row_label(r)} / {v.column}")
    return Evidence(r.page, box, what, v.amount.printed)


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
                   [evidence(t, *left)] + [evidence(t, r, v) for r, v in parts],
                   unit=value_unit(left[1], t.unit) or None)


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
