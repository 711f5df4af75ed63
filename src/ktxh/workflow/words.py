"""The workflow in words: states, actions and their records in the change log, never codes or JSON."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from ktxh.workflow.models import State


def local_time(moment) -> str:
    """``25/12/2023 14:05`` in the server's time zone; empty for no time."""
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M") if moment else ""


def state_label(state: str) -> str:
    return str(State(state).label) if state in State.values else state


def describe(record) -> dict:
    """One change-log record of a submission in words: who, when, what (the action, the states before and after,
    the reason of a reopening)."""
    before, after = record.before or {}, record.after or {}
    old, new = before.get("state", State.DRAFT), after.get("state", State.DRAFT)
    verbs = {
        State.SUBMITTED: _("submitted"),
        State.APPROVED: _("approved"),
        State.REOPENED: _("reopened"),
    }
    what = _("%(action)s (%(old)s → %(new)s)") % {
        "action": verbs.get(new, state_label(new)),
        "old": state_label(old),
        "new": state_label(new),
    }
    if new == State.REOPENED and after.get("reason"):
        what += " — " + _("reason: %(reason)s") % {"reason": after["reason"]}
    return {"who": record.actor, "when": local_time(record.time), "what": what, "object": record.object_repr}
