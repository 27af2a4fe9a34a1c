"""Account codes as printed: `2080505`, `208 05 05`, `208.05.05`, `208-05-05`, 类|款|项 columns, a
code leading a name.

Functional codes (支出功能分类) start 201-234 (类, 款, 项: 3, 5 or 7 digits), department economic codes
(部门预算支出经济分类) 301-399 and government economic codes (政府预算支出经济分类) 501-599 (类 and 款: 3 or 5
digits). This module only reads the printed form; the chart of accounts is a separate concern.
"""
from __future__ import annotations

from dataclasses import dataclass

from disclosure.rx import compile as rx_compile
from disclosure import rx as rx_re

LEVELS = {3: "类", 5: "款", 7: "项"}  # digits of a code -> its level
_LEADING = rx_compile(r"^\s*(\d{3}(?:[ \u3000]?\d{2}){0,2})(?=[\s\u3000]|[^\d.,%]|$)")
# full-width digits (０-９, U+FF10-FF19), as some Word and WPS documents print codes: read as 0-9; the
# code keeps its printed form in `printed` (a code in any other script's digits is no code)
_FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
SEPARATOR = r"[.．\-－—·]"  # between the parts of a code printed `208.01.01`, `208-01-01` (a pattern)
_SEPARATED = rx_compile(rf"^(\d{{3}})(?:{SEPARATOR}(\d{{2}}))(?:{SEPARATOR}(\d{{2}}))?$")
# a code wrapped in a narrow cell after (or before) a separator, `204-07-` over `03`: the line break
# beside the separator is the cell's, not the code's
_WRAPPED_AT_SEPARATOR = rx_compile(rf"\s*({SEPARATOR})\s*")
# a separated code leading a name: a space or a word after it, not a unit (`208.01 万元` is an amount)
_LEADING_SEPARATED = rx_compile(rf"^\s*(\d{{3}}(?:{SEPARATOR}\d{{2}}){{1,2}})(?:[\s\u3000]+|(?=[^\d\s.,%万亿元]))(?=\S)")


@dataclass(frozen=True)
class Code:
    code: str  # digits only
    printed: str
    classification: str  # functional | economic | government_economic
    level: str  # 类 | 款 | 项


def classify(digits: str) -> tuple[str, str] | None:
    """(classification, level) of a code of 3, 5 or 7 digits, or None if it is not one.

    functional: 201–234, 3/5/7 digits; economic (部门预算支出经济分类): 301–399, 3/5 digits;
    government_economic (政府预算支出经济分类): 501–599, 3/5 digits. A 7-digit number starting 3xx or 5xx
    is no code (the economic classifications stop at 款). A 款 or 项 part `00` is no code either: the
    classifications number their 款 and 项 from 01 (no row of the 2017–2026 charts has a 00 part), so
    `58000` or `2130000` is a round amount printed without separators. `digits` are ASCII (callers
    map full-width digits first); any other digit is no code."""
    if not digits.isascii() or not digits.isdigit() or len(digits) not in LEVELS:
        return None
    if "00" in (digits[3:5], digits[5:7]):
        return None
    head = int(digits[:3])
    if 201 <= head <= 234:
        return "functional", LEVELS[len(digits)]
    if 301 <= head <= 399 and len(digits) <= 5:
        return "economic", LEVELS[len(digits)]
    if 501 <= head <= 599 and len(digits) <= 5:
        return "government_economic", LEVELS[len(digits)]
    return None


def parse_code(printed: str, in_code_column: bool = False) -> Code | None:
    """A whole cell that is a code: `2080505`, `208 05 05`, `20805`, `301 01`, `208-01`, `208.01.01`,
    `３０１０１` (full-width digits: `code` is ASCII, `printed` as printed).

    Parts joined by a dot (`208.01`) read as a code only `in_code_column` (a column headed 科目编码 or
    holding codes): alone, two parts joined by a dot are an amount (208.01 元); three are a code
    anywhere, and so are parts joined by a dash. A separated code wrapped in its cell (`204-07-` over
    `03`, a narrow 科目代码 column) is read whole: the line break beside a separator is the cell's."""
    s = (printed or "").strip()
    m = _SEPARATED.match(_WRAPPED_AT_SEPARATOR.sub(r"\1", s) if "\n" in s else s)
    if m:
        if m.group(3) is None and rx_re.search(r"[.．]", s) and not in_code_column:
            return None
        digits = "".join(g for g in m.groups() if g)
    else:
        digits = rx_re.sub(r"[ \u3000]", "", s)
    digits = digits.translate(_FULL_WIDTH)
    kind = classify(digits)
    if kind is None:
        return None
    return Code(digits, s, *kind)


def split_leading_code(text: str) -> tuple[Code | None, str]:
    """`208 社会保障和就业支出` -> (208, 社会保障和就业支出); text without a code is returned as is."""
    m = _LEADING_SEPARATED.match(text or "")
    if m:
        code = parse_code(m.group(1), in_code_column=True)
        if code is not None:
            return code, text[m.end():].strip()
    m = _LEADING.match(text or "")
    if not m:
        return None, text
    code = parse_code(m.group(1))
    if code is None:
        return None, text
    return code, text[m.end():].strip()


def join_columns(parts: list[str], parent: str = "") -> Code | None:
    """A code printed over 类|款|项 columns. A row that leaves 类 blank under a parent row
    (`   05   07`) takes the missing leading parts from the parent code."""
    cleaned = [rx_re.sub(r"\s", "", p or "").translate(_FULL_WIDTH) for p in parts]
    if not any(cleaned):
        return None
    if not cleaned[0] and parent:
        # fill the missing leading columns from the parent code
        widths = [3] + [2] * (len(cleaned) - 1)
        pos, filled = 0, []
        for w, part in zip(widths, cleaned):
            filled.append(part or parent[pos:pos + w])
            pos += w
        cleaned = filled
    # a column left blank ends the code (`201 | 05 | ` is 20105)
    digits = ""
    for i, part in enumerate(cleaned):
        if not part:
            break
        if i > 0 and len(part) == 1 and part.isdigit():
            part = "0" + part  # a spreadsheet export drops the leading zero of 款/项 (`301 | 2`)
        if not part.isdigit() or len(part) != (3 if i == 0 else 2):
            return None
        digits += part
    kind = classify(digits)
    if kind is None:
        return None
    return Code(digits, " ".join(p for p in parts if p and p.strip()), *kind)
