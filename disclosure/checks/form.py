"""Completeness and form rules:

- form.template_leftover: placeholders of the official template left in the text (XX, ××,
  增加（减少）, a reason clause with no reason: 主要原因是。, an amount left out: 预算支出万元);
- form.title_year: a table title, or the prose naming the document itself (2018年部门汇总预算),
  with another year than the document's;
- form.empty_table_unexplained: a table with no amounts and no note saying why;
- form.empty_note_contradicted: a table whose note says it is empty (故本表为空表) prints amounts;
- form.unit_missing: a table with amounts and no unit printed with it (error when no unit is known
  at all, info when the unit of the table before is carried over);
- form.announced_table_missing: a table the document's own contents announce is not in it;
- form.level_wording: 部门 wording in the table titles of a unit budget, or 单位 wording in a
  department budget's.
"""
from __future__ import annotations

from collections import Counter

from decimal import Decimal

from disclosure.checks.findings import Evidence, Finding
from disclosure.checks.ledger import Tally
from disclosure.normalize.rounding import DEFAULT_UNITS
from disclosure.checks.unread import table_unread, unread_pages
from disclosure.model import Document
from disclosure.normalize.text import PRINTED_YEAR, compact
from disclosure.rx import compile as rx_compile

_LEFTOVER = rx_compile(r"(?<![A-Za-z])(XX+|ＸＸ+|××+|xx+)(?![A-Za-z])|增加（减少）|增加\(减少\)|增（减）"
                       r"|(主要)?原因(是|为|：|:)\s*[。；;]|(主要)?用于\s*[。；]"
                       r"|(?<!单位)(?:支出|收入|预算|合计|总计|安排|为)\s*(?:万元|元)(?![/／])")  # an amount left out
_COUNTER = rx_compile(r"^(序号|编号|行次|栏次)$")  # (counts, 人数 个数 数量 人次 …, are measure count)


def _table_evidence(t) -> Evidence:
    return Evidence(t.pages[0] if t.pages else None, t.box.to_dict() if t.box else None, t.title)


def _para_evidence(p, text: str) -> Evidence:
    return Evidence(p.page, p.box.to_dict() if p.box else None, text)


def unread_text(doc: Document, tally: Tally) -> None:
    """Every unread page is text a rule over the whole document did not see: `not_read`."""
    tally = tally if tally is not None else Tally("")
    for page, why in unread_pages(doc).items():
        tally.not_read(f"p.{page}", page, why)


def template_leftovers(doc: Document, units: Decimal = DEFAULT_UNITS, tally: Tally | None = None) -> list[Finding]:
    """One finding per paragraph (or table) that keeps placeholders, naming each kind once."""
    tally = tally if tally is not None else Tally("")
    out = []
    tally.none("no text and no table")
    unread_text(doc, tally)
    for p in doc.paragraphs:
        found = list(dict.fromkeys(m.group(0).strip() for m in _LEFTOVER.finditer(p.text)))
        if not found:
            tally.test(f"段{p.index}", p.page, None)
        if found:
            marks = "、".join(f"“{x}”" for x in found)
            out.append(tally.test(f"段{p.index}", p.page, Finding("form.template_leftover", "warning", f"模板遗留内容{marks}：{p.text[:60]}",
                               f"template placeholder(s) left in the text: {', '.join(found)}",
                               evidence=[_para_evidence(p, p.text[:120])])))
    for t in doc.tables:
        found = list(dict.fromkeys(m.group(0).strip() for m in
                                   _LEFTOVER.finditer(t.title + " " + " ".join(r.name for r in t.rows))))
        f = None
        if found:
            marks = "、".join(f"“{x}”" for x in found)
            f = Finding("form.template_leftover", "warning", f"{t.label}中有模板遗留内容{marks}",
                        f"table {t.index} contains template placeholder(s): {', '.join(found)}",
                        table=t.index, evidence=[_table_evidence(t)])
            out.append(f)
        tally.test(t.label, t.pages[0] if t.pages else None, f)
    return out


