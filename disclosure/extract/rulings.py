"""Table ruling found in a page image: long thin runs of ink, horizontal and vertical, kept by a
morphological opening with a line-shaped kernel (text strokes are shorter than the kernel), then
turned into line edges in PDF points that pdfplumber's lattice functions make cells from."""
from __future__ import annotations

MIN_LINE_PT = 24.0  # (default of settings.min_ruling_pt) a ruling is at least this long (a character's stroke is shorter)


def segments(gray, dpi: int) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """(horizontal [(x0, x1, y)], vertical [(y0, y1, x)]) in pixels: runs of ink at least
    MIN_LINE_PT long that are rules, not strokes of characters bridged into a run (see _clear)."""
    import cv2

    ink = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 12) > 0
    from disclosure import settings

    n = max(10, int(settings.current().min_ruling_pt * dpi / 72))
    out = []
    u8 = ink.astype("uint8")
    lines = None
    for size, bridge in (((n, 1), (7, 1)), ((1, n), (1, 7))):
        # bridge small gaps that noise and JPEG leave in a line, then keep only long runs
        closed = cv2.morphologyEx(u8, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, bridge))
        lines = cv2.morphologyEx(closed, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, size))
        count, _, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
        found = []
        for x, y, w, h, _area in stats[1:count]:
            if size[0] > 1 and w >= n and h <= max(8, w // 20):
                found.append((float(x), float(x + w), y + h / 2.0, int(h)))
            elif size[1] > 1 and h >= n and w <= max(8, h // 20):
                found.append((float(y), float(y + h), x + w / 2.0, int(w)))
        out.append(found)
    horizontal, vertical = out
    apart = _without(ink, vertical, n, across=False)
    horizontal = [h for h in horizontal if _clear(h, ink, apart, n, across=True)
                  or _frame_wide(h, horizontal, apart, vertical, n)]
    beside = _without(ink, horizontal, n, across=True)
    vertical = [_bridged_ends(v, lines, horizontal) for v in vertical]  # (lines: the vertical runs)
    vertical = [v for v in vertical if v[1] - v[0] >= n and (_through(v, ink, horizontal) and
                (_clear(v, ink, beside, n, across=False) or _rule_to_rule(v, beside, horizontal)
                 or _through_every(v, ink, beside, horizontal, vertical))
                and (_solid(v, ink, vertical) or _dots(v, ink, dpi))
                or _dotted_through(v, ink, beside, horizontal, n, dpi))]
    horizontal = [h[:3] for h in horizontal]
    vertical = [v[:3] for v in vertical if _meets(v, horizontal) >= 2]
    vertical += _head_rules(closed, ink, beside, horizontal, vertical, n, dpi)
    horizontal = [h for h in _gaps_closed(horizontal, vertical, n) if not _unsnapped(h, vertical, n)]
    return horizontal, [v for v in vertical if _meets(v, horizontal) >= 2]


SHORT_PT = 5.0  # (_head_rules) the least length of a column rule's piece between two row rules


def _head_rules(closed, ink, beside, horizontal: list[tuple[float, float, float]],
                vertical: list[tuple[float, float, float]], n: int, dpi: int) -> list[tuple[float, float, float]]:
    """Vertical rules (y0, y1, x pixels) shorter than `n` that part the heading cells of a table's
    column rule: a column rule broken where a cell spans it (栏次 merged over the code and name
    columns, or over 序号 | 采购项目 | 采购品目 | 采购方式, under headings one or two rows tall)
    leaves a piece over the headings shorter than MIN_LINE_PT, which the opening with the line
    kernel drops: the headings of the two columns were read as one cell (科目代码科目名称 over
    both, the codes then taken for amounts; generated tables with a 栏次 line, U001-00001 p.2 and
    U001-00000 p.11 scanned). A piece is kept when it is at least SHORT_PT long and thin, runs from
    a row rule to another (both ends within 4 pixels of row rules crossing it), is in line with a
    column rule of the lattice (within 3 pixels, its nearer end at most `n` away), is clear on both
    sides as a short rule is (_clear) and solid (_solid) or dotted (_dots, 3 gaps at least). A
    character's stroke touches no rule (a cell's padding), and one in line with a column rule and
    touching two row rules beside no other ink is that rule's piece."""
    import cv2
    import numpy as np

    if not horizontal:
        return []
    m = max(6, int(SHORT_PT * dpi / 72))
    runs = cv2.morphologyEx(closed, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, m)))
    count, _, stats, _ = cv2.connectedComponentsWithStats(runs, connectivity=8)
    out: list[tuple[float, float, float]] = []
    # each piece's first row rule (in the order given) crossing it within 4 pixels of its top and
    # of its bottom, for all pieces at once (a page has hundreds: characters' strokes)
    st = stats[1:count]
    st = st[(st[:, 3] >= m) & (st[:, 3] < n) & (st[:, 2] <= 8)]
    rules = np.array(horizontal, dtype=np.float64)
    y0s, y1s = st[:, 1].astype(np.float64), (st[:, 1] + st[:, 3]).astype(np.float64)
    xcs = st[:, 0] + st[:, 2] / 2.0
    crossing = (rules[None, :, 0] - 5 <= xcs[:, None]) & (xcs[:, None] <= rules[None, :, 1] + 5)
    at_top = crossing & (np.abs(rules[None, :, 2] - y0s[:, None]) <= 4)
    at_bottom = crossing & (np.abs(rules[None, :, 2] - y1s[:, None]) <= 4)
    both = at_top.any(axis=1) & at_bottom.any(axis=1)
    first_top, first_bottom = at_top.argmax(axis=1), at_bottom.argmax(axis=1)
    ruled = [(hx0, hx1, hy, 2) for hx0, hx1, hy in horizontal]  # the row rules as _rule_to_rule reads them
    for j in np.flatnonzero(both):
        x, y, w, h, _area = st[j]
        y0, y1, xc = float(y), float(y + h), x + w / 2.0
        top, bottom = rules[first_top[j], 2], rules[first_bottom[j], 2]
        if top == bottom:
            continue
        run = (y0, y1, xc, int(w))
        if not any(abs(vx - xc) <= 3 and (0 <= vy0 - y1 <= n or 0 <= y0 - vy1 <= n) for vy0, vy1, vx in vertical):
            # a column rule under a group heading of a compact table, from the group's underline
            # to the foot through the row rule under the sub-headings (two rows of 30 pixels: 小计 |
            # 公务用车购置费 | 公务用车运行费 under 公务用车购置及运行费, U001-00015 p.6 scanned, whose
            # columns were read as one), in line with no longer rule: kept as _rule_to_rule keeps a
            # short rule, going on through the row rule it crosses (_through) and solid; that row
            # rule runs on past it on both sides (the strokes of a label's last character end a
            # run of its strokes taken for a rule there: 计 of 本年支出合计, U001-00007 p.1)
            across = any(y0 + 6 < hy < y1 - 6 and hx0 + 6 < xc < hx1 - 6 for hx0, hx1, hy in horizontal)
            if across and _rule_to_rule(run, beside, ruled, slack=4.0) and _through(run, ink, ruled) and _solid(run, ink):
                out.append((top, bottom, xc))
            continue
        if _clear(run, ink, beside, n, across=False) and (_solid(run, ink) or _dots(run, ink, dpi, least=3)):
            out.append((top, bottom, xc))
    return out


