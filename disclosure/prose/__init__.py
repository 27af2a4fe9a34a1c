"""The narrative as data: facts (amount sentences), projects and their cost lines, performance targets."""
from __future__ import annotations

from disclosure.model import Document


def apply(doc: Document) -> Document:
    from disclosure.prose import facts, projects, targets

    doc.facts = facts.facts(doc)
    doc.projects = projects.projects(doc)
    doc.indicators = targets.indicators(doc)
    return doc
