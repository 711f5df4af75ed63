from django.contrib import admin

from ktxh.history.admin import ReadOnlyAdmin
from ktxh.workflow.models import Submission


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    """Submissions, read-only: the state changes only through the workflow's actions (who may, with the reason
    kept), never by editing a row."""

    list_display = ("period", "org_unit", "sector", "state", "submitted_by", "approved_by", "reopened_by")
    list_filter = ("state", "period", "sector")
    search_fields = ("org_unit__code", "org_unit__name", "period")
