"""A report's particulars (number, date, signer, recipients) and its narratives: the text no data can write
(what happened, causes, limitations, objectives, tasks), stored per unit, period and section."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ktxh.history.recorder import track
from ktxh.units.models import OrgUnit

# Sections that are not sectors of the catalog.
SPECIAL_SECTIONS = {
    "intro": _("Opening"),
    "key_tasks": _("Key tasks"),
    "assessment_strengths": _("Assessment: strengths"),
    "assessment_limitations": _("Assessment: limitations"),
    "assessment_causes": _("Assessment: causes"),
    "plan_objectives": _("Plan: objectives"),
    "plan_tasks": _("Plan: tasks and solutions"),
    "closing": _("Closing"),
}


@track
class Report(models.Model):
    org_unit = models.ForeignKey(OrgUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="reports")
    period = models.CharField(_("period"), max_length=16)
    number = models.CharField(_("number"), max_length=40, blank=True, help_text=_("For example 260/BC-UBND."))
    issued_on = models.DateField(_("date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=100, blank=True)
    signer_name = models.CharField(_("signer"), max_length=100, blank=True)
    signer_position = models.CharField(_("signer's position"), max_length=100, blank=True)
    authority = models.CharField(
        _("signing authority"), max_length=100, blank=True, help_text=_("TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH …")
    )
    recipients = models.TextField(_("recipients"), blank=True, help_text=_("One per line."))

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [models.UniqueConstraint(fields=["org_unit", "period"], name="report_unique_unit_period")]

    def __str__(self) -> str:
        return f"{self.org_unit} {self.period} {self.number}".strip()


@track
class Narrative(models.Model):
    org_unit = models.ForeignKey(OrgUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="narratives")
    period = models.CharField(_("period"), max_length=16)
    section = models.CharField(_("section"), max_length=64, help_text=_("A sector code or a special section."))
    order = models.PositiveIntegerField(_("order"), default=1)
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("narrative")
        verbose_name_plural = _("narratives")
        ordering = ["org_unit", "period", "section", "order"]
        constraints = [
            models.UniqueConstraint(fields=["org_unit", "period", "section", "order"], name="narrative_unique_place")
        ]

    def __str__(self) -> str:
        return f"{self.org_unit.code} {self.period} {self.section} {self.order}"


class ReportVersion(models.Model):
    """A generated report kept as it was downloaded: the .docx, and the .pdf when LibreOffice could make it.
    Not in the change log (the files are the record); numbered per unit and period."""

    org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="report_versions"
    )
    period = models.CharField(_("period"), max_length=16)
    number = models.PositiveIntegerField(_("version"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.CharField(_("created by"), max_length=150, blank=True)
    docx = models.BinaryField(_("Word file"))
    pdf = models.BinaryField(_("PDF file"), null=True, blank=True)
    pdf_note = models.TextField(_("why there is no PDF"), blank=True)
    warnings = models.TextField(_("warnings"), blank=True)

    class Meta:
        verbose_name = _("report version")
        verbose_name_plural = _("report versions")
        ordering = ["org_unit", "period", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["org_unit", "period", "number"], name="reportversion_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.org_unit.code} {self.period} v{self.number}"
