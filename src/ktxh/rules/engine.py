"""Evaluating the rules and storing their findings.

Rules run whatever the path a figure takes:

- every ``save()`` or ``delete()`` of a :class:`~ktxh.values.models.DataValue` re-evaluates, for that unit (and the
  units above it) and that period, the rules that involve its indicator (signals below);
- bulk loads, which bypass signals, evaluate everything they wrote in one batch (:func:`deferred_rules`);
- ``ktxh validate`` evaluates every rule for a unit and period (:func:`validate`).

A rule is checked at a unit and period only where at least one of its figures is entered there (rolled-up values,
formulas and shorter periods are used to complete the other side, through :class:`ktxh.figures.cube.Cube`).
Findings are upserted by (rule, unit, period, instance): a finding that no longer holds is resolved, not deleted,
and opens again if the problem comes back.
"""

from __future__ import annotations

import itertools
import threading
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.translation import gettext as _

from ktxh.catalog import version
from ktxh.checks import relations, rounding
from ktxh.checks.finding import Stated
from ktxh.figures import statements as stored
from ktxh.figures.catalog import Catalog
from ktxh.figures.cube import Cube
from ktxh.figures.labels import Labels
from ktxh.figures.statements import Statement
from ktxh.history.models import ChangeRecord
from ktxh.history.recorder import record_many, snapshot
from ktxh.numbers import format_number
from ktxh.periods import Period, PeriodError
from ktxh.rules import expressions as ex
from ktxh.rules.models import COMPARISONS, GENERIC, Finding, FindingStatus, Operator, Rule
from ktxh.units.models import OrgUnit
from ktxh.values.models import DataValue, format_disaggregation


@dataclass
class Result:
    rule: Rule
    unit_id: int
    period: str
    key: str
    indicator_id: int | None
    message: str
    values: dict


@dataclass
class Report:
    """What an evaluation did: findings opened or kept, resolved, and notes (outlier checks without enough data)."""

    results: list[Result] = field(default_factory=list)
    opened: int = 0
    resolved: int = 0
    notes: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))


# -- the figures an evaluation needs ----------------------------------------------------------------------------


class Facts:
    """Every statement (all kinds, targets and variants) of some units and periods, from
    :func:`ktxh.figures.statements.load` in one query; values not entered are resolved through a
    :class:`~ktxh.figures.cube.Cube`, built only when first needed. The names of options, dimensions and target
    sources are those of :class:`~ktxh.figures.labels.Labels`."""

    def __init__(self, unit_ids: set[int], periods: set[str], catalog: Catalog | None = None):
        now = version.stamp()
        self.catalog = catalog or Catalog.current(now)
        self.unit_ids = set(unit_ids)
        self.period_codes = set(periods)
        self.periods = {code: Period.parse(code) for code in periods}
        self.units = OrgUnit.objects.in_bulk(list(unit_ids))
        self.labels = Labels.current(now)
        self.options = self.labels.options
        self.dimension_names = self.labels.dimension_names
        self.option_names = self.labels.option_names
        self.source_names = self.labels.source_names
        self.statements: dict[tuple[int, int, str, str], list[Statement]] = defaultdict(list)
        self.present: dict[tuple[int, str], set[int]] = defaultdict(set)
        for statement in stored.load(
            unit_ids=self.unit_ids, periods=self.period_codes, ordered=True, sources=self.labels.source_keys
        ):
            self.statements[
                (statement.unit_id, statement.indicator_id, statement.disaggregation, statement.period)
            ].append(statement)
            self.present[(statement.unit_id, statement.period)].add(statement.indicator_id)
        # (unit, indicator, period) → [(disaggregation, statements)]: what variants and outliers go through
        self.by_indicator: dict[tuple[int, int, str], list[tuple[str, list[Statement]]]] = defaultdict(list)
        for (unit_id, indicator_id, disaggregation, period), items in self.statements.items():
            items.sort(key=lambda s: s.order)
            self.by_indicator[(unit_id, indicator_id, period)].append((disaggregation, items))
        self._cube: Cube | None = None
        self.history_cache: dict = {}
        # The indicators whose rules are evaluated (None: all): the outlier checks read the history and the
        # siblings of these only — a save of one figure does not read a hundred communes' every figure.
        self.indicator_ids: set[int] | None = None

    def cube(self) -> Cube:
        if self._cube is None:
            units = list(self.units.values())
            ids = {u.pk for u in units}
            roots = [u for u in units if not any(int(p) in ids for p in u.path.strip("/").split("/")[:-1] if p)]
            self._cube = Cube(roots, list(self.periods.values()), focus=units, catalog=self.catalog)
        return self._cube

    def figure(
        self, unit_id: int, indicator_id: int, disaggregation: str, period: str, kind: str = "", source: str = ""
    ) -> tuple[Decimal | None, bool]:
        """(value, entered directly?) of one figure; the figure in use is the actual, else the estimate, else
        whatever the Cube can resolve (roll-up, formula, shorter periods)."""
        for statement in self.statements.get((unit_id, indicator_id, disaggregation, period), ()):
            if statement.variant or statement.value is None:
                continue
            if kind == "" and statement.kind in ("actual", "estimate"):
                return statement.value, True
            if kind and statement.kind == kind and (not source or statement.source == source):
                return statement.value, True
        if kind:
            return None, False
        if unit_id not in self.units:
            return None, False
        value = self.cube().figure(unit_id, (indicator_id, disaggregation), self.periods[period]).value
        return value, False

    def has_text(self, unit_id: int, indicator_id: int, disaggregation: str, period: str) -> bool:
        return any(
            s.text and not s.variant for s in self.statements.get((unit_id, indicator_id, disaggregation, period), ())
        )


