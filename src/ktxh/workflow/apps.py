from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "ktxh.workflow"
    label = "workflow"
    verbose_name = _("Submission and approval")

    def ready(self):
        from ktxh.values.entry import register_lock
        from ktxh.workflow.lock import approved_figures

        register_lock(approved_figures)
