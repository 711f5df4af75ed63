"""The one rounding policy for numbers as they are written.

A *stated* number is one written by a person (in a report, or entered as a figure); a *computed* number is derived
from stated ones (a rate from its numerator and denominator, a total from its parts). Stated numbers are rounded or
truncated to the decimals they are written with, so:

- a stated number S written with ``d`` decimals **agrees** with a computed C when S is C rounded to ``d`` decimals
  (``|C − S| ≤`` half a unit of the last digit) or C truncated towards zero (C exceeds S, in absolute value, by less
  than one unit): 648/640 = 101,25% written 101,2% and 30/31 = 96,77% written 96,7% agree, 95,57% written 90,4% does
  not (:func:`agrees`);
- when C is itself computed from rounded numbers (a sum of rounded parts), it is uncertain by the sum of their
  half-units (:func:`sum_spread`), added to the allowance on both sides;
- two stated numbers of the same quantity agree when both can be the rounding of one value: they differ by at most
  the sum of their half-units (:func:`same_value_allowance`).

Numbers are :class:`~decimal.Decimal`; floats (read from text) are converted through their shortest repr, so 0,1 is
0,1 and not 0,1000000000000000055.
"""

from __future__ import annotations

from decimal import Decimal

EPSILON = Decimal("1e-9")


def to_decimal(value) -> Decimal:
    """A Decimal of an int, float (its shortest repr) or Decimal."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def decimals_of(value) -> int:
    """Decimals of a stored figure as written, trailing zeros dropped (a database keeps 90.4 as 90.400000):
    90.400000 → 1, 100 → 0. Text knows its own decimals («215,0» has one); use them there instead."""
    exponent = to_decimal(value).normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def half_unit(decimals: int) -> Decimal:
    """Half a unit of the last written decimal: 1 decimal → 0,05; 0 → 0,5."""
    return Decimal(5).scaleb(-decimals - 1)


def unit(decimals: int) -> Decimal:
    return Decimal(1).scaleb(-decimals)


def agrees(stated, computed, decimals: int, spread=0) -> bool:
    """Whether ``stated`` (written with ``decimals``) is ``computed`` rounded or truncated; ``spread`` is the
    uncertainty of ``computed`` itself (see :func:`sum_spread`). A stated number of the other sign never agrees."""
    s, c, spread = to_decimal(stated), to_decimal(computed), to_decimal(spread)
    if s and c and (s > 0) != (c > 0):
        return False
    gap = abs(c) - abs(s)
    return -half_unit(decimals) - spread - EPSILON <= gap <= unit(decimals) + spread + EPSILON


def interval(stated, decimals: int) -> tuple[Decimal, Decimal]:
    """The computed values a positive stated number may stand for: [S − half a unit, S + one unit]."""
    s = to_decimal(stated)
    return s - half_unit(decimals), s + unit(decimals)


def sum_spread(decimals: list[int]) -> Decimal:
    """The uncertainty of a sum of rounded numbers written with these decimals: the sum of their half-units."""
    return sum((half_unit(d) for d in decimals), Decimal(0))


def same_value_allowance(*decimals: int) -> Decimal:
    """How far apart stated numbers of one quantity may be: the sum of their half-units."""
    return sum_spread(list(decimals))


def rounded_interval(stated, decimals: int) -> tuple[Decimal, Decimal]:
    """The values a stated number may stand for when it was *rounded* (not truncated), once or twice: half a unit
    of its last digit either side and a tenth of that more for a value rounded twice (2,348 → 2,35 → 2,4).

    Used where several stated shares are turned into the one unknown whole they imply («84 hộ = 1,59%», «124 hộ =
    2,4%»): there, allowing truncation as well would make almost every pair agree (56 = 2,8% and 1.874 = 96,1% agree
    with a whole of 1.949 only if 2,87% was truncated to 2,8%), so the check would never speak. Elsewhere a stated
    number is compared with a computed one through :func:`agrees`."""
    s = to_decimal(stated)
    margin = half_unit(decimals) * Decimal("1.1")
    return s - margin, s + margin
