"""Shapes of the API's requests and answers (they also make the OpenAPI schema)."""

from __future__ import annotations

from rest_framework import serializers


class IndicatorSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    sector = serializers.CharField(source="sector.code")
    unit = serializers.CharField(source="unit.symbol", allow_null=True)
    value_type = serializers.CharField()
    direction = serializers.CharField()
    dimensions = serializers.SerializerMethodField()

    def get_dimensions(self, indicator) -> list[str]:
        return [d.code for d in indicator.dimensions.all()]


class UnitSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    type = serializers.CharField()
    parent = serializers.CharField(source="parent.code", allow_null=True, default=None)
    valid_from = serializers.DateField(allow_null=True)
    valid_to = serializers.DateField(allow_null=True)


class UnitHistorySerializer(UnitSerializer):
    predecessors = serializers.ListField(child=serializers.CharField())
    successors = serializers.ListField(child=serializers.CharField())


class FigureSerializer(serializers.Serializer):
    """A stored figure as written (a statement); numbers are strings of plain decimals (``"1134.31"``)."""

    org_unit = serializers.CharField(max_length=64)
    indicator = serializers.CharField(max_length=80)
    period = serializers.CharField(max_length=32)
    kind = serializers.ChoiceField(choices=["actual", "estimate", "target"])
    disaggregation = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    target_source = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
    target_form = serializers.CharField(max_length=16, required=False, allow_blank=True, default="")
    variant = serializers.CharField(max_length=16, required=False, allow_blank=True, default="")
    value = serializers.DecimalField(
        max_digits=21, decimal_places=6, required=False, allow_null=True, coerce_to_string=True
    )
    value_high = serializers.DecimalField(
        max_digits=21, decimal_places=6, required=False, allow_null=True, coerce_to_string=True
    )
    text = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=10000)


class BulkFiguresSerializer(serializers.Serializer):
    figures = FigureSerializer(many=True, allow_empty=False, max_length=100_000)
    dry_run = serializers.BooleanField(default=False)


class SummarySerializer(serializers.Serializer):
    rows = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    dry_run = serializers.BooleanField()


class ImportSerializer(serializers.Serializer):
    file = serializers.FileField()
    dry_run = serializers.BooleanField(default=False)


class ChangeSerializer(serializers.Serializer):
    """One figure a dry-run import would create or change: what it is, and its value before and after."""

    action = serializers.ChoiceField(choices=["create", "update"])
    org_unit = serializers.CharField()
    indicator = serializers.CharField()
    period = serializers.CharField()
    kind = serializers.CharField()
    disaggregation = serializers.CharField()
    target_source = serializers.CharField()
    variant = serializers.CharField()
    before = serializers.DictField(allow_null=True, help_text="value, value_high, text, comment before (plain numbers)")
    after = serializers.DictField(help_text="value, value_high, text, comment after (plain numbers)")


class ImportSummarySerializer(SummarySerializer):
    changes = ChangeSerializer(many=True, required=False, help_text="with dry_run: the figures that would change")
    more_changes = serializers.IntegerField(required=False, help_text="changes left out of the list")


class ReportRequestSerializer(serializers.Serializer):
    """Which report: a period code (2023, 2023S1, 2023C9), or a kind and a year."""

    org_unit = serializers.CharField(max_length=64)
    period = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
    kind = serializers.ChoiceField(choices=["year", "half", "nine"], required=False, default="year")
    year = serializers.IntegerField(min_value=1900, max_value=2200, required=False, allow_null=True, default=None)
    pdf = serializers.BooleanField(default=True, help_text="also make the PDF (when LibreOffice is installed)")


class ReportVersionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    org_unit = serializers.CharField(source="org_unit.code")
    period = serializers.CharField()
    number = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    created_by = serializers.CharField()
    has_pdf = serializers.BooleanField()
    pdf_note = serializers.CharField()
    warnings = serializers.ListField(child=serializers.CharField())
    docx = serializers.CharField(help_text="address of the .docx")
    pdf = serializers.CharField(allow_null=True, help_text="address of the .pdf, null without one")


class ProblemSerializer(serializers.Serializer):
    file = serializers.CharField()
    line = serializers.IntegerField(allow_null=True)
    column = serializers.CharField(allow_null=True)
    value = serializers.CharField(allow_blank=True, help_text="the cell as the file gives it, when about one cell")
    message = serializers.CharField()


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    problems = ProblemSerializer(many=True, required=False)


class ScorecardRowSerializer(serializers.Serializer):
    indicator_code = serializers.CharField()
    indicator_name = serializers.CharField()
    unit = serializers.CharField()
    target_source = serializers.CharField()
    target = serializers.CharField()
    actual = serializers.CharField()
    kind = serializers.CharField()
    pct_of_target = serializers.CharField()
    status = serializers.CharField()
    previous = serializers.CharField()
    change = serializers.CharField()
    change_pct = serializers.CharField()
    rank = serializers.CharField()
    disaggregation = serializers.CharField()
    note = serializers.CharField()


class ScorecardSerializer(serializers.Serializer):
    org_unit = serializers.CharField()
    period = serializers.CharField()
    rows = ScorecardRowSerializer(many=True)
