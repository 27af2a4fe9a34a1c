"""Facts: every amount a sentence states, with its subject, its share (占X%), the change against
last year (增加/减少/持平, the amount and the percentage) and the reason clause (主要原因是…).

An amount whose own words are a change (比上年增加24.55万元) or last year's figure is not a fact of
its own: it completes the fact before it in the sentence — or, when a sentence opens with the
change (…预算数为5533万元。与上年相比减少20万元，…), the fact before it in the paragraph: a change
clause belongs to its item. An amount whose words name only which figure it is (年初预算为,
2023年预算执行数为, 2024年预算安排) is about the item named before it (prose/links.py).
"""
from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from itertools import takewhile

from disclosure.model import Document, Fact
from disclosure.normalize.units import AMOUNT_IN_TEXT, FACTORS, PROSE_UNITS, TEXT_FACTORS
from disclosure.normalize.measures import OWN_BASIS
from disclosure.prose import growth, links
from disclosure.prose.subjects import bare, kind_of, subject_of
from disclosure.rx import compile as rx_compile
from disclosure import rx as rx_re

_CHANGE = rx_compile(r"增加|减少|增长|下降|上升|降低|持平|比上年|较上年|同比|与上年|比\d{4}年|增支|减支|多支|少支|小于上年|大于上年")
_PRIOR = rx_compile(r"上年(预算|决算)?(数|为|是)")
_SHARE = rx_compile(r"^\s*[，,]?\s*占[^，。；%]{0,24}?(\d+(?:\.\d+)?)\s*[%％]")
_PCT = rx_compile(r"(增长|下降|增加|减少|上升|降低)\s*(\d+(?:\.\d+)?)\s*[%％]")
_DIRECTION = rx_compile(r"增加|减少|持平|增长|下降|上升|降低|增支|减支|小于|大于")
_REASON = rx_compile(r"(?:主要)?原因(?:是|为|：|:)\s*[:：]?\s*([^。；]*)")
_OPENS_CHANGE = rx_compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*)?(?:" + "|".join(links.OPENERS) + r")")


def _number(s: str) -> Decimal:
    return Decimal(s.replace(",", "").replace("，", ""))


UP = ("增加", "增长", "上升", "增支")
DOWN = ("减少", "下降", "降低", "减支")


def direction_sign(word: str) -> int | None:
    """+1 for a rise (增加, 增长, 上升, 增支), -1 for a fall (减少, 下降, 降低, 减支), 0 for 持平,
    None for any other word (大于, 小于, or none)."""
    return 1 if word in UP else -1 if word in DOWN else 0 if word == "持平" else None


def _direction(words: str) -> str:
    d = _DIRECTION.findall(words)
    if not d:
        return ""
    return {"增支": "增加", "减支": "减少", "小于": "减少", "大于": "增加"}.get(d[-1], d[-1])  # 本年数小于上年…


# the words of a change clause that name no item: the comparison (比上年决算数, 较2017年, 与上年相比,
# 同比), the reason's opening (主要是), and list words; what is left names an item of its own
_NO_ITEM = rx_compile(r"(?:比|较|与|同)?(?:上年|上一年|去年|\d{4}年|年初|本年|今年)(?:度)?(?:同期)?(?:年初)?(?:预算|决算)?"
                      r"(?:执行)?(?:数|额)?(?:相比)?|同比|本年数|主要(?:原因)?(?:是|为|系|用于|由于)?|其中|分别|共计?|"
                      r"合计|总计|全年|相应|增减相抵后?|相抵后|[，,、：:（）()“”\"]")


def own_item(tail: str, current: Fact | None = None) -> str:
    """The item a change clause names before its change word (主要是公务用车购置及运行费较上年增支
    gives 公务用车购置及运行费), '' when it names none (比上年决算数增加) or names the fact before
    (`current`). A change clause belongs to its item: the one it names, else the one before it."""
    tail = rx_re.sub(r"\s+", "", tail)
    m = _CHANGE.search(tail)
    words = _NO_ITEM.sub("", tail[:m.start()] if m else tail)
    if len(rx_re.findall(r"[\u4e00-\u9fff]", words)) < 2:
        return ""
    if current is not None and (words in current.subject or current.subject and current.subject in words):
        return ""
    return words


