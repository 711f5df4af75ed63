from django import forms
from django.contrib import admin

from ktxh.catalog.models import Indicator
from ktxh.rules.loader import check_rule
from ktxh.rules.models import Finding, Rule


class RuleForm(forms.ModelForm):
    """A rule saved here is checked exactly as a rule file is (:func:`ktxh.rules.loader.check_rule`): a broken
    expression, an unknown indicator or a bad tolerance is an error next to its field, never a failure later when
    the rules run. The indicators a rule concerns follow from its expressions, as when it is loaded."""

    class Meta:
        model = Rule
        fields = "__all__"

    def clean(self):
        data = super().clean()
        cells = {
            name: "" if value is None else str(value)
            for name, value in data.items()
            if not isinstance(value, (list, tuple)) and name != "indicators"
        }
        checked, problems = check_rule(cells)
        for problem in problems.items:
            field = problem.column if problem.column in self.fields else None
            if field is None or field not in self.errors:
                self.add_error(field, problem.message)
        if checked is not None:
            data["indicators"] = Indicator.objects.filter(pk__in=checked.indicator_ids)
            data["applies_to_all"] = checked.applies_to_all
        return data


@admin.register(Rule)
class RuleAdmin(admin.ModelAdmin):
    form = RuleForm
    list_display = ("code", "name", "severity", "operator", "active")
    list_filter = ("severity", "operator", "active")
    search_fields = ("code", "name", "left", "right")
    filter_horizontal = ("indicators",)


@admin.register(Finding)
class FindingAdmin(admin.ModelAdmin):
    list_display = ("org_unit", "period", "rule", "severity", "status", "message", "updated_at")
    list_filter = ("severity", "status", "period", "rule")
    search_fields = ("message", "rule__code", "org_unit__code")
    readonly_fields = (
        "rule",
        "org_unit",
        "period",
        "key",
        "indicator",
        "severity",
        "message",
        "values",
        "created_at",
        "updated_at",
        "resolved_at",
    )
