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

    symbol = models.CharField(_("ký hiệu"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=100)
    dimension = models.CharField(_("đại lượng"), max_length=40)
    factor = models.DecimalField(_("hệ số quy đổi"), max_digits=24, decimal_places=6, default=1)

    class Meta:
        verbose_name = _("đơn vị tính")
        verbose_name_plural = _("đơn vị tính")
        ordering = ["dimension", "factor", "symbol"]

    def __str__(self) -> str:
        return self.symbol


@track
class Sector(models.Model):
    """A sector (lĩnh vực) in the report's own structure: Kinh tế > Nông nghiệp > Trồng trọt."""

    code = models.CharField(_("mã"), max_length=64, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    parent = models.ForeignKey("self", verbose_name=_("lĩnh vực cha"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    # Sort key of the whole tree ("0001.0002.0001"): one ORDER BY gives the report's order.
    sort_key = models.CharField(max_length=200, editable=False, default="", db_index=True)

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["sort_key"]

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        return self.sort_key.count(".")


@track
class Dimension(models.Model):
    """A way to split an indicator's values: land by use, livestock by kind, prize by level …"""

    code = models.CharField(_("mã"), max_length=64, unique=True)
    name = models.CharField(_("tên"), max_length=200)

    class Meta:
        verbose_name = _("chiều phân tổ")
        verbose_name_plural = _("chiều phân tổ")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


@track
class DimensionOption(models.Model):
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="options")
    code = models.CharField(_("mã"), max_length=64)
    name = models.CharField(_("tên"), max_length=200)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("nhóm phân tổ")
        verbose_name_plural = _("nhóm phân tổ")
        ordering = ["dimension", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["dimension", "code"], name="dimensionoption_unique_code")]

    def __str__(self) -> str:
        return self.name


@track
class TargetSource(models.Model):
    """Who set a target: tỉnh giao, huyện giao, Nghị quyết HĐND, the unit's own plan."""

    code = models.CharField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("tên"), max_length=100)
    short_name = models.CharField(_("tên ngắn"), max_length=40)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("nguồn chỉ tiêu")
        verbose_name_plural = _("nguồn chỉ tiêu")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.short_name


class ValueType(models.TextChoices):
    NUMBER = "number", _("Số")
    INTEGER = "integer", _("Số nguyên")
    PERCENT = "percent", _("Tỷ lệ %")
    TEXT = "text", _("Định tính")


class Aggregation(models.TextChoices):
    """How a parent unit's value comes from its children's (tổ dân phố → xã → tỉnh)."""

    SUM = "sum", _("Cộng")
    RATIO = "ratio", _("Tính lại tỷ lệ từ tử số và mẫu số")
    WEIGHTED_MEAN = "weighted_mean", _("Bình quân gia quyền")
    NONE = "none", _("Không tổng hợp")


class PeriodAggregation(models.TextChoices):
    """How a longer period's value comes from shorter ones (tháng → quý → 9 tháng → năm)."""

    SUM = "sum", _("Cộng dồn (số phát sinh)")
    LAST = "last", _("Số cuối kỳ (số tồn tại)")
    NONE = "none", _("Không cộng theo thời gian")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Càng cao càng tốt")
    LOWER = "lower", _("Càng thấp càng tốt")
    RANGE = "range", _("Trong khoảng")
    MAINTAIN = "maintain", _("Duy trì")
    NONE = "none", _("Không đánh giá")


@track
class Indicator(models.Model):
    code = models.CharField(_("mã"), max_length=80, unique=True)
    name = models.CharField(_("tên chỉ tiêu"), max_length=300)
    sector = models.ForeignKey(Sector, verbose_name=_("lĩnh vực"), on_delete=models.PROTECT,
                               related_name="indicators")
    unit = models.ForeignKey(Measure, verbose_name=_("đơn vị tính"), on_delete=models.PROTECT,
                             related_name="indicators")
    value_type = models.CharField(_("kiểu giá trị"), max_length=16, choices=ValueType.choices,
                                  default=ValueType.NUMBER)
    aggregation = models.CharField(_("cách tổng hợp"), max_length=16, choices=Aggregation.choices,
                                   default=Aggregation.SUM)
    period_aggregation = models.CharField(_("cách cộng theo thời gian"), max_length=16,
                                          choices=PeriodAggregation.choices, default=PeriodAggregation.SUM)
    numerator = models.ForeignKey("self", verbose_name=_("tử số"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    denominator = models.ForeignKey("self", verbose_name=_("mẫu số"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    factor = models.DecimalField(_("hệ số"), max_digits=12, decimal_places=4, null=True, blank=True)
    weight = models.ForeignKey("self", verbose_name=_("quyền số"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    direction = models.CharField(_("chiều đánh giá"), max_length=16, choices=Direction.choices,
                                 default=Direction.HIGHER)
    dimensions = models.ManyToManyField(Dimension, verbose_name=_("phân tổ"), blank=True,
                                        related_name="indicators")
    formula = models.CharField(_("công thức"), max_length=500, blank=True)
    official_code = models.CharField(_("mã chỉ tiêu thống kê"), max_length=40, blank=True)
    description = models.TextField(_("mô tả"), blank=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit.symbol})" if self.unit_id else self.name

    @property
    def is_qualitative(self) -> bool:
        return self.value_type == ValueType.TEXT
