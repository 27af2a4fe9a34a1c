"""The chart of accounts (政府收支分类科目) by year: 支出功能分类 201–234 with 款 and 项, 部门预算支出经济分类
301–399 and 政府预算支出经济分类 501–599 with 款.

The data is `disclosure/schemas/chart/functional.csv`, `economic.csv` and `government_economic.csv`
(schema: `chart.schema.json`): one row per code and name with the years it is valid, so a code renamed
between years has one row per name. A user overlay (`overlay.py`: rows learned from a batch dataset,
provenance `observed`) is read beside them; it is never written into the shipped files.

This module answers: what is code C in year Y, which codes does a name stand for, and how does a
printed (code, name) pair relate to the chart. When the chart is silent about a code, its structure
still speaks: a code whose 类 exists that year is `unlisted` (kept, with its parents' path), and only a
code whose 类 does not exist is `unknown`.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

from disclosure.normalize import overlay
from disclosure.normalize.codes import LEVELS, classify
from disclosure.normalize.text import GLYPH_RANGES, compact
from disclosure.rx import compile as rx_compile
from disclosure import rx as rx_re

CHART_DIR = Path(__file__).resolve().parents[1] / "schemas" / "chart"
CLASSIFICATIONS = ("functional", "economic", "government_economic")  # one CSV file each
FIRST_YEAR, LAST_YEAR = 2017, 2026
STATUSES = ("exact", "renamed", "name_only", "unlisted", "mismatch", "unknown")


@dataclass(frozen=True)
class Entry:
    code: str
    classification: str  # functional | economic | government_economic
    level: str  # 类 | 款 | 项
    name: str
    valid_from: int
    valid_to: int  # inclusive; LAST_YEAR when still valid
    provenance: str  # recalled | printed | observed
    certainty: str  # sure | uncertain
    source: str
    note: str

    def valid(self, year: int | None) -> bool:
        return year is None or self.valid_from <= year <= self.valid_to

    @property
    def parents(self) -> list[str]:
        return [self.code[:n] for n in (3, 5) if n < len(self.code)]

    @property
    def shipped(self) -> bool:
        return self.provenance != "observed"


_COLUMNS = ("code", "level", "name", "valid_from", "valid_to", "provenance", "certainty", "source", "note")


def entry_from_row(r: dict, classification: str) -> Entry:
    """An Entry from one CSV row (a dict of strings with the schema's columns)."""
    return _entry(*(r[k] for k in _COLUMNS), classification)


def _entry(code, level, name, valid_from, valid_to, provenance, certainty, source, note, classification) -> Entry:
    """entry_from_row of a row given as its columns (_COLUMNS) in order."""
    return Entry(code, classification, level, name, int(valid_from), int(valid_to) if valid_to else LAST_YEAR,
                 provenance, certainty, source, note)


def classification_of(code: str) -> str:
    """functional | economic | government_economic for a code of 3, 5 or 7 digits ("" if none)."""
    kind = classify(code)
    return kind[0] if kind else ""


@lru_cache(maxsize=None)
def _shipped_rows() -> tuple[tuple[str, ...], ...]:
    """The rows of the shipped chart files as _entry's arguments (the columns of _COLUMNS, then
    the classification), in file order. Entries are made of them as asked (_at): a document asks
    a few hundred of the ~2200, and making them all was a third of reading the chart in every
    process (issue #15)."""
    out = []
    for classification in CLASSIFICATIONS:
        with open(CHART_DIR / f"{classification}.csv", encoding="utf-8", newline="") as f:
            rows = csv.reader(f)  # (csv.DictReader's rows, made in C: every process reads the chart once)
            header = next(rows, [])
            pick = itemgetter(*(header.index(k) for k in _COLUMNS))  # the columns by place, in C: no dict a row
            tail = (classification,)
            out.extend(pick(r) + tail for r in rows if r)
    return tuple(out)


@lru_cache(maxsize=None)
def _made() -> list:
    """The Entry of each shipped row made so far, by its index (None: not yet asked)."""
    return [None] * len(_shipped_rows())


def _at(i: int) -> Entry:
    """Entry `i` of entries(): a shipped row's (made once, the same object each time), past them
    the overlay's."""
    made = _made()
    if i >= len(made):
        return _learned()[i - len(made)]
    e = made[i]
    if e is None:
        e = made[i] = _entry(*_shipped_rows()[i])
    return e


@lru_cache(maxsize=None)
def shipped() -> tuple[Entry, ...]:
    """The rows of the shipped chart files."""
    return tuple(_at(i) for i in range(len(_shipped_rows())))


@lru_cache(maxsize=None)
def _learned() -> tuple[Entry, ...]:
    """The user overlay's rows (provenance `observed`)."""
    return tuple(entry_from_row(r, classification_of(r["code"])) for r in overlay.read())


@lru_cache(maxsize=None)
def entries() -> tuple[Entry, ...]:
    """The shipped chart followed by the user overlay's rows (provenance `observed`)."""
    return shipped() + _learned()


def reload() -> None:
    """Forget what was read (after the overlay changed, or another overlay path was chosen)."""
    for f in (_shipped_rows, _made, shipped, _learned, entries, _by_code, _by_name, _of_level):
        f.cache_clear()


def _keyed(key) -> dict[str, tuple[int, ...]]:
    """The indexes of entries() by key(code, name), in chart order, made without making the entries."""
    out: dict[str, list[int]] = {}
    rows = _shipped_rows()
    for i, r in enumerate(rows):
        out.setdefault(key(r[0], r[2]), []).append(i)
    for j, e in enumerate(_learned(), len(rows)):
        out.setdefault(key(e.code, e.name), []).append(j)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=None)
