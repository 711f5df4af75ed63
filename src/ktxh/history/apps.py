from django.apps import AppConfig


class HistoryConfig(AppConfig):
    name = "ktxh.history"
    label = "history"
    verbose_name = "Lịch sử thay đổi"