GAP_SHARE = 1 / 3  # (_gaps_closed) the widest gap in a row rule bridged, as a share of MIN_LINE_PT


def _gaps_closed(horizontal: list[tuple[float, float, float]], vertical: list[tuple[float, float, float]],
                 n: int, slack: float = 3.0) -> list[tuple[float, float, float]]:
    """Horizontal rules (x0, x1, y pixels) with the gaps inside a lattice's cell bridged: two runs
    on one row (y within `slack`) apart by at most GAP_SHARE of `n` (the least rule length in
    pixels), where vertical rules cross that row on both sides of the gap and none within it
    (`slack` either side), are one rule. A row rule printed light or dotted loses a few dots where
    a watermark's stroke crosses it (the scan's threshold is taken over the grey around), and a
    gap over 3 pt leaves the lattice without that rule in the cells it runs under, so the cell
    spans two rows and holds both rows' texts (（二）社会保障和就业支出 and （三）医疗卫生… one label,
    1,458,417.20 and 639,577.11 one amount cell: generated dotted-rule tables under 仅供参考,
    U001-00003 pp.6 and 10 scanned). A table's rules part its cells at vertical rules, so a gap
    with no vertical rule in it parts nothing; runs outside every lattice (no vertical rule on
    both sides: a three-line table's group underlines) are kept apart."""
    limit = n * GAP_SHARE
    out: list[tuple[float, float, float]] = []
    for h in sorted(horizontal, key=lambda r: r[0]):
        near = [i for i, o in enumerate(out) if abs(o[2] - h[2]) <= slack and o[1] < h[0]]
        if near:
            prev = max(near, key=lambda i: out[i][1])
            x0, x1, y = out[prev]
            gap0, gap1 = x1, h[0]
            xs = [x for y0, y1, x in vertical if y0 - slack <= y <= y1 + slack]
            if 0 < gap1 - gap0 <= limit and any(x < gap0 - slack for x in xs) and \
                    any(x > gap1 + slack for x in xs) and not any(gap0 - slack <= x <= gap1 + slack for x in xs):
                out[prev] = (x0, max(x1, h[1]), (y * (x1 - x0) + h[2] * (h[1] - h[0])) / (x1 - x0 + h[1] - h[0]))
                continue
        out.append(h)
    return out


