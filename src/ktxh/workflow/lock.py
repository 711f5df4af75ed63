"""The approval lock: a figure whose unit, top-level sector and period are approved is closed to every writer.

Registered with :func:`ktxh.values.locks.register_lock` when the app starts, so the save service, the loader (every
import, the API, ``ktxh load``) and the model itself (the admin) refuse such a figure with the same sentence.
"""

from __future__ import annotations

from django.db import connection
from django.utils.translation import gettext as _

from ktxh.periods import Period, PeriodError
from ktxh.values.locks import Place, PlaceKey
from ktxh.workflow.models import State, Submission
from ktxh.workflow.sectors import top_of
from ktxh.workflow.words import local_time


def approved_figures(places: list[Place]) -> dict[PlaceKey, str]:
    """The places among ``places`` whose submission is approved, with who approved it and when. One query when
    nothing of these units and periods is approved (the usual case), two otherwise.

    Asked inside a transaction (a save, a load), the submissions of these units and periods are locked until it
    ends, in one order (no deadlock between two writers): an approval cannot slip between the check and the write."""
    unit_ids = {unit.pk for unit, _period, _indicator in places}
    periods = {period for _unit, period, _indicator in places}
    submissions = Submission.objects.filter(org_unit_id__in=unit_ids, period__in=periods)
    if connection.in_atomic_block:
        submissions = submissions.select_for_update(of=("self",)).order_by("pk")
    approved = {
        (s.org_unit_id, s.sector_id, s.period): s
        for s in submissions.select_related("org_unit", "sector")
        if s.state == State.APPROVED
    }
    if not approved:
        return {}
    tops = top_of()
    closed: dict[PlaceKey, str] = {}
    for unit, period, indicator in places:
        submission = approved.get((unit.pk, tops.get(indicator.sector_id), period))
        if submission is not None:
            closed[(unit.pk, period, indicator.pk)] = locked_message(submission)
    return closed


def locked_message(submission: Submission) -> str:
    """What every refused writer says: what is locked, who approved it and when, and how to change it."""
    try:
        label = Period.parse(submission.period).label
    except PeriodError:
        label = submission.period
    return _(
        "%(sector)s of %(unit)s, %(period)s, was approved by %(who)s at %(when)s: it cannot be changed until an "
        "approver reopens it."
    ) % {
        "sector": submission.sector.name,
        "unit": submission.org_unit.name,
        "period": label,
        "who": submission.approved_by,
        "when": local_time(submission.approved_at),
    }
