"""What the checks cannot see: pages that were not read and tables whose reading is in doubt.

A page is unread when it holds something (an image, a broken text layer) and nothing was read from
it: `pages[].method == "none"` with a triage other than `no_text` (a scanned page without the OCR
extra, a page whose OCR failed, a page the PDF reader could not open), or a `broken_text` page whose
text layer was kept because OCR could not read it (its characters do not say what is printed).

A table is unread for its arithmetic when a page next to its own is unread (the table may go on,
or begin, on the page that was not read: its 合计 row or its 项 rows may be there), and unverified
when at least three of its identities were tested and fewer than half hold (structure/identities.py,
the same condition as rule reading.unverified): the reading, not the document, is then in doubt.
A rule that would test such a table reports it `not_read` in the ledger, never as an error.
"""
from __future__ import annotations

from disclosure import settings
from disclosure.model import Document, Table

MIN_TESTED = 3  # (default of settings.min_tested) reading.unverified: at least this many identities tested, fewer than half held


def unread_pages(doc: Document) -> dict[int, str]:
    """page number -> why nothing trustworthy was read from it (empty when every page was read)."""
    out = {}
    for p in doc.pages:
        if p.method == "none" and p.triage != "no_text":
            out[p.number] = f"p.{p.number} not read ({p.triage}: {p.reason})" if p.reason else \
                f"p.{p.number} not read ({p.triage})"
        elif p.triage == "broken_text" and p.method == "text_layer":
            out[p.number] = f"p.{p.number} broken text layer kept unread by OCR ({p.reason})"
    return out


def unverified(t: Table) -> bool:
    """The table's own arithmetic mostly fails as read (rule reading.unverified), and no misprinted
    figures of one row explain the failures (checks/misprints.explained: the reading then holds)."""
    from disclosure.checks.misprints import explained
    v = t.verification
    return v.identities >= settings.current().min_tested and v.held * 2 < v.identities and not explained(t)


def table_unread(doc: Document, t: Table, pages: dict[int, str] | None = None) -> str:
    """Why the table's figures cannot be trusted for a sum ("" when they can): an unread page
    beside its pages, or a reading its own arithmetic does not bear out."""
    pages = unread_pages(doc) if pages is None else pages
    if pages and t.pages:
        near = sorted({q for p in t.pages for q in (p - 1, p, p + 1) if q in pages})
        if near:
            return f"{t.label} {t.title or t.type}: " + "; ".join(pages[q] for q in near)
    if unverified(t):
        v = t.verification
        return (f"{t.label} {t.title or t.type}: reading unverified ({v.held} of {v.identities} identities hold "
                f"as read)")
    return ""
