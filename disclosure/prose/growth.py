"""An amount printed with a growth rate and no change word (公务用车购置及运行费支出决算174,732.10元，
增长176.55%, its level 273,702.10元 stated elsewhere): which figure it is, read by arithmetic against
the item's level, not left standing as a second level of the item.

With the level L of the same item and figure (basis) and the amount X printed with p%:
- X is the change when X / (L − X) = p% for a rise (L − X the base), X / (L + X) = p% for a fall;
- X is last year's figure (the base) when L / X − 1 = p% for a rise, 1 − L / X = p% for a fall.
p% is matched to one unit of its last printed place (176.55: ±0.01), the amounts being rounded too.
Neither fitting, the amount stays as read.
"""
from __future__ import annotations

from decimal import Decimal

from disclosure.model import Fact
from disclosure.prose.subjects import item_key

_RISE = ("增加", "增长", "上升", "增支")
_FALL = ("减少", "下降", "降低", "减支")


def _near(got: Decimal, printed: Decimal) -> bool:
    return abs(got - printed) <= Decimal(1).scaleb(min(printed.as_tuple().exponent, 0))


def _reading(x: Decimal, level: Decimal, pct: Decimal, sign: int) -> str:
    """'change', 'base' or '' for an amount `x` printed with `pct` (a rise when sign is 1, a fall
    when -1) against the item's level."""
    base_of_change = level - sign * x
    if base_of_change > 0 and _near(x / base_of_change * 100, pct):
        return "change"
    if x > 0 and _near(sign * (level / x - 1) * 100, pct):
        return "base"
    return ""


def read(facts: list[Fact]) -> None:
    """Each level of `facts` printed with a growth rate but no change amount (in place): made the
    item's change (is_change, change_amount_yuan) or last year's figure (basis prior_year, and the
    level's prior_yuan) when the arithmetic against another level of its item says so."""
    levels: dict[tuple, list[Fact]] = {}
    for f in facts:
        if not f.is_change and f.value_yuan is not None and item_key(f):
            levels.setdefault((item_key(f), f.basis), []).append(f)
    for f in facts:
        if f.is_change or f.change_pct is None or f.change_amount_yuan is not None or not f.value_yuan:
            continue
        sign = 1 if f.change_direction in _RISE else -1 if f.change_direction in _FALL else 0
        if not sign:
            continue
        for other in levels.get((item_key(f), f.basis), []):
            if other is f or other.value_yuan == f.value_yuan:
                continue
            how = _reading(f.value_yuan, other.value_yuan, f.change_pct, sign)
            if how == "change":
                f.is_change, f.change_amount_yuan = True, f.value_yuan
                f.change_direction = "增加" if sign > 0 else "减少"
                break
            if how == "base":
                f.basis = "prior_year"
                other.prior_yuan = other.prior_yuan if other.prior_yuan is not None else f.value_yuan
                break