def _attach_change(current: Fact, tail: str, yuan: Decimal, after: str) -> None:
    prior = _PRIOR.search(tail)
    if prior and not _DIRECTION.search(tail):  # 上年决算数为X; not 比上年决算数增加X, 本年数小于上年预算数X
        current.prior_yuan = yuan
    else:
        current.change_direction = current.change_direction or _direction(tail)
        current.change_amount_yuan = yuan
    pct = _PCT.search(after)
    if pct and current.change_pct is None:
        current.change_pct = Decimal(pct.group(2))


# a heading cut at the end of its line, the paragraph under it its continuation: the heading ends
# with a number (…（项） 1,895 | 万元，与上年相比…) or the paragraph opens by closing a name the heading
# began (…未归口管理的行政单位离退 | 休（项）支出400.02万元)
# a subject that is only a year (2017年预算安排…): the item is named by the section's heading, when
# that heading names an item (not a table, an explanation or a 情况)
_NO_SUBJECT = rx_compile(r"^\s*(?:(?:19|20)\d{2}\s*年度?|本年度?|今年)\s*$")
# a year and which figure, nothing else (2022年决算支出, 2022年支出, 2022年决算数为): no item named
_YEAR_FIGURE = rx_compile(r"^\s*(?:19|20)\d{2}\s*年度?\s*(?:全年|当年)?\s*(?:决算|预算)?\s*(?:支出|数)?\s*"
                          r"(?:决算|预算)?\s*(?:数)?\s*(?:为|是|共计|合计|达到|达)?\s*$")
_LEVEL_OPEN = rx_compile(r"^[^，。；：:、（）()]{0,24}[（(]\s*(?:\d{2,3}\s*)?(?:类|款|项)\s*[）)]")
_HEAD_MARK = rx_compile(r"^\s*(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．])\s*")


def _unit_cut(heading: str, text: str) -> bool:
    """An amount's unit begins at or before the heading's end and ends in the text: the line was cut
    after the number (…支出1,895 | 万元) or inside its unit (…支出2464.02万 | 元，与上年相比…,
    jiangsu-renda-2019-budget p.12)."""
    h, t = heading[-40:], text.lstrip()[:4]
    return any(m.start(2) <= len(h) < m.end(2) for m in AMOUNT_IN_TEXT.finditer(h + t))


def _continues(heading: str, text: str) -> bool:
    h = heading.rstrip()
    if not h or h[-1] in "。；：:！？”）)" and not rx_re.search(r"\d$", h):
        return False
    if _HEAD_MARK.match(text):
        return False  # the paragraph opens an item of its own (1. 社会保障和就业支出（类）…)
    return _unit_cut(h, text) or bool(
        rx_re.search(r"[（(]\s*(?:\d{2,3}\s*)?(?:类|款)\s*[）)]", h) and not rx_re.search(r"[（(]\s*项\s*[）)]$", h)
        and _LEVEL_OPEN.match(text))


def prose(doc: Document) -> Iterator[tuple]:
    """(paragraph, text, context) of every paragraph of prose, one at a time (a long document's
    texts and contexts are never all held: issue #19): `text` its words, with the end of its
    heading first when the paragraph continues a heading cut at the end of its line (the amount or
    the name the heading began); `context` the section's words before it (its heading and the
    paragraphs before it under that heading), where the item a bare figure belongs to is named."""
    section, context, carry = None, "", ""
    for p in doc.paragraphs:
        if p.kind != "paragraph":
            continue
        heading = p.section_path[-1] if p.section_path else ""
        text = p.text
        if tuple(p.section_path) != section:
            section, context, carry = tuple(p.section_path), heading, ""
            if _continues(heading, text):
                text = _HEAD_MARK.sub("", heading).strip() + text
                context = ""
        elif carry and not _HEAD_MARK.match(text):
            text = carry + text  # …财政拨款基本 | 支出预算10403.11万元: a line the reader cut from its sentence
        # a paragraph of no amount that does not end its sentence runs on into the next
        carry = p.text.strip() if (not AMOUNT_IN_TEXT.search(p.text) and len(p.text.strip()) < 80
                                   and not rx_re.search(r"[。；：:！？”）)]\s*$", p.text)) else ""
        yield p, text, context
        context += ("" if context.endswith(("。", "；")) or not context else "。") + text
        context = context[-_CONTEXT:]


