"""A spreadsheet number as its cell displays it under its number format, in exact decimals.

A workbook stores amounts as binary doubles: 753.67 is stored as 753.6699999999999590727…, and
0.1 + 0.2 as 0.30000000000000004. The cell shows what its number format makes of it. Here the
double goes to a Decimal through its shortest round-trip repr (753.67 -> "753.67"), never through
float arithmetic; General shows at most 15 significant digits (as Excel does); a format with
decimals (`#,##0.00`, `0.0%`, `#,##0.00;[Red]-#,##0.00`, `0.00;(0.00);"-"`) is applied by rounding
the Decimal half away from zero, with its thousands separators, percent sign, sections for negative
numbers and zero, and its literal text.
"""
from __future__ import annotations

import datetime as _dt
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation

from disclosure.rx import compile as rx_compile
from disclosure import rx as rx_re

_GENERAL = Context(prec=15, rounding=ROUND_HALF_UP)
_COLOR = rx_compile(r"\[[^\]]*\]")  # [Red], [Color10], [$-804], conditions [<0]


def to_decimal(value: float | int | Decimal) -> Decimal:
    """The exact decimal a cell's number stands for: an int as is; a double through its shortest
    repr, rounded to the 15 significant digits a spreadsheet keeps (0.1 + 0.2 -> 0.3)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        return Decimal(int(value))
    if isinstance(value, int):
        return Decimal(value)
    d = Decimal(repr(float(value)))
    if d.is_finite() and len(d.as_tuple().digits) > 15:
        d = _GENERAL.plus(d)
    return d


def _plain(d: Decimal) -> str:
    """A decimal without exponent or trailing zeros after the point (1.50 -> 1.5, 1E+3 -> 1000)."""
    s = format(d, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def _sections(fmt: str) -> list[str]:
    """The format's sections split at unquoted semicolons."""
    out, cur, quoted, esc = [], "", False, False
    for ch in fmt:
        if esc:
            cur, esc = cur + ch, False
            continue
        if ch == "\\":
            cur, esc = cur + ch, True
            continue
        if ch == '"':
            quoted = not quoted
        if ch == ";" and not quoted:
            out.append(cur)
            cur = ""
            continue
        cur += ch
    out.append(cur)
    return out


def _apply(d: Decimal, section: str) -> str:
    """One section applied to a non-negative (or, for a one-section format, signed) decimal."""
    sec = _COLOR.sub("", section)
    # literals: "text", \c, _x (a space as wide as x), *x (fill): kept as text, positions noted
    parts: list[tuple[str, str]] = []  # (kind, text): kind 'lit' or 'num'
    i = 0
    while i < len(sec):
        ch = sec[i]
        if ch == '"':
            j = sec.find('"', i + 1)
            j = len(sec) if j < 0 else j
            parts.append(("lit", sec[i + 1:j]))
            i = j + 1
            continue
        if ch == "\\" and i + 1 < len(sec):
            parts.append(("lit", sec[i + 1]))
            i += 2
            continue
        if ch == "_":  # _x: a space as wide as x (a lone _ at the end: its x a stripped space)
            parts.append(("lit", " "))
            i += 2
            continue
        if ch == "*" and i + 1 < len(sec):
            i += 2
            continue
        if ch in "0#?.,%":
            parts.append(("num", ch))
        elif ch in "Ee" and i + 1 < len(sec) and sec[i + 1] in "+-":
            return ""  # scientific: the caller falls back to the plain number
        else:
            parts.append(("lit", ch))
        i += 1
    pattern = "".join(t for k, t in parts if k == "num")
    if not rx_re.search(r"[0#?]", pattern):
        return "".join(t for _, t in parts)  # text only ("-" for zero)
    percent = pattern.count("%")
    digits = pattern.replace("%", "")
    int_part, _, frac_part = digits.partition(".")
    trailing = len(int_part) - len(int_part.rstrip(","))  # 0.0,, : thousands scaled away
    int_part = int_part.rstrip(",")
    grouping = "," in int_part
    min_frac = frac_part.count("0")
    max_frac = sum(frac_part.count(x) for x in "0#?")
    v = d * (Decimal(100) ** percent) / (Decimal(1000) ** trailing)
    q = v.quantize(Decimal(1).scaleb(-max_frac), rounding=ROUND_HALF_UP) if max_frac else \
        v.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    neg = q < 0
    s = format(abs(q), "f")
    ip, _, fp = s.partition(".")
    if max_frac > min_frac:
        fp = fp.rstrip("0")
        fp = fp + "0" * max(0, min_frac - len(fp))
    min_int = int_part.count("0")
    if ip == "0" and min_int == 0:
        ip = ""
    ip = ip.rjust(min_int, "0") if min_int else ip
    if grouping and ip:
        ip = f"{int(ip):,}"
    number = ("-" if neg else "") + ip + ("." + fp if fp else ("." if frac_part and max_frac == 0 else ""))
    number = number.rstrip(".") if not frac_part else number
    out, placed = "", False
    for k, t in parts:
        if k == "lit":
            out += t
        elif not placed and t != "%":
            out += number
            placed = True
        elif t == "%":
            out += "%"
    return out.strip()


