"""Characters to text lines and ruled grids, shared by every reader that yields characters with
boxes (the PDF text layer, and OCR of a page image): each character is assigned to the cell of
the lattice it lies in (bisect on the lattice), the rest grouped into printed lines.

A character is a dict with text, x0, x1, top, bottom (points from the page's top-left) and
size; OCR characters add conf, the recogniser's confidence (0–1).
"""
from __future__ import annotations


from bisect import bisect_right
from dataclasses import replace
from operator import itemgetter

from disclosure import settings, speedups
from disclosure.model import Box, Cell, Grid, TextLine
from disclosure.normalize.codes import classify
from disclosure.normalize.table_types import table_type
from disclosure.normalize.text import COLUMN_NO, map_glyphs
from disclosure.rx import compile as rx_compile
from disclosure import rx as rx_re

_SNAP = 2.0  # (default of settings.snap) points: lattice coordinates closer than this are one line


def confidence(chars: list[dict]) -> float | None:
    """The least confident character's confidence; None when none carries one (a text layer)."""
    confs = [c["conf"] for c in chars if "conf" in c]
    return round(min(confs), 4) if confs else None


def _cluster(values: list[float]) -> list[float]:
    out: list[float] = []
    snap = settings.current().snap
    for v in sorted(values):
        if not out or v - out[-1] > snap:
            out.append(v)
    return out


def _index(coords: list[float], v: float) -> int:
    """Index of the lattice coordinate nearest to v."""
    j = bisect_right(coords, v)
    if j == 0:
        return 0
    if j == len(coords):
        return len(coords) - 1
    return j if coords[j] - v < v - coords[j - 1] else j - 1


def grid(table, chars: list[dict], used: list[bool], page_no: int) -> Grid | None:
    bboxes = table.cells
    if len(bboxes) < 2:
        return None
    xs = _cluster([b[0] for b in bboxes] + [b[2] for b in bboxes])
    ys = _cluster([b[1] for b in bboxes] + [b[3] for b in bboxes])
    n_cols, n_rows = len(xs) - 1, len(ys) - 1
    if n_cols < 2 or n_rows < 1:
        return None
    spans, occupancy = _spans(bboxes, xs, ys)
    placed = _placed(chars, used, xs, ys, table.bbox)
    members: dict[int, list[dict]] = {}
    for i, ch, r, c in _pushed_over(_figure_apart(placed, _keep_words(placed, xs)), xs, occupancy):
        if not 0 <= c < n_cols:
            continue  # outside the table and not part of a word inside it
        k = occupancy.get((r, c))
        if k is None:
            continue
        used[i] = True
        members.setdefault(k, []).append(ch)
    cells = []
    fast = speedups.module()  # (asked once for the cells' texts)
    index = {id(ch): i for i, ch, _, _ in placed}
    for k, span in enumerate(spans):
        if span is None:
            continue
        r0, c0, rs, cs = span
        x0, top, x1, bottom = bboxes[k]
        inside = members.get(k, [])
        if len(inside) > 1 and _printed_over(inside):
            inside = _own_text(inside, index, used)
        cells.append(Cell(_text(inside, fast), r0, c0, rs, cs, Box(page_no, x0, top, x1, bottom), confidence(inside)))
    if not cells:
        return None
    # the grid's box is its cells': text inside the ruling but above every cell (a title printed
    # in the frame) then reads as a line above the table, where it belongs
    box = Box(page_no, min(c.box.x0 for c in cells), min(c.box.top for c in cells),
              max(c.box.x1 for c in cells), max(c.box.bottom for c in cells))
    return Grid(n_rows, n_cols, cells, box)


def _printed_over(chs: list[dict]) -> bool:
    """Whether two characters of one line overlap by a quarter of one or more: two texts printed
    over each other (never one printed text)."""
    for line in _one_line_each(chs):
        cs = sorted(line, key=_X0)
        if any(u["x1"] - v["x0"] > 0.25 * v["size"] for u, v in zip(cs, cs[1:])):
            return True
    return False


def _one_line_each(chs: list[dict]) -> list[list[dict]]:
    """Characters grouped into printed lines: a character whose top is within 0.3 of its size of
    the line's first joins it (tops in order)."""
    lines: list[list[dict]] = []
    for c in sorted(chs, key=_TOP):
        if lines and abs(c["top"] - lines[-1][0]["top"]) < 0.3 * c["size"]:
            lines[-1].append(c)
        else:
            lines.append([c])
    return lines


def _own_text(inside: list[dict], index: dict[int, int], used: list[bool]) -> list[dict]:
    """A cell's characters where two texts are printed over each other in it (a title too wide for
    its ruled first row, clipped in a spreadsheet, its text running on over the title beside it,
    U020-00631 p.6): on each line, the run drawn left to right (_drawn_runs, `inside` in the
    page's order) with the most characters is the cell's own; the others, another cell's text run
    over this one, are given back (`used` cleared: `index`, id of a character -> its place in the
    page's characters) and read as the text they are outside the table."""
    keep: set[int] = set()
    for line in _one_line_each(inside):
        ids = {id(c) for c in line}
        runs = _drawn_runs([c for c in inside if id(c) in ids]) if _printed_over(line) else [line]
        keep |= {id(c) for c in max(runs, key=len)}
    for c in inside:
        if id(c) not in keep:
            used[index[id(c)]] = False
    return [c for c in inside if id(c) in keep]


