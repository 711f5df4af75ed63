"""Values of a unit over several years (for trends), resolved like every other figure."""

from __future__ import annotations

from decimal import Decimal

from ktxh.figures.cube import Cube, Key
from ktxh.periods import Period
from ktxh.units.models import OrgUnit


def yearly(unit: OrgUnit, keys: list[Key], last_year: int, years: int = 5) -> dict[Key, list[tuple[Period, Decimal]]]:
    """For each key, the (year, value) pairs that exist among the ``years`` years up to ``last_year``."""
    periods = [Period.year_of(year) for year in range(last_year - years + 1, last_year + 1)]
    cube = Cube([unit], periods, focus=[unit])
    result: dict[Key, list[tuple[Period, Decimal]]] = {}
    for key in keys:
        points = [(p, cube.figure(unit.pk, key, p).value) for p in periods]
        result[key] = [(p, v) for p, v in points if v is not None]
    return result
