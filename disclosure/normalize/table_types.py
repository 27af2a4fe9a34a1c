"""Table titles as printed -> the table type vocabulary of schemas/table_types.json."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from disclosure.normalize.text import compact
from disclosure.rx import compile as rx_compile
from disclosure.schemas import HERE as SCHEMAS, load
from disclosure import derived, rx as rx_re

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


def _parsed(pattern: str):
    """The items of `pattern`'s parse (`re._parser`), None under ignore-case or verbose (whose
    characters the parse does not tell as written). Raises what another interpreter's internals
    raise: end_chars and first_chars catch it."""
    from re import _constants as C, _parser

    parsed = _parser.parse(pattern)
    return None if parsed.state.flags & (C.SRE_FLAG_IGNORECASE | C.SRE_FLAG_VERBOSE) else parsed.data


def _class_chars(items) -> set[str] | None:
    """The characters of a parsed character class (its literals and ranges under 256 wide), None
    for anything else in it (a negation, a category, a wide range)."""
    from re import _constants as C

    out: set[str] = set()
    for o, a in items:
        if o is C.LITERAL:
            out.add(chr(a))
        elif o is C.RANGE and a[1] - a[0] < 256:
            out.update(map(chr, range(a[0], a[1] + 1)))
        else:
            return None
    return out


def end_chars(pattern: str) -> frozenset[str] | None:
    """The characters a match of `pattern` must end with (every match is non-empty and its last
    character is one of them), read from the pattern's parse (`re._parser`: literals, classes of
    literals and small ranges, groups, alternatives, repeats of at least one); None when that
    cannot be told (an optional tail, a negated class, a category, ignore-case, another
    interpreter's internals). `table_type` asks the rules' pattern only of a title ending so:
    every rule of table_types.json ends in 表, and nearly every line tried as a title does not."""
    try:
        from re import _constants as C

        parsed = _parsed(pattern)
        if parsed is None:
            return None

        def last(items) -> frozenset[str] | None:
            for op, av in reversed(list(items)):
                if op is C.AT:  # ^ $ \b: no character
                    continue
                if op is C.LITERAL:
                    return frozenset(chr(av))
                if op is C.IN:
                    chars = _class_chars(av)
                    return None if chars is None else frozenset(chars)
                if op is C.SUBPATTERN:
                    return last(av[3].data) if not av[1] and not av[2] else None
                if op is C.BRANCH:
                    got = [last(b.data) for b in av[1]]
                    return None if any(g is None for g in got) else frozenset().union(*got)
                if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT)):
                    return last(av[2].data) if av[0] >= 1 else None
                return None
            return None  # nothing but anchors: it may match empty

        return last(parsed)
    except Exception:  # noqa: BLE001 - another interpreter's internals: no filter
        return None


def _read_rule_ends() -> frozenset[str] | None:
    """The characters every match of the rules' pattern ends with (end_chars of each rule's
    `match`, joined), None when one rule's cannot be told."""
    got = [end_chars(r["match"]) for r in load("table_types")["rules"]]
    return None if any(g is None for g in got) else frozenset().union(*got)


@lru_cache(maxsize=1)
def _rule_ends() -> frozenset[str] | None:
    """_read_rule_ends() worked out once per installation (`derived`: kept beside the bytecode,
    made again when table_types.json or this module changes): parsing the 24 rules' patterns
    (re._parser, pure Python) took ~2 ms of every process (issue #15)."""
    return derived.kept("table-rule-ends", [SCHEMAS / "table_types.json", Path(__file__).resolve()],
                        _read_rule_ends)


def _rule_match(t: str):
    """The rules' pattern fullmatched on `t` (see _first_rule), None without trying it where `t`
    cannot end a match (_rule_ends)."""
    ends = _rule_ends()
    if ends is not None and (not t or t[-1] not in ends):
        return None
    return _first_rule()[0].fullmatch(t)


