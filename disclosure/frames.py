"""Tables and line items as pandas DataFrames (the optional `pandas` extra, imported when called).

`table_frame` gives one printed table, one row per table row; `line_items_frame` gives the
document's line items, one row per printed amount, the columns of line_items.csv. Amounts are
exact Decimals unless `numbers="float"` is asked for.
"""
from __future__ import annotations

from decimal import Decimal

from disclosure.model import Document, Table

ROW_COLUMNS = ["page", "side", "code", "level", "name", "role"]
NUMBER_KINDS = ("decimal", "float")
HEADER_KINDS = ("flat", "multi")


def _pandas():
    try:
        import pandas
    except ImportError:  # the extra is optional: say how to get it
        raise ImportError("DataFrames need pandas: pip install 'disclosure[pandas]' "
                          "(from a checkout: pip install -e '.[pandas]')") from None
    return pandas


def _number(v: Decimal | None, numbers: str):
    if numbers not in NUMBER_KINDS:
        raise ValueError(f"numbers must be one of {', '.join(NUMBER_KINDS)}, not {numbers!r}")
    if v is None:
        return None if numbers == "decimal" else float("nan")
    return v if numbers == "decimal" else float(v)


def table_frame(t: Table, header: str = "flat", numbers: str = "decimal"):
    """One table as a DataFrame: a row per table row (both sides of a two-sided table, in printed
    order), the columns `page, side, code, level, name, role`, then one per printed amount column
    in printed order, named by its header path.

    header: "flat" names a column by its path joined with "/" (`一般公共预算基本支出/人员经费`);
    "multi" gives a pandas MultiIndex of the path's levels (the row columns and shorter paths padded
    with ""). numbers: "decimal" gives the printed amounts as exact Decimals in the table's unit
    (`Table.unit`, e.g. 万元; a column of counts, measure `count`, in its counted unit `Value.unit`:
    团组数 in 个) and None for a blank cell, a dash or text; "float" gives floats and NaN.
    Raises ImportError when pandas is not installed, ValueError for another header or numbers."""
    pd = _pandas()
    if header not in HEADER_KINDS:
        raise ValueError(f"header must be one of {', '.join(HEADER_KINDS)}, not {header!r}")
    _number(None, numbers)
    used = sorted({v.column_index for r in t.rows for v in r.values})
    names: dict[int, str] = {}
    for i in used:
        path = t.columns[i] if i < len(t.columns) and t.columns[i] else f"column_{i + 1}"
        name, k = path, 2
        while name in names.values() or name in ROW_COLUMNS:  # two columns printed with one path
            name, k = f"{path} ({k})", k + 1
        names[i] = name
    records = []
    for r in t.rows:
        rec = [r.page, r.side, r.code, r.level, r.name, r.role] + [_number(None, numbers)] * len(used)
        for v in r.values:
            rec[len(ROW_COLUMNS) + used.index(v.column_index)] = _number(v.amount.value, numbers)
        records.append(rec)
    labels = ROW_COLUMNS + [names[i] for i in used]
    frame = pd.DataFrame(records, columns=labels)
    if header == "multi":
        paths = [[c] for c in ROW_COLUMNS] + [names[i].split("/") for i in used]
        depth = max(len(p) for p in paths)
        frame.columns = pd.MultiIndex.from_tuples([tuple(p + [""] * (depth - len(p))) for p in paths])
    return frame


def line_items_frame(doc: Document, numbers: str = "decimal"):
    """The document's line items as a DataFrame: a row per printed amount (blank cells have none),
    the columns of line_items.csv (schemas/line_items.schema.json) with Python values: `value` in
    its `unit` (the table's 单位, or a count's counted unit: measure `count`) and `value_yuan` in 元
    as Decimals (None where not a number, and for a count), `page`,
    `table_index`, `row_index` as integers, `confidence` a float or None, the box (x0, top, x1,
    bottom, PDF points from the page's top-left) as floats or None. numbers="float" gives `value`
    and `value_yuan` as floats (NaN where not a number). Raises ImportError without pandas."""
    from disclosure.emit.csvout import LINE_ITEM_COLUMNS, line_item_records

    pd = _pandas()
    _number(None, numbers)
    at = {c: LINE_ITEM_COLUMNS.index(c) for c in ("value", "value_yuan")}
    rows = []
    for rec in line_item_records(doc):
        rec = list(rec)
        for i in at.values():
            rec[i] = _number(rec[i], numbers)
        rows.append(rec)
    return pd.DataFrame(rows, columns=LINE_ITEM_COLUMNS)
