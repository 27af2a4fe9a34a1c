"""The arithmetic a table's own layout promises, found from its rows and header, and tested.

Four kinds, each a printed total and the printed parts it must equal:

- `hierarchy`: a 类 row and its 款 rows, a 款 row and its 项 rows, in every amount column
  (functional 201–234 and economic 301–399 alike);
- `column_total`: the 合计/总计 row and the rows one level under it (the 类 rows of a table of
  codes, or of one side of it under that side's own 人员经费合计; the items of a table without
  codes, a 其中 block counted through the row it details); a row numbered 一、 and the rows
  numbered 1. / （一） under it (or its unnumbered rows, where the arithmetic finds their nesting);
  the items of a summary's expenditure pair against the 支出小计 printed once for both pairs;
- `row_parts`: in every row, a 合计/小计 column and the columns printed under the same heading
  beside it (合计 = 基本支出 + 项目支出, 人员经费 + 公用经费, the income sources, the 三公 items);
- `two_sides`: 收入总计 and 支出总计 of a two-sided table.

The check stage reports every identity that fails (checks/hierarchy_sums.py, column_totals.py,
row_parts.py, two_sided.py); the structure stage tests them all on each table it reads
(`verify`): the share of a table's amounts that some identity holding covers says how far its
reading can be trusted without anything to compare it with. A difference within one unit of the
finest last printed decimal is rounding and holds.
"""
from __future__ import annotations

from dataclasses import dataclass
from dataclasses import replace as dataclass_replace
from decimal import Decimal

from disclosure.model import IdentityTest, Row, Table, Value, Verification
from disclosure.numerals import ITEM_MARK, LIST_NUMBER, SUB_NUMBER
from disclosure.normalize.measures import COUNT, column_count_unit
from disclosure.normalize.rounding import tolerance, verdict
from disclosure.normalize.text import compact
from disclosure.rx import compile as rx_compile
from disclosure import rx as rx_re

NEXT_LEVEL = {"类": "款", "款": "项"}
_PLAIN_TOTAL = rx_compile(r"^(合计|总计)$")
_ANY_TOTAL = rx_compile(r"^(本年|全年)?(收入|支出|收支)?(合计|总计)$")
TOTAL_COLUMN = rx_compile(r"^(本年)?(收入|支出)?(合计|总计|小计)$")
_DETAIL = rx_compile(r"^其中[:：]?")
_SIDE_TOTAL = rx_compile(r"^[^\d]{1,10}(合计|总计)$")
_FINER = (("（一）", SUB_NUMBER),
          ("1.", rx_compile(r"^\d+\s*[、.．]")),
          ("（1）", rx_compile(r"^[（(]\d+[）)]")))
NOT_PARTS = {"change", "change_pct"}


@dataclass
class Identity:
    """A printed total and the printed parts it must equal."""

    kind: str  # hierarchy | column_total | row_parts | two_sides
    total: tuple[Row, Value]
    parts: list[tuple[Row, Value]]
    label: str = ""  # what it says, for a reader: "201 = Σ 款 (合计)"
    choice: str = ""  # a reading the arithmetic decided (which rows detail which), said for a reader

    @property
    def values(self) -> list[Value]:
        return [self.total[1]] + [v for _, v in self.parts]

    def sums(self) -> tuple[Decimal, Decimal]:
        total = self.total[1].amount.value or Decimal(0)
        return total, sum((v.amount.value or Decimal(0) for _, v in self.parts), Decimal(0))

    def tested(self) -> bool:
        """Something is printed on either side (a blank total over blank parts says nothing)."""
        return any(v.amount.status == "number" for v in self.values)

    def tolerance(self, units: Decimal = Decimal(1)) -> Decimal:
        """`units` of the finest last decimal printed among its values."""
        return tolerance([v.amount.printed for v in self.values], units)

    def holds(self, units: Decimal = Decimal(1)) -> bool:
        total, parts = self.sums()
        return verdict(total, parts, self.tolerance(units)) != "differ"

    def test(self, units: Decimal = Decimal(1), shared: dict | None = None) -> IdentityTest:
        """The identity as tested, its cells by reference (side, row index, column index).
        shared: equal references and tolerances already made for the table's other identities, by
        key, so that its tests share one object each (a table's cells are the totals and parts of
        several identities; a long document keeps every test until it is written)."""
        total, parts = self.sums()
        tol = self.tolerance(units)
        held = verdict(total, parts, tol) != "differ"
        refs = [_ref(*self.total)] + [_ref(r, v) for r, v in self.parts]
        if shared is not None:
            refs = [shared.setdefault(x, x) for x in refs]
            tol = shared.setdefault(("tolerance", str(tol)), tol)  # by its text: 0.01 and 0.010 are two
            if parts.as_tuple() == total.as_tuple():
                parts = total  # parts adding up to the total as printed (most do): one Decimal
        return IdentityTest(self.kind, self.label, refs[0], refs[1:], total, parts, tol, held)


