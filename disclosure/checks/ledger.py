"""The audit ledger: for every document and every rule one state, built by the check runner from
what each rule reports while it runs (a Tally per rule), never from a list kept by hand.

States (GovBudgetChecker's outcome model, issue #13):

- `pass`: the rule tested something and nothing failed (a difference within rounding is an info
  finding and still a pass);
- `fail`: at least one test failed (a warning or error finding);
- `not_applicable`: the document has nothing the rule tests (no such table or sentence); the reason
  says what was looked for;
- `insufficient_data`: something the rule should test lacks what the test needs (a sentence about
  基本支出 in a document whose tables print none; the tables of a narrative volume); the reason says
  what was needed and missing;
- `not_read`: an input the rule needs was not read: a page not read (a scanned page without the
  OCR extra) or a table whose reading its own arithmetic does not bear out (checks/unread.py).

One rule's state is the strongest of its instances' states in the order fail > not_read >
insufficient_data > pass > not_applicable: nothing that should have run and did not counts as
passed, and a confirmed failure is never hidden by what could not be tested. Every ledger entry
keeps the count of instances in each state.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from disclosure.checks.findings import Finding

STATES = ("pass", "fail", "not_applicable", "insufficient_data", "not_read")
PRIORITY = ("fail", "not_read", "insufficient_data", "pass", "not_applicable")
UNREPORTED = "the rule reported nothing it tested or looked for"  # a rule that forgot its tally


@dataclass(slots=True)
class Outcome:
    """One thing a rule tested or could not test. (Slotted: a long document's rules make tens of
    thousands, held until the ledger is built.)"""

    state: str  # pass | fail | insufficient_data | not_read
    what: str  # the table, row, sentence or figure, as a reader finds it
    page: int | None = None
    note: str = ""  # what was needed and missing, or why it was not read


@dataclass
class Entry:
    """One row of the ledger: a rule on a document."""

    rule: str
    state: str
    counts: dict  # state -> instances (pass, fail, insufficient_data, not_read)
    findings: int  # findings the rule reported (info included)
    pages: list[int]  # pages of the instances that decided the state (unread pages for not_read)
    reason: str  # why: what failed, what was missing or not read, or what the rule looked for

    def to_dict(self) -> dict:
        return {"rule": self.rule, "state": self.state, "counts": dict(self.counts), "findings": self.findings,
                "pages": self.pages, "reason": self.reason}


@dataclass
class Tally:
    """What one rule reports while it runs on one document.

    - `test(what, page, finding)`: a test made; it fails when `finding` is a warning or an error
      (returned, so that `out.append` reads naturally; None passes through);
    - `not_read(what, page, why)`, `missing(what, page, why)`: a test that could not be made;
    - `none(why)`: what the rule looked for, when the document holds none of it.
    """

    rule: str
    outcomes: list[Outcome] = field(default_factory=list)
    looked_for: str = ""
    seen: set = field(default_factory=set)  # ids of the findings that went through test()

    def test(self, what: str, page: int | None, finding: Finding | None) -> Finding | None:
        failed = finding is not None and finding.severity != "info"
        if finding is not None:
            self.seen.add(id(finding))
            page = finding.page if finding.page is not None else page
            what = what or finding.message_zh[:80]
        self.outcomes.append(Outcome("fail" if failed else "pass", what, page))
        return finding

    def not_read(self, what: str, page: int | None, why: str) -> None:
        self.outcomes.append(Outcome("not_read", what, page, why))

    def missing(self, what: str, page: int | None, why: str) -> None:
        self.outcomes.append(Outcome("insufficient_data", what, page, why))

    def none(self, why: str) -> None:
        self.looked_for = self.looked_for or why

    def untallied(self, found: list[Finding]) -> None:
        """Findings a rule returned without testing them through the tally count as failed tests."""
        for f in found:
            if id(f) not in self.seen:
                self.test(f.message_zh[:80], f.page, f)


def entry(rule: str, tallies: list[Tally], found: list[Finding]) -> Entry:
    """A rule's ledger entry from the tallies of its parts and the findings they returned."""
    outcomes = [o for t in tallies for o in t.outcomes]
    counts = {s: sum(1 for o in outcomes if o.state == s) for s in ("pass", "fail", "insufficient_data", "not_read")}
    state = next((s for s in PRIORITY if s != "not_applicable" and counts.get(s)), "not_applicable")
    deciding = [o for o in outcomes if o.state == state]
    if state == "not_applicable":
        reason = "; ".join(dict.fromkeys(t.looked_for for t in tallies if t.looked_for)) or UNREPORTED
        pages: list[int] = []
    else:
        notes = list(dict.fromkeys((o.note or o.what) for o in deciding))
        reason = "; ".join(notes[:3]) + (f" (+{len(notes) - 3} more)" if len(notes) > 3 else "")
        pages = sorted({o.page for o in deciding if o.page is not None})
    return Entry(rule, state, counts, len(found), pages, reason)
