"""Performance targets (项目支出绩效目标表): for each project, its overall goal and every indicator
under its 一级 / 二级 / 三级 levels, with the comparator, the target value and its unit, or the
words of a qualitative target. A level printed once and spanning many rows carries down; a row
whose indicator slipped into the first column (a row split over two lines) stays under the
levels above it; a table continued in another layout keeps its project."""
from __future__ import annotations

from decimal import Decimal

from disclosure.model import Document, Indicator, Table
from disclosure.normalize.text import compact
from disclosure.rx import compile as rx_compile
from disclosure import rx as rx_re

_VALUE = rx_compile(r"^(=|＝|≥|≤|>|<|≧|≦|＞|＜)?\s*(\d+(?:\.\d+)?)\s*(.*)$")
_DATE = rx_compile(r"^\d{4}\s*年(\s*\d{1,2}\s*月)?(\s*\d{1,2}\s*日)?(前|底|以前)?$")
_CMP = {"＝": "=", "≧": "≥", "≦": "≤", "＞": ">", "＜": "<"}
LEVEL1 = ("产出指标", "效益指标", "满意度指标")
LEVEL2 = ("数量指标", "质量指标", "时效指标", "成本指标", "经济效益指标", "社会效益指标", "生态效益指标",
          "可持续影响指标", "满意度指标", "服务对象满意度指标")


def parse_value(printed: str) -> tuple[str, Decimal | None, str, str]:
    """(comparator, value, unit, qualitative) of a printed target: `≥10台` -> (≥, 10, 台, "")."""
    t = compact(printed)
    if not t:
        return "", None, "", ""
    if _DATE.match(t):
        return "", None, "date", ""
    m = _VALUE.match(t)
    if m:
        return _CMP.get(m.group(1) or "", m.group(1) or ""), Decimal(m.group(2)), m.group(3), ""
    return "", None, "", t


def _rows(t: Table) -> list[list[str]]:
    return [list(r) for r in t.header_rows] + [list(r) for r in t.body]


def _after(rows: list[list[str]], label: str) -> str:
    for r in rows:
        cells = [compact(c) for c in r]
        for k, c in enumerate(cells):
            if c == label or c.startswith(label):
                rest = [x for x in r[k + 1:] if compact(x) and compact(x) != c]
                return rest[0].strip() if rest else ""
    return ""


def indicators(doc: Document) -> list[Indicator]:
    out: list[Indicator] = []
    project, goal = "", ""
    for t in doc.tables:
        if t.type != "performance_targets":
            continue
        rows = _rows(t)
        if not t.note.startswith("continues"):
            project = rx_re.sub(r"^<p>|</p>$", "", _after(rows, "项目名称")) or project
            goal = rx_re.sub(r"^<p>\"?|\"?</p>$", "", _after(rows, "项目总体目标"))
        head = next((k for k, r in enumerate(rows) if any(compact(c) == "一级指标" for c in r)), None)
        if head is None:
            continue
        c1 = [compact(c) for c in rows[head]].index("一级指标")
        l1 = l2 = ""
        body_start = len(rows) - len(t.body)
        for n, r in enumerate(rows[head + 1:], start=head + 1):
            # walk the row: level names set the levels, the first other text is the indicator, the
            # next text its value; cells shifted left or right by the exporter read the same way
            indicator = value = ""
            row_l1 = False
            for cell in r[c1:]:
                text = compact(cell).lstrip("★")
                if not text:
                    continue
                if not indicator and text in LEVEL1 and not row_l1:
                    l1, l2, row_l1 = text, "", True
                elif not indicator and text in LEVEL2:
                    l2 = text
                elif not indicator:
                    indicator = text
                elif not value:
                    value = cell.strip()
            if not indicator:
                continue  # a level heading with nothing under it (经济效益指标 left empty)
            comparator, number, unit, words = parse_value(value)
            page = t.body_pages[n - body_start] if n >= body_start and n - body_start < len(t.body_pages) \
                else (t.pages[0] if t.pages else None)
            out.append(Indicator(t.index, project, goal, l1, l2, indicator, value, comparator, number, unit, words,
                                 page))
    return out
