"""The named layout axes of the generated corpus, and how a document draws its value on each.

Every n consecutive documents take each of an axis's n values once (in an order shuffled per
axis), so that every value occurs equally often in any run of documents and the axes vary
independently of one another. Some values apply only to one producer
(reportlab draws what LibreOffice cannot); compose.py maps them to what each producer does.
"""
from __future__ import annotations

import random

AXES: dict[str, list] = {
    "producer": ["reportlab", "writer", "calc"],
    "ruling": ["full", "horizontal", "none"],
    "orientation": ["portrait", "landscape", "rotated"],
    "flow": ["page", "flow"],
    "repeat_header": [True, False],
    "spill": [-1, 1, 2],  # flow: the last 1 or 2 body rows of a table go to the next page
    "jitter": [0.0, 2.5],  # points off the cell (spreadsheet exports)
    "overflow": [False, True],  # an amount over the right rule of its cell
    "font": ["cid", "ttf"],
    "code_style": ["joined", "split", "in_name", "spaced"],
    "split_fill": ["full", "sparse"],
    "total_pos": ["top", "bottom"],
    "total_span": [False, True],
    "thousands": [True, False],
    "zero": ["blank", "0.00", "dash"],
    "negative": ["minus", "paren"],
    "letter_spaced": [False, True],
    "group_header": [False, True],
    "unit": ["万元", "元"],
    "title_style": ["inline_colon", "number_line", "table_cn", "list", "plain"],
    "org_title": ["no", "year_org", "org_year"],
    "cover": ["name_year", "year_name"],
    "long": [False, False, True],  # one table over several pages
    "summary_pairs": [1, 2],
    "basic_layout": ["rows", "amount", "side_by_side"],
    "three_layout": ["row", "rows"],
    "three_extra": [False, True],  # 会议费 and 培训费 beside the 三公 items
    "procurement_layout": ["multi_text", "categories"],
    "change_columns": [False, True],
    "kind": ["budget", "budget", "final_accounts"],
    "family": ["jiangsu", "putuo", "generic"],
    "income_by_code": [False, True],
    "wrap_narrow": [False, True],
    "tables": ["subset", "subset", "all"],
    "toc": [False, True],
    "size": [8.0, 9.0, 7.5],
}


def draw(i: int, seed: int, only: dict | None = None) -> dict:
    """The axis values of document `i` of the run `seed` (values in `only` fixed). Every n
    consecutive documents take each of an axis's n values once, in an order shuffled per axis and
    per block, so that the axes vary independently of one another."""
    out = {}
    for name, values in AXES.items():
        n = len(values)
        order = list(range(n))
        random.Random(f"{seed}-{name}-{i // n}").shuffle(order)
        out[name] = values[order[i % n]]
    out.update(only or {})
    return out
