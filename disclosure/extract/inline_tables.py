"""Tables printed inline in a scraped page's text: the rows of a table flattened into the body,
`金额单位:万元 项 目 当年决算数 一、“三公”经费支出 — （一）支出合计 1,583.50 1.因公出国（境）费 189.91 …`.

- Header: a key (项目, 项目名称, 科目名称, 功能科目名称, 支出项目, 品目, …, letter-spaced or not;
  科目编码 科目名称, whose rows open with their code; 序号 before the key, whose rows open with a
  number), text columns (采购品目 采购方式 组织形式), then the figures' columns (…数, …额, 金额, 合计,
  …支出, …经费, 增减%, 科目编码, a count's 团组数 人次 批次（个）; after a 合计 the parts 货物 工程
  服务). A word followed by a figure, or a heading printed again, is the first row's label; a 合计
  at the text's end or before the next table (`… 机关运行经费支出 合计 十一、…情况表`) is the 合计 row of
  a table printed empty.
- Rows: a code of the chart (201, 20102, spaced 201 02 04; in its own column or opening the name)
  or a 序号, the label (its last words the text columns' cells), then at most as many figures as
  columns (numbers with or without separators, negatives in brackets, percents, a dash). A row
  printed without figures is kept when the next opens with a list number (二、… 三、…) or when two
  item names run together (其中：公务用车购置费 公务用车运行费 29.90). Whole numbers of 元 are told from
  codes by the chart: only 201–234 and 3xx, of the classification of the rows before, never before 合计;
  wherever it stands (after a 合计 row printed first and short of figures too), a code followed by
  the name the chart gives it (`208 社会保障和就业支出`) opens the next row.
- End: a label that is a sentence, a note (备注, 注：, 说明, 来源, 附件), too long, running into the next
  table's number, title, 单位 line or header (a table printed empty, `合 计 表五 …`, is its 合计 row),
  or with no figure after it. Two rows make a table, or one 合计
  row (a table printed empty: 合 计 本表无数据).
- Blank cells leave no trace in the text: a row with fewer figures than columns has them placed
  where the most sums of the table hold (`_resolve_blanks`: first family by family from the 合计
  down, the rows under each parent placed at once (`_place_down`, each family's placement searched
  column by column from the right as subset sums: `_search_columns`), done when every sum holds;
  else moves of one and two rows, then the same top-down placement again), else from the left; a percent
  only ever under a percent column (增减%, …率). A row of counts
  (`因公出国（境）团组数（个） 65`, `公务用车保有量（辆）`) is in no such sum: its figures are no money.
- The 单位 line before the header and the title before that (back to the end of the sentence, the
  table before, or a section heading) are the table's own lines.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from decimal import Decimal, InvalidOperation
from itertools import combinations, product
from math import prod

from disclosure.normalize.chart import bare_name, name_key, versions
from disclosure.normalize.codes import classify
from disclosure.normalize.measures import count_unit
from disclosure.normalize.units import UNIT_LINE
from disclosure.rx import compile as rx_compile
from disclosure.schemas import load
from disclosure.structure.sections import marker
from disclosure import rx as rx_re

_KEY = rx_compile(r"(?<![\u4e00-\u9fff])(?:(?P<code>(?:支出)?(?:功能|经济)?(?:分类)?科\s*目\s*(?:编\s*码|代\s*码)|编码|代码)\s+"
                  r"(?P<name>(?:功能|经济)?(?:分类)?科\s*目\s*名\s*称|项\s*目\s*名\s*称|名\s*称|项\s*目)|"
                  r"项\s*目(?:\s*名\s*称)?|(?:支出)?(?:功能|经济)?(?:分类)?科\s*目(?:\s*名\s*称)?|支\s*出\s*项\s*目|"
                  r"收\s*入\s*项\s*目|采购项目|品目(?:名称)?)(?=\s)")
_CODE_COLUMN = rx_compile(r"(编码|代码)$")
_TEXT_COLUMN = rx_compile(r"^[\u4e00-\u9fff]{2,8}(品目|方式|形式|类别|类型|名称|性质|用途|单位)$")
_NEXT_TABLE = rx_compile(r"单\s*位\s*[:：]|表$|^(?:项目|项目名称|科目名称|科目编码|功能科目名称|序号)$")
_ITEM_NAME = rx_compile(r"(?:其中[:：]?)?[\u4e00-\u9fff（）()“”]{4,20}(?:费|支出|收入|经费|拨款)")
_SHORT_COLUMN = rx_compile(r"^[\u4e00-\u9fff]{2,4}$")
# (其中：…数: a part of the column before; 2016-执行数: a year joined to its heading by a dash)
_COLUMN = rx_compile(r"^(?:其中[:：])?[\u4e00-\u9fff（）()“”\d%％](?:[-－—]?[\u4e00-\u9fff（）()“”\d%％]){0,15}$")
_COLUMN_WORD = rx_compile(r"(数|额|计|预算|决算|金额|比|率|%|％|年|支出|收入|经费|拨款|资金|结转|结余|编码|代码)$|"
                          r"^(合计|小计|金额|本年|上年|增减|增长)")
_AMOUNT = rx_compile(r"^(?:[-－]?[\d,，]*\d(?:[.．]\d+)?[%％]?|[—\-–－]{1,2}|[(（]\d[\d,]*(?:\.\d+)?[)）])$")
_PERCENT_COLUMN = rx_compile(r"[%％]|率$|幅度$")
# (and a web page's furniture after its table: 发布日期：… 浏览次数：125, 点击数, 阅读, [打印] [关闭])
_FURNITURE = load("page_furniture")  # schemas/page_furniture.json
_STOP = rx_compile(r"^(备注|注\s*\d*\s*[:：]|说明|来源|附件|填报说明|数据来源|" + "|".join(_FURNITURE["after_table"]) +
                   r"|[\[【]?(?:" + "|".join(_FURNITURE["buttons"]) + "))")
_SENTENCE = rx_compile(r"[。；;！？]")
_HEADING_BEFORE = rx_compile(r"^\s*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.、．])\S*\s+(?=\S)")
# (a line's end too: in a plain text the line above the table's is the document's title or prose)
_TITLE_START = rx_compile(r".*(?:[。；;：:！？\n]|附件\S{0,3}[：:]?)\s*", re.S)



def _is_code(token: str) -> bool:
    """A code of the chart the department tables print (functional 201-234 with 款 and 项, economic
    3xx with 款: normalize/codes.classify), not a whole number of 元 (50100 is no code here: the
    government economic classification 5xx is not printed in page texts' tables)."""
    kind = classify(token)
    return kind is not None and kind[0] != "government_economic"

@dataclass
class InlineTable:
    """A table found in a text: where it is (start, end of the header key .. last amount), its title
    and 单位 line (text cut from before the header, "" when none) and where they start, its column
    headings (the key first), its rows (label first, then the amounts, "" where none) and notes on
    what the text leaves undecided (figures that fit another column as well: `_undecided`)."""

    start: int
    end: int
    title: str
    unit: str
    lead: int  # where the title (or the 单位 line, or the key) starts
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # a heading over `span` columns from header[first] (2016年预算数 over 小计 | 其中：…): (text, first, span)
    group: tuple[str, int, int] | None = None

    def header_rows(self) -> list[list[tuple[str, int, int]]]:
        """The header as HTML-style rows of (text, rowspan, colspan): one row, or two when a heading
        stands over some columns (`group`), the other headings spanning both."""
        if self.group is None:
            return [[(h, 1, 1) for h in self.header]]
        text, k, n = self.group
        return [[(h, 2, 1) for h in self.header[:k]] + [(text, 1, n)] + [(h, 2, 1) for h in self.header[k + n:]],
                [(h, 1, 1) for h in self.header[k:k + n]]]

    def grid(self, page: int, top: int):
        """The table as a Grid on `page`, its first row at running line `top` (extract/grids.py):
        the header rows, then the rows, one cell each."""
        from disclosure.extract.grids import from_rows, to_grid
        return to_grid(from_rows(self.header_rows() + [[(c, 1, 1) for c in row] for row in self.rows]), page, top)


def _opens_item(token: str) -> bool:
    """The token opens a row of items: a list number (一、 （一） 1. （1）: structure/sections) or 其中."""
    return marker(token) is not None or token.startswith("其中")


def _unit_line_at_end(text: str) -> re.Match | None:
    """The 单位 line (normalize/units.UNIT_LINE) that ends `text` (spaces after it aside), else None."""
    tail = text.rstrip()
    last = None
    for last in UNIT_LINE.finditer(tail):
        pass
    return last if last is not None and last.end() == len(tail) else None


def _next_table(token: str) -> bool:
    """The token opens the next table: its number (表五, 公开11表：…), its title (…情况表), its 单位
    line or its header's key."""
    from disclosure.normalize.titles import number_of
    return bool(_NEXT_TABLE.search(token)) or number_of(token) is not None


def _join(tokens: list[str]) -> str:
    out = ""
    for t in tokens:
        if out and rx_re.match(r"[\x21-\x7e]", out[-1]) and rx_re.match(r"[\x21-\x7e]", t[0]):
            out += " "
        out += t
    return out


def find(text: str) -> list[InlineTable]:
    """Every inline table of `text`, in order (module doc); [] when none."""
    found: list[InlineTable] = []
    pos = 0
    while True:
        m = _KEY.search(text, pos)
        if not m:
            return found
        t = _parse(text, m, found[-1].end if found else 0)
        if t is None:
            pos = m.end()
            continue
        found.append(t)
        pos = t.end


def _figure_at(tokens: list[tuple[str, int, int]], j: int, seq: bool = False) -> bool:
    """tokens[j] is an amount, not a code opening a row (201 一般公共服务支出), nor, under a 序号
    column, a row's number (1 因公出国（境）费)."""
    if j >= len(tokens) or not _AMOUNT.match(tokens[j][0]):
        return False
    if seq and rx_re.fullmatch(r"\d{1,3}", tokens[j][0]) and j + 1 < len(tokens) and not _AMOUNT.match(tokens[j + 1][0]):
        return False
    return not _code_run(tokens, j)


def _code_run(tokens: list[tuple[str, int, int]], i: int) -> int:
    """How many tokens from i print a code that opens a row: 201, 20102, or spaced 201 02 04,
    followed by the row's name (a token that is no amount); 0 when none."""
    if i >= len(tokens) or not _is_code(tokens[i][0]):
        return 0
    j = i + 1
    while j < len(tokens) and rx_re.fullmatch(r"\d{2}", tokens[j][0]) and j - i < 3:
        j += 1
    return j - i if j < len(tokens) and not _AMOUNT.match(tokens[j][0]) else 0


def _named_code(tokens: list[tuple[str, int, int]], i: int) -> bool:
    """tokens[i] opens a row with a code followed by the name the chart gives that code in any
    year (`208 社会保障和就业支出`, `20822 大中型水库移民后期扶持基金支出`): a code, not a figure, even
    where no code was seen before it (after a 合计 row printed first and short of figures)."""
    run = _code_run(tokens, i)
    if not run:
        return False
    code = "".join(w for w, _, _ in tokens[i:i + run])
    name = name_key(bare_name(tokens[i + run][0]))
    return any(name_key(e.name) == name for e in versions(code))


def _next_code(tokens: list[tuple[str, int, int]], i: int, family: str) -> bool:
    """tokens[i] opens the next row with a code of the classification of the rows before (not a
    whole number of 元 that looks like one: 2277707 before 合计, 3297191 among 30xxx codes)."""
    run = _code_run(tokens, i)
    if not run or (family and tokens[i][0][0] != family):
        return False
    return not rx_re.fullmatch(r"[合总小]\s*计|合", tokens[i + run][0])


def _place(amounts: list[str], columns: list[str], percents: bool = True) -> list[str]:
    """A row's figures under its columns, left to right: a code column (科目编码) takes only a code,
    else stays blank; in a row short of figures, a percent (0.00%) goes under a percent column
    (增减%, 增长率) and nothing else does, when the table has one; columns left over at the right
    are blank (the page printed nothing there)."""
    out, k = [], 0
    pct = _percents(columns) if percents and len(amounts) < len(columns) else []
    for n, c in enumerate(columns):
        if _CODE_COLUMN.search(c) and not (k < len(amounts) and _is_code(amounts[k])):
            out.append("")
            continue
        if k < len(amounts) and any(pct) and _is_percent(amounts[k]) != pct[n] and \
                (pct[n] or any(pct[n + 1:])):
            out.append("")  # 90000.47 90000.47 0.00%: the change left blank, the percent in its column
            continue
        out.append(amounts[k] if k < len(amounts) else "")
        k += 1
    if k < len(amounts):  # the percents' places would leave a figure out: from the left after all
        return _place(amounts, columns, percents=False)
    return out


def _percents(columns: list[str]) -> list[bool]:
    """Which columns hold percents (增减%, …率, …幅度)."""
    return [bool(_PERCENT_COLUMN.search(c)) for c in columns]


def _total_first(columns: list[str]) -> bool:
    """The first figure column is the 合计 (合计 基本支出 项目支出): a row's first figure stays under it."""
    return bool(columns) and bool(rx_re.fullmatch(r"[合小总]计", columns[0]))


def _is_percent(cell: str) -> bool:
    return cell.strip().endswith(("%", "％"))


@lru_cache(maxsize=8192)
def _number(cell: str) -> Decimal | None:
    """A figure's value for the sums (blank and dashes 0), None for a percentage."""
    t = cell.strip().replace(",", "").replace("，", "")
    if not t or rx_re.fullmatch(r"[—\-–－]{1,2}", t):
        return Decimal(0)
    if t.endswith(("%", "％")):
        return None
    neg = t.startswith(("(", "（"))
    try:
        v = Decimal(t.strip("()（）").replace("．", "."))
    except InvalidOperation:
        return None
    return -v if neg else v


def _resolve_blanks(rows: list[list[str]], n: int, short: dict[int, list[str]], name_at: int,
                    header: list[str]) -> None:
    """Rows whose text lost blank cells (fewer figures than columns) placed, in place, so that the
    most sums hold: each 款/项 family adds up to its parent (codes at the start of the row or its
    name), the 类 rows (or, without codes, the rows that are no 其中 detail) to the 合计 row. A row
    moves with its descendants printed with as many figures; one group at a time, then two at
    once, then, when they are few, all at once (under a 合计 column a row's first figure stays
    under it). A row no placement improves keeps its figures from the left."""
    def key(row):
        name = row[name_at] if 0 <= name_at < len(row) else ""
        code = (row[name_at - 1] if name_at >= 1 and rx_re.fullmatch(r"[\d ]+", row[name_at - 1] or "-") else "")
        m = rx_re.match(r"^(\d{3}(?: ?\d{2}){0,2})(?:\s|$)", code or name)
        return m.group(1).replace(" ", "") if m else ("TOTAL" if rx_re.fullmatch(r"合\s*计|总\s*计", name) else "")

    keys = [key(r) for r in rows]
    coded = any(k and k != "TOTAL" for k in keys)
    families: dict[int, list[int]] = {}
    index = {k: i for i, k in enumerate(keys) if k}
    for i, k in enumerate(keys):
        if k == "TOTAL":
            continue
        if count_unit(rows[i][name_at] if 0 <= name_at < len(rows[i]) else "") is not None:
            continue  # a row of counts (团组数（个）, 接待人次): no part of a sum of money
        if coded:
            parent = index.get(k[:-2]) if len(k) in (5, 7) else index.get("TOTAL") if len(k) == 3 else None
        else:
            name = rows[i][name_at] if 0 <= name_at < len(rows[i]) else ""
            parent = None if rx_re.match(r"^(其中|[（(]\d)", name) else index.get("TOTAL")
        if parent is not None:
            families.setdefault(parent, []).append(i)

    members: dict[int, set[int]] = {}  # row -> the families it is the parent or a part of
    for parent, kids in families.items():
        for r in (parent, *kids):
            members.setdefault(r, set()).add(parent)
    figures = {r: [_number(c) for c in rows[r][-n:]] for r in members}
    held = {p: 0 for p in families}
    dirty = set(families)
    total = [0]

    def setrow(r: int, cells: list[str]) -> None:
        """Row r's figure cells set to `cells`; the sums it takes part in marked to be counted again."""
        rows[r][-n:] = cells
        if r in members:
            figures[r] = [_number(c) for c in cells]
            dirty.update(members[r])

    def refresh() -> None:
        """Every row's figures read again (after rows were changed elsewhere)."""
        for r in members:
            figures[r] = [_number(c) for c in rows[r][-n:]]
        dirty.update(families)

    def score() -> int:
        """How many sums hold (only the families whose rows changed since are counted again)."""
        for parent in dirty:
            pv, kv, got = figures[parent], [figures[k] for k in families[parent]], 0
            for j in range(n):
                if pv[j] is not None and all(v[j] is not None for v in kv) and pv[j] == sum(v[j] for v in kv):
                    got += 1
            total[0] += got - held[parent]
            held[parent] = got
        dirty.clear()
        return total[0]

    if not families or len(rows) > 400:
        return
    total_first = _total_first(header)
    possible = sum(n for _ in families)  # every column of every family holding
    def group_of(r: int) -> list[int]:
        """r and its descendants printed with as many figures: they move together, into the same columns."""
        return [r] + [d for d in short if d != r and keys[r] not in ("", "TOTAL") and keys[d] != keys[r]
                      and keys[d].startswith(keys[r]) and len(short[d]) == len(short[r])]

    def put(group: list[int], slots: tuple[int, ...]) -> None:
        for g in group:
            cells = [""] * n
            for s_, a in zip(slots, short[g]):
                cells[s_] = a
            setrow(g, cells)

    movable = [r for r, a in short.items() if all(_number(x) is not None for x in a)]
    percent = _percents(header[-n:])
    # first, family by family from the top (below): when that alone makes every sum hold, the
    # placement is done (a large table's one-group and two-group moves below cost seconds)
    before = {r: rows[r][-n:] for r in short}
    _place_down(rows, n, short, families, keys, movable, total_first, percent)
    refresh()
    if score() == sum(1 for p in families for j in range(n) if figures[p][j] is not None
                      and all(figures[k][j] is not None for k in families[p])):
        return
    for r, cells in before.items():
        setrow(r, cells)
    for _ in range(3):  # one group at a time, while the sums that hold grow
        changed = False
        for r in movable:
            group = group_of(r)
            best, now = {g: rows[g][-n:] for g in group}, score()
            for slots in combinations(range(n), len(short[r])):
                put(group, slots)
                got = score()
                if got > now:
                    best, now, changed = {g: rows[g][-n:] for g in group}, got, True
            for g in group:
                setrow(g, best[g])
        if not changed:
            break
    # then two groups at once (302 and 310 both 公用经费: neither alone makes the 合计 hold)
    heads = [r for r in movable if not any(r in group_of(q) and q != r for q in movable)][:24]
    for x, y in combinations(heads, 2):
        gx, gy = group_of(x), group_of(y)
        if set(gx) & set(gy):
            continue
        keep, now = {g: rows[g][-n:] for g in gx + gy}, score()
        for sx in combinations(range(n), len(short[x])):
            for sy in combinations(range(n), len(short[y])):
                put(gx, sx)
                put(gy, sy)
                got = score()
                if got > now:
                    keep, now = {g: rows[g][-n:] for g in gx + gy}, got
        for g in gx + gy:
            setrow(g, keep[g])
    # last, every placement of every group when they are few (the rows of a 政府采购 table, each a
    # 合计 and one of 货物 / 工程 / 服务: only all of them placed at once make the columns add up)
    options = {h: [sl for sl in combinations(range(n), len(short[h])) if not total_first or sl[0] == 0]
               for h in heads}
    if score() < possible and heads and prod(len(o) for o in options.values()) <= 8192:
        keep, now = {g: rows[g][-n:] for h in heads for g in group_of(h)}, score()
        for choice in product(*options.values()):
            for h, sl in zip(heads, choice):
                put(group_of(h), sl)
            got = score()
            if got > now:
                keep, now = {g: rows[g][-n:] for h in heads for g in group_of(h)}, got
        for g, cells in keep.items():
            setrow(g, cells)
    # last, family by family from the top (the 合计's rows, then each 类's, then each 款's): the
    # rows under a settled parent placed all at once so that every column of the family adds up
    # (a chain of moves no one of which makes a sum hold: 20101's 财政专户 figure and 2010101's)
    if score() < possible:
        before, now = {r: rows[r][-n:] for r in short}, score()
        _place_down(rows, n, short, families, keys, movable, total_first, percent)
        refresh()
        if score() <= now:
            for r, cells in before.items():
                setrow(r, cells)


def _search(options: list[list[tuple[int, ...]]], figures: list[list[Decimal]],
            target: dict[int, Decimal], limit: int = 20000) -> dict[int, tuple[int, ...]] | None:
    """A choice among `options` (per row, the columns its figures take) under which the `figures`
    add up to `target` in every column of it: {row: columns}, else None (none found within `limit`
    steps). Rows with the largest figures are placed first; with nothing negative a column that
    already passes its target ends the branch."""
    prune = all(v >= 0 for f in figures for v in f) and all(t >= 0 for t in target.values())
    order = sorted(range(len(options)), key=lambda a: -max(figures[a], default=0))
    acc = {j: Decimal(0) for j in target}
    chosen: dict[int, tuple[int, ...]] = {}
    steps = [limit]

    def search(at: int) -> bool:
        steps[0] -= 1
        if steps[0] < 0:
            return False
        if at == len(order):
            return all(acc[j] == target[j] for j in target)
        a = order[at]
        for sl in options[a]:
            for j, v in zip(sl, figures[a]):
                if j in acc:
                    acc[j] += v
            if (not prune or all(acc[j] <= target[j] for j in target)) and search(at + 1):
                chosen[a] = sl
                return True
            for j, v in zip(sl, figures[a]):
                if j in acc:
                    acc[j] -= v
        return False

    return chosen if search(0) else None


def _search_columns(options: list[list[tuple[int, ...]]], figures: list[list[Decimal]],
                    target: dict[int, Decimal], limit: int = 200000) -> dict[int, tuple[int, ...]] | None | bool:
    """The choice `_search` makes, found column by column from the right. A row's figures keep their
    order, so the only one it can put in the column at hand is its last one not yet placed: each
    column is a subset sum over the rows (a row whose figure can go no further left is in it). Each
    row's first option (its present places) is tried first. {row: columns}; None when no choice adds
    up in every column (or the search runs over `limit` steps); False when a column the rows may take
    has no target (`_search` leaves such a column free: the one to use then)."""
    cols = {j for opts in options for sl in opts for j in sl}
    if not cols <= set(target):
        return False
    if any(not opts for opts in options):
        return None
    pairs = [{(k, j) for sl in opts for k, j in enumerate(sl)} for opts in options]  # figure k in column j
    lowest = [[min(j for kk, j in p if kk == k) for k in range(len(f))] for p, f in zip(pairs, figures)]
    prefer = [opts[0] for opts in options]
    order = sorted(cols | set(target), reverse=True)
    rem = [len(f) for f in figures]  # figures of each row not yet placed (its first ones)
    slots: list[list[int]] = [[0] * len(f) for f in figures]
    steps = [limit]

    def last(a: int) -> Decimal:
        return figures[a][rem[a] - 1]

    def subsets(rows: list[int], need: Decimal, j: int, at: int = 0, chosen: tuple[int, ...] = ()):
        """The subsets of rows[at:] whose last figures add up to `need`, those that keep a row's
        present place in column j first."""
        steps[0] -= 1
        if steps[0] < 0:
            return
        if at == len(rows):
            if need == 0:
                yield chosen
            return
        rest = [last(a) for a in rows[at:]]
        if not sum((v for v in rest if v < 0), Decimal(0)) <= need <= sum((v for v in rest if v > 0), Decimal(0)):
            return
        a = rows[at]
        here = len(prefer[a]) >= rem[a] and prefer[a][rem[a] - 1] == j
        for take in (here, not here):
            if take:
                yield from subsets(rows, need - last(a), j, at + 1, chosen + (a,))
            else:
                yield from subsets(rows, need, j, at + 1, chosen)

    def place(c: int) -> bool:
        if c == len(order):
            return all(r == 0 for r in rem) and all(tuple(s_) in opts for s_, opts in zip(slots, options))
        j = order[c]
        forced, free = [], []
        for a in range(len(figures)):
            if not rem[a]:
                continue
            can, further = (rem[a] - 1, j) in pairs[a], lowest[a][rem[a] - 1] < j
            if not can and not further:
                return False
            if can:
                (free if further else forced).append(a)
        need = target.get(j, Decimal(0)) - sum((last(a) for a in forced), Decimal(0))
        free.sort(key=lambda a: -abs(last(a)))
        for chosen in subsets(free, need, j):
            took = forced + list(chosen)
            for a in took:
                rem[a] -= 1
                slots[a][rem[a]] = j
            if place(c + 1):
                return True
            for a in took:
                rem[a] += 1
            if steps[0] < 0:
                return False
        return False

    return {a: tuple(s_) for a, s_ in enumerate(slots)} if place(0) else None


def _place_down(rows: list[list[str]], n: int, short: dict[int, list[str]], families: dict[int, list[int]],
                keys: list[str], movable: list[int], total_first: bool, percent: list[bool]) -> None:
    """Each family (parent row -> the rows that add up to it), from the top, whose parent is settled
    (printed with every figure, placed by the family above it, or a root: the 合计 row as the steps
    before placed it): its movable short rows placed,
    in place, so that every column of the family adds up, their present places tried first; a
    family no placement makes add up (or whose search runs over 20000 steps) is left as it was."""
    def values(r: int) -> list[Decimal | None]:
        return [_number(c) for c in rows[r][-n:]]

    def depth(p: int) -> int:
        return 0 if keys[p] == "TOTAL" else len(keys[p])

    under = {k for kids in families.values() for k in kids}
    settled = {p for p in families if p not in short or p not in under}  # a root is taken as placed
    for parent in sorted(families, key=depth):
        kids = families[parent]
        if parent not in settled:
            continue
        pv = values(parent)
        free = [k for k in kids if k in movable]
        fixed = [values(k) for k in kids if k not in free]
        cols = [j for j in range(n) if pv[j] is not None and all(v[j] is not None for v in fixed)]
        target = {j: pv[j] - sum((v[j] for v in fixed), Decimal(0)) for j in cols}
        now = [values(k) for k in free]
        if all(sum((v[j] for v in now), Decimal(0)) == target[j] for j in cols):
            settled.update(kids)
            continue
        figures = [[_number(x) for x in short[k]] for k in free]
        options = []
        for k, f in zip(free, figures):
            here = tuple(j for j, c in enumerate(rows[k][-n:]) if c.strip())
            opts = [sl for sl in combinations(range(n), len(f)) if (not total_first or sl[0] == 0)
                    and not any(percent[j] for j in sl)]
            options.append(sorted(opts, key=lambda sl: sl != here))
        chosen = _search_columns(options, figures, target)
        if chosen is False:
            chosen = _search(options, figures, target)
        if chosen is None:
            continue
        for a, sl in chosen.items():
            cells = [""] * n
            for j, x in zip(sl, short[free[a]]):
                cells[j] = x
            rows[free[a]][-n:] = cells
        settled.update(kids)


def _undecided(rows: list[list[str]], columns: list[str]) -> list[tuple[int, int]]:
    """(k, j) for each figure column k whose figures, every one of them, could stand under column j,
    printed blank in every row, instead: no row has a figure between the two (its figures keep their
    order), neither column is a percent column nor, in a table whose first column is the 合计, that
    column. Every sum of the table holds the same either way (column k's sums become column j's), so
    the text can not tell them apart (a 政府采购 table with nothing under 工程: 货物 or 工程?)."""
    n = len(columns)
    cells = [[c.strip() for c in r[-n:]] for r in rows]
    first, percent = _total_first(columns), _percents(columns)
    usable = [j for j in range(n) if not percent[j] and not (first and j == 0)]
    blank = [j for j in usable if not any(c[j] for c in cells)]
    return [(k, j) for j in blank for k in usable if k not in blank and any(c[k] for c in cells)
            and not any(c[k] and any(c[x] for x in range(min(j, k) + 1, max(j, k))) for c in cells)]


def _parse(text: str, m: re.Match, floor: int = 0) -> InlineTable | None:
    tokens = [(x.group(0), x.start(), x.end()) for x in rx_re.finditer(r"\S+", text[m.end():m.end() + 20000])]
    tokens = [(w, a + m.end(), b + m.end()) for w, a, b in tokens]
    seq = bool(rx_re.search(r"序\s*号\s*$", text[max(0, m.start() - 8):m.start()]))
    texts: list[str] = []  # text columns between the key and the figures (采购品目 采购方式 组织形式)
    i = 0
    while i < len(tokens) and len(texts) < 6 and _TEXT_COLUMN.search(tokens[i][0]) \
            and not _COLUMN_WORD.search(tokens[i][0]) and not _figure_at(tokens, i + 1, seq):
        texts.append(tokens[i][0])
        i += 1
    columns: list[str] = []
    while i < len(tokens) and len(columns) < 12:
        w = tokens[i][0]
        if _AMOUNT.match(w) or not _COLUMN.match(w):
            break
        if not (_COLUMN_WORD.search(w) or count_unit(w) is not None
                or _SHORT_COLUMN.match(w) and any(rx_re.fullmatch(r"[合小总]计", c) for c in columns)):
            break  # a figure's heading (a count's too: 团组数（个）, 人次), or after a 合计 column a short
            # word naming a part (货物 工程 服务)
        if w in columns:
            break  # a heading again (合计 … 合计): the first row's label
        if rx_re.fullmatch(r"[合总]计", w) and (i + 1 == len(tokens) or _next_table(tokens[i + 1][0])):
            break  # … 机关运行经费支出 合计 表五 …: the 合计 row of a table printed empty, at the text's end
            # or before the next table
        if _figure_at(tokens, i + 1, seq) and not _CODE_COLUMN.search(w):
            break  # followed by a figure: the first row's label (收入合计 1,200.00), not a heading
        columns.append(w)
        i += 1
    if not columns or all(_CODE_COLUMN.search(c) for c in columns):
        return None
    group = _group(columns)
    rows: list[list[str]] = []
    end = m.end()
    coded = bool(m.group("code"))
    codes_seen = False  # rows so far opened with a code: a code-like figure may open the next one
    family = ""  # the first digit of the codes seen
    short: dict[int, list[str]] = {}  # rows with fewer figures than columns (blank cells the text lost)
    while i < len(tokens):
        code = number = ""
        if seq and rx_re.fullmatch(r"\d{1,3}", tokens[i][0]) and i + 1 < len(tokens) \
                and not _AMOUNT.match(tokens[i + 1][0]):
            number = tokens[i][0]  # 序号 项目 金额: a row opens with its number (其中 rows without)
            i += 1
        run = _code_run(tokens, i)
        if run:
            family = tokens[i][0][0]  # 2: functional codes, 3: economic ones
        if coded and run:
            code = " ".join(w for w, _, _ in tokens[i:i + run])  # 科目编码 科目名称 …: a row opens with its code
            i += run
        label: list[str] = []
        if not coded and run:
            # 201 一般公共服务支出: the code printed in the name's column
            label.append(" ".join(w for w, _, _ in tokens[i:i + run]) + " ")
            i += run
            codes_seen = True
        while i < len(tokens) and not _AMOUNT.match(tokens[i][0]) and not (
                label and (_SENTENCE.search(tokens[i][0]) or _STOP.match(tokens[i][0])
                           or _next_table(tokens[i][0])  # 合 计 表五 …: a table printed empty ends
                           or _opens_item(tokens[i][0]) and rows)):  # 二、… 三、…: the next row
            label.append(tokens[i][0])
            i += 1
        if not coded and not texts and len(label) >= 2 and rows and all(_ITEM_NAME.fullmatch(w) for w in label):
            # 其中：公务用车购置费 公务用车运行费 29.90: the first printed without figures
            for w in label[:-1]:
                rows.append(([""] if seq else []) + [w] + [""] * len(columns))
            label = label[-1:]
        cells = [""] * len(texts)
        if texts and len(label) > len(texts):  # 办公家具 工程 公开招标 集中采购: the name, then its text cells
            label, cells = label[:-len(texts)], label[-len(texts):]
        name = _join(label).replace("  ", " ")
        if not label or len(name) > 40 or len(label) > 4 or _SENTENCE.search(name) or _STOP.match(name) \
                or any(_SENTENCE.search(c) for c in cells) or any(_next_table(w) for w in label):
            break  # a sentence, a note, or the next table's title, 单位 line or header
        amounts: list[str] = []
        while i < len(tokens) and _AMOUNT.match(tokens[i][0]) and len(amounts) < len(columns) \
                and not ((coded or codes_seen) and _next_code(tokens, i, family)) \
                and not _named_code(tokens, i):  # the next row's code
            amounts.append(tokens[i][0])
            end = tokens[i][2]
            i += 1
        if not amounts and rows and i < len(tokens) and _opens_item(tokens[i][0]):
            # a row printed without figures (二、政府性基金预算拨款 then 三、…): its cells blank
            rows.append(([number] if seq else []) + ([code] if coded else []) + [name] + cells + [""] * len(columns))
            continue
        if not amounts:
            if not rows and rx_re.fullmatch(r"合计|总计", name):  # 合 计 本表无数据: a table printed empty
                rows.append(([""] if seq else []) + ([""] if coded else []) + [name] + cells + [""] * len(columns))
                end = tokens[i - 1][2]
            break
        if len(amounts) < len(columns):
            short[len(rows)] = amounts
        rows.append(([number] if seq else []) + ([code] if coded else []) + [name] + cells + _place(amounts, columns))
    if len(rows) < 2 and not (rows and rx_re.fullmatch(r"合计|总计", rows[0][-1 - len(columns) - len(texts)])):
        return None  # one row is a table only when it is the 合计 of a table printed empty
    start = text.rfind("序", 0, m.start()) if seq else m.start()
    before = text[floor:start]
    unit = ""
    lead = start
    u = _unit_line_at_end(before)
    if u:
        unit = rx_re.sub(r"\s+", "", u.group(0))
        lead = floor + u.start()
        before = before[:u.start()]
    title = ""
    # (the line's end before an indented 单位 line, `…情况表\n    单位:元`, is not where the title starts)
    tm = _TITLE_START.match(before.rstrip())
    cand = before[tm.end():] if tm else before
    head = _HEADING_BEFORE.match(cand)
    if head:
        cand = cand[head.end():]  # 二、收支情况 2023年收支预算表: the section's heading is not the title
    cand_s = cand.strip()
    if cand_s and len(cand_s) <= 60 and rx_re.search(r"表|情况", cand_s) and not _SENTENCE.search(cand_s):
        # (less what a page's furniture leaves before it: 字体:[ ]2016年…表)
        title = rx_re.sub(r"^[^\u4e00-\u9fff\d（(【“]+", "", rx_re.sub(r"\s+", "", cand_s))
        lead = floor + len(before) - len(cand) + (len(cand) - len(cand.lstrip()))
    undecided: list[tuple[int, int]] = []
    if short and not any(_CODE_COLUMN.search(c) for c in columns):
        _resolve_blanks(rows, len(columns), short, len(rows[0]) - len(columns) - len(texts) - 1, columns)
        undecided = _undecided(rows, columns)
    placed = _by_title_year(rows, columns, undecided, title)
    keys = (["序号"] if seq else []) + ([m.group("code"), m.group("name")] if coded else [m.group(0)])
    name = title or '表（' + ' '.join(columns) + '）'
    notes = [f"{name}: {columns[j]} is blank in every row, and the figures read "
             f"under {'、'.join(columns[k] for k, jj in undecided if jj == j)} fit under it as well (every sum and every "
             f"row's order the same): the text does not tell which columns they stand in"
             if j not in placed else
             f"{name}: the figures stand under {columns[j]} or {'、'.join(columns[k] for k, jj in undecided if jj == j)} "
             f"alike (every sum and every row's order the same), the other blank: placed under {columns[j]}, "
             f"the year of the table's title"
             for j in dict.fromkeys(jj for _, jj in undecided)]
    return InlineTable(m.start(), end, title, unit, lead, [rx_re.sub(r"\s+", "", k) for k in keys] + texts + columns, rows,
                       notes, (group[0], len(keys) + len(texts) + group[1], group[2]) if group else None)


def _by_title_year(rows: list[list[str]], columns: list[str], undecided: list[tuple[int, int]],
                   title: str) -> set[int]:
    """Figures the text leaves to either of two columns (`_undecided`: column k's, or column j's
    printed blank throughout) moved, in place, under j when j's heading names the year of the
    table's title and k's another year (`2016-执行数 2017-预算数` under `…2017年度…预算情况表`,
    its one figure a row: a table prints its own year's figures, the year before may be blank).
    Returns the columns j filled so."""
    year = rx_re.search(r"(?<!\d)(20\d\d)(?!\d)", title)
    if not year:
        return set()
    n, filled = len(columns), set()
    for k, j in undecided:
        years_j = set(rx_re.findall(r"(?<!\d)20\d\d(?!\d)", columns[j]))
        years_k = set(rx_re.findall(r"(?<!\d)20\d\d(?!\d)", columns[k]))
        if years_j == {year.group(1)} and years_k and year.group(1) not in years_k and j not in filled:
            for r in rows:
                r[len(r) - n + j], r[len(r) - n + k] = r[len(r) - n + k], ""
            filled.add(j)
    return filled


def _group(columns: list[str]) -> tuple[str, int, int] | None:
    """A heading printed before the columns it stands over, in a header of two rows flattened into
    one line: `2016年预算数 小计 其中：一般公共预算安排数`, a figure column parted into its 小计 and the
    parts of it (其中…), and no further: a heading after them (2015年预算数) is a column of its own.
    Taken out of `columns` (which keeps the columns the figures stand under); (heading, index of the
    first column under it, how many). None when there is none."""
    for k in range(len(columns) - 2):
        if not rx_re.fullmatch(r"[合小总]计", columns[k]) and rx_re.fullmatch(r"[合小]计", columns[k + 1]) \
                and columns[k + 2].startswith("其中"):
            n = 2
            while k + 1 + n < len(columns) and columns[k + 1 + n].startswith("其中"):
                n += 1
            return columns.pop(k), k, n
    return None
