"""The review queue: figures proposed from a report, waiting for a person to accept, correct or reject them.

Only accepted proposals become figures, and only through the figures' one loader (:func:`ktxh.values.loader.
load_rows`), with the provenance «from report FILE, sentence …» in the figure's source and comment.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class ProposedFigure(models.Model):
    org_unit = models.ForeignKey("units.OrgUnit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey(
        "catalog.Indicator",
        verbose_name=_("indicator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    period = models.CharField(_("period"), max_length=40)
    kind = models.CharField(_("kind"), max_length=16)
    value = models.DecimalField(_("value"), max_digits=24, decimal_places=6)
    unit = models.CharField(_("unit of measure"), max_length=40, blank=True)
    sentence = models.TextField(_("sentence"))
    report = models.CharField(_("report file"), max_length=255)
    confidence = models.DecimalField(_("confidence"), max_digits=4, decimal_places=2)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("proposed figure")
        verbose_name_plural = _("proposed figures")
        ordering = ["status", "org_unit", "id"]

    def __str__(self):
        return f"{self.indicator_id or '?'} {self.period} {self.value}"
