"""Printed amounts to exact Decimals. A blank cell, a dash and a printed zero stay distinct."""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from disclosure.model import Amount

_DASHES = {"-", "—", "–", "－", "--", "——", "/", "—　"}
_NUM = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_PCT = re.compile(r"^[+-]?\d+(?:\.\d+)?%$")


def parse_amount(printed: str) -> Amount:
    raw = printed or ""
    # (an amount wrapped in a narrow cell, 469000.0 / 0, is one amount when its lines join into one)
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", raw))
    if s == "":
        return Amount(raw.strip(), None, "blank")
    if s in _DASHES or set(s) <= set("-—–－"):
        return Amount(raw.strip(), None, "dash")
    neg = False
    if s.startswith("(") and s.endswith(")"):
        neg, s = True, s[1:-1]
    if _PCT.match(s):
        return Amount(raw.strip(), Decimal(s[:-1]), "percent")
    if _NUM.match(s):
        try:
            v = Decimal(s.replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the regex admits only valid numbers
            return Amount(raw.strip(), None, "text")
        return Amount(raw.strip(), -v if neg else v, "number")
    return Amount(raw.strip(), None, "text")
