"""Rule narrative.three_public_items: the “三公” explanation states each of its four items —
因公出国（境）费, 公务用车购置费, 公务用车运行维护费, 公务接待费 — with an amount (0 counts) or says it did
not occur (未发生, 无…支出). A merged 公务用车购置及运行维护费 states neither the purchase nor the running
costs on its own.

Shapes: reads the paragraphs under a heading naming “三公” (or, when no heading does, the
paragraphs that speak of “三公”经费 and those after each in its section, up to the next 一、 item,
and those under the headings naming its items after it). An item a “三公” table of the document
prints with a figure (0 or a dash counts) is stated. One test per item; a finding (warning) per item left out,
with the section's first paragraph as evidence. Words: schemas/reviewer_words.json
(three_public_items, merged_vehicle, not_incurred). Source: issue #13; GovBudgetChecker
V33-SG-COMPLETION.
"""
from __future__ import annotations

import re
from decimal import Decimal

from disclosure.checks.findings import Evidence, Finding
from disclosure.checks.ledger import Tally
from disclosure.model import Document
from disclosure.normalize.rounding import DEFAULT_UNITS
from disclosure.normalize.text import compact
from disclosure.normalize.units import AMOUNT_IN_TEXT
from disclosure.prose.subjects import KEYWORDS
from disclosure.rx import compile as rx_compile
from disclosure.schemas import load
from disclosure.structure.sections import marker
from disclosure import rx as rx_re

RULE = "narrative.three_public_items"
_W = load("reviewer_words")
ITEMS: dict[str, list[str]] = _W["three_public_items"]
_MERGED = rx_compile("|".join(re.escape(w) for w in sorted(_W["merged_vehicle"], key=len, reverse=True)))
_NONE = rx_compile("|".join(_W["not_incurred"]))
_ALL_NONE = rx_compile(r"(?:未|没有|无|不)(?:发生|安排|列支)?[^，。；]{0,6}[“\"]?三公[”\"]?经费|三公[”\"]?经费[^，。；]{0,10}(?:为0|为零|未发生|无)")


_ITEM_WORD = rx_compile("|".join(re.escape(compact(w)) for ws in ITEMS.values() for w in ws)
                        + "|" + _MERGED.pattern + "|公务用车")


def names_item(heading: str) -> bool:
    """A heading naming one of the “三公” items (一、因公出国(境)经费, 二、公务用车购置及运行维护费,
    （三）公务接待费): a part of the “三公” explanation."""
    return bool(_ITEM_WORD.search(compact(heading).replace("(", "（").replace(")", "）")))


def section(doc: Document) -> list:
    """The paragraphs of the “三公” explanation: those under a heading naming “三公”, else each
    paragraph speaking of “三公”经费 and the paragraphs after it in its section up to a 一、 item,
    and those under the headings naming its items that follow it (一、因公出国(境)经费 … 三、公务
    接待费, each over its paragraph: a lead sentence and its items as sub-headings)."""
    under = [p for p in doc.paragraphs if p.kind == "paragraph" and any("三公" in s for s in p.section_path)]
    if under:
        return under
    out, on, item = [], None, None
    for p in doc.paragraphs:
        if p.kind != "paragraph":
            item = p.text.strip() if (on is not None or item is not None) and names_item(p.text) else None
            on = None
        elif "三公" in p.text and "经费" in p.text:
            out.append(p)
            on, item = tuple(p.section_path), None
        elif on is not None and tuple(p.section_path) == on and (marker(p.text) or (9, ""))[0] > 1:
            out.append(p)  # the items it goes on to list: （一）因公出国（境）费189.91万元 …
        elif item is not None and p.section_path and compact(p.section_path[-1]) == compact(item):
            out.append(p)  # under 一、因公出国(境)经费: 2014年…没有安排出国计划
        else:
            on = item = None
    return out


def said(paras: list) -> str:
    """The explanation's words: each paragraph's text, after the heading it stands under inside the
    “三公” section, or the heading naming a “三公” item it stands under, when that heading is new
    (（一）公务接待费 over 2017年预算安排1.3万元: the heading names the item its paragraph states;
    fujian-pingtan-welfare-home-2017-budget)."""
    out, last = [], ()
    for p in paras:
        k = next((i for i, s in enumerate(p.section_path) if "三公" in s), None)
        heads = tuple(p.section_path[k + 1:]) if k is not None else \
            tuple(p.section_path[-1:]) if p.section_path and names_item(p.section_path[-1]) else ()
        if heads and heads != last:
            out.append(heads[-1])
        last = heads
        out.append(p.text)
    return "".join(out)


def stated(text: str, words: list[str]) -> bool:
    """One of the item's words followed, in its clause, by an amount or by words saying it did not occur."""
    for w in sorted(words, key=len, reverse=True):
        for m in rx_re.finditer(re.escape(compact(w)), text):  # (words of measures.json: a fixed few)
            after = rx_re.split(r"[。；]", text[m.end():m.end() + 60])[0]
            clause = rx_re.split(r"[。；，]", text[max(0, m.start() - 16):m.start()])[-1] + text[m.start():m.end()] + after
            if AMOUNT_IN_TEXT.search(after) or _NONE.search(clause):  # …1万元 / 无公务用车购置预算安排
                return True
    return False


def in_tables(doc: Document, item: str) -> bool:
    """A “三公” table of the document prints the item (KEYWORDS' measure: 公务接待费 reception) with a
    figure, 0 or a dash: the document states it (a blank cell does not)."""
    measures = KEYWORDS.get(item, set())
    return any(v.measure in measures and v.amount.status in ("number", "dash")
               for t in doc.tables if t.type == "three_public_expenses" for r in t.rows for v in r.values)


def findings(doc: Document, units: Decimal = DEFAULT_UNITS, tally: Tally | None = None) -> list[Finding]:
    tally = tally if tally is not None else Tally("")
    tally.none("no “三公” explanation")
    paras = section(doc)
    if not paras:
        return []
    text = compact(said(paras)).replace("(", "（").replace(")", "）")
    rest = _MERGED.sub("＃", text)  # the merged vehicle total is neither item on its own
    page = paras[0].page
    if _ALL_NONE.search(text) and not any(stated(rest, ws) for ws in ITEMS.values()):
        for item in ITEMS:
            tally.test(item, page, None)  # 未安排“三公”经费: every item said not to occur
        return []
    out = []
    for item, words in ITEMS.items():
        if stated(rest, words) or in_tables(doc, item):
            tally.test(item, page, None)
            continue
        merged = item.startswith("公务用车") and _MERGED.search(text)
        out.append(tally.test(item, page, Finding(
            RULE, "warning",
            f"“三公”经费说明未单独说明{item}（金额或未发生）" + ("，仅给出购置及运行维护费合计" if merged else ""),
            f"the “三公” explanation does not state {item} (an amount or that it did not occur)"
            + (", only the merged vehicle total" if merged else ""),
            None, None, None, False, None,
            [Evidence(page, paras[0].box.to_dict() if paras[0].box else None, paras[0].text[:120])])))
    return out
