from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("ktxh — administration")
admin.site.site_title = "ktxh"
admin.site.index_title = _("Catalog and units")

urlpatterns = [
    path("healthz", include("ktxh.web.health")),
    path("admin/", admin.site.urls),
    path("api/", include("ktxh.api.urls")),
    path("", include("ktxh.web.urls")),
]
