from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RulesConfig(AppConfig):
    name = "ktxh.rules"
    label = "rules"
    verbose_name = _("Validation rules and findings")

    def ready(self):
        from ktxh.rules import engine

        engine.connect_signals()