def _ref(row: Row, value: Value) -> tuple[str, int, int]:
    return (row.side, row.index, value.column_index)


# ---------------------------------------------------------------- discovery

def _amounts(row: Row) -> dict[int, Value]:
    return {v.column_index: v for v in row.values if v.amount.status in ("number", "blank", "dash")}


def quantity(v: Value) -> tuple[str, str]:
    """What a value adds up with: ("money", "") for an amount in the table's unit, ("count", unit)
    for a count (团组数 个, 人次, 保有量 辆: measure count). A total and its parts are of one quantity:
    a count is never added to money, nor 人次 to 批次."""
    return ("count", v.unit) if v.measure == COUNT else ("money", "")


def children(rows: list[Row], i: int) -> list[Row]:
    """The rows one level under rows[i] (same side, code starting with its code) that follow it; a
    row with neither code nor figure between them is passed over."""
    parent = rows[i]
    want = NEXT_LEVEL.get(parent.level)
    out = []
    for r in rows[i + 1:]:
        if r.side != parent.side:
            continue
        if not r.code and all(v.amount.status == "blank" for v in r.values):
            continue  # a line of label alone (a wrapped label's tail read as a row) ends no family
        if not r.code or not r.code.startswith(parent.code) or r.classification != parent.classification:
            break
        if r.level == want:
            out.append(r)
    return out


def families(table: Table):
    """(parent, children) of every 类 and 款 row that prints children."""
    rows = [r for r in table.rows if r.role == "item"]
    for i, parent in enumerate(rows):
        if parent.level in NEXT_LEVEL and parent.code:
            kids = children(rows, i)
            if kids:
                yield parent, kids


def _column_identities(parent: Row, kids: list[Row], kind: str, label: str,
                       printed: bool = False, empty: set[tuple[int, int]] = frozenset()) -> list[Identity]:
    """One identity per amount column of `parent`. `printed`: only where the parent prints a number
    and no subtotal among the parts is blank (rows without codes: a total left blank or a label
    cut from its row says nothing certain), unless `empty` holds (id(row), column) for it: a
    subtotal left blank over rows that print nothing there either."""
    out = []
    theirs = [_amounts(k) for k in kids]
    for col, v in _amounts(parent).items():
        same = [(k, t) for k, t in zip(kids, theirs) if col not in t or quantity(t[col]) == quantity(v)]
        if any(col in t for t in theirs) and not any(col in t for _, t in same):
            continue  # the rows under it print counts where it prints money (or the other way): nothing to add
        kids_, theirs_ = [k for k, _ in same], [t for _, t in same]
        parts = [(k, t[col]) for k, t in same if col in t and t[col].amount.status == "number"]
        if v.amount.status != "number" and not parts:
            continue
        if printed and (v.amount.status != "number" or any(
                k.role in ("total", "subtotal") and (col not in t or t[col].amount.status != "number")
                and (id(k), col) not in empty for k, t in zip(kids_, theirs_))):
            continue
        out.append(Identity(kind, (parent, v), parts, f"{label} ({v.column})"))
    return out


def hierarchy(table: Table) -> list[Identity]:
    out = []
    for parent, kids in families(table):
        out.extend(_column_identities(parent, kids, "hierarchy",
                                      f"{parent.code} = Σ {NEXT_LEVEL[parent.level]}"))
    return out




def _items_under(rows: list[Row]) -> list[Row]:
    """The rows a total adds up when no codes are printed: the items numbered 一、二、… when some
    are (their 1. / （一） rows detail them), else every item but a 其中 block (the rows from one
    starting 其中 up to the next numbered or 序号 row), which its parent counts."""
    if any(LIST_NUMBER.match(compact(r.name)) for r in rows):
        return [r for r in rows if LIST_NUMBER.match(compact(r.name))]
    out, inside, style = [], False, None
    for r in rows:
        name = compact(r.name)
        if _DETAIL.match(name):
            inside, style = True, _style(_DETAIL.sub("", name))
            continue
        if inside and (r.attributes or ITEM_MARK.match(name)) and not _goes_on(style, name):
            inside = False  # a numbered row (2. / （2）) ends the block: the detailed row's sibling
        if not inside:
            out.append(r)
    return out