# -- compiled rules -------------------------------------------------------------------------------------------


@dataclass
class Compiled:
    rule: Rule
    left: ex.Expression | None = None
    right: ex.Expression | None = None
    low: ex.Expression | None = None
    high: ex.Expression | None = None
    condition: ex.Condition | None = None
    tolerance: tuple[Decimal, bool] | None = None
    each: list[str] = field(default_factory=list)
    indicator_ids: set[int] = field(default_factory=set)

    @property
    def references(self) -> list[ex.Reference]:
        refs = []
        for part in (self.left, self.right, self.low, self.high):
            if part is not None:
                refs += part.references
        if self.condition is not None:
            refs += self.condition.references
        return refs


_COMPILED: dict[tuple, Compiled] = {}


def compile_rule(rule: Rule, indicator_ids: set[int]) -> Compiled:
    signature = (
        rule.pk,
        rule.operator,
        rule.left,
        rule.right,
        rule.when,
        rule.tolerance,
        rule.severity,
        rule.message,
        rule.min_points,
        tuple(sorted(indicator_ids)),
    )
    compiled = _COMPILED.get(signature)
    if compiled is not None:
        compiled.rule = rule
        return compiled
    compiled = Compiled(rule, indicator_ids=indicator_ids)
    if rule.operator in COMPARISONS:
        compiled.left, compiled.right = ex.parse_expression(rule.left), ex.parse_expression(rule.right)
    elif rule.operator == Operator.BETWEEN:
        compiled.left = ex.parse_expression(rule.left)
        compiled.low, compiled.high = ex.parse_range(rule.right)
    elif rule.operator == Operator.REQUIRED:
        compiled.left = ex.parse_expression(rule.left)
    if rule.when:
        compiled.condition = ex.parse_condition(rule.when)
    compiled.tolerance = ex.parse_tolerance(rule.tolerance)
    for reference in compiled.references:
        for dimension in reference.each:
            if dimension not in compiled.each:
                compiled.each.append(dimension)
    _COMPILED[signature] = compiled
    return compiled


def _active_rules(indicator_ids: set[int] | None) -> list[Compiled]:
    rules = Rule.objects.filter(active=True)
    if indicator_ids is not None:
        rules = rules.filter(Q(indicators__in=indicator_ids) | Q(applies_to_all=True)).distinct()
    rules = list(rules.order_by("order", "code"))
    links = defaultdict(set)
    for rule_id, indicator_id in Rule.indicators.through.objects.filter(rule__in=rules).values_list(
        "rule_id", "indicator_id"
    ):
        links[rule_id].add(indicator_id)
    return [compile_rule(rule, links[rule.pk]) for rule in rules]


# -- evaluation -----------------------------------------------------------------------------------------------


