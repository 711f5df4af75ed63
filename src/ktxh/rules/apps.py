from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RulesConfig(AppConfig):
    name = "ktxh.rules"
    label = "rules"
    verbose_name = _("Validation rules and findings")

    def ready(self):
        from ktxh.rules import engine
        from ktxh.values.batch import register_batch_hook

        engine.connect_signals()
        register_batch_hook(engine.deferred_rules)
