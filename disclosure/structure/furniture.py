"""Page furniture: running heads, footers and page numbers, which are not part of the text."""
from __future__ import annotations

import re
from collections import Counter

from disclosure.model import RawPage, TextLine
from disclosure.normalize.text import compact
from disclosure.normalize.units import find_unit
from disclosure.structure.context import department_of

_PAGE_NO = re.compile(r"^[-—─–－ ]*(第\s*)?\d{1,3}(\s*页)?(\s*/\s*共?\s*\d+\s*页?)?[-—─–－ ]*$")


def _edge_lines(page: RawPage) -> list[TextLine]:
    lines = [b for b in page.blocks if isinstance(b, TextLine) and b.text.strip()]
    return lines[:2] + lines[-2:] if len(lines) > 4 else lines


def furniture(pages: list[RawPage]) -> set[int]:
    """ids of the TextLines that are furniture: page numbers anywhere near a page edge, and
    texts repeated near the edges of at least three pages (or half the pages of a short file)."""
    drop: set[int] = set()
    seen: Counter[str] = Counter()
    for page in pages:
        keys = set()
        for line in _edge_lines(page):
            if line.box and page.height and not (line.box.top < page.height * 0.12
                                                 or line.box.bottom > page.height * 0.88):
                continue
            if _PAGE_NO.match(line.text.strip()):
                drop.add(id(line))
            else:
                keys.add(compact(line.text))
        seen.update(keys)
    repeat = max(3, len(pages) // 2)
    # a 单位 or 部门 line repeated over the pages of a spreadsheet's sheets belongs to each table
    repeated = {k for k, n in seen.items() if n >= repeat and len(k) <= 40 and not find_unit(k)
                and not department_of(k)}
    if repeated:
        for page in pages:
            for line in _edge_lines(page):
                if compact(line.text) in repeated and line.box and page.height and (
                        line.box.top < page.height * 0.12 or line.box.bottom > page.height * 0.88):
                    drop.add(id(line))
    return drop