def _spans(bboxes: list[tuple], xs: list[float], ys: list[float]
           ) -> tuple[list[tuple[int, int, int, int] | None], dict[tuple[int, int], int]]:
    """Each cell box (x0, top, x1, bottom) on the lattice `xs`, `ys` (sorted coordinates, points):
    its (row, col, rowspan, colspan), None where it is left out, and the slot (row, col) -> the
    box's index. Its edges go to the lattice coordinates nearest them; smallest boxes first: a
    filled background rect behind the table is a "cell" that contains all the others, dropped,
    never allowed to swallow their text (a box over slots taken already, or covering none, is
    left out). In C with disclosure._speedups (its spans: the same; it declines, and this runs,
    on anything but tuples and lists of finite floats)."""
    got = speedups.call("spans", bboxes, xs, ys)
    if got is not None:
        return got
    occupancy: dict[tuple[int, int], int] = {}
    spans: list[tuple[int, int, int, int] | None] = [None] * len(bboxes)
    order = sorted(range(len(bboxes)), key=lambda k: (bboxes[k][2] - bboxes[k][0]) * (bboxes[k][3] - bboxes[k][1]))
    for k in order:
        x0, top, x1, bottom = bboxes[k]
        c0, c1 = _index(xs, x0), _index(xs, x1)
        r0, r1 = _index(ys, top), _index(ys, bottom)
        if c1 <= c0 or r1 <= r0:
            continue
        slots = [(r, c) for r in range(r0, r1) for c in range(c0, c1)]
        free = [sl for sl in slots if sl not in occupancy]
        if not free or (len(slots) > 1 and len(free) < len(slots)):
            continue  # a container of other cells, or overlapping them
        spans[k] = (r0, c0, r1 - r0, c1 - c0)
        for sl in slots:
            occupancy[sl] = k
    return spans, occupancy


def _placed(chars: list[dict], used: list[bool], xs: list[float], ys: list[float], bbox: tuple
            ) -> list[tuple[int, dict, int, int]]:
    """The characters not used yet whose middle lies in the table's box `bbox` (x0, top, x1,
    bottom; points), with the lattice row and column it falls in (`ys`, `xs`: the lattice's
    coordinates, sorted): [(char index, char, row, col)], in the characters' order. A character
    just past the outer rule may end a word inside (an amount over the edge): half its size on
    the left, one and a half on the right (an amount pushed wholly over the right rule is taken
    back by _pushed_over). In C with disclosure._speedups (its place: the same list; it declines,
    and this runs, on anything but plain dicts of floats, bools and a tuple of floats)."""
    got = speedups.call("place", chars, used, xs, ys, bbox)
    if got is not None:
        return got
    x_min, top_min, x_max, bottom_max = bbox
    placed: list[tuple[int, dict, int, int]] = []
    for i, ch in enumerate(chars):
        if used[i]:
            continue
        cx = (ch["x0"] + ch["x1"]) / 2
        cy = (ch["top"] + ch["bottom"]) / 2
        edge = 0.5 * (ch.get("size") or 0)
        if not (x_min - edge <= cx <= x_max + 3 * edge and top_min <= cy <= bottom_max):
            continue
        placed.append((i, ch, bisect_right(ys, cy) - 1, bisect_right(xs, cx) - 1))
    return placed


def _keep_words(placed: list[tuple[int, dict, int, int]], xs: list[float]) -> list[tuple[int, dict, int, int]]:
    """A word printed over a column rule (an amount too wide for its cell, text a few points off
    in a spreadsheet export) stays in the cell holding most of it: characters of one line that
    touch (no blank between them) and fall into two columns are given the column of the
    majority of the word's width. Read by OCR, characters of two pieces the reader cut apart at
    a rule (`seg`) are two words however close (65,700,000 | 一、一般公共服务支出, the amount
    ending at the rule, L007-00012 p.2). In C with disclosure._speedups (its keep_words: the same
    list; it declines, and this runs, on anything but plain dicts with finite float positions, and
    on OCR's pieces)."""
    got = speedups.call("keep_words", placed)
    if got is not None:
        return got
    out = list(placed)
    chars = [p[1] for p in out]
    # by (row, rounded top, x0), ties in the given order: the keys made and compared in C
    order = [j for *_, j in sorted(zip(map(itemgetter(2), out), map(round, map(_TOP, chars)), map(_X0, chars),
                                       range(len(out))))]
    run: list[int] = []

    def settle(run: list[int]) -> None:
        cols = {out[j][3] for j in run}
        if len(cols) < 2:
            return
        width: dict[int, float] = {}
        for j in run:
            ch = out[j][1]
            width[out[j][3]] = width.get(out[j][3], 0.0) + ch["x1"] - ch["x0"]
        best = max(width, key=width.get)
        for j in run:
            i, ch, r, _ = out[j]
            out[j] = (i, ch, r, best)

    for j in order:
        if run:
            i0, prev, r0, _ = out[run[-1]]
            ch, r = out[j][1], out[j][2]
            size = max(ch.get("size", 0) or 0, 1)
            if r == r0 and abs(ch["top"] - prev["top"]) < 0.3 * size and -0.25 * size <= ch["x0"] - prev["x1"] < 0.15 * size \
                    and ch.get("seg") == prev.get("seg"):
                run.append(j)
                continue
            settle(run)
        run = [j]
    if run:
        settle(run)
    return out


_AMOUNT_CHARS = set("0123456789,.-()%－—")


_PRINTED_AMOUNT = rx_compile(r"^[(（]?-?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)[)）]?$")
HAN = rx_compile(r"[\u4e00-\u9fff]")  # a CJK ideograph (aligned.py reads it too)


def _figure_apart(placed: list[tuple[int, dict, int, int]], kept: list[tuple[int, dict, int, int]]
                  ) -> list[tuple[int, dict, int, int]]:
    """`kept` (`_keep_words` of `placed`) with an amount and the text it touches across a column
    rule given back their own columns: characters moved over a rule that are all of one kind
    (figures, or other text opening with a Chinese character), where the characters of their line
    left in the column they were moved to are all of the other, or both printed amounts, are two
    words, not one printed over the rule (102,326,301.32支出总计 and 102,326,301.3297,295,583.75: a
    总计 row in larger bold type, each amount touching what the next column prints, all read into
    the amount's cell, U020-00277 p.8). The figures must read as a printed amount (grouped by
    thousands or with decimals) and the text open with a Chinese character: 2019年预算数 over a
    rule stays one word, and so does an amount cut at the rule (102,326 | ,301.32). Same list shape
    as `kept`."""
    moved = [j for j in range(len(kept)) if kept[j][3] != placed[j][3]]
    if not moved:
        return kept
    out = list(kept)
    groups: dict[tuple[int, int], list[int]] = {}
    for j in moved:
        groups.setdefault((kept[j][2], kept[j][3]), []).append(j)
    for (row, col), js in groups.items():
        size = max(max((placed[j][1].get("size") or 0) for j in js), 1)
        top = placed[js[0]][1]["top"]
        stay = [j for j in range(len(placed)) if placed[j][2] == row and placed[j][3] == col
                and kept[j][3] == col and abs(placed[j][1]["top"] - top) < 0.3 * size]
        if not stay:
            continue

        def text(ks: list[int]) -> str:
            return "".join(placed[k][1]["text"] for k in sorted(ks, key=lambda k: placed[k][1]["x0"])).strip()

        a, b = text(js), text(stay)
        if _PRINTED_AMOUNT.match(a) and _PRINTED_AMOUNT.match(b) or any(
                _PRINTED_AMOUNT.match(fig) and HAN.match(words) and
                not any(ch in _AMOUNT_CHARS for ch in words) for fig, words in ((a, b), (b, a))):
            for j in js:
                out[j] = placed[j]
    return out


