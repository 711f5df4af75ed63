"""The figures of one unit and period arranged by sector, as the web page shows them.

Each line shows the figure as the report has it — resolved by :class:`~ktxh.figures.cube.Cube` (a parent indicator
without an entered total shows the total made from its parts or its units below, with a note saying how) — next to
the targets and comments stored for it (:mod:`ktxh.figures.statements`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ktxh.catalog.models import Indicator, Sector, TargetSource
from ktxh.figures import statements as stored
from ktxh.figures.catalog import Catalog
from ktxh.figures.cube import Cube, Figure
from ktxh.figures.labels import Labels
from ktxh.figures.statements import Statement
from ktxh.periods import Period
from ktxh.units.models import OrgUnit


@dataclass
class Line:
    label: str
    value: Figure | None = None  # None when there is no figure
    targets: dict[str, Statement] = field(default_factory=dict)  # by target source code
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
    value_count: int  # stored statements of the unit for the period


def build_sheet(unit: OrgUnit, period: Period) -> Sheet:
    """Lines for every figure stored for the unit and period and every one that can be made (a total from its
    parts, a sum of the units below, shorter periods), grouped by sector in catalog order."""
    catalog, labels = Catalog(), Labels()
    by_id = catalog.by_id
    written = sorted(stored.load(unit_ids=[unit.pk], periods=[period.code]),
                     key=lambda s: (by_id[s.indicator_id].order, s.disaggregation, s.kind, s.variant))
    cube = Cube([unit], [period], focus=[unit], catalog=catalog)
    by_indicator: dict[int, dict[str, Line]] = {}

    def line_of(indicator_id: int, disaggregation: str) -> Line:
        lines = by_indicator.setdefault(indicator_id, {})
        if disaggregation not in lines:
            lines[disaggregation] = Line(label=labels.disaggregation(disaggregation))
        return lines[disaggregation]

    used_sources: dict[str, TargetSource] = {}
    for statement in written:
        line = line_of(statement.indicator_id, statement.disaggregation)
        if statement.kind == "target":
            used_sources[statement.source] = labels.sources[statement.source]
            line.targets.setdefault(statement.source, statement)
        if statement.comment:
            line.comments.append(statement.comment)
        if statement.variant:
            line.comments.append(_("Another figure (%(kind)s, variant %(variant)s).")
                                 % {"kind": labels.kind(statement.kind), "variant": statement.variant})
    for key in cube.keys_at(unit.pk, period) | {(s.indicator_id, s.disaggregation) for s in written}:
        figure = cube.figure(unit.pk, key, period)
        if figure.value is None and not figure.text:
            if figure.not_computable and key[0] in by_indicator and key[1] in by_indicator[key[0]]:
                line_of(*key).comments.append(figure.note)
            continue
        line = line_of(*key)
        line.value = figure
        if figure.how != "direct" and figure.note:
            line.comments.insert(0, figure.note)
    sectors = list(Sector.objects.all())
    blocks: list[SectorBlock] = []
    per_sector: dict[int, list[IndicatorBlock]] = {}
    for indicator_id, lines in by_indicator.items():
        indicator = by_id[indicator_id]
        total = lines.pop("", Line(label=""))
        per_sector.setdefault(indicator.sector_id, []).append(
            IndicatorBlock(indicator, total, sorted(lines.values(), key=lambda line: line.label)))
    wanted = _with_ancestors(sectors, set(per_sector))
    for sector in sectors:
        if sector.pk in wanted:
            items = sorted(per_sector.get(sector.pk, []), key=lambda b: (b.indicator.order, b.indicator.code))
            blocks.append(SectorBlock(sector, sector.depth, items))
    sources = sorted(used_sources.values(), key=lambda s: s.order)
    return Sheet(unit, period, sources, blocks, len(written))


def _with_ancestors(sectors: list[Sector], ids: set[int]) -> set[int]:
    parent = {s.pk: s.parent_id for s in sectors}
    result = set()
    for sector_id in ids:
        while sector_id is not None and sector_id not in result:
            result.add(sector_id)
            sector_id = parent.get(sector_id)
    return result