def column_totals(table: Table) -> list[Identity]:
    """A table of codes: its 合计 row against its 类 rows. A table without codes (the sources of
    income, the two sides of a summary, the 三公 items): each total row against the items it closes
    (the rows after it when the table prints its total first, else the rows since the total
    before, that total included: 收入总计 = 本年收入合计 + 上年结转); a row detailed by a 其中
    block against the block; a row numbered 一、 against the rows under it (`_numbered_details`);
    a summary's expenditure pair against the total printed once for both pairs (`_shared_totals`).
    A table of codes printed in two halves (left | right), no plain 合计 on a half: that half's own
    total (人员经费合计) against its 类 rows."""
    out = []
    for side in dict.fromkeys(r.side for r in table.rows):
        rows = [r for r in table.rows if r.side == side]
        if any(r.code for r in rows if r.role == "item"):
            totals = [r for r in rows if r.role == "total" and _ANY_TOTAL.match(compact(r.name))]
            if len(totals) > 1:
                totals = [r for r in totals if _PLAIN_TOTAL.match(compact(r.name))]
            if not totals and side and len({r.side for r in table.rows}) > 1:
                # a table printed in two halves, each closed by its own total: 人员经费合计 under 301
                # and 303, 公用经费合计 under 302 and 310 (a one-sided table's 人员经费合计 is no sum of
                # its 类 rows)
                totals = [r for r in rows if r.role == "total" and _SIDE_TOTAL.match(compact(r.name))]
            tops = [r for r in rows if r.role == "item" and r.level == "类" and r.code]
            if len(totals) == 1 and tops:
                name = compact(totals[0].name)
                label = "合计 = Σ 类" if _PLAIN_TOTAL.match(name) else f"{name} = Σ 类"
                out.extend(_column_identities(totals[0], tops, "column_total", label))
            continue
        out.extend(_running_totals(rows))
        out.extend(_details(rows))
        out.extend(_numbered_details(rows))
    out.extend(_shared_totals(table))
    return out


def _running_totals(rows: list[Row]) -> list[Identity]:
    """Totals (合计, 收入总计) and subtotals (小计) of a table without codes against what they close.
    Printed first (the table's first row is a total), each closes the rows after it up to the next
    of its rank or above; printed last, the rows since the one before. A total adds the subtotals
    of its span and the rows no subtotal closes; a total after another adds that one too
    (收入总计 = 本年收入合计 + 上年结转)."""
    out: list[Identity] = []
    if len(rows) < 3 or not any(r.role in ("total", "subtotal") for r in rows):
        return out
    rank = {"total": 2, "subtotal": 1}
    # the first row printing a figure: a heading row above it (一、“三公”经费支出 —) opens no span
    first = next((r for r in rows if any(v.amount.status == "number" for v in r.values)), rows[0])
    top_first = first.role in rank
    spans: dict[int, list[Row]] = {}
    for i, head in enumerate(rows):
        level = rank.get(head.role)
        if not level:
            continue
        span = []
        walk = rows[i + 1:] if top_first else reversed(rows[:i])
        # 一、“三公”经费合计 over 二、会议费 三、培训费: a total numbered in a list closes its own rows, up to
        # the next row numbered as it is, not the rows numbered beside it
        numbered = top_first and LIST_NUMBER.match(compact(head.name))
        for r in walk:
            if numbered and LIST_NUMBER.match(compact(r.name)):
                break
            if rank.get(r.role, 0) >= level:
                if not top_first and level == 2 and r.role == "total":
                    span.append(r)  # the total before adds into this one
                break
            span.append(r)
        if not top_first:
            span.reverse()
        spans[i] = span
    # a 小计 left blank over rows that print nothing in that column is nought, not a figure lost
    # (政府性基金/小计 with no income of the kind): the total over it is still tested
    empty = {(id(rows[i]), v.column_index) for i, span in spans.items() if rows[i].role == "subtotal"
             for v in rows[i].values if v.amount.status in ("blank", "dash")
             and not any(w.column_index == v.column_index and w.amount.status == "number"
                         for r in span for w in r.values)}
    for i, span in spans.items():
        head, level = rows[i], rank[rows[i].role]
        if level == 2:
            subs = [r for r in span if r.role == "subtotal"]
            loose, inside = [], False
            for r in span:
                if r.role == "subtotal":
                    inside = True
                elif r.role == "total":
                    loose.append(r)
                elif not inside or not top_first:
                    loose.append(r)
                if r.role == "subtotal" and not top_first:
                    loose = [x for x in loose if x.role == "total"]  # the rows it closed are in it
            parts = subs + [r for r in loose if r.role == "total"] + \
                _items_under([r for r in loose if r.role == "item"])
        else:
            parts = _items_under([r for r in span if r.role == "item"])
        if len(parts) >= 2 or (len(parts) == 1 and level == 1):
            found = _column_identities(head, parts, "column_total", f"{head.name} = Σ", printed=True,
                                       empty=empty)
            if any(not i.holds() for i in found):
                nested = _nested(head, parts)
                if nested is not None:
                    found = nested
            out.extend(found)
    return out