_GROUPED = r"-?\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?"
_TWO_GROUPED = rx_compile(f"({_GROUPED})({_GROUPED})")


def _shape(figure: str) -> tuple[bool, bool]:
    """How a figure is printed: with a decimal point; grouped by thousands (None below 1000)."""
    digits = figure.split(".")[0].lstrip("-(")
    return "." in figure, ("," in digits) if len(digits.replace(",", "")) > 3 else None


def _numbering_rows(cells: dict[tuple[int, int], list[int]], placed: list[tuple[int, dict, int, int]]) -> set[int]:
    """The grid rows that number the columns (`cells`: (row, column) -> indices into `placed`): a
    cell 栏次 / 行次, or every cell printing one or two figures alone, three or more of them counting
    up by one left to right (1 | 2 | 3, 2 | 3 | 4 after 栏次 | 1 on the other side)."""
    texts: dict[int, list[tuple[int, str]]] = {}
    for (r, c), js in cells.items():
        t = "".join(placed[j][1]["text"] for j in sorted(js, key=lambda j: placed[j][1]["x0"])).replace(" ", "")
        if t:
            texts.setdefault(r, []).append((c, t))
    out = set()
    for r, ts in texts.items():
        ts.sort()
        if any(COLUMN_NO.match(t) for _, t in ts):
            out.add(r)
            continue
        if len(ts) >= 3 and all(rx_re.fullmatch(r"\d{1,2}", t) for _, t in ts) \
                and all(int(b) == int(a) + 1 for (_, a), (_, b) in zip(ts, ts[1:])):
            out.add(r)
    return out


