"""Section markers of the narrative: 第一部分 / 一、 / （一） / 1. / （1）."""
from __future__ import annotations


from disclosure.rx import compile as rx_compile
from disclosure import rx as rx_re

_CN = "一二三四五六七八九十百零〇"
MARKERS = [
    (0, rx_compile(rf"^第[{_CN}\d]+部分")),
    (1, rx_compile(rf"^[{_CN}]+[、.．]")),
    (2, rx_compile(rf"^[（(][{_CN}]+[）)]")),
    (3, rx_compile(r"^\d{1,2}(?:[、．]|\.(?!\d))")),
    (4, rx_compile(r"^[（(]\d{1,2}[）)]")),
]


def marker(text: str) -> tuple[int, str] | None:
    """(level, marker as printed) when the text starts with a section marker."""
    t = text.lstrip("-•· \u3000")
    for level, rx in MARKERS:
        m = rx.match(t)
        if m:
            return level, m.group(0)
    return None


def is_heading(text: str) -> bool:
    """A short marked line that is a heading, not a list item carrying a sentence."""
    m = marker(text)
    if m is None:
        return False
    t = text.strip()
    if m[0] == 0:
        return True
    if t.endswith(("。", "；", ";", "，")) or len(t) > 48 or "。" in t:
        return False  # a sentence (or the start of the next one), not a heading
    # `1. 项目名称：分保测评…` and `（1）大厅水电费：40000元` are items, not headings
    body = t[len(m[1]):]
    # a label followed by its text (…（项）：2021年预算数为…) is a sentence, not a heading
    # (and so is a line cut inside an amount's unit: …（项）支出2464.02万 | 元，与上年相比…, the
    # paragraph's first line, jiangsu-renda-2019-budget p.12)
    return not rx_re.search(r"[：:]\s*\S", body) and not rx_re.search(r"\d+(\.\d+)?\s*万?元", body) \
        and not rx_re.search(r"\d\s*(?:万|亿|千|百万)$", body)
