"""Rule narrative.code_name: the name the prose gives an account against the chart of the
document's year and against the name the tables print for that code.

- a name marked with its level (名称（类）/（款）/（项）) that the chart gives the code only in other
  years: a retired name (医疗卫生与计划生育支出 in a document of 2019 or later, renamed 卫生健康支出) or
  one not yet in use;
- a name printed with its number (名称（210类）) that is not that code's name in the year;
- a 类/款/项 path of the prose whose last name differs from the name the document's tables print
  for the same code.

Shapes: reads the paragraphs and prose/facts.py (facts linked by code); the chart is
normalize/chart.py over schemas/chart. One test per name read; warnings with the sentence as
evidence (and the table row for a table mismatch). A name the chart does not know at all is not
judged here (it may be a layout's abbreviation). Source: issue #13; GovBudgetChecker
OBL-NARRATIVE-CODE-NAME; DOMAIN.md (the chart is revised every year).
"""
from __future__ import annotations

from decimal import Decimal

from disclosure.checks.findings import Evidence, Finding
from disclosure.checks.ledger import Tally
from disclosure.model import Document
from disclosure.normalize import chart
from disclosure.normalize.rounding import DEFAULT_UNITS
from disclosure.normalize.text import compact
from disclosure.rx import compile as rx_compile
from disclosure import rx as rx_re

RULE = "narrative.code_name"
_MARKED = rx_compile(r"([^，。；：:、（）()“”\"\s\d]{2,40}?)\s*[（(]\s*(\d{3}|\d{2})?\s*(类|款|项)(?:级)?(?:科目)?\s*[）)]")


def _suffixes(words: str) -> list[str]:
    return [words[i:] for i in range(len(words) - 1)]


def _names_in_other_years(name: str, level: str, year: int) -> list[chart.Entry]:
    return [e for e in chart.named(name) if e.level == level and not e.valid(year)]


def findings(doc: Document, units: Decimal = DEFAULT_UNITS, tally: Tally | None = None) -> list[Finding]:
    tally = tally if tally is not None else Tally("")
    tally.none("no account named with its level (名称（类）) in the prose")
    out: list[Finding] = []
    if not doc.year or not chart.year_known(doc.year):
        if any(_MARKED.search(compact(p.text)) for p in doc.paragraphs):
            tally.missing("names of accounts", None, f"the chart holds no year {doc.year or '(unknown)'} "
                          f"({chart.FIRST_YEAR}–{chart.LAST_YEAR})")
        return out
    year = doc.year
    for p in doc.paragraphs:
        text = compact(p.text)
        code = ""
        for m in _MARKED.finditer(text):
            words, num, level = m.group(1), m.group(2) or "", m.group(3)
            code = num if level == "类" else code + num if num else ""
            if num:
                e = chart.lookup(code, year) if len(code) in (3, 5, 7) else None
                if e is None:
                    continue
                if any(chart.name_key(s) == chart.name_key(e.name) for s in _suffixes(words)):
                    tally.test(m.group(0), p.page, None)
                    continue
                out.append(tally.test(m.group(0), p.page, Finding(
                    RULE, "warning", f"说明中“{m.group(0)}”：{code}在{year}年科目中名为“{e.name}”",
                    f"the text prints '{m.group(0)}'; in the {year} chart {code} is '{e.name}'",
                    evidence=[Evidence(p.page, p.box.to_dict() if p.box else None, m.group(0), code)])))
                continue
            good = [s for s in _suffixes(words) if chart.by_name(s, year, level=level)]
            if good:
                tally.test(m.group(0), p.page, None)
                continue
            old = next(((s, es) for s in _suffixes(words) if len(s) >= 4
                        for es in [_names_in_other_years(s, level, year)] if es), None)
            if old is None:
                continue  # a name the chart does not know: not this rule's to judge
            name, es = old
            e = es[0]
            now = chart.lookup(e.code, year)
            span = f"{e.valid_from}–{e.valid_to}" if e.valid_to < chart.LAST_YEAR else f"{e.valid_from}年起"
            out.append(tally.test(m.group(0), p.page, Finding(
                RULE, "warning",
                f"说明中“{name}（{level}）”是{e.code}在{span}的科目名称，{year}年"
                + (f"应为“{now.name}”" if now else "科目中无此科目"),
                f"the text names '{name}' ({level}), {e.code}'s name in {span}; in {year} "
                + (f"it is '{now.name}'" if now else "the chart has no such account"),
                evidence=[Evidence(p.page, p.box.to_dict() if p.box else None, m.group(0), name)])))
    out += _against_tables(doc, tally)
    return out


def _against_tables(doc: Document, tally: Tally) -> list[Finding]:
    rows: dict[str, list] = {}
    for t in doc.tables:
        for r in t.rows:
            if r.code and r.name:
                rows.setdefault(r.code, []).append((t, r))
    out = []
    for f in doc.facts:
        if f.link != "code" or f.subject_kind != "path" or f.code not in rows:
            continue
        m = list(_MARKED.finditer(compact(f.subject)))
        if not m:
            continue
        said = m[-1].group(1)
        printed = {rx_re.sub(r"^[\d\s.、]+", "", compact(r.name)) for _, r in rows[f.code]}
        if any(chart.name_key(said).endswith(chart.name_key(n)) or chart.name_key(n).endswith(chart.name_key(said))
               for n in printed):
            tally.test(f"{f.code} {said}", f.page, None)
            continue
        t, r = rows[f.code][0]
        out.append(tally.test(f"{f.code} {said}", f.page, Finding(
            RULE, "warning", f"说明中{f.code}名为“{said}”，{t.label}名为“{r.name}”",
            f"the text names {f.code} '{said}'; table {t.index} names it '{r.name}'", table=t.index,
            evidence=[Evidence(f.page, None, f.sentence, said), Evidence(r.page, None, f"{t.label} {r.code} {r.name}",
                                                                         r.name)])))
    return out
