"""The lines printed around a table: title, number (表一), unit, 编制部门; and table-of-contents lines."""
from __future__ import annotations

from dataclasses import dataclass

from disclosure.normalize.table_types import table_type
from disclosure.normalize.text import clean, compact
from disclosure.rx import compile as rx_compile
# the one-line recognisers live in normalize/titles.py (the readers use them too); named here for structure/
from disclosure.normalize.titles import (LIST_NUMBER, TITLE_END, department_of, is_number_line,  # noqa: F401
                                         number_of, title_like)
from disclosure.normalize.units import find_unit
from disclosure import rx as rx_re

_QUOTES = rx_compile(r"^[“”‘’\"'\s]+$")  # quote marks a font prints below their line
_LEADER = rx_compile(r"[.…·．]{4,}|…{2,}")
_PAGE_REF = rx_compile(r"\s\d{1,3}$")
_YEAR_LINE = rx_compile(r"^[（(]?\s*(19|20)\d{2}\s*年度?\s*[）)]?$")
_YEAR_START = rx_compile(r"^(19|20)\d{2}年")  # a title's head: 2021年…
_QUALIFIER = rx_compile(r"^[（(](?!续)[^（()）]+[）)]$")  # （按经济科目）, not （续表）


@dataclass
class Context:
    title: str = ""
    title_printed: str = ""
    number: str = ""
    unit: str = ""
    department: str = ""
    note: str = ""
    used: int = 0  # how many lines (from the end) were taken


def is_toc_line(text: str) -> bool:
    """A contents entry: dot leaders, or a title or heading followed by its page number."""
    t = text.strip()
    if len(compact(t)) <= 4:
        return False
    if _LEADER.search(t):
        return True
    m = _PAGE_REF.search(t)
    if not m or rx_re.search(r"[，。；,;]", t):
        return False
    head = t[:m.start()]
    return title_like(head) or bool(rx_re.match(r"^(第.{1,3}部分|[一二三四五六七八九十]+、)", compact(head)))


def title_head(text: str, title: str) -> bool:
    """`text` is the first part of a title wrapped over lines (一、… or 公开09表：…), `title` the rest."""
    t = compact(text)
    m = number_of(text)
    starts = bool(LIST_NUMBER.match(t)) or bool(m and m[1])
    rest = m[1] if m else t
    if not starts and len(title) <= 3 and title.endswith("表"):
        starts = bool(t) and not department_of(text) and not find_unit(text)  # …支出预算 / 表
    if not starts and t and not department_of(text) and not find_unit(text) and \
            table_type(t + title) not in ("other", table_type(title)) and (
                table_type(title) == "other" or len(title) <= 6 or _YEAR_START.match(t)):
        # a title wrapped anywhere (…一般公共预算支出功 / 能分类预算表): the whole is a known title, or
        # a short tail a table of its own only alone (…一般公共预算机关运行经费 / 支出预算表, L007-00352 p.8),
        # or any tail under a head opening with the year as titles do (2021年<机构名>一般公共预算拨款
        # “三公”经费及会议 / 费、培训费支出预算表, U020-00000 p.11: the tail alone reads as a 支出预算表)
        starts = True
    if not starts and _open_quote(t) and _closes_quote(title) and not department_of(text) and not find_unit(text) \
            and table_type(t + title) != "other":
        # a line ending inside a quotation the next line closes (…财政拨款“三 / 公”经费支出决算表, a
        # title wrapped in a narrow table's cell, axis side_wrap): the tail is no title of its own
        # (公”经费支出决算表 alone names the 支出决算表)
        starts = True
    return (starts and not LIST_NUMBER.match(title) and not TITLE_END.search(rest)
            and not t.endswith(("。", "；", "：", ":")) and len(t) + len(title) <= 60)


def _open_quote(text: str) -> bool:
    """`text` ends inside a quotation: more “ than ” (or ‘ than ’)."""
    return text.count("“") > text.count("”") or text.count("‘") > text.count("’")


