from django.contrib import admin

from ktxh.ingest.models import ProposedFigure


@admin.register(ProposedFigure)
class ProposedFigureAdmin(admin.ModelAdmin):
    list_display = ("org_unit", "indicator", "period", "kind", "value", "unit", "confidence", "status")
    list_filter = ("status", "kind")
    search_fields = ("sentence", "report")
    raw_id_fields = ("org_unit", "indicator", "reviewed_by")
