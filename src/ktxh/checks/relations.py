"""Relations between numbers. Each returns None when the relation holds, else a :class:`Finding` whose ``details``
hold the numbers an engine may put in a message of its own (``left``, ``right``, ``difference``, ``tolerance``,
``computed``, …) and whose ``message`` is a default one, in the active language.

Which allowance a relation makes is the policy of :mod:`ktxh.checks.rounding`:

- :func:`equal`, :func:`at_most`, :func:`at_least`, :func:`less`, :func:`greater` compare two values exactly, or
  within an explicit ``tolerance`` (a rule's own tolerance column);
- :func:`approx` compares a stated number with one computed from others (rounded or truncated);
- :func:`parts_sum` a stated whole with the sum of stated parts (the parts' half-units widen the allowance);
- :func:`share` a stated percentage with part / whole × 100; :func:`change` a stated change in percent with
  (current / previous − 1) × 100; :func:`production` a stated production with area × yield;
- :func:`part_of_whole` a part «trong đó» with its whole (both may be rounded);
- :func:`same_value` two stated numbers of one quantity;
- :func:`between` a value and plausibility bounds (the bounds are not rounded).
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from ktxh.checks import rounding
from ktxh.checks.finding import Finding, Stated
from ktxh.checks.rounding import EPSILON, to_decimal
from ktxh.numbers import format_number

HUNDRED = Decimal(100)


def _n(value) -> str:
    return format_number(to_decimal(value))


def _fine(value: Decimal, decimals: int) -> str:
    """A computed value shown one decimal finer than the stated one it is compared with (at least 2)."""
    return format_number(value, max(2, decimals + 1)) if rounding.decimals_of(value) > 2 else format_number(value)


# -- exact comparisons ------------------------------------------------------------------------------------------

_COMPARE = {
    "=": lambda d, t: abs(d) <= t + EPSILON,
    "≤": lambda d, t: d <= t + EPSILON,
    "≥": lambda d, t: d >= -t - EPSILON,
    "<": lambda d, t: d < t,
    ">": lambda d, t: d > -t,
}
_NAMES = {"=": "equal", "≤": "at_most", "≥": "at_least", "<": "less", ">": "greater"}


def compare(operator: str, left, right, tolerance=0) -> Finding | None:
    """``left operator right`` for =, ≤, ≥, <, >, exactly or within an absolute ``tolerance``."""
    left, right, tolerance = to_decimal(left), to_decimal(right), to_decimal(tolerance)
    difference = left - right
    if _COMPARE[operator](difference, tolerance):
        return None
    details = {"left": left, "right": right, "difference": difference, "tolerance": tolerance}
    if operator == "=":
        message = _("%(left)s does not equal %(right)s: they differ by %(difference)s.")
    elif operator in ("≤", "<"):
        message = _("%(left)s is larger than %(right)s.")
    else:
        message = _("%(left)s is smaller than %(right)s.")
    return Finding(
        _NAMES[operator],
        message % {"left": _n(left), "right": _n(right), "difference": _n(abs(difference))},
        [left, right],
        details=details,
    )


def equal(left, right, tolerance=0) -> Finding | None:
    return compare("=", left, right, tolerance)


def at_most(left, right, tolerance=0) -> Finding | None:
    return compare("≤", left, right, tolerance)


def at_least(left, right, tolerance=0) -> Finding | None:
    return compare("≥", left, right, tolerance)


def less(left, right, tolerance=0) -> Finding | None:
    return compare("<", left, right, tolerance)


def greater(left, right, tolerance=0) -> Finding | None:
    return compare(">", left, right, tolerance)


# -- stated against computed ------------------------------------------------------------------------------------


def approx(stated: Stated, computed, spread=0, relation: str = "approx") -> Finding | None:
    """A stated number against the value computed from other numbers: it must be that value rounded or truncated
    to the stated decimals (``spread``: the uncertainty of the computed value, see :func:`rounding.sum_spread`)."""
    computed = to_decimal(computed)
    places = stated.places
    if rounding.agrees(stated.number, computed, places, spread):
        return None
    difference = stated.number - computed
    tolerance = rounding.half_unit(places) + to_decimal(spread)
    return Finding(
        relation,
        _("%(stated)s is written, but the numbers it comes from give %(computed)s.")
        % {"stated": stated.show(), "computed": _fine(computed, places)},
        [stated.number, computed],
        details={
            "left": stated.number,
            "right": computed,
            "difference": difference,
            "tolerance": tolerance,
            "computed": computed,
        },
    )


def share(stated: Stated, part, whole) -> Finding | None:
    """A stated percentage against part / whole × 100 (no finding when the whole is zero: nothing to compare)."""
    part, whole = to_decimal(part), to_decimal(whole)
    if whole == 0:
        return None
    return approx(stated, part / whole * HUNDRED, relation="share")


def ratio_stated(
    stated: Stated, numerator: Stated, denominator: Stated, offset=0, relation: str = "share"
) -> Finding | None:
    """A stated percentage against numerator / denominator × 100 − ``offset`` when both are stated, so rounded:
    «35 tỷ đồng, đạt 116,6% kế hoạch (30 tỷ đồng)» (offset 0), «53,5/52 ha, tăng 2,9%» (offset 100). The
    half-units of numerator and denominator widen the allowance by what they can move the quotient (to first
    order: 100·(δn/d + n·δd/d²)), as :func:`production` does for a product."""
    n, d = numerator.number, denominator.number
    if d <= 0:
        return None
    computed = n / d * HUNDRED - to_decimal(offset)
    spread = HUNDRED * (
        rounding.half_unit(numerator.places) / d + abs(n) * rounding.half_unit(denominator.places) / (d * d)
    )
    return approx(stated, computed, spread, relation=relation)


def change(stated: Stated, current, previous) -> Finding | None:
    """A stated change in percent («tăng 4,2% so cùng kỳ») against (current / previous − 1) × 100; a decrease is
    stated as a positive number after «giảm»: pass it negative."""
    current, previous = to_decimal(current), to_decimal(previous)
    if previous == 0:
        return None
    return approx(stated, (current / previous - 1) * HUNDRED, relation="change")


def parts_sum(whole: Stated, parts: list[Stated]) -> Finding | None:
    """A stated whole against the sum of its stated parts; the parts' rounding widens the allowance."""
    total = sum((p.number for p in parts), Decimal(0))
    spread = rounding.sum_spread([p.places for p in parts])
    if rounding.agrees(whole.number, total, whole.places, spread):
        return None
    places = max([whole.places, *[p.places for p in parts]])
    difference = whole.number - total
    return Finding(
        "parts_sum",
        _("The parts add up to %(sum)s, not to the whole %(whole)s (a gap of %(gap)s).")
        % {"sum": format_number(total, places), "whole": whole.show(), "gap": format_number(abs(difference), places)},
        [whole.number, total, *[p.number for p in parts]],
        details={
            "left": whole.number,
            "right": total,
            "difference": difference,
            "tolerance": rounding.half_unit(whole.places) + spread,
            "computed": total,
        },
    )