def title_years(doc: Document, units: Decimal = DEFAULT_UNITS, tally: Tally | None = None) -> list[Finding]:
    """Rule form.title_year (tables): a table title naming a year that is not the document's."""
    tally = tally if tally is not None else Tally("")
    tally.none("no table title naming a year")
    if not doc.year:
        if any(PRINTED_YEAR.search(t.title_printed or t.title) for t in doc.tables):
            tally.missing("table titles", None, "the document's year is not known")
        return []
    out = []
    for t in doc.tables:
        years = {int(y) for y in PRINTED_YEAR.findall(t.title_printed or t.title)}
        if years and doc.year in years:
            tally.test(t.label, t.pages[0] if t.pages else None, None)
        if years and doc.year not in years:
            out.append(tally.test(t.label, t.pages[0] if t.pages else None, Finding("form.title_year", "warning",
                               f"{t.label}标题年份{'、'.join(map(str, sorted(years)))}与文件年度{doc.year}不一致",
                               f"table {t.index} title names {sorted(years)}, the document is for {doc.year}",
                               table=t.index, evidence=[_table_evidence(t)])))
    return out


_SELF_YEAR = rx_compile(r"(?<![与比较和])((?:19|20)\d{2})\s*年度?\s*(?:本?部门|单位|区级部门|省级部门)(?:汇总)?"
                        r"(?:预算|决算)")


def text_years(doc: Document, units: Decimal = DEFAULT_UNITS, tally: Tally | None = None) -> list[Finding]:
    """The prose naming the document itself with another year (纳入本部门2018年部门汇总预算 in a 2019
    budget): last year's text left in. Comparisons (与2018年…相比) are not this."""
    tally = tally if tally is not None else Tally("")
    tally.none("no sentence naming the document itself with a year")
    if not doc.year:
        if any(_SELF_YEAR.search(p.text) for p in doc.paragraphs):
            tally.missing("the text", None, "the document's year is not known")
        return []
    out = []
    for p in doc.paragraphs:
        for m in _SELF_YEAR.finditer(p.text):
            if int(m.group(1)) == doc.year:
                tally.test(m.group(0), p.page, None)
            else:
                snippet = p.text[max(0, m.start() - 20):m.end() + 20]
                out.append(tally.test(m.group(0), p.page, Finding("form.title_year", "warning",
                                   f"说明中“{m.group(0)}”与文件年度{doc.year}不一致：{snippet}",
                                   f"the text names '{m.group(0)}' in a document for {doc.year}",
                                   evidence=[_para_evidence(p, snippet)])))
    return out


_LEVEL_WORDS = {
    # the document's level -> table-title wording that belongs to the other level
    "unit": rx_compile(r"部门(?:财务)?(?:收支|收入|支出|预算|决算)(?!经济分类)|预算部门"),
    "department": rx_compile(r"单位(?:财务)?(?:收支|收入|支出|预算|决算)|预算单位"),
}


def level_wording(doc: Document, units: Decimal = DEFAULT_UNITS, tally: Tally | None = None) -> list[Finding]:
    """Rule form.level_wording: a unit budget (单位预算) whose table titles speak of the 部门, or a
    department budget (部门预算) whose titles speak of the 单位 — a template of the other level left in.
    部门预算经济分类, the name of the classification, is no such wording."""
    tally = tally if tally is not None else Tally("")
    tally.none("no table titles")
    rx = _LEVEL_WORDS.get(doc.level)
    if rx is None:
        if doc.tables:
            tally.missing("table titles", None, "the document's level (部门 or 单位) is not known")
        return []
    other = "部门" if doc.level == "unit" else "单位"
    out = []
    for t in doc.tables:
        m = rx.search((t.title_printed or t.title).replace("部门预算经济分类", "").replace("部门经济分类", ""))
        if not m:
            tally.test(t.label, t.pages[0] if t.pages else None, None)
        if m:
            out.append(tally.test(t.label, t.pages[0] if t.pages else None, Finding("form.level_wording", "warning",
                               f"{'单位' if doc.level == 'unit' else '部门'}预算的{t.label}标题用了“{m.group(0)}”：{t.title}",
                               f"a {doc.level}-level document titles table {t.index} with {other} wording "
                               f"('{m.group(0)}')", table=t.index,
                               evidence=[_table_evidence(t)])))
    return out


# the words every table title and budget sentence may carry: what is left names what a table holds
# (财政拨款政府性基金支出预算表 -> 政府性基金; 一般公共预算“三公”经费支出表 -> 三公经费)
_GENERIC = rx_compile(r"(?:19|20)\d{2}年度?|本?部门|本单位|财政拨款|一般公共预算|预算|决算|支出|收入|总表|明细表|"
                      r"情况|表|合计|总计|[“”\"（）()]")