# the words before an amount a fact's item is sought in (links.path_before reads the last 200
# characters of them, spaces taken out): a section's run of text is kept to so many characters, so
# a section of many paragraphs costs each fact no more than this (issue #15: hostile inputs)
_CONTEXT = 4000
# a sentence is read a clause at a time past so many characters: the longest in the corpus is 189; a
# page's flattened table or a text with no full stop may run to megabytes in one "sentence", and each
# amount's subject is sought in the words before it (quadratic in the sentence's length)
_LONGEST = 1000
_CLAUSE_END = rx_compile(r"(?<=[，,、：:\s])")
_NUMBER_RUN = rx_compile(r"[\d.,，]+$")


def sentences(text: str) -> list[str]:
    """`text` cut after each 。 and ；, a piece longer than _LONGEST characters cut again after its
    clause marks (，、：, spaces) into runs of at most _LONGEST, a clause longer than that cut where
    no number is broken. The pieces joined give `text` back."""
    out: list[str] = []
    for sentence in rx_re.split(r"(?<=[。；])", text):
        if len(sentence) <= _LONGEST:
            out.append(sentence)
            continue
        run = ""
        for clause in _CLAUSE_END.split(sentence):
            while len(clause) > _LONGEST:  # no mark for a long way: cut before the number under the cut
                run_end = _NUMBER_RUN.search(clause[:_LONGEST])
                cut = _LONGEST - (len(run_end.group(0)) if run_end else 0)
                cut = cut or _LONGEST  # (a number longer than the limit is cut anyway)
                if run:
                    out.append(run)
                    run = ""
                out.append(clause[:cut])
                clause = clause[cut:]
            if run and len(run) + len(clause) > _LONGEST:
                out.append(run)
                run = ""
            run += clause
        if run:
            out.append(run)
    return out


def _next_item(sentence: str, matches: list, at: int, lists: bool) -> int:
    """Where the words from position `at` of the sentence end: at the clause mark before the next
    amount that is neither a change clause nor inside a reason (原因是从会议费预算中调减403.75万元) —
    nor, when `lists`, listed after a 其中 (车辆经费7.60万元，其中…: a list's head speaks to the
    sentence's end) — else at the sentence's end. `matches`: the sentence's AMOUNT_IN_TEXT matches."""
    for mk in matches:
        start = mk.start()
        if start <= at:
            continue
        clause = rx_re.split(r"[，。；：,;:]", sentence[:start])[-1]
        if _CHANGE.search(clause) or "原因" in clause or lists and "其中" in sentence[at:start]:
            continue
        cut = max(sentence.rfind(c, at, start) for c in "，,；;：:")  # (not 三、's)
        cut = cut if cut >= 0 else sentence.rfind("、", at, start)
        return cut if cut >= 0 else start
    return len(sentence)


def _reason(sentence: str, matches: list, n: int) -> str:
    """The reason clause (主要原因是…) said of the sentence's `n`th amount: after it, before the next
    item (…减少170万元，主要原因是…核减运行费预算，公务用车购置费0万元，主要原因是严控“三公”经费: the
    first reason is the first item's and ends where the second item begins), or ""."""
    r = _REASON.search(sentence, matches[n].end(), _next_item(sentence, matches, matches[n].end(), True))
    if r is None:
        return ""
    return sentence[r.start(1):min(r.end(1), _next_item(sentence, matches, r.start(1), False))].strip()


