"""Outliers: a figure far from its own history or from its sibling units is flagged for follow-up (a warning,
never a refusal).

The measure is the robust z-score of Iglewicz and Hoaglin: ``(x − median) / (1.4826 × MAD)`` where MAD is the
median absolute deviation of the reference values — a few wild values in the history do not hide a new one, as they
would with a mean and a standard deviation. When the MAD is 0 (more than half the reference values are equal) the
mean absolute deviation × 1.2533 is used; when that is 0 too (all equal), a step of 5 % of the median counts as one
deviation.

- **history**: the same indicator, unit, disaggregation and kind (actual or estimate) in earlier periods of the
  same type and place in the year (years with years, third quarters with third quarters, Septembers with
  Septembers);
- **siblings**: the same indicator, disaggregation, kind and period in the other units of the same type under the
  same parent.

Ranks and levels (measures of dimension ``rank`` or ``level``) are ordinal codes and are never judged.

Too few points say nothing: with fewer reference values than the rule's ``min_points`` (default 4 past periods,
5 siblings) the figure is not judged, and the evaluation report counts it as «not enough data».
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from decimal import Decimal

from django.utils.translation import gettext as _

from ktxh.figures import statements as stored
from ktxh.numbers import format_number
from ktxh.periods import Period, PeriodError
from ktxh.rules.models import Operator
from ktxh.units.models import OrgUnit

MAD_SCALE = Decimal("1.4826")
MEAN_AD_SCALE = Decimal("1.2533")
CONSTANT_STEP = Decimal("0.05")
DEFAULT_THRESHOLD = Decimal("3.5")


def robust_z(value: Decimal, reference: list[Decimal]) -> tuple[Decimal, Decimal] | None:
    """(z-score, median) of ``value`` against ``reference``, or None when no spread can be measured."""
    median = Decimal(statistics.median(reference))
    deviations = [abs(v - median) for v in reference]
    scale = Decimal(statistics.median(deviations)) * MAD_SCALE
    if scale == 0:
        scale = sum(deviations, Decimal(0)) / len(deviations) * MEAN_AD_SCALE
    if scale == 0:
        scale = abs(median) * CONSTANT_STEP
    if scale == 0:
        return None
    return (value - median) / scale, median


def _period(code: str) -> Period | None:
    try:
        return Period.parse(code)
    except PeriodError:
        return None


def _history(facts) -> dict:
    cache = facts.history_cache.get("history")
    if cache is None:
        cache = defaultdict(list)
        for s in stored.load(
            unit_ids=facts.unit_ids,
            indicator_ids=facts.indicator_ids,
            in_use=True,
            numbers_only=True,
            sources=facts.labels.source_keys,
        ):
            cache[(s.unit_id, s.indicator_id, s.disaggregation, s.kind)].append((s.period, s.value))
        facts.history_cache["history"] = cache
    return cache


def _siblings(facts) -> dict:
    cache = facts.history_cache.get("siblings")
    if cache is None:
        cache = defaultdict(list)
        parents = {u.parent_id for u in facts.units.values() if u.parent_id}
        siblings = {
            pk: (parent_id, unit_type)
            for pk, parent_id, unit_type in OrgUnit.objects.filter(parent_id__in=parents).values_list(
                "pk", "parent_id", "type"
            )
        }
        for s in stored.load(
            unit_ids=siblings,
            periods=facts.period_codes,
            indicator_ids=facts.indicator_ids,
            in_use=True,
            numbers_only=True,
            sources=facts.labels.source_keys,
        ):
            parent_id, unit_type = siblings[s.unit_id]
            cache[(parent_id, unit_type, s.indicator_id, s.disaggregation, s.kind, s.period)].append(
                (s.unit_id, s.value)
            )
        facts.history_cache["siblings"] = cache
    return cache


# Ranks and levels are ordinal codes, not quantities: a median and a spread of them mean nothing.
ORDINAL_DIMENSIONS = {"rank", "level"}


def check(evaluation, compiled, unit_id: int, period: str, indicator) -> list:
    if indicator.unit.dimension in ORDINAL_DIMENSIONS:
        return []
    facts = evaluation.facts
    rule = compiled.rule
    threshold = Decimal(rule.right) if rule.right else DEFAULT_THRESHOLD
    minimum = rule.min_points or (4 if rule.operator == Operator.OUTLIER_HISTORY else 5)
    current = facts.periods[period]
    unit = facts.units.get(unit_id)
    results = []
    i = indicator.pk
    for disaggregation, statements in facts.by_indicator.get((unit_id, i, period), ()):
        for statement in statements:
            if statement.variant or statement.kind not in ("actual", "estimate") or statement.value is None:
                continue
            if rule.operator == Operator.OUTLIER_HISTORY:
                reference = []
                for other_code, value in _history(facts).get((unit_id, i, disaggregation, statement.kind), ()):
                    other = _period(other_code)
                    if (
                        other is not None
                        and other.type == current.type
                        and other.index == current.index
                        and other.start < current.start
                    ):
                        reference.append(value)
                what = _("its %(points)d earlier periods")
            else:
                if unit is None or not unit.parent_id:
                    continue
                group = (unit.parent_id, unit.type, i, disaggregation, statement.kind, period)
                reference = [value for other, value in _siblings(facts).get(group, ()) if other != unit_id]
                what = _("%(points)d sibling units")
            if len(reference) < minimum:
                evaluation.report.notes[(rule.code, "too_few_points")] += 1
                continue
            scored = robust_z(statement.value, reference)
            if scored is None:
                continue
            score, median = scored
            if abs(score) <= threshold:
                continue
            context = evaluation._context(compiled, {}, unit_id, period)
            name = indicator.name + (f" ({evaluation._options_text(disaggregation)})" if disaggregation else "")
            context.update(
                name=name,
                left_name=name,
                value=format_number(statement.value),
                left=format_number(statement.value),
                unit=indicator.unit.symbol,
                median=format_number(median, 2 if median != median.to_integral_value() else 0),
                score=format_number(score, 1),
                points=str(len(reference)),
                threshold=format_number(threshold),
                statement=evaluation._statement_label(statement),
            )
            against = what % {"points": len(reference)}
            results.append(
                evaluation._result(
                    compiled,
                    unit_id,
                    period,
                    "|".join([indicator.code, disaggregation, statement.kind]),
                    indicator.pk,
                    context,
                    {
                        "value": str(statement.value.normalize()),
                        "median": str(median.normalize()),
                        "score": str(round(score, 2)),
                        "points": len(reference),
                        "kind": statement.kind,
                        "disaggregation": disaggregation,
                    },
                    _(
                        "«%(name)s» = %(value)s %(unit)s is far from %(against)s (median %(median)s, robust z-score "
                        "%(score)s, threshold %(threshold)s): check it."
                    )
                    % {
                        "name": name,
                        "value": context["value"],
                        "unit": context["unit"],
                        "against": against,
                        "median": context["median"],
                        "score": context["score"],
                        "threshold": context["threshold"],
                    },
                )
            )
    return results
