"""Units of amounts as printed (单位：万元) and their exact factors to 元."""
from __future__ import annotations

from decimal import Decimal

from disclosure.rx import compile as rx_compile
from disclosure import rx as rx_re

FACTORS: dict[str, Decimal] = {
    "元": Decimal(1),
    "千元": Decimal(1000),
    "万元": Decimal(10000),
    "百万元": Decimal(1000000),
    "亿元": Decimal(100000000),
}
# a 单位 line (单位：万元, 金额单位:万元, 单位：（人民币）元), letter-spaced or not (单 位 ： 万 元):
# group 2 the unit as printed (compact it for FACTORS)
_UNIT_SPACED = r"(亿\s*元|百\s*万\s*元|万\s*元|千\s*元|元)"  # a unit as printed, letter-spaced or not
_UNIT_WORD = r"(?:金\s*额\s*)?单\s*位\s*"  # 单位 / 金额单位, letter-spaced or not
_UNIT_NAMED = r"\s*[(（]?\s*(人民币)?\s*" + _UNIT_SPACED  # what follows its colon: （人民币）万元
UNIT_LINE = rx_compile(_UNIT_WORD + r"[:：]?" + _UNIT_NAMED)
# an amount written in prose with its unit: 852.52万元, 3,666 万元, 19600元; and 万 alone where a stop
# follows (安排公车购置及运行维护费38万。), never before a word (3万人次, 1.5万平方米: counts)
AMOUNT_IN_TEXT = rx_compile(r"(?<![\d,，])(\d[\d,，]*(?:\.\d+)?)\s*(亿元|百万元|万元|千元|元|万(?=[，。；、,;）)]|\s*$))")
PROSE_UNITS = {"万": "万元"}  # a unit prose leaves short, as a table's unit is named
TEXT_FACTORS = {**FACTORS, "万": FACTORS["万元"]}  # the factor of an AMOUNT_IN_TEXT match's unit (group 2)
_PAREN_UNIT_RE = rx_compile(r"[（(]\s*(亿元|百万元|万元|千元|元)\s*[)）]")
# a whole line naming a unit after a colon, in brackets, whatever the one or two characters before
# the colon were read as: （单位：元） read by OCR as （单立：元） at 5 pt (U001-00013 p.6 scanned: the
# line was taken for the end of a wrapped department name, and the title above it was lost)
_PAREN_COLON_UNIT = rx_compile(r"[（(]\s*[^\s:：()（）\d]{1,2}\s*[:：]\s*" + _UNIT_SPACED + r"\s*[)）]")
# a 单位 line ending its text whose colon OCR read as a comma (单位，万元): the recogniser's reading of
# a colon after two characters changes with how far its batch is padded (rendaban-2019's scan at
# 200 dpi: 单位：万元 in a 494-pixel batch, 单位，万元 alone at RapidOCR's nominal 320); at the end
# of a line only (the 部门 line before it joined: 部门：某厅单位，万元), where prose (本单位，元旦…) seldom breaks
_UNIT_COMMA_END = rx_compile(_UNIT_WORD + r"[，,]" + _UNIT_NAMED + r"\s*[)）]?\s*$")


def find_unit(text: str) -> str:
    """The unit declared in a line such as `单位：万元` or `（万元）`, or a whole line `（XX：元）`
    (one or two characters before the colon, as OCR may misread 单位), or a line ending in
    `单位，万元` (its colon read by OCR as a comma), or ""."""
    m = UNIT_LINE.search(text or "") or _UNIT_COMMA_END.search(text or "")
    if m:
        return rx_re.sub(r"\s+", "", m.group(2))
    m = _PAREN_UNIT_RE.search(text or "")
    if m:
        return m.group(1)
    m = _PAREN_COLON_UNIT.fullmatch((text or "").strip())
    return rx_re.sub(r"\s+", "", m.group(1)) if m else ""


_UNIT_ALONE = rx_compile(r"[（(]?(亿元|百万元|万元|千元|元)[)）]?")


def states_unit(text: str) -> bool:
    """A cell stating a table's unit: a 单位 line (单位：万元) or a unit alone, bracketed or not
    (（万元）, 元), white space aside; never a heading naming its unit (预算数（万元）, the header of a
    two-column table), which find_unit would read a unit in."""
    from disclosure.normalize.text import compact
    return bool(UNIT_LINE.search(text) or _UNIT_COMMA_END.search(text) or _UNIT_ALONE.fullmatch(compact(text)))


def factor(unit: str) -> Decimal | None:
    return FACTORS.get(unit)


def to_yuan(value: Decimal | None, unit: str) -> Decimal | None:
    f = FACTORS.get(unit)
    if value is None or f is None:
        return None
    return value * f


def value_unit(v, table_unit: str) -> str:
    """The unit of a table's Value (disclosure.model.Value): a count's counted unit (measure `count`:
    人次, 个, 辆, … or ""), % for a percentage (status percent: 12.5% in a cell, or 7.01 under a
    增减% column), else the table's 单位 (万元, 元)."""
    if v.amount.status == "percent":
        return "%"
    return v.unit if v.measure == "count" else table_unit


def value_yuan(v, table_unit: str) -> Decimal | None:
    """A table's Value in 元 (exact Decimal): None for a count (measure `count`: 3 团组 is no money),
    for anything but a number (blank, dash, percent, text) and for an unknown table unit."""
    if v.measure == "count" or v.amount.status != "number":
        return None
    return to_yuan(v.amount.value, table_unit)
