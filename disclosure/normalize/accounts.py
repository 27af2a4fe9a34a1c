"""Normalise stage: every row of a table with account codes is matched against the chart of its
document's year (normalize/chart.py). Rows keep what was printed; the match is added beside it."""
from __future__ import annotations

from disclosure.model import Document, Spool, Table
from disclosure.normalize import chart


def _match_table(t: Table, year: int | None) -> None:
    coded = {r.side for r in t.rows if r.code}
    if not coded:
        return  # a table without codes (收入 items, 三公): nothing to match
    context: dict[str, str] = {}
    for r in t.rows:
        if r.role != "item" or r.side not in coded:
            continue  # totals, and the sides of a two-sided table that print no codes (收入)
        if not r.code and not r.name:
            continue
        m = chart.resolve(r.code, r.name, year, context.get(r.side, ""))
        if not chart.year_known(year):
            m = chart.Match(m.code, m.level, m.parents, m.name, "unknown",
                            f"no chart for {year} (the chart covers {chart.FIRST_YEAR}–{chart.LAST_YEAR})")
        r.canonical_code, r.canonical_name, r.match, r.match_note = m.code, m.name, m.status, m.note
        if m.code:
            context[r.side] = m.code


def apply(doc: Document) -> Document:
    """`doc` with every coded row of its tables matched against the chart of its year (in place;
    tables spooled to a file, model.Spool, are read back, matched and written to a new one)."""
    if isinstance(doc.tables, Spool):
        doc.tables = doc.tables.rewritten(lambda t: _match_table(t, doc.year))
        return doc
    for t in doc.tables:
        _match_table(t, doc.year)
    return doc
