from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "ktxh.api"
    label = "ktxh_api"
    verbose_name = "API"