class Evaluation:
    def __init__(self, facts: Facts, report: Report):
        self.facts = facts
        self.report = report

    # values of references under an assignment of the per-option dimensions
    def value(
        self, unit_id: int, period: str, reference: ex.Reference, assignment: dict[str, str]
    ) -> tuple[Decimal | None, bool]:
        indicator = self.facts.catalog.by_code.get(reference.code)
        if indicator is None:
            return None, False
        base = dict(reference.fixed)
        base.update({d: assignment[d] for d in reference.each})
        if not reference.summed:
            return self.facts.figure(
                unit_id, indicator.pk, format_disaggregation(base), period, reference.kind, reference.source
            )
        total, found, direct = Decimal(0), False, False
        choices = [[o for o, _n in self.facts.options.get(d, [])] for d in reference.summed]
        for combination in itertools.product(*choices):
            parts = dict(base)
            parts.update(zip(reference.summed, combination))
            value, entered = self.facts.figure(
                unit_id, indicator.pk, format_disaggregation(parts), period, reference.kind, reference.source
            )
            if value is not None:
                total += value
                found = True
                direct |= entered
        return (total if found else None), direct

    def values(self, unit_id, period, expression: ex.Expression, assignment) -> tuple[list, bool]:
        results = [self.value(unit_id, period, r, assignment) for r in expression.references]
        return [v for v, _d in results], any(d for _v, d in results)

    def assignments(self, compiled: Compiled):
        if not compiled.each:
            yield {}
            return
        choices = [[o for o, _n in self.facts.options.get(d, [])] for d in compiled.each]
        for combination in itertools.product(*choices):
            yield dict(zip(compiled.each, combination))

    def condition_holds(self, compiled: Compiled, unit_id, period, assignment) -> bool:
        condition = compiled.condition
        if condition is None:
            return True
        left = condition.left.evaluate(self.values(unit_id, period, condition.left, assignment)[0])
        right = None
        if condition.right is not None:
            right = condition.right.evaluate(self.values(unit_id, period, condition.right, assignment)[0])
        return condition.holds(left, right)

    def run(self, compiled: Compiled, unit_id: int, period: str, indicators: set[int]) -> list[Result]:
        operator = compiled.rule.operator
        if operator in COMPARISONS:
            return self._comparison(compiled, unit_id, period)
        if operator == Operator.BETWEEN:
            return self._between(compiled, unit_id, period)
        if operator == Operator.REQUIRED:
            return self._required(compiled, unit_id, period)
        targets = indicators if compiled.rule.applies_to_all else indicators & compiled.indicator_ids
        results: list[Result] = []
        for indicator_id in sorted(targets):
            indicator = self.facts.catalog.by_id.get(indicator_id)
            if indicator is None or indicator.is_qualitative:
                continue
            if operator == Operator.VARIANTS:
                results += self._variants(compiled, unit_id, period, indicator)
            else:
                from ktxh.rules import outliers

                results += outliers.check(self, compiled, unit_id, period, indicator)
        return results

    # -- the checks ---------------------------------------------------------------------------------------------

    def _comparison(self, compiled: Compiled, unit_id: int, period: str) -> list[Result]:
        results = []
        rule = compiled.rule
        for assignment in self.assignments(compiled):
            left_values, left_direct = self.values(unit_id, period, compiled.left, assignment)
            right_values, right_direct = self.values(unit_id, period, compiled.right, assignment)
            if not (left_direct or right_direct):
                continue
            left, right = compiled.left.evaluate(left_values), compiled.right.evaluate(right_values)
            if left is None or right is None or not self.condition_holds(compiled, unit_id, period, assignment):
                continue
            finding = _check_comparison(compiled, left, right, left_values, right_values)
            if finding is None:
                continue
            tolerance = finding.details["tolerance"]
            difference = left - right
            left_text = self._show(left, compiled.left, right)
            right_text = self._show(right, compiled.right, left)
            context = self._context(compiled, assignment, unit_id, period)
            context.update(
                left=left_text,
                right=right_text,
                left_values=compiled.left.render([_fmt(v) for v in left_values]),
                right_values=compiled.right.render([_fmt(v) for v in right_values]),
                difference=format_number(abs(difference))
                if _exact(compiled.left) and _exact(compiled.right)
                else format_number(
                    abs(difference), max(2, rounding.decimals_of(left if compiled.left.single else right) + 1)
                ),
                tolerance=format_number(tolerance),
                details="; ".join(
                    f"{self._label(r, assignment)} = {_fmt(v)}"
                    for r, v in zip(compiled.left.references + compiled.right.references, left_values + right_values)
                ),
            )
            values = {
                "left": _plain(left),
                "right": _plain(right),
                "difference": _plain(difference),
                "tolerance": _plain(tolerance),
                "option": assignment,
                "references": self._reference_values(compiled, left_values + right_values),
            }
            results.append(
                self._result(
                    compiled,
                    unit_id,
                    period,
                    _assignment_key(assignment),
                    self._subject(compiled, assignment),
                    context,
                    values,
                    _default_comparison(rule.operator) % context,
                )
            )
        return results

    def _single_cases(self, compiled: Compiled, unit_id: int, period: str):
        """For rules on one reference: each option assignment whose condition holds, with the reference, its
        indicator and the disaggregation it names."""
        reference = compiled.left.single
        indicator = self.facts.catalog.by_code.get(reference.code)
        for assignment in self.assignments(compiled):
            if not self.condition_holds(compiled, unit_id, period, assignment):
                continue
            parts = dict(reference.fixed)
            parts.update({d: assignment[d] for d in reference.each})
            yield assignment, reference, indicator, format_disaggregation(parts)

    def _between(self, compiled: Compiled, unit_id: int, period: str) -> list[Result]:
        results = []
        for assignment, reference, indicator, disaggregation in self._single_cases(compiled, unit_id, period):
            low = compiled.low.evaluate(self.values(unit_id, period, compiled.low, assignment)[0])
            high = compiled.high.evaluate(self.values(unit_id, period, compiled.high, assignment)[0])
            for statement in self.facts.statements.get((unit_id, indicator.pk, disaggregation, period), ()):
                if reference.kind and statement.kind != reference.kind:
                    continue
                if reference.source and statement.source != reference.source:
                    continue
                for value in (statement.value, statement.value_high):
                    if value is None or relations.between(value, low, high) is None:
                        continue
                    context = self._context(compiled, assignment, unit_id, period)
                    context.update(
                        value=_fmt(value),
                        low=_fmt(low),
                        high=_fmt(high),
                        statement=self._statement_label(statement),
                        left=_fmt(value),
                    )
                    key = ";".join(
                        filter(
                            None,
                            [
                                _assignment_key(assignment),
                                statement.kind,
                                statement.source,
                                f"variant={statement.variant}" if statement.variant else "",
                            ],
                        )
                    )
                    results.append(
                        self._result(
                            compiled,
                            unit_id,
                            period,
                            key,
                            indicator.pk,
                            context,
                            {
                                "value": _plain(value),
                                "low": _plain(low),
                                "high": _plain(high),
                                "kind": statement.kind,
                                "target_source": statement.source,
                                "variant": statement.variant,
                                "option": assignment,
                            },
                            _(
                                "«%(name)s» = %(value)s %(unit)s (%(statement)s) is outside the plausible range "
                                "%(low)s – %(high)s."
                            )
                            % {
                                "name": context["name"],
                                "value": context["value"],
                                "unit": context["unit"],
                                "statement": context["statement"],
                                "low": context["low"],
                                "high": context["high"],
                            },
                        )
                    )
                    break
        return results

    def _required(self, compiled: Compiled, unit_id: int, period: str) -> list[Result]:
        results = []
        for assignment, reference, indicator, disaggregation in self._single_cases(compiled, unit_id, period):
            value, _direct = self.value(unit_id, period, reference, assignment)
            if value is not None or self.facts.has_text(unit_id, indicator.pk, disaggregation, period):
                continue
            context = self._context(compiled, assignment, unit_id, period)
            condition_refs = compiled.condition.references
            condition_values = [self.value(unit_id, period, r, assignment)[0] for r in condition_refs]
            context["condition"] = "; ".join(
                f"{self._label(r, assignment)} = {_fmt(v)}" for r, v in zip(condition_refs, condition_values)
            )
            results.append(
                self._result(
                    compiled,
                    unit_id,
                    period,
                    _assignment_key(assignment),
                    indicator.pk,
                    context,
                    {
                        "option": assignment,
                        "references": {
                            self._ref_key(r, assignment): _plain(v) for r, v in zip(condition_refs, condition_values)
                        },
                    },
                    _("«%(name)s» is required when %(condition)s.")
                    % {"name": context["left_name"], "condition": context["condition"]},
                )
            )
        return results

    def _variants(self, compiled: Compiled, unit_id: int, period: str, indicator) -> list[Result]:
        results = []
        groups: dict[tuple, list[Statement]] = defaultdict(list)
        for disaggregation, statements in self.facts.by_indicator.get((unit_id, indicator.pk, period), ()):
            for statement in statements:
                groups[(disaggregation, statement.kind, statement.source)].append(statement)
        for (disaggregation, kind, source), statements in sorted(groups.items()):
            numbered = [s for s in statements if s.value is not None]
            if len(numbered) < 2:
                continue
            main = next((s for s in numbered if not s.variant), numbered[0])
            for other in numbered:
                if other is main:
                    continue
                tolerance = None
                if compiled.tolerance:
                    amount, relative = compiled.tolerance
                    tolerance = amount * max(abs(main.value), abs(other.value)) if relative else amount
                if relations.same_value(Stated(main.value), Stated(other.value), tolerance) is None:
                    continue
                context = self._context(compiled, {}, unit_id, period)
                name = indicator.name + (f" ({self._options_text(disaggregation)})" if disaggregation else "")
                context.update(
                    name=name,
                    left_name=name,
                    value=_fmt(main.value),
                    left=_fmt(main.value),
                    other=_fmt(other.value),
                    right=_fmt(other.value),
                    difference=_fmt(abs(main.value - other.value)),
                    unit=indicator.unit.symbol,
                    statement=self._statement_label(other),
                    hint=self._unit_hint(indicator, main, other),
                )
                key = "|".join([indicator.code, disaggregation, kind, source, other.variant])
                results.append(
                    self._result(
                        compiled,
                        unit_id,
                        period,
                        key,
                        indicator.pk,
                        context,
                        {
                            "value": _plain(main.value),
                            "other": _plain(other.value),
                            "kind": kind,
                            "variant": other.variant,
                            "disaggregation": disaggregation,
                        },
                        _("«%(name)s» is stated as %(value)s and, elsewhere, as %(other)s (%(statement)s).%(hint)s")
                        % {
                            "name": name,
                            "value": context["value"],
                            "other": context["other"],
                            "statement": context["statement"],
                            "hint": context["hint"],
                        },
                    )
                )
        return results

    # -- helpers ----------------------------------------------------------------------------------------------

    def _show(self, value: Decimal | None, expression: ex.Expression, other: Decimal | None) -> str:
        """A stated value or a sum as written; a computed one rounded one decimal finer than the other side
        (at least 2 decimals)."""
        if value is None:
            return "—"
        if expression.single or (expression.references and _is_sum(expression)) or rounding.decimals_of(value) <= 2:
            return format_number(value)
        places = max(2, (rounding.decimals_of(other) + 1) if other is not None else 2)
        return format_number(value, places)

    def _label(self, reference: ex.Reference, assignment: dict[str, str]) -> str:
        indicator = self.facts.catalog.by_code.get(reference.code)
        name = indicator.name if indicator else reference.code
        details = []
        for dimension, option in reference.dims:
            if option == ex.ALL:
                details.append(
                    _("all %(dimension)s") % {"dimension": self.facts.dimension_names.get(dimension, dimension).lower()}
                )
            else:
                chosen = assignment.get(dimension, option) if option == ex.EACH else option
                details.append(self.facts.option_names.get((dimension, chosen), chosen))
        if reference.kind:
            details.append(
                " ".join(
                    filter(
                        None,
                        [self.facts.labels.kind(reference.kind), self.facts.source_names.get(reference.source, "")],
                    )
                )
            )
        return name + (f" ({', '.join(details)})" if details else "")

    def _ref_key(self, reference: ex.Reference, assignment: dict[str, str]) -> str:
        parts = [f"{d}={assignment.get(d, '') if o == ex.EACH else o}" for d, o in reference.dims]
        text = reference.code + (f"[{';'.join(parts)}]" if parts else "")
        return (
            text
            + (f"@{reference.kind}" if reference.kind else "")
            + (f":{reference.source}" if reference.source else "")
        )

    def _reference_values(self, compiled: Compiled, values: list) -> dict:
        refs = compiled.left.references + compiled.right.references
        return {ref.text: _plain(v) for ref, v in zip(refs, values)}

    def _options_text(self, disaggregation: str) -> str:
        return self.facts.labels.disaggregation(disaggregation)

    def _statement_label(self, statement: Statement) -> str:
        return self.facts.labels.statement(statement)

    def _unit_hint(self, indicator, main: Statement, other: Statement) -> str:
        if not main.value or not other.value:
            return ""
        ratio = (
            max(main.value, other.value) / min(main.value, other.value)
            if min(main.value, other.value) > 0
            else Decimal(0)
        )
        for power in (10, 100, 1000, 10000):
            if abs(ratio - power) <= power * Decimal("0.005"):
                return " " + _("One is %(ratio)s times the other: a unit written wrongly (for example tấn for tạ)?") % {
                    "ratio": format_number(power)
                }
        return ""

    def _subject(self, compiled: Compiled, assignment) -> int | None:
        for reference in compiled.left.references + (compiled.right.references if compiled.right else []):
            indicator = self.facts.catalog.by_code.get(reference.code)
            if indicator is not None:
                return indicator.pk
        return None

    def _context(self, compiled: Compiled, assignment, unit_id, period) -> dict:
        first = compiled.left.references[0] if compiled.left and compiled.left.references else None
        indicator = self.facts.catalog.by_code.get(first.code) if first else None
        context = {p: "" for p in PLACEHOLDER_NAMES}
        context.update(
            name=indicator.name if indicator else "",
            unit=indicator.unit.symbol if indicator else "",
            option=", ".join(self.facts.option_names.get((d, o), o) for d, o in assignment.items()),
            threshold=compiled.rule.right,
        )
        if compiled.left is not None:
            context["left_name"] = compiled.left.render([self._label(r, assignment) for r in compiled.left.references])
        if compiled.right is not None:
            context["right_name"] = compiled.right.render(
                [self._label(r, assignment) for r in compiled.right.references]
            )
        return context

    def _result(self, compiled: Compiled, unit_id, period, key, indicator_id, context, values, default) -> Result:
        template = compiled.rule.message
        message = template.format(**context) if template else default
        return Result(compiled.rule, unit_id, period, key[:500], indicator_id, message, values)