def _bridged_ends(v: tuple[float, float, float, int], runs, horizontal) -> tuple[float, float, float, int]:
    """A vertical run cut back to the first (last) horizontal rule it crosses when the piece beyond
    is not the rule's own ink: closing the gaps of a line (7 pixels) also bridges a rule to the
    edge stroke of a character over it, one pixel wide, and on to the next rule, so a column rule
    that begins under a spanning heading (财政拨款收入 over 一般公共预算 | 政府性基金预算) ran up
    through the heading and cut it into 财政 | 次收入 (U001-00009 p.2, a Calc table). An end piece
    (rows clear of the rules bounding it) is the rule's when in at least half of its rows the
    vertical run (`runs`, the bridged ink opened with the line kernel) is at least 2 pixels wide:
    a stroke bridged so is one pixel wide, a rule 2 to 4 along its length. Cut at a partial
    rule (under 0.8 of the longest horizontal rule the run meets: a group heading's underline,
    where column rules begin), or where the piece does not end at a rule (the run overshoots
    the table into the next title's strokes, U001-00008 p.6), never in a row between two rules:
    a dotted rule's last row, a pixel wide in the opening where it drifts, is the rule's
    (U001-00003 p.7). A run whose median width is
    under 3 pixels is left as it is (too thin to tell). Returns the run, shortened or as it
    was."""
    import numpy as np

    y0, y1, x, t = v
    lo, hi = max(int(x - t / 2.0) - 1, 0), min(int(x + t / 2.0) + 2, runs.shape[1])
    rows = runs[int(y0):int(y1), lo:hi] > 0
    if not rows.size:
        return v
    widths = rows.sum(axis=1)
    typical = float(np.median(widths))
    if typical < 3:
        return v  # a thin rule: too thin to tell a stroke from it
    near = [(y, th, hx1 - hx0) for hx0, hx1, y, th in horizontal if hx0 - 5 <= x <= hx1 + 5]
    ys = sorted(h for h in near if y0 + h[1] + 6 < h[0] < y1 - h[1] - 6)
    if not ys:
        return v
    longest = max(h[2] for h in near)
    full = widths >= 2

    def own(a: float, b: float) -> bool:  # the piece from row a to row b (page pixels) is the rule's
        part = full[max(int(a) - int(y0), 0):max(int(b) - int(y0), 0)]
        return len(part) < 4 or part.mean() >= 0.5

    (ya, ta, la), (yb, tb, lb) = ys[0], ys[-1]
    closed_top = any(abs(h[0] - y0) <= 6 for h in near)  # the run ends at a rule: its piece is a row
    closed_bottom = any(abs(h[0] - y1) <= 6 for h in near)
    if (la < 0.8 * longest or not closed_top) and not own(y0 + 3, ya - ta / 2.0 - 2):
        y0 = ya - ta / 2.0
    if (lb < 0.8 * longest or not closed_bottom) and not own(yb + tb / 2.0 + 2, y1 - 3):
        y1 = yb + tb / 2.0
    return (y0, y1, x, t)


