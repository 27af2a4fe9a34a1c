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

from array import array
from dataclasses import dataclass, field

from disclosure.checks.findings import Finding

STATES = ("pass", "fail", "not_applicable", "insufficient_data", "not_read")
PRIORITY = ("fail", "not_read", "insufficient_data", "pass", "not_applicable")
UNREPORTED = "the rule reported nothing it tested or looked for"  # a rule that forgot its tally


_FIRST = 5  # distinct notes kept in full per state of a tally: enough for the first 3 of any merge (entry)


@dataclass(slots=True)
class Instances:
    """What a tally keeps of the instances of one state, instead of each instance (a long
    document's rules test tens of thousands, each with its own `what`): how many; their pages;
    the first `_FIRST` distinct notes (note, else what) in order; and the hash of every note, for
    the count of distinct ones (str hashes within one process: a collision among a document's
    notes, which would undercount the "(+N more)" of a reason, has a chance of about n²/2⁶⁴).
    The hashes are 8 bytes each in an array, repeats included (`distinct` counts them): the check
    runner holds the tallies of the rules it runs part by part until the last part (issue #19)."""

    count: int = 0
    pages: set = field(default_factory=set)
    first: list = field(default_factory=list)
    hashes: array = field(default_factory=lambda: array("q"))
    _first_hashes: list = field(default_factory=list)  # those of `first`: every distinct hash while fewer than _FIRST

    def add(self, note: str, page: int | None) -> None:
        self.count += 1
        if page is not None:
            self.pages.add(page)
        h = hash(note)
        self.hashes.append(h)
        if len(self.first) < _FIRST and h not in self._first_hashes:
            self._first_hashes.append(h)
            self.first.append(note)

    def distinct(self) -> set:
        """The distinct hashes of the notes."""
        return set(self.hashes)


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

    Each state's instances are kept as the ledger needs them (`Instances`: count, pages, the
    first distinct notes), not one by one: the ledger entry is the same, without a long
    document's tens of thousands of instances held until it is made (issue #19).
    """

    rule: str
    states: dict = field(default_factory=dict)  # state -> Instances
    looked_for: str = ""
    seen: set = field(default_factory=set)  # ids of the findings that went through test()

    def _add(self, state: str, note: str, page: int | None) -> None:
        got = self.states.get(state)
        if got is None:
            got = self.states[state] = Instances()
        got.add(note, page)

    @property
    def count(self) -> int:
        """Instances recorded, every state."""
        return sum(i.count for i in self.states.values())

    def test(self, what: str, page: int | None, finding: Finding | None) -> Finding | None:
        failed = finding is not None and finding.severity != "info"
        if finding is not None:
            self.seen.add(id(finding))
            page = finding.page if finding.page is not None else page
            what = what or finding.message_zh[:80]
        self._add("fail" if failed else "pass", what, page)
        return finding

    def not_read(self, what: str, page: int | None, why: str) -> None:
        self._add("not_read", why or what, page)

    def missing(self, what: str, page: int | None, why: str) -> None:
        self._add("insufficient_data", why or what, page)

    def none(self, why: str) -> None:
        self.looked_for = self.looked_for or why

    def untallied(self, found: list[Finding]) -> None:
        """Findings a rule returned without testing them through the tally count as failed tests."""
        for f in found:
            if id(f) not in self.seen:
                self.test(f.message_zh[:80], f.page, f)


def entry(rule: str, tallies: list[Tally], found: list[Finding]) -> Entry:
    """A rule's ledger entry from the tallies of its parts and the findings they returned: the
    counts of every state summed; the state the strongest present (PRIORITY); its reason the first
    three distinct notes of that state's instances in the tallies' order (+ how many more), its
    pages theirs."""
    counts = {s: sum(t.states[s].count for t in tallies if s in t.states)
              for s in ("pass", "fail", "insufficient_data", "not_read")}
    state = next((s for s in PRIORITY if s != "not_applicable" and counts.get(s)), "not_applicable")
    if state == "not_applicable":
        reason = "; ".join(dict.fromkeys(t.looked_for for t in tallies if t.looked_for)) or UNREPORTED
        pages: list[int] = []
    else:
        deciding = [t.states[state] for t in tallies if state in t.states]
        notes: list[str] = []
        for got in deciding:  # (while fewer than 3, every tally before gave all its notes: _FIRST suffices)
            if len(notes) >= 3:
                break
            notes.extend(n for n in got.first if n not in notes)
        distinct = len(set().union(*(got.hashes for got in deciding)))  # (arrays of hashes, repeats among them)
        reason = "; ".join(notes[:3]) + (f" (+{distinct - 3} more)" if distinct > 3 else "")
        pages = sorted(set().union(*(got.pages for got in deciding)))
    return Entry(rule, state, counts, len(found), pages, reason)
