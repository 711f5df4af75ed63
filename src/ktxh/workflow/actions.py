"""The submission workflow's actions, the only code that changes a :class:`~ktxh.workflow.models.Submission`.

Per unit, top-level sector and period (:mod:`ktxh.workflow.sectors`):

==========  =========================  ===========================================  ==========================
action      from                       who (:func:`ktxh.units.scoping.allows`)       to
==========  =========================  ===========================================  ==========================
submit      draft, reopened            data entry (nhập liệu) on the unit or above   submitted
approve     submitted                  approve (duyệt) on the unit or above          approved — figures locked
reopen      submitted, approved        approve (duyệt) or administer (quản trị) on   reopened — open again
                                       the unit or on a unit above it
==========  =========================  ===========================================  ==========================

Reopening needs a reason, kept on the submission and in the change log. Submitted figures stay open to
corrections until they are approved; approved ones are closed to every writer (:mod:`ktxh.workflow.lock`).

Each action runs in one transaction on the row locked for update, and names the state the person saw
(``expected``): two leaders pressing "approve" at once give one approval and one clear refusal, never two records.
Refusals raise :class:`WorkflowError` (a message for the person) or ``PermissionDenied`` (no right on the unit).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ktxh.catalog.models import Sector
from ktxh.history.actor import acting_as
from ktxh.history.recorder import history_of
from ktxh.periods import Period
from ktxh.units.models import OrgUnit
from ktxh.units.scoping import Action, allows
from ktxh.workflow.models import State, Submission
from ktxh.workflow.words import describe, state_label

SUBMIT, APPROVE, REOPEN = "submit", "approve", "reopen"
ACTIONS = (SUBMIT, APPROVE, REOPEN)
#: action → (states it starts from, state it leads to, the right it needs)
RULES = {
    SUBMIT: ((State.DRAFT, State.REOPENED), State.SUBMITTED, Action.ENTER),
    APPROVE: ((State.SUBMITTED,), State.APPROVED, Action.APPROVE),
    REOPEN: ((State.SUBMITTED, State.APPROVED), State.REOPENED, Action.APPROVE),
}
MAX_REASON = 2000


class WorkflowError(Exception):
    """An action that cannot be done now; the message says why, in the active language."""


@dataclass(frozen=True)
class Status:
    """Where one unit, sector and period stands, with who did what and when."""

    unit: OrgUnit
    sector: Sector
    period: Period
    submission: Submission | None

    @property
    def state(self) -> str:
        return self.submission.state if self.submission else State.DRAFT

    @property
    def state_label(self) -> str:
        return state_label(self.state)

    @property
    def locked(self) -> bool:
        return self.state == State.APPROVED

    def allowed(self, user) -> list[str]:
        """The actions ``user`` may take now (the buttons a page shows)."""
        return [action for action in ACTIONS if may(user, action, self.unit, self.state, self.sector)]


def may(user, action: str, unit: OrgUnit, state: str, sector: Sector | None = None) -> bool:
    """Whether ``user`` may take ``action`` now: the state allows it and the one permission check does (for the
    sector, when the user's grant is limited to sectors)."""
    starts, _to, right = RULES[action]
    return state in starts and allows(user, right, unit, sector=sector)


def check_sector(sector: Sector) -> None:
    if sector.parent_id is not None:
        raise WorkflowError(
            _("Reports are submitted per top-level sector; «%(sector)s» is part of another sector.")
            % {"sector": sector.name}
        )


def status(unit: OrgUnit, sector: Sector, period: Period) -> Status:
    return Status(
        unit, sector, period, Submission.objects.filter(org_unit=unit, sector=sector, period=period.code).first()
    )


def statuses(unit: OrgUnit, period: Period, sectors: list[Sector]) -> list[Status]:
    """The status of each of ``sectors`` (top-level) for one unit and period, in one query."""
    found = {s.sector_id: s for s in Submission.objects.filter(org_unit=unit, period=period.code)}
    return [Status(unit, sector, period, found.get(sector.pk)) for sector in sectors]


def act(
    user,
    action: str,
    unit: OrgUnit,
    sector: Sector,
    period: Period,
    reason: str = "",
    expected: str | None = None,
) -> Status:
    """Do ``action`` for ``user`` (see the module's table); ``expected`` is the state the person saw, if known.
    Returns the new status; raises WorkflowError or PermissionDenied and then changes nothing."""
    if action not in RULES:
        raise WorkflowError(_("Unknown action «%(action)s».") % {"action": action})
    check_sector(sector)
    _starts, _to, right = RULES[action]
    if not allows(user, right, unit, sector=sector):
        raise PermissionDenied
    reason = (reason or "").strip()
    if action == REOPEN and not reason:
        raise WorkflowError(_("Say why the report is reopened."))
    if len(reason) > MAX_REASON:
        raise WorkflowError(_("The reason is too long (at most %(count)d characters).") % {"count": MAX_REASON})
    try:
        with transaction.atomic():
            submission = _change(user, action, unit, sector, period, reason, expected)
    except IntegrityError:  # someone else acted first on a report nobody had acted on
        raise WorkflowError(_("Someone else changed this report in the meantime. Look again and retry.")) from None
    return Status(unit, sector, period, submission)


def _change(user, action, unit, sector, period, reason, expected) -> Submission:
    starts, to, _right = RULES[action]
    submission = (
        Submission.objects.select_for_update()
        .select_related("org_unit", "sector")
        .filter(org_unit=unit, sector=sector, period=period.code)
        .first()
    ) or Submission(org_unit=unit, sector=sector, period=period.code)
    if expected is not None and expected != submission.state:
        raise WorkflowError(
            _("Someone else changed this report in the meantime: it is now «%(state)s». Look again and retry.")
            % {"state": state_label(submission.state)}
        )
    if submission.state not in starts:
        raise WorkflowError(
            _("A report that is «%(state)s» cannot be %(action)s.")
            % {"state": state_label(submission.state), "action": _action_words(action)}
        )
    now = timezone.now()
    name = user.get_username()
    submission.state = to
    if action == SUBMIT:
        submission.submitted_at, submission.submitted_by = now, name
        submission.first_submitted_at = submission.first_submitted_at or now
    elif action == APPROVE:
        submission.approved_at, submission.approved_by = now, name
    else:
        submission.reopened_at, submission.reopened_by, submission.reason = now, name, reason
    with acting_as(user):
        submission.save()
    return submission


def _action_words(action: str) -> str:
    return {SUBMIT: _("submitted"), APPROVE: _("approved"), REOPEN: _("reopened")}[action]


def history(unit: OrgUnit, sector: Sector, period: Period) -> list[dict]:
    """The actions on one unit, sector and period in words, newest first."""
    submission = Submission.objects.filter(org_unit=unit, sector=sector, period=period.code).first()
    if submission is None:
        return []
    return [describe(record) for record in history_of(submission).order_by("-time", "-id")]