def production(stated: Stated, area, yield_per_area, scale=1) -> Finding | None:
    """A stated production against area × yield × ``scale`` (the conversion of area × yield into the production's
    unit, :func:`ktxh.checks.measures.production_scale`); area and yield are stated, so rounded."""
    area_s = area if isinstance(area, Stated) else Stated(area)
    yield_s = yield_per_area if isinstance(yield_per_area, Stated) else Stated(yield_per_area)
    scale = to_decimal(scale)
    computed = area_s.number * yield_s.number * scale
    # the product of two rounded numbers is uncertain by about a·δb + b·δa
    spread = (
        area_s.number * rounding.half_unit(yield_s.places) + yield_s.number * rounding.half_unit(area_s.places)
    ) * scale
    return approx(stated, computed, spread, relation="production")


# -- stated against stated --------------------------------------------------------------------------------------


def same_value(a: Stated, b: Stated, tolerance=None) -> Finding | None:
    """Two stated numbers of one quantity: both must be roundings of one value (or within ``tolerance``)."""
    allowance = rounding.same_value_allowance(a.places, b.places) if tolerance is None else to_decimal(tolerance)
    difference = a.number - b.number
    if abs(difference) <= allowance + EPSILON:
        return None
    return Finding(
        "same_value",
        _("One quantity is stated as %(a)s and as %(b)s.") % {"a": a.show(), "b": b.show()},
        [a.number, b.number],
        details={"left": a.number, "right": b.number, "difference": difference, "tolerance": allowance},
    )


