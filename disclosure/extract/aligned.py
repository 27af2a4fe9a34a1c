"""Tables printed without full ruling — with horizontal rules only, or with none — read from the
alignment of their text, on a text layer and on an OCR page alike.

- **Body**: lines holding a label and at least one amount standing apart from it (a gap before
  it), in runs; a line without amounts between them (a label wrapped onto a second line, a
  total row with blank cells) stays in the run. A run needs two such lines, or one line of three
  amounts (a “三公” table prints one row).
- **Columns**: the white rivers that run down the whole body (the x-gaps that no body line
  inks); a letter-spaced label does not split its column, because the other rows ink the gaps.
- **Rows**: where horizontal rules cross the body, the bands between them (a cell of several
  lines stays one cell); without rules each amount line is a row, and a line without amounts
  joins the amount line nearest to it (cells are centred on their row).
- **Header**: the lines above the body, up to the title, 部门 or 单位 line or a wide gap (or the
  top rule). A header piece (words closer than a character) stands over the columns it covers,
  reaching to the middle of the gaps beside them; pieces over the same columns, one under the
  other without a gap, are one cell wrapped over lines; pieces over fewer columns under a piece
  are its sub-headings. So a header centred over right-aligned amounts finds them, a group over
  several columns spans them, and 公务接/待费 wrapped in a narrow cell stays one label.

The result is a Grid like a ruled table's, so the structure stage gives it header paths, codes and
rows the same way. OCR characters carry `seg`, the detector box they were read in: a piece never
spans two boxes.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from disclosure.extract import layout
from disclosure.numerals import FIGURE, LIST_NUMBER, SUB_NUMBER, value
from disclosure.model import Box, Cell, Grid
from disclosure.normalize.codes import LEVELS, SEPARATOR
from disclosure.normalize.text import COLUMN_NO
from disclosure.rx import compile as rx_compile
from disclosure import rx as rx_re

MAX_HEADER = 8  # printed lines above the body that can be header (wrapped headings make many: U001-00032 p.4)
_AMOUNT = rx_compile(FIGURE.pattern + r"|^[-—–－]{1,2}$")
_NUMBER = FIGURE
_CJK = layout.HAN
_PROSE = rx_compile(r"[，。；！？]|\.{4,}|…{2,}|·{4,}")
_NOT_HEADER = rx_compile(r"(单\s*位|部\s*门|编制)\s*[:：]|表$|表[（(]续[)）]$|^[-—]\s*\d+\s*[-—]$")


@dataclass
class _Piece:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    chars: list


@dataclass
class _Line:
    pieces: list[_Piece]
    top: float
    bottom: float
    size: float
    amounts: int = 0  # pieces that are amounts, after the first
    numbers: int = 0
    stacked: int = 0  # pieces that are characters of a heading printed a character a line (_unstack)

    @property
    def heading_only(self) -> bool:
        """Every piece a character of a heading printed a character a line (_unstack)."""
        return self.stacked == len(self.pieces)

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.pieces)


@dataclass
class _Region:
    lines: list[int]  # indexes of the body lines (amount lines and lines between them)
    head: list[int] = field(default_factory=list)


def _pieces(row: list[dict], gap: float) -> list[_Piece]:
    """Runs of characters on one line: a gap wider than `gap` x the font size (or another OCR
    detector box) starts a new piece."""
    out: list[_Piece] = []
    for c in row:  # left to right
        prev = out[-1].chars[-1] if out else None
        if prev is not None and prev.get("seg") == c.get("seg") and c["x0"] - prev["x1"] < gap * max(c["size"], 1):
            p = out[-1]
            p.chars.append(c)
            p.x1, p.top, p.bottom = max(p.x1, c["x1"]), min(p.top, c["top"]), max(p.bottom, c["bottom"])
        else:
            out.append(_Piece("", c["x0"], c["x1"], c["top"], c["bottom"], [c]))
    for p in out:
        p.text = "".join(c["text"] for c in p.chars)
    return [r for p in out for q in _part_amount(p) for r in _part_figures(q)]


_FIGURES_RUN = rx_compile(r"^(?:[(（]?-?\d[\d,]*\.\d+[)）]?){2,}$")
_GROUPED_ONE = r"[(（]?-?\d{1,3}(?:,\d{3})+[)）]?"  # an integer grouped by thousands
_GROUPED_RUN = rx_compile(rf"^(?:{_GROUPED_ONE}){{2,}}$")
_GROUPED = rx_compile(_GROUPED_ONE)


def _part_figures(p: _Piece) -> list[_Piece]:
    """Amounts run together into one piece (centred in narrow cells, a point or two apart:
    45,309,871.3631,264,243.61, U007-00079 p.4) parted by the grammar of a printed amount: every
    amount of the run prints the decimals of the last one (the digits after its point), so each
    point ends its amount that many digits after it and the next begins there, its integer part
    grouped by thousands or not. One point is one amount: a piece with one is never parted; nor a
    run that does not part wholly so (2023.01.05). Integers grouped by thousands part so too: a
    group after a comma has three digits, so a fourth begins the next amount (49,220,27049,206,378
    in bold 10 pt under box-only rules, U021-00044 p.4); every one of the run must be grouped."""
    if "." not in p.text and _GROUPED_RUN.match(p.text):
        one = _GROUPED
    elif p.text.count(".") < 2 or not _FIGURES_RUN.match(p.text):
        return [p]
    else:
        decimals = len(rx_re.search(r"\.(\d+)[)）]?$", p.text).group(1))
        one = re.compile(r"[(（]?-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{%d}[)）]?" % decimals)
    spans, at = [], 0
    while at < len(p.text):
        m = one.match(p.text, at)
        if m is None:
            return [p]
        spans.append((at, m.end()))
        at = m.end()
    ends, n = [], 0  # the character index ending each text offset (a character may print more than one)
    for c in p.chars:
        n += len(c["text"])
        ends.append(n)
    out, k = [], 0
    for a, b in spans:
        chars = []
        while k < len(p.chars) and ends[k] <= b:
            chars.append(p.chars[k])
            k += 1
        if not chars or "".join(c["text"] for c in chars) != p.text[a:b]:
            return [p]
        out.append(_Piece(p.text[a:b], chars[0]["x0"], max(c["x1"] for c in chars), min(c["top"] for c in chars),
                          max(c["bottom"] for c in chars), chars))
    return out


_DASH_HEAD = rx_compile(r"^[-—–－](?=[二三四五六七八九]、|[(（][一二三四五六七八九十]+[)）]|[^\W\d_一二三四五六七八九十A-Za-z])")
_DASH_ITEM = rx_compile(r"^[-—–－](?=[一二三四五六七八九十]+、)")  # the text layer: a dash before a list number
_AMOUNT_HEAD = rx_compile(r"^[(（]?[-−]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?[)）]?(?=[\u4e00-\u9fff（(])")


def _part_amount(p: _Piece) -> list[_Piece]:
    """An amount touching the label of the next column (a narrow cell, text a point off): 10,350,000二、
    项目支出 is two pieces. A number followed by a unit or date word (2017年, 56万元) stays whole.
    OCR reads such a pair as one detection (24,190,000一、一般公共服务支出, a Calc export): parted
    too, unless the number could be a code joined to its name (3, 5 or 7 digits: 2012301行政运行)
    and what follows is not a list number (9030000三、科学技术支出 is an amount); so is a dash read with the label after it (-二、科学技术支出,
    a Writer export: the dash is the cell before; -（二）社会保障和就业支出, the income side's dash
    and the expenditure side's bracketed item of a two-sided summary, U001-00012 p.5), but not
    before 一 or a run of numerals: the recogniser reads 十一、 as —一、 (L007-00027 p.2). On a text layer a dash before a list number is
    the cell before (-二、文化旅游体育与传媒支出, cells shifted a point or two: L007-00327 p.4)."""
    read = any("seg" in c for c in p.chars)
    m = _AMOUNT_HEAD.match(p.text) or (_DASH_HEAD if read else _DASH_ITEM).match(p.text)
    if not m or m.end() >= len(p.text) or _UNIT_AFTER.match(p.text[m.end():]):
        return [p]
    if read and not rx_re.search(r"[,.\-—–－]", m.group(0)) and _CODE_LIKE.match(m.group(0)) \
            and not LIST_NUMBER.match(p.text[m.end():]):
        return [p]
    k = m.end()
    a, b = p.chars[:k], p.chars[k:]
    return [_Piece(p.text[:k], a[0]["x0"], a[-1]["x1"], min(c["top"] for c in a), max(c["bottom"] for c in a), a),
            _Piece(p.text[k:], b[0]["x0"], max(c["x1"] for c in b), min(c["top"] for c in b),
                   max(c["bottom"] for c in b), b)]


def _printed_lines(items: list, top, size, x0) -> list[list]:
    """Items (characters or pieces) parted by their tops into the printed lines they are, each
    left to right: an item within 0.4 of its size of a line's first top is on that line. `top`,
    `size` and `x0` read an item."""
    out: list[list] = []
    for it in sorted(items, key=top):
        if out and abs(top(it) - top(out[-1][0])) < 0.4 * max(size(it), 1):
            out[-1].append(it)
        else:
            out.append([it])
    return [sorted(line, key=x0) for line in out]


def _sublines(row: list[dict]) -> list[list[dict]]:
    """The characters of one line (as layout.rows_of chains them through a cell centred between
    two others) parted by their tops into the printed lines they are, each left to right."""
    return _printed_lines(row, lambda c: c["top"], lambda c: c["size"], lambda c: c["x0"])


def _steady(rows: list[list[dict]]) -> list[list[dict]]:
    """Printed lines that are one row set a little unevenly (a spreadsheet export places each cell's
    text a point or two off): neighbouring lines less than half a character apart in height whose
    characters do not stand over one another are one line. Each line's largest size, least top
    and greatest bottom are taken once (and combined when two lines join), not again for every
    neighbour."""
    if not all(rows):  # (rows_of makes no empty line)
        raise ValueError("an empty line of characters")
    out: list[list[dict]] = []
    spans: list[tuple[float, float, float]] = []  # out's lines' (size, top, bottom)
    for row in rows:
        span = (max(c["size"] for c in row), min(c["top"] for c in row), max(c["bottom"] for c in row))
        if out:
            prev, pspan = out[-1], spans[-1]
            size = max(span[0], pspan[0])
            mid = (span[1] + span[2]) / 2
            pmid = (pspan[1] + pspan[2]) / 2
            if abs(mid - pmid) < 0.45 * size and not any(a["x0"] < b["x1"] and b["x0"] < a["x1"]
                                                          for a in row for b in prev):
                out[-1] = sorted(prev + row, key=lambda c: c["x0"])
                spans[-1] = (size, min(pspan[1], span[1]), max(pspan[2], span[2]))
                continue
        out.append(row)
        spans.append(span)
    return out


_UNIT_AFTER = rx_compile(r"^(年|月|日|万元|元|亿|%|个|人|辆|台|次|项)")
_PAGE_NUMBER = rx_compile(r"^[-—–－\s]*\d{1,3}[-—–－\s]*$")


_TOTAL_WORDS = {"合计", "总计", "小计", "共计"}


def _total_word(pieces: list[_Piece], size: float) -> list[_Piece]:
    """合 计 letter-spaced across a table's code columns (the total's label centred over 类 | 款 | 项)
    is one word, not a character in each of two columns: two single characters making a total word,
    less than four characters apart, join."""
    out: list[_Piece] = []
    for p in pieces:
        q = out[-1] if out else None
        if q is not None and len(q.text) == 1 and len(p.text) == 1 and q.text + p.text in _TOTAL_WORDS \
                and 0 <= p.x0 - q.x1 < 4 * size and abs(p.top - q.top) < 0.5 * size:
            both = _piece(q.chars + p.chars)
            both.text = q.text + " " + p.text  # as printed, spaced
            out[-1] = both
        else:
            out.append(p)
    return out


def _line(row: list[dict]) -> _Line:
    # the text layer: words are runs without a blank (CJK and digit glyphs abut); OCR: detector boxes
    gap = 0.8 if any("seg" in c for c in row) else 0.3
    pieces = sorted((p for sub in _sublines(row) for p in _pieces(sub, gap)), key=lambda p: (p.x0, p.top))
    size = max(c["size"] for c in row)
    pieces = _total_word(pieces, size)
    ln = _Line(pieces, min(c["top"] for c in row), max(c["bottom"] for c in row), size)
    # a number followed by a unit or a date word (2017 年度, 56 万元) is a sentence's, not a cell's
    cell = [p for k, p in enumerate(pieces)
            if not (k + 1 < len(pieces) and _UNIT_AFTER.match(pieces[k + 1].text))]
    if _PAGE_NUMBER.match(" ".join(p.text for p in pieces)):
        cell = []  # — 7 —: a page number
    ln.amounts = sum(1 for p in cell if p is not pieces[0] and _AMOUNT.match(p.text))
    ln.numbers = sum(1 for p in cell if _NUMBER.match(p.text))
    return ln


def _unstack(lines: list[_Line]) -> None:
    """A heading printed one character a line down a narrow column (2 / 0 / 2 / 0 / 年 / 预 / 算 / 数):
    its digits are no amounts, so its lines are no body rows. A run of three or more single
    characters, each under the last (centres within half a character, less than a third of a
    character between them), with a CJK character among them, is such a heading; in place, the
    lines holding it count its digits out of their amounts and numbers. (A column of single-digit
    amounts, 0 / 0 / 0, has no CJK character, and rows stand further apart than a third of a line.)"""
    def single(p: _Piece) -> bool:
        return len(p.text) == 1

    stacked: set[int] = set()
    for i, ln in enumerate(lines):
        for p in ln.pieces:
            if not single(p) or id(p) in stacked:
                continue
            run, at, cur = [p], i, p
            while True:  # the next character down: on one of the next lines (others may come between),
                # or on this one, where a taller heading beside made one line of several (科目名称
                # centred beside 2 / 2 / 年 / 决, U001-00021 p.3)
                size = lines[at].size
                nxt = next(((j, q) for j in range(at, min(at + 6, len(lines))) for q in lines[j].pieces
                            if q is not cur and single(q) and abs(q.x0 + q.x1 - cur.x0 - cur.x1) < size
                            and 0 <= q.top - cur.bottom < 0.34 * size), None)
                if nxt is None:
                    break
                at, cur = nxt
                run.append(cur)
            if len(run) >= 3 and any(ord(q.text) > 0x2E80 for q in run):
                stacked.update(id(q) for q in run)
    if not stacked:
        return
    for ln in lines:
        gone = [p for p in ln.pieces if id(p) in stacked]
        if gone:
            ln.stacked = len(gone)
            ln.amounts = max(0, ln.amounts - sum(1 for p in gone if p is not ln.pieces[0] and _AMOUNT.match(p.text)))
            ln.numbers = max(0, ln.numbers - sum(1 for p in gone if _NUMBER.match(p.text)))


def _is_body(ln: _Line) -> bool:
    """A line with a label and amounts standing apart from it (dashes count when there are two)."""
    return len(ln.pieces) >= 2 and ln.amounts >= 1 and (ln.numbers >= 1 or ln.amounts >= 2) \
        and not _PROSE.search(ln.text) and not _numbers_columns(ln)




def _numbers_columns(ln: _Line) -> bool:
    """A line numbering the columns under the headings (栏次 | 1 | 2 | 3, 栏次 | 1 | 栏次 | 2, or
    1 2 3 … n alone, n >= 3), as the 部门决算 forms print it: a heading line, not a row of figures."""
    texts = [p.text.strip() for p in ln.pieces if p.text.strip()]
    numbers = [t for t in texts if not COLUMN_NO.match(t)]
    if not numbers or not all(rx_re.fullmatch(r"\d{1,2}", t) for t in numbers):
        return False
    if len(numbers) < len(texts):
        return True
    return len(numbers) >= 3 and numbers == [str(k) for k in range(1, len(numbers) + 1)]


def _past_numbering(lines: list[_Line], head: list[int]) -> list[int]:
    """[i + 1] for the last line of a header (head: indices into lines, top down) numbering the
    columns (栏次 | 1 | 2): the header ends there, whatever stands under it is rows; [] when no line
    of the header numbers them."""
    return [i + 1 for i, k in enumerate(head) if _numbers_columns(lines[k])][-1:]


def _is_anchor(ln: _Line) -> bool:
    """A line of a table row that carries its amounts: a body line, or a line of amounts alone (the
    row's label wrapped onto the lines above and below it)."""
    return _is_body(ln) or (ln.numbers >= 1 and all(_AMOUNT.match(p.text) for p in ln.pieces)
                            and not _numbers_columns(ln))


def _joinable(ln: _Line) -> bool:
    """A line that may stand inside a table body without amounts: a wrapped label, a 合计 row with
    blank cells. Not prose, not a title, not a 单位 line."""
    return not _PROSE.search(ln.text) and not _NOT_HEADER.search(ln.text.replace(" ", "")) and \
        len(ln.text) <= 40


def _figures_start(lines: list[_Line], body: list[int]) -> float:
    """Where the body's figures begin: the left edge of the leftmost amount after a line's first
    piece, or after its label where the line opens with its code parted into 类 | 款 | 项 columns
    (201 | 09 | 01 行政运行: the 09 and 01 are no figures, U008-00081 p.5) (0 when none)."""
    return min((p.x0 for q in body for p in lines[q].pieces[_label_at(lines[q]) + 1:] if _AMOUNT.match(p.text)),
               default=0.0)


def _label_at(ln: _Line) -> int:
    """The index of a line's label: the piece after the code parts opening it when a word follows
    them, else the first piece."""
    k = 0
    while k < len(ln.pieces) and _ROW_CODE.match(ln.pieces[k].text):
        k += 1
    return k if 0 < k < len(ln.pieces) and not _AMOUNT.match(ln.pieces[k].text) else 0


def _regions(lines: list[_Line], rules: list[tuple[float, float, float]] = ()) -> list[_Region]:
    out: list[_Region] = []
    i = 0
    while i < len(lines):
        if not _is_body(lines[i]):
            i += 1
            continue
        body = [i]
        j = i + 1
        while j < len(lines):
            if _is_anchor(lines[j]):
                if lines[j].top - lines[body[-1]].bottom > 4 * lines[j].size:
                    break  # a wide gap: another table
                body.append(j)
                j += 1
                continue
            # up to three lines without amounts inside the body, if an amount line follows close by;
            # up to six when each is one short piece (the last lines of one row's label and the
            # first of the next, wrapped three characters a line in a narrow column: L012-00040 p.2)
            # (any number when each is a row's labels alone, left of the figures, a line under the
            # last: rows whose cells are all blank, 科学技术支出 … 其他卫生健康管理事务支出 between a
            # 合计 and the next row with figures, U001-00025 p.4)
            figures = _figures_start(lines, body)

            def label_alone(q: int) -> bool:
                ln = lines[q]
                return len(ln.pieces) <= 3 and ln.pieces[-1].x1 < figures and ln.top - lines[q - 1].bottom <= 1.5 * ln.size

            k = j
            while k < len(lines) and not _is_anchor(lines[k]) and _joinable(lines[k]) and (
                    k - j < 3 or k - j < 6 and all(len(lines[q].pieces) == 1 and len(lines[q].text) <= 6 for q in range(j, k + 1))
                    or all(label_alone(q) for q in range(j, k + 1))):
                k += 1
            if k < len(lines) and k > j and _is_anchor(lines[k]) and \
                    lines[k].top - lines[body[-1]].bottom <= 2.5 * (k - j + 1) * lines[k].size:
                body.extend(range(j, k + 1))
                j = k + 1
                continue
            break
        # trailing label-only lines just under the last amount line (a wrapped last label, 合计 with
        # blanks), or a row's labels alone, each a line under the last, left of the figures and
        # beginning where the labels do (the last rows' cells all blank: 购房补贴, U001-00025 p.4)
        figures = _figures_start(lines, body)
        starts = [lines[q].pieces[0].x0 for q in body]
        codes = [p.x1 for q in body for p in lines[q].pieces[:_label_at(lines[q])]]
        while j < len(lines) and not _is_anchor(lines[j]) and _joinable(lines[j]) and len(lines[j].pieces) <= 3 \
                and (lines[j].top - lines[body[-1]].bottom <= 0.8 * lines[j].size
                     # (or a row opening with a code, or its parts in 类 | 款 | 项 columns, as the body's
                     # rows do, its label right of every code of the body and left of the figures:
                     # 22406 自然灾害防治 with blank cells, its 款 code left of the 项 code above and its
                     # label indented less, U020-00380 p.7)
                     or _label_at(lines[j]) > 0 and codes and lines[j].pieces[-1].x1 < figures
                     and lines[j].pieces[_label_at(lines[j])].x0 > max(codes)
                     and lines[j].top - lines[body[-1]].bottom <= 1.5 * lines[j].size
                     # (or a row whose cells print only dashes: 1.因公出国（境）费 - under 合计 at the
                     # foot of the page, U001-00032 p.5)
                     or len(lines[j].pieces) >= 2 and lines[j].pieces[0].x1 < figures
                     and all(_AMOUNT.match(p.text) and not _NUMBER.match(p.text) for p in lines[j].pieces[1:])
                     and lines[j].top - lines[body[-1]].bottom <= 1.5 * lines[j].size
                     or lines[j].pieces[-1].x1 < figures
                     and min(starts) - lines[j].size <= lines[j].pieces[0].x0 <= max(starts) + lines[j].size
                     and lines[j].top - lines[body[-1]].bottom <= 1.5 * lines[j].size):
            body.append(j)
            j += 1
        # and a row of blank cells numbered on from the body's labels, a row's pitch under it (二、政府性
        # 基金预算拨款 under 一、一般公共预算拨款 58,320,008.05 at the foot of the page: L007-00924 p.4)
        # (no wider than the labels beginning where it does: not the next table's title 三、…表)
        while j < len(lines) and not lines[j].amounts and not lines[j].numbers and len(lines[j].pieces) == 1 \
                and _joinable(lines[j]) and _marker(lines[j]) is not None \
                and lines[j].top - lines[body[-1]].bottom <= 1.5 * lines[j].size \
                and lines[j].pieces[0].x1 <= max((p.x1 for k in body for p in lines[k].pieces
                                                  if abs(p.x0 - lines[j].pieces[0].x0) < 0.5 * lines[j].size),
                                                 default=0.0) + lines[j].size \
                and next((m for m in (_marker_at(lines[k], lines[j].pieces[0].x0) for k in reversed(body))
                          if m is not None), None) == _marker(lines[j]) - 1:
            body.append(j)
            j += 1
        # numbered label-only lines just above, each one before the next (二、政府性基金预算拨款 with
        # blank cells over 三、其他收入 12710001.76: a table's last rows at the top of a page under
        # its repeated heading, L007-00492 p.4)
        # (or a row of blank cells opening with its code before where the body's labels begin, its
        # label left of the figures: a 续表's first rows, 206 科学技术支出 … 07 社会保险业务管理事务 with no
        # figure on the page, over 210 卫生健康支出 40.7956, U001-00083 p.4)
        figures = _figures_start(lines, body)
        labels = min((lines[k].pieces[1].x0 for k in body
                      if len(lines[k].pieces) > 1 and _ROW_CODE.match(lines[k].pieces[0].text)), default=None)
        while body[0] > (out[-1].lines[-1] if out else -1) + 1:
            up, first = lines[body[0] - 1], lines[body[0]]
            if first.top - up.bottom > 1.5 * first.size:
                break
            n = _marker(up)
            numbered = not up.amounts and not up.numbers and len(up.pieces) == 1 and n is not None \
                and _marker(first) == n + 1
            coded = not up.amounts and up.numbers <= 1 and 2 <= len(up.pieces) <= 3 \
                and _ROW_CODE.match(up.pieces[0].text) and up.pieces[-1].x1 < figures \
                and labels is not None and up.pieces[0].x1 < labels
            if not numbered and not coded:
                break
            body.insert(0, body[0] - 1)
        amount_lines = [k for k in body if _is_body(lines[k])]
        # one line of amounts is a table only under a heading (checked when the grid is made): the
        # 三公 table prints one row; a page may carry a table's last row, or its 合计 alone; a
        # line of one amount is one under a line of headings set close above it (a table whose
        # heading and 合计 end a page, its body on the next)
        # (headings over it: the lines just above, each close over the next, one of them of two or
        # more headings; a group heading's sub-heading alone on the last line, 公务用车购置及运行费 /
        # 小计 over a 三公 table's one row of figures, U003-00035 p.9)
        # (a line numbering the columns is such a heading line, its figures the columns' numbers:
        # 栏次 | 1 over a 机关运行经费 table's 合计 alone at the top of a page, U020-00827 p.13)
        headed, below = False, lines[body[0]]
        for k in range(body[0] - 1, max(-1, body[0] - 4), -1):
            above = lines[k]
            if _numbers_columns(above) and below.top - above.bottom < 1.5 * lines[body[0]].size:
                headed = True
                break
            if above.amounts or above.numbers or _PROSE.search(above.text) or _NOT_HEADER.search(above.text.replace(" ", "")) \
                    or below.top - above.bottom >= 1.5 * lines[body[0]].size:
                break
            if len(above.pieces) >= 2:
                headed = True
                break
            below = above
        # (or rows opening with a code and a label, two or more with no figure beside the one
        # line of figures: a table's rows going on, a 续表's last page whose only figure is one
        # row's, 2240507 地震应急救援 43.3229 among 22406 | 2240601 with blank cells, U020-00380 p.7;
        # the structure stage decides whether it goes on a table, or reads it as text)
        coded = sum(1 for k in body if k not in amount_lines and not lines[k].amounts and _label_at(lines[k]) > 0)
        if len(amount_lines) >= 2 or max(lines[k].amounts for k in amount_lines) >= 2 or headed or coded >= 2:
            out.append(_Region(body))
        elif len(body) == 1 and (run := _named_rows_over(lines, body[0], out[-1].lines[-1] if out else -1, rules)):
            out.append(_Region(run + body))
        i = j
    return out


def _named_rows_over(lines: list[_Line], first: int, after: int,
                     rules: list[tuple[float, float, float]] = ()) -> list[int]:
    """The lines over `first`, a page's one line of one figure under no heading, that are rows of
    the table going on with blank cells: each one label alone (no figure, no number) in the size
    `first` prints in, beginning at or left of where `first`'s label begins and ending left of its
    figure, the lines and `first` evenly spaced at a row's pitch, wider than a label's lines are
    (1.6 characters or more) and no wider than three characters, no rule (`rules`: y, x0, x1)
    across between them (a running header over its rule is the page's, U023-00175 p.13). A
    续表's last page whose only figure is its last row's, 住房公积金 with blank cells over 提租补贴
    421,183, names without codes (U023-00176 p.8; with codes, two such rows say it alone). [] when
    none; the structure stage decides whether the table goes on, or reads the lines as text."""
    ln = lines[first]
    # (a label and a figure in a column of its own, four characters or more apart: a page's footer,
    # ─ 9 ─, is none, nor prose whose figure a space parts from its words, …预算合计 13649.07 / 万元…)
    if len(ln.pieces) != 2 or _AMOUNT.match(ln.pieces[0].text) or not _CJK.search(ln.pieces[0].text) \
            or not _NUMBER.match(ln.pieces[1].text) or ln.pieces[1].x0 - ln.pieces[0].x1 < 4 * ln.size:
        return []
    start, figure, size = ln.pieces[0].x0, ln.pieces[-1].x0, ln.size
    run: list[int] = []
    below, pitch = ln, None
    for k in range(first - 1, after, -1):
        up = lines[k]
        gap = below.mid - up.mid
        if up.amounts or up.numbers or len(up.pieces) != 1 or not _joinable(up) or not _CJK.search(up.pieces[0].text) \
                or up.pieces[0].x0 > start + 0.5 * size or up.pieces[0].x1 > figure - size \
                or gap < 1.6 * size or gap > 3 * size or pitch is not None and abs(gap - pitch) > 0.15 * pitch \
                or abs(up.size - size) > 0.1 * size \
                or any(up.mid < y < below.mid and a <= up.pieces[0].x0 and b >= ln.pieces[-1].x1 for y, a, b in rules):
            break
        run.insert(0, k)
        below, pitch = up, gap
    return run


# ---------------------------------------------------------------- columns

_TOTAL_LABEL = rx_compile(r"^.{0,8}(合计|总计|小计)$|^其中[:：]?$")


def _is_total(p: "_Piece") -> bool:
    """A total label (合计, 收入总计, letter-spaced or not)."""
    return bool(_TOTAL_LABEL.match(p.text.replace(" ", "").replace("\u3000", "")))


def _rivers(lines: list[_Line]) -> list[list[float]]:
    """The x-extents between the white rivers of these lines: spans of pieces merged where they
    overlap or touch. Total labels (合计, 收入总计) are left out: they are often centred in their
    cell or across several, and would join or invent columns; one left of every other piece
    stands in a column of its own."""
    spans = sorted([p.x0, p.x1] for ln in lines for p in ln.pieces
                   if not _is_total(p))
    if not any(not _AMOUNT.match(p.text) and not _is_total(p)
               for ln in lines for p in ln.pieces):
        spans = sorted([p.x0, p.x1] for ln in lines for p in ln.pieces)  # only a 合计 row: it is the label
    # a total label left of every other piece is in a column whose other rows are blank here
    # (收入总计 alone on the page that ends a two-sided summary)
    totals = [[p.x0, p.x1] for ln in lines for p in ln.pieces
              if _is_total(p)]
    # (and so is one standing clear of every other piece right after figures: the third 支出总计 of
    # a summary of three label/amount pairs, on the page where that pair's other rows are over,
    # L007-00063 p.3; a 合计 centred in a label column stands after labels)
    figures = [[p.x0, p.x1] for ln in lines for p in ln.pieces if _AMOUNT.match(p.text)]

    def after_figures(t: list[float]) -> bool:
        left = [s for s in spans if s[1] < t[0]]
        return bool(left) and not any(a < t[1] + 0.5 and b > t[0] - 0.5 for a, b in spans) \
            and max(left, key=lambda s: s[1]) in figures

    # (not one whose column's labels are indented a little past it: 合计 set left, 住房公积金 a 项
    # indented two points after its end, the page's only other label, a 续表's last page)
    labels = [[p.x0, p.x1] for ln in lines for p in ln.pieces if not _AMOUNT.match(p.text) and not _is_total(p)]
    size = max((ln.size for ln in lines), default=1.0)

    def indented_past(t: list[float]) -> bool:
        a = min((s[0] for s in labels), default=None)
        return a is not None and a - t[1] < 4 * size and not any(t[1] < f[0] < a for f in figures)

    clear = [t for t in totals if spans and (t[1] < min(a for a, _ in spans) - 0.5 and not indented_past(t)
                                             or after_figures(t))]
    if clear:
        spans = sorted(spans + clear)
    # (dashes a point or two apart are one column: text set a few points off its cell, L007-00415 p.5)
    size = max((ln.size for ln in lines), default=1.0)
    dashes = [[p.x0, p.x1] for ln in lines for p in ln.pieces if rx_re.fullmatch(r"[-—–－]{1,2}", p.text)]
    cols: list[list[float]] = []
    lone_dash = False  # the column so far holds dashes only
    for x0, x1 in spans:
        dash = [x0, x1] in dashes
        if cols and x0 < cols[-1][1] + (0.5 * size if dash and lone_dash else 0.5):
            cols[-1][1] = max(cols[-1][1], x1)
            lone_dash = lone_dash and dash
        else:
            cols.append([x0, x1])
            lone_dash = dash
    return _parted(cols, lines, spans)


def _parted(cols: list[list[float]], lines: list[_Line], spans: list[list[float]]) -> list[list[float]]:
    """A river holding an amount beside another piece of the same line is two columns (an amount
    too wide for its column touching the label of the next): it is cut between them where no
    piece of any line crosses, or where the only pieces crossing are runs of figures printed
    without a blank between an amount and the code of the next column (2026298302 where other
    lines print 1113823 | 30202) and at least as many lines part there: those pieces are
    cut there too (in place, so that the cells are made of the parts)."""
    support: dict[float, list[tuple[_Piece, _Piece]]] = {}
    for ln in lines:
        ps = sorted(ln.pieces, key=lambda p: p.x0)
        for p, q in zip(ps, ps[1:]):
            if not (_AMOUNT.match(p.text) or _AMOUNT.match(q.text)) or q.x0 < p.x1 - 0.5:
                continue
            if _CODE_LIKE.match(p.text) and not _AMOUNT.match(q.text):
                continue  # a code before its name (201 一般公共服务支出) is one label
            cut = round((p.x1 + q.x0) / 2, 1)
            near = next((c for c in support if abs(c - cut) <= 2.0), cut)
            support.setdefault(near, []).append((p, q))
    cuts: set[float] = set()
    for cut, pairs in support.items():
        # where every left piece ends before every right one begins, cut in the middle of that
        # gap: pairs read by OCR end and begin a point apart, and their mean can fall inside one
        last, first = max(p.x1 for p, _ in pairs), min(q.x0 for _, q in pairs)
        if last <= first + 0.5:
            cut = (last + first) / 2
        # OCR boxes are shared out evenly over a detection's characters: a point of slack
        crossing = [(ln, p) for ln in lines for p in ln.pieces
                    if p.x0 < cut - _slack(p) and p.x1 > cut + _slack(p)]
        if not crossing or all(_leans(p, cut, pairs) for _, p in crossing):
            cuts.add(cut)
            continue
        parts = [_splits(p, cut) for _, p in crossing]
        # each part as long as two figures, printed as the pieces on its side print (with or
        # without a decimal point or separators) and ending where they end, beginning where they
        # begin (within half a character), or the right part ending where the pieces right of the
        # cut end (a column set right: a total row printed larger begins its figure earlier,
        # 51,341,252.0451,182,614.52 in bold under 51,182,614.52, U008-00005 p.3); an amount
        # grouped by thousands is never cut
        shapes = {(_shape(a.text), _shape(b.text)) for a, b in pairs}
        ends = [a.x1 for a, _ in pairs]
        starts = [b.x0 for _, b in pairs]
        right_ends = [b.x1 for _, b in pairs]

        def fits(ps: list[_Piece]) -> bool:
            half = 0.5 * max((c["size"] for x in ps for c in x.chars), default=1.0)
            return any(abs(ps[0].x1 - e) <= half for e in ends) and (
                any(abs(ps[1].x0 - b) <= half for b in starts) or any(abs(ps[1].x1 - e) <= half for e in right_ends))

        if len(crossing) <= len(pairs) and all(
                ps and not ("," in p.text and _NUMBER.match(p.text)) and all(len(x.text) >= 2 for x in ps)
                and (_shape(ps[0].text), _shape(ps[1].text)) in shapes and fits(ps)
                for (_, p), ps in zip(crossing, parts)):
            for (ln, p), ps in zip(crossing, parts):
                k = ln.pieces.index(p)
                ln.pieces[k:k + 1] = ps
            cuts.add(cut)
    if not cuts:
        return cols
    spans = sorted([p.x0, p.x1] for ln in lines for p in ln.pieces
                   if not _is_total(p)) or spans
    out: list[list[float]] = []
    for a, b in cols:
        for c in sorted(c for c in cuts if a < c < b):
            # each piece on the side of its middle (a piece leaning over the cut, see _leans)
            left = [x1 for x0, x1 in spans if a <= x0 and x1 <= b and (x0 + x1) / 2 < c]
            right = [x0 for x0, x1 in spans if a <= x0 and x1 <= b and (x0 + x1) / 2 >= c]
            if left and right:
                out.append([a, max(left)])
                a = min(right)
        out.append([a, b])
    return out


def _leans(p: _Piece, cut: float, pairs: list[tuple[_Piece, _Piece]]) -> bool:
    """A piece crossing a cut by less than half a character, of the kind the pieces on the side of
    its middle are (amounts, or labels): cells shifted a point or two from line to line (a drawing
    program's placement, L007-00327 p.4) let an amount set right reach past the start of the next
    column's label on another line; by its middle it stays in its column."""
    size = max((c["size"] for c in p.chars), default=1.0)
    mid = (p.x0 + p.x1) / 2
    side = [a for a, _ in pairs] if mid < cut else [b for _, b in pairs]
    kinds = {bool(_AMOUNT.match(x.text)) for x in side}
    over = p.x1 - cut if mid < cut else cut - p.x0
    return over <= 0.5 * size and kinds == {bool(_AMOUNT.match(p.text))}


def _slack(p: _Piece) -> float:
    """How far a piece may reach over a cut and still not cross it: half a point on a text layer,
    a point for OCR, whose character boxes are a detection's width shared out evenly."""
    return 1.0 if any("seg" in c for c in p.chars) else 0.5


_CODE_LIKE = rx_compile(r"^\d{3}(\d{2}){0,2}$")
# a code opening a row, its parts run together or parted as codes are (208-01-02, normalize.codes), or
# a 款/项 part in its own column
_ROW_CODE = rx_compile(rf"^\d{{3}}(?:({SEPARATOR}?)\d{{2}}(?:\1\d{{2}})?)?$|^\d{{2}}$")


def _shape(text: str) -> tuple[bool, bool]:
    return "." in text, "," in text


def _splits(p: _Piece, cut: float) -> list[_Piece] | None:
    """A run of figures cut at x (the characters on each side), or None when it is not one or a
    side would be empty."""
    if not p.chars or not all(c["text"] in "0123456789,.-" for c in p.chars):
        return None
    left = [c for c in p.chars if (c["x0"] + c["x1"]) / 2 < cut]
    right = [c for c in p.chars if (c["x0"] + c["x1"]) / 2 >= cut]
    if not left or not right:
        return None
    return [_Piece("".join(c["text"] for c in cs), min(c["x0"] for c in cs), max(c["x1"] for c in cs),
                   min(c["top"] for c in cs), max(c["bottom"] for c in cs), cs) for cs in (left, right)]


def _reach(cols: list[list[float]], slack: float) -> list[list[float]]:
    """Each column reaching to the middle of the gaps beside it."""
    bounds = [cols[0][0] - slack] + [(a[1] + b[0]) / 2 for a, b in zip(cols, cols[1:])] + [cols[-1][1] + slack]
    return [[bounds[k], bounds[k + 1]] for k in range(len(cols))]


def _covered(reach: list[list[float]], x0: float, x1: float) -> list[int]:
    """The columns a piece stands over: the one holding its centre, and any other it covers for a
    quarter of its own width or half the column's."""
    w = max(x1 - x0, 1e-6)
    mid = (x0 + x1) / 2
    out = []
    for k, (a, b) in enumerate(reach):
        inside = min(b, x1) - max(a, x0)
        if a <= mid < b or inside >= 0.25 * w or inside >= 0.5 * (b - a):
            out.append(k)
    return out or [min(range(len(reach)), key=lambda k: abs((reach[k][0] + reach[k][1]) / 2 - mid))]


def _column_at(reach: list[list[float]], x: float) -> int:
    return next((k for k, (a, b) in enumerate(reach) if a <= x < b), 0 if x < reach[0][0] else len(reach) - 1)


# ---------------------------------------------------------------- rows

def _bands(lines: list[_Line], body: list[int], rules: list[tuple[float, float, float]],
           head: list[_Piece] = (), cols: list[list[float]] = ()) -> list[list[int]]:
    """Body lines grouped into printed rows; `head` the pieces of the header lines over them, `cols`
    the columns' extents (x0, x1)."""
    x0 = min(p.x0 for k in body for p in lines[k].pieces)
    x1 = max(p.x1 for k in body for p in lines[k].pieces)
    top, bottom = lines[body[0]].top, lines[body[-1]].bottom
    ys = sorted({round(y, 1) for y, a, b in rules if a <= x0 + 0.2 * (x1 - x0) and b >= x1 - 0.2 * (x1 - x0)
                 and top - 2 <= y <= bottom + 2})
    inner = [y for y in ys if top + 1 < y < bottom - 1]
    if inner:
        cuts = [float("-inf")] + inner + [float("inf")]
        bands: list[list[int]] = []
        for a, b in zip(cuts, cuts[1:]):
            band = [k for k in body if a <= lines[k].mid < b]
            if band:
                bands.append(band)
        return bands
    anchors = [k for k in body if _is_anchor(lines[k])]

    def nearest(k: int) -> int:  # the anchor whose line stands nearest line k (the upper on a tie)
        return min(anchors, key=lambda a: (abs(lines[a].mid - lines[k].mid), a))

    # a line that opens with the list number after its neighbour's (二、 under 一、…) is an item of
    # its own with blank cells when the amount line it would join is numbered itself; joined to an
    # unnumbered one, it is the first line of that row's label (七、文化旅游体育与 / 传媒支出 8680000)
    # (numbered in the same column: in a two-sided summary the line under 三、抗疫特别国债 may be
    # 三、事业收入 8810000 安排的支出 9850000, whose label in that column goes on unnumbered)
    # (numbered either way: 二、结转下年 with blank cells under （五）灾害防治及应急管理支出 12257588.22,
    # U003-00026 p.5)
    own = [k for k in body if k not in anchors and _opens_item(lines, k, body) and anchors
           and _numbered_at(lines[nearest(k)],
                            lines[k].pieces[0].x0)]
    pitch = _row_pitch(lines, body, anchors)
    own += [k for k in body if k not in anchors and k not in own and anchors
            and (_dashed_row(lines, k, anchors) or _row_of_blanks(lines, k, body, anchors, head, cols, pitch))]
    # (a line over the first anchor opening with a code, then a label, as the anchor does, is a row
    # of blank cells: a code opens a row, no label wraps so; 206 科学技术支出 … over 210 卫生健康支出
    # 40.7956, U001-00083 p.4)

    def coded(ln: _Line) -> bool:  # a code (or its parts in 类 | 款 | 项 columns), then a label
        return _label_at(ln) > 0

    def total(ln: _Line) -> bool:  # a bare 合计 / 总计 / 小计 opening the line: no label's last line
        return rx_re.fullmatch(r"合计|总计|小计", rx_re.sub(r"[\s\u3000]", "", ln.pieces[0].text)) is not None

    # (so is one over a first anchor that is the table's total: 221 住房保障支出 … 2210203 购房补贴
    # over 合计 618,505.57, a 续表's last page, U020-00100 p.6)
    if anchors and (coded(lines[anchors[0]]) or total(lines[anchors[0]])):
        own += [k for k in body if k < anchors[0] and k not in own and not lines[k].amounts and coded(lines[k])]
    if len(anchors) == 1 and not head:
        # (a page's one line of one figure under no heading, its rows over it at a row's pitch:
        # rows of blank cells, 住房公积金 over 提租补贴 421,183, U023-00176 p.8)
        own += [k for k in _named_rows_over(lines, anchors[0], body[0] - 1, rules) if k not in own]
    if anchors and total(lines[anchors[0]]):
        # (lines of text over it, each a row's pitch over the next, 1.6 characters or more, more
        # than a wrapped label's lines: rows of blank cells, 住房保障支出 … 购房补贴 over 合计)
        nxt, step = lines[anchors[0]], None
        for k in reversed([k for k in body if k < anchors[0] and k not in own]):
            gap = nxt.mid - lines[k].mid
            if lines[k].amounts or gap < 1.6 * lines[k].size or step is not None and abs(gap - step) > 0.2 * step:
                break
            own.append(k)
            nxt, step = lines[k], gap
    # (a bare 合计 / 小计 over the first anchor is a row of its own: a total word may end a wrapped
    # label, never begin one; a row broken over the page opens the next with its tail, 本年收入 / 合计)
    if anchors:
        own += [k for k in body if k < anchors[0] and k not in own and _bare_word(lines[k])]
        # (and so is a line of a summary's own items printing no figure, 上年结转结余 | 结转下年: no
        # label wraps into those words whole)
        own += [k for k in body if k not in anchors and k not in own and _summary_row(lines[k])]
        # (and a line of text nearest a bare 合计 / 总计 over it is a row of its own: a total word
        # is a whole label, no label's first line, so nothing under it is its tail; 1.因公出国（境）费
        # with blank cells under a 三公 table's 合计 911,780 ending a page, U020-00543 p.7)
        own += [k for k in body if k not in anchors and k not in own and not lines[k].amounts
                and total(lines[nearest(k)]) and nearest(k) < k]
    anchors = sorted(anchors + own)
    groups: dict[int, list[int]] = {k: [k] for k in anchors}
    for k in body:
        if k in groups:
            continue
        near = nearest(k)
        groups[near].append(k)
    return [sorted(groups[a]) for a in anchors]


def _dashed_row(lines: list[_Line], k: int, anchors: list[int]) -> bool:
    """Line k carries a label and, in the amount columns, only dashes (其中：公务用车购置费 … -): a
    row of its own whose cells are printed `-`, not a wrapped label (a label's lines carry no
    amounts). The dashes stand under the anchors' amounts."""
    ln = lines[k]
    if not ln.amounts or ln.numbers or _AMOUNT.match(ln.pieces[0].text):
        return False
    marks = [p for p in ln.pieces[1:] if _AMOUNT.match(p.text)]
    cells = [p for a in anchors for p in lines[a].pieces[1:] if _NUMBER.match(p.text)]
    return all(any(q.x0 - 0.5 * ln.size <= p.x1 and p.x0 <= q.x1 + 0.5 * ln.size for q in cells) for p in marks)


def _row_pitch(lines: list[_Line], body: list[int], anchors: list[int]) -> float | None:
    """The modal distance between the middles of adjacent one-line rows (anchors with no line
    between them), or None when fewer than two such pairs say (or one, wider apart than lines of a
    wrapped label)."""
    inside = sorted(body)  # (a body line between two anchors: by bisection, a long table's lines once each)
    gaps = sorted(lines[y].mid - lines[x].mid for x, y in zip(anchors, anchors[1:])
                  if bisect_right(inside, x) >= bisect_left(inside, y))
    # (one pair says it when it is wider than a label's lines are spaced: a 三公 table of four rows,
    # one of them blank, U001-00025 p.8)
    one = len(gaps) == 1 and gaps[0] >= 1.6 * lines[anchors[0]].size
    return gaps[len(gaps) // 2] if len(gaps) >= 2 or one else None


def _row_of_blanks(lines: list[_Line], k: int, body: list[int], anchors: list[int], head: list[_Piece],
                   cols: list[list[float]], pitch: float | None) -> bool:
    """Line k (text only) is a row of its own whose amounts are blank, not a line of a wrapped label:
    it stands between two anchors, alone or in a run of such lines, a full row `pitch`
    (`_row_pitch`) from the line above and the line below, and neither
    it nor the label above it filled its cell, so neither wrapped:
    each is half a character narrower than the widest label of the column, or with one more
    character it would still end a character clear of the cell's right edge, taken as the mirror
    of the label's left edge about the middle of its column's heading (the first heading piece
    from the label's left edge on), or the left edge of the next column (`cols`, the columns'
    extents) (其中：公务用车购置费 between 公务用车购置及运行费 15.90 and 公务用车运行费
    15.90, under 项目 centred over 400 points). Without a heading over the label, or where the
    row pitch is the line spacing and the label fills its cell, the line stays with the nearest
    anchor."""
    def figures(j: int) -> bool:  # (a code opening the line, or its parts in their columns, is no figure)
        ps = list(lines[j].pieces)
        while ps and _ROW_CODE.match(ps[0].text):
            ps = ps[1:]
        return any(_AMOUNT.match(p.text) for p in ps)

    ln = lines[k]
    if not ln.pieces or figures(k):
        return False
    above = [a for a in anchors if a < k]
    below = [a for a in anchors if a > k]
    if not above:
        # (lines over the first row of figures, each a row's pitch over the next down to it: a
        # 续表's first rows, blank in its columns, under its heading, U008-00063 pp.6-7; with no
        # line above, the line's own fill says whether it wrapped)
        if not below or pitch is None:
            return False
        run = [j for j in body if j < below[0]]
        if any(figures(j) for j in run):
            return False
        seq = run + below[:1]
        nxt = lines[seq[seq.index(k) + 1]]
        if abs(nxt.mid - ln.mid - pitch) > 0.15 * pitch:
            return False
        a, b, ia = ln, None, k
    else:
        # (or one of a run of such lines, each a row's pitch under the one before: rows of blank
        # cells one after another, U001-00025 p.4; the last rows of the body among them)
        run = [j for j in body if above[-1] < j < (below[0] if below else len(lines))]
        at = run.index(k)
        ia = ([above[-1]] + run)[at]
        a = lines[ia]
        b = lines[(run + below[:1])[at + 1]] if at + 1 < len(run) or below else None
        if any(figures(j) for j in run):
            return False
    if pitch is None:
        # (no two adjacent one-line rows to give the pitch, a page going on with a few rows, most
        # of them blank: a line opening with a code as the line above does, evenly between its
        # neighbours, opens a row; 221 住房保障支出 | 02 住房改革支出 | 03 购房补贴 between 99 其他交通运输支出
        # 126,821 and 合计, U007-00035 p.5)
        # (the body's last line, none below it: a row's pitch under the line above, as that one
        # stands under the line above it; 221-02-03 购房补贴 under 221-02-02 提租补贴, both blank,
        # ending a 续表's last page, U020-00954 p.6)
        ups = [j for j in body if j < ia]
        return bool(_ROW_CODE.match(ln.pieces[0].text) and any(_ROW_CODE.match(p.text) for p in a.pieces[:1])
                    and (_evenly_between(ln, a, b) or b is None and ups and a is not ln
                         and _evenly_between(a, lines[ups[-1]], ln)))
    if a is not ln and (abs(ln.mid - a.mid - pitch) > 0.15 * pitch or b is not None and abs(b.mid - ln.mid - pitch) > 0.15 * pitch) \
            and not _evenly_between(ln, a, b):
        return False
    if a is not ln and _ROW_CODE.match(ln.pieces[0].text) and any(_ROW_CODE.match(p.text) for p in a.pieces[:1]):
        return True  # a line opening with a code, as the row above does, opens a row (no label wraps so)
    size = ln.size
    # (rows standing wider apart than a label's lines, 1.6 characters or more, and the line a row's
    # pitch from the line above and the one below: no label wraps so, heading over it or not)
    spaced = pitch >= 1.6 * size and (a is ln or abs(ln.mid - a.mid - pitch) <= 0.15 * pitch) \
        and (b is None or abs(b.mid - ln.mid - pitch) <= 0.15 * pitch)
    for p in ln.pieces:
        if _AMOUNT.match(p.text) or _ROW_CODE.match(p.text):
            continue  # (a code opening the line: a code never wraps, its fill says nothing)
        label = [q for q in a.pieces if abs(q.x0 - p.x0) < 0.5 * size and not _AMOUNT.match(q.text)]
        ends = [q.x1 for j in body for q in lines[j].pieces
                if abs(q.x0 - p.x0) < 0.5 * size and not _AMOUNT.match(q.text)]
        right = [c[0] for c in cols if c[0] > p.x0 + 0.5 * size]
        over = [q for q in head if q.x0 >= p.x0 - size and right and q.x1 <= min(right)]
        if not over:
            # (no heading over it, a page going on without the repeated header: its labels say it,
            # each a summary's own item, 上年结转结余 | 结转下年, no wrapped label's tail; or the rows'
            # spacing does, `spaced`: a 续表's middle page without its header, eleven of its rows
            # blank in the columns it goes on with, U023-00176 p.7)
            if spaced:
                continue
            return all(_SUMMARY_ITEM.match(q.text) for q in ln.pieces if not _AMOUNT.match(q.text))
        heading = min(over, key=lambda q: (q.x0, -q.bottom))
        edge = min([heading.x0 + heading.x1 - p.x0] + right)
        for end in [p.x1] + [q.x1 for q in label]:
            if end > max(ends) - 0.5 * size and end + 2 * size > edge:
                return False
    return True


# the items of a two-sided summary below its totals, each a row of its own (a wrapped label's tail
# never begins so): carried over from last year, carried over to next, the totals of each side
_SUMMARY_ITEM = rx_compile(r"^(上年结转|年初结转|结转下年|年末结转|本年收入|本年支出|收\s*入\s*总\s*计|支\s*出\s*总\s*计|"
                           r"用事业基金弥补|提取[^\s]*基金)")


_SUMMARY_ROW = rx_compile(r"([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])?"
                          r"(上年结转(和?结余)?|年初结转(和?结余)?|结转下年|年末结转(和?结余)?|收入总计|支出总计|"
                          r"本年收入合计|本年支出合计)")


def _summary_row(ln: _Line) -> bool:
    """The line prints only labels, each whole one of a two-sided summary's own items below its
    parts (上年结转结余, 二、结转下年, 本年收入合计, 收入总计 …, spaces and a list number aside), no
    figure: a row of its own with blank cells, neither a heading nor a wrapped label's line
    (二、结转下年 over 收入总计 … 支出总计 was read as the first line of 支出总计's label, U007-00063 p.5)."""
    labels = [p.text for p in ln.pieces if not _AMOUNT.match(p.text)]
    return bool(labels) and len(labels) == len(ln.pieces) and \
        all(_SUMMARY_ROW.fullmatch(rx_re.sub(r"[\s\u3000]+", "", t)) for t in labels)


def _evenly_between(ln: _Line, a: _Line, b: _Line | None) -> bool:
    """`ln` stands a row's pitch from the line above and the line below, read from those two alone:
    as far from each (within a tenth) and each more than one and a half characters away, wider than
    a label's lines are set. The table's modal pitch may be that of its rows of two lines (labels
    wrapped beside figures centred down them), so that a one-line row of blank cells among one-line
    rows (上年结转结余 | 结转下年 between 本年收入合计 and 收入总计, issue #12) was joined to the row
    above as a wrapped label; its labels were merged and its figures gone."""
    if b is None:
        return False
    up, down = ln.mid - a.mid, b.mid - ln.mid
    return min(up, down) > 1.5 * ln.size and abs(up - down) <= 0.1 * max(up, down)


def _marker(ln: _Line) -> int | None:
    """The list number opening the line's first piece."""
    return _marker_at(ln, ln.pieces[0].x0) if ln.pieces else None


def _shares_x(p: _Piece, q: _Piece) -> bool:
    """p and q overlap across (some x of one stands over or under the other)."""
    return min(p.x1, q.x1) - max(p.x0, q.x0) > 0


def _piece_at(ln: _Line, x: float) -> _Piece | None:
    """The piece of ln that begins at x (within half a character)."""
    return next((p for p in ln.pieces if abs(p.x0 - x) < 0.5 * ln.size), None)


def _marker_at(ln: _Line, x: float) -> int | None:
    """The list number opening the piece of ln that begins at x (within half a character)."""
    p = _piece_at(ln, x)
    m = LIST_NUMBER.match(p.text.strip()) if p else None
    return value(m.group(0)[:-1]) if m else None


def _numbered_at(ln: _Line, x: float) -> bool:
    """The piece of ln that begins at x (within half a character) opens with a list number, 一、
    or （一）."""
    p = _piece_at(ln, x)
    return p is not None and bool(LIST_NUMBER.match(p.text.strip()) or SUB_NUMBER.match(p.text.strip()))


def _opens_item(lines: list[_Line], k: int, body: list[int]) -> bool:
    """Line k (no amounts) begins with a list number one after that of the nearest body line above
    it numbered in the same column, or one before that of the nearest below."""
    n = _marker(lines[k])
    if n is None:
        return False
    x = lines[k].pieces[0].x0
    above = next((m for m in (_marker_at(lines[j], x) for j in reversed(body) if j < k) if m is not None), None)
    below = next((m for m in (_marker_at(lines[j], x) for j in body if j > k) if m is not None), None)
    return above == n - 1 or below == n + 1


# ---------------------------------------------------------------- header

def _table_top(lines: list[_Line], first: int, x0: float, x1: float,
               rules: list[tuple[float, float, float]]) -> float | None:
    """The top rule of a ruled stack above the body: rules across the table, each within a few
    lines of the one below it (horizontally ruled header rows), up from the first body line."""
    size = lines[first].size
    ys = sorted((y for y, a, b in rules if a <= x0 + 2 * size and b >= x1 - 2 * size and y < lines[first].mid),
                reverse=True)
    top, below = None, lines[first].top
    for y in ys:
        between = [ln for ln in lines if y < ln.mid < below]
        # (headings set a character a line make a tall band of few heading lines; so do headings
        # over a line numbering the columns, 栏次 | 1 | 2, which stands only at a header's foot: a
        # summary's 收入 | 支出 over 项目 | 行次 | 预算数 over 合计 | 一般公共 / 预算 | 政府性 / 基金预 / 算
        # over 栏次, 94 points, U036-00020 p.7)
        heading = sum(1 for ln in between if not ln.heading_only) <= MAX_HEADER and (
            any(ln.stacked for ln in between) or bool(between) and _numbers_columns(max(between, key=lambda ln: ln.top)))
        if below - y > 10 * size and not heading:
            break
        if any(_NOT_HEADER.search(ln.text.replace(" ", "")) or _PROSE.search(ln.text) for ln in between):
            break  # a title or 单位 line between: the rule above belongs to something else
        top, below = y, y
    return top


def _head(lines: list[_Line], first: int, x0: float, x1: float, rules: list[tuple[float, float, float]]) -> list[int]:
    """The lines above the body that are its header."""
    head: list[int] = []
    top_rule = _table_top(lines, first, x0, x1, rules)
    if top_rule is not None:
        # under a rule across the table, the header is as wide as the rule: a last column of dashes
        # printed at its cell's left edge ends the body left of its heading (政府性基金预算 over
        # `-`, U001-00002 p.7)
        x0 = min([x0] + [a for y, a, b in rules if abs(y - top_rule) < 0.5])
        x1 = max([x1] + [b for y, a, b in rules if abs(y - top_rule) < 0.5])
    alone = first + 1 >= len(lines) or not _is_anchor(lines[first + 1])
    # (between a rule across the table and the body every line is header, however many lines its
    # wrapped headings make: 政府/性基/金预/算 beside 项目 and 合计, U001-00017 p.9)
    limit = MAX_HEADER if top_rule is None else 3 * MAX_HEADER
    k = first - 1
    while k >= 0 and sum(1 for h in head if not lines[h].heading_only) < limit:
        # (lines printing only characters of headings set a character a line do not count)
        ln = lines[k]
        below = lines[head[0]] if head else lines[first]
        if top_rule is not None and ln.mid < top_rule:
            break
        if _NOT_HEADER.search(ln.text.replace(" ", "")) or _PROSE.search(ln.text) or _is_body(ln):
            break
        # (a heading over a last column blank on this page reaches a little beyond the figures:
        # 政府性基金预算 over no figure, U001-00083 p.2)
        # (a line over headings already taken stands over the table, though the columns under it are
        # blank on this page: 科目编码 over 类 | 款 | 项 on a page of 项 rows only, U003-00022 p.5)
        over = any(_shares_x(p, q) for p in ln.pieces for h in head for q in lines[h].pieces)
        # (or a group heading centred over headings already taken, standing in the blank between
        # them and ending within them: 财政拨款收入 over 一般公共预算 | 政府性基金预算, the figures
        # of the first set left in its wide cell, the second column blank, U008-00016 p.4)
        over = over or bool(head) and all(p.x1 <= max(q.x1 for h in head for q in lines[h].pieces) + 0.5 * ln.size
                                          for p in ln.pieces)
        if _beside_table(ln, x0, x1) and not alone and not over and not any(
                (_wrapped_over(ln, up) or _under_group(ln, up)) and not _beside_table(up, x0, x1)
                for up in lines[max(0, k - 3):k]):
            # beside the table, not over it (a 合计 line alone may sit under headings of blank
            # columns; the last line of a heading wrapped in a wide cell past the figures goes with
            # the line above it: 算 under 政府性基金预, U004-00008 p.5)
            break
        if top_rule is None and below.top - ln.bottom > 2.5 * ln.size:  # (a header line in a tall row: U001-00097 p.4)
            break
        if top_rule is None and len(ln.pieces) == 1 and ln.pieces[0].x1 - ln.pieces[0].x0 > 0.5 * (x1 - x0) \
                and not head:
            break  # one wide line just above: a title or a caption
        head.insert(0, k)
        k -= 1
    return head


def _beside_table(ln: _Line, x0: float, x1: float) -> bool:
    """The line stands beside the table's columns (x0 to x1), not over them: it ends left of
    them or starts past them by more than four characters."""
    return ln.pieces[-1].x1 < x0 or ln.pieces[0].x0 > x1 + 4 * ln.size


def _under_group(ln: _Line, up: _Line) -> bool:
    """Every piece of `ln` stands under a piece of the line `up`, within two and a half characters
    below it, and `up` is a heading line, not a title, 单位 line or prose: a sub-heading under its
    group heading (小计 under 公务用车购置及运行费 over a last column of figures set left in a wide
    cell, so that the sub-heading, centred, starts past the figures by more than four characters:
    a 三公 table's first part, split column-wise, the generated layout corpus U023-00010 p.9)."""
    return 0 <= ln.top - up.bottom < 2.5 * ln.size and not _is_body(up) \
        and not (_NOT_HEADER.search(up.text.replace(" ", "")) or _PROSE.search(up.text)) \
        and all(any(_shares_x(p, q) for q in up.pieces) for p in ln.pieces)


def _wrapped_over(ln: _Line, up: _Line) -> bool:
    """Every piece of `ln` stands just under a piece of the line `up` (within 0.8 of a character):
    the lines of one wrapped heading. Measured piece by piece when `up` gathers headings of
    uneven heights (码 | 科目名称 | 一般公共预算 | 政府性基金 set at their own tops, a line taller than
    one): 预算 just under 政府性基金, though the line reaches lower (U008-00018 p.4)."""
    if 0 <= ln.top - up.bottom < 0.8 * ln.size and all(
            any(_shares_x(p, q) for q in up.pieces) for p in ln.pieces):
        return True
    return all(any(_shares_x(p, q) and 0 <= p.top - q.bottom < 0.8 * ln.size for q in up.pieces)
               for p in ln.pieces)


def _wrapped_name(slots: dict[int, list[_Piece]]) -> None:
    """A row's code printed in its name's cell, parted into a column of its own, and the name
    wrapped onto a line starting at the cell's left edge, under the code (2130701 对村级公益事业建设
    的补 / 助, L007-00559 p.4): the text under the code goes on with the name in the next column
    (in place)."""
    for k in sorted(slots):
        ps, names = slots[k], slots.get(k + 1)
        codes = [p for p in ps if _CODE_LIKE.match(p.text)]
        rest = [p for p in ps if p not in codes]
        if len(codes) == 1 and rest and names and not any(_AMOUNT.match(p.text) for p in rest + names) \
                and all(p.top >= codes[0].bottom - 0.5 for p in rest):
            slots[k] = codes
            slots[k + 1] = names + rest


def _first_row_lines(lines: list[_Line], head: list[int], body: list[int], rules) -> int:
    """How many of the last header lines stand inside body rows by the ruling: those below the
    last rule across the table above the first body line, with it in one ruled band, when rules
    part the body's rows (2130701 对村级公益事业建设的补 over its amounts centred down the row and 助
    under them, a page opening with a row's wrapped label, L007-00559 p.4); and, band by band
    upwards, the lines of a ruled band holding a line of amounts (十三、抗疫特别国债 / 15290000 /
    安排的支出 between the header's rule and the 收入总计 row's: L007-00400 p.4)."""
    if not head or not rules:
        return 0
    x0 = min(p.x0 for k in body for p in lines[k].pieces)
    x1 = max(p.x1 for k in body for p in lines[k].pieces)
    ys = sorted(y for y, a, b in rules if a <= x0 + 0.2 * (x1 - x0) and b >= x1 - 0.2 * (x1 - x0))
    top, bottom = lines[body[0]].top, lines[body[-1]].bottom
    above = [y for y in ys if y < lines[body[0]].mid]
    if not above:
        return 0
    n = 0
    if any(top + 1 < y < bottom - 1 for y in ys):
        while n < len(head) and lines[head[-1 - n]].top > above[-1] - 0.5 and not _NOT_HEADER.search(lines[head[-1 - n]].text):
            n += 1
    # rows above, each between two rules, known by their amounts
    # (head runs top to bottom: the lines under a rule are the last of those left)
    cut = [y for y in above if y < lines[head[-1 - n]].mid] if n < len(head) else []
    while cut:
        y = cut.pop()
        band = [k for k in head[:len(head) - n] if lines[k].mid > y]
        if not band or not any(_is_anchor(lines[k]) for k in band) or any(_NOT_HEADER.search(lines[k].text) for k in band):
            break
        n += len(band)
    return n


def _label_spans(ln: _Line) -> list[tuple[float, float, str]]:
    """The line's pieces as (x0, x1, text), a code joined to the name printed after it in one cell
    (2080508 对机关事业单位职业年金)."""
    out: list[tuple[float, float, str]] = []
    for p in ln.pieces:
        if out and _CODE_LIKE.match(out[-1][2]) and not _AMOUNT.match(p.text) and p.x0 - out[-1][1] < 2 * ln.size:
            out[-1] = (out[-1][0], p.x1, out[-1][2] + " " + p.text)
        else:
            out.append((p.x0, p.x1, p.text))
    return out


def _wrapped_label(lines: list[_Line], k: int, body: list[int]) -> bool:
    """Line k, just above the body, is the first line of the first row's labels wrapped in their
    cells (a page going on with a table opens in the middle of a row: 大中型水库库区基金安排的 / 支出
    8,300,002.44; a two-sided summary wraps both labels: 一、一般公共预算 | 一、社会保障和就 over
    拨款 | 业支出), not a heading: pieces of text only (a code with its name is one), set close above
    the first body line, each beginning where a label of the first row begins (or up to three
    characters left of it: a label wrapped to its cell's edge under a code indented by its level,
    2080508 对机关事业单位职业年金 / 的补助 411.11, L007-00390 p.6) and as wide as the widest label
    beginning there (it wrapped because it filled its cell)."""
    ln, first = lines[k], lines[body[0]]
    spans = _label_spans(ln)
    if not spans or any(_AMOUNT.match(t) for _, _, t in spans) or first.top - ln.bottom > 0.6 * ln.size:
        return False
    # (the label's last line may stand under the amounts' line when the row centres them)
    second = lines[body[1]] if len(body) > 1 and not _is_anchor(lines[body[1]]) else None
    size = ln.size
    for x0, x1, _ in spans:
        if not any(x0 - 3 * size <= q.x0 < x0 + 0.5 * size and not _AMOUNT.match(q.text)
                   for q in first.pieces + (second.pieces if second else [])):
            return False
        widest = max((b - a for j in body for a, b, t in _label_spans(lines[j])
                      if abs(a - x0) < 0.5 * size and not _AMOUNT.match(t)), default=0.0)
        if x1 - x0 < 0.8 * widest:
            return False
    return True


def _label_rows_atop(lines: list[_Line], head: list[int], body: list[int]) -> list[int]:
    """The last lines of `head` that are rows printing no figure (a 续表's first rows, or a page's,
    blank in the columns it goes on with): each of text only, every piece starting where a label
    of the body starts (its indent level), ending left of the body's first figure, and the lines
    set at the body's row pitch (the modal distance of adjacent body lines, within a fifth) down to
    the first body line. Empty where the body gives no pitch or no figure. U008-00063 pp.6-7 (a
    column-wise 续表 of 事业收入 | 其他收入 whose first eight rows print nothing: taken for eight
    header lines, the real heading line left above as text)."""
    if not head or not body:
        return []
    starts = [p.x0 for k in body for p in lines[k].pieces if not _AMOUNT.match(p.text)]
    figures = [p.x0 for k in body for p in lines[k].pieces if _AMOUNT.match(p.text)]
    if not starts or not figures:
        return []
    size = lines[body[0]].size
    few = len(body) < 3
    if few:
        # (a body of a line or two, a page whose only figures are its 合计's: the pitch is the
        # distance from the line over it, rows apart (1.6 characters or more, more than a wrapped
        # heading's lines), and it holds for two lines or more, each one name at or right of the
        # body's labels: 住房保障支出 … 购房补贴 over 合计, a 续表's last page)
        pitch = lines[body[0]].mid - lines[head[-1]].mid
        if pitch < 1.6 * size:
            return []
    else:
        gaps = sorted(lines[b].mid - lines[a].mid for a, b in zip(body, body[1:]))
        pitch = gaps[len(gaps) // 2]
        if pitch < 1.2 * size:
            return []
    run: list[int] = []
    below = lines[body[0]]
    for k in reversed(head):
        ln = lines[k]
        at = (lambda p: len(ln.pieces) == 1 and p.x0 > min(starts) - 0.5 * size) if few else \
            (lambda p: any(abs(p.x0 - x) < 0.5 * size for x in starts))
        if not ln.pieces or any(_AMOUNT.match(p.text) for p in ln.pieces) \
                or not all(at(p) for p in ln.pieces) \
                or ln.pieces[-1].x1 > min(figures) - size or abs(below.mid - ln.mid - pitch) > 0.2 * pitch:
            break
        run.insert(0, k)
        below = ln
    return run if not few or len(run) >= 2 else []


def _heads_past(lines: list[_Line], above: list[int], run: list[int]) -> bool:
    """Some line of `above` is a heading line over the columns past the label rows `run`: a piece
    of it starts right of where every line of the run ends (事业收入 | 其他收入 beside 功能分类科目)."""
    end = max(p.x1 for k in run for p in lines[k].pieces)
    return any(p.x0 > end + lines[k].size for k in above for p in lines[k].pieces
               if not _NOT_HEADER.search(lines[k].text.replace(" ", "")))


def _bare_word(ln: _Line) -> bool:
    """The line prints a bare 合计, 小计 or 总计 alone (letter-spaced or not)."""
    return len(ln.pieces) == 1 and bool(rx_re.fullmatch(r"合计|小计|总计", ln.pieces[0].text.replace(" ", "").replace("\u3000", "")))


def _bare_total(lines: list[_Line], k: int, body: list[int]) -> bool:
    """Line k, just above the body, is a bare 合计 / 小计 / 总计 alone where the body's labels begin
    (set left): a row printing no figure, not a heading (a row broken over the page, its label's
    tail opening the next under the repeated headings: 本年收入 / 合计, unseen axis row_break)."""
    ln = lines[k]
    if not _bare_word(ln):
        return False
    if lines[body[0]].top - ln.bottom > 1.5 * ln.size:
        return False
    starts = [lines[j].pieces[0].x0 for j in body if not _AMOUNT.match(lines[j].pieces[0].text)]
    return len(starts) >= 2 and abs(ln.pieces[0].x0 - min(starts)) < 0.5 * ln.size


@dataclass
class _Unit:
    """A header cell: its text (wrapped lines joined), the columns it stands over, its extent."""
    text: str
    cols: list[int]
    top: float
    bottom: float
    chars: list
    x0: float = 0.0
    x1: float = 0.0
    numbers: bool = False  # a word of the line numbering the columns (栏次 | 1 | 2), no heading's part


_LEVEL_CHARS = "".join(LEVELS.values())  # the headings of a code's parts (科目编码 over 类 | 款 | 项)


def _words(ln: _Line, cols: list[list[float]] | None = None) -> list[_Piece]:
    """Header words of one line: runs of characters parted by any blank wider than a quarter of a
    character (two columns' headings may stand close), letter-spaced runs (收 入 总 计: single
    characters evenly apart) kept whole unless their characters stand over different body
    columns (类 款 项 over three code columns)."""
    def column(c: dict) -> int | None:
        return next((k for k, (a, b) in enumerate(cols or []) if c["x0"] < b and c["x1"] > a), None)

    out: list[_Piece] = []
    for sub in _sublines([c for p in ln.pieces for c in p.chars]):
        runs: list[list[dict]] = []
        for c in sub:
            if runs:
                prev = runs[-1][-1]
                if c["x0"] - prev["x1"] <= 0.25 * max(c["size"], 1) and prev.get("seg") == c.get("seg"):
                    runs[-1].append(c)
                    continue
            runs.append([c])
        merged: list[list[dict]] = []
        for run in runs:
            left, right = (column(merged[-1][-1]), column(run[0])) if merged else (None, None)
            # (or one over a body column and the next over none, a character or more clear of it:
            # 款 over the codes 03 beside 项 over a column blank on this page, L007-00815 p.6)
            apart = merged and ((left is not None and right is not None and left != right) or (
                left is not None and right is None and run[0]["x0"] > cols[left][1] + run[0]["size"]) or (
                left is None and right is not None and merged[-1][-1]["x1"] < cols[right][0] - run[0]["size"]))
            # (类 款 项 side by side are the code parts' three headings, never a letter-spaced word)
            levels = run[0]["text"] in _LEVEL_CHARS and merged and merged[-1][-1]["text"] in _LEVEL_CHARS
            if merged and len(run) == 1 and not apart and not levels and _even(merged[-1] + run):
                merged[-1] = merged[-1] + run
            else:
                merged.append(run)
        out.extend(_piece(r) for r in merged)
    return out


def _even(chars: list[dict]) -> bool:
    """Single characters evenly spaced, each gap under two characters' width (a letter-spaced word)."""
    if len(chars) < 2 or any(len(c["text"]) != 1 for c in chars):
        return False
    size = max(c["size"] for c in chars)
    gaps = [b["x0"] - a["x1"] for a, b in zip(chars, chars[1:])]
    return min(gaps) > 0.1 * size and max(gaps) < 2.0 * size and max(gaps) - min(gaps) < 0.25 * size


def _piece(chars: list[dict]) -> _Piece:
    return _Piece("".join(c["text"] for c in chars), min(c["x0"] for c in chars), max(c["x1"] for c in chars),
                  min(c["top"] for c in chars), max(c["bottom"] for c in chars), chars)


def _boundaries(cols: list[list[float]], words: list[_Piece], slack: float,
                set_right: set[int] = frozenset()) -> list[float]:
    """x of each cell boundary: in the blank between two body columns, where a vertical line through
    the header crosses the fewest of its lowest headings, then parts the fewest headings in the
    blank from the column they belong to (the middle of the widest such stretch). Headings are
    centred in their cells, so the body's own gap midpoint can fall inside one of them; a heading
    with others under it spans columns and crosses their boundaries anyway. A heading standing in
    the blank belongs to the column whose text is nearer, unless both columns are set right
    (`set_right`, indices of `cols`): then the left one's cell ends at its text and the blank is
    the right one's cell (政府性基金预算拨款 centred over a column of dashes at its cell's right edge,
    nearer the figures before it: L007-00370 p.4)."""
    words = _lowest(words)
    out = [cols[0][0] - slack]
    for (_, a), (b, _) in zip(cols, cols[1:]):
        xs = sorted({a, b} | {w.x0 for w in words if a < w.x0 < b} | {w.x1 for w in words if a < w.x1 < b})
        # a heading standing in the blank goes with the nearer column's text (a 类 centred in a
        # wide cell over codes printed at its left)
        free = [w for w in words if a < w.x0 and w.x1 < b]
        k = len(out) - 1  # the column left of this blank
        right = (k in set_right, k + 1 in set_right)

        def left_of(w: _Piece) -> bool:
            return right != (True, True) and w.x0 - a < b - w.x1

        best = None  # (cuts, headings parted from their column, -width), centre
        for lo, hi in zip(xs, xs[1:]):
            mid = (lo + hi) / 2
            cuts = sum(1 for w in words if w.x0 < mid < w.x1)
            parted = sum(1 for w in free if ((w.x0 + w.x1) / 2 < mid) != left_of(w))
            key = (cuts, parted, -(hi - lo))
            if best is None or key < best[0]:
                best = (key, mid)
        out.append(best[1] if best else (a + b) / 2)
    out.append(cols[-1][1] + slack)
    return out


def _header_units(lines: list[_Line], head: list[int], cols: list[list[float]], slack: float,
                  set_right: set[int] = frozenset(), rules: list[tuple[float, float, float]] = ()
                  ) -> tuple[list[_Unit], list[float]]:
    words = [(i, w) for i, k in enumerate(head) for w in _words(lines[k], cols)]
    bounds = _boundaries(cols, [w for _, w in words], slack, set_right)
    # the heading lines end over a line numbering the columns, 栏次 | 1 | 2 (see below): its words
    # continue none of the headings above them, nor they one of its words (read by OCR, 小计 over
    # its column's 3, a box's height apart, was taken for 小计 wrapped onto 3: one heading 小计3,
    # and 公务用车购置及运行费 lost the column under it, U001-00016 p.6 scanned)
    numbered = [k for k in head if _numbers_columns(lines[k])]
    # (the lines numbering the columns under other heading lines; a header of such lines alone has none)
    counted = set(numbered) if len(numbered) < len(head) else set()
    n = len(cols)
    cells = [[bounds[k], bounds[k + 1]] for k in range(n)]

    def over(w: _Piece) -> list[int]:
        ks = [k for k, (a, b) in enumerate(cells)
              if min(b, w.x1) - max(a, w.x0) > 0.3 * min(w.x1 - w.x0, b - a)]
        return ks or [_column_at(cells, (w.x0 + w.x1) / 2)]

    units: list[_Unit] = []
    for i, w in words:  # top to bottom, left to right within a line
        ks = over(w)
        size = max(c["size"] for c in w.chars)
        numbering = head[i] in counted
        # words of one cell on one line (项目 名称), or a line wrapped from the one above it in a cell
        # that it fills (or going on with a bracket, which begins no heading: 因公出国 / （境）费),
        # continue that cell
        same = next((u for u in reversed(units) if u.cols == ks and u.numbers == numbering), None)
        if same is not None:
            on_line = abs(same.bottom - w.bottom) < 0.5 * size and w.x0 - same.x1 < 1.5 * size
            # (the outer cells reach a margin's slack beyond the text: they are as wide as it)
            width = (cells[ks[-1]][1] if ks[-1] < n - 1 else max(cols[-1][1], same.x1)) - \
                (cells[ks[0]][0] if ks[0] > 0 else min(cols[0][0], same.x0))
            # (a column after a wide blank gets a cell wider than it is printed: it is as wide as
            # its text and this heading, and a character each side; 2021年预 / 算数 over figures after
            # the names, U001-00083 p.6)
            width = min(width, max(cols[ks[-1]][1], same.x1) - min(cols[ks[0]][0], same.x0) + 2 * size)
            last = [c for c in same.chars if abs(c["top"] - same.bottom + c["bottom"] - c["top"]) < 0.5 * size]
            # a line wraps because it does not fit its cell: a heading reaching a character beyond its
            # cell (or over half a neighbour) stands over a group of columns, and does not wrap
            # (a column blank on this page is as narrow as its lowest heading: there the heading
            # may fill the room between the printed text of the columns either side)
            clear = (ks[0] == 0 or same.x0 >= cols[ks[0] - 1][1]) and (ks[-1] == n - 1 or same.x1 <= cols[ks[-1] + 1][0])
            inside = not any(0 <= k < n and min(cells[k][1], same.x1) - max(cells[k][0], same.x0) >
                             0.5 * (cells[k][1] - cells[k][0]) for k in (ks[0] - 1, ks[-1] + 1)) and \
                (same.x1 - same.x0 <= cells[ks[-1]][1] - cells[ks[0]][0] + 2 * size or clear)
            # (the lines of one cell overlap: a heading wholly beside the one above is its own; read
            # by OCR, the boxes of a cell's two lines overlap a little: 政府性基金预 / 算, L007-00027 p.4)
            # (or as wide as its column's printed text, however wide the blank beside makes the
            # cell: 科目代 / 码 over codes 302-01 as wide, the table's left neighbour on the page,
            # side by side, far off, U024-00011 p.9)
            fill = max(c["x1"] for c in last or same.chars) - min(c["x0"] for c in last or same.chars)
            # (or the line and the first character of the next together wider than the column's
            # printed text: they could not have stood on one line in its cell; 2019年预 / 算数 over
            # figures whose 合计 row is printed a point bigger, U026-00162 p.7)
            first = w.chars[0]["x1"] - w.chars[0]["x0"] if w.chars else 0.0
            wrapped = inside and -0.4 * size <= w.top - same.bottom < 0.8 * size and min(w.x1, same.x1) > max(w.x0, same.x0) and \
                (fill >= 0.6 * width or fill >= cols[ks[-1]][1] - cols[ks[0]][0] - 0.5 * size
                 or fill + first > cols[ks[-1]][1] - cols[ks[0]][0] or w.text[:1] in "（(") \
                and not any(u.top > same.top and set(u.cols) & set(ks) for u in units if u is not same)
            if wrapped and _group_over(same, w, ks, words, over):
                wrapped = False  # the columns either side print nothing beside it and a heading beside w
            if wrapped and last and _read_apart(_piece(last), w):
                wrapped = False  # read by OCR, a heading row lower (小计 under 公务用车购置及运行费)
            if on_line or wrapped:
                same.text += (" " if on_line else "") + w.text
                same.chars += w.chars
                same.x0, same.x1 = min(same.x0, w.x0), max(same.x1, w.x1)
                same.top, same.bottom = min(same.top, w.top), max(same.bottom, w.bottom)
                continue
        units.append(_Unit(w.text, ks, w.top, w.bottom, list(w.chars), w.x0, w.x1, numbering))
    # a short heading centred over a group of columns stands over the widest run of columns around it
    # centred on it, all of whose headings lie below it and none beside it, and none of which is
    # nearer to another heading of its line
    # (a heading printed a character a line is one heading before any is widened: each of its
    # characters over the next is no group heading, U001-00002 p.12)
    units = _one_a_line(units)
    widened = []
    # (the heading lines end over a line numbering the columns, 栏次 | 1 | 2: a heading is centred
    # down the lines of headings, not down that line too; 行次 centred between 收入 and the 栏次
    # line is under 收入, no sibling of it)
    band_bottom = max((lines[k].bottom for k in head if k not in counted), default=0.0) if counted \
        else max((u.bottom for u in units), default=0.0)
    # (a column's ink: its figures and its lowest heading)
    # (a line numbering the columns, 栏次 | 1 | 2, holds no heading: a figure 2 centred in its cell
    # is not the ink of a column whose figures are set left, U036-00011 p.2)
    # (nor any heading under which a heading stands: 1 under 合计 makes no group of 合计, centred down
    # beside 财政拨款收入 over 一般公共预算 | 政府性基金预算, U034-00025 p.2; the line's cells, one
    # a column, are widened over none)
    tops = [lines[k].top for k in counted]
    numbers = [u for u in units if u.numbers or any(abs(u.top - t) < 0.5 for t in tops)]
    units = [u for u in units if all(u is not v for v in numbers)]
    lowest = [max((u for u in units if u.cols == [k]), key=lambda u: u.top, default=None) for k in range(n)]
    ink = [[min(x0, u.x0) if u else x0, max(x1, u.x1) if u else x1] for (x0, x1), u in zip(cols, lowest)]
    # (the cells a heading is centred over end at the ink of the table's outer columns, not a
    # margin's slack beyond it: 收入 centred over its 项目 | 预算数 pair seemed centred over the next
    # pair's 项目 as well, the first cell reaching the slack left of the table, U026-00111 p.2)
    held = [list(c) for c in cells]
    held[0][0], held[-1][1] = max(held[0][0], ink[0][0]), min(held[-1][1], ink[-1][1])
    for u in units:
        mid = (u.x0 + u.x1) / 2
        level = [v for v in units if v is not u and v.top < u.bottom and v.bottom > u.top]
        beside = {k for v in level for k in v.cols}
        # its sub-headings begin on the line of the first heading under it; a heading standing
        # between it and that line is centred down both rows: its sibling (合计 beside 公务用车购置及
        # 运行费 over 小计 | 购置费 | 运行费), not one of its columns
        size = max(c["size"] for c in u.chars)
        under = [v for v in units if v is not u and v.top >= u.bottom - 0.5]
        # other group headings of its line (those with headings under them) compete for columns
        rivals = [v for v in level if any(w.top >= v.bottom - 0.5 and set(w.cols) & set(v.cols)
                                          for w in units if w is not v)]

        def other(k: int) -> bool:
            c = (cells[k][0] + cells[k][1]) / 2
            return any(abs((v.x0 + v.x1) / 2 - c) < abs(mid - c) and _may_centre(v, k, held, ink)
                       for v in rivals)

        # the first line under it is the highest heading in the columns it may reach (those around
        # its own that no heading of its line prints over and no rival is nearer to): a short
        # heading standing in the blank before a column whose heading is centred down two rows
        # (支出 over 项目 | 预算数(合计 | 一般公共预算 | …): 合计 lower than 预算数, U001-00077 p.4)
        reach = set(u.cols)
        for step in (-1, 1):
            k = (u.cols[0] if step < 0 else u.cols[-1]) + step
            while 0 <= k < n and k not in beside and not other(k):
                reach.add(k)
                k += step
        # (beyond its own columns, only a group heading, with headings under it, begins that line:
        # a single heading there may be centred down from its own line, 合计 beside 因公出 / 国（境）费,
        # L007-00022 p.7)
        # (compared by their middles: a heading wrapped over two lines is as centred as one of one)
        firsts = [v for v in under if set(v.cols) & set(u.cols) or set(v.cols) & reach and any(
            w.top >= v.bottom - 0.5 and set(w.cols) & set(v.cols) for w in under if w is not v)]
        first = min(firsts, key=lambda v: v.top) if firsts else None
        below = set()
        for k in {k for v in under for k in v.cols}:
            top_k = min((w for w in under if k in w.cols), key=lambda w: w.top)
            # (a heading higher than that line with headings of its own under it is a sub-group:
            # 功能分类 over 项目 | 预算数 beside 支出用途, both under 支出)
            grouped = any(w.top >= top_k.bottom - 0.5 and set(w.cols) & set(top_k.cols) for w in under if w is not top_k)
            # (a single heading centred down every heading line from its own to the last is its
            # sibling: 合计 and 会议费 beside “三公”经费 over 小计 … 公务接待费)
            # (unless a rule parts them: the border under u's cell runs over it, L007-00175 p.14,
            # 小计 in the middle of three ruled heading rows under “三公”经费)
            mid_k = (top_k.top + top_k.bottom) / 2
            ruled = any(u.bottom - 0.5 <= y <= top_k.top + 0.5 and a <= (top_k.x0 + top_k.x1) / 2 <= b
                        and a <= mid <= b for y, a, b in rules)
            if not grouped and not ruled and abs(mid_k - (u.top + band_bottom) / 2) < 0.5 * size:
                continue
            if first is None or grouped or mid_k >= (first.top + first.bottom) / 2 - 0.5 * size:
                below.add(k)

        # (nor over columns a group heading above it spans without it: 公务接待费 centred down two
        # rows beside 公务用车购置及运行费 over 小计 | 购置费 | 运行费 does not reach over 运行费)
        # (units come top to bottom: those above u are widened already)
        # (a group heading over one column on this page, its other columns printed on the next,
        # 续表, is one too: 公务用车购置及运行费 over 小计 beside 因公出国（境）费, U003-00035 p.9)
        beside |= {k for v, vc in zip(units, widened) if v.bottom <= u.top + 0.5 and not set(u.cols) <= set(vc)
                   and (len(vc) > 1 or any(w.top >= v.bottom - 0.5 and set(w.cols) & set(vc) for w in units if w is not v))
                   for k in vc}
        best = u.cols
        for a in range(u.cols[0], -1, -1):
            if a < u.cols[0] and (a in beside or a not in below or other(a)):
                break
            for b in range(u.cols[-1], n):
                if b > u.cols[-1] and (b in beside or b not in below or other(b)):
                    break
                if (a, b) != (u.cols[0], u.cols[-1]) and not set(range(a, b + 1)) <= below | set(u.cols):
                    continue
                width = held[b][1] - held[a][0]
                pitch = width / (b - a + 1)  # centred within a third of a column (equal columns
                # around the same middle are told apart by the headings under them: below)
                # (or centred on the ink of its outer columns, figures and lowest headings: figures
                # printed at their cells' left edge put the cells' boundaries off centre, U001-00002 p.7)
                centred = min(abs((held[a][0] + held[b][1]) / 2 - mid), abs((ink[a][0] + ink[b][1]) / 2 - mid))
                if centred <= 0.35 * pitch and b - a + 1 > len(best):
                    best = list(range(a, b + 1))
        widened.append(best)
    for u, cols_ in zip(units, widened):
        u.cols = cols_
    return units + numbers, bounds


def _may_centre(v: _Unit, k: int, cells: list[list[float]], ink: list[list[float]]) -> bool:
    """A group heading `v` may stand over column `k`: some run of columns holding both its own and
    `k` is centred on it (as `_header_units` widens a heading). A rival nearer to a column than a
    heading is no claim on it when it cannot reach it: 收入 centred over its 项目 | 预算数 pair is
    nearer than 支出 to the first column of 支出's three pairs (支出 centred over all three of them,
    its middle over the second), and it left that pair's name and amount outside 支出 (issue #12)."""
    mid = (v.x0 + v.x1) / 2
    lo, hi = min(k, v.cols[0]), max(k, v.cols[-1])
    for a in range(lo, -1, -1):
        for b in range(hi, len(cells)):
            pitch = (cells[b][1] - cells[a][0]) / (b - a + 1)
            centred = min(abs((cells[a][0] + cells[b][1]) / 2 - mid), abs((ink[a][0] + ink[b][1]) / 2 - mid))
            if centred <= 0.35 * pitch:
                return True
    return False


def _group_over(upper: _Unit, lower: _Piece, ks: list[int], words, over) -> bool:
    """`upper` is a group heading rather than the first line of `lower`'s cell when the columns on
    both sides of it print nothing on its line and print headings on `lower`'s line (公务用车购置及
    运行费 over 小计 | 购置费 | 运行费: a wrapped cell's neighbours wrap beside it)."""
    def cols_on(piece_top: float, piece_bottom: float) -> set[int]:
        return {k for _, w in words if w.top < piece_bottom and w.bottom > piece_top for k in over(w)}

    beside_upper = cols_on(upper.top, upper.bottom) - set(ks)
    beside_lower = cols_on(lower.top, lower.bottom) - set(ks)
    left, right = ks[0] - 1, ks[-1] + 1
    return all(k in beside_lower and k not in beside_upper for k in (left, right))


def _one_a_line(units: list[_Unit]) -> list[_Unit]:
    """Headings printed a character a line (2 / 0 / 2 / 0 / 年 / 预 / 算 / 数), each under the last
    with less than half a character between and every character centred within 0.4 of a
    character of one line down (so no word of two characters side by side): one
    heading, over the narrower of their columns (a first character alone may seem to stand over
    two narrow columns: 基 over 合计 | 本支出)."""
    def centre(u: _Unit) -> float:
        return sum(c["x0"] + c["x1"] for c in u.chars) / (2 * len(u.chars)) if u.chars else 0.0

    out: list[_Unit] = []
    for u in sorted(units, key=lambda u: u.top):
        size = max((c["size"] for c in u.chars), default=0.0)
        prev = next((v for v in reversed(out) if set(v.cols) & set(u.cols) and v.numbers == u.numbers
                     and abs(centre(v) - centre(u)) < 0.5 * size), None)
        if prev is not None and 0 <= u.top - prev.bottom < 0.5 * size and all(
                abs((c["x0"] + c["x1"]) / 2 - centre(u)) < 0.4 * size for c in prev.chars + u.chars):
            # (every character of both centred on one line down: a character a line, 率 and a
            # narrow bracket beside it in one printed line included)
            prev.text += "\n" + u.text
            prev.chars = prev.chars + u.chars
            prev.bottom = u.bottom
            if len(u.cols) < len(prev.cols):
                prev.cols = u.cols
            continue
        out.append(u)
    return out


def _header_cells(units: list[_Unit], n_cols: int, page_no: int, bounds: list[float]) -> tuple[list[Cell], int]:
    units = _one_a_line(units)
    stacks: dict[int, list[_Unit]] = {k: [] for k in range(n_cols)}
    for u in sorted(units, key=lambda u: u.top):
        for k in u.cols:
            stacks[k].append(u)
    depth = max((len(s) for s in stacks.values()), default=0)
    cells: list[Cell] = []
    taken: set[tuple[int, int]] = set()
    free = {k: 0 for k in range(n_cols)}  # the first heading row still free in each column
    for u in sorted(units, key=lambda u: (u.top, u.x0)):
        # below every heading already over any of its columns (a group heading seen over fewer
        # columns than it spans must not push a heading over more of them out: 支出 | 预算数)
        row = max(free[k] for k in u.cols)
        if row >= depth:
            row = min(stacks[k].index(u) for k in u.cols)
        leaf = all(stacks[k][-1] is u for k in u.cols)
        span = depth - row if leaf else 1
        slots = {(r, k) for r in range(row, row + span) for k in u.cols}
        if slots & taken:
            continue
        taken |= slots
        for k in u.cols:
            free[k] = max(free[k], row + span)
        box = Box(page_no, bounds[u.cols[0]], u.top, bounds[u.cols[-1] + 1], u.bottom)
        text = "\n".join(" ".join(p.text for p in _pieces(sub, 0.25)) for sub in _sublines(u.chars))
        cells.append(Cell(text, row, u.cols[0], span, len(u.cols), box, layout.confidence(u.chars)))
    return cells, depth


def _grid(lines: list[_Line], region: _Region, page_no: int, rules, head: list[int] | None = None) -> Grid | None:
    body = region.lines
    cols = _rivers([lines[k] for k in body])
    if len(cols) < 2:
        return None
    size = max(lines[k].size for k in body)
    reach = _reach(cols, 2 * size)
    if head is None:
        head = _head(lines, body[0], cols[0][0], cols[-1][1], rules)
        lifted = False
        while head and _summary_row(lines[head[-1]]) and lines[body[0]].top - lines[head[-1]].bottom < 2 * size:
            # (a summary's rows of blank cells over its last line of figures, a page going on
            # without its header: 上年结转结余 | 结转下年 over 收入总计 … 支出总计, rows, no headings)
            head, body, lifted = head[:-1], [head[-1]] + body, True
        if head and (_wrapped_label(lines, head[-1], body) or _bare_total(lines, head[-1], body)):
            head, body, lifted = head[:-1], [head[-1]] + body, True
        # (a line numbering the columns stands at the header's foot, and no heading opens with a
        # code and a name: the lines under the one, from the other on, are rows printing no figure
        # on this page; a 续表's last page whose only figures are its 合计's, 221 住房保障支出 …
        # 2210203 购房补贴 under 栏次 | 4 | 5, U020-00100 p.6)
        # (the last such line: tables side by side each have their own, a few points apart,
        # U020-00051 p.11)
        foot = min(_past_numbering(lines, head)
                   + [i for i, k in enumerate(head) if _label_at(lines[k]) > 0] + [len(head)])
        if foot < len(head):
            # (the header is then what stands over the first of them, anew: with no line numbering
            # the columns, the rows may have filled the lines a header may take)
            body, lifted = head[foot:] + body, True
            cols = _rivers([lines[k] for k in body])
            head = _head(lines, body[0], cols[0][0], cols[-1][1], rules)
        run = _label_rows_atop(lines, head, body)
        if run:
            above = head[:len(head) - len(run)] or _head(lines, run[0], cols[0][0], cols[-1][1], rules)
            if _heads_past(lines, above, run):
                head, body, lifted = above, run + body, True
                # (the header found over them anew may reach past a line numbering the columns
                # into more such rows, a header taking at most so many lines: those under the
                # line are rows too; 社会保障和就业支出 … 卫生健康支出 under 栏次 | 4 | 5, thirteen
                # rows of names over the first figures, U020-00397 p.4)
                foot = min(_past_numbering(lines, head) + [len(head)])
                head, body = head[:foot], head[foot:] + body
            elif len(run) == len(head):
                # no heading line over the columns past them either: a page going on without its
                # header whose first rows print no figure (a 续表's middle page, its columns blank
                # down its first eleven rows, U023-00176 p.7): every such line up the page, at the
                # labels' starts and the rows' pitch, is a row, and the table has no header here
                while True:
                    above = _head(lines, run[0], cols[0][0], cols[-1][1], rules)
                    more = _label_rows_atop(lines, above + run, body)
                    if len(more) <= len(run):
                        break
                    run = more
                above = [k for k in above if k < run[0]]
                if _heads_past(lines, above, run):
                    head, body, lifted = above, run + body, True
                else:
                    head, body, lifted = [], run + body, True
        if lifted:
            region.lines = body
            cols = _rivers([lines[k] for k in body])
        ruled = _first_row_lines(lines, head, body, rules)
        if ruled:
            body = head[-ruled:] + body
            region.lines = body
            cols = _rivers([lines[k] for k in body])
            head = _head(lines, body[0], cols[0][0], cols[-1][1], rules)  # (the lines above them, anew)
    words = [w for k in head for w in _words(lines[k], cols)]
    centred = _centred_cells(cols, words, size, _frame(lines, head, body, cols, rules)) \
        if head and len(body) == 1 else None
    numbered = min((lines[k].top for k in head if _numbers_columns(lines[k])), default=None) if len(body) == 1 else None
    cols = centred or _blank_columns(cols, words, size, *_settings(cols, [lines[k] for k in body]),
                                     labels=_label_columns(cols, [lines[k] for k in body]), numbered=numbered)
    headless = not head and sum(1 for k in body if _is_anchor(lines[k])) < 2
    region.head = head
    units, bounds = _header_units(lines, head, cols, 2 * size, _right_set(cols, [lines[k] for k in body], evident=True),
                                  rules or ())
    cells, depth = _header_cells(units, len(cols), page_no, bounds)
    # the body's cells reach to the boundaries the header found
    reach = [[bounds[k], bounds[k + 1]] for k in range(len(cols))]
    bands = _bands(lines, body, rules, [p for k in head for p in lines[k].pieces], cols)
    for r, band in enumerate(bands, start=depth):
        slots: dict[int, list[_Piece]] = {}
        spans: dict[int, int] = {}
        for k in band:
            for p in lines[k].pieces:
                ks = _covered(reach, p.x0, p.x1) if not _AMOUNT.match(p.text) else \
                    [_column_at(reach, (p.x0 + p.x1) / 2)]
                # an amount belongs to the column holding its centre; a label may span columns
                if len(ks) > 1 and not _spans_blank(ks, band, lines, reach, p):
                    ks = [next((c for c in ks if reach[c][0] <= (p.x0 + p.x1) / 2 < reach[c][1]), ks[0])]
                slots.setdefault(ks[0], []).append(p)
                spans[ks[0]] = max(spans.get(ks[0], 1), ks[-1] - ks[0] + 1)
        _wrapped_name(slots)
        top = min(lines[k].top for k in band)
        bottom = max(lines[k].bottom for k in band)
        covered: set[int] = set()
        for k in sorted(slots):
            if k in covered:
                continue
            span = spans[k]
            covered.update(range(k, k + span))
            ps = _reading_order(slots[k])
            text = _cell_text(ps)
            inside = [c for p in ps for c in p.chars]
            cells.append(Cell(text, r, k, 1, span, Box(page_no, min(p.x0 for p in ps), min(p.top for p in ps),
                                                       max(p.x1 for p in ps), max(p.bottom for p in ps)),
                              layout.confidence(inside)))
        for k in range(len(cols)):
            if k not in covered:
                cells.append(Cell("", r, k, 1, 1, Box(page_no, bounds[k], top, bounds[k + 1], bottom)))
    n_rows = depth + len(bands)
    _centred_down(cells, depth, n_rows, len(cols))
    box = Box(page_no, min(c.box.x0 for c in cells), min(c.box.top for c in cells),
              max(c.box.x1 for c in cells), max(c.box.bottom for c in cells))
    # one line of figures with no heading over it is a table only where it goes on the one before
    # (the 合计 row alone at the top of a page): the structure stage decides, or reads it as text
    return Grid(n_rows, len(cols), cells, box, aligned=True, headless=headless)


def _centred_down(cells: list[Cell], depth: int, n_rows: int, n_cols: int) -> None:
    """Labels printed once, centred down the rows they name (a project name in a merged cell of a
    项目支出表 over its rows of codes, drawn without rules): each such label is made a cell over
    those rows, as a ruled table's merged cell is, so that every row of the run carries it
    (it was read as the label of the row nearest its middle, and the rows above it had none).

    A column takes this reading only when it holds words alone and its labels part the body rows
    into runs, one label each, that cover every row from the first labelled one to the last row,
    each label's middle at the middle of its run's rows (within a fifth of the row pitch), and
    some run is longer than one row; a column naming only some rows, its label on the first row
    of a group (a category over the items after it), does not part the rows so and is kept."""
    body = [c for c in cells if c.row >= depth and c.box is not None]
    if n_rows - depth < 3:
        return
    for k in range(n_cols):
        own = sorted((c for c in body if c.col == k and c.colspan == 1 and c.text.strip()), key=lambda c: c.row)
        if len(own) == 1 and not _AMOUNT.match(own[0].text.strip()) and rx_re.search(r"[^\W\d_]", own[0].text):
            _one_centred_down(cells, body, own[0], depth, n_rows)
            continue
        if len(own) < 2 or any(_AMOUNT.match(c.text.strip()) or not rx_re.search(r"[^\W\d_]", c.text) for c in own):
            continue
        rows = list(range(own[0].row, n_rows))
        other = {r: [] for r in rows}
        for c in body:
            if c.row in other and c.col != k and c.text.strip():
                other[c.row].append((c.box.top + c.box.bottom) / 2)
        if any(not other[r] for r in rows):
            continue  # a row printing nothing else: no run of rows to centre on
        y = {r: sum(other[r]) / len(other[r]) for r in rows}
        steps = sorted(y[b] - y[a] for a, b in zip(rows, rows[1:]))
        pitch = steps[len(steps) // 2] if steps else 0.0
        if pitch <= 0:
            continue
        # a label of two lines centred down an even run straddles two rows, a line in each: the
        # lines of one label stand closer than rows do (执法装备购置 / 专项资金 over four rows)
        groups: list[list[Cell]] = []
        for c in own:
            last = groups[-1][-1] if groups else None
            if last is not None and c.row == last.row + 1 and c.box.top - last.box.bottom < 0.5 * (c.box.bottom - c.box.top) \
                    and (c.box.top + c.box.bottom) / 2 - (last.box.top + last.box.bottom) / 2 < 0.8 * pitch:
                groups[-1].append(c)
            else:
                groups.append([c])
        runs, start, ok = [], rows[0], True
        for i, g in enumerate(groups):
            mid = (min(c.box.top for c in g) + max(c.box.bottom for c in g)) / 2
            nxt = groups[i + 1][0].row if i + 1 < len(groups) else n_rows
            end = next((e for e in range(max(start, g[-1].row), nxt)
                        if abs(sum(y[r] for r in range(start, e + 1)) / (e - start + 1) - mid) <= 0.2 * pitch), None)
            if end is None or start > g[0].row or (i + 1 == len(groups) and end != n_rows - 1):
                ok = False
                break
            runs.append((g, start, end))
            start = end + 1
        if not ok or start != n_rows or all(e == s for _, s, e in runs):
            continue
        for g, s, e in runs:
            c = g[0]
            for more in g[1:]:  # the label's other lines join its cell
                c.text += "\n" + more.text
                c.box = c.box.union(more.box)
                cells.remove(more)
            if (s, e) == (c.row, c.row):
                continue
            for blank in [b for b in cells if b.col == k and s <= b.row <= e and b is not c and not b.text.strip()]:
                cells.remove(blank)
            c.row, c.rowspan = s, e - s + 1


def _one_centred_down(cells: list[Cell], body: list[Cell], label: Cell, depth: int, n_rows: int) -> None:
    """A column printing one label alone in the body, centred down the body's rows (the unit of
    every project of a 项目支出表, 单位名称 printed once in a merged cell, drawn without rules;
    issue #12): the label is made a cell over those rows, so that each carries it (it was the
    attribute of the row nearest the table's middle, or of none when it stood between two rows).

    The rows are the body's, or all but its first or last (a 合计 row above or below the items,
    naming itself in another column), at least three, each printing text in another column; the
    label's middle is at the middle of theirs (within a fifth of the row pitch). The first such
    run, the whole body's before one short of an end, is taken. A label on the middle row of an
    odd run reads so too: a column printing one word alone on a table's middle row is read as
    printed over all of it (a merged cell's look: nothing tells the two apart)."""
    k = label.col
    ys = {}
    for r in range(depth, n_rows):
        mids = [(c.box.top + c.box.bottom) / 2 for c in body if c.row == r and c.col != k and c.text.strip()]
        if not mids:
            return  # a row printing nothing else: no run of rows to centre on
        ys[r] = sum(mids) / len(mids)
    steps = sorted(ys[r + 1] - ys[r] for r in range(depth, n_rows - 1))
    pitch = steps[len(steps) // 2] if steps else 0.0
    if pitch <= 0:
        return
    mid = (label.box.top + label.box.bottom) / 2
    for s, e in ((depth, n_rows - 1), (depth + 1, n_rows - 1), (depth, n_rows - 2)):
        if e - s < 2 or not s <= label.row <= e:
            continue
        if abs(sum(ys[r] for r in range(s, e + 1)) / (e - s + 1) - mid) <= 0.2 * pitch:
            for blank in [b for b in cells if b.col == k and s <= b.row <= e and b is not label and not b.text.strip()]:
                cells.remove(blank)
            label.row, label.rowspan = s, e - s + 1
            return


def _right_set(cols: list[list[float]], lines: list[_Line], evident: bool = False) -> set[int]:
    """The columns set right (`_settings`)."""
    return _settings(cols, lines, evident)[0]


def _settings(cols: list[list[float]], lines: list[_Line], evident: bool = False) -> tuple[set[int], set[int]]:
    """The columns set right, and those whose pieces' edges agree as well either way, within half a
    character (how they are set unknown: one figure a column on a table of one row, 0.0000 down a
    column). Set right: their pieces' right edges agree better than their left edges, by half a
    character or more (amounts); where they agree as well either way (pieces
    of one width), those most of whose pieces are amounts, unless `evident`: then only what the
    edges show, and beside it columns of dashes and of figures with a decimal point or separators
    (a column of 3-digit codes may be set either way; one of dashes is set as the amounts are)."""
    edges: dict[int, list[_Piece]] = {}
    for ln in lines:
        for p in ln.pieces:
            if _is_total(p):
                continue  # often centred
            k = next((k for k, (a, b) in enumerate(cols) if a - 0.5 <= (p.x0 + p.x1) / 2 <= b + 0.5), None)
            if k is not None:
                edges.setdefault(k, []).append(p)
    out, alike, either = set(), set(), set()
    for k, ps in edges.items():
        size = max(max(c["size"] for c in p.chars) if p.chars else 1.0 for p in ps)
        left = max(p.x0 for p in ps) - min(p.x0 for p in ps)
        right = max(p.x1 for p in ps) - min(p.x1 for p in ps)
        amounts = 2 * sum(1 for p in ps if _AMOUNT.match(p.text)) > len(ps)
        # (edges one side agreeing to half a point, the other apart by a figure's width or nearly, show
        # the setting: figures a digit apart set left, 837.8211 over 1481.4593, U004-00031 p.2)
        shown = min(left, right) <= 0.5 and max(left, right) >= 0.4 * size
        if abs(left - right) < 0.5 * size and not shown:  # as well aligned either way (pieces of one width)
            either.add(k)
            if not evident and amounts:
                out.add(k)
            elif evident and all(_AMOUNT.match(p.text) and (rx_re.search(r"[,.]", p.text) or not rx_re.search(r"\d", p.text))
                                 for p in ps):
                alike.add(k)
        elif right < left and amounts:
            out.add(k)  # (names indented by level may end closer together than they begin: U001-00069 p.2)
    return (out | alike if out else out), either


def _lowest(words: list[_Piece]) -> list[_Piece]:
    """The headings with no other heading under them (a group heading spans the ones below)."""
    return [w for w in words if not any(v is not w and v.top >= w.bottom - 0.5 and
                                        min(v.x1, w.x1) - max(v.x0, w.x0) > 0 for v in words)]


def _beside(v: _Piece, w: _Piece, size: float) -> bool:
    """Headings on one heading line in effect: one of two lines (a wrapped heading) holds the
    middle of the other, centred beside it."""
    def holds(a: _Piece, b: _Piece) -> bool:
        return a.bottom - a.top > 1.5 * size and a.top < (b.top + b.bottom) / 2 < a.bottom
    return holds(v, w) or holds(w, v)


def _close_above(w: _Piece, words: list[_Piece], size: float) -> list[_Piece]:
    """The words just above w (within 0.8 of a character) that overlap it across."""
    return [u for u in words if u is not w and 0 <= w.top - u.bottom < 0.8 * size
            and min(u.x1, w.x1) - max(u.x0, w.x0) > 0]


def _rows_apart(u: _Piece, w: _Piece, words: list[_Piece], size: float) -> bool:
    """u and w are in two heading rows, not two lines of one wrapped heading: beside them stand
    headings on w's line (not themselves a wrapped heading's last line) and headings centred
    between the two lines. One heading row sets all its cells alike (top, centred or bottom), so a
    single-line heading beside a two-line one stands at its first line, its middle or its last,
    never at two of these; both at once are headings
    spanning both rows beside sub-headings of a group (公务用车购置及运行费 over 小计 | 购置费 | 运行费,
    centred over its middle column, between 因公出国（境）费 and 公务接待费 spanning the two rows)."""
    if w.top - u.top < 1.35 * size and not any(v is not u and v is not w and abs(v.top - u.top) < 0.5 * size
                                                for v in words):
        # (u a line at the type's leading over w, level with no other heading: no heading row's
        # line, one heading wrapped; 事业收 / 入 centred down the header as 科目名称 beside it is,
        # over 类 | 款 | 项 on its last line, U020-00520 p.3)
        return False
    mid = (u.top + w.bottom) / 2
    others = [v for v in words if v is not u and v is not w and u.top - 0.5 * size < v.top and v.bottom < w.bottom + 0.5 * size]

    def reaches_past(v: _Piece) -> bool:  # v's heading goes on in a line ending below w's
        return any(x.bottom >= w.bottom + 0.5 * size and v in _close_above(x, words, size) for x in words)

    # (v not the last line of a wrapped heading of its own: 财政专户 / 管理资金; nor the first line of
    # one reaching below w: 一般公共 / 预算 of the lower heading row, beside 其他 / 收入 wrapped
    # right of 事业收入 centred on its lines, both spanning the two rows, U020-00331 p.2)
    on_line = any(abs(v.top - w.top) < 0.5 * size and not _close_above(v, words, size) and not reaches_past(v)
                  for v in others)
    between = any(abs((v.top + v.bottom) / 2 - mid) < 0.25 * size and v.top > u.top + 0.5 * size for v in others)
    return on_line and between


WRAP_PITCH = 1.75  # (_read_apart) the widest pitch of a wrapped heading's lines read by OCR, in characters


def _read_apart(u: _Piece, w: _Piece) -> bool:
    """u over w, both read by OCR, are two heading rows, not the lines of one wrapped heading: their
    middles are more than WRAP_PITCH characters apart, a character being the width of one of the
    wider line's (its box over its count of characters). The recogniser's boxes are padded
    unevenly (a two-character word's box is taller than a ten-character one's: 小计 16.9 pt against
    12.6 for 公务用车购置及运行费 over it, in 10 pt type), so the blank between the boxes, which
    tells the lines of a wrapped heading in a text layer, is no measure; the pitch is. A wrapped
    heading's lines are set at the type's leading (1.2 to 1.5 characters); 小计 under its group
    heading one heading row lower stood 2.06 characters below it (generated three-line 三公
    tables, U001-00004 p.11 and U001-00006 p.9 scanned: 公务用车购置及运行费小计 read as one heading)."""
    chars = u.chars + w.chars
    if not chars or any(c.get("fontname") != "ocr" for c in chars):
        return False
    wide = max((u, w), key=lambda p: p.x1 - p.x0)
    n = len(rx_re.sub(r"\s", "", wide.text))
    if not n:
        return False
    return (w.top + w.bottom) / 2 - (u.top + u.bottom) / 2 > WRAP_PITCH * (wide.x1 - wide.x0) / n


def _stacked(w: _Piece, words: list[_Piece], size: float) -> _Piece:
    """w with the lines above it of the same wrapped heading: each over w, close above, with no
    other heading under it."""
    top, chain = w, [w]
    while True:
        over = [u for u in _close_above(top, words, size) if u.x1 - u.x0 >= top.x1 - top.x0]
        if len(over) != 1:
            break
        u = over[0]
        # (the lines of the heading already taken stand under u too: 政府 / 性基 / 金预 / 算)
        if any(all(v is not c for c in chain) and v is not u and v.top >= u.bottom - 0.5
               and _shares_x(v, u) for v in words):
            break
        if _rows_apart(u, w, words, size):
            break
        top = u
        chain.append(u)
    if top is w:
        return w
    return _Piece(w.text, min(w.x0, top.x0), max(w.x1, top.x1), top.top, w.bottom, w.chars)


_CODE_PART = rx_compile(r"^[类款项]$")  # the parts of a function code, each heading a column of its own


def _label_columns(cols: list[list[float]], lines: list[_Line]) -> set[int]:
    """The body columns printing words and nothing else (names: no figure, code or total label)."""
    seen: dict[int, list[str]] = {}
    for ln in lines:
        for p in ln.pieces:
            if _is_total(p):
                continue
            k = next((k for k, (a, b) in enumerate(cols) if a - 0.5 <= (p.x0 + p.x1) / 2 <= b + 0.5), None)
            if k is not None:
                seen.setdefault(k, []).append(p.text.strip())
    return {k for k, ts in seen.items()
            if ts and all(_CJK.search(t) and not rx_re.search(r"\d", t) for t in ts)}


def _blank_columns(cols: list[list[float]], words: list[_Piece], size: float,
                   set_right: set[int] | None = None, unsure: set[int] = frozenset(),
                   labels: set[int] = frozenset(), numbered: float | None = None) -> list[list[float]]:
    """Columns blank in every body row (a 类 column on a page of 款 and 项 rows, a source with no
    amounts) are seen by their headings: of the lowest headings (none under them, a wrapped one
    with all its lines) nearest to one body column, one that does not stand over its text heads
    a column of its own when a heading beside it on its line stands nearer, or when it stands
    where no heading of that column would (left of labels set left, right of amounts set right)
    and another heading of the column does not; never while a body column near it has no
    heading of its own (it heads that one). `set_right`: the columns set right (`_right_set`);
    `unsure`: those whose edges do not show how they are set (`_settings`): no heading stands
    astray of them (公务用车运行费 centred right of 2,251,811 set left in a wide cell, one row of
    figures, U005-00011 p.9). `labels`: the columns of names (`_label_columns`): a code part's
    heading (类, 款, 项) beside another on its line heads no column of names, it heads a code
    column blank in every row (项 over no code on a page of 类 rows, clear of the names but
    nearer them than any other heading, how the names are set unknown from one name:
    U007-00085 p.6). `numbered`: the top of a line numbering the columns (栏次 | 1 | 2) under
    the headings, when the body is one line: a heading reaching the line over it stands apart as
    one reaching the last heading line does."""
    leaves = [w for w in words if not any(v is not w and v.top >= w.bottom - 0.5 and
                                          min(v.x1, w.x1) - max(v.x0, w.x0) > 0 for v in words)]
    # a heading wrapped in its cell (财政专户管理资 / 金) counts with the extent of all its lines
    leaves = [_stacked(w, words, size) for w in leaves]

    def dist(w: _Piece, c: list[float]) -> float:
        return max(0.0, c[0] - w.x1, w.x0 - c[1])

    lowest = max((w.top for w in leaves), default=0.0)  # a heading reaching below this is of the last line
    # (a line numbering the columns, 栏次 | 1 | 2, stands under the headings: a heading reaching
    # the line over it, not on it, reaches the last heading line too; 科目代码 centred down the
    # heading rows beside 科目名称 over 栏次 heads a column of its own, U020-00827 p.13)
    last = lowest if numbered is None else \
        max((w.top for w in leaves if w.top < numbered - 0.5 * size), default=lowest)

    def reaches(w: _Piece) -> bool:
        return w.bottom > lowest - 0.25 * size or \
            numbered is not None and w.top < numbered - 0.5 * size and w.bottom > last - 0.25 * size

    def astray(w: _Piece, k: int) -> bool:
        """w stands where no heading of column k would: left of labels set left, right of
        amounts set right. Unknown how the columns are set, nothing is astray."""
        if set_right is None or k in unsure:
            return False
        return w.x0 > cols[k][1] if k in set_right else w.x1 < cols[k][0]

    # the last lines of headings (no line of the same heading just under them: 公 over 务 of a
    # heading set a character a line is none)
    ends = [u for u in words if not any(u in _close_above(x, words, size) for x in words)]
    near: dict[int, list[_Piece]] = {}
    for w in leaves:
        k = min(range(len(cols)), key=lambda k: dist(w, cols[k]))
        near.setdefault(k, []).append(w)
    def group(w: _Piece) -> bool:
        """w stands over headings of a lower line close to it on both sides: a group heading
        whose sub-headings stand clear of it in wide cells, heading no column of its own
        (公务用车购置及运行费 over 公务用车购置费 | 公务用车运行费, U007-00035 p.10)."""
        reach = w.x1 - w.x0
        lower = [v for v in leaves if v.top >= w.bottom - 0.5]
        return any(0 <= w.x0 - v.x1 < reach for v in lower) and any(0 <= v.x0 - w.x1 < reach for v in lower)

    extra = []
    for k, ws in near.items():
        if len(ws) < 2:
            continue
        # (where no heading stands over a column of figures, the one whose middle is nearest the
        # column's heads it, the others columns of their own: 95.4080 alone, set left, between
        # 政府性基金预算 and 事业收入, each as near by its edge, U001-00092 p.3)
        mid = (cols[k][0] + cols[k][1]) / 2
        if set_right is not None and k in set_right and not any(dist(v, cols[k]) == 0 for v in ws):
            best = min(ws, key=lambda v: abs((v.x0 + v.x1) / 2 - mid))
            for w in ws:
                orphan = any(j != k and dist(w, cols[j]) <= 2 * size and not any(dist(v, cols[j]) == 0 for v in leaves)
                             for j in range(len(cols)))
                if w is not best and not orphan and not group(w) \
                        and abs((w.x0 + w.x1) / 2 - mid) > abs((best.x0 + best.x1) / 2 - mid) + size:
                    extra.append([w.x0, w.x1])
            continue
        for w in ws:
            overlaps = dist(w, cols[k]) == 0
            # rivals: headings on its line, or, for a heading of the last heading line standing
            # where no heading of this column stands (before the start of labels set left, past the
            # end of amounts set right), a heading clear of it that does not (the 项 under 科目编码
            # left of the labels, beside a 科目名称 centred over two heading rows)
            rivals = [v for v in ws if v is not w and (abs(v.top - w.top) < 0.5 * size or _beside(v, w, size))]
            apart = reaches(w) and astray(w, k) and any(
                v is not w and max(v.x0, w.x0) - min(v.x1, w.x1) > 2 * size and not astray(v, k) for v in ws)
            # (not while a column of the body stands near it with no heading over it: it heads that
            # one, as 事业收入 over dashes set right and a few points off)
            orphan = any(j != k and dist(w, cols[j]) <= 2 * size and not any(dist(v, cols[j]) == 0 for v in leaves)
                         for j in range(len(cols)))
            # under: a lowest heading over the column's text, set between a heading line above it and
            # w's line below, clear of w across, is centred down a cell spanning the rows past w's
            # line, so w stands in another cell (政府性基金预算 under 财政拨款收入, exactly as far from
            # 一般公共预算's figures as from those of 事业收入 centred down both heading rows, its own
            # column blank: U006-00035 p.3). On the top line it may be a group heading whose
            # sub-headings stand clear of it in wide cells (财政拨款收入 over 一般公共预算, U001-00025 p.2).
            under = any(v is not w and dist(v, cols[k]) == 0 and w.top >= v.bottom - 0.25 * size
                        and (v.x1 <= w.x0 or w.x1 <= v.x0) and any(u.bottom <= v.top + 0.25 * size for u in ends)
                        for v in ws)
            part = k in labels and _CODE_PART.match(w.text.strip()) is not None and any(
                v is not w and _CODE_PART.match(v.text.strip()) and abs(v.top - w.top) < 0.5 * size for v in leaves)
            # taken: how the column is set unknown from its edges (one figure a row, as wide), a
            # heading over its text on the last heading line (not a group heading: 财政拨款收入 over
            # neither sub-heading, U004-00031 p.2; nor 支出 over 功能分类 | 经济分类, U007-00025 p.2)
            # heads it; one clear of that heading and of the text, not a group
            # heading, reaching the last heading line (支出 over 项目 | 合计 does not), stands in a
            # cell of its own (因公出国（境）费 wrapped right of 合计 over 4,891,129 | 4,520,121, its
            # own figures blank, U007-00078 p.9)
            over = [v for v in ws if v is not w and dist(v, cols[k]) == 0 and not group(v)
                    and v.bottom > lowest - 0.25 * size]
            taken = k in unsure and bool(over) and w.bottom > lowest - 0.25 * size and not group(w) and all(
                max(v.x0, w.x0) - min(v.x1, w.x1) > 2 * size for v in over)
            if not overlaps and not orphan and (apart or under or part or taken
                                                or rivals and any(dist(v, cols[k]) <= dist(w, cols[k]) for v in rivals)):
                extra.append([w.x0, w.x1])
    # a heading beyond the outer body columns heads a column of its own only when the outer column
    # has a nearer heading on its line (a heading centred over right-aligned amounts stands apart)
    beyond = []
    for w in words:
        if w.x0 > cols[-1][1] + size or w.x1 < cols[0][0] - size:
            k = len(cols) - 1 if w.x0 > cols[-1][1] else 0
            rivals = [v for v in near.get(k, []) if v is not w and abs(v.top - w.top) < 0.5 * size]
            if rivals and any(dist(v, cols[k]) < dist(w, cols[k]) for v in rivals):
                beyond.append([w.x0, w.x1])
    add = extra + beyond
    if not add:
        return cols
    return sorted(cols + _rivers([_Line([_Piece("", a, b, 0, 0, [])], 0, 0, size) for a, b in add]))


def _frame(lines: list[_Line], head: list[int], body: list[int], cols: list[list[float]],
           rules: list[tuple[float, float, float]]) -> tuple[float, float | None]:
    """The table's left and right edges: those of the rules across it from its header to its
    body; without one, the left edge of its text and no right edge."""
    size = max(lines[k].size for k in body)
    top, bottom = lines[head[0]].top - 3 * size, lines[body[-1]].bottom + 2 * size
    across = [(a, b) for y, a, b in rules if top <= y <= bottom and a <= cols[0][0] + size and b >= cols[-1][1] - size]
    if across:
        return min(a for a, _ in across), max(b for _, b in across)
    return min([cols[0][0]] + [p.x0 for k in head for p in lines[k].pieces]), None


def _centred_cells(cols: list[list[float]], words: list[_Piece], size: float,
                   frame: tuple[float, float | None]) -> list[list[float]] | None:
    """The columns of a table of one line of figures read from its lowest headings taken as
    centred in cells side by side across the table: from its left edge each cell ends as far past
    its heading's middle as it starts before it. Every column of figures must lie in one cell and
    no two in one, every heading within its cell and, the right edge known (`frame`), the last
    cell end on it, within half a character; a heading whose cell holds no figure heads a blank
    column of its own. One line of figures shows neither how its cells are set nor where they
    part (公务用车运行费 centred right of its one figure set left in a wide cell, 合计 centred left
    of 6,848,076 set right: U003-00035 p.10, U005-00028 p.11). None where the headings do not so
    fit."""
    lowest = [_stacked(w, words, size) for w in _lowest(words)]
    # (a group heading whose columns part under it, narrower than the room between its
    # sub-headings, stands over no cell of its own: the nearest heading each side is lower than
    # it. Not any lower heading each side: 科目名称 centred in its cell over no row's name, 类 | 款
    # | 项 far left of it and a heading set a character a line ending low far right, beside it a
    # heading set a character a line reaching down past it, heads a blank column, U020-00935 p.5)
    def group(w: _Piece) -> bool:
        for side, gap in ((lambda v: v.x1 <= w.x0, lambda v: w.x0 - v.x1), (lambda v: v.x0 >= w.x1, lambda v: v.x0 - w.x1)):
            by = [v for v in lowest if v is not w and side(v)]
            if not by or min(by, key=gap).top < w.bottom - 0.5:
                return False
        return True

    leaves = sorted((w for w in lowest if not group(w)), key=lambda w: w.x0 + w.x1)
    left, right = frame
    tol = 0.5 * size
    edges = [left]
    for w in leaves:
        end = w.x0 + w.x1 - edges[-1]
        if end <= edges[-1] or w.x0 < edges[-1] - tol or w.x1 > end + tol:
            return None
        edges.append(end)
    if right is not None and abs(edges[-1] - right) > tol:
        return None
    owners: list[int] = []
    for a, b in cols:
        js = [j for j in range(len(leaves)) if edges[j] - tol <= a and b <= edges[j + 1] + tol]
        if len(js) != 1 or js[0] in owners:
            return None
        owners.append(js[0])
    return sorted(cols + [[w.x0, w.x1] for j, w in enumerate(leaves) if j not in owners])


def _spans_blank(ks: list[int], band: list[int], lines: list[_Line], reach, piece: _Piece) -> bool:
    """A label over several columns (合计 across the code and name columns) spans them only when
    nothing else of its row stands in them."""
    for k in band:
        for p in lines[k].pieces:
            if p is piece:
                continue
            mid = (p.x0 + p.x1) / 2
            if any(reach[c][0] <= mid < reach[c][1] for c in ks):
                return False
    return True


def _reading_order(pieces: list[_Piece]) -> list[_Piece]:
    """A cell's pieces line by line, each line left to right (OCR boxes of one line differ by a
    point or two: 三、 at 116 pt and 财政专户管理资金 at 114 pt are one label, not 财政专户管理资金三、)."""
    lines = _printed_lines(pieces, lambda p: p.top, lambda p: p.bottom - p.top, lambda p: p.x0)
    return [p for ln in lines for p in ln]


def _cell_text(pieces: list[_Piece]) -> str:
    out, prev = "", None
    for p in pieces:
        if prev is not None:
            out += "\n" if p.top >= prev.bottom - 1 else " "
        out += p.text
        prev = p
    return out


def grids(chars: list[dict], page_no: int, rules: list[tuple[float, float, float]] | None = None,
          carry: list[list[dict]] | None = None, lines: list[list[dict]] | None = None
          ) -> tuple[list[Grid], list[dict], int]:
    """Tables without full ruling among `chars`, the characters left for text lines, and how many
    of the `carry` lines were taken. `rules`: horizontal rules on the page as (y, x0, x1) in points
    from the top-left. `carry`: the lines (characters) ending the page before, after its last
    table: a table starting at the top of this page without headings of its own takes them as its
    header when they stand over its columns (a word processor may leave a table's heading rows at
    the foot of one page and its body on the next). `lines`: `layout.rows_of(chars)` when the
    caller has it. When no table is found, the characters left are `chars` itself."""
    rules = rules or []
    rows = _steady(lines if lines is not None else layout.rows_of(chars))
    if not any(_may_hold_amounts(r) for r in rows):
        return [], chars, 0  # no line prints a number apart from the text before it: no table here
    rows, aside = _notes_aside(rows)
    lines = [_line(r) for r in rows]
    _unstack(lines)
    found: list[Grid] = []
    taken: set[int] = set()
    carried = 0
    for n, region in enumerate(_regions(lines, rules)):
        grid = _grid(lines, region, page_no, rules)
        # (a table opening the page, with or without headings of its own: the heading rows carried
        # stand over its own, as a 收入 | 支出 line left under the title at the foot of the page before)
        start = region.head[0] if region.head else region.lines[0]
        if grid is not None and n == 0 and carry and all(_PAGE_NUMBER.match(lines[k].text) for k in range(start)):
            with_head = _carried(lines, region, page_no, rules, carry)
            if with_head is not None:
                grid, carried = with_head
        if grid is not None:
            found.append(grid)
            taken.update(region.lines)
            taken.update(k for k in region.head if k >= 0)
    if not found:
        return [], chars, carried
    rest = [c for k, r in enumerate(rows) if k not in taken for c in r] + aside
    return found, rest, carried


_NOTE_START = rx_compile(r"^\s*(注|说明)\s*\d?\s*[:：]")


def _notes_aside(rows: list[list[dict]]) -> tuple[list[list[dict]], list[dict]]:
    """The lines with the characters of a note set aside where a table's row stands level with it
    beyond a wide blank (two tables side by side, the left one's 注：本表… under its last row level
    with a row of the longer right one, 委托业务费 32.9024: U021-00000 p.6): the note is text, the
    row a row of the right table, not one line of prose ending both. A note part is the line's
    characters from its 注： up to a blank of two characters, the rest printing words (a code may
    open it: 31 公务用车运行维护费 1415059.93, U021-00021 p.9) and a figure apart from what is before
    it (`_may_hold_amounts`). (lines, the notes' characters)."""
    out: list[list[dict]] = []
    aside: list[dict] = []
    for row in rows:
        if len(row) < 6 or not _NOTE_START.match("".join(c["text"] for c in row[:6])):
            out.append(row)
            continue
        cut = next((k for k in range(1, len(row))
                    if row[k]["x0"] - row[k - 1]["x1"] > 2 * max(row[k]["size"], row[k - 1]["size"], 1)), None)
        if cut is None or not any(ord(c["text"][:1] or "0") > 0x2E80 for c in row[cut:]) \
                or not _may_hold_amounts(row[cut:]):
            out.append(row)
            continue
        aside.extend(row[:cut])
        out.append(row[cut:])
    return out, aside


def _may_hold_amounts(row: list[dict]) -> bool:
    """A quick look before the real reading: some number or dash on the line stands apart from the
    text before it (a gap of a third of a character, or another OCR box) and no unit or date word
    follows it (as in `_line`), as an amount in a cell after its label does (a body line's amount is
    never its first piece, see `_is_body`); prose runs on (增加 941.62万元), and a page number or a
    year stands first or alone."""
    def apart(a: dict, b: dict) -> bool:
        return b["x0"] - a["x1"] > 0.3 * max(b["size"], 1) or a.get("seg") != b.get("seg")

    k, n = 1, len(row)
    while k < n:
        c = row[k]
        if (c["text"].isdigit() or c["text"] in "-—–－") and apart(row[k - 1], c):
            j = k + 1
            while j < n and row[j]["text"] in "0123456789.,，-—–－" and not apart(row[j - 1], row[j]):
                j += 1
            if j == n or not _UNIT_AFTER.match(row[j]["text"] + (row[j + 1]["text"] if j + 1 < n else "")):
                if not _PAGE_NUMBER.match("".join(ch["text"] for ch in row)):
                    return True
            k = j
        else:
            k += 1
    return False


def _carried(lines: list[_Line], region: _Region, page_no: int, rules, carry: list[list[dict]]
             ) -> tuple[Grid, int] | None:
    """The region's grid with the carried lines as its header (above its own heading rows, if any),
    when they read as one: the lowest of them standing over two or more of its columns, or, over
    headings of its own, two or more headings within its width. Their characters keep the page
    they are on."""
    heads = [_line(r) for r in carry]
    ok = [ln for ln in heads if not _PROSE.search(ln.text) and not _NOT_HEADER.search(ln.text.replace(" ", ""))
          and not _is_anchor(ln)]
    k = len(heads)
    while k > 0 and heads[k - 1] in ok:
        k -= 1
    heads = heads[k:]
    if not heads:
        return None
    cols = _rivers([lines[i] for i in region.lines])
    # a heading is centred in its cell and a figure under it right-aligned: the edge columns' own
    # text may stand in from the table's edge by up to the gap to the next column
    left = cols[0][0] - (cols[1][0] - cols[0][1] if len(cols) > 1 else 8)
    right = cols[-1][1] + (cols[-1][0] - cols[-2][1] if len(cols) > 1 else 8)
    if heads[-1].pieces[0].x0 < left - 8 or heads[-1].pieces[-1].x1 > right + 8:
        return None
    if region.head:
        # over headings of its own: a line of two or more headings within the table's width
        if len(heads[-1].pieces) < 2:
            return None
    else:
        # each heading over the column nearest its middle (halfway between two columns' text is
        # the cell boundary): two or more columns headed
        cuts = [(b + a2) / 2 for (_, b), (a2, _) in zip(cols, cols[1:])]
        over = {sum((p.x0 + p.x1) / 2 > c for c in cuts) for p in heads[-1].pieces}
        if len(over) < 2:
            return None
    # the carried lines stand before this page's lines, in their own order, above everything
    shift = min(ln.top for ln in lines) - max(ln.bottom for ln in heads) - 20
    if region.head:
        # above headings of this page, they must stand above them by their characters too
        def lift(p: _Piece) -> _Piece:
            chars = [{**c, "top": c["top"] + shift, "bottom": c["bottom"] + shift} for c in p.chars]
            return _Piece(p.text, p.x0, p.x1, p.top + shift, p.bottom + shift, chars)
        heads = [_Line([lift(p) for p in ln.pieces], ln.top, ln.bottom, ln.size, ln.amounts, ln.numbers)
                 for ln in heads]
    moved = [_Line(ln.pieces, ln.top + shift, ln.bottom + shift, ln.size, ln.amounts, ln.numbers) for ln in heads]
    ext = moved + lines
    off = len(moved)
    reg = _Region([i + off for i in region.lines])
    grid = _grid(ext, reg, page_no, rules, head=list(range(off)) + [i + off for i in region.head])
    if grid is None:
        return None
    region.head = [-1] + region.head  # (-1: the header begins on the page before)
    return grid, len(heads)