@lru_cache(maxsize=4096)
def table_type(title: str, ocr: bool = False) -> str:
    """The type of a table by its title (schemas/table_types.json): the longest suffix of the
    title that a rule matches whole decides, so an organisation's name, a year or 部门 before the
    standard title (2018年度<机构名>收入预算总表) does not change the type, and no department needs
    to be known. `ocr`: the title was read by OCR, so a title no rule matches may be a known one
    with a character misread (see known_titles in table_types.json)."""
    t = _CONTINUED.sub("", _NUMBERING.sub("", compact(title)))
    m = _rule_match(t)
    if m is not None:
        return _first_rule()[1][int(m.lastgroup[1:])]
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
    if len(t) < 4 or rx_re.search(r"表[)）]?$", t):
        return ""
    first = _completed_types(t, head)
    return next(iter(first)) if len(first) == 1 else ""


def _completed_types(t: str, head: int) -> set[str]:
    """cut_title_type's types: for each ending, where the rules' pattern (_first_rule) fullmatches
    `t` completed by it, the start of the standard title (the lazy lead's shortest: the first
    position from which one rule matches the rest whole) and its rule; the endings whose start lies
    in head … len(t) - 4 kept, those starting first deciding. The same answer as fullmatching
    `_first_rule` on each completion, found position by position with the rules' alternation alone
    (_rules_at) and only at positions whose character can begin a match (_rule_starts): ~250
    endings, each tried by the lazy lead at every position of a title ~30 characters long (24
    alternatives and their optional year prefix each time), took ~10 ms a call (issue #15)."""
    alts, starts = _rules_at()
    types = _first_rule()[1]
    at = [p for p in range(len(t) - 3) if starts is None or t[p] in starts]
    left = [t + tail for tail in _endings()]
    for p in at:
        got, rest = set(), []
        for s in left:
            m = alts.fullmatch(s, p)
            if m is None:
                rest.append(s)
            elif p >= head:  # (one whose shortest start is before head is no completion)
                got.add(types[int(m.lastgroup[1:])])
        if got:
            return got
        left = rest
    return set()


@lru_cache(maxsize=1)
def _rules_at() -> tuple[re.Pattern, frozenset[str] | None]:
    """_first_rule's alternation without its lazy lead (fullmatch(s, p): the rules tried from
    position p alone, in the same order, the groups the same) and the characters a match of it can
    begin with (first_chars; None: not told, every position is tried)."""
    data = load("table_types")
    prefix = data.get("prefix", "")
    alts = "|".join(f"(?P<r{k}>(?:{prefix})(?:{r['match']}))" for k, r in enumerate(data["rules"]))
    return rx_compile(alts), first_chars(alts)


def first_chars(pattern: str) -> frozenset[str] | None:
    """The characters a match of `pattern` must begin with (every match is non-empty and its first
    character is one of them), read from the pattern's parse as end_chars reads the last: literals,
    classes of literals and small ranges, groups, alternatives, repeats (an optional item adds the
    characters of what follows it); None when that cannot be told (a match may be empty, a negated
    class, a category, any character, ignore-case, another interpreter's internals)."""
    try:
        from re import _constants as C

        parsed = _parsed(pattern)
        if parsed is None:
            return None
        repeats = (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT))

        def first(items):  # (characters, may match empty) of a sequence, None when not told
            out: set[str] = set()
            for op, av in items:
                if op is C.AT:  # ^ $ \b: no character
                    continue
                if op is C.LITERAL:
                    return out | {chr(av)}, False
                if op is C.IN:
                    chars = _class_chars(av)
                    return None if chars is None else (out | chars, False)
                if op is C.SUBPATTERN:
                    got = first(av[3].data) if not av[1] and not av[2] else None
                elif op is C.BRANCH:
                    each = [first(b.data) for b in av[1]]
                    got = None if any(g is None for g in each) else (
                        set().union(*(g[0] for g in each)), any(g[1] for g in each))
                elif op in repeats:
                    inner = first(av[2].data)
                    got = None if inner is None else (inner[0], inner[1] or av[0] == 0)
                else:
                    return None
                if got is None:
                    return None
                out |= got[0]
                if not got[1]:
                    return out, False
            return out, True

        got = first(parsed)
        return None if got is None or got[1] else frozenset(got[0])
    except Exception:  # noqa: BLE001 - another interpreter's internals: no filter
        return None


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
    m = _rule_match(t)  # the longest suffix a rule matches starts at the rule's group
    if m is not None:
        head = rx_re.sub(r"(?:19|20)\d{2}年度?", "", t[:m.start(m.lastgroup)])
        return rx_re.sub(r"(部门|单位)$", "", head).strip("：:、 ")
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
