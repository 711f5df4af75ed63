from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IngestConfig(AppConfig):
    name = "ktxh.ingest"
    label = "ingest"
    verbose_name = _("Figures read from reports")
    default_auto_field = "django.db.models.BigAutoField"
