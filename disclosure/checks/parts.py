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

The prose belongs to a part too (`disclosures`): the rules that hold a disclosure's prose against
its tables (narrative.*, code_names, three_public_items, zero_base, …) read each part's sentences
against that part's tables, so a unit's 说明 is not matched (or contradicted) by another unit's
table. Prose printed among a part's tables is that part's; before the first, the first's; after
the last, the last's. Between two parts the standard layouts differ (Shanghai prints a
disclosure's prose before and after its tables, Jiangsu its 概况 before and its 说明 after): the
cut between the one's trailing prose and the next's leading prose is where the most stated
amounts agree with the tables of the part they fall in (the arithmetic decides), and among cuts
as good, before a line printing a disclosure's title as a cover does (…20XX年…部门预算), else where
a page begins.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from disclosure.normalize.text import PRINTED_YEAR
from disclosure.model import Document, Paragraph, Table
from disclosure.rx import compile as rx_compile
from disclosure import rx as rx_re

OPENS = "income_expenditure_summary"  # 收支总表: the first table of every standard set


def parts(doc: Document) -> list[list[Table]]:
    """The document's tables (in document order) cut into consecutive parts, a part starting at each
    收支总表 that follows a table of another standard type (a 收支总表 continued or printed twice stays
    in its part; tables of type "other" do not count). Tables before the first 收支总表 belong to the
    first part. A document with at most one 收支总表 is one part (its tables as they are), so a
    single disclosure is compared as a whole; a document without tables is one empty part."""
    tables = doc.tables
    if isinstance(tables, list):
        return [[tables[i] for i in g] for g in positions(tables)[0]]
    return [list(tables[g[0]:g[-1] + 1]) if g else [] for g in positions(tables)[0]]


def positions(tables) -> tuple[list[list[int]], list[tuple[int, int]]]:
    """(each part's tables by their position in `tables` (as `parts` cuts them), each part's span of
    pages (the least and the greatest of its tables' pages, 0 for none)), read in one pass over `tables`, each table let go once its type and pages
    are noted (a model.Spool reads them back one at a time)."""
    out: list[list[int]] = []
    spans: list[tuple[int, int]] = []
    current: list[int] = []
    pages: list[int] = []
    standard = False  # the current part holds a standard table other than its 收支总表
    for i, t in enumerate(tables):
        if t.type == OPENS and standard:
            out.append(current)
            spans.append((min(pages or [0]), max(pages or [0])))
            current, pages, standard = [], [], False
        current.append(i)
        pages.extend(t.pages)
        standard = standard or t.type not in (OPENS, "other")
    out.append(current)
    spans.append((min(pages or [0]), max(pages or [0])))
    return out, spans


# a disclosure's title as its cover prints it (上海市普陀区2025年区级单位预算, 江苏省人民检察院2019年度部门预算公开):
# a line ending in 预算/决算, not a section's heading (2025年单位预算编制说明, 一、2025年“三公”经费预算情况说明)
_TITLE = rx_compile(r"^[^，。；：:、]{0,40}(?:19|20)\d{2}\s*年度?[^，。；：:、]{0,20}(?:预算|决算)(?:公开|报告)?$")


def disclosures(doc: Document) -> list[Document]:
    """The document as one view per part (`parts`): each a Document sharing the original's pages
    and objects, with the part's own title, year, kind and level where it prints them (`_metadata`),
    holding the part's tables and the paragraphs, facts, projects and
    indicators of its prose (module docstring). A document of one part is [doc] itself.
    (Every part's tables at once: the check runner takes them one part at a time, `each`.)"""
    return [view for _, view in each(doc)]


def each(doc: Document):
    """Each part of the document in order as (the document with the part's tables only, the part's
    view as `disclosures` makes it); a document of one part gives (doc, doc) once. The parts'
    tables (and paragraphs and facts) are read from `doc` as they are needed (a model.Spool reads
    them back from its file): at most two parts' tables at once (the part given and the next, which the cut of the prose
    between them compares with), so a compendium of many disclosures is checked one disclosure at
    a time (issue #19)."""
    tables = doc.tables
    groups, spans = positions(tables)
    kept = [(g, sp) for g, sp in zip(groups, spans) if g]
    if len(kept) < 2:
        yield doc, doc
        return
    groups, spans = [g for g, _ in kept], [sp for _, sp in kept]
    paragraphs = doc.paragraphs  # (a model.Spool of a long document's: read back by position)
    owner, gaps = _owners(paragraphs, spans)
    members: list[list[int] | None] = [[] for _ in groups]  # each part's paragraphs, by position
    for i, k in enumerate(owner):
        if k is not None:
            members[k].append(i)
    del owner
    facts = doc.facts  # (a Spool too: read back by position)
    fact_paragraphs = [f.paragraph for f in facts]

    def stated(own: set[int]) -> list:  # the facts of these paragraphs, in order
        return [facts[i] for i, para in enumerate(fact_paragraphs) if para in own]

    def load(g: list[int]) -> list[Table]:
        return list(tables[g[0]:g[-1] + 1])  # a part's tables are consecutive

    current = load(groups[0])
    for k in range(len(groups)):
        after = load(groups[k + 1]) if k + 1 < len(groups) else None
        gap = gaps.pop(k, None)
        if gap:
            gap_paragraphs = [paragraphs[i] for i in gap]
            gap_facts = stated({p.index for p in gap_paragraphs})  # (what _cut reads of doc.facts)
            cut = _cut(replace(doc, facts=gap_facts), gap_paragraphs, current, after)
            del gap_paragraphs, gap_facts
            members[k].extend(gap[:cut])
            members[k + 1].extend(gap[cut:])
        own_paragraphs = [paragraphs[i] for i in sorted(members[k])]
        members[k] = None
        own = {p.index for p in own_paragraphs}
        table_ids = {t.index for t in current}
        pages = {p.page for p in own_paragraphs} | {pg for t in current for pg in t.pages}
        view = replace(doc, **_metadata(doc, current, own_paragraphs), tables=current, paragraphs=own_paragraphs,
                       facts=stated(own),
                       projects=[pr for pr in doc.projects if pr.page in pages],
                       indicators=[i for i in doc.indicators if i.table in table_ids],
                       findings=[], ledger=[])
        yield replace(doc, tables=current), view
        del view, own_paragraphs
        current = after