def _pushed_over(placed: list[tuple[int, dict, int, int]], xs: list[float],
                 occupancy: dict[tuple[int, int], int]) -> list[tuple[int, dict, int, int]]:
    """An amount pushed wholly over the rule on the right of its cell (an export that overflows a
    narrow cell; a dash past the table's last rule) goes back to the cell on the left of that rule:
    an amount (figures or a dash) that starts within half a character of a column rule, ends
    clear of the next one, while the cell on its left in the same row holds nothing and the
    column on the left is one of right-aligned amounts (most of its amounts end within a
    character of their ruled box's right side, not of a lattice line of a table stacked on the
    ruling crossing the box, U028-00011 p.8; and they do not all begin alike while ending unlike:
    such a column is set left). Figures are never moved into a cell that holds text: the cell on the left is its
    ruled box, which may span lattice columns (a name cell under the column lines of a table
    stacked above it on one ruling, generator axis stacked, U025-00000 p.3), empty only when none
    of its slots prints anything."""
    n_cols = len(xs) - 1
    cells: dict[tuple[int, int], list[int]] = {}
    for j, (_, ch, r, c) in enumerate(placed):
        cells.setdefault((r, c), []).append(j)
    slots_of: dict[int, list[tuple[int, int]]] = {}
    for sl, k in occupancy.items():
        slots_of.setdefault(k, []).append(sl)

    def right_of(r: int, c: int) -> float:
        """The right rule of the ruled box holding slot (r, c): a figure set against it is set
        right, whatever lattice lines of another table stacked on the ruling cross its box."""
        k = occupancy.get((r, c))
        return xs[min(max(sl[1] for sl in slots_of[k]) + 1, n_cols)] if k is not None else xs[min(c + 1, n_cols)]

    def left_blank(r: int, c: int) -> bool:
        """Whether the ruled box holding slot (r, c - 1) is another than (r, c)'s and prints nothing."""
        k = occupancy.get((r, c - 1))
        return k is not None and k != occupancy.get((r, c), -1) and not any(cells.get(sl) for sl in slots_of[k])

    memo: dict[tuple[int, int], list[list[int]]] = {}

    def words_in(key: tuple[int, int], js: list[int]) -> list[list[int]]:
        """words(js) of the cell `key` as first placed (each cell's list is read whole only so)."""
        got = memo.get(key)
        if got is None:
            got = memo[key] = words(js)
        return got

    def words(js: list[int]) -> list[list[int]]:
        out: list[list[int]] = []
        for j in sorted(js, key=lambda j: placed[j][1]["x0"]):
            ch = placed[j][1]
            size = max(ch.get("size", 0) or 0, 1)
            if out and ch["x0"] - placed[out[-1][-1]][1]["x1"] < 0.3 * size \
                    and abs(ch["top"] - placed[out[-1][-1]][1]["top"]) < 0.3 * size:
                out[-1].append(j)
            else:
                out.append([j])
        # two amounts grouped by thousands run together (17,920,00017,920,000: one pushed over its
        # rule onto the next cell's own) are two words: a group has three figures
        split: list[list[int]] = []
        for w in out:
            m = _TWO_GROUPED.fullmatch("".join(placed[j][1]["text"] for j in w))
            split += [w[:len(m.group(1))], w[len(m.group(1)):]] if m else [w]
        return split

    def is_amount(w: list[int]) -> bool:
        return all(placed[j][1]["text"] in _AMOUNT_CHARS for j in w)

    def is_code(w: list[int]) -> bool:  # 301, 30201, 2010101: a functional or economic code
        return classify("".join(placed[j][1]["text"] for j in w)) is not None

    def may_move(r: int, c: int, js: list[int]) -> bool:
        """The tests of a move below that need no column's figures (the cell on the left empty and
        another cell; the first word an amount starting against the rule on the left, clear of the
        next, not two figures alone)."""
        if not 1 <= c <= n_cols or not left_blank(r, c):
            return False
        first = words_in((r, c), js)[0]
        size = max(placed[first[0]][1].get("size", 0) or 0, 1)
        room = xs[c + 1] if c < n_cols else float("inf")
        return is_amount(first) and placed[first[0]][1]["x0"] - xs[c] < 0.5 * size \
            and room - placed[first[-1]][1]["x1"] > size \
            and not rx_re.fullmatch(r"\d{2}", "".join(placed[j][1]["text"] for j in first))

    # no cell passes them as first placed: nothing moves (a move needs them, and the first move
    # is made on the cells as first placed), and the columns' figures below need not be read
    if not any(may_move(r, c, js) for (r, c), js in cells.items()):
        return placed

    # where each column's amounts start and end (`edges`: x0, x1, size; whether they end against the
    # column's right rule, `flush` below, says it is right-aligned); and a column whose figures
    # start against its left rule is one of codes (`lead`; 科目编码 of a table's second half), and a
    # code there is its own, not pushed over: three
    # such codes, or two where the column prints no other figure (31013 and 31021 alone under the
    # second 科目编码 on the page a side-by-side table ends, its left half's rows over: L007-00114 p.17)
    # (the line numbering the columns, 栏次 | 1 | 2 | 3 | 4 centred under the headings, is no
    # evidence of how the columns set their figures: its 3 centred under 一般公共预算 made a column
    # set left look right-aligned, and its 政府性基金预算 figure against the rule moved into it, U024-00060 p.4)
    numbering = _numbering_rows(cells, placed)
    lead: dict[int, int] = {}
    edges: dict[int, list[tuple[float, float, float]]] = {}
    figures: dict[int, int] = {}
    shapes: dict[int, set] = {}  # how each column's figures (not codes) are printed
    for (r, c), js in cells.items():
        if 0 <= c < n_cols and r not in numbering:
            for w in words_in((r, c), js):
                if is_amount(w):
                    figures[c] = figures.get(c, 0) + 1
                    if not is_code(w) and placed[w[0]][1]["x0"] >= xs[c]:
                        shapes.setdefault(c, set()).add(_shape("".join(placed[j][1]["text"] for j in w)))
                    size = max(placed[w[-1]][1].get("size", 0) or 0, 1)
                    # (one over the rule on its left is no evidence, nor a code or a code's part:
                    # 01 under 款 ends near its rule in a narrow column, U001-00036 p.9)
                    if placed[w[0]][1]["x0"] >= xs[c] and not is_code(w) \
                            and not rx_re.fullmatch(r"\d{2}", "".join(placed[j][1]["text"] for j in w)):
                        edges.setdefault(c, []).append((placed[w[0]][1]["x0"], placed[w[-1]][1]["x1"], size,
                                                        right_of(r, c)))
                    if is_code(w) and placed[w[0]][1]["x0"] - xs[c] < 0.5 * size \
                            and xs[c + 1] - placed[w[-1]][1]["x1"] > size:
                        lead[c] = lead.get(c, 0) + 1
    flush = {c: [right - x1 < size for _, x1, size, right in es] for c, es in edges.items()}
    moves: dict[int, int] = {}
    for (r, c), js in sorted(cells.items(), key=lambda kv: kv[0][1]):  # left to right: a move frees a cell
        if not 1 <= c <= n_cols or not left_blank(r, c):
            continue
        # (a column printing nothing else on the page is set as the page's other amount columns:
        # the 基本支出 dash of an empty table's 合计 row, jittered over its rule, L007-00008 p.5)
        # (nor does one whose figures all begin and end alike: 263.4463 filling a narrow cell set
        # left, beside figures of other widths set left, U001-00042 p.2)
        es = edges.get(c - 1, [])
        starts = es and max(e[0] for e in es) - min(e[0] for e in es) < 0.5 * es[0][2]
        ends = es and max(e[1] for e in es) - min(e[1] for e in es) < 0.5 * es[0][2]
        if starts and not ends:
            # (a column whose figures begin alike and end unlike is set left: the longest fill
            # the cell to within a character of its rule, yet none is pushed over it, and the
            # figure starting at the rule is the next cell's own, set left too: 1742846.88 under
            # 政府性基金预算 beside a blank 一般公共预算, U020-00249 p.5)
            continue
        alike = starts and ends
        left = (flush.get(c - 1, []) if not alike else []) or [f for v in flush.values() for f in v]
        if sum(left) * 2 <= len(left):
            continue
        first = words_in((r, c), js)[0]  # js: the cell's characters as first placed (the items were listed before any move)
        size = max(placed[first[0]][1].get("size", 0) or 0, 1)
        x0, x1 = placed[first[0]][1]["x0"], placed[first[-1]][1]["x1"]
        room = xs[c + 1] if c < n_cols else float("inf")
        # (two figures alone are the 款 or 项 part of a code in its own narrow column, set left a
        # few points off the rule: L007-00193 p.8, 02 under 项 beside a 款 column of codes)
        part = rx_re.fullmatch(r"\d{2}", "".join(placed[j][1]["text"] for j in first))
        # (nor a code printed as none of the left column's figures is, 31099 beside amounts with
        # decimals or 31013 beside amounts grouped by thousands: L007-00921 p.17, a code alone under
        # the second 科目编码 on the page a side-by-side table ends)
        text = "".join(placed[j][1]["text"] for j in first)
        alien = is_code(first) and bool(shapes.get(c - 1)) and _shape(text) not in shapes[c - 1]
        if is_amount(first) and x0 - xs[c] < 0.5 * size and room - x1 > size and not part and not alien \
                and not (is_code(first) and (lead.get(c, 0) >= 3 or 2 <= lead.get(c, 0) == figures.get(c))):
            for j in first:
                moves[j] = c - 1
            cells[(r, c - 1)], cells[(r, c)] = first, [j for j in js if j not in first]
    if not moves:
        return placed
    return [(i, ch, r, moves.get(j, c)) for j, (i, ch, r, c) in enumerate(placed)]


# ---------------------------------------------------------------- characters to text

