"""The chart of accounts (政府收支分类科目) by year: functional 201–234 with 款/项, economic 301–399.

The data is `disclosure/schemas/chart/functional.csv` and `economic.csv` (schema:
`chart.schema.json`): one row per code and name with the years it is valid, so a code renamed
between years has one row per name. This module answers: what is code C in year Y, which codes
does a name stand for, and how does a printed (code, name) pair relate to the chart.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from disclosure.normalize.codes import LEVELS
from disclosure.normalize.text import compact

CHART_DIR = Path(__file__).resolve().parents[1] / "schemas" / "chart"
FIRST_YEAR, LAST_YEAR = 2017, 2026


@dataclass(frozen=True)
class Entry:
    code: str
    classification: str  # functional | economic
    level: str  # 类 | 款 | 项
    name: str
    valid_from: int
    valid_to: int  # inclusive; LAST_YEAR when still valid
    certainty: str  # recalled | uncertain
    source: str
    note: str

    def valid(self, year: int | None) -> bool:
        return year is None or self.valid_from <= year <= self.valid_to

    @property
    def parents(self) -> list[str]:
        return [self.code[:n] for n in (3, 5) if n < len(self.code)]


@lru_cache(maxsize=None)
def entries() -> tuple[Entry, ...]:
    out = []
    for classification in ("functional", "economic"):
        with open(CHART_DIR / f"{classification}.csv", encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                out.append(Entry(r["code"], classification, r["level"], r["name"], int(r["valid_from"]),
                                 int(r["valid_to"]) if r["valid_to"] else LAST_YEAR, r["certainty"],
                                 r["source"], r["note"]))
    return tuple(out)


@lru_cache(maxsize=None)
def _by_code() -> dict[str, list[Entry]]:
    out: dict[str, list[Entry]] = {}
    for e in entries():
        out.setdefault(e.code, []).append(e)
    return out


_BRACKETS = str.maketrans({"(": "（", ")": "）", "“": "\"", "”": "\"", "\"": "\"", "、": "、"})


def name_key(name: str) -> str:
    """A name in the form names are compared in: no white space (letter-spacing), radical glyphs
    mapped, half- and full-width brackets alike, quotes alike."""
    return compact(name or "").translate(_BRACKETS).replace('"', "")


def year_known(year: int | None) -> bool:
    return year is None or FIRST_YEAR <= year <= LAST_YEAR


def lookup(code: str, year: int | None) -> Entry | None:
    """The entry of `code` valid in `year` (the latest one when year is None)."""
    found = [e for e in _by_code().get(code, []) if e.valid(year)]
    return max(found, key=lambda e: e.valid_from) if found else None


def versions(code: str) -> list[Entry]:
    return sorted(_by_code().get(code, []), key=lambda e: e.valid_from)


def children(code: str, year: int | None) -> list[Entry]:
    """Every entry under `code` (all levels below it) valid in `year`, in code order."""
    out = [e for c, es in _by_code().items() if c != code and c.startswith(code) for e in es if e.valid(year)]
    return sorted(out, key=lambda e: e.code)


def search(text: str, year: int | None) -> list[Entry]:
    key = name_key(text)
    return sorted((e for e in entries() if e.valid(year) and key in name_key(e.name)), key=lambda e: e.code)


@lru_cache(maxsize=None)
def _by_name() -> dict[str, list[Entry]]:
    out: dict[str, list[Entry]] = {}
    for e in entries():
        out.setdefault(name_key(e.name), []).append(e)
    return out


def by_name(name: str, year: int | None, under: str = "", level: str = "") -> list[Entry]:
    """Entries valid in `year` whose name is `name`, below code `under` and at `level` if given."""
    return [e for e in _by_name().get(name_key(name), []) if e.valid(year)
            and e.code.startswith(under) and e.code != under and (not level or e.level == level)]


# ---------------------------------------------------------------- resolving a printed row

@dataclass(frozen=True)
class Match:
    code: str  # canonical code, "" when none
    level: str
    parents: tuple[str, ...]
    name: str  # canonical name for the document's year ("" when none)
    status: str  # exact | renamed | name_only | mismatch | unknown
    note: str = ""


def _match(e: Entry, status: str, year: int | None, note: str = "") -> Match:
    current = lookup(e.code, year) or e
    return Match(e.code, e.level, tuple(e.parents), current.name, status, note)


def resolve(code: str, name: str, year: int | None, context: str = "") -> Match:
    """How a printed row relates to the chart of its document's year.

    exact: code valid in the year and the name is its name; renamed: the name is this code's name
    in another year (or the code is valid only in another year); name_only: no code printed, the
    code is found from the name under `context` (the code of the rows above it); mismatch: code
    and name disagree (never corrected silently: the code stays the printed one); unknown: neither
    code nor name is in the chart."""
    key = name_key(name)
    if code:
        here = lookup(code, year)
        others = versions(code)
        if here and (not key or name_key(here.name) == key):
            return _match(here, "exact", year)
        same_name = [e for e in others if name_key(e.name) == key]
        if same_name:
            e = same_name[-1]
            return _match(here or e, "renamed", year,
                          f"{e.name} is the name of {code} in {e.valid_from}–{e.valid_to}")
        if here:
            alt = by_name(name, year, under=code[:3], level=here.level) if key else []
            hint = f"; the name is {alt[0].code}'s" if len(alt) == 1 else ""
            return Match(code, here.level, tuple(here.parents), here.name, "mismatch",
                         f"printed name {name} is not {code} {here.name}{hint}")
        if others:
            e = others[-1]
            return _match(e, "renamed", year, f"{code} is valid only in {e.valid_from}–{e.valid_to}")
        alt = by_name(name, year) if key else []
        hint = f"; the name is {alt[0].code}'s" if len(alt) == 1 else ""
        level = LEVELS.get(len(code), "")
        return Match(code, level, tuple(code[:n] for n in (3, 5) if n < len(code)), "", "unknown",
                     f"{code} is not in the chart{hint}")
    if not key:
        return Match("", "", (), "", "unknown", "neither code nor name")
    for under in _contexts(context):
        found = by_name(name, year, under=under)
        if len(found) == 1:
            return _match(found[0], "name_only", year, f"code from the name under {under or 'the chart'}")
        if len(found) > 1:
            break
    return Match("", "", (), "", "unknown", f"no unique chart entry named {name}")


def _contexts(context: str) -> list[str]:
    """Where to look for a name: under the nearest parent first, then wider."""
    out = [context[:n] for n in (5, 3) if len(context) >= n]
    return out + [""]


# ---------------------------------------------------------------- codes in prose

_NUM_PATH = re.compile(r"[（(]\s*(\d{3})\s*类\s*[）)](?:\s*[（(]\s*(\d{2})\s*款\s*[）)])?(?:\s*[（(]\s*(\d{2})\s*项\s*[）)])?")
_NAME_PATH = re.compile(r"([^（(）)，。；、\s]+?)\s*[（(]\s*类\s*[）)]"
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
        part = re.sub(r"^.*?(?:科目|用于|是|为|：|:)", "", part) if level == "类" else part
        found = by_name(part, year, under=code, level=level)
        if len(found) != 1:
            # the 类 name may carry words before it ("主要用于社会保障和就业支出")
            found = [e for e in entries() if e.valid(year) and e.level == level and e.code.startswith(code)
                     and name_key(part).endswith(name_key(e.name))] if level == "类" else found
            if len(found) != 1:
                return Match(code, last.level if last else "", tuple(last.parents) if last else (), "",
                             "unknown", f"{part}（{level}）is not in the chart")
        last = found[0]
        code = last.code
    return _match(last, "exact", year)


def counts(year: int) -> dict[tuple[str, str], int]:
    """How many 类 / 款 / 项 entries of each classification are valid in `year`."""
    out: dict[tuple[str, str], int] = {}
    for e in entries():
        if e.valid(year):
            out[(e.classification, e.level)] = out.get((e.classification, e.level), 0) + 1
    return out


def problems() -> list[str]:
    """Internal consistency of the chart data: level agrees with the code, every 款 has its 类 and
    every 项 its 款 in each year it is valid, no code with two names in one year."""
    out = []
    by = _by_code()
    for e in entries():
        if LEVELS.get(len(e.code)) != e.level:
            out.append(f"{e.code}: level {e.level} does not fit a code of {len(e.code)} digits")
        if e.valid_from > e.valid_to:
            out.append(f"{e.code} {e.name}: valid_from after valid_to")
        for year in range(e.valid_from, e.valid_to + 1):
            for parent in e.parents:
                if not any(p.valid(year) for p in by.get(parent, [])):
                    out.append(f"{e.code} {e.name} ({year}): parent {parent} not valid that year")
    for code, es in by.items():
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            names = [e.name for e in es if e.valid(year)]
            if len(names) > 1:
                out.append(f"{code} ({year}): {len(names)} names: {' / '.join(names)}")
    return sorted(set(out))