def _of_level(level: str) -> tuple[Entry, ...]:
    """The entries of one level (类, 款, 项), in entries()' order: what resolve_path scans for a 类
    name with words before it: made once a process (until reload() clears it) rather than scanning
    every entry of the chart each time (and without making the ~2200 entries: a few dozen 类; issue #15)."""
    rows = _shipped_rows()
    at = [i for i, r in enumerate(rows) if r[1] == level]
    return tuple(_at(i) for i in at) + tuple(e for e in _learned() if e.level == level)


@lru_cache(maxsize=None)
def _by_code() -> dict[str, tuple[int, ...]]:
    return _keyed(lambda code, name: code)


def _of_code(code: str) -> list[Entry]:
    """The entries of `code`, in chart order (shipped, then the overlay's)."""
    return [_at(i) for i in _by_code().get(code, ())]


_BRACKETS = str.maketrans({"(": "（", ")": "）", "“": "\"", "”": "\"", "\"": "\"", "、": "、"})


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """A name in the form names are compared in: no white space (letter-spacing), radical glyphs
    mapped, half- and full-width brackets alike, quotes alike. (Cached: the checks compare each
    chart name with each name read, a few hundred thousand times a document.) A name with no
    white space, no glyph map_glyphs changes and no half-width bracket or quote is its own key
    (most of the chart's and of the names printed): told by one match, not worked out."""
    if name and _OWN_KEY.fullmatch(name):
        return name
    return compact(name or "").translate(_BRACKETS).replace('"', "")


# the characters name_key may change: white space (clean, compact), the glyphs map_glyphs maps
# (text.GLYPH_RANGES), the characters _BRACKETS turns into another, and the quote it drops
_OWN_KEY = rx_compile("[^\\s" + GLYPH_RANGES + re.escape("".join(sorted(
    chr(k) for k, v in _BRACKETS.items() if chr(k) != v)) + '"') + "]*")


# Change markers and notes documents print on a name (a 科目 list marking the rows a new chart revised,
# a table footnoting a row): ★ ☆ ▲ △ * # ※ before or after the name, a trailing （新增）/（调整）-like note,
# and a trailing footnote number (1, ¹, ①, （1）, [1], 注1). None is part of any chart name (the chart's
# names end in a character or an ordinal such as （一）, which is kept).
_MARKS = "★☆▲△▼▽◆◇●○■□※*＊#＃"
_MARK_EDGES = rx_compile(rf"^[{_MARKS}\s]+|[{_MARKS}\s]+$")
_NOTE_WORDS = "新增|新设|增设|调整|修订|修改|变更|更名|名称调整|科目调整|删除|取消|合并|拆分|注"
_TRAILING_NOTE = rx_compile(rf"[（(【\[]\s*(?:{_NOTE_WORDS})\s*\d{{0,2}}\s*[）)】\]]$")
_TRAILING_FOOTNOTE = rx_compile(r"(?:[（(\[【]\s*\d{1,2}\s*[）)\]】]|注\s*\d{1,2}|[\u00b9\u00b2\u00b3\u2070-\u2079]+"
                                r"|[\u2460-\u2473]|\d{1,2})$")