def _crossings(v: tuple[float, float, float, int], ink, horizontal, reach: int = 1) -> tuple[int, int]:
    """(horizontal rules crossed inside a vertical run, not at its ends; those the ink goes on
    through, looked at 3 pixels beyond each, or from 3 to 2 + `reach` pixels beyond)."""
    y0, y1, x, t = v
    lo, hi = max(int(x - t / 2.0) - 1, 0), int(x + t / 2.0) + 2
    inner = [(y, th) for hx0, hx1, y, th in horizontal
             if hx0 - 5 <= x <= hx1 + 5 and y0 + th + 6 < y < y1 - th - 6]
    on = 0
    for y, th in inner:
        above, below = int(y - th / 2.0) - 3, int(y + th / 2.0) + 3
        if reach - 1 <= above and below + reach <= ink.shape[0] and ink[above - reach + 1:above + 1, lo:hi].any() \
                and ink[below:below + reach, lo:hi].any():
            on += 1
    return len(inner), on


def _rule_to_rule(v: tuple[float, float, float, int], beside, horizontal, slack: float = 6.0) -> bool:
    """A short vertical run that text touches on one side is still a rule when it runs from one
    horizontal rule to another through at least one more, clear on its other side: a column
    rule of a table's last rows at the top of a page, the amounts printed against it (84.94 and
    4,375.68 overflowing onto the rule, generated reportlab tables, L007-00037 p.6). Strokes
    of stacked characters do not go on through the rules between their rows (_through)."""
    y0, y1, x, t = v
    ys = [y for hx0, hx1, y, _ in horizontal if hx0 - slack <= x <= hx1 + slack]
    if not (any(abs(y - y0) <= slack for y in ys) and any(abs(y - y1) <= slack for y in ys)):
        return False
    crossed, _ = _crossings(v, beside, horizontal)
    if crossed < 1:
        return False
    lo, hi = int(x - t / 2.0) - 3, int(x + t / 2.0) + 3
    if lo < 0 or hi >= beside.shape[1]:
        return False
    one, two = beside[int(y0):int(y1), lo], beside[int(y0):int(y1), hi]
    return min(one.mean(), two.mean()) < 0.15


def _through(v: tuple[float, float, float, int], ink, horizontal) -> bool:
    """Whether a vertical run goes on through the horizontal rules it crosses, as a rule does,
    rather than stopping short of them on both sides: the strokes of one character printed in
    rows above each other (a 类, its 款 and its 项 each 333.10: the 1s stacked, L007-00018 p.3)
    are bridged with the rules between the rows into a run that meets them, but a cell's padding
    separates each stroke from the rule. Looked at 3 pixels beyond each rule crossed inside the
    run (not at its ends); the run is a rule when the ink goes on through at least half of them."""
    crossed, on = _crossings(v, ink, horizontal)
    return on >= crossed / 2


BOTH_SIDES = 0.25  # (_through_every) the most rows a rule crossing every row rule may have text on both sides in


def _through_every(v: tuple[float, float, float, int], ink, beside, horizontal, vertical) -> bool:
    """A vertical run with text touching both sides in some rows is still a rule when it runs the
    table's full height (both ends within 6 pixels of those of the longest run it overlaps: the
    frame), goes on through every one of at least three horizontal rules it crosses (3 pixels
    beyond each, as _through looks) and text touches both sides in under BOTH_SIDES of its rows:
    the rule between the sides of a two-sided summary in a tight Calc table, each side's amount set
    right against it and the other side's label set left against it (6245.0125|一、公共安全支出,
    U001-00007 p.1: the sides were read as one, 预算数 and 项目 in one column). Strokes of
    characters stacked over rows and bridged into a run stop short of the row rules (a cell's
    padding, _through), and never reach from the header's top to the body's foot. (A column rule
    under a spanning heading, amounts set right against it, is not taken so: found, the amounts
    touching it lost a digit, U001-00007 p.4.)"""
    y0, y1, x, t = v
    frame = max((w for w in vertical if w[0] < y1 and w[1] > y0), key=lambda w: w[1] - w[0], default=v)
    if abs(frame[0] - y0) > 6 or abs(frame[1] - y1) > 6:
        return False
    crossed, on = _crossings(v, ink, horizontal)
    if crossed < 3 or on < crossed:
        return False
    lo, hi = int(x - t / 2.0) - 3, int(x + t / 2.0) + 3
    if lo < 0 or hi >= beside.shape[1]:
        return False
    return float((beside[int(y0):int(y1), lo] & beside[int(y0):int(y1), hi]).mean()) < BOTH_SIDES


