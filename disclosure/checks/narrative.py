"""Rule narrative.amount_vs_table: an amount the prose gives for something a table prints (a 类/款/项
path, a row such as 社会保障和就业支出 or 一般公共预算拨款, 基本支出, 项目支出, 人员经费, 公用经费, the “三公”
经费 and its items, 机关运行经费) is compared with the table, units reconciled (元 tables against
万元 prose).

Conservative by design: an amount is compared only when its subject is found in a table; it is
reported when no printed candidate for that subject equals it. Changes against last year (增加,
减少, 比上年 …) and shares are not compared here (issue #5 turns them into facts).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from disclosure.checks.findings import Evidence, Finding
from disclosure.checks.tolerance import last_unit, verdict
from disclosure.model import Document, Paragraph, Row, Table, Value
from disclosure.normalize import chart
from disclosure.normalize.text import compact
from disclosure.normalize.units import FACTORS

RULE = "narrative.amount_vs_table"
_AMOUNT = re.compile(r"(\d[\d,，]*(?:\.\d+)?)\s*(亿元|万元|千元|元)")
_CHANGE = re.compile(r"增加|减少|增长|下降|上升|降低|上年|持平|比|较|同比|占")
_CUT = re.compile(r"[，。；：,;:]")
_MARK = re.compile(r"^([（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十\d]+[、.．])")
KEYWORDS = {  # subject words -> measures of a table's total row; longest first
    "因公出国（境）费": {"outbound_travel"}, "公务用车购置及运行维护费": {"vehicle_total"},
    "公务用车运行维护费": {"vehicle_operation"}, "公务用车运行费": {"vehicle_operation"},
    "公务用车购置费": {"vehicle_purchase"}, "公务用车购置": {"vehicle_purchase"}, "公务接待费": {"reception"},
    "三公经费": {"three_public_total"}, "机关运行经费": {"operating_expenses"}, "人员经费": {"personnel"},
    "公用经费": {"public"}, "基本支出": {"basic"}, "项目支出": {"project"},
}
ALIASES = {  # subject words -> the names of the rows that print them
    "支出预算": {"支出总计", "支出合计", "本年支出合计"}, "收入预算": {"收入总计", "收入合计", "本年收入合计"},
    "收支总预算": {"收入总计", "支出总计"}, "收支预算总计": {"收入总计", "支出总计"},
    "财政拨款收支总预算": {"收入总计", "支出总计"},
    "一般公共预算拨款": {"一般公共预算", "一般公共预算拨款", "一般公共预算财政拨款"},
    "政府性基金预算拨款": {"政府性基金预算", "政府性基金预算拨款", "政府性基金预算财政拨款"},
}
# words that make 收入预算/支出预算 a part, not the total (政府性基金收入预算, 政府采购支出预算)
_QUALIFIED = re.compile(r"(政府性基金|国有资本经营|国有资本|一般公共预算|财政拨款|基本|项目|采购|经费|拨款|资金|专户)$")
TABLE_TOTALS = {"基本支出": "general_budget_basic_expenditure"}  # the total row of that table prints it


@dataclass
class Comparison:
    paragraph: Paragraph
    sentence: str
    subject: str
    printed: str  # the amount as the prose prints it, with its unit
    value_yuan: Decimal
    candidates: list[tuple[Table, Row, Value]]
    status: str  # matched | rounding | differs


def _yuan(v: Value, t: Table) -> Decimal | None:
    f = FACTORS.get(t.unit)
    return v.amount.value * f if f is not None and v.amount.value is not None else None


def _bare(name: str) -> str:
    return _MARK.sub("", compact(name)).replace("“", "").replace("”", "")


def _row_total(r: Row) -> Value | None:
    """The row's total (or single) amount: its total-measure column, else its first number."""
    nums = [v for v in r.values if v.amount.status == "number"]
    for v in nums:
        if v.measure in ("total", "amount", "actual", "three_public_total"):
            return v
    return nums[0] if nums else None


def _candidates(doc: Document, subject: str, code: str):
    out = []
    for t in doc.tables:
        for r in t.rows:
            if code and r.code == code:
                v = _row_total(r)
            elif not code and subject in KEYWORDS and (r.role == "total" or not r.name):
                v = next((v for v in r.values if v.measure in KEYWORDS[subject] and v.amount.status == "number"), None)
                if v is None and TABLE_TOTALS.get(subject) == t.type and compact(r.name) in ("合计", "总计"):
                    v = next((v for v in r.values if v.measure == "total" and v.amount.status == "number"), None)
            elif not code and (_bare(r.name) == subject or _bare(r.name) in ALIASES.get(subject, ())):
                v = _row_total(r)
            else:
                v = None
            if v is not None and _yuan(v, t) is not None:
                out.append((t, r, v))
    return out