def _closes_quote(text: str) -> bool:
    """`text` closes a quotation opened before it: a ” (or ’) before any “ (‘)."""
    return any(close in text and (opening not in text or text.index(close) < text.index(opening))
               for opening, close in (("“", "”"), ("‘", "’")))


def _wrapped_tail(above: str, text: str) -> tuple[str, str, str] | None:
    """(number, title, title as printed) when `text` is the end of a title wrapped inside it, the
    line `above` its start: the short line alone is no title and `above` ends none, but the two
    joined end as a title does and name a known table (…支出预算表（按功 / 能科目）: Word wraps a
    title paragraph wider than its page anywhere). None otherwise."""
    t, head = compact(text), compact(clean(above))
    if not head or not _fragment(text) or title_like(text) or department_of(above) or find_unit(above):
        return None
    whole = head + t
    bare = LIST_NUMBER.sub("", whole)
    # (a head ending as a title does may take a qualifier in brackets wrapped onto a line of its own:
    # …基本支出明细表 / （按经济科目）, U020-00000 p.10)
    qualifier = bool(_QUALIFIER.match(t)) and head.endswith("表")
    if TITLE_END.search(LIST_NUMBER.sub("", head)) and not qualifier or not TITLE_END.search(bare):
        return None
    if table_type(whole) == "other" or len(whole) > 60:
        return None
    printed = above.strip() + text.strip()
    m = number_of(printed)
    if m and m[1]:
        return m[0], m[1], printed
    return "", whole, printed


def _fragment(text: str) -> bool:
    t = compact(text)
    return len(t) <= 12 and not rx_re.search(r"[，。；,;:：]", t) and not rx_re.search(r"\d", t)


def read_context(lines: list[str]) -> Context:
    """Read the lines just above a grid (nearest last) for the table's title, number, unit and
    department. Stops at the first line that is none of these (a paragraph)."""
    ctx = Context()
    carry = ""  # a short line below the 部门 line: the end of a wrapped department name
    rev = list(reversed(lines))
    skip = 0
    for n, raw in enumerate(rev, start=1):
        if n <= skip:
            continue
        text = clean(raw)
        if not text or _QUOTES.match(text):
            ctx.used = n
            continue
        tail = _wrapped_tail(rev[n] if n < len(rev) else "", text) if not ctx.title and not carry else None
        if tail is not None:
            ctx.title, ctx.title_printed = tail[1], tail[2]
            ctx.number = ctx.number or tail[0]
            ctx.used = skip = n + 1
            continue
        if not carry and not ctx.department and not ctx.title and _fragment(text):
            dept = department_of(text)
            if not dept and not find_unit(text) and not title_like(text) and number_of(text) is None:
                carry = compact(text)
                continue
        if ctx.title and not ctx.number and title_head(text, ctx.title):
            head = compact(text)
            m = number_of(raw)
            if m:
                ctx.number, head = m
            ctx.title = head + ctx.title
            ctx.title_printed = raw.strip() + ctx.title_printed
            ctx.used = n
            continue
        took = False
        if carry:
            dept = department_of(text)
            if dept:
                ctx.department, carry, took = dept + carry, "", True
            elif not find_unit(text):
                break  # not a wrapped name after all: the context ends below it
        unit = find_unit(text)
        if unit and not ctx.unit:
            ctx.unit, took = unit, True
        dept = department_of(text)
        if dept and not ctx.department:
            ctx.department, took = dept, True
        if _YEAR_LINE.match(compact(text)):
            took = True
        m = number_of(raw)  # as printed: clean() joins 表十 四川省… into 表十四川省…
        if m and not ctx.number:
            ctx.number, took = m[0], True
            rest = m[1]
            if rest and not ctx.title:
                ctx.title, ctx.title_printed = rest, raw.strip()
        elif not took and not ctx.title and title_like(text):
            ctx.title, ctx.title_printed, took = compact(text), raw.strip(), True
        if rx_re.match(r"^(注|说明)[:：]", text) and not ctx.title:
            ctx.note, took = text, True
        if not took:
            break
        ctx.used = n
    return ctx
