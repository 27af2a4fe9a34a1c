"""Page furniture: running heads, footers and page numbers, which are not part of the text."""
from __future__ import annotations

import re
from collections import Counter

from disclosure.model import RawPage, TextLine
from disclosure.normalize.text import compact
from disclosure.normalize.units import find_unit
from disclosure.structure.context import department_of

# a page number alone: `12`, `- 12 -`, `第12页`, `12/40`, `第 2 页 共 11 页`, `第2页，共11页`, `共11页 第2页`,
# `Page 2 of 11`
_N = r"\s*\d{1,3}\s*"
_PAGE_NO = re.compile(rf"^[-—─–－ ]*(?:(第)?{_N}(页)?(/\s*共?{_N}页?)?|第{_N}页[\s,，、/]*共{_N}页|共{_N}页[\s,，、/]*第{_N}页"
                      rf"|[Pp](?:age|AGE){_N}(?:(?:of|/){_N})?)[-—─–－ ]*$")


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
