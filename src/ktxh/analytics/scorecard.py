"""The scorecard: for a unit and a period, every indicator against each of its targets, last year and its peers.

This is the Python API the report and the web pages call::

    from ktxh.analytics.scorecard import build_scorecards
    card = build_scorecards([unit], Period.parse("2023"))[unit.pk]
    for row in card.rows: ...

``build_scorecards`` computes many units at once from one :class:`~ktxh.analytics.cube.Cube` (a province and all its
communes in the same few queries).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from ktxh.analytics.achievement import Change, Judgement, judge, year_on_year
from ktxh.analytics.cube import Catalog, Cube, Figure, Key
from ktxh.catalog.formulas import references
from ktxh.catalog.models import DimensionOption, Indicator, Sector, TargetSource
from ktxh.periods import Period
from ktxh.units.models import ADMINISTRATIVE_TYPES, OrgUnit, UnitLink
from ktxh.values.models import DataValue, parse_disaggregation


@dataclass
class Target:
    source: TargetSource
    form: str
    value: Decimal | None
    value_high: Decimal | None
    text: str

    @property
    def label(self) -> str:
        """"trên 55000", "6.6–6.8", a qualitative text — plain numbers (formatting is the renderer's job)."""
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
    def __init__(self, units: list[OrgUnit], period: Period, ranks: bool = True):
        self.units = units
        self.period = period
        self.previous = period.previous_year()
        self.catalog = Catalog()
        self.ranks = ranks
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
        self.cube = Cube(roots, [period, self.previous], focus=units, catalog=self.catalog)
        self._other_cubes: dict[int, Cube] = {}
        # Indexes over the cube, built once: the per-unit work below must not scan the whole cube.
        self.keys_entered: dict[int, set[tuple[Key, str]]] = defaultdict(set)
        for (unit_id, key, code) in self.cube.direct:
            self.keys_entered[unit_id].add((key, code))
        self.keys_below: dict[int, set[tuple[Key, str]]] = defaultdict(set)
        for (unit_id, key, code) in self.cube.child_sums:
            self.keys_below[unit_id].add((key, code))
        self._within_cache: dict[str, bool] = {}
        self._all_targets = None
        self._rank_tables: dict[tuple, dict[int, tuple[int, int]]] = {}
        self._peers: dict[tuple, list[int]] = {}
        self.links: dict[int, list[UnitLink]] = defaultdict(list)
        for link in UnitLink.objects.select_related("predecessor"):
            self.links[link.successor_id].append(link)
        self.option_names = {(o.dimension.code, o.code): o.name
                             for o in DimensionOption.objects.select_related("dimension")}
        self.sector_order = {s.pk: s.sort_key for s in Sector.objects.all()}

    # -- per unit -----------------------------------------------------------------------------------------------

    def build(self, unit: OrgUnit) -> Scorecard:
        targets = self._targets(unit)
        keys = self._candidate_keys(unit) | set(targets)
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
            previous, why = self.previous_figure(unit, key)
            change = year_on_year(figure.value, previous.value if previous else None, self.catalog.is_rate(indicator),
                                  why)
            rank, of, note = self.rank(unit, key)
            difference = None
            if figure.how == "direct" and figure.value is not None:
                rolled = self.cube.rollup(unit.pk, key, self.period)
                if rolled.value is not None and rolled.how == "rollup":
                    difference = figure.value - rolled.value
                    if abs(difference) <= _rounding_of(figure.value):
                        difference = None  # the entered figure is the children's total, rounded as written
            base = dict(indicator=indicator, disaggregation=key[1], disaggregation_label=self._label(key[1]),
                        actual=figure, change=change, rank=rank, rank_of=of, rank_note=note,
                        entered_vs_rollup=difference)
            if key in targets:
                for target in targets[key]:
                    rows.append(Row(target=target, judgement=judge(
                        figure.value, target.value, target.value_high, target.form, indicator.direction,
                        self.catalog.is_rate(indicator)), **base))
            else:
                rows.append(Row(target=None, judgement=None, **base))
        return Scorecard(unit, self.period, rows, self._completeness(unit, targets, figures))

    def _sort_key(self, key: Key):
        indicator = self.catalog.by_id[key[0]]
        return self.sector_order.get(indicator.sector_id, ""), indicator.order, indicator.code, key[1]

    def _label(self, disaggregation: str) -> str:
        if not disaggregation:
            return ""
        return ", ".join(self.option_names.get(item, item[1]) for item in parse_disaggregation(disaggregation).items())

    def _targets(self, unit: OrgUnit) -> dict[Key, list[Target]]:
        if self._all_targets is None:
            self._all_targets = defaultdict(lambda: defaultdict(list))
            sources = {s.pk: s for s in TargetSource.objects.all()}
            values = (DataValue.objects.filter(org_unit__in=self.units, period=self.period.code, kind="target",
                                               variant="").order_by("target_source__order")
                      .values_list("org_unit_id", "indicator_id", "disaggregation", "target_source_id",
                                   "target_form", "value", "value_high", "text"))
            for unit_id, indicator_id, disaggregation, source, form, value, high, text in values.iterator(2000):
                self._all_targets[unit_id][(indicator_id, disaggregation)].append(
                    Target(sources[source], form, value, high, text))
        return self._all_targets[unit.pk]

    def _candidate_keys(self, unit: OrgUnit) -> set[Key]:
        keys = {key for key, code in self.keys_entered.get(unit.pk, ()) if self._within(code)}
        members = self._subtree(unit.pk)
        for member in members:
            keys |= {key for key, code in self.keys_below.get(member, ()) if self._within(code)}
        keys |= {key for (member, key, code) in self.cube.raw_weighted
                 if member in members and self.catalog.by_id[key[0]].aggregation == "weighted_mean"
                 and self._within(code)}
        present = {k[0] for k in keys}
        for indicator in self.catalog.by_id.values():
            refs = []
            if indicator.numerator_id and indicator.denominator_id:
                refs = [indicator.numerator_id, indicator.denominator_id]
            elif indicator.formula:
                refs = [self.catalog.by_code[c].pk for c in references(indicator.formula)]
            if refs and all(r in present for r in refs):
                keys.add((indicator.pk, ""))
        return keys

    def _within(self, code: str) -> bool:
        if code not in self._within_cache:
            period = Period.parse(code)
            self._within_cache[code] = self.period.start <= period.start and period.end <= self.period.end
        return self._within_cache[code]

    def _subtree(self, unit_id: int) -> set[int]:
        result, stack = set(), [unit_id]
        while stack:
            current = stack.pop()
            result.add(current)
            stack.extend(self.cube.children.get(current, []))
        return result

    # -- year on year -------------------------------------------------------------------------------------------

    def previous_figure(self, unit: OrgUnit, key: Key) -> tuple[Figure | None, str]:
        info = self.cube.units.get(unit.pk)
        if info is not None and info.valid_during(self.previous):
            found = self.cube.figure(unit.pk, key, self.previous)
            return (found, "") if found.value is not None else (None, f"không tính được: không có số liệu "
                                                                      f"{self.previous.label}")
        return self._lineage(unit.pk, key, self.previous, depth=0)

    def _lineage(self, unit_id: int, key: Key, period: Period, depth: int) -> tuple[Figure | None, str]:
        """The value of a unit that did not exist in ``period``, from its predecessors and their shares."""
        links = self.links.get(unit_id, [])
        if not links:
            return None, f"không tính được: đơn vị chưa có trong {period.label} và không có đơn vị tiền thân"
        if depth > 5:
            return None, "không tính được: chuỗi sáp nhập quá dài"
        indicator = self.catalog.by_id[key[0]]
        if indicator.aggregation == "ratio":
            numerator, why = self._lineage(unit_id, (indicator.numerator_id, key[1]), period, depth)
            denominator, why_d = self._lineage(unit_id, (indicator.denominator_id, key[1]), period, depth)
            if numerator is None or denominator is None:
                return None, why or why_d
            if denominator.value == 0:
                return None, "không tính được: mẫu số của các đơn vị tiền thân bằng 0"
            factor = indicator.factor if indicator.factor is not None else Decimal(1)
            return Figure(numerator.value / denominator.value * factor, numerator.estimate or denominator.estimate,
                          "lineage", "tính lại từ các đơn vị tiền thân"), ""
        if indicator.aggregation != "sum":
            return None, (f"không tính được: đơn vị mới sáp nhập/chia tách, chỉ tiêu «{indicator.name}» không cộng "
                          "được từ các đơn vị tiền thân")
        total, estimate, names = Decimal(0), False, []
        for link in links:
            predecessor = link.predecessor
            if _overlaps(predecessor, period):
                found = self._figure_anywhere(predecessor, key, period)
                why = f"không tính được: thiếu số liệu {period.label} của «{predecessor.name}»"
            else:
                found, why = self._lineage(predecessor.pk, key, period, depth + 1)
            if found is None or found.value is None:
                return None, why
            total += found.value * link.share
            estimate |= found.estimate
            names.append(predecessor.name if link.share == 1 else f"{predecessor.name} × {link.share.normalize()}")
        return Figure(total, estimate, "lineage", "cộng từ đơn vị tiền thân: " + ", ".join(names)), ""

    def _figure_anywhere(self, unit: OrgUnit, key: Key, period: Period) -> Figure:
        if unit.pk in self.cube.units and period in (self.period, self.previous):
            return self.cube.figure(unit.pk, key, period)
        root_id = unit.parent_id or unit.pk
        cube = self._other_cubes.get((root_id, period.code))
        if cube is None:
            root = OrgUnit.objects.get(pk=root_id)
            cube = self._other_cubes[(root_id, period.code)] = Cube([root], [period], focus=[unit],
                                                                    catalog=self.catalog)
        return cube.figure(unit.pk, key, period)

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
            self._peers[group] = [info.id for info in self.cube.units.values()
                                  if info.parent_id == parent_id and _rank_group(info.type) == kind
                                  and info.valid_during(self.period)]
        return self._peers[group]

    # -- completeness -------------------------------------------------------------------------------------------

    def _completeness(self, unit: OrgUnit, targets, figures: dict[Key, Figure]) -> Completeness:
        expected = set(targets)
        previous_code = self.previous.code
        expected |= {key for key, code in self.keys_entered.get(unit.pk, ()) if code == previous_code}
        result = Completeness()
        for key in sorted(expected, key=self._sort_key):
            if self.catalog.by_id[key[0]].is_qualitative:
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


def _overlaps(unit: OrgUnit, period: Period) -> bool:
    return (unit.valid_from is None or unit.valid_from <= period.end) and (
        unit.valid_to is None or unit.valid_to >= period.start)


def build_scorecards(units: list[OrgUnit], period: Period, ranks: bool = True) -> dict[int, Scorecard]:
    """Scorecards of several units for one period, computed together. ``ranks=False`` skips the ranking among
    peers, and with it the loading of the peers' figures (a whole province for one commune)."""
    builder = Builder(units, period, ranks)
    return {unit.pk: builder.build(unit) for unit in units}


def build_scorecard(unit: OrgUnit, period: Period, ranks: bool = True) -> Scorecard:
    return build_scorecards([unit], period, ranks)[unit.pk]
