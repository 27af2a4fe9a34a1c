"""Comparing printed amounts: a difference within `units` of the last printed decimal is rounding."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from disclosure.normalize.text import short_cached

DEFAULT_UNITS = Decimal(1)


@short_cached
def last_unit(printed: str) -> Decimal:
    """One unit of the last printed decimal: 753.67 -> 0.01, 88,282,511 -> 1, 3990.4 -> 0.1.
    Worked out once for a short printed figure that repeats (the checks ask of each amount many
    times), a bounded number kept."""
    s = printed.strip().replace(",", "").replace("，", "")
    if "." in s:
        return _unit(len(s.split(".")[1].rstrip("%")))
    return _ONE


_ONE = Decimal(1)



@lru_cache(maxsize=64)
def _unit(decimals: int) -> Decimal:
    """One unit of the `decimals`-th decimal (2 -> 0.01), made once for each count (Decimals do not change)."""
    return Decimal(1).scaleb(-decimals)


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


def half_unit(value: Decimal, factor: Decimal = Decimal(1)) -> Decimal:
    """Half a unit of the last decimal `value` was printed with (its exponent as read: 28.1 -> 0.05),
    times `factor` (the unit's factor to 元, for a value read in 万元 and held in 元)."""
    return Decimal(1).scaleb(value.as_tuple().exponent) * factor / 2


def percent_bounds(ratio, values: list[Decimal], half: Decimal) -> tuple[Decimal, Decimal] | None:
    """The least and greatest of ratio(*x) * 100 over every corner of values ± half: the
    percentages the printed figures allow, each anywhere within `half`. `half` is half a unit of the
    finest decimal printed among them (as `tolerance` takes it: beside 400.02, a 28.1 only dropped
    its zero and is 28.10 ± 0.005). `ratio` must be monotonic in each argument over the spans
    (change / last year, part / base); None when a corner divides by zero or less."""
    import itertools

    out = []
    for corner in itertools.product(*[(v - half, v + half) for v in values]):
        r = ratio(*corner)
        if r is None:
            return None
        out.append(r * 100)
    return min(out), max(out)


def reachable(printed: Decimal, bounds: tuple[Decimal, Decimal] | None, step: Decimal) -> bool:
    """The printed percentage is what some figures within the bounds round to: its difference from
    the exact ratio comes from the rounding of the figures it is computed from, not from an error
    (400.02万元, 增加28.1万元, 增加7.57%: 28.1 may be 28.15, and 28.15 / 371.865 = 7.570%)."""
    return bounds is not None and round_to(bounds[0], step) <= printed <= round_to(bounds[1], step)


def percent_verdict(printed: Decimal, exact: Decimal, units: Decimal, bounds) -> tuple[str, Decimal, Decimal]:
    """How a printed percentage stands beside the exact one (both in %): (how, rounded, step), step one
    unit of the printed percentage's last decimal and rounded the exact one rounded to it. how is equal
    (it rounds to the printed), rounding (within `units` steps of it, or reachable within bounds(), a
    callable giving percent_bounds of the figures it is computed from, called only then) or differ."""
    step = Decimal(1).scaleb(printed.as_tuple().exponent)
    rounded = round_to(exact, step)
    if rounded == printed:
        return "equal", rounded, step
    how = verdict(printed, exact, step * units)
    if how == "differ" and reachable(printed, bounds(), step):
        how = "rounding"  # what the printed figures allow, each within its last decimal
    return how, rounded, step
