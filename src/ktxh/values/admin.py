from django.contrib import admin

from ktxh.values.models import DataValue


@admin.register(DataValue)
class DataValueAdmin(admin.ModelAdmin):
    """Figures in the admin. A figure in a closed place (approved: :mod:`ktxh.values.locks`) is shown read-only and
    cannot be deleted, alone or in a bulk action; a figure added or moved into a closed place is refused by the
    model's own check (``DataValue.clean``), with the reason on the form."""

    list_display = ("indicator", "org_unit", "period", "kind", "target_source", "disaggregation", "value", "text")
    list_filter = ("kind", "target_source", "period")
    search_fields = ("indicator__code", "indicator__name", "org_unit__code", "comment")
    autocomplete_fields = ("indicator", "org_unit")

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or not obj.closed_reason())

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or not obj.closed_reason())