SOLID = 0.75  # (_solid) the least share of a solid rule's rows inked in its darkest pixel column


def _solid(v: tuple[float, float, float, int], ink, others=()) -> bool:
    """Whether a vertical run is inked along its length as a drawn rule is: in one pixel column
    within its thickness (and a pixel either side: the run's centre is drawn off its rule by
    text beside it) at least SOLID of its rows are ink. A column of that margin inside another
    run (`others`, (y0, y1, x, thickness) overlapping it in rows) is that run's, not this one's:
    the right strokes of the last digits of amounts set right against a column rule, a pixel
    or two clear of it, are bridged over the row rules into a run 7 pixels wide whose margin
    column is the rule's edge (U001-00007 p.2, a phantom rule 6 pixels left of the rule that
    cut the last digit off every amount: 1075.8345 read 1075.834 and 司). A rule scanned at 200 dpi is inked in
    99-100% of its rows there; the left brackets of （一） （二） （三） printed against their
    cells' rule in tight Calc rows, bridged with the row rules between them into a run that
    passes _clear and _through, are curved: no column of them is inked in more than 0.6 of the
    rows (U001-00015 p.3, a phantom rule 3 pt right of the frame that cut every bracketed label
    and moved the 决算数 headings off their columns). A dotted rule is not solid (_dots)."""
    y0, y1, x, t = v
    lo, hi = max(int(x - t / 2.0) - 1, 0), min(int(x + t / 2.0) + 2, ink.shape[1])
    part = ink[int(y0):int(y1), lo:hi]
    if not part.size:
        return False
    share = part.mean(axis=0)
    own = range(int(x - t / 2.0), int(x + t / 2.0))
    for o0, o1, ox, ot in others:
        if ox == x or o0 >= y1 or o1 <= y0:
            continue
        for c in range(int(ox - ot / 2.0), int(ox + ot / 2.0)):
            if lo <= c < hi and c not in own:
                share[c - lo] = 0.0
    return float(share.max()) >= SOLID


DOT_PERIOD_PT = 2.5  # a dotted rule: a dot 1 pt long every 2.5 pt (reportlab setDash([1, 1.5]))


def _dotted_through(v: tuple[float, float, float, int], ink, beside, horizontal, n: int, dpi: int) -> bool:
    """Whether a vertical run is a dotted rule, which _through drops when a gap of the dots (4
    pixels at 200 dpi) falls just where it looks beyond a row rule (U001-00003 p.4: every
    column rule of a table ruled with dots was dropped so, and its headings were set over the
    wrong amounts). A dotted rule: at least 2n long, its raw ink gapped regularly (at least 8
    of 10 gaps start a dot period apart, DOT_PERIOD_PT within 30%, and the gaps' lengths vary
    by under 0.8 pixel: 2.0 +- 0.55 on U001-00003 p.4, against 4.5 +- 1.2 or more for digits
    and hyphens stacked in tight rows, U001-00007 p.3), clear on both sides (under
    15% of the rows inked 3 pixels off either side, in `beside`), and going on through at least
    half the row rules it crosses within 3 to 7 pixels beyond each. The strokes of characters
    stacked in tight rows fail one of these: the rest of their characters is beside them, their
    gaps fall where the rows part, not a dot period apart."""
    import numpy as np

    y0, y1, x, t = v
    lo, hi = int(x - t / 2.0) - 3, int(x + t / 2.0) + 3
    if y1 - y0 < 2 * n or lo < 0 or hi >= beside.shape[1]:
        return False
    if max(beside[int(y0):int(y1), lo].mean(), beside[int(y0):int(y1), hi].mean()) >= 0.15:
        return False
    if not _dots(v, ink, dpi, rows=[y for hx0, hx1, y, _ in horizontal if hx0 - 5 <= x <= hx1 + 5]):
        return False
    crossed, on = _crossings(v, ink, horizontal, reach=5)
    return on >= crossed / 2


