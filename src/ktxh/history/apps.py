from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HistoryConfig(AppConfig):
    name = "ktxh.history"
    label = "history"
    verbose_name = _("Change history")

    def ready(self):
        from ktxh.history import logins

        logins.connect()
