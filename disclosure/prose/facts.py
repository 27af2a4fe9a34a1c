"""Facts: every amount a sentence states, with its subject, its share (占X%), the change against
last year (增加/减少/持平, the amount and the percentage) and the reason clause (主要原因是…).

An amount whose own words are a change (比上年增加24.55万元) or last year's figure is not a fact of
its own: it completes the fact before it in the sentence.
"""
from __future__ import annotations

import re
from decimal import Decimal

from disclosure.model import Document, Fact
from disclosure.normalize.units import AMOUNT_IN_TEXT, FACTORS
from disclosure.prose.subjects import subject_of

_CHANGE = re.compile(r"增加|减少|增长|下降|上升|降低|持平|比上年|较上年|同比|与上年|比\d{4}年")
_PRIOR = re.compile(r"上年(预算|决算)?(数|为|是)")
_SHARE = re.compile(r"^\s*[，,]?\s*占[^，。；%]{0,24}?(\d+(?:\.\d+)?)\s*[%％]")
_PCT = re.compile(r"(增长|下降|增加|减少|上升|降低)\s*(\d+(?:\.\d+)?)\s*[%％]")
_DIRECTION = re.compile(r"增加|减少|持平|增长|下降|上升|降低")
_REASON = re.compile(r"(?:主要)?原因(?:是|为|：|:)\s*[:：]?\s*([^。；]*)")


def _number(s: str) -> Decimal:
    return Decimal(s.replace(",", "").replace("，", ""))


def facts(doc: Document) -> list[Fact]:
    out: list[Fact] = []
    group = 0
    for p in doc.paragraphs:
        if p.kind != "paragraph":
            continue
        for sentence in re.split(r"(?<=[。；])", p.text):
            matches = list(AMOUNT_IN_TEXT.finditer(sentence))
            if not matches:
                continue
            group += 1
            current: Fact | None = None
            for n, m in enumerate(matches):
                before = sentence[:m.start()]
                tail = re.split(r"[，。；：,;:]", before)[-1]
                value = _number(m.group(1))
                yuan = value * FACTORS[m.group(2)]
                after = sentence[m.end():matches[n + 1].start() if n + 1 < len(matches) else len(sentence)]
                if current is not None and _CHANGE.search(tail):
                    if _PRIOR.search(tail):
                        current.prior_yuan = yuan
                    else:
                        d = _DIRECTION.findall(tail)
                        current.change_direction = current.change_direction or (d[-1] if d else "")
                        current.change_amount_yuan = yuan
                    pct = _PCT.search(after)
                    if pct and current.change_pct is None:
                        current.change_pct = Decimal(pct.group(2))
                    continue
                subject, kind, code = subject_of(before, doc.year)
                if kind == "other" and re.search(r"资产|车辆|房屋|设备.*价值", sentence):
                    kind = "assets"
                current = Fact(len(out) + 1, p.index, p.page, sentence.strip(), subject, kind, code, m.group(0),
                               m.group(2), value, yuan, group=group)
                if _CHANGE.search(tail):  # 增加基本支出844.15万元: the amount is a change, not a level
                    d = _DIRECTION.findall(tail)
                    current.is_change, current.change_direction = True, d[0] if d else ""
                    current.change_amount_yuan = yuan
                share = _SHARE.search(after)
                if share:
                    current.share_pct = Decimal(share.group(1))
                if "持平" in after.split("，")[0] or re.match(r"^[，,]?\s*(比上年|与上年相比)?[^，。；]{0,12}持平", after):
                    current.change_direction = "持平"
                pct = _PCT.search(after)
                if pct:
                    current.change_pct = Decimal(pct.group(2))
                    current.change_direction = current.change_direction or pct.group(1)
                reason = _REASON.search(sentence[m.end():])
                if reason and reason.group(1).strip():
                    current.reason = reason.group(1).strip()
                out.append(current)
    return out
