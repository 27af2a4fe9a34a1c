"""Grids to tables: header rows and column header paths, sides, rows with codes, names, amounts.

A grid is only a lattice of printed cells. Here it gets its meaning: which rows are the header,
which columns hold codes, names and amounts, where a two-sided table splits, which rows of a
grid at the top of a page continue the table of the page before.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from disclosure.model import Amount, Box, Cell, Grid, Row, Value
from disclosure.normalize import codes
from disclosure.normalize.amounts import parse_amount
from disclosure.normalize.measures import COUNT, basis, column_count_unit, count_unit, measure, wrapped_tail
from disclosure.normalize.table_types import cut_title_type
from disclosure.normalize.text import COLUMN_NO, clean, compact
from disclosure.numerals import ITEM_MARK
from disclosure.normalize.units import find_unit, states_unit
from disclosure.rx import compile as rx_compile
from disclosure.structure.context import department_of, title_like
from disclosure import rx as rx_re

_TOTAL = rx_compile(r"^(.*总计|合计|.*合计|收入总计|支出总计|总\s*计|合\s*计)$")
_SUBTOTAL = rx_compile(r"^(.*小计)$")
_LANCI = rx_compile(r"^栏\s*次$")
_CODE_PART_HEAD = rx_compile(r"^(类|款|项)$")
_CODE_HEADER = rx_compile(r"(编码|代码|科目编号)$|^(类|款|项)$")
_LABEL_HEADER = rx_compile(r"名称|项目|科目|内容|指标")
_NAME_HEADER = rx_compile(r"名称|项目|科目|内容")
_INDEX_HEADER = rx_compile(r"^(序号|行次|栏次|编号|序)$")
_ORG_HEADER = rx_compile(r"(单位|部门|机构)(名称)?$")  # 单位名称: the organisation a row belongs to
_GROUP_PATH = rx_compile(r"三公[”\"]?经费(合计)?/(小计|合计)")  # “三公”经费/小计: the 三公 total printed apart
_INCOME = rx_compile(r"收入|收\s*入|来源")
_EXPENDITURE = rx_compile(r"支出|支\s*出|用途")


@dataclass
class Fragment:
    """One grid on one page, read as part of a table."""

    grid: Grid
    page: int | None
    header: list[list[Cell | None]]  # header rows as the matrix gives them
    body: list[list[Cell | None]]
    captions: list[str] = field(default_factory=list)  # full-width rows above the header
    notes: list[str] = field(default_factory=list)  # full-width rows below the body


def _row_texts(row: list[Cell | None]) -> list[str]:
    return [clean(c.text) if c else "" for c in row]


def _is_body_row(row: list[Cell | None], from_above: set[int]) -> bool:
    texts = _row_texts(row)
    nonempty = [(i, t) for i, t in enumerate(texts) if t]
    if not nonempty:
        return False
    first = nonempty[0][1]
    if COLUMN_NO.match(compact(first)) or _counts_columns([t for _, t in nonempty]) or _numbers_columns(row):
        return False
    if codes.parse_code(first) or codes.split_leading_code(first)[0]:
        return True
    # (a column's number merged down over rows, 1 beside headings of a side with more heading rows,
    # is the 栏次 row's, not a figure)
    amounts = [parse_amount(t).status for i, t in nonempty if i not in from_above
               and not (row[i].rowspan > 1 and _numbering(row[i]))]
    if any(s in ("number", "dash", "percent") for s in amounts):
        return True
    head = row[nonempty[0][0]]
    rest = [t for i, t in nonempty[1:] if row[i] is not head]  # 合计 merged over the code and name columns is one cell
    if _TOTAL.match(compact(first)) and all(parse_amount(t).status != "text" for t in rest):
        return True
    return False


def _counts_columns(texts: list[str]) -> bool:
    """1 2 3 … n across a row, nothing else (n >= 3): the column numbers a final-account table
    prints under its heading without a 栏次 label, not figures."""
    return len(texts) >= 3 and texts == [str(k) for k in range(1, len(texts) + 1)]


def split_grid(grid: Grid, inherit_left: bool) -> Fragment:
    """Header rows, body rows, captions and notes of one grid."""
    m = grid.matrix()
    if inherit_left:
        _inherit_left(m, grid)
    captions, notes = [], []
    cut = 0  # matrix rows taken off the top (empty rows, captions)
    while m and (not any(_row_texts(m[0])) or _is_caption(m[0], grid.n_cols)):
        if any(_row_texts(m[0])):
            captions.append(" ".join(dict.fromkeys(c.text for c in m[0] if c is not None and c.text.strip())))
        m, cut = m[1:], cut + 1
    while m and _full_width(m[-1], grid.n_cols) and not _is_body_row(m[-1], set()):
        notes.insert(0, m[-1][0].text if m[-1][0] else "")
        m = m[:-1]
    start = _form_header_end(m)
    for r, row in enumerate(m if start is None else []):
        above = {i for i, c in enumerate(row) if c is not None and r > 0 and c.row < grid_row(row, r + cut)}
        if _is_body_row(row, above):
            start = r
            break
    if start is None:
        # no body row with values: an empty table, or one whose rows carry only labels
        start = _label_body_start(m)
    return Fragment(grid, grid.box.page if grid.box else None, m[:start], m[start:], captions, notes)


def labels_down(header: list[list[Cell | None]], body: list[list[Cell | None]],
                twin: list[list[Cell | None]]) -> tuple[list, list]:
    """A 续表's `header` and `body` with the header's last rows moved down into the body where they
    are row labels over blank cells: rows printing words only in the leading columns, each as the
    row of `twin` (the first part's body) it stands for prints them there, the rows moved and the
    body then as many as `twin`'s. A 续表 opening with rows that print nothing in its further
    columns has no figure to tell them from headings (U006-00001 p.4: 19 label rows of blank 事业收入
    | 其他收入 cells under the headings). A heading the reader centred down those rows too (事业收入
    reaching down five label rows of a three-line 续表, U020-00149 p.4) is no cell of theirs: it
    ends at the cut (its `rowspan` cut in place, on the page's own grid). The first header row
    stays; unchanged when no cut so fits."""
    for cut in range(1, len(header)):
        moved = header[cut:]
        if len(moved) + len(body) != len(twin):
            continue
        above = {id(c): c for row in header[:cut] for c in row if c is not None}
        own = [[None if c is not None and id(c) in above else c for c in row] for row in moved]
        if all(_labels_as(row, twin[i]) for i, row in enumerate(own)):
            top = min(c.row for c in own[0] if c is not None)
            for c in above.values():
                if c.row < top < c.row + c.rowspan:
                    c.rowspan = top - c.row
            return header[:cut], own + body
    return header, body


def _labels_as(row: list[Cell | None], twin: list[Cell | None]) -> bool:
    """The row prints words in its leading columns only, each as `twin` prints in that column, and
    the row's cells are its own (none reaching down from a heading above)."""
    texts = _row_texts(row)
    filled = [k for k, t in enumerate(texts) if t]
    if not filled or filled[-1] >= len(twin):
        return False
    if any(c is not None and c.rowspan > 1 for c in row):
        return False
    tw = _row_texts(twin)
    return all(compact(texts[k]) == compact(tw[k]) and parse_amount(texts[k]).status == "text" for k in filled) \
        and any(codes.parse_code(texts[k]) is None for k in filled)


def _form_header_end(m: list[list[Cell | None]]) -> int | None:
    """A form-like table (绩效目标表): everything down to the row naming 一级指标 is its header."""
    for r, row in enumerate(m):
        if any(compact(t) == "一级指标" for t in _row_texts(row)):
            return r + 1
    return None


def grid_row(row: list[Cell | None], default: int) -> int:
    """The grid row a matrix row stands for: where its one-row cells start; `default` when every
    cell of the row is merged over several rows."""
    single = [c.row for c in row if c is not None and c.rowspan == 1]
    return max(single) if single else default


def _label_body_start(m: list[list[Cell | None]]) -> int:
    """For a table without amounts: the body starts at its 合计 row, if any; else it is all header.
    A 合计 merged down over rows, in a row printing words in every cell, is a column's heading (合计 | 因公出国（境）费 | 公务用车购置及运行费 over 小计 | 购置费 | 运行费: a 三公 table's
    heading rows ending a page, its one row opening the next, seed 31 document 12 pp.8-9)."""
    for r, row in enumerate(m):
        first = next((c for c in row if c is not None and c.text.strip()), None)
        if first is not None and _TOTAL.match(compact(first.text)):
            if first.rowspan > 1 and all(c is not None and parse_amount(c.text).status == "text" for c in row):
                continue
            return r
    return _first_label_row(m)


def _first_label_row(m: list[list[Cell | None]]) -> int:
    """Where the rows of a table printing no figure stop heading its columns: the first row
    printing words from which on a column right of every word is blank down to the end, each
    row's own cell there (none reaching down from a heading above) -- rows beneath which a column
    has no heading text are labels over blank cells, not headings (a ruled 续表 page printing
    labels only, its 金额 column blank: jiangsu-rendaban-2017 p.10). `len(m)`, all header, when
    no such row (a blank template's headings, every column headed)."""
    n = len(m[0]) if m else 0
    for r, row in enumerate(m):
        texts = _row_texts(row)
        if not any(texts):
            continue
        last = max(k for k, t in enumerate(texts) if t)
        for k in range(last + 1, n):
            if all(_own_blank(m, q, k) and not any(t for t in _row_texts(m[q])[k:]) for q in range(r, len(m))):
                return r
    return len(m)


def _own_blank(m: list[list[Cell | None]], r: int, k: int) -> bool:
    """Row `r`'s slot `k` is a blank cell starting in that row (not a heading merged down into it)."""
    c = m[r][k]
    if c is None or c.text.strip():
        return False
    return r == 0 or m[r - 1][k] is not c


def _is_caption(row: list[Cell | None], n_cols: int) -> bool:
    """A row inside the ruling that holds the table's title, 部门 or 单位 line, not its header."""
    texts = list(dict.fromkeys(clean(c.text) for c in row if c is not None and c.text.strip()))
    if not texts:
        return False
    joined = " ".join(texts)
    # (a row of several cells states the unit in a cell of its own, 单位：万元 or （万元）; a heading
    # naming its unit, 预算数（万元） beside 项目, is the header of a two-column table)
    if department_of(joined) or (find_unit(joined) if len(texts) == 1 else any(map(states_unit, texts))):
        return True
    # (a title cut short where its cell ends, the rest clipped or printed over the title beside
    # it, is a title still: table_types.cut_title_type, words before the standard title, a year or
    # an organisation, telling it from a heading over the columns, 财政拨款“三公”经费)
    return _spanning(row, n_cols) and (title_like(joined) or len(texts) == 1 and ("表" in joined
                                                                                or bool(cut_title_type(joined, 4))))


def heading_unit(header: list[list[Cell | None]]) -> str:
    """The unit the header's headings name, when they name one and only one (项目 | 预算数（万元）:
    万元), else "". For a table printing no 单位 line: its headings say it. A row printing a figure
    is a form's field, not headings (项目资金（万元） | 年度资金总额： | 54.9 of a 绩效目标表)."""
    units = {find_unit(c.text) for row in header
             if not any(c is not None and parse_amount(c.text).status == "number" for c in row)
             for c in row if c is not None and c.text.strip()}
    units.discard("")
    return units.pop() if len(units) == 1 else ""


def _spanning(row: list[Cell | None], n_cols: int) -> bool:
    """The row's text is in one cell spanning at least half the table (empty cells around it)."""
    filled = {id(c): c for c in row if c is not None and c.text.strip()}
    return n_cols > 1 and len(filled) == 1 and next(iter(filled.values())).colspan * 2 >= n_cols


def _full_width(row: list[Cell | None], n_cols: int) -> bool:
    cells = {id(c) for c in row if c is not None}
    return n_cols > 1 and len(cells) == 1 and row[0] is not None and row[0].colspan >= n_cols


def _inherit_left(m: list[list[Cell | None]], grid: Grid) -> None:
    """Plain-text tables print a merged header cell once and leave the cells it spans empty:
    in the rows above the body, an empty cell takes the text of its left neighbour."""
    for r, row in enumerate(m):
        if _is_body_row(row, set()):
            break
        for k in range(1, len(row)):
            c, left = row[k], row[k - 1]
            if c is not None and left is not None and not c.text.strip() and left.text.strip() \
                    and not _is_lone_label(m, r, k):
                row[k] = left


def _is_lone_label(m, r: int, k: int) -> bool:
    """An empty header cell under a filled one in the row above is not part of a merge."""
    return r > 0 and m[r - 1][k] is not None and m[r - 1][k] is not m[r - 1][k - 1] and \
        bool(m[r - 1][k].text.strip())


_COLUMN_NUMBER = rx_compile(r"^(\d{1,2}|[甲乙丙丁戊己])$")


def _numbers_columns(row: list[Cell | None]) -> bool:
    """A header row that numbers the columns (栏次 | 1 | 2 | 3, or 甲 | 乙 | 1 | 2), as final-account
    templates print under their headings: no part of any column's heading."""
    # a merged cell once; a heading merged down into this row from above (科目编码 over 类|款|项
    # and 栏次) is no column number
    cells = [c for c in {id(c): c for c in row if c is not None}.values()
             if c.rowspan == 1 or _numbering(c)]
    # (类 | 款 | 项 headings of the code columns may share the row: 栏次 | 1 | 2 beside them)
    texts = [t for c in cells if (t := compact(c.text)) and not _CODE_PART_HEAD.match(t)]
    # 栏次 under each side's label column of a two-sided summary (栏次 | 1 | 栏次 | 2)
    labelled = [t for t in texts if COLUMN_NO.match(t)]
    numbers = [t for t in texts if not COLUMN_NO.match(t)]
    return bool(numbers) and all(_COLUMN_NUMBER.match(t) for t in numbers) and (len(numbers) >= 2 or bool(labelled))


def _numbering(c: Cell) -> bool:
    """A cell of a 栏次 row: 栏次 (行次 as that row's label) or a column's number. A 行次 cell merged
    down into the row from the headings above heads a column of row numbers (项目 | 行次 | 金额 over
    栏次 | | 1): a heading, no cell of the row."""
    t = compact(c.text)
    if c.rowspan > 1 and COLUMN_NO.match(t) and not _LANCI.match(t):
        return False
    return bool(COLUMN_NO.match(t) or _COLUMN_NUMBER.match(t))


def column_paths(header: list[list[Cell | None]], n_cols: int) -> list[str]:
    """Each column's header path, its heading cells' texts from the top joined by `/`. A heading
    printed a line a cell (Word, a box per printed text: 公务接 / 待费 in two cells over this one
    column, or 公务用 / 车购置 / 费 in three) is one heading where its last cell is a fee word's
    wrapped tail (`measures.wrapped_tail`) of the one or two cells over it."""
    paths = []
    # the 栏次 row's cells, also where one reaches into a heading row (a side with fewer heading
    # rows: 栏次 | 1 merged up beside 项目 | 决算数 of the other side), are no part of any heading
    # (its other cells stay: 类 | 款 | 项 printed on the 栏次 line of a 续表 whose headings take a row
    # fewer, 科目编码 over them, U036-00001 p.6)
    numbering = {id(c) for row in header if _numbers_columns(row) for c in row if c is not None and _numbering(c)}
    for k in range(n_cols):
        parts: list[str] = []
        spans: list[int] = []
        column: list[Cell] = []
        for row in header:
            c = row[k] if k < len(row) else None
            if c is not None and id(c) not in numbering and all(c is not d for d in column):
                column.append(c)
        for c, t in _wrapped_lines(column):
            if _LANCI.match(t):
                continue  # 栏次 under a label column's heading (its numbers' row taken apart above);
                # 行次 heads a column of row numbers and stays its heading
            if t and (not parts or parts[-1] != t):
                # (the tail may end a heading of three lines, the two over it each in a cell of
                # its own over this column alone: 公务用 / 车购置 / 费, a box per printed line,
                # U020-00114 p.9)
                heads = next((j for j in (2, 1) if len(parts) >= j and spans[-j:] == [1] * j and c.colspan == 1
                              and wrapped_tail("".join(parts[-j:]), t)), 0)
                if heads:  # (the count of cells over it the tail joins)
                    parts[-heads:] = ["".join(parts[-heads:]) + t]
                    spans[-heads:] = [1]
                    continue
                parts.append(t)
                spans.append(c.colspan)
        paths.append("/".join(_stacked_words(parts)))
    return paths


def _wrapped_lines(column: list[Cell]) -> list[tuple[Cell, str]]:
    """A column's heading cells from the top, each with its text; the lines of one heading wrapped
    over three or more lines, read as a cell a line (政府 / 性基 / 金预 / 算 down one narrow column
    of a table without ruling), joined into one, given with its first cell. Such lines are cells
    over this column alone, each one grid row under the last, each box a line of text of one
    height, the next beginning under it with less than half a line between (their leading): a
    heading level of its own stands in a cell of its own, ruled or set apart. Two lines are left
    as they are (a group heading over one column may stand just over its heading)."""
    out: list[tuple[Cell, str]] = []
    run: list[Cell] = []

    def flush() -> None:
        if len(run) >= 3:
            out.append((run[0], "".join(clean(c.text) for c in run)))
        else:
            out.extend((c, clean(c.text)) for c in run)
        run.clear()

    for c in column:
        if run and not _next_line(run[-1], c):
            flush()
        if _one_line(c):
            run.append(c)
        else:
            flush()
            out.append((c, clean(c.text)))
    flush()
    return out


def _one_line(c: Cell) -> bool:
    """A cell holding one line of text over one column and one grid row, its box that text's."""
    return c.colspan == 1 and c.rowspan == 1 and c.box is not None and "\n" not in c.text.strip() \
        and bool(clean(c.text)) and parse_amount(c.text).status == "text"


def _next_line(up: Cell, c: Cell) -> bool:
    """Cell c is the line printed next under `up` in one heading: one grid row down, as high as
    it, overlapping it across, beginning under it within half a line (not touching it, as the
    cells of ruled rows do)."""
    a, b = up.box, c.box
    if b is None or c.row != up.row + 1 or b.page != a.page:
        return False
    h = a.bottom - a.top
    return h > 0 and abs((b.bottom - b.top) - h) < 0.2 * h and 0 < b.top - a.bottom < 0.5 * h \
        and min(a.x1, b.x1) > max(a.x0, b.x0)


def _stacked_words(parts: list[str]) -> list[str]:
    """A heading printed one character a line down a narrow column (预 / 算 / 数, 增 / 减 / 率 / ( / % / ))
    is one word: two or more single characters in a row join, and a single character after a
    heading is its wrapped tail (2021年决算 / 数). (No heading level is one character but 类, 款
    and 项, which stand side by side under 科目编码.)"""
    out: list[str] = []
    run: list[str] = []
    for p in parts + [""]:
        if len(p) == 1:
            run.append(p)
            continue
        out.extend(["".join(run)] if len(run) >= 2 else run)
        run = []
        if p:
            out.append(p)
    # a heading's last character wrapped onto a line of its own (2021年决算 / 数) is no level of its
    # own either: only 类, 款 and 项 head a column with one character, under 科目编码
    joined: list[str] = []
    for p in out:
        if joined and (len(p) == 1 and p not in codes.LEVELS.values() or rx_re.fullmatch(r"[(（]?[%％][)）]?", p)):
            joined[-1] += p
        elif joined and len(joined[-1]) == 1 and _cjk(joined[-1]) and _cjk(p[:1]):
            # nor is a heading's first character on a line of its own above the rest read as one
            # cell (基 / 本支出: a heading printed a character a line, its lower characters one
            # cell of the OCR rows, U001-00002 p.8): 类, 款 and 项 head their columns last
            joined[-1] += p
        else:
            joined.append(p)
    return joined


def _cjk(s: str) -> bool:
    return bool(s) and "\u4e00" <= s <= "\u9fff"


# ---------------------------------------------------------------- column roles and sides

@dataclass
class Segment:
    side: str
    code_cols: list[int]
    label_cols: list[int]
    amount_cols: list[int]
    name_cols: list[int] = field(default_factory=list)  # the label columns that name the row; others are attributes


def _name_columns(labels: list[int], paths: list[str], filled: set[int] | None = None,
                  repeating: set[int] | None = None) -> list[int]:
    """The label columns naming the rows: the first whose header says 名称/项目/科目, else the first
    that is not a 序号 column, with the label columns after it under the same heading (a category
    merged down its rows beside the items of one 项目名称 heading); label columns under headings of
    their own (采购品目 | 采购方式 | 组织形式) are attributes of the row. A column printing nothing in the
    body (`filled`: the columns that print) names no row while another prints labels. Of several
    columns whose headers say 名称, one printing the same text on several rows (`repeating`: the
    unit of each project, 单位名称 | 项目名称 | 合计 …) is an attribute: the items are named each once;
    where neither repeats, one naming an organisation (单位/部门/机构名称) gives way to the other."""
    printing = [k for k in labels if k in filled] if filled is not None and any(k in filled for k in labels) \
        else labels
    leaves = {k: compact(paths[k].split("/")[-1]) if k < len(paths) else "" for k in labels}
    named = [k for k in printing if _NAME_HEADER.search(leaves[k]) and not _INDEX_HEADER.match(leaves[k])]
    if len(named) > 1:
        named.sort(key=lambda k: (k in (repeating or ()), bool(_ORG_HEADER.search(leaves[k]))))
    plain = [k for k in printing if not _INDEX_HEADER.match(leaves[k])]
    first = (named or plain or printing or [None])[0]
    if first is None:
        return []
    out = [first]
    for k in labels:
        if k > out[-1] and k == out[-1] + 1 and (not paths[k] or paths[k] == paths[first]):
            out.append(k)
    return out


def _column_role(k: int, path: str, body: list[list[Cell | None]]) -> str:
    leaf = compact(path.split("/")[-1]) if path else ""
    own = [row[k] for row in body if k < len(row) and row[k] is not None and not _from_left(row, k)]
    # a cell reaching into this column from the left (当年支出小计 printed over a pair's name and
    # amount columns) is its own column's: it says nothing of what this column holds
    texts = [clean(c.text) for c in own if c.text.strip()]
    if _INDEX_HEADER.match(leaf):
        return "label"  # a 序号 column: an attribute of its row, not an amount
    parsed = [codes.parse_code(t, in_code_column=True) for t in texts]
    if _CODE_HEADER.search(leaf) and not (texts and not any(parsed) and
                                          sum(parse_amount(t).status == "text" for t in texts) * 2 >= len(texts)):
        # (under a code heading, a column of names and no code is the names': the heading ruled wider
        # than the codes under it, 功能科目代码 over 204 | 公共安全支出, jianchayuan-2019 p.16)
        return "code"
    dotted = [t for t in texts if "." in t or "．" in t]
    led = [c or _code_led(t) for c, t in zip(parsed, texts)]
    if texts and all(led) and sum(c is not None for c in parsed) >= CODES_SHARE * len(texts) \
            and not any("," in t for t in texts) and any(len(c.code) >= 5 for c in led) \
            and (not dotted or any(codes.parse_code(t) for t in dotted)):
        # codes by their content: a column of 3-digit numbers alone could be amounts, and so could
        # one of `208.01` alone; a `208.01.01` among them says the dots join a code's parts
        return "code"
    if texts and all(rx_re.fullmatch(r"\d{2}", t) for t in texts) and any(t.startswith("0") for t in texts):
        return "code"  # the 款 or 项 part of a code printed in 类|款|项 columns (01, 05): no amount has a leading 0
    if not texts:
        return "label" if _LABEL_HEADER.search(leaf) and not _looks_amount_header(leaf) else "amount"
    statuses = [parse_amount(t).status for t in texts]
    text_share = sum(s == "text" for s in statuses) / len(statuses)
    if text_share >= 0.5:
        return "label"
    return "amount"


CODES_SHARE = 0.8  # (_column_role) the least share of a code column's cells that are codes alone


def _code_led(text: str):
    """The code a cell opens with when a name follows it (`20702 文物`: read by OCR, a name set
    flush against its column's rule may come out in the code's cell), else None. A column whose
    cells are codes, at least CODES_SHARE of them alone, is a code column whatever its heading
    reads (科目代码科目名称 over both columns, the rule between the headings not found, U001-00001
    p.2 scanned); one whose cells all print a code and a name is a label column (codes joined
    with the names)."""
    code, rest = codes.split_leading_code(text)
    return code if code is not None and rest and _cjk(rest[:1]) else None


def _looks_amount_header(leaf: str) -> bool:
    return bool(rx_re.search(r"合计|金额|预算数|决算数|经费|支出$|收入$|资金$", leaf))


def segments(paths: list[str], body: list[list[Cell | None]], top_labels: list[str],
             single: bool = False) -> list[Segment]:
    roles = [_column_role(k, p, body) for k, p in enumerate(paths)]
    if single:
        labels = [k for k, r in enumerate(roles) if r == "label"]
        return [Segment("", [k for k, r in enumerate(roles) if r == "code"], labels,
                        [k for k, r in enumerate(roles) if r == "amount"], labels[:1])]
    segs: list[list[int]] = []
    for k, role in enumerate(roles):
        if not segs or (role in ("code", "label") and any(roles[j] == "amount" for j in segs[-1])):
            segs.append([k])
        else:
            segs[-1].append(k)
    out: list[Segment] = []
    for cols in segs:
        top = top_labels[cols[0]] if cols[0] < len(top_labels) else ""
        out.append(Segment(_side_name(top), [k for k in cols if roles[k] == "code"],
                           [k for k in cols if roles[k] == "label"],
                           [k for k in cols if roles[k] == "amount"]))
    if len(out) == 1:
        out[0].side = ""
    else:
        _unique_sides(out)
    filled = {k for row in body for k, c in enumerate(row) if c is not None and c.text.strip() and not _from_left(row, k)}
    repeating = set()
    for k in filled:
        seen = [compact(c.text) for row in body if k < len(row) and (c := row[k]) is not None and c.text.strip()
                and c.rowspan == 1 and not _from_left(row, k)]
        if len(set(seen)) < len(seen):
            repeating.add(k)
    for seg in out:
        seg.name_cols = _name_columns(seg.label_cols, paths, filled, repeating)
    return out


def _side_name(top: str) -> str:
    t = compact(top)
    if _INCOME.search(t) and not _EXPENDITURE.search(t):
        return "income"
    if _EXPENDITURE.search(t):
        return "expenditure"
    return ""


def _unique_sides(segs: list[Segment]) -> None:
    if not any(s.side for s in segs):
        for i, s in enumerate(segs):
            s.side = "left" if i == 0 else ("right" if i == len(segs) - 1 else f"part{i + 1}")
        return
    used: dict[str, int] = {}
    for s in segs:
        base = s.side or "part"
        used[base] = used.get(base, 0) + 1
        if used[base] > 1:
            s.side = f"{base}_{used[base]}"
        else:
            s.side = base


# ---------------------------------------------------------------- rows

def rows_of(paths: list[str], body: list[list[Cell | None]], body_pages: list[int | None],
            segs: list[Segment], kind: str, table_type: str = "", year: int | None = None) -> list[Row]:
    out: list[Row] = []
    counters: dict[str, int] = {}
    parents: dict[str, str] = {}  # per side: the code of the last row one level up
    group_total = table_type == "three_public_expenses" and any(_GROUP_PATH.search(p) for p in paths)
    for r, row in enumerate(body):
        left: tuple[str, list[int]] | None = None  # the pair before, under the same heading: its name columns
        for seg in segs:
            code_parts = [row[k].text if row[k] else "" for k in seg.code_cols]
            texts = {k: clean(row[k].text) for k in seg.label_cols if row[k] is not None and row[k].text.strip()}
            coded = any(x.strip() for x in code_parts)
            figure = any(parse_amount(row[k].text).status == "number" for k in seg.amount_cols
                         if row[k] is not None and not _label_over(row, k, seg))
            heading = _pair_heading(seg.side)
            if not texts and not coded and figure and left is not None and left[0] == heading:
                # a figure with no label of its own under the second pair of one heading (支出合计 printed
                # once, its label over the first pair's columns, its figure under the last pair's;
                # a copy that does not merge the label's cell leaves this pair's label blank): the
                # label printed to its left, whose own pair prints no figure, names it
                names = left[1]
                texts = {k: clean(row[k].text) for k in names}
            else:
                names = [k for k in seg.name_cols if k in texts]
                if not names:  # the naming column is blank here: the first label printed names the row
                    names = [k for k in seg.label_cols if k in texts and not _INDEX_HEADER.match(_leaf(paths, k))][:1]
            left = left if _blank_pair(texts, coded, figure, left, heading) else \
                (heading, names) if names and not figure and not coded and heading \
                and all(k in seg.label_cols for k in names) else None
            labels = list(dict.fromkeys(texts.values()))
            attributes = {_leaf(paths, k) or f"column_{k + 1}": t for k, t in texts.items()
                          if k not in names and not any(row[k] is row[j] for j in names)}
            values, seen = [], set()
            for k in seg.amount_cols:
                c = row[k]
                if c is not None and id(c) in seen:
                    continue  # one printed cell over several columns is one amount, in its first column
                if c is not None:
                    seen.add(id(c))
                amt = parse_amount(c.text if c else "")
                if c is not None and _label_over(row, k, seg):
                    amt = Amount("", None, "blank")  # a label reaching over this column is no amount of it
                if c is not None and c.row < grid_row(row, c.row) and amt.status != "blank":
                    amt = Amount("", None, "blank")  # a merged cell from above is not this row's
                m = measure(paths[k], kind, table_type)
                if m == "change_pct" and amt.status == "number":
                    amt = Amount(amt.printed, amt.value, "percent")  # 7.01 under 增减%: a percentage, no money
                values.append(Value(paths[k], m, amt, c.box if c else None, k, c.confidence if c else None,
                                    basis(paths[k], kind, m, year), column_count_unit(paths[k]) or ""))
            if group_total:  # the 三公 小计 is printed apart: a plain 合计 covers more (会议费, 培训费)
                for v in values:
                    if v.measure == "three_public_total" and not _GROUP_PATH.search(v.column):
                        v.measure = "total"
            if not labels and not any(x.strip() for x in code_parts) and \
                    all(v.amount.status == "blank" for v in values):
                continue
            code = None
            if seg.code_cols:
                code = codes.join_columns(code_parts, parents.get(seg.side, "")) if len(seg.code_cols) > 1 \
                    else codes.parse_code(code_parts[0], in_code_column=True)
            name = "/".join(dict.fromkeys(texts[k] for k in names))
            name_printed = "/".join(dict.fromkeys(row[k].text.strip() for k in names))
            if code is None and not name:
                # a 合计 printed in a code column (an empty table's only row, whose blank code and
                # name columns the reader could not part) is the row's label
                words = [clean(t) for t in code_parts if t.strip() and not rx_re.fullmatch(r"[\d\s]+", t)]
                if words:
                    name, name_printed = words[0], next(t.strip() for t in code_parts if clean(t) == words[0])
            _count_row(name, values)
            if code is None and name:
                lead, rest = codes.split_leading_code(name)
                if lead is not None:
                    code = lead
                    name = rest
            if code is not None and code.level in ("类", "款"):
                parents[seg.side] = code.code
            role = row_role(name)
            idx = counters.get(seg.side, 0)
            counters[seg.side] = idx + 1
            box = None
            for k in seg.code_cols + seg.label_cols + seg.amount_cols:
                if row[k] is not None and row[k].box is not None:
                    box = row[k].box if box is None else box.union(row[k].box)
            out.append(Row(idx, seg.side, code.code if code else "", code.printed if code else "",
                           code.classification if code else "none", code.level if code else "",
                           name, name_printed, role, values, body_pages[r], box, attributes=attributes))
    if table_type == "three_public_expenses" and not group_total:
        _three_public_rows(out, kind, table_type)
    return out


_THREE_PUBLIC_ITEMS = {"three_public_total", "outbound_travel", "reception", "vehicle_total", "vehicle_purchase",
                       "vehicle_operation", "meeting", "training"}


def _blank_pair(texts: dict, coded: bool, figure: bool, left: tuple | None, heading: str) -> bool:
    """A pair printing nothing in this row, between a total's label and its figure printed once
    for three pairs of one heading (本年支出合计 over the first pair, its figure under the third,
    the second blank: issue #12): it passes the label on to the pair after it."""
    return not texts and not coded and not figure and left is not None and left[0] == heading


def _three_public_rows(rows: list[Row], kind: str, table_type: str) -> None:
    """A “三公” table printed a row per item under one 预算数 / 决算数 / 金额 column: the row names what
    its figures are (1.因公出国（境）费 | 189.91: outbound_travel), as a column heading does across; a
    generic figure (amount, total) of such a row takes it. The table's 合计 (（一）支出合计) is the 三公
    total, or `total` when rows of 会议费 / 培训费 stand beside the 三公 (Jiangsu prints them), as
    measures.json says of the columns."""
    by_row = {id(r): measure(ITEM_MARK.sub("", r.name), kind, table_type) if r.name else "amount" for r in rows}
    extra = any(m in ("meeting", "training") for m in by_row.values())
    for r in rows:
        m = by_row[id(r)]
        if m not in _THREE_PUBLIC_ITEMS and r.role == "total":
            m = "total" if extra else "three_public_total"
        elif m == "three_public_total" and extra and "三公" not in r.name:
            m = "total"  # (合计 over 会议费 and 培训费 too; 一、“三公”经费合计 names its own)
        if m in _THREE_PUBLIC_ITEMS or m == "total":
            for v in r.values:
                # (a plain 小计 column is three_public_total by the table's type: generic too, unless
                # its heading names the 三公; 2016年预算数/小计 | 其中：一般公共预算安排数, nantong-2016)
                if v.measure in ("amount", "total") or v.measure == "three_public_total" and "三公" not in v.column:
                    v.measure = m


def row_role(name: str) -> str:
    """What a row's label makes it: "total" (合计, 收入总计), "subtotal" (…小计) or "item"."""
    key = compact(name)
    return "total" if _TOTAL.match(key) else "subtotal" if _SUBTOTAL.match(key) else "item"


def _from_left(row: list[Cell | None], k: int) -> bool:
    """Whether column `k`'s cell is one spanned in from the column to its left."""
    return k > 0 and row[k] is not None and row[k] is row[k - 1]


def _label_over(row: list[Cell | None], k: int, seg: Segment) -> bool:
    """Whether column `k` of `seg` holds a label reaching over it from a column not of its amounts."""
    return _from_left(row, k) and k - 1 not in seg.amount_cols


def _pair_heading(side: str) -> str:
    """The heading a pair of columns stands under, from its side (`expenditure_2` is the second
    pair under 支出); "" for sides without one (left, right, part2), which pair nothing."""
    base = side.split("_")[0]
    return base if base in ("income", "expenditure") else ""


def _count_row(name: str, values: list[Value]) -> None:
    """A row of counts in a table of amounts (`1.因公出国（境）团组数（个）  65` under 决算数, `公务用车保有量
    （辆）` in a 三公 table): its figures are counts in the unit its name gives, not money in the
    table's unit (schemas/measures.json `counts`); a change of a count (增减 column) is a count too.
    A percentage keeps its measure; a column that names a count of its own keeps its unit."""
    unit = count_unit(name)
    if unit is None:
        return
    for v in values:
        if v.measure not in ("change_pct", COUNT):
            v.measure, v.unit = COUNT, unit


def _leaf(paths: list[str], k: int) -> str:
    return compact(paths[k].split("/")[-1]) if k < len(paths) and paths[k] else ""


def printed_matrix(rows: list[list[Cell | None]]) -> list[list[str]]:
    out = []
    for row in rows:
        line = []
        for k, c in enumerate(row):
            # a merged cell is printed once, in its first column and row
            if c is None or (k > 0 and row[k - 1] is c):
                line.append("")
            else:
                line.append(c.text)
        out.append(line)
    return out


def top_labels(header: list[list[Cell | None]], n_cols: int) -> list[str]:
    return [clean(header[0][k].text) if header and header[0][k] else "" for k in range(n_cols)]


def same_header(a: list[list[Cell | None]], b: list[list[Cell | None]]) -> bool:
    return [[compact(t) for t in _row_texts(r)] for r in a] == [[compact(t) for t in _row_texts(r)] for r in b]


def label_only(row: list[Cell | None]) -> bool:
    """The row prints words (no figure) in its leading columns only, its last column blank, each
    cell its own (no heading merged down into it): a row of blank cells, not a heading row."""
    texts = _row_texts(row)
    return any(texts) and not texts[-1] and not any(c is not None and c.rowspan > 1 for c in row) \
        and all(parse_amount(t).status == "text" and codes.parse_code(t) is None for t in texts if t)


def repeated_over_labels(header: list[list[Cell | None]], first: list[list[Cell | None]]) -> int:
    """How many leading rows of a continued page's `header` repeat `first`'s (the table's first
    page) row for row, where `first` goes on below them with rows of blank cells only
    (`label_only`), and `header` with other such rows or none: the header the split found on each
    page is the repeated heading and the rows of blank cells opening that page, read as headings
    for want of a figure (a 续表 of further columns blank on its first rows, U008-00063 pp.6-7;
    its next page opening with figures, its header the heading alone, U020-00100 pp.5-6).
    0 when they do not so."""
    n = 0
    while n < min(len(header), len(first)) and same_header(header[n:n + 1], first[n:n + 1]):
        n += 1
    if not n or n == len(first) or same_header(header, first):
        return 0
    if all(label_only(r) for r in header[n:]) and all(label_only(r) for r in first[n:]):
        return n
    return 0


def within_header(header: list[list[Cell | None]], first: list[list[Cell | None]]) -> int:
    """How many leading rows of a continued page's `header` print only words that `first` (the
    table's first part's header, on the same columns) prints in the same column: the header repeated
    with cells left out (LibreOffice Writer draws a repeated heading row with fewer cells, the group
    heading and the last columns' headings blank, and its 栏次 | 1 | 2 | 3 | 4 line with the last
    number gone, U020-00628 p.3). Those rows are heading rows, never body rows (the 栏次 line's
    numbers were read as figures). 0 when the first row prints a word `first` does not print over
    its column, or when no row prints a word; rows after the count are the split's to judge."""
    if not first:
        return 0
    n_cols = max(len(r) for r in first)
    seen = [{compact(t) for r in first for t in _row_texts(r)[k:k + 1] if compact(t)} for k in range(n_cols)]
    n, printed = 0, False
    for row in header:
        texts = [compact(t) for t in _row_texts(row)]
        if len(texts) > n_cols or any(t and t not in seen[k] for k, t in enumerate(texts)):
            break
        printed = printed or any(texts)
        n += 1
    return n if printed else 0


def similar_header(a: list[list[Cell | None]], b: list[list[Cell | None]]) -> bool:
    """The same header words, however the rows split them (a header read by OCR from a table
    without rules is cut into cells by alignment, differently on each page): most words shared,
    or nine in ten of their characters."""
    wa = {compact(t) for r in a for t in _row_texts(r) if compact(t)}
    wb = {compact(t) for r in b for t in _row_texts(r) if compact(t)}
    if not (wa and wb):
        return False
    # (or the same characters, however they are cut into words: 科目编码 | 类 on one page,
    # 科目编码类 wrapped into one cell on the next)
    ca, cb = set("".join(wa)), set("".join(wb))
    return len(wa & wb) >= 0.6 * len(wa | wb) or len(ca & cb) >= 0.9 * len(ca | cb)


def header_map(paths: list[str], onto: list[str]) -> list[list[int]] | None:
    """The columns of `onto` (the column paths of a table's first part) each column of a part
    printed under its own repeated header stands under: the same path, or, where this page's
    header merges neighbours that print nothing here (科目编码/类款项 over blank code columns on the
    page carrying only the 合计 row, L007-00455 p.4), the run of `onto`'s columns under one parent
    whose last headings read together make it, or the same lowest heading (a group heading cut
    otherwise over blank columns: 科目名称/项 for 科目编码/项, L007-00905 p.5). A column under no
    heading after the first stands under the column before it; one before the first under the
    column after it when that is `onto`'s first (a two-sided summary's 收入总计 set at the left edge,
    left of 项目 centred over income labels blank on this page, U024-00085 p.7; before a later
    column it may stand for one of `onto` whose heading is lost here: None). Columns of `onto` may
    be missing from the part, in order; None when a path finds no place."""
    def key(p: str) -> list[str]:
        return [compact(x) for x in p.split("/")]

    out: list[list[int]] = []
    j = 0
    lead = 0  # columns under no heading before the first headed one
    for p in paths:
        want = key(p)
        if not "".join(want) and j > 0:
            # a column under no heading (a letter-spaced 合 计 between blank label columns made one
            # of its own, U001-00051 p.9): part of the column before it
            out.append([j - 1])
            continue
        if not "".join(want) and not out and not any(not "".join(key(q)) for q in onto):
            lead += 1
            continue
        found = next(([m] for m in range(j, len(onto)) if key(onto[m]) == want), None)
        for start in range(j, len(onto)):
            if found is not None:
                break
            if key(onto[start])[-1:] == want[-1:]:
                found = [start]  # (the same lowest heading: groups over it may be cut otherwise here)
                break
            *parent, last = want
            run, text = [], ""
            for m in range(start, len(onto)):
                *up, tail = key(onto[m])
                if up != parent or not last.startswith(text + tail):
                    break
                run, text = run + [m], text + tail
                if text == last:
                    break
            if len(run) > 1 and text == last:
                found = run
                break
        if found is None:
            return None
        if lead and found[0] > 0:
            return None  # (a column of `onto` before it, its heading lost here, may be theirs: 科目编码)
        out += [[found[0]]] * lead
        lead = 0
        out.append(found)
        j = found[-1] + 1
    return None if lead else out


def union_box(boxes: list[Box | None]) -> Box | None:
    out = None
    for b in boxes:
        if b is not None:
            out = b if out is None else out.union(b)
    return out
