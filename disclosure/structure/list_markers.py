"""The list numbers of a table's rows (一、 二、 … 十、 十一、), read back in sequence.

A two-sided summary numbers its items 一、 to 十四、 down each side. OCR reads the cross of 十 as a
dash or as 一 (generated scans, bench/layouts.py --scan: 十一、金融支出 read `— 一一、金融支出`,
十、 read `— 一、`). The numbers run in sequence down a side, so a marker that is not the next
number but has its shape is that number: `mend` rewrites it. Only shapes OCR gives are accepted
(十 as 十, a dash with or without a 一 after it, or 一 alone on an OCR row); a marker that reads as
a number of its own on a text layer is never changed, and a list that starts again (一、 after a
heading) stays as printed.
"""
from __future__ import annotations

import re

from disclosure.model import Row
from disclosure.numerals import numeral, value
from disclosure.rx import compile as rx_compile

_MARKER = rx_compile(r"^\s*([—\-－+ー一二三四五六七八九十\s]{1,8}?)\s*、")
_DASH = "[—\\-－+ー]"


def _shape(expected: str, ocr: bool) -> re.Pattern:
    parts = []
    for ch in expected:
        if ch == "十":
            alts = [f"十", f"{_DASH}\\s*一?"] + (["一"] if ocr else [])
            parts.append("(?:" + "|".join(alts) + ")")
        else:
            parts.append(re.escape(ch))
    return re.compile(r"^\s*" + r"\s*".join(parts) + r"\s*$")


def _next_number(r: Row, after: list[Row]) -> int | None:
    """The list number of the next numbered row on r's side among `after`, None if none."""
    for q in after:
        if q.side == r.side and (m := _MARKER.match(q.name)):
            return value(m.group(1))
    return None


def _mark_lost(r: Row, expected: int, after: list[Row]) -> bool:
    """Give an OCR row back the 、 the recogniser lost after its list number (二社会保障和就业支出
    for 二、社会保障和就业支出, a 、 small and faint beside the numeral: generated scans, U001-00015
    p.1, every item from 二 to 六 of a side so read), in place; whether it did. The row's name
    must open with the number expected in its side's sequence, and the sequence must say so: the
    number before it on the side read (expected - 1), or for 一 the next numbered row on the
    side is 二. A name that opens with a numeral as a word (一般公共服务支出, a row under 一、)
    is not the next number of its side's sequence. Only rows read by OCR (a text layer keeps
    its 、)."""
    if not any(v.confidence is not None for v in r.values):
        return False
    mark = numeral(expected)
    name = r.name.lstrip()
    if not name.startswith(mark) or len(name) <= len(mark):
        return False
    rest = name[len(mark):].lstrip()
    if not rest or not "\u4e00" <= rest[0] <= "\u9fff":  # a name after it (一、一般… read 一一般…)
        return False
    if expected == 1 and _next_number(r, after) != 2:
        return False
    r.name = mark + "、" + rest
    printed = r.name_printed.lstrip()
    if printed.startswith(mark):
        r.name_printed = mark + "、" + printed[len(mark):].lstrip()
    return True


def mend(rows: list[Row]) -> int:
    """Rewrite, in place, each row's list number that breaks its side's sequence and has the
    shape of the number expected there (module doc); returns how many were rewritten. `name` and
    `name_printed` both get the number; the rest of the name is untouched."""
    last: dict[str, int] = {}
    changed = 0
    for i, r in enumerate(rows):
        m = _MARKER.match(r.name)
        if not m:
            if _mark_lost(r, last.get(r.side, 0) + 1, rows[i + 1:]):
                last[r.side] = last.get(r.side, 0) + 1
                changed += 1
            continue
        printed = m.group(1)
        n = value(printed)
        expected = last.get(r.side, 0) + 1
        if n == expected or (n is not None and (n == 1 or expected < 10)):
            last[r.side] = n  # in sequence, or a list started again, or nothing OCR confuses
            continue
        ocr = any(v.confidence is not None for v in r.values)
        if last.get(r.side) and _shape(numeral(expected), ocr).match(printed):
            new = numeral(expected) + "、"
            r.name = new + r.name[m.end():]
            pm = _MARKER.match(r.name_printed)
            if pm:
                r.name_printed = new + r.name_printed[pm.end():]
            last[r.side] = expected
            changed += 1
        elif n is not None:
            last[r.side] = n
    return changed
