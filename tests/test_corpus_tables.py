"""Every table a corpus document announces (its table of contents, or for a tables-only volume its
title pages) is found with the right type. Expected lists are read off the printed documents."""
from __future__ import annotations

from collections import Counter

import pytest

from conftest import corpus_file, extracted

J17 = ["income_expenditure_summary", "income_summary", "expenditure_summary", "fiscal_allocation_summary",
       "fiscal_allocation_expenditure", "fiscal_allocation_basic_expenditure", "government_fund_expenditure",
       "general_budget_expenditure", "general_budget_basic_expenditure", "operating_expenses", "three_public_expenses",
       "government_procurement"]
J18 = ["income_expenditure_summary", "income_summary", "expenditure_summary", "fiscal_allocation_summary",
       "fiscal_allocation_expenditure", "fiscal_allocation_basic_expenditure", "general_budget_expenditure",
       "general_budget_basic_expenditure", "three_public_expenses", "government_fund_expenditure", "operating_expenses",
       "government_procurement"]
PUTUO_BUDGET = ["income_expenditure_summary", "income_summary", "expenditure_summary", "fiscal_allocation_summary",
                "general_budget_expenditure", "government_fund_expenditure", "state_capital_expenditure",
                "general_budget_basic_expenditure", "three_public_expenses"]
PUTUO_FINAL = ["income_expenditure_summary", "income_summary", "expenditure_summary", "fiscal_allocation_summary",
               "general_budget_expenditure", "general_budget_basic_expenditure", "three_public_expenses",
               "government_fund_expenditure", "state_capital_expenditure"]

# document -> (announced types in printed order, the file that prints the tables)
ANNOUNCED = {
    "jiangsu-jianchayuan-2017-budget.pdf": (J17, None),
    "jiangsu-jianchayuan-2018-budget.pdf": (J18, None),
    "jiangsu-jianchayuan-2019-budget.pdf": (J18, None),
    "jiangsu-renda-2019-budget.pdf": (J18, "jiangsu-rendaban-2019-budget-tables.pdf"),
    "jiangsu-rendaban-2017-budget.pdf": (J17, None),
    "jiangsu-rendaban-2018-budget.pdf": (J18, None),
    "jiangsu-rendaban-2019-budget-tables.pdf": (J18, None),
    "jiangsu-shengweiban-2017-budget-text.pdf": (J17, "jiangsu-shengweiban-2017-budget-tables.pdf"),
    "jiangsu-shengweiban-2018-budget-text.pdf": (J18, "jiangsu-shengweiban-2018-budget-tables.pdf"),
    "jiangsu-shengweiban-2019-budget-text.pdf": (J18, "jiangsu-shengweiban-2019-budget-tables.pdf"),
    "putuo-guihuaziyuan-2024-final-accounts.pdf": (PUTUO_FINAL, None),
    "putuo-quzhengfuban-2025-dept-budget.pdf": (PUTUO_BUDGET, None),
    "putuo-quzhengfuban-2025-unit-budget.pdf": (PUTUO_BUDGET, None),
    "putuo-wanli-2024-dept-budget.pdf": (PUTUO_BUDGET, None),
    "putuo-wanli-2025-dept-budget.pdf": (PUTUO_BUDGET, None),
    "template-final-accounts-blank.pdf": (PUTUO_FINAL, None),
}
# first page of each table as printed (the page its title is printed on, or the page after when the
# title ends the page before), read off each page's text (pdfplumber extract_text, page by page)
FIRST_PAGES = {
    "jiangsu-jianchayuan-2017-budget.pdf": [10, 11, 11, 11, 12, 12, 13, 14, 14, 15, 16, 16],
    "jiangsu-jianchayuan-2018-budget.pdf": [13, 14, 15, 15, 15, 16, 17, 18, 19, 19, 20, 20],
    "jiangsu-rendaban-2018-budget.pdf": [8, 9, 10, 10, 11, 12, 13, 14, 15, 15, 16, 17],
    "jiangsu-shengweiban-2017-budget-tables.pdf": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
    "jiangsu-shengweiban-2018-budget-tables.pdf": [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14],
    "jiangsu-shengweiban-2019-budget-tables.pdf": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
    "putuo-quzhengfuban-2025-unit-budget.pdf": [8, 9, 11, 13, 14, 16, 17, 18, 20],
    "putuo-wanli-2024-dept-budget.pdf": [10, 11, 16, 21, 22, 27, 28, 29, 31],
    "template-final-accounts-blank.pdf": [5, 6, 7, 8, 10, 11, 12, 13, 14],
    "jiangsu-rendaban-2019-budget-tables.pdf": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
    # Word export: 机关运行经费 title at the foot of p.18, its grid on p.19; p.11 prints a second
    # table below the visible page (ignored), the same table is printed on p.12
    "jiangsu-rendaban-2017-budget.pdf": [7, 9, 10, 11, 12, 12, 15, 16, 17, 19, 20, 20],
    # 公开04表 and 公开06表: the number at the foot of the page before, the table on the next
    "jiangsu-jianchayuan-2019-budget.pdf": [14, 15, 15, 16, 16, 17, 18, 18, 20, 20, 21, 22],
    "putuo-wanli-2025-dept-budget.pdf": [9, 10, 14, 19, 20, 25, 26, 27, 29],
    "putuo-quzhengfuban-2025-dept-budget.pdf": [8, 9, 11, 13, 14, 16, 17, 18, 20],
    "putuo-guihuaziyuan-2024-final-accounts.pdf": [7, 8, 10, 12, 14, 16, 17, 18, 19],
}


def _tables(doc):
    """(type, title, pages) per table, continuation parts (same title, 'continues' note) folded in;
    机关运行经费 tables, typed other, are kept under that name."""
    out = []
    for t in doc.tables:
        if out and t.note.startswith("continues") and t.title == out[-1][1]:
            out[-1] = (out[-1][0], out[-1][1], out[-1][2] + t.pages)
            continue
        out.append((t.type, t.title, t.pages))
    return out


@pytest.mark.corpus
@pytest.mark.parametrize("name", list(ANNOUNCED))
def test_announced_tables_found(name):
    expected, tables_file = ANNOUNCED[name]
    doc = extracted(str(corpus_file(name)))
    if doc.announced_tables:  # the document's own TOC says what it announces
        toc = [a["type"] for a in doc.announced_tables if not a["title"].endswith("部门预算表")
               and not a["title"].endswith("单位预算表")]
        assert toc == expected
    source = extracted(str(corpus_file(tables_file))) if tables_file else doc
    tables = [t for t in _tables(source) if t[0] != "other" or "机关运行经费" in t[1]]
    missing = Counter(expected) - Counter(t[0] for t in tables)
    assert not missing, f"not found: {dict(missing)}; found {tables}"
    printed = tables_file or name
    assert printed in FIRST_PAGES, "every table-printing document has its first pages listed"
    assert [t[2][0] for t in tables] == FIRST_PAGES[printed]