def _dots(v: tuple[float, float, float, int], ink, dpi: int, least: int = 8, rows=()) -> bool:
    """Whether a vertical run's raw ink is gapped as a dotted rule's is (_dotted_through): at
    least 8 of 10 gaps start a dot period apart (DOT_PERIOD_PT within 30%) and the gaps'
    lengths vary by under 0.8 pixel; `least` gaps at the fewest (a heading's piece of a dotted
    column rule, _head_rules, holds 3 to 6). A step from one gap to the next over a row rule
    (`rows`, their y in pixels) is not judged: a rule drawn cell by cell starts its dots again
    at each row rule (steps of 10 to 14 pixels there, a dot period 7: 0.78 of the steps regular,
    a dotted column rule crossed by a watermark dropped whole and its columns' headings and
    amounts read into one cell, U001-00005 p.3 scanned)."""
    import numpy as np

    y0, y1, x = v[:3]
    col = ink[int(y0):int(y1), max(int(x) - 1, 0):int(x) + 2].any(axis=1)
    edges = np.diff(np.concatenate(([1], col.astype(np.int8), [1])))
    starts, ends = np.flatnonzero(edges == -1), np.flatnonzero(edges == 1)
    period = DOT_PERIOD_PT * dpi / 72.0
    steps = np.diff(starts)
    if len(rows) and len(steps):
        ys = np.asarray(sorted(rows), dtype=float) - y0
        steps = steps[[not np.any((ys > a - 3) & (ys < b + 3)) for a, b in zip(starts[:-1], starts[1:])]]
    if len(steps) < least or np.mean((steps >= 0.7 * period) & (steps <= 1.3 * period)) < 0.8:
        return False
    return bool(np.std(ends - starts) <= 0.8)  # the gaps of dots are all alike; those of stacked digits are not


