from django.contrib import admin

from ktxh.workflow.models import Submission


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    """Submissions, read-only: the state changes only through the workflow's actions (who may, with the reason
    kept), never by editing a row."""

    list_display = ("period", "org_unit", "sector", "state", "submitted_by", "approved_by", "reopened_by")
    list_filter = ("state", "period", "sector")
    search_fields = ("org_unit__code", "org_unit__name", "period")
    readonly_fields = [f.name for f in Submission._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