def _default_comparison(operator: str) -> str:
    if operator == Operator.EQUAL:
        return _(
            "«%(left_name)s» (%(left)s) does not equal «%(right_name)s» (%(right)s): they differ by %(difference)s."
        )
    if operator == Operator.APPROX:
        return _(
            "«%(left_name)s» (%(left)s) does not match «%(right_name)s» (%(right)s), even allowing "
            "±%(tolerance)s for rounding."
        )
    if operator in (Operator.LESS_EQUAL, Operator.LESS):
        return _("«%(left_name)s» (%(left)s) is larger than «%(right_name)s» (%(right)s).")
    return _("«%(left_name)s» (%(left)s) is smaller than «%(right_name)s» (%(right)s).")


PLACEHOLDER_NAMES = sorted(ex.PLACEHOLDERS)


def _exact(expression: ex.Expression) -> bool:
    return expression.single is not None or expression.is_constant or _is_sum(expression)


def _check_comparison(compiled: Compiled, left: Decimal, right: Decimal, left_values: list, right_values: list):
    """Hand a comparison to the checking core; its finding (or None when the rule holds).

    An explicit tolerance of the rule is an absolute (or relative) allowance on the exact comparison. Without one,
    ``=``, ``≤``, ``≥``, ``<`` and ``>`` are exact; ``≈`` compares a stated figure (one reference) with the value
    computed from the other side under the one rounding policy of :mod:`ktxh.checks.rounding` — the computed side,
    when it is a sum of stated figures, is uncertain by the sum of their half-units — and two stated figures as
    two statements of one value."""
    operator = compiled.rule.operator
    if compiled.tolerance:
        amount, relative = compiled.tolerance
        tolerance = amount * max(abs(left), abs(right)) if relative else amount
        return relations.compare(str(operator) if operator != Operator.APPROX else "=", left, right, tolerance)
    if operator != Operator.APPROX:
        return relations.compare(str(operator), left, right)
    left_single, right_single = compiled.left.single is not None, compiled.right.single is not None
    if left_single and right_single:
        return relations.same_value(Stated(left), Stated(right))
    if left_single or right_single:
        stated, computed = (left, right) if left_single else (right, left)
        expression, values = (compiled.right, right_values) if left_single else (compiled.left, left_values)
        spread = (
            rounding.sum_spread([rounding.decimals_of(v) for v in values if v is not None])
            if expression.references and _is_sum(expression)
            else 0
        )
        return relations.approx(Stated(stated), computed, spread)
    return relations.equal(left, right)