def _sum_in(rows: list[Row], col: int, of: tuple[str, str] = ("money", "")) -> Decimal:
    """The numbers of column `col` of the rows of one quantity (money, or a count's unit) added up."""
    return sum((v.amount.value or Decimal(0) for r in rows for v in r.values
                if v.column_index == col and v.amount.status == "number" and quantity(v) == of), Decimal(0))


def _nested(head: Row, parts: list[Row]) -> list[Identity] | None:
    """Rows printed without codes, numbering or 其中, some detailing the one above them (财政拨款（补助）
    then 一般公共预算 and 国有资本经营预算 under it; 公共安全支出, 检察, then its 项): the arithmetic
    decides. Reading down, a row whose value the rows after it reach exactly (each counted with the
    rows it holds in turn) holds them; the total is then the sum of the rows no other row holds.
    None when no such reading makes every sum hold."""
    cols = sorted({v.column_index for r in [head] + parts for v in r.values if v.amount.status == "number"})
    if not cols:
        return None
    if len(parts) > 300:
        return None  # a table this long prints its codes; no search over it
    col = cols[0]
    of = {v.column_index: quantity(v) for v in head.values}  # the head's quantity in each column

    def _sum_of(rows: list[Row], c: int) -> Decimal:
        return _sum_in(rows, c, of.get(c, ("money", "")))

    def adds_up(row: Row, kids: list[int]) -> bool:
        """row equals the parts numbered `kids` in every column."""
        return all(_sum_of([row], c) == _sum_of([parts[k] for k in kids], c) for c in cols)

    values = [_sum_of([p], col) for p in parts]
    memo: dict[int, tuple[int, list[tuple[int, list[int]]]]] = {}

    def subtree(i: int) -> tuple[int, list[tuple[int, list[int]]]]:
        """(index after the rows parts[i] holds, itself included; the parents found among them).
        Each row is tried once (memo): the search is quadratic at most, never exponential."""
        if i in memo:
            return memo[i]
        result: tuple[int, list[tuple[int, list[int]]]] = (i + 1, [])
        if values[i]:
            acc, j, kids, found = Decimal(0), i + 1, [], []
            while j < len(parts) and acc < values[i]:
                end_j, groups_j = subtree(j)
                kids.append(j)
                acc += values[j]
                found.extend(groups_j)
                j = end_j
            if kids and acc == values[i] and adds_up(parts[i], kids):
                result = (j, found + [(i, kids)])
        memo[i] = result
        return result

    tops, groups, i = [], [], 0
    while i < len(parts):
        tops.append(i)
        i, found = subtree(i)
        groups.extend(found)
    if not groups or not adds_up(head, tops):
        found_again = _backtracked(_sum_of([head], col), values, lambda p, ks: adds_up(parts[p], ks))
        if found_again is None:
            return None
        tops, groups = found_again  # groups never empty: _backtracked keeps only readings that nest
        if not adds_up(head, tops):
            return None
    said = "；".join(f"{parts[p].name} = {'+'.join(parts[k].name for k in kids)}" for p, kids in sorted(groups))
    choice = f"details by arithmetic: {said}"
    out = [dataclass_replace(x, choice=choice) for x in
           _column_identities(head, [parts[k] for k in tops], "column_total", f"{head.name} = Σ", printed=True)]
    for p, kids in sorted(groups):
        out.extend(dataclass_replace(x, choice=choice) for x in
                   _column_identities(parts[p], [parts[k] for k in kids], "column_total", f"{parts[p].name} = Σ",
                                      printed=True))
    return out