def _stated_zero(doc: Document, t) -> bool:
    """The text prints 0 for what the empty table holds (江苏省委办公厅2018年政府性基金支出预算支出0万元，
    与上年数一致 for 表10 财政拨款政府性基金支出预算表, jiangsu-shengweiban-2018-budget text and
    tables volumes read together): the table is empty because its amount is nothing, which the
    text says. The table's own words, generic ones taken out, stand in the fact's subject."""
    key = _GENERIC.sub("", compact(t.title))
    if len(key) < 2:
        return False
    return any(f.value == 0 and key in _GENERIC.sub("", compact(f.subject or "")) for f in doc.facts)


def empty_tables(doc: Document, units: Decimal = DEFAULT_UNITS, tally: Tally | None = None) -> list[Finding]:
    """Rule form.empty_table_unexplained: an empty standard table needs a note saying why. A table
    that looks empty beside an unread page (its body may be there) is `not_read`."""
    tally = tally if tally is not None else Tally("")
    out = []
    tally.none("no empty standard table")
    for t in doc.tables:
        if t.empty and t.type not in ("other", "performance_targets"):
            page = t.pages[0] if t.pages else None
            why = table_unread(doc, t)
            if t.note or _stated_zero(doc, t):
                tally.test(t.label, page, None)
            elif why:
                tally.not_read(t.label, page, why)
            else:
                out.append(tally.test(t.label, page, Finding(
                    "form.empty_table_unexplained", "warning", f"{t.label}“{t.title}”为空表，未说明原因",
                    f"table {t.index} ({t.title}) is empty and no note says why", table=t.index,
                    evidence=[_table_evidence(t)])))
    return out


EMPTY_NOTE_RULE = "form.empty_note_contradicted"
# a note saying its table is empty (故本表为空表, 本表无数据)
_EMPTY_SAID = rx_compile(r"空表|无数据")


def empty_notes(doc: Document, units: Decimal = DEFAULT_UNITS, tally: Tally | None = None) -> list[Finding]:
    """Rule form.empty_note_contradicted: a table whose note says it is empty (本部门2024年无“三公”经费
    和机关运行经费预算，故本表为空表) while it prints amounts other than 0: the note or the figures is
    wrong (putuo-wanli-2024 p.31 prints 47.91 / 1.35 / 46.56 / 25 / 21.56 / 443.18 under it). The
    evidence is the note and the table's first figures."""
    tally = tally if tally is not None else Tally("")
    out = []
    tally.none("no note saying its table is empty")
    for t in doc.tables:
        if not t.note or not _EMPTY_SAID.search(compact(t.note)):
            continue
        page = t.pages[0] if t.pages else None
        shown = [(r, v) for r in t.rows for v in r.values if v.amount.status == "number" and v.amount.value]
        if not shown:
            tally.test(t.label, page, None)
            continue
        figures = "、".join(v.amount.printed for _, v in shown[:6]) + ("…" if len(shown) > 6 else "")
        out.append(tally.test(t.label, page, Finding(
            EMPTY_NOTE_RULE, "warning", f"{t.label}“{t.title}”注明“{t.note.strip()[:60]}”，但表中列有金额：{figures}",
            f"table {t.index} ({t.title}) says it is empty ('{t.note.strip()[:60]}') but prints {len(shown)} "
            f"amounts: {figures}", table=t.index,
            evidence=[Evidence(page, None, t.note.strip())] + [
                Evidence(v.box.page if v.box else page, v.box.to_dict() if v.box else None,
                         f"{t.label} {r.name} / {v.column}".replace("  ", " "), v.amount.printed)
                for r, v in shown[:3]])))
    return out


