"""How far one reading of a document agrees with another: the amounts, codes and names of every
line item, matched by table, row and column. Used to measure OCR against the text layer of the
same PDF (bench/ocr_speed.py, tests/test_ocr.py) and offered as `disclosure compare A B`.

A table is matched by its type and its order among the tables of that type; a row by its side and
order in the table; a value by its column. An amount agrees when the candidate has the same
status and the same exact value (printed text may differ: 1,234 and 1234 agree); a code or name
agrees when the row's digits or name are the same.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from disclosure.model import Document
from disclosure.normalize.text import compact


@dataclass
class Agreement:
    amounts: int = 0  # amounts printed in the reference
    amounts_equal: int = 0
    codes: int = 0  # rows with a code in the reference
    codes_equal: int = 0
    names: int = 0
    names_equal: int = 0
    differences: list[dict] = field(default_factory=list)  # up to `keep` examples

    @staticmethod
    def share(a: int, b: int) -> float:
        return a / b if b else 1.0

    @property
    def amount_share(self) -> float:
        return self.share(self.amounts_equal, self.amounts)

    @property
    def code_share(self) -> float:
        return self.share(self.codes_equal, self.codes)

    @property
    def name_share(self) -> float:
        return self.share(self.names_equal, self.names)


def _items(doc: Document) -> tuple[dict, dict]:
    rows: dict[tuple, object] = {}
    values: dict[tuple, object] = {}
    seen: dict[str, int] = {}
    for t in doc.tables:
        seen[t.type] = seen.get(t.type, 0) + 1
        tkey = (t.type, seen[t.type])
        for r in t.rows:
            rkey = (*tkey, r.side, r.index)
            rows[rkey] = r
            for v in r.values:
                if v.amount.status != "blank":
                    values[(*rkey, v.column_index)] = v
    return rows, values


def agreement(reference: Document, candidate: Document, keep: int = 20) -> Agreement:
    ref_rows, ref_values = _items(reference)
    cand_rows, cand_values = _items(candidate)
    a = Agreement()

    def note(kind, key, want, got):
        if len(a.differences) < keep:
            page = getattr(ref_rows.get(key[:4]), "page", None)
            a.differences.append({"kind": kind, "table": f"{key[0]} #{key[1]}", "side": key[2], "row": key[3],
                                  "column": key[4] if len(key) > 4 else None, "page": page,
                                  "reference": want, "candidate": got})

    for key, v in ref_values.items():
        a.amounts += 1
        c = cand_values.get(key)
        if c is not None and c.amount.status == v.amount.status and c.amount.value == v.amount.value:
            a.amounts_equal += 1
        else:
            note("amount", key, v.amount.printed, c.amount.printed if c is not None else None)
    for key, r in ref_rows.items():
        c = cand_rows.get(key)
        if r.code:
            a.codes += 1
            if c is not None and c.code == r.code:
                a.codes_equal += 1
            else:
                note("code", key, r.code, c.code if c is not None else None)
        if r.name:
            a.names += 1
            if c is not None and compact(c.name) == compact(r.name):
                a.names_equal += 1
            else:
                note("name", key, r.name, c.name if c is not None else None)
    return a
