"""Document metadata: title, department, year, kind (budget / final accounts), level."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from disclosure.model import Grid, Paragraph, RawDocument, TextLine
from disclosure.normalize.text import PRINTED_YEAR, clean, compact
from disclosure.normalize.units import find_unit
from disclosure.normalize.table_types import organisation
from disclosure.rx import compile as rx_compile
from disclosure.schemas import load
from disclosure.normalize.departments import organisation_name
from disclosure.structure.context import Context, department_of, is_number_line, title_like
from disclosure.structure.sections import marker
from disclosure import rx as rx_re

_STRIP = rx_compile(r"\s*((?:19|20)\d{2}\s*年度?.*$|(一般公共预算|政府性基金|“?三公”?经费|(部门|单位)?(预算|决算)).*$)")


# the line naming who printed or compiled the volume (江苏省财政厅印制, XX局编印): never the title's
_PRINTER = rx_compile(r"(?:印制|编印|印发|编制|制发)$")


@dataclass
class Meta:
    title: str
    department: str
    year: int | None
    kind: str
    level: str


# lines of a web page around its text, never a title: a breadcrumb (部门信息公开 > 部门 > …), the
# page's 来源: / 发布时间: / 浏览量: / 字体:[ ] / 关闭窗口 line (schemas/page_furniture.json)
_CHROME = rx_compile(r"^(?:" + "|".join(load("page_furniture")["labels"]) + r")"
                     r"\s*[:：>]|\S\s*[>›»]\s*\S.*[>›»]|字[体号]\s*[:：]?\s*[\[【]|关闭窗口")
# a table's row written as text (cells between |, tabs), or its heading row (项目 2016年预算数)
_ROW = rx_compile(r"[|\t]|^(?:项目|科目|项目名称|科目名称|支出项目|收入项目)(?:\s|$)")


def _body(line: str) -> bool:
    """A line of a page's body, not of its cover or title: a table's row written as text, a list or
    section number's line (一、…, 第一部分…: a contents list, the text), a chart's caption
    (…结构图), a sentence (ASCII punctuation: a page converted to text; a colon inside: 附件:…)."""
    t = compact(line)
    return bool(_ROW.search(line) or marker(t) or t.endswith("图") or rx_re.search(r"[,;]|[:：](?!$)", t))


def _cover(raw: RawDocument) -> str:
    for page in raw.pages[:2]:
        lines = [clean(b.text) for b in page.blocks if isinstance(b, TextLine) and clean(b.text)]
        # a tables-only volume starts with a table: its title, 部门 and 单位 lines are no cover; a
        # page with no table and no 单位 line is one, its title kept however it ends (江苏省2018年度 /
        # 省级部门预算公开报表 / 部门:… / 江苏省财政厅印制, jiangsu-shengweiban-2018-budget-tables p.1)
        cover = not any(isinstance(b, Grid) for b in page.blocks) and not any(find_unit(ln) for ln in lines)
        lines = [ln for ln in lines if compact(ln) not in ("目录", "目次") and not department_of(ln)
                 and not find_unit(ln) and (cover or not title_like(ln)) and not is_number_line(ln)
                 and not _PRINTER.search(compact(ln))
                 and not rx_re.search(r"[，。；]", ln)]  # a sentence (a note under a table) is no cover
        title, taken = "", 0
        for ln in lines:
            if _CHROME.search(ln) or compact(ln).isdigit():
                if title:
                    break  # a title's lines follow one another
                continue  # a web page's chrome, a page number: the title may follow
            if _body(ln):
                break  # the body has begun: the title is what came before it, if anything
            title += ln
            taken += 1
            if taken == 4 or PRINTED_YEAR.search(title) and rx_re.search(r"预算|决算", title):
                break
        if title and rx_re.search(r"预算|决算|(19|20)\d{2}", title):
            return clean(title)
    return ""


def describe(raw: RawDocument, paras: list[Paragraph], contexts: list[Context]) -> Meta:
    title = _cover(raw)
    heads = " ".join(p.text for p in paras[:40])
    years = Counter(int(y) for y in PRINTED_YEAR.findall(title))
    if not years:
        years = Counter(int(y) for c in contexts for y in PRINTED_YEAR.findall(c.title_printed))
    if not years:
        years = Counter(int(y) for y in PRINTED_YEAR.findall(heads))
    year = years.most_common(1)[0][0] if years else None
    # 预决算 (a portal's column: 部门预决算公开) says neither: the body decides
    # no title: the first heading says (一、2022年“三公”经费预算安排情况)
    t = compact(title or next((p.text for p in paras[:5] if p.kind == "heading"), "")).replace("预决算", "")
    blob = t + " " + " ".join(c.title for c in contexts)
    kind = "final_accounts" if "决算" in t else "budget" if "预算" in t else (
        "final_accounts" if "决算" in blob else "budget" if "预算" in blob else _kind_of_body(paras))
    if "单位预算" in t or "单位决算" in t or "预算单位" in blob:
        level = "unit"
    elif "本级" in t and "部门" not in t:
        level = "unknown"  # a government's own level summed over its departments (本级“三公”经费)
    elif "部门" in t or "部门" in blob or "部门" in heads or _department_label(raw):
        level = "department"
    else:
        level = "unknown"
    # the department: an organisation's name (departments.organisation_name), never a fragment of
    # the page: the 编制部门 lines over its tables, else the organisation before its tables' standard
    # titles, else the cover's title without its year and 部门预算/决算; "" when none names one
    depts = Counter(o for o in (organisation_name(c.department) for c in contexts if c.department) if o)
    department = depts.most_common(1)[0][0] if depts else ""
    if not department:  # the organisation's name before the standard title of its tables
        orgs = Counter(o for o in (organisation_name(organisation(c.title)) for c in contexts if c.title) if o)
        department = orgs.most_common(1)[0][0] if orgs else ""
    if not department and title:  # the cover: its lines without the year and 部门预算/决算
        department = organisation_name(_STRIP.sub("", rx_re.sub(r"^\s*(?:19|20)\d{2}\s*年度?\s*", "", title)))
    named = organisation_name(raw.pdf_metadata.get("department", "")) if raw.source_format == "pagetext" else ""
    if named and (not department or len(named) > len(department) and _abbreviates(department, named)):
        department = named  # the full name of the unit the page's 单位名称 row prints (平潭农机站: …农业机械管理站)
    if not department and raw.source_format in ("xlsx", "xls", "xmlss", "csv"):
        department = organisation_name(raw.pdf_metadata.get("department", ""))  # a workbook's 预算单位 | … cell (extract/sheet.py)
    return Meta(title, department, year, kind, level)


_DEPT_LABEL = rx_compile(r"^\s*(?:编制|预算主管)?部门(?:名称)?\s*[:：]")


def _department_label(raw: RawDocument) -> bool:
    """A tables-only volume prints `部门：中共江苏省委办公厅` over its tables (a unit's prints 单位名称：):
    the department's disclosure."""
    for page in raw.pages[:3]:
        for b in page.blocks:
            texts = [b.text] if isinstance(b, TextLine) else [c.text for c in b.cells[:8]]  # a title in the ruling
            if any(_DEPT_LABEL.match(clean(ln)) for t in texts for ln in t.split("\n")):
                return True
    return False


def _abbreviates(short: str, full: str) -> bool:
    """Every character of `short` appears in `full`, in order (平潭农机站 in 平潭综合实验区农业机械管理站)."""
    it = iter(full)
    return all(ch in it for ch in short)


def _kind_of_body(paras: list[Paragraph]) -> str:
    """budget or final_accounts from the running text when no title says: 决算 (not 预决算) printed
    more often than 预算 alone, or not at all."""
    text = compact(" ".join(p.text for p in paras[:200])).replace("预决算", "")
    final = text.count("决算")
    budget = text.count("预算") - text.count("一般公共预算") - text.count("基金预算") - text.count("经营预算")
    if final > budget and final >= 2:
        return "final_accounts"
    if budget > final and budget >= 2:
        return "budget"
    return "unknown"
