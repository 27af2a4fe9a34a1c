"""Which printed figures, misprinted, explain the sums of a table that fail (its arithmetic alone).

A misprinted figure breaks every sum it stands in. The failing identities of a table
(structure/identities.py, `Table.verification.tested`) fall into groups that share cells (one
figure's sums); in a group, a cell that stands in every identity of the group, whose one corrected
value makes each of them hold (the same change asked by each: the difference for a part, minus it
for the total) and that stands in no identity that holds (which the change would break) explains
the group. Rule table.one_misprint names it; a table whose failing sums such figures of one row
explain (0 | 0 printed for 32.65 | 32.65 under 3.公务用车费) is read right and misprinted, not a
reading in doubt (checks/unread.unverified).
"""
from __future__ import annotations

from decimal import Decimal

from disclosure.model import CellRef, IdentityTest, Table


def _change(ident: IdentityTest, ref: CellRef) -> Decimal | None:
    """What the cell's value must change by for the identity to hold; None when it is not in it (or
    is in it twice: not one change of one figure)."""
    if ident.total == ref:
        return -ident.difference
    if ident.parts.count(ref) == 1:
        return ident.difference
    return None


def _groups(failing: list[IdentityTest]) -> list[list[IdentityTest]]:
    """The failing identities in groups linked by the cells they share, in order."""
    groups: list[tuple[set, list[IdentityTest]]] = []
    for ident in failing:
        cells = {ident.total, *ident.parts}
        linked = [g for g in groups if g[0] & cells]
        merged = (set(cells), [])
        for g in linked:
            merged[0].update(g[0])
            merged[1].extend(g[1])
            groups.remove(g)
        merged[1].append(ident)
        groups.append(merged)
    return [sorted(g[1], key=failing.index) for g in groups]


def explaining(t: Table) -> list[tuple[list[IdentityTest], CellRef, Decimal]]:
    """For each group of two or more failing identities that one cell alone explains (the only such
    cell): (the group, the cell, the change it needs, in the table's unit)."""
    tested = t.verification.tested if t.verification else []
    out = []
    for group in _groups([i for i in tested if not i.held]):
        if len(group) < 2:
            continue
        refs = {group[0].total, *group[0].parts}
        for i in group[1:]:
            refs &= {i.total, *i.parts}
        tol = max(i.tolerance for i in group)
        found = []
        for ref in sorted(refs):
            changes = [_change(i, ref) for i in group]
            if any(c is None for c in changes) or max(changes) - min(changes) > tol or abs(changes[0]) <= tol:
                continue
            if any(i.held and (i.total == ref or ref in i.parts) for i in tested):
                continue  # the change would break a sum that holds
            found.append((ref, changes[0]))
        if len(found) == 1:
            out.append((group, *found[0]))
    return out


def explained(t: Table) -> bool:
    """Every failing identity of the table is in a group one figure explains (`explaining`), and
    those figures stand in one row (one item misprinted in each of its columns): the reading holds,
    the print does not."""
    tested = t.verification.tested if t.verification else []
    failing = [i for i in tested if not i.held]
    found = explaining(t)
    if not failing or not found:
        return False
    covered = {id(i) for group, _, _ in found for i in group}
    rows = {(ref[0], ref[1]) for _, ref, _ in found}
    return all(id(i) in covered for i in failing) and len(rows) == 1
