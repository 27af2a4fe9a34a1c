"""Table titles as printed -> the table type vocabulary of schemas/table_types.json."""
from __future__ import annotations

import re
from functools import lru_cache

from disclosure.normalize.text import compact
from disclosure.rx import compile as rx_compile
from disclosure.schemas import load

_NUMBERING = rx_compile(r"^(?:(?:公开)?(?:附)?表[一二三四五六七八九十\d]+[:：、.．]?|公开\d+表[:：]?|[\d一二三四五六七八九十]+[.．、])+")
_PREFIX = rx_compile(r"^(?:(?:公开)?表[一二三四五六七八九十\d]+[:：、.．]?|[\d一二三四五六七八九十]+[.．、]|"
                     r"(?:19|20)\d{2}年度?|部门|单位|预算单位|[(（]\d{4}[)）])+")
# 表（功能科目）, 表（续）, and a qualifier cut where the title ran out of its cell (a spreadsheet
# export prints a long title only as far as the cell reaches: 支出预算表（按功)
_CONTINUED = rx_compile(r"(?<=表)[(（][^()（）]{0,12}[)）]?$|[(（]续表?[)）]$|续表$")


def bare_title(title: str) -> str:
    """Title without numbering, year prefix and 部门/单位 prefix, compacted."""
    t = compact(title)
    prev = None
    while prev != t:
        prev, t = t, _PREFIX.sub("", t)
    return t


@lru_cache(maxsize=1)
def _first_rule() -> tuple[re.Pattern, list[str]]:
    """The rules as one pattern for `table_type`: fullmatch of it finds the longest suffix of a
    title that some rule matches whole (the lazy lead tries the suffixes longest first) and, of the
    rules matching that suffix, the first in order (alternatives are tried in order, each to the
    end before the next); the name of its group (r0, r1, …) gives the rule. One call in C instead
    of one fullmatch per suffix and rule (18 rules: ~40 calls per character of every line tried as
    a title)."""
    data = load("table_types")
    prefix = data.get("prefix", "")
    types = [r["type"] for r in data["rules"]]
    alts = "|".join(f"(?P<r{k}>(?:{prefix})(?:{r['match']}))" for k, r in enumerate(data["rules"]))
    rx = rx_compile(f"(?s:.)*?(?:{alts})")
    if rx.groups != len(types):
        raise ValueError("table_types.json: a rule's pattern has a capturing group; write (?:…)")
    return rx, types


@lru_cache(maxsize=4096)
def table_type(title: str, ocr: bool = False) -> str:
    """The type of a table by its title (schemas/table_types.json): the longest suffix of the
    title that a rule matches whole decides, so an organisation's name, a year or 部门 before the
    standard title (2018年度<机构名>收入预算总表) does not change the type, and no department needs
    to be known. `ocr`: the title was read by OCR, so a title no rule matches may be a known one
    with a character misread (see known_titles in table_types.json)."""
    t = _CONTINUED.sub("", _NUMBERING.sub("", compact(title)))
    rx, types = _first_rule()
    m = rx.fullmatch(t)
    if m is not None:
        return types[int(m.lastgroup[1:])]
    return _nearest_known(bare_title(title)) if ocr else "other"


def cut_title_type(title: str, head: int = 0) -> str:
    """The type of a title cut short, "" when it gives none: a title whose end was not printed
    (it ran off the page's edge, or out of its cell: a spreadsheet's title clipped, 表八　2018年…
    机关运行经费支出 | 预算表 beyond the page) is the type that every ending of a known standard
    title (schemas/table_types.json known_titles: each one's last 1 … n-1 characters) completing it
    gives (`table_type`), where the standard title the rule matches begins at least four of its
    characters before the cut, the completions whose standard title begins first deciding (…支出
    决算 completed by 表 is a 机关运行经费 table, by 总表 only its 支出决算总表 part a summary);
    several types there, or none: "". A title ending as titles end (表, or a bracket after it) is
    no cut title. `head`: the words before the standard title (a year, the organisation) must be
    at least so many characters (a heading over a table's columns, 财政拨款“三公”经费, is no title)."""
    t = _CONTINUED.sub("", _NUMBERING.sub("", compact(title)))
    if len(t) < 4 or re.search(r"表[)）]?$", t):
        return ""
    rx, types = _first_rule()
    got: dict[int, set[str]] = {}
    for tail in _endings():
        m = rx.fullmatch(t + tail)
        if m is not None and head <= m.start(m.lastgroup) <= len(t) - 4:
            got.setdefault(m.start(m.lastgroup), set()).add(types[int(m.lastgroup[1:])])
    first = got[min(got)] if got else set()
    return next(iter(first)) if len(first) == 1 else ""