_ASK = speedups.ASK  # (the default of `c` below: ask disclosure.speedups; callers in a loop ask once)


def rows_of(chars: list[dict], c=_ASK) -> list[list[dict]]:
    """Characters grouped into printed lines by vertical overlap, each sorted left to right: in
    the order of their rounded tops, then x0, each joins the latest of the last three lines whose
    span (widened by 1 pt) holds its middle; the lines in the order of their tops. In C with
    disclosure._speedups (its rows_of: the same lists; it declines, and this runs, on anything
    but plain dicts with finite float top, bottom and x0). `c`: speedups.module(), where the caller
    asked it."""
    got = speedups.call("rows_of", chars, c=c)
    if got is not None:
        return got
    rows: list[list[dict]] = []
    spans: list[tuple[float, float]] = []
    # by (rounded top, x0), ties in the given order: the keys made and compared in C
    order = sorted(zip(map(round, map(_TOP, chars)), map(_X0, chars), range(len(chars))))
    for _, _, i in order:
        ch = chars[i]
        top_, bottom_ = ch["top"], ch["bottom"]
        mid = (top_ + bottom_) / 2
        n = len(rows)
        for k in range(n - 1, n - 4 if n > 3 else -1, -1):  # the last three rows
            top, bottom = spans[k]
            if top - 1 <= mid <= bottom + 1:
                rows[k].append(ch)
                # min() and max() spelt out (same results, ties and all): this runs once a character
                spans[k] = (top_ if top_ < top else top, bottom_ if bottom_ > bottom else bottom)
                break
        else:
            rows.append([ch])
            spans.append((top_, bottom_))
    for r in rows:
        r.sort(key=_X0)
    order = sorted(range(len(rows)), key=lambda k: spans[k][0])
    return [rows[k] for k in order]


_TOP, _X0, _X1, _BOTTOM, _SIZE = (itemgetter(k) for k in ("top", "x0", "x1", "bottom", "size"))


def _line_text(row: list[dict], c=_ASK) -> str:
    """The characters' texts in order (map_glyphs applied), a space between two where the gap
    exceeds a fifth of the later one's size (at least 1 pt). The join in C with
    disclosure._speedups (its line_text: the same text; it declines, and this runs, on anything
    but plain dicts with str text and float x0, x1, size; `c` as for rows_of)."""
    got = speedups.call("line_text", row, c=c)
    if got is not None:
        return map_glyphs(got)
    out = []
    x1 = None
    for ch in row:
        if x1 is not None:
            size = ch["size"]
            if 1 > size:  # max(size, 1)
                size = 1
            if ch["x0"] - x1 > 0.2 * size:  # a space glyph is a quarter of an em in most CJK fonts
                out.append(" ")
        out.append(ch["text"])
        x1 = ch["x1"]
    return map_glyphs("".join(out))


def _text(chars: list[dict], c=_ASK) -> str:
    if not chars:
        return ""
    if c is _ASK:
        c = speedups.module()
    parts = [_line_text(r, c) for r in rows_of(chars, c)]
    out = parts[0]
    for p in parts[1:]:
        if not p:
            continue
        out += "\n" + p  # kept as printed; clean() joins Chinese lines without a space
    return out


def lines(chars: list[dict], page_no: int) -> list[TextLine]:
    return [ln for ln, _ in lines_with_chars(chars, page_no)]


def lines_with_chars(chars: list[dict], page_no: int, rows: list[list[dict]] | None = None
                     ) -> list[tuple[TextLine, list[dict]]]:
    """Text lines and the characters of each; `rows`: `rows_of(chars)` when the caller has it."""
    lines = []
    c = speedups.module()
    for row in rows if rows is not None else rows_of(chars, c):
        text = _line_text(row, c)
        if not text.strip():
            continue
        box = Box(page_no, min(map(_X0, row)), min(map(_TOP, row)), max(map(_X1, row)), max(map(_BOTTOM, row)))
        size = max(map(_SIZE, row))
        lines.append((TextLine(text, box, float(size), confidence(row)), row))
    return lines


def block_text(blocks: list) -> str:
    """All the text of a page's lines and cells, in block order."""
    out = []
    for b in blocks:
        if isinstance(b, Grid):
            out.extend(c.text for c in b.cells)
        else:
            out.append(b.text)
    return "\n".join(out)


def rules_outside(rules: list[tuple[float, float, float]], boxes: list[tuple],
                  min_len: float = 20.0) -> list[tuple[float, float, float]]:
    """Horizontal rules (y, x0, x1 in points from the top-left) at least `min_len` long that lie
    outside the lattice tables `boxes` (x0, top, x1, bottom): the rules the aligned reader parts
    rows with, from a text layer's paths or a page image's rulings alike."""
    return [(float(y), float(x0), float(x1)) for y, x0, x1 in rules
            if x1 - x0 >= min_len and not any(bx0 - 1 <= x0 and x1 <= bx1 + 1 and top - 1 <= y <= bottom + 1
                                              for bx0, top, bx1, bottom in boxes)]


def off_axes(m) -> bool:
    """Whether a character matrix (a, b, c, d) turns it off the page's axes by more than about 6
    degrees: b against a (a shear alone, as synthetic italics are drawn, leaves b at 0; a turn sets
    both b and c)."""
    return m[1] != 0 and m[2] != 0 and abs(m[1]) > 0.1 * abs(m[0])


