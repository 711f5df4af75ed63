"""How the units below a unit stand for a period: per unit and top-level sector, the workflow state, whether the
report came on time (:mod:`ktxh.workflow.deadlines`), and how complete its figures are.

Completeness is the share of the sector's indicators that are typed (not computed from others) for which the unit
has a figure in use (actual or estimate, the total or a part) for the period. Timeliness is judged on the first
submission: ``on_time`` (on or before the due date), ``late``, ``not_submitted`` (the due date has passed) or
``not_due`` (not submitted, and not due yet).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ktxh.catalog.models import Indicator, Sector
from ktxh.figures import statements
from ktxh.figures.scope import EVERY_SECTOR, SectorScope
from ktxh.periods import Period
from ktxh.units.models import OrgUnit
from ktxh.workflow.actions import Status
from ktxh.workflow.deadlines import Deadline, deadline
from ktxh.workflow.models import Submission
from ktxh.workflow.sectors import top_of, top_sectors


class Timeliness(models.TextChoices):
    ON_TIME = "on_time", _("On time")
    LATE = "late", _("Late")
    NOT_SUBMITTED = "not_submitted", _("Not submitted")
    NOT_DUE = "not_due", _("Not yet due")


@dataclass(frozen=True)
class Cell:
    """One unit × sector of the overview."""

    status: Status
    timeliness: str
    entered: int
    expected: int

    @property
    def timeliness_label(self) -> str:
        return str(Timeliness(self.timeliness).label)

    @property
    def completeness(self) -> Decimal | None:
        """Per cent of the sector's typed indicators with a figure; None for a sector without any."""
        if not self.expected:
            return None
        return Decimal(100) * self.entered / self.expected


@dataclass(frozen=True)
class Row:
    unit: OrgUnit
    cells: list[Cell]


@dataclass(frozen=True)
class Overview:
    unit: OrgUnit
    period: Period
    deadline: Deadline | None
    sectors: list[Sector]
    rows: list[Row]


def timeliness(submission: Submission | None, due: Deadline | None, today: dt.date) -> str:
    submitted = submission.first_submitted_at if submission else None
    if submitted is not None:
        if due is None or timezone.localtime(submitted).date() <= due.due:
            return Timeliness.ON_TIME
        return Timeliness.LATE
    if due is not None and today > due.due:
        return Timeliness.NOT_SUBMITTED
    return Timeliness.NOT_DUE


def units_below(unit: OrgUnit, period: Period) -> list[OrgUnit]:
    """The units the overview lists: the unit's children valid in the period, else the unit itself."""
    children = list(unit.children.overlapping(period.start, period.end).order_by("path"))
    return children or [unit]


def overview(
    unit: OrgUnit, period: Period, today: dt.date | None = None, scope: SectorScope = EVERY_SECTOR
) -> Overview:
    """The overview of the units below ``unit`` (the caller has checked that the user may see ``unit``: its
    subtree is then in scope) for ``period``, in a handful of queries whatever the number of units. ``scope``: the
    sectors the user may read in ``unit`` (:func:`ktxh.figures.scope.sector_scope`): only the top-level sectors in
    it are listed — the grain of the workflow, whose actions ask ``allows`` for the top-level sector too."""
    today = today or timezone.localdate()
    due = deadline(period)
    sectors = scope.sectors(top_sectors())
    units = units_below(unit, period)
    tops = top_of()
    expected: dict[int, set[int]] = defaultdict(set)
    for indicator in Indicator.objects.only("pk", "sector_id", "formula", "numerator_id"):
        if not indicator.is_computed:
            expected[tops.get(indicator.sector_id)].add(indicator.pk)
    entered: dict[int, set[int]] = defaultdict(set)
    indicator_ids = scope.indicator_ids()
    for statement in statements.load(
        unit_ids=[u.pk for u in units], periods=[period.code], in_use=True, indicator_ids=indicator_ids
    ):
        entered[statement.unit_id].add(statement.indicator_id)
    submissions = {
        (s.org_unit_id, s.sector_id): s
        for s in Submission.objects.filter(org_unit__in=units, period=period.code, sector__in=sectors)
    }
    rows = []
    for u in units:
        cells = []
        for sector in sectors:
            submission = submissions.get((u.pk, sector.pk))
            wanted = expected.get(sector.pk, set())
            cells.append(
                Cell(
                    Status(u, sector, period, submission),
                    timeliness(submission, due, today),
                    len(wanted & entered.get(u.pk, set())),
                    len(wanted),
                )
            )
        rows.append(Row(u, cells))
    return Overview(unit, period, due, sectors, rows)
