"""A reading of a generated document against its truth: tables found and typed, amounts exact.

A truth table is matched to the extracted table printed under the same title (numbering and
letter-spacing aside), else to the next unmatched extracted table in order. An amount is exact
when the matched table has a row with the same key (code when the truth row has one, else its
name) holding a value under the same column header path with the same status and exact value.
Measures are counted apart: a value read exactly whose measure or basis differs from the truth's.
Extracted amounts that match no printed amount are counted against precision.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from disclosure.model import Document, Table
from disclosure.normalize.text import compact

_NUMBERING = re.compile(r"^((公开)?(附)?表[一二三四五六七八九十\d]+|公开\d+表|[一二三四五六七八九十\d]+[、.．])[:：]?")


def title_key(title: str) -> str:
    t = compact(title)
    t = _NUMBERING.sub("", t)
    return re.sub(r"[（(]续[表]?[）)]$", "", t)


def column_key(path: str) -> str:
    return compact(path)


def row_key(code: str, name: str) -> str:
    return code if code else compact(name)


@dataclass
class TableScore:
    doc: str
    index: int  # truth table index (0-based)
    type: str
    axes: dict
    found: bool = False
    typed: bool = False
    amounts: int = 0
    exact: int = 0
    measured: int = 0  # exact amounts whose measure is right too
    extracted: int = 0  # amounts the matched table gives
    misses: list[str] = field(default_factory=list)


@dataclass
class DocScore:
    doc: str
    axes: dict
    tables: list[TableScore]
    extra: int = 0  # amounts extracted that match nothing printed (incl. tables matched to no truth)
    extracted: int = 0

    @property
    def amounts(self) -> int:
        return sum(t.amounts for t in self.tables)

    @property
    def exact(self) -> int:
        return sum(t.exact for t in self.tables)


def _values(t: Table) -> dict[tuple[str, str], list]:
    out: dict[tuple[str, str], list] = {}
    for r in t.rows:
        for v in r.values:
            if v.amount.status == "blank":
                continue
            out.setdefault((row_key(r.code, r.name), column_key(v.column)), []).append(v)
    return out


def _match_tables(truth: list[dict], tables: list[Table]) -> list[int | None]:
    used: set[int] = set()
    out: list[int | None] = []
    for tt in truth:
        want = title_key(tt["title"])
        hit = next((k for k, t in enumerate(tables) if k not in used and title_key(t.title) == want), None)
        out.append(hit)
        if hit is not None:
            used.add(hit)
    # a truth table whose title was not read takes the next unmatched table between its neighbours
    for i, hit in enumerate(out):
        if hit is not None:
            continue
        lo = max([h for h in out[:i] if h is not None], default=-1)
        hi = min([h for h in out[i + 1:] if h is not None], default=len(tables))
        cand = [k for k in range(lo + 1, hi) if k not in used]
        if cand:
            out[i] = cand[0]
            used.add(cand[0])
    return out


def score(truth: dict, doc: Document, keep: int = 5) -> DocScore:
    matched = _match_tables(truth["tables"], doc.tables)
    scores = []
    for i, (tt, hit) in enumerate(zip(truth["tables"], matched)):
        axes = {**truth["axes"], **tt.get("axes", {})}
        s = TableScore(truth["id"], i, tt["type"], axes)
        want = [(row_key(r["code"], r["name"]), column_key(v["column"]), v) for r in tt["rows"] for v in r["values"]]
        s.amounts = len(want)
        if hit is None:
            s.misses = [f"table {i + 1} {tt['title']} not found"]
            scores.append(s)
            continue
        t = doc.tables[hit]
        s.found = True
        s.typed = t.type == tt["type"] and title_key(t.title) == title_key(tt["title"])
        if not s.typed:
            s.misses.append(f"table {i + 1} {tt['title']}: read as {t.type} {t.title!r}")
        got = _values(t)
        s.extracted = sum(len(v) for v in got.values())
        used: Counter = Counter()
        for key, col, v in want:
            cands = got.get((key, col), [])
            value = Decimal(v["value"]) if v["value"] is not None else None
            ok = [c for c in cands if c.amount.status == v["status"] and c.amount.value == value]
            if ok and used[(key, col)] < len(cands):
                used[(key, col)] += 1
                s.exact += 1
                if any(c.measure == v["measure"] and c.basis == v["basis"] for c in ok):
                    s.measured += 1
                elif len(s.misses) < keep:
                    s.misses.append(f"table {i + 1} {key} / {col}: measure {ok[0].measure}/{ok[0].basis}, "
                                    f"want {v['measure']}/{v['basis']}")
            elif len(s.misses) < keep:
                near = [f"{c.amount.printed}@{c.column}" for vs in got.values() for c in vs
                        if c.amount.value == value and value is not None][:2]
                s.misses.append(f"table {i + 1} {key} / {col} = {v['printed']}: "
                                f"{'got ' + ', '.join(c.amount.printed for c in cands) if cands else 'no such cell'}"
                                + (f" (value seen at {near})" if near else ""))
        scores.append(s)
    ds = DocScore(truth["id"], truth["axes"], scores)
    ds.extracted = sum(1 for t in doc.tables for r in t.rows for v in r.values if v.amount.status != "blank")
    ds.extra = ds.extracted - ds.exact
    return ds


@dataclass
class Tally:
    tables: int = 0
    typed: int = 0
    amounts: int = 0
    exact: int = 0
    measured: int = 0

    def add(self, s: TableScore) -> None:
        self.tables += 1
        self.typed += s.typed
        self.amounts += s.amounts
        self.exact += s.exact
        self.measured += s.measured


def by_axis(scores: list[DocScore]) -> dict[tuple[str, str], Tally]:
    """Per axis value: tables typed right and amounts exact, over the tables that carry it."""
    out: dict[tuple[str, str], Tally] = {}
    for d in scores:
        for t in d.tables:
            for name, value in t.axes.items():
                if value == "n/a":
                    continue
                out.setdefault((name, str(value)), Tally()).add(t)
            out.setdefault(("type", t.type), Tally()).add(t)
    return out


def totals(scores: list[DocScore]) -> tuple[int, int, int, int, int, list[str]]:
    """(tables, typed, amounts, exact, extra, misses "doc: miss") summed over documents' scores."""
    ts = [t for s in scores for t in s.tables]
    return (len(ts), sum(t.typed for t in ts), sum(t.amounts for t in ts), sum(t.exact for t in ts),
            sum(s.extra for s in scores), [f"{s.doc}: {m}" for s in scores for t in s.tables for m in t.misses])
