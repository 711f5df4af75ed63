from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "ktxh — quản trị"
admin.site.site_title = "ktxh"
admin.site.index_title = "Danh mục và đơn vị"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("ktxh.web.urls")),
]