def _is_sum(expression: ex.Expression) -> bool:
    from ktxh.catalog import formulas

    return formulas.is_additive(expression.python)


def _fmt(value: Decimal | None) -> str:
    return "—" if value is None else format_number(value)


def _plain(value) -> str | None:
    if value is None:
        return None
    text = format(value.normalize(), "f") if isinstance(value, Decimal) else str(value)
    return text


def _assignment_key(assignment: dict[str, str]) -> str:
    return format_disaggregation(assignment)


# -- running and storing --------------------------------------------------------------------------------------


def evaluate(touched: dict[tuple[int, str], set[int] | None], report: Report | None = None) -> Report:
    """Evaluate the rules for ``{(unit id, period code): indicator ids or None (= every indicator entered)}`` and
    store the findings. Returns what was found, opened and resolved."""
    report = report or Report()
    touched = {k: v for k, v in touched.items() if k[1]}
    if not touched or not Rule.objects.filter(active=True).exists():
        return report
    units = {u for u, _p in touched}
    periods = set()
    for _u, period in touched:
        try:
            Period.parse(period)
            periods.add(period)
        except PeriodError:
            continue
    facts = Facts(units, periods)
    wanted: set[int] | None = set()
    for _key, indicators in touched.items():
        if indicators is None:
            wanted = None
            break
        wanted |= indicators
    rules = _active_rules(wanted)
    facts.indicator_ids = wanted
    evaluation = Evaluation(facts, report)
    scopes: set[tuple] = set()
    for (unit_id, period), indicators in sorted(touched.items()):
        if period not in periods:
            continue
        present = facts.present.get((unit_id, period), set())
        focus = present if indicators is None else set(indicators)
        for compiled in rules:
            if compiled.rule.operator in GENERIC:
                targets = focus & present
                if not compiled.rule.applies_to_all:
                    targets &= compiled.indicator_ids
                for indicator_id in focus if compiled.rule.applies_to_all else focus & compiled.indicator_ids:
                    scopes.add((compiled.rule.pk, unit_id, period, indicator_id))
                if targets:
                    report.results += evaluation.run(compiled, unit_id, period, targets)
            else:
                if not (compiled.indicator_ids & focus):
                    continue
                scopes.add((compiled.rule.pk, unit_id, period, None))
                if compiled.indicator_ids & present:
                    report.results += evaluation.run(compiled, unit_id, period, present)
    _store(report, scopes, units, periods)
    return report


