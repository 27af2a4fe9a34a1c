"""What a check reports: a finding with its rule, severity, messages in Chinese and English, the
values on both sides with their unit, the difference, the tolerance used, and where every compared
value is printed."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

SEVERITIES = ("error", "warning", "info")


@dataclass(slots=True)
class Evidence:
    page: int | None
    box: dict | None  # {page, x0, top, x1, bottom} of the printed value or line
    what: str  # which value: "表7 301 工资福利支出 / 合计", or the sentence
    printed: str = ""  # the value as printed ("" for text evidence)


@dataclass(slots=True)
class Finding:
    rule: str  # stable id: table.hierarchy_sum, row.parts_sum, …
    severity: str  # error | warning | info
    message_zh: str
    message_en: str
    left: Decimal | None = None  # the value printed as the total
    right: Decimal | None = None  # what its parts add up to / the other table's value
    tolerance: Decimal | None = None
    rounding: bool = False  # a difference within the tolerance: reported as info
    table: int | None = None
    evidence: list[Evidence] = field(default_factory=list)
    # the unit left, right, difference and tolerance are in: 元 for money converted to 元 (figures of the
    # text, or of tables printed in different units), the 单位 as printed (万元, 元, 千元) for figures of
    # tables printed in it, a count's unit (个, 人次), % for percentages, 年 for years; None when the
    # finding compares no figures
    unit: str | None = None

    @property
    def difference(self) -> Decimal | None:
        if self.left is None or self.right is None:
            return None
        return self.left - self.right

    @property
    def page(self) -> int | None:
        return next((e.page for e in self.evidence if e.page is not None), None)