def beside_in_order(pairs: list[tuple[TextLine, list[dict]]], grids: list[Grid], page_no: int,
                    seq: dict[int, int] | None = None) -> tuple[list, list[tuple[TextLine, list[dict]]]]:
    """The page's blocks in reading order, where two tables stand side by side: the text lines
    just above them (their titles and 单位 lines, printed on one line across both) are cut where
    the tables part, and each table comes after the lines over it, the left one's first (附表7：
    “三公”经费支出预算表 | 附表8：机关运行经费支出预算表 over two tables, U005-00015 p.8). Elsewhere the
    blocks are in the order of their tops, then their left edges.

    `pairs`: the page's text lines with their characters (`lines_with_chars`); `grids`: its tables;
    `seq`: id of a character -> its place in the page's content stream (optional, see two_titles).
    Returns the blocks (TextLine and Grid) and the text lines with their characters, the cut ones
    in place of those they were cut from. A line of two table titles is cut between them
    (two_titles); another in its gap of a character or more nearest the tables' parting, within
    two characters of it (单位：元 over the left table may end past its figures), or failing that
    the gap nearest it reaching between the tables' middles; a line over one table alone, no 单位
    or 部门 line, is that table's (titles wrapped each in its half: two blocks of lines); the lines
    taken are those from the tables' top upward, each within two lines' height of the one under it
    (a running header far above stays whole), and some line taken reaches over the parting."""
    from disclosure.normalize.units import find_unit
    from disclosure.normalize.titles import department_of

    order: dict[int, tuple] = {}
    out = list(pairs)
    for a in grids:
        for b in grids:
            if a is b or a.box.x1 > b.box.x0:
                continue
            overlap = min(a.box.bottom, b.box.bottom) - max(a.box.top, b.box.top)
            if overlap < 0.5 * min(a.box.bottom - a.box.top, b.box.bottom - b.box.top):
                continue
            if any(g is not a and g is not b and g.box.x0 < b.box.x0 and g.box.x1 > a.box.x1
                   and min(g.box.bottom, a.box.bottom) > max(g.box.top, a.box.top) for g in grids):
                continue  # a table between them
            cut, top = (a.box.x1 + b.box.x0) / 2, min(a.box.top, b.box.top)
            middles = ((a.box.x0 + a.box.x1) / 2, (b.box.x0 + b.box.x1) / 2)
            taken = []
            for ln, row in _lines_over([p for p in out if id(p[0]) not in order], top):
                # two titles: parted where each side is a whole title (titles set close, wider
                # than their tables, part where no gap is, and a gap inside a title may be nearer)
                titles = two_titles(row, cut, seq) if ln.box.x0 < cut < ln.box.x1 else None
                at = titles[2] if titles else _gap_near(row, cut)
                if at is None and ln.box.x0 < cut < ln.box.x1:
                    at = _gap_near(row, cut, middles)  # a part ending further past the parting
                if at is None and not ln.box.x0 < cut < ln.box.x1 and not find_unit(ln.text) \
                        and not department_of(ln.text):
                    # a line over one table alone: a line of its title wrapped in its half (表 under
                    # 表六 …决算 beside 表七 …决算表, axis side_wrap) is that side's; a 单位 or 部门
                    # line on one side may serve both tables (it stays whole, and ends the lines taken)
                    at = cut
                if at is None or ln.box.x0 > b.box.x1 or ln.box.x1 < a.box.x0:
                    break
                sides = [titles[0], titles[1]] if titles else [
                    [c for c in row if (c["x0"] + c["x1"]) / 2 < at], [c for c in row if (c["x0"] + c["x1"]) / 2 >= at]]
                taken.append((ln, at, sides))
            if not taken or not any(ln.box.x0 < at < ln.box.x1 for ln, at, _ in taken):
                continue
            first = min(ln.box.top for ln, _, _ in taken)
            for ln, at, sides in taken:
                i = next(i for i, p in enumerate(out) if p[0] is ln)
                parts = [(lines_with_chars(s, page_no, [s])[0], side) for side, s in enumerate(sides)
                         if s and _line_text(s).strip()]
                out[i:i + 1] = [part for part, _ in parts]
                for part, side in parts:
                    order[id(part[0])] = (first, side)
            order[id(a)], order[id(b)] = (first, 0), (first, 1)
    blocks = [ln for ln, _ in out] + grids
    return sorted(blocks, key=lambda k: order.get(id(k), (k.box.top, 0)) + (k.box.top, k.box.x0)), out


def _lines_over(pairs: list[tuple[TextLine, list[dict]]], top: float):
    """The text lines (with their characters) just above `top`, nearest first: each within two
    lines' height of the one under it, the first of `top` (a running header far above is not)."""
    below = top
    for ln, row in sorted((p for p in pairs if p[0].box.bottom <= top + 1), key=lambda p: -p[0].box.top):
        if below - ln.box.bottom > 2 * (ln.box.bottom - ln.box.top) + 2:
            return
        yield ln, row
        below = ln.box.top


def _gap_near(row: list[dict], x: float, within: tuple[float, float] | None = None) -> float | None:
    """The middle of the gap between the row's characters, a character wide or more, nearest x
    (within two characters of it; with `within`, (lo, hi), any gap reaching into lo..hi instead);
    None when there is none."""
    cs = sorted(row, key=_X0)
    best = None
    for u, v in zip(cs, cs[1:]):
        size = max(u["size"], v["size"])
        if v["x0"] - u["x1"] < size:
            continue
        far = max(0.0, u["x1"] - x, x - v["x0"])
        near = far <= 2 * size if within is None else u["x1"] < within[1] and v["x0"] > within[0]
        if near and (best is None or far < best[0]):
            best = (far, (u["x1"] + v["x0"]) / 2)
    return best[1] if best else None