_HAS_CJK = rx_compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=1 << 14)
def bare_name(name: str) -> str:
    """A printed name without the change markers and notes documents add to it (see _MARKS and the
    patterns above), stripped repeatedly from both ends: "奖金★" -> "奖金", "▲行政运行（新增）" ->
    "行政运行", "住房公积金2" -> "住房公积金". The name itself when nothing is stripped, or when
    stripping would leave no Chinese character. Only for matching: rows keep the printed name."""
    s = (name or "").strip()
    while True:
        t = _MARK_EDGES.sub("", s)
        t = _TRAILING_NOTE.sub("", t).strip()
        t = _TRAILING_FOOTNOTE.sub("", t).strip()
        if t == s:
            break
        s = t
    return s if _HAS_CJK.search(s) else (name or "").strip()


def year_known(year: int | None) -> bool:
    return year is None or FIRST_YEAR <= year <= LAST_YEAR


def lookup(code: str, year: int | None) -> Entry | None:
    """The entry of `code` valid in `year` (the latest one when year is None). A shipped entry comes
    before an observed one of the same code."""
    found = [e for e in _of_code(code) if e.valid(year)]
    return max(found, key=lambda e: (e.shipped, e.valid_from)) if found else None


def versions(code: str) -> list[Entry]:
    """Every entry of `code`, oldest first."""
    return sorted(_of_code(code), key=lambda e: (e.valid_from, not e.shipped))


def children(code: str, year: int | None) -> list[Entry]:
    """Every entry under `code` (all levels below it) valid in `year`, in code order."""
    out = [e for c, at in _by_code().items() if c != code and c.startswith(code) for e in map(_at, at) if e.valid(year)]
    return sorted(out, key=lambda e: (e.code, not e.shipped))


def search(text: str, year: int | None) -> list[Entry]:
    """Entries valid in `year` whose name contains `text` (compared as `name_key`)."""
    key = name_key(text)
    return sorted((e for e in entries() if e.valid(year) and key in name_key(e.name)), key=lambda e: e.code)


@lru_cache(maxsize=None)
def _by_name() -> dict[str, tuple[int, ...]]:
    return _keyed(lambda code, name: name_key(name))


def named(name: str) -> list[Entry]:
    """Every entry, of any year, whose name is `name` (compared as `name_key`), in chart order."""
    return [_at(i) for i in _by_name().get(name_key(name), ())]


def by_name(name: str, year: int | None, under: str = "", level: str = "") -> list[Entry]:
    """Entries valid in `year` whose name is `name`, below code `under` and at `level` if given."""
    return [e for e in map(_at, _by_name().get(name_key(name), ())) if e.valid(year)
            and e.code.startswith(under) and e.code != under and (not level or e.level == level)]


def path_names(code: str, year: int | None) -> tuple[str, ...]:
    """Names of the 类 and 款 above `code` that the chart has in `year` (shorter when one is missing)."""
    out = []
    for n in (3, 5):
        if n < len(code):
            e = lookup(code[:n], year)
            if e is None:
                break
            out.append(e.name)
    return tuple(out)


# ---------------------------------------------------------------- resolving a printed row

@dataclass(frozen=True)
class Match:
    code: str  # canonical code, "" when none
    level: str
    parents: tuple[str, ...]
    name: str  # the chart's name for the document's year; the printed name when unlisted; "" when none
    status: str  # exact | renamed | name_only | unlisted | mismatch | unknown
    note: str = ""
    path: tuple[str, ...] = ()  # names of the parents (类, 款) in the document's year


def _match(e: Entry, status: str, year: int | None, note: str = "") -> Match:
    current = lookup(e.code, year) or e
    if current.provenance == "observed" and not note:
        note = f"observed entry ({current.source})"
    return Match(e.code, e.level, tuple(e.parents), current.name, status, note, path_names(e.code, year))


def _sibling_hint(code: str, name: str, year: int | None) -> list[Entry]:
    """Entries valid in `year`, at the level of `code` and under its nearest parent, named `name`."""
    if not name_key(name) or len(code) == 3:
        return []
    return [e for e in by_name(name, year, under=code[:len(code) - 2], level=LEVELS[len(code)]) if e.code != code]