def _store(report: Report, scopes: set[tuple], units: set[int], periods: set[str]) -> None:
    rule_ids = {s[0] for s in scopes}
    if not rule_ids:
        return
    existing = {
        (f.rule_id, f.org_unit_id, f.period, f.key): f
        for f in Finding.objects.filter(rule_id__in=rule_ids, org_unit_id__in=units, period__in=periods)
    }
    now = timezone.now()
    seen = set()
    to_create, to_update = [], []
    status_changes: list[tuple[Finding, dict]] = []
    for result in report.results:
        identity = (result.rule.pk, result.unit_id, result.period, result.key)
        if identity in seen:
            continue
        seen.add(identity)
        current = existing.get(identity)
        if current is None:
            to_create.append(
                Finding(
                    rule=result.rule,
                    org_unit_id=result.unit_id,
                    period=result.period,
                    key=result.key,
                    indicator_id=result.indicator_id,
                    severity=result.rule.severity,
                    message=result.message,
                    values=result.values,
                )
            )
            report.opened += 1
            continue
        fields = {
            "severity": result.rule.severity,
            "message": result.message,
            "values": result.values,
            "indicator_id": result.indicator_id,
            "status": FindingStatus.OPEN,
            "resolved_at": None,
        }
        if any(getattr(current, f) != v for f, v in fields.items()):
            if current.status != FindingStatus.OPEN:
                report.opened += 1
                status_changes.append((current, snapshot(current)))
            for f, v in fields.items():
                setattr(current, f, v)
            current.updated_at = now
            to_update.append(current)
    for identity, finding in existing.items():
        if identity in seen or finding.status != FindingStatus.OPEN:
            continue
        if (finding.rule_id, finding.org_unit_id, finding.period, None) in scopes or (
            finding.rule_id,
            finding.org_unit_id,
            finding.period,
            finding.indicator_id,
        ) in scopes:
            status_changes.append((finding, snapshot(finding)))
            finding.status, finding.resolved_at, finding.updated_at = FindingStatus.RESOLVED, now, now
            to_update.append(finding)
            report.resolved += 1
    if to_create:
        Finding.objects.bulk_create(to_create, batch_size=500)
    if to_update:
        Finding.objects.bulk_update(
            to_update,
            ["severity", "message", "values", "indicator_id", "status", "resolved_at", "updated_at"],
            batch_size=500,
        )
    # A finding opened again or resolved is a change of status: in the change log (a new finding is not).
    record_many(ChangeRecord.Action.UPDATE, status_changes)


