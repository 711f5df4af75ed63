"""Figures: actual results, year-end estimates and targets, each for one indicator, unit, period and
disaggregation. Every change is in the change log (:mod:`ktxh.history`)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ktxh.catalog.models import Indicator, TargetSource
from ktxh.history.recorder import track
from ktxh.periods import Period, PeriodError
from ktxh.units.models import OrgUnit
from ktxh.values import locks


class Kind(models.TextChoices):
    ACTUAL = "actual", _("Actual")
    ESTIMATE = "estimate", _("Estimate")
    TARGET = "target", _("Target")


class TargetForm(models.TextChoices):
    EXACT = "exact", _("Exactly")
    AT_LEAST = "at_least", _("At least (above)")
    AT_MOST = "at_most", _("At most (below)")
    RANGE = "range", _("Within a range")
    APPROX = "approx", _("Approximately")
    QUALITATIVE = "qualitative", _("Qualitative")


class DataValueQuerySet(models.QuerySet):
    def for_period(self, period: Period):
        return self.filter(period=period.code)

    def for_units(self, units):
        """Scope to a set of units (the user's units, a subtree): every query of figures goes through here."""
        return self.filter(org_unit__in=units)


@track
class DataValue(models.Model):
    # No index of their own on the three foreign keys: every index is written on every insert (a load of a million
    # figures pays for each one), and these are covered by the indexes below, which start with the same column
    # (the target source by a partial one: only targets have it).
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="values", db_index=False
    )
    org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="values", db_index=False
    )
    disaggregation = models.CharField(_("disaggregation"), max_length=300, blank=True, default="")
    period = models.CharField(_("period"), max_length=16)
    period_start = models.DateField(_("start date"), editable=False)
    period_end = models.DateField(_("end date"), editable=False)
    kind = models.CharField(_("kind of figure"), max_length=16, choices=Kind.choices)
    target_source = models.ForeignKey(
        TargetSource,
        verbose_name=_("target source"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="values",
        db_index=False,
    )
    target_form = models.CharField(_("target form"), max_length=16, choices=TargetForm.choices, blank=True)
    variant = models.CharField(
        _("variant"),
        max_length=16,
        blank=True,
        default="",
        help_text=_(
            "Empty for the figure in use; another mark for a conflicting figure kept from the source document."
        ),
    )
    value = models.DecimalField(_("value"), max_digits=24, decimal_places=6, null=True, blank=True)
    value_high = models.DecimalField(_("upper bound"), max_digits=24, decimal_places=6, null=True, blank=True)
    text = models.CharField(_("qualitative content"), max_length=500, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    source = models.CharField(_("data source"), max_length=500, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = DataValueQuerySet.as_manager()

    class Meta:
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        ordering = ["org_unit", "indicator", "period", "kind", "disaggregation"]
        constraints = [
            # NULL target_source would escape a unique constraint, so non-targets are unique through the second.
            models.UniqueConstraint(
                fields=["indicator", "org_unit", "period", "disaggregation", "kind", "target_source", "variant"],
                condition=Q(target_source__isnull=False),
                name="datavalue_unique_target",
            ),
            models.UniqueConstraint(
                fields=["indicator", "org_unit", "period", "disaggregation", "kind", "variant"],
                condition=Q(target_source__isnull=True),
                name="datavalue_unique_value",
            ),
            models.CheckConstraint(
                condition=(Q(kind="target") & Q(target_source__isnull=False) & ~Q(target_form=""))
                | (~Q(kind="target") & Q(target_source__isnull=True) & Q(target_form="")),
                name="datavalue_target_fields_only_on_targets",
            ),
            models.CheckConstraint(condition=~Q(value__isnull=True, text=""), name="datavalue_has_value_or_text"),
        ]
        indexes = [
            models.Index(fields=["org_unit", "period"]),
            models.Index(fields=["indicator", "period"]),
            models.Index(
                fields=["target_source"], condition=Q(target_source__isnull=False), name="datavalue_target_source"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.org_unit.code} {self.period} {self.kind}"

    @classmethod
    def from_db(cls, db, field_names, values):
        """Remember where a stored figure was read from: moving it away from a closed place is a change there."""
        instance = super().from_db(db, field_names, values)
        fields = instance.__dict__
        if {"org_unit_id", "period", "indicator_id"} <= fields.keys():
            instance._loaded_place = (fields["org_unit_id"], fields["period"], fields["indicator_id"])
        return instance

    def clean(self) -> None:
        errors = validate_value(self)
        if errors:
            raise ValidationError(errors)
        reason = self.closed_reason()
        if reason:
            raise ValidationError(reason, code="closed")

    def save(self, *args, **kwargs):
        self.clean()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        reason = self.closed_reason()
        if reason:
            raise ValidationError(reason, code="closed")
        return super().delete(*args, **kwargs)

    def closed_reason(self) -> str | None:
        """Why this figure may not be written or deleted (:mod:`ktxh.values.locks`): its place is closed, or — for a
        stored figure being changed — the place it is moved away from is."""
        if not (self.org_unit_id and self.indicator_id and self.period):
            return None
        place = (self.org_unit_id, self.period, self.indicator_id)
        # A writer that has just asked, in the transaction that writes, whether this place is closed says so
        # (ktxh.values.entry.save_value): the question is not asked twice.
        checked = getattr(self, "_checked_open", ())
        places = [] if place in checked else [(self.org_unit, self.period, self.indicator)]
        loaded = getattr(self, "_loaded_place", None)
        if loaded and loaded != place and loaded not in checked:
            unit_id, period, indicator_id = loaded
            places.append((OrgUnit.objects.get(pk=unit_id), period, Indicator.objects.get(pk=indicator_id)))
        if not places:
            return None
        reasons = locks.closed_reasons(places)
        return next(iter(reasons.values()), None)


#: Dimensions of measure whose amounts cannot be below zero: a count, an area, a mass, a yield (tạ/ha), a length, a
#: volume. A change or a balance has an indicator of its own, in a signed unit (%, money).
NON_NEGATIVE_DIMENSIONS = frozenset({"count", "area", "mass", "yield", "length", "volume"})


def validate_value(v: DataValue) -> dict[str, str]:
    """The rules every figure obeys, whatever the path; returns {field: message in the active language}. Also fills
    the period dates from the period code."""
    errors: dict[str, str] = {}
    try:
        period = Period.parse(v.period)
        v.period, v.period_start, v.period_end = period.code, period.start, period.end
    except PeriodError as error:
        errors["period"] = str(error)
    errors.update(
        validate_statement(
            v.indicator if v.indicator_id else None,
            v.kind,
            v.target_source_id,
            v.target_form,
            v.value,
            v.value_high,
            v.text,
            v.disaggregation,
        )
    )
    return errors


def validate_statement(
    indicator: Indicator | None,
    kind: str,
    target_source_id: int | None,
    target_form: str,
    value: Decimal | None,
    value_high: Decimal | None,
    text: str,
    disaggregation: str,
    disaggregation_problem=None,
) -> dict[str, str]:
    """The rules of :func:`validate_value` other than the period's, on the fields themselves: the values loader
    checks a million rows with them without building a model instance per row (one set of rules, two callers).
    ``disaggregation_problem(indicator, text)`` defaults to :func:`check_disaggregation` (a loader passes a cached
    one: a file repeats the same few disaggregations)."""
    errors: dict[str, str] = {}
    if kind == Kind.TARGET:
        if not target_source_id:
            errors["target_source"] = gettext("A target needs a source (province, district, council resolution, plan).")
        if not target_form:
            errors["target_form"] = gettext(
                "A target needs a form (exact, above, below, approximate, range, qualitative)."
            )
    else:
        if target_source_id:
            errors["target_source"] = gettext("Only figures of kind «target» have a target source.")
        if target_form:
            errors["target_form"] = gettext("Only figures of kind «target» have a target form.")
    qualitative = target_form == TargetForm.QUALITATIVE or (indicator is not None and indicator.is_qualitative)
    if value is None and not text:
        errors["value"] = gettext("The value is missing (or the content, for a qualitative figure).")
    if value is not None and qualitative and indicator is not None and indicator.is_qualitative:
        errors["value"] = gettext("Indicator «%(code)s» is qualitative: write the content, not a number.") % {
            "code": indicator.code
        }
    if value is None and not qualitative and text:
        errors["value"] = gettext(
            "A quantitative figure needs a numeric value; only qualitative indicators have content alone."
        )
    if (
        indicator is not None
        and value is not None
        and indicator.value_type == "integer"
        and value != value.to_integral_value()
    ):
        errors["value"] = gettext("Indicator «%(code)s» takes whole numbers, not %(value)s.") % {
            "code": indicator.code,
            "value": value.normalize(),
        }
    if target_form == TargetForm.RANGE:
        if value is None or value_high is None:
            errors["value_high"] = gettext("A target of form «range» needs both a lower and an upper bound.")
        elif value_high < value:
            errors["value_high"] = gettext("The upper bound %(high)s is less than the lower bound %(low)s.") % {
                "high": value_high.normalize(),
                "low": value.normalize(),
            }
    elif value_high is not None:
        errors["value_high"] = gettext("Only targets of form «range» have an upper bound.")
    if (
        indicator is not None
        and "value" not in errors
        and value is not None
        and value < 0
        and indicator.unit_id
        and indicator.unit.dimension in NON_NEGATIVE_DIMENSIONS
    ):
        errors["value"] = gettext("A negative value (%(value)s) is not valid with the unit %(unit)s.") % {
            "value": value.normalize(),
            "unit": indicator.unit.symbol,
        }
    if indicator is not None and disaggregation:
        message = (disaggregation_problem or check_disaggregation)(indicator, disaggregation)
        if message:
            errors["disaggregation"] = message
    return errors


def parse_disaggregation(text: str) -> dict[str, str]:
    """``"loai_dat=dat_trong_lua;muc=2"`` → ``{"loai_dat": "dat_trong_lua", "muc": "2"}``. Raises ValueError."""
    result: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in text.split(";"))):
        dimension, sep, option = part.partition("=")
        if not sep or not dimension.strip() or not option.strip():
            raise ValueError(
                gettext(
                    "Disaggregation «%(part)s» must have the form dimension=option, for example loai_dat=dat_trong_lua."
                )
                % {"part": part}
            )
        if dimension.strip() in result:
            raise ValueError(
                gettext("Disaggregation dimension «%(dimension)s» appears twice.") % {"dimension": dimension.strip()}
            )
        result[dimension.strip()] = option.strip()
    return result


def format_disaggregation(parts: dict[str, str]) -> str:
    """The canonical text of a disaggregation: dimensions sorted, so equal splits have equal keys."""
    return ";".join(f"{d}={o}" for d, o in sorted(parts.items()))


def check_disaggregation(indicator: Indicator, text: str) -> str | None:
    if not text:
        return None
    try:
        parts = parse_disaggregation(text)
    except ValueError as error:
        return str(error)
    allowed = {d.code: {o.code for o in d.options.all()} for d in indicator.dimensions.all()}
    for dimension, option in parts.items():
        if dimension not in allowed:
            known = ", ".join(sorted(allowed)) or gettext("none")
            return gettext(
                "Indicator «%(code)s» is not disaggregated by «%(dimension)s» (allowed dimensions: %(known)s)."
            ) % {"code": indicator.code, "dimension": dimension, "known": known}
        if option not in allowed[dimension]:
            return gettext("Dimension «%(dimension)s» has no option «%(option)s».") % {
                "dimension": dimension,
                "option": option,
            }
    return None


def plain_number(value: Decimal | None) -> str:
    """``Decimal('1134.310000')`` → ``'1134.31'``: machine-readable, no exponent, no trailing zeros."""
    if value is None:
        return ""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"


class Rollup(models.Model):
    """A cache, never a statement: per parent unit, indicator, disaggregation and period, the sum of its children's
    own figures (an actual where there is one, else the estimate), how many children had one and how many of them
    were estimates — what :class:`ktxh.figures.cube.Cube` would otherwise add up on every request for a province.

    Kept by :mod:`ktxh.values.rollups`: every change of a figure or of a unit's parent marks the (parent, period)
    stale (:class:`RollupStale`) in the change log's own transaction, and a reader recomputes what is stale before
    reading. Ids of units and indicators without a database constraint: a cache row never stops a unit from being
    deleted. Not backed up (``ktxh restore`` rebuilds it)."""

    parent_id = models.BigIntegerField()
    indicator_id = models.BigIntegerField()
    disaggregation = models.CharField(max_length=300, blank=True, default="")
    period = models.CharField(max_length=16)
    period_start = models.DateField()
    period_end = models.DateField()
    total = models.DecimalField(max_digits=38, decimal_places=6)
    count = models.IntegerField()
    estimates = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["parent_id", "period", "indicator_id", "disaggregation"], name="rollup_unique_place"
            )
        ]


class RollupStale(models.Model):
    """A (parent, period) whose :class:`Rollup` rows no longer agree with the figures, written by the database in
    the same transaction as the change (a trigger on the change log, :mod:`ktxh.values.rollups`). Rows are only
    added by writers and removed by the reader that recomputed them, so a writer never waits for another."""

    parent_id = models.BigIntegerField()
    period = models.CharField(max_length=16)
    period_start = models.DateField()
    period_end = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["parent_id", "period"], name="rollupstale_place")]