_SEARCH_ROWS = 120  # backtracking beyond the greedy reading: rows at most (the recursion is as deep as the rows)
_SEARCH_STEPS = 50000  # and steps at most: a reading not found within them is none
_SEARCH_READINGS = 32  # readings compared at most; the shallowest is taken, then the one of fewest groups


def _backtracked(total: Decimal, values: list[Decimal], agree) -> tuple[list[int], list[tuple[int, list[int]]]] | None:
    """The nesting `_nested`'s greedy reading misses when a row's value happens to equal the rows
    after it (打印设备 20 = 复印机 8 + 其他办公设备 2 + 政法专用设备 10, all three items of the 专项
    above): every reading is tried, a row holding the rows after it first, in the order the greedy
    reading tries them. Round figures make more than one reading add up (入侵检测设备 30 holding
    计算机软件 30): of the readings found under which every sum holds exactly (`agree(parent, kids)`
    for the other columns too), the shallowest (a 专项 and its items, not an item holding an item),
    then the one of fewest groups, then the first: (tops, [(parent, kids)]); None when none is found
    within the bounds."""
    n = len(values)
    if n > _SEARCH_ROWS:
        return None
    signed = any(v < 0 for v in values)
    steps = [0]
    ends_memo: dict[tuple[int, Decimal], frozenset[int]] = {}

    def ends(j: int, target: Decimal) -> frozenset[int]:
        """Where a run of subtrees from row j summing to exactly target can end (memoised: the
        search below only walks branches that lead somewhere, so it is as long as its readings)."""
        key = (j, target)
        if key not in ends_memo:
            steps[0] += 1
            if steps[0] > _SEARCH_STEPS:
                raise _Exhausted
            if target == 0:
                out = frozenset([j])
            elif j >= n or (target < 0 and not signed):
                out = frozenset()
            else:
                out = frozenset(e2 for e in tree_ends(j) for e2 in ends(e, target - values[j]))
            ends_memo[key] = out
        return ends_memo[key]

    def tree_ends(j: int) -> frozenset[int]:
        """Where the subtree of row j can end: after it alone, or after the rows it holds."""
        held = ends(j + 1, values[j]) - {j + 1} if values[j] else frozenset()
        return held | {j + 1}

    def seq(j: int, target: Decimal, end: int):
        """(groups, tops): the runs of subtrees from row j summing to exactly target, ending at end."""
        if target == 0:
            if j == end:
                yield [], []
            return
        for e in sorted(tree_ends(j), reverse=True):  # a row holding the rows after it first
            if e > end or end not in ends(e, target - values[j]):
                continue
            for groups in tree(j, e):
                for groups2, tops2 in seq(e, target - values[j], end):
                    yield groups + groups2, [j] + tops2

    def tree(j: int, e: int):
        """groups: row j alone (e == j + 1), or holding the rows up to e."""
        steps[0] += 1
        if steps[0] > _SEARCH_STEPS:
            raise _Exhausted
        if e == j + 1:
            yield []
            return
        for groups, kids in seq(j + 1, values[j], e):
            if agree(j, kids):
                yield groups + [(j, kids)]

    found: list[tuple[list[int], list[tuple[int, list[int]]]]] = []
    try:
        for groups, tops in seq(0, total, n):
            if groups:
                found.append((tops, groups))
                if len(found) >= _SEARCH_READINGS:
                    break
    except _Exhausted:
        pass
    if not found:
        return None
    return min(found, key=lambda f: (_depth(f[1]), len(f[1])))


def _depth(groups: list[tuple[int, list[int]]]) -> int:
    """How deep a nesting goes: 1 when no row held holds rows in turn."""
    kids_of = dict(groups)

    def depth(p: int) -> int:
        return 1 + max((depth(k) for k in kids_of[p] if k in kids_of), default=0)

    return max((depth(p) for p in kids_of), default=0)


class _Exhausted(Exception):
    """The backtracking search ran out of steps."""


