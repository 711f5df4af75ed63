"""Plain CSV exports: figures and units, with numbers written for machines (``1134.31``)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from django.utils.translation import gettext as _

from ktxh.periods import Period
from ktxh.units.models import OrgUnit
from ktxh.values.models import DataValue, plain_number

VALUE_COLUMNS = ["org_unit_code", "org_unit_name", "indicator_code", "indicator_name", "disaggregation", "period",
                 "kind", "target_source", "value", "unit", "comment"]
UNIT_COLUMNS = ["code", "name", "type", "parent_code", "valid_from", "valid_to"]


def values_queryset(org_unit: OrgUnit | None = None, period: Period | None = None):
    """Figures of a unit and everything below it (or all), for one period (or all), in a stable order."""
    values = DataValue.objects.select_related("indicator", "indicator__unit", "org_unit", "target_source")
    if org_unit is not None:
        values = values.filter(org_unit__path__startswith=org_unit.path)
    if period is not None:
        values = values.for_period(period)
    return values.order_by("org_unit__path", "indicator__order", "indicator__code", "period", "kind",
                           "target_source__order", "disaggregation", "variant")


def _value_text(value: DataValue) -> str:
    if value.value is None:
        return value.text
    return plain_number(value.value)  # a range's lower end; the comment carries the whole range


def _comment(value: DataValue) -> str:
    """The figure's comment, plus what the fixed columns cannot hold (target form, text, conflicting variant)."""
    parts = []
    if value.kind == "target" and value.value_high is not None:
        parts.append(f"[{value.get_target_form_display()} {plain_number(value.value)}–{plain_number(value.value_high)}]")
    elif value.kind == "target" and value.target_form not in ("", "exact"):
        parts.append(f"[{value.get_target_form_display()}]")
    if value.value is not None and value.text:
        parts.append(value.text)
    if value.variant:
        parts.append(_("[variant %(variant)s: another figure of the same indicator]") % {"variant": value.variant})
    if value.comment:
        parts.append(value.comment)
    return " ".join(parts)


def write_values(out: TextIO, values: Iterable[DataValue]) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(VALUE_COLUMNS)
    count = 0
    for value in values:
        writer.writerow([
            value.org_unit.code, value.org_unit.name, value.indicator.code, value.indicator.name,
            value.disaggregation, value.period, value.kind, value.target_source.code if value.target_source else "",
            _value_text(value), value.indicator.unit.symbol, _comment(value),
        ])
        count += 1
    return count


def write_units(out: TextIO, units: Iterable[OrgUnit]) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(UNIT_COLUMNS)
    count = 0
    for unit in units:
        writer.writerow([unit.code, unit.name, unit.type, unit.parent.code if unit.parent else "",
                         unit.valid_from.isoformat() if unit.valid_from else "",
                         unit.valid_to.isoformat() if unit.valid_to else ""])
        count += 1
    return count