def units(doc: Document, units: Decimal = DEFAULT_UNITS, tally: Tally | None = None) -> list[Finding]:
    """Rule form.unit_missing: every table of amounts prints its unit; `not_applicable` in a document
    that is no disclosure (form.not_a_disclosure), whose figures are no budget's amounts."""
    tally = tally if tally is not None else Tally("")
    out = []
    if not _of_a_disclosure(doc) and not unread_pages(doc):
        # a list that is no disclosure's (a price list saved as .xlsx): form.not_a_disclosure says
        # what it is; a unit is asked of a budget's amounts, not of its figures
        tally.none("not a disclosure (form.not_a_disclosure)")
        return out
    tally.none("no table of amounts")
    for t in doc.tables:
        has_amounts = any(v.amount.status == "number" and v.measure != "count"
                          and not _COUNTER.match(compact(v.column.split("/")[-1])) for r in t.rows for v in r.values)
        if not has_amounts or t.type == "performance_targets":
            continue
        where = [_table_evidence(t)]
        page = t.pages[0] if t.pages else None
        if not t.unit:
            out.append(tally.test(t.label, page, Finding(
                "form.unit_missing", "error", f"{t.label}“{t.title}”未标明金额单位",
                f"table {t.index} ({t.title}) prints amounts with no unit", table=t.index, evidence=where)))
        elif not t.unit_inferred:
            tally.test(t.label, page, None)
        elif t.unit_inferred:
            out.append(tally.test(t.label, page, Finding("form.unit_missing", "info",
                               f"{t.label}“{t.title}”未标明金额单位，沿用前表单位{t.unit}",
                               f"table {t.index} ({t.title}) prints no unit; the {t.unit} of the table before "
                               "is carried over", table=t.index, evidence=where)))
    return out


def announced_tables(doc: Document, units: Decimal = DEFAULT_UNITS, tally: Tally | None = None) -> list[Finding]:
    """Rule form.announced_table_missing: every table the contents announce is printed. With
    unread pages, a missing one may be on them: `not_read`."""
    tally = tally if tally is not None else Tally("")
    tally.none("no contents announcing tables")
    if not doc.tables and doc.announced_tables:
        tally.missing("announced tables", None, "the document prints no tables (its tables may be another "
                      "volume: check both together)")
    if not doc.tables or not doc.announced_tables:
        return []  # a narrative volume whose tables are printed in another file
    found = Counter(t.type for t in doc.tables)
    unread = unread_pages(doc)
    out = []
    for a in doc.announced_tables:
        if a["type"] == "other":
            continue
        if found[a["type"]]:
            found[a["type"]] -= 1
            tally.test(a["title"], a.get("toc_page"), None)
            continue
        if unread:
            tally.not_read(a["title"], a.get("toc_page"), "; ".join(unread.values()))
            continue
        out.append(tally.test(a["title"], a.get("toc_page"), Finding(
            "form.announced_table_missing", "warning", f"目录列出的“{a['title']}”未在文件中找到",
            f"the contents list '{a['title']}', which the document does not print",
            evidence=[Evidence(a.get("toc_page"), None, a["title"])])))
    return out


STANDARD = {  # the tables every disclosure of the kind prints (DOMAIN.md, the official templates)
    "budget": ["income_expenditure_summary", "income_summary", "expenditure_summary", "fiscal_allocation_summary",
               "general_budget_expenditure", "general_budget_basic_expenditure", "government_fund_expenditure",
               "three_public_expenses"],
    "final_accounts": ["income_expenditure_summary", "income_summary", "expenditure_summary",
                       "fiscal_allocation_summary", "general_budget_expenditure", "general_budget_basic_expenditure",
                       "three_public_expenses", "government_fund_expenditure"],
}


def _published_alone(doc: Document) -> str:
    """The type of the one table a file publishes, when it is one table of a disclosure and not the
    whole: every table read is of one type (a 续表 is read as its own table) and the document's title
    is that table's title or names that type, or there is no title (a portal page or attachment of a
    department's “三公” statement alone, guilin-2015 in the session-26 trial). "" otherwise."""
    from disclosure.normalize.table_types import table_type
    types = {t.type for t in doc.tables}
    if len(types) != 1 or "other" in types:
        return ""
    (kind,) = types
    title = compact(doc.title or "")
    return kind if not title or title in {compact(t.title) for t in doc.tables} or table_type(title) == kind else ""


