"""Page furniture: running heads, footers and page numbers, which are not part of the text."""
from __future__ import annotations

from collections import Counter

from disclosure.model import RawPage, TextLine
from disclosure.normalize.text import compact
from disclosure.normalize.units import find_unit
from disclosure.rx import compile as rx_compile
from disclosure.structure.context import department_of

# a page number alone: `12`, `- 12 -`, `第12页`, `12/40`, `第 2 页 共 11 页`, `第2页，共11页`, `共11页 第2页`,
# `Page 2 of 11`
_N = r"\s*\d{1,3}\s*"
_PAGE_NO = rx_compile(rf"^[-—─–－ ]*(?:(第)?{_N}(页)?(/\s*共?{_N}页?)?|第{_N}页[\s,，、/]*共{_N}页|共{_N}页[\s,，、/]*第{_N}页"
                      rf"|[Pp](?:age|AGE){_N}(?:(?:of|/){_N})?)[-—─–－ ]*$")


def _edge_lines(page: RawPage) -> list[tuple[int, TextLine]]:
    """(index in the page's blocks, line) of the first two and last two lines printing anything."""
    lines = [(k, b) for k, b in enumerate(page.blocks) if isinstance(b, TextLine) and b.text.strip()]
    return lines[:2] + lines[-2:] if len(lines) > 4 else lines


def furniture(pages) -> set[tuple[int, int]]:
    """The TextLines that are furniture, as (index of the page in `pages`, index of the line in
    its page's blocks): page numbers anywhere near a page edge, and texts repeated near the edges
    of at least three pages (or half the pages of a short file).

    `pages`: any sequence of RawPage, iterated once (a model.PageSpool reads each page back from
    its file once; what is kept between is a few short strings a page, the edge lines' texts)."""
    drop: set[tuple[int, int]] = set()
    seen: Counter[str] = Counter()
    edges: list[tuple[int, int, str]] = []  # (page, block, text) of the lines at an edge: repeated ones go
    count = 0
    for at, page in enumerate(pages):
        count += 1
        keys = set()
        for k, line in _edge_lines(page):
            near = bool(line.box and page.height) and (line.box.top < page.height * 0.12
                                                        or line.box.bottom > page.height * 0.88)
            if line.box and page.height and not near:
                continue
            if _PAGE_NO.match(line.text.strip()):
                drop.add((at, k))
            else:
                key = compact(line.text)
                keys.add(key)
                if near:
                    edges.append((at, k, key))
        seen.update(keys)
    repeat = max(3, count // 2)
    # a 单位 or 部门 line repeated over the pages of a spreadsheet's sheets belongs to each table
    repeated = {k for k, n in seen.items() if n >= repeat and len(k) <= 40 and not find_unit(k)
                and not department_of(k)}
    drop.update((at, k) for at, k, text in edges if text in repeated)
    return drop