def resolve(code: str, name: str, year: int | None, context: str = "") -> Match:
    """How a printed row relates to the chart of its document's year.

    exact: code valid in the year and the name is its name (or a name the user overlay observed for
    it); renamed: the name is this code's name in another year (or the code is valid only in another
    year and no other name is printed); name_only: no code printed, the code is found from the name
    under `context` (the code of the rows above it); unlisted: the code is not in the chart of the
    year but its 类 is: the code is kept, with the names of the parents the chart has and the printed
    name; mismatch: code and name disagree (never corrected silently: the code stays the printed
    one), also an unlisted code printed with the name of a listed code beside it; unknown: the code's
    类 is not in the chart of the year (or no code and a name the chart does not know).

    The printed name is compared without change markers and notes (`bare_name`: ★, ▲, *, （新增）, a
    trailing footnote number); an unlisted code keeps the name as printed.

    Never raises for a well-formed code; `code` is digits only ("" when none was printed)."""
    printed, name = name, bare_name(name)
    key = name_key(name)
    if code:
        here = lookup(code, year)
        others = versions(code)
        if here and (not key or name_key(here.name) == key):
            return _match(here, "exact", year)
        alias = [e for e in others if e.valid(year) and e is not here and name_key(e.name) == key]
        if here and alias:
            return _match(here, "exact", year, f"{alias[0].name} is a name {alias[0].provenance} for {code} "
                                              f"({alias[0].source}); the chart's is {here.name}")
        same_name = [e for e in others if name_key(e.name) == key]
        if same_name:
            e = same_name[-1]
            return _match(here or e, "renamed", year,
                          f"{e.name} is the name of {code} in {e.valid_from}–{e.valid_to}")
        if here:
            alt = by_name(name, year, under=code[:3], level=here.level) if key else []
            hint = f"; the name is {alt[0].code}'s" if len(alt) == 1 else ""
            return Match(code, here.level, tuple(here.parents), here.name, "mismatch",
                         f"printed name {printed} is not {code} {here.name}{hint}", path_names(code, year))
        if others and not key:
            e = others[-1]
            return _match(e, "renamed", year, f"{code} is valid only in {e.valid_from}–{e.valid_to}")
        return _structural(code, name, year, others, printed)
    if not key:
        return Match("", "", (), "", "unknown", "neither code nor name")
    for under in _contexts(context):
        found = by_name(name, year, under=under)
        if len(found) == 1:
            return _match(found[0], "name_only", year, f"code from the name under {under or 'the chart'}")
        if len(found) > 1:
            break
    return Match("", "", (), "", "unknown", f"no unique chart entry named {name}")


def _structural(code: str, name: str, year: int | None, others: list[Entry], printed: str) -> Match:
    """A code the chart of `year` does not list: unlisted when its 类 is there, else unknown. `name`
    is compared (markers stripped); `printed` (the name as printed) is kept."""
    level = LEVELS.get(len(code), "")
    parents = tuple(code[:n] for n in (3, 5) if n < len(code))
    path = path_names(code, year)
    shown = (printed or "").strip()
    before = f"; {code} was {others[-1].name} in {others[-1].valid_from}–{others[-1].valid_to}" if others else ""
    if len(code) > 3 and lookup(code[:3], year):
        siblings = _sibling_hint(code, name, year)
        if len(siblings) == 1:
            return Match(code, level, parents, siblings[0].name, "mismatch",
                         f"{code} is not in the chart of {year}; the printed name {shown} is "
                         f"{siblings[0].code}'s{before}", path)
        missing = [p for p in parents if not lookup(p, year)]
        where = " > ".join(path)
        gap = f" ({missing[0]} is not listed either)" if missing else ""
        return Match(code, level, parents, shown, "unlisted",
                     f"{code} is not listed in the chart of {year or 'the latest year'}; under {where}{gap}; "
                     f"the printed name is kept{before}", path)
    alt = by_name(name, year) if name_key(name) else []
    hint = f"; the name is {alt[0].code}'s" if len(alt) == 1 else ""
    head = code[:3]
    why = f"{code} is not in the chart" if len(code) == 3 else f"{code} is not in the chart: its 类 {head} is not either"
    return Match(code, level, parents, "", "unknown", f"{why}{hint}{before}", path)


def _contexts(context: str) -> list[str]:
    """Where to look for a name: under the nearest parent first, then wider."""
    out = [context[:n] for n in (5, 3) if len(context) >= n]
    return out + [""]


# ---------------------------------------------------------------- codes in prose

