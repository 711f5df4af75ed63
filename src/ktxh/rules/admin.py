from django.contrib import admin

from ktxh.rules.models import Finding, Rule


@admin.register(Rule)
class RuleAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "severity", "operator", "active")
    list_filter = ("severity", "operator", "active")
    search_fields = ("code", "name", "left", "right")
    filter_horizontal = ("indicators",)


@admin.register(Finding)
class FindingAdmin(admin.ModelAdmin):
    list_display = ("org_unit", "period", "rule", "severity", "status", "message", "updated_at")
    list_filter = ("severity", "status", "period", "rule")
    search_fields = ("message", "rule__code", "org_unit__code")
    readonly_fields = ("rule", "org_unit", "period", "key", "indicator", "severity", "message", "values",
                       "created_at", "updated_at", "resolved_at")