def _details(rows: list[Row]) -> list[Identity]:
    """A row followed by 其中：… rows equals them (公务用车购置及运行费 = 购置费 + 运行费)."""
    out = []
    for i, r in enumerate(rows):
        if i == 0 or not _DETAIL.match(compact(r.name)):
            continue
        block = [r]
        style = _style(_DETAIL.sub("", compact(r.name)))
        for q in rows[i + 1:]:
            if q.role != "item" or q.attributes or ITEM_MARK.match(compact(q.name)) and not _goes_on(style, compact(q.name)):
                break  # a numbered row (2. / （2）) is the detailed row's sibling, not its detail
            block.append(q)
        if len(block) >= 2:
            out.extend(_column_identities(rows[i - 1], block, "column_total", f"{rows[i - 1].name} = Σ 其中",
                                          printed=True))
    return out


def _goes_on(style: str | None, name: str) -> bool:
    """A row numbered as the 其中 row's own item was (其中:(1)公务用车运行维护费, then (2)公务用车购置: the
    block's second item), not the detailed row's sibling (guilin-2015, session 26's trial)."""
    return style is not None and _style(name) == style


def _style(name: str) -> str | None:
    """How a label is numbered one rank under 一、: "（一）", "1." or "（1）"; None when it is not."""
    return next((style for style, pattern in _FINER if pattern.match(name)), None)


def _numbered_details(rows: list[Row]) -> list[Identity]:
    """A row numbered 一、 and the rows under it up to the next 一、 row (or a total, or 其中):
    numbered one rank finer (1. / （一） / （1）, the first style printed), it equals them
    (一、财政拨款 = 1.一般公共预算 + 2.政府性基金预算); unnumbered (a procurement list's 专项 and its
    items under 一、货物), it equals them where the arithmetic finds the reading under which every sum
    holds (`_nested`), and promises nothing otherwise (rows after a heading need not detail it)."""
    out: list[Identity] = []
    for i, head in enumerate(rows):
        if head.role != "item" or not LIST_NUMBER.match(compact(head.name)):
            continue
        block = []
        for r in rows[i + 1:]:
            name = compact(r.name)
            if r.role != "item" or LIST_NUMBER.match(name) or _DETAIL.match(name):
                break
            block.append(r)
        printing = [r for r in block if any(v.amount.status == "number" for v in r.values)]
        if not printing:
            continue
        styles = [st for st in (_style(compact(r.name)) for r in block) if st]
        if styles:
            parts = [r for r in block if _style(compact(r.name)) == styles[0]]
            out.extend(_column_identities(head, parts, "column_total", f"{head.name} = Σ {styles[0]}",
                                          printed=True))
            continue
        found = _column_identities(head, block, "column_total", f"{head.name} = Σ", printed=True)
        if found and all(x.holds() for x in found):
            out.extend(found)
        else:
            out.extend(_nested(head, block) or [])
    return out


def _shared_totals(table: Table) -> list[Identity]:
    """A summary printing two expenditure pairs side by side (by function, by use) under one
    支出小计 / 支出合计 whose figure stands under the last pair only (the label spans the pairs): the
    items of a pair whose own total row prints no figure add up to the figure printed beside it.
    Only where that pair's items print their amounts in one column."""
    sides = [s for s in dict.fromkeys(r.side for r in table.rows) if s.startswith("expenditure")]
    if len(sides) < 2:
        return []

    def _figure(r: Row) -> Value | None:
        return next((v for v in r.values if v.amount.status == "number"), None)

    out = []
    for side in sides:
        rows = [r for r in table.rows if r.side == side]
        for i, head in enumerate(rows):
            if head.role not in ("total", "subtotal") or _figure(head) is not None:
                continue
            twins = [r for r in table.rows if r.side in sides and r.side != side and r.role == head.role
                     and compact(r.name) == compact(head.name) and _figure(r) is not None]
            if len(twins) != 1:
                continue
            span, before = [], None
            for r in reversed(rows[:i]):
                if r.role in ("total", "subtotal"):
                    before = r if head.role == "total" and r.role == "total" else None
                    break
                span.append(r)
            items = _items_under([r for r in reversed(span) if r.role == "item"])
            cols = {v.column_index for r in items for v in r.values if v.amount.status == "number"}
            total = _figure(twins[0])
            if len(cols) != 1:
                continue
            (col,) = cols
            parts = [(r, v) for r in items for v in r.values
                     if v.column_index == col and v.amount.status == "number"]
            if before is not None:
                # a total after another adds that one too (支出总计 = 本年支出合计 + 结转下年): its
                # figure is its own, or, printed once for both pairs, its twin's
                carried = _shared_figure(table, before, sides, _figure)
                if carried is None:
                    continue  # (a total before it whose figure is nowhere: what it adds is unknown)
                parts = [carried] + parts
            if any(quantity(v) != quantity(total) for _, v in parts):
                continue
            out.append(Identity("column_total", (twins[0], total), parts,
                                f"{compact(head.name)} = Σ ({table.columns[col] if col < len(table.columns) else col})"))
    return out