# (208类)(05款)(05项), with or without the names between: 名称（204类）名称（06款）名称（99项）
_NUM_PATH = rx_compile(r"[（(]\s*(\d{3})\s*类\s*[）)](?:[^（(）)，。；]{0,40}?[（(]\s*(\d{2})\s*款\s*[）)])?"
                       r"(?:[^（(）)，。；]{0,40}?[（(]\s*(\d{2})\s*项\s*[）)])?")
_NAME_PATH = rx_compile(r"([^（(）)，。；、\s]+?)\s*[（(]\s*类\s*[）)]"
                        r"(?:\s*([^（(）)，。；、\s]+?)\s*[（(]\s*款\s*[）)])?"
                        r"(?:\s*([^（(）)，。；、\s]+?)\s*[（(]\s*项\s*[）)])?")


def resolve_path(text: str, year: int | None) -> Match | None:
    """A 类/款/项 path written in prose: `（208类）（05款）（05项）` or
    `社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）`."""
    t = compact(text)
    m = _NUM_PATH.search(t)
    if m:
        code = "".join(g for g in m.groups() if g)
        e = lookup(code, year)
        if e:
            return _match(e, "exact", year)
        return resolve(code, "", year)
    m = _NAME_PATH.search(t)
    if not m:
        return None
    code, last = "", None
    for part, level in zip(m.groups(), ("类", "款", "项")):
        if not part:
            break
        part = rx_re.sub(r"^.*?(?:科目|用于|是|为|：|:)", "", part) if level == "类" else part
        found = by_name(part, year, under=code, level=level)
        if len(found) != 1:
            # the 类 name may carry words before it ("主要用于社会保障和就业支出")
            if level == "类":
                key = name_key(part)  # (the cheap tests first: the same entries, in chart order)
                found = [e for e in _of_level(level) if e.code.startswith(code) and e.valid(year)
                         and key.endswith(name_key(e.name))]
            if len(found) != 1:
                return Match(code, last.level if last else "", tuple(last.parents) if last else (), "",
                             "unknown", f"{part}（{level}）is not in the chart")
        last = found[0]
        code = last.code
    return _match(last, "exact", year)


def counts(year: int, learned: bool = False) -> dict[tuple[str, str], int]:
    """How many 类 / 款 / 项 entries of each classification are valid in `year`: the shipped chart,
    or with `learned` the overlay's observed rows alone."""
    out: dict[tuple[str, str], int] = {}
    for e in entries():
        if e.valid(year) and e.shipped != learned:
            out[(e.classification, e.level)] = out.get((e.classification, e.level), 0) + 1
    return out


def problems(rows: tuple[Entry, ...] | None = None) -> list[str]:
    """Structure of chart rows (the shipped chart when `rows` is None), as messages; [] when sound.

    Each row: its level agrees with its code's length and the code with its file's classification;
    valid_from <= valid_to; an uncertain row says why in its note; every 款 has its 类 and every 项
    its 款 and 类 valid in each year the row is valid. Across rows: no code valid in two rows in the
    same year (a rename is two rows of one code whose years do not overlap), no two rows of one code
    with the same name (one row per name)."""
    rows = shipped() if rows is None else rows
    out = []
    by: dict[str, list[Entry]] = {}
    for e in rows:
        by.setdefault(e.code, []).append(e)
    for e in rows:
        if LEVELS.get(len(e.code)) != e.level:
            out.append(f"{e.code}: level {e.level} does not fit a code of {len(e.code)} digits")
        if classification_of(e.code) != e.classification:
            out.append(f"{e.code}: not a {e.classification} code")
        if e.valid_from > e.valid_to:
            out.append(f"{e.code} {e.name}: valid_from after valid_to")
        if e.certainty == "uncertain" and not e.note.strip():
            out.append(f"{e.code} {e.name}: uncertain with an empty note")
        for year in range(e.valid_from, e.valid_to + 1):
            for parent in e.parents:
                if not any(p.valid(year) for p in by.get(parent, [])):
                    out.append(f"{e.code} {e.name} ({year}): parent {parent} not valid that year")
    for code, es in by.items():
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            names = [e.name for e in es if e.valid(year)]
            if len(names) > 1:
                out.append(f"{code} ({year}): {len(names)} rows: {' / '.join(names)}")
        keys = [name_key(e.name) for e in es]
        for k in set(keys):
            if keys.count(k) > 1:
                out.append(f"{code}: {keys.count(k)} rows named {k}")
    return sorted(set(out))