def _listed_basis(levels: list[tuple[int, str]], before: str) -> str:
    """The basis of the total an amount is listed under (…决算为22.62万元。其中公务接待费为20.10万元，
    占88.86%；公务用车运行维护费为2.52万元: actual), or "": `levels` is (where in the paragraph's
    text an amount ends, the basis its words named or "") of the paragraph's levels so far,
    `before` the paragraph's text before the amount. The total is the last level before the last
    其中 of the amount's sentence (a list runs on over ；, to the 。)."""
    at = before.rfind("其中")
    if at < 0 or before.rfind("。") > at:
        return ""
    return next((basis for end, basis in reversed(levels) if end <= at), "")


def facts(doc: Document) -> list[Fact]:
    out: list[Fact] = []
    group = 0
    for p, text, context in prose(doc):
        last: Fact | None = None  # the paragraph's fact before: the item a bare figure belongs to
        levels: list[tuple[int, str]] = []  # where each level ends in text, the basis its words named or ""
        heading = context
        offset = 0  # where the sentence begins in text
        for sentence in sentences(text):
            offset += len(sentence)
            matches = list(AMOUNT_IN_TEXT.finditer(sentence))
            if not matches:
                continue
            group += 1
            current: Fact | None = None
            anchor: Fact | None = None  # the sentence's last fact that is a level, not a change
            for n, m in enumerate(matches):
                before = sentence[:m.start()]
                tail = rx_re.split(r"[，。；：,;:]", before)[-1]
                value = _number(m.group(1))
                yuan = value * TEXT_FACTORS[m.group(2)]
                after = sentence[m.end():matches[n + 1].start() if n + 1 < len(matches) else len(sentence)]
                if rx_re.match(r"^\s*(?:（含）)?(?:以上|以下)", sentence[m.end():]):
                    continue  # 单价100万元以上: a threshold, not an amount of anything
                if current is None and last is not None and _OPENS_CHANGE.match(sentence) and _CHANGE.search(tail) \
                        and last.change_amount_yuan is None and last.change_pct is None \
                        and not links.refine(tail, doc.year)[3]:
                    current = last  # 与上年相比减少20万元: the change of the item before
                own = own_item(tail, current) if current is not None and _CHANGE.search(tail) else ""
                if current is not None and _CHANGE.search(tail) and not own:
                    # the net change (增减相抵后增加X) is the sentence's item's, not that of a change named before it;
                    # in a sentence of changes only (主要原因是…增加综合管理费209万元…，增减相抵后增加123.67万元), the
                    # paragraph's item's, which a change stated already keeps (jiangsu-renda-2019-budget p.12)
                    if current.is_change and anchor is None and last is not None and last is not current:
                        if last.change_amount_yuan is None:
                            _attach_change(last, tail, yuan, after)
                        continue
                    _attach_change(anchor if anchor is not None and current.is_change else current, tail, yuan, after)
                    continue
                subject, kind, code = subject_of(before, doc.year)
                # the clause names only the year and which figure (2022年决算支出, 2018年预算支出合计): the
                # item is named before it in the sentence (检察（款）：), else by the section's heading
                year_figure = bool(_YEAR_FIGURE.match(tail))
                alone = year_figure and not before[:len(before) - len(tail)].strip()
                if (_NO_SUBJECT.match(subject) or alone) and p.section_path:
                    # 2017年预算安排1.3万元, 2022年决算支出5.00万元 under （一）公务接待费: the sentence
                    # names only the year and which figure; the heading names the item
                    named = _HEAD_MARK.sub("", p.section_path[-1]).strip()
                    if named and len(named) <= 24 and not AMOUNT_IN_TEXT.search(named) \
                            and not rx_re.search(r"表|说明|情况", named):
                        subject, kind, code = subject_of(named, doc.year)
                        if kind == "other" and kind_of(bare(named)) != "other":
                            subject, kind = bare(named), kind_of(bare(named))  # 因公出国（境）经费
                if own and own in subject:
                    subject = own  # 主要是公务用车购置及运行费较上年增支: 公务用车购置及运行费
                link = links.link_of(subject, kind, code)
                if link == "item":
                    subject = links.keyword_of(subject)
                if not link:
                    s2, k2, c2, l2 = links.refine(before, doc.year)
                    if l2 and not year_figure:
                        subject, kind, code, link = s2, k2, c2, l2
                    elif not s2 or links.basis_only(tail) or year_figure:
                        # only which figure (年初预算为): the item named before in the paragraph
                        said = ((heading + "。" if heading else "") + text[:offset - len(sentence)] + before)[-_CONTEXT:]
                        path = links.path_before(said, doc.year)
                        if path is not None:
                            subject, kind, code, link = path.name, "path", path.code, "code"
                        elif links.name_before(said):
                            subject, kind, code, link = links.name_before(said), "other", "", "item"
                        elif last is not None and last.link:
                            subject, kind, code, link = last.subject, last.subject_kind, last.code, last.link
                        elif links.as_total(tail):
                            subject, kind, code, link = links.as_total(tail), "total", "", "total"
                if kind == "other" and current is not None and current.subject_kind != "other" \
                        and not current.is_change and rx_re.search(r"元\s*[、和及与][^，。；,;：:]*$", before):
                    kind = current.subject_kind  # listed after another's amount (货物支出268万元、拟购买服务支出): its kind
                if kind == "other" and rx_re.search(r"资产|车辆|房屋|设备.*价值", sentence):
                    kind = "assets"
                fact = Fact(len(out) + 1, p.index, p.page, sentence.strip(), subject, kind, code, m.group(0),
                            PROSE_UNITS.get(m.group(2), m.group(2)), value, yuan, group=group, link=link,
                            basis=links.basis_of(tail, doc.year))
                listed = _listed_basis(levels, text[:offset - len(sentence)] + before)
                if not fact.basis and listed and not _CHANGE.search(tail):
                    fact.basis = listed  # 决算为22.62万元。其中公务接待费为20.10万元: the total's figure
                if not _CHANGE.search(tail):
                    levels.append((offset - len(sentence) + m.end(), fact.basis))
                if fact.basis == "prior_year" and current is not None and current.prior_yuan is None \
                        and (current.subject == subject or current.code and current.code == code):
                    current.prior_yuan = yuan
                if _CHANGE.search(tail):  # 增加基本支出844.15万元: the amount is a change, not a level
                    fact.is_change, fact.change_direction = True, _direction(tail)
                    fact.change_amount_yuan = yuan
                elif not fact.basis and kind != "assets":
                    # no word says which figure: the document's own, as a table's column (an asset's
                    # value is a balance at a date, no figure of the budget or its final account)
                    fact.basis = OWN_BASIS.get(doc.kind, "")
                share = _SHARE.search(after)
                if share:
                    fact.share_pct = Decimal(share.group(1))
                if "持平" in after.split("，")[0] or rx_re.match(r"^[，,]?\s*(比上年|与上年相比)?[^，。；]{0,12}持平", after):
                    fact.change_direction = "持平"
                pct = _PCT.search(after)
                if pct:
                    fact.change_pct = Decimal(pct.group(2))
                    fact.change_direction = fact.change_direction or pct.group(1)
                fact.reason = _reason(sentence, matches, n) or fact.reason
                # a figure of last year stated first (2023年预算执行数为X，2024年预算安排Y): Y's prior
                prior = next((f for f in takewhile(lambda f: f.group == group, reversed(out))
                              if f.basis == "prior_year" and (f.code or f.subject) == (code or subject)), None)
                if prior is not None and fact.basis in ("budget", "actual") and fact.prior_yuan is None:
                    fact.prior_yuan = prior.value_yuan
                out.append(fact)
                current = fact
                if not fact.is_change:
                    anchor = fact
                if fact.link and not fact.is_change:
                    last = fact
    growth.read(out)
    return out
