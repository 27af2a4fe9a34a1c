"""facts.csv, projects.csv, project_costs.csv, performance_targets.csv (schemas: facts.schema.json,
projects.schema.json, project_costs.schema.json, performance_targets.schema.json) and their
document.json sections."""
from __future__ import annotations

import json
from decimal import Decimal

from disclosure.emit.csvout import CsvFile, yuan_text
from disclosure.model import Document, Fact, Indicator, Project, ProjectCost

FACT_COLUMNS = ["document", "fact_index", "group", "paragraph_index", "page", "subject", "subject_kind", "code",
                "printed", "unit", "value", "value_yuan", "share_pct", "change_direction", "change_amount_yuan",
                "change_pct", "prior_yuan", "is_change", "reason", "sentence", "link", "basis"]
PROJECT_COLUMNS = ["document", "project_index", "name", "page", "budget_printed", "budget_yuan", "costs_sum_yuan",
                   "fields"]
COST_COLUMNS = ["document", "project_index", "page", "top_level", "is_total", "item", "quantity", "quantity_unit",
                "unit_price_yuan", "amount_yuan", "text"]
TARGET_COLUMNS = ["document", "table_index", "page", "project", "level1", "level2", "level3", "printed",
                  "comparator", "value", "unit", "qualitative", "goal"]


def _d(v: Decimal | None) -> str:
    return "" if v is None else format(v, "f")


def fact_dict(f: Fact) -> dict:
    return {"index": f.index, "group": f.group, "paragraph_index": f.paragraph, "page": f.page, "subject": f.subject,
            "subject_kind": f.subject_kind, "code": f.code, "printed": f.printed, "unit": f.unit,
            "value": _d(f.value), "value_yuan": _d(f.value_yuan), "share_pct": _d(f.share_pct) or None,
            "change_direction": f.change_direction, "change_amount_yuan": _d(f.change_amount_yuan) or None,
            "change_pct": _d(f.change_pct) or None, "prior_yuan": _d(f.prior_yuan) or None,
            "is_change": f.is_change, "reason": f.reason,
            "sentence": f.sentence, "link": f.link, "basis": f.basis}


def cost_dict(c: ProjectCost) -> dict:
    return {"page": c.page, "top_level": c.top_level, "is_total": c.is_total, "item": c.item,
            "quantity": _d(c.quantity) or None, "quantity_unit": c.quantity_unit,
            "unit_price_yuan": _d(c.unit_price_yuan) or None, "amount_yuan": _d(c.amount_yuan) or None, "text": c.text}


def project_dict(p: Project) -> dict:
    return {"index": p.index, "name": p.name, "page": p.page, "budget_printed": p.budget_printed,
            "budget_yuan": _d(p.budget_yuan) or None, "costs_sum_yuan": _d(p.costs_sum_yuan) or None,
            "fields": p.fields, "costs": [cost_dict(c) for c in p.costs]}


def indicator_dict(i: Indicator) -> dict:
    return {"table_index": i.table, "page": i.page, "project": i.project, "level1": i.level1, "level2": i.level2,
            "level3": i.level3, "printed": i.printed, "comparator": i.comparator, "value": _d(i.value) or None,
            "unit": i.unit, "qualitative": i.qualitative, "goal": i.goal}


def facts(d: Document) -> str:
    return facts_file(d).text()


def facts_file(d: Document) -> CsvFile:
    """facts.csv as a writer (CsvFile). Amounts in 元 at line_items.csv's scale (csvout.yuan_text:
    two decimals at least, 4135000.00 for 413.5万元, more only where printed)."""
    return CsvFile(FACT_COLUMNS, lambda: (
        [d.source, f.index, f.group, f.paragraph, f.page if f.page is not None else "",
         f.subject, f.subject_kind, f.code, f.printed, f.unit, _d(f.value), yuan_text(f.value_yuan),
         _d(f.share_pct), f.change_direction, yuan_text(f.change_amount_yuan), _d(f.change_pct),
         yuan_text(f.prior_yuan), "true" if f.is_change else "false", f.reason, f.sentence, f.link, f.basis]
        for f in d.facts))


def projects(d: Document) -> str:
    return projects_file(d).text()


def projects_file(d: Document) -> CsvFile:
    """projects.csv as a writer (CsvFile)."""
    return CsvFile(PROJECT_COLUMNS, lambda: (
        [d.source, p.index, p.name, p.page if p.page is not None else "", p.budget_printed,
         yuan_text(p.budget_yuan), yuan_text(p.costs_sum_yuan), json.dumps(p.fields, ensure_ascii=False)]
        for p in d.projects))


def project_costs(d: Document) -> str:
    return project_costs_file(d).text()


def project_costs_file(d: Document) -> CsvFile:
    """project_costs.csv as a writer (CsvFile)."""
    return CsvFile(COST_COLUMNS, lambda: (
        [d.source, c.project, c.page if c.page is not None else "",
         "true" if c.top_level else "false", "true" if c.is_total else "false", c.item,
         _d(c.quantity), c.quantity_unit, _d(c.unit_price_yuan), _d(c.amount_yuan), c.text]
        for p in d.projects for c in p.costs))


def targets(d: Document) -> str:
    return targets_file(d).text()


def targets_file(d: Document) -> CsvFile:
    """performance_targets.csv as a writer (CsvFile)."""
    return CsvFile(TARGET_COLUMNS, lambda: (
        [d.source, i.table, i.page if i.page is not None else "", i.project, i.level1,
         i.level2, i.level3, i.printed, i.comparator, _d(i.value), i.unit, i.qualitative,
         i.goal] for i in d.indicators))