def _shared_figure(table: Table, row: Row, sides: list[str], figure) -> tuple[Row, Value] | None:
    """(row, value) of the figure a total row of an expenditure pair stands for: its own, else that
    of its one twin in another pair (the same label and role, 本年支出合计 printed once for both
    pairs, its figure under the last pair's amount)."""
    own = figure(row)
    if own is not None:
        return row, own
    twins = [r for r in table.rows if r.side in sides and r.side != row.side and r.role == row.role
             and compact(r.name) == compact(row.name) and figure(r) is not None]
    return (twins[0], figure(twins[0])) if len(twins) == 1 else None


def part_columns(t: Table) -> list[tuple[int, list[int]]]:
    """(total column, part columns) of a table, read off its header paths: see `_part_columns`."""
    return [(i, parts) for i, parts, _ in _part_columns(t)]


# what a “三公” 合计 adds up (schemas/measures.json): 会议费, 培训费 or 机关运行经费 printed beside the
# items under one flat header are no part of it unless the table's own arithmetic says they are
THREE_PUBLIC_ITEMS = {"outbound_travel", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception"}


def _three_public_parts(t: Table, total: int, parts: list[int], measures: dict) -> tuple[list[int], str]:
    """The parts of a “三公” 合计 column printed beside other columns under one flat header
    (合计 | 因公出国（境）费 | 公务用车… | 公务接待费 | 机关运行经费): the 三公 items alone, or every column
    beside, whichever reading the printed rows bear out exactly in more rows (the items alone on a
    tie: 三公 经费 are those three by definition, 财政部 “三公”经费 公开口径). Returns (parts, the choice
    said for a reader, "" when there was none to make)."""
    items = [j for j in parts if measures.get(j) in THREE_PUBLIC_ITEMS]
    if not items or len(items) == len(parts):
        return parts, ""
    held = {"items": 0, "all": 0}
    for r in t.rows:
        by_col = {v.column_index: v.amount.value for v in r.values if v.amount.status == "number"}
        if total not in by_col:
            continue
        for reading, cols in (("items", items), ("all", parts)):
            if by_col[total] == sum((by_col.get(j, Decimal(0)) for j in cols), Decimal(0)):
                held[reading] += 1
    others = "、".join(t.columns[j].split("/")[-1] for j in parts if j not in items)
    if held["all"] > held["items"]:
        return parts, f"{t.columns[total]} = the 三公 items and {others} (holds in {held['all']} rows, the items alone in {held['items']})"
    return items, f"{t.columns[total]} = the 三公 items, not {others} (holds in {held['items']} rows, with them in {held['all']})"


def _part_columns(t: Table) -> list[tuple[int, list[int], str]]:
    """(total column, part columns, choice) of a table, read off its header paths: for a total column
    `P/合计/S`, the columns `P/X/S` beside it; a part that is itself a group (`P/公务用车/…`)
    counts through its own 小计 when one is printed, else through its columns. Columns of last
    year, changes and percentages are no parts; nor does a header whose parts name no known
    measure give an identity (a header read wrongly must not raise an alarm). A column of counts
    (团组数, 人次: its header names a count) is neither a total of money nor a part of one."""
    amount_cols = {v.column_index for r in t.rows for v in r.values}
    paths = {i: [compact(s) for s in t.columns[i].split("/") if compact(s)] for i in sorted(amount_cols)
             if i < len(t.columns) and column_count_unit(t.columns[i]) is None}
    # (a row of counts, 公务用车保有量（辆）, says nothing of what its columns hold)
    measures = {v.column_index: v.measure for r in t.rows for v in r.values if v.measure != COUNT}
    bases = {v.column_index: v.basis for r in t.rows for v in r.values if v.measure != COUNT}
    out = []
    for i, segs in paths.items():
        k = next((n for n, s in enumerate(segs) if TOTAL_COLUMN.match(s)), None)
        if k is None:
            continue
        prefix, suffix = segs[:k], segs[k + 1:]
        groups: dict[str, list[int]] = {}
        for j, other in paths.items():
            if j == i or len(other) <= k or other[:k] != prefix or TOTAL_COLUMN.match(other[k]):
                continue
            if suffix and other[-len(suffix):] != suffix:
                continue
            groups.setdefault(other[k], []).append(j)
        if not groups:
            continue
        parts = []
        for cols in groups.values():
            if len(cols) == 1:
                parts.extend(cols)
                continue
            sub = [j for j in cols if len(paths[j]) > k + 1 and TOTAL_COLUMN.match(paths[j][k + 1])]
            parts.extend(sub[:1] if sub else cols)
        if any(measures.get(j) in NOT_PARTS or bases.get(j) != bases.get(i) for j in parts + [i]):
            continue
        if any(measures.get(j) == "amount" for j in parts):
            continue
        choice = ""
        if measures.get(i) == "three_public_total":
            parts, choice = _three_public_parts(t, i, parts, measures)
        out.append((i, parts, choice))
    return out


def row_parts(table: Table) -> list[Identity]:
    out = []
    ids = _part_columns(table)
    if not ids:
        return out
    for r in table.rows:
        by_col = {v.column_index: v for v in r.values}
        for total_col, part_cols, choice in ids:
            total = by_col.get(total_col)
            parts = [(r, by_col[j]) for j in part_cols if j in by_col]
            if total is None or any(v.amount.status in ("percent", "text") for _, v in parts):
                continue
            if any(quantity(v) != quantity(total) for _, v in parts):
                continue  # counts beside money in one row: nothing to add
            if total.amount.status != "number" and not any(v.amount.status == "number" for _, v in parts):
                continue
            out.append(Identity("row_parts", (r, total), parts,
                                f"{table.columns[total_col]} = Σ parts", choice))
    return out


def side_total(t: Table, side_word: str) -> Row | None:
    """The 收入总计 (or 支出总计) row of a two-sided table, else its 收入合计."""
    for pattern in (rf"^{side_word}总计$", rf"^{side_word}合计$"):
        found = [r for r in t.rows if rx_re.match(pattern, compact(r.name))
                 and any(v.amount.status == "number" for v in r.values)]
        if len(found) == 1:
            return found[0]
    return None


def two_sides(t: Table) -> list[Identity]:
    if "income" not in t.sides or not any(s.startswith("expenditure") for s in t.sides):
        return []
    income = side_total(t, "收入")
    spending = side_total(t, "支出") or side_total(_side(t, "expenditure"), "支出")
    if income is None or spending is None:
        return []
    iv = next(v for v in income.values if v.amount.status == "number")
    sv = next(v for v in spending.values if v.amount.status == "number")
    return [Identity("two_sides", (income, iv), [(spending, sv)], "收入总计 = 支出总计")]


def _side(t: Table, side: str) -> Table:
    """The table with only the rows of one side (a summary whose expenditure side prints two
    label/amount pairs prints 支出总计 under each)."""
    from dataclasses import replace
    return replace(t, rows=[r for r in t.rows if r.side == side])


def identities(table: Table) -> list[Identity]:
    """Every identity the table's layout promises."""
    return hierarchy(table) + column_totals(table) + row_parts(table) + two_sides(table)


# ---------------------------------------------------------------- verification

def verify(table: Table, keep: int = 5) -> Verification:
    """The table's verification: every identity tested (`tested`, held and failed, in the order
    found), the counts, the first `keep` failures said in words. keep=0 (a candidate reading being
    scored) leaves `tested` and `failures` empty."""
    out = Verification()
    numbers = [v for r in table.rows for v in r.values if v.amount.status == "number"]
    out.amounts = len(numbers)
    covered: set[int] = set()
    shared: dict = {}  # the tests' equal cell references and tolerances, one object each
    for ident in identities(table):
        if ident.choice and ident.choice not in out.choices:
            out.choices.append(ident.choice)
        if not ident.tested():
            continue
        out.identities += 1
        if keep:
            out.tested.append(ident.test(shared=shared))
        if ident.holds():
            out.held += 1
            covered.update(id(v) for v in ident.values if v.amount.status == "number")
        else:
            out.failed += 1
            if len(out.failures) < keep:
                total, parts = ident.sums()
                out.failures.append(f"{ident.label}: {format(total, 'f')} ≠ {format(parts, 'f')}")
    out.covered = sum(1 for v in numbers if id(v) in covered)
    return out


def score(table: Table) -> tuple[int, int]:
    """(identities held, identities failed): how a candidate reading of a table stands."""
    v = verify(table, keep=0)
    return v.held, v.failed