def part_of_whole(part: Stated, whole: Stated) -> Finding | None:
    """A part («trong đó») is not larger than its whole, beyond what rounding both allows."""
    allowance = rounding.same_value_allowance(part.places, whole.places)
    if part.number <= whole.number + allowance + EPSILON:
        return None
    return Finding(
        "part_of_whole",
        _("The part %(part)s is larger than its whole %(whole)s.") % {"part": part.show(), "whole": whole.show()},
        [whole.number, part.number],
        details={
            "left": part.number,
            "right": whole.number,
            "difference": part.number - whole.number,
            "tolerance": allowance,
        },
    )


def between(value, low=None, high=None, what: str = "") -> Finding | None:
    """A value within plausibility bounds (either may be None: no bound on that side)."""
    number = value.number if isinstance(value, Stated) else to_decimal(value)
    low = None if low is None else to_decimal(low)
    high = None if high is None else to_decimal(high)
    if (low is None or number >= low) and (high is None or number <= high):
        return None
    shown = value.show() if isinstance(value, Stated) else _n(number)
    bounds = "{} – {}".format("…" if low is None else _n(low), "…" if high is None else _n(high))
    return Finding(
        "between",
        _("%(what)s%(value)s is outside the plausible range %(bounds)s.")
        % {"what": f"{what} " if what else "", "value": shown, "bounds": bounds},
        [number],
        details={"value": number, "low": low, "high": high},
    )


def shares_sum(shares: list[Stated], whole=HUNDRED) -> Finding | None:
    """Stated percentages of all the parts of one whole add up to 100 (``whole``): each is its computed share
    rounded (up to half a unit above it) or truncated (up to one unit below), so the computed shares, which add up
    to exactly 100, exceed the stated sum by between −Σ half-units and +Σ units."""
    whole = to_decimal(whole)
    total = sum((s.number for s in shares), Decimal(0))
    below = sum((rounding.unit(s.places) for s in shares), Decimal(0))
    above = rounding.sum_spread([s.places for s in shares])
    gap = whole - total
    if -above - EPSILON <= gap <= below + EPSILON:
        return None
    places = max([1, *[s.places for s in shares]])
    return Finding(
        "shares_sum",
        _("The shares add up to %(sum)s%%, not to %(whole)s%%.")
        % {"sum": format_number(total, places), "whole": _n(whole)},
        [total, *[s.number for s in shares]],
        details={"left": total, "right": whole, "difference": -gap, "tolerance": below},
    )


def plausible_stated(stated: Stated, low=None, high=None, what: str = "") -> Finding | None:
    """A stated number within bounds, allowing its rounding: it may stand for any computed value it agrees with
    (half a unit below it to one unit above, :func:`rounding.interval`), so it is out of bounds only when all of
    them are."""
    lowest, highest = (
        rounding.interval(stated.number, stated.places)
        if stated.number >= 0
        else (stated.number - rounding.unit(stated.places), stated.number + rounding.half_unit(stated.places))
    )
    if (high is None or lowest <= to_decimal(high)) and (low is None or highest >= to_decimal(low)):
        return None
    return between(stated, low, high, what)