@lru_cache(maxsize=1)
def _endings() -> list[str]:
    """Every proper ending of a known standard title (cut_title_type), shortest first."""
    return sorted({t[k:] for _, t in _known() for k in range(1, len(t))}, key=lambda s: (len(s), s))


# the 三公 items a row of a “三公” table names (schemas/measures.json), 合计 / 小计 beside them
_THREE_PUBLIC_ROWS = {"outbound_travel", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception",
                      "three_public_total"}


def type_by_items(names: list[str]) -> str:
    """The type the row names of an untitled table give it, "" when they give none: rows naming the
    三公 items alone (因公出国（境）费, 公务用车购置及运行费 and its parts, 公务接待费; 合计/小计 beside
    them; a leading list mark or 其中 aside), 因公出国（境）费 and 公务接待费 among them, make a
    three_public_expenses table (the items the Ministry of Finance fixes for it; schemas/measures.json
    names them). The caller says whether the rows carry codes: a 机关运行经费 table listing 30217
    公务接待费 prints codes and other items."""
    from disclosure.normalize.measures import measure

    got = {measure(n, "budget", "three_public_expenses") for n in names}
    if not got or not got <= _THREE_PUBLIC_ROWS:
        return ""
    return "three_public_expenses" if {"outbound_travel", "reception"} <= got else ""


def type_by_codes(codes: list[str]) -> str:
    """The type the codes of a table's item rows give it, "" when they give none: two or more
    codes, each an economic 款 of 302 商品和服务支出 (30201 办公费 … 30231 公务用车运行维护费), and
    no other, make an operating_expenses (机关运行经费) table: the 基本支出 tables print 301 and
    303 beside them, the function-code tables no economic code. `codes`: digits as printed
    (Row.code), one per item row. Asked of tables whose title gives no type only: a page of a
    基本支出 table going on with 302 rows alone is typed with the table it goes on."""
    from disclosure.normalize.codes import classify

    if len(codes) < 2:
        return ""
    if all(len(c) == 5 and c.startswith("302") and classify(c) == ("economic", "款") for c in codes):
        return "operating_expenses"
    return ""


def organisation(title: str) -> str:
    """What a table title prints before its standard title, without a year or 部门/单位: the
    organisation (`2018年度江苏省人民检察院收入预算总表` -> 江苏省人民检察院); "" when nothing stands there."""
    t = _CONTINUED.sub("", _NUMBERING.sub("", compact(title)))
    m = _first_rule()[0].fullmatch(t)  # the longest suffix a rule matches starts at the rule's group
    if m is not None:
        head = re.sub(r"(?:19|20)\d{2}年度?", "", t[:m.start(m.lastgroup)])
        return re.sub(r"(部门|单位)$", "", head).strip("：:、 ")
    return ""


@lru_cache(maxsize=1)
def _known() -> list[tuple[str, str]]:
    data = load("table_types").get("known_titles", {})
    return [(typ, t) for typ, titles in data.items() if not typ.startswith("$") for t in titles]


def _distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, stopping early above `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def _nearest_known(t: str) -> str:
    if len(t) < 5:
        return "other"
    limit = 2 if len(t) >= 16 else 1
    hits = {typ for typ, known in _known() if _distance(t, known, limit) <= limit}
    return hits.pop() if len(hits) == 1 else "other"
