from django.contrib import admin

from ktxh.catalog.models import Dimension, DimensionOption, Indicator, Measure, Sector, TargetSource


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ("symbol", "name", "dimension", "factor")
    search_fields = ("symbol", "name")


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "parent", "order")
    search_fields = ("code", "name")


class DimensionOptionInline(admin.TabularInline):
    model = DimensionOption
    extra = 0


@admin.register(Dimension)
class DimensionAdmin(admin.ModelAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name")
    inlines = [DimensionOptionInline]


@admin.register(TargetSource)
class TargetSourceAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "short_name", "order")


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "sector", "unit", "value_type", "aggregation", "direction")
    list_filter = ("sector", "value_type", "aggregation", "direction")
    search_fields = ("code", "name", "official_code")
    autocomplete_fields = ("numerator", "denominator", "weight")
    filter_horizontal = ("dimensions",)
