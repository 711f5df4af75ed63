"""What a figure is: the value of an indicator at a unit for a period, resolved on demand and always fresh.

DHIS2 answers from analytics tables rebuilt in batches; ktxh reads the figures as they are now. A :class:`Cube`
loads, in a few queries, everything needed to answer "what is the value of indicator I (disaggregation D) at unit
U for period P" anywhere below its roots:

- the figures entered on every unit that has children (and on the focus units and their siblings), one by one;
- for summable indicators, the sums of the children's figures grouped by parent — computed by the database, so a
  province of 1.600 residential groups does not travel to Python row by row. A large subtree (a province) reads
  them from the sums the database keeps (:mod:`ktxh.values.rollups`: made by the same statement, marked stale by
  every change in the change log's own transaction and recomputed before they are read, so never stale); a small
  one adds them up on each request;
- for weighted means, the raw figures and their weights.

A value then comes, in this order, from: the figure entered on the unit itself; the roll-up of its children (sum;
ratio recomputed from rolled-up numerator and denominator; weighted mean); the indicator's formula; the shorter
periods it is made of (months, quarters, halves: summed for flows, the last one for stocks); for a unit that did
not exist yet, its predecessors (:meth:`Cube.figure_or_predecessors`). Each answer says how it was obtained, from
what (its provenance) and, when there is none, why.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ktxh.catalog import formulas
from ktxh.catalog.models import Indicator
from ktxh.figures.catalog import Catalog
from ktxh.periods import Period, PeriodType
from ktxh.units.models import OrgUnit, UnitLink
from ktxh.values import rollups
from ktxh.values.models import DataValue

Key = tuple[int, str]  # (indicator id, disaggregation)
SIX_PLACES = Decimal("0.000001")
#: Subtrees of more units than this (a province, a district) read their children's sums from the kept roll-ups
#: (:mod:`ktxh.values.rollups`); smaller ones (a commune) add them up through the (unit, period) index.
LARGE = 500
NO_SUM = (Decimal(0), 0, 0)  # (total, count, estimates) of a unit with no child figure


@dataclass(frozen=True)
class Figure:
    """A resolved value. ``value`` None means there is none: ``note`` says why, and ``not_computable`` tells a figure
    that could not be computed (a part missing, a zero denominator) from one that simply has no data.

    ``how``: ``direct`` (entered on the unit: an actual, else an estimate), ``rollup`` (from the units below),
    ``formula`` (from other indicators of the same unit), ``period`` (from shorter periods), ``lineage`` (from the
    predecessors of a merged or split unit). ``provenance`` names what it was made of: ``("row", unit id, kind,
    period code)`` for an entered one, ``("children", unit id, count, expected)``, ``("indicators", codes…)``,
    ``("periods", codes…)``, ``("predecessors", (unit id, share)…)``."""

    value: Decimal | None
    estimate: bool = False  # made (partly) of "ước thực hiện" figures
    how: str = ""  # direct | rollup | formula | period | lineage; "" when there is no value
    note: str = ""
    text: str = ""  # the wording of a qualitative figure
    parts: int = 0  # how many children or sub-periods it was made of
    provenance: tuple = ()
    not_computable: bool = False

    @property
    def kind(self) -> str:
        return "estimate" if self.estimate else "actual"


NOTHING = Figure(None)  # this way of resolving does not apply: try the next one


def _decimal(raw) -> Decimal | None:
    if raw is None:
        return None
    if isinstance(raw, Decimal):
        return raw
    return Decimal(str(raw)).quantize(SIX_PLACES)


@dataclass
class UnitInfo:
    id: int
    code: str
    name: str
    type: str
    parent_id: int | None
    valid_from: dt.date | None
    valid_to: dt.date | None

    def valid_during(self, period: Period) -> bool:
        return (self.valid_from is None or self.valid_from <= period.end) and (
            self.valid_to is None or self.valid_to >= period.start
        )


class Cube:
    """The figures of the subtrees of ``roots`` for ``periods``; ``focus`` units (and their siblings) have their own
    entered figures loaded even when they have no children. Build one per computation and ask it many questions:
    :meth:`figure`, :meth:`figure_or_predecessors`, :meth:`rollup`, :meth:`entered`, :meth:`keys_at`."""

    def __init__(
        self, roots: list[OrgUnit], periods: list[Period], focus: list[OrgUnit] = (), catalog: Catalog | None = None
    ):
        self.catalog = catalog or Catalog.current()
        self.periods = periods
        self.root_ids = [r.pk for r in roots]
        self.units: dict[int, UnitInfo] = {}
        self.children: dict[int, list[int]] = defaultdict(list)
        self.direct: dict[tuple[int, Key, str], list[tuple[str, Decimal | None, str]]] = {}
        self.child_sums: dict[tuple[int, Key, str], tuple[Decimal, int, int]] = {}
        self.raw_weighted: dict[tuple[int, Key, str], Decimal] = {}
        self.raw_weighted_estimates: set[tuple[int, Key, str]] = set()
        self.periods_present: set[str] = set()
        self._memo: dict[tuple[int, Key, str], Figure] = {}
        self._child_cubes: dict[tuple[int, str], Cube] = {}
        self._sums_below: dict[tuple[int, Key, str], tuple[Decimal, int, int]] = {}
        self._inner_children: dict[int, list[int]] = {}
        self._expected: dict[tuple[int, str], int] = {}
        self._inside: dict[str, tuple[list[str], set[int]]] = {}
        self._links: dict[int, list[UnitLink]] | None = None
        self._other_cubes: dict[tuple[int, str], Cube] = {}
        self._keys_entered: dict[int, dict[str, set[Key]]] | None = None  # unit → period code → keys
        self._keys_below: dict[int, dict[str, set[Key]]] = {}
        self._within_cache: dict[str, dict[str, bool]] = {}
        self._translations: dict[str, str] = {}
        self._load(roots, [f.pk for f in focus])

    # -- notes --------------------------------------------------------------------------------------------------

    def _translated(self, message: str) -> str:
        """``gettext(message)`` looked up once per cube, for the notes made for most figures of a province (a
        roll-up, a missing figure of last year): Django's lookup would otherwise cost a sixth of a scorecard. A cube
        lives within one request or command, so in one language. Messages come marked ``gettext_noop(...)``, which
        the catalog extraction knows."""
        found = self._translations.get(message)
        if found is None:
            found = self._translations[message] = _(message)
        return found

    def _missing(self, name: str) -> Figure:
        """No figure and nothing to make one from."""
        return Figure(None, note=self._translated(gettext_noop("no data for «%(name)s»")) % {"name": name})

    def _not_computable(self, reason: str) -> Figure:
        """No figure although there is something to make one from: ``reason`` says what is wrong."""
        return Figure(
            None,
            note=self._translated(gettext_noop("not computable: %(reason)s")) % {"reason": reason},
            not_computable=True,
        )

    # -- loading ------------------------------------------------------------------------------------------------

    def _span_condition(self, alias: str) -> tuple[str, list]:
        parts, params = [], []
        for period in self.periods:
            parts.append(f"({alias}.period_start >= %s AND {alias}.period_end <= %s)")
            params += [period.start, period.end]
        return "(" + " OR ".join(parts) + ")", params

    def _load(self, roots: list[OrgUnit], focus_ids: list[int]) -> None:
        first = min(p.start for p in self.periods)
        last = max(p.end for p in self.periods)
        units = OrgUnit.objects.none()
        for root in roots:
            units = units | OrgUnit.objects.filter(path__startswith=root.path)
        for row in units.overlapping(first, last).values_list(
            "id", "code", "name", "type", "parent_id", "valid_from", "valid_to"
        ):
            self.units[row[0]] = UnitInfo(*row)
        for info in self.units.values():
            if info.parent_id in self.units:
                self.children[info.parent_id].append(info.id)
        wanted = {u for u in self.units if self.children.get(u)} | set(self.root_ids)
        for unit_id in focus_ids:
            wanted.add(unit_id)
            parent = self.units.get(unit_id)
            if parent and parent.parent_id in self.children:
                wanted.update(self.children[parent.parent_id])
        self._load_direct(wanted)
        self._load_child_sums()
        self._load_weighted()

    def _root_paths(self) -> list[str]:
        return list(OrgUnit.objects.filter(pk__in=self.root_ids).values_list("path", flat=True))

    def _root_condition(self, alias: str) -> tuple[str, list]:
        paths = self._root_paths()
        return "(" + " OR ".join(f"{alias}.path LIKE %s" for _ in paths) + ")", [p + "%" for p in paths]

    def _load_direct(self, unit_ids: set[int]) -> None:
        values = DataValue.objects.filter(org_unit_id__in=unit_ids, kind__in=("actual", "estimate"), variant="").filter(
            period_start__gte=min(p.start for p in self.periods), period_end__lte=max(p.end for p in self.periods)
        )
        for unit_id, indicator_id, disaggregation, period, kind, value, text in values.values_list(
            "org_unit_id", "indicator_id", "disaggregation", "period", "kind", "value", "text"
        ):  # read at once: kept whole anyway, and a server-side cursor costs round trips
            self.direct.setdefault((unit_id, (indicator_id, disaggregation), period), []).append((kind, value, text))
            self.periods_present.add(period)

    def _load_child_sums(self) -> None:
        """Per parent, indicator, disaggregation and period: the sum of the children's own figures (an actual
        where there is one, else the estimate), how many children, and how many of them were estimates."""
        if not self.catalog.sum_ids or not self.root_ids or not self.units:
            return  # nothing to sum (and PostgreSQL refuses an empty «IN ()»)
        if len(self.units) <= LARGE:
            # A small subtree (a commune): its ids, looked up through the (unit, period) index.
            spans, span_params = self._span_condition("v")
            members = "v.org_unit_id IN (" + ", ".join(["%s"] * len(self.units)) + ")"
            with connection.cursor() as cursor:
                cursor.execute(
                    rollups.child_sums_sql(f"{spans} AND {members}", summed_only=True), span_params + list(self.units)
                )
                rows = cursor.fetchall()
        elif rollups.enabled():
            # A large one (a province): the sums kept by ktxh.values.rollups, recomputed first where stale.
            summed = set(self.catalog.sum_ids)
            rows = [
                (parent_id, indicator_id, disaggregation, period, None, None, total, count, estimates)
                for parent_id, indicator_id, disaggregation, period, total, count, estimates in rollups.read(
                    self._root_paths(), [(p.start, p.end) for p in self.periods]
                )
                if indicator_id in summed
            ]
        else:
            # The same sums added up now: one pass over the period's figures is cheaper than thousands of lookups.
            spans, span_params = self._span_condition("v")
            members, member_params = self._root_condition("u2")
            joins = f"JOIN {OrgUnit._meta.db_table} u2 ON u2.id = v.org_unit_id"
            with connection.cursor() as cursor:
                cursor.execute(
                    rollups.child_sums_sql(f"{spans} AND {members}", joins=joins, summed_only=True),
                    span_params + member_params,
                )
                rows = cursor.fetchall()
        for parent_id, indicator_id, disaggregation, period, _start, _end, total, count, estimates in rows:
            self.child_sums[(parent_id, (indicator_id, disaggregation), period)] = (
                _decimal(total),
                int(count),
                int(estimates or 0),
            )
            self.periods_present.add(period)

    def _load_weighted(self) -> None:
        ids = set(self.catalog.weighted)
        for indicator_id in list(ids):
            weight = self.catalog.by_id[indicator_id].weight_id
            if weight:
                ids.add(weight)
        if not ids:
            return
        values = DataValue.objects.filter(
            org_unit_id__in=list(self.units),
            indicator_id__in=ids,
            kind__in=("actual", "estimate"),
            variant="",
            value__isnull=False,
        )
        values = values.filter(
            period_start__gte=min(p.start for p in self.periods), period_end__lte=max(p.end for p in self.periods)
        )
        best: dict[tuple[int, Key, str], tuple[str, Decimal]] = {}
        for unit_id, indicator_id, disaggregation, period, kind, value in values.values_list(
            "org_unit_id", "indicator_id", "disaggregation", "period", "kind", "value"
        ):
            key = (unit_id, (indicator_id, disaggregation), period)
            if key not in best or kind == "actual":
                best[key] = (kind, value)
        self.raw_weighted = {key: value for key, (_, value) in best.items()}
        self.raw_weighted_estimates = {key for key, (kind, _) in best.items() if kind == "estimate"}

    # -- resolving ----------------------------------------------------------------------------------------------

    def figure(self, unit_id: int, key: Key, period: Period) -> Figure:
        """The value of ``key`` at ``unit_id`` for ``period``, however it can be obtained."""
        memo_key = (unit_id, key, period.code)
        if memo_key in self._memo:
            return self._memo[memo_key]
        self._memo[memo_key] = NOTHING  # guards against cycles; formulas are acyclic by catalog load
        result = self._resolve(unit_id, key, period)
        self._memo[memo_key] = result
        return result

    def entered(self, unit_id: int, key: Key, period: Period) -> Figure | None:
        """The figure entered on the unit itself (an actual wins over an estimate), or None."""
        rows = self.direct.get((unit_id, key, period.code))
        if not rows:
            return None
        rows = sorted(rows, key=lambda r: r[0] != "actual")
        kind, value, text = rows[0]
        return Figure(
            value, estimate=kind == "estimate", how="direct", text=text, provenance=("row", unit_id, kind, period.code)
        )

    def _resolve(self, unit_id: int, key: Key, period: Period) -> Figure:
        entered = self.entered(unit_id, key, period)
        if entered is not None:
            return entered
        indicator = self.catalog.by_id[key[0]]
        reason: Figure | None = None
        # A rate is computed from the unit's own numerator and denominator (each entered or rolled up): with an
        # entered denominator that differs from its children's sum, the entered one wins here too.
        derived = (indicator.numerator_id and indicator.denominator_id) or indicator.formula
        attempts = (self._from_components, self.rollup) if derived else (self.rollup, self._from_components)
        for attempt in (*attempts, self._from_subperiods):
            found = attempt(unit_id, key, period)
            if found.value is not None:
                return found
            if found.not_computable and reason is None:
                reason = found
        return reason or self._missing(indicator.name)

    def rollup(self, unit_id: int, key: Key, period: Period) -> Figure:
        """The value of ``unit_id`` made from its children (whatever is entered on the unit itself)."""
        indicator = self.catalog.by_id[key[0]]
        if not self.children.get(unit_id):
            return NOTHING
        if indicator.aggregation == "sum":
            if self._children_report_shorter_periods(unit_id, key, period):
                return self._rollup_child_by_child(unit_id, key, period)
            total, count, estimates = self._sum_below(unit_id, key, period)
            return self._summed(unit_id, period, [], total, count, estimates)
        if indicator.aggregation == "weighted_mean":
            return self._weighted_mean(unit_id, key, period, indicator)
        if indicator.aggregation == "ratio":
            # Recomputed from the children's numerators and denominators, not from the unit's own.
            return self._ratio(unit_id, key, period, indicator, self.rollup)
        return self._not_computable(
            _("indicator «%(name)s» is not rolled up from the units below") % {"name": indicator.name}
        )

    def _sum_below(self, unit_id: int, key: Key, period: Period) -> tuple[Decimal, int, int]:
        """(total, children with a value, how many of those are (partly) estimates) of a summed indicator: the
        database's sum of the children's own figures, plus the roll-up of each child that has units below it and
        no figure of its own. Kept as plain numbers for every unit below — a province's total needs the totals of
        its hundred communes, not a :class:`Figure` with a note for each — and remembered per unit, key, period."""
        code = period.code
        memo_key = (unit_id, key, code)
        found = self._sums_below.get(memo_key)
        if found is not None:
            return found
        total, count, estimates = self.child_sums.get(memo_key, NO_SUM)
        children = self._children_with_units_below(unit_id)
        # the periods inside this one that children may report instead (asked once, not once per child)
        inside, indicators = self._data_inside(period) if children else ((), ())
        inside = inside if key[0] in indicators else ()
        for child in children:
            if (child, key, code) in self.direct:
                continue  # its own figure is in the database's sum
            if inside and any((child, key, c) in self.child_sums for c in inside):
                figure = self._rollup_child_by_child(child, key, period)
                if figure.value is None:
                    continue
                child_total, child_estimate = figure.value, figure.estimate
            else:
                if self._children_with_units_below(child):
                    child_total, child_count, child_estimates = self._sum_below(child, key, period)
                else:  # what _sum_below answers for a unit whose children have none below
                    child_total, child_count, child_estimates = self.child_sums.get((child, key, code), NO_SUM)
                if child_count == 0:
                    continue
                child_estimate = child_estimates > 0
            total += child_total
            count += 1
            estimates += child_estimate
        found = self._sums_below[memo_key] = (total, count, estimates)
        return found

    def _children_with_units_below(self, unit_id: int) -> list[int]:
        found = self._inner_children.get(unit_id)
        if found is None:
            found = self._inner_children[unit_id] = [c for c in self.children.get(unit_id, ()) if self.children.get(c)]
        return found

    def _summed(
        self,
        unit_id: int,
        period: Period,
        figures: list[Figure],
        total: Decimal = Decimal(0),
        count: int = 0,
        estimates: int = 0,
    ) -> Figure:
        """The sum of the children's figures that have a value (added to a sum the database already made)."""
        for figure in figures:
            if figure.value is not None:
                total += figure.value
                count += 1
                estimates += figure.estimate
        if count == 0:
            return NOTHING
        expected = self._expected.get((unit_id, period.code))
        if expected is None:
            expected = sum(1 for child in self.children[unit_id] if self.units[child].valid_during(period))
            self._expected[(unit_id, period.code)] = expected
        return Figure(
            total,
            estimate=estimates > 0,
            how="rollup",
            parts=count,
            note=self._translated(gettext_noop("rolled up from %(count)d/%(expected)d units below"))
            % {"count": count, "expected": expected},
            provenance=("children", unit_id, count, expected),
        )

    def _children_report_shorter_periods(self, unit_id: int, key: Key, period: Period) -> bool:
        """True when some children have figures only for parts of the period (halves, quarters, months)."""
        codes, indicators = self._data_inside(period)
        if key[0] not in indicators:
            return False
        return any((unit_id, key, code) in self.child_sums for code in codes)

    def _rollup_child_by_child(self, unit_id: int, key: Key, period: Period) -> Figure:
        """Children that report by different periods: each child's value first (its own figure, or its parts of
        the period added up), then their sum. Loads the children's own figures for this one parent."""
        cube = self._child_cubes.get((unit_id, period.code))
        if cube is None:
            children = list(OrgUnit.objects.filter(pk__in=self.children[unit_id]))
            cube = Cube(children, [period], focus=children, catalog=self.catalog)
            self._child_cubes[(unit_id, period.code)] = cube
        return self._summed(unit_id, period, [cube.figure(child, key, period) for child in self.children[unit_id]])

    def _weighted_mean(self, unit_id: int, key: Key, period: Period, indicator: Indicator) -> Figure:
        weight_id = indicator.weight_id
        numerator = denominator = Decimal(0)
        count, estimate = 0, False
        for child in self.children[unit_id]:
            value = self.raw_weighted.get((child, key, period.code))
            child_estimate = (child, key, period.code) in self.raw_weighted_estimates
            if value is None and self.children.get(child):
                below = self._weighted_mean(child, key, period, indicator)
                value, child_estimate = below.value, below.estimate
            weight = None
            if weight_id:
                weight_key = (child, (weight_id, key[1]), period.code)
                weight = self.raw_weighted.get(weight_key)
                if weight is None:
                    found = self.figure(child, (weight_id, key[1]), period)
                    weight, child_estimate = found.value, child_estimate or found.estimate
                else:
                    child_estimate = child_estimate or weight_key in self.raw_weighted_estimates
            if value is None or weight is None:
                continue
            numerator += value * weight
            denominator += weight
            count += 1
            estimate = estimate or child_estimate
        if count == 0:
            return NOTHING
        if denominator == 0:
            return self._not_computable(_("the weights add up to 0"))
        return Figure(
            numerator / denominator,
            estimate=estimate,
            how="rollup",
            parts=count,
            note=_("weighted mean of %(count)d units below") % {"count": count},
            provenance=("children", unit_id, count, len(self.children[unit_id])),
        )

    def _ratio(self, unit_id: int, key: Key, period: Period, indicator: Indicator, resolve) -> Figure:
        """numerator / denominator × factor, the parts found by ``resolve``: ``self.figure`` (the unit's own,
        entered or rolled up) or ``self.rollup`` (its children's only)."""
        from_children = resolve == self.rollup
        numerator = self._component(unit_id, indicator.numerator_id, key[1], period, resolve)
        denominator = self._component(unit_id, indicator.denominator_id, key[1], period, resolve)
        names = self.catalog.by_id[indicator.numerator_id].name, self.catalog.by_id[indicator.denominator_id].name
        if numerator.value is None or denominator.value is None:
            absent = [name for name, f in zip(names, (numerator, denominator)) if f.value is None]
            return self._not_computable(_("%(names)s missing") % {"names": ", ".join(absent)})
        if denominator.value == 0:
            if from_children:
                return self._not_computable(_("%(name)s of the units below is 0") % {"name": names[1]})
            return self._not_computable(_("%(name)s is 0") % {"name": names[1]})
        factor = indicator.factor if indicator.factor is not None else Decimal(1)
        codes = (
            "indicators",
            self.catalog.by_id[indicator.numerator_id].code,
            self.catalog.by_id[indicator.denominator_id].code,
        )
        if from_children:
            return Figure(
                numerator.value / denominator.value * factor,
                numerator.estimate or denominator.estimate,
                "rollup",
                _("recomputed from the numerators and denominators of the units below"),
                parts=min(numerator.parts, denominator.parts),
                provenance=codes,
            )
        return Figure(
            numerator.value / denominator.value * factor,
            numerator.estimate or denominator.estimate,
            "formula",
            _("computed from %(numerator)s / %(denominator)s") % {"numerator": names[0], "denominator": names[1]},
            provenance=codes,
        )

    def _component(self, unit_id: int, indicator_id: int, disaggregation: str, period: Period, resolve) -> Figure:
        """A part of a derived figure; a split figure falls back on the total when its part is not there."""
        found = resolve(unit_id, (indicator_id, disaggregation), period)
        if found.value is None and disaggregation:
            found = resolve(unit_id, (indicator_id, ""), period)
        return found

    def _from_components(self, unit_id: int, key: Key, period: Period) -> Figure:
        indicator = self.catalog.by_id[key[0]]
        if indicator.numerator_id and indicator.denominator_id:
            return self._ratio(unit_id, key, period, indicator, self.figure)
        if not indicator.formula:
            return NOTHING
        inputs: dict[str, Decimal] = {}
        estimate = False
        additive = formulas.is_additive(indicator.formula)
        for code in formulas.references(indicator.formula):
            ref = self.catalog.by_code[code]
            found = self._component(unit_id, ref.pk, key[1], period, self.figure)
            if found.value is None:
                return self._not_computable(_("%(names)s missing") % {"names": ref.name})
            value = found.value
            if additive and ref.unit_id != indicator.unit_id:
                # Adding tấn to tạ: convert within a dimension, refuse across dimensions.
                if ref.unit.dimension != indicator.unit.dimension:
                    return self._not_computable(
                        _("cannot add %(unit)s (%(name)s) to %(total_unit)s")
                        % {"unit": ref.unit.symbol, "name": ref.name, "total_unit": indicator.unit.symbol}
                    )
                value = value * ref.unit.factor / indicator.unit.factor
            inputs[code] = value
            estimate |= found.estimate
        try:
            return Figure(
                formulas.evaluate(indicator.formula, inputs),
                estimate=estimate,
                how="formula",
                note=_("computed by the formula %(formula)s") % {"formula": indicator.formula},
                provenance=("indicators", *inputs),
            )
        except formulas.FormulaError as error:
            return self._not_computable(str(error))

    def _from_subperiods(self, unit_id: int, key: Key, period: Period) -> Figure:
        """A period's value from shorter ones: the sum of any sequence of periods that tiles it (6 tháng + quý III,
        9 tháng + quý IV, months …) for flows; the value of a period ending on the same day for stocks."""
        indicator = self.catalog.by_id[key[0]]
        if period.type is PeriodType.MONTH or indicator.period_aggregation == "none":
            return NOTHING
        if key[0] not in self._data_inside(period)[1]:
            return NOTHING  # nothing this figure could be made of is there for a shorter period
        pieces = _pieces(period)
        if indicator.period_aggregation == "last":
            for part in sorted((p for ps in pieces.values() for p in ps if p.end == period.end), key=lambda p: p.start):
                found = self.figure(unit_id, key, part)
                if found.value is not None:
                    return Figure(
                        found.value,
                        found.estimate,
                        "period",
                        _("end-of-period value (%(period)s)") % {"period": part.label},
                        provenance=("periods", part.code),
                    )
            return NOTHING
        cover = self._cover(unit_id, key, period.start, period.end, pieces, {})
        if not cover:
            return NOTHING
        parts = [self.figure(unit_id, key, p) for p in cover]
        return Figure(
            sum((p.value for p in parts), Decimal(0)),
            any(p.estimate for p in parts),
            "period",
            _("sum of %(count)d periods: %(periods)s")
            % {"count": len(parts), "periods": ", ".join(p.label for p in cover)},
            parts=len(parts),
            provenance=("periods", *(p.code for p in cover)),
        )

    def _data_inside(self, period: Period) -> tuple[list[str], set[int]]:
        """The codes of the periods strictly inside ``period`` that the cube holds figures for, and the indicators
        that have such a figure anywhere in the cube — with every indicator computed from one of them (a ratio, a
        formula). Only those indicators can be made from shorter periods: for any other the search for a tiling
        (halves, quarters, months …) would find nothing, so it is not made. Computed once per period."""
        found = self._inside.get(period.code)
        if found is None:
            first, last = period.start, period.end
            codes = []
            for code in self.periods_present:
                inner = Period.parse(code)
                if first <= inner.start and inner.end <= last and (inner.start, inner.end) != (first, last):
                    codes.append(code)
            inside = set(codes)
            indicators = {
                key[0]
                for table in (self.direct, self.child_sums, self.raw_weighted)
                for (_unit, key, code) in table
                if code in inside
            }
            if indicators:
                changed = True
                while changed:  # derived from derived: until nothing more is added
                    changed = False
                    for indicator in self.catalog.by_id.values():
                        if indicator.pk not in indicators and any(
                            ref in indicators for ref in self.catalog.references(indicator)
                        ):
                            indicators.add(indicator.pk)
                            changed = True
            found = self._inside[period.code] = (codes, indicators)
        return found

    def _cover(self, unit_id: int, key: Key, start, end, pieces, seen: dict) -> list[Period] | None:
        """Shorter periods with a value that tile [start, end], longest first; None if there is no such tiling."""
        if start > end:
            return []
        if start in seen:
            return seen[start]
        seen[start] = None
        for piece in pieces.get(start, []):
            if piece.end > end or self.figure(unit_id, key, piece).value is None:
                continue
            rest = self._cover(unit_id, key, piece.end + dt.timedelta(days=1), end, pieces, seen)
            if rest is not None:
                seen[start] = [piece, *rest]
                break
        return seen[start]

    # -- predecessors -------------------------------------------------------------------------------------------

    def figure_or_predecessors(self, unit_id: int, key: Key, period: Period) -> Figure:
        """The figure of a unit for a period; for a unit that did not exist then (merged or split since), the
        figure made from its predecessors and their shares (``how`` = ``lineage``): "cùng kỳ" of a new commune."""
        info = self.units.get(unit_id)
        if info is not None and info.valid_during(period):
            found = self.figure(unit_id, key, period)
            return (
                found
                if found.value is not None
                else self._not_computable(
                    self._translated(gettext_noop("no data for %(period)s")) % {"period": period.label}
                )
            )
        return self._lineage(unit_id, key, period, depth=0)

    def _predecessor_links(self, unit_id: int) -> list[UnitLink]:
        if self._links is None:
            self._links = defaultdict(list)
            for link in UnitLink.objects.select_related("predecessor"):
                self._links[link.successor_id].append(link)
        return self._links.get(unit_id, [])

    def _lineage(self, unit_id: int, key: Key, period: Period, depth: int) -> Figure:
        links = self._predecessor_links(unit_id)
        if not links:
            return self._not_computable(
                self._translated(gettext_noop("the unit did not exist in %(period)s and has no predecessor"))
                % {"period": period.label}
            )
        if depth > 5:
            return self._not_computable(_("the chain of mergers is too long"))
        indicator = self.catalog.by_id[key[0]]
        if indicator.aggregation == "ratio":
            numerator = self._lineage(unit_id, (indicator.numerator_id, key[1]), period, depth)
            denominator = self._lineage(unit_id, (indicator.denominator_id, key[1]), period, depth)
            if numerator.value is None or denominator.value is None:
                return numerator if numerator.value is None else denominator
            if denominator.value == 0:
                return self._not_computable(_("the denominator of the predecessors is 0"))
            factor = indicator.factor if indicator.factor is not None else Decimal(1)
            return Figure(
                numerator.value / denominator.value * factor,
                numerator.estimate or denominator.estimate,
                "lineage",
                _("recomputed from the predecessors"),
                provenance=numerator.provenance,
            )
        if indicator.aggregation != "sum":
            return self._not_computable(
                _("the unit was merged or split, and «%(name)s» cannot be added up from its predecessors")
                % {"name": indicator.name}
            )
        total, estimate, names, shares = Decimal(0), False, [], []
        for link in links:
            predecessor = link.predecessor
            if _overlaps(predecessor, period):
                found = self._figure_anywhere(predecessor, key, period)
                if found.value is None:
                    return self._not_computable(
                        _("no data for %(period)s of «%(unit)s»") % {"period": period.label, "unit": predecessor.name}
                    )
            else:
                found = self._lineage(predecessor.pk, key, period, depth + 1)
                if found.value is None:
                    return found
            total += found.value * link.share
            estimate |= found.estimate
            names.append(predecessor.name if link.share == 1 else f"{predecessor.name} × {link.share.normalize()}")
            shares.append((predecessor.pk, link.share))
        return Figure(
            total,
            estimate,
            "lineage",
            _("summed from the predecessors: %(names)s") % {"names": ", ".join(names)},
            provenance=("predecessors", *shares),
        )

    def _figure_anywhere(self, unit: OrgUnit, key: Key, period: Period) -> Figure:
        """A figure of a unit that may lie outside this cube (a predecessor under another parent)."""
        if unit.pk in self.units and period in self.periods:
            return self.figure(unit.pk, key, period)
        root_id = unit.parent_id or unit.pk
        cube = self._other_cubes.get((root_id, period.code))
        if cube is None:
            root = OrgUnit.objects.get(pk=root_id)
            cube = self._other_cubes[(root_id, period.code)] = Cube(
                [root], [period], focus=[unit], catalog=self.catalog
            )
        return cube.figure(unit.pk, key, period)

    # -- which figures there are --------------------------------------------------------------------------------

    def keys_entered(self, unit_id: int, period: Period, within: bool = True) -> set[Key]:
        """The keys with a figure entered on the unit for ``period`` (``within``: or for a period inside it)."""
        if self._keys_entered is None:
            self._keys_entered = {}
            for member, key, code in self.direct:
                self._keys_entered.setdefault(member, {}).setdefault(code, set()).add(key)
        by_code = self._keys_entered.get(unit_id, {})
        if not within:
            return set(by_code.get(period.code, ()))
        inside = self._within_of(period)
        keys: set[Key] = set()
        for code, found in by_code.items():
            if inside(code):
                keys |= found
        return keys

    def keys_at(self, unit_id: int, period: Period) -> set[Key]:
        """Every key that has, or can be made into, a figure of the unit for the period: entered on it, entered
        anywhere below it (rolled up), and derived indicators all of whose parts are there."""
        if not self._keys_below:
            for member, key, code in self.child_sums:
                self._keys_below.setdefault(member, {}).setdefault(code, set()).add(key)
        keys = self.keys_entered(unit_id, period)
        members = self.subtree(unit_id)
        within = self._within_of(period)
        for member in members:
            for code, found in self._keys_below.get(member, {}).items():
                if within(code):
                    keys |= found
        keys |= {
            key
            for (member, key, code) in self.raw_weighted
            if member in members and self.catalog.by_id[key[0]].aggregation == "weighted_mean" and within(code)
        }
        present = {k[0] for k in keys}
        for indicator in self.catalog.by_id.values():
            refs = self.catalog.references(indicator)
            if refs and all(r in present for r in refs):
                keys.add((indicator.pk, ""))
        return keys

    def _within_of(self, period: Period):
        """A test "is the period of this code inside ``period``?", remembered per code."""
        cache = self._within_cache.setdefault(period.code, {})

        def within(code: str) -> bool:
            found = cache.get(code)
            if found is None:
                inner = Period.parse(code)
                found = cache[code] = period.start <= inner.start and inner.end <= period.end
            return found

        return within

    def subtree(self, unit_id: int) -> set[int]:
        """The unit and every unit below it in the cube."""
        result, stack = set(), [unit_id]
        while stack:
            current = stack.pop()
            result.add(current)
            stack.extend(self.children.get(current, []))
        return result


def _overlaps(unit: OrgUnit, period: Period) -> bool:
    return (unit.valid_from is None or unit.valid_from <= period.end) and (
        unit.valid_to is None or unit.valid_to >= period.start
    )


@functools.cache
def _pieces(period: Period) -> dict[dt.date, list[Period]]:
    """The calendar periods strictly inside ``period``, by first day, longest first: halves, cumulative periods
    from January, quarters, months. Computed once per period (the calendar does not change); callers only read it."""
    found: dict[dt.date, set[Period]] = defaultdict(set)
    for month in period.months():
        year, number = month.year, month.index
        candidates = [month]
        if number % 3 == 1:
            candidates.append(Period(year, PeriodType.QUARTER, (number + 2) // 3))
        if number in (1, 7):
            candidates.append(Period(year, PeriodType.HALF, 1 if number == 1 else 2))
        if number == 1:
            candidates += [Period.cumulative(year, n) for n in range(2, 12)]
        for candidate in candidates:
            if period.contains(candidate) and (candidate.start, candidate.end) != (period.start, period.end):
                found[candidate.start].add(candidate)
    return {start: sorted(items, key=lambda p: p.end, reverse=True) for start, items in found.items()}
