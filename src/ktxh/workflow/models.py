"""The state of one submission: a unit's figures of one top-level sector for one period, on their way from the
officers who enter them to the leader who approves them.

Every change of a :class:`Submission` is in the change log (it is tracked), so the log holds each action with who,
when, the state before and after and the reason. Only :mod:`ktxh.workflow.actions` changes a submission; the admin
shows them read-only.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ktxh.catalog.models import Sector
from ktxh.history.recorder import track
from ktxh.units.models import OrgUnit


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    REOPENED = "reopened", _("Reopened")


@track
class Submission(models.Model):
    """One unit × top-level sector × period. No row means a draft nobody has acted on yet."""

    org_unit = models.ForeignKey(OrgUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    sector = models.ForeignKey(Sector, verbose_name=_("sector"), on_delete=models.PROTECT, related_name="+")
    period = models.CharField(_("period"), max_length=16)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.DRAFT)
    #: The first submission: timeliness is judged on it (a correction after a reopening does not make a report late).
    first_submitted_at = models.DateTimeField(_("first submitted at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.CharField(_("submitted by"), max_length=150, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.CharField(_("approved by"), max_length=150, blank=True)
    reopened_at = models.DateTimeField(_("reopened at"), null=True, blank=True)
    reopened_by = models.CharField(_("reopened by"), max_length=150, blank=True)
    reason = models.TextField(_("reason for reopening"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["period", "org_unit__path", "sector__sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["org_unit", "sector", "period"], name="submission_unique_place"),
        ]
        indexes = [models.Index(fields=["period", "state"])]

    def __str__(self) -> str:
        return f"{self.sector.code} {self.org_unit.code} {self.period}"