def two_titles(row: list[dict], x: float, seq: dict[int, int] | None = None
               ) -> tuple[list[dict], list[dict], float] | None:
    """A printed line of two table titles side by side parted into them: (the left title's
    characters, the right one's, where they part in x, points), or None when no parting leaves a
    whole table title (normalize.table_types: a type, not `other`) on either side.

    First between two characters in the order of their left edges (apart, touching or
    overlapping; no other two overlapping), the place nearest `x` (where the tables below part): titles wider than their
    tables are set close, with no gap between them, or one smaller than a gap inside a title
    (公开05表　“三公”经费支出预算表公开06表　机关运行经费支出预算表 over two tables side by side, the
    generated layout corpus, axis side_by_side), so the titles, not the gaps, say where the line
    parts. Else, given `seq` (id of a character -> its place in the page's content stream), in
    the order they were drawn: titles wider still overlap so far that their characters interleave
    (2018年…一般公共预算“三公”附经表费7：支2出0表…), yet each was drawn as one run."""
    cs = sorted(row, key=_X0)
    # characters overlapping their neighbour (by a quarter of one or more): two titles meet there
    overlaps = [i for i in range(1, len(cs)) if cs[i - 1]["x1"] - cs[i]["x0"] > 0.25 * cs[i]["size"]]
    places = []
    for i in range(1, len(cs)):
        u, v = cs[i - 1], cs[i]
        if map_glyphs(u["text"]).strip() not in _TITLE_LAST:
            continue  # every standard title ends in 表 (schemas/table_types.json), or a bracket after it
        if _NUMBERED.match(map_glyphs(u["text"]) + _line_text(cs[i:])):
            continue  # the 表 of a table number (表七 2020年…): a title begins there, none ends
        if any(k != i for k in overlaps):
            continue  # a side whose own characters overlap: the titles' characters interleave, see below
        at = (u["x1"] + v["x0"]) / 2
        places.append((abs(at - x), at, i))
    for _, at, i in sorted(places):
        if table_type(_line_text(cs[:i])) != "other" and table_type(_line_text(cs[i:])) != "other":
            return cs[:i], cs[i:], at
    if seq is None or any(id(c) not in seq for c in cs):
        return None
    drawn = sorted(cs, key=lambda c: seq[id(c)])
    for i in range(1, len(drawn)):
        if map_glyphs(drawn[i - 1]["text"]).strip() not in _TITLE_LAST:
            continue
        one, two = sorted(drawn[:i], key=_X0), sorted(drawn[i:], key=_X0)
        if _NUMBERED.match(map_glyphs(drawn[i - 1]["text"]) + _line_text(two)):
            continue  # the 表 of a table number, as above
        if table_type(_line_text(one)) == "other" or table_type(_line_text(two)) == "other":
            continue
        if one[0]["x0"] + one[-1]["x1"] > two[0]["x0"] + two[-1]["x1"]:
            one, two = two, one  # the right title drawn first
        return one, two, (one[-1]["x1"] + two[0]["x0"]) / 2
    runs = _drawn_runs(drawn) if overlaps else []
    if len(runs) == 2 and all(len(_line_text(r).replace(" ", "")) >= 4 for r in runs) \
            and any(_TITLE_WORD.search(map_glyphs(_line_text(r))) for r in runs):
        # two texts printed over each other, neither (or only one) a whole title: a title
        # wrapped, its first line as wide as the page over the title beside it, or one cut at the
        # page's edge (a spreadsheet's title cell clipped, its text running on over the cell and
        # off the page). Characters overlapping their neighbour are never one printed text, and
        # each was drawn as one run left to right: the runs are the two sides' lines
        one, two = (sorted(r, key=_X0) for r in sorted(
            runs, key=lambda r: (min(c["x0"] for c in r) + max(c["x1"] for c in r), seq[id(r[0])])))
        return one, two, x
    return None


_TITLE_WORD = rx_compile(r"表|经费|预算|决算|支出|收入")  # a word of a table title (schemas/table_types.json)


def _drawn_runs(drawn: list[dict]) -> list[list[dict]]:
    """Characters in the order they were drawn, in runs each going left to right: a run ends
    where the next character is drawn left of the one before by more than a character's width
    (a second text begins). Characters of one printed line go left to right."""
    runs: list[list[dict]] = []
    for c in drawn:
        if runs and c["x0"] >= runs[-1][-1]["x0"] - c["size"]:
            runs[-1].append(c)
        else:
            runs.append([c])
    return runs


_TITLE_END = rx_compile(r"表[)）]?$")
_TITLE_LAST = {"表", ")", "）"}
_NUMBERED = rx_compile(r"^表\s*(?:[一二三四五六七八九十]+|\d{1,3})(?!\d)")  # 表七, 表 3: a number's 表


def _runs(row: list[dict]) -> list[list[dict]]:
    """The row's characters in runs parted by gaps of two characters or more."""
    runs: list[list[dict]] = []
    for c in sorted(row, key=_X0):
        if runs and c["x0"] - runs[-1][-1]["x1"] < 2 * c["size"]:
            runs[-1].append(c)
        else:
            runs.append([c])
    return runs


def wrapped_titles(rows: list[list[dict]]) -> tuple[list[dict], list[dict]] | None:
    """Two titles side by side, each wrapped over lines inside its half of the page (two blocks of
    title lines: 表六 2020年…经费支出决算 / 表 beside 表七 2020年机关运行经费支出决算表, the
    generated layout corpus, axis side_wrap): (the left title's characters, the right one's), or
    None. `rows`: the printed lines just above the tables, top first, each its characters.

    A line whose characters part in two runs (a gap of two characters or more) gives the parting:
    every line's characters left of it are the left title's, the rest the right's, a line stating
    a unit or a department (单位：元 …) aside; each side, its lines joined top first, must end as a
    title does (…表) and name a known table (normalize.table_types), and span more than one line
    on one side at least (one line each is two_titles')."""
    from disclosure.normalize.units import find_unit
    from disclosure.normalize.titles import department_of

    lines = [r for r in rows if r and not find_unit(_line_text(r)) and not department_of(_line_text(r))]
    for row in lines:
        runs = _runs(row)
        if len(runs) != 2:
            continue
        at = (runs[0][-1]["x1"] + runs[1][0]["x0"]) / 2
        sides: list[list[dict]] = [[], []]
        rows_of_side = [0, 0]
        for r in lines:
            left = [c for c in r if (c["x0"] + c["x1"]) / 2 < at]
            right = [c for c in r if (c["x0"] + c["x1"]) / 2 >= at]
            for k, part in enumerate((left, right)):
                if part:
                    sides[k] += sorted(part, key=_X0)
                    rows_of_side[k] += 1
        if max(rows_of_side) < 2:
            continue
        texts = [_line_text(side) for side in sides]
        if all(_TITLE_END.search(t.strip()) and table_type(t) != "other" for t in texts):
            return sides[0], sides[1]
    return None


# the heading of a table's label column: its codes or its items' names (项目 alone, not 项目支出), or
# 类 | 款 | 项 over split codes
_LABEL_HEAD = rx_compile(r"^(科目|项目|名称|代码|编码)$|^(功能|支出功能|经济|支出经济)?分类科目|"
                         r"^(科目|功能分类科目|经济分类科目|项目)?(代码|编码|名称)$|^[类款项]$")


