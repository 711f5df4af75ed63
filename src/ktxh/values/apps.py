from django.apps import AppConfig


class ValuesConfig(AppConfig):
    name = "ktxh.values"
    label = "values"
    verbose_name = "Số liệu và chỉ tiêu"
