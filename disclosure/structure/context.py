"""The lines printed around a table: title, number (表一), unit, 编制部门; and table-of-contents lines."""
from __future__ import annotations

import re
from dataclasses import dataclass

from disclosure.normalize.text import clean, compact
from disclosure.normalize.units import find_unit

_NUMBER = re.compile(r"^((?:公开)?表\s*[一二三四五六七八九十\d]+|附表\s*[\d一二三四五六七八九十]+)\s*[:：]?")
_DEPT = re.compile(r"(?:编制部门|编制单位|预算主管部门|主管部门|预算单位|单位名称|部门(?:名称)?)\s*[:：]\s*"
                   r"(.+?)(?=\s*(?:金额)?单\s*位\s*[:：]|\s*\d{4}\s*年|$)")
_TITLE_END = re.compile(r"(表|表[（(][^）)]*[）)]|表（续）|表\(续\))$")
_LEADER = re.compile(r"[.…·．]{4,}|…{2,}|\s\d{1,3}$")
_YEAR_LINE = re.compile(r"^[（(]?\s*(19|20)\d{2}\s*年度?\s*[）)]?$")


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
    return bool(_LEADER.search(text.strip())) and len(compact(text)) > 4


def title_like(text: str) -> bool:
    t = compact(text)
    if not t or len(t) > 60 or t.endswith(("。", "；")):
        return False
    t = re.sub(r"^[\d一二三四五六七八九十]+[.．、]", "", t)
    return bool(_TITLE_END.search(t)) or bool(_NUMBER.match(t))


def department_of(text: str) -> str:
    m = _DEPT.search(clean(text))
    return m.group(1).strip() if m else ""


def read_context(lines: list[str]) -> Context:
    """Read the lines just above a grid (nearest last) for the table's title, number, unit and
    department. Stops at the first line that is none of these (a paragraph)."""
    ctx = Context()
    for n, raw in enumerate(reversed(lines), start=1):
        text = clean(raw)
        if not text:
            ctx.used = n
            continue
        took = False
        unit = find_unit(text)
        if unit and not ctx.unit:
            ctx.unit, took = unit, True
        dept = department_of(text)
        if dept and not ctx.department:
            ctx.department, took = dept, True
        if _YEAR_LINE.match(compact(text)):
            took = True
        m = _NUMBER.match(compact(text))
        if m and not ctx.number:
            ctx.number, took = m.group(1), True
            rest = compact(text)[m.end():]
            if rest and not ctx.title:
                ctx.title, ctx.title_printed = rest, raw.strip()
        elif not took and not ctx.title and title_like(text):
            ctx.title, ctx.title_printed, took = compact(text), raw.strip(), True
        if re.match(r"^(注|说明)[:：]", text) and not ctx.title:
            ctx.note, took = text, True
        if not took:
            break
        ctx.used = n
    return ctx
