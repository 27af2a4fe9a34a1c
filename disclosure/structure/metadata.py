"""Document metadata: title, department, year, kind (budget / final accounts), level."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from disclosure.model import Paragraph, RawDocument, TextLine
from disclosure.normalize.text import clean, compact
from disclosure.normalize.units import find_unit
from disclosure.normalize.table_types import organisation
from disclosure.structure.context import Context, department_of, is_number_line, title_like

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_STRIP = re.compile(r"\s*((?:19|20)\d{2}\s*年度?.*$|(部门|单位)?(预算|决算).*$)")


@dataclass
class Meta:
    title: str
    department: str
    year: int | None
    kind: str
    level: str


def _cover(raw: RawDocument) -> str:
    for page in raw.pages[:2]:
        lines = [clean(b.text) for b in page.blocks if isinstance(b, TextLine) and clean(b.text)]
        # a tables-only volume starts with a table: its title, 部门 and 单位 lines are no cover
        lines = [ln for ln in lines if compact(ln) not in ("目录", "目次") and not department_of(ln)
                 and not find_unit(ln) and not title_like(ln) and not is_number_line(ln)
                 and not re.search(r"[，。；]", ln)][:4]  # a sentence (a note under a table) is no cover
        title = ""
        for ln in lines:
            title += ln
            if _YEAR.search(title) and re.search(r"预算|决算", title):
                break
        if title and re.search(r"预算|决算|(19|20)\d{2}", title):
            return clean(title)
    return ""


def describe(raw: RawDocument, paras: list[Paragraph], contexts: list[Context]) -> Meta:
    title = _cover(raw)
    heads = " ".join(p.text for p in paras[:40])
    years = Counter(int(y) for y in _YEAR.findall(title))
    if not years:
        years = Counter(int(y) for c in contexts for y in _YEAR.findall(c.title_printed))
    if not years:
        years = Counter(int(y) for y in _YEAR.findall(heads))
    year = years.most_common(1)[0][0] if years else None
    blob = compact(title) + " " + " ".join(c.title for c in contexts)
    kind = "final_accounts" if "决算" in compact(title) else "budget" if "预算" in compact(title) else (
        "final_accounts" if "决算" in blob else "budget" if "预算" in blob else "unknown")
    t = compact(title)
    if "单位预算" in t or "单位决算" in t or "预算单位" in blob:
        level = "unit"
    elif "部门" in t or "部门" in blob or "部门" in heads:
        level = "department"
    else:
        level = "unknown"
    depts = Counter(c.department for c in contexts if c.department)
    department = depts.most_common(1)[0][0] if depts else ""
    if not department:  # the organisation's name before the standard title of its tables
        orgs = Counter(o for o in (organisation(c.title) for c in contexts if c.title) if len(o) >= 2)
        department = orgs.most_common(1)[0][0] if orgs else ""
    if not department and title:  # the cover: its lines without the year and 部门预算/决算
        department = _STRIP.sub("", re.sub(r"^\s*(?:19|20)\d{2}\s*年度?\s*", "", title)).strip()
    return Meta(title, department, year, kind, level)