def validate(unit: OrgUnit, period: Period) -> Report:
    """Evaluate every active rule for one unit and period (``ktxh validate``)."""
    return evaluate({(unit.pk, period.code): None})


def findings_for(unit: OrgUnit, period: Period | str, indicator=None, status: str | None = FindingStatus.OPEN):
    """The findings of a unit and period (open ones by default), errors first; with ``indicator`` (an Indicator or
    its id), those that involve it — for showing next to a field of a form."""
    code = period.code if isinstance(period, Period) else Period.parse(period).code
    findings = Finding.objects.filter(org_unit=unit, period=code).select_related("rule", "indicator")
    if status:
        findings = findings.filter(status=status)
    if indicator is not None:
        indicator_id = getattr(indicator, "pk", indicator)
        findings = findings.filter(
            Q(indicator_id=indicator_id) | Q(rule__indicators=indicator_id, rule__applies_to_all=False)
        ).distinct()
    return findings.order_by("severity", "rule__order", "rule__code", "key")


# -- on every save ----------------------------------------------------------------------------------------------

_state = threading.local()


def _pending() -> list | None:
    stack = getattr(_state, "stack", None)
    return stack[-1] if stack else None


@contextmanager
def deferred_rules():
    """Within the block, saves and deletes of figures only note what they touched; the rules run once, in batch,
    when the block ends. ``touch(values)`` adds figures written in bulk (which send no signal)."""
    stack = getattr(_state, "stack", None)
    if stack is None:
        stack = _state.stack = []
    batch = _Batch()
    stack.append(batch)
    try:
        yield batch
    finally:
        stack.pop()
    batch.run()