def standard_tables(doc: Document, units: Decimal = DEFAULT_UNITS, tally: Tally | None = None) -> list[Finding]:
    """Rule form.standard_table_missing: a standard table of the document's kind that it neither prints
    nor announces (an announced one that is missing is form.announced_table_missing). A volume without
    tables (the narrative of a two-volume disclosure) is `insufficient_data`; with unread pages a
    missing table may be on them (`not_read`); a disclosure of the “三公” expenses alone (its title
    names them, its only tables are theirs), or a file holding one table of a disclosure alone
    (`_published_alone`), is `not_applicable`."""
    tally = tally if tally is not None else Tally("")
    if doc.kind not in STANDARD:
        tally.missing("standard tables", None, "the document's kind (budget or final accounts) is not known")
        return []
    if not doc.tables:
        tally.missing("standard tables", None, "the document prints no tables (its tables may be another volume: "
                      "check both together)")
        return []
    if "三公" in (doc.title or "") and all(t.type == "three_public_expenses" for t in doc.tables):
        # a disclosure of the “三公” expenses alone (a district's 本级“三公”经费决算情况), not a department's
        tally.none("a disclosure of the “三公” expenses alone, not of a department's budget or final accounts")
        return []
    alone = _published_alone(doc)
    if alone:
        tally.none(f"one table of a disclosure published alone ({alone}), not the whole disclosure")
        return []
    have = {t.type for t in doc.tables} | {a["type"] for a in doc.announced_tables}
    unread = unread_pages(doc)
    out = []
    for kind in STANDARD[doc.kind]:
        if kind in have:
            tally.test(kind, None, None)
        elif unread:
            tally.not_read(kind, None, "; ".join(unread.values()))
        else:
            out.append(tally.test(kind, None, Finding(
                "form.standard_table_missing", "warning", f"未见标准表：{kind}",
                f"the standard table {kind} of a {doc.kind} document is neither printed nor announced",
                evidence=[Evidence(None, None, kind)])))
    return out


NOT_A_DISCLOSURE = "form.not_a_disclosure"


def _of_a_disclosure(doc: Document) -> bool:
    """Something of a budget or final account was read: a year or a kind, a table of a budget type
    (not "other") printing an amount, or an amount in the text (form.not_a_disclosure's test)."""
    return bool(doc.year or doc.kind in STANDARD or doc.facts or any(
        v.amount.status == "number" for t in doc.tables if t.type != "other" for r in t.rows for v in r.values))


def not_a_disclosure(doc: Document, units: Decimal = DEFAULT_UNITS, tally: Tally | None = None) -> list[Finding]:
    """Rule form.not_a_disclosure: nothing of a budget or final account was read: no year and no
    kind, no table of a budget type (收支总表, 基本支出表, 三公 …; not "other") printing an amount and
    no amount in the text. A file that only bears a disclosure's name (a portal's 404 page saved as
    .pdf, a login page, a list of links) is read without an error, so a nightly job would count it
    ok; the warning says what it is. So is a table that is no disclosure's (a chart-of-accounts
    list, a price list saved as .csv or .xlsx in a folder a batch scans): its figures are no budget's
    amounts while no table is of a disclosure's type and nothing names a year or a kind. A document
    with unread pages is `not_read` (its disclosure may be on them)."""
    tally = tally if tally is not None else Tally("")
    if _of_a_disclosure(doc):
        tally.test("the document", None, None)
        return []
    unread = unread_pages(doc)
    if unread:
        tally.not_read("the document", None, "; ".join(unread.values()))
        return []
    first = next((p for p in doc.paragraphs if p.text.strip()), None)
    shown = first.text.strip()[:60] if first is not None else ""
    where = Evidence(first.page, first.box.to_dict() if first.box else None, shown) if first is not None \
        else Evidence(None, None, doc.source)
    if first is None and doc.tables:  # a table alone (a list saved as .csv): what its header names
        t = doc.tables[0]
        shown = (t.title or " | ".join(c for c in (t.header_rows[0] if t.header_rows else t.columns) if c))[:60]
        where = Evidence(t.pages[0] if t.pages else None, t.box.to_dict() if t.box else None, shown)
    finding = Finding(NOT_A_DISCLOSURE, "warning",
                      "未读到预决算内容（无年度、无类型、无预决算表格金额、正文无金额）" + (f"：{shown}" if shown else ""),
                      "nothing of a budget or final account was read: no year, no kind, no table of a budget "
                      "type printing an amount, no amount in the text" + (f" (it begins: {shown})" if shown else ""),
                      evidence=[where])
    return [tally.test("the document", where.page, finding)]


RULES = [("form.template_leftover", template_leftovers), ("form.title_year", title_years),
         ("form.title_year", text_years), ("form.empty_table_unexplained", empty_tables),
         ("form.unit_missing", units), (EMPTY_NOTE_RULE, empty_notes), ("form.announced_table_missing", announced_tables),
         ("form.level_wording", level_wording), ("form.standard_table_missing", standard_tables),
         (NOT_A_DISCLOSURE, not_a_disclosure)]