def _metadata(doc: Document, tables: list[Table], paragraphs: list[Paragraph]) -> dict:
    """A part's own title, year, kind and level where it prints them, else the document's: its cover
    title (the first of its first 12 paragraphs printing a disclosure's title) says the year, 预算 or
    决算, 单位 or 部门; without a year there, the year most of its tables' titles print. A compendium
    of a department's and its units' budgets, or of several years, is checked part by part against
    each part's own (structure/metadata.py reads the document's from its first pages)."""
    title = next((p.text.strip() for p in paragraphs[:12] if _TITLE.match(p.text.strip())), "")
    years = Counter(int(y) for y in PRINTED_YEAR.findall(title)) or Counter(
        int(y) for t in tables for y in set(PRINTED_YEAR.findall(t.title_printed or t.title)))
    out: dict = {"title": title or doc.title, "year": years.most_common(1)[0][0] if years else doc.year}
    if title:
        out["kind"] = "final_accounts" if "决算" in title else "budget"
        level = "unit" if rx_re.search(r"单位(?:预算|决算)", title) else "department" if "部门" in title else ""
        out["level"] = level or doc.level
    return out


def _owners(paragraphs, spans: list[tuple[int, int]]) -> tuple[list[int | None], dict[int, list[int]]]:
    """(for each paragraph in order, the part whose disclosure it belongs to, None for one in a gap
    between parts; k -> the positions of the paragraphs between part k's tables and part k+1's, in
    order, whose parts `_cut` decides), from the parts' spans of pages (module docstring)."""
    owner: list[int | None] = []
    gaps: dict[int, list[int]] = {}
    for i, p in enumerate(paragraphs):
        page = p.page or 0
        inside = next((k for k, (a, b) in enumerate(spans) if a <= page <= b), None)
        if inside is not None:
            owner.append(inside)
        elif page < spans[0][0]:
            owner.append(0)
        elif page > spans[-1][1]:
            owner.append(len(spans) - 1)
        else:
            owner.append(None)
            gaps.setdefault(max(k for k, (_, b) in enumerate(spans) if b < page), []).append(i)
    return owner, gaps


def _cut(doc: Document, gap: list[Paragraph], before: list[Table], after: list[Table]) -> int:
    """How many of the gap's paragraphs (in order) belong to the part before it: the cut where the
    most stated amounts match the tables of their side; among cuts as good, the first before a
    disclosure's title (`_TITLE`) or the lines above it on its page, else the first where a page begins, else the earliest."""
    from disclosure.checks import narrative  # the comparison of a sentence's amount with the tables

    ids = [p.index for p in gap]
    facts = [f for f in doc.facts if f.paragraph in set(ids)]

    def matched(tables: list[Table]) -> set[int]:
        view = replace(doc, tables=tables, paragraphs=gap, facts=facts, findings=[], ledger=[])
        return {id(c.fact) for c in narrative.comparisons(view) if c.status == "matched"}

    left, right = matched(before), matched(after)
    at = {p: i for i, p in enumerate(ids)}
    gain_left = [0] * len(gap)  # per paragraph: facts matching the part before minus the part after
    for f in facts:
        gain_left[at[f.paragraph]] += (id(f) in left) - (id(f) in right)
    scores = [0]  # a cut's matches less those of cut 0 (every paragraph after): the gains before it
    for g in gain_left:
        scores.append(scores[-1] + g)
    best = max(scores)
    tied = [c for c, sc in enumerate(scores) if sc == best]
    for c in tied:
        if c < len(gap) and _TITLE.match(gap[c].text.strip()):
            while c - 1 in tied and gap[c - 1].page == gap[c].page:
                c -= 1  # the cover's lines above its title (the department's name printed apart)
            return c
    for c in tied:
        if 0 < c < len(gap) and gap[c].page != gap[c - 1].page:
            return c
    return tied[0]
