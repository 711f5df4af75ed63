from django.contrib import admin

from ktxh.reports.models import Narrative, Report


class NarrativeInline(admin.TabularInline):
    model = Narrative
    extra = 0


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("org_unit", "period", "number", "issued_on", "signer_name")
    autocomplete_fields = ("org_unit",)


@admin.register(Narrative)
class NarrativeAdmin(admin.ModelAdmin):
    list_display = ("org_unit", "period", "section", "order")
    list_filter = ("section",)
    search_fields = ("text",)
    autocomplete_fields = ("org_unit",)
