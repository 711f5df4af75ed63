"""Validation rules (data, loaded from ``data/rules/*.csv``) and the findings they produce."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ktxh.catalog.models import Indicator
from ktxh.history.recorder import track
from ktxh.units.models import OrgUnit


class Severity(models.TextChoices):
    ERROR = "error", _("Error")
    WARNING = "warning", _("Warning")


class Operator(models.TextChoices):
    EQUAL = "=", _("equals")
    APPROX = "≈", _("equals within rounding")
    LESS_EQUAL = "≤", _("at most")
    GREATER_EQUAL = "≥", _("at least")
    LESS = "<", _("less than")
    GREATER = ">", _("greater than")
    BETWEEN = "between", _("within a plausible range")
    REQUIRED = "required", _("is required")
    VARIANTS = "variants", _("statements of one figure agree")
    OUTLIER_HISTORY = "outlier_history", _("far from its own history")
    OUTLIER_SIBLINGS = "outlier_siblings", _("far from its sibling units")


COMPARISONS = {
    Operator.EQUAL,
    Operator.APPROX,
    Operator.LESS_EQUAL,
    Operator.GREATER_EQUAL,
    Operator.LESS,
    Operator.GREATER,
}
GENERIC = {Operator.VARIANTS, Operator.OUTLIER_HISTORY, Operator.OUTLIER_SIBLINGS}


@track
class Rule(models.Model):
    code = models.CharField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=300)
    severity = models.CharField(_("severity"), max_length=16, choices=Severity.choices, default=Severity.ERROR)
    when = models.CharField(_("condition"), max_length=1000, blank=True)
    left = models.CharField(_("left side"), max_length=1000)
    operator = models.CharField(_("operator"), max_length=20, choices=Operator.choices)
    right = models.CharField(_("right side"), max_length=1000, blank=True)
    tolerance = models.CharField(_("tolerance"), max_length=40, blank=True)
    min_points = models.PositiveIntegerField(_("minimum number of points"), null=True, blank=True)
    message = models.TextField(_("message template"), blank=True)
    description = models.TextField(_("description"), blank=True)
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_(
            "A rule no longer in the rule files is deactivated, not deleted, so that its findings stay in the record."
        ),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    indicators = models.ManyToManyField(Indicator, verbose_name=_("indicators"), blank=True, related_name="rules")
    applies_to_all = models.BooleanField(_("applies to every indicator"), default=False)

    class Meta:
        verbose_name = _("validation rule")
        verbose_name_plural = _("validation rules")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return f"{self.code}: {self.name}"

    @property
    def is_generic(self) -> bool:
        return self.operator in GENERIC


class FindingStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved")


@track
class Finding(models.Model):
    """What a rule found for a unit and period. A finding that no longer holds is resolved, never deleted.

    Tracked, so that a status set by hand (the admin) is in the change log with who set it; the rule engine writes
    findings in bulk and logs its status changes itself (:func:`ktxh.history.recorder.record_many`)."""

    rule = models.ForeignKey(Rule, verbose_name=_("rule"), on_delete=models.CASCADE, related_name="findings")
    org_unit = models.ForeignKey(OrgUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+")
    period = models.CharField(_("period"), max_length=16)
    # Which instance of the rule: the options of a per-option rule, the kind/variant of a checked statement.
    key = models.CharField(_("instance"), max_length=500, blank=True, default="")
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    severity = models.CharField(_("severity"), max_length=16, choices=Severity.choices)
    message = models.TextField(_("message"))
    values = models.JSONField(_("values"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=FindingStatus.choices, default=FindingStatus.OPEN)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["org_unit", "period", "rule__order", "rule__code", "key"]
        constraints = [
            models.UniqueConstraint(fields=["rule", "org_unit", "period", "key"], name="finding_unique_instance")
        ]
        indexes = [models.Index(fields=["org_unit", "period", "status"])]

    def __str__(self) -> str:
        return f"{self.rule.code} {self.org_unit.code} {self.period}: {self.message[:80]}"
