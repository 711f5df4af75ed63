"""The indicator catalog: sectors, measures, disaggregation dimensions, target sources and indicators.

All of it is data (``ktxh/data/catalog``), loaded by :mod:`ktxh.loaders.catalog`; nothing here names a real
indicator.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ktxh.history.recorder import track


@track
class Measure(models.Model):
    """A unit of measure (đơn vị tính): ha, tạ/ha, tỷ đồng, %, con, hộ …"""

    symbol = models.CharField(_("symbol"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    dimension = models.CharField(_("quantity"), max_length=40)
    factor = models.DecimalField(_("conversion factor"), max_digits=24, decimal_places=6, default=1)

    class Meta:
        verbose_name = _("unit of measure")
        verbose_name_plural = _("units of measure")
        ordering = ["dimension", "factor", "symbol"]

    def __str__(self) -> str:
        return self.symbol


@track
class Sector(models.Model):
    """A sector (lĩnh vực) in the report's own structure: Kinh tế > Nông nghiệp > Trồng trọt."""

    code = models.CharField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent sector"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    # Sort key of the whole tree ("0001.0002.0001"): one ORDER BY gives the report's order.
    sort_key = models.CharField(max_length=200, editable=False, default="", db_index=True)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["sort_key"]

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        return self.sort_key.count(".")

    def lineage_codes(self) -> tuple[str, ...]:
        """Its code and the codes of the sectors above it, nearest first: what a grant limited to sectors is
        compared with (:func:`ktxh.units.scoping.allows`). Kept on the instance after the first call."""
        cached = getattr(self, "_lineage_codes", None)
        if cached is None:
            codes, cursor, seen = [], self, set()
            while cursor is not None and cursor.pk not in seen:
                seen.add(cursor.pk)
                codes.append(cursor.code)
                cursor = cursor.parent if cursor.parent_id else None
            cached = self._lineage_codes = tuple(codes)
        return cached


@track
class Dimension(models.Model):
    """A way to split an indicator's values: land by use, livestock by kind, prize by level …"""

    code = models.CharField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("disaggregation dimension")
        verbose_name_plural = _("disaggregation dimensions")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


@track
class DimensionOption(models.Model):
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="options")
    code = models.CharField(_("code"), max_length=64)
    name = models.CharField(_("name"), max_length=200)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("disaggregation option")
        verbose_name_plural = _("disaggregation options")
        ordering = ["dimension", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["dimension", "code"], name="dimensionoption_unique_code")]

    def __str__(self) -> str:
        return self.name


@track
class TargetSource(models.Model):
    """Who set a target: tỉnh giao, huyện giao, Nghị quyết HĐND, the unit's own plan."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=40)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("target source")
        verbose_name_plural = _("target sources")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.short_name


class ValueType(models.TextChoices):
    NUMBER = "number", _("Number")
    INTEGER = "integer", _("Integer")
    PERCENT = "percent", _("Percentage")
    TEXT = "text", _("Qualitative")


class Aggregation(models.TextChoices):
    """How a parent unit's value comes from its children's (tổ dân phố → xã → tỉnh)."""

    SUM = "sum", _("Sum")
    RATIO = "ratio", _("Ratio recomputed from numerator and denominator")
    WEIGHTED_MEAN = "weighted_mean", _("Weighted mean")
    NONE = "none", _("Not aggregated")


class PeriodAggregation(models.TextChoices):
    """How a longer period's value comes from shorter ones (tháng → quý → 9 tháng → năm)."""

    SUM = "sum", _("Cumulative (flow)")
    LAST = "last", _("End of period (stock)")
    NONE = "none", _("Not summed over time")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")
    RANGE = "range", _("Within a range")
    MAINTAIN = "maintain", _("Maintain")
    NONE = "none", _("Not assessed")


@track
class Indicator(models.Model):
    code = models.CharField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("indicator name"), max_length=300)
    sector = models.ForeignKey(Sector, verbose_name=_("sector"), on_delete=models.PROTECT, related_name="indicators")
    unit = models.ForeignKey(
        Measure, verbose_name=_("unit of measure"), on_delete=models.PROTECT, related_name="indicators"
    )
    value_type = models.CharField(_("value type"), max_length=16, choices=ValueType.choices, default=ValueType.NUMBER)
    aggregation = models.CharField(
        _("aggregation"), max_length=16, choices=Aggregation.choices, default=Aggregation.SUM
    )
    period_aggregation = models.CharField(
        _("period aggregation"), max_length=16, choices=PeriodAggregation.choices, default=PeriodAggregation.SUM
    )
    numerator = models.ForeignKey(
        "self", verbose_name=_("numerator"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    denominator = models.ForeignKey(
        "self", verbose_name=_("denominator"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    factor = models.DecimalField(_("factor"), max_digits=12, decimal_places=4, null=True, blank=True)
    weight = models.ForeignKey(
        "self", verbose_name=_("weight"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    direction = models.CharField(_("direction"), max_length=16, choices=Direction.choices, default=Direction.HIGHER)
    dimensions = models.ManyToManyField(
        Dimension, verbose_name=_("disaggregations"), blank=True, related_name="indicators"
    )
    formula = models.CharField(_("formula"), max_length=500, blank=True)
    official_code = models.CharField(_("statistical indicator code"), max_length=40, blank=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit.symbol})" if self.unit_id else self.name

    @property
    def is_qualitative(self) -> bool:
        return self.value_type == ValueType.TEXT

    @property
    def is_computed(self) -> bool:
        """Made from other indicators (a formula, a ratio): shown, never typed."""
        return bool(self.formula or self.numerator_id)