def _label_head(g: Grid, col: int) -> bool:
    """Whether the topmost text of column `col` of `g` is the heading of a label column (项目,
    科目编码, 科目名称, 类)."""
    top = min((c for c in g.cells if c.col == col and c.text.strip()), key=lambda c: c.row, default=None)
    return top is not None and bool(_LABEL_HEAD.match(rx_re.sub(r"\s", "", map_glyphs(top.text))))


def _figures(g: Grid, col: int) -> bool:
    """Whether most of the cells of column `col` of `g` holding text hold a figure (an amount, a
    dash for none), not a code (302.01, 30201: normalize.codes.parse_code; 01 | 09 under 款) or words."""
    from disclosure.normalize.amounts import parse_amount
    from disclosure.normalize.codes import parse_code

    texts = [c.text.strip() for c in g.cells if c.col == col and c.colspan == 1 and c.text.strip()]
    digits = [t for t in texts if t.isdigit()]
    if digits and all(len(t) == 2 for t in digits) and any(t.startswith("0") for t in digits):
        return False  # the 款 or 项 parts of codes in 类 | 款 | 项 columns (01, 09): no amount has a leading 0
    figures = [t for t in texts if parse_amount(t).status in ("number", "dash") and parse_code(t, True) is None]
    return len(figures) * 2 > len(texts)


def split_under_titles(pairs: list[tuple[TextLine, list[dict]]], grids: list[Grid],
                       seq: dict[int, int] | None = None) -> list[Grid]:
    """Aligned grids that are two tables side by side, cut into the two: a line just above the grid
    (within two lines' height of the grid or of the line under it) prints two titles (each ending
    in 表) apart, and the grid parts cleanly (no cell across) between their middles, at least two
    columns either side (附表6：…“三公”经费支出决算表 | 附表7：机关运行经费支出决算表 over one
    borderless grid of 项目 | 决算数 | 项目 | 决算数, U005-00017 p.10). A two-sided summary under
    收入 | 支出 is not cut: those are no titles. Each part keeps its rows with any text in it,
    renumbered from 0 (a cell over several rows over those of them it keeps), and the box of its
    cells."""
    out = []
    for g in grids:
        if not g.aligned or g.n_cols < 4:
            out.append(g)
            continue
        cut = at = None
        for ln, row in _lines_over(pairs, g.box.top):
            runs = _runs(row)
            titles = [r for r in runs if _TITLE_END.search(_line_text(r).strip())]
            if len(runs) == 2 and len(titles) == 2:
                cut = ((runs[0][0]["x0"] + runs[0][-1]["x1"]) / 2, (runs[1][0]["x0"] + runs[1][-1]["x1"]) / 2)
                break
        if cut is None:
            # two titles each wrapped over lines in its half (wrapped_titles): parted where a line's
            # two runs part, the lines above the grid read as two blocks
            block = wrapped_titles([row for _, row in sorted(_lines_over(pairs, g.box.top), key=lambda p: p[0].box.top)])
            if block is not None:
                cut = tuple((min(c["x0"] for c in side) + max(c["x1"] for c in side)) / 2 for side in block)
        if cut is None:
            # titles set close: a line over the grid that parts into two whole table titles
            # (two_titles), nearest the grid's middle
            for ln, row in _lines_over(pairs, g.box.top):
                titles = two_titles(row, (g.box.x0 + g.box.x1) / 2, seq)
                if titles is not None:
                    left, right, at = titles
                    cut = ((min(c["x0"] for c in left) + max(c["x1"] for c in left)) / 2,
                           (min(c["x0"] for c in right) + max(c["x1"] for c in right)) / 2)
                    break
        if cut is None:
            out.append(g)
            continue
        parts = [j for j in range(2, g.n_cols - 1)
                 if max(c.box.x1 for c in g.cells if c.col < j and c.box) <= min(c.box.x0 for c in g.cells if c.col >= j and c.box)
                 and cut[0] < min(c.box.x0 for c in g.cells if c.col >= j and c.box) < cut[1]
                 and not any(c.col < j < c.col + c.colspan for c in g.cells)]
        if at is not None:
            # titles centred over their tables: the place the grid parts cleanly nearest half way
            # between the titles' middles (a place just left of the titles' own parting puts the
            # 类 | 款 code columns of the right table under the left title, U021-00014 p.8)
            parts.sort(key=lambda j: abs(min(c.box.x0 for c in g.cells if c.col >= j and c.box) - (cut[0] + cut[1]) / 2))
        # a table's headings begin with its rows' label (项目, 科目编码) and it ends in its figures:
        # a place with a label's heading right of it, none left of it, first, then one whose left
        # part ends in a column of figures, wherever the titles' middles stand (titles printed over
        # each other, their middles no guide, parted the right table's 科目代码 from its 科目名称:
        # the codes went under the left table, U020-00953 p.8; a title too long for its half of the
        # page reaches over the other table, and the place nearest half way between the middles
        # fell between 科目代码 and 科目名称, its dotted codes 302.01 read as the left table's
        # figures, U020-00230 p.10; a column of figures read apart from its heading, U020-00358 p.9)
        parts.sort(key=lambda j: (not (_label_head(g, j) and not _label_head(g, j - 1)), not _figures(g, j - 1)))
        j = parts[0] if parts else None
        if j is None:
            out.append(g)
            continue
        for part in ([c for c in g.cells if c.col < j], [c for c in g.cells if c.col >= j]):
            rows = sorted({c.row for c in part if c.text.strip()})
            at = {r: i for i, r in enumerate(rows)}
            first = min(c.col for c in part)
            # a label centred down rows (aligned._centred_down) spans the kept rows of its run only
            cells = [replace(c, row=at[c.row], col=c.col - first,
                             rowspan=max(1, sum(r in at for r in range(c.row, c.row + c.rowspan))))
                     for c in part if c.row in at]
            boxes = [c.box for c in cells if c.box]
            box = Box(g.box.page, min(b.x0 for b in boxes), min(b.top for b in boxes), max(b.x1 for b in boxes),
                      max(b.bottom for b in boxes))
            out.append(Grid(len(rows), max(c.col + c.colspan for c in cells), cells, box, aligned=True,
                            headless=g.headless))
    return out