def _is_general(fmt: str) -> bool:
    """General (通用格式), text (@), or either behind a locale or colour tag ([$-804]General,
    [DBNum1][$-804]G/通用格式): the number as it is."""
    return _COLOR.sub("", fmt).strip().lower() in ("general", "@", "g/通用格式", "通用格式", "")


def display(value, number_format: str | None) -> tuple[str, str]:
    """(shown, stored) for a cell's cached value under its number format.

    value: None, str, bool, int, float, Decimal, datetime/date/time. shown: the text the cell
    displays ("" for None). stored: the exact stored number as a plain decimal string when it
    differs from the number shown (753.674 shown as 753.67), else "". Never raises on a format
    it does not know: it shows the plain number then."""
    if value is None:
        return "", ""
    if isinstance(value, str):
        return value, ""
    if isinstance(value, bool):
        return ("TRUE" if value else "FALSE"), ""
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        if isinstance(value, _dt.datetime) and value.time() == _dt.time(0):
            return value.date().isoformat(), ""
        return value.isoformat(), ""
    try:
        d = to_decimal(value)
    except (InvalidOperation, ValueError, TypeError):
        return str(value), ""
    if not d.is_finite():
        return str(value), ""
    # not stripped: `#,##0.00_ ` (zh-CN Excel's 数值 with 千位分隔符) ends in `_ `, a space as wide
    # as a space; stripped, its lone `_` would print
    fmt = number_format if number_format and number_format.strip() else "General"
    shown, zero_section = "", False
    if not _is_general(fmt):
        secs = _sections(fmt)
        zero_section = len(secs) >= 3 and d == 0  # (a zero section may print nothing, deliberately)
        try:
            if zero_section:
                shown = _apply(d, secs[2])
            elif len(secs) >= 2 and d < 0:
                shown = _apply(-d, secs[1])  # the negative section prints its own sign or brackets
            else:
                shown = _apply(d, secs[0])
        except (InvalidOperation, ValueError, IndexError):
            shown = ""
    if not shown and not zero_section:
        shown = _plain(d)
    stored = _plain(d)
    return shown, ("" if shown == stored or _shown_value(shown) == d else stored)


def _shown_value(shown: str) -> Decimal | None:
    """The number a displayed text stands for: (1,234.50) -> -1234.5, 12.5% -> 0.125, - -> 0,
    ¥-1,234.50 -> -1234.5 (a currency format's sign before the figure's)."""
    t = shown.strip()
    t = t[1:].strip() if t[:1] in "¥￥" else t
    if t in ("-", "—", "－"):
        return Decimal(0)
    neg = t.startswith("(") and t.endswith(")") or t.startswith("-")
    digits = rx_re.sub(r"[^\d.]", "", t)
    if not digits or digits == ".":
        return None
    try:
        v = Decimal(digits)
    except InvalidOperation:
        return None
    if t.endswith("%"):
        v = v / 100
    return -v if neg else v