class _Batch:
    def __init__(self):
        self.touched: dict[tuple[int, str], set[int]] = defaultdict(set)
        self.report: Report | None = None

    def add(self, unit_id: int, period: str, indicator_id: int) -> None:
        self.touched[(unit_id, period)].add(indicator_id)

    def touch(self, values) -> None:
        for value in values:
            if value.org_unit_id and value.indicator_id and value.period:
                self.add(value.org_unit_id, value.period, value.indicator_id)

    def run(self) -> None:
        if self.touched:
            self.report = evaluate(_with_ancestors(self.touched))


def _with_ancestors(touched: dict[tuple[int, str], set[int]]) -> dict[tuple[int, str], set[int]]:
    """A figure entered on a unit also changes the roll-ups of the units above it."""
    paths = dict(OrgUnit.objects.filter(pk__in={u for u, _p in touched}).values_list("pk", "path"))
    result: dict[tuple[int, str], set[int]] = defaultdict(set)
    for (unit_id, period), indicators in touched.items():
        result[(unit_id, period)] |= indicators
        for part in paths.get(unit_id, "").strip("/").split("/")[:-1]:
            if part:
                result[(int(part), period)] |= indicators
    return result


def _on_change(sender, instance: DataValue, raw: bool = False, **kwargs) -> None:
    if raw or not instance.org_unit_id or not instance.indicator_id or not instance.period:
        return
    batch = _pending()
    if batch is not None:
        batch.add(instance.org_unit_id, instance.period, instance.indicator_id)
        return
    evaluate(_with_ancestors({(instance.org_unit_id, instance.period): {instance.indicator_id}}))


def connect_signals() -> None:
    post_save.connect(_on_change, sender=DataValue, dispatch_uid="ktxh-rules-save")
    post_delete.connect(_on_change, sender=DataValue, dispatch_uid="ktxh-rules-delete")
