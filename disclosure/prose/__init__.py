"""The narrative as data: facts (amount sentences), projects and their cost lines, performance targets."""
from __future__ import annotations

from disclosure.model import Document, spooled_facts


def apply(doc: Document) -> Document:
    """`doc` with its facts, projects and performance targets (in place); its facts past
    model.SPOOL_FACTS_AFTER in a temporary file (model.Spool: a long document's, issue #19)."""
    from disclosure.prose import facts, projects, targets

    doc.facts = spooled_facts(facts.facts(doc))
    doc.projects = projects.projects(doc)
    doc.indicators = targets.indicators(doc)
    return doc
