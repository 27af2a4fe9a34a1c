"""Comparing printed amounts: a difference within `units` of the last printed decimal is rounding."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

DEFAULT_UNITS = Decimal(1)


def last_unit(printed: str) -> Decimal:
    """One unit of the last printed decimal: 753.67 -> 0.01, 88,282,511 -> 1, 3990.4 -> 0.1."""
    s = printed.strip().replace(",", "").replace("，", "")
    if "." in s:
        return Decimal(1).scaleb(-len(s.split(".")[1].rstrip("%")))
    return Decimal(1)


def tolerance(printed: list[str], units: Decimal = DEFAULT_UNITS) -> Decimal:
    """The tolerance for comparing these printed values: `units` of the finest last decimal printed
    (a table that prints 753.67 beside 18 is kept to the cent; 18 only drops its zeros)."""
    return units * min((last_unit(p) for p in printed if p), default=Decimal(1))


def verdict(left: Decimal, right: Decimal, tol: Decimal) -> str:
    """equal | rounding | differ"""
    d = abs(left - right)
    if d == 0:
        return "equal"
    return "rounding" if d <= tol else "differ"


def round_to(value: Decimal, step: Decimal) -> Decimal:
    """`value` rounded half up to a multiple of `step` (the precision a document prints)."""
    return (value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step
