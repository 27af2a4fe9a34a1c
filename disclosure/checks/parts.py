"""The parts of a document that the cross-table rules compare within: one disclosure's set of tables.

A compendium (a department's budget followed by its units' budgets, or files joined into one)
prints a full set of standard tables for each unit. A rule that compares two tables of one
disclosure (the 支出总表 with the 一般公共预算支出表, …) must compare each table with its own
set's partner, not with every unit's: across units the figures are unrelated, and every table
of one type paired with every table of another gives tests and findings quadratic in the units.

Where a set begins: at its 收支总表 (income_expenditure_summary). The 财政部 templates of the
部门预算 and 部门决算 disclosures (and the Jiangsu and Shanghai documents of the corpus) print it as
the first table of every set (公开表一 / 表1 收支预算总表, 收入支出决算总表). The printed 编制单位 is
not used: it is missing or misread on some tables (a unit line read in its place), and a
department's own budget and its 本级 unit's budget print the same name.
"""
from __future__ import annotations

from disclosure.model import Document, Table

OPENS = "income_expenditure_summary"  # 收支总表: the first table of every standard set


def parts(doc: Document) -> list[list[Table]]:
    """The document's tables (in document order) cut into consecutive parts, a part starting at each
    收支总表 that follows a table of another standard type (a 收支总表 continued or printed twice stays
    in its part; tables of type "other" do not count). Tables before the first 收支总表 belong to the
    first part. A document with at most one 收支总表 is one part (its tables as they are), so a
    single disclosure is compared as a whole; a document without tables is one empty part."""
    out: list[list[Table]] = []
    current: list[Table] = []
    standard = False  # the current part holds a standard table other than its 收支总表
    for t in doc.tables:
        if t.type == OPENS and standard:
            out.append(current)
            current, standard = [], False
        current.append(t)
        standard = standard or t.type not in (OPENS, "other")
    out.append(current)
    return out
