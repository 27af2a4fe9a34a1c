"""Lines that name a table or its department, read alone: a table's title (ends in 表, or starts
with a table number 公开01表 / 表一 / 附表3), a line that is only a table number, a 编制部门 line.

Text recognisers shared by the readers (extract/: a grid's caption, a sheet's title) and the structure
stage (structure/context.py: the lines printed around a table); they look at one line's text, nothing
else, so every stage may use them.
"""
from __future__ import annotations


from disclosure.normalize.text import clean, compact, map_glyphs, short_cached
from disclosure.rx import compile as rx_compile
from disclosure import rx as rx_re

_CN_NUMBER = r"(?:[二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])(?!般)"  # 一 … 九十九, not 一般
_NUMBER = rx_compile(rf"^((?:公开)?表\s*(?:{_CN_NUMBER}|\d{{1,3}}(?!\d))|"
                     rf"附表\s*(?:{_CN_NUMBER}|\d{{1,3}}(?!\d))|公开\s*\d+\s*表)\s*[:：]?\s*")
_DEPT = rx_compile(r"(?:编制部门|编制单位|预算主管部门|主管部门|预算单位|单位名称|部门(?:名称)?)\s*[:：]\s*"
                   r"(?!(?:金额)?单\s*位\s*[:：])(.+?)(?=\s*(?:金额)?单\s*位\s*[:：]|\s*\d{4}\s*年|$)")  # (部门： 单位：万元: none)
TITLE_END = rx_compile(r"(表|表[（(][^）)]*[）)]|表（续）|表\(续\))$")  # a title's last word
_BLANKS = rx_compile(r"\s+")
LIST_NUMBER = rx_compile(r"^[一二三四五六七八九十\d]+[、.．]")  # 一、 3. at the start of a line


def _tight(text: str) -> str:
    """The text with its white space folded, glyphs mapped: a space after a table number keeps it
    apart from what follows (表1 2025年度…, 表五 一般公共预算…)."""
    return _BLANKS.sub(" ", map_glyphs(text or "")).strip()


def number_of(text: str) -> tuple[str, str] | None:
    """(table number, the rest compacted) of a line starting with one (公开01表：…, 表一 …, 附表3 …)."""
    t = _tight(text)
    m = _NUMBER.match(t)
    return (compact(m.group(1)), compact(t[m.end():])) if m else None


@short_cached
def title_like(text: str) -> bool:
    """Whether a line reads as a table's title (ends as one, or starts with a table number), not
    a sentence or a part heading. Worked out once for a short line that repeats (bounded)."""
    t = compact(text)
    if not t or len(t) > 60 or t.endswith(("。", "；")) or rx_re.match(r"^第.{1,3}部分", t):
        return False
    t = LIST_NUMBER.sub("", t)
    return bool(TITLE_END.search(t)) or number_of(text) is not None


def department_of(text: str) -> str:
    """The department a 编制部门 / 单位名称 / 主管部门 line names ('' when the line names none)."""
    m = _DEPT.search(clean(text))
    return m.group(1).strip() if m else ""


def is_number_line(text: str) -> bool:
    """A line that is only a table number (公开04表), as printed at the foot of the page before."""
    m = number_of(text)
    return m is not None and not m[1]
