"""The figures of one unit and period arranged by sector, as the web page (and later the report) shows them."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ktxh.catalog.models import DimensionOption, Indicator, Sector, TargetSource
from ktxh.periods import Period
from ktxh.units.models import OrgUnit
from ktxh.values.models import DataValue, Kind, parse_disaggregation


@dataclass
class Line:
    label: str
    value: DataValue | None = None
    targets: dict[str, DataValue] = field(default_factory=dict)
    comments: list[str] = field(default_factory=list)


@dataclass
class IndicatorBlock:
    indicator: Indicator
    total: Line
    parts: list[Line]


@dataclass
class SectorBlock:
    sector: Sector
    depth: int
    indicators: list[IndicatorBlock]


@dataclass
class Sheet:
    unit: OrgUnit
    period: Period
    sources: list[TargetSource]
    sectors: list[SectorBlock]
    value_count: int


def build_sheet(unit: OrgUnit, period: Period) -> Sheet:
    values = list(DataValue.objects.filter(org_unit=unit, period=period.code)
                  .select_related("indicator", "indicator__unit", "target_source")
                  .order_by("indicator__order", "disaggregation", "kind", "variant"))
    options = {(o.dimension.code, o.code): o.name for o in DimensionOption.objects.select_related("dimension")}
    by_indicator: dict[int, dict[str, Line]] = {}
    indicators: dict[int, Indicator] = {}
    used_sources: dict[int, TargetSource] = {}
    for value in values:
        indicators[value.indicator_id] = value.indicator
        lines = by_indicator.setdefault(value.indicator_id, {})
        line = lines.get(value.disaggregation)
        if line is None:
            parts = parse_disaggregation(value.disaggregation)
            label = ", ".join(options.get(item, item[1]) for item in parts.items())
            line = lines[value.disaggregation] = Line(label=label)
        if value.kind == Kind.TARGET:
            used_sources[value.target_source_id] = value.target_source
            line.targets.setdefault(value.target_source.code, value)
        elif line.value is None or (line.value.kind == Kind.ESTIMATE and value.kind == Kind.ACTUAL) \
                or (line.value.variant and not value.variant):
            line.value = value
        if value.comment:
            line.comments.append(value.comment)
        if value.variant:
            line.comments.append(_("Another figure (%(kind)s, variant %(variant)s).")
                                 % {"kind": value.get_kind_display().lower(), "variant": value.variant})
    sectors = list(Sector.objects.all())
    blocks: list[SectorBlock] = []
    per_sector: dict[int, list[IndicatorBlock]] = {}
    for indicator_id, lines in by_indicator.items():
        indicator = indicators[indicator_id]
        total = lines.pop("", Line(label=""))
        per_sector.setdefault(indicator.sector_id, []).append(
            IndicatorBlock(indicator, total, sorted(lines.values(), key=lambda line: line.label)))
    wanted = _with_ancestors(sectors, set(per_sector))
    for sector in sectors:
        if sector.pk in wanted:
            items = sorted(per_sector.get(sector.pk, []), key=lambda b: (b.indicator.order, b.indicator.code))
            blocks.append(SectorBlock(sector, sector.depth, items))
    sources = sorted(used_sources.values(), key=lambda s: s.order)
    return Sheet(unit, period, sources, blocks, len(values))


def _with_ancestors(sectors: list[Sector], ids: set[int]) -> set[int]:
    parent = {s.pk: s.parent_id for s in sectors}
    result = set()
    for sector_id in ids:
        while sector_id is not None and sector_id not in result:
            result.add(sector_id)
            sector_id = parent.get(sector_id)
    return result
