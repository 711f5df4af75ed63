"""The indicators as resolution needs them, loaded once per computation."""

from __future__ import annotations

from ktxh.catalog import version
from ktxh.catalog.formulas import references
from ktxh.catalog.models import Indicator


class Catalog:
    """The indicators, by id and by code, with their units of measure.

    One instance serves a computation (a scorecard, a report, an evaluation of the rules) and is handed to every
    :class:`~ktxh.figures.cube.Cube` it builds, so the catalog is read once however many cubes a computation needs
    (a commune's own, its children's, its predecessors'). :meth:`current` gives the one this process keeps, read
    again only when the catalog changed (:mod:`ktxh.catalog.version`): a save does not pay for reading it."""

    @classmethod
    def current(cls, stamp: tuple | None = None) -> Catalog:
        """The catalog as it is now, kept by the process between requests while it does not change. ``stamp``: the catalog's
        version (:func:`ktxh.catalog.version.stamp`) the caller has just read for the catalog and the labels of one
        computation."""
        return version.current(cls, stamp)

    def __init__(self):
        self.by_id: dict[int, Indicator] = {i.pk: i for i in Indicator.objects.select_related("unit")}
        self.by_code: dict[str, Indicator] = {i.code: i for i in self.by_id.values()}
        self.sum_ids = [i for i, ind in self.by_id.items() if ind.aggregation == "sum"]
        self.weighted = [i for i, ind in self.by_id.items() if ind.aggregation == "weighted_mean"]

    def is_rate(self, indicator: Indicator) -> bool:
        """A rate (a percentage) changes in points, not in per cent of itself, and is never summed."""
        return indicator.value_type == "percent" or indicator.unit.symbol == "%"

    def references(self, indicator: Indicator) -> list[int]:
        """The ids of the indicators a derived indicator is computed from (numerator and denominator, or the
        codes of its formula); empty for an indicator that is entered or rolled up."""
        if indicator.numerator_id and indicator.denominator_id:
            return [indicator.numerator_id, indicator.denominator_id]
        if indicator.formula:
            return [self.by_code[code].pk for code in references(indicator.formula)]
        return []
