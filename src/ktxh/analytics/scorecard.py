"""The scorecard: for a unit and a period, every indicator against each of its targets, last year and its peers.

This is the Python API the report and the web pages call::

    from ktxh.analytics.scorecard import build_scorecards
    card = build_scorecards([unit], Period.parse("2023"))[unit.pk]
    for row in card.rows: ...

``build_scorecards`` computes many units at once from one :class:`~ktxh.figures.cube.Cube` (a province and all its
communes in the same few queries). Every figure, target and label comes from :mod:`ktxh.figures`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from ktxh.analytics.achievement import Change, Judgement, judge, year_on_year
from ktxh.catalog import version
from ktxh.catalog.models import Indicator, Sector, TargetSource
from ktxh.figures import statements
from ktxh.figures.catalog import Catalog
from ktxh.figures.cube import Cube, Figure, Key
from ktxh.figures.labels import Labels
from ktxh.figures.scope import EVERY_SECTOR, SectorScope
from ktxh.periods import Period
from ktxh.units.models import ADMINISTRATIVE_TYPES, OrgUnit


@dataclass
class Target:
    source: TargetSource
    form: str
    value: Decimal | None
    value_high: Decimal | None
    text: str

    @property
    def label(self) -> str:
        """ "trên 55000", "6.6–6.8", a qualitative text — plain numbers (formatting is the renderer's job)."""
        return self.text if self.value is None else str(self.value)


@dataclass
class Row:
    indicator: Indicator
    disaggregation: str
    disaggregation_label: str
    target: Target | None
    actual: Figure
    judgement: Judgement | None
    change: Change
    rank: int | None = None
    rank_of: int | None = None
    rank_note: str = ""
    entered_vs_rollup: Decimal | None = None  # entered on the unit − rolled up from its children

    @property
    def is_rate(self) -> bool:
        return self.indicator.value_type == "percent" or self.indicator.unit.symbol == "%"


@dataclass
class Completeness:
    present: list[Key] = field(default_factory=list)
    estimate_only: list[Key] = field(default_factory=list)
    missing: list[Key] = field(default_factory=list)

    @property
    def expected(self) -> int:
        return len(self.present) + len(self.estimate_only) + len(self.missing)


@dataclass
class Scorecard:
    unit: OrgUnit
    period: Period
    rows: list[Row]
    completeness: Completeness


def _rank_group(unit_type: str) -> str:
    return "administrative" if unit_type in ADMINISTRATIVE_TYPES else unit_type


class Builder:
    def __init__(
        self,
        units: list[OrgUnit],
        period: Period,
        ranks: bool = True,
        catalog: Catalog | None = None,
        last_year: bool = True,
        also: list[OrgUnit] = (),
        cube: Cube | None = None,
        scope: SectorScope = EVERY_SECTOR,
    ):
        """``last_year=False``: load the figures of ``period`` only, for a caller that asks for no scorecard row
        (:meth:`build` compares with last year) but only figures and ranks of the period — half the figures of a
        province to read. ``also``: more units whose own figures the cube loads (the units below a unit, to compare
        them from the same cube). ``cube``: one already loaded (by another builder of the same request) that holds
        the units' subtrees, their peers and their own figures for the periods needed: nothing is read again.
        ``scope``: the sectors the reader may read (:func:`ktxh.figures.scope.sector_scope`): rows, targets,
        completeness and the keys compared are only of their indicators."""
        self.units = units
        self.scope = scope
        self.period = period
        self.previous = period.previous_year()
        now = version.stamp()
        self.catalog = catalog or (cube.catalog if cube is not None else Catalog.current(now))
        self.ranks = ranks
        if cube is not None:
            self.cube = cube
        else:
            parents = {u.parent_id for u in units}
            if not ranks:  # no peers needed: only the units' own subtrees
                roots = list(units)
            elif None in parents:
                roots = list(OrgUnit.objects.filter(parent=None).overlapping(period.start, period.end))
                roots += [u for u in units if u.parent_id is None and u not in roots]
                parents.discard(None)
                roots += list(OrgUnit.objects.filter(pk__in=parents))
            else:
                roots = list(OrgUnit.objects.filter(pk__in=parents))
            periods = [period, self.previous] if last_year else [period]
            self.cube = Cube(roots, periods, focus=[*units, *also], catalog=self.catalog)
        self.last_year = last_year
        self._all_targets = None
        self._rank_tables: dict[tuple, dict[int, tuple[int, int]]] = {}
        self._peers: dict[tuple, list[int]] = {}
        self.labels = Labels.current(now)
        self.sector_order = {s.pk: s.sort_key for s in Sector.objects.all()}

    # -- per unit -----------------------------------------------------------------------------------------------

    def build(self, unit: OrgUnit) -> Scorecard:
        if not self.last_year:
            raise ValueError("a scorecard compares with last year: build it with last_year=True")
        targets = self._targets(unit)
        keys = {key for key in self.cube.keys_at(unit.pk, self.period) | set(targets) if self.in_scope(key)}
        figures = {key: self.cube.figure(unit.pk, key, self.period) for key in keys}
        totals = {key[0] for key, fig in figures.items() if not key[1] and fig.value is not None}
        rows: list[Row] = []
        for key in sorted(keys, key=self._sort_key):
            figure = figures[key]
            if key[1] and key not in targets and key[0] in totals:
                continue  # a part of a total that is shown: the scorecard shows the total
            if figure.value is None and not figure.text and key not in targets:
                continue
            indicator = self.catalog.by_id[key[0]]
            previous = self.cube.figure_or_predecessors(unit.pk, key, self.previous)
            change = year_on_year(
                figure.value,
                previous.value,
                self.catalog.is_rate(indicator),
                previous.note if previous.value is None else "",
            )
            rank, of, note = self.rank(unit, key)
            difference = None
            if figure.how == "direct" and figure.value is not None:
                rolled = self.cube.rollup(unit.pk, key, self.period)
                if rolled.value is not None and rolled.how == "rollup":
                    difference = figure.value - rolled.value
                    if abs(difference) <= _rounding_of(figure.value):
                        difference = None  # the entered figure is the children's total, rounded as written
            base = dict(
                indicator=indicator,
                disaggregation=key[1],
                disaggregation_label=self.labels.disaggregation(key[1]),
                actual=figure,
                change=change,
                rank=rank,
                rank_of=of,
                rank_note=note,
                entered_vs_rollup=difference,
            )
            if key in targets:
                for target in targets[key]:
                    rows.append(
                        Row(
                            target=target,
                            judgement=judge(
                                figure.value,
                                target.value,
                                target.value_high,
                                target.form,
                                indicator.direction,
                                self.catalog.is_rate(indicator),
                            ),
                            **base,
                        )
                    )
            else:
                rows.append(Row(target=None, judgement=None, **base))
        return Scorecard(unit, self.period, rows, self._completeness(unit, targets, figures))

    def in_scope(self, key: Key) -> bool:
        """Whether the figures of ``key`` are in the reader's sectors."""
        return self.scope.whole or self.scope.has(self.catalog.by_id[key[0]])

    def _sort_key(self, key: Key):
        indicator = self.catalog.by_id[key[0]]
        return self.sector_order.get(indicator.sector_id, ""), indicator.order, indicator.code, key[1]

    def _targets(self, unit: OrgUnit) -> dict[Key, list[Target]]:
        """The unit's targets for the period, by key, in the order of their sources (one query for all units)."""
        if self._all_targets is None:
            self._all_targets = defaultdict(lambda: defaultdict(list))
            found = statements.load(unit_ids=[u.pk for u in self.units], periods=[self.period.code], kinds=["target"])
            for statement in sorted((s for s in found if not s.variant), key=lambda s: s.source_order):
                self._all_targets[statement.unit_id][(statement.indicator_id, statement.disaggregation)].append(
                    Target(
                        self.labels.sources[statement.source],
                        statement.target_form,
                        statement.value,
                        statement.value_high,
                        statement.text,
                    )
                )
        return self._all_targets[unit.pk]

    # -- ranking ------------------------------------------------------------------------------------------------

    def rank(self, unit: OrgUnit, key: Key) -> tuple[int | None, int | None, str]:
        """Rank among the units of the same parent and kind valid in the period: 1 is best, ties share a rank."""
        indicator = self.catalog.by_id[key[0]]
        if not self.ranks or indicator.direction not in ("higher", "lower"):
            return None, None, ""
        group = (unit.parent_id, _rank_group(unit.type))
        table = self._rank_tables.get((group, key))
        if table is None:
            values = {}
            for peer in self._peers_of(group):
                found = self.cube.figure(peer, key, self.period)
                if found.value is not None:
                    values[peer] = found.value
            ordered = sorted(values.values(), reverse=indicator.direction == "higher")
            first = {}
            for position, value in enumerate(ordered, start=1):
                first.setdefault(value, position)
            table = {peer: (first[value], len(values)) for peer, value in values.items()}
            self._rank_tables[(group, key)] = table
        rank, of = table.get(unit.pk, (None, None))
        if rank is None or of < 2:
            return None, None, ""  # no value, or alone among its peers: no rank to give
        return rank, of, ""

    def _peers_of(self, group: tuple) -> list[int]:
        if group not in self._peers:
            parent_id, kind = group
            self._peers[group] = [
                info.id
                for info in self.cube.units.values()
                if info.parent_id == parent_id and _rank_group(info.type) == kind and info.valid_during(self.period)
            ]
        return self._peers[group]

    # -- completeness -------------------------------------------------------------------------------------------

    def _completeness(self, unit: OrgUnit, targets, figures: dict[Key, Figure]) -> Completeness:
        expected = set(targets)
        expected |= self.cube.keys_entered(unit.pk, self.previous, within=False)
        result = Completeness()
        for key in sorted(expected, key=self._sort_key):
            if self.catalog.by_id[key[0]].is_qualitative or not self.in_scope(key):
                continue
            found = figures.get(key) or self.cube.figure(unit.pk, key, self.period)
            if found.value is None:
                result.missing.append(key)
            elif found.estimate:
                result.estimate_only.append(key)
            else:
                result.present.append(key)
        return result


def _rounding_of(value: Decimal) -> Decimal:
    """Half a unit of the last digit written: 96,7 stands for anything from 96,65 to 96,75."""
    exponent = value.normalize().as_tuple().exponent
    return Decimal(5).scaleb(exponent - 1) if isinstance(exponent, int) and exponent < 0 else Decimal("0.5")


def build_scorecards(
    units: list[OrgUnit],
    period: Period,
    ranks: bool = True,
    catalog: Catalog | None = None,
    scope: SectorScope = EVERY_SECTOR,
) -> dict[int, Scorecard]:
    """Scorecards of several units for one period, computed together. ``ranks=False`` skips the ranking among
    peers, and with it the loading of the peers' figures (a whole province for one commune). ``catalog``: one the
    caller already loaded. ``scope``: only the indicators of the sectors a reader may read."""
    builder = Builder(units, period, ranks, catalog, scope=scope)
    return {unit.pk: builder.build(unit) for unit in units}


def build_scorecard(
    unit: OrgUnit,
    period: Period,
    ranks: bool = True,
    catalog: Catalog | None = None,
    scope: SectorScope = EVERY_SECTOR,
) -> Scorecard:
    return build_scorecards([unit], period, ranks, catalog, scope)[unit.pk]
