"""What the dashboard shows for one unit and one period, ready for the template.

Everything comes from the scorecard (:mod:`ktxh.analytics.scorecard`), which reads the one figure read model
(:mod:`ktxh.figures`): the page, the report and the exports agree. This module only arranges it for reading:

- one item per indicator (and disaggregation), with each of its targets, their status and % of target, last year's
  figure, the change and the rank among peers;
- the parts of an indicator with a total, under the total (collapsed);
- two indicators that hold the bounds of one range ("… (cận dưới)" / "… (cận trên)", codes ``…_thap`` / ``…_cao``)
  shown as one figure "56 - 60 tạ/ha";
- the items grouped by sector in catalog order, with counts per status;
- the completeness of the period;
- for a unit with units below it, a comparison table of those units (values and ranks), per kind of unit.

Comments written at data entry ("số là cận dưới") are notes for the people who enter figures, not data: they are
not shown here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from ktxh.analytics.formats import record
from ktxh.analytics.scorecard import Builder, Row, Scorecard
from ktxh.catalog.models import Indicator, Sector
from ktxh.figures.cube import Figure
from ktxh.figures.scope import EVERY_SECTOR, SectorScope
from ktxh.numbers import format_number
from ktxh.periods import Period
from ktxh.units.models import ADMINISTRATIVE_TYPES, OrgUnit, UnitType

NOT_DUE = "chưa đến hạn"
NO_DATA = "chưa có số liệu"
STATUS_CLASSES = {"vượt": "exceeded", "đạt": "met", "không đạt": "not-met", NOT_DUE: "not-due", NO_DATA: "no-data"}
LOW_SUFFIX, HIGH_SUFFIX = "_thap", "_cao"
BOUND_WORDS = (" (cận dưới)", " (cận trên)")
COMPARE_COLUMNS = 6


def vn(value) -> str:
    return format_number(value) if value is not None else ""


@dataclass
class TargetCell:
    source: str  # short name of the target source ("huyện giao")
    text: str  # "dưới 2,03", "5.000 - 5.400"
    pct: str  # "% of target", "" when not computable
    status: str  # vượt / đạt / không đạt / chưa đến hạn / chưa có số liệu / ""
    note: str = ""

    @property
    def css(self) -> str:
        return STATUS_CLASSES.get(self.status, "")


@dataclass
class Part:
    label: str
    value: str


@dataclass
class Item:
    code: str
    name: str
    unit: str
    actual: str  # the figure as shown ("4.426", "56 - 60", a worded figure)
    estimate: bool
    how: str  # a note when the figure was made rather than entered ("cộng từ 10 tổ dân phố")
    targets: list[TargetCell]
    previous: str
    change: str
    change_pct: str
    rank: str
    parts: list[Part] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # data-entry notes, for the people who enter figures only

    @property
    def statuses(self) -> str:
        return " ".join(t.css for t in self.targets if t.css)

    @property
    def search(self) -> str:
        return f"{self.name} {self.code}".lower()


@dataclass
class Group:
    sector: Sector
    depth: int
    items: list[Item]
    counts: dict[str, int]


@dataclass
class Completeness:
    present: int
    estimate_only: int
    missing: int
    expected: int
    missing_names: list[str]

    @property
    def percent(self) -> int:
        return round(100 * (self.present + self.estimate_only) / self.expected) if self.expected else 100


@dataclass
class Comparison:
    title: str  # the kind of units compared ("Tổ dân phố")
    columns: list[tuple[str, str]]  # (indicator name, unit symbol)
    rows: list[tuple[OrgUnit, list[tuple[str, str]]]]  # unit, [(value, rank)] per column


@dataclass
class Dashboard:
    unit: OrgUnit
    period: Period
    groups: list[Group]
    totals: dict[str, int]
    completeness: Completeness
    item_count: int
    card: Scorecard = field(repr=False)
    builder: Builder = field(repr=False)


def _bounds_partner(code: str, by_code: dict[str, Indicator]) -> tuple[str, str] | None:
    """(low code, high code) when ``code`` is one bound of a range held in two indicators."""
    if code.endswith(LOW_SUFFIX):
        other = code[: -len(LOW_SUFFIX)] + HIGH_SUFFIX
        return (code, other) if other in by_code else None
    if code.endswith(HIGH_SUFFIX):
        other = code[: -len(HIGH_SUFFIX)] + LOW_SUFFIX
        return (other, code) if other in by_code else None
    return None


def _range_name(name: str) -> str:
    for word in BOUND_WORDS:
        if name.endswith(word):
            return name[: -len(word)]
    return name


def _target_text(row: Row, cells: dict[str, str]) -> str:
    return cells["target"]  # as the report and the exports write it ("trên 5.000", "290–320")


def entry_notes(unit: OrgUnit, period: Period, scope: SectorScope = EVERY_SECTOR) -> dict[tuple[int, str], list[str]]:
    """The comments written with the unit's figures of the period, and the other figures kept beside the one in
    use (variants), by key: notes for the people who enter and check figures, never shown as data. ``scope``: only
    of the indicators of these sectors."""
    from ktxh.figures import statements
    from ktxh.figures.labels import Labels

    notes: dict[tuple[int, str], list[str]] = defaultdict(list)
    found = statements.load(unit_ids=[unit.pk], periods=[period.code], indicator_ids=scope.indicator_ids())
    for statement in sorted(found, key=lambda s: s.order):
        key = (statement.indicator_id, statement.disaggregation)
        if statement.comment and statement.comment not in notes[key]:
            notes[key].append(statement.comment)
        if statement.variant:
            value = vn(statement.value) if statement.value is not None else statement.text
            notes[key].append(
                _("Another figure (%(kind)s, variant %(variant)s).")
                % {"kind": Labels.kind(statement.kind), "variant": statement.variant}
                + f" {value}"
            )
    return notes


def _shown(figure: Figure, cells: dict[str, str]) -> str:
    return cells["actual"] if (figure.value is not None or figure.text) else ""


def build_dashboard(
    unit: OrgUnit,
    period: Period,
    today: dt.date | None = None,
    notes: bool = False,
    children: list[OrgUnit] = (),
    scope: SectorScope = EVERY_SECTOR,
) -> Dashboard:
    """``notes``: attach the data-entry notes (comments, variants) to the items, for a user who enters figures.
    ``children``: units below whose own figures the dashboard's cube loads too, so that their comparison
    (:func:`build_comparisons` with ``shared=dashboard.builder``) is made from the same cube, not read again.
    ``scope``: the sectors the reader may read (:func:`ktxh.figures.scope.sector_scope`); the others are left out
    of the items, the counts and the completeness."""
    today = today or dt.date.today()
    builder = Builder([unit], period, ranks=unit.parent_id is not None, also=children, scope=scope)
    card = builder.build(unit)
    catalog = builder.catalog
    due = period.end < today
    by_key: dict[tuple[int, str], Item] = {}
    order: list[tuple[int, str]] = []
    rows_of: dict[tuple[int, str], Row] = {}
    for row in card.rows:
        key = (row.indicator.pk, row.disaggregation)
        cells = record(row, format_number)
        item = by_key.get(key)
        if item is None:
            name = row.indicator.name + (f" — {row.disaggregation_label}" if row.disaggregation else "")
            figure = row.actual
            how = figure.note if figure.how not in ("direct", "") and figure.note else ""
            item = Item(
                code=row.indicator.code,
                name=name,
                unit=row.indicator.unit.symbol,
                actual=_shown(figure, cells),
                estimate=figure.value is not None and figure.estimate,
                how=how,
                targets=[],
                previous=cells["previous"] if row.change.previous is not None else "",
                change=cells["change"],
                change_pct=cells["change_pct"],
                rank=cells["rank"],
            )
            by_key[key] = item
            order.append(key)
            rows_of[key] = row
        if row.target is not None:
            status = str(row.judgement.status) if row.judgement and row.judgement.status else ""
            if not status and row.actual.value is None and row.target.form != "qualitative":
                status = NO_DATA if due else NOT_DUE
            elif not status and not due and row.actual.value is None:
                status = NOT_DUE
            pct = cells["pct_of_target"]
            if pct and not (pct[0].isdigit() or pct.startswith("-")):
                pct = ""
            item.targets.append(
                TargetCell(
                    row.target.source.short_name,
                    _target_text(row, cells),
                    pct,
                    status,
                    row.judgement.note if row.judgement else "",
                )
            )
    if notes:
        for key, found in entry_notes(unit, period, scope).items():
            if key in by_key:
                by_key[key].notes = found
    # Ranges held in two indicators: one item "56 - 60".
    for key in list(order):
        pair = _bounds_partner(by_key[key].code, catalog.by_code) if key in by_key else None
        if pair is None or key[1]:
            continue
        low_key, high_key = (catalog.by_code[pair[0]].pk, ""), (catalog.by_code[pair[1]].pk, "")
        low, high = by_key.get(low_key), by_key.get(high_key)
        if low is None or high is None or not low.actual or not high.actual:
            continue
        low.name = _range_name(low.name)
        low.actual = f"{low.actual} - {high.actual}" if low.actual != high.actual else low.actual
        low.estimate = low.estimate or high.estimate
        if low.previous and high.previous and low.previous != high.previous:
            low.previous = f"{low.previous} - {high.previous}"
        low.change = low.change_pct = low.rank = ""
        low.targets += high.targets
        low.notes += [n for n in high.notes if n not in low.notes]
        del by_key[high_key]
        order.remove(high_key)
    # Parts under their total.
    cube = builder.cube
    labels = builder.labels
    all_keys = cube.keys_at(unit.pk, period)
    parts_of: dict[int, list[str]] = defaultdict(list)
    for indicator_id, disaggregation in all_keys:
        if disaggregation:
            parts_of[indicator_id].append(disaggregation)
    for key in order:
        if key[1] or key[0] not in parts_of:
            continue
        item = by_key[key]
        for disaggregation in sorted(parts_of[key[0]], key=labels.disaggregation):
            figure = cube.figure(unit.pk, (key[0], disaggregation), period)
            if figure.value is None and not figure.text:
                continue
            value = (
                vn(figure.value if figure.how == "direct" else _round2(figure.value))
                if figure.value is not None
                else figure.text
            )
            item.parts.append(Part(labels.disaggregation(disaggregation), value))
    # Groups by sector, in catalog order (with the sectors above them as headings).
    sectors = list(Sector.objects.all())
    per_sector: dict[int, list[Item]] = defaultdict(list)
    for key in order:
        if key in by_key:
            per_sector[catalog.by_id[key[0]].sector_id].append(by_key[key])
    parent = {s.pk: s.parent_id for s in sectors}
    wanted = set()
    for sector_id in per_sector:
        while sector_id is not None and sector_id not in wanted:
            wanted.add(sector_id)
            sector_id = parent.get(sector_id)
    groups = []
    totals: dict[str, int] = defaultdict(int)
    for sector in sorted(sectors, key=lambda s: s.sort_key):
        if sector.pk not in wanted:
            continue
        items = per_sector.get(sector.pk, [])
        counts: dict[str, int] = defaultdict(int)
        for item in items:
            for target in item.targets:
                if target.status:
                    counts[target.css] += 1
                    totals[target.css] += 1
        groups.append(Group(sector, sector.depth, items, dict(counts)))
    c = card.completeness
    names = [catalog.by_id[k[0]].name + (f" — {labels.disaggregation(k[1])}" if k[1] else "") for k in c.missing]
    completeness = Completeness(len(c.present), len(c.estimate_only), len(c.missing), c.expected, names)
    return Dashboard(unit, period, groups, dict(totals), completeness, len(by_key), card, builder)


def _round2(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01")).normalize() if value is not None else value


def kind_title(unit_type: str) -> str:
    if unit_type in ADMINISTRATIVE_TYPES:
        return (
            _("Communes and wards")
            if unit_type in {UnitType.COMMUNE, UnitType.WARD, UnitType.TOWN, UnitType.SPECIAL_ZONE}
            else _("Administrative units")
        )
    return str(UnitType(unit_type).label) if unit_type in UnitType.values else unit_type


def build_comparisons(
    unit: OrgUnit,
    children: list[OrgUnit],
    period: Period,
    shared: Builder | None = None,
    scope: SectorScope = EVERY_SECTOR,
) -> list[Comparison]:
    """The units below ``unit`` side by side, one table per kind (communes, residential groups, schools…): the
    indicators most of them report (that can be ranked), each with its value and the unit's rank among them.
    ``shared``: the builder of the unit's dashboard, made with these children (``build_dashboard(children=…)``):
    its cube holds every figure the comparison needs, so the page reads the figures once. ``scope``: only the
    indicators of the sectors the reader may read in ``unit`` (a grant covers the units below it, so that is no
    more than the reader may read in each of them)."""
    if not children:
        return []
    if shared is not None:
        builder = Builder(children, period, ranks=True, cube=shared.cube, last_year=False, scope=scope)
    else:  # values and ranks of the period only
        builder = Builder(children, period, ranks=True, last_year=False, scope=scope)
    cube = builder.cube
    catalog = builder.catalog
    by_kind: dict[str, list[OrgUnit]] = defaultdict(list)
    for child in children:
        kind = "administrative" if child.type in ADMINISTRATIVE_TYPES else child.type
        by_kind[kind].append(child)
    tables = []
    for units in by_kind.values():
        counts: dict[tuple[int, str], int] = defaultdict(int)
        for child in units:
            for key in cube.keys_at(child.pk, period):
                indicator = catalog.by_id[key[0]]
                if (
                    not key[1]
                    and indicator.direction in ("higher", "lower")
                    and not indicator.is_qualitative
                    and builder.in_scope(key)
                ):
                    counts[key] += 1
        keys = [k for k, n in counts.items() if n >= 2]
        keys.sort(key=lambda k: (-counts[k], builder._sort_key(k)))
        keys = sorted(keys[:COMPARE_COLUMNS], key=builder._sort_key)
        columns = [(catalog.by_id[k[0]].name, catalog.by_id[k[0]].unit.symbol) for k in keys]
        rows = []
        for child in sorted(units, key=lambda u: u.name):
            cells = []
            for key in keys:
                figure = cube.figure(child.pk, key, period)
                rank, of, _note = builder.rank(child, key)
                value = (
                    vn(figure.value if figure.how == "direct" else _round2(figure.value))
                    if figure.value is not None
                    else ""
                )
                cells.append((value, f"{rank}/{of}" if rank else ""))
            rows.append((child, cells))
        title = kind_title(units[0].type)
        tables.append(Comparison(title, columns, rows))
    return tables
