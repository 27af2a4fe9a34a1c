"""Data flows one way (developers' guide): read (extract/) → structure → normalise → prose → check →
emit. A reader may use the one-line recognisers of normalize/ (codes, units, titles) but not the stages
after it; the known exceptions are listed here with their reason, so a new reach back is noticed."""
from __future__ import annotations

import ast

import pytest

from conftest import ROOT

LATER = {
    "extract": ("structure", "prose", "checks", "emit", "batch"),
    "normalize": ("structure", "prose", "checks", "batch"),
}
# (module, imported module): why it may
ALLOWED = {
    # a document.json of an older schema is verified again as it is read back (not a PDF reader's path)
    ("disclosure/extract/jsonin.py", "disclosure.structure.identities"),
    # the text readers' inline tables stop at a section marker (一、 （一）) as the sections stage does
    ("disclosure/extract/inline_tables.py", "disclosure.structure.sections"),
    # the chart overlay file is written atomically by the same helper as every output
    ("disclosure/normalize/overlay.py", "disclosure.emit.atomic"),
}


def _imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
        elif isinstance(node, ast.Import):
            yield from (a.name for a in node.names)


@pytest.mark.parametrize("stage", sorted(LATER))
def test_no_stage_imports_a_later_one(stage):
    reaches = []
    for path in sorted((ROOT / "disclosure" / stage).rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        for mod in _imports(path):
            parts = mod.split(".")
            if parts[0] == "disclosure" and len(parts) > 1 and parts[1] in LATER[stage] \
                    and (rel, mod) not in ALLOWED:
                reaches.append(f"{rel} imports {mod}")
    assert reaches == []


def test_the_allowed_reaches_still_exist():
    """An exception whose import is gone is removed from the list (it would hide a new one)."""
    stale = [pair for pair in ALLOWED if pair[1] not in set(_imports(ROOT / pair[0]))]
    assert stale == []
