from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "ktxh.web"
    label = "web"
    verbose_name = "Giao diện web"