def _without(ink, runs, n: int, across: bool):
    """The ink with the long runs (at least 3n: rules, not bridged strokes) of one orientation
    left out, so that a rule crossing a candidate of the other orientation is not taken for text
    beside it."""
    out = ink.copy()
    for a0, a1, c, t in runs:
        if a1 - a0 >= 3 * n:
            lo, hi = max(int(round(c)) - t // 2 - 2, 0), int(round(c)) + t // 2 + 3
            if across:
                out[lo:hi, int(a0):int(a1)] = False
            else:
                out[int(a0):int(a1), lo:hi] = False
    return out


def _clear(run: tuple[float, float, float, int], ink, beside, n: int, across: bool) -> bool:
    """Whether a candidate run (start, end, position, thickness in pixels; `across`: horizontal)
    is a rule, not strokes of characters bridged into a run: text that touches a rule touches it
    on one side at a time, while a stroke has the rest of its characters on both sides. Sampled 3
    pixels beyond the run's thickness on either side, in `beside` (the ink without the long rules
    of the other orientation). A short run (under 3n) must be clear on both sides; a long one may
    have text touching one side, but not both sides at once. Strokes of tight rows bridged across
    a rule, or of a title's characters, make runs of 24–80 pt (generated Calc and Writer tables,
    L007-00000 p.2: 14 vertical and 40 horizontal such runs; L007-00003 p.3: a title's runs
    snapped with the table's top rule and moved it off its row)."""
    a0, a1, c, t = int(run[0]), int(run[1]), run[2], run[3]
    lo, hi = int(c - t / 2.0) - 3, int(c + t / 2.0) + 3
    limit = ink.shape[0] if across else ink.shape[1]
    if lo < 0 or hi >= limit or a1 - a0 < 1:
        return True
    one, two = (beside[lo, a0:a1], beside[hi, a0:a1]) if across else (beside[a0:a1, lo], beside[a0:a1, hi])
    if a1 - a0 < 3 * n:
        return max(one.mean(), two.mean()) < 0.15
    return (one & two).mean() < 0.05


def _frame_wide(h: tuple[float, float, float, int], horizontal, beside, vertical, n: int) -> bool:
    """A horizontal run with text touching both sides in some columns is still a rule when it
    runs the table's full width (both ends within 6 pixels of those of the longest run it
    overlaps: the frame, at least 3n long), crosses at least three vertical runs, and text
    touches both sides in under BOTH_SIDES of its columns: the rule between two tight rows of a
    Calc table, the digits of the row above and the commas' tails of the row below touching it
    (一、一般公共预算拨款收入 46,414,542 over 二、政府性基金预算拨款收入 6,016,797, U001-00015
    p.1: 8.8% of the columns touched on both sides, the rule dropped and the rows read as one).
    Strokes of characters bridged into a run never cross a table's empty cells and rules from
    frame to frame."""
    x0, x1, y, t = h
    if x1 - x0 < 3 * n:
        return False
    frame = max((w for w in horizontal if w[0] < x1 and w[1] > x0), key=lambda w: w[1] - w[0])
    if abs(frame[0] - x0) > 6 or abs(frame[1] - x1) > 6:
        return False
    if sum(1 for y0, y1, x, _ in vertical if y0 - 6 <= y <= y1 + 6 and x0 + 6 < x < x1 - 6) < 3:
        return False
    lo, hi = int(y - t / 2.0) - 3, int(y + t / 2.0) + 3
    if lo < 0 or hi >= beside.shape[0]:
        return False
    return float((beside[lo, int(x0):int(x1)] & beside[hi, int(x0):int(x1)]).mean()) < BOTH_SIDES


def _unsnapped(h: tuple[float, float, float], vertical, n: int, slack: float = 6.0) -> bool:
    """Whether a short horizontal run (under 3n) inside a lattice is text, not a rule: vertical
    rules cross its row beyond both of its ends or at them, but not both ends meet one. A
    table's row rule and a heading's underline run from rule to rule; the strokes of a label or
    an amount set left against its cell's rule in tight rows (退牧还草, the tails of 126,879's
    commas, generated Calc tables, U001-00015 p.2) make runs from that rule to the middle of the
    cell, which pass _clear (3 pixels off them is between the strokes) and cut the cell's text
    in two. A run outside every lattice (a three-line table's rules, a title's underline) is
    kept."""
    x0, x1, y = h[:3]
    if x1 - x0 >= 3 * n:
        return False
    xs = [x for y0, y1, x in vertical if y0 - slack <= y <= y1 + slack]
    start = any(abs(x - x0) <= slack for x in xs)
    end = any(abs(x - x1) <= slack for x in xs)
    inside = (start or any(x < x0 for x in xs)) and (end or any(x > x1 for x in xs))
    return inside and not (start and end)


def _meets(v: tuple[float, float, float], horizontal, slack: float = 5.0) -> int:
    """How many horizontal rulings a vertical one touches or crosses. A table's vertical rule meets
    at least two (top and bottom); the stem of a large title character meets none."""
    y0, y1, x = v[:3]
    return sum(1 for hx0, hx1, y in horizontal if hx0 - slack <= x <= hx1 + slack and y0 - slack <= y <= y1 + slack)


def edges(horizontal, vertical, dpi: int) -> list[dict]:
    """Ruling segments (pixels) as pdfplumber line edges (points from the top-left)."""
    k = 72.0 / dpi
    out = []
    for x0, x1, y in horizontal:
        out.append({"object_type": "line", "orientation": "h", "x0": x0 * k, "x1": x1 * k, "top": y * k,
                    "bottom": y * k, "width": (x1 - x0) * k, "height": 0.0})
    for y0, y1, x in vertical:
        out.append({"object_type": "line", "orientation": "v", "x0": x * k, "x1": x * k, "top": y0 * k,
                    "bottom": y1 * k, "width": 0.0, "height": (y1 - y0) * k})
    return out


class _Table:
    """What layout.grid reads of a pdfplumber table: its cells and bounding box."""

    def __init__(self, cells: list[tuple]):
        self.cells = cells
        self.bbox = (min(c[0] for c in cells), min(c[1] for c in cells),
                     max(c[2] for c in cells), max(c[3] for c in cells))


def tables(line_edges: list[dict], tolerance: float = 3.0) -> list[_Table]:
    """Ruled tables from line edges, by pdfplumber's own lattice steps (snap and join the edges,
    intersect them, make cells, group cells into tables), as its table finder does for vector ruling."""
    from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

    if not line_edges:
        return []
    merged = merge_edges(line_edges, tolerance, tolerance, tolerance, tolerance)
    merged = [e for e in merged if (e["width"] if e["orientation"] == "h" else e["height"]) >= 3]
    cells = intersections_to_cells(edges_to_intersections(merged, tolerance, tolerance))
    return [_Table(t) for t in cells_to_tables(cells) if t]
