from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "ktxh.catalog"
    label = "catalog"
    verbose_name = "Danh mục chỉ tiêu"