def _subject(before: str, sentence_before: str, doc: Document) -> tuple[str, str]:
    """(subject words, code) of an amount from the words before it."""
    if re.search(r"[（(]\s*(类|款|项)\s*[）)]\s*[:：]?[^，。；]*$", sentence_before):
        path = chart.resolve_path(sentence_before, doc.year)
        if path and path.status == "exact" and path.code:
            return path.code, path.code
    seg = _bare(re.split(r"[，。；：,;:（）()]", before)[-1]).replace("“", "").replace("”", "")
    stripped = re.sub(r"(为|是|预算数?|合计|共计|总额|预算为|安排)+$", "", seg)
    for word in sorted(KEYWORDS, key=len, reverse=True):
        if stripped.endswith(word) or seg.endswith(word):
            return word, ""
    for alias in sorted(ALIASES, key=len, reverse=True):
        for form in (seg, re.sub(r"(为|是|合计|共计|总额)+$", "", seg)):
            if form.endswith(alias) and not _QUALIFIED.search(form[:-len(alias)]):
                return alias, ""
    return stripped, ""


def _rounds_to(table_yuan: Decimal, prose_yuan: Decimal, step: Decimal) -> bool:
    """The table's figure, rounded half up to the prose's precision, is the prose's figure."""
    return (table_yuan / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step == prose_yuan


def compare(doc: Document) -> list[Comparison]:
    out = []
    # rows a sentence can name: 类 rows and rows without a code (收入 items, totals); a 款 or 项 name
    # (差旅费) is also a project's cost line, so only a 类/款/项 path names those
    names = {_bare(r.name) for t in doc.tables for r in t.rows if r.name and r.level in ("类", "")}
    for p in doc.paragraphs:
        for sentence in re.split(r"(?<=[。；])", p.text):
            for m in _AMOUNT.finditer(sentence):
                before = sentence[:m.start()]
                tail = _CUT.split(before)[-1]
                if _CHANGE.search(tail) or not tail.strip():
                    continue
                subject, code = _subject(before, before, doc)
                if not code and subject not in KEYWORDS and subject not in names and subject not in ALIASES:
                    continue
                cands = _candidates(doc, subject, code)
                if not cands:
                    continue
                unit = m.group(2)
                value = Decimal(m.group(1).replace(",", "").replace("，", "")) * FACTORS[unit]
                step = last_unit(m.group(1)) * FACTORS[unit]  # the prose's precision, in 元
                tol = max(step, max(last_unit(v.amount.printed) * FACTORS[t.unit] for t, _, v in cands))
                # 万元 prose of a 元 table is the table's figure rounded to the prose's precision
                verdicts = ["equal" if _rounds_to(_yuan(v, t), value, step) else verdict(value, _yuan(v, t), tol)
                            for t, _, v in cands]
                status = "matched" if "equal" in verdicts else "rounding" if "rounding" in verdicts else "differs"
                out.append(Comparison(p, sentence.strip(), subject, m.group(0), value, cands, status))
    return out


def findings(doc: Document, units: Decimal) -> list[Finding]:
    out = []
    for c in compare(doc):
        if c.status == "matched":
            continue
        t, r, v = c.candidates[0]
        table_yuan = _yuan(v, t)
        where = [Evidence(c.paragraph.page, c.paragraph.box.to_dict() if c.paragraph.box else None, c.sentence,
                          c.printed)]
        where += [Evidence(r.page, v.box.to_dict() if v.box else None, f"表{t.index} {r.code} {r.name} / {v.column}",
                           v.amount.printed) for t, r, v in c.candidates[:5]]
        rounding = c.status == "rounding"
        out.append(Finding(RULE, "info" if rounding else "warning",
                           f"说明中“{c.subject}”为{c.printed}，表{t.index}为{v.amount.printed}{t.unit}"
                           + ("（舍入）" if rounding else ""),
                           f"the text gives {c.subject} as {c.printed}; table {t.index} prints {v.amount.printed} {t.unit}"
                           + (" (rounding)" if rounding else ""),
                           c.value_yuan, table_yuan, None, rounding, t.index, where))
    return out
