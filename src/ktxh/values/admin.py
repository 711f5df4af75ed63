from django.contrib import admin

from ktxh.values.models import DataValue


@admin.register(DataValue)
class DataValueAdmin(admin.ModelAdmin):
    list_display = ("indicator", "org_unit", "period", "kind", "target_source", "disaggregation", "value", "text")
    list_filter = ("kind", "target_source", "period")
    search_fields = ("indicator__code", "indicator__name", "org_unit__code", "comment")
    autocomplete_fields = ("indicator", "org_unit")
