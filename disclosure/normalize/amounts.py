"""Printed amounts to exact Decimals. A blank cell, a dash and a printed zero stay distinct."""
from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation
from disclosure.model import Amount
from disclosure.normalize.text import short_cached
from disclosure.rx import compile as rx_compile

_DASHES = {"-", "—", "–", "－", "--", "——", "/", "—　"}
_NUM = rx_compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_PCT = rx_compile(r"^[+-]?\d+(?:\.\d+)?%$")
# a spreadsheet's currency or accounting format prints the yuan sign before the figure (¥1,234.50,
# ¥-1,234.50, -¥1,234.50; ￥ is ¥ after NFKC): the figure is the amount, the sign no part of it
_CURRENCY = rx_compile(r"^([+-]?)¥([+-]?\d[\d,.]*)$")


def parse_amount(printed: str) -> Amount:
    """The printed text of a cell or a figure as an Amount: `number` (an exact Decimal: 1,234.50,
    -1234.5, (1,234.50) negative, ¥1,234.50 from a currency format), `percent` (12.5%), `dash`
    (-, —, /), `blank`, or `text` (anything else, value None). `printed` is kept as given, stripped.
    A new Amount each call (it is mutable); what it holds is worked out once for a short printed
    text that repeats (a cell is read by several stages), a bounded number of them kept."""
    return Amount(*_reading(printed or ""))


_BLANKS = rx_compile(r"\s+")


@short_cached
def _reading(raw: str) -> tuple[str, Decimal | None, str]:
    """parse_amount's (printed, value, status) of `raw` (a str)."""
    # (an amount wrapped in a narrow cell, 469000.0 / 0, is one amount when its lines join into one)
    s = _BLANKS.sub("", unicodedata.normalize("NFKC", raw))
    if s == "":
        return (raw.strip(), None, "blank")
    if s in _DASHES or set(s) <= set("-—–－") or s[:1] == "¥" and s[1:] in _DASHES:  # (¥ - : an accounting zero)
        return (raw.strip(), None, "dash")
    neg = False
    if s.startswith("(") and s.endswith(")"):
        neg, s = True, s[1:-1]
    cur = _CURRENCY.match(s)
    if cur and not (cur.group(1) and cur.group(2)[0] in "+-"):
        s = cur.group(1) + cur.group(2)
    if _PCT.match(s):
        return (raw.strip(), Decimal(s[:-1]), "percent")
    if _NUM.match(s):
        try:
            v = Decimal(s.replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the regex admits only valid numbers
            return (raw.strip(), None, "text")
        return (raw.strip(), -v if neg else v, "number")
    return (raw.strip(), None, "text")

